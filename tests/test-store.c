/* test-store.c — the workspace file: creation, refusal, migrations, read-only access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tandem-csv.h"
#include "tandem-demo.h"
#include "tandem-store-private.h"
#include "test-util.h"

/* A worker thread's connection: a second one to a file, the same one in memory */
static void
test_dup_for_thread (void)
{
  g_autofree char *path = test_tmp_path ("threads.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, &error);
  g_autoptr(TandemStore) memory = NULL;
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(TandemStore) same = NULL;

  g_assert_no_error (error);
  other = tandem_store_dup_for_thread (store);
  g_assert_nonnull (other);
  g_assert_true (other != store);
  g_assert_cmpstr (tandem_store_get_path (other), ==, path);
  g_assert_cmpint (tandem_store_get_schema_version (other), ==, TANDEM_SCHEMA_VERSION);

  memory = tandem_store_new_memory (&error);
  g_assert_no_error (error);
  same = tandem_store_dup_for_thread (memory);
  g_assert_true (same == memory);
  g_clear_object (&same);
  g_assert_true (G_IS_OBJECT (memory));   /* the caller's reference is its own */
}

static void
test_create_and_reopen (void)
{
  g_autofree char *path = test_tmp_path ("new.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, &error);
  g_autoptr(TandemStore) again = NULL;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (tandem_store_get_schema_version (store), ==, TANDEM_SCHEMA_VERSION);
  g_assert_cmpint (tandem_store_count_leads (store), ==, 0);
  title = tandem_store_dup_title (store);
  g_assert_cmpstr (title, ==, "new");

  /* The application id is in the main file from the start. */
  {
    g_autofree char *contents = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    g_assert_cmpuint (len, >=, 100);
    g_assert_cmpint (((guchar) contents[68] << 24 | (guchar) contents[69] << 16 |
                      (guchar) contents[70] << 8 | (guchar) contents[71]), ==, TANDEM_APPLICATION_ID);
  }

  /* Built under a temporary name, linked into place: nothing else left */
  {
    g_autoptr(GDir) dir = g_dir_open (g_get_user_cache_dir (), 0, NULL);
    const char *entry;
    while ((entry = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (entry, ".creating-"));
  }

  g_assert_true (tandem_store_set_setting (store, "greeting", "hello", &error));
  g_assert_no_error (error);
  g_assert_true (tandem_store_set_setting (store, "greeting", "hello again", &error));

  /* A second connection while the first is open (the WAL is not yet
   * checkpointed): the header may be stale, the workspace must open. */
  again = tandem_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *value = tandem_store_dup_setting (again, "greeting");
    g_assert_cmpstr (value, ==, "hello again");
  }
  g_clear_object (&again);
  g_clear_object (&store);

  again = tandem_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *missing = tandem_store_dup_setting (again, "nothing");
    g_assert_null (missing);
  }
}

static void
test_create_existing (void)
{
  g_autofree char *path = test_tmp_path ("exists.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "not mine", -1, NULL));
  store = tandem_store_create (path, &error);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS);
  g_assert_null (store);
  test_assert_file_contents (path, "not mine", 8);
}

static void
test_open_missing (void)
{
  g_autofree char *path = test_tmp_path ("missing.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (path, &error);

  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Opens @path expecting @code and a message containing @words; the file's
 * bytes must be exactly as before and no companion files left behind.   */
static void
assert_refused (const char *path,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gsize before_len = 0;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = tandem_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_STORE_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("message “%s” does not say “%s”", error->message, words);
  test_assert_file_contents (path, before, before_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

static void
test_refuse_foreign (void)
{
  g_autofree char *text = test_tmp_path ("notes.tandem");
  g_autofree char *empty = test_tmp_path ("empty.tandem");
  g_autofree char *other_db = test_tmp_path ("other.tandem");
  g_autofree char *dir = test_tmp_path ("folder.tandem");
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "Lead ID,Name\n1,Ann\n", -1, NULL));
  assert_refused (text, TANDEM_STORE_ERROR_NOT_WORKSPACE, "not a Tandem workspace");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemStore) store = tandem_store_open (empty, &error);
    g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE);
    g_assert_nonnull (strstr (error->message, "empty"));
  }

  /* A SQLite database that is someone else's */
  g_assert_cmpint (sqlite3_open (other_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (other_db, TANDEM_STORE_ERROR_NOT_WORKSPACE, "not a Tandem workspace");

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemStore) store = tandem_store_open (dir, &error);
    g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE);
  }
}

/* A closed workspace with some rows, so that it spans several pages. */
static char *
make_workspace_with_leads (const char *name,
                           guint       n_leads)
{
  char *path = test_tmp_path (name);
  g_autofree char *csv = test_tmp_path ("rows.csv");
  g_autoptr(GString) text = g_string_new ("Lead ID,Notes\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;

  for (guint i = 0; i < n_leads; i++)
    g_string_append_printf (text, "L%u,%s note number %u\n", i, "a fairly long piece of text to fill pages", i);
  g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));

  store = tandem_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_import_csv (store, csv, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_refuse_truncated (void)
{
  g_autofree char *path = make_workspace_with_leads ("cut.tandem", 2000);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);

  /* Cut to half (whole pages): the header's page count no longer fits. */
  g_assert_true (g_file_set_contents (path, contents, (len / 2) & ~(gsize) 4095, NULL));
  assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, "truncated");

  /* Cut inside a page. */
  g_assert_true (g_file_set_contents (path, contents, len - 100, NULL));
  assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, "truncated");

  /* Cut inside the header. */
  g_assert_true (g_file_set_contents (path, contents, 50, NULL));
  assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, "truncated");
}

static void
test_refuse_corrupt (void)
{
  g_autofree char *path = make_workspace_with_leads ("broken.tandem", 2000);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

  /* Scribble over a page in the middle: b-tree pages no longer parse. */
  memset (contents + (len / 2 & ~(gsize) 4095), 0x5A, 4096);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, "damaged");

  /* An impossible page size in the header. */
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[16] = 0x03;
  contents[17] = 0x00;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, "damaged");
}

static void
test_refuse_newer (void)
{
  g_autofree char *path = make_workspace_with_leads ("future.tandem", 10);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", TANDEM_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (path, TANDEM_STORE_ERROR_TOO_NEW, "newer version of Tandem");
}

/* A workspace crafted to run code: refused before any of it is used, the
 * file untouched.  (The connection is hardened as well — no triggers,
 * views, extensions or untrusted functions — should a check ever miss.) */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refuse_hostile (void)
{
  static const struct { const char *name, *sql, *words; } cases[] = {
    { "trigger.tandem",
      "CREATE TABLE evidence (x); CREATE TRIGGER t AFTER INSERT ON leads BEGIN INSERT INTO evidence VALUES (1); END;",
      "contains a trigger" },
    { "view.tandem", "CREATE VIEW v AS SELECT load_extension ('/tmp/evil.so')", "contains a view" },
    { "generated.tandem", "ALTER TABLE leads ADD COLUMN g TEXT GENERATED ALWAYS AS (upper (key)) VIRTUAL",
      "contains a generated column" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *path = make_workspace_with_leads (cases[k].name, 5);
      tamper (path, cases[k].sql);
      assert_refused (path, TANDEM_STORE_ERROR_NOT_WORKSPACE, cases[k].words);
    }

  /* A header claiming two thousand million pages (valid-for matching the
   * change counter, so SQLite believes it) */
  {
    g_autofree char *path = make_workspace_with_leads ("huge.tandem", 5);
    g_autofree char *bytes = NULL;
    gsize length;

    tamper (path, "PRAGMA user_version = 1");
    g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
    bytes[28] = 0x7f, bytes[29] = bytes[30] = bytes[31] = (char) 0xff;
    memcpy (bytes + 92, bytes + 24, 4);
    g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
    assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, "is damaged");
  }
}

/* The internal column names are spliced into SQL: a workspace whose table
 * of columns names anything but Tandem's own ("key", "c<position>") is
 * refused, whatever the name, for every column.  The attacker's version
 * of the table has no UNIQUE constraints to get in the way.              */
static void
test_refuse_hostile_columns (void)
{
  static const char *const payloads[] = {
    "(WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r)",
    "key FROM leads; DROP TABLE leads; --",
    "(SELECT group_concat(name) FROM sqlite_master)",
    NULL,   /* another column's name: swapped */
    NULL,   /* "key" on a column that is not the id; "c<N>" on the id */
  };
  static const char *const loosen =
    "ALTER TABLE columns RENAME TO theirs;"
    "CREATE TABLE columns (position INTEGER, name TEXT, sql_name TEXT, type TEXT, role TEXT, nulls INTEGER);"
    "INSERT INTO columns SELECT * FROM theirs; DROP TABLE theirs;";
  g_autofree char *path = test_tmp_path ("hostile-columns.tandem");
  g_autofree char *pristine = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  gsize pristine_len;
  GDate end;

  {
    g_autoptr(TandemStore) store = tandem_store_create (path, &error);
    g_assert_no_error (error);
    g_date_clear (&end, 1);
    g_date_set_dmy (&end, 31, G_DATE_DECEMBER, 2024);
    g_assert_true (tandem_demo_generate (store, 40, 7, &end, NULL, &error));
    g_assert_no_error (error);
    columns = tandem_store_list_columns (store);
  }
  g_assert_cmpuint (columns->len, >, 5);
  tamper (path, loosen);
  g_assert_true (g_file_get_contents (path, &pristine, &pristine_len, NULL));

  /* The loosened table alone is still Tandem's: it opens (on a copy), and
   * the internal names are derived, not read */
  {
    g_autofree char *copy = test_write_file ("control.tandem", pristine, (gssize) pristine_len);
    g_autoptr(TandemStore) store = tandem_store_open (copy, &error);
    g_autoptr(GPtrArray) again = NULL;

    g_assert_no_error (error);
    again = tandem_store_list_columns (store);
    g_assert_cmpuint (again->len, ==, columns->len);
    for (guint i = 0; i < again->len; i++)
      {
        TandemColumn *c = g_ptr_array_index (again, i);
        g_autofree char *own = g_strcmp0 (c->role, "id") == 0 ? g_strdup ("key") : g_strdup_printf ("c%d", c->position);
        g_assert_cmpstr (c->sql_name, ==, own);
      }
  }

  for (guint i = 0; i < columns->len; i++)
    {
      TandemColumn *column = g_ptr_array_index (columns, i);
      TandemColumn *next = g_ptr_array_index (columns, (i + 1) % columns->len);
      gboolean is_id = g_str_equal (column->sql_name, "key");

      for (guint k = 0; k < G_N_ELEMENTS (payloads); k++)
        {
          g_autofree char *own = is_id ? g_strdup_printf ("c%d", column->position) : g_strdup ("key");
          const char *payload = k == 3 ? next->sql_name : k == 4 ? own : payloads[k];
          char *update = k == 3 ? sqlite3_mprintf ("UPDATE columns SET sql_name = %Q WHERE position = %d;"
                                                   "UPDATE columns SET sql_name = %Q WHERE position = %d;",
                                                   payload, column->position, column->sql_name, next->position)
                                : sqlite3_mprintf ("UPDATE columns SET sql_name = %Q WHERE position = %d",
                                                   payload, column->position);
          g_autofree char *words = g_strdup_printf ("column %d's internal name is not Tandem's own",
                                                    k == 3 && next->position < column->position ? next->position + 1
                                                                                                : column->position + 1);

          g_test_message ("column %d, %s", column->position, payload);
          g_assert_true (g_file_set_contents (path, pristine, (gssize) pristine_len, NULL));
          tamper (path, update);
          sqlite3_free (update);
          assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, words);
        }
    }

  /* The rest of a row, and the columns it points at in table leads */
  {
    static const struct { const char *sql, *words; } rows[] = {
      { "UPDATE columns SET position = -1 WHERE position = 2", "row 3 has an impossible position" },
      { "UPDATE columns SET position = 'two' WHERE position = 2", "row 3 has an impossible position" },
      { "UPDATE columns SET position = 1e9 WHERE position = 2", "row 3 has an impossible position" },
      { "UPDATE columns SET position = 1 WHERE position = 2", "column 2 appears twice" },
      { "INSERT INTO columns VALUES (99, 'Ghost', 'c99', 'text', NULL, 0)",
        "column 100 of its table “columns” has no data: its table “leads” has no column “c99”" },
      { "UPDATE columns SET name = NULL WHERE position = 2", "column 3 has no readable name" },
      { "UPDATE columns SET name = (SELECT name FROM columns WHERE position = 1) WHERE position = 2",
        "column 3 has the same name or role as another" },
      { "UPDATE columns SET type = 'blob' WHERE position = 2", "column 3 has an unknown type" },
      { "UPDATE columns SET role = 'boss' WHERE position = 2", "column 3 has an unknown role" },
      { "UPDATE columns SET role = 'ID', sql_name = 'key' WHERE position = 2", "column 3 has the same name or role" },
      { "ALTER TABLE leads RENAME COLUMN c2 TO c2x", "its table “leads” has no column “c2”" },
      { "ALTER TABLE columns DROP COLUMN sql_name", "its table “columns” cannot be read" },
    };

    for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
      {
        g_assert_true (g_file_set_contents (path, pristine, (gssize) pristine_len, NULL));
        tamper (path, rows[k].sql);
        assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, rows[k].words);
      }
  }
}

static void
test_migrations (void)
{
  g_autofree char *path = make_workspace_with_leads ("old.tandem", 5);
  const char *const *steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  int v1 = tandem_store_get_latest_schema_version ();
  static const char *good_steps[64];
  static const char *bad_steps[64];

  /* The shipped steps, plus one more that works… */
  g_assert_cmpint (v1, <, 60);
  tandem_store_set_migrations_for_testing (NULL, 0);
  steps = tandem_store_get_migrations_for_testing ();
  for (int i = 0; i < v1; i++)
    good_steps[i] = bad_steps[i] = steps[i];
  good_steps[v1] = "CREATE TABLE later_feature (x INTEGER); ALTER TABLE leads ADD COLUMN extra TEXT;";
  bad_steps[v1] = "CREATE TABLE half_done (x INTEGER); THIS IS NOT SQL;";

  /* …and one that fails half-way: the workspace stays at the old version,
   * with nothing of the failed step in it. */
  tandem_store_set_migrations_for_testing (bad_steps, v1 + 1);
  store = tandem_store_open (path, &error);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Could not update the workspace"));
  g_assert_null (store);
  g_clear_error (&error);

  tandem_store_set_migrations_for_testing (NULL, 0);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_schema_version (store), ==, v1);
  g_assert_null (tandem_store_prepare (store, "SELECT * FROM half_done", NULL));
  g_clear_object (&store);

  tandem_store_set_migrations_for_testing (good_steps, v1 + 1);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_schema_version (store), ==, v1 + 1);
  {
    g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "SELECT x FROM later_feature", &error);
    g_assert_no_error (error);
    g_assert_nonnull (stmt);
  }
  g_assert_cmpint (tandem_store_count_leads (store), ==, 5);
  g_clear_object (&store);

  /* That file is now too new for the shipped list. */
  tandem_store_set_migrations_for_testing (NULL, 0);
  assert_refused (path, TANDEM_STORE_ERROR_TOO_NEW, "newer version");
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
assert_no_companions (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", file);
    }
}

/* Read-only: reads work, writes are refused, and the file (in WAL or in
 * rollback-journal mode) is left byte for byte as it was, with no -wal or
 * -shm behind.  A file that would need a migration is refused, unchanged. */
static void
test_read_only (void)
{
  for (guint delete_mode = 0; delete_mode < 2; delete_mode++)
    {
      g_autofree char *path = make_workspace_with_leads (delete_mode ? "ro-delete.tandem" : "ro-wal.tandem", 50);
      g_autoptr(TandemStore) store = NULL;
      g_autoptr(TandemStore) other = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (delete_mode)
        tamper (path, "SELECT 1");
      else
        {
          /* WAL mode, checkpointed, closed: no -wal or -shm now */
          g_autoptr(TandemStore) writer = tandem_store_open (path, &error);
          g_assert_no_error (error);
          g_assert_true (tandem_store_checkpoint (writer, &error));
        }
      assert_no_companions (path);
      before = file_digest (path);

      store = tandem_store_open_read_only (path, &error);
      g_assert_no_error (error);
      g_assert_true (tandem_store_is_read_only (store));
      g_assert_cmpint (tandem_store_get_schema_version (store), ==, TANDEM_SCHEMA_VERSION);
      g_assert_cmpint (tandem_store_count_leads (store), ==, 50);
      {
        g_autoptr(TandemColumn) id = tandem_store_find_column_by_role (store, "id");
        g_assert_nonnull (id);
      }

      g_assert_false (tandem_store_set_setting (store, "greeting", "hello", &error));
      g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (tandem_store_exec (store, "DELETE FROM leads", &error));
      g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_false (tandem_store_exec (store, "PRAGMA journal_mode = WAL; CREATE TABLE x (y)", &error));
      g_assert_nonnull (error);
      g_clear_error (&error);

      /* A second connection for a worker is read-only too */
      other = tandem_store_open_another (store, &error);
      g_assert_no_error (error);
      g_assert_true (tandem_store_is_read_only (other));
      g_assert_cmpint (tandem_store_count_leads (other), ==, 50);
      g_assert_false (tandem_store_set_setting (other, "greeting", "hello", &error));
      g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_clear_object (&other);
      g_clear_object (&store);

      after = file_digest (path);
      g_assert_cmpstr (before, ==, after);
      assert_no_companions (path);
      /* Still in its journal mode: header byte 18 is 1 (rollback) or 2 (WAL) */
      {
        g_autofree char *contents = NULL;
        gsize len;
        g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
        g_assert_cmpint (contents[18], ==, delete_mode ? 1 : 2);
      }

      /* An older format needs a migration: refused, the file unchanged */
      {
        static const char *steps[64];
        const char *const *shipped;
        int v = tandem_store_get_latest_schema_version ();

        tandem_store_set_migrations_for_testing (NULL, 0);
        shipped = tandem_store_get_migrations_for_testing ();
        for (int i = 0; i < v; i++)
          steps[i] = shipped[i];
        steps[v] = "CREATE TABLE later_feature (x INTEGER)";
        tandem_store_set_migrations_for_testing (steps, v + 1);
        store = tandem_store_open_read_only (path, &error);
        tandem_store_set_migrations_for_testing (NULL, 0);
        g_assert_null (store);
        g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY);
        g_assert_nonnull (strstr (error->message, "older workspace format"));
        g_clear_error (&error);
        g_clear_pointer (&after, g_free);
        after = file_digest (path);
        g_assert_cmpstr (before, ==, after);
        assert_no_companions (path);
      }
    }
}

/* A read-only store removes the -wal and -shm it made only when no other
 * process uses them: one that opened the file meanwhile keeps them.      */
static void
test_read_only_shared (void)
{
  g_autofree char *path = make_workspace_with_leads ("shared.tandem", 20);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *sqlite = g_find_program_in_path ("sqlite3");
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-batch", NULL, NULL };
  char buf[64] = { 0, };
  int in_fd, out_fd;
  GPid pid;
  int status;

  if (sqlite == NULL)
    {
      g_test_skip ("the sqlite3 shell is not installed");
      return;
    }
  assert_no_companions (path);
  store = tandem_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count_leads (store), ==, 20);

  /* Another process reads the workspace and keeps it open */
  argv[0] = sqlite;
  argv[2] = path;
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &pid, &in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (write (in_fd, "SELECT count(*) FROM leads;\n", 28), ==, 28);
  g_assert_cmpint (read (out_fd, buf, sizeof buf - 1), >, 0);
  g_assert_cmpstr (buf, ==, "20\n");

  g_clear_object (&store);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

  close (in_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  close (out_fd);
  g_spawn_close_pid (pid);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
}

/* A process stopped inside a rollback-journal transaction left a hot
 * journal: reading only cannot roll it back, so the read-only open says
 * so and changes nothing; a writing open repairs it.                     */
static void
test_read_only_hot_journal (void)
{
  g_autofree char *path = make_workspace_with_leads ("hot.tandem", 200);
  g_autofree char *copy = test_tmp_path ("hot-copy.tandem");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *copy_journal = g_strconcat (copy, "-journal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  tamper (path, "SELECT 1");
  /* A transaction big enough to spill into the file; its files copied
   * mid-way are what a crash leaves. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cache_size = 2; BEGIN; DELETE FROM leads", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  copy_file (path, copy);
  copy_file (journal, copy_journal);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  before = file_digest (copy);
  store = tandem_store_open_read_only (copy, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "half-written"));
  g_clear_error (&error);
  after = file_digest (copy);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_test (copy_journal, G_FILE_TEST_EXISTS));

  store = tandem_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count_leads (store), ==, 200);
}

static gboolean
dir_has_partial (const char *dir_name)
{
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (dir)) != NULL)
    if (strstr (entry, ".creating-") != NULL)
      return TRUE;
  return FALSE;
}

/* An unpublished workspace is at a temporary name; dropped, it leaves
 * nothing; published, it is at the path, whole.  Temporary files of dead
 * processes go; something that appeared at the path is never replaced.  */
static void
test_unpublished (void)
{
  g_autofree char *path = test_tmp_path ("later.tandem");
  const char *dir = g_get_user_cache_dir ();
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *stale_wal = NULL;
  GPid child;
  int status;

  /* Leftovers of a process that has died */
  child = fork ();
  if (child == 0)
    _exit (0);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  stale = g_strdup_printf ("%s.creating-%d", path, (int) child);
  stale_wal = g_strconcat (stale, "-wal", NULL);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (stale_wal, "half", -1, NULL));

  store = tandem_store_create_unpublished (path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (tandem_store_get_path (store), ".creating-"));
  {
    g_autofree char *title = tandem_store_dup_title (store);
    g_assert_cmpstr (title, ==, "later");
  }
  g_assert_true (tandem_store_set_setting (store, "greeting", "hello", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_companions (path);
  g_assert_false (dir_has_partial (dir));

  store = tandem_store_create_unpublished (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_set_setting (store, "greeting", "hello", &error));
  g_assert_true (tandem_store_publish (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_store_get_path (store), ==, path);
  g_assert_true (tandem_store_set_setting (store, "farewell", "bye", &error));
  g_assert_no_error (error);
  g_assert_false (dir_has_partial (dir));
  g_clear_object (&store);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *hello = tandem_store_dup_setting (store, "greeting");
    g_autofree char *bye = tandem_store_dup_setting (store, "farewell");
    g_assert_cmpstr (hello, ==, "hello");
    g_assert_cmpstr (bye, ==, "bye");
  }
}

static void
test_publish_never_replaces (void)
{
  g_autofree char *path = test_tmp_path ("raced.tandem");
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = tandem_store_create_unpublished (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "someone else's", -1, NULL));
  g_assert_false (tandem_store_publish (store, &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS);
  g_clear_object (&store);
  test_assert_file_contents (path, "someone else's", 14);
  g_assert_false (dir_has_partial (g_get_user_cache_dir ()));
}

/* A symbolic link to nothing, a named pipe: said so, never followed,
 * never waited on. */
static void
test_not_regular (void)
{
  g_autofree char *link = test_tmp_path ("dangling.tandem");
  g_autofree char *target = test_tmp_path ("nowhere/x.tandem");
  g_autofree char *fifo = test_tmp_path ("pipe.tandem");
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (target, link), ==, 0);
  store = tandem_store_create (link, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "is a symbolic link to"));
  g_assert_nonnull (strstr (error->message, "a file that does not exist"));
  g_clear_error (&error);
  store = tandem_store_open (link, &error);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "which does not exist"));
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint read_only = 0; read_only < 2; read_only++)
    {
      store = read_only ? tandem_store_open_read_only (fifo, &error) : tandem_store_open (fifo, &error);
      g_assert_null (store);
      g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_WORKSPACE);
      g_assert_nonnull (strstr (error->message, "“pipe.tandem” is not a regular file (a named pipe)"));
      g_clear_error (&error);
    }
}


/* The workspace's currency: the locale's when new, set by name, hostile
 * values refused at the door, nothing written to read it */
static void
test_currency (void)
{
  static const char *const hostile[] = {
    "UPDATE settings SET value = 'EURO' WHERE key = 'currency'",
    "UPDATE settings SET value = 'eur' WHERE key = 'currency'",
    "UPDATE settings SET value = 'XXX' WHERE key = 'currency'",
    "UPDATE settings SET value = 'EUR''); DROP TABLE leads; --' WHERE key = 'currency'",
    "UPDATE settings SET value = 978 WHERE key = 'currency'",
    "UPDATE settings SET value = x'455552' WHERE key = 'currency'",
  };
  static const char *const refused[] = { "EURO", "eur", "", "XXX", "€", "E R", NULL };
  g_autofree char *path = make_workspace_with_leads ("currency.tandem", 20);
  g_autofree char *pristine = NULL;
  g_autoptr(GError) error = NULL;
  gsize pristine_len;

  /* New: the locale's (C here), stored */
  {
    g_autoptr(TandemStore) store = tandem_store_open (path, &error);
    g_autofree char *currency = NULL;
    g_autofree char *stored = NULL;

    g_assert_no_error (error);
    currency = tandem_store_dup_currency (store, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (currency, ==, "USD");
    stored = tandem_store_dup_setting (store, "currency");
    g_assert_cmpstr (stored, ==, "USD");

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autofree char *again = NULL;

        g_assert_false (tandem_store_set_currency (store, refused[i], &error));
        g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, "ISO 4217"));
        g_clear_error (&error);
        again = tandem_store_dup_currency (store, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (again, ==, "USD");
      }

    g_assert_true (tandem_store_set_currency (store, "EUR", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(TandemStore) store = tandem_store_open (path, &error);
    g_autofree char *currency = NULL;

    g_assert_no_error (error);
    currency = tandem_store_dup_currency (store, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (currency, ==, "EUR");
    g_assert_true (tandem_store_checkpoint (store, &error));
  }

  /* Read-only: read, not written, refused to change */
  {
    g_autofree char *before = file_digest (path);
    g_autofree char *after = NULL;
    g_autofree char *currency = NULL;
    g_autoptr(TandemStore) store = tandem_store_open_read_only (path, &error);

    g_assert_no_error (error);
    currency = tandem_store_dup_currency (store, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (currency, ==, "EUR");
    g_assert_false (tandem_store_set_currency (store, "GBP", &error));
    g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_clear_object (&store);
    after = file_digest (path);
    g_assert_cmpstr (before, ==, after);
    assert_no_companions (path);
  }

  /* A workspace from before currencies: the locale's, and nothing written */
  g_assert_true (g_file_get_contents (path, &pristine, &pristine_len, NULL));
  tamper (path, "DELETE FROM settings WHERE key = 'currency'");
  {
    g_autofree char *before = file_digest (path);
    g_autofree char *after = NULL;
    g_autofree char *currency = NULL;
    g_autoptr(TandemStore) store = tandem_store_open_read_only (path, &error);

    g_assert_no_error (error);
    currency = tandem_store_dup_currency (store, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (currency, ==, "USD");
    g_clear_object (&store);
    after = file_digest (path);
    g_assert_cmpstr (before, ==, after);
  }

  /* Anything else is refused, naming the table and the key, the file untouched */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_test_message ("%s", hostile[i]);
      g_assert_true (g_file_set_contents (path, pristine, (gssize) pristine_len, NULL));
      tamper (path, hostile[i]);
      assert_refused (path, TANDEM_STORE_ERROR_CORRUPT, "in its table “settings”, “currency”");
      {
        g_autoptr(TandemStore) store = tandem_store_open_read_only (path, &error);
        g_assert_null (store);
        g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
      }
    }

  /* In memory too */
  {
    g_autoptr(TandemStore) memory = tandem_store_new_memory (&error);
    g_autofree char *currency = NULL;

    g_assert_no_error (error);
    currency = tandem_store_dup_currency (memory, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (currency, ==, "USD");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/store/dup-for-thread", test_dup_for_thread);
  g_test_add_func ("/store/create-existing", test_create_existing);
  g_test_add_func ("/store/open-missing", test_open_missing);
  g_test_add_func ("/store/refuse/foreign", test_refuse_foreign);
  g_test_add_func ("/store/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/store/refuse/corrupt", test_refuse_corrupt);
  g_test_add_func ("/store/refuse/newer", test_refuse_newer);
  g_test_add_func ("/store/refuse/hostile", test_refuse_hostile);
  g_test_add_func ("/store/refuse/hostile-columns", test_refuse_hostile_columns);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/currency", test_currency);
  g_test_add_func ("/store/read-only-shared", test_read_only_shared);
  g_test_add_func ("/store/read-only-hot-journal", test_read_only_hot_journal);
  g_test_add_func ("/store/unpublished", test_unpublished);
  g_test_add_func ("/store/publish-never-replaces", test_publish_never_replaces);
  g_test_add_func ("/store/not-regular", test_not_regular);

  return g_test_run ();
}
