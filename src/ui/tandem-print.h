/* tandem-print.h — printing charts and the agreement (GtkPrintOperation)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-chart.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/* With @export_path the pages go to that PDF without a dialog (tests);
 * otherwise the print dialog opens. */
gboolean tandem_print_chart     (GtkWindow           *parent,
                                 const char          *title,
                                 TandemChartDrawFunc  draw,
                                 gpointer             data,
                                 const char          *export_path,
                                 GError             **error);
gboolean tandem_print_agreement (GtkWindow           *parent,
                                 TandemStore         *store,
                                 const char          *export_path,
                                 GError             **error);

G_END_DECLS
