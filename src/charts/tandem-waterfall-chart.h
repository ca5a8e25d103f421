/* tandem-waterfall-chart.h — the demand waterfall, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bar per stage sized by the leads that reached it, the conversion and
 * the median days between neighbours written between the bars, leakage
 * (lost, and of those recycled) hanging below the baseline, the plan as a
 * dashed outline and the previous period as a slim bar beside each stage.
 * Segments are drawn as small multiples.  Data in, cairo out.
 */
#pragma once

#include "tandem-chart.h"

G_BEGIN_DECLS

typedef struct
{
  char   *label;            /* "MQL" */
  double  reached;
  double  lost;             /* left this stage for lost or disqualified */
  double  recycled;         /* of those, came back */
  double  conversion;       /* from the previous stage, a fraction; NAN for the first */
  double  median_days;      /* from the previous stage; NAN when unknown */
  double  planned;          /* NAN without a plan */
  double  previous;         /* the previous period's reached; NAN without one */
} TandemWaterfallBar;

typedef struct
{
  char   *title;            /* a segment's value, or NULL for all leads */
  GArray *bars;             /* TandemWaterfallBar */
} TandemWaterfallSeries;

/* One series: the waterfall; several: small multiples, one per segment. */
typedef struct
{
  GPtrArray *series;        /* TandemWaterfallSeries */
  char      *period;        /* "2024-01-01 – 2024-03-31", or NULL */
  /* Pacing (meeting mode sets it, from tandem_plan_pace ()): day
   * @pace_day of the plan's @pace_days is the latest data's; both 0 when
   * the period is over, not begun or has no plan.  Each bar with a plan
   * then has a tick across its dashed outline at the volume due by that
   * day (tandem_plan_paced_volume ()) and beside it "on pace N", so the
   * bar so far reads against what is due by now, not against the whole
   * period's plan.                                                      */
  guint      pace_day;
  guint      pace_days;
} TandemWaterfallChartData;

TandemWaterfallChartData *tandem_waterfall_chart_data_new   (void);
void                      tandem_waterfall_chart_data_free  (TandemWaterfallChartData *data);
/* Adds a series (title may be NULL) and returns it for its bars. */
TandemWaterfallSeries    *tandem_waterfall_chart_data_add_series (TandemWaterfallChartData *data,
                                                                  const char               *title);
void                      tandem_waterfall_series_add_bar   (TandemWaterfallSeries    *series,
                                                             const TandemWaterfallBar *bar);

void  tandem_waterfall_draw             (cairo_t                        *cr,
                                         double                          width,
                                         double                          height,
                                         const TandemChartStyle         *style,
                                         gpointer                        data);   /* TandemWaterfallChartData */
/* Every number the picture shows, in words. */
char *tandem_waterfall_dup_description  (const TandemWaterfallChartData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemWaterfallChartData, tandem_waterfall_chart_data_free)

G_END_DECLS
