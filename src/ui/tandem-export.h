/* tandem-export.h — a chart saved as PNG, SVG or PDF, from any page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One way to export for every page: ask for a file, write the chart there
 * through its own renderer (the format by the name's extension), and say
 * how it went: the error by name, or the file written.
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-chart.h"

G_BEGIN_DECLS

typedef struct
{
  const char       *title;           /* the file chooser's: "Export the Matrix" */
  const char       *suggested_name;  /* "matrix.png" */
  int               width;           /* logical pixels, points in a PDF */
  int               height;
  double            scale;           /* of a PNG: 2 for sharp pictures on hi-dpi screens */
  TandemChartTheme  theme;
} TandemExportOptions;

/* Writes the chart as it is now to @path: typically one call to
 * tandem_export_write () with the page's renderer and data.  FALSE with
 * the reason, e.g. when the page has no chart yet. */
typedef gboolean (*TandemExportWriteFunc)  (gpointer                    owner,
                                            const char                 *path,
                                            const TandemExportOptions  *options,
                                            GError                    **error);
/* Tells the user how it went (a toast): @error's message, or that the
 * chart was saved as @file_name. */
typedef void     (*TandemExportReportFunc) (gpointer                    owner,
                                            const char                 *file_name,
                                            const GError               *error);

/* Asks where to save (PNG, SVG or PDF), then calls @write with the path
 * and @report with the outcome.  @options is copied; @owner is the page
 * or window, and keeps the request until the file is chosen. */
void      tandem_export_chart (GtkWindow                  *parent,
                               GObject                    *owner,
                               const TandemExportOptions  *options,
                               TandemExportWriteFunc       write,
                               TandemExportReportFunc      report);

/* The same, asking first for the size and the theme (light, dark or
 * the projector's, for slides): 1280 × 720 unless changed. */
void      tandem_export_chart_sized (GtkWindow              *parent,
                                     GObject                *owner,
                                     TandemExportWriteFunc   write,
                                     TandemExportReportFunc  report);

/* @draw with @data written to @path in @options' size, scale and theme. */
gboolean  tandem_export_write (const char                 *path,
                               const TandemExportOptions  *options,
                               TandemChartDrawFunc         draw,
                               gpointer                    data,
                               GError                    **error);

G_END_DECLS
