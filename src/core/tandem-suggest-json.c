/* tandem-suggest-json.c — a suggestion as JSON, and its features as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-suggest-private.h"
#include "tandem-json.h"

#include <math.h>
#include <string.h>

static void
add_number (JsonBuilder *b,
            const char  *key,
            double       v)
{
  json_builder_set_member_name (b, key);
  if (isnan (v) || !isfinite (v))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, v);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, v);
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *v)
{
  json_builder_set_member_name (b, key);
  if (v == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, v);
}

static void
add_backtest (JsonBuilder          *b,
              const char           *key,
              const TandemBacktest *t)
{
  json_builder_set_member_name (b, key);
  if (t == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_int (b, "leads", t->leads);
  add_int (b, "won", t->won);
  add_number (b, "base_rate", t->base_rate);
  add_number (b, "auc", t->auc);
  add_number (b, "top_decile_lift", t->top_decile_lift);
  add_int (b, "mql", t->mql);
  add_int (b, "mql_won", t->mql_won);
  add_number (b, "mql_share", t->mql_share);
  add_number (b, "mql_conversion", t->mql_conversion);
  json_builder_end_object (b);
}

static const char *
kind_name (TandemExclusionKind kind)
{
  switch (kind)
    {
    case TANDEM_EXCLUSION_OUTCOME:  return "outcome";
    case TANDEM_EXCLUSION_ID:       return "id";
    case TANDEM_EXCLUSION_CONSTANT: return "constant";
    case TANDEM_EXCLUSION_LEAKAGE:  return "leakage";
    case TANDEM_EXCLUSION_USER:     return "user";
    default:                        return "other";
    }
}

JsonNode *
tandem_suggestion_to_json (TandemSuggestion *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *model_json = tandem_model_to_json (self->model);
  g_autoptr(JsonNode) model = json_from_string (model_json, NULL);
  static const char *const dimension_keys[] = { "fit", "interest" };

  json_builder_begin_object (b);
  add_string (b, "outcome", self->outcome);

  json_builder_set_member_name (b, "split");
  json_builder_begin_object (b);
  add_int (b, "seed", (gint64) self->seed);
  add_number (b, "holdout", self->holdout);
  add_string (b, "rule", "holdout when splitmix64(seed XOR fnv1a64(lead id)) / 2^64 < holdout");
  add_int (b, "train", self->n_train);
  add_int (b, "holdout_leads", self->n_test);
  json_builder_end_object (b);

  add_int (b, "candidates", self->candidates->len);
  json_builder_set_member_name (b, "model");
  json_builder_add_value (b, g_steal_pointer (&model));

  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          const TandemRule *rule = g_ptr_array_index (rules, r);
          const TandemSuggestedRule *s = tandem_suggestion_get_rule (self, d, r);
          g_autofree char *sentence = tandem_rule_dup_sentence (rule);

          json_builder_begin_object (b);
          add_string (b, "dimension", dimension_keys[d]);
          add_int (b, "index", r);
          add_string (b, "sentence", sentence);
          add_number (b, "points", rule->points);
          add_int (b, "support", s->support);
          add_int (b, "support_won", s->support_won);
          add_number (b, "lift", s->lift);
          add_number (b, "coefficient", s->coefficient);
          add_string (b, "source", s->source);
          add_string (b, "why", s->why);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "backtest");
  json_builder_begin_object (b);
  add_backtest (b, "suggested", &self->backtest);
  add_backtest (b, "live", tandem_suggestion_get_live_backtest (self));
  add_string (b, "live_name", self->live_name);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "excluded");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->excluded->len; k++)
    {
      const TandemExcludedColumn *x = g_ptr_array_index (self->excluded, k);
      json_builder_begin_object (b);
      add_string (b, "column", x->column);
      add_string (b, "kind", kind_name (x->kind));
      add_string (b, "reason", x->reason);
      add_number (b, "auc", x->auc);
      json_builder_set_member_name (b, "included");
      json_builder_add_boolean_value (b, x->included);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
append_field (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
tandem_suggestion_append_features_csv (TandemSuggestion *self,
                                       GString          *out)
{
  TandemScorer *probe = self->probe;

  g_string_append (out, "id,split,won");
  for (guint j = 0; j < self->candidates->len; j++)
    {
      const Candidate *c = g_ptr_array_index (self->candidates, j);
      g_autofree char *sentence = tandem_rule_dup_condition (c->rule);
      g_autofree char *head = g_strdup_printf ("%u: %s", j, sentence);
      g_string_append_c (out, ',');
      append_field (out, head);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < probe->n_leads; i++)
    {
      if (self->label[i] < 0)
        continue;
      append_field (out, tandem_scorer_get_key (probe, i));
      g_string_append (out, self->in_holdout[i] ? ",holdout," : ",train,");
      g_string_append_c (out, self->label[i] ? '1' : '0');
      for (guint j = 0; j < self->candidates->len; j++)
        {
          double v = tandem_suggest_feature (g_ptr_array_index (self->candidates, j), i);
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append_c (out, ',');
          if (v == 0)
            g_string_append_c (out, '0');
          else if (v == 1)
            g_string_append_c (out, '1');
          else
            g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", v));
        }
      g_string_append_c (out, '\n');
    }
}
