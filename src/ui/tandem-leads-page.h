/* tandem-leads-page.h — the workspace's leads in a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-lead-list.h"
#include "tandem-scoring-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_LEADS_PAGE (tandem_leads_page_get_type ())
G_DECLARE_FINAL_TYPE (TandemLeadsPage, tandem_leads_page, TANDEM, LEADS_PAGE, AdwBin)

/* The "store" property: the window's template binds it to the window's */
void            tandem_leads_page_set_store     (TandemLeadsPage *self,
                                                 TandemStore     *store);
TandemStore    *tandem_leads_page_get_store     (TandemLeadsPage *self);
/* The "scoring-state" property: the live model's score, grade and MQL
 * columns come from its live scorer (the window binds it to the Scoring
 * page's state).  NULL: no such columns. */
void            tandem_leads_page_set_scoring_state (TandemLeadsPage    *self,
                                                     TandemScoringState *state);
TandemScoringState *tandem_leads_page_get_scoring_state (TandemLeadsPage *self);
/* Re-reads columns and rows, e.g. after an import. */
void            tandem_leads_page_reload        (TandemLeadsPage *self);
TandemLeadList *tandem_leads_page_get_list      (TandemLeadsPage *self);
GtkColumnView  *tandem_leads_page_get_column_view (TandemLeadsPage *self);
/* Tests: the Score cells bound now, as "ROWID TEXT" lines (element type char*) */
GPtrArray      *tandem_leads_page_dup_shown_scores (TandemLeadsPage *self);
void            tandem_leads_page_focus_search  (TandemLeadsPage *self);
/* TRUE when the page shows its empty state (no leads in the workspace). */
gboolean        tandem_leads_page_is_empty      (TandemLeadsPage *self);

G_END_DECLS
