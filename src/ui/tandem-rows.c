/* tandem-rows.c — the preference rows Tandem's forms share, and the cells
 * of its tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "tandem-rows.h"

struct _TandemSpinRow
{
  AdwActionRow   parent_instance;

  GtkSpinButton *spin;
  GtkSwitch     *toggle;         /* the template's; a prefix only when switchable */
  gboolean       switchable;
  gboolean       group_digits;
};

G_DEFINE_FINAL_TYPE (TandemSpinRow, tandem_spin_row, ADW_TYPE_ACTION_ROW)

enum
{
  PROP_0,
  PROP_ADJUSTMENT,
  PROP_DIGITS,
  PROP_VALUE,
  PROP_SWITCHABLE,
  PROP_ACTIVE,
  PROP_GROUP_DIGITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Grouped digits: shown as the locale groups them (1,500,000 or
 * 1.500.000 or 1 500 000), and read back the same way. */
static gboolean
on_spin_output (GtkSpinButton *spin,
                TandemSpinRow *self)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (!self->group_digits)
    return FALSE;
  text = g_strdup_printf ("%'.*f", (int) gtk_spin_button_get_digits (spin), value);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               TandemSpinRow *self)
{
  const struct lconv *lc = localeconv ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  gsize sep = lc->thousands_sep ? strlen (lc->thousands_sep) : 0, point = strlen (lc->decimal_point);
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end;
  double value;

  if (!self->group_digits)
    return FALSE;
  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);
      if (sep > 0 && strncmp (p, lc->thousands_sep, sep) == 0)
        p += sep;
      else if (point > 0 && strncmp (p, lc->decimal_point, point) == 0)
        {
          g_string_append_c (clean, '.');
          p += point;
        }
      else if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        p = g_utf8_next_char (p);
      else
        {
          g_string_append_unichar (clean, c);
          p = g_utf8_next_char (p);
        }
    }
  value = g_ascii_strtod (clean->str, &end);
  if (clean->len == 0 || *end != '\0' || !isfinite (value))
    return GTK_INPUT_ERROR;   /* GTK_UPDATE_IF_VALID: the value stays */
  *new_value = value;
  return TRUE;
}

static void
on_title_changed (TandemSpinRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
on_value_changed (TandemSpinRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
on_active_changed (TandemSpinRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
tandem_spin_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TandemSpinRow *self = TANDEM_SPIN_ROW (object);

  switch (prop_id)
    {
    case PROP_ADJUSTMENT:
      g_value_set_object (value, gtk_spin_button_get_adjustment (self->spin));
      break;
    case PROP_DIGITS:
      g_value_set_uint (value, gtk_spin_button_get_digits (self->spin));
      break;
    case PROP_VALUE:
      g_value_set_double (value, tandem_spin_row_get_value (self));
      break;
    case PROP_SWITCHABLE:
      g_value_set_boolean (value, tandem_spin_row_get_switchable (self));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, tandem_spin_row_get_active (self));
      break;
    case PROP_GROUP_DIGITS:
      g_value_set_boolean (value, self->group_digits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_spin_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TandemSpinRow *self = TANDEM_SPIN_ROW (object);

  switch (prop_id)
    {
    case PROP_ADJUSTMENT:
      if (g_value_get_object (value) != NULL && g_value_get_object (value) != gtk_spin_button_get_adjustment (self->spin))
        {
          gtk_spin_button_set_adjustment (self->spin, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
          g_object_notify_by_pspec (object, properties[PROP_VALUE]);
        }
      break;
    case PROP_DIGITS:
      if (g_value_get_uint (value) != gtk_spin_button_get_digits (self->spin))
        {
          gtk_spin_button_set_digits (self->spin, g_value_get_uint (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VALUE:
      tandem_spin_row_set_value (self, g_value_get_double (value));
      break;
    case PROP_SWITCHABLE:
      tandem_spin_row_set_switchable (self, g_value_get_boolean (value));
      break;
    case PROP_ACTIVE:
      tandem_spin_row_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_GROUP_DIGITS:
      tandem_spin_row_set_group_digits (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_spin_row_class_init (TandemSpinRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tandem_spin_row_get_property;
  object_class->set_property = tandem_spin_row_set_property;

  properties[PROP_ADJUSTMENT] =
    g_param_spec_object ("adjustment", NULL, NULL, GTK_TYPE_ADJUSTMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIGITS] =
    g_param_spec_uint ("digits", NULL, NULL, 0, 20, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SWITCHABLE] =
    g_param_spec_boolean ("switchable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_DIGITS] =
    g_param_spec_boolean ("group-digits", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-spin-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemSpinRow, spin);
  gtk_widget_class_bind_template_child (widget_class, TandemSpinRow, toggle);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_input);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_active_changed);
}

static void
tandem_spin_row_init (TandemSpinRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tandem_spin_row_new (const char *title,
                     double      lower,
                     double      upper,
                     double      step,
                     guint       digits)
{
  g_autoptr(GtkAdjustment) adjustment = g_object_ref_sink (gtk_adjustment_new (lower, lower, upper, step, 10 * step, 0));

  g_return_val_if_fail (lower <= upper, NULL);
  return g_object_new (TANDEM_TYPE_SPIN_ROW, "title", title, "adjustment", adjustment, "digits", digits, NULL);
}

GtkSpinButton *
tandem_spin_row_get_spin_button (TandemSpinRow *self)
{
  g_return_val_if_fail (TANDEM_IS_SPIN_ROW (self), NULL);
  return self->spin;
}

double
tandem_spin_row_get_value (TandemSpinRow *self)
{
  g_return_val_if_fail (TANDEM_IS_SPIN_ROW (self), 0);
  return gtk_spin_button_get_value (self->spin);
}

void
tandem_spin_row_set_value (TandemSpinRow *self,
                           double         value)
{
  g_return_if_fail (TANDEM_IS_SPIN_ROW (self));
  gtk_spin_button_set_value (self->spin, value);   /* notifies through value-changed */
}

gboolean
tandem_spin_row_get_switchable (TandemSpinRow *self)
{
  g_return_val_if_fail (TANDEM_IS_SPIN_ROW (self), FALSE);
  return self->switchable;
}

void
tandem_spin_row_set_switchable (TandemSpinRow *self,
                                gboolean       switchable)
{
  g_return_if_fail (TANDEM_IS_SPIN_ROW (self));
  if (!switchable == !self->switchable)
    return;
  /* Not merely hidden: an empty prefix box still indents the title */
  self->switchable = switchable;
  if (switchable)
    adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->toggle));
  else
    adw_action_row_remove (ADW_ACTION_ROW (self), GTK_WIDGET (self->toggle));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SWITCHABLE]);
}

GtkSwitch *
tandem_spin_row_get_switch (TandemSpinRow *self)
{
  g_return_val_if_fail (TANDEM_IS_SPIN_ROW (self), NULL);
  return self->toggle;
}

gboolean
tandem_spin_row_get_active (TandemSpinRow *self)
{
  g_return_val_if_fail (TANDEM_IS_SPIN_ROW (self), FALSE);
  return gtk_switch_get_active (self->toggle);
}

void
tandem_spin_row_set_active (TandemSpinRow *self,
                            gboolean       active)
{
  g_return_if_fail (TANDEM_IS_SPIN_ROW (self));
  gtk_switch_set_active (self->toggle, active);   /* notifies through notify::active */
}

void
tandem_spin_row_set_group_digits (TandemSpinRow *self,
                                  gboolean       group_digits)
{
  g_return_if_fail (TANDEM_IS_SPIN_ROW (self));
  if (!group_digits == !self->group_digits)
    return;
  self->group_digits = group_digits;
  /* gtk_spin_button_new_with_range () is numeric, which refuses separators */
  gtk_spin_button_set_numeric (self->spin, !group_digits);
  gtk_spin_button_set_update_policy (self->spin, group_digits ? GTK_UPDATE_IF_VALID : GTK_UPDATE_ALWAYS);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), group_digits ? 9 : -1);
  gtk_spin_button_update (self->spin);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_DIGITS]);
}

AdwComboRow *
tandem_combo_row_new (const char *title,
                      const char *subtitle,
                      GListModel *model,
                      guint       selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return ADW_COMBO_ROW (row);
}

GtkLabel *
tandem_grid_add_text (GtkGrid    *grid,
                      int         column,
                      int         row,
                      const char *text,
                      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return GTK_LABEL (label);
}

void
tandem_grid_add_heading (GtkGrid    *grid,
                         int         column,
                         int         row,
                         const char *text,
                         const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, "heading");
  if (tooltip != NULL)
    {
      gtk_widget_set_tooltip_text (label, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
    }
  gtk_grid_attach (grid, label, column, row, 1, 1);
}
