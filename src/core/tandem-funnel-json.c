/* tandem-funnel-json.c — the taxonomy and the waterfall as JSON documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tandem-cli taxonomy --json` and `tandem-cli waterfall --json`
 * print.  Counts are integers; rates and days are doubles, null where
 * undefined.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-funnel.h"
#include "tandem-json.h"

JsonNode *
tandem_taxonomy_and_mapping_to_json (const TandemTaxonomy      *taxonomy,
                                     const TandemFunnelMapping *mapping)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *stages_json = NULL;
  g_autofree char *mapping_json = NULL;
  g_autoptr(JsonNode) stages = NULL;
  g_autoptr(JsonNode) mapping_node = NULL;

  g_return_val_if_fail (taxonomy != NULL, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);

  stages_json = tandem_taxonomy_to_json (taxonomy);
  mapping_json = tandem_funnel_mapping_to_json (mapping);
  stages = tandem_json_parse (stages_json, -1, _("The list of stages"), NULL);
  mapping_node = tandem_json_parse (mapping_json, -1, _("The funnel mapping"), NULL);

  /* The stages as the core writes them, with the mapping beside */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "stages");
  if (stages != NULL && JSON_NODE_HOLDS_OBJECT (stages))
    json_builder_add_value (b, json_node_copy (json_object_get_member (json_node_get_object (stages), "stages")));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "mapping");
  if (mapping_node != NULL)
    json_builder_add_value (b, g_steal_pointer (&mapping_node));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_waterfall (JsonBuilder           *b,
               const TandemWaterfall *w)
{
  json_builder_begin_object (b);
  tandem_json_set_string (b, "mode", tandem_waterfall_mode_to_string (w->mode));
  tandem_json_set_string (b, "from", w->from);
  tandem_json_set_string (b, "to", w->to);
  tandem_json_set_string (b, "by", w->segment_field);
  tandem_json_set_string (b, "source", tandem_funnel_source_to_string (w->source));
  tandem_json_set_boolean (b, "implied", w->implied);
  tandem_json_set_int (b, "unplaced", w->unplaced);
  tandem_json_set_int (b, "undated", w->undated);
  tandem_json_set_strings (b, "unmapped_stages", (const char *const *) w->unmapped->pdata, w->unmapped->len);
  json_builder_set_member_name (b, "segments");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->segments->len; i++)
    {
      const TandemWaterfallSegment *segment = g_ptr_array_index (w->segments, i);

      json_builder_begin_object (b);
      tandem_json_set_string (b, "segment", segment->segment);
      json_builder_set_member_name (b, "stages");
      json_builder_begin_array (b);
      for (guint k = 0; k < segment->stages->len; k++)
        {
          const TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, k);

          json_builder_begin_object (b);
          tandem_json_set_string (b, "name", s->name);
          tandem_json_set_string (b, "short_name", s->short_name);
          tandem_json_set_int (b, "reached", s->reached);
          tandem_json_set_int (b, "open", s->open);
          tandem_json_set_int (b, "lost", s->lost);
          tandem_json_set_int (b, "recycled", s->recycled);
          tandem_json_set_double (b, "conversion_from_previous", s->conversion_from_previous);
          tandem_json_set_double (b, "conversion_from_first", s->conversion_from_first);
          tandem_json_set_double (b, "median_days_from_previous", s->median_days_from_previous);
          tandem_json_set_double (b, "mean_days_from_previous", s->mean_days_from_previous);
          tandem_json_set_int (b, "durations", s->durations);
          tandem_json_set_int (b, "negative_durations", s->negative_durations);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "previous");
  if (w->previous != NULL)
    add_waterfall (b, w->previous);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

JsonNode *
tandem_waterfall_to_json (const TandemWaterfall *waterfall)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (waterfall != NULL, NULL);

  add_waterfall (b, waterfall);
  return json_builder_get_root (b);
}
