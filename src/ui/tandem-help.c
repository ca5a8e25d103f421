/* tandem-help.c — opening the user guide in Yelp
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-compat.h"
#include "tandem-help.h"

static void
show_viewer_missing (GtkWindow *parent)
{
  tandem_compat_show_message (parent, _("The Help Viewer Is Not Installed"),
                              _("Tandem’s guide opens in Yelp, the GNOME help viewer, which is not installed. "
                                "Install Yelp (the “yelp” package), then choose Help again."));
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    show_viewer_missing (parent);
  else
    {
      /* Translators: %s is the system's reason */
      g_autofree char *message = g_strdup_printf (_("The help viewer could not open the guide: %s"), error->message);
      tandem_compat_show_message (parent, _("Could Not Open the Help"), message);
    }
}

void
tandem_help_show (GtkWindow *parent)
{
  g_autoptr(GAppLaunchContext) context = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  /* Outside a sandbox GIO only finds a local handler, and would try the
   * portal (absent on most desktops) instead of saying so: ask first.
   * In a Flatpak the OpenURI portal finds the host’s viewer.            */
  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_autoptr(GAppInfo) handler = g_app_info_get_default_for_uri_scheme ("help");

      if (handler == NULL)
        {
          show_viewer_missing (parent);
          return;
        }
    }

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (parent))));
  g_app_info_launch_default_for_uri_async (HELP_URI, context, NULL, on_launched, g_object_ref (parent));
}
