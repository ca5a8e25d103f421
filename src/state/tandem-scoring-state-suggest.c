/* tandem-scoring-state-suggest.c — a model suggested from outcomes, for the draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suggestion runs on a worker thread with its own connection to the
 * workspace; its progress is passed on to the main loop (at most once a
 * per cent), and accepting it makes it the draft as one undo step.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-scoring-state-private.h"
#include "tandem-suggest.h"

typedef struct
{
  gatomicrefcount            ref;
  TandemStore               *store;       /* the worker's connection */
  char                      *outcome;
  GStrv                      include, exclude;
  TandemSuggestOptions       options;
  GMainContext              *context;     /* where progress is reported */
  TandemSuggestProgressFunc  progress;
  gpointer                   progress_data;
  GCancellable              *cancellable;
  double                     last_fraction;
  char                      *last_what;
} SuggestJob;

static SuggestJob *
job_ref (SuggestJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (SuggestJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_clear_object (&job->store);
  g_free (job->outcome);
  g_strfreev (job->include);
  g_strfreev (job->exclude);
  g_main_context_unref (job->context);
  g_clear_object (&job->cancellable);
  g_free (job->last_what);
  g_free (job);
}

typedef struct
{
  SuggestJob *job;
  double      fraction;
  char       *what;
} Progress;

static gboolean
report_progress (gpointer data)
{
  Progress *p = data;

  /* Nothing once the caller cancelled: it may be gone */
  if (!g_cancellable_is_cancelled (p->job->cancellable))
    p->job->progress (p->fraction, p->what, p->job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  job_unref (p->job);
  g_free (p->what);
  g_free (p);
}

/* In the worker thread */
static void
on_progress (double      fraction,
             const char *what,
             gpointer    user_data)
{
  SuggestJob *job = user_data;
  Progress *p;

  if (job->progress == NULL ||
      (fraction - job->last_fraction < 0.01 && g_strcmp0 (what, job->last_what) == 0 && fraction < 1))
    return;
  job->last_fraction = fraction;
  g_free (job->last_what);
  job->last_what = g_strdup (what);
  p = g_new0 (Progress, 1);
  p->job = job_ref (job);
  p->fraction = fraction;
  p->what = g_strdup (what);
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_progress, p, progress_free);
}

static void
suggest_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SuggestJob *job = task_data;
  GError *error = NULL;
  TandemSuggestion *suggestion = tandem_suggest_run (job->store, &job->options, cancellable, on_progress, job, &error);

  if (suggestion == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, suggestion, (GDestroyNotify) tandem_suggestion_unref);
}

void
tandem_scoring_state_suggest_async (TandemScoringState          *self,
                                    const TandemSuggestOptions  *options,
                                    GCancellable                *cancellable,
                                    TandemSuggestProgressFunc    progress,
                                    gpointer                     progress_data,
                                    GAsyncReadyCallback          callback,
                                    gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  SuggestJob *job;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_scoring_state_suggest_async);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No workspace is open"));
      return;
    }

  /* The options, copied whole: the caller's may be gone before the fit ends */
  job = g_new0 (SuggestJob, 1);
  g_atomic_ref_count_init (&job->ref);
  job->store = tandem_store_dup_for_thread (self->store);
  if (options != NULL)
    job->options = *options;
  else
    tandem_suggest_options_init (&job->options);
  job->outcome = g_strdup (job->options.outcome);
  job->include = g_strdupv ((GStrv) job->options.include);
  job->exclude = g_strdupv ((GStrv) job->options.exclude);
  job->options.outcome = job->outcome;
  job->options.include = (const char *const *) job->include;
  job->options.exclude = (const char *const *) job->exclude;
  job->options.as_of = NULL;
  job->options.name = NULL;
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  job->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  job->last_fraction = -1;
  g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, suggest_thread);
}

TandemSuggestion *
tandem_scoring_state_suggest_finish (TandemScoringState  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
tandem_scoring_state_accept_suggestion (TandemScoringState  *self,
                                        TandemSuggestion    *suggestion,
                                        GError             **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  g_return_val_if_fail (suggestion != NULL, FALSE);

  return _tandem_scoring_state_replace_whole (self, tandem_suggestion_get_model (suggestion),
                                              _("Accept the suggested model"), error);
}
