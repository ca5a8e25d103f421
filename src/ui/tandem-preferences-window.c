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

/* "color-scheme" ↔ the Style row's position */
static gboolean
scheme_to_row (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
scheme_from_row (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  return selected < G_N_ELEMENTS (schemes) ? g_variant_new_string (schemes[selected]) : NULL;
}

/* "null-tokens" as the row shows them: "N/A, NULL, -" */
static gboolean
tokens_to_text (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_autofree const char **tokens = g_variant_get_strv (variant, NULL);

  g_value_take_string (value, g_strjoinv (", ", (char **) tokens));
  return TRUE;
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
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  /* The style both ways; the values typed are saved on Enter (apply) only */
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->scheme_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                scheme_to_row, scheme_from_row, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "null-tokens", self->null_tokens_row, "text",
                                G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY, tokens_to_text, NULL, NULL, NULL);
  g_signal_connect_object (self->null_tokens_row, "apply", G_CALLBACK (on_null_tokens_applied), self, G_CONNECT_SWAPPED);
}

GtkWindow *
tandem_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (TANDEM_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
