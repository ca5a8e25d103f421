/* tandem-rule-editor.h — one scoring rule, edited with its effect shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-model.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_RULE_EDITOR (tandem_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemRuleEditor, tandem_rule_editor, TANDEM, RULE_EDITOR, AdwWindow)

/* @index -1 with @rule NULL: a new rule.  "rule-edited" (TandemRule *)
 * is emitted with a valid rule when the user saves; the editor owns it. */
GtkWidget       *tandem_rule_editor_new            (GtkWindow        *parent,
                                                    TandemStore      *store,
                                                    TandemDimension   dimension,
                                                    int               index,
                                                    const TandemRule *rule);
TandemDimension  tandem_rule_editor_get_dimension  (TandemRuleEditor *self);
int              tandem_rule_editor_get_index      (TandemRuleEditor *self);
/* The rule as the fields describe it, or NULL with the reason. */
TandemRule      *tandem_rule_editor_build_rule     (TandemRuleEditor *self,
                                                    GError          **error);
/* Leads the rule matches, once counted (-1 while counting or invalid). */
gint64           tandem_rule_editor_get_matches    (TandemRuleEditor *self);
const char      *tandem_rule_editor_get_status     (TandemRuleEditor *self);

G_END_DECLS
