/* tandem-csv-import-private.h — what the import's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-csv-import.c runs an import and writes merges
 * and events; tandem-csv-import-leads.c writes new leads on both cores.
 * Both convert a field the same way: into a Cell, then bound.
 */
#pragma once

#include "tandem-csv-private.h"
#include "tandem-store-private.h"

G_BEGIN_DECLS

typedef struct _LeadsPipe LeadsPipe;

typedef struct
{
  TandemStore        *store;
  sqlite3_stmt       *insert;       /* leads / merge update / events insert */
  sqlite3_stmt       *lookup;       /* events: lead id → rowid */
  int                 key_column;   /* the id column, -1 when keys are row numbers */
  int                 type_column;  /* events */
  int                 time_column;
  int                 value_column;
  guint64             row;
  GArray             *lines;        /* leads: the line of each row, by rowid - 1 */
  guint8             *merged;       /* merge: bitmap of lead rowids already updated */
  gint64              max_rowid;
  TandemImportResult *result;
  char              (*scratch)[20]; /* per column, for normalised dates */
  char                key_text[24]; /* a row number as the key, when the file has no ids */
  gboolean            strict;       /* types from every row: a bad value is an error */
  LeadsPipe          *pipe;         /* leads: the writing thread */
  GString            *last_key;     /* events: the lead looked up last, */
  gint64              last_lead;    /* and its row (0: none) */
} ImportState;

/* Not a user-visible error: a value contradicts a type that was inferred
 * from the sample (or a guessed role), so the import starts again with
 * types inferred over the whole file.                                   */
#define RETRY_WITH_FULL_INFERENCE 1000

typedef enum
{
  CELL_NULL,
  CELL_NUMBER,
  CELL_INTEGER,
  CELL_TEXT,
} CellKind;

/* One converted field, ready to bind */
typedef struct
{
  CellKind kind;
  guint32  length;        /* text, in bytes */
  union
  {
    double      number;
    gint64      integer;
    const char *text;     /* not NUL-terminated */
    gsize       offset;   /* text while a batch fills: where it is in the batch */
  } v;
} Cell;

/* Converts field @i of the current record as column @c's type (@scratch
 * holds a normalised date); a bad value is an error naming it.        */
gboolean tandem_csv_convert_value  (const Plan    *plan,
                                    ColumnPlan    *c,
                                    CsvReader     *r,
                                    gboolean       strict,
                                    guint          i,
                                    char          *scratch,
                                    Cell          *out,
                                    GError       **error);
/* The current record's lead id (a row number when the file has none) */
gboolean tandem_csv_convert_key    (ImportState   *state,
                                    Plan          *plan,
                                    CsvReader     *r,
                                    Cell          *out,
                                    GError       **error);
/* Binds @cell as parameter @param; its text stays where it is */
void     tandem_csv_bind_cell      (sqlite3_stmt  *stmt,
                                    int            param,
                                    const Cell    *cell);

/* New leads: begins writing them on a second thread, with a snapshot
 * built on the way.  FALSE (nothing started) when SQLite cannot share
 * a connection with a thread or the thread does not start. */
gboolean tandem_csv_leads_pipe_start          (ImportState   *state,
                                               Plan          *plan,
                                               const char    *file_name);
/* A TandemCsvRecordFunc: converts the record and queues it */
gboolean tandem_csv_queue_lead                (CsvReader     *r,
                                               Plan          *plan,
                                               gpointer       data,
                                               GError       **error);
/* Waits until every queued lead is written (or, @ok FALSE, dropped), then
 * starts compressing the snapshot.  The writer's error, if it had one,
 * replaces @error's. */
gboolean tandem_csv_leads_pipe_finish         (ImportState   *state,
                                               gboolean       ok,
                                               GError       **error);
/* After finishing: the snapshot of the leads, built on the way when it
 * could be, else rebuilt from the rows */
gboolean tandem_csv_leads_pipe_write_snapshot (ImportState   *state,
                                               GError       **error);
void     tandem_csv_leads_pipe_free           (ImportState   *state);

G_END_DECLS
