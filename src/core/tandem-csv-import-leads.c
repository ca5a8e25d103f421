/* tandem-csv-import-leads.c — new leads, written on both cores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This thread reads the file and converts each record; a second thread
 * inserts the converted records, a batch at a time.  The two never touch
 * the database at once: this one leaves it alone from start to finish.
 * A few batches circulate between them, so memory stays bounded whatever
 * the file's size.  On the way they build the snapshot the workspace
 * keeps of its leads, from the values exactly as they go into the rows,
 * which spares the import a second pass over them: the second thread
 * encodes the text columns (the costly part: a dictionary each), this
 * one every other column.
 */

#include "config.h"

#include "tandem-csv-import-private.h"
#include "tandem-snapshot.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Records a batch, and batches in flight */
#define BATCH_RECORDS 1024
#define N_BATCHES 4
/* The snapshot is built on the way for this many columns at most; it
 * holds them all in memory (8 bytes a number), so a wider file leaves
 * it to the rebuild, which reads a few columns at a time. */
#define MAX_BUILT_COLUMNS 32

typedef struct
{
  guint    n;
  guint    first_lead; /* the lead index of its first record */
  gboolean last;      /* the end: no records after this batch's */
  Cell    *cells;     /* BATCH_RECORDS × the pipe's n_cells */
  guint64 *lines;     /* where each record starts in the file */
  GString *text;      /* every text cell's bytes */
} Batch;

struct _LeadsPipe
{
  TandemStore           *store;
  sqlite3_stmt          *insert;
  const char            *file_name;
  guint                  n_cells;    /* the key, then the columns bound */
  int                   *params;     /* n_cells: each cell's parameter */
  int                   *snapshot;   /* n_cells: each cell's column in the builder, -1 none */
  TandemColumnType      *types;      /* n_cells: each cell's column type */
  guint                  n_queued;   /* records */
  Batch                  batches[N_BATCHES];
  Batch                 *filling;
  GAsyncQueue           *full;       /* to the writer */
  GAsyncQueue           *empty;      /* back from it */
  GThread               *thread;
  gint                   failed;     /* atomic: the writer stopped */
  GError                *error;      /* the writer's, once failed */
  TandemSnapshotBuilder *builder;    /* NULL: the snapshot is rebuilt */
  gint                   abandoned;  /* atomic: the builder is not to be used */
};

static void add_to_snapshot (TandemSnapshotBuilder *builder,
                             guint                  column,
                             guint                  lead,
                             TandemColumnType       type,
                             const Cell            *cell,
                             const char            *text);

/* The writer: binds and inserts each record of each batch it is given */
static gpointer
write_batches (gpointer data)
{
  LeadsPipe *pipe = data;
  gboolean last = FALSE;

  while (!last)
    {
      Batch *b = g_async_queue_pop (pipe->full);

      last = b->last;
      for (guint i = 0; i < b->n && !g_atomic_int_get (&pipe->failed); i++)
        {
          const Cell *cells = b->cells + (gsize) i * pipe->n_cells;
          int rc;

          for (guint k = 0; k < pipe->n_cells; k++)
            tandem_csv_bind_cell (pipe->insert, pipe->params[k], cells + k);
          rc = sqlite3_step (pipe->insert);
          sqlite3_reset (pipe->insert);
          if (rc != SQLITE_DONE)
            {
              g_autofree char *what = g_strdup_printf (_("%s, line %llu"), pipe->file_name,
                                                       (unsigned long long) b->lines[i]);
              tandem_store_set_error (pipe->store, &pipe->error, what);
              g_atomic_int_set (&pipe->failed, TRUE);
            }
          /* The text columns of the snapshot are this thread's */
          for (guint k = 1; pipe->builder != NULL && k < pipe->n_cells; k++)
            if (pipe->types[k] == TANDEM_COLUMN_TEXT && pipe->snapshot[k] >= 0)
              add_to_snapshot (pipe->builder, (guint) pipe->snapshot[k], b->first_lead + i, pipe->types[k], cells + k,
                               cells[k].kind == CELL_TEXT ? cells[k].v.text : NULL);
        }
      b->n = 0;
      b->last = FALSE;
      g_string_truncate (b->text, 0);
      g_async_queue_push (pipe->empty, b);
    }
  return NULL;
}

static void
leads_pipe_free (LeadsPipe *pipe)
{
  for (guint i = 0; i < N_BATCHES; i++)
    {
      g_free (pipe->batches[i].cells);
      g_free (pipe->batches[i].lines);
      if (pipe->batches[i].text != NULL)
        g_string_free (pipe->batches[i].text, TRUE);
    }
  g_clear_pointer (&pipe->full, g_async_queue_unref);
  g_clear_pointer (&pipe->empty, g_async_queue_unref);
  g_clear_pointer (&pipe->builder, tandem_snapshot_builder_free);
  g_clear_error (&pipe->error);
  g_free (pipe->params);
  g_free (pipe->snapshot);
  g_free (pipe->types);
  g_free (pipe);
}

/* Whether the builder gives back every column of @plan as the rows would:
 * an outcome is stored as a number, which only a yes/no column reads
 * back as it was written, and an id column is read as the keys. */
static gboolean
can_build (Plan *plan,
           int   key_column)
{
  if (plan->columns->len > MAX_BUILT_COLUMNS)
    return FALSE;
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      if (c->role_kind == TANDEM_ROLE_OUTCOME && c->type != TANDEM_COLUMN_BOOLEAN)
        return FALSE;
      if (((int) i == key_column) != (c->type == TANDEM_COLUMN_TEXT && g_strcmp0 (c->role, "id") == 0))
        return FALSE;
    }
  return TRUE;
}

gboolean
tandem_csv_leads_pipe_start (ImportState *state,
                             Plan        *plan,
                             const char  *file_name)
{
  LeadsPipe *pipe;
  guint k = 0;

  if (!sqlite3_threadsafe ())
    return FALSE;

  pipe = g_new0 (LeadsPipe, 1);
  pipe->store = state->store;
  pipe->insert = state->insert;
  pipe->file_name = file_name;
  pipe->n_cells = 1;
  for (guint i = 0; i < plan->columns->len; i++)
    if (tandem_csv_plan_column (plan, i)->param > 0)
      pipe->n_cells++;
  pipe->params = g_new (int, pipe->n_cells);
  pipe->snapshot = g_new (int, pipe->n_cells);
  pipe->types = g_new (TandemColumnType, pipe->n_cells);

  if (can_build (plan, state->key_column))
    pipe->builder = tandem_snapshot_builder_new ();
  pipe->params[k] = 1;
  pipe->types[k] = TANDEM_COLUMN_TEXT;
  pipe->snapshot[k++] = -1;
  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      int built = pipe->builder != NULL ? tandem_snapshot_builder_add_column (pipe->builder, c->name, c->type, c->role) : -1;

      if (c->param <= 0)
        continue;
      pipe->params[k] = c->param;
      pipe->types[k] = c->type;
      pipe->snapshot[k++] = built;
    }

  pipe->full = g_async_queue_new ();
  pipe->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      Batch *b = &pipe->batches[i];
      b->cells = g_new (Cell, (gsize) BATCH_RECORDS * pipe->n_cells);
      b->lines = g_new (guint64, BATCH_RECORDS);
      b->text = g_string_sized_new (64 * 1024);
      g_async_queue_push (pipe->empty, b);
    }

  pipe->thread = g_thread_try_new ("tandem-import", write_batches, pipe, NULL);
  if (pipe->thread == NULL)
    {
      leads_pipe_free (pipe);
      return FALSE;
    }
  state->pipe = pipe;
  return TRUE;
}

/* The batch filled last to the writer, its text cells pointed into it */
static void
send_batch (LeadsPipe *pipe,
            gboolean   last)
{
  Batch *b = pipe->filling != NULL ? pipe->filling : g_async_queue_pop (pipe->empty);

  for (gsize i = 0; i < (gsize) b->n * pipe->n_cells; i++)
    if (b->cells[i].kind == CELL_TEXT)
      b->cells[i].v.text = b->text->str + b->cells[i].v.offset;
  b->last = last;
  pipe->filling = NULL;
  g_async_queue_push (pipe->full, b);
}

/* @cell's text copied into the batch; returns the copy, NUL-terminated
 * (valid until the batch's next text) */
static const char *
keep_text (Batch *b,
           Cell  *cell)
{
  gsize offset = b->text->len;

  g_string_append_len (b->text, cell->v.text, cell->length);
  g_string_append_c (b->text, '\0');
  cell->v.offset = offset;
  return b->text->str + offset;
}

/* The value lead by lead as the rows give it back (see can_build): a
 * date is read back in days, a zero as a positive one (a REAL column
 * stores an integral number as an integer), and text only up to a NUL */
static void
add_to_snapshot (TandemSnapshotBuilder *builder,
                 guint                  column,
                 guint                  lead,
                 TandemColumnType       type,
                 const Cell            *cell,
                 const char            *text)
{
  switch (type)
    {
    case TANDEM_COLUMN_TEXT:
      tandem_snapshot_builder_set_text (builder, column, lead, cell->kind == CELL_NULL ? NULL : text);
      break;
    case TANDEM_COLUMN_DATE:
      tandem_snapshot_builder_set_value (builder, column, lead,
                                         cell->kind == CELL_NULL ? NAN : tandem_scorer_parse_days (text));
      break;
    case TANDEM_COLUMN_BOOLEAN:
      tandem_snapshot_builder_set_flag (builder, column, lead, cell->kind == CELL_NULL ? -1 : cell->v.integer != 0);
      break;
    case TANDEM_COLUMN_NUMBER:
    default:
      tandem_snapshot_builder_set_value (builder, column, lead,
                                         cell->kind == CELL_NULL ? NAN : cell->v.number == 0 ? 0.0 : cell->v.number);
      break;
    }
}

gboolean
tandem_csv_queue_lead (CsvReader *r,
                       Plan      *plan,
                       gpointer   data,
                       GError   **error)
{
  ImportState *state = data;
  LeadsPipe *pipe = state->pipe;
  guint32 line = (guint32) MIN (r->record_line, G_MAXUINT32);
  Batch *b;
  Cell *cells;
  const char *key;
  guint k = 1;

  if (g_atomic_int_get (&pipe->failed))
    {
      /* The writer's error is the one reported */
      g_set_error_literal (error, TANDEM_CSV_ERROR, TANDEM_CSV_ERROR_BAD_VALUE, "stopped");
      return FALSE;
    }
  if (pipe->filling == NULL)
    {
      pipe->filling = g_async_queue_pop (pipe->empty);
      pipe->filling->first_lead = pipe->n_queued;
    }
  b = pipe->filling;
  cells = b->cells + (gsize) b->n * pipe->n_cells;

  if (!tandem_csv_convert_key (state, plan, r, &cells[0], error))
    return FALSE;
  key = keep_text (b, &cells[0]);
  /* Keys too long for the snapshot: the rebuild will say so */
  if (pipe->builder != NULL && !g_atomic_int_get (&pipe->abandoned) &&
      !tandem_snapshot_builder_add_lead (pipe->builder, key, cells[0].length))
    g_atomic_int_set (&pipe->abandoned, TRUE);

  for (guint i = 0; i < plan->columns->len; i++)
    {
      ColumnPlan *c = tandem_csv_plan_column (plan, i);
      const char *text = NULL;

      if (c->param <= 0)
        continue;
      if (!tandem_csv_convert_value (plan, c, r, state->strict, i, state->scratch[i], &cells[k], error))
        return FALSE;
      if (cells[k].kind == CELL_TEXT)
        text = keep_text (b, &cells[k]);
      if (pipe->builder != NULL && c->type != TANDEM_COLUMN_TEXT)
        add_to_snapshot (pipe->builder, (guint) pipe->snapshot[k], pipe->n_queued, c->type, &cells[k], text);
      k++;
    }

  pipe->n_queued++;
  b->lines[b->n++] = r->record_line;
  if (b->n == BATCH_RECORDS)
    send_batch (pipe, FALSE);

  g_array_append_val (state->lines, line);
  state->row++;
  state->result->imported++;
  return TRUE;
}

gboolean
tandem_csv_leads_pipe_finish (ImportState  *state,
                              gboolean      ok,
                              GError      **error)
{
  LeadsPipe *pipe = state->pipe;

  if (pipe == NULL || pipe->thread == NULL)
    return ok;

  /* A record converted halfway is not sent: the import fails anyway */
  if (!ok && pipe->filling != NULL)
    pipe->filling->n = 0;
  send_batch (pipe, TRUE);
  g_thread_join (g_steal_pointer (&pipe->thread));

  if (pipe->error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&pipe->error));
      return FALSE;
    }
  if (g_atomic_int_get (&pipe->abandoned))
    g_clear_pointer (&pipe->builder, tandem_snapshot_builder_free);
  /* Compressed while the ids are indexed */
  if (ok && pipe->builder != NULL)
    tandem_snapshot_builder_compress (pipe->builder);
  return ok;
}

gboolean
tandem_csv_leads_pipe_write_snapshot (ImportState  *state,
                                      GError      **error)
{
  LeadsPipe *pipe = state->pipe;

  g_return_val_if_fail (pipe == NULL || pipe->thread == NULL, FALSE);

  if (pipe == NULL || pipe->builder == NULL)
    return tandem_snapshot_rebuild (state->store, error);
  return tandem_snapshot_write_built (state->store, pipe->builder, error);
}

void
tandem_csv_leads_pipe_free (ImportState *state)
{
  if (state->pipe == NULL)
    return;
  /* Never left running */
  tandem_csv_leads_pipe_finish (state, FALSE, NULL);
  g_clear_pointer (&state->pipe, leads_pipe_free);
}
