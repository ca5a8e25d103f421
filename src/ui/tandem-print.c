/* tandem-print.c — printing charts and the agreement (GtkPrintOperation)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart is one page, drawn by its renderer into the printable area in
 * the light theme; the agreement is laid out once as recorded pages and
 * each page is painted into the printer's page, proportions kept.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-agreement.h"
#include "tandem-print.h"

typedef struct
{
  TandemChartDrawFunc  draw;
  gpointer             data;
  GPtrArray           *pages;
} PrintJob;

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  gtk_print_operation_set_n_pages (operation, job->pages ? (int) job->pages->len : 1);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context), height = gtk_print_context_get_height (context);

  if (job->pages != NULL)
    tandem_agreement_draw_page (cr, job->pages, (guint) page, width, height);
  else
    {
      TandemChartStyle style;
      tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
      job->draw (cr, width, MIN (height, width * 0.75), &style, job->data);
      tandem_chart_style_clear (&style);
    }
}

static gboolean
run (GtkWindow   *parent,
     const char  *title,
     PrintJob    *job,
     const char  *export_path,
     GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  GtkPrintOperationResult result;

  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  result = gtk_print_operation_run (operation, export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                           : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
tandem_print_chart (GtkWindow           *parent,
                    const char          *title,
                    TandemChartDrawFunc  draw,
                    gpointer             data,
                    const char          *export_path,
                    GError             **error)
{
  PrintJob job = { draw, data, NULL };

  g_return_val_if_fail (draw != NULL, FALSE);
  return run (parent, title, &job, export_path, error);
}

gboolean
tandem_print_agreement (GtkWindow    *parent,
                        TandemStore  *store,
                        const char   *export_path,
                        GError      **error)
{
  g_autoptr(GPtrArray) pages = tandem_agreement_render (store, error);
  PrintJob job = { NULL, NULL, pages };

  if (pages == NULL)
    return FALSE;
  return run (parent, _("Sales and Marketing Agreement"), &job, export_path, error);
}
