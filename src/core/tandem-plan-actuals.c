/* tandem-plan-actuals.c — a plan's conversion rates from the workspace's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem-plan-actuals.h"

G_DEFINE_QUARK (tandem-plan-actuals-error-quark, tandem_plan_actuals_error)

TandemWaterfall *
tandem_plan_actuals_count (TandemStore   *store,
                           const char    *from,
                           const char    *to,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, from, to, NULL, FALSE };

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  /* The saved stages, else the ones the data has (as the Funnel shows them) */
  if (!tandem_funnel_choose (store, &taxonomy, &mapping, NULL, NULL, error))
    return NULL;
  return tandem_waterfall_compute (store, taxonomy, mapping, &options, cancellable, error);
}

static gboolean
stage_is (const TandemWaterfallStage *stage,
          const char                 *name)
{
  return g_ascii_strcasecmp (stage->name, name) == 0 || g_ascii_strcasecmp (stage->short_name, name) == 0;
}

guint
tandem_plan_actuals_apply (TandemPlanInput       *input,
                           const TandemWaterfall *waterfall,
                           gboolean              *out_stages_replaced)
{
  TandemWaterfallSegment *all;
  guint filled = 0, known = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (input != NULL && waterfall != NULL, 0);

  if (out_stages_replaced != NULL)
    *out_stages_replaced = FALSE;
  if (waterfall->segments->len == 0)
    return 0;
  all = g_ptr_array_index (waterfall->segments, 0);

  /* A plan over stages the workspace does not have takes the Funnel's
   * open and won stages instead */
  for (guint i = 0; i < input->n_stages; i++)
    for (guint s = 0; s < all->stages->len; s++)
      if (stage_is (&g_array_index (all->stages, TandemWaterfallStage, s), input->stages[i]))
        known++;
  for (guint s = 0; s < all->stages->len && names->len < TANDEM_PLAN_MAX_STAGES; s++)
    {
      TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
      if (st->kind == TANDEM_STAGE_OPEN || st->kind == TANDEM_STAGE_WON)
        g_ptr_array_add (names, st->name);
    }
  g_ptr_array_add (names, NULL);
  if (known < 2 && names->len > 2 && tandem_plan_input_set_stages (input, (const char *const *) names->pdata, NULL) &&
      out_stages_replaced != NULL)
    *out_stages_replaced = TRUE;

  for (guint i = 0; i + 1 < input->n_stages; i++)
    {
      gint64 from = -1, to = -1;
      for (guint s = 0; s < all->stages->len; s++)
        {
          TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
          if (stage_is (st, input->stages[i]))
            from = st->reached;
          /* The last step ends at the won stage, whatever the plan calls it */
          if (stage_is (st, input->stages[i + 1]) || (i + 2 == input->n_stages && st->kind == TANDEM_STAGE_WON))
            to = st->reached;
        }
      if (from > 0 && to >= 0 && to <= from)
        {
          input->rates[i] = (double) to / from;
          filled++;
        }
    }
  return filled;
}

gboolean
tandem_plan_actuals_fill (TandemStore      *store,
                          TandemPlanInput  *input,
                          const char       *from,
                          const char       *to,
                          guint            *out_filled,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(TandemWaterfall) waterfall = NULL;
  g_autoptr(TandemPlanInput) updated = NULL;
  guint filled;

  g_return_val_if_fail (input != NULL, FALSE);

  waterfall = tandem_plan_actuals_count (store, from, to, cancellable, error);
  if (waterfall == NULL)
    return FALSE;
  updated = tandem_plan_input_copy (input);
  filled = tandem_plan_actuals_apply (updated, waterfall, NULL);
  if (filled == 0)
    {
      g_autoptr(GString) stages = g_string_new (NULL);

      for (guint i = 0; i < input->n_stages; i++)
        g_string_append_printf (stages, i > 0 ? ", %s" : "%s", input->stages[i]);
      g_set_error (error, TANDEM_PLAN_ACTUALS_ERROR, TANDEM_PLAN_ACTUALS_ERROR_NO_MATCH,
                   /* Translators: the plan's stages, "Inquiry, MQL, SAL, SQL, Won" */
                   _("None of the plan's stages (%s) are in the Funnel's stages, or no lead reached them"), stages->str);
      return FALSE;
    }
  /* The copy was the trial: now the caller's input */
  tandem_plan_actuals_apply (input, waterfall, NULL);
  if (out_filled != NULL)
    *out_filled = filled;
  return TRUE;
}

/* "YYYY-MM-DD" exactly, a real day */
static gboolean
parse_day (const char  *text,
           const char  *what,
           GDate       *out,
           GError     **error)
{
  unsigned year, month, day;
  char end;

  g_date_clear (out, 1);
  if (text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3 &&
      g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: what the date is ("the period's start"), then the text given */
               _("%s, “%s”, is not a date (YYYY-MM-DD)"), what, text ? text : "");
  return FALSE;
}

gboolean
tandem_plan_pace (const char  *from,
                  const char  *to,
                  const char  *as_of,
                  guint       *out_day,
                  guint       *out_days,
                  GError     **error)
{
  GDate start, end, day;
  gint days, gone;

  if (!parse_day (from, _("The period's start"), &start, error) ||
      !parse_day (to, _("The period's end"), &end, error) ||
      !parse_day (as_of, _("The day to pace by"), &day, error))
    return FALSE;
  if (g_date_compare (&end, &start) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The period %s – %s ends before it starts"), from, to);
      return FALSE;
    }
  days = g_date_days_between (&start, &end) + 1;
  gone = CLAMP (g_date_days_between (&start, &day) + 1, 0, days);
  if (out_day != NULL)
    *out_day = (guint) gone;
  if (out_days != NULL)
    *out_days = (guint) days;
  return TRUE;
}

double
tandem_plan_paced_volume (double volume,
                          guint  day,
                          guint  days)
{
  if (days == 0 || !isfinite (volume))
    return NAN;
  return round (volume * MIN (day, days) / days);
}
