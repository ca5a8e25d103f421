/* tandem-bands-editor.h — where each band of a scoring model starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-state-view.h"

#include "tandem-scoring-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_BANDS_EDITOR (tandem_bands_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemBandsEditor, tandem_bands_editor, TANDEM, BANDS_EDITOR, TandemStateView)

/* Its "state" (a TandemStateView's) is the page's TandemScoringState:
 * the bands and score limits of its draft, edited in place. */

G_END_DECLS
