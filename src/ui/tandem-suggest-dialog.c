/* tandem-suggest-dialog.c — Suggest from Outcomes: rules fitted to which leads were won
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Scoring page's way to a first model: the scoring state fits rules
 * on a worker thread (progress here, Cancel stops it), and the dialog
 * shows what came out — each rule with its points, how many training
 * leads it touches and its lift, the back-test on the held-out leads
 * beside the live model's, and the columns left out with the reason.
 * "Use as Draft" makes it the draft, one undo step; nothing is written
 * to the workspace before that.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-chart.h"
#include "tandem-rows.h"
#include "tandem-suggest-dialog.h"

struct _TandemSuggestDialog
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toasts;
  AdwComboRow        *outcome_row;
  TandemSpinRow      *max_rules;
  TandemSpinRow      *holdout;
  GtkStack           *stack;
  GtkProgressBar     *progress;
  AdwStatusPage      *failed_page;
  AdwPreferencesGroup *backtest_group;
  GtkGrid            *backtest_grid;
  AdwPreferencesGroup *groups[TANDEM_N_DIMENSIONS];
  AdwPreferencesGroup *excluded_group;

  TandemScoringState *state;
  GStrv               outcomes;     /* the combo's choices after "Automatic" */
  GPtrArray          *rows;         /* the rows added to the groups, to remove on a new fit */
  GCancellable       *cancellable;
  TandemSuggestion   *suggestion;
  char               *failure;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (TandemSuggestDialog, tandem_suggest_dialog, ADW_TYPE_WINDOW)

static void run_fit (TandemSuggestDialog *self);

static void
update_actions (TandemSuggestDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "suggest.accept", !self->busy && self->suggestion != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "suggest.run", !self->busy);
}

static void
clear_result (TandemSuggestDialog *self)
{
  for (guint k = 0; k < self->rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, k);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (g_object_get_data (G_OBJECT (row), "group")), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->backtest_grid)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      gtk_grid_remove (self->backtest_grid, child);
      child = next;
    }
  g_clear_pointer (&self->suggestion, tandem_suggestion_unref);
  g_clear_pointer (&self->failure, g_free);
}

static void
add_row (TandemSuggestDialog *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  /* A column's or a value's own name is no markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  g_object_set_data (G_OBJECT (row), "group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static char *
format_ratio (double value)
{
  return isfinite (value) ? g_strdup_printf ("×%.2f", value) : g_strdup ("—");
}

static char *
format_auc (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.3f", value) : g_strdup ("—");
}

static void
show_backtest (TandemSuggestDialog *self)
{
  const TandemBacktest *tests[2] = { tandem_suggestion_get_backtest (self->suggestion),
                                     tandem_suggestion_get_live_backtest (self->suggestion) };
  const char *live_name = tandem_suggestion_get_live_name (self->suggestion);
  guint columns = tests[1] != NULL ? 2 : 1, n_train, n_holdout;
  g_autofree char *base = tandem_chart_format_percent (tests[0]->base_rate);
  g_autofree char *description = NULL;
  guint64 seed;
  double holdout;

  tandem_suggestion_get_split (self->suggestion, &seed, &holdout, &n_train, &n_holdout);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "On %u held-out lead the fit never saw; %s of them were won",
                                              "On %u held-out leads the fit never saw; %s of them were won",
                                              tests[0]->leads),
                                 tests[0]->leads, base);
  adw_preferences_group_set_description (self->backtest_group, description);

  tandem_grid_add_text (self->backtest_grid, 1, 0, _("Suggested"), TRUE);
  if (columns == 2)
    tandem_grid_add_text (self->backtest_grid, 2, 0, live_name ? live_name : _("Live model"), TRUE);
  tandem_grid_add_text (self->backtest_grid, 0, 1, _("Ranking (AUC, 0.5 is chance)"), FALSE);
  tandem_grid_add_text (self->backtest_grid, 0, 2, _("Best-scored 10 %: conversion against all"), FALSE);
  tandem_grid_add_text (self->backtest_grid, 0, 3, _("Leads in MQL cells"), FALSE);
  tandem_grid_add_text (self->backtest_grid, 0, 4, _("MQL conversion"), FALSE);
  for (guint c = 0; c < columns; c++)
    {
      const TandemBacktest *t = tests[c];
      g_autofree char *auc = format_auc (t->auc);
      g_autofree char *lift = format_ratio (t->top_decile_lift);
      g_autofree char *share = tandem_chart_format_percent (t->mql_share);
      g_autofree char *conversion = tandem_chart_format_percent (t->mql_conversion);
      g_autofree char *against = isfinite (t->mql_conversion) && t->base_rate > 0 ?
        /* Translators: MQL conversion and how many times the base rate it is, "18.2 % (×3.10)" */
        g_strdup_printf (_("%s (×%.2f)"), conversion, t->mql_conversion / t->base_rate) : g_strdup (conversion);

      tandem_grid_add_text (self->backtest_grid, c + 1, 1, auc, FALSE);
      tandem_grid_add_text (self->backtest_grid, c + 1, 2, lift, FALSE);
      tandem_grid_add_text (self->backtest_grid, c + 1, 3, share, FALSE);
      tandem_grid_add_text (self->backtest_grid, c + 1, 4, against, FALSE);
    }
}

static void
show_rules (TandemSuggestDialog *self)
{
  TandemModel *model = tandem_suggestion_get_model (self->suggestion);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;

      if (rules->len == 0)
        add_row (self, self->groups[d], _("No rule"), _("Nothing in this dimension separated won from lost leads"), NULL);
      for (guint k = 0; k < rules->len; k++)
        {
          const TandemRule *rule = g_ptr_array_index (rules, k);
          const TandemSuggestedRule *info = tandem_suggestion_get_rule (self->suggestion, d, k);
          g_autofree char *sentence = tandem_rule_dup_sentence (rule);
          g_autofree char *points = g_strdup_printf ("%+.0f", rule->points);
          g_autofree char *lift = format_ratio (info->lift);
          g_autofree char *subtitle =
            /* Translators: a suggested rule: training leads it touches, its lift, and why fit or interest */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lead in training · lift %s · %s",
                                          "%u leads in training · lift %s · %s", info->support),
                             info->support, lift, info->why);
          add_row (self, self->groups[d], sentence, subtitle, points);
        }
    }
}

static void
show_excluded (TandemSuggestDialog *self)
{
  GPtrArray *excluded = tandem_suggestion_get_excluded (self->suggestion);

  gtk_widget_set_visible (GTK_WIDGET (self->excluded_group), excluded->len > 0);
  for (guint k = 0; k < excluded->len; k++)
    {
      const TandemExcludedColumn *e = g_ptr_array_index (excluded, k);
      g_autofree char *reason = e->included ?
        /* Translators: a flagged column the user chose to use anyway */
        g_strdup_printf (_("%s — used anyway, as asked"), e->reason) : g_strdup (e->reason);
      add_row (self, self->excluded_group, e->column, reason, NULL);
    }
}

static void
on_progress (double      fraction,
             const char *what,
             gpointer    user_data)
{
  TandemSuggestDialog *self = user_data;

  if (!self->busy)
    return;
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->progress, what);
}

static void
on_fitted (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TandemSuggestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  TandemSuggestion *suggestion = tandem_scoring_state_suggest_finish (TANDEM_SCORING_STATE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* closed, or a newer fit started */
  self->busy = FALSE;
  clear_result (self);
  if (suggestion == NULL)
    {
      self->failure = g_strdup (error->message);
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
    }
  else
    {
      self->suggestion = suggestion;
      show_backtest (self);
      show_rules (self);
      show_excluded (self);
      gtk_stack_set_visible_child_name (self->stack, "result");
    }
  update_actions (self);
}

static void
run_fit (TandemSuggestDialog *self)
{
  TandemSuggestOptions options;
  guint selected = adw_combo_row_get_selected (self->outcome_row);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_result (self);

  tandem_suggest_options_init (&options);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < g_strv_length (self->outcomes))
    options.outcome = self->outcomes[selected - 1];
  options.max_rules = (guint) tandem_spin_row_get_value (self->max_rules);
  options.holdout = tandem_spin_row_get_value (self->holdout) / 100;

  self->busy = TRUE;
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Starting"));
  gtk_stack_set_visible_child_name (self->stack, "running");
  update_actions (self);
  tandem_scoring_state_suggest_async (self->state, &options, self->cancellable, on_progress, self,
                                      on_fitted, g_object_ref (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  run_fit (TANDEM_SUGGEST_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemSuggestDialog *self = TANDEM_SUGGEST_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->suggestion == NULL)
    return;
  if (!tandem_scoring_state_accept_suggestion (self->state, self->suggestion, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* "Automatic", then the columns an outcome can come from */
static void
fill_outcomes (TandemSuggestDialog *self)
{
  TandemStore *store = tandem_scoring_state_get_store (self->state);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  gtk_string_list_append (list, _("Automatic: the outcome column, or the won stage"));
  if (store != NULL)
    {
      g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);

      for (guint k = 0; k < columns->len; k++)
        {
          const TandemColumn *c = g_ptr_array_index (columns, k);
          if (c->type != TANDEM_COLUMN_BOOLEAN && c->type != TANDEM_COLUMN_TEXT && c->type != TANDEM_COLUMN_NUMBER)
            continue;
          if (g_strcmp0 (c->role, "id") == 0)
            continue;
          gtk_string_list_append (list, c->name);
          g_strv_builder_add (names, c->name);
        }
    }
  self->outcomes = g_strv_builder_end (names);
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->outcome_row, 0);
}

static void
tandem_suggest_dialog_dispose (GObject *object)
{
  TandemSuggestDialog *self = TANDEM_SUGGEST_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_SUGGEST_DIALOG);
  G_OBJECT_CLASS (tandem_suggest_dialog_parent_class)->dispose (object);
}

static void
tandem_suggest_dialog_finalize (GObject *object)
{
  TandemSuggestDialog *self = TANDEM_SUGGEST_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->state);
  g_clear_pointer (&self->suggestion, tandem_suggestion_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_strfreev (self->outcomes);
  g_free (self->failure);
  G_OBJECT_CLASS (tandem_suggest_dialog_parent_class)->finalize (object);
}

static void
tandem_suggest_dialog_class_init (TandemSuggestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_suggest_dialog_dispose;
  object_class->finalize = tandem_suggest_dialog_finalize;

  g_type_ensure (TANDEM_TYPE_SPIN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-suggest-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, max_rules);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, holdout);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, backtest_group);
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, backtest_grid);
  gtk_widget_class_bind_template_child_full (widget_class, "fit_group", FALSE,
                                             G_STRUCT_OFFSET (TandemSuggestDialog, groups[TANDEM_DIMENSION_FIT]));
  gtk_widget_class_bind_template_child_full (widget_class, "interest_group", FALSE,
                                             G_STRUCT_OFFSET (TandemSuggestDialog, groups[TANDEM_DIMENSION_INTEREST]));
  gtk_widget_class_bind_template_child (widget_class, TandemSuggestDialog, excluded_group);

  gtk_widget_class_install_action (widget_class, "suggest.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "suggest.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "suggest.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "suggest.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "suggest.accept", NULL);
}

static void
tandem_suggest_dialog_init (TandemSuggestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
tandem_suggest_dialog_new (GtkWindow          *parent,
                           TandemScoringState *state)
{
  TandemSuggestDialog *self = g_object_new (TANDEM_TYPE_SUGGEST_DIALOG, "transient-for", parent, NULL);

  self->state = g_object_ref (state);
  fill_outcomes (self);
  run_fit (self);
  return GTK_WIDGET (self);
}

gboolean
tandem_suggest_dialog_is_busy (TandemSuggestDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_SUGGEST_DIALOG (self), FALSE);
  return self->busy;
}

TandemSuggestion *
tandem_suggest_dialog_get_suggestion (TandemSuggestDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_SUGGEST_DIALOG (self), NULL);
  return self->suggestion;
}

const char *
tandem_suggest_dialog_get_failure (TandemSuggestDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_SUGGEST_DIALOG (self), NULL);
  return self->failure;
}
