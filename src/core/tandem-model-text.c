/* tandem-model-text.c — a model in words: rules as sentences, what changed between two models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-model.h"

#include <glib/gi18n-lib.h>
#include <math.h>

char *
tandem_rule_format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup_printf ("%.0f", v);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v));
}

char *
tandem_rule_dup_sentence (const TandemRule *rule)
{
  if (rule->label != NULL && rule->label[0] != '\0')
    return g_strdup (rule->label);
  return tandem_rule_dup_condition (rule);
}

char *
tandem_rule_dup_condition (const TandemRule *rule)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (rule->event != NULL)
    {
      g_string_append_printf (s, _("each %s event"), rule->event);
      if (rule->has_within_days)
        {
          g_autofree char *days = tandem_rule_format_number (rule->within_days);
          g_string_append_printf (s, _(" in the last %s days"), days);
        }
      if (rule->has_half_life)
        {
          g_autofree char *days = tandem_rule_format_number (rule->half_life_days);
          g_string_append_printf (s, _(", halving every %s days"), days);
        }
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  g_string_append_printf (s, "%s %s", rule->field, tandem_rule_op_to_string (rule->op));
  switch (rule->op)
    {
    case TANDEM_OP_EMPTY:
    case TANDEM_OP_NOT_EMPTY:
      break;
    case TANDEM_OP_TIMES:
      {
        g_autofree char *p = tandem_rule_format_number (rule->points);
        g_string_printf (s, _("%s × %s"), rule->field, p);
        break;
      }
    case TANDEM_OP_BETWEEN:
      if (rule->n_numbers == 2)
        {
          g_autofree char *lo = tandem_rule_format_number (rule->numbers[0]);
          g_autofree char *hi = tandem_rule_format_number (rule->numbers[1]);
          g_string_append_printf (s, _(" %s and %s"), lo, hi);
        }
      else
        g_string_append_printf (s, _(" %s and %s"), rule->texts[0], rule->texts[1]);
      break;
    case TANDEM_OP_WITHIN_DAYS:
    case TANDEM_OP_LT:
    case TANDEM_OP_LE:
    case TANDEM_OP_GT:
    case TANDEM_OP_GE:
      if (rule->n_numbers >= 1)
        {
          g_autofree char *v = tandem_rule_format_number (rule->numbers[0]);
          g_string_append_printf (s, " %s", v);
        }
      else
        g_string_append_printf (s, " %s", rule->texts[0]);
      break;
    default:
      {
        g_autofree char *joined = g_strjoinv (_(" or "), rule->texts);
        g_string_append_printf (s, " %s", joined);
        break;
      }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
rule_name (const TandemRule *rule)
{
  return tandem_rule_dup_sentence (rule);
}

static char *
cells_text (const TandemModel *model)
{
  GString *text = g_string_new (NULL);

  for (guint f = 0; f < tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT); f++)
    for (guint i = 0; i < tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST); i++)
      if (tandem_model_is_mql_cell (model, f, i))
        {
          g_autofree char *cell = tandem_model_cell_name (f, i);
          g_string_append_printf (text, "%s%s", text->len ? ", " : "", cell);
        }
  return g_string_free (text, FALSE);
}

char *
tandem_model_describe_changes (const TandemModel *before,
                               const TandemModel *after)
{
  static const char *const dims[] = { N_("fit"), N_("interest") };
  GString *out = g_string_new (NULL);

  if (before == NULL)
    {
      g_string_append_printf (out, _("“%s” became the first live model"), tandem_model_get_name (after));
      return g_string_free (out, FALSE);
    }
  if (g_strcmp0 (tandem_model_get_name (before), tandem_model_get_name (after)) != 0)
    g_string_append_printf (out, _("The live model is now “%s” (was “%s”)\n"), tandem_model_get_name (after),
                            tandem_model_get_name (before));

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *a = tandem_model_get_dimension ((TandemModel *) before, d);
      TandemDimensionSpec *b = tandem_model_get_dimension ((TandemModel *) after, d);
      g_autoptr(GHashTable) old_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      /* Rules, matched by their JSON without points and on/off */
      for (guint r = 0; r < a->rules->len; r++)
        {
          g_autoptr(TandemRule) key = tandem_rule_copy (g_ptr_array_index (a->rules, r));
          key->points = 0, key->enabled = TRUE;
          g_hash_table_insert (old_rules, tandem_rule_to_json (key), g_ptr_array_index (a->rules, r));
        }
      for (guint r = 0; r < b->rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (b->rules, r);
          g_autoptr(TandemRule) key = tandem_rule_copy (rule);
          g_autofree char *json = NULL;
          g_autofree char *name = rule_name (rule);
          TandemRule *old;

          key->points = 0, key->enabled = TRUE;
          json = tandem_rule_to_json (key);
          old = g_hash_table_lookup (old_rules, json);
          if (old == NULL)
            g_string_append_printf (out, _("Added %s rule “%s” (%+g)\n"), _(dims[d]), name, rule->points);
          else
            {
              if (old->points != rule->points)
                g_string_append_printf (out, _("“%s”: points %g → %g\n"), name, old->points, rule->points);
              if (!old->enabled != !rule->enabled)
                g_string_append_printf (out, rule->enabled ? _("“%s” turned on\n") : _("“%s” turned off\n"), name);
              g_hash_table_remove (old_rules, json);
            }
        }
      {
        GHashTableIter iter;
        gpointer value;
        g_hash_table_iter_init (&iter, old_rules);
        while (g_hash_table_iter_next (&iter, NULL, &value))
          {
            g_autofree char *name = rule_name (value);
            g_string_append_printf (out, _("Removed %s rule “%s”\n"), _(dims[d]), name);
          }
      }

      /* Bands and limits */
      for (guint t = 0; t < MAX (a->n_thresholds, b->n_thresholds); t++)
        {
          char band = d == TANDEM_DIMENSION_FIT ? (char) ('A' + t) : (char) ('1' + t);
          if (t >= a->n_thresholds)
            g_string_append_printf (out, _("New %s band %c from %g\n"), _(dims[d]), band, b->thresholds[t]);
          else if (t >= b->n_thresholds)
            g_string_append_printf (out, _("Removed %s band %c\n"), _(dims[d]), band);
          else if (a->thresholds[t] != b->thresholds[t])
            g_string_append_printf (out, _("%s band %c starts at %g (was %g)\n"), d == 0 ? _("Fit") : _("Interest"), band,
                                    b->thresholds[t], a->thresholds[t]);
        }
      for (guint is_cap = 0; is_cap < 2; is_cap++)
        {
          gboolean had = is_cap ? a->has_cap : a->has_floor, has = is_cap ? b->has_cap : b->has_floor;
          double was = is_cap ? a->cap : a->floor, now = is_cap ? b->cap : b->floor;
          g_autofree char *was_text = had ? g_strdup_printf ("%g", was) : g_strdup (_("none"));
          g_autofree char *now_text = has ? g_strdup_printf ("%g", now) : g_strdup (_("none"));

          if (had != has || (has && was != now))
            g_string_append_printf (out, is_cap ? _("Highest %s score: %s → %s\n") : _("Lowest %s score: %s → %s\n"),
                                    _(dims[d]), was_text, now_text);
        }
    }

  {
    g_autofree char *old_cells = cells_text (before);
    g_autofree char *new_cells = cells_text (after);
    if (g_strcmp0 (old_cells, new_cells) != 0)
      g_string_append_printf (out, _("MQL cells: %s → %s\n"), old_cells, new_cells);
  }
  if (out->len == 0)
    g_string_append (out, _("Published again without changes"));
  else if (out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
