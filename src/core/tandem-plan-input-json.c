/* tandem-plan-input-json.c — a plan's input as JSON, read strictly and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-format.h"
#include "tandem-plan-private.h"
#include "tandem-json.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* ---- JSON ------------------------------------------------------------------
 *
 * { "stages": ["Inquiry", "MQL", "SAL", "SQL", "Won"],
 *   "rates": [0.1, 0.5, 0.6, null],          fractions; null: missing
 *   "mode": "revenue" | "target" | "forward",
 *   "revenue": 2000000, "deal_size": 75000,
 *   "anchor": {"stage": "SQL", "volume": 100},
 *   "rounding": "exact" | "ceil" | "round",
 *   "win_rate": 0.2, "coverage": 4, "pipeline": 3000000, "marketing_share": 0.6,
 *   "cost_per": {"Inquiry": 20},
 *   "period": "month" | "quarter" | "year",
 *   "lag_days": [0, 7, 14, 30],
 *   "sdr": {"stage": "MQL", "heads": 2, "per_head_month": 200}, "ae": {…},
 *   "currency": "EUR" }                      ISO 4217, the amounts'; absent: not said
 *
 * Every member is optional; absent numbers are "not given".  Reading checks
 * the shape (the message starts with the JSON path) and that every number
 * is within ±TANDEM_PLAN_MAX_AMOUNT; the calculation checks the values.
 * Saving a scenario refuses an input that would not read back.            */

static void
add_team (JsonBuilder           *builder,
          const char            *name,
          const TandemPlanInput *input,
          const TandemPlanTeam  *team)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, input->stages[MIN (team->stage, input->n_stages - 1)]);
  tandem_json_set_number (builder, "heads", team->heads);
  tandem_json_set_number (builder, "per_head_month", team->per_head_month);
  json_builder_end_object (builder);
}

char *
tandem_plan_input_to_json (const TandemPlanInput *input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  json_builder_begin_object (builder);
  tandem_json_set_strings (builder, "stages", (const char *const *) input->stages, input->n_stages);
  json_builder_set_member_name (builder, "rates");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < input->n_stages; i++)
    if (isfinite (input->rates[i]))
      tandem_json_add_number (builder, input->rates[i]);
    else
      json_builder_add_null_value (builder);
  json_builder_end_array (builder);
  tandem_json_set_string (builder, "mode", tandem_plan_mode_names[MIN ((guint) input->mode, 2u)]);
  tandem_json_set_number (builder, "revenue", input->revenue);
  tandem_json_set_number (builder, "deal_size", input->deal_size);
  json_builder_set_member_name (builder, "anchor");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, input->stages[MIN (input->anchor_stage, input->n_stages - 1)]);
  tandem_json_set_number (builder, "volume", input->anchor_volume);
  json_builder_end_object (builder);
  tandem_json_set_string (builder, "rounding", tandem_plan_rounding_to_string (input->rounding));
  tandem_json_set_number (builder, "win_rate", input->win_rate);
  tandem_json_set_number (builder, "coverage", input->coverage);
  tandem_json_set_number (builder, "pipeline", input->pipeline);
  tandem_json_set_number (builder, "marketing_share", input->marketing_share);
  json_builder_set_member_name (builder, "cost_per");
  json_builder_begin_object (builder);
  for (guint i = 0; i < input->n_stages; i++)
    if (isfinite (input->cost_per[i]))
      tandem_json_set_number (builder, input->stages[i], input->cost_per[i]);
  json_builder_end_object (builder);
  tandem_json_set_string (builder, "period", tandem_plan_period_to_string (input->period));
  json_builder_set_member_name (builder, "lag_days");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < input->n_stages; i++)
    tandem_json_add_number (builder, isfinite (input->lag_days[i]) ? input->lag_days[i] : 0);
  json_builder_end_array (builder);
  add_team (builder, "sdr", input, &input->sdr);
  add_team (builder, "ae", input, &input->ae);
  if (input->currency[0] != '\0')
    tandem_json_set_string (builder, "currency", input->currency);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return tandem_json_to_data (root, TRUE);
}

/* A number or null (NAN) at @path. */
static gboolean
read_number (JsonNode    *node,
             const char  *path,
             double      *out,
             GError     **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }
  if (!tandem_json_is_number (node))
    return tandem_json_invalid (error, path, _("must be a number or null"));
  /* Any number JSON reads back exactly; its bounds are the plan's (check_bound) */
  if (!tandem_json_read_number (node, path, -TANDEM_JSON_MAX_NUMBER, TANDEM_JSON_MAX_NUMBER, out, error))
    return FALSE;
  if (*out == 0)
    *out = 0;   /* not -0 */
  return TRUE;
}

static gboolean
read_member_number (JsonObject  *object,
                    const char  *prefix,
                    const char  *key,
                    double      *out,
                    GError     **error)
{
  g_autofree char *path = tandem_json_member_path (prefix, key);

  if (!json_object_has_member (object, key))
    return TRUE;
  return read_number (json_object_get_member (object, key), path, out, error);
}

static gboolean
read_name (JsonObject       *object,
           const char       *key,
           const char *const names[],
           guint             n_names,
           guint            *out,
           GError          **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (tandem_json_is_string (node))
    for (guint i = 0; i < n_names; i++)
      if (g_ascii_strcasecmp (json_node_get_string (node), names[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
  {
    g_autofree char *list = g_strjoinv (", ", (char **) names);
    return tandem_json_invalid (error, key, _("must be one of %s"), list);
  }
}

static gboolean
read_stage_ref (const TandemPlanInput  *input,
                JsonObject             *object,
                const char             *path,
                guint                  *out,
                GError                **error)
{
  JsonNode *node = json_object_get_member (object, "stage");
  g_autofree char *where = g_strdup_printf ("%s.stage", path);
  g_autoptr(GError) local = NULL;

  if (node == NULL)
    return TRUE;
  if (!tandem_json_is_string (node))
    return tandem_json_invalid (error, where, _("must be a stage name"));
  if (!tandem_plan_input_find_stage (input, json_node_get_string (node), out, &local))
    return tandem_json_invalid (error, where, "%s", local->message);
  return TRUE;
}

static gboolean
read_team (TandemPlanInput  *input,
           JsonObject       *root,
           const char       *key,
           TandemPlanTeam   *team,
           GError          **error)
{
  static const char *const keys[] = { "stage", "heads", "per_head_month", NULL };
  JsonNode *node = json_object_get_member (root, key);
  JsonObject *object;
  double heads = 0, per = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tandem_json_invalid (error, key, _("must be an object with stage, heads and per_head_month"));
  object = json_node_get_object (node);
  if (!tandem_json_check_keys (object, key, keys, error) ||
      !read_stage_ref (input, object, key, &team->stage, error) ||
      !read_member_number (object, key, "heads", &heads, error) ||
      !read_member_number (object, key, "per_head_month", &per, error))
    return FALSE;
  team->heads = isnan (heads) ? 0 : heads;
  team->per_head_month = isnan (per) ? 0 : per;
  return TRUE;
}

static gboolean
read_per_transition (JsonObject  *root,
                     const char  *key,
                     guint        n,
                     double      *out,
                     gboolean     null_is_zero,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (root, key);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (array = json_node_get_array (node)) != n)
    return tandem_json_invalid (error, key, _("must be a list of %u numbers, one per step between stages"), n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", key, i);

      if (!read_number (json_array_get_element (array, i), path, &out[i], error))
        return FALSE;
      if (null_is_zero && isnan (out[i]))
        out[i] = 0;
    }
  return TRUE;
}

static TandemPlanInput *
read_input (JsonNode  *node,
            GError   **error)
{
  static const char *const keys[] = {
    "stages", "rates", "mode", "revenue", "deal_size", "anchor", "rounding", "win_rate", "coverage",
    "pipeline", "marketing_share", "cost_per", "period", "lag_days", "sdr", "ae", "currency", NULL
  };
  static const char *const anchor_keys[] = { "stage", "volume", NULL };
  g_autoptr(TandemPlanInput) input = tandem_plan_input_new ();
  JsonObject *object;
  guint value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID,
                           _("The plan must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!tandem_json_check_keys (object, "", keys, error))
    return NULL;

  if ((node = json_object_get_member (object, "stages")) != NULL)
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;
      g_autoptr(GError) local = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return tandem_json_invalid (error, "stages", _("must be a list of stage names")), NULL;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!tandem_json_is_string (item))
            {
              g_autofree char *path = g_strdup_printf ("stages[%u]", i);
              return tandem_json_invalid (error, path, _("must be a stage name")), NULL;
            }
          g_strv_builder_add (names, json_node_get_string (item));
        }
      strv = g_strv_builder_end (names);
      if (!tandem_plan_input_set_stages (input, (const char *const *) strv, &local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }

  if (!read_per_transition (object, "rates", input->n_stages - 1, input->rates, FALSE, error) ||
      !read_per_transition (object, "lag_days", input->n_stages - 1, input->lag_days, TRUE, error))
    return NULL;

  value = input->mode;
  if (!read_name (object, "mode", tandem_plan_mode_names, G_N_ELEMENTS (tandem_plan_mode_names), &value, error))
    return NULL;
  input->mode = (TandemPlanMode) value;
  value = input->rounding;
  if (!read_name (object, "rounding", tandem_plan_rounding_names, G_N_ELEMENTS (tandem_plan_rounding_names), &value, error))
    return NULL;
  input->rounding = (TandemPlanRounding) value;
  value = input->period;
  if (!read_name (object, "period", tandem_plan_period_names, G_N_ELEMENTS (tandem_plan_period_names), &value, error))
    return NULL;
  input->period = (TandemPlanPeriod) value;

  if ((node = json_object_get_member (object, "currency")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!tandem_json_is_string (node) || !tandem_currency_is_known (json_node_get_string (node)))
        return tandem_json_invalid (error, "currency",
                                    _("must be an ISO 4217 currency code such as EUR or USD")), NULL;
      g_strlcpy (input->currency, json_node_get_string (node), sizeof input->currency);
    }

  if (!read_member_number (object, "", "revenue", &input->revenue, error) ||
      !read_member_number (object, "", "deal_size", &input->deal_size, error) ||
      !read_member_number (object, "", "win_rate", &input->win_rate, error) ||
      !read_member_number (object, "", "coverage", &input->coverage, error) ||
      !read_member_number (object, "", "pipeline", &input->pipeline, error) ||
      !read_member_number (object, "", "marketing_share", &input->marketing_share, error))
    return NULL;

  if ((node = json_object_get_member (object, "anchor")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *anchor;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return tandem_json_invalid (error, "anchor", _("must be an object with stage and volume")), NULL;
      anchor = json_node_get_object (node);
      if (!tandem_json_check_keys (anchor, "anchor", anchor_keys, error) ||
          !read_stage_ref (input, anchor, "anchor", &input->anchor_stage, error) ||
          !read_member_number (anchor, "anchor", "volume", &input->anchor_volume, error))
        return NULL;
    }

  if ((node = json_object_get_member (object, "cost_per")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GList) members = NULL;
      JsonObject *costs;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return tandem_json_invalid (error, "cost_per", _("must be an object from stage name to cost")), NULL;
      costs = json_node_get_object (node);
      members = json_object_get_members (costs);
      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *path = g_strdup_printf ("cost_per.%s", (const char *) l->data);
          g_autoptr(GError) local = NULL;
          guint stage;

          if (!tandem_plan_input_find_stage (input, l->data, &stage, &local))
            return tandem_json_invalid (error, path, "%s", local->message), NULL;
          if (!read_number (json_object_get_member (costs, l->data), path, &input->cost_per[stage], error))
            return NULL;
        }
    }

  if (!read_team (input, object, "sdr", &input->sdr, error) ||
      !read_team (input, object, "ae", &input->ae, error) ||
      !tandem_plan_check_numbers (input, FALSE, error))
    return NULL;

  return g_steal_pointer (&input);
}

TandemPlanInput *
tandem_plan_input_new_from_json (const char  *json,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TandemPlanInput *input;

  g_return_val_if_fail (json != NULL, NULL);

  input = tandem_json_read (json, length, _("The plan"), (TandemJsonReadFunc) read_input, &local_error);
  if (input != NULL)
    return input;
  /* The shared JSON readers speak TANDEM_JSON_ERROR; a plan's errors are its own. */
  if (local_error->domain == TANDEM_JSON_ERROR)
    g_set_error_literal (error, TANDEM_PLAN_ERROR,
                         tandem_json_error_is_syntax (local_error) ? TANDEM_PLAN_ERROR_SYNTAX : TANDEM_PLAN_ERROR_INVALID,
                         local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
