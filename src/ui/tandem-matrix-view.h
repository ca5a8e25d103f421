/* tandem-matrix-view.h — the matrix as a widget: toggle cells, drag thresholds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-chart-view.h"
#include "tandem-matrix-chart.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_MATRIX_VIEW (tandem_matrix_view_get_type ())
G_DECLARE_FINAL_TYPE (TandemMatrixView, tandem_matrix_view, TANDEM, MATRIX_VIEW, TandemChartView)

GtkWidget              *tandem_matrix_view_new             (void);
/* Copies @data; the accessible description follows. */
void                    tandem_matrix_view_set_data        (TandemMatrixView       *self,
                                                            const TandemMatrixData *data);
const TandemMatrixData *tandem_matrix_view_get_data        (TandemMatrixView       *self);
/* TRUE while the user drags a threshold handle. */
gboolean                tandem_matrix_view_is_dragging     (TandemMatrixView       *self);
/* The cell with the keyboard focus ring. */
void                    tandem_matrix_view_get_focus_cell  (TandemMatrixView       *self,
                                                            guint                  *fit_band,
                                                            guint                  *interest_band);
/* Drives a threshold drag as the pointer would (tests, the benchmark):
 * begin at the handle, move to @score, end. */
gboolean                tandem_matrix_view_drag_handle     (TandemMatrixView       *self,
                                                            TandemMatrixAxis        axis,
                                                            guint                   index,
                                                            double                  score,
                                                            gboolean                finish);

G_END_DECLS
