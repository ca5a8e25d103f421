/* tandem-matrix-view.c — the matrix as a widget: toggle cells, drag thresholds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paints with the charts' renderer.  Signals:
 *   cell-toggled (fit, interest)       a click, or Space on the focused cell
 *   cell-activated (fit, interest)     Return, or a secondary click: show its leads
 *   threshold-changed (axis, index, score, finished)
 *                                      every pointer motion of a drag, then once with finished
 */

#include "config.h"

#include "tandem-matrix-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

struct _TandemMatrixView
{
  TandemChartView    parent_instance;

  TandemMatrixData   data;
  TandemMatrixLayout layout;
  guint              focus_fit, focus_interest;
  gboolean           dragging;
  TandemMatrixAxis   drag_axis;
  guint              drag_index;
  double             drag_start;   /* pointer position on the drag's axis */
};

G_DEFINE_FINAL_TYPE (TandemMatrixView, tandem_matrix_view, TANDEM_TYPE_CHART_VIEW)

enum { CELL_TOGGLED, CELL_ACTIVATED, THRESHOLD_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_layout (TandemMatrixView *self)
{
  tandem_matrix_layout (&self->data, tandem_chart_view_peek_style (TANDEM_CHART_VIEW (self)), gtk_widget_get_width (GTK_WIDGET (self)),
                        gtk_widget_get_height (GTK_WIDGET (self)), &self->layout);
}

/* The focus ring and the handle being dragged; TandemChartView paints */
static void
tandem_matrix_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  TandemMatrixView *self = TANDEM_MATRIX_VIEW (widget);

  self->data.focus_fit = gtk_widget_has_focus (widget) ? (int) self->focus_fit : -1;
  self->data.focus_interest = (int) self->focus_interest;
  self->data.active_axis = self->dragging ? (int) self->drag_axis : -1;
  self->data.active_handle = self->dragging ? (int) self->drag_index : -1;
  GTK_WIDGET_CLASS (tandem_matrix_view_parent_class)->snapshot (widget, snapshot);
}

static void
tandem_matrix_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  update_layout (TANDEM_MATRIX_VIEW (widget));
}

static gboolean
tandem_matrix_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip)
{
  TandemMatrixView *self = TANDEM_MATRIX_VIEW (widget);
  TandemMatrixAxis axis;
  guint f, i, index;

  if (keyboard)
    {
      g_autofree char *text = tandem_matrix_dup_cell_text (&self->data, self->focus_fit, self->focus_interest);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if (tandem_matrix_handle_at (&self->data, &self->layout, x, y, &axis, &index))
    {
      g_autofree char *text = g_strdup_printf (axis == TANDEM_MATRIX_AXIS_FIT
                                               ? _("Fit band %c starts at %g — drag to move it")
                                               : _("Interest band %c starts at %g — drag to move it"),
                                               axis == TANDEM_MATRIX_AXIS_FIT ? 'A' + index : '1' + index,
                                               round (self->data.axes[axis].thresholds[index] * 100) / 100);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  if (tandem_matrix_cell_at (&self->data, &self->layout, x, y, &f, &i))
    {
      g_autofree char *cell = tandem_matrix_dup_cell_text (&self->data, f, i);
      /* Translators: a matrix cell's tooltip: its numbers, then what clicking does */
      g_autofree char *text = g_strdup_printf (_("%s\nClick to toggle MQL · right-click to see its leads"), cell);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  return FALSE;
}

static void
move_focus (TandemMatrixView *self,
            int               dfit,
            int               dinterest)
{
  self->focus_fit = (guint) CLAMP ((int) self->focus_fit + dfit, 0, (int) self->data.n_fit - 1);
  self->focus_interest = (guint) CLAMP ((int) self->focus_interest + dinterest, 0, (int) self->data.n_interest - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TandemMatrixView      *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      move_focus (self, 0, -1);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      move_focus (self, 0, 1);
      return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      move_focus (self, -1, 0);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      move_focus (self, 1, 0);
      return TRUE;
    case GDK_KEY_space: case GDK_KEY_KP_Space:
      g_signal_emit (self, signals[CELL_TOGGLED], 0, self->focus_fit, self->focus_interest);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      g_signal_emit (self, signals[CELL_ACTIVATED], 0, self->focus_fit, self->focus_interest);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_click_released (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   TandemMatrixView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  guint f, i;

  if (self->dragging || !tandem_matrix_cell_at (&self->data, &self->layout, x, y, &f, &i))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->focus_fit = f;
  self->focus_interest = i;
  if (button == GDK_BUTTON_SECONDARY)
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, f, i);
  else if (button == GDK_BUTTON_PRIMARY)
    g_signal_emit (self, signals[CELL_TOGGLED], 0, f, i);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
emit_threshold (TandemMatrixView *self,
                double            position,
                gboolean          finished)
{
  double score = tandem_matrix_score_at (&self->data, &self->layout, self->drag_axis, position);

  /* Whole hundredths: numbers people can read back */
  score = round (score * 100) / 100;
  g_signal_emit (self, signals[THRESHOLD_CHANGED], 0, (guint) self->drag_axis, self->drag_index, score, finished);
}

static void
on_drag_begin (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               TandemMatrixView *self)
{
  TandemMatrixAxis axis;
  guint index;

  if (!tandem_matrix_handle_at (&self->data, &self->layout, x, y, &axis, &index))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->dragging = TRUE;
  self->drag_axis = axis;
  self->drag_index = index;
  self->drag_start = axis == TANDEM_MATRIX_AXIS_INTEREST ? x : y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                TandemMatrixView *self)
{
  if (!self->dragging)
    return;
  emit_threshold (self, self->drag_start + (self->drag_axis == TANDEM_MATRIX_AXIS_INTEREST ? dx : dy), FALSE);
}

static void
on_drag_end (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             TandemMatrixView *self)
{
  if (!self->dragging)
    return;
  emit_threshold (self, self->drag_start + (self->drag_axis == TANDEM_MATRIX_AXIS_INTEREST ? dx : dy), TRUE);
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tandem_matrix_view_drag_handle (TandemMatrixView *self,
                                TandemMatrixAxis  axis,
                                guint             index,
                                double            score,
                                gboolean          finish)
{
  g_return_val_if_fail (TANDEM_IS_MATRIX_VIEW (self), FALSE);

  if (index >= self->data.axes[axis].n_thresholds)
    return FALSE;
  update_layout (self);
  self->dragging = TRUE;
  self->drag_axis = axis;
  self->drag_index = index;
  g_signal_emit (self, signals[THRESHOLD_CHANGED], 0, (guint) axis, index, round (score * 100) / 100, finish);
  if (finish)
    self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
tandem_matrix_view_class_init (TandemMatrixViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  tandem_chart_view_class_set_size (TANDEM_CHART_VIEW_CLASS (klass), 300, 260, 720, 560);
  widget_class->snapshot = tandem_matrix_view_snapshot;
  widget_class->size_allocate = tandem_matrix_view_size_allocate;
  widget_class->query_tooltip = tandem_matrix_view_query_tooltip;

  signals[CELL_TOGGLED] = g_signal_new ("cell-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[CELL_ACTIVATED] = g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[THRESHOLD_CHANGED] = g_signal_new ("threshold-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT,
                                             G_TYPE_DOUBLE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_css_name (widget_class, "matrixview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tandem_matrix_view_init (TandemMatrixView *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  tandem_matrix_data_init (&self->data);
  tandem_chart_view_set_chart (TANDEM_CHART_VIEW (self), tandem_matrix_draw, &self->data, NULL, NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lead matrix"), -1);
}

GtkWidget *
tandem_matrix_view_new (void)
{
  return g_object_new (TANDEM_TYPE_MATRIX_VIEW, NULL);
}

void
tandem_matrix_view_set_data (TandemMatrixView       *self,
                             const TandemMatrixData *data)
{
  g_autofree char *description = NULL;

  g_return_if_fail (TANDEM_IS_MATRIX_VIEW (self));

  self->data = *data;
  self->focus_fit = MIN (self->focus_fit, MAX (data->n_fit, 1) - 1);
  self->focus_interest = MIN (self->focus_interest, MAX (data->n_interest, 1) - 1);
  update_layout (self);
  description = tandem_matrix_dup_description (data);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const TandemMatrixData *
tandem_matrix_view_get_data (TandemMatrixView *self)
{
  g_return_val_if_fail (TANDEM_IS_MATRIX_VIEW (self), NULL);
  return &self->data;
}

gboolean
tandem_matrix_view_is_dragging (TandemMatrixView *self)
{
  return self->dragging;
}

void
tandem_matrix_view_get_focus_cell (TandemMatrixView *self,
                                   guint            *fit_band,
                                   guint            *interest_band)
{
  *fit_band = self->focus_fit;
  *interest_band = self->focus_interest;
}
