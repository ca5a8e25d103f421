/* tandem-store-internal.h — shared by the files of the store only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is written in several files: tandem-store.c (connections,
 * opening, creating, publishing, transactions), tandem-store-schema.c
 * (migrations, inspection of a file before it is opened),
 * tandem-store-columns.c (column types, roles and the table of columns),
 * tandem-store-leads.c (lead queries for views) and tandem-store-tables.c
 * (settings, the import log, model names).  Nothing outside them includes
 * this.                                                                   */
#pragma once

#include "tandem-store-private.h"

G_BEGIN_DECLS

struct _TandemStore
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;      /* NULL for an in-memory workspace */
  char     *final_path; /* unpublished: where it goes, @path being temporary */
  int       schema_version;
  guint     in_transaction : 1;
  guint     read_only : 1;
  guint     tidy_on_close : 1; /* read-only: remove the -wal/-shm SQLite made */
  guint     had_wal : 1;
  guint     had_shm : 1;
  /* tandem_store_open_read_only_overlapped(): the page check's thread,
   * and its verdict once tandem_store_finish_check() has joined it */
  GThread  *check;
  GError   *check_error;
};

/* tandem-store.c */
void      tandem_store_harden_connection      (sqlite3      *db);
/* tandem-store-regexp.c: regexp(pattern, text), the REGEXP operator */
void      tandem_store_register_regexp        (sqlite3      *db);
gboolean  tandem_store_query_int              (sqlite3      *db,
                                               const char   *sql,
                                               gint64       *out);
void      tandem_store_remove_read_companions (const char   *path,
                                               gboolean      had_wal,
                                               gboolean      had_shm);

/* tandem-store-schema.c */
gboolean  tandem_store_check_workspace_file   (const char   *path,
                                               GError      **error);
gboolean  tandem_store_inspect_header         (const char   *path,
                                               GError      **error);
gboolean  tandem_store_inspect_database       (const char   *path,
                                               gboolean      check_pages,
                                               GError      **error);
gboolean  tandem_store_check_pages            (const char   *path,
                                               GError      **error);
gboolean  tandem_store_migrate                (TandemStore  *self,
                                               GError      **error);

/* tandem-store-tables.c */
/* The key of the workspace's currency in table settings */
#define TANDEM_STORE_CURRENCY_KEY "currency"
/* FALSE, with a message naming the file (@name), the table and the key,
 * when a stored currency (@type as typeof() gives it) is not a known ISO
 * 4217 code; no row at all (@type NULL) or a NULL value is fine. */
gboolean  tandem_store_check_currency         (const char   *name,
                                               const char   *type,
                                               const char   *value,
                                               GError      **error);

/* tandem-store-columns.c */
char     *tandem_store_column_sql_name        (int           position,
                                               const char   *role);

G_END_DECLS
