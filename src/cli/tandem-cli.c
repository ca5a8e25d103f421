/* tandem-cli.c — Tandem's core for scripts: the command table, --help,
 * and what the commands share (messages, options, opening and scoring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command has --help; success exits 0; an error exits 1 with one
 * line on stderr; a usage mistake exits 2.  The commands live in
 * tandem-cli-<group>.c, one file per group.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-cli.h"
#include "tandem-cli-private.h"

int
fail (const char *message)
{
  g_autofree char *one_line = g_strdup (message);

  g_strdelimit (one_line, "\n", ' ');
  fprintf (stderr, "tandem-cli: %s\n", one_line);
  return EXIT_FAILURE;
}

int
fail_error (GError *error)
{
  return fail (error->message);
}

int
usage_error (GOptionContext *context,
             const char     *message)
{
  fprintf (stderr, "tandem-cli: %s\n", message);
  fprintf (stderr, "%s", _("Run with --help to see how to use it.\n"));
  (void) context;
  return EXIT_USAGE;
}

/* Parses a subcommand's options; argv[0] is the subcommand. */
gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *exit_code)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

void
print_json (JsonNode *root)
{
  g_autofree char *text = tandem_json_to_data (root, TRUE);

  printf ("%s\n", text);
}

/* ---- Scoring ------------------------------------------------------------- */

/* --model NAME, --rules FILE, or the live model. */
TandemModel *
choose_model (TandemStore  *store,
              const char   *model_name,
              const char   *rules_path,
              GError      **error)
{
  if (model_name != NULL && rules_path != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--model and --rules cannot be used together"));
      return NULL;
    }
  if (rules_path != NULL)
    return tandem_model_new_from_file (rules_path, error);
  return tandem_model_load (store, model_name, error);
}

gboolean
parse_as_of (const char  *text,
             GDate       *out,
             GError     **error)
{
  g_autofree char *normalised = NULL;

  if (text == NULL)
    return TRUE;
  if (!tandem_parse_date (text, &normalised) || strlen (normalised) != 10)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--as-of must be a date, YYYY-MM-DD, not “%s”"), text);
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) atoi (normalised + 8), (GDateMonth) atoi (normalised + 5),
                  (GDateYear) atoi (normalised));
  return TRUE;
}

void
add_json_entry (GOptionContext *context,
                gboolean       *json)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

void
add_scoring_entries (GOptionContext *context,
                     ScoringOptions *o)
{
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &o->model, N_("A model stored in the workspace (default: the live one)"), "NAME" },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &o->rules, N_("A model in a JSON file"), "MODEL.json" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &o->as_of, N_("Score as of this date (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("scoring", _("Scoring options"), _("Show scoring options"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
}

void
scoring_options_clear (ScoringOptions *o)
{
  g_free (o->model);
  g_free (o->rules);
  g_free (o->as_of);
}

/* Opens the workspace and scores it; on failure prints why and sets *code. */
TandemScorer *
open_and_score (const char     *path,
                ScoringOptions *o,
                TandemStore   **out_store,
                int            *code)
{
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(GError) error = NULL;
  TandemScorer *scorer;
  GDate as_of;

  if (!parse_as_of (o->as_of, &as_of, &error))
    {
      *code = usage_error (NULL, error->message);
      return NULL;
    }
  /* The file's page check runs on the second core while this one scores;
   * nothing is shown before it passes, and a damaged file is reported as
   * that, whatever else went wrong reading it */
  store = tandem_store_open_read_only_overlapped (path, &error);
  if (store == NULL)
    {
      *code = fail_error (error);
      return NULL;
    }
  if ((model = choose_model (store, o->model, o->rules, &error)) != NULL)
    scorer = tandem_scorer_new (store, model, o->as_of ? &as_of : NULL, NULL, &error);
  else
    scorer = NULL;
  {
    g_autoptr(GError) check_error = NULL;

    if (!tandem_store_finish_check (store, &check_error))
      {
        g_clear_pointer (&scorer, tandem_scorer_free);
        g_clear_error (&error);
        error = g_steal_pointer (&check_error);
      }
  }
  if (scorer == NULL)
    {
      *code = fail_error (error);
      return NULL;
    }
  if (out_store)
    *out_store = g_steal_pointer (&store);
  return scorer;
}

char *
percent (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f %%", 100 * value);
}

/* ---- The commands -------------------------------------------------------- */

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "demo",   command_demo,   N_("Write the demo workspace") },
  { "import", command_import, N_("Import leads, more columns for them, or their events from CSV") },
  { "info",   command_info,   N_("Describe a workspace") },
  { "currency", command_currency, N_("Show or set the currency of a workspace's amounts") },
  { "rules",  command_rules,  N_("Store, list and export scoring models") },
  { "score",  command_score,  N_("Score every lead with a model") },
  { "explain", command_explain, N_("Explain one lead's score") },
  { "matrix", command_matrix, N_("Count leads per cell of the fit × interest matrix") },
  { "insights", command_insights, N_("What outcomes say about a model: cells, rules' lift, deciles") },
  { "diff",   command_diff,   N_("Compare two models on the same leads") },
  { "sql",    command_sql,    N_("Write the model as SQL for a data warehouse") },
  { "taxonomy", command_taxonomy, N_("Show or choose the lead stages and how the data maps onto them") },
  { "waterfall", command_waterfall, N_("The demand waterfall: volumes, conversion and days per stage") },
#ifdef TANDEM_HAVE_CHARTS
  { "chart",  command_chart,  N_("Draw the matrix, the waterfall or a scenario's targets as PNG, SVG or PDF") },
  { "agreement", command_agreement, N_("Write the agreement both teams sign, as a PDF") },
#endif
  { "suggest", command_suggest, N_("Suggest a scoring model from outcomes, back-tested on a holdout") },
  { "sla",    command_sla,    N_("How sales follows up the MQLs marketing delivers, against the agreed terms") },
  { "plan",   command_plan,   N_("Plan targets: a revenue goal back to the leads it needs, and forward") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s", _("Usage: tandem-cli COMMAND [OPTION…] ARGUMENTS\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "%s", _("\nRun “tandem-cli COMMAND --help” for a command's options.\n"));
}

int
tandem_cli_run (int    argc,
                char **argv)
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* TANDEM_LOCALEDIR points an uninstalled build at its own catalogues
   * (build/po/LANG/LC_MESSAGES/tandem.mo), as the translation tests do. */
  localedir = g_getenv ("TANDEM_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("tandem-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("tandem-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("tandem-cli %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].func (argc - 1, argv + 1);
      }

  fprintf (stderr, _("tandem-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
