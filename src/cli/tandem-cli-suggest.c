/* tandem-cli-suggest.c — `suggest`: a scoring model from outcomes, back-tested
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "tandem-cli-private.h"
#include "tandem-suggest.h"

static void
print_backtest (const char           *title,
                const TandemBacktest *t)
{
  g_autofree char *share = percent (t->mql_share);
  g_autofree char *conversion = percent (t->mql_conversion);
  g_autofree char *base = percent (t->base_rate);

  printf (_("%-28s AUC %.3f   top-decile lift %.2f×   MQLs %s of leads, converting %s (base rate %s)\n"),
          title, t->auc, t->top_decile_lift, share, conversion, base);
}

int
command_suggest (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — suggest a scoring model from outcomes"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemSuggestion) suggestion = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *out = NULL;
  g_autofree char *name = NULL;
  g_autofree char *features = NULL;
  g_autofree char *as_of_text = NULL;
  g_auto(GStrv) include = NULL;
  g_auto(GStrv) exclude = NULL;
  double holdout = 0.3, top_share = NAN, rate = NAN;
  gint64 seed = 1;
  int max_rules = 30;
  gboolean json = FALSE;
  int code = EXIT_SUCCESS;
  GDate as_of;
  TandemSuggestOptions o;
  GOptionEntry entries[] = {
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("The column that says whether a lead was won (default: the outcome column)"), "COLUMN" },
    { "holdout", 0, 0, G_OPTION_ARG_DOUBLE, &holdout, N_("The share of leads kept out of the fit to test it on (0.3)"), "FRACTION" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("The split's seed: the same seed gives the same model (1)"), "N" },
    { "max-rules", 0, 0, G_OPTION_ARG_INT, &max_rules, N_("At most this many rules (30)"), "N" },
    { "include", 0, 0, G_OPTION_ARG_STRING_ARRAY, &include, N_("Use this column even if it looks like leakage or an id"), "COLUMN" },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &exclude, N_("Never use this column"), "COLUMN" },
    { "mql-rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, N_("MQL cells: those converting at this many times the base rate (2)"), "K" },
    { "mql-share", 0, 0, G_OPTION_ARG_DOUBLE, &top_share, N_("MQL cells: the best cells holding this share of leads instead"), "FRACTION" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Age dates and events from this day (default: today)"), "DATE" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the model to this file (JSON, as rules import reads it)"), "MODEL.json" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Store the model in the workspace under this name"), "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    /* For comparing with another tool: the exact features and split the fit saw */
    { "features", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &features, NULL, "FILE.csv" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Fits a regularised logistic regression (liblinear) of the outcome on "
                                           "conditions built from the columns and events, on a seeded training "
                                           "split, and turns it into rules with whole points, bands and MQL cells. "
                                           "Prints the back-test on the holdout beside the live model's, and the "
                                           "columns left out (leakage, ids, constants) with the reasons."));
  if (!parse_options (context, &argc, &argv, &code))
    return code;
  if (argc != 2)
    return usage_error (context, _("suggest takes one argument, the workspace"));
  if (!(holdout > 0 && holdout < 1))
    return usage_error (context, _("--holdout must be between 0 and 1, e.g. 0.3"));
  if (max_rules < 1 || max_rules > TANDEM_SUGGEST_MAX_RULES)
    return usage_error (context, _("--max-rules must be from 1 to 100"));
  if (seed < 0)
    return usage_error (context, _("--seed must be 0 or more"));
  if (!isnan (rate) && !isnan (top_share))
    return usage_error (context, _("choose MQL cells either by --mql-rate or by --mql-share"));
  if (!isnan (rate) && !(rate > 0 && rate <= 1000))
    return usage_error (context, _("--mql-rate must be above 0, e.g. 2"));
  if (!isnan (top_share) && !(top_share > 0 && top_share <= 1))
    return usage_error (context, _("--mql-share must be above 0 and at most 1, e.g. 0.2"));
  g_date_clear (&as_of, 1);
  if (!parse_as_of (as_of_text, &as_of, &error))
    return fail_error (error);

  store = name != NULL ? tandem_store_open (argv[1], &error) : tandem_store_open_read_only (argv[1], &error);
  if (store == NULL)
    return fail_error (error);

  tandem_suggest_options_init (&o);
  o.outcome = outcome;
  o.holdout = holdout;
  o.seed = (guint64) seed;
  o.max_rules = (guint) max_rules;
  o.include = (const char *const *) include;
  o.exclude = (const char *const *) exclude;
  o.as_of = g_date_valid (&as_of) ? &as_of : NULL;
  o.name = name;
  if (!isnan (top_share))
    {
      o.mql_mode = TANDEM_SUGGEST_MQL_TOP_SHARE;
      o.mql_top_share = top_share;
    }
  else if (!isnan (rate))
    o.mql_rate_multiple = rate;

  suggestion = tandem_suggest_run (store, &o, NULL, NULL, NULL, &error);
  if (suggestion == NULL)
    return fail_error (error);

  if (out != NULL)
    {
      g_autofree char *model_json = tandem_model_to_json (tandem_suggestion_get_model (suggestion));
      if (!g_file_set_contents (out, model_json, -1, &error))
        return fail_error (error);
    }
  if (features != NULL)
    {
      g_autoptr(GString) csv = g_string_new (NULL);
      tandem_suggestion_append_features_csv (suggestion, csv);
      if (!g_file_set_contents (features, csv->str, (gssize) csv->len, &error))
        return fail_error (error);
    }
  if (name != NULL && !tandem_model_save (tandem_suggestion_get_model (suggestion), store, FALSE, &error))
    return fail_error (error);

  if (json)
    {
      g_autoptr(JsonNode) root = tandem_suggestion_to_json (suggestion);
      print_json (root);
      return EXIT_SUCCESS;
    }

  {
    TandemModel *model = tandem_suggestion_get_model (suggestion);
    const TandemBacktest *live = tandem_suggestion_get_live_backtest (suggestion);
    GPtrArray *excluded = tandem_suggestion_get_excluded (suggestion);
    guint n_train, n_test;
    static const char *const titles[] = { N_("Fit"), N_("Interest") };

    tandem_suggestion_get_split (suggestion, NULL, NULL, &n_train, &n_test);
    printf (_("Outcome “%s”: %'u leads to learn from, %'u to test on (seed %lld); %u candidate conditions\n"),
            tandem_suggestion_get_outcome (suggestion), n_train, n_test, (long long) seed,
            tandem_suggestion_get_n_candidates (suggestion));
    for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
      {
        GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
        printf ("\n%s\n", _(titles[d]));
        for (guint r = 0; r < rules->len; r++)
          {
            const TandemRule *rule = g_ptr_array_index (rules, r);
            const TandemSuggestedRule *s = tandem_suggestion_get_rule (suggestion, d, r);
            g_autofree char *sentence = tandem_rule_dup_sentence (rule);
            printf (_("  %+4.0f  %-56s support %'7u  lift %.2f\n"), rule->points, sentence, s->support, s->lift);
          }
      }
    printf ("\n%s\n", _("Back-test on the holdout"));
    print_backtest (_("  suggested"), tandem_suggestion_get_backtest (suggestion));
    if (live != NULL)
      {
        g_autofree char *title = g_strdup_printf (_("  live (%s)"), tandem_suggestion_get_live_name (suggestion));
        print_backtest (title, live);
      }
    else
      printf ("%s\n", _("  no live model to compare with"));
    if (excluded->len > 0)
      printf ("\n%s\n", _("Columns left out"));
    for (guint k = 0; k < excluded->len; k++)
      {
        const TandemExcludedColumn *x = g_ptr_array_index (excluded, k);
        printf ("  %s: %s%s\n", x->column, x->reason, x->included ? _(" — included as asked") : "");
      }
    if (out != NULL)
      printf (_("\nWrote %s (tandem-cli rules import reads it)\n"), out);
    if (name != NULL)
      printf (_("\nStored as the model “%s”\n"), name);
  }
  return EXIT_SUCCESS;
}
