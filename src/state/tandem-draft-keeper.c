/* tandem-draft-keeper.c — unsaved edits kept in the workspace a moment later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-draft-keeper.h"

struct _TandemDraftKeeper
{
  GObject              parent_instance;

  guint                delay_ms;
  TandemDraftSaveFunc  save;
  gpointer             user_data;
  GDestroyNotify       destroy;

  GMainContext        *context;
  GSource             *timer;     /* the pending save; NULL: nothing pending */
  gboolean             pending;
  guint                n_saves;
};

G_DEFINE_FINAL_TYPE (TandemDraftKeeper, tandem_draft_keeper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

enum {
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
stop_timer (TandemDraftKeeper *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static void
set_pending (TandemDraftKeeper *self,
             gboolean           pending)
{
  if (self->pending == pending)
    return;
  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
tandem_draft_keeper_dispose (GObject *object)
{
  TandemDraftKeeper *self = TANDEM_DRAFT_KEEPER (object);

  stop_timer (self);
  self->pending = FALSE;
  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  self->user_data = NULL;
  self->save = NULL;

  G_OBJECT_CLASS (tandem_draft_keeper_parent_class)->dispose (object);
}

static void
tandem_draft_keeper_finalize (GObject *object)
{
  TandemDraftKeeper *self = TANDEM_DRAFT_KEEPER (object);

  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (tandem_draft_keeper_parent_class)->finalize (object);
}

static void
tandem_draft_keeper_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemDraftKeeper *self = TANDEM_DRAFT_KEEPER (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_draft_keeper_class_init (TandemDraftKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_draft_keeper_dispose;
  object_class->finalize = tandem_draft_keeper_finalize;
  object_class->get_property = tandem_draft_keeper_get_property;

  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A save failed (the GError says why); the draft stays pending. */
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
tandem_draft_keeper_init (TandemDraftKeeper *self)
{
  self->context = g_main_context_ref_thread_default ();
}

TandemDraftKeeper *
tandem_draft_keeper_new (guint               delay_ms,
                         TandemDraftSaveFunc save,
                         gpointer            user_data,
                         GDestroyNotify      destroy)
{
  TandemDraftKeeper *self;

  g_return_val_if_fail (save != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_DRAFT_KEEPER, NULL);
  self->delay_ms = delay_ms;
  self->save = save;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

/* Saves now; on failure the draft stays pending and "failed" says why. */
static gboolean
save_now (TandemDraftKeeper  *self,
          GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  stop_timer (self);
  if (!self->pending || self->save == NULL)
    return TRUE;

  if (!self->save (self->user_data, &local_error))
    {
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->n_saves++;
  set_pending (self, FALSE);
  return TRUE;
}

static gboolean
timer_fired (gpointer data)
{
  TandemDraftKeeper *self = data;

  g_clear_pointer (&self->timer, g_source_unref);
  g_object_ref (self);
  save_now (self, NULL);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

void
tandem_draft_keeper_queue (TandemDraftKeeper *self)
{
  g_return_if_fail (TANDEM_IS_DRAFT_KEEPER (self));

  if (self->save == NULL)
    return;
  stop_timer (self);
  set_pending (self, TRUE);
  self->timer = g_timeout_source_new (self->delay_ms);
  g_source_set_static_name (self->timer, "[tandem] draft keeper");
  g_source_set_callback (self->timer, timer_fired, self, NULL);
  g_source_attach (self->timer, self->context);
}

gboolean
tandem_draft_keeper_flush (TandemDraftKeeper  *self,
                           GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_DRAFT_KEEPER (self), FALSE);

  return save_now (self, error);
}

void
tandem_draft_keeper_cancel (TandemDraftKeeper *self)
{
  g_return_if_fail (TANDEM_IS_DRAFT_KEEPER (self));

  stop_timer (self);
  set_pending (self, FALSE);
}

gboolean
tandem_draft_keeper_get_pending (TandemDraftKeeper *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAFT_KEEPER (self), FALSE);

  return self->pending;
}

guint
tandem_draft_keeper_get_n_saves (TandemDraftKeeper *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAFT_KEEPER (self), 0);

  return self->n_saves;
}
