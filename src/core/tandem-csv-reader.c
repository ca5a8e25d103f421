/* tandem-csv-reader.c — the RFC 4180 tokenizer and delimiter detection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader streams the file in chunks and never holds it whole; a record
 * is kept as its fields, NUL-terminated one after another.
 */

#include "config.h"

#include "tandem-csv-private.h"
#include "tandem-file.h"
#include "tandem-json.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (tandem-csv-error-quark, tandem_csv_error)

#define READ_CHUNK (1024 * 1024)

/* ---- The reader ------------------------------------------------------------ */

void
tandem_csv_reader_free (CsvReader *r)
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

G_GNUC_PRINTF (5, 6)
void
tandem_csv_set_error_at (GError    **error,
                         int         code,
                         CsvReader  *r,
                         guint64     line,
                         const char *format,
                         ...)
{
  /* Translators: “leads.csv, line 5”, before what is wrong there */
  g_autofree char *where = g_strdup_printf (_("%s, line %llu"), r->name, (unsigned long long) line);
  va_list args;

  va_start (args, format);
  tandem_json_set_error_valist (error, TANDEM_CSV_ERROR, code, where, format, args);
  va_end (args);
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

gboolean
tandem_csv_reader_rewind (CsvReader  *r,
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

CsvReader *
tandem_csv_reader_open (const char  *path,
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

  if (!tandem_csv_reader_rewind (r, error))
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
          tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_TOO_LARGE, r, r->record_line,
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
      tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_TOO_LARGE, r, r->record_line,
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
      tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_ENCODING, r, r->record_line,
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
int
tandem_csv_reader_next (CsvReader  *r,
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
                    tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_UNCLOSED_QUOTE, r, quote_line,
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
              tandem_csv_set_error_at (error, TANDEM_CSV_ERROR_BAD_QUOTE, r, r->line,
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

double
tandem_csv_reader_fraction (CsvReader *r)
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
