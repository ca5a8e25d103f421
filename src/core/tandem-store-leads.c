/* tandem-store-leads.c — lead queries: counts, lookups, rows for list views
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

  stmt = tandem_store_prepare (self, "SELECT DISTINCT type FROM events ORDER BY type", NULL);
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

