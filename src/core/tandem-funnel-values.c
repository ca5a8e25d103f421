/* tandem-funnel-values.c — the stage names the data holds, counted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store counts; this names what the Funnel asks for.
 */

#include "config.h"

#include "tandem-funnel-values.h"

GPtrArray *
tandem_funnel_stage_column_values (TandemStore  *store,
                                   guint         limit,
                                   GError      **error)
{
  g_autoptr(TandemColumn) column = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  column = tandem_store_find_column_by_role (store, "stage");
  if (column == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_value_count_free);
  return tandem_store_column_values (store, column->name, limit, error);
}
