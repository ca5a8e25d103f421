/* test-scoring-state.c — the Scoring page's state, driven without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every count the state gives is checked against a scorer built here,
 * independently, from the same workspace and the model the state holds.
 */

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tandem-decisions.h"
#include "tandem-demo.h"
#include "tandem-scoring-state.h"
#include "test-util.h"

#define WAIT_CAP_US (60 * G_USEC_PER_SEC)

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails after a generous cap */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_CAP_US;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gave up waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
state_ready (gpointer data)
{
  return tandem_scoring_state_get_status (data) == TANDEM_SCORING_STATUS_READY &&
         !tandem_scoring_state_get_busy (data);
}

static char *
demo_workspace (void)
{
  g_autofree char *path = test_tmp_path ("scoring.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) end = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  g_autoptr(TandemStore) store = NULL;

  g_unlink (path);
  store = tandem_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_demo_generate (store, 500, 7, end, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static TandemScoringState *
open_state (TandemStore *store)
{
  TandemScoringState *state = tandem_scoring_state_new (store);

  wait_until (state_ready, state, "the first score");
  return state;
}

/* The state's MQL count equals one counted here from scratch */
static guint
assert_counts_are_independent (TandemScoringState *state)
{
  TandemStore *store = tandem_scoring_state_get_store (state);
  TandemModel *model = tandem_scoring_state_get_model (state);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemScorer) scorer = tandem_scorer_new (store, model, NULL, NULL, &error);
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint shown[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], shown_won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint mql, mql_won = 0;

  g_assert_no_error (error);
  g_assert_true (tandem_scorer_load_outcomes (scorer, store, &error));
  mql = tandem_scorer_count_matrix_won (scorer, model, counts, won);
  g_assert_true (tandem_scoring_state_get_counts (state, shown, shown_won));
  for (guint f = 0; f < tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT); f++)
    for (guint i = 0; i < tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST); i++)
      {
        g_assert_cmpuint (shown[f][i], ==, counts[f][i]);
        g_assert_cmpuint (shown_won[f][i], ==, won[f][i]);
        if (tandem_model_is_mql_cell (model, f, i))
          mql_won += won[f][i];
      }
  g_assert_cmpuint (tandem_scoring_state_get_mql (state), ==, mql);
  g_assert_cmpuint (tandem_scoring_state_get_mql_won (state), ==, mql_won);
  return mql;
}

static void
count_signal (gpointer data)
{
  (*(guint *) data)++;
}

static double
points_of (TandemScoringState *state,
           TandemDimension     d,
           guint               r)
{
  TandemModel *model = tandem_scoring_state_get_model (state);
  return ((TandemRule *) g_ptr_array_index (tandem_model_get_dimension (model, d)->rules, r))->points;
}

static void
test_edit_undo_redo (void)
{
  g_autofree char *path = demo_workspace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (path, &error);
  g_autoptr(TandemScoringState) state = open_state (store);
  g_autoptr(TandemModel) original = tandem_model_copy (tandem_scoring_state_get_model (state));
  g_autoptr(TandemModel) after_points = NULL;
  guint before, counted = 0;
  double first = points_of (state, TANDEM_DIMENSION_FIT, 0);

  g_assert_true (tandem_scoring_state_get_published (state));
  g_assert_false (tandem_scoring_state_get_can_undo (state));
  before = assert_counts_are_independent (state);
  g_assert_cmpuint (before, >, 0);

  /* Points: counted again at once, in place, as a scorer from scratch says */
  g_signal_connect_swapped (state, "counts-changed", G_CALLBACK (count_signal), &counted);
  tandem_scoring_state_set_points (state, TANDEM_DIMENSION_FIT, 0, first + 40);
  g_assert_cmpuint (counted, ==, 1);
  g_assert_false (tandem_scoring_state_get_busy (state));
  g_assert_cmpuint (assert_counts_are_independent (state), >, before);
  g_assert_false (tandem_scoring_state_get_published (state));
  g_assert_true (tandem_scoring_state_get_can_undo (state));

  /* Two changes of one rule's points are one step */
  tandem_scoring_state_set_points (state, TANDEM_DIMENSION_FIT, 0, first + 60);
  after_points = tandem_model_copy (tandem_scoring_state_get_model (state));
  tandem_scoring_state_toggle_cell (state, 2, 0);
  g_assert_true (tandem_model_is_mql_cell (tandem_scoring_state_get_model (state), 2, 0));
  assert_counts_are_independent (state);

  tandem_scoring_state_undo (state);   /* the cell */
  g_assert_true (tandem_model_equal (tandem_scoring_state_get_model (state), after_points));
  assert_counts_are_independent (state);
  tandem_scoring_state_undo (state);   /* both point changes at once */
  g_assert_true (tandem_model_equal (tandem_scoring_state_get_model (state), original));
  g_assert_false (tandem_scoring_state_get_can_undo (state));
  g_assert_true (tandem_scoring_state_get_published (state));
  g_assert_cmpuint (assert_counts_are_independent (state), ==, before);

  tandem_scoring_state_redo (state);
  g_assert_true (tandem_model_equal (tandem_scoring_state_get_model (state), after_points));
  tandem_scoring_state_redo (state);
  g_assert_true (tandem_model_is_mql_cell (tandem_scoring_state_get_model (state), 2, 0));
  g_assert_false (tandem_scoring_state_get_can_redo (state));
  assert_counts_are_independent (state);

  /* A new rule scores again on a worker thread; undo takes it away */
  {
    guint n = tandem_model_get_dimension (tandem_scoring_state_get_model (state), TANDEM_DIMENSION_FIT)->rules->len;
    g_autoptr(TandemRule) rule = tandem_rule_new_from_json ("{\"field\": \"Job Title\", \"op\": \"contains\","
                                                            " \"value\": \"Marketing\", \"points\": 12}", &error);
    g_assert_no_error (error);
    g_assert_true (tandem_scoring_state_add_rule (state, TANDEM_DIMENSION_FIT, g_steal_pointer (&rule), &error));
    g_assert_no_error (error);
    g_assert_true (tandem_scoring_state_get_busy (state));
    wait_until (state_ready, state, "the score with the new rule");
    g_assert_cmpuint (tandem_model_get_dimension (tandem_scoring_state_get_model (state), TANDEM_DIMENSION_FIT)->rules->len, ==, n + 1);
    assert_counts_are_independent (state);
    tandem_scoring_state_undo (state);
    wait_until (state_ready, state, "the score without it");
    g_assert_cmpuint (tandem_model_get_dimension (tandem_scoring_state_get_model (state), TANDEM_DIMENSION_FIT)->rules->len, ==, n);
    assert_counts_are_independent (state);
  }
}

/* A rule on a column the workspace lacks, or a limit out of order, is
 * refused: the model, the history and the workspace stay as they were */
static void
test_refused_edit (void)
{
  g_autofree char *path = demo_workspace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (path, &error);
  g_autoptr(TandemScoringState) state = open_state (store);
  g_autoptr(TandemModel) original = tandem_model_copy (tandem_scoring_state_get_model (state));
  g_autofree char *digest = test_workspace_digest (store);
  g_autoptr(TandemRule) rule = tandem_rule_new_from_json ("{\"field\": \"Shoe Size\", \"op\": \">\", \"value\": 40, \"points\": 3}",
                                                          &error);
  guint counted = 0;

  g_assert_no_error (error);
  g_signal_connect_swapped (state, "counts-changed", G_CALLBACK (count_signal), &counted);
  g_assert_false (tandem_scoring_state_add_rule (state, TANDEM_DIMENSION_FIT, g_steal_pointer (&rule), &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Shoe Size"));
  g_clear_error (&error);

  /* The lowest fit score at 50, then a highest one under it */
  g_assert_true (tandem_scoring_state_set_limit (state, TANDEM_DIMENSION_FIT, FALSE, TRUE, 50, &error));
  g_assert_no_error (error);
  counted = 0;
  g_assert_false (tandem_scoring_state_set_limit (state, TANDEM_DIMENSION_FIT, TRUE, TRUE, 40, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (counted, ==, 0);
  tandem_scoring_state_undo (state);

  g_assert_true (tandem_model_equal (tandem_scoring_state_get_model (state), original));
  g_assert_false (tandem_scoring_state_get_busy (state));
  g_assert_true (tandem_scoring_state_flush_draft (state, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = test_workspace_digest (store);
    g_assert_cmpstr (now, ==, digest);
  }
}

typedef struct
{
  TandemStore *store;
  TandemModel *model;
} DraftWait;

static gboolean
draft_saved (gpointer data)
{
  DraftWait *w = data;
  g_autoptr(TandemModel) draft = tandem_model_load (w->store, "Default B2B (draft)", NULL);
  return draft != NULL && tandem_model_equal (draft, w->model);
}

static void
test_draft_and_publish (void)
{
  g_autofree char *path = demo_workspace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (path, &error);
  g_autoptr(TandemStore) other = tandem_store_open (path, &error);
  g_autoptr(TandemScoringState) state = open_state (store);
  g_autoptr(TandemModel) edited = NULL;
  g_autoptr(TandemModel) draft = NULL;
  g_autoptr(TandemModel) live = NULL;

  g_assert_no_error (error);
  tandem_scoring_state_set_points (state, TANDEM_DIMENSION_INTEREST, 0, 44);
  edited = tandem_model_copy (tandem_scoring_state_get_model (state));
  /* Not at once: after the keeper's delay, seen from another connection */
  draft = tandem_model_load (other, "Default B2B (draft)", NULL);
  g_assert_null (draft);
  wait_until (draft_saved, &(DraftWait) { other, edited }, "the draft in the workspace");
  live = tandem_model_load (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (tandem_model_equal (live, edited));   /* not live until published */
  g_clear_pointer (&live, tandem_model_unref);

  /* A new state on the same workspace (as after a crash): the draft is back */
  g_clear_object (&state);
  state = open_state (store);
  g_assert_true (tandem_model_equal (tandem_scoring_state_get_model (state), edited));
  g_assert_cmpstr (tandem_scoring_state_get_base_name (state), ==, "Default B2B");
  g_assert_false (tandem_scoring_state_get_published (state));

  /* Publish: live, no draft left, the change in the decision log */
  g_assert_true (tandem_scoring_state_publish (state, "More weight on events", &error));
  g_assert_no_error (error);
  g_assert_true (tandem_scoring_state_get_published (state));
  live = tandem_model_load (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_model_equal (live, edited));
  g_clear_pointer (&draft, tandem_model_unref);
  draft = tandem_model_load (other, "Default B2B (draft)", NULL);
  g_assert_null (draft);
  {
    g_autoptr(GPtrArray) log = tandem_decisions_list (other);
    TandemDecision *last = g_ptr_array_index (log, log->len - 1);
    g_assert_cmpstr (last->note, ==, "More weight on events");
    g_assert_nonnull (strstr (last->changes, "→ 44"));
  }
  wait_until (state_ready, state, "the scores after publishing");

  /* Renamed with its draft, still live; a taken name is refused */
  g_assert_false (tandem_scoring_state_rename (state, "Mine (draft)", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  tandem_scoring_state_set_points (state, TANDEM_DIMENSION_INTEREST, 0, 45);
  g_assert_true (tandem_scoring_state_rename (state, "Q4 B2B", &error));
  g_assert_no_error (error);
  g_clear_pointer (&live, tandem_model_unref);
  live = tandem_model_load (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_model_get_name (live), ==, "Q4 B2B");
  g_clear_pointer (&draft, tandem_model_unref);
  draft = tandem_model_load (other, "Q4 B2B (draft)", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (((TandemRule *) g_ptr_array_index (tandem_model_get_dimension (draft, TANDEM_DIMENSION_INTEREST)->rules, 0))->points, ==, 45);
  g_assert_null (tandem_model_load (other, "Default B2B", NULL));
}

typedef struct
{
  TandemSuggestion *suggestion;
  GError           *error;
  gboolean          done;
  guint             progress_calls;
  double            last_fraction;
} SuggestWait;

static void
on_suggest_progress (double      fraction,
                     const char *what,
                     gpointer    user_data)
{
  SuggestWait *w = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_nonnull (what);
  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  w->progress_calls++;
  w->last_fraction = fraction;
}

static void
on_suggested (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SuggestWait *w = user_data;

  w->suggestion = tandem_scoring_state_suggest_finish (TANDEM_SCORING_STATE (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
suggest_done (gpointer data)
{
  return ((SuggestWait *) data)->done;
}

static guint
n_rules (TandemModel *model)
{
  return tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules->len +
         tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST)->rules->len;
}

/* Suggest from Outcomes: fitted off the main thread with progress on
 * it; accepted as the draft in one undo step; cancelled, nothing lands */
static void
test_suggest (void)
{
  g_autofree char *path = demo_workspace ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open (path, &error);
  g_autoptr(TandemScoringState) state = open_state (store);
  g_autoptr(TandemModel) before = tandem_model_copy (tandem_scoring_state_get_model (state));
  g_autofree char *before_json = tandem_model_to_json (before);
  g_autofree char *suggested_json = NULL, *draft_json = NULL;
  g_autoptr(TandemModel) suggested = NULL;
  SuggestWait w = { 0 };
  TandemSuggestOptions options;

  tandem_suggest_options_init (&options);
  options.max_rules = 8;
  tandem_scoring_state_suggest_async (state, &options, NULL, on_suggest_progress, &w, on_suggested, &w);
  wait_until (suggest_done, &w, "the suggestion");
  g_assert_no_error (w.error);
  g_assert_nonnull (w.suggestion);
  g_assert_cmpuint (w.progress_calls, >, 0);
  g_assert_cmpuint (n_rules (tandem_suggestion_get_model (w.suggestion)), >, 0);
  g_assert_cmpuint (n_rules (tandem_suggestion_get_model (w.suggestion)), <=, 8);
  g_assert_cmpfloat (tandem_suggestion_get_backtest (w.suggestion)->auc, >, 0.5);
  /* Nothing changed before it is accepted */
  draft_json = tandem_model_to_json (tandem_scoring_state_get_model (state));
  g_assert_cmpstr (draft_json, ==, before_json);
  g_clear_pointer (&draft_json, g_free);

  g_assert_true (tandem_scoring_state_accept_suggestion (state, w.suggestion, &error));
  g_assert_no_error (error);
  wait_until (state_ready, state, "the score of the suggestion");
  /* The suggestion's rules, bands and cells, under the draft's own name */
  suggested = tandem_model_copy (tandem_suggestion_get_model (w.suggestion));
  tandem_model_set_name (suggested, tandem_scoring_state_get_base_name (state));
  suggested_json = tandem_model_to_json (suggested);
  draft_json = tandem_model_to_json (tandem_scoring_state_get_model (state));
  g_assert_cmpstr (draft_json, ==, suggested_json);
  g_assert_true (tandem_scoring_state_get_can_undo (state));
  assert_counts_are_independent (state);

  /* One undo step brings the old draft back */
  tandem_scoring_state_undo (state);
  wait_until (state_ready, state, "the score after undo");
  g_clear_pointer (&draft_json, g_free);
  draft_json = tandem_model_to_json (tandem_scoring_state_get_model (state));
  g_assert_cmpstr (draft_json, ==, before_json);
  g_clear_pointer (&w.suggestion, tandem_suggestion_unref);

  /* Cancelled at once: an error that says so, and no progress after it */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    SuggestWait c = { 0 };

    tandem_scoring_state_suggest_async (state, NULL, cancellable, on_suggest_progress, &c, on_suggested, &c);
    g_cancellable_cancel (cancellable);
    wait_until (suggest_done, &c, "the cancelled suggestion");
    g_assert_error (c.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (c.suggestion);
    g_clear_error (&c.error);
    c.progress_calls = 0;
    for (int k = 0; k < 100; k++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (c.progress_calls, ==, 0);
  }

  /* An outcome that is not one: the suggestion's own message */
  {
    SuggestWait bad = { 0 };

    tandem_suggest_options_init (&options);
    options.outcome = "no such column";
    tandem_scoring_state_suggest_async (state, &options, NULL, NULL, NULL, on_suggested, &bad);
    wait_until (suggest_done, &bad, "the refused suggestion");
    g_assert_error (bad.error, TANDEM_SUGGEST_ERROR, TANDEM_SUGGEST_ERROR_INVALID);
    g_assert_nonnull (strstr (bad.error->message, "no such column"));
    g_clear_error (&bad.error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scoring-state/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/scoring-state/refused-edit", test_refused_edit);
  g_test_add_func ("/scoring-state/draft-and-publish", test_draft_and_publish);
  g_test_add_func ("/scoring-state/suggest", test_suggest);
  return g_test_run ();
}
