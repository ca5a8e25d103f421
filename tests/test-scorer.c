/* test-scorer.c — every operator, nulls, case, decay, max, floor and cap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected points were worked out by hand from the fixture below,
 * as of 2024-06-01 (the as-of moment is the end of that day).
 */

#include <math.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-demo.h"
#include "tandem-insights.h"
#include "tandem-scorer.h"
#include "tandem-store-private.h"
#include "test-util.h"
#include "scoring-fixture.h"

static TandemScorer *
scorer_for (TandemStore *store,
            const char  *fit_rules,
            const char  *fit_extra)
{
  g_autofree char *json = g_strdup_printf ("{\"name\": \"t\", \"fit\": {%s \"bands\": [20, 10, 5], \"rules\": [%s]},"
                                           " \"interest\": {\"bands\": [10]}, \"mql\": [\"A1\", \"A2\"]}",
                                           fit_extra ? fit_extra : "", fit_rules);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_new_from_json (json, -1, &error);
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_JUNE, 2024);
  TandemScorer *scorer;

  g_assert_no_error (error);
  scorer = tandem_scorer_new (store, model, as_of, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_scorer_get_n_leads (scorer), ==, 4);
  return scorer;
}

/* The fit of L1…L4 under one rule must be these. */
static void
assert_fit (TandemStore *store,
            const char  *rule,
            double       l1,
            double       l2,
            double       l3,
            double       l4)
{
  g_autoptr(TandemScorer) scorer = scorer_for (store, rule, NULL);
  double expected[] = { l1, l2, l3, l4 };

  for (guint i = 0; i < 4; i++)
    {
      TandemScore score;
      tandem_scorer_get_score (scorer, i, &score);
      if (fabs (score.fit - expected[i]) > 1e-6)
        g_error ("%s: lead L%u scored %.6f, expected %.6f", rule, i + 1, score.fit, expected[i]);
    }
}

static void
test_text_operators (void)
{
  g_autoptr(TandemStore) s = fixture_store ();

  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"contains\", \"value\": [\"VP\", \"director\"], \"points\": 20}", 20, 20, 0, 0);
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"contains\", \"value\": \"vp\", \"points\": 20, \"case_sensitive\": true}", 0, 0, 0, 0);
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"contains\", \"value\": \"VP\", \"points\": 20, \"case_sensitive\": true}", 20, 0, 0, 0);
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"equals\", \"value\": \"student\", \"points\": 10}", 0, 0, 10, 0);
  /* Surrounding whitespace is ignored */
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"equals\", \"value\": \"Director of IT\", \"points\": 10}", 0, 10, 0, 0);
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"not-equals\", \"value\": \"Student\", \"points\": 5}", 5, 5, 0, 5);
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"in\", \"value\": [\"CEO\", \"Student\"], \"points\": 7}", 0, 0, 7, 7);
  /* A null cell: false for every operator but "empty", not- ones included */
  assert_fit (s, "{\"field\": \"Country\", \"op\": \"not-in\", \"value\": [\"Germany\"], \"points\": 3}", 3, 0, 0, 3);
  assert_fit (s, "{\"field\": \"Country\", \"op\": \"not-equals\", \"value\": \"France\", \"points\": 3}", 0, 0, 3, 0);
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"starts-with\", \"value\": \"dir\", \"points\": 4}", 0, 4, 0, 0);
  assert_fit (s, "{\"field\": \"Job Title\", \"op\": \"ends-with\", \"value\": [\"it\", \"sales\"], \"points\": 4}", 4, 4, 0, 0);
  assert_fit (s, "{\"field\": \"Email\", \"op\": \"matches\", \"value\": \"@(gmail|yahoo)\\\\.com$\", \"points\": -10}", 0, -10, -10, 0);
  assert_fit (s, "{\"field\": \"Email\", \"op\": \"matches\", \"value\": \"@ACME\", \"points\": 2}", 2, 0, 0, 2);
  assert_fit (s, "{\"field\": \"Email\", \"op\": \"matches\", \"value\": \"@ACME\", \"points\": 2, \"case_sensitive\": true}", 0, 0, 0, 0);
}

static void
test_empty_operators (void)
{
  g_autoptr(TandemStore) s = fixture_store ();

  assert_fit (s, "{\"field\": \"Country\", \"op\": \"empty\", \"points\": -5}", 0, -5, 0, 0);
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \"not-empty\", \"points\": 1}", 1, 1, 0, 1);
  assert_fit (s, "{\"field\": \"Active\", \"op\": \"empty\", \"points\": 1}", 0, 0, 1, 0);
  assert_fit (s, "{\"field\": \"Created\", \"op\": \"not-empty\", \"points\": 1}", 1, 1, 1, 1);
}

static void
test_number_and_date_operators (void)
{
  g_autoptr(TandemStore) s = fixture_store ();

  assert_fit (s, "{\"field\": \"Employees\", \"op\": \"<\", \"value\": 50, \"points\": 6}", 0, 6, 0, 6);
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \"<=\", \"value\": 40, \"points\": 6}", 0, 6, 0, 6);
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \">\", \"value\": 40, \"points\": 6}", 6, 0, 0, 0);
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \">=\", \"value\": 250, \"points\": 6}", 6, 0, 0, 0);
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \"between\", \"value\": [12, 40], \"points\": 6}", 0, 6, 0, 6);
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \"equals\", \"value\": 40, \"points\": 6}", 0, 6, 0, 0);
  assert_fit (s, "{\"field\": \"Active\", \"op\": \"equals\", \"value\": true, \"points\": 2}", 2, 0, 0, 2);
  assert_fit (s, "{\"field\": \"Active\", \"op\": \"equals\", \"value\": false, \"points\": 2}", 0, 2, 0, 0);
  /* Dates compare by calendar day */
  assert_fit (s, "{\"field\": \"Created\", \"op\": \">\", \"value\": \"2024-01-15\", \"points\": 1}", 1, 0, 0, 1);
  assert_fit (s, "{\"field\": \"Created\", \"op\": \">=\", \"value\": \"2024-01-15\", \"points\": 1}", 1, 1, 0, 1);
  assert_fit (s, "{\"field\": \"Created\", \"op\": \"equals\", \"value\": \"2024-05-30\", \"points\": 1}", 1, 0, 0, 0);
  assert_fit (s, "{\"field\": \"Created\", \"op\": \"between\", \"value\": [\"2023-06-01\", \"2024-01-15\"], \"points\": 1}", 0, 1, 1, 0);
  /* Within 30 days before the as-of date (2024-05-02 … 2024-06-01) */
  assert_fit (s, "{\"field\": \"Created\", \"op\": \"within-days\", \"value\": 30, \"points\": 8}", 8, 0, 0, 8);
  /* times: P × value, limited to the max */
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \"times\", \"points\": 0.1, \"max\": 10}", 10, 4, 0, 1.2);
  assert_fit (s, "{\"field\": \"Employees\", \"op\": \"times\", \"points\": -0.1, \"max\": 3}", -3, -3, 0, -1.2);
}

static void
test_event_rules (void)
{
  g_autoptr(TandemStore) s = fixture_store ();

  /* Ages are from the end of 2024-06-01: 05-31 12:00 is 1.5 days old. */
  assert_fit (s, "{\"event\": \"demo_request\", \"points\": 20}", 20, 20, 0, 0);
  assert_fit (s, "{\"event\": \"demo_request\", \"points\": 20, \"within_days\": 90}", 20, 0, 0, 0);
  /* page_view: L1 at 05-01 (32 days) and 05-25 (8 days); L2's is after the as-of date; L4's 1 day old */
  assert_fit (s, "{\"event\": \"page_view\", \"points\": 3}", 6, 0, 0, 3);
  assert_fit (s, "{\"event\": \"page_view\", \"points\": 3, \"max\": 4}", 4, 0, 0, 3);
  assert_fit (s, "{\"event\": \"page_view\", \"points\": 3, \"half_life_days\": 8}",
              3 * (pow (0.5, 32.0 / 8) + pow (0.5, 8.0 / 8)), 0, 0, 3 * pow (0.5, 1.0 / 8));
}

static void
test_floor_cap_bands_mql (void)
{
  g_autoptr(TandemStore) s = fixture_store ();
  g_autoptr(TandemScorer) scorer = scorer_for (s,
                                               "{\"field\": \"Job Title\", \"op\": \"contains\", \"value\": \"VP\", \"points\": 20},"
                                               "{\"field\": \"Employees\", \"op\": \"times\", \"points\": 0.1, \"max\": 10},"
                                               "{\"field\": \"Email\", \"op\": \"matches\", \"value\": \"yahoo\", \"points\": -10}",
                                               "\"floor\": 0, \"cap\": 25,");
  TandemScore score;
  g_autofree char *grade = NULL;

  tandem_scorer_get_score (scorer, 0, &score);          /* 20 + 10 = 30, capped */
  g_assert_cmpfloat (score.fit, ==, 25);
  g_assert_cmpuint (score.fit_band, ==, 0);
  g_assert_true (score.mql);                            /* A1 */
  tandem_scorer_get_score (scorer, 2, &score);          /* -10, raised to 0 */
  g_assert_cmpfloat (score.fit, ==, 0);
  g_assert_cmpuint (score.fit_band, ==, 3);
  g_assert_false (score.mql);
  tandem_scorer_get_score (scorer, 1, &score);          /* 4: band D (< 5) */
  g_assert_cmpuint (score.fit_band, ==, 3);
  grade = tandem_scorer_dup_grade (scorer, 0);
  g_assert_cmpstr (grade, ==, "A2");                    /* interest 0 < 10: band 2 */

  g_assert_cmpint (tandem_scorer_find_lead (scorer, "L3"), ==, 2);
  g_assert_cmpint (tandem_scorer_find_lead (scorer, "L9"), ==, -1);
  g_assert_cmpstr (tandem_scorer_get_key (scorer, 3), ==, "L4");

  /* By the row a lead list holds: the store's own lookup agrees */
  for (guint i = 0; i < 4; i++)
    {
      gint64 row = tandem_store_lookup_lead (s, tandem_scorer_get_key (scorer, i));
      g_assert_cmpint (row, >, 0);
      g_assert_cmpint (tandem_scorer_get_row (scorer, i), ==, row);
      g_assert_cmpint (tandem_scorer_find_row (scorer, row), ==, (int) i);
      if (i > 0)
        g_assert_cmpint (tandem_scorer_get_row (scorer, i - 1), <, row);
    }
  g_assert_cmpint (tandem_scorer_find_row (scorer, 0), ==, -1);
  g_assert_cmpint (tandem_scorer_find_row (scorer, tandem_scorer_get_row (scorer, 3) + 1), ==, -1);
}

static void
test_set_points (void)
{
  g_autoptr(TandemStore) s = fixture_store ();
  const char *rules = "{\"field\": \"Job Title\", \"op\": \"in\", \"value\": [\"CEO\", \"VP of Sales\"], \"points\": 20},"
                      "{\"field\": \"Employees\", \"op\": \"times\", \"points\": 0.1, \"max\": 10},"
                      "{\"event\": \"page_view\", \"points\": 3, \"half_life_days\": 8}";
  g_autoptr(TandemScorer) scorer = scorer_for (s, rules, NULL);
  g_autoptr(TandemScorer) fresh = NULL;
  g_autofree char *changed = NULL;

  /* Changed in place: the same scores as a model written that way. */
  tandem_scorer_set_points (scorer, TANDEM_DIMENSION_FIT, 0, 7);
  tandem_scorer_set_points (scorer, TANDEM_DIMENSION_FIT, 1, 0.3);
  tandem_scorer_set_points (scorer, TANDEM_DIMENSION_FIT, 2, -2);
  changed = g_strdup ("{\"field\": \"Job Title\", \"op\": \"in\", \"value\": [\"CEO\", \"VP of Sales\"], \"points\": 7},"
                      "{\"field\": \"Employees\", \"op\": \"times\", \"points\": 0.3, \"max\": 10},"
                      "{\"event\": \"page_view\", \"points\": -2, \"half_life_days\": 8}");
  fresh = scorer_for (s, changed, NULL);
  for (guint i = 0; i < 4; i++)
    {
      TandemScore a, b;
      tandem_scorer_get_score (scorer, i, &a);
      tandem_scorer_get_score (fresh, i, &b);
      g_assert_cmpfloat_with_epsilon (a.fit, b.fit, 1e-9);
    }
}

static void
test_explain (void)
{
  g_autoptr(TandemStore) s = fixture_store ();
  g_autoptr(TandemScorer) scorer = scorer_for (s,
                                               "{\"field\": \"Job Title\", \"op\": \"contains\", \"value\": [\"VP\", \"Director\"], \"points\": 20},"
                                               "{\"field\": \"Employees\", \"op\": \"times\", \"points\": 0.1, \"max\": 10, \"label\": \"Company size\"},"
                                               "{\"field\": \"Email\", \"op\": \"matches\", \"value\": \"gmail\", \"points\": -5},"
                                               "{\"event\": \"demo_request\", \"points\": 30}",
                                               "\"cap\": 25,");
  g_autofree char *l1 = tandem_scorer_explain (scorer, 0);
  g_autofree char *l3 = tandem_scorer_explain (scorer, 2);
  g_autoptr(GArray) parts = tandem_scorer_explain_lead (scorer, 1);

  g_test_message ("%s", l1);
  g_assert_nonnull (strstr (l1, "fit 25.00 (A): +20 Job Title contains VP or Director (“VP of Sales”); +10 Company size (“250”)"));
  g_assert_nonnull (strstr (l1, "capped at 25 (from 60.00)"));
  g_assert_nonnull (strstr (l1, "+30 each demo_request event (“1 event”)"));
  g_assert_nonnull (strstr (l3, "fit 0.00 (D): no rule fired"));

  /* L2: director (+20), 40 employees (+4), gmail (−5), a demo request (+30) */
  g_assert_cmpuint (parts->len, ==, 4);
  g_assert_cmpfloat (g_array_index (parts, TandemContribution, 2).points, ==, -5);
  g_assert_cmpstr (g_array_index (parts, TandemContribution, 2).value, ==, "bob@gmail.com");
}

static void
test_refusal (void)
{
  g_autoptr(TandemStore) s = fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_new_from_json ("{\"name\": \"m\", \"fit\": {\"bands\": [1], \"rules\": ["
                                                             "{\"field\": \"Job Titel\", \"op\": \"empty\", \"points\": 1}]},"
                                                             " \"interest\": {\"bands\": [1]}, \"mql\": []}", -1, &error);
  g_autoptr(TandemScorer) scorer = NULL;

  g_assert_no_error (error);
  scorer = tandem_scorer_new (s, model, NULL, NULL, &error);
  g_assert_null (scorer);
  g_assert_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "fit.rules[0].field: unknown field \"Job Titel\"");
}

/* Counting from the histogram equals counting lead by lead, whatever the
 * thresholds (on the bin grid or not) and after a points change. */
static void
assert_counts_exact (TandemScorer *scorer,
                     TandemModel  *bands)
{
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint expected[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS] = { { 0, } };
  guint mql = tandem_scorer_count_matrix (scorer, bands, counts), expected_mql = 0;

  for (guint i = 0; i < tandem_scorer_get_n_leads (scorer); i++)
    {
      TandemScore score;
      guint f, v;
      tandem_scorer_get_score (scorer, i, &score);
      f = tandem_model_band_of (bands, TANDEM_DIMENSION_FIT, score.fit);
      v = tandem_model_band_of (bands, TANDEM_DIMENSION_INTEREST, score.interest);
      expected[f][v]++;
      expected_mql += tandem_model_is_mql_cell (bands, f, v);
    }
  g_assert_cmpuint (mql, ==, expected_mql);
  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint v = 0; v < TANDEM_MAX_BANDS; v++)
      g_assert_cmpuint (counts[f][v], ==, expected[f][v]);
}

static void
test_matrix_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(GDate) end = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(TandemScorer) scorer = NULL;
  static const double fit_sets[][3] = { { 45, 30, 15 }, { 45.5, 30, 15 }, { 44.3, 29.9, 15.01 }, { 100, 50, 0 }, { 300, 200, -5 } };

  g_assert_true (tandem_demo_generate (store, 3000, 9, end, NULL, &error));
  model = tandem_model_load (store, NULL, &error);
  g_assert_no_error (error);
  scorer = tandem_scorer_new (store, model, end, NULL, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (fit_sets); k++)
    {
      g_autoptr(TandemModel) bands = tandem_model_copy (model);
      TandemDimensionSpec *fit = tandem_model_get_dimension (bands, TANDEM_DIMENSION_FIT);
      TandemDimensionSpec *interest = tandem_model_get_dimension (bands, TANDEM_DIMENSION_INTEREST);

      memcpy (fit->thresholds, fit_sets[k], sizeof fit_sets[k]);
      interest->thresholds[0] = 25 + k * 0.37;
      tandem_model_set_mql_cell (bands, 2, 0, k % 2);
      assert_counts_exact (scorer, bands);
    }

  /* After a points change, the histogram follows the new scores. */
  tandem_scorer_set_points (scorer, TANDEM_DIMENSION_FIT, 0, 45);
  tandem_scorer_set_points (scorer, TANDEM_DIMENSION_INTEREST, 0, 50);
  assert_counts_exact (scorer, tandem_scorer_get_model (scorer));
  assert_counts_exact (scorer, model);
}

/* Large enough that the histogram is filled on all cores. */
static void
test_matrix_counts_parallel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(GString) csv = g_string_new ("Lead ID,Size,Visits,Title\n");
  g_autofree char *path = NULL;
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(TandemScorer) scorer = NULL;
  guint64 x = 12345;
  guint n = test_size (60000, 15000);

  for (guint i = 0; i < n; i++)
    {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      g_string_append_printf (csv, "L%u,%u,%u,%s\n", i, (guint) (x >> 40) % 5000, (guint) (x >> 20) % 300,
                              (x >> 10) % 3 ? "VP" : "Analyst");
    }
  path = test_write_file ("big.csv", csv->str, -1);
  g_assert_true (tandem_store_import_csv (store, path, NULL, NULL, NULL, NULL, NULL, &error));
  model = tandem_model_new_from_json ("{\"name\": \"p\", \"fit\": {\"bands\": [40, 20, 10], \"rules\": ["
                                      "{\"field\": \"Size\", \"op\": \"times\", \"points\": 0.01, \"max\": 30},"
                                      "{\"field\": \"Title\", \"op\": \"equals\", \"value\": \"VP\", \"points\": 20}]},"
                                      " \"interest\": {\"bands\": [10, 5], \"rules\": ["
                                      "{\"field\": \"Visits\", \"op\": \"times\", \"points\": 0.05}]},"
                                      " \"mql\": [\"A1\", \"B1\"]}", -1, &error);
  g_assert_no_error (error);
  scorer = tandem_scorer_new (store, model, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_scorer_get_n_leads (scorer), ==, n);

  assert_counts_exact (scorer, model);
  tandem_scorer_set_points (scorer, TANDEM_DIMENSION_FIT, 1, 35);   /* scores leave the old grid */
  assert_counts_exact (scorer, tandem_scorer_get_model (scorer));
  tandem_scorer_set_points (scorer, TANDEM_DIMENSION_FIT, 1, 34);   /* and stay on the new one */
  assert_counts_exact (scorer, tandem_scorer_get_model (scorer));
}

/* An on-disk workspace is read on two connections at once (leads on one,
 * events on the other); in memory, on one.  Same scores either way, and
 * every event rule's points change in place gives what a fresh scorer of
 * the changed model gives — over thousands of leads, so the sparse event
 * factors span many 64-lead words, with gaps. */
static void
test_on_disk_and_points_everywhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_tmp_path ("two-connections.tandem");
  g_autoptr(TandemStore) disk = tandem_store_create (path, &error);
  g_autoptr(TandemStore) memory = tandem_store_new_memory (&error);
  g_autoptr(GDate) end = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(TandemScorer) a = NULL;
  g_autoptr(TandemScorer) b = NULL;
  GPtrArray *interest_rules;
  guint n, n_event_rules = 0;

  g_assert_no_error (error);
  g_assert_true (tandem_demo_generate (disk, 2500, 5, end, NULL, &error));
  g_assert_true (tandem_demo_generate (memory, 2500, 5, end, NULL, &error));
  g_assert_no_error (error);
  model = tandem_model_load (disk, NULL, &error);
  g_assert_no_error (error);
  a = tandem_scorer_new (disk, model, end, NULL, &error);
  g_assert_no_error (error);
  b = tandem_scorer_new (memory, model, end, NULL, &error);
  g_assert_no_error (error);

  n = tandem_scorer_get_n_leads (a);
  g_assert_cmpuint (n, ==, 2500);
  g_assert_cmpuint (tandem_scorer_get_n_leads (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      TandemScore x, y;
      tandem_scorer_get_score (a, i, &x);
      tandem_scorer_get_score (b, i, &y);
      g_assert_cmpfloat (x.fit, ==, y.fit);
      g_assert_cmpfloat (x.interest, ==, y.interest);
      g_assert_cmpstr (tandem_scorer_get_key (a, i), ==, tandem_scorer_get_key (b, i));
      g_assert_cmpint (tandem_scorer_find_lead (a, tandem_scorer_get_key (a, i)), ==, (int) i);
    }

  /* Every event rule's points changed in place */
  interest_rules = tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST)->rules;
  for (guint r = 0; r < interest_rules->len; r++)
    {
      TandemRule *rule = g_ptr_array_index (interest_rules, r);
      if (rule->event == NULL)
        continue;
      n_event_rules++;
      tandem_scorer_set_points (a, TANDEM_DIMENSION_INTEREST, r, rule->points * 1.7 - 3);
      rule->points = rule->points * 1.7 - 3;
    }
  g_assert_cmpuint (n_event_rules, >=, 3);
  g_clear_pointer (&b, tandem_scorer_free);
  b = tandem_scorer_new (memory, model, end, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      TandemScore x, y;
      tandem_scorer_get_score (a, i, &x);
      tandem_scorer_get_score (b, i, &y);
      g_assert_cmpfloat_with_epsilon (x.interest, y.interest, 1e-9);
    }
  assert_counts_exact (a, model);

  g_clear_object (&disk);
  tandem_store_delete_files (path);
}

/* What the Scoring page edits in place — a rule off and on, a cap, the
 * bands — equals a fresh scorer of the edited model; outcomes give the
 * same won counts per cell and per rule as the insights do. */
static void
test_page_edits_and_outcomes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(GDate) end = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(TandemScorer) scorer = NULL;
  g_autoptr(TandemScorer) fresh = NULL;
  g_autoptr(TandemInsights) insights = NULL;
  TandemDimensionSpec *fit;
  TandemRule *rule;
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint32 distribution[TANDEM_SCORER_BINS];
  double lo, width;
  guint64 total = 0;

  g_assert_true (tandem_demo_generate (store, 3000, 11, end, NULL, &error));
  model = tandem_model_load (store, NULL, &error);
  g_assert_no_error (error);
  scorer = tandem_scorer_new (store, model, end, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (tandem_scorer_has_outcomes (scorer));
  g_assert_true (tandem_scorer_load_outcomes (scorer, store, &error));
  g_assert_true (tandem_scorer_has_outcomes (scorer));

  /* Rule 0 off, the fit cap at 40, the A threshold at 38 */
  fit = tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT);
  rule = g_ptr_array_index (fit->rules, 0);
  rule->enabled = FALSE;
  fit->has_cap = TRUE;
  fit->cap = 40;
  fit->thresholds[0] = 38;
  tandem_model_set_mql_cell (model, 2, 0, TRUE);
  tandem_scorer_set_enabled (scorer, TANDEM_DIMENSION_FIT, 0, FALSE);
  tandem_scorer_set_limits (scorer, TANDEM_DIMENSION_FIT, fit->has_floor, fit->floor, TRUE, 40);
  tandem_scorer_set_bands (scorer, model);
  fresh = tandem_scorer_new (store, model, end, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3000; i++)
    {
      TandemScore a, b;
      tandem_scorer_get_score (scorer, i, &a);
      tandem_scorer_get_score (fresh, i, &b);
      g_assert_cmpfloat_with_epsilon (a.fit, b.fit, 1e-9);
      g_assert_cmpuint (a.fit_band, ==, b.fit_band);
      g_assert_cmpint (a.mql, ==, b.mql);
    }
  /* Disabling twice changes nothing; on again restores the points */
  tandem_scorer_set_enabled (scorer, TANDEM_DIMENSION_FIT, 0, FALSE);
  assert_counts_exact (scorer, model);

  /* Won per cell and per rule, as the insights count them */
  insights = tandem_insights_new (scorer, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_scorer_get_n_won (scorer), ==, insights->won);
  g_assert_cmpuint (insights->won, >, 0);
  tandem_scorer_count_matrix_won (scorer, model, counts, won);
  for (guint f = 0; f < insights->n_fit; f++)
    for (guint v = 0; v < insights->n_interest; v++)
      {
        g_assert_cmpuint (counts[f][v], ==, insights->cells[f][v].leads);
        g_assert_cmpuint (won[f][v], ==, insights->cells[f][v].won);
      }
  for (guint k = 0; k < insights->rules->len; k++)
    {
      TandemRuleStat *stat = &g_array_index (insights->rules, TandemRuleStat, k);
      guint matched, matched_won;
      if (stat->dimension == TANDEM_DIMENSION_FIT && stat->rule == 0)
        continue;   /* off: the insights count it as matching no one */
      tandem_scorer_rule_stats (scorer, stat->dimension, stat->rule, &matched, &matched_won);
      g_assert_cmpuint (matched, ==, stat->matched);
      g_assert_cmpuint (matched_won, ==, stat->matched_won);
    }

  tandem_scorer_get_distribution (scorer, TANDEM_DIMENSION_FIT, distribution, &lo, &width);
  for (guint k = 0; k < TANDEM_SCORER_BINS; k++)
    total += distribution[k];
  g_assert_cmpuint (total, ==, 3000);
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (lo + width * TANDEM_SCORER_BINS, >, 40 - 1e-9);   /* the cap is on the grid */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scorer/text-operators", test_text_operators);
  g_test_add_func ("/scorer/empty-operators", test_empty_operators);
  g_test_add_func ("/scorer/number-and-date-operators", test_number_and_date_operators);
  g_test_add_func ("/scorer/event-rules", test_event_rules);
  g_test_add_func ("/scorer/floor-cap-bands-mql", test_floor_cap_bands_mql);
  g_test_add_func ("/scorer/set-points", test_set_points);
  g_test_add_func ("/scorer/explain", test_explain);
  g_test_add_func ("/scorer/refusal", test_refusal);
  g_test_add_func ("/scorer/matrix-counts", test_matrix_counts);
  g_test_add_func ("/scorer/matrix-counts-parallel", test_matrix_counts_parallel);
  g_test_add_func ("/scorer/on-disk-and-points-everywhere", test_on_disk_and_points_everywhere);
  g_test_add_func ("/scorer/page-edits-and-outcomes", test_page_edits_and_outcomes);

  return g_test_run ();
}
