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

/* A snapshot made while new leads are imported, from the values as they
 * go into the rows, saving the rebuild a pass over them.  Columns are
 * declared first, in the workspace's order; then each lead in row order,
 * its key; and for every lead a value in every column but the id column
 * (which is the keys).  Each column may be filled by a thread of its
 * own, in lead order.  Values are as the rows give them back: text (NULL
 * when empty), numbers and dates in days (NAN), yes/no (-1). */
typedef struct _TandemSnapshotBuilder TandemSnapshotBuilder;

TandemSnapshotBuilder *tandem_snapshot_builder_new        (void);
void         tandem_snapshot_builder_free           (TandemSnapshotBuilder *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSnapshotBuilder, tandem_snapshot_builder_free)
/* The index of the new column among those that take values; -1 for the
 * id column (a text column with the role "id") */
int          tandem_snapshot_builder_add_column     (TandemSnapshotBuilder *self,
                                                     const char            *name,
                                                     TandemColumnType       type,
                                                     const char            *role);
/* FALSE when the keys would be too long to score (4 GB together) */
gboolean     tandem_snapshot_builder_add_lead       (TandemSnapshotBuilder *self,
                                                     const char            *key,
                                                     gsize                  length);
void         tandem_snapshot_builder_set_text       (TandemSnapshotBuilder *self,
                                                     guint                  column,
                                                     guint                  lead,
                                                     const char            *text);
void         tandem_snapshot_builder_set_value      (TandemSnapshotBuilder *self,
                                                     guint                  column,
                                                     guint                  lead,
                                                     double                 value);
void         tandem_snapshot_builder_set_flag       (TandemSnapshotBuilder *self,
                                                     guint                  column,
                                                     guint                  lead,
                                                     gint8                  flag);
/* Once every lead is in: compresses the snapshot on a thread of its own,
 * while the caller goes on with the database (not with @self). */
void         tandem_snapshot_builder_compress       (TandemSnapshotBuilder *self);
/* Writes the built snapshot in place of a rebuild, in the same place in
 * the transaction.  When the workspace does not hold exactly the built
 * columns and leads (in consecutive rows) and no events, rebuilds from
 * the rows instead. */
gboolean     tandem_snapshot_write_built            (TandemStore           *store,
                                                     TandemSnapshotBuilder *self,
                                                     GError               **error);

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
/* Tests only: how many snapshots were written as built while importing */
guint        tandem_snapshot_get_built_for_testing   (void);

G_END_DECLS
