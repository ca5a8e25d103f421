/* bench-import.c — Tandem's CSV import against the sqlite3 shell's .import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-import [--rows N] [--dir DIR] [--keep] [--runs R]
 *
 * Generates an N-row × 20-column CSV file (default 1,000,000 rows; a fixed
 * seed, so every run reads the same file), then times, into new databases
 * in the same directory:
 *   1. sqlite3 NEW.db ".import --csv FILE leads"   (the sqlite3 shell)
 *   2. Tandem's import into a new workspace           (tandem_store_import_csv)
 * and prints both times (best of R runs each) and the ratio.  The target is
 * a ratio of at most 1.5.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "tandem-csv.h"
#include "tandem-store-private.h"

static guint64 rng_state = 0x9E3779B97F4A7C15ull;

static guint64
next_random (void)
{
  guint64 z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static guint
pick (guint n)
{
  return (guint) (next_random () % n);
}

static void
write_csv (const char *path,
           guint       rows)
{
  static const char *const first[] = { "Ana", "Ben", "Chloé", "Dmitri", "Eve", "Farid", "Grace", "Hiro", "Ines", "Jon" };
  static const char *const last[] = { "Silva", "Meyer", "Dubois", "Ivanova", "Smith", "Haddad", "Hopper", "Tanaka", "García", "Berg" };
  static const char *const titles[] = { "VP of Marketing", "Director, IT", "Marketing Manager", "Software Engineer", "CEO", "Student", "Head of \"Growth\"" };
  static const char *const industries[] = { "Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education" };
  static const char *const countries[] = { "United States", "Germany", "France", "United Kingdom", "Brazil", "Japan", "India" };
  static const char *const sources[] = { "Organic Search", "Paid Search", "Webinar", "Trade Show", "Referral" };
  static const char *const stages[] = { "Inquiry", "MQL", "SAL", "SQL", "Customer", "Lost" };
  FILE *fp = g_fopen (path, "w");

  g_assert (fp != NULL);
  fputs ("Lead ID,First Name,Last Name,Email,Job Title,Industry,Company,Company Size,Country,"
         "Lead Source,Created,Stage,MQL Date,Converted,Amount,Web Visits,Score,Newsletter,Notes,Region Code\n", fp);

  for (guint i = 0; i < rows; i++)
    {
      guint f = pick (G_N_ELEMENTS (first)), l = pick (G_N_ELEMENTS (last));
      guint month = 1 + pick (12), day = 1 + pick (28);
      gboolean mql = pick (3) == 0;
      gboolean won = mql && pick (4) == 0;

      fprintf (fp,
               "L%07u,%s,%s,%s.%s%u@example.com,\"%s\",%s,Company %u,%u,%s,%s,"
               "2025-%02u-%02u %02u:%02u:00,%s,%s,%s,%s,%u,%.2f,%s,%s,R%03u\n",
               i + 1, first[f], last[l], first[f], last[l], i,
               titles[pick (G_N_ELEMENTS (titles))][0] == 'H' ? "Head of \"\"Growth\"\"" : titles[pick (G_N_ELEMENTS (titles) - 1)],
               industries[pick (G_N_ELEMENTS (industries))], pick (50000),
               10 + pick (20000), countries[pick (G_N_ELEMENTS (countries))],
               sources[pick (G_N_ELEMENTS (sources))], month, day, 8 + pick (10), pick (60),
               stages[pick (G_N_ELEMENTS (stages))],
               mql ? "2025-12-01" : "",
               won ? "1" : "0",
               won ? "25000" : "",
               pick (200), (double) pick (10000) / 100.0,
               pick (2) ? "yes" : "no",
               pick (10) == 0 ? "\"called, left a message\"" : "",
               pick (1000));
    }
  fclose (fp);
}

static double
time_sqlite3 (const char *csv,
              const char *db)
{
  g_autofree char *import = g_strdup_printf (".import --csv %s leads", csv);
  const char *argv[] = { "sqlite3", db, import, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;

  tandem_store_delete_files (db);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 .import failed: %s (apt-get install sqlite3)", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
time_tandem (const char *csv,
             const char *db,
             gint64     *out_leads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  gint64 start;
  double elapsed;

  tandem_store_delete_files (db);
  start = g_get_monotonic_time ();
  store = tandem_store_create (db, &error);
  if (store == NULL || !tandem_store_import_csv (store, csv, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("Tandem import failed: %s", error->message);
  g_clear_object (&store);   /* closing checkpoints the WAL: part of the cost */
  elapsed = (g_get_monotonic_time () - start) / 1e6;

  /* Check, untimed, that every row arrived. */
  store = tandem_store_open (db, &error);
  if (store == NULL)
    g_error ("Could not reopen the workspace: %s", error->message);
  *out_leads = tandem_store_count_leads (store);
  return elapsed;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time Tandem's CSV import against sqlite3 .import");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *sqlite_db = NULL;
  g_autofree char *tandem_db = NULL;
  int rows = 1000000, runs = 3;
  gboolean keep = FALSE;
  double best_sqlite = G_MAXDOUBLE, best_tandem = G_MAXDOUBLE;
  gint64 leads = 0;
  GStatBuf st;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Rows to generate (default 1000000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each, best kept (default 3)", "R" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to write (default a new temporary directory)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the files", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (rows < 1 || runs < 1)
    {
      g_printerr ("--rows and --runs must be positive\n");
      return 2;
    }

  if (dir == NULL)
    dir = g_dir_make_tmp ("tandem-bench-XXXXXX", &error);
  g_assert (dir != NULL);
  csv = g_build_filename (dir, "leads.csv", NULL);
  sqlite_db = g_build_filename (dir, "sqlite3.db", NULL);
  tandem_db = g_build_filename (dir, "bench.tandem", NULL);

  printf ("Generating %'d rows × 20 columns…\n", rows);
  write_csv (csv, (guint) rows);
  g_stat (csv, &st);
  printf ("CSV file: %s (%.1f MB)\n\n", csv, st.st_size / 1e6);

  for (int i = 0; i < runs; i++)
    {
      double s = time_sqlite3 (csv, sqlite_db);
      double t = time_tandem (csv, tandem_db, &leads);
      printf ("run %d: sqlite3 .import %.3f s   tandem import %.3f s\n", i + 1, s, t);
      best_sqlite = MIN (best_sqlite, s);
      best_tandem = MIN (best_tandem, t);
    }

  if (leads != rows)
    g_error ("Tandem imported %" G_GINT64_FORMAT " leads, expected %d", leads, rows);

  printf ("\nsqlite3 .import (best of %d): %.3f s\n", runs, best_sqlite);
  printf ("tandem import   (best of %d): %.3f s  (%'.0f rows/s; types inferred, values converted, ids indexed)\n",
          runs, best_tandem, rows / best_tandem);
  printf ("ratio tandem / sqlite3: %.2f (target ≤ 1.50)\n", best_tandem / best_sqlite);

  if (!keep)
    {
      g_unlink (csv);
      tandem_store_delete_files (sqlite_db);
      tandem_store_delete_files (tandem_db);
      g_rmdir (dir);
    }
  return 0;
}
