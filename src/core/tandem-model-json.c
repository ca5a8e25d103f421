/* tandem-model-json.c — a model's and a rule's JSON form, read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is strict: an unknown key, operator or cell, a value of the
 * wrong kind or thresholds out of order is refused with a message that
 * starts with the JSON path of the mistake, e.g.
 *   fit.rules[3].op: unknown operator "contain"
 */

#include "config.h"

#include "tandem-model-private.h"
#include "tandem-csv.h"
#include "tandem-file.h"
#include "tandem-json.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* ---- Reading JSON --------------------------------------------------------- */

/* An optional true/false member; *out keeps its value when it is absent. */
static gboolean
get_boolean (JsonObject  *object,
             const char  *path,
             const char  *key,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!tandem_json_is_boolean (node))
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, key);
      return tandem_model_invalid (error, where, _("must be true or false, not %s"), tandem_json_node_kind (node));
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A string, a number or a boolean as text; a list of them when allowed. */
static gboolean
read_texts (JsonNode    *node,
            const char  *where,
            gboolean     allow_list,
            GStrv       *out,
            gboolean    *out_is_list,
            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  *out_is_list = FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (!allow_list)
        return tandem_model_invalid (error, where, _("must be one value, not a list"));
      if (json_array_get_length (array) == 0)
        return tandem_model_invalid (error, where, _("must not be an empty list"));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);
          if (!tandem_json_is_string (item))
            return tandem_model_invalid (error, item_where, _("must be a string, not %s"), tandem_json_node_kind (item));
          g_strv_builder_add (builder, json_node_get_string (item));
        }
      *out_is_list = TRUE;
    }
  else if (tandem_json_is_string (node))
    g_strv_builder_add (builder, json_node_get_string (node));
  else
    return tandem_model_invalid (error, where, _("must be a string%s, not %s"),
                                 allow_list ? _(" or a list of strings") : "", tandem_json_node_kind (node));

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* A number, or an ISO date kept as text (for date columns). */
static gboolean
read_bound (JsonNode    *node,
            const char  *where,
            double      *out_number,
            char       **out_date,
            GError     **error)
{
  if (tandem_json_is_number (node))
    return tandem_json_read_number (node, where, -TANDEM_MODEL_MAX_VALUE, TANDEM_MODEL_MAX_VALUE, out_number, error);
  if (tandem_json_is_string (node) && tandem_parse_date (json_node_get_string (node), out_date))
    return TRUE;
  return tandem_model_invalid (error, where, _("must be a number or a date (YYYY-MM-DD), not %s"), tandem_json_node_kind (node));
}

static gboolean
read_field_value (TandemRule  *rule,
                  JsonObject  *object,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.value", path);
  JsonNode *value = json_object_get_member (object, "value");
  gboolean has_value = value != NULL && !JSON_NODE_HOLDS_NULL (value);

  switch (rule->op)
    {
    case TANDEM_OP_EMPTY:
    case TANDEM_OP_NOT_EMPTY:
    case TANDEM_OP_TIMES:
      if (has_value)
        return tandem_model_invalid (error, where, _("“%s” takes no value"), tandem_rule_op_names[rule->op]);
      return TRUE;

    default:
      if (!has_value)
        return tandem_model_invalid (error, where, _("is missing; “%s” needs a value"), tandem_rule_op_names[rule->op]);
      break;
    }

  switch (rule->op)
    {
    case TANDEM_OP_EQUALS:
    case TANDEM_OP_NOT_EQUALS:
      /* A text, a number or a yes/no; kept as text, and as a number too. */
      if (tandem_json_is_number (value))
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          if (!tandem_json_read_number (value, where, -TANDEM_MODEL_MAX_VALUE, TANDEM_MODEL_MAX_VALUE,
                                        &rule->numbers[0], error))
            return FALSE;
          rule->n_numbers = 1;
          rule->texts = g_new0 (char *, 2);
          rule->texts[0] = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", rule->numbers[0]));
          return TRUE;
        }
      if (tandem_json_is_boolean (value))
        {
          rule->texts = g_new0 (char *, 2);
          rule->texts[0] = g_strdup (json_node_get_boolean (value) ? "yes" : "no");
          return TRUE;
        }
      return read_texts (value, where, FALSE, &rule->texts, &rule->value_is_list, error);

    case TANDEM_OP_IN:
    case TANDEM_OP_NOT_IN:
    case TANDEM_OP_CONTAINS:
    case TANDEM_OP_STARTS_WITH:
    case TANDEM_OP_ENDS_WITH:
      return read_texts (value, where, TRUE, &rule->texts, &rule->value_is_list, error);

    case TANDEM_OP_MATCHES:
      {
        g_autoptr(GError) regex_error = NULL;
        g_autoptr(GRegex) regex = NULL;

        if (!read_texts (value, where, FALSE, &rule->texts, &rule->value_is_list, error))
          return FALSE;
        regex = g_regex_new (rule->texts[0], rule->case_sensitive ? 0 : G_REGEX_CASELESS, 0, &regex_error);
        if (regex == NULL)
          return tandem_model_invalid (error, where, _("the regular expression does not compile: %s"), regex_error->message);
        return TRUE;
      }

    case TANDEM_OP_LT:
    case TANDEM_OP_LE:
    case TANDEM_OP_GT:
    case TANDEM_OP_GE:
      {
        g_autofree char *date = NULL;
        if (!read_bound (value, where, &rule->numbers[0], &date, error))
          return FALSE;
        rule->n_numbers = date ? 0 : 1;
        if (date)
          {
            rule->texts = g_new0 (char *, 2);
            rule->texts[0] = g_steal_pointer (&date);
          }
        return TRUE;
      }

    case TANDEM_OP_BETWEEN:
      {
        JsonArray *array;
        g_autofree char *lo_date = NULL;
        g_autofree char *hi_date = NULL;
        g_autofree char *lo_where = g_strdup_printf ("%s[0]", where);
        g_autofree char *hi_where = g_strdup_printf ("%s[1]", where);

        if (!JSON_NODE_HOLDS_ARRAY (value) || json_array_get_length (array = json_node_get_array (value)) != 2)
          return tandem_model_invalid (error, where, _("must be a list of two values, [low, high]"));
        if (!read_bound (json_array_get_element (array, 0), lo_where, &rule->numbers[0], &lo_date, error) ||
            !read_bound (json_array_get_element (array, 1), hi_where, &rule->numbers[1], &hi_date, error))
          return FALSE;
        if ((lo_date == NULL) != (hi_date == NULL))
          return tandem_model_invalid (error, where, _("must be two numbers or two dates"));
        if (lo_date)
          {
            if (strcmp (lo_date, hi_date) > 0)
              return tandem_model_invalid (error, where, _("the low end is after the high end"));
            rule->texts = g_new0 (char *, 3);
            rule->texts[0] = g_steal_pointer (&lo_date);
            rule->texts[1] = g_steal_pointer (&hi_date);
          }
        else
          {
            if (rule->numbers[0] > rule->numbers[1])
              return tandem_model_invalid (error, where, _("the low end is above the high end"));
            rule->n_numbers = 2;
          }
        rule->value_is_list = TRUE;
        return TRUE;
      }

    case TANDEM_OP_WITHIN_DAYS:
      if (!tandem_json_is_number (value) || json_node_get_double (value) < 0)
        return tandem_model_invalid (error, where, _("must be a number of days, 0 or more"));
      if (!tandem_json_read_number (value, where, 0, TANDEM_MODEL_MAX_DAYS, &rule->numbers[0], error))
        return FALSE;
      rule->n_numbers = 1;
      return TRUE;

    case TANDEM_OP_EMPTY:
    case TANDEM_OP_NOT_EMPTY:
    case TANDEM_OP_TIMES:
    case TANDEM_N_OPS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

TandemRule *
tandem_rule_read_json (JsonNode    *node,
                       const char  *path,
                       GError     **error)
{
  static const char *const field_keys[] = {
    "field", "op", "value", "points", "max", "label", "case_sensitive", "enabled", NULL
  };
  static const char *const event_keys[] = {
    "event", "points", "max", "within_days", "half_life_days", "label", "enabled", NULL
  };
  g_autoptr(TandemRule) rule = g_new0 (TandemRule, 1);
  JsonObject *object;
  JsonNode *member;
  gboolean is_event;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      tandem_model_invalid (error, path, _("a rule must be an object, not %s"), tandem_json_node_kind (node));
      return NULL;
    }
  object = json_node_get_object (node);
  is_event = json_object_has_member (object, "event");

  if (is_event && json_object_has_member (object, "field"))
    {
      tandem_model_invalid (error, path, _("a rule has either a \"field\" or an \"event\", not both"));
      return NULL;
    }
  if (!is_event && !json_object_has_member (object, "field"))
    {
      tandem_model_invalid (error, path, _("a rule needs a \"field\" or an \"event\""));
      return NULL;
    }
  if (!tandem_json_check_keys (object, path, is_event ? event_keys : field_keys, error))
    return NULL;

  member = json_object_get_member (object, is_event ? "event" : "field");
  if (!tandem_json_is_string (member) || json_node_get_string (member)[0] == '\0')
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, is_event ? "event" : "field");
      tandem_model_invalid (error, where, _("must be a name, not %s"), tandem_json_node_kind (member));
      return NULL;
    }
  if (is_event)
    rule->event = g_strdup (json_node_get_string (member));
  else
    rule->field = g_strdup (json_node_get_string (member));

  if (!tandem_json_get_number (object, path, "points", -TANDEM_MODEL_MAX_POINTS, TANDEM_MODEL_MAX_POINTS,
                               TRUE, NULL, &rule->points, error) ||
      !tandem_json_get_number (object, path, "max", -TANDEM_MODEL_MAX_POINTS, TANDEM_MODEL_MAX_POINTS,
                               FALSE, &rule->has_max, &rule->max, error))
    return NULL;
  if (rule->has_max && rule->max < 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.max", path);
      tandem_model_invalid (error, where, _("must be 0 or more (it limits the rule's points either way)"));
      return NULL;
    }

  rule->enabled = TRUE;
  if (!get_boolean (object, path, "enabled", &rule->enabled, error))
    return NULL;

  if ((member = json_object_get_member (object, "label")) != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autofree char *where = g_strdup_printf ("%s.label", path);
      if (!tandem_json_is_string (member))
        {
          tandem_model_invalid (error, where, _("must be a string, not %s"), tandem_json_node_kind (member));
          return NULL;
        }
      rule->label = g_strdup (json_node_get_string (member));
    }

  if (is_event)
    {
      if (!tandem_json_get_number (object, path, "within_days", -TANDEM_MODEL_MAX_DAYS, TANDEM_MODEL_MAX_DAYS,
                                   FALSE, &rule->has_within_days, &rule->within_days, error) ||
          !tandem_json_get_number (object, path, "half_life_days", -TANDEM_MODEL_MAX_DAYS, TANDEM_MODEL_MAX_DAYS,
                                   FALSE, &rule->has_half_life, &rule->half_life_days, error))
        return NULL;
      if (rule->has_within_days && rule->within_days < 0)
        {
          g_autofree char *where = g_strdup_printf ("%s.within_days", path);
          tandem_model_invalid (error, where, _("must be 0 or more"));
          return NULL;
        }
      if (rule->has_half_life && rule->half_life_days <= 0)
        {
          g_autofree char *where = g_strdup_printf ("%s.half_life_days", path);
          tandem_model_invalid (error, where, _("must be more than 0"));
          return NULL;
        }
      return g_steal_pointer (&rule);
    }

  if (!get_boolean (object, path, "case_sensitive", &rule->case_sensitive, error))
    return NULL;

  member = json_object_get_member (object, "op");
  {
    g_autofree char *where = g_strdup_printf ("%s.op", path);
    if (member == NULL)
      {
        tandem_model_invalid (error, where, _("is missing"));
        return NULL;
      }
    if (!tandem_json_is_string (member))
      {
        tandem_model_invalid (error, where, _("must be an operator name, not %s"), tandem_json_node_kind (member));
        return NULL;
      }
    if (!tandem_rule_op_from_string (json_node_get_string (member), &rule->op))
      {
        tandem_model_invalid (error, where, _("unknown operator \"%s\""), json_node_get_string (member));
        return NULL;
      }
  }

  if (!read_field_value (rule, object, path, error))
    return NULL;

  return g_steal_pointer (&rule);
}

static gboolean
read_dimension (TandemModel     *self,
                TandemDimension  d,
                JsonObject      *root,
                GError         **error)
{
  static const char *const keys[] = { "floor", "cap", "bands", "rules", NULL };
  const char *path = tandem_model_dimension_keys[d];
  TandemDimensionSpec *spec = &self->dims[d];
  JsonNode *node = json_object_get_member (root, path);
  JsonObject *object;
  JsonArray *bands;
  JsonNode *member;

  if (node == NULL)
    return tandem_model_invalid (error, path, _("is missing"));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return tandem_model_invalid (error, path, _("must be an object, not %s"), tandem_json_node_kind (node));
  object = json_node_get_object (node);
  if (!tandem_json_check_keys (object, path, keys, error))
    return FALSE;

  if (!tandem_json_get_number (object, path, "floor", -TANDEM_MODEL_MAX_SCORE, TANDEM_MODEL_MAX_SCORE,
                               FALSE, &spec->has_floor, &spec->floor, error) ||
      !tandem_json_get_number (object, path, "cap", -TANDEM_MODEL_MAX_SCORE, TANDEM_MODEL_MAX_SCORE,
                               FALSE, &spec->has_cap, &spec->cap, error))
    return FALSE;
  if (spec->has_floor && spec->has_cap && spec->floor > spec->cap)
    {
      g_autofree char *where = g_strdup_printf ("%s.floor", path);
      return tandem_model_invalid (error, where, _("the floor (%g) is above the cap (%g)"), spec->floor, spec->cap);
    }

  member = json_object_get_member (object, "bands");
  {
    g_autofree char *where = g_strdup_printf ("%s.bands", path);
    guint n;

    if (member == NULL)
      return tandem_model_invalid (error, where, _("is missing"));
    if (!JSON_NODE_HOLDS_ARRAY (member))
      return tandem_model_invalid (error, where, _("must be a list of thresholds, not %s"), tandem_json_node_kind (member));
    bands = json_node_get_array (member);
    n = json_array_get_length (bands);
    if (n < 1 || n > TANDEM_MAX_THRESHOLDS)
      return tandem_model_invalid (error, where, _("must have 1 to %d thresholds, not %u"), TANDEM_MAX_THRESHOLDS, n);
    for (guint i = 0; i < n; i++)
      {
        JsonNode *item = json_array_get_element (bands, i);
        g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);

        if (!tandem_json_read_number (item, item_where, -TANDEM_MODEL_MAX_SCORE, TANDEM_MODEL_MAX_SCORE,
                                      &spec->thresholds[i], error))
          return FALSE;
        if (i > 0 && spec->thresholds[i] >= spec->thresholds[i - 1])
          return tandem_model_invalid (error, item_where, _("thresholds must be descending (%g is not below %g)"),
                                       spec->thresholds[i], spec->thresholds[i - 1]);
      }
    spec->n_thresholds = n;
  }

  member = json_object_get_member (object, "rules");
  if (member != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s.rules", path);
      JsonArray *rules;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        return tandem_model_invalid (error, where, _("must be a list of rules, not %s"), tandem_json_node_kind (member));
      rules = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (rules); i++)
        {
          g_autofree char *rule_path = g_strdup_printf ("%s[%u]", where, i);
          TandemRule *rule = tandem_rule_read_json (json_array_get_element (rules, i), rule_path, error);
          if (rule == NULL)
            return FALSE;
          g_ptr_array_add (spec->rules, rule);
        }
    }
  return TRUE;
}

static gboolean
read_mql (TandemModel  *self,
          JsonObject   *root,
          GError      **error)
{
  JsonNode *node = json_object_get_member (root, "mql");
  JsonArray *cells;
  guint n_fit = tandem_model_get_n_bands (self, TANDEM_DIMENSION_FIT);
  guint n_interest = tandem_model_get_n_bands (self, TANDEM_DIMENSION_INTEREST);

  if (node == NULL)
    return tandem_model_invalid (error, "mql", _("is missing"));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return tandem_model_invalid (error, "mql", _("must be a list of cells such as \"A1\", not %s"), tandem_json_node_kind (node));

  cells = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonNode *item = json_array_get_element (cells, i);
      g_autofree char *where = g_strdup_printf ("mql[%u]", i);
      const char *cell;
      guint fit, interest;

      if (!tandem_json_is_string (item))
        return tandem_model_invalid (error, where, _("must be a cell such as \"A1\", not %s"), tandem_json_node_kind (item));
      cell = json_node_get_string (item);
      if (strlen (cell) != 2 || !g_ascii_isupper (cell[0]) || !g_ascii_isdigit (cell[1]) || cell[1] == '0')
        return tandem_model_invalid (error, where, _("\"%s\" is not a cell such as \"A1\""), cell);
      fit = cell[0] - 'A';
      interest = cell[1] - '1';
      if (fit >= n_fit || interest >= n_interest)
        return tandem_model_invalid (error, where, _("cell \"%s\" is outside the %c%u grid (A–%c × 1–%u)"),
                                     cell, 'A' + n_fit - 1, n_interest, 'A' + n_fit - 1, n_interest);
      tandem_model_set_mql_cell (self, fit, interest, TRUE);
    }
  return TRUE;
}

/* The shared JSON readers speak TANDEM_JSON_ERROR; a model's errors are its own. */
static void
propagate_model_error (GError **error,
                       GError  *local)
{
  g_set_error_literal (error, TANDEM_MODEL_ERROR,
                       tandem_json_error_is_syntax (local) ? TANDEM_MODEL_ERROR_SYNTAX : TANDEM_MODEL_ERROR_INVALID,
                       local->message);
}

static TandemModel *
read_model (JsonNode  *root,
            GError   **error)
{
  static const char *const keys[] = { "name", "description", "fit", "interest", "mql", NULL };
  g_autoptr(TandemModel) self = NULL;
  g_autofree char *trimmed_name = NULL;
  JsonObject *object;
  JsonNode *name;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID,
                   _("The model must be a JSON object with name, fit, interest and mql"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (!tandem_json_check_keys (object, "", keys, error))
    return NULL;

  name = json_object_get_member (object, "name");
  if (name != NULL && tandem_json_is_string (name))
    trimmed_name = g_strstrip (g_strdup (json_node_get_string (name)));
  if (trimmed_name == NULL || trimmed_name[0] == '\0')
    {
      tandem_model_invalid (error, "name", name == NULL ? _("is missing") : _("must be a non-empty string"));
      return NULL;
    }

  self = tandem_model_new (trimmed_name);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    if (!read_dimension (self, d, object, error))
      return NULL;
  if (!read_mql (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

TandemModel *
tandem_model_new_from_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TandemModel *model;

  g_return_val_if_fail (json != NULL, NULL);

  model = tandem_json_read (json, length, _("The model"), (TandemJsonReadFunc) read_model, &local_error);
  if (model == NULL)
    propagate_model_error (error, local_error);
  return model;
}

TandemModel *
tandem_model_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  TandemModel *model;

  if (!tandem_file_get_contents_bounded (path, TANDEM_JSON_MAX_SIZE, &contents, &length, error))
    return NULL;
  model = tandem_model_new_from_json (contents, (gssize) length, &local_error);
  if (model == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
    }
  return model;
}

/* ---- Writing JSON --------------------------------------------------------- */

static void
add_value (JsonBuilder *builder,
           double       number,
           const char  *date)
{
  if (date)
    json_builder_add_string_value (builder, date);
  else
    tandem_json_add_number (builder, number);
}

void
tandem_rule_write_json (JsonBuilder      *builder,
                        const TandemRule *rule)
{
  json_builder_begin_object (builder);

  if (rule->event != NULL)
      tandem_json_set_string (builder, "event", rule->event);
  else
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, rule->field);
      tandem_json_set_string (builder, "op", tandem_rule_op_names[rule->op]);

      switch (rule->op)
        {
        case TANDEM_OP_EMPTY:
        case TANDEM_OP_NOT_EMPTY:
        case TANDEM_OP_TIMES:
          break;
        case TANDEM_OP_EQUALS:
        case TANDEM_OP_NOT_EQUALS:
          json_builder_set_member_name (builder, "value");
          if (rule->n_numbers == 1)
            add_value (builder, rule->numbers[0], NULL);
          else
            json_builder_add_string_value (builder, rule->texts[0]);
          break;
        case TANDEM_OP_LT:
        case TANDEM_OP_LE:
        case TANDEM_OP_GT:
        case TANDEM_OP_GE:
        case TANDEM_OP_WITHIN_DAYS:
          json_builder_set_member_name (builder, "value");
          add_value (builder, rule->numbers[0], rule->n_numbers ? NULL : rule->texts[0]);
          break;
        case TANDEM_OP_BETWEEN:
          json_builder_set_member_name (builder, "value");
          json_builder_begin_array (builder);
          add_value (builder, rule->numbers[0], rule->n_numbers ? NULL : rule->texts[0]);
          add_value (builder, rule->numbers[1], rule->n_numbers ? NULL : rule->texts[1]);
          json_builder_end_array (builder);
          break;
        default:
          /* The text operators (in, contains, matches…): one string or a list */
          json_builder_set_member_name (builder, "value");
          if (rule->value_is_list)
            {
              json_builder_begin_array (builder);
              for (guint i = 0; rule->texts[i]; i++)
                json_builder_add_string_value (builder, rule->texts[i]);
              json_builder_end_array (builder);
            }
          else
            json_builder_add_string_value (builder, rule->texts[0]);
          break;
        }
    }

  tandem_json_set_number (builder, "points", rule->points);
  if (rule->has_max)
    tandem_json_set_number (builder, "max", rule->max);
  if (rule->has_within_days)
    tandem_json_set_number (builder, "within_days", rule->within_days);
  if (rule->has_half_life)
    tandem_json_set_number (builder, "half_life_days", rule->half_life_days);
  if (rule->label != NULL)
    tandem_json_set_string (builder, "label", rule->label);
  if (rule->field && rule->case_sensitive)
    {
      tandem_json_set_boolean (builder, "case_sensitive", TRUE);
    }
  if (!rule->enabled)
    {
      tandem_json_set_boolean (builder, "enabled", FALSE);
    }
  json_builder_end_object (builder);
}

char *
tandem_model_to_json (const TandemModel *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      const TandemDimensionSpec *spec = &self->dims[d];

      json_builder_set_member_name (builder, tandem_model_dimension_keys[d]);
      json_builder_begin_object (builder);
      if (spec->has_floor)
        tandem_json_set_number (builder, "floor", spec->floor);
      if (spec->has_cap)
        tandem_json_set_number (builder, "cap", spec->cap);
      json_builder_set_member_name (builder, "bands");
      json_builder_begin_array (builder);
      for (guint i = 0; i < spec->n_thresholds; i++)
        add_value (builder, spec->thresholds[i], NULL);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rules");
      json_builder_begin_array (builder);
      for (guint i = 0; i < spec->rules->len; i++)
        tandem_rule_write_json (builder, g_ptr_array_index (spec->rules, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "mql");
  json_builder_begin_array (builder);
  for (guint f = 0; f < tandem_model_get_n_bands (self, TANDEM_DIMENSION_FIT); f++)
    for (guint i = 0; i < tandem_model_get_n_bands (self, TANDEM_DIMENSION_INTEREST); i++)
      if (tandem_model_is_mql_cell (self, f, i))
        {
          g_autofree char *cell = tandem_model_cell_name (f, i);
          json_builder_add_string_value (builder, cell);
        }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return tandem_json_to_data (root, TRUE);
}

TandemRule *
tandem_rule_new_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  TandemRule *rule = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  root = tandem_json_parse (json, -1, _("The rule"), &local_error);
  if (root != NULL)
    rule = tandem_rule_read_json (root, "rule", &local_error);
  if (rule == NULL)
    g_set_error_literal (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID, local_error->message);
  return rule;
}

char *
tandem_rule_to_json (const TandemRule *rule)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  tandem_rule_write_json (builder, rule);
  root = json_builder_get_root (builder);
  return tandem_json_to_data (root, FALSE);
}
