/* tandem-scenario.h — named Targets scenarios kept in a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/* Saves (inserts or replaces by name) a plan input under @name, its body
 * saying the workspace's currency.  An input that says another currency
 * is refused (TANDEM_PLAN_ERROR_INVALID): amounts are not converted.    */
gboolean         tandem_scenario_save      (TandemStore            *store,
                                            const char             *name,
                                            const TandemPlanInput  *input,
                                            GError                **error);
/* A missing scenario is TANDEM_STORE_ERROR_NOT_FOUND, naming it; one whose
 * body says a currency other than the workspace's is refused
 * (TANDEM_STORE_ERROR_INVALID, naming both).  The input returned says the
 * workspace's currency (one made before currencies were kept says none).  */
TandemPlanInput *tandem_scenario_load      (TandemStore            *store,
                                            const char             *name,
                                            GError                **error);
gboolean         tandem_scenario_delete    (TandemStore            *store,
                                            const char             *name,
                                            GError                **error);
/* The scenarios' names, alphabetically (a NULL-terminated array). */
GStrv            tandem_scenario_list      (TandemStore            *store);
/* The name for a copy of @name that none of @taken (NULL-terminated, or
 * NULL) has: "Plan (copy)", then "Plan (copy 2)"…; a copy of a copy is
 * numbered from the name the first was made from, never "(copy) (copy)". */
char            *tandem_scenario_copy_name (const char             *name,
                                            const char *const      *taken);

G_END_DECLS
