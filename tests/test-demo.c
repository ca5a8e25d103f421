/* test-demo.c — the demo workspace: deterministic, well-formed, a true story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "tandem-demo.h"
#include "tandem-insights.h"
#include "tandem-scorer.h"
#include "test-util.h"

static GDate *
end_date (void)
{
  return g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
}

static TandemStore *
make_demo (guint   n_leads,
           guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) end = end_date ();
  TandemStore *store = tandem_store_new_memory (&error);

  g_assert_no_error (error);
  g_assert_true (tandem_demo_generate (store, n_leads, seed, end, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* A digest of the demo's content (the import log holds a wall-clock time). */
static char *
content_digest (TandemStore *store)
{
  g_assert_true (tandem_store_exec (store, "DELETE FROM imports", NULL));
  return test_workspace_digest (store);
}

static gint64
query_int (TandemStore *store,
           const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static double
query_double (TandemStore *store,
              const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_double (stmt, 0);
}

static void
test_deterministic (void)
{
  g_autoptr(TandemStore) a = make_demo (2000, 7);
  g_autoptr(TandemStore) b = NULL;
  g_autoptr(TandemStore) c = make_demo (2000, 8);
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  g_autofree char *dc = NULL;

  /* More than a second later: nothing may depend on the clock. */
  g_usleep (1100 * 1000);
  b = make_demo (2000, 7);
  da = content_digest (a);
  db = content_digest (b);
  dc = content_digest (c);

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
}

static void
test_shape (void)
{
  g_autoptr(TandemStore) store = make_demo (3000, 42);
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  static const struct { const char *name; TandemColumnType type; const char *role; } expected[] = {
    { "Lead ID", TANDEM_COLUMN_TEXT, "id" }, { "Job Title", TANDEM_COLUMN_TEXT, NULL },
    { "Seniority", TANDEM_COLUMN_TEXT, NULL }, { "Company Size", TANDEM_COLUMN_NUMBER, NULL },
    { "Email Domain Type", TANDEM_COLUMN_TEXT, NULL }, { "Lead Source", TANDEM_COLUMN_TEXT, "source" },
    { "Owner", TANDEM_COLUMN_TEXT, "owner" }, { "Created", TANDEM_COLUMN_DATE, "created" },
    { "Stage", TANDEM_COLUMN_TEXT, "stage" }, { "First Touch", TANDEM_COLUMN_DATE, "first-touch" },
    { "Outcome", TANDEM_COLUMN_BOOLEAN, "outcome" }, { "Amount", TANDEM_COLUMN_NUMBER, "amount" },
  };

  g_assert_cmpint (tandem_store_count_leads (store), ==, 3000);
  g_assert_cmpuint (columns->len, ==, 21);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TandemColumn) column = tandem_store_find_column (store, expected[i].name);
      g_assert_nonnull (column);
      g_assert_cmpint (column->type, ==, expected[i].type);
      g_assert_cmpstr (column->role, ==, expected[i].role);
    }

  /* Activity: at least 5 events a lead on average, nothing after the end */
  g_assert_cmpint (tandem_store_count_events (store), >=, 5 * 3000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM events WHERE at > '2026-11-01 23:59:59'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM stage_history WHERE entered_at > '2026-11-01 23:59:59'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM leads WHERE c14 > '2026-11-01 23:59:59' OR c14 < '2025-05-01'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT type) FROM events"), ==, 8);

  /* Every lead starts as a Suspect or an Inquiry */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM leads l WHERE (SELECT stage FROM stage_history h WHERE h.lead = l.id "
                              " ORDER BY entered_at, h.id LIMIT 1) NOT IN ('Suspect', 'Inquiry')"), ==, 0);
  /* The Stage column is the last stage of the history */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM leads l WHERE c16 != (SELECT stage FROM stage_history h "
                              " WHERE h.lead = l.id ORDER BY h.id DESC LIMIT 1)"), ==, 0);
  /* Outcome: won iff the lead is a customer; an amount iff won */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM leads WHERE (c18 = 1) != (c16 = 'Customer')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM leads WHERE (c19 IS NOT NULL) != (c18 IS 1)"), ==, 0);
  /* Lost: the last opportunity closed lost (the lead may since be recycled) */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM leads l WHERE c18 = 0 AND NOT EXISTS (SELECT 1 FROM stage_history h "
                              " WHERE h.lead = l.id AND h.stage = 'Lost')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM leads WHERE c16 = 'Lost' AND c18 IS NOT 0"), ==, 0);
  /* A first touch only after an MQL */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM leads l WHERE c17 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stage_history h "
                              " WHERE h.lead = l.id AND h.stage = 'Marketing Qualified Lead')"), ==, 0);
  /* Recycling happens: some leads are inquiries more than once */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT lead FROM stage_history WHERE stage = 'Inquiry' "
                              " GROUP BY lead HAVING count(*) > 1)"), >, 0);
  /* The taxonomy */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM stages"), ==, 8);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM stages WHERE kind != 'open'"), ==, 3);
  {
    g_autofree char *seed = tandem_store_dup_setting (store, "demo.seed");
    g_autofree char *end = tandem_store_dup_setting (store, "demo.end");
    g_assert_cmpstr (seed, ==, "42");
    g_assert_cmpstr (end, ==, "2026-11-01");
  }
}

/* Fit and interest must really predict conversion. */
static void
test_true_story (void)
{
  g_autoptr(TandemStore) store = make_demo (5000, 42);
  const char *old = "c14 < '2026-05-01'";   /* leads old enough to have closed */
  g_autofree char *senior_sql = g_strdup_printf ("SELECT avg (coalesce (c18, 0)) FROM leads WHERE %s AND c6 IN ('C-level', 'VP', 'Director')", old);
  g_autofree char *junior_sql = g_strdup_printf ("SELECT avg (coalesce (c18, 0)) FROM leads WHERE %s AND c6 IN ('Student', 'Individual Contributor')", old);
  g_autofree char *demo_sql = g_strdup_printf ("SELECT avg (coalesce (c18, 0)) FROM leads l WHERE %s AND EXISTS "
                                               "(SELECT 1 FROM events e WHERE e.lead = l.id AND e.type = 'demo_request')", old);
  g_autofree char *no_demo_sql = g_strdup_printf ("SELECT avg (coalesce (c18, 0)) FROM leads l WHERE %s AND NOT EXISTS "
                                                  "(SELECT 1 FROM events e WHERE e.lead = l.id AND e.type = 'demo_request')", old);
  double senior = query_double (store, senior_sql);
  double junior = query_double (store, junior_sql);
  double demo = query_double (store, demo_sql);
  double no_demo = query_double (store, no_demo_sql);
  double mql_rate, sal_rate;

  g_test_message ("won: senior %.3f, junior %.3f; with a demo request %.3f, without %.3f", senior, junior, demo, no_demo);
  g_assert_cmpfloat (senior, >=, 2 * junior);
  g_assert_cmpfloat (demo, >=, 2 * no_demo);

  mql_rate = query_double (store, "SELECT count (DISTINCT lead) * 1.0 / 5000 FROM stage_history WHERE stage = 'Marketing Qualified Lead'");
  sal_rate = query_double (store, "SELECT (SELECT count (DISTINCT lead) FROM stage_history WHERE stage = 'Sales Accepted Lead') * 1.0 / "
                                  "(SELECT count (DISTINCT lead) FROM stage_history WHERE stage = 'Marketing Qualified Lead')");
  g_test_message ("inquiry → MQL %.3f, MQL → SAL %.3f", mql_rate, sal_rate);
  g_assert_cmpfloat (mql_rate, >, 0.2);
  g_assert_cmpfloat (mql_rate, <, 0.45);
  g_assert_cmpfloat (sal_rate, >, 0.45);
  g_assert_cmpfloat (sal_rate, <, 0.8);
}

/* The live model the demo ships scores the demo sensibly: it is valid for
 * the demo's columns and events, and its MQLs win more often than the rest. */
static void
test_live_model (void)
{
  g_autoptr(TandemStore) store = make_demo (5000, 42);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_load (store, NULL, &error);
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(TandemScorer) scorer = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint mql = 0, mql_won = 0, other = 0, other_won = 0, i = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (tandem_model_get_name (model), ==, "Default B2B");
  g_assert_true (tandem_model_validate (model, store, &error));
  scorer = tandem_scorer_new (store, model, as_of, NULL, &error);
  g_assert_no_error (error);

  stmt = tandem_store_prepare (store, "SELECT coalesce (c18, 0) FROM leads ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TandemScore score;
      gboolean won = sqlite3_column_int (stmt, 0) == 1;
      tandem_scorer_get_score (scorer, i++, &score);
      if (score.mql)
        mql++, mql_won += won;
      else
        other++, other_won += won;
    }
  g_test_message ("MQLs %u (%.1f %% won), others %u (%.1f %% won)", mql, 100.0 * mql_won / MAX (mql, 1),
                  other, 100.0 * other_won / MAX (other, 1));
  g_assert_cmpuint (mql, >, 50);
  g_assert_cmpuint (mql, <, 2500);
  g_assert_cmpfloat ((double) mql_won / mql, >=, 2.0 * other_won / other);
}

/* The demo tells one story: its model's MQL cells are its best-converting
 * cells.  Of the cells with enough leads to say (the insights' minimum),
 * the MQL cells are the top ones by conversion, every one of them at
 * least as good as any other cell; so the insights find no cell that
 * beats an MQL cell.  At the plain size and the sanitizer stage's.     */
static void
test_mql_cells_convert_best (void)
{
  guint n = test_size (5000, 3000);
  g_autoptr(TandemStore) store = make_demo (n, TANDEM_DEMO_DEFAULT_SEED);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_load (store, NULL, &error);
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(TandemScorer) scorer = NULL;
  g_autoptr(TandemInsights) insights = NULL;
  double worst_mql = INFINITY, best_other = -1;
  guint n_mql = 0;

  g_assert_no_error (error);
  scorer = tandem_scorer_new (store, model, as_of, NULL, &error);
  g_assert_no_error (error);
  insights = tandem_insights_new (scorer, store, &error);
  g_assert_no_error (error);
  for (guint f = 0; f < insights->n_fit; f++)
    for (guint i = 0; i < insights->n_interest; i++)
      {
        const TandemCellStat *c = &insights->cells[f][i];
        double conversion = c->leads ? (double) c->won / c->leads : 0;
        gboolean mql = tandem_model_is_mql_cell (model, f, i);

        g_test_message ("%c%u: %u leads, %.1f %% won%s", 'A' + f, i + 1, c->leads, 100 * conversion, mql ? " (MQL)" : "");
        if (mql)
          {
            n_mql++;
            g_assert_cmpuint (c->leads, >=, TANDEM_FINDING_MIN_LEADS);
            worst_mql = MIN (worst_mql, conversion);
          }
        else if (c->leads >= TANDEM_FINDING_MIN_LEADS)
          best_other = MAX (best_other, conversion);
      }
  g_assert_cmpuint (n_mql, >, 0);
  g_test_message ("%u leads: the worst MQL cell %.1f %%, the best other %.1f %%", n, 100 * worst_mql, 100 * best_other);
  g_assert_cmpfloat (worst_mql, >=, best_other);
  g_assert_cmpuint (insights->findings->len, ==, 0);
}

static void
test_refusals (void)
{
  g_autoptr(TandemStore) store = make_demo (100, 1);
  g_autoptr(TandemStore) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = test_workspace_digest (store);
  g_autofree char *after = NULL;

  g_assert_false (tandem_demo_generate (store, 100, 2, NULL, NULL, &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = test_workspace_digest (store);
  g_assert_cmpstr (before, ==, after);

  empty = tandem_store_new_memory (&error);
  g_cancellable_cancel (cancellable);
  g_assert_false (tandem_demo_generate (empty, 5000, 2, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (tandem_store_count_leads (empty), ==, 0);
  {
    g_autoptr(GPtrArray) columns = tandem_store_list_columns (empty);
    g_assert_cmpuint (columns->len, ==, 0);
  }
}

static void
test_default_size (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TandemStore) store = NULL;

  if (test_size (1, 0) == 0)
    {
      g_test_skip ("the default size is generated in the plain build's run; the other cases check the demo here");
      return;
    }
  store = make_demo (TANDEM_DEMO_DEFAULT_LEADS, TANDEM_DEMO_DEFAULT_SEED);
  g_test_message ("%d leads in %.2f s", TANDEM_DEMO_DEFAULT_LEADS, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (tandem_store_count_leads (store), ==, TANDEM_DEMO_DEFAULT_LEADS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/shape", test_shape);
  g_test_add_func ("/demo/true-story", test_true_story);
  g_test_add_func ("/demo/live-model", test_live_model);
  g_test_add_func ("/demo/mql-cells-convert-best", test_mql_cells_convert_best);
  g_test_add_func ("/demo/refusals", test_refusals);
  g_test_add_func ("/demo/default-size", test_default_size);

  return g_test_run ();
}
