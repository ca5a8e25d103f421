/* test-store-queries.c — what the store answers: columns, roles, lead rows,
 * a column's values and summary, renaming models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "tandem-csv.h"
#include "tandem-model.h"
#include "test-util.h"

static void
test_roles_and_types (void)
{
  TandemRoleKind kind;
  g_autofree char *stage = NULL;
  g_autoptr(GError) error = NULL;
  TandemColumnType type;

  g_assert_true (tandem_role_parse ("stage-date:MQL", &kind, &stage, NULL));
  g_assert_cmpint (kind, ==, TANDEM_ROLE_STAGE_DATE);
  g_assert_cmpstr (stage, ==, "MQL");
  g_assert_cmpint (tandem_role_required_type (kind), ==, TANDEM_COLUMN_DATE);

  g_assert_true (tandem_role_parse (NULL, &kind, NULL, NULL));
  g_assert_cmpint (kind, ==, TANDEM_ROLE_ATTRIBUTE);
  g_assert_true (tandem_role_parse ("First-Touch", &kind, NULL, NULL));
  g_assert_cmpint (kind, ==, TANDEM_ROLE_FIRST_TOUCH);
  g_assert_cmpint (tandem_role_required_type (TANDEM_ROLE_OUTCOME), ==, TANDEM_COLUMN_BOOLEAN);
  g_assert_cmpint (tandem_role_required_type (TANDEM_ROLE_AMOUNT), ==, TANDEM_COLUMN_NUMBER);
  g_assert_cmpint (tandem_role_required_type (TANDEM_ROLE_ATTRIBUTE), ==, -1);

  g_assert_false (tandem_role_parse ("stage-date:", &kind, NULL, &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_role_parse ("boss", &kind, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Unknown role “boss”"));

  {
    g_autofree char *label = tandem_role_dup_label ("stage-date:SAL");
    g_assert_cmpstr (label, ==, "Entered SAL");
  }

  for (int t = 0; t < TANDEM_N_COLUMN_TYPES; t++)
    {
      g_assert_true (tandem_column_type_from_string (tandem_column_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
    }
  g_assert_true (tandem_column_type_from_string ("BOOL", &type));
  g_assert_cmpint (type, ==, TANDEM_COLUMN_BOOLEAN);
  g_assert_false (tandem_column_type_from_string ("money", &type));
}

static void
test_columns_and_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autofree char *csv = test_tmp_path ("people.csv");

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv,
                                      "Lead ID,Name,Employees,Signed Up,Active\n"
                                      "A1,zoë,250,2024-01-05,yes\n"
                                      "A2,Bob,,2024-03-01 10:30:00,no\n"
                                      "A3,carl,12.5,,yes\n"
                                      "A4,Ann 100%,3,2023-12-31,\n",
                                      -1, NULL));
  g_assert_true (tandem_store_import_csv (store, csv, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  columns = tandem_store_list_columns (store);
  g_assert_cmpuint (columns->len, ==, 5);
  {
    TandemColumn *id = g_ptr_array_index (columns, 0);
    TandemColumn *employees = g_ptr_array_index (columns, 2);
    TandemColumn *active = g_ptr_array_index (columns, 4);
    g_autoptr(TandemColumn) by_role = tandem_store_find_column_by_role (store, "id");
    g_autoptr(TandemColumn) by_name = tandem_store_find_column (store, "Employees");
    g_autoptr(TandemColumn) none = tandem_store_find_column (store, "Nope");

    g_assert_cmpstr (id->sql_name, ==, "key");
    g_assert_cmpstr (id->role, ==, "id");
    g_assert_cmpint (employees->type, ==, TANDEM_COLUMN_NUMBER);
    g_assert_cmpint (employees->nulls, ==, 1);
    g_assert_cmpint (active->type, ==, TANDEM_COLUMN_BOOLEAN);
    g_assert_cmpstr (by_role->name, ==, "Lead ID");
    g_assert_cmpint (by_name->position, ==, 2);
    g_assert_null (none);
  }

  g_assert_cmpint (tandem_store_lookup_lead (store, "A3"), ==, 3);
  g_assert_cmpint (tandem_store_lookup_lead (store, "A9"), ==, 0);

  /* All, in import order */
  ids = tandem_store_query_lead_ids (store, NULL, -1, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  g_clear_pointer (&ids, g_array_unref);

  /* Sorted by name, case-insensitively, descending */
  ids = tandem_store_query_lead_ids (store, NULL, 1, TRUE, NULL, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);   /* zoë */
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, 4);   /* Ann */
  g_clear_pointer (&ids, g_array_unref);

  /* Numbers sort as numbers, nulls last either way */
  ids = tandem_store_query_lead_ids (store, NULL, 2, FALSE, NULL, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 4);   /* 3 */
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 3);   /* 12.5 */
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, 2);   /* null */
  g_clear_pointer (&ids, g_array_unref);
  ids = tandem_store_query_lead_ids (store, NULL, 2, TRUE, NULL, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);   /* 250 */
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, 2);   /* null */
  g_clear_pointer (&ids, g_array_unref);

  /* Search: any column, case-insensitive; % and _ are literal */
  ids = tandem_store_query_lead_ids (store, "BOB", -1, FALSE, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = tandem_store_query_lead_ids (store, "2024-0", -1, FALSE, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  ids = tandem_store_query_lead_ids (store, "%", -1, FALSE, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* Cancelled before it starts: an error, not a partial list */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_cancellable_cancel (cancellable);
    ids = tandem_store_query_lead_ids (store, "a", 1, FALSE, cancellable, &error);
    /* A tiny table may finish before the handler runs; either is fine, but
     * never a half list. */
    if (ids == NULL)
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    else
      g_assert_cmpuint (ids->len, ==, 4);
    g_clear_error (&error);
    g_clear_pointer (&ids, g_array_unref);
  }

  /* Display text */
  {
    gint64 want[] = { 2, 3 };
    cells = tandem_store_fetch_leads (store, want, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cells->len, ==, 10);
    g_assert_cmpstr (g_ptr_array_index (cells, 0), ==, "A2");
    g_assert_cmpstr (g_ptr_array_index (cells, 2), ==, NULL);
    g_assert_cmpstr (g_ptr_array_index (cells, 3), ==, "2024-03-01 10:30:00");
    g_assert_cmpstr (g_ptr_array_index (cells, 4), ==, "no");
    g_assert_cmpstr (g_ptr_array_index (cells, 7), ==, "12.5");
  }

  g_assert_null (tandem_store_open_another (store, &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
}

static void
test_event_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(GPtrArray) types = NULL;

  g_assert_true (tandem_store_exec (store,
                                    "INSERT INTO leads (id, key) VALUES (1, 'a');"
                                    "INSERT INTO events (lead, type, at) VALUES (1, 'webinar', '2024-01-01'),"
                                    " (1, 'demo_request', '2024-01-02'), (1, 'webinar', '2024-01-03');",
                                    &error));
  g_assert_no_error (error);
  types = tandem_store_list_event_types (store);
  g_assert_cmpuint (types->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (types, 0), ==, "demo_request");
  g_assert_cmpint (tandem_store_count_events (store), ==, 3);

  /* Foreign keys are on: an event for no lead is refused. */
  g_assert_false (tandem_store_exec (store, "INSERT INTO events (lead, type, at) VALUES (7, 'x', '2024-01-01')", &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED);
}
/* Six leads; "Note" is empty everywhere */
static TandemStore *
new_store_with_leads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *csv = test_tmp_path ("values.csv");

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv,
                                      "Lead ID,Stage,Employees,Signed Up,Active,Note\n"
                                      "A1,MQL,250,2024-01-05,yes,\n"
                                      "A2,SQL,,2024-03-01,no,\n"
                                      "A3,MQL,12.5,,yes,\n"
                                      "A4,Won,3,2023-12-31,,\n"
                                      "A5,MQL,3,2024-02-01,yes,\n"
                                      "A6,SQL,7,2024-02-02,no,\n",
                                      -1, NULL));
  g_assert_true (tandem_store_import_csv (store, csv, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
assert_value (GPtrArray  *values,
              guint       index,
              const char *value,
              gint64      count)
{
  TandemValueCount *v;

  g_assert_cmpuint (index, <, values->len);
  v = g_ptr_array_index (values, index);
  g_assert_cmpstr (v->value, ==, value);
  g_assert_cmpint (v->count, ==, count);
}

static void
test_column_values (void)
{
  g_autoptr(TandemStore) store = new_store_with_leads ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = NULL;

  /* Most frequent first, empty cells left out */
  values = tandem_store_column_values (store, "Stage", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  assert_value (values, 0, "MQL", 3);
  assert_value (values, 1, "SQL", 2);
  assert_value (values, 2, "Won", 1);
  g_clear_pointer (&values, g_ptr_array_unref);

  /* At most @limit */
  values = tandem_store_column_values (store, "Stage", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  g_clear_pointer (&values, g_ptr_array_unref);

  /* Display text; ties in value order, numbers as numbers */
  values = tandem_store_column_values (store, "Active", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  assert_value (values, 0, "yes", 3);
  assert_value (values, 1, "no", 2);
  g_clear_pointer (&values, g_ptr_array_unref);
  values = tandem_store_column_values (store, "Employees", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 4);
  assert_value (values, 0, "3", 2);
  assert_value (values, 1, "7", 1);
  assert_value (values, 2, "12.5", 1);
  assert_value (values, 3, "250", 1);
  g_clear_pointer (&values, g_ptr_array_unref);

  /* A column with nothing in it: no values, no error */
  values = tandem_store_column_values (store, "Note", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
  g_clear_pointer (&values, g_ptr_array_unref);

  /* An unknown column is named */
  values = tandem_store_column_values (store, "Nope", 10, &error);
  g_assert_null (values);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Nope”"));
}

static void
test_history_stage_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(GPtrArray) values = NULL;

  g_assert_no_error (error);
  values = tandem_store_history_stage_values (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 0);
  g_clear_pointer (&values, g_ptr_array_unref);

  g_assert_true (tandem_store_exec (store,
                                    "INSERT INTO leads (id, key) VALUES (1, 'a'), (2, 'b');"
                                    "INSERT INTO stage_history (lead, stage, entered_at) VALUES"
                                    " (1, 'MQL', '2024-01-01'), (1, 'SQL', '2024-01-05'),"
                                    " (2, 'MQL', '2024-01-02'), (2, 'Lost', '2024-01-09');",
                                    &error));
  g_assert_no_error (error);
  values = tandem_store_history_stage_values (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  assert_value (values, 0, "MQL", 2);
  assert_value (values, 1, "Lost", 1);
  assert_value (values, 2, "SQL", 1);
  g_clear_pointer (&values, g_ptr_array_unref);
  values = tandem_store_history_stage_values (store, 1, &error);
  g_assert_cmpuint (values->len, ==, 1);
  g_clear_pointer (&values, g_ptr_array_unref);

  /* The table gone (a file changed behind Tandem's back): an error, not an empty list */
  g_assert_true (tandem_store_exec (store, "DROP TABLE stage_history", &error));
  values = tandem_store_history_stage_values (store, 0, &error);
  g_assert_null (values);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED);
}

static void
test_column_summary (void)
{
  g_autoptr(TandemStore) store = new_store_with_leads ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemColumnSummary) summary = NULL;

  /* 3, 3, 7, 12.5, 250: the middle one of five */
  summary = tandem_store_column_summary (store, "Employees", &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->count, ==, 5);
  g_assert_cmpstr (summary->min, ==, "3");
  g_assert_cmpstr (summary->max, ==, "250");
  g_assert_cmpstr (summary->median, ==, "7");
  g_clear_pointer (&summary, tandem_column_summary_free);

  summary = tandem_store_column_summary (store, "Signed Up", &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->count, ==, 5);
  g_assert_cmpstr (summary->min, ==, "2023-12-31");
  g_assert_cmpstr (summary->max, ==, "2024-03-01");
  g_assert_cmpstr (summary->median, ==, "2024-02-01");
  g_clear_pointer (&summary, tandem_column_summary_free);

  /* Of an even count, the upper of the two middle values */
  g_assert_true (tandem_store_exec (store, "DELETE FROM leads WHERE key = 'A1'", &error));
  summary = tandem_store_column_summary (store, "Employees", &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->count, ==, 4);
  g_assert_cmpstr (summary->median, ==, "7");
  g_clear_pointer (&summary, tandem_column_summary_free);

  /* Nothing in the column: a count of 0 and no range */
  summary = tandem_store_column_summary (store, "Note", &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->count, ==, 0);
  g_assert_null (summary->min);
  g_assert_null (summary->max);
  g_assert_null (summary->median);
  g_clear_pointer (&summary, tandem_column_summary_free);

  summary = tandem_store_column_summary (store, "Nope", &error);
  g_assert_null (summary);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Nope”"));
}

static void
save_model (TandemStore *store,
            const char  *name,
            gboolean     live)
{
  g_autoptr(TandemModel) model = tandem_model_new (name);
  g_autoptr(GError) error = NULL;

  /* A live model needs a rule (one with none cannot be live) */
  if (live)
    {
      TandemRule *rule = tandem_rule_new_from_json ("{\"field\": \"Title\", \"op\": \"equals\", \"value\": \"VP\", \"points\": 5}", &error);
      g_assert_no_error (error);
      g_ptr_array_add (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules, rule);
    }
  g_assert_true (tandem_model_save (model, store, live, &error));
  g_assert_no_error (error);
}

static void
assert_model (TandemStore *store,
              const char  *name,
              gboolean     present)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_load (store, name, &error);

  if (!present)
    {
      g_assert_null (model);
      g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND);
      return;
    }
  g_assert_no_error (error);
  /* The body follows the row: the model reads back under its new name */
  g_assert_cmpstr (tandem_model_get_name (model), ==, name);
}

static void
test_rename_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);

  g_assert_no_error (error);
  save_model (store, "Mine", TRUE);
  save_model (store, "Mine" TANDEM_STORE_DRAFT_SUFFIX, FALSE);
  save_model (store, "Taken", FALSE);
  save_model (store, "Orphan" TANDEM_STORE_DRAFT_SUFFIX, FALSE);

  /* The model and its draft together; the live model stays live */
  g_assert_true (tandem_store_rename_model (store, "Mine", "Q4 B2B", &error));
  g_assert_no_error (error);
  assert_model (store, "Q4 B2B", TRUE);
  assert_model (store, "Q4 B2B" TANDEM_STORE_DRAFT_SUFFIX, TRUE);
  assert_model (store, "Mine", FALSE);
  assert_model (store, "Mine" TANDEM_STORE_DRAFT_SUFFIX, FALSE);
  {
    g_autoptr(TandemModel) live = tandem_model_load (store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tandem_model_get_name (live), ==, "Q4 B2B");
  }

  /* Only a draft stored: the draft is renamed */
  g_assert_true (tandem_store_rename_model (store, "Orphan", "Found", &error));
  g_assert_no_error (error);
  assert_model (store, "Found" TANDEM_STORE_DRAFT_SUFFIX, TRUE);
  assert_model (store, "Found", FALSE);

  /* Its own name again: nothing to do */
  g_assert_true (tandem_store_rename_model (store, "Taken", "Taken", &error));
  g_assert_no_error (error);

  /* A name already taken, by a model or by a draft: refused, nothing changed */
  g_assert_false (tandem_store_rename_model (store, "Q4 B2B", "Taken", &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "“Taken”"));
  g_clear_error (&error);
  g_assert_false (tandem_store_rename_model (store, "Taken", "Found", &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  assert_model (store, "Q4 B2B", TRUE);
  assert_model (store, "Taken", TRUE);

  /* No such model */
  g_assert_false (tandem_store_rename_model (store, "Nobody", "Somebody", &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Nobody”"));
  g_clear_error (&error);
  assert_model (store, "Somebody", FALSE);

  /* Blank names and draft names are not model names */
  g_assert_false (tandem_store_rename_model (store, "Taken", "  ", &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_store_rename_model (store, "Taken", "Other" TANDEM_STORE_DRAFT_SUFFIX, &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_model (store, "Taken", TRUE);

  /* No refusal left a transaction open (begin would be a critical) */
  g_assert_true (tandem_store_begin (store, &error));
  tandem_store_rollback (store);
}

/* A model with no rules cannot be made live; saved as a draft it can */
static void
test_empty_model_not_live (void)
{
  g_autofree char *path = test_tmp_path ("empty-live.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemModel) model = tandem_model_new ("Nothing yet");

  store = tandem_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_false (tandem_model_save (model, store, TRUE, &error));
  g_assert_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Nothing yet” has no rules"));
  g_clear_error (&error);
  g_assert_null (tandem_model_load (store, NULL, NULL));
  g_assert_true (tandem_model_save (model, store, FALSE, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/roles-and-types", test_roles_and_types);
  g_test_add_func ("/store/columns-and-rows", test_columns_and_rows);
  g_test_add_func ("/store/event-types", test_event_types);
  g_test_add_func ("/store/column-values", test_column_values);
  g_test_add_func ("/store/history-stage-values", test_history_stage_values);
  g_test_add_func ("/store/column-summary", test_column_summary);
  g_test_add_func ("/store/rename-model", test_rename_model);

  g_test_add_func ("/store-queries/empty-model-not-live", test_empty_model_not_live);
  return g_test_run ();
}
