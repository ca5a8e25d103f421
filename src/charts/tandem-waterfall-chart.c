/* tandem-waterfall-chart.c — the demand waterfall, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-waterfall-chart.h"

#include "tandem-labels.h"
#include "tandem-plan-actuals.h"

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

/* Whether day @day of @days is inside the plan's period, so that what is
 * due by then differs from the whole plan and the chart shows it */
static gboolean
is_paced (guint day,
          guint days)
{
  return day > 0 && day < days;
}

/* One waterfall in the rectangle; @compact for a small multiple. */
static void
draw_series (cairo_t                     *cr,
             TandemLabels                *labels,
             const TandemWaterfallSeries *series,
             const TandemChartStyle      *style,
             double                       x,
             double                       y,
             double                       w,
             double                       h,
             guint                        pace_day,
             guint                        pace_days,
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
  gboolean paced = !compact && is_paced (pace_day, pace_days);
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

  /* The bars first, so that every word knows where they stand */
  for (guint i = 0; i < n; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      double cx = x + slot * (i + 0.5);
      double bh = (baseline - top) * b->reached / max_value;

      /* The previous period: a slim grey bar just right of this one */
      if (!isnan (b->previous))
        {
          double ph = (baseline - top) * b->previous / max_value;
          tandem_chart_set_source (cr, &prev_color);
          cairo_rectangle (cr, cx + bar_w / 2 + 2, baseline - ph, MAX (bar_w * 0.18, 3), ph);
          cairo_fill (cr);
          tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, cx + bar_w / 2 + 2, baseline - ph, MAX (bar_w * 0.18, 3), ph);
        }

      tandem_chart_set_source (cr, &bar_color);
      cairo_rectangle (cr, cx - bar_w / 2, baseline - bh, bar_w, MAX (bh, 1));
      cairo_fill (cr);
      tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, cx - bar_w / 2, baseline - bh, bar_w, MAX (bh, 1));

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
          tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, cx - bar_w / 2 - 3 - ls, baseline - plh - ls,
                                 bar_w + 6 + 2 * ls, plh + 2 * ls);
          /* What is due by now: a tick across the outline */
          if (paced)
            {
              double due = tandem_plan_paced_volume (b->planned, pace_day, pace_days);
              double ty = baseline - (baseline - top) * due / max_value;
              tandem_chart_set_source (cr, &style->accent);
              cairo_rectangle (cr, cx - bar_w / 2 - 8, ty - ls, bar_w + 16, 2 * ls);
              cairo_fill (cr);
              tandem_labels_reserve (labels, TANDEM_MARK_SOLID, cx - bar_w / 2 - 8, ty - ls, bar_w + 16, 2 * ls);
            }
        }

      /* Leakage, hanging below: lost, the recycled part hatched */
      if (!compact && b->lost > 0)
        {
          double lt = baseline + label_h + 4;
          double lh = (leak_h - 24 * fs) * b->lost / max_lost;
          double rh = b->lost > 0 ? lh * MIN (b->recycled / b->lost, 1) : 0;

          tandem_chart_set_source (cr, &leak);
          cairo_rectangle (cr, cx - bar_w / 4, lt, bar_w / 2, MAX (lh - rh, 0));
          cairo_fill (cr);
          if (rh > 0)
            hatch (cr, cx - bar_w / 4, lt + lh - rh, bar_w / 2, rh, &leak_light);
          tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, cx - bar_w / 4, lt, bar_w / 2, MAX (lh, 1));
        }
    }

  /* Baseline */
  tandem_chart_set_source (cr, &style->grid);
  cairo_rectangle (cr, x, baseline, w, ls);
  cairo_fill (cr);

  /* Then the words, the most needed first: names, counts, rates, the rest */
  for (guint i = 0; i < n; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      double cx = x + slot * (i + 0.5);
      TandemLabel name = {
        .text = b->label, .size = compact ? 10 : 13, .min_size = 8, .bold = TRUE, .max_width = slot - 4,
        .n_anchors = 1, .anchors = { { cx, baseline + 4, 0.5, 0 } },
      };
      tandem_labels_draw (labels, &name, NULL);
    }
  for (guint i = 0; i < n; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      double cx = x + slot * (i + 0.5);
      double bh = (baseline - top) * b->reached / max_value;
      double over = baseline - MAX (bh, isnan (b->planned) ? 0 : (baseline - top) * b->planned / max_value);
      g_autofree char *count = count_text (b->reached);
      g_autofree char *short_count = tandem_labels_short_count (llround (MAX (b->reached, 0)));
      TandemLabel label = {
        .text = count, .short_text = short_count, .size = big, .min_size = small, .bold = TRUE,
        .n_anchors = 2, .anchors = { { cx, over - 3, 0.5, 1 }, { cx, over + 3, 0.5, 0 } },
      };
      TandemRect placed;

      /* The count, large, above the bar (or the plan, if higher) */
      if (tandem_labels_draw (labels, &label, &placed) && !compact && !isnan (b->planned))
        {
          g_autofree char *plan = count_text (b->planned);
          /* Translators: a waterfall bar's planned volume */
          g_autofree char *text = g_strdup_printf (_("plan %s"), plan);
          TandemLabel planned = {
            .text = text, .size = small, .min_size = 8, .color = &style->accent, .n_anchors = 1,
            .anchors = { { cx, placed.y - 1, 0.5, 1 } },
          };
          tandem_labels_draw (labels, &planned, NULL);
        }
    }
  for (guint i = 1; i < n; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      double gx = x + slot * i, span = baseline - top;
      g_autofree char *rate = NULL;
      TandemLabel label = { .size = compact ? 9 : 14, .min_size = compact ? 8 : 11, .bold = TRUE, .shrink_first = TRUE, .n_anchors = 5 };
      static const double heights[] = { 0.35, 0.2, 0.5, 0.05, 0.65 };
      TandemRect placed;

      /* Between this bar and the previous: conversion and days */
      if (isnan (b->conversion))
        continue;
      rate = format_rate (b->conversion);
      label.text = rate;
      for (guint k = 0; k < G_N_ELEMENTS (heights); k++)
        label.anchors[k] = (TandemAnchor) { gx, top + span * heights[k], 0.5, 0 };
      /* All at one height where they fit a little smaller; else moved */
      if (!tandem_labels_draw (labels, &label, &placed))
        {
          label.min_size = 8;
          label.shrink_first = FALSE;
          if (!tandem_labels_draw (labels, &label, &placed))
            continue;
        }
      if (compact)
        continue;
      if (!isnan (b->median_days))
        {
          /* Translators: median days between two stages, e.g. "12 d" */
          g_autofree char *days = g_strdup_printf (_("%.0f d"), b->median_days);
          TandemLabel under = {
            .text = days, .size = small, .min_size = 8, .color = &style->dim, .n_anchors = 1,
            .anchors = { { placed.x + placed.width / 2, placed.y + placed.height + 1, 0.5, 0 } },
          };
          tandem_labels_draw (labels, &under, NULL);
        }
      {
        TandemLabel arrow = {
          .text = "→", .size = small, .color = &style->dim, .n_anchors = 1,
          .anchors = { { placed.x + placed.width / 2, placed.y - 1, 0.5, 1 } },
        };
        tandem_labels_draw (labels, &arrow, NULL);
      }
    }
  for (guint i = 0; i < n && !compact; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      double cx = x + slot * (i + 0.5), lt = baseline + label_h + 4;
      double lh = (leak_h - 24 * fs) * b->lost / max_lost;
      g_autofree char *lost = NULL, *text = NULL, *short_text = NULL;
      TandemLabel label = { .size = small, .min_size = 8, .color = &leak, .n_anchors = 3 };

      if (b->lost <= 0)
        continue;
      lost = count_text (b->lost);
      if (b->recycled > 0)
        {
          g_autofree char *recycled = count_text (b->recycled);
          /* Translators: leads lost at a stage, of which some came back ("recycled") */
          text = g_strdup_printf (_("−%s lost · ↺ %s"), lost, recycled);
          /* Translators: the same, short, where there is no room */
          short_text = g_strdup_printf (_("−%s ↺ %s"), lost, recycled);
        }
      else
        /* Translators: leads lost at a stage */
        text = g_strdup_printf (_("−%s lost"), lost);
      label.text = text;
      label.short_text = short_text ? short_text : lost;
      /* Under the leak, beside it, or a line lower than a neighbour's */
      label.anchors[0] = (TandemAnchor) { cx, lt + lh + 2, 0.5, 0 };
      label.anchors[1] = (TandemAnchor) { cx + bar_w / 4 + 3, lt, 0, 0 };
      label.anchors[2] = (TandemAnchor) { cx, lt + lh + 2 + (small + 4) * fs, 0.5, 0 };
      tandem_labels_draw (labels, &label, NULL);
    }
  /* Beside each tick, what it stands for; dropped first when crowded */
  for (guint i = 0; paced && i < n; i++)
    {
      const TandemWaterfallBar *b = &g_array_index (series->bars, TandemWaterfallBar, i);
      double cx = x + slot * (i + 0.5);
      double due, ty, right;
      g_autofree char *count = NULL;
      g_autofree char *text = NULL;

      if (isnan (b->planned))
        continue;
      due = tandem_plan_paced_volume (b->planned, pace_day, pace_days);
      ty = baseline - (baseline - top) * due / max_value;
      /* Right of the tick, past the previous period's slim bar if any */
      right = cx + bar_w / 2 + 10 + (isnan (b->previous) ? 0 : MAX (bar_w * 0.18, 3) + 2);
      count = count_text (due);
      /* Translators: beside a waterfall bar's pacing tick: the plan's volume due by now */
      text = g_strdup_printf (_("on pace %s"), count);
      {
        /* Beside the tick, one size for every bar; else inside the bar,
         * under or over the tick, in the colour that reads on it */
        TandemLabel label = {
          .text = text, .short_text = count, .size = small, .color = &style->accent, .n_anchors = 4,
          .anchors = { { right, ty, 0, 0.5 }, { right, ty - 2, 0, 1 }, { right, ty + 2, 0, 0 },
                       { cx - bar_w / 2 - 10, ty, 1, 0.5 } },
        };
        if (!tandem_labels_draw (labels, &label, NULL))
          {
            /* Inside the outline, under or over the tick: on the bar when
             * it has passed the tick, in the colour that reads there; else
             * in the outline's empty part, the bar below */
            TandemRgba on_bar;
            double plh = (baseline - top) * b->planned / max_value;
            TandemRect inner = { cx - bar_w / 2 + 2 * ls, baseline - plh + 2 * ls, bar_w - 4 * ls, plh - 2 * ls };
            tandem_chart_text_on (&bar_color, &on_bar);
            label.within = &inner;
            if (b->reached >= due)
              label.color = &on_bar;
            label.n_anchors = 2;
            label.anchors[0] = (TandemAnchor) { cx, ty + 3 * ls, 0.5, 0 };
            label.anchors[1] = (TandemAnchor) { cx, ty - 3 * ls, 0.5, 1 };
            tandem_labels_draw (labels, &label, NULL);
          }
      }
    }
}

static void
swatch (cairo_t          *cr,
        TandemLabels     *labels,
        const TandemRgba *color,
        double            x,
        double            y,
        double            w,
        double            h,
        gboolean          dashed)
{
  tandem_chart_set_source (cr, color);
  if (dashed)
    {
      double dash[] = { 4, 2 };
      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, x + 1, y + 1, w - 2, h - 2);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  else
    {
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
    }
  tandem_labels_reserve (labels, TANDEM_MARK_SOLID, x, y, w, h);
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
  TandemLabels *labels;

  if (n == 0)
    return;
  labels = tandem_labels_new (cr, style, width, height);
  if (data->period != NULL)
    {
      tandem_labels_text (labels, 12, FALSE, &style->dim, MARGIN, y, 0, data->period);
      y += 20 * fs;
    }

  if (n == 1)
    draw_series (cr, labels, g_ptr_array_index (data->series, 0), style, MARGIN, y, width - 2 * MARGIN,
                 height - y - MARGIN - legend_h, data->pace_day, data->pace_days, FALSE);
  else
    {
      guint cols = (guint) ceil (sqrt (n)), rows = (n + cols - 1) / cols;
      double cw = (width - 2 * MARGIN) / cols, rh = (height - y - MARGIN - legend_h) / rows;

      for (guint k = 0; k < n; k++)
        {
          const TandemWaterfallSeries *s = g_ptr_array_index (data->series, k);
          double cx = MARGIN + cw * (k % cols), cy = y + rh * (k / cols);
          TandemLabel title = {
            .text = s->title ? s->title : _("(empty)"), .size = 12, .min_size = 9, .bold = TRUE,
            .max_width = cw - 12, .n_anchors = 1, .anchors = { { cx + 6, cy, 0, 0 } },
          };
          tandem_labels_draw (labels, &title, NULL);
          draw_series (cr, labels, s, style, cx + 6, cy + 18 * fs, cw - 16, rh - 24 * fs, 0, 0, TRUE);
        }
    }

  /* Legend: only what the chart draws */
  {
    double lx = MARGIN, ly = height - MARGIN - 14 * fs, sw = 12 * fs, tw;
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
    swatch (cr, labels, &bar, lx, ly + 2, sw, sw, FALSE);
    tw = tandem_labels_text (labels, 11, FALSE, &style->dim, lx + sw + 4, ly, 0, _("reached"));
    lx += sw + 4 + MAX (tw, 0) + 14;
    if (any_previous)
      {
        swatch (cr, labels, &prev, lx, ly + 2, 5, sw, FALSE);
        tw = tandem_labels_text (labels, 11, FALSE, &style->dim, lx + 9, ly, 0, _("previous period"));
        lx += 9 + MAX (tw, 0) + 14;
      }
    if (any_plan)
      {
        gboolean paced = n == 1 && is_paced (data->pace_day, data->pace_days);

        swatch (cr, labels, &style->accent, lx, ly + 2, sw, sw, TRUE);
        tw = tandem_labels_text (labels, 11, FALSE, &style->dim, lx + sw + 4, ly, 0,
                                 /* Translators: the legend of a waterfall's dashed plan and its pacing tick */
                                 paced ? _("plan (the tick: due by now)") : _("plan"));
        lx += sw + 4 + MAX (tw, 0) + 14;
      }
    if (any_lost)
      {
        swatch (cr, labels, &leak, lx, ly + 2, sw, sw, FALSE);
        tandem_labels_text (labels, 11, FALSE, &style->dim, lx + sw + 4, ly, 0, _("lost (hatched: recycled)"));
      }
  }
  tandem_labels_free (labels);
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
