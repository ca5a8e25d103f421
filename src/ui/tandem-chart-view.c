/* tandem-chart-view.c — a chart renderer as a widget, in the theme's colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-chart-view.h"
#include "tandem-compat.h"

#include <adwaita.h>

typedef struct
{
  TandemChartDrawFunc  draw;
  gpointer             data;
  GDestroyNotify       destroy;
  TandemChartStyle     style;
  gboolean             forced;
  TandemChartTheme     theme;
} TandemChartViewPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TandemChartView, tandem_chart_view, GTK_TYPE_WIDGET)

static void
read_style (TandemChartView *self)
{
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);

  if (priv->forced)
    {
      /* A theme of its own, whatever the desktop's (the projector) */
      tandem_chart_style_clear (&priv->style);
      tandem_chart_style_init (&priv->style, priv->theme);
      return;
    }
  tandem_compat_read_chart_style (GTK_WIDGET (self), &priv->style);
}

static void
tandem_chart_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tandem_chart_view_parent_class)->css_changed (widget, change);
  read_style (TANDEM_CHART_VIEW (widget));
  gtk_widget_queue_draw (widget);
}

static void
tandem_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TandemChartView *self = TANDEM_CHART_VIEW (widget);
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (priv->draw == NULL || width < 40 || height < 40)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  priv->draw (cr, width, height, &priv->style, priv->data);
  cairo_destroy (cr);
}

static void
tandem_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  TandemChartViewClass *klass = TANDEM_CHART_VIEW_GET_CLASS (widget);

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? klass->min_width : klass->min_height;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? klass->natural_width : klass->natural_height;
}

static void
tandem_chart_view_finalize (GObject *object)
{
  TandemChartView *self = TANDEM_CHART_VIEW (object);
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);

  if (priv->destroy && priv->data)
    priv->destroy (priv->data);
  tandem_chart_style_clear (&priv->style);
  G_OBJECT_CLASS (tandem_chart_view_parent_class)->finalize (object);
}

void
tandem_chart_view_class_set_size (TandemChartViewClass *klass,
                                  int                   min_width,
                                  int                   min_height,
                                  int                   natural_width,
                                  int                   natural_height)
{
  g_return_if_fail (TANDEM_IS_CHART_VIEW_CLASS (klass));

  klass->min_width = min_width;
  klass->min_height = min_height;
  klass->natural_width = natural_width;
  klass->natural_height = natural_height;
}

static void
tandem_chart_view_class_init (TandemChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tandem_chart_view_finalize;
  tandem_chart_view_class_set_size (klass, 320, 240, 800, 420);
  widget_class->snapshot = tandem_chart_view_snapshot;
  widget_class->measure = tandem_chart_view_measure;
  widget_class->css_changed = tandem_chart_view_css_changed;
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tandem_chart_view_init (TandemChartView *self)
{
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);

  tandem_chart_style_init (&priv->style, TANDEM_CHART_THEME_LIGHT);
}

GtkWidget *
tandem_chart_view_new (void)
{
  return g_object_new (TANDEM_TYPE_CHART_VIEW, NULL);
}

void
tandem_chart_view_set_chart (TandemChartView     *self,
                             TandemChartDrawFunc  draw,
                             gpointer             data,
                             GDestroyNotify       destroy,
                             const char          *description)
{
  TandemChartViewPrivate *priv;

  g_return_if_fail (TANDEM_IS_CHART_VIEW (self));

  priv = tandem_chart_view_get_instance_private (self);
  if (priv->destroy && priv->data)
    priv->destroy (priv->data);
  priv->draw = draw;
  priv->data = data;
  priv->destroy = destroy;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gpointer
tandem_chart_view_get_data (TandemChartView *self)
{
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);

  return priv->data;
}

void
tandem_chart_view_get_style (TandemChartView  *self,
                             TandemChartStyle *out)
{
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);

  *out = priv->style;
  out->font_family = g_strdup (priv->style.font_family);
}

void
tandem_chart_view_set_theme (TandemChartView  *self,
                             TandemChartTheme  theme)
{
  TandemChartViewPrivate *priv;

  g_return_if_fail (TANDEM_IS_CHART_VIEW (self));

  priv = tandem_chart_view_get_instance_private (self);
  priv->forced = TRUE;
  priv->theme = theme;
  read_style (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TandemChartDrawFunc
tandem_chart_view_get_draw (TandemChartView *self)
{
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);

  return priv->draw;
}

const TandemChartStyle *
tandem_chart_view_peek_style (TandemChartView *self)
{
  TandemChartViewPrivate *priv = tandem_chart_view_get_instance_private (self);

  return &priv->style;
}
