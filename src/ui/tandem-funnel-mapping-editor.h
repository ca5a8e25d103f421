/* tandem-funnel-mapping-editor.h — Placing Leads on Stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-state-view.h"

#include "tandem-funnel-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FUNNEL_MAPPING_EDITOR (tandem_funnel_mapping_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemFunnelMappingEditor, tandem_funnel_mapping_editor, TANDEM, FUNNEL_MAPPING_EDITOR, TandemStateView)

/* Its "state" (a TandemStateView's) is the page's TandemFunnelState:
 * its mapping, each choice an edit of it. */

G_END_DECLS
