/* test-insights.c — what outcomes say: cells that convert better than an
 * MQL cell, on hand-made counts and on the demo, both ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "tandem-demo.h"
#include "tandem-insights.h"
#include "test-util.h"

/* Four fit bands by four interest bands, A1, A2 and B1 the MQL cells */
static TandemModel *
three_cell_model (void)
{
  g_autoptr(GError) error = NULL;
  TandemModel *model = tandem_model_new_from_json (
    "{ \"name\": \"Cells\","
    "  \"fit\": { \"bands\": [45, 30, 15], \"rules\": [] },"
    "  \"interest\": { \"bands\": [25, 10, 3], \"rules\": [] },"
    "  \"mql\": [\"A1\", \"A2\", \"B1\"] }", -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* Every cell 200 leads with 2 won (1 %) */
static void
fill (TandemCellStat cells[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  memset (cells, 0, sizeof (TandemCellStat) * TANDEM_MAX_BANDS * TANDEM_MAX_BANDS);
  for (guint f = 0; f < 4; f++)
    for (guint i = 0; i < 4; i++)
      cells[f][i] = (TandemCellStat) { 200, 2 };
}

static void
test_fires (void)
{
  g_autoptr(TandemModel) model = three_cell_model ();
  TandemCellStat cells[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  g_autoptr(GArray) findings = NULL;
  g_autofree char *sentence = NULL;
  const TandemCellFinding *f;

  fill (cells);
  cells[0][0] = (TandemCellStat) { 150, 30 };   /* A1 20 %: an MQL cell beaten by none */
  cells[0][1] = (TandemCellStat) { 150, 30 };   /* A2 20 % */
  cells[0][2] = (TandemCellStat) { 112, 18 };   /* A3 16.1 % */
  cells[0][3] = (TandemCellStat) { 200, 26 };   /* A4 13 % */
  cells[1][0] = (TandemCellStat) { 170, 9 };    /* B1 5.3 % */
  findings = tandem_insights_find_cells (model, 4, 4, cells);

  /* One finding per MQL cell beaten: B1, by A3 (the larger z, not A4) */
  g_assert_cmpuint (findings->len, ==, 1);
  f = &g_array_index (findings, TandemCellFinding, 0);
  g_assert_cmpuint (f->fit, ==, 0);
  g_assert_cmpuint (f->interest, ==, 2);
  g_assert_cmpuint (f->mql_fit, ==, 1);
  g_assert_cmpuint (f->mql_interest, ==, 0);
  g_assert_cmpfloat_with_epsilon (f->ratio, (18.0 / 112) / (9.0 / 170), 1e-9);
  g_assert_cmpfloat (f->z, >=, TANDEM_FINDING_MIN_Z);
  sentence = tandem_cell_finding_dup_sentence (f);
  g_assert_cmpstr (sentence, ==, "A3 converts better than your MQL cell B1: 16.1 % of its 112 leads won, against 5.3 % of 170");

  /* An MQL cell that won none: an infinite ratio, still a finding */
  cells[1][0] = (TandemCellStat) { 170, 0 };
  g_clear_pointer (&findings, g_array_unref);
  findings = tandem_insights_find_cells (model, 4, 4, cells);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_true (isinf (g_array_index (findings, TandemCellFinding, 0).ratio));
}

static void
test_does_not_fire (void)
{
  g_autoptr(TandemModel) model = three_cell_model ();
  TandemCellStat cells[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  struct {
    const char     *why;
    TandemCellStat  a3, b1;
  } cases[] = {
    { "the MQL cells convert best", { 200, 10 }, { 200, 20 } },
    { "a gap too small: 12 % against 9 %", { 200, 24 }, { 200, 18 } },
    { "too few leads in the better cell", { 20, 8 }, { 200, 10 } },
    { "too few wins in the better cell: 4 of 30 against 2 of 200", { 30, 4 }, { 200, 2 } },
    { "too few leads in the MQL cell", { 200, 36 }, { 20, 1 } },
    { "not significant: 6 of 40 against 2 of 40", { 40, 6 }, { 40, 2 } },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GArray) findings = NULL;

      fill (cells);
      cells[0][0] = cells[0][1] = (TandemCellStat) { 200, 40 };
      cells[0][2] = cases[k].a3;
      cells[1][0] = cases[k].b1;
      findings = tandem_insights_find_cells (model, 4, 4, cells);
      g_test_message ("%s", cases[k].why);
      g_assert_cmpuint (findings->len, ==, 0);
    }

  /* A cell the model makes an MQL cell is never the better one */
  {
    g_autoptr(GArray) findings = NULL;

    fill (cells);
    cells[0][0] = cells[0][1] = (TandemCellStat) { 200, 40 };
    cells[0][2] = (TandemCellStat) { 112, 18 };
    cells[1][0] = (TandemCellStat) { 170, 9 };
    tandem_model_set_mql_cell (model, 0, 2, TRUE);
    findings = tandem_insights_find_cells (model, 4, 4, cells);
    g_assert_cmpuint (findings->len, ==, 0);
  }
}

static TandemStore *
make_demo (guint n_leads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) end = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  TandemStore *store = tandem_store_new_memory (&error);

  g_assert_no_error (error);
  g_assert_true (tandem_demo_generate (store, n_leads, TANDEM_DEMO_DEFAULT_SEED, end, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static TandemInsights *
insights_of (TandemStore *store,
             TandemModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(TandemScorer) scorer = tandem_scorer_new (store, model, as_of, NULL, &error);
  TandemInsights *insights;

  g_assert_no_error (error);
  insights = tandem_insights_new (scorer, store, &error);
  g_assert_no_error (error);
  g_assert_true (insights->has_outcomes);
  return insights;
}

/* The demo's own model: nothing beats its MQL cells; with D1 made an MQL
 * cell too (the least fit, if engaged), the better cells say so, in the
 * insights' JSON as well */
static void
test_demo (void)
{
  g_autoptr(TandemStore) store = make_demo (test_size (5000, 3000));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_load (store, NULL, &error);
  g_autoptr(TandemInsights) insights = NULL;
  g_autoptr(TandemInsights) widened = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonArray *findings;
  JsonObject *first;

  g_assert_no_error (error);
  insights = insights_of (store, model);
  g_assert_cmpuint (insights->findings->len, ==, 0);
  json = tandem_insights_to_json (insights, model, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json), "findings")), ==, 0);
  g_clear_pointer (&json, json_node_unref);

  tandem_model_set_mql_cell (model, 3, 0, TRUE);
  widened = insights_of (store, model);
  g_assert_cmpuint (widened->findings->len, ==, 1);
  g_assert_cmpuint (g_array_index (widened->findings, TandemCellFinding, 0).mql_fit, ==, 3);
  g_assert_cmpuint (g_array_index (widened->findings, TandemCellFinding, 0).mql_interest, ==, 0);
  json = tandem_insights_to_json (widened, model, NULL, NULL);
  findings = json_object_get_array_member (json_node_get_object (json), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  first = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "mql_cell"), ==, "D1");
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "converts-better-than-mql-cell");
  g_assert_cmpfloat (json_object_get_double_member (first, "conversion"), >=,
                     TANDEM_FINDING_MIN_RATIO * json_object_get_double_member (first, "mql_conversion"));
  g_assert_nonnull (strstr (json_object_get_string_member (first, "sentence"), "than your MQL cell D1: "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/insights/cells/fires", test_fires);
  g_test_add_func ("/insights/cells/does-not-fire", test_does_not_fire);
  g_test_add_func ("/insights/cells/demo", test_demo);

  return g_test_run ();
}
