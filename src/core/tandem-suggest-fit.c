/* tandem-suggest-fit.c — fitting the candidates (liblinear) and making the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Liblinear (Debian's liblinear-dev, the solver scikit-learn wraps) fits
 * the logistic regressions.  An L1-regularised path (L1R_LR, bisection on
 * log C) chooses at most max_rules candidates — on a seeded sample of at
 * most FIT_SAMPLE training leads, for speed — and an L2-regularised fit
 * (L2R_LR) on every training lead gives their coefficients.  These become
 * whole points on one scale for both dimensions: the largest |coefficient|
 * is 25 points.
 */

#include "config.h"

#include "tandem-suggest-private.h"

#include <glib/gi18n-lib.h>
#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIT_SAMPLE 150000
#define TOP_POINTS 25.0

static void
quiet (const char *text)
{
}

typedef struct
{
  struct problem       prob;
  struct feature_node *nodes;
  double              *y;
  struct feature_node **rows;
} Problem;

static void
problem_clear (Problem *p)
{
  g_free (p->nodes);
  g_free (p->y);
  g_free (p->rows);
}

/* Rows of @leads over the candidates @use (indexes, @n_use), with a bias. */
static void
problem_build (const SuggestJob *job,
               const guint      *leads,
               guint             n_leads,
               const guint      *use,
               guint             n_use,
               Problem          *p)
{
  gsize n_nodes = 0, capacity = (gsize) n_leads * 4 + 16;
  g_autofree gsize *starts = g_new (gsize, MAX (n_leads, 1));

  p->nodes = g_new (struct feature_node, capacity);
  p->y = g_new (double, MAX (n_leads, 1));
  p->rows = g_new (struct feature_node *, MAX (n_leads, 1));
  for (guint k = 0; k < n_leads; k++)
    {
      guint i = leads[k];

      starts[k] = n_nodes;
      for (guint j = 0; j < n_use; j++)
        {
          double v = tandem_suggest_feature (g_ptr_array_index (job->candidates, use[j]), i);
          if (v == 0)
            continue;
          if (n_nodes + 3 > capacity)
            {
              capacity *= 2;
              p->nodes = g_renew (struct feature_node, p->nodes, capacity);
            }
          p->nodes[n_nodes++] = (struct feature_node) { (int) j + 1, v };
        }
      if (n_nodes + 2 > capacity)
        {
          capacity *= 2;
          p->nodes = g_renew (struct feature_node, p->nodes, capacity);
        }
      p->nodes[n_nodes++] = (struct feature_node) { (int) n_use + 1, 1.0 };   /* the bias */
      p->nodes[n_nodes++] = (struct feature_node) { -1, 0 };
      p->y[k] = job->label[i] == 1 ? 1 : -1;
    }
  for (guint k = 0; k < n_leads; k++)
    p->rows[k] = p->nodes + starts[k];
  p->prob.l = (int) n_leads;
  p->prob.n = (int) n_use + 1;
  p->prob.y = p->y;
  p->prob.x = p->rows;
  p->prob.bias = -1;   /* the bias is the last feature already */
}

/* The weights of one fit (n features, the bias last), for label +1 (won). */
static double *
fit_once (const Problem *p,
          int            solver,
          double         C,
          guint64        seed)
{
  static GMutex lock;
  struct parameter param = { 0, };
  struct model *m;
  double *w;
  double sign;

  param.solver_type = solver;
  param.eps = 0.01;
  param.C = C;
  /* L1R_LR shuffles with rand(): seeded, and one fit at a time */
  g_mutex_lock (&lock);
  set_print_string_function (quiet);
  srand ((unsigned) (seed ^ (seed >> 32)));
  m = train (&p->prob, &param);
  g_mutex_unlock (&lock);

  w = g_new0 (double, p->prob.n);
  /* liblinear's w is for its first label; make it +1 */
  sign = m->nr_class == 2 && m->label[0] == -1 ? -1 : 1;
  for (int j = 0; j < p->prob.n && j < m->nr_feature; j++)
    w[j] = sign * m->w[j];
  free_and_destroy_model (&m);
  return w;
}

static guint
count_nonzero (const double *w,
               guint         n)
{
  guint k = 0;

  for (guint j = 0; j < n; j++)
    k += fabs (w[j]) > 1e-9;
  return k;
}

typedef struct
{
  guint  index;
  double value;
} Weight;

static int
compare_weights (const void *a,
                 const void *b)
{
  const Weight *x = a, *y = b;
  double l = fabs (x->value), r = fabs (y->value);

  if (l != r)
    return l > r ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static int
compare_fitted (gconstpointer a,
                gconstpointer b)
{
  const FittedRule *x = a, *y = b;
  double l = fabs (x->coefficient), r = fabs (y->coefficient);

  if (l != r)
    return l > r ? -1 : 1;
  return (x->candidate > y->candidate) - (x->candidate < y->candidate);
}

GArray *
tandem_suggest_fit (SuggestJob  *job,
                    GError     **error)
{
  guint n_cand = job->candidates->len;
  guint max_rules = job->options->max_rules;
  g_autofree guint *all = g_new (guint, MAX (n_cand, 1));
  g_autofree guint *sample = NULL;
  g_autofree guint *chosen = NULL;
  g_autofree double *best = NULL;
  g_autofree double *w = NULL;
  guint n_sample, n_chosen = 0;
  GArray *fitted = g_array_new (FALSE, FALSE, sizeof (FittedRule));
  Problem p = { 0, };
  double lo, hi;

  for (guint j = 0; j < n_cand; j++)
    all[j] = j;

  /* A seeded sample of the training leads for choosing (all when few) */
  if (job->n_train > FIT_SAMPLE)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) (job->options->seed ^ 0x5bd1e995));
      guint taken = 0;
      sample = g_new (guint, FIT_SAMPLE);
      /* Selection sampling: each lead kept with the right odds, in lead order */
      for (guint k = 0; k < job->n_train && taken < FIT_SAMPLE; k++)
        if (g_rand_double (rand) * (job->n_train - k) < FIT_SAMPLE - taken)
          sample[taken++] = job->train[k];
      n_sample = taken;
    }
  else
    {
      sample = g_memdup2 (job->train, sizeof (guint) * MAX (job->n_train, 1));
      n_sample = job->n_train;
    }

  problem_build (job, sample, n_sample, all, n_cand, &p);
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    goto fail;

  /* The largest C (least regularised) whose fit keeps at most max_rules
   * conditions; C is per lead, so scale it by the sample's size. */
  lo = log (0.01 / n_sample);
  hi = log (100.0 / n_sample * 1000);
  best = fit_once (&p, L1R_LR, exp (hi), job->options->seed);
  if (count_nonzero (best, n_cand) > max_rules)
    {
      g_clear_pointer (&best, g_free);
      for (guint step = 0; step < 12; step++)
        {
          double mid = (lo + hi) / 2;
          g_autofree double *trial = fit_once (&p, L1R_LR, exp (mid), job->options->seed);

          if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
            goto fail;
          if (count_nonzero (trial, n_cand) <= max_rules)
            {
              lo = mid;
              g_clear_pointer (&best, g_free);
              best = g_steal_pointer (&trial);
            }
          else
            hi = mid;
        }
      if (best == NULL)
        best = fit_once (&p, L1R_LR, exp (lo), job->options->seed);
    }
  problem_clear (&p);
  memset (&p, 0, sizeof p);

  {
    g_autofree Weight *order = g_new (Weight, MAX (n_cand, 1));
    guint n = 0;

    for (guint j = 0; j < n_cand; j++)
      if (fabs (best[j]) > 1e-9)
        order[n++] = (Weight) { j, best[j] };
    qsort (order, n, sizeof (Weight), compare_weights);
    n_chosen = MIN (n, max_rules);
    chosen = g_new (guint, MAX (n_chosen, 1));
    for (guint k = 0; k < n_chosen; k++)
      chosen[k] = order[k].index;
  }
  if (n_chosen == 0)
    {
      g_set_error_literal (error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_NO_CANDIDATES,
                           _("No condition predicts the outcome: the fit kept none"));
      goto fail;
    }

  /* The chosen ones refitted on every training lead, lightly regularised */
  problem_build (job, job->train, job->n_train, chosen, n_chosen, &p);
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    goto fail;
  w = fit_once (&p, L2R_LR, 1.0, job->options->seed);
  problem_clear (&p);

  {
    double top = 0, scale;

    for (guint k = 0; k < n_chosen; k++)
      top = MAX (top, fabs (w[k]));
    scale = top > 0 ? TOP_POINTS / top : 0;
    for (guint k = 0; k < n_chosen; k++)
      {
        FittedRule f = { chosen[k], w[k], round (w[k] * scale) };
        if (f.points != 0)
          g_array_append_val (fitted, f);
      }
  }
  g_array_sort (fitted, compare_fitted);
  return fitted;

fail:
  problem_clear (&p);
  g_array_unref (fitted);
  return NULL;
}

/* ---- The model ------------------------------------------------------------ */

static int
compare_descending (const void *a,
                    const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x < y) - (x > y);
}

/* Thresholds on the training leads' scores: the best 10 %, the next 20 %,
 * the next 30 %, the rest (fewer when the scores take fewer values). */
static void
choose_bands (const SuggestJob    *job,
              const double        *scores,
              TandemDimension      d,
              TandemDimensionSpec *spec)
{
  static const double shares[] = { 0.1, 0.3, 0.6 };
  guint n = job->n_train;
  g_autofree double *sorted = g_new (double, MAX (n, 1));

  for (guint k = 0; k < n; k++)
    sorted[k] = scores[job->train[k] * 2 + d];
  qsort (sorted, n, sizeof (double), compare_descending);

  spec->n_thresholds = 0;
  for (guint s = 0; s < G_N_ELEMENTS (shares) && n > 0; s++)
    {
      /* The score the best share reaches; a tie goes to the upper band */
      double t = sorted[MIN ((guint) (shares[s] * n), n - 1)];
      if (t == sorted[n - 1])
        break;   /* everyone left would be above it */
      if (spec->n_thresholds == 0 || t < spec->thresholds[spec->n_thresholds - 1])
        spec->thresholds[spec->n_thresholds++] = t;
    }
  if (spec->n_thresholds == 0)
    {
      /* One value for all: one threshold above it, everyone in the lower band */
      spec->thresholds[0] = (n > 0 ? sorted[0] : 0) + 1;
      spec->n_thresholds = 1;
    }
}

static void
choose_mql (const SuggestJob *job,
            const double     *scores,
            TandemModel      *model)
{
  const TandemSuggestOptions *o = job->options;
  guint leads[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS] = { { 0 } }, won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS] = { { 0 } };
  guint n_fit = tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT);
  guint n_interest = tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST);
  double base = (double) job->n_train_won / MAX (job->n_train, 1);
  guint min_cell = MAX (10, job->n_train / 200);
  guint order[TANDEM_MAX_BANDS * TANDEM_MAX_BANDS], n_cells = 0, chosen = 0;

  for (guint k = 0; k < job->n_train; k++)
    {
      guint i = job->train[k];
      guint f = tandem_model_band_of (model, TANDEM_DIMENSION_FIT, scores[i * 2]);
      guint v = tandem_model_band_of (model, TANDEM_DIMENSION_INTEREST, scores[i * 2 + 1]);
      leads[f][v]++;
      won[f][v] += job->label[i] == 1;
    }
  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint v = 0; v < TANDEM_MAX_BANDS; v++)
      tandem_model_set_mql_cell (model, f, v, FALSE);

  /* The cells with enough leads, best-converting first (ties: A1 first) */
  for (guint f = 0; f < n_fit; f++)
    for (guint v = 0; v < n_interest; v++)
      if (leads[f][v] >= min_cell)
        order[n_cells++] = f * TANDEM_MAX_BANDS + v;
  for (guint a = 1; a < n_cells; a++)
    for (guint b = a; b > 0; b--)
      {
        guint x = order[b - 1], y = order[b];
        double rx = (double) won[x / TANDEM_MAX_BANDS][x % TANDEM_MAX_BANDS] / leads[x / TANDEM_MAX_BANDS][x % TANDEM_MAX_BANDS];
        double ry = (double) won[y / TANDEM_MAX_BANDS][y % TANDEM_MAX_BANDS] / leads[y / TANDEM_MAX_BANDS][y % TANDEM_MAX_BANDS];
        if (ry > rx || (ry == rx && y < x))
          order[b - 1] = y, order[b] = x;
        else
          break;
      }

  if (o->mql_mode == TANDEM_SUGGEST_MQL_TOP_SHARE)
    {
      guint held = 0;
      for (guint k = 0; k < n_cells; k++)
        {
          guint c = order[k], count = leads[c / TANDEM_MAX_BANDS][c % TANDEM_MAX_BANDS];
          /* Stop before a cell that would take the share further past the target than short of it */
          if (chosen > 0 && held + count > o->mql_top_share * job->n_train &&
              (held + count) - o->mql_top_share * job->n_train > o->mql_top_share * job->n_train - held)
            break;
          tandem_model_set_mql_cell (model, c / TANDEM_MAX_BANDS, c % TANDEM_MAX_BANDS, TRUE);
          held += count;
          chosen++;
          if (held >= o->mql_top_share * job->n_train)
            break;
        }
    }
  else
    {
      double wanted = MIN (o->mql_rate_multiple * base, (1 + base) / 2);
      for (guint k = 0; k < n_cells; k++)
        {
          guint c = order[k];
          if ((double) won[c / TANDEM_MAX_BANDS][c % TANDEM_MAX_BANDS] < wanted * leads[c / TANDEM_MAX_BANDS][c % TANDEM_MAX_BANDS])
            break;
          tandem_model_set_mql_cell (model, c / TANDEM_MAX_BANDS, c % TANDEM_MAX_BANDS, TRUE);
          chosen++;
        }
    }
  if (chosen == 0 && n_cells > 0)
    tandem_model_set_mql_cell (model, order[0] / TANDEM_MAX_BANDS, order[0] % TANDEM_MAX_BANDS, TRUE);
}

TandemModel *
tandem_suggest_make_model (SuggestJob *job,
                           GArray     *fitted,
                           double     *scores)
{
  g_autofree char *name = job->options->name != NULL ? g_strdup (job->options->name)
                                                     : g_strdup_printf (_("Suggested from %s"), job->outcome);
  TandemModel *model = tandem_model_new (name);
  guint n = job->probe->n_leads;

  memset (scores, 0, sizeof (double) * 2 * MAX (n, 1));
  for (guint r = 0; r < fitted->len; r++)
    {
      const FittedRule *f = &g_array_index (fitted, FittedRule, r);
      const Candidate *c = g_ptr_array_index (job->candidates, f->candidate);
      TandemDimension d = c->activity ? TANDEM_DIMENSION_INTEREST : TANDEM_DIMENSION_FIT;
      TandemRule *rule = tandem_rule_copy (c->rule);

      rule->points = f->points;
      if (rule->has_max)
        rule->max = fabs (f->points) * c->cap;
      g_ptr_array_add (tandem_model_get_dimension (model, d)->rules, rule);
      for (guint i = 0; i < n; i++)
        scores[i * 2 + d] += f->points * tandem_suggest_feature (c, i);
    }
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *spec = tandem_model_get_dimension (model, d);
      spec->has_floor = spec->has_cap = FALSE;
      choose_bands (job, scores, d, spec);
    }
  choose_mql (job, scores, model);
  return model;
}
