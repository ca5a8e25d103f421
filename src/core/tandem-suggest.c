/* tandem-suggest.c — a model suggested from outcomes: the steps, and the result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-suggest-private.h"
#include "tandem-csv.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (tandem-suggest-error-quark, tandem_suggest_error)

G_DEFINE_BOXED_TYPE (TandemSuggestion, tandem_suggestion, tandem_suggestion_ref, tandem_suggestion_unref)

void
tandem_suggest_options_init (TandemSuggestOptions *options)
{
  *options = (TandemSuggestOptions) { 0, };
  options->holdout = 0.3;
  options->seed = 1;
  options->max_rules = 30;
  options->mql_mode = TANDEM_SUGGEST_MQL_RATE;
  options->mql_rate_multiple = 2;
  options->mql_top_share = 0.2;
}

static guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

gboolean
tandem_suggest_in_holdout (const char *key,
                           guint64     seed,
                           double      holdout)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *) key; *p; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
  return (double) (splitmix64 (seed ^ h) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53) < holdout;
}

void
tandem_suggest_progress (TandemSuggestProgressFunc func,
                         gpointer                  data,
                         double                    fraction,
                         const char               *what)
{
  if (func != NULL)
    func (fraction, what, data);
}

static void
excluded_free (TandemExcludedColumn *x)
{
  g_free (x->column);
  g_free (x->reason);
  g_free (x);
}

static void
suggested_rule_clear (TandemSuggestedRule *r)
{
  g_free (r->why);
  g_free (r->source);
}

TandemSuggestion *
tandem_suggestion_ref (TandemSuggestion *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tandem_suggestion_unref (TandemSuggestion *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->model, tandem_model_unref);
  g_free (self->outcome);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_clear_pointer (&self->rules[d], g_array_unref);
  g_free (self->live_name);
  g_clear_pointer (&self->excluded, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->probe, tandem_scorer_free);
  g_free (self->label);
  g_free (self->in_holdout);
  g_free (self);
}

/* ---- Steps ------------------------------------------------------------------ */

static gboolean
check_options (TandemStore                *store,
               const TandemSuggestOptions *o,
               GError                    **error)
{
  g_autoptr(GPtrArray) types = NULL;
  const char *const *lists[2] = { o->include, o->exclude };

  if (!(o->holdout > 0 && o->holdout < 1))
    {
      g_set_error (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_INVALID,
                   _("The holdout fraction must be between 0 and 1 (not %g)"), o->holdout);
      return FALSE;
    }
  if (o->max_rules < 1 || o->max_rules > TANDEM_SUGGEST_MAX_RULES)
    {
      g_set_error (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_INVALID,
                   _("The number of rules must be from 1 to %d (not %u)"), TANDEM_SUGGEST_MAX_RULES, o->max_rules);
      return FALSE;
    }
  if (!(o->mql_rate_multiple > 0 && o->mql_rate_multiple <= 1000) || !(o->mql_top_share > 0 && o->mql_top_share <= 1))
    {
      g_set_error_literal (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_INVALID,
                           _("The MQL choice is out of range: a rate multiple above 0, a share of leads in (0, 1]"));
      return FALSE;
    }
  types = tandem_store_list_event_types (store);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        g_autoptr(TandemColumn) column = tandem_store_find_column (store, lists[l][i]);
        gboolean found = column != NULL;

        for (guint k = 0; !found && k < types->len; k++)
          found = g_str_equal (g_ptr_array_index (types, k), lists[l][i]);
        if (!found)
          {
            g_set_error (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_INVALID,
                         _("There is no column or event type “%s” in this workspace"), lists[l][i]);
            return FALSE;
          }
      }
  return TRUE;
}

/* A won stage's date (an export of deals merged into its leads: won_date),
 * read as won when filled in */
static TandemColumn *
find_won_date (TandemStore *store)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);

  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *c = g_ptr_array_index (columns, k);
      gboolean won = FALSE;

      if (c->type == TANDEM_COLUMN_DATE && c->role != NULL && g_str_has_prefix (c->role, "stage-date:") &&
          tandem_parse_outcome (c->role + strlen ("stage-date:"), &won) && won)
        return tandem_column_copy (c);
    }
  return NULL;
}

static TandemColumn *
find_outcome (TandemStore  *store,
              const char   *name,
              GError      **error)
{
  TandemColumn *column;

  if (name != NULL)
    {
      column = tandem_store_find_column (store, name);
      if (column == NULL)
        g_set_error (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_INVALID,
                     _("There is no column “%s” in this workspace"), name);
      return column;
    }
  column = tandem_store_find_column_by_role (store, "outcome");
  if (column == NULL)
    column = tandem_store_find_column_by_role (store, "stage");
  if (column == NULL)
    column = find_won_date (store);
  if (column == NULL)
    g_set_error_literal (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_NO_OUTCOME,
                         _("This workspace has no outcome column (and no stage column); name the column "
                           "that says whether a lead was won"));
  return column;
}

/* Every column read by a probe: one zero-point rule each. */
static TandemModel *
probe_model (TandemStore *store)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) types = tandem_store_list_event_types (store);
  TandemModel *model = tandem_model_new ("probe");

  for (guint k = 0; k < columns->len; k++)
    {
      TandemRule *r = g_new0 (TandemRule, 1);
      r->field = g_strdup (((TandemColumn *) g_ptr_array_index (columns, k))->name);
      r->op = TANDEM_OP_NOT_EMPTY;
      r->enabled = TRUE;
      g_ptr_array_add (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules, r);
    }
  for (guint k = 0; k < types->len; k++)
    {
      TandemRule *r = g_new0 (TandemRule, 1);
      r->event = g_strdup (g_ptr_array_index (types, k));
      r->enabled = TRUE;
      g_ptr_array_add (tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST)->rules, r);
    }
  return model;
}

/* Labels from the outcome column: yes/no, 0/1 numbers, or text that reads
 * as won or lost (other values: no outcome). */
static gboolean
read_labels (SuggestJob   *job,
             GError      **error)
{
  const Column *c = tandem_scorer_find_column (job->probe, job->outcome);
  guint n = job->probe->n_leads;
  guint seen_won = 0, seen_lost = 0;

  job->label = g_new (gint8, MAX (n, 1));
  switch (c->type)
    {
    case TANDEM_COLUMN_BOOLEAN:
      for (guint i = 0; i < n; i++)
        job->label[i] = c->flags[i] == 1;
      seen_won = seen_lost = 1;
      break;
    case TANDEM_COLUMN_NUMBER:
      for (guint i = 0; i < n; i++)
        {
          double v = c->values[i];
          if (!isnan (v) && v != 0 && v != 1)
            goto not_outcome;
          job->label[i] = v == 1;
        }
      seen_won = seen_lost = 1;
      break;
    case TANDEM_COLUMN_DATE:
      /* A won date: won when filled in */
      for (guint i = 0; i < n; i++)
        {
          job->label[i] = !isnan (c->values[i]);
          seen_won += job->label[i];
        }
      seen_lost = n - seen_won;
      break;
    case TANDEM_COLUMN_TEXT:
      {
        g_autofree gint8 *of_code = g_new (gint8, c->strings->len);
        of_code[0] = -1;
        for (guint s = 1; s < c->strings->len; s++)
          {
            gboolean won;
            of_code[s] = tandem_parse_outcome (g_ptr_array_index (c->strings, s), &won) ? (gint8) won : -1;
            seen_won += of_code[s] == 1;
            seen_lost += of_code[s] == 0;
          }
        for (guint i = 0; i < n; i++)
          job->label[i] = of_code[c->codes[i]];
        break;
      }
    default:
      goto not_outcome;
    }
  if (seen_won > 0 && seen_lost > 0)
    return TRUE;

not_outcome:
  g_set_error (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_NOT_OUTCOME,
               _("The column “%s” does not hold outcomes: it needs yes/no, 1/0 or won/lost values, or a won date"), job->outcome);
  return FALSE;
}

static gboolean
split (SuggestJob   *job,
       GError      **error)
{
  TandemScorer *probe = job->probe;
  guint n = probe->n_leads, test_won = 0;

  job->holdout = g_new0 (guint8, MAX (n, 1));
  job->train = g_new (guint, MAX (n, 1));
  job->test = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      job->holdout[i] = tandem_suggest_in_holdout (tandem_scorer_get_key (probe, i), job->options->seed,
                                                   job->options->holdout);
      if (job->label[i] < 0)
        continue;
      if (job->holdout[i])
        {
          job->test[job->n_test++] = i;
          test_won += job->label[i];
        }
      else
        {
          job->train[job->n_train++] = i;
          job->n_train_won += job->label[i];
        }
    }
  if (job->n_train_won < TANDEM_SUGGEST_MIN_CLASS || job->n_train - job->n_train_won < TANDEM_SUGGEST_MIN_CLASS ||
      test_won == 0 || test_won == job->n_test)
    {
      g_set_error (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_TOO_FEW,
                   _("Too few outcomes to fit: %u won and %u lost leads to learn from (at least %d of each), "
                     "%u won and %u lost to test on (at least one of each)"),
                   job->n_train_won, job->n_train - job->n_train_won, TANDEM_SUGGEST_MIN_CLASS,
                   test_won, job->n_test - test_won);
      return FALSE;
    }
  job->min_support = MAX (20, job->n_train / 200);
  return TRUE;
}

static void
backtest_live (SuggestJob       *job,
               TandemSuggestion *self)
{
  g_autoptr(TandemModel) live = tandem_model_load (job->store, NULL, NULL);
  g_autoptr(TandemScorer) scorer = NULL;
  g_autofree double *scores = NULL;
  guint n = job->probe->n_leads;

  if (live == NULL)
    return;
  scorer = tandem_scorer_new (job->store, live, job->options->as_of, job->cancellable, NULL);
  if (scorer == NULL || tandem_scorer_get_n_leads (scorer) != n)
    return;
  scores = g_new (double, 2 * MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      TandemScore s;
      tandem_scorer_get_score (scorer, i, &s);
      scores[i * 2] = s.fit;
      scores[i * 2 + 1] = s.interest;
    }
  tandem_suggest_backtest (job, live, scores, job->test, job->n_test, &self->live_backtest);
  self->live_name = g_strdup (tandem_model_get_name (live));
}

static void
describe_rules (SuggestJob       *job,
                TandemSuggestion *self,
                GArray           *fitted)
{
  double base = (double) job->n_train_won / job->n_train;

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      self->rules[d] = g_array_new (FALSE, TRUE, sizeof (TandemSuggestedRule));
      g_array_set_clear_func (self->rules[d], (GDestroyNotify) suggested_rule_clear);
    }
  /* In the order tandem_suggest_make_model() added them */
  for (guint r = 0; r < fitted->len; r++)
    {
      const FittedRule *f = &g_array_index (fitted, FittedRule, r);
      const Candidate *c = g_ptr_array_index (job->candidates, f->candidate);
      TandemSuggestedRule s = { 0, };

      s.support = c->support;
      s.support_won = c->support_won;
      s.lift = c->support ? ((double) c->support_won / c->support) / base : NAN;
      s.coefficient = f->coefficient;
      s.activity = c->activity;
      s.why = g_strdup (c->why);
      s.source = g_strdup (c->source);
      g_array_append_val (self->rules[c->activity ? TANDEM_DIMENSION_INTEREST : TANDEM_DIMENSION_FIT], s);
    }
}

TandemSuggestion *
tandem_suggest_run (TandemStore                 *store,
                    const TandemSuggestOptions  *options,
                    GCancellable                *cancellable,
                    TandemSuggestProgressFunc    progress,
                    gpointer                     user_data,
                    GError                     **error)
{
  TandemSuggestOptions defaults;
  g_autoptr(TandemColumn) outcome = NULL;
  g_autoptr(TandemModel) probe = NULL;
  g_autoptr(TandemSuggestion) self = NULL;
  g_autoptr(GArray) fitted = NULL;
  g_autofree double *scores = NULL;
  SuggestJob job = { 0, };
  TandemSuggestion *result = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  if (options == NULL)
    {
      tandem_suggest_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (store, options, error))
    return NULL;
  outcome = find_outcome (store, options->outcome, error);
  if (outcome == NULL)
    return NULL;

  job.options = options;
  job.store = store;
  job.outcome = outcome->name;
  job.cancellable = cancellable;
  job.excluded = g_ptr_array_new_with_free_func ((GDestroyNotify) excluded_free);
  job.candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_suggest_candidate_free);

  tandem_suggest_progress (progress, user_data, 0.0, _("Reading the leads"));
  probe = probe_model (store);
  job.probe = tandem_scorer_new (store, probe, options->as_of, cancellable, error);
  if (job.probe == NULL || !read_labels (&job, error) || !split (&job, error))
    goto out;

  tandem_suggest_progress (progress, user_data, 0.4, _("Building the conditions"));
  if (!tandem_suggest_build_candidates (&job, error))
    goto out;
  if (job.candidates->len == 0)
    {
      g_set_error_literal (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_NO_CANDIDATES,
                           _("No column or event is left to build a condition from"));
      goto out;
    }

  tandem_suggest_progress (progress, user_data, 0.5, _("Fitting"));
  fitted = tandem_suggest_fit (&job, error);
  if (fitted == NULL)
    goto out;

  tandem_suggest_progress (progress, user_data, 0.9, _("Back-testing on the holdout"));
  self = g_new0 (TandemSuggestion, 1);
  g_atomic_ref_count_init (&self->ref_count);
  scores = g_new (double, 2 * MAX (job.probe->n_leads, 1));
  self->model = tandem_suggest_make_model (&job, fitted, scores);
  tandem_suggest_backtest (&job, self->model, scores, job.test, job.n_test, &self->backtest);
  backtest_live (&job, self);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  describe_rules (&job, self, fitted);

  self->outcome = g_strdup (outcome->name);
  self->excluded = g_steal_pointer (&job.excluded);
  self->candidates = g_steal_pointer (&job.candidates);
  self->probe = g_steal_pointer (&job.probe);
  self->label = g_steal_pointer (&job.label);
  self->in_holdout = g_steal_pointer (&job.holdout);
  self->seed = options->seed;
  self->holdout = options->holdout;
  self->n_train = job.n_train;
  self->n_test = job.n_test;
  tandem_suggest_progress (progress, user_data, 1.0, _("Done"));
  result = g_steal_pointer (&self);

out:
  g_clear_pointer (&job.excluded, g_ptr_array_unref);
  g_clear_pointer (&job.candidates, g_ptr_array_unref);
  g_clear_pointer (&job.probe, tandem_scorer_free);
  g_free (job.label);
  g_free (job.holdout);
  g_free (job.train);
  g_free (job.test);
  return result;
}

/* ---- Accessors ---------------------------------------------------------------- */

TandemModel *
tandem_suggestion_get_model (TandemSuggestion *self)
{
  return self->model;
}

const char *
tandem_suggestion_get_outcome (TandemSuggestion *self)
{
  return self->outcome;
}

const TandemSuggestedRule *
tandem_suggestion_get_rule (TandemSuggestion *self,
                            TandemDimension   dimension,
                            guint             index)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, NULL);
  g_return_val_if_fail (index < self->rules[dimension]->len, NULL);
  return &g_array_index (self->rules[dimension], TandemSuggestedRule, index);
}

const TandemBacktest *
tandem_suggestion_get_backtest (TandemSuggestion *self)
{
  return &self->backtest;
}

const TandemBacktest *
tandem_suggestion_get_live_backtest (TandemSuggestion *self)
{
  return self->live_name != NULL ? &self->live_backtest : NULL;
}

const char *
tandem_suggestion_get_live_name (TandemSuggestion *self)
{
  return self->live_name;
}

GPtrArray *
tandem_suggestion_get_excluded (TandemSuggestion *self)
{
  return self->excluded;
}

void
tandem_suggestion_get_split (TandemSuggestion *self,
                             guint64          *seed,
                             double           *holdout,
                             guint            *n_train,
                             guint            *n_holdout)
{
  if (seed)
    *seed = self->seed;
  if (holdout)
    *holdout = self->holdout;
  if (n_train)
    *n_train = self->n_train;
  if (n_holdout)
    *n_holdout = self->n_test;
}

guint
tandem_suggestion_get_n_candidates (TandemSuggestion *self)
{
  return self->candidates->len;
}
