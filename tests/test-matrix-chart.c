/* test-matrix-chart.c — the matrix renderer, off-screen: PNG, SVG, PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tandem-matrix-chart.h"
#include "test-util.h"

/* 4 × 4, with a known busiest cell (B2: 1000 leads), outcomes, MQL cells
 * A1, A2, B1, and score distributions.  Cell (f, i) holds 50 + 20f + 10i
 * leads, so all hold 1520, and with B2 at 1000 instead of 80: 2440. */
static void
sample (TandemMatrixData *data)
{
  tandem_matrix_data_init (data);
  for (guint f = 0; f < 4; f++)
    for (guint i = 0; i < 4; i++)
      {
        data->counts[f][i] = 50 + 20 * f + 10 * i;
        data->won[f][i] = (4 - f) * (4 - i);
        data->total += data->counts[f][i];
      }
  data->total -= data->counts[1][1];
  data->counts[1][1] = 1000;
  data->total += 1000;
  data->mql[0][0] = data->mql[0][1] = data->mql[1][0] = TRUE;
  data->has_outcomes = TRUE;
  data->has_distributions = TRUE;
  for (guint a = 0; a < 2; a++)
    {
      data->axes[a].lo = 0;
      data->axes[a].width = 0.5;
      for (guint k = 0; k < 200; k++)
        data->axes[a].counts[k] = k % 37 + 1;
      data->axes[a].n_thresholds = 3;
      data->axes[a].thresholds[0] = 60;
      data->axes[a].thresholds[1] = 40;
      data->axes[a].thresholds[2] = 20;
    }
  tandem_matrix_data_fit_axes (data);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  return ((const guint32 *) row)[x] & 0xffffff;
}

static void
assert_png (const char       *path,
            int               width,
            int               height,
            double            scale,
            const TandemChartStyle *style,
            TandemMatrixData *data)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  TandemMatrixLayout l;
  TandemRgba expected;
  guint32 got, want, first;
  gboolean varied = FALSE;
  double cx, cy;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) (width * scale));
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) (height * scale));

  /* Not blank: many colours */
  first = pixel (png, 0, 0);
  for (int y = 0; y < height * scale && !varied; y += 7)
    for (int x = 0; x < width * scale; x += 7)
      if (pixel (png, x, y) != first)
        varied = TRUE;
  g_assert_true (varied);

  /* The busiest cell (B2) wears the darkest colour of the volume ramp;
   * sampled near its bottom-left corner, away from the text. */
  tandem_matrix_layout (data, style, width, height, &l);
  cx = l.grid_x + l.grid_width / 4 * 1 + 12;
  cy = l.grid_y + l.grid_height / 4 * 2 - 12;
  tandem_chart_ramp (style, FALSE, 1.0, &expected);
  want = (guint32) lround (expected.red * 255) << 16 | (guint32) lround (expected.green * 255) << 8 | (guint32) lround (expected.blue * 255);
  got = pixel (png, (int) (cx * scale), (int) (cy * scale));
  g_assert_cmphex (got, ==, want);
  cairo_surface_destroy (png);
}

static void
test_png (void)
{
  TandemMatrixData data;
  TandemChartStyle style;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_tmp_path ("matrix.png");

  sample (&data);
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  g_assert_true (tandem_chart_export (path, 900, 640, 1, &style, tandem_matrix_draw, &data, &error));
  g_assert_no_error (error);
  assert_png (path, 900, 640, 1, &style, &data);

  /* Crisp at scale 2: twice the pixels, the same picture */
  g_assert_true (tandem_chart_export (path, 900, 640, 2, &style, tandem_matrix_draw, &data, &error));
  assert_png (path, 900, 640, 2, &style, &data);
  tandem_chart_style_clear (&style);

  /* Dark and projector themes use their own ramps */
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_DARK);
  g_assert_true (tandem_chart_export (path, 900, 640, 1, &style, tandem_matrix_draw, &data, &error));
  assert_png (path, 900, 640, 1, &style, &data);
  tandem_chart_style_clear (&style);
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_PROJECTOR);
  g_assert_true (tandem_chart_export (path, 1280, 720, 1, &style, tandem_matrix_draw, &data, &error));
  assert_png (path, 1280, 720, 1, &style, &data);
  tandem_chart_style_clear (&style);
}

static void
test_svg_and_pdf (void)
{
  TandemMatrixData data;
  TandemChartStyle style;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = test_tmp_path ("matrix.svg");
  g_autofree char *pdf = test_tmp_path ("matrix.PDF");
  g_autofree char *contents = NULL;
  gsize length;

  sample (&data);
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  g_assert_true (tandem_chart_export (svg, 800, 600, 1, &style, tandem_matrix_draw, &data, &error));
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"800\""));
  g_assert_cmpuint (length, >, 5000);
  g_clear_pointer (&contents, g_free);

  g_assert_true (tandem_chart_export (pdf, 800, 600, 1, &style, tandem_matrix_draw, &data, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (length, >, 2000);
  tandem_chart_style_clear (&style);
}

static void
test_export_errors (void)
{
  TandemMatrixData data;
  TandemChartStyle style;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_tmp_path ("exports");
  g_autofree char *bmp = g_build_filename (dir, "matrix.bmp", NULL);
  g_autofree char *png = g_build_filename (dir, "matrix.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "matrix.png", NULL);
  GDir *listing;

  sample (&data);
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  g_assert_false (tandem_chart_export (bmp, 800, 600, 1, &style, tandem_matrix_draw, &data, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“matrix.bmp”"));
  g_clear_error (&error);

  g_assert_false (tandem_chart_export (png, 20, 600, 1, &style, tandem_matrix_draw, &data, &error));
  g_assert_nonnull (strstr (error->message, "20 × 600"));
  g_clear_error (&error);

  g_assert_false (tandem_chart_export (missing, 800, 600, 1, &style, tandem_matrix_draw, &data, &error));
  g_assert_nonnull (strstr (error->message, "Cannot write “matrix.png”"));
  g_clear_error (&error);

  /* Nothing written, not even a partial file */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_dir_close (listing);
  tandem_chart_style_clear (&style);
}

static void
test_hit_testing_and_words (void)
{
  TandemMatrixData data;
  TandemChartStyle style;
  TandemMatrixLayout l;
  TandemMatrixAxis axis;
  guint f, i, index;
  g_autofree char *description = NULL;
  g_autofree char *cell = NULL;
  double x;

  sample (&data);
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  tandem_matrix_layout (&data, &style, 900, 640, &l);

  g_assert_true (tandem_matrix_cell_at (&data, &l, l.grid_x + l.grid_width * 0.6, l.grid_y + l.grid_height * 0.1, &f, &i));
  g_assert_cmpuint (f, ==, 0);
  g_assert_cmpuint (i, ==, 2);
  g_assert_false (tandem_matrix_cell_at (&data, &l, l.grid_x - 1, l.grid_y + 5, &f, &i));

  /* The interest handle of threshold 40, found where it is drawn; the
   * score under the pointer inverts the axis */
  x = l.interest_x + l.interest_width * (data.axes[1].axis_hi - 40) / (data.axes[1].axis_hi - data.axes[1].axis_lo);
  g_assert_true (tandem_matrix_handle_at (&data, &l, x + 3, l.interest_y + l.interest_height, &axis, &index));
  g_assert_cmpint (axis, ==, TANDEM_MATRIX_AXIS_INTEREST);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpfloat_with_epsilon (tandem_matrix_score_at (&data, &l, TANDEM_MATRIX_AXIS_INTEREST, x), 40, 1e-9);
  g_assert_false (tandem_matrix_handle_at (&data, &l, l.grid_x + 5, l.grid_y + 5, &axis, &index));

  cell = tandem_matrix_dup_cell_text (&data, 1, 1);
  g_assert_cmpstr (cell, ==, "B2: 1000 leads (41.0 %), 9 won (0.9 %)");
  description = tandem_matrix_dup_description (&data);
  g_assert_true (g_str_has_prefix (description, "Lead matrix: qualification bands A to D down, interest bands 1 to 4 across, 2440 leads."));
  g_assert_nonnull (strstr (description, "A1: 50 leads (2.0 %), 16 won (32.0 %), MQL;"));
  g_assert_true (g_str_has_suffix (description, "180 MQLs."));
  tandem_chart_style_clear (&style);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/matrix-chart/png", test_png);
  g_test_add_func ("/matrix-chart/svg-and-pdf", test_svg_and_pdf);
  g_test_add_func ("/matrix-chart/export-errors", test_export_errors);
  g_test_add_func ("/matrix-chart/hit-testing-and-words", test_hit_testing_and_words);
  return g_test_run ();
}
