/* tandem-waterfall.c — the demand waterfall: counting the stage entries for a period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The waterfall is computed in two passes.  The first (tandem-waterfall-read.c)
 * reads every lead once and turns what the mapping says about it into a
 * short, dated list of stage entries in the order they happened.  The
 * second, here, walks those lists for a period and a mode; the previous
 * period reuses the lists.
 */

#include "config.h"

#include "tandem-funnel-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Plan ----------------------------------------------------------------- */

struct _TandemFunnelPlan
{
  GPtrArray *stages;   /* char* */
  GArray    *volumes;  /* double */
};

TandemFunnelPlan *
tandem_funnel_plan_new (void)
{
  TandemFunnelPlan *self = g_new0 (TandemFunnelPlan, 1);

  self->stages = g_ptr_array_new_with_free_func (g_free);
  self->volumes = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
tandem_funnel_plan_free (TandemFunnelPlan *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->stages);
  g_array_unref (self->volumes);
  g_free (self);
}

void
tandem_funnel_plan_set_volume (TandemFunnelPlan *self,
                               const char       *stage,
                               double            volume)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stage != NULL);

  for (guint i = 0; i < self->stages->len; i++)
    if (tandem_funnel_same_name (g_ptr_array_index (self->stages, i), stage))
      {
        g_ptr_array_remove_index (self->stages, i);
        g_array_remove_index (self->volumes, i);
        break;
      }
  if (!isnan (volume))
    {
      g_ptr_array_add (self->stages, g_strdup (stage));
      g_array_append_val (self->volumes, volume);
    }
}

double
tandem_funnel_plan_get_volume (const TandemFunnelPlan *self,
                               const char             *stage)
{
  g_return_val_if_fail (self != NULL, NAN);

  for (guint i = 0; i < self->stages->len; i++)
    if (tandem_funnel_same_name (g_ptr_array_index (self->stages, i), stage))
      return g_array_index (self->volumes, double, i);
  return NAN;
}

/* ---- Waterfall: counting ----------------------------------------------------- */

typedef struct
{
  gint64  reached, open, lost, recycled, negative;
  GArray *days;  /* double */
} Tally;

typedef struct
{
  gboolean bounded;
  gint64   lo, hi;   /* [lo, hi) in seconds */
} Range;

static gboolean
in_range (const Range *r,
          gint64       t)
{
  if (!r->bounded)
    return TRUE;
  return t != NO_TIME && t >= r->lo && t < r->hi;
}

/* The date the lead entered @stage that counts: its latest entry (in the
 * period, for flow); NO_TIME when it has none.                          */
static gint64
stage_time (const Entry *entries,
            guint        n,
            int          stage,
            const Range *range)
{
  gint64 t = NO_TIME;

  for (guint i = 0; i < n; i++)
    if (entries[i].stage == stage && entries[i].t != NO_TIME &&
        (range == NULL || in_range (range, entries[i].t)))
      t = MAX (t, entries[i].t);
  return t;
}

/* The previous stage's date for a stage entered at @at: its latest entry
 * at or before @at, or failing that its earliest (a backwards duration). */
static gint64
previous_time (const Entry *entries,
               guint        n,
               int          stage,
               gint64       at)
{
  gint64 before = NO_TIME, after = G_MAXINT64;

  for (guint i = 0; i < n; i++)
    {
      if (entries[i].stage != stage || entries[i].t == NO_TIME)
        continue;
      if (entries[i].t <= at)
        before = MAX (before, entries[i].t);
      else
        after = MIN (after, entries[i].t);
    }
  if (before != NO_TIME)
    return before;
  return after == G_MAXINT64 ? NO_TIME : after;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *values)
{
  double *v = (double *) values->data;
  guint n = values->len;

  if (n == 0)
    return NAN;
  qsort (v, n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
mean (GArray *values)
{
  double sum = 0;

  if (values->len == 0)
    return NAN;
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  return sum / values->len;
}

/* Counts one lead into its segment's tallies (one per waterfall step). */
static void
count_lead (const Loaded        *l,
            const Lead          *lead,
            TandemWaterfallMode  mode,
            const Range         *range,
            Tally               *tallies,
            gint64              *undated)
{
  const Entry *entries = &g_array_index (l->entries, Entry, lead->first);
  guint w = l->steps->len;
  g_autofree gboolean *reached = g_new0 (gboolean, w);
  g_autofree gboolean *counted = g_new0 (gboolean, w);
  g_autofree gboolean *lost = g_new0 (gboolean, w);
  g_autofree gboolean *recycled = g_new0 (gboolean, w);
  g_autofree gint64 *lost_t = g_new0 (gint64, w);
  gint64 first_t = NO_TIME;
  int cur = -1, pending = -1, furthest = -1, current_step = -1;
  gboolean any_dated = FALSE;

  if (w == 0)
    return;

  /* The lead's path, in the order it happened */
  for (guint i = 0; i < lead->n; i++)
    {
      const Entry *e = &entries[i];
      int k = l->step_of[e->stage];
      TandemStageKind kind = tandem_waterfall_stage_kind (l, e->stage);

      if (e->t != NO_TIME)
        {
          first_t = any_dated ? MIN (first_t, e->t) : e->t;
          any_dated = TRUE;
        }
      if (k >= 0)
        {
          reached[k] = TRUE;
          if (pending >= 0 && kind == TANDEM_STAGE_OPEN)
            {
              recycled[pending] = TRUE;
              pending = -1;
            }
          cur = k;
        }
      else if (kind == TANDEM_STAGE_LOST || kind == TANDEM_STAGE_DISQUALIFIED)
        {
          /* Lost before any step we know of: lost from the first */
          int from = cur >= 0 ? cur : 0;

          reached[from] = TRUE;
          lost[from] = TRUE;
          lost_t[from] = e->t == NO_TIME ? G_MAXINT64 : e->t;
          pending = from;
        }
    }
  for (guint k = 0; k < w; k++)
    if (reached[k])
      furthest = (int) k;
  if (furthest < 0)
    return;
  if (l->implied)
    for (int k = 0; k < furthest; k++)
      reached[k] = TRUE;
  if (lead->current >= 0 && tandem_waterfall_stage_kind (l, lead->current) == TANDEM_STAGE_OPEN)
    current_step = l->step_of[lead->current];

  if (mode == TANDEM_WATERFALL_COHORT)
    {
      if (range->bounded && !any_dated)
        {
          (*undated)++;
          return;
        }
      if (!in_range (range, first_t))
        return;
      memcpy (counted, reached, w * sizeof (gboolean));
    }
  else
    {
      if (range->bounded && !any_dated)
        {
          (*undated)++;
          return;
        }
      for (guint k = 0; k < w; k++)
        counted[k] = range->bounded
                     ? stage_time (entries, lead->n, g_array_index (l->steps, int, k), range) != NO_TIME
                     : reached[k];
    }

  for (guint k = 0; k < w; k++)
    {
      Tally *t = &tallies[k];
      gint64 at, before;

      if (!counted[k])
        continue;
      at = stage_time (entries, lead->n, g_array_index (l->steps, int, k),
                       mode == TANDEM_WATERFALL_FLOW ? range : NULL);
      t->reached++;
      if ((int) k == current_step)
        t->open++;
      /* In flow, a loss counts against the entry in the period, not an earlier one */
      if (lost[k] && (mode == TANDEM_WATERFALL_COHORT || at == NO_TIME || lost_t[k] >= at))
        {
          t->lost++;
          if (recycled[k])
            t->recycled++;
        }
      if (k == 0 || at == NO_TIME)
        continue;

      before = previous_time (entries, lead->n, g_array_index (l->steps, int, k - 1), at);
      if (before == NO_TIME)
        continue;
      if (at < before)
        t->negative++;
      else
        {
          double days = (double) (at - before) / DAY;
          g_array_append_val (t->days, days);
        }
    }
}

static void
segment_free (TandemWaterfallSegment *segment)
{
  if (segment == NULL)
    return;
  for (guint i = 0; segment->stages && i < segment->stages->len; i++)
    {
      TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, i);
      g_free (s->name);
      g_free (s->short_name);
    }
  g_clear_pointer (&segment->stages, g_array_unref);
  g_free (segment->segment);
  g_free (segment);
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const TandemWaterfallSegment *x = *(TandemWaterfallSegment *const *) a;
  const TandemWaterfallSegment *y = *(TandemWaterfallSegment *const *) b;
  gint64 nx = x->stages->len ? g_array_index (x->stages, TandemWaterfallStage, 0).reached : 0;
  gint64 ny = y->stages->len ? g_array_index (y->stages, TandemWaterfallStage, 0).reached : 0;

  /* Largest first; the empty value last; then by name */
  if (nx != ny)
    return nx > ny ? -1 : 1;
  if ((x->segment == NULL) != (y->segment == NULL))
    return x->segment == NULL ? 1 : -1;
  return g_strcmp0 (x->segment, y->segment);
}

static TandemWaterfall *
waterfall_new (void)
{
  TandemWaterfall *self = g_new0 (TandemWaterfall, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  self->unmapped = g_ptr_array_new_with_free_func (g_free);
  return self;
}

TandemWaterfall *
tandem_waterfall_ref (TandemWaterfall *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tandem_waterfall_unref (TandemWaterfall *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->from);
  g_free (self->to);
  g_free (self->segment_field);
  g_ptr_array_unref (self->segments);
  g_ptr_array_unref (self->unmapped);
  g_clear_pointer (&self->previous, tandem_waterfall_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (TandemWaterfall, tandem_waterfall, tandem_waterfall_ref, tandem_waterfall_unref)

/* One period's waterfall from the loaded leads. */
static TandemWaterfall *
waterfall_count (const Loaded        *l,
                 TandemWaterfallMode  mode,
                 const GDate         *from,
                 const GDate         *to,
                 const char          *segment_field)
{
  TandemWaterfall *self = waterfall_new ();
  guint w = l->steps->len;
  guint n_segments = l->segments->len;
  g_autofree Tally *tallies = g_new0 (Tally, (gsize) MAX (w, 1) * n_segments);
  Range range = { FALSE, 0, 0 };

  self->mode = mode;
  self->source = l->source;
  self->implied = l->implied;
  self->segment_field = g_strdup (segment_field);
  self->unplaced = l->unplaced;
  for (guint i = 0; i < l->unmapped->len; i++)
    g_ptr_array_add (self->unmapped, g_strdup (g_ptr_array_index (l->unmapped, i)));

  if (from != NULL || to != NULL)
    {
      range.bounded = TRUE;
      range.lo = from ? (gint64) g_date_get_julian (from) * DAY : G_MININT64 + 1;
      range.hi = to ? ((gint64) g_date_get_julian (to) + 1) * DAY : G_MAXINT64;
      self->from = from ? tandem_waterfall_format_day (from) : NULL;
      self->to = to ? tandem_waterfall_format_day (to) : NULL;
    }

  for (guint i = 0; i < w * n_segments; i++)
    tallies[i].days = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < l->leads->len; i++)
    {
      const Lead *lead = &g_array_index (l->leads, Lead, i);
      count_lead (l, lead, mode, &range, &tallies[(gsize) lead->segment * w], &self->undated);
    }

  for (guint s = 0; s < n_segments; s++)
    {
      TandemWaterfallSegment *segment = g_new0 (TandemWaterfallSegment, 1);
      Tally *t = &tallies[(gsize) s * w];
      gboolean any = FALSE;

      segment->segment = g_strdup (g_ptr_array_index (l->segments, s));
      segment->stages = g_array_sized_new (FALSE, TRUE, sizeof (TandemWaterfallStage), w);
      for (guint k = 0; k < w; k++)
        {
          const TandemStage *stage = tandem_taxonomy_get_stage (l->taxonomy, (guint) g_array_index (l->steps, int, k));
          TandemWaterfallStage ws = { 0, };

          ws.name = g_strdup (stage->name);
          ws.short_name = g_strdup (stage->short_name);
          ws.taxonomy_index = (guint) g_array_index (l->steps, int, k);
          ws.kind = stage->kind;
          ws.reached = t[k].reached;
          ws.open = t[k].open;
          ws.lost = t[k].lost;
          ws.recycled = t[k].recycled;
          ws.negative_durations = t[k].negative;
          ws.durations = t[k].days->len;
          ws.conversion_from_previous = k > 0 && t[k - 1].reached > 0 ? (double) t[k].reached / t[k - 1].reached : NAN;
          ws.conversion_from_first = t[0].reached > 0 ? (double) t[k].reached / t[0].reached : NAN;
          ws.median_days_from_previous = median (t[k].days);
          ws.mean_days_from_previous = mean (t[k].days);
          ws.planned = NAN;
          g_array_append_val (segment->stages, ws);
        }
      /* A breakdown lists the values that have leads in the period */
      for (guint k = 0; k < w; k++)
        any |= t[k].reached > 0;
      if (segment_field != NULL && !any)
        segment_free (segment);
      else
        g_ptr_array_add (self->segments, segment);
    }
  g_ptr_array_sort (self->segments, compare_segments);

  for (guint i = 0; i < w * n_segments; i++)
    g_array_unref (tallies[i].days);
  return self;
}

TandemWaterfall *
tandem_waterfall_compute (TandemStore                   *store,
                          const TandemTaxonomy          *taxonomy,
                          const TandemFunnelMapping     *mapping,
                          const TandemWaterfallOptions  *options,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  g_auto(Loaded) loaded = { 0, };
  TandemWaterfall *self;
  GDate from, to;
  gboolean has_from, has_to;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (taxonomy != NULL, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (tandem_taxonomy_get_n_stages (taxonomy) == 0)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_NO_TAXONOMY,
                           _("The workspace has no lead taxonomy yet; choose one first "
                             "(classic, extended or pipeline)"));
      return NULL;
    }
  if (!tandem_taxonomy_validate (taxonomy, error))
    return NULL;

  has_from = options->from != NULL;
  has_to = options->to != NULL;
  if ((has_from && !tandem_waterfall_parse_day (options->from, _("start"), &from, error)) ||
      (has_to && !tandem_waterfall_parse_day (options->to, _("end"), &to, error)))
    return NULL;
  if (has_from && has_to && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION,
                   _("The period starts on %s, after it ends on %s"), options->from, options->to);
      return NULL;
    }

  if (!tandem_waterfall_load_leads (store, taxonomy, mapping, options->segment, &loaded, cancellable, error))
    return NULL;

  self = waterfall_count (&loaded, options->mode, has_from ? &from : NULL, has_to ? &to : NULL, options->segment);

  /* The previous period of equal length, ending the day before */
  if (options->previous && has_from && has_to)
    {
      guint days = g_date_get_julian (&to) - g_date_get_julian (&from) + 1;
      GDate prev_from, prev_to;

      prev_to = from;
      g_date_subtract_days (&prev_to, 1);
      prev_from = from;
      g_date_subtract_days (&prev_from, days);
      self->previous = waterfall_count (&loaded, options->mode, &prev_from, &prev_to, options->segment);
    }
  return self;
}

void
tandem_waterfall_set_plan (TandemWaterfall        *self,
                           const TandemFunnelPlan *plan)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      TandemWaterfallSegment *segment = g_ptr_array_index (self->segments, i);

      for (guint k = 0; k < segment->stages->len; k++)
        {
          TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, k);
          double volume = NAN;

          /* A plan is for the whole funnel, not a segment of it */
          if (plan != NULL && self->segment_field == NULL)
            {
              volume = tandem_funnel_plan_get_volume (plan, s->name);
              if (isnan (volume))
                volume = tandem_funnel_plan_get_volume (plan, s->short_name);
            }
          s->planned = volume;
        }
    }
}
