/* test-plan.c — the planning arithmetic, with worked examples computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "tandem-plan.h"
#include "tandem-scenario.h"
#include "report-fixture.h"

static void
assert_volumes (const TandemPlanResult *result,
                const double           *exact,
                const double           *volume)
{
  for (guint j = 0; j < result->n_stages; j++)
    {
      assert_near (result->stages[j].exact, exact[j]);
      assert_near (result->stages[j].volume, volume[j]);
    }
}

static void
test_defaults (void)
{
  g_autoptr(TandemPlanInput) input = tandem_plan_input_new ();
  const char *names[] = { "Inquiry", "MQL", "SAL", "SQL", "Won" };

  g_assert_cmpuint (input->n_stages, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (input->stages[i], ==, names[i]);
  g_assert_true (isnan (input->rates[0]));
  g_assert_cmpint (input->mode, ==, TANDEM_PLAN_FROM_REVENUE);
  g_assert_cmpint (input->rounding, ==, TANDEM_PLAN_ROUNDING_EXACT);
  g_assert_cmpuint (input->sdr.stage, ==, 1);
  g_assert_cmpuint (input->ae.stage, ==, 3);
  g_assert_cmpuint (tandem_plan_period_months (TANDEM_PLAN_PERIOD_YEAR), ==, 12);
}

/* Exact: deals = 2,000,000 ÷ 75,000 = 26.666…; SQL = 26.666… ÷ 0.2 = 133.33…;
 * SAL = 133.33… ÷ 0.6 = 222.22…; MQL = 222.22… ÷ 0.5 = 444.44…;
 * Inquiry = 444.44… ÷ 0.1 = 4444.44….  Overall 0.1 × 0.5 × 0.6 × 0.2 = 0.006.  */
static void
test_reverse_exact (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
  const double exact[] = { 40000.0 / 9, 4000.0 / 9, 2000.0 / 9, 400.0 / 3, 80.0 / 3 };

  g_assert_cmpuint (result->n_stages, ==, 5);
  g_assert_cmpuint (result->first_stage, ==, 0);
  g_assert_cmpuint (result->anchor, ==, 4);
  assert_volumes (result, exact, exact);
  assert_near (result->deals_exact, 80.0 / 3);
  assert_near (result->deals, 80.0 / 3);
  g_assert_true (result->has_revenue);
  assert_near (result->revenue, 2000000);
  assert_near (result->overall_conversion, 0.006);
  g_assert_cmpstr (result->stages[0].name, ==, "Inquiry");
  assert_near (result->stages[3].rate, 0.2);
  g_assert_cmpfloat (result->stages[4].rate, ==, 0);
}

/* Ceil at every stage, each from the committed value below it:
 * 26.67 → 27 deals; 27 ÷ 0.2 = 135 SQL; 135 ÷ 0.6 = 225 SAL;
 * 225 ÷ 0.5 = 450 MQL; 450 ÷ 0.1 = 4500 Inquiries; revenue 27 × 75,000 = 2,025,000.
 * (27 ÷ 0.2 is 135.00000000000003 in binary; it must not ceil to 136.)   */
static void
test_reverse_ceil (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);
  g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
  const double exact[] = { 40000.0 / 9, 4000.0 / 9, 2000.0 / 9, 400.0 / 3, 80.0 / 3 };
  const double volume[] = { 4500, 450, 225, 135, 27 };

  assert_volumes (result, exact, volume);
  assert_near (result->stages[3].unrounded, 135);
  assert_near (result->stages[4].unrounded, 80.0 / 3);
  assert_near (result->deals, 27);
  assert_near (result->revenue, 2025000);
  assert_near (result->revenue_goal, 2000000);
}

/* $1,000,000 at $30,000 a deal, rates 10 %, 40 %, 70 %, 20 %:
 *   exact: 33.333 deals; SQL 166.667; SAL 238.095; MQL 595.238; Inquiry 5952.381
 *   ceil:  34; 34 ÷ 0.2 = 170; 170 ÷ 0.7 = 242.857 → 243; 243 ÷ 0.4 = 607.5 → 608; 6080
 *   round: 33; 33 ÷ 0.2 = 165; 165 ÷ 0.7 = 235.714 → 236; 236 ÷ 0.4 = 590; 5900
 * Rounding compounds: ceil SAL is 243, not ⌈238.095⌉ = 239.                */
static void
test_reverse_rounding_modes (void)
{
  g_autoptr(TandemPlanInput) input = tandem_plan_input_new ();
  const double exact[] = { 1000000.0 / 168, 100000.0 / 168, 40000.0 / 168, 500.0 / 3, 100.0 / 3 };
  const double ceiled[] = { 6080, 608, 243, 170, 34 };
  const double rounded[] = { 5900, 590, 236, 165, 33 };

  input->rates[0] = 0.1;
  input->rates[1] = 0.4;
  input->rates[2] = 0.7;
  input->rates[3] = 0.2;
  input->revenue = 1000000;
  input->deal_size = 30000;

  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_volumes (result, exact, exact);
  }
  input->rounding = TANDEM_PLAN_ROUNDING_CEIL;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_volumes (result, exact, ceiled);
    assert_near (result->stages[2].unrounded, 170 / 0.7);
    assert_near (result->stages[1].unrounded, 607.5);
    assert_near (result->revenue, 34 * 30000);
  }
  input->rounding = TANDEM_PLAN_ROUNDING_ROUND;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_volumes (result, exact, rounded);
    assert_near (result->revenue, 33 * 30000);
  }
}

/* Forward from 500 MQL, rates MQL→SAL 45 %, SAL→SQL 60 %, SQL→Won 21 %
 * (Inquiry→MQL not needed): SAL 225, SQL 135, Won 135 × 0.21 = 28.35;
 * ceil 29, round 28.  Revenue at $75,000: 28.35 × 75,000 = 2,126,250 (exact).
 * Overall 0.45 × 0.6 × 0.21 = 0.0567.                                       */
static void
test_forward (void)
{
  g_autoptr(TandemPlanInput) input = tandem_plan_input_new ();
  const double exact[] = { 500, 225, 135, 28.35 };
  const double ceiled[] = { 500, 225, 135, 29 };
  const double rounded[] = { 500, 225, 135, 28 };

  input->mode = TANDEM_PLAN_FORWARD;
  input->anchor_stage = 1;
  input->anchor_volume = 500;
  input->rates[1] = 0.45;
  input->rates[2] = 0.6;
  input->rates[3] = 0.21;
  input->deal_size = 75000;

  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_cmpuint (result->first_stage, ==, 1);
    g_assert_cmpuint (result->n_stages, ==, 4);
    g_assert_cmpuint (result->anchor, ==, 0);
    g_assert_cmpstr (result->stages[0].name, ==, "MQL");
    assert_volumes (result, exact, exact);
    assert_near (result->revenue, 2126250);
    assert_near (result->overall_conversion, 0.0567);
  }
  input->rounding = TANDEM_PLAN_ROUNDING_CEIL;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_volumes (result, exact, ceiled);
    assert_near (result->revenue, 29 * 75000);
  }
  input->rounding = TANDEM_PLAN_ROUNDING_ROUND;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_volumes (result, exact, rounded);
  }
  /* Without a deal size: deals, no revenue, no coverage */
  input->deal_size = NAN;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_false (result->has_revenue);
    g_assert_false (result->has_coverage);
    assert_near (result->deals, 28);
  }
}

/* 100 SQL with the example rates: up SAL 100 ÷ 0.6 = 166.67, MQL 333.33,
 * Inquiry 3333.33; down Won 100 × 0.2 = 20; at $75,000, 1,500,000.
 * Ceil: SAL 167, MQL 167 ÷ 0.5 = 334, Inquiry 3340, Won 20.                  */
static void
test_target (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  const double exact[] = { 10000.0 / 3, 1000.0 / 3, 500.0 / 3, 100, 20 };
  const double ceiled[] = { 3340, 334, 167, 100, 20 };

  input->mode = TANDEM_PLAN_FROM_TARGET;
  input->anchor_stage = 3;
  input->anchor_volume = 100;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_cmpuint (result->n_stages, ==, 5);
    g_assert_cmpuint (result->anchor, ==, 3);
    assert_volumes (result, exact, exact);
    assert_near (result->revenue, 1500000);
  }
  input->rounding = TANDEM_PLAN_ROUNDING_CEIL;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_volumes (result, exact, ceiled);
  }
  /* "100 wins": a target at the last stage is the reverse plan from deals */
  input->anchor_stage = 4;
  input->rounding = TANDEM_PLAN_ROUNDING_EXACT;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_near (result->stages[3].volume, 500);
    assert_near (result->stages[0].volume, 100 / 0.006);
  }
}

/* Quota 2,000,000; coverage defaults to 1 ÷ the last rate (20 %) = 5×:
 * pipeline needed 10,000,000; with 6,000,000 open, current 3×, gap 4,000,000.
 * A 25 % win rate: 4×, 8,000,000.  An explicit 3×: 6,000,000, gap 0.        */
static void
test_coverage (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);

  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_true (result->has_coverage);
    assert_near (result->coverage.win_rate, 0.2);
    assert_near (result->coverage.required, 5);
    assert_near (result->coverage.pipeline_needed, 10000000);
    g_assert_false (result->coverage.has_current);
  }
  input->pipeline = 6000000;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_true (result->coverage.has_current);
    assert_near (result->coverage.current, 3);
    assert_near (result->coverage.gap, 4000000);
  }
  input->win_rate = 0.25;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_near (result->coverage.required, 4);
    assert_near (result->coverage.pipeline_needed, 8000000);
    assert_near (result->coverage.gap, 2000000);
  }
  input->coverage = 3;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_near (result->coverage.required, 3);
    assert_near (result->coverage.pipeline_needed, 6000000);
    assert_near (result->coverage.gap, 0);
  }
}

/* 60 % marketing-sourced, ceil plan: Inquiry 4500 → 2700 + 1800; MQL 450 →
 * 270 + 180; SAL 225 → 135 + 90; SQL 135 → 81 + 54; Won 27 → ⌈16.2⌉ = 17 + 10.
 * Exact plan: Inquiry 4444.44 → 2666.67 + 1777.78.                           */
static void
test_marketing_share (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);
  const double marketing[] = { 2700, 270, 135, 81, 17 };
  const double other[] = { 1800, 180, 90, 54, 10 };

  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_false (result->has_split);
    g_assert_false (result->stages[0].has_split);
  }
  input->marketing_share = 0.6;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_true (result->has_split);
    for (guint j = 0; j < 5; j++)
      {
        g_assert_true (result->stages[j].has_split);
        assert_near (result->stages[j].marketing, marketing[j]);
        assert_near (result->stages[j].other, other[j]);
      }
  }
  input->rounding = TANDEM_PLAN_ROUNDING_EXACT;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_near (result->stages[0].marketing, 8000.0 / 3);
    assert_near (result->stages[0].other, 16000.0 / 9);
  }
}

/* Ceil plan, $20 per inquiry: budget 4500 × 20 = 90,000; CAC 90,000 ÷ 27 =
 * 3,333.33; ROI (2,025,000 − 90,000) ÷ 90,000 = 21.5.  Plus $100 per MQL:
 * 90,000 + 45,000 = 135,000; CAC 5,000; ROI 1,890,000 ÷ 135,000 = 14.          */
static void
test_cost (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);

  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_false (result->has_cost);
  }
  input->cost_per[0] = 20;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_true (result->has_cost);
    assert_near (result->cost.budget, 90000);
    g_assert_true (result->cost.has_cac);
    assert_near (result->cost.cac, 10000.0 / 3);
    g_assert_true (result->cost.has_roi);
    assert_near (result->cost.roi, 21.5);
    assert_near (result->stages[0].cost, 90000);
    g_assert_false (result->stages[1].has_cost);
  }
  input->cost_per[1] = 100;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_near (result->cost.budget, 135000);
    assert_near (result->cost.cac, 5000);
    assert_near (result->cost.roi, 14);
  }
  /* Forward without a deal size: a budget and a CAC, no ROI */
  input->mode = TANDEM_PLAN_FORWARD;
  input->anchor_stage = 0;
  input->anchor_volume = 1000;
  input->deal_size = NAN;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    /* 1000 → 100 → 50 → 30 → 6: 1000 × 20 + 100 × 100 = 30,000; ÷ 6 = 5,000 */
    assert_near (result->cost.budget, 30000);
    assert_near (result->cost.cac, 5000);
    g_assert_false (result->cost.has_roi);
  }
}

/* Ceil plan over a quarter: 450 MQL = 150 a month; 2 SDRs × 50 = 100 → over,
 * 3 needed.  135 SQL = 45 a month; 1 AE × 60 → fine.                          */
static void
test_capacity (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);
  const TandemPlanCapacity *sdr, *ae;

  input->sdr.heads = 2;
  input->sdr.per_head_month = 50;
  input->ae.heads = 1;
  input->ae.per_head_month = 60;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);

    g_assert_cmpuint (result->capacity->len, ==, 2);
    sdr = &g_array_index (result->capacity, TandemPlanCapacity, 0);
    ae = &g_array_index (result->capacity, TandemPlanCapacity, 1);
    g_assert_cmpstr (sdr->role, ==, "SDR");
    g_assert_cmpuint (sdr->stage, ==, 1);
    assert_near (sdr->required_per_month, 150);
    assert_near (sdr->capacity_per_month, 100);
    assert_near (sdr->heads_needed, 3);
    g_assert_true (sdr->exceeded);
    assert_near (ae->required_per_month, 45);
    g_assert_false (ae->exceeded);
    g_assert_cmpuint (result->warnings->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (result->warnings, 0), ==,
                     "SDR capacity exceeded: 150.0 MQL a month need 3.0 people at 50 each, and there are 2");
  }
  /* A year: 450 ÷ 12 = 37.5 a month, within 100 */
  input->period = TANDEM_PLAN_PERIOD_YEAR;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_assert_cmpuint (result->warnings->len, ==, 0);
  }
}

/* Ceil plan over a quarter, SQL→Won takes one month (30.4375 days) and
 * SAL→SQL half a month.  Won 27: 9 in each of months 0, 1, 2.  SQL 135, one
 * month earlier: 45 in months −1, 0, 1.  SAL 225 = 75 a month, 1.5 months
 * earlier: month t's share arrives over [t − 1.5, t − 0.5), half in t − 2 and
 * half in t − 1, so −2: 37.5, −1: 75, 0: 75, 1: 37.5.  Inquiry and MQL like SAL. */
static void
test_schedule (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);
  g_autoptr(TandemPlanResult) result = NULL;
  const double won[] = { 0, 0, 9, 9, 9 };
  const double sql[] = { 0, 45, 45, 45, 0 };
  const double sal[] = { 37.5, 75, 75, 37.5, 0 };

  input->lag_days[2] = 365.25 / 24;
  input->lag_days[3] = 365.25 / 12;
  result = plan_calculate_ok (input);
  g_assert_cmpuint (result->schedule->len, ==, 5);
  for (guint k = 0; k < 5; k++)
    {
      TandemPlanMonth *month = &g_array_index (result->schedule, TandemPlanMonth, k);

      g_assert_cmpint (month->month, ==, (int) k - 2);
      assert_near (month->volumes[4], won[k]);
      assert_near (month->volumes[3], sql[k]);
      assert_near (month->volumes[2], sal[k]);
      assert_near (month->volumes[0], sal[k] * 20);
    }

  /* No lag, one month: everything in month 0 */
  {
    g_autoptr(TandemPlanInput) plain = example_input (TANDEM_PLAN_ROUNDING_EXACT);
    g_autoptr(TandemPlanResult) one = NULL;

    plain->period = TANDEM_PLAN_PERIOD_MONTH;
    one = plan_calculate_ok (plain);
    g_assert_cmpuint (one->schedule->len, ==, 1);
    assert_near (g_array_index (one->schedule, TandemPlanMonth, 0).volumes[0], 40000.0 / 9);
  }
}

/* Given 4,000 inquiries, the MQL→SAL rate that reaches 26.67 deals:
 * 26.67 ÷ (4000 × 0.1 × 0.6 × 0.2) = 26.67 ÷ 48 = 5/9 = 55.6 %.
 * 2,000 inquiries would need 111 %: impossible.                              */
static void
test_goal_seek (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  g_autoptr(GError) error = NULL;
  double rate = 0;

  input->rates[1] = NAN;  /* the unknown may be missing */
  g_assert_true (tandem_plan_goal_seek_rate (input, 1, 0, 4000, &rate, &error));
  g_assert_no_error (error);
  assert_near (rate, 5.0 / 9);

  /* Check: with that rate, 4000 inquiries are what the plan needs */
  input->rates[1] = rate;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    assert_near (result->stages[0].volume, 4000);
  }

  g_assert_false (tandem_plan_goal_seek_rate (input, 1, 0, 2000, &rate, &error));
  g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_IMPOSSIBLE);
  g_assert_nonnull (strstr (error->message, "111.1 %"));
  g_clear_error (&error);

  /* The rate must lie between the given stage and the goal */
  g_assert_false (tandem_plan_goal_seek_rate (input, 0, 1, 400, &rate, &error));
  g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  /* A target: 100 SQL from 1,000 MQL at SAL→SQL 60 % needs MQL→SAL
   * 100 ÷ (1000 × 0.6) = 16.7 %                                       */
  input->mode = TANDEM_PLAN_FROM_TARGET;
  input->anchor_stage = 3;
  input->anchor_volume = 100;
  g_assert_true (tandem_plan_goal_seek_rate (input, 1, 1, 1000, &rate, &error));
  g_assert_no_error (error);
  assert_near (rate, 1.0 / 6);
}

/* Exact example plan, holding 4,444.4 inquiries:
 *   Inquiry→MQL 10 → 11 %: revenue × 1.1      → +200,000
 *   MQL→SAL 50 → 51 %:     × 1.02             → +40,000
 *   SAL→SQL 60 → 61 %:     × 61/60            → +33,333
 *   SQL→Won 20 → 21 %:     × 1.05             → +100,000
 *   Inquiry volume +10 %, deal size +10 %     → +200,000 each
 * Sorted by impact; equal impacts keep their order.                          */
static void
test_sensitivity (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);
  g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
  const char *labels[] = {
    "Inquiry→MQL rate +1 pt", "Inquiry volume +10 %", "deal size +10 %",
    "SQL→Won rate +1 pt", "MQL→SAL rate +1 pt", "SAL→SQL rate +1 pt",
  };
  const double changes[] = { 200000, 200000, 200000, 100000, 40000, 100000.0 / 3 };

  g_assert_cmpuint (result->sensitivity->len, ==, 6);
  for (guint k = 0; k < 6; k++)
    {
      TandemPlanSensitivity *s = &g_array_index (result->sensitivity, TandemPlanSensitivity, k);

      g_assert_cmpstr (s->label, ==, labels[k]);
      assert_near (s->revenue_change, changes[k]);
    }
  assert_near (g_array_index (result->sensitivity, TandemPlanSensitivity, 2).deals_change, 0);
  assert_near (g_array_index (result->sensitivity, TandemPlanSensitivity, 3).deals_change, 80.0 / 3 * 0.05);
}

/* Binomial(10, ½): P(X ≤ 2) = 56/1024 = 0.055, P(X ≤ 3) = 176/1024 = 0.172
 * → lower 3; P(X ≤ 6) = 848/1024 = 0.828, P(X ≤ 7) = 968/1024 = 0.945 → upper 7.
 * Binomial(4, ½): CDF 1/16, 5/16, 11/16, 15/16, 1 → 1 … 3.
 * Binomial(100, 0.3): mean 30, sd 4.58; the exact 10 % and 90 % points
 * are 24 and 36 (CDF(23) = 0.0755, CDF(24) = 0.1136, CDF(35) = 0.8839,
 * CDF(36) = 0.9201, from the closed form).                                   */
static void
test_binomial (void)
{
  guint64 lo = 99, hi = 99;

  g_assert_true (tandem_plan_binomial_range (10, 0.5, &lo, &hi));
  g_assert_cmpuint (lo, ==, 3);
  g_assert_cmpuint (hi, ==, 7);
  g_assert_true (tandem_plan_binomial_range (4, 0.5, &lo, &hi));
  g_assert_cmpuint (lo, ==, 1);
  g_assert_cmpuint (hi, ==, 3);
  g_assert_true (tandem_plan_binomial_range (100, 0.3, &lo, &hi));
  g_assert_cmpuint (lo, ==, 24);
  g_assert_cmpuint (hi, ==, 36);
  g_assert_true (tandem_plan_binomial_range (0, 0.5, &lo, &hi));
  g_assert_cmpuint (hi, ==, 0);
  g_assert_true (tandem_plan_binomial_range (7, 1, &lo, &hi));
  g_assert_cmpuint (lo, ==, 7);
  g_assert_cmpuint (hi, ==, 7);
  g_assert_false (tandem_plan_binomial_range (G_GUINT64_CONSTANT (10000000000), 0.5, &lo, &hi));

  /* In a plan: 10 SQL forward at 50 % → 5 wins, 80 % range 3–7 */
  {
    g_autoptr(TandemPlanInput) input = tandem_plan_input_new ();
    g_autoptr(TandemPlanResult) result = NULL;

    input->mode = TANDEM_PLAN_FORWARD;
    input->anchor_stage = 3;
    input->anchor_volume = 10;
    input->rates[3] = 0.5;
    result = plan_calculate_ok (input);
    g_assert_true (result->has_range);
    g_assert_cmpuint (result->range_trials, ==, 10);
    assert_near (result->range_p, 0.5);
    g_assert_cmpuint (result->range_lo, ==, 3);
    g_assert_cmpuint (result->range_hi, ==, 7);
  }
}

static void
test_explain (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);

  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_auto(GStrv) steps = tandem_plan_explain_steps (result, "USD");

    g_assert_cmpuint (g_strv_length (steps), ==, 5);
    g_assert_cmpstr (steps[0], ==, "$2000000 ÷ $75000 = 26.7 deals");
    g_assert_cmpstr (steps[1], ==, "26.7 ÷ 20 % close rate = 133.3 SQL");
    g_assert_cmpstr (steps[2], ==, "133.3 ÷ 60 % SAL→SQL rate = 222.2 SAL");
    g_assert_cmpstr (steps[4], ==, "444.4 ÷ 10 % Inquiry→MQL rate = 4444.4 Inquiry");
  }
  input->rounding = TANDEM_PLAN_ROUNDING_CEIL;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_auto(GStrv) steps = tandem_plan_explain_steps (result, NULL);

    g_assert_cmpuint (g_strv_length (steps), ==, 6);
    g_assert_cmpstr (steps[0], ==, "2000000 ÷ 75000 = 26.7 deals, rounded up to 27");
    g_assert_cmpstr (steps[1], ==, "27 ÷ 20 % close rate = 135 SQL");
    g_assert_cmpstr (steps[5], ==, "27 deals × 75000 = 2025000 revenue");
  }
  input->mode = TANDEM_PLAN_FORWARD;
  input->anchor_stage = 1;
  input->anchor_volume = 500;
  input->rates[1] = 0.45;
  input->rates[3] = 0.22;
  {
    g_autoptr(TandemPlanResult) result = plan_calculate_ok (input);
    g_auto(GStrv) steps = tandem_plan_explain_steps (result, "USD");

    g_assert_cmpstr (steps[0], ==, "Start: 500 MQL");
    g_assert_cmpstr (steps[1], ==, "500 × 45 % MQL→SAL rate = 225 SAL");
    g_assert_cmpstr (steps[3], ==, "135 × 22 % close rate = 29.7 deals, rounded up to 30");
    g_assert_cmpstr (steps[4], ==, "30 deals × $75000 = $2250000 revenue");
    g_assert_null (steps[5]);
  }
}

static void
test_stages (void)
{
  g_autoptr(TandemPlanInput) input = tandem_plan_input_new ();
  g_autoptr(GError) error = NULL;
  const char *three[] = { "Lead", " Opportunity ", "Customer", NULL };
  const char *one[] = { "Lead", NULL };
  const char *twice[] = { "Lead", "lead", NULL };
  guint index = 99;

  g_assert_true (tandem_plan_input_set_stages (input, three, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (input->n_stages, ==, 3);
  g_assert_cmpstr (input->stages[1], ==, "Opportunity");
  g_assert_cmpuint (input->ae.stage, ==, 1);
  g_assert_true (tandem_plan_input_find_stage (input, "opportunity", &index, &error));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (tandem_plan_input_find_stage (input, "CUSTOMER", &index, &error));
  g_assert_cmpuint (index, ==, 2);

  g_assert_false (tandem_plan_input_find_stage (input, "Opp", &index, &error));
  g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_STAGE);
  g_assert_cmpstr (error->message, ==, "no stage named “Opp”; the stages are Lead, Opportunity, Customer");
  g_clear_error (&error);

  g_assert_false (tandem_plan_input_set_stages (input, one, &error));
  g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_plan_input_set_stages (input, twice, &error));
  g_assert_cmpstr (error->message, ==, "stages: “lead” appears twice");
  g_assert_cmpuint (input->n_stages, ==, 3);
}

/* Every refusal names the input. */
static void
assert_refused (TandemPlanInput *input,
                gint             code,
                const char      *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanResult) result = tandem_plan_calculate (input, &error);

  g_assert_null (result);
  g_assert_error (error, TANDEM_PLAN_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  tandem_plan_input_free (input);
}

static void
test_invalid (void)
{
  TandemPlanInput *input;

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->rates[1] = 0;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "rate MQL→SAL: 0 % is out of range (more than 0, up to 100 %)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->rates[1] = 1.4;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "rate MQL→SAL: 140 % is out of range (more than 0, up to 100 %)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->rates[2] = -0.1;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "rate SAL→SQL: -10 % is out of range (more than 0, up to 100 %)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->rates[0] = INFINITY;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "rate Inquiry→MQL: must be a finite percentage");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->rates[1] = NAN;
  assert_refused (input, TANDEM_PLAN_ERROR_MISSING_RATE, "no rate from MQL to SAL");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->rates[3] = 1;  /* 100 % is allowed */
  tandem_plan_result_unref (plan_calculate_ok (input));
  tandem_plan_input_free (input);

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->revenue = -5;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "revenue goal: -5 is out of range (more than 0, up to 1e+13)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->revenue = 0;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "revenue goal: 0 is out of range (more than 0, up to 1e+13)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->revenue = NAN;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "revenue goal: is missing");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->deal_size = INFINITY;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "deal size: must be a finite number");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->deal_size = -INFINITY;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "deal size: must be a finite number");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->mode = TANDEM_PLAN_FROM_TARGET;
  input->anchor_stage = 3;
  input->anchor_volume = NAN;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "volume at SQL: is missing");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->mode = TANDEM_PLAN_FROM_TARGET;
  input->anchor_stage = 7;
  input->anchor_volume = 10;
  assert_refused (input, TANDEM_PLAN_ERROR_UNKNOWN_STAGE, "target: stage 8 does not exist");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->win_rate = 0;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "win rate: 0 % is out of range (more than 0, up to 100 %)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->coverage = -3;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "coverage: -3× is out of range (1 to 100×)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->pipeline = -1;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "existing pipeline: -1 is out of range (0 to 1e+13)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->pipeline = INFINITY;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "existing pipeline: must be a finite number");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->marketing_share = 1.5;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "marketing share: 150 % is out of range (0 to 100 %)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->cost_per[1] = -20;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "cost per MQL: -20 is out of range (0 to 1e+09)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->lag_days[3] = -1;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "lag SQL→Won: -1 days is out of range (0 to 3650 days)");

  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->sdr.heads = 2;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "SDR leads per month: 0 is out of range (more than 0, up to 1e+06)");

  /* Overflow is refused, never carried to the output as infinity */
  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->revenue = TANDEM_PLAN_MAX_AMOUNT;
  input->deal_size = 1e-9;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID,
                  "the plan's numbers are too large to calculate; check the amounts and rates");

  /* An amount past the largest a plan takes is refused by name */
  input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  input->revenue = 1e300;
  assert_refused (input, TANDEM_PLAN_ERROR_INVALID, "revenue goal: 1e+300 is out of range (more than 0, up to 1e+13)");
}

/* Each bound: at the limit a plan, just past it a refusal naming the input */
static void
test_bounds (void)
{
  const struct
  {
    gsize       offset;
    double      value;
    const char *message;   /* NULL: accepted */
  } cases[] = {
#define AT(field) G_STRUCT_OFFSET (TandemPlanInput, field)
    { AT (revenue), TANDEM_PLAN_MAX_AMOUNT, NULL },
    { AT (revenue), 1.00001e13, "revenue goal: 1.00001e+13 is out of range (more than 0, up to 1e+13)" },
    { AT (deal_size), TANDEM_PLAN_MAX_AMOUNT, NULL },
    { AT (deal_size), 1.00001e13, "deal size: 1.00001e+13 is out of range (more than 0, up to 1e+13)" },
    { AT (deal_size), 0, "deal size: 0 is out of range (more than 0, up to 1e+13)" },
    { AT (rates[0]), 1, NULL },
    { AT (rates[0]), 1e-6, NULL },
    { AT (rates[0]), 1.00001, "rate Inquiry→MQL: 100.001 % is out of range (more than 0, up to 100 %)" },
    { AT (win_rate), 1, NULL },
    { AT (win_rate), 1.00001, "win rate: 100.001 % is out of range (more than 0, up to 100 %)" },
    { AT (coverage), TANDEM_PLAN_MIN_COVERAGE, NULL },
    { AT (coverage), TANDEM_PLAN_MAX_COVERAGE, NULL },
    { AT (coverage), 0.99999, "coverage: 0.99999× is out of range (1 to 100×)" },
    { AT (coverage), 100.001, "coverage: 100.001× is out of range (1 to 100×)" },
    { AT (coverage), 1e308, "coverage: 1e+308× is out of range (1 to 100×)" },
    { AT (pipeline), 0, NULL },
    { AT (pipeline), TANDEM_PLAN_MAX_AMOUNT, NULL },
    { AT (pipeline), 1.00001e13, "existing pipeline: 1.00001e+13 is out of range (0 to 1e+13)" },
    { AT (marketing_share), 0, NULL },
    { AT (marketing_share), 1, NULL },
    { AT (marketing_share), 1.00001, "marketing share: 100.001 % is out of range (0 to 100 %)" },
    { AT (cost_per[0]), 0, NULL },
    { AT (cost_per[0]), TANDEM_PLAN_MAX_COST, NULL },
    { AT (cost_per[0]), 1.00001e9, "cost per Inquiry: 1.00001e+09 is out of range (0 to 1e+09)" },
    { AT (cost_per[0]), 1e308, "cost per Inquiry: 1e+308 is out of range (0 to 1e+09)" },
    { AT (lag_days[0]), TANDEM_PLAN_MAX_LAG_DAYS, NULL },
    { AT (lag_days[0]), 3650.01, "lag Inquiry→MQL: 3650.01 days is out of range (0 to 3650 days)" },
    { AT (lag_days[0]), 1e308, "lag Inquiry→MQL: 1e+308 days is out of range (0 to 3650 days)" },
    { AT (sdr.heads), TANDEM_PLAN_MAX_HEADS, NULL },
    { AT (sdr.heads), 10000.1, "SDR headcount: 10000.1 is out of range (0 to 10000)" },
    { AT (sdr.per_head_month), TANDEM_PLAN_MAX_PER_HEAD, NULL },
    { AT (sdr.per_head_month), 1.00001e6, "SDR leads per month: 1.00001e+06 is out of range (more than 0, up to 1e+06)" },
    { AT (ae.heads), -1, "AE headcount: -1 is out of range (0 to 10000)" },
#undef AT
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      TandemPlanInput *input = example_input (TANDEM_PLAN_ROUNDING_CEIL);

      input->sdr.heads = input->ae.heads = 1;
      input->sdr.per_head_month = input->ae.per_head_month = 100;
      G_STRUCT_MEMBER (double, input, cases[k].offset) = cases[k].value;
      if (cases[k].message != NULL)
        {
          assert_refused (input, TANDEM_PLAN_ERROR_INVALID, cases[k].message);
          continue;
        }
      tandem_plan_result_unref (plan_calculate_ok (input));
      tandem_plan_input_free (input);
    }

  /* A volume at a stage, as a target, a forward start and a goal seek's */
  {
    TandemPlanInput *input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
    g_autoptr(GError) error = NULL;
    double rate;

    input->mode = TANDEM_PLAN_FROM_TARGET;
    input->anchor_volume = TANDEM_PLAN_MAX_VOLUME;
    tandem_plan_result_unref (plan_calculate_ok (input));
    input->mode = TANDEM_PLAN_FORWARD;
    input->anchor_stage = 0;
    tandem_plan_result_unref (plan_calculate_ok (input));
    g_assert_false (tandem_plan_goal_seek_rate (input, 1, 0, 1.00001e9, &rate, &error));
    g_assert_cmpstr (error->message, ==, "volume at Inquiry: 1.00001e+09 is out of range (more than 0, up to 1e+09)");
    input->anchor_volume = 1.00001e9;
    assert_refused (input, TANDEM_PLAN_ERROR_INVALID,
                    "volume at Inquiry: 1.00001e+09 is out of range (more than 0, up to 1e+09)");
  }

  /* The longest lags: the schedule starts 4 × 3650 days (479.7 months) early */
  {
    g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
    g_autoptr(TandemPlanResult) result = NULL;

    for (guint i = 0; i < 4; i++)
      input->lag_days[i] = TANDEM_PLAN_MAX_LAG_DAYS;
    result = plan_calculate_ok (input);
    g_assert_cmpuint (result->schedule->len, ==, 3 + 480);
    g_assert_cmpint (g_array_index (result->schedule, TandemPlanMonth, 0).month, ==, -480);
  }

  /* Inputs each within bounds whose results would not be: named, refused */
  {
    TandemPlanInput *input = example_input (TANDEM_PLAN_ROUNDING_EXACT);

    input->revenue = TANDEM_PLAN_MAX_AMOUNT;
    input->deal_size = 1e7;
    input->cost_per[0] = TANDEM_PLAN_MAX_COST;
    assert_refused (input, TANDEM_PLAN_ERROR_INVALID,
                    "the plan's numbers are too large to calculate (the cost at Inquiry would pass 1e+15); "
                    "check the amounts and rates");

    input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
    input->sdr.heads = 1;
    input->sdr.per_head_month = 1e-14;
    assert_refused (input, TANDEM_PLAN_ERROR_INVALID,
                    "the plan's numbers are too large to calculate (the SDR capacity would pass 1e+15); "
                    "check the amounts and rates");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/plan/defaults", test_defaults);
  g_test_add_func ("/plan/reverse/exact", test_reverse_exact);
  g_test_add_func ("/plan/reverse/ceil", test_reverse_ceil);
  g_test_add_func ("/plan/reverse/rounding-modes", test_reverse_rounding_modes);
  g_test_add_func ("/plan/forward", test_forward);
  g_test_add_func ("/plan/target", test_target);
  g_test_add_func ("/plan/coverage", test_coverage);
  g_test_add_func ("/plan/marketing-share", test_marketing_share);
  g_test_add_func ("/plan/cost", test_cost);
  g_test_add_func ("/plan/capacity", test_capacity);
  g_test_add_func ("/plan/schedule", test_schedule);
  g_test_add_func ("/plan/goal-seek", test_goal_seek);
  g_test_add_func ("/plan/sensitivity", test_sensitivity);
  g_test_add_func ("/plan/binomial", test_binomial);
  g_test_add_func ("/plan/explain", test_explain);
  g_test_add_func ("/plan/stages", test_stages);
  g_test_add_func ("/plan/invalid", test_invalid);
  g_test_add_func ("/plan/bounds", test_bounds);

  return g_test_run ();
}
