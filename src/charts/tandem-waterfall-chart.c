/* tandem-waterfall-chart.c — the demand waterfall, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-waterfall-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define MARGIN 14.0


/* A conversion as a percentage; in flow mode more can enter a stage in a
 * period than entered the one before it, and that reads as a multiple
 * ("×14.2"), not as 1,416.8 %. */
static char *
format_rate (double rate)
{
  if (rate > 1)
    return g_strdup_printf ("×%.1f", rate);
  return tandem_chart_format_percent (rate);
}

static void
bar_clear (TandemWaterfallBar *bar)
{
  g_free (bar->label);
}

static void
series_free (TandemWaterfallSeries *series)
{
  g_free (series->title);
  g_array_unref (series->bars);
  g_free (series);
}

TandemWaterfallChartData *
tandem_waterfall_chart_data_new (void)
{
  TandemWaterfallChartData *data = g_new0 (TandemWaterfallChartData, 1);

  data->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  return data;
}

void
tandem_waterfall_chart_data_free (TandemWaterfallChartData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->series);
  g_free (data->period);
  g_free (data);
}

TandemWaterfallSeries *
tandem_waterfall_chart_data_add_series (TandemWaterfallChartData *data,
                                        const char               *title)
{
  TandemWaterfallSeries *series = g_new0 (TandemWaterfallSeries, 1);

  series->title = g_strdup (title);
  series->bars = g_array_new (FALSE, TRUE, sizeof (TandemWaterfallBar));
  g_array_set_clear_func (series->bars, (GDestroyNotify) bar_clear);
  g_ptr_array_add (data->series, series);
  return series;
}

void
tandem_waterfall_series_add_bar (TandemWaterfallSeries    *series,
                                 const TandemWaterfallBar *bar)
{
  TandemWaterfallBar copy = *bar;

  copy.label = g_strdup (bar->label);
  g_array_append_val (series->bars, copy);
}

static void
leak_color (const TandemChartStyle *style,
            TandemRgba             *out)
{
  /* Vermilion: apart from the blue bars for every kind of colour vision */
  *out = style->dark ? (TandemRgba) { 1.0, 0.48, 0.39, 0.85 } : (TandemRgba) { 0.75, 0.11, 0.16, 0.8 };
}

static void
hatch (cairo_t          *cr,
       double            x,
       double            y,
       double            w,
       double            h,
       const TandemRgba *color)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  tandem_chart_set_source (cr, color);
  cairo_set_line_width (cr, 1.5);
  for (double d = -h; d < w; d += 6)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static char *
count_text (double value)
{
  return tandem_chart_format_count ((guint64) llround (MAX (value, 0)));
}

/* One waterfall in the rectangle; @compact for a small multiple. */
static void
draw_series (cairo_t                     *cr,
             const TandemWaterfallSeries *series,
             const TandemChartStyle      *style,
             double                       x,
             double                       y,
             double                       w,
             double                       h,
             gboolean                     compact)
{
  guint n = series->bars->len;
  double fs = style->font_scale, ls = style->line_scale;
  double big = compact ? 12 : 18, small = compact ? 9 : 11;
  double top = y + (compact ? 22 : 34) * fs;
  double label_h = (compact ? 16 : 22) * fs;
  double leak_h = compact ? 0 : MIN (h * 0.2, 110);
  double baseline = y + h - leak_h - label_h - (compact ? 0 : 8);
  double slot = w / MAX (n, 1), bar_w = slot * (compact ? 0.6 : 0.46);
  double max_value = 1, max_lost = 1;
  TandemRgba bar_color, prev_color, leak, leak_light;

  if (n == 0)
    return;
  tandem_chart_ramp (style, FALSE, 0.85, &bar_color);
  prev_color = style->dim;
  prev_color.alpha = 0.45;
  leak_color (style, &leak);
  leak_light = leak;
  leak_light.alpha *= 0.55;

  for (guint i = 0; i < n; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      max_value = MAX (max_value, b->reached);
      if (!isnan (b->planned))
        max_value = MAX (max_value, b->planned);
      if (!isnan (b->previous))
        max_value = MAX (max_value, b->previous);
      max_lost = MAX (max_lost, b->lost);
    }

  for (guint i = 0; i < n; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      double cx = x + slot * (i + 0.5);
      double bh = (baseline - top) * b->reached / max_value;
      g_autofree char *count = count_text (b->reached);

      /* The previous period: a slim grey bar just right of this one */
      if (!isnan (b->previous))
        {
          double ph = (baseline - top) * b->previous / max_value;
          tandem_chart_set_source (cr, &prev_color);
          cairo_rectangle (cr, cx + bar_w / 2 + 2, baseline - ph, MAX (bar_w * 0.18, 3), ph);
          cairo_fill (cr);
        }

      tandem_chart_set_source (cr, &bar_color);
      cairo_rectangle (cr, cx - bar_w / 2, baseline - bh, bar_w, MAX (bh, 1));
      cairo_fill (cr);

      /* The plan: a dashed outline at its height */
      if (!isnan (b->planned))
        {
          double plh = (baseline - top) * b->planned / max_value;
          double dash[] = { 5 * ls, 3 * ls };
          cairo_save (cr);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 2 * ls);
          tandem_chart_set_source (cr, &style->accent);
          cairo_rectangle (cr, cx - bar_w / 2 - 3, baseline - plh, bar_w + 6, plh);
          cairo_stroke (cr);
          cairo_restore (cr);
        }

      /* The count, large, above the bar (or the plan, if higher) */
      {
        double over = baseline - MAX (bh, isnan (b->planned) ? 0 : (baseline - top) * b->planned / max_value);
        tandem_chart_text (cr, style, big, TRUE, &style->foreground, cx, over - (big + 6) * fs, 0.5, count);
        if (!compact && !isnan (b->planned))
          {
            g_autofree char *plan = count_text (b->planned);
            /* Translators: a waterfall bar's planned volume */
            g_autofree char *text = g_strdup_printf (_("plan %s"), plan);
            tandem_chart_text (cr, style, small, FALSE, &style->accent, cx, over - (big + small + 10) * fs, 0.5, text);
          }
      }

      /* The stage's name under the baseline */
      tandem_chart_text (cr, style, compact ? 10 : 13, TRUE, &style->foreground, cx, baseline + 4, 0.5, b->label);

      /* Between this bar and the previous: conversion and days */
      if (i > 0 && !isnan (b->conversion))
        {
          double gx = x + slot * i;
          double gy = top + (baseline - top) * 0.35;
          g_autofree char *rate = format_rate (b->conversion);
          tandem_chart_text (cr, style, compact ? 9 : 14, TRUE, &style->foreground, gx, gy, 0.5, rate);
          if (!compact)
            {
              tandem_chart_text (cr, style, small, FALSE, &style->dim, gx, gy - small * fs * 1.5, 0.5, "→");
              if (!isnan (b->median_days))
                {
                  /* Translators: median days between two stages, e.g. "12 d" */
                  g_autofree char *days = g_strdup_printf (_("%.0f d"), b->median_days);
                  tandem_chart_text (cr, style, small, FALSE, &style->dim, gx, gy + 16 * fs, 0.5, days);
                }
            }
        }

      /* Leakage, hanging below: lost, the recycled part hatched */
      if (!compact && b->lost > 0)
        {
          double lt = baseline + label_h + 4;
          double lh = (leak_h - 24 * fs) * b->lost / max_lost;
          double rh = b->lost > 0 ? lh * MIN (b->recycled / b->lost, 1) : 0;
          g_autofree char *lost = count_text (b->lost);
          g_autofree char *text = NULL;

          tandem_chart_set_source (cr, &leak);
          cairo_rectangle (cr, cx - bar_w / 4, lt, bar_w / 2, MAX (lh - rh, 0));
          cairo_fill (cr);
          if (rh > 0)
            hatch (cr, cx - bar_w / 4, lt + lh - rh, bar_w / 2, rh, &leak_light);
          if (b->recycled > 0)
            {
              g_autofree char *recycled = count_text (b->recycled);
              /* Translators: leads lost at a stage, of which some came back ("recycled") */
              text = g_strdup_printf (_("−%s lost · ↺ %s"), lost, recycled);
            }
          else
            /* Translators: leads lost at a stage */
            text = g_strdup_printf (_("−%s lost"), lost);
          tandem_chart_text (cr, style, small, FALSE, &leak, cx, lt + lh + 2, 0.5, text);
        }
    }

  /* Baseline */
  tandem_chart_set_source (cr, &style->grid);
  cairo_rectangle (cr, x, baseline, w, ls);
  cairo_fill (cr);
}

void
tandem_waterfall_draw (cairo_t                *cr,
                       double                  width,
                       double                  height,
                       const TandemChartStyle *style,
                       gpointer                user_data)
{
  const TandemWaterfallChartData *data = user_data;
  double fs = style->font_scale;
  double y = MARGIN, legend_h = 22 * fs;
  guint n = data->series->len;

  if (n == 0)
    return;
  if (data->period != NULL)
    {
      tandem_chart_text (cr, style, 12, FALSE, &style->dim, MARGIN, y, 0, data->period);
      y += 20 * fs;
    }

  if (n == 1)
    draw_series (cr, g_ptr_array_index (data->series, 0), style, MARGIN, y, width - 2 * MARGIN,
                 height - y - MARGIN - legend_h, FALSE);
  else
    {
      guint cols = (guint) ceil (sqrt (n)), rows = (n + cols - 1) / cols;
      double cw = (width - 2 * MARGIN) / cols, rh = (height - y - MARGIN - legend_h) / rows;

      for (guint k = 0; k < n; k++)
        {
          const TandemWaterfallSeries *s = g_ptr_array_index (data->series, k);
          double cx = MARGIN + cw * (k % cols), cy = y + rh * (k / cols);
          tandem_chart_text (cr, style, 12, TRUE, &style->foreground, cx + 6, cy, 0, s->title ? s->title : _("(empty)"));
          draw_series (cr, s, style, cx + 6, cy + 18 * fs, cw - 16, rh - 24 * fs, TRUE);
        }
    }

  /* Legend: only what the chart draws */
  {
    double lx = MARGIN, ly = height - MARGIN - 14 * fs;
    TandemRgba bar, leak, prev = style->dim;
    gboolean any_previous = FALSE, any_plan = FALSE, any_lost = FALSE;

    for (guint k = 0; k < n; k++)
      {
        const TandemWaterfallSeries *s = g_ptr_array_index (data->series, k);
        for (guint i = 0; i < s->bars->len; i++)
          {
            const TandemWaterfallBar *b = &g_array_index (s->bars, TandemWaterfallBar, i);
            any_previous |= !isnan (b->previous);
            any_plan |= !isnan (b->planned);
            any_lost |= b->lost > 0;
          }
      }

    tandem_chart_ramp (style, FALSE, 0.85, &bar);
    leak_color (style, &leak);
    prev.alpha = 0.45;
    tandem_chart_set_source (cr, &bar);
    cairo_rectangle (cr, lx, ly + 2, 12, 12);
    cairo_fill (cr);
    lx += 18 + tandem_chart_text (cr, style, 11, FALSE, &style->dim, lx + 16, ly, 0, _("reached")) + 14;
    if (any_previous)
      {
        tandem_chart_set_source (cr, &prev);
        cairo_rectangle (cr, lx, ly + 2, 5, 12);
        cairo_fill (cr);
        lx += 10 + tandem_chart_text (cr, style, 11, FALSE, &style->dim, lx + 9, ly, 0, _("previous period")) + 14;
      }
    if (any_plan)
      {
        double dash[] = { 4, 2 };
        cairo_save (cr);
        cairo_set_dash (cr, dash, 2, 0);
        tandem_chart_set_source (cr, &style->accent);
        cairo_set_line_width (cr, 2);
        cairo_rectangle (cr, lx, ly + 2, 12, 12);
        cairo_stroke (cr);
        cairo_restore (cr);
        lx += 18 + tandem_chart_text (cr, style, 11, FALSE, &style->dim, lx + 16, ly, 0, _("plan")) + 14;
      }
    if (any_lost)
      {
        tandem_chart_set_source (cr, &leak);
        cairo_rectangle (cr, lx, ly + 2, 12, 12);
        cairo_fill (cr);
        tandem_chart_text (cr, style, 11, FALSE, &style->dim, lx + 16, ly, 0, _("lost (hatched: recycled)"));
      }
  }
}

char *
tandem_waterfall_dup_description (const TandemWaterfallChartData *data)
{
  GString *text = g_string_new (_("Demand waterfall. "));

  if (data->period)
    g_string_append_printf (text, "%s. ", data->period);
  for (guint k = 0; k < data->series->len; k++)
    {
      const TandemWaterfallSeries *s = g_ptr_array_index (data->series, k);

      if (data->series->len > 1)
        g_string_append_printf (text, "%s: ", s->title ? s->title : _("(empty)"));
      for (guint i = 0; i < s->bars->len; i++)
        {
          const TandemWaterfallBar *b = &g_array_index (s->bars, TandemWaterfallBar, i);
          g_autofree char *count = count_text (b->reached);

          /* Translators: a waterfall stage in words, "MQL 1,284 leads" */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s %s lead", "%s %s leads", b->reached == 1 ? 1 : 2),
                                  b->label, count);
          if (!isnan (b->conversion) && b->conversion > 1)
            /* Translators: in flow mode, more entered this stage than the one before */
            g_string_append_printf (text, _(" (%.1f times the stage before)"), b->conversion);
          else if (!isnan (b->conversion))
            {
              g_autofree char *rate = tandem_chart_format_percent (b->conversion);
              g_string_append_printf (text, _(" (%s of the stage before)"), rate);
            }
          if (b->lost > 0)
            {
              g_autofree char *lost = count_text (b->lost);
              g_string_append_printf (text, _(", %s lost"), lost);
            }
          if (!isnan (b->planned))
            {
              g_autofree char *plan = count_text (b->planned);
              g_string_append_printf (text, _(", plan %s"), plan);
            }
          g_string_append (text, i + 1 < s->bars->len ? "; " : ". ");
        }
    }
  return g_string_free (text, FALSE);
}
