/* tandem-insights-json.c — the matrix, the insights and a comparison of
 * two models as JSON documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tandem-cli matrix --json`, `insights --json` and `diff --json`
 * print.  Counts are integers; conversions and lifts are doubles, null
 * where undefined (a ratio over an MQL cell that won none is null).
 */

#include "config.h"

#include <math.h>

#include "tandem-insights.h"
#include "tandem-json.h"

static const char *const dimension_names[] = { "fit", "interest" };

/* won ÷ leads, NAN without leads */
static double
conversion (guint won,
            guint leads)
{
  return leads > 0 ? (double) won / leads : NAN;
}

JsonNode *
tandem_insights_matrix_to_json (const TandemInsights *in,
                                const TandemModel    *model)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (in != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  json_builder_begin_object (b);
  tandem_json_set_int (b, "leads", in->leads);
  tandem_json_set_int (b, "mql", in->mql);
  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  for (guint f = 0; f < in->n_fit; f++)
    for (guint i = 0; i < in->n_interest; i++)
      {
        g_autofree char *cell = tandem_model_cell_name (f, i);

        json_builder_begin_object (b);
        tandem_json_set_string (b, "cell", cell);
        tandem_json_set_int (b, "leads", in->cells[f][i].leads);
        tandem_json_set_boolean (b, "mql", tandem_model_is_mql_cell (model, f, i));
        if (in->has_outcomes)
          {
            tandem_json_set_int (b, "won", in->cells[f][i].won);
            tandem_json_set_double (b, "conversion", conversion (in->cells[f][i].won, in->cells[f][i].leads));
          }
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_versus_live (JsonBuilder          *b,
                 const TandemInsights *insights,
                 const TandemInsights *live,
                 const char           *live_name)
{
  json_builder_set_member_name (b, "versus_live");
  if (live == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  tandem_json_set_string (b, "live_model", live_name);
  tandem_json_set_int (b, "mql", live->mql);
  tandem_json_set_int (b, "mql_won", live->mql_won);
  tandem_json_set_double (b, "mql_conversion", conversion (live->mql_won, live->mql));
  tandem_json_set_int (b, "mql_change", (gint64) insights->mql - (gint64) live->mql);
  json_builder_end_object (b);
}

static void
add_rules (JsonBuilder          *b,
           const TandemInsights *insights)
{
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint k = 0; k < insights->rules->len; k++)
    {
      const TandemRuleStat *r = &g_array_index (insights->rules, TandemRuleStat, k);

      json_builder_begin_object (b);
      tandem_json_set_string (b, "dimension", dimension_names[r->dimension]);
      tandem_json_set_int (b, "index", r->rule);
      tandem_json_set_string (b, "label", r->label);
      tandem_json_set_int (b, "matched", r->matched);
      tandem_json_set_int (b, "matched_won", r->matched_won);
      tandem_json_set_double (b, "conversion_matched", r->conversion_in);
      tandem_json_set_double (b, "conversion_others", r->conversion_out);
      tandem_json_set_double (b, "lift", r->lift);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_deciles (JsonBuilder          *b,
             const TandemInsights *insights)
{
  json_builder_set_member_name (b, "deciles");
  json_builder_begin_object (b);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      json_builder_set_member_name (b, dimension_names[d]);
      json_builder_begin_array (b);
      for (guint k = 0; k < 10; k++)
        {
          const TandemDecile *dec = &insights->deciles[d][k];

          json_builder_begin_object (b);
          tandem_json_set_double (b, "from", dec->lo);
          tandem_json_set_double (b, "to", dec->hi);
          tandem_json_set_int (b, "leads", dec->leads);
          tandem_json_set_int (b, "won", dec->won);
          tandem_json_set_double (b, "conversion", conversion (dec->won, dec->leads));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/* "findings": cells outside the MQL set that convert clearly better than
 * one inside it, strongest first (tandem_insights_find_cells) */
static void
add_findings (JsonBuilder          *b,
              const TandemInsights *insights)
{
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint k = 0; insights->findings != NULL && k < insights->findings->len; k++)
    {
      const TandemCellFinding *f = &g_array_index (insights->findings, TandemCellFinding, k);
      g_autofree char *cell = tandem_model_cell_name (f->fit, f->interest);
      g_autofree char *mql = tandem_model_cell_name (f->mql_fit, f->mql_interest);
      g_autofree char *sentence = tandem_cell_finding_dup_sentence (f);

      json_builder_begin_object (b);
      tandem_json_set_string (b, "kind", "converts-better-than-mql-cell");
      tandem_json_set_string (b, "cell", cell);
      tandem_json_set_int (b, "leads", f->better.leads);
      tandem_json_set_int (b, "won", f->better.won);
      tandem_json_set_double (b, "conversion", conversion (f->better.won, f->better.leads));
      tandem_json_set_string (b, "mql_cell", mql);
      tandem_json_set_int (b, "mql_leads", f->mql.leads);
      tandem_json_set_int (b, "mql_won", f->mql.won);
      tandem_json_set_double (b, "mql_conversion", conversion (f->mql.won, f->mql.leads));
      tandem_json_set_double (b, "ratio", isinf (f->ratio) ? NAN : f->ratio);
      tandem_json_set_double (b, "z", f->z);
      tandem_json_set_string (b, "sentence", sentence);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
tandem_insights_to_json (const TandemInsights *insights,
                         const TandemModel    *model,
                         const TandemInsights *live,
                         const char           *live_name)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (insights != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  json_builder_begin_object (b);
  tandem_json_set_int (b, "leads", insights->leads);
  tandem_json_set_int (b, "won", insights->won);
  tandem_json_set_int (b, "mql", insights->mql);
  tandem_json_set_int (b, "mql_won", insights->mql_won);
  tandem_json_set_double (b, "mql_conversion", conversion (insights->mql_won, insights->mql));
  add_versus_live (b, insights, live, live_name);
  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  for (guint f = 0; f < insights->n_fit; f++)
    for (guint i = 0; i < insights->n_interest; i++)
      {
        g_autofree char *cell = tandem_model_cell_name (f, i);

        json_builder_begin_object (b);
        tandem_json_set_string (b, "cell", cell);
        tandem_json_set_int (b, "leads", insights->cells[f][i].leads);
        tandem_json_set_int (b, "won", insights->cells[f][i].won);
        tandem_json_set_double (b, "conversion", conversion (insights->cells[f][i].won, insights->cells[f][i].leads));
        tandem_json_set_boolean (b, "mql", tandem_model_is_mql_cell (model, f, i));
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
  add_findings (b, insights);
  add_rules (b, insights);
  add_deciles (b, insights);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
tandem_insights_diff_to_json (const TandemModel    *a,
                              const TandemInsights *ia,
                              const TandemModel    *b,
                              const TandemInsights *ib,
                              const GPtrArray      *entering,
                              const GPtrArray      *leaving)
{
  g_autoptr(JsonBuilder) jb = json_builder_new ();
  const TandemInsights *both[] = { ia, ib };
  const TandemModel *models[] = { a, b };

  g_return_val_if_fail (a != NULL && ia != NULL && b != NULL && ib != NULL, NULL);
  g_return_val_if_fail (entering != NULL && leaving != NULL, NULL);

  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "models");
  json_builder_begin_array (jb);
  for (guint m = 0; m < 2; m++)
    {
      json_builder_begin_object (jb);
      tandem_json_set_string (jb, "name", tandem_model_get_name (models[m]));
      tandem_json_set_int (jb, "mql", both[m]->mql);
      if (both[m]->has_outcomes)
        tandem_json_set_double (jb, "mql_conversion", conversion (both[m]->mql_won, both[m]->mql));
      json_builder_set_member_name (jb, "cells");
      json_builder_begin_object (jb);
      for (guint f = 0; f < both[m]->n_fit; f++)
        for (guint i = 0; i < both[m]->n_interest; i++)
          {
            g_autofree char *cell = tandem_model_cell_name (f, i);
            tandem_json_set_int (jb, cell, both[m]->cells[f][i].leads);
          }
      json_builder_end_object (jb);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
  tandem_json_set_strings (jb, "entering", (const char *const *) entering->pdata, entering->len);
  tandem_json_set_strings (jb, "leaving", (const char *const *) leaving->pdata, leaving->len);
  json_builder_end_object (jb);
  return json_builder_get_root (jb);
}
