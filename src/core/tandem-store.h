/* tandem-store.h — the workspace: one SQLite file per workspace (*.tandem)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TANDEM_STORE_ERROR (tandem_store_error_quark ())

typedef enum
{
  TANDEM_STORE_ERROR_NOT_WORKSPACE,  /* not SQLite, or SQLite but not Tandem's */
  TANDEM_STORE_ERROR_CORRUPT,        /* damaged or truncated */
  TANDEM_STORE_ERROR_TOO_NEW,        /* written by a newer Tandem */
  TANDEM_STORE_ERROR_EXISTS,         /* create() on a path that exists */
  TANDEM_STORE_ERROR_NOT_FOUND,      /* open() on a path that does not exist, unknown lead… */
  TANDEM_STORE_ERROR_INVALID,        /* a caller's argument is wrong (unknown column…) */
  TANDEM_STORE_ERROR_READ_ONLY,
  TANDEM_STORE_ERROR_FAILED,         /* anything else SQLite reports */
} TandemStoreError;

/* "Tand" in ASCII: PRAGMA application_id of every Tandem workspace. */
#define TANDEM_APPLICATION_ID 0x54616E64
/* The schema this build writes; files with a higher user_version are refused. */
#define TANDEM_SCHEMA_VERSION 3

typedef enum
{
  TANDEM_COLUMN_TEXT,
  TANDEM_COLUMN_NUMBER,
  TANDEM_COLUMN_DATE,
  TANDEM_COLUMN_BOOLEAN,
} TandemColumnType;

#define TANDEM_N_COLUMN_TYPES 4

const char *tandem_column_type_to_string   (TandemColumnType  type);
gboolean    tandem_column_type_from_string (const char       *str,
                                            TandemColumnType *out_type);
/* Translated, for people: "Text", "Number", "Date", "Yes/No" */
const char *tandem_column_type_get_label   (TandemColumnType  type);

/* Column roles.  A role is stored as a string: "id", "created", "stage",
 * "stage-date:MQL", "outcome", "amount", "source", "owner", "first-touch",
 * or NULL for a plain attribute ("attribute" on the command line).        */
typedef enum
{
  TANDEM_ROLE_ATTRIBUTE,
  TANDEM_ROLE_ID,
  TANDEM_ROLE_CREATED,
  TANDEM_ROLE_STAGE,
  TANDEM_ROLE_STAGE_DATE,
  TANDEM_ROLE_OUTCOME,
  TANDEM_ROLE_AMOUNT,
  TANDEM_ROLE_SOURCE,
  TANDEM_ROLE_OWNER,
  TANDEM_ROLE_FIRST_TOUCH,
} TandemRoleKind;

/* Parses a role string; for stage-date:STAGE, *out_stage receives STAGE.
 * NULL, "" and "attribute" are TANDEM_ROLE_ATTRIBUTE.                     */
gboolean    tandem_role_parse          (const char      *role,
                                        TandemRoleKind  *out_kind,
                                        char           **out_stage,
                                        GError         **error);
/* The column type a role implies, or -1 when any type will do. */
int         tandem_role_required_type  (TandemRoleKind   kind);
/* Translated, for people: "Lead ID", "Stage date: MQL"… (NULL → "Attribute") */
char       *tandem_role_dup_label      (const char      *role);

typedef struct
{
  int               position;   /* 0-based, in file order */
  char             *name;       /* as in the CSV header */
  char             *sql_name;   /* the column in table leads: "key" or "c<N>" */
  TandemColumnType  type;
  char             *role;       /* NULL for an attribute */
  gint64            nulls;
} TandemColumn;

TandemColumn *tandem_column_copy (const TandemColumn *column);
void          tandem_column_free (TandemColumn       *column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemColumn, tandem_column_free)

#define TANDEM_TYPE_STORE (tandem_store_get_type ())
G_DECLARE_FINAL_TYPE (TandemStore, tandem_store, TANDEM, STORE, GObject)

GQuark       tandem_store_error_quark          (void);

/* Opens an existing workspace.  A file that is not a Tandem workspace, is
 * damaged, truncated or from a newer schema is refused with a clear message
 * and left byte-for-byte untouched.  Older schemas are migrated forward.   */
TandemStore *tandem_store_open                 (const char   *path,
                                                GError      **error);
/* Opens an existing workspace to read it only: nothing is written to it, its
 * journal mode is kept, and it is left byte-for-byte as it was, with no new
 * -wal or -shm file once the store is dropped.  Writes through the store fail
 * with TANDEM_STORE_ERROR_READ_ONLY, and so does opening a workspace that
 * would need a migration or that a stopped process left half-written (open
 * it with tandem_store_open() to update or repair it).                      */
TandemStore *tandem_store_open_read_only       (const char   *path,
                                                GError      **error);
/* The same, with the page check (PRAGMA quick_check, a pass over the whole
 * file) on a thread of its own while the caller reads.  Nothing read may
 * be shown or used before tandem_store_finish_check() says the file is
 * whole: on a damaged file, reads fail or give what the damage left.   */
TandemStore *tandem_store_open_read_only_overlapped (const char *path,
                                                     GError    **error);
/* Waits for the page check of tandem_store_open_read_only_overlapped();
 * TRUE at once for any other store. */
gboolean     tandem_store_finish_check         (TandemStore  *self,
                                                GError      **error);
gboolean     tandem_store_is_read_only         (TandemStore  *self);
/* Creates a new, empty workspace; fails if the path exists (or is a
 * symbolic link to nothing). */
TandemStore *tandem_store_create               (const char   *path,
                                                GError      **error);
/* Creates a new workspace for @path under a temporary name beside it
 * ("PATH.creating-PID"): nothing appears at @path until
 * tandem_store_publish().  Dropped unpublished (an error) it is deleted; a
 * killed process leaves at most the temporary file, which the next creation
 * beside it removes.  tandem_store_get_path() gives the temporary name.    */
TandemStore *tandem_store_create_unpublished   (const char   *path,
                                                GError      **error);
/* Moves an unpublished workspace into place, complete and synced to disk,
 * and reopens it there.  Outside a transaction, with no other connection
 * open.  Fails if something appeared at the path meanwhile; on any failure
 * the store is closed and nothing is left at the path: drop it.           */
gboolean     tandem_store_publish              (TandemStore  *self,
                                                GError      **error);
/* Removes a workspace file with its -wal, -shm and -journal companions. */
void         tandem_store_delete_files         (const char   *path);
/* An in-memory workspace (tests, scratch). */
TandemStore *tandem_store_new_memory           (GError      **error);
/* A second connection to the same file, for a worker thread. */
TandemStore *tandem_store_open_another         (TandemStore  *self,
                                                GError      **error);
/* The connection a worker thread works on: a second one when the file
 * can be opened again, else @self (in memory: one connection, used by one
 * thread at a time).  Never NULL; unref it when done. */
TandemStore *tandem_store_dup_for_thread       (TandemStore  *self);

const char  *tandem_store_get_path             (TandemStore  *self);
/* Display name: the file's basename without ".tandem". */
char        *tandem_store_dup_title            (TandemStore  *self);
int          tandem_store_get_schema_version   (TandemStore  *self);
/* Whether the columnar snapshot of the leads and events is there and made
 * from the rows as they are (then scoring reads it, not the rows). */
gboolean     tandem_store_has_current_snapshot (TandemStore  *self);

/* Transactions (BEGIN IMMEDIATE … COMMIT / ROLLBACK). */
gboolean     tandem_store_begin                (TandemStore  *self,
                                                GError      **error);
gboolean     tandem_store_commit               (TandemStore  *self,
                                                GError      **error);
void         tandem_store_rollback             (TandemStore  *self);

gint64       tandem_store_count_leads          (TandemStore  *self);
gint64       tandem_store_count_events         (TandemStore  *self);
gint64       tandem_store_count_stage_history  (TandemStore  *self);

/* The lead columns in file order, element type TandemColumn. */
GPtrArray   *tandem_store_list_columns         (TandemStore  *self);
TandemColumn *tandem_store_find_column         (TandemStore  *self,
                                                const char   *name);
/* The column holding @role ("id", "outcome"…), or NULL. */
TandemColumn *tandem_store_find_column_by_role (TandemStore  *self,
                                                const char   *role);
/* Distinct event types, sorted (element type char*). */
GPtrArray   *tandem_store_list_event_types     (TandemStore  *self);

/* Settings: a small key → text table in the workspace. */
char        *tandem_store_dup_setting          (TandemStore  *self,
                                                const char   *key);
gboolean     tandem_store_set_setting          (TandemStore  *self,
                                                const char   *key,
                                                const char   *value,
                                                GError      **error);

/* The currency the workspace's amounts are in: an ISO 4217 code ("EUR").
 * A new workspace takes the locale's (tandem_currency_get_locale_default());
 * one made before Tandem kept a currency has none stored, and the locale's
 * is given until one is set (nothing is written to give it).  A stored
 * value that is not a known code is TANDEM_STORE_ERROR_CORRUPT (opening
 * such a file already refuses it).                                      */
char        *tandem_store_dup_currency         (TandemStore  *self,
                                                GError      **error);
/* Sets it, and relabels the saved scenarios with it in the same
 * transaction (amounts are not converted: they were meant in this
 * currency).  Call it outside a transaction.  An unknown code is
 * TANDEM_STORE_ERROR_INVALID, naming it; a read-only store
 * TANDEM_STORE_ERROR_READ_ONLY.                                        */
gboolean     tandem_store_set_currency         (TandemStore  *self,
                                                const char   *code,
                                                GError      **error);

/* Writes the workspace's pending WAL into the main file (e.g. before copying). */
gboolean     tandem_store_checkpoint           (TandemStore  *self,
                                                GError      **error);

/* ---- Lead rows, for list views ----------------------------------------- */

/* The rowids of all leads, optionally filtered by @search (a case-insensitive
 * substring of any column; NULL or "" for all) and sorted by the column at
 * @sort_position (-1: import order).  Runs in the caller's thread.          */
GArray      *tandem_store_query_lead_ids       (TandemStore  *self,
                                                const char   *search,
                                                int           sort_position,
                                                gboolean      descending,
                                                GCancellable *cancellable,
                                                GError      **error);
/* The display text of each column of the leads with these rowids, row-major:
 * the result holds n_ids × n_columns strings (NULL for a null cell), in the
 * order of tandem_store_list_columns().  Dates are ISO, numbers as %.15g,
 * booleans "yes"/"no".                                                    */
GPtrArray   *tandem_store_fetch_leads          (TandemStore  *self,
                                                const gint64 *ids,
                                                guint         n_ids,
                                                GError      **error);

/* Looks up a lead's rowid by its imported id; 0 when there is none. */
gint64       tandem_store_lookup_lead          (TandemStore  *self,
                                                const char   *key);

/* The schema version, the counts, and every column's name, type, role
 * (null for an attribute) and empty cells (tandem-store-json.c). */
JsonNode    *tandem_store_info_to_json         (TandemStore  *self);

/* ---- What a column holds, for editors ----------------------------------- */

typedef struct
{
  char   *value;   /* display text, as in tandem_store_fetch_leads() */
  gint64  count;   /* how many leads (or history entries) hold it */
} TandemValueCount;

void         tandem_value_count_free           (TandemValueCount *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemValueCount, tandem_value_count_free)

/* The distinct values of the lead column named @name with how many leads
 * hold each, most frequent first (ties in value order), empty cells left
 * out, at most @limit of them (0: all).  Element type TandemValueCount.  An
 * unknown column is TANDEM_STORE_ERROR_INVALID.                          */
GPtrArray   *tandem_store_column_values        (TandemStore  *self,
                                                const char   *name,
                                                guint         limit,
                                                GError      **error);
/* The stages the stage history records, likewise. */
GPtrArray   *tandem_store_history_stage_values (TandemStore  *self,
                                                guint         limit,
                                                GError      **error);

typedef struct
{
  gint64  count;   /* leads with a value in the column */
  char   *min;     /* display text; all three NULL when count is 0 */
  char   *max;
  char   *median;  /* the middle value in sort order (of two, the upper) */
} TandemColumnSummary;

void         tandem_column_summary_free        (TandemColumnSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemColumnSummary, tandem_column_summary_free)

/* The range and median of the lead column named @name.  An unknown column
 * is TANDEM_STORE_ERROR_INVALID.                                          */
TandemColumnSummary *tandem_store_column_summary (TandemStore  *self,
                                                  const char   *name,
                                                  GError      **error);

/* ---- Models ---------------------------------------------------------------- */

/* A model's unsaved changes are kept as a model of their own, named after
 * it with this suffix: "Q4 B2B (draft)".                                  */
#define TANDEM_STORE_DRAFT_SUFFIX " (draft)"

/* Renames the stored model @name to @new_name, and its draft with it, in
 * one transaction (call it outside one).  Fails with
 * TANDEM_STORE_ERROR_NOT_FOUND when neither is stored,
 * TANDEM_STORE_ERROR_EXISTS when a model or a draft already has the new
 * name, TANDEM_STORE_ERROR_INVALID when @new_name is blank or ends in
 * TANDEM_STORE_DRAFT_SUFFIX.                                              */
gboolean     tandem_store_rename_model         (TandemStore  *self,
                                                const char   *name,
                                                const char   *new_name,
                                                GError      **error);

G_END_DECLS
