/* report-fixture.h — the plan and the waterfall as the report tests build
 * them, shared by test-plan, test-funnel and test-report-json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "tandem-funnel.h"
#include "tandem-plan.h"
#include "test-util.h"

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-6 * MAX (1.0, fabs ((double) (b))))

/* The plan of @input; the test fails on any error */
static inline TandemPlanResult *
plan_calculate_ok (const TandemPlanInput *input)
{
  g_autoptr(GError) error = NULL;
  TandemPlanResult *result = tandem_plan_calculate (input, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The example: Inquiry→MQL 10 %, MQL→SAL 50 %, SAL→SQL 60 %,
 * SQL→Won 20 %; $2,000,000 at $75,000 a deal (26.67 deals).                */
static inline TandemPlanInput *
example_input (TandemPlanRounding rounding)
{
  TandemPlanInput *input = tandem_plan_input_new ();

  input->rates[0] = 0.10;
  input->rates[1] = 0.50;
  input->rates[2] = 0.60;
  input->rates[3] = 0.20;
  input->revenue = 2000000;
  input->deal_size = 75000;
  input->rounding = rounding;
  return input;
}

/* The waterfall of @store's saved stages and placing; the test fails on
 * any error.                                                            */
static inline TandemWaterfall *
compute_waterfall (TandemStore         *store,
                   TandemWaterfallMode  mode,
                   const char          *from,
                   const char          *to,
                   const char          *segment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, &error);
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_load (store, &error);
  TandemWaterfallOptions options = { mode, from, to, segment, TRUE };
  TandemWaterfall *waterfall;

  g_assert_no_error (error);
  waterfall = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (waterfall);
  return waterfall;
}
