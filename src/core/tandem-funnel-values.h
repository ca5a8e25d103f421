/* tandem-funnel-values.h — the stage names the data holds, counted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Funnel's placing offers to map onto stages: the values of the
 * current-stage column (role "stage"), each with how many leads hold it,
 * most frequent first: an array of TandemValueCount.  The stage history's
 * names come from tandem_store_history_stage_values().
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS


/* The current-stage column's distinct non-empty values, at most @limit
 * (0: all); an empty array when the workspace has no such column.       */
GPtrArray *tandem_funnel_stage_column_values (TandemStore  *store,
                                              guint         limit,
                                              GError      **error);

G_END_DECLS
