/* tandem-store-schema.c — the workspace format: its migrations, and the inspection
 * of a file before anything of it is used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-store-internal.h"
#include "tandem-file.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
  /* 3: the columnar snapshot of the leads and events (tandem-snapshot.c):
   * zstd-compressed parts, rebuilt with every import */
  "CREATE TABLE snapshot ("
  "  id     INTEGER PRIMARY KEY,"
  "  kind   TEXT NOT NULL CHECK (kind IN ('manifest', 'keys', 'column', 'dictionary', 'events')),"
  "  name   TEXT NOT NULL,"
  "  chunk  INTEGER NOT NULL,"
  "  data   BLOB NOT NULL,"
  "  UNIQUE (kind, name, chunk)"
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

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A workspace path must name a regular file: a named pipe would block the
 * open forever, a device could do anything.  Checked with stat() alone.  */
gboolean
tandem_store_check_workspace_file (const char  *path,
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
gboolean
tandem_store_inspect_header (const char  *path,
                             GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) local_error = NULL;
  guchar header[100];
  GStatBuf st, wal_st;
  gboolean has_wal;
  gssize got;
  size_t n;
  int fd;
  guint32 page_size, page_count, app_id, user_version;

  if (!tandem_store_check_workspace_file (path, error))
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
      expected = tandem_store_column_sql_name ((int) position, role);

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

/* ---- Files already checked ------------------------------------------------
 * PRAGMA quick_check reads the whole file: a quarter of a second at a
 * million leads, seconds for a large workspace with events.  A file that
 * passed is noted in the user's cache by what identifies this version of
 * it — device, inode, size, modification and change times to the
 * nanosecond, and the same of its -wal — and is not checked again while
 * all of them stay the same.  The change time is the kernel's: nobody can
 * set it back, so a file changed in any way after its check, by anyone,
 * is checked again.  A note taken before the check and kept only if it
 * passes: a change during the check leaves a note of the old version. */

#define CHECKED_FILES_KEPT 64

static char *
checked_list_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "tandem", "checked-workspaces", NULL);
}

static void
append_identity (GString    *out,
                 const char *path)
{
  struct stat st;

  /* No file and an empty one (a -wal a reader makes, then removes) hold
   * the same: nothing */
  if (stat (path, &st) != 0 || st.st_size == 0)
    {
      g_string_append (out, " -");
      return;
    }
  g_string_append_printf (out, " %llu:%llu:%lld:%lld.%09ld:%lld.%09ld", (unsigned long long) st.st_dev,
                          (unsigned long long) st.st_ino, (long long) st.st_size, (long long) st.st_mtim.tv_sec,
                          st.st_mtim.tv_nsec, (long long) st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
}

/* This version of the file at @path, and of its -wal */
static char *
file_version (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GString *out = g_string_new ("v1");

  append_identity (out, path);
  append_identity (out, wal);
  return g_string_free (out, FALSE);
}

static char **
read_checked_list (void)
{
  g_autofree char *list = checked_list_path ();
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (list, &contents, &length, NULL) || length > 64 * 1024 ||
      !g_utf8_validate (contents, (gssize) length, NULL))
    return g_new0 (char *, 1);
  return g_strsplit (contents, "\n", CHECKED_FILES_KEPT + 1);
}

static gboolean
was_checked (const char *version)
{
  g_auto(GStrv) lines = read_checked_list ();

  for (guint i = 0; lines[i] != NULL && i < CHECKED_FILES_KEPT; i++)
    if (g_str_equal (lines[i], version))
      return TRUE;
  return FALSE;
}

static void
note_checked (const char *version)
{
  g_autofree char *list = checked_list_path ();
  g_autofree char *dir = g_path_get_dirname (list);
  g_auto(GStrv) lines = read_checked_list ();
  g_autoptr(GString) out = g_string_new (version);
  guint kept = 1;

  /* Newest first; the oldest notes go */
  for (guint i = 0; lines[i] != NULL && kept < CHECKED_FILES_KEPT; i++)
    if (lines[i][0] != '\0' && !g_str_equal (lines[i], version))
      {
        g_string_append_printf (out, "\n%s", lines[i]);
        kept++;
      }
  g_string_append_c (out, '\n');
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_file_set_contents (list, out->str, (gssize) out->len, NULL);
}

/* PRAGMA quick_check on @db: every page of every table and index — unless
 * this very version of the file at @path passed it before */
static gboolean
quick_check (sqlite3     *db,
             const char  *path,
             const char  *name,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *version = file_version (path);

  if (was_checked (version))
    return TRUE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), name, sqlite3_errmsg (db));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), name, (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  note_checked (version);
  return TRUE;
}

/* The page check alone, on a read-only connection of its own that leaves
 * the -wal and -shm files to the store's connection. */
gboolean
tandem_store_check_pages (const char  *path,
                          GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _("Could not open “%s”: %s"), name, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  tandem_store_harden_connection (db);
  ok = quick_check (db, path, name, error);
  sqlite3_close_v2 (db);
  return ok;
}

/* Step two: a read-only connection checks the database itself (its pages
 * too, unless @check_pages is FALSE: then the caller checks them). */
gboolean
tandem_store_inspect_database (const char  *path,
                               gboolean     check_pages,
                               GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
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
  tandem_store_harden_connection (db);

  if (!tandem_store_query_int (db, "PRAGMA application_id", &app_id) ||
      !tandem_store_query_int (db, "PRAGMA user_version", &user_version))
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

  if (check_pages && !quick_check (db, path, name, error))
    goto out;

  /* Format 1 made the table of columns */
  if (user_version >= 1 && !inspect_columns (db, name, error))
    goto out;

  /* …and the settings, where the currency is */
  if (user_version >= 1)
    {
      g_autoptr(sqlite3_stmt) currency = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT typeof (value), value FROM settings WHERE key = '"
                                  TANDEM_STORE_CURRENCY_KEY "'", -1, &currency, NULL) == SQLITE_OK &&
          sqlite3_step (currency) == SQLITE_ROW &&
          !tandem_store_check_currency (name, (const char *) sqlite3_column_text (currency, 0),
                                        (const char *) sqlite3_column_text (currency, 1), error))
        goto out;
    }

  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);

  /* Leave nothing behind that was not there before. */
  tandem_store_remove_read_companions (path, had_wal, had_shm);

  return ok;
}

gboolean
tandem_store_migrate (TandemStore  *self,
                      GError      **error)
{
  gint64 version = 0;

  if (!tandem_store_query_int (self->db, "PRAGMA user_version", &version))
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
