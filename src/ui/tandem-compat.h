/* tandem-compat.h — the calls newer GTK and libadwaita replace, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.10 replaces GtkFileChooserNative with GtkFileDialog and adds
 * gtk_widget_get_color() and GtkColumnViewSorter getters; libadwaita 1.5
 * replaces AdwMessageDialog and AdwAboutWindow.  A port touches this file.
 */
#pragma once

#include <adwaita.h>

#include "tandem-chart.h"

G_BEGIN_DECLS

typedef void (*TandemFileChosenFunc) (GFile *file, gpointer user_data);

/* Asks for a file to open (or, with @save, a file name to create). */
void tandem_compat_choose_file   (GtkWindow            *parent,
                                  const char           *title,
                                  const char           *accept_label,
                                  gboolean              save,
                                  const char           *suggested_name,
                                  const char           *filter_name,
                                  const char *const    *patterns,
                                  TandemFileChosenFunc  callback,
                                  gpointer              user_data);

/* A dialog with one Close button, e.g. for an error whose @body names
 * exactly what went wrong.  Returns the dialog (owned by GTK).           */
GtkWidget *tandem_compat_show_message (GtkWindow  *parent,
                                       const char *heading,
                                       const char *body);

void tandem_compat_show_about    (GtkWindow  *parent);

/* Which column a GtkColumnView is sorted by, and which way: -1 when none. */
int  tandem_compat_column_view_get_sort (GtkColumnView *view,
                                         gboolean      *descending);

/* A GtkSorter for one column of a list sorted elsewhere (in SQL). */
GtkSorter *tandem_compat_column_sorter_new (int position);

/* A chart style in @widget's colours: light or dark as the desktop is,
 * its text colour and window background, stronger lines and text in high
 * contrast.  Call it from css_changed, then redraw.  (GTK 4.10 replaces
 * the style-context lookups with gtk_widget_get_color ().) */
void      tandem_compat_read_chart_style (GtkWidget        *widget,
                                          TandemChartStyle *style);
/* A named colour of the theme ("accent_color"); FALSE, @out untouched,
 * when the theme has none by that name. */
gboolean  tandem_compat_lookup_color     (GtkWidget        *widget,
                                          const char       *name,
                                          TandemRgba       *out);

G_END_DECLS
