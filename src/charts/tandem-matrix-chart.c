/* tandem-matrix-chart.c — the qualification × interest matrix, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-matrix-chart.h"

#include "tandem-labels.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define MARGIN       12.0
#define HANDLE_REACH 10.0

void
tandem_matrix_data_init (TandemMatrixData *data)
{
  memset (data, 0, sizeof *data);
  data->n_fit = data->n_interest = 4;
  data->focus_fit = data->focus_interest = -1;
  data->active_axis = data->active_handle = -1;
}

void
tandem_matrix_data_fit_axes (TandemMatrixData *data)
{
  for (guint a = 0; a < 2; a++)
    {
      TandemMatrixAxisData *axis = &data->axes[a];
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, pad;

      for (guint k = 0; k < TANDEM_MATRIX_BINS; k++)
        if (axis->counts[k] > 0)
          {
            lo = MIN (lo, axis->lo + k * axis->width);
            hi = MAX (hi, axis->lo + (k + 1) * axis->width);
          }
      for (guint t = 0; t < axis->n_thresholds; t++)
        {
          lo = MIN (lo, axis->thresholds[t]);
          hi = MAX (hi, axis->thresholds[t]);
        }
      if (lo > hi)
        lo = 0, hi = 100;
      pad = MAX ((hi - lo) * 0.06, 1);
      axis->axis_lo = lo - pad;
      axis->axis_hi = hi + pad;
    }
}

static double
font (const TandemChartStyle *style)
{
  return style->font_scale;
}

void
tandem_matrix_layout (const TandemMatrixData *data,
                      const TandemChartStyle *style,
                      double                  width,
                      double                  height,
                      TandemMatrixLayout     *out)
{
  double fs = font (style);
  double title = 20 * fs, labels_w = 26 * fs, labels_h = 24 * fs, legend = 26 * fs;
  double hist_w = data->has_distributions ? CLAMP (width * 0.13, 48, 130) : 0;
  double hist_h = data->has_distributions ? CLAMP (height * 0.15, 40, 110) : 0;
  double x = MARGIN, y = MARGIN;

  out->fit_x = x + title;
  out->fit_width = hist_w;
  out->interest_y = y + title;
  out->interest_height = hist_h;
  out->grid_x = out->fit_x + hist_w + labels_w;
  out->grid_y = out->interest_y + hist_h + labels_h;
  out->grid_width = MAX (width - MARGIN - out->grid_x, 10);
  out->grid_height = MAX (height - MARGIN - legend - out->grid_y, 10);
  out->fit_y = out->grid_y;
  out->fit_height = out->grid_height;
  out->interest_x = out->grid_x;
  out->interest_width = out->grid_width;
}

/* Axis positions: the best scores nearest A1 (left, top). */
static double
interest_x (const TandemMatrixData   *data,
            const TandemMatrixLayout *l,
            double                    score)
{
  const TandemMatrixAxisData *a = &data->axes[TANDEM_MATRIX_AXIS_INTEREST];
  return l->interest_x + l->interest_width * (a->axis_hi - score) / (a->axis_hi - a->axis_lo);
}

static double
fit_y (const TandemMatrixData   *data,
       const TandemMatrixLayout *l,
       double                    score)
{
  const TandemMatrixAxisData *a = &data->axes[TANDEM_MATRIX_AXIS_FIT];
  return l->fit_y + l->fit_height * (a->axis_hi - score) / (a->axis_hi - a->axis_lo);
}

double
tandem_matrix_score_at (const TandemMatrixData   *data,
                        const TandemMatrixLayout *layout,
                        TandemMatrixAxis          axis,
                        double                    position)
{
  const TandemMatrixAxisData *a = &data->axes[axis];

  if (axis == TANDEM_MATRIX_AXIS_INTEREST)
    return a->axis_hi - (position - layout->interest_x) / layout->interest_width * (a->axis_hi - a->axis_lo);
  return a->axis_hi - (position - layout->fit_y) / layout->fit_height * (a->axis_hi - a->axis_lo);
}

gboolean
tandem_matrix_cell_at (const TandemMatrixData   *data,
                       const TandemMatrixLayout *l,
                       double                    x,
                       double                    y,
                       guint                    *fit_band,
                       guint                    *interest_band)
{
  if (x < l->grid_x || y < l->grid_y || x >= l->grid_x + l->grid_width || y >= l->grid_y + l->grid_height)
    return FALSE;
  *interest_band = MIN ((guint) ((x - l->grid_x) / l->grid_width * data->n_interest), data->n_interest - 1);
  *fit_band = MIN ((guint) ((y - l->grid_y) / l->grid_height * data->n_fit), data->n_fit - 1);
  return TRUE;
}

gboolean
tandem_matrix_handle_at (const TandemMatrixData   *data,
                         const TandemMatrixLayout *l,
                         double                    x,
                         double                    y,
                         TandemMatrixAxis         *axis,
                         guint                    *index)
{
  double best = HANDLE_REACH;
  gboolean found = FALSE;

  if (!data->has_distributions)
    return FALSE;
  if (y >= l->interest_y - HANDLE_REACH && y <= l->grid_y)
    for (guint t = 0; t < data->axes[1].n_thresholds; t++)
      {
        double d = fabs (x - interest_x (data, l, data->axes[1].thresholds[t]));
        if (d <= best)
          best = d, found = TRUE, *axis = TANDEM_MATRIX_AXIS_INTEREST, *index = t;
      }
  if (x >= l->fit_x - HANDLE_REACH && x <= l->grid_x)
    for (guint t = 0; t < data->axes[0].n_thresholds; t++)
      {
        double d = fabs (y - fit_y (data, l, data->axes[0].thresholds[t]));
        if (d <= best)
          best = d, found = TRUE, *axis = TANDEM_MATRIX_AXIS_FIT, *index = t;
      }
  return found;
}

static double
conversion (const TandemMatrixData *data,
            guint                   f,
            guint                   i)
{
  return data->counts[f][i] ? (double) data->won[f][i] / data->counts[f][i] : NAN;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A threshold's value beside its line: right of it, else left, else
 * smaller, else left out (the handle still shows where it is). */
static void
threshold_label (TandemLabels           *labels,
                 const TandemChartStyle *style,
                 TandemMatrixAxis        axis,
                 gboolean                active,
                 double                  x,
                 double                  y,
                 double                  r,
                 const char             *text)
{
  double fs = style->font_scale;
  TandemLabel label = {
    .text = text, .size = 11, .min_size = 8, .bold = active, .color = &style->accent, .n_anchors = 4,
  };

  if (axis == TANDEM_MATRIX_AXIS_INTEREST)
    {
      /* (x, y): the top of the line */
      label.anchors[0] = (TandemAnchor) { x + r + 2, y - 2 * fs, 0, 0 };
      label.anchors[1] = (TandemAnchor) { x - r - 2, y - 2 * fs, 1, 0 };
      label.anchors[2] = (TandemAnchor) { x + r + 2, y + 12 * fs, 0, 0 };
      label.anchors[3] = (TandemAnchor) { x - r - 2, y + 12 * fs, 1, 0 };
    }
  else
    {
      /* (x, y): the left end of the line */
      label.anchors[0] = (TandemAnchor) { x, y - 2, 0, 1 };
      label.anchors[1] = (TandemAnchor) { x, y + 2, 0, 0 };
      label.anchors[2] = (TandemAnchor) { x + 24 * fs, y - 2, 0, 1 };
      label.anchors[3] = (TandemAnchor) { x + 24 * fs, y + 2, 0, 0 };
    }
  tandem_labels_draw (labels, &label, NULL);
}

typedef struct
{
  double x, y;
  double r;
  gboolean active;
  gboolean shown;
} Handle;

static void
draw_distributions (cairo_t                  *cr,
                    TandemLabels             *labels,
                    const TandemMatrixData   *data,
                    const TandemMatrixLayout *l,
                    const TandemChartStyle   *style)
{
  double ls = style->line_scale;
  Handle handles[2][TANDEM_MATRIX_MAX_BANDS - 1] = { { { 0 } } };

  for (guint a = 0; a < 2; a++)
    {
      const TandemMatrixAxisData *axis = &data->axes[a];
      guint32 max = 1;
      TandemRgba bar = style->dim;

      for (guint k = 0; k < TANDEM_MATRIX_BINS; k++)
        max = MAX (max, axis->counts[k]);
      bar.alpha = 0.55;
      tandem_chart_set_source (cr, &bar);
      for (guint k = 0; k < TANDEM_MATRIX_BINS; k++)
        {
          double s0 = axis->lo + k * axis->width, s1 = s0 + axis->width, share;
          if (axis->counts[k] == 0 || s1 <= axis->axis_lo || s0 >= axis->axis_hi)
            continue;
          /* Square root: a long tail stays visible next to a tall peak */
          share = sqrt ((double) axis->counts[k] / max);
          if (a == TANDEM_MATRIX_AXIS_INTEREST)
            {
              double x0 = interest_x (data, l, s1), x1 = interest_x (data, l, s0);
              double h = share * (l->interest_height - 4);
              cairo_rectangle (cr, x0, l->interest_y + l->interest_height - h, MAX (x1 - x0, 1), h);
              /* A threshold's value never sits on the distribution */
              tandem_labels_reserve (labels, TANDEM_MARK_SOLID, x0, l->interest_y + l->interest_height - h,
                                     MAX (x1 - x0, 1), h);
            }
          else
            {
              double y0 = fit_y (data, l, s1), y1 = fit_y (data, l, s0);
              double w = share * (l->fit_width - 4);
              cairo_rectangle (cr, l->fit_x + l->fit_width - w, y0, w, MAX (y1 - y0, 1));
              tandem_labels_reserve (labels, TANDEM_MARK_SOLID, l->fit_x + l->fit_width - w, y0, w, MAX (y1 - y0, 1));
            }
        }
      cairo_fill (cr);

      /* Baseline */
      tandem_chart_set_source (cr, &style->grid);
      if (a == TANDEM_MATRIX_AXIS_INTEREST)
        cairo_rectangle (cr, l->interest_x, l->interest_y + l->interest_height, l->interest_width, ls);
      else
        cairo_rectangle (cr, l->fit_x + l->fit_width, l->fit_y, ls, l->fit_height);
      cairo_fill (cr);

      /* Thresholds: a line across the distribution and a knob to drag */
      for (guint t = 0; t < axis->n_thresholds; t++)
        {
          Handle *h = &handles[a][t];

          h->active = data->active_axis == (int) a && data->active_handle == (int) t;
          h->r = (h->active ? 8 : 6) * ls;
          tandem_chart_set_source (cr, &style->accent);
          cairo_set_line_width (cr, 2 * ls);
          if (a == TANDEM_MATRIX_AXIS_INTEREST)
            {
              h->x = interest_x (data, l, axis->thresholds[t]);
              h->y = l->interest_y;
              if (h->x < l->interest_x - 1 || h->x > l->interest_x + l->interest_width + 1)
                continue;
              cairo_move_to (cr, h->x, l->interest_y);
              cairo_line_to (cr, h->x, l->interest_y + l->interest_height);
              cairo_stroke (cr);
              cairo_arc (cr, h->x, l->interest_y + l->interest_height, h->r, 0, 2 * G_PI);
              cairo_fill (cr);
              tandem_labels_reserve (labels, TANDEM_MARK_SOLID, h->x - ls, l->interest_y, 2 * ls, l->interest_height);
              tandem_labels_reserve (labels, TANDEM_MARK_SOLID, h->x - h->r, l->interest_y + l->interest_height - h->r,
                                     2 * h->r, 2 * h->r);
            }
          else
            {
              h->x = l->fit_x;
              h->y = fit_y (data, l, axis->thresholds[t]);
              if (h->y < l->fit_y - 1 || h->y > l->fit_y + l->fit_height + 1)
                continue;
              cairo_move_to (cr, l->fit_x, h->y);
              cairo_line_to (cr, l->fit_x + l->fit_width, h->y);
              cairo_stroke (cr);
              cairo_arc (cr, l->fit_x + l->fit_width, h->y, h->r, 0, 2 * G_PI);
              cairo_fill (cr);
              tandem_labels_reserve (labels, TANDEM_MARK_SOLID, l->fit_x, h->y - ls, l->fit_width, 2 * ls);
              tandem_labels_reserve (labels, TANDEM_MARK_SOLID, l->fit_x + l->fit_width - h->r, h->y - h->r,
                                     2 * h->r, 2 * h->r);
            }
          h->shown = TRUE;
        }
    }

  /* The values, once every line and knob is known: the dragged one first */
  for (int pass = 0; pass < 2; pass++)
    for (guint a = 0; a < 2; a++)
      for (guint t = 0; t < data->axes[a].n_thresholds; t++)
        {
          const Handle *h = &handles[a][t];
          g_autofree char *text = NULL;

          if (!h->shown || h->active != (pass == 0))
            continue;
          text = g_strdup_printf ("%g", round (data->axes[a].thresholds[t] * 100) / 100);
          threshold_label (labels, style, a, h->active, h->x, h->y, h->r, text);
        }
}

/* The numbers of a cell, stacked and centred, as many as have room. */
static gboolean
draw_cell_text (TandemLabels           *labels,
                const TandemChartStyle *style,
                const TandemRect       *cell,
                const char *const      *lines,
                const gboolean         *line_bold,
                const TandemRgba *const *colors,
                guint                   n_lines,
                double                  big,
                double                  small,
                double                  top)
{
  TandemLabel specs[4];
  double heights[4], total = 0, y;

  g_assert (n_lines <= G_N_ELEMENTS (specs));
  for (guint k = 0; k < n_lines; k++)
    {
      double w;
      tandem_labels_measure (labels, k == 0 ? big : small, line_bold[k], lines[k], &w, &heights[k]);
      total += heights[k];
    }

  /* Centred in the cell, or just below @top (a badge) when that is lower */
  y = MAX (cell->y + (cell->height - total) / 2, top);
  for (guint k = 0; k < n_lines; k++)
    {
      specs[k] = (TandemLabel) {
        .text = lines[k], .size = k == 0 ? big : small, .bold = line_bold[k], .color = colors[k],
        .within = cell, .n_anchors = 1, .anchors = { { cell->x + cell->width / 2, y, 0.5, 0 } },
      };
      if (!tandem_labels_fits (labels, &specs[k], NULL))
        return FALSE;
      y += heights[k];
    }
  for (guint k = 0; k < n_lines; k++)
    tandem_labels_draw (labels, &specs[k], NULL);
  return TRUE;
}

static void
draw_cell (cairo_t                  *cr,
           TandemLabels             *labels,
           const TandemMatrixData   *data,
           const TandemChartStyle   *style,
           guint                     f,
           guint                     i,
           double                    x,
           double                    y,
           double                    w,
           double                    h,
           guint                     max_count,
           double                    max_conversion)
{
  double ls = style->line_scale, gap = 2, fs = style->font_scale;
  double big = CLAMP (MIN (w, h) * 0.22 / fs, 10, 30), small = MAX (big * 0.55, 9);
  double conv = conversion (data, f, i), badge_bottom = -G_MAXDOUBLE;
  g_autofree char *count = tandem_chart_format_count (data->counts[f][i]);
  g_autofree char *share = tandem_chart_format_percent (data->total ? (double) data->counts[f][i] / data->total : NAN);
  g_autofree char *rate = tandem_chart_format_percent (conv);
  g_autofree char *live_count = tandem_chart_format_count (data->ghost_counts[f][i]);
  /* Translators: the conversion rate of a matrix cell, e.g. "12.5 % won" */
  g_autofree char *won = g_strdup_printf (_("%s won"), rate);
  /* Translators: in a matrix cell, the live model's count for comparison */
  g_autofree char *live = g_strdup_printf (_("live %s"), live_count);
  g_autofree char *short_count = tandem_labels_short_count (data->counts[f][i]);
  TandemRect inner = { x + gap + 4 * ls, y + gap + 4 * ls, w - 2 * gap - 8 * ls, h - 2 * gap - 8 * ls };
  TandemRgba fill, text, secondary;
  double t;

  if (data->color == TANDEM_MATRIX_COLOR_CONVERSION && data->has_outcomes)
    t = isnan (conv) || max_conversion <= 0 ? 0 : conv / max_conversion;
  else
    t = max_count ? sqrt ((double) data->counts[f][i] / max_count) : 0;
  tandem_chart_ramp (style, data->color == TANDEM_MATRIX_COLOR_CONVERSION && data->has_outcomes, t, &fill);
  tandem_chart_text_on (&fill, &text);
  secondary = text;
  secondary.alpha *= 0.75;

  rounded_rect (cr, x + gap, y + gap, w - 2 * gap, h - 2 * gap, 6);
  tandem_chart_set_source (cr, &fill);
  cairo_fill (cr);
  tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, x + gap, y + gap, w - 2 * gap, h - 2 * gap);

  /* The live model's MQL cells: a dashed ring */
  if (data->has_ghost && data->ghost_mql[f][i])
    {
      double dash[] = { 6 * ls, 4 * ls };
      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.5 * ls);
      tandem_chart_set_source (cr, &text);
      rounded_rect (cr, x + gap + 6 * ls, y + gap + 6 * ls, w - 2 * gap - 12 * ls, h - 2 * gap - 12 * ls, 4);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* MQL: a thick outline and a tag, so colour is never the only sign */
  if (data->mql[f][i])
    {
      g_autoptr(PangoLayout) tag = tandem_chart_layout (cr, style, 9, TRUE, "MQL");
      int tw, th;
      double tag_w, tag_h, tag_x, tag_y;
      TandemRect badge;
      TandemRgba ink = style->dark ? (TandemRgba) { 0, 0, 0, 1 } : (TandemRgba) { 1, 1, 1, 1 };

      pango_layout_get_pixel_size (tag, &tw, &th);
      tag_w = tw + 10 * fs, tag_h = th + 2;
      tag_x = x + w - gap - tag_w - 3 * ls, tag_y = y + gap + 3 * ls;
      cairo_set_line_width (cr, 3.5 * ls);
      tandem_chart_set_source (cr, &style->accent);
      rounded_rect (cr, x + gap + 1.75 * ls, y + gap + 1.75 * ls, w - 2 * gap - 3.5 * ls, h - 2 * gap - 3.5 * ls, 5);
      cairo_stroke (cr);
      badge = (TandemRect) { tag_x, tag_y, tag_w, tag_h };
      /* The tag only where the numbers keep room beside or below it */
      if (tag_w < w * 0.5 && tag_h < h * 0.3)
        {
          TandemLabel word = { .text = "MQL", .size = 9, .bold = TRUE, .color = &ink, .within = &badge,
                               .n_anchors = 1, .anchors = { { tag_x + tag_w / 2, tag_y + 1, 0.5, 0 } } };

          tandem_chart_set_source (cr, &style->accent);
          rounded_rect (cr, tag_x, tag_y, tag_w, tag_h, 3);
          cairo_fill (cr);
          tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, tag_x, tag_y, tag_w, tag_h);
          tandem_labels_draw (labels, &word, NULL);
          badge_bottom = tag_y + tag_h + 1;
        }
    }

  /* Numbers: count, conversion, share, the live model's count.  With no
   * room, the last lines go first, then the type shrinks by steps; the
   * count is never cut, only shortened ("6.8k") or, at last, left to
   * the cell's description. */
  {
    const char *lines[4] = { count };
    gboolean bold[4] = { TRUE };
    const TandemRgba *colors[4] = { &text };
    guint n = 1;
    static const double factors[] = { 1.0, 0.9, 0.8, 0.7 };
    gboolean done = FALSE;

    /* In the order they go when there is no room: the live count first,
     * the conversion last */
    if (data->has_outcomes)
      lines[n] = won, bold[n] = data->color == TANDEM_MATRIX_COLOR_CONVERSION, colors[n++] = &secondary;
    lines[n] = share, bold[n] = FALSE, colors[n++] = &secondary;
    if (data->has_ghost)
      lines[n] = live, bold[n] = FALSE, colors[n++] = &secondary;

    for (guint keep = n; keep >= 1 && !done; keep--)
      for (guint k = 0; k < G_N_ELEMENTS (factors) && !done; k++)
        {
          double b = MAX (big * factors[k], 7), s = MAX (small * factors[k], 7);
          done = draw_cell_text (labels, style, &inner, lines, bold, colors, keep, b, s, -G_MAXDOUBLE) ||
                 draw_cell_text (labels, style, &inner, lines, bold, colors, keep, b, s, badge_bottom);
        }
    if (!done)
      {
        lines[0] = short_count;
        for (double b = MAX (big * 0.7, 7); b >= 7 && !done; b -= 1)
          done = draw_cell_text (labels, style, &inner, lines, bold, colors, 1, b, b, -G_MAXDOUBLE) ||
                 draw_cell_text (labels, style, &inner, lines, bold, colors, 1, b, b, badge_bottom);
      }
  }

  if (data->focus_fit == (int) f && data->focus_interest == (int) i)
    {
      double dash[] = { 2, 2 };
      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 2);
      tandem_chart_set_source (cr, &text);
      rounded_rect (cr, x + gap + 9 * ls, y + gap + 9 * ls, w - 2 * gap - 18 * ls, h - 2 * gap - 18 * ls, 3);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

void
tandem_matrix_draw (cairo_t                *cr,
                    double                  width,
                    double                  height,
                    const TandemChartStyle *style,
                    gpointer                user_data)
{
  const TandemMatrixData *data = user_data;
  TandemLabels *labels = tandem_labels_new (cr, style, width, height);
  TandemMatrixLayout l;
  double fs = font (style);
  double cw, ch, max_conversion = 0;
  guint max_count = 0;

  tandem_matrix_layout (data, style, width, height, &l);
  cw = l.grid_width / data->n_interest;
  ch = l.grid_height / data->n_fit;

  for (guint f = 0; f < data->n_fit; f++)
    for (guint i = 0; i < data->n_interest; i++)
      {
        double c = conversion (data, f, i);
        max_count = MAX (max_count, data->counts[f][i]);
        if (!isnan (c))
          max_conversion = MAX (max_conversion, c);
      }

  /* The cells first: everything else keeps off them */
  for (guint f = 0; f < data->n_fit; f++)
    for (guint i = 0; i < data->n_interest; i++)
      draw_cell (cr, labels, data, style, f, i, l.grid_x + cw * i, l.grid_y + ch * f, cw, ch, max_count, max_conversion);

  if (data->has_distributions)
    draw_distributions (cr, labels, data, &l, style);

  /* Axis titles.  Both arrows point the way scores rise, towards A1:
   * interest falls to the right, fit falls downwards. */
  {
    TandemLabel interest = {
      .text = _("← Interest (engagement)"), .size = 12, .min_size = 9, .bold = TRUE,
      .max_width = l.grid_width, .n_anchors = 1, .anchors = { { l.grid_x, MARGIN, 0, 0 } },
    };
    TandemLabel fit = {
      .text = _("Qualification (fit) →"), .size = 12, .min_size = 9, .bold = TRUE, .vertical = TRUE,
      .max_width = l.grid_height, .n_anchors = 1, .anchors = { { MARGIN, l.grid_y + l.grid_height, 0, 1 } },
    };
    tandem_labels_draw (labels, &interest, NULL);
    tandem_labels_draw (labels, &fit, NULL);
  }

  /* Band names, moved aside when a handle stands where they go */
  for (guint i = 0; i < data->n_interest; i++)
    {
      char name[2] = { (char) ('1' + i), 0 };
      double cx = l.grid_x + cw * (i + 0.5), by = l.grid_y - 4;
      TandemLabel band = {
        .text = name, .size = 14, .min_size = 9, .bold = TRUE, .n_anchors = 3,
        .anchors = { { cx, by, 0.5, 1 }, { cx - cw / 4, by, 0.5, 1 }, { cx + cw / 4, by, 0.5, 1 } },
      };
      tandem_labels_draw (labels, &band, NULL);
    }
  for (guint f = 0; f < data->n_fit; f++)
    {
      char name[2] = { (char) ('A' + f), 0 };
      double cy = l.grid_y + ch * (f + 0.5), bx = l.grid_x - 6;
      TandemLabel band = {
        .text = name, .size = 14, .min_size = 9, .bold = TRUE, .n_anchors = 3,
        .anchors = { { bx, cy, 1, 0.5 }, { bx, cy - ch / 4, 1, 0.5 }, { bx, cy + ch / 4, 1, 0.5 } },
      };
      tandem_labels_draw (labels, &band, NULL);
    }

  /* Legend: what the colour means */
  {
    gboolean by_conversion = data->color == TANDEM_MATRIX_COLOR_CONVERSION && data->has_outcomes;
    const char *what = by_conversion ? _("Colour: conversion (won ÷ leads)") : _("Colour: leads per cell");
    double lx = l.grid_x, ly = height - MARGIN - 18 * fs, bar_w = MIN (120.0, l.grid_width / 4);
    double tw = tandem_labels_text (labels, 11, FALSE, &style->dim, lx, ly, 0, what);

    if (tw >= 0)
      {
        g_autofree char *top = by_conversion ? tandem_chart_format_percent (max_conversion) : tandem_chart_format_count (max_count);

        for (int k = 0; k < 24; k++)
          {
            TandemRgba c;
            tandem_chart_ramp (style, by_conversion, k / 23.0, &c);
            tandem_chart_set_source (cr, &c);
            cairo_rectangle (cr, lx + tw + 10 + bar_w * k / 24, ly + 2, bar_w / 24 + 0.5, 12 * fs);
            cairo_fill (cr);
          }
        tandem_labels_reserve (labels, TANDEM_MARK_SOLID, lx + tw + 10, ly + 2, bar_w + 0.5, 12 * fs);
        tandem_labels_text (labels, 11, FALSE, &style->dim, lx + tw + 16 + bar_w, ly, 0, top);
      }
  }
  tandem_labels_free (labels);
}

char *
tandem_matrix_dup_cell_text (const TandemMatrixData *data,
                             guint                   f,
                             guint                   i)
{
  g_autofree char *count = tandem_chart_format_count (data->counts[f][i]);
  g_autofree char *share = tandem_chart_format_percent (data->total ? (double) data->counts[f][i] / data->total : NAN);
  GString *text = g_string_new (NULL);

  /* Translators: a matrix cell: its name, leads and their share of all leads */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%c%u: %s lead (%s)", "%c%u: %s leads (%s)", data->counts[f][i]),
                          'A' + f, i + 1, count, share);
  if (data->has_outcomes)
    {
      g_autofree char *won = tandem_chart_format_count (data->won[f][i]);
      g_autofree char *rate = tandem_chart_format_percent (conversion (data, f, i));
      /* Translators: won leads in a matrix cell and the conversion rate */
      g_string_append_printf (text, _(", %s won (%s)"), won, rate);
    }
  if (data->has_ghost)
    {
      g_autofree char *live = tandem_chart_format_count (data->ghost_counts[f][i]);
      g_string_append_printf (text, _(", live model %s"), live);
    }
  if (data->mql[f][i])
    g_string_append (text, _(", MQL"));
  return g_string_free (text, FALSE);
}

char *
tandem_matrix_dup_description (const TandemMatrixData *data)
{
  GString *text = g_string_new (NULL);
  g_autofree char *total = tandem_chart_format_count (data->total);
  guint mql = 0;

  for (guint f = 0; f < data->n_fit; f++)
    for (guint i = 0; i < data->n_interest; i++)
      if (data->mql[f][i])
        mql += data->counts[f][i];

  /* Translators: the start of the matrix's accessible description */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Lead matrix: qualification bands A to %c down, interest bands 1 to %u across, %s lead. ",
                                             "Lead matrix: qualification bands A to %c down, interest bands 1 to %u across, %s leads. ",
                                             data->total),
                          'A' + data->n_fit - 1, data->n_interest, total);
  for (guint f = 0; f < data->n_fit; f++)
    for (guint i = 0; i < data->n_interest; i++)
      {
        g_autofree char *cell = tandem_matrix_dup_cell_text (data, f, i);
        g_string_append (text, cell);
        g_string_append (text, "; ");
      }
  {
    g_autofree char *count = tandem_chart_format_count (mql);
    /* Translators: the end of the matrix's accessible description */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s MQL.", "%s MQLs.", mql), count);
  }
  return g_string_free (text, FALSE);
}
