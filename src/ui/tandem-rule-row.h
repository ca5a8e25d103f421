/* tandem-rule-row.h — one scoring rule in the Scoring page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-scoring-state.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_RULE_ROW (tandem_rule_row_get_type ())
G_DECLARE_FINAL_TYPE (TandemRuleRow, tandem_rule_row, TANDEM, RULE_ROW, GtkListBoxRow)

/* The row of rule @index of @dimension in @state's draft: its points and
 * its switch edit the state. */
GtkWidget *tandem_rule_row_new       (TandemScoringState *state,
                                      TandemDimension     dimension,
                                      guint               index);
/* The reach line under the title ("Matches 4,120 leads (20.6 %)…"). */
void       tandem_rule_row_set_reach (TandemRuleRow      *self,
                                      const char         *text);

G_END_DECLS
