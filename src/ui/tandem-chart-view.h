/* tandem-chart-view.h — a chart renderer as a widget, in the theme's colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-chart.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CHART_VIEW (tandem_chart_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (TandemChartView, tandem_chart_view, TANDEM, CHART_VIEW, GtkWidget)

/* Derived by a chart that the user works on (the lead matrix): it keeps
 * the style in the theme's colours and paints the draw function. */
struct _TandemChartViewClass
{
  GtkWidgetClass parent_class;

  /*< private >*/
  int min_width, min_height;
  int natural_width, natural_height;
};

/* The size the views of @klass ask for, in pixels: at least, and
 * preferably (320 × 240 and 800 × 420 unless set). */
void tandem_chart_view_class_set_size (TandemChartViewClass *klass,
                                       int                   min_width,
                                       int                   min_height,
                                       int                   natural_width,
                                       int                   natural_height);

GtkWidget *tandem_chart_view_new          (void);
/* What to paint: @draw with @data (freed by @destroy when replaced), and
 * the same in words for assistive technology. */
void       tandem_chart_view_set_chart    (TandemChartView     *self,
                                           TandemChartDrawFunc  draw,
                                           gpointer             data,
                                           GDestroyNotify       destroy,
                                           const char          *description);
gpointer   tandem_chart_view_get_data     (TandemChartView     *self);
TandemChartDrawFunc tandem_chart_view_get_draw (TandemChartView *self);
/* The theme the widget paints in (the desktop's: light or dark). */
void       tandem_chart_view_get_style    (TandemChartView     *self,
                                           TandemChartStyle    *out);

/* The style painted with, owned by the widget: for a subclass's layout. */
const TandemChartStyle *tandem_chart_view_peek_style (TandemChartView *self);

/* Paints in @theme whatever the desktop's style (the projector theme). */
void       tandem_chart_view_set_theme    (TandemChartView     *self,
                                           TandemChartTheme     theme);

G_END_DECLS
