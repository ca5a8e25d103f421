/* tandem-targets-compare.h — saved scenarios side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/* Fills @grid with the scenarios @names (the change from the first in
 * each cell) and @charts with their funnels; returns how many were
 * compared, or 0 with @error naming the scenario that could not be.    */
guint tandem_targets_compare_fill    (TandemStore        *store,
                                      GtkGrid            *grid,
                                      GtkBox             *charts,
                                      GPtrArray          *names,
                                      GError            **error);
/* The Compare Scenarios window over @page's window, the first two of
 * @scenarios chosen; what goes wrong is said through @page's "toast".  */
void  tandem_targets_compare_present (GtkWidget          *page,
                                      TandemStore        *store,
                                      const char *const  *scenarios);

G_END_DECLS
