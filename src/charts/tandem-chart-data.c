/* tandem-chart-data.c — the core's results as chart data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-chart-data.h"
#include "tandem-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

void
tandem_matrix_data_from_scorer (TandemMatrixData   *data,
                                const TandemScorer *scorer,
                                const TandemModel  *bands,
                                const TandemScorer *live_scorer,
                                const TandemModel  *live)
{
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];

  tandem_matrix_data_init (data);
  tandem_scorer_count_matrix_won (scorer, bands, counts, won);
  data->n_fit = tandem_model_get_n_bands (bands, TANDEM_DIMENSION_FIT);
  data->n_interest = tandem_model_get_n_bands (bands, TANDEM_DIMENSION_INTEREST);
  data->total = tandem_scorer_get_n_leads (scorer);
  data->has_outcomes = tandem_scorer_has_outcomes (scorer);
  for (guint f = 0; f < data->n_fit; f++)
    for (guint i = 0; i < data->n_interest; i++)
      {
        data->counts[f][i] = counts[f][i];
        data->won[f][i] = won[f][i];
        data->mql[f][i] = tandem_model_is_mql_cell (bands, f, i);
      }
  if (live_scorer != NULL && live != NULL &&
      tandem_model_get_n_bands (live, TANDEM_DIMENSION_FIT) == data->n_fit &&
      tandem_model_get_n_bands (live, TANDEM_DIMENSION_INTEREST) == data->n_interest)
    {
      tandem_scorer_count_matrix (live_scorer, live, counts);
      data->has_ghost = TRUE;
      for (guint f = 0; f < data->n_fit; f++)
        for (guint i = 0; i < data->n_interest; i++)
          {
            data->ghost_counts[f][i] = counts[f][i];
            data->ghost_mql[f][i] = tandem_model_is_mql_cell (live, f, i);
          }
    }
  data->has_distributions = TRUE;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      const TandemDimensionSpec *spec = tandem_model_get_dimension ((TandemModel *) bands, d);
      tandem_scorer_get_distribution (scorer, d, data->axes[d].counts, &data->axes[d].lo, &data->axes[d].width);
      data->axes[d].n_thresholds = spec->n_thresholds;
      memcpy (data->axes[d].thresholds, spec->thresholds, sizeof (double) * spec->n_thresholds);
    }
  tandem_matrix_data_fit_axes (data);
}

TandemWaterfallChartData *
tandem_waterfall_chart_data_from (const TandemWaterfall *w)
{
  TandemWaterfallChartData *data = tandem_waterfall_chart_data_new ();
  const char *mode = w->mode == TANDEM_WATERFALL_COHORT ? _("Cohort") : _("Flow");

  if (w->from || w->to)
    data->period = g_strdup_printf ("%s · %s – %s", mode, w->from ? w->from : "…", w->to ? w->to : "…");
  else
    data->period = g_strdup_printf ("%s · %s", mode, _("all time"));

  for (guint s = 0; s < w->segments->len; s++)
    {
      TandemWaterfallSegment *seg = g_ptr_array_index (w->segments, s);
      TandemWaterfallSegment *prev = w->previous && s < w->previous->segments->len ? g_ptr_array_index (w->previous->segments, s) : NULL;
      TandemWaterfallSeries *series = tandem_waterfall_chart_data_add_series (data, w->segments->len > 1 ? (seg->segment ? seg->segment : _("(empty)")) : NULL);

      for (guint i = 0; i < seg->stages->len; i++)
        {
          TandemWaterfallStage *st = &g_array_index (seg->stages, TandemWaterfallStage, i);
          TandemWaterfallBar bar = { st->short_name && st->short_name[0] ? st->short_name : st->name, st->reached, st->lost,
                                     st->recycled, i > 0 ? st->conversion_from_previous : NAN,
                                     st->median_days_from_previous, st->planned, NAN };
          if (prev != NULL && i < prev->stages->len)
            bar.previous = g_array_index (prev->stages, TandemWaterfallStage, i).reached;
          tandem_waterfall_series_add_bar (series, &bar);
        }
    }
  return data;
}

char *
tandem_targets_dup_revenue_line (const TandemPlanResult *r,
                                 const char             *currency)
{
  g_autofree char *revenue = NULL;
  g_autofree char *deals = NULL;
  gulong n = (gulong) MIN (llround (MAX (r->deals, 0)), G_MAXLONG);

  if (!r->has_revenue)
    return NULL;
  revenue = tandem_format_amount (r->revenue, currency);
  deals = tandem_format_count ((gint64) n);
  /* Translators: a plan's revenue and deals, "€2,025,000 from 27 deals" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s from %s deal", "%s from %s deals", n), revenue, deals);
}

TandemTargetsChartData *
tandem_targets_chart_data_from (const TandemPlanResult *r,
                                const char             *currency)
{
  TandemTargetsChartData *data = tandem_targets_chart_data_new ();

  if (r->has_revenue && currency != NULL)
    data->currency = g_strdup (currency);

  for (guint s = 0; s < r->n_stages; s++)
    tandem_targets_chart_add_stage (data, r->stages[s].name, r->stages[s].exact, r->stages[s].volume,
                                    r->stages[s].has_split ? r->stages[s].marketing : NAN);
  data->tornado_unit = g_strdup (r->has_revenue ? _("Revenue gained by one improvement") : _("Deals gained by one improvement"));
  for (guint k = 0; k < r->sensitivity->len; k++)
    {
      TandemPlanSensitivity *item = &g_array_index (r->sensitivity, TandemPlanSensitivity, k);
      tandem_targets_chart_add_tornado (data, item->label, r->has_revenue ? item->revenue_change : item->deals_change);
    }
  return data;
}

TandemFiguresData *
tandem_figures_from_sla (const TandemSlaReport *report,
                         const TandemSlaTerms  *terms)
{
  TandemFiguresData *f = tandem_figures_data_new (_("Service level"));

  if (report == NULL || report->mqls == 0)
    {
      tandem_figures_add (f, "—", _("No MQLs with a stage history to measure yet"));
      return f;
    }
  {
    g_autofree char *share = g_strdup_printf ("%.1f %%", report->share_within * 100);
    g_autofree char *share_label = g_strdup_printf (_("of MQLs followed up within %g working hours"), terms->follow_up_hours);
    g_autofree char *median = g_strdup_printf ("%.1f h", isnan (report->median_hours) ? 0 : report->median_hours);
    g_autofree char *p90 = g_strdup_printf ("%.1f h", isnan (report->p90_hours) ? 0 : report->p90_hours);
    g_autofree char *mqls = g_strdup_printf ("%'lld", (long long) report->mqls);
    g_autofree char *outcome = g_strdup_printf (_("MQLs: %'lld accepted within %g days, %'lld rejected"),
                                                (long long) report->accepted, terms->accept_days, (long long) report->rejected);
    tandem_figures_add (f, share, share_label);
    tandem_figures_add (f, median, _("median response, in working hours"));
    tandem_figures_add (f, p90, _("for nine in ten MQLs"));
    tandem_figures_add (f, mqls, outcome);
    if (!isnan (report->committed))
      {
        g_autofree char *committed = g_strdup_printf (_("MQLs delivered against a commitment of %.0f"), report->committed);
        tandem_figures_add (f, mqls, committed);
      }
    /* The most given reason, the next two after it: one line, so the
     * histogram keeps its room on a slide */
    if (report->reasons->len > 0 && ((const TandemSlaOwner *) g_ptr_array_index (report->reasons, 0))->mqls > 0)
      {
        const TandemSlaOwner *top = g_ptr_array_index (report->reasons, 0);
        g_autofree char *count = g_strdup_printf ("%'lld", (long long) top->mqls);
        g_autoptr(GString) label = g_string_new (NULL);

        g_string_printf (label, _("rejected: %s"), top->owner);
        for (guint k = 1; k < MIN (report->reasons->len, 3); k++)
          {
            const TandemSlaOwner *r = g_ptr_array_index (report->reasons, k);
            if (r->mqls == 0)
              break;
            /* Translators: the next rejection reasons after the first, "; then No budget (478)" */
            g_string_append_printf (label, k == 1 ? _("; then %s (%'lld)") : _(", %s (%'lld)"), r->owner, (long long) r->mqls);
          }
        tandem_figures_add (f, count, label->str);
      }
  }
  /* Response times, 0 to 40 working hours, in 2-hour bins */
  for (guint k = 0; k < 20; k++)
    {
      double zero = 0;
      g_array_append_val (f->histogram, zero);
    }
  for (guint k = 0; k < report->hours->len; k++)
    {
      double h = g_array_index (report->hours, double, k);
      g_array_index (f->histogram, double, MIN ((guint) (h / 2), 19)) += 1;
    }
  f->histogram_caption = g_strdup (_("Working hours to the first sales touch, 0 to 40 (the last bar: 38 or more)"));
  return f;
}
