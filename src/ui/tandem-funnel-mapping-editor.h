/* tandem-funnel-mapping-editor.h — Placing Leads on Stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-funnel-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FUNNEL_MAPPING_EDITOR (tandem_funnel_mapping_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemFunnelMappingEditor, tandem_funnel_mapping_editor, TANDEM, FUNNEL_MAPPING_EDITOR, AdwBin)

TandemFunnelState *tandem_funnel_mapping_editor_get_state (TandemFunnelMappingEditor *self);
void               tandem_funnel_mapping_editor_set_state (TandemFunnelMappingEditor *self,
                                                           TandemFunnelState         *state);

G_END_DECLS
