/* tandem-history.h — undo and redo for any state a page edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One history serves every page.  It keeps snapshots of the edited state
 * (a model, the stages and their placing, a plan's inputs…): before each
 * change the owner pushes the state as it was; Undo hands back the state
 * to restore and keeps the current one for Redo.  The snapshots are the
 * owner's type, copied and freed with the functions given at creation.
 *
 * Coalescing: a push with the same non-NULL key as the push before it (and
 * nothing undone in between) is one step with it, so typing in a field or
 * dragging a slider is undone at once.  The cap drops the oldest steps.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_HISTORY (tandem_history_get_type ())
G_DECLARE_FINAL_TYPE (TandemHistory, tandem_history, TANDEM, HISTORY, GObject)

#define TANDEM_HISTORY_DEFAULT_CAP 100

TandemHistory *tandem_history_new             (GBoxedCopyFunc  copy,
                                               GDestroyNotify  free,
                                               guint           cap);

/* The state as it was before a change about to be made; @coalesce_key
 * (may be NULL) joins it to the previous step when the keys are equal.  */
void           tandem_history_push            (TandemHistory  *self,
                                               gconstpointer   before,
                                               const char     *coalesce_key);
/* The next push starts a step of its own, whatever its key. */
void           tandem_history_break           (TandemHistory  *self);

/* The state to restore (the caller's to free), or NULL when there is
 * nothing to undo (redo); @current goes to the other side.             */
gpointer       tandem_history_undo            (TandemHistory  *self,
                                               gconstpointer   current);
gpointer       tandem_history_redo            (TandemHistory  *self,
                                               gconstpointer   current);

gboolean       tandem_history_get_can_undo    (TandemHistory  *self);
gboolean       tandem_history_get_can_redo    (TandemHistory  *self);
guint          tandem_history_get_n_undo      (TandemHistory  *self);
guint          tandem_history_get_n_redo      (TandemHistory  *self);
void           tandem_history_clear           (TandemHistory  *self);

G_END_DECLS
