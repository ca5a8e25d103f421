/* test-import.c — the import flow through the window's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ui-test-util.h"

typedef struct
{
  gboolean done;
  gboolean success;
  char    *message;
} Finished;

static void
on_finished (TandemImportDialog *dialog,
             gboolean            success,
             const char         *message,
             Finished           *f)
{
  f->done = TRUE;
  f->success = success;
  g_free (f->message);
  f->message = g_strdup (message);
}

static gboolean
finished_done (gpointer data)
{
  return ((Finished *) data)->done;
}

static TandemWindow *
open_empty_workspace (void)
{
  static guint n;
  TandemWindow *window = tandem_window_new (NULL);
  g_autofree char *name = g_strdup_printf ("import-%u.tandem", ++n);
  g_autofree char *path = ui_tmp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the workspace");
  return window;
}

/* Opens the dialog through win.import-file, returns it. */
static TandemImportDialog *
open_import (TandemWindow *window,
             const char   *kind,
             const char   *path)
{
  TandemImportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "(ss)", kind, path));
  dialog = tandem_window_get_import_dialog (window);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
run_import (TandemImportDialog *dialog,
            Finished           *f)
{
  f->done = FALSE;
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  ui_wait_until (finished_done, f, "the import");
}

static void
test_leads_merge_events (void)
{
  TandemWindow *window = open_empty_workspace ();
  TandemLeadsPage *page = tandem_window_get_leads_page (window);
  TandemLeadList *list = tandem_leads_page_get_list (page);
  g_autofree char *leads = ui_fixture ("leads.csv");
  g_autofree char *deals = ui_fixture ("deals.csv");
  g_autofree char *events = ui_fixture ("events.csv");
  TandemImportDialog *dialog;
  const TandemCsvPreview *preview;
  Finished f = { 0, };
  TandemStore *store;

  g_assert_true (tandem_leads_page_is_empty (page));

  /* Leads: the preview detects the dialect, types and roles */
  dialog = open_import (window, "leads", leads);
  preview = tandem_import_dialog_get_preview (dialog);
  g_assert_cmpint (tandem_csv_preview_get_delimiter (preview), ==, ';');
  g_assert_cmpuint (tandem_csv_preview_get_n_columns (preview), ==, 7);
  g_assert_cmpstr (tandem_csv_preview_get_role (preview, 0), ==, "id");
  g_assert_cmpstr (tandem_csv_preview_get_role (preview, 6), ==, "outcome");
  g_assert_cmpint (tandem_csv_preview_get_type (preview, 3), ==, TANDEM_COLUMN_NUMBER);

  /* …and the user corrects two columns */
  tandem_import_dialog_set_column_type (dialog, 3, TANDEM_COLUMN_TEXT);
  tandem_import_dialog_set_column_role (dialog, 5, "");
  tandem_import_dialog_set_column_role (dialog, 4, "created");
  preview = tandem_import_dialog_get_preview (dialog);
  g_assert_cmpint (tandem_csv_preview_get_type (preview, 3), ==, TANDEM_COLUMN_TEXT);
  g_assert_null (tandem_csv_preview_get_role (preview, 5));
  g_assert_cmpstr (tandem_csv_preview_get_role (preview, 4), ==, "created");
  g_assert_cmpint (tandem_csv_preview_get_type (preview, 4), ==, TANDEM_COLUMN_DATE);

  run_import (dialog, &f);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, ==, "Imported 4 leads from leads.csv");
  g_assert_null (tandem_window_get_import_dialog (window));   /* closed */
  g_assert_cmpuint (tandem_window_get_n_toasts (window), ==, 1);

  store = tandem_window_get_store (window);
  g_assert_cmpint (tandem_store_count_leads (store), ==, 4);
  ui_wait_until (ui_window_ready, window, "the reload");
  g_assert_false (tandem_leads_page_is_empty (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  {
    g_autoptr(TandemLeadRow) row = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_autoptr(TandemColumn) employees = tandem_store_find_column (store, "Employees");
    g_autoptr(TandemColumn) source = tandem_store_find_column (store, "Lead Source");
    g_assert_cmpstr (tandem_lead_row_get_cell (row, 0), ==, "P-101");
    g_assert_cmpstr (tandem_lead_row_get_cell (row, 2), ==, "Engineer; Senior");
    g_assert_cmpint (employees->type, ==, TANDEM_COLUMN_TEXT);
    g_assert_null (source->role);
  }

  /* A second leads file into a workspace with leads is a merge */
  dialog = open_import (window, "leads", deals);
  g_assert_cmpint (tandem_import_dialog_get_kind (dialog), ==, TANDEM_IMPORT_MERGE);
  run_import (dialog, &f);
  g_assert_true (f.success);
  g_assert_nonnull (strstr (f.message, "Added 3 columns to 2 leads from deals.csv"));
  g_assert_nonnull (strstr (f.message, "1 row had an id not in this workspace (line 4)"));
  ui_wait_until (ui_window_ready, window, "the reload");
  /* 10 columns, and the live model's Score, Grade and MQL */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (tandem_leads_page_get_column_view (page))), ==, 10 + 3);

  /* Events */
  dialog = open_import (window, "events", events);
  run_import (dialog, &f);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, ==, "Imported 2 events from events.csv");
  g_assert_cmpint (tandem_store_count_events (store), ==, 2);

  g_free (f.message);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_errors (void)
{
  TandemWindow *window = open_empty_workspace ();
  g_autofree char *unclosed = ui_fixture ("unclosed.csv");
  g_autofree char *late = ui_tmp_path ("late-error.csv");
  g_autoptr(GString) text = g_string_new ("Lead ID,Title\n");
  TandemImportDialog *dialog;
  GtkWidget *error_dialog;
  Finished f = { 0, };

  /* A file whose first rows are already broken: the dialog cannot open;
   * the window says exactly why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "(ss)", "leads", unclosed));
  g_assert_null (tandem_window_get_import_dialog (window));
  error_dialog = tandem_window_get_error_dialog (window);
  g_assert_nonnull (error_dialog);
  g_assert_nonnull (strstr (ui_dialog_body (error_dialog), "unclosed.csv, line 3"));
  g_assert_nonnull (strstr (ui_dialog_body (error_dialog), "never closed"));
  gtk_window_destroy (GTK_WINDOW (error_dialog));

  /* Broken beyond the preview: the import fails, says where, keeps the
   * dialog open, and the workspace is unchanged. */
  for (int i = 1; i <= 150; i++)
    g_string_append_printf (text, "L%d,%s\n", i, i == 130 ? "\"Head of Sales" : "CEO");
  g_assert_true (g_file_set_contents (late, text->str, -1, NULL));

  dialog = open_import (window, "leads", late);
  run_import (dialog, &f);
  g_assert_false (f.success);
  g_assert_nonnull (strstr (f.message, "late-error.csv, line 131"));
  g_assert_true (tandem_window_get_import_dialog (window) == dialog);
  g_assert_cmpint (tandem_store_count_leads (tandem_window_get_store (window)), ==, 0);
  g_assert_cmpuint (tandem_window_get_n_toasts (window), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A type the user chose that the data contradicts */
  {
    g_autofree char *typed = ui_tmp_path ("typed.csv");
    g_assert_true (g_file_set_contents (typed, "Lead ID,Title\nL1,CEO\nL2,12\n", -1, NULL));
    dialog = open_import (window, "leads", typed);
  }
  tandem_import_dialog_set_column_type (dialog, 1, TANDEM_COLUMN_NUMBER);
  run_import (dialog, &f);
  g_assert_false (f.success);
  g_assert_nonnull (strstr (f.message, "typed.csv, line 2: column 2 (“Title”): “CEO” is not a number"));
  g_assert_cmpint (tandem_store_count_leads (tandem_window_get_store (window)), ==, 0);

  g_free (f.message);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ui_init (&argc, &argv);

  g_test_add_func ("/ui/import/leads-merge-events", test_leads_merge_events);
  g_test_add_func ("/ui/import/errors", test_errors);

  return ui_run ();
}
