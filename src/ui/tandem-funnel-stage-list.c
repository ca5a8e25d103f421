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
  AdwBin             parent_instance;

  GtkListBox        *list;

  TandemFunnelState *state;
};

G_DEFINE_FINAL_TYPE (TandemFunnelStageList, tandem_funnel_stage_list, ADW_TYPE_BIN)

enum { PROP_0, PROP_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
rebuild (TandemFunnelStageList *self)
{
  const TandemTaxonomy *taxonomy = self->state ? tandem_funnel_state_get_taxonomy (self->state) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; taxonomy != NULL && i < tandem_taxonomy_get_n_stages (taxonomy); i++)
    gtk_list_box_append (self->list, tandem_funnel_stage_row_new (self->state, i));
}

TandemFunnelState *
tandem_funnel_stage_list_get_state (TandemFunnelStageList *self)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STAGE_LIST (self), NULL);

  return self->state;
}

void
tandem_funnel_stage_list_set_state (TandemFunnelStageList *self,
                                    TandemFunnelState     *state)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STAGE_LIST (self));
  g_return_if_fail (state == NULL || TANDEM_IS_FUNNEL_STATE (state));

  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  if (state != NULL)
    g_signal_connect_object (state, "stages-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
tandem_funnel_stage_list_dispose (GObject *object)
{
  TandemFunnelStageList *self = TANDEM_FUNNEL_STAGE_LIST (object);

  tandem_funnel_stage_list_set_state (self, NULL);
  G_OBJECT_CLASS (tandem_funnel_stage_list_parent_class)->dispose (object);
}

static void
tandem_funnel_stage_list_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TandemFunnelStageList *self = TANDEM_FUNNEL_STAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_funnel_stage_list_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TandemFunnelStageList *self = TANDEM_FUNNEL_STAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_STATE:
      tandem_funnel_stage_list_set_state (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_funnel_stage_list_class_init (TandemFunnelStageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_funnel_stage_list_dispose;
  object_class->get_property = tandem_funnel_stage_list_get_property;
  object_class->set_property = tandem_funnel_stage_list_set_property;

  properties[PROP_STATE] = g_param_spec_object ("state", NULL, NULL, TANDEM_TYPE_FUNNEL_STATE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-funnel-stage-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelStageList, list);
}

static void
tandem_funnel_stage_list_init (TandemFunnelStageList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
