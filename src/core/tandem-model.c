/* tandem-model.c — a two-dimensional lead-scoring model and its JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is strict: an unknown key, operator or cell, a value of the
 * wrong kind or thresholds out of order is refused with a message that
 * starts with the JSON path of the mistake, e.g.
 *   fit.rules[3].op: unknown operator "contain"
 */

#include "config.h"

#include "tandem-model.h"
#include "tandem-csv.h"
#include "tandem-file.h"
#include "tandem-json.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (tandem-model-error-quark, tandem_model_error)

struct _TandemModel
{
  gatomicrefcount      ref_count;
  char                *name;
  TandemDimensionSpec  dims[TANDEM_N_DIMENSIONS];
  guint64              mql;   /* bit fit_band * TANDEM_MAX_BANDS + interest_band */
};

G_DEFINE_BOXED_TYPE (TandemModel, tandem_model, tandem_model_ref, tandem_model_unref)

static const char *const op_names[TANDEM_N_OPS] = {
  "equals", "not-equals", "in", "not-in", "contains", "starts-with", "ends-with", "matches",
  "empty", "not-empty", "<", "<=", ">", ">=", "between", "within-days", "times",
};

static const char *const dimension_keys[TANDEM_N_DIMENSIONS] = { "fit", "interest" };

const char *
tandem_rule_op_to_string (TandemRuleOp op)
{
  g_return_val_if_fail ((guint) op < TANDEM_N_OPS, "equals");
  return op_names[op];
}

gboolean
tandem_rule_op_from_string (const char   *str,
                            TandemRuleOp *out_op)
{
  for (guint i = 0; i < TANDEM_N_OPS; i++)
    if (g_strcmp0 (str, op_names[i]) == 0)
      {
        *out_op = (TandemRuleOp) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Rules ---------------------------------------------------------------- */

TandemRule *
tandem_rule_copy (const TandemRule *rule)
{
  TandemRule *copy = g_new0 (TandemRule, 1);

  *copy = *rule;
  copy->field = g_strdup (rule->field);
  copy->event = g_strdup (rule->event);
  copy->texts = g_strdupv (rule->texts);
  copy->label = g_strdup (rule->label);
  return copy;
}

void
tandem_rule_free (TandemRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->field);
  g_free (rule->event);
  g_strfreev (rule->texts);
  g_free (rule->label);
  g_free (rule);
}

/* ---- Model -------------------------------------------------------------- */

TandemModel *
tandem_model_new (const char *name)
{
  TandemModel *self = g_new0 (TandemModel, 1);
  static const double defaults[TANDEM_N_DIMENSIONS][3] = { { 60, 40, 20 }, { 50, 25, 10 } };

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name ? name : _("Untitled model"));
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      self->dims[d].rules = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_rule_free);
      self->dims[d].n_thresholds = 3;
      memcpy (self->dims[d].thresholds, defaults[d], sizeof defaults[d]);
    }
  return self;
}

TandemModel *
tandem_model_ref (TandemModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tandem_model_unref (TandemModel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_ptr_array_unref (self->dims[d].rules);
  g_free (self->name);
  g_free (self);
}

TandemModel *
tandem_model_copy (const TandemModel *self)
{
  TandemModel *copy = tandem_model_new (self->name);

  copy->mql = self->mql;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = copy->dims[d].rules;
      copy->dims[d] = self->dims[d];
      copy->dims[d].rules = rules;
      for (guint i = 0; i < self->dims[d].rules->len; i++)
        g_ptr_array_add (rules, tandem_rule_copy (g_ptr_array_index (self->dims[d].rules, i)));
    }
  return copy;
}

const char *
tandem_model_get_name (const TandemModel *self)
{
  return self->name;
}

void
tandem_model_set_name (TandemModel *self,
                       const char  *name)
{
  g_return_if_fail (name != NULL);
  g_free (self->name);
  self->name = g_strdup (name);
}

TandemDimensionSpec *
tandem_model_get_dimension (TandemModel     *self,
                            TandemDimension  dimension)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, NULL);
  return &self->dims[dimension];
}

guint
tandem_model_get_n_bands (const TandemModel *self,
                          TandemDimension    dimension)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, 0);
  return self->dims[dimension].n_thresholds + 1;
}

guint
tandem_model_band_of (const TandemModel *self,
                      TandemDimension    dimension,
                      double             score)
{
  const TandemDimensionSpec *spec = &self->dims[dimension];
  guint band = 0;

  while (band < spec->n_thresholds && score < spec->thresholds[band])
    band++;
  return band;
}

gboolean
tandem_model_is_mql_cell (const TandemModel *self,
                          guint              fit_band,
                          guint              interest_band)
{
  g_return_val_if_fail (fit_band < TANDEM_MAX_BANDS && interest_band < TANDEM_MAX_BANDS, FALSE);
  return (self->mql >> (fit_band * TANDEM_MAX_BANDS + interest_band)) & 1;
}

void
tandem_model_set_mql_cell (TandemModel *self,
                           guint        fit_band,
                           guint        interest_band,
                           gboolean     mql)
{
  guint64 bit;

  g_return_if_fail (fit_band < TANDEM_MAX_BANDS && interest_band < TANDEM_MAX_BANDS);
  bit = G_GUINT64_CONSTANT (1) << (fit_band * TANDEM_MAX_BANDS + interest_band);
  if (mql)
    self->mql |= bit;
  else
    self->mql &= ~bit;
}

char *
tandem_model_cell_name (guint fit_band,
                        guint interest_band)
{
  return g_strdup_printf ("%c%u", 'A' + fit_band, interest_band + 1);
}

/* ---- Reading JSON --------------------------------------------------------- */

G_GNUC_PRINTF (3, 4)
static gboolean
invalid (GError    **error,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

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
      return invalid (error, where, _("must be true or false, not %s"), tandem_json_node_kind (node));
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
        return invalid (error, where, _("must be one value, not a list"));
      if (json_array_get_length (array) == 0)
        return invalid (error, where, _("must not be an empty list"));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);
          if (!tandem_json_is_string (item))
            return invalid (error, item_where, _("must be a string, not %s"), tandem_json_node_kind (item));
          g_strv_builder_add (builder, json_node_get_string (item));
        }
      *out_is_list = TRUE;
    }
  else if (tandem_json_is_string (node))
    g_strv_builder_add (builder, json_node_get_string (node));
  else
    return invalid (error, where, _("must be a string%s, not %s"),
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
  return invalid (error, where, _("must be a number or a date (YYYY-MM-DD), not %s"), tandem_json_node_kind (node));
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
        return invalid (error, where, _("“%s” takes no value"), op_names[rule->op]);
      return TRUE;

    default:
      if (!has_value)
        return invalid (error, where, _("is missing; “%s” needs a value"), op_names[rule->op]);
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
          return invalid (error, where, _("the regular expression does not compile: %s"), regex_error->message);
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
          return invalid (error, where, _("must be a list of two values, [low, high]"));
        if (!read_bound (json_array_get_element (array, 0), lo_where, &rule->numbers[0], &lo_date, error) ||
            !read_bound (json_array_get_element (array, 1), hi_where, &rule->numbers[1], &hi_date, error))
          return FALSE;
        if ((lo_date == NULL) != (hi_date == NULL))
          return invalid (error, where, _("must be two numbers or two dates"));
        if (lo_date)
          {
            if (strcmp (lo_date, hi_date) > 0)
              return invalid (error, where, _("the low end is after the high end"));
            rule->texts = g_new0 (char *, 3);
            rule->texts[0] = g_steal_pointer (&lo_date);
            rule->texts[1] = g_steal_pointer (&hi_date);
          }
        else
          {
            if (rule->numbers[0] > rule->numbers[1])
              return invalid (error, where, _("the low end is above the high end"));
            rule->n_numbers = 2;
          }
        rule->value_is_list = TRUE;
        return TRUE;
      }

    case TANDEM_OP_WITHIN_DAYS:
      if (!tandem_json_is_number (value) || json_node_get_double (value) < 0)
        return invalid (error, where, _("must be a number of days, 0 or more"));
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

static TandemRule *
read_rule (JsonNode    *node,
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
      invalid (error, path, _("a rule must be an object, not %s"), tandem_json_node_kind (node));
      return NULL;
    }
  object = json_node_get_object (node);
  is_event = json_object_has_member (object, "event");

  if (is_event && json_object_has_member (object, "field"))
    {
      invalid (error, path, _("a rule has either a \"field\" or an \"event\", not both"));
      return NULL;
    }
  if (!is_event && !json_object_has_member (object, "field"))
    {
      invalid (error, path, _("a rule needs a \"field\" or an \"event\""));
      return NULL;
    }
  if (!tandem_json_check_keys (object, path, is_event ? event_keys : field_keys, error))
    return NULL;

  member = json_object_get_member (object, is_event ? "event" : "field");
  if (!tandem_json_is_string (member) || json_node_get_string (member)[0] == '\0')
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, is_event ? "event" : "field");
      invalid (error, where, _("must be a name, not %s"), tandem_json_node_kind (member));
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
      invalid (error, where, _("must be 0 or more (it limits the rule's points either way)"));
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
          invalid (error, where, _("must be a string, not %s"), tandem_json_node_kind (member));
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
          invalid (error, where, _("must be 0 or more"));
          return NULL;
        }
      if (rule->has_half_life && rule->half_life_days <= 0)
        {
          g_autofree char *where = g_strdup_printf ("%s.half_life_days", path);
          invalid (error, where, _("must be more than 0"));
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
        invalid (error, where, _("is missing"));
        return NULL;
      }
    if (!tandem_json_is_string (member))
      {
        invalid (error, where, _("must be an operator name, not %s"), tandem_json_node_kind (member));
        return NULL;
      }
    if (!tandem_rule_op_from_string (json_node_get_string (member), &rule->op))
      {
        invalid (error, where, _("unknown operator \"%s\""), json_node_get_string (member));
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
  const char *path = dimension_keys[d];
  TandemDimensionSpec *spec = &self->dims[d];
  JsonNode *node = json_object_get_member (root, path);
  JsonObject *object;
  JsonArray *bands;
  JsonNode *member;

  if (node == NULL)
    return invalid (error, path, _("is missing"));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("must be an object, not %s"), tandem_json_node_kind (node));
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
      return invalid (error, where, _("the floor (%g) is above the cap (%g)"), spec->floor, spec->cap);
    }

  member = json_object_get_member (object, "bands");
  {
    g_autofree char *where = g_strdup_printf ("%s.bands", path);
    guint n;

    if (member == NULL)
      return invalid (error, where, _("is missing"));
    if (!JSON_NODE_HOLDS_ARRAY (member))
      return invalid (error, where, _("must be a list of thresholds, not %s"), tandem_json_node_kind (member));
    bands = json_node_get_array (member);
    n = json_array_get_length (bands);
    if (n < 1 || n > TANDEM_MAX_THRESHOLDS)
      return invalid (error, where, _("must have 1 to %d thresholds, not %u"), TANDEM_MAX_THRESHOLDS, n);
    for (guint i = 0; i < n; i++)
      {
        JsonNode *item = json_array_get_element (bands, i);
        g_autofree char *item_where = g_strdup_printf ("%s[%u]", where, i);

        if (!tandem_json_read_number (item, item_where, -TANDEM_MODEL_MAX_SCORE, TANDEM_MODEL_MAX_SCORE,
                                      &spec->thresholds[i], error))
          return FALSE;
        if (i > 0 && spec->thresholds[i] >= spec->thresholds[i - 1])
          return invalid (error, item_where, _("thresholds must be descending (%g is not below %g)"),
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
        return invalid (error, where, _("must be a list of rules, not %s"), tandem_json_node_kind (member));
      rules = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (rules); i++)
        {
          g_autofree char *rule_path = g_strdup_printf ("%s[%u]", where, i);
          TandemRule *rule = read_rule (json_array_get_element (rules, i), rule_path, error);
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
    return invalid (error, "mql", _("is missing"));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, "mql", _("must be a list of cells such as \"A1\", not %s"), tandem_json_node_kind (node));

  cells = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonNode *item = json_array_get_element (cells, i);
      g_autofree char *where = g_strdup_printf ("mql[%u]", i);
      const char *cell;
      guint fit, interest;

      if (!tandem_json_is_string (item))
        return invalid (error, where, _("must be a cell such as \"A1\", not %s"), tandem_json_node_kind (item));
      cell = json_node_get_string (item);
      if (strlen (cell) != 2 || !g_ascii_isupper (cell[0]) || !g_ascii_isdigit (cell[1]) || cell[1] == '0')
        return invalid (error, where, _("\"%s\" is not a cell such as \"A1\""), cell);
      fit = cell[0] - 'A';
      interest = cell[1] - '1';
      if (fit >= n_fit || interest >= n_interest)
        return invalid (error, where, _("cell \"%s\" is outside the %c%u grid (A–%c × 1–%u)"),
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
  gboolean syntax = g_error_matches (local, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_SYNTAX) ||
                    g_error_matches (local, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_TOO_DEEP) ||
                    g_error_matches (local, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_TOO_LARGE);

  g_set_error_literal (error, TANDEM_MODEL_ERROR, syntax ? TANDEM_MODEL_ERROR_SYNTAX : TANDEM_MODEL_ERROR_INVALID,
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
      invalid (error, "name", name == NULL ? _("is missing") : _("must be a non-empty string"));
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
  g_autoptr(JsonNode) root = NULL;
  TandemModel *model = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  root = tandem_json_parse (json, length, _("The model"), &local_error);
  if (root != NULL)
    model = read_model (root, &local_error);
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
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  tandem_json_add_number (builder, value);
}

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

static void
write_rule (JsonBuilder      *builder,
            const TandemRule *rule)
{
  json_builder_begin_object (builder);

  if (rule->event)
    {
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, rule->event);
    }
  else
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, rule->field);
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, op_names[rule->op]);

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
        case TANDEM_OP_IN:
        case TANDEM_OP_NOT_IN:
        case TANDEM_OP_CONTAINS:
        case TANDEM_OP_STARTS_WITH:
        case TANDEM_OP_ENDS_WITH:
        case TANDEM_OP_MATCHES:
        case TANDEM_N_OPS:
        default:
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

  add_number (builder, "points", rule->points);
  if (rule->has_max)
    add_number (builder, "max", rule->max);
  if (rule->has_within_days)
    add_number (builder, "within_days", rule->within_days);
  if (rule->has_half_life)
    add_number (builder, "half_life_days", rule->half_life_days);
  if (rule->label)
    {
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, rule->label);
    }
  if (rule->field && rule->case_sensitive)
    {
      json_builder_set_member_name (builder, "case_sensitive");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (!rule->enabled)
    {
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, FALSE);
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

      json_builder_set_member_name (builder, dimension_keys[d]);
      json_builder_begin_object (builder);
      if (spec->has_floor)
        add_number (builder, "floor", spec->floor);
      if (spec->has_cap)
        add_number (builder, "cap", spec->cap);
      json_builder_set_member_name (builder, "bands");
      json_builder_begin_array (builder);
      for (guint i = 0; i < spec->n_thresholds; i++)
        add_value (builder, spec->thresholds[i], NULL);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "rules");
      json_builder_begin_array (builder);
      for (guint i = 0; i < spec->rules->len; i++)
        write_rule (builder, g_ptr_array_index (spec->rules, i));
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

/* ---- Against a workspace ---------------------------------------------- */

static gboolean
check_rule_against_column (const TandemRule   *rule,
                           const TandemColumn *column,
                           const char         *path,
                           GError            **error)
{
  g_autofree char *op_where = g_strdup_printf ("%s.op", path);
  g_autofree char *value_where = g_strdup_printf ("%s.value", path);
  const char *type = tandem_column_type_to_string (column->type);
  gboolean has_date_value = rule->n_numbers == 0 && rule->texts != NULL;

  switch (rule->op)
    {
    case TANDEM_OP_EMPTY:
    case TANDEM_OP_NOT_EMPTY:
      return TRUE;

    case TANDEM_OP_IN:
    case TANDEM_OP_NOT_IN:
    case TANDEM_OP_CONTAINS:
    case TANDEM_OP_STARTS_WITH:
    case TANDEM_OP_ENDS_WITH:
    case TANDEM_OP_MATCHES:
      if (column->type != TANDEM_COLUMN_TEXT)
        return invalid (error, op_where, _("“%s” compares text, but “%s” is a %s column"),
                        op_names[rule->op], column->name, type);
      return TRUE;

    case TANDEM_OP_EQUALS:
    case TANDEM_OP_NOT_EQUALS:
      switch (column->type)
        {
        case TANDEM_COLUMN_NUMBER:
          if (rule->n_numbers != 1)
            return invalid (error, value_where, _("“%s” is a number column; the value must be a number"), column->name);
          return TRUE;
        case TANDEM_COLUMN_BOOLEAN:
          {
            gboolean b;
            if (!tandem_parse_boolean (rule->texts[0], &b))
              return invalid (error, value_where, _("“%s” is a yes/no column; the value must be true or false"), column->name);
            return TRUE;
          }
        case TANDEM_COLUMN_DATE:
          if (!tandem_parse_date (rule->texts[0], NULL))
            return invalid (error, value_where, _("“%s” is a date column; the value must be a date (YYYY-MM-DD)"), column->name);
          return TRUE;
        case TANDEM_COLUMN_TEXT:
        default:
          return TRUE;
        }

    case TANDEM_OP_LT:
    case TANDEM_OP_LE:
    case TANDEM_OP_GT:
    case TANDEM_OP_GE:
    case TANDEM_OP_BETWEEN:
      if (column->type == TANDEM_COLUMN_NUMBER && !has_date_value)
        return TRUE;
      if (column->type == TANDEM_COLUMN_DATE && has_date_value)
        return TRUE;
      if (column->type == TANDEM_COLUMN_NUMBER || column->type == TANDEM_COLUMN_DATE)
        return invalid (error, value_where, _("“%s” is a %s column; the value must be a %s"),
                        column->name, type, column->type == TANDEM_COLUMN_NUMBER ? _("number") : _("date (YYYY-MM-DD)"));
      return invalid (error, op_where, _("“%s” compares numbers or dates, but “%s” is a %s column"),
                      op_names[rule->op], column->name, type);

    case TANDEM_OP_WITHIN_DAYS:
      if (column->type != TANDEM_COLUMN_DATE)
        return invalid (error, op_where, _("“within-days” needs a date column, but “%s” is a %s column"), column->name, type);
      return TRUE;

    case TANDEM_OP_TIMES:
      if (column->type != TANDEM_COLUMN_NUMBER)
        return invalid (error, op_where, _("“times” needs a number column, but “%s” is a %s column"), column->name, type);
      return TRUE;

    case TANDEM_N_OPS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
tandem_model_validate (const TandemModel  *self,
                       TandemStore        *store,
                       GError            **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) event_types = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  columns = tandem_store_list_columns (store);
  event_types = tandem_store_list_event_types (store);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = self->dims[d].rules;

      for (guint i = 0; i < rules->len; i++)
        {
          TandemRule *rule = g_ptr_array_index (rules, i);
          g_autofree char *path = g_strdup_printf ("%s.rules[%u]", dimension_keys[d], i);
          TandemColumn *column = NULL;

          if (rule->event)
            {
              gboolean known = FALSE;
              for (guint e = 0; e < event_types->len && !known; e++)
                known = g_str_equal (g_ptr_array_index (event_types, e), rule->event);
              if (!known)
                {
                  g_autofree char *where = g_strdup_printf ("%s.event", path);
                  return invalid (error, where, _("unknown event type \"%s\""), rule->event);
                }
              continue;
            }

          for (guint c = 0; c < columns->len && column == NULL; c++)
            if (g_str_equal (((TandemColumn *) g_ptr_array_index (columns, c))->name, rule->field))
              column = g_ptr_array_index (columns, c);
          if (column == NULL)
            {
              g_autofree char *where = g_strdup_printf ("%s.field", path);
              return invalid (error, where, _("unknown field \"%s\""), rule->field);
            }
          if (!check_rule_against_column (rule, column, path, error))
            return FALSE;
        }
    }
  return TRUE;
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
    rule = read_rule (root, "rule", &local_error);
  if (rule == NULL)
    g_set_error_literal (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID, local_error->message);
  return rule;
}

char *
tandem_rule_to_json (const TandemRule *rule)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  write_rule (builder, rule);
  root = json_builder_get_root (builder);
  return tandem_json_to_data (root, FALSE);
}

gboolean
tandem_rule_validate (const TandemRule  *rule,
                      TandemStore       *store,
                      GError           **error)
{
  g_autoptr(TandemModel) model = tandem_model_new ("rule");

  g_ptr_array_add (model->dims[rule->event ? TANDEM_DIMENSION_INTEREST : TANDEM_DIMENSION_FIT].rules, tandem_rule_copy (rule));
  return tandem_model_validate (model, store, error);
}

/* ---- Models in a workspace -------------------------------------------- */

gboolean
tandem_model_insert (const TandemModel  *self,
                     TandemStore        *store,
                     gboolean            live,
                     GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  g_autofree char *json = tandem_model_to_json (self);
  g_autoptr(TandemModel) read_back = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Only what reads back is written: a model built in memory may hold a
   * number out of range, or no name. */
  read_back = tandem_model_new_from_json (json, -1, &local_error);
  if (read_back == NULL)
    {
      g_set_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID,
                   _("The model “%s” cannot be saved: %s"), self->name, local_error->message);
      return FALSE;
    }
  if (live && !tandem_store_exec (store, "UPDATE models SET live = 0 WHERE live = 1", error))
    return FALSE;
  stmt = tandem_store_prepare (store,
                               "INSERT INTO models (name, body, live, created_at, modified_at) VALUES (?1, ?2, ?3, ?4, ?4) "
                               "ON CONFLICT (name) DO UPDATE SET body = excluded.body, modified_at = excluded.modified_at, "
                               "live = max (models.live, excluded.live)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, live ? 1 : 0);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not save the model"));
      return FALSE;
    }
  return TRUE;
}

gboolean
tandem_model_save (const TandemModel  *self,
                   TandemStore        *store,
                   gboolean            live,
                   GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!tandem_model_insert (self, store, live, error) || !tandem_store_commit (store, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

TandemModel *
tandem_model_load (TandemStore  *store,
                   const char   *name,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  TandemModel *model;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = tandem_store_prepare (store,
                               name ? "SELECT body FROM models WHERE name = ?1" : "SELECT body FROM models WHERE live = 1",
                               error);
  if (stmt == NULL)
    return NULL;
  if (name)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (name)
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                     _("The workspace has no model named “%s”"), name);
      else
        g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                             _("The workspace has no live model; import one with “tandem-cli rules import … --live”"));
      return NULL;
    }

  model = tandem_model_new_from_json ((const char *) sqlite3_column_text (stmt, 0), -1, &local_error);
  if (model == NULL)
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                 _("The model stored in the workspace is damaged: %s"), local_error->message);
  return model;
}

gboolean
tandem_model_delete (TandemStore  *store,
                     const char   *name,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  stmt = tandem_store_prepare (store, "DELETE FROM models WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not delete the model"));
      return FALSE;
    }
  return TRUE;
}

/* The rules with what an in-place edit may change (points, on/off)
 * neutralised, and no bands, limits or cells: what a scorer compiles. */
static char *
structure_of (const TandemModel *model)
{
  g_autoptr(TandemModel) copy = tandem_model_copy (model);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *spec = tandem_model_get_dimension (copy, d);
      for (guint r = 0; r < spec->rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (spec->rules, r);
          rule->points = 0;
          rule->enabled = TRUE;
        }
      spec->has_floor = spec->has_cap = FALSE;
      spec->floor = spec->cap = 0;
      spec->n_thresholds = 1;
      spec->thresholds[0] = 0;
    }
  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
      tandem_model_set_mql_cell (copy, f, i, FALSE);
  tandem_model_set_name (copy, "");
  return tandem_model_to_json (copy);
}

gboolean
tandem_model_same_rules (const TandemModel *a,
                         const TandemModel *b)
{
  g_autofree char *x = structure_of (a);
  g_autofree char *y = structure_of (b);

  return g_str_equal (x, y);
}

gboolean
tandem_model_equal (const TandemModel *a,
                    const TandemModel *b)
{
  g_autoptr(TandemModel) named = tandem_model_copy (b);
  g_autofree char *x = NULL, *y = NULL;

  tandem_model_set_name (named, tandem_model_get_name (a));
  x = tandem_model_to_json (a);
  y = tandem_model_to_json (named);
  return g_str_equal (x, y);
}

void
tandem_model_info_free (TandemModelInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->modified_at);
  g_free (info);
}

GPtrArray *
tandem_model_list (TandemStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_model_info_free);

  stmt = tandem_store_prepare (store, "SELECT name, live, modified_at FROM models ORDER BY name", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      TandemModelInfo *info = g_new0 (TandemModelInfo, 1);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->live = sqlite3_column_int (stmt, 1) != 0;
      info->modified_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (list, info);
    }
  return list;
}
