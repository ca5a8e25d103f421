/* tandem-plan.h — what-if planning: from a revenue goal back to the leads it
 * needs, and forward again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure arithmetic: no GTK, no SQLite.  A plan runs over an ordered list of
 * stages (default Inquiry, MQL, SAL, SQL, Won); rates[i] is the conversion
 * from stages[i] to stages[i + 1], as a fraction in (0, 1].  The last
 * stage's volume is the number of deals.
 *
 * In the input, NAN means "not given" for every optional number.  The
 * result never holds NaN or infinity: what is absent has a has_… flag.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TANDEM_PLAN_ERROR (tandem_plan_error_quark ())

typedef enum
{
  TANDEM_PLAN_ERROR_INVALID,       /* an input is out of range; the message names it */
  TANDEM_PLAN_ERROR_MISSING_RATE,  /* "no rate from MQL to SAL" */
  TANDEM_PLAN_ERROR_UNKNOWN_STAGE, /* a stage name that is not in the plan */
  TANDEM_PLAN_ERROR_IMPOSSIBLE,    /* goal seek: the answer is not a rate */
  TANDEM_PLAN_ERROR_SYNTAX,        /* the JSON form does not parse */
} TandemPlanError;

GQuark tandem_plan_error_quark (void);

#define TANDEM_PLAN_MAX_STAGES 12

/* What a plan can mean; every input outside is refused, naming it:
 *   revenue goal, deal size       more than 0, up to TANDEM_PLAN_MAX_AMOUNT
 *   existing pipeline             0 … TANDEM_PLAN_MAX_AMOUNT
 *   a volume at a stage           more than 0, up to TANDEM_PLAN_MAX_VOLUME
 *   rates, win rate               more than 0, up to 1 (100 %)
 *   marketing share               0 … 1
 *   coverage                      TANDEM_PLAN_MIN_COVERAGE … TANDEM_PLAN_MAX_COVERAGE ×
 *   cost per unit                 0 … TANDEM_PLAN_MAX_COST
 *   lag                           0 … TANDEM_PLAN_MAX_LAG_DAYS days
 *   heads                         0 … TANDEM_PLAN_MAX_HEADS
 *   leads per head a month        more than 0, up to TANDEM_PLAN_MAX_PER_HEAD
 * and a plan whose results would pass TANDEM_PLAN_MAX_RESULT is refused. */
#define TANDEM_PLAN_MAX_AMOUNT    1e13
#define TANDEM_PLAN_MAX_VOLUME    1e9
#define TANDEM_PLAN_MIN_COVERAGE  1.0
#define TANDEM_PLAN_MAX_COVERAGE  100.0
#define TANDEM_PLAN_MAX_COST      1e9
#define TANDEM_PLAN_MAX_LAG_DAYS  3650.0
#define TANDEM_PLAN_MAX_HEADS     10000.0
#define TANDEM_PLAN_MAX_PER_HEAD  1e6
#define TANDEM_PLAN_MAX_RESULT    1e15

typedef enum
{
  TANDEM_PLAN_FROM_REVENUE,  /* revenue goal ÷ deal size = deals, then up */
  TANDEM_PLAN_FROM_TARGET,   /* a volume at one stage: up by division, down by multiplication */
  TANDEM_PLAN_FORWARD,       /* a volume at one stage × the rates; stages above it are left out */
} TandemPlanMode;

typedef enum
{
  TANDEM_PLAN_ROUNDING_EXACT,  /* fractions carried */
  TANDEM_PLAN_ROUNDING_CEIL,   /* rounded up at every stage */
  TANDEM_PLAN_ROUNDING_ROUND,  /* rounded to the nearest at every stage */
} TandemPlanRounding;

typedef enum
{
  TANDEM_PLAN_PERIOD_MONTH,
  TANDEM_PLAN_PERIOD_QUARTER,
  TANDEM_PLAN_PERIOD_YEAR,
} TandemPlanPeriod;

const char *tandem_plan_rounding_to_string   (TandemPlanRounding  rounding);
gboolean    tandem_plan_rounding_from_string (const char         *str,
                                              TandemPlanRounding *out);
const char *tandem_plan_period_to_string     (TandemPlanPeriod    period);
gboolean    tandem_plan_period_from_string   (const char         *str,
                                              TandemPlanPeriod   *out);
/* 1, 3 or 12 */
guint       tandem_plan_period_months        (TandemPlanPeriod    period);

/* A team that works one stage: heads × leads each can work per month.
 * heads 0 (the default) means "not checked".                           */
typedef struct
{
  guint  stage;
  double heads;
  double per_head_month;
} TandemPlanTeam;

typedef struct
{
  guint               n_stages;                              /* 2 … TANDEM_PLAN_MAX_STAGES */
  char               *stages[TANDEM_PLAN_MAX_STAGES];
  double              rates[TANDEM_PLAN_MAX_STAGES - 1];     /* NAN: missing */

  TandemPlanMode      mode;
  double              revenue;         /* FROM_REVENUE: the goal */
  double              deal_size;       /* FROM_REVENUE: required; otherwise optional (gives revenue) */
  guint               anchor_stage;    /* FROM_TARGET, FORWARD: the stage … */
  double              anchor_volume;   /* … and its volume */

  TandemPlanRounding  rounding;
  double              win_rate;        /* fraction; NAN: the last rate */
  double              coverage;        /* multiple of quota; NAN: 1 ÷ win rate */
  double              pipeline;        /* existing open pipeline, money; NAN: unknown */
  double              marketing_share; /* fraction of each stage that marketing sources; NAN: no split */
  double              cost_per[TANDEM_PLAN_MAX_STAGES];   /* money per unit at a stage; NAN: none */
  TandemPlanPeriod    period;
  double              lag_days[TANDEM_PLAN_MAX_STAGES - 1]; /* days from stages[i] to stages[i + 1] */
  TandemPlanTeam      sdr;             /* default stage: 1 (MQL) */
  TandemPlanTeam      ae;              /* default stage: the one before the last (SQL) */
  char                currency[4];     /* ISO 4217 code of the amounts; "": not said (the workspace's) */
} TandemPlanInput;

/* The default stages, every rate missing, every option unset, FROM_REVENUE. */
TandemPlanInput *tandem_plan_input_new            (void);
TandemPlanInput *tandem_plan_input_copy           (const TandemPlanInput *input);
void             tandem_plan_input_free           (TandemPlanInput       *input);
/* Replaces the stages (2 … TANDEM_PLAN_MAX_STAGES distinct, non-empty names);
 * rates, costs and lags are reset, the teams go to their default stages. */
gboolean         tandem_plan_input_set_stages     (TandemPlanInput       *input,
                                                   const char *const     *names,
                                                   GError               **error);
/* Case-insensitive; TANDEM_PLAN_ERROR_UNKNOWN_STAGE names it and lists the stages. */
gboolean         tandem_plan_input_find_stage     (const TandemPlanInput *input,
                                                   const char            *name,
                                                   guint                 *out_index,
                                                   GError               **error);
/* Every check the calculation makes on its input, without calculating. */
gboolean         tandem_plan_input_validate       (const TandemPlanInput *input,
                                                   GError               **error);
/* The JSON form (the one a saved scenario keeps), and back.  Reading is
 * strict: unknown keys, values of the wrong kind and numbers no plan can
 * hold (negative, or past the bounds above) are refused; what a form not
 * filled in yet leaves missing or 0 is read, and refused when calculated. */
char            *tandem_plan_input_to_json        (const TandemPlanInput *input);
TandemPlanInput *tandem_plan_input_new_from_json  (const char            *json,
                                                   gssize                 length,
                                                   GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPlanInput, tandem_plan_input_free)

/* ---- Result ---------------------------------------------------------------- */

typedef struct
{
  char     *name;
  double    exact;        /* with no rounding anywhere */
  double    unrounded;    /* from the neighbour's committed volume, before this stage's rounding */
  double    volume;       /* what the rounding mode commits to (= exact in exact mode) */
  double    rate;         /* to the next stage; 0 for the last */
  gboolean  has_split;
  double    marketing;    /* marketing-sourced part of volume (rounded like it) */
  double    other;        /* volume - marketing */
  gboolean  has_cost;
  double    cost;         /* volume × cost per unit */
} TandemPlanStage;

typedef struct
{
  int    month;                            /* 0: the period's first month; negative: before it */
  double volumes[TANDEM_PLAN_MAX_STAGES];  /* per result stage: what must arrive that month */
} TandemPlanMonth;

typedef struct
{
  const char *role;               /* "SDR" or "AE" */
  guint       stage;              /* index into the result's stages */
  double      required_per_month;
  double      capacity_per_month;
  double      heads;
  double      heads_needed;
  gboolean    exceeded;
} TandemPlanCapacity;

typedef struct
{
  char   *label;          /* "MQL→SAL rate +1 pt", "deal size +10 %" */
  double  deals_change;
  double  revenue_change; /* 0 without a deal size */
} TandemPlanSensitivity;

typedef struct
{
  gatomicrefcount     ref_count;
  TandemPlanMode      mode;
  TandemPlanRounding  rounding;
  TandemPlanPeriod    period;

  guint               first_stage;   /* index in the input of stages[0] (> 0 only forward) */
  guint               n_stages;
  TandemPlanStage     stages[TANDEM_PLAN_MAX_STAGES];
  guint               anchor;        /* index in stages[] of the value the plan starts from */

  double              deals_exact;
  double              deals;          /* committed: the last stage's volume */
  gboolean            has_revenue;
  double              revenue_goal;   /* FROM_REVENUE: the goal; otherwise = revenue */
  double              deal_size;
  double              revenue;        /* committed deals × deal size */
  double              overall_conversion;  /* deals ÷ first stage, = product of the rates */

  gboolean            has_coverage;
  struct {
    double   win_rate;
    double   quota;
    double   required;        /* multiple of quota */
    double   pipeline_needed; /* quota × required */
    gboolean has_current;
    double   pipeline;
    double   current;         /* pipeline ÷ quota */
    double   gap;             /* pipeline still to build, ≥ 0 */
  } coverage;

  gboolean            has_cost;
  struct {
    double   budget;
    gboolean has_cac;
    double   cac;             /* budget ÷ committed deals */
    gboolean has_roi;
    double   roi;             /* (revenue - budget) ÷ budget */
  } cost;

  gboolean            has_split;
  double              marketing_share;

  guint               period_months;
  GArray             *schedule;      /* TandemPlanMonth, by month */
  GArray             *capacity;      /* TandemPlanCapacity, the teams that are checked */
  GPtrArray          *warnings;      /* char *, one per exceeded capacity */
  GArray             *sensitivity;   /* TandemPlanSensitivity, largest impact first */

  gboolean            has_range;
  guint64             range_trials;  /* the first stage's committed volume */
  double              range_p;       /* overall conversion */
  guint64             range_lo;      /* 10th percentile of Binomial(trials, p) */
  guint64             range_hi;      /* 90th percentile */
} TandemPlanResult;

#define TANDEM_TYPE_PLAN_RESULT (tandem_plan_result_get_type ())
GType             tandem_plan_result_get_type (void) G_GNUC_CONST;

/* Validates, then calculates; NULL and a message naming the input on error. */
TandemPlanResult *tandem_plan_calculate       (const TandemPlanInput  *input,
                                               GError                **error);
TandemPlanResult *tandem_plan_result_ref      (TandemPlanResult       *result);
void              tandem_plan_result_unref    (TandemPlanResult       *result);

/* The arithmetic in plain words, one step per string, from the goal up (or
 * the anchor down): "$2000000 ÷ $75000 = 26.7 deals", "26.7 ÷ 20 % close
 * rate = 133.3 SQL", …, amounts in @currency (an ISO 4217 code) and numbers
 * the locale's way (tandem-format.h); NULL or an unknown code writes the
 * amounts as bare numbers.                                                */
GStrv             tandem_plan_explain_steps   (const TandemPlanResult *result,
                                               const char             *currency);

/* Goal seek: the rate @rate_index (stages[i] → stages[i + 1]) must take to
 * turn @volume at @stage into the input's goal (its revenue, or its anchor
 * volume), the other rates as given; the rate being solved may be missing.
 * Exact arithmetic.  TANDEM_PLAN_ERROR_IMPOSSIBLE when it would exceed 100 %. */
gboolean          tandem_plan_goal_seek_rate  (const TandemPlanInput  *input,
                                               guint                   rate_index,
                                               guint                   stage,
                                               double                  volume,
                                               double                 *out_rate,
                                               GError                **error);

/* Lower and upper 10 % points of Binomial(@trials, @p), computed exactly
 * (no sampling): P(lo ≤ X ≤ hi) ≥ 80 %.  FALSE when trials is too large. */
gboolean          tandem_plan_binomial_range  (guint64                 trials,
                                               double                  p,
                                               guint64                *out_lo,
                                               guint64                *out_hi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPlanResult, tandem_plan_result_unref)

/* ---- As JSON (tandem-plan-json.c) ---------------------------------------- */

/* The result (stages, deals, revenue, coverage, cost, range, schedule,
 * capacity, warnings, sensitivity), @steps (tandem_plan_explain_steps())
 * and the input as a scenario keeps it; "currency" when the input says
 * which (input->currency; the amounts stay plain numbers).  @solved_rate is the index of the
 * rate goal seek solved (tandem_plan_goal_seek_rate(), written into
 * input->rates), or -1.                                                  */
JsonNode         *tandem_plan_result_to_json  (const TandemPlanInput  *input,
                                               const TandemPlanResult *result,
                                               const char *const      *steps,
                                               int                     solved_rate);

G_END_DECLS
