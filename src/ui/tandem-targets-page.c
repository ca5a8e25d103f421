/* tandem-targets-page.c — what-if planning, from a revenue goal to leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A form on the left (AdwPreferencesGroups of spin rows), the plan on the
 * right: the headline, the inverted funnel, the arithmetic step by step,
 * coverage, cost, the 80 % range, capacity warnings, the tornado and the
 * monthly schedule.  Everything is recalculated as you type — the
 * arithmetic is tandem-plan's, the same tandem-cli plan prints — and a
 * mistake is said in place of the results, never shown as NaN.  Scenarios
 * are saved in the workspace; "Use Actual Rates" takes the conversion of
 * the Funnel's stages, all time.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <math.h>

#include "tandem-chart-view.h"
#include "tandem-funnel.h"
#include "tandem-scenario.h"
#include "tandem-shortcuts.h"
#include "tandem-store.h"
#include "tandem-chart-data.h"
#include "tandem-targets-page.h"

struct _TandemTargetsPage
{
  AdwBin            parent_instance;

  GtkWidget        *form;
  AdwLeaflet       *leaflet;
  GtkWidget        *form_pane;
  GtkWidget        *results_pane;
  GtkWidget        *to_results;
  GtkWidget        *to_form;
  GtkDropDown      *scenario_dropdown;
  AdwComboRow      *mode_row;
  GtkSpinButton    *revenue_spin;
  GtkSpinButton    *deal_size_spin;
  AdwComboRow      *anchor_row;
  GtkSpinButton    *anchor_spin;
  AdwComboRow      *period_row;
  AdwComboRow      *rounding_row;
  GtkWidget        *rates_group;
  GPtrArray        *rate_spins;       /* GtkSpinButton, one per transition */
  GtkSwitch        *option_switches[6];
  GtkSpinButton    *option_spins[6];  /* win rate, coverage, pipeline, marketing share, cost/inquiry, cost/MQL */
  GtkSpinButton    *team_spins[4];    /* SDR heads, per SDR, AE heads, per AE */

  GtkLabel         *headline;
  GtkLabel         *problem;
  TandemChartView  *funnel;
  GtkLabel         *steps_label;
  GtkLabel         *facts;
  TandemChartView  *tornado;
  GtkGrid          *schedule;

  TandemStore      *store;
  TandemPlanInput  *input;
  TandemPlanResult *result;
  char             *error_text;
  char             *steps;
  gboolean          updating;
  GStrv             scenarios;
  guint             draft_id;     /* the unsaved form's pending save into the workspace */
  GPtrArray        *undo;         /* char *: the inputs (JSON) before each change, oldest first */
  GPtrArray        *redo;
};

G_DEFINE_FINAL_TYPE (TandemTargetsPage, tandem_targets_page, ADW_TYPE_BIN)

enum { TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { OPT_WIN_RATE, OPT_COVERAGE, OPT_PIPELINE, OPT_SHARE, OPT_COST_FIRST, OPT_COST_SECOND, N_OPTIONS };

static void recalculate (TandemTargetsPage *self);
static void fill_form (TandemTargetsPage *self);

static void
toast (TandemTargetsPage *self,
       const char        *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* ---- The form ------------------------------------------------------------- */

/* Amounts grouped as the user's locale groups them (1,500,000 or
 * 1.500.000 or 1 500 000), and read back the same way. */
static gboolean
on_spin_output (GtkSpinButton *spin,
                gpointer       user_data)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = g_strdup_printf ("%'.*f", (int) gtk_spin_button_get_digits (spin), value);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  const struct lconv *lc = localeconv ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  gsize sep = lc->thousands_sep ? strlen (lc->thousands_sep) : 0, point = strlen (lc->decimal_point);
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end;
  double value;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);
      if (sep > 0 && strncmp (p, lc->thousands_sep, sep) == 0)
        p += sep;
      else if (point > 0 && strncmp (p, lc->decimal_point, point) == 0)
        {
          g_string_append_c (clean, '.');
          p += point;
        }
      else if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        p = g_utf8_next_char (p);
      else
        {
          g_string_append_unichar (clean, c);
          p = g_utf8_next_char (p);
        }
    }
  value = g_ascii_strtod (clean->str, &end);
  if (clean->len == 0 || *end != '\0' || !isfinite (value))
    {
      /* GTK may still read the value: the one the spin had */
      *new_value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
      return GTK_INPUT_ERROR;
    }
  *new_value = value;
  return TRUE;
}

static GtkSpinButton *
spin_row (GtkWidget  *group,
          const char *title,
          const char *subtitle,
          double      lower,
          double      upper,
          double      step,
          guint       digits,
          GtkSwitch **out_switch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);   /* _new_with_range () refuses separators */
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), NULL);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 9);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (out_switch)
    {
      GtkWidget *toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), toggle);
      *out_switch = GTK_SWITCH (toggle);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return GTK_SPIN_BUTTON (spin);
}

static AdwComboRow *
combo_row (GtkWidget          *group,
           const char         *title,
           const char *const  *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint k = 0; items != NULL && items[k]; k++)
    gtk_string_list_append (model, _(items[k]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

static GtkWidget *
group (GtkWidget  *box,
       const char *title,
       const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (GTK_BOX (box), g);
  return g;
}

/* The form into the input; the input checks itself when calculated */
static void
read_form (TandemTargetsPage *self)
{
  TandemPlanInput *in = self->input;
  guint mode = adw_combo_row_get_selected (self->mode_row);
  double *options[N_OPTIONS] = { &in->win_rate, &in->coverage, &in->pipeline, &in->marketing_share,
                                 &in->cost_per[0], &in->cost_per[1] };

  in->mode = mode == 0 ? TANDEM_PLAN_FROM_REVENUE : mode == 1 ? TANDEM_PLAN_FROM_TARGET : TANDEM_PLAN_FORWARD;
  in->revenue = gtk_spin_button_get_value (self->revenue_spin);
  in->deal_size = gtk_spin_button_get_value (self->deal_size_spin);
  in->anchor_stage = MIN (adw_combo_row_get_selected (self->anchor_row), in->n_stages - 1);
  in->anchor_volume = gtk_spin_button_get_value (self->anchor_spin);
  in->period = (TandemPlanPeriod) adw_combo_row_get_selected (self->period_row);
  in->rounding = (TandemPlanRounding) adw_combo_row_get_selected (self->rounding_row);
  for (guint i = 0; i < self->rate_spins->len && i + 1 < in->n_stages; i++)
    in->rates[i] = gtk_spin_button_get_value (g_ptr_array_index (self->rate_spins, i)) / 100;
  for (guint k = 0; k < N_OPTIONS; k++)
    {
      double value = gtk_spin_button_get_value (self->option_spins[k]);
      if (k == OPT_WIN_RATE || k == OPT_SHARE)
        value /= 100;
      *options[k] = gtk_switch_get_active (self->option_switches[k]) ? value : NAN;
    }
  in->sdr.heads = gtk_spin_button_get_value (self->team_spins[0]);
  in->sdr.per_head_month = gtk_spin_button_get_value (self->team_spins[1]);
  in->ae.heads = gtk_spin_button_get_value (self->team_spins[2]);
  in->ae.per_head_month = gtk_spin_button_get_value (self->team_spins[3]);
}

/* Only the goal's own fields are shown for each way of planning */
static void
update_goal_rows (TandemTargetsPage *self)
{
  guint mode = adw_combo_row_get_selected (self->mode_row);

  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->revenue_spin), ADW_TYPE_ACTION_ROW), mode == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->anchor_row), mode != 0);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->anchor_spin), ADW_TYPE_ACTION_ROW), mode != 0);
}

/* ---- The draft: the form as typed, kept in the workspace until saved ------ */

#define DRAFT_INPUT "targets.draft.input"
#define DRAFT_SCENARIO "targets.draft.scenario"

static void
save_draft (TandemTargetsPage *self)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  guint k = gtk_drop_down_get_selected (self->scenario_dropdown);

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (self->store == NULL)
    return;
  json = tandem_plan_input_to_json (self->input);
  if (!tandem_store_set_setting (self->store, DRAFT_INPUT, json, &error) ||
      !tandem_store_set_setting (self->store, DRAFT_SCENARIO,
                                 k > 0 && self->scenarios && k <= g_strv_length (self->scenarios) ? self->scenarios[k - 1] : NULL,
                                 &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not keep the unsaved plan: %s"), error->message);
      toast (self, message);
    }
}

static gboolean
save_draft_timeout (gpointer data)
{
  TandemTargetsPage *self = data;

  self->draft_id = 0;
  save_draft (self);
  return G_SOURCE_REMOVE;
}

static void
queue_draft (TandemTargetsPage *self)
{
  g_clear_handle_id (&self->draft_id, g_source_remove);
  self->draft_id = g_timeout_add (300, save_draft_timeout, self);
}

static void
drop_draft (TandemTargetsPage *self)
{
  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (self->store != NULL)
    {
      tandem_store_set_setting (self->store, DRAFT_INPUT, NULL, NULL);
      tandem_store_set_setting (self->store, DRAFT_SCENARIO, NULL, NULL);
    }
}

/* The form as it was left unsaved, over the scenario it started from */
static gboolean
restore_draft (TandemTargetsPage *self)
{
  g_autofree char *json = tandem_store_dup_setting (self->store, DRAFT_INPUT);
  g_autofree char *scenario = tandem_store_dup_setting (self->store, DRAFT_SCENARIO);
  g_autoptr(TandemPlanInput) input = NULL;
  g_autoptr(GError) error = NULL;

  if (json == NULL)
    return FALSE;
  input = tandem_plan_input_new_from_json (json, -1, &error);
  if (input == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The unsaved plan could not be read back (%s)"), error->message);
      toast (self, message);
      return FALSE;
    }
  self->updating = TRUE;
  for (guint k = 0; scenario && self->scenarios && self->scenarios[k]; k++)
    if (g_str_equal (self->scenarios[k], scenario))
      gtk_drop_down_set_selected (self->scenario_dropdown, k + 1);
  self->updating = FALSE;
  tandem_targets_page_set_input (self, input);
  toast (self, _("Your unsaved plan is back: save it as a scenario to keep it"));
  return TRUE;
}

/* ---- Undo and redo: the form's inputs before each change ---------------------- */

static void
update_undo_actions (TandemTargetsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "targets.undo", self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "targets.redo", self->redo->len > 0);
}

/* Called before a change, while self->input still holds the inputs before it */
static void
remember (TandemTargetsPage *self)
{
  g_ptr_array_add (self->undo, tandem_plan_input_to_json (self->input));
  if (self->undo->len > 100)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_undo_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  gboolean undo = g_str_equal (action_name, "targets.undo");
  GPtrArray *from = undo ? self->undo : self->redo, *to = undo ? self->redo : self->undo;
  g_autoptr(TandemPlanInput) input = NULL;

  if (from->len == 0)
    return;
  input = tandem_plan_input_new_from_json (g_ptr_array_index (from, from->len - 1), -1, NULL);
  if (input == NULL)
    return;   /* written by this page: cannot happen */
  g_ptr_array_add (to, tandem_plan_input_to_json (self->input));
  g_ptr_array_remove_index (from, from->len - 1);
  tandem_targets_page_set_input (self, input);
  queue_draft (self);
  update_undo_actions (self);
}

static void
on_form_changed (TandemTargetsPage *self)
{
  update_goal_rows (self);
  if (self->updating)
    return;
  remember (self);
  read_form (self);
  recalculate (self);
  queue_draft (self);
}

static void
connect_spin (TandemTargetsPage *self,
              GtkSpinButton     *spin)
{
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_form_changed), self);
}

static void
rebuild_rates (TandemTargetsPage *self)
{
  GtkWidget *child;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  /* AdwPreferencesGroup has no "remove all": drop the rows we added */
  for (guint i = 0; i < self->rate_spins->len; i++)
    {
      child = gtk_widget_get_ancestor (g_ptr_array_index (self->rate_spins, i), ADW_TYPE_ACTION_ROW);
      if (child != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->rates_group), child);
    }
  g_ptr_array_set_size (self->rate_spins, 0);
  for (guint i = 0; i + 1 < self->input->n_stages; i++)
    {
      /* Translators: a conversion rate's row, "Inquiry → MQL" */
      g_autofree char *title = g_strdup_printf (_("%s → %s"), self->input->stages[i], self->input->stages[i + 1]);
      GtkSpinButton *spin = spin_row (self->rates_group, title, _("percent"), 0, 100, 0.5, 1, NULL);
      connect_spin (self, spin);
      g_ptr_array_add (self->rate_spins, spin);
    }
  for (guint i = 0; i < self->input->n_stages; i++)
    gtk_string_list_append (names, self->input->stages[i]);
  adw_combo_row_set_model (self->anchor_row, G_LIST_MODEL (names));
}

static void
fill_form (TandemTargetsPage *self)
{
  TandemPlanInput *in = self->input;
  double options[N_OPTIONS] = { in->win_rate * 100, in->coverage, in->pipeline, in->marketing_share * 100,
                                in->cost_per[0], in->cost_per[1] };

  self->updating = TRUE;
  rebuild_rates (self);
  adw_combo_row_set_selected (self->mode_row, in->mode == TANDEM_PLAN_FROM_REVENUE ? 0 : in->mode == TANDEM_PLAN_FROM_TARGET ? 1 : 2);
  gtk_spin_button_set_value (self->revenue_spin, isnan (in->revenue) ? 0 : in->revenue);
  gtk_spin_button_set_value (self->deal_size_spin, isnan (in->deal_size) ? 0 : in->deal_size);
  adw_combo_row_set_selected (self->anchor_row, in->anchor_stage);
  gtk_spin_button_set_value (self->anchor_spin, isnan (in->anchor_volume) ? 0 : in->anchor_volume);
  adw_combo_row_set_selected (self->period_row, in->period);
  adw_combo_row_set_selected (self->rounding_row, in->rounding);
  for (guint i = 0; i < self->rate_spins->len; i++)
    gtk_spin_button_set_value (g_ptr_array_index (self->rate_spins, i), isnan (in->rates[i]) ? 0 : in->rates[i] * 100);
  for (guint k = 0; k < N_OPTIONS; k++)
    {
      gtk_switch_set_active (self->option_switches[k], !isnan (options[k]));
      if (!isnan (options[k]))
        gtk_spin_button_set_value (self->option_spins[k], options[k]);
    }
  gtk_spin_button_set_value (self->team_spins[0], in->sdr.heads);
  gtk_spin_button_set_value (self->team_spins[1], in->sdr.per_head_month);
  gtk_spin_button_set_value (self->team_spins[2], in->ae.heads);
  gtk_spin_button_set_value (self->team_spins[3], in->ae.per_head_month);
  self->updating = FALSE;
  update_goal_rows (self);
}

/* ---- The results ------------------------------------------------------------ */

static char *
money (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

static void
show_schedule (TandemTargetsPage *self)
{
  GtkWidget *child;
  GArray *months = self->result->schedule;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->schedule))) != NULL)
    gtk_grid_remove (self->schedule, child);
  if (months == NULL || months->len == 0)
    return;
  {
    GtkWidget *h = gtk_label_new (_("Month"));
    gtk_widget_add_css_class (h, "heading");
    gtk_grid_attach (self->schedule, h, 0, 0, 1, 1);
  }
  for (guint s = 0; s < self->result->n_stages; s++)
    {
      GtkWidget *h = gtk_label_new (self->result->stages[s].name);
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
      for (guint s = 0; s < self->result->n_stages; s++)
        {
          g_autofree char *v = g_strdup_printf ("%.1f", month->volumes[s]);
          GtkWidget *l = gtk_label_new (v);
          gtk_label_set_xalign (GTK_LABEL (l), 1);
          gtk_widget_add_css_class (l, "numeric");
          gtk_grid_attach (self->schedule, l, (int) s + 1, (int) m + 1, 1, 1);
        }
    }
}

static void
recalculate (TandemTargetsPage *self)
{
  g_autoptr(GError) error = NULL;
  TandemPlanResult *r;
  g_autoptr(GString) facts = g_string_new (NULL);
  TandemTargetsChartData *chart;
  TandemTargetsChartData *tornado;
  g_auto(GStrv) steps = NULL;

  g_clear_pointer (&self->result, tandem_plan_result_unref);
  g_clear_pointer (&self->error_text, g_free);
  self->result = tandem_plan_calculate (self->input, &error);
  r = self->result;
  gtk_widget_set_visible (GTK_WIDGET (self->problem), r == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->funnel), r != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->tornado), r != NULL && r->sensitivity->len > 0);
  if (r == NULL)
    {
      /* Said plainly, instead of numbers that mean nothing */
      self->error_text = g_strdup (error->message);
      gtk_label_set_label (self->problem, error->message);
      gtk_label_set_label (self->headline, _("This plan does not add up yet"));
      gtk_label_set_label (self->steps_label, "");
      gtk_label_set_label (self->facts, "");
      g_clear_pointer (&self->steps, g_free);
      return;
    }

  /* The headline people read out */
  {
    g_autofree char *first = tandem_chart_format_count ((guint64) llround (r->stages[0].volume));
    g_autofree char *deals = tandem_chart_format_count ((guint64) llround (r->deals));
    g_autofree char *revenue = r->has_revenue ? money (r->revenue) : NULL;
    g_autofree char *text = NULL;
    if (revenue)
      /* Translators: the Targets headline: "4,500 Inquiry → 27 deals → 2,025,000" */
      text = g_strdup_printf (_("%s %s → %s deals → %s"), first, r->stages[0].name, deals, revenue);
    else
      text = g_strdup_printf (_("%s %s → %s deals"), first, r->stages[0].name, deals);
    gtk_label_set_label (self->headline, text);
  }

  chart = tandem_targets_chart_data_from (r);
  {
    g_autofree char *description = tandem_targets_dup_description (chart);
    tandem_chart_view_set_chart (self->funnel, tandem_targets_draw_funnel, chart,
                                 (GDestroyNotify) tandem_targets_chart_data_free, description);
  }

  steps = tandem_plan_explain_steps (r, NULL);
  g_free (self->steps);
  self->steps = g_strjoinv ("\n", steps);
  gtk_label_set_label (self->steps_label, self->steps);

  /* Coverage, cost, the range, capacity */
  {
    g_autofree char *conv = tandem_chart_format_percent (r->overall_conversion);
    g_string_append_printf (facts, _("Overall conversion %s"), conv);
  }
  if (r->has_range)
    g_string_append_printf (facts, _("\nDeals are random: %llu %s at %.2f %% give %llu to %llu deals 80 %% of the time"),
                            (unsigned long long) r->range_trials, r->stages[0].name, r->range_p * 100,
                            (unsigned long long) r->range_lo, (unsigned long long) r->range_hi);
  if (r->has_coverage)
    {
      g_autofree char *needed = money (r->coverage.pipeline_needed);
      g_string_append_printf (facts, _("\nPipeline needed: %.2f× quota = %s"), r->coverage.required, needed);
      if (r->coverage.has_current)
        {
          g_autofree char *gap = money (r->coverage.gap);
          g_string_append_printf (facts, _(" · today %.2f×, gap %s"), r->coverage.current, gap);
        }
    }
  if (r->has_cost)
    {
      g_autofree char *budget = money (r->cost.budget);
      g_string_append_printf (facts, _("\nBudget %s"), budget);
      if (r->cost.has_cac)
        {
          g_autofree char *cac = money (r->cost.cac);
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

  tornado = tandem_targets_chart_data_from (r);
  tandem_chart_view_set_chart (self->tornado, tandem_targets_draw_tornado, tornado,
                               (GDestroyNotify) tandem_targets_chart_data_free, NULL);
  show_schedule (self);
}

/* ---- Scenarios and actual rates --------------------------------------------- */

static void
refresh_scenarios (TandemTargetsPage *self,
                   const char        *select)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint chosen = 0;

  g_clear_pointer (&self->scenarios, g_strfreev);
  self->scenarios = self->store ? tandem_scenario_list (self->store) : g_new0 (char *, 1);
  gtk_string_list_append (names, _("Unsaved plan"));
  for (guint k = 0; self->scenarios[k]; k++)
    {
      gtk_string_list_append (names, self->scenarios[k]);
      if (g_strcmp0 (select, self->scenarios[k]) == 0)
        chosen = k + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->scenario_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->scenario_dropdown, chosen);
  self->updating = FALSE;
}

static void
on_scenario_selected (TandemTargetsPage *self)
{
  guint k = gtk_drop_down_get_selected (self->scenario_dropdown);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanInput) input = NULL;

  if (self->updating || k == 0 || self->scenarios == NULL || k > g_strv_length (self->scenarios))
    return;
  input = tandem_scenario_load (self->store, self->scenarios[k - 1], &error);
  if (input == NULL)
    {
      toast (self, error->message);
      return;
    }
  drop_draft (self);   /* another scenario chosen: the unsaved form goes (Ctrl+Z brings it back) */
  remember (self);
  tandem_targets_page_set_input (self, input);
}

static void
on_save_response (AdwMessageDialog  *dialog,
                  const char        *response,
                  TandemTargetsPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;
  if (!tandem_scenario_save (self->store, name, self->input, &error))
    {
      toast (self, error->message);
      return;
    }
  drop_draft (self);
  refresh_scenarios (self, name);
  {
    g_autofree char *message = g_strdup_printf (_("Saved the scenario “%s”"), name);
    toast (self, message);
  }
}

static void
save_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  guint k = gtk_drop_down_get_selected (self->scenario_dropdown);
  GtkWidget *dialog, *entry;

  if (self->store == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save the Scenario"),
                                   _("Saved in the workspace; an existing scenario of that name is replaced."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), k > 0 && self->scenarios ? self->scenarios[k - 1] : _("New scenario"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Plan (copy 2)" → "Plan": the name a copy was made from, so a copy of a
 * copy is numbered rather than "Plan (copy) (copy)".  Follows the
 * translated formats when they start with the name.                    */
static char *
copy_root (const char *name)
{
  const char *one = _("%s (copy)"), *many = _("%s (copy %u)"), *number;
  gsize len = strlen (name);

  if (g_str_has_prefix (one, "%s") && g_str_has_suffix (name, one + 2) && len > strlen (one + 2))
    return g_strndup (name, len - strlen (one + 2));
  if (g_str_has_prefix (many, "%s") && (number = strstr (many, "%u")) != NULL)
    {
      g_autofree char *before = g_strndup (many + 2, (gsize) (number - many - 2));
      const char *after = number + 2;
      gsize end;

      if (!g_str_has_suffix (name, after))
        return g_strdup (name);
      end = len - strlen (after);
      while (end > 0 && g_ascii_isdigit (name[end - 1]))
        end--;
      if (end < len - strlen (after) && end >= strlen (before) && end > strlen (before) &&
          strncmp (name + end - strlen (before), before, strlen (before)) == 0)
        return g_strndup (name, end - strlen (before));
    }
  return g_strdup (name);
}

/* Keeps the numbers in the form as a new scenario, "Name (copy)", "Name
 * (copy 2)"…; the original stays as it was saved.                      */
static void
duplicate_scenario_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  guint k = gtk_drop_down_get_selected (self->scenario_dropdown);
  g_autofree char *base = copy_root (k > 0 && self->scenarios ? self->scenarios[k - 1] : _("New scenario"));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;
  for (guint n = 1; name == NULL; n++)
    {
      /* Translators: the name of a duplicated scenario, then of a second copy */
      g_autofree char *candidate = n == 1 ? g_strdup_printf (_("%s (copy)"), base)
                                          : g_strdup_printf (_("%s (copy %u)"), base, n);
      if (!g_strv_contains ((const char *const *) self->scenarios, candidate))
        name = g_steal_pointer (&candidate);
    }
  if (!tandem_scenario_save (self->store, name, self->input, &error))
    {
      toast (self, error->message);
      return;
    }
  drop_draft (self);
  refresh_scenarios (self, name);
  {
    g_autofree char *message = g_strdup_printf (_("Kept these numbers as “%s”"), name);
    toast (self, message);
  }
}

static void
delete_scenario_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  guint k = gtk_drop_down_get_selected (self->scenario_dropdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL || k == 0 || self->scenarios == NULL)
    return;
  name = g_strdup (self->scenarios[k - 1]);
  if (!tandem_scenario_delete (self->store, name, &error))
    {
      toast (self, error->message);
      return;
    }
  refresh_scenarios (self, NULL);
  {
    g_autofree char *message = g_strdup_printf (_("Deleted the scenario “%s”; its numbers stay in the form"), name);
    toast (self, message);
  }
}

/* ---- Comparing scenarios ------------------------------------------------------ */

static void
add_grid_text (GtkGrid    *grid,
               int         column,
               int         row,
               const char *text,
               gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static char *
compared (double value,
          double first,
          gboolean is_first)
{
  g_autofree char *v = g_strdup_printf ("%'.1f", value);

  if (is_first || first == 0)
    return g_steal_pointer (&v);
  /* Translators: a compared value and its change from the first scenario, "450.0 (+12 %)" */
  return g_strdup_printf (_("%s (%+.0f %%)"), v, (value - first) / first * 100);
}

/* Two to four scenarios side by side: a table with the change from the
 * first, and each one's funnel.  Returns the number compared. */
static guint
fill_comparison (TandemTargetsPage *self,
                 GtkGrid           *grid,
                 GtkBox            *charts,
                 GPtrArray         *names)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_plan_result_unref);
  GtkWidget *child;
  TandemPlanResult *first;
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (charts))) != NULL)
    gtk_box_remove (charts, child);

  for (guint k = 0; k < names->len; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemPlanInput) input = tandem_scenario_load (self->store, g_ptr_array_index (names, k), &error);
      TandemPlanResult *result = input ? tandem_plan_calculate (input, &error) : NULL;
      if (result == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", (char *) g_ptr_array_index (names, k), error->message);
          toast (self, message);
          return 0;
        }
      g_ptr_array_add (results, result);
    }
  if (results->len == 0)
    return 0;
  first = g_ptr_array_index (results, 0);

  add_grid_text (grid, 0, 0, "", TRUE);
  for (guint k = 0; k < results->len; k++)
    add_grid_text (grid, (int) k + 1, 0, g_ptr_array_index (names, k), TRUE);
  for (guint s = 0; s < first->n_stages; s++, row++)
    {
      add_grid_text (grid, 0, row, first->stages[s].name, FALSE);
      for (guint k = 0; k < results->len; k++)
        {
          TandemPlanResult *r = g_ptr_array_index (results, k);
          g_autofree char *text = NULL;
          /* By name: scenarios may have other stages */
          for (guint t = 0; t < r->n_stages; t++)
            if (g_ascii_strcasecmp (r->stages[t].name, first->stages[s].name) == 0)
              text = compared (r->stages[t].volume, first->stages[s].volume, k == 0);
          add_grid_text (grid, (int) k + 1, row, text ? text : "—", FALSE);
        }
    }
  {
    static const char *const labels[] = { N_("Deals"), N_("Revenue"), N_("Budget"), N_("Cost per won deal") };
    for (guint m = 0; m < G_N_ELEMENTS (labels); m++, row++)
      {
        add_grid_text (grid, 0, row, _(labels[m]), FALSE);
        for (guint k = 0; k < results->len; k++)
          {
            TandemPlanResult *r = g_ptr_array_index (results, k);
            gboolean has[] = { TRUE, r->has_revenue, r->has_cost, r->has_cost && r->cost.has_cac };
            gboolean first_has[] = { TRUE, first->has_revenue, first->has_cost, first->has_cost && first->cost.has_cac };
            double v[] = { r->deals, r->revenue, r->cost.budget, r->cost.cac };
            double f[] = { first->deals, first->revenue, first->cost.budget, first->cost.cac };
            g_autofree char *text = has[m] ? compared (v[m], first_has[m] ? f[m] : 0, k == 0 || !first_has[m]) : g_strdup ("—");
            add_grid_text (grid, (int) k + 1, row, text, FALSE);
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
on_compare_toggled (GtkCheckButton    *check,
                    TandemTargetsPage *self)
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
      toast (self, _("Compare up to four scenarios at a time"));
      return;
    }
  fill_comparison (self, g_object_get_data (G_OBJECT (window), "grid"), g_object_get_data (G_OBJECT (window), "charts"), names);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  GtkWidget *window, *box, *header, *scrolled, *content, *checks, *grid, *charts;

  if (self->scenarios == NULL || g_strv_length (self->scenarios) < 2)
    {
      toast (self, _("Save at least two scenarios to compare them"));
      return;
    }
  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
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
  for (guint k = 0; self->scenarios[k]; k++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (self->scenarios[k]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), k < 2);
      g_signal_connect (check, "toggled", G_CALLBACK (on_compare_toggled), self);
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
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_ptr_array_add (names, self->scenarios[0]);
    g_ptr_array_add (names, self->scenarios[1]);
    fill_comparison (self, GTK_GRID (grid), GTK_BOX (charts), names);
  }
  gtk_window_present (GTK_WINDOW (window));
}

guint
tandem_targets_page_compare (TandemTargetsPage  *self,
                             const char *const  *names,
                             GtkGrid            *grid)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GtkWidget *charts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  guint n;

  for (guint k = 0; names[k]; k++)
    g_ptr_array_add (list, (gpointer) names[k]);
  g_object_ref_sink (charts);
  n = fill_comparison (self, grid, GTK_BOX (charts), list);
  g_object_unref (charts);
  return n;
}

/* The conversion between the plan's stages in the workspace's own data:
 * the Funnel's waterfall, all time, stages matched by name or short name. */
static void
use_actual_rates_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  g_autoptr(TandemWaterfall) waterfall = NULL;
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
  TandemWaterfallSegment *all;
  guint filled = 0;

  if (self->store == NULL)
    return;
  taxonomy = tandem_taxonomy_load (self->store, &error);
  if (taxonomy != NULL && tandem_taxonomy_get_n_stages (taxonomy) == 0)
    {
      toast (self, _("Save the stages on the Funnel page first: the actual rates come from them"));
      return;
    }
  if (taxonomy == NULL || (mapping = tandem_funnel_mapping_load (self->store, &error)) == NULL ||
      (waterfall = tandem_waterfall_compute (self->store, taxonomy, mapping, &options, NULL, &error)) == NULL)
    {
      toast (self, error->message);
      return;
    }
  all = g_ptr_array_index (waterfall->segments, 0);
  remember (self);

  /* A plan over stages the workspace does not have (the default Inquiry …
   * Won against a Prospecting, Engaging, Won pipeline) takes the Funnel's
   * open and won stages instead */
  {
    guint known = 0;
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < self->input->n_stages; i++)
      for (guint s = 0; s < all->stages->len; s++)
        {
          TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
          if (g_ascii_strcasecmp (st->name, self->input->stages[i]) == 0 || g_ascii_strcasecmp (st->short_name, self->input->stages[i]) == 0)
            known++;
        }
    for (guint s = 0; s < all->stages->len && names->len < TANDEM_PLAN_MAX_STAGES; s++)
      {
        TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
        if (st->kind == TANDEM_STAGE_OPEN || st->kind == TANDEM_STAGE_WON)
          g_ptr_array_add (names, st->name);
      }
    g_ptr_array_add (names, NULL);
    if (known < 2 && names->len > 2 && tandem_plan_input_set_stages (self->input, (const char *const *) names->pdata, NULL))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);
        /* Translators: the stages the plan now has, "Prospecting, Engaging, Won" */
        g_autofree char *message = g_strdup_printf (_("The plan now has the Funnel's stages: %s"), list);
        toast (self, message);
      }
  }

  for (guint i = 0; i + 1 < self->input->n_stages; i++)
    {
      gint64 from = -1, to = -1;
      for (guint s = 0; s < all->stages->len; s++)
        {
          TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
          if (g_ascii_strcasecmp (st->name, self->input->stages[i]) == 0 || g_ascii_strcasecmp (st->short_name, self->input->stages[i]) == 0)
            from = st->reached;
          if (g_ascii_strcasecmp (st->name, self->input->stages[i + 1]) == 0 || g_ascii_strcasecmp (st->short_name, self->input->stages[i + 1]) == 0 ||
              (i + 2 == self->input->n_stages && st->kind == TANDEM_STAGE_WON))
            to = st->reached;
        }
      if (from > 0 && to >= 0 && to <= from)
        {
          self->input->rates[i] = (double) to / from;
          filled++;
        }
    }
  fill_form (self);
  recalculate (self);
  if (filled > 0)
    queue_draft (self);
  {
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Filled %u rate from the data (all time)",
                                                             "Filled %u rates from the data (all time)", filled), filled);
    toast (self, filled ? message : _("None of the plan's stages are in the Funnel's stages: rates left as they were"));
  }
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

  /* Nothing lost: a pending draft is written now */
  if (self->draft_id != 0)
    save_draft (self);
  G_OBJECT_CLASS (tandem_targets_page_parent_class)->dispose (object);
}

static void
tandem_targets_page_finalize (GObject *object)
{
  TandemTargetsPage *self = TANDEM_TARGETS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->input, tandem_plan_input_free);
  g_clear_pointer (&self->result, tandem_plan_result_unref);
  g_clear_pointer (&self->rate_spins, g_ptr_array_unref);
  g_clear_pointer (&self->scenarios, g_strfreev);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_free (self->error_text);
  g_free (self->steps);
  G_OBJECT_CLASS (tandem_targets_page_parent_class)->finalize (object);
}

static void
tandem_targets_page_class_init (TandemTargetsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_targets_page_dispose;
  object_class->finalize = tandem_targets_page_finalize;
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
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
  static const char *const modes[] = { N_("A revenue goal"), N_("A volume at a stage"), N_("Forward from a volume"), NULL };
  static const char *const periods[] = { N_("Month"), N_("Quarter"), N_("Year"), NULL };
  static const char *const roundings[] = { N_("Exact (fractions carried)"), N_("Up at every stage"), N_("To the nearest"), NULL };
  static const char *const option_titles[N_OPTIONS] = {
    N_("Win rate of pipeline (%)"), N_("Pipeline coverage (× quota)"), N_("Open pipeline today"),
    N_("Marketing-sourced share (%)"), N_("Cost per first-stage lead"), N_("Cost per second-stage lead"),
  };
  GtkWidget *leaflet = adw_leaflet_new ();
  GtkWidget *form_scroll = gtk_scrolled_window_new ();
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *results_scroll = gtk_scrolled_window_new ();
  GtkWidget *results = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *g, *button;
  g_autoptr(GtkStringList) none = gtk_string_list_new (NULL);

  self->rate_spins = g_ptr_array_new ();
  self->input = tandem_plan_input_new ();
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>s", "targets.save-scenario", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>d", "targets.duplicate-scenario", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>z", "targets.undo", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>z", "targets.redo", NULL);
  self->undo = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func (g_free);
  update_undo_actions (self);

  /* Scenario bar */
  self->scenario_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (none)), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->scenario_dropdown), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scenario_dropdown), _("Scenarios saved in the workspace"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->scenario_dropdown));
  button = gtk_button_new_from_icon_name ("document-save-symbolic");
  gtk_widget_set_tooltip_text (button, _("Save the Scenario…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "targets.save-scenario");
  gtk_box_append (GTK_BOX (bar), button);
  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (button, _("Duplicate: Keep These Numbers as a New Scenario"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "targets.duplicate-scenario");
  gtk_box_append (GTK_BOX (bar), button);
  button = gtk_button_new_from_icon_name ("view-dual-symbolic");
  gtk_widget_set_tooltip_text (button, _("Compare Scenarios…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "targets.compare");
  gtk_box_append (GTK_BOX (bar), button);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (button, _("Delete the Scenario"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "targets.delete-scenario");
  gtk_box_append (GTK_BOX (bar), button);
  self->to_results = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (self->to_results, _("Show the Plan"));
  gtk_widget_set_visible (self->to_results, FALSE);
  g_signal_connect_swapped (self->to_results, "clicked", G_CALLBACK (show_results), self);
  gtk_box_append (GTK_BOX (bar), self->to_results);
  gtk_box_append (GTK_BOX (form), bar);

  g = group (form, _("Goal"), NULL);
  self->mode_row = combo_row (g, _("Plan from"), modes);
  self->revenue_spin = spin_row (g, _("Revenue goal"), NULL, 0, TANDEM_PLAN_MAX_AMOUNT, 1000, 0, NULL);
  self->deal_size_spin = spin_row (g, _("Average deal size"), NULL, 0, TANDEM_PLAN_MAX_AMOUNT, 100, 0, NULL);
  self->anchor_row = combo_row (g, _("Stage"), NULL);
  self->anchor_spin = spin_row (g, _("Volume at that stage"), NULL, 0, TANDEM_PLAN_MAX_VOLUME, 1, 1, NULL);
  self->period_row = combo_row (g, _("Period"), periods);
  self->rounding_row = combo_row (g, _("Rounding"), roundings);

  self->rates_group = group (form, _("Conversion"), _("From each stage to the next"));
  button = gtk_button_new_with_mnemonic (_("Use _Actual Rates"));
  gtk_widget_set_tooltip_text (button, _("The conversion between these stages in this workspace's data, all time"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "targets.use-actual-rates");
  gtk_widget_add_css_class (button, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->rates_group), button);

  g = group (form, _("Pipeline, Share and Cost"), _("Switch on what the plan should take into account"));
  for (guint k = 0; k < N_OPTIONS; k++)
    {
      /* The plan's own bounds (win rate and share in percent) */
      double upper = k == OPT_PIPELINE ? TANDEM_PLAN_MAX_AMOUNT : k == OPT_COVERAGE ? TANDEM_PLAN_MAX_COVERAGE
                     : k == OPT_WIN_RATE || k == OPT_SHARE ? 100 : TANDEM_PLAN_MAX_COST;

      self->option_spins[k] = spin_row (g, _(option_titles[k]), NULL, 0, upper,
                                        k == OPT_COVERAGE ? 0.1 : 1, k == OPT_COVERAGE ? 2 : 1, &self->option_switches[k]);
      connect_spin (self, self->option_spins[k]);
      g_signal_connect_swapped (self->option_switches[k], "notify::active", G_CALLBACK (on_form_changed), self);
    }

  g = group (form, _("Capacity"), _("Heads, and the leads each can work a month (0 heads: not checked)"));
  self->team_spins[0] = spin_row (g, _("SDRs (work the second stage)"), NULL, 0, TANDEM_PLAN_MAX_HEADS, 1, 0, NULL);
  self->team_spins[1] = spin_row (g, _("Leads per SDR a month"), NULL, 0, TANDEM_PLAN_MAX_PER_HEAD, 10, 0, NULL);
  self->team_spins[2] = spin_row (g, _("AEs (work the stage before the last)"), NULL, 0, TANDEM_PLAN_MAX_HEADS, 1, 0, NULL);
  self->team_spins[3] = spin_row (g, _("Leads per AE a month"), NULL, 0, TANDEM_PLAN_MAX_PER_HEAD, 5, 0, NULL);
  for (guint k = 0; k < 4; k++)
    connect_spin (self, self->team_spins[k]);

  connect_spin (self, self->revenue_spin);
  connect_spin (self, self->deal_size_spin);
  connect_spin (self, self->anchor_spin);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->anchor_row, "notify::selected", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->rounding_row, "notify::selected", G_CALLBACK (on_form_changed), self);
  g_signal_connect_swapped (self->scenario_dropdown, "notify::selected", G_CALLBACK (on_scenario_selected), self);

  gtk_widget_set_margin_start (form, 12);
  gtk_widget_set_margin_end (form, 12);
  gtk_widget_set_margin_top (form, 12);
  gtk_widget_set_margin_bottom (form, 18);
  gtk_widget_set_size_request (form_scroll, 380, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (form_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (form_scroll), form);

  /* Results */
  self->to_form = gtk_button_new_with_mnemonic (_("_Inputs"));
  gtk_widget_set_halign (self->to_form, GTK_ALIGN_START);
  gtk_widget_set_visible (self->to_form, FALSE);
  g_signal_connect_swapped (self->to_form, "clicked", G_CALLBACK (show_form), self);
  gtk_box_append (GTK_BOX (results), self->to_form);
  self->headline = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->headline, TRUE);
  gtk_label_set_xalign (self->headline, 0);
  gtk_label_set_selectable (self->headline, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->headline), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (self->headline), "numeric");
  gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->headline));
  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->problem));
  self->funnel = TANDEM_CHART_VIEW (tandem_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->funnel), -1, 300);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->funnel), GTK_ACCESSIBLE_PROPERTY_LABEL, _("The plan's volumes"), -1);
  gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->funnel));
  self->steps_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->steps_label, TRUE);
  gtk_label_set_xalign (self->steps_label, 0);
  gtk_label_set_selectable (self->steps_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->steps_label), "numeric");
  gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->steps_label));
  self->facts = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->facts, TRUE);
  gtk_label_set_xalign (self->facts, 0);
  gtk_label_set_selectable (self->facts, TRUE);
  gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->facts));
  self->tornado = TANDEM_CHART_VIEW (tandem_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->tornado), -1, 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tornado), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What each improvement is worth"), -1);
  gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->tornado));
  {
    GtkWidget *heading = gtk_label_new (_("When leads must arrive"));
    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_box_append (GTK_BOX (results), heading);
  }
  self->schedule = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->schedule, 18);
  gtk_grid_set_row_spacing (self->schedule, 4);
  gtk_box_append (GTK_BOX (results), GTK_WIDGET (self->schedule));
  gtk_widget_set_margin_start (results, 18);
  gtk_widget_set_margin_end (results, 18);
  gtk_widget_set_margin_top (results, 12);
  gtk_widget_set_margin_bottom (results, 18);
  gtk_widget_set_hexpand (results_scroll, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (results_scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (results_scroll), results);

  adw_leaflet_append (ADW_LEAFLET (leaflet), form_scroll);
  adw_leaflet_append (ADW_LEAFLET (leaflet), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_append (ADW_LEAFLET (leaflet), results_scroll);
  adw_leaflet_set_can_navigate_back (ADW_LEAFLET (leaflet), TRUE);
  adw_bin_set_child (ADW_BIN (self), leaflet);
  self->leaflet = ADW_LEAFLET (leaflet);
  self->form_pane = form_scroll;
  self->results_pane = results_scroll;
  g_signal_connect_swapped (leaflet, "notify::folded", G_CALLBACK (on_folded), self);
  self->form = form;

  /* A worked example until a scenario is chosen */
  {
    g_autoptr(TandemPlanInput) example = tandem_plan_input_new_from_json (
      "{\"stages\": [\"Inquiry\", \"MQL\", \"SAL\", \"SQL\", \"Won\"], \"rates\": [0.1, 0.5, 0.6, 0.2],"
      " \"mode\": \"revenue\", \"revenue\": 2000000, \"deal_size\": 75000, \"rounding\": \"ceil\", \"period\": \"quarter\"}", -1, NULL);
    if (example != NULL)
      tandem_targets_page_set_input (self, example);
  }
}

void
tandem_targets_page_set_store (TandemTargetsPage *self,
                               TandemStore       *store)
{
  g_return_if_fail (TANDEM_IS_TARGETS_PAGE (self));

  if (self->draft_id != 0)
    save_draft (self);   /* into the workspace being left */
  g_set_object (&self->store, store);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_undo_actions (self);
  refresh_scenarios (self, NULL);
  if (self->store != NULL && restore_draft (self))
    return;
  /* The workspace's first scenario, if it has one */
  if (self->scenarios != NULL && self->scenarios[0] != NULL)
    gtk_drop_down_set_selected (self->scenario_dropdown, 1);
}

TandemPlanInput *
tandem_targets_page_get_input (TandemTargetsPage *self)
{
  return self->input;
}

void
tandem_targets_page_set_input (TandemTargetsPage     *self,
                               const TandemPlanInput *input)
{
  g_return_if_fail (TANDEM_IS_TARGETS_PAGE (self));

  tandem_plan_input_free (self->input);
  self->input = tandem_plan_input_copy (input);
  fill_form (self);
  recalculate (self);
}

TandemPlanResult *
tandem_targets_page_get_result (TandemTargetsPage *self)
{
  return self->result;
}

const char *
tandem_targets_page_get_error (TandemTargetsPage *self)
{
  return self->error_text;
}

const char *
tandem_targets_page_get_steps (TandemTargetsPage *self)
{
  return self->steps;
}

TandemChartView *
tandem_targets_page_get_chart (TandemTargetsPage *self)
{
  return self->funnel;
}

GtkSpinButton *
tandem_targets_page_get_revenue_spin (TandemTargetsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  return self->revenue_spin;
}

const char *
tandem_targets_page_get_scenario (TandemTargetsPage *self)
{
  guint k;

  g_return_val_if_fail (TANDEM_IS_TARGETS_PAGE (self), NULL);
  k = gtk_drop_down_get_selected (self->scenario_dropdown);
  return k > 0 && self->scenarios != NULL && k <= g_strv_length (self->scenarios) ? self->scenarios[k - 1] : NULL;
}
