/* test-plan-state.c — the Targets page's state, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "tandem-demo.h"
#include "tandem-funnel.h"
#include "tandem-plan-state.h"
#include "tandem-scenario.h"
#include <string.h>

#include "tandem-csv.h"
#include "test-util.h"

/* Runs the main loop until @done says so, failing after a generous cap */
typedef gboolean (*Condition) (gpointer data);

static gboolean
cap_reached (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until (Condition   done,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint cap = g_timeout_add_seconds (30, cap_reached, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("still waiting for %s after 30 s", what);
  g_source_remove (cap);
}

static TandemStore *
demo_workspace (const char *name)
{
  g_autofree char *path = test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_store_create (path, &error);
  GDate end;

  g_assert_no_error (error);
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 30, 6, 2024);
  g_assert_true (tandem_demo_generate (store, 500, 11, &end, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static char *
input_json (TandemPlanState *state)
{
  return tandem_plan_input_to_json (tandem_plan_state_get_input (state));
}

static void
count_signal (gpointer data)
{
  (*(guint *) data)++;
}

/* Every field edited is planned at once; undo and redo give back the
 * plans exactly; typing a field in steps is one step */
static void
test_fields_and_undo (void)
{
  g_autoptr(TandemPlanState) state = tandem_plan_state_new ();
  g_autofree char *start = input_json (state);
  g_autofree char *doubled = NULL;
  double deals = tandem_plan_state_get_result (state)->deals;
  guint refills = 0;

  g_signal_connect_swapped (state, "input-changed", G_CALLBACK (count_signal), &refills);
  g_assert_false (tandem_plan_state_get_can_undo (state));
  g_assert_nonnull (tandem_plan_state_get_steps (state));
  g_assert_null (tandem_plan_state_get_error (state));

  /* The result follows */
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_REVENUE, 0, 4000000);
  g_assert_cmpfloat (tandem_plan_state_get_result (state)->deals, >, deals);
  doubled = input_json (state);
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_RATE, 1, 1.4);
  g_assert_null (tandem_plan_state_get_result (state));
  g_assert_nonnull (strstr (tandem_plan_state_get_error (state), "140"));
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_RATE, 1, 0.25);
  g_assert_nonnull (tandem_plan_state_get_result (state));
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_MODE, 0, TANDEM_PLAN_FROM_TARGET);
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_ANCHOR_STAGE, 0, 4);   /* Won already: no step */
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_ANCHOR_VOLUME, 0, 10);
  g_assert_cmpfloat (tandem_plan_state_get_result (state)->deals, ==, 10);
  g_assert_cmpuint (refills, ==, 0);   /* the form made these edits itself */

  /* Undone one field at a time (the rate typed twice is one step), exactly */
  for (guint k = 0; k < 3; k++)
    g_assert_true (tandem_plan_state_undo (state));
  {
    g_autofree char *now = input_json (state);
    g_assert_cmpstr (now, ==, doubled);
  }
  g_assert_true (tandem_plan_state_undo (state));
  {
    g_autofree char *now = input_json (state);
    g_assert_cmpstr (now, ==, start);
  }
  g_assert_false (tandem_plan_state_undo (state));
  g_assert_cmpfloat (tandem_plan_state_get_result (state)->deals, ==, deals);
  g_assert_true (tandem_plan_state_redo (state));
  {
    g_autofree char *now = input_json (state);
    g_assert_cmpstr (now, ==, doubled);
  }
  g_assert_cmpuint (refills, ==, 5);
  g_assert_true (tandem_plan_state_get_can_redo (state));

  /* Typing "1", "12", "125" into the deal size: one step; a value equal to
   * the one held is no step at all */
  while (tandem_plan_state_undo (state))
    ;
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_DEAL_SIZE, 0, 1);
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_DEAL_SIZE, 0, 12);
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_DEAL_SIZE, 0, 125);
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_DEAL_SIZE, 0, 125);
  g_assert_cmpfloat (tandem_plan_state_get_input (state)->deal_size, ==, 125);
  g_assert_true (tandem_plan_state_undo (state));
  g_assert_false (tandem_plan_state_get_can_undo (state));
  g_assert_cmpfloat (tandem_plan_state_get_input (state)->deal_size, ==, 75000);
  /* An option switched off is "not given" */
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_WIN_RATE, 0, 0.3);
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_WIN_RATE, 0, NAN);
  g_assert_true (isnan (tandem_plan_state_get_input (state)->win_rate));
}

static gboolean
setting_kept (gpointer data)
{
  g_autofree char *draft = tandem_store_dup_setting (data, TANDEM_PLAN_STATE_DRAFT_INPUT);

  return draft != NULL;
}

/* The unsaved plan is kept after the keeper's delay, and a new state on
 * the same workspace brings it back; another scenario drops it, undoably */
static void
test_draft_and_scenarios (void)
{
  g_autoptr(TandemStore) store = demo_workspace ("draft.tandem");
  g_autoptr(TandemPlanState) state = tandem_plan_state_new ();
  g_autoptr(TandemPlanInput) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *copy = NULL;
  guint messages = 0;

  /* The demo's scenario is chosen when the workspace opens */
  tandem_plan_state_set_store (state, store);
  g_assert_cmpstr (tandem_plan_state_get_scenario (state), ==, "Quarterly plan");
  saved = tandem_scenario_load (store, "Quarterly plan", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tandem_plan_state_get_input (state)->revenue, ==, saved->revenue);
  g_assert_false (tandem_plan_state_get_can_undo (state));

  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_REVENUE, 0, 3300000);
  g_assert_false (setting_kept (store));   /* not at once… */
  wait_until (setting_kept, store, "the draft");   /* …but after the delay */
  draft = tandem_store_dup_setting (store, TANDEM_PLAN_STATE_DRAFT_INPUT);
  {
    g_autofree char *now = input_json (state);
    g_autofree char *scenario = tandem_store_dup_setting (store, TANDEM_PLAN_STATE_DRAFT_SCENARIO);
    g_assert_cmpstr (draft, ==, now);
    g_assert_cmpstr (scenario, ==, "Quarterly plan");
  }

  /* A new state on the same workspace: the draft back, over its scenario */
  {
    g_autoptr(TandemPlanState) again = tandem_plan_state_new ();
    g_signal_connect_swapped (again, "message", G_CALLBACK (count_signal), &messages);
    tandem_plan_state_set_store (again, store);
    g_assert_cmpfloat (tandem_plan_state_get_input (again)->revenue, ==, 3300000);
    g_assert_cmpstr (tandem_plan_state_get_scenario (again), ==, "Quarterly plan");
    g_assert_cmpuint (messages, ==, 1);
  }
  /* The scenario itself untouched */
  {
    g_autoptr(TandemPlanInput) stored = tandem_scenario_load (store, "Quarterly plan", &error);
    g_assert_cmpfloat (stored->revenue, ==, saved->revenue);
  }

  /* Choosing another scenario drops the draft; undo brings the plan back */
  g_assert_true (tandem_plan_state_save_scenario (state, "Other", &error));
  g_assert_no_error (error);
  g_assert_false (setting_kept (store));
  g_assert_cmpstr (tandem_plan_state_get_scenario (state), ==, "Other");
  g_assert_cmpuint (g_strv_length ((GStrv) tandem_plan_state_get_scenarios (state)), ==, 2);
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_REVENUE, 0, 5000000);
  g_assert_true (tandem_plan_state_flush_draft (state, &error));
  g_assert_true (setting_kept (store));
  g_assert_true (tandem_plan_state_choose_scenario (state, "Quarterly plan", &error));
  g_assert_no_error (error);
  g_assert_false (setting_kept (store));
  g_assert_cmpfloat (tandem_plan_state_get_input (state)->revenue, ==, saved->revenue);
  g_assert_true (tandem_plan_state_undo (state));
  g_assert_cmpfloat (tandem_plan_state_get_input (state)->revenue, ==, 5000000);
  g_assert_true (tandem_plan_state_flush_draft (state, &error));
  g_assert_true (setting_kept (store));
  g_assert_false (tandem_plan_state_choose_scenario (state, "Nope", &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Duplicated, numbered; deleted, the numbers staying */
  copy = tandem_plan_state_duplicate_scenario (state, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy, ==, "Quarterly plan (copy)");
  g_assert_false (setting_kept (store));
  {
    g_autofree char *second = tandem_plan_state_duplicate_scenario (state, &error);
    g_assert_cmpstr (second, ==, "Quarterly plan (copy 2)");
    g_assert_true (tandem_plan_state_delete_scenario (state, &error));
    g_assert_no_error (error);
    g_assert_null (tandem_plan_state_get_scenario (state));
    g_assert_cmpfloat (tandem_plan_state_get_input (state)->revenue, ==, 5000000);
  }
  g_assert_cmpuint (g_strv_length ((GStrv) tandem_plan_state_get_scenarios (state)), ==, 3);

  /* Discard: the chosen scenario as saved */
  g_assert_true (tandem_plan_state_choose_scenario (state, "Other", &error));
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_REVENUE, 0, 7000000);
  g_assert_true (tandem_plan_state_discard (state, &error));
  g_assert_cmpfloat (tandem_plan_state_get_input (state)->revenue, ==, 3300000);
  g_assert_false (setting_kept (store));
}

static gboolean
not_busy (gpointer data)
{
  return !tandem_plan_state_get_busy (data);
}

static void
on_rates (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  guint *filled = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_plan_state_use_actual_rates_finish (TANDEM_PLAN_STATE (source), result, filled, NULL, &error));
  g_assert_no_error (error);
}

/* Actual rates on a demo workspace: the waterfall's own conversions */
static void
test_actual_rates (void)
{
  g_autoptr(TandemStore) store = demo_workspace ("rates.tandem");
  g_autoptr(TandemPlanState) state = tandem_plan_state_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  g_autoptr(TandemWaterfall) waterfall = NULL;
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
  TandemWaterfallSegment *all;
  const TandemPlanInput *input;
  guint filled = G_MAXUINT;

  tandem_plan_state_set_store (state, store);
  taxonomy = tandem_taxonomy_load (store, &error);
  mapping = tandem_funnel_mapping_load (store, &error);
  waterfall = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, &error);
  g_assert_no_error (error);
  all = g_ptr_array_index (waterfall->segments, 0);

  tandem_plan_state_use_actual_rates_async (state, NULL, NULL, NULL, on_rates, &filled);
  g_assert_true (tandem_plan_state_get_busy (state));
  wait_until (not_busy, state, "the actual rates");
  while (filled == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);

  /* Each rate: the next stage's leads over this one's (the last, to the won stage) */
  input = tandem_plan_state_get_input (state);
  g_assert_cmpuint (filled, ==, input->n_stages - 1);
  for (guint i = 0; i + 1 < input->n_stages; i++)
    {
      gint64 from = -1, to = -1;
      for (guint s = 0; s < all->stages->len; s++)
        {
          TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
          if (g_ascii_strcasecmp (st->short_name, input->stages[i]) == 0 || g_ascii_strcasecmp (st->name, input->stages[i]) == 0)
            from = st->reached;
          if (g_ascii_strcasecmp (st->short_name, input->stages[i + 1]) == 0 || g_ascii_strcasecmp (st->name, input->stages[i + 1]) == 0 ||
              (i + 2 == input->n_stages && st->kind == TANDEM_STAGE_WON))
            to = st->reached;
        }
      g_assert_cmpint (from, >, 0);
      g_assert_cmpfloat_with_epsilon (input->rates[i], (double) to / from, 1e-12);
    }
  g_assert_nonnull (tandem_plan_state_get_result (state));
  /* One step, undone at once */
  g_assert_true (tandem_plan_state_undo (state));
  {
    g_autoptr(TandemPlanInput) saved = tandem_scenario_load (store, "Quarterly plan", &error);
    g_autofree char *a = tandem_plan_input_to_json (saved);
    g_autofree char *b = input_json (state);
    g_assert_cmpstr (a, ==, b);
  }

  /* A workspace without stages: said, the plan untouched */
  {
    g_autoptr(TandemStore) empty = tandem_store_new_memory (&error);
    g_autoptr(TandemPlanState) other = tandem_plan_state_new ();
    g_autofree char *before = input_json (other);
    g_autoptr(GAsyncResult) result = NULL;

    tandem_plan_state_set_store (other, empty);
    tandem_plan_state_use_actual_rates_async (other, NULL, NULL, NULL, NULL, NULL);
    wait_until (not_busy, other, "the actual rates");
    {
      g_autofree char *after = input_json (other);
      g_assert_cmpstr (after, ==, before);
    }
    g_assert_false (tandem_plan_state_get_can_undo (other));
  }
}


/* The currency: the workspace's, set through the state, one undo step
 * that sets the workspace's back too */
static void
test_currency (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemPlanState) state = tandem_plan_state_new ();
  g_autofree char *stored = NULL;

  g_assert_no_error (error);
  tandem_plan_state_set_store (state, store);
  g_assert_cmpstr (tandem_plan_state_get_currency (state), ==, "USD");
  g_assert_true (g_str_has_prefix (tandem_plan_state_get_steps (state), "$2000000 ÷ $75000"));

  g_assert_false (tandem_plan_state_set_currency (state, "EURO", &error));
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (tandem_plan_state_get_currency (state), ==, "USD");
  g_assert_false (tandem_plan_state_get_can_undo (state));

  g_assert_true (tandem_plan_state_set_currency (state, "EUR", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_plan_state_get_currency (state), ==, "EUR");
  g_assert_true (g_str_has_prefix (tandem_plan_state_get_steps (state), "€2000000 ÷ €75000"));
  stored = tandem_store_dup_currency (store, &error);
  g_assert_cmpstr (stored, ==, "EUR");
  g_clear_pointer (&stored, g_free);
  /* Saved scenarios are in it */
  g_assert_true (tandem_plan_state_save_scenario (state, "Euros", &error));
  g_assert_no_error (error);

  g_assert_true (tandem_plan_state_undo (state));
  g_assert_cmpstr (tandem_plan_state_get_currency (state), ==, "USD");
  stored = tandem_store_dup_currency (store, &error);
  g_assert_cmpstr (stored, ==, "USD");
  g_clear_pointer (&stored, g_free);
  g_assert_true (g_str_has_prefix (tandem_plan_state_get_steps (state), "$2000000"));

  g_assert_true (tandem_plan_state_redo (state));
  g_assert_cmpstr (tandem_plan_state_get_currency (state), ==, "EUR");
  stored = tandem_store_dup_currency (store, &error);
  g_assert_cmpstr (stored, ==, "EUR");
}

/* No scenario saved: the plan starts from the workspace's stages, rates
 * and median won deal, and says where they come from */
static void
test_starts_from_workspace (void)
{
  g_autofree char *path = test_tmp_path ("pipeline.tandem");
  g_autofree char *csv = test_write_file ("pipeline.csv",
    "opportunity_id,deal_stage,engage_date,close_date,close_value\n"
    "O1,Won,2024-01-02,2024-01-12,100\nO2,Won,2024-01-05,2024-01-25,300\nO3,Lost,2024-01-07,2024-02-01,0\n"
    "O4,Engaging,2024-02-01,,\nO5,Prospecting,,,\nO6,Won,2024-02-03,2024-03-01,200\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, &error);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(TandemPlanState) state = tandem_plan_state_new ();
  const TandemPlanInput *input;

  g_assert_no_error (error);
  g_assert_true (tandem_store_import_csv (store, csv, options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (tandem_plan_state_get_origin (state));
  tandem_plan_state_set_store (state, store);
  wait_until (not_busy, state, "the workspace's own plan");
  g_assert_nonnull (tandem_plan_state_get_origin (state));
  g_assert_nonnull (strstr (tandem_plan_state_get_origin (state), "6 leads in this workspace"));
  /* the goal and the deal size say theirs on their own */
  g_assert_null (strstr (tandem_plan_state_get_origin (state), "won deals"));
  g_assert_cmpstr (tandem_plan_state_get_field_origin (state, TANDEM_PLAN_FIELD_DEAL_SIZE), ==, "median of 3 won deals");
  g_assert_cmpstr (tandem_plan_state_get_field_origin (state, TANDEM_PLAN_FIELD_REVENUE), ==, "an example goal: type yours");
  g_assert_null (tandem_plan_state_get_field_origin (state, TANDEM_PLAN_FIELD_PIPELINE));
  input = tandem_plan_state_get_input (state);
  g_assert_cmpstr (input->stages[0], ==, "Prospecting");
  g_assert_cmpstr (input->stages[input->n_stages - 1], ==, "Won");
  g_assert_cmpfloat (input->deal_size, ==, 200);
  /* Not an edit: nothing to undo */
  g_assert_false (tandem_plan_state_get_can_undo (state));
  /* A deal size of one's own is no longer the median; undone, it is again */
  tandem_plan_state_set_field (state, TANDEM_PLAN_FIELD_DEAL_SIZE, 0, 250);
  g_assert_null (tandem_plan_state_get_field_origin (state, TANDEM_PLAN_FIELD_DEAL_SIZE));
  g_assert_nonnull (tandem_plan_state_get_field_origin (state, TANDEM_PLAN_FIELD_REVENUE));
  tandem_plan_state_undo (state);
  g_assert_cmpstr (tandem_plan_state_get_field_origin (state, TANDEM_PLAN_FIELD_DEAL_SIZE), ==, "median of 3 won deals");
}

/* A copy's name: numbered from the name the first copy was made from */
static void
test_copy_names (void)
{
  static const char *const taken[] = { "Plan", "Plan (copy)", "Plan (copy 2)", "Plan (copy 10)", NULL };
  static const struct { const char *name, *copy; } cases[] = {
    { "Plan", "Plan (copy 3)" },
    { "Plan (copy)", "Plan (copy 3)" },
    { "Plan (copy 2)", "Plan (copy 3)" },
    { "Other", "Other (copy)" },
    { "(copy)", "(copy) (copy)" },          /* nothing before it: not a copy */
    { "Plan (copy x)", "Plan (copy x) (copy)" },
    { "Plan (copy 2", "Plan (copy 2 (copy)" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *copy = tandem_scenario_copy_name (cases[k].name, taken);
      g_assert_cmpstr (copy, ==, cases[k].copy);
    }
  {
    g_autofree char *copy = tandem_scenario_copy_name ("Plan", NULL);
    g_assert_cmpstr (copy, ==, "Plan (copy)");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/plan-state/copy-names", test_copy_names);
  g_test_add_func ("/plan-state/fields-and-undo", test_fields_and_undo);
  g_test_add_func ("/plan-state/draft-and-scenarios", test_draft_and_scenarios);
  g_test_add_func ("/plan-state/actual-rates", test_actual_rates);
  g_test_add_func ("/plan-state/currency", test_currency);
  g_test_add_func ("/plan-state/starts-from-workspace", test_starts_from_workspace);
  return g_test_run ();
}
