/* tandem-window-output.c — what the window prints, exports and presents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart of the page on screen printed or written as a file, the
 * agreement as PDF, the service level report and meeting mode.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-agreement.h"
#include "tandem-compat.h"
#include "tandem-export.h"
#include "tandem-presentation.h"
#include "tandem-print.h"
#include "tandem-scoring-page.h"
#include "tandem-sla-dialog.h"
#include "tandem-window-private.h"

/* ---- The agreement ------------------------------------------------------------ */

static void
agreement_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tandem_agreement_write_finish (result, &error);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (path == NULL)
    {
      tandem_window_show_error (self, NULL, _("Could Not Write the Agreement"), error->message);
      return;
    }
  name = g_filename_display_basename (path);
  message = g_strdup_printf (_("Wrote the agreement to %s"), name);
  tandem_window_add_toast (self, message);
}

void
tandem_window_export_agreement (TandemWindow *self,
                                const char   *path)
{
  g_return_if_fail (TANDEM_IS_WINDOW (self));
  if (self->store != NULL)
    tandem_agreement_write_async (self->store, path, NULL, agreement_done, g_object_ref (self));
}

static void
on_agreement_chosen (GFile    *file,
                     gpointer  user_data)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    tandem_window_export_agreement (TANDEM_WINDOW (user_data), path);
}

static void
export_agreement_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  static const char *const pdf_patterns[] = { "*.pdf", NULL };

  if (TANDEM_WINDOW (widget)->store == NULL)
    return;
  tandem_compat_choose_file (GTK_WINDOW (widget), _("Export the Agreement"), _("_Export"), TRUE, _("agreement.pdf"),
                             _("PDF documents"), pdf_patterns, on_agreement_chosen, widget);
}

/* ---- Printing ----------------------------------------------------------------- */

/* The chart of the page on screen: the matrix (without its focus), the
 * waterfall or the plan; FALSE, with @what in the message, when the page
 * has none */
static gboolean
visible_chart (TandemWindow       *self,
               TandemMatrixData   *matrix,
               TandemChartDrawFunc *draw,
               gpointer           *data,
               const char         *what,
               GError            **error)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  TandemChartView *view = NULL;

  if (g_strcmp0 (page, "scoring") == 0)
    {
      *matrix = *tandem_matrix_view_get_data (tandem_scoring_page_get_matrix (self->scoring_page));
      matrix->focus_fit = matrix->focus_interest = -1;
      *draw = tandem_matrix_draw;
      *data = matrix;
      return TRUE;
    }
  if (g_strcmp0 (page, "funnel") == 0)
    view = tandem_funnel_page_get_chart (self->funnel_page);
  else if (g_strcmp0 (page, "targets") == 0)
    view = tandem_targets_page_get_chart (self->targets_page);
  if (view == NULL || tandem_chart_view_get_data (view) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, what);
      return FALSE;
    }
  *draw = tandem_chart_view_get_draw (view);
  *data = tandem_chart_view_get_data (view);
  return TRUE;
}

gboolean
tandem_window_print (TandemWindow  *self,
                     const char    *export_path,
                     GError       **error)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  TandemMatrixData matrix;
  TandemChartDrawFunc draw;
  gpointer data;

  if (!visible_chart (self, &matrix, &draw, &data, _("This page has no chart to print"), error))
    return FALSE;
  return tandem_print_chart (GTK_WINDOW (self), g_strcmp0 (page, "scoring") == 0 ? _("The lead matrix") : _("Tandem chart"),
                             draw, data, export_path, error);
}

/* The chart of the page on screen, written as the export asks */
static gboolean
write_chart (gpointer                    owner,
             const char                 *path,
             const TandemExportOptions  *options,
             GError                    **error)
{
  TandemMatrixData matrix;
  TandemChartDrawFunc draw;
  gpointer data;

  return visible_chart (TANDEM_WINDOW (owner), &matrix, &draw, &data, _("This page has no chart to export"), error) &&
         tandem_export_write (path, options, draw, data, error);
}

/* The chart of the page on screen as a file, at a chosen size and theme */
gboolean
tandem_window_export_chart (TandemWindow      *self,
                            const char        *path,
                            int                width,
                            int                height,
                            TandemChartTheme   theme,
                            GError           **error)
{
  TandemExportOptions options = { .width = width, .height = height, .scale = 1, .theme = theme };

  return write_chart (self, path, &options, error);
}

static void
report_export (gpointer      owner,
               const char   *file_name,
               const GError *error)
{
  g_autofree char *message = error ? NULL : g_strdup_printf (_("Saved the chart as %s"), file_name);

  tandem_window_add_toast (TANDEM_WINDOW (owner), error ? error->message : message);
}

/* Size and theme first (the projector theme for slides), then the file */
static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  if (TANDEM_WINDOW (widget)->store != NULL)
    tandem_export_chart_sized (GTK_WINDOW (widget), G_OBJECT (widget), write_chart, report_export);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (TANDEM_WINDOW (widget)->store != NULL && !tandem_window_print (TANDEM_WINDOW (widget), NULL, &error))
    tandem_window_add_toast (TANDEM_WINDOW (widget), error->message);
}

static void
print_agreement_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !tandem_print_agreement (GTK_WINDOW (self), self->store, NULL, &error))
    tandem_window_show_error (self, NULL, _("Could Not Print the Agreement"), error->message);
}

static void
sla_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (tandem_sla_dialog_new (GTK_WINDOW (self), self->store)));
}

/* F5: meeting mode, full screen */
GtkWidget *
tandem_window_present_meeting (TandemWindow *self)
{
  GtkWidget *presentation;

  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  if (self->store == NULL)
    return NULL;
  presentation = tandem_presentation_new (GTK_WINDOW (self), self->store);
  gtk_window_fullscreen (GTK_WINDOW (presentation));
  gtk_window_present (GTK_WINDOW (presentation));
  return presentation;
}

static void
meeting_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  tandem_window_present_meeting (TANDEM_WINDOW (widget));
}

void
tandem_window_class_add_output_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-agreement", NULL, export_agreement_action);
  gtk_widget_class_install_action (widget_class, "win.meeting", NULL, meeting_action);
  gtk_widget_class_install_action (widget_class, "win.sla", NULL, sla_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-chart", NULL);
  gtk_widget_class_install_action (widget_class, "win.print-agreement", NULL, print_agreement_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.meeting", NULL);
}
