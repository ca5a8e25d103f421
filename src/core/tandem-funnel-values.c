/* tandem-funnel-values.c — the stage names the data holds, counted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-funnel-values.h"
#include "tandem-store-private.h"

void
tandem_funnel_value_free (TandemFunnelValue *value)
{
  if (value == NULL)
    return;
  g_free (value->value);
  g_free (value);
}

/* Rows of (value, count) from @sql, whose one parameter is the limit */
static GPtrArray *
read_counted (TandemStore  *store,
              const char   *sql,
              guint         limit,
              GError      **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_funnel_value_free);
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (sqlite3_int64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TandemFunnelValue *v = g_new0 (TandemFunnelValue, 1);

      v->value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      v->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (values, v);
    }
  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not read the stage names of the data"));
      return NULL;
    }
  return g_steal_pointer (&values);
}

GPtrArray *
tandem_funnel_stage_column_values (TandemStore  *store,
                                   guint         limit,
                                   GError      **error)
{
  g_autoptr(TandemColumn) stage = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stage = tandem_store_find_column_by_role (store, "stage");
  if (stage == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_funnel_value_free);
  /* The store's own column name ("c<N>"), never one read from a file */
  sql = g_strdup_printf ("SELECT %s, count(*) FROM leads WHERE %s IS NOT NULL "
                         "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1",
                         stage->sql_name, stage->sql_name);
  return read_counted (store, sql, limit, error);
}

GPtrArray *
tandem_funnel_history_values (TandemStore  *store,
                              guint         limit,
                              GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_counted (store,
                       "SELECT stage, count(*) FROM stage_history WHERE stage IS NOT NULL "
                       "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1",
                       limit, error);
}
