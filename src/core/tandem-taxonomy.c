/* tandem-taxonomy.c — the lead taxonomy: stages, templates, validation, load and save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-funnel-private.h"
#include "tandem-json.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (tandem-funnel-error-quark, tandem_funnel_error)

/* ---- Names ------------------------------------------------------------- */

static const char *const kind_names[] = { "open", "won", "lost", "disqualified" };
static const char *const team_names[] = { "marketing", "telequalification", "sales" };
static const char *const template_names[] = { "classic", "extended", "pipeline" };
static const char *const source_names[] = { "auto", "dates", "stage", "history", "outcome" };
static const char *const mode_names[] = { "cohort", "flow" };

static gboolean
lookup_name (const char *const *names,
             guint              n_names,
             const char        *str,
             int               *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (str, names[i]) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tandem_stage_kind_to_string (TandemStageKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "open");
  return kind_names[kind];
}

gboolean
tandem_stage_kind_from_string (const char      *str,
                               TandemStageKind *out_kind)
{
  int i;

  if (!lookup_name (kind_names, G_N_ELEMENTS (kind_names), str, &i))
    return FALSE;
  *out_kind = (TandemStageKind) i;
  return TRUE;
}

const char *
tandem_team_to_string (TandemTeam team)
{
  g_return_val_if_fail ((guint) team < G_N_ELEMENTS (team_names), "marketing");
  return team_names[team];
}

gboolean
tandem_team_from_string (const char *str,
                         TandemTeam *out_team)
{
  int i;

  if (!lookup_name (team_names, G_N_ELEMENTS (team_names), str, &i))
    return FALSE;
  *out_team = (TandemTeam) i;
  return TRUE;
}

const char *
tandem_template_to_string (TandemTemplate template_)
{
  g_return_val_if_fail ((guint) template_ < G_N_ELEMENTS (template_names), "classic");
  return template_names[template_];
}

gboolean
tandem_template_from_string (const char     *str,
                             TandemTemplate *out_template)
{
  int i;

  if (!lookup_name (template_names, G_N_ELEMENTS (template_names), str, &i))
    return FALSE;
  *out_template = (TandemTemplate) i;
  return TRUE;
}

const char *
tandem_funnel_source_to_string (TandemFunnelSource source)
{
  g_return_val_if_fail ((guint) source < G_N_ELEMENTS (source_names), "auto");
  return source_names[source];
}

gboolean
tandem_funnel_source_from_string (const char         *str,
                                  TandemFunnelSource *out_source)
{
  int i;

  if (!lookup_name (source_names, G_N_ELEMENTS (source_names), str, &i))
    return FALSE;
  *out_source = (TandemFunnelSource) i;
  return TRUE;
}

const char *
tandem_waterfall_mode_to_string (TandemWaterfallMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), "cohort");
  return mode_names[mode];
}

gboolean
tandem_waterfall_mode_from_string (const char          *str,
                                   TandemWaterfallMode *out_mode)
{
  int i;

  if (!lookup_name (mode_names, G_N_ELEMENTS (mode_names), str, &i))
    return FALSE;
  *out_mode = (TandemWaterfallMode) i;
  return TRUE;
}

/* ---- Templates -------------------------------------------------------------
 * The classic definitions are the demo workspace's, word for word.        */

typedef struct
{
  const char      *name;
  const char      *short_name;
  const char      *definition;
  TandemTeam       team;
  TandemStageKind  kind;
  const char      *recycle_to;
} StageTemplate;

static const StageTemplate classic_template[] = {
  { "Suspect", "SUS", N_("A person who matches our market but has not yet shown any interest."),
    TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL },
  { "Inquiry", "INQ", N_("A person who raised a hand: filled in a form, registered or asked a question."),
    TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL },
  { "Marketing Qualified Lead", "MQL", N_("An inquiry whose fit and interest scores fall in a sales-ready cell of the matrix."),
    TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL },
  { "Sales Accepted Lead", "SAL", N_("An MQL that sales has reviewed and agreed to work within the agreed time."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL },
  { "Sales Qualified Lead", "SQL", N_("A lead sales has qualified as a real opportunity: need, budget, authority and timing."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL },
  { "Customer", "WON", N_("A lead whose opportunity closed won."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_WON, NULL },
  { "Lost", "LOST", N_("A qualified opportunity that closed lost; recycled to nurture when the timing may change."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_LOST, "Inquiry" },
  { "Disqualified", "DQ", N_("A lead sales rejected as not a fit or not ready; recycled to nurture when it may become one."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_DISQUALIFIED, "Inquiry" },
};

static const StageTemplate extended_template[] = {
  { "Anonymous", "ANON", N_("A visitor we can see on the website or in an ad audience but cannot yet name."),
    TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL },
  { "Known", "KNOWN", N_("A person we can name and may contact: an address from a form, an event or a list, with consent."),
    TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL },
  { "Engaged", "ENG", N_("A known person who keeps coming back: opens, clicks, visits, downloads or attends beyond a first touch."),
    TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL },
  { "Marketing Qualified Lead", "MQL", N_("An engaged lead whose fit and interest scores fall in a sales-ready cell of the matrix."),
    TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL },
  { "Telequalified Lead", "TQL", N_("An MQL the telequalification team reached and confirmed: the right person, a real project, willing to talk to sales."),
    TANDEM_TEAM_TELEQUALIFICATION, TANDEM_STAGE_OPEN, NULL },
  { "Sales Accepted Lead", "SAL", N_("A telequalified lead that sales has reviewed and agreed to work within the agreed time."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL },
  { "Opportunity", "OPP", N_("A lead sales has qualified as a real opportunity, with need, budget, authority and timing, and put in the forecast."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL },
  { "Won", "WON", N_("An opportunity that closed won: a signed contract."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_WON, NULL },
  { "Lost", "LOST", N_("An opportunity that closed lost; recycled to nurture when the timing may change."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_LOST, "Engaged" },
};

static const StageTemplate pipeline_template[] = {
  { "Prospecting", "PROS", N_("An account sales has identified and is researching, before any two-way conversation."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL },
  { "Engaging", "ENG", N_("A deal in active conversation with the buyer: meetings, demonstrations, a proposal."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_OPEN, NULL },
  { "Won", "WON", N_("A deal that closed won."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_WON, NULL },
  { "Lost", "LOST", N_("A deal that closed lost; back to prospecting when the timing may change."),
    TANDEM_TEAM_SALES, TANDEM_STAGE_LOST, "Prospecting" },
};

/* ---- Taxonomy ------------------------------------------------------------ */

struct _TandemTaxonomy
{
  GPtrArray *stages;  /* TandemStage */
};

static void
stage_free (TandemStage *stage)
{
  if (stage == NULL)
    return;
  g_free (stage->name);
  g_free (stage->short_name);
  g_free (stage->definition);
  g_free (stage->recycle_to);
  g_free (stage);
}

static TandemStage *
stage_new (const char      *name,
           const char      *short_name,
           const char      *definition,
           TandemTeam       team,
           TandemStageKind  kind,
           const char      *recycle_to)
{
  TandemStage *stage = g_new0 (TandemStage, 1);

  stage->name = g_strdup (name);
  stage->short_name = g_strdup (short_name ? short_name : name);
  stage->definition = g_strdup (definition ? definition : "");
  stage->team = team;
  stage->kind = kind;
  stage->recycle_to = g_strdup (recycle_to);
  return stage;
}

TandemTaxonomy *
tandem_taxonomy_new (void)
{
  TandemTaxonomy *self = g_new0 (TandemTaxonomy, 1);

  self->stages = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_free);
  return self;
}

TandemTaxonomy *
tandem_taxonomy_new_from_template (TandemTemplate template_)
{
  TandemTaxonomy *self = tandem_taxonomy_new ();
  const StageTemplate *stages;
  guint n;

  switch (template_)
    {
    case TANDEM_TEMPLATE_EXTENDED:
      stages = extended_template;
      n = G_N_ELEMENTS (extended_template);
      break;
    case TANDEM_TEMPLATE_PIPELINE:
      stages = pipeline_template;
      n = G_N_ELEMENTS (pipeline_template);
      break;
    case TANDEM_TEMPLATE_CLASSIC:
    default:
      stages = classic_template;
      n = G_N_ELEMENTS (classic_template);
      break;
    }

  /* Definitions are stored translated: they are the words the teams read. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->stages, stage_new (stages[i].name, stages[i].short_name, _(stages[i].definition),
                                              stages[i].team, stages[i].kind, stages[i].recycle_to));
  return self;
}

TandemTaxonomy *
tandem_taxonomy_copy (const TandemTaxonomy *self)
{
  TandemTaxonomy *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = tandem_taxonomy_new ();
  for (guint i = 0; i < self->stages->len; i++)
    {
      const TandemStage *s = g_ptr_array_index (self->stages, i);
      g_ptr_array_add (copy->stages, stage_new (s->name, s->short_name, s->definition, s->team, s->kind, s->recycle_to));
    }
  return copy;
}

void
tandem_taxonomy_free (TandemTaxonomy *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->stages);
  g_free (self);
}

guint
tandem_taxonomy_get_n_stages (const TandemTaxonomy *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stages->len;
}

const TandemStage *
tandem_taxonomy_get_stage (const TandemTaxonomy *self,
                           guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->stages->len, NULL);
  return g_ptr_array_index (self->stages, index);
}

gboolean
tandem_funnel_same_name (const char *a,
                         const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return g_str_equal (x, y);
}

int
tandem_taxonomy_find_stage (const TandemTaxonomy *self,
                            const char           *name)
{
  g_return_val_if_fail (self != NULL, -1);

  if (name == NULL)
    return -1;
  for (guint i = 0; i < self->stages->len; i++)
    if (tandem_funnel_same_name (((TandemStage *) g_ptr_array_index (self->stages, i))->name, name))
      return (int) i;
  for (guint i = 0; i < self->stages->len; i++)
    if (tandem_funnel_same_name (((TandemStage *) g_ptr_array_index (self->stages, i))->short_name, name))
      return (int) i;
  return -1;
}

guint
tandem_taxonomy_insert_stage (TandemTaxonomy  *self,
                              int              position,
                              const char      *name,
                              const char      *short_name,
                              const char      *definition,
                              TandemTeam       team,
                              TandemStageKind  kind,
                              const char      *recycle_to)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  if (position < 0 || (guint) position > self->stages->len)
    position = (int) self->stages->len;
  g_ptr_array_insert (self->stages, position, stage_new (name, short_name, definition, team, kind, recycle_to));
  return (guint) position;
}

void
tandem_taxonomy_remove_stage (TandemTaxonomy *self,
                              guint           index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->stages->len);
  g_ptr_array_remove_index (self->stages, index);
}

void
tandem_taxonomy_move_stage (TandemTaxonomy *self,
                            guint           from,
                            guint           to)
{
  gpointer stage;

  g_return_if_fail (self != NULL);
  g_return_if_fail (from < self->stages->len && to < self->stages->len);

  stage = g_ptr_array_steal_index (self->stages, from);
  g_ptr_array_insert (self->stages, (int) to, stage);
}

void
tandem_taxonomy_retarget_recycling (TandemTaxonomy *self,
                                    const char     *from,
                                    const char     *to)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (from != NULL && to != NULL);

  for (guint i = 0; i < self->stages->len; i++)
    {
      TandemStage *s = g_ptr_array_index (self->stages, i);

      if (s->recycle_to != NULL && g_str_equal (s->recycle_to, from))
        {
          g_free (s->recycle_to);
          s->recycle_to = g_strdup (to);
        }
    }
}

gboolean
tandem_taxonomy_validate (const TandemTaxonomy  *self,
                          GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->stages->len < 2)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                           _("A taxonomy needs at least two stages"));
      return FALSE;
    }

  for (guint i = 0; i < self->stages->len; i++)
    {
      const TandemStage *s = g_ptr_array_index (self->stages, i);
      g_autofree char *name = g_strstrip (g_strdup (s->name ? s->name : ""));
      g_autofree char *short_name = g_strstrip (g_strdup (s->short_name ? s->short_name : ""));

      if (name[0] == '\0')
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                       _("Stage %u has no name"), i + 1);
          return FALSE;
        }
      if (short_name[0] == '\0')
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                       _("The stage “%s” has no short name"), s->name);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          const TandemStage *t = g_ptr_array_index (self->stages, j);

          if (tandem_funnel_same_name (s->name, t->name) || tandem_funnel_same_name (s->name, t->short_name) ||
              tandem_funnel_same_name (s->short_name, t->name) || tandem_funnel_same_name (s->short_name, t->short_name))
            {
              g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                           _("The stages “%s” and “%s” have the same name or short name; "
                             "every stage needs its own"), t->name, s->name);
              return FALSE;
            }
        }
      if (i == 0 && s->kind != TANDEM_STAGE_OPEN)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                       _("The first stage, “%s”, must be open, not %s"), s->name,
                       tandem_stage_kind_to_string (s->kind));
          return FALSE;
        }
      if (s->recycle_to != NULL)
        {
          int target = tandem_taxonomy_find_stage (self, s->recycle_to);

          if (target < 0)
            {
              g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                           _("The stage “%s” recycles to “%s”, which is not a stage of the taxonomy"),
                           s->name, s->recycle_to);
              return FALSE;
            }
          if (((TandemStage *) g_ptr_array_index (self->stages, target))->kind != TANDEM_STAGE_OPEN)
            {
              g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                           _("The stage “%s” recycles to “%s”, which is not an open stage"),
                           s->name, s->recycle_to);
              return FALSE;
            }
        }
    }
  return TRUE;
}

TandemTaxonomy *
tandem_taxonomy_load (TandemStore  *store,
                      GError      **error)
{
  g_autoptr(TandemTaxonomy) self = tandem_taxonomy_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = tandem_store_prepare (store,
                               "SELECT name, short_name, definition, team, kind, recycle_to "
                               "FROM stages ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TandemTeam team = TANDEM_TEAM_MARKETING;
      TandemStageKind kind = TANDEM_STAGE_OPEN;

      /* The schema's CHECKs keep these valid */
      tandem_team_from_string ((const char *) sqlite3_column_text (stmt, 3), &team);
      tandem_stage_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &kind);
      g_ptr_array_add (self->stages, stage_new ((const char *) sqlite3_column_text (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                (const char *) sqlite3_column_text (stmt, 2),
                                                team, kind,
                                                (const char *) sqlite3_column_text (stmt, 5)));
    }
  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not read the taxonomy"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
tandem_taxonomy_save (const TandemTaxonomy  *self,
                      TandemStore           *store,
                      GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!tandem_taxonomy_validate (self, error))
    return FALSE;
  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!tandem_store_exec (store, "DELETE FROM stages", error))
    goto fail;
  stmt = tandem_store_prepare (store,
                               "INSERT INTO stages (position, name, short_name, definition, team, kind, recycle_to) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < self->stages->len; i++)
    {
      const TandemStage *s = g_ptr_array_index (self->stages, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_text (stmt, 2, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, s->short_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, s->definition, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, tandem_team_to_string (s->team), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, tandem_stage_kind_to_string (s->kind), -1, SQLITE_STATIC);
      if (s->recycle_to != NULL)
        sqlite3_bind_text (stmt, 7, s->recycle_to, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 7);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          tandem_store_set_error (store, error, _("Could not save the taxonomy"));
          goto fail;
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!tandem_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  tandem_store_rollback (store);
  return FALSE;
}

char *
tandem_taxonomy_to_json (const TandemTaxonomy *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "stages");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->stages->len; i++)
    {
      const TandemStage *s = g_ptr_array_index (self->stages, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "short_name");
      json_builder_add_string_value (b, s->short_name);
      tandem_json_set_string (b, "definition", s->definition ? s->definition : "");
      tandem_json_set_string (b, "team", tandem_team_to_string (s->team));
      tandem_json_set_string (b, "kind", tandem_stage_kind_to_string (s->kind));
      json_builder_set_member_name (b, "recycle_to");
      if (s->recycle_to != NULL)
        json_builder_add_string_value (b, s->recycle_to);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return tandem_json_to_data (root, FALSE);
}

/* A string member of stage @i, or NULL when absent or null */
static gboolean
stage_string (JsonObject  *o,
              guint        i,
              const char  *key,
              gboolean     required,
              const char **out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (o, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID, _("stages[%u]: “%s” is missing"), i, key);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID, _("stages[%u].%s: not text"), i, key);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

TandemTaxonomy *
tandem_taxonomy_new_from_json (const char  *json,
                               GError     **error)
{
  static const char *const keys[] = { "name", "short_name", "definition", "team", "kind", "recycle_to" };
  g_autoptr(TandemTaxonomy) self = tandem_taxonomy_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonNode *stages;
  JsonArray *array;
  GError *local = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  root = tandem_json_parse (json, -1, _("The list of stages"), &local);
  if (root == NULL)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID, local->message);
      g_error_free (local);
      return NULL;
    }
  stages = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "stages") : NULL;
  if (stages == NULL || !JSON_NODE_HOLDS_ARRAY (stages))
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID, _("stages: expected a list of stages"));
      return NULL;
    }
  array = json_node_get_array (stages);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o;
      const char *name, *short_name, *definition, *team_text, *kind_text, *recycle_to;
      TandemTeam team = TANDEM_TEAM_MARKETING;
      TandemStageKind kind = TANDEM_STAGE_OPEN;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID, _("stages[%u]: expected an object"), i);
          return NULL;
        }
      o = json_node_get_object (node);
      members = json_object_get_members (o);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains (keys, l->data))
          {
            g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID, _("stages[%u]: unknown key “%s”"),
                         i, (const char *) l->data);
            return NULL;
          }
      if (!stage_string (o, i, "name", TRUE, &name, error) || !stage_string (o, i, "short_name", TRUE, &short_name, error) ||
          !stage_string (o, i, "definition", FALSE, &definition, error) || !stage_string (o, i, "team", FALSE, &team_text, error) ||
          !stage_string (o, i, "kind", FALSE, &kind_text, error) || !stage_string (o, i, "recycle_to", FALSE, &recycle_to, error))
        return NULL;
      if (team_text != NULL && !tandem_team_from_string (team_text, &team))
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                       _("stages[%u].team: “%s” is not marketing, telequalification or sales"), i, team_text);
          return NULL;
        }
      if (kind_text != NULL && !tandem_stage_kind_from_string (kind_text, &kind))
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID,
                       _("stages[%u].kind: “%s” is not open, won, lost or disqualified"), i, kind_text);
          return NULL;
        }
      tandem_taxonomy_insert_stage (self, -1, name, short_name, definition ? definition : "", team, kind, recycle_to);
    }
  return g_steal_pointer (&self);
}
