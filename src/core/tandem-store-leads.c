/* tandem-store-leads.c — lead queries: counts, lookups, rows for list views, what a column holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-store-internal.h"

#include <glib/gi18n-lib.h>

/* ---- Queries ------------------------------------------------------------ */

static gint64
count (TandemStore *self,
       const char  *sql)
{
  gint64 n = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), 0);

  if (!tandem_store_query_int (self->db, sql, &n))
    return 0;
  return n;
}

gint64
tandem_store_count_leads (TandemStore *self)
{
  return count (self, "SELECT count(*) FROM leads");
}

gint64
tandem_store_count_events (TandemStore *self)
{
  return count (self, "SELECT count(*) FROM events");
}

gint64
tandem_store_count_stage_history (TandemStore *self)
{
  return count (self, "SELECT count(*) FROM stage_history");
}

GPtrArray *
tandem_store_list_event_types (TandemStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *types = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (TANDEM_IS_STORE (self), types);

  /* One seek of the index on type for each type, not a scan of every
   * event: a workspace has a handful of types and may have 20 million
   * events.  Ascending, as SELECT DISTINCT … ORDER BY type would give. */
  stmt = tandem_store_prepare (self,
                               "WITH RECURSIVE t (type) AS ("
                               "  SELECT min (type) FROM events"
                               "  UNION ALL"
                               "  SELECT (SELECT min (type) FROM events WHERE type > t.type) FROM t WHERE t.type IS NOT NULL"
                               ") SELECT type FROM t WHERE type IS NOT NULL",
                               NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (types, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return types;
}

gint64
tandem_store_lookup_lead (TandemStore *self,
                          const char  *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  stmt = tandem_store_prepare (self, "SELECT id FROM leads WHERE key = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* ---- Lead rows for list views ------------------------------------------- */

static int
progress_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

GArray *
tandem_store_query_lead_ids (TandemStore   *self,
                             const char    *search,
                             int            sort_position,
                             gboolean       descending,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM leads");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean searching = search != NULL && search[0] != '\0';
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  columns = tandem_store_list_columns (self);

  /* Only internal column names ("key", "c<N>") are spliced into the SQL;
   * the search text is always bound.                                     */
  if (searching)
    {
      g_string_append (sql, " WHERE key LIKE ?1 ESCAPE '\\'");
      for (guint i = 0; i < columns->len; i++)
        {
          TandemColumn *column = g_ptr_array_index (columns, i);
          if (g_strcmp0 (column->sql_name, "key") != 0)
            g_string_append_printf (sql, " OR %s LIKE ?1 ESCAPE '\\'", column->sql_name);
        }
    }

  if (sort_position >= 0 && (guint) sort_position < columns->len)
    {
      TandemColumn *column = g_ptr_array_index (columns, sort_position);
      const char *collate = column->type == TANDEM_COLUMN_TEXT ? " COLLATE NOCASE" : "";
      const char *dir = descending ? "DESC" : "ASC";

      /* Nulls last in both directions; ties in import order. */
      g_string_append_printf (sql, " ORDER BY (%s IS NULL), %s%s %s, id",
                              column->sql_name, column->sql_name, collate, dir);
    }
  else
    g_string_append (sql, descending ? " ORDER BY id DESC" : " ORDER BY id");

  stmt = tandem_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  if (searching)
    {
      g_autoptr(GString) pattern = g_string_new ("%");
      for (const char *p = search; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
      sqlite3_bind_text (stmt, 1, pattern->str, -1, SQLITE_TRANSIENT);
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 10000, progress_cancelled, cancellable);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);

  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (self, error, _("Could not list the leads"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

char *
tandem_store_format_value (sqlite3_stmt     *stmt,
                           int               index,
                           TandemColumnType  type)
{
  switch (sqlite3_column_type (stmt, index))
    {
    case SQLITE_NULL:
      return NULL;

    case SQLITE_INTEGER:
      if (type == TANDEM_COLUMN_BOOLEAN)
        return g_strdup (sqlite3_column_int64 (stmt, index) ? "yes" : "no");
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, index));

    case SQLITE_FLOAT:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", sqlite3_column_double (stmt, index)));
      }

    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, index));
    }
}

GPtrArray *
tandem_store_fetch_leads (TandemStore   *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  columns = tandem_store_list_columns (self);
  if (columns->len == 0)
    return g_steal_pointer (&cells);

  for (guint i = 0; i < columns->len; i++)
    {
      TandemColumn *column = g_ptr_array_index (columns, i);
      g_string_append_printf (sql, "%s%s", i ? ", " : "", column->sql_name);
    }
  g_string_append (sql, " FROM leads WHERE id = ?1");

  stmt = tandem_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint r = 0; r < n_ids; r++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[r]);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          tandem_store_set_error (self, error, _("Could not read the leads"));
          return NULL;
        }
      for (guint i = 0; i < columns->len; i++)
        {
          TandemColumn *column = g_ptr_array_index (columns, i);
          g_ptr_array_add (cells, rc == SQLITE_ROW ? tandem_store_format_value (stmt, (int) i, column->type) : NULL);
        }
    }

  return g_steal_pointer (&cells);
}

/* ---- What a column holds, for editors ----------------------------------- */

void
tandem_value_count_free (TandemValueCount *value)
{
  if (value == NULL)
    return;
  g_free (value->value);
  g_free (value);
}

void
tandem_column_summary_free (TandemColumnSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->min);
  g_free (summary->max);
  g_free (summary->median);
  g_free (summary);
}

static TandemColumn *
find_column_or_error (TandemStore  *self,
                      const char   *name,
                      GError      **error)
{
  TandemColumn *column = tandem_store_find_column (self, name);

  if (column == NULL)
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                 _("The workspace has no column “%s”"), name);
  return column;
}

/* Runs @sql, whose rows are (value, count) and whose ?1 is the limit. */
static GPtrArray *
read_value_counts (TandemStore       *self,
                   const char        *sql,
                   TandemColumnType   type,
                   guint              limit,
                   GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_value_count_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TandemValueCount *value = g_new0 (TandemValueCount, 1);

      value->value = tandem_store_format_value (stmt, 0, type);
      value->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (values, value);
    }
  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (self, error, _("Could not count the values of a column"));
      return NULL;
    }
  return g_steal_pointer (&values);
}

GPtrArray *
tandem_store_column_values (TandemStore  *self,
                            const char   *name,
                            guint         limit,
                            GError      **error)
{
  g_autoptr(TandemColumn) column = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  column = find_column_or_error (self, name, error);
  if (column == NULL)
    return NULL;
  /* Internal column name only ("key", "c<N>") */
  sql = g_strdup_printf ("SELECT %s, count(*) FROM leads WHERE %s IS NOT NULL "
                         "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1",
                         column->sql_name, column->sql_name);
  return read_value_counts (self, sql, column->type, limit, error);
}

GPtrArray *
tandem_store_history_stage_values (TandemStore  *self,
                                   guint         limit,
                                   GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  return read_value_counts (self,
                            "SELECT stage, count(*) FROM stage_history WHERE stage IS NOT NULL "
                            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1",
                            TANDEM_COLUMN_TEXT, limit, error);
}

TandemColumnSummary *
tandem_store_column_summary (TandemStore  *self,
                             const char   *name,
                             GError      **error)
{
  g_autoptr(TandemColumn) column = NULL;
  g_autoptr(TandemColumnSummary) summary = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *c;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  column = find_column_or_error (self, name, error);
  if (column == NULL)
    return NULL;
  c = column->sql_name;   /* internal names only: "key", "c<N>" */
  summary = g_new0 (TandemColumnSummary, 1);

  sql = g_strdup_printf ("SELECT count(%s), min(%s), max(%s) FROM leads", c, c, c);
  stmt = tandem_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tandem_store_set_error (self, error, _("Could not summarise a column"));
      return NULL;
    }
  summary->count = sqlite3_column_int64 (stmt, 0);
  if (summary->count == 0)
    return g_steal_pointer (&summary);
  summary->min = tandem_store_format_value (stmt, 1, column->type);
  summary->max = tandem_store_format_value (stmt, 2, column->type);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_free (sql);

  sql = g_strdup_printf ("SELECT %s FROM leads WHERE %s IS NOT NULL ORDER BY %s LIMIT 1 OFFSET ?1", c, c, c);
  stmt = tandem_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, summary->count / 2);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tandem_store_set_error (self, error, _("Could not summarise a column"));
      return NULL;
    }
  summary->median = tandem_store_format_value (stmt, 0, column->type);
  return g_steal_pointer (&summary);
}
