/* tandem-decisions.c — the decision log: every change to the live model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept in table `decisions` (schema version 2).  The agreement document
 * prints it: when, what changed (old → new), and the note.
 */

#include "config.h"

#include "tandem-decisions.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

void
tandem_decision_free (TandemDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->at);
  g_free (decision->model);
  g_free (decision->changes);
  g_free (decision->note);
  g_free (decision);
}

gboolean
tandem_decision_insert (TandemStore       *store,
                        const TandemModel *before,
                        const TandemModel *after,
                        const char        *note,
                        GError           **error)
{
  g_autofree char *changes = tandem_model_describe_changes (before, after);
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store,
                                                        "INSERT INTO decisions (at, model, changes, note) "
                                                        "VALUES (datetime ('now'), ?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tandem_model_get_name (after), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, changes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, note ? note : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not write the decision log"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
tandem_decisions_list (TandemStore *store)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_decision_free);
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "SELECT at, model, changes, note FROM decisions ORDER BY id", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      TandemDecision *d = g_new0 (TandemDecision, 1);
      d->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      d->model = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      d->changes = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      d->note = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (list, d);
    }
  return list;
}
