/* tandem-store-private.h — core-internal store API: the SQLite connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only src/core and the tests include this.  The rest of Tandem (ui, charts,
 * cli) asks the store for what it needs by name (tandem-store.h) and never
 * sees SQL or a sqlite3 type.                                             */
#pragma once

#include <sqlite3.h>

#include "tandem-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3      *tandem_store_get_db             (TandemStore  *self);
/* Runs SQL with no parameters and no results (DDL, PRAGMAs). */
gboolean      tandem_store_exec               (TandemStore  *self,
                                               const char   *sql,
                                               GError      **error);
/* Prepares a statement; on failure sets a TANDEM_STORE_ERROR. */
sqlite3_stmt *tandem_store_prepare            (TandemStore  *self,
                                               const char   *sql,
                                               GError      **error);
/* Sets @error from the connection's last SQLite error, with @what as context. */
void          tandem_store_set_error          (TandemStore  *self,
                                               GError      **error,
                                               const char   *what);

/* The display text of a result column (as in tandem_store_fetch_leads()). */
char *tandem_store_format_value               (sqlite3_stmt *stmt,
                                               int           index,
                                               TandemColumnType type);

/* Adds a lead column: a row in `columns` and a column in table `leads`
 * ("key" for the id role, "c<position>" otherwise).  Call inside a
 * transaction.  The new column's position is the next free one.          */
TandemColumn *tandem_store_add_column         (TandemStore      *self,
                                               const char       *name,
                                               TandemColumnType  type,
                                               const char       *role,
                                               GError          **error);
/* Recounts every column's nulls in one scan of `leads`. */
gboolean  tandem_store_refresh_null_counts    (TandemStore  *self,
                                               GError      **error);
/* Notes an import in the workspace's log ("leads", "merge", "events", "demo"). */
gboolean  tandem_store_record_import          (TandemStore  *self,
                                               const char   *kind,
                                               const char   *file,
                                               gint64        rows,
                                               GError      **error);

/* Bulk loading: switches an on-disk workspace to the rollback journal and
 * a large page cache (TRUE), or back to WAL (FALSE).  Switching in only
 * works while no other connection has the file open; returns whether it
 * did.  Outside a transaction only.                                      */
gboolean  tandem_store_try_bulk_mode          (TandemStore  *self,
                                               gboolean      bulk);

/* Tests only: replace the list of migration steps (NULL restores them). */
void  tandem_store_set_migrations_for_testing (const char *const *steps,
                                               int                n_steps);
int   tandem_store_get_latest_schema_version  (void);
const char *const *tandem_store_get_migrations_for_testing (void);

G_END_DECLS
