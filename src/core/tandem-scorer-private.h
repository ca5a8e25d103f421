/* tandem-scorer-private.h — what the scorer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-scorer-columns.c reads the columnar copy,
 * tandem-scorer-conditions.c compiles the rules against it,
 * tandem-scorer.c sums, bands and counts, tandem-scorer-explain.c says why.
 */
#pragma once

#include "tandem-scorer.h"

#include <math.h>

G_BEGIN_DECLS

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

/* From this many leads on, compiling, summing and writing CSV take both
 * cores (a thread costs less than a tenth of what it saves there) */
#define TANDEM_SCORER_PARALLEL_LEADS 4096

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
  gsize         key_index_built; /* g_once_init_enter(): built on first use */
  gint64       *rowids;        /* n_leads: each lead's row in the workspace, ascending */
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

/* ---- The columnar copy (tandem-scorer-columns.c) ---------------------- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
double       tandem_scorer_days_from_civil (int           y,
                                            int           m,
                                            int           d);
/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (as stored) → days; NAN if not. */
double       tandem_scorer_parse_days      (const char   *text);
/* Reads the columns and event types the model uses: one array a column,
 * the events by lead, and the index from lead id to lead.              */
gboolean     tandem_scorer_read_data       (TandemScorer *self,
                                            TandemStore  *store,
                                            GError      **error);
/* The same from the rows alone, for self->columns and self->event_series
 * as they are set up (each named); the key index is not built.        */
gboolean     tandem_scorer_read_rows       (TandemScorer *self,
                                            TandemStore  *store,
                                            GError      **error);
void         tandem_scorer_build_key_index (TandemScorer *self);
void         tandem_scorer_column_free     (Column       *column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Column, tandem_scorer_column_free)
void         tandem_scorer_event_series_free (EventSeries *series);
Column      *tandem_scorer_find_column     (TandemScorer *self,
                                            const char   *name);
EventSeries *tandem_scorer_find_events     (TandemScorer *self,
                                            const char   *type);

/* ---- Conditions (tandem-scorer-conditions.c) -------------------------- */

/* Resolves a rule on a column (cr->column) or on events (cr->events). */
void         tandem_scorer_compile_field_rule (TandemScorer *self,
                                               CompiledRule *cr);
void         tandem_scorer_compile_event_rule (TandemScorer *self,
                                               CompiledRule *cr);

static inline void
tandem_scorer_set_bit (guint64 *bits,
                       guint    i)
{
  bits[i >> 6] |= G_GUINT64_CONSTANT (1) << (i & 63);
}

static inline gboolean
tandem_scorer_get_bit (const guint64 *bits,
                       guint          i)
{
  return (bits[i >> 6] >> (i & 63)) & 1;
}

/* What a compiled rule gives lead @i, from its kept result alone. */
static inline double
tandem_scorer_factor_of (const CompiledRule *cr,
                         guint               i)
{
  guint w = i >> 6;
  guint64 bit = G_GUINT64_CONSTANT (1) << (i & 63);

  if ((cr->present[w] & bit) == 0)
    return 0;
  return cr->factors[cr->rank[w] + (guint) __builtin_popcountll (cr->present[w] & (bit - 1))];
}

static inline double
tandem_scorer_contribution_with (const CompiledRule *cr,
                                 guint               i,
                                 double              points)
{
  const TandemRule *rule = cr->rule;

  if (!rule->enabled)
    return 0;
  if (cr->bits != NULL)
    {
      if (!tandem_scorer_get_bit (cr->bits, i))
        return 0;
    }
  else if (cr->values != NULL)
    points *= isnan (cr->values[i]) ? 0.0 : cr->values[i];
  else
    points *= tandem_scorer_factor_of (cr, i);
  if (rule->has_max)
    points = CLAMP (points, -rule->max, rule->max);
  return points;
}

static inline double
tandem_scorer_contribution (const CompiledRule *cr,
                            guint               i)
{
  return tandem_scorer_contribution_with (cr, i, cr->rule->points);
}

static inline gboolean
tandem_scorer_touches (const CompiledRule *cr,
                       guint               i)
{
  if (cr->bits != NULL)
    return tandem_scorer_get_bit (cr->bits, i);
  if (cr->values != NULL)
    return !isnan (cr->values[i]) && cr->values[i] != 0;
  return tandem_scorer_factor_of (cr, i) != 0;
}

static inline gboolean
tandem_scorer_fired (const CompiledRule *cr,
                     guint               i)
{
  return cr->rule->enabled && tandem_scorer_touches (cr, i);
}

G_END_DECLS
