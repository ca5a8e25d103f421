/* tandem-export.c — a chart saved as PNG, SVG or PDF, from any page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-compat.h"
#include "tandem-export.h"

#define REQUEST_KEY "tandem-export-request"

typedef struct
{
  TandemExportOptions     options;   /* its strings owned */
  TandemExportWriteFunc   write;
  TandemExportReportFunc  report;
} Request;

static void
request_free (Request *request)
{
  g_free ((char *) request->options.title);
  g_free ((char *) request->options.suggested_name);
  g_free (request);
}

static void
on_file_chosen (GFile    *file,
                gpointer  user_data)
{
  GObject *owner = user_data;
  Request *request = g_object_get_data (owner, REQUEST_KEY);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;

  if (request == NULL)
    return;
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("“%s” is not a local file"), name);
  else
    request->write (owner, path, &request->options, &error);
  request->report (owner, name, error);
}

void
tandem_export_chart (GtkWindow                 *parent,
                     GObject                   *owner,
                     const TandemExportOptions *options,
                     TandemExportWriteFunc      write,
                     TandemExportReportFunc     report)
{
  static const char *const patterns[] = { "*.png", "*.svg", "*.pdf", NULL };
  Request *request;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (options != NULL);
  g_return_if_fail (write != NULL && report != NULL);

  request = g_new0 (Request, 1);
  request->options = *options;
  request->options.title = g_strdup (options->title);
  request->options.suggested_name = g_strdup (options->suggested_name);
  request->write = write;
  request->report = report;
  /* Kept by the owner: a newer request replaces it, the owner's end frees it */
  g_object_set_data_full (owner, REQUEST_KEY, request, (GDestroyNotify) request_free);
  tandem_compat_choose_file (parent, options->title, _("_Export"), TRUE, options->suggested_name,
                             _("Pictures (PNG, SVG, PDF)"), patterns, on_file_chosen, owner);
}

gboolean
tandem_export_write (const char                 *path,
                     const TandemExportOptions  *options,
                     TandemChartDrawFunc         draw,
                     gpointer                    data,
                     GError                    **error)
{
  TandemChartStyle style;
  gboolean ok;

  g_return_val_if_fail (path != NULL && options != NULL && draw != NULL, FALSE);

  tandem_chart_style_init (&style, options->theme);
  ok = tandem_chart_export (path, options->width, options->height, options->scale > 0 ? options->scale : 1,
                            &style, draw, data, error);
  tandem_chart_style_clear (&style);
  return ok;
}
