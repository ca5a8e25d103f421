/* tandem-cli.c — Tandem's core for scripts: demo, import, info
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command has --help; success exits 0; an error exits 1 with one
 * line on stderr; a usage mistake exits 2.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "tandem-csv.h"
#include "tandem-demo.h"
#include "tandem-store-private.h"

#define EXIT_USAGE 2

typedef int (*CommandFunc) (int argc, char **argv);

static int
fail (const char *message)
{
  g_autofree char *one_line = g_strdup (message);

  g_strdelimit (one_line, "\n", ' ');
  fprintf (stderr, "tandem-cli: %s\n", one_line);
  return EXIT_FAILURE;
}

static int
fail_error (GError *error)
{
  return fail (error->message);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  fprintf (stderr, "tandem-cli: %s\n", message);
  fprintf (stderr, "%s", _("Run with --help to see how to use it.\n"));
  (void) context;
  return EXIT_USAGE;
}

/* Parses a subcommand's options; argv[0] is the subcommand. */
static gboolean
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

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* ---- demo ------------------------------------------------------------------ */

static int
command_demo (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("OUT.tandem — write the demo workspace"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *end_text = NULL;
  GDate end;
  int leads = TANDEM_DEMO_DEFAULT_LEADS;
  gint64 seed = TANDEM_DEMO_DEFAULT_SEED;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "leads", 0, 0, G_OPTION_ARG_INT, &leads, N_("Number of leads (default 20000)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (default 42)"), "S" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text, N_("Last day of the 18 months (default today)"), "YYYY-MM-DD" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Generates a realistic B2B lead base: about 18 months of leads with fit "
                                  "attributes, activity events, stage history and outcomes. The same seed "
                                  "gives the same workspace."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("demo takes one argument, the workspace to write"));
  if (leads < 1 || leads > 10000000)
    return usage_error (context, _("--leads must be between 1 and 10,000,000"));
  if (seed < 0)
    return usage_error (context, _("--seed must not be negative"));

  g_date_clear (&end, 1);
  if (end_text != NULL)
    {
      g_autofree char *normalised = NULL;
      if (!tandem_parse_date (end_text, &normalised) || strlen (normalised) != 10)
        return usage_error (context, _("--end must be a date, YYYY-MM-DD"));
      g_date_set_dmy (&end, (GDateDay) atoi (normalised + 8), (GDateMonth) atoi (normalised + 5),
                      (GDateYear) atoi (normalised));
    }

  store = tandem_store_create (argv[1], &error);
  if (store == NULL)
    return fail_error (error);

  if (!tandem_demo_generate (store, (guint) leads, (guint64) seed, end_text ? &end : NULL, NULL, &error))
    {
      g_clear_object (&store);
      tandem_store_delete_files (argv[1]);
      return fail_error (error);
    }
  if (!tandem_store_checkpoint (store, &error))
    return fail_error (error);

  printf (_("Wrote %s: %'" G_GINT64_FORMAT " leads, %'" G_GINT64_FORMAT " events\n"), argv[1],
          tandem_store_count_leads (store), tandem_store_count_events (store));
  return EXIT_SUCCESS;
}

/* ---- import ---------------------------------------------------------------- */

static void
print_progress (double   fraction,
                gpointer user_data)
{
  fprintf (stderr, "\r%3d %%", (int) (fraction * 100));
  fflush (stderr);
}

static int
command_import (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE.tandem FILE.csv — import a CSV file"));
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) maps = NULL;
  g_auto(GStrv) types = NULL;
  g_auto(GStrv) nulls = NULL;
  g_autofree char *delimiter = NULL;
  TandemImportResult result = { 0, };
  gboolean merge = FALSE, events = FALSE, created = FALSE;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge, N_("Extend the workspace's leads by id with this file's columns"), NULL },
    { "events", 0, 0, G_OPTION_ARG_NONE, &events, N_("Import activity events: lead id, type, timestamp, value"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Give a column a role: id, created, stage, stage-date:STAGE, outcome, amount, source, owner, first-touch, attribute"), "COLUMN=ROLE" },
    { "type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &types, N_("Set a column's type: text, number, date, boolean"), "COLUMN=TYPE" },
    { "null", 0, 0, G_OPTION_ARG_STRING_ARRAY, &nulls, N_("Treat this value as an empty cell (repeatable)"), "TOKEN" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter: , ; tab | (default: detected)"), "CHAR" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Imports leads (or, with --merge, more columns for them; with --events, "
                                  "their activity) into a workspace, creating it when it does not exist. "
                                  "All or nothing: on any error the workspace is left as it was."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 3)
    return usage_error (context, _("import takes two arguments: the workspace and the CSV file"));
  if (merge && events)
    return usage_error (context, _("--merge and --events cannot be used together"));

  tandem_csv_options_set_kind (options, events ? TANDEM_IMPORT_EVENTS : merge ? TANDEM_IMPORT_MERGE : TANDEM_IMPORT_LEADS);

  if (delimiter != NULL)
    {
      char d = g_ascii_strcasecmp (delimiter, "tab") == 0 || g_strcmp0 (delimiter, "\\t") == 0 ? '\t' : delimiter[0];
      if ((d != ',' && d != ';' && d != '\t' && d != '|') || (d != '\t' && delimiter[1] != '\0'))
        return usage_error (context, _("--delimiter must be one of , ; tab |"));
      tandem_csv_options_set_delimiter (options, d);
    }
  for (guint i = 0; maps && maps[i]; i++)
    if (!tandem_csv_options_parse_map (options, maps[i], &error))
      return usage_error (context, error->message);
  for (guint i = 0; types && types[i]; i++)
    if (!tandem_csv_options_parse_type (options, types[i], &error))
      return usage_error (context, error->message);
  for (guint i = 0; nulls && nulls[i]; i++)
    tandem_csv_options_add_null_token (options, nulls[i]);

  if (!g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not open “%s”: No such file or directory"), argv[2]);
      return fail (msg);
    }

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    store = tandem_store_open (argv[1], &error);
  else
    {
      store = tandem_store_create (argv[1], &error);
      created = store != NULL;
    }
  if (store == NULL)
    return fail_error (error);

  if (!tandem_store_import_csv (store, argv[2], options,
                                isatty (STDERR_FILENO) ? print_progress : NULL, NULL,
                                NULL, &result, &error))
    {
      if (isatty (STDERR_FILENO))
        fprintf (stderr, "\r");
      g_clear_object (&store);
      /* "Exactly as it was before": a workspace this command created goes. */
      if (created)
        tandem_store_delete_files (argv[1]);
      tandem_import_result_clear (&result);
      return fail_error (error);
    }
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r");

  switch (tandem_csv_options_get_kind (options))
    {
    case TANDEM_IMPORT_MERGE:
      printf (_("Merged %'" G_GINT64_FORMAT " rows into %s (%u new columns) in %.2f s\n"),
              result.imported, argv[1], result.columns_added, result.seconds);
      break;
    case TANDEM_IMPORT_EVENTS:
      printf (_("Imported %'" G_GINT64_FORMAT " events into %s in %.2f s\n"),
              result.imported, argv[1], result.seconds);
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      printf (_("Imported %'" G_GINT64_FORMAT " leads into %s in %.2f s\n"),
              result.imported, argv[1], result.seconds);
      break;
    }
  if (result.unknown_ids > 0)
    fprintf (stderr,
             _("tandem-cli: warning: %'" G_GINT64_FORMAT " rows name a lead id that is not in the "
               "workspace and were skipped (first: “%s” on line %" G_GINT64_FORMAT ")\n"),
             result.unknown_ids, result.first_unknown_id, result.first_unknown_line);

  tandem_import_result_clear (&result);
  return EXIT_SUCCESS;
}

/* ---- info ------------------------------------------------------------------ */

static int
command_info (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE.tandem — describe a workspace"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  gboolean json = FALSE;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Prints the workspace's schema version, counts and columns."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("info takes one argument, the workspace"));

  store = tandem_store_open (argv[1], &error);
  if (store == NULL)
    return fail_error (error);
  columns = tandem_store_list_columns (store);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, tandem_store_get_schema_version (store));
      json_builder_set_member_name (builder, "leads");
      json_builder_add_int_value (builder, tandem_store_count_leads (store));
      json_builder_set_member_name (builder, "events");
      json_builder_add_int_value (builder, tandem_store_count_events (store));
      json_builder_set_member_name (builder, "stage_history");
      json_builder_add_int_value (builder, tandem_store_count_stage_history (store));
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint i = 0; i < columns->len; i++)
        {
          TandemColumn *column = g_ptr_array_index (columns, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, column->name);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, tandem_column_type_to_string (column->type));
          json_builder_set_member_name (builder, "role");
          if (column->role)
            json_builder_add_string_value (builder, column->role);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "nulls");
          json_builder_add_int_value (builder, column->nulls);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      return EXIT_SUCCESS;
    }

  printf (_("Workspace:      %s\n"), argv[1]);
  printf (_("Schema version: %d\n"), tandem_store_get_schema_version (store));
  printf (_("Leads:          %'" G_GINT64_FORMAT "\n"), tandem_store_count_leads (store));
  printf (_("Events:         %'" G_GINT64_FORMAT "\n"), tandem_store_count_events (store));
  printf (_("Stage history:  %'" G_GINT64_FORMAT "\n"), tandem_store_count_stage_history (store));
  if (columns->len > 0)
    {
      printf ("\n%-32s %-8s %-24s %s\n", _("Column"), _("Type"), _("Role"), _("Empty"));
      for (guint i = 0; i < columns->len; i++)
        {
          TandemColumn *column = g_ptr_array_index (columns, i);
          printf ("%-32s %-8s %-24s %'" G_GINT64_FORMAT "\n", column->name,
                  tandem_column_type_to_string (column->type),
                  column->role ? column->role : "attribute", column->nulls);
        }
    }
  return EXIT_SUCCESS;
}

/* ---- main ------------------------------------------------------------------ */

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "demo",   command_demo,   N_("Write the demo workspace") },
  { "import", command_import, N_("Import leads, more columns for them, or their events from CSV") },
  { "info",   command_info,   N_("Describe a workspace") },
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
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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
