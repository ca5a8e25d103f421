/* tandem-targets-page.h — what-if planning, from a revenue goal to leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-chart-view.h"
#include "tandem-plan.h"
#include "tandem-plan-state.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_TARGETS_PAGE (tandem_targets_page_get_type ())
G_DECLARE_FINAL_TYPE (TandemTargetsPage, tandem_targets_page, TANDEM, TARGETS_PAGE, AdwBin)

/* As the "store" property; setting the same store again reloads it, as
 * when the workspace is opened again. */
void              tandem_targets_page_set_store   (TandemTargetsPage     *self,
                                                   TandemStore           *store);
/* The plan, its scenarios, undo and the draft (owned by the page). */
TandemPlanState  *tandem_targets_page_get_state   (TandemTargetsPage     *self);
/* The inputs as the form holds them (owned by the page). */
TandemPlanInput  *tandem_targets_page_get_input   (TandemTargetsPage     *self);
/* Replaces the inputs and refills the form. */
void              tandem_targets_page_set_input   (TandemTargetsPage     *self,
                                                   const TandemPlanInput *input);
/* The last result, or NULL when the inputs are invalid (see the error). */
TandemPlanResult *tandem_targets_page_get_result  (TandemTargetsPage     *self);
const char       *tandem_targets_page_get_error   (TandemTargetsPage     *self);
/* The scenario chosen in the form's list, or NULL */
const char       *tandem_targets_page_get_scenario (TandemTargetsPage *self);
/* The revenue goal's entry (money grouped as the locale groups it) */
GtkSpinButton    *tandem_targets_page_get_revenue_spin (TandemTargetsPage *self);
/* The Currency row: its list holds tandem_currency_get_nth()'s codes in order */
AdwComboRow      *tandem_targets_page_get_currency_row (TandemTargetsPage *self);
/* The arithmetic as shown, one step a line. */
const char       *tandem_targets_page_get_steps   (TandemTargetsPage     *self);

/* Fills @grid with saved scenarios side by side (the change from the
 * first in each cell), as Compare Scenarios does; returns how many. */
guint             tandem_targets_page_compare     (TandemTargetsPage     *self,
                                                   const char *const     *names,
                                                   GtkGrid               *grid);

/* The plan's funnel chart. */
TandemChartView  *tandem_targets_page_get_chart   (TandemTargetsPage     *self);

G_END_DECLS
