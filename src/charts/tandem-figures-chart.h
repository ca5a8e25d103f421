/* tandem-figures-chart.h — a slide of key figures, read aloud in a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-chart.h"

G_BEGIN_DECLS

typedef struct
{
  char   *title;       /* "Service level" */
  GPtrArray *values;   /* char *: "81.6 %" */
  GPtrArray *labels;   /* char *: "of MQLs followed up within 4 working hours" */
  GArray *histogram;   /* double counts, or empty */
  char   *histogram_caption;
} TandemFiguresData;

TandemFiguresData *tandem_figures_data_new  (const char        *title);
void               tandem_figures_data_free (TandemFiguresData *data);
void               tandem_figures_add       (TandemFiguresData *data,
                                             const char        *value,
                                             const char        *label);
void               tandem_figures_draw      (cairo_t                *cr,
                                             double                  width,
                                             double                  height,
                                             const TandemChartStyle *style,
                                             gpointer                data);
char              *tandem_figures_dup_description (const TandemFiguresData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemFiguresData, tandem_figures_data_free)

G_END_DECLS
