/* tandem-insights.h — what outcomes say about a model (the closed loop)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

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

/* ---- As JSON (tandem-insights-json.c) ------------------------------------ */

/* Leads and MQLs, and per cell its leads, whether it is an MQL cell and,
 * with outcomes, its wins and conversion. */
JsonNode       *tandem_insights_matrix_to_json (const TandemInsights *insights,
                                                const TandemModel    *model);
/* Everything above; "versus_live" compares with @live, the insights of
 * the live model @live_name (null when @live is NULL). */
JsonNode       *tandem_insights_to_json        (const TandemInsights *insights,
                                                const TandemModel    *model,
                                                const TandemInsights *live,
                                                const char           *live_name);
/* Two models on the same leads: each one's MQLs, conversion and leads
 * per cell, and the ids (char *) of the leads @entering and @leaving the
 * MQL set going from @a to @b. */
JsonNode       *tandem_insights_diff_to_json   (const TandemModel    *a,
                                                const TandemInsights *ia,
                                                const TandemModel    *b,
                                                const TandemInsights *ib,
                                                const GPtrArray      *entering,
                                                const GPtrArray      *leaving);

G_END_DECLS
