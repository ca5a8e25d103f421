/* tandem-scorer.h — scoring leads with a model, explainably
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scorer copies the columns and event types a model uses into memory,
 * one array per column (text interned to integer codes), then resolves
 * every rule once: a text condition is decided once per distinct value,
 * not once per lead.  Each rule keeps its per-lead result — a bitset for a
 * yes/no condition, a factor for “times” and event rules — so changing a
 * rule's points rescores without evaluating any condition again.
 *
 * Dates are days since 1970-01-01 (UTC, fractions for times of day).  The
 * as-of moment is the end of the as-of day: an event on that day is 0 to 1
 * day old.  Events after the as-of moment are not counted.
 */
#pragma once

#include "tandem-model.h"

G_BEGIN_DECLS

typedef struct _TandemScorer TandemScorer;

typedef struct
{
  double  fit;
  double  interest;
  guint   fit_band;       /* 0 = A */
  guint   interest_band;  /* 0 = 1 */
  gboolean mql;
} TandemScore;

/* Loads what @model needs from @store and scores every lead as of
 * @as_of (NULL: today, UTC).  The model is validated against the store
 * first; its message names the JSON path of any mistake.               */
TandemScorer *tandem_scorer_new             (TandemStore       *store,
                                             TandemModel       *model,
                                             const GDate       *as_of,
                                             GCancellable      *cancellable,
                                             GError           **error);
void          tandem_scorer_free            (TandemScorer      *self);

guint         tandem_scorer_get_n_leads     (const TandemScorer *self);
/* The lead's id as imported. */
const char   *tandem_scorer_get_key         (const TandemScorer *self,
                                             guint               lead);
/* The index of a lead by its imported id, or -1. */
int           tandem_scorer_find_lead       (const TandemScorer *self,
                                             const char         *key);
/* The index of a lead by its row in the workspace (the id a lead list
 * holds), or -1. */
int           tandem_scorer_find_row        (const TandemScorer *self,
                                             gint64              rowid);
/* The row of lead @lead in the workspace; rows ascend with the index. */
gint64        tandem_scorer_get_row         (const TandemScorer *self,
                                             guint               lead);
void          tandem_scorer_get_score       (const TandemScorer *self,
                                             guint               lead,
                                             TandemScore        *out);
/* "B2" */
char         *tandem_scorer_dup_grade       (const TandemScorer *self,
                                             guint               lead);

/* Whether rule @rule of @dimension fires for @lead (false for a disabled rule). */
gboolean      tandem_scorer_rule_fired      (const TandemScorer *self,
                                             TandemDimension     dimension,
                                             guint               rule,
                                             guint               lead);
/* The scorer's own copy of the model. */
TandemModel  *tandem_scorer_get_model       (const TandemScorer *self);

/* Leads per cell of the matrix for these thresholds and MQL cells (a
 * model's), from the current scores; returns the number of MQLs.        */
guint         tandem_scorer_count_matrix    (const TandemScorer *self,
                                             const TandemModel  *bands,
                                             guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS]);
/* The same, with the won leads per cell (zeros without outcomes). */
guint         tandem_scorer_count_matrix_won (const TandemScorer *self,
                                              const TandemModel  *bands,
                                              guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
                                              guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS]);

/* Leads that are MQL under (@a, @a_bands) but not under (@b, @b_bands),
 * and the other way round.  Both scorers must have read one workspace. */
void          tandem_scorer_diff_mql        (const TandemScorer *a,
                                             const TandemModel  *a_bands,
                                             const TandemScorer *b,
                                             const TandemModel  *b_bands,
                                             guint              *entering,
                                             guint              *leaving);

/* Reads the outcome column (won = 1), if the workspace has one, so that
 * conversion can be counted per cell and per rule. */
gboolean      tandem_scorer_load_outcomes   (TandemScorer      *self,
                                             TandemStore       *store,
                                             GError           **error);
gboolean      tandem_scorer_has_outcomes    (const TandemScorer *self);
guint         tandem_scorer_get_n_won       (const TandemScorer *self);
gboolean      tandem_scorer_lead_won        (const TandemScorer *self,
                                             guint               lead);
/* How many leads a rule touches (fires for, or has a non-zero factor),
 * and how many of those were won — whether the rule is on or not. */
void          tandem_scorer_rule_stats      (const TandemScorer *self,
                                             TandemDimension     dimension,
                                             guint               rule,
                                             guint              *matched,
                                             guint              *matched_won);

#define TANDEM_SCORER_BINS 256
/* The distribution of one dimension's (clamped) scores: bin k covers
 * [lo + k × width, lo + (k + 1) × width). */
void          tandem_scorer_get_distribution (const TandemScorer *self,
                                              TandemDimension     dimension,
                                              guint32             counts[TANDEM_SCORER_BINS],
                                              double             *lo,
                                              double             *width);

/* Bytes the scorer holds: the columnar copy of the data it read, and what
 * it derived (per-rule results, scores). */
void          tandem_scorer_get_memory      (const TandemScorer *self,
                                             gsize              *data_bytes,
                                             gsize              *derived_bytes);

/* Changes one rule's points and rescores from the kept per-rule results,
 * without evaluating any condition. */
void          tandem_scorer_set_points      (TandemScorer      *self,
                                             TandemDimension    dimension,
                                             guint              rule,
                                             double             points);

/* Turns a rule on or off, rescoring from the kept results. */
void          tandem_scorer_set_enabled     (TandemScorer      *self,
                                             TandemDimension    dimension,
                                             guint              rule,
                                             gboolean           enabled);
/* A dimension's floor and cap (the sums are kept; only the clamp moves). */
void          tandem_scorer_set_limits      (TandemScorer      *self,
                                             TandemDimension    dimension,
                                             gboolean           has_floor,
                                             double             floor_,
                                             gboolean           has_cap,
                                             double             cap);
/* Takes @bands' thresholds and MQL cells as the scorer's own (grades in
 * get_score() and explanations follow them). */
void          tandem_scorer_set_bands       (TandemScorer      *self,
                                             const TandemModel *bands);

/* Every rule that fired for a lead, with the points it gave (after decay
 * and max) and the value that made it fire, then any clamping, e.g.
 *   fit 35 (B): +20 Job Title contains VP (“VP of Sales”); +15 …
 * One line per dimension.  Caller frees. */
char         *tandem_scorer_explain         (const TandemScorer *self,
                                             guint               lead);

/* The parts of an explanation, for the app and --json. */
typedef struct
{
  TandemDimension  dimension;
  guint            rule;       /* index in the dimension's rules */
  double           points;     /* what it gave this lead */
  char            *value;      /* the lead's value that made it fire (event rules: "3 events") */
  char            *label;      /* the rule's label, or a sentence made from it */
} TandemContribution;

void          tandem_contribution_clear     (TandemContribution *c);
/* Element type TandemContribution. */
GArray       *tandem_scorer_explain_lead    (const TandemScorer *self,
                                             guint               lead);

/* Every lead as CSV: the header id,fit,interest,grade,mql, then a row a
 * lead (two decimals, a decimal point in any locale, 1 or 0); an id a
 * spreadsheet would run as a formula is written as text. */
void          tandem_scorer_append_csv      (const TandemScorer *self,
                                             GString            *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemScorer, tandem_scorer_free)

/* Every lead's id, fit and interest (doubles, full precision), grade and
 * mql, in the scorer's order (tandem-scorer-json.c). */
JsonNode     *tandem_scorer_to_json         (const TandemScorer *self);

G_END_DECLS
