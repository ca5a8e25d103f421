/* tandem-scoring-state.c — the scoring model being edited, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit first records the draft as it was (undo), then changes the
 * draft, then brings the scorer along: in place where it can, else by
 * scoring again on a worker thread.  The draft is saved into the
 * workspace a moment after each edit, so a crash loses nothing; Publish
 * makes it the live model.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-decisions.h"
#include "tandem-scoring-state-private.h"
#include "tandem-state-props.h"

G_DEFINE_FINAL_TYPE (TandemScoringState, tandem_scoring_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MODEL,
  PROP_LIVE_MODEL,
  PROP_BASE_NAME,
  PROP_STATUS,
  PROP_FAILURE,
  PROP_BUSY,
  PROP_PUBLISHED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MQL,
  PROP_MQL_WON,
  PROP_HAS_OUTCOMES,
  PROP_LIVE_MQL,
  PROP_DETAILS_READY,
  PROP_ENTERING,
  PROP_LEAVING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { COUNTS_CHANGED, RULES_CHANGED, DETAILS_CHANGED, SCORED, MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean update_details (gpointer data);

GType
tandem_scoring_status_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { TANDEM_SCORING_STATUS_EMPTY, "TANDEM_SCORING_STATUS_EMPTY", "empty" },
    { TANDEM_SCORING_STATUS_LOADING, "TANDEM_SCORING_STATUS_LOADING", "loading" },
    { TANDEM_SCORING_STATUS_FAILED, "TANDEM_SCORING_STATUS_FAILED", "failed" },
    { TANDEM_SCORING_STATUS_READY, "TANDEM_SCORING_STATUS_READY", "ready" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("TandemScoringStatus"), values));
  return type;
}

void
_tandem_scoring_state_message (TandemScoringState *self,
                               const char         *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static void
set_status (TandemScoringState  *self,
            TandemScoringStatus  status,
            const char          *failure)
{
  tandem_state_set_string (G_OBJECT (self), &self->failure, failure, properties[PROP_FAILURE]);
  tandem_state_set_uint (G_OBJECT (self), (guint *) &self->status, status, properties[PROP_STATUS]);
}

static gpointer
snapshot_copy (gpointer data)
{
  const Snapshot *from = data;
  Snapshot *copy = g_new0 (Snapshot, 1);

  copy->model = tandem_model_copy (from->model);
  copy->what = g_strdup (from->what);
  return copy;
}

void
_tandem_scoring_state_snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_clear_pointer (&snapshot->model, tandem_model_unref);
  g_free (snapshot->what);
  g_free (snapshot);
}

/* ---- Saving the draft ---------------------------------------------------- */

char *
_tandem_scoring_state_draft_name (const char *base_name)
{
  return g_strconcat (base_name, TANDEM_STORE_DRAFT_SUFFIX, NULL);
}

static gboolean
save_draft (gpointer   data,
            GError   **error)
{
  TandemScoringState *self = data;
  g_autoptr(TandemModel) copy = NULL;
  g_autoptr(TandemModel) base = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL || self->model == NULL)
    return TRUE;
  name = _tandem_scoring_state_draft_name (self->base_name);
  /* Nothing to keep when the draft is the stored model itself */
  base = tandem_model_load (self->store, self->base_name, NULL);
  if (base != NULL && tandem_model_equal (self->model, base))
    return tandem_model_delete (self->store, name, error);
  copy = tandem_model_copy (self->model);
  tandem_model_set_name (copy, name);
  return tandem_model_save (copy, self->store, FALSE, error);
}

static void
on_save_failed (TandemScoringState *self,
                GError             *error)
{
  g_autofree char *text = g_strdup_printf (_("Could not save the draft: %s"), error->message);
  _tandem_scoring_state_message (self, text);
}

void
_tandem_scoring_state_update_published (TandemScoringState *self)
{
  gboolean published = self->model != NULL && self->live != NULL &&
                       g_strcmp0 (self->base_name, tandem_model_get_name (self->live)) == 0 &&
                       tandem_model_equal (self->model, self->live);

  if (published == self->published)
    return;
  self->published = published;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

void
_tandem_scoring_state_edited (TandemScoringState *self)
{
  tandem_draft_keeper_queue (self->keeper);
  _tandem_scoring_state_update_published (self);
}

void
_tandem_scoring_state_replace_draft (TandemScoringState *self,
                                     TandemModel        *model,
                                     char               *what)
{
  g_clear_pointer (&self->model, tandem_model_unref);
  self->model = model;
  g_free (self->what);
  self->what = what;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* ---- Counting ------------------------------------------------------------ */

void
_tandem_scoring_state_recount (TandemScoringState *self,
                               gboolean            light)
{
  guint mql, mql_won = 0;

  if (self->scorer == NULL || self->model == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  mql = tandem_scorer_count_matrix_won (self->scorer, self->model, self->counts, self->won);
  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
      if (tandem_model_is_mql_cell (self->model, f, i))
        mql_won += self->won[f][i];
  tandem_state_set_uint (G_OBJECT (self), &self->mql, mql, properties[PROP_MQL]);
  tandem_state_set_uint (G_OBJECT (self), &self->mql_won, mql_won, properties[PROP_MQL_WON]);
  tandem_state_set_uint (G_OBJECT (self), (guint *) &self->has_outcomes, !!tandem_scorer_has_outcomes (self->scorer),
                         properties[PROP_HAS_OUTCOMES]);
  tandem_state_set_uint (G_OBJECT (self), (guint *) &self->details_ready, FALSE, properties[PROP_DETAILS_READY]);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0, light);
  g_object_thaw_notify (G_OBJECT (self));

  /* What needs a pass over every lead comes after the new counts are
   * out: who enters and leaves MQL, each rule's reach and lift. */
  if (!light && self->details_id == 0)
    self->details_id = g_idle_add_full (G_PRIORITY_LOW, update_details, self, NULL);
}

static gboolean
update_details (gpointer data)
{
  TandemScoringState *self = data;
  TandemModel *scored;

  self->details_id = 0;
  if (self->scorer == NULL || self->model == NULL)
    return G_SOURCE_REMOVE;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->live_scorer != NULL && !self->published)
    {
      guint entering, leaving;

      tandem_scorer_diff_mql (self->scorer, self->model, self->live_scorer, self->live, &entering, &leaving);
      tandem_state_set_uint (G_OBJECT (self), &self->entering, entering, properties[PROP_ENTERING]);
      tandem_state_set_uint (G_OBJECT (self), &self->leaving, leaving, properties[PROP_LEAVING]);
      tandem_state_set_uint (G_OBJECT (self), (guint *) &self->details_ready, TRUE, properties[PROP_DETAILS_READY]);
    }
  scored = tandem_scorer_get_model (self->scorer);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      guint n = tandem_model_get_dimension (self->model, d)->rules->len;

      g_array_set_size (self->reach[d], 0);
      if (tandem_model_get_dimension (scored, d)->rules->len != n)
        continue;
      g_array_set_size (self->reach[d], n);
      for (guint r = 0; r < n; r++)
        {
          RuleReach *reach = &g_array_index (self->reach[d], RuleReach, r);
          tandem_scorer_rule_stats (self->scorer, d, r, &reach->matched, &reach->matched_won);
        }
    }
  g_signal_emit (self, signals[DETAILS_CHANGED], 0);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

/* Brings the scorer to the draft: in place when only points, on/off,
 * limits or bands differ, else by scoring again. */
static void
sync_scorer (TandemScoringState *self)
{
  TandemModel *scored;

  if (self->scorer == NULL || self->busy)
    return;   /* the running job's result is synced when it lands */
  scored = tandem_scorer_get_model (self->scorer);
  if (!tandem_model_same_rules (scored, self->model))
    {
      _tandem_scoring_state_score_again (self, FALSE);
      return;
    }
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *want = tandem_model_get_dimension (self->model, d);
      TandemDimensionSpec *have = tandem_model_get_dimension (scored, d);

      for (guint r = 0; r < want->rules->len; r++)
        {
          TandemRule *a = g_ptr_array_index (want->rules, r);
          TandemRule *b = g_ptr_array_index (have->rules, r);
          if (a->points != b->points)
            tandem_scorer_set_points (self->scorer, d, r, a->points);
          if (!a->enabled != !b->enabled)
            tandem_scorer_set_enabled (self->scorer, d, r, a->enabled);
        }
      if (want->has_floor != have->has_floor || want->floor != have->floor ||
          want->has_cap != have->has_cap || want->cap != have->cap)
        tandem_scorer_set_limits (self->scorer, d, want->has_floor, want->floor, want->has_cap, want->cap);
    }
  tandem_scorer_set_bands (self->scorer, self->model);
}

void
_tandem_scoring_state_apply (TandemScoringState *self,
                             gboolean            rules)
{
  if (rules)
    {
      /* The rules' reach is known again once the details are */
      for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
        g_array_set_size (self->reach[d], 0);
      g_signal_emit (self, signals[RULES_CHANGED], 0);
    }
  sync_scorer (self);
  _tandem_scoring_state_recount (self, FALSE);
  _tandem_scoring_state_edited (self);
}

/* ---- Scoring on a worker thread ------------------------------------------ */

typedef struct
{
  TandemStore  *store;        /* a second connection, the thread's alone */
  TandemModel  *model;
  TandemModel  *live;         /* also score the live model, or NULL */
  guint         generation;
  TandemScorer *scorer;
  TandemScorer *live_scorer;
} ScoreJob;

static void
score_job_free (ScoreJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->model, tandem_model_unref);
  g_clear_pointer (&job->live, tandem_model_unref);
  g_clear_pointer (&job->scorer, tandem_scorer_free);
  g_clear_pointer (&job->live_scorer, tandem_scorer_free);
  g_free (job);
}

static void
score_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ScoreJob *job = task_data;
  GError *error = NULL;

  job->scorer = tandem_scorer_new (job->store, job->model, NULL, cancellable, &error);
  if (job->scorer == NULL || !tandem_scorer_load_outcomes (job->scorer, job->store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->live != NULL)
    {
      /* The live model may no longer fit the workspace: no comparison then */
      job->live_scorer = tandem_scorer_new (job->store, job->live, NULL, cancellable, NULL);
      if (job->live_scorer != NULL)
        tandem_scorer_load_outcomes (job->live_scorer, job->store, NULL);
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (TandemScoringState *self,
          gboolean            busy)
{
  tandem_state_set_uint (G_OBJECT (self), (guint *) &self->busy, busy, properties[PROP_BUSY]);
}

static void
score_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TandemScoringState *self = TANDEM_SCORING_STATE (source);
  ScoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job->generation != self->generation)
    return;   /* a newer job is on its way */
  set_busy (self, FALSE);

  if (!ok)
    {
      if (self->scorer == NULL)
        set_status (self, TANDEM_SCORING_STATUS_FAILED, error->message);
      else
        {
          g_autofree char *text = g_strdup_printf (_("Could not score: %s"), error->message);
          _tandem_scoring_state_message (self, text);
        }
      g_signal_emit (self, signals[SCORED], 0);
      return;
    }

  g_clear_pointer (&self->scorer, tandem_scorer_free);
  self->scorer = g_steal_pointer (&job->scorer);
  if (job->live != NULL)
    {
      guint won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];

      g_clear_pointer (&self->live_scorer, tandem_scorer_free);
      self->live_scorer = g_steal_pointer (&job->live_scorer);
      if (self->live_scorer != NULL)
        {
          self->live_mql = tandem_scorer_count_matrix_won (self->live_scorer, self->live, self->live_counts, won);
          self->live_mql_won = 0;
          for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
            for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
              if (tandem_model_is_mql_cell (self->live, f, i))
                self->live_mql_won += won[f][i];
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_MQL]);
    }
  /* Edits made while it ran: in place if they can be */
  sync_scorer (self);
  set_status (self, TANDEM_SCORING_STATUS_READY, NULL);
  _tandem_scoring_state_recount (self, FALSE);
  g_signal_emit (self, signals[SCORED], 0);
}

void
_tandem_scoring_state_score_again (TandemScoringState *self,
                                   gboolean            with_live)
{
  g_autoptr(GTask) task = NULL;
  ScoreJob *job;

  if (self->store == NULL || self->model == NULL)
    return;
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (ScoreJob, 1);
  job->store = tandem_store_dup_for_thread (self->store);
  job->model = tandem_model_copy (self->model);
  job->live = with_live && self->live ? tandem_model_copy (self->live) : NULL;
  job->generation = self->generation;
  set_busy (self, TRUE);
  if (self->scorer == NULL)
    set_status (self, TANDEM_SCORING_STATUS_LOADING, NULL);

  task = g_task_new (self, self->cancellable, score_done, NULL);
  g_task_set_source_tag (task, _tandem_scoring_state_score_again);
  g_task_set_task_data (task, job, (GDestroyNotify) score_job_free);
  g_task_run_in_thread (task, score_thread);
}

/* ---- Loading ------------------------------------------------------------- */

void
_tandem_scoring_state_set_live (TandemScoringState *self,
                                TandemModel        *live)
{
  g_clear_pointer (&self->live, tandem_model_unref);
  self->live = live;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_MODEL]);
}

void
_tandem_scoring_state_set_base_name (TandemScoringState *self,
                                     const char         *name)
{
  if (g_strcmp0 (self->base_name, name) == 0)
    return;
  g_free (self->base_name);
  self->base_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_NAME]);
}

static void
clear_scorers (TandemScoringState *self)
{
  g_clear_pointer (&self->scorer, tandem_scorer_free);
  g_clear_pointer (&self->live_scorer, tandem_scorer_free);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_array_set_size (self->reach[d], 0);
}

/* Starts editing a stored model (or its unpublished draft), or a new
 * empty one when the workspace has none. */
void
_tandem_scoring_state_load_model (TandemScoringState *self,
                                  const char         *name)
{
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(TandemModel) draft = NULL;
  g_autofree char *draft_key = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  _tandem_scoring_state_set_live (self, tandem_model_load (self->store, NULL, NULL));
  model = name ? tandem_model_load (self->store, name, NULL) : self->live ? tandem_model_copy (self->live) : NULL;
  if (model == NULL)
    {
      model = tandem_model_new_from_json ("{\"name\": \"Scoring model\", \"fit\": {\"bands\": [60, 40, 20], \"rules\": []},"
                                          " \"interest\": {\"bands\": [50, 25, 10], \"rules\": []},"
                                          " \"mql\": [\"A1\", \"A2\", \"B1\"]}", -1, NULL);
      tandem_model_set_name (model, _("Scoring model"));
    }
  _tandem_scoring_state_set_base_name (self, tandem_model_get_name (model));
  draft_key = _tandem_scoring_state_draft_name (self->base_name);
  draft = tandem_model_load (self->store, draft_key, NULL);
  if (draft != NULL)
    {
      tandem_model_set_name (draft, self->base_name);
      g_clear_pointer (&model, tandem_model_unref);
      model = g_steal_pointer (&draft);
      _tandem_scoring_state_message (self, _("Your unpublished draft is back where you left it"));
    }
  _tandem_scoring_state_replace_draft (self, g_steal_pointer (&model), NULL);
  tandem_history_clear (self->history);
  clear_scorers (self);
  _tandem_scoring_state_update_published (self);
  g_signal_emit (self, signals[RULES_CHANGED], 0);
  _tandem_scoring_state_score_again (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

TandemScoringState *
tandem_scoring_state_new (TandemStore *store)
{
  g_return_val_if_fail (store == NULL || TANDEM_IS_STORE (store), NULL);

  return g_object_new (TANDEM_TYPE_SCORING_STATE, "store", store, NULL);
}

TandemStore *
tandem_scoring_state_get_store (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), NULL);
  return self->store;
}

void
tandem_scoring_state_set_store (TandemScoringState *self,
                                TandemStore        *store)
{
  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  /* Nothing lost: the old workspace's pending draft goes in first */
  tandem_draft_keeper_flush (self->keeper, NULL);
  g_cancellable_cancel (self->cancellable);
  self->generation++;
  set_busy (self, FALSE);
  g_set_object (&self->store, store);
  g_clear_handle_id (&self->details_id, g_source_remove);
  if (self->model != NULL)
    _tandem_scoring_state_replace_draft (self, NULL, NULL);
  if (self->live != NULL)
    _tandem_scoring_state_set_live (self, NULL);
  clear_scorers (self);
  tandem_history_clear (self->history);
  _tandem_scoring_state_update_published (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  tandem_scoring_state_reload (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
tandem_scoring_state_reload (TandemScoringState *self)
{
  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  if (self->store == NULL || tandem_store_count_leads (self->store) == 0)
    {
      set_status (self, TANDEM_SCORING_STATUS_EMPTY, NULL);
      return;
    }
  if (self->model == NULL)
    _tandem_scoring_state_load_model (self, NULL);
  else
    {
      g_clear_pointer (&self->live_scorer, tandem_scorer_free);
      _tandem_scoring_state_score_again (self, TRUE);
    }
}

/* ---- Getters ------------------------------------------------------------- */

TandemModel *
tandem_scoring_state_get_model (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), NULL);
  return self->model;
}

const char *
tandem_scoring_state_get_base_name (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), NULL);
  return self->base_name;
}

TandemModel *
tandem_scoring_state_get_live_model (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), NULL);
  return self->live;
}

TandemScorer *
tandem_scoring_state_get_scorer (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), NULL);
  return self->scorer;
}

TandemScorer *
tandem_scoring_state_get_live_scorer (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), NULL);
  return self->live_scorer;
}

TandemScoringStatus
tandem_scoring_state_get_status (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), TANDEM_SCORING_STATUS_EMPTY);
  return self->status;
}

const char *
tandem_scoring_state_get_failure (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), NULL);
  return self->failure;
}

gboolean
tandem_scoring_state_get_busy (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  return self->busy;
}

gboolean
tandem_scoring_state_get_published (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  return self->published;
}

gboolean
tandem_scoring_state_get_can_undo (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  return tandem_history_get_can_undo (self->history);
}

gboolean
tandem_scoring_state_get_can_redo (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  return tandem_history_get_can_redo (self->history);
}

guint
tandem_scoring_state_get_mql (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), 0);
  return self->mql;
}

guint
tandem_scoring_state_get_mql_won (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), 0);
  return self->mql_won;
}

gboolean
tandem_scoring_state_get_has_outcomes (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  return self->has_outcomes;
}

gboolean
tandem_scoring_state_get_has_live (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  return self->live_scorer != NULL;
}

guint
tandem_scoring_state_get_live_mql (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), 0);
  return self->live_mql;
}

guint
tandem_scoring_state_get_live_mql_won (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), 0);
  return self->live_mql_won;
}

gboolean
tandem_scoring_state_get_details_ready (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  return self->details_ready;
}

guint
tandem_scoring_state_get_entering (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), 0);
  return self->entering;
}

guint
tandem_scoring_state_get_leaving (TandemScoringState *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), 0);
  return self->leaving;
}

gboolean
tandem_scoring_state_get_counts (TandemScoringState *self,
                                 guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
                                 guint               won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->scorer == NULL)
    return FALSE;
  if (counts != NULL)
    memcpy (counts, self->counts, sizeof self->counts);
  if (won != NULL)
    memcpy (won, self->won, sizeof self->won);
  return TRUE;
}

gboolean
tandem_scoring_state_get_live_counts (TandemScoringState *self,
                                      guint               counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->live_scorer == NULL)
    return FALSE;
  memcpy (counts, self->live_counts, sizeof self->live_counts);
  return TRUE;
}

gboolean
tandem_scoring_state_get_rule_reach (TandemScoringState *self,
                                     TandemDimension     d,
                                     guint               r,
                                     guint              *out_matched,
                                     double             *out_share,
                                     double             *out_lift)
{
  const RuleReach *reach;
  guint n, n_won;
  double lift = NAN;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->scorer == NULL || d >= TANDEM_N_DIMENSIONS || r >= self->reach[d]->len)
    return FALSE;
  reach = &g_array_index (self->reach[d], RuleReach, r);
  n = tandem_scorer_get_n_leads (self->scorer);
  n_won = tandem_scorer_get_n_won (self->scorer);
  /* Lift: the rule's conversion over the conversion of everyone else */
  if (tandem_scorer_has_outcomes (self->scorer) && reach->matched > 0 && reach->matched < n && n_won - reach->matched_won > 0)
    lift = ((double) reach->matched_won / reach->matched) / ((double) (n_won - reach->matched_won) / (n - reach->matched));
  if (out_matched != NULL)
    *out_matched = reach->matched;
  if (out_share != NULL)
    *out_share = n ? (double) reach->matched / n : NAN;
  if (out_lift != NULL)
    *out_lift = lift;
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
forward_notify (TandemScoringState *self,
                GParamSpec         *pspec)
{
  g_object_notify (G_OBJECT (self), g_param_spec_get_name (pspec));
}

static void
tandem_scoring_state_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TandemScoringState *self = TANDEM_SCORING_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_MODEL: g_value_set_boxed (value, self->model); break;
    case PROP_LIVE_MODEL: g_value_set_boxed (value, self->live); break;
    case PROP_BASE_NAME: g_value_set_string (value, self->base_name); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_FAILURE: g_value_set_string (value, self->failure); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_PUBLISHED: g_value_set_boolean (value, self->published); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, tandem_history_get_can_undo (self->history)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, tandem_history_get_can_redo (self->history)); break;
    case PROP_MQL: g_value_set_uint (value, self->mql); break;
    case PROP_MQL_WON: g_value_set_uint (value, self->mql_won); break;
    case PROP_HAS_OUTCOMES: g_value_set_boolean (value, self->has_outcomes); break;
    case PROP_LIVE_MQL: g_value_set_uint (value, self->live_mql); break;
    case PROP_DETAILS_READY: g_value_set_boolean (value, self->details_ready); break;
    case PROP_ENTERING: g_value_set_uint (value, self->entering); break;
    case PROP_LEAVING: g_value_set_uint (value, self->leaving); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_scoring_state_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TandemScoringState *self = TANDEM_SCORING_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_scoring_state_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_scoring_state_dispose (GObject *object)
{
  TandemScoringState *self = TANDEM_SCORING_STATE (object);

  /* Nothing lost: a pending draft is written now */
  if (self->keeper != NULL)
    tandem_draft_keeper_flush (self->keeper, NULL);
  g_clear_object (&self->keeper);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->details_id, g_source_remove);
  G_OBJECT_CLASS (tandem_scoring_state_parent_class)->dispose (object);
}

static void
tandem_scoring_state_finalize (GObject *object)
{
  TandemScoringState *self = TANDEM_SCORING_STATE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_pointer (&self->model, tandem_model_unref);
  g_clear_pointer (&self->live, tandem_model_unref);
  clear_scorers (self);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_clear_pointer (&self->reach[d], g_array_unref);
  g_free (self->what);
  g_free (self->base_name);
  g_free (self->failure);
  G_OBJECT_CLASS (tandem_scoring_state_parent_class)->finalize (object);
}

static void
tandem_scoring_state_class_init (TandemScoringStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tandem_scoring_state_get_property;
  object_class->set_property = tandem_scoring_state_set_property;
  object_class->dispose = tandem_scoring_state_dispose;
  object_class->finalize = tandem_scoring_state_finalize;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] = g_param_spec_boxed ("model", NULL, NULL, TANDEM_TYPE_MODEL, ro);
  properties[PROP_LIVE_MODEL] = g_param_spec_boxed ("live-model", NULL, NULL, TANDEM_TYPE_MODEL, ro);
  properties[PROP_BASE_NAME] = g_param_spec_string ("base-name", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, TANDEM_TYPE_SCORING_STATUS,
                                               TANDEM_SCORING_STATUS_EMPTY, ro);
  properties[PROP_FAILURE] = g_param_spec_string ("failure", NULL, NULL, NULL, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_PUBLISHED] = g_param_spec_boolean ("published", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_MQL] = g_param_spec_uint ("mql", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MQL_WON] = g_param_spec_uint ("mql-won", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_HAS_OUTCOMES] = g_param_spec_boolean ("has-outcomes", NULL, NULL, FALSE, ro);
  properties[PROP_LIVE_MQL] = g_param_spec_uint ("live-mql", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_DETAILS_READY] = g_param_spec_boolean ("details-ready", NULL, NULL, FALSE, ro);
  properties[PROP_ENTERING] = g_param_spec_uint ("entering", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LEAVING] = g_param_spec_uint ("leaving", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The draft's matrix was counted again; @light: a handle being dragged */
  signals[COUNTS_CHANGED] = g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* Rules were added, removed or replaced, or the bands changed in number */
  signals[RULES_CHANGED] = g_signal_new ("rules-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* MQL moves against the live model and the rules' reach are known */
  signals[DETAILS_CHANGED] = g_signal_new ("details-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A score on the worker thread finished (or failed) */
  signals[SCORED] = g_signal_new ("scored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A message for the user (a toast) */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tandem_scoring_state_init (TandemScoringState *self)
{
  self->history = tandem_history_new (snapshot_copy, _tandem_scoring_state_snapshot_free, TANDEM_HISTORY_DEFAULT_CAP);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (forward_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (forward_notify), self, G_CONNECT_SWAPPED);
  self->keeper = tandem_draft_keeper_new (TANDEM_DRAFT_KEEPER_DEFAULT_DELAY_MS, save_draft, self, NULL);
  g_signal_connect_object (self->keeper, "failed", G_CALLBACK (on_save_failed), self, G_CONNECT_SWAPPED);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    self->reach[d] = g_array_new (FALSE, TRUE, sizeof (RuleReach));
}
