/* tandem-funnel-state.c — what the Funnel page edits and shows, no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-funnel-state-private.h"
#include "tandem-plan.h"
#include "tandem-scenario.h"

#define DRAFT_STAGES "funnel.draft.stages"
#define DRAFT_MAPPING "funnel.draft.mapping"
#define MAX_STAGE_VALUES 60

G_DEFINE_FINAL_TYPE (TandemFunnelState, tandem_funnel_state, G_TYPE_OBJECT)
G_DEFINE_QUARK (tandem-funnel-state-error-quark, tandem_funnel_state_error)
G_DEFINE_ENUM_TYPE (TandemFunnelStagesOrigin, tandem_funnel_stages_origin,
  G_DEFINE_ENUM_VALUE (TANDEM_FUNNEL_STAGES_NONE, "none"),
  G_DEFINE_ENUM_VALUE (TANDEM_FUNNEL_STAGES_SAVED, "saved"),
  G_DEFINE_ENUM_VALUE (TANDEM_FUNNEL_STAGES_PROPOSED, "proposed"),
  G_DEFINE_ENUM_VALUE (TANDEM_FUNNEL_STAGES_DRAFT, "draft"))

GParamSpec *tandem_funnel_state_properties[N_PROPS];
guint tandem_funnel_state_signals[N_SIGNALS];

void
tandem_funnel_state_notify (TandemFunnelState *self,
        guint              prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), tandem_funnel_state_properties[prop]);
}

static void
message (TandemFunnelState *self,
         const char        *text)
{
  g_signal_emit (self, tandem_funnel_state_signals[MESSAGE], 0, text);
}

/* Sets a boolean field, notifying when it changes */
void
tandem_funnel_state_set_flag (TandemFunnelState *self,
          gboolean          *field,
          gboolean           value,
          guint              prop)
{
  if (*field == !!value)
    return;
  *field = !!value;
  tandem_funnel_state_notify (self, prop);
}

TandemFunnelMapping *
tandem_funnel_state_copy_mapping (const TandemFunnelMapping *mapping)
{
  g_autofree char *json = tandem_funnel_mapping_to_json (mapping);

  return tandem_funnel_mapping_new_from_json (json, NULL);   /* its own JSON: cannot fail */
}

/* ---- The draft: unsaved edits kept in the workspace ------------------------- */

static gboolean
save_draft (gpointer   data,
            GError   **error)
{
  TandemFunnelState *self = data;
  g_autofree char *stages = NULL;
  g_autofree char *mapping = NULL;

  if (self->store == NULL || self->taxonomy == NULL || !self->edited)
    return TRUE;
  stages = tandem_taxonomy_to_json (self->taxonomy);
  mapping = tandem_funnel_mapping_to_json (self->mapping);
  return tandem_store_set_setting (self->store, DRAFT_STAGES, stages, error) &&
         tandem_store_set_setting (self->store, DRAFT_MAPPING, mapping, error);
}

static void
on_draft_failed (TandemFunnelState *self,
                 const GError      *error)
{
  g_autofree char *text = g_strdup_printf (_("Could not keep the unsaved stages: %s"), error->message);

  message (self, text);
}

static void
flush_draft (TandemFunnelState *self)
{
  /* A failure was said through "failed"; the edits stay here */
  tandem_draft_keeper_flush (self->draft, NULL);
}

void
tandem_funnel_state_drop_draft (TandemFunnelState *self)
{
  tandem_draft_keeper_cancel (self->draft);
  tandem_funnel_state_set_flag (self, &self->edited, FALSE, PROP_EDITED);
  if (self->store != NULL)
    {
      tandem_store_set_setting (self->store, DRAFT_STAGES, NULL, NULL);
      tandem_store_set_setting (self->store, DRAFT_MAPPING, NULL, NULL);
    }
}

/* The draft left by an earlier session, if any and readable */
static gboolean
restore_draft (TandemFunnelState *self)
{
  g_autofree char *stages = tandem_store_dup_setting (self->store, DRAFT_STAGES);
  g_autofree char *mapping = tandem_store_dup_setting (self->store, DRAFT_MAPPING);
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) placing = NULL;
  g_autoptr(GError) error = NULL;

  if (stages == NULL || mapping == NULL)
    return FALSE;
  taxonomy = tandem_taxonomy_new_from_json (stages, &error);
  placing = taxonomy ? tandem_funnel_mapping_new_from_json (mapping, &error) : NULL;
  if (placing == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The unsaved stages could not be read back (%s); the saved ones are shown"),
                                               error->message);
      message (self, text);
      return FALSE;
    }
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  self->taxonomy = g_steal_pointer (&taxonomy);
  self->mapping = g_steal_pointer (&placing);
  self->dirty = self->edited = TRUE;
  return TRUE;
}

/* ---- Computing, on a worker thread ---------------------------------------- */

/* The task does not hold the state: its last reference may go in the
 * worker thread, and the state must end on the main thread.            */
typedef struct
{
  GWeakRef                state;
  TandemStore            *store;
  TandemTaxonomy         *taxonomy;
  TandemFunnelMapping    *mapping;
  TandemWaterfallOptions  options;
  char                   *from, *to, *segment;
  guint                   generation;
  gboolean                want_range;
  char                   *last_date;
  TandemWaterfall        *waterfall;
} Job;

static void
job_free (Job *job)
{
  g_weak_ref_clear (&job->state);
  g_clear_object (&job->store);
  g_clear_pointer (&job->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&job->mapping, tandem_funnel_mapping_free);
  g_free (job->from);
  g_free (job->to);
  g_free (job->segment);
  g_free (job->last_date);
  g_clear_pointer (&job->waterfall, tandem_waterfall_unref);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (job->want_range)
    job->last_date = tandem_funnel_last_date (job->store);
  job->options.from = job->from;
  job->options.to = job->to;
  job->options.segment = job->segment;
  job->waterfall = tandem_waterfall_compute (job->store, job->taxonomy, job->mapping, &job->options, cancellable, &error);
  if (job->waterfall == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void show_plan_period (TandemFunnelState *self,
                              guint              months);

static void
compute_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(TandemFunnelState) self = g_weak_ref_get (&job->state);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self == NULL || job->generation != self->generation)
    return;
  tandem_funnel_state_set_flag (self, &self->busy, FALSE, PROP_BUSY);
  if (job->want_range)
    {
      self->range_known = TRUE;
      tandem_state_set_string (G_OBJECT (self), &self->last_date, job->last_date,
                               tandem_funnel_state_properties[PROP_LAST_DATE]);
    }
  if (self->pending_plan_months != 0)
    {
      show_plan_period (self, self->pending_plan_months);
      if (self->busy)
        return;   /* computing that period now */
    }
  tandem_state_set_string (G_OBJECT (self), &self->error, error ? error->message : NULL,
                           tandem_funnel_state_properties[PROP_ERROR]);
  if (error == NULL)
    {
      g_clear_pointer (&self->waterfall, tandem_waterfall_unref);
      self->waterfall = g_steal_pointer (&job->waterfall);
      tandem_waterfall_set_plan (self->waterfall, self->plan);
      tandem_funnel_state_notify (self, PROP_WATERFALL);
    }
  g_signal_emit (self, tandem_funnel_state_signals[COMPUTED], 0);
}

/* The waterfall of the stages as edited, with the options chosen; the
 * last one stays while the stages cannot be computed (the editor says why) */
void
tandem_funnel_state_compute (TandemFunnelState *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->store == NULL || self->taxonomy == NULL || self->taxonomy_error != NULL)
    return;

  self->generation++;
  tandem_funnel_state_cancel (self);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  g_weak_ref_init (&job->state, self);
  job->store = tandem_store_dup_for_thread (self->store);
  job->taxonomy = tandem_taxonomy_copy (self->taxonomy);
  job->mapping = tandem_funnel_state_copy_mapping (self->mapping);
  job->generation = self->generation;
  job->want_range = !self->range_known;
  job->options.mode = self->mode;
  job->from = g_strdup (self->from);
  job->to = g_strdup (self->to);
  job->segment = g_strdup (self->segment);
  job->options.previous = self->previous && self->from != NULL && self->to != NULL;

  tandem_funnel_state_set_flag (self, &self->busy, TRUE, PROP_BUSY);
  task = g_task_new (NULL, self->cancellable, compute_done, NULL);
  g_task_set_source_tag (task, tandem_funnel_state_compute);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

void
tandem_funnel_state_cancel (TandemFunnelState *self)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* ---- What is shown --------------------------------------------------------- */

static gboolean
change_period (TandemFunnelState *self,
               const char        *from,
               const char        *to)
{
  gboolean changed = FALSE;

  from = from && from[0] ? from : NULL;
  to = to && to[0] ? to : NULL;
  g_object_freeze_notify (G_OBJECT (self));
  changed |= g_strcmp0 (self->from, from) != 0;
  tandem_state_set_string (G_OBJECT (self), &self->from, from, tandem_funnel_state_properties[PROP_PERIOD_FROM]);
  changed |= g_strcmp0 (self->to, to) != 0;
  tandem_state_set_string (G_OBJECT (self), &self->to, to, tandem_funnel_state_properties[PROP_PERIOD_TO]);
  g_object_thaw_notify (G_OBJECT (self));
  return changed;
}

static void
change_mode (TandemFunnelState   *self,
             TandemWaterfallMode  mode)
{
  if (self->mode == mode)
    return;
  self->mode = mode;
  tandem_funnel_state_notify (self, PROP_MODE);
}

void
tandem_funnel_state_set_period (TandemFunnelState *self,
                                const char        *from,
                                const char        *to)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  change_period (self, from, to);
  tandem_funnel_state_compute (self);
}

void
tandem_funnel_state_set_mode (TandemFunnelState   *self,
                              TandemWaterfallMode  mode)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  change_mode (self, mode);
  tandem_funnel_state_compute (self);
}

void
tandem_funnel_state_set_segment (TandemFunnelState *self,
                                 const char        *segment)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  tandem_state_set_string (G_OBJECT (self), &self->segment, segment && segment[0] ? segment : NULL,
                           tandem_funnel_state_properties[PROP_SEGMENT]);
  tandem_funnel_state_compute (self);
}

void
tandem_funnel_state_set_previous (TandemFunnelState *self,
                                  gboolean           previous)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  tandem_funnel_state_set_flag (self, &self->previous, previous, PROP_PREVIOUS);
  tandem_funnel_state_compute (self);
}

void
tandem_funnel_state_set_options (TandemFunnelState   *self,
                                 const char          *from,
                                 const char          *to,
                                 TandemWaterfallMode  mode,
                                 const char          *segment)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  g_object_freeze_notify (G_OBJECT (self));
  change_period (self, from, to);
  change_mode (self, mode);
  tandem_state_set_string (G_OBJECT (self), &self->segment, segment && segment[0] ? segment : NULL,
                           tandem_funnel_state_properties[PROP_SEGMENT]);
  g_object_thaw_notify (G_OBJECT (self));
  tandem_funnel_state_compute (self);
}

/* A plan is for a month, a quarter or a year: over all time it would be
 * read against the wrong numbers, so the latest period of its length in
 * the data is shown, in flow (what arrived at each stage then).  Before
 * the data's dates are known, the choice waits for them. */
static void
show_plan_period (TandemFunnelState *self,
                  guint              months)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!self->range_known)
    {
      self->pending_plan_months = months;
      return;
    }
  self->pending_plan_months = 0;
  if (!tandem_funnel_period_holding (self->last_date, months, &from, &to))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  change_mode (self, TANDEM_WATERFALL_FLOW);
  change_period (self, from, to);
  g_object_thaw_notify (G_OBJECT (self));
  message (self, _("Showing what arrived at each stage in the latest period the plan is for"));
  tandem_funnel_state_compute (self);
}

GStrv
tandem_funnel_state_list_plans (TandemFunnelState *self)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), NULL);

  return self->store ? tandem_scenario_list (self->store) : g_new0 (char *, 1);
}

static void
clear_plan (TandemFunnelState *self)
{
  g_clear_pointer (&self->plan, tandem_funnel_plan_free);
  self->pending_plan_months = 0;
  if (self->waterfall != NULL)
    tandem_waterfall_set_plan (self->waterfall, NULL);   /* before it is said */
  g_object_freeze_notify (G_OBJECT (self));
  tandem_state_set_string (G_OBJECT (self), &self->plan_name, NULL, tandem_funnel_state_properties[PROP_PLAN]);
  tandem_state_set_string (G_OBJECT (self), &self->plan_label, NULL, tandem_funnel_state_properties[PROP_PLAN_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The scenario's volumes, computed as the Targets page does; its period */
static gboolean
load_plan (TandemFunnelState  *self,
           const char         *scenario,
           guint              *out_months,
           GError            **error)
{
  g_auto(GStrv) scenarios = tandem_funnel_state_list_plans (self);
  g_autoptr(TandemPlanInput) input = NULL;
  g_autoptr(TandemPlanResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  if (!g_strv_contains ((const char *const *) scenarios, scenario))
    {
      g_set_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND,
                   _("There is no scenario “%s”"), scenario);
      return FALSE;
    }
  input = tandem_scenario_load (self->store, scenario, &local_error);
  result = input ? tandem_plan_calculate (input, &local_error) : NULL;
  if (result == NULL)
    {
      clear_plan (self);
      g_set_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_INVALID,
                   _("The scenario “%s” gives no plan: %s"), scenario, local_error->message);
      return FALSE;
    }
  g_clear_pointer (&self->plan, tandem_funnel_plan_free);
  self->plan = tandem_funnel_plan_new ();
  for (guint s = 0; s < result->n_stages; s++)
    tandem_funnel_plan_set_volume (self->plan, result->stages[s].name, result->stages[s].volume);
  if (self->waterfall != NULL)
    tandem_waterfall_set_plan (self->waterfall, self->plan);
  /* Translators: a scenario's name and the period its plan is for */
  label = g_strdup_printf (input->period == TANDEM_PLAN_PERIOD_MONTH ? _("%s, for a month")
                           : input->period == TANDEM_PLAN_PERIOD_QUARTER ? _("%s, for a quarter")
                           : _("%s, for a year"), scenario);
  g_object_freeze_notify (G_OBJECT (self));
  tandem_state_set_string (G_OBJECT (self), &self->plan_name, scenario, tandem_funnel_state_properties[PROP_PLAN]);
  tandem_state_set_string (G_OBJECT (self), &self->plan_label, label, tandem_funnel_state_properties[PROP_PLAN_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
  *out_months = tandem_plan_period_months (input->period);
  return TRUE;
}

gboolean
tandem_funnel_state_set_plan (TandemFunnelState  *self,
                              const char         *scenario,
                              GError            **error)
{
  guint months = 0;

  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  if (scenario == NULL || scenario[0] == '\0')
    clear_plan (self);
  else if (!load_plan (self, scenario, &months, error))
    return FALSE;   /* unknown: nothing changed; one that gives no plan: none any more */
  /* Over all time: the period the plan is for */
  if (months != 0 && self->from == NULL && self->to == NULL)
    show_plan_period (self, months);
  return TRUE;
}

/* ---- Loading ----------------------------------------------------------------- */

static void
take_values (GPtrArray **field,
             GPtrArray  *values)
{
  g_ptr_array_set_size (*field, 0);
  if (values == NULL)
    return;   /* unreadable: nothing to offer */
  g_ptr_array_extend_and_steal (*field, values);
}

/* What the placing offers: the date columns, the stage values of the
 * current-stage column and of the history; the segments */
static void
read_choices (TandemFunnelState *self)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (self->store);
  g_autoptr(TandemColumn) stage = tandem_store_find_column_by_role (self->store, "stage");

  g_ptr_array_set_size (self->date_columns, 0);
  g_ptr_array_set_size (self->segment_columns, 0);
  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *c = g_ptr_array_index (columns, k);

      if (c->type == TANDEM_COLUMN_DATE)
        g_ptr_array_add (self->date_columns, g_strdup (c->name));
      else if (c->type == TANDEM_COLUMN_TEXT && g_strcmp0 (c->role, "id") != 0 && g_strcmp0 (c->role, "stage") != 0)
        g_ptr_array_add (self->segment_columns, g_strdup (c->name));
    }
  self->has_history = tandem_store_count_stage_history (self->store) > 0;
  self->has_stage_column = stage != NULL;
  self->automatic_source = tandem_funnel_automatic_source (self->store);
  take_values (&self->history_values, tandem_store_history_stage_values (self->store, MAX_STAGE_VALUES, NULL));
  take_values (&self->stage_values, tandem_funnel_stage_column_values (self->store, MAX_STAGE_VALUES, NULL));
}

static void
clear_choices (TandemFunnelState *self)
{
  self->has_history = self->has_stage_column = FALSE;
  self->automatic_source = TANDEM_FUNNEL_SOURCE_DATES;
  g_ptr_array_set_size (self->date_columns, 0);
  g_ptr_array_set_size (self->segment_columns, 0);
  g_ptr_array_set_size (self->stage_values, 0);
  g_ptr_array_set_size (self->history_values, 0);
}

/* The stored stages (or a template the data fits), the stored placing
 * (or the default one), then the draft over them if there is one */
static void
load_stages (TandemFunnelState *self)
{
  g_autoptr(GError) error = NULL;

  self->taxonomy = tandem_taxonomy_load (self->store, NULL);
  if (self->taxonomy == NULL || tandem_taxonomy_get_n_stages (self->taxonomy) == 0)
    {
      /* No stages agreed yet (or unreadable ones): the ones the data has,
       * unsaved, the choice tandem-cli and meeting mode make too */
      g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
      self->taxonomy = tandem_funnel_auto_choose (self->store, NULL, &self->choice);
      self->dirty = TRUE;
      self->origin = TANDEM_FUNNEL_STAGES_PROPOSED;
    }
  else
    self->origin = TANDEM_FUNNEL_STAGES_SAVED;
  self->mapping = tandem_funnel_mapping_load (self->store, &error);
  if (self->mapping == NULL)
    {
      /* A stored mapping this version cannot read: start from the default, say so */
      g_autofree char *text = g_strdup_printf (_("%s — placing leads the default way until you save"), error->message);
      message (self, text);
      self->mapping = tandem_funnel_mapping_new ();
    }
  if (restore_draft (self))
    {
      self->origin = TANDEM_FUNNEL_STAGES_DRAFT;
      message (self, _("Your unsaved stages are back"));
    }
}

void
tandem_funnel_state_reload (TandemFunnelState *self)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));

  flush_draft (self);   /* comes back below */
  tandem_funnel_state_cancel (self);
  self->generation++;
  g_object_freeze_notify (G_OBJECT (self));
  self->edited = self->dirty = FALSE;
  tandem_history_clear (self->history);
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  g_clear_pointer (&self->waterfall, tandem_waterfall_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->last_date, g_free);
  self->range_known = FALSE;
  self->busy = FALSE;
  self->origin = TANDEM_FUNNEL_STAGES_NONE;
  g_clear_pointer (&self->choice, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->segment, g_free);
  clear_choices (self);

  if (self->store != NULL && tandem_store_count_leads (self->store) > 0)
    {
      guint months;

      load_stages (self);
      read_choices (self);
      /* The plan's volumes from this workspace's scenario, if it has it */
      if (self->plan_name != NULL)
        {
          g_autofree char *name = g_strdup (self->plan_name);
          if (!load_plan (self, name, &months, NULL))
            clear_plan (self);
        }
    }
  else
    clear_plan (self);
  tandem_funnel_state_validate (self);
  for (guint p = PROP_TAXONOMY; p < N_PROPS; p++)
    if (p != PROP_TAXONOMY_ERROR && p != PROP_CAN_UNDO && p != PROP_CAN_REDO)
      tandem_funnel_state_notify (self, p);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, tandem_funnel_state_signals[LOADED], 0);
  g_signal_emit (self, tandem_funnel_state_signals[STAGES_CHANGED], 0);
  tandem_funnel_state_compute (self);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
tandem_funnel_state_dispose (GObject *object)
{
  TandemFunnelState *self = TANDEM_FUNNEL_STATE (object);

  tandem_funnel_state_cancel (self);
  /* Nothing lost: a pending draft is written now */
  if (self->draft != NULL)
    flush_draft (self);
  g_clear_object (&self->draft);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (tandem_funnel_state_parent_class)->dispose (object);
}

static void
tandem_funnel_state_finalize (GObject *object)
{
  TandemFunnelState *self = TANDEM_FUNNEL_STATE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  g_free (self->taxonomy_error);
  g_free (self->choice);
  g_ptr_array_unref (self->date_columns);
  g_ptr_array_unref (self->segment_columns);
  g_ptr_array_unref (self->stage_values);
  g_ptr_array_unref (self->history_values);
  g_free (self->from);
  g_free (self->to);
  g_free (self->segment);
  g_free (self->last_date);
  g_free (self->plan_name);
  g_free (self->plan_label);
  g_clear_pointer (&self->plan, tandem_funnel_plan_free);
  g_clear_pointer (&self->waterfall, tandem_waterfall_unref);
  g_free (self->error);
  G_OBJECT_CLASS (tandem_funnel_state_parent_class)->finalize (object);
}

static void
tandem_funnel_state_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemFunnelState *self = TANDEM_FUNNEL_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_TAXONOMY: g_value_set_pointer (value, self->taxonomy); break;
    case PROP_MAPPING: g_value_set_pointer (value, self->mapping); break;
    case PROP_ORIGIN: g_value_set_enum (value, self->origin); break;
    case PROP_TAXONOMY_ERROR: g_value_set_string (value, self->taxonomy_error); break;
    case PROP_SAVED: g_value_set_boolean (value, !self->dirty); break;
    case PROP_EDITED: g_value_set_boolean (value, self->edited); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, tandem_history_get_can_undo (self->history)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, tandem_history_get_can_redo (self->history)); break;
    case PROP_PERIOD_FROM: g_value_set_string (value, self->from); break;
    case PROP_PERIOD_TO: g_value_set_string (value, self->to); break;
    case PROP_MODE: g_value_set_uint (value, self->mode); break;
    case PROP_SEGMENT: g_value_set_string (value, self->segment); break;
    case PROP_PREVIOUS: g_value_set_boolean (value, self->previous); break;
    case PROP_LAST_DATE: g_value_set_string (value, self->last_date); break;
    case PROP_PLAN: g_value_set_string (value, self->plan_name); break;
    case PROP_PLAN_LABEL: g_value_set_string (value, self->plan_label); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_WATERFALL: g_value_set_boxed (value, self->waterfall); break;
    case PROP_ERROR: g_value_set_string (value, self->error); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_funnel_state_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemFunnelState *self = TANDEM_FUNNEL_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE: tandem_funnel_state_set_store (self, g_value_get_object (value)); break;
    case PROP_PERIOD_FROM: tandem_funnel_state_set_period (self, g_value_get_string (value), self->to); break;
    case PROP_PERIOD_TO: tandem_funnel_state_set_period (self, self->from, g_value_get_string (value)); break;
    case PROP_MODE: tandem_funnel_state_set_mode (self, (TandemWaterfallMode) g_value_get_uint (value)); break;
    case PROP_SEGMENT: tandem_funnel_state_set_segment (self, g_value_get_string (value)); break;
    case PROP_PREVIOUS: tandem_funnel_state_set_previous (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
forward_history (TandemFunnelState *self,
                 GParamSpec        *pspec)
{
  tandem_funnel_state_notify (self, g_str_equal (pspec->name, "can-undo") ? PROP_CAN_UNDO : PROP_CAN_REDO);
}

static void
tandem_funnel_state_class_init (TandemFunnelStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags r = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tandem_funnel_state_dispose;
  object_class->finalize = tandem_funnel_state_finalize;
  object_class->get_property = tandem_funnel_state_get_property;
  object_class->set_property = tandem_funnel_state_set_property;

  tandem_funnel_state_properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE, rw);
  /* const TandemTaxonomy * and TandemFunnelMapping *, the state's own */
  tandem_funnel_state_properties[PROP_TAXONOMY] = g_param_spec_pointer ("taxonomy", NULL, NULL, r);
  tandem_funnel_state_properties[PROP_MAPPING] = g_param_spec_pointer ("mapping", NULL, NULL, r);
  tandem_funnel_state_properties[PROP_ORIGIN] = g_param_spec_enum ("origin", NULL, NULL, TANDEM_TYPE_FUNNEL_STAGES_ORIGIN,
                                               TANDEM_FUNNEL_STAGES_NONE, r);
  tandem_funnel_state_properties[PROP_TAXONOMY_ERROR] = g_param_spec_string ("taxonomy-error", NULL, NULL, NULL, r);
  tandem_funnel_state_properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, TRUE, r);
  tandem_funnel_state_properties[PROP_EDITED] = g_param_spec_boolean ("edited", NULL, NULL, FALSE, r);
  tandem_funnel_state_properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, r);
  tandem_funnel_state_properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, r);
  tandem_funnel_state_properties[PROP_PERIOD_FROM] = g_param_spec_string ("period-from", NULL, NULL, NULL, rw);
  tandem_funnel_state_properties[PROP_PERIOD_TO] = g_param_spec_string ("period-to", NULL, NULL, NULL, rw);
  /* A TandemWaterfallMode */
  tandem_funnel_state_properties[PROP_MODE] = g_param_spec_uint ("mode", NULL, NULL, TANDEM_WATERFALL_COHORT, TANDEM_WATERFALL_FLOW,
                                             TANDEM_WATERFALL_COHORT, rw);
  tandem_funnel_state_properties[PROP_SEGMENT] = g_param_spec_string ("segment", NULL, NULL, NULL, rw);
  tandem_funnel_state_properties[PROP_PREVIOUS] = g_param_spec_boolean ("previous", NULL, NULL, FALSE, rw);
  tandem_funnel_state_properties[PROP_LAST_DATE] = g_param_spec_string ("last-date", NULL, NULL, NULL, r);
  tandem_funnel_state_properties[PROP_PLAN] = g_param_spec_string ("plan", NULL, NULL, NULL, r);
  tandem_funnel_state_properties[PROP_PLAN_LABEL] = g_param_spec_string ("plan-label", NULL, NULL, NULL, r);
  tandem_funnel_state_properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, r);
  tandem_funnel_state_properties[PROP_WATERFALL] = g_param_spec_boxed ("waterfall", NULL, NULL, TANDEM_TYPE_WATERFALL, r);
  tandem_funnel_state_properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, r);
  g_object_class_install_properties (object_class, N_PROPS, tandem_funnel_state_properties);

  tandem_funnel_state_signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
  tandem_funnel_state_signals[STAGES_CHANGED] = g_signal_new ("stages-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The workspace's stages and values were read (again) */
  tandem_funnel_state_signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  tandem_funnel_state_signals[COMPUTED] = g_signal_new ("computed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
}

static void
tandem_funnel_state_init (TandemFunnelState *self)
{
  self->history = tandem_history_new (tandem_funnel_snapshot_copy, tandem_funnel_snapshot_free, TANDEM_HISTORY_DEFAULT_CAP);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (forward_history), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (forward_history), self, G_CONNECT_SWAPPED);
  self->draft = tandem_draft_keeper_new (TANDEM_DRAFT_KEEPER_DEFAULT_DELAY_MS, save_draft, self, NULL);
  g_signal_connect_object (self->draft, "failed", G_CALLBACK (on_draft_failed), self, G_CONNECT_SWAPPED);
  self->date_columns = g_ptr_array_new_with_free_func (g_free);
  self->segment_columns = g_ptr_array_new_with_free_func (g_free);
  self->stage_values = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_value_count_free);
  self->history_values = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_value_count_free);
}

TandemFunnelState *
tandem_funnel_state_new (TandemStore *store)
{
  return g_object_new (TANDEM_TYPE_FUNNEL_STATE, "store", store, NULL);
}

void
tandem_funnel_state_set_store (TandemFunnelState *self,
                               TandemStore       *store)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_STATE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  tandem_funnel_state_cancel (self);
  flush_draft (self);   /* into the workspace being left */
  if (g_set_object (&self->store, store))
    tandem_funnel_state_notify (self, PROP_STORE);
  tandem_funnel_state_reload (self);
}

/* ---- Getters ----------------------------------------------------------------- */

#define GETTER(type, name, expr) \
  type tandem_funnel_state_get_##name (TandemFunnelState *self) \
  { \
    g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), (type) 0); \
    return (expr); \
  }

GETTER (TandemStore *, store, self->store)
GETTER (const TandemTaxonomy *, taxonomy, self->taxonomy)
GETTER (const TandemFunnelMapping *, mapping, self->mapping)
GETTER (TandemFunnelStagesOrigin, origin, self->origin)
GETTER (const char *, choice, self->origin == TANDEM_FUNNEL_STAGES_PROPOSED ? self->choice : NULL)
GETTER (const char *, taxonomy_error, self->taxonomy_error)
GETTER (gboolean, saved, !self->dirty)
GETTER (gboolean, edited, self->edited)
GETTER (gboolean, can_undo, tandem_history_get_can_undo (self->history))
GETTER (gboolean, can_redo, tandem_history_get_can_redo (self->history))
GETTER (gboolean, has_history, self->has_history)
GETTER (gboolean, has_stage_column, self->has_stage_column)
GETTER (GPtrArray *, date_columns, self->date_columns)
GETTER (GPtrArray *, segment_columns, self->segment_columns)
GETTER (GPtrArray *, stage_values, self->stage_values)
GETTER (GPtrArray *, history_values, self->history_values)
GETTER (const char *, period_from, self->from)
GETTER (const char *, period_to, self->to)
GETTER (TandemWaterfallMode, mode, self->mode)
GETTER (const char *, segment, self->segment)
GETTER (gboolean, previous, self->previous)
GETTER (const char *, last_date, self->last_date)
GETTER (const char *, plan, self->plan_name)
GETTER (const char *, plan_label, self->plan_label)
GETTER (gboolean, busy, self->busy)
GETTER (TandemWaterfall *, waterfall, self->waterfall)
GETTER (const char *, error, self->error)

TandemFunnelSource
tandem_funnel_state_get_automatic_source (TandemFunnelState *self)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), TANDEM_FUNNEL_SOURCE_DATES);

  return self->automatic_source;
}

TandemFunnelSource
tandem_funnel_state_get_effective_source (TandemFunnelState *self)
{
  TandemFunnelSource source;

  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), TANDEM_FUNNEL_SOURCE_DATES);

  source = self->mapping ? tandem_funnel_mapping_get_source (self->mapping) : TANDEM_FUNNEL_SOURCE_AUTO;
  return source != TANDEM_FUNNEL_SOURCE_AUTO ? source : tandem_funnel_state_get_automatic_source (self);
}

char *
tandem_funnel_state_dup_automatic_date_column (TandemFunnelState *self,
                                               guint              index)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), NULL);

  if (self->store == NULL || self->taxonomy == NULL || index >= tandem_taxonomy_get_n_stages (self->taxonomy))
    return NULL;
  return tandem_funnel_automatic_date_column (self->store, self->taxonomy, index);
}

gboolean
tandem_funnel_state_flush (TandemFunnelState  *self,
                           GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_STATE (self), FALSE);

  return tandem_draft_keeper_flush (self->draft, error);
}
