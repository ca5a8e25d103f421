/* tandem-funnel-page.h — the shared taxonomy and the demand waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-chart-view.h"
#include "tandem-funnel.h"
#include "tandem-funnel-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FUNNEL_PAGE (tandem_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (TandemFunnelPage, tandem_funnel_page, TANDEM, FUNNEL_PAGE, AdwBin)

/* The "store" property: the workspace shown (a pending draft is kept in
 * the one left). */
void             tandem_funnel_page_set_store     (TandemFunnelPage *self,
                                                   TandemStore      *store);
TandemStore     *tandem_funnel_page_get_store     (TandemFunnelPage *self);
/* What the page shows and edits. */
TandemFunnelState *tandem_funnel_page_get_state   (TandemFunnelPage *self);
/* Reads the stages again and recomputes (after an import). */
void             tandem_funnel_page_reload        (TandemFunnelPage *self);
/* TRUE while the waterfall is being computed; "ready" follows. */
gboolean         tandem_funnel_page_is_busy       (TandemFunnelPage *self);
TandemWaterfall *tandem_funnel_page_get_waterfall (TandemFunnelPage *self);
/* The stages as edited (maybe not saved yet). */
const TandemTaxonomy *tandem_funnel_page_get_taxonomy (TandemFunnelPage *self);
TandemChartView *tandem_funnel_page_get_chart     (TandemFunnelPage *self);
/* The mapping as edited (saved with the stages) */
const TandemFunnelMapping *tandem_funnel_page_get_mapping (TandemFunnelPage *self);
/* The line above the chart: what the numbers rest on, or why there are none */
const char      *tandem_funnel_page_get_status    (TandemFunnelPage *self);
/* Chooses a period (an index of the period list: 0 is all time), cohort
 * or flow, and a segment column (NULL: none), as the toolbar would. */
void             tandem_funnel_page_set_options   (TandemFunnelPage *self,
                                                   guint             period,
                                                   gboolean          flow,
                                                   const char       *segment);
/* A period's label and dates (NULL: unbounded), or NULL past the end. */
const char      *tandem_funnel_page_get_period    (TandemFunnelPage *self,
                                                   guint             period,
                                                   const char      **from,
                                                   const char      **to);

G_END_DECLS
