/* tandem-figures-chart.c — a slide of key figures, read aloud in a meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-figures-chart.h"

#include "tandem-labels.h"

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
  TandemLabels *labels = tandem_labels_new (cr, style, width, height);

  /* A slide has its own title above: then the figures have none */
  if (data->title != NULL)
    {
      TandemLabel title = { .text = data->title, .size = 22, .min_size = 14, .bold = TRUE, .max_width = width - 2 * x,
                            .n_anchors = 1, .anchors = { { x, y, 0, 0 } } };
      tandem_labels_draw (labels, &title, NULL);
      y += 48 * fs;
    }
  for (guint k = 0; k < data->values->len; k++)
    {
      TandemLabel value = { .text = g_ptr_array_index (data->values, k), .size = 30, .min_size = 16, .bold = TRUE,
                            .color = &style->accent, .n_anchors = 1, .anchors = { { x, y, 0, 0 } } };
      TandemRect placed;

      if (y + 44 * fs > height - hist_h - 10)
        break;
      if (tandem_labels_draw (labels, &value, &placed))
        {
          TandemLabel what = { .text = g_ptr_array_index (data->labels, k), .size = 16, .min_size = 10,
                               .max_width = width - x - (placed.x + placed.width + 16),
                               .n_anchors = 1, .anchors = { { placed.x + placed.width + 16, placed.y + placed.height / 2, 0, 0.5 } } };
          if (what.max_width > 40)
            tandem_labels_draw (labels, &what, NULL);
        }
      y += 50 * fs;
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
      tandem_labels_reserve (labels, TANDEM_MARK_SOLID, x, top, width - 2 * x, hist_h - 40 * fs);
      if (data->histogram_caption)
        {
          TandemLabel caption = { .text = data->histogram_caption, .size = 13, .min_size = 9, .color = &style->dim,
                                  .max_width = width - 2 * x, .n_anchors = 1, .anchors = { { x, height - 34 * fs, 0, 0 } } };
          tandem_labels_draw (labels, &caption, NULL);
        }
    }
  tandem_labels_free (labels);
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
