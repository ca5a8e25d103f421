/* tandem-plan-actuals.h — a plan's conversion rates from the workspace's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Use Actual Rates" (the Targets page, tandem-cli plan --actual-rates):
 * the Funnel's waterfall over a period (cohort mode), its stages matched to
 * the plan's by name or short name, each rate the share of one stage's
 * leads that reached the next.  A plan over stages the workspace does not
 * have (the default Inquiry … Won against a Prospecting, Engaging, Won
 * pipeline) takes the Funnel's open and won stages first.
 *
 * Counting reads the workspace and may take a while (run it on a worker
 * thread, on a connection of its own); applying the counts is arithmetic.
 */
#pragma once

#include "tandem-funnel.h"
#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_PLAN_ACTUALS_ERROR (tandem_plan_actuals_error_quark ())

typedef enum
{
  TANDEM_PLAN_ACTUALS_ERROR_NO_STAGES,  /* unused since the stages the data has stand in for saved ones */
  TANDEM_PLAN_ACTUALS_ERROR_NO_MATCH,   /* none of the plan's stages are the Funnel's */
} TandemPlanActualsError;

GQuark           tandem_plan_actuals_error_quark (void);

/* The waterfall the rates come from: the workspace's stages (with none
 * saved, tandem_funnel_choose()'s) and mapping, cohort mode, from @from
 * to @to ("YYYY-MM-DD", inclusive; NULL: no bound).                     */
TandemWaterfall *tandem_plan_actuals_count       (TandemStore            *store,
                                                  const char             *from,
                                                  const char             *to,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
/* Sets @input's rates from @waterfall (its first segment) where both
 * stages are found, first taking the Funnel's stages when fewer than two
 * of the plan's are known (@out_stages_replaced, may be NULL).  Returns
 * the number of rates filled; the other rates stay as they were.        */
guint            tandem_plan_actuals_apply       (TandemPlanInput        *input,
                                                  const TandemWaterfall  *waterfall,
                                                  gboolean               *out_stages_replaced);
/* Both at once, on the caller's thread; no rate filled is
 * TANDEM_PLAN_ACTUALS_ERROR_NO_MATCH, @input then left as it was.      */
gboolean         tandem_plan_actuals_fill        (TandemStore            *store,
                                                  TandemPlanInput        *input,
                                                  const char             *from,
                                                  const char             *to,
                                                  guint                  *out_filled,
                                                  GCancellable           *cancellable,
                                                  GError                **error);

/* ---- Pacing: how much of a plan is due by a day ------------------------- */

/* A plan is for its whole period; part way through, what is on pace is
 * the plan prorated to the days gone.  From @from to @to, and @as_of
 * ("YYYY-MM-DD", all inclusive): @out_day, the days from @from to @as_of
 * counting both (0 before the period, the period's length after it),
 * and @out_days, the period's length; the share is their quotient.
 * FALSE, with G_IO_ERROR_INVALID_ARGUMENT naming the date, for a
 * malformed date or a period that ends before it starts.             */
gboolean         tandem_plan_pace                (const char             *from,
                                                  const char             *to,
                                                  const char             *as_of,
                                                  guint                  *out_day,
                                                  guint                  *out_days,
                                                  GError                **error);
/* @volume prorated to @day of @days, to the nearest whole lead */
double           tandem_plan_paced_volume        (double                  volume,
                                                  guint                   day,
                                                  guint                   days);

G_END_DECLS
