/* tandem-targets-compare.c — saved scenarios side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compare Scenarios: two to four of the workspace's scenarios in a table,
 * each cell with its change from the first, and each one's funnel.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-chart-data.h"
#include "tandem-chart-view.h"
#include "tandem-format.h"
#include "tandem-rows.h"
#include "tandem-scenario.h"
#include "tandem-targets-compare.h"

/* @currency: an amount in it; NULL: a volume */
static char *
compared (double      value,
          double      first,
          gboolean    is_first,
          const char *currency)
{
  g_autofree char *v = currency != NULL ? tandem_format_amount (value, currency) : tandem_format_number (value, 1);

  if (is_first || first == 0)
    return g_steal_pointer (&v);
  /* Translators: a compared value and its change from the first scenario, "450.0 (+12 %)" */
  return g_strdup_printf (_("%s (%+.0f %%)"), v, (value - first) / first * 100);
}

/* Two to four scenarios side by side: a table with the change from the
 * first, and each one's funnel.  Returns the number compared. */
guint
tandem_targets_compare_fill (TandemStore  *store,
                             GtkGrid      *grid,
                             GtkBox       *charts,
                             GPtrArray    *names,
                             GError      **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_plan_result_unref);
  GtkWidget *child;
  TandemPlanResult *first;
  g_autofree char *currency = NULL;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (charts))) != NULL)
    gtk_box_remove (charts, child);

  for (guint k = 0; k < names->len; k++)
    {
      g_autoptr(TandemPlanInput) input = tandem_scenario_load (store, g_ptr_array_index (names, k), error);
      TandemPlanResult *result = input ? tandem_plan_calculate (input, error) : NULL;
      if (result == NULL)
        {
          g_prefix_error (error, "%s: ", (char *) g_ptr_array_index (names, k));
          return 0;
        }
      g_ptr_array_add (results, result);
    }
  if (results->len == 0)
    return 0;
  first = g_ptr_array_index (results, 0);
  currency = tandem_store_dup_currency (store, NULL);

  tandem_grid_add_text (grid, 0, 0, "", TRUE);
  for (guint k = 0; k < results->len; k++)
    tandem_grid_add_text (grid, (int) k + 1, 0, g_ptr_array_index (names, k), TRUE);
  for (guint s = 0; s < first->n_stages; s++, row++)
    {
      tandem_grid_add_text (grid, 0, row, first->stages[s].name, FALSE);
      for (guint k = 0; k < results->len; k++)
        {
          TandemPlanResult *r = g_ptr_array_index (results, k);
          g_autofree char *text = NULL;
          /* By name: scenarios may have other stages */
          for (guint t = 0; t < r->n_stages; t++)
            if (g_ascii_strcasecmp (r->stages[t].name, first->stages[s].name) == 0)
              text = compared (r->stages[t].volume, first->stages[s].volume, k == 0, NULL);
          tandem_grid_add_text (grid, (int) k + 1, row, text ? text : "—", FALSE);
        }
    }
  {
    static const char *const labels[] = { N_("Deals"), N_("Revenue"), N_("Budget"), N_("Cost per won deal") };
    for (guint m = 0; m < G_N_ELEMENTS (labels); m++, row++)
      {
        tandem_grid_add_text (grid, 0, row, _(labels[m]), FALSE);
        for (guint k = 0; k < results->len; k++)
          {
            TandemPlanResult *r = g_ptr_array_index (results, k);
            gboolean has[] = { TRUE, r->has_revenue, r->has_cost, r->has_cost && r->cost.has_cac };
            gboolean first_has[] = { TRUE, first->has_revenue, first->has_cost, first->has_cost && first->cost.has_cac };
            double v[] = { r->deals, r->revenue, r->cost.budget, r->cost.cac };
            double f[] = { first->deals, first->revenue, first->cost.budget, first->cost.cac };
            g_autofree char *text = has[m] ? compared (v[m], first_has[m] ? f[m] : 0, k == 0 || !first_has[m],
                                                       m > 0 ? currency : NULL)
                                           : g_strdup ("—");
            tandem_grid_add_text (grid, (int) k + 1, row, text, FALSE);
          }
      }
  }

  for (guint k = 0; k < results->len; k++)
    {
      TandemPlanResult *r = g_ptr_array_index (results, k);
      TandemTargetsChartData *data = tandem_targets_chart_data_new ();
      GtkWidget *view = tandem_chart_view_new ();
      g_autofree char *description = NULL;

      data->headline = g_strdup (g_ptr_array_index (names, k));
      for (guint s = 0; s < r->n_stages; s++)
        tandem_targets_chart_add_stage (data, r->stages[s].name, r->stages[s].exact, r->stages[s].volume, NAN);
      description = tandem_targets_dup_description (data);
      tandem_chart_view_set_chart (TANDEM_CHART_VIEW (view), tandem_targets_draw_funnel, data,
                                   (GDestroyNotify) tandem_targets_chart_data_free, description);
      gtk_widget_set_size_request (view, 240, 260);
      gtk_widget_set_hexpand (view, TRUE);
      gtk_box_append (charts, view);
    }
  return results->len;
}

static void
toast (GtkWidget  *page,
       const char *message)
{
  g_signal_emit_by_name (page, "toast", message);
}

/* Fills the window's table, or says why not */
static void
fill_window (GtkWidget *window,
             GtkWidget *page,
             GPtrArray *names)
{
  g_autoptr(GError) error = NULL;

  if (tandem_targets_compare_fill (g_object_get_data (G_OBJECT (window), "store"), g_object_get_data (G_OBJECT (window), "grid"),
                                   g_object_get_data (G_OBJECT (window), "charts"), names, &error) == 0 && error != NULL)
    toast (page, error->message);
}

static void
on_compare_toggled (GtkCheckButton *check,
                    GtkWidget      *page)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_WINDOW);
  GtkBox *checks = g_object_get_data (G_OBJECT (window), "checks");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (checks)); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      g_ptr_array_add (names, (gpointer) gtk_check_button_get_label (GTK_CHECK_BUTTON (c)));
  /* At most four side by side */
  if (names->len > 4)
    {
      gtk_check_button_set_active (check, FALSE);
      toast (page, _("Compare up to four scenarios at a time"));
      return;
    }
  fill_window (window, page, names);
}

void
tandem_targets_compare_present (GtkWidget         *page,
                                TandemStore       *store,
                                const char *const *scenarios)
{
  GtkWidget *window, *box, *header, *scrolled, *content, *checks, *grid, *charts;

  if (store == NULL || scenarios == NULL || g_strv_length ((GStrv) scenarios) < 2)
    {
      toast (page, _("Save at least two scenarios to compare them"));
      return;
    }
  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (page)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);
  gtk_window_set_title (GTK_WINDOW (window), _("Compare Scenarios"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  checks = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("The scenarios compared"), -1);
  charts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  for (guint k = 0; scenarios[k]; k++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (scenarios[k]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), k < 2);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_compare_toggled), page, 0);
      gtk_box_append (GTK_BOX (checks), check);
    }
  gtk_box_append (GTK_BOX (content), checks);
  gtk_box_append (GTK_BOX (content), grid);
  gtk_box_append (GTK_BOX (content), charts);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "checks", checks);
  g_object_set_data (G_OBJECT (window), "grid", grid);
  g_object_set_data (G_OBJECT (window), "charts", charts);
  g_object_set_data_full (G_OBJECT (window), "store", g_object_ref (store), g_object_unref);
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_ptr_array_add (names, (gpointer) scenarios[0]);
    g_ptr_array_add (names, (gpointer) scenarios[1]);
    fill_window (window, page, names);
  }
  gtk_window_present (GTK_WINDOW (window));
}
