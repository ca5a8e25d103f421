/* tandem-targets-chart.c — the plan as an inverted funnel, and its tornado
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-targets-chart.h"

#include "tandem-format.h"
#include "tandem-labels.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define MARGIN 14.0

static void
stage_clear (TandemTargetsBar *bar)
{
  g_free (bar->name);
}

static void
tornado_clear (TandemTornadoBar *bar)
{
  g_free (bar->label);
}

TandemTargetsChartData *
tandem_targets_chart_data_new (void)
{
  TandemTargetsChartData *data = g_new0 (TandemTargetsChartData, 1);

  data->stages = g_array_new (FALSE, TRUE, sizeof (TandemTargetsBar));
  g_array_set_clear_func (data->stages, (GDestroyNotify) stage_clear);
  data->tornado = g_array_new (FALSE, TRUE, sizeof (TandemTornadoBar));
  g_array_set_clear_func (data->tornado, (GDestroyNotify) tornado_clear);
  return data;
}

void
tandem_targets_chart_data_free (TandemTargetsChartData *data)
{
  if (data == NULL)
    return;
  g_array_unref (data->stages);
  g_array_unref (data->tornado);
  g_free (data->headline);
  g_free (data->tornado_unit);
  g_free (data->currency);
  g_free (data);
}

void
tandem_targets_chart_add_stage (TandemTargetsChartData *data,
                                const char             *name,
                                double                  exact,
                                double                  volume,
                                double                  marketing)
{
  TandemTargetsBar bar = { g_strdup (name), exact, volume, marketing };
  g_array_append_val (data->stages, bar);
}

void
tandem_targets_chart_add_tornado (TandemTargetsChartData *data,
                                  const char             *label,
                                  double                  change)
{
  TandemTornadoBar bar = { g_strdup (label), change };
  g_array_append_val (data->tornado, bar);
}

static char *
volume_text (double volume,
             double exact)
{
  g_autofree char *committed = tandem_chart_format_count ((guint64) llround (MAX (volume, 0)));

  if (fabs (volume - exact) < 1e-9)
    return g_steal_pointer (&committed);
  /* Translators: a committed volume and the exact fraction it comes from, "450 (444.4)" */
  return g_strdup_printf (_("%s (%.1f)"), committed, exact);
}

void
tandem_targets_draw_funnel (cairo_t                *cr,
                            double                  width,
                            double                  height,
                            const TandemChartStyle *style,
                            gpointer                user_data)
{
  const TandemTargetsChartData *data = user_data;
  guint n = data->stages->len;
  double fs = style->font_scale, y = MARGIN, row_h, max_volume = 1, label_w = 110 * fs, legend_h = 0;
  double cx, half;
  gboolean split = FALSE, rounded = FALSE;
  TandemRgba bar, part;
  TandemLabels *labels;

  if (n == 0)
    return;
  labels = tandem_labels_new (cr, style, width, height);
  if (data->headline)
    {
      TandemLabel headline = { .text = data->headline, .size = 16, .min_size = 11, .bold = TRUE,
                               .max_width = width - 2 * MARGIN, .n_anchors = 1, .anchors = { { MARGIN, y, 0, 0 } } };
      tandem_labels_draw (labels, &headline, NULL);
      y += 28 * fs;
    }
  tandem_chart_ramp (style, FALSE, 0.85, &bar);
  tandem_chart_ramp (style, FALSE, 0.55, &part);
  for (guint i = 0; i < n; i++)
    {
      const TandemTargetsBar *b = &g_array_index (data->stages, TandemTargetsBar, i);
      max_volume = MAX (max_volume, b->volume);
      split = split || !isnan (b->marketing);
      rounded = rounded || fabs (b->volume - b->exact) >= 1e-9;
    }

  /* The two shades, and what a bracket means, named at the foot */
  if (split || rounded)
    legend_h = 24 * fs;
  if (split)
    {
      double sw = 12 * fs, ly = height - MARGIN - 14 * fs, lx = label_w, tw;

      tandem_chart_set_source (cr, &part);
      cairo_rectangle (cr, lx, ly + 2, sw, sw);
      cairo_fill (cr);
      tandem_labels_reserve (labels, TANDEM_MARK_SOLID, lx, ly + 2, sw, sw);
      tw = tandem_labels_text (labels, 11, FALSE, &style->dim, lx + sw + 4, ly, 0, _("sourced by Marketing"));
      lx += sw + 4 + MAX (tw, 0) + 14;
      tandem_chart_set_source (cr, &bar);
      cairo_rectangle (cr, lx, ly + 2, sw, sw);
      cairo_fill (cr);
      tandem_labels_reserve (labels, TANDEM_MARK_SOLID, lx, ly + 2, sw, sw);
      tandem_labels_text (labels, 11, FALSE, &style->dim, lx + sw + 4, ly, 0, _("sourced by Sales and partners"));
    }
  /* Right-aligned; left out where the shades leave no room */
  if (rounded)
    {
      TandemLabel note = { .text = _("In brackets: the exact need, before rounding up to whole leads"),
                           /* Translators: the short form of "In brackets: the exact need…" */
                           .short_text = _("(…): the exact need"), .size = 11, .min_size = 9, .color = &style->dim,
                           .n_anchors = 1, .anchors = { { width - MARGIN, height - MARGIN - 14 * fs, 1, 0 } } };
      tandem_labels_draw (labels, &note, NULL);
    }
  row_h = (height - y - MARGIN - legend_h) / n;
  cx = label_w + (width - label_w - MARGIN) / 2;
  half = (width - label_w - MARGIN) / 2 - 4;

  for (guint i = 0; i < n; i++)
    {
      const TandemTargetsBar *b = &g_array_index (data->stages, TandemTargetsBar, i);
      /* Square root: the last stages stay visible next to the first */
      double w = MAX (half * sqrt (MAX (b->volume, 0) / max_volume), 2);
      double top = y + row_h * i + 3, h = row_h - 6, mid = top + h / 2;
      g_autofree char *text = volume_text (b->volume, b->exact);
      g_autofree char *short_text = tandem_labels_short_count (llround (MAX (b->volume, 0)));
      TandemRgba on;

      tandem_chart_set_source (cr, &bar);
      cairo_rectangle (cr, cx - w, top, 2 * w, h);
      cairo_fill (cr);
      tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, cx - w, top, 2 * w, h);
      /* Marketing's share: the left part, lighter */
      if (!isnan (b->marketing) && b->volume > 0)
        {
          tandem_chart_set_source (cr, &part);
          cairo_rectangle (cr, cx - w, top, 2 * w * CLAMP (b->marketing / b->volume, 0, 1), h);
          cairo_fill (cr);
        }
      {
        TandemLabel name = { .text = b->name, .size = 13, .min_size = 8, .bold = TRUE, .max_width = label_w - MARGIN - 4,
                             .n_anchors = 1, .anchors = { { MARGIN, mid, 0, 0.5 } } };
        tandem_labels_draw (labels, &name, NULL);
      }
      /* Inside one shade only, in its own text colour (a label across both
       * would be white on the light part in one of the themes): the wider
       * part first, then the other, else beside the bar */
      {
        double share = !isnan (b->marketing) && b->volume > 0 ? CLAMP (b->marketing / b->volume, 0, 1) : 0;
        TandemRect regions[2] = { { cx - w, top, 2 * w * share, h }, { cx - w + 2 * w * share, top, 2 * w * (1 - share), h } };
        const TandemRgba *shades[2] = { &part, &bar };
        TandemLabel beside = { .text = text, .short_text = short_text, .size = 14, .min_size = 8, .bold = TRUE,
                               .color = &style->foreground, .n_anchors = 1, .anchors = { { cx + w + 8, mid, 0, 0.5 } } };
        gboolean drawn = FALSE;

        for (guint k = 0; k < 2 && !drawn; k++)
          {
            guint r = (regions[0].width >= regions[1].width) ? k : 1 - k;
            TandemLabel inside = { .text = text, .size = 14, .min_size = 10, .bold = TRUE, .color = &on,
                                   .within = &regions[r], .n_anchors = 1,
                                   .anchors = { { regions[r].x + regions[r].width / 2, mid, 0.5, 0.5 } } };

            if (regions[r].width < 1)
              continue;
            tandem_chart_text_on (shades[r], &on);
            drawn = tandem_labels_draw (labels, &inside, NULL);
          }
        if (!drawn)
          tandem_labels_draw (labels, &beside, NULL);
      }
    }
  tandem_labels_free (labels);
}

void
tandem_targets_draw_tornado (cairo_t                *cr,
                             double                  width,
                             double                  height,
                             const TandemChartStyle *style,
                             gpointer                user_data)
{
  const TandemTargetsChartData *data = user_data;
  guint n = MIN (data->tornado->len, 8);
  double fs = style->font_scale, label_w = MIN (width * 0.42, 240 * fs), row_h, max_change = 1e-12;
  double cx, head = 24 * fs;
  TandemRgba up, down;
  TandemLabels *labels;

  if (n == 0)
    return;
  labels = tandem_labels_new (cr, style, width, height);
  {
    TandemLabel title = { .text = data->tornado_unit ? data->tornado_unit : _("What each improvement is worth"),
                          .size = 13, .min_size = 9, .bold = TRUE, .max_width = width - 2 * MARGIN,
                          .n_anchors = 1, .anchors = { { MARGIN, MARGIN, 0, 0 } } };
    tandem_labels_draw (labels, &title, NULL);
  }
  row_h = (height - 2 * MARGIN - head) / n;
  cx = label_w + (width - label_w - MARGIN) / 2;
  tandem_chart_ramp (style, FALSE, 0.85, &up);
  tandem_chart_ramp (style, TRUE, 0.85, &down);
  for (guint i = 0; i < n; i++)
    max_change = MAX (max_change, fabs (g_array_index (data->tornado, TandemTornadoBar, i).change));
  tandem_chart_set_source (cr, &style->grid);
  cairo_rectangle (cr, cx, MARGIN + head, 1, height - 2 * MARGIN - head);
  cairo_fill (cr);
  for (guint i = 0; i < n; i++)
    {
      const TandemTornadoBar *b = &g_array_index (data->tornado, TandemTornadoBar, i);
      double top = MARGIN + head + row_h * i + 2, h = row_h - 4, mid = top + h / 2;
      double w = (width - label_w - MARGIN) / 2 * fabs (b->change) / max_change;
      gboolean rising = b->change >= 0;
      double bx = rising ? cx : cx - w;
      g_autofree char *amount = data->currency != NULL ? tandem_format_amount (b->change, data->currency)
                                                       : tandem_format_number (b->change, 0);
      g_autofree char *value = g_strconcat (rising ? "+" : "", amount, NULL);
      TandemRect bar_rect = { bx, top, w, h };
      TandemRgba on;

      {
        TandemLabel name = { .text = b->label, .size = 11, .min_size = 8, .max_width = label_w - MARGIN - 6,
                             .n_anchors = 1, .anchors = { { MARGIN, mid, 0, 0.5 } } };
        tandem_labels_draw (labels, &name, NULL);
      }
      tandem_chart_set_source (cr, rising ? &up : &down);
      cairo_rectangle (cr, bx, top, w, h);
      cairo_fill (cr);
      tandem_labels_reserve (labels, TANDEM_MARK_BACKGROUND, bx, top, w, h);
      /* Beside the bar, or inside it when there is no room beside */
      tandem_chart_text_on (rising ? &up : &down, &on);
      {
        TandemLabel beside = { .text = value, .size = 11, .min_size = 8, .bold = TRUE, .color = &style->foreground,
                               .n_anchors = 1, .anchors = { { rising ? cx + w + 4 : cx - w - 4, mid, rising ? 0 : 1, 0.5 } } };
        TandemLabel inside = { .text = value, .size = 11, .min_size = 8, .bold = TRUE, .color = &on, .within = &bar_rect,
                               .n_anchors = 1, .anchors = { { rising ? cx + w - 4 : cx - w + 4, mid, rising ? 1 : 0, 0.5 } } };
        if (!tandem_labels_draw (labels, &beside, NULL))
          tandem_labels_draw (labels, &inside, NULL);
      }
    }
  tandem_labels_free (labels);
}

char *
tandem_targets_dup_description (const TandemTargetsChartData *data)
{
  GString *text = g_string_new (_("Targets. "));

  if (data->headline)
    g_string_append_printf (text, "%s. ", data->headline);
  for (guint i = 0; i < data->stages->len; i++)
    {
      const TandemTargetsBar *b = &g_array_index (data->stages, TandemTargetsBar, i);
      g_autofree char *v = volume_text (b->volume, b->exact);
      g_string_append_printf (text, "%s %s%s", b->name, v, i + 1 < data->stages->len ? "; " : ". ");
    }
  return g_string_free (text, FALSE);
}
