/* tandem-targets-page.c — what-if planning, from a revenue goal to leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A form on the left (AdwPreferencesGroups of spin rows), the plan on the
 * right: the headline, the inverted funnel, the arithmetic step by step,
 * coverage, cost, the 80 % range, capacity warnings, the tornado and the
 * monthly schedule.  Everything is recalculated as you type — the
 * arithmetic is tandem-plan's, the same tandem-cli plan prints — and a
 * mistake is said in place of the results, never shown as NaN.  The page
 * holds only widgets: the plan, its scenarios, undo, the draft and the
 * actual rates are TandemPlanState's; the layout is tandem-targets-page.ui.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <math.h>

#include "tandem-store.h"
#include "tandem-chart-data.h"
#include "tandem-chart-view.h"
#include "tandem-format.h"
#include "tandem-rows.h"
#include "tandem-shortcuts.h"
#include "tandem-targets-compare.h"
#include "tandem-targets-page.h"

/* The template's spin rows, in the order of spins[] below: the goal, six
 * options that can be switched off, the capacity */
enum { SPIN_REVENUE, SPIN_DEAL_SIZE, SPIN_ANCHOR, SPIN_PIPELINE = 5, SPIN_COST_FIRST = 7, SPIN_COST_SECOND = 8, N_SPINS = 13 };

struct _TandemTargetsPage
{
  AdwBin            parent_instance;

  /* The template's */
  AdwLeaflet       *leaflet;
  GtkWidget        *form_pane;
  GtkWidget        *results_pane;
  GtkWidget        *to_results;
  GtkWidget        *to_form;
  GtkDropDown      *scenario_dropdown;
  AdwComboRow      *mode_row;
  AdwComboRow      *anchor_row;
  AdwComboRow      *period_row;
  AdwComboRow      *rounding_row;
  AdwComboRow      *currency_row;
  AdwPreferencesGroup *rates_group;
  TandemSpinRow    *field_rows[N_SPINS];      /* goal, options, capacity: spins[] */
  GtkLabel         *headline;
  GtkLabel         *problem;
  TandemChartView  *funnel;
  GtkLabel         *steps_label;
  GtkLabel         *funnel_key;    /* what "4677 (4663.8)" means */
  GtkLabel         *facts;
  TandemChartView  *tornado;
  GtkGrid          *schedule;

  GPtrArray        *rate_rows;    /* TandemSpinRow, one per transition */
  TandemPlanState  *state;
  gboolean          updating;     /* the form being filled from the state */
};

G_DEFINE_FINAL_TYPE (TandemTargetsPage, tandem_targets_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Each spin row of the template: the plan's field it edits, in percent or
 * not, and the plan's own upper bound */
static const struct
{
  const char      *id;
  TandemPlanField  field;
  guint            index;
  gboolean         percent;
  double           upper;
} spins[N_SPINS] = {
  { "revenue_row",       TANDEM_PLAN_FIELD_REVENUE,         0, FALSE, TANDEM_PLAN_MAX_AMOUNT },
  { "deal_size_row",     TANDEM_PLAN_FIELD_DEAL_SIZE,       0, FALSE, TANDEM_PLAN_MAX_AMOUNT },
  { "anchor_volume_row", TANDEM_PLAN_FIELD_ANCHOR_VOLUME,   0, FALSE, TANDEM_PLAN_MAX_VOLUME },
  { "win_rate_row",      TANDEM_PLAN_FIELD_WIN_RATE,        0, TRUE,  100 },
  { "coverage_row",      TANDEM_PLAN_FIELD_COVERAGE,        0, FALSE, TANDEM_PLAN_MAX_COVERAGE },
  { "pipeline_row",      TANDEM_PLAN_FIELD_PIPELINE,        0, FALSE, TANDEM_PLAN_MAX_AMOUNT },
  { "share_row",         TANDEM_PLAN_FIELD_MARKETING_SHARE, 0, TRUE,  100 },
  { "cost_first_row",    TANDEM_PLAN_FIELD_COST,            0, FALSE, TANDEM_PLAN_MAX_COST },
  { "cost_second_row",   TANDEM_PLAN_FIELD_COST,            1, FALSE, TANDEM_PLAN_MAX_COST },
  { "sdr_heads_row",     TANDEM_PLAN_FIELD_SDR_HEADS,       0, FALSE, TANDEM_PLAN_MAX_HEADS },
  { "sdr_per_head_row",  TANDEM_PLAN_FIELD_SDR_PER_HEAD,    0, FALSE, TANDEM_PLAN_MAX_PER_HEAD },
  { "ae_heads_row",      TANDEM_PLAN_FIELD_AE_HEADS,        0, FALSE, TANDEM_PLAN_MAX_HEADS },
  { "ae_per_head_row",   TANDEM_PLAN_FIELD_AE_PER_HEAD,     0, FALSE, TANDEM_PLAN_MAX_PER_HEAD },
};

static void
toast (TandemTargetsPage *self,
       const char        *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
toast_error (TandemTargetsPage *self,
             const GError      *error)
{
  toast (self, error->message);
}

/* ---- The form ------------------------------------------------------------- */

/* A field's value as the form shows it: percentages for fractions */
static double
row_value (TandemSpinRow *row)
{
  double value = tandem_spin_row_get_value (row);

  return g_object_get_data (G_OBJECT (row), "tandem-percent") ? value / 100 : value;
}

/* The number changed, or its switch: an option switched off is not
 * given, whatever its number */
static void
on_row_changed (TandemSpinRow     *row,
                GParamSpec        *pspec,
                TandemTargetsPage *self)
{
  gboolean off = tandem_spin_row_get_switchable (row) && !tandem_spin_row_get_active (row);

  if (self->updating || (off && g_strcmp0 (pspec->name, "value") == 0))
    return;
  tandem_plan_state_set_field (self->state, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "tandem-field")),
                               GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "tandem-index")),
                               off ? NAN : row_value (row));
}

/* The plan's upper bound, the field the row edits */
static void
setup_row (TandemTargetsPage *self,
           TandemSpinRow     *row,
           TandemPlanField    field,
           guint              index,
           gboolean           percent,
           double             upper)
{
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (tandem_spin_row_get_spin_button (row)), upper);
  g_object_set_data (G_OBJECT (row), "tandem-field", GUINT_TO_POINTER (field));
  g_object_set_data (G_OBJECT (row), "tandem-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "tandem-percent", GINT_TO_POINTER (percent));
  g_signal_connect (row, "notify::value", G_CALLBACK (on_row_changed), self);
  g_signal_connect (row, "notify::active", G_CALLBACK (on_row_changed), self);
}

/* Only the goal's own fields are shown for each way of planning */
static void
update_goal_rows (TandemTargetsPage *self)
{
  guint mode = adw_combo_row_get_selected (self->mode_row);

  gtk_widget_set_visible (GTK_WIDGET (self->field_rows[SPIN_REVENUE]), mode == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->anchor_row), mode != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->field_rows[SPIN_ANCHOR]), mode != 0);
}

static void
on_combo_changed (AdwComboRow       *row,
                  GParamSpec        *pspec,
                  TandemTargetsPage *self)
{
  guint selected = adw_combo_row_get_selected (row);

  update_goal_rows (self);
  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  tandem_plan_state_set_field (self->state, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "tandem-field")), 0, selected);
}

/* Every amount says what it is in, and the starting goal and deal size
 * where they come from, until they are changed */
static void
show_amount_units (TandemTargetsPage *self)
{
  const char *code = tandem_plan_state_get_currency (self->state);
  const char *symbol = tandem_currency_get_symbol (code);
  static const guint amount_rows[] = { SPIN_REVENUE, SPIN_DEAL_SIZE, SPIN_PIPELINE, SPIN_COST_FIRST, SPIN_COST_SECOND };

  for (guint k = 0; k < G_N_ELEMENTS (amount_rows); k++)
    {
      const char *unit = g_str_equal (symbol, code) ? code : symbol;
      const char *origin = amount_rows[k] == SPIN_REVENUE ?
        tandem_plan_state_get_field_origin (self->state, TANDEM_PLAN_FIELD_REVENUE) :
        amount_rows[k] == SPIN_DEAL_SIZE ? tandem_plan_state_get_field_origin (self->state, TANDEM_PLAN_FIELD_DEAL_SIZE) : NULL;
      g_autofree char *subtitle = origin != NULL ? g_strdup_printf ("%s · %s", unit, origin) : g_strdup (unit);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->field_rows[amount_rows[k]]), subtitle);
    }
}

/* The currency: the list shows the state's; choosing one sets the workspace's */
static void
show_currency (TandemTargetsPage *self)
{
  const char *code = tandem_plan_state_get_currency (self->state);

  self->updating = TRUE;
  for (guint i = 0; i < tandem_currency_get_n_known (); i++)
    if (g_strcmp0 (tandem_currency_get_nth (i), code) == 0)
      adw_combo_row_set_selected (self->currency_row, i);
  self->updating = FALSE;
  show_amount_units (self);
}

static void
on_currency_chosen (TandemTargetsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);
  g_autoptr(GError) error = NULL;

  if (self->updating || selected == GTK_INVALID_LIST_POSITION || selected >= tandem_currency_get_n_known ())
    return;
  if (!tandem_plan_state_set_currency (self->state, tandem_currency_get_nth (selected), &error))
    {
      toast (self, error->message);
      show_currency (self);
    }
}

static void
rebuild_rates (TandemTargetsPage *self)
{
  const TandemPlanInput *in = tandem_plan_state_get_input (self->state);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  /* AdwPreferencesGroup has no "remove all": drop the rows we added */
  for (guint i = 0; i < self->rate_rows->len; i++)
    adw_preferences_group_remove (self->rates_group, g_ptr_array_index (self->rate_rows, i));
  g_ptr_array_set_size (self->rate_rows, 0);
  for (guint i = 0; i + 1 < in->n_stages; i++)
    {
      /* Translators: a conversion rate's row, "Inquiry → MQL" */
      g_autofree char *title = g_strdup_printf (_("%s → %s"), in->stages[i], in->stages[i + 1]);
      GtkWidget *row = tandem_spin_row_new (title, 0, 100, 0.5, 1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("percent"));
      tandem_spin_row_set_group_digits (TANDEM_SPIN_ROW (row), TRUE);
      adw_preferences_group_add (self->rates_group, row);
      setup_row (self, TANDEM_SPIN_ROW (row), TANDEM_PLAN_FIELD_RATE, i, TRUE, 100);
      g_ptr_array_add (self->rate_rows, row);
    }
  for (guint i = 0; i < in->n_stages; i++)
    gtk_string_list_append (names, in->stages[i]);
  adw_combo_row_set_model (self->anchor_row, G_LIST_MODEL (names));
}

/* The plan into the form, as a whole */
static void
fill_form (TandemTargetsPage *self)
{
  const TandemPlanInput *in = tandem_plan_state_get_input (self->state);

  self->updating = TRUE;
  rebuild_rates (self);
  adw_combo_row_set_selected (self->mode_row, in->mode);
  adw_combo_row_set_selected (self->anchor_row, in->anchor_stage);
  adw_combo_row_set_selected (self->period_row, in->period);
  adw_combo_row_set_selected (self->rounding_row, in->rounding);
  for (guint k = 0; k < G_N_ELEMENTS (spins); k++)
    {
      TandemSpinRow *row = self->field_rows[k];
      double value = tandem_plan_state_get_field (self->state, spins[k].field, spins[k].index);
      gboolean switchable = tandem_spin_row_get_switchable (row);

      if (switchable)
        tandem_spin_row_set_active (row, !isnan (value));
      if (!isnan (value) || !switchable)
        tandem_spin_row_set_value (row, isnan (value) ? 0 : spins[k].percent ? value * 100 : value);
    }
  for (guint i = 0; i < self->rate_rows->len; i++)
    tandem_spin_row_set_value (g_ptr_array_index (self->rate_rows, i), isnan (in->rates[i]) ? 0 : in->rates[i] * 100);
  self->updating = FALSE;
  update_goal_rows (self);
}

/* ---- The results ------------------------------------------------------------ */

static char *
money (TandemTargetsPage *self,
       double             value)
{
  return tandem_format_amount (value, tandem_plan_state_get_currency (self->state));
}

static void
show_schedule (TandemTargetsPage      *self,
               const TandemPlanResult *result)
{
  GtkWidget *child;
  GArray *months = result->schedule;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->schedule))) != NULL)
    gtk_grid_remove (self->schedule, child);
  if (months == NULL || months->len == 0)
    return;
  {
    GtkWidget *h = gtk_label_new (_("Month"));
    gtk_widget_add_css_class (h, "heading");
    gtk_grid_attach (self->schedule, h, 0, 0, 1, 1);
  }
  for (guint s = 0; s < result->n_stages; s++)
    {
      GtkWidget *h = gtk_label_new (result->stages[s].name);
      gtk_widget_add_css_class (h, "heading");
      gtk_label_set_xalign (GTK_LABEL (h), 1);
      gtk_grid_attach (self->schedule, h, (int) s + 1, 0, 1, 1);
    }
  for (guint m = 0; m < months->len; m++)
    {
      TandemPlanMonth *month = &g_array_index (months, TandemPlanMonth, m);
      /* Translators: a month relative to the plan's period: "Month 1", or "2 months before" */
      g_autofree char *name = month->month >= 0 ? g_strdup_printf (_("Month %d"), month->month + 1)
                                                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month before", "%d months before",
                                                                                (gulong) -month->month), -month->month);
      gtk_grid_attach (self->schedule, gtk_label_new (name), 0, (int) m + 1, 1, 1);
      for (guint s = 0; s < result->n_stages; s++)
        {
          g_autofree char *v = g_strdup_printf ("%.1f", month->volumes[s]);
          GtkWidget *l = gtk_label_new (v);
          gtk_label_set_xalign (GTK_LABEL (l), 1);
          gtk_widget_add_css_class (l, "numeric");
          gtk_grid_attach (self->schedule, l, (int) s + 1, (int) m + 1, 1, 1);
        }
    }
}

/* The plan, or what is wrong with it */
static void
show_result (TandemTargetsPage *self)
{
  TandemPlanResult *r = tandem_plan_state_get_result (self->state);
  g_autoptr(GString) facts = g_string_new (NULL);
  TandemTargetsChartData *chart;
  TandemTargetsChartData *tornado;

  gtk_widget_set_visible (GTK_WIDGET (self->problem), r == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->funnel), r != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->funnel_key), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->tornado), r != NULL && r->sensitivity->len > 0);
  if (r == NULL)
    {
      /* Said plainly, instead of numbers that mean nothing */
      gtk_label_set_label (self->problem, tandem_plan_state_get_error (self->state));
      gtk_label_set_label (self->headline, _("This plan does not add up yet"));
      gtk_label_set_label (self->steps_label, "");
      gtk_label_set_label (self->facts, "");
      return;
    }

  /* The headline people read out */
  {
    g_autofree char *first = tandem_chart_format_count ((guint64) llround (r->stages[0].volume));
    g_autofree char *deals = tandem_chart_format_count ((guint64) llround (r->deals));
    g_autofree char *revenue = r->has_revenue ? money (self, r->revenue) : NULL;
    g_autofree char *text = NULL;
    if (revenue)
      /* Translators: the Targets headline: "4,500 Inquiry → 27 deals → 2,025,000" */
      text = g_strdup_printf (_("%s %s → %s deals → %s"), first, r->stages[0].name, deals, revenue);
    else
      text = g_strdup_printf (_("%s %s → %s deals"), first, r->stages[0].name, deals);
    gtk_label_set_label (self->headline, text);
  }

  chart = tandem_targets_chart_data_from (r, tandem_plan_state_get_currency (self->state));
  {
    g_autofree char *description = tandem_targets_dup_description (chart);
    tandem_chart_view_set_chart (self->funnel, tandem_targets_draw_funnel, chart,
                                 (GDestroyNotify) tandem_targets_chart_data_free, description);
  }

  gtk_label_set_label (self->steps_label, tandem_plan_state_get_steps (self->state));

  /* A bar's "4677 (4663.8)", said once under the funnel */
  {
    g_autofree char *key = NULL;

    for (guint s = 0; s < r->n_stages && key == NULL; s++)
      if (fabs (r->stages[s].volume - r->stages[s].exact) >= 1e-9)
        {
          g_autofree char *committed = tandem_chart_format_count ((guint64) llround (MAX (r->stages[s].volume, 0)));
          /* Translators: under the Targets funnel, what a bar's "4677 (4663.8)" means */
          key = g_strdup_printf (_("Each bar reads committed (exact): %s (%.1f) means the plan commits to %s %s, "
                                   "from an exact %.1f before rounding."),
                                 committed, r->stages[s].exact, committed, r->stages[s].name, r->stages[s].exact);
        }
    gtk_label_set_label (self->funnel_key, key ? key : "");
    gtk_widget_set_visible (GTK_WIDGET (self->funnel_key), key != NULL);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->funnel), key);
  }

  /* Coverage, cost, the range, capacity */
  {
    g_autofree char *conv = tandem_chart_format_percent (r->overall_conversion);
    g_string_append_printf (facts, _("Overall conversion %s"), conv);
  }
  if (r->has_range)
    /* Translators: the range of deals chance alone gives: "4677 Inquiry at 4.82 % overall give 207 to 245 deals 8 times out of 10" */
    g_string_append_printf (facts, _("\nEven if every rate holds, chance alone spreads the result: %llu %s at %.2f %% overall "
                                     "give %llu to %llu deals 8 times out of 10"),
                            (unsigned long long) r->range_trials, r->stages[0].name, r->range_p * 100,
                            (unsigned long long) r->range_lo, (unsigned long long) r->range_hi);
  if (r->has_coverage)
    {
      g_autofree char *needed = money (self, r->coverage.pipeline_needed);
      g_string_append_printf (facts, _("\nPipeline needed: %.2f× quota = %s"), r->coverage.required, needed);
      if (r->coverage.has_current)
        {
          g_autofree char *gap = money (self, r->coverage.gap);
          g_string_append_printf (facts, _(" · today %.2f×, gap %s"), r->coverage.current, gap);
        }
    }
  if (r->has_cost)
    {
      g_autofree char *budget = money (self, r->cost.budget);
      g_string_append_printf (facts, _("\nBudget %s"), budget);
      if (r->cost.has_cac)
        {
          g_autofree char *cac = money (self, r->cost.cac);
          g_string_append_printf (facts, _(" · cost per won deal %s"), cac);
        }
      if (r->cost.has_roi)
        g_string_append_printf (facts, _(" · ROI %.0f %%"), r->cost.roi * 100);
    }
  if (r->has_split)
    g_string_append_printf (facts, _("\nMarketing sources %.0f %% of every stage (the left part of each bar, in its own shade)"),
                            r->marketing_share * 100);
  for (guint w = 0; r->warnings != NULL && w < r->warnings->len; w++)
    g_string_append_printf (facts, "\n⚠ %s", (const char *) g_ptr_array_index (r->warnings, w));
  gtk_label_set_label (self->facts, facts->str);

  tornado = tandem_targets_chart_data_from (r, tandem_plan_state_get_currency (self->state));
  tandem_chart_view_set_chart (self->tornado, tandem_targets_draw_tornado, tornado,
                               (GDestroyNotify) tandem_targets_chart_data_free, NULL);
  show_schedule (self, r);
}

/* ---- Scenarios ------------------------------------------------------------- */

/* The list shows the state's scenarios, "Unsaved plan" first, and its choice */
static void
show_scenario (TandemTargetsPage *self)
{
  const char *const *names = tandem_plan_state_get_scenarios (self->state);
  const char *chosen = tandem_plan_state_get_scenario (self->state);
  guint k = 0;

  while (chosen != NULL && names[k] != NULL && g_strcmp0 (names[k], chosen) != 0)
    k++;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->scenario_dropdown, chosen != NULL && names[k] != NULL ? k + 1 : 0);
  self->updating = FALSE;
}

/* Where the starting plan's stages, rates and deal size come from */
static void
show_origin (TandemTargetsPage *self)
{
  const char *origin = tandem_plan_state_get_origin (self->state);
  g_autofree char *text = origin != NULL ? g_strdup_printf (_("From each stage to the next: %s"), origin) : NULL;

  adw_preferences_group_set_description (self->rates_group, text != NULL ? text : _("From each stage to the next"));
}

static void
show_scenarios (TandemTargetsPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Unsaved plan"));
  gtk_string_list_splice (list, 1, 0, tandem_plan_state_get_scenarios (self->state));
  self->updating = TRUE;
  gtk_drop_down_set_model (self->scenario_dropdown, G_LIST_MODEL (list));
  self->updating = FALSE;
  show_scenario (self);
}

static void
on_scenario_selected (TandemTargetsPage *self)
{
  guint k = gtk_drop_down_get_selected (self->scenario_dropdown);
  const char *const *names = tandem_plan_state_get_scenarios (self->state);
  g_autoptr(GError) error = NULL;

  if (self->updating || k == GTK_INVALID_LIST_POSITION || k > g_strv_length ((GStrv) names))
    return;
  if (!tandem_plan_state_choose_scenario (self->state, k > 0 ? names[k - 1] : NULL, &error))
    {
      toast_error (self, error);
      show_scenario (self);   /* still the one before */
    }
}

static void
on_save_response (AdwMessageDialog  *dialog,
                  const char        *response,
                  TandemTargetsPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;
  if (!tandem_plan_state_save_scenario (self->state, name, &error))
    {
      toast_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Saved the scenario “%s”"), name);
  toast (self, message);
}

static void
save_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  const char *chosen = tandem_plan_state_get_scenario (self->state);
  GtkWidget *dialog, *entry;

  if (tandem_plan_state_get_store (self->state) == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save the Scenario"),
                                   _("Saved in the workspace; an existing scenario of that name is replaced."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), chosen ? chosen : _("New scenario"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Keeps the numbers in the form as a new scenario, "Name (copy)", "Name
 * (copy 2)"…; the original stays as it was saved.                      */
static void
duplicate_scenario_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (tandem_plan_state_get_store (self->state) == NULL)
    return;
  name = tandem_plan_state_duplicate_scenario (self->state, &error);
  if (name == NULL)
    {
      toast_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Kept these numbers as “%s”"), name);
  toast (self, message);
}

static void
delete_scenario_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  g_autofree char *name = g_strdup (tandem_plan_state_get_scenario (self->state));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (tandem_plan_state_get_store (self->state) == NULL || name == NULL)
    return;
  if (!tandem_plan_state_delete_scenario (self->state, &error))
    {
      toast_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Deleted the scenario “%s”; its numbers stay in the form"), name);
  toast (self, message);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);

  tandem_targets_compare_present (widget, tandem_plan_state_get_store (self->state),
                                  tandem_plan_state_get_scenarios (self->state));
}

/* ---- Undo, redo and the actual rates ------------------------------------------ */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);

  if (g_str_equal (action_name, "targets.undo"))
    tandem_plan_state_undo (self->state);
  else
    tandem_plan_state_redo (self->state);
}

static void
update_actions (TandemTargetsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "targets.undo", tandem_plan_state_get_can_undo (self->state));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "targets.redo", tandem_plan_state_get_can_redo (self->state));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "targets.use-actual-rates", !tandem_plan_state_get_busy (self->state));
}

static void
on_actual_rates (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(TandemTargetsPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean replaced = FALSE;
  guint filled = 0;

  if (!tandem_plan_state_use_actual_rates_finish (TANDEM_PLAN_STATE (source), result, &filled, &replaced, &error))
    {
      toast_error (self, error);
      return;
    }
  if (replaced)
    {
      const TandemPlanInput *in = tandem_plan_state_get_input (self->state);
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < in->n_stages; i++)
        g_string_append_printf (list, i > 0 ? ", %s" : "%s", in->stages[i]);
      /* Translators: the stages the plan now has, "Prospecting, Engaging, Won" */
      text = g_strdup_printf (_("The plan now has the Funnel's stages: %s"), list->str);
      toast (self, text);
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Filled %u rate from the data (all time)",
                                          "Filled %u rates from the data (all time)", filled), filled);
  toast (self, filled ? message : _("None of the plan's stages are in the Funnel's stages: rates left as they were"));
}

/* The conversion between the plan's stages in the workspace's own data:
 * the Funnel's waterfall, all time, counted on a worker thread */
static void
use_actual_rates_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);

  if (tandem_plan_state_get_store (self->state) == NULL || tandem_plan_state_get_busy (self->state))
    return;
  tandem_plan_state_use_actual_rates_async (self->state, NULL, NULL, NULL, on_actual_rates, g_object_ref (self));
}

/* ---- Folding ------------------------------------------------------------------- */

static void
on_folded (TandemTargetsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->to_results, folded);
  gtk_widget_set_visible (self->to_form, folded);
}

static void
show_results (TandemTargetsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->results_pane);
}

static void
show_form (TandemTargetsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->form_pane);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
tandem_targets_page_dispose (GObject *object)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (object);

  /* Nothing lost: the state writes a pending draft as it goes */
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  G_OBJECT_CLASS (tandem_targets_page_parent_class)->dispose (object);
}

static void
tandem_targets_page_finalize (GObject *object)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (object);

  g_clear_pointer (&self->rate_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (tandem_targets_page_parent_class)->finalize (object);
}

static void
tandem_targets_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, tandem_plan_state_get_store (self->state));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_targets_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_targets_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_targets_page_class_init (TandemTargetsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = tandem_targets_page_dispose;
  object_class->finalize = tandem_targets_page_finalize;
  object_class->get_property = tandem_targets_page_get_property;
  object_class->set_property = tandem_targets_page_set_property;

  /* The workspace whose scenarios and draft the page shows */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TANDEM_TYPE_CHART_VIEW);
  g_type_ensure (TANDEM_TYPE_SPIN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-targets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, form_pane);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, results_pane);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, to_results);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, to_form);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, anchor_row);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, rounding_row);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, rates_group);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, headline);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, problem);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, funnel);
  gtk_widget_class_bind_template_child_full (widget_class, "chart_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, steps_label);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, funnel_key);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, facts);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, tornado);
  gtk_widget_class_bind_template_child (widget_class, TandemTargetsPage, schedule);
  for (guint k = 0; k < N_SPINS; k++)
    gtk_widget_class_bind_template_child_full (widget_class, spins[k].id, FALSE,
                                               G_STRUCT_OFFSET (TandemTargetsPage, field_rows) + k * sizeof (TandemSpinRow *));
  gtk_widget_class_bind_template_callback (widget_class, on_folded);
  gtk_widget_class_bind_template_callback (widget_class, show_results);
  gtk_widget_class_bind_template_callback (widget_class, show_form);

  gtk_widget_class_install_action (widget_class, "targets.save-scenario", NULL, save_scenario_action);
  gtk_widget_class_install_action (widget_class, "targets.delete-scenario", NULL, delete_scenario_action);
  gtk_widget_class_install_action (widget_class, "targets.duplicate-scenario", NULL, duplicate_scenario_action);
  gtk_widget_class_install_action (widget_class, "targets.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "targets.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "targets.use-actual-rates", NULL, use_actual_rates_action);
  gtk_widget_class_install_action (widget_class, "targets.compare", NULL, compare_action);
}

static void
tandem_targets_page_init (TandemTargetsPage *self)
{
  const TandemPlanField combo_fields[] = { TANDEM_PLAN_FIELD_MODE, TANDEM_PLAN_FIELD_ANCHOR_STAGE,
                                           TANDEM_PLAN_FIELD_PERIOD, TANDEM_PLAN_FIELD_ROUNDING };
  AdwComboRow *combos[G_N_ELEMENTS (combo_fields)];

  gtk_widget_init_template (GTK_WIDGET (self));
  combos[0] = self->mode_row;
  combos[1] = self->anchor_row;
  combos[2] = self->period_row;
  combos[3] = self->rounding_row;
  self->rate_rows = g_ptr_array_new ();
  self->state = tandem_plan_state_new ();
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>s", "targets.save-scenario", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>d", "targets.duplicate-scenario", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>z", "targets.undo", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>z", "targets.redo", NULL);

  /* Each field of the form to the plan's */
  for (guint k = 0; k < G_N_ELEMENTS (spins); k++)
    setup_row (self, self->field_rows[k], spins[k].field, spins[k].index, spins[k].percent, spins[k].upper);
  for (guint k = 0; k < G_N_ELEMENTS (combos); k++)
    {
      g_object_set_data (G_OBJECT (combos[k]), "tandem-field", GUINT_TO_POINTER (combo_fields[k]));
      g_signal_connect (combos[k], "notify::selected", G_CALLBACK (on_combo_changed), self);
    }
  g_signal_connect_swapped (self->scenario_dropdown, "notify::selected", G_CALLBACK (on_scenario_selected), self);
  {
    g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);

    for (guint i = 0; i < tandem_currency_get_n_known (); i++)
      {
        const char *code = tandem_currency_get_nth (i);
        const char *symbol = tandem_currency_get_symbol (code);
        g_autofree char *item = g_str_equal (symbol, code) ? g_strdup (code) : g_strdup_printf ("%s (%s)", code, symbol);

        gtk_string_list_append (codes, item);
      }
    adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (codes));
  }
  g_signal_connect_swapped (self->currency_row, "notify::selected", G_CALLBACK (on_currency_chosen), self);

  /* The page follows its state */
  g_signal_connect_swapped (self->state, "input-changed", G_CALLBACK (fill_form), self);
  g_signal_connect_swapped (self->state, "notify::result", G_CALLBACK (show_result), self);
  g_signal_connect_swapped (self->state, "notify::scenarios", G_CALLBACK (show_scenarios), self);
  g_signal_connect_swapped (self->state, "notify::scenario", G_CALLBACK (show_scenario), self);
  g_signal_connect_swapped (self->state, "notify::can-undo", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->state, "notify::can-redo", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->state, "notify::busy", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->state, "message", G_CALLBACK (toast), self);
  g_signal_connect_swapped (self->state, "notify::currency", G_CALLBACK (show_currency), self);
  g_signal_connect_swapped (self->state, "notify::origin", G_CALLBACK (show_origin), self);
  g_signal_connect_swapped (self->state, "notify::origin", G_CALLBACK (show_amount_units), self);
  g_signal_connect_swapped (self->state, "input-changed", G_CALLBACK (show_amount_units), self);
  show_currency (self);
  show_scenarios (self);
  fill_form (self);
  show_result (self);
  update_actions (self);
}

/* ---- The page's API ------------------------------------------------------------ */

void
tandem_targets_page_set_store (TandemTargetsPage *self,
                               TandemStore       *store)
{
  gboolean changed;

  g_return_if_fail (TANDEM_IS_TARGETS_PAGE (self));

  changed = tandem_plan_state_get_store (self->state) != store;
  tandem_plan_state_set_store (self->state, store);   /* again: the workspace opened again */
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TandemPlanState *
tandem_targets_page_get_state (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return self->state;
}

TandemPlanInput *
tandem_targets_page_get_input (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return (TandemPlanInput *) tandem_plan_state_get_input (self->state);
}

void
tandem_targets_page_set_input (TandemTargetsPage     *self,
                               const TandemPlanInput *input)
{
  g_return_if_fail (TANDEM_IS_TARGETS_PAGE (self));
  tandem_plan_state_set_input (self->state, input);
}

TandemPlanResult *
tandem_targets_page_get_result (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return tandem_plan_state_get_result (self->state);
}

const char *
tandem_targets_page_get_error (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return tandem_plan_state_get_error (self->state);
}

AdwComboRow *
tandem_targets_page_get_currency_row (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return self->currency_row;
}

const char *
tandem_targets_page_get_steps (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return tandem_plan_state_get_steps (self->state);
}

TandemChartView *
tandem_targets_page_get_chart (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return self->funnel;
}

GtkSpinButton *
tandem_targets_page_get_revenue_spin (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return tandem_spin_row_get_spin_button (self->field_rows[SPIN_REVENUE]);
}

const char *
tandem_targets_page_get_scenario (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return tandem_plan_state_get_scenario (self->state);
}

guint
tandem_targets_page_compare (TandemTargetsPage  *self,
                             const char *const  *names,
                             GtkGrid            *grid)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *charts = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  guint n;

  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), 0);

  for (guint k = 0; names[k]; k++)
    g_ptr_array_add (list, (gpointer) names[k]);
  n = tandem_targets_compare_fill (tandem_plan_state_get_store (self->state), grid, GTK_BOX (charts), list, &error);
  if (n == 0 && error != NULL)
    toast_error (self, error);
  g_object_unref (charts);
  return n;
}
