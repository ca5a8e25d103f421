/* tandem-suggest-private.h — what the suggestion's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-suggest.c runs the steps and keeps the result,
 * tandem-suggest-candidates.c screens the columns (leakage, ids, constants)
 * and builds the candidate conditions, tandem-suggest-fit.c fits them
 * (liblinear) and makes the model, tandem-suggest-backtest.c measures it on
 * the holdout, tandem-suggest-json.c writes it out.
 *
 * The data come from a probe scorer: a TandemScorer of a model with one
 * zero-point rule for every column and event type, so the columnar copy is
 * the scorer's own, read through the store's lead reader; every candidate
 * is a TandemRule compiled by the scorer's own code, so the suggested
 * model scores each lead exactly as the fit saw it.
 */
#pragma once

#include "tandem-suggest.h"
#include "tandem-scorer-private.h"

G_BEGIN_DECLS

typedef struct
{
  TandemRule   *rule;       /* points 1; an event count's max is its cap */
  char         *source;     /* the column or event type */
  gboolean      activity;
  char         *why;
  double        cap;        /* event factors are capped at this (0: yes/no condition) */
  CompiledRule  cr;         /* compiled on the probe scorer */
  guint         support;    /* training leads it touches */
  guint         support_won;
} Candidate;

void     tandem_suggest_candidate_free (Candidate *c);

/* A candidate's value for lead @i: 1/0, or the capped event factor. */
static inline double
tandem_suggest_feature (const Candidate *c,
                        guint            i)
{
  if (c->cr.bits != NULL)
    return tandem_scorer_get_bit (c->cr.bits, i) ? 1.0 : 0.0;
  {
    double f = tandem_scorer_factor_of (&c->cr, i);
    return c->cap > 0 ? MIN (f, c->cap) : f;
  }
}

/* What every step reads. */
typedef struct
{
  const TandemSuggestOptions *options;
  TandemStore   *store;
  TandemScorer  *probe;        /* the columnar copy */
  const char    *outcome;      /* the outcome column's name */
  gint8         *label;        /* per lead: 1 won, 0 lost, -1 no outcome */
  guint8        *holdout;      /* per lead: 1 in the holdout */
  guint         *train;        /* training leads with an outcome, in lead order */
  guint          n_train;
  guint          n_train_won;
  guint         *test;         /* holdout leads with an outcome */
  guint          n_test;
  guint          min_support;
  GPtrArray     *excluded;     /* TandemExcludedColumn */
  GPtrArray     *candidates;   /* Candidate */
  GCancellable  *cancellable;
} SuggestJob;

/* ---- tandem-suggest-candidates.c --------------------------------------- */

/* Screens every column and event type (adds to job->excluded) and builds
 * the candidates of the rest (job->candidates).  FALSE if cancelled. */
gboolean tandem_suggest_build_candidates (SuggestJob  *job,
                                          GError     **error);

/* ---- tandem-suggest-fit.c ---------------------------------------------- */

typedef struct
{
  guint  candidate;   /* index in job->candidates */
  double coefficient;
  double points;
} FittedRule;

/* Chooses at most max_rules candidates (L1 path) and refits them (L2);
 * element type FittedRule, by decreasing |coefficient|.  Zero points are
 * dropped. */
GArray      *tandem_suggest_fit          (SuggestJob  *job,
                                          GError     **error);
/* The model of @fitted: rules in fit or interest, bands and MQL cells
 * from the training leads; @scores receives fit + interest of every lead
 * (n_leads × 2: fit, interest). */
TandemModel *tandem_suggest_make_model   (SuggestJob   *job,
                                          GArray       *fitted,
                                          double       *scores);

/* ---- tandem-suggest-backtest.c ----------------------------------------- */

/* The figures on the leads @leads (@n of them) of @scores (fit, interest
 * pairs, by lead) under @model's bands and MQL cells. */
void     tandem_suggest_backtest        (const SuggestJob  *job,
                                         const TandemModel *model,
                                         const double      *scores,
                                         const guint       *leads,
                                         guint              n,
                                         TandemBacktest    *out);
/* AUC of @score (by lead) over @leads; ties count a half. */
double   tandem_suggest_auc             (const gint8  *label,
                                         const double *score,
                                         const guint  *leads,
                                         guint         n);

/* ---- tandem-suggest.c ---------------------------------------------------- */

struct _TandemSuggestion
{
  gatomicrefcount  ref_count;
  TandemModel     *model;
  char            *outcome;
  GArray          *rules[TANDEM_N_DIMENSIONS];  /* TandemSuggestedRule */
  TandemBacktest   backtest;
  TandemBacktest   live_backtest;
  char            *live_name;                   /* NULL: no live back-test */
  GPtrArray       *excluded;
  guint64          seed;
  double           holdout;
  guint            n_train;
  guint            n_test;
  /* What the features CSV writes */
  TandemScorer    *probe;
  GPtrArray       *candidates;
  gint8           *label;
  guint8          *in_holdout;
};

void     tandem_suggest_progress        (TandemSuggestProgressFunc func,
                                         gpointer                  data,
                                         double                    fraction,
                                         const char               *what);

G_END_DECLS
