/* test-help.c — F1 and main menu → Help: the guide in the help viewer, or a
 * message saying the viewer is missing, never a silent failure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program runs in data directories of its own, so what handles help:
 * URIs is up to the test, never the machine's Yelp:
 *   - without TANDEM_TEST_HELP_HANDLER nothing does, and the message must show;
 *   - with it, a desktop file for x-scheme-handler/help runs a script that
 *     writes the URI it was given to a file, and the URI must arrive.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-application.h"
#include "ui-test-util.h"

static char *data_dirs;     /* XDG_DATA_DIRS and XDG_CONFIG_DIRS of this program */
static char *handler_out;   /* where the fake viewer writes the URI it got */

/* Everything of /usr/share but its desktop files: GTK still finds its MIME
 * data, icons and image loaders' needs, and GIO no application. */
static void
link_system_data (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/usr/share", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *target = NULL;
      g_autofree char *link = NULL;

      if (g_str_equal (name, "applications"))
        continue;
      target = g_build_filename ("/usr/share", name, NULL);
      link = g_build_filename (data_dirs, name, NULL);
      g_assert_cmpint (symlink (target, link), ==, 0);
    }
}

static void
setup_data_dirs (gboolean with_handler)
{
  data_dirs = g_dir_make_tmp ("tandem-help-test-XXXXXX", NULL);
  g_assert_nonnull (data_dirs);
  link_system_data ();
  if (with_handler)
    {
      g_autofree char *apps = g_build_filename (data_dirs, "applications", NULL);
      g_autofree char *script = g_build_filename (data_dirs, "fake-viewer", NULL);
      g_autofree char *desktop = g_build_filename (apps, "tandem-test-viewer.desktop", NULL);
      g_autofree char *script_text = NULL;
      g_autofree char *desktop_text = NULL;
      g_autoptr(GError) error = NULL;

      handler_out = g_build_filename (data_dirs, "opened-uri", NULL);
      script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                                     handler_out, handler_out, handler_out);
      desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Fake Viewer\n"
                                      "Exec=%s %%u\nMimeType=x-scheme-handler/help;\nNoDisplay=true\n", script);
      g_assert_cmpint (g_mkdir (apps, 0700), ==, 0);
      g_assert_true (g_file_set_contents (script, script_text, -1, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (script, 0700), ==, 0);
      g_assert_true (g_file_set_contents (desktop, desktop_text, -1, &error));
      g_assert_no_error (error);
    }
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  g_setenv ("XDG_CONFIG_DIRS", data_dirs, TRUE);
}

/* Removes what setup_data_dirs() made, one name at a time: the links
 * themselves (never what they point at), the viewer's files, the dirs. */
static void
remove_data_dirs (void)
{
  g_autoptr(GDir) dir = g_dir_open (data_dirs, 0, NULL);
  g_autofree char *apps = g_build_filename (data_dirs, "applications", NULL);
  g_autofree char *desktop = g_build_filename (apps, "tandem-test-viewer.desktop", NULL);
  const char *name;

  g_unlink (desktop);
  g_rmdir (apps);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (data_dirs, name, NULL);

      g_assert_false (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (data_dirs), ==, 0);
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return toplevel;
    }
  return NULL;
}

static gboolean
message_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
uri_written (gpointer data)
{
  return g_file_test (handler_out, G_FILE_TEST_EXISTS);
}

static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One application for the program: a GApplication registers only once */
static TandemApplication *app;
static TandemWindow *window;

static void
start_app (void)
{
  g_autoptr(GError) error = NULL;

  app = tandem_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = tandem_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
}

/* F1 is the help action's shortcut, and the window's menu has it */
static void
test_accel (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  GtkMenuButton *button = find_primary_menu_button (GTK_WIDGET (window));
  GMenuModel *menu;
  gboolean in_menu = FALSE;

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "F1");
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            in_menu |= g_strcmp0 (action, "app.help") == 0;
        }
    }
  g_assert_true (in_menu);
}

/* Nothing handles help: — the message says the viewer is missing */
static void
test_no_viewer (void)
{
  g_autoptr(GAppInfo) handler = g_app_info_get_default_for_uri_scheme ("help");
  GtkWidget *dialog;

  g_assert_null (handler);   /* the isolation holds: no real Yelp */
  g_assert_null (find_message_dialog ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  ui_wait_until (message_shown, NULL, "the message that Yelp is missing");
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "The Help Viewer Is Not Installed");
  g_assert_nonnull (strstr (ui_dialog_body (dialog), "Yelp"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A viewer is there: it gets the guide's URI, and no message shows */
static void
test_viewer (void)
{
  g_autofree char *uri = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  ui_wait_until (uri_written, NULL, "the help viewer to be given the URI");
  g_assert_true (g_file_get_contents (handler_out, &uri, NULL, NULL));
  g_assert_cmpstr (uri, ==, "help:io.github.tandemops.Tandem");
  g_assert_null (find_message_dialog ());
}

int
main (int    argc,
      char **argv)
{
  gboolean with_handler = g_getenv ("TANDEM_TEST_HELP_HANDLER") != NULL;
  int status;

  setup_data_dirs (with_handler);
  ui_init (&argc, &argv);

  g_test_add_func ("/ui/help/accel", test_accel);
  if (with_handler)
    g_test_add_func ("/ui/help/viewer", test_viewer);
  else
    g_test_add_func ("/ui/help/no-viewer", test_no_viewer);

  start_app ();
  status = ui_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  remove_data_dirs ();
  g_free (data_dirs);
  g_free (handler_out);
  return status;
}
