/* tandem-cli-workspace.c — tandem-cli demo, import and info
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-csv.h"
#include "tandem-demo.h"
#include "tandem-format.h"
#include "tandem-cli-private.h"

/* ---- demo ------------------------------------------------------------------ */

int
command_demo (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("OUT.tandem — write the demo workspace"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *leads_text = NULL;
  g_autofree char *events_text = NULL;
  gint64 n_leads, n_events;
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

  n_leads = tandem_store_count_leads (store);
  n_events = tandem_store_count_events (store);
  leads_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld lead", "%'lld leads", (gulong) n_leads),
                                (long long) n_leads);
  events_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld event", "%'lld events", (gulong) n_events),
                                 (long long) n_events);
  /* Translators: the workspace written, its leads and its events: "Wrote demo.tandem: 3000 leads, 52000 events" */
  printf (_("Wrote %s: %s, %s\n"), argv[1], leads_text, events_text);
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

int
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
      {
        g_autofree char *columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new column", "%u new columns",
                                                                 result.columns_added), result.columns_added);
        printf (g_dngettext (GETTEXT_PACKAGE, "Merged %'lld row into %s (%s) in %.2f s\n",
                             "Merged %'lld rows into %s (%s) in %.2f s\n", (gulong) result.imported),
                (long long) result.imported, argv[1], columns, result.seconds);
      }
      break;
    case TANDEM_IMPORT_EVENTS:
      printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'lld event into %s in %.2f s\n",
                           "Imported %'lld events into %s in %.2f s\n", (gulong) result.imported),
              (long long) result.imported, argv[1], result.seconds);
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'lld lead into %s in %.2f s\n",
                           "Imported %'lld leads into %s in %.2f s\n", (gulong) result.imported),
              (long long) result.imported, argv[1], result.seconds);
      break;
    }
  if (result.unknown_ids > 0)
    fprintf (stderr,
             g_dngettext (GETTEXT_PACKAGE,
                          "tandem-cli: warning: %'lld row names a lead id that is not in the "
                          "workspace and was skipped (first: “%s” on line %lld)\n",
                          "tandem-cli: warning: %'lld rows name a lead id that is not in the "
                          "workspace and were skipped (first: “%s” on line %lld)\n",
                          (gulong) result.unknown_ids),
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

int
command_info (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE.tandem — describe a workspace"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  gboolean json = FALSE;
  int code = EXIT_SUCCESS;

  add_json_entry (context, &json);
  g_option_context_set_summary (context, _("Prints the workspace's schema version, counts and columns."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("info takes one argument, the workspace"));

  store = tandem_store_open_read_only (argv[1], &error);
  if (store == NULL)
    return fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = tandem_store_info_to_json (store);

      print_json (root);
      return EXIT_SUCCESS;
    }

  columns = tandem_store_list_columns (store);
  printf (_("Workspace:      %s\n"), argv[1]);
  printf (_("Schema version: %d\n"), tandem_store_get_schema_version (store));
  printf (_("Leads:          %'lld\n"), (long long) tandem_store_count_leads (store));
  printf (_("Events:         %'lld\n"), (long long) tandem_store_count_events (store));
  printf (_("Stage history:  %'lld\n"), (long long) tandem_store_count_stage_history (store));
  printf ("%s\n", tandem_store_has_current_snapshot (store)
          ? _("Snapshot:       current (scoring reads it)")
          : _("Snapshot:       none, or older than the rows (scoring reads the rows)"));
  {
    g_autofree char *currency = tandem_store_dup_currency (store, &error);

    if (currency == NULL)
      return fail_error (error);
    printf (_("Currency:       %s (%s)\n"), currency, tandem_currency_get_symbol (currency));
  }
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

int
command_currency (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE.tandem [CODE] — the currency of a workspace's amounts"));
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  gboolean json = FALSE;
  int code = EXIT_SUCCESS;

  add_json_entry (context, &json);
  g_option_context_set_summary (context,
                                _("Prints the ISO 4217 code of the currency the workspace's amounts (revenue goal, "
                                  "deal size, costs, budget) are in, or sets it: three capital letters such as EUR, "
                                  "USD or GBP.  Setting it relabels the amounts and the saved scenarios; it converts "
                                  "nothing."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2 && argc != 3)
    return usage_error (context, _("currency takes the workspace, and optionally the code to set"));
  if (argc == 3 && !tandem_currency_is_known (argv[2]))
    {
      g_autofree char *shown = g_strescape (argv[2], NULL);
      g_autofree char *msg = g_strdup_printf (_("“%s” is not an ISO 4217 currency code Tandem knows (three capital "
                                                "letters, such as EUR or USD)"), shown);
      return usage_error (context, msg);
    }

  store = argc == 3 ? tandem_store_open (argv[1], &error) : tandem_store_open_read_only (argv[1], &error);
  if (store == NULL)
    return fail_error (error);
  if (argc == 3 && !tandem_store_set_currency (store, argv[2], &error))
    return fail_error (error);
  currency = tandem_store_dup_currency (store, &error);
  if (currency == NULL)
    return fail_error (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, currency);
      json_builder_set_member_name (builder, "digits");
      json_builder_add_int_value (builder, tandem_currency_get_digits (currency));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    printf ("%s\n", currency);
  return EXIT_SUCCESS;
}
