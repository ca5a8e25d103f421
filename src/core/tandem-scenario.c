/* tandem-scenario.c — named Targets scenarios kept in a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario is a plan input in its JSON form, in table `scenarios`
 * (schema version 1).  A scenario that does not read back is refused with
 * the reader's message, never half-used.
 */

#include "config.h"

#include "tandem-scenario.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
tandem_scenario_save (TandemStore            *store,
                      const char             *name,
                      const TandemPlanInput  *input,
                      GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *body = NULL;
  g_autofree char *trimmed = NULL;
  g_autoptr(TandemPlanInput) read_back = NULL;
  g_autoptr(TandemPlanInput) stamped = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  trimmed = g_strstrip (g_strdup (name ? name : ""));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, _("A scenario needs a name"));
      return FALSE;
    }
  if (!tandem_plan_input_validate (input, error))
    return FALSE;
  /* Its amounts are in the workspace's currency, and the body says so */
  currency = tandem_store_dup_currency (store, error);
  if (currency == NULL)
    return FALSE;
  if (input->currency[0] != '\0' && !g_str_equal (input->currency, currency))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID,
                   _("The scenario “%s” is in %s and the workspace in %s: Tandem does not convert amounts; "
                     "change the workspace's currency first, or enter the amounts in %s"),
                   trimmed, input->currency, currency, currency);
      return FALSE;
    }
  stamped = tandem_plan_input_copy (input);
  g_strlcpy (stamped->currency, currency, sizeof stamped->currency);
  body = tandem_plan_input_to_json (stamped);
  /* Only what reads back is written (validating skips what the mode does not use) */
  read_back = tandem_plan_input_new_from_json (body, -1, &local_error);
  if (read_back == NULL)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID, _("The scenario “%s” cannot be saved: %s"),
                   trimmed, local_error->message);
      return FALSE;
    }
  stmt = tandem_store_prepare (store,
                               "INSERT INTO scenarios (name, body, created_at, modified_at) "
                               "VALUES (?1, ?2, datetime ('now'), datetime ('now')) "
                               "ON CONFLICT (name) DO UPDATE SET body = excluded.body, modified_at = excluded.modified_at",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not save the scenario"));
      return FALSE;
    }
  return TRUE;
}

TandemPlanInput *
tandem_scenario_load (TandemStore  *store,
                      const char   *name,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TandemPlanInput) input = NULL;
  g_autofree char *currency = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = tandem_store_prepare (store, "SELECT body FROM scenarios WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, _("The workspace has no scenario named “%s”"), name);
      return NULL;
    }
  input = tandem_plan_input_new_from_json ((const char *) sqlite3_column_text (stmt, 0), -1, &local_error);
  if (input == NULL)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT, _("The scenario “%s” in the workspace is damaged: %s"),
                   name, local_error->message);
      return NULL;
    }
  /* Setting the workspace's currency relabels every scenario: one in
   * another currency was written by something else, and its amounts
   * would be read as the wrong money */
  currency = tandem_store_dup_currency (store, error);
  if (currency == NULL)
    return NULL;
  if (input->currency[0] != '\0' && !g_str_equal (input->currency, currency))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _("The scenario “%s” is in %s but the workspace is in %s: Tandem does not convert amounts, "
                     "so it is not used (set the workspace's currency to %s to use it)"),
                   name, input->currency, currency, input->currency);
      return NULL;
    }
  g_strlcpy (input->currency, currency, sizeof input->currency);
  return g_steal_pointer (&input);
}

gboolean
tandem_scenario_delete (TandemStore  *store,
                        const char   *name,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "DELETE FROM scenarios WHERE name = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not delete the scenario"));
      return FALSE;
    }
  return TRUE;
}

GStrv
tandem_scenario_list (TandemStore *store)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "SELECT name FROM scenarios ORDER BY name", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  return g_strv_builder_end (names);
}

/* "Plan (copy 2)" → "Plan": the name a copy was made from, so a copy of a
 * copy is numbered rather than "Plan (copy) (copy)".  Follows the
 * translated formats when they start with the name.                    */
static char *
copy_root (const char *name)
{
  const char *one = _("%s (copy)"), *many = _("%s (copy %u)"), *number;
  gsize len = strlen (name);

  if (g_str_has_prefix (one, "%s") && g_str_has_suffix (name, one + 2) && len > strlen (one + 2))
    return g_strndup (name, len - strlen (one + 2));
  if (g_str_has_prefix (many, "%s") && (number = strstr (many, "%u")) != NULL)
    {
      g_autofree char *before = g_strndup (many + 2, (gsize) (number - many - 2));
      const char *after = number + 2;
      gsize end;

      if (!g_str_has_suffix (name, after))
        return g_strdup (name);
      end = len - strlen (after);
      while (end > 0 && g_ascii_isdigit (name[end - 1]))
        end--;
      if (end < len - strlen (after) && end >= strlen (before) && end > strlen (before) &&
          strncmp (name + end - strlen (before), before, strlen (before)) == 0)
        return g_strndup (name, end - strlen (before));
    }
  return g_strdup (name);
}

char *
tandem_scenario_copy_name (const char        *name,
                           const char *const *taken)
{
  g_autofree char *base = copy_root (name);

  for (guint n = 1;; n++)
    {
      /* Translators: the name of a duplicated scenario, then of a second copy */
      g_autofree char *candidate = n == 1 ? g_strdup_printf (_("%s (copy)"), base)
                                          : g_strdup_printf (_("%s (copy %u)"), base, n);
      if (taken == NULL || !g_strv_contains (taken, candidate))
        return g_steal_pointer (&candidate);
    }
}
