/* tandem-scoring-page.c — edit scoring rules, watch the matrix respond
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page edits a draft of a stored model.  Every edit first records the
 * model as it was (undo), then changes the draft, then brings the scorer
 * along: points, on/off, limits and bands through the engine's in-place
 * paths on the main loop (milliseconds, even for a million leads); a new
 * or changed rule by scoring again on a worker thread, whose result is
 * applied whole when it arrives — or dropped when a newer edit made it
 * stale.  The draft is saved into the workspace a moment after each edit,
 * so a crash loses nothing; Publish makes it the live model.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-compat.h"
#include "tandem-decisions.h"
#include "tandem-gallery.h"
#include "tandem-rule-editor.h"
#include "tandem-scoring-page.h"
#include "tandem-compare-models.h"
#include "tandem-shortcuts.h"

#define DRAFT_SUFFIX      TANDEM_STORE_DRAFT_SUFFIX
#define AUTOSAVE_DELAY_MS 300
#define COALESCE_US       (1500 * 1000)
#define CELL_LEADS_SHOWN  300

typedef struct
{
  TandemModel *model;      /* as it was before the edit */
  char        *what;       /* "Points of Senior title" */
  char        *key;        /* edits with the same key in quick succession are one step */
  gint64       when;
} UndoStep;

struct _TandemScoringPage
{
  AdwBin            parent_instance;

  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  AdwLeaflet       *leaflet;
  GtkWidget        *rules_pane;
  GtkWidget        *matrix_pane;
  GtkLabel         *model_label;
  GtkListBox       *fit_list;
  GtkListBox       *interest_list;
  GtkListBox       *bands_list;
  GtkLabel         *summary_label;
  TandemMatrixView *matrix;
  GtkWidget        *back_button;
  GtkWidget        *show_matrix_button;
  GMenu            *open_model_menu;

  TandemStore      *store;
  TandemModel      *model;          /* the draft being edited */
  char             *base_name;      /* the stored model it is a draft of */
  TandemModel      *live;           /* the live model, or NULL */
  TandemScorer     *scorer;         /* scores of (a recent state of) the draft */
  TandemScorer     *live_scorer;
  guint             live_counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint             live_won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint             live_mql, live_mql_won;
  guint             generation;     /* bumped by every edit that needs scoring again */
  gboolean          busy;
  GCancellable     *cancellable;
  GPtrArray        *undo;           /* UndoStep */
  GPtrArray        *redo;
  guint             autosave_id;
  gboolean          updating;       /* widgets set from the model, not by the user */
  gboolean          compare;
  GtkWidget        *compare_window;   /* Compare Two Models, while open */
  gboolean          color_by_conversion;
  char             *summary;
  guint             mql, mql_won;
  gboolean          has_outcomes;
  guint             details_id;      /* an idle: MQL moves vs live, rule stats */
  gboolean          details_ready;
  guint             entering, leaving;
  GPtrArray        *rule_stats[TANDEM_N_DIMENSIONS];   /* GtkLabel of each row */
};

G_DEFINE_FINAL_TYPE (TandemScoringPage, tandem_scoring_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_COMPARE, PROP_COLOR_BY_CONVERSION, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { TOAST, READY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void rebuild_rows (TandemScoringPage *self);
static void refresh (TandemScoringPage *self, gboolean light);
static void score_again (TandemScoringPage *self, gboolean with_live);
static gboolean update_details (gpointer data);

static void
toast (TandemScoringPage *self,
       const char        *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
undo_step_free (UndoStep *step)
{
  g_clear_pointer (&step->model, tandem_model_unref);
  g_free (step->what);
  g_free (step->key);
  g_free (step);
}

static TandemRule *
rule_at (TandemScoringPage *self,
         TandemDimension    d,
         guint              r)
{
  GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;
  return r < rules->len ? g_ptr_array_index (rules, r) : NULL;
}

static char *
rule_title (const TandemRule *rule)
{
  if (rule == NULL)
    return g_strdup ("");
  return rule->label != NULL && rule->label[0] != '\0' ? g_strdup (rule->label) : tandem_rule_dup_sentence (rule);
}

/* ---- Saving the draft ---------------------------------------------------- */

static char *
draft_name (TandemScoringPage *self)
{
  return g_strconcat (self->base_name, DRAFT_SUFFIX, NULL);
}

static gboolean
save_draft (TandemScoringPage *self,
            GError           **error)
{
  g_autoptr(TandemModel) copy = NULL;
  g_autofree char *name = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->store == NULL || self->model == NULL)
    return TRUE;
  name = draft_name (self);
  /* Nothing to keep when the draft is the stored model itself */
  {
    g_autoptr(TandemModel) base = tandem_model_load (self->store, self->base_name, NULL);
    if (base != NULL && tandem_model_equal (self->model, base))
      return tandem_model_delete (self->store, name, error);
  }
  copy = tandem_model_copy (self->model);
  tandem_model_set_name (copy, name);
  return tandem_model_save (copy, self->store, FALSE, error);
}

static gboolean
autosave_cb (gpointer data)
{
  TandemScoringPage *self = data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!save_draft (self, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the draft: %s"), error->message);
      toast (self, message);
    }
  return G_SOURCE_REMOVE;
}

gboolean
tandem_scoring_page_is_published (TandemScoringPage *self)
{
  return self->model != NULL && self->live != NULL && g_strcmp0 (self->base_name, tandem_model_get_name (self->live)) == 0 &&
         tandem_model_equal (self->model, self->live);
}

static void
update_actions (TandemScoringPage *self)
{
  gboolean has_model = self->model != NULL && self->store != NULL;
  gboolean published = has_model && tandem_scoring_page_is_published (self);
  g_autofree char *title = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.undo", has_model && self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.redo", has_model && self->redo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.publish", has_model && !published);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.discard-draft", has_model && self->undo->len > 0);

  if (!has_model)
    return;
  if (published)
    /* Translators: the model's name, then its state */
    title = g_strdup_printf (_("%s · live"), self->base_name);
  else
    title = g_strdup_printf (_("%s · draft"), self->base_name);
  gtk_label_set_label (self->model_label, title);
}

/* Call after every edit: saves soon, and keeps the buttons right. */
static void
edited (TandemScoringPage *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
  update_actions (self);
}

/* ---- Undo ----------------------------------------------------------------- */

/* Records the draft as it is, before an edit.  Quick repeats of one edit
 * (a slider moving, a handle dragged) make one step. */
static void
push_undo (TandemScoringPage *self,
           const char        *what,
           const char        *key)
{
  gint64 now = g_get_monotonic_time ();
  UndoStep *step;

  g_ptr_array_set_size (self->redo, 0);
  if (key != NULL && self->undo->len > 0)
    {
      UndoStep *last = g_ptr_array_index (self->undo, self->undo->len - 1);
      if (g_strcmp0 (last->key, key) == 0 && now - last->when < COALESCE_US)
        {
          last->when = now;
          return;
        }
    }
  step = g_new0 (UndoStep, 1);
  step->model = tandem_model_copy (self->model);
  step->what = g_strdup (what);
  step->key = g_strdup (key);
  step->when = now;
  g_ptr_array_add (self->undo, step);
}

/* Brings the scorer to the draft: in place when only points, on/off,
 * limits or bands differ, else by scoring again. */
static void
sync_scorer (TandemScoringPage *self)
{
  TandemModel *scored;

  if (self->scorer == NULL || self->busy)
    return;   /* the running job's result is synced when it lands */
  scored = tandem_scorer_get_model (self->scorer);
  if (!tandem_model_same_rules (scored, self->model))
    {
      score_again (self, FALSE);
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

static void
restore (TandemScoringPage *self,
         GPtrArray         *from,
         GPtrArray         *to,
         const char        *verb)
{
  UndoStep *step, *back;
  g_autofree char *message = NULL;

  if (from->len == 0)
    return;
  step = g_ptr_array_steal_index (from, from->len - 1);
  back = g_new0 (UndoStep, 1);
  back->model = g_steal_pointer (&self->model);
  back->what = g_strdup (step->what);
  g_ptr_array_add (to, back);
  self->model = g_steal_pointer (&step->model);
  /* Translators: "Undone: Points of Senior title" */
  message = g_strdup_printf ("%s: %s", verb, step->what);
  undo_step_free (step);

  rebuild_rows (self);
  sync_scorer (self);
  refresh (self, FALSE);
  edited (self);
  toast (self, message);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  restore (self, self->undo, self->redo, _("Undone"));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  restore (self, self->redo, self->undo, _("Redone"));
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
score_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (source);
  ScoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->generation != self->generation)
    return;   /* a newer job is on its way */
  self->busy = FALSE;

  if (!ok)
    {
      if (self->scorer == NULL)
        {
          adw_status_page_set_title (self->empty_page, _("This Model Does Not Fit the Workspace"));
          adw_status_page_set_description (self->empty_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not score: %s"), error->message);
          toast (self, message);
        }
      g_signal_emit (self, signals[READY], 0);
      return;
    }

  g_clear_pointer (&self->scorer, tandem_scorer_free);
  self->scorer = g_steal_pointer (&job->scorer);
  if (job->live != NULL)
    {
      g_clear_pointer (&self->live_scorer, tandem_scorer_free);
      self->live_scorer = g_steal_pointer (&job->live_scorer);
      if (self->live_scorer != NULL)
        {
          self->live_mql = tandem_scorer_count_matrix_won (self->live_scorer, self->live, self->live_counts, self->live_won);
          self->live_mql_won = 0;
          for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
            for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
              if (tandem_model_is_mql_cell (self->live, f, i))
                self->live_mql_won += self->live_won[f][i];
        }
    }
  /* Edits made while it ran: in place if they can be */
  sync_scorer (self);
  gtk_stack_set_visible_child_name (self->stack, "scoring");
  refresh (self, FALSE);
  g_signal_emit (self, signals[READY], 0);
}

static void
score_again (TandemScoringPage *self,
             gboolean           with_live)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ScoreJob *job;

  if (self->store == NULL || self->model == NULL)
    return;
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (ScoreJob, 1);
  job->store = tandem_store_open_another (self->store, &error);
  if (job->store == NULL)
    job->store = g_object_ref (self->store);   /* in memory: one connection, used by one thread at a time */
  job->model = tandem_model_copy (self->model);
  job->live = with_live && self->live ? tandem_model_copy (self->live) : NULL;
  job->generation = self->generation;
  self->busy = TRUE;
  if (self->scorer == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (self, self->cancellable, score_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) score_job_free);
  g_task_run_in_thread (task, score_thread);
}

/* ---- The matrix and the summary ------------------------------------------ */

static void
refresh_summary (TandemScoringPage *self)
{
  guint mql = self->mql, mql_won = self->mql_won;
  g_autofree char *mql_text = NULL;
  g_autofree char *comparison = NULL;
  g_autofree char *conversion = NULL;

  /* The line people read out: "1,284 MQLs (+112 / −40 vs live) · conversion 18.2 % (live 15.1 %)" */
  mql_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u MQL", "%'u MQLs", mql), mql);
  if (tandem_scoring_page_is_published (self))
    comparison = NULL;   /* the live model itself: nothing to compare */
  else if (self->live_scorer != NULL && self->details_ready)
    /* Translators: leads entering and leaving MQL compared with the live model */
    comparison = g_strdup_printf (_(" (+%'u / −%'u vs live)"), self->entering, self->leaving);
  else if (self->live_scorer != NULL)
    comparison = g_strdup_printf (_(" (live %'u)"), self->live_mql);
  if (self->has_outcomes)
    {
      g_autofree char *rate = tandem_chart_format_percent (mql ? (double) mql_won / mql : NAN);
      if (self->live_scorer != NULL && !tandem_scoring_page_is_published (self))
        {
          g_autofree char *live_rate = tandem_chart_format_percent (self->live_mql ? (double) self->live_mql_won / self->live_mql : NAN);
          /* Translators: the MQLs' conversion rate, then the live model's */
          conversion = g_strdup_printf (_(" · conversion %s (live %s)"), rate, live_rate);
        }
      else
        conversion = g_strdup_printf (_(" · conversion %s"), rate);
    }
  g_free (self->summary);
  self->summary = g_strconcat (mql_text, comparison ? comparison : "", conversion ? conversion : "", NULL);
  gtk_label_set_label (self->summary_label, self->summary);

}

static void
refresh (TandemScoringPage *self,
         gboolean           light)
{
  TandemMatrixData data;
  const TandemMatrixData *old = tandem_matrix_view_get_data (self->matrix);
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint mql, mql_won = 0;

  if (self->scorer == NULL || self->model == NULL)
    return;

  tandem_matrix_data_init (&data);
  mql = tandem_scorer_count_matrix_won (self->scorer, self->model, counts, won);
  data.n_fit = tandem_model_get_n_bands (self->model, TANDEM_DIMENSION_FIT);
  data.n_interest = tandem_model_get_n_bands (self->model, TANDEM_DIMENSION_INTEREST);
  data.total = tandem_scorer_get_n_leads (self->scorer);
  data.has_outcomes = tandem_scorer_has_outcomes (self->scorer);
  data.color = self->color_by_conversion ? TANDEM_MATRIX_COLOR_CONVERSION : TANDEM_MATRIX_COLOR_VOLUME;
  for (guint f = 0; f < data.n_fit; f++)
    for (guint i = 0; i < data.n_interest; i++)
      {
        data.counts[f][i] = counts[f][i];
        data.won[f][i] = won[f][i];
        data.mql[f][i] = tandem_model_is_mql_cell (self->model, f, i);
        if (data.mql[f][i])
          mql_won += won[f][i];
      }
  if (self->compare && self->live_scorer != NULL &&
      tandem_model_get_n_bands (self->live, TANDEM_DIMENSION_FIT) == data.n_fit &&
      tandem_model_get_n_bands (self->live, TANDEM_DIMENSION_INTEREST) == data.n_interest)
    {
      data.has_ghost = TRUE;
      for (guint f = 0; f < data.n_fit; f++)
        for (guint i = 0; i < data.n_interest; i++)
          {
            data.ghost_counts[f][i] = self->live_counts[f][i];
            data.ghost_mql[f][i] = tandem_model_is_mql_cell (self->live, f, i);
          }
    }

  /* Distributions: a threshold drag moves only the thresholds; keep the
   * drawn ranges still so the handle stays under the pointer. */
  data.has_distributions = TRUE;
  if (light && old->has_distributions)
    memcpy (data.axes, old->axes, sizeof data.axes);
  else
    for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
      tandem_scorer_get_distribution (self->scorer, d, data.axes[d].counts, &data.axes[d].lo, &data.axes[d].width);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      const TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
      data.axes[d].n_thresholds = spec->n_thresholds;
      memcpy (data.axes[d].thresholds, spec->thresholds, sizeof (double) * spec->n_thresholds);
    }
  if (!(light && old->has_distributions))
    tandem_matrix_data_fit_axes (&data);
  tandem_matrix_view_set_data (self->matrix, &data);

  self->mql = mql;
  self->mql_won = mql_won;
  self->has_outcomes = data.has_outcomes;
  self->details_ready = FALSE;
  refresh_summary (self);

  /* What needs a pass over every lead comes after the new counts are on
   * screen: who enters and leaves MQL, each rule's reach and lift. */
  if (!light && self->details_id == 0)
    self->details_id = g_idle_add_full (G_PRIORITY_LOW, update_details, self, NULL);
}

static gboolean
update_details (gpointer data)
{
  TandemScoringPage *self = data;
  guint total, has_outcomes;

  self->details_id = 0;
  if (self->scorer == NULL || self->model == NULL)
    return G_SOURCE_REMOVE;
  total = tandem_scorer_get_n_leads (self->scorer);
  has_outcomes = tandem_scorer_has_outcomes (self->scorer);
  if (self->live_scorer != NULL && !tandem_scoring_page_is_published (self))
    {
      tandem_scorer_diff_mql (self->scorer, self->model, self->live_scorer, self->live, &self->entering, &self->leaving);
      self->details_ready = TRUE;
      refresh_summary (self);
    }
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
      {
        GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;
        TandemModel *scored = tandem_scorer_get_model (self->scorer);

        if (self->rule_stats[d]->len != rules->len || tandem_model_get_dimension (scored, d)->rules->len != rules->len)
          continue;
        for (guint r = 0; r < rules->len; r++)
          {
            guint matched, matched_won, n = total, n_won = tandem_scorer_get_n_won (self->scorer);
            g_autofree char *count = NULL;
            g_autofree char *share = NULL;
            g_autofree char *text = NULL;

            tandem_scorer_rule_stats (self->scorer, d, r, &matched, &matched_won);
            count = tandem_chart_format_count (matched);
            share = tandem_chart_format_percent (n ? (double) matched / n : NAN);
            if (has_outcomes && matched > 0 && matched < n && n_won - matched_won > 0)
              {
                double lift = ((double) matched_won / matched) / ((double) (n_won - matched_won) / (n - matched));
                /* Translators: a rule's reach and lift: "Matches 4,120 leads (20.6 %) · lift ×2.31" */
                text = g_strdup_printf (_("Matches %s leads (%s) · lift ×%.2f"), count, share, lift);
              }
            else
              text = g_strdup_printf (_("Matches %s leads (%s)"), count, share);
            gtk_label_set_label (g_ptr_array_index (self->rule_stats[d], r), text);
          }
      }
  return G_SOURCE_REMOVE;
}

/* ---- Rule rows ------------------------------------------------------------ */

static void
on_points_changed (GtkAdjustment     *adjustment,
                   TandemScoringPage *self)
{
  TandemDimension d = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (adjustment), "dimension"));
  guint r = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (adjustment), "rule"));

  if (self->updating)
    return;
  tandem_scoring_page_set_points (self, d, r, gtk_adjustment_get_value (adjustment));
}

static void
on_enabled_changed (GtkSwitch         *toggle,
                    GParamSpec        *pspec,
                    TandemScoringPage *self)
{
  TandemDimension d = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "dimension"));
  guint r = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "rule"));
  TandemRule *rule = rule_at (self, d, r);
  g_autofree char *title = NULL;
  g_autofree char *what = NULL;

  if (self->updating || rule == NULL || !rule->enabled == !gtk_switch_get_active (toggle))
    return;
  title = rule_title (rule);
  what = g_strdup_printf (gtk_switch_get_active (toggle) ? _("Turn on %s") : _("Turn off %s"), title);
  push_undo (self, what, NULL);
  rule->enabled = gtk_switch_get_active (toggle);
  sync_scorer (self);
  refresh (self, FALSE);
  edited (self);
}

static GtkWidget *
make_rule_row (TandemScoringPage *self,
               TandemDimension    d,
               guint              r)
{
  TandemRule *rule = g_ptr_array_index (tandem_model_get_dimension (self->model, d)->rules, r);
  g_autofree char *title = rule_title (rule);
  g_autofree char *sentence = tandem_rule_dup_condition (rule);
  g_autoptr(GMenu) menu = g_menu_new ();
  double limit = MAX (100, ceil (fabs (rule->points)));
  GtkAdjustment *adjustment = gtk_adjustment_new (rule->points, -limit, limit, 1, 5, 0);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *stats = gtk_label_new (NULL);
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adjustment);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, rule->points == floor (rule->points) ? 0 : 2);
  GVariant *target = g_variant_new ("(uu)", (guint) d, r);
  g_autofree char *points_label = g_strdup_printf (_("Points for %s"), title);
  g_autofree char *switch_label = g_strdup_printf (_("Use %s"), title);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  if (rule->label && rule->label[0])
    gtk_widget_set_tooltip_text (label, sentence);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), rule->enabled);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  g_object_set_data (G_OBJECT (toggle), "dimension", GUINT_TO_POINTER (d));
  g_object_set_data (G_OBJECT (toggle), "rule", GUINT_TO_POINTER (r));
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_enabled_changed), self);

  g_variant_ref_sink (target);
  {
    static const struct { const char *label, *action; } items[] = {
      { N_("_Edit…"), "scoring.edit-rule" },
      { N_("_Duplicate"), "scoring.duplicate-rule" },
      { N_("_Delete"), "scoring.delete-rule" },
    };
    for (guint k = 0; k < G_N_ELEMENTS (items); k++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(items[k].label), NULL);
        g_menu_item_set_action_and_target_value (item, items[k].action, target);
        g_menu_append_item (menu, item);
      }
  }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Rule Menu"));

  gtk_label_set_xalign (GTK_LABEL (stats), 0);
  gtk_widget_add_css_class (stats, "dim-label");
  gtk_widget_add_css_class (stats, "caption");
  gtk_widget_add_css_class (stats, "numeric");

  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_scale_add_mark (GTK_SCALE (scale), 0, GTK_POS_BOTTOM, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, points_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, points_label, -1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  g_object_set_data (G_OBJECT (adjustment), "dimension", GUINT_TO_POINTER (d));
  g_object_set_data (G_OBJECT (adjustment), "rule", GUINT_TO_POINTER (r));
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_points_changed), self);

  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (top), toggle);
  gtk_box_append (GTK_BOX (top), menu_button);
  gtk_box_append (GTK_BOX (bottom), scale);
  gtk_box_append (GTK_BOX (bottom), spin);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), stats);
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_ptr_array_add (self->rule_stats[d], stats);
  g_variant_unref (target);
  return row;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* ---- Bands ---------------------------------------------------------------- */

static void
set_threshold (TandemScoringPage *self,
               TandemDimension    d,
               guint              index,
               double             value,
               gboolean           light)
{
  TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
  g_autofree char *what = NULL;
  g_autofree char *key = NULL;

  if (index >= spec->n_thresholds || spec->thresholds[index] == value)
    return;
  /* Bands stay in order: between the neighbours, a hundredth apart */
  if (index > 0)
    value = MIN (value, spec->thresholds[index - 1] - 0.01);
  if (index + 1 < spec->n_thresholds)
    value = MAX (value, spec->thresholds[index + 1] + 0.01);
  what = g_strdup_printf (d == TANDEM_DIMENSION_FIT ? _("Start of fit band %c") : _("Start of interest band %c"),
                          d == TANDEM_DIMENSION_FIT ? 'A' + index : '1' + index);
  key = g_strdup_printf ("threshold %u %u", d, index);
  push_undo (self, what, key);
  spec->thresholds[index] = value;
  if (self->scorer != NULL && !light)
    tandem_scorer_set_bands (self->scorer, self->model);
  refresh (self, light);
  edited (self);
}

static void
on_threshold_spin_changed (GtkSpinButton     *spin,
                           TandemScoringPage *self)
{
  TandemDimension d = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "dimension"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "index"));
  TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
  double value = gtk_spin_button_get_value (spin);

  if (self->updating)
    return;
  if ((index > 0 && value >= spec->thresholds[index - 1]) ||
      (index + 1 < spec->n_thresholds && value <= spec->thresholds[index + 1]))
    {
      /* Explained where it happened, and not applied */
      g_autofree char *message = g_strdup_printf (_("Bands go down: this one must start below %g and above %g"),
                                                  index > 0 ? spec->thresholds[index - 1] : INFINITY,
                                                  index + 1 < spec->n_thresholds ? spec->thresholds[index + 1] : -INFINITY);
      gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (spin), message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), NULL);
  set_threshold (self, d, index, value, FALSE);
}

static void
change_band_count (TandemScoringPage *self,
                   TandemDimension    d,
                   int                delta)
{
  TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
  guint n = spec->n_thresholds;

  if ((delta > 0 && n >= TANDEM_MAX_THRESHOLDS) || (delta < 0 && n <= 1))
    return;
  push_undo (self, delta > 0 ? _("Add a band") : _("Remove a band"), NULL);
  if (delta > 0)
    {
      /* The new band below the lowest: as far below as the last step */
      double step = n >= 2 ? spec->thresholds[n - 2] - spec->thresholds[n - 1] : 10;
      spec->thresholds[n] = spec->thresholds[n - 1] - MAX (step, 1);
      spec->n_thresholds++;
    }
  else
    {
      spec->n_thresholds--;
      /* Cells of the band that went away are no longer MQL */
      for (guint k = 0; k < TANDEM_MAX_BANDS; k++)
        {
          if (d == TANDEM_DIMENSION_FIT)
            tandem_model_set_mql_cell (self->model, spec->n_thresholds + 1, k, FALSE);
          else
            tandem_model_set_mql_cell (self->model, k, spec->n_thresholds + 1, FALSE);
        }
    }
  rebuild_rows (self);
  sync_scorer (self);
  refresh (self, FALSE);
  edited (self);
}

static void
on_add_band (GtkButton         *button,
             TandemScoringPage *self)
{
  change_band_count (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dimension")), 1);
}

static void
on_remove_band (GtkButton         *button,
                TandemScoringPage *self)
{
  change_band_count (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dimension")), -1);
}

static void
on_limit_changed (GObject           *widget,
                  GParamSpec        *pspec,
                  TandemScoringPage *self)
{
  TandemDimension d = GPOINTER_TO_UINT (g_object_get_data (widget, "dimension"));
  gboolean is_cap = GPOINTER_TO_UINT (g_object_get_data (widget, "cap"));
  GtkSwitch *toggle = g_object_get_data (widget, "switch");
  GtkSpinButton *spin = g_object_get_data (widget, "spin");
  TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
  gboolean on = gtk_switch_get_active (toggle);
  double value = gtk_spin_button_get_value (spin);
  g_autofree char *key = g_strdup_printf ("limit %u %d", d, is_cap);

  if (self->updating)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (spin), on);
  if (on && ((is_cap && spec->has_floor && value <= spec->floor) || (!is_cap && spec->has_cap && value >= spec->cap)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (spin), _("The highest score must be above the lowest"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), NULL);
  push_undo (self, is_cap ? _("Highest score") : _("Lowest score"), key);
  if (is_cap)
    spec->has_cap = on, spec->cap = value;
  else
    spec->has_floor = on, spec->floor = value;
  sync_scorer (self);
  refresh (self, FALSE);
  edited (self);
}

static GtkWidget *
spin_row (const char *title,
          double      value,
          double      lower,
          double      upper)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_object_set_data (G_OBJECT (row), "spin", spin);
  return row;
}

static void
add_band_rows (TandemScoringPage *self,
               TandemDimension    d)
{
  TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
  GtkWidget *count_row = adw_action_row_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *count = g_strdup_printf (d == TANDEM_DIMENSION_FIT ? _("Fit bands: A to %c") : _("Interest bands: 1 to %c"),
                                            d == TANDEM_DIMENSION_FIT ? 'A' + spec->n_thresholds : '1' + spec->n_thresholds);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (count_row), count);
  for (GtkWidget *b = add; b != NULL; b = b == add ? remove : NULL)
    {
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (b, "flat");
      g_object_set_data (G_OBJECT (b), "dimension", GUINT_TO_POINTER (d));
    }
  gtk_widget_set_tooltip_text (add, _("Add a Band"));
  gtk_widget_set_tooltip_text (remove, _("Remove the Lowest Band"));
  gtk_widget_set_sensitive (add, spec->n_thresholds < TANDEM_MAX_THRESHOLDS);
  gtk_widget_set_sensitive (remove, spec->n_thresholds > 1);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_band), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_band), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (count_row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (count_row), add);
  gtk_list_box_append (self->bands_list, count_row);

  for (guint t = 0; t < spec->n_thresholds; t++)
    {
      g_autofree char *title = g_strdup_printf (d == TANDEM_DIMENSION_FIT ? _("Fit band %c from") : _("Interest band %c from"),
                                                d == TANDEM_DIMENSION_FIT ? 'A' + t : '1' + t);
      GtkWidget *row = spin_row (title, spec->thresholds[t], -100000, 100000);
      GtkWidget *spin = g_object_get_data (G_OBJECT (row), "spin");

      g_object_set_data (G_OBJECT (spin), "dimension", GUINT_TO_POINTER (d));
      g_object_set_data (G_OBJECT (spin), "index", GUINT_TO_POINTER (t));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_threshold_spin_changed), self);
      gtk_list_box_append (self->bands_list, row);
    }

  for (guint is_cap = 0; is_cap < 2; is_cap++)
    {
      const char *title = is_cap ? (d == TANDEM_DIMENSION_FIT ? _("Highest fit score") : _("Highest interest score"))
                                 : (d == TANDEM_DIMENSION_FIT ? _("Lowest fit score") : _("Lowest interest score"));
      GtkWidget *row = spin_row (title, is_cap ? (spec->has_cap ? spec->cap : 100) : (spec->has_floor ? spec->floor : 0),
                                 -100000, 100000);
      GtkWidget *spin = g_object_get_data (G_OBJECT (row), "spin");
      GtkWidget *toggle = gtk_switch_new ();
      gboolean on = is_cap ? spec->has_cap : spec->has_floor;

      gtk_switch_set_active (GTK_SWITCH (toggle), on);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (spin, on);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), toggle);
      for (GObject *o = G_OBJECT (spin); o != NULL; o = o == G_OBJECT (spin) ? G_OBJECT (toggle) : NULL)
        {
          g_object_set_data (o, "dimension", GUINT_TO_POINTER (d));
          g_object_set_data (o, "cap", GUINT_TO_POINTER (is_cap));
          g_object_set_data (o, "switch", toggle);
          g_object_set_data (o, "spin", spin);
        }
      g_signal_connect (spin, "notify::value", G_CALLBACK (on_limit_changed), self);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_limit_changed), self);
      gtk_list_box_append (self->bands_list, row);
    }
}

static void
rebuild_rows (TandemScoringPage *self)
{
  GtkListBox *lists[] = { self->fit_list, self->interest_list };

  self->updating = TRUE;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;

      clear_list (lists[d]);
      g_ptr_array_set_size (self->rule_stats[d], 0);
      for (guint r = 0; r < rules->len; r++)
        gtk_list_box_append (lists[d], make_rule_row (self, d, r));
      gtk_list_box_set_placeholder (lists[d], placeholder_row (d == TANDEM_DIMENSION_FIT
                                                               ? _("No fit rules yet: add one, or pick from the gallery")
                                                               : _("No interest rules yet: add one, or pick from the gallery")));
    }
  clear_list (self->bands_list);
  add_band_rows (self, TANDEM_DIMENSION_FIT);
  add_band_rows (self, TANDEM_DIMENSION_INTEREST);
  self->updating = FALSE;
}

/* ---- Rule actions --------------------------------------------------------- */

void
tandem_scoring_page_set_points (TandemScoringPage *self,
                                TandemDimension    dimension,
                                guint              rule_index,
                                double             points)
{
  TandemRule *rule;
  g_autofree char *title = NULL;
  g_autofree char *what = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (TANDEM_IS_SCORING_PAGE (self));
  rule = self->model ? rule_at (self, dimension, rule_index) : NULL;
  if (rule == NULL || !isfinite (points) || rule->points == points)
    return;
  title = rule_title (rule);
  what = g_strdup_printf (_("Points of %s"), title);
  key = g_strdup_printf ("points %u %u", dimension, rule_index);
  push_undo (self, what, key);
  rule->points = points;
  sync_scorer (self);
  refresh (self, FALSE);
  edited (self);
}

void
tandem_scoring_page_add_rule (TandemScoringPage *self,
                              TandemDimension    dimension,
                              TandemRule        *rule)
{
  g_autofree char *title = rule_title (rule);
  g_autofree char *what = g_strdup_printf (_("Add %s"), title);

  push_undo (self, what, NULL);
  g_ptr_array_add (tandem_model_get_dimension (self->model, dimension)->rules, rule);
  rebuild_rows (self);
  sync_scorer (self);
  edited (self);
}

static void
on_rule_edited (TandemRuleEditor  *editor,
                TandemRule        *rule,
                TandemScoringPage *self)
{
  TandemDimension d = tandem_rule_editor_get_dimension (editor);
  int index = tandem_rule_editor_get_index (editor);
  GPtrArray *rules = tandem_model_get_dimension (self->model, d)->rules;

  if (index < 0)
    {
      tandem_scoring_page_add_rule (self, d, tandem_rule_copy (rule));
      return;
    }
  if ((guint) index < rules->len)
    {
      g_autofree char *title = rule_title (rule);
      g_autofree char *what = g_strdup_printf (_("Edit %s"), title);
      push_undo (self, what, NULL);
      g_ptr_array_insert (rules, index, tandem_rule_copy (rule));
      g_ptr_array_remove_index (rules, index + 1);
      rebuild_rows (self);
      sync_scorer (self);
      edited (self);
    }
}

static void
open_editor (TandemScoringPage *self,
             TandemDimension    d,
             int                index)
{
  GtkWidget *editor;

  if (self->store == NULL || self->model == NULL)
    return;
  editor = tandem_rule_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store, d, index,
                                   index >= 0 ? rule_at (self, d, (guint) index) : NULL);
  g_signal_connect (editor, "rule-edited", G_CALLBACK (on_rule_edited), self);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  guint d = (guint) g_variant_get_int32 (parameter);
  open_editor (TANDEM_SCORING_PAGE (widget), MIN (d, 1), -1);
}

static void
edit_rule_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  guint d, r;

  g_variant_get (parameter, "(uu)", &d, &r);
  if (d < TANDEM_N_DIMENSIONS && rule_at (TANDEM_SCORING_PAGE (widget), d, r) != NULL)
    open_editor (TANDEM_SCORING_PAGE (widget), d, (int) r);
}

static void
duplicate_rule_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  TandemRule *rule;
  guint d, r;

  g_variant_get (parameter, "(uu)", &d, &r);
  if (d >= TANDEM_N_DIMENSIONS || (rule = rule_at (self, d, r)) == NULL)
    return;
  {
    g_autofree char *title = rule_title (rule);
    g_autofree char *what = g_strdup_printf (_("Duplicate %s"), title);
    push_undo (self, what, NULL);
  }
  g_ptr_array_insert (tandem_model_get_dimension (self->model, d)->rules, (int) r + 1, tandem_rule_copy (rule));
  rebuild_rows (self);
  sync_scorer (self);
  edited (self);
}

static void
delete_rule_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  TandemRule *rule;
  guint d, r;

  g_variant_get (parameter, "(uu)", &d, &r);
  if (d >= TANDEM_N_DIMENSIONS || (rule = rule_at (self, d, r)) == NULL)
    return;
  {
    g_autofree char *title = rule_title (rule);
    g_autofree char *what = g_strdup_printf (_("Delete %s"), title);
    g_autofree char *message = g_strdup_printf (_("Deleted %s — Ctrl+Z brings it back"), title);
    push_undo (self, what, NULL);
    toast (self, message);
  }
  g_ptr_array_remove_index (tandem_model_get_dimension (self->model, d)->rules, r);
  rebuild_rows (self);
  sync_scorer (self);
  edited (self);
}

/* For tests and scripts: a rule as JSON, added to a dimension. */
static void
add_rule_json_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRule) rule = NULL;
  const char *json;
  guint d;

  g_variant_get (parameter, "(u&s)", &d, &json);
  if (self->store == NULL || d >= TANDEM_N_DIMENSIONS)
    return;
  rule = tandem_rule_new_from_json (json, &error);
  if (rule == NULL || !tandem_rule_validate (rule, self->store, &error))
    {
      toast (self, error->message);
      return;
    }
  tandem_scoring_page_add_rule (self, d, g_steal_pointer (&rule));
}

static void
set_points_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  guint d, r;
  double points;

  g_variant_get (parameter, "(uud)", &d, &r, &points);
  if (d < TANDEM_N_DIMENSIONS)
    {
      tandem_scoring_page_set_points (TANDEM_SCORING_PAGE (widget), d, r, points);
      rebuild_rows (TANDEM_SCORING_PAGE (widget));
      refresh (TANDEM_SCORING_PAGE (widget), FALSE);
    }
}

/* ---- Cells and thresholds ------------------------------------------------- */

static void
toggle_cell (TandemScoringPage *self,
             guint              f,
             guint              i)
{
  gboolean now;
  g_autofree char *cell = NULL;
  g_autofree char *what = NULL;

  if (self->model == NULL || f >= tandem_model_get_n_bands (self->model, TANDEM_DIMENSION_FIT) ||
      i >= tandem_model_get_n_bands (self->model, TANDEM_DIMENSION_INTEREST))
    return;
  now = !tandem_model_is_mql_cell (self->model, f, i);
  cell = tandem_model_cell_name (f, i);
  what = g_strdup_printf (now ? _("Make %s an MQL cell") : _("Take %s out of MQL"), cell);
  push_undo (self, what, NULL);
  tandem_model_set_mql_cell (self->model, f, i, now);
  if (self->scorer != NULL)
    tandem_scorer_set_bands (self->scorer, self->model);
  refresh (self, FALSE);
  edited (self);
}

static void
on_cell_toggled (TandemMatrixView  *view,
                 guint              f,
                 guint              i,
                 TandemScoringPage *self)
{
  toggle_cell (self, f, i);
}

static void
toggle_cell_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  guint f, i;

  g_variant_get (parameter, "(uu)", &f, &i);
  toggle_cell (TANDEM_SCORING_PAGE (widget), f, i);
}

static void
update_band_spins (TandemScoringPage *self)
{
  self->updating = TRUE;
  clear_list (self->bands_list);
  add_band_rows (self, TANDEM_DIMENSION_FIT);
  add_band_rows (self, TANDEM_DIMENSION_INTEREST);
  self->updating = FALSE;
}

static void
on_threshold_changed (TandemMatrixView  *view,
                      guint              axis,
                      guint              index,
                      double             score,
                      gboolean           finished,
                      TandemScoringPage *self)
{
  TandemDimension d = axis == TANDEM_MATRIX_AXIS_FIT ? TANDEM_DIMENSION_FIT : TANDEM_DIMENSION_INTEREST;
  const TandemMatrixAxisData *drawn = &tandem_matrix_view_get_data (view)->axes[axis];

  if (self->model == NULL)
    return;
  /* A dragged handle snaps to the score histogram's grid: counts then come
   * from the histogram alone (microseconds, not a pass over every lead).
   * The grid is fine — a 256th of the score range — and typed numbers
   * are kept exactly as typed. */
  if (drawn->width > 0)
    score = drawn->lo + round ((score - drawn->lo) / drawn->width) * drawn->width;
  score = round (score * 1e6) / 1e6;
  /* Every frame of a drag: counts from the histogram, nothing else */
  set_threshold (self, d, index, score, !finished);
  if (finished)
    {
      if (self->scorer != NULL)
        tandem_scorer_set_bands (self->scorer, self->model);
      update_band_spins (self);
      refresh (self, FALSE);
    }
}

static void
set_threshold_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  guint axis, index;
  double value;

  g_variant_get (parameter, "(uud)", &axis, &index, &value);
  if (axis < TANDEM_N_DIMENSIONS && isfinite (value))
    {
      set_threshold (self, axis, index, value, FALSE);
      update_band_spins (self);
    }
}

typedef struct
{
  guint  lead;
  double total;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  double x = ((const Ranked *) a)->total, y = ((const Ranked *) b)->total;
  return (x < y) - (x > y);
}

/* A cell's leads, best first, each with why it scored what it did */
static void
show_cell_leads (TandemScoringPage *self,
                 guint              f,
                 guint              i)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autofree char *cell = tandem_model_cell_name (f, i);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  GtkWidget *window, *box, *header, *window_title, *scrolled, *list, *clamp;
  guint n;

  if (self->scorer == NULL)
    return;
  tandem_scorer_set_bands (self->scorer, self->model);
  n = tandem_scorer_get_n_leads (self->scorer);
  for (guint k = 0; k < n; k++)
    {
      TandemScore score;
      tandem_scorer_get_score (self->scorer, k, &score);
      if (score.fit_band == f && score.interest_band == i)
        g_array_append_val (ranked, ((Ranked) { k, score.fit + score.interest }));
    }
  g_array_sort (ranked, compare_ranked);

  count = tandem_chart_format_count (ranked->len);
  /* Translators: the title of a matrix cell's lead list, e.g. "Cell B1" */
  title = g_strdup_printf (_("Cell %s"), cell);
  if (ranked->len > CELL_LEADS_SHOWN)
    subtitle = g_strdup_printf (_("%s leads · the %u highest scores"), count, CELL_LEADS_SHOWN);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s lead", "%s leads", ranked->len), count);

  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_title (GTK_WINDOW (window), title);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  window_title = adw_window_title_new (title, subtitle);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  gtk_box_append (GTK_BOX (box), header);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  for (guint k = 0; k < MIN (ranked->len, CELL_LEADS_SHOWN); k++)
    {
      guint lead = g_array_index (ranked, Ranked, k).lead;
      g_autofree char *why = tandem_scorer_explain (self->scorer, lead);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tandem_scorer_get_key (self->scorer, lead));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), why);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder_row (_("No leads in this cell")));
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_cell_activated (TandemMatrixView  *view,
                   guint              f,
                   guint              i,
                   TandemScoringPage *self)
{
  show_cell_leads (self, f, i);
}

/* ---- Models --------------------------------------------------------------- */

static void
update_model_menu (TandemScoringPage *self)
{
  g_autoptr(GPtrArray) models = NULL;

  g_menu_remove_all (self->open_model_menu);
  if (self->store == NULL)
    return;
  models = tandem_model_list (self->store);
  for (guint k = 0; k < models->len; k++)
    {
      TandemModelInfo *info = g_ptr_array_index (models, k);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (g_str_has_suffix (info->name, DRAFT_SUFFIX))
        continue;
      label = info->live ? g_strdup_printf (_("%s (live)"), info->name) : g_strdup (info->name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "scoring.open-model", "s", info->name);
      g_menu_append_item (self->open_model_menu, item);
    }
}

/* Starts editing a stored model (or its unpublished draft), or a new
 * empty one when the workspace has none. */
static void
load_model (TandemScoringPage *self,
            const char        *name)
{
  g_autoptr(TandemModel) model = NULL;
  g_autoptr(TandemModel) draft = NULL;
  g_autofree char *draft_key = NULL;

  g_clear_pointer (&self->live, tandem_model_unref);
  self->live = tandem_model_load (self->store, NULL, NULL);
  model = name ? tandem_model_load (self->store, name, NULL) : self->live ? tandem_model_copy (self->live) : NULL;
  if (model == NULL)
    {
      model = tandem_model_new_from_json ("{\"name\": \"Scoring model\", \"fit\": {\"bands\": [60, 40, 20], \"rules\": []},"
                                          " \"interest\": {\"bands\": [50, 25, 10], \"rules\": []},"
                                          " \"mql\": [\"A1\", \"A2\", \"B1\"]}", -1, NULL);
      tandem_model_set_name (model, _("Scoring model"));
    }
  g_free (self->base_name);
  self->base_name = g_strdup (tandem_model_get_name (model));
  draft_key = draft_name (self);
  draft = tandem_model_load (self->store, draft_key, NULL);
  if (draft != NULL)
    {
      tandem_model_set_name (draft, self->base_name);
      g_clear_pointer (&model, tandem_model_unref);
      model = g_steal_pointer (&draft);
      toast (self, _("Your unpublished draft is back where you left it"));
    }
  g_clear_pointer (&self->model, tandem_model_unref);
  self->model = g_steal_pointer (&model);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->scorer, tandem_scorer_free);
  g_clear_pointer (&self->live_scorer, tandem_scorer_free);
  rebuild_rows (self);
  update_actions (self);
  update_model_menu (self);
  score_again (self, TRUE);
}

static void
open_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!save_draft (self, &error))
    {
      toast (self, error->message);
      return;
    }
  load_model (self, g_variant_get_string (parameter, NULL));
}

gboolean
tandem_scoring_page_publish (TandemScoringPage  *self,
                             const char         *note,
                             GError            **error)
{
  g_autofree char *draft = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);

  if (self->store == NULL || self->model == NULL)
    return FALSE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  draft = draft_name (self);
  /* Live, the draft gone and the decision logged: all or nothing */
  if (!tandem_store_begin (self->store, error) ||
      !tandem_model_insert (self->model, self->store, TRUE, error) ||
      !tandem_model_delete (self->store, draft, error) ||
      !tandem_decision_insert (self->store, self->live, self->model, note, error) ||
      !tandem_store_commit (self->store, error))
    {
      tandem_store_rollback (self->store);
      return FALSE;
    }
  g_clear_pointer (&self->live, tandem_model_unref);
  self->live = tandem_model_copy (self->model);
  /* The draft's scores are now the live ones */
  if (self->scorer != NULL)
    {
      g_clear_pointer (&self->live_scorer, tandem_scorer_free);
      score_again (self, TRUE);
    }
  message = g_strdup_printf (_("“%s” is now the live model"), self->base_name);
  toast (self, message);
  update_actions (self);
  update_model_menu (self);
  return TRUE;
}

static void
on_publish_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     TandemScoringPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "publish") != 0)
    return;
  if (!tandem_scoring_page_publish (self, gtk_editable_get_text (entry), &error))
    {
      g_autofree char *failed = g_strdup_printf (_("Could not publish: %s"), error->message);
      toast (self, failed);
    }
}

/* Publishing asks why: the answer goes into the decision log, with what
 * changed, for the agreement both teams sign */
static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autofree char *changes = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;

  if (self->store == NULL || self->model == NULL)
    return;
  changes = tandem_model_describe_changes (self->live, self->model);
  heading = g_strdup_printf (_("Make “%s” the Live Model?"), self->base_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, changes);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why — for the decision log"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "publish", _("_Publish"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "publish");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_publish_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autoptr(TandemModel) base = NULL;

  if (self->store == NULL || self->model == NULL)
    return;
  base = tandem_model_load (self->store, self->base_name, NULL);
  push_undo (self, _("Discard the draft"), NULL);
  g_clear_pointer (&self->model, tandem_model_unref);
  self->model = base ? g_steal_pointer (&base) : tandem_model_new (self->base_name);
  rebuild_rows (self);
  sync_scorer (self);
  refresh (self, FALSE);
  edited (self);
  toast (self, _("Draft discarded — Ctrl+Z brings it back"));
}

static void
on_save_as_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     TandemScoringPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *name = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autoptr(TandemModel) existing = NULL;
  g_autoptr(TandemModel) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;
  if (stripped[0] == '\0' || g_str_has_suffix (stripped, DRAFT_SUFFIX))
    {
      toast (self, _("A model needs a name that does not end in “(draft)”"));
      return;
    }
  existing = tandem_model_load (self->store, stripped, NULL);
  if (existing != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is already a model named “%s”"), stripped);
      toast (self, message);
      return;
    }
  copy = tandem_model_copy (self->model);
  tandem_model_set_name (copy, stripped);
  if (!tandem_model_save (copy, self->store, FALSE, &error))
    {
      toast (self, error->message);
      return;
    }
  /* The old draft stays where it was; go on editing the new model */
  if (!save_draft (self, &error))
    toast (self, error->message);
  load_model (self, stripped);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  GtkWidget *dialog, *entry;

  if (self->model == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save as a New Model"),
                                   _("The new model starts as a copy of this draft; it is not live until you publish it."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), _("New model"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
tandem_scoring_page_rename_model (TandemScoringPage  *self,
                                  const char         *new_name,
                                  GError            **error)
{
  g_autofree char *name = g_strstrip (g_strdup (new_name));
  g_autoptr(TandemModel) existing = NULL;

  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);

  if (self->store == NULL || self->model == NULL || g_strcmp0 (name, self->base_name) == 0)
    return TRUE;
  if (name[0] == '\0' || g_str_has_suffix (name, DRAFT_SUFFIX))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A model needs a name that does not end in “(draft)”"));
      return FALSE;
    }
  existing = tandem_model_load (self->store, name, NULL);
  if (existing != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There is already a model named “%s”"), name);
      return FALSE;
    }
  /* Whatever is pending goes in under the old name first */
  if (!save_draft (self, error) || !tandem_store_rename_model (self->store, self->base_name, name, error))
    return FALSE;
  g_free (self->base_name);
  self->base_name = g_strdup (name);
  tandem_model_set_name (self->model, name);
  g_clear_pointer (&self->live, tandem_model_unref);
  self->live = tandem_model_load (self->store, NULL, NULL);
  update_actions (self);
  update_model_menu (self);
  return TRUE;
}

static void
on_rename_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    TandemScoringPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") == 0 && !tandem_scoring_page_rename_model (self, gtk_editable_get_text (entry), &error))
    toast (self, error->message);
}

/* Two stored models side by side; the draft joins them once saved as a model */
static void
compare_models_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  GtkWidget *window;

  if (self->store == NULL)
    return;
  window = tandem_compare_models_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store);
  self->compare_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->compare_window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
rename_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  GtkWidget *dialog, *entry;

  if (self->model == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Rename the Model"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), self->base_name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_rename_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    TandemScoringPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  draft = draft_name (self);
  if (!tandem_store_begin (self->store, &error) ||
      !tandem_model_delete (self->store, self->base_name, &error) ||
      !tandem_model_delete (self->store, draft, &error) ||
      !tandem_store_commit (self->store, &error))
    {
      tandem_store_rollback (self->store);
      toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_("Deleted the model “%s”"), self->base_name);
  toast (self, message);
  load_model (self, NULL);   /* back to the live model */
}

static void
delete_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->model == NULL)
    return;
  if (self->live != NULL && g_strcmp0 (self->base_name, tandem_model_get_name (self->live)) == 0)
    {
      toast (self, _("The live model cannot be deleted: publish another model first"));
      return;
    }
  body = g_strdup_printf (_("“%s” and its draft will be gone from the workspace. The live model stays as it is."),
                          self->base_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete the Model?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *const json_patterns[] = { "*.json", NULL };

static void
on_import_chosen (GFile    *file,
                  gpointer  user_data)
{
  TandemScoringPage *self = user_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) imported = tandem_model_new_from_file (path, &error);
  g_autofree char *basename = g_file_get_basename (file);

  if (imported == NULL || !tandem_model_validate (imported, self->store, &error))
    {
      /* The file's problem, in full, where the user can read it */
      g_autofree char *body = g_strdup_printf (_("%s: %s\n\nNothing was changed."), basename, error->message);
      tandem_compat_show_message (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Could Not Import the Model"), body);
      return;
    }
  push_undo (self, _("Import a model"), NULL);
  tandem_model_set_name (imported, self->base_name);
  g_clear_pointer (&self->model, tandem_model_unref);
  self->model = g_steal_pointer (&imported);
  rebuild_rows (self);
  sync_scorer (self);
  refresh (self, FALSE);
  edited (self);
  {
    g_autofree char *message = g_strdup_printf (_("Imported %s as the draft — publish to make it live"), basename);
    toast (self, message);
  }
}

static void
import_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  if (TANDEM_SCORING_PAGE (widget)->model == NULL)
    return;
  tandem_compat_choose_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Import a Scoring Model"), _("_Import"), FALSE,
                             NULL, _("Scoring models (JSON)"), json_patterns, on_import_chosen, widget);
}

static void
on_export_chosen (GFile    *file,
                  gpointer  user_data)
{
  TandemScoringPage *self = user_data;
  g_autofree char *json = tandem_model_to_json (self->model);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Exported the model to %s"), basename);
    toast (self, message);
  }
}

static void
export_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autofree char *suggested = NULL;

  if (self->model == NULL)
    return;
  suggested = g_strdup_printf ("%s.json", self->base_name);
  tandem_compat_choose_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export the Scoring Model"), _("_Export"), TRUE,
                             suggested, _("Scoring models (JSON)"), json_patterns, on_export_chosen, widget);
}

gboolean
tandem_scoring_page_export_scores (TandemScoringPage  *self,
                                   GFile              *file,
                                   GError            **error)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);

  if (self->scorer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The leads are still being scored; try again in a moment"));
      return FALSE;
    }
  tandem_scorer_set_bands (self->scorer, self->model);
  tandem_scorer_append_csv (self->scorer, csv);
  /* Written whole, then moved into place */
  return g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
on_scores_chosen (GFile    *file,
                  gpointer  user_data)
{
  TandemScoringPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (!tandem_scoring_page_export_scores (self, file, &error))
    {
      toast (self, error->message);
      return;
    }
  {
    g_autofree char *message = g_strdup_printf (_("Saved every lead's score in %s"), name);
    toast (self, message);
  }
}

static const char *const csv_patterns[] = { "*.csv", NULL };

static void
export_scores_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tandem_compat_choose_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export the Scores"), _("_Export"), TRUE,
                             _("scores.csv"), _("CSV files"), csv_patterns, on_scores_chosen, widget);
}

static const char *const picture_patterns[] = { "*.png", "*.svg", "*.pdf", NULL };

static void
on_chart_chosen (GFile    *file,
                 gpointer  user_data)
{
  TandemScoringPage *self = user_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  TandemChartStyle style;
  TandemMatrixData data = *tandem_matrix_view_get_data (self->matrix);

  data.focus_fit = data.focus_interest = -1;
  data.active_axis = data.active_handle = -1;
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  if (!tandem_chart_export (path, 1280, 800, 2, &style, tandem_matrix_draw, &data, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Saved the matrix as %s"), basename);
      toast (self, message);
    }
  tandem_chart_style_clear (&style);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tandem_compat_choose_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export the Matrix"), _("_Export"), TRUE,
                             _("matrix.png"), _("Pictures (PNG, SVG, PDF)"), picture_patterns, on_chart_chosen, widget);
}

/* ---- Gallery -------------------------------------------------------------- */

static void
on_gallery_row_activated (GtkListBox        *list,
                          GtkListBoxRow     *row,
                          TandemScoringPage *self)
{
  TandemGalleryItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item == NULL || item->rule == NULL)
    return;
  tandem_scoring_page_add_rule (self, item->dimension, tandem_rule_copy (item->rule));
  {
    g_autofree char *message = g_strdup_printf (_("Added “%s”"), item->title);
    toast (self, message);
  }
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (list))));
}

static void
gallery_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  GPtrArray *items;
  GtkWidget *window, *box, *header, *scrolled, *page;
  AdwPreferencesGroup *groups[TANDEM_N_DIMENSIONS];
  GtkWidget *lists[TANDEM_N_DIMENSIONS];

  if (self->store == NULL || self->model == NULL)
    return;
  items = tandem_gallery_list (self->store);
  window = adw_window_new ();
  g_object_set_data_full (G_OBJECT (window), "items", items, (GDestroyNotify) g_ptr_array_unref);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_window_set_title (GTK_WINDOW (window), _("Rule Gallery"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      groups[d] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (groups[d], d == TANDEM_DIMENSION_FIT ? _("Qualification (Fit)") : _("Interest (Engagement)"));
      adw_preferences_group_set_description (groups[d], _("Mapped onto this workspace's own columns and events; click one to add it"));
      lists[d] = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (lists[d]), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (lists[d], "boxed-list");
      g_signal_connect (lists[d], "row-activated", G_CALLBACK (on_gallery_row_activated), self);
      adw_preferences_group_add (groups[d], lists[d]);
      gtk_box_append (GTK_BOX (page), GTK_WIDGET (groups[d]));
    }
  for (guint k = 0; k < items->len; k++)
    {
      TandemGalleryItem *item = g_ptr_array_index (items, k);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->rule ? item->sentence : item->missing);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), item->rule != NULL);
      gtk_widget_set_sensitive (row, item->rule != NULL);
      if (item->rule != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      g_object_set_data (G_OBJECT (row), "item", item);
      gtk_list_box_append (GTK_LIST_BOX (lists[item->dimension]), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), page);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- Layout --------------------------------------------------------------- */

static void
show_matrix_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  adw_leaflet_set_visible_child (self->leaflet, self->matrix_pane);
}

static void
show_rules_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  adw_leaflet_set_visible_child (self->leaflet, self->rules_pane);
}

static void
on_folded (AdwLeaflet        *leaflet,
           GParamSpec        *pspec,
           TandemScoringPage *self)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  gtk_widget_set_visible (self->show_matrix_button, folded);
}

/* ---- GObject -------------------------------------------------------------- */

static void
tandem_scoring_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;
    case PROP_COLOR_BY_CONVERSION:
      g_value_set_boolean (value, self->color_by_conversion);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_scoring_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      self->compare = g_value_get_boolean (value);
      refresh (self, FALSE);
      break;
    case PROP_COLOR_BY_CONVERSION:
      self->color_by_conversion = g_value_get_boolean (value);
      refresh (self, FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_scoring_page_dispose (GObject *object)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  /* Nothing lost: a pending draft is written now */
  if (self->autosave_id != 0)
    save_draft (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->details_id, g_source_remove);
  if (self->compare_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->compare_window), (gpointer *) &self->compare_window);
  self->compare_window = NULL;
  G_OBJECT_CLASS (tandem_scoring_page_parent_class)->dispose (object);
}

static void
tandem_scoring_page_finalize (GObject *object)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->model, tandem_model_unref);
  g_clear_pointer (&self->live, tandem_model_unref);
  g_clear_pointer (&self->scorer, tandem_scorer_free);
  g_clear_pointer (&self->live_scorer, tandem_scorer_free);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_clear_pointer (&self->rule_stats[d], g_ptr_array_unref);
  g_free (self->base_name);
  g_free (self->summary);
  G_OBJECT_CLASS (tandem_scoring_page_parent_class)->finalize (object);
}

static void
tandem_scoring_page_class_init (TandemScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tandem_scoring_page_get_property;
  object_class->set_property = tandem_scoring_page_set_property;
  object_class->dispose = tandem_scoring_page_dispose;
  object_class->finalize = tandem_scoring_page_finalize;

  properties[PROP_COMPARE] = g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COLOR_BY_CONVERSION] = g_param_spec_boolean ("color-by-conversion", NULL, NULL, FALSE,
                                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A message for the window's toasts */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A score finished (or failed) */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  g_type_ensure (TANDEM_TYPE_MATRIX_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-scoring-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, rules_pane);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, matrix_pane);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, model_label);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, fit_list);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, interest_list);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, bands_list);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, matrix);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, show_matrix_button);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, open_model_menu);

  gtk_widget_class_install_action (widget_class, "scoring.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "scoring.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "scoring.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "scoring.discard-draft", NULL, discard_draft_action);
  gtk_widget_class_install_action (widget_class, "scoring.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "scoring.rename-model", NULL, rename_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.compare-models", NULL, compare_models_action);
  gtk_widget_class_install_action (widget_class, "scoring.delete-model", NULL, delete_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.open-model", "s", open_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.import-model", NULL, import_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.export-model", NULL, export_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "scoring.export-scores", NULL, export_scores_action);
  gtk_widget_class_install_action (widget_class, "scoring.add-rule", "i", add_rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.edit-rule", "(uu)", edit_rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.duplicate-rule", "(uu)", duplicate_rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.delete-rule", "(uu)", delete_rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.add-rule-json", "(us)", add_rule_json_action);
  gtk_widget_class_install_action (widget_class, "scoring.set-points", "(uud)", set_points_action);
  gtk_widget_class_install_action (widget_class, "scoring.toggle-cell", "(uu)", toggle_cell_action);
  gtk_widget_class_install_action (widget_class, "scoring.set-threshold", "(uud)", set_threshold_action);
  gtk_widget_class_install_action (widget_class, "scoring.gallery", NULL, gallery_action);
  gtk_widget_class_install_action (widget_class, "scoring.show-matrix", NULL, show_matrix_action);
  gtk_widget_class_install_action (widget_class, "scoring.show-rules", NULL, show_rules_action);
  gtk_widget_class_install_property_action (widget_class, "scoring.compare", "compare");
  gtk_widget_class_install_property_action (widget_class, "scoring.color-by-conversion", "color-by-conversion");

}

static void
tandem_scoring_page_init (TandemScoringPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>r", "scoring.add-rule", g_variant_new_int32 (0));
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>g", "scoring.gallery", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>z", "scoring.undo", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>z", "scoring.redo", NULL);

  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    self->rule_stats[d] = g_ptr_array_new ();
  g_signal_connect (self->matrix, "cell-toggled", G_CALLBACK (on_cell_toggled), self);
  g_signal_connect (self->matrix, "cell-activated", G_CALLBACK (on_cell_activated), self);
  g_signal_connect (self->matrix, "threshold-changed", G_CALLBACK (on_threshold_changed), self);
  g_signal_connect (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self);
  update_actions (self);
}

void
tandem_scoring_page_set_store (TandemScoringPage *self,
                               TandemStore       *store)
{
  g_return_if_fail (TANDEM_IS_SCORING_PAGE (self));

  if (self->autosave_id != 0)
    save_draft (self, NULL);
  g_cancellable_cancel (self->cancellable);
  self->busy = FALSE;
  g_set_object (&self->store, store);
  g_clear_pointer (&self->model, tandem_model_unref);
  g_clear_pointer (&self->live, tandem_model_unref);
  g_clear_pointer (&self->scorer, tandem_scorer_free);
  g_clear_pointer (&self->live_scorer, tandem_scorer_free);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  tandem_scoring_page_reload (self);
}

void
tandem_scoring_page_reload (TandemScoringPage *self)
{
  g_return_if_fail (TANDEM_IS_SCORING_PAGE (self));

  if (self->store == NULL || tandem_store_count_leads (self->store) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing to Score Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Import leads, then build a scoring model from their columns and activity."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }
  if (self->model == NULL)
    load_model (self, NULL);
  else
    {
      g_clear_pointer (&self->live_scorer, tandem_scorer_free);
      score_again (self, TRUE);
    }
}

gboolean
tandem_scoring_page_is_busy (TandemScoringPage *self)
{
  return self->busy;
}

TandemModel *
tandem_scoring_page_get_model (TandemScoringPage *self)
{
  return self->model;
}

TandemMatrixView *
tandem_scoring_page_get_matrix (TandemScoringPage *self)
{
  return self->matrix;
}

const char *
tandem_scoring_page_get_summary (TandemScoringPage *self)
{
  return self->summary;
}

GtkListBox *
tandem_scoring_page_get_rule_list (TandemScoringPage *self,
                                   TandemDimension    dimension)
{
  return dimension == TANDEM_DIMENSION_FIT ? self->fit_list : self->interest_list;
}

GtkWidget *
tandem_scoring_page_get_compare_window (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return self->compare_window;
}
