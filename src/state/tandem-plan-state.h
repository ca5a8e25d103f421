/* tandem-plan-state.h — the Targets page's state, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan being edited and its result, the workspace's scenarios and the
 * one chosen, undo and redo (TandemHistory: one step per field typed in),
 * the unsaved plan kept in the workspace (TandemDraftKeeper) and the
 * actual rates, counted on a worker thread.  The page binds to it; the
 * tests drive it without one.
 *
 * Every edit goes through a method.  The field setters change one value
 * (the page's own edits: "result" follows); anything that replaces the
 * plan as a whole — undo, redo, a scenario, the actual rates, the draft
 * brought back — emits "input-changed" too, for the form to be refilled.
 */
#pragma once

#include <gio/gio.h>

#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PLAN_STATE (tandem_plan_state_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanState, tandem_plan_state, TANDEM, PLAN_STATE, GObject)

/* One value of the plan, in the plan's own units: fractions for rates and
 * shares, NAN for an option not given; the enumerations as numbers.     */
typedef enum
{
  TANDEM_PLAN_FIELD_MODE,             /* TandemPlanMode */
  TANDEM_PLAN_FIELD_REVENUE,
  TANDEM_PLAN_FIELD_DEAL_SIZE,
  TANDEM_PLAN_FIELD_ANCHOR_STAGE,     /* a stage's index */
  TANDEM_PLAN_FIELD_ANCHOR_VOLUME,
  TANDEM_PLAN_FIELD_PERIOD,           /* TandemPlanPeriod */
  TANDEM_PLAN_FIELD_ROUNDING,         /* TandemPlanRounding */
  TANDEM_PLAN_FIELD_RATE,             /* index: from stages[index] to the next */
  TANDEM_PLAN_FIELD_WIN_RATE,
  TANDEM_PLAN_FIELD_COVERAGE,
  TANDEM_PLAN_FIELD_PIPELINE,
  TANDEM_PLAN_FIELD_MARKETING_SHARE,
  TANDEM_PLAN_FIELD_COST,             /* index: the stage */
  TANDEM_PLAN_FIELD_SDR_HEADS,
  TANDEM_PLAN_FIELD_SDR_PER_HEAD,
  TANDEM_PLAN_FIELD_AE_HEADS,
  TANDEM_PLAN_FIELD_AE_PER_HEAD,
} TandemPlanField;

/* The settings the unsaved plan is kept in */
#define TANDEM_PLAN_STATE_DRAFT_INPUT    "targets.draft.input"
#define TANDEM_PLAN_STATE_DRAFT_SCENARIO "targets.draft.scenario"

TandemPlanState       *tandem_plan_state_new                (void);

/* Setting the store (again: as when the workspace is opened again) keeps
 * a pending draft in the one left, forgets the history, and brings back
 * the new one's unsaved plan, else its first scenario.                  */
TandemStore           *tandem_plan_state_get_store          (TandemPlanState        *self);
void                   tandem_plan_state_set_store          (TandemPlanState        *self,
                                                             TandemStore            *store);

/* The plan as edited (owned by the state), its result or the reason there
 * is none, and the arithmetic one step a line.                          */
const TandemPlanInput *tandem_plan_state_get_input          (TandemPlanState        *self);
TandemPlanResult      *tandem_plan_state_get_result         (TandemPlanState        *self);
const char            *tandem_plan_state_get_error          (TandemPlanState        *self);
const char            *tandem_plan_state_get_steps          (TandemPlanState        *self);

/* Replaces the plan (no undo step, no draft). */
void                   tandem_plan_state_set_input          (TandemPlanState        *self,
                                                             const TandemPlanInput  *input);
/* One edit; the same field edited again at once is the same undo step.
 * A value equal to the one held changes nothing.                        */
void                   tandem_plan_state_set_field          (TandemPlanState        *self,
                                                             TandemPlanField         field,
                                                             guint                   index,
                                                             double                  value);
double                 tandem_plan_state_get_field          (TandemPlanState        *self,
                                                             TandemPlanField         field,
                                                             guint                   index);

/* The currency of the plan's amounts: the workspace's ("currency"; the
 * locale's without a workspace).  Setting it writes it to the workspace
 * (tandem_store_set_currency()) and is one undo step: undo sets it back
 * there too.  An unknown code is refused, nothing changed.            */
const char            *tandem_plan_state_get_currency       (TandemPlanState        *self);
/* With no scenario saved, the plan starts from the workspace's stages,
 * rates and median won deal (counted on a worker thread, "origin"
 * notified): where those come from, in words; NULL otherwise. */
const char            *tandem_plan_state_get_origin         (TandemPlanState        *self);
/* The same for the goal ("an example goal: type yours") and the deal size
 * ("median of 4,238 won deals", "a typical value — …"), while the field
 * still holds the starting value; NULL otherwise and for other fields. */
const char            *tandem_plan_state_get_field_origin   (TandemPlanState        *self,
                                                             TandemPlanField         field);
gboolean               tandem_plan_state_set_currency       (TandemPlanState        *self,
                                                             const char             *code,
                                                             GError                **error);

/* The workspace's scenarios (alphabetically) and the one chosen, or NULL */
const char *const     *tandem_plan_state_get_scenarios      (TandemPlanState        *self);
const char            *tandem_plan_state_get_scenario       (TandemPlanState        *self);
/* Loads a scenario into the plan (an undo step); the unsaved plan goes.
 * NULL: the plan stays, saved under no name.                            */
gboolean               tandem_plan_state_choose_scenario    (TandemPlanState        *self,
                                                             const char             *name,
                                                             GError                **error);
gboolean               tandem_plan_state_save_scenario      (TandemPlanState        *self,
                                                             const char             *name,
                                                             GError                **error);
/* Keeps the plan as "Name (copy)", "Name (copy 2)"…: the name chosen. */
char                  *tandem_plan_state_duplicate_scenario (TandemPlanState        *self,
                                                             GError                **error);
/* Deletes the chosen scenario; its numbers stay in the plan. */
gboolean               tandem_plan_state_delete_scenario    (TandemPlanState        *self,
                                                             GError                **error);
/* Drops the unsaved plan: the chosen scenario as saved (an undo step). */
gboolean               tandem_plan_state_discard            (TandemPlanState        *self,
                                                             GError                **error);

gboolean               tandem_plan_state_get_can_undo       (TandemPlanState        *self);
gboolean               tandem_plan_state_get_can_redo       (TandemPlanState        *self);
gboolean               tandem_plan_state_undo               (TandemPlanState        *self);
gboolean               tandem_plan_state_redo               (TandemPlanState        *self);

/* The conversion between the plan's stages in the workspace's data from
 * @from to @to (NULL: unbounded), counted on a worker thread, then set in
 * the plan (an undo step).  "busy" meanwhile.                           */
gboolean               tandem_plan_state_get_busy           (TandemPlanState        *self);
void                   tandem_plan_state_use_actual_rates_async  (TandemPlanState     *self,
                                                                  const char          *from,
                                                                  const char          *to,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
/* The rates filled, and whether the plan took the Funnel's stages first */
gboolean               tandem_plan_state_use_actual_rates_finish (TandemPlanState     *self,
                                                                  GAsyncResult        *result,
                                                                  guint               *out_filled,
                                                                  gboolean            *out_stages_replaced,
                                                                  GError             **error);

/* Writes a pending draft now (before closing). */
gboolean               tandem_plan_state_flush_draft        (TandemPlanState        *self,
                                                             GError                **error);

G_END_DECLS
