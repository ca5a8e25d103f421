/* test-plan-json.c — a plan read from and written to JSON (scenarios,
 * drafts): numbers round-trip exactly, out-of-range ones are refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "tandem-plan.h"
#include "tandem-scenario.h"
#include "report-fixture.h"

/* A saved plan (a scenario, a draft) holding a number no plan can hold is
 * refused when read; one not filled in yet (0, missing) reads, and is
 * refused when calculated */
static void
test_json_bounds (void)
{
  const struct { const char *json; const char *message; } cases[] = {
    { "{\"lag_days\": [1e308, 0, 0, 0]}", "lag_days[0]: 1e308 is out of range (at most ±1e15)" },   /* any JSON number past ±1e15 */
    { "{\"lag_days\": [0, 0, 0, 3650.5]}", "lag SQL→Won: 3650.5 days is out of range (0 to 3650 days)" },
    { "{\"coverage\": 1e308}", "coverage: 1e308 is out of range (at most ±1e15)" },
    { "{\"coverage\": 101}", "coverage: 101× is out of range (1 to 100×)" },
    { "{\"coverage\": 1e400}", "coverage: 1e400 is out of range (at most ±1e15)" },
    { "{\"cost_per\": {\"Inquiry\": 1e308}}", "cost_per.Inquiry: 1e308 is out of range (at most ±1e15)" },
    { "{\"cost_per\": {\"Inquiry\": 2e9}}", "cost per Inquiry: 2e+09 is out of range (0 to 1e+09)" },
    { "{\"lag_days\": [1e6, 0, 0, 0]}", "lag Inquiry→MQL: 1e+06 days is out of range (0 to 3650 days)" },
    { "{\"revenue\": 2e13}", "revenue goal: 2e+13 is out of range (more than 0, up to 1e+13)" },
    { "{\"revenue\": -1}", "revenue goal: -1 is out of range (more than 0, up to 1e+13)" },
    { "{\"deal_size\": 1e14}", "deal size: 1e+14 is out of range (more than 0, up to 1e+13)" },
    { "{\"anchor\": {\"volume\": 2e9}}", "volume at Won: 2e+09 is out of range (more than 0, up to 1e+09)" },
    { "{\"rates\": [1.5, null, null, null]}", "rate Inquiry→MQL: 150 % is out of range (more than 0, up to 100 %)" },
    { "{\"win_rate\": -0.5}", "win rate: -50 % is out of range (more than 0, up to 100 %)" },
    { "{\"pipeline\": 1e14}", "existing pipeline: 1e+14 is out of range (0 to 1e+13)" },
    { "{\"marketing_share\": 2}", "marketing share: 200 % is out of range (0 to 100 %)" },
    { "{\"sdr\": {\"heads\": 1e6, \"per_head_month\": 10}}", "SDR headcount: 1e+06 is out of range (0 to 10000)" },
    { "{\"ae\": {\"heads\": 0, \"per_head_month\": 1e9}}", "AE leads per month: 1e+09 is out of range (more than 0, up to 1e+06)" },
  };
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(TandemPlanInput) refused = tandem_plan_input_new_from_json (cases[k].json, -1, &error);

      g_assert_null (refused);
      g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[k].message);
      g_clear_error (&error);
    }

  /* At the limits, read and planned; the JSON written back reads the same */
  {
    g_autoptr(TandemPlanInput) input = tandem_plan_input_new_from_json (
      "{\"rates\": [1, 0.5, 0.6, 0.2], \"revenue\": 1e13, \"deal_size\": 1e13, \"coverage\": 100,"
      " \"pipeline\": 1e13, \"marketing_share\": 1, \"cost_per\": {\"Inquiry\": 1e9},"
      " \"lag_days\": [3650, 3650, 3650, 3650], \"sdr\": {\"heads\": 10000, \"per_head_month\": 1e6}}", -1, &error);
    g_autoptr(TandemPlanInput) back = NULL;
    g_autoptr(TandemPlanResult) result = NULL;
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    result = plan_calculate_ok (input);
    json = tandem_plan_input_to_json (input);
    back = tandem_plan_input_new_from_json (json, -1, &error);
    g_assert_no_error (error);
    assert_near (back->revenue, 1e13);
    assert_near (back->lag_days[3], 3650);
  }

  /* Numbers json-glib would write as "1e-10.0" are written as JSON */
  {
    g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
    g_autoptr(TandemPlanInput) back = NULL;
    g_autofree char *json = NULL;

    input->rates[0] = 1e-10;
    input->pipeline = 1e-5;
    json = tandem_plan_input_to_json (input);
    g_assert_null (strstr (json, "e-10.0"));
    back = tandem_plan_input_new_from_json (json, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (fabs (back->rates[0] - 1e-10), <=, 1e-25);
    g_assert_cmpfloat (fabs (back->pipeline - 1e-5), <=, 1e-20);
  }

  /* A draft: a form not filled in yet reads back, -0 as 0 */
  {
    g_autoptr(TandemPlanInput) draft = tandem_plan_input_new_from_json (
      "{\"rates\": [0, 0, 0, 0], \"revenue\": 0, \"deal_size\": -0.0, \"coverage\": 0}", -1, &error);

    g_assert_no_error (error);
    g_assert_false (signbit (draft->deal_size));
    g_assert_null (tandem_plan_calculate (draft, &error));
    g_assert_cmpstr (error->message, ==, "revenue goal: 0 is out of range (more than 0, up to 1e+13)");
  }
}

static void
test_json (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);
  g_autoptr(TandemPlanInput) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  input->rates[1] = NAN;
  input->marketing_share = 0.6;
  input->cost_per[0] = 20;
  input->lag_days[3] = 30;
  input->sdr.heads = 2;
  input->sdr.per_head_month = 50;
  input->period = TANDEM_PLAN_PERIOD_YEAR;
  json = tandem_plan_input_to_json (input);
  back = tandem_plan_input_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (back->rates[1]));
  assert_near (back->rates[3], 0.2);
  assert_near (back->revenue, 2000000);
  g_assert_cmpint (back->rounding, ==, TANDEM_PLAN_ROUNDING_CEIL);
  g_assert_cmpint (back->period, ==, TANDEM_PLAN_PERIOD_YEAR);
  assert_near (back->cost_per[0], 20);
  g_assert_true (isnan (back->cost_per[1]));
  assert_near (back->sdr.per_head_month, 50);
  g_assert_cmpuint (back->sdr.stage, ==, 1);
  g_assert_true (isnan (back->win_rate));
  again = tandem_plan_input_to_json (back);
  g_assert_cmpstr (json, ==, again);

  /* A short form: custom stages, a target */
  {
    g_autoptr(TandemPlanInput) custom = tandem_plan_input_new_from_json (
      "{\"stages\": [\"Lead\", \"Opp\", \"Won\"], \"rates\": [0.25, 0.5], \"mode\": \"target\","
      " \"anchor\": {\"stage\": \"won\", \"volume\": 100}, \"cost_per\": {\"lead\": 10}}", -1, &error);
    g_autoptr(TandemPlanResult) result = NULL;

    g_assert_no_error (error);
    result = plan_calculate_ok (custom);
    assert_near (result->stages[0].volume, 800);
    assert_near (result->cost.budget, 8000);
  }

  {
    const struct { const char *json; const char *message; } bad[] = {
      { "[1]", "The plan must be a JSON object" },
      { "{\"revenu\": 5}", "revenu: unknown key \"revenu\"" },
      { "{\"rates\": [0.1, 0.5]}", "rates: must be a list of 4 numbers, one per step between stages" },
      { "{\"rates\": [0.1, \"x\", 0.6, 0.2]}", "rates[1]: must be a number or null" },
      { "{\"rounding\": \"floor\"}", "rounding: must be one of exact, ceil, round" },
      { "{\"anchor\": {\"stage\": \"Opp\", \"volume\": 1}}",
        "anchor.stage: no stage named “Opp”; the stages are Inquiry, MQL, SAL, SQL, Won" },
      { "{\"cost_per\": {\"Lead\": 3}}",
        "cost_per.Lead: no stage named “Lead”; the stages are Inquiry, MQL, SAL, SQL, Won" },
      { "{\"sdr\": {\"heads\": true}}", "sdr.heads: must be a number or null" },
    };

    for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
      {
        g_autoptr(TandemPlanInput) refused = tandem_plan_input_new_from_json (bad[k].json, -1, &error);

        g_assert_null (refused);
        g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID);
        g_assert_cmpstr (error->message, ==, bad[k].message);
        g_clear_error (&error);
      }
    g_assert_null (tandem_plan_input_new_from_json ("{", -1, &error));
    g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_SYNTAX);
  }
}

/* Scenario JSON: every number reads back exactly or is refused by its path */
static void
test_json_numbers (void)
{
  static const struct { const char *json; const char *message; } bad[] = {
    { "{\"revenue\": 1e20}", "revenue: 1e20 is out of range (at most ±1e15)" },
    { "{\"revenue\": 1000000000000000.5}", "revenue: 1000000000000000.5 is out of range (at most ±1e15)" },
    { "{\"rates\": [0.1, 1e999, 0.6, 0.2]}", "rates[1]: 1e999 is out of range (at most ±1e15)" },
    { "{\"lag_days\": [99999999999999999999, 0, 0, 0]}", "lag_days[0]: 99999999999999999999 is out of range (at most ±1e15)" },
    { "{\"anchor\": {\"stage\": \"SQL\", \"volume\": -99999999999999999999}}",
      "anchor.volume: -99999999999999999999 is out of range (at most ±1e15)" },
    { "{\"cost_per\": {\"Inquiry\": 1e-400}}", "cost_per.Inquiry: 1e-400 is too close to 0 to be read exactly; write 0" },
    { "{\"sdr\": {\"stage\": \"MQL\", \"heads\": -1e999}}", "sdr.heads: -1e999 is out of range (at most ±1e15)" },
  };
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(TandemPlanInput) refused = tandem_plan_input_new_from_json (bad[k].json, -1, &error);

      g_assert_null (refused);
      g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[k].message);
      g_clear_error (&error);
    }

  /* Not numbers JSON has, and nesting past 64 levels */
  {
    static const char *const syntax[] = { "{\"revenue\": NaN}", "{\"revenue\": Infinity}", "{\"revenue\": 0x10}",
                                          "{\"revenue\": 5 /* k */}" };
    GString *deep = g_string_new (NULL);

    for (guint k = 0; k < G_N_ELEMENTS (syntax); k++)
      {
        g_assert_null (tandem_plan_input_new_from_json (syntax[k], -1, &error));
        g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_SYNTAX);
        g_assert_true (g_str_has_prefix (error->message, "The plan is not valid JSON: line 1, column "));
        g_clear_error (&error);
      }
    for (guint k = 0; k < 200000; k++)
      g_string_append (deep, "{\"a\":[");
    g_assert_null (tandem_plan_input_new_from_json (deep->str, -1, &error));
    g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "The plan is nested more than 64 levels deep (line 1, column 193)");
    g_clear_error (&error);
    g_string_free (deep, TRUE);
  }

  /* At the limits: written and read back, to the last bit */
  {
    g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
    g_autoptr(TandemPlanInput) back = NULL;
    g_autofree char *json = NULL;
    g_autofree char *again = NULL;

    input->revenue = TANDEM_PLAN_MAX_AMOUNT;
    input->deal_size = 1.0 / 3;
    input->rates[0] = 1e-300;
    input->rates[1] = 0.1 + 0.2;
    input->pipeline = 4.35e-5;
    input->coverage = 1e-5;
    input->cost_per[2] = TANDEM_PLAN_MAX_COST / 7;
    input->lag_days[1] = nextafter (TANDEM_PLAN_MAX_LAG_DAYS, 0);
    json = tandem_plan_input_to_json (input);
    back = tandem_plan_input_new_from_json (json, -1, &error);
    g_assert_no_error (error);
    g_assert_true (back->revenue == input->revenue && back->deal_size == input->deal_size);
    g_assert_true (back->pipeline == input->pipeline && back->coverage == input->coverage);
    g_assert_cmpmem (back->rates, sizeof back->rates, input->rates, sizeof input->rates);
    g_assert_true (back->cost_per[2] == input->cost_per[2] && back->lag_days[1] == input->lag_days[1]);
    again = tandem_plan_input_to_json (back);
    g_assert_cmpstr (json, ==, again);
  }
}

/* A scenario that would not read back is not saved; a damaged one is not used */
static void
test_scenario_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  g_autoptr(TandemPlanInput) loaded = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GString *deep = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_true (tandem_scenario_save (store, "Base", input, &error));
  g_assert_no_error (error);
  before = test_workspace_digest (store);

  /* A target plan does not use the revenue goal, but its bounds still hold */
  input->mode = TANDEM_PLAN_FROM_TARGET;
  input->anchor_stage = 3;
  input->anchor_volume = 100;
  input->revenue = 1e20;
  g_assert_false (tandem_scenario_save (store, "Base", input, &error));
  g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "revenue goal: 1e+20 is out of range (more than 0, up to 1e+13)");
  g_clear_error (&error);
  after = test_workspace_digest (store);
  g_assert_cmpstr (before, ==, after);

  for (guint k = 0; k < 200000; k++)
    g_string_append_c (deep, '[');
  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store), "UPDATE scenarios SET body = ?1 WHERE name = 'Base'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, deep->str, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  loaded = tandem_scenario_load (store, "Base", &error);
  g_assert_null (loaded);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==, "The scenario “Base” in the workspace is damaged: "
                                       "The plan is nested more than 64 levels deep (line 1, column 65)");
  g_string_free (deep, TRUE);
}


/* A scenario's body says its currency: the workspace's, relabelled with it;
 * one in another currency is refused, saved or loaded */
static void
test_scenario_currency (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  g_autoptr(TandemPlanInput) loaded = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_true (tandem_scenario_save (store, "Base", input, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store),
                                       "SELECT json_extract (body, '$.currency') FROM scenarios WHERE name = 'Base'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "USD");
  sqlite3_reset (stmt);

  /* Setting the workspace's currency relabels it (no conversion) */
  g_assert_true (tandem_store_set_currency (store, "EUR", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "EUR");
  g_clear_pointer (&stmt, sqlite3_finalize);
  loaded = tandem_scenario_load (store, "Base", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (loaded->revenue, ==, input->revenue);
  g_assert_cmpstr (loaded->currency, ==, "EUR");
  g_clear_pointer (&loaded, tandem_plan_input_free);

  /* An input in another currency is not saved into this workspace */
  g_strlcpy (input->currency, "GBP", sizeof input->currency);
  g_assert_false (tandem_scenario_save (store, "Pounds", input, &error));
  g_assert_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is in GBP and the workspace in EUR"));
  g_clear_error (&error);

  /* …nor is a body that says another one used */
  g_assert_cmpint (sqlite3_exec (tandem_store_get_db (store),
                                 "UPDATE scenarios SET body = json_set (body, '$.currency', 'GBP')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  loaded = tandem_scenario_load (store, "Base", &error);
  g_assert_null (loaded);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Base” is in GBP but the workspace is in EUR"));
  g_clear_error (&error);

  /* …nor a currency that is not a code */
  g_assert_cmpint (sqlite3_exec (tandem_store_get_db (store),
                                 "UPDATE scenarios SET body = json_set (body, '$.currency', 'Euro')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  loaded = tandem_scenario_load (store, "Base", &error);
  g_assert_null (loaded);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "currency: must be an ISO 4217 currency code"));
  g_clear_error (&error);

  /* The plan's JSON says it; the input's JSON reads it back */
  g_strlcpy (input->currency, "EUR", sizeof input->currency);
  json = tandem_plan_input_to_json (input);
  loaded = tandem_plan_input_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->currency, ==, "EUR");
  {
    g_autoptr(TandemPlanResult) result = tandem_plan_calculate (input, &error);
    g_auto(GStrv) steps = NULL;
    g_autoptr(JsonNode) root = NULL;

    g_assert_no_error (error);
    steps = tandem_plan_explain_steps (result, input->currency);
    g_assert_cmpstr (steps[0], ==, "€2000000 ÷ €75000 = 26.7 deals");
    root = tandem_plan_result_to_json (input, result, (const char *const *) steps, -1);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "currency"), ==, "EUR");
    g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "revenue"), ==, 2000000);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/plan/json", test_json);
  g_test_add_func ("/plan/json-numbers", test_json_numbers);
  g_test_add_func ("/plan/scenario-numbers", test_scenario_numbers);
  g_test_add_func ("/plan/scenario-currency", test_scenario_currency);
  g_test_add_func ("/plan/json/bounds", test_json_bounds);
  return g_test_run ();
}
