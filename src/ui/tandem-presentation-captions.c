/* tandem-presentation-captions.c — what meeting mode's slides say in
 * words beside their charts: the plan's pacing, the targets' goal, the
 * shades of a split bar and what "4677 (4663.8)" means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-format.h"
#include "tandem-plan-actuals.h"
#include "tandem-presentation-private.h"

char *
_tandem_presentation_pace_caption (TandemWaterfallChartData  *d,
                                   const char                *from,
                                   const char                *to,
                                   const char                *last,
                                   char                     **out_text)
{
  g_autoptr(GString) stages = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  TandemWaterfallSeries *all;
  guint day, days;

  *out_text = NULL;
  if (from == NULL || to == NULL || last == NULL || d->series->len == 0 ||
      !tandem_plan_pace (from, to, last, &day, &days, NULL) || day == 0 || day >= days)
    return NULL;
  d->pace_day = day;
  d->pace_days = days;
  all = g_ptr_array_index (d->series, 0);
  for (guint b = 0; b < all->bars->len; b++)
    {
      const TandemWaterfallBar *bar = &g_array_index (all->bars, TandemWaterfallBar, b);
      g_autofree char *count = NULL;

      if (isnan (bar->planned))
        continue;
      count = tandem_chart_format_count ((guint64) tandem_plan_paced_volume (bar->planned, day, days));
      g_string_append_printf (stages, stages->len ? " · %s %s" : "%s %s", bar->label, count);
    }
  if (stages->len == 0)
    return NULL;
  /* Translators: pacing "by today" or by the latest data's date */
  when = g_str_equal (today, last) ? g_strdup (_("by today")) : g_strdup_printf (_("by %s"), last);
  /* Translators: the plan prorated to the days gone of its period: "On pace by today, day 64 of 92: INQ 3,254 · WON 157" */
  text = g_strdup_printf (_("On pace %s, day %u of %u: %s"), when, day, days, stages->str);
  *out_text = g_strdup (text);
  return g_markup_escape_text (text, -1);
}

char *
_tandem_presentation_goal (const TandemPlanResult *plan,
                           const char             *currency)
{
  g_autofree char *deals = tandem_chart_format_count ((guint64) llround (plan->deals));

  if (plan->has_revenue)
    {
      double amount = plan->mode == TANDEM_PLAN_FROM_REVENUE ? plan->revenue_goal : plan->revenue;
      g_autofree char *revenue = currency != NULL ? tandem_format_amount (amount, currency) : g_strdup_printf ("%'.0f", amount);
      /* Translators: the targets slide's goal: the revenue, then the deals */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Goal: %s in revenue from %s deal", "Goal: %s in revenue from %s deals",
                                           (gulong) llround (plan->deals)), revenue, deals);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Goal: %s deal", "Goal: %s deals", (gulong) llround (plan->deals)), deals);
}

char *
_tandem_presentation_targets_caption (const TandemPlanResult  *plan,
                                      char                   **out_text)
{
  TandemChartStyle style;
  TandemRgba part;
  g_autofree char *share = NULL;
  g_autofree char *marketing = NULL;
  g_autofree char *escaped = NULL;
  char part_hex[8];

  /* The chart names both shades and says what a bracket is; the slide
   * adds the one thing it does not: marketing's share */
  *out_text = NULL;
  if (!plan->stages[0].has_split || !(plan->stages[0].volume > 0))
    return NULL;
  share = g_strdup_printf ("%.0f %%", 100 * plan->stages[0].marketing / plan->stages[0].volume);
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_PROJECTOR);
  tandem_chart_ramp (&style, FALSE, 0.55, &part);   /* as tandem_targets_draw_funnel () shades it */
  tandem_chart_style_clear (&style);
  g_snprintf (part_hex, sizeof part_hex, "#%02x%02x%02x", (guint) llround (part.red * 255), (guint) llround (part.green * 255),
              (guint) llround (part.blue * 255));
  /* Translators: the targets slide's legend: the lighter, left part of each bar, then its share */
  marketing = g_strdup_printf (_("Marketing-sourced (the lighter, left part): %s"), share);
  escaped = g_markup_escape_text (marketing, -1);
  *out_text = g_steal_pointer (&marketing);
  return g_strdup_printf ("<span foreground=\"%s\">■</span> %s", part_hex, escaped);
}
