/* tandem-sla-dialog.h — the service-level terms, edited, and how they are kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-sla.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SLA_DIALOG (tandem_sla_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TandemSlaDialog, tandem_sla_dialog, TANDEM, SLA_DIALOG, AdwWindow)

GtkWidget *tandem_sla_dialog_new   (GtkWindow       *parent,
                                    TandemStore     *store);
/* Saves the terms as the form holds them; FALSE with the reason. */
gboolean   tandem_sla_dialog_save  (TandemSlaDialog *self,
                                    GError         **error);
/* Adds an agreed rejection reason (refused when empty, given twice, too
 * long or one too many: FALSE with the reason).  Saved with the terms. */
gboolean   tandem_sla_dialog_add_reason (TandemSlaDialog *self,
                                         const char      *code,
                                         GError         **error);
/* Adds the reasons the leads' rejection-reason column uses; how many. */
guint      tandem_sla_dialog_use_data_reasons (TandemSlaDialog *self);
/* What the By Owner list says of owner @index ("Ann: 2 MQLs · …"), most MQLs first */
const char *tandem_sla_dialog_get_owner_line (TandemSlaDialog *self,
                                              guint            index);
/* TRUE while the report on the terms as typed is being computed */
gboolean   tandem_sla_dialog_is_busy (TandemSlaDialog *self);
/* The compliance summary shown under the terms. */
const char *tandem_sla_dialog_get_summary (TandemSlaDialog *self);

G_END_DECLS
