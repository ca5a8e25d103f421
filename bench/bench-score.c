/* bench-score.c — the scoring engine against its floor, pandas and SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-score [--leads N] [--dir DIR] [--keep] [--no-pandas]
 *
 * Builds a workspace of N leads (default 1,000,000) with text, number and
 * date columns and about 3 events a lead, and a 30-rule model (22 field
 * rules, 8 event rules).  Then prints:
 *   - the floor: one plain pass reading, from the workspace, every column
 *     and event type the model uses;
 *   - a full score from scratch (read, compile, sum) and its ratio to the floor;
 *   - one rule's points changed → new matrix counts;
 *   - thresholds moved → new matrix counts;
 *   - memory the scorer derives per lead, beyond the data it read;
 *   - the same model as the generated SQL run by SQLite, and by a pandas
 *     script (Debian's python3-pandas), with Tandem's speed-up over each.
 * Scores from all three are compared on every lead.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "tandem-csv.h"
#include "tandem-scorer.h"
#include "tandem-sql.h"
#include "tandem-store-private.h"

#include "bench-data.h"

static void
write_data (const char *leads_path,
            const char *events_path,
            guint       n)
{
  FILE *leads = g_fopen (leads_path, "w");
  FILE *events = g_fopen (events_path, "w");

  fputs ("Lead ID,Job Title,Industry,Country,Lead Source,Email Domain Type,Company Size,Annual Revenue,Web Visits,Created,Last Activity\n", leads);
  fputs ("lead_id,type,timestamp\n", events);
  for (guint i = 0; i < n; i++)
    {
      guint n_events = pick (7);
      fprintf (leads, "L%u,%s,%s,%s,%s,%s,%u,%u,%u,2025-%02u-%02u,2026-%02u-%02u\n", i + 1,
               titles[pick (G_N_ELEMENTS (titles))], industries[pick (G_N_ELEMENTS (industries))],
               countries[pick (G_N_ELEMENTS (countries))], sources[pick (G_N_ELEMENTS (sources))],
               pick (4) ? "business" : "free-mail", 1 + pick (20000), 100000 + pick (50000000), pick (300),
               1 + pick (12), 1 + pick (28), 1 + pick (10), 1 + pick (28));
      for (guint e = 0; e < n_events; e++)
        fprintf (events, "L%u,%s,2026-%02u-%02u %02u:00:00\n", i + 1, event_types[pick (pick (3) ? 3 : 8)],
                 1 + pick (10), 1 + pick (28), pick (24));
    }
  fclose (leads);
  fclose (events);
}

static const char model_json[] =
  "{ \"name\": \"Benchmark\","
  "  \"fit\": { \"floor\": 0, \"cap\": 100, \"bands\": [60, 40, 20], \"rules\": ["
  "    {\"field\": \"Job Title\", \"op\": \"contains\", \"value\": [\"VP\", \"Director\", \"CEO\"], \"points\": 20},"
  "    {\"field\": \"Job Title\", \"op\": \"equals\", \"value\": \"Student\", \"points\": -20},"
  "    {\"field\": \"Job Title\", \"op\": \"starts-with\", \"value\": \"Marketing\", \"points\": 5},"
  "    {\"field\": \"Job Title\", \"op\": \"ends-with\", \"value\": \"Manager\", \"points\": 5},"
  "    {\"field\": \"Job Title\", \"op\": \"not-in\", \"value\": [\"Analyst\", \"Consultant\"], \"points\": 2},"
  "    {\"field\": \"Industry\", \"op\": \"in\", \"value\": [\"Software\", \"Financial Services\"], \"points\": 15},"
  "    {\"field\": \"Industry\", \"op\": \"in\", \"value\": [\"Education\", \"Government\"], \"points\": -10},"
  "    {\"field\": \"Industry\", \"op\": \"not-equals\", \"value\": \"Retail\", \"points\": 3},"
  "    {\"field\": \"Country\", \"op\": \"in\", \"value\": [\"United States\", \"United Kingdom\", \"Germany\"], \"points\": 5},"
  "    {\"field\": \"Country\", \"op\": \"equals\", \"value\": \"India\", \"points\": -3},"
  "    {\"field\": \"Lead Source\", \"op\": \"in\", \"value\": [\"Referral\", \"Webinar\"], \"points\": 6},"
  "    {\"field\": \"Lead Source\", \"op\": \"equals\", \"value\": \"Outbound\", \"points\": -4},"
  "    {\"field\": \"Email Domain Type\", \"op\": \"equals\", \"value\": \"free-mail\", \"points\": -15},"
  "    {\"field\": \"Company Size\", \"op\": \"between\", \"value\": [50, 5000], \"points\": 15},"
  "    {\"field\": \"Company Size\", \"op\": \">\", \"value\": 5000, \"points\": 10},"
  "    {\"field\": \"Company Size\", \"op\": \"<\", \"value\": 10, \"points\": -10},"
  "    {\"field\": \"Annual Revenue\", \"op\": \">=\", \"value\": 10000000, \"points\": 8},"
  "    {\"field\": \"Annual Revenue\", \"op\": \"times\", \"points\": 0.0000002, \"max\": 5}"
  "  ] },"
  "  \"interest\": { \"floor\": 0, \"cap\": 100, \"bands\": [50, 25, 10], \"rules\": ["
  "    {\"field\": \"Web Visits\", \"op\": \"times\", \"points\": 0.05, \"max\": 10},"
  "    {\"field\": \"Web Visits\", \"op\": \">\", \"value\": 200, \"points\": 5},"
  "    {\"field\": \"Created\", \"op\": \"within-days\", \"value\": 180, \"points\": 5},"
  "    {\"field\": \"Last Activity\", \"op\": \">=\", \"value\": \"2026-09-01\", \"points\": 8},"
  "    {\"event\": \"demo_request\", \"points\": 30, \"max\": 30, \"half_life_days\": 90},"
  "    {\"event\": \"pricing_page\", \"points\": 10, \"max\": 30, \"half_life_days\": 30},"
  "    {\"event\": \"page_view\", \"points\": 1, \"max\": 15, \"half_life_days\": 30},"
  "    {\"event\": \"webinar_attended\", \"points\": 10, \"max\": 20, \"within_days\": 120},"
  "    {\"event\": \"content_download\", \"points\": 5, \"max\": 15},"
  "    {\"event\": \"email_click\", \"points\": 2, \"max\": 10, \"half_life_days\": 30},"
  "    {\"event\": \"form_fill\", \"points\": 8, \"max\": 16},"
  "    {\"event\": \"unsubscribe\", \"points\": -30}"
  "  ] },"
  "  \"mql\": [\"A1\", \"A2\", \"B1\"] }";

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* The floor: read every value the model needs from the workspace, once. */
static double
floor_pass (TandemStore *store)
{
  static const char *const columns[] = { "Job Title", "Industry", "Country", "Lead Source", "Email Domain Type",
                                         "Company Size", "Annual Revenue", "Web Visits", "Created", "Last Activity" };
  g_autoptr(GString) sql = g_string_new ("SELECT key");
  g_autoptr(sqlite3_stmt) leads = NULL;
  g_autoptr(sqlite3_stmt) events = NULL;
  double start = now (), sink = 0;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(TandemColumn) c = tandem_store_find_column (store, columns[i]);
      g_string_append_printf (sql, ", %s", c->sql_name);
    }
  g_string_append (sql, " FROM leads ORDER BY id");
  leads = tandem_store_prepare (store, sql->str, NULL);
  while (sqlite3_step (leads) == SQLITE_ROW)
    for (int i = 0; i <= (int) G_N_ELEMENTS (columns); i++)
      sink += sqlite3_column_bytes (leads, i);
  /* Every event, in lead order (the covering index): the model uses
   * all eight types */
  events = tandem_store_prepare (store, "SELECT lead, type, at FROM events ORDER BY lead, type, at", NULL);
  while (sqlite3_step (events) == SQLITE_ROW)
    sink += sqlite3_column_int64 (events, 0) + sqlite3_column_bytes (events, 1) + sqlite3_column_bytes (events, 2);
  if (sink < 0)
    g_print ("%f", sink);
  return now () - start;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the scoring engine against its floor, pandas and SQL");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(TandemScorer) scorer = NULL;
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autofree char *dir = NULL;
  g_autofree char *ws = NULL, *leads_csv = NULL, *events_csv = NULL, *model_path = NULL, *pandas_out = NULL;
  g_autofree char *sql = NULL;
  int n = 1000000;
  gboolean keep = FALSE, no_pandas = FALSE, no_sql = FALSE;
  double points_median_t;
  double t, floor_t, full_t, sql_t = NAN, pandas_t = NAN, points_t, threshold_t;
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], mql;
  gsize data_bytes, derived_bytes;
  guint mismatches = 0;
  GOptionEntry entries[] = {
    { "leads", 0, 0, G_OPTION_ARG_INT, &n, "Leads (default 1000000)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Work directory (default a new temporary one)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the files", NULL },
    { "no-pandas", 0, 0, G_OPTION_ARG_NONE, &no_pandas, "Skip the pandas run", NULL },
    { "no-sql", 0, 0, G_OPTION_ARG_NONE, &no_sql, "Skip the SQL run", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--leads must be positive");
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("tandem-bench-score-XXXXXX", NULL);
  ws = g_build_filename (dir, "bench.tandem", NULL);
  leads_csv = g_build_filename (dir, "leads.csv", NULL);
  events_csv = g_build_filename (dir, "events.csv", NULL);
  model_path = g_build_filename (dir, "model.json", NULL);
  pandas_out = g_build_filename (dir, "pandas.csv", NULL);

  if (!g_file_test (ws, G_FILE_TEST_EXISTS))
    {
      g_autoptr(TandemCsvOptions) events = tandem_csv_options_new ();
      g_autoptr(TandemStore) create = NULL;

      printf ("Writing %'d leads and their events…\n", n);
      write_data (leads_csv, events_csv, (guint) n);
      t = now ();
      create = tandem_store_create (ws, &error);
      tandem_csv_options_set_kind (events, TANDEM_IMPORT_EVENTS);
      if (create == NULL ||
          !tandem_store_import_csv (create, leads_csv, NULL, NULL, NULL, NULL, NULL, &error) ||
          !tandem_store_import_csv (create, events_csv, events, NULL, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
      printf ("Imported in %.1f s: %'" G_GINT64_FORMAT " leads, %'" G_GINT64_FORMAT " events\n", now () - t,
              tandem_store_count_leads (create), tandem_store_count_events (create));
    }
  g_file_set_contents (model_path, model_json, -1, NULL);

  store = tandem_store_open (ws, &error);
  model = tandem_model_new_from_json (model_json, -1, &error);
  g_assert (store != NULL && model != NULL);

  /* Warm the page cache, so every run reads from memory */
  floor_pass (store);
  floor_t = floor_pass (store);

  t = now ();
  scorer = tandem_scorer_new (store, model, as_of, NULL, &error);
  full_t = now () - t;
  if (scorer == NULL)
    g_error ("%s", error->message);

  /* Every rule's points in turn: +5, recount, and back */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
      {
        GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
        for (guint r = 0; r < rules->len; r++)
          {
            double points = ((TandemRule *) g_ptr_array_index (rules, r))->points;
            t = now ();
            tandem_scorer_set_points (scorer, d, r, points + 5);
            mql = tandem_scorer_count_matrix (scorer, tandem_scorer_get_model (scorer), counts);
            t = now () - t;
            g_array_append_val (times, t);
            if (g_getenv ("BENCH_VERBOSE")) printf ("rule %u.%u %.2f ms\n", d, r, t * 1000);
            tandem_scorer_set_points (scorer, d, r, points);
          }
      }
    g_array_sort (times, compare_doubles);
    points_t = g_array_index (times, double, times->len - 1);
    points_median_t = g_array_index (times, double, times->len / 2);
  }

  {
    g_autoptr(TandemModel) moved = tandem_model_copy (model);
    TandemDimensionSpec *fit = tandem_model_get_dimension (moved, TANDEM_DIMENSION_FIT);
    fit->thresholds[0] = 55;
    t = now ();
    mql = tandem_scorer_count_matrix (scorer, moved, counts);
    threshold_t = now () - t;
  }
  tandem_scorer_get_memory (scorer, &data_bytes, &derived_bytes);

  /* The generated SQL, run by SQLite on the workspace */
  sql = tandem_model_to_sql (model, store, TANDEM_SQL_SQLITE, as_of, &error);
  g_assert (sql != NULL);
  if (!no_sql)
  {
    g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, sql, &error);
    t = now ();
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        int lead = tandem_scorer_find_lead (scorer, (const char *) sqlite3_column_text (stmt, 0));
        TandemScore score;
        tandem_scorer_get_score (scorer, (guint) lead, &score);
        if (fabs (score.fit - sqlite3_column_double (stmt, 1)) > 1e-9 || fabs (score.interest - sqlite3_column_double (stmt, 2)) > 1e-9)
          mismatches++;
      }
    sql_t = now () - t;
  }

  if (!no_pandas)
    {
      const char *py_argv[] = { "/usr/bin/python3", BENCH_DIR "/score-pandas.py", ws, model_path, "2026-11-01", pandas_out, NULL };
      g_autofree char *py_out = NULL;
      g_autofree char *py_err = NULL;
      int status = 0;

      if (g_spawn_sync (NULL, (char **) py_argv, NULL, 0, NULL, NULL, &py_out, &py_err, &status, &error) &&
          g_spawn_check_wait_status (status, NULL))
        {
          g_autofree char *contents = NULL;
          g_auto(GStrv) lines = NULL;
          guint pandas_mismatches = 0;

          pandas_t = g_ascii_strtod (py_out, NULL);
          g_file_get_contents (pandas_out, &contents, NULL, NULL);
          lines = g_strsplit (contents, "\n", -1);
          for (guint i = 1; lines[i] && lines[i][0]; i++)
            {
              g_auto(GStrv) f = g_strsplit (lines[i], ",", 3);
              int lead = tandem_scorer_find_lead (scorer, f[0]);
              TandemScore score;
              tandem_scorer_get_score (scorer, (guint) lead, &score);
              if (fabs (score.fit - g_ascii_strtod (f[1], NULL)) > 1e-6 || fabs (score.interest - g_ascii_strtod (f[2], NULL)) > 1e-6)
                pandas_mismatches++;
            }
          printf ("pandas agrees with Tandem on %s\n", pandas_mismatches ? "NOT every lead" : "every lead (to 1e-6, it writes 10 decimals)");
        }
      else
        printf ("pandas run failed (apt-get install python3-pandas): %s\n", py_err ? py_err : error->message);
    }

  printf ("\n%'d leads, 30 rules (22 field, 8 event)\n", n);
  printf ("floor, one plain pass over the columns and events used: %8.3f s\n", floor_t);
  printf ("full score from scratch (read, compile, sum):           %8.3f s   %.2f× the floor (target ≤ 5×)\n", full_t, full_t / floor_t);
  printf ("one rule's points changed → new matrix counts:          %8.2f ms  (target ≤ 10 ms) the slowest of the 30 rules; median %.2f ms\n",
          points_t * 1000, points_median_t * 1000);
  printf ("thresholds moved → new matrix counts:                   %8.2f ms  (target ≤ 1 ms)  %u MQLs\n", threshold_t * 1000, mql);
  printf ("memory derived per lead beyond the data read:           %8.1f bytes (target ≤ 64); data read %.1f bytes/lead\n",
          (double) derived_bytes / n, (double) data_bytes / n);
  if (!isnan (sql_t))
    printf ("generated SQL run by SQLite:                            %8.3f s   Tandem %.1f× faster (target ≥ 10×); %s\n",
            sql_t, sql_t / full_t, mismatches ? "SCORES DIFFER" : "same scores on every lead");
  if (!isnan (pandas_t))
    printf ("pandas script (read + score):                           %8.3f s   Tandem %.1f× faster (target ≥ 10×)\n",
            pandas_t, pandas_t / full_t);

  if (!keep)
    {
      g_clear_object (&store);
      tandem_store_delete_files (ws);
      g_unlink (leads_csv);
      g_unlink (events_csv);
      g_unlink (model_path);
      g_unlink (pandas_out);
      g_rmdir (dir);
    }
  return mismatches ? 1 : 0;
}
