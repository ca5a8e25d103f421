/* tandem-plan.c — what-if planning: from a revenue goal back to the leads it
 * needs, and forward again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reverse: deals = revenue ÷ deal size; the volume at the stage before a
 * stage is that stage's volume ÷ the rate between them; and so on up.  In
 * the ceil and round modes every stage is computed from the committed
 * (rounded) volume of its neighbour, so the rounding compounds the way a
 * planner who commits to whole leads would see it; "exact" is always the
 * value with no rounding anywhere.
 */

#include "config.h"

#include "tandem-format.h"

#include "tandem-plan-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (tandem-plan-error-quark, tandem_plan_error)

G_DEFINE_BOXED_TYPE (TandemPlanResult, tandem_plan_result,
                     tandem_plan_result_ref, tandem_plan_result_unref)

/* Relative tolerance for "this is really a whole number" (27 ÷ 0.2 is
 * 135.00000000000003 in binary floating point, and must not ceil to 136). */
#define SNAP 1e-9

/* The binomial range is computed term by term; above this, not at all. */
#define MAX_BINOMIAL_TRIALS G_GUINT64_CONSTANT (1000000000)

#define DAYS_PER_MONTH (365.25 / 12)

static const char *const default_stages[] = { "Inquiry", "MQL", "SAL", "SQL", "Won", NULL };
const char *const tandem_plan_rounding_names[3] = { "exact", "ceil", "round" };
const char *const tandem_plan_period_names[3] = { "month", "quarter", "year" };
const char *const tandem_plan_mode_names[3] = { "revenue", "target", "forward" };

const char *
tandem_plan_rounding_to_string (TandemPlanRounding rounding)
{
  g_return_val_if_fail ((guint) rounding < G_N_ELEMENTS (tandem_plan_rounding_names), "exact");
  return tandem_plan_rounding_names[rounding];
}

gboolean
tandem_plan_rounding_from_string (const char         *str,
                                  TandemPlanRounding *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (tandem_plan_rounding_names); i++)
    if (str != NULL && g_ascii_strcasecmp (str, tandem_plan_rounding_names[i]) == 0)
      {
        *out = (TandemPlanRounding) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tandem_plan_period_to_string (TandemPlanPeriod period)
{
  g_return_val_if_fail ((guint) period < G_N_ELEMENTS (tandem_plan_period_names), "quarter");
  return tandem_plan_period_names[period];
}

gboolean
tandem_plan_period_from_string (const char       *str,
                                TandemPlanPeriod *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (tandem_plan_period_names); i++)
    if (str != NULL && g_ascii_strcasecmp (str, tandem_plan_period_names[i]) == 0)
      {
        *out = (TandemPlanPeriod) i;
        return TRUE;
      }
  return FALSE;
}

guint
tandem_plan_period_months (TandemPlanPeriod period)
{
  switch (period)
    {
    case TANDEM_PLAN_PERIOD_MONTH:   return 1;
    case TANDEM_PLAN_PERIOD_YEAR:    return 12;
    case TANDEM_PLAN_PERIOD_QUARTER:
    default:                         return 3;
    }
}

/* ---- Input ----------------------------------------------------------------- */

static void
reset_per_stage (TandemPlanInput *input)
{
  for (guint i = 0; i < TANDEM_PLAN_MAX_STAGES; i++)
    input->cost_per[i] = NAN;
  for (guint i = 0; i + 1 < TANDEM_PLAN_MAX_STAGES; i++)
    {
      input->rates[i] = NAN;
      input->lag_days[i] = 0;
    }
  input->sdr.stage = MIN (1u, input->n_stages - 1);
  input->ae.stage = input->n_stages >= 2 ? input->n_stages - 2 : 0;
}

TandemPlanInput *
tandem_plan_input_new (void)
{
  TandemPlanInput *input = g_new0 (TandemPlanInput, 1);

  for (guint i = 0; default_stages[i]; i++)
    input->stages[input->n_stages++] = g_strdup (default_stages[i]);
  reset_per_stage (input);
  input->mode = TANDEM_PLAN_FROM_REVENUE;
  input->revenue = NAN;
  input->deal_size = NAN;
  input->anchor_stage = input->n_stages - 1;
  input->anchor_volume = NAN;
  input->rounding = TANDEM_PLAN_ROUNDING_EXACT;
  input->win_rate = NAN;
  input->coverage = NAN;
  input->pipeline = NAN;
  input->marketing_share = NAN;
  input->period = TANDEM_PLAN_PERIOD_QUARTER;
  return input;
}

TandemPlanInput *
tandem_plan_input_copy (const TandemPlanInput *input)
{
  TandemPlanInput *copy;

  g_return_val_if_fail (input != NULL, NULL);

  copy = g_memdup2 (input, sizeof *input);
  for (guint i = 0; i < input->n_stages; i++)
    copy->stages[i] = g_strdup (input->stages[i]);
  return copy;
}

void
tandem_plan_input_free (TandemPlanInput *input)
{
  if (input == NULL)
    return;
  for (guint i = 0; i < input->n_stages; i++)
    g_free (input->stages[i]);
  g_free (input);
}

static char *
stage_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  return g_utf8_casefold (stripped, -1);
}

gboolean
tandem_plan_input_set_stages (TandemPlanInput    *input,
                              const char *const  *names,
                              GError            **error)
{
  guint n = names ? g_strv_length ((char **) names) : 0;

  g_return_val_if_fail (input != NULL, FALSE);

  if (n < 2 || n > TANDEM_PLAN_MAX_STAGES)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID,
                   _("stages: a plan needs between 2 and %u stages, not %u"), TANDEM_PLAN_MAX_STAGES, n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (names[i]));

      if (stripped[0] == '\0')
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID,
                       _("stages: stage %u has no name"), i + 1);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          g_autofree char *a = stage_key (names[j]);
          g_autofree char *b = stage_key (names[i]);

          if (g_str_equal (a, b))
          {
            g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID,
                         _("stages: “%s” appears twice"), stripped);
            return FALSE;
          }
        }
    }

  for (guint i = 0; i < input->n_stages; i++)
    g_clear_pointer (&input->stages[i], g_free);
  for (guint i = 0; i < n; i++)
    input->stages[i] = g_strstrip (g_strdup (names[i]));
  input->n_stages = n;
  reset_per_stage (input);
  input->anchor_stage = MIN (input->anchor_stage, n - 1);
  return TRUE;
}

gboolean
tandem_plan_input_find_stage (const TandemPlanInput  *input,
                              const char             *name,
                              guint                  *out_index,
                              GError                **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GString) known = g_string_new (NULL);

  g_return_val_if_fail (input != NULL && name != NULL, FALSE);

  key = stage_key (name);
  for (guint i = 0; i < input->n_stages; i++)
    {
      g_autofree char *other = stage_key (input->stages[i]);

      if (g_str_equal (key, other))
        {
          *out_index = i;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", i ? ", " : "", input->stages[i]);
    }
  g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_STAGE,
               _("no stage named “%s”; the stages are %s"), name, known->str);
  return FALSE;
}

/* ---- Calculation ----------------------------------------------------------- */

static double
commit (TandemPlanRounding rounding,
        double             value)
{
  double tolerance = SNAP * MAX (1.0, fabs (value));

  switch (rounding)
    {
    case TANDEM_PLAN_ROUNDING_CEIL:
      return ceil (value - tolerance);
    case TANDEM_PLAN_ROUNDING_ROUND:
      return floor (value + 0.5 + tolerance);
    case TANDEM_PLAN_ROUNDING_EXACT:
    default:
      return value;
    }
}

TandemPlanResult *
tandem_plan_result_ref (TandemPlanResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

static void
sensitivity_clear (gpointer data)
{
  TandemPlanSensitivity *s = data;

  g_free (s->label);
}

void
tandem_plan_result_unref (TandemPlanResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;
  for (guint i = 0; i < result->n_stages; i++)
    g_free (result->stages[i].name);
  g_clear_pointer (&result->schedule, g_array_unref);
  g_clear_pointer (&result->capacity, g_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_clear_pointer (&result->sensitivity, g_array_unref);
  g_free (result);
}

static gboolean
all_finite (const TandemPlanResult *result)
{
  for (guint j = 0; j < result->n_stages; j++)
    if (!isfinite (result->stages[j].exact) || !isfinite (result->stages[j].unrounded) ||
        !isfinite (result->stages[j].volume) || result->stages[j].volume > 1e15)
      return FALSE;
  return !result->has_revenue || (isfinite (result->revenue) && isfinite (result->deals_exact * result->deal_size));
}

/* One result within what a plan can hold (and print, and write as JSON) */
static gboolean
check_output (double       value,
              const char  *what,
              GError     **error)
{
  if (isfinite (value) && fabs (value) <= TANDEM_PLAN_MAX_RESULT)
    return TRUE;
  return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID,
                              _("the plan's numbers are too large to calculate (%s would pass %g); check the amounts and rates"),
                              what, TANDEM_PLAN_MAX_RESULT);
}

/* Every number of the finished result, so that none is printed as inf,
 * nan or three hundred digits */
static gboolean
check_outputs (const TandemPlanResult  *result,
               GError                 **error)
{
  if (!check_output (result->revenue_goal, _("the revenue goal"), error) ||
      !check_output (result->revenue, _("the revenue"), error) ||
      !check_output (result->deals_exact, _("the deals"), error) ||
      !check_output (result->overall_conversion, _("the overall conversion"), error))
    return FALSE;
  for (guint j = 0; j < result->n_stages; j++)
    {
      const TandemPlanStage *s = &result->stages[j];
      g_autofree char *volume = g_strdup_printf (_("the volume at %s"), s->name);
      g_autofree char *cost = g_strdup_printf (_("the cost at %s"), s->name);

      if (!check_output (s->exact, volume, error) || !check_output (s->unrounded, volume, error) ||
          !check_output (s->volume, volume, error) || !check_output (s->marketing, volume, error) ||
          !check_output (s->other, volume, error) || !check_output (s->cost, cost, error))
        return FALSE;
    }
  if (!check_output (result->coverage.required, _("the coverage"), error) ||
      !check_output (result->coverage.pipeline_needed, _("the pipeline needed"), error) ||
      !check_output (result->coverage.current, _("the coverage"), error) ||
      !check_output (result->coverage.gap, _("the pipeline needed"), error) ||
      !check_output (result->cost.budget, _("the budget"), error) ||
      !check_output (result->cost.cac, _("the cost per deal"), error) ||
      !check_output (result->cost.roi, _("the return on the budget"), error))
    return FALSE;
  for (guint k = 0; k < result->schedule->len; k++)
    for (guint j = 0; j < result->n_stages; j++)
      if (!check_output (g_array_index (result->schedule, TandemPlanMonth, k).volumes[j], _("the schedule"), error))
        return FALSE;
  for (guint k = 0; k < result->capacity->len; k++)
    {
      const TandemPlanCapacity *c = &g_array_index (result->capacity, TandemPlanCapacity, k);
      g_autofree char *what = g_strdup_printf (_("the %s capacity"), c->role);

      if (!check_output (c->required_per_month, what, error) || !check_output (c->capacity_per_month, what, error) ||
          !check_output (c->heads_needed, what, error))
        return FALSE;
    }
  for (guint k = 0; k < result->sensitivity->len; k++)
    {
      const TandemPlanSensitivity *s = &g_array_index (result->sensitivity, TandemPlanSensitivity, k);

      if (!check_output (s->deals_change, s->label, error) || !check_output (s->revenue_change, s->label, error))
        return FALSE;
    }
  return TRUE;
}

static void
compute_coverage (TandemPlanResult      *result,
                  const TandemPlanInput *input)
{
  double win_rate = input->win_rate;

  if (!result->has_revenue)
    return;
  if (isnan (win_rate) && input->n_stages >= 2 && input->n_stages - 2 >= result->first_stage)
    win_rate = input->rates[input->n_stages - 2];
  if (isnan (win_rate) && isnan (input->coverage))
    return;

  result->has_coverage = TRUE;
  result->coverage.win_rate = isnan (win_rate) ? 0 : win_rate;
  result->coverage.quota = result->revenue_goal;
  result->coverage.required = !isnan (input->coverage) ? input->coverage : 1 / win_rate;
  result->coverage.pipeline_needed = result->coverage.quota * result->coverage.required;
  if (!isnan (input->pipeline))
    {
      result->coverage.has_current = TRUE;
      result->coverage.pipeline = input->pipeline;
      result->coverage.current = input->pipeline / result->coverage.quota;
      result->coverage.gap = MAX (0.0, result->coverage.pipeline_needed - input->pipeline);
    }
}

static void
compute_cost (TandemPlanResult      *result,
              const TandemPlanInput *input)
{
  for (guint j = 0; j < result->n_stages; j++)
    {
      double per = input->cost_per[result->first_stage + j];

      if (isnan (per))
        continue;
      result->stages[j].has_cost = TRUE;
      result->stages[j].cost = result->stages[j].volume * per;
      result->cost.budget += result->stages[j].cost;
      result->has_cost = TRUE;
    }
  if (!result->has_cost)
    return;
  if (result->deals > 0)
    {
      result->cost.has_cac = TRUE;
      result->cost.cac = result->cost.budget / result->deals;
    }
  if (result->has_revenue && result->cost.budget > 0)
    {
      result->cost.has_roi = TRUE;
      result->cost.roi = (result->revenue - result->cost.budget) / result->cost.budget;
    }
}

/* Each stage's committed volume spread evenly over the period's months at
 * the deals' end; a stage whose leads take L days to become deals must
 * arrive L days earlier, so its share of month t arrives over
 * [t - L, t + 1 - L) in months and is split between the two months that
 * interval touches.                                                        */
static void
compute_schedule (TandemPlanResult      *result,
                  const TandemPlanInput *input)
{
  double shift[TANDEM_PLAN_MAX_STAGES] = { 0, };
  int earliest = 0;
  guint m = result->period_months;

  for (guint j = result->n_stages; j-- > 0;)
    {
      guint i = result->first_stage + j;

      shift[j] = i + 1 < input->n_stages && j + 1 < result->n_stages
                 ? shift[j + 1] + input->lag_days[i] / DAYS_PER_MONTH : 0;
      earliest = MIN (earliest, (int) floor (-shift[j] + SNAP));
    }

  result->schedule = g_array_new (FALSE, TRUE, sizeof (TandemPlanMonth));
  g_array_set_size (result->schedule, (guint) ((int) m - earliest));
  for (guint k = 0; k < result->schedule->len; k++)
    g_array_index (result->schedule, TandemPlanMonth, k).month = earliest + (int) k;

  for (guint j = 0; j < result->n_stages; j++)
    for (guint t = 0; t < m; t++)
      {
        double share = result->stages[j].volume / m;
        double start = (double) t - shift[j];
        double whole = floor (start + SNAP);
        double frac = start - whole;
        guint k = (guint) ((int) whole - earliest);

        if (frac < SNAP)
          frac = 0;
        g_array_index (result->schedule, TandemPlanMonth, k).volumes[j] += share * (1 - frac);
        if (frac > 0)
          g_array_index (result->schedule, TandemPlanMonth, k + 1).volumes[j] += share * frac;
      }
}

static void
check_capacity (TandemPlanResult     *result,
                const TandemPlanTeam *team,
                const char           *role)
{
  TandemPlanCapacity c = { 0, };

  if (team->heads <= 0 || team->stage < result->first_stage)
    return;
  c.role = role;
  c.stage = team->stage - result->first_stage;
  c.heads = team->heads;
  c.required_per_month = result->stages[c.stage].volume / result->period_months;
  c.capacity_per_month = team->heads * team->per_head_month;
  c.heads_needed = c.required_per_month / team->per_head_month;
  c.exceeded = c.required_per_month > c.capacity_per_month * (1 + SNAP);
  g_array_append_val (result->capacity, c);
  if (c.exceeded)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (_("%s capacity exceeded: %.1f %s a month need %.1f people at %g each, "
                                        "and there are %g"),
                                      role, c.required_per_month, result->stages[c.stage].name,
                                      c.heads_needed, team->per_head_month, team->heads));
}

static double
sensitivity_key (const TandemPlanResult      *result,
                 const TandemPlanSensitivity *s)
{
  return fabs (result->has_revenue ? s->revenue_change : s->deals_change);
}

static gint
compare_sensitivity (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  double ka = sensitivity_key (user_data, a);
  double kb = sensitivity_key (user_data, b);

  /* Equal up to rounding error: keep the input order (the sort is stable) */
  if (fabs (ka - kb) <= SNAP * MAX (1.0, MAX (ka, kb)))
    return 0;
  return ka > kb ? -1 : 1;
}

static void
add_sensitivity (TandemPlanResult *result,
                 char             *label,
                 double            deals_change,
                 double            revenue_change)
{
  TandemPlanSensitivity s = { label, deals_change, revenue_change };

  g_array_append_val (result->sensitivity, s);
}

/* With the exact plan's first-stage volume held, revenue's change when
 * each rate improves by one percentage point (at most to 100 %) and each
 * amount by 10 %.                                                          */
static void
compute_sensitivity (TandemPlanResult *result)
{
  double deals = result->deals_exact;
  double size = result->has_revenue ? result->deal_size : 0;

  result->sensitivity = g_array_new (FALSE, TRUE, sizeof (TandemPlanSensitivity));
  g_array_set_clear_func (result->sensitivity, sensitivity_clear);

  for (guint j = 0; j + 1 < result->n_stages; j++)
    {
      double rate = result->stages[j].rate;
      double better = MIN (1.0, rate + 0.01);
      double change = deals * better / rate - deals;

      add_sensitivity (result,
                       g_strdup_printf (_("%s→%s rate +1 pt"), result->stages[j].name, result->stages[j + 1].name),
                       change, change * size);
    }
  add_sensitivity (result, g_strdup_printf (_("%s volume +10 %%"), result->stages[0].name),
                   deals * 0.1, deals * 0.1 * size);
  if (result->has_revenue)
    add_sensitivity (result, g_strdup (_("deal size +10 %")), 0, deals * size * 0.1);

  g_array_sort_with_data (result->sensitivity, compare_sensitivity, result);
}

gboolean
tandem_plan_binomial_range (guint64  trials,
                            double   p,
                            guint64 *out_lo,
                            guint64 *out_hi)
{
  double n = (double) trials;
  double mean, sd, lo_k, hi_k, total = 0, cumulative = 0, log_choose_n;
  gboolean have_lo = FALSE;

  g_return_val_if_fail (p >= 0 && p <= 1, FALSE);

  if (trials > MAX_BINOMIAL_TRIALS)
    return FALSE;
  if (trials == 0 || p == 0)
    {
      *out_lo = *out_hi = 0;
      return TRUE;
    }
  if (p == 1)
    {
      *out_lo = *out_hi = trials;
      return TRUE;
    }

  /* Beyond 12 standard deviations the mass is below 1e-30: the sum over
   * this window is the exact distribution to double precision.         */
  mean = n * p;
  sd = sqrt (n * p * (1 - p));
  lo_k = MAX (0.0, floor (mean - 12 * sd - 12));
  hi_k = MIN (n, ceil (mean + 12 * sd + 12));
  log_choose_n = lgamma (n + 1);

  for (double k = lo_k; k <= hi_k; k++)
    total += exp (log_choose_n - lgamma (k + 1) - lgamma (n - k + 1) + k * log (p) + (n - k) * log1p (-p));

  for (double k = lo_k; k <= hi_k; k++)
    {
      cumulative += exp (log_choose_n - lgamma (k + 1) - lgamma (n - k + 1) + k * log (p) + (n - k) * log1p (-p)) / total;
      if (!have_lo && cumulative >= 0.1 - 1e-12)
        {
          *out_lo = (guint64) k;
          have_lo = TRUE;
        }
      if (cumulative >= 0.9 - 1e-12)
        {
          *out_hi = (guint64) k;
          return TRUE;
        }
    }
  *out_hi = (guint64) hi_k;
  if (!have_lo)
    *out_lo = (guint64) hi_k;
  return TRUE;
}

TandemPlanResult *
tandem_plan_calculate (const TandemPlanInput  *input,
                       GError                **error)
{
  g_autoptr(TandemPlanResult) result = NULL;
  double exact[TANDEM_PLAN_MAX_STAGES], unrounded[TANDEM_PLAN_MAX_STAGES], volume[TANDEM_PLAN_MAX_STAGES];
  guint first, anchor, n;
  double start;

  g_return_val_if_fail (input != NULL, NULL);

  if (!tandem_plan_input_validate (input, error))
    return NULL;

  n = input->n_stages;
  first = tandem_plan_first_stage_of (input);
  if (input->mode == TANDEM_PLAN_FROM_REVENUE)
    {
      anchor = n - 1;
      start = input->revenue / input->deal_size;
    }
  else
    {
      anchor = input->anchor_stage;
      start = input->anchor_volume;
    }

  exact[anchor] = unrounded[anchor] = start;
  volume[anchor] = commit (input->rounding, start);
  for (guint i = anchor; i-- > first;)
    {
      exact[i] = exact[i + 1] / input->rates[i];
      unrounded[i] = volume[i + 1] / input->rates[i];
      volume[i] = commit (input->rounding, unrounded[i]);
    }
  for (guint i = anchor + 1; i < n; i++)
    {
      exact[i] = exact[i - 1] * input->rates[i - 1];
      unrounded[i] = volume[i - 1] * input->rates[i - 1];
      volume[i] = commit (input->rounding, unrounded[i]);
    }

  result = g_new0 (TandemPlanResult, 1);
  g_atomic_ref_count_init (&result->ref_count);
  result->mode = input->mode;
  result->rounding = input->rounding;
  result->period = input->period;
  result->period_months = tandem_plan_period_months (input->period);
  result->first_stage = first;
  result->n_stages = n - first;
  result->anchor = anchor - first;
  result->overall_conversion = 1;
  for (guint i = first; i < n; i++)
    {
      TandemPlanStage *stage = &result->stages[i - first];

      stage->name = g_strdup (input->stages[i]);
      stage->exact = exact[i];
      stage->unrounded = unrounded[i];
      stage->volume = volume[i];
      stage->rate = i + 1 < n ? input->rates[i] : 0;
      if (i + 1 < n)
        result->overall_conversion *= input->rates[i];
    }
  result->deals_exact = exact[n - 1];
  result->deals = volume[n - 1];

  if (!isnan (input->deal_size))
    {
      result->has_revenue = TRUE;
      result->deal_size = input->deal_size;
      result->revenue = result->deals * input->deal_size;
      result->revenue_goal = input->mode == TANDEM_PLAN_FROM_REVENUE ? input->revenue : result->revenue;
    }

  if (!all_finite (result))
    {
      g_set_error_literal (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID,
                           _("the plan's numbers are too large to calculate; check the amounts and rates"));
      return NULL;
    }

  if (!isnan (input->marketing_share))
    {
      result->has_split = TRUE;
      result->marketing_share = input->marketing_share;
      for (guint j = 0; j < result->n_stages; j++)
        {
          TandemPlanStage *stage = &result->stages[j];

          stage->has_split = TRUE;
          stage->marketing = MIN (stage->volume, commit (input->rounding, stage->volume * input->marketing_share));
          stage->other = stage->volume - stage->marketing;
        }
    }

  compute_coverage (result, input);
  compute_cost (result, input);
  compute_schedule (result, input);

  result->capacity = g_array_new (FALSE, TRUE, sizeof (TandemPlanCapacity));
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  check_capacity (result, &input->sdr, "SDR");
  check_capacity (result, &input->ae, "AE");

  compute_sensitivity (result);

  result->range_trials = (guint64) llround (result->stages[0].volume);
  result->range_p = result->overall_conversion;
  result->has_range = tandem_plan_binomial_range (result->range_trials, result->range_p,
                                                  &result->range_lo, &result->range_hi);

  if (!check_outputs (result, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* ---- Goal seek ------------------------------------------------------------- */

gboolean
tandem_plan_goal_seek_rate (const TandemPlanInput  *input,
                            guint                   rate_index,
                            guint                   stage,
                            double                  volume,
                            double                 *out_rate,
                            GError                **error)
{
  g_autoptr(TandemPlanInput) probe = NULL;
  g_autofree char *what = NULL;
  guint goal_stage;
  double goal, others = 1, rate;

  g_return_val_if_fail (input != NULL && out_rate != NULL, FALSE);

  if (rate_index + 1 >= input->n_stages)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_UNKNOWN_STAGE, _("goal seek: rate %u does not exist"), rate_index + 1);
  if (stage >= input->n_stages)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_UNKNOWN_STAGE, _("goal seek: stage %u does not exist"), stage + 1);

  /* Everything but the rate being solved must be valid. */
  probe = tandem_plan_input_copy (input);
  probe->rates[rate_index] = 1;
  if (!tandem_plan_input_validate (probe, error))
    return FALSE;

  what = g_strdup_printf (_("volume at %s"), input->stages[stage]);
  if (!tandem_plan_check_bound (volume, BOUND_VOLUME, FALSE, what, error))
    return FALSE;

  if (input->mode == TANDEM_PLAN_FROM_REVENUE)
    {
      goal_stage = input->n_stages - 1;
      goal = input->revenue / input->deal_size;
    }
  else
    {
      goal_stage = input->anchor_stage;
      goal = input->anchor_volume;
    }
  if (!(stage <= rate_index && rate_index < goal_stage))
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID,
                                _("goal seek: the rate %s→%s does not lie between %s and %s"),
                                input->stages[rate_index], input->stages[rate_index + 1],
                                input->stages[stage], input->stages[goal_stage]);

  for (guint i = stage; i < goal_stage; i++)
    if (i != rate_index)
      others *= input->rates[i];
  rate = goal / (volume * others);
  if (!isfinite (rate) || rate > 1 + SNAP)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_IMPOSSIBLE,
                                _("goal seek: %g %s cannot reach the goal; the rate %s→%s would have to be %.1f %%"),
                                volume, input->stages[stage], input->stages[rate_index], input->stages[rate_index + 1],
                                isfinite (rate) ? 100 * rate : INFINITY);
  *out_rate = MIN (rate, 1.0);
  return TRUE;
}

/* ---- Explaining ------------------------------------------------------------ */

static gboolean
is_whole (double value)
{
  return fabs (value - round (value)) <= SNAP * MAX (1.0, fabs (value));
}

static char *
format_number (double value)
{
  return tandem_format_number (value, is_whole (value) ? 0 : 1);
}

static char *
format_money (double      value,
              const char *currency)
{
  return tandem_format_amount (value, currency);
}

static char *
rate_label (const TandemPlanResult *result,
            guint                   j)
{
  g_autofree char *pct = g_strdup_printf ("%.4g %%", 100 * result->stages[j].rate);

  if (j + 2 == result->n_stages)
    return g_strdup_printf (_("%s close rate"), pct);
  return g_strdup_printf (_("%s %s→%s rate"), pct, result->stages[j].name, result->stages[j + 1].name);
}

/* "= 133.3 SQL", or "= 133.3 SQL, rounded up to 134" */
static char *
outcome (const TandemPlanResult *result,
         guint                   j,
         const char             *noun)
{
  const TandemPlanStage *stage = &result->stages[j];
  g_autofree char *value = format_number (stage->unrounded);
  g_autofree char *committed = format_number (stage->volume);

  if (result->rounding == TANDEM_PLAN_ROUNDING_EXACT || is_whole (stage->unrounded))
    return g_strdup_printf ("= %s %s", value, noun);
  if (result->rounding == TANDEM_PLAN_ROUNDING_CEIL)
    return g_strdup_printf (_("= %s %s, rounded up to %s"), value, noun, committed);
  return g_strdup_printf (_("= %s %s, rounded to %s"), value, noun, committed);
}

GStrv
tandem_plan_explain_steps (const TandemPlanResult *result,
                           const char             *currency)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  guint last, anchor;

  g_return_val_if_fail (result != NULL, NULL);

  last = result->n_stages - 1;
  anchor = result->anchor;

  if (result->mode == TANDEM_PLAN_FROM_REVENUE)
    {
      g_autofree char *goal = format_money (result->revenue_goal, currency);
      g_autofree char *size = format_money (result->deal_size, currency);
      g_autofree char *is = outcome (result, last, _("deals"));

      g_ptr_array_add (steps, g_strdup_printf ("%s ÷ %s %s", goal, size, is));
    }
  else
    {
      /* "Start: 100 SQL", or "Start: 99.5 SQL, rounded up to 100" */
      g_autofree char *is = outcome (result, anchor, result->stages[anchor].name);

      g_ptr_array_add (steps, g_strdup_printf (_("Start: %s"), is + strlen ("= ")));
    }

  /* Up from the anchor, dividing */
  for (guint j = anchor; j-- > 0;)
    {
      g_autofree char *from = format_number (result->stages[j + 1].volume);
      g_autofree char *rate = rate_label (result, j);
      g_autofree char *is = outcome (result, j, result->stages[j].name);

      g_ptr_array_add (steps, g_strdup_printf ("%s ÷ %s %s", from, rate, is));
    }
  /* Down from the anchor, multiplying */
  for (guint j = anchor + 1; j < result->n_stages; j++)
    {
      g_autofree char *from = format_number (result->stages[j - 1].volume);
      g_autofree char *rate = rate_label (result, j - 1);
      g_autofree char *is = outcome (result, j, j == last ? _("deals") : result->stages[j].name);

      g_ptr_array_add (steps, g_strdup_printf ("%s × %s %s", from, rate, is));
    }
  if (result->has_revenue && (result->mode != TANDEM_PLAN_FROM_REVENUE || result->deals != result->deals_exact))
    {
      g_autofree char *deals = format_number (result->deals);
      g_autofree char *size = format_money (result->deal_size, currency);
      g_autofree char *revenue = format_money (result->revenue, currency);

      g_ptr_array_add (steps, g_strdup_printf (_("%s deals × %s = %s revenue"), deals, size, revenue));
    }
  g_ptr_array_add (steps, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&steps), FALSE);
}
