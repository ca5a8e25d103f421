/* tandem-cli-funnel.c — tandem-cli taxonomy and waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-funnel.h"
#include "tandem-cli-private.h"

/* ---- Funnel ---------------------------------------------------------------- */

/* Splits "LEFT=RIGHT" at the last '=' (a stage or value may hold one). */
static gboolean
split_pair (const char  *text,
            const char  *option,
            char       **left,
            char       **right,
            GError     **error)
{
  const char *eq = strrchr (text, '=');

  if (eq == NULL || eq == text || eq[1] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s wants NAME=VALUE, not “%s”"), option, text);
      return FALSE;
    }
  *left = g_strndup (text, (gsize) (eq - text));
  *right = g_strdup (eq + 1);
  return TRUE;
}

int
command_taxonomy (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — the lead stages and how the data maps onto them"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template_name = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *implied_text = NULL;
  g_autofree char *mapping_json = NULL;
  g_auto(GStrv) dates = NULL;
  g_auto(GStrv) values = NULL;
  TandemTemplate template_ = TANDEM_TEMPLATE_CLASSIC;
  TandemFunnelSource source = TANDEM_FUNNEL_SOURCE_AUTO;
  gboolean implied = TRUE;
  g_autofree char *sentence = NULL;
  gboolean automatic = FALSE;
  gboolean save = FALSE;
  gboolean json = FALSE;
  gboolean mapping_changed;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_name, N_("Replace the stages with a template: classic, extended or pipeline"), "NAME" },
    { "save", 0, 0, G_OPTION_ARG_NONE, &save, N_("Save the stages shown (with no stages saved: the ones the data has)"), NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name, N_("Where stages come from: auto, dates, stage, history or outcome"), "SOURCE" },
    { "date", 0, 0, G_OPTION_ARG_STRING_ARRAY, &dates, N_("Read a stage's entry dates from a date column"), "STAGE=COLUMN" },
    { "value", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values, N_("Map a current-stage value onto a stage"), "VALUE=STAGE" },
    { "implied", 0, 0, G_OPTION_ARG_STRING, &implied_text, N_("Whether a lead at a later stage has passed the earlier ones: yes (default) or no"), "yes|no" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Prints the workspace's stages with their definitions and the mapping of the "
                                  "data onto them. With --template the stages are replaced first; --source, "
                                  "--date, --value and --implied change the mapping and are saved."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("taxonomy takes one argument, the workspace"));
  if (template_name != NULL && !tandem_template_from_string (template_name, &template_))
    return usage_error (context, _("--template must be classic, extended or pipeline"));
  if (source_name != NULL && !tandem_funnel_source_from_string (source_name, &source))
    return usage_error (context, _("--source must be auto, dates, stage, history or outcome"));
  if (implied_text != NULL && !tandem_parse_boolean (implied_text, &implied))
    return usage_error (context, _("--implied must be yes or no"));

  mapping_changed = source_name != NULL || implied_text != NULL || dates != NULL || values != NULL;
  /* Only showing: the workspace is only read */
  store = template_name != NULL || mapping_changed || save ? tandem_store_open (argv[1], &error)
                                                   : tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || (mapping = tandem_funnel_mapping_load (store, &error)) == NULL)
    return fail_error (error);

  if (template_name != NULL)
    {
      taxonomy = tandem_taxonomy_new_from_template (template_);
      if (!tandem_taxonomy_save (taxonomy, store, &error))
        return fail_error (error);
    }
  else
    {
      g_clear_pointer (&mapping, tandem_funnel_mapping_free);
      if (!tandem_funnel_choose (store, &taxonomy, &mapping, &automatic, &sentence, &error))
        return fail_error (error);
      if (save && automatic)
        {
          if (!tandem_taxonomy_save (taxonomy, store, &error))
            return fail_error (error);
          automatic = FALSE;
          g_free (sentence);
          sentence = g_strdup (_("The workspace's saved stages."));
        }
    }

  if (source_name != NULL)
    tandem_funnel_mapping_set_source (mapping, source);
  if (implied_text != NULL)
    tandem_funnel_mapping_set_implied (mapping, implied);
  for (guint i = 0; dates && dates[i]; i++)
    {
      g_autofree char *stage = NULL;
      g_autofree char *column = NULL;

      if (!split_pair (dates[i], "--date", &stage, &column, &error))
        return usage_error (context, error->message);
      if (tandem_taxonomy_find_stage (taxonomy, stage) < 0)
        {
          g_autofree char *msg = g_strdup_printf (_("--date: the taxonomy has no stage “%s”"), stage);
          return fail (msg);
        }
      tandem_funnel_mapping_set_date_column (mapping, stage, column);
    }
  for (guint i = 0; values && values[i]; i++)
    {
      g_autofree char *value = NULL;
      g_autofree char *stage = NULL;

      if (!split_pair (values[i], "--value", &value, &stage, &error))
        return usage_error (context, error->message);
      if (tandem_taxonomy_find_stage (taxonomy, stage) < 0)
        {
          g_autofree char *msg = g_strdup_printf (_("--value: the taxonomy has no stage “%s”"), stage);
          return fail (msg);
        }
      tandem_funnel_mapping_set_value (mapping, value, stage);
    }
  if (mapping_changed && !tandem_funnel_mapping_save (mapping, store, &error))
    return fail_error (error);
  mapping_json = tandem_funnel_mapping_to_json (mapping);

  if (json)
    {
      g_autoptr(JsonNode) root = tandem_taxonomy_and_mapping_to_json (taxonomy, mapping);

      json_object_set_boolean_member (json_node_get_object (root), "automatic", automatic);
      json_object_set_string_member (json_node_get_object (root), "choice", sentence);
      print_json (root);
      return EXIT_SUCCESS;
    }

  if (automatic)
    printf ("%s\n%s\n\n", sentence, _("They are not saved: keep them with --save (or a template with --template NAME), or on the Funnel page."));
  printf ("%-3s %-28s %-6s %-18s %-13s %s\n", "", _("Stage"), _("Short"), _("Team"), _("Kind"), _("Recycled to"));
  for (guint i = 0; i < tandem_taxonomy_get_n_stages (taxonomy); i++)
    {
      const TandemStage *s = tandem_taxonomy_get_stage (taxonomy, i);

      printf ("%-3u %-28s %-6s %-18s %-13s %s\n", i + 1, s->name, s->short_name, tandem_team_to_string (s->team),
              tandem_stage_kind_to_string (s->kind), s->recycle_to ? s->recycle_to : "—");
      printf ("    %s\n", s->definition);
    }
  printf (_("\nMapping: %s\n"), mapping_json);
  return EXIT_SUCCESS;
}

/* A printf width that right-aligns @text in @columns characters, not bytes */

/* In flow mode more can arrive at a stage than at the one before: a
 * multiple ("×5.1") rather than 509.6 % (as the chart and the app say) */
static char *
flow_rate (double value)
{
  return !isnan (value) && value > 1 ? g_strdup_printf ("×%.1f", value) : percent (value);
}

static int
pad_width (const char *text,
           int         columns)
{
  return columns + (int) (strlen (text) - g_utf8_strlen (text, -1));
}

static char *
days_text (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f", value);
}

static void
print_waterfall (const TandemWaterfall *w,
                 const char            *title)
{
  g_autofree char *from = w->from ? g_strdup (w->from) : g_strdup (_("the beginning"));
  g_autofree char *to = w->to ? g_strdup (w->to) : g_strdup (_("today"));

  if (w->mode == TANDEM_WATERFALL_COHORT)
    /* Translators: the first %s is a title, then two dates */
    printf (_("%s: leads that entered from %s to %s, followed wherever they got\n"), title, from, to);
  else
    printf (_("%s: entries into each stage from %s to %s\n"), title, from, to);

  for (guint i = 0; i < w->segments->len; i++)
    {
      const TandemWaterfallSegment *segment = g_ptr_array_index (w->segments, i);

      if (w->segment_field != NULL)
        printf ("\n%s: %s\n", w->segment_field, segment->segment ? segment->segment : _("(empty)"));
      else
        printf ("\n");
      printf ("%-26s %9s %10s %10s %8s %8s %7s %7s %8s %9s\n", _("Stage"), _("Reached"), _("From prev."),
              _("From first"), _("Median d"), _("Mean d"), _("Open"), _("Lost"), _("Recycled"), _("Backwards"));
      for (guint k = 0; k < segment->stages->len; k++)
        {
          const TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, k);
          g_autofree char *prev = flow_rate (s->conversion_from_previous);
          g_autofree char *first = flow_rate (s->conversion_from_first);
          g_autofree char *med = days_text (s->median_days_from_previous);
          g_autofree char *avg = days_text (s->mean_days_from_previous);

          printf ("%-26.26s %'9lld %*s %*s %*s %*s %'7lld %'7lld %'8lld %'9lld\n", s->name, (long long) s->reached,
                  pad_width (prev, 10), prev, pad_width (first, 10), first, pad_width (med, 8), med,
                  pad_width (avg, 8), avg, (long long) s->open, (long long) s->lost, (long long) s->recycled,
                  (long long) s->negative_durations);
        }
    }
  if (w->unmapped->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < w->unmapped->len; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (w->unmapped, i));
      printf (_("\nNo data maps onto: %s\n"), names->str);
    }
  if (w->unplaced > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "%'lld lead is on no stage (no stage value or date the mapping knows)\n",
                         "%'lld leads are on no stage (no stage value or date the mapping knows)\n", (gulong) w->unplaced),
            (long long) w->unplaced);
  if (w->undated > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "%'lld lead has no date and is left out of the period\n",
                         "%'lld leads have no date and are left out of the period\n", (gulong) w->undated),
            (long long) w->undated);
}

int
command_waterfall (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — the demand waterfall: volumes, conversion and days per stage"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  g_autoptr(TandemWaterfall) waterfall = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *by = NULL;
  g_autofree char *mode_name = NULL;
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, TRUE };
  g_autofree char *sentence = NULL;
  gboolean automatic = FALSE;
  gboolean json = FALSE;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "YYYY-MM-DD" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Break down by a lead column (source, owner, product…)"), "FIELD" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_name, N_("cohort (default): leads that entered in the period, followed; flow: entries into each stage in the period"), "MODE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Per stage of the taxonomy: leads that reached it, conversion from the previous "
                                  "and the first stage, median and mean days from the previous stage, leads still "
                                  "open in it, lost and recycled from it, and durations that go backwards. With "
                                  "--from and --to, the previous period of the same length alongside."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("waterfall takes one argument, the workspace"));
  if (mode_name != NULL && !tandem_waterfall_mode_from_string (mode_name, &options.mode))
    return usage_error (context, _("--mode must be cohort or flow"));
  options.from = from;
  options.to = to;
  options.segment = by;
  for (guint i = 0; i < 2; i++)
    {
      /* A malformed date is a usage error, caught before opening anything */
      const char *text = i == 0 ? from : to;
      GDate ignored;

      if (text != NULL && !parse_as_of (text, &ignored, NULL))
        {
          g_autofree char *msg = g_strdup_printf (_("--%s must be a date, YYYY-MM-DD, not “%s”"),
                                                  i == 0 ? "from" : "to", text);
          return usage_error (context, msg);
        }
    }

  store = tandem_store_open_read_only (argv[1], &error);
  /* No stages saved: the ones the data has, as the Funnel page shows them */
  if (store == NULL || !tandem_funnel_choose (store, &taxonomy, &mapping, &automatic, &sentence, &error))
    return fail_error (error);
  waterfall = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, &error);
  if (waterfall == NULL)
    return fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = tandem_waterfall_to_json (waterfall);

      json_object_set_boolean_member (json_node_get_object (root), "automatic", automatic);
      json_object_set_string_member (json_node_get_object (root), "choice", sentence);
      print_json (root);
      return EXIT_SUCCESS;
    }

  if (automatic)
    printf ("%s\n%s\n\n", sentence, _("They are not saved: keep them with “tandem-cli taxonomy WORKSPACE --save”, or on the Funnel page."));
  print_waterfall (waterfall, _("Waterfall"));
  if (waterfall->previous != NULL)
    {
      printf ("\n");
      print_waterfall (waterfall->previous, _("Previous period"));
    }
  return EXIT_SUCCESS;
}
