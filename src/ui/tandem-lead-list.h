/* tandem-lead-list.h — the workspace's leads as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_LEAD_ROW (tandem_lead_row_get_type ())
G_DECLARE_FINAL_TYPE (TandemLeadRow, tandem_lead_row, TANDEM, LEAD_ROW, GObject)

/* The display text of a cell, NULL for an empty one. */
const char *tandem_lead_row_get_cell (TandemLeadRow *self,
                                      guint          column);
gint64      tandem_lead_row_get_id   (TandemLeadRow *self);

#define TANDEM_TYPE_LEAD_LIST (tandem_lead_list_get_type ())
G_DECLARE_FINAL_TYPE (TandemLeadList, tandem_lead_list, TANDEM, LEAD_LIST, GObject)

TandemLeadList *tandem_lead_list_new               (void);
void            tandem_lead_list_set_store         (TandemLeadList *self,
                                                    TandemStore    *store);
TandemStore    *tandem_lead_list_get_store         (TandemLeadList *self);
void            tandem_lead_list_set_search        (TandemLeadList *self,
                                                    const char     *search);
const char     *tandem_lead_list_get_search        (TandemLeadList *self);
void            tandem_lead_list_set_sort          (TandemLeadList *self,
                                                    int             position,
                                                    gboolean        descending);
/* Sorts by a value the workspace has no column for (a score): @rowids
 * ascending, @values alongside (both kept, never changed after); a lead
 * with no value goes last.  NULL: back to the order of set_sort ().     */
void            tandem_lead_list_set_sort_values   (TandemLeadList *self,
                                                    GArray         *rowids,
                                                    GArray         *values,
                                                    gboolean        descending);
/* Re-reads the workspace (after an import). */
void            tandem_lead_list_reload            (TandemLeadList *self);
gboolean        tandem_lead_list_get_loading       (TandemLeadList *self);
/* All leads in the workspace, whatever the search. */
gint64          tandem_lead_list_get_total         (TandemLeadList *self);

G_END_DECLS
