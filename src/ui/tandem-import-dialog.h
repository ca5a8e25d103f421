/* tandem-import-dialog.h — preview a CSV file, adjust it, import it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-csv.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_IMPORT_DIALOG (tandem_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TandemImportDialog, tandem_import_dialog, TANDEM, IMPORT_DIALOG, AdwWindow)

/* Reads a preview of @path; on failure returns NULL with the reason.
 * The dialog is owned by GTK (transfer none), like every window. */
TandemImportDialog *tandem_import_dialog_new             (GtkWindow         *parent,
                                                          TandemStore       *store,
                                                          TandemImportKind   kind,
                                                          const char        *path,
                                                          GError           **error);
const TandemCsvPreview *tandem_import_dialog_get_preview (TandemImportDialog *self);
TandemImportKind    tandem_import_dialog_get_kind        (TandemImportDialog *self);
void                tandem_import_dialog_set_column_type (TandemImportDialog *self,
                                                          guint               column,
                                                          TandemColumnType    type);
void                tandem_import_dialog_set_column_role (TandemImportDialog *self,
                                                          guint               column,
                                                          const char         *role);
/* The result of the last import (valid after "finished" with success). */
const TandemImportResult *tandem_import_dialog_get_result (TandemImportDialog *self);

G_END_DECLS
