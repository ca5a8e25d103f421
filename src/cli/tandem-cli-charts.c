/* tandem-cli-charts.c — tandem-cli chart and agreement (built with the renderers only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tandem-agreement.h"
#include "tandem-chart-data.h"
#include "tandem-funnel.h"
#include "tandem-plan.h"
#include "tandem-scenario.h"
#include "tandem-sla.h"
#include "tandem-cli-private.h"

/* ---- chart --------------------------------------------------------------- */

int
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
      /* No stages saved: the ones the data has, as tandem-cli waterfall counts them */
      if (store == NULL || !tandem_funnel_choose (store, &taxonomy, &mapping, NULL, NULL, &error))
        {
          code = fail_error (error);
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
      targets = tandem_targets_chart_data_from (result, input->currency);
      {
        g_autofree char *revenue = tandem_targets_dup_revenue_line (result, input->currency);
        const char *name = scenario ? scenario : names[0];

        targets->headline = revenue != NULL ? g_strdup_printf ("%s · %s", name, revenue) : g_strdup (name);
      }
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

int
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
