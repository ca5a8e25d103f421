/* tandem-funnel-state.h — what the Funnel page edits and shows, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stages (a taxonomy) and the placing of leads on them (a mapping) as
 * they are being edited, whether they are saved, the period, mode, segment
 * and plan chosen, and the waterfall computed from all that on a worker
 * thread.  Every edit goes through a method, is one undo step (typing in
 * one field is one step) and is kept as a draft in the workspace a moment
 * later, so unsaved stages survive a crash or another workspace opened.
 *
 * The page binds to the properties; "stages-changed" says the list of
 * stages changed shape (a stage added, removed or moved, a template, an
 * undo), "computed" that a computation ended (the waterfall or an error),
 * "message" carries a sentence for the user (a draft brought back, a draft
 * that could not be kept…).
 */
#pragma once

#include <gio/gio.h>

#include "tandem-funnel.h"
#include "tandem-funnel-values.h"

G_BEGIN_DECLS

#define TANDEM_FUNNEL_STATE_ERROR (tandem_funnel_state_error_quark ())

typedef enum
{
  TANDEM_FUNNEL_STATE_ERROR_NO_STAGES,   /* no workspace, or one without leads */
  TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND,   /* no such stage, date column or scenario */
  TANDEM_FUNNEL_STATE_ERROR_INVALID,     /* stages that cannot be saved, a position out of range */
} TandemFunnelStateError;

GQuark tandem_funnel_state_error_quark (void);

/* Where the stages being edited come from */
typedef enum
{
  TANDEM_FUNNEL_STAGES_NONE,       /* no workspace, or no leads in it */
  TANDEM_FUNNEL_STAGES_SAVED,      /* the workspace's */
  TANDEM_FUNNEL_STAGES_PROPOSED,   /* no stages saved yet: the template the data fits */
  TANDEM_FUNNEL_STAGES_DRAFT,      /* unsaved edits of an earlier session */
} TandemFunnelStagesOrigin;

GType tandem_funnel_stages_origin_get_type (void) G_GNUC_CONST;
#define TANDEM_TYPE_FUNNEL_STAGES_ORIGIN (tandem_funnel_stages_origin_get_type ())

#define TANDEM_TYPE_FUNNEL_STATE (tandem_funnel_state_get_type ())
G_DECLARE_FINAL_TYPE (TandemFunnelState, tandem_funnel_state, TANDEM, FUNNEL_STATE, GObject)

TandemFunnelState         *tandem_funnel_state_new                (TandemStore        *store);

TandemStore               *tandem_funnel_state_get_store          (TandemFunnelState  *self);
/* Keeps a pending draft in the workspace being left, then loads. */
void                       tandem_funnel_state_set_store          (TandemFunnelState  *self,
                                                                   TandemStore        *store);
/* Reads the stages, the placing and the data's values again (after an
 * import), with the draft if there is one, and computes. */
void                       tandem_funnel_state_reload             (TandemFunnelState  *self);
/* Writes a pending draft now (before closing). */
gboolean                   tandem_funnel_state_flush              (TandemFunnelState  *self,
                                                                   GError            **error);
/* Stops the computation under way, if any. */
void                       tandem_funnel_state_cancel             (TandemFunnelState  *self);

/* ---- What is edited ------------------------------------------------------ */

/* NULL when there are no stages to edit (no workspace, no leads). */
const TandemTaxonomy      *tandem_funnel_state_get_taxonomy       (TandemFunnelState  *self);
const TandemFunnelMapping *tandem_funnel_state_get_mapping        (TandemFunnelState  *self);
TandemFunnelStagesOrigin   tandem_funnel_state_get_origin         (TandemFunnelState  *self);
/* When the origin is PROPOSED: which stages the data gave and why (as
 * tandem_funnel_auto_choose() says it); otherwise NULL.  Follows
 * "origin".                                                            */
const char                *tandem_funnel_state_get_choice         (TandemFunnelState  *self);
/* Why the stages as edited cannot be saved, or NULL. */
const char                *tandem_funnel_state_get_taxonomy_error (TandemFunnelState  *self);
/* The stages and placing are the workspace's. */
gboolean                   tandem_funnel_state_get_saved          (TandemFunnelState  *self);
/* Edited by the user since loaded or saved: there is a draft to discard. */
gboolean                   tandem_funnel_state_get_edited         (TandemFunnelState  *self);
gboolean                   tandem_funnel_state_get_can_undo       (TandemFunnelState  *self);
gboolean                   tandem_funnel_state_get_can_redo       (TandemFunnelState  *self);

/* ---- What the data offers the placing ------------------------------------ */

gboolean                   tandem_funnel_state_get_has_history    (TandemFunnelState  *self);
gboolean                   tandem_funnel_state_get_has_stage_column (TandemFunnelState *self);
/* char *: the workspace's date columns; its text columns a waterfall can
 * be broken down by. */
GPtrArray                 *tandem_funnel_state_get_date_columns   (TandemFunnelState  *self);
GPtrArray                 *tandem_funnel_state_get_segment_columns (TandemFunnelState *self);
/* TandemValueCount: the current-stage column's values, the history's
 * stage names, most frequent first (at most 60 each). */
GPtrArray                 *tandem_funnel_state_get_stage_values   (TandemFunnelState  *self);
GPtrArray                 *tandem_funnel_state_get_history_values (TandemFunnelState  *self);
/* What "automatic" picks, and the source the placing uses (never auto). */
TandemFunnelSource         tandem_funnel_state_get_automatic_source (TandemFunnelState *self);
TandemFunnelSource         tandem_funnel_state_get_effective_source (TandemFunnelState *self);
/* The column dating stage @index when the placing names none, or NULL. */
char                      *tandem_funnel_state_dup_automatic_date_column (TandemFunnelState *self,
                                                                          guint              index);

/* ---- Edits: each one undo step, kept as a draft ---------------------------- */

gboolean  tandem_funnel_state_add_stage          (TandemFunnelState  *self,
                                                  GError            **error);
gboolean  tandem_funnel_state_remove_stage       (TandemFunnelState  *self,
                                                  guint               index,
                                                  GError            **error);
gboolean  tandem_funnel_state_move_stage         (TandemFunnelState  *self,
                                                  guint               from,
                                                  guint               to,
                                                  GError            **error);
/* Typing in one field is one step; the placing follows a new name. */
gboolean  tandem_funnel_state_set_stage_name     (TandemFunnelState  *self,
                                                  guint               index,
                                                  const char         *name,
                                                  GError            **error);
gboolean  tandem_funnel_state_set_stage_short_name (TandemFunnelState *self,
                                                    guint             index,
                                                    const char       *short_name,
                                                    GError          **error);
gboolean  tandem_funnel_state_set_stage_definition (TandemFunnelState *self,
                                                    guint             index,
                                                    const char       *definition,
                                                    GError          **error);
gboolean  tandem_funnel_state_set_stage_team     (TandemFunnelState  *self,
                                                  guint               index,
                                                  TandemTeam          team,
                                                  GError            **error);
gboolean  tandem_funnel_state_set_stage_kind     (TandemFunnelState  *self,
                                                  guint               index,
                                                  TandemStageKind     kind,
                                                  GError            **error);
/* Replaces the stages; the placing loses what named the old ones. */
gboolean  tandem_funnel_state_use_template       (TandemFunnelState  *self,
                                                  TandemTemplate      template_,
                                                  GError            **error);
gboolean  tandem_funnel_state_set_source         (TandemFunnelState  *self,
                                                  TandemFunnelSource  source,
                                                  GError            **error);
gboolean  tandem_funnel_state_set_implied        (TandemFunnelState  *self,
                                                  gboolean            implied,
                                                  GError            **error);
/* A stage (by name or short name) dated by a date column; NULL or "":
 * automatic. */
gboolean  tandem_funnel_state_set_stage_date     (TandemFunnelState  *self,
                                                  const char         *stage,
                                                  const char         *column,
                                                  GError            **error);
/* A value of the stage column or history placed on a stage; NULL or "":
 * automatic. */
gboolean  tandem_funnel_state_set_value_stage    (TandemFunnelState  *self,
                                                  const char         *value,
                                                  const char         *stage,
                                                  GError            **error);
/* Writes the stages and the placing into the workspace; the draft goes. */
gboolean  tandem_funnel_state_save               (TandemFunnelState  *self,
                                                  GError            **error);
/* Drops the draft and reads the saved stages again. */
void      tandem_funnel_state_discard            (TandemFunnelState  *self);
/* FALSE when there was nothing to undo (redo). */
gboolean  tandem_funnel_state_undo               (TandemFunnelState  *self);
gboolean  tandem_funnel_state_redo               (TandemFunnelState  *self);

/* ---- What is shown --------------------------------------------------------- */

/* "YYYY-MM-DD" bounds, NULL when unbounded (or ""). */
void        tandem_funnel_state_set_period       (TandemFunnelState  *self,
                                                  const char         *from,
                                                  const char         *to);
const char *tandem_funnel_state_get_period_from  (TandemFunnelState  *self);
const char *tandem_funnel_state_get_period_to    (TandemFunnelState  *self);
void        tandem_funnel_state_set_mode         (TandemFunnelState  *self,
                                                  TandemWaterfallMode mode);
TandemWaterfallMode tandem_funnel_state_get_mode (TandemFunnelState  *self);
/* A segment column's name; NULL: all leads. */
void        tandem_funnel_state_set_segment      (TandemFunnelState  *self,
                                                  const char         *segment);
const char *tandem_funnel_state_get_segment      (TandemFunnelState  *self);
/* Also the previous period of equal length (with both bounds). */
void        tandem_funnel_state_set_previous     (TandemFunnelState  *self,
                                                  gboolean            previous);
gboolean    tandem_funnel_state_get_previous     (TandemFunnelState  *self);
/* Period, mode and segment at once: one computation. */
void        tandem_funnel_state_set_options      (TandemFunnelState  *self,
                                                  const char         *from,
                                                  const char         *to,
                                                  TandemWaterfallMode mode,
                                                  const char         *segment);
/* The latest date in the data, once the first computation has read it. */
const char *tandem_funnel_state_get_last_date    (TandemFunnelState  *self);

/* The workspace's Targets scenarios, any of which can be drawn as the plan. */
GStrv       tandem_funnel_state_list_plans       (TandemFunnelState  *self);
/* A scenario's volumes drawn as the plan (NULL or "": none).  Over all
 * time, the latest period the plan is for is shown instead, in flow.   */
gboolean    tandem_funnel_state_set_plan         (TandemFunnelState  *self,
                                                  const char         *scenario,
                                                  GError            **error);
const char *tandem_funnel_state_get_plan         (TandemFunnelState  *self);
/* "Quarterly plan, for a quarter", or NULL without a plan. */
const char *tandem_funnel_state_get_plan_label   (TandemFunnelState  *self);

/* TRUE while the waterfall is being computed; "computed" follows. */
gboolean    tandem_funnel_state_get_busy         (TandemFunnelState  *self);
/* The last waterfall computed (with the plan's volumes), or NULL. */
TandemWaterfall *tandem_funnel_state_get_waterfall (TandemFunnelState *self);
/* Why the last computation gave no waterfall, or NULL. */
const char *tandem_funnel_state_get_error        (TandemFunnelState  *self);

G_END_DECLS
