/* tandem-waterfall-read.c — the waterfall's first pass: each lead's dated stage entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every lead is read once and what the mapping says about it becomes a
 * short, dated list of stage entries in the order they happened.
 */

#include "config.h"

#include "tandem-funnel-private.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TERMINAL   (-2)   /* a date column that dates whichever terminal stage a lead is in */

/* Seconds since 0001-01-01 of a stored date, "YYYY-MM-DD[ HH:MM:SS]". */
static gboolean
parse_time (const char *text,
            gint64     *out)
{
  int f[6] = { 0, };
  static const int widths[6] = { 4, 2, 2, 2, 2, 2 };
  const char *p = text;
  int n_fields;

  if (text == NULL)
    return FALSE;
  n_fields = strlen (text) >= 19 ? 6 : 3;
  for (int i = 0; i < n_fields; i++)
    {
      if (i > 0)
        {
          if (*p != '-' && *p != ' ' && *p != 'T' && *p != ':')
            return FALSE;
          p++;
        }
      for (int d = 0; d < widths[i]; d++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          f[i] = f[i] * 10 + (*p - '0');
        }
    }
  if (!g_date_valid_dmy ((GDateDay) f[2], (GDateMonth) f[1], (GDateYear) f[0]) ||
      f[3] > 23 || f[4] > 59 || f[5] > 60)
    return FALSE;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, (GDateDay) f[2], (GDateMonth) f[1], (GDateYear) f[0]);
    *out = (gint64) g_date_get_julian (&date) * DAY + f[3] * 3600 + f[4] * 60 + f[5];
  }
  return TRUE;
}

gboolean
tandem_waterfall_parse_day (const char  *text,
                            const char  *what,
                            GDate       *out,
                            GError     **error)
{
  gint64 t;

  if (text == NULL || strlen (text) != 10 || !parse_time (text, &t))
    {
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION,
                   /* Translators: %s is “from” or “to”, then the text given */
                   _("The period's %s date must be YYYY-MM-DD, not “%s”"), what, text ? text : "");
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) (t / DAY));
  return TRUE;
}

char *
tandem_waterfall_format_day (const GDate *date)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

typedef struct
{
  int           stage;    /* taxonomy index or TERMINAL */
  TandemColumn *column;   /* the store's */
} DateColumn;

void
tandem_waterfall_loaded_free (Loaded *l)
{
  g_clear_pointer (&l->entries, g_array_unref);
  g_clear_pointer (&l->leads, g_array_unref);
  g_clear_pointer (&l->segments, g_ptr_array_unref);
  g_clear_pointer (&l->segment_of, g_hash_table_unref);
  g_clear_pointer (&l->stage_of, g_hash_table_unref);
  g_clear_pointer (&l->steps, g_array_unref);
  g_clear_pointer (&l->step_of, g_free);
  g_clear_pointer (&l->unmapped, g_ptr_array_unref);
}

static void
date_column_clear (DateColumn *c)
{
  g_clear_pointer (&c->column, tandem_column_free);
}

/* A stage name or value → taxonomy index, or -1; cached. */
static int
resolve_stage (Loaded                    *l,
               const TandemFunnelMapping *mapping,
               const char                *text)
{
  gpointer cached;
  const char *mapped;
  int stage;

  if (text == NULL)
    return -1;
  if (g_hash_table_lookup_extended (l->stage_of, text, NULL, &cached))
    return GPOINTER_TO_INT (cached) - 1;

  mapped = tandem_funnel_mapping_get_value (mapping, text);
  stage = tandem_taxonomy_find_stage (l->taxonomy, mapped ? mapped : text);
  g_hash_table_insert (l->stage_of, g_strdup (text), GINT_TO_POINTER (stage + 1));
  return stage;
}

static gboolean
is_closing_name (const char *name)
{
  return tandem_funnel_same_name (name, "Closed") || tandem_funnel_same_name (name, "Close") || tandem_funnel_same_name (name, "Closing");
}

static gboolean
is_step_kind (TandemStageKind kind)
{
  return kind == TANDEM_STAGE_OPEN || kind == TANDEM_STAGE_WON;
}

/* The date columns of the dates and stage sources: the mapping's first,
 * then stage-date roles, then "created" for the first stage.            */
static gboolean
collect_date_columns (TandemStore                *store,
                      const TandemTaxonomy       *taxonomy,
                      const TandemFunnelMapping  *mapping,
                      GArray                     *out,
                      GError                    **error)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  guint n_stages = tandem_taxonomy_get_n_stages (taxonomy);
  g_autofree gboolean *dated = g_new0 (gboolean, n_stages);
  g_autofree gboolean *used = g_new0 (gboolean, columns->len);

  for (guint i = 0; i < mapping->dates->len; i += 2)
    {
      const char *stage_name = g_ptr_array_index (mapping->dates, i);
      const char *column_name = g_ptr_array_index (mapping->dates, i + 1);
      int stage = tandem_taxonomy_find_stage (taxonomy, stage_name);
      TandemColumn *column = NULL;
      DateColumn dc;

      if (stage < 0)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping dates the stage “%s”, which is not in the taxonomy"), stage_name);
          return FALSE;
        }
      for (guint c = 0; c < columns->len; c++)
        if (g_str_equal (((TandemColumn *) g_ptr_array_index (columns, c))->name, column_name))
          {
            column = g_ptr_array_index (columns, c);
            used[c] = TRUE;
          }
      if (column == NULL)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping reads the dates of “%s” from “%s”, which is not a column of the workspace"),
                       stage_name, column_name);
          return FALSE;
        }
      if (column->type != TANDEM_COLUMN_DATE)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping reads the dates of “%s” from “%s”, which holds %s, not dates"),
                       stage_name, column_name, tandem_column_type_to_string (column->type));
          return FALSE;
        }
      dated[stage] = TRUE;
      dc.stage = stage;
      dc.column = tandem_column_copy (column);
      g_array_append_val (out, dc);
    }

  for (guint c = 0; c < columns->len; c++)
    {
      TandemColumn *column = g_ptr_array_index (columns, c);
      g_autofree char *role_stage = NULL;
      TandemRoleKind kind;
      DateColumn dc;

      if (used[c] || column->type != TANDEM_COLUMN_DATE ||
          !tandem_role_parse (column->role, &kind, &role_stage, NULL) || kind != TANDEM_ROLE_STAGE_DATE)
        continue;
      dc.stage = tandem_taxonomy_find_stage (taxonomy, role_stage);
      if (dc.stage < 0)
        {
          if (!is_closing_name (role_stage))
            continue;
          dc.stage = TERMINAL;
        }
      else if (dated[dc.stage])
        continue;
      else
        dated[dc.stage] = TRUE;
      used[c] = TRUE;
      dc.column = tandem_column_copy (column);
      g_array_append_val (out, dc);
    }

  /* A lead's creation is its entry into the funnel */
  if (n_stages > 0 && !dated[0])
    for (guint c = 0; c < columns->len; c++)
      {
        TandemColumn *column = g_ptr_array_index (columns, c);

        if (!used[c] && column->type == TANDEM_COLUMN_DATE && g_strcmp0 (column->role, "created") == 0)
          {
            DateColumn dc = { 0, tandem_column_copy (column) };
            g_array_append_val (out, dc);
            break;
          }
      }
  return TRUE;
}

char *
tandem_funnel_automatic_date_column (TandemStore          *store,
                                     const TandemTaxonomy *taxonomy,
                                     guint                 index)
{
  g_autoptr(GPtrArray) columns = NULL;
  const TandemStage *stage;
  const char *closing = NULL, *created = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (taxonomy != NULL, NULL);
  if (index >= tandem_taxonomy_get_n_stages (taxonomy))
    return NULL;
  stage = tandem_taxonomy_get_stage (taxonomy, index);
  columns = tandem_store_list_columns (store);
  for (guint c = 0; c < columns->len; c++)
    {
      TandemColumn *column = g_ptr_array_index (columns, c);
      g_autofree char *role_stage = NULL;
      TandemRoleKind kind;

      if (column->type != TANDEM_COLUMN_DATE)
        continue;
      if (g_strcmp0 (column->role, "created") == 0 && created == NULL)
        created = column->name;
      if (!tandem_role_parse (column->role, &kind, &role_stage, NULL) || kind != TANDEM_ROLE_STAGE_DATE)
        continue;
      if (tandem_taxonomy_find_stage (taxonomy, role_stage) == (int) index)
        return g_strdup (column->name);
      if (is_closing_name (role_stage) && tandem_taxonomy_find_stage (taxonomy, role_stage) < 0 && closing == NULL)
        closing = column->name;
    }
  if (index == 0 && created != NULL)
    return g_strdup (created);
  if (stage->kind != TANDEM_STAGE_OPEN && closing != NULL)
    return g_strdup (closing);
  return NULL;
}

char *
tandem_funnel_last_date (TandemStore *store)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT max (d) FROM (SELECT max (entered_at) AS d FROM stage_history");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  columns = tandem_store_list_columns (store);
  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *c = g_ptr_array_index (columns, k);
      if (c->type == TANDEM_COLUMN_DATE)   /* internal column names only */
        g_string_append_printf (sql, " UNION ALL SELECT max (%s) FROM leads", c->sql_name);
    }
  g_string_append (sql, ")");
  stmt = tandem_store_prepare (store, sql->str, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strndup ((const char *) sqlite3_column_text (stmt, 0), 10);
  return NULL;
}

gboolean
tandem_funnel_period_holding (const char  *last_date,
                              guint        months,
                              char       **out_from,
                              char       **out_to)
{
  int year, month, first;

  g_return_val_if_fail (out_from != NULL && out_to != NULL, FALSE);
  if (last_date == NULL || !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}", last_date, 0, 0) ||
      (months != 1 && months != 3 && months != 12))
    return FALSE;
  year = atoi (last_date);
  month = atoi (last_date + 5);
  if (month < 1 || month > 12 || year < 1)
    return FALSE;
  first = months == 12 ? 1 : months == 3 ? (month - 1) / 3 * 3 + 1 : month;
  *out_from = g_strdup_printf ("%04d-%02d-01", year, first);
  *out_to = g_strdup_printf ("%04d-%02d-%02d", year, first + (int) months - 1,
                             g_date_get_days_in_month ((GDateMonth) (first + (int) months - 1), (GDateYear) year));
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return x->stage - y->stage;
}

static int
segment_index (Loaded     *l,
               const char *value)
{
  gpointer found;

  if (value == NULL || value[0] == '\0')
    {
      if (l->null_segment < 0)
        {
          l->null_segment = (int) l->segments->len;
          g_ptr_array_add (l->segments, NULL);
        }
      return l->null_segment;
    }
  found = g_hash_table_lookup (l->segment_of, value);
  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;
  g_ptr_array_add (l->segments, g_strdup (value));
  g_hash_table_insert (l->segment_of, g_strdup (value), GINT_TO_POINTER (l->segments->len));
  return (int) l->segments->len - 1;
}

/* What one lead's reading shares with the next. */
typedef struct
{
  Loaded                    *l;
  const TandemFunnelMapping *mapping;
  GArray                    *date_columns;  /* DateColumn: cell 2 + i */
  gboolean                   segmented;     /* cell 1 */
  sqlite3_stmt              *history;       /* the history source: its rows by lead */
  gboolean                   history_row;
  GArray                    *tmp;           /* Entry */
  gboolean                  *mapped;        /* taxonomy index → an entry reaches it */
} PlaceJob;

/* Turns one lead (cell 0: its current stage, 1: its segment, 2…: the
 * date columns) into its dated stage entries. */
static gboolean
place_lead (const TandemLeadRecord  *record,
            gpointer                 data,
            GError                 **error)
{
  PlaceJob *job = data;
  Loaded *l = job->l;
  const TandemFunnelMapping *mapping = job->mapping;
  GArray *date_columns = job->date_columns;
  GArray *tmp = job->tmp;
  gint64 id = tandem_lead_record_get_id (record);
  int current = -1;
  Lead lead;

  g_array_set_size (tmp, 0);
  if (l->source == TANDEM_FUNNEL_SOURCE_HISTORY)
    {
      while (job->history_row && sqlite3_column_int64 (job->history, 0) < id)
        job->history_row = sqlite3_step (job->history) == SQLITE_ROW;
      while (job->history_row && sqlite3_column_int64 (job->history, 0) == id)
        {
          Entry e;

          e.stage = resolve_stage (l, mapping, (const char *) sqlite3_column_text (job->history, 1));
          if (e.stage >= 0)
            {
              if (!parse_time ((const char *) sqlite3_column_text (job->history, 2), &e.t))
                e.t = NO_TIME;
              g_array_append_val (tmp, e);
            }
          job->history_row = sqlite3_step (job->history) == SQLITE_ROW;
        }
      if (tmp->len > 0)
        current = g_array_index (tmp, Entry, tmp->len - 1).stage;
    }
  else
    {
      gint64 terminal_t = NO_TIME;
      gboolean has_current = FALSE;

      for (guint i = 0; i < date_columns->len; i++)
        {
          DateColumn *dc = &g_array_index (date_columns, DateColumn, i);
          Entry e;

          if (!parse_time (tandem_lead_record_get_text (record, 2 + i), &e.t))
            continue;
          if (dc->stage == TERMINAL)
            terminal_t = e.t;
          else
            {
              e.stage = dc->stage;
              g_array_append_val (tmp, e);
            }
        }
      if (l->source == TANDEM_FUNNEL_SOURCE_STAGE)
        {
          current = resolve_stage (l, mapping, tandem_lead_record_get_text (record, 0));
          for (guint i = 0; current >= 0 && i < tmp->len; i++)
            if (g_array_index (tmp, Entry, i).stage == current)
              has_current = TRUE;
          /* A close date dates the won, lost or disqualified stage the lead is in */
          if (current >= 0 && !has_current && tandem_waterfall_stage_kind (l, current) != TANDEM_STAGE_OPEN &&
              terminal_t != NO_TIME)
            {
              Entry e = { current, terminal_t };
              g_array_append_val (tmp, e);
              has_current = TRUE;
            }
        }
      if (l->source == TANDEM_FUNNEL_SOURCE_OUTCOME)
        {
          /* Every lead is in the first stage; its outcome, where it has one, closes it */
          gboolean has_first = FALSE;

          for (guint i = 0; i < tmp->len; i++)
            has_first |= g_array_index (tmp, Entry, i).stage == 0;
          if (!has_first)
            {
              Entry e = { 0, NO_TIME };
              g_array_append_val (tmp, e);
            }
          current = 0;
          if (!tandem_lead_record_is_null (record, 0))
            current = tandem_lead_record_get_boolean (record, 0) ? l->won_stage : l->lost_stage;
          if (current < 0)
            current = 0;
          for (guint i = 0; i < tmp->len; i++)
            has_current |= g_array_index (tmp, Entry, i).stage == current;
          if (!has_current)
            {
              Entry e = { current, terminal_t };
              g_array_append_val (tmp, e);
              has_current = TRUE;
            }
        }
      g_array_sort (tmp, compare_entries);
      if (current >= 0 && !has_current)
        {
          Entry e = { current, NO_TIME };
          g_array_append_val (tmp, e);
        }
      /* From dates alone, a lead is where it got furthest: one date per
       * stage cannot tell a recycled lead from a backwards date.      */
      for (guint i = 0; l->source == TANDEM_FUNNEL_SOURCE_DATES && i < tmp->len; i++)
        current = MAX (current, g_array_index (tmp, Entry, i).stage);
    }

  if (tmp->len == 0)
    {
      l->unplaced++;
      return TRUE;
    }
  lead.first = l->entries->len;
  lead.n = tmp->len;
  lead.current = current;
  lead.segment = 0;
  if (job->segmented)
    {
      g_autofree char *value = tandem_lead_record_dup_display (record, 1);
      lead.segment = segment_index (l, value);
    }
  for (guint i = 0; i < tmp->len; i++)
    job->mapped[g_array_index (tmp, Entry, i).stage] = TRUE;
  g_array_append_vals (l->entries, tmp->data, tmp->len);
  g_array_append_val (l->leads, lead);
  return TRUE;
}

gboolean
tandem_waterfall_load_leads (TandemStore                *store,
                             const TandemTaxonomy       *taxonomy,
                             const TandemFunnelMapping  *mapping,
                             const char                 *segment_field,
                             Loaded                     *l,
                             GCancellable               *cancellable,
                             GError                    **error)
{
  g_autoptr(GArray) date_columns = g_array_new (FALSE, FALSE, sizeof (DateColumn));
  g_autoptr(TandemColumn) stage_column = NULL;
  g_autoptr(TandemColumn) segment_column = NULL;
  g_autoptr(TandemColumn) outcome_column = NULL;
  g_autoptr(sqlite3_stmt) history = NULL;
  g_autoptr(GArray) tmp = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autofree const TandemColumn **read = NULL;
  guint n_stages = tandem_taxonomy_get_n_stages (taxonomy);
  g_autofree gboolean *mapped = g_new0 (gboolean, n_stages);
  PlaceJob job = { l, mapping, date_columns, FALSE, NULL, FALSE, tmp, mapped };

  g_array_set_clear_func (date_columns, (GDestroyNotify) date_column_clear);

  l->taxonomy = taxonomy;
  l->implied = tandem_funnel_mapping_get_implied (mapping);
  l->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  l->leads = g_array_new (FALSE, FALSE, sizeof (Lead));
  l->segments = g_ptr_array_new_with_free_func (g_free);
  l->segment_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l->null_segment = -1;
  l->stage_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l->steps = g_array_new (FALSE, FALSE, sizeof (int));
  l->step_of = g_new (int, MAX (n_stages, 1));
  l->unmapped = g_ptr_array_new_with_free_func (g_free);
  l->won_stage = l->lost_stage = -1;

  if (segment_field != NULL)
    {
      segment_column = tandem_store_find_column (store, segment_field);
      if (segment_column == NULL)
        segment_column = tandem_store_find_column_by_role (store, segment_field);
      if (segment_column == NULL)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION,
                       _("The workspace has no column “%s” to break the waterfall down by"), segment_field);
          return FALSE;
        }
      job.segmented = TRUE;
    }

  stage_column = tandem_store_find_column_by_role (store, "stage");
  l->source = tandem_funnel_mapping_get_source (mapping);
  if (l->source == TANDEM_FUNNEL_SOURCE_AUTO)
    l->source = tandem_funnel_automatic_source (store);
  if (l->source == TANDEM_FUNNEL_SOURCE_OUTCOME)
    {
      outcome_column = tandem_store_find_column_by_role (store, "outcome");
      if (outcome_column == NULL)
        {
          g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                               _("The funnel mapping reads each lead's outcome, but the workspace has no "
                                 "column with the role “outcome”"));
          return FALSE;
        }
      for (guint i = 0; i < n_stages; i++)
        {
          TandemStageKind kind = tandem_taxonomy_get_stage (taxonomy, i)->kind;

          if (kind == TANDEM_STAGE_WON && l->won_stage < 0)
            l->won_stage = (int) i;
          else if (kind == TANDEM_STAGE_LOST && l->lost_stage < 0)
            l->lost_stage = (int) i;
        }
    }
  if (l->source == TANDEM_FUNNEL_SOURCE_STAGE && stage_column == NULL)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                           _("The funnel mapping reads each lead's current stage, but the workspace has no "
                             "column with the role “stage”"));
      return FALSE;
    }
  if (l->source != TANDEM_FUNNEL_SOURCE_HISTORY &&
      !collect_date_columns (store, taxonomy, mapping, date_columns, error))
    return FALSE;

  read = g_new0 (const TandemColumn *, 2 + date_columns->len);
  read[0] = l->source == TANDEM_FUNNEL_SOURCE_STAGE ? stage_column
            : l->source == TANDEM_FUNNEL_SOURCE_OUTCOME ? outcome_column : NULL;
  read[1] = segment_column;
  for (guint i = 0; i < date_columns->len; i++)
    read[2 + i] = g_array_index (date_columns, DateColumn, i).column;

  if (l->source == TANDEM_FUNNEL_SOURCE_HISTORY)
    {
      history = tandem_store_prepare (store, "SELECT lead, stage, entered_at FROM stage_history "
                                             "ORDER BY lead, entered_at, id", error);
      if (history == NULL)
        return FALSE;
      job.history = history;
      job.history_row = sqlite3_step (history) == SQLITE_ROW;
    }
  if (!tandem_store_read_leads (store, read, 2 + date_columns->len, place_lead, &job, cancellable, error))
    return FALSE;

  if (segment_column == NULL)
    segment_index (l, NULL);

  /* The waterfall's steps: the open and won stages the data reaches */
  for (guint i = 0; i < n_stages; i++)
    {
      const TandemStage *s = tandem_taxonomy_get_stage (taxonomy, i);

      l->step_of[i] = -1;
      if (!is_step_kind (s->kind))
        continue;
      if (!mapped[i])
        {
          g_ptr_array_add (l->unmapped, g_strdup (s->name));
          continue;
        }
      l->step_of[i] = (int) l->steps->len;
      g_array_append_val (l->steps, i);
    }
  return TRUE;
}
