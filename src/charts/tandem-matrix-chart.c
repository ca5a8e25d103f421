/* tandem-matrix-chart.c — the qualification × interest matrix, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-matrix-chart.h"

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

static void
draw_distributions (cairo_t                  *cr,
                    const TandemMatrixData   *data,
                    const TandemMatrixLayout *l,
                    const TandemChartStyle   *style)
{
  double fs = font (style), ls = style->line_scale;

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
            }
          else
            {
              double y0 = fit_y (data, l, s1), y1 = fit_y (data, l, s0);
              double w = share * (l->fit_width - 4);
              cairo_rectangle (cr, l->fit_x + l->fit_width - w, y0, w, MAX (y1 - y0, 1));
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

      /* Thresholds: a line across the distribution, a knob to drag, the value */
      for (guint t = 0; t < axis->n_thresholds; t++)
        {
          gboolean active = data->active_axis == (int) a && data->active_handle == (int) t;
          double r = (active ? 8 : 6) * ls;
          g_autofree char *label = g_strdup_printf ("%g", round (axis->thresholds[t] * 100) / 100);
          double x, y;

          tandem_chart_set_source (cr, &style->accent);
          cairo_set_line_width (cr, 2 * ls);
          if (a == TANDEM_MATRIX_AXIS_INTEREST)
            {
              x = interest_x (data, l, axis->thresholds[t]);
              y = l->interest_y + l->interest_height;
              if (x < l->interest_x - 1 || x > l->interest_x + l->interest_width + 1)
                continue;
              cairo_move_to (cr, x, l->interest_y);
              cairo_line_to (cr, x, y);
              cairo_stroke (cr);
              cairo_arc (cr, x, y, r, 0, 2 * G_PI);
              cairo_fill (cr);
              tandem_chart_text (cr, style, 11, active, &style->accent, x + r + 2, l->interest_y - 2 * fs, 0, label);
            }
          else
            {
              x = l->fit_x + l->fit_width;
              y = fit_y (data, l, axis->thresholds[t]);
              if (y < l->fit_y - 1 || y > l->fit_y + l->fit_height + 1)
                continue;
              cairo_move_to (cr, l->fit_x, y);
              cairo_line_to (cr, x, y);
              cairo_stroke (cr);
              cairo_arc (cr, x, y, r, 0, 2 * G_PI);
              cairo_fill (cr);
              tandem_chart_text (cr, style, 11, active, &style->accent, l->fit_x, y - 16 * fs, 0, label);
            }
        }
    }
}

static void
draw_cell (cairo_t                  *cr,
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
  double ls = style->line_scale, gap = 2;
  double big = CLAMP (MIN (w, h) * 0.22 / style->font_scale, 10, 30), small = MAX (big * 0.55, 9);
  double conv = conversion (data, f, i);
  g_autofree char *count = tandem_chart_format_count (data->counts[f][i]);
  g_autofree char *share = tandem_chart_format_percent (data->total ? (double) data->counts[f][i] / data->total : NAN);
  TandemRgba fill, text, secondary;
  double t, ty;

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

  /* Numbers, centred: count, share, conversion, the live model's count */
  ty = y + h / 2 - (big + small * (1 + data->has_outcomes + data->has_ghost)) * style->font_scale * 0.62;
  if (h > 3.2 * big * style->font_scale)
    {
      tandem_chart_text (cr, style, big, TRUE, &text, x + w / 2, ty, 0.5, count);
      ty += big * style->font_scale * 1.25;
      tandem_chart_text (cr, style, small, FALSE, &secondary, x + w / 2, ty, 0.5, share);
      ty += small * style->font_scale * 1.3;
      if (data->has_outcomes)
        {
          g_autofree char *rate = tandem_chart_format_percent (conv);
          /* Translators: the conversion rate of a matrix cell, e.g. "12.5 % won" */
          g_autofree char *line = g_strdup_printf (_("%s won"), rate);
          tandem_chart_text (cr, style, small, data->color == TANDEM_MATRIX_COLOR_CONVERSION, &secondary, x + w / 2, ty, 0.5, line);
          ty += small * style->font_scale * 1.3;
        }
      if (data->has_ghost)
        {
          g_autofree char *live = tandem_chart_format_count (data->ghost_counts[f][i]);
          /* Translators: in a matrix cell, the live model's count for comparison */
          g_autofree char *line = g_strdup_printf (_("live %s"), live);
          tandem_chart_text (cr, style, small, FALSE, &secondary, x + w / 2, ty, 0.5, line);
        }
    }
  else
    tandem_chart_text (cr, style, MAX (small, 9), TRUE, &text, x + w / 2, y + h / 2 - small * style->font_scale * 0.65, 0.5, count);

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
      double tag_h = 15 * style->font_scale, tag_w = 34 * style->font_scale;
      TandemRgba white = { 1, 1, 1, 1 };

      cairo_set_line_width (cr, 3.5 * ls);
      tandem_chart_set_source (cr, &style->accent);
      rounded_rect (cr, x + gap + 1.75 * ls, y + gap + 1.75 * ls, w - 2 * gap - 3.5 * ls, h - 2 * gap - 3.5 * ls, 5);
      cairo_stroke (cr);
      if (w > 60 && h > 36)
        {
          rounded_rect (cr, x + w - gap - tag_w - 3 * ls, y + gap + 3 * ls, tag_w, tag_h, 3);
          cairo_fill (cr);
          tandem_chart_text (cr, style, 9, TRUE, style->dark ? &(TandemRgba) { 0, 0, 0, 1 } : &white,
                             x + w - gap - tag_w / 2 - 3 * ls, y + gap + 3 * ls + 1, 0.5, "MQL");
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

  /* Axis titles */
  tandem_chart_text (cr, style, 12, TRUE, &style->foreground, l.grid_x, MARGIN, 0, _("Interest (engagement) →"));
  cairo_save (cr);
  cairo_translate (cr, MARGIN, l.grid_y + l.grid_height);
  cairo_rotate (cr, -G_PI / 2);
  tandem_chart_text (cr, style, 12, TRUE, &style->foreground, 0, 0, 0, _("Qualification (fit) →"));
  cairo_restore (cr);

  /* Band names */
  for (guint i = 0; i < data->n_interest; i++)
    {
      char name[2] = { (char) ('1' + i), 0 };
      tandem_chart_text (cr, style, 14, TRUE, &style->foreground, l.grid_x + cw * (i + 0.5), l.grid_y - 22 * fs, 0.5, name);
    }
  for (guint f = 0; f < data->n_fit; f++)
    {
      char name[2] = { (char) ('A' + f), 0 };
      tandem_chart_text (cr, style, 14, TRUE, &style->foreground, l.grid_x - 14 * fs, l.grid_y + ch * (f + 0.5) - 10 * fs, 0.5, name);
    }

  for (guint f = 0; f < data->n_fit; f++)
    for (guint i = 0; i < data->n_interest; i++)
      draw_cell (cr, data, style, f, i, l.grid_x + cw * i, l.grid_y + ch * f, cw, ch, max_count, max_conversion);

  if (data->has_distributions)
    draw_distributions (cr, data, &l, style);

  /* Legend: what the colour means */
  {
    gboolean by_conversion = data->color == TANDEM_MATRIX_COLOR_CONVERSION && data->has_outcomes;
    const char *what = by_conversion ? _("Colour: conversion (won ÷ leads)") : _("Colour: leads per cell");
    double lx = l.grid_x, ly = height - MARGIN - 18 * fs, bar_w = MIN (120.0, l.grid_width / 4);
    double tw = tandem_chart_text (cr, style, 11, FALSE, &style->dim, lx, ly, 0, what);

    for (int k = 0; k < 24; k++)
      {
        TandemRgba c;
        tandem_chart_ramp (style, by_conversion, k / 23.0, &c);
        tandem_chart_set_source (cr, &c);
        cairo_rectangle (cr, lx + tw + 10 + bar_w * k / 24, ly + 2, bar_w / 24 + 0.5, 12 * fs);
        cairo_fill (cr);
      }
    {
      g_autofree char *top = by_conversion ? tandem_chart_format_percent (max_conversion) : tandem_chart_format_count (max_count);
      tandem_chart_text (cr, style, 11, FALSE, &style->dim, lx + tw + 16 + bar_w, ly, 0, top);
    }
  }
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
