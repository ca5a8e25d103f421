/* tandem-funnel-page.c — the shared taxonomy and the demand waterfall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stages are edited in a side panel (a flap that folds on a narrow
 * window); the waterfall is computed on a worker thread from the stages
 * as they are being edited, so a change shows at once, and Save Stages
 * writes them into the workspace.  The chart is the charts' renderer; the
 * table under it has the same numbers and is the chart's accessible
 * alternative.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-chart-view.h"
#include "tandem-compat.h"
#include "tandem-funnel-page.h"
#include "tandem-funnel.h"
#include "tandem-shortcuts.h"
#include "tandem-chart-data.h"
#include "tandem-plan.h"
#include "tandem-scenario.h"

typedef struct
{
  char *label;
  char *from;   /* NULL: unbounded */
  char *to;
} Period;

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
  GtkListBox      *stage_list;
  GtkLabel        *taxonomy_error;
  GtkWidget       *save_button;
  GtkLabel        *mapping_label;
  GtkListBox      *mapping_list;
  TandemChartView *chart;
  GtkGrid         *table;

  TandemStore     *store;
  TandemTaxonomy  *taxonomy;     /* as edited */
  TandemFunnelMapping *mapping;  /* as edited */
  gboolean         dirty;        /* edited since loaded or saved */
  gboolean         edited;       /* … by the user: kept as a draft in the workspace */
  guint            draft_id;     /* the draft's pending save */
  GPtrArray       *undo;         /* Snapshot: the states before each edit, oldest first */
  GPtrArray       *redo;
  char            *last_edit;    /* what the last snapshot was for: typing in one field coalesces */
  gint64           last_edit_at;
  GPtrArray       *date_columns; /* char *: the workspace's date columns */
  GPtrArray       *stage_values; /* StageValue: what the history or the stage column says, most frequent first */
  GPtrArray       *history_values;
  GStrv            scenarios;     /* the plan dropdown's, after "No plan" */
  TandemFunnelPlan *plan;         /* the chosen scenario's volumes, or NULL */
  char            *plan_label;    /* "Quarterly plan (a quarter)" */
  guint            pending_plan_months;  /* a plan chosen before the data's periods were known */
  gboolean         has_history;
  gboolean         has_stage_column;
  gboolean         dates_expanded;
  gboolean         values_expanded;
  guint            rebuild_mapping_id;
  GPtrArray       *periods;      /* Period; the last is "Custom" */
  GPtrArray       *segments;     /* char *: column names; index 0 of the dropdown is "none" */
  TandemWaterfall *waterfall;    /* the last result */
  GCancellable    *cancellable;
  guint            generation;
  gboolean         busy;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (TandemFunnelPage, tandem_funnel_page, ADW_TYPE_BIN)

enum { TOAST, READY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void compute (TandemFunnelPage *self);
static void stages_changed (TandemFunnelPage *self);
static void queue_draft (TandemFunnelPage *self);
static void drop_draft (TandemFunnelPage *self);
static void save_draft (TandemFunnelPage *self);
static void on_plan_selected (TandemFunnelPage *self);
static void show_plan_period (TandemFunnelPage *self,
                              guint             months);
static void show_waterfall (TandemFunnelPage *self);
static void rebuild_stage_rows (TandemFunnelPage *self);

typedef struct
{
  char   *value;
  gint64  count;
} StageValue;

/* The stages and the placing, as JSON, at one moment */
typedef struct
{
  char *stages;
  char *mapping;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->stages);
  g_free (snapshot->mapping);
  g_free (snapshot);
}

static void
stage_value_free (StageValue *v)
{
  g_free (v->value);
  g_free (v);
}

static void rebuild_mapping_rows (TandemFunnelPage *self);

static void
period_free (Period *p)
{
  g_free (p->label);
  g_free (p->from);
  g_free (p->to);
  g_free (p);
}

static void
toast (TandemFunnelPage *self,
       const char       *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* ---- Periods -------------------------------------------------------------- */

static void
add_period (GPtrArray  *periods,
            const char *label,
            GDate      *from,
            GDate      *to)
{
  Period *p = g_new0 (Period, 1);
  char buf[16];

  p->label = g_strdup (label);
  if (from)
    {
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", from);
      p->from = g_strdup (buf);
    }
  if (to)
    {
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", to);
      p->to = g_strdup (buf);
    }
  g_ptr_array_add (periods, p);
}

/* All time, then the months, quarters and years up to the data's last
 * date (the data, not the clock: exports are often years old), then
 * Custom. */
static void
fill_periods (TandemFunnelPage *self,
              const char       *last_date)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GDate last, from, to;

  g_ptr_array_set_size (self->periods, 0);
  add_period (self->periods, _("All time"), NULL, NULL);
  g_date_clear (&last, 1);
  if (last_date != NULL)
    g_date_set_parse (&last, last_date);
  if (last_date != NULL && strlen (last_date) >= 10)
    g_date_set_dmy (&last, (GDateDay) atoi (last_date + 8), (GDateMonth) atoi (last_date + 5), (GDateYear) atoi (last_date));
  if (g_date_valid (&last))
    {
      int year = g_date_get_year (&last), quarter = (g_date_get_month (&last) - 1) / 3;

      for (int k = 0; k < 6; k++)
        {
          int month0 = (int) g_date_get_month (&last) - 1 - k, y = year;
          char label[64];
          while (month0 < 0)
            month0 += 12, y--;
          g_date_clear (&from, 1);
          g_date_set_dmy (&from, 1, (GDateMonth) (month0 + 1), (GDateYear) y);
          to = from;
          g_date_set_day (&to, g_date_get_days_in_month ((GDateMonth) (month0 + 1), (GDateYear) y));
          g_date_strftime (label, sizeof label, "%B %Y", &from);
          add_period (self->periods, label, &from, &to);
        }
      for (int k = 0; k < 8; k++)
        {
          int q = quarter - k, y = year;
          g_autofree char *label = NULL;
          while (q < 0)
            q += 4, y--;
          g_date_clear (&from, 1);
          g_date_set_dmy (&from, 1, (GDateMonth) (q * 3 + 1), (GDateYear) y);
          g_date_clear (&to, 1);
          g_date_set_dmy (&to, 1, (GDateMonth) (q * 3 + 3), (GDateYear) y);
          g_date_set_day (&to, g_date_get_days_in_month ((GDateMonth) (q * 3 + 3), (GDateYear) y));
          /* Translators: a quarter, e.g. "2018 Q2" */
          label = g_strdup_printf (_("%d Q%d"), y, q + 1);
          add_period (self->periods, label, &from, &to);
        }
      for (int k = 0; k < 3; k++)
        {
          g_autofree char *label = g_strdup_printf ("%d", year - k);
          g_date_clear (&from, 1);
          g_date_set_dmy (&from, 1, G_DATE_JANUARY, (GDateYear) (year - k));
          g_date_clear (&to, 1);
          g_date_set_dmy (&to, 31, G_DATE_DECEMBER, (GDateYear) (year - k));
          add_period (self->periods, label, &from, &to);
        }
    }
  add_period (self->periods, _("Custom…"), NULL, NULL);
  for (guint k = 0; k < self->periods->len; k++)
    gtk_string_list_append (labels, ((Period *) g_ptr_array_index (self->periods, k))->label);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->period_dropdown, 0);
  self->updating = FALSE;
}

static void
fill_segments (TandemFunnelPage *self)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (self->store);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->segments, 0);
  gtk_string_list_append (labels, _("All leads"));
  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *c = g_ptr_array_index (columns, k);
      g_autofree char *label = NULL;
      if (c->type != TANDEM_COLUMN_TEXT || g_strcmp0 (c->role, "id") == 0 || g_strcmp0 (c->role, "stage") == 0)
        continue;
      /* Translators: the segment dropdown: "By Lead Source" */
      label = g_strdup_printf (_("By %s"), c->name);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->segments, g_strdup (c->name));
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->segment_dropdown, 0);
  self->updating = FALSE;
}

/* ---- Computing, on a worker thread ---------------------------------------- */

typedef struct
{
  TandemStore            *store;
  TandemTaxonomy         *taxonomy;
  TandemWaterfallOptions  options;
  char                   *from, *to, *segment;
  guint                   generation;
  gboolean                want_range;
  char                   *last_date;
  TandemWaterfall        *waterfall;
  char                   *mapping_text;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->taxonomy, tandem_taxonomy_free);
  g_free (job->from);
  g_free (job->to);
  g_free (job->segment);
  g_free (job->last_date);
  g_free (job->mapping_text);
  g_clear_pointer (&job->waterfall, tandem_waterfall_unref);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  GError *error = NULL;

  mapping = job->mapping_text ? tandem_funnel_mapping_new_from_json (job->mapping_text, &error)
                              : tandem_funnel_mapping_load (job->store, &error);
  if (mapping == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->want_range)
    job->last_date = tandem_funnel_last_date (job->store);
  job->options.from = job->from;
  job->options.to = job->to;
  job->options.segment = job->segment;
  job->waterfall = tandem_waterfall_compute (job->store, job->taxonomy, mapping, &job->options, cancellable, &error);
  if (job->waterfall == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
add_cell (GtkGrid    *grid,
          int         column,
          int         row,
          const char *text,
          gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_widget_add_css_class (label, "numeric");
  if (header)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

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
  TandemWaterfall *w = self->waterfall;
  TandemWaterfallChartData *data;
  g_autofree char *description = NULL;
  GtkWidget *child;
  int row = 0;
  static const char *const headers[] = {
    N_("Stage"), N_("Reached"), N_("From previous"), N_("From first"), N_("Median days"), N_("Mean days"),
    N_("Open"), N_("Lost"), N_("Recycled"), N_("Dated backwards"), N_("Planned"),
  };
  /* The plan is for the whole funnel: no column without one, nor by segment */
  guint n_headers = G_N_ELEMENTS (headers) - (self->plan == NULL || w->segments->len > 1);

  tandem_waterfall_set_plan (w, self->plan);
  data = tandem_waterfall_chart_data_from (w);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  for (guint h = 0; h < n_headers; h++)
    add_cell (self->table, (int) h + (w->segments->len > 1), row, _(headers[h]), TRUE);
  if (w->segments->len > 1)
    add_cell (self->table, 0, row, w->segment_field, TRUE);
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

          if (offset)
            add_cell (self->table, 0, row, i == 0 ? (seg->segment ? seg->segment : _("(empty)")) : "", FALSE);
          add_cell (self->table, offset + 0, row, st->name, FALSE);
          add_cell (self->table, offset + 1, row, reached, FALSE);
          add_cell (self->table, offset + 2, row, conv, FALSE);
          add_cell (self->table, offset + 3, row, first, FALSE);
          add_cell (self->table, offset + 4, row, median, FALSE);
          add_cell (self->table, offset + 5, row, mean, FALSE);
          add_cell (self->table, offset + 6, row, open, FALSE);
          add_cell (self->table, offset + 7, row, lost, FALSE);
          add_cell (self->table, offset + 8, row, recycled, FALSE);
          add_cell (self->table, offset + 9, row, backwards, FALSE);
          if (n_headers == G_N_ELEMENTS (headers))
            {
              g_autofree char *planned = isnan (st->planned) ? g_strdup ("—") : g_strdup_printf ("%.1f", st->planned);
              add_cell (self->table, offset + 10, row, planned, FALSE);
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
                            : w->source == TANDEM_FUNNEL_SOURCE_STAGE ? _("current-stage column") : _("stage dates"));
    if (self->plan_label != NULL)
      g_string_append_printf (status, w->segments->len > 1 ? _(" · plan %s: not drawn by segment") : _(" · plan: %s"),
                              self->plan_label);
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
compute_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->generation != self->generation)
    return;
  self->busy = FALSE;
  if (job->want_range)
    fill_periods (self, job->last_date);
  if (self->pending_plan_months != 0 && self->plan != NULL)
    {
      show_plan_period (self, self->pending_plan_months);
      if (gtk_drop_down_get_selected (self->period_dropdown) != 0)
        return;   /* computing that period now */
    }
  self->pending_plan_months = 0;
  if (error != NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), error->message);
      tandem_chart_view_set_chart (self->chart, NULL, NULL, NULL, error->message);
      g_signal_emit (self, signals[READY], 0);
      return;
    }
  g_clear_pointer (&self->waterfall, tandem_waterfall_unref);
  self->waterfall = g_steal_pointer (&job->waterfall);
  show_waterfall (self);
  g_signal_emit (self, signals[READY], 0);
}

static void
compute_full (TandemFunnelPage *self,
              gboolean          want_range)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  guint segment = gtk_drop_down_get_selected (self->segment_dropdown);
  Job *job;

  if (self->store == NULL || self->taxonomy == NULL)
    return;
  if (!tandem_taxonomy_validate (self->taxonomy, &error))
    return;   /* the editor says why; the last waterfall stays */

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (Job, 1);
  job->store = tandem_store_open_another (self->store, NULL);
  if (job->store == NULL)
    job->store = g_object_ref (self->store);
  job->taxonomy = tandem_taxonomy_copy (self->taxonomy);
  if (self->mapping != NULL)
    job->mapping_text = tandem_funnel_mapping_to_json (self->mapping);
  job->generation = self->generation;
  job->want_range = want_range;
  job->options.mode = gtk_drop_down_get_selected (self->mode_dropdown) == 1 ? TANDEM_WATERFALL_FLOW : TANDEM_WATERFALL_COHORT;
  if (!want_range && period < self->periods->len)
    {
      Period *p = g_ptr_array_index (self->periods, period);
      if (period == self->periods->len - 1)
        {
          /* Custom: the two entries, when they hold dates */
          const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
          const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
          job->from = from[0] ? g_strdup (from) : NULL;
          job->to = to[0] ? g_strdup (to) : NULL;
        }
      else
        {
          job->from = g_strdup (p->from);
          job->to = g_strdup (p->to);
        }
    }
  job->options.previous = gtk_check_button_get_active (self->previous_check) && job->from != NULL && job->to != NULL;
  if (segment > 0 && segment - 1 < self->segments->len)
    job->segment = g_strdup (g_ptr_array_index (self->segments, segment - 1));

  self->busy = TRUE;
  gtk_label_set_label (self->status_label, _("Counting…"));
  task = g_task_new (self, self->cancellable, compute_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
compute (TandemFunnelPage *self)
{
  compute_full (self, FALSE);
}

static void
on_options_changed (TandemFunnelPage *self)
{
  gboolean custom;

  if (self->updating)
    return;
  custom = self->periods->len > 0 && gtk_drop_down_get_selected (self->period_dropdown) == self->periods->len - 1;
  gtk_widget_set_visible (GTK_WIDGET (self->from_entry), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_entry), custom);
  compute (self);
}

/* ---- The plan (a Targets scenario) ----------------------------------------- */

static void
refresh_scenarios (TandemFunnelPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->plan_dropdown), chosen = 0;
  g_autofree char *current = NULL;

  if (self->scenarios != NULL && selected > 0 && selected <= g_strv_length (self->scenarios))
    current = g_strdup (self->scenarios[selected - 1]);
  g_clear_pointer (&self->scenarios, g_strfreev);
  self->scenarios = self->store ? tandem_scenario_list (self->store) : g_new0 (char *, 1);
  gtk_string_list_append (names, _("No plan"));
  for (guint k = 0; self->scenarios[k]; k++)
    {
      /* Translators: a Targets scenario drawn as the waterfall's plan */
      g_autofree char *label = g_strdup_printf (_("Plan: %s"), self->scenarios[k]);
      gtk_string_list_append (names, label);
      if (g_strcmp0 (current, self->scenarios[k]) == 0)
        chosen = k + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->plan_dropdown, chosen);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_dropdown), self->scenarios[0] != NULL);
  self->updating = FALSE;
  if (current != NULL && chosen == 0)
    on_plan_selected (self);   /* the scenario was deleted: no plan any more */
}

static guint
period_months (const Period *p)
{
  if (p->from == NULL || p->to == NULL)
    return 0;
  return (guint) ((atoi (p->to) * 12 + atoi (p->to + 5)) - (atoi (p->from) * 12 + atoi (p->from + 5)) + 1);
}

/* A plan is for a month, a quarter or a year: over all time it would be
 * read against the wrong numbers, so show the latest period of its
 * length in the data (the periods come newest first), in flow: what
 * arrived at each stage then.  Before the data's periods are known, the
 * choice waits for them. */
static void
show_plan_period (TandemFunnelPage *self,
                  guint             months)
{
  if (self->busy && self->periods->len <= 2)
    {
      self->pending_plan_months = months;
      return;
    }
  self->pending_plan_months = 0;
  for (guint k = 1; k + 1 < self->periods->len; k++)
    if (period_months (g_ptr_array_index (self->periods, k)) == months)
      {
        self->updating = TRUE;
        gtk_drop_down_set_selected (self->mode_dropdown, 1);
        self->updating = FALSE;
        gtk_drop_down_set_selected (self->period_dropdown, k);   /* computes */
        toast (self, _("Showing what arrived at each stage in the latest period the plan is for"));
        return;
      }
}

/* The chosen scenario's volumes, computed as the Targets page does */
static void
on_plan_selected (TandemFunnelPage *self)
{
  guint k = gtk_drop_down_get_selected (self->plan_dropdown);
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  g_clear_pointer (&self->plan, tandem_funnel_plan_free);
  g_clear_pointer (&self->plan_label, g_free);
  if (k > 0 && self->scenarios != NULL && k <= g_strv_length (self->scenarios))
    {
      g_autoptr(TandemPlanInput) input = tandem_scenario_load (self->store, self->scenarios[k - 1], &error);
      g_autoptr(TandemPlanResult) result = input ? tandem_plan_calculate (input, &error) : NULL;

      if (result == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The scenario “%s” gives no plan: %s"), self->scenarios[k - 1], error->message);
          toast (self, message);
          self->updating = TRUE;
          gtk_drop_down_set_selected (self->plan_dropdown, 0);
          self->updating = FALSE;
        }
      else
        {
          guint period = gtk_drop_down_get_selected (self->period_dropdown);

          self->plan = tandem_funnel_plan_new ();
          for (guint s = 0; s < result->n_stages; s++)
            tandem_funnel_plan_set_volume (self->plan, result->stages[s].name, result->stages[s].volume);
          /* Translators: a scenario's name and the period its plan is for */
          self->plan_label = g_strdup_printf (input->period == TANDEM_PLAN_PERIOD_MONTH ? _("%s, for a month")
                                              : input->period == TANDEM_PLAN_PERIOD_QUARTER ? _("%s, for a quarter")
                                              : _("%s, for a year"), self->scenarios[k - 1]);
          /* Over all time (or before the data's periods are known) */
          if (period == 0 || period == GTK_INVALID_LIST_POSITION)
            show_plan_period (self, tandem_plan_period_months (input->period));
        }
    }
  if (self->waterfall != NULL)
    show_waterfall (self);
}

/* A scenario's name; "" for no plan */
static void
set_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  refresh_scenarios (self);
  for (guint k = 0; name[0] != '\0' && self->scenarios[k]; k++)
    if (g_str_equal (self->scenarios[k], name))
      {
        gtk_drop_down_set_selected (self->plan_dropdown, k + 1);
        return;
      }
  if (name[0] != '\0')
    {
      g_autofree char *message = g_strdup_printf (_("There is no scenario “%s”"), name);
      toast (self, message);
      return;
    }
  gtk_drop_down_set_selected (self->plan_dropdown, 0);
}

/* ---- Undo and redo ------------------------------------------------------------- */

static Snapshot *
snapshot_take (TandemFunnelPage *self)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->stages = tandem_taxonomy_to_json (self->taxonomy);
  snapshot->mapping = tandem_funnel_mapping_to_json (self->mapping);
  return snapshot;
}

static void
update_undo_actions (TandemFunnelPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.undo", self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.redo", self->redo->len > 0);
}

/* Called before an edit: keeps the state it changes.  Typing in one
 * field (@what, e.g. "0:name") within two seconds is one step. */
static void
remember (TandemFunnelPage *self,
          const char       *what)
{
  gint64 now = g_get_monotonic_time ();

  if (self->updating || self->taxonomy == NULL || self->mapping == NULL)
    return;
  if (what != NULL && g_strcmp0 (what, self->last_edit) == 0 && now - self->last_edit_at < 2 * G_USEC_PER_SEC)
    {
      self->last_edit_at = now;
      return;
    }
  g_free (self->last_edit);
  self->last_edit = g_strdup (what);
  self->last_edit_at = now;
  g_ptr_array_add (self->undo, snapshot_take (self));
  if (self->undo->len > 100)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_undo_actions (self);
}

static void
forget_edits (TandemFunnelPage *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->last_edit, g_free);
  update_undo_actions (self);
}

/* Moves one step from @from to @to: the state now goes on @to */
static void
step (TandemFunnelPage *self,
      GPtrArray        *from,
      GPtrArray        *to)
{
  Snapshot *snapshot;
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;

  if (from->len == 0 || self->taxonomy == NULL)
    return;
  snapshot = g_ptr_array_index (from, from->len - 1);
  taxonomy = tandem_taxonomy_new_from_json (snapshot->stages, NULL);
  mapping = tandem_funnel_mapping_new_from_json (snapshot->mapping, NULL);
  if (taxonomy == NULL || mapping == NULL)
    return;   /* written by this page: cannot happen */
  g_ptr_array_add (to, snapshot_take (self));
  g_ptr_array_remove_index (from, from->len - 1);
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  self->taxonomy = g_steal_pointer (&taxonomy);
  self->mapping = g_steal_pointer (&mapping);
  g_clear_pointer (&self->last_edit, g_free);
  rebuild_stage_rows (self);
  stages_changed (self);   /* validates, rebuilds the placing, computes, keeps the draft */
  update_undo_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);

  if (g_str_equal (action_name, "funnel.undo"))
    step (self, self->undo, self->redo);
  else
    step (self, self->redo, self->undo);
}

/* ---- The draft: unsaved edits kept in the workspace ------------------------- */

#define DRAFT_STAGES "funnel.draft.stages"
#define DRAFT_MAPPING "funnel.draft.mapping"

/* Writes the stages and the placing as edited; a failure is said, the
 * edits stay on the page. */
static void
save_draft (TandemFunnelPage *self)
{
  g_autofree char *stages = NULL;
  g_autofree char *mapping = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (self->store == NULL || self->taxonomy == NULL || self->mapping == NULL || !self->edited)
    return;
  stages = tandem_taxonomy_to_json (self->taxonomy);
  mapping = tandem_funnel_mapping_to_json (self->mapping);
  if (!tandem_store_set_setting (self->store, DRAFT_STAGES, stages, &error) ||
      !tandem_store_set_setting (self->store, DRAFT_MAPPING, mapping, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not keep the unsaved stages: %s"), error->message);
      toast (self, message);
    }
}

static gboolean
save_draft_idle (gpointer data)
{
  TandemFunnelPage *self = data;

  self->draft_id = 0;
  save_draft (self);
  return G_SOURCE_REMOVE;
}

/* A moment after the last edit, so typing a definition writes once */
static void
queue_draft (TandemFunnelPage *self)
{
  if (self->updating)
    return;
  self->edited = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.discard-changes", TRUE);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  self->draft_id = g_timeout_add (300, save_draft_idle, self);
}

static void
drop_draft (TandemFunnelPage *self)
{
  g_clear_handle_id (&self->draft_id, g_source_remove);
  self->edited = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.discard-changes", FALSE);
  if (self->store != NULL)
    {
      tandem_store_set_setting (self->store, DRAFT_STAGES, NULL, NULL);
      tandem_store_set_setting (self->store, DRAFT_MAPPING, NULL, NULL);
    }
}

/* The draft left by the last session, if any and readable: the stages
 * and the placing replace the stored ones on the page (not in the
 * workspace until saved). */
static gboolean
restore_draft (TandemFunnelPage *self)
{
  g_autofree char *stages = tandem_store_dup_setting (self->store, DRAFT_STAGES);
  g_autofree char *mapping = tandem_store_dup_setting (self->store, DRAFT_MAPPING);
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) placing = NULL;
  g_autoptr(GError) error = NULL;

  if (stages == NULL || mapping == NULL)
    return FALSE;
  taxonomy = tandem_taxonomy_new_from_json (stages, &error);
  placing = taxonomy ? tandem_funnel_mapping_new_from_json (mapping, &error) : NULL;
  if (placing == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The unsaved stages could not be read back (%s); the saved ones are shown"),
                                                  error->message);
      toast (self, message);
      return FALSE;
    }
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  self->taxonomy = g_steal_pointer (&taxonomy);
  self->mapping = g_steal_pointer (&placing);
  self->dirty = self->edited = TRUE;
  return TRUE;
}

static void
discard_changes_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);

  drop_draft (self);
  tandem_funnel_page_reload (self);
  toast (self, _("Back to the saved stages"));
}

/* ---- The stages ----------------------------------------------------------- */

static void
stages_changed (TandemFunnelPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = tandem_taxonomy_validate (self->taxonomy, &error);

  self->dirty = TRUE;
  queue_draft (self);
  gtk_widget_set_visible (GTK_WIDGET (self->taxonomy_error), !valid);
  if (!valid)
    gtk_label_set_label (self->taxonomy_error, error->message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.save-stages", valid);
  rebuild_mapping_rows (self);
  if (valid)
    compute (self);
}

/* Replaces stage @index with the same but one field changed */
static void
edit_stage (TandemFunnelPage *self,
            guint             index,
            const char       *name,
            const char       *short_name,
            const char       *definition,
            int               team,
            int               kind)
{
  const TandemStage *s = tandem_taxonomy_get_stage (self->taxonomy, index);
  g_autofree char *n = g_strdup (name ? name : s->name);
  g_autofree char *sn = g_strdup (short_name ? short_name : s->short_name);
  g_autofree char *def = g_strdup (definition ? definition : s->definition);
  g_autofree char *recycle = g_strdup (s->recycle_to);
  TandemTeam t = team >= 0 ? (TandemTeam) team : s->team;
  TandemStageKind k = kind >= 0 ? (TandemStageKind) kind : s->kind;

  if (self->mapping != NULL && !g_str_equal (n, s->name))
    tandem_funnel_mapping_rename_stage (self->mapping, s->name, n);
  if (self->mapping != NULL && !g_str_equal (sn, s->short_name))
    tandem_funnel_mapping_rename_stage (self->mapping, s->short_name, sn);
  tandem_taxonomy_remove_stage (self->taxonomy, index);
  tandem_taxonomy_insert_stage (self->taxonomy, (int) index, n, sn, def, t, k, recycle);
}

static void
on_stage_entry_changed (GtkEditable      *entry,
                        TandemFunnelPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "index"));
  const char *field = g_object_get_data (G_OBJECT (entry), "field");
  const char *text = gtk_editable_get_text (entry);

  if (self->updating || index >= tandem_taxonomy_get_n_stages (self->taxonomy))
    return;
  {
    g_autofree char *what = g_strdup_printf ("%u:%s", index, field);
    remember (self, what);
  }
  edit_stage (self, index, g_str_equal (field, "name") ? text : NULL, g_str_equal (field, "short") ? text : NULL,
              g_str_equal (field, "definition") ? text : NULL, -1, -1);
  stages_changed (self);
}

static void
on_stage_combo_changed (AdwComboRow      *row,
                        GParamSpec       *pspec,
                        TandemFunnelPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));
  gboolean is_team = g_object_get_data (G_OBJECT (row), "team") != NULL;
  int value = (int) adw_combo_row_get_selected (row);

  if (self->updating || index >= tandem_taxonomy_get_n_stages (self->taxonomy))
    return;
  remember (self, NULL);
  edit_stage (self, index, NULL, NULL, NULL, is_team ? value : -1, is_team ? -1 : value);
  stages_changed (self);
}

static void
on_stage_button (GtkButton        *button,
                 TandemFunnelPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  guint n = tandem_taxonomy_get_n_stages (self->taxonomy);

  if (index >= n)
    return;
  remember (self, NULL);
  if (g_str_equal (what, "up") && index > 0)
    tandem_taxonomy_move_stage (self->taxonomy, index, index - 1);
  else if (g_str_equal (what, "down") && index + 1 < n)
    tandem_taxonomy_move_stage (self->taxonomy, index, index + 1);
  else if (g_str_equal (what, "delete"))
    {
      const TandemStage *s = tandem_taxonomy_get_stage (self->taxonomy, index);
      if (self->mapping != NULL)
        {
          tandem_funnel_mapping_rename_stage (self->mapping, s->name, NULL);
          tandem_funnel_mapping_rename_stage (self->mapping, s->short_name, NULL);
        }
      tandem_taxonomy_remove_stage (self->taxonomy, index);
    }
  else
    return;
  rebuild_stage_rows (self);
  stages_changed (self);
}

static GtkWidget *
entry_row (const char *title,
           const char *text,
           guint       index,
           const char *field)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "field", (gpointer) field);
  return row;
}

static GtkWidget *
combo_row (const char *title,
           const char *const *items,
           guint       selected,
           guint       index,
           gboolean    team)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint k = 0; items[k]; k++)
    gtk_string_list_append (model, _(items[k]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (index));
  if (team)
    g_object_set_data (G_OBJECT (row), "team", GUINT_TO_POINTER (1));
  return row;
}

static void
rebuild_stage_rows (TandemFunnelPage *self)
{
  static const char *const teams[] = { N_("Marketing"), N_("Telequalification"), N_("Sales"), NULL };
  static const char *const kinds[] = { N_("Open"), N_("Won"), N_("Lost"), N_("Disqualified"), NULL };
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stage_list))) != NULL)
    gtk_list_box_remove (self->stage_list, child);
  for (guint i = 0; self->taxonomy && i < tandem_taxonomy_get_n_stages (self->taxonomy); i++)
    {
      const TandemStage *s = tandem_taxonomy_get_stage (self->taxonomy, i);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", s->short_name, _(teams[s->team]), _(kinds[s->kind]));
      static const struct { const char *icon, *what, *tip; } actions[] = {
        { "go-up-symbolic", "up", N_("Move Up") },
        { "go-down-symbolic", "down", N_("Move Down") },
        { "user-trash-symbolic", "delete", N_("Delete the Stage") },
      };
      GtkWidget *rows[5];

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      for (guint k = 0; k < G_N_ELEMENTS (actions); k++)
        {
          GtkWidget *b = gtk_button_new_from_icon_name (actions[k].icon);
          gtk_widget_add_css_class (b, "flat");
          gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (b, _(actions[k].tip));
          g_object_set_data (G_OBJECT (b), "index", GUINT_TO_POINTER (i));
          g_object_set_data (G_OBJECT (b), "what", (gpointer) actions[k].what);
          g_signal_connect (b, "clicked", G_CALLBACK (on_stage_button), self);
          gtk_box_append (GTK_BOX (buttons), b);
        }
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), buttons);

      rows[0] = entry_row (_("Name"), s->name, i, "name");
      rows[1] = entry_row (_("Short name"), s->short_name, i, "short");
      rows[2] = entry_row (_("Definition both teams agree on"), s->definition, i, "definition");
      rows[3] = combo_row (_("Owned by"), teams, s->team, i, TRUE);
      rows[4] = combo_row (_("Kind"), kinds, s->kind, i, FALSE);
      for (guint k = 0; k < 3; k++)
        g_signal_connect (rows[k], "changed", G_CALLBACK (on_stage_entry_changed), self);
      for (guint k = 3; k < 5; k++)
        g_signal_connect (rows[k], "notify::selected", G_CALLBACK (on_stage_combo_changed), self);
      for (guint k = 0; k < 5; k++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), rows[k]);
      gtk_list_box_append (self->stage_list, row);
    }
  self->updating = FALSE;
}

static void
save_stages_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->taxonomy == NULL)
    return;
  if (!tandem_taxonomy_save (self->taxonomy, self->store, &error) ||
      (self->mapping != NULL && !tandem_funnel_mapping_save (self->mapping, self->store, &error)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->taxonomy_error), TRUE);
      gtk_label_set_label (self->taxonomy_error, error->message);
      return;
    }
  self->dirty = FALSE;
  drop_draft (self);
  toast (self, _("Saved the stages and where leads are placed into the workspace"));
}

static void
use_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  TandemTemplate template_;

  if (!tandem_template_from_string (g_variant_get_string (parameter, NULL), &template_))
    return;
  remember (self, NULL);
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  self->taxonomy = tandem_taxonomy_new_from_template (template_);
  if (self->mapping != NULL)
    tandem_funnel_mapping_prune (self->mapping, self->taxonomy);   /* what named the old stages */
  rebuild_stage_rows (self);
  stages_changed (self);
  toast (self, _("Template loaded — edit it, then Save Stages to keep it"));
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  guint n;
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;

  if (self->taxonomy == NULL)
    return;
  remember (self, NULL);
  n = tandem_taxonomy_get_n_stages (self->taxonomy);
  name = g_strdup_printf (_("New stage %u"), n + 1);
  short_name = g_strdup_printf ("S%u", n + 1);
  tandem_taxonomy_insert_stage (self->taxonomy, -1, name, short_name, "", TANDEM_TEAM_MARKETING, TANDEM_STAGE_OPEN, NULL);
  rebuild_stage_rows (self);
  stages_changed (self);
}

/* ---- Placing leads on stages (the mapping) ---------------------------------- */

#define MAX_STAGE_VALUES 60

/* @values: TandemValueCount, from the store (NULL: none) */
static void
read_values (GPtrArray *values,
             GPtrArray *out)
{
  g_ptr_array_set_size (out, 0);
  for (guint k = 0; values != NULL && k < values->len; k++)
    {
      TandemValueCount *value = g_ptr_array_index (values, k);
      StageValue *v = g_new0 (StageValue, 1);
      v->value = g_strdup (value->value);
      v->count = value->count;
      g_ptr_array_add (out, v);
    }
}

/* What the mapping rows offer: the date columns, and the stage values of
 * the current-stage column and of the history, most frequent first.     */
static void
read_mapping_choices (TandemFunnelPage *self)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (self->store);
  g_autoptr(TandemColumn) stage = tandem_store_find_column_by_role (self->store, "stage");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) values = NULL;

  g_ptr_array_set_size (self->date_columns, 0);
  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *c = g_ptr_array_index (columns, k);
      if (c->type == TANDEM_COLUMN_DATE)
        g_ptr_array_add (self->date_columns, g_strdup (c->name));
    }
  self->has_history = tandem_store_count_stage_history (self->store) > 0;
  self->has_stage_column = stage != NULL;
  history = tandem_store_history_stage_values (self->store, MAX_STAGE_VALUES, NULL);
  read_values (history, self->history_values);
  if (stage != NULL)
    values = tandem_store_column_values (self->store, stage->name, MAX_STAGE_VALUES, NULL);
  read_values (values, self->stage_values);
}

static TandemFunnelSource
effective_source_auto (TandemFunnelPage *self)
{
  return self->has_history ? TANDEM_FUNNEL_SOURCE_HISTORY
         : self->has_stage_column ? TANDEM_FUNNEL_SOURCE_STAGE : TANDEM_FUNNEL_SOURCE_DATES;
}

static TandemFunnelSource
effective_source (TandemFunnelPage *self)
{
  TandemFunnelSource source = tandem_funnel_mapping_get_source (self->mapping);

  return source != TANDEM_FUNNEL_SOURCE_AUTO ? source : effective_source_auto (self);
}

static const char *
source_label (TandemFunnelSource source)
{
  switch (source)
    {
    case TANDEM_FUNNEL_SOURCE_DATES: return _("Stage dates");
    case TANDEM_FUNNEL_SOURCE_STAGE: return _("Current stage");
    case TANDEM_FUNNEL_SOURCE_HISTORY: return _("Stage history");
    case TANDEM_FUNNEL_SOURCE_AUTO:
    default: return _("Automatic");
    }
}

static void
mapping_changed (TandemFunnelPage *self)
{
  self->dirty = TRUE;
  queue_draft (self);
  compute (self);
}

static gboolean
rebuild_mapping_idle (gpointer data)
{
  TandemFunnelPage *self = data;

  self->rebuild_mapping_id = 0;
  rebuild_mapping_rows (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilt after the signal that asked for it has returned */
static void
queue_rebuild_mapping (TandemFunnelPage *self)
{
  if (self->rebuild_mapping_id == 0)
    self->rebuild_mapping_id = g_idle_add (rebuild_mapping_idle, self);
}

/* The column the mapping names for a stage, by its name or short name */
static const char *
mapped_date_column (TandemFunnelPage  *self,
                    const TandemStage *stage)
{
  const char *column = tandem_funnel_mapping_get_date_column (self->mapping, stage->name);

  return column ? column : tandem_funnel_mapping_get_date_column (self->mapping, stage->short_name);
}

static gboolean
set_stage_date (TandemFunnelPage  *self,
                const char        *stage_name,
                const char        *column,
                GError           **error)
{
  int index = tandem_taxonomy_find_stage (self->taxonomy, stage_name);
  const TandemStage *stage;
  gboolean known = column == NULL || column[0] == '\0';

  if (index < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is no stage “%s”"), stage_name);
      return FALSE;
    }
  for (guint k = 0; !known && k < self->date_columns->len; k++)
    known = g_str_equal (g_ptr_array_index (self->date_columns, k), column);
  if (!known)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date column of the workspace"), column);
      return FALSE;
    }
  stage = tandem_taxonomy_get_stage (self->taxonomy, (guint) index);
  remember (self, NULL);
  tandem_funnel_mapping_set_date_column (self->mapping, stage->short_name, NULL);
  tandem_funnel_mapping_set_date_column (self->mapping, stage->name, column && column[0] ? column : NULL);
  mapping_changed (self);
  return TRUE;
}

static gboolean
set_stage_value (TandemFunnelPage  *self,
                 const char        *value,
                 const char        *stage_name,
                 GError           **error)
{
  const TandemStage *stage = NULL;

  if (stage_name != NULL && stage_name[0] != '\0')
    {
      int index = tandem_taxonomy_find_stage (self->taxonomy, stage_name);
      if (index < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is no stage “%s”"), stage_name);
          return FALSE;
        }
      stage = tandem_taxonomy_get_stage (self->taxonomy, (guint) index);
    }
  remember (self, NULL);
  tandem_funnel_mapping_set_value (self->mapping, value, stage ? stage->name : NULL);
  mapping_changed (self);
  return TRUE;
}

static void
on_source_row (AdwComboRow      *row,
               GParamSpec       *pspec,
               TandemFunnelPage *self)
{
  if (self->updating)
    return;
  remember (self, NULL);
  tandem_funnel_mapping_set_source (self->mapping, (TandemFunnelSource) adw_combo_row_get_selected (row));
  mapping_changed (self);
  queue_rebuild_mapping (self);   /* the rows below depend on the source */
}

static void
on_implied_switch (GtkSwitch        *sw,
                   GParamSpec       *pspec,
                   TandemFunnelPage *self)
{
  if (self->updating)
    return;
  remember (self, NULL);
  tandem_funnel_mapping_set_implied (self->mapping, gtk_switch_get_active (sw));
  mapping_changed (self);
}

static void
on_date_row (AdwComboRow      *row,
             GParamSpec       *pspec,
             TandemFunnelPage *self)
{
  guint k = adw_combo_row_get_selected (row);
  const char *stage = g_object_get_data (G_OBJECT (row), "stage");

  if (self->updating || k > self->date_columns->len)
    return;
  set_stage_date (self, stage, k == 0 ? NULL : g_ptr_array_index (self->date_columns, k - 1), NULL);
}

static void
on_value_row (AdwComboRow      *row,
              GParamSpec       *pspec,
              TandemFunnelPage *self)
{
  guint k = adw_combo_row_get_selected (row);
  const char *value = g_object_get_data (G_OBJECT (row), "value");

  if (self->updating || k > tandem_taxonomy_get_n_stages (self->taxonomy))
    return;
  set_stage_value (self, value, k == 0 ? NULL : tandem_taxonomy_get_stage (self->taxonomy, k - 1)->name, NULL);
}

static void
on_expanded (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             TandemFunnelPage *self)
{
  gboolean *flag = g_object_get_data (G_OBJECT (row), "flag");

  if (!self->updating)
    *flag = adw_expander_row_get_expanded (row);
}

static GtkWidget *
mapping_combo (const char   *title,
               const char   *subtitle,
               GtkStringList *items,
               guint         selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (items));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static GtkWidget *
expander (TandemFunnelPage *self,
          const char       *title,
          const char       *subtitle,
          gboolean         *flag)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), *flag);
  g_object_set_data (G_OBJECT (row), "flag", flag);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded), self);
  return row;
}

/* The source, "implied", the date of each stage and the stage of each
 * value, as the mapping being edited says.                              */
static void
rebuild_mapping_rows (TandemFunnelPage *self)
{
  TandemFunnelSource source, effective;
  GtkWidget *child, *row, *sw;
  guint n_stages;

  g_clear_handle_id (&self->rebuild_mapping_id, g_source_remove);
  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_list))) != NULL)
    gtk_list_box_remove (self->mapping_list, child);
  if (self->mapping == NULL || self->taxonomy == NULL || self->store == NULL)
    {
      self->updating = FALSE;
      return;
    }
  source = tandem_funnel_mapping_get_source (self->mapping);
  effective = effective_source (self);
  n_stages = tandem_taxonomy_get_n_stages (self->taxonomy);

  /* Where the stages come from */
  {
    g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
    /* Translators: what the automatic choice of where stages come from picks: "Now: Stage history" */
    g_autofree char *picked = g_strdup_printf (_("Now: %s"), source_label (effective_source_auto (self)));
    const char *problem = NULL;

    gtk_string_list_append (items, _("Automatic"));
    for (int k = TANDEM_FUNNEL_SOURCE_DATES; k <= TANDEM_FUNNEL_SOURCE_HISTORY; k++)
      gtk_string_list_append (items, source_label ((TandemFunnelSource) k));
    if (source == TANDEM_FUNNEL_SOURCE_STAGE && !self->has_stage_column)
      problem = _("The workspace has no current-stage column");
    else if (source == TANDEM_FUNNEL_SOURCE_HISTORY && !self->has_history)
      problem = _("The workspace has no stage history");
    else if (source == TANDEM_FUNNEL_SOURCE_AUTO)
      problem = picked;
    row = mapping_combo (_("Stages come from"), problem, items, (guint) source);
    if (problem != NULL && problem != picked)
      gtk_widget_add_css_class (row, "error");
    g_signal_connect (row, "notify::selected", G_CALLBACK (on_source_row), self);
    gtk_list_box_append (self->mapping_list, row);
  }

  /* A lead at a later stage passed the earlier ones */
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Later stages pass the earlier ones"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("A lead that reached a stage counts at every stage before it"));
  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), tandem_funnel_mapping_get_implied (self->mapping));
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_implied_switch), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  gtk_list_box_append (self->mapping_list, row);

  /* The date of each stage (the history has its own dates) */
  if (effective != TANDEM_FUNNEL_SOURCE_HISTORY)
    {
      GtkWidget *dates = expander (self, _("Stage dates"), _("The column that dates each stage"), &self->dates_expanded);

      for (guint i = 0; i < n_stages; i++)
        {
          const TandemStage *stage = tandem_taxonomy_get_stage (self->taxonomy, i);
          g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
          g_autofree char *automatic_column = tandem_funnel_automatic_date_column (self->store, self->taxonomy, i);
          g_autofree char *automatic = automatic_column ? g_strdup_printf (_("Automatic: %s"), automatic_column)
                                                        : g_strdup (_("Automatic: none"));
          const char *mapped = mapped_date_column (self, stage);
          guint selected = 0;

          gtk_string_list_append (items, automatic);
          for (guint k = 0; k < self->date_columns->len; k++)
            {
              gtk_string_list_append (items, g_ptr_array_index (self->date_columns, k));
              if (mapped != NULL && g_str_equal (mapped, g_ptr_array_index (self->date_columns, k)))
                selected = k + 1;
            }
          row = mapping_combo (stage->name, NULL, items, selected);
          if (mapped != NULL && selected == 0)
            {
              /* The stored mapping names a column the workspace no longer has as dates */
              g_autofree char *missing = g_strdup_printf (_("“%s” is not a date column here"), mapped);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), missing);
              gtk_widget_add_css_class (row, "error");
            }
          g_object_set_data_full (G_OBJECT (row), "stage", g_strdup (stage->name), g_free);
          g_signal_connect (row, "notify::selected", G_CALLBACK (on_date_row), self);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (dates), row);
        }
      gtk_list_box_append (self->mapping_list, dates);
    }

  /* The stage each value of the stage column, or of the history, means */
  if (effective == TANDEM_FUNNEL_SOURCE_STAGE || effective == TANDEM_FUNNEL_SOURCE_HISTORY)
    {
      gboolean history = effective == TANDEM_FUNNEL_SOURCE_HISTORY;
      GPtrArray *values = history ? self->history_values : self->stage_values;
      GtkWidget *group = expander (self, history ? _("Stage names in the history") : _("Current-stage values"),
                                   _("The stage each value stands for"), &self->values_expanded);

      for (guint v = 0; v < values->len; v++)
        {
          StageValue *value = g_ptr_array_index (values, v);
          g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
          const char *mapped = tandem_funnel_mapping_get_value (self->mapping, value->value);
          int automatic_stage = tandem_taxonomy_find_stage (self->taxonomy, value->value);
          g_autofree char *automatic = NULL;
          g_autofree char *count = NULL;
          guint selected = 0;

          if (automatic_stage >= 0)
            automatic = g_strdup_printf (_("Automatic: %s"), tandem_taxonomy_get_stage (self->taxonomy, (guint) automatic_stage)->name);
          else
            automatic = g_strdup (_("Automatic: no stage"));
          gtk_string_list_append (items, automatic);
          for (guint i = 0; i < n_stages; i++)
            gtk_string_list_append (items, tandem_taxonomy_get_stage (self->taxonomy, i)->name);
          if (mapped != NULL && tandem_taxonomy_find_stage (self->taxonomy, mapped) >= 0)
            selected = (guint) tandem_taxonomy_find_stage (self->taxonomy, mapped) + 1;
          count = history ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld entry", "%'lld entries", (gulong) value->count),
                                             (long long) value->count)
                          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld lead", "%'lld leads", (gulong) value->count),
                                             (long long) value->count);
          row = mapping_combo (value->value, count, items, selected);
          g_object_set_data_full (G_OBJECT (row), "value", g_strdup (value->value), g_free);
          g_signal_connect (row, "notify::selected", G_CALLBACK (on_value_row), self);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (group), row);
        }
      if (values->len == 0)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (group), _("The data has no values to place"));
      gtk_list_box_append (self->mapping_list, group);
    }
  self->updating = FALSE;
}

static void
set_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  TandemFunnelSource source;

  if (self->mapping == NULL)
    return;
  if (!tandem_funnel_source_from_string (g_variant_get_string (parameter, NULL), &source))
    {
      toast (self, _("Stages come from auto, dates, stage or history"));
      return;
    }
  remember (self, NULL);
  tandem_funnel_mapping_set_source (self->mapping, source);
  mapping_changed (self);
  rebuild_mapping_rows (self);
}

static void
set_implied_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);

  if (self->mapping == NULL)
    return;
  remember (self, NULL);
  tandem_funnel_mapping_set_implied (self->mapping, g_variant_get_boolean (parameter));
  mapping_changed (self);
  rebuild_mapping_rows (self);
}

/* ("MQL", "first_contact_date"); an empty column: automatic */
static void
set_stage_date_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *stage, *column;

  if (self->mapping == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &stage, &column);
  if (!set_stage_date (self, stage, column, &error))
    toast (self, error->message);
  else
    rebuild_mapping_rows (self);
}

/* ("Closed Won", "Customer"); an empty stage: automatic */
static void
set_stage_value_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *value, *stage;

  if (self->mapping == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &value, &stage);
  if (!set_stage_value (self, value, stage, &error))
    toast (self, error->message);
  else
    rebuild_mapping_rows (self);
}

/* ---- Export ---------------------------------------------------------------- */

static const char *const picture_patterns[] = { "*.png", "*.svg", "*.pdf", NULL };

static void
on_export_chosen (GFile    *file,
                  gpointer  user_data)
{
  TandemFunnelPage *self = user_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  gpointer data = tandem_chart_view_get_data (self->chart);
  TandemChartStyle style;

  if (data == NULL)
    return;
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  if (!tandem_chart_export (path, 1280, 720, 2, &style, tandem_waterfall_draw, data, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Saved the waterfall as %s"), name);
      toast (self, message);
    }
  tandem_chart_style_clear (&style);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tandem_compat_choose_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export the Waterfall"), _("_Export"), TRUE,
                             _("waterfall.png"), _("Pictures (PNG, SVG, PDF)"), picture_patterns, on_export_chosen, widget);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
tandem_funnel_page_dispose (GObject *object)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rebuild_mapping_id, g_source_remove);
  /* Nothing lost: a pending draft is written now */
  if (self->draft_id != 0)
    save_draft (self);
  G_OBJECT_CLASS (tandem_funnel_page_parent_class)->dispose (object);
}

static void
tandem_funnel_page_finalize (GObject *object)
{
  TandemFunnelPage *self = TANDEM_FUNNEL_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  g_clear_pointer (&self->date_columns, g_ptr_array_unref);
  g_clear_pointer (&self->stage_values, g_ptr_array_unref);
  g_clear_pointer (&self->history_values, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->last_edit, g_free);
  g_clear_pointer (&self->scenarios, g_strfreev);
  g_clear_pointer (&self->plan, tandem_funnel_plan_free);
  g_clear_pointer (&self->plan_label, g_free);
  g_clear_pointer (&self->waterfall, tandem_waterfall_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  G_OBJECT_CLASS (tandem_funnel_page_parent_class)->finalize (object);
}

static void
tandem_funnel_page_class_init (TandemFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_funnel_page_dispose;
  object_class->finalize = tandem_funnel_page_finalize;

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  g_type_ensure (TANDEM_TYPE_CHART_VIEW);
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
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, mapping_label);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, chart);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelPage, table);

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
  gtk_widget_class_install_action (widget_class, "funnel.set-stage-date", "(ss)", set_stage_date_action);
  gtk_widget_class_install_action (widget_class, "funnel.set-stage-value", "(ss)", set_stage_value_action);
}

static void
tandem_funnel_page_init (TandemFunnelPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>s", "funnel.save-stages", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>z", "funnel.undo", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>z", "funnel.redo", NULL);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_free);
  update_undo_actions (self);
  self->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) period_free);
  self->segments = g_ptr_array_new_with_free_func (g_free);
  self->date_columns = g_ptr_array_new_with_free_func (g_free);
  self->stage_values = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_value_free);
  self->history_values = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_value_free);
  self->dates_expanded = TRUE;   /* a handful of rows, and what a new workspace most often needs */

  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (self->mode_dropdown, "notify::selected", G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (self->segment_dropdown, "notify::selected", G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (self->previous_check, "toggled", G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (self->plan_dropdown, "notify::selected", G_CALLBACK (on_plan_selected), self);
  /* Scenarios are saved on the Targets page: list them afresh when shown */
  g_signal_connect (self, "map", G_CALLBACK (refresh_scenarios), NULL);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (on_options_changed), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (on_options_changed), self);
}

void
tandem_funnel_page_set_store (TandemFunnelPage *self,
                              TandemStore      *store)
{
  g_return_if_fail (TANDEM_IS_FUNNEL_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  if (self->draft_id != 0)
    save_draft (self);   /* into the workspace being left */
  self->edited = FALSE;
  g_set_object (&self->store, store);
  tandem_funnel_page_reload (self);
}

/* The template whose stage names the data's current-stage values match
 * best (a pipeline export says Prospecting, Engaging, Won, Lost); the
 * classic waterfall when nothing matches. */
static TandemTemplate
guess_template (TandemStore *store)
{
  g_autoptr(TandemColumn) stage = tandem_store_find_column_by_role (store, "stage");
  g_autoptr(GPtrArray) values = NULL;
  static const TandemTemplate templates[] = { TANDEM_TEMPLATE_CLASSIC, TANDEM_TEMPLATE_EXTENDED, TANDEM_TEMPLATE_PIPELINE };
  TandemTemplate best = TANDEM_TEMPLATE_CLASSIC;
  guint best_matches = 0;

  if (stage == NULL)
    return best;
  /* The 100 most frequent values */
  values = tandem_store_column_values (store, stage->name, 100, NULL);
  if (values == NULL)
    return best;
  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_new_from_template (templates[t]);
      guint matches = 0;
      for (guint v = 0; v < values->len; v++)
        {
          TandemValueCount *value = g_ptr_array_index (values, v);
          matches += tandem_taxonomy_find_stage (taxonomy, value->value) >= 0;
        }
      if (matches > best_matches)
        best = templates[t], best_matches = matches;
    }
  return best;
}

void
tandem_funnel_page_reload (TandemFunnelPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TANDEM_IS_FUNNEL_PAGE (self));

  if (self->draft_id != 0)
    save_draft (self);   /* comes back below */
  self->edited = FALSE;
  forget_edits (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.discard-changes", FALSE);
  g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
  g_clear_pointer (&self->mapping, tandem_funnel_mapping_free);
  g_clear_pointer (&self->waterfall, tandem_waterfall_unref);
  if (self->store == NULL || tandem_store_count_leads (self->store) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  self->taxonomy = tandem_taxonomy_load (self->store, &error);
  if (self->taxonomy == NULL || tandem_taxonomy_get_n_stages (self->taxonomy) == 0)
    {
      /* No stages agreed yet: propose the template the data fits, unsaved */
      TandemTemplate template_ = guess_template (self->store);
      g_clear_pointer (&self->taxonomy, tandem_taxonomy_free);
      self->taxonomy = tandem_taxonomy_new_from_template (template_);
      self->dirty = TRUE;
      gtk_label_set_label (self->mapping_label,
                           template_ == TANDEM_TEMPLATE_PIPELINE
                           ? _("These stages fit the data's current-stage values and are not saved yet: edit them, then save them.")
                           : _("These are the classic stages, not saved yet: pick a template, edit the stages, then save them."));
    }
  else
    {
      self->dirty = FALSE;
      gtk_label_set_label (self->mapping_label,
                           _("Automatic reads the stage history, else the current-stage column, else the stage dates."));
    }
  g_clear_error (&error);   /* unreadable stages: the template above stands in */
  gtk_widget_set_visible (GTK_WIDGET (self->taxonomy_error), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.save-stages", TRUE);
  self->mapping = tandem_funnel_mapping_load (self->store, &error);
  if (self->mapping == NULL)
    {
      /* A stored mapping this version cannot read: start from the default, say so */
      g_autofree char *message = g_strdup_printf (_("%s — placing leads the default way until you save"), error->message);
      toast (self, message);
      g_clear_error (&error);
      self->mapping = tandem_funnel_mapping_new ();
    }
  if (restore_draft (self))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "funnel.discard-changes", TRUE);
      gtk_label_set_label (self->mapping_label,
                           _("These are the changes you had not saved: Save Stages keeps them; the menu above the stages discards them."));
      toast (self, _("Your unsaved stages are back"));
    }
  read_mapping_choices (self);
  refresh_scenarios (self);
  fill_segments (self);
  rebuild_stage_rows (self);
  rebuild_mapping_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "funnel");
  compute_full (self, TRUE);
}

gboolean
tandem_funnel_page_is_busy (TandemFunnelPage *self)
{
  return self->busy;
}

TandemWaterfall *
tandem_funnel_page_get_waterfall (TandemFunnelPage *self)
{
  return self->waterfall;
}

TandemTaxonomy *
tandem_funnel_page_get_taxonomy (TandemFunnelPage *self)
{
  return self->taxonomy;
}

TandemChartView *
tandem_funnel_page_get_chart (TandemFunnelPage *self)
{
  return self->chart;
}

const TandemFunnelMapping *
tandem_funnel_page_get_mapping (TandemFunnelPage *self)
{
  return self->mapping;
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
  guint seg = 0;

  for (guint k = 0; segment && k < self->segments->len; k++)
    if (g_str_equal (g_ptr_array_index (self->segments, k), segment))
      seg = k + 1;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, MIN (period, self->periods->len - 1));
  gtk_drop_down_set_selected (self->mode_dropdown, flow ? 1 : 0);
  gtk_drop_down_set_selected (self->segment_dropdown, seg);
  self->updating = FALSE;
  on_options_changed (self);
}

const char *
tandem_funnel_page_get_period (TandemFunnelPage *self,
                               guint             period,
                               const char      **from,
                               const char      **to)
{
  Period *p;

  if (period >= self->periods->len)
    return NULL;
  p = g_ptr_array_index (self->periods, period);
  *from = p->from;
  *to = p->to;
  return p->label;
}
