/* tandem-snapshot-write.c — the columnar snapshot, made from the rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the rows for the keys, the events and the first columns,
 * one for each further group of columns; every part compressed as one
 * zstd frame with its checksum, the manifest last, with the stamp of the
 * rows as they are at the end of the transaction.
 */

#include "config.h"

#include "tandem-snapshot-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zstd.h>

/* Columns read per pass over the rows while building: bounds the memory */
#define COLUMNS_PER_PASS 16
/* zstd's fastest level: the import waits for it */
#define COMPRESSION_LEVEL 1

typedef struct
{
  TandemStore  *store;
  sqlite3_stmt *insert;
  ZSTD_CCtx    *cctx;
  GByteArray   *buffer;
  guint         chunk;    /* leads a chunk */
  GPtrArray    *held;     /* Part: compressed, not yet saved (NULL: saved at once) */
} Writer;

/* A part compressed away from the database, saved later */
typedef struct
{
  const char *kind;       /* static */
  char       *name;
  gint64      chunk;
  GBytes     *data;
} Part;

static void
part_free (Part *part)
{
  g_free (part->name);
  g_bytes_unref (part->data);
  g_free (part);
}

static gboolean
save_part (Writer      *w,
           const char  *kind,
           const char  *name,
           gint64       chunk,
           const void  *data,
           gsize        size,
           GError     **error)
{
  sqlite3_reset (w->insert);
  sqlite3_bind_text (w->insert, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->insert, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (w->insert, 3, chunk);
  sqlite3_bind_blob64 (w->insert, 4, data, size, SQLITE_STATIC);
  if (sqlite3_step (w->insert) != SQLITE_DONE)
    {
      tandem_store_set_error (w->store, error, _("Could not save the workspace’s snapshot"));
      return FALSE;
    }
  return TRUE;
}

/* Compresses a part, and saves it (or holds it, see Writer) */
static gboolean
put_part (Writer      *w,
          const char  *kind,
          const char  *name,
          gint64       chunk,
          const void  *data,
          gsize        size,
          GError     **error)
{
  size_t bound = ZSTD_compressBound (size);
  size_t written;

  g_byte_array_set_size (w->buffer, (guint) bound);
  written = ZSTD_compress2 (w->cctx, w->buffer->data, bound, data, size);
  if (ZSTD_isError (written))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _("Could not compress the workspace’s snapshot: %s"), ZSTD_getErrorName (written));
      return FALSE;
    }
  if (w->held != NULL)
    {
      Part *part = g_new0 (Part, 1);

      part->kind = kind;
      part->name = g_strdup (name);
      part->chunk = chunk;
      part->data = g_bytes_new (w->buffer->data, written);
      g_ptr_array_add (w->held, part);
      return TRUE;
    }
  return save_part (w, kind, name, chunk, w->buffer->data, written, error);
}

/* Where lead @i's key ends, its NUL included */
static gsize
key_end (const TandemScorer *s,
         guint               i)
{
  return i + 1 < s->n_leads ? s->key_offsets[i + 1] : s->key_offsets[i] + strlen (s->key_text + s->key_offsets[i]) + 1;
}

static gboolean
put_keys (Writer             *w,
          const TandemScorer *s,
          GError            **error)
{
  for (guint c = 0; c < tandem_snapshot_n_chunks (s->n_leads, w->chunk); c++)
    {
      guint first = c * w->chunk, m = MIN (w->chunk, s->n_leads - first);
      gsize text_start = s->key_offsets[first], text_end = key_end (s, first + m - 1);
      g_autoptr(GByteArray) part = g_byte_array_sized_new ((guint) (m * sizeof (gint64) + (text_end - text_start)));

      g_byte_array_append (part, (const guint8 *) (s->rowids + first), m * sizeof (gint64));
      tandem_snapshot_swap_to_le (part->data, sizeof (gint64), m);
      g_byte_array_append (part, (const guint8 *) s->key_text + text_start, (guint) (text_end - text_start));
      if (!put_part (w, "keys", "", c, part->data, part->len, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_column (Writer             *w,
            const TandemScorer *s,
            const Column       *col,
            GError            **error)
{
  gsize width = col->type == TANDEM_COLUMN_TEXT ? tandem_snapshot_code_width (col->strings->len) : tandem_snapshot_value_width (col->type);
  const guint8 *values = col->type == TANDEM_COLUMN_BOOLEAN ? (const guint8 *) col->flags : (const guint8 *) col->values;

  for (guint c = 0; c < tandem_snapshot_n_chunks (s->n_leads, w->chunk); c++)
    {
      guint first = c * w->chunk, m = MIN (w->chunk, s->n_leads - first);

      if (col->type == TANDEM_COLUMN_TEXT)
        {
          /* Codes as narrow as the dictionary allows */
          g_autofree guint8 *narrow = g_malloc (MAX (m * width, 1));

          for (guint i = 0; i < m; i++)
            {
              guint32 code = col->codes[first + i];
              if (width == 1)
                narrow[i] = (guint8) code;
              else if (width == 2)
                ((guint16 *) narrow)[i] = GUINT16_TO_LE ((guint16) code);
              else
                ((guint32 *) narrow)[i] = GUINT32_TO_LE (code);
            }
          if (!put_part (w, "column", col->name, c, narrow, m * width, error))
            return FALSE;
          continue;
        }
#if G_BYTE_ORDER == G_BIG_ENDIAN
      {
        g_autofree guint8 *copy = g_memdup2 (values + first * width, m * width);
        tandem_snapshot_swap_to_le (copy, width, m);
        if (!put_part (w, "column", col->name, c, copy, m * width, error))
          return FALSE;
      }
#else
      if (!put_part (w, "column", col->name, c, values + first * width, m * width, error))
        return FALSE;
#endif
    }
  if (col->type == TANDEM_COLUMN_TEXT)
    {
      g_autoptr(GByteArray) dictionary = g_byte_array_new ();

      for (guint i = 1; i < col->strings->len; i++)
        {
          const char *value = g_ptr_array_index (col->strings, i);
          g_byte_array_append (dictionary, (const guint8 *) value, (guint) strlen (value) + 1);
        }
      if (!put_part (w, "dictionary", col->name, 0, dictionary->data, dictionary->len, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_events (Writer             *w,
            const TandemScorer *s,
            const EventSeries  *e,
            GError            **error)
{
  for (guint c = 0; c < tandem_snapshot_n_chunks (s->n_leads, w->chunk); c++)
    {
      guint first = c * w->chunk, m = MIN (w->chunk, s->n_leads - first);
      guint32 from = e->offsets[first], to = e->offsets[first + m];
      g_autoptr(GByteArray) part = g_byte_array_sized_new (m * sizeof (guint32) + (to - from) * sizeof (double));

      for (guint i = 0; i < m; i++)
        {
          guint32 count = e->offsets[first + i + 1] - e->offsets[first + i];
          g_byte_array_append (part, (const guint8 *) &count, sizeof count);
        }
      tandem_snapshot_swap_to_le (part->data, sizeof (guint32), m);
      g_byte_array_append (part, (const guint8 *) (e->at + from), (to - from) * sizeof (double));
      tandem_snapshot_swap_to_le (part->data + m * sizeof (guint32), sizeof (double), to - from);
      if (!put_part (w, "events", e->type, c, part->data, part->len, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_id_column (const TandemColumn *column)
{
  return column->type == TANDEM_COLUMN_TEXT && g_strcmp0 (column->role, "id") == 0;
}

/* The id column as the rows would give it: its values are the keys, each
 * distinct (a unique index), so lead i has code i + 1.  Its strings point
 * into @s's keys: it goes before @s does. */
static Column *
keys_as_column (const TandemScorer *s,
                const char         *name)
{
  Column *c = g_new0 (Column, 1);

  c->name = g_strdup (name);
  c->type = TANDEM_COLUMN_TEXT;
  c->codes = g_new (guint32, MAX (s->n_leads, 1));
  c->strings = g_ptr_array_new_full (s->n_leads + 1, NULL);
  g_ptr_array_add (c->strings, NULL);
  for (guint i = 0; i < s->n_leads; i++)
    {
      c->codes[i] = i + 1;
      g_ptr_array_add (c->strings, s->key_text + s->key_offsets[i]);
    }
  return c;
}

static void
append_escaped (GString    *out,
                const char *value)
{
  g_autofree char *escaped = g_strescape (value, NULL);
  g_string_append (out, escaped);
}

/* Ready to compress parts */
static gboolean
writer_init_compression (Writer  *w,
                         GError **error)
{
  w->cctx = ZSTD_createCCtx ();
  w->buffer = g_byte_array_new ();
  w->chunk = tandem_snapshot_get_chunk_leads ();
  if (w->cctx == NULL)
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                           _("Could not compress the workspace’s snapshot: out of memory"));
      return FALSE;
    }
  ZSTD_CCtx_setParameter (w->cctx, ZSTD_c_compressionLevel, COMPRESSION_LEVEL);
  ZSTD_CCtx_setParameter (w->cctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_setParameter (w->cctx, ZSTD_c_contentSizeFlag, 1);
  return TRUE;
}

/* Ready to save parts into @store, its old ones gone */
static gboolean
writer_init_saving (Writer       *w,
                    TandemStore  *store,
                    GError      **error)
{
  w->store = store;
  if (!tandem_store_exec (store, "DELETE FROM snapshot", error))
    return FALSE;
  w->insert = tandem_store_prepare (store, "INSERT INTO snapshot (kind, name, chunk, data) VALUES (?1, ?2, ?3, ?4)",
                                    error);
  return w->insert != NULL;
}

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->insert, sqlite3_finalize);
  g_clear_pointer (&w->cctx, ZSTD_freeCCtx);
  g_clear_pointer (&w->buffer, g_byte_array_unref);
  g_clear_pointer (&w->held, g_ptr_array_unref);
}

/* The workspace's columns @start to @end (before), in its order, from
 * @part, which holds each but the id column in that order */
static gboolean
put_columns (Writer             *w,
             const TandemScorer *part,
             GPtrArray          *columns,
             guint               start,
             guint               end,
             GString            *manifest,
             GError            **error)
{
  for (guint i = start, k = 0; i < end; i++)
    {
      const TandemColumn *tc = g_ptr_array_index (columns, i);
      g_autoptr(Column) keys = is_id_column (tc) ? keys_as_column (part, tc->name) : NULL;
      Column *c = keys != NULL ? keys : g_ptr_array_index (part->columns, k++);

      if (!put_column (w, part, c, error))
        return FALSE;
      g_string_append_printf (manifest, "column %s ", tandem_snapshot_type_to_string (c->type));
      append_escaped (manifest, c->name);
      g_string_append_c (manifest, '\n');
    }
  return TRUE;
}

/* The manifest, last: what the parts are and the stamp of the rows */
static gboolean
put_manifest (Writer       *w,
              GString      *manifest,
              guint         n_leads,
              GError      **error)
{
  g_autofree char *stamp = tandem_snapshot_compute_stamp (w->store, NULL);
  g_autofree char *head = NULL;

  if (stamp == NULL)
    {
      tandem_store_set_error (w->store, error, _("Could not save the workspace’s snapshot"));
      return FALSE;
    }
  head = g_strdup_printf ("tandem-snapshot %d\nleads %u\nchunk %u\nstamp %s\n", SNAPSHOT_FORMAT, n_leads, w->chunk,
                          stamp);
  g_string_prepend (manifest, head);
  return put_part (w, "manifest", "", 0, manifest->str, manifest->len, error);
}

gboolean
tandem_snapshot_rebuild (TandemStore  *store,
                         GError      **error)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) types = tandem_store_list_event_types (store);
  g_autoptr(GString) manifest = g_string_new (NULL);
  Writer w = { NULL, };
  gboolean ok = FALSE;
  guint n_leads = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!writer_init_compression (&w, error) || !writer_init_saving (&w, store, error))
    goto out;

  /* The keys and the events with the first columns, then the other
   * columns a few at a time: one pass over the rows for each */
  for (guint start = 0; start == 0 || start < columns->len; start += COLUMNS_PER_PASS)
    {
      g_autoptr(TandemScorer) part = g_new0 (TandemScorer, 1);
      guint end = MIN (columns->len, start + COLUMNS_PER_PASS);

      part->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_column_free);
      part->event_series = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_event_series_free);
      for (guint i = start; i < end; i++)
        {
          const TandemColumn *tc = g_ptr_array_index (columns, i);
          Column *c;

          /* The id column is the keys themselves: not read again */
          if (is_id_column (tc))
            continue;
          c = g_new0 (Column, 1);
          c->name = g_strdup (tc->name);
          g_ptr_array_add (part->columns, c);
        }
      for (guint i = 0; start == 0 && i < types->len; i++)
        {
          EventSeries *e = g_new0 (EventSeries, 1);
          e->type = g_strdup (g_ptr_array_index (types, i));
          g_ptr_array_add (part->event_series, e);
        }
      if (!tandem_scorer_read_rows (part, store, error))
        goto out;
      if (start == 0)
        {
          n_leads = part->n_leads;
          if (!put_keys (&w, part, error))
            goto out;
        }
      /* In the workspace's order, which the manifest keeps */
      if (!put_columns (&w, part, columns, start, end, manifest, error))
        goto out;
      for (guint i = 0; i < part->event_series->len; i++)
        {
          EventSeries *e = g_ptr_array_index (part->event_series, i);
          if (!put_events (&w, part, e, error))
            goto out;
          g_string_append (manifest, "events ");
          append_escaped (manifest, e->type);
          g_string_append_c (manifest, '\n');
        }
    }

  ok = put_manifest (&w, manifest, n_leads, error);

out:
  writer_clear (&w);
  return ok;
}

/* ---- Built while importing ------------------------------------------------ */

static guint n_built;

guint
tandem_snapshot_get_built_for_testing (void)
{
  return g_atomic_int_get (&n_built);
}

struct _TandemSnapshotBuilder
{
  TandemScorer *part;         /* what tandem_scorer_read_rows() would fill */
  GString      *key_text;
  GArray       *key_offsets;  /* guint32 */
  GPtrArray    *interns;      /* per column: value → code, or NULL */
  GPtrArray    *columns;      /* TandemColumn: every column, in the workspace's order */
  guint        *capacity;     /* per column of part: leads its arrays hold */
  /* Compressing, on its own thread: the parts held, the manifest's lines */
  GThread      *compressing;
  Writer        writer;
  GString      *manifest;
  GError       *error;
};

static void
intern_free (gpointer table)
{
  if (table != NULL)
    g_hash_table_unref (table);
}

TandemSnapshotBuilder *
tandem_snapshot_builder_new (void)
{
  TandemSnapshotBuilder *self = g_new0 (TandemSnapshotBuilder, 1);

  self->part = g_new0 (TandemScorer, 1);
  self->part->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_column_free);
  self->part->event_series = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_event_series_free);
  self->key_text = g_string_sized_new (4096);
  self->key_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->interns = g_ptr_array_new_with_free_func (intern_free);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_column_free);
  self->manifest = g_string_new (NULL);
  return self;
}

void
tandem_snapshot_builder_free (TandemSnapshotBuilder *self)
{
  if (self == NULL)
    return;
  if (self->compressing != NULL)
    g_thread_join (self->compressing);
  writer_clear (&self->writer);
  tandem_scorer_free (self->part);
  if (self->key_text != NULL)
    g_string_free (self->key_text, TRUE);
  g_clear_pointer (&self->key_offsets, g_array_unref);
  g_ptr_array_unref (self->interns);
  g_ptr_array_unref (self->columns);
  g_string_free (self->manifest, TRUE);
  g_clear_error (&self->error);
  g_free (self->capacity);
  g_free (self);
}

int
tandem_snapshot_builder_add_column (TandemSnapshotBuilder *self,
                                    const char            *name,
                                    TandemColumnType       type,
                                    const char            *role)
{
  TandemColumn *tc = g_new0 (TandemColumn, 1);
  Column *c;

  g_return_val_if_fail (self->part->n_leads == 0 && self->compressing == NULL, -1);

  tc->position = (int) self->columns->len;
  tc->name = g_strdup (name);
  tc->type = type;
  tc->role = g_strdup (role);
  g_ptr_array_add (self->columns, tc);
  if (is_id_column (tc))
    return -1;

  c = g_new0 (Column, 1);
  c->name = g_strdup (name);
  c->type = type;
  if (type == TANDEM_COLUMN_TEXT)
    {
      c->strings = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (c->strings, NULL);
    }
  g_ptr_array_add (self->interns, type == TANDEM_COLUMN_TEXT ? g_hash_table_new (g_str_hash, g_str_equal) : NULL);
  g_ptr_array_add (self->part->columns, c);
  self->capacity = g_renew (guint, self->capacity, self->part->columns->len);
  self->capacity[self->part->columns->len - 1] = 0;
  return (int) self->part->columns->len - 1;
}

/* Column @column with room for lead @lead */
static Column *
reserve (TandemSnapshotBuilder *self,
         guint                  column,
         guint                  lead)
{
  Column *c = g_ptr_array_index (self->part->columns, column);
  guint *capacity = &self->capacity[column];

  if (lead >= *capacity)
    {
      *capacity = MAX (1024, MAX (lead + 1, *capacity * 2));
      switch (c->type)
        {
        case TANDEM_COLUMN_TEXT:
          c->codes = g_renew (guint32, c->codes, *capacity);
          break;
        case TANDEM_COLUMN_BOOLEAN:
          c->flags = g_renew (gint8, c->flags, *capacity);
          break;
        case TANDEM_COLUMN_NUMBER:
        case TANDEM_COLUMN_DATE:
        default:
          c->values = g_renew (double, c->values, *capacity);
          break;
        }
    }
  return c;
}

gboolean
tandem_snapshot_builder_add_lead (TandemSnapshotBuilder *self,
                                  const char            *key,
                                  gsize                  length)
{
  guint32 offset = (guint32) self->key_text->len;

  g_return_val_if_fail (self->compressing == NULL, FALSE);

  if (length > G_MAXUINT32 - 4096 || self->key_text->len > G_MAXUINT32 - 4096 - length)
    return FALSE;
  g_array_append_val (self->key_offsets, offset);
  g_string_append_len (self->key_text, key, (gssize) length);
  g_string_append_c (self->key_text, '\0');
  self->part->n_leads++;
  return TRUE;
}

void
tandem_snapshot_builder_set_text (TandemSnapshotBuilder *self,
                                  guint                  column,
                                  guint                  lead,
                                  const char            *text)
{
  Column *c = reserve (self, column, lead);
  gpointer code;

  g_return_if_fail (c->type == TANDEM_COLUMN_TEXT);

  if (text == NULL)
    {
      c->codes[lead] = 0;
      return;
    }
  code = g_hash_table_lookup (g_ptr_array_index (self->interns, column), text);
  if (code == NULL)
    {
      char *copy = g_strdup (text);
      g_ptr_array_add (c->strings, copy);
      code = GUINT_TO_POINTER (c->strings->len - 1);
      g_hash_table_insert (g_ptr_array_index (self->interns, column), copy, code);
    }
  c->codes[lead] = GPOINTER_TO_UINT (code);
}

void
tandem_snapshot_builder_set_value (TandemSnapshotBuilder *self,
                                   guint                  column,
                                   guint                  lead,
                                   double                 value)
{
  Column *c = reserve (self, column, lead);

  g_return_if_fail (c->type == TANDEM_COLUMN_NUMBER || c->type == TANDEM_COLUMN_DATE);
  c->values[lead] = value;
}

void
tandem_snapshot_builder_set_flag (TandemSnapshotBuilder *self,
                                  guint                  column,
                                  guint                  lead,
                                  gint8                  flag)
{
  Column *c = reserve (self, column, lead);

  g_return_if_fail (c->type == TANDEM_COLUMN_BOOLEAN);
  c->flags[lead] = flag;
}

/* The new leads' rows: the first in an empty table (one with no
 * AUTOINCREMENT, as leads has none) */
#define FIRST_ROWID 1

static gpointer
compress_built (gpointer data)
{
  TandemSnapshotBuilder *self = data;
  TandemScorer *part = self->part;

  part->rowids = g_new (gint64, MAX (part->n_leads, 1));
  for (guint i = 0; i < part->n_leads; i++)
    part->rowids[i] = FIRST_ROWID + i;
  for (guint i = 0; i < part->columns->len; i++)
    reserve (self, i, MAX (part->n_leads, 1) - 1);
  part->key_offsets = (guint32 *) g_array_free (g_steal_pointer (&self->key_offsets), FALSE);
  part->key_text = g_string_free (g_steal_pointer (&self->key_text), FALSE);
  g_clear_pointer (&self->interns, g_ptr_array_unref);
  self->interns = g_ptr_array_new ();

  self->writer.held = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  if (writer_init_compression (&self->writer, &self->error) &&
      put_keys (&self->writer, part, &self->error))
    put_columns (&self->writer, part, self->columns, 0, self->columns->len, self->manifest, &self->error);
  return NULL;
}

void
tandem_snapshot_builder_compress (TandemSnapshotBuilder *self)
{
  g_return_if_fail (self->compressing == NULL && self->writer.held == NULL);
  self->compressing = g_thread_try_new ("tandem-snapshot", compress_built, self, NULL);
  if (self->compressing == NULL)
    compress_built (self);
}

/* Whether the workspace holds what was built: the same columns in the
 * same order, no events, and the leads in rows FIRST_ROWID on */
static gboolean
built_matches (TandemStore           *store,
               TandemSnapshotBuilder *self)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) types = tandem_store_list_event_types (store);
  g_autoptr(sqlite3_stmt) rows = tandem_store_prepare (store, "SELECT count(*), min(id), max(id) FROM leads", NULL);
  gint64 count;

  if (types->len > 0 || columns->len != self->columns->len || rows == NULL || sqlite3_step (rows) != SQLITE_ROW)
    return FALSE;
  for (guint i = 0; i < columns->len; i++)
    {
      const TandemColumn *a = g_ptr_array_index (columns, i), *b = g_ptr_array_index (self->columns, i);
      if (!g_str_equal (a->name, b->name) || a->type != b->type || is_id_column (a) != is_id_column (b))
        return FALSE;
    }
  count = sqlite3_column_int64 (rows, 0);
  return count == self->part->n_leads &&
         (count == 0 || (sqlite3_column_int64 (rows, 1) == FIRST_ROWID &&
                         sqlite3_column_int64 (rows, 2) == FIRST_ROWID + count - 1));
}

gboolean
tandem_snapshot_write_built (TandemStore           *store,
                             TandemSnapshotBuilder *self,
                             GError               **error)
{
  Writer *w = &self->writer;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (w->held == NULL && self->compressing == NULL)
    tandem_snapshot_builder_compress (self);
  if (self->compressing != NULL)
    g_thread_join (g_steal_pointer (&self->compressing));

  if (self->error != NULL || !built_matches (store, self))
    {
      g_debug ("The snapshot built while importing is not the workspace’s (%s): rebuilding it from the rows",
               self->error != NULL ? self->error->message : "other rows");
      return tandem_snapshot_rebuild (store, error);
    }

  ok = writer_init_saving (w, store, error);
  for (guint i = 0; ok && i < w->held->len; i++)
    {
      Part *part = g_ptr_array_index (w->held, i);
      gsize size;
      const void *data = g_bytes_get_data (part->data, &size);

      ok = save_part (w, part->kind, part->name, part->chunk, data, size, error);
    }
  /* The manifest is compressed and saved at once */
  g_clear_pointer (&w->held, g_ptr_array_unref);
  ok = ok && put_manifest (w, self->manifest, self->part->n_leads, error);
  writer_clear (w);
  if (ok)
    g_atomic_int_inc (&n_built);
  return ok;
}
