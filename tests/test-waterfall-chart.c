/* test-waterfall-chart.c — the waterfall renderer, off-screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tandem-waterfall-chart.h"
#include "test-util.h"

static TandemWaterfallChartData *
sample (guint n_series)
{
  TandemWaterfallChartData *data = tandem_waterfall_chart_data_new ();
  static const char *const names[] = { "INQ", "MQL", "SAL", "SQL", "WON" };
  static const double reached[] = { 1000, 400, 200, 100, 25 };

  data->period = g_strdup ("Cohort · 2024-01-01 – 2024-03-31");
  for (guint s = 0; s < n_series; s++)
    {
      TandemWaterfallSeries *series = tandem_waterfall_chart_data_add_series (data, n_series > 1 ? "Webinar" : NULL);
      for (guint i = 0; i < 5; i++)
        {
          TandemWaterfallBar bar = { (char *) names[i], reached[i], i ? 50 : 0, i == 1 ? 10 : 0,
                                     i ? reached[i] / reached[i - 1] : NAN, i ? 7 : NAN, i == 4 ? 30 : NAN, reached[i] * 0.9 };
          tandem_waterfall_series_add_bar (series, &bar);
        }
    }
  return data;
}

static void
test_png_svg_pdf (void)
{
  g_autoptr(TandemWaterfallChartData) one = sample (1);
  g_autoptr(TandemWaterfallChartData) four = sample (4);
  g_autoptr(GError) error = NULL;
  g_autofree char *png = test_tmp_path ("waterfall.png");
  g_autofree char *svg = test_tmp_path ("waterfall.svg");
  g_autofree char *pdf = test_tmp_path ("waterfall.pdf");
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  TandemChartStyle style;
  TandemRgba bar;
  guint32 first = 0, expected;
  gboolean varied = FALSE, saw_bar = FALSE;
  gsize length;

  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  g_assert_true (tandem_chart_export (png, 1000, 600, 2, &style, tandem_waterfall_draw, one, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2000);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1200);

  /* Not blank, and the first (tallest) bar wears the bar colour: sample
   * the lower middle of the first slot */
  tandem_chart_ramp (&style, FALSE, 0.85, &bar);
  expected = (guint32) lround (bar.red * 255) << 16 | (guint32) lround (bar.green * 255) << 8 | (guint32) lround (bar.blue * 255);
  for (int y = 0; y < 1200; y += 5)
    for (int x = 0; x < 2000; x += 5)
      {
        const guint8 *row = cairo_image_surface_get_data (image) + y * cairo_image_surface_get_stride (image);
        guint32 px = ((const guint32 *) row)[x] & 0xffffff;
        if (x == 0 && y == 0)
          first = px;
        varied = varied || px != first;
        /* (cairo may round a channel the other way) */
        saw_bar = saw_bar || (x < 400 && abs ((int) (px >> 16) - (int) (expected >> 16)) <= 1 &&
                              abs ((int) (px >> 8 & 0xff) - (int) (expected >> 8 & 0xff)) <= 1 &&
                              abs ((int) (px & 0xff) - (int) (expected & 0xff)) <= 1);
      }
  g_assert_true (varied);
  g_assert_true (saw_bar);
  cairo_surface_destroy (image);

  g_assert_true (tandem_chart_export (svg, 1000, 600, 1, &style, tandem_waterfall_draw, four, &error));
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (tandem_chart_export (pdf, 1000, 600, 1, &style, tandem_waterfall_draw, four, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  tandem_chart_style_clear (&style);
}

static void
test_description (void)
{
  g_autoptr(TandemWaterfallChartData) one = sample (1);
  g_autofree char *text = tandem_waterfall_dup_description (one);

  g_assert_cmpstr (text, ==,
                   "Demand waterfall. Cohort · 2024-01-01 – 2024-03-31. INQ 1000 leads; "
                   "MQL 400 leads (40.0 % of the stage before), 50 lost; SAL 200 leads (50.0 % of the stage before), 50 lost; "
                   "SQL 100 leads (50.0 % of the stage before), 50 lost; WON 25 leads (25.0 % of the stage before), 50 lost, plan 30. ");

  /* Flow: more can arrive at a stage in a period than at the one before */
  {
    g_autoptr(TandemWaterfallChartData) flow = tandem_waterfall_chart_data_new ();
    TandemWaterfallSeries *series = tandem_waterfall_chart_data_add_series (flow, NULL);
    TandemWaterfallBar suspects = { (char *) "SUS", 173, 0, 0, NAN, NAN, NAN, NAN };
    TandemWaterfallBar inquiries = { (char *) "INQ", 2451, 0, 0, 2451.0 / 173, 37, NAN, NAN };
    g_autofree char *words = NULL;

    tandem_waterfall_series_add_bar (series, &suspects);
    tandem_waterfall_series_add_bar (series, &inquiries);
    words = tandem_waterfall_dup_description (flow);
    g_assert_cmpstr (words, ==, "Demand waterfall. SUS 173 leads; INQ 2451 leads (14.2 times the stage before). ");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/waterfall-chart/png-svg-pdf", test_png_svg_pdf);
  g_test_add_func ("/waterfall-chart/description", test_description);
  return g_test_run ();
}
