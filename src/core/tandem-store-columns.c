/* tandem-store-columns.c — the lead columns: types, roles, the table of columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-store-internal.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- Column types and roles ------------------------------------------- */

static const char *const column_type_names[] = { "text", "number", "date", "boolean" };

const char *
tandem_column_type_to_string (TandemColumnType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (column_type_names), "text");
  return column_type_names[type];
}

gboolean
tandem_column_type_from_string (const char       *str,
                                TandemColumnType *out_type)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (column_type_names); i++)
    if (g_ascii_strcasecmp (str, column_type_names[i]) == 0)
      {
        *out_type = (TandemColumnType) i;
        return TRUE;
      }

  /* Friendly aliases */
  if (g_ascii_strcasecmp (str, "bool") == 0 || g_ascii_strcasecmp (str, "yes/no") == 0)
    *out_type = TANDEM_COLUMN_BOOLEAN;
  else if (g_ascii_strcasecmp (str, "datetime") == 0 || g_ascii_strcasecmp (str, "date-time") == 0)
    *out_type = TANDEM_COLUMN_DATE;
  else if (g_ascii_strcasecmp (str, "string") == 0)
    *out_type = TANDEM_COLUMN_TEXT;
  else
    return FALSE;

  return TRUE;
}

const char *
tandem_column_type_get_label (TandemColumnType type)
{
  switch (type)
    {
    case TANDEM_COLUMN_TEXT:    return _("Text");
    case TANDEM_COLUMN_NUMBER:  return _("Number");
    case TANDEM_COLUMN_DATE:    return _("Date");
    case TANDEM_COLUMN_BOOLEAN: return _("Yes/No");
    default:                    g_return_val_if_reached (_("Text"));
    }
}

static const struct {
  const char     *name;
  TandemRoleKind  kind;
} role_names[] = {
  { "attribute",   TANDEM_ROLE_ATTRIBUTE },
  { "id",          TANDEM_ROLE_ID },
  { "created",     TANDEM_ROLE_CREATED },
  { "stage",       TANDEM_ROLE_STAGE },
  { "outcome",     TANDEM_ROLE_OUTCOME },
  { "amount",      TANDEM_ROLE_AMOUNT },
  { "source",      TANDEM_ROLE_SOURCE },
  { "owner",       TANDEM_ROLE_OWNER },
  { "first-touch", TANDEM_ROLE_FIRST_TOUCH },
};

gboolean
tandem_role_parse (const char      *role,
                   TandemRoleKind  *out_kind,
                   char           **out_stage,
                   GError         **error)
{
  TandemRoleKind kind = TANDEM_ROLE_ATTRIBUTE;
  g_autofree char *stage = NULL;

  if (role == NULL || role[0] == '\0')
    goto done;

  if (g_ascii_strncasecmp (role, "stage-date:", strlen ("stage-date:")) == 0)
    {
      stage = g_strstrip (g_strdup (role + strlen ("stage-date:")));
      if (stage[0] == '\0')
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _("The role “%s” needs a stage name, as in “stage-date:MQL”"), role);
          return FALSE;
        }
      kind = TANDEM_ROLE_STAGE_DATE;
      goto done;
    }

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (role, role_names[i].name) == 0)
      {
        kind = role_names[i].kind;
        goto done;
      }

  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
               _("Unknown role “%s”; use id, created, stage, stage-date:STAGE, outcome, "
                 "amount, source, owner, first-touch or attribute"), role);
  return FALSE;

done:
  if (out_kind)
    *out_kind = kind;
  if (out_stage)
    *out_stage = g_steal_pointer (&stage);
  return TRUE;
}

int
tandem_role_required_type (TandemRoleKind kind)
{
  switch (kind)
    {
    case TANDEM_ROLE_ID:
    case TANDEM_ROLE_STAGE:
    case TANDEM_ROLE_SOURCE:
    case TANDEM_ROLE_OWNER:
      return TANDEM_COLUMN_TEXT;
    case TANDEM_ROLE_CREATED:
    case TANDEM_ROLE_STAGE_DATE:
    case TANDEM_ROLE_FIRST_TOUCH:
      return TANDEM_COLUMN_DATE;
    case TANDEM_ROLE_OUTCOME:
      return TANDEM_COLUMN_BOOLEAN;
    case TANDEM_ROLE_AMOUNT:
      return TANDEM_COLUMN_NUMBER;
    case TANDEM_ROLE_ATTRIBUTE:
    default:
      return -1;
    }
}

char *
tandem_role_dup_label (const char *role)
{
  TandemRoleKind kind;
  g_autofree char *stage = NULL;

  if (!tandem_role_parse (role, &kind, &stage, NULL))
    return g_strdup (role);

  switch (kind)
    {
    case TANDEM_ROLE_ID:          return g_strdup (_("Lead ID"));
    case TANDEM_ROLE_CREATED:     return g_strdup (_("Created"));
    case TANDEM_ROLE_STAGE:       return g_strdup (_("Current stage"));
    /* Translators: %s is a funnel stage such as “MQL” */
    case TANDEM_ROLE_STAGE_DATE:  return g_strdup_printf (_("Entered %s"), stage);
    case TANDEM_ROLE_OUTCOME:     return g_strdup (_("Outcome"));
    case TANDEM_ROLE_AMOUNT:      return g_strdup (_("Deal amount"));
    case TANDEM_ROLE_SOURCE:      return g_strdup (_("Lead source"));
    case TANDEM_ROLE_OWNER:       return g_strdup (_("Owner"));
    case TANDEM_ROLE_FIRST_TOUCH: return g_strdup (_("First sales touch"));
    case TANDEM_ROLE_ATTRIBUTE:
    default:                      return g_strdup (_("Attribute"));
    }
}

TandemColumn *
tandem_column_copy (const TandemColumn *column)
{
  TandemColumn *copy = g_new0 (TandemColumn, 1);

  *copy = *column;
  copy->name = g_strdup (column->name);
  copy->sql_name = g_strdup (column->sql_name);
  copy->role = g_strdup (column->role);
  return copy;
}

void
tandem_column_free (TandemColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->sql_name);
  g_free (column->role);
  g_free (column);
}

/* The identifier of a column in table leads, Tandem's own form: "key" for
 * the lead id, "c<position>" otherwise.  Always derived, never read from
 * the file: it is spliced into SQL.                                      */
char *
tandem_store_column_sql_name (int         position,
                              const char *role)
{
  TandemRoleKind kind = TANDEM_ROLE_ATTRIBUTE;

  if (role != NULL && !tandem_role_parse (role, &kind, NULL, NULL))
    kind = TANDEM_ROLE_ATTRIBUTE;
  return kind == TANDEM_ROLE_ID ? g_strdup ("key") : g_strdup_printf ("c%d", position);
}

static TandemColumn *
column_from_row (sqlite3_stmt *stmt)
{
  TandemColumn *column = g_new0 (TandemColumn, 1);

  column->position = sqlite3_column_int (stmt, 0);
  column->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (!tandem_column_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &column->type))
    column->type = TANDEM_COLUMN_TEXT;
  column->role = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  column->nulls = sqlite3_column_int64 (stmt, 4);
  /* Not the stored sql_name: opening checked that it is this one. */
  column->sql_name = tandem_store_column_sql_name (column->position, column->role);
  return column;
}

#define COLUMN_FIELDS "position, name, type, role, nulls"

GPtrArray *
tandem_store_list_columns (TandemStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_column_free);

  g_return_val_if_fail (TANDEM_IS_STORE (self), columns);

  stmt = tandem_store_prepare (self, "SELECT " COLUMN_FIELDS " FROM columns ORDER BY position", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (columns, column_from_row (stmt));
  return columns;
}

static TandemColumn *
find_column_where (TandemStore *self,
                   const char  *sql,
                   const char  *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  stmt = tandem_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_from_row (stmt);
}

TandemColumn *
tandem_store_find_column (TandemStore *self,
                          const char  *name)
{
  return find_column_where (self, "SELECT " COLUMN_FIELDS " FROM columns WHERE name = ?1", name);
}

TandemColumn *
tandem_store_find_column_by_role (TandemStore *self,
                                  const char  *role)
{
  return find_column_where (self, "SELECT " COLUMN_FIELDS " FROM columns WHERE role = ?1", role);
}

/* ---- Writing columns -------------------------------------------------- */

static const char *
sql_type (TandemColumnType type)
{
  switch (type)
    {
    case TANDEM_COLUMN_NUMBER:  return "REAL";
    case TANDEM_COLUMN_BOOLEAN: return "INTEGER";
    case TANDEM_COLUMN_DATE:
    case TANDEM_COLUMN_TEXT:
    default:                    return "TEXT";
    }
}

TandemColumn *
tandem_store_add_column (TandemStore       *self,
                         const char        *name,
                         TandemColumnType   type,
                         const char        *role,
                         GError           **error)
{
  g_autoptr(TandemColumn) column = g_new0 (TandemColumn, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *alter = NULL;
  TandemRoleKind kind;
  gint64 position = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!tandem_role_parse (role, &kind, NULL, error))
    return NULL;
  if (kind == TANDEM_ROLE_ATTRIBUTE)
    role = NULL;

  tandem_store_query_int (self->db, "SELECT coalesce(max(position) + 1, 0) FROM columns", &position);

  column->position = (int) position;
  column->name = g_strdup (name);
  column->type = type;
  column->role = g_strdup (role);
  column->sql_name = tandem_store_column_sql_name (column->position, role);

  stmt = tandem_store_prepare (self,
                               "INSERT INTO columns (position, name, sql_name, type, role, nulls) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, 0)",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, column->position);
  sqlite3_bind_text (stmt, 2, column->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, column->sql_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tandem_column_type_to_string (type), -1, SQLITE_STATIC);
  if (column->role)
    sqlite3_bind_text (stmt, 5, column->role, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                     _("The workspace already has a column “%s” or a column with the role “%s”"),
                     name, role ? role : "attribute");
      else
        tandem_store_set_error (self, error, _("Could not add a column"));
      return NULL;
    }

  /* The id lives in leads.key, which always exists. */
  if (kind != TANDEM_ROLE_ID)
    {
      /* Internal identifier and type keyword only: nothing from the user. */
      alter = g_strdup_printf ("ALTER TABLE leads ADD COLUMN %s %s", column->sql_name, sql_type (type));
      if (!tandem_store_exec (self, alter, error))
        return NULL;
    }

  return g_steal_pointer (&column);
}

gboolean
tandem_store_refresh_null_counts (TandemStore  *self,
                                  GError      **error)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (self);
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  gint64 total;

  if (columns->len == 0)
    return TRUE;

  for (guint i = 0; i < columns->len; i++)
    {
      TandemColumn *column = g_ptr_array_index (columns, i);
      g_string_append_printf (sql, ", count(%s)", column->sql_name);
    }
  g_string_append (sql, " FROM leads");

  stmt = tandem_store_prepare (self, sql->str, error);
  update = tandem_store_prepare (self, "UPDATE columns SET nulls = ?2 WHERE position = ?1", error);
  if (stmt == NULL || update == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tandem_store_set_error (self, error, _("Could not count empty cells"));
      return FALSE;
    }

  total = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < columns->len; i++)
    {
      TandemColumn *column = g_ptr_array_index (columns, i);

      sqlite3_reset (update);
      sqlite3_bind_int (update, 1, column->position);
      sqlite3_bind_int64 (update, 2, total - sqlite3_column_int64 (stmt, (int) i + 1));
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          tandem_store_set_error (self, error, _("Could not count empty cells"));
          return FALSE;
        }
    }
  return TRUE;
}
