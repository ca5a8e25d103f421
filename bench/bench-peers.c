/* bench-peers.c — tandem-cli against DuckDB, pandas and the sqlite3 shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-peers [--leads N] [--events-per-lead E] [--runs R] [--dir DIR] [--keep] [--reuse]
 *
 * Generates N leads (default 1,000,000; a fixed seed) and, unless E is 0,
 * E events a lead (default 20), then measures, as separate processes with
 * their wall time and peak memory:
 *   - import: `tandem-cli import` against the sqlite3 shell's `.import` and
 *     DuckDB's typed load of the same CSV;
 *   - scoring, twice: a lead-only model of 20 rules (text, number and empty
 *     conditions, a capped "times" rule), then the demo-shaped one with 8
 *     event rules more on the workspace with events.  `tandem-cli score`
 *     (the whole process, writing its CSV) against the same model as one
 *     SQL query run by DuckDB over its own tables, writing the same CSV
 *     (`tandem-cli sql --dialect duckdb`; the engine's own time, Node's
 *     start-up left out), and against pandas (read, score, write).
 * Every figure of a run is printed side by side as ratios, and the scores
 * are checked lead by lead: DuckDB's fit and interest to the 2 decimals
 * Tandem writes, its grade and MQL flag equal; pandas' fit and interest.
 *
 * DuckDB is @duckdb/node-api from the npm registry, found in
 * build/tests/duckdb-cache (where the sql-duckdb test installs it) or in
 * --duckdb; without node or the package the DuckDB rows say so.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-data.h"

static void
write_leads (const char *path,
             guint       n)
{
  FILE *fp = g_fopen (path, "w");

  g_assert (fp != NULL);
  fputs ("Lead ID,Job Title,Industry,Country,Lead Source,Email Domain Type,Company Size,Annual Revenue,"
         "Web Visits,Phone,Created\n", fp);
  for (guint i = 0; i < n; i++)
    {
      char size[16] = "", phone[24] = "";

      if (pick (20))
        g_snprintf (size, sizeof size, "%u", 1 + pick (20000));
      if (pick (10) < 7)
        g_snprintf (phone, sizeof phone, "+1 555 %04u", pick (10000));
      fprintf (fp, "L%u,%s,%s,%s,%s,%s,%s,%u,%u,%s,2025-%02u-%02u\n", i + 1,
               titles[pick (G_N_ELEMENTS (titles))], industries[pick (G_N_ELEMENTS (industries))],
               countries[pick (G_N_ELEMENTS (countries))], sources[pick (G_N_ELEMENTS (sources))],
               pick (4) ? "business" : "free-mail", size, 100000 + pick (50000000), pick (300), phone,
               1 + pick (12), 1 + pick (28));
    }
  fclose (fp);
}

/* About @per_lead events a lead (0 to 2 × per_lead), most of them of the
 * first three types, over the ten months before the as-of date. */
static void
write_events (const char *path,
              guint       n,
              guint       per_lead)
{
  FILE *fp = g_fopen (path, "w");

  g_assert (fp != NULL);
  fputs ("lead_id,type,timestamp\n", fp);
  for (guint i = 0; i < n; i++)
    {
      guint k = pick (2 * per_lead + 1);
      for (guint e = 0; e < k; e++)
        fprintf (fp, "L%u,%s,2026-%02u-%02u %02u:%02u:00\n", i + 1, event_types[pick (pick (3) ? 3 : 8)],
                 1 + pick (10), 1 + pick (28), pick (24), pick (60));
    }
  fclose (fp);
}

#define FIT_RULES \
  "    {\"field\": \"Job Title\", \"op\": \"contains\", \"value\": [\"VP\", \"Director\", \"CEO\"], \"points\": 20}," \
  "    {\"field\": \"Job Title\", \"op\": \"equals\", \"value\": \"Student\", \"points\": -20}," \
  "    {\"field\": \"Job Title\", \"op\": \"starts-with\", \"value\": \"Marketing\", \"points\": 5}," \
  "    {\"field\": \"Job Title\", \"op\": \"ends-with\", \"value\": \"Manager\", \"points\": 5}," \
  "    {\"field\": \"Job Title\", \"op\": \"not-in\", \"value\": [\"Analyst\", \"Consultant\"], \"points\": 2}," \
  "    {\"field\": \"Industry\", \"op\": \"in\", \"value\": [\"Software\", \"Financial Services\"], \"points\": 15}," \
  "    {\"field\": \"Industry\", \"op\": \"in\", \"value\": [\"Education\", \"Government\"], \"points\": -10}," \
  "    {\"field\": \"Industry\", \"op\": \"not-equals\", \"value\": \"Retail\", \"points\": 3}," \
  "    {\"field\": \"Country\", \"op\": \"in\", \"value\": [\"United States\", \"United Kingdom\", \"Germany\"], \"points\": 5}," \
  "    {\"field\": \"Country\", \"op\": \"equals\", \"value\": \"India\", \"points\": -3}," \
  "    {\"field\": \"Lead Source\", \"op\": \"in\", \"value\": [\"Referral\", \"Webinar\"], \"points\": 6}," \
  "    {\"field\": \"Lead Source\", \"op\": \"equals\", \"value\": \"Outbound\", \"points\": -4}," \
  "    {\"field\": \"Email Domain Type\", \"op\": \"equals\", \"value\": \"free-mail\", \"points\": -15}," \
  "    {\"field\": \"Company Size\", \"op\": \"between\", \"value\": [50, 5000], \"points\": 15}," \
  "    {\"field\": \"Company Size\", \"op\": \">\", \"value\": 5000, \"points\": 10}," \
  "    {\"field\": \"Company Size\", \"op\": \"empty\", \"points\": -5}," \
  "    {\"field\": \"Annual Revenue\", \"op\": \">=\", \"value\": 10000000, \"points\": 8}," \
  "    {\"field\": \"Annual Revenue\", \"op\": \"times\", \"points\": 0.0000002, \"max\": 5}"

#define LEAD_INTEREST_RULES \
  "    {\"field\": \"Web Visits\", \"op\": \"times\", \"points\": 0.05, \"max\": 10}," \
  "    {\"field\": \"Phone\", \"op\": \"not-empty\", \"points\": 5}"

static const char leads_model[] =
  "{ \"name\": \"Lead-only\","
  "  \"fit\": { \"floor\": 0, \"cap\": 100, \"bands\": [60, 40, 20], \"rules\": [" FIT_RULES "] },"
  "  \"interest\": { \"floor\": 0, \"cap\": 100, \"bands\": [20, 10, 5], \"rules\": [" LEAD_INTEREST_RULES "] },"
  "  \"mql\": [\"A1\", \"A2\", \"B1\"] }";

static const char events_model[] =
  "{ \"name\": \"Demo-shaped\","
  "  \"fit\": { \"floor\": 0, \"cap\": 100, \"bands\": [60, 40, 20], \"rules\": [" FIT_RULES "] },"
  "  \"interest\": { \"floor\": 0, \"cap\": 100, \"bands\": [50, 25, 10], \"rules\": [" LEAD_INTEREST_RULES ","
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

#define AS_OF "2026-11-01"

typedef struct
{
  double  seconds;    /* wall time of the process */
  double  peak_mb;    /* its peak resident memory */
  double  inside;     /* the seconds it printed itself, or NAN */
  gboolean ok;
} Run;

/* Runs @argv as a child, its standard output into @out_path (or nowhere),
 * and measures it with wait4(). */
static Run
run (const char *const *argv,
     const char        *out_path)
{
  Run r = { NAN, NAN, NAN, FALSE };
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  int status = 0;
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      if (!freopen (out_path ? out_path : "/dev/null", "w", stdout))
        _exit (126);
      execv (argv[0], (char *const *) argv);
      fprintf (stderr, "bench-peers: cannot run %s: %s\n", argv[0], g_strerror (errno));
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &usage) != pid)
    return r;
  r.seconds = (g_get_monotonic_time () - start) / 1e6;
  r.peak_mb = usage.ru_maxrss / 1024.0;
  r.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  if (!r.ok)
    fprintf (stderr, "bench-peers: %s failed (status %d)\n", argv[0], status);
  if (r.ok && out_path != NULL)
    {
      g_autofree char *text = NULL;
      if (g_file_get_contents (out_path, &text, NULL, NULL) && g_ascii_isdigit (text[0]))
        r.inside = g_ascii_strtod (text, NULL);
    }
  return r;
}

/* The best of @runs runs (the fastest, and the peak memory of that run);
 * @prepare, when set, runs untimed before each. */
static Run
best_of (guint              runs,
         const char *const *argv,
         const char        *out_path,
         void             (*prepare) (gpointer),
         gpointer           data)
{
  Run best = { NAN, NAN, NAN, FALSE };

  for (guint i = 0; i < runs; i++)
    {
      Run r;

      if (prepare)
        prepare (data);
      r = run (argv, out_path);
      if (!r.ok)
        return r;
      if (!best.ok || (isnan (r.inside) ? r.seconds < best.seconds : r.inside < best.inside))
        best = r;
    }
  return best;
}

static void
remove_workspace (gpointer path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* ---- Comparing the outputs ----------------------------------------------- */

typedef struct
{
  double fit, interest;
  char   grade[8];
  int    mql;
} Row;

/* A CSV of id,fit,interest[,grade,mql] (no quoting in these ids) by id. */
static GHashTable *
read_scores (const char *path,
             char      **contents)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  char *line, *next;

  if (!g_file_get_contents (path, contents, NULL, NULL))
    return rows;
  line = strchr (*contents, '\n');   /* the header */
  for (line = line ? line + 1 : NULL; line && *line; line = next)
    {
      char *f[5] = { NULL, };
      guint k = 0;
      Row *row = g_new0 (Row, 1);

      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      f[k++] = line;
      for (char *p = line; *p && k < 5; p++)
        if (*p == ',')
          {
            *p = '\0';
            f[k++] = p + 1;
          }
      row->fit = f[1] ? g_ascii_strtod (f[1], NULL) : NAN;
      row->interest = f[2] ? g_ascii_strtod (f[2], NULL) : NAN;
      g_strlcpy (row->grade, f[3] ? f[3] : "", sizeof row->grade);
      row->mql = f[4] ? (g_str_equal (f[4], "1") || g_str_equal (f[4], "true")) : -1;
      g_hash_table_insert (rows, f[0], row);
    }
  return rows;
}

/* How many leads of @peer_path differ from Tandem's (@tandem), or are
 * missing or extra; -1 when there is no output to compare. */
static gint64
compare (GHashTable *tandem,
         const char *peer_path,
         gboolean    with_grades)
{
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) peer = read_scores (peer_path, &contents);
  GHashTableIter iter;
  gpointer key, value;
  gint64 bad = 0, missing = 0;

  if (contents == NULL)
    return -1;
  g_hash_table_iter_init (&iter, tandem);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Row *t = value, *p = g_hash_table_lookup (peer, key);

      /* Tandem writes 2 decimals: the peer's value rounds to them */
      missing += p == NULL;
      if (p == NULL || !(fabs (t->fit - p->fit) <= 0.005 + 1e-9) || !(fabs (t->interest - p->interest) <= 0.005 + 1e-9) ||
          (with_grades && (strcmp (t->grade, p->grade) != 0 || t->mql != p->mql)))
        {
          if (bad < 3)
            fprintf (stderr, "bench-peers: %s: %s differs\n", peer_path, (const char *) key);
          bad++;
        }
    }
  /* …and the peer's leads Tandem does not have */
  return bad + (gint64) g_hash_table_size (peer) - ((gint64) g_hash_table_size (tandem) - missing);
}

/* ---- Printing ------------------------------------------------------------ */

static void
print_row (const char *who,
           const char *what,
           double      seconds,
           double      peak_mb,
           double      tandem_seconds,
           const char *goal)
{
  char peak[32] = "";

  if (!isnan (peak_mb))
    g_snprintf (peak, sizeof peak, "%6.0f MB", peak_mb);
  if (isnan (seconds))
    {
      printf ("  %-8s %-46s %9s\n", who, what, "not run");
      return;
    }
  printf ("  %-8s %-46s %7.3f s %9s", who, what, seconds, peak);
  if (!isnan (tandem_seconds) && tandem_seconds != seconds)
    printf ("   Tandem %.2f× %s%s%s", seconds >= tandem_seconds ? seconds / tandem_seconds : tandem_seconds / seconds,
            seconds >= tandem_seconds ? "faster" : "slower", goal ? " " : "", goal ? goal : "");
  printf ("\n");
}

static void
print_agreement (const char *who,
                 gint64      bad,
                 const char *what)
{
  if (bad < 0)
    printf ("  %s: no output to compare\n", who);
  else if (bad == 0)
    printf ("  %s agrees with Tandem on every lead (%s)\n", who, what);
  else
    printf ("  %s DIFFERS from Tandem on %" G_GINT64_FORMAT " leads\n", who, bad);
}

typedef struct
{
  const char *cli;
  const char *node_modules;   /* NULL: no DuckDB */
  const char *dir;
  guint       runs;
  gint64      failures;
} Bench;

/* One workload: Tandem, DuckDB and pandas score @ws with @model_json. */
static void
score_workload (Bench      *b,
                const char *title,
                const char *ws,
                const char *duck_db,
                const char *model_json)
{
  g_autofree char *model = g_build_filename (b->dir, "model.json", NULL);
  g_autofree char *query = g_build_filename (b->dir, "query.sql", NULL);
  g_autofree char *tandem_out = g_build_filename (b->dir, "tandem.csv", NULL);
  g_autofree char *duck_out = g_build_filename (b->dir, "duckdb.csv", NULL);
  g_autofree char *pandas_out = g_build_filename (b->dir, "pandas.csv", NULL);
  g_autofree char *printed = g_build_filename (b->dir, "printed.txt", NULL);
  g_autofree char *tandem_csv = NULL;
  g_autoptr(GHashTable) tandem_rows = NULL;
  const char *tandem_argv[] = { b->cli, "score", ws, "--rules", model, "--as-of", AS_OF, "--out", tandem_out, NULL };
  const char *sql_argv[] = { b->cli, "sql", ws, "--rules", model, "--as-of", AS_OF, "--dialect", "duckdb", NULL };
  const char *duck_argv[] = { "/usr/bin/node", BENCH_DIR "/peers-duckdb.mjs", b->node_modules, duck_db, "2",
                              "score", query, duck_out, NULL };
  const char *pandas_argv[] = { "/usr/bin/python3", BENCH_DIR "/score-pandas.py", ws, model, AS_OF, pandas_out, NULL };
  Run tandem, duck = { NAN, NAN, NAN, FALSE }, pandas;

  g_file_set_contents (model, model_json, -1, NULL);
  run (tandem_argv, NULL);   /* warm the page cache */
  tandem = best_of (b->runs, tandem_argv, NULL, NULL, NULL);
  tandem_rows = read_scores (tandem_out, &tandem_csv);
  if (b->node_modules && run (sql_argv, query).ok)
    {
      run (duck_argv, printed);
      duck = best_of (b->runs, duck_argv, printed, NULL, NULL);
    }
  pandas = run (pandas_argv, NULL);

  printf ("\n%s\n", title);
  print_row ("Tandem", "tandem-cli score, the whole process", tandem.ok ? tandem.seconds : NAN, tandem.peak_mb, NAN, NULL);
  if (b->node_modules == NULL)
    printf ("  %-8s not run: no node, or no @duckdb/node-api (see --duckdb)\n", "DuckDB");
  else
    print_row ("DuckDB", "the SQL query, COPY TO csv (2 threads)", duck.ok ? duck.inside : NAN, duck.peak_mb,
               tandem.seconds, "(goal ≥ 2×)");
  print_row ("pandas", "read, score, to_csv", pandas.ok ? pandas.seconds : NAN, pandas.peak_mb, tandem.seconds,
             "(goal ≥ 15×)");
  if (!tandem.ok)
    b->failures++;
  if (duck.ok)
    {
      gint64 bad = compare (tandem_rows, duck_out, TRUE);
      print_agreement ("DuckDB", bad, "fit and interest to Tandem's 2 decimals, grade and MQL equal");
      b->failures += bad != 0;
    }
  if (pandas.ok)
    {
      gint64 bad = compare (tandem_rows, pandas_out, FALSE);
      print_agreement ("pandas", bad, "fit and interest to Tandem's 2 decimals");
      b->failures += bad != 0;
    }
  g_unlink (tandem_out);
  g_unlink (duck_out);
  g_unlink (pandas_out);
}

/* DuckDB's own tables of a workspace, as the sql-duckdb test builds them */
static gboolean
load_duckdb (Bench      *b,
             const char *ws,
             const char *duck_db)
{
  g_autofree char *tables = g_build_filename (b->dir, "tables", NULL);
  g_autofree char *tables_sql = g_build_filename (tables, "tables.sql", NULL);
  const char *export_argv[] = { "/usr/bin/python3", SOURCE_DIR "/tests/sql-engine.py", "tables", ws, "duckdb", tables, NULL };
  const char *load_argv[] = { "/usr/bin/node", BENCH_DIR "/peers-duckdb.mjs", b->node_modules, duck_db, "2",
                              "load", tables_sql, NULL };
  gboolean ok;

  g_mkdir_with_parents (tables, 0700);
  g_unlink (duck_db);
  ok = run (export_argv, NULL).ok && run (load_argv, NULL).ok;
  g_unlink (tables_sql);
  {
    g_autofree char *leads = g_build_filename (tables, "leads.csv", NULL);
    g_autofree char *events = g_build_filename (tables, "events.csv", NULL);
    g_unlink (leads);
    g_unlink (events);
  }
  g_rmdir (tables);
  return ok;
}

static char *
find_duckdb (const char *given)
{
  g_autofree char *cache = g_build_filename (BUILD_DIR, "tests", "duckdb-cache", NULL);
  const char *dir = given ? given : cache;
  g_autofree char *package = g_build_filename (dir, "node_modules", "@duckdb", "node-api", NULL);

  if (!g_file_test ("/usr/bin/node", G_FILE_TEST_IS_EXECUTABLE) || !g_file_test (package, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_strdup (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— tandem-cli against DuckDB, pandas and the sqlite3 shell");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *duckdb_dir = NULL, *cli = NULL;
  int n = 1000000, per_lead = 20, runs = 3;
  gboolean keep = FALSE, reuse = FALSE;
  GOptionEntry entries[] = {
    { "leads", 0, 0, G_OPTION_ARG_INT, &n, "Leads (default 1000000)", "N" },
    { "events-per-lead", 0, 0, G_OPTION_ARG_INT, &per_lead, "Events a lead on average (default 20; 0: none)", "E" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Best of R runs (default 3)", "R" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Work directory (default a new temporary one)", "DIR" },
    { "duckdb", 0, 0, G_OPTION_ARG_FILENAME, &duckdb_dir, "Where node_modules/@duckdb/node-api is", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the files", NULL },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse, "Score the workspaces and DuckDB tables a --keep run left in --dir "
      "(no generating, no imports)", NULL },
    { NULL }
  };
  g_autofree char *leads_csv = NULL, *events_csv = NULL, *ws = NULL, *ws_events = NULL, *sqlite_db = NULL;
  g_autofree char *duck_db = NULL, *duck_events_db = NULL, *printed = NULL;
  Bench b = { 0, };
  Run tandem_import, sqlite_import, duck_import = { NAN, NAN, NAN, FALSE }, events_import = { NAN, NAN, NAN, FALSE };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n < 1 || per_lead < 0 || runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--leads and --runs must be positive, --events-per-lead at least 0");
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("tandem-bench-peers-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);
  cli = g_build_filename (BUILD_DIR, "src", "cli", "tandem-cli", NULL);
  b = (Bench) { cli, NULL, dir, (guint) runs, 0 };
  duckdb_dir = find_duckdb (duckdb_dir);
  b.node_modules = duckdb_dir;

  leads_csv = g_build_filename (dir, "leads.csv", NULL);
  events_csv = g_build_filename (dir, "events.csv", NULL);
  ws = g_build_filename (dir, "leads.tandem", NULL);
  ws_events = g_build_filename (dir, "events.tandem", NULL);
  sqlite_db = g_build_filename (dir, "sqlite3.db", NULL);
  duck_db = g_build_filename (dir, "leads.duckdb", NULL);
  duck_events_db = g_build_filename (dir, "events.duckdb", NULL);
  printed = g_build_filename (dir, "printed.txt", NULL);

  if (reuse)
    {
      if (!g_file_test (ws, G_FILE_TEST_EXISTS) || (per_lead && !g_file_test (ws_events, G_FILE_TEST_EXISTS)))
        {
          g_printerr ("--reuse: %s has no workspaces from a --keep run\n", dir);
          return 2;
        }
      keep = TRUE;
      goto scoring;
    }
  printf ("Writing %'d leads%s…\n", n, per_lead ? " and their events" : "");
  write_leads (leads_csv, (guint) n);
  if (per_lead)
    write_events (events_csv, (guint) n, (guint) per_lead);

  /* Import: each into a new file */
  {
    const char *tandem_argv[] = { cli, "import", ws, leads_csv, NULL };
    const char *sqlite_argv[] = { "/usr/bin/sqlite3", sqlite_db, ".import --csv '" , NULL };
    g_autofree char *dot_import = g_strdup_printf (".import --csv '%s' leads", leads_csv);
    const char *duck_argv[] = { "/usr/bin/node", BENCH_DIR "/peers-duckdb.mjs", duckdb_dir, duck_db, "2",
                                "import", leads_csv, NULL };

    sqlite_argv[2] = dot_import;
    tandem_import = best_of (b.runs, tandem_argv, NULL, remove_workspace, ws);
    sqlite_import = best_of (b.runs, sqlite_argv, NULL, remove_workspace, sqlite_db);
    if (duckdb_dir)
      duck_import = best_of (b.runs, duck_argv, printed, remove_workspace, duck_db);
    remove_workspace (sqlite_db);
    remove_workspace (duck_db);
    if (per_lead)
      {
        const char *copy_argv[] = { "/bin/cp", ws, ws_events, NULL };
        const char *events_argv[] = { cli, "import", ws_events, events_csv, "--events", NULL };
        run (copy_argv, NULL);
        events_import = run (events_argv, NULL);
      }
  }

  printf ("\nImport of %'d leads × 11 columns from CSV\n", n);
  print_row ("Tandem", "tandem-cli import, a new workspace", tandem_import.ok ? tandem_import.seconds : NAN,
             tandem_import.peak_mb, NAN, NULL);
  print_row ("sqlite3", ".import --csv, every column text", sqlite_import.ok ? sqlite_import.seconds : NAN,
             sqlite_import.peak_mb, tandem_import.seconds, "(goal ≥ 1×)");
  print_row ("DuckDB", "read_csv, typed (2 threads)", duck_import.ok ? duck_import.inside : NAN, duck_import.peak_mb,
             tandem_import.seconds, NULL);
  if (per_lead)
    print_row ("Tandem", "tandem-cli import --events, into it", events_import.ok ? events_import.seconds : NAN,
               events_import.peak_mb, NAN, NULL);
  if (!tandem_import.ok)
    return 1;

  if (duckdb_dir && !load_duckdb (&b, ws, duck_db))
    b.node_modules = NULL;
scoring:
  {
    g_autofree char *title = g_strdup_printf ("Scoring %'d leads, a lead-only model of 20 rules", n);
    score_workload (&b, title, ws, duck_db, leads_model);
  }
  if (per_lead && (events_import.ok || reuse))
    {
      g_autofree char *title = NULL;

      b.node_modules = duckdb_dir;
      if (duckdb_dir && !(reuse && g_file_test (duck_events_db, G_FILE_TEST_EXISTS)) &&
          !load_duckdb (&b, ws_events, duck_events_db))
        b.node_modules = NULL;
      title = g_strdup_printf ("Scoring %'d leads with about %'d events a lead, the demo-shaped model of 28 rules",
                               n, per_lead);
      score_workload (&b, title, ws_events, duck_events_db, events_model);
    }

  if (!keep)
    {
      const char *files[] = { leads_csv, events_csv, duck_db, duck_events_db, printed, NULL };
      g_autofree char *model = g_build_filename (dir, "model.json", NULL);
      g_autofree char *query = g_build_filename (dir, "query.sql", NULL);

      remove_workspace (ws);
      remove_workspace (ws_events);
      for (guint i = 0; files[i]; i++)
        remove_workspace ((gpointer) files[i]);
      g_unlink (model);
      g_unlink (query);
      g_rmdir (dir);
    }
  return b.failures ? 1 : 0;
}
