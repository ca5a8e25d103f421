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
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "tandem-csv.h"
#include "tandem-decisions.h"
#include "tandem-demo.h"
#include "tandem-funnel.h"
#include "tandem-insights.h"
#include "tandem-json.h"
#include "tandem-plan.h"
#include "tandem-plan-actuals.h"
#ifdef TANDEM_HAVE_CHARTS
#include "tandem-agreement.h"
#include "tandem-chart-data.h"
#endif
#include "tandem-scenario.h"
#include "tandem-sla.h"
#include "tandem-scorer.h"
#include "tandem-sql.h"
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
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = tandem_json_to_data (root, TRUE);

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

  /* Built under a temporary name: killed or failing, it leaves nothing at the path */
  store = tandem_store_create_unpublished (argv[1], &error);
  if (store == NULL ||
      !tandem_demo_generate (store, (guint) leads, (guint64) seed, end_text ? &end : NULL, NULL, &error) ||
      !tandem_store_publish (store, &error))
    return fail_error (error);

  printf (_("Wrote %s: %'lld leads, %'lld events\n"), argv[1],
          (long long) tandem_store_count_leads (store), (long long) tandem_store_count_events (store));
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

  /* The file first (a regular file, readable, with a header), so that a
   * file that cannot be imported creates or touches no workspace.        */
  if (!tandem_csv_check_file (argv[2], options, &error))
    return fail_error (error);

  /* A new workspace is built under a temporary name and appears at the path
   * only once the import committed: killed or failing, nothing is left.   */
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    store = tandem_store_open (argv[1], &error);
  else
    {
      store = tandem_store_create_unpublished (argv[1], &error);
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
      /* "Exactly as it was before": an unpublished workspace goes with the store. */
      g_clear_object (&store);
      tandem_import_result_clear (&result);
      return fail_error (error);
    }
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r");
  if (created && !tandem_store_publish (store, &error))
    {
      tandem_import_result_clear (&result);
      return fail_error (error);
    }

  switch (tandem_csv_options_get_kind (options))
    {
    case TANDEM_IMPORT_MERGE:
      printf (_("Merged %'lld rows into %s (%u new columns) in %.2f s\n"),
              (long long) result.imported, argv[1], result.columns_added, result.seconds);
      break;
    case TANDEM_IMPORT_EVENTS:
      printf (_("Imported %'lld events into %s in %.2f s\n"),
              (long long) result.imported, argv[1], result.seconds);
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      printf (_("Imported %'lld leads into %s in %.2f s\n"),
              (long long) result.imported, argv[1], result.seconds);
      break;
    }
  if (result.unknown_ids > 0)
    fprintf (stderr,
             _("tandem-cli: warning: %'lld rows name a lead id that is not in the "
               "workspace and were skipped (first: “%s” on line %lld)\n"),
             (long long) result.unknown_ids, result.first_unknown_id, (long long) result.first_unknown_line);

  tandem_import_result_clear (&result);
  return EXIT_SUCCESS;
}

/* ---- info ------------------------------------------------------------------ */

/* Text from a workspace as one cell of a text table, @width terminal
 * columns wide: control, format and line-separator characters shown as
 * \n, \t, \r or \uXXXX (the terminal never acts on them), too long text
 * cut with “…”, then padded.  The JSON output keeps the exact text.     */
static char *
table_cell (const char *text,
            guint       width)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) cell = g_string_new (NULL);
  g_autoptr(GString) piece = g_string_new (NULL);
  guint used = 0, fits_len = 0, fits_width = 0;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType kind = g_unichar_type (c);
      guint w;

      g_string_truncate (piece, 0);
      if (c == '\n' || c == '\t' || c == '\r')
        g_string_append_printf (piece, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
      else if (kind == G_UNICODE_CONTROL || kind == G_UNICODE_FORMAT ||
               kind == G_UNICODE_LINE_SEPARATOR || kind == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_printf (piece, "\\u%04X", c);
      if (piece->len > 0)
        w = (guint) piece->len;   /* ASCII */
      else
        {
          g_string_append_unichar (piece, c);
          w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
        }

      /* Remember where the text still leaves room for the ellipsis */
      if (used + w <= width - 1)
        fits_len = cell->len + piece->len, fits_width = used + w;
      g_string_append_len (cell, piece->str, piece->len);
      used += w;
    }

  if (used > width)
    {
      g_string_truncate (cell, fits_len);
      g_string_append (cell, "…");
      used = fits_width + 1;
    }
  for (; used < width; used++)
    g_string_append_c (cell, ' ');
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

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

  store = tandem_store_open_read_only (argv[1], &error);
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
  printf (_("Leads:          %'lld\n"), (long long) tandem_store_count_leads (store));
  printf (_("Events:         %'lld\n"), (long long) tandem_store_count_events (store));
  printf (_("Stage history:  %'lld\n"), (long long) tandem_store_count_stage_history (store));
  if (columns->len > 0)
    {
      g_autofree char *name_head = table_cell (_("Column"), 32);
      g_autofree char *type_head = table_cell (_("Type"), 8);
      g_autofree char *role_head = table_cell (_("Role"), 24);

      printf ("\n%s %s %s %s\n", name_head, type_head, role_head, _("Empty"));
      for (guint i = 0; i < columns->len; i++)
        {
          TandemColumn *column = g_ptr_array_index (columns, i);
          g_autofree char *name = table_cell (column->name, 32);
          g_autofree char *role = table_cell (column->role ? column->role : "attribute", 24);

          printf ("%s %-8s %s %'" G_GINT64_FORMAT "\n", name,
                  tandem_column_type_to_string (column->type), role, column->nulls);
        }
    }
  return EXIT_SUCCESS;
}


/* ---- Scoring ------------------------------------------------------------- */

/* --model NAME, --rules FILE, or the live model. */
static TandemModel *
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

static gboolean
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

typedef struct
{
  char *model;
  char *rules;
  char *as_of;
} ScoringOptions;

static void
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

static void
scoring_options_clear (ScoringOptions *o)
{
  g_free (o->model);
  g_free (o->rules);
  g_free (o->as_of);
}

/* Opens the workspace and scores it; on failure prints why and sets *code. */
static TandemScorer *
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
  store = tandem_store_open_read_only (path, &error);
  if (store == NULL || (model = choose_model (store, o->model, o->rules, &error)) == NULL)
    {
      *code = fail_error (error);
      return NULL;
    }
  scorer = tandem_scorer_new (store, model, o->as_of ? &as_of : NULL, NULL, &error);
  if (scorer == NULL)
    {
      *code = fail_error (error);
      return NULL;
    }
  if (out_store)
    *out_store = g_steal_pointer (&store);
  return scorer;
}

static int
command_score (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — score every lead"));
  g_autoptr(TandemScorer) scorer = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *out_path = NULL;
  ScoringOptions o = { 0, };
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (default) or json"), "FORMAT" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to this file instead of standard output"), "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_scoring_entries (context, &o);
  g_option_context_set_summary (context, _("Prints id, fit, interest, grade and mql (1 or 0) for every lead."));
  if (!parse_options (context, &argc, &argv, &code))
    goto out;
  if (argc != 2)
    {
      code = usage_error (context, _("score takes one argument, the workspace"));
      goto out;
    }
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      code = usage_error (context, _("--format must be csv or json"));
      goto out;
    }
  scorer = open_and_score (argv[1], &o, NULL, &code);
  if (scorer == NULL)
    goto out;

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < tandem_scorer_get_n_leads (scorer); i++)
        {
          TandemScore score;
          g_autofree char *grade = tandem_scorer_dup_grade (scorer, i);

          tandem_scorer_get_score (scorer, i, &score);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, tandem_scorer_get_key (scorer, i));
          /* Full precision in JSON, for comparing with other engines */
          json_builder_set_member_name (builder, "fit");
          json_builder_add_double_value (builder, score.fit);
          json_builder_set_member_name (builder, "interest");
          json_builder_add_double_value (builder, score.interest);
          json_builder_set_member_name (builder, "grade");
          json_builder_add_string_value (builder, grade);
          json_builder_set_member_name (builder, "mql");
          json_builder_add_boolean_value (builder, score.mql);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_string_append_printf (out, "%s\n", text);
    }
  else
    {
      tandem_scorer_append_csv (scorer, out);
    }

  if (out_path != NULL)
    {
      if (!g_file_set_contents (out_path, out->str, (gssize) out->len, &error))
        code = fail_error (error);
    }
  else
    fwrite (out->str, 1, out->len, stdout);

out:
  scoring_options_clear (&o);
  return code;
}

static int
command_explain (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE LEAD_ID — why a lead scores what it does"));
  g_autoptr(TandemScorer) scorer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *grade = NULL;
  ScoringOptions o = { 0, };
  TandemScore score;
  int code = EXIT_SUCCESS;
  int lead;

  add_scoring_entries (context, &o);
  g_option_context_set_summary (context, _("Lists every rule that fired for the lead, with its points and the lead's value, and any clamping."));
  if (!parse_options (context, &argc, &argv, &code))
    goto out;
  if (argc != 3)
    {
      code = usage_error (context, _("explain takes two arguments: the workspace and a lead id"));
      goto out;
    }
  scorer = open_and_score (argv[1], &o, NULL, &code);
  if (scorer == NULL)
    goto out;
  lead = tandem_scorer_find_lead (scorer, argv[2]);
  if (lead < 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The workspace has no lead with the id “%s”"), argv[2]);
      code = fail (msg);
      goto out;
    }

  tandem_scorer_get_score (scorer, (guint) lead, &score);
  grade = tandem_scorer_dup_grade (scorer, (guint) lead);
  text = tandem_scorer_explain (scorer, (guint) lead);
  printf ("%s: %s%s\n%s\n", argv[2], grade, score.mql ? _(" (MQL)") : "", text);

out:
  scoring_options_clear (&o);
  return code;
}

static int
command_matrix (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — leads per cell of the fit × interest matrix"));
  g_autoptr(TandemScorer) scorer = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemInsights) in = NULL;
  g_autoptr(GError) error = NULL;
  ScoringOptions o = { 0, };
  TandemModel *model;
  gboolean json = FALSE;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_scoring_entries (context, &o);
  if (!parse_options (context, &argc, &argv, &code))
    goto out;
  if (argc != 2)
    {
      code = usage_error (context, _("matrix takes one argument, the workspace"));
      goto out;
    }
  scorer = open_and_score (argv[1], &o, &store, &code);
  if (scorer == NULL)
    goto out;
  /* The same counts, and with outcomes the wins, as insights gives */
  in = tandem_insights_new (scorer, store, &error);
  if (in == NULL)
    {
      code = fail_error (error);
      goto out;
    }
  model = tandem_scorer_get_model (scorer);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "leads");
      json_builder_add_int_value (builder, in->leads);
      json_builder_set_member_name (builder, "mql");
      json_builder_add_int_value (builder, in->mql);
      json_builder_set_member_name (builder, "cells");
      json_builder_begin_array (builder);
      for (guint f = 0; f < in->n_fit; f++)
        for (guint i = 0; i < in->n_interest; i++)
          {
            g_autofree char *cell = tandem_model_cell_name (f, i);
            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "cell");
            json_builder_add_string_value (builder, cell);
            json_builder_set_member_name (builder, "leads");
            json_builder_add_int_value (builder, in->cells[f][i].leads);
            json_builder_set_member_name (builder, "mql");
            json_builder_add_boolean_value (builder, tandem_model_is_mql_cell (model, f, i));
            if (in->has_outcomes)
              {
                json_builder_set_member_name (builder, "won");
                json_builder_add_int_value (builder, in->cells[f][i].won);
                json_builder_set_member_name (builder, "conversion");
                if (in->cells[f][i].leads > 0)
                  json_builder_add_double_value (builder, (double) in->cells[f][i].won / in->cells[f][i].leads);
                else
                  json_builder_add_null_value (builder);
              }
            json_builder_end_object (builder);
          }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
      goto out;
    }

  printf ("%-4s", "");
  for (guint i = 0; i < in->n_interest; i++)
    printf (" %14u", i + 1);
  printf ("\n");
  for (guint f = 0; f < in->n_fit; f++)
    {
      printf ("%-4c", 'A' + f);
      for (guint i = 0; i < in->n_interest; i++)
        {
          const TandemCellStat *c = &in->cells[f][i];
          const char *mark = tandem_model_is_mql_cell (model, f, i) ? "*" : "";
          g_autofree char *cell = in->has_outcomes && c->leads > 0
                                  ? g_strdup_printf ("%u%s %3.0f%%", c->leads, mark, 100.0 * c->won / c->leads)
                                  : g_strdup_printf ("%u%s", c->leads, mark);
          printf (" %14s", cell);
        }
      printf ("\n");
    }
  printf (_("%u of %u leads are MQLs (cells marked *)%s\n"), in->mql, in->leads,
          in->has_outcomes ? _("; percentages are the share won") : "");

out:
  scoring_options_clear (&o);
  return code;
}

static void
json_rate (JsonBuilder *builder,
           const char  *name,
           double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static char *
percent (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f %%", 100 * value);
}

/* In flow mode more can arrive at a stage than at the one before: a
 * multiple ("×5.1") rather than 509.6 % (as the chart and the app say) */
static char *
flow_rate (double value)
{
  return !isnan (value) && value > 1 ? g_strdup_printf ("×%.1f", value) : percent (value);
}

static int
command_insights (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — what outcomes say about a model"));
  g_autoptr(TandemScorer) scorer = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemInsights) insights = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemInsights) live_insights = NULL;
  g_autofree char *live_name = NULL;
  ScoringOptions o = { 0, };
  gboolean json = FALSE;
  int code = EXIT_SUCCESS;
  static const char *const dims[] = { "fit", "interest" };
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_scoring_entries (context, &o);
  g_option_context_set_summary (context, _("Per cell: leads, won and conversion; per rule: how many leads it matches and "
                                           "their conversion against the rest (lift); conversion by score decile."));
  if (!parse_options (context, &argc, &argv, &code))
    goto out;
  if (argc != 2)
    {
      code = usage_error (context, _("insights takes one argument, the workspace"));
      goto out;
    }
  scorer = open_and_score (argv[1], &o, &store, &code);
  if (scorer == NULL)
    goto out;
  insights = tandem_insights_new (scorer, store, &error);
  if (insights == NULL)
    {
      code = fail_error (error);
      goto out;
    }
  if (!insights->has_outcomes)
    {
      code = fail (_("The workspace has no outcome column, so there is nothing to learn from; "
                     "import one with the role outcome (won/lost)"));
      goto out;
    }

  /* A draft (another stored model, or a file) is back-tested against the
   * live model: how the MQL set's size and conversion would change. */
  if (o.model != NULL || o.rules != NULL)
    {
      g_autoptr(TandemModel) live = tandem_model_load (store, NULL, NULL);
      GDate as_of;

      if (live != NULL && !(o.model != NULL && g_str_equal (o.model, tandem_model_get_name (live))) &&
          parse_as_of (o.as_of, &as_of, NULL))
        {
          g_autoptr(TandemScorer) live_scorer = tandem_scorer_new (store, live, o.as_of ? &as_of : NULL, NULL, &error);
          if (live_scorer == NULL || (live_insights = tandem_insights_new (live_scorer, store, &error)) == NULL)
            {
              code = fail_error (error);
              goto out;
            }
          live_name = g_strdup (tandem_model_get_name (live));
        }
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      TandemModel *model = tandem_scorer_get_model (scorer);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "leads");
      json_builder_add_int_value (b, insights->leads);
      json_builder_set_member_name (b, "won");
      json_builder_add_int_value (b, insights->won);
      json_builder_set_member_name (b, "mql");
      json_builder_add_int_value (b, insights->mql);
      json_builder_set_member_name (b, "mql_won");
      json_builder_add_int_value (b, insights->mql_won);
      json_rate (b, "mql_conversion", insights->mql ? (double) insights->mql_won / insights->mql : NAN);
      json_builder_set_member_name (b, "versus_live");
      if (live_insights != NULL)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "live_model");
          json_builder_add_string_value (b, live_name);
          json_builder_set_member_name (b, "mql");
          json_builder_add_int_value (b, live_insights->mql);
          json_builder_set_member_name (b, "mql_won");
          json_builder_add_int_value (b, live_insights->mql_won);
          json_rate (b, "mql_conversion", live_insights->mql ? (double) live_insights->mql_won / live_insights->mql : NAN);
          json_builder_set_member_name (b, "mql_change");
          json_builder_add_int_value (b, (gint64) insights->mql - (gint64) live_insights->mql);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint f = 0; f < insights->n_fit; f++)
        for (guint i = 0; i < insights->n_interest; i++)
          {
            g_autofree char *cell = tandem_model_cell_name (f, i);
            json_builder_begin_object (b);
            json_builder_set_member_name (b, "cell");
            json_builder_add_string_value (b, cell);
            json_builder_set_member_name (b, "leads");
            json_builder_add_int_value (b, insights->cells[f][i].leads);
            json_builder_set_member_name (b, "won");
            json_builder_add_int_value (b, insights->cells[f][i].won);
            json_rate (b, "conversion", insights->cells[f][i].leads ? (double) insights->cells[f][i].won / insights->cells[f][i].leads : NAN);
            json_builder_set_member_name (b, "mql");
            json_builder_add_boolean_value (b, tandem_model_is_mql_cell (model, f, i));
            json_builder_end_object (b);
          }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "rules");
      json_builder_begin_array (b);
      for (guint k = 0; k < insights->rules->len; k++)
        {
          TandemRuleStat *r = &g_array_index (insights->rules, TandemRuleStat, k);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "dimension");
          json_builder_add_string_value (b, dims[r->dimension]);
          json_builder_set_member_name (b, "index");
          json_builder_add_int_value (b, r->rule);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, r->label);
          json_builder_set_member_name (b, "matched");
          json_builder_add_int_value (b, r->matched);
          json_builder_set_member_name (b, "matched_won");
          json_builder_add_int_value (b, r->matched_won);
          json_rate (b, "conversion_matched", r->conversion_in);
          json_rate (b, "conversion_others", r->conversion_out);
          json_rate (b, "lift", r->lift);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "deciles");
      json_builder_begin_object (b);
      for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
        {
          json_builder_set_member_name (b, dims[d]);
          json_builder_begin_array (b);
          for (guint k = 0; k < 10; k++)
            {
              TandemDecile *dec = &insights->deciles[d][k];
              json_builder_begin_object (b);
              json_rate (b, "from", dec->lo);
              json_rate (b, "to", dec->hi);
              json_builder_set_member_name (b, "leads");
              json_builder_add_int_value (b, dec->leads);
              json_builder_set_member_name (b, "won");
              json_builder_add_int_value (b, dec->won);
              json_rate (b, "conversion", dec->leads ? (double) dec->won / dec->leads : NAN);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      print_json (b);
      goto out;
    }

  {
    g_autofree char *all = percent (insights->leads ? (double) insights->won / insights->leads : NAN);
    g_autofree char *mql = percent (insights->mql ? (double) insights->mql_won / insights->mql : NAN);
    printf (_("%'u leads, %'u won (%s); %'u MQLs, %'u won (%s)\n"), insights->leads, insights->won, all,
            insights->mql, insights->mql_won, mql);
    if (live_insights != NULL)
      {
        g_autofree char *live_mql = percent (live_insights->mql ? (double) live_insights->mql_won / live_insights->mql : NAN);
        /* Translators: back-testing a draft: the live model's MQLs and their conversion, then the change in MQLs */
        printf (_("Live model “%s”: %'u MQLs, %'u won (%s); this model changes the MQLs by %+lld\n"), live_name,
                live_insights->mql, live_insights->mql_won, live_mql,
                (long long) insights->mql - (long long) live_insights->mql);
      }
  }
  printf ("\n%s\n", _("Rules: leads matched, conversion of those matched vs the others, lift"));
  for (guint k = 0; k < insights->rules->len; k++)
    {
      TandemRuleStat *r = &g_array_index (insights->rules, TandemRuleStat, k);
      g_autofree char *in = percent (r->conversion_in);
      g_autofree char *outside = percent (r->conversion_out);
      g_autofree char *lift = isnan (r->lift) ? g_strdup ("—") : g_strdup_printf ("×%.2f", r->lift);
      printf ("  %-8s %-40.40s %8u  %8s vs %-8s %s\n", _(dims[r->dimension]), r->label, r->matched, in, outside, lift);
    }
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      printf ("\n%s %s\n", _("Conversion by decile of"), _(dims[d]));
      for (guint k = 0; k < 10; k++)
        {
          TandemDecile *dec = &insights->deciles[d][k];
          g_autofree char *conv = percent (dec->leads ? (double) dec->won / dec->leads : NAN);
          printf ("  %2u  %8.2f – %-8.2f %8u leads  %s\n", k + 1, dec->lo, dec->hi, dec->leads, conv);
        }
    }

out:
  scoring_options_clear (&o);
  return code;
}

/* A stored model by name, or a model file (an argument ending in .json). */
static TandemModel *
load_named_model (TandemStore  *store,
                  const char   *name_or_path,
                  GError      **error)
{
  if (g_str_has_suffix (name_or_path, ".json") && g_file_test (name_or_path, G_FILE_TEST_IS_REGULAR))
    return tandem_model_new_from_file (name_or_path, error);
  return tandem_model_load (store, name_or_path, error);
}

static int
command_diff (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE MODEL_A MODEL_B — how two models differ on the same leads"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemModel) a = NULL;
  g_autoptr(TandemModel) b = NULL;
  g_autoptr(TandemScorer) sa = NULL;
  g_autoptr(TandemScorer) sb = NULL;
  g_autoptr(TandemInsights) ia = NULL;
  g_autoptr(TandemInsights) ib = NULL;
  g_autoptr(GPtrArray) entering = g_ptr_array_new ();
  g_autoptr(GPtrArray) leaving = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  GDate as_of;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Score as of this date (default today)"), "YYYY-MM-DD" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Per cell, the leads under each model, and the leads that enter or leave "
                                           "the MQL set; with outcomes, each MQL set's conversion. A model is a name "
                                           "stored in the workspace or a .json file."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 4)
    return usage_error (context, _("diff takes three arguments: the workspace and two models"));
  if (!parse_as_of (as_of_text, &as_of, &error))
    return usage_error (context, error->message);

  store = tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || (a = load_named_model (store, argv[2], &error)) == NULL ||
      (b = load_named_model (store, argv[3], &error)) == NULL ||
      (sa = tandem_scorer_new (store, a, as_of_text ? &as_of : NULL, NULL, &error)) == NULL ||
      (sb = tandem_scorer_new (store, b, as_of_text ? &as_of : NULL, NULL, &error)) == NULL ||
      (ia = tandem_insights_new (sa, store, &error)) == NULL ||
      (ib = tandem_insights_new (sb, store, &error)) == NULL)
    return fail_error (error);

  for (guint i = 0; i < tandem_scorer_get_n_leads (sa); i++)
    {
      TandemScore x, y;
      tandem_scorer_get_score (sa, i, &x);
      tandem_scorer_get_score (sb, i, &y);
      if (!x.mql && y.mql)
        g_ptr_array_add (entering, (gpointer) tandem_scorer_get_key (sa, i));
      else if (x.mql && !y.mql)
        g_ptr_array_add (leaving, (gpointer) tandem_scorer_get_key (sa, i));
    }

  if (json)
    {
      g_autoptr(JsonBuilder) jb = json_builder_new ();
      TandemInsights *both[] = { ia, ib };
      TandemModel *models[] = { a, b };

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "models");
      json_builder_begin_array (jb);
      for (guint m = 0; m < 2; m++)
        {
          json_builder_begin_object (jb);
          json_builder_set_member_name (jb, "name");
          json_builder_add_string_value (jb, tandem_model_get_name (models[m]));
          json_builder_set_member_name (jb, "mql");
          json_builder_add_int_value (jb, both[m]->mql);
          if (both[m]->has_outcomes)
            json_rate (jb, "mql_conversion", both[m]->mql ? (double) both[m]->mql_won / both[m]->mql : NAN);
          json_builder_set_member_name (jb, "cells");
          json_builder_begin_object (jb);
          for (guint f = 0; f < both[m]->n_fit; f++)
            for (guint i = 0; i < both[m]->n_interest; i++)
              {
                g_autofree char *cell = tandem_model_cell_name (f, i);
                json_builder_set_member_name (jb, cell);
                json_builder_add_int_value (jb, both[m]->cells[f][i].leads);
              }
          json_builder_end_object (jb);
          json_builder_end_object (jb);
        }
      json_builder_end_array (jb);
      json_builder_set_member_name (jb, "entering");
      json_builder_begin_array (jb);
      for (guint k = 0; k < entering->len; k++)
        json_builder_add_string_value (jb, g_ptr_array_index (entering, k));
      json_builder_end_array (jb);
      json_builder_set_member_name (jb, "leaving");
      json_builder_begin_array (jb);
      for (guint k = 0; k < leaving->len; k++)
        json_builder_add_string_value (jb, g_ptr_array_index (leaving, k));
      json_builder_end_array (jb);
      json_builder_end_object (jb);
      print_json (jb);
      return EXIT_SUCCESS;
    }

  for (guint m = 0; m < 2; m++)
    {
      TandemInsights *in = m ? ib : ia;
      g_autofree char *conv = percent (in->mql ? (double) in->mql_won / in->mql : NAN);
      printf (_("%s: %'u MQLs%s%s\n"), tandem_model_get_name (m ? b : a), in->mql,
              in->has_outcomes ? _(", conversion ") : "", in->has_outcomes ? conv : "");
    }
  printf (_("%'u leads enter the MQL set, %'u leave it\n"), entering->len, leaving->len);
  for (guint k = 0; k < MIN (entering->len, 10u); k++)
    printf ("  + %s\n", (const char *) g_ptr_array_index (entering, k));
  for (guint k = 0; k < MIN (leaving->len, 10u); k++)
    printf ("  - %s\n", (const char *) g_ptr_array_index (leaving, k));
  return EXIT_SUCCESS;
}

static int
command_sql (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — the model as one SQL query for a data warehouse"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dialect_name = NULL;
  g_autofree char *sql = NULL;
  ScoringOptions o = { 0, };
  TandemSqlDialect dialect = TANDEM_SQL_POSTGRES;
  GDate as_of;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect_name, N_("postgres (default) or sqlite"), "DIALECT" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_scoring_entries (context, &o);
  g_option_context_set_summary (context,
                                _("Prints one SELECT that computes id, fit, interest, grade and mql for every lead "
                                  "from the workspace's tables (leads, events), as Tandem does."));
  if (!parse_options (context, &argc, &argv, &code))
    goto out;
  if (argc != 2)
    {
      code = usage_error (context, _("sql takes one argument, the workspace"));
      goto out;
    }
  if (dialect_name != NULL && g_str_equal (dialect_name, "sqlite"))
    dialect = TANDEM_SQL_SQLITE;
  else if (dialect_name != NULL && !g_str_equal (dialect_name, "postgres") && !g_str_equal (dialect_name, "postgresql"))
    {
      code = usage_error (context, _("--dialect must be postgres or sqlite"));
      goto out;
    }
  if (!parse_as_of (o.as_of, &as_of, &error))
    {
      code = usage_error (context, error->message);
      goto out;
    }

  store = tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || (model = choose_model (store, o.model, o.rules, &error)) == NULL ||
      (sql = tandem_model_to_sql (model, store, dialect, o.as_of ? &as_of : NULL, &error)) == NULL)
    {
      code = fail_error (error);
      goto out;
    }
  fputs (sql, stdout);

out:
  scoring_options_clear (&o);
  return code;
}

/* ---- rules --------------------------------------------------------------- */

static int
command_rules (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;
  g_autofree char *model_name = NULL;
  gboolean live = FALSE;
  int code = EXIT_SUCCESS;
  const char *sub = argc > 1 ? argv[1] : NULL;
  GOptionEntry import_entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Store it under this name (default: the model's own)"), "NAME" },
    { "live", 0, 0, G_OPTION_ARG_NONE, &live, N_("Make it the live model"), NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("With --live: why, for the decision log"), "TEXT" },
    { NULL }
  };
  GOptionEntry export_entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &model_name, N_("The model (default: the live one)"), "NAME" },
    { NULL }
  };

  if (sub == NULL || g_str_equal (sub, "--help") || g_str_equal (sub, "-h"))
    {
      printf ("%s", _("Usage:\n"
                      "  tandem-cli rules import WORKSPACE MODEL.json [--name NAME] [--live [--note TEXT]]\n"
                      "  tandem-cli rules export WORKSPACE [--model NAME]\n"
                      "  tandem-cli rules list WORKSPACE\n"));
      return sub == NULL ? EXIT_USAGE : EXIT_SUCCESS;
    }

  if (g_str_equal (sub, "import"))
    {
      g_autoptr(TandemModel) model = NULL;

      context = g_option_context_new (_("WORKSPACE MODEL.json — store a scoring model in the workspace"));
      g_option_context_add_main_entries (context, import_entries, GETTEXT_PACKAGE);
      argc--, argv++;
      if (!parse_options (context, &argc, &argv, &code))
        return code;
      if (argc != 3)
        return usage_error (context, _("rules import takes two arguments: the workspace and the model file"));
      store = tandem_store_open (argv[1], &error);
      if (store == NULL || (model = tandem_model_new_from_file (argv[2], &error)) == NULL)
        return fail_error (error);
      if (name != NULL)
        tandem_model_set_name (model, name);
      if (!tandem_model_validate (model, store, &error))
        return fail_error (error);
      if (!live)
        {
          if (!tandem_model_save (model, store, FALSE, &error))
            return fail_error (error);
        }
      else
        {
          /* Live, and the change in the decision log, together */
          g_autoptr(TandemModel) before = tandem_model_load (store, NULL, NULL);
          if (!tandem_store_begin (store, &error) || !tandem_model_insert (model, store, TRUE, &error) ||
              !tandem_decision_insert (store, before, model, note, &error) || !tandem_store_commit (store, &error))
            {
              tandem_store_rollback (store);
              return fail_error (error);
            }
        }
      printf (_("Stored the model “%s”%s\n"), tandem_model_get_name (model), live ? _(" as the live model") : "");
      return EXIT_SUCCESS;
    }

  if (g_str_equal (sub, "export"))
    {
      g_autoptr(TandemModel) model = NULL;
      g_autofree char *json = NULL;

      context = g_option_context_new (_("WORKSPACE — print a stored model as JSON"));
      g_option_context_add_main_entries (context, export_entries, GETTEXT_PACKAGE);
      argc--, argv++;
      if (!parse_options (context, &argc, &argv, &code))
        return code;
      if (argc != 2)
        return usage_error (context, _("rules export takes one argument, the workspace"));
      store = tandem_store_open_read_only (argv[1], &error);
      if (store == NULL || (model = tandem_model_load (store, model_name, &error)) == NULL)
        return fail_error (error);
      json = tandem_model_to_json (model);
      printf ("%s\n", json);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (sub, "list"))
    {
      g_autoptr(GPtrArray) models = NULL;

      context = g_option_context_new (_("WORKSPACE — the models stored in a workspace"));
      argc--, argv++;
      if (!parse_options (context, &argc, &argv, &code))
        return code;
      if (argc != 2)
        return usage_error (context, _("rules list takes one argument, the workspace"));
      store = tandem_store_open_read_only (argv[1], &error);
      if (store == NULL)
        return fail_error (error);
      models = tandem_model_list (store);
      for (guint i = 0; i < models->len; i++)
        {
          TandemModelInfo *info = g_ptr_array_index (models, i);
          printf ("%s%s\t%s\n", info->name, info->live ? _(" (live)") : "", info->modified_at);
        }
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *msg = g_strdup_printf (_("unknown rules command “%s”; use import, export or list"), sub);
    return usage_error (NULL, msg);
  }
}

/* ---- Funnel ---------------------------------------------------------------- */

static void
json_string_or_null (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

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

static int
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
  gboolean json = FALSE;
  gboolean mapping_changed;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_name, N_("Replace the stages with a template: classic, extended or pipeline"), "NAME" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name, N_("Where stages come from: auto, dates, stage or history"), "SOURCE" },
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
    return usage_error (context, _("--source must be auto, dates, stage or history"));
  if (implied_text != NULL && !tandem_parse_boolean (implied_text, &implied))
    return usage_error (context, _("--implied must be yes or no"));

  mapping_changed = source_name != NULL || implied_text != NULL || dates != NULL || values != NULL;
  /* Only showing: the workspace is only read */
  store = template_name != NULL || mapping_changed ? tandem_store_open (argv[1], &error)
                                                   : tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || (mapping = tandem_funnel_mapping_load (store, &error)) == NULL)
    return fail_error (error);

  if (template_name != NULL)
    {
      taxonomy = tandem_taxonomy_new_from_template (template_);
      if (!tandem_taxonomy_save (taxonomy, store, &error))
        return fail_error (error);
    }
  else if ((taxonomy = tandem_taxonomy_load (store, &error)) == NULL)
    return fail_error (error);

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
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *stages_json = tandem_taxonomy_to_json (taxonomy);
      g_autoptr(JsonNode) stages = tandem_json_parse (stages_json, -1, _("The list of stages"), NULL);
      g_autoptr(JsonNode) mapping_node = tandem_json_parse (mapping_json, -1, _("The funnel mapping"), NULL);

      /* The stages as the core writes them, with the mapping beside */
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "stages");
      if (stages != NULL && JSON_NODE_HOLDS_OBJECT (stages))
        json_builder_add_value (b, json_node_copy (json_object_get_member (json_node_get_object (stages), "stages")));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "mapping");
      if (mapping_node != NULL)
        json_builder_add_value (b, g_steal_pointer (&mapping_node));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      print_json (b);
      return EXIT_SUCCESS;
    }

  if (tandem_taxonomy_get_n_stages (taxonomy) == 0)
    {
      printf ("%s", _("The workspace has no lead taxonomy yet; choose one with --template classic, extended or pipeline.\n"));
      return EXIT_SUCCESS;
    }
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

static void
waterfall_to_json (JsonBuilder           *b,
                   const TandemWaterfall *w)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, tandem_waterfall_mode_to_string (w->mode));
  json_string_or_null (b, "from", w->from);
  json_string_or_null (b, "to", w->to);
  json_string_or_null (b, "by", w->segment_field);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, tandem_funnel_source_to_string (w->source));
  json_builder_set_member_name (b, "implied");
  json_builder_add_boolean_value (b, w->implied);
  json_builder_set_member_name (b, "unplaced");
  json_builder_add_int_value (b, w->unplaced);
  json_builder_set_member_name (b, "undated");
  json_builder_add_int_value (b, w->undated);
  json_builder_set_member_name (b, "unmapped_stages");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->unmapped->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (w->unmapped, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "segments");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->segments->len; i++)
    {
      const TandemWaterfallSegment *segment = g_ptr_array_index (w->segments, i);

      json_builder_begin_object (b);
      json_string_or_null (b, "segment", segment->segment);
      json_builder_set_member_name (b, "stages");
      json_builder_begin_array (b);
      for (guint k = 0; k < segment->stages->len; k++)
        {
          const TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, k);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, s->name);
          json_builder_set_member_name (b, "short_name");
          json_builder_add_string_value (b, s->short_name);
          json_builder_set_member_name (b, "reached");
          json_builder_add_int_value (b, s->reached);
          json_builder_set_member_name (b, "open");
          json_builder_add_int_value (b, s->open);
          json_builder_set_member_name (b, "lost");
          json_builder_add_int_value (b, s->lost);
          json_builder_set_member_name (b, "recycled");
          json_builder_add_int_value (b, s->recycled);
          json_rate (b, "conversion_from_previous", s->conversion_from_previous);
          json_rate (b, "conversion_from_first", s->conversion_from_first);
          json_rate (b, "median_days_from_previous", s->median_days_from_previous);
          json_rate (b, "mean_days_from_previous", s->mean_days_from_previous);
          json_builder_set_member_name (b, "durations");
          json_builder_add_int_value (b, s->durations);
          json_builder_set_member_name (b, "negative_durations");
          json_builder_add_int_value (b, s->negative_durations);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "previous");
  if (w->previous != NULL)
    waterfall_to_json (b, w->previous);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

/* A printf width that right-aligns @text in @columns characters, not bytes */
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
    printf (_("%'lld leads are on no stage (no stage value or date the mapping knows)\n"), (long long) w->unplaced);
  if (w->undated > 0)
    printf (_("%'lld leads have no date and are left out of the period\n"), (long long) w->undated);
}

static int
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
  if (store == NULL || (taxonomy = tandem_taxonomy_load (store, &error)) == NULL ||
      (mapping = tandem_funnel_mapping_load (store, &error)) == NULL)
    return fail_error (error);
  if (tandem_taxonomy_get_n_stages (taxonomy) == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("%s has no lead taxonomy yet; choose one with "
                                                "“tandem-cli taxonomy %s --template classic” (or extended, pipeline)"),
                                              argv[1], argv[1]);
      return fail (msg);
    }
  waterfall = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, &error);
  if (waterfall == NULL)
    return fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      waterfall_to_json (b, waterfall);
      print_json (b);
      return EXIT_SUCCESS;
    }

  print_waterfall (waterfall, _("Waterfall"));
  if (waterfall->previous != NULL)
    {
      printf ("\n");
      print_waterfall (waterfall->previous, _("Previous period"));
    }
  return EXIT_SUCCESS;
}

/* ---- main ------------------------------------------------------------------ */

/* ---- plan ------------------------------------------------------------------ */

/* A whole option value as a plain decimal number, with a decimal point in
 * every locale: an optional sign, digits with an optional fraction, an
 * optional exponent ("2000000", "12.5", "-3", "1e6").  Hex, inf, nan,
 * spaces, separators and anything after the number are refused; @what
 * names the option.  The plan then checks the value's range.            */
static gboolean
parse_number (const char  *what,
              const char  *text,
              double      *out,
              GError     **error)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (digits && (*p == 'e' || *p == 'E'))
    {
      const char *e = p + 1;

      if (*e == '+' || *e == '-')
        e++;
      if (g_ascii_isdigit (*e))
        for (p = e; g_ascii_isdigit (*p); p++)
          ;
    }
  if (!digits || *p != '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a plain decimal number (such as 2000000, 12.5 or 1e6)"), what, text);
      return FALSE;
    }
  *out = g_ascii_strtod (text, NULL);
  if (!isfinite (*out))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID, _("%s: %s is too large a number"), what, text);
      return FALSE;
    }
  if (*out == 0)
    *out = 0;   /* not -0 */
  return TRUE;
}

/* @text without @suffix and the spaces before it ("20 %" → "20"), or as it is */
static char *
strip_suffix (const char *text,
              const char *suffix)
{
  char *copy = g_strdup (text);

  if (g_str_has_suffix (copy, suffix))
    {
      copy[strlen (copy) - strlen (suffix)] = '\0';
      g_strchomp (copy);
    }
  return copy;
}

/* "20" or "20%" or "20 %" → 0.2 */
static gboolean
parse_percent (const char  *what,
               const char  *text,
               double      *out,
               GError     **error)
{
  g_autofree char *number = strip_suffix (text, "%");

  if (!parse_number (what, number, out, error))
    return FALSE;
  *out /= 100;
  return TRUE;
}

/* "3", "3x", "3×" */
static gboolean
parse_multiple (const char  *what,
                const char  *text,
                double      *out,
                GError     **error)
{
  g_autofree char *number = strip_suffix (text, g_str_has_suffix (text, "×") ? "×"
                                                : g_str_has_suffix (text, "X") ? "X" : "x");

  return parse_number (what, number, out, error);
}

/* A usage error (exit 2) for the shape of an option, a failure (1) for its value */
static int
plan_error (GOptionContext *context,
            const GError   *error)
{
  return error->domain == G_OPTION_ERROR ? usage_error (context, error->message) : fail (error->message);
}

/* "LEFT=RIGHT" at the last '=' */
static gboolean
split_assignment (const char  *text,
                  char       **out_left,
                  char       **out_right)
{
  const char *eq = strrchr (text, '=');

  if (eq == NULL || eq == text || eq[1] == '\0')
    return FALSE;
  *out_left = g_strstrip (g_strndup (text, eq - text));
  *out_right = g_strdup (eq + 1);
  return (*out_left)[0] != '\0';
}

/* "FROM:TO" → the index of the rate from FROM to the next stage TO. */
static gboolean
find_transition (const TandemPlanInput  *input,
                 const char             *option,
                 const char             *text,
                 guint                  *out_index,
                 GError                **error)
{
  const char *colon = strrchr (text, ':');
  g_autofree char *from_name = NULL;
  guint from, to;

  if (colon == NULL || colon == text || colon[1] == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must name two stages, FROM:TO, not “%s”"), option, text);
      return FALSE;
    }
  from_name = g_strndup (text, colon - text);
  if (!tandem_plan_input_find_stage (input, from_name, &from, error) ||
      !tandem_plan_input_find_stage (input, colon + 1, &to, error))
    return FALSE;
  if (to != from + 1)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID,
                   from + 1 < input->n_stages
                   ? _("%s %s: a rate goes from a stage to the next one (%s:%s)")
                   : _("%s %s: a rate goes from a stage to the next one; %s is the last stage"),
                   option, text, input->stages[from], from + 1 < input->n_stages ? input->stages[from + 1] : "");
      return FALSE;
    }
  *out_index = from;
  return TRUE;
}

/* "STAGE=N" */
static gboolean
parse_stage_amount (const TandemPlanInput  *input,
                    const char             *option,
                    const char             *text,
                    guint                  *out_stage,
                    double                 *out_amount,
                    GError                **error)
{
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  g_autofree char *what = NULL;

  if (!split_assignment (text, &left, &right))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must be STAGE=NUMBER, not “%s”"), option, text);
      return FALSE;
    }
  what = g_strdup_printf ("%s %s", option, left);
  return parse_number (what, right, out_amount, error) &&
         tandem_plan_input_find_stage (input, left, out_stage, error);
}

/* "HEADS:PER_MONTH" */
static gboolean
parse_team (const char     *option,
            const char     *text,
            TandemPlanTeam *team,
            GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);

  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must be HEADS:LEADS_PER_MONTH, not “%s”"), option, text);
      return FALSE;
    }
  return parse_number (option, parts[0], &team->heads, error) &&
         parse_number (option, parts[1], &team->per_head_month, error);
}

static void
json_number_or_null (JsonBuilder *builder,
                     const char  *name,
                     gboolean     has,
                     double       value)
{
  json_builder_set_member_name (builder, name);
  /* null when not given or not finite; written so that it reads back */
  tandem_json_add_number (builder, has ? value : NAN);
}

static void
print_plan_json (const TandemPlanInput  *input,
                 const TandemPlanResult *result,
                 GStrv                   steps,
                 gboolean                has_solved,
                 guint                   solved_index,
                 double                  solved_rate)
{
  g_autoptr(JsonBuilder) jb = json_builder_new ();
  g_autofree char *input_json = tandem_plan_input_to_json (input);
  g_autoptr(JsonNode) input_node = tandem_json_parse (input_json, -1, _("The plan"), NULL);

  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "rounding");
  json_builder_add_string_value (jb, tandem_plan_rounding_to_string (result->rounding));
  json_builder_set_member_name (jb, "mode");
  json_builder_add_string_value (jb, result->mode == TANDEM_PLAN_FORWARD ? "forward"
                                 : result->mode == TANDEM_PLAN_FROM_TARGET ? "target" : "revenue");

  json_builder_set_member_name (jb, "stages");
  json_builder_begin_array (jb);
  for (guint j = 0; j < result->n_stages; j++)
    {
      const TandemPlanStage *s = &result->stages[j];

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "name");
      json_builder_add_string_value (jb, s->name);
      json_number_or_null (jb, "exact", TRUE, s->exact);
      json_number_or_null (jb, "volume", TRUE, s->volume);
      json_number_or_null (jb, "unrounded", TRUE, s->unrounded);
      json_number_or_null (jb, "rate", j + 1 < result->n_stages, s->rate);
      if (s->has_split)
        {
          json_number_or_null (jb, "marketing", TRUE, s->marketing);
          json_number_or_null (jb, "other", TRUE, s->other);
        }
      if (s->has_cost)
        json_number_or_null (jb, "cost", TRUE, s->cost);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);

  json_builder_set_member_name (jb, "deals");
  json_builder_begin_object (jb);
  json_number_or_null (jb, "exact", TRUE, result->deals_exact);
  json_number_or_null (jb, "volume", TRUE, result->deals);
  json_builder_end_object (jb);
  json_number_or_null (jb, "revenue", result->has_revenue, result->revenue);
  json_number_or_null (jb, "revenue_goal", result->has_revenue, result->revenue_goal);
  json_number_or_null (jb, "deal_size", result->has_revenue, result->deal_size);
  json_number_or_null (jb, "overall_conversion", TRUE, result->overall_conversion);

  json_builder_set_member_name (jb, "coverage");
  if (result->has_coverage)
    {
      json_builder_begin_object (jb);
      json_number_or_null (jb, "required", TRUE, result->coverage.required);
      json_number_or_null (jb, "current", result->coverage.has_current, result->coverage.current);
      json_number_or_null (jb, "pipeline_needed", TRUE, result->coverage.pipeline_needed);
      json_number_or_null (jb, "gap", result->coverage.has_current, result->coverage.gap);
      json_number_or_null (jb, "quota", TRUE, result->coverage.quota);
      json_number_or_null (jb, "win_rate", result->coverage.win_rate > 0, result->coverage.win_rate);
      json_builder_end_object (jb);
    }
  else
    json_builder_add_null_value (jb);

  json_builder_set_member_name (jb, "cost");
  if (result->has_cost)
    {
      json_builder_begin_object (jb);
      json_number_or_null (jb, "budget", TRUE, result->cost.budget);
      json_number_or_null (jb, "cac", result->cost.has_cac, result->cost.cac);
      json_number_or_null (jb, "roi", result->cost.has_roi, result->cost.roi);
      json_builder_end_object (jb);
    }
  else
    json_builder_add_null_value (jb);

  json_number_or_null (jb, "marketing_share", result->has_split, result->marketing_share);

  json_builder_set_member_name (jb, "deals_range");
  if (result->has_range)
    {
      json_builder_begin_object (jb);
      json_number_or_null (jb, "probability", TRUE, 0.8);
      json_builder_set_member_name (jb, "low");
      json_builder_add_int_value (jb, (gint64) result->range_lo);
      json_builder_set_member_name (jb, "high");
      json_builder_add_int_value (jb, (gint64) result->range_hi);
      json_builder_set_member_name (jb, "trials");
      json_builder_add_int_value (jb, (gint64) result->range_trials);
      json_number_or_null (jb, "p", TRUE, result->range_p);
      json_builder_end_object (jb);
    }
  else
    json_builder_add_null_value (jb);

  json_builder_set_member_name (jb, "period");
  json_builder_add_string_value (jb, tandem_plan_period_to_string (result->period));
  json_builder_set_member_name (jb, "schedule");
  json_builder_begin_array (jb);
  for (guint k = 0; k < result->schedule->len; k++)
    {
      const TandemPlanMonth *month = &g_array_index (result->schedule, TandemPlanMonth, k);

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "month");
      json_builder_add_int_value (jb, month->month);
      json_builder_set_member_name (jb, "volumes");
      json_builder_begin_object (jb);
      for (guint j = 0; j < result->n_stages; j++)
        json_number_or_null (jb, result->stages[j].name, TRUE, month->volumes[j]);
      json_builder_end_object (jb);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);

  json_builder_set_member_name (jb, "capacity");
  json_builder_begin_array (jb);
  for (guint k = 0; k < result->capacity->len; k++)
    {
      const TandemPlanCapacity *c = &g_array_index (result->capacity, TandemPlanCapacity, k);

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "role");
      json_builder_add_string_value (jb, c->role);
      json_builder_set_member_name (jb, "stage");
      json_builder_add_string_value (jb, result->stages[c->stage].name);
      json_number_or_null (jb, "required_per_month", TRUE, c->required_per_month);
      json_number_or_null (jb, "capacity_per_month", TRUE, c->capacity_per_month);
      json_number_or_null (jb, "heads", TRUE, c->heads);
      json_number_or_null (jb, "heads_needed", TRUE, c->heads_needed);
      json_builder_set_member_name (jb, "exceeded");
      json_builder_add_boolean_value (jb, c->exceeded);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
  json_builder_set_member_name (jb, "warnings");
  json_builder_begin_array (jb);
  for (guint k = 0; k < result->warnings->len; k++)
    json_builder_add_string_value (jb, g_ptr_array_index (result->warnings, k));
  json_builder_end_array (jb);

  json_builder_set_member_name (jb, "sensitivity");
  json_builder_begin_array (jb);
  for (guint k = 0; k < result->sensitivity->len; k++)
    {
      const TandemPlanSensitivity *s = &g_array_index (result->sensitivity, TandemPlanSensitivity, k);

      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "input");
      json_builder_add_string_value (jb, s->label);
      json_number_or_null (jb, "deals_change", TRUE, s->deals_change);
      json_number_or_null (jb, "revenue_change", result->has_revenue, s->revenue_change);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);

  if (has_solved)
    {
      json_builder_set_member_name (jb, "solve");
      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "from");
      json_builder_add_string_value (jb, input->stages[solved_index]);
      json_builder_set_member_name (jb, "to");
      json_builder_add_string_value (jb, input->stages[solved_index + 1]);
      json_number_or_null (jb, "rate", TRUE, solved_rate);
      json_builder_end_object (jb);
    }

  json_builder_set_member_name (jb, "steps");
  json_builder_begin_array (jb);
  for (guint k = 0; steps[k]; k++)
    json_builder_add_string_value (jb, steps[k]);
  json_builder_end_array (jb);

  /* The input, as a saved scenario keeps it */
  json_builder_set_member_name (jb, "input");
  if (input_node != NULL)
    json_builder_add_value (jb, g_steal_pointer (&input_node));
  else
    json_builder_add_null_value (jb);

  json_builder_end_object (jb);
  print_json (jb);
}

static char *
plan_number (double value)
{
  if (fabs (value - round (value)) <= 1e-9 * MAX (1.0, fabs (value)))
    return g_strdup_printf ("%'.0f", round (value));
  return g_strdup_printf ("%'.1f", value);
}

static char *
plan_money (double      value,
            const char *currency)
{
  if (fabs (value - round (value)) <= 1e-9 * MAX (1.0, fabs (value)))
    return g_strdup_printf ("%s%'.0f", currency, round (value));
  return g_strdup_printf ("%s%'.2f", currency, value);
}

static void
print_plan_text (const TandemPlanResult *result,
                 GStrv                   steps,
                 const char             *currency,
                 gboolean                has_solved,
                 const char             *solved_from,
                 const char             *solved_to,
                 double                  solved_rate)
{
  static const char *const rounding_words[] = {
    N_("exact (fractions carried, rounded only for display)"),
    N_("ceil (rounded up at every stage)"),
    N_("round (rounded to the nearest at every stage)"),
  };

  if (has_solved)
    printf (_("Goal seek: the rate %s→%s must be %.2f %%\n\n"), solved_from, solved_to, 100 * solved_rate);

  printf (_("Rounding: %s\n\n"), _(rounding_words[result->rounding]));
  printf ("%-16s %12s %12s %10s", _("Stage"), _("Exact"), _("Committed"), _("Rate"));
  if (result->has_split)
    printf (" %12s %12s", _("Marketing"), _("Other"));
  if (result->has_cost)
    printf (" %12s", _("Cost"));
  printf ("\n");
  for (guint j = 0; j < result->n_stages; j++)
    {
      const TandemPlanStage *s = &result->stages[j];
      g_autofree char *rate = j + 1 < result->n_stages ? g_strdup_printf ("%.4g %%", 100 * s->rate) : g_strdup ("");
      g_autofree char *committed = plan_number (s->volume);

      printf ("%-16s %12.1f %12s %10s", s->name, s->exact, committed, rate);
      if (result->has_split)
        {
          g_autofree char *m = plan_number (s->marketing);
          g_autofree char *o = plan_number (s->other);
          printf (" %12s %12s", m, o);
        }
      if (result->has_cost)
        {
          g_autofree char *c = s->has_cost ? plan_money (s->cost, currency) : g_strdup ("");
          printf (" %12s", c);
        }
      printf ("\n");
    }
  printf ("\n");
  {
    g_autofree char *exact = g_strdup_printf ("%.1f", result->deals_exact);
    g_autofree char *committed = plan_number (result->deals);
    printf (_("Deals:               %s exact, %s committed\n"), exact, committed);
  }
  if (result->has_revenue)
    {
      g_autofree char *revenue = plan_money (result->revenue, currency);
      printf (_("Revenue:             %s\n"), revenue);
    }
  printf (_("Overall conversion:  %.3g %%\n"), 100 * result->overall_conversion);
  if (result->has_range)
    printf (_("Deals, 80 %% range:   %llu–%llu (%llu %s at %.3g %%)\n"),
            (unsigned long long) result->range_lo, (unsigned long long) result->range_hi,
            (unsigned long long) result->range_trials, result->stages[0].name, 100 * result->range_p);
  if (result->has_coverage)
    {
      g_autofree char *needed = plan_money (result->coverage.pipeline_needed, currency);
      g_autofree char *quota = plan_money (result->coverage.quota, currency);

      printf (_("Pipeline coverage:   %.2f× of %s = %s needed"), result->coverage.required, quota, needed);
      if (result->coverage.has_current)
        {
          g_autofree char *gap = plan_money (result->coverage.gap, currency);
          printf (_("; current %.2f×, gap %s"), result->coverage.current, gap);
        }
      printf ("\n");
    }
  if (result->has_cost)
    {
      g_autofree char *budget = plan_money (result->cost.budget, currency);
      g_autofree char *cac = result->cost.has_cac ? plan_money (result->cost.cac, currency) : g_strdup ("—");
      g_autofree char *roi = result->cost.has_roi ? g_strdup_printf ("%.1f %%", 100 * result->cost.roi) : g_strdup ("—");

      printf (_("Cost:                budget %s, CAC %s, ROI %s\n"), budget, cac, roi);
    }
  for (guint k = 0; k < result->capacity->len; k++)
    {
      const TandemPlanCapacity *c = &g_array_index (result->capacity, TandemPlanCapacity, k);
      printf (_("Capacity, %-4s       %.1f %s a month; the team works %.1f%s\n"), c->role,
              c->required_per_month, result->stages[c->stage].name,
              c->capacity_per_month, c->exceeded ? _(" — exceeded") : "");
    }
  for (guint k = 0; k < result->warnings->len; k++)
    printf (_("Warning: %s\n"), (const char *) g_ptr_array_index (result->warnings, k));

  printf ("\n%s\n", result->has_revenue ? _("Sensitivity (revenue change):") : _("Sensitivity (change in deals):"));
  for (guint k = 0; k < result->sensitivity->len; k++)
    {
      const TandemPlanSensitivity *s = &g_array_index (result->sensitivity, TandemPlanSensitivity, k);
      g_autofree char *amount = result->has_revenue ? plan_money (s->revenue_change, currency)
                                                    : g_strdup_printf ("%.2f", s->deals_change);
      g_autofree char *change = g_strdup_printf ("+%s", amount);
      printf ("  %14s  %s\n", change, s->label);
    }

  printf (_("\nSchedule (what must arrive each month; month 1 is the period's first):\n"));
  printf ("  %-10s", _("Month"));
  for (guint j = 0; j < result->n_stages; j++)
    printf (" %10.10s", result->stages[j].name);
  printf ("\n");
  for (guint k = 0; k < result->schedule->len; k++)
    {
      const TandemPlanMonth *month = &g_array_index (result->schedule, TandemPlanMonth, k);
      g_autofree char *label = month->month >= 0 ? g_strdup_printf ("%d", month->month + 1)
                                                 : g_strdup_printf (_("%d before"), -month->month);
      printf ("  %-10s", label);
      for (guint j = 0; j < result->n_stages; j++)
        printf (" %10.1f", month->volumes[j]);
      printf ("\n");
    }

  printf (_("\nHow it adds up:\n"));
  for (guint k = 0; steps[k]; k++)
    printf ("  %s\n", steps[k]);
}

static int
command_plan (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— how many leads a revenue goal needs, and what leads deliver"));
  g_autoptr(TandemPlanInput) input = tandem_plan_input_new ();
  g_autoptr(TandemPlanResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) steps = NULL;
  g_auto(GStrv) rates = NULL;
  g_auto(GStrv) costs = NULL;
  g_auto(GStrv) lags = NULL;
  g_autofree char *stages = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *deal_size = NULL;
  g_autofree char *target = NULL;
  g_autofree char *volume = NULL;
  g_autofree char *rounding = NULL;
  g_autofree char *win_rate = NULL;
  g_autofree char *coverage = NULL;
  g_autofree char *pipeline = NULL;
  g_autofree char *share = NULL;
  g_autofree char *period = NULL;
  g_autofree char *sdr = NULL;
  g_autofree char *ae = NULL;
  g_autofree char *solve = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *save_as = NULL;
  g_autoptr(TandemStore) store = NULL;
  gboolean json = FALSE, forward = FALSE, has_solved = FALSE, actual_rates = FALSE;
  guint solve_index = 0, volume_stage = 0;
  double solved_rate = 0, volume_amount = NAN;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "stages", 0, 0, G_OPTION_ARG_STRING, &stages, N_("The stages, first to last (default Inquiry,MQL,SAL,SQL,Won)"), "S1,S2,…" },
    { "revenue", 0, 0, G_OPTION_ARG_STRING, &revenue, N_("The revenue goal (with --deal-size), up to 1e13"), "AMOUNT" },
    { "deal-size", 0, 0, G_OPTION_ARG_STRING, &deal_size, N_("The average deal size, up to 1e13"), "AMOUNT" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, N_("Plan from a volume at a stage instead (up to 1e9), e.g. Won=100"), "STAGE=N" },
    { "rate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rates, N_("The conversion from a stage to the next, in percent, more than 0 up to 100 (repeat for each)"), "FROM:TO=PCT" },
    { "rounding", 0, 0, G_OPTION_ARG_STRING, &rounding, N_("exact (default), ceil or round, at every stage"), "MODE" },
    { "win-rate", 0, 0, G_OPTION_ARG_STRING, &win_rate, N_("Win rate of pipeline, in percent, more than 0 up to 100 (default: the last stage's rate)"), "PCT" },
    { "coverage", 0, 0, G_OPTION_ARG_STRING, &coverage, N_("Pipeline coverage, a multiple of quota from 1 to 100 (default 1 ÷ win rate)"), "X" },
    { "pipeline", 0, 0, G_OPTION_ARG_STRING, &pipeline, N_("Existing open pipeline, 0 to 1e13"), "AMOUNT" },
    { "marketing-share", 0, 0, G_OPTION_ARG_STRING, &share, N_("Share of each stage that marketing sources, in percent, 0 to 100"), "PCT" },
    { "cost-per", 0, 0, G_OPTION_ARG_STRING_ARRAY, &costs, N_("Cost of one unit at a stage, 0 to 1e9, e.g. Inquiry=20 (repeatable)"), "STAGE=AMOUNT" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("month, quarter (default) or year"), "PERIOD" },
    { "lag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &lags, N_("Days from a stage to the next, 0 to 3650 (repeatable)"), "FROM:TO=DAYS" },
    { "sdr", 0, 0, G_OPTION_ARG_STRING, &sdr, N_("SDRs (0 to 10000) and the leads each works a month (up to 1e6), at the second stage"), "HEADS:N" },
    { "ae", 0, 0, G_OPTION_ARG_STRING, &ae, N_("AEs (0 to 10000) and the leads each works a month (up to 1e6), at the stage before the last"), "HEADS:N" },
    { "forward", 0, 0, G_OPTION_ARG_NONE, &forward, N_("From a volume (--volume) down to deals and revenue"), NULL },
    { "volume", 0, 0, G_OPTION_ARG_STRING, &volume, N_("The volume at a stage: where --forward starts, or what --solve works from"), "STAGE=N" },
    { "solve", 0, 0, G_OPTION_ARG_STRING, &solve, N_("Goal seek: the rate FROM→TO that turns --volume into the goal"), "FROM:TO" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency symbol for the text output"), "SYMBOL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("Plan a scenario saved in WORKSPACE"), "NAME" },
    { "save", 0, 0, G_OPTION_ARG_STRING, &save_as, N_("Save this plan in WORKSPACE as a scenario"), "NAME" },
    { "actual-rates", 0, 0, G_OPTION_ARG_NONE, &actual_rates,
      N_("Take the rates (and, when the plan's are not there, the stages) from WORKSPACE's funnel, all time; --rate overrides"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Works back from a revenue goal (or a volume at any stage) to the volume every "
                                  "stage needs, or forward from a volume to deals and revenue; with coverage, "
                                  "cost, capacity, a monthly schedule, sensitivity and an 80 % range for deals. "
                                  "Stage names are matched case-insensitively; percentages are given as 20 or 20%. "
                                  "Numbers are plain decimals with a decimal point in every locale (2000000, 12.5, "
                                  "1e6); each input has the range --help gives, and a plan whose results would pass "
                                  "1e15 is refused."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc > 2)
    return usage_error (context, _("plan takes at most one argument, the workspace"));
  if ((scenario != NULL || save_as != NULL || actual_rates) && argc != 2)
    return usage_error (context, _("--scenario, --save and --actual-rates need the workspace: tandem-cli plan WORKSPACE …"));
  if (argc == 2 && scenario == NULL && save_as == NULL && !actual_rates)
    return usage_error (context, _("with a workspace, say --scenario NAME to plan a saved scenario, --save NAME to save this one, "
                                   "or --actual-rates to take its rates"));
  /* --scenario only reads the workspace; --save writes to it */
  if (argc == 2 && (store = save_as != NULL ? tandem_store_open (argv[1], &error)
                                            : tandem_store_open_read_only (argv[1], &error)) == NULL)
    return fail_error (error);

  /* A saved scenario: its own inputs, nothing from the options */
  if (scenario != NULL)
    {
      g_autoptr(TandemPlanInput) saved = NULL;
      if (stages || revenue || deal_size || target || rates || rounding || win_rate || coverage || pipeline || share ||
          costs || period || lags || sdr || ae || forward || volume || solve || save_as || actual_rates)
        return usage_error (context, _("--scenario plans the saved inputs as they are; change them in the app or save "
                                       "a new scenario with --save"));
      saved = tandem_scenario_load (store, scenario, &error);
      if (saved == NULL)
        return fail_error (error);
      tandem_plan_input_free (g_steal_pointer (&input));
      input = g_steal_pointer (&saved);
      goto calculate;
    }

  /* Which plan */
  if (forward && (revenue != NULL || target != NULL))
    return usage_error (context, _("--forward starts from --volume; it takes neither --revenue nor --target"));
  if (forward && volume == NULL)
    return usage_error (context, _("--forward needs --volume STAGE=N"));
  if (!forward && revenue != NULL && target != NULL)
    return usage_error (context, _("use either --revenue with --deal-size, or --target, not both"));
  if (!forward && revenue == NULL && target == NULL)
    return usage_error (context, _("plan needs --revenue and --deal-size, --target STAGE=N, or --forward --volume STAGE=N"));
  if (revenue != NULL && deal_size == NULL)
    return usage_error (context, _("--revenue needs --deal-size"));
  if (volume != NULL && !forward && solve == NULL)
    return usage_error (context, _("--volume goes with --forward or --solve"));
  if (solve != NULL && (forward || volume == NULL))
    return usage_error (context, _("--solve needs --volume STAGE=N, and a goal (--revenue or --target)"));

  if (stages != NULL)
    {
      g_auto(GStrv) names = g_strsplit (stages, ",", -1);
      if (!tandem_plan_input_set_stages (input, (const char *const *) names, &error))
        return fail_error (error);
    }
  if (actual_rates && !tandem_plan_actuals_fill (store, input, NULL, NULL, NULL, NULL, &error))
    return fail_error (error);

  input->mode = forward ? TANDEM_PLAN_FORWARD : target != NULL ? TANDEM_PLAN_FROM_TARGET : TANDEM_PLAN_FROM_REVENUE;
  if ((revenue != NULL && !parse_number ("--revenue", revenue, &input->revenue, &error)) ||
      (deal_size != NULL && !parse_number ("--deal-size", deal_size, &input->deal_size, &error)) ||
      (target != NULL &&
       !parse_stage_amount (input, "--target", target, &input->anchor_stage, &input->anchor_volume, &error)) ||
      (volume != NULL && !parse_stage_amount (input, "--volume", volume, &volume_stage, &volume_amount, &error)))
    return plan_error (context, error);
  if (forward)
    {
      input->anchor_stage = volume_stage;
      input->anchor_volume = volume_amount;
    }

  for (guint k = 0; rates && rates[k]; k++)
    {
      g_autofree char *left = NULL;
      g_autofree char *right = NULL;
      g_autofree char *what = NULL;
      guint index;
      double rate;

      if (!split_assignment (rates[k], &left, &right))
        {
          g_autofree char *msg = g_strdup_printf (_("--rate must be FROM:TO=PCT, not “%s”"), rates[k]);
          return usage_error (context, msg);
        }
      what = g_strdup_printf ("--rate %s", left);
      if (!parse_percent (what, right, &rate, &error) || !find_transition (input, "--rate", left, &index, &error))
        return plan_error (context, error);
      input->rates[index] = rate;
    }
  for (guint k = 0; lags && lags[k]; k++)
    {
      g_autofree char *left = NULL;
      g_autofree char *right = NULL;
      g_autofree char *what = NULL;
      guint index;
      double days;

      if (!split_assignment (lags[k], &left, &right))
        {
          g_autofree char *msg = g_strdup_printf (_("--lag must be FROM:TO=DAYS, not “%s”"), lags[k]);
          return usage_error (context, msg);
        }
      what = g_strdup_printf ("--lag %s", left);
      if (!parse_number (what, right, &days, &error) || !find_transition (input, "--lag", left, &index, &error))
        return plan_error (context, error);
      input->lag_days[index] = days;
    }
  for (guint k = 0; costs && costs[k]; k++)
    {
      guint stage;
      double amount;

      if (!parse_stage_amount (input, "--cost-per", costs[k], &stage, &amount, &error))
        return plan_error (context, error);
      input->cost_per[stage] = amount;
    }

  if (rounding != NULL && !tandem_plan_rounding_from_string (rounding, &input->rounding))
    return usage_error (context, _("--rounding must be exact, ceil or round"));
  if (period != NULL && !tandem_plan_period_from_string (period, &input->period))
    return usage_error (context, _("--period must be month, quarter or year"));
  if ((win_rate != NULL && !parse_percent ("--win-rate", win_rate, &input->win_rate, &error)) ||
      (coverage != NULL && !parse_multiple ("--coverage", coverage, &input->coverage, &error)) ||
      (pipeline != NULL && !parse_number ("--pipeline", pipeline, &input->pipeline, &error)) ||
      (share != NULL && !parse_percent ("--marketing-share", share, &input->marketing_share, &error)) ||
      (sdr != NULL && !parse_team ("--sdr", sdr, &input->sdr, &error)) ||
      (ae != NULL && !parse_team ("--ae", ae, &input->ae, &error)))
    return plan_error (context, error);

  if (solve != NULL)
    {
      if (!find_transition (input, "--solve", solve, &solve_index, &error))
        return error->domain == G_OPTION_ERROR ? usage_error (context, error->message) : fail_error (error);
      if (!tandem_plan_goal_seek_rate (input, solve_index, volume_stage, volume_amount, &solved_rate, &error))
        return fail_error (error);
      input->rates[solve_index] = solved_rate;
      has_solved = TRUE;
    }

calculate:
  result = tandem_plan_calculate (input, &error);
  if (result != NULL && save_as != NULL && !tandem_scenario_save (store, save_as, input, &error))
    return fail_error (error);
  if (result == NULL)
    {
      if (g_error_matches (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_RATE))
        for (guint i = input->mode == TANDEM_PLAN_FORWARD ? input->anchor_stage : 0; i + 1 < input->n_stages; i++)
          if (isnan (input->rates[i]))
            {
              g_autofree char *msg = g_strdup_printf (_("no rate from %s to %s (use --rate %s:%s=PCT)"),
                                                      input->stages[i], input->stages[i + 1],
                                                      input->stages[i], input->stages[i + 1]);
              return fail (msg);
            }
      return fail_error (error);
    }

  steps = tandem_plan_explain_steps (result, currency);
  if (json)
    print_plan_json (input, result, steps, has_solved, solve_index, solved_rate);
  else
    print_plan_text (result, steps, currency ? currency : "", has_solved,
                     input->stages[solve_index], input->stages[solve_index + 1], solved_rate);
  return EXIT_SUCCESS;
}


/* ---- sla ------------------------------------------------------------------- */

static int
command_sla (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — how sales follows up the MQLs marketing delivers"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemSlaReport) report = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *weekdays = NULL;
  g_autofree char *reasons = NULL;
  double follow_up = NAN, accept_days = NAN, commitment = NAN, share = NAN;
  gboolean json = FALSE, set = FALSE;
  int code = EXIT_SUCCESS;
  g_auto(TandemSlaTerms) terms = { 0, };
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("MQLs from this day"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("MQLs up to this day"), "DATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "set", 0, 0, G_OPTION_ARG_NONE, &set, N_("Change the workspace's terms with the options below"), NULL },
    { "follow-up", 0, 0, G_OPTION_ARG_DOUBLE, &follow_up, N_("Working hours sales has to follow up an MQL"), "HOURS" },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours, N_("Working hours, e.g. 9-17"), "FROM-TO" },
    { "weekdays", 0, 0, G_OPTION_ARG_STRING, &weekdays, N_("Working days, e.g. mon,tue,wed,thu,fri"), "DAYS" },
    { "accept-days", 0, 0, G_OPTION_ARG_DOUBLE, &accept_days, N_("Days sales has to accept or reject an MQL"), "DAYS" },
    { "commitment", 0, 0, G_OPTION_ARG_DOUBLE, &commitment, N_("MQLs marketing commits to a month"), "N" },
    { "share", 0, 0, G_OPTION_ARG_DOUBLE, &share, N_("Marketing's share of pipeline, in percent"), "PCT" },
    { "reasons", 0, 0, G_OPTION_ARG_STRING, &reasons, N_("The agreed reasons for rejecting an MQL, comma-separated (\"\" for none)"), "CODES" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Working hours from each MQL to the first sales touch (the first-touch "
                                           "column, or reaching SAL): the share within the agreed time, median and "
                                           "90th percentile, per owner; MQLs delivered against the commitment; "
                                           "accepted and rejected MQLs."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("sla takes one argument, the workspace"));
  store = set ? tandem_store_open (argv[1], &error) : tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || !tandem_sla_terms_load (store, &terms, &error))
    return fail_error (error);
  if (set)
    {
      if (!isnan (follow_up))
        terms.follow_up_hours = follow_up;
      if (!isnan (accept_days))
        terms.accept_days = accept_days;
      if (!isnan (commitment))
        terms.mql_commitment = commitment;
      if (!isnan (share))
        terms.pipeline_share = share / 100;
      if (hours != NULL && sscanf (hours, "%d-%d", &terms.day_start, &terms.day_end) != 2)
        return usage_error (context, _("--hours is FROM-TO in whole hours, e.g. 9-17"));
      if (weekdays != NULL)
        {
          static const char *const names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
          g_auto(GStrv) days = g_strsplit (weekdays, ",", -1);
          terms.weekdays = 0;
          for (guint k = 0; days[k]; k++)
            {
              g_autofree char *day = g_ascii_strdown (g_strstrip (days[k]), -1);
              guint d = 0;
              while (d < 7 && !g_str_has_prefix (day, names[d]))
                d++;
              if (d == 7 || day[0] == '\0')
                {
                  g_autofree char *msg = g_strdup_printf (_("“%s” is not a day of the week (mon … sun)"), days[k]);
                  return usage_error (context, msg);
                }
              terms.weekdays |= 1u << d;
            }
        }
      if (reasons != NULL)
        {
          g_auto(GStrv) codes = g_strsplit (reasons, ",", -1);
          /* "" clears them; "a,,b" has an empty code, which the terms refuse */
          tandem_sla_terms_set_reason_codes (&terms, reasons[0] ? (const char *const *) codes : NULL);
          for (guint k = 0; reasons[0] && codes[k]; k++)
            if (g_strstrip (codes[k])[0] == '\0')
              return fail (_("--reasons: a reason code is empty (codes are separated by commas)"));
        }
      if (!tandem_sla_terms_save (store, &terms, &error))
        return fail_error (error);
    }
  else if (!isnan (follow_up) || !isnan (accept_days) || !isnan (commitment) || !isnan (share) || hours != NULL ||
           weekdays != NULL || reasons != NULL)
    return usage_error (context, _("terms change only with --set"));

  report = tandem_sla_compute (store, &terms, from, to, &error);
  if (report == NULL)
    return fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "follow_up_hours");
      json_builder_add_double_value (b, terms.follow_up_hours);
      json_builder_set_member_name (b, "reason_codes");
      json_builder_begin_array (b);
      for (guint k = 0; terms.reason_codes && terms.reason_codes[k]; k++)
        json_builder_add_string_value (b, terms.reason_codes[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "mqls");
      json_builder_add_int_value (b, report->mqls);
      json_builder_set_member_name (b, "followed_up");
      json_builder_add_int_value (b, report->followed_up);
      json_builder_set_member_name (b, "within");
      json_builder_add_int_value (b, report->within);
      json_rate (b, "share_within", report->share_within);
      json_rate (b, "median_hours", report->median_hours);
      json_rate (b, "p90_hours", report->p90_hours);
      json_builder_set_member_name (b, "accepted");
      json_builder_add_int_value (b, report->accepted);
      json_builder_set_member_name (b, "rejected");
      json_builder_add_int_value (b, report->rejected);
      json_rate (b, "committed", report->committed);
      json_builder_set_member_name (b, "owners");
      json_builder_begin_array (b);
      for (guint k = 0; k < report->owners->len; k++)
        {
          TandemSlaOwner *o = g_ptr_array_index (report->owners, k);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "owner");
          json_builder_add_string_value (b, o->owner);
          json_builder_set_member_name (b, "mqls");
          json_builder_add_int_value (b, o->mqls);
          json_builder_set_member_name (b, "within");
          json_builder_add_int_value (b, o->within);
          json_rate (b, "median_hours", o->median_hours);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "rejected_by_reason");
      json_builder_begin_object (b);
      for (guint k = 0; k < report->reasons->len; k++)
        {
          TandemSlaOwner *r = g_ptr_array_index (report->reasons, k);
          json_builder_set_member_name (b, r->owner);
          json_builder_add_int_value (b, r->mqls);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "rejected_uncoded");
      json_builder_add_int_value (b, report->uncoded);
      json_builder_end_object (b);
      print_json (b);
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *within = percent (report->share_within);
    printf (_("%'lld MQLs; %'lld followed up, %'lld within %g working hours (%s)\n"), (long long) report->mqls,
            (long long) report->followed_up, (long long) report->within, terms.follow_up_hours, within);
    if (!isnan (report->median_hours))
      printf (_("Response: median %.1f working hours, 90th percentile %.1f\n"), report->median_hours, report->p90_hours);
    printf (_("Accepted within %g days: %'lld; rejected: %'lld\n"), terms.accept_days, (long long) report->accepted,
            (long long) report->rejected);
    if (!isnan (report->committed))
      printf (_("Delivered %'lld MQLs against a commitment of %.0f\n"), (long long) report->mqls, report->committed);
    if (terms.reason_codes != NULL)
      {
        g_autofree char *codes = g_strjoinv (", ", terms.reason_codes);
        printf (_("Agreed rejection reasons: %s\n"), codes);
      }
    for (guint k = 0; k < report->reasons->len; k++)
      {
        TandemSlaOwner *r = g_ptr_array_index (report->reasons, k);
        printf (_("  rejected, %s: %'lld\n"), r->owner, (long long) r->mqls);
      }
    printf ("\n%s\n", _("Owner                            MQLs   within   median h"));
    for (guint k = 0; k < report->owners->len; k++)
      {
        TandemSlaOwner *o = g_ptr_array_index (report->owners, k);
        g_autofree char *median = isnan (o->median_hours) ? g_strdup ("—") : g_strdup_printf ("%.1f", o->median_hours);
        printf ("%-30.30s %7lld  %7lld  %9s\n", o->owner, (long long) o->mqls, (long long) o->within, median);
      }
  }
  return EXIT_SUCCESS;
}

/* ---- chart --------------------------------------------------------------- */

#ifdef TANDEM_HAVE_CHARTS
static int
command_chart (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE matrix|waterfall|targets|sla OUT.png|OUT.svg|OUT.pdf — draw a chart"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *mode_name = NULL;
  g_autofree char *by = NULL;
  ScoringOptions o = { 0, };
  int width = 1280, height = 720, code = EXIT_SUCCESS;
  double scale = 1;
  TandemChartTheme theme = TANDEM_CHART_THEME_LIGHT;
  TandemChartStyle style;
  TandemChartDrawFunc draw = NULL;
  gpointer data = NULL;
  GDestroyNotify destroy = NULL;
  TandemMatrixData matrix;
  GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (points in a PDF; default 1280)"), "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height (default 720)"), "H" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("Pixels per point in a PNG, 1 to 4 (default 1)"), "S" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_name, N_("light (default), dark or projector"), "THEME" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, N_("targets: the saved scenario (default: the first)"), "NAME" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("waterfall: the first day"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("waterfall: the last day"), "DATE" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_name, N_("waterfall: cohort (default) or flow"), "MODE" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("waterfall: small multiples by this field"), "FIELD" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_scoring_entries (context, &o);
  g_option_context_set_summary (context, _("The charts the app shows, as PNG, SVG or PDF (by the file name's extension): "
                                           "the qualification × interest matrix of a model, the demand waterfall, or "
                                           "a Targets scenario's funnel. The projector theme has large type and high contrast."));
  if (!parse_options (context, &argc, &argv, &code))
    goto out;
  if (argc != 4)
    {
      code = usage_error (context, _("chart takes the workspace, the chart (matrix, waterfall, targets or sla) and the file to write"));
      goto out;
    }
  if (theme_name != NULL && !tandem_chart_theme_from_string (theme_name, &theme))
    {
      g_autofree char *msg = g_strdup_printf (_("unknown theme “%s”: use light, dark or projector"), theme_name);
      code = usage_error (context, msg);
      goto out;
    }

  if (g_str_equal (argv[2], "matrix"))
    {
      g_autoptr(TandemScorer) scorer = open_and_score (argv[1], &o, &store, &code);
      if (scorer == NULL)
        goto out;
      if (!tandem_scorer_load_outcomes (scorer, store, &error))
        {
          code = fail_error (error);
          goto out;
        }
      tandem_matrix_data_from_scorer (&matrix, scorer, tandem_scorer_get_model (scorer), NULL, NULL);
      draw = tandem_matrix_draw;
      data = &matrix;
    }
  else if (g_str_equal (argv[2], "waterfall"))
    {
      g_autoptr(TandemTaxonomy) taxonomy = NULL;
      g_autoptr(TandemFunnelMapping) mapping = NULL;
      g_autoptr(TandemWaterfall) waterfall = NULL;
      TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, from, to, by, from != NULL && to != NULL };

      if (mode_name != NULL && !tandem_waterfall_mode_from_string (mode_name, &options.mode))
        {
          code = usage_error (context, _("--mode is cohort or flow"));
          goto out;
        }
      store = tandem_store_open_read_only (argv[1], &error);
      if (store == NULL || (taxonomy = tandem_taxonomy_load (store, &error)) == NULL ||
          (mapping = tandem_funnel_mapping_load (store, &error)) == NULL)
        {
          code = fail_error (error);
          goto out;
        }
      if (tandem_taxonomy_get_n_stages (taxonomy) == 0)
        {
          code = fail (_("The workspace has no stages yet; choose them with “tandem-cli taxonomy WORKSPACE --template classic”"));
          goto out;
        }
      waterfall = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, &error);
      if (waterfall == NULL)
        {
          code = fail_error (error);
          goto out;
        }
      draw = tandem_waterfall_draw;
      data = tandem_waterfall_chart_data_from (waterfall);
      destroy = (GDestroyNotify) tandem_waterfall_chart_data_free;
    }
  else if (g_str_equal (argv[2], "targets"))
    {
      g_auto(GStrv) names = NULL;
      g_autoptr(TandemPlanInput) input = NULL;
      g_autoptr(TandemPlanResult) result = NULL;
      TandemTargetsChartData *targets;

      store = tandem_store_open_read_only (argv[1], &error);
      if (store == NULL)
        {
          code = fail_error (error);
          goto out;
        }
      names = tandem_scenario_list (store);
      if (scenario == NULL && names[0] == NULL)
        {
          code = fail (_("The workspace has no scenario; save one with “tandem-cli plan WORKSPACE --save NAME …”"));
          goto out;
        }
      input = tandem_scenario_load (store, scenario ? scenario : names[0], &error);
      if (input == NULL || (result = tandem_plan_calculate (input, &error)) == NULL)
        {
          code = fail_error (error);
          goto out;
        }
      targets = tandem_targets_chart_data_from (result);
      targets->headline = g_strdup (scenario ? scenario : names[0]);
      draw = tandem_targets_draw_funnel;
      data = targets;
      destroy = (GDestroyNotify) tandem_targets_chart_data_free;
    }
  else if (g_str_equal (argv[2], "sla"))
    {
      g_auto(TandemSlaTerms) terms = { 0, };
      g_autoptr(TandemSlaReport) report = NULL;

      store = tandem_store_open_read_only (argv[1], &error);
      if (store == NULL || !tandem_sla_terms_load (store, &terms, &error) ||
          (report = tandem_sla_compute (store, &terms, from, to, &error)) == NULL)
        {
          code = fail_error (error);
          goto out;
        }
      draw = tandem_figures_draw;
      data = tandem_figures_from_sla (report, &terms);
      destroy = (GDestroyNotify) tandem_figures_data_free;
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (_("unknown chart “%s”: use matrix, waterfall, targets or sla"), argv[2]);
      code = usage_error (context, msg);
      goto out;
    }

  tandem_chart_style_init (&style, theme);
  if (!tandem_chart_export (argv[3], width, height, scale, &style, draw, data, &error))
    code = fail_error (error);
  else
    printf (_("Wrote %s\n"), argv[3]);
  tandem_chart_style_clear (&style);
  if (destroy)
    destroy (data);

out:
  scoring_options_clear (&o);
  return code;
}

static int
command_agreement (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE OUT.pdf — the agreement both teams sign"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  int code = EXIT_SUCCESS;

  g_option_context_set_summary (context, _("A PDF with the stages and their definitions, the MQL definition in words "
                                           "(the cells and every rule with its points), the service-level terms, the "
                                           "targets, the matrix and the waterfall, the date and the live model's "
                                           "version, and the decision log."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 3)
    return usage_error (context, _("agreement takes the workspace and the PDF to write"));
  if (!g_str_has_suffix (argv[2], ".pdf") && !g_str_has_suffix (argv[2], ".PDF"))
    return usage_error (context, _("the agreement is a PDF: name the file .pdf"));
  store = tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || !tandem_agreement_write (store, argv[2], &error))
    return fail_error (error);
  printf (_("Wrote %s\n"), argv[2]);
  return EXIT_SUCCESS;
}
#endif

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "demo",   command_demo,   N_("Write the demo workspace") },
  { "import", command_import, N_("Import leads, more columns for them, or their events from CSV") },
  { "info",   command_info,   N_("Describe a workspace") },
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
