/* tandem-funnel-stage-list.c — the funnel's stages, one row each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are made again when the stages change shape (a stage added,
 * moved or deleted, a template, an undo); typing in a row only edits the
 * state, so the row keeps its focus.
 */

#include "config.h"

#include "tandem-funnel-stage-list.h"
#include "tandem-funnel-stage-row.h"

struct _TandemFunnelStageList
{
  TandemStateView    parent_instance;

  GtkListBox        *list;
};

G_DEFINE_FINAL_TYPE (TandemFunnelStageList, tandem_funnel_stage_list, TANDEM_TYPE_STATE_VIEW)

static void
rebuild (TandemStateView *view)
{
  TandemFunnelStageList *self = TANDEM_FUNNEL_STAGE_LIST (view);
  TandemFunnelState *state = (TandemFunnelState *) tandem_state_view_get_state (view);
  const TandemTaxonomy *taxonomy = state ? tandem_funnel_state_get_taxonomy (state) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; taxonomy != NULL && i < tandem_taxonomy_get_n_stages (taxonomy); i++)
    gtk_list_box_append (self->list, tandem_funnel_stage_row_new (state, i));
}

static void
connect_state (TandemStateView *view,
               GObject         *state)
{
  g_signal_connect_object (state, "stages-changed", G_CALLBACK (rebuild), view, G_CONNECT_SWAPPED);
}

static void
tandem_funnel_stage_list_class_init (TandemFunnelStageListClass *klass)
{
  TandemStateViewClass *view_class = TANDEM_STATE_VIEW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  view_class->state_type = TANDEM_TYPE_FUNNEL_STATE;
  view_class->connect_state = connect_state;
  view_class->state_changed = rebuild;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-funnel-stage-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelStageList, list);
}

static void
tandem_funnel_stage_list_init (TandemFunnelStageList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
