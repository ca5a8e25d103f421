/* tandem-csv-options.c — what the user tells an import: delimiter, nulls, types, roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-csv-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- Options -------------------------------------------------------------- */

TandemCsvOptions *
tandem_csv_options_new (void)
{
  TandemCsvOptions *self = g_new0 (TandemCsvOptions, 1);

  self->null_tokens = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->null_tokens, NULL);
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->kind = TANDEM_IMPORT_LEADS;
  return self;
}

TandemCsvOptions *
tandem_csv_options_copy (const TandemCsvOptions *self)
{
  TandemCsvOptions *copy = tandem_csv_options_new ();
  GHashTableIter iter;
  gpointer key, value;

  copy->delimiter = self->delimiter;
  copy->kind = self->kind;
  for (guint i = 0; i + 1 < self->null_tokens->len; i++)
    tandem_csv_options_add_null_token (copy, g_ptr_array_index (self->null_tokens, i));
  g_hash_table_iter_init (&iter, self->types);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->types, g_strdup (key), value);
  g_hash_table_iter_init (&iter, self->roles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->roles, g_strdup (key), g_strdup (value));
  return copy;
}

void
tandem_csv_options_free (TandemCsvOptions *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->null_tokens);
  g_hash_table_unref (self->types);
  g_hash_table_unref (self->roles);
  g_free (self);
}

void
tandem_csv_options_set_delimiter (TandemCsvOptions *self,
                                  char              delimiter)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (delimiter == 0 || delimiter == ',' || delimiter == ';' ||
                    delimiter == '\t' || delimiter == '|');
  self->delimiter = delimiter;
}

char
tandem_csv_options_get_delimiter (const TandemCsvOptions *self)
{
  return self->delimiter;
}

void
tandem_csv_options_add_null_token (TandemCsvOptions *self,
                                   const char       *token)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (token != NULL);

  trimmed = g_strstrip (g_strdup (token));
  if (trimmed[0] == '\0')
    return;
  g_ptr_array_insert (self->null_tokens, (int) self->null_tokens->len - 1, g_steal_pointer (&trimmed));
}

const char *const *
tandem_csv_options_get_null_tokens (const TandemCsvOptions *self)
{
  return (const char *const *) self->null_tokens->pdata;
}

void
tandem_csv_options_set_type (TandemCsvOptions *self,
                             const char       *column,
                             TandemColumnType  type)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column != NULL);
  g_hash_table_insert (self->types, g_strdup (column), GINT_TO_POINTER (type + 1));
}

static gboolean
normalise_event_role (const char  *role,
                      const char **out,
                      GError     **error)
{
  static const struct { const char *alias; const char *role; } aliases[] = {
    { "id", "id" }, { "lead", "id" }, { "lead-id", "id" },
    { "type", "type" }, { "event", "type" }, { "event-type", "type" },
    { "timestamp", "timestamp" }, { "time", "timestamp" }, { "at", "timestamp" }, { "date", "timestamp" },
    { "value", "value" },
    { "ignore", "" }, { "attribute", "" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (role, aliases[i].alias) == 0)
      {
        *out = aliases[i].role;
        return TRUE;
      }

  g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
               _("Unknown role “%s” for an events file; use id, type, timestamp, value or ignore"), role);
  return FALSE;
}

gboolean
tandem_csv_options_set_role (TandemCsvOptions  *self,
                             const char        *column,
                             const char        *role,
                             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *stored = role ? role : "";

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (self->kind == TANDEM_IMPORT_EVENTS)
    {
      if (!normalise_event_role (stored, &stored, error))
        return FALSE;
    }
  else
    {
      TandemRoleKind kind;
      if (!tandem_role_parse (role, &kind, NULL, &local_error))
        {
          g_set_error_literal (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION, local_error->message);
          return FALSE;
        }
      if (kind == TANDEM_ROLE_ATTRIBUTE)
        stored = "";
    }

  g_hash_table_insert (self->roles, g_strdup (column), g_strdup (stored));
  return TRUE;
}

static gboolean
split_assignment (const char  *arg,
                  const char  *what,
                  char       **out_column,
                  char       **out_value,
                  GError     **error)
{
  const char *eq = strrchr (arg, '=');

  if (eq == NULL || eq == arg || eq[1] == '\0')
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                   _("“%s” is not of the form COLUMN=%s"), arg, what);
      return FALSE;
    }
  *out_column = g_strndup (arg, eq - arg);
  *out_value = g_strdup (eq + 1);
  return TRUE;
}

gboolean
tandem_csv_options_parse_map (TandemCsvOptions  *self,
                              const char        *column_eq_role,
                              GError           **error)
{
  g_autofree char *column = NULL;
  g_autofree char *role = NULL;

  if (!split_assignment (column_eq_role, "ROLE", &column, &role, error))
    return FALSE;
  return tandem_csv_options_set_role (self, column, role, error);
}

gboolean
tandem_csv_options_parse_type (TandemCsvOptions  *self,
                               const char        *column_eq_type,
                               GError           **error)
{
  g_autofree char *column = NULL;
  g_autofree char *type_name = NULL;
  TandemColumnType type;

  if (!split_assignment (column_eq_type, "TYPE", &column, &type_name, error))
    return FALSE;
  if (!tandem_column_type_from_string (type_name, &type))
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                   _("Unknown type “%s” for column “%s”; use text, number, date or boolean"),
                   type_name, column);
      return FALSE;
    }
  tandem_csv_options_set_type (self, column, type);
  return TRUE;
}

void
tandem_csv_options_set_kind (TandemCsvOptions *self,
                             TandemImportKind  kind)
{
  g_return_if_fail (self != NULL);
  self->kind = kind;
}

TandemImportKind
tandem_csv_options_get_kind (const TandemCsvOptions *self)
{
  return self->kind;
}
