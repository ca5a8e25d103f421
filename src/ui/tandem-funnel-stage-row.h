/* tandem-funnel-stage-row.h — one stage of the funnel, its fields editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-funnel-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FUNNEL_STAGE_ROW (tandem_funnel_stage_row_get_type ())
G_DECLARE_FINAL_TYPE (TandemFunnelStageRow, tandem_funnel_stage_row, TANDEM, FUNNEL_STAGE_ROW, AdwExpanderRow)

/* Stage @index of @state's stages; its edits go to @state. */
GtkWidget *tandem_funnel_stage_row_new (TandemFunnelState *state,
                                        guint              index);

G_END_DECLS
