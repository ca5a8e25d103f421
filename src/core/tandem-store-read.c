/* tandem-store-read.c — reading every lead, in order, for the scorer and the waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scan of table leads by rowid, for the columns a caller names; the
 * caller sees each lead through a TandemLeadRecord and never the SQL.
 */

#include "config.h"

#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>

struct _TandemLeadRecord
{
  sqlite3_stmt           *stmt;
  const TandemColumnType *types;   /* of the columns asked for */
  guint                   n_columns;
};

/* The result column of the cell @column: after id and key. */
#define CELL(column) ((int) (column) + 2)

gboolean
tandem_store_read_leads (TandemStore                *self,
                         const TandemColumn *const  *columns,
                         guint                       n_columns,
                         TandemLeadRecordFunc        func,
                         gpointer                    user_data,
                         GCancellable               *cancellable,
                         GError                    **error)
{
  g_autoptr(GPtrArray) known = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT id, key");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree TandemColumnType *types = g_new0 (TandemColumnType, MAX (n_columns, 1));
  TandemLeadRecord record;
  guint n_read = 0;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (columns != NULL || n_columns == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  known = tandem_store_list_columns (self);
  for (guint i = 0; i < n_columns; i++)
    {
      const TandemColumn *wanted = columns[i];
      const TandemColumn *column = NULL;

      if (wanted == NULL)
        {
          g_string_append (sql, ", NULL");
          types[i] = TANDEM_COLUMN_TEXT;
          continue;
        }
      for (guint k = 0; k < known->len && column == NULL; k++)
        {
          const TandemColumn *c = g_ptr_array_index (known, k);

          if (c->position == wanted->position && g_strcmp0 (c->name, wanted->name) == 0)
            column = c;
        }
      if (column == NULL)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _("The workspace has no column “%s” to read"), wanted->name ? wanted->name : "");
          return FALSE;
        }
      /* The store's own identifier, derived from the position and role:
       * the only text spliced into the SQL. */
      g_string_append_printf (sql, ", %s", column->sql_name);
      types[i] = column->type;
    }
  g_string_append (sql, " FROM leads ORDER BY id");

  stmt = tandem_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  record = (TandemLeadRecord) { stmt, types, n_columns };
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if ((++n_read & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!func (&record, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (self, error, _("Could not read the leads"));
      return FALSE;
    }
  return TRUE;
}

gint64
tandem_lead_record_get_id (const TandemLeadRecord *record)
{
  return sqlite3_column_int64 (record->stmt, 0);
}

const char *
tandem_lead_record_get_key (const TandemLeadRecord *record,
                            gsize                  *length)
{
  const char *key = (const char *) sqlite3_column_text (record->stmt, 1);

  *length = key != NULL ? (gsize) sqlite3_column_bytes (record->stmt, 1) : 0;
  return key != NULL ? key : "";
}

gboolean
tandem_lead_record_is_null (const TandemLeadRecord *record,
                            guint                   column)
{
  g_return_val_if_fail (column < record->n_columns, TRUE);
  return sqlite3_column_type (record->stmt, CELL (column)) == SQLITE_NULL;
}

const char *
tandem_lead_record_get_text (const TandemLeadRecord *record,
                             guint                   column)
{
  g_return_val_if_fail (column < record->n_columns, NULL);
  return (const char *) sqlite3_column_text (record->stmt, CELL (column));
}

double
tandem_lead_record_get_number (const TandemLeadRecord *record,
                               guint                   column)
{
  g_return_val_if_fail (column < record->n_columns, 0);
  return sqlite3_column_double (record->stmt, CELL (column));
}

gboolean
tandem_lead_record_get_boolean (const TandemLeadRecord *record,
                                guint                   column)
{
  g_return_val_if_fail (column < record->n_columns, FALSE);
  return sqlite3_column_int (record->stmt, CELL (column)) != 0;
}

char *
tandem_lead_record_dup_display (const TandemLeadRecord *record,
                                guint                   column)
{
  g_return_val_if_fail (column < record->n_columns, NULL);
  return tandem_store_format_value (record->stmt, CELL (column), record->types[column]);
}
