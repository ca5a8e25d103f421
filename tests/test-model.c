/* test-model.c — scoring models: JSON in and out, and every refusal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "tandem-csv.h"
#include "tandem-decisions.h"
#include "tandem-gallery.h"
#include "tandem-json.h"
#include "tandem-model.h"
#include "test-util.h"

#define GOOD_MODEL \
  "{ \"name\": \"Default B2B\"," \
  "  \"fit\": { \"floor\": 0, \"cap\": 100, \"bands\": [60, 40, 20], \"rules\": [" \
  "    {\"field\": \"Job Title\", \"op\": \"contains\", \"value\": [\"VP\", \"Director\"], \"points\": 20, \"label\": \"Senior title\"}," \
  "    {\"field\": \"Employees\", \"op\": \"between\", \"value\": [50, 5000], \"points\": 15}," \
  "    {\"field\": \"Email\", \"op\": \"matches\", \"value\": \"@(gmail|yahoo)\\\\.com$\", \"points\": -10}," \
  "    {\"field\": \"Employees\", \"op\": \"times\", \"points\": 0.01, \"max\": 10}," \
  "    {\"field\": \"Created\", \"op\": \"within-days\", \"value\": 30, \"points\": 5, \"enabled\": false}," \
  "    {\"field\": \"Created\", \"op\": \">=\", \"value\": \"2024-01-01\", \"points\": 1}," \
  "    {\"field\": \"Country\", \"op\": \"empty\", \"points\": -5}," \
  "    {\"field\": \"Active\", \"op\": \"equals\", \"value\": true, \"points\": 2}" \
  "  ] }," \
  "  \"interest\": { \"bands\": [50, 25, 10], \"rules\": [" \
  "    {\"event\": \"demo_request\", \"points\": 30, \"max\": 30, \"within_days\": 90}," \
  "    {\"event\": \"page_view\", \"points\": 3, \"max\": 15, \"half_life_days\": 14.5}" \
  "  ] }," \
  "  \"mql\": [\"A1\", \"A2\", \"B1\"] }"

static TandemModel *
load_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  TandemModel *model = tandem_model_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static void
test_read (void)
{
  g_autoptr(TandemModel) model = load_ok (GOOD_MODEL);
  TandemDimensionSpec *fit = tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT);
  TandemDimensionSpec *interest = tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST);
  TandemRule *rule;

  g_assert_cmpstr (tandem_model_get_name (model), ==, "Default B2B");
  g_assert_true (fit->has_floor && fit->has_cap);
  g_assert_cmpfloat (fit->cap, ==, 100);
  g_assert_cmpuint (fit->n_thresholds, ==, 3);
  g_assert_cmpuint (fit->rules->len, ==, 8);
  g_assert_false (interest->has_cap);
  g_assert_cmpuint (interest->rules->len, ==, 2);

  rule = g_ptr_array_index (fit->rules, 0);
  g_assert_cmpstr (rule->field, ==, "Job Title");
  g_assert_cmpint (rule->op, ==, TANDEM_OP_CONTAINS);
  g_assert_cmpstr (rule->texts[1], ==, "Director");
  g_assert_true (rule->value_is_list);
  g_assert_cmpstr (rule->label, ==, "Senior title");
  g_assert_true (rule->enabled);

  rule = g_ptr_array_index (fit->rules, 1);
  g_assert_cmpuint (rule->n_numbers, ==, 2);
  g_assert_cmpfloat (rule->numbers[1], ==, 5000);

  rule = g_ptr_array_index (fit->rules, 4);
  g_assert_false (rule->enabled);

  rule = g_ptr_array_index (fit->rules, 5);
  g_assert_cmpuint (rule->n_numbers, ==, 0);
  g_assert_cmpstr (rule->texts[0], ==, "2024-01-01");

  rule = g_ptr_array_index (fit->rules, 7);
  g_assert_cmpstr (rule->texts[0], ==, "yes");

  rule = g_ptr_array_index (interest->rules, 1);
  g_assert_cmpstr (rule->event, ==, "page_view");
  g_assert_true (rule->has_half_life);
  g_assert_cmpfloat (rule->half_life_days, ==, 14.5);

  g_assert_true (tandem_model_is_mql_cell (model, 0, 0));
  g_assert_true (tandem_model_is_mql_cell (model, 1, 0));
  g_assert_false (tandem_model_is_mql_cell (model, 1, 1));
}

static void
test_bands (void)
{
  g_autoptr(TandemModel) model = load_ok (GOOD_MODEL);

  g_assert_cmpuint (tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT), ==, 4);
  g_assert_cmpuint (tandem_model_band_of (model, TANDEM_DIMENSION_FIT, 60), ==, 0);   /* ≥ 60: A */
  g_assert_cmpuint (tandem_model_band_of (model, TANDEM_DIMENSION_FIT, 59.99), ==, 1);
  g_assert_cmpuint (tandem_model_band_of (model, TANDEM_DIMENSION_FIT, 20), ==, 2);
  g_assert_cmpuint (tandem_model_band_of (model, TANDEM_DIMENSION_FIT, -5), ==, 3);   /* D */
  g_assert_cmpuint (tandem_model_band_of (model, TANDEM_DIMENSION_INTEREST, 10), ==, 2);

  /* Every allowed band count, 2 to 6 bands */
  for (guint n = 1; n <= TANDEM_MAX_THRESHOLDS; n++)
    {
      g_autoptr(GString) bands = g_string_new (NULL);
      g_autofree char *json = NULL;
      g_autoptr(TandemModel) m = NULL;
      g_autofree char *last = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append_printf (bands, "%s%u", i ? ", " : "", 100 - i * 10);
      last = tandem_model_cell_name (n, n);
      json = g_strdup_printf ("{\"name\": \"n\", \"fit\": {\"bands\": [%s]}, \"interest\": {\"bands\": [%s]},"
                              " \"mql\": [\"%s\"]}", bands->str, bands->str, last);
      m = load_ok (json);
      g_assert_cmpuint (tandem_model_get_n_bands (m, TANDEM_DIMENSION_FIT), ==, n + 1);
      g_assert_true (tandem_model_is_mql_cell (m, n, n));
      g_assert_cmpuint (tandem_model_band_of (m, TANDEM_DIMENSION_FIT, -1000), ==, n);
    }

  {
    g_autofree char *cell = tandem_model_cell_name (1, 1);
    g_assert_cmpstr (cell, ==, "B2");
  }
}

static void
test_round_trip (void)
{
  g_autoptr(TandemModel) model = load_ok (GOOD_MODEL);
  g_autofree char *json = tandem_model_to_json (model);
  g_autoptr(TandemModel) again = load_ok (json);
  g_autofree char *json_again = tandem_model_to_json (again);
  g_autoptr(TandemModel) copy = tandem_model_copy (model);
  g_autofree char *json_copy = tandem_model_to_json (copy);

  g_assert_cmpstr (json, ==, json_again);
  g_assert_cmpstr (json, ==, json_copy);
  g_assert_nonnull (strstr (json, "\"enabled\" : false"));
  g_assert_nonnull (strstr (json, "\"half_life_days\" : 14.5"));

  /* A copy is independent. */
  tandem_model_set_mql_cell (copy, 3, 3, TRUE);
  tandem_model_set_name (copy, "Draft");
  g_assert_false (tandem_model_is_mql_cell (model, 3, 3));
  g_assert_cmpstr (tandem_model_get_name (model), ==, "Default B2B");
}

static void
assert_refused (const char *json,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_new_from_json (json, -1, &error);

  g_assert_null (model);
  g_assert_nonnull (error);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message);
}

#define WITH_FIT_RULE(rule) \
  "{\"name\": \"m\", \"fit\": {\"bands\": [60, 40, 20], \"rules\": [{\"field\": \"a\", \"op\": \"equals\", \"value\": \"x\", \"points\": 1}, " rule "]}," \
  " \"interest\": {\"bands\": [50, 25, 10]}, \"mql\": []}"

static void
test_refusals (void)
{
  assert_refused ("{", "not valid JSON");
  assert_refused ("[]", "must be a JSON object");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1]}, \"mql\": [], \"colour\": 1}",
                  "colour: unknown key \"colour\"");
  assert_refused ("{\"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1]}, \"mql\": []}", "name: is missing");
  assert_refused ("{\"name\": \" \", \"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
                  "name: must be a non-empty string");
  assert_refused ("{\"name\": \"m\", \"interest\": {\"bands\": [1]}, \"mql\": []}", "fit: is missing");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [20, 40]}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
                  "fit.bands[1]: thresholds must be descending");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": []}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
                  "fit.bands: must have 1 to 5 thresholds");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [6, 5, 4, 3, 2, 1]}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
                  "fit.bands: must have 1 to 5 thresholds, not 6");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [1], \"floor\": 10, \"cap\": 5}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
                  "fit.floor: the floor (10) is above the cap (5)");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [\"high\"]}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
                  "fit.bands[0]: must be a number, not a string");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [2, 1]}, \"interest\": {\"bands\": [2, 1]}, \"mql\": [\"A1\", \"D1\"]}",
                  "mql[1]: cell \"D1\" is outside the C3 grid");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1]}, \"mql\": [\"a1\"]}",
                  "mql[0]: \"a1\" is not a cell");
  assert_refused ("{\"name\": \"m\", \"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1]}}", "mql: is missing");

  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"contain\", \"value\": \"x\", \"points\": 1}"),
                  "fit.rules[1].op: unknown operator \"contain\"");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"equals\", \"value\": \"x\"}"),
                  "fit.rules[1].points: is missing");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"equals\", \"value\": \"x\", \"points\": \"ten\"}"),
                  "fit.rules[1].points: must be a number, not a string");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"equals\", \"value\": \"x\", \"points\": 1, \"weight\": 2}"),
                  "fit.rules[1].weight: unknown key \"weight\"");
  assert_refused (WITH_FIT_RULE ("{\"op\": \"equals\", \"value\": \"x\", \"points\": 1}"),
                  "fit.rules[1]: a rule needs a \"field\" or an \"event\"");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"event\": \"b\", \"points\": 1}"), "not both");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"matches\", \"value\": \"(unclosed\", \"points\": 1}"),
                  "fit.rules[1].value: the regular expression does not compile");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"between\", \"value\": [5, 1], \"points\": 1}"),
                  "fit.rules[1].value: the low end is above the high end");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"between\", \"value\": [1], \"points\": 1}"),
                  "fit.rules[1].value: must be a list of two values");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"between\", \"value\": [1, \"2024-01-01\"], \"points\": 1}"),
                  "must be two numbers or two dates");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"empty\", \"value\": \"x\", \"points\": 1}"),
                  "fit.rules[1].value: “empty” takes no value");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \">\", \"points\": 1}"),
                  "fit.rules[1].value: is missing");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \">\", \"value\": \"lots\", \"points\": 1}"),
                  "must be a number or a date");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"in\", \"value\": [], \"points\": 1}"),
                  "must not be an empty list");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"in\", \"value\": [\"x\", 3], \"points\": 1}"),
                  "fit.rules[1].value[1]: must be a string, not a number");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"within-days\", \"value\": -1, \"points\": 1}"),
                  "must be a number of days");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"equals\", \"value\": \"x\", \"points\": 1, \"max\": -3}"),
                  "fit.rules[1].max: must be 0 or more");
  assert_refused (WITH_FIT_RULE ("{\"event\": \"x\", \"points\": 1, \"half_life_days\": 0}"),
                  "fit.rules[1].half_life_days: must be more than 0");
  assert_refused (WITH_FIT_RULE ("{\"event\": \"x\", \"points\": 1, \"op\": \"equals\"}"),
                  "fit.rules[1].op: unknown key \"op\"");
  assert_refused (WITH_FIT_RULE ("{\"field\": \"a\", \"op\": \"equals\", \"value\": \"x\", \"points\": 1, \"case_sensitive\": \"yes\"}"),
                  "fit.rules[1].case_sensitive: must be true or false");
  assert_refused (WITH_FIT_RULE ("\"just a string\""), "fit.rules[1]: a rule must be an object");
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *csv = test_write_file ("leads.csv",
                                          "Lead ID,Job Title,Employees,Email,Created,Country,Active\n"
                                          "L1,VP Sales,120,a@b.com,2024-02-01,France,yes\n", -1);
  g_autofree char *events = test_write_file ("events.csv",
                                             "lead_id,type,timestamp\nL1,demo_request,2024-02-02\nL1,page_view,2024-02-03\n", -1);
  g_autoptr(TandemCsvOptions) event_options = tandem_csv_options_new ();
  g_autoptr(TandemModel) model = load_ok (GOOD_MODEL);

  g_assert_true (tandem_store_import_csv (store, csv, NULL, NULL, NULL, NULL, NULL, &error));
  tandem_csv_options_set_kind (event_options, TANDEM_IMPORT_EVENTS);
  g_assert_true (tandem_store_import_csv (store, events, event_options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tandem_model_validate (model, store, &error));
  g_assert_no_error (error);

  {
    static const struct { const char *rule; const char *message; } cases[] = {
      { "{\"field\": \"Job Titel\", \"op\": \"empty\", \"points\": 1}", "fit.rules[1].field: unknown field \"Job Titel\"" },
      { "{\"event\": \"webinar\", \"points\": 1}", "fit.rules[1].event: unknown event type \"webinar\"" },
      { "{\"field\": \"Employees\", \"op\": \"contains\", \"value\": \"1\", \"points\": 1}", "fit.rules[1].op: “contains” compares text, but “Employees” is a number column" },
      { "{\"field\": \"Employees\", \"op\": \"equals\", \"value\": \"many\", \"points\": 1}", "fit.rules[1].value: “Employees” is a number column" },
      { "{\"field\": \"Job Title\", \"op\": \">\", \"value\": 3, \"points\": 1}", "fit.rules[1].op: “>” compares numbers or dates, but “Job Title” is a text column" },
      { "{\"field\": \"Created\", \"op\": \">\", \"value\": 3, \"points\": 1}", "fit.rules[1].value: “Created” is a date column; the value must be a date" },
      { "{\"field\": \"Employees\", \"op\": \"<\", \"value\": \"2024-01-01\", \"points\": 1}", "the value must be a number" },
      { "{\"field\": \"Job Title\", \"op\": \"within-days\", \"value\": 3, \"points\": 1}", "“within-days” needs a date column" },
      { "{\"field\": \"Created\", \"op\": \"times\", \"points\": 1}", "“times” needs a number column" },
      { "{\"field\": \"Active\", \"op\": \"equals\", \"value\": \"maybe\", \"points\": 1}", "“Active” is a yes/no column" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"name\": \"m\", \"fit\": {\"bands\": [60, 40, 20], \"rules\": ["
                                                 "{\"field\": \"Country\", \"op\": \"empty\", \"points\": 1}, %s]},"
                                                 " \"interest\": {\"bands\": [50]}, \"mql\": []}", cases[i].rule);
        g_autoptr(TandemModel) bad = load_ok (json);
        g_autoptr(GError) local_error = NULL;

        g_assert_false (tandem_model_validate (bad, store, &local_error));
        g_assert_error (local_error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID);
        if (strstr (local_error->message, cases[i].message) == NULL)
          g_error ("“%s” does not contain “%s”", local_error->message, cases[i].message);
      }
  }
}

static void
test_file (void)
{
  g_autofree char *path = test_write_file ("broken-model.json", "{\"name\": 3}", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_new_from_file (path, &error);

  g_assert_null (model);
  g_assert_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "broken-model.json: name: must be a non-empty string");
}

static void
test_in_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemModel) model = load_ok (GOOD_MODEL);
  g_autoptr(TandemModel) draft = tandem_model_copy (model);
  g_autoptr(TandemModel) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;

  /* No live model yet */
  loaded = tandem_model_load (store, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tandem_model_save (model, store, TRUE, &error));
  tandem_model_set_name (draft, "Draft");
  tandem_model_set_mql_cell (draft, 2, 2, TRUE);
  g_assert_true (tandem_model_save (draft, store, FALSE, &error));
  g_assert_no_error (error);

  loaded = tandem_model_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_model_get_name (loaded), ==, "Default B2B");
  g_clear_pointer (&loaded, tandem_model_unref);

  /* Saving again replaces by name; making another live unsets the first */
  g_assert_true (tandem_model_save (draft, store, TRUE, &error));
  loaded = tandem_model_load (store, NULL, &error);
  g_assert_cmpstr (tandem_model_get_name (loaded), ==, "Draft");
  g_assert_true (tandem_model_is_mql_cell (loaded, 2, 2));
  g_clear_pointer (&loaded, tandem_model_unref);

  list = tandem_model_list (store);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((TandemModelInfo *) g_ptr_array_index (list, 0))->name, ==, "Default B2B");
  g_assert_false (((TandemModelInfo *) g_ptr_array_index (list, 0))->live);
  g_assert_true (((TandemModelInfo *) g_ptr_array_index (list, 1))->live);

  loaded = tandem_model_load (store, "Nope", &error);
  g_assert_null (loaded);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Nope”"));
}

static void
test_rule_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRule) rule = tandem_rule_new_from_json ("{\"field\": \"Job Title\", \"op\": \"in\", \"value\": [\"VP\", \"CEO\"], \"points\": 12.5, \"max\": 20}", &error);
  g_autoptr(TandemRule) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (rule->field, ==, "Job Title");
  g_assert_cmpfloat (rule->points, ==, 12.5);
  json = tandem_rule_to_json (rule);
  again = tandem_rule_new_from_json (json, &error);
  g_assert_no_error (error);
  json_again = tandem_rule_to_json (again);
  g_assert_cmpstr (json, ==, json_again);

  g_assert_null (tandem_rule_new_from_json ("{\"field\": \"Job Title\", \"op\": \"contain\", \"value\": \"x\", \"points\": 1}", &error));
  g_assert_cmpstr (error->message, ==, "rule.op: unknown operator \"contain\"");
  g_clear_error (&error);
  g_assert_null (tandem_rule_new_from_json ("{\"field\": ", &error));
  g_assert_true (g_str_has_prefix (error->message, "The rule is not valid JSON: line 1, column 11: "));
}

static void
test_same_rules_and_equal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) a = tandem_model_new_from_json ("{\"name\": \"a\", \"fit\": {\"bands\": [10], \"rules\": ["
                                                         "{\"field\": \"T\", \"op\": \"equals\", \"value\": \"x\", \"points\": 3}]},"
                                                         " \"interest\": {\"bands\": [5]}, \"mql\": [\"A1\"]}", -1, &error);
  g_autoptr(TandemModel) b = tandem_model_copy (a);
  TandemRule *rule = g_ptr_array_index (tandem_model_get_dimension (b, TANDEM_DIMENSION_FIT)->rules, 0);

  g_assert_no_error (error);
  tandem_model_set_name (b, "b");
  g_assert_true (tandem_model_equal (a, b));
  /* Points, on/off, bands, limits and cells: the same rules, not equal */
  rule->points = 7;
  rule->enabled = FALSE;
  tandem_model_get_dimension (b, TANDEM_DIMENSION_FIT)->thresholds[0] = 3;
  tandem_model_set_mql_cell (b, 1, 1, TRUE);
  g_assert_true (tandem_model_same_rules (a, b));
  g_assert_false (tandem_model_equal (a, b));
  /* A value: other rules */
  g_strfreev (rule->texts);
  rule->texts = g_strsplit ("y", ",", -1);
  g_assert_false (tandem_model_same_rules (a, b));
}

static void
test_gallery (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *leads = test_write_file ("gallery.csv",
                                            "Lead ID,Job Title,Employees,Work Email,Joined\n"
                                            "1,VP Sales,200,a@b.com,2024-01-02\n", -1);
  g_autofree char *events = test_write_file ("gallery-events.csv",
                                             "lead,type,at\n1,Demo Requested,2024-02-01\n1,pricing_page_view,2024-02-02\n", -1);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(GPtrArray) items = NULL;
  gboolean saw_title = FALSE, saw_demo = FALSE, saw_pricing = FALSE, saw_missing = FALSE;

  g_assert_true (tandem_store_import_csv (store, leads, NULL, NULL, NULL, NULL, NULL, &error));
  tandem_csv_options_set_kind (options, TANDEM_IMPORT_EVENTS);
  g_assert_true (tandem_store_import_csv (store, events, options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  items = tandem_gallery_list (store);
  g_assert_cmpuint (items->len, >=, 10);
  for (guint i = 0; i < items->len; i++)
    {
      TandemGalleryItem *item = g_ptr_array_index (items, i);
      g_assert_true ((item->rule != NULL) != (item->missing != NULL));
      if (g_str_equal (item->title, "Senior title"))
        {
          saw_title = TRUE;
          g_assert_cmpstr (item->rule->field, ==, "Job Title");
          g_assert_cmpint (item->dimension, ==, TANDEM_DIMENSION_FIT);
        }
      if (g_str_equal (item->title, "Demo request"))
        {
          saw_demo = TRUE;
          g_assert_cmpstr (item->rule->event, ==, "Demo Requested");
        }
      if (g_str_equal (item->title, "Pricing page visits"))
        saw_pricing = item->rule != NULL && g_str_equal (item->rule->event, "pricing_page_view");
      if (g_str_equal (item->title, "Unsubscribed"))
        {
          saw_missing = TRUE;
          g_assert_cmpstr (item->missing, ==, "Needs an unsubscribe event");
        }
      if (g_str_equal (item->title, "Free-mail address"))
        g_assert_cmpstr (item->rule->field, ==, "Work Email");
    }
  g_assert_true (saw_title && saw_demo && saw_pricing && saw_missing);
}

/* An export that names things its own way: columns recognised by their
 * values, and every template offers the columns of its type */
static void
test_gallery_by_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *leads = test_write_file ("education.csv",
                                            "Prospect ID,What is your current occupation,Contact,Lead Source,TotalVisits\n"
                                            "P1,Working Professional,ann@school.example,Google,3\n"
                                            "P2,Student,bo@mail.example,Olark Chat,0\n"
                                            "P3,Unemployed,cy@mail.example,Google,7\n"
                                            "P4,Business Owner,dee@firm.example,Direct Traffic,2\n", -1);
  g_autoptr(GPtrArray) items = NULL;
  gboolean saw_title = FALSE, saw_email = FALSE, saw_choice = FALSE;
  const char *const titles[] = { "Sales Manager", "VP Marketing", "Student", NULL };
  const char *const not_titles[] = { "Google", "Direct Traffic", "Olark Chat", NULL };
  const char *const emails[] = { "a@b.example", "c.d@e.co", NULL };
  const char *const sizes[] = { "1-10", "11-50", "201 to 500", "1000+", NULL };

  g_assert_true (tandem_gallery_looks_like_titles (titles));
  g_assert_false (tandem_gallery_looks_like_titles (not_titles));
  g_assert_true (tandem_gallery_looks_like_emails (emails));
  g_assert_false (tandem_gallery_looks_like_emails (titles));
  g_assert_true (tandem_gallery_looks_like_sizes (sizes));
  g_assert_false (tandem_gallery_looks_like_sizes (emails));

  g_assert_true (tandem_store_import_csv (store, leads, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  items = tandem_gallery_list (store);
  for (guint i = 0; i < items->len; i++)
    {
      TandemGalleryItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->title, "Senior title"))
        {
          saw_title = TRUE;
          g_assert_nonnull (item->rule);
          g_assert_cmpstr (item->rule->field, ==, "What is your current occupation");
          g_assert_cmpstr (item->matched_by, ==, "its values look like job titles");
        }
      if (g_str_equal (item->title, "Free-mail address"))
        {
          saw_email = TRUE;
          g_assert_cmpstr (item->rule->field, ==, "Contact");
        }
      if (g_str_equal (item->title, "Target industry"))
        {
          g_autoptr(TandemRule) rule = NULL;
          gboolean offered = FALSE;

          saw_choice = TRUE;
          g_assert_null (item->rule);
          g_assert_nonnull (strstr (item->missing, "choose one"));
          for (guint c = 0; c < item->choices->len; c++)
            {
              const TandemGalleryChoice *choice = g_ptr_array_index (item->choices, c);
              if (g_str_equal (choice->column, "Lead Source"))
                {
                  offered = TRUE;
                  g_assert_cmpstr (choice->top_values, ==, "Google (2), Direct Traffic (1), Olark Chat (1)");
                }
            }
          g_assert_true (offered);
          rule = tandem_gallery_rule_on (item, store, "Lead Source", &error);
          g_assert_no_error (error);
          g_assert_cmpstr (rule->field, ==, "Lead Source");
          /* A column that is not there */
          g_assert_null (tandem_gallery_rule_on (item, store, "Nope", &error));
          g_assert_nonnull (error);
          g_clear_error (&error);
        }
    }
  g_assert_true (saw_title && saw_email && saw_choice);
}

static void
test_decisions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemModel) before = tandem_model_new_from_json (
    "{\"name\": \"Base\", \"fit\": {\"cap\": 100, \"bands\": [40, 20], \"rules\": ["
    "{\"field\": \"T\", \"op\": \"equals\", \"value\": \"VP\", \"points\": 20, \"label\": \"Senior\"},"
    "{\"field\": \"T\", \"op\": \"equals\", \"value\": \"Intern\", \"points\": -5}]},"
    " \"interest\": {\"bands\": [10]}, \"mql\": [\"A1\"]}", -1, &error);
  g_autoptr(TandemModel) after = tandem_model_copy (before);
  TandemDimensionSpec *fit = tandem_model_get_dimension (after, TANDEM_DIMENSION_FIT);
  g_autofree char *changes = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GPtrArray) log = NULL;

  g_assert_no_error (error);
  ((TandemRule *) g_ptr_array_index (fit->rules, 0))->points = 25;
  g_ptr_array_remove_index (fit->rules, 1);
  g_ptr_array_add (fit->rules, tandem_rule_new_from_json ("{\"field\": \"T\", \"op\": \"contains\", \"value\": \"Director\", \"points\": 15}", &error));
  fit->thresholds[0] = 45;
  fit->cap = 90;
  tandem_model_set_mql_cell (after, 1, 0, TRUE);

  changes = tandem_model_describe_changes (before, after);
  g_assert_cmpstr (changes, ==,
                   "“Senior”: points 20 → 25\n"
                   "Added fit rule “T contains Director” (+15)\n"
                   "Removed fit rule “T equals Intern”\n"
                   "Fit band A starts at 45 (was 40)\n"
                   "Highest fit score: 100 → 90\n"
                   "MQL cells: A1 → A1, B1");
  first = tandem_model_describe_changes (NULL, before);
  g_assert_cmpstr (first, ==, "“Base” became the first live model");

  /* Kept in the workspace, oldest first */
  g_assert_true (tandem_decision_insert (store, NULL, before, "", &error));
  g_assert_true (tandem_decision_insert (store, before, after, "Directors convert", &error));
  g_assert_no_error (error);
  log = tandem_decisions_list (store);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (((TandemDecision *) g_ptr_array_index (log, 1))->note, ==, "Directors convert");
  g_assert_cmpstr (((TandemDecision *) g_ptr_array_index (log, 1))->changes, ==, changes);
}

/* A text nested @depth levels: "[[[…" or {"a":{"a":… */
static char *
deep_text (guint    depth,
           gboolean objects)
{
  GString *text = g_string_sized_new (depth * 5 + 1);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, objects ? "{\"a\":" : "[");
  return g_string_free (text, FALSE);
}

static void
test_deep (void)
{
  static const guint depths[] = { 65, 200000 };

  for (guint k = 0; k < G_N_ELEMENTS (depths); k++)
    for (guint objects = 0; objects <= 1; objects++)
      {
        g_autofree char *text = deep_text (depths[k], objects);
        g_autoptr(GError) error = NULL;
        g_autoptr(TandemModel) model = tandem_model_new_from_json (text, -1, &error);

        g_assert_null (model);
        g_assert_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_SYNTAX);
        g_assert_true (g_str_has_prefix (error->message, "The model is nested more than 64 levels deep (line 1, column "));
      }

  /* 64 levels is JSON Tandem reads (and then refuses as a model's shape) */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = NULL;

    for (guint i = 0; i < 64; i++)
      g_string_append_c (text, '[');
    for (guint i = 0; i < 64; i++)
      g_string_append_c (text, ']');
    root = tandem_json_parse (text->str, -1, "The test", &error);
    g_assert_no_error (error);
    g_assert_nonnull (root);
    assert_refused (text->str, "The model must be a JSON object");
  }

  /* As a file */
  {
    g_autofree char *text = deep_text (200000, FALSE);
    g_autofree char *path = test_write_file ("deep.json", text, -1);
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemModel) model = tandem_model_new_from_file (path, &error);

    g_assert_null (model);
    g_assert_true (g_str_has_prefix (error->message, "deep.json: The model is nested more than 64 levels deep"));
  }

  /* Too large */
  {
    g_autofree char *text = g_strnfill (TANDEM_JSON_MAX_SIZE + 1, ' ');
    assert_refused (text, "The model is larger than 8 MiB");
  }

  /* Too large as a file: refused before it is read whole */
  {
    g_autofree char *text = g_strnfill (TANDEM_JSON_MAX_SIZE + 1, ' ');
    g_autofree char *path = test_write_file ("large.json", text, -1);
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemModel) model = tandem_model_new_from_file (path, &error);

    g_assert_null (model);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "“large.json” is larger than"));
  }
}

static void
test_deep_in_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autofree char *text = deep_text (200000, TRUE);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TandemModel) loaded = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store),
                                       "INSERT INTO models (name, body, live, created_at, modified_at) "
                                       "VALUES ('deep', ?1, 1, '2024-01-01', '2024-01-01')", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  loaded = tandem_model_load (store, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The model stored in the workspace is damaged: The model is nested more than 64 levels deep"));
}

/* Written and read back, a model is the same, to the last bit of every number. */
static void
assert_round_trips (const TandemModel *model)
{
  g_autofree char *json = tandem_model_to_json (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) again = tandem_model_new_from_json (json, -1, &error);
  g_autofree char *json_again = NULL;

  g_assert_no_error (error);
  g_assert_true (tandem_model_equal (model, again));
  json_again = tandem_model_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      const TandemDimensionSpec *a = tandem_model_get_dimension ((TandemModel *) model, d);
      const TandemDimensionSpec *b = tandem_model_get_dimension (again, d);

      g_assert_true (a->floor == b->floor && a->cap == b->cap);
      g_assert_cmpmem (a->thresholds, sizeof a->thresholds, b->thresholds, sizeof b->thresholds);
      for (guint r = 0; r < a->rules->len; r++)
        {
          const TandemRule *x = g_ptr_array_index (a->rules, r);
          const TandemRule *y = g_ptr_array_index (b->rules, r);

          g_assert_true (x->points == y->points && x->max == y->max);
          g_assert_true (x->within_days == y->within_days && x->half_life_days == y->half_life_days);
          g_assert_cmpuint (x->n_numbers, ==, y->n_numbers);
          for (guint n = 0; n < x->n_numbers; n++)
            g_assert_true (x->numbers[n] == y->numbers[n]);
        }
    }
}

#define WITH_NUMBER(value, points) \
  "{\"name\": \"m\", \"fit\": {\"bands\": [60, 40, 20], \"rules\": [{\"field\": \"a\", \"op\": \"equals\", \"value\": \"x\", \"points\": 1}, " \
  "{\"field\": \"n\", \"op\": \">\", \"value\": " value ", \"points\": " points "}]}," \
  " \"interest\": {\"bands\": [50, 25, 10]}, \"mql\": []}"

static void
test_numbers (void)
{
  static const struct { const char *json; const char *message; } refused[] = {
    { WITH_NUMBER ("1e20", "1"), "fit.rules[1].value: 1e20 is out of range (at most ±1e15)" },
    { WITH_NUMBER ("1e999", "1"), "fit.rules[1].value: 1e999 is out of range (at most ±1e15)" },
    { WITH_NUMBER ("-1e999", "1"), "fit.rules[1].value: -1e999 is out of range (at most ±1e15)" },
    { WITH_NUMBER ("99999999999999999999", "1"), "fit.rules[1].value: 99999999999999999999 is out of range (at most ±1e15)" },
    { WITH_NUMBER ("-99999999999999999999", "1"), "fit.rules[1].value: -99999999999999999999 is out of range (at most ±1e15)" },
    { WITH_NUMBER ("18446744073709551615", "1"), "fit.rules[1].value: 18446744073709551615 is out of range" },
    { WITH_NUMBER ("1000000000000001", "1"), "fit.rules[1].value: 1000000000000001 is out of range" },
    { WITH_NUMBER ("1e-400", "1"), "fit.rules[1].value: 1e-400 is too close to 0 to be read exactly; write 0" },
    { WITH_NUMBER ("5e-324", "1"), "fit.rules[1].value: 5e-324 is too close to 0" },
    { WITH_NUMBER ("1", "1e20"), "fit.rules[1].points: 1e20 is out of range (at most ±1e15)" },
    { WITH_NUMBER ("1", "2000000"), "fit.rules[1].points: 2000000 is out of range (at most ±1000000)" },
    { WITH_NUMBER ("1", "-1.5e6"), "fit.rules[1].points: -1500000 is out of range (at most ±1000000)" },
    { WITH_NUMBER ("NaN", "1"), "The model is not valid JSON: line 1, column " },
    { WITH_NUMBER ("Infinity", "1"), "The model is not valid JSON" },
    { WITH_NUMBER ("-Infinity", "1"), "a minus sign must be followed by digits" },
    { WITH_NUMBER ("0x10", "1"), "expected “,” or “}”, found “x”" },
    { WITH_NUMBER ("01", "1"), "a number must not start with 0" },
    { WITH_NUMBER (".5", "1"), "expected a value" },
    { WITH_NUMBER ("1.", "1"), "a decimal point must be followed by digits" },
    { WITH_NUMBER ("+1", "1"), "expected a value" },
    { WITH_NUMBER ("1e", "1"), "an exponent must be followed by digits" },
    { "{\"name\": \"m\", \"fit\": {\"bands\": [1e10]}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
      "fit.bands[0]: 10000000000 is out of range (at most ±1000000000)" },
    { "{\"name\": \"m\", \"fit\": {\"bands\": [1], \"cap\": -2e9}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
      "fit.cap: -2000000000 is out of range (at most ±1000000000)" },
    { "{\"name\": \"m\", \"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1], \"rules\": ["
      "{\"event\": \"e\", \"points\": 1, \"half_life_days\": 40000}]}, \"mql\": []}",
      "interest.rules[0].half_life_days: 40000 is out of range (at most ±36500)" },
    { "{\"name\": \"m\", \"fit\": {\"bands\": [1], \"rules\": ["
      "{\"field\": \"d\", \"op\": \"within-days\", \"value\": 1e7, \"points\": 1}]}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
      "fit.rules[0].value: 10000000 is out of range (0 to 36500)" },
    { "{\"name\": \"m\", \"fit\": {\"bands\": [1], \"rules\": ["
      "{\"field\": \"n\", \"op\": \"between\", \"value\": [1, 1e16], \"points\": 1}]}, \"interest\": {\"bands\": [1]}, \"mql\": []}",
      "fit.rules[0].value[1]: 1e16 is out of range (at most ±1e15)" },
    { "{\"name\": \"m\", \"fit\": {\"bands\": [1]}, \"interest\": {\"bands\": [1]}, \"mql\": [], \"description\": 1E400}",
      "description: 1E400 is out of range" },
    { "{\"a\\\"b\": 1e99}", "a\\\"b: 1e99 is out of range" },
    { "1e99", "The model: 1e99 is out of range" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemModel) model = tandem_model_new_from_json (refused[k].json, -1, &error);

      g_assert_null (model);
      g_assert_nonnull (error);
      g_assert_true (error->domain == TANDEM_MODEL_ERROR);
      if (strstr (error->message, refused[k].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", k, error->message, refused[k].message);
    }

  /* At the limits, and numbers that are hard to write: accepted and read back exactly */
  {
    static const char *const values[] = {
      "1e15", "-1e15", "1000000000000000", "-999999999999999.9", "0.1", "0.30000000000000004",
      "1e-300", "2.2250738585072014e-308", "123456.789", "-0", "-0.0", "0", "1.7976931348623157e-300",
      "3.141592653589793", "1E-7", "4.35e-5",
    };
    static const char *const points[] = { "1e6", "-1e6", "0.01", "-0.000001", "33.333333333333336" };

    for (guint k = 0; k < G_N_ELEMENTS (values); k++)
      for (guint p = 0; p < G_N_ELEMENTS (points); p++)
        {
          g_autofree char *json = g_strdup_printf ("{\"name\": \"m\", \"fit\": {\"floor\": -1e9, \"cap\": 1e9, \"bands\": [%s, -1e9],"
                                                   " \"rules\": [{\"field\": \"n\", \"op\": \"between\", \"value\": [%s, 1e15], \"points\": %s,"
                                                   " \"max\": 1e6}]}, \"interest\": {\"bands\": [1], \"rules\": [{\"event\": \"e\","
                                                   " \"points\": %s, \"within_days\": 36500, \"half_life_days\": 1e-9}]}, \"mql\": []}",
                                                   points[p], values[k], points[p], points[p]);
          g_autoptr(TandemModel) model = load_ok (json);
          TandemRule *rule = g_ptr_array_index (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules, 0);

          g_assert_true (rule->numbers[0] == g_ascii_strtod (values[k], NULL));
          g_assert_true (rule->points == g_ascii_strtod (points[p], NULL));
          assert_round_trips (model);
        }
  }
  {
    g_autoptr(TandemModel) model = load_ok (GOOD_MODEL);
    assert_round_trips (model);
  }
}

static void
test_strict_json (void)
{
  static const struct { const char *json; const char *message; } refused[] = {
    { "{\"name\": \"m\" /* a comment */}", "line 1, column 14: expected “,” or “}”, found “/”" },
    { "{'name': 'm'}", "expected a name in double quotes, found “'”" },
    { "{\"name\": \"m\"} {}", "line 1, column 15: “{” after the end of the document" },
    { "{\"name\": \"a\\u0000b\"}", "a text must not hold \\u0000 (a NUL character)" },
    { "{\"name\": \"\\udc00x\"}", "\\uDC00 is half of a surrogate pair without its first half" },
    { "{\"name\": \"\\ud800\"}", "\\uD800 is half of a surrogate pair without its second half" },
    { "{\"name\": \"\\ud800\\u0041\"}", "\\uD800 is half of a surrogate pair without its second half" },
    { "{\"name\": \"\\x41\"}", "unknown escape \\x" },
    { "{\"name\": \"a\tb\"}", "a control character inside a text must be written as an escape" },
    { "{\"name\": \"m\",}", "expected a name in double quotes, found “}”" },
    { "[1,]", "expected a value" },
    { "{\"name\" \"m\"}", "expected “:” after the name" },
    { "{\"name\": \"m\"", "the text ends before the document does" },
    { "{\"name\": \"m", "a text is never closed" },
    { "", "The model is empty" },
    { "  \n ", "The model is empty" },
    { "{\"name\": \"\xff\"}", "line 1, column 11: the text is not UTF-8" },
    { "\n\n  nul", "line 3, column 3: expected a value" },
    { "[tru]", "expected a value" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemModel) model = tandem_model_new_from_json (refused[k].json, -1, &error);

      g_assert_null (model);
      g_assert_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_SYNTAX);
      if (strstr (error->message, refused[k].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", k, error->message, refused[k].message);
    }

  /* A NUL byte inside the given length, and data not ending in NUL */
  {
    static const char with_nul[] = "{\"name\": \"m\"}\0{}";
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = tandem_json_parse (with_nul, sizeof with_nul - 1, "The test", &error);

    g_assert_null (root);
    g_assert_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "a NUL byte is not allowed"));
    g_clear_error (&error);
    root = tandem_json_parse ("[12345]", 3, "The test", &error);
    g_assert_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_SYNTAX);
    g_clear_error (&error);
    root = tandem_json_parse ("[1e99]", 4, "The test", &error);   /* "[1e9": the number is read within the length */
    g_assert_error (error, TANDEM_JSON_ERROR, TANDEM_JSON_ERROR_SYNTAX);
  }

  /* What json-glib alone would take, read the same way */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = tandem_json_parse ("{\"a\": \"\\ud83d\\ude00 \\\"q\\\" \\/ \\b\\f\\n\\r\\t\", \"b\": [true, false, null, -0.5e+2]}",
                                                  -1, "The test", &error);
    JsonObject *object;

    g_assert_no_error (error);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "a"), ==, "😀 \"q\" / \b\f\n\r\t");
    g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (object, "b"), 3), ==, -50);
  }
}

static void
test_writing_numbers (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) again = NULL;
  static const double values[] = { 1e20, -1e22, 1e-5, 2.5e-300, 1e15, 0.5, 7, -0.0 };

  json_builder_begin_array (builder);
  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    json_builder_add_double_value (builder, values[k]);
  tandem_json_add_number (builder, INFINITY);
  tandem_json_add_number (builder, NAN);
  tandem_json_add_number (builder, 42);
  tandem_json_add_number (builder, 0.25);
  json_builder_add_string_value (builder, "1e+20.0 stays as written");
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  text = tandem_json_to_data (root, FALSE);

  /* json-glib alone writes 1e+20.0 and inf.0 */
  g_assert_cmpstr (text, ==, "[1e+20,-1e+22,1.0000000000000001e-05,2.5e-300,1000000000000000.0,0.5,7.0,-0.0,"
                             "null,null,42,0.25,\"1e+20.0 stays as written\"]");
  /* Read back exactly (json-glib's own reader: 1e20 is past what Tandem reads) */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *array;

    g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
    g_assert_no_error (error);
    array = json_node_get_array (json_parser_get_root (parser));
    for (guint k = 0; k < G_N_ELEMENTS (values); k++)
      g_assert_true (json_array_get_double_element (array, k) == values[k]);
  }

  /* A model held in memory with a number out of range is not saved */
  {
    g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
    g_autoptr(TandemModel) model = load_ok (GOOD_MODEL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    TandemRule *rule = g_ptr_array_index (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules, 1);

    g_assert_true (tandem_model_save (model, store, TRUE, &error));
    g_assert_no_error (error);
    before = test_workspace_digest (store);
    rule->numbers[1] = 1e20;
    g_assert_false (tandem_model_save (model, store, TRUE, &error));
    g_assert_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "The model “Default B2B” cannot be saved: fit.rules[1].value[1]: 1e+20 is out of range (at most ±1e15)");
    g_clear_error (&error);
    rule->numbers[1] = INFINITY;
    g_assert_false (tandem_model_save (model, store, FALSE, &error));
    g_assert_nonnull (strstr (error->message, "fit.rules[1].value[1]: must be a number or a date (YYYY-MM-DD), not null"));
    after = test_workspace_digest (store);
    g_assert_cmpstr (before, ==, after);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model/read", test_read);
  g_test_add_func ("/model/bands", test_bands);
  g_test_add_func ("/model/round-trip", test_round_trip);
  g_test_add_func ("/model/refusals", test_refusals);
  g_test_add_func ("/model/validate", test_validate);
  g_test_add_func ("/model/file", test_file);
  g_test_add_func ("/model/in-workspace", test_in_workspace);
  g_test_add_func ("/model/rule-json", test_rule_json);
  g_test_add_func ("/model/same-rules-and-equal", test_same_rules_and_equal);
  g_test_add_func ("/model/gallery", test_gallery);
  g_test_add_func ("/model/gallery-by-content", test_gallery_by_content);
  g_test_add_func ("/model/decisions", test_decisions);
  g_test_add_func ("/model/deep", test_deep);
  g_test_add_func ("/model/deep-in-workspace", test_deep_in_workspace);
  g_test_add_func ("/model/numbers", test_numbers);
  g_test_add_func ("/model/strict-json", test_strict_json);
  g_test_add_func ("/model/writing-numbers", test_writing_numbers);

  return g_test_run ();
}
