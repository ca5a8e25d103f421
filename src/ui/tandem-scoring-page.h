/* tandem-scoring-page.h — edit scoring rules, watch the matrix respond
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-matrix-view.h"
#include "tandem-scorer.h"
#include "tandem-scoring-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SCORING_PAGE (tandem_scoring_page_get_type ())
G_DECLARE_FINAL_TYPE (TandemScoringPage, tandem_scoring_page, TANDEM, SCORING_PAGE, AdwBin)

/* The "store" property: loads the live model (or the unpublished draft
 * of it) and scores the workspace on a worker thread.  NULL clears the page. */
void              tandem_scoring_page_set_store      (TandemScoringPage *self,
                                                      TandemStore       *store);
TandemStore      *tandem_scoring_page_get_store      (TandemScoringPage *self);
/* What the page shows and edits (the page's own). */
TandemScoringState *tandem_scoring_page_get_state    (TandemScoringPage *self);
/* Scores again after the leads changed (an import). */
void              tandem_scoring_page_reload         (TandemScoringPage *self);
/* TRUE while a score is being computed; "ready" is emitted after. */
gboolean          tandem_scoring_page_is_busy        (TandemScoringPage *self);

/* Whether the draft is the live model as published (nothing to publish). */
gboolean          tandem_scoring_page_is_published   (TandemScoringPage *self);
/* The draft being edited (owned by the page). */
TandemModel      *tandem_scoring_page_get_model      (TandemScoringPage *self);
TandemMatrixView *tandem_scoring_page_get_matrix     (TandemScoringPage *self);
const char       *tandem_scoring_page_get_summary    (TandemScoringPage *self);
/* What the outcomes say about the MQL cells (a cell outside them that
 * converts clearly better), one a line; NULL when they say nothing.    */
const char       *tandem_scoring_page_get_finding    (TandemScoringPage *self);
/* Sets a rule's points as its spin button would. */
void              tandem_scoring_page_set_points     (TandemScoringPage *self,
                                                      TandemDimension    dimension,
                                                      guint              rule,
                                                      double             points);
/* Adds a rule (takes ownership) as the rule editor would. */
void              tandem_scoring_page_add_rule       (TandemScoringPage *self,
                                                      TandemDimension    dimension,
                                                      TandemRule        *rule);
/* Makes the draft the live model, noting @note and what changed in the
 * decision log, as Publish does after asking why. */
gboolean          tandem_scoring_page_publish        (TandemScoringPage *self,
                                                      const char        *note,
                                                      GError           **error);
/* Renames the model being edited (and its draft) in the workspace. */
gboolean          tandem_scoring_page_rename_model   (TandemScoringPage *self,
                                                      const char        *new_name,
                                                      GError           **error);
/* Every lead's score as CSV (formula injection neutralised), as the
 * model menu's Export Scores does. */
gboolean          tandem_scoring_page_export_scores  (TandemScoringPage *self,
                                                      GFile             *file,
                                                      GError           **error);
GtkListBox       *tandem_scoring_page_get_rule_list  (TandemScoringPage *self,
                                                      TandemDimension    dimension);
/* The Compare Two Models window, while it is open (NULL otherwise). */
GtkWidget        *tandem_scoring_page_get_compare_window (TandemScoringPage *self);

G_END_DECLS
