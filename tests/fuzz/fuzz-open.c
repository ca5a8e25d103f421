/* fuzz-open.c — libFuzzer harness for opening workspace files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is written as a .tandem file and opened.  A refused file must
 * be left byte for byte as it was; an accepted one must answer queries.
 */

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-store-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;

  if (path == NULL)
    path = g_strdup_printf ("%s/tandem-fuzz-%d.tandem", g_get_tmp_dir (), (int) getpid ());
  tandem_store_delete_files (path);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;

  store = tandem_store_open (path, &error);
  if (store == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert (error != NULL);
      g_assert (g_file_get_contents (path, &contents, &length, NULL));
      g_assert (length == size && memcmp (contents, data, size) == 0);
      return 0;
    }

  /* Opened: reading must fail cleanly or work, never crash. */
  {
    g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
    g_autoptr(GArray) ids = tandem_store_query_lead_ids (store, "a", 0, TRUE, NULL, NULL);
    (void) tandem_store_count_leads (store);
    (void) tandem_store_count_events (store);
    if (ids != NULL && ids->len > 0)
      {
        g_autoptr(GPtrArray) cells = tandem_store_fetch_leads (store, (gint64 *) ids->data, MIN (ids->len, 16), NULL);
      }
  }
  return 0;
}
