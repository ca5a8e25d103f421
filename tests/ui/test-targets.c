/* test-targets.c — the Targets page: the CLI's arithmetic, live, and the
 * demo's scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-chart.h"
#include "tandem-funnel.h"
#include "tandem-plan-actuals.h"
#include "tandem-presentation.h"
#include "tandem-rows.h"
#include "tandem-print.h"
#include "tandem-format.h"
#include "tandem-scenario.h"
#include "tandem-sla-dialog.h"
#include "tandem-store-private.h"
#include "ui-test-util.h"

/* Use Actual Rates counts on a worker thread */
static gboolean
rates_counted (gpointer data)
{
  return !tandem_plan_state_get_busy (tandem_targets_page_get_state (data));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The spin row every form uses (the Targets page's amounts and options,
 * the SLA terms, the rule editor, the bands): built from its template */
static void
test_spin_row (void)
{
  TandemSpinRow *row = TANDEM_SPIN_ROW (g_object_ref_sink (tandem_spin_row_new ("Revenue goal", 0, 1e9, 1000, 0)));
  GtkSpinButton *spin = tandem_spin_row_get_spin_button (row);
  GtkWidget *toggle = GTK_WIDGET (tandem_spin_row_get_switch (row));
  guint values = 0, actives = 0;

  g_assert_nonnull (spin);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (spin), GTK_WIDGET (row)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, 1e9);
  g_assert_cmpfloat (gtk_adjustment_get_step_increment (gtk_spin_button_get_adjustment (spin)), ==, 1000);
  g_signal_connect (row, "notify::value", G_CALLBACK (count_notify), &values);
  g_signal_connect (row, "notify::active", G_CALLBACK (count_notify), &actives);

  tandem_spin_row_set_value (row, 2500);
  g_assert_cmpfloat (tandem_spin_row_get_value (row), ==, 2500);
  g_assert_cmpuint (values, ==, 1);

  /* Grouped digits: typed back with the separators, or with spaces */
  tandem_spin_row_set_group_digits (row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (spin), "1 500 000");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (tandem_spin_row_get_value (row), ==, 1500000);
  gtk_editable_set_text (GTK_EDITABLE (spin), "lots");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (tandem_spin_row_get_value (row), ==, 1500000);

  /* The switch is a prefix only while the row is switchable */
  g_assert_false (gtk_widget_is_ancestor (toggle, GTK_WIDGET (row)));
  tandem_spin_row_set_switchable (row, TRUE);
  g_assert_true (gtk_widget_is_ancestor (toggle, GTK_WIDGET (row)));
  tandem_spin_row_set_active (row, TRUE);
  g_assert_true (tandem_spin_row_get_active (row));
  g_assert_cmpuint (actives, ==, 1);
  tandem_spin_row_set_switchable (row, FALSE);
  g_assert_false (gtk_widget_is_ancestor (toggle, GTK_WIDGET (row)));
  g_object_unref (row);
}

static void
test_scenario_and_edits (void)
{
  TandemWindow *window = tandem_window_new (NULL);
  TandemTargetsPage *page = tandem_window_get_targets_page (window);
  TandemStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanInput) saved = NULL;
  g_autoptr(TandemPlanResult) expected = NULL;
  g_autoptr(TandemPlanInput) broken = NULL;
  g_auto(GStrv) steps = NULL;
  g_autofree char *joined = NULL;
  TandemPlanResult *shown;

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  store = tandem_window_get_store (window);

  /* The demo's sample scenario is on the page, planned as tandem-plan plans it */
  saved = tandem_scenario_load (store, "Quarterly plan", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, saved->revenue);
  expected = tandem_plan_calculate (saved, &error);
  g_assert_no_error (error);
  shown = tandem_targets_page_get_result (page);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->n_stages, ==, expected->n_stages);
  for (guint s = 0; s < expected->n_stages; s++)
    {
      g_assert_cmpfloat (shown->stages[s].volume, ==, expected->stages[s].volume);
      g_assert_cmpfloat (shown->stages[s].exact, ==, expected->stages[s].exact);
    }
  g_assert_cmpfloat (shown->deals, ==, expected->deals);
  steps = tandem_plan_explain_steps (expected, "USD");
  joined = g_strjoinv ("\n", steps);
  g_assert_cmpstr (tandem_targets_page_get_steps (page), ==, joined);

  /* Duplicate: the numbers kept under a new name, twice; the original untouched */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.duplicate-scenario", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.duplicate-scenario", NULL));
  {
    g_auto(GStrv) names = tandem_scenario_list (store);
    g_autoptr(TandemPlanInput) copy = tandem_scenario_load (store, "Quarterly plan (copy)", &error);
    g_autoptr(TandemPlanInput) second = tandem_scenario_load (store, "Quarterly plan (copy 2)", &error);
    g_autofree char *a = tandem_plan_input_to_json (saved);
    g_autofree char *b = NULL;

    g_assert_no_error (error);
    b = tandem_plan_input_to_json (copy);
    g_assert_cmpstr (a, ==, b);
    g_assert_nonnull (second);
    g_assert_cmpuint (g_strv_length (names), ==, 3);
    /* A third, from the second: numbered after the original */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.duplicate-scenario", NULL));
    {
      g_autoptr(TandemPlanInput) third = tandem_scenario_load (store, "Quarterly plan (copy 3)", NULL);
      g_assert_nonnull (third);
    }
    g_assert_true (tandem_scenario_delete (store, "Quarterly plan (copy 3)", &error));
    g_assert_true (tandem_scenario_delete (store, "Quarterly plan (copy)", &error));
    g_assert_true (tandem_scenario_delete (store, "Quarterly plan (copy 2)", &error));
  }

  /* Amounts typed as the locale writes them; nonsense leaves the value */
  {
    GtkSpinButton *spin = tandem_targets_page_get_revenue_spin (page);
    double before = tandem_targets_page_get_input (page)->revenue;

    gtk_editable_set_text (GTK_EDITABLE (spin), "2500000");
    gtk_spin_button_update (spin);
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, 2500000);
    gtk_editable_set_text (GTK_EDITABLE (spin), "lots");
    gtk_spin_button_update (spin);
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, 2500000);
    if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
      {
        gtk_editable_set_text (GTK_EDITABLE (spin), "1.750.000");
        gtk_spin_button_update (spin);
        g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, 1750000);
        gtk_spin_button_set_value (spin, 1250000);
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1.250.000");
        setlocale (LC_NUMERIC, "C.UTF-8");
      }
    else if (g_getenv ("TANDEM_REQUIRE_LOCALES") != NULL)
      g_error ("locale de_DE.UTF-8 is not installed");
    gtk_spin_button_set_value (spin, before);
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, before);
  }

  /* The form as typed, unsaved, comes back when the workspace is opened
   * again (or after a crash); choosing a scenario drops it */
  {
    GtkSpinButton *spin = tandem_targets_page_get_revenue_spin (page);
    double before = tandem_targets_page_get_input (page)->revenue;
    g_autoptr(TandemPlanInput) stored = tandem_scenario_load (store, "Quarterly plan", &error);

    g_autofree char *chosen = NULL;

    gtk_spin_button_set_value (spin, 3300000);
    chosen = g_strdup (tandem_targets_page_get_scenario (page));
    g_assert_nonnull (chosen);
    tandem_targets_page_set_store (page, store);   /* as when the workspace is opened again */
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, 3300000);
    g_assert_cmpfloat (stored->revenue, ==, before);   /* the scenario itself untouched */
    {
      g_autofree char *scenario = tandem_store_dup_setting (store, "targets.draft.scenario");
      g_assert_cmpstr (scenario, ==, chosen);
    }
    tandem_targets_page_set_input (page, stored);   /* as choosing the scenario does… */
    gtk_widget_activate_action (GTK_WIDGET (page), "targets.duplicate-scenario", NULL);   /* …or keeping it */
    {
      g_autofree char *draft = tandem_store_dup_setting (store, "targets.draft.input");
      g_assert_null (draft);
      g_assert_true (tandem_scenario_delete (store, "Quarterly plan (copy)", &error));
    }
    tandem_targets_page_set_store (page, store);
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, before);
  }

  /* Undo and redo a change to the form, the plan following */
  {
    GtkSpinButton *spin = tandem_targets_page_get_revenue_spin (page);
    double before = tandem_targets_page_get_input (page)->revenue;
    double deals_before = tandem_targets_page_get_result (page)->deals;

    gtk_spin_button_set_value (spin, before * 2);
    g_assert_cmpfloat (tandem_targets_page_get_result (page)->deals, >, deals_before);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.undo", NULL));
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, before);
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);
    g_assert_cmpfloat (tandem_targets_page_get_result (page)->deals, ==, deals_before);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.redo", NULL));
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, before * 2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.undo", NULL));
    g_assert_cmpfloat (tandem_targets_page_get_input (page)->revenue, ==, before);
  }

  /* The currency: chosen in its row, written to the workspace, shown in
   * every amount; one undo step that sets the workspace's back */
  {
    AdwComboRow *row = tandem_targets_page_get_currency_row (page);
    guint eur = G_MAXUINT, usd = G_MAXUINT;
    g_autofree char *stored = NULL;

    for (guint i = 0; i < tandem_currency_get_n_known (); i++)
      {
        if (g_str_equal (tandem_currency_get_nth (i), "EUR"))
          eur = i;
        if (g_str_equal (tandem_currency_get_nth (i), "USD"))
          usd = i;
      }
    g_assert_cmpuint (adw_combo_row_get_selected (row), ==, usd);
    g_assert_true (g_str_has_prefix (tandem_targets_page_get_steps (page), "$"));
    adw_combo_row_set_selected (row, eur);
    g_assert_true (g_str_has_prefix (tandem_targets_page_get_steps (page), "€"));
    stored = tandem_store_dup_currency (store, &error);
    g_assert_cmpstr (stored, ==, "EUR");
    g_clear_pointer (&stored, g_free);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (
                       GTK_WIDGET (tandem_targets_page_get_revenue_spin (page)), ADW_TYPE_ACTION_ROW))), ==, "€");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.undo", NULL));
    g_assert_cmpuint (adw_combo_row_get_selected (row), ==, usd);
    g_assert_true (g_str_has_prefix (tandem_targets_page_get_steps (page), "$"));
    stored = tandem_store_dup_currency (store, &error);
    g_assert_cmpstr (stored, ==, "USD");
  }

  /* An impossible rate: said in words, no result, nothing invented */
  broken = tandem_plan_input_copy (saved);
  broken->rates[1] = 1.4;
  tandem_targets_page_set_input (page, broken);
  g_assert_null (tandem_targets_page_get_result (page));
  g_assert_nonnull (tandem_targets_page_get_error (page));
  g_assert_nonnull (strstr (tandem_targets_page_get_error (page), "140"));

  /* Actual rates: from the demo's own waterfall */
  tandem_targets_page_set_input (page, saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.use-actual-rates", NULL));
  ui_wait_until (rates_counted, page, "the actual rates");
  {
    g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, &error);
    g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_load (store, &error);
    TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
    g_autoptr(TandemWaterfall) w = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, &error);
    TandemWaterfallSegment *all = g_ptr_array_index (w->segments, 0);
    gint64 inquiry = -1, mql = -1;

    g_assert_no_error (error);
    for (guint i = 0; i < all->stages->len; i++)
      {
        TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, i);
        if (g_ascii_strcasecmp (st->name, "Inquiry") == 0)
          inquiry = st->reached;
        if (g_ascii_strcasecmp (st->short_name, "MQL") == 0)
          mql = st->reached;
      }
    g_assert_cmpint (inquiry, >, 0);
    g_assert_cmpfloat_with_epsilon (tandem_targets_page_get_input (page)->rates[0], (double) mql / inquiry, 1e-9);
    g_assert_nonnull (tandem_targets_page_get_result (page));
  }
  /* Two scenarios side by side, the second's change from the first */
  {
    g_autoptr(TandemPlanInput) bigger = tandem_plan_input_copy (saved);
    GtkWidget *grid = gtk_grid_new ();
    const char *names[] = { "Quarterly plan", "Bigger", NULL };
    const char *missing[] = { "Quarterly plan", "Nope", NULL };
    guint cells = 0, changes = 0;

    bigger->revenue *= 2;
    g_assert_true (tandem_scenario_save (store, "Bigger", bigger, &error));
    g_object_ref_sink (grid);
    g_assert_cmpuint (tandem_targets_page_compare (page, names, GTK_GRID (grid)), ==, 2);
    for (GtkWidget *c = gtk_widget_get_first_child (grid); c; c = gtk_widget_get_next_sibling (c))
      {
        cells++;
        changes += strstr (gtk_label_get_label (GTK_LABEL (c)), "%)") != NULL;
      }
    /* A header row, five stages and four totals, in three columns */
    g_assert_cmpuint (cells, ==, 3 * (1 + 5 + 4));
    g_assert_cmpuint (changes, >=, 6);
    /* A scenario that is not there: nothing compared, a message */
    g_assert_cmpuint (tandem_targets_page_compare (page, missing, GTK_GRID (grid)), ==, 0);
    g_object_unref (grid);
  }
  /* The agreement, written from the window on a worker thread */
  {
    g_autofree char *path = ui_tmp_path ("agreement.pdf");
    g_autofree char *contents = NULL;
    guint toasts = tandem_window_get_n_toasts (window);

    tandem_window_export_agreement (window, path);
    while (tandem_window_get_n_toasts (window) == toasts)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
slides_ready (gpointer data)
{
  return tandem_presentation_is_ready (data);
}

static gboolean
sla_ready (gpointer data)
{
  return !tandem_sla_dialog_is_busy (data);
}

/* Meeting mode: four slides, keys move between them, and no personal
 * data on any of them */
static void
test_meeting (void)
{
  TandemWindow *window = tandem_window_new (NULL);
  TandemPresentation *slides;
  TandemStore *store;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) personal = g_ptr_array_new_with_free_func (g_free);

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  store = tandem_window_get_store (window);
  slides = TANDEM_PRESENTATION (tandem_window_present_meeting (window));
  ui_wait_until (slides_ready, slides, "the slides");

  g_assert_cmpuint (tandem_presentation_get_n_slides (slides), ==, 4);
  g_assert_cmpuint (tandem_presentation_get_slide (slides), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slides), "presentation.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slides), "presentation.next", NULL));
  g_assert_cmpuint (tandem_presentation_get_slide (slides), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slides), "presentation.previous", NULL));
  g_assert_cmpuint (tandem_presentation_get_slide (slides), ==, 1);
  g_assert_nonnull (strstr (tandem_presentation_get_text (slides, 1), "plan"));   /* the waterfall against the plan */
  /* Part way through the quarter, the plan slide says what is due by
   * now: the plan prorated to the days gone.  The targets slide says its
   * goal, its two shades and what the brackets are. */
  {
    const char *text = tandem_presentation_get_text (slides, 1);
    g_autofree char *last = tandem_funnel_last_date (store);
    g_autofree char *from = NULL;
    g_autofree char *to = NULL;
    g_auto(GStrv) scenarios = tandem_scenario_list (store);
    g_autoptr(TandemPlanInput) input = tandem_scenario_load (store, scenarios[0], NULL);   /* the slide's plan */
    g_autoptr(TandemPlanResult) plan = tandem_plan_calculate (input, NULL);
    guint day, days;

    g_assert_nonnull (plan);
    g_assert_true (tandem_funnel_period_holding (last, plan->period_months, &from, &to));
    g_assert_true (tandem_plan_pace (from, to, last, &day, &days, NULL));
    if (day < days)
      {
        g_autofree char *day_of = g_strdup_printf ("day %u of %u: ", day, days);
        g_autofree char *won = tandem_chart_format_count ((guint64) tandem_plan_paced_volume (plan->deals, day, days));
        g_autofree char *last_stage = g_strdup_printf (" %s", won);

        g_assert_nonnull (strstr (text, "On pace "));
        g_assert_nonnull (strstr (text, day_of));
        g_assert_true (g_str_has_suffix (text, last_stage));
      }
    else
      g_assert_null (strstr (text, "On pace "));   /* the quarter's last day: all of it is due */
    text = tandem_presentation_get_text (slides, 2);
    g_assert_nonnull (strstr (text, "Goal: "));
    g_assert_nonnull (strstr (text, "Marketing-sourced (the lighter, left part): 60 %"));
    /* the chart's own legend and foot say the rest, not the slide again */
    g_assert_null (strstr (text, "Other sources"));
  }
  /* End and Home: the last slide and the first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slides), "presentation.last", NULL));
  g_assert_cmpuint (tandem_presentation_get_slide (slides), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slides), "presentation.first", NULL));
  g_assert_cmpuint (tandem_presentation_get_slide (slides), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slides), "presentation.next", NULL));

  /* Every name, email, company, id and owner of the demo's leads */
  stmt = tandem_store_prepare (store, "SELECT key, c1, c2, c3, c4, c13 FROM leads", NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 6; c++)
      if (sqlite3_column_type (stmt, c) == SQLITE_TEXT)
        g_ptr_array_add (personal, g_strdup ((const char *) sqlite3_column_text (stmt, c)));
  g_assert_cmpuint (personal->len, >, 1000);
  for (guint k = 0; k < tandem_presentation_get_n_slides (slides); k++)
    {
      const char *text = tandem_presentation_get_text (slides, k);
      g_assert_null (strchr (text, '@'));
      for (guint p = 0; p < personal->len; p++)
        if (strlen (g_ptr_array_index (personal, p)) > 3 && strstr (text, g_ptr_array_index (personal, p)) != NULL)
          g_error ("slide %u shows “%s”", k, (char *) g_ptr_array_index (personal, p));
    }
  /* Each slide pinned to what it shows: built again; unknown names, bad
   * dates and choices a slide does not show refused, nothing kept then */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *before = tandem_store_dup_setting (store, "meeting.pins");

    g_assert_false (tandem_presentation_pin (slides, TANDEM_SLIDE_MATRIX, "No such model", NULL, NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "No such model"));
    g_clear_error (&error);
    g_assert_false (tandem_presentation_pin (slides, TANDEM_SLIDE_SLA, NULL, "June", NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "“June” is not a date"));
    g_clear_error (&error);
    g_assert_false (tandem_presentation_pin (slides, TANDEM_SLIDE_SLA, NULL, "2025-02-30", NULL, NULL, &error));
    g_assert_nonnull (strstr (error->message, "“2025-02-30” is not a date"));
    g_clear_error (&error);
    g_assert_false (tandem_presentation_pin (slides, TANDEM_SLIDE_WATERFALL, NULL, "2025-07-01", "2025-06-01", NULL, &error));
    g_clear_error (&error);
    g_assert_false (tandem_presentation_pin (slides, TANDEM_SLIDE_TARGETS, "Default B2B", NULL, NULL, NULL, &error));
    g_assert_cmpstr (error->message, ==, "The targets slide can be pinned to a scenario only");
    g_clear_error (&error);
    {
      g_autofree char *after = tandem_store_dup_setting (store, "meeting.pins");
      g_assert_cmpstr (after, ==, before);
    }

    /* The waterfall to a quarter with its plan; the SLA to another period */
    g_assert_true (tandem_presentation_pin (slides, TANDEM_SLIDE_MATRIX, "Default B2B", NULL, NULL, NULL, &error));
    g_assert_true (tandem_presentation_pin (slides, TANDEM_SLIDE_WATERFALL, NULL, "2025-06-01", "2025-09-30", "Quarterly plan", &error));
    g_assert_true (tandem_presentation_pin (slides, TANDEM_SLIDE_SLA, NULL, "2025-01-01", "2025-03-31", NULL, &error));
    g_assert_no_error (error);
    ui_wait_until (slides_ready, slides, "the pinned slides");
    g_assert_cmpuint (tandem_presentation_get_n_slides (slides), ==, 4);
    g_assert_nonnull (strstr (tandem_presentation_get_text (slides, TANDEM_SLIDE_WATERFALL), "2025-06-01 – 2025-09-30"));
    {
      g_autofree char *kept = tandem_store_dup_setting (store, "meeting.pins");
      g_assert_cmpstr (kept, ==, "{\"slides\":[{\"model\":\"Default B2B\"},"
                                 "{\"from\":\"2025-06-01\",\"to\":\"2025-09-30\",\"scenario\":\"Quarterly plan\"},"
                                 "{},{\"from\":\"2025-01-01\",\"to\":\"2025-03-31\"}]}");
    }
  }
  gtk_window_destroy (GTK_WINDOW (slides));

  /* Pins kept before slides had their own (one set for the deck): each
   * slide takes what it shows of them */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (tandem_store_set_setting (store, "meeting.pins",
                                             "{\"model\":\"Default B2B\",\"from\":\"2025-06-01\",\"to\":\"2025-09-30\"}", &error));
    slides = TANDEM_PRESENTATION (tandem_presentation_new (GTK_WINDOW (window), store));
    ui_wait_until (slides_ready, slides, "the slides");
    g_assert_nonnull (strstr (tandem_presentation_get_text (slides, TANDEM_SLIDE_WATERFALL), "2025-06-01 – 2025-09-30"));
    g_assert_true (tandem_presentation_pin (slides, TANDEM_SLIDE_TARGETS, NULL, NULL, NULL, "Quarterly plan", &error));
    {
      g_autofree char *kept = tandem_store_dup_setting (store, "meeting.pins");
      g_assert_cmpstr (kept, ==, "{\"slides\":[{\"model\":\"Default B2B\"},"
                                 "{\"from\":\"2025-06-01\",\"to\":\"2025-09-30\"},"
                                 "{\"scenario\":\"Quarterly plan\"},{\"from\":\"2025-06-01\",\"to\":\"2025-09-30\"}]}");
    }
    ui_wait_until (slides_ready, slides, "the slides");
  }
  gtk_window_destroy (GTK_WINDOW (slides));

  /* The service-level terms in the app: how they are kept, refused when
   * impossible, saved when sound */
  {
    GtkWidget *dialog = tandem_sla_dialog_new (GTK_WINDOW (window), store);
    g_autoptr(GError) error = NULL;
    g_auto(TandemSlaTerms) kept = { 0, };

    g_autoptr(TandemSlaReport) report = NULL;
    guint codes;

    /* Measured off the main thread: nothing yet, then the report */
    g_assert_true (tandem_sla_dialog_is_busy (TANDEM_SLA_DIALOG (dialog)));
    g_assert_cmpstr (tandem_sla_dialog_get_summary (TANDEM_SLA_DIALOG (dialog)), ==, "");
    ui_wait_until (sla_ready, dialog, "the service-level report");
    g_assert_true (g_str_has_prefix (tandem_sla_dialog_get_summary (TANDEM_SLA_DIALOG (dialog)), "So far "));
    /* By owner, as the core counts them: name, MQLs, share in time, median */
    g_assert_true (tandem_sla_terms_load (store, &kept, &error));
    report = tandem_sla_compute (store, &kept, NULL, NULL, &error);
    g_assert_no_error (error);
    for (guint k = 0; k < MIN (report->owners->len, 12u); k++)
      {
        TandemSlaOwner *o = g_ptr_array_index (report->owners, k);
        g_autofree char *prefix = g_strdup_printf ("%s: %lld MQLs · %.1f %% in time · median %.1f working hours", o->owner,
                                                   (long long) o->mqls, 100.0 * o->within / o->mqls, o->median_hours);
        g_assert_cmpstr (tandem_sla_dialog_get_owner_line (TANDEM_SLA_DIALOG (dialog), k), ==, prefix);
      }
    /* The demo agreed its reasons; one more, refused twice, then kept */
    codes = g_strv_length (kept.reason_codes);
    g_assert_cmpuint (codes, ==, 6);
    g_assert_false (tandem_sla_dialog_add_reason (TANDEM_SLA_DIALOG (dialog), "  no BUDGET", &error));
    g_assert_nonnull (strstr (error->message, "given twice"));
    g_clear_error (&error);
    g_assert_false (tandem_sla_dialog_add_reason (TANDEM_SLA_DIALOG (dialog), "   ", &error));
    g_clear_error (&error);
    g_assert_cmpuint (tandem_sla_dialog_use_data_reasons (TANDEM_SLA_DIALOG (dialog)), ==, 1);   /* "Wrong timing" */
    g_assert_true (tandem_sla_dialog_is_busy (TANDEM_SLA_DIALOG (dialog)));
    ui_wait_until (sla_ready, dialog, "the report on the new terms");
    g_assert_true (g_str_has_prefix (tandem_sla_dialog_get_summary (TANDEM_SLA_DIALOG (dialog)), "So far "));
    g_assert_true (tandem_sla_dialog_save (TANDEM_SLA_DIALOG (dialog), &error));
    g_assert_no_error (error);
    g_assert_true (tandem_sla_terms_load (store, &kept, &error));
    g_assert_cmpfloat (kept.follow_up_hours, ==, 4);
    g_assert_cmpuint (g_strv_length (kept.reason_codes), ==, codes + 1);
    g_assert_cmpstr (kept.reason_codes[codes], ==, "Wrong timing");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Printing, exported to PDF instead of a printer: the chart on screen,
   * and the agreement with all its pages */
  {
    g_autofree char *chart = ui_tmp_path ("printed-chart.pdf");
    g_autofree char *agreement = ui_tmp_path ("printed-agreement.pdf");
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    gsize length;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "targets"));
    {
      g_autofree char *svg = ui_tmp_path ("targets.svg");
      g_autofree char *text = NULL;
      g_assert_true (tandem_window_export_chart (window, svg, 900, 500, TANDEM_CHART_THEME_PROJECTOR, &error));
      g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "width=\"900\""));
      g_assert_false (tandem_window_export_chart (window, svg, 20, 500, TANDEM_CHART_THEME_LIGHT, &error));
      g_clear_error (&error);
    }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "scoring"));
    g_assert_true (tandem_window_print (window, chart, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (chart, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    g_clear_pointer (&contents, g_free);
    g_assert_true (tandem_print_agreement (GTK_WINDOW (window), store, agreement, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (agreement, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    g_assert_cmpuint (length, >, 20000);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}


static gboolean
plan_from_workspace (gpointer data)
{
  TandemPlanState *state = tandem_targets_page_get_state (data);
  return !tandem_plan_state_get_busy (state) && tandem_plan_state_get_origin (state) != NULL;
}

/* A pipeline's planner: Use Actual Rates on a workspace whose stages are
 * Prospecting, Engaging, Won takes those stages and their rates */
/* A workspace shaped like a sales-pipeline export, its stages saved, no
 * scenario: returns its path */
static char *
pipeline_workspace (const char *name)
{
  static const char csv[] =
    "opportunity_id,sales_agent,deal_stage,engage_date,close_date,close_value\n"
    "O1,Ann,Won,2024-01-02,2024-01-12,100\n"
    "O2,Ann,Won,2024-01-05,2024-01-25,200\n"
    "O3,Bob,Lost,2024-01-20,2024-03-01,\n"
    "O4,Ann,Engaging,2024-02-01,,\n"
    "O5,Bob,Prospecting,,,\n";
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *csv_path = ui_tmp_path (csv_name);
  g_autofree char *ws_name = g_strconcat (name, ".tandem", NULL);
  char *path = ui_tmp_path (ws_name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (csv_path, csv, -1, &error));
  {
    g_autoptr(TandemStore) store = tandem_store_create (path, &error);
    g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
    g_autoptr(TandemTaxonomy) pipeline = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_PIPELINE);

    g_assert_no_error (error);
    g_assert_true (tandem_store_import_csv (store, csv_path, options, NULL, NULL, NULL, NULL, &error));
    g_assert_true (tandem_taxonomy_save (pipeline, store, &error));
    g_assert_no_error (error);
  }
  return path;
}

static void
test_pipeline_rates (void)
{
  g_autofree char *path = pipeline_workspace ("pipeline-shaped");
  TandemWindow *window;
  TandemTargetsPage *page;
  TandemPlanInput *input;

  window = tandem_window_new (NULL);
  page = tandem_window_get_targets_page (window);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the workspace");

  /* The plan starts from this workspace's own stages, not the defaults */
  ui_wait_until (plan_from_workspace, page, "the workspace's own plan");
  g_assert_cmpstr (tandem_targets_page_get_input (page)->stages[0], ==, "Prospecting");
  /* Back on the default stages (Inquiry … Won), the actual rates bring the
   * workspace's back, as one step to take back */
  {
    g_autoptr(TandemPlanInput) defaults = tandem_plan_input_new ();
    tandem_plan_state_set_input (tandem_targets_page_get_state (page), defaults);
  }
  g_assert_cmpstr (tandem_targets_page_get_input (page)->stages[0], ==, "Inquiry");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.use-actual-rates", NULL));
  ui_wait_until (rates_counted, page, "the actual rates");
  input = tandem_targets_page_get_input (page);
  g_assert_cmpuint (input->n_stages, ==, 3);
  g_assert_cmpstr (input->stages[0], ==, "Prospecting");
  g_assert_cmpstr (input->stages[1], ==, "Engaging");
  g_assert_cmpstr (input->stages[2], ==, "Won");
  /* 5 prospects, 4 engaged (every dated or later lead), 2 won */
  g_assert_cmpfloat_with_epsilon (input->rates[0], 4.0 / 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (input->rates[1], 2.0 / 4, 1e-12);
  /* and it can be taken back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "targets.undo", NULL));
  g_assert_cmpstr (tandem_targets_page_get_input (page)->stages[0], ==, "Inquiry");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* How many labels in @widget's tree read @text, and whether a chart is there */
static guint
count_labels (GtkWidget  *widget,
              const char *text,
              gboolean   *has_chart)
{
  guint n = GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;

  if (TANDEM_IS_CHART_VIEW (widget))
    *has_chart = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text, has_chart);
  return n;
}

static GtkStack *
find_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget))
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *stack = find_stack (child);
      if (stack != NULL)
        return stack;
    }
  return NULL;
}

/* Meeting mode on an empty workspace: each slide shows its title once and
 * says what is missing and where to make it, no chart of nothing */
static void
test_meeting_empty (void)
{
  static const char *const titles[] = { "Who is an MQL", "The waterfall", "Targets", "Service level" };
  static const char *const hints[] = { "Scoring page", "Funnel page", "Targets page", "Funnel page" };
  g_autofree char *path = ui_tmp_path ("empty-meeting.tandem");
  g_autoptr(GError) error = NULL;
  TandemWindow *window;
  TandemPresentation *slides;
  GtkStack *stack;

  {
    g_autoptr(TandemStore) store = tandem_store_create (path, &error);
    g_assert_no_error (error);
  }
  window = tandem_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the workspace");
  slides = TANDEM_PRESENTATION (tandem_window_present_meeting (window));
  ui_wait_until (slides_ready, slides, "the slides");
  g_assert_cmpuint (tandem_presentation_get_n_slides (slides), ==, 4);
  stack = find_stack (GTK_WIDGET (slides));
  g_assert_nonnull (stack);
  for (guint k = 0; k < G_N_ELEMENTS (titles); k++)
    {
      g_autofree char *name = g_strdup_printf ("%u", k);
      GtkWidget *slide = gtk_stack_get_child_by_name (stack, name);
      gboolean has_chart = FALSE;

      g_assert_nonnull (slide);
      g_assert_cmpuint (count_labels (slide, titles[k], &has_chart), ==, 1);
      g_assert_false (has_chart);
      g_assert_true (g_str_has_prefix (tandem_presentation_get_text (slides, k), titles[k]));
      g_assert_nonnull (strstr (tandem_presentation_get_text (slides, k), hints[k]));
    }
  gtk_window_destroy (GTK_WINDOW (slides));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Meeting mode with no scenario saved: the targets slide shows the plan
 * the Targets page starts from (the workspace's stages and rates), and
 * says it is not saved and its goal an example */
static void
test_meeting_unsaved_plan (void)
{
  g_autofree char *path = pipeline_workspace ("meeting-unsaved");
  TandemWindow *window = tandem_window_new (NULL);
  TandemPresentation *slides;
  const char *text;

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the workspace");
  slides = TANDEM_PRESENTATION (tandem_window_present_meeting (window));
  ui_wait_until (slides_ready, slides, "the slides");
  text = tandem_presentation_get_text (slides, 2);
  {
    GtkWidget *slide = gtk_stack_get_child_by_name (find_stack (GTK_WIDGET (slides)), "2");
    gboolean has_chart = FALSE;
    g_assert_nonnull (slide);
    g_assert_cmpuint (count_labels (slide, "Targets: from the workspace, not saved", &has_chart), ==, 1);
    g_assert_true (has_chart);
  }
  g_assert_nonnull (strstr (text, "Prospecting"));
  g_assert_nonnull (strstr (text, "its goal an example"));
  g_assert_nonnull (strstr (text, "Targets page (Alt+3)"));
  g_assert_null (strstr (text, "No scenario is saved yet"));
  gtk_window_destroy (GTK_WINDOW (slides));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ui_init (&argc, &argv);
  g_test_add_func ("/ui/targets/spin-row", test_spin_row);
  g_test_add_func ("/ui/targets/scenario-and-edits", test_scenario_and_edits);
  g_test_add_func ("/ui/targets/meeting", test_meeting);
  g_test_add_func ("/ui/targets/meeting-empty", test_meeting_empty);
  g_test_add_func ("/ui/targets/pipeline-rates", test_pipeline_rates);
  g_test_add_func ("/ui/targets/meeting-unsaved-plan", test_meeting_unsaved_plan);
  return ui_run ();
}
