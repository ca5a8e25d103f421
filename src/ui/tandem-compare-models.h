/* tandem-compare-models.h — two stored models side by side on the same leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_COMPARE_MODELS (tandem_compare_models_get_type ())
G_DECLARE_FINAL_TYPE (TandemCompareModels, tandem_compare_models, TANDEM, COMPARE_MODELS, AdwWindow)

/* Opens on the live model against the first other stored model. */
GtkWidget  *tandem_compare_models_new          (GtkWindow           *parent,
                                                TandemStore         *store);
/* Chooses the two models by name (FALSE when either is not stored). */
gboolean    tandem_compare_models_set_models   (TandemCompareModels *self,
                                                const char          *a,
                                                const char          *b);
/* TRUE while the two models are being scored (on a worker thread). */
gboolean    tandem_compare_models_is_busy      (TandemCompareModels *self);
/* The comparison in one paragraph, or why there is none. */
const char *tandem_compare_models_get_summary  (TandemCompareModels *self);
/* A cell's leads under each model; FALSE when the grids differ or no
 * comparison is shown. */
gboolean    tandem_compare_models_get_cell     (TandemCompareModels *self,
                                                guint                fit,
                                                guint                interest,
                                                guint               *a,
                                                guint               *b);
/* Leads entering and leaving the MQL set from A to B. */
gboolean    tandem_compare_models_get_changes  (TandemCompareModels *self,
                                                guint               *entering,
                                                guint               *leaving);

G_END_DECLS
