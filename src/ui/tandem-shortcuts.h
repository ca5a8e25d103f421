/* tandem-shortcuts.h — a page's own keyboard shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds @trigger ("<Control>s") → @page's @action (with @args, floating
 * or NULL) to the page's shortcut controller, created on first use.  The
 * shortcut works from anywhere in the window, but only while the page is
 * on screen: two pages may each have their own Ctrl+S.                 */
void tandem_page_add_shortcut (GtkWidget  *page,
                               const char *trigger,
                               const char *action,
                               GVariant   *args);

G_END_DECLS
