/* tandem-targets-chart.c — the plan as an inverted funnel, and its tornado
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-targets-chart.h"
#include "tandem-format.h"

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
  double fs = style->font_scale, y = MARGIN, row_h, max_volume = 1, label_w = 110 * fs;
  double cx, half;
  TandemRgba bar, part;

  if (n == 0)
    return;
  if (data->headline)
    {
      tandem_chart_text (cr, style, 16, TRUE, &style->foreground, MARGIN, y, 0, data->headline);
      y += 28 * fs;
    }
  row_h = (height - y - MARGIN) / n;
  cx = label_w + (width - label_w - MARGIN) / 2;
  half = (width - label_w - MARGIN) / 2 - 4;
  tandem_chart_ramp (style, FALSE, 0.85, &bar);
  tandem_chart_ramp (style, FALSE, 0.55, &part);
  for (guint i = 0; i < n; i++)
    max_volume = MAX (max_volume, g_array_index (data->stages, TandemTargetsBar, i).volume);

  for (guint i = 0; i < n; i++)
    {
      const TandemTargetsBar *b = &g_array_index (data->stages, TandemTargetsBar, i);
      /* Square root: the last stages stay visible next to the first */
      double w = MAX (half * sqrt (b->volume / max_volume), 2);
      double top = y + row_h * i + 3, h = row_h - 6;
      g_autofree char *text = volume_text (b->volume, b->exact);
      TandemRgba on;

      tandem_chart_set_source (cr, &bar);
      cairo_rectangle (cr, cx - w, top, 2 * w, h);
      cairo_fill (cr);
      /* Marketing's share: the left part, lighter */
      if (!isnan (b->marketing) && b->volume > 0)
        {
          tandem_chart_set_source (cr, &part);
          cairo_rectangle (cr, cx - w, top, 2 * w * CLAMP (b->marketing / b->volume, 0, 1), h);
          cairo_fill (cr);
        }
      tandem_chart_text (cr, style, 13, TRUE, &style->foreground, MARGIN, top + h / 2 - 9 * fs, 0, b->name);
      /* Over a split bar the text reads on both parts in the lighter part's text colour */
      tandem_chart_text_on (!isnan (b->marketing) ? &part : &bar, &on);
      if (2 * w > 110 * fs)
        tandem_chart_text (cr, style, 14, TRUE, &on, cx, top + h / 2 - 10 * fs, 0.5, text);
      else
        tandem_chart_text (cr, style, 14, TRUE, &style->foreground, cx + w + 8, top + h / 2 - 10 * fs, 0, text);
    }
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
  double cx;
  TandemRgba up, down;

  if (n == 0)
    return;
  tandem_chart_text (cr, style, 13, TRUE, &style->foreground, MARGIN, MARGIN, 0,
                     data->tornado_unit ? data->tornado_unit : _("What each improvement is worth"));
  row_h = (height - 2 * MARGIN - 24 * fs) / n;
  cx = label_w + (width - label_w - MARGIN) / 2;
  tandem_chart_ramp (style, FALSE, 0.85, &up);
  tandem_chart_ramp (style, TRUE, 0.85, &down);
  for (guint i = 0; i < n; i++)
    max_change = MAX (max_change, fabs (g_array_index (data->tornado, TandemTornadoBar, i).change));
  for (guint i = 0; i < n; i++)
    {
      const TandemTornadoBar *b = &g_array_index (data->tornado, TandemTornadoBar, i);
      double top = MARGIN + 24 * fs + row_h * i + 2, h = row_h - 4;
      double w = (width - label_w - MARGIN) / 2 * fabs (b->change) / max_change;
      g_autofree char *amount = data->currency != NULL ? tandem_format_amount (b->change, data->currency)
                                                       : tandem_format_number (b->change, 0);
      g_autofree char *value = g_strconcat (b->change >= 0 ? "+" : "", amount, NULL);

      tandem_chart_text (cr, style, 11, FALSE, &style->foreground, MARGIN, top + h / 2 - 8 * fs, 0, b->label);
      tandem_chart_set_source (cr, b->change >= 0 ? &up : &down);
      if (b->change >= 0)
        cairo_rectangle (cr, cx, top, w, h);
      else
        cairo_rectangle (cr, cx - w, top, w, h);
      cairo_fill (cr);
      {
        g_autoptr(PangoLayout) layout = tandem_chart_layout (cr, style, 11, TRUE, value);
        int tw, th;
        gboolean inside;
        TandemRgba on;

        pango_layout_get_pixel_size (layout, &tw, &th);
        /* Beside the bar, or inside it when there is no room beside */
        inside = b->change >= 0 ? cx + w + 4 + tw > width - 2 : cx - w - 4 - tw < label_w;
        tandem_chart_text_on (b->change >= 0 ? &up : &down, &on);
        if (inside)
          tandem_chart_text (cr, style, 11, TRUE, &on, b->change >= 0 ? cx + w - 4 : cx - w + 4,
                             top + h / 2 - 8 * fs, b->change >= 0 ? 1 : 0, value);
        else
          tandem_chart_text (cr, style, 11, TRUE, &style->foreground, b->change >= 0 ? cx + w + 4 : cx - w - 4,
                             top + h / 2 - 8 * fs, b->change >= 0 ? 0 : 1, value);
      }
    }
  tandem_chart_set_source (cr, &style->grid);
  cairo_rectangle (cr, cx, MARGIN + 24 * fs, 1, height - 2 * MARGIN - 24 * fs);
  cairo_fill (cr);
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
