/* tandem-export.c — a chart saved as PNG, SVG or PDF, from any page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
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

typedef struct
{
  GObject                *owner;
  TandemExportWriteFunc   write;
  TandemExportReportFunc  report;
  GtkSpinButton          *width, *height;
  GtkDropDown            *theme;
} SizeRequest;

static void
size_request_free (SizeRequest *request)
{
  g_clear_object (&request->owner);
  g_free (request);
}

static void
on_size_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SizeRequest      *request)
{
  TandemExportOptions options = {
    .title = _("Export the Chart"),
    .suggested_name = _("chart.png"),
    .scale = 1,
  };

  if (g_strcmp0 (response, "export") != 0)
    return;
  options.width = gtk_spin_button_get_value_as_int (request->width);
  options.height = gtk_spin_button_get_value_as_int (request->height);
  options.theme = (TandemChartTheme) gtk_drop_down_get_selected (request->theme);
  tandem_export_chart (gtk_window_get_transient_for (GTK_WINDOW (dialog)), request->owner, &options,
                       request->write, request->report);
}

void
tandem_export_chart_sized (GtkWindow              *parent,
                           GObject                *owner,
                           TandemExportWriteFunc   write,
                           TandemExportReportFunc  report)
{
  static const char *const themes[] = { N_("Light"), N_("Dark"), N_("Projector"), NULL };
  SizeRequest *request = g_new0 (SizeRequest, 1);
  GtkWidget *dialog, *box, *width, *height, *theme;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  request->owner = g_object_ref (owner);
  request->write = write;
  request->report = report;
  for (guint k = 0; themes[k]; k++)
    gtk_string_list_append (names, _(themes[k]));
  dialog = adw_message_dialog_new (parent, _("Export the Chart"),
                                   _("The chart on this page, as PNG, SVG or PDF (by the file name). "
                                     "Width and height in pixels (points in a PDF)."));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  width = gtk_spin_button_new_with_range (100, 10000, 10);
  height = gtk_spin_button_new_with_range (100, 10000, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (width), 1280);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (height), 720);
  gtk_accessible_update_property (GTK_ACCESSIBLE (width), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Width"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (height), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Height"), -1);
  theme = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_box_append (GTK_BOX (box), width);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("×"));
  gtk_box_append (GTK_BOX (box), height);
  gtk_box_append (GTK_BOX (box), theme);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "export", _("_Choose a File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  request->width = GTK_SPIN_BUTTON (width);
  request->height = GTK_SPIN_BUTTON (height);
  request->theme = GTK_DROP_DOWN (theme);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_size_response), request,
                         (GClosureNotify) size_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
