/* tandem-window-private.h — what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tandem-window.c opens workspaces and holds the pages;
 * tandem-window-output.c prints, exports and presents what they show.
 */
#pragma once

#include "tandem-window.h"

G_BEGIN_DECLS

struct _TandemWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *workspace_title;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  TandemLeadsPage      *leads_page;
  TandemScoringPage    *scoring_page;
  TandemFunnelPage     *funnel_page;
  TandemTargetsPage    *targets_page;
  AdwViewStack         *view_stack;
  GMenu                *recent_section;

  GSettings            *settings;
  TandemStore          *store;
  TandemStore          *pages_store;     /* see release_pages () */
  gulong                status_handler;
  gulong                paint_handler;   /* on the frame clock */
  guint                 release_idle;
  GCancellable         *cancellable;
  GtkWidget            *import_dialog;   /* weak */
  GtkWidget            *error_dialog;    /* weak */
  guint                 n_toasts;
  guint                 title_idle;
  gboolean              busy;
};

/* A message dialog over @parent (or the window), kept for the tests */
void tandem_window_show_error              (TandemWindow   *self,
                                            GtkWindow      *parent,
                                            const char     *heading,
                                            const char     *message);
/* win.print, win.export-chart, win.export-agreement, win.print-agreement,
 * win.sla and win.meeting, with their shortcuts */
void tandem_window_class_add_output_actions (GtkWidgetClass *widget_class);

G_END_DECLS
