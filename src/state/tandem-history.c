/* tandem-history.c — undo and redo for any state a page edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-history.h"

struct _TandemHistory
{
  GObject         parent_instance;

  GBoxedCopyFunc  copy;
  GDestroyNotify  free;
  guint           cap;

  GPtrArray      *undo;          /* the states before each step, oldest first */
  GPtrArray      *redo;          /* the states undone, the latest last */
  char           *last_key;      /* the previous push's coalescing key */
};

G_DEFINE_FINAL_TYPE (TandemHistory, tandem_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tandem_history_finalize (GObject *object)
{
  TandemHistory *self = TANDEM_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_free (self->last_key);

  G_OBJECT_CLASS (tandem_history_parent_class)->finalize (object);
}

static void
tandem_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TandemHistory *self = TANDEM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tandem_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, tandem_history_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_history_class_init (TandemHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_history_finalize;
  object_class->get_property = tandem_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_history_init (TandemHistory *self)
{
}

TandemHistory *
tandem_history_new (GBoxedCopyFunc copy,
                    GDestroyNotify free,
                    guint          cap)
{
  TandemHistory *self;

  g_return_val_if_fail (copy != NULL && free != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_HISTORY, NULL);
  self->copy = copy;
  self->free = free;
  self->cap = cap > 0 ? cap : TANDEM_HISTORY_DEFAULT_CAP;
  self->undo = g_ptr_array_new_with_free_func (free);
  self->redo = g_ptr_array_new_with_free_func (free);
  return self;
}

/* Notifies whichever of can-undo and can-redo changed. */
static void
notify_changes (TandemHistory *self,
                gboolean       could_undo,
                gboolean       could_redo)
{
  if (could_undo != tandem_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != tandem_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

void
tandem_history_push (TandemHistory *self,
                     gconstpointer  before,
                     const char    *coalesce_key)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (TANDEM_IS_HISTORY (self));
  g_return_if_fail (before != NULL);

  could_undo = tandem_history_get_can_undo (self);
  could_redo = tandem_history_get_can_redo (self);

  /* The same field again: the step already holds the state before it */
  if (coalesce_key != NULL && self->last_key != NULL && self->undo->len > 0 &&
      self->redo->len == 0 && g_str_equal (coalesce_key, self->last_key))
    return;

  g_ptr_array_add (self->undo, self->copy ((gpointer) before));
  while (self->undo->len > self->cap)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_free (self->last_key);
  self->last_key = g_strdup (coalesce_key);

  notify_changes (self, could_undo, could_redo);
}

void
tandem_history_break (TandemHistory *self)
{
  g_return_if_fail (TANDEM_IS_HISTORY (self));

  g_clear_pointer (&self->last_key, g_free);
}

static gpointer
step (TandemHistory *self,
      GPtrArray     *from,
      GPtrArray     *to,
      gconstpointer  current)
{
  gboolean could_undo = tandem_history_get_can_undo (self);
  gboolean could_redo = tandem_history_get_can_redo (self);
  gpointer state;

  if (from->len == 0)
    return NULL;

  state = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, self->copy ((gpointer) current));
  /* A step undone or redone is never joined by the next edit */
  g_clear_pointer (&self->last_key, g_free);

  notify_changes (self, could_undo, could_redo);
  return state;
}

gpointer
tandem_history_undo (TandemHistory *self,
                     gconstpointer  current)
{
  g_return_val_if_fail (TANDEM_IS_HISTORY (self), NULL);
  g_return_val_if_fail (current != NULL, NULL);

  return step (self, self->undo, self->redo, current);
}

gpointer
tandem_history_redo (TandemHistory *self,
                     gconstpointer  current)
{
  g_return_val_if_fail (TANDEM_IS_HISTORY (self), NULL);
  g_return_val_if_fail (current != NULL, NULL);

  return step (self, self->redo, self->undo, current);
}

gboolean
tandem_history_get_can_undo (TandemHistory *self)
{
  g_return_val_if_fail (TANDEM_IS_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

gboolean
tandem_history_get_can_redo (TandemHistory *self)
{
  g_return_val_if_fail (TANDEM_IS_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

guint
tandem_history_get_n_undo (TandemHistory *self)
{
  g_return_val_if_fail (TANDEM_IS_HISTORY (self), 0);

  return self->undo->len;
}

guint
tandem_history_get_n_redo (TandemHistory *self)
{
  g_return_val_if_fail (TANDEM_IS_HISTORY (self), 0);

  return self->redo->len;
}

void
tandem_history_clear (TandemHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (TANDEM_IS_HISTORY (self));

  could_undo = tandem_history_get_can_undo (self);
  could_redo = tandem_history_get_can_redo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->last_key, g_free);
  notify_changes (self, could_undo, could_redo);
}
