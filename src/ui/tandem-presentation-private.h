/* tandem-presentation-private.h — shared by tandem-presentation*.c only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-chart-data.h"

G_BEGIN_DECLS

/* "On pace by today, day 64 of 92: INQ 3254 · MQL 1106 · …" (markup;
 * @out_text in words) when the plan's period @from – @to is part gone
 * by @last, the latest data, and sets @d's pace_day and pace_days; NULL otherwise. */
char *_tandem_presentation_pace_caption    (TandemWaterfallChartData  *d,
                                            const char                *from,
                                            const char                *to,
                                            const char                *last,
                                            char                     **out_text);
/* "Goal: 9,000,000 in revenue from 225 deals" */
char *_tandem_presentation_goal            (const TandemPlanResult    *plan,
                                             const char                *currency);
/* The two shades of a split bar in the projector theme's colours, and
 * what a bar's "4677 (4663.8)" means (markup; @out_text in words);
 * NULL when there is neither.                                          */
char *_tandem_presentation_targets_caption (const TandemPlanResult    *plan,
                                            char                     **out_text);

G_END_DECLS
