/* tandem-funnel-auto.c — the stages a workspace's data has, when none are saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One choice for every reader of the funnel (the Funnel page through its
 * state, tandem-cli waterfall and taxonomy, the charts, meeting mode):
 * the stages saved, else the ones the data names.  The order of what is
 * tried is the order the automatic source reads: the stage history, the
 * current-stage column, the stage dates, the outcome column.
 */

#include "config.h"

#include "tandem-funnel-private.h"
#include "tandem-funnel-values.h"

#include <glib/gi18n-lib.h>

#define MAX_VALUES 100

/* The stage named by a "stage-date:NAME" role of each date column, in
 * column order (not the closing names, which date a terminal stage). */
static GPtrArray *
stage_date_names (TandemStore *store,
                  GPtrArray  **out_columns)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  if (out_columns != NULL)
    *out_columns = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < columns->len; c++)
    {
      TandemColumn *column = g_ptr_array_index (columns, c);
      g_autofree char *stage = NULL;
      TandemRoleKind kind;

      if (column->type != TANDEM_COLUMN_DATE || !tandem_role_parse (column->role, &kind, &stage, NULL) ||
          kind != TANDEM_ROLE_STAGE_DATE || tandem_funnel_same_name (stage, "Closed") ||
          tandem_funnel_same_name (stage, "Close") || tandem_funnel_same_name (stage, "Closing"))
        continue;
      g_ptr_array_add (names, g_steal_pointer (&stage));
      if (out_columns != NULL)
        g_ptr_array_add (*out_columns, g_strdup (column->name));
    }
  return names;
}

TandemFunnelSource
tandem_funnel_automatic_source (TandemStore *store)
{
  g_autoptr(TandemColumn) stage = NULL;
  g_autoptr(TandemColumn) outcome = NULL;
  g_autoptr(GPtrArray) dates = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), TANDEM_FUNNEL_SOURCE_DATES);

  if (tandem_store_count_stage_history (store) > 0)
    return TANDEM_FUNNEL_SOURCE_HISTORY;
  if ((stage = tandem_store_find_column_by_role (store, "stage")) != NULL)
    return TANDEM_FUNNEL_SOURCE_STAGE;
  dates = stage_date_names (store, NULL);
  if (dates->len == 0 && (outcome = tandem_store_find_column_by_role (store, "outcome")) != NULL)
    return TANDEM_FUNNEL_SOURCE_OUTCOME;
  return TANDEM_FUNNEL_SOURCE_DATES;
}

/* The template naming most of @names (ties: the earlier template); how
 * many of the names it has in @out_matches. */
static TandemTemplate
best_template (GPtrArray *names,
               guint     *out_matches)
{
  static const TandemTemplate templates[] = { TANDEM_TEMPLATE_CLASSIC, TANDEM_TEMPLATE_EXTENDED, TANDEM_TEMPLATE_PIPELINE };
  TandemTemplate best = TANDEM_TEMPLATE_CLASSIC;
  guint best_matches = 0;

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_new_from_template (templates[t]);
      guint matches = 0;

      for (guint v = 0; v < names->len; v++)
        matches += tandem_taxonomy_find_stage (taxonomy, g_ptr_array_index (names, v)) >= 0;
      if (matches > best_matches)
        best = templates[t], best_matches = matches;
    }
  *out_matches = best_matches;
  return best;
}

static GPtrArray *
names_of (GPtrArray *values)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint v = 0; values != NULL && v < values->len; v++)
    g_ptr_array_add (names, g_strdup (((TandemValueCount *) g_ptr_array_index (values, v))->value));
  return names;
}

static TandemStageKind
kind_of_name (const char *name)
{
  static const char *const won[] = { "won", "customer", "closed won", "converted", "win", NULL };
  static const char *const lost[] = { "lost", "closed lost", "loss", NULL };
  g_autofree char *lower = g_utf8_strdown (name, -1);

  if (g_strv_contains (won, lower))
    return TANDEM_STAGE_WON;
  if (g_strv_contains (lost, lower))
    return TANDEM_STAGE_LOST;
  if (g_str_equal (lower, "disqualified"))
    return TANDEM_STAGE_DISQUALIFIED;
  return TANDEM_STAGE_OPEN;
}

static void
add_stage (TandemTaxonomy  *taxonomy,
           const char      *name,
           const char      *definition,
           TandemStageKind  kind)
{
  TandemTeam team = kind == TANDEM_STAGE_OPEN && tandem_taxonomy_get_n_stages (taxonomy) == 0
                    ? TANDEM_TEAM_MARKETING : TANDEM_TEAM_SALES;

  if (tandem_taxonomy_find_stage (taxonomy, name) >= 0)
    return;
  tandem_taxonomy_insert_stage (taxonomy, -1, name, name, definition, team, kind, NULL);
}

/* Every lead, then won or lost: the outcome is all the data says */
static TandemTaxonomy *
outcome_taxonomy (const char *column)
{
  TandemTaxonomy *taxonomy = tandem_taxonomy_new ();
  g_autofree char *won = g_strdup_printf (_("“%s” is yes"), column);
  g_autofree char *lost = g_strdup_printf (_("“%s” is no"), column);

  add_stage (taxonomy, _("Lead"), _("Every lead in the workspace"), TANDEM_STAGE_OPEN);
  add_stage (taxonomy, _("Won"), won, TANDEM_STAGE_WON);
  add_stage (taxonomy, _("Lost"), lost, TANDEM_STAGE_LOST);
  return taxonomy;
}

/* A first stage (the lead's creation), then a stage for each stage date,
 * in column order; a won stage to date by hand when no date names one */
static TandemTaxonomy *
dates_taxonomy (GPtrArray   *names,
                GPtrArray   *columns)
{
  TandemTaxonomy *taxonomy = tandem_taxonomy_new ();
  gboolean has_won = FALSE;

  add_stage (taxonomy, _("Lead"), _("Every lead in the workspace, from the day it was created"), TANDEM_STAGE_OPEN);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      TandemStageKind kind = kind_of_name (name);
      g_autofree char *definition = g_strdup_printf (_("Has a date in “%s”"), (const char *) g_ptr_array_index (columns, i));

      has_won |= kind == TANDEM_STAGE_WON;
      add_stage (taxonomy, name, definition, kind);
    }
  if (!has_won)
    add_stage (taxonomy, _("Won"), _("A deal won: give it a date column under Placing Leads on Stages"), TANDEM_STAGE_WON);
  /* The first stage open, at least two: what a taxonomy must have */
  g_assert (tandem_taxonomy_validate (taxonomy, NULL));
  return taxonomy;
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < names->len && i < 6; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (names, i));
  if (names->len > 6)
    g_string_append (out, ", …");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

TandemTaxonomy *
tandem_funnel_auto_choose (TandemStore         *store,
                           TandemFunnelSource  *out_source,
                           char               **out_sentence)
{
  TandemFunnelSource source;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) date_columns = NULL;
  g_autofree char *sentence = NULL;
  TandemTaxonomy *taxonomy = NULL;
  guint matches = 0;
  TandemTemplate template_;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  source = tandem_funnel_automatic_source (store);
  switch (source)
    {
    case TANDEM_FUNNEL_SOURCE_OUTCOME:
      {
        g_autoptr(TandemColumn) outcome = tandem_store_find_column_by_role (store, "outcome");

        taxonomy = outcome_taxonomy (outcome->name);
        sentence = g_strdup_printf (_("No stages are saved, and the data has no stage column, stage dates or "
                                      "history, only the outcome column “%s”: every lead, then won or lost."),
                                    outcome->name);
        break;
      }
    case TANDEM_FUNNEL_SOURCE_HISTORY:
    case TANDEM_FUNNEL_SOURCE_STAGE:
      {
        g_autoptr(GPtrArray) values = source == TANDEM_FUNNEL_SOURCE_HISTORY
                                      ? tandem_store_history_stage_values (store, MAX_VALUES, NULL)
                                      : tandem_funnel_stage_column_values (store, MAX_VALUES, NULL);
        g_autofree char *listed = NULL;

        names = names_of (values);
        listed = join_names (names);
        template_ = best_template (names, &matches);
        taxonomy = tandem_taxonomy_new_from_template (template_);
        if (matches > 0)
          sentence = g_strdup_printf (source == TANDEM_FUNNEL_SOURCE_HISTORY
                                      ? _("No stages are saved: the %s template, whose stages the stage history "
                                          "names (%u of its values: %s).")
                                      : _("No stages are saved: the %s template, whose stages the current-stage "
                                          "column names (%u of its values: %s)."),
                                      tandem_template_to_string (template_), matches, listed);
        else
          sentence = g_strdup_printf (source == TANDEM_FUNNEL_SOURCE_HISTORY
                                      ? _("No stages are saved, and no template names the stage history's values "
                                          "(%s): the classic stages, to map those values onto.")
                                      : _("No stages are saved, and no template names the current-stage column's "
                                          "values (%s): the classic stages, to map those values onto."),
                                      listed);
        break;
      }
    case TANDEM_FUNNEL_SOURCE_DATES:
    case TANDEM_FUNNEL_SOURCE_AUTO:
    default:
      source = TANDEM_FUNNEL_SOURCE_DATES;
      names = stage_date_names (store, &date_columns);
      template_ = best_template (names, &matches);
      if (matches >= 2)
        {
          g_autofree char *listed = join_names (names);

          taxonomy = tandem_taxonomy_new_from_template (template_);
          sentence = g_strdup_printf (_("No stages are saved: the %s template, whose stages the stage dates name "
                                        "(%s)."), tandem_template_to_string (template_), listed);
        }
      else if (names->len > 0)
        {
          g_autofree char *listed = join_names (date_columns);

          taxonomy = dates_taxonomy (names, date_columns);
          sentence = g_strdup_printf (_("No stages are saved: every lead, then a stage for each stage date "
                                        "(%s)."), listed);
        }
      else
        {
          taxonomy = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_CLASSIC);
          sentence = g_strdup (_("No stages are saved, and the data names none (no stage column, stage dates, "
                                 "history or outcome): the classic stages, to date by hand."));
        }
      break;
    }

  if (out_source != NULL)
    *out_source = source;
  if (out_sentence != NULL)
    *out_sentence = g_steal_pointer (&sentence);
  return taxonomy;
}

gboolean
tandem_funnel_choose (TandemStore          *store,
                      TandemTaxonomy      **out_taxonomy,
                      TandemFunnelMapping **out_mapping,
                      gboolean             *out_automatic,
                      char                **out_sentence,
                      GError              **error)
{
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  g_autofree char *sentence = NULL;
  gboolean automatic = FALSE;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_taxonomy != NULL && out_mapping != NULL, FALSE);

  if ((taxonomy = tandem_taxonomy_load (store, error)) == NULL ||
      (mapping = tandem_funnel_mapping_load (store, error)) == NULL)
    return FALSE;
  if (tandem_taxonomy_get_n_stages (taxonomy) == 0)
    {
      g_clear_pointer (&taxonomy, tandem_taxonomy_free);
      taxonomy = tandem_funnel_auto_choose (store, NULL, &sentence);
      automatic = TRUE;
    }
  else
    sentence = g_strdup (_("The workspace's saved stages."));

  *out_taxonomy = g_steal_pointer (&taxonomy);
  *out_mapping = g_steal_pointer (&mapping);
  if (out_automatic != NULL)
    *out_automatic = automatic;
  if (out_sentence != NULL)
    *out_sentence = g_steal_pointer (&sentence);
  return TRUE;
}
