/* tandem-plan-json.c — a plan's result as a JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tandem-cli plan --json` prints.  Every number goes through
 * tandem_json_add_number(), so that it reads back: an integer when whole,
 * null when not given or not finite.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tandem-json.h"
#include "tandem-plan.h"

/* null when not given */
static void
set_number (JsonBuilder *b,
            const char  *name,
            gboolean     has,
            double       value)
{
  tandem_json_set_number (b, name, has ? value : NAN);
}

static void
add_stages (JsonBuilder            *jb,
            const TandemPlanResult *result)
{
  json_builder_set_member_name (jb, "stages");
  json_builder_begin_array (jb);
  for (guint j = 0; j < result->n_stages; j++)
    {
      const TandemPlanStage *s = &result->stages[j];

      json_builder_begin_object (jb);
      tandem_json_set_string (jb, "name", s->name);
      tandem_json_set_number (jb, "exact", s->exact);
      tandem_json_set_number (jb, "volume", s->volume);
      tandem_json_set_number (jb, "unrounded", s->unrounded);
      set_number (jb, "rate", j + 1 < result->n_stages, s->rate);
      if (s->has_split)
        {
          tandem_json_set_number (jb, "marketing", s->marketing);
          tandem_json_set_number (jb, "other", s->other);
        }
      if (s->has_cost)
        tandem_json_set_number (jb, "cost", s->cost);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);

  json_builder_set_member_name (jb, "deals");
  json_builder_begin_object (jb);
  tandem_json_set_number (jb, "exact", result->deals_exact);
  tandem_json_set_number (jb, "volume", result->deals);
  json_builder_end_object (jb);
  set_number (jb, "revenue", result->has_revenue, result->revenue);
  set_number (jb, "revenue_goal", result->has_revenue, result->revenue_goal);
  set_number (jb, "deal_size", result->has_revenue, result->deal_size);
  tandem_json_set_number (jb, "overall_conversion", result->overall_conversion);
}

/* Coverage, cost, the marketing share and the range for deals */
static void
add_economics (JsonBuilder            *jb,
               const TandemPlanResult *result)
{
  json_builder_set_member_name (jb, "coverage");
  if (result->has_coverage)
    {
      json_builder_begin_object (jb);
      tandem_json_set_number (jb, "required", result->coverage.required);
      set_number (jb, "current", result->coverage.has_current, result->coverage.current);
      tandem_json_set_number (jb, "pipeline_needed", result->coverage.pipeline_needed);
      set_number (jb, "gap", result->coverage.has_current, result->coverage.gap);
      tandem_json_set_number (jb, "quota", result->coverage.quota);
      set_number (jb, "win_rate", result->coverage.win_rate > 0, result->coverage.win_rate);
      json_builder_end_object (jb);
    }
  else
    json_builder_add_null_value (jb);

  json_builder_set_member_name (jb, "cost");
  if (result->has_cost)
    {
      json_builder_begin_object (jb);
      tandem_json_set_number (jb, "budget", result->cost.budget);
      set_number (jb, "cac", result->cost.has_cac, result->cost.cac);
      set_number (jb, "roi", result->cost.has_roi, result->cost.roi);
      json_builder_end_object (jb);
    }
  else
    json_builder_add_null_value (jb);

  set_number (jb, "marketing_share", result->has_split, result->marketing_share);

  json_builder_set_member_name (jb, "deals_range");
  if (result->has_range)
    {
      json_builder_begin_object (jb);
      tandem_json_set_number (jb, "probability", 0.8);
      tandem_json_set_int (jb, "low", (gint64) result->range_lo);
      tandem_json_set_int (jb, "high", (gint64) result->range_hi);
      tandem_json_set_int (jb, "trials", (gint64) result->range_trials);
      tandem_json_set_number (jb, "p", result->range_p);
      json_builder_end_object (jb);
    }
  else
    json_builder_add_null_value (jb);
}

/* The schedule, capacity, warnings and sensitivity */
static void
add_operations (JsonBuilder            *jb,
                const TandemPlanResult *result)
{
  tandem_json_set_string (jb, "period", tandem_plan_period_to_string (result->period));
  json_builder_set_member_name (jb, "schedule");
  json_builder_begin_array (jb);
  for (guint k = 0; k < result->schedule->len; k++)
    {
      const TandemPlanMonth *month = &g_array_index (result->schedule, TandemPlanMonth, k);

      json_builder_begin_object (jb);
      tandem_json_set_int (jb, "month", month->month);
      json_builder_set_member_name (jb, "volumes");
      json_builder_begin_object (jb);
      for (guint j = 0; j < result->n_stages; j++)
        tandem_json_set_number (jb, result->stages[j].name, month->volumes[j]);
      json_builder_end_object (jb);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);

  json_builder_set_member_name (jb, "capacity");
  json_builder_begin_array (jb);
  for (guint k = 0; k < result->capacity->len; k++)
    {
      const TandemPlanCapacity *c = &g_array_index (result->capacity, TandemPlanCapacity, k);

      json_builder_begin_object (jb);
      tandem_json_set_string (jb, "role", c->role);
      tandem_json_set_string (jb, "stage", result->stages[c->stage].name);
      tandem_json_set_number (jb, "required_per_month", c->required_per_month);
      tandem_json_set_number (jb, "capacity_per_month", c->capacity_per_month);
      tandem_json_set_number (jb, "heads", c->heads);
      tandem_json_set_number (jb, "heads_needed", c->heads_needed);
      tandem_json_set_boolean (jb, "exceeded", c->exceeded);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
  tandem_json_set_strings (jb, "warnings", (const char *const *) result->warnings->pdata, result->warnings->len);

  json_builder_set_member_name (jb, "sensitivity");
  json_builder_begin_array (jb);
  for (guint k = 0; k < result->sensitivity->len; k++)
    {
      const TandemPlanSensitivity *s = &g_array_index (result->sensitivity, TandemPlanSensitivity, k);

      json_builder_begin_object (jb);
      tandem_json_set_string (jb, "input", s->label);
      tandem_json_set_number (jb, "deals_change", s->deals_change);
      set_number (jb, "revenue_change", result->has_revenue, s->revenue_change);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
}

JsonNode *
tandem_plan_result_to_json (const TandemPlanInput  *input,
                            const TandemPlanResult *result,
                            const char *const      *steps,
                            int                     solved_rate)
{
  g_autoptr(JsonBuilder) jb = json_builder_new ();
  g_autofree char *input_json = NULL;
  g_autoptr(JsonNode) input_node = NULL;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (steps != NULL, NULL);
  g_return_val_if_fail (solved_rate < 0 || (guint) solved_rate + 1 < input->n_stages, NULL);

  input_json = tandem_plan_input_to_json (input);
  input_node = tandem_json_parse (input_json, -1, _("The plan"), NULL);

  json_builder_begin_object (jb);
  if (input->currency[0] != '\0')
    tandem_json_set_string (jb, "currency", input->currency);
  tandem_json_set_string (jb, "rounding", tandem_plan_rounding_to_string (result->rounding));
  tandem_json_set_string (jb, "mode", result->mode == TANDEM_PLAN_FORWARD ? "forward"
                                      : result->mode == TANDEM_PLAN_FROM_TARGET ? "target" : "revenue");
  add_stages (jb, result);
  add_economics (jb, result);
  add_operations (jb, result);

  if (solved_rate >= 0)
    {
      json_builder_set_member_name (jb, "solve");
      json_builder_begin_object (jb);
      tandem_json_set_string (jb, "from", input->stages[solved_rate]);
      tandem_json_set_string (jb, "to", input->stages[solved_rate + 1]);
      tandem_json_set_number (jb, "rate", input->rates[solved_rate]);
      json_builder_end_object (jb);
    }

  tandem_json_set_strings (jb, "steps", (const char *const *) steps, -1);

  /* The input, as a saved scenario keeps it */
  json_builder_set_member_name (jb, "input");
  if (input_node != NULL)
    json_builder_add_value (jb, g_steal_pointer (&input_node));
  else
    json_builder_add_null_value (jb);

  json_builder_end_object (jb);
  return json_builder_get_root (jb);
}
