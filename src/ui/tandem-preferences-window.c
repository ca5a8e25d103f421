/* tandem-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-preferences-window.h"

struct _TandemPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
  AdwComboRow          *scheme_row;
  AdwEntryRow          *null_tokens_row;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (TandemPreferencesWindow, tandem_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const schemes[] = { "default", "light", "dark" };

static void
on_scheme_selected (TandemPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->scheme_row);

  if (selected < G_N_ELEMENTS (schemes))
    g_settings_set_string (self->settings, "color-scheme", schemes[selected]);
}

static void
on_null_tokens_applied (TandemPreferencesWindow *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->null_tokens_row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tokens = NULL;

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  tokens = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "null-tokens", (const char *const *) tokens);
}

static void
tandem_preferences_window_dispose (GObject *object)
{
  TandemPreferencesWindow *self = (TandemPreferencesWindow *) object;

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (tandem_preferences_window_parent_class)->dispose (object);
}

static void
tandem_preferences_window_class_init (TandemPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tandem_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tandem-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, null_tokens_row);
}

static void
tandem_preferences_window_init (TandemPreferencesWindow *self)
{
  g_autofree char *scheme = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autofree char *tokens_text = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  scheme = g_settings_get_string (self->settings, "color-scheme");
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      adw_combo_row_set_selected (self->scheme_row, i);
  tokens = g_settings_get_strv (self->settings, "null-tokens");
  tokens_text = g_strjoinv (", ", tokens);
  gtk_editable_set_text (GTK_EDITABLE (self->null_tokens_row), tokens_text);

  g_signal_connect_object (self->scheme_row, "notify::selected", G_CALLBACK (on_scheme_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->null_tokens_row, "apply", G_CALLBACK (on_null_tokens_applied), self, G_CONNECT_SWAPPED);
}

GtkWindow *
tandem_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (TANDEM_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
