/* tandem-funnel-page.c — the shared taxonomy and the demand waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stages are edited in a side panel (a flap that folds on a narrow
 * window): the stage list and the placing of leads on the stages.  What
 * they edit, the options chosen and the waterfall computed on a worker
 * thread are the page's TandemFunnelState; the page shows them.  The
 * chart is the charts' renderer; the table under it has the same numbers
 * and is the chart's accessible alternative.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-chart-data.h"
#include "tandem-chart-view.h"
#include "tandem-compat.h"
#include "tandem-export.h"
#include "tandem-funnel-mapping-editor.h"
#include "tandem-funnel-page.h"
#include "tandem-funnel-stage-list.h"
#include "tandem-periods.h"
#include "tandem-rows.h"
#include "tandem-shortcuts.h"

struct _TandemFunnelPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkDropDown     *period_dropdown;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;
  GtkDropDown     *mode_dropdown;
  GtkDropDown     *segment_dropdown;
  GtkCheckButton  *previous_check;
  GtkDropDown     *plan_dropdown;
  GtkLabel        *status_label;
  AdwFlap         *flap;
  TandemFunnelStageList *stage_list;
  GtkLabel        *taxonomy_error;
  GtkWidget       *save_button;
  TandemFunnelMappingEditor *mapping_editor;
  TandemChartView *chart;
  GtkGrid         *table;
  GtkScrolledWindow *table_scroller;
  guint            table_margin_id;

  TandemFunnelState *state;
  GStrv            scenarios;     /* the plan dropdown's, after "No plan" */
  GPtrArray       *periods;      /* TandemPeriod; the last is "Custom" */
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (TandemFunnelPage, tandem_funnel_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { TOAST, READY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void sync_period (TandemFunnelPage *self);

static void
toast (TandemFunnelPage *self,
       const char       *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* ---- Periods -------------------------------------------------------------- */

/* The data's periods (the data's, not the clock's: exports are often years
 * old), then Custom */
static void
fill_periods (TandemFunnelPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  TandemPeriod *custom = g_new0 (TandemPeriod, 1);

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  self->periods = tandem_periods_up_to (tandem_funnel_state_get_last_date (self->state));
  custom->label = g_strdup (_("Custom…"));
  g_ptr_array_add (self->periods, custom);
  for (guint k = 0; k < self->periods->len; k++)
    gtk_string_list_append (labels, ((TandemPeriod *) g_ptr_array_index (self->periods, k))->label);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  self->updating = FALSE;
  sync_period (self);
}

static void
fill_segments (TandemFunnelPage *self)
{
  GPtrArray *segments = tandem_funnel_state_get_segment_columns (self->state);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("All leads"));
  for (guint k = 0; k < segments->len; k++)
    {
      /* Translators: the segment dropdown: "By Lead Source" */
      g_autofree char *label = g_strdup_printf (_("By %s"), (const char *) g_ptr_array_index (segments, k));
      gtk_string_list_append (labels, label);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->segment_dropdown, 0);
  self->updating = FALSE;
}

/* The period dropdown shows the state's period: a listed one, or Custom
 * with its dates in the entries */
static void
sync_period (TandemFunnelPage *self)
{
  const char *from = tandem_funnel_state_get_period_from (self->state);
  const char *to = tandem_funnel_state_get_period_to (self->state);
  guint selected = gtk_drop_down_get_selected (self->period_dropdown), custom = self->periods->len - 1;
  const char *f = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *t = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));

  if (self->periods->len == 0 ||
      (selected < custom && tandem_period_is (g_ptr_array_index (self->periods, selected), from, to)) ||
      (selected == custom && g_strcmp0 (f[0] ? f : NULL, from) == 0 && g_strcmp0 (t[0] ? t : NULL, to) == 0))
    return;   /* shown already */
  for (selected = 0; selected < custom && !tandem_period_is (g_ptr_array_index (self->periods, selected), from, to); selected++)
    ;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  if (selected == custom)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from ? from : "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to ? to : "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->from_entry), selected == custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_entry), selected == custom);
  self->updating = FALSE;
}

static void
sync_mode (TandemFunnelPage *self)
{
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->mode_dropdown, tandem_funnel_state_get_mode (self->state) == TANDEM_WATERFALL_FLOW);
  self->updating = FALSE;
}

/* The period chosen, or the two entries of Custom */
static void
on_period_changed (TandemFunnelPage *self)
{
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  gboolean custom;

  if (self->updating || period >= self->periods->len)
    return;
  custom = period == self->periods->len - 1;
  gtk_widget_set_visible (GTK_WIDGET (self->from_entry), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_entry), custom);
  if (custom)
    tandem_funnel_state_set_period (self->state, gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
  else
    {
      TandemPeriod *p = g_ptr_array_index (self->periods, period);
      tandem_funnel_state_set_period (self->state, p->from, p->to);
    }
}

static void
on_mode_changed (TandemFunnelPage *self)
{
  if (!self->updating)
    tandem_funnel_state_set_mode (self->state, gtk_drop_down_get_selected (self->mode_dropdown) == 1
                                               ? TANDEM_WATERFALL_FLOW : TANDEM_WATERFALL_COHORT);
}

static const char *
chosen_segment (TandemFunnelPage *self)
{
  GPtrArray *segments = tandem_funnel_state_get_segment_columns (self->state);
  guint segment = gtk_drop_down_get_selected (self->segment_dropdown);

  return segment > 0 && segment - 1 < segments->len ? g_ptr_array_index (segments, segment - 1) : NULL;
}

static void
on_segment_changed (TandemFunnelPage *self)
{
  if (!self->updating)
    tandem_funnel_state_set_segment (self->state, chosen_segment (self));
}

static void
on_previous_toggled (TandemFunnelPage *self)
{
  if (!self->updating)
    tandem_funnel_state_set_previous (self->state, gtk_check_button_get_active (self->previous_check));
}

/* ---- The waterfall ------------------------------------------------------------ */

static char *
number_or_dash (double value,
                gboolean percent)
{
  if (isnan (value))
    return g_strdup ("—");
  if (percent && value > 1)
    return g_strdup_printf ("×%.1f", value);   /* flow: more arrived than at the stage before */
  if (percent)
    return tandem_chart_format_percent (value);
  return g_strdup_printf ("%.1f", value);
}

static void
show_waterfall (TandemFunnelPage *self)
{
  TandemWaterfall *w = tandem_funnel_state_get_waterfall (self->state);
  const char *plan_label = tandem_funnel_state_get_plan_label (self->state);
  TandemWaterfallChartData *data;
  g_autofree char *description = NULL;
  GtkWidget *child;
  int row = 0;
  /* Short headings, so that every column fits at 1280 px; the long name
   * is each heading's tooltip */
  static const struct { const char *heading, *tooltip; } headers[] = {
    { N_("Stage"), NULL },
    { N_("Reached"), N_("Leads that reached the stage") },
    /* Translators: a short table heading; the conversion from the stage before */
    { N_("Step"), N_("Conversion from the previous stage") },
    /* Translators: a short table heading; the conversion from the first stage */
    { N_("Overall"), N_("Conversion from the first stage") },
    /* Translators: a short table heading; median days from the stage before */
    { N_("Median d"), N_("Median days from the previous stage") },
    /* Translators: a short table heading; mean days from the stage before */
    { N_("Mean d"), N_("Mean days from the previous stage") },
    { N_("Open"), N_("Leads still at the stage") },
    { N_("Lost"), N_("Leads lost at the stage") },
    { N_("Recycled"), N_("Leads sent back to nurture from the stage") },
    /* Translators: a short table heading; entries dated before the stage before */
    { N_("Backdated"), N_("Entries dated before the previous stage (negative durations)") },
    { N_("Plan"), N_("The volume the Targets scenario plans") },
  };
  /* The plan is for the whole funnel: no column without one, nor by segment */
  guint n_headers = G_N_ELEMENTS (headers) - (plan_label == NULL || w->segments->len > 1);

  data = tandem_waterfall_chart_data_from (w);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  for (guint h = 0; h < n_headers; h++)
    tandem_grid_add_heading (self->table, (int) h + (w->segments->len > 1), row, _(headers[h].heading),
                             headers[h].tooltip ? _(headers[h].tooltip) : NULL);
  if (w->segments->len > 1)
    tandem_grid_add_text (self->table, 0, row, w->segment_field, TRUE);
  row++;

  for (guint s = 0; s < w->segments->len; s++)
    {
      TandemWaterfallSegment *seg = g_ptr_array_index (w->segments, s);
      int offset = w->segments->len > 1;

      for (guint i = 0; i < seg->stages->len; i++)
        {
          TandemWaterfallStage *st = &g_array_index (seg->stages, TandemWaterfallStage, i);
          g_autofree char *reached = tandem_chart_format_count (st->reached);
          g_autofree char *conv = number_or_dash (st->conversion_from_previous, TRUE);
          g_autofree char *first = number_or_dash (st->conversion_from_first, TRUE);
          g_autofree char *median = number_or_dash (st->median_days_from_previous, FALSE);
          g_autofree char *mean = number_or_dash (st->mean_days_from_previous, FALSE);
          g_autofree char *open = tandem_chart_format_count (st->open);
          g_autofree char *lost = tandem_chart_format_count (st->lost);
          g_autofree char *recycled = tandem_chart_format_count (st->recycled);
          g_autofree char *backwards = tandem_chart_format_count (st->negative_durations);
          GtkLabel *name;

          if (offset)
            tandem_grid_add_text (self->table, 0, row, i == 0 ? (seg->segment ? seg->segment : _("(empty)")) : "", FALSE);
          /* A long stage name gives way first, so the numbers fit
           * without scrolling; the whole name is its tooltip */
          name = tandem_grid_add_text (self->table, offset + 0, row, st->name, FALSE);
          gtk_label_set_ellipsize (name, PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (name, 5);
          gtk_widget_set_tooltip_text (GTK_WIDGET (name), st->name);
          tandem_grid_add_text (self->table, offset + 1, row, reached, FALSE);
          tandem_grid_add_text (self->table, offset + 2, row, conv, FALSE);
          tandem_grid_add_text (self->table, offset + 3, row, first, FALSE);
          tandem_grid_add_text (self->table, offset + 4, row, median, FALSE);
          tandem_grid_add_text (self->table, offset + 5, row, mean, FALSE);
          tandem_grid_add_text (self->table, offset + 6, row, open, FALSE);
          tandem_grid_add_text (self->table, offset + 7, row, lost, FALSE);
          tandem_grid_add_text (self->table, offset + 8, row, recycled, FALSE);
          tandem_grid_add_text (self->table, offset + 9, row, backwards, FALSE);
          if (n_headers == G_N_ELEMENTS (headers))
            {
              g_autofree char *planned = isnan (st->planned) ? g_strdup ("—") : g_strdup_printf ("%.1f", st->planned);
              tandem_grid_add_text (self->table, offset + 10, row, planned, FALSE);
            }
          row++;
        }
    }

  description = tandem_waterfall_dup_description (data);
  tandem_chart_view_set_chart (self->chart, tandem_waterfall_draw, data, (GDestroyNotify) tandem_waterfall_chart_data_free,
                               description);

  /* What the numbers rest on, and what they leave out */
  {
    g_autoptr(GString) status = g_string_new (NULL);
    /* Translators: where the funnel's stages come from: "stage history", "stage dates", "current stage" */
    g_string_append_printf (status, _("From the %s"),
                            w->source == TANDEM_FUNNEL_SOURCE_HISTORY ? _("stage history")
                            : w->source == TANDEM_FUNNEL_SOURCE_STAGE ? _("current-stage column")
                            : w->source == TANDEM_FUNNEL_SOURCE_OUTCOME ? _("outcome column") : _("stage dates"));
    if (plan_label != NULL)
      g_string_append_printf (status, w->segments->len > 1 ? _(" · plan %s: not drawn by segment") : _(" · plan: %s"),
                              plan_label);
    if (w->undated > 0)
      g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, " · %'lld lead without a date left out",
                                                   " · %'lld leads without a date left out", (gulong) w->undated),
                              (long long) w->undated);
    if (w->unplaced > 0)
      g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, " · %'lld lead on no stage",
                                                   " · %'lld leads on no stage", (gulong) w->unplaced),
                              (long long) w->unplaced);
    if (w->unmapped != NULL && w->unmapped->len > 0)
      {
        g_autofree char *names = NULL;
        g_ptr_array_add (w->unmapped, NULL);
        names = g_strjoinv (", ", (char **) w->unmapped->pdata);
        g_ptr_array_remove_index (w->unmapped, w->unmapped->len - 1);
        g_string_append_printf (status, _(" · no data for %s"), names);
        if (w->source != TANDEM_FUNNEL_SOURCE_HISTORY)
          g_string_append (status, _(" — choose their date columns under Placing Leads on Stages"));
      }
    gtk_label_set_label (self->status_label, status->str);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), status->str);
  }
}

static void
on_busy (TandemFunnelPage *self)
{
  if (tandem_funnel_state_get_busy (self->state))
    gtk_label_set_label (self->status_label, _("Counting…"));
}

/* A computation ended: its waterfall, or why there is none */
static void
on_computed (TandemFunnelPage *self)
{
  const char *error = tandem_funnel_state_get_error (self->state);

  if (error != NULL)
    {
      gtk_label_set_label (self->status_label, error);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), error);
      tandem_chart_view_set_chart (self->chart, NULL, NULL, NULL, error);
    }
  else if (tandem_funnel_state_get_waterfall (self->state) != NULL)
    show_waterfall (self);
  g_signal_emit (self, signals[READY], 0);
}

/* ---- The plan (a Targets scenario) ----------------------------------------- */

static void
sync_plan (TandemFunnelPage *self)
{
  const char *plan = tandem_funnel_state_get_plan (self->state);
  guint chosen = 0;

  for (guint k = 0; plan != NULL && self->scenarios != NULL && self->scenarios[k]; k++)
    if (g_str_equal (self->scenarios[k], plan))
      chosen = k + 1;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->plan_dropdown, chosen);
  self->updating = FALSE;
  if (tandem_funnel_state_get_waterfall (self->state) != NULL && !tandem_funnel_state_get_busy (self->state))
    show_waterfall (self);
}

static void
refresh_scenarios (TandemFunnelPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *plan = tandem_funnel_state_get_plan (self->state);

  g_clear_pointer (&self->scenarios, g_strfreev);
  self->scenarios = tandem_funnel_state_list_plans (self->state);
  gtk_string_list_append (names, _("No plan"));
  for (guint k = 0; self->scenarios[k]; k++)
    {
      /* Translators: a Targets scenario drawn as the waterfall's plan */
      g_autofree char *label = g_strdup_printf (_("Plan: %s"), self->scenarios[k]);
      gtk_string_list_append (names, label);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->plan_dropdown), self->scenarios[0] != NULL);
  self->updating = FALSE;
  if (plan != NULL && !g_strv_contains ((const char *const *) self->scenarios, plan))
    tandem_funnel_state_set_plan (self->state, NULL, NULL);   /* the scenario was deleted: no plan any more */
  else
    sync_plan (self);
}

static void
choose_plan (TandemFunnelPage *self,
             const char       *name)
{
  g_autoptr(GError) error = NULL;

  if (!tandem_funnel_state_set_plan (self->state, name, &error))
    {
      toast (self, error->message);
      sync_plan (self);
    }
}

static void
on_plan_selected (TandemFunnelPage *self)
{
  guint k = gtk_drop_down_get_selected (self->plan_dropdown);

  if (self->updating)
    return;
  choose_plan (self, k > 0 && self->scenarios != NULL && k <= g_strv_length (self->scenarios) ? self->scenarios[k - 1] : NULL);
}

/* A scenario's name; "" for no plan */
static void
set_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);

  refresh_scenarios (self);
  choose_plan (self, g_variant_get_string (parameter, NULL));
}

/* ---- Actions -------------------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);

  if (g_str_equal (action_name, "funnel.undo"))
    tandem_funnel_state_undo (self->state);
  else
    tandem_funnel_state_redo (self->state);
}

static void
discard_changes_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);

  tandem_funnel_state_discard (self->state);
  toast (self, _("Back to the saved stages"));
}

static void
save_stages_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (tandem_funnel_state_get_taxonomy (self->state) == NULL)
    return;
  if (!tandem_funnel_state_save (self->state, &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->taxonomy_error), TRUE);
      gtk_label_set_label (self->taxonomy_error, error->message);
      return;
    }
  toast (self, _("Saved the stages and where leads are placed into the workspace"));
}

static void
use_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  TandemTemplate template_;

  if (!tandem_template_from_string (g_variant_get_string (parameter, NULL), &template_) ||
      !tandem_funnel_state_use_template (self->state, template_, NULL))
    return;
  toast (self, _("Template loaded — edit it, then Save Stages to keep it"));
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tandem_funnel_state_add_stage (TANDEM_FUNNEL_PAGE (widget)->state, NULL);
}

static void
set_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  TandemFunnelSource source;

  if (tandem_funnel_state_get_taxonomy (self->state) == NULL)
    return;
  if (!tandem_funnel_source_from_string (g_variant_get_string (parameter, NULL), &source))
    {
      toast (self, _("Stages come from auto, dates, stage or history"));
      return;
    }
  tandem_funnel_state_set_source (self->state, source, NULL);
}

static void
set_implied_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);

  if (tandem_funnel_state_get_taxonomy (self->state) != NULL)
    tandem_funnel_state_set_implied (self->state, g_variant_get_boolean (parameter), NULL);
}

/* funnel.set-stage-date ("MQL", "first_contact_date"), an empty column:
 * automatic; funnel.set-stage-value ("Closed Won", "Customer"), an empty
 * stage: automatic */
static void
set_mapping_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *first, *second;
  gboolean done;

  if (tandem_funnel_state_get_taxonomy (self->state) == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &first, &second);
  if (g_str_equal (action_name, "funnel.set-stage-date"))
    done = tandem_funnel_state_set_stage_date (self->state, first, second, &error);
  else
    done = tandem_funnel_state_set_value_stage (self->state, first, second, &error);
  if (!done)
    toast (self, error->message);
}

static void
update_actions (TandemFunnelPage *self)
{
  const char *problem = tandem_funnel_state_get_taxonomy_error (self->state);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "funnel.undo", tandem_funnel_state_get_can_undo (self->state));
  gtk_widget_action_set_enabled (widget, "funnel.redo", tandem_funnel_state_get_can_redo (self->state));
  gtk_widget_action_set_enabled (widget, "funnel.discard-changes", tandem_funnel_state_get_edited (self->state));
  gtk_widget_action_set_enabled (widget, "funnel.save-stages", problem == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->taxonomy_error), problem != NULL);
  if (problem != NULL)
    gtk_label_set_label (self->taxonomy_error, problem);
}

/* The workspace's stages and values were read (again) */
static void
on_loaded (TandemFunnelPage *self)
{
  gboolean has_stages = tandem_funnel_state_get_taxonomy (self->state) != NULL;

  gtk_stack_set_visible_child_name (self->stack, has_stages ? "funnel" : "empty");
  if (!has_stages)
    return;
  refresh_scenarios (self);
  fill_segments (self);
  fill_periods (self);
}

/* ---- Export ---------------------------------------------------------------- */

static gboolean
write_waterfall (gpointer                    owner,
                 const char                 *path,
                 const TandemExportOptions  *options,
                 GError                    **error)
{
  TandemFunnelPage *self = owner;
  gpointer data = tandem_chart_view_get_data (self->chart);

  if (data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("There is no waterfall to export yet"));
      return FALSE;
    }
  return tandem_export_write (path, options, tandem_waterfall_draw, data, error);
}

static void
report_export (gpointer      owner,
               const char   *file_name,
               const GError *error)
{
  g_autofree char *message = error ? NULL : g_strdup_printf (_("Saved the waterfall as %s"), file_name);

  toast (owner, error ? error->message : message);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const TandemExportOptions options = {
    .title = _("Export the Waterfall"),
    .suggested_name = _("waterfall.png"),
    .width = 1280,
    .height = 720,
    .scale = 2,
    .theme = TANDEM_CHART_THEME_LIGHT,
  };

  if (tandem_chart_view_get_data (TANDEM_FUNNEL_PAGE (widget)->chart) == NULL)
    return;   /* nothing drawn yet */
  tandem_export_chart (GTK_WINDOW (gtk_widget_get_root (widget)), G_OBJECT (widget), &options,
                       write_waterfall, report_export);
}

/* ---- GObject ---------------------------------------------------------------- */

/* A table wider than the page scrolls sideways, and its scroll bar takes
 * room under the last row, which GTK 4.8 does not add to the scroller's
 * height: the table makes that room itself (after the allocation that
 * found it too wide, never during it) */
static gboolean
fit_table_margin (gpointer data)
{
  TandemFunnelPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->table_scroller);
  int height = 0;

  self->table_margin_id = 0;
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment) >
      gtk_adjustment_get_page_size (adjustment) + 0.5)
    gtk_widget_measure (gtk_scrolled_window_get_hscrollbar (self->table_scroller), GTK_ORIENTATION_VERTICAL, -1,
                        NULL, &height, NULL, NULL);
  if (gtk_widget_get_margin_bottom (GTK_WIDGET (self->table)) != height)
    gtk_widget_set_margin_bottom (GTK_WIDGET (self->table), height);
  return G_SOURCE_REMOVE;
}

static void
on_table_width (TandemFunnelPage *self)
{
  if (self->table_margin_id == 0)
    self->table_margin_id = g_idle_add (fit_table_margin, self);
}

static void
tandem_funnel_page_dispose (GObject *object)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (object);

  g_clear_handle_id (&self->table_margin_id, g_source_remove);
  if (self->state != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->state, self);
      /* Nothing lost: a pending draft is written now */
      tandem_funnel_state_flush (self->state, NULL);
      tandem_funnel_state_cancel (self->state);
    }
  G_OBJECT_CLASS (tandem_funnel_page_parent_class)->dispose (object);
  g_clear_object (&self->state);
}

static void
tandem_funnel_page_finalize (GObject *object)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (object);

  g_clear_pointer (&self->scenarios, g_strfreev);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  G_OBJECT_CLASS (tandem_funnel_page_parent_class)->finalize (object);
}

static void
tandem_funnel_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, tandem_funnel_state_get_store (self->state));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_funnel_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_funnel_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_funnel_page_class_init (TandemFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_funnel_page_dispose;
  object_class->finalize = tandem_funnel_page_finalize;
  object_class->get_property = tandem_funnel_page_get_property;
  object_class->set_property = tandem_funnel_page_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  g_type_ensure (TANDEM_TYPE_CHART_VIEW);
  g_type_ensure (TANDEM_TYPE_FUNNEL_STAGE_LIST);
  g_type_ensure (TANDEM_TYPE_FUNNEL_MAPPING_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-funnel-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, previous_check);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, flap);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, stage_list);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, taxonomy_error);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, mapping_editor);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, chart);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, table);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, table_scroller);
  gtk_widget_class_bind_template_child_full (widget_class, "chart_menu", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "funnel.save-stages", NULL, save_stages_action);
  gtk_widget_class_install_action (widget_class, "funnel.use-template", "s", use_template_action);
  gtk_widget_class_install_action (widget_class, "funnel.add-stage", NULL, add_stage_action);
  gtk_widget_class_install_action (widget_class, "funnel.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "funnel.set-source", "s", set_source_action);
  gtk_widget_class_install_action (widget_class, "funnel.set-plan", "s", set_plan_action);
  gtk_widget_class_install_action (widget_class, "funnel.discard-changes", NULL, discard_changes_action);
  gtk_widget_class_install_action (widget_class, "funnel.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "funnel.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "funnel.set-implied", "b", set_implied_action);
  gtk_widget_class_install_action (widget_class, "funnel.set-stage-date", "(ss)", set_mapping_action);
  gtk_widget_class_install_action (widget_class, "funnel.set-stage-value", "(ss)", set_mapping_action);
}

static void
tandem_funnel_page_init (TandemFunnelPage *self)
{
  static const char *const follows[] = { "can-undo", "can-redo", "edited", "taxonomy-error" };

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>s", "funnel.save-stages", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>z", "funnel.undo", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>z", "funnel.redo", NULL);
  self->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_period_free);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->table_scroller), "changed",
                           G_CALLBACK (on_table_width), self, G_CONNECT_SWAPPED);

  self->state = g_object_new (TANDEM_TYPE_FUNNEL_STATE, NULL);
  tandem_state_view_set_state (TANDEM_STATE_VIEW (self->stage_list), G_OBJECT (self->state));
  tandem_state_view_set_state (TANDEM_STATE_VIEW (self->mapping_editor), G_OBJECT (self->state));
  for (guint k = 0; k < G_N_ELEMENTS (follows); k++)
    {
      g_autofree char *signal = g_strconcat ("notify::", follows[k], NULL);
      g_signal_connect_object (self->state, signal, G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->state, "notify::busy", G_CALLBACK (on_busy), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::last-date", G_CALLBACK (fill_periods), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::period-from", G_CALLBACK (sync_period), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::period-to", G_CALLBACK (sync_period), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::mode", G_CALLBACK (sync_mode), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::plan-label", G_CALLBACK (sync_plan), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "computed", G_CALLBACK (on_computed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "loaded", G_CALLBACK (on_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "message", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  update_actions (self);

  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (on_period_changed), self);
  g_signal_connect_swapped (self->mode_dropdown, "notify::selected", G_CALLBACK (on_mode_changed), self);
  g_signal_connect_swapped (self->segment_dropdown, "notify::selected", G_CALLBACK (on_segment_changed), self);
  g_signal_connect_swapped (self->previous_check, "toggled", G_CALLBACK (on_previous_toggled), self);
  g_signal_connect_swapped (self->plan_dropdown, "notify::selected", G_CALLBACK (on_plan_selected), self);
  /* Scenarios are saved on the Targets page: list them afresh when shown */
  g_signal_connect (self, "map", G_CALLBACK (refresh_scenarios), NULL);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (on_period_changed), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (on_period_changed), self);
}

void
tandem_funnel_page_set_store (TandemFunnelPage *self,
                              TandemStore      *store)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_PAGE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (tandem_funnel_state_get_store (self->state) == store)
    {
      tandem_funnel_page_reload (self);   /* as before: the same workspace read again */
      return;
    }
  tandem_funnel_state_set_store (self->state, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TandemStore *
tandem_funnel_page_get_store (TandemFunnelPage *self)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_PAGE (self), NULL);

  return tandem_funnel_state_get_store (self->state);
}

void
tandem_funnel_page_reload (TandemFunnelPage *self)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_PAGE (self));

  tandem_funnel_state_reload (self->state);
}

TandemFunnelState *
tandem_funnel_page_get_state (TandemFunnelPage *self)
{
  g_return_val_if_fail (TANDEM_IS_FUNNEL_PAGE (self), NULL);

  return self->state;
}

gboolean
tandem_funnel_page_is_busy (TandemFunnelPage *self)
{
  return tandem_funnel_state_get_busy (self->state);
}

TandemWaterfall *
tandem_funnel_page_get_waterfall (TandemFunnelPage *self)
{
  return tandem_funnel_state_get_waterfall (self->state);
}

const TandemTaxonomy *
tandem_funnel_page_get_taxonomy (TandemFunnelPage *self)
{
  return tandem_funnel_state_get_taxonomy (self->state);
}

TandemChartView *
tandem_funnel_page_get_chart (TandemFunnelPage *self)
{
  return self->chart;
}

const TandemFunnelMapping *
tandem_funnel_page_get_mapping (TandemFunnelPage *self)
{
  return tandem_funnel_state_get_mapping (self->state);
}

const char *
tandem_funnel_page_get_status (TandemFunnelPage *self)
{
  return gtk_label_get_label (self->status_label);
}

void
tandem_funnel_page_set_options (TandemFunnelPage *self,
                                guint             period,
                                gboolean          flow,
                                const char       *segment)
{
  GPtrArray *segments = tandem_funnel_state_get_segment_columns (self->state);
  TandemPeriod *p;
  guint seg = 0;

  g_return_if_fail (TANDEM_IS_FUNNEL_PAGE (self));
  g_return_if_fail (self->periods->len > 0);

  for (guint k = 0; segment && k < segments->len; k++)
    if (g_str_equal (g_ptr_array_index (segments, k), segment))
      seg = k + 1;
  period = MIN (period, self->periods->len - 1);
  p = g_ptr_array_index (self->periods, period);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, period);
  gtk_drop_down_set_selected (self->segment_dropdown, seg);
  self->updating = FALSE;
  tandem_funnel_state_set_options (self->state, p->from, p->to, flow ? TANDEM_WATERFALL_FLOW : TANDEM_WATERFALL_COHORT,
                                   chosen_segment (self));
}

const char *
tandem_funnel_page_get_period (TandemFunnelPage *self,
                               guint             period,
                               const char      **from,
                               const char      **to)
{
  TandemPeriod *p;

  if (period >= self->periods->len)
    return NULL;
  p = g_ptr_array_index (self->periods, period);
  *from = p->from;
  *to = p->to;
  return p->label;
}
