/* tandem-insights.h — what outcomes say about a model (the closed loop)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-scorer.h"

G_BEGIN_DECLS

typedef struct
{
  guint leads;
  guint won;
} TandemCellStat;

typedef struct
{
  TandemDimension dimension;
  guint           rule;
  char           *label;
  guint           matched;       /* leads the rule fires for */
  guint           matched_won;
  double          conversion_in;   /* won / leads, among those it fires for (NAN if none) */
  double          conversion_out;  /* among the others */
  double          lift;            /* conversion_in / conversion_out (NAN when undefined) */
} TandemRuleStat;

typedef struct
{
  double lo, hi;        /* score range of the decile */
  guint  leads;
  guint  won;
} TandemDecile;

typedef struct
{
  gboolean        has_outcomes;  /* the workspace has an outcome column */
  guint           leads;
  guint           won;
  guint           mql;
  guint           mql_won;
  guint           n_fit;
  guint           n_interest;
  TandemCellStat  cells[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  GArray         *rules;         /* TandemRuleStat */
  TandemDecile    deciles[TANDEM_N_DIMENSIONS][10];
} TandemInsights;

/* Conversion is won ÷ leads (a lead with no outcome yet counts as not won). */
TandemInsights *tandem_insights_new  (TandemScorer  *scorer,
                                      TandemStore   *store,
                                      GError       **error);
void            tandem_insights_free (TandemInsights *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemInsights, tandem_insights_free)

G_END_DECLS
