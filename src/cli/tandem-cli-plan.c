/* tandem-cli-plan.c — tandem-cli plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem-format.h"
#include "tandem-plan.h"
#include "tandem-plan-actuals.h"
#include "tandem-plan-default.h"
#include "tandem-scenario.h"
#include "tandem-cli-private.h"

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

static char *
plan_number (double value)
{
  return tandem_format_number (value, fabs (value - round (value)) <= 1e-9 * MAX (1.0, fabs (value)) ? 0 : 1);
}

static char *
plan_money (double      value,
            const char *currency)
{
  return tandem_format_amount (value, currency);
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

typedef gboolean (*ParseValueFunc) (const char *what, const char *text, double *out, GError **error);

/* Each FROM:TO=VALUE of @assignments (--rate, --lag) read by @parse into
 * @values at its transition; returns the exit status. */
static int
parse_transitions (GOptionContext   *context,
                   TandemPlanInput  *input,
                   const char       *option,
                   const char       *value_name,
                   char            **assignments,
                   ParseValueFunc    parse,
                   double           *values)
{
  for (guint k = 0; assignments && assignments[k]; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *left = NULL;
      g_autofree char *right = NULL;
      g_autofree char *what = NULL;
      guint index;
      double value;

      if (!split_assignment (assignments[k], &left, &right))
        {
          /* Translators: “--rate must be FROM:TO=PCT, not “x””; the option and PCT or DAYS stay as they are */
          g_autofree char *msg = g_strdup_printf (_("%s must be FROM:TO=%s, not “%s”"), option, value_name, assignments[k]);
          return usage_error (context, msg);
        }
      what = g_strdup_printf ("%s %s", option, left);
      if (!parse (what, right, &value, &error) || !find_transition (input, option, left, &index, &error))
        return plan_error (context, error);
      values[index] = value;
    }
  return EXIT_SUCCESS;
}

int
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
  gboolean json = FALSE, forward = FALSE, has_solved = FALSE, actual_rates = FALSE, workspace_deal = FALSE;
  g_autoptr(TandemPlanDefault) from_workspace = NULL;
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
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_("The amounts' currency, an ISO 4217 code such as EUR (default: the workspace's, else the locale's)"), "CODE" },
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
  if (argc == 2 && scenario == NULL && save_as == NULL && !actual_rates && revenue == NULL && target == NULL && !forward)
    return usage_error (context, _("with a workspace, say --revenue R to plan from its stages and rates, --scenario NAME "
                                   "to plan a saved scenario, --save NAME to save this one, or --actual-rates to take its rates"));
  if (currency != NULL && !tandem_currency_is_known (currency))
    {
      g_autofree char *shown = g_strescape (currency, NULL);
      g_autofree char *msg = g_strdup_printf (_("--currency must be an ISO 4217 currency code such as EUR or USD, "
                                                "not “%s”"), shown);
      return usage_error (context, msg);
    }
  /* --scenario only reads the workspace; --save writes to it */
  if (argc == 2 && (store = save_as != NULL ? tandem_store_open (argv[1], &error)
                                            : tandem_store_open_read_only (argv[1], &error)) == NULL)
    return fail_error (error);
  /* A workspace's amounts are in its currency; without one, the locale's */
  if (store != NULL)
    {
      g_autofree char *own = tandem_store_dup_currency (store, &error);

      if (own == NULL)
        return fail_error (error);
      if (currency != NULL && !g_str_equal (currency, own))
        {
          g_autofree char *msg = g_strdup_printf (_("the amounts in %s are in %s, not %s: Tandem does not convert "
                                                    "them (change it with tandem-cli currency)"),
                                                  argv[1], own, currency);
          return fail (msg);
        }
      g_free (currency);
      currency = g_steal_pointer (&own);
    }
  else if (currency == NULL)
    currency = g_strdup (tandem_currency_get_locale_default ());

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

  /* A workspace and no rates of its own: its stages, their rates and its
   * median won deal, as the Targets page starts from, each said where
   * from */
  if (store != NULL && scenario == NULL && !actual_rates && rates == NULL && stages == NULL)
    {
      from_workspace = tandem_plan_default_new (store, NULL, &error);
      if (from_workspace == NULL)
        return fail_error (error);
      if (!from_workspace->from_workspace)
        return fail (_("the workspace has no stages to take rates from: give them with --rate FROM:TO=PCT"));
      tandem_plan_input_free (g_steal_pointer (&input));
      input = tandem_plan_input_copy (from_workspace->input);
      workspace_deal = deal_size == NULL && from_workspace->has_deal_size;
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
  if (revenue != NULL && deal_size == NULL && !workspace_deal)
    {
      /* Translators: %s is the last stage, e.g. "--target Won=N" */
      g_autofree char *msg = g_strdup_printf (_("--revenue needs --deal-size (the workspace has no won deals with an "
                                                "amount to take its median from), or plan a number of deals with "
                                                "--target %s=N"),
                                              input->stages[input->n_stages - 1]);
      return usage_error (context, msg);
    }
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

  code = parse_transitions (context, input, "--rate", "PCT", rates, parse_percent, input->rates);
  if (code == EXIT_SUCCESS)
    code = parse_transitions (context, input, "--lag", "DAYS", lags, parse_number, input->lag_days);
  if (code != EXIT_SUCCESS)
    return code;
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

  /* Where the workspace's plan comes from, once the options hold; revenue
   * from a typical deal value is said to be one */
  if (from_workspace != NULL && !json)
    {
      g_print (_("Stages: %s\n"), from_workspace->stages_note);
      g_print (_("Rates: %s\n"), from_workspace->rates_note);
      if (deal_size == NULL)
        g_print (_("Deal size: %s\n"), from_workspace->deal_size_note);
      g_print ("\n");
    }

calculate:
  g_strlcpy (input->currency, currency, sizeof input->currency);
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
    {
      g_autoptr(JsonNode) root = tandem_plan_result_to_json (input, result, (const char *const *) steps,
                                                             has_solved ? (int) solve_index : -1);

      print_json (root);
    }
  else
    print_plan_text (result, steps, currency, has_solved,
                     input->stages[solve_index], input->stages[solve_index + 1], solved_rate);
  return EXIT_SUCCESS;
}
