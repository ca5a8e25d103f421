/* tandem-funnel-mapping.c — how the workspace's data maps onto the taxonomy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The source of each lead's stages (dates, the current stage, the stage
 * history), the values that name a stage, the date column of each stage.
 */

#include "config.h"

#include "tandem-funnel-private.h"
#include "tandem-json.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Mapping ------------------------------------------------------------- */

#define MAPPING_SETTING "funnel.mapping"

TandemFunnelMapping *
tandem_funnel_mapping_new (void)
{
  TandemFunnelMapping *self = g_new0 (TandemFunnelMapping, 1);

  self->source = TANDEM_FUNNEL_SOURCE_AUTO;
  self->implied = TRUE;
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->dates = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
tandem_funnel_mapping_free (TandemFunnelMapping *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->values);
  g_ptr_array_unref (self->dates);
  g_free (self);
}

/* Sets key → value in a pair list (NULL value removes), keys matched ignoring case. */
static void
pairs_set (GPtrArray  *pairs,
           const char *key,
           const char *value)
{
  for (guint i = 0; i < pairs->len; i += 2)
    if (tandem_funnel_same_name (g_ptr_array_index (pairs, i), key))
      {
        g_ptr_array_remove_range (pairs, i, 2);
        break;
      }
  if (value != NULL)
    {
      g_ptr_array_add (pairs, g_strdup (key));
      g_ptr_array_add (pairs, g_strdup (value));
    }
}

static const char *
pairs_get (const GPtrArray *pairs,
           const char      *key)
{
  for (guint i = 0; i < pairs->len; i += 2)
    if (tandem_funnel_same_name (g_ptr_array_index (pairs, i), key))
      return g_ptr_array_index (pairs, i + 1);
  return NULL;
}

TandemFunnelSource
tandem_funnel_mapping_get_source (const TandemFunnelMapping *self)
{
  g_return_val_if_fail (self != NULL, TANDEM_FUNNEL_SOURCE_AUTO);
  return self->source;
}

void
tandem_funnel_mapping_set_source (TandemFunnelMapping *self,
                                  TandemFunnelSource   source)
{
  g_return_if_fail (self != NULL);
  self->source = source;
}

gboolean
tandem_funnel_mapping_get_implied (const TandemFunnelMapping *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->implied;
}

void
tandem_funnel_mapping_set_implied (TandemFunnelMapping *self,
                                   gboolean             implied)
{
  g_return_if_fail (self != NULL);
  self->implied = !!implied;
}

void
tandem_funnel_mapping_set_value (TandemFunnelMapping *self,
                                 const char          *value,
                                 const char          *stage)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);
  pairs_set (self->values, value, stage);
}

const char *
tandem_funnel_mapping_get_value (const TandemFunnelMapping *self,
                                 const char                *value)
{
  g_return_val_if_fail (self != NULL, NULL);
  return value ? pairs_get (self->values, value) : NULL;
}

void
tandem_funnel_mapping_set_date_column (TandemFunnelMapping *self,
                                       const char          *stage,
                                       const char          *column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stage != NULL);
  pairs_set (self->dates, stage, column);
}

const char *
tandem_funnel_mapping_get_date_column (const TandemFunnelMapping *self,
                                       const char                *stage)
{
  g_return_val_if_fail (self != NULL, NULL);
  return stage ? pairs_get (self->dates, stage) : NULL;
}

void
tandem_funnel_mapping_rename_stage (TandemFunnelMapping *self,
                                    const char          *old_name,
                                    const char          *new_name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (old_name != NULL);

  /* values: value → stage */
  for (guint i = 0; i < self->values->len;)
    if (tandem_funnel_same_name (g_ptr_array_index (self->values, i + 1), old_name))
      {
        if (new_name == NULL)
          {
            g_ptr_array_remove_range (self->values, i, 2);
            continue;
          }
        g_free (g_ptr_array_index (self->values, i + 1));
        g_ptr_array_index (self->values, i + 1) = g_strdup (new_name);
        i += 2;
      }
    else
      i += 2;
  /* dates: stage → column */
  for (guint i = 0; i < self->dates->len;)
    if (tandem_funnel_same_name (g_ptr_array_index (self->dates, i), old_name))
      {
        if (new_name == NULL)
          {
            g_ptr_array_remove_range (self->dates, i, 2);
            continue;
          }
        g_free (g_ptr_array_index (self->dates, i));
        g_ptr_array_index (self->dates, i) = g_strdup (new_name);
        i += 2;
      }
    else
      i += 2;
}

guint
tandem_funnel_mapping_prune (TandemFunnelMapping  *self,
                             const TandemTaxonomy *taxonomy)
{
  guint dropped = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (taxonomy != NULL, 0);

  for (guint i = 0; i < self->values->len;)
    if (tandem_taxonomy_find_stage (taxonomy, g_ptr_array_index (self->values, i + 1)) < 0)
      g_ptr_array_remove_range (self->values, i, 2), dropped++;
    else
      i += 2;
  for (guint i = 0; i < self->dates->len;)
    if (tandem_taxonomy_find_stage (taxonomy, g_ptr_array_index (self->dates, i)) < 0)
      g_ptr_array_remove_range (self->dates, i, 2), dropped++;
    else
      i += 2;
  return dropped;
}

static gboolean
read_pairs (JsonObject  *object,
            const char  *key,
            GPtrArray   *pairs,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonObject *map;
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                   _("The funnel mapping's “%s” must be an object of names to names"), key);
      return FALSE;
    }
  map = json_node_get_object (node);
  members = json_object_get_members (map);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (map, l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping's %s.%s must be a string"), key, (const char *) l->data);
          return FALSE;
        }
      pairs_set (pairs, l->data, json_node_get_string (value));
    }
  return TRUE;
}

TandemFunnelMapping *
tandem_funnel_mapping_new_from_json (const char  *json,
                                     GError     **error)
{
  g_autoptr(TandemFunnelMapping) self = tandem_funnel_mapping_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  root = tandem_json_parse (json, -1, _("The funnel mapping"), &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                           _("The funnel mapping must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "source") && !g_str_equal (l->data, "implied") &&
        !g_str_equal (l->data, "values") && !g_str_equal (l->data, "dates"))
      {
        g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                     _("The funnel mapping has an unknown key “%s”; it knows source, implied, values and dates"),
                     (const char *) l->data);
        return NULL;
      }

  node = json_object_get_member (object, "source");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
       !tandem_funnel_source_from_string (json_node_get_string (node), &self->source)))
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                           _("The funnel mapping's source must be auto, dates, stage, history or outcome"));
      return NULL;
    }
  node = json_object_get_member (object, "implied");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                               _("The funnel mapping's implied must be true or false"));
          return NULL;
        }
      self->implied = json_node_get_boolean (node);
    }
  if (!read_pairs (object, "values", self->values, error) ||
      !read_pairs (object, "dates", self->dates, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
write_pairs (JsonBuilder     *builder,
             const char      *key,
             const GPtrArray *pairs)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  for (guint i = 0; i < pairs->len; i += 2)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (pairs, i));
      json_builder_add_string_value (builder, g_ptr_array_index (pairs, i + 1));
    }
  json_builder_end_object (builder);
}

char *
tandem_funnel_mapping_to_json (const TandemFunnelMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  tandem_json_set_string (builder, "source", tandem_funnel_source_to_string (self->source));
  tandem_json_set_boolean (builder, "implied", self->implied);
  write_pairs (builder, "values", self->values);
  write_pairs (builder, "dates", self->dates);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return tandem_json_to_data (root, FALSE);
}

TandemFunnelMapping *
tandem_funnel_mapping_load (TandemStore  *store,
                            GError      **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  json = tandem_store_dup_setting (store, MAPPING_SETTING);
  if (json == NULL)
    return tandem_funnel_mapping_new ();
  return tandem_funnel_mapping_new_from_json (json, error);
}

gboolean
tandem_funnel_mapping_save (const TandemFunnelMapping  *self,
                            TandemStore                *store,
                            GError                    **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  json = tandem_funnel_mapping_to_json (self);
  return tandem_store_set_setting (store, MAPPING_SETTING, json, error);
}
