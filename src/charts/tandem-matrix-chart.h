/* tandem-matrix-chart.h — the qualification × interest matrix, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A heat map of leads per cell (fit bands down, interest bands across:
 * A1, the best, top left), the MQL cells outlined, and each axis's score
 * distribution with its band thresholds as handles.  Pure data in, cairo
 * out; the layout answers which cell or handle is under a point.
 */
#pragma once

#include "tandem-chart.h"

G_BEGIN_DECLS

#define TANDEM_MATRIX_MAX_BANDS 6
#define TANDEM_MATRIX_BINS      256

typedef enum
{
  TANDEM_MATRIX_AXIS_FIT,
  TANDEM_MATRIX_AXIS_INTEREST,
} TandemMatrixAxis;

typedef enum
{
  TANDEM_MATRIX_COLOR_VOLUME,
  TANDEM_MATRIX_COLOR_CONVERSION,
} TandemMatrixColor;

typedef struct
{
  guint32 counts[TANDEM_MATRIX_BINS];
  double  lo, width;            /* bin k: [lo + k·width, lo + (k+1)·width) */
  double  axis_lo, axis_hi;     /* the drawn score range */
  double  thresholds[TANDEM_MATRIX_MAX_BANDS - 1];   /* descending */
  guint   n_thresholds;
} TandemMatrixAxisData;

typedef struct
{
  guint                n_fit, n_interest;
  guint                counts[TANDEM_MATRIX_MAX_BANDS][TANDEM_MATRIX_MAX_BANDS];
  guint                won[TANDEM_MATRIX_MAX_BANDS][TANDEM_MATRIX_MAX_BANDS];
  gboolean             mql[TANDEM_MATRIX_MAX_BANDS][TANDEM_MATRIX_MAX_BANDS];
  guint                total;
  gboolean             has_outcomes;
  TandemMatrixColor    color;
  /* The live model, drawn behind for comparison */
  gboolean             has_ghost;
  guint                ghost_counts[TANDEM_MATRIX_MAX_BANDS][TANDEM_MATRIX_MAX_BANDS];
  gboolean             ghost_mql[TANDEM_MATRIX_MAX_BANDS][TANDEM_MATRIX_MAX_BANDS];
  gboolean             has_distributions;
  TandemMatrixAxisData axes[2];
  int                  focus_fit, focus_interest;   /* -1: no focus ring */
  int                  active_axis, active_handle;  /* a handle being dragged, or -1 */
} TandemMatrixData;

typedef struct
{
  double grid_x, grid_y, grid_width, grid_height;
  double fit_x, fit_y, fit_width, fit_height;                 /* distribution, vertical */
  double interest_x, interest_y, interest_width, interest_height;
} TandemMatrixLayout;

void      tandem_matrix_data_init        (TandemMatrixData *data);
/* Chooses each axis's drawn range from its distribution and thresholds. */
void      tandem_matrix_data_fit_axes    (TandemMatrixData *data);

void      tandem_matrix_layout           (const TandemMatrixData   *data,
                                          const TandemChartStyle   *style,
                                          double                    width,
                                          double                    height,
                                          TandemMatrixLayout       *out);
void      tandem_matrix_draw             (cairo_t                  *cr,
                                          double                    width,
                                          double                    height,
                                          const TandemChartStyle   *style,
                                          gpointer                  data);   /* TandemMatrixData */

gboolean  tandem_matrix_cell_at          (const TandemMatrixData   *data,
                                          const TandemMatrixLayout *layout,
                                          double                    x,
                                          double                    y,
                                          guint                    *fit_band,
                                          guint                    *interest_band);
/* The threshold handle within reach of (x, y). */
gboolean  tandem_matrix_handle_at        (const TandemMatrixData   *data,
                                          const TandemMatrixLayout *layout,
                                          double                    x,
                                          double                    y,
                                          TandemMatrixAxis         *axis,
                                          guint                    *index);
/* The score on @axis under a pointer position (x for interest, y for fit). */
double    tandem_matrix_score_at         (const TandemMatrixData   *data,
                                          const TandemMatrixLayout *layout,
                                          TandemMatrixAxis          axis,
                                          double                    position);

/* Every number the picture shows, in words: the accessible description. */
char     *tandem_matrix_dup_description  (const TandemMatrixData   *data);
/* One cell in words: "B1: 1,284 leads (6.4 %), 212 won (16.5 %), MQL". */
char     *tandem_matrix_dup_cell_text    (const TandemMatrixData   *data,
                                          guint                     fit_band,
                                          guint                     interest_band);

G_END_DECLS
