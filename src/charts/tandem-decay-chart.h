/* tandem-decay-chart.h — what one event is worth as it ages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule editor's preview of an event rule: the worth of one event
 * (1 when new) against its age in days, halving every half-life and
 * dropping to nothing past the window.
 */
#pragma once

#include "tandem-chart.h"

G_BEGIN_DECLS

typedef struct
{
  double half_life_days;   /* 0: the worth does not fade */
  double within_days;      /* 0: no window, old events count too */
} TandemDecayData;

/* The span the chart shows: four half-lives, or the window and a quarter
 * more, whichever is longer; 90 days when neither is set. */
double  tandem_decay_span  (const TandemDecayData   *data);
/* What an event @age_days old is worth, from 0 to 1. */
double  tandem_decay_worth (const TandemDecayData   *data,
                            double                   age_days);

/* A TandemChartDrawFunc: @data is a TandemDecayData.  The curve in the
 * style's accent, the baseline and the caption in its foreground. */
void    tandem_decay_draw  (cairo_t                 *cr,
                            double                   width,
                            double                   height,
                            const TandemChartStyle  *style,
                            gpointer                 data);

/* Where the curve is drawn at @age_days, for tests: (x, y) in a chart of
 * @width × @height. */
void    tandem_decay_point (const TandemDecayData   *data,
                            double                   width,
                            double                   height,
                            double                   age_days,
                            double                  *x,
                            double                  *y);

G_END_DECLS
