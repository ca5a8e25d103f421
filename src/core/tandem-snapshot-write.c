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
} Writer;

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
  sqlite3_reset (w->insert);
  sqlite3_bind_text (w->insert, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->insert, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (w->insert, 3, chunk);
  sqlite3_bind_blob64 (w->insert, 4, w->buffer->data, written, SQLITE_STATIC);
  if (sqlite3_step (w->insert) != SQLITE_DONE)
    {
      tandem_store_set_error (w->store, error, _("Could not save the workspace’s snapshot"));
      return FALSE;
    }
  return TRUE;
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

gboolean
tandem_snapshot_rebuild (TandemStore  *store,
                         GError      **error)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GPtrArray) types = tandem_store_list_event_types (store);
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autofree char *stamp = NULL;
  Writer w = { store, NULL, ZSTD_createCCtx (), g_byte_array_new (), tandem_snapshot_get_chunk_leads () };
  gboolean ok = FALSE;
  guint n_leads = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (w.cctx == NULL)
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                           _("Could not compress the workspace’s snapshot: out of memory"));
      goto out;
    }
  ZSTD_CCtx_setParameter (w.cctx, ZSTD_c_compressionLevel, COMPRESSION_LEVEL);
  ZSTD_CCtx_setParameter (w.cctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_setParameter (w.cctx, ZSTD_c_contentSizeFlag, 1);

  if (!tandem_store_exec (store, "DELETE FROM snapshot", error))
    goto out;
  w.insert = tandem_store_prepare (store, "INSERT INTO snapshot (kind, name, chunk, data) VALUES (?1, ?2, ?3, ?4)",
                                   error);
  if (w.insert == NULL)
    goto out;

  /* The keys and the events with the first columns, then the other
   * columns a few at a time: one pass over the rows for each */
  for (guint start = 0; start == 0 || start < columns->len; start += COLUMNS_PER_PASS)
    {
      g_autoptr(TandemScorer) part = g_new0 (TandemScorer, 1);

      part->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_column_free);
      part->event_series = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_event_series_free);
      for (guint i = start; i < columns->len && i < start + COLUMNS_PER_PASS; i++)
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
      for (guint i = start, k = 0; i < columns->len && i < start + COLUMNS_PER_PASS; i++)
        {
          const TandemColumn *tc = g_ptr_array_index (columns, i);
          g_autoptr(Column) keys = is_id_column (tc) ? keys_as_column (part, tc->name) : NULL;
          Column *c = keys != NULL ? keys : g_ptr_array_index (part->columns, k++);

          if (!put_column (&w, part, c, error))
            goto out;
          g_string_append_printf (manifest, "column %s ", tandem_snapshot_type_to_string (c->type));
          append_escaped (manifest, c->name);
          g_string_append_c (manifest, '\n');
        }
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

  stamp = tandem_snapshot_compute_stamp (store, NULL);
  if (stamp == NULL)
    {
      tandem_store_set_error (store, error, _("Could not save the workspace’s snapshot"));
      goto out;
    }
  g_string_prepend (manifest, "\n");
  g_string_prepend (manifest, stamp);
  {
    g_autofree char *head = g_strdup_printf ("tandem-snapshot %d\nleads %u\nchunk %u\nstamp ", SNAPSHOT_FORMAT,
                                             n_leads, w.chunk);
    g_string_prepend (manifest, head);
  }
  ok = put_part (&w, "manifest", "", 0, manifest->str, manifest->len, error);

out:
  g_clear_pointer (&w.insert, sqlite3_finalize);
  ZSTD_freeCCtx (w.cctx);
  g_byte_array_unref (w.buffer);
  return ok;
}
