/* test-decay-chart.c — the rule editor's decay preview, off-screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "tandem-decay-chart.h"
#include "test-util.h"

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  return ((const guint32 *) row)[x] & 0xffffff;
}

static double
distance (guint32           rgb,
          const TandemRgba *color)
{
  return fabs (((rgb >> 16) & 0xff) / 255.0 - color->red) + fabs (((rgb >> 8) & 0xff) / 255.0 - color->green) +
         fabs ((rgb & 0xff) / 255.0 - color->blue);
}

/* Drawn over the style's background, as the widget draws over the window */
static cairo_surface_t *
render (const TandemDecayData  *data,
        const TandemChartStyle *style,
        int                     width,
        int                     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  tandem_chart_set_source (cr, &style->background);
  cairo_paint (cr);
  tandem_decay_draw (cr, width, height, style, (gpointer) data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The curve's own colour where it should be: the closest pixel to the
 * accent within two pixels of the computed point */
static void
assert_curve_at (cairo_surface_t        *surface,
                 const TandemDecayData  *data,
                 const TandemChartStyle *style,
                 double                  age_days)
{
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);
  double x, y, best = G_MAXDOUBLE;

  tandem_decay_point (data, width, height, age_days, &x, &y);
  for (int dy = -2; dy <= 2; dy++)
    best = MIN (best, distance (pixel (surface, (int) x, CLAMP ((int) y + dy, 0, height - 1)), &style->accent));
  g_assert_cmpfloat (best, <, 0.15);
}

static void
test_worth (void)
{
  TandemDecayData fading = { .half_life_days = 30 };
  TandemDecayData windowed = { .half_life_days = 30, .within_days = 200 };
  TandemDecayData flat = { 0 };

  g_assert_cmpfloat (tandem_decay_span (&fading), ==, 120);
  g_assert_cmpfloat (tandem_decay_span (&windowed), ==, 250);
  g_assert_cmpfloat (tandem_decay_span (&flat), ==, 90);
  g_assert_cmpfloat_with_epsilon (tandem_decay_worth (&fading, 0), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (tandem_decay_worth (&fading, 30), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (tandem_decay_worth (&fading, 60), 0.25, 1e-12);
  g_assert_cmpfloat (tandem_decay_worth (&windowed, 201), ==, 0);
  g_assert_cmpfloat (tandem_decay_worth (&flat, 1000), ==, 1);
}

static void
test_draw (void)
{
  static const TandemChartTheme themes[] = { TANDEM_CHART_THEME_LIGHT, TANDEM_CHART_THEME_DARK, TANDEM_CHART_THEME_PROJECTOR };
  TandemDecayData data = { .half_life_days = 30, .within_days = 100 };

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      TandemChartStyle style;
      cairo_surface_t *surface;
      guint32 first;
      gboolean varied = FALSE;
      double x, y;

      tandem_chart_style_init (&style, themes[t]);
      surface = render (&data, &style, 400, 120);

      /* Not blank */
      first = pixel (surface, 0, 0);
      for (int py = 0; py < 120 && !varied; py += 3)
        for (int px = 0; px < 400 && !varied; px += 3)
          varied = pixel (surface, px, py) != first;
      g_assert_true (varied);

      /* The curve in the theme's accent: full worth when new, half at
       * one half-life, a quarter at two */
      assert_curve_at (surface, &data, &style, 2);
      assert_curve_at (surface, &data, &style, 30);
      assert_curve_at (surface, &data, &style, 60);

      /* Past the window the curve lies on the floor, not where the
       * fading would have put it */
      tandem_decay_point (&data, 400, 120, 110, &x, &y);
      g_assert_cmpfloat (y, ==, 100);
      g_assert_cmpfloat (distance (pixel (surface, (int) x, (int) round (100 - pow (0.5, 110 / 30.0) * 90)), &style.accent), >, 0.3);

      /* Above the curve, away from it: the background */
      tandem_decay_point (&data, 400, 120, 60, &x, &y);
      g_assert_cmpfloat (distance (pixel (surface, (int) x, 2), &style.background), <, 0.01);

      cairo_surface_destroy (surface);
      tandem_chart_style_clear (&style);
    }
}

static void
test_export (void)
{
  TandemDecayData data = { .half_life_days = 14 };
  TandemChartStyle style;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_tmp_path ("decay.png");
  cairo_surface_t *png;

  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  g_assert_true (tandem_chart_export (path, 400, 120, 2, &style, tandem_decay_draw, &data, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  cairo_surface_destroy (png);
  tandem_chart_style_clear (&style);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/decay-chart/worth", test_worth);
  g_test_add_func ("/decay-chart/draw", test_draw);
  g_test_add_func ("/decay-chart/export", test_export);
  return g_test_run ();
}
