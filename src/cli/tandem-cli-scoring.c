/* tandem-cli-scoring.c — tandem-cli rules, score, explain, matrix, insights, diff and sql
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "tandem-decisions.h"
#include "tandem-insights.h"
#include "tandem-sql.h"
#include "tandem-cli-private.h"

int
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
      g_autoptr(JsonNode) root = tandem_scorer_to_json (scorer);
      g_autofree char *text = tandem_json_to_data (root, FALSE);

      g_string_append_printf (out, "%s\n", text);
    }
  else
    {
      tandem_scorer_append_csv (scorer, out);
    }

  if (out_path != NULL)
    {
      /* Written as the shell's > would, with no wait for the disk */
      if (!g_file_set_contents_full (out_path, out->str, (gssize) out->len, G_FILE_SET_CONTENTS_NONE, 0666, &error))
        code = fail_error (error);
    }
  else
    fwrite (out->str, 1, out->len, stdout);

out:
  scoring_options_clear (&o);
  return code;
}

int
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

int
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

  add_json_entry (context, &json);
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
      g_autoptr(JsonNode) root = tandem_insights_matrix_to_json (in, model);

      print_json (root);
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
  printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u leads is an MQL (cells marked *)%s\n",
                       "%u of %u leads are MQLs (cells marked *)%s\n", in->mql), in->mql, in->leads,
          in->has_outcomes ? _("; percentages are the share won") : "");

out:
  scoring_options_clear (&o);
  return code;
}

int
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

  add_json_entry (context, &json);
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
      g_autoptr(JsonNode) root = tandem_insights_to_json (insights, tandem_scorer_get_model (scorer),
                                                          live_insights, live_name);

      print_json (root);
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
  /* What the outcomes say about the MQL cells themselves */
  for (guint k = 0; k < insights->findings->len; k++)
    {
      g_autofree char *sentence = tandem_cell_finding_dup_sentence (&g_array_index (insights->findings, TandemCellFinding, k));
      printf ("%s\n", sentence);
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

int
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
      g_autoptr(JsonNode) root = tandem_insights_diff_to_json (a, ia, b, ib, entering, leaving);

      print_json (root);
      return EXIT_SUCCESS;
    }

  for (guint m = 0; m < 2; m++)
    {
      TandemInsights *in = m ? ib : ia;
      g_autofree char *conv = percent (in->mql ? (double) in->mql_won / in->mql : NAN);
      printf (g_dngettext (GETTEXT_PACKAGE, "%s: %'u MQL%s%s\n", "%s: %'u MQLs%s%s\n", in->mql),
              tandem_model_get_name (m ? b : a), in->mql,
              in->has_outcomes ? _(", conversion ") : "", in->has_outcomes ? conv : "");
    }
  {
    g_autofree char *enter = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u lead enters the MQL set",
                                                           "%'u leads enter the MQL set", entering->len), entering->len);
    g_autofree char *leave = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u leaves it", "%'u leave it", leaving->len),
                                              leaving->len);
    /* Translators: "12 leads enter the MQL set, 3 leave it" */
    printf (_("%s, %s\n"), enter, leave);
  }
  for (guint k = 0; k < MIN (entering->len, 10u); k++)
    printf ("  + %s\n", (const char *) g_ptr_array_index (entering, k));
  for (guint k = 0; k < MIN (leaving->len, 10u); k++)
    printf ("  - %s\n", (const char *) g_ptr_array_index (leaving, k));
  return EXIT_SUCCESS;
}

int
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
  gboolean matrix = FALSE;
  GDate as_of;
  int code = EXIT_SUCCESS;
  GOptionEntry entries[] = {
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect_name, N_("postgres (default), sqlite or duckdb"), "DIALECT" },
    { "matrix", 0, 0, G_OPTION_ARG_NONE, &matrix,
      N_("One aggregate query giving each matrix cell's leads, MQL flag, won and conversion instead of every lead's score"),
      NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_scoring_entries (context, &o);
  g_option_context_set_summary (context,
                                _("Prints one SELECT that computes id, fit, interest, grade and mql for every lead "
                                  "from the workspace's tables (leads, events), as Tandem does; with --matrix, "
                                  "the counts of `tandem-cli matrix` instead.\n\n"
                                  "Dialects: postgres (PostgreSQL), sqlite (the sqlite3 shell, whose REGEXP "
                                  "it uses, or Tandem's own connections) and duckdb."));
  if (!parse_options (context, &argc, &argv, &code))
    goto out;
  if (argc != 2)
    {
      code = usage_error (context, _("sql takes one argument, the workspace"));
      goto out;
    }
  if (dialect_name != NULL && g_str_equal (dialect_name, "sqlite"))
    dialect = TANDEM_SQL_SQLITE;
  else if (dialect_name != NULL && g_str_equal (dialect_name, "duckdb"))
    dialect = TANDEM_SQL_DUCKDB;
  else if (dialect_name != NULL && !g_str_equal (dialect_name, "postgres") && !g_str_equal (dialect_name, "postgresql"))
    {
      code = usage_error (context, _("--dialect must be postgres, sqlite or duckdb"));
      goto out;
    }
  if (!parse_as_of (o.as_of, &as_of, &error))
    {
      code = usage_error (context, error->message);
      goto out;
    }

  store = tandem_store_open_read_only (argv[1], &error);
  if (store == NULL || (model = choose_model (store, o.model, o.rules, &error)) == NULL ||
      (sql = (matrix ? tandem_model_to_matrix_sql : tandem_model_to_sql) (model, store, dialect,
                                                                       o.as_of ? &as_of : NULL, &error)) == NULL)
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

int
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
