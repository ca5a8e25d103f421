/* fuzz-csv.c — libFuzzer harness for the CSV reader and importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the dialect options (delimiter, kind, a null
 * token); the rest is the file.  Each input is previewed, then imported
 * into an in-memory workspace, which must stay consistent.
 */

#include <glib/gstdio.h>
#include <unistd.h>

#include "tandem-csv.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char delimiters[] = { 0, ',', ';', '\t', '|' };
  static char *path;
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(TandemCsvPreview) preview = NULL;
  g_autoptr(TandemStore) store = NULL;
  guint8 flags;

  if (size < 1)
    return 0;
  flags = data[0];
  data++, size--;

  if (path == NULL)
    path = g_strdup_printf ("%s/tandem-fuzz-%d.csv", g_get_tmp_dir (), (int) getpid ());
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;

  tandem_csv_options_set_delimiter (options, delimiters[flags % G_N_ELEMENTS (delimiters)]);
  tandem_csv_options_set_kind (options, (TandemImportKind) ((flags >> 3) % 3));
  if (flags & 0x40)
    tandem_csv_options_add_null_token (options, "N/A");

  preview = tandem_csv_preview_new (path, options, 50, NULL);
  if (preview != NULL)
    {
      for (guint r = 0; r < tandem_csv_preview_get_n_rows (preview); r++)
        for (guint c = 0; c < tandem_csv_preview_get_n_columns (preview); c++)
          (void) tandem_csv_preview_get_cell (preview, r, c);
    }

  store = tandem_store_new_memory (NULL);
  g_assert (store != NULL);
  if (tandem_csv_options_get_kind (options) != TANDEM_IMPORT_LEADS)
    {
      /* Give merges and events some leads to find. */
      g_autoptr(TandemCsvOptions) leads = tandem_csv_options_new ();
      (void) tandem_store_import_csv (store, path, leads, NULL, NULL, NULL, NULL, NULL);
    }
  {
    g_autoptr(GError) error = NULL;
    gint64 before = tandem_store_count_leads (store);
    gboolean ok = tandem_store_import_csv (store, path, options, NULL, NULL, NULL, NULL, &error);
    g_assert (ok || error != NULL);
    if (!ok)
      g_assert (tandem_store_count_leads (store) == before);
  }
  return 0;
}
