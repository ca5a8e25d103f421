/* test-suggest.c — a model suggested from outcomes, on fixtures with known answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture is shaped like an online-education CRM export (Lead Origin,
 * Lead Source, TotalVisits, Total Time Spent on Website, Last Activity,
 * occupation, Country, Converted 0/1, and the sales-filled Tags and Lead
 * Quality, no dates), generated with a fixed seed.  Its outcome is drawn
 * from a logistic model with three planted conditions, which the fit must
 * find with the right signs; Tags and Lead Quality are filled in from the
 * outcome, as sales would, and must be flagged as leakage.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-scorer.h"
#include "tandem-suggest.h"
#include "test-util.h"

static guint64 rng_state;

static double
rnd (void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double) (rng_state >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
}

static const char *
pick (const char *const *values,
      guint              n)
{
  return values[(guint) (rnd () * n) % n];
}

/* The education-shaped export: @n leads; @with_outcome FALSE leaves the
 * Converted column out. */
static char *
education_csv (guint    n,
               gboolean with_outcome)
{
  static const char *const origins[] = { "API", "Landing Page Submission", "Lead Add Form", "Lead Import" };
  static const char *const sources[] = { "Google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference" };
  static const char *const activities[] = { "Email Opened", "SMS Sent", "Olark Chat Conversation", "Page Visited on Website",
                                            "Converted to Lead" };
  static const char *const occupations[] = { "Unemployed", "Working Professional", "Student", "" };
  static const char *const countries[] = { "India", "India", "India", "United States", "" };
  GString *csv = g_string_new ("Prospect ID,Lead Origin,Lead Source,TotalVisits,Total Time Spent on Website,"
                               "Last Activity,What is your current occupation,Country,Tags,Lead Quality");

  g_string_append (csv, with_outcome ? ",Converted\n" : "\n");
  rng_state = 0x9E3779B97F4A7C15ull;
  for (guint i = 0; i < n; i++)
    {
      const char *origin = pick (origins, G_N_ELEMENTS (origins));
      const char *activity = pick (activities, G_N_ELEMENTS (activities));
      const char *occupation = pick (occupations, G_N_ELEMENTS (occupations));
      /* The planted truth */
      double logit = -1.0 + 2.0 * g_str_equal (origin, "Lead Add Form") +
                     1.5 * g_str_equal (occupation, "Working Professional") -
                     2.0 * g_str_equal (activity, "Olark Chat Conversation");
      gboolean won = rnd () < 1 / (1 + exp (-logit));
      const char *tags = won ? (rnd () < 0.97 ? "Will revert after reading the email" : "Ringing")
                             : (rnd () < 0.5 ? "Ringing" : rnd () < 0.5 ? "Interested in other courses" : "Already a student");
      const char *quality = won ? (rnd () < 0.9 ? "High in Relevance" : "Might be")
                                : (rnd () < 0.5 ? "Worst" : rnd () < 0.7 ? "Low in Relevance" : "Not Sure");

      g_string_append_printf (csv, "%u-%08x,%s,%s,%u,%u,%s,%s,%s,%s,%s", 660000 + i, (guint) (rnd () * 4e9),
                              origin, pick (sources, G_N_ELEMENTS (sources)), (guint) (rnd () * 12),
                              (guint) (rnd () * 2000), activity, occupation, pick (countries, G_N_ELEMENTS (countries)),
                              tags, quality);
      if (with_outcome)
        g_string_append (csv, won ? ",1" : ",0");
      g_string_append_c (csv, '\n');
    }
  return g_string_free (csv, FALSE);
}

static TandemStore *
education_store (guint    n,
                 gboolean with_outcome)
{
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_store_new_memory (&error);
  g_autofree char *csv = education_csv (n, with_outcome);
  g_autofree char *path = test_write_file ("education.csv", csv, -1);

  g_assert_no_error (error);
  g_assert_true (tandem_store_import_csv (store, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static TandemSuggestion *
run (TandemStore                *store,
     const TandemSuggestOptions *options)
{
  g_autoptr(GError) error = NULL;
  TandemSuggestion *s = tandem_suggest_run (store, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* The rule of @model built on @field = @value, or NULL. */
static const TandemRule *
find_rule (TandemModel *model,
           const char  *field,
           const char  *value,
           double      *points)
{
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          const TandemRule *rule = g_ptr_array_index (rules, r);
          if (g_strcmp0 (rule->field, field) == 0 && rule->op == TANDEM_OP_EQUALS && rule->texts &&
              g_str_equal (rule->texts[0], value))
            {
              *points = rule->points;
              return rule;
            }
        }
    }
  return NULL;
}

static const TandemExcludedColumn *
find_excluded (TandemSuggestion *s,
               const char       *column)
{
  GPtrArray *excluded = tandem_suggestion_get_excluded (s);

  for (guint k = 0; k < excluded->len; k++)
    if (g_str_equal (((TandemExcludedColumn *) g_ptr_array_index (excluded, k))->column, column))
      return g_ptr_array_index (excluded, k);
  return NULL;
}

static const TandemExcludedColumn *
get_excluded (TandemSuggestion *s,
              const char       *column)
{
  const TandemExcludedColumn *x = find_excluded (s, column);

  if (x == NULL)
    g_error ("“%s” is not among the excluded columns", column);
  return x;
}

static void
test_planted (void)
{
  g_autoptr(TandemStore) store = education_store (6000, TRUE);
  g_autoptr(TandemSuggestion) s = run (store, NULL);
  TandemModel *model = tandem_suggestion_get_model (s);
  const TandemBacktest *t = tandem_suggestion_get_backtest (s);
  double origin = 0, occupation = 0, activity = 0, top = 0;
  guint n_rules = 0;

  g_assert_cmpstr (tandem_suggestion_get_outcome (s), ==, "Converted");
  g_assert_nonnull (find_rule (model, "Lead Origin", "Lead Add Form", &origin));
  g_assert_nonnull (find_rule (model, "What is your current occupation", "Working Professional", &occupation));
  g_assert_nonnull (find_rule (model, "Last Activity", "Olark Chat Conversation", &activity));
  g_assert_cmpfloat (origin, >, 0);
  g_assert_cmpfloat (occupation, >, 0);
  g_assert_cmpfloat (activity, <, 0);

  /* The planted ones are the three largest: nothing else comes close */
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
      n_rules += rules->len;
      for (guint r = 0; r < rules->len; r++)
        {
          const TandemRule *rule = g_ptr_array_index (rules, r);
          const TandemSuggestedRule *info = tandem_suggestion_get_rule (s, d, r);
          g_assert_cmpuint (info->support, >, 0);
          g_assert_nonnull (info->why);
          if (fabs (rule->points) != fabs (origin) && fabs (rule->points) != fabs (occupation) &&
              fabs (rule->points) != fabs (activity))
            top = MAX (top, fabs (rule->points));
        }
    }
  g_assert_cmpfloat (top, <, MIN (fabs (origin), MIN (fabs (occupation), fabs (activity))));
  g_assert_cmpuint (n_rules, <=, 30);
  g_assert_cmpfloat (MAX (fabs (origin), MAX (fabs (occupation), fabs (activity))), ==, 25);

  /* "Last Activity" names activity: interest; the others fit */
  g_assert_true (find_rule (model, "Last Activity", "Olark Chat Conversation", &activity) ==
                 g_ptr_array_index (tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST)->rules, 0));

  /* The back-test: the planted model's AUC is about 0.80 */
  g_assert_cmpuint (t->leads, >, 1500);
  g_assert_cmpfloat (t->auc, >, 0.75);
  g_assert_cmpfloat (t->top_decile_lift, >, 1.3);
  g_assert_cmpuint (t->mql, >, 0);
  g_assert_cmpfloat (t->mql_conversion, >, t->base_rate);
  g_assert_null (tandem_suggestion_get_live_backtest (s));

  /* The leaky, id and outcome columns are left out, with reasons */
  g_assert_cmpint (get_excluded (s, "Tags")->kind, ==, TANDEM_EXCLUSION_LEAKAGE);
  g_assert_cmpint (get_excluded (s, "Lead Quality")->kind, ==, TANDEM_EXCLUSION_LEAKAGE);
  g_assert_cmpfloat (get_excluded (s, "Tags")->auc, >=, 0.95);
  g_assert_false (get_excluded (s, "Tags")->included);
  g_assert_cmpint (get_excluded (s, "Prospect ID")->kind, ==, TANDEM_EXCLUSION_ID);
  g_assert_cmpint (get_excluded (s, "Converted")->kind, ==, TANDEM_EXCLUSION_OUTCOME);
  g_assert_null (find_excluded (s, "Lead Source"));
  g_assert_null (find_excluded (s, "TotalVisits"));
}

static double
spearman (const double *a,
          const double *b,
          guint         n);

static int
compare_index (gconstpointer x,
               gconstpointer y,
               gpointer      data)
{
  const double *v = data;
  double l = v[*(const guint *) x], r = v[*(const guint *) y];
  return (l > r) - (l < r);
}

static void
ranks (const double *v,
       guint         n,
       double       *out)
{
  g_autofree guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_index, (gpointer) v);
  for (guint a = 0; a < n;)
    {
      guint b = a;
      while (b < n && v[order[b]] == v[order[a]])
        b++;
      for (guint k = a; k < b; k++)
        out[order[k]] = (a + b - 1) / 2.0;
      a = b;
    }
}

static double
spearman (const double *a,
          const double *b,
          guint         n)
{
  g_autofree double *ra = g_new (double, n);
  g_autofree double *rb = g_new (double, n);
  double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;

  ranks (a, n, ra);
  ranks (b, n, rb);
  for (guint i = 0; i < n; i++)
    ma += ra[i] / n, mb += rb[i] / n;
  for (guint i = 0; i < n; i++)
    {
      sab += (ra[i] - ma) * (rb[i] - mb);
      saa += (ra[i] - ma) * (ra[i] - ma);
      sbb += (rb[i] - mb) * (rb[i] - mb);
    }
  return sab / sqrt (saa * sbb);
}

/* Whole points rank the leads as the fitted coefficients do; the model
 * scores in the engine exactly as the back-test counted. */
static void
test_points_rank_like_the_fit (void)
{
  g_autoptr(TandemStore) store = education_store (4000, TRUE);
  g_autoptr(TandemSuggestion) s = run (store, NULL);
  g_autoptr(TandemModel) exact = tandem_model_copy (tandem_suggestion_get_model (s));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemScorer) rounded = NULL;
  g_autoptr(TandemScorer) fitted = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  guint n;

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *spec = tandem_model_get_dimension (exact, d);
      for (guint r = 0; r < spec->rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (spec->rules, r);
          double coefficient = tandem_suggestion_get_rule (s, d, r)->coefficient;
          if (rule->has_max)
            rule->max = rule->max / fabs (rule->points) * fabs (coefficient);
          rule->points = coefficient;
        }
    }
  rounded = tandem_scorer_new (store, tandem_suggestion_get_model (s), NULL, NULL, &error);
  g_assert_no_error (error);
  fitted = tandem_scorer_new (store, exact, NULL, NULL, &error);
  g_assert_no_error (error);
  n = tandem_scorer_get_n_leads (rounded);
  x = g_new (double, n);
  y = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      TandemScore a, b;
      tandem_scorer_get_score (rounded, i, &a);
      tandem_scorer_get_score (fitted, i, &b);
      x[i] = a.fit + a.interest;
      y[i] = b.fit + b.interest;
    }
  g_assert_cmpfloat (spearman (x, y, n), >, 0.97);

  /* The engine's matrix of the suggested model has every MQL the model says */
  {
    guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
    g_assert_cmpuint (tandem_scorer_count_matrix (rounded, tandem_suggestion_get_model (s), counts), >, 0);
  }
}

static void
test_deterministic (void)
{
  g_autoptr(TandemStore) store = education_store (3000, TRUE);
  TandemSuggestOptions o;
  g_autoptr(TandemSuggestion) a = NULL;
  g_autoptr(TandemSuggestion) b = NULL;
  g_autoptr(TandemSuggestion) c = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;
  g_autofree char *jc = NULL;
  g_autoptr(TandemModel) back = NULL;
  g_autoptr(GError) error = NULL;

  tandem_suggest_options_init (&o);
  o.seed = 7;
  a = run (store, &o);
  b = run (store, &o);
  o.seed = 8;
  c = run (store, &o);
  ja = tandem_model_to_json (tandem_suggestion_get_model (a));
  jb = tandem_model_to_json (tandem_suggestion_get_model (b));
  jc = tandem_model_to_json (tandem_suggestion_get_model (c));
  g_assert_cmpstr (ja, ==, jb);
  g_assert_cmpstr (ja, !=, jc);

  /* The split follows the lead ids and the seed */
  g_assert_true (tandem_suggest_in_holdout ("660001-1234", 7, 0.3) == tandem_suggest_in_holdout ("660001-1234", 7, 0.3));
  {
    guint in = 0;
    for (guint i = 0; i < 10000; i++)
      {
        g_autofree char *key = g_strdup_printf ("L%u", i);
        in += tandem_suggest_in_holdout (key, 7, 0.3);
      }
    g_assert_cmpuint (in, >, 2800);
    g_assert_cmpuint (in, <, 3200);
  }

  /* What rules import reads, and it fits the workspace */
  back = tandem_model_new_from_json (ja, -1, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_model_validate (back, store, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_model_equal (back, tandem_suggestion_get_model (a)));
}

static void
test_include_exclude (void)
{
  g_autoptr(TandemStore) store = education_store (3000, TRUE);
  const char *const include[] = { "Tags", NULL };
  const char *const exclude[] = { "Lead Origin", NULL };
  TandemSuggestOptions o;
  g_autoptr(TandemSuggestion) s = NULL;
  gboolean tags = FALSE, origin = FALSE;

  tandem_suggest_options_init (&o);
  o.include = include;
  o.exclude = exclude;
  o.mql_mode = TANDEM_SUGGEST_MQL_TOP_SHARE;
  o.max_rules = 5;
  s = run (store, &o);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (tandem_suggestion_get_model (s), d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          const TandemRule *rule = g_ptr_array_index (rules, r);
          tags = tags || g_str_equal (rule->field, "Tags");
          origin = origin || g_str_equal (rule->field, "Lead Origin");
        }
      g_assert_cmpuint (rules->len, <=, 5);
    }
  g_assert_true (tags);
  g_assert_false (origin);
  g_assert_true (get_excluded (s, "Tags")->included);
  g_assert_cmpint (get_excluded (s, "Lead Origin")->kind, ==, TANDEM_EXCLUSION_USER);
  /* The best cells holding about a fifth of the leads */
  g_assert_cmpfloat (tandem_suggestion_get_backtest (s)->mql_share, >, 0.05);
  g_assert_cmpfloat (tandem_suggestion_get_backtest (s)->mql_share, <, 0.5);
}

static void
expect_error (TandemStore                *store,
              const TandemSuggestOptions *o,
              int                         code,
              const char                 *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSuggestion) s = tandem_suggest_run (store, o, NULL, NULL, NULL, &error);

  g_assert_null (s);
  g_assert_error (error, TANDEM_SUGGEST_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
}

/* Deals merged into their leads (Olist's closed deals): no outcome or stage
 * column, but a won stage's date, filled in for the leads that were won */
static void
test_won_date (void)
{
  static const char *const sources[] = { "web", "email", "social", "referral" };
  g_autoptr(GString) csv = g_string_new ("lead_id,origin,won_date\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *path = NULL;
  g_autoptr(TandemSuggestion) s = NULL;
  g_autoptr(TandemColumn) column = NULL;
  double points = 0;

  rng_state = 0x2545F4914F6CDD1Dull;
  for (guint i = 0; i < 800; i++)
    {
      const char *origin = pick (sources, G_N_ELEMENTS (sources));
      gboolean won = rnd () < (g_str_equal (origin, "referral") ? 0.5 : 0.08);
      g_string_append_printf (csv, "L%u,%s,%s\n", i, origin, won ? "2024-03-05" : "");
    }
  path = test_write_file ("deals.csv", csv->str, -1);
  g_assert_no_error (error);
  g_assert_true (tandem_store_import_csv (store, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  column = tandem_store_find_column (store, "won_date");
  g_assert_cmpstr (column->role, ==, "stage-date:Won");

  s = run (store, NULL);
  g_assert_cmpstr (tandem_suggestion_get_outcome (s), ==, "won_date");
  g_assert_nonnull (find_rule (tandem_suggestion_get_model (s), "origin", "referral", &points));
  g_assert_cmpfloat (points, >, 0);
  g_assert_nonnull (get_excluded (s, "won_date"));
}

static void
test_errors (void)
{
  g_autoptr(TandemStore) store = education_store (600, TRUE);
  g_autoptr(TandemStore) tiny = education_store (25, TRUE);
  g_autoptr(TandemStore) none = education_store (200, FALSE);
  const char *const unknown[] = { "Shoe Size", NULL };
  TandemSuggestOptions o;

  tandem_suggest_options_init (&o);
  o.holdout = 0;
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_INVALID, "holdout");
  o.holdout = 1;
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_INVALID, "holdout");
  o.holdout = NAN;
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_INVALID, "holdout");

  tandem_suggest_options_init (&o);
  o.max_rules = 0;
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_INVALID, "rules");

  tandem_suggest_options_init (&o);
  o.outcome = "Shoe Size";
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_INVALID, "“Shoe Size”");
  o.outcome = "Country";
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_NOT_OUTCOME, "“Country”");
  o.outcome = "TotalVisits";
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_NOT_OUTCOME, "“TotalVisits”");

  tandem_suggest_options_init (&o);
  o.exclude = unknown;
  expect_error (store, &o, TANDEM_SUGGEST_ERROR_INVALID, "“Shoe Size”");

  expect_error (tiny, NULL, TANDEM_SUGGEST_ERROR_TOO_FEW, "Too few");
  expect_error (none, NULL, TANDEM_SUGGEST_ERROR_NO_OUTCOME, "no outcome");

  /* Cancelled before it starts */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemSuggestion) s = NULL;

    g_cancellable_cancel (cancellable);
    s = tandem_suggest_run (store, NULL, cancellable, NULL, NULL, &error);
    g_assert_null (s);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
note_progress (double      fraction,
               const char *what,
               gpointer    data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_nonnull (what);
  *last = fraction;
}

/* In a worker thread, on the connection tandem_store_dup_for_thread() gives */
static void
worker (GTask        *task,
        gpointer      source,
        gpointer      data,
        GCancellable *cancellable)
{
  g_autoptr(TandemStore) store = tandem_store_dup_for_thread (source);
  double *last = data;
  GError *error = NULL;
  TandemSuggestion *s = tandem_suggest_run (store, NULL, cancellable, note_progress, last, &error);

  if (s == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, s, (GDestroyNotify) tandem_suggestion_unref);
}

static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      data)
{
  TandemSuggestion **out = data;
  g_autoptr(GError) error = NULL;

  *out = g_task_propagate_pointer (G_TASK (result), &error);
  g_assert_no_error (error);
}

static void
test_thread (void)
{
  g_autoptr(TandemStore) store = education_store (2000, TRUE);
  g_autoptr(TandemSuggestion) s = NULL;
  g_autoptr(GTask) task = g_task_new (store, NULL, done, &s);
  double last = -1;

  g_task_set_task_data (task, &last, NULL);
  g_task_run_in_thread (task, worker);
  while (s == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpfloat (tandem_suggestion_get_backtest (s)->auc, >, 0.6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/suggest/planted", test_planted);
  g_test_add_func ("/suggest/points-rank-like-the-fit", test_points_rank_like_the_fit);
  g_test_add_func ("/suggest/deterministic", test_deterministic);
  g_test_add_func ("/suggest/include-exclude", test_include_exclude);
  g_test_add_func ("/suggest/won-date", test_won_date);
  g_test_add_func ("/suggest/errors", test_errors);
  g_test_add_func ("/suggest/thread", test_thread);
  return g_test_run ();
}
