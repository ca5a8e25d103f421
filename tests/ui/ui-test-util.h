/* ui-test-util.h — helpers for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-resources.h"
#include "tandem-window.h"

typedef gboolean (*UiCondition) (gpointer data);

static gboolean
ui_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds.  The cap is generous — five
 * minutes, times TANDEM_TEST_WAIT_SCALE when set — because CI machines are
 * busy and a test under ASan runs several times slower: the wait ends as
 * soon as the condition holds, so a long cap costs nothing when all is well.
 * The loop blocks between events (a 20 ms tick re-checks conditions that no
 * event announces) instead of spinning.                                   */
static inline void
ui_wait_until (UiCondition  condition,
               gpointer     data,
               const char  *what)
{
  const char *scale_text = g_getenv ("TANDEM_TEST_WAIT_SCALE");
  double scale = scale_text != NULL ? g_ascii_strtod (scale_text, NULL) : 1.0;
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) (300 * G_USEC_PER_SEC * (scale >= 1.0 ? scale : 1.0));
  guint tick = g_timeout_add (20, ui_wake, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out after %.0f s waiting for %s", (g_get_monotonic_time () - start) / 1e6, what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static inline gboolean
ui_window_ready (gpointer data)
{
  TandemWindow *window = data;
  TandemLeadsPage *page = tandem_window_get_leads_page (window);

  /* Every page has the workspace (Funnel and Targets get it once Scoring
   * has its first result), and the lead list is read */
  return !tandem_window_is_busy (window) && tandem_window_get_store (window) != NULL &&
         tandem_funnel_page_get_store (tandem_window_get_funnel_page (window)) == tandem_window_get_store (window) &&
         !tandem_lead_list_get_loading (tandem_leads_page_get_list (page));
}

static char *ui_scratch_dir;

/* Deletes @file and, when it is a directory, what it holds.  Never
 * through a symbolic link: a link is removed, not what it points at.  */
static inline void
ui_remove_tree (GFile *file)
{
  g_autoptr(GFileInfo) self_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                      G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  if (self_info != NULL && g_file_info_get_file_type (self_info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                       G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      GFileInfo *info;

      while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
          ui_remove_tree (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

/* The test program's own user directories.  Not G_TEST_OPTION_ISOLATE_DIRS:
 * it also empties XDG_DATA_DIRS, and without the system's MIME database
 * GTK cannot load its own SVG icons (a warning, fatal in a test).        */
static inline void
ui_init (int    *argc,
         char ***argv)
{
  static const char *const dirs[][2] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" }, { "XDG_CACHE_HOME", "cache" },
  };

  ui_scratch_dir = g_dir_make_tmp ("tandem-ui-test-XXXXXX", NULL);
  g_assert_nonnull (ui_scratch_dir);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (ui_scratch_dir, dirs[i][1], NULL);
      g_mkdir_with_parents (dir, 0700);
      g_setenv (dirs[i][0], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_resources_register (tandem_get_resource ());
}

static inline int
ui_run (void)
{
  int status = g_test_run ();
  g_autoptr(GFile) scratch = g_file_new_for_path (ui_scratch_dir);

  ui_remove_tree (scratch);
  g_free (ui_scratch_dir);
  return status;
}

static inline char *
ui_fixture (const char *name)
{
  return g_build_filename (g_getenv ("TANDEM_TEST_FIXTURES"), name, NULL);
}

static inline char *
ui_tmp_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

/* The text of an AdwMessageDialog's body. */
static inline const char *
ui_dialog_body (GtkWidget *dialog)
{
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
}
