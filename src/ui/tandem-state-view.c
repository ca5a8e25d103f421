/* tandem-state-view.c — a widget that shows one state object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-state-view.h"

typedef struct
{
  GObject *state;
} TandemStateViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TandemStateView, tandem_state_view, ADW_TYPE_BIN)

enum { PROP_0, PROP_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

GObject *
tandem_state_view_get_state (TandemStateView *self)
{
  TandemStateViewPrivate *priv;

  g_return_val_if_fail (TANDEM_IS_STATE_VIEW (self), NULL);
  priv = tandem_state_view_get_instance_private (self);
  return priv->state;
}

static void
release_state (TandemStateView *self)
{
  TandemStateViewPrivate *priv = tandem_state_view_get_instance_private (self);

  if (priv->state != NULL)
    g_signal_handlers_disconnect_by_data (priv->state, self);
  g_clear_object (&priv->state);
}

void
tandem_state_view_set_state (TandemStateView *self,
                             GObject         *state)
{
  TandemStateViewClass *klass;
  TandemStateViewPrivate *priv;

  g_return_if_fail (TANDEM_IS_STATE_VIEW (self));
  klass = TANDEM_STATE_VIEW_GET_CLASS (self);
  g_return_if_fail (state == NULL || g_type_is_a (G_OBJECT_TYPE (state), klass->state_type));

  priv = tandem_state_view_get_instance_private (self);
  if (priv->state == state)
    return;
  release_state (self);
  priv->state = state ? g_object_ref (state) : NULL;
  if (state != NULL && klass->connect_state != NULL)
    klass->connect_state (self, state);
  if (klass->state_changed != NULL)
    klass->state_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
tandem_state_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, tandem_state_view_get_state (TANDEM_STATE_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_state_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STATE:
      tandem_state_view_set_state (TANDEM_STATE_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_state_view_dispose (GObject *object)
{
  release_state (TANDEM_STATE_VIEW (object));
  G_OBJECT_CLASS (tandem_state_view_parent_class)->dispose (object);
}

static void
tandem_state_view_class_init (TandemStateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tandem_state_view_get_property;
  object_class->set_property = tandem_state_view_set_property;
  object_class->dispose = tandem_state_view_dispose;
  klass->state_type = G_TYPE_OBJECT;

  properties[PROP_STATE] = g_param_spec_object ("state", NULL, NULL, G_TYPE_OBJECT,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_state_view_init (TandemStateView *self)
{
}
