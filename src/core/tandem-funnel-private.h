/* tandem-funnel-private.h — what the taxonomy, mapping and waterfall files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-taxonomy.c holds the stages, tandem-funnel-mapping.c
 * how the data maps onto them, tandem-waterfall-read.c the first pass of the
 * waterfall (each lead's stage entries), tandem-waterfall.c the counting.
 */
#pragma once

#include "tandem-funnel.h"

G_BEGIN_DECLS

struct _TandemFunnelMapping
{
  TandemFunnelSource  source;
  gboolean            implied;
  GPtrArray          *values;  /* pairs: value, stage, value, stage… */
  GPtrArray          *dates;   /* pairs: stage, column… */
};

/* Whether two stage names are the same, whatever their case. */
gboolean tandem_funnel_same_name (const char *a,
                                  const char *b);

/* ---- The waterfall's stage entries (tandem-waterfall-read.c) ---------- */

#define NO_TIME    G_MININT64
#define DAY        G_GINT64_CONSTANT (86400)

typedef struct
{
  int    stage;  /* taxonomy index */
  gint64 t;      /* NO_TIME when undated */
} Entry;

typedef struct
{
  guint first;    /* into Loaded.entries */
  guint n;
  int   segment;  /* into Loaded.segments */
  int   current;  /* taxonomy index of the stage it is in now, or -1 */
} Lead;

typedef struct
{
  const TandemTaxonomy *taxonomy;
  TandemFunnelSource    source;
  gboolean              implied;
  GArray               *entries;     /* Entry */
  GArray               *leads;       /* Lead, leads with at least one entry */
  GPtrArray            *segments;    /* char*, NULL for the empty value */
  GHashTable           *segment_of;  /* value → index + 1 */
  int                   null_segment;
  GHashTable           *stage_of;    /* text → taxonomy index + 1 (0: no stage) */
  GArray               *steps;       /* int: taxonomy indices of the waterfall's stages */
  int                  *step_of;     /* taxonomy index → waterfall index or -1 */
  GPtrArray            *unmapped;    /* char* */
  gint64                unplaced;
  int                   won_stage;   /* the outcome source: where a won lead goes, or -1 */
  int                   lost_stage;  /* … and a lost one */
} Loaded;


void     tandem_waterfall_loaded_free (Loaded                     *l);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loaded, tandem_waterfall_loaded_free)

static inline TandemStageKind
tandem_waterfall_stage_kind (const Loaded *l,
                             int           stage)
{
  return tandem_taxonomy_get_stage (l->taxonomy, (guint) stage)->kind;
}

/* A period's bound, "YYYY-MM-DD"; @what ("from", "to") names it in the error. */
gboolean tandem_waterfall_parse_day    (const char                 *text,
                                        const char                 *what,
                                        GDate                      *out,
                                        GError                    **error);
char    *tandem_waterfall_format_day   (const GDate                *date);
/* Reads every lead once into @l: its stage entries in the order they
 * happened, its segment, the stage it is in now.                     */
gboolean tandem_waterfall_load_leads   (TandemStore                *store,
                                        const TandemTaxonomy       *taxonomy,
                                        const TandemFunnelMapping  *mapping,
                                        const char                 *segment_field,
                                        Loaded                     *l,
                                        GCancellable               *cancellable,
                                        GError                    **error);

G_END_DECLS
