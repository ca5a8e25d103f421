/* tandem-chart.h — what every Tandem chart shares: colours, text, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderers draw with cairo and Pango only (no GTK), so the same code
 * paints the widgets and writes PNG, SVG and PDF files.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} TandemRgba;

typedef enum
{
  TANDEM_CHART_THEME_LIGHT,
  TANDEM_CHART_THEME_DARK,
  TANDEM_CHART_THEME_PROJECTOR,   /* high contrast on white, large type, thick lines */
} TandemChartTheme;

typedef struct
{
  TandemRgba background;
  TandemRgba foreground;
  TandemRgba dim;          /* secondary text, bars */
  TandemRgba grid;         /* lines */
  TandemRgba accent;       /* handles, the MQL outline */
  gboolean   dark;
  gboolean   high_contrast;
  double     font_scale;   /* 1 on a desktop, larger on a projector */
  double     line_scale;
  char      *font_family;
  GArray    *record;       /* tests: every label and mark drawn (TandemMark), or NULL */
} TandemChartStyle;

void      tandem_chart_style_init       (TandemChartStyle       *style,
                                         TandemChartTheme        theme);
void      tandem_chart_style_clear      (TandemChartStyle       *style);
gboolean  tandem_chart_theme_from_string (const char            *name,
                                          TandemChartTheme      *out);

void      tandem_chart_set_source       (cairo_t                *cr,
                                         const TandemRgba       *color);
/* A colour from a sequential, colour-blind-safe scale: t in [0, 1]. */
void      tandem_chart_ramp             (const TandemChartStyle *style,
                                         gboolean                second_ramp,
                                         double                  t,
                                         TandemRgba             *out);
/* Black or white, whichever reads better on @background. */
void      tandem_chart_text_on          (const TandemRgba       *background,
                                         TandemRgba             *out);

/* Text: a layout in the style's font at @size points × font_scale. */
PangoLayout *tandem_chart_layout        (cairo_t                *cr,
                                         const TandemChartStyle *style,
                                         double                  size,
                                         gboolean                bold,
                                         const char             *text);
/* Draws @text with its top-left, centre or right edge (xalign 0, 0.5, 1)
 * at (x, y); returns its width. */
double    tandem_chart_text             (cairo_t                *cr,
                                         const TandemChartStyle *style,
                                         double                  size,
                                         gboolean                bold,
                                         const TandemRgba       *color,
                                         double                  x,
                                         double                  y,
                                         double                  xalign,
                                         const char             *text);

/* "1,284" — digits grouped as the locale does */
char     *tandem_chart_format_count     (guint64                 n);
/* "18.2 %" */
char     *tandem_chart_format_percent   (double                  fraction);

typedef void (*TandemChartDrawFunc) (cairo_t                *cr,
                                     double                  width,
                                     double                  height,
                                     const TandemChartStyle *style,
                                     gpointer                user_data);

/* The last step of writing @path under the temporary name @partial: the
 * rename when @status is a success, else @partial removed and @error set
 * ("Cannot write “NAME”: why"). */
gboolean  tandem_chart_commit_file      (cairo_status_t          status,
                                         const char             *partial,
                                         const char             *path,
                                         GError                **error);
/* Writes a chart to @path: PNG, SVG or PDF by its extension, @width ×
 * @height logical pixels (points for PDF); PNG at @scale. */
gboolean  tandem_chart_export           (const char             *path,
                                         int                     width,
                                         int                     height,
                                         double                  scale,
                                         const TandemChartStyle *style,
                                         TandemChartDrawFunc     draw,
                                         gpointer                user_data,
                                         GError                **error);

G_END_DECLS
