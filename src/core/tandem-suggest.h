/* tandem-suggest.h — a scoring model suggested from outcomes, back-tested
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From the workspace's columns and events, tandem_suggest_run() builds
 * candidate conditions a marketer can read (each frequent value of a text
 * column, quantile ranges of a number column, yes/no, empty, recent dates,
 * event counts with the engine's decay), fits an L1-then-L2 regularised
 * logistic regression (liblinear) on a seeded training split, turns the
 * coefficients into whole points on one scale for both dimensions, and
 * chooses bands and MQL cells from the training leads.  The result is an
 * ordinary TandemModel — what the app edits and `rules import` reads — with
 * per-rule support and lift, the guessed dimension and why, the columns
 * left out and why, and a back-test on the holdout the fit never saw (for
 * the suggestion and for the workspace's live model).
 *
 * The split: a lead is in the holdout when a hash of the seed and its
 * imported id falls below the holdout fraction (tandem_suggest_in_holdout),
 * so the same seed gives the same split, and the same model byte for byte.
 *
 * Outcomes: a yes/no column (empty counts as not won, as elsewhere in the
 * app), or a text column whose values read as outcomes ("Won", "Lost",
 * "Closed Won", 1/0…) — leads whose value reads as neither (an open deal)
 * are left out of the fit and the back-test — or a date column (a won
 * date: won when filled in).
 *
 * tandem_suggest_run() may run in a worker thread (GTask): give it the
 * connection from tandem_store_dup_for_thread(); the progress callback is
 * then called in that thread.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tandem-model.h"

G_BEGIN_DECLS

#define TANDEM_SUGGEST_ERROR (tandem_suggest_error_quark ())

typedef enum
{
  TANDEM_SUGGEST_ERROR_NO_OUTCOME,      /* no outcome column, and none named */
  TANDEM_SUGGEST_ERROR_NOT_OUTCOME,     /* the column is not yes/no-like */
  TANDEM_SUGGEST_ERROR_TOO_FEW,         /* too few won or lost leads to fit */
  TANDEM_SUGGEST_ERROR_INVALID,         /* an option is out of range, or names an unknown column */
  TANDEM_SUGGEST_ERROR_NO_CANDIDATES,   /* nothing left to build a condition from */
} TandemSuggestError;

GQuark tandem_suggest_error_quark (void);

typedef enum
{
  /* The cells whose training conversion is at least rate_multiple × the
   * base rate (capped at halfway from the base rate to 100 %). */
  TANDEM_SUGGEST_MQL_RATE,
  /* The best-converting cells holding about top_share of the leads. */
  TANDEM_SUGGEST_MQL_TOP_SHARE,
} TandemSuggestMqlMode;

/* The least won and the least lost training leads a fit needs. */
#define TANDEM_SUGGEST_MIN_CLASS 10
#define TANDEM_SUGGEST_MAX_RULES 100

typedef struct
{
  const char            *outcome;        /* a column's name; NULL: the outcome role, else a stage column
                                            whose values read as won/lost */
  double                 holdout;        /* (0, 1); default 0.3 */
  guint64                seed;           /* default 1 */
  guint                  max_rules;      /* 1 … TANDEM_SUGGEST_MAX_RULES; default 30 */
  const char *const     *include;        /* NULL-terminated column names or event types used even when
                                            flagged (leakage, id-like…); NULL: none */
  const char *const     *exclude;        /* never used; NULL: none */
  TandemSuggestMqlMode   mql_mode;       /* default TANDEM_SUGGEST_MQL_RATE */
  double                 mql_rate_multiple; /* default 2 */
  double                 mql_top_share;  /* (0, 1]; default 0.2 */
  const GDate           *as_of;          /* dates and events are aged from it; NULL: today (UTC) */
  const char            *name;           /* the model's name; NULL: "Suggested from OUTCOME" */
} TandemSuggestOptions;

/* Fills @options with the defaults above. */
void        tandem_suggest_options_init (TandemSuggestOptions *options);

/* Whether the lead with imported id @key is in the holdout for @seed and
 * @holdout: splitmix64 (seed XOR FNV-1a 64 of the id) / 2^64 < holdout. */
gboolean    tandem_suggest_in_holdout   (const char *key,
                                         guint64     seed,
                                         double      holdout);

/* Called in the thread running the suggestion: @fraction 0 … 1 and what
 * is being done, translated ("Reading the leads"). */
typedef void (*TandemSuggestProgressFunc) (double      fraction,
                                           const char *what,
                                           gpointer    user_data);

typedef struct _TandemSuggestion TandemSuggestion;

#define TANDEM_TYPE_SUGGESTION (tandem_suggestion_get_type ())
GType             tandem_suggestion_get_type (void) G_GNUC_CONST;

/* Reads the workspace (never writes it).  @options NULL: the defaults. */
TandemSuggestion *tandem_suggest_run          (TandemStore                 *store,
                                               const TandemSuggestOptions  *options,
                                               GCancellable                *cancellable,
                                               TandemSuggestProgressFunc    progress,
                                               gpointer                     user_data,
                                               GError                     **error);
TandemSuggestion *tandem_suggestion_ref       (TandemSuggestion *self);
void              tandem_suggestion_unref     (TandemSuggestion *self);

/* The proposed model: rules with points in fit and interest, bands, MQL
 * cells.  The suggestion's own; copy it to edit it. */
TandemModel      *tandem_suggestion_get_model   (TandemSuggestion *self);
/* The outcome column used. */
const char       *tandem_suggestion_get_outcome (TandemSuggestion *self);

typedef struct
{
  guint    support;          /* training leads the rule touches */
  guint    support_won;      /* of those, won */
  double   lift;             /* their conversion ÷ the training base rate (NAN if no support) */
  double   coefficient;      /* the fitted log-odds per unit of the condition */
  gboolean activity;         /* guessed interest (what the lead did) rather than fit */
  char    *why;              /* why that dimension, translated: "an event", "its name says activity (“visits”)" */
  char    *source;           /* the column or event type it was built from */
} TandemSuggestedRule;

/* Rule @index of @dimension in the model, as fitted. */
const TandemSuggestedRule *tandem_suggestion_get_rule (TandemSuggestion *self,
                                                       TandemDimension   dimension,
                                                       guint             index);

typedef struct
{
  guint  leads;              /* holdout leads with an outcome */
  guint  won;
  double base_rate;          /* won ÷ leads */
  double auc;                /* of fit + interest; ties count a half */
  double top_decile_lift;    /* conversion of the best-scored 10 % ÷ base rate (ties shared out) */
  guint  mql;                /* holdout leads in MQL cells */
  guint  mql_won;
  double mql_share;          /* mql ÷ leads */
  double mql_conversion;     /* mql_won ÷ mql (NAN without MQLs) */
} TandemBacktest;

/* On the holdout: the suggestion's figures, and the live model's (NULL
 * when the workspace has no live model, or it no longer fits the data). */
const TandemBacktest *tandem_suggestion_get_backtest      (TandemSuggestion *self);
const TandemBacktest *tandem_suggestion_get_live_backtest (TandemSuggestion *self);
/* The live model's name, or NULL. */
const char           *tandem_suggestion_get_live_name     (TandemSuggestion *self);

typedef enum
{
  TANDEM_EXCLUSION_OUTCOME,    /* the outcome itself */
  TANDEM_EXCLUSION_ID,         /* the lead id, or nearly every value distinct */
  TANDEM_EXCLUSION_CONSTANT,   /* one value (or empty) for nearly every lead */
  TANDEM_EXCLUSION_LEAKAGE,    /* predicts the outcome almost perfectly on its own */
  TANDEM_EXCLUSION_USER,       /* --exclude */
} TandemExclusionKind;

typedef struct
{
  char                *column;   /* a column's name, or an event type */
  TandemExclusionKind  kind;
  char                *reason;   /* translated, with the figure: "alone it predicts the outcome (AUC 0.99)…" */
  double               auc;      /* the column alone on the training leads (NAN when not measured) */
  gboolean             included; /* flagged, but used because the options include it */
} TandemExcludedColumn;

/* Element type TandemExcludedColumn, in the workspace's column order
 * (event types last). */
GPtrArray        *tandem_suggestion_get_excluded (TandemSuggestion *self);

/* The split: seed, holdout fraction and how many leads fell on each side
 * (leads without an outcome on neither). */
void              tandem_suggestion_get_split    (TandemSuggestion *self,
                                                  guint64          *seed,
                                                  double           *holdout,
                                                  guint            *n_train,
                                                  guint            *n_holdout);
/* Candidate conditions built, before the fit chose among them. */
guint             tandem_suggestion_get_n_candidates (TandemSuggestion *self);

/* ---- As JSON and CSV (tandem-suggest-json.c) ----------------------------- */

/* { "outcome", "split": {seed, holdout, rule, train, holdout_leads},
 *   "model": MODEL, "rules": [{dimension, index, sentence, points, support,
 *   support_won, lift, coefficient, why, source}…], "backtest": {"suggested": …,
 *   "live": … or null, "live_name"}, "excluded": [{column, kind, reason, auc,
 *   included}…], "candidates": N } */
JsonNode         *tandem_suggestion_to_json      (TandemSuggestion *self);
/* Every lead with an outcome: id, split (train/holdout), won (1/0), then
 * one column per candidate condition (its value for the lead: 1/0, or the
 * capped event factor), headed by the condition in words — the exact
 * features the fit saw, for comparing with another tool. */
void              tandem_suggestion_append_features_csv (TandemSuggestion *self,
                                                         GString          *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSuggestion, tandem_suggestion_unref)

G_END_DECLS
