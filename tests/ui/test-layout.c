/* test-layout.c — pages fold before they clip; the menus; the Leads page's
 * score columns; the Service Level's days; the rule editor's empty form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tandem-rule-editor.h"
#include "tandem-sla-dialog.h"
#include "ui-test-util.h"

static GObject *
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static gboolean
scoring_ready (gpointer data)
{
  TandemScoringPage *page = data;
  return !tandem_scoring_page_is_busy (page) && tandem_scoring_page_get_summary (page) != NULL;
}

static TandemWindow *
open_demo_at (int width,
              int height)
{
  TandemWindow *window = tandem_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  tandem_window_open_demo (window);
  ui_wait_until (ui_window_ready, window, "the demo workspace");
  ui_wait_until (scoring_ready, tandem_window_get_scoring_page (window), "the first score");
  return window;
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* Until the window has its size and its children theirs */
static void
wait_allocated (TandemWindow *window,
                int           width)
{
  GtkWidget *page = GTK_WIDGET (tandem_window_get_scoring_page (window));

  ui_wait_until (allocated, page, "the page's size");
  for (int k = 0; k < 5; k++)
    g_main_context_iteration (NULL, FALSE);
  /* The window is about as wide as asked (its frame aside: no window
   * manager to say otherwise) */
  if (abs (gtk_widget_get_width (GTK_WIDGET (window)) - width) > 24)
    g_error ("the window is %d px wide, not %d", gtk_widget_get_width (GTK_WIDGET (window)), width);
}

static int
natural_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return natural;
}

/* The summary shows in full, or a shorter line that fits: never wrapped */
static void
assert_summary_fits (TandemScoringPage *page)
{
  GtkWidget *squeezer = GTK_WIDGET (child_of (page, TANDEM_TYPE_SCORING_PAGE, "summary_squeezer"));
  GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
  const char *names[] = { "summary_label", "summary_medium", "summary_short" };

  g_assert_nonnull (shown);
  g_assert_cmpint (natural_width (shown), <=, gtk_widget_get_width (squeezer));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_false (gtk_label_get_wrap (GTK_LABEL (child_of (page, TANDEM_TYPE_SCORING_PAGE, names[i]))));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (squeezer), ==, tandem_scoring_page_get_summary (page));
}

/* GTK 4.8 warns as the view switcher bar first slides in (its revealer
 * gives its box, and the switcher in it, a height of -1): libadwaita's,
 * not Tandem's.  While
 * the narrow window is tested, warnings are counted instead of fatal, and
 * any other one fails the test. */
static guint unexpected_warnings;

static GLogWriterOutput
count_warnings (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if ((level & G_LOG_LEVEL_WARNING) != 0)
    {
      const char *message = "";

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
          message = fields[i].value;
      if (!g_str_has_prefix (message, "gtk_widget_size_allocate(): attempt to allocate ") ||
          !g_str_has_suffix (message, " and height -1"))
        unexpected_warnings++;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
check_narrow (TandemWindow *window)
{
  TandemScoringPage *page = tandem_window_get_scoring_page (window);
  AdwLeaflet *leaflet = ADW_LEAFLET (child_of (page, TANDEM_TYPE_SCORING_PAGE, "leaflet"));
  GtkWidget *matrix_pane = GTK_WIDGET (child_of (page, TANDEM_TYPE_SCORING_PAGE, "matrix_pane"));
  GtkWidget *back = GTK_WIDGET (child_of (page, TANDEM_TYPE_SCORING_PAGE, "back_button"));
  GtkWidget *title = GTK_WIDGET (child_of (window, TANDEM_TYPE_WINDOW, "workspace_title"));
  AdwViewSwitcherTitle *switcher = ADW_VIEW_SWITCHER_TITLE (child_of (window, TANDEM_TYPE_WINDOW, "switcher_title"));

  wait_allocated (window, 700);
  /* The rules fold away; the matrix has the whole width, the rules one click away */
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == matrix_pane);
  g_assert_true (gtk_widget_get_visible (back));
  assert_summary_fits (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.show-rules", NULL);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == matrix_pane);
  gtk_widget_activate_action (GTK_WIDGET (page), "scoring.show-matrix", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == matrix_pane);

  /* The Funnel's stages fold away too, and come back over the chart */
  {
    AdwFlap *flap = ADW_FLAP (child_of (tandem_window_get_funnel_page (window), TANDEM_TYPE_FUNNEL_PAGE, "flap"));

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "funnel");
    ui_wait_until (allocated, flap, "the funnel page's size");
    for (int k = 0; k < 5; k++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (adw_flap_get_folded (flap));
    g_assert_false (adw_flap_get_reveal_flap (flap));
  }

  /* Narrow: the centre title names the workspace, the start one hides */
  g_assert_true (adw_view_switcher_title_get_title_visible (switcher));
  g_assert_false (gtk_widget_get_visible (title));
}

static void
test_narrow (void)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  TandemWindow *window;

  unexpected_warnings = 0;
  window = open_demo_at (700, 720);
  check_narrow (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_log_set_always_fatal (fatal);
  g_assert_cmpuint (unexpected_warnings, ==, 0);
}

static gboolean
table_shown (gpointer data)
{
  GtkWidget *scroller = data;
  GtkWidget *table = g_object_get_data (G_OBJECT (scroller), "table");

  return gtk_widget_get_first_child (table) != NULL && gtk_widget_get_width (scroller) > 0 &&
         gtk_widget_get_width (table) > 0;
}

static void
test_wide (void)
{
  TandemWindow *window = open_demo_at (1280, 720);
  TandemScoringPage *page = tandem_window_get_scoring_page (window);
  AdwLeaflet *leaflet = ADW_LEAFLET (child_of (page, TANDEM_TYPE_SCORING_PAGE, "leaflet"));
  AdwWindowTitle *title = ADW_WINDOW_TITLE (child_of (window, TANDEM_TYPE_WINDOW, "workspace_title"));
  AdwViewSwitcherTitle *switcher = ADW_VIEW_SWITCHER_TITLE (child_of (window, TANDEM_TYPE_WINDOW, "switcher_title"));
  TandemFunnelPage *funnel = tandem_window_get_funnel_page (window);
  GtkWidget *table = GTK_WIDGET (child_of (funnel, TANDEM_TYPE_FUNNEL_PAGE, "table"));
  GtkWidget *scroller = GTK_WIDGET (child_of (funnel, TANDEM_TYPE_FUNNEL_PAGE, "table_scroller"));
  guint headings = 0;

  wait_allocated (window, 1280);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  assert_summary_fits (page);
  /* Wide: the whole summary */
  g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (child_of (page, TANDEM_TYPE_SCORING_PAGE, "summary_squeezer")))
                 == GTK_WIDGET (child_of (page, TANDEM_TYPE_SCORING_PAGE, "summary_label")));

  /* The view switcher is in the centre: the workspace is named at the start */
  g_assert_false (adw_view_switcher_title_get_title_visible (switcher));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (title)));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Demo");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "500 leads");

  /* The Funnel's table fits the page at 1280 px: no column to scroll to,
   * and every shortened heading says its long name */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "funnel");
  for (int k = 0; k < 5; k++)
    g_main_context_iteration (NULL, FALSE);
  g_object_set_data (G_OBJECT (scroller), "table", table);
  ui_wait_until (table_shown, scroller, "the funnel's table");
  g_assert_cmpint (natural_width (table), <=, gtk_widget_get_width (scroller));
  for (GtkWidget *child = gtk_widget_get_first_child (table); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int column, row;

      gtk_grid_query_child (GTK_GRID (table), child, &column, &row, NULL, NULL);
      if (row == 0 && column > 0)
        {
          g_assert_nonnull (gtk_widget_get_tooltip_text (child));
          headings++;
        }
    }
  g_assert_cmpuint (headings, >=, 9);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Menus ------------------------------------------------------------------- */

static void
collect_actions (GMenuModel *menu,
                 GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      char *action = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, action);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);
          collect_actions (linked, actions);
        }
    }
}

static gboolean
has_action (GPtrArray  *actions,
            const char *name)
{
  for (guint i = 0; i < actions->len; i++)
    if (g_str_equal (g_ptr_array_index (actions, i), name))
      return TRUE;
  return FALSE;
}

static GPtrArray *
menu_actions (gpointer    widget,
              GType       type,
              const char *name)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_free);

  collect_actions (G_MENU_MODEL (child_of (widget, type, name)), actions);
  return actions;
}

static void
test_menus (void)
{
  TandemWindow *window = open_demo_at (1280, 720);
  g_autoptr(GPtrArray) primary = menu_actions (window, TANDEM_TYPE_WINDOW, "primary_menu");
  g_autoptr(GPtrArray) present = menu_actions (window, TANDEM_TYPE_WINDOW, "present_menu");
  g_autoptr(GPtrArray) funnel = menu_actions (tandem_window_get_funnel_page (window), TANDEM_TYPE_FUNNEL_PAGE, "chart_menu");
  g_autoptr(GPtrArray) targets = menu_actions (tandem_window_get_targets_page (window), TANDEM_TYPE_TARGETS_PAGE, "chart_menu");
  g_autoptr(GPtrArray) scoring = menu_actions (tandem_window_get_scoring_page (window), TANDEM_TYPE_SCORING_PAGE, "model_menu");
  const char *files[] = { "win.new-workspace", "win.open", "win.open-demo", "win.import-leads", "win.import-events",
                          "app.preferences", "win.show-help-overlay", "app.about" };
  const char *moved[] = { "win.meeting", "win.sla", "win.export-agreement", "win.print-agreement",
                          "win.export-chart", "win.print" };

  /* The primary menu: files and the application, nothing else */
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_assert_true (has_action (primary, files[i]));
  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    g_assert_false (has_action (primary, moved[i]));
  g_assert_cmpuint (primary->len, <=, 10);
  /* Meeting mode, the service level and the agreement: the Present menu */
  for (guint i = 0; i < 4; i++)
    g_assert_true (has_action (present, moved[i]));
  /* The charts: each page's own */
  g_assert_true (has_action (funnel, "win.export-chart") && has_action (funnel, "win.print") &&
                 has_action (funnel, "funnel.export-chart"));
  g_assert_true (has_action (targets, "win.export-chart") && has_action (targets, "win.print"));
  g_assert_true (has_action (scoring, "win.export-chart") && has_action (scoring, "win.print") &&
                 has_action (scoring, "scoring.export-chart"));
  /* The split button runs meeting mode and opens the Present menu */
  {
    AdwSplitButton *button = ADW_SPLIT_BUTTON (child_of (window, TANDEM_TYPE_WINDOW, "present_button"));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.meeting");
    g_assert_true (adw_split_button_get_menu_model (button) == G_MENU_MODEL (child_of (window, TANDEM_TYPE_WINDOW, "present_menu")));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The Leads page's scores ---------------------------------------------- */

static gboolean
list_settled (gpointer data)
{
  return !tandem_lead_list_get_loading (data);
}

static double
row_score (TandemScorer  *scorer,
           TandemLeadList *list,
           guint          position)
{
  g_autoptr(TandemLeadRow) row = g_list_model_get_item (G_LIST_MODEL (list), position);
  int lead = tandem_scorer_find_row (scorer, tandem_lead_row_get_id (row));
  TandemScore score;

  g_assert_cmpint (lead, >=, 0);
  tandem_scorer_get_score (scorer, (guint) lead, &score);
  return score.fit + score.interest;
}

static void
test_lead_scores (void)
{
  TandemWindow *window = open_demo_at (1280, 720);
  TandemLeadsPage *page = tandem_window_get_leads_page (window);
  TandemScoringState *state = tandem_scoring_page_get_state (tandem_window_get_scoring_page (window));
  TandemScorer *live = tandem_scoring_state_get_live_scorer (state);
  TandemLeadList *list = tandem_leads_page_get_list (page);
  GtkColumnView *view = tandem_leads_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  const char *titles[] = { "Score", "Grade", "MQL" };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  double top = -INFINITY;

  g_assert_true (tandem_leads_page_get_scoring_state (page) == state);   /* bound */
  g_assert_nonnull (live);
  /* After the id, the live model's columns, shown */
  for (guint k = 0; k < G_N_ELEMENTS (titles); k++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, k + 1);
      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[k]);
      g_assert_true (gtk_column_view_column_get_visible (column));
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  /* Sorting by Score: on the worker, by the live scores, highest first */
  for (guint i = 0; i < tandem_scorer_get_n_leads (live); i++)
    {
      TandemScore score;
      tandem_scorer_get_score (live, i, &score);
      top = MAX (top, score.fit + score.interest);
    }
  {
    g_autoptr(GtkColumnViewColumn) score_column = g_list_model_get_item (columns, 1);
    gtk_column_view_sort_by_column (view, score_column, GTK_SORT_DESCENDING);
  }
  ui_wait_until (list_settled, list, "the sort by score");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  g_assert_cmpfloat (row_score (live, list, 0), ==, top);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (row_score (live, list, i - 1), >=, row_score (live, list, i));

  /* Searching keeps the order, and back to a workspace column sorts in SQL */
  tandem_lead_list_set_search (list, "VP of");
  ui_wait_until (list_settled, list, "the search");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, n);
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_assert_cmpfloat (row_score (live, list, i - 1), >=, row_score (live, list, i));
  tandem_lead_list_set_search (list, "");
  {
    g_autoptr(GtkColumnViewColumn) id_column = g_list_model_get_item (columns, 0);
    gtk_column_view_sort_by_column (view, id_column, GTK_SORT_DESCENDING);
  }
  ui_wait_until (list_settled, list, "the sort by id");
  {
    g_autoptr(TandemLeadRow) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (tandem_lead_row_get_cell (first, 0), ==, "L-000500");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The rule editor's empty form ------------------------------------------ */

static void
test_rule_editor_guidance (void)
{
  TandemWindow *window = open_demo_at (1280, 720);
  GtkWidget *editor = tandem_rule_editor_new (GTK_WINDOW (window), tandem_window_get_store (window),
                                              TANDEM_DIMENSION_FIT, -1, NULL);
  GtkWidget *status = GTK_WIDGET (child_of (editor, TANDEM_TYPE_RULE_EDITOR, "status"));
  GtkEditable *value = GTK_EDITABLE (child_of (editor, TANDEM_TYPE_RULE_EDITOR, "value_row"));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRule) rule = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  /* A new rule with no value yet: nothing to save, and nothing that looks
   * like a mistake either */
  rule = tandem_rule_editor_build_rule (TANDEM_RULE_EDITOR (editor), &error);
  g_assert_null (rule);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_null (tandem_rule_editor_get_status (TANDEM_RULE_EDITOR (editor)));
  g_assert_false (gtk_widget_get_visible (status));
  g_assert_false (gtk_widget_has_css_class (status, "error"));

  /* Typed, then emptied again: the reminder, quiet, not a heading */
  gtk_editable_set_text (value, "x");
  gtk_editable_set_text (value, "");
  g_assert_cmpstr (tandem_rule_editor_get_status (TANDEM_RULE_EDITOR (editor)), ==, "Give a value to compare with");
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_true (gtk_widget_has_css_class (status, "dim-label"));
  g_assert_false (gtk_widget_has_css_class (status, "heading"));
  g_assert_false (gtk_widget_has_css_class (status, "error"));

  /* A value: what the rule does, as a heading again */
  gtk_editable_set_text (value, "VP");
  g_assert_cmpstr (tandem_rule_editor_get_status (TANDEM_RULE_EDITOR (editor)), ==, "Counting…");
  g_assert_true (gtk_widget_has_css_class (status, "heading"));
  g_assert_false (gtk_widget_has_css_class (status, "dim-label"));

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The Service Level's working days -------------------------------------- */

/* The colour at the middle of the top padding of a button, as its
 * window draws it */
static void
button_colour (GtkWidget *button,
               guint8     out[4])
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (button));
  int width = gtk_widget_get_width (root), height = gtk_widget_get_height (root);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (root);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (button, root, gtk_widget_get_width (button) / 2.0, 3, &x, &y));
  g_assert_true (x >= 0 && y >= 0 && x < width && y < height);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (root)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  memcpy (out, pixels + ((gsize) y * width + (gsize) x) * 4, 4);
}

static int
colour_distance (const guint8 a[4],
                 const guint8 b[4])
{
  int d = 0;

  for (int c = 0; c < 3; c++)
    d += abs ((int) a[c] - (int) b[c]);
  return d;
}

/* How far from grey a colour is */
static int
chroma (const guint8 c[4])
{
  return MAX (MAX (c[0], c[1]), c[2]) - MIN (MIN (c[0], c[1]), c[2]);
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 8;
}

static void
test_sla_days (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  TandemWindow *window = open_demo_at (1280, 720);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK };

  /* What AdwApplication loads for the app (this test has no application) */
  gtk_css_provider_load_from_resource (css, "/io/github/tandemops/Tandem/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      GtkWidget *dialog = tandem_sla_dialog_new (GTK_WINDOW (window), tandem_window_get_store (window));
      GtkToggleButton *monday = GTK_TOGGLE_BUTTON (child_of (dialog, TANDEM_TYPE_SLA_DIALOG, "monday"));
      GtkToggleButton *sunday = GTK_TOGGLE_BUTTON (child_of (dialog, TANDEM_TYPE_SLA_DIALOG, "sunday"));
      guint8 on[4], off[4];

      adw_style_manager_set_color_scheme (style, schemes[s]);
      gtk_window_present (GTK_WINDOW (dialog));
      gtk_toggle_button_set_active (monday, TRUE);
      gtk_toggle_button_set_active (sunday, FALSE);
      ui_wait_until (drawn, sunday, "the dialog's days");
      g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (monday)), "weekdays"));
      button_colour (GTK_WIDGET (monday), on);
      button_colour (GTK_WIDGET (sunday), off);
      /* A chosen day is the accent colour, a day off a plain grey button:
       * not two greys (as GTK's own checked and unchecked buttons are) */
      g_test_message ("scheme %u: on (%u,%u,%u), off (%u,%u,%u)", s, on[0], on[1], on[2], off[0], off[1], off[2]);
      if (chroma (on) < 100 || chroma (off) > 24 || colour_distance (on, off) < 200)
        g_error ("scheme %u: a chosen day (%u,%u,%u) looks too much like a day off (%u,%u,%u)", s,
                 on[0], on[1], on[2], off[0], off[1], off[2]);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_log_set_writer_func (count_warnings, NULL, NULL);
  ui_init (&argc, &argv);

  g_test_add_func ("/ui/layout/narrow", test_narrow);
  g_test_add_func ("/ui/layout/wide", test_wide);
  g_test_add_func ("/ui/layout/menus", test_menus);
  g_test_add_func ("/ui/layout/lead-scores", test_lead_scores);
  g_test_add_func ("/ui/layout/rule-editor-guidance", test_rule_editor_guidance);
  g_test_add_func ("/ui/layout/sla-days", test_sla_days);

  return ui_run ();
}
