/* tandem-snapshot.h — the columnar snapshot a workspace keeps of its leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  Next to the rows (the source of truth), a workspace keeps
 * every lead column and every event type in columnar form in table
 * `snapshot`: text dictionary-encoded, numbers and dates as doubles (dates
 * in days), yes/no as bytes, events per type as each lead's count and the
 * days in lead order; chunks of 2^18 leads (the manifest says), each a zstd frame with its
 * checksum.  A manifest part names the parts and carries a stamp of the
 * rows it was made from (lead count and last ids, event and import ids,
 * the table of columns, the format): a snapshot whose stamp is not the
 * rows' own, or whose parts do not decode exactly, is never used.
 */
#pragma once

#include "tandem-scorer-private.h"
#include "tandem-store-private.h"

G_BEGIN_DECLS

/* Rebuilds the snapshot from the rows.  Call inside the transaction that
 * changed them (an import, the demo), after the last change, so the two
 * commit together. */
gboolean     tandem_snapshot_rebuild           (TandemStore  *store,
                                                GError      **error);

/* Whether the workspace's snapshot is there and its stamp is the rows'. */
gboolean     tandem_snapshot_is_current        (TandemStore  *store);

/* Fills the scorer's lead keys, rowids, columns (self->columns, by name)
 * and event series (self->event_series, by type) from the snapshot.
 * FALSE, with nothing filled, when there is none, it is stale or a part
 * is damaged (then @why says which, for the debug log): the caller reads
 * the rows. */
gboolean     tandem_snapshot_load              (TandemScorer *self,
                                                TandemStore  *store,
                                                char        **why);

/* Tests only: FALSE makes every load read the rows; a small chunk (a
 * power of two, at least 64; 0 for the default) gives many chunks. */
void         tandem_snapshot_set_enabled_for_testing (gboolean enabled);
void         tandem_snapshot_set_chunk_for_testing   (guint    leads);

G_END_DECLS
