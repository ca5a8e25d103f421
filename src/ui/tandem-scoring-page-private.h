/* tandem-scoring-page-private.h — shared by the Scoring page's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-bands-editor.h"
#include "tandem-scoring-page.h"
#include "tandem-scoring-state.h"

G_BEGIN_DECLS

struct _TandemScoringPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkWidget          *empty_import;   /* the empty page's way forward */
  AdwLeaflet         *leaflet;
  GtkWidget          *rules_pane;
  GtkWidget          *matrix_pane;
  GtkLabel           *model_label;
  GtkWidget          *start_box;
  GtkListBox         *fit_list;
  GtkListBox         *interest_list;
  TandemBandsEditor  *bands_editor;
  GtkLabel           *summary_label;
  GtkLabel           *finding_label;    /* "A3 converts better than your MQL cell B1…" */
  GtkLabel           *summary_medium;
  GtkLabel           *summary_short;
  GtkWidget          *summary_squeezer;
  TandemMatrixView   *matrix;
  GtkWidget          *back_button;
  GtkWidget          *show_matrix_button;
  GMenu              *open_model_menu;

  TandemScoringState *state;            /* everything the page edits */
  gboolean            compare;
  gboolean            color_by_conversion;
  GtkWidget          *compare_window;   /* Compare Two Models, while open */
  char               *summary;
};

/* tandem-scoring-page.c */
void _tandem_scoring_page_toast        (TandemScoringPage *self,
                                        const char        *message);
void _tandem_scoring_page_rebuild_rows (TandemScoringPage *self);
void _tandem_scoring_page_refresh      (TandemScoringPage *self,
                                        gboolean           light);
GtkWidget *_tandem_scoring_page_placeholder (const char *text);

/* tandem-scoring-page-actions.c: the rule, cell and model actions */
void _tandem_scoring_page_class_actions_init (GtkWidgetClass    *widget_class);
void _tandem_scoring_page_update_model_menu  (TandemScoringPage *self);
void _tandem_scoring_page_show_cell_leads    (TandemScoringPage *self,
                                              guint              fit_band,
                                              guint              interest_band);

G_END_DECLS
