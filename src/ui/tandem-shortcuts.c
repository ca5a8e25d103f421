/* tandem-shortcuts.c — a page's own keyboard shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-shortcuts.h"

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const char *action = user_data;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  return gtk_widget_activate_action_variant (widget, action, args);
}

void
tandem_page_add_shortcut (GtkWidget  *page,
                          const char *trigger,
                          const char *action,
                          GVariant   *args)
{
  GtkEventController *controller = g_object_get_data (G_OBJECT (page), "tandem-page-shortcuts");
  GtkShortcut *shortcut;

  if (controller == NULL)
    {
      controller = gtk_shortcut_controller_new ();
      gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
      gtk_widget_add_controller (page, controller);
      g_object_set_data (G_OBJECT (page), "tandem-page-shortcuts", controller);
    }
  /* @action must outlive the page: a string literal */
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                               gtk_callback_action_new (shortcut_cb, (gpointer) action, NULL));
  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}
