/* test-chart-layout.c — no word on a chart covers another, or leaves it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart at 1280×720, 800×600 and 640×400, at scale 1 and 2, in each
 * theme, on the demo's shape and on awkward values (0, 7, 1,234,567,
 * 99.99 %, long stage names, six bands): the rectangles the label layout
 * records must not overlap, cross a bar's or a cell's edge, or leave the
 * surface.
 */

#include <math.h>
#include <string.h>

#include "tandem-figures-chart.h"
#include "tandem-labels.h"
#include "tandem-matrix-chart.h"
#include "tandem-targets-chart.h"
#include "tandem-waterfall-chart.h"
#include "test-util.h"

static const struct { int width, height; } sizes[] = { { 1280, 720 }, { 800, 600 }, { 640, 400 } };
static const double scales[] = { 1, 2 };

typedef struct
{
  const char          *name;
  TandemChartDrawFunc  draw;
  gpointer             data;
} Case;

/* Draws @c everywhere; returns the problems found, in words. */
static void
check_everywhere (const Case *c,
                  GString    *problems,
                  guint      *n_labels)
{
  for (guint t = 0; t < 3; t++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
        {
          TandemChartStyle style;
          cairo_surface_t *surface;
          cairo_t *cr;
          g_autoptr(GArray) record = tandem_marks_new ();
          g_autoptr(GString) found = g_string_new (NULL);

          tandem_chart_style_init (&style, (TandemChartTheme) t);
          style.record = record;
          surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (sizes[s].width * scales[k]),
                                                (int) (sizes[s].height * scales[k]));
          cairo_surface_set_device_scale (surface, scales[k], scales[k]);
          cr = cairo_create (surface);
          c->draw (cr, sizes[s].width, sizes[s].height, &style, c->data);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);

          for (guint m = 0; m < record->len; m++)
            *n_labels += g_array_index (record, TandemMark, m).kind == TANDEM_MARK_LABEL;
          if (tandem_marks_check (record, sizes[s].width, sizes[s].height, found) > 0)
            g_string_append_printf (problems, "%s, theme %u, %d×%d at %g:\n%s", c->name, t, sizes[s].width,
                                    sizes[s].height, scales[k], found->str);
          tandem_chart_style_clear (&style);
        }
}

static void
assert_clean (const Case *c)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_labels = 0;

  check_everywhere (c, problems, &n_labels);
  if (problems->len > 0)
    g_error ("%s", problems->str);
  /* The check looked at something */
  g_assert_cmpuint (n_labels, >, 3 * G_N_ELEMENTS (sizes) * G_N_ELEMENTS (scales));
}

/* The checker itself: it must see an overlap, a crossing and an escape. */
static void
test_check_finds (void)
{
  g_autoptr(GArray) marks = tandem_marks_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  TandemMark a = { TANDEM_MARK_LABEL, { 10, 10, 40, 12 }, g_strdup ("416") };
  TandemMark b = { TANDEM_MARK_LABEL, { 45, 12, 30, 12 }, g_strdup ("MQL") };
  TandemMark bar = { TANDEM_MARK_BACKGROUND, { 0, 20, 100, 50 }, NULL };
  TandemMark page = { TANDEM_MARK_PAGE, { 0 }, NULL };
  TandemMark out = { TANDEM_MARK_LABEL, { 190, 5, 30, 12 }, g_strdup ("100.0 %") };
  TandemMark inside = { TANDEM_MARK_LABEL, { 10, 30, 30, 12 }, g_strdup ("7") };

  g_array_append_val (marks, a);
  g_array_append_val (marks, b);
  g_array_append_val (marks, bar);
  g_array_append_val (marks, inside);
  g_assert_cmpuint (tandem_marks_check (marks, 200, 100, problems), ==, 3);   /* a×b, a×bar edge, b×bar edge */
  g_assert_nonnull (strstr (problems->str, "“416”"));
  g_assert_nonnull (strstr (problems->str, "overlaps"));
  g_assert_nonnull (strstr (problems->str, "crosses the edge"));

  /* On a new page the first page's marks no longer count */
  g_array_append_val (marks, page);
  g_array_append_val (marks, out);
  g_string_truncate (problems, 0);
  g_assert_cmpuint (tandem_marks_check (marks, 200, 100, problems), ==, 4);
  g_assert_nonnull (strstr (problems->str, "page 2: “100.0 %”"));
  g_assert_nonnull (strstr (problems->str, "leaves the surface"));
}

/* The layout moves, shortens, shrinks and drops, in that order */
static void
test_place (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 100);
  cairo_t *cr = cairo_create (surface);
  TandemChartStyle style;
  g_autoptr(GArray) record = tandem_marks_new ();
  TandemLabels *labels;
  TandemRect first, moved, r;
  double w, h;

  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  style.record = record;
  labels = tandem_labels_new (cr, &style, 300, 100);
  {
    TandemLabel one = { .text = "6,806", .size = 12, .n_anchors = 2,
                        .anchors = { { 10, 10, 0, 0 }, { 10, 50, 0, 0 } } };
    g_assert_true (tandem_labels_draw (labels, &one, &first));
    g_assert_cmpfloat (first.y, ==, 10);
    /* The same place is taken: the second anchor */
    g_assert_true (tandem_labels_draw (labels, &one, &moved));
    g_assert_cmpfloat (moved.y, ==, 50);
    /* Both taken, and no smaller size allowed: left out */
    g_assert_false (tandem_labels_draw (labels, &one, NULL));
  }
  {
    /* A box too narrow for the full count but not for "6.8k" */
    TandemRect box;
    g_autofree char *short_text = tandem_labels_short_count (6806);
    TandemLabel big = { .text = "6,806,000,000", .short_text = short_text, .size = 12, .within = &box,
                        .n_anchors = 1, .anchors = { { 150, 10, 0, 0 } } };

    g_assert_cmpstr (short_text, ==, "6.8k");
    tandem_labels_measure (labels, 12, FALSE, short_text, &w, &h);
    box = (TandemRect) { 150, 10, w + 2, h + 2 };
    g_assert_true (tandem_labels_draw (labels, &big, &r));
    g_assert_cmpfloat (r.width, <=, box.width);
  }
  {
    /* A solid mark in the way of the only place, but a smaller size fits beside it */
    TandemLabel shrink = { .text = "Qualified", .size = 20, .min_size = 8, .n_anchors = 1,
                           .anchors = { { 10, 80, 0, 0.5 } } };
    tandem_labels_measure (labels, 10, FALSE, "Qualified", &w, &h);
    tandem_labels_reserve (labels, TANDEM_MARK_SOLID, 10 + w + 2, 60, 20, 40);
    g_assert_true (tandem_labels_draw (labels, &shrink, &r));
    g_assert_cmpfloat (r.x + r.width, <=, 10 + w + 2);
  }
  tandem_labels_free (labels);
  g_assert_cmpuint (record->len, ==, 5);   /* four labels, one mark */
  {
    g_autoptr(GString) problems = g_string_new (NULL);
    g_assert_cmpuint (tandem_marks_check (record, 300, 100, problems), ==, 0);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  tandem_chart_style_clear (&style);
}

static void
fill_matrix (TandemMatrixData *d,
             guint             bands,
             guint             value,
             gboolean          awkward)
{
  tandem_matrix_data_init (d);
  d->n_fit = d->n_interest = bands;
  d->has_outcomes = TRUE;
  d->has_ghost = awkward;
  d->has_distributions = TRUE;
  for (guint f = 0; f < bands; f++)
    for (guint i = 0; i < bands; i++)
      {
        d->counts[f][i] = value == G_MAXUINT ? 40 + 37 * (f * bands + i) * (f + 1) : value;
        d->won[f][i] = awkward ? (guint) floor (d->counts[f][i] * 0.9999) : d->counts[f][i] / (f + i + 2);
        d->mql[f][i] = f + i <= 1;
        d->ghost_counts[f][i] = d->counts[f][i] + 1;
        d->ghost_mql[f][i] = f == 0;
        d->total += d->counts[f][i];
      }
  d->color = awkward ? TANDEM_MATRIX_COLOR_CONVERSION : TANDEM_MATRIX_COLOR_VOLUME;
  for (guint a = 0; a < 2; a++)
    {
      TandemMatrixAxisData *axis = &d->axes[a];
      axis->lo = 0;
      axis->width = 100.0 / TANDEM_MATRIX_BINS;
      for (guint k = 0; k < TANDEM_MATRIX_BINS; k++)
        axis->counts[k] = (guint32) (1000 * exp (-k / 40.0));
      axis->n_thresholds = bands - 1;
      /* Close together, as the demo's 10 and 3 are */
      for (guint t = 0; t + 1 < bands; t++)
        axis->thresholds[t] = awkward ? 12 - 3.0 * t : 60 - 15.0 * t;
    }
  tandem_matrix_data_fit_axes (d);
}

static void
test_matrix (void)
{
  static const guint values[] = { G_MAXUINT, 0, 7, 1234567 };

  for (guint bands = 4; bands <= 6; bands += 2)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      for (int awkward = 0; awkward < 2; awkward++)
        {
          g_autofree TandemMatrixData *d = g_new (TandemMatrixData, 1);
          g_autofree char *name = g_strdup_printf ("matrix, %u bands, value %u%s", bands, values[v],
                                                   awkward ? ", ghost, 99.99 %" : "");
          Case c = { name, tandem_matrix_draw, d };

          fill_matrix (d, bands, values[v], awkward);
          assert_clean (&c);
        }
}

/* Every cell still shows its count, whole, at the demo's size and at 700 px */
static void
test_matrix_digits_never_cut (void)
{
  g_autofree TandemMatrixData *d = g_new (TandemMatrixData, 1);
  static const int widths[] = { 1280, 700 };
  g_autofree char *count = tandem_chart_format_count (1234567);
  g_autofree char *short_count = tandem_labels_short_count (1234567);

  fill_matrix (d, 4, 1234567, FALSE);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      TandemChartStyle style;
      g_autoptr(GArray) record = tandem_marks_new ();
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, widths[w], 600);
      cairo_t *cr = cairo_create (surface);
      guint whole = 0;

      tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
      style.record = record;
      tandem_matrix_draw (cr, widths[w], 600, &style, d);
      for (guint m = 0; m < record->len; m++)
        {
          const TandemMark *mark = &g_array_index (record, TandemMark, m);

          if (mark->kind != TANDEM_MARK_LABEL ||
              (g_strcmp0 (mark->text, count) != 0 && g_strcmp0 (mark->text, short_count) != 0))
            continue;
          /* In a cell (the legend's top value is not) */
          for (guint b = 0; b < record->len; b++)
            {
              const TandemMark *cell = &g_array_index (record, TandemMark, b);
              if (cell->kind == TANDEM_MARK_BACKGROUND && cell->rect.width > 60 &&
                  mark->rect.x >= cell->rect.x && mark->rect.x + mark->rect.width <= cell->rect.x + cell->rect.width &&
                  mark->rect.y >= cell->rect.y && mark->rect.y + mark->rect.height <= cell->rect.y + cell->rect.height)
                {
                  whole++;
                  break;
                }
            }
        }
      g_assert_cmpuint (whole, ==, 16);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      tandem_chart_style_clear (&style);
    }
}

static TandemWaterfallChartData *
waterfall (guint    n_series,
           double   scale,
           gboolean long_names,
           gboolean with_plan)
{
  TandemWaterfallChartData *data = tandem_waterfall_chart_data_new ();
  static const char *const names[] = { "Inquiry", "MQL", "SAL", "SQL", "Opportunity", "Won" };
  static const char *const long_names_[] = {
    "Inquiries from every channel", "Marketing qualified leads", "Sales accepted leads",
    "Sales qualified leads", "Opportunities with a proposal", "Closed won deals this quarter",
  };
  /* The demo's shape: 6806 inquiries and a steep drop */
  static const double reached[] = { 6806, 2301, 1707, 1251, 640, 229 };

  data->period = g_strdup ("Cohort · 2024-01-01 – 2024-03-31");
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *title = g_strdup_printf ("Webinar with a long segment name %u", s);
      TandemWaterfallSeries *series = tandem_waterfall_chart_data_add_series (data, n_series > 1 ? title : NULL);

      for (guint i = 0; i < G_N_ELEMENTS (reached); i++)
        {
          double r = scale < 0 ? 0 : reached[i] * scale;
          TandemWaterfallBar bar = {
            (char *) (long_names ? long_names_[i] : names[i]), r, i ? r * 0.75 + 7 : 0, i == 1 ? r * 0.09 : 0,
            i ? (r > 0 && reached[i - 1] > 0 ? reached[i] / reached[i - 1] : NAN) : NAN, i ? 9 : NAN,
            with_plan ? r * 1.1 + 3 : NAN, with_plan ? r * 0.93 : NAN,
          };
          /* Flow mode: more in a stage than in the one before */
          if (i == 2 && with_plan)
            bar.conversion = 14.2;
          if (i == 3)
            bar.conversion = 0.9999;
          tandem_waterfall_series_add_bar (series, &bar);
        }
    }
  return data;
}

static void
test_waterfall (void)
{
  /* the demo, tiny, 7-ish, huge */
  static const double scales_[] = { 1, -1, 7.0 / 6806, 1234567.0 / 6806 };

  for (guint n_series = 1; n_series <= 4; n_series += 3)
    for (guint v = 0; v < G_N_ELEMENTS (scales_); v++)
      for (int long_names = 0; long_names < 2; long_names++)
        for (int with_plan = 0; with_plan < 3; with_plan++)
          {
            g_autoptr(TandemWaterfallChartData) data = waterfall (n_series, scales_[v], long_names, with_plan);
            g_autofree char *name = g_strdup_printf ("waterfall, %u series, scale %g%s%s", n_series, scales_[v],
                                                     long_names ? ", long names" : "",
                                                     with_plan == 2 ? ", plan, paced" : with_plan ? ", plan" : "");
            Case c = { name, tandem_waterfall_draw, data };

            /* Meeting mode's pacing: day 64 of a 92-day quarter */
            if (with_plan == 2)
              {
                data->pace_day = 64;
                data->pace_days = 92;
              }
            assert_clean (&c);
          }
}

/* The pacing tick's words: the plan's volume due by day 64 of 92, beside
 * (or inside) each planned bar of the demo's shape at 1280×720, in every
 * theme, said in full or as the bare count the legend explains */
static void
test_waterfall_pace (void)
{
  static const double reached[] = { 6806, 2301, 1707, 1251, 640, 229 };

  for (guint t = 0; t < 3; t++)
    {
      g_autoptr(TandemWaterfallChartData) data = waterfall (1, 1, FALSE, TRUE);
      g_autoptr(GArray) record = tandem_marks_new ();
      g_autoptr(GString) problems = g_string_new (NULL);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
      cairo_t *cr = cairo_create (surface);
      TandemChartStyle style;
      guint paced = 0;
      gboolean first = FALSE, legend = FALSE;

      data->pace_day = 64;
      data->pace_days = 92;
      tandem_chart_style_init (&style, (TandemChartTheme) t);
      style.record = record;
      tandem_waterfall_draw (cr, 1280, 720, &style, data);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_assert_cmpuint (tandem_marks_check (record, 1280, 720, problems), ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (reached); i++)
        {
          /* planned at ×1.1 + 3, of which 64/92 is due */
          g_autofree char *count = g_strdup_printf ("%.0f", round ((reached[i] * 1.1 + 3) * 64 / 92));
          g_autofree char *full = g_strdup_printf ("on pace %s", count);
          for (guint m = 0; m < record->len; m++)
            {
              const char *text = g_array_index (record, TandemMark, m).text;
              if (g_strcmp0 (text, full) == 0 || g_strcmp0 (text, count) == 0)
                {
                  paced++;
                  first |= i == 0;
                  break;
                }
            }
        }
      for (guint m = 0; m < record->len; m++)
        legend |= g_strcmp0 (g_array_index (record, TandemMark, m).text, "plan (the tick: due by now)") == 0;
      g_assert_true (first);
      g_assert_true (legend);
      g_assert_cmpuint (paced, >=, 5);
      tandem_chart_style_clear (&style);
    }
}

static void
test_targets (void)
{
  static const char *const names[] = { "Inquiry", "Marketing qualified lead", "SAL", "SQL", "Won" };
  static const double volumes[] = { 4677, 1403, 982, 491, 38 };
  static const double values[] = { 1, 0, 7.0 / 4677, 1234567.0 / 4677 };

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    for (int split = 0; split < 2; split++)
      {
        g_autoptr(TandemTargetsChartData) data = tandem_targets_chart_data_new ();
        g_autofree char *name = g_strdup_printf ("targets, volume ×%g%s", values[v], split ? ", split" : "");
        Case funnel = { name, tandem_targets_draw_funnel, data };
        Case tornado = { name, tandem_targets_draw_tornado, data };

        data->headline = g_strdup ("$1,500,000 from 38 deals of $40,000 at a 25 % close rate");
        for (guint i = 0; i < G_N_ELEMENTS (names); i++)
          {
            double volume = round (volumes[i] * values[v]);
            tandem_targets_chart_add_stage (data, names[i], volume - (i % 2) * 0.2, volume, split ? volume * 0.6 : NAN);
            tandem_targets_chart_add_tornado (data, "MQL→SAL rate +1 point, a long explanation", (i % 2 ? -1 : 1) * 1234567.0 / (i + 1) * values[v]);
          }
        assert_clean (&funnel);
        assert_clean (&tornado);
      }
}

/* The pixel at (@x, @y) of @surface, as 0xRRGGBB */
static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  int px = CLAMP ((int) x, 0, cairo_image_surface_get_width (surface) - 1);
  int py = CLAMP ((int) y, 0, cairo_image_surface_get_height (surface) - 1);

  return *(const guint32 *) (data + py * stride + px * 4) & 0xffffff;
}

/* A volume inside a split bar sits on one shade, whatever Marketing's share
 * (a label across both is white on the light part in one theme): the four
 * corners of its rectangle show one colour */
static void
test_targets_one_shade (void)
{
  static const double shares[] = { 0.1, 0.35, 0.5, 0.65, 0.9 };

  for (guint t = 0; t < 3; t++)
    {
      g_autoptr(TandemTargetsChartData) data = tandem_targets_chart_data_new ();
      g_autoptr(GArray) record = tandem_marks_new ();
      TandemChartStyle style;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
      cairo_t *cr = cairo_create (surface);
      guint inside = 0;

      for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
        tandem_targets_chart_add_stage (data, "Stage", 4000 - 100 * i, 4000 - 100 * i, (4000 - 100 * i) * shares[i]);
      tandem_chart_style_init (&style, (TandemChartTheme) t);
      style.record = record;
      tandem_targets_draw_funnel (cr, 1280, 720, &style, data);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      for (guint m = 0; m < record->len; m++)
        {
          const TandemMark *mark = &g_array_index (record, TandemMark, m);
          const TandemRect *r = &mark->rect;
          guint32 corner;

          if (mark->kind != TANDEM_MARK_LABEL || mark->text == NULL || !g_ascii_isdigit (mark->text[0]) ||
              r->x < 150)
            continue;
          corner = pixel_at (surface, r->x + 1, r->y + 1);
          if (corner == pixel_at (surface, 2, 700))
            continue;   /* beside the bar, on the page */
          inside++;
          g_assert_cmphex (pixel_at (surface, r->x + r->width - 1, r->y + 1), ==, corner);
          g_assert_cmphex (pixel_at (surface, r->x + 1, r->y + r->height - 1), ==, corner);
          g_assert_cmphex (pixel_at (surface, r->x + r->width - 1, r->y + r->height - 1), ==, corner);
        }
      g_assert_cmpuint (inside, ==, G_N_ELEMENTS (shares));
      cairo_surface_destroy (surface);
      tandem_chart_style_clear (&style);
    }
}

static void
test_figures (void)
{
  g_autoptr(TandemFiguresData) data = tandem_figures_data_new ("Service level");
  Case c = { "figures", tandem_figures_draw, data };
  static const char *const values[] = { "81.6 %", "1,234,567", "0", "7", "99.99 %" };

  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    tandem_figures_add (data, values[k], "of MQLs followed up within 4 working hours, a long label that goes on and on");
  for (guint k = 0; k < 40; k++)
    {
      double v = k * (40 - k);
      g_array_append_val (data->histogram, v);
    }
  data->histogram_caption = g_strdup ("Hours to the first follow-up, working hours only");
  assert_clean (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chart-layout/check-finds", test_check_finds);
  g_test_add_func ("/chart-layout/place", test_place);
  g_test_add_func ("/chart-layout/matrix", test_matrix);
  g_test_add_func ("/chart-layout/matrix-digits", test_matrix_digits_never_cut);
  g_test_add_func ("/chart-layout/waterfall", test_waterfall);
  g_test_add_func ("/chart-layout/waterfall-pace", test_waterfall_pace);
  g_test_add_func ("/chart-layout/targets", test_targets);
  g_test_add_func ("/chart-layout/targets-one-shade", test_targets_one_shade);
  g_test_add_func ("/chart-layout/figures", test_figures);
  return g_test_run ();
}
