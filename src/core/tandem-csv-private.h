/* tandem-csv-private.h — what the CSV files share: the reader, the column plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-csv-reader.c tokenizes, tandem-csv-values.c parses
 * cells, tandem-csv-guess.c decides each column's type and role (the plan),
 * tandem-csv-import.c writes the rows into the store.
 */
#pragma once

#include "tandem-csv.h"

G_BEGIN_DECLS

struct _TandemCsvOptions
{
  char              delimiter;
  GPtrArray        *null_tokens;  /* NULL-terminated */
  GHashTable       *types;        /* name → GINT_TO_POINTER (type + 1) */
  GHashTable       *roles;        /* name → role string ("" = attribute / ignore) */
  TandemImportKind  kind;
};

/* ---- Values (tandem-csv-values.c) ----------------------------------------- */

static inline gboolean
tandem_csv_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Trims in place into [*start, *start + *len). */
static inline void
tandem_csv_trim (const char **start,
                 gsize       *len)
{
  const char *s = *start;
  gsize n = *len;

  while (n > 0 && tandem_csv_is_space (s[0]))
    s++, n--;
  while (n > 0 && tandem_csv_is_space (s[n - 1]))
    n--;
  *start = s;
  *len = n;
}

/* The tandem_parse_*() of tandem-csv.h on @len bytes (not NUL-terminated). */
gboolean tandem_csv_parse_number_len  (const char *text,
                                       gsize       len,
                                       double     *out);
gboolean tandem_csv_parse_date_len    (const char *text,
                                       gsize       len,
                                       char       *out);
gboolean tandem_csv_parse_boolean_len (const char *text,
                                       gsize       len,
                                       gboolean   *out);
gboolean tandem_csv_parse_outcome_len (const char *text,
                                       gsize       len,
                                       gboolean   *out);

/* ---- The reader (tandem-csv-reader.c) ------------------------------------- */

typedef struct
{
  int       fd;
  char     *name;          /* display basename, for messages */
  guchar   *buf;
  gsize     pos;
  gsize     len;
  gboolean  eof;
  goffset   consumed;      /* bytes handed out of buf */
  goffset   size;
  char      delimiter;
  guchar    special[256];  /* bytes that end an unquoted field */

  guint64   line;          /* physical line of the next byte, 1-based */
  guint64   record_line;   /* where the current record starts */

  /* The current record: fields NUL-terminated one after another in data. */
  char     *data;
  gsize     data_len;
  gsize     data_cap;
  gsize    *starts;
  gsize    *lens;
  guint     n_fields;
  guint     fields_cap;
  guint     max_fields;
} CsvReader;

/* Opens @path; @delimiter 0 detects it from the first lines. */
CsvReader *tandem_csv_reader_open     (const char  *path,
                                       char         delimiter,
                                       GError     **error);
void       tandem_csv_reader_free     (CsvReader   *r);
/* Back to the first record, for a second pass. */
gboolean   tandem_csv_reader_rewind   (CsvReader   *r,
                                       GError     **error);
/* Reads the next record: 1, 0 at the end of the file, -1 on error. */
int        tandem_csv_reader_next     (CsvReader   *r,
                                       GError     **error);
/* How far through the file the reader is, 0 to 1. */
double     tandem_csv_reader_fraction (CsvReader   *r);

static inline const char *
tandem_csv_reader_field (CsvReader *r,
                         guint      i,
                         gsize     *len)
{
  *len = r->lens[i];
  return r->data + r->starts[i];
}

/* A TANDEM_CSV_ERROR prefixed with the file's name and @line. */
G_GNUC_PRINTF (5, 6)
void       tandem_csv_set_error_at    (GError    **error,
                                       int         code,
                                       CsvReader  *r,
                                       guint64     line,
                                       const char *format,
                                       ...);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvReader, tandem_csv_reader_free)

/* ---- The column plan (tandem-csv-guess.c) --------------------------------- */

typedef struct
{
  char             *name;
  /* what the data allows, over the rows read so far */
  gint64            values;
  gint64            nulls;
  guint             maybe_number : 1;
  guint             maybe_date : 1;
  guint             maybe_boolean : 1;
  guint             maybe_outcome : 1;
  /* the decision */
  TandemColumnType  type;
  char             *role;             /* NULL: attribute (leads) or ignored (events) */
  TandemRoleKind    role_kind;
  guint             type_explicit : 1;
  guint             role_explicit : 1;
  guint             watch : 1;        /* no values in the sample: keep observing */
  /* the import */
  char             *sql_name;         /* NULL: not stored */
  int               param;            /* statement parameter, 0 = none */
  gint64            null_count;
} ColumnPlan;

typedef struct
{
  GArray                 *columns;   /* ColumnPlan */
  const TandemCsvOptions *options;
} Plan;

static inline ColumnPlan *
tandem_csv_plan_column (Plan  *plan,
                        guint  i)
{
  return &g_array_index (plan->columns, ColumnPlan, i);
}

void             tandem_csv_plan_free        (Plan                    *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, tandem_csv_plan_free)

/* Whether @text is one of the options' null tokens (or empty). */
gboolean         tandem_csv_is_null_token    (const TandemCsvOptions  *options,
                                              const char              *text,
                                              gsize                    len);
/* The role an events file's column takes from its name and position. */
const char      *tandem_csv_guess_event_role (const char              *header_name,
                                              guint                    position);
/* Reads the header into a plan, with the options' types and roles checked. */
Plan            *tandem_csv_plan_from_header (CsvReader               *r,
                                              const TandemCsvOptions  *options,
                                              GError                 **error);
/* Notes what one field (or every field of the current record) allows. */
void             tandem_csv_observe_field    (const Plan              *plan,
                                              ColumnPlan              *c,
                                              const char              *text,
                                              gsize                    len);
void             tandem_csv_observe          (Plan                    *plan,
                                              CsvReader               *r);
/* The type the observed values allow. */
TandemColumnType tandem_csv_inferred_type    (const ColumnPlan        *c);
/* Decides every column's type and role from what was observed. */
gboolean         tandem_csv_plan_decide      (Plan                    *plan,
                                              const char              *file_name,
                                              GError                 **error);

typedef gboolean (*TandemCsvRecordFunc) (CsvReader *r, Plan *plan, gpointer data, GError **error);

/* Reads the header and the first @max_rows rows (G_MAXUINT: all), observing
 * types.  @each is called on every record after the check.              */
gboolean         tandem_csv_read_records     (CsvReader               *r,
                                              Plan                    *plan,
                                              guint64                  max_rows,
                                              TandemCsvRecordFunc      each,
                                              gpointer                 data,
                                              TandemProgressFunc       progress,
                                              gpointer                 progress_data,
                                              double                   progress_from,
                                              double                   progress_to,
                                              GCancellable            *cancellable,
                                              guint64                 *out_rows,
                                              GError                 **error);
/* A TandemCsvRecordFunc that observes the record's fields. */
gboolean         tandem_csv_observe_record   (CsvReader               *r,
                                              Plan                    *plan,
                                              gpointer                 data,
                                              GError                 **error);

G_END_DECLS
