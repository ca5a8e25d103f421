/* test-funnel.c — the Funnel page on the demo: its numbers are the core's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-plan.h"
#include "tandem-scenario.h"
#include "tandem-store-private.h"
#include "tandem-waterfall-chart.h"
#include "ui-test-util.h"

static gboolean
page_ready (gpointer data)
{
  return !tandem_funnel_page_is_busy (data) && tandem_funnel_page_get_waterfall (data) != NULL;
}

static void
wait_ready (TandemFunnelPage *page)
{
  for (int k = 0; k < 5; k++)
    g_main_context_iteration (NULL, FALSE);
  ui_wait_until (page_ready, page, "the waterfall");
}

/* Stage by stage, the numbers the page shows and the core's */
static void
assert_same_stages (const TandemWaterfallSegment *a,
                    const TandemWaterfallSegment *b)
{
  g_assert_cmpuint (a->stages->len, ==, b->stages->len);
  for (guint i = 0; i < b->stages->len; i++)
    {
      TandemWaterfallStage *x = &g_array_index (a->stages, TandemWaterfallStage, i);
      TandemWaterfallStage *y = &g_array_index (b->stages, TandemWaterfallStage, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->reached, ==, y->reached);
      g_assert_cmpint (x->lost, ==, y->lost);
      g_assert_cmpint (x->open, ==, y->open);
      g_assert_cmpint (x->negative_durations, ==, y->negative_durations);
    }
}

/* The page's waterfall equals one computed here with the same options */
static void
assert_same_as_core (TandemWindow     *window,
                     TandemFunnelPage *page,
                     const char       *from,
                     const char       *to,
                     TandemWaterfallMode mode,
                     const char       *segment)
{
  TandemStore *store = tandem_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_load (store, &error);
  TandemWaterfallOptions options = { mode, from, to, segment, FALSE };
  g_autoptr(TandemWaterfall) expected = tandem_waterfall_compute (store, tandem_funnel_page_get_taxonomy (page), mapping,
                                                                  &options, NULL, &error);
  TandemWaterfall *shown = tandem_funnel_page_get_waterfall (page);

  g_assert_no_error (error);
  g_assert_cmpint (shown->mode, ==, mode);
  g_assert_cmpstr (shown->from, ==, from);
  g_assert_cmpstr (shown->to, ==, to);
  g_assert_cmpuint (shown->segments->len, ==, expected->segments->len);
  for (guint s = 0; s < expected->segments->len; s++)
    {
      TandemWaterfallSegment *a = g_ptr_array_index (shown->segments, s), *b = g_ptr_array_index (expected->segments, s);
      g_assert_cmpstr (a->segment, ==, b->segment);
      assert_same_stages (a, b);
    }
}

static gboolean
page_idle (gpointer data)
{
  return !tandem_funnel_page_is_busy (data);
}

static gint64
reached (TandemWaterfall *w,
         const char      *stage)
{
  TandemWaterfallSegment *seg = g_ptr_array_index (w->segments, 0);

  for (guint i = 0; i < seg->stages->len; i++)
    if (g_str_equal (g_array_index (seg->stages, TandemWaterfallStage, i).name, stage))
      return g_array_index (seg->stages, TandemWaterfallStage, i).reached;
  return -1;
}

/* All time, cohort, with the page's own (unsaved) mapping */
static void
assert_same_as_core_with (TandemWindow              *window,
                          TandemFunnelPage          *page,
                          const TandemFunnelMapping *mapping)
{
  g_autoptr(GError) error = NULL;
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
  g_autoptr(TandemWaterfall) expected = tandem_waterfall_compute (tandem_window_get_store (window),
                                                                  tandem_funnel_page_get_taxonomy (page), mapping,
                                                                  &options, NULL, &error);
  TandemWaterfall *shown = tandem_funnel_page_get_waterfall (page);
  TandemWaterfallSegment *a = g_ptr_array_index (shown->segments, 0), *b = g_ptr_array_index (expected->segments, 0);

  g_assert_no_error (error);
  g_assert_cmpint (shown->implied, ==, expected->implied);
  assert_same_stages (a, b);
}

static void
test_demo_waterfall (void)
{
  TandemWindow *window = tandem_window_new (NULL);
  TandemFunnelPage *page = tandem_window_get_funnel_page (window);
  TandemChartView *chart = tandem_funnel_page_get_chart (page);
  TandemWaterfall *w;
  const char *from, *to, *label;
  guint quarter = 0;

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  wait_ready (page);

  /* All time, cohort: the demo's classic stages, every lead a suspect */
  w = tandem_funnel_page_get_waterfall (page);
  g_assert_cmpuint (w->segments->len, ==, 1);
  g_assert_cmpint (g_array_index (((TandemWaterfallSegment *) g_ptr_array_index (w->segments, 0))->stages,
                                  TandemWaterfallStage, 0).reached, ==, 500);
  assert_same_as_core (window, page, NULL, NULL, TANDEM_WATERFALL_COHORT, NULL);

  /* The chart says the same in words */
  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  {
    g_autofree char *description = tandem_waterfall_dup_description (tandem_chart_view_get_data (chart));
    g_assert_true (g_str_has_prefix (description, "Demand waterfall. Cohort · all time. SUS 500 leads;"));
    gtk_test_accessible_assert_property (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  }

  /* A quarter of the data (not of the clock), in flow mode, by lead source */
  for (guint k = 1; (label = tandem_funnel_page_get_period (page, k, &from, &to)) != NULL; k++)
    if (strchr (label, 'Q') != NULL && quarter == 0)
      quarter = k;
  g_assert_cmpuint (quarter, >, 0);
  tandem_funnel_page_get_period (page, quarter, &from, &to);
  tandem_funnel_page_set_options (page, quarter, TRUE, "Lead Source");
  wait_ready (page);
  w = tandem_funnel_page_get_waterfall (page);
  g_assert_cmpuint (w->segments->len, >, 1);
  assert_same_as_core (window, page, from, to, TANDEM_WATERFALL_FLOW, "Lead Source");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Stages edited: the waterfall follows before saving; Save writes them */
static void
test_edit_stages (void)
{
  TandemWindow *window = tandem_window_new (NULL);
  TandemFunnelPage *page = tandem_window_get_funnel_page (window);
  const TandemTaxonomy *taxonomy;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  wait_ready (page);

  /* A template swapped in: not in the workspace until saved */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.use-template", "s", "pipeline"));
  wait_ready (page);
  taxonomy = tandem_funnel_page_get_taxonomy (page);
  g_assert_cmpint (tandem_taxonomy_find_stage (taxonomy, "Prospecting"), ==, 0);
  {
    g_autoptr(TandemTaxonomy) stored = tandem_taxonomy_load (tandem_window_get_store (window), &error);
    g_assert_cmpint (tandem_taxonomy_find_stage (stored, "Prospecting"), <, 0);
  }
  /* Undone: the stages before the template; redone: the template again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.undo", NULL));
  wait_ready (page);
  g_assert_cmpint (tandem_taxonomy_find_stage (tandem_funnel_page_get_taxonomy (page), "Prospecting"), <, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.redo", NULL));
  wait_ready (page);
  g_assert_cmpint (tandem_taxonomy_find_stage (tandem_funnel_page_get_taxonomy (page), "Prospecting"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.use-template", "s", "classic"));
  wait_ready (page);
  {
    guint before = tandem_taxonomy_get_n_stages (tandem_funnel_page_get_taxonomy (page));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.add-stage", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.undo", NULL));
    g_assert_cmpuint (tandem_taxonomy_get_n_stages (tandem_funnel_page_get_taxonomy (page)), ==, before);
    /* A new edit: the undone one cannot be redone over it */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.add-stage", NULL));
    gtk_widget_activate_action (GTK_WIDGET (page), "funnel.redo", NULL);
    g_assert_cmpuint (tandem_taxonomy_get_n_stages (tandem_funnel_page_get_taxonomy (page)), ==, before + 1);
  }
  taxonomy = tandem_funnel_page_get_taxonomy (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.save-stages", NULL));
  {
    g_autoptr(TandemTaxonomy) stored = tandem_taxonomy_load (tandem_window_get_store (window), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tandem_taxonomy_get_n_stages (stored), ==, tandem_taxonomy_get_n_stages (taxonomy));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}


/* Leads placed on stages from the page: a marketing-funnel export whose
 * MQL date is a column nobody named for it (the Olist shape).  The page's
 * waterfall follows each choice before saving; Save keeps it; refusals
 * change nothing.                                                        */
static void
test_mapping (void)
{
  static const char csv[] =
    "mql_id,first_contact_date,origin,won_date\n"
    "M1,2024-01-01,social,2024-01-11\n"
    "M2,2024-01-10,paid,\n"
    "M3,2024-02-01,social,2024-03-01\n"
    "M4,2024-02-15,paid,\n";
  g_autofree char *csv_path = ui_tmp_path ("olist-shaped.csv");
  g_autofree char *path = ui_tmp_path ("olist-shaped.tandem");
  g_autoptr(GError) error = NULL;
  TandemWindow *window;
  TandemFunnelPage *page;
  TandemWaterfall *w;
  guint toasts;

  g_assert_true (g_file_set_contents (csv_path, csv, -1, &error));
  {
    g_autoptr(TandemStore) store = tandem_store_create (path, &error);
    g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
    g_autoptr(TandemTaxonomy) classic = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_CLASSIC);

    g_assert_no_error (error);
    g_assert_true (tandem_store_import_csv (store, csv_path, options, NULL, NULL, NULL, NULL, &error));
    g_assert_true (tandem_taxonomy_save (classic, store, &error));
    g_assert_no_error (error);
  }
  window = tandem_window_new (NULL);
  page = tandem_window_get_funnel_page (window);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the workspace");
  wait_ready (page);

  /* Nothing dates the MQL stage yet: the page says which stages have no data */
  w = tandem_funnel_page_get_waterfall (page);
  g_assert_cmpint (w->source, ==, TANDEM_FUNNEL_SOURCE_DATES);
  g_assert_nonnull (strstr (tandem_funnel_page_get_status (page), "Marketing Qualified Lead"));
  assert_same_as_core_with (window, page, tandem_funnel_page_get_mapping (page));

  /* The first contact is the MQL date: M1..M4 are MQLs, M1 and M3 customers */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-stage-date", "(ss)", "MQL", "first_contact_date"));
  wait_ready (page);
  w = tandem_funnel_page_get_waterfall (page);
  g_assert_cmpint (reached (w, "Marketing Qualified Lead"), ==, 4);
  g_assert_cmpint (reached (w, "Customer"), ==, 2);
  g_assert_cmpstr (tandem_funnel_mapping_get_date_column (tandem_funnel_page_get_mapping (page), "Marketing Qualified Lead"),
                   ==, "first_contact_date");
  assert_same_as_core_with (window, page, tandem_funnel_page_get_mapping (page));
  {
    /* Not in the workspace until saved */
    g_autoptr(TandemFunnelMapping) stored = tandem_funnel_mapping_load (tandem_window_get_store (window), &error);
    g_assert_null (tandem_funnel_mapping_get_date_column (stored, "Marketing Qualified Lead"));
  }

  /* Undone and redone, the waterfall following */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.undo", NULL));
  wait_ready (page);
  g_assert_null (tandem_funnel_mapping_get_date_column (tandem_funnel_page_get_mapping (page), "Marketing Qualified Lead"));
  g_assert_cmpint (reached (tandem_funnel_page_get_waterfall (page), "Marketing Qualified Lead"), !=, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.redo", NULL));
  wait_ready (page);
  g_assert_cmpint (reached (tandem_funnel_page_get_waterfall (page), "Marketing Qualified Lead"), ==, 4);

  /* Unsaved, the choice survives a reload (as it would a crash or another
   * workspace opened): kept as a draft.  Discarded: the saved placing. */
  tandem_funnel_page_reload (page);
  wait_ready (page);
  g_assert_cmpstr (tandem_funnel_mapping_get_date_column (tandem_funnel_page_get_mapping (page), "Marketing Qualified Lead"),
                   ==, "first_contact_date");
  g_assert_cmpint (reached (tandem_funnel_page_get_waterfall (page), "Marketing Qualified Lead"), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.discard-changes", NULL));
  wait_ready (page);
  g_assert_null (tandem_funnel_mapping_get_date_column (tandem_funnel_page_get_mapping (page), "Marketing Qualified Lead"));
  {
    g_autofree char *draft = tandem_store_dup_setting (tandem_window_get_store (window), "funnel.draft.stages");
    g_assert_null (draft);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-stage-date", "(ss)", "MQL", "first_contact_date"));
  wait_ready (page);

  /* Refused: an unknown stage, a column that holds no dates, an unknown source */
  toasts = tandem_window_get_n_toasts (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-stage-date", "(ss)", "Nurture", "first_contact_date"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-stage-date", "(ss)", "SAL", "origin"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-source", "s", "crm"));
  g_assert_cmpuint (tandem_window_get_n_toasts (window), ==, toasts + 3);
  g_assert_null (tandem_funnel_mapping_get_date_column (tandem_funnel_page_get_mapping (page), "SAL"));
  g_assert_cmpint (tandem_funnel_mapping_get_source (tandem_funnel_page_get_mapping (page)), ==, TANDEM_FUNNEL_SOURCE_AUTO);

  /* A source the data does not have: the reason, and the last numbers stay */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-source", "s", "stage"));
  for (int k = 0; k < 5; k++)
    g_main_context_iteration (NULL, FALSE);
  ui_wait_until (page_idle, page, "the refusal");
  g_assert_nonnull (strstr (tandem_funnel_page_get_status (page), "no column with the role “stage”"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-source", "s", "auto"));
  wait_ready (page);

  /* Without "implied", a customer never dated as an MQL is not counted there */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-implied", "b", FALSE));
  wait_ready (page);
  assert_same_as_core_with (window, page, tandem_funnel_page_get_mapping (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-implied", "b", TRUE));
  wait_ready (page);

  /* Save keeps the stages and the mapping; reopening reads them back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.save-stages", NULL));
  {
    g_autoptr(TandemFunnelMapping) stored = tandem_funnel_mapping_load (tandem_window_get_store (window), &error);
    g_autofree char *draft = NULL;

    g_assert_cmpstr (tandem_funnel_mapping_get_date_column (stored, "Marketing Qualified Lead"), ==, "first_contact_date");
    /* Saved: no draft left to come back */
    for (int k = 0; k < 50; k++)
      g_main_context_iteration (NULL, FALSE);
    draft = tandem_store_dup_setting (tandem_window_get_store (window), "funnel.draft.mapping");
    g_assert_null (draft);
  }
  tandem_funnel_page_reload (page);
  wait_ready (page);
  g_assert_cmpint (reached (tandem_funnel_page_get_waterfall (page), "Marketing Qualified Lead"), ==, 4);

  /* Another template: what named the old stages goes, the page still counts */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.use-template", "s", "pipeline"));
  wait_ready (page);
  g_assert_null (tandem_funnel_mapping_get_date_column (tandem_funnel_page_get_mapping (page), "Marketing Qualified Lead"));
  g_assert_null (strstr (tandem_funnel_page_get_status (page), "mapping"));

  gtk_window_destroy (GTK_WINDOW (window));
}


/* A Targets scenario drawn as the plan: the volumes the plan core gives,
 * in the chart's data and the table; gone with "No plan"; refused when
 * the scenario does not exist.                                          */
static void
test_plan (void)
{
  TandemWindow *window = tandem_window_new (NULL);
  TandemFunnelPage *page = tandem_window_get_funnel_page (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanInput) input = NULL;
  g_autoptr(TandemPlanResult) plan = NULL;
  TandemWaterfallChartData *data;
  TandemWaterfallSeries *series;
  guint toasts, planned = 0;

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  /* Chosen at once, before the page knows the data's periods: it waits for them */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-plan", "s", "Quarterly plan"));
  wait_ready (page);

  input = tandem_scenario_load (tandem_window_get_store (window), "Quarterly plan", &error);
  g_assert_no_error (error);
  plan = tandem_plan_calculate (input, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-plan", "s", "Quarterly plan"));
  /* A quarter's plan over all time would mislead: the latest quarter of the data is shown */
  wait_ready (page);
  {
    g_autofree char *last = tandem_funnel_last_date (tandem_window_get_store (window));
    g_autofree char *from = NULL;
    g_autofree char *to = NULL;
    TandemWaterfall *w = tandem_funnel_page_get_waterfall (page);

    g_assert_true (tandem_funnel_period_holding (last, 3, &from, &to));
    g_assert_cmpstr (w->from, ==, from);
    g_assert_cmpstr (w->to, ==, to);
    g_assert_cmpint (w->mode, ==, TANDEM_WATERFALL_FLOW);
  }
  data = tandem_chart_view_get_data (tandem_funnel_page_get_chart (page));
  series = g_ptr_array_index (data->series, 0);
  for (guint i = 0; i < series->bars->len; i++)
    {
      TandemWaterfallBar *bar = &g_array_index (series->bars, TandemWaterfallBar, i);

      for (guint s = 0; s < plan->n_stages; s++)
        if (tandem_taxonomy_find_stage (tandem_funnel_page_get_taxonomy (page), plan->stages[s].name) == (int) i)
          {
            g_assert_cmpfloat_with_epsilon (bar->planned, plan->stages[s].volume, 1e-9);
            planned++;
          }
    }
  g_assert_cmpuint (planned, ==, plan->n_stages);
  g_assert_nonnull (strstr (tandem_funnel_page_get_status (page), "Quarterly plan"));

  /* A new computation keeps the plan */
  tandem_funnel_page_set_options (page, 0, TRUE, NULL);
  wait_ready (page);
  data = tandem_chart_view_get_data (tandem_funnel_page_get_chart (page));
  series = g_ptr_array_index (data->series, 0);
  g_assert_false (isnan (g_array_index (series->bars, TandemWaterfallBar, series->bars->len - 1).planned));

  toasts = tandem_window_get_n_toasts (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-plan", "s", "Nope"));
  g_assert_cmpuint (tandem_window_get_n_toasts (window), ==, toasts + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.set-plan", "s", ""));
  data = tandem_chart_view_get_data (tandem_funnel_page_get_chart (page));
  series = g_ptr_array_index (data->series, 0);
  for (guint i = 0; i < series->bars->len; i++)
    g_assert_true (isnan (g_array_index (series->bars, TandemWaterfallBar, i).planned));
  g_assert_null (strstr (tandem_funnel_page_get_status (page), "Quarterly plan"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ui_init (&argc, &argv);
  g_test_add_func ("/ui/funnel/demo-waterfall", test_demo_waterfall);
  g_test_add_func ("/ui/funnel/edit-stages", test_edit_stages);
  g_test_add_func ("/ui/funnel/mapping", test_mapping);
  g_test_add_func ("/ui/funnel/plan", test_plan);
  return ui_run ();
}
