/* tandem-csv.h — RFC 4180 CSV reading, type and role inference, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_CSV_ERROR (tandem_csv_error_quark ())

typedef enum
{
  TANDEM_CSV_ERROR_IO,             /* cannot open or read the file */
  TANDEM_CSV_ERROR_EMPTY,          /* empty file, or a header with no rows */
  TANDEM_CSV_ERROR_UNCLOSED_QUOTE, /* a quoted field never closed */
  TANDEM_CSV_ERROR_BAD_QUOTE,      /* text after a closing quote */
  TANDEM_CSV_ERROR_ENCODING,       /* invalid UTF-8, NUL bytes */
  TANDEM_CSV_ERROR_FIELD_COUNT,    /* a row with the wrong number of fields */
  TANDEM_CSV_ERROR_HEADER,         /* empty or duplicate column name */
  TANDEM_CSV_ERROR_DUPLICATE_ID,   /* the same lead id twice */
  TANDEM_CSV_ERROR_BAD_VALUE,      /* a value that does not parse as its column's type */
  TANDEM_CSV_ERROR_BAD_OPTION,     /* an unknown column in --map/--type, a bad role… */
  TANDEM_CSV_ERROR_NO_ID,          /* merge/events file without a lead id column */
  TANDEM_CSV_ERROR_TOO_LARGE,      /* a field or a row beyond the reader's bounds */
  TANDEM_CSV_ERROR_WORKSPACE,      /* the workspace cannot take this import */
} TandemCsvError;

/* Bounds that keep memory use fixed whatever the file holds. */
#define TANDEM_CSV_MAX_COLUMNS      1000
#define TANDEM_CSV_MAX_RECORD_BYTES (256 * 1024 * 1024)

GQuark tandem_csv_error_quark (void);

typedef enum
{
  TANDEM_IMPORT_LEADS,   /* a new lead base (the workspace must have no leads) */
  TANDEM_IMPORT_MERGE,   /* extends existing leads by id */
  TANDEM_IMPORT_EVENTS,  /* lead id, event type, timestamp, optional value */
} TandemImportKind;

/* ---- Options ------------------------------------------------------------ */

typedef struct _TandemCsvOptions TandemCsvOptions;

TandemCsvOptions *tandem_csv_options_new            (void);
TandemCsvOptions *tandem_csv_options_copy           (const TandemCsvOptions *self);
void              tandem_csv_options_free           (TandemCsvOptions *self);
/* 0 (the default) detects among ',' ';' '\t' '|'. */
void              tandem_csv_options_set_delimiter  (TandemCsvOptions *self,
                                                     char              delimiter);
char              tandem_csv_options_get_delimiter  (const TandemCsvOptions *self);
/* Cells equal to a token (after trimming, case-insensitive) are null;
 * empty cells always are. */
void              tandem_csv_options_add_null_token (TandemCsvOptions *self,
                                                     const char       *token);
const char *const *tandem_csv_options_get_null_tokens (const TandemCsvOptions *self);
/* Overrides by column name (as in the header).  Unknown names are reported
 * when the file is read.  Role strings as in tandem_role_parse(); for events
 * files the roles are "id", "type", "timestamp" and "value".                */
void              tandem_csv_options_set_type       (TandemCsvOptions *self,
                                                     const char       *column,
                                                     TandemColumnType  type);
gboolean          tandem_csv_options_set_role       (TandemCsvOptions *self,
                                                     const char       *column,
                                                     const char       *role,
                                                     GError          **error);
/* Parses the command line's COLUMN=ROLE and COLUMN=TYPE forms. */
gboolean          tandem_csv_options_parse_map      (TandemCsvOptions *self,
                                                     const char       *column_eq_role,
                                                     GError          **error);
gboolean          tandem_csv_options_parse_type     (TandemCsvOptions *self,
                                                     const char       *column_eq_type,
                                                     GError          **error);
void              tandem_csv_options_set_kind       (TandemCsvOptions *self,
                                                     TandemImportKind  kind);
TandemImportKind  tandem_csv_options_get_kind       (const TandemCsvOptions *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemCsvOptions, tandem_csv_options_free)

/* ---- Preview -------------------------------------------------------------
 * The first rows of a file with what the import would do with them:
 * detected delimiter, and per column the inferred type and guessed role
 * (with the options' overrides applied).  Types are inferred from the rows
 * sampled here; the import itself infers over the whole file.             */

typedef struct _TandemCsvPreview TandemCsvPreview;

TandemCsvPreview *tandem_csv_preview_new            (const char              *path,
                                                     const TandemCsvOptions  *options,
                                                     guint                    max_rows,
                                                     GError                 **error);
void              tandem_csv_preview_free           (TandemCsvPreview *self);
char              tandem_csv_preview_get_delimiter  (const TandemCsvPreview *self);
guint             tandem_csv_preview_get_n_columns  (const TandemCsvPreview *self);
const char       *tandem_csv_preview_get_name       (const TandemCsvPreview *self,
                                                     guint                   column);
TandemColumnType  tandem_csv_preview_get_type       (const TandemCsvPreview *self,
                                                     guint                   column);
/* NULL for an attribute. */
const char       *tandem_csv_preview_get_role       (const TandemCsvPreview *self,
                                                     guint                   column);
/* Rows sampled (not counting the header), and whether the file has more. */
guint             tandem_csv_preview_get_n_rows     (const TandemCsvPreview *self);
gboolean          tandem_csv_preview_is_truncated   (const TandemCsvPreview *self);
/* The raw text of a cell; NULL for a null cell. */
const char       *tandem_csv_preview_get_cell       (const TandemCsvPreview *self,
                                                     guint                   row,
                                                     guint                   column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemCsvPreview, tandem_csv_preview_free)

/* Guesses a role from a header name ("Prospect ID" → "id"); NULL for an
 * attribute.  Exposed for tests and the preview. */
char             *tandem_csv_guess_role             (const char *header_name);

/* ---- Import -------------------------------------------------------------- */

typedef struct
{
  gint64  rows;            /* data rows read */
  gint64  imported;        /* leads created, leads extended or events added */
  gint64  unknown_ids;     /* merge/events rows whose lead id is not in the workspace */
  gint64  first_unknown_line;
  char   *first_unknown_id;
  guint   columns_added;
  double  seconds;
} TandemImportResult;

void tandem_import_result_clear (TandemImportResult *result);

/* Called from the importing thread with the fraction of the file read. */
typedef void (*TandemProgressFunc) (double fraction, gpointer user_data);

/* Opens @path and reads its header as an import would, writing nothing:
 * a caller checks a file this way before it creates anything for it.    */
gboolean tandem_csv_check_file   (const char              *path,
                                  const TandemCsvOptions  *options,
                                  GError                 **error);

/* Imports @path into @store as the options' kind says, all or nothing: on
 * any error (or cancellation: G_IO_ERROR_CANCELLED) the workspace is exactly as it was and @error
 * names the file, line and column.  Streams the file; never holds it whole. */
gboolean tandem_store_import_csv (TandemStore             *store,
                                  const char              *path,
                                  const TandemCsvOptions  *options,
                                  TandemProgressFunc       progress,
                                  gpointer                 progress_data,
                                  GCancellable            *cancellable,
                                  TandemImportResult      *result,
                                  GError                 **error);

/* ---- Value parsing (locale-independent), shared with other importers ---- */

gboolean tandem_parse_number   (const char *text, double *out);
/* ISO 8601 date or date-time; normalises to "YYYY-MM-DD" or
 * "YYYY-MM-DD HH:MM:SS" (UTC when an offset is given).  Caller frees. */
gboolean tandem_parse_date     (const char *text, char **out_normalised);
gboolean tandem_parse_boolean  (const char *text, gboolean *out);
/* won/lost, 1/0, true/false, yes/no, "Closed Won"… → 1 / 0 */
gboolean tandem_parse_outcome  (const char *text, gboolean *out);

/* One CSV field, quoted when needed, formula-neutralised: a value that
 * begins (after any white space) with = + - @ | ＝ ＋ － ＠, or with a tab
 * or a carriage return, is written quoted with a leading '.            */
void     tandem_csv_append_field        (GString            *out,
                                         const char         *value);
/* @value as printf's "%.2f" writes it in the C locale, byte for byte
 * (exact decimal rounding, ties to even, "-0.00"), into @buf without a
 * NUL; returns the length.  A million scores a second and more: no printf
 * on the way for the values scores take.                                 */
gsize    tandem_csv_format_fixed2       (double              value,
                                         char                buf[G_ASCII_DTOSTR_BUF_SIZE]);

G_END_DECLS
