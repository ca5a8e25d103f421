/* test-snapshot.c — the columnar snapshot: the same scores as the rows, and
 * never used when stale, damaged or forged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small chunks (64 leads) so that every workspace here spans many.
 */

#include <math.h>
#include <string.h>
#include <zstd.h>

#include "tandem-csv.h"
#include "tandem-demo.h"
#include "tandem-scorer.h"
#include "tandem-snapshot.h"
#include "test-util.h"

static TandemModel *
model_from_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  TandemModel *model;

  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  model = tandem_model_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  return model;
}

static TandemScorer *
score (TandemStore *store,
       TandemModel *model,
       gboolean     from_snapshot)
{
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_FEBRUARY, 2024);
  g_autoptr(GError) error = NULL;
  TandemScorer *scorer;

  tandem_snapshot_set_enabled_for_testing (from_snapshot);
  scorer = tandem_scorer_new (store, model, as_of, NULL, &error);
  tandem_snapshot_set_enabled_for_testing (TRUE);
  g_assert_no_error (error);
  return scorer;
}

/* Every lead the same from the snapshot as from the rows: its key, its
 * row, its scores to the bit, every rule's firing and the explanation. */
static void
assert_same_as_rows (TandemStore *store,
                     TandemModel *model)
{
  g_autoptr(TandemScorer) snap = score (store, model, TRUE);
  g_autoptr(TandemScorer) rows = score (store, model, FALSE);
  g_autoptr(GString) csv = g_string_new ("");
  g_autoptr(GString) slow = g_string_new ("id,fit,interest,grade,mql\n");
  guint n = tandem_scorer_get_n_leads (rows);

  /* The CSV, written on two threads from 4096 leads on, is what one
   * printf a lead writes */
  tandem_scorer_append_csv (snap, csv);
  for (guint i = 0; i < n; i++)
    {
      TandemScore b;
      g_autofree char *grade = tandem_scorer_dup_grade (rows, i);
      char fit[G_ASCII_DTOSTR_BUF_SIZE], interest[G_ASCII_DTOSTR_BUF_SIZE];

      tandem_scorer_get_score (rows, i, &b);
      tandem_csv_append_field (slow, tandem_scorer_get_key (rows, i));
      g_string_append_printf (slow, ",%s,%s,%s,%d\n", g_ascii_formatd (fit, sizeof fit, "%.2f", b.fit),
                              g_ascii_formatd (interest, sizeof interest, "%.2f", b.interest), grade, b.mql);
    }
  g_assert_cmpstr (csv->str, ==, slow->str);

  g_assert_cmpuint (tandem_scorer_get_n_leads (snap), ==, n);
  for (guint i = 0; i < n; i++)
    {
      TandemScore a, b;

      g_assert_cmpstr (tandem_scorer_get_key (snap, i), ==, tandem_scorer_get_key (rows, i));
      g_assert_cmpint (tandem_scorer_get_row (snap, i), ==, tandem_scorer_get_row (rows, i));
      g_assert_cmpint (tandem_scorer_find_lead (snap, tandem_scorer_get_key (rows, i)), ==, (int) i);
      tandem_scorer_get_score (snap, i, &a);
      tandem_scorer_get_score (rows, i, &b);
      g_assert_true (memcmp (&a.fit, &b.fit, sizeof a.fit) == 0);
      g_assert_true (memcmp (&a.interest, &b.interest, sizeof a.interest) == 0);
      for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
        for (guint r = 0; r < tandem_model_get_dimension (model, d)->rules->len; r++)
          g_assert_cmpint (tandem_scorer_rule_fired (snap, d, r, i), ==, tandem_scorer_rule_fired (rows, d, r, i));
      if (i % 97 == 0)
        {
          g_autofree char *x = tandem_scorer_explain (snap, i);
          g_autofree char *y = tandem_scorer_explain (rows, i);
          g_assert_cmpstr (x, ==, y);
        }
    }
}

/* Whether a scorer built now reads the snapshot (no rows read) */
static gboolean
loads (TandemStore *store,
       char       **why)
{
  g_autoptr(TandemScorer) probe = g_new0 (TandemScorer, 1);

  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) types = tandem_store_list_event_types (store);

  /* Every column and event type the workspace has */
  probe->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_column_free);
  probe->event_series = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_event_series_free);
  for (guint i = 0; i < columns->len; i++)
    {
      Column *c = g_new0 (Column, 1);
      c->name = g_strdup (((TandemColumn *) g_ptr_array_index (columns, i))->name);
      g_ptr_array_add (probe->columns, c);
    }
  for (guint i = 0; i < types->len; i++)
    {
      EventSeries *e = g_new0 (EventSeries, 1);
      e->type = g_strdup (g_ptr_array_index (types, i));
      g_ptr_array_add (probe->event_series, e);
    }
  return tandem_snapshot_load (probe, store, why);
}

static void
import (TandemStore     *store,
        const char      *fixture,
        TandemImportKind kind)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixture, NULL);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GError) error = NULL;

  tandem_csv_options_set_kind (options, kind);
  tandem_store_import_csv (store, path, options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static TandemStore *
fixture_workspace (const char *name)
{
  g_autofree char *path = test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_store_create (path, &error);

  g_assert_no_error (error);
  import (store, "leads.csv", TANDEM_IMPORT_LEADS);
  g_assert_true (tandem_store_has_current_snapshot (store));
  import (store, "deals.csv", TANDEM_IMPORT_MERGE);
  g_assert_true (tandem_store_has_current_snapshot (store));
  import (store, "events.tsv", TANDEM_IMPORT_EVENTS);
  g_assert_true (tandem_store_has_current_snapshot (store));
  return store;
}

static void
test_fixtures (void)
{
  g_autoptr(TandemStore) store = fixture_workspace ("fixtures.tandem");
  g_autoptr(TandemModel) model = model_from_fixture ("model-every-op.json");
  g_autofree char *why = NULL;

  g_autoptr(TandemModel) on_ids = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (loads (store, &why));
  assert_same_as_rows (store, model);

  /* The id column is stored from the keys, not read again: the same */
  on_ids = tandem_model_new_from_json ("{\"name\": \"ids\", \"fit\": {\"bands\": [5], \"rules\": ["
                                       "{\"field\": \"Prospect ID\", \"op\": \"in\", \"value\": [\"P-002\", \"p-004\"], \"points\": 7},"
                                       "{\"field\": \"Prospect ID\", \"op\": \"ends-with\", \"value\": \"3\", \"points\": 1}]},"
                                       " \"interest\": {\"bands\": [1]}, \"mql\": [\"A1\"]}", -1, &error);
  g_assert_no_error (error);
  assert_same_as_rows (store, on_ids);
  {
    g_autoptr(TandemScorer) scorer = score (store, on_ids, TRUE);
    TandemScore s;

    tandem_scorer_get_score (scorer, (guint) tandem_scorer_find_lead (scorer, "P-002"), &s);
    g_assert_cmpfloat (s.fit, ==, 7);
    tandem_scorer_get_score (scorer, (guint) tandem_scorer_find_lead (scorer, "P-003"), &s);
    g_assert_cmpfloat (s.fit, ==, 1);
  }
}

static void
test_demo (void)
{
  g_autofree char *path = test_tmp_path ("demo.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, &error);
  g_autoptr(GDate) end = g_date_new_dmy (1, G_DATE_FEBRUARY, 2024);
  g_autoptr(TandemModel) live = NULL;
  g_autoptr(TandemModel) every_op = model_from_fixture ("model-demo-every-op.json");

  g_assert_no_error (error);
  /* Not a whole number of chunks: the last one is short; more than 4096
   * leads, so that scoring and writing take both cores */
  g_assert_true (tandem_demo_generate (store, 4500 + 17, 7, end, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_store_has_current_snapshot (store));
  live = tandem_model_load (store, NULL, &error);
  g_assert_no_error (error);
  assert_same_as_rows (store, live);
  assert_same_as_rows (store, every_op);
}

/* A workspace with no leads has a snapshot of none */
static void
test_empty (void)
{
  g_autofree char *path = test_tmp_path ("empty.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) created = tandem_store_create (path, &error);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemModel) model = model_from_fixture ("model.json");
  g_autoptr(TandemScorer) scorer = NULL;

  g_assert_no_error (error);
  g_clear_object (&created);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_has_current_snapshot (store));
  g_clear_pointer (&model, tandem_model_unref);
  model = tandem_model_new_from_json ("{\"name\": \"m\", \"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1]}, "
                                      "\"mql\": [\"A1\"]}", -1, &error);
  g_assert_no_error (error);
  scorer = score (store, model, TRUE);
  g_assert_cmpuint (tandem_scorer_get_n_leads (scorer), ==, 0);
}

/* Rows changed by another program: the snapshot is stale, scoring reads
 * the rows, and the next time Tandem opens the workspace it remakes it */
static void
test_stale (void)
{
  g_autoptr(TandemStore) store = fixture_workspace ("stale.tandem");
  g_autoptr(TandemModel) model = model_from_fixture ("model-every-op.json");
  g_autofree char *path = g_strdup (tandem_store_get_path (store));
  g_autofree char *why = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  {
    g_autoptr(TandemScorer) scorer = score (store, model, TRUE);
    before = tandem_scorer_get_n_leads (scorer);
  }
  g_assert_true (tandem_store_exec (store, "INSERT INTO leads (key) VALUES ('Z-1')", &error));
  g_assert_no_error (error);
  g_assert_false (tandem_store_has_current_snapshot (store));
  g_assert_false (loads (store, &why));
  g_assert_nonnull (strstr (why, "stale"));
  {
    g_autoptr(TandemScorer) scorer = score (store, model, TRUE);
    g_assert_cmpuint (tandem_scorer_get_n_leads (scorer), ==, before + 1);
    g_assert_cmpint (tandem_scorer_find_lead (scorer, "Z-1"), ==, (int) before);
  }
  assert_same_as_rows (store, model);

  /* A new column the snapshot does not know is a change too */
  g_clear_object (&store);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_has_current_snapshot (store));
  g_assert_true (tandem_store_exec (store, "UPDATE columns SET nulls = nulls + 1 WHERE position = 1", &error));
  g_assert_false (tandem_store_has_current_snapshot (store));

  g_clear_object (&store);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_has_current_snapshot (store));
  g_clear_pointer (&why, g_free);
  g_assert_true (loads (store, &why));
  assert_same_as_rows (store, model);
}

/* ---- Damaged and forged parts ------------------------------------------ */

static GBytes *
compress (const void *data,
          gsize       size,
          gboolean    checksum)
{
  ZSTD_CCtx *cctx = ZSTD_createCCtx ();
  gsize bound = ZSTD_compressBound (size);
  guint8 *out = g_malloc (bound);
  size_t n;

  ZSTD_CCtx_setParameter (cctx, ZSTD_c_checksumFlag, checksum);
  n = ZSTD_compress2 (cctx, out, bound, data, size);
  g_assert_false (ZSTD_isError (n));
  ZSTD_freeCCtx (cctx);
  return g_bytes_new_take (out, n);
}

static GBytes *
get_part (TandemStore *store,
          const char  *kind,
          const char  *name,
          gint64       chunk)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "SELECT data FROM snapshot WHERE kind = ?1 AND name = ?2 "
                                                              "AND chunk = ?3", NULL);
  const void *blob;
  gsize length;
  unsigned long long size;
  guint8 *data;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, chunk);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  blob = sqlite3_column_blob (stmt, 0);
  length = (gsize) sqlite3_column_bytes (stmt, 0);
  size = ZSTD_getFrameContentSize (blob, length);
  data = g_malloc (size + 1);
  g_assert_cmpuint (ZSTD_decompress (data, size, blob, length), ==, size);
  return g_bytes_new_take (data, size);
}

static void
put_blob (TandemStore *store,
          const char  *kind,
          const char  *name,
          gint64       chunk,
          GBytes      *blob)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "UPDATE snapshot SET data = ?4 WHERE kind = ?1 AND name = ?2 "
                                                              "AND chunk = ?3", NULL);
  gsize size;
  const void *data = g_bytes_get_data (blob, &size);

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, chunk);
  sqlite3_bind_blob (stmt, 4, data, (int) size, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (tandem_store_get_db (store)), ==, 1);
}

/* Replaces a part's content (compressed properly, with a checksum) */
static void
put_part (TandemStore *store,
          const char  *kind,
          const char  *name,
          gint64       chunk,
          const void  *data,
          gsize        size)
{
  g_autoptr(GBytes) blob = compress (data, size, TRUE);
  put_blob (store, kind, name, chunk, blob);
}

typedef void (*Forge) (TandemStore *store);

static void
forge_flipped_byte (TandemStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "SELECT data FROM snapshot WHERE kind = 'column' "
                                                              "AND name = 'Company Size' AND chunk = 0", NULL);
  g_autoptr(GBytes) blob = NULL;
  guint8 *copy;
  gsize length;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  length = (gsize) sqlite3_column_bytes (stmt, 0);
  copy = g_memdup2 (sqlite3_column_blob (stmt, 0), length);
  copy[length / 2] ^= 0x10;
  blob = g_bytes_new_take (copy, length);
  put_blob (store, "column", "Company Size", 0, blob);
}

static void
forge_no_checksum (TandemStore *store)
{
  g_autoptr(GBytes) part = get_part (store, "column", "Company Size", 0);
  g_autoptr(GBytes) blob = compress (g_bytes_get_data (part, NULL), g_bytes_get_size (part), FALSE);
  put_blob (store, "column", "Company Size", 0, blob);
}

static void
forge_short_column (TandemStore *store)
{
  g_autoptr(GBytes) part = get_part (store, "column", "Company Size", 0);
  put_part (store, "column", "Company Size", 0, g_bytes_get_data (part, NULL), g_bytes_get_size (part) - 8);
}

static void
forge_code_out_of_range (TandemStore *store)
{
  g_autoptr(GBytes) part = get_part (store, "column", "Job Title", 0);
  g_autofree guint8 *codes = g_memdup2 (g_bytes_get_data (part, NULL), g_bytes_get_size (part));

  /* Five leads, one byte a code (the dictionary is small): 255 is none */
  g_assert_cmpuint (g_bytes_get_size (part), ==, 5);
  codes[1] = 255;
  put_part (store, "column", "Job Title", 0, codes, g_bytes_get_size (part));
}

static void
forge_rowids_out_of_order (TandemStore *store)
{
  g_autoptr(GBytes) part = get_part (store, "keys", "", 0);
  g_autofree gint64 *keys = g_memdup2 (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  gint64 first = keys[0];
  keys[0] = keys[1];
  keys[1] = first;
  put_part (store, "keys", "", 0, keys, g_bytes_get_size (part));
}

static void
forge_keys_missing_nul (TandemStore *store)
{
  g_autoptr(GBytes) part = get_part (store, "keys", "", 0);
  g_autofree char *keys = g_memdup2 (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  for (gsize i = g_bytes_get_size (part) - 2; i > 0; i--)
    if (keys[i] == '\0')
      {
        keys[i] = 'x';
        break;
      }
  put_part (store, "keys", "", 0, keys, g_bytes_get_size (part));
}

static void
forge_event_counts (TandemStore *store)
{
  g_autoptr(GBytes) part = get_part (store, "events", "pricing_page", 0);
  g_autofree guint32 *counts = g_memdup2 (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  counts[0] = GUINT32_TO_LE (GUINT32_FROM_LE (counts[0]) + 1);
  put_part (store, "events", "pricing_page", 0, counts, g_bytes_get_size (part));
}

static void
forge_boolean (TandemStore *store)
{
  g_autoptr(GBytes) part = get_part (store, "column", "Converted", 0);
  g_autofree gint8 *flags = g_memdup2 (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  flags[0] = 7;
  put_part (store, "column", "Converted", 0, flags, g_bytes_get_size (part));
}

/* The manifest, edited line by line */
static void
forge_manifest (TandemStore *store,
                const char  *find,
                const char  *replace)
{
  g_autoptr(GBytes) part = get_part (store, "manifest", "", 0);
  g_autofree char *text = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  g_autoptr(GString) edited = g_string_new (text);

  g_assert_cmpuint (g_string_replace (edited, find, replace, 1), ==, 1);
  put_part (store, "manifest", "", 0, edited->str, edited->len);
}

static void
forge_lead_count (TandemStore *store)
{
  forge_manifest (store, "leads 5\n", "leads 6\n");
}

static void
forge_column_type (TandemStore *store)
{
  forge_manifest (store, "column number Company Size", "column text Company Size");
}

static void
forge_chunk_size (TandemStore *store)
{
  forge_manifest (store, "chunk 64\n", "chunk 100\n");
}

static void
forge_missing_part (TandemStore *store)
{
  g_assert_true (tandem_store_exec (store, "DELETE FROM snapshot WHERE kind = 'dictionary' AND name = 'Industry'", NULL));
}

static void
forge_garbage_manifest (TandemStore *store)
{
  put_part (store, "manifest", "", 0, "\xff\xfe garbage", 10);
}

typedef struct
{
  const char *name;
  Forge       forge;
  const char *why;   /* what the debug log says */
} Forgery;

static const Forgery forgeries[] = {
  { "flipped-byte", forge_flipped_byte, "damaged" },
  { "no-checksum", forge_no_checksum, "checksum" },
  { "short-column", forge_short_column, "wrong size" },
  { "code-out-of-range", forge_code_out_of_range, "dictionary" },
  { "rowids-out-of-order", forge_rowids_out_of_order, "out of order" },
  { "keys-missing-nul", forge_keys_missing_nul, "keys" },
  { "event-counts", forge_event_counts, "add up" },
  { "boolean", forge_boolean, "neither yes" },
  { "lead-count", forge_lead_count, "counts" },
  { "column-type", forge_column_type, "column" },
  { "chunk-size", forge_chunk_size, "chunk size" },
  { "missing-part", forge_missing_part, "missing" },
  { "garbage-manifest", forge_garbage_manifest, "not text" },
};

/* Each forgery: the snapshot is refused with its reason, a read-only
 * connection scores from the rows, a writable one remakes the snapshot */
static void
test_forged (gconstpointer data)
{
  const Forgery *f = data;
  g_autofree char *name = g_strdup_printf ("%s.tandem", f->name);
  g_autoptr(TandemStore) store = fixture_workspace (name);
  g_autoptr(TandemModel) model = model_from_fixture ("model-every-op.json");
  g_autofree char *path = g_strdup (tandem_store_get_path (store));
  g_autoptr(TandemStore) read_only = NULL;
  g_autofree char *why = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemScorer) expected = score (store, model, FALSE);

  f->forge (store);
  read_only = tandem_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_false (loads (read_only, &why));
  if (strstr (why, f->why) == NULL)
    g_error ("%s: refused for “%s”, not “%s”", f->name, why, f->why);
  {
    g_autoptr(TandemScorer) scorer = score (read_only, model, TRUE);
    g_autofree char *why_again = NULL;

    g_assert_cmpuint (tandem_scorer_get_n_leads (scorer), ==, tandem_scorer_get_n_leads (expected));
    for (guint i = 0; i < tandem_scorer_get_n_leads (scorer); i++)
      {
        TandemScore a, b;
        tandem_scorer_get_score (scorer, i, &a);
        tandem_scorer_get_score (expected, i, &b);
        g_assert_cmpfloat (a.fit, ==, b.fit);
        g_assert_cmpfloat (a.interest, ==, b.interest);
      }
    /* Reading changed nothing */
    g_assert_false (loads (read_only, &why_again));
  }
  g_clear_object (&read_only);

  /* The writable connection remakes it while scoring, or on the next open */
  {
    g_autoptr(TandemScorer) scorer = score (store, model, TRUE);
    g_autofree char *why_after = NULL;

    g_assert_cmpuint (tandem_scorer_get_n_leads (scorer), ==, tandem_scorer_get_n_leads (expected));
    if (!loads (store, &why_after))
      {
        g_clear_object (&store);
        store = tandem_store_open (path, &error);
        g_assert_no_error (error);
        g_clear_pointer (&why_after, g_free);
        g_assert_true (loads (store, &why_after));
      }
  }
  assert_same_as_rows (store, model);
}

/* ---- Built while importing ---------------------------------------------- */

/* Every part of the workspace's snapshot, in order, as text */
static char *
dump_snapshot (TandemStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) parts = tandem_store_prepare (store,
                                                        "SELECT kind, name, chunk, data FROM snapshot "
                                                        "ORDER BY kind, name, chunk", &error);

  g_assert_no_error (error);
  while (sqlite3_step (parts) == SQLITE_ROW)
    {
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, sqlite3_column_blob (parts, 3),
                                                          (gsize) sqlite3_column_bytes (parts, 3));
      g_string_append_printf (out, "%s %s %d %d %s\n", sqlite3_column_text (parts, 0),
                              sqlite3_column_text (parts, 1), sqlite3_column_int (parts, 2),
                              sqlite3_column_bytes (parts, 3), sum);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A new workspace with @path's leads: the snapshot the import made on the
 * way is, part for part and byte for byte, the one the rows give */
static void
assert_built_as_rebuilt (const char *path,
                         const char *id_column)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf ("built-%s.tandem", base);
  g_autofree char *workspace = test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (workspace, &error);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autofree char *built = NULL, *rebuilt = NULL;
  guint n_built = tandem_snapshot_get_built_for_testing ();

  g_assert_no_error (error);
  if (id_column != NULL)
    g_assert_true (tandem_csv_options_set_role (options, id_column, "id", NULL));
  tandem_store_import_csv (store, path, options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_has_current_snapshot (store));
  /* Built on the way, not rebuilt */
  g_assert_cmpuint (tandem_snapshot_get_built_for_testing (), ==, n_built + 1);
  built = dump_snapshot (store);
  g_assert_cmpstr (built, !=, "");

  g_assert_true (tandem_store_begin (store, &error));
  g_assert_true (tandem_snapshot_rebuild (store, &error));
  g_assert_no_error (error);
  rebuilt = dump_snapshot (store);
  tandem_store_rollback (store);
  if (!g_str_equal (built, rebuilt))
    {
      g_auto(GStrv) a = g_strsplit (built, "\n", -1);
      g_auto(GStrv) b = g_strsplit (rebuilt, "\n", -1);
      guint i = 0;

      while (a[i] != NULL && b[i] != NULL && g_str_equal (a[i], b[i]))
        i++;
      g_error ("%s: the part built on the way is “%s”, the rows give “%s”", base, a[i] ? a[i] : "(none)",
               b[i] ? b[i] : "(none)");
    }
}

/* Values chosen to differ between what was read and what the rows give
 * back: signed zeros, integral and huge numbers, dates with and without
 * a time, yes/no, empty cells, quoted text with commas and new lines,
 * non-ASCII text; more leads than a batch and a chunk hold. */
static char *
write_tricky_csv (const char *name,
                  gboolean    with_ids,
                  guint       n_rows)
{
  g_autofree char *path = test_tmp_path (name);
  g_autoptr(GString) csv = g_string_new (NULL);
  static const char *const numbers[] = { "0", "-0", "-0.0", "0.000", "1", "-17.25", "1e300", "9223372036854775807",
                                         "18446744073709551616", "0.1", "", "3" };
  static const char *const dates[] = { "2024-01-31", "2024-02-29 13:45:00", "", "1999-12-31 23:59:59", "2030-06-01" };
  static const char *const flags[] = { "yes", "no", "", "true", "false" };
  static const char *const texts[] = { "Acme", "\"Smith, Jones & Co\"", "Zürich", "", "\"two\nlines\"", "acme",
                                       "\"say \"\"hi\"\"\"" };
  g_autoptr(GError) error = NULL;

  g_string_append (csv, with_ids ? "Id,Amount,Seen,Active,Company,Note\n" : "Amount,Seen,Active,Company,Note\n");
  for (guint i = 0; i < n_rows; i++)
    {
      if (with_ids)
        g_string_append_printf (csv, "  L%u ,", i + 1);
      g_string_append_printf (csv, "%s,%s,%s,%s,note %u\n", numbers[i % G_N_ELEMENTS (numbers)],
                              dates[i % G_N_ELEMENTS (dates)], flags[i % G_N_ELEMENTS (flags)],
                              texts[i % G_N_ELEMENTS (texts)], i % 300);
    }
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_built (void)
{
  static const char *const fixtures[] = { "leads.csv", "education.csv", "pipeline.csv", "mqls.csv", "won-deals.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixtures[i], NULL);
      assert_built_as_rebuilt (path, NULL);
    }
  {
    g_autofree char *with_ids = write_tricky_csv ("tricky.csv", TRUE, 5000);
    g_autofree char *no_ids = write_tricky_csv ("tricky-no-ids.csv", FALSE, 2100);

    assert_built_as_rebuilt (with_ids, "Id");
    assert_built_as_rebuilt (no_ids, NULL);
  }
}

/* The writing thread's error, and a bad value found after many batches
 * were written: named where it is, and the workspace left as it was */
static void
test_built_errors (void)
{
  g_autofree char *csv = write_tricky_csv ("tricky-errors.csv", TRUE, 5000);
  g_autofree char *workspace = test_tmp_path ("built-errors.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (workspace, &error);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GPtrArray) columns = NULL;

  g_assert_no_error (error);
  g_assert_true (tandem_csv_options_set_role (options, "Id", "id", NULL));

  /* The database refuses lead L4321, the record on line 4939 (a
   * seventh of the records before it take two lines) */
  g_assert_true (tandem_store_exec (store, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON leads "
                                    "WHEN NEW.key = 'L4321' BEGIN SELECT RAISE (ABORT, 'refused'); END", &error));
  g_assert_false (tandem_store_import_csv (store, csv, options, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "line 4939"));
  g_assert_nonnull (strstr (error->message, "refused"));
  g_clear_error (&error);
  g_assert_cmpint (tandem_store_count_leads (store), ==, 0);
  columns = tandem_store_list_columns (store);
  g_assert_cmpuint (columns->len, ==, 0);
  g_assert_true (tandem_store_exec (store, "DROP TRIGGER refuse", &error));

  /* “Amount” said to be a date: its first value is already wrong.  Then
   * a file right up to its 4,990th row, and a bad number after it. */
  {
    g_autofree char *path = test_tmp_path ("late-bad-value.csv");
    g_autofree char *text = NULL;
    g_autoptr(GString) bad = NULL;

    g_file_get_contents (csv, &text, NULL, &error);
    g_assert_no_error (error);
    bad = g_string_new (text);
    g_string_append (bad, "L-bad,not a number,2024-01-01,yes,Acme,late\n");
    g_file_set_contents (path, bad->str, (gssize) bad->len, &error);
    g_assert_no_error (error);
    tandem_csv_options_set_type (options, "Amount", TANDEM_COLUMN_NUMBER);
    g_assert_false (tandem_store_import_csv (store, path, options, NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_VALUE);
    g_assert_nonnull (strstr (error->message, "not a number"));
    g_clear_error (&error);
    g_assert_cmpint (tandem_store_count_leads (store), ==, 0);
    g_clear_pointer (&columns, g_ptr_array_unref);
    columns = tandem_store_list_columns (store);
    g_assert_cmpuint (columns->len, ==, 0);
  }

  /* And then the same file imports */
  tandem_store_import_csv (store, csv, options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count_leads (store), ==, 5000);
  g_assert_true (tandem_store_has_current_snapshot (store));
}

/* ---- The CSV's scores to 2 decimals ------------------------------------- */

static void
assert_fixed2 (double value)
{
  char fast[G_ASCII_DTOSTR_BUF_SIZE], slow[G_ASCII_DTOSTR_BUF_SIZE];
  gsize n = tandem_csv_format_fixed2 (value, fast);

  fast[n] = '\0';
  g_ascii_formatd (slow, sizeof slow, "%.2f", value);
  if (!g_str_equal (fast, slow))
    g_error ("%.17g: wrote %s, printf writes %s", value, fast, slow);
}

static void
test_fixed2 (void)
{
  GRand *rand = g_rand_new_with_seed (42);
  const double specials[] = { 0.0, -0.0, 0.005, 0.015, 0.025, 0.125, 0.375, 1.005, 2.675, -0.001, -0.005, -1.125,
                              99.995, 100, 1e-300, -1e-300, 4.0e13 - 0.5, 4.0e13, 1e15, 1e300, INFINITY, -INFINITY,
                              NAN, 1234567.891, 0.1 + 0.2 };

  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    assert_fixed2 (specials[i]);
  /* Every half-hundredth tie and its two neighbours */
  for (int k = -40000; k <= 40000; k++)
    {
      double v = k / 200.0;
      assert_fixed2 (v);
      assert_fixed2 (nextafter (v, INFINITY));
      assert_fixed2 (nextafter (v, -INFINITY));
    }
  for (guint i = 0; i < 200000; i++)
    {
      assert_fixed2 (g_rand_double_range (rand, -1000, 1000));
      assert_fixed2 (g_rand_double_range (rand, -1e12, 1e12));
    }
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tandem_snapshot_set_chunk_for_testing (64);

  g_test_add_func ("/snapshot/fixtures", test_fixtures);
  g_test_add_func ("/snapshot/demo", test_demo);
  g_test_add_func ("/snapshot/empty", test_empty);
  g_test_add_func ("/snapshot/stale", test_stale);
  for (guint i = 0; i < G_N_ELEMENTS (forgeries); i++)
    {
      g_autofree char *path = g_strdup_printf ("/snapshot/forged/%s", forgeries[i].name);
      g_test_add_data_func (path, &forgeries[i], test_forged);
    }
  g_test_add_func ("/snapshot/built", test_built);
  g_test_add_func ("/snapshot/built-errors", test_built_errors);
  g_test_add_func ("/csv/fixed2", test_fixed2);
  return g_test_run ();
}
