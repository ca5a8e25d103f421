/* tandem-model.h — a two-dimensional lead-scoring model and its JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "name": "Default B2B",
 *   "fit":      { "floor": 0, "cap": 100, "bands": [60, 40, 20], "rules": [RULE, …] },
 *   "interest": { "bands": [50, 25, 10], "rules": [RULE, …] },
 *   "mql": ["A1", "A2", "B1"] }
 *
 * A field rule:  {"field": "Job Title", "op": "contains", "value": ["VP", "Director"],
 *                 "points": 20, "max": 40, "label": "…", "case_sensitive": false}
 * An event rule: {"event": "demo_request", "points": 20, "max": 40,
 *                 "within_days": 90, "half_life_days": 30, "label": "…"}
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_MODEL_ERROR (tandem_model_error_quark ())

typedef enum
{
  TANDEM_MODEL_ERROR_SYNTAX,   /* not JSON */
  TANDEM_MODEL_ERROR_INVALID,  /* JSON, but not a valid model; the message starts with the JSON path */
} TandemModelError;

GQuark tandem_model_error_quark (void);

typedef enum
{
  TANDEM_DIMENSION_FIT,
  TANDEM_DIMENSION_INTEREST,
} TandemDimension;

#define TANDEM_N_DIMENSIONS 2
#define TANDEM_MAX_THRESHOLDS 5
#define TANDEM_MAX_BANDS (TANDEM_MAX_THRESHOLDS + 1)

/* The ranges of a model's numbers; reading refuses the rest, naming the
 * JSON path ("fit.rules[3].points: 2e7 is out of range (at most ±1000000)"). */
#define TANDEM_MODEL_MAX_POINTS 1e6    /* a rule's points and max */
#define TANDEM_MODEL_MAX_SCORE  1e9    /* floor, cap, bands */
#define TANDEM_MODEL_MAX_VALUE  1e15   /* a number a rule compares with */
#define TANDEM_MODEL_MAX_DAYS   36500  /* within_days, half_life_days, within-days */

typedef enum
{
  TANDEM_OP_EQUALS,
  TANDEM_OP_NOT_EQUALS,
  TANDEM_OP_IN,
  TANDEM_OP_NOT_IN,
  TANDEM_OP_CONTAINS,
  TANDEM_OP_STARTS_WITH,
  TANDEM_OP_ENDS_WITH,
  TANDEM_OP_MATCHES,
  TANDEM_OP_EMPTY,
  TANDEM_OP_NOT_EMPTY,
  TANDEM_OP_LT,
  TANDEM_OP_LE,
  TANDEM_OP_GT,
  TANDEM_OP_GE,
  TANDEM_OP_BETWEEN,
  TANDEM_OP_WITHIN_DAYS,
  TANDEM_OP_TIMES,
  TANDEM_N_OPS
} TandemRuleOp;

const char *tandem_rule_op_to_string   (TandemRuleOp  op);
gboolean    tandem_rule_op_from_string (const char   *str,
                                        TandemRuleOp *out_op);

typedef struct
{
  /* Exactly one of field and event is set. */
  char          *field;
  char          *event;

  /* Field rules */
  TandemRuleOp   op;
  GStrv          texts;          /* equals, not-equals, in, not-in, contains, starts-with,
                                    ends-with, matches; a list or one value */
  gboolean       value_is_list;  /* written back as a list */
  double         numbers[2];     /* <, <=, >, >=, equals on numbers; between [lo, hi];
                                    within-days */
  guint          n_numbers;
  gboolean       case_sensitive;

  /* Both */
  double         points;
  gboolean       has_max;
  double         max;
  char          *label;
  gboolean       enabled;

  /* Event rules */
  gboolean       has_within_days;
  double         within_days;
  gboolean       has_half_life;
  double         half_life_days;
} TandemRule;

TandemRule *tandem_rule_copy (const TandemRule *rule);
/* One rule as in a model's "rules" list; errors name "rule.<key>". */
TandemRule *tandem_rule_new_from_json (const char        *json,
                                       GError           **error);
char       *tandem_rule_to_json       (const TandemRule  *rule);
void        tandem_rule_free (TandemRule       *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemRule, tandem_rule_free)

typedef struct
{
  gboolean   has_floor;
  double     floor;
  gboolean   has_cap;
  double     cap;
  double     thresholds[TANDEM_MAX_THRESHOLDS];  /* descending */
  guint      n_thresholds;                       /* 1 … 5: 2 … 6 bands */
  GPtrArray *rules;                              /* TandemRule */
} TandemDimensionSpec;

typedef struct _TandemModel TandemModel;

#define TANDEM_TYPE_MODEL (tandem_model_get_type ())
GType        tandem_model_get_type       (void) G_GNUC_CONST;

TandemModel *tandem_model_new            (const char   *name);
TandemModel *tandem_model_new_from_json  (const char   *json,
                                          gssize        length,
                                          GError      **error);
TandemModel *tandem_model_new_from_file  (const char   *path,
                                          GError      **error);
TandemModel *tandem_model_copy           (const TandemModel *self);
TandemModel *tandem_model_ref            (TandemModel  *self);
void         tandem_model_unref          (TandemModel  *self);

char        *tandem_model_to_json        (const TandemModel *self);

const char  *tandem_model_get_name       (const TandemModel *self);
void         tandem_model_set_name       (TandemModel  *self,
                                          const char   *name);
TandemDimensionSpec *tandem_model_get_dimension (TandemModel     *self,
                                                 TandemDimension  dimension);

/* Bands: fit letters A…, interest digits 1…; a cell is letter + digit. */
guint        tandem_model_get_n_bands    (const TandemModel *self,
                                          TandemDimension    dimension);
/* The band (0 = best) of a score. */
guint        tandem_model_band_of        (const TandemModel *self,
                                          TandemDimension    dimension,
                                          double             score);
gboolean     tandem_model_is_mql_cell    (const TandemModel *self,
                                          guint              fit_band,
                                          guint              interest_band);
void         tandem_model_set_mql_cell   (TandemModel  *self,
                                          guint         fit_band,
                                          guint         interest_band,
                                          gboolean      mql);
/* "B2" for (1, 1); caller frees. */
char        *tandem_model_cell_name      (guint         fit_band,
                                          guint         interest_band);

/* Checks the model against a workspace: every field is a column, every
 * event type occurs, every value fits its column's type.  The message
 * starts with the JSON path (“fit.rules[3].field: …”).                    */
gboolean     tandem_model_validate       (const TandemModel *self,
                                          TandemStore       *store,
                                          GError           **error);

/* ---- Models in a workspace ---------------------------------------------
 * A workspace keeps several models by name; at most one is live.        */

/* Saves (inserts or replaces by name); @live makes it the live model. */
gboolean     tandem_model_save           (const TandemModel *self,
                                          TandemStore       *store,
                                          gboolean           live,
                                          GError           **error);
/* The same, inside a transaction the caller holds. */
gboolean     tandem_model_insert         (const TandemModel *self,
                                          TandemStore       *store,
                                          gboolean           live,
                                          GError           **error);
/* NULL @name: the live model.  A missing model is TANDEM_STORE_ERROR_NOT_FOUND. */
TandemModel *tandem_model_load           (TandemStore       *store,
                                          const char        *name,
                                          GError           **error);
/* Checks one rule against a workspace, as tandem_model_validate() does. */
gboolean     tandem_rule_validate        (const TandemRule  *rule,
                                          TandemStore       *store,
                                          GError           **error);
/* Deleting a model that is not there is not an error. */
gboolean     tandem_model_delete         (TandemStore       *store,
                                          const char        *name,
                                          GError           **error);
/* Whether two models have the same rules but for points and on/off (a
 * scorer of one follows the other without compiling). */
gboolean     tandem_model_same_rules     (const TandemModel *a,
                                          const TandemModel *b);
/* Everything equal but the name. */
gboolean     tandem_model_equal          (const TandemModel *a,
                                          const TandemModel *b);

typedef struct
{
  char     *name;
  gboolean  live;
  char     *modified_at;
} TandemModelInfo;

void         tandem_model_info_free      (TandemModelInfo   *info);
/* Element type TandemModelInfo, by name. */
GPtrArray   *tandem_model_list           (TandemStore       *store);

/* ---- In words (tandem-model-text.c) ----------------------------------- */

/* A rule as a sentence: “Job Title contains VP or Director”. */
char        *tandem_rule_dup_sentence      (const TandemRule  *rule);
/* The same made from the condition alone, whatever the label. */
char        *tandem_rule_dup_condition     (const TandemRule  *rule);
/* A number as a sentence writes it: whole numbers bare, else four
 * significant digits, a decimal point in any locale. */
char        *tandem_rule_format_number     (double             v);
/* What changed from @before (NULL: no live model yet) to @after, one
 * change a line, in words both teams read. */
char        *tandem_model_describe_changes (const TandemModel *before,
                                            const TandemModel *after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemModel, tandem_model_unref)

G_END_DECLS
