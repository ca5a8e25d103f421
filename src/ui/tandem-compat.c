/* tandem-compat.c — the calls newer GTK and libadwaita replace, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-compat.h"

typedef struct
{
  TandemFileChosenFunc callback;
  gpointer             user_data;
} ChooseData;

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    ChooseData      *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      data->callback (file, data->user_data);
    }
  g_free (data);
  g_object_unref (native);
}

void
tandem_compat_choose_file (GtkWindow            *parent,
                           const char           *title,
                           const char           *accept_label,
                           gboolean              save,
                           const char           *suggested_name,
                           const char           *filter_name,
                           const char *const    *patterns,
                           TandemFileChosenFunc  callback,
                           gpointer              user_data)
{
  GtkFileChooserNative *native;
  ChooseData *data = g_new0 (ChooseData, 1);

  data->callback = callback;
  data->user_data = user_data;
  native = gtk_file_chooser_native_new (title, parent,
                                        save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (save && suggested_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  if (patterns != NULL)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filter_name);
      for (guint i = 0; patterns[i]; i++)
        gtk_file_filter_add_pattern (filter, patterns[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
    }
  g_signal_connect (native, "response", G_CALLBACK (on_native_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

GtkWidget *
tandem_compat_show_message (GtkWindow  *parent,
                            const char *heading,
                            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
tandem_compat_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "Tandem developers", NULL };
  g_autofree char *debug_info = g_strdup_printf ("Tandem %s\nGTK %u.%u.%u (built with %d.%d.%d)\n"
                                                 "libadwaita %u.%u.%u\nGLib %u.%u.%u\n",
                                                 PACKAGE_VERSION,
                                                 gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                                                 GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION,
                                                 adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                                                 glib_major_version, glib_minor_version, glib_micro_version);

  adw_show_about_window (parent,
                         "application-name", _("Tandem"),
                         "application-icon", APP_ID,
                         "developer-name", _("Tandem developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/tandemops/tandem",
                         "comments", _("Get Sales and Marketing to agree on what a lead is worth and how many they need."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "debug-info", debug_info,
                         NULL);
}

/* ---- Sorting a column view whose model is sorted in SQL --------------
 *
 * GTK 4.8 has no API to ask a GtkColumnView which column it sorts by
 * (GtkColumnViewSorter's getters are 4.10).  Its sorter compares two items
 * by asking the column sorters in order, primary first, and inverts a
 * descending column's answer.  So: compare two probe objects, note which
 * column sorter is asked first, and see whether its answer came back
 * inverted.                                                              */

#define TANDEM_TYPE_COLUMN_SORTER (tandem_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (TandemColumnSorter, tandem_column_sorter, TANDEM, COLUMN_SORTER, GtkSorter)

struct _TandemColumnSorter
{
  GtkSorter parent_instance;
  int       position;
};

G_DEFINE_FINAL_TYPE (TandemColumnSorter, tandem_column_sorter, GTK_TYPE_SORTER)

static int probe_first_position = -1;

static GtkOrdering
tandem_column_sorter_compare (GtkSorter *sorter,
                              gpointer   item1,
                              gpointer   item2)
{
  TandemColumnSorter *self = (TandemColumnSorter *) sorter;

  if (probe_first_position < 0)
    probe_first_position = self->position;
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
tandem_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
tandem_column_sorter_class_init (TandemColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = tandem_column_sorter_compare;
  sorter_class->get_order = tandem_column_sorter_get_order;
}

static void
tandem_column_sorter_init (TandemColumnSorter *self)
{
}

GtkSorter *
tandem_compat_column_sorter_new (int position)
{
  TandemColumnSorter *self = g_object_new (TANDEM_TYPE_COLUMN_SORTER, NULL);
  self->position = position;
  return GTK_SORTER (self);
}

int
tandem_compat_column_view_get_sort (GtkColumnView *view,
                                    gboolean      *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkSorter *sorter = gtk_column_view_get_sorter (view);
  GtkOrdering result;
  int position;

  *descending = FALSE;
  if (sorter == NULL)
    return -1;

  probe_first_position = -1;
  result = gtk_sorter_compare (sorter, a, b);
  position = probe_first_position;
  probe_first_position = -1;

  if (position >= 0)
    *descending = result == GTK_ORDERING_LARGER;
  return position;
}

gboolean
tandem_compat_lookup_color (GtkWidget  *widget,
                            const char *name,
                            TandemRgba *out)
{
  GdkRGBA rgba;
  gboolean found;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba);
G_GNUC_END_IGNORE_DEPRECATIONS
  if (found)
    *out = (TandemRgba) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  return found;
}

void
tandem_compat_read_chart_style (GtkWidget        *widget,
                                TandemChartStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean high_contrast = adw_style_manager_get_high_contrast (manager);
  GdkRGBA fg;

  tandem_chart_style_clear (style);
  tandem_chart_style_init (style, adw_style_manager_get_dark (manager) ? TANDEM_CHART_THEME_DARK
                                                                       : TANDEM_CHART_THEME_LIGHT);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS
  tandem_compat_lookup_color (widget, "window_bg_color", &style->background);
  style->foreground = (TandemRgba) { fg.red, fg.green, fg.blue, fg.alpha };
  style->dim = style->foreground;
  style->dim.alpha = high_contrast ? 0.9 : 0.65;
  if (high_contrast)
    {
      style->high_contrast = TRUE;
      style->line_scale = 1.5;
    }
}
