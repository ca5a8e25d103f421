/* tandem-csv-import.c — importing a CSV file into the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import streams the file and never holds it whole.  Column types are
 * inferred from the first rows, then every row is converted and written
 * inside one transaction; should a later row contradict an inferred type
 * (never a type the user chose), the transaction is rolled back and the
 * import starts again with types inferred over the whole file.  Any error
 * rolls back, so a failed import leaves the workspace exactly as it was.
 */

#include "config.h"

#include "tandem-csv-import-private.h"
#include "tandem-snapshot.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ---- Import ------------------------------------------------------------------ */

void
tandem_import_result_clear (TandemImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->first_unknown_id);
  memset (result, 0, sizeof *result);
}

static gboolean
bad_value (GError          **error,
           CsvReader        *r,
           gboolean          strict,
           guint             i,
           const ColumnPlan *c,
           const char       *text,
           gsize             len,
           const char       *expected)
{
  g_autofree char *shown = g_utf8_make_valid (text, MIN (len, (gsize) 60));

  if (!strict && !c->type_explicit && !c->role_explicit)
    {
      g_set_error_literal (error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE, "retry");
      return FALSE;
    }
  tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                           /* Translators: column 3 (“Created”): “soon” is not a date (YYYY-MM-DD) */
                           _("column %u (“%s”): “%s” is not %s"),
                           i + 1, c->name, shown, expected);
  return FALSE;
}

gboolean
tandem_csv_convert_value (const Plan  *plan,
                          ColumnPlan  *c,
                          CsvReader   *r,
                          gboolean     strict,
                          guint        i,
                          char        *scratch,
                          Cell        *out,
                          GError     **error)
{
  gsize len;
  const char *text = tandem_csv_reader_field (r, i, &len);
  gboolean b;

  if (c->watch)
    tandem_csv_observe_field (plan, c, text, len);

  if (tandem_csv_is_null_token (plan->options, text, len))
    {
      c->null_count++;
      out->kind = CELL_NULL;
      return TRUE;
    }

  if (c->role_kind == TANDEM_ROLE_OUTCOME)
    {
      if (!tandem_csv_parse_outcome_len (text, len, &b))
        return bad_value (error, r, strict, i, c, text, len, _("an outcome (won/lost, 1/0, true/false, yes/no)"));
      out->kind = CELL_INTEGER;
      out->v.integer = b;
      return TRUE;
    }

  switch (c->type)
    {
    case TANDEM_COLUMN_NUMBER:
      if (!tandem_csv_parse_number_len (text, len, &out->v.number))
        return bad_value (error, r, strict, i, c, text, len, _("a number"));
      out->kind = CELL_NUMBER;
      break;

    case TANDEM_COLUMN_DATE:
      if (!tandem_csv_parse_date_len (text, len, scratch))
        return bad_value (error, r, strict, i, c, text, len, _("a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"));
      out->kind = CELL_TEXT;
      out->v.text = scratch;
      out->length = (guint32) strlen (scratch);
      break;

    case TANDEM_COLUMN_BOOLEAN:
      if (!tandem_csv_parse_boolean_len (text, len, &b))
        return bad_value (error, r, strict, i, c, text, len, _("yes/no or true/false"));
      out->kind = CELL_INTEGER;
      out->v.integer = b;
      break;

    case TANDEM_COLUMN_TEXT:
    default:
      out->kind = CELL_TEXT;
      out->v.text = text;
      out->length = (guint32) len;
      break;
    }
  return TRUE;
}

void
tandem_csv_bind_cell (sqlite3_stmt *stmt,
                      int           param,
                      const Cell   *cell)
{
  switch (cell->kind)
    {
    case CELL_NUMBER:
      sqlite3_bind_double (stmt, param, cell->v.number);
      break;
    case CELL_INTEGER:
      sqlite3_bind_int64 (stmt, param, cell->v.integer);
      break;
    case CELL_TEXT:
      sqlite3_bind_text (stmt, param, cell->v.text, (int) cell->length, SQLITE_STATIC);
      break;
    case CELL_NULL:
    default:
      sqlite3_bind_null (stmt, param);
      break;
    }
}

/* Binds field @i of the current record as column @c's type. */
static gboolean
bind_value (sqlite3_stmt     *stmt,
            const Plan       *plan,
            ColumnPlan       *c,
            CsvReader        *r,
            gboolean          strict,
            guint             i,
            char             *scratch,
            GError          **error)
{
  Cell cell;

  if (!tandem_csv_convert_value (plan, c, r, strict, i, scratch, &cell, error))
    return FALSE;
  tandem_csv_bind_cell (stmt, c->param, &cell);
  return TRUE;
}

static gboolean
step_done (ImportState  *state,
           sqlite3_stmt *stmt,
           CsvReader    *r,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_autofree char *what = g_strdup_printf (_("%s, line %llu"), r->name, (unsigned long long) r->record_line);
      tandem_store_set_error (state->store, error, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
tandem_csv_convert_key (ImportState  *state,
                        Plan         *plan,
                        CsvReader    *r,
                        Cell         *out,
                        GError      **error)
{
  gsize len;
  const char *text;
  ColumnPlan *c;

  out->kind = CELL_TEXT;
  if (state->key_column < 0)
    {
      g_snprintf (state->key_text, sizeof state->key_text, "%" G_GUINT64_FORMAT, state->row + 1);
      out->v.text = state->key_text;
      out->length = (guint32) strlen (state->key_text);
      return TRUE;
    }

  c = tandem_csv_plan_column (plan, state->key_column);
  text = tandem_csv_reader_field (r, state->key_column, &len);
  tandem_csv_trim (&text, &len);
  if (len == 0)
    {
      if (!state->strict && !c->role_explicit)
        g_set_error_literal (error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE, "retry");
      else
        tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                                 _("column %d (“%s”): the lead id is empty"), state->key_column + 1, c->name);
      return FALSE;
    }
  out->v.text = text;
  out->length = (guint32) len;
  return TRUE;
}

/* The record's id and every imported field into the statement. */
static gboolean
bind_record (ImportState  *state,
             Plan         *plan,
             CsvReader    *r,
             GError      **error)
{
  Cell key;

  if (!tandem_csv_convert_key (state, plan, r, &key, error))
    return FALSE;
  tandem_csv_bind_cell (state->insert, 1, &key);
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      if (c->param > 0 && !bind_value (state->insert, plan, c, r, state->strict, i, state->scratch[i], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_lead (CsvReader *r,
             Plan      *plan,
             gpointer   data,
             GError   **error)
{
  ImportState *state = data;
  guint32 line = (guint32) MIN (r->record_line, G_MAXUINT32);

  if (!bind_record (state, plan, r, error))
    return FALSE;
  if (!step_done (state, state->insert, r, error))
    return FALSE;

  g_array_append_val (state->lines, line);
  state->row++;
  state->result->imported++;
  return TRUE;
}

static void
note_unknown (ImportState *state,
              CsvReader   *r,
              const char  *key,
              gsize        len)
{
  if (state->result->unknown_ids++ == 0)
    {
      state->result->first_unknown_line = (gint64) r->record_line;
      state->result->first_unknown_id = g_strndup (key, len);
    }
}

static gboolean
merge_lead (CsvReader *r,
            Plan      *plan,
            gpointer   data,
            GError   **error)
{
  ImportState *state = data;
  gsize len;
  const char *key;
  gint64 rowid;
  int rc;

  if (!bind_record (state, plan, r, error))
    return FALSE;

  rc = sqlite3_step (state->insert);
  rowid = rc == SQLITE_ROW ? sqlite3_column_int64 (state->insert, 0) : 0;
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (state->insert);
  sqlite3_reset (state->insert);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("%s, line %llu"), r->name, (unsigned long long) r->record_line);
      tandem_store_set_error (state->store, error, what);
      return FALSE;
    }

  key = tandem_csv_reader_field (r, state->key_column, &len);
  tandem_csv_trim (&key, &len);
  state->row++;

  if (rowid == 0)
    {
      note_unknown (state, r, key, len);
      return TRUE;
    }

  if (rowid > 0 && rowid <= state->max_rowid)
    {
      guint8 bit = (guint8) (1u << (rowid & 7));
      if (state->merged[rowid >> 3] & bit)
        {
          g_autofree char *shown = g_utf8_make_valid (key, MIN (len, (gsize) 60));
          tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_DUPLICATE_ID, r, r->record_line,
                                   _("the lead id “%s” appears a second time in this file"), shown);
          return FALSE;
        }
      state->merged[rowid >> 3] |= bit;
    }

  state->result->imported++;
  return TRUE;
}

static gboolean
insert_event (CsvReader *r,
              Plan      *plan,
              gpointer   data,
              GError   **error)
{
  ImportState *state = data;
  ColumnPlan *type_c = tandem_csv_plan_column (plan, state->type_column);
  gsize key_len, type_len, time_len;
  const char *key = tandem_csv_reader_field (r, state->key_column, &key_len);
  const char *type = tandem_csv_reader_field (r, state->type_column, &type_len);
  const char *time = tandem_csv_reader_field (r, state->time_column, &time_len);
  char at[20];
  gint64 lead;

  tandem_csv_trim (&key, &key_len);
  tandem_csv_trim (&type, &type_len);
  state->row++;

  if (key_len == 0)
    {
      tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                               _("column %d (“%s”): the lead id is empty"),
                               state->key_column + 1, tandem_csv_plan_column (plan, state->key_column)->name);
      return FALSE;
    }
  if (tandem_csv_is_null_token (plan->options, type, type_len))
    {
      tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                               _("column %d (“%s”): the event type is empty"), state->type_column + 1, type_c->name);
      return FALSE;
    }
  if (!tandem_csv_parse_date_len (time, time_len, at))
    return bad_value (error, r, state->strict, state->time_column, tandem_csv_plan_column (plan, state->time_column), time, time_len,
                      _("a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"));

  /* A file of events is most often in lead order: one look-up a lead */
  if (state->last_key->len == key_len && memcmp (state->last_key->str, key, key_len) == 0)
    lead = state->last_lead;
  else
    {
      sqlite3_bind_text (state->lookup, 1, key, (int) key_len, SQLITE_STATIC);
      lead = sqlite3_step (state->lookup) == SQLITE_ROW ? sqlite3_column_int64 (state->lookup, 0) : 0;
      sqlite3_reset (state->lookup);
      g_string_truncate (state->last_key, 0);
      g_string_append_len (state->last_key, key, (gssize) key_len);
      state->last_lead = lead;
    }
  if (lead == 0)
    {
      note_unknown (state, r, key, key_len);
      return TRUE;
    }

  sqlite3_clear_bindings (state->insert);
  sqlite3_bind_int64 (state->insert, 1, lead);
  sqlite3_bind_text (state->insert, 2, type, (int) type_len, SQLITE_STATIC);
  sqlite3_bind_text (state->insert, 3, at, -1, SQLITE_STATIC);
  if (state->value_column >= 0)
    {
      ColumnPlan *value_c = tandem_csv_plan_column (plan, state->value_column);
      value_c->param = 4;
      if (!bind_value (state->insert, plan, value_c, r, state->strict, state->value_column, state->scratch[0], error))
        return FALSE;
    }
  if (!step_done (state, state->insert, r, error))
    return FALSE;

  state->result->imported++;
  return TRUE;
}

static int
find_role (Plan       *plan,
           const char *role)
{
  for (guint i = 0; i < plan->columns->len; i++)
    if (g_strcmp0 (tandem_csv_plan_column (plan, i)->role, role) == 0)
      return (int) i;
  return -1;
}

/* After the leads are in: the unique index on ids.  A duplicate makes it
 * fail; then find the first one, for a message naming both lines.        */
static gboolean
index_keys (ImportState  *state,
            CsvReader    *r,
            Plan         *plan,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 first, second;
  const char *key;

  if (tandem_store_exec (state->store, "CREATE UNIQUE INDEX leads_key ON leads (key)", &local_error))
    return TRUE;

  if ((sqlite3_extended_errcode (tandem_store_get_db (state->store)) & 0xff) != SQLITE_CONSTRAINT)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!tandem_store_exec (state->store, "CREATE INDEX leads_key_dup ON leads (key, id)", error))
    return FALSE;
  stmt = tandem_store_prepare (state->store,
                               "SELECT b.id, (SELECT min (a.id) FROM leads a WHERE a.key = b.key), b.key "
                               "FROM leads b WHERE EXISTS (SELECT 1 FROM leads a WHERE a.key = b.key AND a.id < b.id) "
                               "ORDER BY b.id LIMIT 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  second = sqlite3_column_int64 (stmt, 0);
  first = sqlite3_column_int64 (stmt, 1);
  key = (const char *) sqlite3_column_text (stmt, 2);
  tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_DUPLICATE_ID, r,
                           g_array_index (state->lines, guint32, second - 1),
                           _("column %d (“%s”): the lead id “%s” is already used on line %u; ids must be unique"),
                           state->key_column + 1, tandem_csv_plan_column (plan, state->key_column)->name, key,
                           g_array_index (state->lines, guint32, first - 1));
  return FALSE;
}

static gboolean
write_null_counts (ImportState *state,
                   Plan        *plan,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (state->store,
                                                        "UPDATE columns SET nulls = ?2 WHERE sql_name = ?1",
                                                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      if (c->sql_name == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, c->sql_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, c->null_count);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          tandem_store_set_error (state->store, error, _("Could not save the columns"));
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Leads go into a workspace without any; a merge and events need its leads. */
static gboolean
check_workspace (ImportState       *state,
                 TandemImportKind   kind,
                 const char        *file_name,
                 GError           **error)
{
  g_autofree char *title = NULL;

  if ((tandem_store_count_leads (state->store) > 0) == (kind != TANDEM_IMPORT_LEADS))
    return TRUE;
  title = tandem_store_dup_title (state->store);
  switch (kind)
    {
    case TANDEM_IMPORT_MERGE:
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The workspace “%s” has no leads to merge %s into; import it as leads first"),
                   title, file_name);
      break;
    case TANDEM_IMPORT_EVENTS:
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The workspace “%s” has no leads for the events in %s; import leads first"),
                   title, file_name);
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The workspace “%s” already has leads; import %s as a merge to add its "
                     "columns to them (matched by lead id), or into a new workspace"),
                   title, file_name);
      break;
    }
  return FALSE;
}

/* Leads: columns created, rows inserted, ids indexed. */
static gboolean
prepare_leads (ImportState  *state,
               Plan         *plan,
               const char   *file_name,
               GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO leads (key");
  g_autoptr(GString) values = g_string_new ("VALUES (?1");
  int param = 1;

  state->key_column = find_role (plan, "id");
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      g_autoptr(TandemColumn) column = tandem_store_add_column (state->store, c->name, c->type, c->role, error);

      if (column == NULL)
        return FALSE;
      c->sql_name = g_strdup (column->sql_name);
      if ((int) i == state->key_column)
        continue;
      c->param = ++param;
      g_string_append_printf (sql, ", %s", c->sql_name);
      g_string_append_printf (values, ", ?%d", c->param);
    }
  g_string_append_printf (sql, ") %s)", values->str);

  /* The index is rebuilt once at the end: much faster than row by row. */
  if (!tandem_store_exec (state->store, "DROP INDEX IF EXISTS leads_key", error))
    return FALSE;

  state->insert = tandem_store_prepare (state->store, sql->str, error);
  state->lines = g_array_new (FALSE, FALSE, sizeof (guint32));
  return state->insert != NULL;
}

/* Merge: new columns added, existing ones updated, rows matched by id. */
static gboolean
prepare_merge (ImportState  *state,
               Plan         *plan,
               const char   *file_name,
               GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE leads SET ");
  g_autoptr(TandemColumn) id_column = tandem_store_find_column_by_role (state->store, "id");
  g_autofree char *title = tandem_store_dup_title (state->store);
  gboolean first = TRUE;
  int param = 1;

  if (id_column == NULL)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The leads in “%s” were imported without an id column, so %s cannot be matched "
                     "to them"),
                   title, file_name);
      return FALSE;
    }

  state->key_column = find_role (plan, "id");
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      g_autoptr(TandemColumn) existing = NULL;

      if ((int) i == state->key_column)
        continue;

      existing = tandem_store_find_column (state->store, c->name);
      if (existing != NULL)
        {
          if (g_strcmp0 (existing->sql_name, "key") == 0)
            continue;
          /* The workspace's column decides the type and role. */
          if (c->type_explicit && c->type != existing->type)
            {
              g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                           _("%s: column “%s” is %s in the workspace and cannot be merged as %s"),
                           file_name, c->name, tandem_column_type_to_string (existing->type),
                           tandem_column_type_to_string (c->type));
              return FALSE;
            }
          c->type = existing->type;
          c->type_explicit = TRUE;
          c->watch = FALSE;
          g_free (c->role);
          c->role = g_strdup (existing->role);
          tandem_role_parse (c->role, &c->role_kind, NULL, NULL);
          c->sql_name = g_strdup (existing->sql_name);
        }
      else
        {
          g_autoptr(TandemColumn) column = NULL;
          g_autoptr(TandemColumn) holder = c->role ? tandem_store_find_column_by_role (state->store, c->role) : NULL;

          if (holder != NULL)
            {
              if (c->role_explicit)
                {
                  g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                               _("%s: the role “%s” is already held by the workspace column “%s”"),
                               file_name, c->role, holder->name);
                  return FALSE;
                }
              /* A guess that collides is dropped; the column stays an attribute. */
              g_clear_pointer (&c->role, g_free);
              c->role_kind = TANDEM_ROLE_ATTRIBUTE;
              if (!c->type_explicit)
                c->type = tandem_csv_inferred_type (c);
            }

          column = tandem_store_add_column (state->store, c->name, c->type, c->role, error);
          if (column == NULL)
            return FALSE;
          c->sql_name = g_strdup (column->sql_name);
          state->result->columns_added++;
        }

      c->param = ++param;
      g_string_append_printf (sql, "%s%s = ?%d", first ? "" : ", ", c->sql_name, c->param);
      first = FALSE;
    }

  if (first)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_EMPTY,
                   _("%s has no columns besides the lead id, so there is nothing to merge"), file_name);
      return FALSE;
    }
  g_string_append (sql, " WHERE key = ?1 RETURNING id");

  state->insert = tandem_store_prepare (state->store, sql->str, error);
  if (state->insert == NULL)
    return FALSE;

  state->max_rowid = 0;
  {
    g_autoptr(sqlite3_stmt) max = tandem_store_prepare (state->store, "SELECT coalesce(max(id), 0) FROM leads", error);
    if (max == NULL || sqlite3_step (max) != SQLITE_ROW)
      return FALSE;
    state->max_rowid = sqlite3_column_int64 (max, 0);
  }
  state->merged = g_malloc0 ((gsize) state->max_rowid / 8 + 1);
  return TRUE;
}

static gboolean
prepare_events (ImportState  *state,
                Plan         *plan,
                GError      **error)
{
  state->key_column = find_role (plan, "id");
  state->type_column = find_role (plan, "type");
  state->time_column = find_role (plan, "timestamp");
  state->value_column = find_role (plan, "value");

  state->insert = tandem_store_prepare (state->store,
                                        "INSERT INTO events (lead, type, at, value) VALUES (?1, ?2, ?3, ?4)",
                                        error);
  state->lookup = tandem_store_prepare (state->store, "SELECT id FROM leads WHERE key = ?1", error);
  state->last_key = g_string_new (NULL);
  state->last_lead = 0;
  return state->insert != NULL && state->lookup != NULL;
}

#define SAMPLE_ROWS 20000

/* After a fast attempt: would inference over every row have decided the
 * same types for the columns the sample had no values for?             */
static gboolean
watched_columns_agree (Plan *plan)
{
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      if (c->watch && tandem_csv_inferred_type (c) != c->type)
        return FALSE;
    }
  return TRUE;
}

/* One attempt: decide the plan from the first @sample_rows rows (all rows
 * when strict), then convert and write every row in one transaction.   */
static gboolean
import_attempt (TandemStore             *store,
                const char              *path,
                const TandemCsvOptions  *options,
                gboolean                 strict,
                TandemProgressFunc       progress,
                gpointer                 progress_data,
                GCancellable            *cancellable,
                TandemImportResult      *result,
                GError                 **error)
{
  static const char *const kind_names[] = { "leads", "merge", "events" };
  g_autoptr(CsvReader) r = NULL;
  g_autoptr(Plan) plan = NULL;
  g_autofree char *base = g_path_get_basename (path);
  ImportState state = { 0, };
  double write_from = strict ? 0.3 : 0.02;
  guint64 rows = 0;
  gboolean ok = FALSE;
  gboolean bulk_journal = FALSE;
  TandemCsvRecordFunc each;

  tandem_import_result_clear (result);

  r = tandem_csv_reader_open (path, options->delimiter, error);
  if (r == NULL)
    return FALSE;
  plan = tandem_csv_plan_from_header (r, options, error);
  if (plan == NULL)
    return FALSE;
  if (!tandem_csv_read_records (r, plan, strict ? G_MAXUINT64 : SAMPLE_ROWS, tandem_csv_observe_record, NULL,
                                progress, progress_data, 0.0, write_from, cancellable, &rows, error))
    return FALSE;
  if (rows == 0)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_EMPTY,
                   _("“%s” has a header but no rows to import"), r->name);
      return FALSE;
    }
  if (!tandem_csv_plan_decide (plan, r->name, error))
    return FALSE;
  for (guint i = 0; i < plan->columns->len && !strict; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      c->watch = c->values == 0 && !c->type_explicit && !c->role_explicit;
    }

  state.store = store;
  state.result = result;
  state.strict = strict;
  state.key_column = state.type_column = state.time_column = state.value_column = -1;
  state.scratch = g_malloc0 (sizeof *state.scratch * MAX (plan->columns->len, 1));

  /* A bulk load into an empty workspace nobody else has open goes through
   * the rollback journal: each page is written once, where the WAL would
   * write it twice (log, then checkpoint).  Just as crash-safe: the journal
   * of an empty database is tiny.  Anyone else connected keeps it in WAL.
   * Not for events into leads: killed midway, such a workspace would
   * keep a hot journal that only a writable open rolls back, where a WAL
   * leaves it readable by anyone at once (the kill test checks both).  */
  if (options->kind == TANDEM_IMPORT_LEADS && tandem_store_count_leads (store) == 0)
    bulk_journal = tandem_store_try_bulk_mode (store, TRUE);

  if (!tandem_store_begin (store, error) || !check_workspace (&state, options->kind, r->name, error))
    goto out;

  switch (options->kind)
    {
    case TANDEM_IMPORT_MERGE:
      ok = prepare_merge (&state, plan, r->name, error);
      each = merge_lead;
      break;
    case TANDEM_IMPORT_EVENTS:
      ok = prepare_events (&state, plan, error);
      each = insert_event;
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      ok = prepare_leads (&state, plan, r->name, error);
      each = ok && tandem_csv_leads_pipe_start (&state, plan, r->name) ? tandem_csv_queue_lead : insert_lead;
      break;
    }
  if (!ok)
    goto out;
  ok = FALSE;

  if (!tandem_csv_reader_rewind (r, error) || tandem_csv_reader_next (r, error) <= 0)
    goto out;
  ok = tandem_csv_read_records (r, plan, G_MAXUINT64, each, &state, progress, progress_data, write_from, 0.95,
                                cancellable, &rows, error);
  ok = tandem_csv_leads_pipe_finish (&state, ok, error);
  if (!ok)
    goto out;
  ok = FALSE;
  result->rows = (gint64) rows;

  if (!strict && !watched_columns_agree (plan))
    {
      g_set_error_literal (error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE, "retry");
      goto out;
    }

  switch (options->kind)
    {
    case TANDEM_IMPORT_LEADS:
      if (state.key_column >= 0 && !index_keys (&state, r, plan, error))
        goto out;
      if (state.key_column < 0 &&
          !tandem_store_exec (store, "CREATE UNIQUE INDEX leads_key ON leads (key)", error))
        goto out;
      if (!write_null_counts (&state, plan, error))
        goto out;
      break;
    case TANDEM_IMPORT_MERGE:
      if (!tandem_store_refresh_null_counts (store, error))
        goto out;
      break;
    case TANDEM_IMPORT_EVENTS:
    default:
      break;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !tandem_store_record_import (store, kind_names[options->kind], base, result->imported, error))
    goto out;
  g_clear_pointer (&state.insert, sqlite3_finalize);
  g_clear_pointer (&state.lookup, sqlite3_finalize);
  /* The snapshot of the rows as they now are, committed with them */
  if (!(state.pipe != NULL ? tandem_csv_leads_pipe_write_snapshot (&state, error) : tandem_snapshot_rebuild (store, error)) ||
      !tandem_store_commit (store, error))
    goto out;
  ok = TRUE;

out:
  /* The writer stopped before its statement goes */
  tandem_csv_leads_pipe_free (&state);
  g_clear_pointer (&state.insert, sqlite3_finalize);
  g_clear_pointer (&state.lookup, sqlite3_finalize);
  if (!ok)
    tandem_store_rollback (store);
  if (bulk_journal)
    tandem_store_try_bulk_mode (store, FALSE);
  g_clear_pointer (&state.lines, g_array_unref);
  g_free (state.merged);
  g_free (state.scratch);
  if (state.last_key != NULL)
    g_string_free (state.last_key, TRUE);
  return ok;
}

gboolean
tandem_csv_check_file (const char              *path,
                       const TandemCsvOptions  *options,
                       GError                 **error)
{
  g_autoptr(CsvReader) r = NULL;
  g_autoptr(Plan) plan = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  r = tandem_csv_reader_open (path, options->delimiter, error);
  if (r == NULL)
    return FALSE;
  plan = tandem_csv_plan_from_header (r, options, error);
  return plan != NULL;
}

gboolean
tandem_store_import_csv (TandemStore             *store,
                         const char              *path,
                         const TandemCsvOptions  *options,
                         TandemProgressFunc       progress,
                         gpointer                 progress_data,
                         GCancellable            *cancellable,
                         TandemImportResult      *result,
                         GError                 **error)
{
  g_autoptr(TandemCsvOptions) own_options = NULL;
  g_autoptr(GError) local_error = NULL;
  TandemImportResult local_result = { 0, };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = own_options = tandem_csv_options_new ();
  if (result == NULL)
    result = &local_result;

  /* Fast: types from a sample, checked on every row as they are written.
   * Should a later row contradict them, start again with types inferred
   * over the whole file — the result is the same either way.            */
  ok = import_attempt (store, path, options, FALSE, progress, progress_data, cancellable, result, &local_error);
  if (!ok && g_error_matches (local_error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE))
    {
      g_clear_error (&local_error);
      ok = import_attempt (store, path, options, TRUE, progress, progress_data, cancellable, result, &local_error);
    }

  if (!ok)
    {
      g_assert (!g_error_matches (local_error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE));
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (result == &local_result)
        tandem_import_result_clear (&local_result);
      return FALSE;
    }

  result->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (progress)
    progress (1.0, progress_data);
  if (result == &local_result)
    tandem_import_result_clear (&local_result);
  return TRUE;
}
