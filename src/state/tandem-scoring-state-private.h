/* tandem-scoring-state-private.h — shared by the files of TandemScoringState
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-draft-keeper.h"
#include "tandem-history.h"
#include "tandem-scoring-state.h"

G_BEGIN_DECLS

/* An undo step: the draft, and the edit that made it what it is */
typedef struct
{
  TandemModel *model;
  char        *what;      /* "Points of Senior title" */
} Snapshot;

typedef struct
{
  guint matched;
  guint matched_won;
} RuleReach;

struct _TandemScoringState
{
  GObject             parent_instance;

  TandemStore        *store;
  TandemModel        *model;          /* the draft being edited */
  char               *what;           /* the edit that made the draft what it is */
  char               *base_name;      /* the stored model it is a draft of */
  TandemModel        *live;           /* the live model, or NULL */
  TandemScorer       *scorer;         /* scores of (a recent state of) the draft */
  TandemScorer       *live_scorer;
  TandemHistory      *history;        /* Snapshot */
  TandemDraftKeeper  *keeper;

  TandemScoringStatus status;
  char               *failure;
  gboolean            busy;
  gboolean            published;
  guint               generation;     /* bumped by every job; a stale result is dropped */
  GCancellable       *cancellable;

  guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint               mql, mql_won;
  gboolean            has_outcomes;
  guint               live_counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint               live_mql, live_mql_won;
  guint               details_id;     /* an idle: MQL moves vs live, rule reach */
  gboolean            details_ready;
  guint               entering, leaving;
  GArray             *reach[TANDEM_N_DIMENSIONS];   /* RuleReach, one per rule once known */
};

/* tandem-scoring-state.c */
void _tandem_scoring_state_message       (TandemScoringState *self,
                                          const char         *text);
void _tandem_scoring_state_snapshot_free (gpointer            snapshot);
/* The draft replaced (takes @model and @what) */
void _tandem_scoring_state_replace_draft (TandemScoringState *self,
                                          TandemModel        *model,
                                          char               *what);
/* The end of every edit: the scorer follows, the counts are out, the
 * draft is saved soon.  @rules: the rows must be built again. */
void _tandem_scoring_state_apply         (TandemScoringState *self,
                                          gboolean            rules);
void _tandem_scoring_state_recount       (TandemScoringState *self,
                                          gboolean            light);
void _tandem_scoring_state_edited        (TandemScoringState *self);
void _tandem_scoring_state_update_published (TandemScoringState *self);
void _tandem_scoring_state_score_again   (TandemScoringState *self,
                                          gboolean            with_live);
/* tandem-scoring-state-edits.c: the whole draft replaced by a copy of
 * @model, if it fits, as one undo step called @what */
gboolean _tandem_scoring_state_replace_whole (TandemScoringState  *self,
                                              TandemModel         *model,
                                              const char          *what,
                                              GError             **error);
/* Edits a stored model (or its draft); NULL: the live one */
void _tandem_scoring_state_load_model    (TandemScoringState *self,
                                          const char         *name);
void _tandem_scoring_state_set_live      (TandemScoringState *self,
                                          TandemModel        *live);
void _tandem_scoring_state_set_base_name (TandemScoringState *self,
                                          const char         *name);
char *_tandem_scoring_state_draft_name   (const char         *base_name);

G_END_DECLS
