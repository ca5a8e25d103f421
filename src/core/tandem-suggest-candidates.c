/* tandem-suggest-candidates.c — which columns to use, and the conditions built from them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every column and event type is screened first: the outcome itself, the
 * lead id and id-like columns (nearly every value distinct), constant
 * columns, and leakage — a column that alone predicts the outcome almost
 * perfectly (AUC ≥ 0.95 on the training leads, its values grouped), or
 * whose values with ≥ 98 % conversion hold most of the won leads, is
 * usually filled in after the outcome (a sales status, a quality grade).
 * Flagged columns are left out unless the options include them.
 *
 * The rest give candidate conditions a marketer can read:
 *   text      each frequent value (case and spaces folded, as the engine
 *             compares), "is empty";
 *   number    ≥ the 75th and 90th percentile, ≤ the 25th and 10th (two
 *             significant digits), "is empty";
 *   yes/no    "is yes", "is empty";
 *   date      within 30, 90 and 365 days, "is empty";
 *   events    at least one within 30 and within 90 days (points capped at
 *             one event), and every event with a 30-day half-life, the
 *             decayed count capped at its 90th percentile.
 */

#include "config.h"

#include "tandem-suggest-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LEAKAGE_AUC 0.95
#define PURE_RATE 0.98
#define NUMBER_BINS 20
#define MAX_TEXT_VALUES 20
#define EVENT_HALF_LIFE 30.0

void
tandem_suggest_candidate_free (Candidate *c)
{
  if (c == NULL)
    return;
  g_clear_pointer (&c->rule, tandem_rule_free);
  g_free (c->source);
  g_free (c->why);
  g_free (c->cr.bits);
  g_free (c->cr.present);
  g_free (c->cr.rank);
  g_free (c->cr.factors);
  g_free (c);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gboolean
in_list (const char *const *list,
         const char        *name)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

/* A word in the name that says the column counts or dates what the lead did. */
static const char *
activity_word (const char *name)
{
  static const char *const words[] = {
    "visit", "view", "page", "session", "time spent", "time on", "activity", "click", "open",
    "download", "webinar", "engag", "login", "last ", "form", "touch", "reply", NULL
  };
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; words[i]; i++)
    if (strstr (folded, words[i]) != NULL)
      return words[i];
  return NULL;
}

/* ---- Screening ------------------------------------------------------------ */

/* One level a lead, for measuring a column on its own. */
typedef struct
{
  guint *level;    /* per lead */
  guint  n_levels;
} Levels;

static double
quantile (const double *sorted,
          guint         n,
          double        q)
{
  double pos = q * (n - 1);
  guint lo = (guint) floor (pos);
  guint hi = MIN (lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/* The training leads' non-empty values of a number or date column, sorted. */
static double *
sorted_training_values (const SuggestJob *job,
                        const Column     *c,
                        guint            *out_n)
{
  double *v = g_new (double, MAX (job->n_train, 1));
  guint n = 0;

  for (guint k = 0; k < job->n_train; k++)
    if (!isnan (c->values[job->train[k]]))
      v[n++] = c->values[job->train[k]];
  qsort (v, n, sizeof (double), compare_doubles);
  *out_n = n;
  return v;
}

static void
column_levels (const SuggestJob *job,
               const Column     *c,
               const EventSeries *e,
               Levels           *out)
{
  guint n = job->probe->n_leads;

  out->level = g_new0 (guint, MAX (n, 1));
  if (e != NULL)
    {
      for (guint i = 0; i < n; i++)
        out->level[i] = MIN (e->offsets[i + 1] - e->offsets[i], 10);
      out->n_levels = 11;
      return;
    }
  switch (c->type)
    {
    case TANDEM_COLUMN_TEXT:
      memcpy (out->level, c->codes, sizeof (guint) * n);
      out->n_levels = c->strings->len;
      break;
    case TANDEM_COLUMN_BOOLEAN:
      for (guint i = 0; i < n; i++)
        out->level[i] = (guint) (c->flags[i] + 1);
      out->n_levels = 3;
      break;
    default:
      {
        guint m;
        g_autofree double *sorted = sorted_training_values (job, c, &m);
        double edges[NUMBER_BINS];

        for (guint b = 0; b < NUMBER_BINS; b++)
          edges[b] = m ? quantile (sorted, m, (b + 1.0) / NUMBER_BINS) : 0;
        for (guint i = 0; i < n; i++)
          {
            double v = c->values[i];
            guint b = 0;
            if (isnan (v))
              continue;
            while (b + 1 < NUMBER_BINS && v > edges[b])
              b++;
            out->level[i] = b + 1;
          }
        out->n_levels = NUMBER_BINS + 1;
        break;
      }
    }
}

typedef struct
{
  guint  leads;
  guint  won;
} LevelCount;

static int
compare_rates (const void *a,
               const void *b)
{
  const LevelCount *x = a, *y = b;
  /* x.won / x.leads against y.won / y.leads, without dividing */
  double l = (double) x->won * y->leads, r = (double) y->won * x->leads;
  return (l > r) - (l < r);
}

/* The column alone on the training leads: the AUC of its levels' own
 * conversion rates (rare levels pooled), the share of the most common
 * level, and whether near-pure levels (≥ 98 % won) hold most won leads. */
static void
measure_levels (const SuggestJob *job,
                const Levels     *levels,
                double           *auc,
                double           *top_share,
                double           *pure_won_share,
                double           *never_won_share,
                double           *lost_only_share)
{
  g_autofree LevelCount *count = g_new0 (LevelCount, levels->n_levels + 1);
  g_autofree LevelCount *kept = g_new0 (LevelCount, levels->n_levels + 1);
  guint n_kept = 0, top = 0, won = 0, pure_won = 0, never_won = 0;
  double base = (double) job->n_train_won / MAX (job->n_train, 1);
  LevelCount rare = { 0, 0 };
  double pairs = 0, lost_below = 0;

  for (guint k = 0; k < job->n_train; k++)
    {
      guint i = job->train[k];
      count[levels->level[i]].leads++;
      count[levels->level[i]].won += job->label[i] == 1;
    }
  for (guint l = 0; l < levels->n_levels; l++)
    {
      top = MAX (top, count[l].leads);
      won += count[l].won;
      if (count[l].leads >= 10)
        {
          kept[n_kept++] = count[l];
          if (count[l].won >= PURE_RATE * count[l].leads && count[l].leads >= 20)
            pure_won += count[l].won;
          if (l > 0 && count[l].won == 0 && count[l].leads * base >= 5)
            never_won += count[l].leads;
        }
      else
        {
          rare.leads += count[l].leads;
          rare.won += count[l].won;
        }
    }
  if (rare.leads > 0)
    kept[n_kept++] = rare;
  qsort (kept, n_kept, sizeof (LevelCount), compare_rates);

  /* Mann–Whitney over the grouped levels, lowest rate first */
  for (guint l = 0; l < n_kept; l++)
    {
      double lost = kept[l].leads - kept[l].won;
      pairs += kept[l].won * (lost_below + 0.5 * lost);
      lost_below += lost;
    }
  *auc = won > 0 && lost_below > 0 ? pairs / ((double) won * lost_below) : NAN;
  *top_share = job->n_train ? (double) top / job->n_train : 1;
  *pure_won_share = won ? (double) pure_won / won : 0;
  /* Filled in only for leads that were not won: nearly no won lead has a value */
  *lost_only_share = won > 0 && count[0].won >= 0.98 * won && job->n_train > 0
                     ? (double) (job->n_train - count[0].leads) / job->n_train : 0;
  *never_won_share = job->n_train ? (double) never_won / job->n_train : 0;
}

static void
exclude (SuggestJob          *job,
         const char          *name,
         TandemExclusionKind  kind,
         double               auc,
         char                *reason)
{
  TandemExcludedColumn *x = g_new0 (TandemExcludedColumn, 1);

  x->column = g_strdup (name);
  x->kind = kind;
  x->reason = reason;
  x->auc = auc;
  x->included = kind != TANDEM_EXCLUSION_OUTCOME && kind != TANDEM_EXCLUSION_USER &&
                in_list (job->options->include, name);
  g_ptr_array_add (job->excluded, x);
}

/* Whether most leads share one (integer) number: nearly all distinct. */
static gboolean
numbers_look_like_ids (const Column *c,
                       guint         n)
{
  g_autofree double *v = g_new (double, MAX (n, 1));
  guint m = 0, distinct = 0;

  for (guint i = 0; i < n; i++)
    {
      if (isnan (c->values[i]))
        continue;
      if (c->values[i] != floor (c->values[i]))
        return FALSE;
      v[m++] = c->values[i];
    }
  if (m < 50)
    return FALSE;
  qsort (v, m, sizeof (double), compare_doubles);
  for (guint i = 0; i < m; i++)
    distinct += i == 0 || v[i] != v[i - 1];
  return distinct >= 0.95 * m;
}

/* Screens one column or event type; TRUE when it is to be used. */
static gboolean
screen (SuggestJob         *job,
        const TandemColumn *column,
        const char         *name,
        const Column       *c,
        const EventSeries  *e)
{
  guint n = job->probe->n_leads;
  Levels levels = { NULL, 0 };
  double auc, top_share, pure_won, never_won, lost_only;
  gboolean use = TRUE;

  if (in_list (job->options->exclude, name))
    {
      exclude (job, name, TANDEM_EXCLUSION_USER, NAN, g_strdup (_("left out as asked")));
      return FALSE;
    }
  if (column != NULL && g_str_equal (name, job->outcome))
    {
      exclude (job, name, TANDEM_EXCLUSION_OUTCOME, NAN, g_strdup (_("the outcome itself")));
      return FALSE;
    }
  if (column != NULL && g_strcmp0 (column->role, "id") == 0)
    {
      exclude (job, name, TANDEM_EXCLUSION_ID, NAN, g_strdup (_("the lead id")));
      return in_list (job->options->include, name);
    }
  if (c != NULL && c->type == TANDEM_COLUMN_TEXT)
    {
      guint non_null = 0;
      for (guint i = 0; i < n; i++)
        non_null += c->codes[i] != 0;
      if (non_null >= 50 && c->strings->len - 1 >= 0.9 * non_null)
        {
          exclude (job, name, TANDEM_EXCLUSION_ID, NAN,
                   g_strdup_printf (_("id-like: %u different values among %u leads"), c->strings->len - 1, non_null));
          return in_list (job->options->include, name);
        }
    }
  if (c != NULL && c->type == TANDEM_COLUMN_NUMBER && numbers_look_like_ids (c, n))
    {
      exclude (job, name, TANDEM_EXCLUSION_ID, NAN, g_strdup (_("id-like: whole numbers, nearly all different")));
      return in_list (job->options->include, name);
    }

  column_levels (job, c, e, &levels);
  measure_levels (job, &levels, &auc, &top_share, &pure_won, &never_won, &lost_only);
  g_free (levels.level);

  if (top_share >= 0.99)
    {
      g_autofree char *share = g_strdup_printf ("%.1f", 100 * top_share);
      exclude (job, name, TANDEM_EXCLUSION_CONSTANT, auc,
               g_strdup_printf (_("nearly constant: one value for %s %% of the leads"), share));
      use = FALSE;
    }
  else if (!isnan (auc) && auc >= LEAKAGE_AUC)
    {
      exclude (job, name, TANDEM_EXCLUSION_LEAKAGE, auc,
               g_strdup_printf (_("possible leakage: alone it predicts the outcome almost perfectly (AUC %.3f); "
                                  "it is usually filled in after the outcome"), auc));
      use = FALSE;
    }
  else if (pure_won >= 0.5)
    {
      exclude (job, name, TANDEM_EXCLUSION_LEAKAGE, auc,
               g_strdup_printf (_("possible leakage: values that nearly only won leads have (≥ 98 %% won) "
                                  "hold %.0f %% of the won leads"), 100 * pure_won));
      use = FALSE;
    }
  else if (e == NULL && lost_only >= 0.05)
    {
      exclude (job, name, TANDEM_EXCLUSION_LEAKAGE, auc,
               g_strdup_printf (_("possible leakage: filled in for %.0f %% of the leads but (nearly) never for a "
                                  "won one, like a rejection reason entered by sales"), 100 * lost_only));
      use = FALSE;
    }
  else if (never_won >= 0.1)
    {
      exclude (job, name, TANDEM_EXCLUSION_LEAKAGE, auc,
               g_strdup_printf (_("possible leakage: values that no won lead has hold %.0f %% of the leads"), 100 * never_won));
      use = FALSE;
    }
  else if (column != NULL && g_strcmp0 (column->role, "first-touch") == 0)
    {
      exclude (job, name, TANDEM_EXCLUSION_LEAKAGE, auc,
               g_strdup (_("possible leakage: sales's first touch comes after the lead is passed on")));
      use = FALSE;
    }
  else if (column != NULL && column->role != NULL &&
           (g_str_has_prefix (column->role, "stage-date:") || g_str_equal (column->role, "stage")))
    {
      exclude (job, name, TANDEM_EXCLUSION_LEAKAGE, auc,
               g_strdup (g_str_equal (column->role, "stage")
                         ? _("possible leakage: the lead's current stage records how far it got")
                         : _("possible leakage: a stage date is filled in as the lead moves down the funnel")));
      use = FALSE;
    }
  return use || in_list (job->options->include, name);
}

/* ---- Candidates ------------------------------------------------------------- */

static TandemRule *
field_rule (const char   *field,
            TandemRuleOp  op)
{
  TandemRule *r = g_new0 (TandemRule, 1);

  r->field = g_strdup (field);
  r->op = op;
  r->points = 1;
  r->enabled = TRUE;
  return r;
}

static TandemRule *
number_rule (const char   *field,
             TandemRuleOp  op,
             double        value)
{
  TandemRule *r = field_rule (field, op);

  r->numbers[0] = value;
  r->n_numbers = 1;
  return r;
}

static TandemRule *
text_rule (const char   *field,
           TandemRuleOp  op,
           const char   *value)
{
  TandemRule *r = field_rule (field, op);

  r->texts = g_new0 (char *, 2);
  r->texts[0] = g_strdup (value);
  return r;
}

/* Two significant digits: "≥ 940" reads better than "≥ 936.5". */
static double
round_nicely (double v)
{
  double magnitude;

  if (v == 0 || !isfinite (v))
    return v;
  magnitude = pow (10, floor (log10 (fabs (v))) - 1);
  return round (v / magnitude) * magnitude;
}

typedef struct
{
  SuggestJob *job;
  guint64    *train_mask;
  guint64    *won_mask;
  guint       first_of_source;   /* candidates of this source start here */
} Builder;

static guint
count_bits (const guint64 *bits,
            const guint64 *mask,
            guint          n_words)
{
  guint n = 0;

  for (guint w = 0; w < n_words; w++)
    n += (guint) __builtin_popcountll (bits[w] & mask[w]);
  return n;
}

/* Compiles @rule on the probe and keeps it when it is neither rare nor
 * nearly universal, nor the same leads as an earlier one of its source. */
static void
add_candidate (Builder     *b,
               TandemRule  *rule,
               const char  *source,
               gboolean     activity,
               const char  *why,
               double       cap)
{
  SuggestJob *job = b->job;
  TandemScorer *probe = job->probe;
  guint n_words = probe->n_leads / 64 + 1;
  Candidate *c = g_new0 (Candidate, 1);
  const guint64 *bits;

  c->rule = rule;
  c->source = g_strdup (source);
  c->activity = activity;
  c->why = g_strdup (why);
  c->cap = cap;
  c->cr.rule = rule;
  if (rule->field != NULL)
    {
      c->cr.column = tandem_scorer_find_column (probe, rule->field);
      tandem_scorer_compile_field_rule (probe, &c->cr);
    }
  else
    {
      c->cr.events = tandem_scorer_find_events (probe, rule->event);
      tandem_scorer_compile_event_rule (probe, &c->cr);
    }
  bits = c->cr.bits != NULL ? c->cr.bits : c->cr.present;
  c->support = count_bits (bits, b->train_mask, n_words);
  c->support_won = count_bits (bits, b->won_mask, n_words);

  if (c->support < job->min_support || c->support + job->min_support > job->n_train)
    {
      tandem_suggest_candidate_free (c);
      return;
    }
  for (guint k = b->first_of_source; k < job->candidates->len; k++)
    {
      Candidate *other = g_ptr_array_index (job->candidates, k);
      if (c->cr.bits != NULL && other->cr.bits != NULL &&
          memcmp (c->cr.bits, other->cr.bits, n_words * sizeof (guint64)) == 0)
        {
          tandem_suggest_candidate_free (c);
          return;
        }
    }
  g_ptr_array_add (job->candidates, c);
}

static void
add_empty (Builder      *b,
           const char   *name,
           guint         nulls,
           gboolean      activity,
           const char   *why)
{
  double share = (double) nulls / MAX (b->job->n_train, 1);

  if (share >= 0.02 && share <= 0.98)
    add_candidate (b, field_rule (name, TANDEM_OP_EMPTY), name, activity, why, 0);
}

typedef struct
{
  char  *folded;
  char  *value;     /* the most common spelling */
  guint  best;      /* its count */
  guint  count;
} TextValue;

static void
text_value_free (TextValue *v)
{
  g_free (v->folded);
  g_free (v->value);
  g_free (v);
}

static int
compare_text_values (gconstpointer a,
                     gconstpointer b)
{
  const TextValue *x = *(TextValue *const *) a, *y = *(TextValue *const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->folded, y->folded);
}

static void
text_candidates (Builder      *b,
                 const char   *name,
                 const Column *c,
                 gboolean      activity,
                 const char   *why)
{
  SuggestJob *job = b->job;
  g_autofree guint *count = g_new0 (guint, c->strings->len);
  g_autoptr(GHashTable) by_folded = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) text_value_free);

  for (guint k = 0; k < job->n_train; k++)
    count[c->codes[job->train[k]]]++;
  for (guint s = 1; s < c->strings->len; s++)
    {
      g_autofree char *trimmed = NULL;
      g_autofree char *folded = NULL;
      TextValue *v;

      if (count[s] == 0)
        continue;
      trimmed = g_strstrip (g_strdup (g_ptr_array_index (c->strings, s)));
      folded = g_utf8_casefold (trimmed, -1);
      v = g_hash_table_lookup (by_folded, folded);
      if (v == NULL)
        {
          v = g_new0 (TextValue, 1);
          v->folded = g_steal_pointer (&folded);
          g_hash_table_insert (by_folded, v->folded, v);
          g_ptr_array_add (values, v);
        }
      v->count += count[s];
      if (count[s] > v->best || (count[s] == v->best && strcmp (trimmed, v->value) < 0))
        {
          g_free (v->value);
          v->value = g_steal_pointer (&trimmed);
          v->best = count[s];
        }
    }
  g_ptr_array_sort (values, compare_text_values);
  for (guint k = 0; k < MIN (values->len, MAX_TEXT_VALUES); k++)
    {
      TextValue *v = g_ptr_array_index (values, k);
      if (v->count < job->min_support)
        break;
      add_candidate (b, text_rule (name, TANDEM_OP_EQUALS, v->value), name, activity, why, 0);
    }
  add_empty (b, name, count[0], activity, why);
}

static void
number_candidates (Builder      *b,
                   const char   *name,
                   const Column *c,
                   gboolean      activity,
                   const char   *why)
{
  SuggestJob *job = b->job;
  guint m;
  g_autofree double *sorted = sorted_training_values (job, c, &m);
  static const double highs[] = { 0.75, 0.9 }, lows[] = { 0.25, 0.1 };

  if (m > 0)
    {
      for (guint k = 0; k < G_N_ELEMENTS (highs); k++)
        add_candidate (b, number_rule (name, TANDEM_OP_GE, round_nicely (quantile (sorted, m, highs[k]))),
                       name, activity, why, 0);
      for (guint k = 0; k < G_N_ELEMENTS (lows); k++)
        add_candidate (b, number_rule (name, TANDEM_OP_LE, round_nicely (quantile (sorted, m, lows[k]))),
                       name, activity, why, 0);
    }
  add_empty (b, name, job->n_train - m, activity, why);
}

static void
date_candidates (Builder      *b,
                 const char   *name,
                 const Column *c,
                 gboolean      activity,
                 const char   *why)
{
  static const double days[] = { 30, 90, 365 };
  guint nulls = 0;

  for (guint k = 0; k < b->job->n_train; k++)
    nulls += isnan (c->values[b->job->train[k]]);
  for (guint k = 0; k < G_N_ELEMENTS (days); k++)
    add_candidate (b, number_rule (name, TANDEM_OP_WITHIN_DAYS, days[k]), name, activity, why, 0);
  add_empty (b, name, nulls, activity, why);
}

static TandemRule *
event_rule (const char *type)
{
  TandemRule *r = g_new0 (TandemRule, 1);

  r->event = g_strdup (type);
  r->points = 1;
  r->enabled = TRUE;
  return r;
}

static void
event_candidates (Builder           *b,
                  const char        *type,
                  const EventSeries *e)
{
  SuggestJob *job = b->job;
  static const double windows[] = { 30, 90 };
  const char *why = _("an event: what the lead did");

  for (guint k = 0; k < G_N_ELEMENTS (windows); k++)
    {
      TandemRule *r = event_rule (type);
      r->has_within_days = TRUE;
      r->within_days = windows[k];
      r->has_max = TRUE;
      r->max = 1;
      add_candidate (b, r, type, TRUE, why, 1);
    }

  /* Every event, decayed; capped where the busiest 10 % begin */
  {
    TandemRule *r = event_rule (type);
    CompiledRule probe = { r, NULL, (EventSeries *) e, NULL, NULL, NULL, NULL, NULL };
    g_autofree double *f = g_new (double, MAX (job->n_train, 1));
    guint m = 0;
    double cap;

    r->has_half_life = TRUE;
    r->half_life_days = EVENT_HALF_LIFE;
    tandem_scorer_compile_event_rule (job->probe, &probe);
    for (guint k = 0; k < job->n_train; k++)
      {
        double v = tandem_scorer_factor_of (&probe, job->train[k]);
        if (v > 0)
          f[m++] = v;
      }
    g_free (probe.present);
    g_free (probe.rank);
    g_free (probe.factors);
    qsort (f, m, sizeof (double), compare_doubles);
    cap = m ? MAX (1, round (quantile (f, m, 0.9))) : 1;
    r->has_max = TRUE;
    r->max = cap;
    add_candidate (b, r, type, TRUE, why, cap);
  }
}

gboolean
tandem_suggest_build_candidates (SuggestJob  *job,
                                 GError     **error)
{
  TandemScorer *probe = job->probe;
  guint n_words = probe->n_leads / 64 + 1;
  g_autofree guint64 *train_mask = g_new0 (guint64, n_words);
  g_autofree guint64 *won_mask = g_new0 (guint64, n_words);
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (job->store);
  g_autoptr(GPtrArray) types = tandem_store_list_event_types (job->store);
  Builder b = { job, train_mask, won_mask, 0 };

  for (guint k = 0; k < job->n_train; k++)
    {
      tandem_scorer_set_bit (train_mask, job->train[k]);
      if (job->label[job->train[k]] == 1)
        tandem_scorer_set_bit (won_mask, job->train[k]);
    }

  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *column = g_ptr_array_index (columns, k);
      const Column *c = tandem_scorer_find_column (probe, column->name);
      const char *word = activity_word (column->name);
      g_autofree char *why = NULL;
      gboolean activity;

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
        return FALSE;
      if (c == NULL || !screen (job, column, column->name, c, NULL))
        continue;

      if (c->type == TANDEM_COLUMN_DATE && g_strcmp0 (column->role, "created") != 0)
        {
          activity = TRUE;
          why = g_strdup (_("a date: when the lead did something"));
        }
      else if (word != NULL)
        {
          g_autofree char *bare = g_strstrip (g_strdup (word));
          activity = TRUE;
          why = g_strdup_printf (_("its name says activity (“%s”)"), bare);
        }
      else
        {
          activity = FALSE;
          why = g_strdup (_("who the lead is: an attribute"));
        }

      b.first_of_source = job->candidates->len;
      switch (c->type)
        {
        case TANDEM_COLUMN_TEXT:
          text_candidates (&b, column->name, c, activity, why);
          break;
        case TANDEM_COLUMN_NUMBER:
          number_candidates (&b, column->name, c, activity, why);
          break;
        case TANDEM_COLUMN_DATE:
          date_candidates (&b, column->name, c, activity, why);
          break;
        case TANDEM_COLUMN_BOOLEAN:
        default:
          {
            guint nulls = 0;
            for (guint t = 0; t < job->n_train; t++)
              nulls += c->flags[job->train[t]] < 0;
            add_candidate (&b, text_rule (column->name, TANDEM_OP_EQUALS, "yes"), column->name, activity, why, 0);
            add_empty (&b, column->name, nulls, activity, why);
            break;
          }
        }
    }

  for (guint k = 0; k < types->len; k++)
    {
      const char *type = g_ptr_array_index (types, k);
      const EventSeries *e = tandem_scorer_find_events (probe, type);

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
        return FALSE;
      if (e == NULL || !screen (job, NULL, type, NULL, e))
        continue;
      b.first_of_source = job->candidates->len;
      event_candidates (&b, type, e);
    }
  return TRUE;
}
