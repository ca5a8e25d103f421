/* tandem-snapshot.c — reading the columnar snapshot, and what both sides share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The snapshot is written from the rows (tandem-snapshot-write.c) by the
 * same reader the scorer uses when there is none, so both give the same
 * arrays, bit for bit.  Every part is a zstd frame with its content size
 * and checksum; reading one checks both, then checks what it decodes
 * (sizes, codes within the dictionary, rowids ascending, event counts
 * adding up), and a part that fails makes the whole snapshot unused.
 * Nothing read from a part or the manifest reaches SQL: the parts are
 * looked up by bound values only.
 */

#include "config.h"

#include "tandem-snapshot-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zstd.h>


static gboolean snapshot_enabled = TRUE;
static guint chunk_leads = CHUNK_LEADS;

void
tandem_snapshot_set_enabled_for_testing (gboolean enabled)
{
  snapshot_enabled = enabled;
}

guint
tandem_snapshot_get_chunk_leads (void)
{
  return chunk_leads;
}

void
tandem_snapshot_set_chunk_for_testing (guint leads)
{
  g_return_if_fail (leads == 0 || (leads >= MIN_CHUNK_LEADS && leads <= MAX_CHUNK_LEADS && (leads & (leads - 1)) == 0));
  chunk_leads = leads ? leads : CHUNK_LEADS;
}

static const char *const type_names[] = { "text", "number", "date", "boolean" };

const char *
tandem_snapshot_type_to_string (TandemColumnType type)
{
  switch (type)
    {
    case TANDEM_COLUMN_NUMBER: return type_names[1];
    case TANDEM_COLUMN_DATE: return type_names[2];
    case TANDEM_COLUMN_BOOLEAN: return type_names[3];
    case TANDEM_COLUMN_TEXT:
    default: return type_names[0];
    }
}

gboolean
tandem_snapshot_type_from_string (const char       *text,
                                  TandemColumnType *out)
{
  static const TandemColumnType types[] = { TANDEM_COLUMN_TEXT, TANDEM_COLUMN_NUMBER, TANDEM_COLUMN_DATE,
                                            TANDEM_COLUMN_BOOLEAN };

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (text, type_names[i]))
      {
        *out = types[i];
        return TRUE;
      }
  return FALSE;
}

/* ---- The stamp ------------------------------------------------------------
 * What changes whenever the rows the snapshot holds change: the number of
 * leads and the last lead, event and import ids (leads and events are only
 * ever added, each import is logged), the table of columns (names, types,
 * the columns they are stored in, their null counts), the workspace's
 * format and the snapshot's.  Cheap: no scan of the events.            */

char *
tandem_snapshot_compute_stamp (TandemStore *store,
                               gint64      *n_leads)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GChecksum) sum = NULL;
  g_autofree char *prefix = NULL;

  stmt = tandem_store_prepare (store,
                               "SELECT (SELECT count(*) FROM leads), (SELECT max(id) FROM leads), "
                               "(SELECT max(id) FROM events), (SELECT max(id) FROM imports), "
                               "(SELECT group_concat(position || ',' || type || ',' || sql_name || ',' || nulls || ',' || "
                               "hex(name), ';') FROM (SELECT * FROM columns ORDER BY position))",
                               NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (n_leads != NULL)
    *n_leads = sqlite3_column_int64 (stmt, 0);
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  prefix = g_strdup_printf ("tandem-snapshot %d, workspace format %d", SNAPSHOT_FORMAT,
                            tandem_store_get_schema_version (store));
  g_checksum_update (sum, (const guchar *) prefix, -1);
  for (int i = 0; i < 5; i++)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, i);
      g_checksum_update (sum, (const guchar *) "|", 1);
      g_checksum_update (sum, (const guchar *) (value ? value : "-"), -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* ---- Reading ------------------------------------------------------------- */

/* A reader of the parts.  Two threads read with two Readers: the second
 * a copy of the first with its own decompression context, whose @shared
 * points back at it: the statement (on a connection only one thread may
 * use at a time) and the reason for refusing are the first's, behind its
 * lock.  The decompression happens outside the lock. */
typedef struct _Reader Reader;
struct _Reader
{
  TandemStore  *store;
  sqlite3_stmt *select;
  ZSTD_DCtx    *dctx;
  guint         chunk;    /* leads a chunk, from the manifest */
  gboolean      stamp_ok; /* the manifest is the rows' own */
  char         *why;
  GMutex        lock;
  Reader       *shared;   /* itself, or the Reader it was copied from */
};

/* Sets why the snapshot is not used (the first reason only) */
G_GNUC_PRINTF (2, 3) static gboolean
refuse (Reader     *r,
        const char *format,
        ...)
{
  Reader *s = r->shared;
  va_list args;

  g_mutex_lock (&s->lock);
  if (s->why == NULL)
    {
      va_start (args, format);
      s->why = g_strdup_vprintf (format, args);
      va_end (args);
    }
  g_mutex_unlock (&s->lock);
  return FALSE;
}

/* A part as stored (compressed), copied out, or NULL when it is missing */
static GBytes *
fetch_part (Reader     *r,
            const char *kind,
            const char *name,
            gint64      chunk)
{
  Reader *s = r->shared;
  GBytes *blob = NULL;

  g_mutex_lock (&s->lock);
  sqlite3_reset (s->select);
  sqlite3_bind_text (s->select, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (s->select, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s->select, 3, chunk);
  if (sqlite3_step (s->select) == SQLITE_ROW)
    blob = g_bytes_new (sqlite3_column_blob (s->select, 0), (gsize) sqlite3_column_bytes (s->select, 0));
  sqlite3_reset (s->select);
  g_mutex_unlock (&s->lock);
  return blob;
}

/* Whether a stored part is one zstd frame with its checksum and its size,
 * and that size (*@content) is @expected, unless that is G_MAXSIZE */
static gboolean
check_frame (Reader     *r,
             GBytes     *part,
             const char *kind,
             const char *name,
             gint64      chunk,
             gsize       expected,
             gsize      *content)
{
  gsize length;
  const void *blob = g_bytes_get_data (part, &length);
  unsigned long long size;

  /* One frame, a zstd one (its magic number, little-endian), whose frame
   * header descriptor has the content checksum flag (bit 2) */
  if (blob == NULL || length < 5 || memcmp (blob, "\x28\xb5\x2f\xfd", 4) != 0 ||
      (((const guint8 *) blob)[4] & 0x04) == 0 || ZSTD_findFrameCompressedSize (blob, length) != length)
    return refuse (r, "part %s “%s” %" G_GINT64_FORMAT " is not one zstd frame with a checksum", kind, name, chunk);
  size = ZSTD_getFrameContentSize (blob, length);
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > MAX_PART_BYTES ||
      (expected != G_MAXSIZE && size != expected))
    return refuse (r, "part %s “%s” %" G_GINT64_FORMAT " has the wrong size", kind, name, chunk);
  *content = (gsize) size;
  return TRUE;
}

/* Decodes a checked part into @dest (@size bytes, its content size) */
static gboolean
decode_into (Reader     *r,
             GBytes     *part,
             void       *dest,
             gsize       size,
             const char *kind,
             const char *name,
             gint64      chunk)
{
  gsize length;
  const void *blob = g_bytes_get_data (part, &length);
  size_t got = ZSTD_decompressDCtx (r->dctx, dest, size, blob, length);

  if (ZSTD_isError (got) || got != size)
    return refuse (r, "part %s “%s” %" G_GINT64_FORMAT " is damaged: %s", kind, name, chunk,
                   ZSTD_isError (got) ? ZSTD_getErrorName (got) : "short");
  return TRUE;
}

/* A part as stored, there and one checked frame (check_frame()), its
 * content size in *@content; NULL, refused, if not */
static GBytes *
fetch_checked (Reader     *r,
               const char *kind,
               const char *name,
               gint64      chunk,
               gsize       expected,
               gsize      *content)
{
  g_autoptr(GBytes) part = fetch_part (r, kind, name, chunk);

  if (part == NULL)
    {
      refuse (r, "part %s “%s” %" G_GINT64_FORMAT " is missing", kind, name, chunk);
      return NULL;
    }
  if (!check_frame (r, part, kind, name, chunk, expected, content))
    return NULL;
  return g_steal_pointer (&part);
}

/* One part decoded, checked against its checksum and, unless @expected is
 * G_MAXSIZE, against the size it must have. */
static guint8 *
get_part (Reader     *r,
          const char *kind,
          const char *name,
          gint64      chunk,
          gsize       expected,
          gsize      *size)
{
  gsize content;
  g_autoptr(GBytes) part = fetch_checked (r, kind, name, chunk, expected, &content);
  g_autofree guint8 *data = NULL;

  if (part == NULL)
    return NULL;
  data = g_malloc (MAX (content, 1));
  if (!decode_into (r, part, data, content, kind, name, chunk))
    return NULL;
  *size = content;
  return g_steal_pointer (&data);
}

typedef struct
{
  guint      n_leads;
  GPtrArray *column_names;   /* owned strings */
  GArray    *column_types;   /* TandemColumnType */
  GPtrArray *event_types;    /* owned strings */
} Manifest;

static void
manifest_clear (Manifest *m)
{
  g_clear_pointer (&m->column_names, g_ptr_array_unref);
  g_clear_pointer (&m->column_types, g_array_unref);
  g_clear_pointer (&m->event_types, g_ptr_array_unref);
}

static gboolean
read_manifest (Reader   *r,
               Manifest *m)
{
  g_autofree guint8 *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stamp = NULL;
  g_auto(GStrv) lines = NULL;
  gsize size;
  guint64 n_leads, chunk;
  gint64 rows = 0;

  m->column_names = g_ptr_array_new_with_free_func (g_free);
  m->column_types = g_array_new (FALSE, FALSE, sizeof (TandemColumnType));
  m->event_types = g_ptr_array_new_with_free_func (g_free);

  data = get_part (r, "manifest", "", 0, G_MAXSIZE, &size);
  if (data == NULL)
    return FALSE;
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate ((const char *) data, (gssize) size, NULL))
    return refuse (r, "the manifest is not text");
  text = g_strndup ((const char *) data, size);
  lines = g_strsplit (text, "\n", -1);
  if (g_strv_length (lines) < 5 || g_strcmp0 (lines[0], "tandem-snapshot " G_STRINGIFY (SNAPSHOT_FORMAT)) != 0)
    return refuse (r, "the snapshot is of another format");
  if (!g_str_has_prefix (lines[1], "leads ") ||
      !g_ascii_string_to_unsigned (lines[1] + 6, 10, 0, G_MAXINT32, &n_leads, NULL))
    return refuse (r, "the manifest gives no lead count");
  m->n_leads = (guint) n_leads;
  if (!g_str_has_prefix (lines[2], "chunk ") ||
      !g_ascii_string_to_unsigned (lines[2] + 6, 10, MIN_CHUNK_LEADS, MAX_CHUNK_LEADS, &chunk, NULL) ||
      (chunk & (chunk - 1)) != 0)
    return refuse (r, "the manifest gives no chunk size");
  r->chunk = (guint) chunk;
  stamp = tandem_snapshot_compute_stamp (r->store, &rows);
  if (stamp == NULL || !g_str_has_prefix (lines[3], "stamp ") || !g_str_equal (lines[3] + 6, stamp))
    return refuse (r, "the snapshot is stale: the rows changed after it was made");
  if ((gint64) n_leads != rows)
    return refuse (r, "the manifest counts %u leads, the workspace %" G_GINT64_FORMAT, m->n_leads, rows);
  r->stamp_ok = TRUE;
  for (guint i = 4; lines[i] != NULL; i++)
    {
      TandemColumnType type;

      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break;
      if (g_str_has_prefix (lines[i], "events "))
        g_ptr_array_add (m->event_types, g_strcompress (lines[i] + 7));
      else if (g_str_has_prefix (lines[i], "column "))
        {
          const char *space = strchr (lines[i] + 7, ' ');
          g_autofree char *type_name = space ? g_strndup (lines[i] + 7, (gsize) (space - lines[i] - 7)) : NULL;

          if (type_name == NULL || !tandem_snapshot_type_from_string (type_name, &type))
            return refuse (r, "manifest line %u names no column type", i + 1);
          g_ptr_array_add (m->column_names, g_strcompress (space + 1));
          g_array_append_val (m->column_types, type);
        }
      else
        return refuse (r, "manifest line %u is not understood", i + 1);
    }
  return TRUE;
}

/* The manifest's columns must be the workspace's, name for name and type
 * for type: the stamp covers the table of columns, not the manifest. */
static gboolean
check_columns (Reader         *r,
               const Manifest *m)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (r->store);

  if (columns->len != m->column_names->len)
    return refuse (r, "the snapshot has %u columns, the workspace %u", m->column_names->len, columns->len);
  for (guint i = 0; i < columns->len; i++)
    {
      const TandemColumn *c = g_ptr_array_index (columns, i);
      if (!g_str_equal (c->name, g_ptr_array_index (m->column_names, i)) ||
          c->type != g_array_index (m->column_types, TandemColumnType, i))
        return refuse (r, "the snapshot's column %u is not the workspace's “%s”", i + 1, c->name);
    }
  return TRUE;
}

static gboolean
read_keys (Reader       *r,
           TandemScorer *self,
           guint         n)
{
  g_autoptr(GString) key_text = g_string_sized_new (n * 8 + 1);
  g_autofree gint64 *rowids = g_new (gint64, MAX (n, 1));
  g_autofree guint32 *key_offsets = g_new (guint32, MAX (n, 1));
  gint64 last = 0;

  for (guint c = 0; c < tandem_snapshot_n_chunks (n, r->chunk); c++)
    {
      guint first = c * r->chunk, m = MIN (r->chunk, n - first);
      gsize size, at;
      g_autofree guint8 *data = get_part (r, "keys", "", c, G_MAXSIZE, &size);

      if (data == NULL)
        return FALSE;
      if (size < m * sizeof (gint64) + m)
        return refuse (r, "the keys of chunk %u are short", c);
      memcpy (rowids + first, data, m * sizeof (gint64));
      tandem_snapshot_swap_to_le (rowids + first, sizeof (gint64), m);
      at = m * sizeof (gint64);
      if (data[size - 1] != '\0')
        return refuse (r, "the keys of chunk %u do not end", c);
      for (guint i = 1; i < m; i++)
        if (rowids[first + i] <= rowids[first + i - 1])
          return refuse (r, "the rowids of chunk %u are out of order", c);
      if (rowids[first] <= last)
        return refuse (r, "the rowids of chunk %u are out of order", c);
      last = rowids[first + m - 1];
      /* The ids, each with its NUL, as the scorer keeps them: one copy,
       * then one pass for where each begins */
      if (key_text->len + (size - at) > G_MAXUINT32 - 4096)
        return refuse (r, "the lead ids are too long together");
      {
        gsize base = key_text->len;
        const guint8 *p = data + at, *end = data + size;
        guint i = 0;

        g_string_append_len (key_text, (const char *) p, (gssize) (size - at));
        while (p < end && i < m)
          {
            const guint8 *nul = memchr (p, '\0', (gsize) (end - p));

            key_offsets[first + i++] = (guint32) (base + (gsize) (p - data - at));
            p = nul + 1;
          }
        if (i != m || p != end)
          return refuse (r, "chunk %u does not hold %u keys", c, m);
      }
    }
  self->n_leads = n;
  self->rowids = g_steal_pointer (&rowids);
  self->key_offsets = g_steal_pointer (&key_offsets);
  self->key_text = g_string_free (g_steal_pointer (&key_text), FALSE);
  return TRUE;
}

static gboolean
read_column (Reader           *r,
             Column           *col,
             TandemColumnType  type,
             guint             n)
{
  gsize width = tandem_snapshot_value_width (type);
  g_autofree guint8 *values = g_malloc (MAX (n * width, 1));
  g_autoptr(GPtrArray) strings = NULL;

  if (type == TANDEM_COLUMN_TEXT)
    {
      gsize size;
      g_autofree guint8 *dictionary = get_part (r, "dictionary", col->name, 0, G_MAXSIZE, &size);

      if (dictionary == NULL)
        return FALSE;
      if (size > 0 && dictionary[size - 1] != '\0')
        return refuse (r, "the dictionary of “%s” does not end", col->name);
      strings = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (strings, NULL);
      for (gsize at = 0; at < size; at += strlen ((const char *) dictionary + at) + 1)
        {
          if (strings->len == G_MAXUINT32)
            return refuse (r, "the dictionary of “%s” is too long", col->name);
          g_ptr_array_add (strings, g_strdup ((const char *) dictionary + at));
        }
    }
  for (guint c = 0; c < tandem_snapshot_n_chunks (n, r->chunk); c++)
    {
      guint first = c * r->chunk, m = MIN (r->chunk, n - first);
      gsize part_width = type == TANDEM_COLUMN_TEXT ? tandem_snapshot_code_width (strings->len) : width;
      gsize size;
      g_autofree guint8 *data = NULL;

      if (type != TANDEM_COLUMN_TEXT)
        {
          /* Straight into place */
          g_autoptr(GBytes) part = fetch_checked (r, "column", col->name, c, m * width, &size);

          if (part == NULL || !decode_into (r, part, values + first * width, size, "column", col->name, c))
            return FALSE;
          tandem_snapshot_swap_to_le (values + first * width, width, m);
        }
      else if ((data = get_part (r, "column", col->name, c, m * part_width, &size)) == NULL)
        return FALSE;
      else
        {
          guint32 *codes = (guint32 *) values + first;

          if (part_width == 1)
            for (guint i = 0; i < m; i++)
              codes[i] = data[i];
          else if (part_width == 2)
            for (guint i = 0; i < m; i++)
              codes[i] = GUINT16_FROM_LE (((const guint16 *) data)[i]);
          else
            for (guint i = 0; i < m; i++)
              codes[i] = GUINT32_FROM_LE (((const guint32 *) data)[i]);
        }
    }
  if (type == TANDEM_COLUMN_TEXT)
    {
      const guint32 *codes = (const guint32 *) values;
      for (guint i = 0; i < n; i++)
        if (codes[i] >= strings->len)
          return refuse (r, "lead %u of “%s” has no value in the dictionary", i + 1, col->name);
      col->codes = (guint32 *) g_steal_pointer (&values);
      col->strings = g_steal_pointer (&strings);
    }
  else if (type == TANDEM_COLUMN_BOOLEAN)
    {
      const gint8 *flags = (const gint8 *) values;
      for (guint i = 0; i < n; i++)
        if (flags[i] < -1 || flags[i] > 1)
          return refuse (r, "lead %u of “%s” is neither yes, no nor empty", i + 1, col->name);
      col->flags = (gint8 *) g_steal_pointer (&values);
    }
  else
    col->values = (double *) g_steal_pointer (&values);
  col->type = type;
  return TRUE;
}

/* A column the workspace does not have reads as empty, as from the rows */
static void
empty_column (Column *col,
              guint   n)
{
  col->type = TANDEM_COLUMN_TEXT;
  col->codes = g_new0 (guint32, MAX (n, 1));
  col->strings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (col->strings, NULL);
}

/* The events of one type: every chunk's counts, then its days straight
 * into one array made once (the chunks' sizes say how long), the frame
 * decoded as a stream into the two places */
static gboolean
read_events (Reader      *r,
             EventSeries *e,
             gboolean     in_snapshot,
             guint        n)
{
  guint n_chunks = in_snapshot ? tandem_snapshot_n_chunks (n, r->chunk) : 0;
  g_autofree guint32 *offsets = g_new0 (guint32, n + 1);
  g_autofree double *at = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree guint32 *counts = g_new (guint32, MAX (MIN (n, r->chunk), 1));
  g_autofree gsize *sizes = g_new (gsize, MAX (n_chunks, 1));
  guint64 total = 0, done = 0;

  for (guint c = 0; c < n_chunks; c++)
    {
      guint m = MIN (r->chunk, n - c * r->chunk);
      GBytes *part = fetch_checked (r, "events", e->type, c, G_MAXSIZE, &sizes[c]);

      if (part == NULL)
        return FALSE;
      g_ptr_array_add (parts, part);
      if (sizes[c] < m * sizeof (guint32) || (sizes[c] - m * sizeof (guint32)) % sizeof (double) != 0)
        return refuse (r, "the events “%s” of chunk %u do not add up", e->type, c);
      total += (sizes[c] - m * sizeof (guint32)) / sizeof (double);
      if (total > G_MAXUINT32 - 1)
        return refuse (r, "there are too many events “%s”", e->type);
    }
  at = g_new (double, MAX (total, 1));

  for (guint c = 0; c < n_chunks; c++)
    {
      guint first = c * r->chunk, m = MIN (r->chunk, n - first);
      gsize k = (sizes[c] - m * sizeof (guint32)) / sizeof (double), length;
      ZSTD_inBuffer in = { NULL, 0, 0 };
      ZSTD_outBuffer out[2] = { { counts, m * sizeof (guint32), 0 }, { at + done, k * sizeof (double), 0 } };
      guint64 sum = 0;
      size_t left = 1;

      in.src = g_bytes_get_data (g_ptr_array_index (parts, c), &length);
      in.size = length;
      ZSTD_DCtx_reset (r->dctx, ZSTD_reset_session_only);
      for (guint o = 0; o < 2; o++)
        while (out[o].pos < out[o].size || (o == 1 && left != 0))
          {
            gsize in_before = in.pos, out_before = out[o].pos;

            left = ZSTD_decompressStream (r->dctx, &out[o], &in);
            if (ZSTD_isError (left))
              return refuse (r, "part events “%s” %u is damaged: %s", e->type, c, ZSTD_getErrorName (left));
            if (in.pos == in_before && out[o].pos == out_before)
              return refuse (r, "part events “%s” %u is damaged: short", e->type, c);
          }
      tandem_snapshot_swap_to_le (counts, sizeof (guint32), m);
      for (guint i = 0; i < m; i++)
        {
          sum += counts[i];
          offsets[first + i + 1] = (guint32) MIN (done + sum, G_MAXUINT32);
        }
      if (sum != k)
        return refuse (r, "the events “%s” of chunk %u do not add up", e->type, c);
      tandem_snapshot_swap_to_le (at + done, sizeof (double), k);
      done += k;
      /* Each chunk's compressed bytes go as soon as they are decoded */
      g_bytes_unref (g_steal_pointer (&parts->pdata[c]));
    }
  e->offsets = g_steal_pointer (&offsets);
  e->at = g_steal_pointer (&at);
  return TRUE;
}

static gboolean
find_name (GPtrArray  *names,
           const char *name,
           guint      *index)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

/* Back to nothing filled, after a refused part */
static void
unload (TandemScorer *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      g_clear_pointer (&c->codes, g_free);
      g_clear_pointer (&c->strings, g_ptr_array_unref);
      g_clear_pointer (&c->values, g_free);
      g_clear_pointer (&c->flags, g_free);
      c->type = TANDEM_COLUMN_TEXT;
    }
  for (guint i = 0; i < self->event_series->len; i++)
    {
      EventSeries *e = g_ptr_array_index (self->event_series, i);
      g_clear_pointer (&e->offsets, g_free);
      g_clear_pointer (&e->at, g_free);
    }
  g_clear_pointer (&self->rowids, g_free);
  g_clear_pointer (&self->key_offsets, g_free);
  g_clear_pointer (&self->key_text, g_free);
  self->n_leads = 0;
}

/* The parts a scorer needs, split between two threads: item 0 the keys,
 * then the columns, then the event series; each writes only its own */
typedef struct
{
  Reader       *r;
  TandemScorer *self;
  Manifest     *m;
  gint          next;
  gint          failed;
} LoadJob;

static gboolean
load_item (Reader       *r,
           TandemScorer *self,
           Manifest     *m,
           guint         k)
{
  guint n_columns = self->columns->len;
  guint index;

  if (k == 0)
    return read_keys (r, self, m->n_leads);
  if (k <= n_columns)
    {
      Column *c = g_ptr_array_index (self->columns, k - 1);

      if (!find_name (m->column_names, c->name, &index))
        {
          empty_column (c, m->n_leads);
          return TRUE;
        }
      return read_column (r, c, g_array_index (m->column_types, TandemColumnType, index), m->n_leads);
    }
  {
    EventSeries *e = g_ptr_array_index (self->event_series, k - 1 - n_columns);
    return read_events (r, e, find_name (m->event_types, e->type, &index), m->n_leads);
  }
}

static void
load_items (LoadJob *job,
            Reader  *r)
{
  guint total = 1 + job->self->columns->len + job->self->event_series->len;
  guint k;

  while (!g_atomic_int_get (&job->failed) && (k = (guint) g_atomic_int_add (&job->next, 1)) < total)
    if (!load_item (r, job->self, job->m, k))
      g_atomic_int_set (&job->failed, 1);
}

static gpointer
load_on_second_core (gpointer data)
{
  LoadJob *job = data;
  Reader second = *job->r;

  second.dctx = ZSTD_createDCtx ();
  second.shared = job->r;
  if (second.dctx == NULL)
    {
      refuse (job->r, "out of memory");
      g_atomic_int_set (&job->failed, 1);
    }
  else
    load_items (job, &second);
  ZSTD_freeDCtx (second.dctx);
  return NULL;
}

static gboolean
load (Reader       *r,
      TandemScorer *self)
{
  Manifest m = { 0, };
  LoadJob job = { r, self, &m, 0, 0 };
  GThread *second = NULL;

  if (!read_manifest (r, &m) || !check_columns (r, &m))
    {
      manifest_clear (&m);
      return FALSE;
    }
  /* Two threads from two chunks on */
  if (m.n_leads > r->chunk)
    second = g_thread_new ("tandem-snapshot", load_on_second_core, &job);
  load_items (&job, r);
  if (second != NULL)
    g_thread_join (second);
  manifest_clear (&m);
  return !job.failed;
}

static gboolean
open_reader (Reader      *r,
             TandemStore *store)
{
  g_autoptr(GError) error = NULL;

  r->store = store;
  r->shared = r;
  g_mutex_init (&r->lock);
  if (tandem_store_get_schema_version (store) < 3)
    return refuse (r, "the workspace is of format %d, from before snapshots", tandem_store_get_schema_version (store));
  r->select = tandem_store_prepare (store, "SELECT data FROM snapshot WHERE kind = ?1 AND name = ?2 AND chunk = ?3",
                                    &error);
  if (r->select == NULL)
    return refuse (r, "%s", error->message);
  r->dctx = ZSTD_createDCtx ();
  if (r->dctx == NULL)
    return refuse (r, "out of memory");
  return TRUE;
}

static void
close_reader (Reader *r)
{
  g_clear_pointer (&r->select, sqlite3_finalize);
  g_clear_pointer (&r->dctx, ZSTD_freeDCtx);
  if (r->shared == r)
    g_mutex_clear (&r->lock);
}

/* A damaged part in a snapshot whose stamp holds: remade from the rows,
 * when this connection may write and is not inside a transaction */
static gboolean
repair (TandemStore *store)
{
  g_autoptr(GError) error = NULL;

  if (tandem_store_is_read_only (store) || !sqlite3_get_autocommit (tandem_store_get_db (store)))
    return FALSE;
  if (tandem_store_begin (store, &error) && tandem_snapshot_rebuild (store, &error) &&
      tandem_store_commit (store, &error))
    return TRUE;
  g_debug ("Could not remake the damaged snapshot: %s", error->message);
  tandem_store_rollback (store);
  return FALSE;
}

gboolean
tandem_snapshot_load (TandemScorer *self,
                      TandemStore  *store,
                      char        **why)
{
  gboolean ok = FALSE;

  if (!snapshot_enabled)
    {
      *why = g_strdup ("snapshots are off for this test");
      return FALSE;
    }
  for (int attempt = 0; attempt < 2 && !ok; attempt++)
    {
      Reader r = { NULL, };
      gboolean damaged;

      ok = open_reader (&r, store) && load (&r, self);
      damaged = !ok && r.stamp_ok;
      close_reader (&r);
      if (!ok)
        {
          unload (self);
          g_free (*why);
          *why = g_steal_pointer (&r.why);
        }
      g_free (r.why);
      if (!damaged || attempt > 0 || !repair (store))
        break;
      g_debug ("Remade the snapshot, which was damaged: %s", *why);
    }
  return ok;
}

gboolean
tandem_snapshot_is_current (TandemStore *store)
{
  Reader r = { NULL, };
  Manifest m = { 0, };
  gboolean ok;

  ok = open_reader (&r, store) && read_manifest (&r, &m) && check_columns (&r, &m);
  if (!ok)
    g_debug ("The snapshot is not current: %s", r.why);
  manifest_clear (&m);
  close_reader (&r);
  g_free (r.why);
  return ok;
}
