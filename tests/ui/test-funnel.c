/* test-funnel.c — the Funnel page on the demo: its numbers are the core's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

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
      g_assert_cmpuint (a->stages->len, ==, b->stages->len);
      for (guint i = 0; i < b->stages->len; i++)
        {
          TandemWaterfallStage *x = &g_array_index (a->stages, TandemWaterfallStage, i);
          TandemWaterfallStage *y = &g_array_index (b->stages, TandemWaterfallStage, i);
          g_assert_cmpstr (x->name, ==, y->name);
          g_assert_cmpint (x->reached, ==, y->reached);
          g_assert_cmpint (x->lost, ==, y->lost);
          g_assert_cmpint (x->open, ==, y->open);
        }
    }
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
  TandemTaxonomy *taxonomy;
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
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.use-template", "s", "classic"));
  wait_ready (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.add-stage", NULL));
  taxonomy = tandem_funnel_page_get_taxonomy (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "funnel.save-stages", NULL));
  {
    g_autoptr(TandemTaxonomy) stored = tandem_taxonomy_load (tandem_window_get_store (window), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tandem_taxonomy_get_n_stages (stored), ==, tandem_taxonomy_get_n_stages (taxonomy));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ui_init (&argc, &argv);
  g_test_add_func ("/ui/funnel/demo-waterfall", test_demo_waterfall);
  g_test_add_func ("/ui/funnel/edit-stages", test_edit_stages);
  return ui_run ();
}
