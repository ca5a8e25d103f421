/* tandem-figures-chart.c — a slide of key figures, read aloud in a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-figures-chart.h"

TandemFiguresData *
tandem_figures_data_new (const char *title)
{
  TandemFiguresData *data = g_new0 (TandemFiguresData, 1);

  data->title = g_strdup (title);
  data->values = g_ptr_array_new_with_free_func (g_free);
  data->labels = g_ptr_array_new_with_free_func (g_free);
  data->histogram = g_array_new (FALSE, FALSE, sizeof (double));
  return data;
}

void
tandem_figures_data_free (TandemFiguresData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_ptr_array_unref (data->values);
  g_ptr_array_unref (data->labels);
  g_array_unref (data->histogram);
  g_free (data->histogram_caption);
  g_free (data);
}

void
tandem_figures_add (TandemFiguresData *data,
                    const char        *value,
                    const char        *label)
{
  g_ptr_array_add (data->values, g_strdup (value));
  g_ptr_array_add (data->labels, g_strdup (label));
}

void
tandem_figures_draw (cairo_t                *cr,
                     double                  width,
                     double                  height,
                     const TandemChartStyle *style,
                     gpointer                user_data)
{
  const TandemFiguresData *data = user_data;
  double fs = style->font_scale, y = 24, x = 32;
  double hist_h = data->histogram->len > 0 ? height * 0.32 : 0;

  /* A slide has its own title above: then the figures have none */
  if (data->title != NULL)
    {
      tandem_chart_text (cr, style, 22, TRUE, &style->foreground, x, y, 0, data->title);
      y += 48 * fs;
    }
  for (guint k = 0; k < data->values->len; k++)
    {
      double w = tandem_chart_text (cr, style, 30, TRUE, &style->accent, x, y, 0, g_ptr_array_index (data->values, k));
      tandem_chart_text (cr, style, 16, FALSE, &style->foreground, x + w + 16, y + 12 * fs, 0, g_ptr_array_index (data->labels, k));
      y += 50 * fs;
      if (y > height - hist_h - 40)
        break;
    }
  if (hist_h > 0)
    {
      double max = 1, top = height - hist_h - 10, bw = (width - 2 * x) / data->histogram->len;
      TandemRgba bar;

      tandem_chart_ramp (style, FALSE, 0.85, &bar);
      for (guint k = 0; k < data->histogram->len; k++)
        max = MAX (max, g_array_index (data->histogram, double, k));
      tandem_chart_set_source (cr, &bar);
      for (guint k = 0; k < data->histogram->len; k++)
        {
          double h = (hist_h - 40 * fs) * g_array_index (data->histogram, double, k) / max;
          cairo_rectangle (cr, x + bw * k + 1, top + hist_h - 40 * fs - h, MAX (bw - 2, 1), h);
        }
      cairo_fill (cr);
      if (data->histogram_caption)
        tandem_chart_text (cr, style, 13, FALSE, &style->dim, x, height - 34 * fs, 0, data->histogram_caption);
    }
}

char *
tandem_figures_dup_description (const TandemFiguresData *data)
{
  GString *text = g_string_new (data->title);

  if (data->title != NULL)
    g_string_append (text, ". ");
  for (guint k = 0; k < data->values->len; k++)
    g_string_append_printf (text, "%s %s. ", (char *) g_ptr_array_index (data->values, k),
                            (char *) g_ptr_array_index (data->labels, k));
  return g_string_free (text, FALSE);
}
