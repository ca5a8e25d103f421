/* tandem-funnel-state-edits.c — the edits of the stages and the placing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each edit is checked first (a refused one changes nothing), kept as one
 * undo step (typing in one field joins the step before), then queued as a
 * draft and computed when the stages are valid.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-funnel-state-private.h"

/* ---- Undo: the stages and the placing at one moment ------------------------ */

gpointer
tandem_funnel_snapshot_copy (gpointer data)
{
  const TandemFunnelSnapshot *from = data;
  TandemFunnelSnapshot *snapshot = g_new0 (TandemFunnelSnapshot, 1);

  snapshot->taxonomy = tandem_taxonomy_copy (from->taxonomy);
  snapshot->mapping = tandem_funnel_state_copy_mapping (from->mapping);
  return snapshot;
}

void
tandem_funnel_snapshot_free (gpointer data)
{
  TandemFunnelSnapshot *snapshot = data;

  tandem_taxonomy_free (snapshot->taxonomy);
  tandem_funnel_mapping_free (snapshot->mapping);
  g_free (snapshot);
}

/* ---- Edits ------------------------------------------------------------------- */

static gboolean
check_stages (TandemFunnelState  *self,
              GError            **error)
{
  if (self->taxonomy != NULL)
    return TRUE;
  g_set_error_literal (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NO_STAGES,
                       _("There are no stages to edit: the workspace has no leads"));
  return FALSE;
}

static gboolean
check_index (TandemFunnelState  *self,
             guint               index,
             GError            **error)
{
  if (!check_stages (self, error))
    return FALSE;
  if (index < tandem_taxonomy_get_n_stages (self->taxonomy))
    return TRUE;
  g_set_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_INVALID,
               _("There is no stage %u: the funnel has %u"), index + 1, tandem_taxonomy_get_n_stages (self->taxonomy));
  return FALSE;
}

/* Called before an edit: keeps the state it changes as one undo step
 * (joined to the last one when @key, e.g. "name:3", is the same). */
static void
begin_edit (TandemFunnelState *self,
            const char        *key)
{
  TandemFunnelSnapshot now = { self->taxonomy, self->mapping };

  tandem_history_push (self->history, &now, key);
}

/* Validates the stages and says so */
gboolean
tandem_funnel_state_validate (TandemFunnelState *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = self->taxonomy == NULL || tandem_taxonomy_validate (self->taxonomy, &error);

  tandem_state_set_string (G_OBJECT (self), &self->taxonomy_error, valid ? NULL : error->message,
                           tandem_funnel_state_properties[PROP_TAXONOMY_ERROR]);
  return valid;
}

/* After an edit: notified, kept as a draft, computed when valid */
static void
end_edit (TandemFunnelState *self,
          gboolean           taxonomy,
          gboolean           mapping,
          gboolean           shape)
{
  tandem_funnel_state_set_flag (self, &self->edited, TRUE, PROP_EDITED);
  if (!self->dirty)
    {
      self->dirty = TRUE;
      tandem_funnel_state_notify (self, PROP_SAVED);
    }
  tandem_draft_keeper_queue (self->draft);
  if (shape)
    g_signal_emit (self, tandem_funnel_state_signals[STAGES_CHANGED], 0);
  if (taxonomy)
    tandem_funnel_state_notify (self, PROP_TAXONOMY);
  if (mapping)
    tandem_funnel_state_notify (self, PROP_MAPPING);
  if (tandem_funnel_state_validate (self))
    tandem_funnel_state_compute (self);
}

/* Stage @index again with one field changed; the placing follows its names */
static gboolean
edit_stage (TandemFunnelState *self,
            guint              index,
            const char        *field,
            const char        *name,
            const char        *short_name,
            const char        *definition,
            int                team,
            int                kind,
            GError           **error)
{
  const TandemStage *s;
  g_autofree char *key = NULL;
  g_autofree char *n = NULL;
  g_autofree char *sn = NULL;
  g_autofree char *def = NULL;
  g_autofree char *recycle = NULL;
  TandemTeam t;
  TandemStageKind k;

  if (!check_index (self, index, error))
    return FALSE;
  s = tandem_taxonomy_get_stage (self->taxonomy, index);
  t = team >= 0 ? (TandemTeam) team : s->team;
  k = kind >= 0 ? (TandemStageKind) kind : s->kind;
  n = g_strdup (name ? name : s->name);
  sn = g_strdup (short_name ? short_name : s->short_name);
  def = g_strdup (definition ? definition : s->definition);
  /* A stage recycling to itself follows its own new name too */
  recycle = g_strdup (g_strcmp0 (s->recycle_to, s->name) == 0 ? n
                      : g_strcmp0 (s->recycle_to, s->short_name) == 0 ? sn : s->recycle_to);
  /* Typing in one field is one step; a choice is a step of its own */
  key = team < 0 && kind < 0 ? g_strdup_printf ("%s:%u", field, index) : NULL;
  begin_edit (self, key);
  if (!g_str_equal (n, s->name))
    tandem_funnel_mapping_rename_stage (self->mapping, s->name, n);
  if (!g_str_equal (sn, s->short_name))
    tandem_funnel_mapping_rename_stage (self->mapping, s->short_name, sn);
  /* Stages that recycle to this one follow its new name */
  if (!g_str_equal (n, s->name))
    tandem_taxonomy_retarget_recycling (self->taxonomy, s->name, n);
  if (!g_str_equal (sn, s->short_name))
    tandem_taxonomy_retarget_recycling (self->taxonomy, s->short_name, sn);
  tandem_taxonomy_remove_stage (self->taxonomy, index);   /* @s goes with it */
  tandem_taxonomy_insert_stage (self->taxonomy, (int) index, n, sn, def, t, k, recycle);
  end_edit (self, TRUE, TRUE, FALSE);
  return TRUE;
}

gboolean
tandem_funnel_state_set_stage_name (TandemFunnelState  *self,
                                    guint               index,
                                    const char         *name,
                                    GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return edit_stage (self, index, "name", name, NULL, NULL, -1, -1, error);
}

gboolean
tandem_funnel_state_set_stage_short_name (TandemFunnelState  *self,
                                          guint               index,
                                          const char         *short_name,
                                          GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (short_name != NULL, FALSE);

  return edit_stage (self, index, "short", NULL, short_name, NULL, -1, -1, error);
}

gboolean
tandem_funnel_state_set_stage_definition (TandemFunnelState  *self,
                                          guint               index,
                                          const char         *definition,
                                          GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (definition != NULL, FALSE);

  return edit_stage (self, index, "definition", NULL, NULL, definition, -1, -1, error);
}

gboolean
tandem_funnel_state_set_stage_team (TandemFunnelState  *self,
                                    guint               index,
                                    TandemTeam          team,
                                    GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (team <= TANDEM_TEAM_SALES, FALSE);

  return edit_stage (self, index, "team", NULL, NULL, NULL, (int) team, -1, error);
}

gboolean
tandem_funnel_state_set_stage_kind (TandemFunnelState  *self,
                                    guint               index,
                                    TandemStageKind     kind,
                                    GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (kind <= TANDEM_STAGE_DISQUALIFIED, FALSE);

  return edit_stage (self, index, "kind", NULL, NULL, NULL, -1, (int) kind, error);
}

gboolean
tandem_funnel_state_add_stage (TandemFunnelState  *self,
                               GError            **error)
{
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;
  guint n;

  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  if (!check_stages (self, error))
    return FALSE;
  n = tandem_taxonomy_get_n_stages (self->taxonomy);
  name = g_strdup_printf (_("New stage %u"), n + 1);
  short_name = g_strdup_printf ("S%u", n + 1);
  begin_edit (self, NULL);
  tandem_taxonomy_insert_stage (self->taxonomy, -1, name, short_name, "", TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL);
  end_edit (self, TRUE, FALSE, TRUE);
  return TRUE;
}

gboolean
tandem_funnel_state_remove_stage (TandemFunnelState  *self,
                                  guint               index,
                                  GError            **error)
{
  const TandemStage *s;

  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  if (!check_index (self, index, error))
    return FALSE;
  begin_edit (self, NULL);
  s = tandem_taxonomy_get_stage (self->taxonomy, index);
  tandem_funnel_mapping_rename_stage (self->mapping, s->name, NULL);
  tandem_funnel_mapping_rename_stage (self->mapping, s->short_name, NULL);
  tandem_taxonomy_remove_stage (self->taxonomy, index);
  end_edit (self, TRUE, TRUE, TRUE);
  return TRUE;
}

gboolean
tandem_funnel_state_move_stage (TandemFunnelState  *self,
                                guint               from,
                                guint               to,
                                GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  if (!check_index (self, from, error) || !check_index (self, to, error))
    return FALSE;
  if (from == to)
    return TRUE;
  begin_edit (self, NULL);
  tandem_taxonomy_move_stage (self->taxonomy, from, to);
  end_edit (self, TRUE, FALSE, TRUE);
  return TRUE;
}

gboolean
tandem_funnel_state_use_template (TandemFunnelState  *self,
                                  TandemTemplate      template_,
                                  GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (template_ <= TANDEM_TEMPLATE_PIPELINE, FALSE);

  if (!check_stages (self, error))
    return FALSE;
  begin_edit (self, NULL);
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  self->taxonomy = tandem_taxonomy_new_from_template (template_);
  tandem_funnel_mapping_prune (self->mapping, self->taxonomy);   /* what named the old stages */
  end_edit (self, TRUE, TRUE, TRUE);
  return TRUE;
}

gboolean
tandem_funnel_state_set_source (TandemFunnelState  *self,
                                TandemFunnelSource  source,
                                GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (source <= TANDEM_FUNNEL_SOURCE_OUTCOME, FALSE);

  if (!check_stages (self, error))
    return FALSE;
  begin_edit (self, NULL);
  tandem_funnel_mapping_set_source (self->mapping, source);
  end_edit (self, FALSE, TRUE, FALSE);
  return TRUE;
}

gboolean
tandem_funnel_state_set_implied (TandemFunnelState  *self,
                                 gboolean            implied,
                                 GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  if (!check_stages (self, error))
    return FALSE;
  begin_edit (self, NULL);
  tandem_funnel_mapping_set_implied (self->mapping, implied);
  end_edit (self, FALSE, TRUE, FALSE);
  return TRUE;
}

static const TandemStage *
find_stage (TandemFunnelState  *self,
            const char         *name,
            GError            **error)
{
  int index = tandem_taxonomy_find_stage (self->taxonomy, name);

  if (index >= 0)
    return tandem_taxonomy_get_stage (self->taxonomy, (guint) index);
  g_set_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND,
               _("There is no stage “%s”"), name);
  return NULL;
}

gboolean
tandem_funnel_state_set_stage_date (TandemFunnelState  *self,
                                    const char         *stage_name,
                                    const char         *column,
                                    GError            **error)
{
  const TandemStage *stage;
  gboolean known;

  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (stage_name != NULL, FALSE);

  if (!check_stages (self, error) || (stage = find_stage (self, stage_name, error)) == NULL)
    return FALSE;
  if (column != NULL && column[0] == '\0')
    column = NULL;
  known = column == NULL;
  for (guint k = 0; !known && k < self->date_columns->len; k++)
    known = g_str_equal (g_ptr_array_index (self->date_columns, k), column);
  if (!known)
    {
      g_set_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND,
                   _("“%s” is not a date column of the workspace"), column);
      return FALSE;
    }
  begin_edit (self, NULL);
  tandem_funnel_mapping_set_date_column (self->mapping, stage->short_name, NULL);
  tandem_funnel_mapping_set_date_column (self->mapping, stage->name, column);
  end_edit (self, FALSE, TRUE, FALSE);
  return TRUE;
}

gboolean
tandem_funnel_state_set_value_stage (TandemFunnelState  *self,
                                     const char         *value,
                                     const char         *stage_name,
                                     GError            **error)
{
  const TandemStage *stage = NULL;

  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_stages (self, error))
    return FALSE;
  if (stage_name != NULL && stage_name[0] != '\0' && (stage = find_stage (self, stage_name, error)) == NULL)
    return FALSE;
  begin_edit (self, NULL);
  tandem_funnel_mapping_set_value (self->mapping, value, stage ? stage->name : NULL);
  end_edit (self, FALSE, TRUE, FALSE);
  return TRUE;
}

static gboolean
step (TandemFunnelState *self,
      gboolean           undo)
{
  TandemFunnelSnapshot now = { self->taxonomy, self->mapping };
  TandemFunnelSnapshot *restored;

  if (self->taxonomy == NULL)
    return FALSE;
  restored = undo ? tandem_history_undo (self->history, &now) : tandem_history_redo (self->history, &now);
  if (restored == NULL)
    return FALSE;
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  self->taxonomy = g_steal_pointer (&restored->taxonomy);
  self->mapping = g_steal_pointer (&restored->mapping);
  g_free (restored);
  end_edit (self, TRUE, TRUE, TRUE);
  return TRUE;
}

gboolean
tandem_funnel_state_undo (TandemFunnelState *self)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  return step (self, TRUE);
}

gboolean
tandem_funnel_state_redo (TandemFunnelState *self)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  return step (self, FALSE);
}

gboolean
tandem_funnel_state_save (TandemFunnelState  *self,
                          GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  if (!check_stages (self, error) ||
      !tandem_taxonomy_save (self->taxonomy, self->store, error) ||
      !tandem_funnel_mapping_save (self->mapping, self->store, error))
    return FALSE;
  tandem_funnel_state_drop_draft (self);
  if (self->dirty)
    {
      self->dirty = FALSE;
      tandem_funnel_state_notify (self, PROP_SAVED);
    }
  if (self->origin != TANDEM_FUNNEL_STAGES_SAVED)
    {
      self->origin = TANDEM_FUNNEL_STAGES_SAVED;
      tandem_funnel_state_notify (self, PROP_ORIGIN);
    }
  return TRUE;
}

void
tandem_funnel_state_discard (TandemFunnelState *self)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  tandem_funnel_state_drop_draft (self);
  tandem_funnel_state_reload (self);
}

