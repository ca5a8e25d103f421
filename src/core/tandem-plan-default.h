/* tandem-plan-default.h — the plan a workspace starts from, before any scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With no scenario saved, the Targets page (through TandemPlanState),
 * tandem-cli plan, the targets chart and meeting mode all start from this
 * one plan: the workspace's funnel stages (tandem_funnel_choose(): the
 * saved ones, else the ones the data has), their conversion (the
 * waterfall's, all time, cohort mode) and the median won deal where the
 * workspace has amounts; the worked example for whatever the data cannot
 * give.  Each input says where it comes from.
 *
 * Counting reads the whole workspace: run it on a worker thread, on a
 * connection of its own, for a large one.
 */
#pragma once

#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

typedef struct
{
  TandemPlanInput *input;
  gboolean         from_workspace;  /* the stages and rates are the workspace's */
  gboolean         has_deal_size;   /* the deal size is the workspace's median */
  gint64           leads;           /* the leads the rates are counted on */
  gint64           won_deals;       /* the won deals with an amount the median is of */
  char            *stages_note;     /* "the stages the data has: …" */
  char            *rates_note;      /* "from 8,800 leads in this workspace" */
  char            *deal_size_note;  /* "median of 4,238 won deals" */
  char            *revenue_note;    /* "an example goal: type yours" */
} TandemPlanDefault;

/* The worked example (Inquiry → MQL → SAL → SQL → Won, 10/50/60/20 %,
 * 2,000,000 at 75,000 a deal): what a plan starts from without data. */
TandemPlanInput   *tandem_plan_default_example (void);
/* The plan @store starts from (@store NULL or without leads: the example,
 * said so).  NULL only on a read error or when cancelled.             */
TandemPlanDefault *tandem_plan_default_new     (TandemStore   *store,
                                                GCancellable  *cancellable,
                                                GError       **error);
TandemPlanDefault *tandem_plan_default_copy    (const TandemPlanDefault *self);
void               tandem_plan_default_free    (TandemPlanDefault *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPlanDefault, tandem_plan_default_free)

G_END_DECLS
