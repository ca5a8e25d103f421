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

/* A cell outside the MQL set that converts clearly better than one inside
 * it: "A3 converts better than your MQL cell B1".  Clearly: at least
 * TANDEM_FINDING_MIN_LEADS leads in both cells and TANDEM_FINDING_MIN_WON
 * wins in the better one, a conversion at least TANDEM_FINDING_MIN_RATIO
 * times the MQL cell's, and a one-sided two-proportion z-test at least
 * TANDEM_FINDING_MIN_Z (about 2.5 % of such gaps by chance alone).     */
#define TANDEM_FINDING_MIN_LEADS 30
#define TANDEM_FINDING_MIN_WON   5
#define TANDEM_FINDING_MIN_RATIO 1.5
#define TANDEM_FINDING_MIN_Z     1.96

typedef struct
{
  guint          fit, interest;          /* the better cell, not an MQL cell */
  guint          mql_fit, mql_interest;  /* the MQL cell it beats */
  TandemCellStat better;
  TandemCellStat mql;
  double         ratio;   /* conversion ÷ the MQL cell's; INFINITY when that won none */
  double         z;       /* the two-proportion z statistic */
} TandemCellFinding;

/* For each MQL cell of @model that some other cell beats clearly, the
 * cell that beats it by the widest margin (largest z); strongest first.
 * @cells is per fit band, per interest band.  Never NULL.             */
GArray         *tandem_insights_find_cells (const TandemModel   *model,
                                            guint                n_fit,
                                            guint                n_interest,
                                            const TandemCellStat cells[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS]);
/* "A3 converts better than your MQL cell B1: 16.1 % of its 112 leads won, against 5.3 % of 170" */
char           *tandem_cell_finding_dup_sentence (const TandemCellFinding *finding);

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
  GArray         *findings;      /* TandemCellFinding, empty without outcomes */
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
