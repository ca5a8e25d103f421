/* test-import.c — importing into a workspace: all or nothing, merge, events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-store-private.h"
#include "test-util.h"

#define LEADS_CSV \
  "Lead ID,Job Title,Employees,Created,Converted,Amount,Lead Source\n" \
  "L1,VP Marketing,250,2024-01-05,1,12000,Webinar\n" \
  "L2,\"Engineer, Senior\",40,2024-01-06 09:30:00,0,,Paid Search\n" \
  "L3,Student,,2024-02-01,,,Organic Search\n"

typedef struct
{
  TandemStore *store;
  char        *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->path = test_tmp_path ("import.tandem");
  tandem_store_delete_files (f->path);
  f->store = tandem_store_create (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  tandem_store_delete_files (f->path);
  g_free (f->path);
}

static gboolean
import_text (TandemStore            *store,
             const char             *name,
             const char             *contents,
             const TandemCsvOptions *options,
             TandemImportResult     *result,
             GError                **error)
{
  g_autofree char *path = test_write_file (name, contents, -1);
  return tandem_store_import_csv (store, path, options, NULL, NULL, NULL, result, error);
}

static void
import_ok (TandemStore            *store,
           const char             *contents,
           const TandemCsvOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (import_text (store, "ok.csv", contents, options, NULL, &error));
  g_assert_no_error (error);
}

static TandemCsvOptions *
options_of_kind (TandemImportKind kind)
{
  TandemCsvOptions *options = tandem_csv_options_new ();
  tandem_csv_options_set_kind (options, kind);
  return options;
}

/* The import must fail with @code and a message holding @words, and leave
 * the workspace exactly as it was. */
static void
assert_import_fails (TandemStore            *store,
                     const char             *contents,
                     const TandemCsvOptions *options,
                     int                     code,
                     const char             *first_word,
                     ...)
{
  g_autofree char *before = test_workspace_digest (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_false (import_text (store, "bad.csv", contents, options, NULL, &error));
  g_assert_error (error, TANDEM_CSV_ERROR, code);
  va_start (args, first_word);
  for (const char *w = first_word; w != NULL; w = va_arg (args, const char *))
    if (strstr (error->message, w) == NULL)
      g_error ("“%s” does not contain “%s”", error->message, w);
  va_end (args);

  after = test_workspace_digest (store);
  g_assert_cmpstr (before, ==, after);
}

static char *
cell (TandemStore *store,
      const char  *key,
      const char  *column_name)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) cells = NULL;
  gint64 id = tandem_store_lookup_lead (store, key);

  g_assert_cmpint (id, >, 0);
  cells = tandem_store_fetch_leads (store, &id, 1, NULL);
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (((TandemColumn *) g_ptr_array_index (columns, i))->name, column_name))
      return g_strdup (g_ptr_array_index (cells, i));
  g_error ("no column %s", column_name);
  return NULL;
}

static void
test_leads (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  TandemImportResult result = { 0, };
  static const struct { const char *name; TandemColumnType type; const char *role; gint64 nulls; } expected[] = {
    { "Lead ID", TANDEM_COLUMN_TEXT, "id", 0 },
    { "Job Title", TANDEM_COLUMN_TEXT, NULL, 0 },
    { "Employees", TANDEM_COLUMN_NUMBER, NULL, 1 },
    { "Created", TANDEM_COLUMN_DATE, "created", 0 },
    { "Converted", TANDEM_COLUMN_BOOLEAN, "outcome", 1 },
    { "Amount", TANDEM_COLUMN_NUMBER, "amount", 2 },
    { "Lead Source", TANDEM_COLUMN_TEXT, "source", 0 },
  };

  g_assert_true (import_text (f->store, "leads.csv", LEADS_CSV, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.rows, ==, 3);
  g_assert_cmpint (result.imported, ==, 3);
  g_assert_cmpint (result.unknown_ids, ==, 0);
  tandem_import_result_clear (&result);

  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 3);
  columns = tandem_store_list_columns (f->store);
  g_assert_cmpuint (columns->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < columns->len; i++)
    {
      TandemColumn *c = g_ptr_array_index (columns, i);
      g_assert_cmpint (c->position, ==, i);
      g_assert_cmpstr (c->name, ==, expected[i].name);
      g_assert_cmpint (c->type, ==, expected[i].type);
      g_assert_cmpstr (c->role, ==, expected[i].role);
      g_assert_cmpint (c->nulls, ==, expected[i].nulls);
    }

  /* Values are stored typed and shown normalised. */
  {
    g_autofree char *title = cell (f->store, "L2", "Job Title");
    g_autofree char *created = cell (f->store, "L2", "Created");
    g_autofree char *won = cell (f->store, "L1", "Converted");
    g_autofree char *lost = cell (f->store, "L2", "Converted");
    g_autofree char *amount = cell (f->store, "L1", "Amount");
    g_assert_cmpstr (title, ==, "Engineer, Senior");
    g_assert_cmpstr (created, ==, "2024-01-06 09:30:00");
    g_assert_cmpstr (won, ==, "yes");
    g_assert_cmpstr (lost, ==, "no");
    g_assert_cmpstr (amount, ==, "12000");
  }
  {
    g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (f->store, "SELECT typeof (c2), typeof (c4) FROM leads WHERE key = 'L1'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "real");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "integer");
  }

  /* A second leads import into a workspace with leads is refused. */
  assert_import_fails (f->store, LEADS_CSV, NULL, TANDEM_CSV_ERROR_WORKSPACE, "already has leads", "merge", NULL);

  /* The workspace reopens with everything, from a fresh connection. */
  g_clear_object (&f->store);
  f->store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 3);
}

static void
test_overrides (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_csv_options_parse_type (options, "Employees=text", &error));
  g_assert_true (tandem_csv_options_parse_map (options, "Job Title=owner", &error));
  g_assert_true (tandem_csv_options_parse_map (options, "Converted=attribute", &error));
  tandem_csv_options_add_null_token (options, "Organic Search");
  import_ok (f->store, LEADS_CSV, options);

  {
    g_autoptr(TandemColumn) employees = tandem_store_find_column (f->store, "Employees");
    g_autoptr(TandemColumn) title = tandem_store_find_column (f->store, "Job Title");
    g_autoptr(TandemColumn) converted = tandem_store_find_column (f->store, "Converted");
    g_autoptr(TandemColumn) source = tandem_store_find_column (f->store, "Lead Source");
    g_assert_cmpint (employees->type, ==, TANDEM_COLUMN_TEXT);
    g_assert_cmpstr (title->role, ==, "owner");
    g_assert_null (converted->role);
    g_assert_cmpint (converted->type, ==, TANDEM_COLUMN_NUMBER);
    g_assert_cmpint (source->nulls, ==, 1);
  }
}

static void
test_no_id_column (Fixture       *f,
                   gconstpointer  data)
{
  import_ok (f->store, "Name,Score\nAnn,1\nBob,2\n", NULL);
  g_assert_cmpint (tandem_store_lookup_lead (f->store, "2"), ==, 2);
  g_assert_null (tandem_store_find_column_by_role (f->store, "id"));

  /* Nothing to match a merge on */
  {
    g_autoptr(TandemCsvOptions) merge = options_of_kind (TANDEM_IMPORT_MERGE);
    assert_import_fails (f->store, "Lead ID,x\n1,2\n", merge, TANDEM_CSV_ERROR_WORKSPACE, "without an id column", NULL);
  }
}

/* Every failure leaves an empty workspace empty, and says where. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TandemCsvOptions) typed = tandem_csv_options_new ();
  g_autoptr(TandemCsvOptions) mapped = tandem_csv_options_new ();
  g_autoptr(GError) error = NULL;

  assert_import_fails (f->store, LEADS_CSV "L4,CEO,10,2024-03-01,1,5,\"Referral\n",
                       NULL, TANDEM_CSV_ERROR_UNCLOSED_QUOTE, "bad.csv", "line 5", "never closed", NULL);
  assert_import_fails (f->store, LEADS_CSV "L4,CEO,10\n",
                       NULL, TANDEM_CSV_ERROR_FIELD_COUNT, "line 5", "3 fields", "7 columns", NULL);
  assert_import_fails (f->store, LEADS_CSV "L4,CEO \xFF,10,2024-03-01,1,5,Web\n",
                       NULL, TANDEM_CSV_ERROR_ENCODING, "line 5", "field 2", NULL);
  assert_import_fails (f->store, LEADS_CSV "L2,CEO,10,2024-03-01,1,5,Web\n",
                       NULL, TANDEM_CSV_ERROR_DUPLICATE_ID, "line 5", "“L2”", "line 3", "column 1 (“Lead ID”)", NULL);
  assert_import_fails (f->store, LEADS_CSV ",CEO,10,2024-03-01,1,5,Web\n",
                       NULL, TANDEM_CSV_ERROR_BAD_VALUE, "line 5", "lead id is empty", NULL);
  assert_import_fails (f->store, "Lead ID\n", NULL, TANDEM_CSV_ERROR_EMPTY, "no rows", NULL);

  /* A value that does not fit a type the user chose */
  g_assert_true (tandem_csv_options_parse_type (typed, "Employees=number", &error));
  assert_import_fails (f->store, LEADS_CSV "L4,CEO,ten,2024-03-01,1,5,Web\n",
                       typed, TANDEM_CSV_ERROR_BAD_VALUE, "line 5", "column 3 (“Employees”)", "“ten” is not a number", NULL);

  /* …or a role the user chose */
  g_assert_true (tandem_csv_options_parse_map (mapped, "Job Title=first-touch", &error));
  assert_import_fails (f->store, LEADS_CSV, mapped, TANDEM_CSV_ERROR_BAD_VALUE,
                       "line 2", "“VP Marketing” is not a date", NULL);

  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 0);
  {
    g_autoptr(GPtrArray) columns = tandem_store_list_columns (f->store);
    g_assert_cmpuint (columns->len, ==, 0);
  }

  /* And after all that, a good file still imports. */
  import_ok (f->store, LEADS_CSV, NULL);
  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 3);
}

/* Types inferred from the first rows, contradicted much later: the import
 * must decide as if it had read every row first. */
static void
test_late_surprises (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Lead ID,Score,Later,Created,Rare\n");
  const guint n = 30000;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "L%u,%s,%s,%s,%s\n", i,
                            i == n - 1 ? "n/a" : "12",                 /* text at the very end */
                            i > 25000 ? "7.5" : "",                     /* empty in the sample, numbers after */
                            i == 28000 ? "yesterday" : "2024-05-01",    /* a guessed role broken late */
                            i == 29000 ? "maybe" : (i % 2 ? "yes" : "no"));
  import_ok (f->store, text->str, NULL);

  {
    g_autoptr(TandemColumn) score = tandem_store_find_column (f->store, "Score");
    g_autoptr(TandemColumn) later = tandem_store_find_column (f->store, "Later");
    g_autoptr(TandemColumn) created = tandem_store_find_column (f->store, "Created");
    g_autoptr(TandemColumn) rare = tandem_store_find_column (f->store, "Rare");
    g_autofree char *value = cell (f->store, "L29999", "Score");
    g_autofree char *twelve = cell (f->store, "L5", "Score");

    g_assert_cmpint (score->type, ==, TANDEM_COLUMN_TEXT);
    g_assert_cmpstr (value, ==, "n/a");
    g_assert_cmpstr (twelve, ==, "12");
    g_assert_cmpint (later->type, ==, TANDEM_COLUMN_NUMBER);
    g_assert_cmpint (later->nulls, ==, 25000);
    g_assert_null (created->role);
    g_assert_cmpint (created->type, ==, TANDEM_COLUMN_TEXT);
    g_assert_cmpint (rare->type, ==, TANDEM_COLUMN_TEXT);
  }
  g_assert_cmpint (tandem_store_count_leads (f->store), ==, n);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TandemCsvOptions) merge = options_of_kind (TANDEM_IMPORT_MERGE);
  g_autoptr(GError) error = NULL;
  TandemImportResult result = { 0, };

  import_ok (f->store, LEADS_CSV, NULL);

  g_assert_true (import_text (f->store, "deals.csv",
                              "lead_id;won_date;Segment;Employees\n"
                              "L1;2024-03-01 10:00:00;pet;300\n"
                              "L9;2024-03-02;toys;1\n"
                              "L3;;;\n"
                              "L8;2024-03-03;cars;2\n",
                              merge, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.rows, ==, 4);
  g_assert_cmpint (result.imported, ==, 2);
  g_assert_cmpint (result.unknown_ids, ==, 2);
  g_assert_cmpint (result.first_unknown_line, ==, 3);
  g_assert_cmpstr (result.first_unknown_id, ==, "L9");
  g_assert_cmpuint (result.columns_added, ==, 2);
  tandem_import_result_clear (&result);

  {
    g_autoptr(TandemColumn) won = tandem_store_find_column (f->store, "won_date");
    g_autoptr(TandemColumn) employees = tandem_store_find_column (f->store, "Employees");
    g_autofree char *segment = cell (f->store, "L1", "Segment");
    g_autofree char *updated = cell (f->store, "L1", "Employees");
    g_autofree char *cleared = cell (f->store, "L3", "Employees");
    g_autofree char *untouched = cell (f->store, "L2", "Employees");

    g_assert_cmpstr (won->role, ==, "stage-date:Won");
    g_assert_cmpint (won->nulls, ==, 2);
    g_assert_cmpint (won->position, ==, 7);
    g_assert_cmpstr (segment, ==, "pet");
    g_assert_cmpint (employees->position, ==, 2);            /* the existing column, updated */
    g_assert_cmpstr (updated, ==, "300");
    g_assert_null (cleared);
    g_assert_cmpstr (untouched, ==, "40");
  }
  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 3);

  /* Errors leave everything as it was */
  assert_import_fails (f->store, "Lead ID,Note\nL1,a\nL2,b\nL1,c\n", merge, TANDEM_CSV_ERROR_DUPLICATE_ID,
                       "line 4", "“L1”", "second time", NULL);
  assert_import_fails (f->store, "Segment,Note\npet,a\n", merge, TANDEM_CSV_ERROR_NO_ID, "lead id", "--map", NULL);
  assert_import_fails (f->store, "Lead ID,Employees\nL1,many\n", merge, TANDEM_CSV_ERROR_BAD_VALUE,
                       "line 2", "“many” is not a number", NULL);
  assert_import_fails (f->store, "Lead ID\nL1\n", merge, TANDEM_CSV_ERROR_EMPTY, "nothing to merge", NULL);
  {
    g_autoptr(TandemCsvOptions) clash = options_of_kind (TANDEM_IMPORT_MERGE);
    g_assert_true (tandem_csv_options_parse_map (clash, "Other Source=source", &error));
    assert_import_fails (f->store, "Lead ID,Other Source\nL1,Fair\n", clash, TANDEM_CSV_ERROR_BAD_OPTION,
                         "already held", "“Lead Source”", NULL);
  }
  /* A guessed role already held quietly stays an attribute. */
  import_ok (f->store, "Lead ID,Origin\nL1,Fair\n", merge);
  {
    g_autoptr(TandemColumn) origin = tandem_store_find_column (f->store, "Origin");
    g_assert_null (origin->role);
  }
}

static void
test_merge_into_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TandemCsvOptions) merge = options_of_kind (TANDEM_IMPORT_MERGE);
  assert_import_fails (f->store, "Lead ID,x\nL1,2\n", merge, TANDEM_CSV_ERROR_WORKSPACE, "no leads to merge", "bad.csv", NULL);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TandemCsvOptions) events = options_of_kind (TANDEM_IMPORT_EVENTS);
  g_autoptr(GError) error = NULL;
  TandemImportResult result = { 0, };

  assert_import_fails (f->store, "lead_id,type,timestamp\nL1,webinar,2024-01-01\n", events,
                       TANDEM_CSV_ERROR_WORKSPACE, "no leads for the events", "bad.csv", NULL);

  import_ok (f->store, LEADS_CSV, NULL);
  g_assert_true (import_text (f->store, "events.csv",
                              "lead_id,event_type,occurred_at,value,ignored\n"
                              "L1,webinar,2024-01-10 10:00:00,,x\n"
                              "L1,page_view,2024-01-11T08:00:00+01:00,35,x\n"
                              "L7,page_view,2024-01-12,,x\n"
                              "L2,demo_request,2024-01-12,,x\n",
                              events, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.imported, ==, 3);
  g_assert_cmpint (result.unknown_ids, ==, 1);
  g_assert_cmpstr (result.first_unknown_id, ==, "L7");
  tandem_import_result_clear (&result);
  g_assert_cmpint (tandem_store_count_events (f->store), ==, 3);

  {
    g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (f->store,
                                                         "SELECT at, value FROM events WHERE type = 'page_view'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2024-01-11 07:00:00");
    g_assert_cmpfloat (sqlite3_column_double (stmt, 1), ==, 35);
  }

  /* Named by the user; no value column at all */
  {
    g_autoptr(TandemCsvOptions) mapped = options_of_kind (TANDEM_IMPORT_EVENTS);
    g_assert_true (tandem_csv_options_parse_map (mapped, "who=id", &error));
    g_assert_true (tandem_csv_options_parse_map (mapped, "what=event", &error));
    g_assert_true (tandem_csv_options_parse_map (mapped, "when=time", &error));
    import_ok (f->store, "who|what|when\nL3|email_click|2024-02-02\n", mapped);
    g_assert_cmpint (tandem_store_count_events (f->store), ==, 4);
  }

  assert_import_fails (f->store, "lead_id,type,timestamp\nL1,webinar,last week\n", events,
                       TANDEM_CSV_ERROR_BAD_VALUE, "line 2", "“last week” is not a date", NULL);
  assert_import_fails (f->store, "lead_id,type,timestamp\nL1,,2024-01-01\n", events,
                       TANDEM_CSV_ERROR_BAD_VALUE, "line 2", "event type is empty", NULL);
  assert_import_fails (f->store, "lead_id,type\nL1,webinar\n", events,
                       TANDEM_CSV_ERROR_NO_ID, "timestamp", NULL);
  assert_import_fails (f->store, "lead_id,type,timestamp,value\nL1,webinar,2024-01-01,lots\n", events,
                       TANDEM_CSV_ERROR_BAD_VALUE, "“lots” is not a number", NULL);
  g_assert_false (tandem_csv_options_parse_map (events, "x=owner", &error));
  g_assert_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *seen = user_data;
  g_array_append_val (seen, fraction);
}

static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Lead ID,n\n");
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (int i = 0; i < 50000; i++)
    g_string_append_printf (text, "L%d,%d\n", i, i);
  path = test_write_file ("many.csv", text->str, -1);

  before = test_workspace_digest (f->store);
  g_cancellable_cancel (cancellable);
  g_assert_false (tandem_store_import_csv (f->store, path, NULL, NULL, NULL, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = test_workspace_digest (f->store);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (tandem_store_import_csv (f->store, path, NULL, record_progress, seen, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, >, 3);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
}

/* With a second connection open (as the app has), the import still works,
 * through the WAL, and the other connection sees it once committed. */
static void
test_second_connection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) other = tandem_store_open_another (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 0);
  import_ok (other, LEADS_CSV, NULL);
  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 3);
  {
    g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (f->store, "PRAGMA journal_mode", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  }
}

/* Odd files from the wild: each a clear message or a correct import, and
 * on refusal the workspace exactly as it was. */
static void
test_extremes (Fixture       *f,
               gconstpointer  data)
{
  static const struct { const char *name, *contents; gssize length; const char *words; } refused[] = {
    { "empty.csv", "", 0, "is empty" },
    { "header.csv", "id,name\n", -1, "has a header but no rows" },
    { "nul.csv", "id,name\n1,a\0b\n", 15, "line 2: field 2 is not valid UTF-8 text (or holds a NUL byte)" },
    { "latin1.csv", "id,name\n1,caf\xe9\n", -1, "line 2: field 2 is not valid UTF-8" },
    { "open-quote.csv", "id,name\n1,\"never closed\n2,b\n", -1, "line 2: field 2 opens a quote that is never closed" },
  };
  g_autofree char *digest = test_workspace_digest (f->store);
  g_autoptr(GString) wide = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = test_write_file (refused[k].name, refused[k].contents, refused[k].length);
      g_autofree char *after = NULL;

      g_assert_false (tandem_store_import_csv (f->store, path, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, refused[k].words) == NULL)
        g_error ("%s: “%s” does not say “%s”", refused[k].name, error->message, refused[k].words);
      after = test_workspace_digest (f->store);
      g_assert_cmpstr (after, ==, digest);
    }

  /* 100,000 columns: more than Tandem reads (1,000), said on line 1 */
  for (guint c = 0; c < 100000; c++)
    g_string_append_printf (wide, c ? ",c%u" : "c%u", c);
  g_string_append (wide, "\n");
  for (guint c = 0; c < 100000; c++)
    g_string_append (wide, c ? ",1" : "1");
  g_string_append (wide, "\n");
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = test_write_file ("wide.csv", wide->str, (gssize) wide->len);
    g_autofree char *after = NULL;
    g_assert_false (tandem_store_import_csv (f->store, path, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "line 1: the row has more than 1000 fields"));
    after = test_workspace_digest (f->store);
    g_assert_cmpstr (after, ==, digest);
  }

  /* LF, CRLF and CR mixed in one file: three rows */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = test_write_file ("mixed.csv", "id,name\r\n1,a\n2,b\r3,c\r\n", -1);
    g_assert_true (tandem_store_import_csv (f->store, path, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tandem_store_count_leads (f->store), ==, 3);
  }
}

/* One 100 MB field imports whole (the reader holds a row at a time; a row
 * may be up to 256 MB).  Skipped under valgrind, where it takes minutes. */
static void
test_huge_field (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_tmp_path ("huge-field.csv");
  FILE *file;
  g_autofree char *chunk = g_malloc (1024 * 1024);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TandemColumn) column = NULL;
  g_autofree char *sql = NULL;

  if (g_getenv ("TANDEM_VALGRIND") != NULL)
    {
      g_test_skip ("a 100 MB field takes minutes under valgrind");
      return;
    }
  memset (chunk, 'x', 1024 * 1024);
  file = fopen (path, "wb");
  fputs ("id,notes\n1,", file);
  for (int k = 0; k < 100; k++)
    fwrite (chunk, 1, 1024 * 1024, file);
  fputs ("\n2,short\n", file);
  fclose (file);

  g_assert_true (tandem_store_import_csv (f->store, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count_leads (f->store), ==, 2);
  column = tandem_store_find_column (f->store, "notes");
  sql = g_strdup_printf ("SELECT length (%s) FROM leads ORDER BY id", column->sql_name);
  stmt = tandem_store_prepare (f->store, sql, &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 100 * 1024 * 1024);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/leads", test_leads);
  ADD ("/import/overrides", test_overrides);
  ADD ("/import/no-id-column", test_no_id_column);
  ADD ("/import/all-or-nothing", test_all_or_nothing);
  ADD ("/import/late-surprises", test_late_surprises);
  ADD ("/import/merge", test_merge);
  ADD ("/import/merge-into-empty", test_merge_into_empty);
  ADD ("/import/events", test_events);
  ADD ("/import/progress-and-cancel", test_progress_and_cancel);
  ADD ("/import/second-connection", test_second_connection);
  ADD ("/import/extremes", test_extremes);
  ADD ("/import/huge-field", test_huge_field);
#undef ADD

  return g_test_run ();
}
