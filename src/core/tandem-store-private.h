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

/* ---- Reading every lead (tandem-store-read.c) --------------------------- */

/* One lead as the reader hands it over, valid during the callback only.
 * A cell is addressed by its index in the columns asked for.            */
typedef struct _TandemLeadRecord TandemLeadRecord;

/* Called once a lead; return FALSE with @error set to stop the reading. */
typedef gboolean (*TandemLeadRecordFunc) (const TandemLeadRecord  *record,
                                          gpointer                 user_data,
                                          GError                 **error);

/* Reads every lead in id (import) order: its rowid, its imported id and
 * the cells of @columns (@n_columns of them; a NULL entry reads as an
 * empty cell).  Each column is one the store listed: it is matched by
 * position and name against the workspace's columns and read under the
 * name the store derives for it ("key", "c<N>"), never one taken from the
 * caller or the file.  @cancellable is checked every 4096 leads.         */
gboolean     tandem_store_read_leads        (TandemStore                *self,
                                             const TandemColumn *const  *columns,
                                             guint                       n_columns,
                                             TandemLeadRecordFunc        func,
                                             gpointer                    user_data,
                                             GCancellable               *cancellable,
                                             GError                    **error);

gint64       tandem_lead_record_get_id      (const TandemLeadRecord *record);
/* The lead's imported id and its length in bytes. */
const char  *tandem_lead_record_get_key     (const TandemLeadRecord *record,
                                             gsize                  *length);
gboolean     tandem_lead_record_is_null     (const TandemLeadRecord *record,
                                             guint                   column);
/* A cell as stored: text (NULL for an empty cell; dates "YYYY-MM-DD" or
 * "YYYY-MM-DD HH:MM:SS"), a number (0 when empty), a yes/no.          */
const char  *tandem_lead_record_get_text    (const TandemLeadRecord *record,
                                             guint                   column);
double       tandem_lead_record_get_number  (const TandemLeadRecord *record,
                                             guint                   column);
gboolean     tandem_lead_record_get_boolean (const TandemLeadRecord *record,
                                             guint                   column);
/* The display text of a cell, as tandem_store_fetch_leads() gives it
 * (NULL for an empty cell). */
char        *tandem_lead_record_dup_display (const TandemLeadRecord *record,
                                             guint                   column);

G_END_DECLS
