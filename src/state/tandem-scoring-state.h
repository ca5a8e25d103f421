/* tandem-scoring-state.h — the scoring model being edited, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Scoring page edits: a draft of a stored model, the live model
 * it is compared with, the scorers of both, the counts they give, the
 * undo history and the draft kept in the workspace a moment after each
 * edit.  Every edit the page makes is a method here; the page binds its
 * widgets to the properties and redraws on the signals.
 *
 * Points, on/off, limits, bands and cells are applied to the scorer in
 * place (milliseconds, even for a million leads); a new or changed rule
 * scores again on a worker thread, whose result lands on the main loop —
 * or is dropped when a newer edit made it stale.
 */
#pragma once

#include <gio/gio.h>

#include "tandem-scorer.h"
#include "tandem-suggest.h"

G_BEGIN_DECLS

/* What the state can show */
typedef enum
{
  TANDEM_SCORING_STATUS_EMPTY,    /* no workspace, or no leads in it */
  TANDEM_SCORING_STATUS_LOADING,  /* the first score is being computed */
  TANDEM_SCORING_STATUS_FAILED,   /* the model does not fit the workspace: see "failure" */
  TANDEM_SCORING_STATUS_READY,    /* counts are there */
} TandemScoringStatus;

#define TANDEM_TYPE_SCORING_STATUS (tandem_scoring_status_get_type ())
GType tandem_scoring_status_get_type (void) G_GNUC_CONST;

#define TANDEM_TYPE_SCORING_STATE (tandem_scoring_state_get_type ())
G_DECLARE_FINAL_TYPE (TandemScoringState, tandem_scoring_state, TANDEM, SCORING_STATE, GObject)

TandemScoringState *tandem_scoring_state_new            (TandemStore        *store);

/* A new store flushes the pending draft of the old one, then loads the
 * live model (or its unpublished draft) and scores it.  NULL clears.   */
TandemStore        *tandem_scoring_state_get_store      (TandemScoringState *self);
void                tandem_scoring_state_set_store      (TandemScoringState *self,
                                                         TandemStore        *store);
/* Scores again after the leads changed (an import). */
void                tandem_scoring_state_reload         (TandemScoringState *self);

/* The draft being edited (the state's; edits change it in place, undo
 * replaces it: "notify::model"), its stored name, and the live model.  */
TandemModel        *tandem_scoring_state_get_model      (TandemScoringState *self);
const char         *tandem_scoring_state_get_base_name  (TandemScoringState *self);
TandemModel        *tandem_scoring_state_get_live_model (TandemScoringState *self);
/* Scores of (a recent state of) the draft, and of the live model. */
TandemScorer       *tandem_scoring_state_get_scorer     (TandemScoringState *self);
TandemScorer       *tandem_scoring_state_get_live_scorer (TandemScoringState *self);

TandemScoringStatus tandem_scoring_state_get_status     (TandemScoringState *self);
const char         *tandem_scoring_state_get_failure    (TandemScoringState *self);
gboolean            tandem_scoring_state_get_busy       (TandemScoringState *self);
/* Whether the draft is the live model as published (nothing to publish). */
gboolean            tandem_scoring_state_get_published  (TandemScoringState *self);
gboolean            tandem_scoring_state_get_can_undo   (TandemScoringState *self);
gboolean            tandem_scoring_state_get_can_redo   (TandemScoringState *self);

/* The summary numbers.  Entering and leaving (MQL, against the live
 * model) come a moment after the counts: "details-ready". */
guint               tandem_scoring_state_get_mql        (TandemScoringState *self);
guint               tandem_scoring_state_get_mql_won    (TandemScoringState *self);
gboolean            tandem_scoring_state_get_has_outcomes (TandemScoringState *self);
gboolean            tandem_scoring_state_get_has_live   (TandemScoringState *self);
guint               tandem_scoring_state_get_live_mql   (TandemScoringState *self);
guint               tandem_scoring_state_get_live_mql_won (TandemScoringState *self);
gboolean            tandem_scoring_state_get_details_ready (TandemScoringState *self);
guint               tandem_scoring_state_get_entering   (TandemScoringState *self);
guint               tandem_scoring_state_get_leaving    (TandemScoringState *self);
/* The draft's matrix as last counted; FALSE before the first score. */
gboolean            tandem_scoring_state_get_counts     (TandemScoringState *self,
                                                         guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
                                                         guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS]);
/* The live model's matrix; FALSE when there is no live scorer. */
gboolean            tandem_scoring_state_get_live_counts (TandemScoringState *self,
                                                          guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS]);
/* A rule's reach once the details are ready: the leads it matches, their
 * share, and its lift (NAN without outcomes).  FALSE when not known.    */
gboolean            tandem_scoring_state_get_rule_reach (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         guint               rule,
                                                         guint              *matched,
                                                         double             *share,
                                                         double             *lift);
/* A cell's leads (indices into the scorer), best total first. */
GArray             *tandem_scoring_state_list_cell_leads (TandemScoringState *self,
                                                          guint               fit_band,
                                                          guint               interest_band);

/* ---- Edits: each is one undo step, saved as the draft a moment later ---- */

void                tandem_scoring_state_set_points     (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         guint               rule,
                                                         double              points);
void                tandem_scoring_state_set_enabled    (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         guint               rule,
                                                         gboolean            enabled);
/* Takes @rule; refuses (FALSE, nothing changed) one that does not fit
 * the workspace.  A @rule_index past the end adds, else replaces.      */
gboolean            tandem_scoring_state_add_rule       (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         TandemRule         *rule,
                                                         GError            **error);
gboolean            tandem_scoring_state_replace_rule   (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         guint               rule_index,
                                                         TandemRule         *rule,
                                                         GError            **error);
void                tandem_scoring_state_duplicate_rule (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         guint               rule);
void                tandem_scoring_state_delete_rule    (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         guint               rule);
/* Where a band starts; kept between its neighbours.  @light (a handle
 * being dragged) recounts from the score histogram only.               */
void                tandem_scoring_state_set_threshold  (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         guint               index,
                                                         double              value,
                                                         gboolean            light);
/* The lowest (@is_cap FALSE) or highest score; refused when the highest
 * would not be above the lowest.                                        */
gboolean            tandem_scoring_state_set_limit      (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         gboolean            is_cap,
                                                         gboolean            on,
                                                         double              value,
                                                         GError            **error);
/* One band more (below the lowest) or fewer (the lowest). */
void                tandem_scoring_state_change_bands   (TandemScoringState *self,
                                                         TandemDimension     dimension,
                                                         int                 delta);
void                tandem_scoring_state_toggle_cell    (TandemScoringState *self,
                                                         guint               fit_band,
                                                         guint               interest_band);
/* The whole draft replaced by @model (an imported file), if it fits. */
gboolean            tandem_scoring_state_replace_model  (TandemScoringState *self,
                                                         TandemModel        *model,
                                                         GError            **error);
/* ---- A model suggested from outcomes ------------------------------- */

/* Fits a suggestion on a worker thread; @progress (may be NULL) is called
 * on the caller's main context, never after @cancellable is cancelled. */
void                tandem_scoring_state_suggest_async  (TandemScoringState          *self,
                                                         const TandemSuggestOptions  *options,
                                                         GCancellable                *cancellable,
                                                         TandemSuggestProgressFunc    progress,
                                                         gpointer                     progress_data,
                                                         GAsyncReadyCallback          callback,
                                                         gpointer                     user_data);
TandemSuggestion   *tandem_scoring_state_suggest_finish (TandemScoringState          *self,
                                                         GAsyncResult                *result,
                                                         GError                     **error);
/* The suggestion's model as the draft, one undo step. */
gboolean            tandem_scoring_state_accept_suggestion (TandemScoringState       *self,
                                                         TandemSuggestion            *suggestion,
                                                         GError                     **error);

/* Back to the stored model, as one undo step. */
void                tandem_scoring_state_discard_draft  (TandemScoringState *self);
void                tandem_scoring_state_undo           (TandemScoringState *self);
void                tandem_scoring_state_redo           (TandemScoringState *self);

/* ---- Models in the workspace ---------------------------------------- */

/* Makes the draft the live model, noting @note and what changed in the
 * decision log: all or nothing. */
gboolean            tandem_scoring_state_publish        (TandemScoringState *self,
                                                         const char         *note,
                                                         GError            **error);
/* Keeps the pending draft, then edits @name (or its draft).  */
gboolean            tandem_scoring_state_open_model     (TandemScoringState *self,
                                                         const char         *name,
                                                         GError            **error);
/* A new stored model, a copy of the draft, then edited in its place. */
gboolean            tandem_scoring_state_save_as        (TandemScoringState *self,
                                                         const char         *name,
                                                         GError            **error);
/* Renames the stored model and its draft together. */
gboolean            tandem_scoring_state_rename         (TandemScoringState *self,
                                                         const char         *new_name,
                                                         GError            **error);
/* Deletes the model being edited and its draft (never the live one),
 * then edits the live model. */
gboolean            tandem_scoring_state_delete_model   (TandemScoringState *self,
                                                         GError            **error);
/* Writes the pending draft now. */
gboolean            tandem_scoring_state_flush_draft    (TandemScoringState *self,
                                                         GError            **error);
/* Every lead's score as CSV (formula injection neutralised). */
gboolean            tandem_scoring_state_export_scores  (TandemScoringState *self,
                                                         GFile              *file,
                                                         GError            **error);

G_END_DECLS
