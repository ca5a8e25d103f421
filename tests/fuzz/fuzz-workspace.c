/* fuzz-workspace.c — structure-aware libFuzzer harness for workspaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-open mutates a workspace's bytes, and so mostly finds files SQLite
 * itself refuses.  This harness starts from a valid workspace (a small
 * demo: columns, leads, events, stage history, a live model, a scenario,
 * stages, the service level) and mutates the *values* in its tables: the
 * input is read as a list of edits, each naming a table, a row, a column
 * and a new value — a hostile value from a dictionary (SQL, deep JSON,
 * numbers past every range), bytes from the input, an extreme integer or
 * real, NULL — or, for a JSON document, one token inside it replaced, so
 * the rest of the document stays valid and the reader goes deep.
 *
 * Then every command that only reads runs on the file, through the real
 * tandem-cli (tandem_cli_run(), its own entry point): info, score,
 * explain, matrix, insights, diff, sql in both dialects, rules list and export,
 * taxonomy, waterfall, sla and plan --scenario (the input's first three
 * bytes choose which; all of them when those are zero).  Each must end with exit
 * status 0, 1 or 2 — never a crash, a sanitizer report or a hang
 * (libFuzzer's -timeout) — and leave the file byte for byte as it was.
 */

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-cli.h"
#include "tandem-demo.h"
#include "tandem-store-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

typedef struct
{
  char  *name;
  GStrv  columns;
} Table;

static char *base_bytes;
static gsize base_length;
static GPtrArray *tables;            /* of Table */
static GPtrArray *dictionary;        /* of char * */
static char *work_path;
static int devnull = -1;

/* Values a hostile file would hold: each of them once broke, or could
 * break, a reader that trusted the file.                               */
static void
build_dictionary (void)
{
  static const char *const words[] = {
    "(WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r)",
    "c1 FROM leads; DROP TABLE leads; --",
    "(SELECT group_concat(name) FROM sqlite_master)",
    "key", "c1", "c2", "c0", "c999999", "c-1", "id", "leads", "\"", "'", "''", "\\", "`",
    "1e999", "-1e999", "1e20", "1e308", "1e-400", "99999999999999999999", "-99999999999999999999",
    "9223372036854775807", "-9223372036854775808", "2147483648", "4294967296", "NaN", "Infinity",
    "-0", "0", "0x10", "1.5", "-1", "",
    "text", "number", "date", "boolean", "datetime",
    "id", "created", "stage", "stage-date:MQL", "outcome", "amount", "source", "owner", "first-touch",
    "attribute", "won", "lost", "open", "disqualified", "marketing", "sales",
    "{}", "[]", "null", "true", "{\"name\": \"x\"}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "2024-02-30", "9999-12-31", "0000-00-00", "2024-01-01T25:61:61", "-4713-01-01",
    "\n", "\r\n", "\t", "\xef\xbb\xbf", "\xff\xfe", "\xc3\x28", "\xe2\x80\xae",
    "=HYPERLINK(\"http://x\")", "\xef\xbc\x9d" "1+1",
  };
  GString *deep_array = g_string_new (NULL);
  GString *deep_object = g_string_new (NULL);

  dictionary = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_ptr_array_add (dictionary, g_strdup (words[i]));

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep_array, '[');
  g_ptr_array_add (dictionary, g_string_free (deep_array, FALSE));
  for (guint i = 0; i < 50000; i++)
    g_string_append (deep_object, "{\"a\":");
  g_ptr_array_add (dictionary, g_string_free (deep_object, FALSE));
  g_ptr_array_add (dictionary, g_strnfill (100000, 'A'));
}

static void
table_free (gpointer data)
{
  Table *t = data;

  g_free (t->name);
  g_strfreev (t->columns);
  g_free (t);
}

/* The tables and columns of the base workspace, as SQLite lists them. */
static void
read_schema (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  tables = g_ptr_array_new_with_free_func (table_free);
  g_assert (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL) == SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Table *t = g_new0 (Table, 1);
      g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
      sqlite3_stmt *info = NULL;
      g_autofree char *sql = NULL;

      t->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid", t->name);
      g_assert (sqlite3_prepare_v2 (db, sql, -1, &info, NULL) == SQLITE_OK);
      while (sqlite3_step (info) == SQLITE_ROW)
        g_strv_builder_add (columns, (const char *) sqlite3_column_text (info, 0));
      sqlite3_finalize (info);
      t->columns = g_strv_builder_end (columns);
      if (t->columns[0] != NULL)
        g_ptr_array_add (tables, t);
      else
        table_free (t);
    }
  sqlite3_finalize (stmt);
}

static int
run_cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int code, saved_stderr, saved_stdout;

  g_ptr_array_add (argv, "tandem-cli");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  fflush (stdout);
  fflush (stderr);
  saved_stdout = dup (1);
  saved_stderr = dup (2);
  dup2 (devnull, 1);
  dup2 (devnull, 2);
  code = tandem_cli_run ((int) argv->len - 1, (char **) argv->pdata);
  fflush (stdout);
  fflush (stderr);
  dup2 (saved_stdout, 1);
  dup2 (saved_stderr, 2);
  close (saved_stdout);
  close (saved_stderr);
  if (code != 0 && code != 1 && code != 2)
    {
      fprintf (stderr, "tandem-cli %s exited %d\n", args[0], code);
      abort ();
    }
  return code;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autofree char *base_path = NULL;
  g_autoptr(GDate) end = g_date_new_dmy (30, G_DATE_JUNE, 2025);
  sqlite3 *db = NULL;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  devnull = open ("/dev/null", O_WRONLY);
  build_dictionary ();

  base_path = g_strdup_printf ("%s/tandem-fuzz-base-%d.tandem", g_get_tmp_dir (), (int) getpid ());
  work_path = g_strdup_printf ("%s/tandem-fuzz-ws-%d.tandem", g_get_tmp_dir (), (int) getpid ());
  tandem_store_delete_files (base_path);

  /* A small demo: every table has rows, every reader has work. */
  store = tandem_store_create (base_path, &error);
  g_assert (store != NULL);
  g_assert (tandem_demo_generate (store, 60, 7, end, NULL, &error));
  g_assert (tandem_store_checkpoint (store, &error));
  g_clear_object (&store);
  {
    /* One file, no -wal beside it: the copy below is the whole workspace */
    g_assert (sqlite3_open_v2 (base_path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK);
    g_assert (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK);
    read_schema (db);
    sqlite3_close (db);
  }
  g_assert (g_file_get_contents (base_path, &base_bytes, &base_length, NULL));
  tandem_store_delete_files (base_path);
  return 0;
}

/* A reader of the fuzz input: every read past its end gives zeros. */
typedef struct
{
  const guint8 *data;
  size_t        size;
  size_t        at;
} Input;

static guint
take_byte (Input *in)
{
  return in->at < in->size ? in->data[in->at++] : 0;
}

static guint64
take_u64 (Input *in)
{
  guint64 v = 0;

  for (guint i = 0; i < 8; i++)
    v = (v << 8) | take_byte (in);
  return v;
}

static char *
take_text (Input *in)
{
  guint length = take_byte (in);
  size_t n = MIN ((size_t) length, in->size - MIN (in->at, in->size));
  char *text = g_strndup ((const char *) in->data + in->at, n);

  in->at += n;
  return text;
}

/* The spans of a JSON text's scalar tokens (strings, numbers, words) and
 * of its brackets, found without parsing, so that one can be replaced. */
static GArray *
json_token_spans (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (gsize) * 2);

  for (gsize i = 0; text[i] != '\0';)
    {
      gsize start = i;
      char c = text[i];

      if (c == '"')
        {
          for (i++; text[i] != '\0' && text[i] != '"'; i++)
            if (text[i] == '\\' && text[i + 1] != '\0')
              i++;
          if (text[i] == '"')
            i++;
        }
      else if (g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.')
        {
          while (g_ascii_isalnum (text[i]) || text[i] == '-' || text[i] == '+' || text[i] == '.')
            i++;
        }
      else if (c == '{' || c == '[' || c == '}' || c == ']')
        i++;
      else
        {
          i++;
          continue;
        }
      {
        gsize span[2] = { start, i };
        g_array_append_val (spans, span);
      }
    }
  return spans;
}

static char *
choose_value (Input *in)
{
  guint kind = take_byte (in) % 3;

  if (kind == 0)
    return g_strdup (g_ptr_array_index (dictionary, take_byte (in) % dictionary->len));
  if (kind == 1)
    return take_text (in);
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) take_u64 (in));
}

/* One edit.  Returns FALSE when the input has no more. */
static gboolean
apply_edit (sqlite3 *db,
            Input   *in)
{
  const Table *t;
  const char *column;
  guint n_columns, row, how;
  g_autofree char *select = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 rowid = 0;
  gboolean found = FALSE;
  g_autofree char *current = NULL;

  if (in->at >= in->size)
    return FALSE;
  t = g_ptr_array_index (tables, take_byte (in) % tables->len);
  n_columns = g_strv_length (t->columns);
  column = t->columns[take_byte (in) % n_columns];
  row = take_byte (in);
  how = take_byte (in) % 10;

  /* Names come from this harness's own schema read, never from the input */
  select = g_strdup_printf ("SELECT rowid, \"%s\" FROM \"%s\" ORDER BY rowid LIMIT 1 OFFSET "
                            "(%u %% max (1, (SELECT count(*) FROM \"%s\")))", column, t->name, row, t->name);
  if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      rowid = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
        current = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (!found)
    return TRUE;

  if (how == 9)
    {
      /* Delete the row, or copy it with a new rowid */
      g_autofree char *sql = take_byte (in) % 2 == 0
        ? g_strdup_printf ("DELETE FROM \"%s\" WHERE rowid = %" G_GINT64_FORMAT, t->name, rowid)
        : g_strdup_printf ("INSERT OR IGNORE INTO \"%s\" SELECT * FROM \"%s\" WHERE rowid = %" G_GINT64_FORMAT,
                           t->name, t->name, rowid);
      sqlite3_exec (db, sql, NULL, NULL, NULL);
      return TRUE;
    }

  {
    g_autofree char *sql = g_strdup_printf ("UPDATE OR IGNORE \"%s\" SET \"%s\" = ?1 WHERE rowid = ?2", t->name, column);
    g_autofree char *value = NULL;

    if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
      return TRUE;
    sqlite3_bind_int64 (stmt, 2, rowid);

    if (how <= 3 && current != NULL && (current[0] == '{' || current[0] == '['))
      {
        /* Inside a JSON document: one token replaced, the rest kept */
        g_autoptr(GArray) spans = json_token_spans (current);

        if (spans->len > 0)
          {
            const gsize *span = (const gsize *) spans->data + 2 * ((take_byte (in) << 8 | take_byte (in)) % spans->len);
            g_autofree char *replacement = choose_value (in);
            gboolean quote = take_byte (in) % 2 == 0;
            GString *edited = g_string_new_len (current, (gssize) span[0]);

            if (quote)
              g_string_append_c (edited, '"');
            g_string_append (edited, replacement);
            if (quote)
              g_string_append_c (edited, '"');
            g_string_append (edited, current + span[1]);
            value = g_string_free (edited, FALSE);
          }
      }

    if (value != NULL)
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
    else
      switch (how)
        {
        case 4:
          sqlite3_bind_null (stmt, 1);
          break;
        case 5:
          sqlite3_bind_int64 (stmt, 1, (gint64) take_u64 (in));
          break;
        case 6:
          {
            guint64 bits = take_u64 (in);
            double d;

            memcpy (&d, &bits, sizeof d);
            sqlite3_bind_double (stmt, 1, d);
          }
          break;
        case 7:
          {
            g_autofree char *blob = take_text (in);
            sqlite3_bind_blob (stmt, 1, blob, (int) strlen (blob), SQLITE_TRANSIENT);
          }
          break;
        default:
          value = choose_value (in);
          sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
          break;
        }
    sqlite3_step (stmt);
    sqlite3_finalize (stmt);
  }
  return TRUE;
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("(unreadable)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
}

static char *
first_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  Input in = { data, size, 0 };
  guint32 chosen;
  sqlite3 *db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *model_a = NULL;
  g_autofree char *model_b = NULL;

  tandem_store_delete_files (work_path);
  if (!g_file_set_contents (work_path, base_bytes, (gssize) base_length, NULL))
    return 0;

  /* The edits, in one transaction of a plain connection: the harness is
   * the attacker writing the file, not Tandem reading it.            */
  if (sqlite3_open_v2 (work_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return 0;
    }
  /* Which commands run: the first three bytes (none set: every one), so
   * an input costs a few commands, not all seventeen                 */
  chosen = take_byte (&in) << 16 | take_byte (&in) << 8 | take_byte (&in);
  if (chosen == 0)
    chosen = G_MAXUINT32;

  sqlite3_exec (db, "PRAGMA foreign_keys = OFF; BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < 16 && apply_edit (db, &in); i++)
    ;
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  lead = first_text (db, "SELECT key FROM leads ORDER BY id LIMIT 1");
  scenario = first_text (db, "SELECT name FROM scenarios ORDER BY id LIMIT 1");
  model_a = first_text (db, "SELECT name FROM models ORDER BY id LIMIT 1");
  model_b = first_text (db, "SELECT name FROM models ORDER BY id DESC LIMIT 1");
  sqlite3_close (db);
  before = file_digest (work_path);

  {
    const char *const commands[][8] = {
      { "info", work_path, "--json", NULL },
      { "info", work_path, NULL },
      { "score", work_path, "--as-of", "2025-07-01", NULL },
      { "score", work_path, "--format", "json", "--as-of", "2025-07-01", NULL },
      { "matrix", work_path, "--json", NULL },
      { "insights", work_path, "--json", "--as-of", "2025-07-01", NULL },
      { "sql", work_path, "--dialect", "postgres", NULL },
      { "sql", work_path, "--dialect", "sqlite", NULL },
      { "rules", "list", work_path, NULL },
      { "rules", "export", work_path, NULL },
      { "taxonomy", work_path, "--json", NULL },
      { "waterfall", work_path, "--json", NULL },
      { "waterfall", work_path, "--mode", "flow", "--by", "Source", NULL },
      { "sla", work_path, "--json", NULL },
    };

    guint n = G_N_ELEMENTS (commands);

    for (guint i = 0; i < n; i++)
      if (chosen & (1u << i))
        run_cli (commands[i]);
    if (lead != NULL && (chosen & (1u << n)))
      run_cli ((const char *const[]) { "explain", work_path, lead, "--as-of", "2025-07-01", NULL });
    if (scenario != NULL && (chosen & (1u << (n + 1))))
      run_cli ((const char *const[]) { "plan", work_path, "--scenario", scenario, "--json", NULL });
    if (model_a != NULL && model_b != NULL && (chosen & (1u << (n + 2))))
      run_cli ((const char *const[]) { "diff", work_path, model_a, model_b, "--json", NULL });
  }

  /* Reading never writes: the file is as the attacker left it */
  after = file_digest (work_path);
  if (strcmp (before, after) != 0)
    {
      fprintf (stderr, "a command that only reads changed the workspace\n");
      abort ();
    }
  {
    g_autofree char *wal = g_strconcat (work_path, "-wal", NULL);
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        fprintf (stderr, "a command that only reads left %s behind\n", wal);
        abort ();
      }
  }
  return 0;
}
