/* tandem-draft-keeper.h — unsaved edits kept in the workspace a moment later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One draft keeper serves every page: after each edit the owner queues a
 * save, and the keeper calls the owner's save function once the edits have
 * paused for the delay (0.3 s by default), so a burst of edits — a slider
 * dragged, a word typed — is one write.  flush() writes a pending draft at
 * once (before closing, before another workspace opens); cancel() forgets
 * it (the draft was published or discarded).  A failed save is reported
 * through the "failed" signal and stays pending, so nothing is lost.
 *
 * The timer runs on the thread-default main context of the thread that
 * created the keeper.  Disposing the keeper cancels what is pending: its
 * owner flushes first when the draft must survive.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_DRAFT_KEEPER (tandem_draft_keeper_get_type ())
G_DECLARE_FINAL_TYPE (TandemDraftKeeper, tandem_draft_keeper, TANDEM, DRAFT_KEEPER, GObject)

#define TANDEM_DRAFT_KEEPER_DEFAULT_DELAY_MS 300

/* Writes the draft; FALSE with @error set when it could not. */
typedef gboolean (*TandemDraftSaveFunc) (gpointer   user_data,
                                         GError   **error);

TandemDraftKeeper *tandem_draft_keeper_new         (guint                delay_ms,
                                                    TandemDraftSaveFunc  save,
                                                    gpointer             user_data,
                                                    GDestroyNotify       destroy);

void               tandem_draft_keeper_queue       (TandemDraftKeeper   *self);
gboolean           tandem_draft_keeper_flush       (TandemDraftKeeper   *self,
                                                    GError             **error);
void               tandem_draft_keeper_cancel      (TandemDraftKeeper   *self);
gboolean           tandem_draft_keeper_get_pending (TandemDraftKeeper   *self);
guint              tandem_draft_keeper_get_n_saves (TandemDraftKeeper   *self);

G_END_DECLS
