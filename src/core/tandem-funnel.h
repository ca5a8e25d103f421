/* tandem-funnel.h — the lead taxonomy and the demand waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A taxonomy is the ordered list of stages Sales and Marketing agree on.
 * Its open and won stages are the steps of the waterfall; lost and
 * disqualified stages are terminal and count as leakage from the step a
 * lead left, never as steps.  A lost or disqualified lead that enters an
 * open stage again (usually its stage's recycle_to) has been recycled.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_FUNNEL_ERROR (tandem_funnel_error_quark ())

typedef enum
{
  TANDEM_FUNNEL_ERROR_INVALID,      /* a taxonomy that breaks a rule */
  TANDEM_FUNNEL_ERROR_NO_TAXONOMY,  /* the workspace has no stages yet */
  TANDEM_FUNNEL_ERROR_MAPPING,      /* the mapping names a missing column or stage */
  TANDEM_FUNNEL_ERROR_BAD_OPTION,   /* a bad date range, an unknown segment field… */
} TandemFunnelError;

GQuark tandem_funnel_error_quark (void);

/* ---- Taxonomy ------------------------------------------------------------ */

typedef enum
{
  TANDEM_STAGE_OPEN,
  TANDEM_STAGE_WON,
  TANDEM_STAGE_LOST,
  TANDEM_STAGE_DISQUALIFIED,
} TandemStageKind;

typedef enum
{
  TANDEM_TEAM_MARKETING,
  TANDEM_TEAM_TELEQUALIFICATION,
  TANDEM_TEAM_SALES,
} TandemTeam;

typedef enum
{
  TANDEM_TEMPLATE_CLASSIC,   /* Suspect → Inquiry → MQL → SAL → SQL → Customer */
  TANDEM_TEMPLATE_EXTENDED,  /* Anonymous → Known → Engaged → MQL → TQL → SAL → Opportunity → Won / Lost */
  TANDEM_TEMPLATE_PIPELINE,  /* Prospecting → Engaging → Won / Lost */
} TandemTemplate;

typedef struct
{
  char            *name;        /* "Marketing Qualified Lead" */
  char            *short_name;  /* "MQL" */
  char            *definition;  /* the sentence both teams agreed on */
  TandemTeam       team;
  TandemStageKind  kind;
  char            *recycle_to;  /* an open stage, or NULL */
} TandemStage;

const char *tandem_stage_kind_to_string     (TandemStageKind  kind);
gboolean    tandem_stage_kind_from_string   (const char      *str,
                                             TandemStageKind *out_kind);
const char *tandem_team_to_string           (TandemTeam       team);
gboolean    tandem_team_from_string         (const char      *str,
                                             TandemTeam      *out_team);
const char *tandem_template_to_string       (TandemTemplate   template_);
gboolean    tandem_template_from_string     (const char      *str,
                                             TandemTemplate  *out_template);

typedef struct _TandemTaxonomy TandemTaxonomy;

TandemTaxonomy    *tandem_taxonomy_new               (void);
TandemTaxonomy    *tandem_taxonomy_new_from_template (TandemTemplate   template_);
TandemTaxonomy    *tandem_taxonomy_copy              (const TandemTaxonomy *self);
void               tandem_taxonomy_free              (TandemTaxonomy  *self);
/* The workspace's stages (possibly none). */
TandemTaxonomy    *tandem_taxonomy_load              (TandemStore     *store,
                                                      GError         **error);
/* Validates, then replaces the workspace's stages in one transaction. */
gboolean           tandem_taxonomy_save              (const TandemTaxonomy *self,
                                                      TandemStore     *store,
                                                      GError         **error);
/* {"stages": [{"name", "short_name", "definition", "team", "kind",
 * "recycle_to"}, …]}: an unsaved draft of the stages.  Read strictly: a
 * wrong key or value is refused with its place named.                 */
char              *tandem_taxonomy_to_json           (const TandemTaxonomy *self);
TandemTaxonomy    *tandem_taxonomy_new_from_json     (const char      *json,
                                                      GError         **error);
/* Unique names and short names (ignoring case), at least two stages, the
 * first one open, every recycle_to an existing open stage.               */
gboolean           tandem_taxonomy_validate          (const TandemTaxonomy *self,
                                                      GError         **error);

guint              tandem_taxonomy_get_n_stages      (const TandemTaxonomy *self);
const TandemStage *tandem_taxonomy_get_stage         (const TandemTaxonomy *self,
                                                      guint            index);
/* By name, then by short name, ignoring case; -1 when none matches. */
int                tandem_taxonomy_find_stage        (const TandemTaxonomy *self,
                                                      const char      *name);
/* Inserts at @position (-1: at the end); returns the stage's index. */
guint              tandem_taxonomy_insert_stage      (TandemTaxonomy  *self,
                                                      int              position,
                                                      const char      *name,
                                                      const char      *short_name,
                                                      const char      *definition,
                                                      TandemTeam       team,
                                                      TandemStageKind  kind,
                                                      const char      *recycle_to);
void               tandem_taxonomy_remove_stage      (TandemTaxonomy  *self,
                                                      guint            index);
void               tandem_taxonomy_move_stage        (TandemTaxonomy  *self,
                                                      guint            from,
                                                      guint            to);
/* Stages recycling to @from recycle to @to instead (a stage renamed). */
void               tandem_taxonomy_retarget_recycling (TandemTaxonomy *self,
                                                       const char     *from,
                                                       const char     *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemTaxonomy, tandem_taxonomy_free)

/* ---- Mapping the data onto stages --------------------------------------
 * Stored in the workspace's settings under "funnel.mapping" as JSON:
 *   { "source": "auto" | "dates" | "stage" | "history",
 *     "implied": true,                       a later stage passes the earlier ones
 *     "values": { "Closed Won": "Customer" },  current-stage value → stage
 *     "dates": { "MQL": "first_contact_date" } } stage → a date column
 *
 * Sources:
 *  - history: the stage_history table (stage names or mapped values);
 *  - stage:   the current-stage column (role "stage"), with the dates of the
 *             date columns below where the data has them;
 *  - dates:   the date columns: every "stage-date:NAME" column whose NAME is
 *             a stage's name or short name, the "created" column for the
 *             first stage, and the "dates" above (which win);
 *  - outcome: the outcome column (role "outcome"): every lead enters the
 *             first stage (dated by "created" where the data has it), a won
 *             one then the first won stage, a lost one the first lost stage;
 *  - auto:    tandem_funnel_automatic_source(): history when the workspace
 *             has any, else stage when it has a current-stage column, else
 *             dates when it has stage dates, else outcome when it has an
 *             outcome column, else dates.
 * Values and names match a stage by mapped value, then name, then short
 * name, ignoring case.  A "stage-date:Closed" (or Close) column dates the
 * terminal stage a lead is in.                                            */

typedef enum
{
  TANDEM_FUNNEL_SOURCE_AUTO,
  TANDEM_FUNNEL_SOURCE_DATES,
  TANDEM_FUNNEL_SOURCE_STAGE,
  TANDEM_FUNNEL_SOURCE_HISTORY,
  TANDEM_FUNNEL_SOURCE_OUTCOME,
} TandemFunnelSource;

const char *tandem_funnel_source_to_string   (TandemFunnelSource  source);
gboolean    tandem_funnel_source_from_string (const char         *str,
                                              TandemFunnelSource *out_source);

typedef struct _TandemFunnelMapping TandemFunnelMapping;

TandemFunnelMapping *tandem_funnel_mapping_new           (void);
void                 tandem_funnel_mapping_free          (TandemFunnelMapping *self);
TandemFunnelMapping *tandem_funnel_mapping_new_from_json (const char   *json,
                                                          GError      **error);
char                *tandem_funnel_mapping_to_json       (const TandemFunnelMapping *self);
/* The workspace's mapping, or the default one when it has none. */
TandemFunnelMapping *tandem_funnel_mapping_load          (TandemStore  *store,
                                                          GError      **error);
gboolean             tandem_funnel_mapping_save          (const TandemFunnelMapping *self,
                                                          TandemStore  *store,
                                                          GError      **error);
TandemFunnelSource   tandem_funnel_mapping_get_source    (const TandemFunnelMapping *self);
void                 tandem_funnel_mapping_set_source    (TandemFunnelMapping *self,
                                                          TandemFunnelSource   source);
/* Default TRUE. */
gboolean             tandem_funnel_mapping_get_implied   (const TandemFunnelMapping *self);
void                 tandem_funnel_mapping_set_implied   (TandemFunnelMapping *self,
                                                          gboolean             implied);
/* @stage NULL removes the value's mapping. */
void                 tandem_funnel_mapping_set_value     (TandemFunnelMapping *self,
                                                          const char          *value,
                                                          const char          *stage);
const char          *tandem_funnel_mapping_get_value     (const TandemFunnelMapping *self,
                                                          const char          *value);
/* @column NULL removes the stage's date column. */
void                 tandem_funnel_mapping_set_date_column (TandemFunnelMapping *self,
                                                            const char          *stage,
                                                            const char          *column);
const char          *tandem_funnel_mapping_get_date_column (const TandemFunnelMapping *self,
                                                            const char          *stage);
/* Follows a stage's new name (or short name) in the values and dates;
 * @new_name NULL drops what referred to the stage.                     */
void                 tandem_funnel_mapping_rename_stage    (TandemFunnelMapping *self,
                                                            const char          *old_name,
                                                            const char          *new_name);
/* Drops the values and dates that name a stage @taxonomy does not have
 * (after a template replaced the stages); returns how many.           */
guint                tandem_funnel_mapping_prune           (TandemFunnelMapping  *self,
                                                            const TandemTaxonomy *taxonomy);
/* The date column that dates stage @index when the mapping names none:
 * its "stage-date:" column, "created" for the first stage, a "Closed"
 * column for a won or lost stage; NULL when none does.               */
char                *tandem_funnel_automatic_date_column   (TandemStore          *store,
                                                            const TandemTaxonomy *taxonomy,
                                                            guint                 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemFunnelMapping, tandem_funnel_mapping_free)

/* ---- The automatic choice (tandem-funnel-auto.c) ------------------------
 * With no stages saved, the Funnel page, tandem-cli waterfall and
 * taxonomy, the charts and meeting mode all make this one choice.       */

/* What "auto" reads in this workspace (never TANDEM_FUNNEL_SOURCE_AUTO). */
TandemFunnelSource   tandem_funnel_automatic_source        (TandemStore          *store);
/* Stages for a workspace with none saved, from what its data has: only
 * an outcome column → every lead, then won or lost; otherwise the
 * template the stage history's, current-stage column's or stage dates'
 * names fit (at least two of its stages), or stages built from the stage
 * dates.  @out_source: what the stages are read from; @out_sentence:
 * which choice was made and why, for the user.  Never NULL.           */
TandemTaxonomy      *tandem_funnel_auto_choose             (TandemStore          *store,
                                                            TandemFunnelSource   *out_source,
                                                            char                **out_sentence);
/* The workspace's saved stages, else tandem_funnel_auto_choose()'s, and
 * its mapping: what every page and command counts the waterfall with.
 * @out_automatic (may be NULL): TRUE when the stages are not saved;
 * @out_sentence (may be NULL): which stages and why.                  */
gboolean             tandem_funnel_choose                  (TandemStore          *store,
                                                            TandemTaxonomy      **out_taxonomy,
                                                            TandemFunnelMapping **out_mapping,
                                                            gboolean             *out_automatic,
                                                            char                **out_sentence,
                                                            GError              **error);

/* The latest date in the data (stage history and every date column),
 * "YYYY-MM-DD", or NULL when it has none. */
char                *tandem_funnel_last_date               (TandemStore          *store);
/* The calendar month, quarter (3) or year (12) holding @last_date, as
 * inclusive "YYYY-MM-DD" bounds: the period a plan for that length is
 * set against.  FALSE for another length or a malformed date.        */
gboolean             tandem_funnel_period_holding          (const char           *last_date,
                                                            guint                 months,
                                                            char                **out_from,
                                                            char                **out_to);

/* ---- Plan (from a Targets scenario) ------------------------------------ */

typedef struct _TandemFunnelPlan TandemFunnelPlan;

TandemFunnelPlan *tandem_funnel_plan_new        (void);
void              tandem_funnel_plan_free       (TandemFunnelPlan *self);
/* The planned volume of a stage (by name) for the period; NAN unsets it. */
void              tandem_funnel_plan_set_volume (TandemFunnelPlan *self,
                                                 const char       *stage,
                                                 double            volume);
/* NAN when the plan says nothing about the stage. */
double            tandem_funnel_plan_get_volume (const TandemFunnelPlan *self,
                                                 const char       *stage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemFunnelPlan, tandem_funnel_plan_free)

/* ---- Waterfall ----------------------------------------------------------- */

typedef enum
{
  /* Leads whose first dated stage falls in the period, followed wherever
   * they got (at any time).                                              */
  TANDEM_WATERFALL_COHORT,
  /* Entries into each stage within the period. */
  TANDEM_WATERFALL_FLOW,
} TandemWaterfallMode;

const char *tandem_waterfall_mode_to_string   (TandemWaterfallMode  mode);
gboolean    tandem_waterfall_mode_from_string (const char          *str,
                                               TandemWaterfallMode *out_mode);

typedef struct
{
  TandemWaterfallMode  mode;
  const char          *from;     /* "YYYY-MM-DD", inclusive; NULL: no lower bound */
  const char          *to;       /* inclusive; NULL: no upper bound */
  const char          *segment;  /* a lead column's name (or a role: "source", "owner"); NULL: none */
  gboolean             previous; /* also compute the previous period of equal length (needs from and to) */
} TandemWaterfallOptions;

typedef struct
{
  char    *name;
  char    *short_name;
  guint    taxonomy_index;
  TandemStageKind kind;          /* open or won */
  gint64   reached;
  gint64   open;                 /* still sitting in it (open stages only) */
  gint64   lost;                 /* left it for a lost or disqualified stage */
  gint64   recycled;             /* of those lost, came back to an open stage later */
  gint64   negative_durations;   /* dated before the previous stage: excluded below */
  gint64   durations;            /* leads with both dates, the days' sample size */
  double   conversion_from_previous;  /* fractions; NAN when undefined */
  double   conversion_from_first;
  double   median_days_from_previous; /* NAN without a sample */
  double   mean_days_from_previous;
  double   planned;              /* NAN without a plan */
} TandemWaterfallStage;

typedef struct
{
  char   *segment;   /* NULL: all leads, or leads with an empty value */
  GArray *stages;    /* TandemWaterfallStage, in taxonomy order */
} TandemWaterfallSegment;

typedef struct _TandemWaterfall TandemWaterfall;

struct _TandemWaterfall
{
  /*< private >*/
  gatomicrefcount       ref_count;
  /*< public >*/
  TandemWaterfallMode   mode;
  TandemFunnelSource    source;     /* the source used (never auto) */
  gboolean              implied;
  char                 *from;       /* NULL when unbounded */
  char                 *to;
  char                 *segment_field;
  GPtrArray            *segments;   /* TandemWaterfallSegment; without a segment field, one */
  GPtrArray            *unmapped;   /* char*: open/won stages the data never reaches */
  gint64                unplaced;   /* leads the mapping puts on no stage */
  gint64                undated;    /* leads left out of a bounded period for want of a date */
  TandemWaterfall      *previous;   /* the previous period, or NULL */
};

#define TANDEM_TYPE_WATERFALL (tandem_waterfall_get_type ())

GType            tandem_waterfall_get_type   (void) G_GNUC_CONST;
TandemWaterfall *tandem_waterfall_compute    (TandemStore                  *store,
                                              const TandemTaxonomy         *taxonomy,
                                              const TandemFunnelMapping    *mapping,
                                              const TandemWaterfallOptions *options,
                                              GCancellable                 *cancellable,
                                              GError                      **error);
TandemWaterfall *tandem_waterfall_ref        (TandemWaterfall  *self);
void             tandem_waterfall_unref      (TandemWaterfall  *self);
/* Sets the planned volumes from @plan (NULL clears them).  A plan is for
 * the whole funnel: a waterfall broken down by segment gets none.        */
void             tandem_waterfall_set_plan   (TandemWaterfall        *self,
                                              const TandemFunnelPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemWaterfall, tandem_waterfall_unref)

/* ---- As JSON (tandem-funnel-json.c) -------------------------------------- */

/* {"stages": [...], "mapping": {...}}: the stages as
 * tandem_taxonomy_to_json() writes them, the mapping beside. */
JsonNode *tandem_taxonomy_and_mapping_to_json (const TandemTaxonomy      *taxonomy,
                                               const TandemFunnelMapping *mapping);
/* Mode, period, source, the counts left out, and per segment per stage
 * the counts (integers), conversions and days (doubles, null where
 * undefined); "previous" is the previous period's, or null. */
JsonNode *tandem_waterfall_to_json            (const TandemWaterfall     *waterfall);

G_END_DECLS
