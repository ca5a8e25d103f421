/* tandem-plan-check.c — what a plan's numbers may be: the ranges and their checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-plan-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ---- Validation ------------------------------------------------------------
 *
 * What a plan can mean: every number of the input lies in one of these
 * ranges (tandem-cli plan --help and the README's plan section say the
 * same).  Beyond them a plan means nothing — a lag of a century, a deal
 * worth more than the world's output — and the arithmetic, the schedule's
 * length and the numbers printed would run away with the input.          */

typedef enum { UNIT_NONE, UNIT_PERCENT, UNIT_TIMES, UNIT_DAYS } Unit;

static const struct
{
  double   lo;
  double   hi;
  gboolean above_lo;   /* more than lo, not lo itself */
  Unit     unit;       /* UNIT_PERCENT: a fraction, shown × 100 */
} bounds[] = {
  [BOUND_AMOUNT]   = { 0, TANDEM_PLAN_MAX_AMOUNT, TRUE, UNIT_NONE },
  [BOUND_PIPELINE] = { 0, TANDEM_PLAN_MAX_AMOUNT, FALSE, UNIT_NONE },
  [BOUND_VOLUME]   = { 0, TANDEM_PLAN_MAX_VOLUME, TRUE, UNIT_NONE },
  [BOUND_RATE]     = { 0, 1, TRUE, UNIT_PERCENT },
  [BOUND_SHARE]    = { 0, 1, FALSE, UNIT_PERCENT },
  [BOUND_COVERAGE] = { TANDEM_PLAN_MIN_COVERAGE, TANDEM_PLAN_MAX_COVERAGE, FALSE, UNIT_TIMES },
  [BOUND_COST]     = { 0, TANDEM_PLAN_MAX_COST, FALSE, UNIT_NONE },
  [BOUND_LAG]      = { 0, TANDEM_PLAN_MAX_LAG_DAYS, FALSE, UNIT_DAYS },
  [BOUND_HEADS]    = { 0, TANDEM_PLAN_MAX_HEADS, FALSE, UNIT_NONE },
  [BOUND_PER_HEAD] = { 0, TANDEM_PLAN_MAX_PER_HEAD, TRUE, UNIT_NONE },
};

G_GNUC_PRINTF (3, 4)
gboolean
tandem_plan_invalid (GError     **error,
                     gint         code,
                     const char  *format,
                     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, TANDEM_PLAN_ERROR, code, message);
  return FALSE;
}

/* "1e+308 days", "140 %" */
static char *
format_in_unit (Unit   unit,
                double value)
{
  switch (unit)
    {
    case UNIT_PERCENT: return g_strdup_printf (_("%g %%"), 100 * value);
    case UNIT_TIMES:   return g_strdup_printf (_("%g×"), value);
    case UNIT_DAYS:    return g_strdup_printf (_("%g days"), value);
    case UNIT_NONE:
    default:           return g_strdup_printf ("%g", value);
    }
}

/* @value within @bound; @what names it ("lag Inquiry→MQL", "win rate").
 * @loose (a form not filled in yet, as a draft keeps it) lets 0 stand for
 * "more than 0"; NAN is "missing".                                        */
gboolean
tandem_plan_check_bound (double       value,
                         Bound        bound,
                         gboolean     loose,
                         const char  *what,
                         GError     **error)
{
  double lo = loose ? MIN (0.0, bounds[bound].lo) : bounds[bound].lo;
  gboolean above_lo = bounds[bound].above_lo && !loose;
  g_autofree char *shown = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (isnan (value))
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID, _("%s: is missing"), what);
  if (!isfinite (value))
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID,
                                bounds[bound].unit == UNIT_PERCENT ? _("%s: must be a finite percentage")
                                                                   : _("%s: must be a finite number"), what);
  if ((above_lo ? value > lo : value >= lo) && value <= bounds[bound].hi)
    return TRUE;

  shown = format_in_unit (bounds[bound].unit, value);
  low = g_strdup_printf ("%g", bounds[bound].unit == UNIT_PERCENT ? 100 * bounds[bound].lo : bounds[bound].lo);
  high = format_in_unit (bounds[bound].unit, bounds[bound].hi);
  return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID,
                              bounds[bound].above_lo ? _("%s: %s is out of range (more than %s, up to %s)")
                                                     : _("%s: %s is out of range (%s to %s)"),
                              what, shown, low, high);
}

/* An optional number: NAN is "not given" */
static gboolean
check_optional (double       value,
                Bound        bound,
                gboolean     loose,
                const char  *what,
                GError     **error)
{
  return isnan (value) || tandem_plan_check_bound (value, bound, loose, what, error);
}

/* The first stage the plan computes. */
guint
tandem_plan_first_stage_of (const TandemPlanInput *input)
{
  return input->mode == TANDEM_PLAN_FORWARD ? input->anchor_stage : 0;
}

/* Every number of @input within its bounds.  @complete: as a calculation
 * needs them, everything it uses given and above 0 where it must be;
 * otherwise (a plan read back) only what no plan can hold is refused, and
 * what is unused or not filled in yet may be missing or 0.               */
gboolean
tandem_plan_check_numbers (const TandemPlanInput  *input,
                           gboolean                complete,
                           GError                **error)
{
  gboolean from_revenue = input->mode == TANDEM_PLAN_FROM_REVENUE;
  guint first = tandem_plan_first_stage_of (input);
  const TandemPlanTeam *teams[] = { &input->sdr, &input->ae };
  const char *roles[] = { "SDR", "AE" };
  g_autofree char *anchor = g_strdup_printf (_("volume at %s"),
                                             input->stages[MIN (input->anchor_stage, input->n_stages - 1)]);

  /* The goal; a deal size is optional unless the goal is revenue */
  if (complete && from_revenue)
    {
      if (!tandem_plan_check_bound (input->revenue, BOUND_AMOUNT, FALSE, _("revenue goal"), error) ||
          !tandem_plan_check_bound (input->deal_size, BOUND_AMOUNT, FALSE, _("deal size"), error) ||
          !check_optional (input->anchor_volume, BOUND_VOLUME, TRUE, anchor, error))
        return FALSE;
    }
  else if (complete)
    {
      if (!tandem_plan_check_bound (input->anchor_volume, BOUND_VOLUME, FALSE, anchor, error) ||
          !check_optional (input->deal_size, BOUND_AMOUNT, FALSE, _("deal size"), error) ||
          !check_optional (input->revenue, BOUND_AMOUNT, TRUE, _("revenue goal"), error))
        return FALSE;
    }
  else if (!check_optional (input->revenue, BOUND_AMOUNT, TRUE, _("revenue goal"), error) ||
           !check_optional (input->deal_size, BOUND_AMOUNT, TRUE, _("deal size"), error) ||
           !check_optional (input->anchor_volume, BOUND_VOLUME, TRUE, anchor, error))
    return FALSE;

  for (guint i = 0; i + 1 < input->n_stages; i++)
    {
      g_autofree char *what = g_strdup_printf (_("rate %s→%s"), input->stages[i], input->stages[i + 1]);
      gboolean used = complete && i >= first;

      if (used && isnan (input->rates[i]))
        return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_MISSING_RATE, _("no rate from %s to %s"),
                                    input->stages[i], input->stages[i + 1]);
      if (!check_optional (input->rates[i], BOUND_RATE, !used, what, error))
        return FALSE;
    }

  if (!check_optional (input->win_rate, BOUND_RATE, !complete, _("win rate"), error) ||
      !check_optional (input->coverage, BOUND_COVERAGE, !complete, _("coverage"), error) ||
      !check_optional (input->pipeline, BOUND_PIPELINE, !complete, _("existing pipeline"), error) ||
      !check_optional (input->marketing_share, BOUND_SHARE, !complete, _("marketing share"), error))
    return FALSE;
  for (guint i = 0; i < input->n_stages; i++)
    {
      g_autofree char *what = g_strdup_printf (_("cost per %s"), input->stages[i]);

      if (!check_optional (input->cost_per[i], BOUND_COST, !complete, what, error))
        return FALSE;
    }
  for (guint i = 0; i + 1 < input->n_stages; i++)
    {
      g_autofree char *what = g_strdup_printf (_("lag %s→%s"), input->stages[i], input->stages[i + 1]);

      if (!tandem_plan_check_bound (input->lag_days[i], BOUND_LAG, !complete, what, error))
        return FALSE;
    }

  for (guint k = 0; k < G_N_ELEMENTS (teams); k++)
    {
      g_autofree char *heads = g_strdup_printf (_("%s headcount"), roles[k]);
      g_autofree char *per = g_strdup_printf (_("%s leads per month"), roles[k]);
      gboolean checked = complete && teams[k]->heads > 0;

      if (!tandem_plan_check_bound (teams[k]->heads, BOUND_HEADS, !complete, heads, error))
        return FALSE;
      if (checked && teams[k]->stage >= input->n_stages)
        return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_UNKNOWN_STAGE, _("%s: stage %u does not exist"),
                                    roles[k], teams[k]->stage + 1);
      if (!tandem_plan_check_bound (teams[k]->per_head_month, BOUND_PER_HEAD, !checked, per, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
tandem_plan_input_validate (const TandemPlanInput  *input,
                            GError                **error)
{
  g_return_val_if_fail (input != NULL, FALSE);

  if (input->n_stages < 2 || input->n_stages > TANDEM_PLAN_MAX_STAGES)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID, _("stages: a plan needs between 2 and %u stages, not %u"),
                                TANDEM_PLAN_MAX_STAGES, input->n_stages);
  if ((guint) input->mode > TANDEM_PLAN_FORWARD)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID, _("mode: unknown mode %d"), (int) input->mode);
  if ((guint) input->rounding > TANDEM_PLAN_ROUNDING_ROUND)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID, _("rounding: unknown rounding %d"), (int) input->rounding);
  if ((guint) input->period > TANDEM_PLAN_PERIOD_YEAR)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_INVALID, _("period: unknown period %d"), (int) input->period);
  if (input->mode != TANDEM_PLAN_FROM_REVENUE && input->anchor_stage >= input->n_stages)
    return tandem_plan_invalid (error, TANDEM_PLAN_ERROR_UNKNOWN_STAGE, _("target: stage %u does not exist"),
                                input->anchor_stage + 1);
  return tandem_plan_check_numbers (input, TRUE, error);
}
