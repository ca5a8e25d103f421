/* tandem-funnel-state-private.h — TandemFunnelState, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tandem-funnel-state.c holds the object, the loading, the draft, the
 * options and the computation; tandem-funnel-state-edits.c the edits and
 * their undo steps.
 */
#pragma once

#include "tandem-draft-keeper.h"
#include "tandem-funnel-state.h"
#include "tandem-history.h"
#include "tandem-state-props.h"

G_BEGIN_DECLS

struct _TandemFunnelState
{
  GObject              parent_instance;

  TandemStore         *store;
  TandemTaxonomy      *taxonomy;     /* as edited; NULL: nothing to edit */
  TandemFunnelMapping *mapping;      /* as edited */
  TandemFunnelStagesOrigin origin;
  char                *choice;       /* which stages were proposed and why */
  char                *taxonomy_error;
  gboolean             dirty;        /* differs from the workspace's */
  gboolean             edited;       /* … by the user: kept as a draft */
  TandemHistory       *history;      /* TandemFunnelSnapshot */
  TandemDraftKeeper   *draft;

  gboolean             has_history;
  gboolean             has_stage_column;
  TandemFunnelSource   automatic_source;
  GPtrArray           *date_columns;    /* char * */
  GPtrArray           *segment_columns; /* char * */
  GPtrArray           *stage_values;    /* TandemValueCount */
  GPtrArray           *history_values;

  char                *from, *to, *segment;
  TandemWaterfallMode  mode;
  gboolean             previous;
  char                *last_date;
  gboolean             range_known;  /* last_date read (maybe NULL: no dates) */
  char                *plan_name;
  char                *plan_label;
  TandemFunnelPlan    *plan;
  guint                pending_plan_months;  /* a plan chosen before the data's dates were known */

  TandemWaterfall     *waterfall;
  char                *error;
  GCancellable        *cancellable;
  guint                generation;
  gboolean             busy;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TAXONOMY,
  PROP_MAPPING,
  PROP_ORIGIN,
  PROP_TAXONOMY_ERROR,
  PROP_SAVED,
  PROP_EDITED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_PERIOD_FROM,
  PROP_PERIOD_TO,
  PROP_MODE,
  PROP_SEGMENT,
  PROP_PREVIOUS,
  PROP_LAST_DATE,
  PROP_PLAN,
  PROP_PLAN_LABEL,
  PROP_BUSY,
  PROP_WATERFALL,
  PROP_ERROR,
  N_PROPS
};

enum { MESSAGE, STAGES_CHANGED, LOADED, COMPUTED, N_SIGNALS };

extern GParamSpec *tandem_funnel_state_properties[N_PROPS];
extern guint tandem_funnel_state_signals[N_SIGNALS];

/* Notifies property @prop; sets a field and notifies when it changes */
void                 tandem_funnel_state_notify       (TandemFunnelState   *self,
                                                       guint                prop);
void                 tandem_funnel_state_set_flag     (TandemFunnelState   *self,
                                                       gboolean            *field,
                                                       gboolean             value,
                                                       guint                prop);
TandemFunnelMapping *tandem_funnel_state_copy_mapping (const TandemFunnelMapping *mapping);
/* The waterfall of the stages as edited, on a worker thread */
void                 tandem_funnel_state_compute      (TandemFunnelState   *self);
/* Forgets the draft, in the workspace too */
void                 tandem_funnel_state_drop_draft   (TandemFunnelState   *self);
/* Says whether the stages can be saved (taxonomy-error); TRUE when they can */
gboolean             tandem_funnel_state_validate     (TandemFunnelState   *self);

/* The history's snapshots: the stages and the placing at one moment */
typedef struct
{
  TandemTaxonomy      *taxonomy;
  TandemFunnelMapping *mapping;
} TandemFunnelSnapshot;

gpointer             tandem_funnel_snapshot_copy      (gpointer             snapshot);
void                 tandem_funnel_snapshot_free      (gpointer             snapshot);

G_END_DECLS
