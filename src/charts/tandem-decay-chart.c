/* tandem-decay-chart.c — what one event is worth as it ages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-decay-chart.h"

#include "tandem-labels.h"

#define BASELINE 20   /* room under the curve for the caption */
#define HEADROOM 10

double
tandem_decay_span (const TandemDecayData *data)
{
  double span = MAX (data->half_life_days > 0 ? data->half_life_days * 4 : 0,
                     data->within_days > 0 ? data->within_days * 1.25 : 0);

  return span > 0 ? span : 90;
}

double
tandem_decay_worth (const TandemDecayData *data,
                    double                 age_days)
{
  if (data->within_days > 0 && age_days > data->within_days)
    return 0;
  return data->half_life_days > 0 ? pow (0.5, age_days / data->half_life_days) : 1;
}

void
tandem_decay_point (const TandemDecayData *data,
                    double                 width,
                    double                 height,
                    double                 age_days,
                    double                *x,
                    double                *y)
{
  *x = width * age_days / tandem_decay_span (data);
  *y = (height - BASELINE) - tandem_decay_worth (data, age_days) * (height - BASELINE - HEADROOM);
}

void
tandem_decay_draw (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   const TandemChartStyle *style,
                   gpointer                user_data)
{
  const TandemDecayData *data = user_data;
  double span = tandem_decay_span (data);
  TandemRgba baseline = style->foreground, caption = style->foreground;
  char label[64];

  baseline.alpha *= 0.25;
  caption.alpha *= 0.7;
  tandem_chart_set_source (cr, &baseline);
  cairo_rectangle (cr, 0, height - BASELINE, width, 1);
  cairo_fill (cr);

  tandem_chart_set_source (cr, &style->accent);
  cairo_set_line_width (cr, 2 * style->line_scale);
  for (int px = 0; px <= (int) width; px++)
    {
      double x, y;

      tandem_decay_point (data, width, height, span * px / width, &x, &y);
      if (px == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);

  /* Translators: the decay preview's caption; %g is a number of days */
  g_snprintf (label, sizeof label, _("an event's worth over %g days"), round (span));
  {
    TandemLabels *labels = tandem_labels_new (cr, style, width, height);
    TandemLabel text = { .text = label, .size = 11, .min_size = 8, .color = &caption, .max_width = width,
                         .n_anchors = 1, .anchors = { { width, height - BASELINE + 2, 1, 0 } } };
    tandem_labels_draw (labels, &text, NULL);
    tandem_labels_free (labels);
  }
}
