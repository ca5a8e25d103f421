/* tandem-funnel-stage-list.h — the funnel's stages, one row each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-funnel-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FUNNEL_STAGE_LIST (tandem_funnel_stage_list_get_type ())
G_DECLARE_FINAL_TYPE (TandemFunnelStageList, tandem_funnel_stage_list, TANDEM, FUNNEL_STAGE_LIST, AdwBin)

TandemFunnelState *tandem_funnel_stage_list_get_state (TandemFunnelStageList *self);
void               tandem_funnel_stage_list_set_state (TandemFunnelStageList *self,
                                                       TandemFunnelState     *state);

G_END_DECLS
