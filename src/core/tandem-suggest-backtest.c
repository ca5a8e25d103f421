/* tandem-suggest-backtest.c — a model's figures on the holdout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AUC of fit + interest (ties count a half), the top-decile lift (leads
 * tied at the decile's edge shared out in proportion), the MQL share and
 * the MQL conversion against the base rate.
 */

#include "config.h"

#include "tandem-suggest-private.h"

#include <math.h>
#include <stdlib.h>

typedef struct
{
  double score;
  gint8  won;
} Scored;

static int
compare_scored (const void *a,
                const void *b)
{
  const Scored *x = a, *y = b;
  return (x->score > y->score) - (x->score < y->score);
}

/* Sorted ascending by score into @out (n of them). */
static void
sort_scored (const gint8  *label,
             const double *score,
             const guint  *leads,
             guint         n,
             Scored       *out)
{
  for (guint k = 0; k < n; k++)
    out[k] = (Scored) { score[leads[k]], label[leads[k]] == 1 };
  qsort (out, n, sizeof (Scored), compare_scored);
}

static double
auc_of_sorted (const Scored *s,
               guint         n)
{
  double pairs = 0, lost_below = 0, won = 0;

  for (guint a = 0; a < n;)
    {
      guint b = a;
      double w = 0, l = 0;
      while (b < n && s[b].score == s[a].score)
        {
          w += s[b].won;
          l += !s[b].won;
          b++;
        }
      pairs += w * (lost_below + 0.5 * l);
      lost_below += l;
      won += w;
      a = b;
    }
  return won > 0 && lost_below > 0 ? pairs / (won * lost_below) : NAN;
}

double
tandem_suggest_auc (const gint8  *label,
                    const double *score,
                    const guint  *leads,
                    guint         n)
{
  g_autofree Scored *s = g_new (Scored, MAX (n, 1));

  sort_scored (label, score, leads, n, s);
  return auc_of_sorted (s, n);
}

void
tandem_suggest_backtest (const SuggestJob  *job,
                         const TandemModel *model,
                         const double      *scores,
                         const guint       *leads,
                         guint              n,
                         TandemBacktest    *out)
{
  g_autofree double *total = g_new (double, MAX (job->probe->n_leads, 1));
  g_autofree Scored *s = g_new (Scored, MAX (n, 1));
  double want = 0.1 * n, taken = 0, taken_won = 0;

  *out = (TandemBacktest) { 0, };
  for (guint k = 0; k < n; k++)
    {
      guint i = leads[k];
      guint f = tandem_model_band_of (model, TANDEM_DIMENSION_FIT, scores[i * 2]);
      guint v = tandem_model_band_of (model, TANDEM_DIMENSION_INTEREST, scores[i * 2 + 1]);
      gboolean won = job->label[i] == 1;

      total[i] = scores[i * 2] + scores[i * 2 + 1];
      out->leads++;
      out->won += won;
      if (tandem_model_is_mql_cell (model, f, v))
        {
          out->mql++;
          out->mql_won += won;
        }
    }
  sort_scored (job->label, total, leads, n, s);
  out->auc = auc_of_sorted (s, n);

  /* The best 10 %, from the top; a tied group at the edge counts pro rata */
  for (guint b = n; b > 0 && taken < want;)
    {
      guint a = b;
      double w = 0;
      while (a > 0 && s[a - 1].score == s[b - 1].score)
        {
          a--;
          w += s[a].won;
        }
      {
        double size = b - a, part = MIN (1.0, (want - taken) / size);
        taken += part * size;
        taken_won += part * w;
      }
      b = a;
    }
  out->base_rate = n ? (double) out->won / n : NAN;
  out->top_decile_lift = taken > 0 && out->base_rate > 0 ? (taken_won / taken) / out->base_rate : NAN;
  out->mql_share = n ? (double) out->mql / n : NAN;
  out->mql_conversion = out->mql ? (double) out->mql_won / out->mql : NAN;
}
