/* tandem-periods.h — the reporting periods a data set's dates offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A period: its label and its first and last day (YYYY-MM-DD), both NULL
 * for "All time" (no bound). */
typedef struct
{
  char *label;
  char *from;
  char *to;
} TandemPeriod;

void       tandem_period_free   (TandemPeriod       *period);
gboolean   tandem_period_is     (const TandemPeriod *period,
                                 const char         *from,
                                 const char         *to);

/* "All time", then the last 6 months, 8 quarters and 3 years up to
 * @last_date (YYYY-MM-DD…, the data's last date, not the clock: exports
 * are often years old), newest first.  Only "All time" when @last_date is
 * NULL or not a date.  A GPtrArray of TandemPeriod, freeing them.        */
GPtrArray *tandem_periods_up_to (const char         *last_date);

G_END_DECLS
