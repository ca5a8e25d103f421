/* tandem-scorer-json.c — every lead's score as a JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tandem-cli score --format json` prints: fit and interest at full
 * precision (doubles, for comparing with other engines), grade and mql.
 */

#include "config.h"

#include "tandem-json.h"
#include "tandem-scorer.h"

JsonNode *
tandem_scorer_to_json (const TandemScorer *scorer)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (scorer != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < tandem_scorer_get_n_leads (scorer); i++)
    {
      TandemScore score;
      g_autofree char *grade = tandem_scorer_dup_grade (scorer, i);

      tandem_scorer_get_score (scorer, i, &score);
      json_builder_begin_object (builder);
      tandem_json_set_string (builder, "id", tandem_scorer_get_key (scorer, i));
      tandem_json_set_double (builder, "fit", score.fit);
      tandem_json_set_double (builder, "interest", score.interest);
      tandem_json_set_string (builder, "grade", grade);
      tandem_json_set_boolean (builder, "mql", score.mql);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
