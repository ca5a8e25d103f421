/* tandem-store-json.c — a workspace's description as a JSON document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `tandem-cli info --json` prints: the schema version, the counts
 * and every column with its exact name, type, role and empty cells.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "tandem-json.h"
#include "tandem-store.h"

JsonNode *
tandem_store_info_to_json (TandemStore *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) columns = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  columns = tandem_store_list_columns (self);
  json_builder_begin_object (builder);
  tandem_json_set_int (builder, "schema_version", tandem_store_get_schema_version (self));
  tandem_json_set_int (builder, "leads", tandem_store_count_leads (self));
  tandem_json_set_int (builder, "events", tandem_store_count_events (self));
  tandem_json_set_int (builder, "stage_history", tandem_store_count_stage_history (self));
  json_builder_set_member_name (builder, "snapshot_current");
  json_builder_add_boolean_value (builder, tandem_store_has_current_snapshot (self));
  {
    g_autofree char *currency = tandem_store_dup_currency (self, NULL);
    tandem_json_set_string (builder, "currency", currency);
  }
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < columns->len; i++)
    {
      const TandemColumn *column = g_ptr_array_index (columns, i);

      json_builder_begin_object (builder);
      tandem_json_set_string (builder, "name", column->name);
      tandem_json_set_string (builder, "type", tandem_column_type_to_string (column->type));
      tandem_json_set_string (builder, "role", column->role);
      tandem_json_set_int (builder, "nulls", column->nulls);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
