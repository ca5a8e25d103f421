/* test-report-json.c — the JSON documents the core writes for reports
 * (tandem-cli prints exactly these with --json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each document is written as text with tandem_json_to_data() and read
 * back with tandem_json_parse(), as a script reading the CLI's output
 * would, then checked against numbers worked out by hand and against the
 * structure it was made from.  Counts must read back as integers and
 * rates and days as doubles, whatever their value.
 */

#include "config.h"

#include <math.h>

#include "tandem-csv.h"
#include "tandem-funnel.h"
#include "tandem-json.h"
#include "tandem-plan.h"
#include "report-fixture.h"

#define assert_close(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9 * MAX (1.0, fabs ((double) (b))))

/* Engaging → Won: O1 10 days, O2 20, O3 4, O7 −5 (won before it engaged).
 * O4 lost from Engaging, O5 open in Engaging, O6 open in Prospecting.
 * The product is an attribute, for info. */
#define PIPELINE \
  "opportunity_id,sales_agent,deal_stage,engage_date,close_date,product\n" \
  "O1,Ann,Won,2024-01-02,2024-01-12,GTX\n" \
  "O2,Ann,Won,2024-01-05,2024-01-25,GTX\n" \
  "O3,Bob,Won,2024-02-10,2024-02-14,MG\n" \
  "O4,Bob,Lost,2024-01-20,2024-03-01,MG\n" \
  "O5,Ann,Engaging,2024-02-01,,GTX\n" \
  "O6,Bob,Prospecting,,,MG\n" \
  "O7,Ann,Won,2024-03-10,2024-03-05,\n"

/* The document as text and back */
static JsonNode *
round_trip (JsonNode *document)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonNode *back;

  g_assert_nonnull (document);
  text = tandem_json_to_data (document, TRUE);
  back = tandem_json_parse (text, -1, "The report", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_member (object, name);
}

static gint64
get_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = member (object, name);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

/* A double; NAN for null */
static double
get_double (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  if (JSON_NODE_HOLDS_NULL (node))
    return NAN;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE);
  return json_node_get_double (node);
}

/* A number written by tandem_json_add_number(): an integer when whole */
static double
get_number (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  if (JSON_NODE_HOLDS_NULL (node))
    return NAN;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (node), !=, floor (json_node_get_double (node)));
  return json_node_get_double (node);
}

static void
assert_same (double actual,
             double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (actual));
  else
    assert_close (actual, expected);
}

/* ---- The waterfall ------------------------------------------------------ */

static TandemStore *
pipeline_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_write_file ("pipeline.csv", PIPELINE, -1);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_PIPELINE);
  TandemStore *store = tandem_store_new_memory (&error);

  g_assert_no_error (error);
  g_assert_true (tandem_store_import_csv (store, path, options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_taxonomy_save (taxonomy, store, &error));
  g_assert_no_error (error);
  return store;
}

/* Every member of every stage is what the waterfall holds */
static void
assert_waterfall_matches (JsonObject            *o,
                          const TandemWaterfall *w)
{
  JsonArray *segments = json_node_get_array (member (o, "segments"));

  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, tandem_waterfall_mode_to_string (w->mode));
  g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, tandem_funnel_source_to_string (w->source));
  g_assert_cmpint (get_int (o, "unplaced"), ==, w->unplaced);
  g_assert_cmpint (get_int (o, "undated"), ==, w->undated);
  g_assert_cmpuint (json_array_get_length (segments), ==, w->segments->len);
  for (guint i = 0; i < w->segments->len; i++)
    {
      const TandemWaterfallSegment *segment = g_ptr_array_index (w->segments, i);
      JsonArray *stages = json_object_get_array_member (json_array_get_object_element (segments, i), "stages");

      g_assert_cmpuint (json_array_get_length (stages), ==, segment->stages->len);
      for (guint k = 0; k < segment->stages->len; k++)
        {
          const TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, k);
          JsonObject *js = json_array_get_object_element (stages, k);

          g_assert_cmpstr (json_object_get_string_member (js, "name"), ==, s->name);
          g_assert_cmpstr (json_object_get_string_member (js, "short_name"), ==, s->short_name);
          g_assert_cmpint (get_int (js, "reached"), ==, s->reached);
          g_assert_cmpint (get_int (js, "open"), ==, s->open);
          g_assert_cmpint (get_int (js, "lost"), ==, s->lost);
          g_assert_cmpint (get_int (js, "recycled"), ==, s->recycled);
          g_assert_cmpint (get_int (js, "durations"), ==, s->durations);
          g_assert_cmpint (get_int (js, "negative_durations"), ==, s->negative_durations);
          assert_same (get_double (js, "conversion_from_previous"), s->conversion_from_previous);
          assert_same (get_double (js, "conversion_from_first"), s->conversion_from_first);
          assert_same (get_double (js, "median_days_from_previous"), s->median_days_from_previous);
          assert_same (get_double (js, "mean_days_from_previous"), s->mean_days_from_previous);
        }
    }
}

static JsonObject *
stage_object (JsonObject *waterfall,
              guint       k)
{
  JsonArray *segments = json_node_get_array (member (waterfall, "segments"));
  JsonObject *segment = json_array_get_object_element (segments, 0);

  return json_array_get_object_element (json_object_get_array_member (segment, "stages"), k);
}

static void
test_waterfall (void)
{
  g_autoptr(TandemStore) store = pipeline_store ();
  g_autoptr(TandemWaterfall) w = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);
  g_autoptr(JsonNode) document = tandem_waterfall_to_json (w);
  g_autoptr(JsonNode) back = round_trip (document);
  JsonObject *o = json_node_get_object (back);
  JsonObject *prospecting = stage_object (o, 0);
  JsonObject *engaging = stage_object (o, 1);
  JsonObject *won = stage_object (o, 2);

  assert_waterfall_matches (o, w);
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "cohort");
  g_assert_true (JSON_NODE_HOLDS_NULL (member (o, "from")));
  g_assert_true (JSON_NODE_HOLDS_NULL (member (o, "by")));
  g_assert_true (JSON_NODE_HOLDS_NULL (member (o, "previous")));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (member (o, "segments"))), ==, 1);

  /* Everyone prospected (implied), O6 still does; all but O6 engaged, O5
   * still is, O4 was lost from it; O1, O2, O3 and O7 won               */
  g_assert_cmpstr (json_object_get_string_member (prospecting, "name"), ==, "Prospecting");
  g_assert_cmpint (get_int (prospecting, "reached"), ==, 7);
  g_assert_cmpint (get_int (prospecting, "open"), ==, 1);
  g_assert_cmpint (get_int (engaging, "reached"), ==, 6);
  g_assert_cmpint (get_int (engaging, "lost"), ==, 1);
  g_assert_cmpint (get_int (won, "reached"), ==, 4);
  g_assert_cmpint (get_int (won, "negative_durations"), ==, 1);

  /* The first stage has no previous one: null, not 0 */
  g_assert_true (JSON_NODE_HOLDS_NULL (member (prospecting, "conversion_from_previous")));
  /* 7 of 7 is 1.0, a double like every other rate */
  assert_close (get_double (prospecting, "conversion_from_first"), 1.0);
  assert_close (get_double (engaging, "conversion_from_previous"), 6.0 / 7);
  assert_close (get_double (won, "conversion_from_previous"), 4.0 / 6);
  assert_close (get_double (won, "conversion_from_first"), 4.0 / 7);
  /* Prospecting is never dated: no days to Engaging */
  g_assert_true (JSON_NODE_HOLDS_NULL (member (engaging, "median_days_from_previous")));
  /* Engaging → Won: 10, 20 and 4 days (O7's −5 left out) */
  g_assert_cmpint (get_int (won, "durations"), ==, 3);
  assert_close (get_double (won, "median_days_from_previous"), 10);
  assert_close (get_double (won, "mean_days_from_previous"), 34.0 / 3);
}

static void
test_waterfall_previous (void)
{
  g_autoptr(TandemStore) store = pipeline_store ();
  g_autoptr(TandemWaterfall) w = compute_waterfall (store, TANDEM_WATERFALL_COHORT, "2024-02-01", "2024-02-29", NULL);
  g_autoptr(JsonNode) document = tandem_waterfall_to_json (w);
  g_autoptr(JsonNode) back = round_trip (document);
  JsonObject *o = json_node_get_object (back);
  JsonObject *previous;

  g_assert_nonnull (w->previous);
  assert_waterfall_matches (o, w);
  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2024-02-01");
  g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, "2024-02-29");
  /* February's cohort: O3 and O5 engaged then, and O3 won */
  g_assert_cmpint (get_int (stage_object (o, 1), "reached"), ==, 2);
  g_assert_cmpint (get_int (stage_object (o, 2), "reached"), ==, 1);

  /* The 29 days before: 2024-01-03 to 2024-01-31, O2 and O4 engaged, O2 won */
  previous = json_object_get_object_member (o, "previous");
  g_assert_nonnull (previous);
  assert_waterfall_matches (previous, w->previous);
  g_assert_cmpstr (json_object_get_string_member (previous, "from"), ==, "2024-01-03");
  g_assert_cmpstr (json_object_get_string_member (previous, "to"), ==, "2024-01-31");
  g_assert_cmpint (get_int (stage_object (previous, 1), "reached"), ==, 2);
  g_assert_cmpint (get_int (stage_object (previous, 2), "reached"), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (member (previous, "previous")));
}

/* ---- The plan ----------------------------------------------------------- */

static JsonNode *
plan_json (const TandemPlanInput  *input,
           const TandemPlanResult *result,
           int                     solved_rate)
{
  g_auto(GStrv) steps = tandem_plan_explain_steps (result, "USD");
  g_autoptr(JsonNode) document = tandem_plan_result_to_json (input, result, (const char *const *) steps,
                                                             solved_rate);
  JsonNode *back = round_trip (document);
  JsonArray *written = json_object_get_array_member (json_node_get_object (back), "steps");

  /* The steps as given, in order */
  g_assert_cmpuint (json_array_get_length (written), ==, g_strv_length (steps));
  for (guint k = 0; steps[k]; k++)
    g_assert_cmpstr (json_array_get_string_element (written, k), ==, steps[k]);
  return back;
}

static void
test_plan (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_CEIL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanResult) result = tandem_plan_calculate (input, &error);
  g_autoptr(JsonNode) back = NULL;
  g_autofree char *input_json = NULL;
  g_autoptr(JsonNode) input_node = NULL;
  /* Exact: 26.667 deals ÷ 20 % = 133.33 SQL ÷ 60 % = 222.22 SAL ÷ 50 %
   * = 444.44 MQL ÷ 10 % = 4444.4 inquiries.  Rounded up at every stage:
   * 27 deals, 135 SQL, 225 SAL, 450 MQL, 4500 inquiries.                */
  const double exact[] = { 4000000.0 / 900, 4000000.0 / 9000, 2000000.0 / 9000, 400.0 / 3, 80.0 / 3 };
  const double volume[] = { 4500, 450, 225, 135, 27 };
  const char *const names[] = { "Inquiry", "MQL", "SAL", "SQL", "Won" };
  JsonObject *o;
  JsonArray *stages;

  g_assert_no_error (error);
  g_assert_nonnull (result);
  back = plan_json (input, result, -1);
  o = json_node_get_object (back);

  g_assert_cmpstr (json_object_get_string_member (o, "rounding"), ==, "ceil");
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "revenue");
  stages = json_object_get_array_member (o, "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, 5);
  for (guint j = 0; j < 5; j++)
    {
      JsonObject *s = json_array_get_object_element (stages, j);

      g_assert_cmpstr (json_object_get_string_member (s, "name"), ==, names[j]);
      assert_close (get_number (s, "exact"), exact[j]);
      /* A whole volume is written as an integer */
      g_assert_cmpint (get_int (s, "volume"), ==, (gint64) volume[j]);
      if (j < 4)
        assert_close (get_number (s, "rate"), input->rates[j]);
      else
        g_assert_true (JSON_NODE_HOLDS_NULL (member (s, "rate")));
    }
  assert_close (get_number (json_object_get_object_member (o, "deals"), "exact"), 80.0 / 3);
  g_assert_cmpint (get_int (json_object_get_object_member (o, "deals"), "volume"), ==, 27);
  /* 27 deals × $75,000 */
  g_assert_cmpint (get_int (o, "revenue"), ==, 2025000);
  g_assert_cmpint (get_int (o, "revenue_goal"), ==, 2000000);
  g_assert_cmpint (get_int (o, "deal_size"), ==, 75000);
  /* 10 % × 50 % × 60 % × 20 % */
  assert_close (get_number (o, "overall_conversion"), 0.006);
  /* No pipeline, cost or split was given */
  g_assert_true (JSON_NODE_HOLDS_NULL (member (o, "cost")));
  g_assert_true (JSON_NODE_HOLDS_NULL (member (o, "marketing_share")));
  g_assert_false (json_object_has_member (o, "solve"));
  g_assert_cmpstr (json_object_get_string_member (o, "period"), ==, tandem_plan_period_to_string (result->period));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "schedule")), ==, result->schedule->len);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sensitivity")), ==,
                    result->sensitivity->len);

  /* The input, as a saved scenario keeps it */
  input_json = tandem_plan_input_to_json (input);
  input_node = tandem_json_parse (input_json, -1, "The plan", &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (member (o, "input"), input_node));
}

static void
test_plan_goal_seek (void)
{
  g_autoptr(TandemPlanInput) input = example_input (TANDEM_PLAN_ROUNDING_EXACT);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanResult) result = NULL;
  g_autoptr(JsonNode) back = NULL;
  JsonObject *solve;
  double rate;

  /* 4,000 inquiries at 10 % are 400 MQLs; the SAL stage needs 222.22:
   * MQL→SAL must be 222.22 ÷ 400 = 5/9                                */
  g_assert_true (tandem_plan_goal_seek_rate (input, 1, 0, 4000, &rate, &error));
  g_assert_no_error (error);
  input->rates[1] = rate;
  result = tandem_plan_calculate (input, &error);
  g_assert_no_error (error);
  back = plan_json (input, result, 1);

  solve = json_object_get_object_member (json_node_get_object (back), "solve");
  g_assert_nonnull (solve);
  g_assert_cmpstr (json_object_get_string_member (solve, "from"), ==, "MQL");
  g_assert_cmpstr (json_object_get_string_member (solve, "to"), ==, "SAL");
  assert_close (get_number (solve, "rate"), 5.0 / 9);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (back), "rounding"), ==, "exact");
  assert_close (get_number (json_array_get_object_element (json_object_get_array_member (json_node_get_object (back), "stages"), 0),
                           "exact"), 4000);
}

/* ---- The workspace ------------------------------------------------------ */

static void
test_info (void)
{
  g_autoptr(TandemStore) store = pipeline_store ();
  g_autoptr(JsonNode) document = tandem_store_info_to_json (store);
  g_autoptr(JsonNode) back = round_trip (document);
  JsonObject *o = json_node_get_object (back);
  JsonArray *columns = json_object_get_array_member (o, "columns");
  JsonObject *close_date, *product;

  g_assert_cmpint (get_int (o, "schema_version"), ==, tandem_store_get_schema_version (store));
  g_assert_cmpint (get_int (o, "leads"), ==, 7);
  g_assert_cmpint (get_int (o, "events"), ==, 0);
  g_assert_cmpuint (json_array_get_length (columns), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "name"), ==,
                   "opportunity_id");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "role"), ==, "id");
  /* O5 and O6 have no close date */
  close_date = json_array_get_object_element (columns, 4);
  g_assert_cmpstr (json_object_get_string_member (close_date, "name"), ==, "close_date");
  g_assert_cmpstr (json_object_get_string_member (close_date, "type"), ==, "date");
  g_assert_cmpint (get_int (close_date, "nulls"), ==, 2);
  /* An attribute has no role: null; O7 has no product */
  product = json_array_get_object_element (columns, 5);
  g_assert_cmpstr (json_object_get_string_member (product, "name"), ==, "product");
  g_assert_true (JSON_NODE_HOLDS_NULL (member (product, "role")));
  g_assert_cmpint (get_int (product, "nulls"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-json/waterfall", test_waterfall);
  g_test_add_func ("/report-json/waterfall-previous", test_waterfall_previous);
  g_test_add_func ("/report-json/plan", test_plan);
  g_test_add_func ("/report-json/plan-goal-seek", test_plan_goal_seek);
  g_test_add_func ("/report-json/info", test_info);

  return g_test_run ();
}
