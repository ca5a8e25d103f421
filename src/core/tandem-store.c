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
 *
 * This file holds the connections: opening, creating, publishing and
 * transactions.  The schema and the inspection are in tandem-store-schema.c,
 * the columns in tandem-store-columns.c, lead queries in
 * tandem-store-leads.c, settings, the import log and model names in
 * tandem-store-tables.c.
 */

#include "config.h"

#include "tandem-store-internal.h"
#include "tandem-snapshot.h"
#include "tandem-file.h"
#include "tandem-format.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_FINAL_TYPE (TandemStore, tandem_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tandem-store-error-quark, tandem_store_error)

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
void
tandem_store_remove_read_companions (const char *path,
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

  if (self->check != NULL)
    g_thread_join (g_steal_pointer (&self->check));
  g_clear_error (&self->check_error);
  if (self->db != NULL)
    {
      if (self->in_transaction)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  if (self->tidy_on_close)
    tandem_store_remove_read_companions (self->path, self->had_wal, self->had_shm);
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
 * or views from the file, no writes to the schema behind SQLite's back.
 * Every connection of Tandem's comes through here, so REGEXP is set up
 * here too.                                                              */
void
tandem_store_harden_connection (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_busy_timeout (db, 5000);
  tandem_store_register_regexp (db);
}

gboolean
tandem_store_query_int (sqlite3    *db,
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
/* Switches the journal mode ("wal", "delete"); FALSE when SQLite kept
 * another (it does while another connection has the file), with the
 * error set from @refusal, or from SQLite when @refusal is NULL.       */
static gboolean
set_journal_mode (TandemStore  *self,
                  const char   *mode,
                  const char   *refusal,
                  GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), mode) == 0)
    return TRUE;
  g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                       refusal != NULL ? refusal : sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
configure_connection (TandemStore  *self,
                      gboolean      on_disk,
                      GError      **error)
{
  tandem_store_harden_connection (self->db);

  /* Read-only: the file keeps its journal mode (and bytes) */
  if (on_disk && !self->read_only)
    {
      if (!set_journal_mode (self, "wal", NULL, error))
        {
          g_prefix_error (error, _("Could not switch the workspace to write-ahead logging: "));
          return FALSE;
        }
    }

  return tandem_store_exec (self,
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA temp_store = MEMORY;"
                            "PRAGMA cache_size = -65536;"
                            /* Reads of the snapshot's large parts straight
                             * from the mapped file, not page by page */
                            "PRAGMA mmap_size = 1073741824;",
                            error);
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
      tandem_store_harden_connection (db);
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

  if (!tandem_store_check_workspace_file (path, error))
    return NULL;
  recover_hot_journal (path);
  if (!tandem_store_inspect_header (path, error) || !tandem_store_inspect_database (path, TRUE, error))
    return NULL;

  self = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self == NULL || !tandem_store_migrate (self, error))
    return NULL;

  /* A workspace from before snapshots, or whose rows changed outside
   * Tandem, gets its snapshot (re)made from the rows.  Failing to is no
   * reason not to open it: scoring then reads the rows. */
  if (!tandem_snapshot_is_current (self))
    {
      g_autoptr(GError) local_error = NULL;

      if (!tandem_store_begin (self, &local_error) || !tandem_snapshot_rebuild (self, &local_error) ||
          !tandem_store_commit (self, &local_error))
        {
          g_debug ("Could not make the snapshot of %s: %s", path, local_error->message);
          tandem_store_rollback (self);
        }
    }

  return g_steal_pointer (&self);
}

gboolean
tandem_store_has_current_snapshot (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  return tandem_snapshot_is_current (self);
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
      tandem_store_harden_connection (db);
      if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW)
        hot = sqlite3_extended_errcode (db) == SQLITE_READONLY_ROLLBACK;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);
  tandem_store_remove_read_companions (path, had_wal, had_shm);
  return hot;
}

static gpointer
check_pages (gpointer data)
{
  TandemStore *self = data;

  tandem_store_check_pages (self->path, &self->check_error);
  return NULL;
}

static TandemStore *
open_read_only (const char  *path,
                gboolean     overlapped,
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

  if (!tandem_store_check_workspace_file (path, error))
    return NULL;
  name = display_name (path);
  if (has_hot_journal (path))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _("“%s” was left half-written by a program that stopped while changing it; "
                     "open it in Tandem or with a command that changes it, which repairs it"), name);
      return NULL;
    }
  if (!tandem_store_inspect_header (path, error) || !tandem_store_inspect_database (path, !overlapped, error))
    return NULL;

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  had_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
  self = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (self == NULL)
    {
      tandem_store_remove_read_companions (path, had_wal, had_shm);
      return NULL;
    }
  self->tidy_on_close = TRUE;
  self->had_wal = had_wal;
  self->had_shm = had_shm;

  if (!tandem_store_query_int (self->db, "PRAGMA user_version", &version))
    {
      tandem_store_set_error (self, error, _("Could not read the workspace version"));
      return NULL;
    }
  if (version < tandem_store_get_latest_schema_version ())
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _("“%s” is in an older workspace format (%d; this version uses %d) and can only "
                     "be read once it is updated: open it in Tandem or with a command that changes it"),
                   name, (int) version, tandem_store_get_latest_schema_version ());
      return NULL;
    }
  self->schema_version = (int) version;
  /* Started once the store's own connection holds the -wal and -shm */
  if (overlapped)
    self->check = g_thread_new ("tandem-quick-check", check_pages, self);

  return g_steal_pointer (&self);
}

TandemStore *
tandem_store_open_read_only (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_read_only (path, FALSE, error);
}

TandemStore *
tandem_store_open_read_only_overlapped (const char  *path,
                                        GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_read_only (path, TRUE, error);
}

gboolean
tandem_store_finish_check (TandemStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  if (self->check != NULL)
    g_thread_join (g_steal_pointer (&self->check));
  if (self->check_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->check_error));
      return FALSE;
    }
  return TRUE;
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
  if (!tandem_store_exec (self, set_app_id, error) || !tandem_store_migrate (self, error) ||
      !tandem_store_set_setting (self, TANDEM_STORE_CURRENCY_KEY, tandem_currency_get_locale_default (), error))
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
  g_autofree char *refusal = NULL;
  int saved = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->final_path != NULL, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  name = display_name (self->final_path);

  /* Everything into the one file: leaving WAL mode checkpoints and removes
   * the log, and only works while no other connection has the file.      */
  refusal = g_strdup_printf (_("Could not finish “%s”: another connection still has it open"), name);
  if (!set_journal_mode (self, "delete", refusal, error))
    return FALSE;
  /* …and back to WAL while it has no name yet: switching is a write (a
   * rollback-journal transaction on the header), and made after the link,
   * a kill inside it would leave a hot journal beside a published file.
   * Closed, the WAL-mode file keeps no log: it is still one file.       */
  if (!set_journal_mode (self, "wal", NULL, error))
    return FALSE;
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
  if (!tandem_store_exec (self, set_app_id, error) || !tandem_store_migrate (self, error) ||
      !tandem_store_set_setting (self, TANDEM_STORE_CURRENCY_KEY, tandem_currency_get_locale_default (), error))
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

TandemStore *
tandem_store_dup_for_thread (TandemStore *self)
{
  TandemStore *other;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  other = tandem_store_open_another (self, NULL);
  return other != NULL ? other : g_object_ref (self);
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

  /* A bulk load reads little but the pages it has just written: mapped,
   * each would stay in the process's memory for nothing */
  sqlite3_exec (self->db,
                bulk ? "PRAGMA cache_size = -262144; PRAGMA mmap_size = 0"
                     : "PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824",
                NULL, NULL, NULL);
  return TRUE;
}
