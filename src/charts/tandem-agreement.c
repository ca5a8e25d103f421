/* tandem-agreement.c — the document Sales and Marketing sign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A4 pages, text set by Pango with word wrap, a new page whenever the next
 * block would not fit; the charts are the renderers the app paints with.
 */

#include "config.h"

#include "tandem-agreement.h"
#include "tandem-format.h"
#include "tandem-chart-data.h"
#include "tandem-chart.h"
#include "tandem-decisions.h"
#include "tandem-scenario.h"
#include "tandem-sla.h"
#include "tandem-store.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 56.0

typedef struct
{
  cairo_t          *cr;
  TandemChartStyle  style;
  double            y;
  guint             page;
  GPtrArray        *pages;   /* cairo recording surfaces, one a page */
} Writer;

/* Each page is recorded, so one rendering serves the PDF and printing */
static void
start_page (Writer *w)
{
  cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                          &(cairo_rectangle_t) { 0, 0, PAGE_W, PAGE_H });

  if (w->cr != NULL)
    cairo_destroy (w->cr);
  g_ptr_array_add (w->pages, page);
  w->cr = cairo_create (page);
}

static void
new_page (Writer *w)
{
  char footer[64];

  start_page (w);
  w->page++;
  w->y = MARGIN;
  g_snprintf (footer, sizeof footer, "%u", w->page);
  tandem_chart_text (w->cr, &w->style, 9, FALSE, &w->style.dim, PAGE_W / 2, PAGE_H - MARGIN / 2, 0.5, footer);
}

/* A block of @height: on this page if it fits, else on the next */
static void
room_for (Writer *w,
          double  height)
{
  if (w->y + height > PAGE_H - MARGIN)
    new_page (w);
}

static void
paragraph (Writer     *w,
           const char *text,
           double      size,
           gboolean    bold,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = tandem_chart_layout (w->cr, &w->style, size, bold, text);
  int width, height;

  pango_layout_set_width (layout, (int) ((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &width, &height);
  room_for (w, height);
  tandem_chart_set_source (w->cr, &w->style.foreground);
  cairo_move_to (w->cr, MARGIN, w->y);
  pango_cairo_show_layout (w->cr, layout);
  w->y += height + space_after;
}

static void
heading (Writer     *w,
         const char *text)
{
  room_for (w, 80);   /* never alone at the foot of a page */
  w->y += 10;
  paragraph (w, text, 17, TRUE, 8);
}

static void
chart (Writer              *w,
       TandemChartDrawFunc  draw,
       gpointer             data,
       double               height)
{
  room_for (w, height);
  cairo_save (w->cr);
  cairo_translate (w->cr, MARGIN, w->y);
  cairo_rectangle (w->cr, 0, 0, PAGE_W - 2 * MARGIN, height);
  cairo_clip (w->cr);
  draw (w->cr, PAGE_W - 2 * MARGIN, height, &w->style, data);
  cairo_restore (w->cr);
  w->y += height + 12;
}

static const char *
team_name (TandemTeam team)
{
  switch (team)
    {
    case TANDEM_TEAM_TELEQUALIFICATION: return _("telequalification");
    case TANDEM_TEAM_SALES:             return _("sales");
    case TANDEM_TEAM_MARKETING:
    default:                            return _("marketing");
    }
}

static void
write_stages (Writer      *w,
              TandemStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, &error);

  heading (w, _("1. The stages we agree on"));
  if (taxonomy == NULL || tandem_taxonomy_get_n_stages (taxonomy) == 0)
    {
      paragraph (w, _("No stages are agreed yet: choose them on the Funnel page."), 11, FALSE, 6);
      return;
    }
  for (guint i = 0; i < tandem_taxonomy_get_n_stages (taxonomy); i++)
    {
      const TandemStage *s = tandem_taxonomy_get_stage (taxonomy, i);
      g_autofree char *title = g_strdup_printf ("%s (%s) — %s, %s", s->name, s->short_name, team_name (s->team),
                                                tandem_stage_kind_to_string (s->kind));
      paragraph (w, title, 12, TRUE, 2);
      paragraph (w, s->definition && s->definition[0] ? s->definition : _("(no definition written yet)"), 11, FALSE, 8);
    }
}

static void
write_mql (Writer      *w,
           TandemStore *store,
           TandemModel *model)
{
  static const char *const dims[] = { N_("Qualification (fit)"), N_("Interest (engagement)") };
  g_autoptr(GString) cells = g_string_new (NULL);

  heading (w, _("2. What makes a Marketing Qualified Lead"));
  if (model == NULL)
    {
      paragraph (w, _("There is no live scoring model yet."), 11, FALSE, 6);
      return;
    }
  for (guint f = 0; f < tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT); f++)
    for (guint i = 0; i < tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST); i++)
      if (tandem_model_is_mql_cell (model, f, i))
        {
          g_autofree char *cell = tandem_model_cell_name (f, i);
          g_string_append_printf (cells, "%s%s", cells->len ? ", " : "", cell);
        }
  {
    g_autofree char *text = g_strdup_printf (_("A lead is an MQL when its cell in the matrix is one of: %s. "
                                               "Its qualification (fit) score gives the letter and its interest "
                                               "(engagement) score the digit; each score is the sum of the rules below."),
                                             cells->len ? cells->str : _("(none)"));
    paragraph (w, text, 11, FALSE, 8);
  }
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *spec = tandem_model_get_dimension (model, d);
      g_autoptr(GString) bands = g_string_new (NULL);

      paragraph (w, _(dims[d]), 13, TRUE, 4);
      for (guint t = 0; t < spec->n_thresholds; t++)
        g_string_append_printf (bands, "%s%c from %g", t ? ", " : "", d == 0 ? 'A' + t : '1' + t, spec->thresholds[t]);
      {
        /* Translators: the bands of one axis in the agreement, "Bands: A from 45, B from 30, …" */
        g_autofree char *text = g_strdup_printf (_("Bands: %s; below the last, %c."), bands->str,
                                                 d == 0 ? 'A' + spec->n_thresholds : '1' + spec->n_thresholds);
        paragraph (w, text, 11, FALSE, 4);
      }
      for (guint r = 0; r < spec->rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (spec->rules, r);
          g_autofree char *condition = tandem_rule_dup_condition (rule);
          g_autofree char *line = NULL;
          if (rule->label && rule->label[0])
            line = g_strdup_printf ("• %s: %s → %+g%s", rule->label, condition, rule->points,
                                    rule->enabled ? "" : _(" (off)"));
          else
            line = g_strdup_printf ("• %s → %+g%s", condition, rule->points, rule->enabled ? "" : _(" (off)"));
          paragraph (w, line, 11, FALSE, 2);
        }
      w->y += 6;
    }
}

static void
write_sla (Writer      *w,
           TandemStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSlaReport) report = NULL;
  g_autofree char *saved = tandem_store_dup_setting (store, "sla.terms");
  g_auto(TandemSlaTerms) terms = { 0, };

  heading (w, _("3. Service-level agreement"));
  if (!tandem_sla_terms_load (store, &terms, &error))
    {
      paragraph (w, error->message, 11, FALSE, 6);
      return;
    }
  if (saved == NULL)
    paragraph (w, _("No terms are saved in this workspace; these are Tandem's defaults."), 11, FALSE, 4);
  {
    g_autofree char *text = g_strdup_printf (_("• Sales follows up every MQL within %g working hours (working hours %02d:00 to "
                                               "%02d:00 on working days)."), terms.follow_up_hours, terms.day_start, terms.day_end);
    paragraph (w, text, 11, FALSE, 2);
  }
  {
    g_autofree char *text = g_strdup_printf (_("• Sales accepts or rejects every MQL within %g days."), terms.accept_days);
    paragraph (w, text, 11, FALSE, 2);
  }
  if (terms.reason_codes != NULL)
    {
      g_autofree char *codes = g_strjoinv (", ", terms.reason_codes);
      g_autofree char *text = g_strdup_printf (_("• A rejected MQL is given one of these reasons: %s."), codes);
      paragraph (w, text, 11, FALSE, 2);
    }
  else
    paragraph (w, _("• No rejection reasons are agreed yet."), 11, FALSE, 2);
  if (!isnan (terms.mql_commitment))
    {
      g_autofree char *text = g_strdup_printf (_("• Marketing delivers %g MQLs a month."), terms.mql_commitment);
      paragraph (w, text, 11, FALSE, 2);
    }
  if (!isnan (terms.pipeline_share))
    {
      g_autofree char *text = g_strdup_printf (_("• Marketing sources %.0f %% of the pipeline."), terms.pipeline_share * 100);
      paragraph (w, text, 11, FALSE, 2);
    }
  report = tandem_sla_compute (store, &terms, NULL, NULL, NULL);
  if (report != NULL && report->mqls > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "So far: %lld MQL, %.1f %% followed up in time; median response %.1f working hours.",
                                                                    "So far: %lld MQLs, %.1f %% followed up in time; median response %.1f working hours.",
                                                                    (gulong) report->mqls),
                                               (long long) report->mqls, report->share_within * 100,
                                               isnan (report->median_hours) ? 0 : report->median_hours);
      paragraph (w, text, 11, FALSE, 6);
    }
  w->y += 4;
}

static void
write_targets (Writer      *w,
               TandemStore *store)
{
  g_auto(GStrv) names = tandem_scenario_list (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlanInput) input = NULL;
  g_autoptr(TandemPlanResult) result = NULL;
  g_auto(GStrv) steps = NULL;

  heading (w, _("4. Targets"));
  if (names[0] == NULL || (input = tandem_scenario_load (store, names[0], &error)) == NULL ||
      (result = tandem_plan_calculate (input, &error)) == NULL)
    {
      paragraph (w, error ? error->message : _("No targets are saved yet: plan them on the Targets page."), 11, FALSE, 6);
      return;
    }
  {
    g_autofree char *revenue = tandem_targets_dup_revenue_line (result, input->currency);
    /* Translators: "From the scenario “Q1”, amounts in EUR:" */
    g_autofree char *text = g_strdup_printf (_("From the scenario “%s”, amounts in %s:"), names[0], input->currency);
    paragraph (w, text, 11, FALSE, 4);
    if (revenue != NULL)
      paragraph (w, revenue, 11, TRUE, 4);
  }
  steps = tandem_plan_explain_steps (result, input->currency);
  for (guint k = 0; steps[k]; k++)
    {
      g_autofree char *line = g_strdup_printf ("• %s", steps[k]);
      paragraph (w, line, 11, FALSE, 2);
    }
  w->y += 6;
  {
    TandemTargetsChartData *data = tandem_targets_chart_data_from (result, input->currency);
    chart (w, tandem_targets_draw_funnel, data, 220);
    tandem_targets_chart_data_free (data);
  }
}

static void
write_charts (Writer      *w,
              TandemStore *store,
              TandemModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, NULL);
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_load (store, NULL);

  heading (w, _("5. Where we stand"));
  if (model != NULL)
    {
      g_autoptr(TandemScorer) scorer = tandem_scorer_new (store, model, NULL, NULL, &error);
      if (scorer != NULL && tandem_scorer_load_outcomes (scorer, store, &error))
        {
          TandemMatrixData data;
          tandem_matrix_data_from_scorer (&data, scorer, model, NULL, NULL);
          paragraph (w, _("The matrix today, with the MQL cells outlined:"), 11, FALSE, 4);
          chart (w, tandem_matrix_draw, &data, 330);
        }
      else
        paragraph (w, error->message, 11, FALSE, 6);
    }
  if (taxonomy != NULL && mapping != NULL && tandem_taxonomy_get_n_stages (taxonomy) > 0)
    {
      TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
      g_autoptr(TandemWaterfall) waterfall = tandem_waterfall_compute (store, taxonomy, mapping, &options, NULL, NULL);
      if (waterfall != NULL)
        {
          TandemWaterfallChartData *data = tandem_waterfall_chart_data_from (waterfall);
          paragraph (w, _("The demand waterfall, all time:"), 11, FALSE, 4);
          chart (w, tandem_waterfall_draw, data, 300);
          tandem_waterfall_chart_data_free (data);
        }
    }
}

static void
write_decisions (Writer      *w,
                 TandemStore *store)
{
  g_autoptr(GPtrArray) log = tandem_decisions_list (store);

  heading (w, _("6. Decision log"));
  if (log->len == 0)
    {
      paragraph (w, _("No change to the live model has been recorded yet."), 11, FALSE, 6);
      return;
    }
  for (guint k = 0; k < log->len; k++)
    {
      TandemDecision *d = g_ptr_array_index (log, k);
      g_autofree char *title = g_strdup_printf ("%s UTC — %s", d->at, d->model);
      paragraph (w, title, 11, TRUE, 2);
      paragraph (w, d->changes, 10, FALSE, 2);
      if (d->note && d->note[0])
        {
          g_autofree char *note = g_strdup_printf (_("Why: %s"), d->note);
          paragraph (w, note, 10, FALSE, 2);
        }
      w->y += 6;
    }
}

GPtrArray *
tandem_agreement_render (TandemStore  *store,
                         GError      **error)
{
  g_autofree char *title = tandem_store_dup_title (store);
  g_autoptr(TandemModel) model = tandem_model_load (store, NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = tandem_format_date (now);
  cairo_status_t status;
  Writer w = { 0, };

  w.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  start_page (&w);
  tandem_chart_style_init (&w.style, TANDEM_CHART_THEME_LIGHT);
  w.y = MARGIN;
  w.page = 1;

  paragraph (&w, _("Sales and Marketing Agreement"), 24, TRUE, 6);
  {
    g_autoptr(GPtrArray) log = tandem_decisions_list (store);
    g_autofree char *sub = NULL;
    if (model != NULL)
      /* Translators: the agreement's subtitle: workspace, date, live model and its version */
      sub = g_strdup_printf (_("%s · %s · scoring model “%s”, version %u"), title, today, tandem_model_get_name (model),
                             MAX (log->len, 1));
    else
      sub = g_strdup_printf ("%s · %s", title, today);
    paragraph (&w, sub, 11, FALSE, 14);
  }
  paragraph (&w, _("This document records what both teams agree a lead is, when it becomes a Marketing Qualified Lead, "
                   "how each team treats it, and how many are needed. It was written by Tandem from the workspace."),
             11, FALSE, 10);

  write_stages (&w, store);
  write_mql (&w, store, model);
  write_sla (&w, store);
  write_targets (&w, store);
  write_charts (&w, store, model);
  write_decisions (&w, store);

  heading (&w, _("Signed"));
  paragraph (&w, _("For Marketing: ______________________________   Date: ____________"), 12, FALSE, 24);
  paragraph (&w, _("For Sales: __________________________________   Date: ____________"), 12, FALSE, 6);

  status = cairo_status (w.cr);
  cairo_destroy (w.cr);
  tandem_chart_style_clear (&w.style);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not lay out the agreement: %s"), cairo_status_to_string (status));
      g_ptr_array_unref (w.pages);
      return NULL;
    }
  return w.pages;
}

void
tandem_agreement_draw_page (cairo_t   *cr,
                            GPtrArray *pages,
                            guint      page,
                            double     width,
                            double     height)
{
  double scale;

  g_return_if_fail (page < pages->len);
  scale = MIN (width / PAGE_W, height / PAGE_H);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, g_ptr_array_index (pages, page), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

gboolean
tandem_agreement_write (TandemStore  *store,
                        const char   *path,
                        GError      **error)
{
  g_autofree char *partial = g_strdup_printf ("%s.partial-%d", path, (int) getpid ());
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GPtrArray) pages = tandem_agreement_render (store, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (pages == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (partial, PAGE_W, PAGE_H);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), name,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      g_unlink (partial);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Sales and Marketing Agreement"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tandem");
  cr = cairo_create (surface);
  for (guint k = 0; k < pages->len; k++)
    {
      tandem_agreement_draw_page (cr, pages, k, PAGE_W, PAGE_H);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return tandem_chart_commit_file (status, partial, path, error);
}

/* ---- On a worker thread --------------------------------------------------- */

typedef struct
{
  TandemStore *store;
  char        *path;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  WriteJob *job = data;
  GError *error = NULL;

  if (!tandem_agreement_write (job->store, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (job->path), g_free);
}

void
tandem_agreement_write_async (TandemStore         *store,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  WriteJob *job = g_new0 (WriteJob, 1);

  g_task_set_source_tag (task, tandem_agreement_write_async);
  /* A connection of its own: scoring and the waterfall run on the thread */
  job->store = tandem_store_dup_for_thread (store);
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

char *
tandem_agreement_write_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
