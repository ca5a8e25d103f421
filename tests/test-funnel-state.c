/* test-funnel-state.c — the Funnel page's state, driven without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "tandem-demo.h"
#include "tandem-funnel-state.h"
#include "test-util.h"

#define DRAFT_STAGES "funnel.draft.stages"
#define DRAFT_MAPPING "funnel.draft.mapping"

/* ---- Helpers ----------------------------------------------------------------- */

static gboolean
time_is_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so; fails after a generous cap */
static void
wait_until (gboolean  (*done) (gpointer data),
            gpointer    data,
            const char *what)
{
  gboolean expired = FALSE;
  guint timer = g_timeout_add_seconds (60, time_is_up, &expired);

  while (!done (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Gave up waiting for %s", what);
  g_source_remove (timer);
}

static gboolean
computed (gpointer data)
{
  return !tandem_funnel_state_get_busy (data) && tandem_funnel_state_get_waterfall (data) != NULL;
}

static void
wait_computed (TandemFunnelState *state)
{
  wait_until (computed, state, "the waterfall");
}

static gboolean
draft_written (gpointer data)
{
  g_autofree char *draft = tandem_store_dup_setting (data, DRAFT_STAGES);

  return draft != NULL;
}

static TandemStore *
make_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_tmp_path ("demo.tandem");
  g_autoptr(GDate) end = g_date_new_dmy (1, G_DATE_NOVEMBER, 2026);
  TandemStore *store = tandem_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_true (tandem_demo_generate (store, 300, 7, end, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* A state on @store, its messages counted into @messages (may be NULL) */
static void
count_message (TandemFunnelState *state,
               const char        *text,
               GPtrArray         *messages)
{
  g_ptr_array_add (messages, g_strdup (text));
}

static TandemFunnelState *
make_state (TandemStore *store,
            GPtrArray   *messages)
{
  TandemFunnelState *state = g_object_new (TANDEM_TYPE_FUNNEL_STATE, NULL);

  if (messages != NULL)
    g_signal_connect (state, "message", G_CALLBACK (count_message), messages);
  tandem_funnel_state_set_store (state, store);
  wait_computed (state);
  return state;
}

/* The stages and the placing, as one string */
static char *
dup_edited (TandemFunnelState *state)
{
  g_autofree char *stages = tandem_taxonomy_to_json (tandem_funnel_state_get_taxonomy (state));
  g_autofree char *mapping = tandem_funnel_mapping_to_json (tandem_funnel_state_get_mapping (state));

  return g_strconcat (stages, "\n", mapping, NULL);
}

static char *
dup_stored_stages (TandemStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemTaxonomy) stored = tandem_taxonomy_load (store, &error);

  g_assert_no_error (error);
  return tandem_taxonomy_to_json (stored);
}

static const TandemWaterfallStage *
first_stage (TandemWaterfall *w)
{
  TandemWaterfallSegment *segment = g_ptr_array_index (w->segments, 0);

  return &g_array_index (segment->stages, TandemWaterfallStage, 0);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* ---- Tests -------------------------------------------------------------------- */

/* A stage renamed: the waterfall follows, counting the same leads */
static void
test_rename_follows (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autoptr(GError) error = NULL;
  TandemWaterfall *before = tandem_funnel_state_get_waterfall (state);
  gint64 reached = first_stage (before)->reached;
  guint notified = 0;

  g_assert_cmpint (tandem_funnel_state_get_origin (state), ==, TANDEM_FUNNEL_STAGES_SAVED);
  g_assert_true (tandem_funnel_state_get_saved (state));
  g_assert_cmpint (reached, ==, 300);
  g_signal_connect (state, "notify::waterfall", G_CALLBACK (count_notify), &notified);

  g_assert_true (tandem_funnel_state_set_stage_name (state, 0, "Prospect", &error));
  g_assert_no_error (error);
  g_assert_true (tandem_funnel_state_get_busy (state));
  g_assert_false (tandem_funnel_state_get_saved (state));
  wait_computed (state);
  g_assert_cmpuint (notified, ==, 1);
  /* The history still says "Suspect": the renamed stage has no data… */
  g_assert_true (g_ptr_array_find_with_equal_func (tandem_funnel_state_get_waterfall (state)->unmapped, "Prospect",
                                                   g_str_equal, NULL));
  g_assert_cmpstr (first_stage (tandem_funnel_state_get_waterfall (state))->name, !=, "Prospect");
  /* … until the history's name is placed on it */
  g_assert_true (tandem_funnel_state_set_value_stage (state, "Suspect", "Prospect", &error));
  wait_computed (state);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (first_stage (tandem_funnel_state_get_waterfall (state))->name, ==, "Prospect");
  g_assert_cmpint (first_stage (tandem_funnel_state_get_waterfall (state))->reached, ==, reached);
  g_assert_null (tandem_funnel_state_get_error (state));
  /* Renamed again: the placing follows the stage's new name */
  g_assert_true (tandem_funnel_state_set_stage_name (state, 0, "Prospects", &error));
  g_assert_cmpstr (tandem_funnel_mapping_get_value (tandem_funnel_state_get_mapping (state), "Suspect"), ==, "Prospects");
  wait_computed (state);
  g_assert_cmpstr (first_stage (tandem_funnel_state_get_waterfall (state))->name, ==, "Prospects");
  g_assert_cmpint (first_stage (tandem_funnel_state_get_waterfall (state))->reached, ==, reached);
}

/* A stage renamed that others recycle to (the demo's Lost goes back to
 * Inquiry): they recycle to its new name, and the stages stay valid    */
static void
test_rename_recycled_to (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autoptr(GError) error = NULL;
  const TandemTaxonomy *taxonomy = tandem_funnel_state_get_taxonomy (state);
  int recycling = -1, target;

  for (guint i = 0; i < tandem_taxonomy_get_n_stages (taxonomy) && recycling < 0; i++)
    if (tandem_taxonomy_get_stage (taxonomy, i)->recycle_to != NULL)
      recycling = (int) i;
  g_assert_cmpint (recycling, >=, 0);
  target = tandem_taxonomy_find_stage (taxonomy, tandem_taxonomy_get_stage (taxonomy, recycling)->recycle_to);
  g_assert_cmpint (target, >=, 0);

  g_assert_true (tandem_funnel_state_set_stage_name (state, (guint) target, "Enquiry", &error));
  g_assert_no_error (error);
  taxonomy = tandem_funnel_state_get_taxonomy (state);
  g_assert_cmpstr (tandem_taxonomy_get_stage (taxonomy, recycling)->recycle_to, ==, "Enquiry");
  g_assert_true (tandem_taxonomy_validate (taxonomy, &error));
  g_assert_no_error (error);
  g_assert_null (tandem_funnel_state_get_taxonomy_error (state));

  /* Undone, it recycles to the old name again */
  g_assert_true (tandem_funnel_state_undo (state));
  taxonomy = tandem_funnel_state_get_taxonomy (state);
  g_assert_cmpstr (tandem_taxonomy_get_stage (taxonomy, recycling)->recycle_to, !=, "Enquiry");
  g_assert_true (tandem_taxonomy_validate (taxonomy, &error));
  wait_computed (state);
}

/* Undo and redo give back exactly the stages and placing they left */
static void
test_undo_redo (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *original = dup_edited (state);
  g_autofree char *edited = NULL;
  guint n_edits = 0;

  g_assert_false (tandem_funnel_state_get_can_undo (state));
  n_edits += tandem_funnel_state_add_stage (state, &error);
  n_edits += tandem_funnel_state_move_stage (state, 1, 2, &error);
  n_edits += tandem_funnel_state_set_implied (state, FALSE, &error);
  n_edits += tandem_funnel_state_set_stage_team (state, 1, TANDEM_TEAM_SALES, &error);
  n_edits += tandem_funnel_state_set_value_stage (state, "Closed Won", "Customer", &error);
  n_edits += tandem_funnel_state_set_source (state, TANDEM_FUNNEL_SOURCE_HISTORY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_edits, ==, 6);
  edited = dup_edited (state);
  g_assert_cmpstr (edited, !=, original);
  g_assert_true (tandem_funnel_state_get_can_undo (state));

  for (guint k = 0; k < n_edits; k++)
    g_assert_true (tandem_funnel_state_undo (state));
  g_assert_false (tandem_funnel_state_undo (state));
  g_assert_false (tandem_funnel_state_get_can_undo (state));
  g_assert_true (tandem_funnel_state_get_can_redo (state));
  {
    g_autofree char *now = dup_edited (state);
    g_assert_cmpstr (now, ==, original);
  }
  for (guint k = 0; k < n_edits; k++)
    g_assert_true (tandem_funnel_state_redo (state));
  g_assert_false (tandem_funnel_state_redo (state));
  {
    g_autofree char *now = dup_edited (state);
    g_assert_cmpstr (now, ==, edited);
  }
  wait_computed (state);
  g_assert_false (tandem_funnel_mapping_get_implied (tandem_funnel_state_get_mapping (state)));
  g_assert_false (tandem_funnel_state_get_waterfall (state)->implied);
}

/* Typing a name letter by letter is one undo step; another field another */
static void
test_typing_one_step (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  const char *name = tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (state), 1)->name;
  g_autofree char *original = g_strdup (name);
  g_autofree char *original_definition =
    g_strdup (tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (state), 1)->definition);
  static const char *const typed[] = { "E", "En", "Enq", "Enquiry" };

  for (guint k = 0; k < G_N_ELEMENTS (typed); k++)
    g_assert_true (tandem_funnel_state_set_stage_name (state, 1, typed[k], NULL));
  g_assert_true (tandem_funnel_state_set_stage_definition (state, 1, "Asked", NULL));
  g_assert_true (tandem_funnel_state_set_stage_definition (state, 1, "Asked us", NULL));

  g_assert_true (tandem_funnel_state_undo (state));   /* the definition, at once */
  g_assert_cmpstr (tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (state), 1)->definition, ==,
                   original_definition);
  g_assert_cmpstr (tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (state), 1)->name, ==, "Enquiry");
  g_assert_true (tandem_funnel_state_undo (state));   /* the name, at once */
  g_assert_cmpstr (tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (state), 1)->name, ==, original);
  g_assert_false (tandem_funnel_state_get_can_undo (state));

  /* After an undo the same field starts a step of its own */
  g_assert_true (tandem_funnel_state_redo (state));
  g_assert_true (tandem_funnel_state_set_stage_name (state, 1, "Enquiry!", NULL));
  g_assert_true (tandem_funnel_state_undo (state));
  g_assert_cmpstr (tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (state), 1)->name, ==, "Enquiry");
  wait_computed (state);
}

/* The draft is kept a moment after the edits, and comes back in another
 * state on the same workspace */
static void
test_draft_comes_back (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autoptr(TandemFunnelState) again = NULL;
  g_autofree char *stored = dup_stored_stages (store);
  g_autofree char *edited = NULL;

  g_assert_false (tandem_funnel_state_get_edited (state));
  g_assert_true (tandem_funnel_state_set_stage_name (state, 2, "Marketing Qualified", NULL));
  g_assert_true (tandem_funnel_state_set_stage_date (state, "SAL", NULL, NULL));
  g_assert_true (tandem_funnel_state_get_edited (state));
  edited = dup_edited (state);
  /* Not at once: a moment after the last edit */
  g_assert_false (draft_written (store));
  wait_until (draft_written, store, "the draft");
  {
    g_autofree char *now = dup_stored_stages (store);
    g_assert_cmpstr (now, ==, stored);   /* the saved stages untouched */
  }

  again = make_state (store, messages);
  g_assert_cmpint (tandem_funnel_state_get_origin (again), ==, TANDEM_FUNNEL_STAGES_DRAFT);
  g_assert_false (tandem_funnel_state_get_saved (again));
  g_assert_true (tandem_funnel_state_get_edited (again));
  g_assert_false (tandem_funnel_state_get_can_undo (again));
  {
    g_autofree char *now = dup_edited (again);
    g_assert_cmpstr (now, ==, edited);
  }
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, "Your unsaved stages are back");
  g_assert_cmpstr (first_stage (tandem_funnel_state_get_waterfall (again))->name, ==, "Suspect");
}

/* Disposed before the delay: the draft is written then, nothing lost */
static void
test_draft_on_close (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  TandemFunnelState *state = make_state (store, NULL);

  g_assert_true (tandem_funnel_state_add_stage (state, NULL));
  g_assert_false (draft_written (store));
  wait_computed (state);
  g_object_unref (state);
  g_assert_true (draft_written (store));
}

/* Save makes the edits the workspace's stages; the draft goes */
static void
test_save (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autoptr(TandemFunnelState) again = NULL;
  g_autoptr(GError) error = NULL;
  guint saved_notified = 0;

  g_signal_connect (state, "notify::saved", G_CALLBACK (count_notify), &saved_notified);
  g_assert_true (tandem_funnel_state_set_stage_short_name (state, 0, "SUSP", NULL));
  g_assert_true (tandem_funnel_state_set_stage_date (state, "Inquiry", tandem_funnel_state_get_date_columns (state)->len > 0
                                                                       ? g_ptr_array_index (tandem_funnel_state_get_date_columns (state), 0)
                                                                       : NULL, NULL));
  wait_until (draft_written, store, "the draft");
  g_assert_true (tandem_funnel_state_save (state, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_funnel_state_get_saved (state));
  g_assert_false (tandem_funnel_state_get_edited (state));
  g_assert_cmpuint (saved_notified, ==, 2);
  {
    g_autofree char *stored = dup_stored_stages (store);
    g_autofree char *edited = tandem_taxonomy_to_json (tandem_funnel_state_get_taxonomy (state));
    g_autofree char *draft = tandem_store_dup_setting (store, DRAFT_MAPPING);
    g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_load (store, &error);
    g_autofree char *stored_mapping = tandem_funnel_mapping_to_json (mapping);
    g_autofree char *edited_mapping = tandem_funnel_mapping_to_json (tandem_funnel_state_get_mapping (state));

    g_assert_cmpstr (stored, ==, edited);
    g_assert_cmpstr (stored_mapping, ==, edited_mapping);
    g_assert_null (draft);
    g_assert_false (draft_written (store));
  }
  again = make_state (store, NULL);
  g_assert_cmpint (tandem_funnel_state_get_origin (again), ==, TANDEM_FUNNEL_STAGES_SAVED);
  g_assert_cmpstr (tandem_taxonomy_get_stage (tandem_funnel_state_get_taxonomy (again), 0)->short_name, ==, "SUSP");
  wait_computed (state);
}

/* Discard drops the draft and the edits: the saved stages again */
static void
test_discard (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autofree char *original = dup_edited (state);

  g_assert_true (tandem_funnel_state_remove_stage (state, 1, NULL));
  wait_until (draft_written, store, "the draft");
  tandem_funnel_state_discard (state);
  g_assert_false (draft_written (store));
  g_assert_false (tandem_funnel_state_get_edited (state));
  g_assert_true (tandem_funnel_state_get_saved (state));
  g_assert_false (tandem_funnel_state_get_can_undo (state));
  {
    g_autofree char *now = dup_edited (state);
    g_assert_cmpstr (now, ==, original);
  }
  wait_computed (state);
  /* Nothing comes back in a new state */
  {
    g_autoptr(TandemFunnelState) again = make_state (store, NULL);
    g_assert_cmpint (tandem_funnel_state_get_origin (again), ==, TANDEM_FUNNEL_STAGES_SAVED);
  }
}

/* A template replaces the stages; the placing loses what named the old ones */
static void
test_template_prunes (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *values = tandem_funnel_state_get_history_values (state);
  const char *value;
  guint shape_changes = 0;

  g_assert_true (tandem_funnel_state_get_has_history (state));
  g_assert_cmpint (tandem_funnel_state_get_effective_source (state), ==, TANDEM_FUNNEL_SOURCE_HISTORY);
  g_assert_cmpuint (values->len, >, 0);
  /* Most frequent first */
  for (guint k = 1; k < values->len; k++)
    g_assert_cmpint (((TandemValueCount *) g_ptr_array_index (values, k - 1))->count, >=,
                     ((TandemValueCount *) g_ptr_array_index (values, k))->count);
  value = ((TandemValueCount *) g_ptr_array_index (values, 0))->value;
  g_assert_true (tandem_funnel_state_set_value_stage (state, value, "MQL", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_funnel_mapping_get_value (tandem_funnel_state_get_mapping (state), value), ==,
                   "Marketing Qualified Lead");

  g_signal_connect (state, "stages-changed", G_CALLBACK (count_notify), &shape_changes);
  g_assert_true (tandem_funnel_state_use_template (state, TANDEM_TEMPLATE_PIPELINE, &error));
  g_assert_cmpuint (shape_changes, ==, 1);
  g_assert_cmpint (tandem_taxonomy_find_stage (tandem_funnel_state_get_taxonomy (state), "Prospecting"), ==, 0);
  g_assert_null (tandem_funnel_mapping_get_value (tandem_funnel_state_get_mapping (state), value));
  wait_computed (state);
  {
    /* The waterfall is the new stages' (the demo's history names few of them) */
    TandemWaterfall *w = tandem_funnel_state_get_waterfall (state);
    TandemWaterfallSegment *segment = g_ptr_array_index (w->segments, 0);

    for (guint i = 0; i < segment->stages->len; i++)
      g_assert_cmpint (tandem_taxonomy_find_stage (tandem_funnel_state_get_taxonomy (state),
                                                   g_array_index (segment->stages, TandemWaterfallStage, i).name), >=, 0);
    g_assert_true (segment->stages->len > 0 || w->unmapped->len > 0);
  }
  /* Not in the workspace until saved */
  {
    g_autoptr(TandemTaxonomy) stored = tandem_taxonomy_load (store, &error);
    g_assert_cmpint (tandem_taxonomy_find_stage (stored, "Prospecting"), <, 0);
  }
}

/* Refused edits are reported and change nothing: stages that break a
 * rule are kept as typed but neither computed nor saved; an unknown
 * stage or column, a position out of range, are refused outright */
static void
test_refused (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = make_state (store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = dup_stored_stages (store);
  g_autofree char *edited = NULL;
  TandemWaterfall *waterfall = tandem_funnel_state_get_waterfall (state);
  guint steps;

  /* Two stages of the same name */
  g_assert_null (tandem_funnel_state_get_taxonomy_error (state));
  g_assert_true (tandem_funnel_state_set_stage_name (state, 0, "Inquiry", &error));
  g_assert_no_error (error);
  g_assert_nonnull (tandem_funnel_state_get_taxonomy_error (state));
  g_assert_false (tandem_funnel_state_get_busy (state));
  g_assert_true (tandem_funnel_state_get_waterfall (state) == waterfall);
  g_assert_false (tandem_funnel_state_save (state, &error));
  g_assert_error (error, TANDEM_FUNNEL_ERROR, TANDEM_FUNNEL_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *now = dup_stored_stages (store);
    g_assert_cmpstr (now, ==, stored);
  }
  /* Typed on: valid again, computed */
  g_assert_true (tandem_funnel_state_set_stage_name (state, 0, "Suspects", &error));
  g_assert_cmpstr (tandem_funnel_state_get_taxonomy_error (state), ==, NULL);
  wait_computed (state);
  g_assert_true (tandem_funnel_state_get_waterfall (state) != waterfall);

  /* Refused outright: no step, no change */
  edited = dup_edited (state);
  steps = tandem_funnel_state_get_can_undo (state);
  g_assert_false (tandem_funnel_state_set_stage_date (state, "Nurture", NULL, &error));
  g_assert_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tandem_funnel_state_set_stage_date (state, "MQL", "Lead Source", &error));
  g_assert_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tandem_funnel_state_set_value_stage (state, "Closed Won", "Nurture", &error));
  g_assert_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tandem_funnel_state_remove_stage (state, 99, &error));
  g_assert_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_funnel_state_move_stage (state, 0, 99, &error));
  g_assert_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_funnel_state_get_busy (state));
  g_assert_cmpuint (tandem_funnel_state_get_can_undo (state), ==, steps);
  {
    g_autofree char *now = dup_edited (state);
    g_assert_cmpstr (now, ==, edited);
  }
}

/* A workspace without leads has nothing to edit; every edit says so */
static void
test_no_leads (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_tmp_path ("empty.tandem");
  g_autoptr(TandemStore) store = tandem_store_create (path, &error);
  g_autoptr(TandemFunnelState) state = tandem_funnel_state_new (store);

  g_assert_no_error (error);
  g_assert_null (tandem_funnel_state_get_taxonomy (state));
  g_assert_cmpint (tandem_funnel_state_get_origin (state), ==, TANDEM_FUNNEL_STAGES_NONE);
  g_assert_false (tandem_funnel_state_get_busy (state));
  g_assert_false (tandem_funnel_state_add_stage (state, &error));
  g_assert_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NO_STAGES);
  g_assert_false (tandem_funnel_state_undo (state));
}

/* A quarter's plan chosen over all time: the latest quarter, in flow */
static void
test_plan_period (void)
{
  g_autoptr(TandemStore) store = make_demo ();
  g_autoptr(TandemFunnelState) state = g_object_new (TANDEM_TYPE_FUNNEL_STATE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = tandem_funnel_last_date (store);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) plans = NULL;

  tandem_funnel_state_set_store (state, store);
  plans = tandem_funnel_state_list_plans (state);
  g_assert_true (g_strv_contains ((const char *const *) plans, "Quarterly plan"));
  /* Chosen before the data's dates are known: waits for them */
  g_assert_true (tandem_funnel_state_get_busy (state));
  g_assert_true (tandem_funnel_state_set_plan (state, "Quarterly plan", &error));
  g_assert_no_error (error);
  wait_computed (state);
  g_assert_cmpstr (tandem_funnel_state_get_last_date (state), ==, last);
  g_assert_true (tandem_funnel_period_holding (last, 3, &from, &to));
  g_assert_cmpstr (tandem_funnel_state_get_period_from (state), ==, from);
  g_assert_cmpstr (tandem_funnel_state_get_waterfall (state)->from, ==, from);
  g_assert_cmpstr (tandem_funnel_state_get_waterfall (state)->to, ==, to);
  g_assert_cmpint (tandem_funnel_state_get_mode (state), ==, TANDEM_WATERFALL_FLOW);
  g_assert_nonnull (tandem_funnel_state_get_plan_label (state));

  g_assert_false (tandem_funnel_state_set_plan (state, "Nope", &error));
  g_assert_error (error, TANDEM_FUNNEL_STATE_ERROR, TANDEM_FUNNEL_STATE_ERROR_NOT_FOUND);
  g_assert_cmpstr (tandem_funnel_state_get_plan (state), ==, "Quarterly plan");
  g_assert_true (tandem_funnel_state_set_plan (state, NULL, NULL));
  g_assert_null (tandem_funnel_state_get_plan_label (state));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/funnel-state/rename-follows", test_rename_follows);
  g_test_add_func ("/funnel-state/rename-recycled-to", test_rename_recycled_to);
  g_test_add_func ("/funnel-state/undo-redo", test_undo_redo);
  g_test_add_func ("/funnel-state/typing-one-step", test_typing_one_step);
  g_test_add_func ("/funnel-state/draft-comes-back", test_draft_comes_back);
  g_test_add_func ("/funnel-state/draft-on-close", test_draft_on_close);
  g_test_add_func ("/funnel-state/save", test_save);
  g_test_add_func ("/funnel-state/discard", test_discard);
  g_test_add_func ("/funnel-state/template-prunes", test_template_prunes);
  g_test_add_func ("/funnel-state/refused", test_refused);
  g_test_add_func ("/funnel-state/no-leads", test_no_leads);
  g_test_add_func ("/funnel-state/plan-period", test_plan_period);
  return g_test_run ();
}
