/* tandem-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-application.h"
#include "tandem-compat.h"
#include "tandem-help.h"
#include "tandem-preferences-window.h"
#include "tandem-window.h"

struct _TandemApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  char           *pending_import;   /* --import FILE, once a workspace is open */
};

G_DEFINE_FINAL_TYPE (TandemApplication, tandem_application, ADW_TYPE_APPLICATION)

static gboolean
scheme_from_setting (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  if (g_str_equal (scheme, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

static TandemWindow *
get_window (TandemApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TANDEM_IS_WINDOW (window))
    return TANDEM_WINDOW (window);
  return tandem_window_new (GTK_APPLICATION (self));
}

static void
on_store_for_import (TandemWindow      *window,
                     GParamSpec        *pspec,
                     TandemApplication *self)
{
  g_autofree char *path = g_steal_pointer (&self->pending_import);

  g_signal_handlers_disconnect_by_func (window, on_store_for_import, self);
  if (path != NULL && tandem_window_get_store (window) != NULL)
    tandem_window_import_file (window, TANDEM_IMPORT_LEADS, path);
}

static void
watch_for_import (TandemApplication *self,
                  TandemWindow      *window)
{
  if (self->pending_import != NULL)
    g_signal_connect_object (window, "notify::store", G_CALLBACK (on_store_for_import), self, 0);
}

static int
tandem_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  TandemApplication *self = TANDEM_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "import", "^&ay", &path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      self->pending_import = g_file_get_path (file);
    }
  return -1;
}

static void
tandem_application_activate (GApplication *app)
{
  TandemApplication *self = TANDEM_APPLICATION (app);
  gboolean fresh = gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL;
  TandemWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  watch_for_import (self, window);
  if (fresh)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-workspace");

      /* The last workspace, or the demo: never an empty window. */
      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
        tandem_window_open_path (window, last);
      else
        tandem_window_open_demo (window);
    }
}

static void
tandem_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  TandemWindow *window = get_window (TANDEM_APPLICATION (app));
  g_autofree char *path = g_file_get_path (files[0]);

  gtk_window_present (GTK_WINDOW (window));
  watch_for_import (TANDEM_APPLICATION (app), window);
  if (path != NULL)
    tandem_window_open_path (window, path);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing the windows saves their state. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  tandem_compat_show_about (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWindow *preferences = tandem_preferences_window_new (parent);

  gtk_window_present (preferences);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (parent != NULL)
    tandem_help_show (parent);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "help", help_activated },
};

static void
tandem_application_startup (GApplication *app)
{
  TandemApplication *self = TANDEM_APPLICATION (app);

  G_APPLICATION_CLASS (tandem_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", (const char *[]) { "<Control>w", NULL });

  self->settings = g_settings_new (APP_ID);
  /* app.color-scheme ("default", "light", "dark"): the setting as an action */
  {
    g_autoptr(GAction) scheme = g_settings_create_action (self->settings, "color-scheme");
    g_action_map_add_action (G_ACTION_MAP (app), scheme);
  }
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET, scheme_from_setting, NULL, NULL, NULL);
}

static void
tandem_application_dispose (GObject *object)
{
  TandemApplication *self = TANDEM_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_import, g_free);
  G_OBJECT_CLASS (tandem_application_parent_class)->dispose (object);
}

static void
tandem_application_class_init (TandemApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tandem_application_dispose;
  app_class->activate = tandem_application_activate;
  app_class->open = tandem_application_open;
  app_class->startup = tandem_application_startup;
  app_class->handle_local_options = tandem_application_handle_local_options;
}

static void
tandem_application_init (TandemApplication *self)
{
  static const GOptionEntry entries[] = {
    { "import", 'i', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the import dialog for a CSV file once the workspace is open"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

TandemApplication *
tandem_application_new (void)
{
  return g_object_new (TANDEM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
