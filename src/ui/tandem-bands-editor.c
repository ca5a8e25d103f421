/* tandem-bands-editor.c — where each band of a scoring model starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per dimension: the number of bands (add one below, remove the lowest),
 * where each starts, and the lowest and highest score.  A number that
 * would put the bands out of order is marked where it was typed and not
 * applied.  The spins follow the draft (a handle dragged on the matrix,
 * an undo) without being rebuilt under the user's typing.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-bands-editor.h"
#include "tandem-rows.h"

struct _TandemBandsEditor
{
  TandemStateView     parent_instance;

  GtkListBox         *list;

  GPtrArray          *threshold_spins[TANDEM_N_DIMENSIONS];   /* GtkSpinButton, by band */
  gboolean            updating;   /* spins set from the draft, not by the user */
};

G_DEFINE_FINAL_TYPE (TandemBandsEditor, tandem_bands_editor, TANDEM_TYPE_STATE_VIEW)

static TandemScoringState *
state_of (TandemBandsEditor *self)
{
  return (TandemScoringState *) tandem_state_view_get_state (TANDEM_STATE_VIEW (self));
}

static TandemDimensionSpec *
spec_of (TandemBandsEditor *self,
         TandemDimension    d)
{
  TandemModel *model = state_of (self) ? tandem_scoring_state_get_model (state_of (self)) : NULL;
  return model ? tandem_model_get_dimension (model, d) : NULL;
}

static void
mark_error (GtkWidget  *spin,
            const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (spin, "error");
  else
    gtk_widget_remove_css_class (spin, "error");
  gtk_widget_set_tooltip_text (spin, message);
}

static void
on_threshold_changed (GtkSpinButton     *spin,
                      TandemBandsEditor *self)
{
  TandemDimension d = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "dimension"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "index"));
  TandemDimensionSpec *spec = spec_of (self, d);
  double value = gtk_spin_button_get_value (spin);

  if (self->updating || spec == NULL || index >= spec->n_thresholds)
    return;
  if ((index > 0 && value >= spec->thresholds[index - 1]) ||
      (index + 1 < spec->n_thresholds && value <= spec->thresholds[index + 1]))
    {
      /* Explained where it happened, and not applied */
      g_autofree char *message = g_strdup_printf (_("Bands go down: this one must start below %g and above %g"),
                                                  index > 0 ? spec->thresholds[index - 1] : INFINITY,
                                                  index + 1 < spec->n_thresholds ? spec->thresholds[index + 1] : -INFINITY);
      mark_error (GTK_WIDGET (spin), message);
      return;
    }
  mark_error (GTK_WIDGET (spin), NULL);
  tandem_scoring_state_set_threshold (state_of (self), d, index, value, FALSE);
}

static void
on_limit_changed (TandemSpinRow     *row,
                  GParamSpec        *pspec,
                  TandemBandsEditor *self)
{
  TandemDimension d = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "dimension"));
  gboolean is_cap = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "cap"));
  GtkSpinButton *spin = tandem_spin_row_get_spin_button (row);
  gboolean on = tandem_spin_row_get_active (row);
  g_autoptr(GError) error = NULL;

  if (self->updating || state_of (self) == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (spin), on);
  if (!tandem_scoring_state_set_limit (state_of (self), d, is_cap, on, gtk_spin_button_get_value (spin), &error))
    mark_error (GTK_WIDGET (spin), error->message);
  else
    mark_error (GTK_WIDGET (spin), NULL);
}

static void
on_add_band (GtkButton         *button,
             TandemBandsEditor *self)
{
  tandem_scoring_state_change_bands (state_of (self), GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dimension")), 1);
}

static void
on_remove_band (GtkButton         *button,
                TandemBandsEditor *self)
{
  tandem_scoring_state_change_bands (state_of (self), GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dimension")), -1);
}

static TandemSpinRow *
spin_row (const char *title,
          double      value)
{
  TandemSpinRow *row = TANDEM_SPIN_ROW (tandem_spin_row_new (title, -100000, 100000, 1, 2));

  tandem_spin_row_set_value (row, value);
  return row;
}

static void
add_count_row (TandemBandsEditor   *self,
               TandemDimension      d,
               TandemDimensionSpec *spec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *count = g_strdup_printf (d == TANDEM_DIMENSION_FIT ? _("Fit bands: A to %c") : _("Interest bands: 1 to %c"),
                                            d == TANDEM_DIMENSION_FIT ? 'A' + spec->n_thresholds : '1' + spec->n_thresholds);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), count);
  for (GtkWidget *b = add; b != NULL; b = b == add ? remove : NULL)
    {
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (b, "flat");
      g_object_set_data (G_OBJECT (b), "dimension", GUINT_TO_POINTER (d));
    }
  gtk_widget_set_tooltip_text (add, _("Add a Band"));
  gtk_widget_set_tooltip_text (remove, _("Remove the Lowest Band"));
  gtk_widget_set_sensitive (add, spec->n_thresholds < TANDEM_MAX_THRESHOLDS);
  gtk_widget_set_sensitive (remove, spec->n_thresholds > 1);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_band), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_band), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  gtk_list_box_append (self->list, row);
}

static void
add_rows (TandemBandsEditor *self,
          TandemDimension    d)
{
  TandemDimensionSpec *spec = spec_of (self, d);

  add_count_row (self, d, spec);
  for (guint t = 0; t < spec->n_thresholds; t++)
    {
      g_autofree char *title = g_strdup_printf (d == TANDEM_DIMENSION_FIT ? _("Fit band %c from") : _("Interest band %c from"),
                                                d == TANDEM_DIMENSION_FIT ? 'A' + t : '1' + t);
      TandemSpinRow *row = spin_row (title, spec->thresholds[t]);
      GtkSpinButton *spin = tandem_spin_row_get_spin_button (row);

      g_object_set_data (G_OBJECT (spin), "dimension", GUINT_TO_POINTER (d));
      g_object_set_data (G_OBJECT (spin), "index", GUINT_TO_POINTER (t));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_threshold_changed), self);
      g_ptr_array_add (self->threshold_spins[d], spin);
      gtk_list_box_append (self->list, GTK_WIDGET (row));
    }

  for (guint is_cap = 0; is_cap < 2; is_cap++)
    {
      const char *title = is_cap ? (d == TANDEM_DIMENSION_FIT ? _("Highest fit score") : _("Highest interest score"))
                                 : (d == TANDEM_DIMENSION_FIT ? _("Lowest fit score") : _("Lowest interest score"));
      TandemSpinRow *row = spin_row (title, is_cap ? (spec->has_cap ? spec->cap : 100) : (spec->has_floor ? spec->floor : 0));
      gboolean on = is_cap ? spec->has_cap : spec->has_floor;

      tandem_spin_row_set_switchable (row, TRUE);
      tandem_spin_row_set_active (row, on);
      gtk_widget_set_sensitive (GTK_WIDGET (tandem_spin_row_get_spin_button (row)), on);
      g_object_set_data (G_OBJECT (row), "dimension", GUINT_TO_POINTER (d));
      g_object_set_data (G_OBJECT (row), "cap", GUINT_TO_POINTER (is_cap));
      g_signal_connect (row, "notify::value", G_CALLBACK (on_limit_changed), self);
      g_signal_connect (row, "notify::active", G_CALLBACK (on_limit_changed), self);
      gtk_list_box_append (self->list, GTK_WIDGET (row));
    }
}

static void
rebuild (TandemBandsEditor *self)
{
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_ptr_array_set_size (self->threshold_spins[d], 0);
  if (spec_of (self, TANDEM_DIMENSION_FIT) != NULL)
    for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
      add_rows (self, d);
  self->updating = FALSE;
}

/* The band starts as they are now (a handle dragged, a number typed
 * elsewhere): set in place, so a spin being typed in stays */
static void
on_counts_changed (TandemBandsEditor *self)
{
  self->updating = TRUE;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *spec = spec_of (self, d);

      if (spec == NULL || spec->n_thresholds != self->threshold_spins[d]->len)
        {
          self->updating = FALSE;
          rebuild (self);
          return;
        }
      for (guint t = 0; t < spec->n_thresholds; t++)
        {
          GtkSpinButton *spin = g_ptr_array_index (self->threshold_spins[d], t);
          if (gtk_spin_button_get_value (spin) != spec->thresholds[t])
            gtk_spin_button_set_value (spin, spec->thresholds[t]);
        }
    }
  self->updating = FALSE;
}

static void
state_changed (TandemStateView *view)
{
  rebuild (TANDEM_BANDS_EDITOR (view));
}

static void
connect_state (TandemStateView *view,
               GObject         *state)
{
  g_signal_connect_object (state, "rules-changed", G_CALLBACK (rebuild), view, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "counts-changed", G_CALLBACK (on_counts_changed), view, G_CONNECT_SWAPPED);
}

static void
tandem_bands_editor_finalize (GObject *object)
{
  TandemBandsEditor *self = TANDEM_BANDS_EDITOR (object);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_clear_pointer (&self->threshold_spins[d], g_ptr_array_unref);
  G_OBJECT_CLASS (tandem_bands_editor_parent_class)->finalize (object);
}

static void
tandem_bands_editor_class_init (TandemBandsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TandemStateViewClass *view_class = TANDEM_STATE_VIEW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tandem_bands_editor_finalize;
  view_class->state_type = TANDEM_TYPE_SCORING_STATE;
  view_class->connect_state = connect_state;
  view_class->state_changed = state_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-bands-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemBandsEditor, list);
}

static void
tandem_bands_editor_init (TandemBandsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    self->threshold_spins[d] = g_ptr_array_new ();
}
