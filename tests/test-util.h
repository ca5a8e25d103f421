/* test-util.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "tandem-store-private.h"

/* @n, or @small under TANDEM_TEST_SMALL (set by the sanitizer stage of
 * build-aux/test.sh, where every step runs several times slower): the
 * same checks on fewer leads.                                          */
static inline guint
test_size (guint n,
           guint small)
{
  return g_getenv ("TANDEM_TEST_SMALL") != NULL ? small : n;
}

/* A path in the test case's own directory: G_TEST_OPTION_ISOLATE_DIRS gives
 * every test case fresh XDG directories (the temporary directory is shared). */
static inline char *
test_tmp_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static inline char *
test_write_file (const char *name,
                 const char *contents,
                 gssize      length)
{
  char *path = test_tmp_path (name);
  GError *error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static inline void
test_assert_file_contents (const char *path,
                           const char *expected,
                           gsize       expected_len)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, expected_len);
  g_assert_true (memcmp (contents, expected, len) == 0);
  g_free (contents);
}

/* A digest of everything a workspace holds: the schema and every row of
 * every table, in a fixed order.  Equal digests, equal workspaces.      */
static inline char *
test_workspace_digest (TandemStore *store)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = tandem_store_get_db (store);
  sqlite3_stmt *tables = NULL;
  char *digest;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      const char *sql = (const char *) sqlite3_column_text (tables, 1);
      char *select;
      sqlite3_stmt *rows = NULL;

      g_checksum_update (sum, (const guchar *) name, -1);
      if (sql)
        g_checksum_update (sum, (const guchar *) sql, -1);
      if (sql == NULL || g_ascii_strncasecmp (sql, "CREATE TABLE", 12) != 0)
        continue;

      /* Table names come from the schema of our own test workspace. */
      select = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (rows); i++)
          {
            const guchar *v = sqlite3_column_text (rows, i);
            g_checksum_update (sum, v ? v : (const guchar *) "\\N", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (rows);
      g_free (select);
    }
  sqlite3_finalize (tables);

  digest = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  return digest;
}
