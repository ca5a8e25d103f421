/* tandem-plan-private.h — what the plan's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-plan.c computes a plan, tandem-plan-check.c holds
 * the ranges its numbers may take, tandem-plan-input-json.c the input's JSON form.
 */
#pragma once

#include "tandem-plan.h"

G_BEGIN_DECLS

/* The names of the rounding modes, periods and plan modes, in enum order. */
extern const char *const tandem_plan_rounding_names[3];
extern const char *const tandem_plan_period_names[3];
extern const char *const tandem_plan_mode_names[3];

/* ---- Checks (tandem-plan-check.c) ------------------------------------- */

typedef enum
{
  BOUND_AMOUNT,    /* revenue goal, deal size */
  BOUND_PIPELINE,
  BOUND_VOLUME,
  BOUND_RATE,
  BOUND_SHARE,
  BOUND_COVERAGE,
  BOUND_COST,
  BOUND_LAG,
  BOUND_HEADS,
  BOUND_PER_HEAD,
} Bound;

/* Sets a TANDEM_PLAN_ERROR with @code; returns FALSE. */
G_GNUC_PRINTF (3, 4)
gboolean tandem_plan_invalid        (GError                **error,
                                     gint                    code,
                                     const char             *format,
                                     ...);
/* Whether @value lies in @bound's range (@loose: an unset value passes);
 * @what names it in the message. */
gboolean tandem_plan_check_bound    (double                  value,
                                     Bound                   bound,
                                     gboolean                loose,
                                     const char             *what,
                                     GError                **error);
/* Every number of @input in its range (@complete: as a whole plan). */
gboolean tandem_plan_check_numbers  (const TandemPlanInput  *input,
                                     gboolean                complete,
                                     GError                **error);
/* The stage the plan starts from. */
guint    tandem_plan_first_stage_of (const TandemPlanInput  *input);

G_END_DECLS
