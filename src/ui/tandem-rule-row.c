/* tandem-rule-row.c — one scoring rule in the Scoring page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its title, a switch, a menu (edit, duplicate, delete), the rule's reach,
 * and its points on a slider and in a spin button.  Built from the state's
 * draft; moving the points or the switch edits the state.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-rule-row.h"

struct _TandemRuleRow
{
  GtkListBoxRow       parent_instance;

  GtkLabel           *title_label;
  GtkSwitch          *toggle;
  GtkMenuButton      *menu_button;
  GtkLabel           *reach_label;
  GtkScale           *scale;
  GtkSpinButton      *spin;
  GtkAdjustment      *adjustment;

  TandemScoringState *state;
  TandemDimension     dimension;
  guint               index;
};

G_DEFINE_FINAL_TYPE (TandemRuleRow, tandem_rule_row, GTK_TYPE_LIST_BOX_ROW)

static void
on_points_changed (TandemRuleRow *self)
{
  tandem_scoring_state_set_points (self->state, self->dimension, self->index, gtk_adjustment_get_value (self->adjustment));
}

static void
on_enabled_changed (TandemRuleRow *self)
{
  tandem_scoring_state_set_enabled (self->state, self->dimension, self->index, gtk_switch_get_active (self->toggle));
}

static GMenuModel *
rule_menu (TandemDimension d,
           guint           r)
{
  static const struct { const char *label, *action; } items[] = {
    { N_("_Edit…"), "scoring.edit-rule" },
    { N_("_Duplicate"), "scoring.duplicate-rule" },
    { N_("_Delete"), "scoring.delete-rule" },
  };
  GMenu *menu = g_menu_new ();
  GVariant *target = g_variant_ref_sink (g_variant_new ("(uu)", (guint) d, r));

  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[k].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[k].action, target);
      g_menu_append_item (menu, item);
    }
  g_variant_unref (target);
  return G_MENU_MODEL (menu);
}

GtkWidget *
tandem_rule_row_new (TandemScoringState *state,
                     TandemDimension     d,
                     guint               r)
{
  TandemRuleRow *self;
  TandemModel *model;
  TandemRule *rule;
  g_autofree char *title = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *points_label = NULL;
  g_autofree char *switch_label = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  double limit;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (state), NULL);
  model = tandem_scoring_state_get_model (state);
  g_return_val_if_fail (model != NULL && d < TANDEM_N_DIMENSIONS, NULL);
  g_return_val_if_fail (r < tandem_model_get_dimension (model, d)->rules->len, NULL);

  self = g_object_new (TANDEM_TYPE_RULE_ROW, NULL);
  self->state = g_object_ref (state);
  self->dimension = d;
  self->index = r;
  rule = g_ptr_array_index (tandem_model_get_dimension (model, d)->rules, r);
  title = rule->label != NULL && rule->label[0] != '\0' ? g_strdup (rule->label) : tandem_rule_dup_sentence (rule);
  sentence = tandem_rule_dup_condition (rule);
  points_label = g_strdup_printf (_("Points for %s"), title);
  switch_label = g_strdup_printf (_("Use %s"), title);

  gtk_label_set_label (self->title_label, title);
  if (rule->label && rule->label[0])
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), sentence);
  gtk_switch_set_active (self->toggle, rule->enabled);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  menu = rule_menu (d, r);
  gtk_menu_button_set_menu_model (self->menu_button, menu);

  limit = MAX (100, ceil (fabs (rule->points)));
  gtk_adjustment_configure (self->adjustment, rule->points, -limit, limit, 1, 5, 0);
  gtk_spin_button_set_digits (self->spin, rule->points == floor (rule->points) ? 0 : 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale), GTK_ACCESSIBLE_PROPERTY_LABEL, points_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, points_label, -1);

  /* Set from the rule first, then listening to the user */
  g_signal_connect_object (self->adjustment, "value-changed", G_CALLBACK (on_points_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->toggle, "notify::active", G_CALLBACK (on_enabled_changed), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
tandem_rule_row_set_reach (TandemRuleRow *self,
                           const char    *text)
{
  g_return_if_fail (TANDEM_IS_RULE_ROW (self));
  gtk_label_set_label (self->reach_label, text);
}

static void
tandem_rule_row_dispose (GObject *object)
{
  TandemRuleRow *self = TANDEM_RULE_ROW (object);

  g_clear_object (&self->state);
  G_OBJECT_CLASS (tandem_rule_row_parent_class)->dispose (object);
}

static void
tandem_rule_row_class_init (TandemRuleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_rule_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-rule-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemRuleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleRow, toggle);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleRow, reach_label);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleRow, scale);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleRow, spin);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleRow, adjustment);
}

static void
tandem_rule_row_init (TandemRuleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
