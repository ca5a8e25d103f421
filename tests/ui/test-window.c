/* test-window.c — the window on the demo workspace, the Leads page, refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tandem-application.h"
#include "tandem-preferences-window.h"
#include "tandem-store-private.h"
#include "ui-test-util.h"

typedef struct
{
  TandemLeadList *list;
  guint           n;
} CountWait;

static gboolean
list_settled_at (gpointer data)
{
  CountWait *w = data;
  return !tandem_lead_list_get_loading (w->list) && g_list_model_get_n_items (G_LIST_MODEL (w->list)) == w->n;
}

static gboolean
list_settled (gpointer data)
{
  return !tandem_lead_list_get_loading (data);
}

static const char *
first_cell (TandemLeadList *list,
            guint           column)
{
  g_autoptr(TandemLeadRow) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
  static char text[64];

  g_strlcpy (text, tandem_lead_row_get_cell (row, column), sizeof text);
  return text;
}

static TandemWindow *
open_demo_window (void)
{
  TandemWindow *window = tandem_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  return window;
}

static void
test_demo (void)
{
  TandemWindow *window = open_demo_window ();
  TandemLeadsPage *page = tandem_window_get_leads_page (window);
  TandemLeadList *list = tandem_leads_page_get_list (page);
  GtkColumnView *view = tandem_leads_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  CountWait all = { list, 500 };
  guint filtered;

  /* The window opened on the demo: 500 leads (TANDEM_DEMO_LEADS), a column each */
  ui_wait_until (list_settled_at, &all, "500 leads");
  g_assert_cmpint (tandem_store_count_leads (tandem_window_get_store (window)), ==, 500);
  g_assert_true (tandem_leads_page_get_store (page) == tandem_window_get_store (window));   /* bound */
  {
    g_autoptr(GPtrArray) stored = tandem_store_list_columns (tandem_window_get_store (window));
    g_assert_cmpuint (stored->len, ==, 21);   /* the demo's, "Rejection Reason" last */
    /* and the live model's Score, Grade and MQL after the id */
    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, stored->len + 3);
  }
  {
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);
    g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, "Lead ID");
  }
  g_assert_cmpstr (first_cell (list, 0), ==, "L-000001");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Leads");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Demo — Tandem");

  /* Search narrows, clearing restores */
  tandem_lead_list_set_search (list, "VP of");
  ui_wait_until (list_settled, list, "the search");
  filtered = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (filtered, >, 0);
  g_assert_cmpuint (filtered, <, 500);
  {
    g_autoptr(TandemLeadRow) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_nonnull (strstr (tandem_lead_row_get_cell (row, 5), "VP of"));
  }
  tandem_lead_list_set_search (list, "");
  ui_wait_until (list_settled_at, &all, "all leads again");

  /* Sorting by a header: the list is sorted in SQL */
  {
    g_autoptr(GtkColumnViewColumn) id_column = g_list_model_get_item (columns, 0);
    gtk_column_view_sort_by_column (view, id_column, GTK_SORT_DESCENDING);
    ui_wait_until (list_settled, list, "the sort");
    g_assert_cmpstr (first_cell (list, 0), ==, "L-000500");
    gtk_column_view_sort_by_column (view, id_column, GTK_SORT_ASCENDING);
    ui_wait_until (list_settled, list, "the sort");
    g_assert_cmpstr (first_cell (list, 0), ==, "L-000001");
  }

  /* Rows are read lazily, a page at a time: the last row too */
  {
    g_autoptr(TandemLeadRow) last = g_list_model_get_item (G_LIST_MODEL (list), 499);
    g_assert_cmpstr (tandem_lead_row_get_cell (last, 0), ==, "L-000500");
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 500));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_foreign_file (void)
{
  TandemWindow *window = open_demo_window ();
  TandemStore *demo = tandem_window_get_store (window);
  g_autofree char *path = ui_tmp_path ("notes.tandem");
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (path, "hello", -1, NULL));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the refusal");

  dialog = tandem_window_get_error_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (ui_dialog_body (dialog), "not a Tandem workspace"));
  g_assert_true (tandem_window_get_store (window) == demo);
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "hello");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A mapped button in @widget's tree that runs win.import-leads */
static gboolean
offers_import (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.import-leads") == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (offers_import (child))
      return TRUE;
  return FALSE;
}

static gboolean
page_offers_import (gpointer data)
{
  return offers_import (GTK_WIDGET (data));
}

static void
test_empty_workspace (void)
{
  TandemWindow *window = tandem_window_new (NULL);
  g_autofree char *path = ui_tmp_path ("empty.tandem");
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_create (path, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_path (window, path);
  ui_wait_until (ui_window_ready, window, "the empty workspace");

  g_assert_true (tandem_leads_page_is_empty (tandem_window_get_leads_page (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "empty — Tandem");
  /* Every page's empty state offers the way forward: importing leads */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "scoring"));
  ui_wait_until (page_offers_import, tandem_window_get_scoring_page (window), "the scoring page's Import button");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "funnel"));
  ui_wait_until (page_offers_import, tandem_window_get_funnel_page (window), "the funnel page's Import button");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "leads"));
  ui_wait_until (page_offers_import, tandem_window_get_leads_page (window), "the leads page's Import button");

  /* Remembered as the last and a recent workspace */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *last = g_settings_get_string (settings, "last-workspace");
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-workspaces");
    g_assert_cmpstr (last, ==, path);
    g_assert_cmpstr (recent[0], ==, path);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  TandemWindow *window;
  TandemStore  *old;
} StoreWait;

static gboolean
window_has_new_store (gpointer data)
{
  StoreWait *w = data;
  TandemStore *store = tandem_window_get_store (w->window);

  return store != NULL && store != w->old;
}

static gboolean
pages_have_store (gpointer data)
{
  TandemWindow *window = data;
  TandemStore *store = tandem_window_get_store (window);

  return store != NULL && tandem_funnel_page_get_store (tandem_window_get_funnel_page (window)) == store &&
         tandem_leads_page_get_store (tandem_window_get_leads_page (window)) == store;
}

/* The Scoring page reads a workspace first: Funnel and Targets are given
 * it once the matrix has its result, or at once when one of them is shown */
static void
test_scoring_first (void)
{
  TandemWindow *window = open_demo_window ();
  TandemScoringState *state = tandem_scoring_page_get_state (tandem_window_get_scoring_page (window));
  g_autofree char *path = g_strdup (tandem_store_get_path (tandem_window_get_store (window)));
  /* Kept, so that no new store can take its address */
  g_autoptr(TandemStore) demo = g_object_ref (tandem_window_get_store (window));
  g_autoptr(TandemStore) second = NULL;
  StoreWait wait = { window, demo };

  /* Ready: every page has it */
  g_assert_true (pages_have_store (window));
  g_assert_cmpint (tandem_scoring_state_get_status (state), ==, TANDEM_SCORING_STATUS_READY);

  /* Opened again: while the matrix is scored, the other pages wait (and
   * have let go of the old one) */
  tandem_window_open_path (window, path);
  ui_wait_until (window_has_new_store, &wait, "the workspace opened again");
  g_assert_cmpint (tandem_scoring_state_get_status (state), ==, TANDEM_SCORING_STATUS_LOADING);
  g_assert_null (tandem_funnel_page_get_store (tandem_window_get_funnel_page (window)));
  /* The Leads page has it at once */
  g_assert_true (tandem_leads_page_get_store (tandem_window_get_leads_page (window)) ==
                 tandem_window_get_store (window));
  ui_wait_until (pages_have_store, window, "the other pages given the workspace");
  g_assert_cmpint (tandem_scoring_state_get_status (state), ==, TANDEM_SCORING_STATUS_READY);
  ui_wait_until (ui_window_ready, window, "the lead list");

  /* Opened again and another page shown before the matrix is scored: that
   * page does not wait */
  second = g_object_ref (tandem_window_get_store (window));
  wait.old = second;
  tandem_window_open_path (window, path);
  ui_wait_until (window_has_new_store, &wait, "the workspace opened a third time");
  g_assert_cmpint (tandem_scoring_state_get_status (state), ==, TANDEM_SCORING_STATUS_LOADING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "funnel"));
  g_assert_true (pages_have_store (window));
  ui_wait_until (ui_window_ready, window, "the workspace");
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The preferences follow the settings and write them: bound both ways,
 * the empty-cell values saved on Enter only */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *preferences = tandem_preferences_window_new (NULL);
  AdwComboRow *scheme = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW));
  GtkWidget *tokens = find_descendant (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW);
  g_auto(GStrv) kept = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (scheme), ==, 0);
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpuint (adw_combo_row_get_selected (scheme), ==, 2);
  adw_combo_row_set_selected (scheme, 1);
  {
    g_autofree char *written = g_settings_get_string (settings, "color-scheme");
    g_assert_cmpstr (written, ==, "light");
  }

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tokens)), ==, "N/A, NULL, -");
  gtk_editable_set_text (GTK_EDITABLE (tokens), " n.a. ,, none ");
  kept = g_settings_get_strv (settings, "null-tokens");
  g_assert_cmpuint (g_strv_length (kept), ==, 3);   /* nothing saved while typing */
  g_signal_emit_by_name (tokens, "apply");
  g_clear_pointer (&kept, g_strfreev);
  kept = g_settings_get_strv (settings, "null-tokens");
  g_assert_cmpuint (g_strv_length (kept), ==, 2);
  g_assert_cmpstr (kept[0], ==, "n.a.");
  g_assert_cmpstr (kept[1], ==, "none");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tokens)), ==, "n.a., none");
  gtk_window_destroy (preferences);
  g_settings_reset (settings, "null-tokens");
  g_settings_reset (settings, "color-scheme");
}

/* The style as an application action, which the style manager follows */
static void
test_color_scheme_action (void)
{
  g_autoptr(TandemApplication) app = tandem_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "color-scheme"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("dark"));
  {
    g_autofree char *written = g_settings_get_string (settings, "color-scheme");
    g_assert_cmpstr (written, ==, "dark");
  }
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "color-scheme");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "dark");
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme", g_variant_new_string ("default"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int    argc,
      char **argv)
{
  ui_init (&argc, &argv);

  g_test_add_func ("/ui/window/demo", test_demo);
  g_test_add_func ("/ui/window/foreign-file", test_foreign_file);
  g_test_add_func ("/ui/window/empty-workspace", test_empty_workspace);
  g_test_add_func ("/ui/window/scoring-first", test_scoring_first);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/color-scheme-action", test_color_scheme_action);

  return ui_run ();
}
