/* tandem-funnel-stage-row.c — one stage of the funnel, its fields editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The name, short name and definition as typed, the team and the kind as
 * chosen, and buttons to move or delete the stage: each an edit of the
 * Funnel's state, which keeps the undo steps and the draft.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-funnel-stage-row.h"

struct _TandemFunnelStageRow
{
  AdwExpanderRow     parent_instance;

  AdwEntryRow       *name_row;
  AdwEntryRow       *short_row;
  AdwEntryRow       *definition_row;
  AdwComboRow       *team_row;
  AdwComboRow       *kind_row;

  TandemFunnelState *state;
  guint              index;
  gboolean           updating;
};

G_DEFINE_FINAL_TYPE (TandemFunnelStageRow, tandem_funnel_stage_row, ADW_TYPE_EXPANDER_ROW)

static const char *const teams[] = { N_("Marketing"), N_("Telequalification"), N_("Sales") };
static const char *const kinds[] = { N_("Open"), N_("Won"), N_("Lost"), N_("Disqualified") };

static void
on_name_changed (TandemFunnelStageRow *self)
{
  if (!self->updating)
    tandem_funnel_state_set_stage_name (self->state, self->index, gtk_editable_get_text (GTK_EDITABLE (self->name_row)), NULL);
}

static void
on_short_changed (TandemFunnelStageRow *self)
{
  if (!self->updating)
    tandem_funnel_state_set_stage_short_name (self->state, self->index,
                                              gtk_editable_get_text (GTK_EDITABLE (self->short_row)), NULL);
}

static void
on_definition_changed (TandemFunnelStageRow *self)
{
  if (!self->updating)
    tandem_funnel_state_set_stage_definition (self->state, self->index,
                                              gtk_editable_get_text (GTK_EDITABLE (self->definition_row)), NULL);
}

static void
on_team_selected (TandemFunnelStageRow *self)
{
  guint team = adw_combo_row_get_selected (self->team_row);

  if (!self->updating && team < G_N_ELEMENTS (teams))
    tandem_funnel_state_set_stage_team (self->state, self->index, (TandemTeam) team, NULL);
}

static void
on_kind_selected (TandemFunnelStageRow *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (!self->updating && kind < G_N_ELEMENTS (kinds))
    tandem_funnel_state_set_stage_kind (self->state, self->index, (TandemStageKind) kind, NULL);
}

/* stage.move-up, stage.move-down, stage.delete */
static void
stage_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TandemFunnelStageRow *self = TANDEM_FUNNEL_STAGE_ROW (widget);
  const TandemTaxonomy *taxonomy = tandem_funnel_state_get_taxonomy (self->state);

  if (taxonomy == NULL)
    return;
  if (g_str_equal (action_name, "stage.move-up") && self->index > 0)
    tandem_funnel_state_move_stage (self->state, self->index, self->index - 1, NULL);
  else if (g_str_equal (action_name, "stage.move-down") && self->index + 1 < tandem_taxonomy_get_n_stages (taxonomy))
    tandem_funnel_state_move_stage (self->state, self->index, self->index + 1, NULL);
  else if (g_str_equal (action_name, "stage.delete"))
    tandem_funnel_state_remove_stage (self->state, self->index, NULL);
}

static void
tandem_funnel_stage_row_dispose (GObject *object)
{
  TandemFunnelStageRow *self = TANDEM_FUNNEL_STAGE_ROW (object);

  g_clear_object (&self->state);
  G_OBJECT_CLASS (tandem_funnel_stage_row_parent_class)->dispose (object);
}

static void
tandem_funnel_stage_row_class_init (TandemFunnelStageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_funnel_stage_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-funnel-stage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelStageRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelStageRow, short_row);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelStageRow, definition_row);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelStageRow, team_row);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelStageRow, kind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_short_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_definition_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_team_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);

  gtk_widget_class_install_action (widget_class, "stage.move-up", NULL, stage_action);
  gtk_widget_class_install_action (widget_class, "stage.move-down", NULL, stage_action);
  gtk_widget_class_install_action (widget_class, "stage.delete", NULL, stage_action);
}

static void
tandem_funnel_stage_row_init (TandemFunnelStageRow *self)
{
  self->updating = TRUE;   /* until it shows a stage */
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tandem_funnel_stage_row_new (TandemFunnelState *state,
                             guint              index)
{
  TandemFunnelStageRow *self;
  const TandemStage *s;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (state), NULL);
  g_return_val_if_fail (index < tandem_taxonomy_get_n_stages (tandem_funnel_state_get_taxonomy (state)), NULL);

  self = g_object_new (TANDEM_TYPE_FUNNEL_STAGE_ROW, NULL);
  self->state = g_object_ref (state);
  self->index = index;
  s = tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (state), index);
  subtitle = g_strdup_printf ("%s · %s · %s", s->short_name, _(teams[s->team]), _(kinds[s->kind]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), s->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), s->name);
  gtk_editable_set_text (GTK_EDITABLE (self->short_row), s->short_name);
  gtk_editable_set_text (GTK_EDITABLE (self->definition_row), s->definition ? s->definition : "");
  adw_combo_row_set_selected (self->team_row, s->team);
  adw_combo_row_set_selected (self->kind_row, s->kind);
  self->updating = FALSE;
  return GTK_WIDGET (self);
}
