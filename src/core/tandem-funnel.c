/* tandem-funnel.c — the lead taxonomy and the demand waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The waterfall is computed in two passes.  The first reads every lead
 * once and turns what the mapping says about it into a short, dated list
 * of stage entries in the order they happened.  The second walks those
 * lists for a period and a mode; the previous period reuses the lists.
 */

#include "config.h"

#include "tandem-funnel.h"
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
static const char *const source_names[] = { "auto", "dates", "stage", "history" };
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

static gboolean
same_name (const char *a,
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
    if (same_name (((TandemStage *) g_ptr_array_index (self->stages, i))->name, name))
      return (int) i;
  for (guint i = 0; i < self->stages->len; i++)
    if (same_name (((TandemStage *) g_ptr_array_index (self->stages, i))->short_name, name))
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

          if (same_name (s->name, t->name) || same_name (s->name, t->short_name) ||
              same_name (s->short_name, t->name) || same_name (s->short_name, t->short_name))
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
      json_builder_set_member_name (b, "definition");
      json_builder_add_string_value (b, s->definition ? s->definition : "");
      json_builder_set_member_name (b, "team");
      json_builder_add_string_value (b, tandem_team_to_string (s->team));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, tandem_stage_kind_to_string (s->kind));
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

/* ---- Mapping ------------------------------------------------------------- */

#define MAPPING_SETTING "funnel.mapping"

struct _TandemFunnelMapping
{
  TandemFunnelSource  source;
  gboolean            implied;
  GPtrArray          *values;  /* pairs: value, stage, value, stage… */
  GPtrArray          *dates;   /* pairs: stage, column… */
};

TandemFunnelMapping *
tandem_funnel_mapping_new (void)
{
  TandemFunnelMapping *self = g_new0 (TandemFunnelMapping, 1);

  self->source = TANDEM_FUNNEL_SOURCE_AUTO;
  self->implied = TRUE;
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->dates = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
tandem_funnel_mapping_free (TandemFunnelMapping *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->values);
  g_ptr_array_unref (self->dates);
  g_free (self);
}

/* Sets key → value in a pair list (NULL value removes), keys matched ignoring case. */
static void
pairs_set (GPtrArray  *pairs,
           const char *key,
           const char *value)
{
  for (guint i = 0; i < pairs->len; i += 2)
    if (same_name (g_ptr_array_index (pairs, i), key))
      {
        g_ptr_array_remove_range (pairs, i, 2);
        break;
      }
  if (value != NULL)
    {
      g_ptr_array_add (pairs, g_strdup (key));
      g_ptr_array_add (pairs, g_strdup (value));
    }
}

static const char *
pairs_get (const GPtrArray *pairs,
           const char      *key)
{
  for (guint i = 0; i < pairs->len; i += 2)
    if (same_name (g_ptr_array_index (pairs, i), key))
      return g_ptr_array_index (pairs, i + 1);
  return NULL;
}

TandemFunnelSource
tandem_funnel_mapping_get_source (const TandemFunnelMapping *self)
{
  g_return_val_if_fail (self != NULL, TANDEM_FUNNEL_SOURCE_AUTO);
  return self->source;
}

void
tandem_funnel_mapping_set_source (TandemFunnelMapping *self,
                                  TandemFunnelSource   source)
{
  g_return_if_fail (self != NULL);
  self->source = source;
}

gboolean
tandem_funnel_mapping_get_implied (const TandemFunnelMapping *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->implied;
}

void
tandem_funnel_mapping_set_implied (TandemFunnelMapping *self,
                                   gboolean             implied)
{
  g_return_if_fail (self != NULL);
  self->implied = !!implied;
}

void
tandem_funnel_mapping_set_value (TandemFunnelMapping *self,
                                 const char          *value,
                                 const char          *stage)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);
  pairs_set (self->values, value, stage);
}

const char *
tandem_funnel_mapping_get_value (const TandemFunnelMapping *self,
                                 const char                *value)
{
  g_return_val_if_fail (self != NULL, NULL);
  return value ? pairs_get (self->values, value) : NULL;
}

void
tandem_funnel_mapping_set_date_column (TandemFunnelMapping *self,
                                       const char          *stage,
                                       const char          *column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stage != NULL);
  pairs_set (self->dates, stage, column);
}

const char *
tandem_funnel_mapping_get_date_column (const TandemFunnelMapping *self,
                                       const char                *stage)
{
  g_return_val_if_fail (self != NULL, NULL);
  return stage ? pairs_get (self->dates, stage) : NULL;
}

void
tandem_funnel_mapping_rename_stage (TandemFunnelMapping *self,
                                    const char          *old_name,
                                    const char          *new_name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (old_name != NULL);

  /* values: value → stage */
  for (guint i = 0; i < self->values->len;)
    if (same_name (g_ptr_array_index (self->values, i + 1), old_name))
      {
        if (new_name == NULL)
          {
            g_ptr_array_remove_range (self->values, i, 2);
            continue;
          }
        g_free (g_ptr_array_index (self->values, i + 1));
        g_ptr_array_index (self->values, i + 1) = g_strdup (new_name);
        i += 2;
      }
    else
      i += 2;
  /* dates: stage → column */
  for (guint i = 0; i < self->dates->len;)
    if (same_name (g_ptr_array_index (self->dates, i), old_name))
      {
        if (new_name == NULL)
          {
            g_ptr_array_remove_range (self->dates, i, 2);
            continue;
          }
        g_free (g_ptr_array_index (self->dates, i));
        g_ptr_array_index (self->dates, i) = g_strdup (new_name);
        i += 2;
      }
    else
      i += 2;
}

guint
tandem_funnel_mapping_prune (TandemFunnelMapping  *self,
                             const TandemTaxonomy *taxonomy)
{
  guint dropped = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (taxonomy != NULL, 0);

  for (guint i = 0; i < self->values->len;)
    if (tandem_taxonomy_find_stage (taxonomy, g_ptr_array_index (self->values, i + 1)) < 0)
      g_ptr_array_remove_range (self->values, i, 2), dropped++;
    else
      i += 2;
  for (guint i = 0; i < self->dates->len;)
    if (tandem_taxonomy_find_stage (taxonomy, g_ptr_array_index (self->dates, i)) < 0)
      g_ptr_array_remove_range (self->dates, i, 2), dropped++;
    else
      i += 2;
  return dropped;
}

static gboolean
read_pairs (JsonObject  *object,
            const char  *key,
            GPtrArray   *pairs,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  JsonObject *map;
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                   _("The funnel mapping's “%s” must be an object of names to names"), key);
      return FALSE;
    }
  map = json_node_get_object (node);
  members = json_object_get_members (map);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (map, l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping's %s.%s must be a string"), key, (const char *) l->data);
          return FALSE;
        }
      pairs_set (pairs, l->data, json_node_get_string (value));
    }
  return TRUE;
}

TandemFunnelMapping *
tandem_funnel_mapping_new_from_json (const char  *json,
                                     GError     **error)
{
  g_autoptr(TandemFunnelMapping) self = tandem_funnel_mapping_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  root = tandem_json_parse (json, -1, _("The funnel mapping"), &local_error);
  if (root == NULL)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                           _("The funnel mapping must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "source") && !g_str_equal (l->data, "implied") &&
        !g_str_equal (l->data, "values") && !g_str_equal (l->data, "dates"))
      {
        g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                     _("The funnel mapping has an unknown key “%s”; it knows source, implied, values and dates"),
                     (const char *) l->data);
        return NULL;
      }

  node = json_object_get_member (object, "source");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
       !tandem_funnel_source_from_string (json_node_get_string (node), &self->source)))
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                           _("The funnel mapping's source must be auto, dates, stage or history"));
      return NULL;
    }
  node = json_object_get_member (object, "implied");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                               _("The funnel mapping's implied must be true or false"));
          return NULL;
        }
      self->implied = json_node_get_boolean (node);
    }
  if (!read_pairs (object, "values", self->values, error) ||
      !read_pairs (object, "dates", self->dates, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
write_pairs (JsonBuilder     *builder,
             const char      *key,
             const GPtrArray *pairs)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  for (guint i = 0; i < pairs->len; i += 2)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (pairs, i));
      json_builder_add_string_value (builder, g_ptr_array_index (pairs, i + 1));
    }
  json_builder_end_object (builder);
}

char *
tandem_funnel_mapping_to_json (const TandemFunnelMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, tandem_funnel_source_to_string (self->source));
  json_builder_set_member_name (builder, "implied");
  json_builder_add_boolean_value (builder, self->implied);
  write_pairs (builder, "values", self->values);
  write_pairs (builder, "dates", self->dates);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return tandem_json_to_data (root, FALSE);
}

TandemFunnelMapping *
tandem_funnel_mapping_load (TandemStore  *store,
                            GError      **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  json = tandem_store_dup_setting (store, MAPPING_SETTING);
  if (json == NULL)
    return tandem_funnel_mapping_new ();
  return tandem_funnel_mapping_new_from_json (json, error);
}

gboolean
tandem_funnel_mapping_save (const TandemFunnelMapping  *self,
                            TandemStore                *store,
                            GError                    **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  json = tandem_funnel_mapping_to_json (self);
  return tandem_store_set_setting (store, MAPPING_SETTING, json, error);
}

/* ---- Plan ----------------------------------------------------------------- */

struct _TandemFunnelPlan
{
  GPtrArray *stages;   /* char* */
  GArray    *volumes;  /* double */
};

TandemFunnelPlan *
tandem_funnel_plan_new (void)
{
  TandemFunnelPlan *self = g_new0 (TandemFunnelPlan, 1);

  self->stages = g_ptr_array_new_with_free_func (g_free);
  self->volumes = g_array_new (FALSE, FALSE, sizeof (double));
  return self;
}

void
tandem_funnel_plan_free (TandemFunnelPlan *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->stages);
  g_array_unref (self->volumes);
  g_free (self);
}

void
tandem_funnel_plan_set_volume (TandemFunnelPlan *self,
                               const char       *stage,
                               double            volume)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stage != NULL);

  for (guint i = 0; i < self->stages->len; i++)
    if (same_name (g_ptr_array_index (self->stages, i), stage))
      {
        g_ptr_array_remove_index (self->stages, i);
        g_array_remove_index (self->volumes, i);
        break;
      }
  if (!isnan (volume))
    {
      g_ptr_array_add (self->stages, g_strdup (stage));
      g_array_append_val (self->volumes, volume);
    }
}

double
tandem_funnel_plan_get_volume (const TandemFunnelPlan *self,
                               const char             *stage)
{
  g_return_val_if_fail (self != NULL, NAN);

  for (guint i = 0; i < self->stages->len; i++)
    if (same_name (g_ptr_array_index (self->stages, i), stage))
      return g_array_index (self->volumes, double, i);
  return NAN;
}

/* ---- Waterfall: reading the leads ------------------------------------------ */

#define NO_TIME    G_MININT64
#define DAY        G_GINT64_CONSTANT (86400)
#define TERMINAL   (-2)   /* a date column that dates whichever terminal stage a lead is in */

/* Seconds since 0001-01-01 of a stored date, "YYYY-MM-DD[ HH:MM:SS]". */
static gboolean
parse_time (const char *text,
            gint64     *out)
{
  int f[6] = { 0, };
  static const int widths[6] = { 4, 2, 2, 2, 2, 2 };
  const char *p = text;
  int n_fields;

  if (text == NULL)
    return FALSE;
  n_fields = strlen (text) >= 19 ? 6 : 3;
  for (int i = 0; i < n_fields; i++)
    {
      if (i > 0)
        {
          if (*p != '-' && *p != ' ' && *p != 'T' && *p != ':')
            return FALSE;
          p++;
        }
      for (int d = 0; d < widths[i]; d++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          f[i] = f[i] * 10 + (*p - '0');
        }
    }
  if (!g_date_valid_dmy ((GDateDay) f[2], (GDateMonth) f[1], (GDateYear) f[0]) ||
      f[3] > 23 || f[4] > 59 || f[5] > 60)
    return FALSE;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, (GDateDay) f[2], (GDateMonth) f[1], (GDateYear) f[0]);
    *out = (gint64) g_date_get_julian (&date) * DAY + f[3] * 3600 + f[4] * 60 + f[5];
  }
  return TRUE;
}

static gboolean
parse_day (const char  *text,
           const char  *what,
           GDate       *out,
           GError     **error)
{
  gint64 t;

  if (text == NULL || strlen (text) != 10 || !parse_time (text, &t))
    {
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION,
                   /* Translators: %s is “from” or “to”, then the text given */
                   _("The period's %s date must be YYYY-MM-DD, not “%s”"), what, text ? text : "");
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) (t / DAY));
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

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
  int   stage;     /* taxonomy index or TERMINAL */
  char *sql_name;
} DateColumn;

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
} Loaded;

static void
loaded_free (Loaded *l)
{
  g_clear_pointer (&l->entries, g_array_unref);
  g_clear_pointer (&l->leads, g_array_unref);
  g_clear_pointer (&l->segments, g_ptr_array_unref);
  g_clear_pointer (&l->segment_of, g_hash_table_unref);
  g_clear_pointer (&l->stage_of, g_hash_table_unref);
  g_clear_pointer (&l->steps, g_array_unref);
  g_clear_pointer (&l->step_of, g_free);
  g_clear_pointer (&l->unmapped, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loaded, loaded_free)

static void
date_column_clear (DateColumn *c)
{
  g_free (c->sql_name);
}

/* A stage name or value → taxonomy index, or -1; cached. */
static int
resolve_stage (Loaded                    *l,
               const TandemFunnelMapping *mapping,
               const char                *text)
{
  gpointer cached;
  const char *mapped;
  int stage;

  if (text == NULL)
    return -1;
  if (g_hash_table_lookup_extended (l->stage_of, text, NULL, &cached))
    return GPOINTER_TO_INT (cached) - 1;

  mapped = tandem_funnel_mapping_get_value (mapping, text);
  stage = tandem_taxonomy_find_stage (l->taxonomy, mapped ? mapped : text);
  g_hash_table_insert (l->stage_of, g_strdup (text), GINT_TO_POINTER (stage + 1));
  return stage;
}

static gboolean
is_closing_name (const char *name)
{
  return same_name (name, "Closed") || same_name (name, "Close") || same_name (name, "Closing");
}

static TandemStageKind
stage_kind (const Loaded *l,
            int           stage)
{
  return tandem_taxonomy_get_stage (l->taxonomy, (guint) stage)->kind;
}

static gboolean
is_step_kind (TandemStageKind kind)
{
  return kind == TANDEM_STAGE_OPEN || kind == TANDEM_STAGE_WON;
}

/* The date columns of the dates and stage sources: the mapping's first,
 * then stage-date roles, then "created" for the first stage.            */
static gboolean
collect_date_columns (TandemStore                *store,
                      const TandemTaxonomy       *taxonomy,
                      const TandemFunnelMapping  *mapping,
                      GArray                     *out,
                      GError                    **error)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  guint n_stages = tandem_taxonomy_get_n_stages (taxonomy);
  g_autofree gboolean *dated = g_new0 (gboolean, n_stages);
  g_autofree gboolean *used = g_new0 (gboolean, columns->len);

  for (guint i = 0; i < mapping->dates->len; i += 2)
    {
      const char *stage_name = g_ptr_array_index (mapping->dates, i);
      const char *column_name = g_ptr_array_index (mapping->dates, i + 1);
      int stage = tandem_taxonomy_find_stage (taxonomy, stage_name);
      TandemColumn *column = NULL;
      DateColumn dc;

      if (stage < 0)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping dates the stage “%s”, which is not in the taxonomy"), stage_name);
          return FALSE;
        }
      for (guint c = 0; c < columns->len; c++)
        if (g_str_equal (((TandemColumn *) g_ptr_array_index (columns, c))->name, column_name))
          {
            column = g_ptr_array_index (columns, c);
            used[c] = TRUE;
          }
      if (column == NULL)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping reads the dates of “%s” from “%s”, which is not a column of the workspace"),
                       stage_name, column_name);
          return FALSE;
        }
      if (column->type != TANDEM_COLUMN_DATE)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                       _("The funnel mapping reads the dates of “%s” from “%s”, which holds %s, not dates"),
                       stage_name, column_name, tandem_column_type_to_string (column->type));
          return FALSE;
        }
      dated[stage] = TRUE;
      dc.stage = stage;
      dc.sql_name = g_strdup (column->sql_name);
      g_array_append_val (out, dc);
    }

  for (guint c = 0; c < columns->len; c++)
    {
      TandemColumn *column = g_ptr_array_index (columns, c);
      g_autofree char *role_stage = NULL;
      TandemRoleKind kind;
      DateColumn dc;

      if (used[c] || column->type != TANDEM_COLUMN_DATE ||
          !tandem_role_parse (column->role, &kind, &role_stage, NULL) || kind != TANDEM_ROLE_STAGE_DATE)
        continue;
      dc.stage = tandem_taxonomy_find_stage (taxonomy, role_stage);
      if (dc.stage < 0)
        {
          if (!is_closing_name (role_stage))
            continue;
          dc.stage = TERMINAL;
        }
      else if (dated[dc.stage])
        continue;
      else
        dated[dc.stage] = TRUE;
      used[c] = TRUE;
      dc.sql_name = g_strdup (column->sql_name);
      g_array_append_val (out, dc);
    }

  /* A lead's creation is its entry into the funnel */
  if (n_stages > 0 && !dated[0])
    for (guint c = 0; c < columns->len; c++)
      {
        TandemColumn *column = g_ptr_array_index (columns, c);

        if (!used[c] && column->type == TANDEM_COLUMN_DATE && g_strcmp0 (column->role, "created") == 0)
          {
            DateColumn dc = { 0, g_strdup (column->sql_name) };
            g_array_append_val (out, dc);
            break;
          }
      }
  return TRUE;
}

char *
tandem_funnel_automatic_date_column (TandemStore          *store,
                                     const TandemTaxonomy *taxonomy,
                                     guint                 index)
{
  g_autoptr(GPtrArray) columns = NULL;
  const TandemStage *stage;
  const char *closing = NULL, *created = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (taxonomy != NULL, NULL);
  if (index >= tandem_taxonomy_get_n_stages (taxonomy))
    return NULL;
  stage = tandem_taxonomy_get_stage (taxonomy, index);
  columns = tandem_store_list_columns (store);
  for (guint c = 0; c < columns->len; c++)
    {
      TandemColumn *column = g_ptr_array_index (columns, c);
      g_autofree char *role_stage = NULL;
      TandemRoleKind kind;

      if (column->type != TANDEM_COLUMN_DATE)
        continue;
      if (g_strcmp0 (column->role, "created") == 0 && created == NULL)
        created = column->name;
      if (!tandem_role_parse (column->role, &kind, &role_stage, NULL) || kind != TANDEM_ROLE_STAGE_DATE)
        continue;
      if (tandem_taxonomy_find_stage (taxonomy, role_stage) == (int) index)
        return g_strdup (column->name);
      if (is_closing_name (role_stage) && tandem_taxonomy_find_stage (taxonomy, role_stage) < 0 && closing == NULL)
        closing = column->name;
    }
  if (index == 0 && created != NULL)
    return g_strdup (created);
  if (stage->kind != TANDEM_STAGE_OPEN && closing != NULL)
    return g_strdup (closing);
  return NULL;
}

char *
tandem_funnel_last_date (TandemStore *store)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT max (d) FROM (SELECT max (entered_at) AS d FROM stage_history");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  columns = tandem_store_list_columns (store);
  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *c = g_ptr_array_index (columns, k);
      if (c->type == TANDEM_COLUMN_DATE)   /* internal column names only */
        g_string_append_printf (sql, " UNION ALL SELECT max (%s) FROM leads", c->sql_name);
    }
  g_string_append (sql, ")");
  stmt = tandem_store_prepare (store, sql->str, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strndup ((const char *) sqlite3_column_text (stmt, 0), 10);
  return NULL;
}

gboolean
tandem_funnel_period_holding (const char  *last_date,
                              guint        months,
                              char       **out_from,
                              char       **out_to)
{
  int year, month, first;

  g_return_val_if_fail (out_from != NULL && out_to != NULL, FALSE);
  if (last_date == NULL || !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}", last_date, 0, 0) ||
      (months != 1 && months != 3 && months != 12))
    return FALSE;
  year = atoi (last_date);
  month = atoi (last_date + 5);
  if (month < 1 || month > 12 || year < 1)
    return FALSE;
  first = months == 12 ? 1 : months == 3 ? (month - 1) / 3 * 3 + 1 : month;
  *out_from = g_strdup_printf ("%04d-%02d-01", year, first);
  *out_to = g_strdup_printf ("%04d-%02d-%02d", year, first + (int) months - 1,
                             g_date_get_days_in_month ((GDateMonth) (first + (int) months - 1), (GDateYear) year));
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return x->stage - y->stage;
}

static int
segment_index (Loaded     *l,
               const char *value)
{
  gpointer found;

  if (value == NULL || value[0] == '\0')
    {
      if (l->null_segment < 0)
        {
          l->null_segment = (int) l->segments->len;
          g_ptr_array_add (l->segments, NULL);
        }
      return l->null_segment;
    }
  found = g_hash_table_lookup (l->segment_of, value);
  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;
  g_ptr_array_add (l->segments, g_strdup (value));
  g_hash_table_insert (l->segment_of, g_strdup (value), GINT_TO_POINTER (l->segments->len));
  return (int) l->segments->len - 1;
}

static gboolean
load_leads (TandemStore                *store,
            const TandemTaxonomy       *taxonomy,
            const TandemFunnelMapping  *mapping,
            const char                 *segment_field,
            Loaded                     *l,
            GCancellable               *cancellable,
            GError                    **error)
{
  g_autoptr(GArray) date_columns = g_array_new (FALSE, FALSE, sizeof (DateColumn));
  g_autoptr(TandemColumn) stage_column = NULL;
  g_autoptr(TandemColumn) segment_column = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT id, ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) history = NULL;
  g_autoptr(GArray) tmp = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint n_stages = tandem_taxonomy_get_n_stages (taxonomy);
  g_autofree gboolean *mapped = g_new0 (gboolean, n_stages);
  gboolean history_row = FALSE;
  guint n_read = 0;
  int rc;

  g_array_set_clear_func (date_columns, (GDestroyNotify) date_column_clear);

  l->taxonomy = taxonomy;
  l->implied = tandem_funnel_mapping_get_implied (mapping);
  l->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  l->leads = g_array_new (FALSE, FALSE, sizeof (Lead));
  l->segments = g_ptr_array_new_with_free_func (g_free);
  l->segment_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l->null_segment = -1;
  l->stage_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l->steps = g_array_new (FALSE, FALSE, sizeof (int));
  l->step_of = g_new (int, MAX (n_stages, 1));
  l->unmapped = g_ptr_array_new_with_free_func (g_free);

  if (segment_field != NULL)
    {
      segment_column = tandem_store_find_column (store, segment_field);
      if (segment_column == NULL)
        segment_column = tandem_store_find_column_by_role (store, segment_field);
      if (segment_column == NULL)
        {
          g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION,
                       _("The workspace has no column “%s” to break the waterfall down by"), segment_field);
          return FALSE;
        }
    }

  stage_column = tandem_store_find_column_by_role (store, "stage");
  l->source = tandem_funnel_mapping_get_source (mapping);
  if (l->source == TANDEM_FUNNEL_SOURCE_AUTO)
    {
      if (tandem_store_count_stage_history (store) > 0)
        l->source = TANDEM_FUNNEL_SOURCE_HISTORY;
      else if (stage_column != NULL)
        l->source = TANDEM_FUNNEL_SOURCE_STAGE;
      else
        l->source = TANDEM_FUNNEL_SOURCE_DATES;
    }
  if (l->source == TANDEM_FUNNEL_SOURCE_STAGE && stage_column == NULL)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_MAPPING,
                           _("The funnel mapping reads each lead's current stage, but the workspace has no "
                             "column with the role “stage”"));
      return FALSE;
    }
  if (l->source != TANDEM_FUNNEL_SOURCE_HISTORY &&
      !collect_date_columns (store, taxonomy, mapping, date_columns, error))
    return FALSE;

  /* Only internal column names ("key", "c<N>") are spliced into the SQL. */
  g_string_append_printf (sql, "%s, %s",
                          l->source == TANDEM_FUNNEL_SOURCE_STAGE ? stage_column->sql_name : "NULL",
                          segment_column ? segment_column->sql_name : "NULL");
  for (guint i = 0; i < date_columns->len; i++)
    g_string_append_printf (sql, ", %s", g_array_index (date_columns, DateColumn, i).sql_name);
  g_string_append (sql, " FROM leads ORDER BY id");

  stmt = tandem_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  if (l->source == TANDEM_FUNNEL_SOURCE_HISTORY)
    {
      history = tandem_store_prepare (store, "SELECT lead, stage, entered_at FROM stage_history "
                                             "ORDER BY lead, entered_at, id", error);
      if (history == NULL)
        return FALSE;
      history_row = sqlite3_step (history) == SQLITE_ROW;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int current = -1;
      Lead lead;

      if ((++n_read & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_array_set_size (tmp, 0);
      if (l->source == TANDEM_FUNNEL_SOURCE_HISTORY)
        {
          while (history_row && sqlite3_column_int64 (history, 0) < id)
            history_row = sqlite3_step (history) == SQLITE_ROW;
          while (history_row && sqlite3_column_int64 (history, 0) == id)
            {
              Entry e;

              e.stage = resolve_stage (l, mapping, (const char *) sqlite3_column_text (history, 1));
              if (e.stage >= 0)
                {
                  if (!parse_time ((const char *) sqlite3_column_text (history, 2), &e.t))
                    e.t = NO_TIME;
                  g_array_append_val (tmp, e);
                }
              history_row = sqlite3_step (history) == SQLITE_ROW;
            }
          if (tmp->len > 0)
            current = g_array_index (tmp, Entry, tmp->len - 1).stage;
        }
      else
        {
          gint64 terminal_t = NO_TIME;
          gboolean has_current = FALSE;

          for (guint i = 0; i < date_columns->len; i++)
            {
              DateColumn *dc = &g_array_index (date_columns, DateColumn, i);
              Entry e;

              if (!parse_time ((const char *) sqlite3_column_text (stmt, 3 + (int) i), &e.t))
                continue;
              if (dc->stage == TERMINAL)
                terminal_t = e.t;
              else
                {
                  e.stage = dc->stage;
                  g_array_append_val (tmp, e);
                }
            }
          if (l->source == TANDEM_FUNNEL_SOURCE_STAGE)
            {
              current = resolve_stage (l, mapping, (const char *) sqlite3_column_text (stmt, 1));
              for (guint i = 0; current >= 0 && i < tmp->len; i++)
                if (g_array_index (tmp, Entry, i).stage == current)
                  has_current = TRUE;
              /* A close date dates the won, lost or disqualified stage the lead is in */
              if (current >= 0 && !has_current && stage_kind (l, current) != TANDEM_STAGE_OPEN &&
                  terminal_t != NO_TIME)
                {
                  Entry e = { current, terminal_t };
                  g_array_append_val (tmp, e);
                  has_current = TRUE;
                }
            }
          g_array_sort (tmp, compare_entries);
          if (current >= 0 && !has_current)
            {
              Entry e = { current, NO_TIME };
              g_array_append_val (tmp, e);
            }
          /* From dates alone, a lead is where it got furthest: one date per
           * stage cannot tell a recycled lead from a backwards date.      */
          for (guint i = 0; l->source == TANDEM_FUNNEL_SOURCE_DATES && i < tmp->len; i++)
            current = MAX (current, g_array_index (tmp, Entry, i).stage);
        }

      if (tmp->len == 0)
        {
          l->unplaced++;
          continue;
        }
      lead.first = l->entries->len;
      lead.n = tmp->len;
      lead.current = current;
      lead.segment = 0;
      if (segment_column != NULL)
        {
          g_autofree char *value = tandem_store_format_value (stmt, 2, segment_column->type);
          lead.segment = segment_index (l, value);
        }
      for (guint i = 0; i < tmp->len; i++)
        mapped[g_array_index (tmp, Entry, i).stage] = TRUE;
      g_array_append_vals (l->entries, tmp->data, tmp->len);
      g_array_append_val (l->leads, lead);
    }
  if (rc != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not read the leads"));
      return FALSE;
    }
  if (segment_column == NULL)
    segment_index (l, NULL);

  /* The waterfall's steps: the open and won stages the data reaches */
  for (guint i = 0; i < n_stages; i++)
    {
      const TandemStage *s = tandem_taxonomy_get_stage (taxonomy, i);

      l->step_of[i] = -1;
      if (!is_step_kind (s->kind))
        continue;
      if (!mapped[i])
        {
          g_ptr_array_add (l->unmapped, g_strdup (s->name));
          continue;
        }
      l->step_of[i] = (int) l->steps->len;
      g_array_append_val (l->steps, i);
    }
  return TRUE;
}

/* ---- Waterfall: counting ----------------------------------------------------- */

typedef struct
{
  gint64  reached, open, lost, recycled, negative;
  GArray *days;  /* double */
} Tally;

typedef struct
{
  gboolean bounded;
  gint64   lo, hi;   /* [lo, hi) in seconds */
} Range;

static gboolean
in_range (const Range *r,
          gint64       t)
{
  if (!r->bounded)
    return TRUE;
  return t != NO_TIME && t >= r->lo && t < r->hi;
}

/* The date the lead entered @stage that counts: its latest entry (in the
 * period, for flow); NO_TIME when it has none.                          */
static gint64
stage_time (const Entry *entries,
            guint        n,
            int          stage,
            const Range *range)
{
  gint64 t = NO_TIME;

  for (guint i = 0; i < n; i++)
    if (entries[i].stage == stage && entries[i].t != NO_TIME &&
        (range == NULL || in_range (range, entries[i].t)))
      t = MAX (t, entries[i].t);
  return t;
}

/* The previous stage's date for a stage entered at @at: its latest entry
 * at or before @at, or failing that its earliest (a backwards duration). */
static gint64
previous_time (const Entry *entries,
               guint        n,
               int          stage,
               gint64       at)
{
  gint64 before = NO_TIME, after = G_MAXINT64;

  for (guint i = 0; i < n; i++)
    {
      if (entries[i].stage != stage || entries[i].t == NO_TIME)
        continue;
      if (entries[i].t <= at)
        before = MAX (before, entries[i].t);
      else
        after = MIN (after, entries[i].t);
    }
  if (before != NO_TIME)
    return before;
  return after == G_MAXINT64 ? NO_TIME : after;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *values)
{
  double *v = (double *) values->data;
  guint n = values->len;

  if (n == 0)
    return NAN;
  qsort (v, n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
mean (GArray *values)
{
  double sum = 0;

  if (values->len == 0)
    return NAN;
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  return sum / values->len;
}

/* Counts one lead into its segment's tallies (one per waterfall step). */
static void
count_lead (const Loaded        *l,
            const Lead          *lead,
            TandemWaterfallMode  mode,
            const Range         *range,
            Tally               *tallies,
            gint64              *undated)
{
  const Entry *entries = &g_array_index (l->entries, Entry, lead->first);
  guint w = l->steps->len;
  g_autofree gboolean *reached = g_new0 (gboolean, w);
  g_autofree gboolean *counted = g_new0 (gboolean, w);
  g_autofree gboolean *lost = g_new0 (gboolean, w);
  g_autofree gboolean *recycled = g_new0 (gboolean, w);
  g_autofree gint64 *lost_t = g_new0 (gint64, w);
  gint64 first_t = NO_TIME;
  int cur = -1, pending = -1, furthest = -1, current_step = -1;
  gboolean any_dated = FALSE;

  if (w == 0)
    return;

  /* The lead's path, in the order it happened */
  for (guint i = 0; i < lead->n; i++)
    {
      const Entry *e = &entries[i];
      int k = l->step_of[e->stage];
      TandemStageKind kind = stage_kind (l, e->stage);

      if (e->t != NO_TIME)
        {
          first_t = any_dated ? MIN (first_t, e->t) : e->t;
          any_dated = TRUE;
        }
      if (k >= 0)
        {
          reached[k] = TRUE;
          if (pending >= 0 && kind == TANDEM_STAGE_OPEN)
            {
              recycled[pending] = TRUE;
              pending = -1;
            }
          cur = k;
        }
      else if (kind == TANDEM_STAGE_LOST || kind == TANDEM_STAGE_DISQUALIFIED)
        {
          /* Lost before any step we know of: lost from the first */
          int from = cur >= 0 ? cur : 0;

          reached[from] = TRUE;
          lost[from] = TRUE;
          lost_t[from] = e->t == NO_TIME ? G_MAXINT64 : e->t;
          pending = from;
        }
    }
  for (guint k = 0; k < w; k++)
    if (reached[k])
      furthest = (int) k;
  if (furthest < 0)
    return;
  if (l->implied)
    for (int k = 0; k < furthest; k++)
      reached[k] = TRUE;
  if (lead->current >= 0 && stage_kind (l, lead->current) == TANDEM_STAGE_OPEN)
    current_step = l->step_of[lead->current];

  if (mode == TANDEM_WATERFALL_COHORT)
    {
      if (range->bounded && !any_dated)
        {
          (*undated)++;
          return;
        }
      if (!in_range (range, first_t))
        return;
      memcpy (counted, reached, w * sizeof (gboolean));
    }
  else
    {
      if (range->bounded && !any_dated)
        {
          (*undated)++;
          return;
        }
      for (guint k = 0; k < w; k++)
        counted[k] = range->bounded
                     ? stage_time (entries, lead->n, g_array_index (l->steps, int, k), range) != NO_TIME
                     : reached[k];
    }

  for (guint k = 0; k < w; k++)
    {
      Tally *t = &tallies[k];
      gint64 at, before;

      if (!counted[k])
        continue;
      at = stage_time (entries, lead->n, g_array_index (l->steps, int, k),
                       mode == TANDEM_WATERFALL_FLOW ? range : NULL);
      t->reached++;
      if ((int) k == current_step)
        t->open++;
      /* In flow, a loss counts against the entry in the period, not an earlier one */
      if (lost[k] && (mode == TANDEM_WATERFALL_COHORT || at == NO_TIME || lost_t[k] >= at))
        {
          t->lost++;
          if (recycled[k])
            t->recycled++;
        }
      if (k == 0 || at == NO_TIME)
        continue;

      before = previous_time (entries, lead->n, g_array_index (l->steps, int, k - 1), at);
      if (before == NO_TIME)
        continue;
      if (at < before)
        t->negative++;
      else
        {
          double days = (double) (at - before) / DAY;
          g_array_append_val (t->days, days);
        }
    }
}

static void
segment_free (TandemWaterfallSegment *segment)
{
  if (segment == NULL)
    return;
  for (guint i = 0; segment->stages && i < segment->stages->len; i++)
    {
      TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, i);
      g_free (s->name);
      g_free (s->short_name);
    }
  g_clear_pointer (&segment->stages, g_array_unref);
  g_free (segment->segment);
  g_free (segment);
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const TandemWaterfallSegment *x = *(TandemWaterfallSegment *const *) a;
  const TandemWaterfallSegment *y = *(TandemWaterfallSegment *const *) b;
  gint64 nx = x->stages->len ? g_array_index (x->stages, TandemWaterfallStage, 0).reached : 0;
  gint64 ny = y->stages->len ? g_array_index (y->stages, TandemWaterfallStage, 0).reached : 0;

  /* Largest first; the empty value last; then by name */
  if (nx != ny)
    return nx > ny ? -1 : 1;
  if ((x->segment == NULL) != (y->segment == NULL))
    return x->segment == NULL ? 1 : -1;
  return g_strcmp0 (x->segment, y->segment);
}

static TandemWaterfall *
waterfall_new (void)
{
  TandemWaterfall *self = g_new0 (TandemWaterfall, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  self->unmapped = g_ptr_array_new_with_free_func (g_free);
  return self;
}

TandemWaterfall *
tandem_waterfall_ref (TandemWaterfall *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tandem_waterfall_unref (TandemWaterfall *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->from);
  g_free (self->to);
  g_free (self->segment_field);
  g_ptr_array_unref (self->segments);
  g_ptr_array_unref (self->unmapped);
  g_clear_pointer (&self->previous, tandem_waterfall_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (TandemWaterfall, tandem_waterfall, tandem_waterfall_ref, tandem_waterfall_unref)

/* One period's waterfall from the loaded leads. */
static TandemWaterfall *
waterfall_count (const Loaded        *l,
                 TandemWaterfallMode  mode,
                 const GDate         *from,
                 const GDate         *to,
                 const char          *segment_field)
{
  TandemWaterfall *self = waterfall_new ();
  guint w = l->steps->len;
  guint n_segments = l->segments->len;
  g_autofree Tally *tallies = g_new0 (Tally, (gsize) MAX (w, 1) * n_segments);
  Range range = { FALSE, 0, 0 };

  self->mode = mode;
  self->source = l->source;
  self->implied = l->implied;
  self->segment_field = g_strdup (segment_field);
  self->unplaced = l->unplaced;
  for (guint i = 0; i < l->unmapped->len; i++)
    g_ptr_array_add (self->unmapped, g_strdup (g_ptr_array_index (l->unmapped, i)));

  if (from != NULL || to != NULL)
    {
      range.bounded = TRUE;
      range.lo = from ? (gint64) g_date_get_julian (from) * DAY : G_MININT64 + 1;
      range.hi = to ? ((gint64) g_date_get_julian (to) + 1) * DAY : G_MAXINT64;
      self->from = from ? format_day (from) : NULL;
      self->to = to ? format_day (to) : NULL;
    }

  for (guint i = 0; i < w * n_segments; i++)
    tallies[i].days = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < l->leads->len; i++)
    {
      const Lead *lead = &g_array_index (l->leads, Lead, i);
      count_lead (l, lead, mode, &range, &tallies[(gsize) lead->segment * w], &self->undated);
    }

  for (guint s = 0; s < n_segments; s++)
    {
      TandemWaterfallSegment *segment = g_new0 (TandemWaterfallSegment, 1);
      Tally *t = &tallies[(gsize) s * w];
      gboolean any = FALSE;

      segment->segment = g_strdup (g_ptr_array_index (l->segments, s));
      segment->stages = g_array_sized_new (FALSE, TRUE, sizeof (TandemWaterfallStage), w);
      for (guint k = 0; k < w; k++)
        {
          const TandemStage *stage = tandem_taxonomy_get_stage (l->taxonomy, (guint) g_array_index (l->steps, int, k));
          TandemWaterfallStage ws = { 0, };

          ws.name = g_strdup (stage->name);
          ws.short_name = g_strdup (stage->short_name);
          ws.taxonomy_index = (guint) g_array_index (l->steps, int, k);
          ws.kind = stage->kind;
          ws.reached = t[k].reached;
          ws.open = t[k].open;
          ws.lost = t[k].lost;
          ws.recycled = t[k].recycled;
          ws.negative_durations = t[k].negative;
          ws.durations = t[k].days->len;
          ws.conversion_from_previous = k > 0 && t[k - 1].reached > 0 ? (double) t[k].reached / t[k - 1].reached : NAN;
          ws.conversion_from_first = t[0].reached > 0 ? (double) t[k].reached / t[0].reached : NAN;
          ws.median_days_from_previous = median (t[k].days);
          ws.mean_days_from_previous = mean (t[k].days);
          ws.planned = NAN;
          g_array_append_val (segment->stages, ws);
        }
      /* A breakdown lists the values that have leads in the period */
      for (guint k = 0; k < w; k++)
        any |= t[k].reached > 0;
      if (segment_field != NULL && !any)
        segment_free (segment);
      else
        g_ptr_array_add (self->segments, segment);
    }
  g_ptr_array_sort (self->segments, compare_segments);

  for (guint i = 0; i < w * n_segments; i++)
    g_array_unref (tallies[i].days);
  return self;
}

TandemWaterfall *
tandem_waterfall_compute (TandemStore                   *store,
                          const TandemTaxonomy          *taxonomy,
                          const TandemFunnelMapping     *mapping,
                          const TandemWaterfallOptions  *options,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  g_auto(Loaded) loaded = { 0, };
  TandemWaterfall *self;
  GDate from, to;
  gboolean has_from, has_to;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (taxonomy != NULL, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (tandem_taxonomy_get_n_stages (taxonomy) == 0)
    {
      g_set_error_literal (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_NO_TAXONOMY,
                           _("The workspace has no lead taxonomy yet; choose one first "
                             "(classic, extended or pipeline)"));
      return NULL;
    }
  if (!tandem_taxonomy_validate (taxonomy, error))
    return NULL;

  has_from = options->from != NULL;
  has_to = options->to != NULL;
  if ((has_from && !parse_day (options->from, _("start"), &from, error)) ||
      (has_to && !parse_day (options->to, _("end"), &to, error)))
    return NULL;
  if (has_from && has_to && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_BAD_OPTION,
                   _("The period starts on %s, after it ends on %s"), options->from, options->to);
      return NULL;
    }

  if (!load_leads (store, taxonomy, mapping, options->segment, &loaded, cancellable, error))
    return NULL;

  self = waterfall_count (&loaded, options->mode, has_from ? &from : NULL, has_to ? &to : NULL, options->segment);

  /* The previous period of equal length, ending the day before */
  if (options->previous && has_from && has_to)
    {
      guint days = g_date_get_julian (&to) - g_date_get_julian (&from) + 1;
      GDate prev_from, prev_to;

      prev_to = from;
      g_date_subtract_days (&prev_to, 1);
      prev_from = from;
      g_date_subtract_days (&prev_from, days);
      self->previous = waterfall_count (&loaded, options->mode, &prev_from, &prev_to, options->segment);
    }
  return self;
}

void
tandem_waterfall_set_plan (TandemWaterfall        *self,
                           const TandemFunnelPlan *plan)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      TandemWaterfallSegment *segment = g_ptr_array_index (self->segments, i);

      for (guint k = 0; k < segment->stages->len; k++)
        {
          TandemWaterfallStage *s = &g_array_index (segment->stages, TandemWaterfallStage, k);
          double volume = NAN;

          /* A plan is for the whole funnel, not a segment of it */
          if (plan != NULL && self->segment_field == NULL)
            {
              volume = tandem_funnel_plan_get_volume (plan, s->name);
              if (isnan (volume))
                volume = tandem_funnel_plan_get_volume (plan, s->short_name);
            }
          s->planned = volume;
        }
    }
}
