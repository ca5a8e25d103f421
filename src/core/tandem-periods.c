/* tandem-periods.c — the reporting periods a data set's dates offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-periods.h"

void
tandem_period_free (TandemPeriod *period)
{
  if (period == NULL)
    return;
  g_free (period->label);
  g_free (period->from);
  g_free (period->to);
  g_free (period);
}

gboolean
tandem_period_is (const TandemPeriod *period,
                  const char         *from,
                  const char         *to)
{
  return g_strcmp0 (period->from, from) == 0 && g_strcmp0 (period->to, to) == 0;
}

static char *
iso_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

static void
add (GPtrArray  *periods,
     char       *label,
     const GDate *from,
     const GDate *to)
{
  TandemPeriod *p = g_new0 (TandemPeriod, 1);

  p->label = label;
  p->from = from ? iso_day (from) : NULL;
  p->to = to ? iso_day (to) : NULL;
  g_ptr_array_add (periods, p);
}

/* @from: the first day of month @first_month0 (0 = January) of @year;
 * @to: the last day of month @last_month0 */
static void
set_month (GDate     *from,
           GDate     *to,
           int        first_month0,
           int        last_month0,
           GDateYear  year)
{
  g_date_clear (from, 1);
  g_date_set_dmy (from, 1, (GDateMonth) (first_month0 + 1), year);
  g_date_clear (to, 1);
  g_date_set_dmy (to, g_date_get_days_in_month ((GDateMonth) (last_month0 + 1), year),
                  (GDateMonth) (last_month0 + 1), year);
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  guint64 y, m, d;
  char *end;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  y = g_ascii_strtoull (text, &end, 10);
  if (end != text + 4)
    return FALSE;
  m = g_ascii_strtoull (text + 5, &end, 10);
  if (end != text + 7)
    return FALSE;
  d = g_ascii_strtoull (text + 8, &end, 10);
  if (end != text + 10)
    return FALSE;
  if (y < 1 || y > 9999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

GPtrArray *
tandem_periods_up_to (const char *last_date)
{
  GPtrArray *periods = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_period_free);
  GDate last, from, to;
  int year, month0, quarter;

  add (periods, g_strdup (_("All time")), NULL, NULL);
  if (!parse_day (last_date, &last))
    return periods;
  year = g_date_get_year (&last);
  month0 = (int) g_date_get_month (&last) - 1;
  quarter = month0 / 3;
  for (int k = 0; k < 6; k++)
    {
      int m = month0 - k, y = year;
      char label[64];

      for (; m < 0; m += 12)
        y--;
      if (y < 1)
        break;
      set_month (&from, &to, m, m, (GDateYear) y);
      g_date_strftime (label, sizeof label, "%B %Y", &from);
      add (periods, g_strdup (label), &from, &to);
    }
  for (int k = 0; k < 8; k++)
    {
      int q = quarter - k, y = year;

      for (; q < 0; q += 4)
        y--;
      if (y < 1)
        break;
      set_month (&from, &to, q * 3, q * 3 + 2, (GDateYear) y);
      /* Translators: a quarter, e.g. "2018 Q2" */
      add (periods, g_strdup_printf (_("%d Q%d"), y, q + 1), &from, &to);
    }
  for (int k = 0; k < 3 && year - k >= 1; k++)
    {
      set_month (&from, &to, 0, 11, (GDateYear) (year - k));
      add (periods, g_strdup_printf ("%d", year - k), &from, &to);
    }
  return periods;
}
