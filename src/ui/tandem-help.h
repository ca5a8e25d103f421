/* tandem-help.h — opening the user guide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens the guide (HELP_URI, "help:io.github.tandemops.Tandem") in the
 * help viewer.  With no handler for help: URIs — Yelp not installed — or
 * when the viewer fails to start, shows a message over @parent saying so:
 * never a silent failure.                                                */
void tandem_help_show (GtkWindow *parent);

G_END_DECLS
