/* tandem-bands-editor.h — where each band of a scoring model starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-scoring-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_BANDS_EDITOR (tandem_bands_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemBandsEditor, tandem_bands_editor, TANDEM, BANDS_EDITOR, AdwBin)

/* The bands and score limits of @state's draft, edited in place. */
TandemScoringState *tandem_bands_editor_get_state (TandemBandsEditor  *self);
void                tandem_bands_editor_set_state (TandemBandsEditor  *self,
                                                   TandemScoringState *state);

G_END_DECLS
