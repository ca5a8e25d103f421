/* tandem-plan-state.c — the Targets page's state, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tandem-draft-keeper.h"
#include "tandem-format.h"
#include "tandem-history.h"
#include "tandem-plan-actuals.h"
#include "tandem-plan-default.h"
#include "tandem-plan-state.h"
#include "tandem-state-props.h"
#include "tandem-scenario.h"

struct _TandemPlanState
{
  GObject             parent_instance;

  TandemStore        *store;
  TandemPlanInput    *input;
  TandemPlanResult   *result;
  char               *error_text;
  char               *steps;
  char                currency[4];  /* the workspace's; also in input->currency, so undo restores it */
  GStrv               scenarios;
  char               *scenario;     /* the one chosen, or NULL */
  TandemHistory      *history;      /* TandemPlanInput: the plan before each change */
  TandemDraftKeeper  *draft;
  guint               n_jobs;       /* actual rates being counted */
  char               *origin;       /* where the starting plan's numbers come from, or NULL */
  char               *revenue_origin;   /* "an example goal: type yours", or NULL */
  char               *deal_size_origin; /* "median of 4,238 won deals", or NULL */
  double              start_revenue;    /* the starting plan's, to know when they are changed */
  double              start_deal_size;
  GCancellable       *start;        /* the workspace's own plan being counted */
};

G_DEFINE_FINAL_TYPE (TandemPlanState, tandem_plan_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RESULT,
  PROP_ERROR,
  PROP_STEPS,
  PROP_CURRENCY,
  PROP_SCENARIOS,
  PROP_SCENARIO,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  PROP_ORIGIN,
  N_PROPS
};

enum {
  SIGNAL_INPUT_CHANGED,
  SIGNAL_MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
message (TandemPlanState *self,
         const char      *text)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
}

/* ---- The plan and its result -------------------------------------------- */

static void
recalculate (TandemPlanState *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) steps = NULL;
  g_autofree char *joined = NULL;

  g_clear_pointer (&self->result, tandem_plan_result_unref);
  self->result = tandem_plan_calculate (self->input, &error);
  if (self->result != NULL)
    {
      steps = tandem_plan_explain_steps (self->result, self->currency);
      joined = g_strjoinv ("\n", steps);
    }
  /* Said plainly, instead of numbers that mean nothing */
  tandem_state_set_string (G_OBJECT (self), &self->error_text, error ? error->message : NULL, properties[PROP_ERROR]);
  tandem_state_set_string (G_OBJECT (self), &self->steps, joined, properties[PROP_STEPS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/* The plan replaced as a whole: the form is refilled */
static void
replace_input (TandemPlanState *self,
               TandemPlanInput *input)
{
  /* The amounts are in the workspace's currency, whatever the input said */
  g_strlcpy (input->currency, self->currency, sizeof input->currency);
  tandem_plan_input_free (self->input);
  self->input = input;
  recalculate (self);
  g_signal_emit (self, signals[SIGNAL_INPUT_CHANGED], 0);
}

/* The slot of a field that is a number in the input, or NULL */
static double *
number_slot (TandemPlanInput *in,
             TandemPlanField  field,
             guint            index)
{
  switch (field)
    {
    case TANDEM_PLAN_FIELD_REVENUE:         return &in->revenue;
    case TANDEM_PLAN_FIELD_DEAL_SIZE:       return &in->deal_size;
    case TANDEM_PLAN_FIELD_ANCHOR_VOLUME:   return &in->anchor_volume;
    case TANDEM_PLAN_FIELD_RATE:            return index + 1 < in->n_stages ? &in->rates[index] : NULL;
    case TANDEM_PLAN_FIELD_WIN_RATE:        return &in->win_rate;
    case TANDEM_PLAN_FIELD_COVERAGE:        return &in->coverage;
    case TANDEM_PLAN_FIELD_PIPELINE:        return &in->pipeline;
    case TANDEM_PLAN_FIELD_MARKETING_SHARE: return &in->marketing_share;
    case TANDEM_PLAN_FIELD_COST:            return index < in->n_stages ? &in->cost_per[index] : NULL;
    case TANDEM_PLAN_FIELD_SDR_HEADS:       return &in->sdr.heads;
    case TANDEM_PLAN_FIELD_SDR_PER_HEAD:    return &in->sdr.per_head_month;
    case TANDEM_PLAN_FIELD_AE_HEADS:        return &in->ae.heads;
    case TANDEM_PLAN_FIELD_AE_PER_HEAD:     return &in->ae.per_head_month;
    case TANDEM_PLAN_FIELD_MODE:
    case TANDEM_PLAN_FIELD_ANCHOR_STAGE:
    case TANDEM_PLAN_FIELD_PERIOD:
    case TANDEM_PLAN_FIELD_ROUNDING:
    default:
      return NULL;
    }
}

double
tandem_plan_state_get_field (TandemPlanState *self,
                             TandemPlanField  field,
                             guint            index)
{
  double *slot;

  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NAN);

  switch (field)
    {
    case TANDEM_PLAN_FIELD_MODE:         return self->input->mode;
    case TANDEM_PLAN_FIELD_ANCHOR_STAGE: return self->input->anchor_stage;
    case TANDEM_PLAN_FIELD_PERIOD:       return self->input->period;
    case TANDEM_PLAN_FIELD_ROUNDING:     return self->input->rounding;
    default:
      slot = number_slot (self->input, field, index);
      g_return_val_if_fail (slot != NULL, NAN);
      return *slot;
    }
}

/* A choice given as a number: a whole one from 0 below @n */
static gboolean
choice (double  value,
        guint   n,
        guint  *out)
{
  if (!(value >= 0 && value < n && value == floor (value)))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

void
tandem_plan_state_set_field (TandemPlanState *self,
                             TandemPlanField  field,
                             guint            index,
                             double           value)
{
  g_autofree char *key = NULL;
  TandemPlanInput *in;
  double *slot;
  guint pick = 0;

  g_return_if_fail (TANDEM_IS_PLAN_STATE (self));

  in = self->input;
  slot = number_slot (in, field, index);
  if (slot == NULL)
    {
      gboolean known = (field == TANDEM_PLAN_FIELD_MODE && choice (value, 3, &pick)) ||
                       (field == TANDEM_PLAN_FIELD_ANCHOR_STAGE && choice (value, in->n_stages, &pick)) ||
                       (field == TANDEM_PLAN_FIELD_PERIOD && choice (value, 3, &pick)) ||
                       (field == TANDEM_PLAN_FIELD_ROUNDING && choice (value, 3, &pick));
      g_return_if_fail (known);
    }
  {
    double old = tandem_plan_state_get_field (self, field, index);
    if (old == value || (isnan (old) && isnan (value)))
      return;
  }

  /* Typing in one field is one step */
  key = g_strdup_printf ("%d:%u", (int) field, index);
  tandem_history_push (self->history, in, key);
  if (slot != NULL)
    *slot = value;
  else if (field == TANDEM_PLAN_FIELD_MODE)
    in->mode = (TandemPlanMode) pick;
  else if (field == TANDEM_PLAN_FIELD_ANCHOR_STAGE)
    in->anchor_stage = pick;
  else if (field == TANDEM_PLAN_FIELD_PERIOD)
    in->period = (TandemPlanPeriod) pick;
  else
    in->rounding = (TandemPlanRounding) pick;
  recalculate (self);
  tandem_draft_keeper_queue (self->draft);
}

const TandemPlanInput *
tandem_plan_state_get_input (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->input;
}

void
tandem_plan_state_set_input (TandemPlanState       *self,
                             const TandemPlanInput *input)
{
  g_return_if_fail (TANDEM_IS_PLAN_STATE (self));
  g_return_if_fail (input != NULL);

  tandem_history_break (self->history);
  replace_input (self, tandem_plan_input_copy (input));
}

TandemPlanResult *
tandem_plan_state_get_result (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->result;
}

const char *
tandem_plan_state_get_error (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->error_text;
}

const char *
tandem_plan_state_get_steps (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->steps;
}

/* ---- Undo and redo ------------------------------------------------------ */

gboolean
tandem_plan_state_get_can_undo (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);
  return tandem_history_get_can_undo (self->history);
}

gboolean
tandem_plan_state_get_can_redo (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);
  return tandem_history_get_can_redo (self->history);
}

static gboolean
step (TandemPlanState *self,
      gboolean         undo)
{
  TandemPlanInput *input = undo ? tandem_history_undo (self->history, self->input)
                                : tandem_history_redo (self->history, self->input);

  if (input == NULL)
    return FALSE;
  /* A currency change undone (or redone): the workspace's again */
  if (input->currency[0] != '\0' && !g_str_equal (input->currency, self->currency))
    {
      g_autoptr(GError) error = NULL;

      if (self->store != NULL && !tandem_store_set_currency (self->store, input->currency, &error))
        message (self, error->message);
      else
        {
          g_strlcpy (self->currency, input->currency, sizeof self->currency);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
        }
    }
  replace_input (self, input);
  tandem_draft_keeper_queue (self->draft);
  return TRUE;
}

const char *
tandem_plan_state_get_currency (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->currency;
}

gboolean
tandem_plan_state_set_currency (TandemPlanState  *self,
                                const char       *code,
                                GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);

  if (g_strcmp0 (code, self->currency) == 0)
    return TRUE;
  if (self->store != NULL ? !tandem_store_set_currency (self->store, code, error)
                          : !tandem_currency_is_known (code))
    {
      if (self->store == NULL)
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                     _("“%s” is not an ISO 4217 currency code Tandem knows"), code ? code : "");
      return FALSE;
    }
  /* One undo step; the input before it says the currency it had */
  tandem_history_push (self->history, self->input, "currency");
  tandem_history_break (self->history);
  g_strlcpy (self->currency, code, sizeof self->currency);
  g_strlcpy (self->input->currency, code, sizeof self->input->currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
  recalculate (self);
  tandem_draft_keeper_queue (self->draft);
  return TRUE;
}

gboolean
tandem_plan_state_undo (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);
  return step (self, TRUE);
}

gboolean
tandem_plan_state_redo (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);
  return step (self, FALSE);
}

static void
on_history_notify (TandemPlanState *self,
                   GParamSpec      *pspec)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[g_str_equal (pspec->name, "can-undo") ? PROP_CAN_UNDO : PROP_CAN_REDO]);
}

/* ---- The draft: the plan as edited, kept in the workspace until saved ---- */

static gboolean
save_draft (gpointer   data,
            GError   **error)
{
  TandemPlanState *self = data;
  g_autofree char *json = NULL;

  if (self->store == NULL)
    return TRUE;
  json = tandem_plan_input_to_json (self->input);
  return tandem_store_set_setting (self->store, TANDEM_PLAN_STATE_DRAFT_INPUT, json, error) &&
         tandem_store_set_setting (self->store, TANDEM_PLAN_STATE_DRAFT_SCENARIO, self->scenario, error);
}

static void
on_draft_failed (TandemPlanState *self,
                 GError          *error)
{
  g_autofree char *text = g_strdup_printf (_("Could not keep the unsaved plan: %s"), error->message);

  message (self, text);
}

/* Published or discarded: the unsaved plan goes */
static void
drop_draft (TandemPlanState *self)
{
  tandem_draft_keeper_cancel (self->draft);
  if (self->store != NULL)
    {
      tandem_store_set_setting (self->store, TANDEM_PLAN_STATE_DRAFT_INPUT, NULL, NULL);
      tandem_store_set_setting (self->store, TANDEM_PLAN_STATE_DRAFT_SCENARIO, NULL, NULL);
    }
}

gboolean
tandem_plan_state_flush_draft (TandemPlanState  *self,
                               GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);
  return tandem_draft_keeper_flush (self->draft, error);
}

/* ---- Scenarios ------------------------------------------------------------ */

static void
refresh_scenarios (TandemPlanState *self,
                   const char      *select)
{
  g_clear_pointer (&self->scenarios, g_strfreev);
  self->scenarios = self->store ? tandem_scenario_list (self->store) : g_new0 (char *, 1);
  if (select != NULL && !g_strv_contains ((const char *const *) self->scenarios, select))
    select = NULL;
  /* Both set before either is said, so the list and the choice agree */
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIOS]);
  tandem_state_set_string (G_OBJECT (self), &self->scenario, select, properties[PROP_SCENARIO]);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
need_store (TandemPlanState  *self,
            GError          **error)
{
  if (self->store != NULL)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                       _("Open a workspace first: scenarios are kept in it"));
  return FALSE;
}

const char *const *
tandem_plan_state_get_scenarios (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return (const char *const *) self->scenarios;
}

const char *
tandem_plan_state_get_scenario (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->scenario;
}

static gboolean
load_scenario (TandemPlanState  *self,
               const char       *name,
               gboolean          remember,
               GError          **error)
{
  TandemPlanInput *input;

  if (!need_store (self, error) || (input = tandem_scenario_load (self->store, name, error)) == NULL)
    return FALSE;
  /* Another scenario chosen: the unsaved plan goes (undo brings it back) */
  drop_draft (self);
  if (remember)
    tandem_history_push (self->history, self->input, NULL);
  tandem_state_set_string (G_OBJECT (self), &self->scenario, name, properties[PROP_SCENARIO]);
  replace_input (self, input);
  return TRUE;
}

gboolean
tandem_plan_state_choose_scenario (TandemPlanState  *self,
                                   const char       *name,
                                   GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);

  if (name == NULL)
    {
      tandem_state_set_string (G_OBJECT (self), &self->scenario, NULL, properties[PROP_SCENARIO]);
      return TRUE;
    }
  return load_scenario (self, name, TRUE, error);
}

gboolean
tandem_plan_state_save_scenario (TandemPlanState  *self,
                                 const char       *name,
                                 GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!need_store (self, error) || !tandem_scenario_save (self->store, name, self->input, error))
    return FALSE;
  drop_draft (self);
  refresh_scenarios (self, name);
  return TRUE;
}

char *
tandem_plan_state_duplicate_scenario (TandemPlanState  *self,
                                      GError          **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);

  if (!need_store (self, error))
    return NULL;
  name = tandem_scenario_copy_name (self->scenario ? self->scenario : _("New scenario"),
                                    (const char *const *) self->scenarios);
  if (!tandem_scenario_save (self->store, name, self->input, error))
    return NULL;
  drop_draft (self);
  refresh_scenarios (self, name);
  return g_steal_pointer (&name);
}

gboolean
tandem_plan_state_delete_scenario (TandemPlanState  *self,
                                   GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);

  if (!need_store (self, error))
    return FALSE;
  if (self->scenario == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Choose the scenario to delete first"));
      return FALSE;
    }
  if (!tandem_scenario_delete (self->store, self->scenario, error))
    return FALSE;
  refresh_scenarios (self, NULL);
  return TRUE;
}

gboolean
tandem_plan_state_discard (TandemPlanState  *self,
                           GError          **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);

  if (self->scenario == NULL)
    {
      drop_draft (self);
      return TRUE;
    }
  name = g_strdup (self->scenario);
  return load_scenario (self, name, TRUE, error);
}

static void start_from_workspace (TandemPlanState *self);

/* ---- The workspace -------------------------------------------------------- */

/* The plan as it was left unsaved, over the scenario it started from */
static gboolean
restore_draft (TandemPlanState *self)
{
  g_autofree char *json = tandem_store_dup_setting (self->store, TANDEM_PLAN_STATE_DRAFT_INPUT);
  g_autofree char *scenario = tandem_store_dup_setting (self->store, TANDEM_PLAN_STATE_DRAFT_SCENARIO);
  TandemPlanInput *input;
  g_autoptr(GError) error = NULL;

  if (json == NULL)
    return FALSE;
  input = tandem_plan_input_new_from_json (json, -1, &error);
  if (input == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The unsaved plan could not be read back (%s)"), error->message);
      message (self, text);
      return FALSE;
    }
  if (scenario != NULL && g_strv_contains ((const char *const *) self->scenarios, scenario))
    tandem_state_set_string (G_OBJECT (self), &self->scenario, scenario, properties[PROP_SCENARIO]);
  replace_input (self, input);
  message (self, _("Your unsaved plan is back: save it as a scenario to keep it"));
  return TRUE;
}

TandemStore *
tandem_plan_state_get_store (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->store;
}

void
tandem_plan_state_set_store (TandemPlanState *self,
                             TandemStore     *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TANDEM_IS_PLAN_STATE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  /* Nothing lost: into the workspace being left (the keeper says if not) */
  tandem_draft_keeper_flush (self->draft, NULL);
  tandem_draft_keeper_cancel (self->draft);
  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  tandem_history_clear (self->history);
  g_cancellable_cancel (self->start);
  g_clear_object (&self->start);
  if (self->origin != NULL)
    {
      g_clear_pointer (&self->origin, g_free);
      g_clear_pointer (&self->revenue_origin, g_free);
      g_clear_pointer (&self->deal_size_origin, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
    }
  {
    g_autofree char *currency = self->store != NULL ? tandem_store_dup_currency (self->store, &error) : NULL;

    if (self->store != NULL && currency == NULL)
      {
        message (self, error->message);
        g_clear_error (&error);
      }
    g_strlcpy (self->currency, currency != NULL ? currency : tandem_currency_get_locale_default (),
               sizeof self->currency);
    g_strlcpy (self->input->currency, self->currency, sizeof self->input->currency);
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
    recalculate (self);
  }
  refresh_scenarios (self, NULL);
  if (self->store == NULL || restore_draft (self))
    return;
  /* The workspace's first scenario, if it has one; else its own numbers */
  if (self->scenarios[0] == NULL)
    start_from_workspace (self);
  else if (!load_scenario (self, self->scenarios[0], FALSE, &error))
    message (self, error->message);
}

/* ---- The plan a workspace starts from ------------------------------------------- */

static void
default_thread (GTask        *task,
                gpointer      source,
                gpointer      store,
                GCancellable *cancellable)
{
  GError *error = NULL;
  TandemPlanDefault *plan = tandem_plan_default_new (store, cancellable, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) tandem_plan_default_free);
}

/* Its stages, rates and median won deal, unless the user began meanwhile */
static void
default_counted (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  TandemPlanState *self = TANDEM_PLAN_STATE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanDefault) plan = g_task_propagate_pointer (G_TASK (result), &error);

  if (--self->n_jobs == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message (self, error->message);
      return;
    }
  if (self->scenario != NULL || tandem_history_get_can_undo (self->history) || !plan->from_workspace)
    return;
  g_free (self->origin);
  self->origin = g_strdup_printf ("%s · %s", plan->stages_note, plan->rates_note);
  /* The goal and the deal size say theirs on their own rows */
  g_free (self->revenue_origin);
  self->revenue_origin = g_strdup (plan->revenue_note);
  g_free (self->deal_size_origin);
  self->deal_size_origin = g_strdup (plan->deal_size_note);
  self->start_revenue = plan->input->revenue;
  self->start_deal_size = plan->input->deal_size;
  replace_input (self, tandem_plan_input_copy (plan->input));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
}

static void
start_from_workspace (TandemPlanState *self)
{
  g_autoptr(GTask) task = NULL;

  self->start = g_cancellable_new ();
  if (self->n_jobs++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  task = g_task_new (self, self->start, default_counted, NULL);
  g_task_set_task_data (task, tandem_store_dup_for_thread (self->store), g_object_unref);
  g_task_run_in_thread (task, default_thread);
}

const char *
tandem_plan_state_get_field_origin (TandemPlanState *self,
                                    TandemPlanField  field)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);

  if (self->input == NULL)
    return NULL;
  if (field == TANDEM_PLAN_FIELD_REVENUE && self->input->revenue == self->start_revenue)
    return self->revenue_origin;
  if (field == TANDEM_PLAN_FIELD_DEAL_SIZE && self->input->deal_size == self->start_deal_size)
    return self->deal_size_origin;
  return NULL;
}

const char *
tandem_plan_state_get_origin (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), NULL);
  return self->origin;
}

/* ---- Actual rates ------------------------------------------------------------ */

typedef struct
{
  TandemStore *store;   /* a connection of the worker's own when the workspace is a file */
  char        *from;
  char        *to;
} Job;

typedef struct
{
  guint    filled;
  gboolean stages_replaced;
} Outcome;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_free (job->from);
  g_free (job->to);
  g_free (job);
}

gboolean
tandem_plan_state_get_busy (TandemPlanState *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN_STATE (self), FALSE);
  return self->n_jobs > 0;
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  TandemWaterfall *waterfall = tandem_plan_actuals_count (job->store, job->from, job->to, cancellable, &error);

  if (waterfall == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, waterfall, (GDestroyNotify) tandem_waterfall_unref);
}

/* On the main thread: the counts set into the plan as it is now */
static void
counted (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  TandemPlanState *self = TANDEM_PLAN_STATE (source);
  g_autoptr(GTask) outer = data;
  g_autoptr(TandemWaterfall) waterfall = NULL;
  g_autoptr(TandemPlanInput) input = NULL;
  GError *error = NULL;
  Outcome *outcome;

  self->n_jobs--;
  if (self->n_jobs == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  waterfall = g_task_propagate_pointer (G_TASK (result), &error);
  if (waterfall == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  outcome = g_new0 (Outcome, 1);
  input = tandem_plan_input_copy (self->input);
  outcome->filled = tandem_plan_actuals_apply (input, waterfall, &outcome->stages_replaced);
  if (outcome->filled > 0 || outcome->stages_replaced)
    {
      tandem_history_push (self->history, self->input, NULL);
      replace_input (self, g_steal_pointer (&input));
      tandem_draft_keeper_queue (self->draft);
    }
  g_task_return_pointer (outer, outcome, g_free);
}

void
tandem_plan_state_use_actual_rates_async (TandemPlanState     *self,
                                          const char          *from,
                                          const char          *to,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Job *job;

  g_return_if_fail (TANDEM_IS_PLAN_STATE (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tandem_plan_state_use_actual_rates_async);
  if (!need_store (self, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  job = g_new0 (Job, 1);
  job->store = tandem_store_dup_for_thread (self->store);
  job->from = g_strdup (from);
  job->to = g_strdup (to);
  if (self->n_jobs++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  task = g_task_new (self, cancellable, counted, g_steal_pointer (&outer));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, count_thread);
}

gboolean
tandem_plan_state_use_actual_rates_finish (TandemPlanState  *self,
                                           GAsyncResult     *result,
                                           guint            *out_filled,
                                           gboolean         *out_stages_replaced,
                                           GError          **error)
{
  g_autofree Outcome *outcome = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return FALSE;
  if (out_filled != NULL)
    *out_filled = outcome->filled;
  if (out_stages_replaced != NULL)
    *out_stages_replaced = outcome->stages_replaced;
  return TRUE;
}

/* ---- GObject -------------------------------------------------------------------- */

static void
tandem_plan_state_dispose (GObject *object)
{
  TandemPlanState *self = TANDEM_PLAN_STATE (object);

  g_cancellable_cancel (self->start);
  g_clear_object (&self->start);
  /* Nothing lost: a pending draft is written now */
  if (self->draft != NULL)
    tandem_draft_keeper_flush (self->draft, NULL);
  g_clear_object (&self->draft);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tandem_plan_state_parent_class)->dispose (object);
}

static void
tandem_plan_state_finalize (GObject *object)
{
  TandemPlanState *self = TANDEM_PLAN_STATE (object);

  g_clear_pointer (&self->input, tandem_plan_input_free);
  g_clear_pointer (&self->result, tandem_plan_result_unref);
  g_clear_pointer (&self->scenarios, g_strfreev);
  g_free (self->scenario);
  g_free (self->origin);
  g_free (self->revenue_origin);
  g_free (self->deal_size_origin);
  g_free (self->error_text);
  g_free (self->steps);
  G_OBJECT_CLASS (tandem_plan_state_parent_class)->finalize (object);
}

static void
tandem_plan_state_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TandemPlanState *self = TANDEM_PLAN_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE:     g_value_set_object (value, self->store); break;
    case PROP_RESULT:    g_value_set_boxed (value, self->result); break;
    case PROP_ERROR:     g_value_set_string (value, self->error_text); break;
    case PROP_STEPS:     g_value_set_string (value, self->steps); break;
    case PROP_CURRENCY:  g_value_set_string (value, self->currency); break;
    case PROP_ORIGIN:    g_value_set_string (value, self->origin); break;
    case PROP_SCENARIOS: g_value_set_boxed (value, self->scenarios); break;
    case PROP_SCENARIO:  g_value_set_string (value, self->scenario); break;
    case PROP_CAN_UNDO:  g_value_set_boolean (value, tandem_plan_state_get_can_undo (self)); break;
    case PROP_CAN_REDO:  g_value_set_boolean (value, tandem_plan_state_get_can_redo (self)); break;
    case PROP_BUSY:      g_value_set_boolean (value, self->n_jobs > 0); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_plan_state_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TandemPlanState *self = TANDEM_PLAN_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_plan_state_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_plan_state_class_init (TandemPlanStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tandem_plan_state_dispose;
  object_class->finalize = tandem_plan_state_finalize;
  object_class->get_property = tandem_plan_state_get_property;
  object_class->set_property = tandem_plan_state_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] = g_param_spec_boxed ("result", NULL, NULL, TANDEM_TYPE_PLAN_RESULT, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_STEPS] = g_param_spec_string ("steps", NULL, NULL, NULL, ro);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, ro);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, NULL, ro);
  properties[PROP_SCENARIOS] = g_param_spec_boxed ("scenarios", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_SCENARIO] = g_param_spec_string ("scenario", NULL, NULL, NULL, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The plan was replaced as a whole: refill the form from it */
  signals[SIGNAL_INPUT_CHANGED] = g_signal_new ("input-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Something the user should read: the draft brought back, or not kept */
  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tandem_plan_state_init (TandemPlanState *self)
{
  self->history = tandem_history_new ((GBoxedCopyFunc) tandem_plan_input_copy,
                                      (GDestroyNotify) tandem_plan_input_free, TANDEM_HISTORY_DEFAULT_CAP);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (on_history_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (on_history_notify), self, G_CONNECT_SWAPPED);
  self->draft = tandem_draft_keeper_new (TANDEM_DRAFT_KEEPER_DEFAULT_DELAY_MS, save_draft, self, NULL);
  g_signal_connect_object (self->draft, "failed", G_CALLBACK (on_draft_failed), self, G_CONNECT_SWAPPED);
  self->scenarios = g_new0 (char *, 1);
  g_strlcpy (self->currency, tandem_currency_get_locale_default (), sizeof self->currency);

  /* A worked example until a scenario is chosen */
  self->input = tandem_plan_input_new_from_json (
    "{\"stages\": [\"Inquiry\", \"MQL\", \"SAL\", \"SQL\", \"Won\"], \"rates\": [0.1, 0.5, 0.6, 0.2],"
    " \"mode\": \"revenue\", \"revenue\": 2000000, \"deal_size\": 75000, \"rounding\": \"ceil\", \"period\": \"quarter\"}", -1, NULL);
  g_assert (self->input != NULL);
  g_strlcpy (self->input->currency, self->currency, sizeof self->input->currency);
  recalculate (self);
}

TandemPlanState *
tandem_plan_state_new (void)
{
  return g_object_new (TANDEM_TYPE_PLAN_STATE, NULL);
}
