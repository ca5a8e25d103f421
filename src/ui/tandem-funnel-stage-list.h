/* tandem-funnel-stage-list.h — the funnel's stages, one row each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-state-view.h"

#include "tandem-funnel-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FUNNEL_STAGE_LIST (tandem_funnel_stage_list_get_type ())
G_DECLARE_FINAL_TYPE (TandemFunnelStageList, tandem_funnel_stage_list, TANDEM, FUNNEL_STAGE_LIST, TandemStateView)

/* Its "state" (a TandemStateView's) is the page's TandemFunnelState:
 * one row per stage of its taxonomy. */

G_END_DECLS
