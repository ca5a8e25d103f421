/* test-funnel.c — the taxonomy, the mapping and the waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every expected number is worked out by hand in the comments.
 */

#include "config.h"

#include <math.h>

#include "tandem-csv.h"
#include "tandem-demo.h"
#include "tandem-funnel.h"
#include "report-fixture.h"

/* ---- Fixtures ------------------------------------------------------------ */

/* The shape of the B2B pipeline export.  Stage column + engage and close
 * dates.  Engaging → Won: O1 10 days, O2 20, O3 4, O7 −5 (won before it
 * engaged: a backwards duration).  O4 lost from Engaging, O5 open in
 * Engaging, O6 open in Prospecting with no date at all.                  */
#define PIPELINE \
  "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n" \
  "O1,Ann,GTX,Acme,Won,2024-01-02,2024-01-12,100\n" \
  "O2,Ann,GTX,Acme,Won,2024-01-05,2024-01-25,200\n" \
  "O3,Bob,MG,Beta,Won,2024-02-10,2024-02-14,300\n" \
  "O4,Bob,MG,Beta,Lost,2024-01-20,2024-03-01,\n" \
  "O5,Ann,GTX,,Engaging,2024-02-01,,\n" \
  "O6,Bob,MG,,Prospecting,,,\n" \
  "O7,Ann,MG,Acme,Won,2024-03-10,2024-03-05,50\n"

/* The shape of the marketing funnel export: MQLs, then deals merged in. */
#define MQLS \
  "mql_id,first_contact_date,origin\n" \
  "M1,2024-01-01,social\n" \
  "M2,2024-01-10,paid\n" \
  "M3,2024-02-01,social\n" \
  "M4,2024-02-15,paid\n"
#define DEALS \
  "mql_id,won_date\n" \
  "M1,2024-01-11 12:00:00\n" \
  "M3,2024-01-25\n"

/* A CRM's own status values, mapped onto the classic stages */
#define STATUSES \
  "Lead ID,Status,Created\n" \
  "C1,Open - New,2024-01-01\n" \
  "C2,Working,2024-01-02\n" \
  "C3,Closed Won,2024-01-03\n" \
  "C4,Closed Lost,2024-01-04\n" \
  "C5,Nonsense,2024-01-05\n" \
  "C6,customer,2024-01-06\n" \
  "C7,mql,2024-01-07\n"

#define HISTORY_LEADS \
  "Lead ID,Source\n" \
  "H1,web\n" \
  "H2,web\n" \
  "H3,event\n" \
  "H4,event\n"

static void
import (TandemStore      *store,
        const char       *name,
        const char       *csv,
        TandemImportKind  kind,
        const char       *stage_column)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_write_file (name, csv, -1);
  g_autoptr(TandemCsvOptions) options = tandem_csv_options_new ();

  tandem_csv_options_set_kind (options, kind);
  if (stage_column != NULL)
    g_assert_true (tandem_csv_options_set_role (options, stage_column, "stage", &error));
  g_assert_true (tandem_store_import_csv (store, path, options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
use_template (TandemStore    *store,
              TandemTemplate  template_)
{
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_new_from_template (template_);
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_taxonomy_save (taxonomy, store, &error));
  g_assert_no_error (error);
}

static TandemStore *
pipeline_store (void)
{
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_store_new_memory (&error);

  g_assert_no_error (error);
  import (store, "pipeline.csv", PIPELINE, TANDEM_IMPORT_LEADS, NULL);
  use_template (store, TANDEM_TEMPLATE_PIPELINE);
  return store;
}

/* H1 goes all the way to Customer.  H2 is disqualified from MQL, recycled
 * to Inquiry and is now a SAL.  H3's SAL is dated a day before its MQL
 * (backwards), then it is lost from SQL.  H4 was a Suspect, now an Inquiry. */
static TandemStore *
history_store (void)
{
  static const char *const rows[][3] = {
    { "H1", "Inquiry", "2024-01-01" },
    { "H1", "Marketing Qualified Lead", "2024-01-03" },
    { "H1", "SAL", "2024-01-04" },
    { "H1", "Sales Qualified Lead", "2024-01-10" },
    { "H1", "Customer", "2024-02-09" },
    { "H2", "Inquiry", "2024-01-05" },
    { "H2", "MQL", "2024-01-15" },
    { "H2", "Disqualified", "2024-01-20" },
    { "H2", "Inquiry", "2024-04-01" },
    { "H2", "MQL", "2024-04-05" },
    { "H2", "SAL", "2024-04-06" },
    { "H3", "Inquiry", "2024-01-10" },
    { "H3", "MQL", "2024-01-12" },
    { "H3", "SAL", "2024-01-11" },
    { "H3", "SQL", "2024-01-20" },
    { "H3", "Lost", "2024-03-01" },
    { "H4", "Suspect", "2023-12-01" },
    { "H4", "Inquiry", "2024-02-01 00:00:00" },
  };
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_store_new_memory (&error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  import (store, "history.csv", HISTORY_LEADS, TANDEM_IMPORT_LEADS, NULL);
  use_template (store, TANDEM_TEMPLATE_CLASSIC);
  stmt = tandem_store_prepare (store, "INSERT INTO stage_history (lead, stage, entered_at) "
                                      "VALUES ((SELECT id FROM leads WHERE key = ?1), ?2, ?3)", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      sqlite3_reset (stmt);
      for (int c = 0; c < 3; c++)
        sqlite3_bind_text (stmt, c + 1, rows[i][c], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  return store;
}

static const TandemWaterfallStage *
stage_at (const TandemWaterfall *w,
          guint                  segment,
          guint                  k)
{
  const TandemWaterfallSegment *s;

  g_assert_cmpuint (segment, <, w->segments->len);
  s = g_ptr_array_index (w->segments, segment);
  g_assert_cmpuint (k, <, s->stages->len);
  return &g_array_index (s->stages, TandemWaterfallStage, k);
}

static guint
n_stages (const TandemWaterfall *w,
          guint                  segment)
{
  return ((TandemWaterfallSegment *) g_ptr_array_index (w->segments, segment))->stages->len;
}

/* name, reached, open, lost, negative durations */
static void
assert_stage (const TandemWaterfall *w,
              guint                  segment,
              guint                  k,
              const char            *name,
              gint64                 reached,
              gint64                 open,
              gint64                 lost,
              gint64                 negative)
{
  const TandemWaterfallStage *s = stage_at (w, segment, k);

  g_assert_cmpstr (s->name, ==, name);
  g_assert_cmpint (s->reached, ==, reached);
  g_assert_cmpint (s->open, ==, open);
  g_assert_cmpint (s->lost, ==, lost);
  g_assert_cmpint (s->negative_durations, ==, negative);
}

static void
assert_days (const TandemWaterfall *w,
             guint                  segment,
             guint                  k,
             double                 median,
             double                 mean)
{
  const TandemWaterfallStage *s = stage_at (w, segment, k);

  if (isnan (median))
    g_assert_true (isnan (s->median_days_from_previous));
  else
    g_assert_cmpfloat_with_epsilon (s->median_days_from_previous, median, 1e-9);
  if (isnan (mean))
    g_assert_true (isnan (s->mean_days_from_previous));
  else
    g_assert_cmpfloat_with_epsilon (s->mean_days_from_previous, mean, 1e-9);
}

/* ---- Taxonomy ------------------------------------------------------------ */

static void
test_templates (void)
{
  g_autoptr(TandemTaxonomy) classic = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_CLASSIC);
  g_autoptr(TandemTaxonomy) extended = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_EXTENDED);
  g_autoptr(TandemTaxonomy) pipeline = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_PIPELINE);
  static const char *const extended_short[] = { "ANON", "KNOWN", "ENG", "MQL", "TQL", "SAL", "OPP", "WON", "LOST" };
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (tandem_taxonomy_get_n_stages (classic), ==, 8);
  g_assert_cmpstr (tandem_taxonomy_get_stage (classic, 0)->name, ==, "Suspect");
  g_assert_cmpstr (tandem_taxonomy_get_stage (classic, 5)->name, ==, "Customer");
  g_assert_cmpint (tandem_taxonomy_get_stage (classic, 5)->kind, ==, TANDEM_STAGE_WON);
  g_assert_cmpint (tandem_taxonomy_get_stage (classic, 7)->kind, ==, TANDEM_STAGE_DISQUALIFIED);
  g_assert_cmpstr (tandem_taxonomy_get_stage (classic, 7)->recycle_to, ==, "Inquiry");

  g_assert_cmpuint (tandem_taxonomy_get_n_stages (extended), ==, G_N_ELEMENTS (extended_short));
  for (guint i = 0; i < G_N_ELEMENTS (extended_short); i++)
    g_assert_cmpstr (tandem_taxonomy_get_stage (extended, i)->short_name, ==, extended_short[i]);
  g_assert_cmpint (tandem_taxonomy_get_stage (extended, 4)->team, ==, TANDEM_TEAM_TELEQUALIFICATION);

  g_assert_cmpuint (tandem_taxonomy_get_n_stages (pipeline), ==, 4);
  g_assert_cmpstr (tandem_taxonomy_get_stage (pipeline, 1)->name, ==, "Engaging");

  g_assert_true (tandem_taxonomy_validate (classic, &error));
  g_assert_true (tandem_taxonomy_validate (extended, &error));
  g_assert_true (tandem_taxonomy_validate (pipeline, &error));
  g_assert_no_error (error);

  /* Names, then short names, ignoring case */
  g_assert_cmpint (tandem_taxonomy_find_stage (classic, "marketing qualified lead"), ==, 2);
  g_assert_cmpint (tandem_taxonomy_find_stage (classic, "mql"), ==, 2);
  g_assert_cmpint (tandem_taxonomy_find_stage (classic, "Won"), ==, 5);
  g_assert_cmpint (tandem_taxonomy_find_stage (classic, "Opportunity"), ==, -1);
}

static void
test_taxonomy_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemTaxonomy) empty = tandem_taxonomy_load (store, &error);
  g_autoptr(TandemTaxonomy) pipeline = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_PIPELINE);
  g_autoptr(TandemTaxonomy) loaded = NULL;
  g_autoptr(TandemTaxonomy) bad = NULL;
  g_autoptr(TandemTaxonomy) still = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tandem_taxonomy_get_n_stages (empty), ==, 0);

  /* Edited after choosing: a stage added, moved and removed */
  tandem_taxonomy_insert_stage (pipeline, 1, "Qualified", "QUAL", "Budget and need confirmed.",
                                TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL);
  tandem_taxonomy_move_stage (pipeline, 1, 2);
  g_assert_cmpstr (tandem_taxonomy_get_stage (pipeline, 2)->name, ==, "Qualified");
  g_assert_true (tandem_taxonomy_save (pipeline, store, &error));
  g_assert_no_error (error);

  loaded = tandem_taxonomy_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_taxonomy_get_n_stages (loaded), ==, 5);
  g_assert_cmpstr (tandem_taxonomy_get_stage (loaded, 1)->name, ==, "Engaging");
  g_assert_cmpstr (tandem_taxonomy_get_stage (loaded, 2)->definition, ==, "Budget and need confirmed.");
  g_assert_cmpstr (tandem_taxonomy_get_stage (loaded, 4)->recycle_to, ==, "Prospecting");
  g_assert_cmpint (tandem_taxonomy_get_stage (loaded, 4)->kind, ==, TANDEM_STAGE_LOST);

  /* An invalid taxonomy is refused and the stored one stays */
  bad = tandem_taxonomy_copy (loaded);
  tandem_taxonomy_remove_stage (bad, 2);
  tandem_taxonomy_insert_stage (bad, -1, "engaging", "E2", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL);
  g_assert_false (tandem_taxonomy_save (bad, store, &error));
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID);
  g_clear_error (&error);
  still = tandem_taxonomy_load (store, &error);
  g_assert_cmpuint (tandem_taxonomy_get_n_stages (still), ==, 5);
}

static void
test_demo_taxonomy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemTaxonomy) demo = NULL;
  g_autoptr(TandemTaxonomy) classic = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_CLASSIC);
  GDate end;

  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 30, 6, 2024);
  g_assert_true (tandem_demo_generate (store, 200, 7, &end, NULL, &error));
  demo = tandem_taxonomy_load (store, &error);
  g_assert_no_error (error);

  /* The demo writes the classic template */
  g_assert_cmpuint (tandem_taxonomy_get_n_stages (demo), ==, tandem_taxonomy_get_n_stages (classic));
  for (guint i = 0; i < tandem_taxonomy_get_n_stages (demo); i++)
    {
      const TandemStage *a = tandem_taxonomy_get_stage (demo, i);
      const TandemStage *b = tandem_taxonomy_get_stage (classic, i);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->short_name, ==, b->short_name);
      g_assert_cmpstr (a->definition, ==, b->definition);
      g_assert_cmpint (a->team, ==, b->team);
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->recycle_to, ==, b->recycle_to);
    }
}

static void
assert_invalid (TandemTaxonomy *taxonomy,
                const char     *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tandem_taxonomy_validate (taxonomy, &error));
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_validation (void)
{
  g_autoptr(TandemTaxonomy) t = tandem_taxonomy_new ();
  g_autoptr(TandemTaxonomy) c = NULL;

  assert_invalid (t, "A taxonomy needs at least two stages");
  tandem_taxonomy_insert_stage (t, -1, "Lead", "L", NULL, TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL);
  assert_invalid (t, "A taxonomy needs at least two stages");
  tandem_taxonomy_insert_stage (t, -1, "LEAD", "L2", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_WON, NULL);
  assert_invalid (t, "The stages “Lead” and “LEAD” have the same name or short name; every stage needs its own");
  tandem_taxonomy_remove_stage (t, 1);
  tandem_taxonomy_insert_stage (t, -1, "Deal", "l", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_WON, NULL);
  assert_invalid (t, "The stages “Lead” and “Deal” have the same name or short name; every stage needs its own");
  tandem_taxonomy_remove_stage (t, 1);
  tandem_taxonomy_insert_stage (t, -1, "  ", "X", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_WON, NULL);
  assert_invalid (t, "Stage 2 has no name");
  tandem_taxonomy_remove_stage (t, 1);
  tandem_taxonomy_insert_stage (t, -1, "Deal", "D", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_WON, NULL);
  tandem_taxonomy_insert_stage (t, -1, "Lost", "X", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_LOST, "Nurture");
  assert_invalid (t, "The stage “Lost” recycles to “Nurture”, which is not a stage of the taxonomy");
  tandem_taxonomy_remove_stage (t, 2);
  tandem_taxonomy_insert_stage (t, -1, "Lost", "X", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_LOST, "Deal");
  assert_invalid (t, "The stage “Lost” recycles to “Deal”, which is not an open stage");
  tandem_taxonomy_remove_stage (t, 2);
  tandem_taxonomy_insert_stage (t, -1, "Lost", "X", NULL, TANDEM_TEAM_SALES, TANDEM_STAGE_LOST, "lead");
  g_assert_true (tandem_taxonomy_validate (t, NULL));

  c = tandem_taxonomy_copy (t);
  tandem_taxonomy_move_stage (c, 2, 0);
  assert_invalid (c, "The first stage, “Lost”, must be open, not lost");
}

/* ---- Mapping ------------------------------------------------------------- */

/* An unsaved draft of the stages: written and read back whole; a foreign
 * text refused with its place named */
static void
test_taxonomy_json (void)
{
  g_autoptr(TandemTaxonomy) extended = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_EXTENDED);
  g_autoptr(TandemTaxonomy) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  static const struct { const char *json, *message; } bad[] = {
    { "[1, 2]", "stages: expected a list of stages" },
    { "{\"stages\": [{\"name\": \"A\"}]}", "stages[0]: “short_name” is missing" },
    { "{\"stages\": [{\"name\": \"A\", \"short_name\": 3}]}", "stages[0].short_name: not text" },
    { "{\"stages\": [{\"name\": \"A\", \"short_name\": \"a\", \"colour\": \"red\"}]}", "stages[0]: unknown key “colour”" },
    { "{\"stages\": [{\"name\": \"A\", \"short_name\": \"a\", \"team\": \"finance\"}]}",
      "stages[0].team: “finance” is not marketing, telequalification or sales" },
    { "{\"stages\": [{\"name\": \"A\", \"short_name\": \"a\", \"kind\": \"maybe\"}]}",
      "stages[0].kind: “maybe” is not open, won, lost or disqualified" },
  };

  json = tandem_taxonomy_to_json (extended);
  back = tandem_taxonomy_new_from_json (json, &error);
  g_assert_no_error (error);
  again = tandem_taxonomy_to_json (back);
  g_assert_cmpstr (again, ==, json);
  g_assert_cmpuint (tandem_taxonomy_get_n_stages (back), ==, tandem_taxonomy_get_n_stages (extended));
  for (guint i = 0; i < tandem_taxonomy_get_n_stages (back); i++)
    {
      const TandemStage *x = tandem_taxonomy_get_stage (back, i), *y = tandem_taxonomy_get_stage (extended, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->definition, ==, y->definition);
      g_assert_cmpint (x->team, ==, y->team);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->recycle_to, ==, y->recycle_to);
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(TandemTaxonomy) refused = tandem_taxonomy_new_from_json (bad[k].json, &error);
      g_assert_null (refused);
      g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[k].message);
      g_clear_error (&error);
    }
}

static void
test_mapping_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemFunnelMapping) m = tandem_funnel_mapping_load (store, &error);
  g_autoptr(TandemFunnelMapping) back = NULL;
  g_autoptr(TandemFunnelMapping) bad = NULL;
  g_autofree char *json = NULL;

  /* The default: auto, implied, nothing mapped */
  g_assert_no_error (error);
  g_assert_cmpint (tandem_funnel_mapping_get_source (m), ==, TANDEM_FUNNEL_SOURCE_AUTO);
  g_assert_true (tandem_funnel_mapping_get_implied (m));

  tandem_funnel_mapping_set_source (m, TANDEM_FUNNEL_SOURCE_STAGE);
  tandem_funnel_mapping_set_implied (m, FALSE);
  tandem_funnel_mapping_set_value (m, "Closed Won", "Customer");
  tandem_funnel_mapping_set_value (m, "closed won", "Won");  /* replaces, ignoring case */
  tandem_funnel_mapping_set_value (m, "Gone", "Lost");
  tandem_funnel_mapping_set_value (m, "Gone", NULL);
  tandem_funnel_mapping_set_date_column (m, "MQL", "first_contact_date");
  json = tandem_funnel_mapping_to_json (m);
  g_assert_cmpstr (json, ==, "{\"source\":\"stage\",\"implied\":false,\"values\":{\"closed won\":\"Won\"},"
                             "\"dates\":{\"MQL\":\"first_contact_date\"}}");

  g_assert_true (tandem_funnel_mapping_save (m, store, &error));
  back = tandem_funnel_mapping_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_funnel_mapping_get_source (back), ==, TANDEM_FUNNEL_SOURCE_STAGE);
  g_assert_false (tandem_funnel_mapping_get_implied (back));
  g_assert_cmpstr (tandem_funnel_mapping_get_value (back, "CLOSED WON"), ==, "Won");
  g_assert_null (tandem_funnel_mapping_get_value (back, "Gone"));
  g_assert_cmpstr (tandem_funnel_mapping_get_date_column (back, "mql"), ==, "first_contact_date");

  /* A renamed stage keeps its values and dates; a deleted one drops them */
  tandem_funnel_mapping_set_value (back, "Signed", "Won");
  tandem_funnel_mapping_rename_stage (back, "won", "Customer");
  tandem_funnel_mapping_rename_stage (back, "MQL", "Marketing Qualified");
  g_assert_cmpstr (tandem_funnel_mapping_get_value (back, "closed won"), ==, "Customer");
  g_assert_cmpstr (tandem_funnel_mapping_get_value (back, "signed"), ==, "Customer");
  g_assert_null (tandem_funnel_mapping_get_date_column (back, "MQL"));
  g_assert_cmpstr (tandem_funnel_mapping_get_date_column (back, "marketing qualified"), ==, "first_contact_date");
  {
    g_autoptr(TandemTaxonomy) pipeline = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_PIPELINE);
    g_autoptr(TandemFunnelMapping) pruned = tandem_funnel_mapping_new_from_json (
        "{\"values\":{\"a\":\"Won\",\"b\":\"Customer\"},\"dates\":{\"MQL\":\"x\",\"engaging\":\"y\"}}", &error);
    g_autofree char *left = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (tandem_funnel_mapping_prune (pruned, pipeline), ==, 2);
    left = tandem_funnel_mapping_to_json (pruned);
    g_assert_cmpstr (left, ==, "{\"source\":\"auto\",\"implied\":true,\"values\":{\"a\":\"Won\"},\"dates\":{\"engaging\":\"y\"}}");
  }
  tandem_funnel_mapping_rename_stage (back, "Customer", NULL);
  tandem_funnel_mapping_rename_stage (back, "Marketing Qualified", NULL);
  g_clear_pointer (&json, g_free);
  json = tandem_funnel_mapping_to_json (back);
  g_assert_cmpstr (json, ==, "{\"source\":\"stage\",\"implied\":false,\"values\":{},\"dates\":{}}");

  bad = tandem_funnel_mapping_new_from_json ("{\"source\": \"crm\"}", &error);
  g_assert_null (bad);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "The funnel mapping's source must be auto, dates, stage, history or outcome");
  g_clear_error (&error);
  bad = tandem_funnel_mapping_new_from_json ("{\"value\": {}}", &error);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "The funnel mapping has an unknown key “value”; it knows source, implied, values and dates");
}

/* ---- Waterfall: the stage column with dates (pipeline) --------------------- */

static void
test_pipeline_cohort (void)
{
  g_autoptr(TandemStore) store = pipeline_store ();
  g_autoptr(TandemWaterfall) w = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);
  const TandemWaterfallStage *won;

  g_assert_cmpint (w->source, ==, TANDEM_FUNNEL_SOURCE_STAGE);
  g_assert_cmpuint (w->segments->len, ==, 1);
  g_assert_null (((TandemWaterfallSegment *) g_ptr_array_index (w->segments, 0))->segment);
  g_assert_cmpuint (n_stages (w, 0), ==, 3);   /* Lost is leakage, not a step */
  g_assert_cmpuint (w->unmapped->len, ==, 0);

  /* Everyone prospected (implied); O6 is still there */
  assert_stage (w, 0, 0, "Prospecting", 7, 1, 0, 0);
  /* All but O6 engaged; O5 still is; O4 was lost from it */
  assert_stage (w, 0, 1, "Engaging", 6, 1, 1, 0);
  /* O1, O2, O3 and O7; O7 won before it engaged */
  assert_stage (w, 0, 2, "Won", 4, 0, 0, 1);

  g_assert_true (isnan (stage_at (w, 0, 0)->conversion_from_previous));
  g_assert_cmpfloat_with_epsilon (stage_at (w, 0, 0)->conversion_from_first, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (stage_at (w, 0, 1)->conversion_from_previous, 6.0 / 7, 1e-12);
  won = stage_at (w, 0, 2);
  g_assert_cmpfloat_with_epsilon (won->conversion_from_previous, 4.0 / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (won->conversion_from_first, 4.0 / 7, 1e-12);

  /* Prospecting is never dated: no days to Engaging */
  assert_days (w, 0, 1, NAN, NAN);
  /* Engaging → Won: 10, 20, 4 (O7's −5 left out): median 10, mean 34 / 3 */
  g_assert_cmpint (won->durations, ==, 3);
  assert_days (w, 0, 2, 10, 34.0 / 3);
}

static void
test_pipeline_period (void)
{
  g_autoptr(TandemStore) store = pipeline_store ();
  g_autoptr(TandemWaterfall) jan = compute_waterfall (store, TANDEM_WATERFALL_COHORT, "2024-01-01", "2024-01-31", NULL);
  g_autoptr(TandemWaterfall) feb = compute_waterfall (store, TANDEM_WATERFALL_COHORT, "2024-02-01", "2024-02-29", NULL);
  TandemWaterfall *prev;

  /* A lead's entry is its earliest date: O1 Jan 2, O2 Jan 5, O4 Jan 20 in
   * January; O6 has no date at all and cannot be placed in a period.    */
  g_assert_cmpstr (jan->from, ==, "2024-01-01");
  g_assert_cmpint (jan->undated, ==, 1);
  assert_stage (jan, 0, 0, "Prospecting", 3, 0, 0, 0);
  assert_stage (jan, 0, 1, "Engaging", 3, 0, 1, 0);
  assert_stage (jan, 0, 2, "Won", 2, 0, 0, 0);
  /* 10 and 20 days: median and mean 15 */
  assert_days (jan, 0, 2, 15, 15);

  /* February (29 days): O3 Feb 10 and O5 Feb 1; O3 won in 4 days */
  assert_stage (feb, 0, 0, "Prospecting", 2, 0, 0, 0);
  assert_stage (feb, 0, 1, "Engaging", 2, 1, 0, 0);
  assert_stage (feb, 0, 2, "Won", 1, 0, 0, 0);
  assert_days (feb, 0, 2, 4, 4);

  /* Its previous period has the same 29 days: January 3 to 31, so O2 and
   * O4 but not O1 (January 2).                                          */
  prev = feb->previous;
  g_assert_nonnull (prev);
  g_assert_cmpstr (prev->from, ==, "2024-01-03");
  g_assert_cmpstr (prev->to, ==, "2024-01-31");
  g_assert_null (prev->previous);
  assert_stage (prev, 0, 0, "Prospecting", 2, 0, 0, 0);
  assert_stage (prev, 0, 1, "Engaging", 2, 0, 1, 0);
  assert_stage (prev, 0, 2, "Won", 1, 0, 0, 0);
  assert_days (prev, 0, 2, 20, 20);
}

static void
test_pipeline_flow (void)
{
  g_autoptr(TandemStore) store = pipeline_store ();
  g_autoptr(TandemWaterfall) w = compute_waterfall (store, TANDEM_WATERFALL_FLOW, "2024-02-01", "2024-03-31", NULL);
  g_autoptr(TandemWaterfall) by_agent = NULL;
  const TandemWaterfallStage *engaging, *won;

  /* Entries in February and March: nobody enters Prospecting with a date;
   * O5 (Feb 1), O3 (Feb 10) and O7 (Mar 10) engage; O3 (Feb 14) and O7
   * (Mar 5) win.  O4 was lost on Mar 1 but engaged in January: not counted. */
  assert_stage (w, 0, 0, "Prospecting", 0, 0, 0, 0);
  assert_stage (w, 0, 1, "Engaging", 3, 1, 0, 0);
  assert_stage (w, 0, 2, "Won", 2, 0, 0, 1);
  engaging = stage_at (w, 0, 1);
  won = stage_at (w, 0, 2);
  g_assert_true (isnan (engaging->conversion_from_previous));
  g_assert_true (isnan (engaging->conversion_from_first));
  g_assert_cmpfloat_with_epsilon (won->conversion_from_previous, 2.0 / 3, 1e-12);
  /* O3: 4 days; O7 engaged after it won: backwards */
  assert_days (w, 0, 2, 4, 4);
  g_assert_cmpint (w->undated, ==, 1);

  /* By agent: Ann engages O5 and O7 and wins O7; Bob engages and wins O3.
   * Nobody enters Prospecting in the period, yet both are listed.        */
  by_agent = compute_waterfall (store, TANDEM_WATERFALL_FLOW, "2024-02-01", "2024-03-31", "sales_agent");
  g_assert_cmpuint (by_agent->segments->len, ==, 2);
  assert_stage (by_agent, 0, 1, "Engaging", 2, 1, 0, 0);
  assert_stage (by_agent, 0, 2, "Won", 1, 0, 0, 1);
  assert_stage (by_agent, 1, 1, "Engaging", 1, 0, 0, 0);
  assert_stage (by_agent, 1, 2, "Won", 1, 0, 0, 0);
}

static void
test_pipeline_segments (void)
{
  g_autoptr(TandemStore) store = pipeline_store ();
  g_autoptr(TandemWaterfall) agents = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, "sales_agent");
  g_autoptr(TandemWaterfall) owners = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, "owner");
  g_autoptr(TandemWaterfall) products = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, "product");
  g_autoptr(TandemWaterfall) accounts = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, "account");
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, NULL);
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_new ();
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, "region", FALSE };
  g_autoptr(GError) error = NULL;
  TandemWaterfall *none;

  /* Ann: O1, O2, O5, O7 (three won, O7 backwards); Bob: O3, O4, O6 */
  g_assert_cmpstr (agents->segment_field, ==, "sales_agent");
  g_assert_cmpuint (agents->segments->len, ==, 2);
  g_assert_cmpstr (((TandemWaterfallSegment *) g_ptr_array_index (agents->segments, 0))->segment, ==, "Ann");
  assert_stage (agents, 0, 0, "Prospecting", 4, 0, 0, 0);
  assert_stage (agents, 0, 1, "Engaging", 4, 1, 0, 0);
  assert_stage (agents, 0, 2, "Won", 3, 0, 0, 1);
  assert_days (agents, 0, 2, 15, 15);
  g_assert_cmpstr (((TandemWaterfallSegment *) g_ptr_array_index (agents->segments, 1))->segment, ==, "Bob");
  assert_stage (agents, 1, 0, "Prospecting", 3, 1, 0, 0);
  assert_stage (agents, 1, 1, "Engaging", 2, 0, 1, 0);
  assert_stage (agents, 1, 2, "Won", 1, 0, 0, 0);

  /* A role names its column too */
  g_assert_cmpuint (owners->segments->len, ==, 2);
  assert_stage (owners, 1, 0, "Prospecting", 3, 1, 0, 0);

  /* MG (O3, O4, O6, O7) is larger than GTX (O1, O2, O5): first */
  g_assert_cmpstr (((TandemWaterfallSegment *) g_ptr_array_index (products->segments, 0))->segment, ==, "MG");
  assert_stage (products, 0, 0, "Prospecting", 4, 1, 0, 0);
  assert_stage (products, 1, 2, "Won", 2, 0, 0, 0);

  /* Empty values make a segment of their own, listed last: O5 and O6 */
  g_assert_cmpuint (accounts->segments->len, ==, 3);
  g_assert_null (((TandemWaterfallSegment *) g_ptr_array_index (accounts->segments, 2))->segment);
  assert_stage (accounts, 2, 0, "Prospecting", 2, 1, 0, 0);

  none = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION);
  g_assert_cmpstr (error->message, ==, "The workspace has no column “region” to break the waterfall down by");
}

/* ---- Waterfall: the stage-history table ---------------------------------- */

static void
test_history (void)
{
  g_autoptr(TandemStore) store = history_store ();
  g_autoptr(TandemWaterfall) w = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);
  const TandemWaterfallStage *mql;

  g_assert_cmpint (w->source, ==, TANDEM_FUNNEL_SOURCE_HISTORY);
  g_assert_cmpuint (n_stages (w, 0), ==, 6);
  /* Only H4 was a Suspect, but all four passed it (implied) */
  assert_stage (w, 0, 0, "Suspect", 4, 0, 0, 0);
  /* H4 is still an Inquiry.  Suspect → Inquiry only for H4: 62 days */
  assert_stage (w, 0, 1, "Inquiry", 4, 1, 0, 0);
  assert_days (w, 0, 1, 62, 62);
  /* H1, H2, H3.  H2 was disqualified from it, then recycled.
   * Inquiry → MQL: H1 2 days, H3 2, H2 4 (its second cycle: Apr 1 → Apr 5)
   * → median 2, mean 8 / 3                                              */
  assert_stage (w, 0, 2, "Marketing Qualified Lead", 3, 0, 1, 0);
  mql = stage_at (w, 0, 2);
  g_assert_cmpint (mql->recycled, ==, 1);
  g_assert_cmpfloat_with_epsilon (mql->conversion_from_previous, 0.75, 1e-12);
  assert_days (w, 0, 2, 2, 8.0 / 3);
  /* H1, H2 (open), H3.  MQL → SAL: H1 1 day, H2 1; H3's SAL is a day
   * before its MQL: backwards, left out                                  */
  assert_stage (w, 0, 3, "Sales Accepted Lead", 3, 1, 0, 1);
  assert_days (w, 0, 3, 1, 1);
  /* H1, H3 (lost from it).  SAL → SQL: 6 and 9 days */
  assert_stage (w, 0, 4, "Sales Qualified Lead", 2, 0, 1, 0);
  assert_days (w, 0, 4, 7.5, 7.5);
  /* H1: SQL Jan 10 → Customer Feb 9, 30 days */
  assert_stage (w, 0, 5, "Customer", 1, 0, 0, 0);
  assert_days (w, 0, 5, 30, 30);
  g_assert_cmpfloat_with_epsilon (stage_at (w, 0, 5)->conversion_from_previous, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (stage_at (w, 0, 5)->conversion_from_first, 0.25, 1e-12);
}

static void
test_history_flow_and_segments (void)
{
  g_autoptr(TandemStore) store = history_store ();
  g_autoptr(TandemWaterfall) april = compute_waterfall (store, TANDEM_WATERFALL_FLOW, "2024-04-01", "2024-04-30", NULL);
  g_autoptr(TandemWaterfall) january = compute_waterfall (store, TANDEM_WATERFALL_FLOW, "2024-01-01", "2024-01-31", NULL);
  g_autoptr(TandemWaterfall) by_source = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, "Source");

  /* April: H2's second cycle only.  Its disqualification was in January,
   * before this entry into MQL, so it is not lost from it in April.      */
  assert_stage (april, 0, 0, "Suspect", 0, 0, 0, 0);
  assert_stage (april, 0, 1, "Inquiry", 1, 0, 0, 0);
  assert_stage (april, 0, 2, "Marketing Qualified Lead", 1, 0, 0, 0);
  assert_days (april, 0, 2, 4, 4);
  assert_stage (april, 0, 3, "Sales Accepted Lead", 1, 1, 0, 0);
  assert_days (april, 0, 3, 1, 1);

  /* January: Inquiry H1, H2, H3; MQL H1, H2, H3 (H2 lost from it Jan 20,
   * and recycled later); SAL H1, H3 (backwards); SQL H1, H3 (H3 lost in
   * March, after this entry); no Customer (February).                   */
  assert_stage (january, 0, 1, "Inquiry", 3, 0, 0, 0);
  assert_stage (january, 0, 2, "Marketing Qualified Lead", 3, 0, 1, 0);
  g_assert_cmpint (stage_at (january, 0, 2)->recycled, ==, 1);
  /* H2's January MQL came 10 days after its Inquiry: 2, 2, 10 */
  assert_days (january, 0, 2, 2, 14.0 / 3);
  assert_stage (january, 0, 3, "Sales Accepted Lead", 2, 0, 0, 1);
  assert_stage (january, 0, 4, "Sales Qualified Lead", 2, 0, 1, 0);
  assert_stage (january, 0, 5, "Customer", 0, 0, 0, 0);
  g_assert_true (isnan (stage_at (january, 0, 5)->median_days_from_previous));

  /* web: H1, H2; event: H3, H4 — equal, so by name */
  g_assert_cmpstr (((TandemWaterfallSegment *) g_ptr_array_index (by_source->segments, 0))->segment, ==, "event");
  assert_stage (by_source, 0, 2, "Marketing Qualified Lead", 1, 0, 0, 0);
  assert_stage (by_source, 0, 4, "Sales Qualified Lead", 1, 0, 1, 0);
  assert_stage (by_source, 1, 2, "Marketing Qualified Lead", 2, 0, 1, 0);
  assert_stage (by_source, 1, 5, "Customer", 1, 0, 0, 0);
}

static void
test_history_not_implied (void)
{
  g_autoptr(TandemStore) store = history_store ();
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemWaterfall) w = NULL;

  tandem_funnel_mapping_set_implied (mapping, FALSE);
  g_assert_true (tandem_funnel_mapping_save (mapping, store, &error));
  w = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);
  g_assert_false (w->implied);
  /* Only H4 has a Suspect entry; everything else is as recorded */
  assert_stage (w, 0, 0, "Suspect", 1, 0, 0, 0);
  assert_stage (w, 0, 1, "Inquiry", 4, 1, 0, 0);
  g_assert_cmpfloat_with_epsilon (stage_at (w, 0, 1)->conversion_from_previous, 4.0, 1e-12);
  assert_stage (w, 0, 5, "Customer", 1, 0, 0, 0);
}

/* ---- Waterfall: stage values through a mapping ----------------------------- */

static void
test_stage_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_new ();
  g_autoptr(TandemWaterfall) plain = NULL;
  g_autoptr(TandemWaterfall) w = NULL;

  import (store, "statuses.csv", STATUSES, TANDEM_IMPORT_LEADS, "Status");
  use_template (store, TANDEM_TEMPLATE_CLASSIC);

  /* Without a mapping only names match, ignoring case: C6 "customer" and
   * C7 "mql".  Everyone is a Suspect from their Created date (the first
   * stage); C6 passed MQL, SAL and SQL on the way (implied).            */
  plain = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);
  g_assert_cmpint (plain->source, ==, TANDEM_FUNNEL_SOURCE_STAGE);
  assert_stage (plain, 0, 0, "Suspect", 7, 0, 0, 0);
  assert_stage (plain, 0, 1, "Marketing Qualified Lead", 2, 1, 0, 0);
  assert_stage (plain, 0, 2, "Customer", 1, 0, 0, 0);
  g_assert_cmpuint (plain->unmapped->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (plain->unmapped, 0), ==, "Inquiry");

  tandem_funnel_mapping_set_value (mapping, "Open - New", "Inquiry");
  tandem_funnel_mapping_set_value (mapping, "working", "SAL");
  tandem_funnel_mapping_set_value (mapping, "Closed Won", "Customer");
  tandem_funnel_mapping_set_value (mapping, "Closed Lost", "Lost");
  g_assert_true (tandem_funnel_mapping_save (mapping, store, &error));
  w = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);

  /* C4 was lost straight from the first stage; C5's value maps nowhere,
   * so it is only a Suspect (by its date) and sits on no stage now.     */
  assert_stage (w, 0, 0, "Suspect", 7, 0, 1, 0);
  /* C1 (open), C2, C3, C6, C7 */
  assert_stage (w, 0, 1, "Inquiry", 5, 1, 0, 0);
  /* C2, C3, C6, C7 (open) */
  assert_stage (w, 0, 2, "Marketing Qualified Lead", 4, 1, 0, 0);
  /* C2 (open), C3, C6 */
  assert_stage (w, 0, 3, "Sales Accepted Lead", 3, 1, 0, 0);
  /* C3, C6 */
  assert_stage (w, 0, 4, "Customer", 2, 0, 0, 0);
  g_assert_cmpuint (w->unmapped->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (w->unmapped, 0), ==, "Sales Qualified Lead");
  g_assert_cmpint (w->unplaced, ==, 0);
}

/* ---- Waterfall: stage-date columns (the marketing funnel, merged) ---------- */

static void
test_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_new ();
  g_autoptr(TandemWaterfall) created = NULL;
  g_autoptr(TandemWaterfall) w = NULL;
  g_autoptr(TandemWaterfall) jan = NULL;
  g_autoptr(TandemWaterfall) by_origin = NULL;
  g_autoptr(TandemFunnelPlan) plan = tandem_funnel_plan_new ();

  import (store, "mqls.csv", MQLS, TANDEM_IMPORT_LEADS, NULL);
  import (store, "deals.csv", DEALS, TANDEM_IMPORT_MERGE, NULL);
  use_template (store, TANDEM_TEMPLATE_CLASSIC);

  /* won_date is stage-date:Won, Customer's short name; the created date
   * starts the funnel at its first stage.                                */
  created = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);
  g_assert_cmpint (created->source, ==, TANDEM_FUNNEL_SOURCE_DATES);
  g_assert_cmpuint (n_stages (created, 0), ==, 2);
  assert_stage (created, 0, 0, "Suspect", 4, 2, 0, 0);
  assert_stage (created, 0, 1, "Customer", 2, 0, 0, 1);

  /* The data's last date, and the period a plan of each length is set against */
  {
    g_autofree char *last = tandem_funnel_last_date (store);
    char *from = NULL, *to = NULL;
    static const struct { const char *date; guint months; const char *from, *to; } periods[] = {
      { "2024-02-29", 1, "2024-02-01", "2024-02-29" },
      { "2024-05-10", 3, "2024-04-01", "2024-06-30" },
      { "2024-12-31", 3, "2024-10-01", "2024-12-31" },
      { "2023-07-04", 12, "2023-01-01", "2023-12-31" },
    };

    g_assert_cmpstr (last, ==, "2024-02-15");   /* M4's first contact */
    for (guint k = 0; k < G_N_ELEMENTS (periods); k++)
      {
        g_assert_true (tandem_funnel_period_holding (periods[k].date, periods[k].months, &from, &to));
        g_assert_cmpstr (from, ==, periods[k].from);
        g_assert_cmpstr (to, ==, periods[k].to);
        g_clear_pointer (&from, g_free);
        g_clear_pointer (&to, g_free);
      }
    g_assert_false (tandem_funnel_period_holding ("2024-05-10", 2, &from, &to));
    g_assert_false (tandem_funnel_period_holding ("May 2024", 3, &from, &to));
    g_assert_false (tandem_funnel_period_holding (NULL, 3, &from, &to));
    g_assert_null (from);
  }

  /* What dates each stage when the mapping says nothing */
  {
    g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, &error);
    g_autofree char *suspect = tandem_funnel_automatic_date_column (store, taxonomy, 0);
    g_autofree char *mql = tandem_funnel_automatic_date_column (store, taxonomy, 2);
    g_autofree char *customer = tandem_funnel_automatic_date_column (store, taxonomy, 5);
    g_autofree char *beyond = tandem_funnel_automatic_date_column (store, taxonomy, 99);

    g_assert_cmpstr (suspect, ==, "first_contact_date");
    g_assert_null (mql);
    g_assert_cmpstr (customer, ==, "won_date");
    g_assert_null (beyond);
  }

  /* The first contact is the MQL date */
  tandem_funnel_mapping_set_date_column (mapping, "MQL", "first_contact_date");
  g_assert_true (tandem_funnel_mapping_save (mapping, store, &error));
  w = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, NULL);
  /* M2 and M4 are open; M3 won on Jan 25, before its first contact on
   * Feb 1: counted as won, its duration backwards.                      */
  assert_stage (w, 0, 0, "Marketing Qualified Lead", 4, 2, 0, 0);
  assert_stage (w, 0, 1, "Customer", 2, 0, 0, 1);
  g_assert_cmpfloat_with_epsilon (stage_at (w, 0, 1)->conversion_from_previous, 0.5, 1e-12);
  /* M1: Jan 1 → Jan 11 12:00, 10.5 days */
  assert_days (w, 0, 1, 10.5, 10.5);

  /* January's cohort: M1, M2 and M3 (its earliest date is Jan 25) */
  jan = compute_waterfall (store, TANDEM_WATERFALL_COHORT, "2024-01-01", "2024-01-31", NULL);
  assert_stage (jan, 0, 0, "Marketing Qualified Lead", 3, 1, 0, 0);
  assert_stage (jan, 0, 1, "Customer", 2, 0, 0, 1);
  /* December has nobody: rates undefined */
  assert_stage (jan->previous, 0, 0, "Marketing Qualified Lead", 0, 0, 0, 0);
  g_assert_true (isnan (stage_at (jan->previous, 0, 1)->conversion_from_first));

  by_origin = compute_waterfall (store, TANDEM_WATERFALL_COHORT, NULL, NULL, "origin");
  g_assert_cmpstr (((TandemWaterfallSegment *) g_ptr_array_index (by_origin->segments, 0))->segment, ==, "paid");
  assert_stage (by_origin, 0, 1, "Customer", 0, 0, 0, 0);
  assert_stage (by_origin, 1, 1, "Customer", 2, 0, 0, 1);

  /* A plan for the Targets overlay: by name or short name */
  g_assert_true (isnan (stage_at (w, 0, 0)->planned));
  tandem_funnel_plan_set_volume (plan, "MQL", 10);
  tandem_funnel_plan_set_volume (plan, "Customer", 3);
  tandem_funnel_plan_set_volume (plan, "Customer", 2);
  g_assert_cmpfloat (tandem_funnel_plan_get_volume (plan, "customer"), ==, 2);
  tandem_waterfall_set_plan (w, plan);
  g_assert_cmpfloat (stage_at (w, 0, 0)->planned, ==, 10);
  g_assert_cmpfloat (stage_at (w, 0, 1)->planned, ==, 2);
  tandem_waterfall_set_plan (by_origin, plan);
  g_assert_true (isnan (stage_at (by_origin, 0, 0)->planned));
  tandem_waterfall_set_plan (w, NULL);
  g_assert_true (isnan (stage_at (w, 0, 0)->planned));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_new_memory (&error);
  g_autoptr(TandemTaxonomy) empty = tandem_taxonomy_new ();
  g_autoptr(TandemTaxonomy) classic = tandem_taxonomy_new_from_template (TANDEM_TEMPLATE_CLASSIC);
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_new ();
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
  TandemWaterfall *w;

  import (store, "mqls.csv", MQLS, TANDEM_IMPORT_LEADS, NULL);

  w = tandem_waterfall_compute (store, empty, mapping, &options, NULL, &error);
  g_assert_null (w);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_NO_TAXONOMY);
  g_clear_error (&error);

  options.from = "2024-02-01";
  options.to = "2024-01-01";
  w = tandem_waterfall_compute (store, classic, mapping, &options, NULL, &error);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION);
  g_assert_cmpstr (error->message, ==, "The period starts on 2024-02-01, after it ends on 2024-01-01");
  g_clear_error (&error);

  options.to = "2024-02-30";
  w = tandem_waterfall_compute (store, classic, mapping, &options, NULL, &error);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION);
  g_clear_error (&error);
  options.from = options.to = NULL;

  tandem_funnel_mapping_set_source (mapping, TANDEM_FUNNEL_SOURCE_STAGE);
  w = tandem_waterfall_compute (store, classic, mapping, &options, NULL, &error);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING);
  g_clear_error (&error);

  tandem_funnel_mapping_set_source (mapping, TANDEM_FUNNEL_SOURCE_DATES);
  tandem_funnel_mapping_set_date_column (mapping, "MQL", "origin");
  w = tandem_waterfall_compute (store, classic, mapping, &options, NULL, &error);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "The funnel mapping reads the dates of “MQL” from “origin”, which holds text, not dates");
  g_clear_error (&error);

  tandem_funnel_mapping_set_date_column (mapping, "MQL", "first_contact");
  w = tandem_waterfall_compute (store, classic, mapping, &options, NULL, &error);
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "The funnel mapping reads the dates of “MQL” from “first_contact”, which is not a column of the workspace");
  g_assert_null (w);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/funnel/taxonomy/templates", test_templates);
  g_test_add_func ("/funnel/taxonomy/store", test_taxonomy_store);
  g_test_add_func ("/funnel/taxonomy/demo", test_demo_taxonomy);
  g_test_add_func ("/funnel/taxonomy/validation", test_validation);
  g_test_add_func ("/funnel/taxonomy/json", test_taxonomy_json);
  g_test_add_func ("/funnel/mapping/json", test_mapping_json);
  g_test_add_func ("/funnel/waterfall/pipeline-cohort", test_pipeline_cohort);
  g_test_add_func ("/funnel/waterfall/pipeline-period", test_pipeline_period);
  g_test_add_func ("/funnel/waterfall/pipeline-flow", test_pipeline_flow);
  g_test_add_func ("/funnel/waterfall/pipeline-segments", test_pipeline_segments);
  g_test_add_func ("/funnel/waterfall/history", test_history);
  g_test_add_func ("/funnel/waterfall/history-flow-segments", test_history_flow_and_segments);
  g_test_add_func ("/funnel/waterfall/history-not-implied", test_history_not_implied);
  g_test_add_func ("/funnel/waterfall/stage-values", test_stage_values);
  g_test_add_func ("/funnel/waterfall/dates", test_dates);
  g_test_add_func ("/funnel/waterfall/errors", test_errors);

  return g_test_run ();
}
