/* test-store-read.c — the shared reader of every lead (tandem_store_read_leads)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "tandem-csv.h"
#include "tandem-store-private.h"
#include "test-util.h"

static TandemStore *
store_from_csv (const char *csv)
{
  g_autofree char *path = test_write_file ("leads.csv", csv, -1);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  TandemImportResult result = { 0, };

  g_assert_no_error (error);
  tandem_store_import_csv (store, path, options, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  tandem_import_result_clear (&result);
  return g_steal_pointer (&store);
}

static const char fixture[] =
  "id,Company,Employees,Created,Opted in\n"
  "L1,Acme,250,2024-05-01,yes\n"
  "L2,,12.5,,no\n"
  "L3,Initech,,2024-04-30,\n";

typedef struct
{
  GString *seen;
  guint    calls;
  guint    stop_at;   /* 0: never */
  guint    n_columns;
} Seen;

static gboolean
note_lead (const TandemLeadRecord  *record,
           gpointer                 data,
           GError                 **error)
{
  Seen *seen = data;
  gsize length;
  const char *key = tandem_lead_record_get_key (record, &length);

  seen->calls++;
  if (seen->stop_at != 0 && seen->calls == seen->stop_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "stopped");
      return FALSE;
    }
  g_assert_cmpuint (length, ==, strlen (key));
  g_string_append_printf (seen->seen, "%" G_GINT64_FORMAT " %s:", tandem_lead_record_get_id (record), key);
  for (guint i = 0; i < seen->n_columns; i++)
    {
      g_autofree char *display = tandem_lead_record_dup_display (record, i);
      g_string_append_printf (seen->seen, " %s", tandem_lead_record_is_null (record, i) ? "-" : display);
    }
  if (seen->n_columns == 5 && !tandem_lead_record_is_null (record, 1))
    g_string_append_printf (seen->seen, " n=%g", tandem_lead_record_get_number (record, 1));
  if (seen->n_columns == 5 && !tandem_lead_record_is_null (record, 2))
    g_string_append_printf (seen->seen, " d=%s", tandem_lead_record_get_text (record, 2));
  if (seen->n_columns == 5 && !tandem_lead_record_is_null (record, 3))
    g_string_append_printf (seen->seen, " b=%d", tandem_lead_record_get_boolean (record, 3));
  g_string_append_c (seen->seen, '\n');
  return TRUE;
}

/* Every lead in id order, the cells of the columns asked for in the order
 * asked, the display text as tandem_store_fetch_leads() gives it. */
static void
test_reads_in_order (void)
{
  g_autoptr(TandemStore) store = store_from_csv (fixture);
  g_autoptr(TandemColumn) company = tandem_store_find_column (store, "Company");
  g_autoptr(TandemColumn) employees = tandem_store_find_column (store, "Employees");
  g_autoptr(TandemColumn) created = tandem_store_find_column (store, "Created");
  g_autoptr(TandemColumn) opted = tandem_store_find_column (store, "Opted in");
  const TandemColumn *columns[] = { company, employees, created, opted, NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  Seen seen = { text, 0, 0, G_N_ELEMENTS (columns) };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (opted);
  g_assert_true (tandem_store_read_leads (store, columns, G_N_ELEMENTS (columns), note_lead, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text->str, ==,
                   "1 L1: Acme 250 2024-05-01 yes - n=250 d=2024-05-01 b=1\n"
                   "2 L2: - 12.5 - no - n=12.5 b=0\n"
                   "3 L3: Initech - 2024-04-30 - - d=2024-04-30\n");
}

/* What is spliced into the SQL is the store's own name for the column,
 * whatever the caller's copy says; a column the workspace does not have
 * is refused before any lead is read. */
static void
test_names_from_the_store (void)
{
  g_autoptr(TandemStore) store = store_from_csv (fixture);
  g_autoptr(TandemColumn) company = tandem_store_find_column (store, "Company");
  g_autoptr(TandemColumn) unknown = tandem_column_copy (company);
  g_autoptr(GString) text = g_string_new (NULL);
  Seen seen = { text, 0, 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_workspace_digest (store);
  g_autofree char *after = NULL;
  const TandemColumn *columns[1];

  g_free (company->sql_name);
  company->sql_name = g_strdup ("key FROM leads; DROP TABLE leads; --");
  columns[0] = company;
  g_assert_true (tandem_store_read_leads (store, columns, 1, note_lead, &seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text->str, ==, "1 L1: Acme\n2 L2: -\n3 L3: Initech\n");
  g_assert_cmpint (tandem_store_count_leads (store), ==, 3);

  g_free (unknown->name);
  unknown->name = g_strdup ("Turnover");
  columns[0] = unknown;
  seen.calls = 0;
  g_assert_false (tandem_store_read_leads (store, columns, 1, note_lead, &seen, NULL, &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Turnover"));
  g_assert_cmpuint (seen.calls, ==, 0);

  after = test_workspace_digest (store);
  g_assert_cmpstr (before, ==, after);
}

/* The callback stops the reading with its error; so does cancelling. */
static void
test_stops (void)
{
  g_autoptr(GString) csv = g_string_new ("id,Company\n");
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Seen seen = { text, 0, 2, 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "L%u,C%u\n", i, i % 7);
  store = store_from_csv (csv->str);

  g_assert_false (tandem_store_read_leads (store, NULL, 0, note_lead, &seen, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (seen.calls, ==, 2);
  g_clear_error (&error);

  seen = (Seen) { text, 0, 0, 0 };
  g_cancellable_cancel (cancellable);
  g_assert_false (tandem_store_read_leads (store, NULL, 0, note_lead, &seen, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen.calls, ==, 4095);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-read/in-order", test_reads_in_order);
  g_test_add_func ("/store-read/names-from-the-store", test_names_from_the_store);
  g_test_add_func ("/store-read/stops", test_stops);

  return g_test_run ();
}
