/* tandem-scorer-columns.c — the scorer's columnar copy of the leads and events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns and event types a model uses are read into memory, one array
 * per column (text interned to integer codes), the events as per-lead
 * offsets into one array of days.
 */

#include "config.h"

#include "tandem-scorer-private.h"
#include "tandem-snapshot.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ---- Columnar copy ------------------------------------------------------- */

void
tandem_scorer_column_free (Column *c)
{
  g_free (c->name);
  g_free (c->codes);
  if (c->strings)
    g_ptr_array_unref (c->strings);
  g_free (c->values);
  g_free (c->flags);
  g_free (c);
}

void
tandem_scorer_event_series_free (EventSeries *e)
{
  g_free (e->type);
  g_free (e->offsets);
  g_free (e->at);
  g_free (e);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
double
tandem_scorer_days_from_civil (int y,
                               int m,
                               int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (double) era * 146097 + doe - 719468;
}

static inline gboolean
digits (const char *p,
        int         n,
        int        *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (as stored) → days; NAN if not.
 * Millions of these per score: no sscanf. */
double
tandem_scorer_parse_days (const char *text)
{
  int y, mo, d, h = 0, mi = 0, s = 0;

  if (text == NULL || !digits (text, 4, &y) || text[4] != '-' || !digits (text + 5, 2, &mo) ||
      text[7] != '-' || !digits (text + 8, 2, &d))
    return NAN;
  if (text[10] == ' ' || text[10] == 'T')
    {
      if (!digits (text + 11, 2, &h) || text[13] != ':' || !digits (text + 14, 2, &mi))
        h = mi = 0;
      else if (text[16] != ':' || !digits (text + 17, 2, &s))
        s = 0;
    }
  return tandem_scorer_days_from_civil (y, mo, d) + (h * 3600 + mi * 60 + s) / 86400.0;
}

Column *
tandem_scorer_find_column (TandemScorer *self,
                           const char   *name)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      if (g_str_equal (c->name, name))
        return c;
    }
  return NULL;
}

EventSeries *
tandem_scorer_find_events (TandemScorer *self,
                           const char   *type)
{
  for (guint i = 0; i < self->event_series->len; i++)
    {
      EventSeries *e = g_ptr_array_index (self->event_series, i);
      if (g_str_equal (e->type, type))
        return e;
    }
  return NULL;
}

typedef struct
{
  TandemScorer  *self;
  GArray        *rowids;
  GString       *key_text;
  GArray        *key_offsets;   /* guint32 */
  GHashTable   **interns;       /* per text column: value → code */
  guint          capacity;
  guint          n;
} LeadsJob;

static gboolean
copy_lead (const TandemLeadRecord  *record,
           gpointer                 data,
           GError                 **error)
{
  LeadsJob *job = data;
  TandemScorer *self = job->self;
  guint n = job->n;

  if (n == job->capacity)
    {
      job->capacity *= 2;
      for (guint i = 0; i < self->columns->len; i++)
        {
          Column *c = g_ptr_array_index (self->columns, i);
          if (c->codes)
            c->codes = g_renew (guint32, c->codes, job->capacity);
          if (c->flags)
            c->flags = g_renew (gint8, c->flags, job->capacity);
          if (c->values)
            c->values = g_renew (double, c->values, job->capacity);
        }
    }

  {
    gint64 rowid = tandem_lead_record_get_id (record);
    guint32 offset = (guint32) job->key_text->len;
    gsize key_length;
    const char *key = tandem_lead_record_get_key (record, &key_length);

    if (job->key_text->len > G_MAXUINT32 - 4096)
      {
        g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                             _("The lead ids are too long to score (more than 4 GB together)"));
        return FALSE;
      }
    g_array_append_val (job->rowids, rowid);
    g_array_append_val (job->key_offsets, offset);
    g_string_append_len (job->key_text, key, (gssize) key_length);
    g_string_append_c (job->key_text, '\0');
  }

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      gboolean null = tandem_lead_record_is_null (record, i);

      switch (c->type)
        {
        case TANDEM_COLUMN_TEXT:
          if (null)
            c->codes[n] = 0;
          else
            {
              const char *text = tandem_lead_record_get_text (record, i);
              gpointer code = g_hash_table_lookup (job->interns[i], text);
              if (code == NULL)
                {
                  char *copy = g_strdup (text);
                  g_ptr_array_add (c->strings, copy);
                  code = GUINT_TO_POINTER (c->strings->len - 1);
                  g_hash_table_insert (job->interns[i], copy, code);
                }
              c->codes[n] = GPOINTER_TO_UINT (code);
            }
          break;
        case TANDEM_COLUMN_BOOLEAN:
          c->flags[n] = null ? -1 : (gint8) tandem_lead_record_get_boolean (record, i);
          break;
        case TANDEM_COLUMN_DATE:
          c->values[n] = null ? NAN : tandem_scorer_parse_days (tandem_lead_record_get_text (record, i));
          break;
        case TANDEM_COLUMN_NUMBER:
        default:
          c->values[n] = null ? NAN : tandem_lead_record_get_number (record, i);
          break;
        }
    }
  job->n++;
  return TRUE;
}

static gboolean
load_leads (TandemScorer  *self,
            TandemStore   *store,
            GArray        *rowids,
            GError       **error)
{
  g_autoptr(GString) key_text = g_string_sized_new (4096);
  g_autoptr(GArray) key_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) store_columns = tandem_store_list_columns (store);
  g_autofree const TandemColumn **read = g_new0 (const TandemColumn *, self->columns->len + 1);
  GHashTable **interns = g_new0 (GHashTable *, self->columns->len + 1);
  LeadsJob job = { self, rowids, key_text, key_offsets, interns, 1024, 0 };
  gboolean ok;

  /* Exactly one cell per model column (none for a column the workspace
   * lacks: it reads as empty), so the indexes of the copy hold. */
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);

      for (guint k = 0; k < store_columns->len && read[i] == NULL; k++)
        if (g_str_equal (((TandemColumn *) g_ptr_array_index (store_columns, k))->name, c->name))
          read[i] = g_ptr_array_index (store_columns, k);
      if (read[i] != NULL)
        c->type = read[i]->type;
      if (c->type == TANDEM_COLUMN_TEXT)
        {
          c->strings = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (c->strings, NULL);
          interns[i] = g_hash_table_new (g_str_hash, g_str_equal);
          c->codes = g_new (guint32, job.capacity);
        }
      else if (c->type == TANDEM_COLUMN_BOOLEAN)
        c->flags = g_new (gint8, job.capacity);
      else
        c->values = g_new (double, job.capacity);
    }

  ok = tandem_store_read_leads (store, read, self->columns->len, copy_lead, &job, NULL, error);
  if (ok)
    {
      self->n_leads = job.n;
      self->key_offsets = (guint32 *) g_array_free (g_steal_pointer (&key_offsets), FALSE);
      self->key_text = g_string_free (g_steal_pointer (&key_text), FALSE);
    }

  for (guint i = 0; i < self->columns->len; i++)
    if (interns[i])
      g_hash_table_unref (interns[i]);
  g_free (interns);
  return ok;
}

/* Events of one type as read: the lead's rowid and the day, ordered by
 * rowid; mapped onto lead indexes once the leads are in. */
typedef struct
{
  GArray *rowids;   /* gint64 */
  GArray *at;       /* double */
} EventRows;

static void
event_rows_clear (EventRows *rows)
{
  g_clear_pointer (&rows->rowids, g_array_unref);
  g_clear_pointer (&rows->at, g_array_unref);
}

typedef struct
{
  TandemScorer *self;
  TandemStore  *store;
  EventRows    *rows;     /* one per event series */
  GError       *error;
} EventsJob;

/* One scan of the covering index (lead, type, at) reads every event in
 * lead order, whatever their types; the model's types are kept. */
static gpointer
read_events (gpointer data)
{
  EventsJob *job = data;
  TandemScorer *self = job->self;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < self->event_series->len; i++)
    {
      EventSeries *e = g_ptr_array_index (self->event_series, i);
      g_hash_table_insert (wanted, e->type, &job->rows[i]);
      job->rows[i].rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
      job->rows[i].at = g_array_new (FALSE, FALSE, sizeof (double));
    }

  stmt = tandem_store_prepare (job->store, "SELECT lead, type, at FROM events ORDER BY lead, type, at", &job->error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EventRows *rows = g_hash_table_lookup (wanted, sqlite3_column_text (stmt, 1));
      gint64 rowid;
      double days;

      if (rows == NULL)
        continue;
      rowid = sqlite3_column_int64 (stmt, 0);
      days = tandem_scorer_parse_days ((const char *) sqlite3_column_text (stmt, 2));
      g_array_append_val (rows->rowids, rowid);
      g_array_append_val (rows->at, days);
    }
  if (rc != SQLITE_DONE)
    tandem_store_set_error (job->store, &job->error, _("Could not read the events"));
  return NULL;
}

/* Both lists are ordered by rowid: a merge walk gives each event its lead.
 * Events of a lead that is not in the copy (none, with the foreign key)
 * are left out. */
static void
map_events (TandemScorer *self,
            const GArray *rowids,
            EventRows    *rows,
            EventSeries  *series)
{
  const gint64 *lead_rowids = (const gint64 *) rowids->data;
  const gint64 *event_rowids = (const gint64 *) rows->rowids->data;
  const double *at = (const double *) rows->at->data;
  guint lead = 0, kept = 0;

  series->offsets = g_new0 (guint32, self->n_leads + 1);
  series->at = g_new (double, MAX (rows->at->len, 1));
  for (guint k = 0; k < rows->rowids->len; k++)
    {
      while (lead < self->n_leads && lead_rowids[lead] < event_rowids[k])
        series->offsets[++lead] = kept;
      if (lead < self->n_leads && lead_rowids[lead] == event_rowids[k])
        series->at[kept++] = at[k];
    }
  while (lead < self->n_leads)
    series->offsets[++lead] = kept;
}

/* A compact hash from lead id to lead: open addressing, 4 bytes a slot. */
void
tandem_scorer_build_key_index (TandemScorer *self)
{
  guint size = 16;

  while (size < self->n_leads * 2)
    size *= 2;
  self->key_mask = size - 1;
  self->key_index = g_new0 (guint32, size);
  for (guint i = 0; i < self->n_leads; i++)
    {
      guint slot = g_str_hash (self->key_text + self->key_offsets[i]) & self->key_mask;
      while (self->key_index[slot] != 0)
        slot = (slot + 1) & self->key_mask;
      self->key_index[slot] = i + 1;
    }
}

/* Reads self->columns (each with its name) and self->event_series (each
 * with its type) from the rows: one array a column, the events by lead,
 * and the leads' keys and rowids. */
gboolean
tandem_scorer_read_rows (TandemScorer  *self,
                         TandemStore   *store,
                         GError       **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TandemStore) events_store = NULL;
  g_autofree EventRows *event_rows = NULL;
  EventsJob job = { NULL, NULL, NULL, NULL };
  GThread *events_thread = NULL;
  gboolean leads_ok;

  /* The events are read on a second connection while this one reads the
   * leads — unless the workspace lives in memory or this connection has
   * changes no other connection can see yet. */
  event_rows = g_new0 (EventRows, MAX (self->event_series->len, 1));
  job = (EventsJob) { self, store, event_rows, NULL };
  if (self->event_series->len > 0)
    {
      if (sqlite3_get_autocommit (tandem_store_get_db (store)) && tandem_store_get_path (store) != NULL)
        events_store = tandem_store_open_another (store, NULL);
      if (events_store != NULL)
        {
          job.store = events_store;
          events_thread = g_thread_new ("tandem-events", read_events, &job);
        }
    }
  leads_ok = load_leads (self, store, rowids, error);
  if (events_thread != NULL)
    g_thread_join (events_thread);
  else if (leads_ok && self->event_series->len > 0)
    read_events (&job);

  if (leads_ok && job.error == NULL)
    for (guint i = 0; i < self->event_series->len; i++)
      map_events (self, rowids, &event_rows[i], g_ptr_array_index (self->event_series, i));
  for (guint i = 0; i < self->event_series->len; i++)
    event_rows_clear (&event_rows[i]);
  if (job.error != NULL)
    {
      if (leads_ok)
        g_propagate_error (error, g_steal_pointer (&job.error));
      g_clear_error (&job.error);
      return FALSE;
    }
  if (!leads_ok)
    return FALSE;
  self->rowids = (gint64 *) g_array_free (g_steal_pointer (&rowids), FALSE);
  return TRUE;
}

/* Reads the columns and event types the model uses — from the workspace's
 * snapshot when it is current, else from the rows.  The index from lead id
 * to lead waits for its first use (tandem_scorer_find_lead()). */
gboolean
tandem_scorer_read_data (TandemScorer  *self,
                         TandemStore   *store,
                         GError       **error)
{
  g_autofree char *why = NULL;

  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_column_free);
  self->event_series = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_scorer_event_series_free);

  /* The columns and event types the model uses, once each */
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (rules, r);
          if (rule->field && tandem_scorer_find_column (self, rule->field) == NULL)
            {
              Column *c = g_new0 (Column, 1);
              c->name = g_strdup (rule->field);
              g_ptr_array_add (self->columns, c);
            }
          if (rule->event && tandem_scorer_find_events (self, rule->event) == NULL)
            {
              EventSeries *e = g_new0 (EventSeries, 1);
              e->type = g_strdup (rule->event);
              g_ptr_array_add (self->event_series, e);
            }
        }
    }

  if (!tandem_snapshot_load (self, store, &why))
    {
      g_debug ("Scoring from the rows: %s", why);
      if (!tandem_scorer_read_rows (self, store, error))
        return FALSE;
    }
  return TRUE;
}
