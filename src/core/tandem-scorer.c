/* tandem-scorer.c — scoring leads with a model, explainably
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-scorer.h"
#include "tandem-csv.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ---- Columnar copy ------------------------------------------------------- */

typedef struct
{
  char             *name;
  TandemColumnType  type;
  guint32          *codes;     /* text: 0 = null, else index into strings */
  GPtrArray        *strings;   /* text: code → the value as imported */
  double           *values;    /* number, date (days): NAN = null */
  gint8            *flags;     /* boolean: -1 = null */
} Column;

typedef struct
{
  char    *type;
  guint32 *offsets;   /* n_leads + 1 */
  double  *at;        /* days, sorted by lead */
} EventSeries;

typedef struct
{
  const TandemRule *rule;      /* the scorer's own copy of the model */
  Column           *column;    /* field rules */
  EventSeries      *events;    /* event rules */
  guint64          *bits;      /* a yes/no condition, one bit a lead */
  /* Event rules: the factor (sum of decayed events) of the leads that
   * have one, kept sparse: a presence bitset, the number of factors
   * before each 64-lead word, and the factors themselves in lead order. */
  guint64          *present;
  guint32          *rank;
  double           *factors;
  const double     *values;    /* times rules: the column's own values (NAN = null) */
} CompiledRule;

#define HIST_BINS TANDEM_SCORER_BINS

typedef struct
{
  double base;    /* lower edge of bin 0 */
  double width;   /* a "nice" step: thresholds on its grid recount exactly */
  double inverse; /* 1 / width */
  double edges[HIST_BINS + 1];
} Binning;

struct _TandemScorer
{
  TandemModel  *model;
  guint         n_leads;
  char         *key_text;      /* every lead's id, NUL-terminated, in lead order */
  guint32      *key_offsets;   /* n_leads: where each id starts in key_text */
  guint32      *key_index;     /* open addressing: lead + 1, 0 = free */
  guint32       key_mask;      /* key_index has key_mask + 1 slots */
  GPtrArray    *columns;       /* Column */
  GPtrArray    *event_series;  /* EventSeries */
  GArray       *rules[TANDEM_N_DIMENSIONS];   /* CompiledRule */
  double       *raw[TANDEM_N_DIMENSIONS];     /* unclamped sums */
  double        as_of;         /* days, end of the as-of day */
  /* A fine 2-D histogram of the (clamped) scores: moving a threshold on
   * the bin grid, or toggling a cell, recounts the matrix from it. */
  Binning       binning[TANDEM_N_DIMENSIONS];
  guint32      *hist;          /* HIST_BINS × HIST_BINS, fit major */
  /* Outcomes, when loaded: a bit a won lead, and the same histogram of
   * the won leads alone, so conversion follows every threshold move. */
  guint64      *won;
  guint         n_won;
  guint32      *hist_won;
};

static void
column_free (Column *c)
{
  g_free (c->name);
  g_free (c->codes);
  if (c->strings)
    g_ptr_array_unref (c->strings);
  g_free (c->values);
  g_free (c->flags);
  g_free (c);
}

static void
event_series_free (EventSeries *e)
{
  g_free (e->type);
  g_free (e->offsets);
  g_free (e->at);
  g_free (e);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static double
days_from_civil (int y,
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
static double
parse_days (const char *text)
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
  return days_from_civil (y, mo, d) + (h * 3600 + mi * 60 + s) / 86400.0;
}

static Column *
find_column (TandemScorer *self,
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

static EventSeries *
find_events (TandemScorer *self,
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

static gboolean
load_leads (TandemScorer  *self,
            TandemStore   *store,
            GArray        *rowids,
            GError       **error)
{
  g_autoptr(GString) key_text = g_string_sized_new (4096);
  g_autoptr(GArray) key_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GString) sql = g_string_new ("SELECT id, key");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) store_columns = tandem_store_list_columns (store);
  GHashTable **interns = g_new0 (GHashTable *, self->columns->len + 1);
  guint capacity = 1024, n = 0;
  gboolean ok = FALSE;
  int rc;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      TandemColumn *found = NULL;

      for (guint k = 0; k < store_columns->len && found == NULL; k++)
        if (g_str_equal (((TandemColumn *) g_ptr_array_index (store_columns, k))->name, c->name))
          found = g_ptr_array_index (store_columns, k);
      /* Internal column names only ("key", "c<N>"); exactly one result
       * column per model column, so the indexes below hold. */
      g_string_append_printf (sql, ", %s", found != NULL ? found->sql_name : "NULL");
      if (found != NULL)
        c->type = found->type;
      if (c->type == TANDEM_COLUMN_TEXT)
        {
          c->strings = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (c->strings, NULL);
          interns[i] = g_hash_table_new (g_str_hash, g_str_equal);
        }
    }
  g_string_append (sql, " FROM leads ORDER BY id");

  stmt = tandem_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    goto out;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      if (c->type == TANDEM_COLUMN_TEXT)
        c->codes = g_new (guint32, capacity);
      else if (c->type == TANDEM_COLUMN_BOOLEAN)
        c->flags = g_new (gint8, capacity);
      else
        c->values = g_new (double, capacity);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n == capacity)
        {
          capacity *= 2;
          for (guint i = 0; i < self->columns->len; i++)
            {
              Column *c = g_ptr_array_index (self->columns, i);
              if (c->codes)
                c->codes = g_renew (guint32, c->codes, capacity);
              if (c->flags)
                c->flags = g_renew (gint8, c->flags, capacity);
              if (c->values)
                c->values = g_renew (double, c->values, capacity);
            }
        }

      {
        gint64 rowid = sqlite3_column_int64 (stmt, 0);
        guint32 offset = (guint32) key_text->len;
        const char *key = (const char *) sqlite3_column_text (stmt, 1);

        if (key_text->len > G_MAXUINT32 - 4096)
          {
            g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                                 _("The lead ids are too long to score (more than 4 GB together)"));
            goto out;
          }
        g_array_append_val (rowids, rowid);
        g_array_append_val (key_offsets, offset);
        g_string_append_len (key_text, key ? key : "", key ? sqlite3_column_bytes (stmt, 1) : 0);
        g_string_append_c (key_text, '\0');
      }

      for (guint i = 0; i < self->columns->len; i++)
        {
          Column *c = g_ptr_array_index (self->columns, i);
          int col = (int) i + 2;
          gboolean null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

          switch (c->type)
            {
            case TANDEM_COLUMN_TEXT:
              if (null)
                c->codes[n] = 0;
              else
                {
                  const char *text = (const char *) sqlite3_column_text (stmt, col);
                  gpointer code = g_hash_table_lookup (interns[i], text);
                  if (code == NULL)
                    {
                      char *copy = g_strdup (text);
                      g_ptr_array_add (c->strings, copy);
                      code = GUINT_TO_POINTER (c->strings->len - 1);
                      g_hash_table_insert (interns[i], copy, code);
                    }
                  c->codes[n] = GPOINTER_TO_UINT (code);
                }
              break;
            case TANDEM_COLUMN_BOOLEAN:
              c->flags[n] = null ? -1 : (gint8) (sqlite3_column_int (stmt, col) != 0);
              break;
            case TANDEM_COLUMN_DATE:
              c->values[n] = null ? NAN : parse_days ((const char *) sqlite3_column_text (stmt, col));
              break;
            case TANDEM_COLUMN_NUMBER:
            default:
              c->values[n] = null ? NAN : sqlite3_column_double (stmt, col);
              break;
            }
        }
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not read the leads"));
      goto out;
    }
  self->n_leads = n;
  self->key_offsets = (guint32 *) g_array_free (g_steal_pointer (&key_offsets), FALSE);
  self->key_text = g_string_free (g_steal_pointer (&key_text), FALSE);
  ok = TRUE;

out:
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
      days = parse_days ((const char *) sqlite3_column_text (stmt, 2));
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
static void
build_key_index (TandemScorer *self)
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

/* ---- Conditions ---------------------------------------------------------- */

static char *
normalise (const char *text,
           gboolean    case_sensitive)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  return case_sensitive ? g_steal_pointer (&trimmed) : g_utf8_casefold (trimmed, -1);
}

/* A text rule decided for one distinct value. */
static gboolean
text_matches (const TandemRule *rule,
              const char       *value,
              GRegex           *regex,
              char *const      *wanted)
{
  g_autofree char *v = NULL;

  if (rule->op == TANDEM_OP_MATCHES)
    return g_regex_match (regex, value, 0, NULL);

  v = normalise (value, rule->case_sensitive);
  for (guint k = 0; wanted[k]; k++)
    {
      gboolean hit;

      switch (rule->op)
        {
        case TANDEM_OP_CONTAINS:    hit = strstr (v, wanted[k]) != NULL; break;
        case TANDEM_OP_STARTS_WITH: hit = g_str_has_prefix (v, wanted[k]); break;
        case TANDEM_OP_ENDS_WITH:   hit = g_str_has_suffix (v, wanted[k]); break;
        default:                    hit = g_str_equal (v, wanted[k]); break;
        }
      if (hit)
        return TRUE;
    }
  return FALSE;
}

static gboolean
compare (TandemRuleOp op,
         double       v,
         const double bounds[2])
{
  switch (op)
    {
    case TANDEM_OP_LT:      return v < bounds[0];
    case TANDEM_OP_LE:      return v <= bounds[0];
    case TANDEM_OP_GT:      return v > bounds[0];
    case TANDEM_OP_GE:      return v >= bounds[0];
    case TANDEM_OP_BETWEEN: return v >= bounds[0] && v <= bounds[1];
    case TANDEM_OP_EQUALS:  return v == bounds[0];
    case TANDEM_OP_NOT_EQUALS: return v != bounds[0];
    default:                return FALSE;
    }
}

static inline void
set_bit (guint64 *bits,
         guint    i)
{
  bits[i >> 6] |= G_GUINT64_CONSTANT (1) << (i & 63);
}

static inline gboolean
get_bit (const guint64 *bits,
         guint          i)
{
  return (bits[i >> 6] >> (i & 63)) & 1;
}

static void
compile_field_rule (TandemScorer *self,
                    CompiledRule *cr)
{
  const TandemRule *rule = cr->rule;
  Column *c = cr->column;
  guint n = self->n_leads;

  /* P × the cell: the column's values are the factor, nothing to copy */
  if (rule->op == TANDEM_OP_TIMES)
    {
      cr->values = c->values;
      return;
    }

  cr->bits = g_new0 (guint64, n / 64 + 1);

  /* Null cells: only "empty" holds. */
  if (rule->op == TANDEM_OP_EMPTY || rule->op == TANDEM_OP_NOT_EMPTY)
    {
      gboolean want_empty = rule->op == TANDEM_OP_EMPTY;
      for (guint i = 0; i < n; i++)
        {
          gboolean empty = c->codes ? c->codes[i] == 0 : c->flags ? c->flags[i] < 0 : isnan (c->values[i]);
          if (empty == want_empty)
            set_bit (cr->bits, i);
        }
      return;
    }

  switch (c->type)
    {
    case TANDEM_COLUMN_TEXT:
      {
        /* Decided once per distinct value, then looked up per lead. */
        g_autofree gboolean *table = g_new0 (gboolean, c->strings->len);
        g_autoptr(GRegex) regex = NULL;
        g_auto(GStrv) wanted = NULL;
        gboolean negate = rule->op == TANDEM_OP_NOT_EQUALS || rule->op == TANDEM_OP_NOT_IN;
        guint k;

        if (rule->op == TANDEM_OP_MATCHES)
          regex = g_regex_new (rule->texts[0], rule->case_sensitive ? 0 : G_REGEX_CASELESS, 0, NULL);
        wanted = g_new0 (char *, g_strv_length (rule->texts) + 1);
        for (k = 0; rule->texts[k]; k++)
          wanted[k] = normalise (rule->texts[k], rule->case_sensitive);

        for (guint s = 1; s < c->strings->len; s++)
          table[s] = text_matches (rule, g_ptr_array_index (c->strings, s), regex, wanted) != negate;
        for (guint i = 0; i < n; i++)
          if (c->codes[i] != 0 && table[c->codes[i]])
            set_bit (cr->bits, i);
        break;
      }

    case TANDEM_COLUMN_BOOLEAN:
      {
        gboolean want = FALSE;
        tandem_parse_boolean (rule->texts[0], &want);
        for (guint i = 0; i < n; i++)
          if (c->flags[i] >= 0 && ((c->flags[i] == want) != (rule->op == TANDEM_OP_NOT_EQUALS)))
            set_bit (cr->bits, i);
        break;
      }

    case TANDEM_COLUMN_DATE:
    case TANDEM_COLUMN_NUMBER:
    default:
      {
        double bounds[2] = { rule->numbers[0], rule->numbers[1] };
        gboolean whole_days = FALSE;

        if (rule->op == TANDEM_OP_WITHIN_DAYS)
          {
            double from = self->as_of - rule->numbers[0];
            for (guint i = 0; i < n; i++)
              if (!isnan (c->values[i]) && c->values[i] >= from && c->values[i] <= self->as_of)
                set_bit (cr->bits, i);
            break;
          }
        if (c->type == TANDEM_COLUMN_DATE && rule->n_numbers == 0 && rule->texts != NULL)
          {
            bounds[0] = parse_days (rule->texts[0]);
            bounds[1] = rule->texts[1] ? parse_days (rule->texts[1]) : bounds[0];
            whole_days = strlen (rule->texts[0]) == 10;
          }
        for (guint i = 0; i < n; i++)
          {
            double v = c->values[i];
            if (isnan (v))
              continue;
            /* A date rule compares calendar days: "2024-01-05" equals the whole day. */
            if (whole_days)
              v = floor (v);
            if (compare (rule->op, v, bounds))
              set_bit (cr->bits, i);
          }
        break;
      }
    }
}

static void
compile_event_rule (TandemScorer *self,
                    CompiledRule *cr)
{
  const TandemRule *rule = cr->rule;
  EventSeries *e = cr->events;
  guint n_words = self->n_leads / 64 + 1;
  g_autoptr(GArray) factors = g_array_new (FALSE, FALSE, sizeof (double));

  cr->present = g_new0 (guint64, n_words);
  cr->rank = g_new (guint32, n_words);
  for (guint w = 0; w < n_words; w++)
    {
      cr->rank[w] = factors->len;
      for (guint i = w * 64; i < MIN (self->n_leads, w * 64 + 64); i++)
        {
          double sum = 0;
          for (guint32 k = e->offsets[i]; k < e->offsets[i + 1]; k++)
            {
              double age = self->as_of - e->at[k];
              if (isnan (age) || age <= 0)
                continue;   /* at or after the end of the as-of day */
              if (rule->has_within_days && age > rule->within_days)
                continue;
              sum += rule->has_half_life ? pow (0.5, age / rule->half_life_days) : 1.0;
            }
          if (sum != 0)
            {
              cr->present[w] |= G_GUINT64_CONSTANT (1) << (i & 63);
              g_array_append_val (factors, sum);
            }
        }
    }
  cr->factors = (double *) g_array_free (g_steal_pointer (&factors), FALSE);
}

static inline double
factor_of (const CompiledRule *cr,
           guint               i)
{
  guint w = i >> 6;
  guint64 bit = G_GUINT64_CONSTANT (1) << (i & 63);

  if ((cr->present[w] & bit) == 0)
    return 0;
  return cr->factors[cr->rank[w] + (guint) __builtin_popcountll (cr->present[w] & (bit - 1))];
}

static inline double
contribution_with (const CompiledRule *cr,
                   guint               i,
                   double              points)
{
  const TandemRule *rule = cr->rule;

  if (!rule->enabled)
    return 0;
  if (cr->bits != NULL)
    {
      if (!get_bit (cr->bits, i))
        return 0;
    }
  else if (cr->values != NULL)
    points *= isnan (cr->values[i]) ? 0.0 : cr->values[i];
  else
    points *= factor_of (cr, i);
  if (rule->has_max)
    points = CLAMP (points, -rule->max, rule->max);
  return points;
}

static inline double
contribution (const CompiledRule *cr,
              guint               i)
{
  return contribution_with (cr, i, cr->rule->points);
}

static inline gboolean
touches (const CompiledRule *cr,
         guint               i)
{
  if (cr->bits != NULL)
    return get_bit (cr->bits, i);
  if (cr->values != NULL)
    return !isnan (cr->values[i]) && cr->values[i] != 0;
  return factor_of (cr, i) != 0;
}

static gboolean
fired (const CompiledRule *cr,
       guint               i)
{
  return cr->rule->enabled && touches (cr, i);
}

static void
sum_dimension (TandemScorer    *self,
               TandemDimension  d)
{
  GArray *rules = self->rules[d];

  memset (self->raw[d], 0, sizeof (double) * MAX (self->n_leads, 1));
  for (guint r = 0; r < rules->len; r++)
    {
      CompiledRule *cr = &g_array_index (rules, CompiledRule, r);
      for (guint i = 0; i < self->n_leads; i++)
        self->raw[d][i] += contribution (cr, i);
    }
}

static double
clamp_score (const TandemDimensionSpec *spec,
             double                     raw)
{
  if (spec->has_floor && raw < spec->floor)
    return spec->floor;
  if (spec->has_cap && raw > spec->cap)
    return spec->cap;
  return raw;
}


static inline double
edge (const Binning *b,
      guint          k)
{
  return b->edges[k];
}

static inline guint
bin_of (const Binning *b,
        double         score)
{
  double k = (score - b->base) * b->inverse;
  guint bin = k < 0 ? 0 : k >= HIST_BINS ? HIST_BINS - 1 : (guint) k;

  /* The edges are computed one way only, so a score equal to an edge is
   * always in the bin that edge starts. */
  if (bin + 1 < HIST_BINS && score >= b->edges[bin + 1])
    bin++;
  else if (bin > 0 && score < b->edges[bin])
    bin--;
  return bin;
}

static void
choose_binning (Binning *b,
                double   lo,
                double   hi)
{
  static const double steps[] = { 1, 2, 5 };
  double width = 0.01;

  for (double scale = 0.01; ; scale *= 10)
    {
      gboolean done = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          width = steps[i] * scale;
          if ((floor (hi / width) - floor (lo / width) + 1) <= HIST_BINS)
            {
              done = TRUE;
              break;
            }
        }
      if (done || scale > 1e12)
        break;
    }
  b->width = width;
  b->inverse = 1.0 / width;
  b->base = floor (lo / width) * width;
  for (guint k = 0; k <= HIST_BINS; k++)
    b->edges[k] = b->base + k * width;
}

typedef struct
{
  const TandemScorer *self;
  guint               from;
  guint               to;
  guint32            *hist;
  guint32            *hist_won;
  gboolean            inside;
} FillJob;

/* Bins leads [from, to) into job->hist; stops at the first score outside the grid. */
static gpointer
fill_range (gpointer data)
{
  FillJob *job = data;
  const TandemScorer *self = job->self;
  const TandemDimensionSpec *fit = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *interest = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST);
  const Binning *bf = &self->binning[0], *bi = &self->binning[1];
  double f_lo = edge (bf, 0), f_hi = edge (bf, HIST_BINS), i_lo = edge (bi, 0), i_hi = edge (bi, HIST_BINS);

  memset (job->hist, 0, sizeof (guint32) * HIST_BINS * HIST_BINS);
  if (job->hist_won)
    memset (job->hist_won, 0, sizeof (guint32) * HIST_BINS * HIST_BINS);
  job->inside = TRUE;
  for (guint i = job->from; i < job->to; i++)
    {
      double f = clamp_score (fit, self->raw[0][i]), v = clamp_score (interest, self->raw[1][i]);

      if (G_UNLIKELY (f < f_lo || f >= f_hi || v < i_lo || v >= i_hi))
        {
          job->inside = FALSE;
          break;
        }
      {
        guint bin = bin_of (bf, f) * HIST_BINS + bin_of (bi, v);
        job->hist[bin]++;
        if (job->hist_won != NULL && get_bit (self->won, i))
          job->hist_won[bin]++;
      }
    }
  return NULL;
}

/* Bins every lead on the current grid, in slices on all cores; FALSE (and
 * the range seen) when a score falls outside it. */
static gboolean
fill_histogram (TandemScorer *self,
                double        lo[2],
                double        hi[2])
{
  const TandemDimensionSpec *fit = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *interest = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST);
  guint n_jobs = self->n_leads >= 50000 ? CLAMP ((guint) g_get_num_processors (), 1, 8) : 1;
  FillJob jobs[8];
  GThread *threads[8] = { NULL, };
  gboolean inside = TRUE;

  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j].self = self;
      jobs[j].from = (guint) ((guint64) self->n_leads * j / n_jobs);
      jobs[j].to = (guint) ((guint64) self->n_leads * (j + 1) / n_jobs);
      jobs[j].hist = j == 0 ? self->hist : g_new (guint32, HIST_BINS * HIST_BINS);
      jobs[j].hist_won = self->won == NULL ? NULL : j == 0 ? self->hist_won : g_new (guint32, HIST_BINS * HIST_BINS);
      if (j > 0)
        threads[j] = g_thread_new ("tandem-histogram", fill_range, &jobs[j]);
    }
  fill_range (&jobs[0]);
  for (guint j = 1; j < n_jobs; j++)
    {
      g_thread_join (threads[j]);
      if (jobs[j].inside)
        for (guint k = 0; k < HIST_BINS * HIST_BINS; k++)
          self->hist[k] += jobs[j].hist[k];
      if (jobs[j].inside && jobs[j].hist_won != NULL)
        for (guint k = 0; k < HIST_BINS * HIST_BINS; k++)
          self->hist_won[k] += jobs[j].hist_won[k];
      g_free (jobs[j].hist);
      if (j > 0)
        g_free (jobs[j].hist_won);
    }
  for (guint j = 0; j < n_jobs; j++)
    inside = inside && jobs[j].inside;
  if (inside)
    return TRUE;

  lo[0] = lo[1] = G_MAXDOUBLE;
  hi[0] = hi[1] = -G_MAXDOUBLE;
  for (guint i = 0; i < self->n_leads; i++)
    {
      double f = clamp_score (fit, self->raw[0][i]), v = clamp_score (interest, self->raw[1][i]);
      lo[0] = MIN (lo[0], f), hi[0] = MAX (hi[0], f);
      lo[1] = MIN (lo[1], v), hi[1] = MAX (hi[1], v);
    }
  return FALSE;
}

static void
build_histogram (TandemScorer *self)
{
  double lo[2], hi[2];

  if (self->hist == NULL)
    {
      self->hist = g_new (guint32, HIST_BINS * HIST_BINS);
      choose_binning (&self->binning[0], 0, 0);
      choose_binning (&self->binning[1], 0, 0);
    }
  /* Usually the scores still fit the grid: one pass.  If not, a grid for
   * the range just seen, and a second pass. */
  if (fill_histogram (self, lo, hi))
    return;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    choose_binning (&self->binning[d], self->n_leads ? lo[d] : 0, self->n_leads ? hi[d] : 0);
  if (!fill_histogram (self, lo, hi))
    g_assert_not_reached ();
}

/* The band of every bin, when every threshold is a bin edge; FALSE if not. */
static gboolean
bands_of_bins (const Binning             *b,
               const TandemDimensionSpec *spec,
               guint                      bands[HIST_BINS])
{
  for (guint t = 0; t < spec->n_thresholds; t++)
    {
      double k = round ((spec->thresholds[t] - b->base) / b->width);
      /* Thresholds beyond the scores' range are fine: every bin is on one side */
      if (k > 0 && k < HIST_BINS && edge (b, (guint) k) != spec->thresholds[t])
        return FALSE;
    }
  for (guint k = 0; k < HIST_BINS; k++)
    {
      guint band = 0;
      while (band < spec->n_thresholds && edge (b, k) < spec->thresholds[band])
        band++;
      bands[k] = band;
    }
  return TRUE;
}

/* ---- Public ------------------------------------------------------------------ */

TandemScorer *
tandem_scorer_new (TandemStore   *store,
                   TandemModel   *model,
                   const GDate   *as_of,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(TandemScorer) self = g_new0 (TandemScorer, 1);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TandemStore) events_store = NULL;
  g_autofree EventRows *event_rows = NULL;
  EventsJob job = { NULL, NULL, NULL, NULL };
  GThread *events_thread = NULL;
  gboolean leads_ok;
  GDate today;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (model != NULL, NULL);

  if (!tandem_model_validate (model, store, error))
    return NULL;

  if (as_of == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      as_of = &today;
    }
  self->as_of = days_from_civil (g_date_get_year (as_of), g_date_get_month (as_of), g_date_get_day (as_of)) + 1.0;

  /* Its own copy: set_points() changes it. */
  self->model = tandem_model_copy (model);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  self->event_series = g_ptr_array_new_with_free_func ((GDestroyNotify) event_series_free);

  /* The columns and event types the model uses, once each */
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (rules, r);
          if (rule->field && find_column (self, rule->field) == NULL)
            {
              Column *c = g_new0 (Column, 1);
              c->name = g_strdup (rule->field);
              g_ptr_array_add (self->columns, c);
            }
          if (rule->event && find_events (self, rule->event) == NULL)
            {
              EventSeries *e = g_new0 (EventSeries, 1);
              e->type = g_strdup (rule->event);
              g_ptr_array_add (self->event_series, e);
            }
        }
    }

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
      return NULL;
    }
  if (!leads_ok)
    return NULL;
  build_key_index (self);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;

      self->rules[d] = g_array_sized_new (FALSE, TRUE, sizeof (CompiledRule), rules->len);
      for (guint r = 0; r < rules->len; r++)
        {
          CompiledRule cr = { g_ptr_array_index (rules, r), NULL, NULL, NULL, NULL, NULL, NULL, NULL };

          if (cr.rule->field)
            {
              cr.column = find_column (self, cr.rule->field);
              compile_field_rule (self, &cr);
            }
          else
            {
              cr.events = find_events (self, cr.rule->event);
              compile_event_rule (self, &cr);
            }
          g_array_append_val (self->rules[d], cr);
        }
      self->raw[d] = g_new0 (double, MAX (self->n_leads, 1));
      sum_dimension (self, d);
    }
  build_histogram (self);

  return g_steal_pointer (&self);
}

void
tandem_scorer_free (TandemScorer *self)
{
  if (self == NULL)
    return;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      if (self->rules[d] != NULL)
        {
          for (guint r = 0; r < self->rules[d]->len; r++)
            {
              CompiledRule *cr = &g_array_index (self->rules[d], CompiledRule, r);
              g_free (cr->bits);
              g_free (cr->present);
              g_free (cr->rank);
              g_free (cr->factors);
            }
          g_array_unref (self->rules[d]);
        }
      g_free (self->raw[d]);
    }
  g_free (self->key_index);
  g_free (self->key_offsets);
  g_free (self->key_text);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->event_series, g_ptr_array_unref);
  g_clear_pointer (&self->model, tandem_model_unref);
  g_free (self->hist);
  g_free (self->hist_won);
  g_free (self->won);
  g_free (self);
}

guint
tandem_scorer_get_n_leads (const TandemScorer *self)
{
  return self->n_leads;
}

const char *
tandem_scorer_get_key (const TandemScorer *self,
                       guint               lead)
{
  g_return_val_if_fail (lead < self->n_leads, NULL);
  return self->key_text + self->key_offsets[lead];
}

int
tandem_scorer_find_lead (const TandemScorer *self,
                         const char         *key)
{
  guint slot;

  g_return_val_if_fail (key != NULL, -1);
  if (self->key_index == NULL)
    return -1;
  for (slot = g_str_hash (key) & self->key_mask; self->key_index[slot] != 0; slot = (slot + 1) & self->key_mask)
    {
      guint lead = self->key_index[slot] - 1;
      if (strcmp (self->key_text + self->key_offsets[lead], key) == 0)
        return (int) lead;
    }
  return -1;
}

void
tandem_scorer_get_score (const TandemScorer *self,
                         guint               lead,
                         TandemScore        *out)
{
  g_return_if_fail (lead < self->n_leads);

  out->fit = clamp_score (tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT), self->raw[0][lead]);
  out->interest = clamp_score (tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST), self->raw[1][lead]);
  out->fit_band = tandem_model_band_of (self->model, TANDEM_DIMENSION_FIT, out->fit);
  out->interest_band = tandem_model_band_of (self->model, TANDEM_DIMENSION_INTEREST, out->interest);
  out->mql = tandem_model_is_mql_cell (self->model, out->fit_band, out->interest_band);
}

char *
tandem_scorer_dup_grade (const TandemScorer *self,
                         guint               lead)
{
  TandemScore score;

  tandem_scorer_get_score (self, lead, &score);
  return tandem_model_cell_name (score.fit_band, score.interest_band);
}

gboolean
tandem_scorer_rule_fired (const TandemScorer *self,
                          TandemDimension     dimension,
                          guint               rule,
                          guint               lead)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, FALSE);
  g_return_val_if_fail (rule < self->rules[dimension]->len && lead < self->n_leads, FALSE);
  return fired (&g_array_index (self->rules[dimension], CompiledRule, rule), lead);
}

static guint
count_cells (const TandemScorer *self,
             const TandemModel  *bands,
             guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
             guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  TandemDimensionSpec *fit = tandem_model_get_dimension ((TandemModel *) bands, TANDEM_DIMENSION_FIT);
  TandemDimensionSpec *interest = tandem_model_get_dimension ((TandemModel *) bands, TANDEM_DIMENSION_INTEREST);
  guint fit_bands[HIST_BINS], interest_bands[HIST_BINS];
  guint mql = 0;

  memset (counts, 0, sizeof (guint) * TANDEM_MAX_BANDS * TANDEM_MAX_BANDS);
  if (won != NULL)
    memset (won, 0, sizeof (guint) * TANDEM_MAX_BANDS * TANDEM_MAX_BANDS);

  if (bands_of_bins (&self->binning[0], fit, fit_bands) &&
      bands_of_bins (&self->binning[1], interest, interest_bands))
    {
      /* Every threshold on the grid: count from the histogram alone */
      for (guint x = 0; x < HIST_BINS; x++)
        {
          const guint32 *row = self->hist + x * HIST_BINS;
          guint *out = counts[fit_bands[x]];
          for (guint y = 0; y < HIST_BINS; y++)
            out[interest_bands[y]] += row[y];
        }
      if (won != NULL && self->hist_won != NULL)
        for (guint x = 0; x < HIST_BINS; x++)
          {
            const guint32 *row = self->hist_won + x * HIST_BINS;
            guint *out = won[fit_bands[x]];
            for (guint y = 0; y < HIST_BINS; y++)
              out[interest_bands[y]] += row[y];
          }
    }
  else
    {
      const TandemDimensionSpec *own_fit = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_FIT);
      const TandemDimensionSpec *own_interest = tandem_model_get_dimension (self->model, TANDEM_DIMENSION_INTEREST);

      for (guint i = 0; i < self->n_leads; i++)
        {
          double f = clamp_score (own_fit, self->raw[0][i]);
          double v = clamp_score (own_interest, self->raw[1][i]);
          guint fb = 0, ib = 0;

          while (fb < fit->n_thresholds && f < fit->thresholds[fb])
            fb++;
          while (ib < interest->n_thresholds && v < interest->thresholds[ib])
            ib++;
          counts[fb][ib]++;
          if (won != NULL && self->won != NULL && get_bit (self->won, i))
            won[fb][ib]++;
        }
    }

  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
      if (tandem_model_is_mql_cell (bands, f, i))
        mql += counts[f][i];
  return mql;
}

guint
tandem_scorer_count_matrix (const TandemScorer *self,
                            const TandemModel  *bands,
                            guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  return count_cells (self, bands, counts, NULL);
}

guint
tandem_scorer_count_matrix_won (const TandemScorer *self,
                                const TandemModel  *bands,
                                guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
                                guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  return count_cells (self, bands, counts, won);
}

void
tandem_scorer_diff_mql (const TandemScorer *a,
                        const TandemModel  *a_bands,
                        const TandemScorer *b,
                        const TandemModel  *b_bands,
                        guint              *entering,
                        guint              *leaving)
{
  const TandemDimensionSpec *a_fit = tandem_model_get_dimension (a->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *a_interest = tandem_model_get_dimension (a->model, TANDEM_DIMENSION_INTEREST);
  const TandemDimensionSpec *b_fit = tandem_model_get_dimension (b->model, TANDEM_DIMENSION_FIT);
  const TandemDimensionSpec *b_interest = tandem_model_get_dimension (b->model, TANDEM_DIMENSION_INTEREST);
  guint in = 0, out = 0;

  g_return_if_fail (a->n_leads == b->n_leads);

  for (guint i = 0; i < a->n_leads; i++)
    {
      gboolean x = tandem_model_is_mql_cell (a_bands,
                                             tandem_model_band_of (a_bands, TANDEM_DIMENSION_FIT, clamp_score (a_fit, a->raw[0][i])),
                                             tandem_model_band_of (a_bands, TANDEM_DIMENSION_INTEREST, clamp_score (a_interest, a->raw[1][i])));
      gboolean y = tandem_model_is_mql_cell (b_bands,
                                             tandem_model_band_of (b_bands, TANDEM_DIMENSION_FIT, clamp_score (b_fit, b->raw[0][i])),
                                             tandem_model_band_of (b_bands, TANDEM_DIMENSION_INTEREST, clamp_score (b_interest, b->raw[1][i])));
      in += x && !y;
      out += y && !x;
    }
  *entering = in;
  *leaving = out;
}

gboolean
tandem_scorer_load_outcomes (TandemScorer  *self,
                             TandemStore   *store,
                             GError       **error)
{
  g_autoptr(TandemColumn) outcome = tandem_store_find_column_by_role (store, "outcome");
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint64 *won = NULL;
  guint i = 0, n_won = 0;
  int rc;

  if (outcome == NULL)
    return TRUE;
  /* Internal column name only; leads in the scorer's order */
  sql = g_strdup_printf ("SELECT coalesce (%s, 0) FROM leads ORDER BY id", outcome->sql_name);
  stmt = tandem_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  won = g_new0 (guint64, self->n_leads / 64 + 1);
  while (i < self->n_leads && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 0) == 1)
        {
          set_bit (won, i);
          n_won++;
        }
      i++;
    }
  if (i < self->n_leads)
    {
      g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                           _("The leads changed while their outcomes were read; score again"));
      return FALSE;
    }
  g_free (self->won);
  self->won = g_steal_pointer (&won);
  self->n_won = n_won;
  if (self->hist_won == NULL)
    self->hist_won = g_new0 (guint32, HIST_BINS * HIST_BINS);
  build_histogram (self);
  return TRUE;
}

gboolean
tandem_scorer_has_outcomes (const TandemScorer *self)
{
  return self->won != NULL;
}

guint
tandem_scorer_get_n_won (const TandemScorer *self)
{
  return self->n_won;
}

gboolean
tandem_scorer_lead_won (const TandemScorer *self,
                        guint               lead)
{
  g_return_val_if_fail (lead < self->n_leads, FALSE);
  return self->won != NULL && get_bit (self->won, lead);
}

void
tandem_scorer_rule_stats (const TandemScorer *self,
                          TandemDimension     dimension,
                          guint               rule,
                          guint              *matched,
                          guint              *matched_won)
{
  const CompiledRule *cr;
  guint m = 0, mw = 0;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS && rule < self->rules[dimension]->len);
  cr = &g_array_index (self->rules[dimension], CompiledRule, rule);

  if (cr->bits != NULL || cr->present != NULL)
    {
      const guint64 *bits = cr->bits != NULL ? cr->bits : cr->present;
      for (guint w = 0; w <= self->n_leads / 64; w++)
        {
          m += (guint) __builtin_popcountll (bits[w]);
          if (self->won != NULL)
            mw += (guint) __builtin_popcountll (bits[w] & self->won[w]);
        }
    }
  else
    for (guint i = 0; i < self->n_leads; i++)
      if (touches (cr, i))
        {
          m++;
          if (self->won != NULL && get_bit (self->won, i))
            mw++;
        }
  if (matched)
    *matched = m;
  if (matched_won)
    *matched_won = mw;
}

void
tandem_scorer_get_distribution (const TandemScorer *self,
                                TandemDimension     dimension,
                                guint32             counts[TANDEM_SCORER_BINS],
                                double             *lo,
                                double             *width)
{
  const Binning *b;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS);
  b = &self->binning[dimension];
  memset (counts, 0, sizeof (guint32) * TANDEM_SCORER_BINS);
  for (guint x = 0; x < HIST_BINS; x++)
    for (guint y = 0; y < HIST_BINS; y++)
      counts[dimension == TANDEM_DIMENSION_FIT ? x : y] += self->hist[x * HIST_BINS + y];
  *lo = b->base;
  *width = b->width;
}

void
tandem_scorer_get_memory (const TandemScorer *self,
                          gsize              *data_bytes,
                          gsize              *derived_bytes)
{
  gsize data = 0, derived = 0;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      if (c->codes)
        {
          data += sizeof (guint32) * self->n_leads;
          for (guint s = 1; s < c->strings->len; s++)
            data += strlen (g_ptr_array_index (c->strings, s)) + 1;
        }
      if (c->values)
        data += sizeof (double) * self->n_leads;
      if (c->flags)
        data += self->n_leads;
    }
  for (guint i = 0; i < self->event_series->len; i++)
    {
      EventSeries *e = g_ptr_array_index (self->event_series, i);
      data += sizeof (guint32) * (self->n_leads + 1) + sizeof (double) * e->offsets[self->n_leads];
    }
  /* The ids as read, and where each starts */
  if (self->n_leads > 0)
    data += self->key_offsets[self->n_leads - 1] + strlen (self->key_text + self->key_offsets[self->n_leads - 1]) + 1;
  data += sizeof (guint32) * self->n_leads;

  /* Derived: the id index, the sums, the rules' results, the histogram */
  derived += sizeof (guint32) * (self->key_mask + 1);

  derived += sizeof (guint32) * HIST_BINS * HIST_BINS;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      derived += sizeof (double) * self->n_leads;
      for (guint r = 0; r < self->rules[d]->len; r++)
        {
          CompiledRule *cr = &g_array_index (self->rules[d], CompiledRule, r);
          if (cr->bits)
            derived += sizeof (guint64) * (self->n_leads / 64 + 1);
          if (cr->present)
            derived += sizeof (guint64) * (self->n_leads / 64 + 1) + sizeof (guint32) * (self->n_leads / 64 + 1) +
                       sizeof (double) * cr->rank[self->n_leads / 64] +
                       sizeof (double) * (guint) __builtin_popcountll (cr->present[self->n_leads / 64]);
        }
    }
  *data_bytes = data;
  *derived_bytes = derived;
}

TandemModel *
tandem_scorer_get_model (const TandemScorer *self)
{
  return self->model;
}

/* x limited to [−max, max], without a branch (minsd/maxsd): the limit
 * cuts in for about half the leads, which no predictor guesses. */
static inline double
limit (double x,
       double max)
{
  x = x < max ? x : max;
  return x > -max ? x : -max;
}

/* Moves a rule's effective points (0 when off) from @before to @after for
 * every lead it touches, from the kept per-rule results. */
static void
shift_rule (TandemScorer       *self,
            TandemDimension     dimension,
            const CompiledRule *cr,
            double              before,
            double              after)
{
  const TandemRule *rule = cr->rule;
  double max = rule->has_max ? rule->max : INFINITY;
  double *raw = self->raw[dimension];

  if (before == after)
    return;
  if (cr->bits != NULL)
    {
      /* A yes/no rule adds the same to every lead it fires for: walk its
       * bitset a word at a time, skipping empty words. */
      double delta = limit (after, max) - limit (before, max);

      for (guint w = 0; w <= self->n_leads / 64; w++)
        for (guint64 bits = cr->bits[w]; bits != 0; bits &= bits - 1)
          raw[w * 64 + (guint) __builtin_ctzll (bits)] += delta;
    }
  else if (cr->present != NULL)
    {
      /* An event rule: walk the leads with a factor, in step with them */
      const double *factor = cr->factors;

      for (guint w = 0; w <= self->n_leads / 64; w++)
        for (guint64 bits = cr->present[w]; bits != 0; bits &= bits - 1, factor++)
          raw[w * 64 + (guint) __builtin_ctzll (bits)] += limit (after * *factor, max) - limit (before * *factor, max);
    }
  else
    {
      /* A times rule: points × the lead's own value (a null counts 0) */
      const double *values = cr->values;

      for (guint i = 0; i < self->n_leads; i++)
        {
          double v = values[i] == values[i] ? values[i] : 0.0;
          raw[i] += limit (after * v, max) - limit (before * v, max);
        }
    }
}

void
tandem_scorer_set_points (TandemScorer    *self,
                          TandemDimension  dimension,
                          guint            rule,
                          double           points)
{
  CompiledRule *cr;
  TandemRule *model_rule;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS);
  g_return_if_fail (rule < self->rules[dimension]->len);

  cr = &g_array_index (self->rules[dimension], CompiledRule, rule);
  model_rule = g_ptr_array_index (tandem_model_get_dimension (self->model, dimension)->rules, rule);

  /* Only the leads the rule fires for change: take the old points out,
   * put the new ones in.  No condition is evaluated. */
  if (model_rule->enabled)
    shift_rule (self, dimension, cr, model_rule->points, points);
  model_rule->points = points;
  build_histogram (self);
}

void
tandem_scorer_set_enabled (TandemScorer    *self,
                           TandemDimension  dimension,
                           guint            rule,
                           gboolean         enabled)
{
  CompiledRule *cr;
  TandemRule *model_rule;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS);
  g_return_if_fail (rule < self->rules[dimension]->len);

  cr = &g_array_index (self->rules[dimension], CompiledRule, rule);
  model_rule = g_ptr_array_index (tandem_model_get_dimension (self->model, dimension)->rules, rule);
  if (!model_rule->enabled == !enabled)
    return;
  shift_rule (self, dimension, cr, model_rule->enabled ? model_rule->points : 0, enabled ? model_rule->points : 0);
  model_rule->enabled = enabled != FALSE;
  build_histogram (self);
}

void
tandem_scorer_set_limits (TandemScorer    *self,
                          TandemDimension  dimension,
                          gboolean         has_floor,
                          double           floor_,
                          gboolean         has_cap,
                          double           cap)
{
  TandemDimensionSpec *spec;

  g_return_if_fail (dimension < TANDEM_N_DIMENSIONS);
  spec = tandem_model_get_dimension (self->model, dimension);
  spec->has_floor = has_floor;
  spec->floor = floor_;
  spec->has_cap = has_cap;
  spec->cap = cap;
  build_histogram (self);
}

void
tandem_scorer_set_bands (TandemScorer      *self,
                         const TandemModel *bands)
{
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *own = tandem_model_get_dimension (self->model, d);
      const TandemDimensionSpec *other = tandem_model_get_dimension ((TandemModel *) bands, d);
      own->n_thresholds = other->n_thresholds;
      memcpy (own->thresholds, other->thresholds, sizeof own->thresholds);
    }
  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
      tandem_model_set_mql_cell (self->model, f, i, tandem_model_is_mql_cell (bands, f, i));
}

/* ---- Explanations -------------------------------------------------------- */

void
tandem_contribution_clear (TandemContribution *c)
{
  g_clear_pointer (&c->value, g_free);
  g_clear_pointer (&c->label, g_free);
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v == floor (v) && fabs (v) < 1e15)
    return g_strdup_printf ("%.0f", v);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v));
}

char *
tandem_rule_dup_sentence (const TandemRule *rule)
{
  if (rule->label != NULL && rule->label[0] != '\0')
    return g_strdup (rule->label);
  return tandem_rule_dup_condition (rule);
}

char *
tandem_rule_dup_condition (const TandemRule *rule)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (rule->event != NULL)
    {
      g_string_append_printf (s, _("each %s event"), rule->event);
      if (rule->has_within_days)
        {
          g_autofree char *days = format_number (rule->within_days);
          g_string_append_printf (s, _(" in the last %s days"), days);
        }
      if (rule->has_half_life)
        {
          g_autofree char *days = format_number (rule->half_life_days);
          g_string_append_printf (s, _(", halving every %s days"), days);
        }
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  g_string_append_printf (s, "%s %s", rule->field, tandem_rule_op_to_string (rule->op));
  switch (rule->op)
    {
    case TANDEM_OP_EMPTY:
    case TANDEM_OP_NOT_EMPTY:
      break;
    case TANDEM_OP_TIMES:
      {
        g_autofree char *p = format_number (rule->points);
        g_string_printf (s, _("%s × %s"), rule->field, p);
        break;
      }
    case TANDEM_OP_BETWEEN:
      if (rule->n_numbers == 2)
        {
          g_autofree char *lo = format_number (rule->numbers[0]);
          g_autofree char *hi = format_number (rule->numbers[1]);
          g_string_append_printf (s, _(" %s and %s"), lo, hi);
        }
      else
        g_string_append_printf (s, _(" %s and %s"), rule->texts[0], rule->texts[1]);
      break;
    case TANDEM_OP_WITHIN_DAYS:
    case TANDEM_OP_LT:
    case TANDEM_OP_LE:
    case TANDEM_OP_GT:
    case TANDEM_OP_GE:
      if (rule->n_numbers >= 1)
        {
          g_autofree char *v = format_number (rule->numbers[0]);
          g_string_append_printf (s, " %s", v);
        }
      else
        g_string_append_printf (s, " %s", rule->texts[0]);
      break;
    default:
      {
        g_autofree char *joined = g_strjoinv (_(" or "), rule->texts);
        g_string_append_printf (s, " %s", joined);
        break;
      }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
lead_value (const TandemScorer *self,
            const CompiledRule *cr,
            guint               i)
{
  const Column *c = cr->column;

  if (cr->events != NULL)
    {
      guint counted = 0;
      for (guint32 k = cr->events->offsets[i]; k < cr->events->offsets[i + 1]; k++)
        {
          double age = self->as_of - cr->events->at[k];
          if (age > 0 && (!cr->rule->has_within_days || age <= cr->rule->within_days))
            counted++;
        }
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", counted), counted);
    }

  switch (c->type)
    {
    case TANDEM_COLUMN_TEXT:
      return c->codes[i] ? g_strdup (g_ptr_array_index (c->strings, c->codes[i])) : g_strdup (_("empty"));
    case TANDEM_COLUMN_BOOLEAN:
      return g_strdup (c->flags[i] < 0 ? _("empty") : c->flags[i] ? "yes" : "no");
    case TANDEM_COLUMN_DATE:
      if (isnan (c->values[i]))
        return g_strdup (_("empty"));
      {
        GDate date;
        char buf[16];
        g_date_clear (&date, 1);
        g_date_set_julian (&date, (guint32) (floor (c->values[i]) + 719163));
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        return g_strdup (buf);
      }
    case TANDEM_COLUMN_NUMBER:
    default:
      return isnan (c->values[i]) ? g_strdup (_("empty")) : format_number (c->values[i]);
    }
}

GArray *
tandem_scorer_explain_lead (const TandemScorer *self,
                            guint               lead)
{
  GArray *parts = g_array_new (FALSE, TRUE, sizeof (TandemContribution));

  g_array_set_clear_func (parts, (GDestroyNotify) tandem_contribution_clear);
  g_return_val_if_fail (lead < self->n_leads, parts);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    for (guint r = 0; r < self->rules[d]->len; r++)
      {
        const CompiledRule *cr = &g_array_index (self->rules[d], CompiledRule, r);
        TandemContribution c = { d, r, 0, NULL, NULL };

        if (!fired (cr, lead))
          continue;
        c.points = contribution (cr, lead);
        c.value = lead_value (self, cr, lead);
        c.label = tandem_rule_dup_sentence (cr->rule);
        g_array_append_val (parts, c);
      }
  return parts;
}

char *
tandem_scorer_explain (const TandemScorer *self,
                       guint               lead)
{
  g_autoptr(GArray) parts = tandem_scorer_explain_lead (self, lead);
  g_autoptr(GString) s = g_string_new (NULL);
  static const char *const names[] = { N_("fit"), N_("interest") };
  TandemScore score;

  tandem_scorer_get_score (self, lead, &score);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      const TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
      double value = d == 0 ? score.fit : score.interest;
      guint band = d == 0 ? score.fit_band : score.interest_band;
      gboolean first = TRUE;

      if (d == 0)
        g_string_append_printf (s, "%s %.2f (%c):", _(names[d]), value, 'A' + band);
      else
        g_string_append_printf (s, "\n%s %.2f (%u):", _(names[d]), value, band + 1);

      for (guint k = 0; k < parts->len; k++)
        {
          TandemContribution *c = &g_array_index (parts, TandemContribution, k);
          g_autofree char *points = NULL;
          if (c->dimension != d)
            continue;
          points = format_number (round (c->points * 100) / 100);
          g_string_append_printf (s, "%s %s%s %s (“%s”)", first ? "" : ";", c->points >= 0 ? "+" : "", points,
                                  c->label, c->value);
          first = FALSE;
        }
      if (first)
        g_string_append_printf (s, " %s", _("no rule fired"));
      if (spec->has_cap && self->raw[d][lead] > spec->cap)
        g_string_append_printf (s, _("; capped at %g (from %.2f)"), spec->cap, self->raw[d][lead]);
      if (spec->has_floor && self->raw[d][lead] < spec->floor)
        g_string_append_printf (s, _("; raised to the floor %g (from %.2f)"), spec->floor, self->raw[d][lead]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Whether a spreadsheet would run @value as a formula (OWASP's CSV
 * injection guidance): it begins with = + - @ | tab or carriage return, or
 * their fullwidth forms ＝ ＋ － ＠, possibly after leading white space.  */
static gboolean
csv_is_formula (const char *value)
{
  for (const char *p = value;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      switch (c)
        {
        case '=': case '+': case '-': case '@': case '|': case '\t': case '\r':
        case 0xFF1D: case 0xFF0B: case 0xFF0D: case 0xFF20:
          return TRUE;
        default:
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0 || !g_unichar_isspace (c))
        return FALSE;
    }
}

/* A CSV field, quoted when needed; a cell a spreadsheet would run as a
 * formula is quoted and begins with ' so that it reads as text. */
void
tandem_csv_append_field (GString    *out,
                         const char *value)
{
  gboolean formula = csv_is_formula (value);
  gboolean quote = formula || strpbrk (value, ",\"\r\n") != NULL;

  if (!quote)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
tandem_scorer_append_csv (const TandemScorer *self,
                          GString            *out)
{
  g_string_append (out, "id,fit,interest,grade,mql\n");
  for (guint i = 0; i < self->n_leads; i++)
    {
      TandemScore score;
      g_autofree char *grade = tandem_scorer_dup_grade (self, i);
      char fit[G_ASCII_DTOSTR_BUF_SIZE], interest[G_ASCII_DTOSTR_BUF_SIZE];

      tandem_scorer_get_score (self, i, &score);
      tandem_csv_append_field (out, tandem_scorer_get_key (self, i));
      /* A decimal point whatever the locale: this is data for programs */
      g_ascii_formatd (fit, sizeof fit, "%.2f", score.fit);
      g_ascii_formatd (interest, sizeof interest, "%.2f", score.interest);
      g_string_append_printf (out, ",%s,%s,%s,%d\n", fit, interest, grade, score.mql ? 1 : 0);
    }
}
