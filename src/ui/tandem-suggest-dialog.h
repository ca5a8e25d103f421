/* tandem-suggest-dialog.h — Suggest from Outcomes: rules fitted to which leads were won
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-scoring-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SUGGEST_DIALOG (tandem_suggest_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TandemSuggestDialog, tandem_suggest_dialog, TANDEM, SUGGEST_DIALOG, AdwWindow)

/* Opens over @parent and starts fitting at once, with the defaults. */
GtkWidget        *tandem_suggest_dialog_new            (GtkWindow           *parent,
                                                        TandemScoringState  *state);
/* TRUE while a fit runs (on a worker thread). */
gboolean          tandem_suggest_dialog_is_busy        (TandemSuggestDialog *self);
/* The suggestion shown, or NULL (busy, or it failed: see get_failure). */
TandemSuggestion *tandem_suggest_dialog_get_suggestion (TandemSuggestDialog *self);
const char       *tandem_suggest_dialog_get_failure    (TandemSuggestDialog *self);

G_END_DECLS
