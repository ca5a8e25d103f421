/* tandem-window.h — the main window: one workspace, its pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-import-dialog.h"
#include "tandem-leads-page.h"
#include "tandem-funnel-page.h"
#include "tandem-scoring-page.h"
#include "tandem-targets-page.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_WINDOW (tandem_window_get_type ())
G_DECLARE_FINAL_TYPE (TandemWindow, tandem_window, TANDEM, WINDOW, AdwApplicationWindow)

TandemWindow       *tandem_window_new                (GtkApplication *application);
TandemStore        *tandem_window_get_store          (TandemWindow   *self);
/* Opens a workspace on a worker thread; on failure the current one stays
 * and a dialog says why. */
void                tandem_window_open_path          (TandemWindow   *self,
                                                      const char     *path);
/* The demo workspace in the user's data directory, generated when missing
 * (TANDEM_DEMO_LEADS sets its size). */
void                tandem_window_open_demo          (TandemWindow   *self);
/* Opens the import dialog for @path; a leads import into a workspace that
 * has leads becomes a merge. */
void                tandem_window_import_file        (TandemWindow     *self,
                                                      TandemImportKind  kind,
                                                      const char       *path);
/* Prints the chart of the page on screen (Ctrl+P); with @export_path,
 * to that PDF without a dialog. */
gboolean            tandem_window_print              (TandemWindow   *self,
                                                      const char     *export_path,
                                                      GError        **error);
/* Writes the chart of the page on screen to @path (PNG, SVG or PDF) at
 * @width × @height in @theme (Ctrl+E asks for them). */
gboolean            tandem_window_export_chart       (TandemWindow     *self,
                                                      const char       *path,
                                                      int               width,
                                                      int               height,
                                                      TandemChartTheme  theme,
                                                      GError          **error);
/* Meeting mode (F5): full-screen slides; returns the window (or NULL
 * without a workspace). */
GtkWidget          *tandem_window_present_meeting    (TandemWindow   *self);
/* Writes the agreement PDF on a worker thread; a toast when done, a
 * dialog if it could not. */
void                tandem_window_export_agreement   (TandemWindow   *self,
                                                      const char     *path);
TandemImportDialog *tandem_window_get_import_dialog  (TandemWindow   *self);
TandemLeadsPage    *tandem_window_get_leads_page     (TandemWindow   *self);
TandemScoringPage  *tandem_window_get_scoring_page   (TandemWindow   *self);
TandemFunnelPage   *tandem_window_get_funnel_page    (TandemWindow   *self);
TandemTargetsPage  *tandem_window_get_targets_page   (TandemWindow   *self);
/* The dialog last shown to explain an error, if it is still open. */
GtkWidget          *tandem_window_get_error_dialog   (TandemWindow   *self);
void                tandem_window_add_toast          (TandemWindow   *self,
                                                      const char     *message);
/* How many toasts have been shown (for tests). */
guint               tandem_window_get_n_toasts       (TandemWindow   *self);
/* TRUE while a workspace is being opened or generated. */
gboolean            tandem_window_is_busy            (TandemWindow   *self);

G_END_DECLS
