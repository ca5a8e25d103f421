/* tandem-insights.c — what outcomes say about a model (the closed loop)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-insights.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

static void
rule_stat_clear (TandemRuleStat *s)
{
  g_free (s->label);
}

void
tandem_insights_free (TandemInsights *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->findings, g_array_unref);
  g_free (self);
}

static double
rate (guint won,
      guint leads)
{
  return leads ? (double) won / leads : NAN;
}

typedef struct
{
  double score;
  gint8  won;
} Scored;

static int
compare_scored (const void *a,
                const void *b)
{
  double x = ((const Scored *) a)->score, y = ((const Scored *) b)->score;
  return (x > y) - (x < y);
}

TandemInsights *
tandem_insights_new (TandemScorer  *scorer,
                     TandemStore   *store,
                     GError       **error)
{
  g_autoptr(TandemInsights) self = g_new0 (TandemInsights, 1);
  g_autoptr(TandemColumn) outcome = tandem_store_find_column_by_role (store, "outcome");
  TandemModel *model = tandem_scorer_get_model (scorer);
  guint n = tandem_scorer_get_n_leads (scorer);
  g_autofree gint8 *won = g_new0 (gint8, MAX (n, 1));
  g_autofree Scored *sorted = g_new (Scored, MAX (n, 1));

  self->leads = n;
  self->n_fit = tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT);
  self->n_interest = tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST);
  self->rules = g_array_new (FALSE, TRUE, sizeof (TandemRuleStat));
  g_array_set_clear_func (self->rules, (GDestroyNotify) rule_stat_clear);

  /* Outcomes in the scorer's order, read by the scorer itself */
  if (outcome != NULL)
    {
      if (!tandem_scorer_has_outcomes (scorer) && !tandem_scorer_load_outcomes (scorer, store, error))
        return NULL;
      for (guint i = 0; i < n; i++)
        won[i] = (gint8) tandem_scorer_lead_won (scorer, i);
      self->has_outcomes = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      TandemScore score;
      tandem_scorer_get_score (scorer, i, &score);
      self->cells[score.fit_band][score.interest_band].leads++;
      self->cells[score.fit_band][score.interest_band].won += won[i];
      self->won += won[i];
      if (score.mql)
        {
          self->mql++;
          self->mql_won += won[i];
        }
    }

  /* Per rule: who it fires for, and how they convert compared with the rest */
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          TandemRuleStat s = { d, r, tandem_rule_dup_sentence (g_ptr_array_index (rules, r)), 0, 0, 0, 0, 0 };
          for (guint i = 0; i < n; i++)
            if (tandem_scorer_rule_fired (scorer, d, r, i))
              {
                s.matched++;
                s.matched_won += won[i];
              }
          s.conversion_in = rate (s.matched_won, s.matched);
          s.conversion_out = rate (self->won - s.matched_won, n - s.matched);
          s.lift = s.conversion_out > 0 ? s.conversion_in / s.conversion_out : NAN;
          g_array_append_val (self->rules, s);
        }
    }

  /* Conversion by score decile, lowest first */
  for (guint d = 0; d < TANDEM_N_DIMENSIONS && n > 0; d++)
    {
      for (guint i = 0; i < n; i++)
        {
          TandemScore score;
          tandem_scorer_get_score (scorer, i, &score);
          sorted[i].score = d == 0 ? score.fit : score.interest;
          sorted[i].won = won[i];
        }
      qsort (sorted, n, sizeof *sorted, compare_scored);
      for (guint k = 0; k < 10; k++)
        {
          guint from = (guint) ((guint64) n * k / 10), to = (guint) ((guint64) n * (k + 1) / 10);
          TandemDecile *dec = &self->deciles[d][k];

          dec->lo = from < to ? sorted[from].score : NAN;
          dec->hi = from < to ? sorted[to - 1].score : NAN;
          for (guint i = from; i < to; i++)
            {
              dec->leads++;
              dec->won += sorted[i].won;
            }
        }
    }

  if (self->has_outcomes)
    self->findings = tandem_insights_find_cells (model, self->n_fit, self->n_interest, self->cells);
  else
    self->findings = g_array_new (FALSE, TRUE, sizeof (TandemCellFinding));

  return g_steal_pointer (&self);
}

/* ---- Cells that convert better than an MQL cell --------------------------- */

/* One-sided two-proportion z: how far @a's conversion is above @b's, in
 * standard errors of the pooled rate; 0 when there is no spread at all */
static double
two_proportion_z (const TandemCellStat *a,
                  const TandemCellStat *b)
{
  double pa = (double) a->won / a->leads, pb = (double) b->won / b->leads;
  double pooled = (double) (a->won + b->won) / (a->leads + b->leads);
  double se = sqrt (pooled * (1 - pooled) * (1.0 / a->leads + 1.0 / b->leads));

  return se > 0 ? (pa - pb) / se : 0;
}

static int
compare_findings (const void *a,
                  const void *b)
{
  double x = ((const TandemCellFinding *) a)->z, y = ((const TandemCellFinding *) b)->z;
  return (x < y) - (x > y);
}

GArray *
tandem_insights_find_cells (const TandemModel   *model,
                            guint                n_fit,
                            guint                n_interest,
                            const TandemCellStat cells[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  GArray *findings = g_array_new (FALSE, TRUE, sizeof (TandemCellFinding));

  g_return_val_if_fail (model != NULL && cells != NULL, findings);
  n_fit = MIN (n_fit, TANDEM_MAX_BANDS);
  n_interest = MIN (n_interest, TANDEM_MAX_BANDS);

  for (guint mf = 0; mf < n_fit; mf++)
    for (guint mi = 0; mi < n_interest; mi++)
      {
        const TandemCellStat *mql = &cells[mf][mi];
        TandemCellFinding best = { 0, };

        if (!tandem_model_is_mql_cell (model, mf, mi) || mql->leads < TANDEM_FINDING_MIN_LEADS)
          continue;
        for (guint f = 0; f < n_fit; f++)
          for (guint i = 0; i < n_interest; i++)
            {
              const TandemCellStat *other = &cells[f][i];
              double ratio, z;

              if (tandem_model_is_mql_cell (model, f, i) || other->leads < TANDEM_FINDING_MIN_LEADS ||
                  other->won < TANDEM_FINDING_MIN_WON)
                continue;
              /* (won / leads) ÷ (mql won / mql leads), without dividing by zero */
              ratio = mql->won > 0 ? ((double) other->won * mql->leads) / ((double) mql->won * other->leads) : INFINITY;
              z = two_proportion_z (other, mql);
              if (ratio >= TANDEM_FINDING_MIN_RATIO && z >= TANDEM_FINDING_MIN_Z && z > best.z)
                best = (TandemCellFinding) { f, i, mf, mi, *other, *mql, ratio, z };
            }
        if (best.z > 0)
          g_array_append_val (findings, best);
      }
  if (findings->len > 1)
    qsort (findings->data, findings->len, sizeof (TandemCellFinding), compare_findings);
  return findings;
}

char *
tandem_cell_finding_dup_sentence (const TandemCellFinding *finding)
{
  g_autofree char *cell = NULL;
  g_autofree char *mql = NULL;

  g_return_val_if_fail (finding != NULL, NULL);
  cell = tandem_model_cell_name (finding->fit, finding->interest);
  mql = tandem_model_cell_name (finding->mql_fit, finding->mql_interest);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "A3 converts better than your MQL cell B1: 16.1 % of its 112 leads won, against 5.3 % of 170" */
                                       "%s converts better than your MQL cell %s: %.1f %% of its %u lead won, against %.1f %% of %u",
                                       "%s converts better than your MQL cell %s: %.1f %% of its %u leads won, against %.1f %% of %u",
                                       finding->better.leads),
                          cell, mql, 100.0 * finding->better.won / finding->better.leads, finding->better.leads,
                          100.0 * finding->mql.won / finding->mql.leads, finding->mql.leads);
}
