/* tandem-csv.c — RFC 4180 CSV reading, type and role inference, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import streams the file and never holds it whole.  Column types are
 * inferred from the first rows, then every row is converted and written
 * inside one transaction; should a later row contradict an inferred type
 * (never a type the user chose), the transaction is rolled back and the
 * import starts again with types inferred over the whole file.  Any error
 * rolls back, so a failed import leaves the workspace exactly as it was.
 */

#include "config.h"

#include "tandem-csv.h"
#include "tandem-file.h"
#include "tandem-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (tandem-csv-error-quark, tandem_csv_error)

#define READ_CHUNK (1024 * 1024)

/* ---- Value parsing ------------------------------------------------------ */

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Trims in place into [*start, *start + *len). */
static inline void
trim (const char **start,
      gsize       *len)
{
  const char *s = *start;
  gsize n = *len;

  while (n > 0 && is_space (s[0]))
    s++, n--;
  while (n > 0 && is_space (s[n - 1]))
    n--;
  *start = s;
  *len = n;
}

static gboolean
parse_number_len (const char *text,
                  gsize       len,
                  double     *out)
{
  char buf[64];
  const char *p;
  const char *end;
  gsize int_digits = 0, frac_digits = 0;
  double value;
  char *endptr;

  trim (&text, &len);
  if (len == 0 || len >= sizeof buf)
    return FALSE;

  /* A strict decimal grammar: no hex, inf, nan, thousands separators or
   * locale decimal commas.  "0123" stays text: it is a code, not a number. */
  p = text;
  end = text + len;
  if (*p == '+' || *p == '-')
    p++;
  while (p < end && g_ascii_isdigit (*p))
    p++, int_digits++;
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        p++, frac_digits++;
    }
  if (int_digits + frac_digits == 0)
    return FALSE;
  if (int_digits > 1 && text[(text[0] == '+' || text[0] == '-') ? 1 : 0] == '0')
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gsize exp_digits = 0;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      while (p < end && g_ascii_isdigit (*p))
        p++, exp_digits++;
      if (exp_digits == 0)
        return FALSE;
    }
  if (p != end)
    return FALSE;

  memcpy (buf, text, len);
  buf[len] = '\0';
  value = g_ascii_strtod (buf, &endptr);
  if (*endptr != '\0' || !isfinite (value))
    return FALSE;
  if (out)
    *out = value;
  return TRUE;
}

gboolean
tandem_parse_number (const char *text,
                     double     *out)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return parse_number_len (text, strlen (text), out);
}

static gboolean
read_digits (const char **p,
             const char  *end,
             int          n,
             int         *out)
{
  int v = 0;

  if (end - *p < n)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

/* ISO 8601: YYYY-MM-DD, optionally [T ]HH:MM[:SS[.fff]][Z|±HH[:MM]].
 * Writes "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (UTC when an offset is
 * given) into @out (at least 20 bytes).                                    */
static gboolean
parse_date_len (const char *text,
                gsize       len,
                char       *out)
{
  const char *p, *end;
  int y, mo, d, h = 0, mi = 0, s = 0;
  int offset_minutes = 0;
  gboolean has_time = FALSE;

  trim (&text, &len);
  p = text;
  end = text + len;

  if (!read_digits (&p, end, 4, &y) || p >= end || *p++ != '-' ||
      !read_digits (&p, end, 2, &mo) || p >= end || *p++ != '-' ||
      !read_digits (&p, end, 2, &d))
    return FALSE;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > g_date_get_days_in_month (mo, y))
    return FALSE;

  if (p < end)
    {
      if (*p != 'T' && *p != 't' && *p != ' ')
        return FALSE;
      p++;
      if (!read_digits (&p, end, 2, &h) || p >= end || *p++ != ':' ||
          !read_digits (&p, end, 2, &mi))
        return FALSE;
      if (p < end && *p == ':')
        {
          p++;
          if (!read_digits (&p, end, 2, &s))
            return FALSE;
          if (p < end && (*p == '.' || *p == ','))
            {
              p++;
              if (p >= end || !g_ascii_isdigit (*p))
                return FALSE;
              while (p < end && g_ascii_isdigit (*p))
                p++;
            }
        }
      if (h > 23 || mi > 59 || s > 60)
        return FALSE;
      if (s == 60)
        s = 59;
      has_time = TRUE;

      if (p < end && (*p == 'Z' || *p == 'z'))
        p++;
      else if (p < end && (*p == '+' || *p == '-'))
        {
          int sign = *p++ == '-' ? -1 : 1;
          int oh, om = 0;
          if (!read_digits (&p, end, 2, &oh))
            return FALSE;
          if (p < end && *p == ':')
            p++;
          if (p < end && !read_digits (&p, end, 2, &om))
            return FALSE;
          if (oh > 14 || om > 59)
            return FALSE;
          offset_minutes = sign * (oh * 60 + om);
        }
      if (p != end)
        return FALSE;
    }

  if (offset_minutes != 0)
    {
      g_autoptr(GDateTime) local = g_date_time_new_utc (y, mo, d, h, mi, s);
      g_autoptr(GDateTime) utc = NULL;
      if (local == NULL)
        return FALSE;
      utc = g_date_time_add_minutes (local, -offset_minutes);
      if (utc == NULL)
        return FALSE;
      y = g_date_time_get_year (utc);
      mo = g_date_time_get_month (utc);
      d = g_date_time_get_day_of_month (utc);
      h = g_date_time_get_hour (utc);
      mi = g_date_time_get_minute (utc);
      s = g_date_time_get_second (utc);
    }

  if (out != NULL)
    {
      if (has_time)
        g_snprintf (out, 20, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
      else
        g_snprintf (out, 20, "%04d-%02d-%02d", y, mo, d);
    }
  return TRUE;
}

gboolean
tandem_parse_date (const char  *text,
                   char       **out_normalised)
{
  char buf[20];

  g_return_val_if_fail (text != NULL, FALSE);

  if (!parse_date_len (text, strlen (text), buf))
    return FALSE;
  if (out_normalised)
    *out_normalised = g_strdup (buf);
  return TRUE;
}

static gboolean
word_in (const char         *text,
         gsize               len,
         const char *const  *words)
{
  trim (&text, &len);
  for (guint i = 0; words[i]; i++)
    if (strlen (words[i]) == len && g_ascii_strncasecmp (text, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

static const char *const true_words[] = { "true", "yes", NULL };
static const char *const false_words[] = { "false", "no", NULL };
static const char *const won_words[] = {
  "won", "win", "1", "1.0", "true", "yes", "y", "closed won", "closed-won", "closedwon",
  "closed_won", "converted", "customer", NULL
};
static const char *const lost_words[] = {
  "lost", "loss", "0", "0.0", "false", "no", "n", "closed lost", "closed-lost", "closedlost",
  "closed_lost", "not converted", NULL
};

/* Matches one of two word lists: TRUE in *out for @yes, FALSE for @no. */
static gboolean
parse_words_len (const char        *text,
                 gsize              len,
                 const char *const *yes,
                 const char *const *no,
                 gboolean          *out)
{
  if (word_in (text, len, yes))
    *out = TRUE;
  else if (word_in (text, len, no))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_boolean_len (const char *text,
                   gsize       len,
                   gboolean   *out)
{
  return parse_words_len (text, len, true_words, false_words, out);
}

static gboolean
parse_outcome_len (const char *text,
                   gsize       len,
                   gboolean   *out)
{
  return parse_words_len (text, len, won_words, lost_words, out);
}

static gboolean
parse_words (const char *text,
             gboolean  (*parse) (const char *, gsize, gboolean *),
             gboolean   *out)
{
  gboolean value;

  g_return_val_if_fail (text != NULL, FALSE);
  if (!parse (text, strlen (text), &value))
    return FALSE;
  if (out)
    *out = value;
  return TRUE;
}

gboolean
tandem_parse_boolean (const char *text,
                      gboolean   *out)
{
  return parse_words (text, parse_boolean_len, out);
}

gboolean
tandem_parse_outcome (const char *text,
                      gboolean   *out)
{
  return parse_words (text, parse_outcome_len, out);
}

/* ---- Options -------------------------------------------------------------- */

struct _TandemCsvOptions
{
  char              delimiter;
  GPtrArray        *null_tokens;  /* NULL-terminated */
  GHashTable       *types;        /* name → GINT_TO_POINTER (type + 1) */
  GHashTable       *roles;        /* name → role string ("" = attribute / ignore) */
  TandemImportKind  kind;
};

TandemCsvOptions *
tandem_csv_options_new (void)
{
  TandemCsvOptions *self = g_new0 (TandemCsvOptions, 1);

  self->null_tokens = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->null_tokens, NULL);
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->kind = TANDEM_IMPORT_LEADS;
  return self;
}

TandemCsvOptions *
tandem_csv_options_copy (const TandemCsvOptions *self)
{
  TandemCsvOptions *copy = tandem_csv_options_new ();
  GHashTableIter iter;
  gpointer key, value;

  copy->delimiter = self->delimiter;
  copy->kind = self->kind;
  for (guint i = 0; i + 1 < self->null_tokens->len; i++)
    tandem_csv_options_add_null_token (copy, g_ptr_array_index (self->null_tokens, i));
  g_hash_table_iter_init (&iter, self->types);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->types, g_strdup (key), value);
  g_hash_table_iter_init (&iter, self->roles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->roles, g_strdup (key), g_strdup (value));
  return copy;
}

void
tandem_csv_options_free (TandemCsvOptions *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->null_tokens);
  g_hash_table_unref (self->types);
  g_hash_table_unref (self->roles);
  g_free (self);
}

void
tandem_csv_options_set_delimiter (TandemCsvOptions *self,
                                  char              delimiter)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (delimiter == 0 || delimiter == ',' || delimiter == ';' ||
                    delimiter == '\t' || delimiter == '|');
  self->delimiter = delimiter;
}

char
tandem_csv_options_get_delimiter (const TandemCsvOptions *self)
{
  return self->delimiter;
}

void
tandem_csv_options_add_null_token (TandemCsvOptions *self,
                                   const char       *token)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (token != NULL);

  trimmed = g_strstrip (g_strdup (token));
  if (trimmed[0] == '\0')
    return;
  g_ptr_array_insert (self->null_tokens, (int) self->null_tokens->len - 1, g_steal_pointer (&trimmed));
}

const char *const *
tandem_csv_options_get_null_tokens (const TandemCsvOptions *self)
{
  return (const char *const *) self->null_tokens->pdata;
}

void
tandem_csv_options_set_type (TandemCsvOptions *self,
                             const char       *column,
                             TandemColumnType  type)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column != NULL);
  g_hash_table_insert (self->types, g_strdup (column), GINT_TO_POINTER (type + 1));
}

static gboolean
normalise_event_role (const char  *role,
                      const char **out,
                      GError     **error)
{
  static const struct { const char *alias; const char *role; } aliases[] = {
    { "id", "id" }, { "lead", "id" }, { "lead-id", "id" },
    { "type", "type" }, { "event", "type" }, { "event-type", "type" },
    { "timestamp", "timestamp" }, { "time", "timestamp" }, { "at", "timestamp" }, { "date", "timestamp" },
    { "value", "value" },
    { "ignore", "" }, { "attribute", "" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (role, aliases[i].alias) == 0)
      {
        *out = aliases[i].role;
        return TRUE;
      }

  g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
               _("Unknown role “%s” for an events file; use id, type, timestamp, value or ignore"), role);
  return FALSE;
}

gboolean
tandem_csv_options_set_role (TandemCsvOptions  *self,
                             const char        *column,
                             const char        *role,
                             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *stored = role ? role : "";

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (self->kind == TANDEM_IMPORT_EVENTS)
    {
      if (!normalise_event_role (stored, &stored, error))
        return FALSE;
    }
  else
    {
      TandemRoleKind kind;
      if (!tandem_role_parse (role, &kind, NULL, &local_error))
        {
          g_set_error_literal (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION, local_error->message);
          return FALSE;
        }
      if (kind == TANDEM_ROLE_ATTRIBUTE)
        stored = "";
    }

  g_hash_table_insert (self->roles, g_strdup (column), g_strdup (stored));
  return TRUE;
}

static gboolean
split_assignment (const char  *arg,
                  const char  *what,
                  char       **out_column,
                  char       **out_value,
                  GError     **error)
{
  const char *eq = strrchr (arg, '=');

  if (eq == NULL || eq == arg || eq[1] == '\0')
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                   _("“%s” is not of the form COLUMN=%s"), arg, what);
      return FALSE;
    }
  *out_column = g_strndup (arg, eq - arg);
  *out_value = g_strdup (eq + 1);
  return TRUE;
}

gboolean
tandem_csv_options_parse_map (TandemCsvOptions  *self,
                              const char        *column_eq_role,
                              GError           **error)
{
  g_autofree char *column = NULL;
  g_autofree char *role = NULL;

  if (!split_assignment (column_eq_role, "ROLE", &column, &role, error))
    return FALSE;
  return tandem_csv_options_set_role (self, column, role, error);
}

gboolean
tandem_csv_options_parse_type (TandemCsvOptions  *self,
                               const char        *column_eq_type,
                               GError           **error)
{
  g_autofree char *column = NULL;
  g_autofree char *type_name = NULL;
  TandemColumnType type;

  if (!split_assignment (column_eq_type, "TYPE", &column, &type_name, error))
    return FALSE;
  if (!tandem_column_type_from_string (type_name, &type))
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                   _("Unknown type “%s” for column “%s”; use text, number, date or boolean"),
                   type_name, column);
      return FALSE;
    }
  tandem_csv_options_set_type (self, column, type);
  return TRUE;
}

void
tandem_csv_options_set_kind (TandemCsvOptions *self,
                             TandemImportKind  kind)
{
  g_return_if_fail (self != NULL);
  self->kind = kind;
}

TandemImportKind
tandem_csv_options_get_kind (const TandemCsvOptions *self)
{
  return self->kind;
}

/* ---- The reader ------------------------------------------------------------ */

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

static void
reader_free (CsvReader *r)
{
  if (r == NULL)
    return;
  if (r->fd >= 0)
    close (r->fd);
  g_free (r->name);
  g_free (r->buf);
  g_free (r->data);
  g_free (r->starts);
  g_free (r->lens);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvReader, reader_free)

G_GNUC_PRINTF (5, 6)
static void
set_error_at (GError    **error,
              int         code,
              CsvReader  *r,
              guint64     line,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: “leads.csv, line 5: <what is wrong>” */
  g_set_error (error, TANDEM_CSV_ERROR, code, _("%s, line %llu: %s"),
               r->name, (unsigned long long) line, message);
}

static gboolean
reader_refill (CsvReader  *r,
               GError    **error)
{
  gssize n;

  if (r->eof)
    return FALSE;

  r->consumed += r->len;
  r->pos = 0;
  r->len = 0;

  do
    n = read (r->fd, r->buf, READ_CHUNK);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved = errno;
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_IO,
                   _("Could not read “%s”: %s"), r->name, g_strerror (saved));
      r->eof = TRUE;
      return FALSE;
    }
  if (n == 0)
    {
      r->eof = TRUE;
      return FALSE;
    }
  r->len = (gsize) n;
  return TRUE;
}

static void
reader_set_delimiter (CsvReader *r,
                      char       delimiter)
{
  r->delimiter = delimiter;
  memset (r->special, 0, sizeof r->special);
  r->special[(guchar) delimiter] = 1;
  r->special['\r'] = 1;
  r->special['\n'] = 1;
}

static gboolean
reader_rewind (CsvReader  *r,
               GError    **error)
{
  if (lseek (r->fd, 0, SEEK_SET) != 0)
    {
      int saved = errno;
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_IO,
                   _("Could not read “%s”: %s"), r->name, g_strerror (saved));
      return FALSE;
    }

  r->eof = FALSE;
  r->consumed = 0;
  r->pos = r->len = 0;
  r->line = 1;

  if (!reader_refill (r, error))
    {
      if (error && *error)
        return FALSE;
      r->consumed = 0;
      return TRUE;
    }
  r->consumed = 0;

  /* UTF-8 byte order mark */
  if (r->len >= 3 && r->buf[0] == 0xEF && r->buf[1] == 0xBB && r->buf[2] == 0xBF)
    r->pos = 3;
  return TRUE;
}

static char detect_delimiter (const guchar *buf, gsize len);

static CsvReader *
reader_open (const char  *path,
             char         delimiter,
             GError     **error)
{
  g_autoptr(CsvReader) r = g_new0 (CsvReader, 1);
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  r->name = g_filename_display_basename (path);
  /* A named pipe or a device is refused before it can block the import */
  r->fd = tandem_file_open_regular (path, &local_error);
  if (r->fd < 0 || fstat (r->fd, &st) != 0)
    {
      g_set_error_literal (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_IO,
                           local_error ? local_error->message : g_strerror (errno));
      return NULL;
    }
  r->size = st.st_size;
  r->buf = g_malloc (READ_CHUNK);
  r->max_fields = TANDEM_CSV_MAX_COLUMNS + 1;

  if (!reader_rewind (r, error))
    return NULL;

  if (r->len - r->pos == 0)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_EMPTY,
                   _("“%s” is empty"), r->name);
      return NULL;
    }

  reader_set_delimiter (r, delimiter ? delimiter : detect_delimiter (r->buf + r->pos, r->len - r->pos));
  return g_steal_pointer (&r);
}

static inline int
reader_peek (CsvReader  *r,
             GError    **error)
{
  if (G_UNLIKELY (r->pos == r->len))
    if (!reader_refill (r, error))
      return -1;
  return r->buf[r->pos];
}

static gboolean
data_append (CsvReader     *r,
             const guchar  *bytes,
             gsize          n,
             GError       **error)
{
  if (G_UNLIKELY (r->data_len + n + 1 > r->data_cap))
    {
      gsize cap = MAX (r->data_cap * 2, 4096);

      if (r->data_len + n + 1 > TANDEM_CSV_MAX_RECORD_BYTES)
        {
          set_error_at (error, TANDEM_CSV_ERROR_TOO_LARGE, r, r->record_line,
                        _("the row is larger than %d MB, more than Tandem reads in one row"),
                        TANDEM_CSV_MAX_RECORD_BYTES / (1024 * 1024));
          return FALSE;
        }
      while (cap < r->data_len + n + 1)
        cap *= 2;
      cap = MIN (cap, (gsize) TANDEM_CSV_MAX_RECORD_BYTES + 1);
      r->data = g_realloc (r->data, cap);
      r->data_cap = cap;
    }
  memcpy (r->data + r->data_len, bytes, n);
  r->data_len += n;
  return TRUE;
}

static gboolean
field_begin (CsvReader  *r,
             GError    **error)
{
  if (r->n_fields == r->max_fields)
    {
      set_error_at (error, TANDEM_CSV_ERROR_TOO_LARGE, r, r->record_line,
                    _("the row has more than %d fields, more than Tandem reads"),
                    TANDEM_CSV_MAX_COLUMNS);
      return FALSE;
    }
  if (r->n_fields == r->fields_cap)
    {
      r->fields_cap = MAX (r->fields_cap * 2, 32);
      r->starts = g_renew (gsize, r->starts, r->fields_cap);
      r->lens = g_renew (gsize, r->lens, r->fields_cap);
    }
  r->starts[r->n_fields] = r->data_len;
  return TRUE;
}

static gboolean
field_end (CsvReader  *r,
           GError    **error)
{
  gsize start = r->starts[r->n_fields];
  static const guchar nul = 0;

  r->lens[r->n_fields] = r->data_len - start;
  if (!data_append (r, &nul, 1, error))
    return FALSE;

  if (!g_utf8_validate_len (r->data + start, r->lens[r->n_fields], NULL))
    {
      set_error_at (error, TANDEM_CSV_ERROR_ENCODING, r, r->record_line,
                    _("field %u is not valid UTF-8 text (or holds a NUL byte); "
                      "save the file as UTF-8 and try again"),
                    r->n_fields + 1);
      return FALSE;
    }
  r->n_fields++;
  return TRUE;
}

/* Reads the next record.  Returns 1 with a record, 0 at the end of the
 * file, -1 on error.  Blank lines are skipped.                           */
static int
reader_next (CsvReader  *r,
             GError    **error)
{
  GError *local_error = NULL;
  int c;

again:
  r->data_len = 0;
  r->n_fields = 0;
  r->record_line = r->line;

  c = reader_peek (r, &local_error);
  if (c < 0)
    {
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      return 0;
    }

  /* A blank line (LF or CRLF) is no record. */
  if (c == '\n' || c == '\r')
    {
      r->pos++;
      if (c == '\r' && reader_peek (r, &local_error) == '\n')
        r->pos++;
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      r->line++;
      goto again;
    }

  for (;;)
    {
      if (!field_begin (r, error))
        return -1;

      c = reader_peek (r, &local_error);
      if (c == '"')
        {
          guint64 quote_line = r->line;
          gboolean after_cr = FALSE;

          r->pos++;
          for (;;)
            {
              const guchar *start, *p, *end;

              if (reader_peek (r, &local_error) < 0)
                {
                  if (local_error)
                    g_propagate_error (error, local_error);
                  else
                    set_error_at (error, TANDEM_CSV_ERROR_UNCLOSED_QUOTE, r, quote_line,
                                  _("field %u opens a quote that is never closed"), r->n_fields + 1);
                  return -1;
                }

              start = r->buf + r->pos;
              end = r->buf + r->len;
              p = memchr (start, '"', end - start);
              if (p == NULL)
                p = end;
              /* Kept byte for byte; its line breaks count as the records'
               * do: LF, CRLF or a lone CR (maybe split between reads). */
              for (const guchar *q = start; (q = memchr (q, '\r', p - q)) != NULL; q++)
                r->line++;
              for (const guchar *q = start; (q = memchr (q, '\n', p - q)) != NULL; q++)
                if (!(q > start ? q[-1] == '\r' : after_cr))
                  r->line++;
              if (p > start)
                after_cr = p[-1] == '\r';
              if (!data_append (r, start, p - start, error))
                return -1;
              r->pos += p - start;
              if (p == end)
                continue;

              /* At a quote: a doubled quote is a literal one. */
              r->pos++;
              c = reader_peek (r, &local_error);
              if (c == '"')
                {
                  static const guchar quote = '"';
                  r->pos++;
                  after_cr = FALSE;
                  if (!data_append (r, &quote, 1, error))
                    return -1;
                  continue;
                }
              break;
            }

          if (local_error)
            {
              g_propagate_error (error, local_error);
              return -1;
            }
          if (c >= 0 && c != r->delimiter && c != '\n' && c != '\r')
            {
              set_error_at (error, TANDEM_CSV_ERROR_BAD_QUOTE, r, r->line,
                            _("field %u has text after its closing quote; a quote inside a "
                              "quoted field must be doubled (\"\")"),
                            r->n_fields + 1);
              return -1;
            }
        }
      else
        {
          /* Unquoted: up to the delimiter or the end of the line.  A quote
           * in the middle of an unquoted field is taken literally.       */
          for (;;)
            {
              const guchar *start, *p, *end;

              if (reader_peek (r, &local_error) < 0)
                break;
              start = r->buf + r->pos;
              end = r->buf + r->len;
              p = start;
              while (p < end && !r->special[*p])
                p++;
              if (!data_append (r, start, p - start, error))
                return -1;
              r->pos += p - start;
              if (p < end)
                break;
            }
          if (local_error)
            {
              g_propagate_error (error, local_error);
              return -1;
            }
        }

      if (!field_end (r, error))
        return -1;

      c = reader_peek (r, &local_error);
      if (c == r->delimiter)
        {
          r->pos++;
          continue;
        }

      /* End of record: LF, CRLF, lone CR, or end of file. */
      if (c == '\r')
        {
          r->pos++;
          if (reader_peek (r, &local_error) == '\n')
            r->pos++;
          r->line++;
        }
      else if (c == '\n')
        {
          r->pos++;
          r->line++;
        }
      if (local_error)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      return 1;
    }
}

static inline const char *
reader_field (CsvReader *r,
              guint      i,
              gsize     *len)
{
  *len = r->lens[i];
  return r->data + r->starts[i];
}

static double
reader_fraction (CsvReader *r)
{
  if (r->size <= 0)
    return 1.0;
  return MIN (1.0, (double) (r->consumed + (goffset) r->pos) / (double) r->size);
}

/* Picks the candidate that splits the first lines into the same number of
 * fields (more than one), preferring the most fields.                     */
static char
detect_delimiter (const guchar *buf,
                  gsize         len)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)][20];
  guint n_lines = 0;
  char best = ',';
  guint best_count = 0;
  gboolean in_quotes = FALSE;
  gsize limit = MIN (len, (gsize) 65536);

  memset (counts, 0, sizeof counts);

  for (gsize i = 0; i < limit && n_lines < G_N_ELEMENTS (counts[0]); i++)
    {
      guchar c = buf[i];

      if (c == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && (c == '\n' || c == '\r'))
        {
          if (c == '\r' && i + 1 < limit && buf[i + 1] == '\n')
            i++;
          n_lines++;
        }
      else if (!in_quotes)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == (guchar) candidates[k])
            counts[k][n_lines]++;
    }

  /* A last line cut off by the sample does not vote. */
  if (n_lines == 0)
    n_lines = 1;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      gboolean consistent = counts[k][0] > 0;

      for (guint l = 1; l < n_lines && consistent; l++)
        if (counts[k][l] != counts[k][0])
          consistent = FALSE;

      if (consistent && counts[k][0] > best_count)
        {
          best = candidates[k];
          best_count = counts[k][0];
        }
    }

  if (best_count == 0)
    {
      /* Nothing consistent: the candidate most frequent in the header. */
      for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
        if (counts[k][0] > best_count)
          {
            best = candidates[k];
            best_count = counts[k][0];
          }
    }

  return best;
}

/* ---- Role guessing ------------------------------------------------------ */

/* Lower-case letters and digits only: "Prospect ID" → "prospectid". */
static char *
normalise_header (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

static gboolean
name_in (const char         *normalised,
         const char *const  *names)
{
  return g_strv_contains (names, normalised);
}

static const struct {
  const char *stem;
  const char *stage;
} stage_stems[] = {
  { "suspect", "Suspect" }, { "inquiry", "Inquiry" }, { "enquiry", "Inquiry" },
  { "known", "Known" }, { "engaged", "Engaged" },
  { "mql", "MQL" }, { "tql", "TQL" }, { "sal", "SAL" }, { "sql", "SQL" },
  { "opportunity", "Opportunity" }, { "opp", "Opportunity" },
  { "prospect", "Prospecting" }, { "prospecting", "Prospecting" },
  { "engage", "Engaging" }, { "engaging", "Engaging" },
  { "won", "Won" }, { "lost", "Lost" }, { "close", "Closed" }, { "closed", "Closed" },
  { "customer", "Customer" }, { "disqualified", "Disqualified" },
};

static char *
guess_stage_date (const char *n)
{
  static const char *const suffixes[] = { "date", "at", "on", "time", "timestamp", "datetime", NULL };
  static const char *const prefixes[] = { "dateof", "date", "entered", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (stage_stems); i++)
    {
      const char *stem = stage_stems[i].stem;
      gsize stem_len = strlen (stem);

      for (guint s = 0; suffixes[s]; s++)
        if (g_str_has_prefix (n, stem) && g_strcmp0 (n + stem_len, suffixes[s]) == 0)
          return g_strdup_printf ("stage-date:%s", stage_stems[i].stage);

      for (guint p = 0; prefixes[p]; p++)
        if (g_str_has_prefix (n, prefixes[p]) && g_strcmp0 (n + strlen (prefixes[p]), stem) == 0)
          return g_strdup_printf ("stage-date:%s", stage_stems[i].stage);
    }
  return NULL;
}

char *
tandem_csv_guess_role (const char *header_name)
{
  static const char *const id_names[] = {
    "id", "leadid", "prospectid", "opportunityid", "oppid", "mqlid", "contactid", "recordid",
    "personid", "dealid", "leadnumber", "prospectnumber", NULL
  };
  static const char *const created_names[] = {
    "created", "createdat", "createddate", "createdon", "createtime", "createdtime", "creationdate",
    "leadcreated", "leadcreateddate", "leadcreatedat", "firstcontactdate", "signupdate", "dateadded",
    "datecreated", NULL
  };
  static const char *const stage_names[] = {
    "stage", "dealstage", "leadstage", "lifecyclestage", "currentstage", "pipelinestage",
    "leadstatus", "status", "funnelstage", NULL
  };
  static const char *const outcome_names[] = {
    "outcome", "converted", "won", "iswon", "closedwon", "result", "dealoutcome", "conversion", NULL
  };
  static const char *const amount_names[] = {
    "amount", "closevalue", "dealvalue", "dealamount", "dealsize", "opportunityamount",
    "amountusd", "wonamount", "contractvalue", "acv", NULL
  };
  static const char *const source_names[] = {
    "source", "leadsource", "origin", "channel", "utmsource", "leadorigin", "acquisitionchannel", NULL
  };
  static const char *const owner_names[] = {
    "owner", "leadowner", "salesagent", "salesrep", "accountowner", "assignedto", "rep",
    "opportunityowner", "dealowner", NULL
  };
  static const char *const first_touch_names[] = {
    "firsttouch", "firsttouchat", "firsttouchdate", "firstsalestouch", "firstsalestouchat",
    "firstcall", "firstcallat", "firstresponse", "firstresponseat", "firstcontactedat",
    "firstsalescontact", "firstfollowup", NULL
  };
  g_autofree char *n = NULL;

  g_return_val_if_fail (header_name != NULL, NULL);

  n = normalise_header (header_name);
  if (name_in (n, id_names))
    return g_strdup ("id");
  if (name_in (n, created_names))
    return g_strdup ("created");
  if (name_in (n, stage_names))
    return g_strdup ("stage");
  if (name_in (n, outcome_names))
    return g_strdup ("outcome");
  if (name_in (n, amount_names))
    return g_strdup ("amount");
  if (name_in (n, source_names))
    return g_strdup ("source");
  if (name_in (n, owner_names))
    return g_strdup ("owner");
  if (name_in (n, first_touch_names))
    return g_strdup ("first-touch");
  return guess_stage_date (n);
}

static const char *
guess_event_role (const char *header_name,
                  guint       position)
{
  static const char *const id_names[] = {
    "id", "leadid", "lead", "prospectid", "contactid", "mqlid", "opportunityid", "personid", "leadkey", NULL
  };
  static const char *const type_names[] = {
    "type", "event", "eventtype", "eventname", "activity", "activitytype", "action", NULL
  };
  static const char *const time_names[] = {
    "timestamp", "ts", "time", "at", "date", "datetime", "occurredat", "eventtime", "eventdate",
    "eventat", "activitydate", "createdat", "created", NULL
  };
  static const char *const value_names[] = {
    "value", "amount", "score", "count", "duration", "seconds", "points", NULL
  };
  g_autofree char *n = normalise_header (header_name);

  if (name_in (n, id_names))
    return "id";
  if (name_in (n, type_names))
    return "type";
  if (name_in (n, time_names))
    return "timestamp";
  if (name_in (n, value_names))
    return "value";
  return NULL;
}

/* ---- Column plans ----------------------------------------------------------- */

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

static void
column_plan_clear (ColumnPlan *c)
{
  g_free (c->name);
  g_free (c->role);
  g_free (c->sql_name);
}

typedef struct
{
  GArray                 *columns;   /* ColumnPlan */
  const TandemCsvOptions *options;
} Plan;

static void
plan_free (Plan *plan)
{
  if (plan == NULL)
    return;
  for (guint i = 0; i < plan->columns->len; i++)
    column_plan_clear (&g_array_index (plan->columns, ColumnPlan, i));
  g_array_unref (plan->columns);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

static inline ColumnPlan *
plan_column (Plan  *plan,
             guint  i)
{
  return &g_array_index (plan->columns, ColumnPlan, i);
}

static gboolean
is_null (const TandemCsvOptions *options,
         const char             *text,
         gsize                   len)
{
  const char *const *tokens = tandem_csv_options_get_null_tokens (options);

  trim (&text, &len);
  if (len == 0)
    return TRUE;
  for (guint i = 0; tokens[i]; i++)
    if (strlen (tokens[i]) == len && g_ascii_strncasecmp (text, tokens[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Reads the header into a new plan: names trimmed, blanks named, duplicates
 * refused, options checked against the names.                           */
static Plan *
plan_from_header (CsvReader               *r,
                  const TandemCsvOptions  *options,
                  GError                 **error)
{
  g_autoptr(Plan) plan = g_new0 (Plan, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  int rc;

  plan->options = options;
  plan->columns = g_array_new (FALSE, TRUE, sizeof (ColumnPlan));

  rc = reader_next (r, error);
  if (rc < 0)
    return NULL;
  if (rc == 0)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_EMPTY, _("“%s” is empty"), r->name);
      return NULL;
    }
  if (r->n_fields > TANDEM_CSV_MAX_COLUMNS)
    {
      set_error_at (error, TANDEM_CSV_ERROR_TOO_LARGE, r, r->record_line,
                    _("the header has more than %d columns, more than Tandem reads"),
                    TANDEM_CSV_MAX_COLUMNS);
      return NULL;
    }

  for (guint i = 0; i < r->n_fields; i++)
    {
      ColumnPlan c = { 0, };
      gsize len;
      const char *text = reader_field (r, i, &len);

      trim (&text, &len);
      c.name = len > 0 ? g_strndup (text, len) : g_strdup_printf (_("Column %u"), i + 1);
      c.maybe_number = c.maybe_date = c.maybe_boolean = c.maybe_outcome = TRUE;
      g_array_append_val (plan->columns, c);

      if (g_hash_table_contains (seen, c.name))
        {
          set_error_at (error, TANDEM_CSV_ERROR_HEADER, r, r->record_line,
                        _("two columns are named “%s”; column names must be unique"), c.name);
          return NULL;
        }
      g_hash_table_add (seen, c.name);
    }

  g_hash_table_iter_init (&iter, options->types);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                     _("“%s” has no column named “%s”"), r->name, (const char *) key);
        return NULL;
      }
  g_hash_table_iter_init (&iter, options->roles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                     _("“%s” has no column named “%s”"), r->name, (const char *) key);
        return NULL;
      }

  return g_steal_pointer (&plan);
}

/* Checks a record's field count against the header. */
static gboolean
check_field_count (CsvReader  *r,
                   Plan       *plan,
                   GError    **error)
{
  if (r->n_fields != plan->columns->len)
    {
      set_error_at (error, TANDEM_CSV_ERROR_FIELD_COUNT, r, r->record_line,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "the row has %u field but the header has %u columns",
                                 "the row has %u fields but the header has %u columns",
                                 r->n_fields),
                    r->n_fields, plan->columns->len);
      return FALSE;
    }
  return TRUE;
}

static void
observe_field (const Plan *plan,
               ColumnPlan *c,
               const char *text,
               gsize       len)
{
  gboolean b;

  if (is_null (plan->options, text, len))
    {
      c->nulls++;
      return;
    }
  c->values++;
  if (c->maybe_number && !parse_number_len (text, len, NULL))
    c->maybe_number = FALSE;
  if (c->maybe_date && !parse_date_len (text, len, NULL))
    c->maybe_date = FALSE;
  if (c->maybe_boolean && !parse_boolean_len (text, len, &b))
    c->maybe_boolean = FALSE;
  if (c->maybe_outcome && !parse_outcome_len (text, len, &b))
    c->maybe_outcome = FALSE;
}

static void
observe (Plan      *plan,
         CsvReader *r)
{
  for (guint i = 0; i < r->n_fields; i++)
    {
      gsize len;
      const char *text = reader_field (r, i, &len);
      observe_field (plan, plan_column (plan, i), text, len);
    }
}

static TandemColumnType
inferred_type (const ColumnPlan *c)
{
  if (c->values == 0)
    return TANDEM_COLUMN_TEXT;
  if (c->maybe_boolean)
    return TANDEM_COLUMN_BOOLEAN;
  if (c->maybe_number)
    return TANDEM_COLUMN_NUMBER;
  if (c->maybe_date)
    return TANDEM_COLUMN_DATE;
  return TANDEM_COLUMN_TEXT;
}

/* Whether the data read so far fits a role a guess proposes. */
static gboolean
data_fits_role (const ColumnPlan *c,
                TandemRoleKind    kind)
{
  switch (kind)
    {
    case TANDEM_ROLE_ID:
      /* An id column with a gap is still the id column: the import then
       * names the row, rather than quietly dropping the ids.            */
      return TRUE;
    case TANDEM_ROLE_CREATED:
    case TANDEM_ROLE_STAGE_DATE:
    case TANDEM_ROLE_FIRST_TOUCH:
      return c->maybe_date;
    case TANDEM_ROLE_OUTCOME:
      return c->maybe_outcome;
    case TANDEM_ROLE_AMOUNT:
      return c->maybe_number;
    case TANDEM_ROLE_ATTRIBUTE:
    case TANDEM_ROLE_STAGE:
    case TANDEM_ROLE_SOURCE:
    case TANDEM_ROLE_OWNER:
    default:
      return TRUE;
    }
}

/* Decides each column's type and role from the options, the header names
 * and the data observed.  Explicit choices win; a guess is dropped when
 * the data does not fit it or an earlier column holds the role already.  */
static gboolean
plan_decide (Plan        *plan,
             const char  *file_name,
             GError     **error)
{
  const TandemCsvOptions *options = plan->options;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  /* Explicit roles first, so that they win over guesses. */
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      const char *role = g_hash_table_lookup (options->roles, c->name);
      gpointer type = g_hash_table_lookup (options->types, c->name);

      g_clear_pointer (&c->role, g_free);
      c->role_explicit = role != NULL;
      c->type_explicit = type != NULL;
      c->role_kind = TANDEM_ROLE_ATTRIBUTE;

      if (role != NULL && role[0] != '\0')
        {
          if (g_hash_table_contains (taken, role))
            {
              g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                           _("%s: two columns are given the role “%s”; a role belongs to one column"),
                           file_name, role);
              return FALSE;
            }
          c->role = g_strdup (role);
          g_hash_table_add (taken, c->role);
        }
    }

  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      gpointer type = g_hash_table_lookup (options->types, c->name);

      if (!c->role_explicit)
        {
          g_autofree char *guess = NULL;
          TandemRoleKind kind = TANDEM_ROLE_ATTRIBUTE;

          if (options->kind == TANDEM_IMPORT_EVENTS)
            guess = g_strdup (guess_event_role (c->name, i));
          else
            guess = tandem_csv_guess_role (c->name);

          if (guess != NULL && options->kind != TANDEM_IMPORT_EVENTS)
            tandem_role_parse (guess, &kind, NULL, NULL);

          if (guess != NULL && !g_hash_table_contains (taken, guess) && data_fits_role (c, kind) &&
              (type == NULL || tandem_role_required_type (kind) < 0 ||
               GPOINTER_TO_INT (type) - 1 == tandem_role_required_type (kind)))
            {
              c->role = g_steal_pointer (&guess);
              g_hash_table_add (taken, c->role);
            }
        }

      if (options->kind == TANDEM_IMPORT_EVENTS)
        {
          /* Events columns have fixed meanings. */
          if (g_strcmp0 (c->role, "timestamp") == 0)
            c->type = TANDEM_COLUMN_DATE;
          else if (g_strcmp0 (c->role, "value") == 0)
            c->type = TANDEM_COLUMN_NUMBER;
          else
            c->type = TANDEM_COLUMN_TEXT;
          continue;
        }

      tandem_role_parse (c->role, &c->role_kind, NULL, NULL);

      if (type != NULL)
        {
          int required = tandem_role_required_type (c->role_kind);

          c->type = GPOINTER_TO_INT (type) - 1;
          if (required >= 0 && (int) c->type != required)
            {
              g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                           _("%s: column “%s” has the role “%s”, which needs the type %s, "
                             "but it is set to %s"),
                           file_name, c->name, c->role,
                           tandem_column_type_to_string (required),
                           tandem_column_type_to_string (c->type));
              return FALSE;
            }
        }
      else if (tandem_role_required_type (c->role_kind) >= 0)
        c->type = tandem_role_required_type (c->role_kind);
      else
        c->type = inferred_type (c);
    }

  if (options->kind == TANDEM_IMPORT_EVENTS)
    {
      static const char *const required_roles[] = { "id", "type", "timestamp" };
      for (guint k = 0; k < G_N_ELEMENTS (required_roles); k++)
        if (!g_hash_table_contains (taken, required_roles[k]))
          {
            g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_NO_ID,
                         _("%s: no column is the events’ %s; name one with --map COLUMN=%s"),
                         file_name, required_roles[k], required_roles[k]);
            return FALSE;
          }
    }
  else if (options->kind == TANDEM_IMPORT_MERGE && !g_hash_table_contains (taken, "id"))
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_NO_ID,
                   _("%s: no column holds the lead id, so its rows cannot be matched to leads; "
                     "name it with --map COLUMN=id"),
                   file_name);
      return FALSE;
    }

  return TRUE;
}

/* Reads the header and the first @max_rows rows (G_MAXUINT: all), observing
 * types.  @each is called on every record after the check.              */
typedef gboolean (*RecordFunc) (CsvReader *r, Plan *plan, gpointer data, GError **error);

static gboolean
read_records (CsvReader           *r,
              Plan                *plan,
              guint64              max_rows,
              RecordFunc           each,
              gpointer             data,
              TandemProgressFunc   progress,
              gpointer             progress_data,
              double               progress_from,
              double               progress_to,
              GCancellable        *cancellable,
              guint64             *out_rows,
              GError             **error)
{
  guint64 rows = 0;
  int rc = 0;

  while (rows < max_rows && (rc = reader_next (r, error)) > 0)
    {
      if (!check_field_count (r, plan, error))
        return FALSE;
      if (each != NULL && !each (r, plan, data, error))
        return FALSE;
      rows++;

      if ((rows & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (progress_from + (progress_to - progress_from) * reader_fraction (r), progress_data);
        }
    }
  if (rows < max_rows && rc < 0)
    return FALSE;

  if (out_rows)
    *out_rows = rows;
  return TRUE;
}

static gboolean
observe_record (CsvReader *r,
                Plan      *plan,
                gpointer   data,
                GError   **error)
{
  observe (plan, r);
  return TRUE;
}

/* ---- Preview ------------------------------------------------------------------ */

struct _TandemCsvPreview
{
  char       delimiter;
  Plan      *plan;
  GPtrArray *cells;   /* n_rows × n_columns, NULL for null cells */
  guint      n_rows;
  gboolean   truncated;
};

static gboolean
keep_cells (CsvReader *r,
            Plan      *plan,
            gpointer   data,
            GError   **error)
{
  TandemCsvPreview *preview = data;

  observe (plan, r);
  for (guint i = 0; i < r->n_fields; i++)
    {
      gsize len;
      const char *text = reader_field (r, i, &len);
      g_ptr_array_add (preview->cells, is_null (plan->options, text, len) ? NULL : g_strndup (text, len));
    }
  preview->n_rows++;
  return TRUE;
}

TandemCsvPreview *
tandem_csv_preview_new (const char              *path,
                        const TandemCsvOptions  *options,
                        guint                    max_rows,
                        GError                 **error)
{
  g_autoptr(TandemCsvPreview) preview = g_new0 (TandemCsvPreview, 1);
  g_autoptr(CsvReader) r = NULL;
  g_autoptr(TandemCsvOptions) own_options = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = own_options = tandem_csv_options_new ();

  r = reader_open (path, options->delimiter, error);
  if (r == NULL)
    return NULL;

  preview->delimiter = r->delimiter;
  preview->cells = g_ptr_array_new_with_free_func (g_free);
  preview->plan = plan_from_header (r, options, error);
  if (preview->plan == NULL)
    return NULL;

  if (!read_records (r, preview->plan, max_rows, keep_cells, preview, NULL, NULL, 0, 0, NULL, NULL, error))
    return NULL;

  /* Is there more? */
  rc = reader_next (r, NULL);
  preview->truncated = rc != 0;

  /* Guesses over a sample; the import re-decides over every row. */
  if (!plan_decide (preview->plan, r->name, error))
    return NULL;

  /* The options are the caller's: the plan must not keep them. */
  preview->plan->options = NULL;

  return g_steal_pointer (&preview);
}

void
tandem_csv_preview_free (TandemCsvPreview *self)
{
  if (self == NULL)
    return;
  plan_free (self->plan);
  if (self->cells)
    g_ptr_array_unref (self->cells);
  g_free (self);
}

char
tandem_csv_preview_get_delimiter (const TandemCsvPreview *self)
{
  return self->delimiter;
}

guint
tandem_csv_preview_get_n_columns (const TandemCsvPreview *self)
{
  return self->plan->columns->len;
}

const char *
tandem_csv_preview_get_name (const TandemCsvPreview *self,
                             guint                   column)
{
  g_return_val_if_fail (column < self->plan->columns->len, NULL);
  return plan_column (self->plan, column)->name;
}

TandemColumnType
tandem_csv_preview_get_type (const TandemCsvPreview *self,
                             guint                   column)
{
  g_return_val_if_fail (column < self->plan->columns->len, TANDEM_COLUMN_TEXT);
  return plan_column (self->plan, column)->type;
}

const char *
tandem_csv_preview_get_role (const TandemCsvPreview *self,
                             guint                   column)
{
  g_return_val_if_fail (column < self->plan->columns->len, NULL);
  return plan_column (self->plan, column)->role;
}

guint
tandem_csv_preview_get_n_rows (const TandemCsvPreview *self)
{
  return self->n_rows;
}

gboolean
tandem_csv_preview_is_truncated (const TandemCsvPreview *self)
{
  return self->truncated;
}

const char *
tandem_csv_preview_get_cell (const TandemCsvPreview *self,
                             guint                   row,
                             guint                   column)
{
  guint n_columns = self->plan->columns->len;

  g_return_val_if_fail (row < self->n_rows && column < n_columns, NULL);
  return g_ptr_array_index (self->cells, (gsize) row * n_columns + column);
}

/* ---- Import ------------------------------------------------------------------ */

void
tandem_import_result_clear (TandemImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->first_unknown_id);
  memset (result, 0, sizeof *result);
}

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
  gboolean            strict;       /* types from every row: a bad value is an error */
} ImportState;

/* Not a user-visible error: a value contradicts a type that was inferred
 * from the sample (or a guessed role), so the import starts again with
 * types inferred over the whole file.                                   */
#define RETRY_WITH_FULL_INFERENCE 1000

static gboolean
bad_value (GError          **error,
           CsvReader        *r,
           gboolean          strict,
           guint             i,
           const ColumnPlan *c,
           const char       *text,
           gsize             len,
           const char       *expected)
{
  g_autofree char *shown = g_utf8_make_valid (text, MIN (len, (gsize) 60));

  if (!strict && !c->type_explicit && !c->role_explicit)
    {
      g_set_error_literal (error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE, "retry");
      return FALSE;
    }
  set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                /* Translators: column 3 (“Created”): “soon” is not a date (YYYY-MM-DD) */
                _("column %u (“%s”): “%s” is not %s"),
                i + 1, c->name, shown, expected);
  return FALSE;
}

/* Binds field @i of the current record as column @c's type. */
static gboolean
bind_value (sqlite3_stmt     *stmt,
            const Plan       *plan,
            ColumnPlan       *c,
            CsvReader        *r,
            gboolean          strict,
            guint             i,
            char             *scratch,
            GError          **error)
{
  gsize len;
  const char *text = reader_field (r, i, &len);
  gboolean b;
  double d;

  if (c->watch)
    observe_field (plan, c, text, len);

  if (is_null (plan->options, text, len))
    {
      c->null_count++;
      sqlite3_bind_null (stmt, c->param);
      return TRUE;
    }

  if (c->role_kind == TANDEM_ROLE_OUTCOME)
    {
      if (!parse_outcome_len (text, len, &b))
        return bad_value (error, r, strict, i, c, text, len, _("an outcome (won/lost, 1/0, true/false, yes/no)"));
      sqlite3_bind_int (stmt, c->param, b);
      return TRUE;
    }

  switch (c->type)
    {
    case TANDEM_COLUMN_NUMBER:
      if (!parse_number_len (text, len, &d))
        return bad_value (error, r, strict, i, c, text, len, _("a number"));
      sqlite3_bind_double (stmt, c->param, d);
      break;

    case TANDEM_COLUMN_DATE:
      if (!parse_date_len (text, len, scratch))
        return bad_value (error, r, strict, i, c, text, len, _("a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"));
      sqlite3_bind_text (stmt, c->param, scratch, -1, SQLITE_STATIC);
      break;

    case TANDEM_COLUMN_BOOLEAN:
      if (!parse_boolean_len (text, len, &b))
        return bad_value (error, r, strict, i, c, text, len, _("yes/no or true/false"));
      sqlite3_bind_int (stmt, c->param, b);
      break;

    case TANDEM_COLUMN_TEXT:
    default:
      sqlite3_bind_text (stmt, c->param, text, (int) len, SQLITE_STATIC);
      break;
    }
  return TRUE;
}

static gboolean
step_done (ImportState  *state,
           sqlite3_stmt *stmt,
           CsvReader    *r,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_autofree char *what = g_strdup_printf (_("%s, line %llu"), r->name, (unsigned long long) r->record_line);
      tandem_store_set_error (state->store, error, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bind_key (ImportState  *state,
          sqlite3_stmt *stmt,
          int           param,
          Plan         *plan,
          CsvReader    *r,
          GError      **error)
{
  gsize len;
  const char *text;
  ColumnPlan *c;

  if (state->key_column < 0)
    {
      char buf[24];
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, state->row + 1);
      sqlite3_bind_text (stmt, param, buf, -1, SQLITE_TRANSIENT);
      return TRUE;
    }

  c = plan_column (plan, state->key_column);
  text = reader_field (r, state->key_column, &len);
  trim (&text, &len);
  if (len == 0)
    {
      if (!state->strict && !c->role_explicit)
        g_set_error_literal (error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE, "retry");
      else
        set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                      _("column %d (“%s”): the lead id is empty"), state->key_column + 1, c->name);
      return FALSE;
    }
  sqlite3_bind_text (stmt, param, text, (int) len, SQLITE_STATIC);
  return TRUE;
}

static gboolean
insert_lead (CsvReader *r,
             Plan      *plan,
             gpointer   data,
             GError   **error)
{
  ImportState *state = data;
  guint32 line = (guint32) MIN (r->record_line, G_MAXUINT32);

  if (!bind_key (state, state->insert, 1, plan, r, error))
    return FALSE;

  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      if (c->param > 0 && !bind_value (state->insert, plan, c, r, state->strict, i, state->scratch[i], error))
        return FALSE;
    }
  if (!step_done (state, state->insert, r, error))
    return FALSE;

  g_array_append_val (state->lines, line);
  state->row++;
  state->result->imported++;
  return TRUE;
}

static void
note_unknown (ImportState *state,
              CsvReader   *r,
              const char  *key,
              gsize        len)
{
  if (state->result->unknown_ids++ == 0)
    {
      state->result->first_unknown_line = (gint64) r->record_line;
      state->result->first_unknown_id = g_strndup (key, len);
    }
}

static gboolean
merge_lead (CsvReader *r,
            Plan      *plan,
            gpointer   data,
            GError   **error)
{
  ImportState *state = data;
  gsize len;
  const char *key;
  gint64 rowid;
  int rc;

  if (!bind_key (state, state->insert, 1, plan, r, error))
    return FALSE;
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      if (c->param > 0 && !bind_value (state->insert, plan, c, r, state->strict, i, state->scratch[i], error))
        return FALSE;
    }

  rc = sqlite3_step (state->insert);
  rowid = rc == SQLITE_ROW ? sqlite3_column_int64 (state->insert, 0) : 0;
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (state->insert);
  sqlite3_reset (state->insert);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("%s, line %llu"), r->name, (unsigned long long) r->record_line);
      tandem_store_set_error (state->store, error, what);
      return FALSE;
    }

  key = reader_field (r, state->key_column, &len);
  trim (&key, &len);
  state->row++;

  if (rowid == 0)
    {
      note_unknown (state, r, key, len);
      return TRUE;
    }

  if (rowid > 0 && rowid <= state->max_rowid)
    {
      guint8 bit = (guint8) (1u << (rowid & 7));
      if (state->merged[rowid >> 3] & bit)
        {
          g_autofree char *shown = g_utf8_make_valid (key, MIN (len, (gsize) 60));
          set_error_at (error, TANDEM_CSV_ERROR_DUPLICATE_ID, r, r->record_line,
                        _("the lead id “%s” appears a second time in this file"), shown);
          return FALSE;
        }
      state->merged[rowid >> 3] |= bit;
    }

  state->result->imported++;
  return TRUE;
}

static gboolean
insert_event (CsvReader *r,
              Plan      *plan,
              gpointer   data,
              GError   **error)
{
  ImportState *state = data;
  ColumnPlan *type_c = plan_column (plan, state->type_column);
  gsize key_len, type_len, time_len;
  const char *key = reader_field (r, state->key_column, &key_len);
  const char *type = reader_field (r, state->type_column, &type_len);
  const char *time = reader_field (r, state->time_column, &time_len);
  char at[20];
  gint64 lead;

  trim (&key, &key_len);
  trim (&type, &type_len);
  state->row++;

  if (key_len == 0)
    {
      set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                    _("column %d (“%s”): the lead id is empty"),
                    state->key_column + 1, plan_column (plan, state->key_column)->name);
      return FALSE;
    }
  if (is_null (plan->options, type, type_len))
    {
      set_error_at (error, TANDEM_CSV_ERROR_BAD_VALUE, r, r->record_line,
                    _("column %d (“%s”): the event type is empty"), state->type_column + 1, type_c->name);
      return FALSE;
    }
  if (!parse_date_len (time, time_len, at))
    return bad_value (error, r, state->strict, state->time_column, plan_column (plan, state->time_column), time, time_len,
                      _("a date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)"));

  sqlite3_bind_text (state->lookup, 1, key, (int) key_len, SQLITE_STATIC);
  lead = sqlite3_step (state->lookup) == SQLITE_ROW ? sqlite3_column_int64 (state->lookup, 0) : 0;
  sqlite3_reset (state->lookup);
  if (lead == 0)
    {
      note_unknown (state, r, key, key_len);
      return TRUE;
    }

  sqlite3_clear_bindings (state->insert);
  sqlite3_bind_int64 (state->insert, 1, lead);
  sqlite3_bind_text (state->insert, 2, type, (int) type_len, SQLITE_STATIC);
  sqlite3_bind_text (state->insert, 3, at, -1, SQLITE_STATIC);
  if (state->value_column >= 0)
    {
      ColumnPlan *value_c = plan_column (plan, state->value_column);
      value_c->param = 4;
      if (!bind_value (state->insert, plan, value_c, r, state->strict, state->value_column, state->scratch[0], error))
        return FALSE;
    }
  if (!step_done (state, state->insert, r, error))
    return FALSE;

  state->result->imported++;
  return TRUE;
}

static int
find_role (Plan       *plan,
           const char *role)
{
  for (guint i = 0; i < plan->columns->len; i++)
    if (g_strcmp0 (plan_column (plan, i)->role, role) == 0)
      return (int) i;
  return -1;
}

/* After the leads are in: the unique index on ids.  A duplicate makes it
 * fail; then find the first one, for a message naming both lines.        */
static gboolean
index_keys (ImportState  *state,
            CsvReader    *r,
            Plan         *plan,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 first, second;
  const char *key;

  if (tandem_store_exec (state->store, "CREATE UNIQUE INDEX leads_key ON leads (key)", &local_error))
    return TRUE;

  if ((sqlite3_extended_errcode (tandem_store_get_db (state->store)) & 0xff) != SQLITE_CONSTRAINT)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!tandem_store_exec (state->store, "CREATE INDEX leads_key_dup ON leads (key, id)", error))
    return FALSE;
  stmt = tandem_store_prepare (state->store,
                               "SELECT b.id, (SELECT min (a.id) FROM leads a WHERE a.key = b.key), b.key "
                               "FROM leads b WHERE EXISTS (SELECT 1 FROM leads a WHERE a.key = b.key AND a.id < b.id) "
                               "ORDER BY b.id LIMIT 1",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  second = sqlite3_column_int64 (stmt, 0);
  first = sqlite3_column_int64 (stmt, 1);
  key = (const char *) sqlite3_column_text (stmt, 2);
  set_error_at (error, TANDEM_CSV_ERROR_DUPLICATE_ID, r,
                g_array_index (state->lines, guint32, second - 1),
                _("column %d (“%s”): the lead id “%s” is already used on line %u; ids must be unique"),
                state->key_column + 1, plan_column (plan, state->key_column)->name, key,
                g_array_index (state->lines, guint32, first - 1));
  return FALSE;
}

static gboolean
write_null_counts (ImportState *state,
                   Plan        *plan,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = tandem_store_prepare (state->store,
                                                        "UPDATE columns SET nulls = ?2 WHERE sql_name = ?1",
                                                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      if (c->sql_name == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, c->sql_name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, c->null_count);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          tandem_store_set_error (state->store, error, _("Could not save the columns"));
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Leads: columns created, rows inserted, ids indexed. */
static gboolean
prepare_leads (ImportState  *state,
               Plan         *plan,
               const char   *file_name,
               GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO leads (key");
  g_autoptr(GString) values = g_string_new ("VALUES (?1");
  int param = 1;

  if (tandem_store_count_leads (state->store) > 0)
    {
      g_autofree char *title = tandem_store_dup_title (state->store);
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The workspace “%s” already has leads; import %s as a merge to add its "
                     "columns to them (matched by lead id), or into a new workspace"),
                   title, file_name);
      return FALSE;
    }
  state->key_column = find_role (plan, "id");
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      g_autoptr(TandemColumn) column = tandem_store_add_column (state->store, c->name, c->type, c->role, error);

      if (column == NULL)
        return FALSE;
      c->sql_name = g_strdup (column->sql_name);
      if ((int) i == state->key_column)
        continue;
      c->param = ++param;
      g_string_append_printf (sql, ", %s", c->sql_name);
      g_string_append_printf (values, ", ?%d", c->param);
    }
  g_string_append_printf (sql, ") %s)", values->str);

  /* The index is rebuilt once at the end: much faster than row by row. */
  if (!tandem_store_exec (state->store, "DROP INDEX IF EXISTS leads_key", error))
    return FALSE;

  state->insert = tandem_store_prepare (state->store, sql->str, error);
  state->lines = g_array_new (FALSE, FALSE, sizeof (guint32));
  return state->insert != NULL;
}

/* Merge: new columns added, existing ones updated, rows matched by id. */
static gboolean
prepare_merge (ImportState  *state,
               Plan         *plan,
               const char   *file_name,
               GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE leads SET ");
  g_autoptr(TandemColumn) id_column = tandem_store_find_column_by_role (state->store, "id");
  g_autofree char *title = tandem_store_dup_title (state->store);
  gboolean first = TRUE;
  int param = 1;

  if (tandem_store_count_leads (state->store) == 0)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The workspace “%s” has no leads to merge %s into; import it as leads first"),
                   title, file_name);
      return FALSE;
    }
  if (id_column == NULL)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The leads in “%s” were imported without an id column, so %s cannot be matched "
                     "to them"),
                   title, file_name);
      return FALSE;
    }

  state->key_column = find_role (plan, "id");
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      g_autoptr(TandemColumn) existing = NULL;

      if ((int) i == state->key_column)
        continue;

      existing = tandem_store_find_column (state->store, c->name);
      if (existing != NULL)
        {
          if (g_strcmp0 (existing->sql_name, "key") == 0)
            continue;
          /* The workspace's column decides the type and role. */
          if (c->type_explicit && c->type != existing->type)
            {
              g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                           _("%s: column “%s” is %s in the workspace and cannot be merged as %s"),
                           file_name, c->name, tandem_column_type_to_string (existing->type),
                           tandem_column_type_to_string (c->type));
              return FALSE;
            }
          c->type = existing->type;
          c->type_explicit = TRUE;
          c->watch = FALSE;
          g_free (c->role);
          c->role = g_strdup (existing->role);
          tandem_role_parse (c->role, &c->role_kind, NULL, NULL);
          c->sql_name = g_strdup (existing->sql_name);
        }
      else
        {
          g_autoptr(TandemColumn) column = NULL;
          g_autoptr(TandemColumn) holder = c->role ? tandem_store_find_column_by_role (state->store, c->role) : NULL;

          if (holder != NULL)
            {
              if (c->role_explicit)
                {
                  g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_OPTION,
                               _("%s: the role “%s” is already held by the workspace column “%s”"),
                               file_name, c->role, holder->name);
                  return FALSE;
                }
              /* A guess that collides is dropped; the column stays an attribute. */
              g_clear_pointer (&c->role, g_free);
              c->role_kind = TANDEM_ROLE_ATTRIBUTE;
              if (!c->type_explicit)
                c->type = inferred_type (c);
            }

          column = tandem_store_add_column (state->store, c->name, c->type, c->role, error);
          if (column == NULL)
            return FALSE;
          c->sql_name = g_strdup (column->sql_name);
          state->result->columns_added++;
        }

      c->param = ++param;
      g_string_append_printf (sql, "%s%s = ?%d", first ? "" : ", ", c->sql_name, c->param);
      first = FALSE;
    }

  if (first)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_EMPTY,
                   _("%s has no columns besides the lead id, so there is nothing to merge"), file_name);
      return FALSE;
    }
  g_string_append (sql, " WHERE key = ?1 RETURNING id");

  state->insert = tandem_store_prepare (state->store, sql->str, error);
  if (state->insert == NULL)
    return FALSE;

  state->max_rowid = 0;
  {
    g_autoptr(sqlite3_stmt) max = tandem_store_prepare (state->store, "SELECT coalesce(max(id), 0) FROM leads", error);
    if (max == NULL || sqlite3_step (max) != SQLITE_ROW)
      return FALSE;
    state->max_rowid = sqlite3_column_int64 (max, 0);
  }
  state->merged = g_malloc0 ((gsize) state->max_rowid / 8 + 1);
  return TRUE;
}

static gboolean
prepare_events (ImportState  *state,
                Plan         *plan,
                const char   *file_name,
                GError      **error)
{
  g_autofree char *title = tandem_store_dup_title (state->store);

  if (tandem_store_count_leads (state->store) == 0)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_WORKSPACE,
                   _("The workspace “%s” has no leads for the events in %s; import leads first"),
                   title, file_name);
      return FALSE;
    }

  state->key_column = find_role (plan, "id");
  state->type_column = find_role (plan, "type");
  state->time_column = find_role (plan, "timestamp");
  state->value_column = find_role (plan, "value");

  state->insert = tandem_store_prepare (state->store,
                                        "INSERT INTO events (lead, type, at, value) VALUES (?1, ?2, ?3, ?4)",
                                        error);
  state->lookup = tandem_store_prepare (state->store, "SELECT id FROM leads WHERE key = ?1", error);
  return state->insert != NULL && state->lookup != NULL;
}

#define SAMPLE_ROWS 20000

/* After a fast attempt: would inference over every row have decided the
 * same types for the columns the sample had no values for?             */
static gboolean
watched_columns_agree (Plan *plan)
{
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      if (c->watch && inferred_type (c) != c->type)
        return FALSE;
    }
  return TRUE;
}

/* One attempt: decide the plan from the first @sample_rows rows (all rows
 * when strict), then convert and write every row in one transaction.   */
static gboolean
import_attempt (TandemStore             *store,
                const char              *path,
                const TandemCsvOptions  *options,
                gboolean                 strict,
                TandemProgressFunc       progress,
                gpointer                 progress_data,
                GCancellable            *cancellable,
                TandemImportResult      *result,
                GError                 **error)
{
  static const char *const kind_names[] = { "leads", "merge", "events" };
  g_autoptr(CsvReader) r = NULL;
  g_autoptr(Plan) plan = NULL;
  g_autofree char *base = g_path_get_basename (path);
  ImportState state = { 0, };
  double write_from = strict ? 0.3 : 0.02;
  guint64 rows = 0;
  gboolean ok = FALSE;
  gboolean bulk_journal = FALSE;
  RecordFunc each;

  tandem_import_result_clear (result);

  r = reader_open (path, options->delimiter, error);
  if (r == NULL)
    return FALSE;
  plan = plan_from_header (r, options, error);
  if (plan == NULL)
    return FALSE;
  if (!read_records (r, plan, strict ? G_MAXUINT64 : SAMPLE_ROWS, observe_record, NULL,
                     progress, progress_data, 0.0, write_from, cancellable, &rows, error))
    return FALSE;
  if (rows == 0)
    {
      g_set_error (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_EMPTY,
                   _("“%s” has a header but no rows to import"), r->name);
      return FALSE;
    }
  if (!plan_decide (plan, r->name, error))
    return FALSE;
  for (guint i = 0; i < plan->columns->len && !strict; i++)
    {
      ColumnPlan *c = plan_column (plan, i);
      c->watch = c->values == 0 && !c->type_explicit && !c->role_explicit;
    }

  state.store = store;
  state.result = result;
  state.strict = strict;
  state.key_column = state.type_column = state.time_column = state.value_column = -1;
  state.scratch = g_malloc0 (sizeof *state.scratch * MAX (plan->columns->len, 1));

  /* A bulk load into an empty workspace nobody else has open goes through
   * the rollback journal: each page is written once, where the WAL would
   * write it twice (log, then checkpoint).  Just as crash-safe: the journal
   * of an empty database is tiny.  Anyone else connected keeps it in WAL.  */
  if (options->kind == TANDEM_IMPORT_LEADS && tandem_store_count_leads (store) == 0)
    bulk_journal = tandem_store_try_bulk_mode (store, TRUE);

  if (!tandem_store_begin (store, error))
    goto out;

  switch (options->kind)
    {
    case TANDEM_IMPORT_MERGE:
      ok = prepare_merge (&state, plan, r->name, error);
      each = merge_lead;
      break;
    case TANDEM_IMPORT_EVENTS:
      ok = prepare_events (&state, plan, r->name, error);
      each = insert_event;
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      ok = prepare_leads (&state, plan, r->name, error);
      each = insert_lead;
      break;
    }
  if (!ok)
    goto out;
  ok = FALSE;

  if (!reader_rewind (r, error) || reader_next (r, error) <= 0)
    goto out;
  if (!read_records (r, plan, G_MAXUINT64, each, &state, progress, progress_data, write_from, 0.95,
                     cancellable, &rows, error))
    goto out;
  result->rows = (gint64) rows;

  if (!strict && !watched_columns_agree (plan))
    {
      g_set_error_literal (error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE, "retry");
      goto out;
    }

  switch (options->kind)
    {
    case TANDEM_IMPORT_LEADS:
      if (state.key_column >= 0 && !index_keys (&state, r, plan, error))
        goto out;
      if (state.key_column < 0 &&
          !tandem_store_exec (store, "CREATE UNIQUE INDEX leads_key ON leads (key)", error))
        goto out;
      if (!write_null_counts (&state, plan, error))
        goto out;
      break;
    case TANDEM_IMPORT_MERGE:
      if (!tandem_store_refresh_null_counts (store, error))
        goto out;
      break;
    case TANDEM_IMPORT_EVENTS:
    default:
      break;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !tandem_store_record_import (store, kind_names[options->kind], base, result->imported, error))
    goto out;

  g_clear_pointer (&state.insert, sqlite3_finalize);
  g_clear_pointer (&state.lookup, sqlite3_finalize);
  if (!tandem_store_commit (store, error))
    goto out;
  ok = TRUE;

out:
  g_clear_pointer (&state.insert, sqlite3_finalize);
  g_clear_pointer (&state.lookup, sqlite3_finalize);
  if (!ok)
    tandem_store_rollback (store);
  if (bulk_journal)
    tandem_store_try_bulk_mode (store, FALSE);
  g_clear_pointer (&state.lines, g_array_unref);
  g_free (state.merged);
  g_free (state.scratch);
  return ok;
}

gboolean
tandem_csv_check_file (const char              *path,
                       const TandemCsvOptions  *options,
                       GError                 **error)
{
  g_autoptr(CsvReader) r = NULL;
  g_autoptr(Plan) plan = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  r = reader_open (path, options->delimiter, error);
  if (r == NULL)
    return FALSE;
  plan = plan_from_header (r, options, error);
  return plan != NULL;
}

gboolean
tandem_store_import_csv (TandemStore             *store,
                         const char              *path,
                         const TandemCsvOptions  *options,
                         TandemProgressFunc       progress,
                         gpointer                 progress_data,
                         GCancellable            *cancellable,
                         TandemImportResult      *result,
                         GError                 **error)
{
  g_autoptr(TandemCsvOptions) own_options = NULL;
  g_autoptr(GError) local_error = NULL;
  TandemImportResult local_result = { 0, };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = own_options = tandem_csv_options_new ();
  if (result == NULL)
    result = &local_result;

  /* Fast: types from a sample, checked on every row as they are written.
   * Should a later row contradict them, start again with types inferred
   * over the whole file — the result is the same either way.            */
  ok = import_attempt (store, path, options, FALSE, progress, progress_data, cancellable, result, &local_error);
  if (!ok && g_error_matches (local_error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE))
    {
      g_clear_error (&local_error);
      ok = import_attempt (store, path, options, TRUE, progress, progress_data, cancellable, result, &local_error);
    }

  if (!ok)
    {
      g_assert (!g_error_matches (local_error, TANDEM_CSV_ERROR, RETRY_WITH_FULL_INFERENCE));
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (result == &local_result)
        tandem_import_result_clear (&local_result);
      return FALSE;
    }

  result->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (progress)
    progress (1.0, progress_data);
  if (result == &local_result)
    tandem_import_result_clear (&local_result);
  return TRUE;
}
