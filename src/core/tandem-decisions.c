/* tandem-decisions.c — the decision log: every change to the live model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept in table `decisions` (schema version 2).  The agreement document
 * prints it: when, what changed (old → new), and the note.
 */

#include "config.h"

#include "tandem-decisions.h"
#include "tandem-scorer.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

void
tandem_decision_free (TandemDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->at);
  g_free (decision->model);
  g_free (decision->changes);
  g_free (decision->note);
  g_free (decision);
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

gboolean
tandem_decision_insert (TandemStore       *store,
                        const TandemModel *before,
                        const TandemModel *after,
                        const char        *note,
                        GError           **error)
{
  g_autofree char *changes = tandem_model_describe_changes (before, after);
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store,
                                                        "INSERT INTO decisions (at, model, changes, note) "
                                                        "VALUES (datetime ('now'), ?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tandem_model_get_name (after), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, changes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, note ? note : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not write the decision log"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
tandem_decisions_list (TandemStore *store)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_decision_free);
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (store, "SELECT at, model, changes, note FROM decisions ORDER BY id", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      TandemDecision *d = g_new0 (TandemDecision, 1);
      d->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      d->model = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      d->changes = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      d->note = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (list, d);
    }
  return list;
}
