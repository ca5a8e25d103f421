/* tandem-scorer.c — scoring leads with a model: sums, bands, counts, edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-scorer-private.h"
#include "tandem-csv.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static void
sum_dimension (TandemScorer    *self,
               TandemDimension  d)
{
  GArray *rules = self->rules[d];
  double *raw = self->raw[d];
  guint n_words = (self->n_leads + 63) / 64;

  /* Rule by rule, as tandem_scorer_contribution() gives each lead, in the
   * same order; a lead a rule gives nothing is skipped (adding ±0 to a sum
   * that started at +0 changes no bit of it) */
  memset (raw, 0, sizeof (double) * MAX (self->n_leads, 1));
  for (guint r = 0; r < rules->len; r++)
    {
      CompiledRule *cr = &g_array_index (rules, CompiledRule, r);
      const TandemRule *rule = cr->rule;

      if (!rule->enabled)
        continue;
      if (cr->bits != NULL)
        {
          double points = rule->has_max ? CLAMP (rule->points, -rule->max, rule->max) : rule->points;

          for (guint w = 0; w < n_words; w++)
            for (guint64 bits = cr->bits[w]; bits != 0; bits &= bits - 1)
              raw[w * 64 + (guint) __builtin_ctzll (bits)] += points;
        }
      else if (cr->values != NULL)
        for (guint i = 0; i < self->n_leads; i++)
          raw[i] += tandem_scorer_contribution (cr, i);
      else
        for (guint w = 0; w < n_words; w++)
          {
            guint k = cr->rank[w];

            for (guint64 bits = cr->present[w]; bits != 0; bits &= bits - 1)
              {
                double points = rule->points * cr->factors[k++];

                if (rule->has_max)
                  points = CLAMP (points, -rule->max, rule->max);
                raw[w * 64 + (guint) __builtin_ctzll (bits)] += points;
              }
          }
    }
}

static gpointer
sum_interest (gpointer data)
{
  sum_dimension (data, TANDEM_DIMENSION_INTEREST);
  return NULL;
}

static double
clamp_score (const TandemDimensionSpec *spec,
             double                     raw)
{
  if (spec->has_floor && raw < spec->floor)
    return spec->floor;
  if (spec->has_cap && raw > spec->cap)
    return spec->cap;
  return raw;
}

static inline double
edge (const Binning *b,
      guint          k)
{
  return b->edges[k];
}

static inline guint
bin_of (const Binning *b,
        double         score)
{
  double k = (score - b->base) * b->inverse;
  guint bin = k < 0 ? 0 : k >= HIST_BINS ? HIST_BINS - 1 : (guint) k;

  /* The edges are computed one way only, so a score equal to an edge is
   * always in the bin that edge starts. */
  if (bin + 1 < HIST_BINS && score >= b->edges[bin + 1])
    bin++;
  else if (bin > 0 && score < b->edges[bin])
    bin--;
  return bin;
}

static void
choose_binning (Binning *b,
                double   lo,
                double   hi)
{
  static const double steps[] = { 1, 2, 5 };
  double width = 0.01;

  for (double scale = 0.01; ; scale *= 10)
    {
      gboolean done = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          width = steps[i] * scale;
          if ((floor (hi / width) - floor (lo / width) + 1) <= HIST_BINS)
            {
              done = TRUE;
              break;
            }
        }
      if (done || scale > 1e12)
        break;
    }
  b->width = width;
  b->inverse = 1.0 / width;
  b->base = floor (lo / width) * width;
  for (guint k = 0; k <= HIST_BINS; k++)
    b->edges[k] = b->base + k * width;
}

typedef struct
{
  const TandemScorer *self;
  guint               from;
  guint               to;
  guint32            *hist;
  guint32            *hist_won;
  gboolean            inside;
} FillJob;

/* Bins leads [from, to) into job->hist; stops at the first score outside the grid. */
static gpointer
fill_range (gpointer data)
{
  FillJob *job = data;
  const TandemScorer *self = job->self;
  const TandemDimensionSpec *fit = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *interest = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST);
  const Binning *bf = &self->binning[0], *bi = &self->binning[1];
  double f_lo = edge (bf, 0), f_hi = edge (bf, HIST_BINS), i_lo = edge (bi, 0), i_hi = edge (bi, HIST_BINS);

  memset (job->hist, 0, sizeof (guint32) * HIST_BINS * HIST_BINS);
  if (job->hist_won)
    memset (job->hist_won, 0, sizeof (guint32) * HIST_BINS * HIST_BINS);
  job->inside = TRUE;
  for (guint i = job->from; i < job->to; i++)
    {
      double f = clamp_score (fit, self->raw[0][i]), v = clamp_score (interest, self->raw[1][i]);

      if (G_UNLIKELY (f < f_lo || f >= f_hi || v < i_lo || v >= i_hi))
        {
          job->inside = FALSE;
          break;
        }
      {
        guint bin = bin_of (bf, f) * HIST_BINS + bin_of (bi, v);
        job->hist[bin]++;
        if (job->hist_won != NULL && tandem_scorer_get_bit (self->won, i))
          job->hist_won[bin]++;
      }
    }
  return NULL;
}

/* Bins every lead on the current grid, in slices on all cores; FALSE (and
 * the range seen) when a score falls outside it. */
static gboolean
fill_histogram (TandemScorer *self,
                double        lo[2],
                double        hi[2])
{
  const TandemDimensionSpec *fit = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *interest = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST);
  guint n_jobs = self->n_leads >= 50000 ? CLAMP ((guint) g_get_num_processors (), 1, 8) : 1;
  FillJob jobs[8];
  GThread *threads[8] = { NULL, };
  gboolean inside = TRUE;

  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j].self = self;
      jobs[j].from = (guint) ((guint64) self->n_leads * j / n_jobs);
      jobs[j].to = (guint) ((guint64) self->n_leads * (j + 1) / n_jobs);
      jobs[j].hist = j == 0 ? self->hist : g_new (guint32, HIST_BINS * HIST_BINS);
      jobs[j].hist_won = self->won == NULL ? NULL : j == 0 ? self->hist_won : g_new (guint32, HIST_BINS * HIST_BINS);
      if (j > 0)
        threads[j] = g_thread_new ("tandem-histogram", fill_range, &jobs[j]);
    }
  fill_range (&jobs[0]);
  for (guint j = 1; j < n_jobs; j++)
    {
      g_thread_join (threads[j]);
      if (jobs[j].inside)
        for (guint k = 0; k < HIST_BINS * HIST_BINS; k++)
          self->hist[k] += jobs[j].hist[k];
      if (jobs[j].inside && jobs[j].hist_won != NULL)
        for (guint k = 0; k < HIST_BINS * HIST_BINS; k++)
          self->hist_won[k] += jobs[j].hist_won[k];
      g_free (jobs[j].hist);
      if (j > 0)
        g_free (jobs[j].hist_won);
    }
  for (guint j = 0; j < n_jobs; j++)
    inside = inside && jobs[j].inside;
  if (inside)
    return TRUE;

  lo[0] = lo[1] = G_MAXDOUBLE;
  hi[0] = hi[1] = -G_MAXDOUBLE;
  for (guint i = 0; i < self->n_leads; i++)
    {
      double f = clamp_score (fit, self->raw[0][i]), v = clamp_score (interest, self->raw[1][i]);
      lo[0] = MIN (lo[0], f), hi[0] = MAX (hi[0], f);
      lo[1] = MIN (lo[1], v), hi[1] = MAX (hi[1], v);
    }
  return FALSE;
}

static void
build_histogram (TandemScorer *self)
{
  double lo[2], hi[2];

  if (self->hist == NULL)
    {
      self->hist = g_new (guint32, HIST_BINS * HIST_BINS);
      choose_binning (&self->binning[0], 0, 0);
      choose_binning (&self->binning[1], 0, 0);
    }
  /* Usually the scores still fit the grid: one pass.  If not, a grid for
   * the range just seen, and a second pass. */
  if (fill_histogram (self, lo, hi))
    return;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    choose_binning (&self->binning[d], self->n_leads ? lo[d] : 0, self->n_leads ? hi[d] : 0);
  if (!fill_histogram (self, lo, hi))
    g_assert_not_reached ();
}

/* The band of every bin, when every threshold is a bin edge; FALSE if not. */
static gboolean
bands_of_bins (const Binning             *b,
               const TandemDimensionSpec *spec,
               guint                      bands[HIST_BINS])
{
  for (guint t = 0; t < spec->n_thresholds; t++)
    {
      double k = round ((spec->thresholds[t] - b->base) / b->width);
      /* Thresholds beyond the scores' range are fine: every bin is on one side */
      if (k > 0 && k < HIST_BINS && edge (b, (guint) k) != spec->thresholds[t])
        return FALSE;
    }
  for (guint k = 0; k < HIST_BINS; k++)
    {
      guint band = 0;
      while (band < spec->n_thresholds && edge (b, k) < spec->thresholds[band])
        band++;
      bands[k] = band;
    }
  return TRUE;
}

/* Compiling the rules and summing the dimensions, on both cores for a
 * large workspace: the rules are compiled each by whichever thread takes
 * it next (each writes only its own), then fit is summed on one thread and
 * interest on the other. */
typedef struct
{
  TandemScorer *self;
  gint          next;   /* the next rule to compile, counted over both dimensions */
} CompileJob;

static gpointer
compile_rules (gpointer data)
{
  CompileJob *job = data;
  TandemScorer *self = job->self;
  guint n_fit = self->rules[0]->len, total = n_fit + self->rules[1]->len;
  guint k;

  while ((k = (guint) g_atomic_int_add (&job->next, 1)) < total)
    {
      CompiledRule *cr = k < n_fit ? &g_array_index (self->rules[0], CompiledRule, k)
                                   : &g_array_index (self->rules[1], CompiledRule, k - n_fit);
      if (cr->rule->field)
        tandem_scorer_compile_field_rule (self, cr);
      else
        tandem_scorer_compile_event_rule (self, cr);
    }
  return NULL;
}

static void
compile_and_sum (TandemScorer *self)
{
  CompileJob job = { self, 0 };
  GThread *second = NULL;

  if (self->n_leads >= TANDEM_SCORER_PARALLEL_LEADS)
    second = g_thread_new ("tandem-compile", compile_rules, &job);
  compile_rules (&job);
  if (second != NULL)
    {
      g_thread_join (second);
      second = g_thread_new ("tandem-sum", sum_interest, self);
    }
  else
    sum_dimension (self, TANDEM_DIMENSION_INTEREST);
  sum_dimension (self, TANDEM_DIMENSION_FIT);
  if (second != NULL)
    g_thread_join (second);
}

/* ---- Public ------------------------------------------------------------------ */

TandemScorer *
tandem_scorer_new (TandemStore   *store,
                   TandemModel   *model,
                   const GDate   *as_of,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(TandemScorer) self = g_new0 (TandemScorer, 1);
  GDate today;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (model != NULL, NULL);

  if (!tandem_model_validate (model, store, error))
    return NULL;

  if (as_of == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      as_of = &today;
    }
  self->as_of = tandem_scorer_days_from_civil (g_date_get_year (as_of), g_date_get_month (as_of),
                                               g_date_get_day (as_of)) + 1.0;

  /* Its own copy: set_points() changes it. */
  self->model = tandem_model_copy (model);
  if (!tandem_scorer_read_data (self, store, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;

      self->rules[d] = g_array_sized_new (FALSE, TRUE, sizeof (CompiledRule), rules->len);
      for (guint r = 0; r < rules->len; r++)
        {
          CompiledRule cr = { g_ptr_array_index (rules, r), NULL, NULL, NULL, NULL, NULL, NULL, NULL };

          if (cr.rule->field)
            cr.column = tandem_scorer_find_column (self, cr.rule->field);
          else
            cr.events = tandem_scorer_find_events (self, cr.rule->event);
          g_array_append_val (self->rules[d], cr);
        }
      self->raw[d] = g_new0 (double, MAX (self->n_leads, 1));
    }
  compile_and_sum (self);
  build_histogram (self);

  return g_steal_pointer (&self);
}

void
tandem_scorer_free (TandemScorer *self)
{
  if (self == NULL)
    return;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      if (self->rules[d] != NULL)
        {
          for (guint r = 0; r < self->rules[d]->len; r++)
            {
              CompiledRule *cr = &g_array_index (self->rules[d], CompiledRule, r);
              g_free (cr->bits);
              g_free (cr->present);
              g_free (cr->rank);
              g_free (cr->factors);
            }
          g_array_unref (self->rules[d]);
        }
      g_free (self->raw[d]);
    }
  g_free (self->key_index);
  g_free (self->rowids);
  g_free (self->key_offsets);
  g_free (self->key_text);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->event_series, g_ptr_array_unref);
  g_clear_pointer (&self->model, tandem_model_unref);
  g_free (self->hist);
  g_free (self->hist_won);
  g_free (self->won);
  g_free (self);
}

guint
tandem_scorer_get_n_leads (const TandemScorer *self)
{
  return self->n_leads;
}

const char *
tandem_scorer_get_key (const TandemScorer *self,
                       guint               lead)
{
  g_return_val_if_fail (lead < self->n_leads, NULL);
  return self->key_text + self->key_offsets[lead];
}

int
tandem_scorer_find_lead (const TandemScorer *self,
                         const char         *key)
{
  guint slot;

  g_return_val_if_fail (key != NULL, -1);
  /* Built once, on the first look-up, by whichever thread gets there */
  if (g_once_init_enter (&((TandemScorer *) self)->key_index_built))
    {
      tandem_scorer_build_key_index ((TandemScorer *) self);
      g_once_init_leave (&((TandemScorer *) self)->key_index_built, 1);
    }
  if (self->key_index == NULL)
    return -1;
  for (slot = g_str_hash (key) & self->key_mask; self->key_index[slot] != 0; slot = (slot + 1) & self->key_mask)
    {
      guint lead = self->key_index[slot] - 1;
      if (strcmp (self->key_text + self->key_offsets[lead], key) == 0)
        return (int) lead;
    }
  return -1;
}

int
tandem_scorer_find_row (const TandemScorer *self,
                        gint64              rowid)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);
  if (self->rowids == NULL)
    return -1;
  /* The leads were read in row order */
  hi = self->n_leads;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (self->rowids[mid] < rowid)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->n_leads && self->rowids[lo] == rowid ? (int) lo : -1;
}

gint64
tandem_scorer_get_row (const TandemScorer *self,
                       guint               lead)
{
  g_return_val_if_fail (self != NULL && lead < self->n_leads, 0);
  return self->rowids != NULL ? self->rowids[lead] : 0;
}

void
tandem_scorer_get_score (const TandemScorer *self,
                         guint               lead,
                         TandemScore        *out)
{
  g_return_if_fail (lead < self->n_leads);

  out->fit = clamp_score (tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT), self->raw[0][lead]);
  out->interest = clamp_score (tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST), self->raw[1][lead]);
  out->fit_band = tandem_model_band_of (self->model, TANDEM_DIMENSION_FIT, out->fit);
  out->interest_band = tandem_model_band_of (self->model, TANDEM_DIMENSION_INTEREST, out->interest);
  out->mql = tandem_model_is_mql_cell (self->model, out->fit_band, out->interest_band);
}

char *
tandem_scorer_dup_grade (const TandemScorer *self,
                         guint               lead)
{
  TandemScore score;

  tandem_scorer_get_score (self, lead, &score);
  return tandem_model_cell_name (score.fit_band, score.interest_band);
}

gboolean
tandem_scorer_rule_fired (const TandemScorer *self,
                          TandemDimension     dimension,
                          guint               rule,
                          guint               lead)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, FALSE);
  g_return_val_if_fail (rule < self->rules[dimension]->len && lead < self->n_leads, FALSE);
  return tandem_scorer_fired (&g_array_index (self->rules[dimension], CompiledRule, rule), lead);
}

static guint
count_cells (const TandemScorer *self,
             const TandemModel  *bands,
             guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
             guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  TandemDimensionSpec *fit = tandem_model_get_dimension ((TandemModel *) bands, TANDEM_DIMENSION_FIT);
  TandemDimensionSpec *interest = tandem_model_get_dimension ((TandemModel *) bands, TANDEM_DIMENSION_INTEREST);
  guint fit_bands[HIST_BINS], interest_bands[HIST_BINS];
  guint mql = 0;

  memset (counts, 0, sizeof (guint) * TANDEM_MAX_BANDS * TANDEM_MAX_BANDS);
  if (won != NULL)
    memset (won, 0, sizeof (guint) * TANDEM_MAX_BANDS * TANDEM_MAX_BANDS);

  if (bands_of_bins (&self->binning[0], fit, fit_bands) &&
      bands_of_bins (&self->binning[1], interest, interest_bands))
    {
      /* Every threshold on the grid: count from the histogram alone */
      for (guint x = 0; x < HIST_BINS; x++)
        {
          const guint32 *row = self->hist + x * HIST_BINS;
          guint *out = counts[fit_bands[x]];
          for (guint y = 0; y < HIST_BINS; y++)
            out[interest_bands[y]] += row[y];
        }
      if (won != NULL && self->hist_won != NULL)
        for (guint x = 0; x < HIST_BINS; x++)
          {
            const guint32 *row = self->hist_won + x * HIST_BINS;
            guint *out = won[fit_bands[x]];
            for (guint y = 0; y < HIST_BINS; y++)
              out[interest_bands[y]] += row[y];
          }
    }
  else
    {
      const TandemDimensionSpec *own_fit = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT);
      const TandemDimensionSpec *own_interest = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST);

      for (guint i = 0; i < self->n_leads; i++)
        {
          double f = clamp_score (own_fit, self->raw[0][i]);
          double v = clamp_score (own_interest, self->raw[1][i]);
          guint fb = 0, ib = 0;

          while (fb < fit->n_thresholds && f < fit->thresholds[fb])
            fb++;
          while (ib < interest->n_thresholds && v < interest->thresholds[ib])
            ib++;
          counts[fb][ib]++;
          if (won != NULL && self->won != NULL && tandem_scorer_get_bit (self->won, i))
            won[fb][ib]++;
        }
    }

  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
      if (tandem_model_is_mql_cell (bands, f, i))
        mql += counts[f][i];
  return mql;
}

guint
tandem_scorer_count_matrix (const TandemScorer *self,
                            const TandemModel  *bands,
                            guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  return count_cells (self, bands, counts, NULL);
}

guint
tandem_scorer_count_matrix_won (const TandemScorer *self,
                                const TandemModel  *bands,
                                guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
                                guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  return count_cells (self, bands, counts, won);
}

void
tandem_scorer_diff_mql (const TandemScorer *a,
                        const TandemModel  *a_bands,
                        const TandemScorer *b,
                        const TandemModel  *b_bands,
                        guint              *entering,
                        guint              *leaving)
{
  const TandemDimensionSpec *a_fit = tandem_model_get_dimension (a->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *a_interest = tandem_model_get_dimension (a->model, TANDEM_DIMENSION_INTEREST);
  const TandemDimensionSpec *b_fit = tandem_model_get_dimension (b->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *b_interest = tandem_model_get_dimension (b->model, TANDEM_DIMENSION_INTEREST);
  guint in = 0, out = 0;

  g_return_if_fail (a->n_leads == b->n_leads);

  for (guint i = 0; i < a->n_leads; i++)
    {
      gboolean x = tandem_model_is_mql_cell (a_bands,
                                             tandem_model_band_of (a_bands, TANDEM_DIMENSION_FIT, clamp_score (a_fit, a->raw[0][i])),
                                             tandem_model_band_of (a_bands, TANDEM_DIMENSION_INTEREST, clamp_score (a_interest, a->raw[1][i])));
      gboolean y = tandem_model_is_mql_cell (b_bands,
                                             tandem_model_band_of (b_bands, TANDEM_DIMENSION_FIT, clamp_score (b_fit, b->raw[0][i])),
                                             tandem_model_band_of (b_bands, TANDEM_DIMENSION_INTEREST, clamp_score (b_interest, b->raw[1][i])));
      in += x && !y;
      out += y && !x;
    }
  *entering = in;
  *leaving = out;
}

typedef struct
{
  guint    n_leads;
  guint64 *won;
  guint    n_won;
  guint    n;
} OutcomesJob;

static gboolean
note_outcome (const TandemLeadRecord  *record,
              gpointer                 data,
              GError                 **error)
{
  OutcomesJob *job = data;

  /* Leads in the scorer's order; any added since are not in it */
  if (job->n < job->n_leads && !tandem_lead_record_is_null (record, 0) &&
      tandem_lead_record_get_boolean (record, 0))
    {
      tandem_scorer_set_bit (job->won, job->n);
      job->n_won++;
    }
  job->n++;
  return TRUE;
}

gboolean
tandem_scorer_load_outcomes (TandemScorer  *self,
                             TandemStore   *store,
                             GError       **error)
{
  g_autoptr(TandemColumn) outcome = tandem_store_find_column_by_role (store, "outcome");
  g_autofree guint64 *won = NULL;
  const TandemColumn *columns[1];
  OutcomesJob job;

  if (outcome == NULL)
    return TRUE;
  won = g_new0 (guint64, self->n_leads / 64 + 1);
  job = (OutcomesJob) { self->n_leads, won, 0, 0 };
  columns[0] = outcome;
  if (!tandem_store_read_leads (store, columns, 1, note_outcome, &job, NULL, error))
    return FALSE;
  if (job.n < self->n_leads)
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                           _("The leads changed while their outcomes were read; score again"));
      return FALSE;
    }
  g_free (self->won);
  self->won = g_steal_pointer (&won);
  self->n_won = job.n_won;
  if (self->hist_won == NULL)
    self->hist_won = g_new0 (guint32, HIST_BINS * HIST_BINS);
  build_histogram (self);
  return TRUE;
}

gboolean
tandem_scorer_has_outcomes (const TandemScorer *self)
{
  return self->won != NULL;
}

guint
tandem_scorer_get_n_won (const TandemScorer *self)
{
  return self->n_won;
}

gboolean
tandem_scorer_lead_won (const TandemScorer *self,
                        guint               lead)
{
  g_return_val_if_fail (lead < self->n_leads, FALSE);
  return self->won != NULL && tandem_scorer_get_bit (self->won, lead);
}

void
tandem_scorer_rule_stats (const TandemScorer *self,
                          TandemDimension     dimension,
                          guint               rule,
                          guint              *matched,
                          guint              *matched_won)
{
  const CompiledRule *cr;
  guint m = 0, mw = 0;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS && rule < self->rules[dimension]->len);
  cr = &g_array_index (self->rules[dimension], CompiledRule, rule);

  if (cr->bits != NULL || cr->present != NULL)
    {
      const guint64 *bits = cr->bits != NULL ? cr->bits : cr->present;
      for (guint w = 0; w <= self->n_leads / 64; w++)
        {
          m += (guint) __builtin_popcountll (bits[w]);
          if (self->won != NULL)
            mw += (guint) __builtin_popcountll (bits[w] & self->won[w]);
        }
    }
  else
    for (guint i = 0; i < self->n_leads; i++)
      if (tandem_scorer_touches (cr, i))
        {
          m++;
          if (self->won != NULL && tandem_scorer_get_bit (self->won, i))
            mw++;
        }
  if (matched)
    *matched = m;
  if (matched_won)
    *matched_won = mw;
}

void
tandem_scorer_get_distribution (const TandemScorer *self,
                                TandemDimension     dimension,
                                guint32             counts[TANDEM_SCORER_BINS],
                                double             *lo,
                                double             *width)
{
  const Binning *b;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS);
  b = &self->binning[dimension];
  memset (counts, 0, sizeof (guint32) * TANDEM_SCORER_BINS);
  for (guint x = 0; x < HIST_BINS; x++)
    for (guint y = 0; y < HIST_BINS; y++)
      counts[dimension == TANDEM_DIMENSION_FIT ? x : y] += self->hist[x * HIST_BINS + y];
  *lo = b->base;
  *width = b->width;
}

void
tandem_scorer_get_memory (const TandemScorer *self,
                          gsize              *data_bytes,
                          gsize              *derived_bytes)
{
  gsize data = 0, derived = 0;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      if (c->codes)
        {
          data += sizeof (guint32) * self->n_leads;
          for (guint s = 1; s < c->strings->len; s++)
            data += strlen (g_ptr_array_index (c->strings, s)) + 1;
        }
      if (c->values)
        data += sizeof (double) * self->n_leads;
      if (c->flags)
        data += self->n_leads;
    }
  for (guint i = 0; i < self->event_series->len; i++)
    {
      EventSeries *e = g_ptr_array_index (self->event_series, i);
      data += sizeof (guint32) * (self->n_leads + 1) + sizeof (double) * e->offsets[self->n_leads];
    }
  /* The ids as read, and where each starts */
  if (self->n_leads > 0)
    data += self->key_offsets[self->n_leads - 1] + strlen (self->key_text + self->key_offsets[self->n_leads - 1]) + 1;
  data += sizeof (guint32) * self->n_leads;
  data += sizeof (gint64) * self->n_leads;   /* the rows */

  /* Derived: the id index, the sums, the rules' results, the histogram */
  derived += sizeof (guint32) * (self->key_mask + 1);

  derived += sizeof (guint32) * HIST_BINS * HIST_BINS;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      derived += sizeof (double) * self->n_leads;
      for (guint r = 0; r < self->rules[d]->len; r++)
        {
          CompiledRule *cr = &g_array_index (self->rules[d], CompiledRule, r);
          if (cr->bits)
            derived += sizeof (guint64) * (self->n_leads / 64 + 1);
          if (cr->present)
            derived += sizeof (guint64) * (self->n_leads / 64 + 1) + sizeof (guint32) * (self->n_leads / 64 + 1) +
                       sizeof (double) * cr->rank[self->n_leads / 64] +
                       sizeof (double) * (guint) __builtin_popcountll (cr->present[self->n_leads / 64]);
        }
    }
  *data_bytes = data;
  *derived_bytes = derived;
}

TandemModel *
tandem_scorer_get_model (const TandemScorer *self)
{
  return self->model;
}

/* x limited to [−max, max], without a branch (minsd/maxsd): the limit
 * cuts in for about half the leads, which no predictor guesses. */
static inline double
limit (double x,
       double max)
{
  x = x < max ? x : max;
  return x > -max ? x : -max;
}

/* Moves a rule's effective points (0 when off) from @before to @after for
 * every lead it touches, from the kept per-rule results. */
static void
shift_rule (TandemScorer       *self,
            TandemDimension     dimension,
            const CompiledRule *cr,
            double              before,
            double              after)
{
  const TandemRule *rule = cr->rule;
  double max = rule->has_max ? rule->max : INFINITY;
  double *raw = self->raw[dimension];

  if (before == after)
    return;
  if (cr->bits != NULL)
    {
      /* A yes/no rule adds the same to every lead it fires for: walk its
       * bitset a word at a time, skipping empty words. */
      double delta = limit (after, max) - limit (before, max);

      for (guint w = 0; w <= self->n_leads / 64; w++)
        for (guint64 bits = cr->bits[w]; bits != 0; bits &= bits - 1)
          raw[w * 64 + (guint) __builtin_ctzll (bits)] += delta;
    }
  else if (cr->present != NULL)
    {
      /* An event rule: walk the leads with a factor, in step with them */
      const double *factor = cr->factors;

      for (guint w = 0; w <= self->n_leads / 64; w++)
        for (guint64 bits = cr->present[w]; bits != 0; bits &= bits - 1, factor++)
          raw[w * 64 + (guint) __builtin_ctzll (bits)] += limit (after * *factor, max) - limit (before * *factor, max);
    }
  else
    {
      /* A times rule: points × the lead's own value (a null counts 0) */
      const double *values = cr->values;

      for (guint i = 0; i < self->n_leads; i++)
        {
          double v = values[i] == values[i] ? values[i] : 0.0;
          raw[i] += limit (after * v, max) - limit (before * v, max);
        }
    }
}

/* The compiled rule @rule of @dimension and the model's, or NULL when
 * there is no such rule. */
static CompiledRule *
lookup_rule (TandemScorer     *self,
             TandemDimension   dimension,
             guint             rule,
             TandemRule      **out_model_rule)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, NULL);
  g_return_val_if_fail (rule < self->rules[dimension]->len, NULL);

  *out_model_rule = g_ptr_array_index (tandem_model_get_dimension (self->model, dimension)->rules, rule);
  return &g_array_index (self->rules[dimension], CompiledRule, rule);
}

void
tandem_scorer_set_points (TandemScorer    *self,
                          TandemDimension  dimension,
                          guint            rule,
                          double           points)
{
  TandemRule *model_rule;
  CompiledRule *cr = lookup_rule (self, dimension, rule, &model_rule);

  if (cr == NULL)
    return;

  /* Only the leads the rule fires for change: take the old points out,
   * put the new ones in.  No condition is evaluated. */
  if (model_rule->enabled)
    shift_rule (self, dimension, cr, model_rule->points, points);
  model_rule->points = points;
  build_histogram (self);
}

void
tandem_scorer_set_enabled (TandemScorer    *self,
                           TandemDimension  dimension,
                           guint            rule,
                           gboolean         enabled)
{
  TandemRule *model_rule;
  CompiledRule *cr = lookup_rule (self, dimension, rule, &model_rule);

  if (cr == NULL)
    return;
  if (!model_rule->enabled == !enabled)
    return;
  shift_rule (self, dimension, cr, model_rule->enabled ? model_rule->points : 0, enabled ? model_rule->points : 0);
  model_rule->enabled = enabled != FALSE;
  build_histogram (self);
}

void
tandem_scorer_set_limits (TandemScorer    *self,
                          TandemDimension  dimension,
                          gboolean         has_floor,
                          double           floor_,
                          gboolean         has_cap,
                          double           cap)
{
  TandemDimensionSpec *spec;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS);
  spec = tandem_model_get_dimension (self->model, dimension);
  spec->has_floor = has_floor;
  spec->floor = floor_;
  spec->has_cap = has_cap;
  spec->cap = cap;
  build_histogram (self);
}

void
tandem_scorer_set_bands (TandemScorer      *self,
                         const TandemModel *bands)
{
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *own = tandem_model_get_dimension (self->model, d);
      const TandemDimensionSpec *other = tandem_model_get_dimension ((TandemModel *) bands, d);
      own->n_thresholds = other->n_thresholds;
      memcpy (own->thresholds, other->thresholds, sizeof own->thresholds);
    }
  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
      tandem_model_set_mql_cell (self->model, f, i, tandem_model_is_mql_cell (bands, f, i));
}
