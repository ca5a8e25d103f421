/* tandem-chart-data.h — the core's results as chart data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that turns a scorer, a waterfall or a plan into what a
 * renderer draws, so the app, tandem-cli chart and the agreement draw the
 * same picture from the same numbers.
 */
#pragma once

#include "tandem-funnel.h"
#include "tandem-matrix-chart.h"
#include "tandem-figures-chart.h"
#include "tandem-plan.h"
#include "tandem-sla.h"
#include "tandem-scorer.h"
#include "tandem-targets-chart.h"
#include "tandem-waterfall-chart.h"

G_BEGIN_DECLS

/* The matrix for @bands' thresholds and cells, from @scorer's scores;
 * @live_scorer and @live (may be NULL) give the ghost. */
void                      tandem_matrix_data_from_scorer   (TandemMatrixData       *data,
                                                            const TandemScorer     *scorer,
                                                            const TandemModel      *bands,
                                                            const TandemScorer     *live_scorer,
                                                            const TandemModel      *live);
TandemWaterfallChartData *tandem_waterfall_chart_data_from (const TandemWaterfall  *waterfall);
/* @currency: the ISO 4217 code of the plan's amounts (the tornado's, when
 * the plan has a revenue), or NULL.                                     */
TandemTargetsChartData   *tandem_targets_chart_data_from   (const TandemPlanResult *result,
                                                            const char             *currency);
/* "€2,025,000 from 27 deals" (the locale's way), or NULL without a revenue. */
char                     *tandem_targets_dup_revenue_line  (const TandemPlanResult *result,
                                                            const char             *currency);

/* The service level as key figures and a response-time histogram: only
 * aggregates (no owner, no lead). */
TandemFiguresData        *tandem_figures_from_sla          (const TandemSlaReport  *report,
                                                            const TandemSlaTerms   *terms);

G_END_DECLS
