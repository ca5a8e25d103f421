/* tandem-store-tables.c — the workspace's small tables: settings, the import log, model names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-store-internal.h"

#include "tandem-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

char *
tandem_store_dup_setting (TandemStore *self,
                          const char  *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = tandem_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
tandem_store_set_setting (TandemStore  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = tandem_store_prepare (self,
                               "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (self, error, _("Could not save a workspace setting"));
      return FALSE;
    }
  return TRUE;
}

gboolean
tandem_store_check_currency (const char  *name,
                             const char  *type,
                             const char  *value,
                             GError     **error)
{
  g_autofree char *shown = NULL;

  if (type == NULL || g_str_equal (type, "null") ||
      (g_str_equal (type, "text") && tandem_currency_is_known (value)))
    return TRUE;
  if (!g_str_equal (type, "text") || value == NULL)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: in its table “settings”, “currency” holds no text, "
                     "where Tandem keeps an ISO 4217 currency code such as EUR or USD"), name);
      return FALSE;
    }
  /* What the file holds, shown safely: at most 16 bytes, escaped */
  {
    g_autofree char *head = g_strndup (value, 16);
    shown = g_strescape (head, NULL);
  }
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
               _("“%s” is damaged: in its table “settings”, “currency” is “%s%s”, which is not one of "
                 "the ISO 4217 currency codes Tandem knows (such as EUR or USD)"),
               name, shown, strlen (value) > 16 ? "…" : "");
  return FALSE;
}

char *
tandem_store_dup_currency (TandemStore  *self,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  const char *type, *value;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = tandem_store_prepare (self, "SELECT typeof (value), value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, TANDEM_STORE_CURRENCY_KEY, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return g_strdup (tandem_currency_get_locale_default ());
  if (rc != SQLITE_ROW)
    {
      tandem_store_set_error (self, error, _("Could not read the workspace's currency"));
      return NULL;
    }
  type = (const char *) sqlite3_column_text (stmt, 0);
  value = (const char *) sqlite3_column_text (stmt, 1);
  name = tandem_store_dup_title (self);
  if (!tandem_store_check_currency (name, type, value, error))
    return NULL;
  return g_strdup (value != NULL ? value : tandem_currency_get_locale_default ());
}

gboolean
tandem_store_set_currency (TandemStore  *self,
                           const char   *code,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tandem_currency_is_known (code))
    {
      g_autofree char *shown = g_strescape (code != NULL ? code : "", NULL);
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _("“%s” is not an ISO 4217 currency code Tandem knows (three capital letters, "
                     "such as EUR or USD)"), shown);
      return FALSE;
    }
  if (!tandem_store_begin (self, error))
    return FALSE;
  if (!tandem_store_set_setting (self, TANDEM_STORE_CURRENCY_KEY, code, error))
    goto fail;
  /* Saved scenarios say which currency their amounts are in */
  stmt = tandem_store_prepare (self,
                               "UPDATE scenarios SET body = json_set (body, '$.currency', ?1) "
                               "WHERE json_valid (body) AND json_type (body) = 'object'",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (self, error, _("Could not relabel the saved scenarios"));
      goto fail;
    }
  return tandem_store_commit (self, error);

fail:
  tandem_store_rollback (self);
  return FALSE;
}

gboolean
tandem_store_record_import (TandemStore  *self,
                            const char   *kind,
                            const char   *file,
                            gint64        rows,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");

  stmt = tandem_store_prepare (self, "INSERT INTO imports (at, kind, file, rows) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, file, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, rows);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (self, error, _("Could not record the import"));
      return FALSE;
    }
  return TRUE;
}

/* ---- Models ---------------------------------------------------------------- */

/* How many of the models @name and @other are stored. */
static gboolean
count_models (TandemStore  *self,
              const char   *name,
              const char   *other,
              gint64       *out_count,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (self, "SELECT count(*) FROM models WHERE name IN (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, other, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tandem_store_set_error (self, error, _("Could not read the models"));
      return FALSE;
    }
  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
tandem_store_rename_model (TandemStore  *self,
                           const char   *name,
                           const char   *new_name,
                           GError      **error)
{
  g_autofree char *draft = NULL;
  g_autofree char *new_draft = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 found = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (new_name));
  if (stripped[0] == '\0' || g_str_has_suffix (stripped, TANDEM_STORE_DRAFT_SUFFIX))
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                           _("A model needs a name that does not end in “(draft)”"));
      return FALSE;
    }
  draft = g_strconcat (name, TANDEM_STORE_DRAFT_SUFFIX, NULL);
  new_draft = g_strconcat (new_name, TANDEM_STORE_DRAFT_SUFFIX, NULL);

  if (!tandem_store_begin (self, error))
    return FALSE;
  if (!count_models (self, name, draft, &found, error))
    goto fail;
  if (found == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _("There is no model named “%s”"), name);
      goto fail;
    }
  if (!g_str_equal (name, new_name))
    {
      if (!count_models (self, new_name, new_draft, &found, error))
        goto fail;
      if (found > 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS,
                       _("There is already a model named “%s”"), new_name);
          goto fail;
        }
      stmt = tandem_store_prepare (self, "UPDATE models SET name = ?2, body = json_set (body, '$.name', ?2) "
                                         "WHERE name = ?1", error);
      if (stmt == NULL)
        goto fail;
      for (int k = 0; k < 2; k++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, k == 0 ? name : draft, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, k == 0 ? new_name : new_draft, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              tandem_store_set_error (self, error, _("Could not rename the model"));
              goto fail;
            }
        }
    }
  if (!tandem_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  tandem_store_rollback (self);
  return FALSE;
}
