/* test-scoring.c — the Scoring page, driven through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every count the page shows is checked against a scorer built here,
 * independently, from the same workspace and the model the page holds.
 */

#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tandem-compare-models.h"
#include "tandem-decisions.h"
#include "tandem-rule-editor.h"
#include "tandem-store-private.h"
#include "tandem-suggest-dialog.h"
#include "ui-test-util.h"

static gboolean
page_ready (gpointer data)
{
  TandemScoringPage *page = data;
  return !tandem_scoring_page_is_busy (page) && tandem_scoring_page_get_summary (page) != NULL;
}

static TandemWindow *
open_demo (TandemScoringPage **out_page)
{
  TandemWindow *window = tandem_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  *out_page = tandem_window_get_scoring_page (window);
  ui_wait_until (page_ready, *out_page, "the first score");
  return window;
}

static void
wait_ready (TandemScoringPage *page)
{
  /* A moment for any edit's job to start, then until it lands */
  for (int k = 0; k < 5; k++)
    g_main_context_iteration (NULL, FALSE);
  ui_wait_until (page_ready, page, "the score");
}

/* The matrix the page shows equals one counted here from scratch, and
 * the accessible description says exactly those numbers. */
static guint
assert_matrix_is_independent (TandemWindow      *window,
                              TandemScoringPage *page)
{
  TandemStore *store = tandem_window_get_store (window);
  TandemModel *model = tandem_scoring_page_get_model (page);
  TandemMatrixView *view = tandem_scoring_page_get_matrix (page);
  const TandemMatrixData *shown = tandem_matrix_view_get_data (view);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemScorer) scorer = tandem_scorer_new (store, model, NULL, NULL, &error);
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  TandemMatrixData expected;
  g_autofree char *description = NULL;
  g_autofree char *mql_words = NULL;
  guint mql;

  g_assert_no_error (error);
  g_assert_true (tandem_scorer_load_outcomes (scorer, store, &error));
  mql = tandem_scorer_count_matrix_won (scorer, model, counts, won);

  tandem_matrix_data_init (&expected);
  expected.n_fit = tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT);
  expected.n_interest = tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST);
  expected.total = tandem_scorer_get_n_leads (scorer);
  expected.has_outcomes = TRUE;
  g_assert_cmpuint (shown->n_fit, ==, expected.n_fit);
  g_assert_cmpuint (shown->n_interest, ==, expected.n_interest);
  g_assert_cmpuint (shown->total, ==, 500);
  for (guint f = 0; f < expected.n_fit; f++)
    for (guint i = 0; i < expected.n_interest; i++)
      {
        expected.counts[f][i] = counts[f][i];
        expected.won[f][i] = won[f][i];
        expected.mql[f][i] = tandem_model_is_mql_cell (model, f, i);
        g_assert_cmpuint (shown->counts[f][i], ==, counts[f][i]);
        g_assert_cmpuint (shown->won[f][i], ==, won[f][i]);
        g_assert_cmpint (shown->mql[f][i], ==, expected.mql[f][i]);
      }

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_IMG);
  description = tandem_matrix_dup_description (&expected);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  mql_words = g_strdup_printf ("%u MQL", mql);
  g_assert_true (g_str_has_prefix (tandem_scoring_page_get_summary (page), mql_words));
  return mql;
}

static void
test_edit_and_undo (void)
{
  TandemScoringPage *page;
  TandemWindow *window = open_demo (&page);
  TandemMatrixView *view = tandem_scoring_page_get_matrix (page);
  TandemStore *store = tandem_window_get_store (window);
  g_autoptr(TandemModel) original = tandem_model_copy (tandem_scoring_page_get_model (page));
  g_autoptr(TandemModel) live = tandem_model_load (store, NULL, NULL);
  TandemModel *model = tandem_scoring_page_get_model (page);
  TandemDimensionSpec *fit = tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT);
  guint before, after, c1;
  guint n_rules = fit->rules->len;

  /* Opens on the live model, published */
  g_assert_true (tandem_model_equal (model, live));
  g_assert_true (tandem_scoring_page_is_published (page));
  before = assert_matrix_is_independent (window, page);
  g_assert_cmpuint (before, >, 0);

  /* Points of the first fit rule: the MQLs move with them */
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.set-points", "(uud)", 0, 0, 60.0);
  g_assert_cmpfloat (((TandemRule *) g_ptr_array_index (fit->rules, 0))->points, ==, 60);
  after = assert_matrix_is_independent (window, page);
  g_assert_cmpuint (after, >, before);
  g_assert_false (tandem_scoring_page_is_published (page));

  /* A cell toggled: C1 joins the MQLs */
  g_assert_false (tandem_model_is_mql_cell (model, 2, 0));
  c1 = tandem_matrix_view_get_data (view)->counts[2][0];
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.toggle-cell", "(uu)", 2, 0);
  g_assert_true (tandem_model_is_mql_cell (model, 2, 0));
  g_assert_cmpuint (assert_matrix_is_independent (window, page), ==, after + c1);

  /* A threshold moved by number, then dragged: the bands stay in order */
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.set-threshold", "(uud)", 0, 0, 38.0);
  g_assert_cmpfloat (fit->thresholds[0], ==, 38);
  assert_matrix_is_independent (window, page);
  g_assert_true (tandem_matrix_view_drag_handle (view, TANDEM_MATRIX_AXIS_FIT, 1, 25.5, FALSE));
  g_assert_cmpfloat (fit->thresholds[1], ==, 25.5);
  g_assert_true (tandem_matrix_view_drag_handle (view, TANDEM_MATRIX_AXIS_FIT, 1, 80, TRUE));
  g_assert_cmpfloat (fit->thresholds[1], ==, 37.99);   /* stopped under band A's start */
  assert_matrix_is_independent (window, page);

  /* A new rule scores again on a worker thread */
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.add-rule-json", "(us)", 0,
                              "{\"field\": \"Job Title\", \"op\": \"contains\", \"value\": \"Marketing\", \"points\": 12}");
  g_assert_cmpuint (fit->rules->len, ==, n_rules + 1);
  wait_ready (page);
  assert_matrix_is_independent (window, page);
  {
    GtkListBox *list = tandem_scoring_page_get_rule_list (page, TANDEM_DIMENSION_FIT);
    guint rows = 0;
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child; child = gtk_widget_get_next_sibling (child))
      rows += GTK_IS_LIST_BOX_ROW (child);
    g_assert_cmpuint (rows, ==, n_rules + 1);
  }

  /* A rule on a column the workspace lacks is refused, nothing changes */
  {
    guint toasts = tandem_window_get_n_toasts (window);
    gtk_widget_activate_action (GTK_WIDGET (page), "scoring.add-rule-json", "(us)", 0,
                                "{\"field\": \"Shoe Size\", \"op\": \">\", \"value\": 40, \"points\": 3}");
    g_assert_cmpuint (fit->rules->len, ==, n_rules + 1);
    g_assert_cmpuint (tandem_window_get_n_toasts (window), ==, toasts + 1);
  }

  /* Every lead's score as CSV, from the app */
  {
    g_autofree char *path = ui_tmp_path ("scores.csv");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;

    wait_ready (page);
    g_assert_true (tandem_scoring_page_export_scores (page, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", -1);
    g_assert_cmpstr (lines[0], ==, "id,fit,interest,grade,mql");
    g_assert_cmpuint (g_strv_length (lines), ==, 502);   /* header, 500 leads, the final newline */
    g_assert_true (g_str_has_prefix (lines[1], "L-000001,"));
  }

  /* Undo everything: the live model again; redo comes back */
  for (int k = 0; k < 10 && gtk_widget_activate_action (GTK_WIDGET (page), "scoring.undo", NULL); k++)
    model = tandem_scoring_page_get_model (page);
  model = tandem_scoring_page_get_model (page);
  wait_ready (page);
  g_assert_true (tandem_model_equal (model, original));
  g_assert_cmpuint (assert_matrix_is_independent (window, page), ==, before);
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.redo", NULL);
  model = tandem_scoring_page_get_model (page);
  g_assert_cmpfloat (((TandemRule *) g_ptr_array_index (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules, 0))->points, ==, 60);
  assert_matrix_is_independent (window, page);

  gtk_window_destroy (GTK_WINDOW (window));
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
  return draft != NULL && (w->model == NULL || tandem_model_equal (draft, w->model));
}

static void
test_draft_and_publish (void)
{
  TandemScoringPage *page;
  TandemWindow *window = open_demo (&page);
  g_autofree char *path = g_strdup (tandem_store_get_path (tandem_window_get_store (window)));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(TandemModel) edited = NULL;

  /* An edit is saved as a draft a moment later, without asking */
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.set-points", "(uud)", 1, 0, 44.0);
  edited = tandem_model_copy (tandem_scoring_page_get_model (page));
  other = tandem_store_open (path, &error);
  g_assert_no_error (error);
  ui_wait_until (draft_saved, &(DraftWait) { other, edited }, "the draft in the workspace");
  {
    g_autoptr(TandemModel) draft = tandem_model_load (other, "Default B2B (draft)", NULL);
    g_autoptr(TandemModel) live = tandem_model_load (other, NULL, NULL);
    g_assert_true (tandem_model_equal (draft, edited));
    g_assert_false (tandem_model_equal (live, edited));   /* not live until published */
  }

  /* Opened again (as after a crash): the draft is back */
  gtk_window_destroy (GTK_WINDOW (window));
  window = tandem_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the workspace again");
  page = tandem_window_get_scoring_page (window);
  ui_wait_until (page_ready, page, "the score");
  g_assert_true (tandem_model_equal (tandem_scoring_page_get_model (page), edited));

  /* Publish: live, no draft left, the change in the decision log */
  g_assert_true (tandem_scoring_page_publish (page, "More weight on events", &error));
  g_assert_no_error (error);
  wait_ready (page);
  {
    g_autoptr(GPtrArray) log = tandem_decisions_list (other);
    TandemDecision *last;
    g_assert_cmpuint (log->len, >=, 1);
    last = g_ptr_array_index (log, log->len - 1);
    g_assert_cmpstr (last->model, ==, "Default B2B");
    g_assert_cmpstr (last->note, ==, "More weight on events");
    g_assert_nonnull (strstr (last->changes, "points"));
    g_assert_nonnull (strstr (last->changes, "→ 44"));
  }
  {
    g_autoptr(TandemModel) live = tandem_model_load (other, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (tandem_model_equal (live, edited));
    g_assert_cmpstr (tandem_model_get_name (live), ==, "Default B2B");
    g_assert_false (draft_saved (&(DraftWait) { other, NULL }));
  }
  /* Nothing to publish now */
  g_assert_true (tandem_scoring_page_is_published (page));

  /* Renamed: the live model under its new name; bad names refused */
  g_assert_false (tandem_scoring_page_rename_model (page, "  ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (tandem_scoring_page_rename_model (page, "Mine (draft)", &error));
  g_clear_error (&error);
  {
    g_autoptr(TandemModel) other_model = tandem_model_copy (edited);
    tandem_model_set_name (other_model, "Taken");
    g_assert_true (tandem_model_save (other_model, other, FALSE, &error));
  }
  g_assert_false (tandem_scoring_page_rename_model (page, "Taken", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (tandem_scoring_page_rename_model (page, "Q4 B2B", &error));
  g_assert_no_error (error);
  {
    g_autoptr(TandemModel) live = tandem_model_load (other, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tandem_model_get_name (live), ==, "Q4 B2B");
    g_assert_true (tandem_scoring_page_is_published (page));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
editor_counted (gpointer data)
{
  return tandem_rule_editor_get_matches (data) >= 0;
}

/* The editor reads a rule back unchanged and counts what it matches */
static void
test_rule_editor (void)
{
  TandemScoringPage *page;
  TandemWindow *window = open_demo (&page);
  TandemStore *store = tandem_window_get_store (window);
  TandemModel *model = tandem_scoring_page_get_model (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemScorer) scorer = tandem_scorer_new (store, model, NULL, NULL, &error);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (rules, r);
          GtkWidget *editor = tandem_rule_editor_new (GTK_WINDOW (window), store, d, (int) r, rule);
          g_autoptr(TandemRule) built = tandem_rule_editor_build_rule (TANDEM_RULE_EDITOR (editor), &error);
          g_autofree char *want = tandem_rule_to_json (rule);
          g_autofree char *got = NULL;
          guint matched;

          g_assert_no_error (error);
          got = tandem_rule_to_json (built);
          g_assert_cmpstr (got, ==, want);
          ui_wait_until (editor_counted, editor, "the editor's count");
          tandem_scorer_rule_stats (scorer, d, r, &matched, NULL);
          g_assert_cmpint (tandem_rule_editor_get_matches (TANDEM_RULE_EDITOR (editor)), ==, matched);
          g_assert_true (g_str_has_prefix (tandem_rule_editor_get_status (TANDEM_RULE_EDITOR (editor)), "Matches "));
          gtk_window_destroy (GTK_WINDOW (editor));
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}


static gboolean
compare_ready (gpointer data)
{
  return !tandem_compare_models_is_busy (data);
}

/* Compare Two Models: the live model against a stricter copy; every cell
 * and the entering / leaving counts are the core's, counted here */
static void
test_compare_models (void)
{
  TandemScoringPage *page;
  TandemWindow *window = open_demo (&page);
  TandemStore *store = tandem_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) live = tandem_model_load (store, NULL, &error);
  g_autoptr(TandemModel) strict = tandem_model_copy (live);
  g_autoptr(TandemScorer) a = NULL;
  g_autoptr(TandemScorer) b = NULL;
  TandemCompareModels *compare;
  guint entering = 0, leaving = 0, shown_entering, shown_leaving, counts_a[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint counts_b[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];

  /* Only one model (earlier tests may have left others): said, nothing compared */
  {
    g_autoptr(GPtrArray) models = tandem_model_list (store);
    for (guint k = 0; k < models->len; k++)
      if (!((TandemModelInfo *) g_ptr_array_index (models, k))->live)
        g_assert_true (tandem_model_delete (store, ((TandemModelInfo *) g_ptr_array_index (models, k))->name, &error));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scoring.compare-models", NULL));
  compare = TANDEM_COMPARE_MODELS (tandem_scoring_page_get_compare_window (page));
  g_assert_nonnull (compare);
  g_assert_nonnull (strstr (tandem_compare_models_get_summary (compare), "one model"));
  gtk_window_destroy (GTK_WINDOW (compare));
  g_assert_null (tandem_scoring_page_get_compare_window (page));

  /* A stricter copy: A1 only, and a different cell gained */
  tandem_model_set_name (strict, "Strict");
  for (guint f = 0; f < tandem_model_get_n_bands (strict, TANDEM_DIMENSION_FIT); f++)
    for (guint i = 0; i < tandem_model_get_n_bands (strict, TANDEM_DIMENSION_INTEREST); i++)
      tandem_model_set_mql_cell (strict, f, i, (f == 0 && i == 0) || (f == 2 && i == 0));
  g_assert_true (tandem_model_save (strict, store, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scoring.compare-models", NULL));
  compare = TANDEM_COMPARE_MODELS (tandem_scoring_page_get_compare_window (page));
  g_assert_false (tandem_compare_models_set_models (compare, "Default B2B", "Nope"));
  g_assert_true (tandem_compare_models_set_models (compare, tandem_model_get_name (live), "Strict"));
  ui_wait_until (compare_ready, compare, "the comparison");

  a = tandem_scorer_new (store, live, NULL, NULL, &error);
  b = tandem_scorer_new (store, strict, NULL, NULL, &error);
  g_assert_no_error (error);
  tandem_scorer_count_matrix (a, live, counts_a);
  tandem_scorer_count_matrix (b, strict, counts_b);
  for (guint i = 0; i < tandem_scorer_get_n_leads (a); i++)
    {
      TandemScore x, y;
      tandem_scorer_get_score (a, i, &x);
      tandem_scorer_get_score (b, i, &y);
      entering += !x.mql && y.mql;
      leaving += x.mql && !y.mql;
    }
  g_assert_cmpuint (entering, >, 0);
  g_assert_cmpuint (leaving, >, 0);
  g_assert_true (tandem_compare_models_get_changes (compare, &shown_entering, &shown_leaving));
  g_assert_cmpuint (shown_entering, ==, entering);
  g_assert_cmpuint (shown_leaving, ==, leaving);
  for (guint f = 0; f < tandem_model_get_n_bands (live, TANDEM_DIMENSION_FIT); f++)
    for (guint i = 0; i < tandem_model_get_n_bands (live, TANDEM_DIMENSION_INTEREST); i++)
      {
        guint x, y;
        g_assert_true (tandem_compare_models_get_cell (compare, f, i, &x, &y));
        g_assert_cmpuint (x, ==, counts_a[f][i]);
        g_assert_cmpuint (y, ==, counts_b[f][i]);
      }
  g_assert_false (tandem_compare_models_get_cell (compare, 9, 0, &shown_entering, &shown_leaving));

  /* The second model deleted meanwhile: the reason, nothing half shown */
  g_assert_true (tandem_model_delete (store, "Strict", &error));
  g_assert_true (tandem_compare_models_set_models (compare, "Strict", tandem_model_get_name (live)));
  ui_wait_until (compare_ready, compare, "the refusal");
  g_assert_nonnull (strstr (tandem_compare_models_get_summary (compare), "Could not compare"));
  g_assert_false (tandem_compare_models_get_changes (compare, &shown_entering, &shown_leaving));

  gtk_window_destroy (GTK_WINDOW (compare));
  gtk_window_destroy (GTK_WINDOW (window));
}

static TandemSuggestDialog *
find_suggest_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (TANDEM_IS_SUGGEST_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
suggest_idle (gpointer data)
{
  return !tandem_suggest_dialog_is_busy (data);
}

/* Suggest from Outcomes: the dialog fits, shows, and "Use as Draft" makes
 * the suggestion the draft; undo brings the old one back */
static void
test_suggest (void)
{
  TandemScoringPage *page = NULL;
  TandemWindow *window = open_demo (&page);
  g_autofree char *before = tandem_model_to_json (tandem_scoring_page_get_model (page));
  g_autofree char *after = NULL, *expected = NULL;
  g_autoptr(TandemModel) suggested = NULL;
  TandemSuggestDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scoring.suggest", NULL));
  dialog = find_suggest_dialog ();
  g_assert_nonnull (dialog);
  /* Nothing to accept while it fits */
  g_assert_true (tandem_suggest_dialog_is_busy (dialog) || tandem_suggest_dialog_get_suggestion (dialog) != NULL ||
                 tandem_suggest_dialog_get_failure (dialog) != NULL);
  ui_wait_until (suggest_idle, dialog, "the suggestion");
  g_assert_null (tandem_suggest_dialog_get_failure (dialog));
  g_assert_nonnull (tandem_suggest_dialog_get_suggestion (dialog));
  suggested = tandem_model_copy (tandem_suggestion_get_model (tandem_suggest_dialog_get_suggestion (dialog)));

  /* Again, with other options: still one result, the newest */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "suggest.run", NULL));
  g_assert_true (tandem_suggest_dialog_is_busy (dialog));
  ui_wait_until (suggest_idle, dialog, "the suggestion again");
  g_assert_nonnull (tandem_suggest_dialog_get_suggestion (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "suggest.accept", NULL));
  wait_ready (page);
  g_assert_null (find_suggest_dialog ());
  tandem_model_set_name (suggested, tandem_model_get_name (tandem_scoring_page_get_model (page)));
  expected = tandem_model_to_json (suggested);
  after = tandem_model_to_json (tandem_scoring_page_get_model (page));
  g_assert_cmpstr (after, ==, expected);
  assert_matrix_is_independent (window, page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scoring.undo", NULL));
  wait_ready (page);
  g_clear_pointer (&after, g_free);
  after = tandem_model_to_json (tandem_scoring_page_get_model (page));
  g_assert_cmpstr (after, ==, before);

  /* Closed while it fits: nothing changes, nothing lands later */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "scoring.suggest", NULL));
  dialog = find_suggest_dialog ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "suggest.cancel", NULL));
  for (int k = 0; k < 200 && find_suggest_dialog () != NULL; k++)
    g_main_context_iteration (NULL, FALSE);
  wait_ready (page);
  g_clear_pointer (&after, g_free);
  after = tandem_model_to_json (tandem_scoring_page_get_model (page));
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the outcomes say about the MQL cells: nothing on the demo, whose
 * MQL cells convert best; with D1 made an MQL cell, a better cell says
 * so under the summary.  A larger demo than the suite's, for cells with
 * enough leads to tell.                                                */
static void
test_finding (void)
{
  TandemScoringPage *page;
  TandemWindow *window;
  g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "tandem", "Demo.tandem", NULL);

  /* The earlier cases' demo is generated again, larger */
  g_remove (demo);
  g_setenv ("TANDEM_DEMO_LEADS", "3000", TRUE);
  window = open_demo (&page);
  g_assert_cmpint (tandem_store_count_leads (tandem_window_get_store (window)), ==, 3000);
  g_assert_null (tandem_scoring_page_get_finding (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.toggle-cell", "(uu)", 3, 0);
  wait_ready (page);
  g_assert_nonnull (tandem_scoring_page_get_finding (page));
  g_assert_nonnull (strstr (tandem_scoring_page_get_finding (page), "than your MQL cell D1: "));
  /* Undone: nothing to say again */
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.toggle-cell", "(uu)", 3, 0);
  wait_ready (page);
  g_assert_null (tandem_scoring_page_get_finding (page));
  gtk_window_destroy (GTK_WINDOW (window));
  g_setenv ("TANDEM_DEMO_LEADS", "500", TRUE);
}

/* The Leads page's Score cells on screen say what the live scorer says */
static guint
assert_leads_show_live_scores (TandemWindow *window)
{
  TandemLeadsPage *leads = tandem_window_get_leads_page (window);
  TandemScorer *live = tandem_scoring_state_get_live_scorer (tandem_leads_page_get_scoring_state (leads));
  g_autoptr(GPtrArray) shown = tandem_leads_page_dup_shown_scores (leads);

  for (guint i = 0; i < shown->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (shown, i), " ", 2);
      int lead = tandem_scorer_find_row (live, g_ascii_strtoll (parts[0], NULL, 10));
      TandemScore score;
      g_autofree char *expected = NULL;

      g_assert_cmpint (lead, >=, 0);
      tandem_scorer_get_score (live, (guint) lead, &score);
      expected = g_strdup_printf ("%.0f", score.fit + score.interest);
      g_assert_cmpstr (parts[1], ==, expected);
    }
  return shown->len;
}

/* A published model reaches the Leads page's cells on screen, without the
 * list announcing a change of every row */
static void
test_leads_follow_publish (void)
{
  TandemScoringPage *page;
  TandemWindow *window = open_demo (&page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  guint changed = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "leads"));
  for (int k = 0; k < 50; k++)
    g_main_context_iteration (NULL, FALSE);
  before = tandem_leads_page_dup_shown_scores (tandem_window_get_leads_page (window));
  g_assert_cmpuint (assert_leads_show_live_scores (window), >, 5);

  /* A rule's points far up, published: the cells on screen follow */
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.set-points", "(uud)", 0, 0, 90.0);
  wait_ready (page);
  g_assert_true (tandem_scoring_page_publish (page, "Leads follow", &error));
  g_assert_no_error (error);
  wait_ready (page);
  for (int k = 0; k < 10; k++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (assert_leads_show_live_scores (window), >, 5);
  after = tandem_leads_page_dup_shown_scores (tandem_window_get_leads_page (window));
  for (guint i = 0; i < after->len; i++)
    changed += !g_ptr_array_find_with_equal_func (before, g_ptr_array_index (after, i), g_str_equal, NULL);
  g_assert_cmpuint (changed, >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ui_init (&argc, &argv);
  g_test_add_func ("/ui/scoring/edit-and-undo", test_edit_and_undo);
  g_test_add_func ("/ui/scoring/draft-and-publish", test_draft_and_publish);
  g_test_add_func ("/ui/scoring/rule-editor", test_rule_editor);
  g_test_add_func ("/ui/scoring/compare-models", test_compare_models);
  g_test_add_func ("/ui/scoring/suggest", test_suggest);
  g_test_add_func ("/ui/scoring/finding", test_finding);
  g_test_add_func ("/ui/scoring/leads-follow-publish", test_leads_follow_publish);
  return ui_run ();
}
