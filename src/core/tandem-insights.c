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

  return g_steal_pointer (&self);
}
