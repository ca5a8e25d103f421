/* tandem-store.c — the workspace: one SQLite file per workspace (*.tandem)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace is opened in two steps.  First the file is inspected without
 * SQLite writing anything: its header must say SQLite, Tandem's application
 * id and a schema this build knows, its size must match the page count, and
 * a read-only connection must pass PRAGMA quick_check.  Only then is it
 * opened read-write, switched to WAL and migrated forward.  A refused file
 * is never written to.
 */

#include "config.h"

#include "tandem-store-private.h"
#include "tandem-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

struct _TandemStore
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;      /* NULL for an in-memory workspace */
  char     *final_path; /* unpublished: where it goes, @path being temporary */
  int       schema_version;
  guint     in_transaction : 1;
  guint     read_only : 1;
  guint     tidy_on_close : 1; /* read-only: remove the -wal/-shm SQLite made */
  guint     had_wal : 1;
  guint     had_shm : 1;
};

G_DEFINE_FINAL_TYPE (TandemStore, tandem_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tandem-store-error-quark, tandem_store_error)

/* ---- Schema ---------------------------------------------------------------
 * Each step takes the schema from version N-1 to N, in its own transaction.
 * Never edit a step that has shipped: add a new one.                        */

static const char *const default_migrations[] = {
  /* 1: the foundation */
  "CREATE TABLE columns ("
  "  position  INTEGER PRIMARY KEY,"
  "  name      TEXT NOT NULL UNIQUE,"
  "  sql_name  TEXT NOT NULL UNIQUE,"
  "  type      TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),"
  "  role      TEXT UNIQUE,"
  "  nulls     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE leads ("
  "  id   INTEGER PRIMARY KEY,"
  "  key  TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX leads_key ON leads (key);"
  "CREATE TABLE events ("
  "  id     INTEGER PRIMARY KEY,"
  "  lead   INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
  "  type   TEXT NOT NULL,"
  "  at     TEXT NOT NULL,"
  "  value  REAL"
  ");"
  "CREATE INDEX events_lead ON events (lead, type, at);"
  "CREATE INDEX events_type ON events (type);"
  "CREATE TABLE stage_history ("
  "  id          INTEGER PRIMARY KEY,"
  "  lead        INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
  "  stage       TEXT NOT NULL,"
  "  entered_at  TEXT NOT NULL"
  ");"
  "CREATE INDEX stage_history_lead ON stage_history (lead, entered_at);"
  "CREATE TABLE stages ("
  "  position    INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL UNIQUE,"
  "  short_name  TEXT NOT NULL,"
  "  definition  TEXT NOT NULL DEFAULT '',"
  "  team        TEXT NOT NULL CHECK (team IN ('marketing', 'telequalification', 'sales')),"
  "  kind        TEXT NOT NULL DEFAULT 'open'"
  "              CHECK (kind IN ('open', 'won', 'lost', 'disqualified')),"
  "  recycle_to  TEXT"
  ");"
  "CREATE TABLE models ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  body         TEXT NOT NULL,"
  "  live         INTEGER NOT NULL DEFAULT 0 CHECK (live IN (0, 1)),"
  "  created_at   TEXT NOT NULL,"
  "  modified_at  TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX models_one_live ON models (live) WHERE live = 1;"
  "CREATE TABLE scenarios ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  body         TEXT NOT NULL,"
  "  created_at   TEXT NOT NULL,"
  "  modified_at  TEXT NOT NULL"
  ");"
  "CREATE TABLE settings ("
  "  key    TEXT PRIMARY KEY,"
  "  value  TEXT"
  ");"
  "CREATE TABLE imports ("
  "  id    INTEGER PRIMARY KEY,"
  "  at    TEXT NOT NULL,"
  "  kind  TEXT NOT NULL CHECK (kind IN ('leads', 'merge', 'events', 'demo')),"
  "  file  TEXT NOT NULL,"
  "  rows  INTEGER NOT NULL"
  ");",
  /* 2: the decision log — every change to the live model */
  "CREATE TABLE decisions ("
  "  id       INTEGER PRIMARY KEY,"
  "  at       TEXT NOT NULL,"
  "  model    TEXT NOT NULL,"
  "  changes  TEXT NOT NULL,"
  "  note     TEXT NOT NULL DEFAULT ''"
  ");",
};

static const char *const *migrations = default_migrations;
static int n_migrations = G_N_ELEMENTS (default_migrations);

void
tandem_store_set_migrations_for_testing (const char *const *steps,
                                         int                n_steps)
{
  if (steps == NULL)
    {
      migrations = default_migrations;
      n_migrations = G_N_ELEMENTS (default_migrations);
    }
  else
    {
      migrations = steps;
      n_migrations = n_steps;
    }
}

const char *const *
tandem_store_get_migrations_for_testing (void)
{
  return migrations;
}

int
tandem_store_get_latest_schema_version (void)
{
  return n_migrations;
}

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
static char *
column_sql_name (int         position,
                 const char *role)
{
  TandemRoleKind kind = TANDEM_ROLE_ATTRIBUTE;

  if (role != NULL && !tandem_role_parse (role, &kind, NULL, NULL))
    kind = TANDEM_ROLE_ATTRIBUTE;
  return kind == TANDEM_ROLE_ID ? g_strdup ("key") : g_strdup_printf ("c%d", position);
}

/* ---- Errors ------------------------------------------------------------- */

void
tandem_store_set_error (TandemStore  *self,
                        GError      **error,
                        const char   *what)
{
  int code = sqlite3_errcode (self->db);
  TandemStoreError our_code;

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      our_code = TANDEM_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
      our_code = TANDEM_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return;
    default:
      our_code = TANDEM_STORE_ERROR_FAILED;
      break;
    }

  g_set_error (error, TANDEM_STORE_ERROR, our_code, "%s: %s", what, sqlite3_errmsg (self->db));
}

/* ---- Companion files ------------------------------------------------------ */

/* Reading a WAL-mode file makes SQLite create its -wal and -shm companions,
 * even on a read-only connection.  Ones that were not there before go
 * again, once no connection of any process uses them: an open connection
 * holds a read lock on byte 128 of the -shm file (the "DMS" lock of the
 * WAL index, see SQLite's walformat.html), and while anyone holds it both
 * stay.  Call with no connection of this process open on @path.          */
static void
remove_read_companions (const char *path,
                        gboolean    had_wal,
                        gboolean    had_shm)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  GStatBuf st;
  int fd;

  if (path == NULL || (had_wal && had_shm))
    return;
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);

  fd = g_open (shm, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1 };
      gboolean in_use = fcntl (fd, F_GETLK, &lock) != 0 || lock.l_type != F_UNLCK;

      close (fd);
      if (in_use)
        return;
    }

  if (!had_wal && g_lstat (wal, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0)
    g_unlink (wal);
  if (!had_shm && g_lstat (shm, &st) == 0 && S_ISREG (st.st_mode))
    g_unlink (shm);
}

/* ---- Object --------------------------------------------------------------- */

static void
tandem_store_finalize (GObject *object)
{
  TandemStore *self = (TandemStore *) object;

  if (self->db != NULL)
    {
      if (self->in_transaction)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  if (self->tidy_on_close)
    remove_read_companions (self->path, self->had_wal, self->had_shm);
  /* Never published: the temporary file goes, nothing reached the path */
  if (self->final_path != NULL)
    tandem_store_delete_files (self->path);
  g_free (self->path);
  g_free (self->final_path);

  G_OBJECT_CLASS (tandem_store_parent_class)->finalize (object);
}

static void
tandem_store_class_init (TandemStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_store_finalize;
}

static void
tandem_store_init (TandemStore *self)
{
}

/* Settings that make a connection safe on a file from anywhere: no
 * extensions, no functions with side effects from the schema, no triggers
 * or views from the file, no writes to the schema behind SQLite's back.    */
static void
harden_connection (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_busy_timeout (db, 5000);
}

static gboolean
query_int (sqlite3    *db,
           const char *sql,
           gint64     *out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A workspace path must name a regular file: a named pipe would block the
 * open forever, a device could do anything.  Checked with stat() alone.  */
static gboolean
check_workspace_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (tandem_file_check_regular (path, &local_error))
    return TRUE;
  g_set_error_literal (error, TANDEM_STORE_ERROR,
                       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                       ? TANDEM_STORE_ERROR_NOT_FOUND
                       : g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE)
                       ? TANDEM_STORE_ERROR_NOT_WORKSPACE : TANDEM_STORE_ERROR_FAILED,
                       local_error->message);
  return FALSE;
}

/* Step one: look at the file's bytes, write nothing. */
static gboolean
inspect_header (const char  *path,
                GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) local_error = NULL;
  guchar header[100];
  GStatBuf st, wal_st;
  gboolean has_wal;
  gssize got;
  size_t n;
  int fd;
  guint32 page_size, page_count, app_id, user_version;

  if (!check_workspace_file (path, error))
    return FALSE;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  if (st.st_size == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Tandem workspace: the file is empty"), name);
      return FALSE;
    }

  fd = tandem_file_open_regular (path, &local_error);
  if (fd < 0)
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED, local_error->message);
      return FALSE;
    }
  do
    got = read (fd, header, sizeof header);
  while (got < 0 && errno == EINTR);
  close (fd);
  n = got > 0 ? (size_t) got : 0;

  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Tandem workspace: it is not a database file"), name);
      return FALSE;
    }

  if (n < sizeof header)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is truncated (%zu bytes)"), name, n);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its header gives an impossible page size"), name);
      return FALSE;
    }

  /* With a non-empty WAL file the newest header may be there, not here:
   * the read-only connection checks the id and version then.  A process
   * killed mid-session leaves exactly that.                              */
  has_wal = g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0;
  if (has_wal)
    return TRUE;

  app_id = read_be32 (header + 68);
  if (app_id != TANDEM_APPLICATION_ID)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is a database, but not a Tandem workspace"), name);
      return FALSE;
    }

  user_version = read_be32 (header + 60);
  if (user_version > (guint32) n_migrations)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Tandem (workspace format %u; "
                     "this version reads up to %d). Update Tandem to open it."),
                   name, user_version, n_migrations);
      return FALSE;
    }

  /* The in-header page count is valid when "version-valid-for" equals the
   * change counter.  A file shorter than that has lost its end — unless a
   * WAL file still holds the newest pages.                                 */
  page_count = read_be32 (header + 28);
  if (read_be32 (header + 92) == read_be32 (header + 24) &&
      (guint64) page_count * page_size > (guint64) st.st_size)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is truncated (%lld of %llu bytes)"),
                   name, (long long) st.st_size, (unsigned long long) page_count * page_size);
      return FALSE;
    }

  if (st.st_size % page_size != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: the file is truncated (%lld bytes is not "
                     "a whole number of pages)"),
                   name, (long long) st.st_size);
      return FALSE;
    }

  return TRUE;
}

#define MAX_COLUMN_POSITION 1000000

static gboolean
is_text (sqlite3_stmt *stmt,
         int           index)
{
  return sqlite3_column_type (stmt, index) == SQLITE_TEXT &&
         g_utf8_validate_len ((const char *) sqlite3_column_text (stmt, index),
                              sqlite3_column_bytes (stmt, index), NULL);
}

/* The table "columns" names the identifiers that reach SQL, so only rows
 * exactly as Tandem writes them are accepted: a sane, unique position; an
 * internal name that is the one derived from position and role (and a
 * real column of table leads); a known type and role; a unique name.
 * Loading derives the internal name again rather than reading it, so
 * even a file changed after this check cannot put its text into SQL.    */
static gboolean
inspect_columns (sqlite3     *db,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) in_leads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) positions = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int row = 0, rc;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info ('leads')", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), name, sqlite3_errmsg (db));
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (is_text (stmt, 0))
      g_hash_table_add (in_leads, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint k = 0; k < 2; k++)
    if (!g_hash_table_contains (in_leads, k == 0 ? "id" : "key"))
      {
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                     _("“%s” is damaged: its table “leads” has no column “%s”"), name, k == 0 ? "id" : "key");
        return FALSE;
      }

  if (sqlite3_prepare_v2 (db, "SELECT position, name, sql_name, type, role FROM columns", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its table “columns” cannot be read: %s"), name, sqlite3_errmsg (db));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *role = (const char *) sqlite3_column_text (stmt, 4);
      const char *type = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *expected = NULL;
      g_autofree char *name_key = NULL;
      g_autofree char *role_key = NULL;
      TandemColumnType parsed;
      gint64 position;
      int number;

      row++;
      position = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_type (stmt, 0) != SQLITE_INTEGER || position < 0 || position >= MAX_COLUMN_POSITION)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: in its table “columns”, row %d has an impossible position"), name, row);
          return FALSE;
        }
      /* As people count them; the internal name counts from 0 */
      number = (int) position + 1;
      if (!g_hash_table_add (positions, GINT_TO_POINTER ((int) position)))
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: in its table “columns”, column %d appears twice"), name, number);
          return FALSE;
        }

      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL &&
          (!is_text (stmt, 4) || !tandem_role_parse (role, NULL, NULL, NULL)))
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: in its table “columns”, column %d has an unknown role"), name, number);
          return FALSE;
        }
      expected = column_sql_name ((int) position, role);

      if (sqlite3_column_type (stmt, 2) != SQLITE_TEXT ||
          (gsize) sqlite3_column_bytes (stmt, 2) != strlen (expected) ||
          memcmp (sqlite3_column_text (stmt, 2), expected, strlen (expected)) != 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: in its table “columns”, column %d's internal name is not "
                         "Tandem's own"), name, number);
          return FALSE;
        }
      if (!g_hash_table_contains (in_leads, expected))
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: column %d of its table “columns” has no data: its table “leads” "
                         "has no column “%s”"), name, number, expected);
          return FALSE;
        }

      if (!is_text (stmt, 1))
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: in its table “columns”, column %d has no readable name"), name, number);
          return FALSE;
        }
      if (!is_text (stmt, 3) || !tandem_column_type_from_string (type, &parsed) ||
          strcmp (type, tandem_column_type_to_string (parsed)) != 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: in its table “columns”, column %d has an unknown type"), name, number);
          return FALSE;
        }

      /* Names, roles and internal names are each unique (two lead ids
       * would both be "key") */
      name_key = g_strconcat ("n:", (const char *) sqlite3_column_text (stmt, 1), NULL);
      role_key = role != NULL ? g_strconcat ("r:", role, NULL) : NULL;
      if (!g_hash_table_add (seen, g_steal_pointer (&name_key)) ||
          (role_key != NULL && !g_hash_table_add (seen, g_steal_pointer (&role_key))) ||
          !g_hash_table_add (seen, g_strconcat ("s:", expected, NULL)))
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: in its table “columns”, column %d has the same name or role "
                         "as another"), name, number);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its table “columns” cannot be read: %s"), name, sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Step two: a read-only connection checks the database itself. */
static gboolean
inspect_database (const char  *path,
                  GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gboolean had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  gboolean had_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  gint64 app_id = 0, user_version = 0;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), name, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      goto out;
    }
  harden_connection (db);

  if (!query_int (db, "PRAGMA application_id", &app_id) ||
      !query_int (db, "PRAGMA user_version", &user_version))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), name, sqlite3_errmsg (db));
      goto out;
    }

  if (app_id != TANDEM_APPLICATION_ID)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is a database, but not a Tandem workspace"), name);
      goto out;
    }

  if (user_version > n_migrations)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Tandem (workspace format %d; "
                     "this version reads up to %d). Update Tandem to open it."),
                   name, (int) user_version, n_migrations);
      goto out;
    }

  /* Tandem writes no triggers, views or generated columns: a file that has
   * them was made by someone else, perhaps to run code when it is read or
   * written.  Refused outright, before anything of it is used. */
  {
    g_autoptr(sqlite3_stmt) schema = NULL;
    const char *found = NULL;

    if (sqlite3_prepare_v2 (db, "SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view') LIMIT 1",
                            -1, &schema, NULL) == SQLITE_OK &&
        sqlite3_step (schema) == SQLITE_ROW)
      found = g_str_equal ((const char *) sqlite3_column_text (schema, 0), "trigger") ? _("a trigger") : _("a view");
    g_clear_pointer (&schema, sqlite3_finalize);
    if (found == NULL &&
        sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema AS s, pragma_table_xinfo (s.name) AS c "
                                "WHERE s.type = 'table' AND c.hidden IN (2, 3) LIMIT 1", -1, &schema, NULL) == SQLITE_OK &&
        sqlite3_step (schema) == SQLITE_ROW)
      found = _("a generated column");
    if (found != NULL)
      {
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE,
                     /* Translators: %s is "a trigger", "a view" or "a generated column" */
                     _("“%s” contains %s, which Tandem never writes: it was changed by another program, "
                       "perhaps to run code, so Tandem will not open it"), name, found);
        goto out;
      }
  }

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), name, sqlite3_errmsg (db));
      goto out;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), name, (const char *) sqlite3_column_text (stmt, 0));
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Format 1 made the table of columns */
  if (user_version >= 1 && !inspect_columns (db, name, error))
    goto out;

  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);

  /* Leave nothing behind that was not there before. */
  remove_read_companions (path, had_wal, had_shm);

  return ok;
}

static gboolean
configure_connection (TandemStore  *self,
                      gboolean      on_disk,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  harden_connection (self->db);

  /* Read-only: the file keeps its journal mode (and bytes) */
  if (on_disk && !self->read_only)
    {
      stmt = tandem_store_prepare (self, "PRAGMA journal_mode = WAL", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW ||
          g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                       _("Could not switch the workspace to write-ahead logging: %s"),
                       sqlite3_errmsg (self->db));
          return FALSE;
        }
    }

  return tandem_store_exec (self,
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA temp_store = MEMORY;"
                            "PRAGMA cache_size = -65536;",
                            error);
}

static gboolean
migrate (TandemStore  *self,
         GError      **error)
{
  gint64 version = 0;

  if (!query_int (self->db, "PRAGMA user_version", &version))
    {
      tandem_store_set_error (self, error, _("Could not read the workspace version"));
      return FALSE;
    }

  while (version < n_migrations)
    {
      /* user_version cannot be bound; the number comes from this code. */
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", (int) version + 1);
      g_autoptr(GError) local_error = NULL;

      if (!tandem_store_begin (self, error))
        return FALSE;

      if (!tandem_store_exec (self, migrations[version], &local_error) ||
          !tandem_store_exec (self, set_version, &local_error) ||
          !tandem_store_commit (self, &local_error))
        {
          tandem_store_rollback (self);
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                       _("Could not update the workspace to format %d: %s"),
                       (int) version + 1, local_error->message);
          return FALSE;
        }
      version++;
    }

  self->schema_version = (int) version;
  return TRUE;
}

static TandemStore *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  g_autoptr(TandemStore) self = g_object_new (TANDEM_TYPE_STORE, NULL);
  gboolean on_disk = path != NULL;
  int rc;

  self->path = g_strdup (path);
  self->read_only = (flags & SQLITE_OPEN_READONLY) != 0;
  rc = sqlite3_open_v2 (on_disk ? path : ":memory:", &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = on_disk ? display_name (path) : g_strdup (":memory:");
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), name,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!configure_connection (self, on_disk, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* A process killed inside a rollback-journal transaction (a bulk import)
 * leaves a hot journal; until it is rolled back, the file looks truncated
 * or half-written.  Rolling it back is SQLite's own recovery and needs a
 * writable connection: do it first, on a database file only.             */
static void
recover_hot_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char magic[16] = { 0, };
  GStatBuf st;
  sqlite3 *db = NULL;
  FILE *fp;

  if (g_stat (journal, &st) != 0 || st.st_size == 0)
    return;
  fp = g_fopen (path, "rb");
  if (fp == NULL)
    return;
  if (fread (magic, 1, sizeof magic, fp) != sizeof magic || memcmp (magic, "SQLite format 3", 16) != 0)
    {
      fclose (fp);
      return;
    }
  fclose (fp);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      harden_connection (db);
      if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) == SQLITE_OK)
        sqlite3_step (stmt);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);
}

TandemStore *
tandem_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(TandemStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_workspace_file (path, error))
    return NULL;
  recover_hot_journal (path);
  if (!inspect_header (path, error) || !inspect_database (path, error))
    return NULL;

  self = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self == NULL || !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Whether a process stopped inside a rollback-journal transaction left
 * @path half-written: SQLite rolls such a "hot" journal back on the next
 * write access, and refuses a read-only connection until then.          */
static gboolean
has_hot_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  GStatBuf st;
  gboolean had_wal, had_shm, hot = FALSE;

  if (g_lstat (journal, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size == 0)
    return FALSE;
  had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  had_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      harden_connection (db);
      if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW)
        hot = sqlite3_extended_errcode (db) == SQLITE_READONLY_ROLLBACK;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);
  remove_read_companions (path, had_wal, had_shm);
  return hot;
}

TandemStore *
tandem_store_open_read_only (const char  *path,
                             GError     **error)
{
  g_autoptr(TandemStore) self = NULL;
  g_autofree char *name = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  gboolean had_wal, had_shm;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_workspace_file (path, error))
    return NULL;
  name = display_name (path);
  if (has_hot_journal (path))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _("“%s” was left half-written by a program that stopped while changing it; "
                     "open it in Tandem or with a command that changes it, which repairs it"), name);
      return NULL;
    }
  if (!inspect_header (path, error) || !inspect_database (path, error))
    return NULL;

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  had_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
  self = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (self == NULL)
    {
      remove_read_companions (path, had_wal, had_shm);
      return NULL;
    }
  self->tidy_on_close = TRUE;
  self->had_wal = had_wal;
  self->had_shm = had_shm;

  if (!query_int (self->db, "PRAGMA user_version", &version))
    {
      tandem_store_set_error (self, error, _("Could not read the workspace version"));
      return NULL;
    }
  if (version < n_migrations)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _("“%s” is in an older workspace format (%d; this version uses %d) and can only "
                     "be read once it is updated: open it in Tandem or with a command that changes it"),
                   name, (int) version, n_migrations);
      return NULL;
    }
  self->schema_version = (int) version;

  return g_steal_pointer (&self);
}

gboolean
tandem_store_is_read_only (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  return self->read_only;
}

/* Makes sure nothing is at @path yet, naming what is. */
static gboolean
check_path_free (const char  *path,
                 GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *target = NULL;
  GStatBuf st;

  if (tandem_file_is_dangling_link (path, &target))
    {
      g_autofree char *target_name = target ? g_filename_display_name (target) : g_strdup ("?");
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS,
                   _("“%s” is a symbolic link to “%s”, a file that does not exist; "
                     "Tandem does not create files through a link: remove it or give another name"),
                   name, target_name);
      return FALSE;
    }
  if (g_lstat (path, &st) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS,
                   _("“%s” already exists"), name);
      return FALSE;
    }
  return TRUE;
}

/* The temporary files of creations that a process which has since died
 * left beside @path ("NAME.creating-PID", with -wal, -shm or -journal)
 * go: a killed import leaves no litter for good.                         */
static void
remove_stale_partials (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return;
  {
    g_autofree char *base = g_path_get_basename (path);
    prefix = g_strconcat (base, ".creating-", NULL);
  }
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      const char *digits = entry + strlen (prefix);
      char *end = NULL;
      guint64 pid;

      if (!g_str_has_prefix (entry, prefix) || !g_ascii_isdigit (*digits))
        continue;
      pid = g_ascii_strtoull (digits, &end, 10);
      if (pid == 0 || pid > G_MAXINT || (pid_t) pid == getpid () ||
          (*end != '\0' && !g_str_equal (end, "-wal") && !g_str_equal (end, "-shm") &&
           !g_str_equal (end, "-journal")))
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *file = g_build_filename (dir_name, entry, NULL);
        g_unlink (file);
      }
    }
}

TandemStore *
tandem_store_create_unpublished (const char  *path,
                                 GError     **error)
{
  g_autoptr(TandemStore) self = NULL;
  g_autofree char *set_app_id = NULL;
  g_autofree char *partial = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_path_free (path, error))
    return NULL;

  remove_stale_partials (path);
  partial = g_strdup_printf ("%s.creating-%d", path, (int) getpid ());
  tandem_store_delete_files (partial);
  self = open_connection (partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, error);
  if (self == NULL)
    {
      tandem_store_delete_files (partial);
      return NULL;
    }
  self->final_path = g_strdup (path);

  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", (int) TANDEM_APPLICATION_ID);
  if (!tandem_store_exec (self, set_app_id, error) || !migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
sync_path (const char *path,
           gboolean    directory)
{
  int fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

gboolean
tandem_store_publish (TandemStore  *self,
                      GError      **error)
{
  g_autoptr(TandemStore) reopened = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int saved = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->final_path != NULL, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  name = display_name (self->final_path);

  /* Everything into the one file: leaving WAL mode checkpoints and removes
   * the log, and only works while no other connection has the file.      */
  stmt = tandem_store_prepare (self, "PRAGMA journal_mode = DELETE", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _("Could not finish “%s”: another connection still has it open"), name);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (self->db);
  self->db = NULL;

  /* On disk before it has its name, and its name on disk before it is used:
   * a crash never leaves a workspace at the path that is not whole.        */
  if (!sync_path (self->path, FALSE))
    saved = errno;
  /* link() never replaces a file that appeared meanwhile */
  else if (link (self->path, self->final_path) != 0)
    saved = errno;
  if (saved != 0)
    {
      if (saved == EEXIST)
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS, _("“%s” already exists"), name);
      else
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                     _("Could not create “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  tandem_store_delete_files (self->path);
  dir = g_path_get_dirname (self->final_path);
  sync_path (dir, TRUE);

  g_free (self->path);
  self->path = g_steal_pointer (&self->final_path);
  reopened = open_connection (self->path, SQLITE_OPEN_READWRITE, error);
  if (reopened == NULL)
    return FALSE;
  self->db = g_steal_pointer (&reopened->db);
  return TRUE;
}

/* A new workspace is built under a temporary name beside the final one and
 * linked into place only when whole: a process killed while creating it
 * leaves no half-made file at the path (at worst a stray temporary). */
TandemStore *
tandem_store_create (const char  *path,
                     GError     **error)
{
  g_autoptr(TandemStore) self = tandem_store_create_unpublished (path, error);

  if (self == NULL || !tandem_store_publish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

TandemStore *
tandem_store_new_memory (GError **error)
{
  g_autoptr(TandemStore) self = open_connection (NULL, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  g_autofree char *set_app_id = NULL;

  if (self == NULL)
    return NULL;

  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", (int) TANDEM_APPLICATION_ID);
  if (!tandem_store_exec (self, set_app_id, error) || !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

TandemStore *
tandem_store_open_another (TandemStore  *self,
                           GError      **error)
{
  g_autoptr(TandemStore) other = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if (self->path == NULL)
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                           _("An in-memory workspace has no second connection"));
      return NULL;
    }

  other = open_connection (self->path, self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, error);
  if (other == NULL)
    return NULL;
  other->schema_version = self->schema_version;
  return g_steal_pointer (&other);
}

void
tandem_store_delete_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

const char *
tandem_store_get_path (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->path;
}

char *
tandem_store_dup_title (TandemStore *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if (self->path == NULL)
    return g_strdup (_("Scratch Workspace"));

  base = display_name (self->final_path ? self->final_path : self->path);
  if (g_str_has_suffix (base, ".tandem") && strlen (base) > strlen (".tandem"))
    base[strlen (base) - strlen (".tandem")] = '\0';
  return g_steal_pointer (&base);
}

int
tandem_store_get_schema_version (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), 0);
  return self->schema_version;
}

sqlite3 *
tandem_store_get_db (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->db;
}

/* ---- Statements and transactions ------------------------------------------ */

gboolean
tandem_store_exec (TandemStore  *self,
                   const char   *sql,
                   GError      **error)
{
  char *errmsg = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      int code = sqlite3_errcode (self->db) & 0xff;

      if (code == SQLITE_INTERRUPT)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      else
        g_set_error (error, TANDEM_STORE_ERROR,
                     code == SQLITE_CORRUPT ? TANDEM_STORE_ERROR_CORRUPT :
                     code == SQLITE_READONLY ? TANDEM_STORE_ERROR_READ_ONLY : TANDEM_STORE_ERROR_FAILED,
                     "%s", errmsg ? errmsg : sqlite3_errmsg (self->db));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
tandem_store_prepare (TandemStore  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      tandem_store_set_error (self, error, _("Could not read the workspace"));
      return NULL;
    }
  return stmt;
}

gboolean
tandem_store_begin (TandemStore  *self,
                    GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!tandem_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
tandem_store_commit (TandemStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!tandem_store_exec (self, "COMMIT", error))
    return FALSE;
  self->in_transaction = FALSE;
  return TRUE;
}

void
tandem_store_rollback (TandemStore *self)
{
  g_return_if_fail (TANDEM_IS_STORE (self));

  if (!self->in_transaction)
    return;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
tandem_store_checkpoint (TandemStore  *self,
                         GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  if (self->path == NULL)
    return TRUE;
  if (sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK)
    {
      tandem_store_set_error (self, error, _("Could not save the workspace"));
      return FALSE;
    }
  return TRUE;
}

gboolean
tandem_store_try_bulk_mode (TandemStore *self,
                            gboolean     bulk)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *mode;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (self->path == NULL)
    return FALSE;

  stmt = tandem_store_prepare (self, bulk ? "PRAGMA journal_mode = DELETE" : "PRAGMA journal_mode = WAL", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (g_ascii_strcasecmp (mode, bulk ? "delete" : "wal") != 0)
    return FALSE;

  sqlite3_exec (self->db, bulk ? "PRAGMA cache_size = -262144" : "PRAGMA cache_size = -65536",
                NULL, NULL, NULL);
  return TRUE;
}

/* ---- Queries ------------------------------------------------------------ */

static gint64
count (TandemStore *self,
       const char  *sql)
{
  gint64 n = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), 0);

  if (!query_int (self->db, sql, &n))
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
  column->sql_name = column_sql_name (column->position, column->role);
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

  query_int (self->db, "SELECT coalesce(max(position) + 1, 0) FROM columns", &position);

  column->position = (int) position;
  column->name = g_strdup (name);
  column->type = type;
  column->role = g_strdup (role);
  column->sql_name = column_sql_name (column->position, role);

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
