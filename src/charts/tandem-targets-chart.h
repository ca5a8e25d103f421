/* tandem-targets-chart.h — the plan as an inverted funnel, and its tornado
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-chart.h"

G_BEGIN_DECLS

typedef struct
{
  char   *name;
  double  exact;       /* unrounded */
  double  volume;      /* committed */
  double  marketing;   /* NAN without a split */
} TandemTargetsBar;

typedef struct
{
  char   *label;       /* "MQL→SAL rate +1 pt" */
  double  change;      /* revenue (or deals) change */
} TandemTornadoBar;

typedef struct
{
  GArray *stages;      /* TandemTargetsBar, first stage first */
  GArray *tornado;     /* TandemTornadoBar, largest first */
  char   *headline;    /* "$1,500,000 from 38 deals" */
  char   *tornado_unit;
  char   *currency;    /* ISO 4217: the tornado's changes are amounts in it; NULL: deals */
  /* A legend of the split bars' two shades (meeting mode sets it; not
   * drawn yet, the slide's caption says it meanwhile): the lighter left
   * part "Marketing-sourced" (ramp 0.55), the darker rest "Other sources"
   * (ramp 0.85), under the bars.  FALSE: none (or no bar is split).    */
  gboolean legend;
} TandemTargetsChartData;

TandemTargetsChartData *tandem_targets_chart_data_new  (void);
void                    tandem_targets_chart_data_free (TandemTargetsChartData *data);
void  tandem_targets_chart_add_stage   (TandemTargetsChartData *data,
                                        const char             *name,
                                        double                  exact,
                                        double                  volume,
                                        double                  marketing);
void  tandem_targets_chart_add_tornado (TandemTargetsChartData *data,
                                        const char             *label,
                                        double                  change);

/* The inverted funnel: a centred bar per stage, its width by volume. */
void  tandem_targets_draw_funnel  (cairo_t *cr, double width, double height,
                                   const TandemChartStyle *style, gpointer data);
/* The tornado: what one point of each rate, or ten per cent of each
 * amount, is worth. */
void  tandem_targets_draw_tornado (cairo_t *cr, double width, double height,
                                   const TandemChartStyle *style, gpointer data);
char *tandem_targets_dup_description (const TandemTargetsChartData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemTargetsChartData, tandem_targets_chart_data_free)

G_END_DECLS
