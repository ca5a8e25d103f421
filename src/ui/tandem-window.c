/* tandem-window.c — the main window: one workspace, its pages
 *
 * What it prints, exports and presents is in tandem-window-output.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "tandem-compat.h"
#include "tandem-demo.h"
#include "tandem-scoring-page.h"
#include "tandem-store.h"
#include "tandem-window-private.h"

#define MAX_RECENT 10


G_DEFINE_FINAL_TYPE (TandemWindow, tandem_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PAGES_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const csv_patterns[] = { "*.csv", "*.CSV", "*.tsv", "*.TSV", "*.txt", NULL };
static const char *const workspace_patterns[] = { "*.tandem", NULL };

/* ---- Messages ------------------------------------------------------------ */

void
tandem_window_show_error (TandemWindow *self,
                          GtkWindow    *parent,
                          const char   *heading,
                          const char   *message)
{
  if (self->error_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->error_dialog), (gpointer *) &self->error_dialog);
  self->error_dialog = tandem_compat_show_message (parent ? parent : GTK_WINDOW (self), heading, message);
  g_object_add_weak_pointer (G_OBJECT (self->error_dialog), (gpointer *) &self->error_dialog);
}

void
tandem_window_add_toast (TandemWindow *self,
                         const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  self->n_toasts++;
}

/* ---- The workspace --------------------------------------------------------- */

static void
update_titles (TandemWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->store == NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Tandem"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Tandem"));
      return;
    }

  title = tandem_store_dup_title (self->store);
  {
    gint64 n = tandem_store_count_leads (self->store);
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld lead",
                                             "%'lld leads", (gulong) n), (long long) n);
  }
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  {
    /* Translators: the window title, “Demo — Tandem” */
    g_autofree char *window_title = g_strdup_printf (_("%s — Tandem"), title);
    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

/* The view switcher takes the centre title's place when the window is
 * wide: the workspace is named at the start of the header then.  The
 * switcher says so while it is being allocated, so the start title
 * follows a moment later, not in the middle of the layout. */
static gboolean
sync_workspace_title (gpointer data)
{
  TandemWindow *self = data;

  self->title_idle = 0;
  gtk_widget_set_visible (self->workspace_title, !adw_view_switcher_title_get_title_visible (self->switcher_title));
  return G_SOURCE_REMOVE;
}

static void
on_title_visible (TandemWindow *self)
{
  if (self->title_idle == 0)
    self->title_idle = g_idle_add (sync_workspace_title, self);
}

static void
rebuild_recent_menu (TandemWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i]; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      label = g_filename_display_basename (recent[i]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
    }
}

static void
remember (TandemWindow *self,
          const char   *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char *const *) updated);
  g_settings_set_string (self->settings, "last-workspace", path);
}

/* The Funnel and Targets pages read the workspace ("pages-store") once
 * the Scoring page has its first result, or as soon as one of them is
 * shown: a big workspace's matrix is not kept waiting for both cores by
 * their waterfalls, which nobody is looking at yet.  (The Leads page gets
 * it at once: given it after the scores, its run under AddressSanitizer
 * ends with GTK 4.8 freeing an accessible value it never allocated, at
 * the window's destruction, in most runs of the Scoring page's tests.) */
static void
release_pages (TandemWindow *self)
{
  TandemScoringState *state = tandem_scoring_page_get_state (self->scoring_page);

  g_clear_signal_handler (&self->status_handler, state);
  g_clear_handle_id (&self->release_idle, g_source_remove);
  if (self->paint_handler != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      /* Gone with its clock, if the window lost it */
      if (clock != NULL)
        g_signal_handler_disconnect (clock, self->paint_handler);
      self->paint_handler = 0;
    }
  if (g_set_object (&self->pages_store, self->store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_STORE]);
}

static gboolean
release_pages_idle (gpointer data)
{
  TandemWindow *self = data;

  self->release_idle = 0;
  release_pages (self);
  return G_SOURCE_REMOVE;
}

/* Not from inside the frame clock's signal: the pages then change what
 * they show, which is for a main loop iteration of their own */
static void
on_matrix_painted (TandemWindow  *self,
                   GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->paint_handler, clock);
  if (self->release_idle == 0)
    self->release_idle = g_idle_add (release_pages_idle, self);
}

/* Scoring has its result: the other pages go on once it is painted */
static void
on_scoring_status (TandemWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (tandem_scoring_state_get_status (tandem_scoring_page_get_state (self->scoring_page)) ==
      TANDEM_SCORING_STATUS_LOADING)
    return;
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->scoring_page)))
    {
      release_pages (self);
      return;
    }
  if (self->paint_handler == 0)
    self->paint_handler = g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_matrix_painted), self,
                                                   G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self->scoring_page));
}

static void
on_visible_page (TandemWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "scoring") != 0)
    release_pages (self);
}

static void
set_store (TandemWindow *self,
           TandemStore  *store)
{
  TandemScoringState *state = tandem_scoring_page_get_state (self->scoring_page);

  if (!g_set_object (&self->store, store))
    return;

  /* The other pages let go of the old workspace at once (their drafts
   * saved into it) */
  g_clear_signal_handler (&self->status_handler, state);
  if (self->pages_store != NULL && self->pages_store != store)
    {
      g_clear_object (&self->pages_store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGES_STORE]);
    }

  /* The pages follow through their store property, bound in the template */
  update_titles (self);
  if (store != NULL && tandem_store_get_path (store) != NULL)
    remember (self, tandem_store_get_path (store));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  self->status_handler = g_signal_connect_swapped (state, "notify::status", G_CALLBACK (on_scoring_status), self);
  on_scoring_status (self);
  on_visible_page (self);
}

static void
set_busy (TandemWindow *self,
          gboolean      busy,
          const char   *title)
{
  self->busy = busy;
  if (title)
    adw_status_page_set_title (self->loading_page, title);
  gtk_stack_set_visible_child_name (self->main_stack, busy ? "loading" : "content");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-leads", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-events", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-file", !busy);
}

typedef struct
{
  char    *path;
  gboolean generate_demo;
  guint    demo_leads;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  TandemStore *store;

  if (!job->generate_demo)
    {
      store = tandem_store_open (job->path, &error);
      if (store == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, store, g_object_unref);
      return;
    }

  /* A new demo: written to a temporary name, renamed when complete, so a
   * half-written demo is never mistaken for one. */
  {
    g_autofree char *dir = g_path_get_dirname (job->path);
    g_autofree char *partial = g_strconcat (job->path, ".partial", NULL);

    g_mkdir_with_parents (dir, 0700);
    tandem_store_delete_files (partial);
    store = tandem_store_create (partial, &error);
    if (store == NULL ||
        !tandem_demo_generate (store, job->demo_leads, TANDEM_DEMO_DEFAULT_SEED, NULL, cancellable, &error) ||
        !tandem_store_checkpoint (store, &error))
      {
        g_clear_object (&store);
        tandem_store_delete_files (partial);
        g_task_return_error (task, error);
        return;
      }
    g_clear_object (&store);
    if (g_rename (partial, job->path) != 0)
      {
        int saved = errno;
        tandem_store_delete_files (partial);
        g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                                 _("Could not save the demo workspace: %s"), g_strerror (saved));
        return;
      }
    store = tandem_store_open (job->path, &error);
    if (store == NULL)
      g_task_return_error (task, error);
    else
      g_task_return_pointer (task, store, g_object_unref);
  }
}

static void
on_open_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TandemWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  OpenJob *job = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE, NULL);
  if (store == NULL)
    {
      g_autofree char *name = g_filename_display_basename (job->path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      g_autofree char *last = g_settings_get_string (self->settings, "last-workspace");

      /* A last workspace that is gone is forgotten, not retried forever. */
      if (g_strcmp0 (last, job->path) == 0 &&
          !g_file_test (job->path, G_FILE_TEST_EXISTS))
        g_settings_set_string (self->settings, "last-workspace", "");
      tandem_window_show_error (self, NULL, heading, error->message);
      return;
    }
  set_store (self, store);
}

static void
start_open (TandemWindow *self,
            OpenJob      *job,
            const char   *busy_title)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE, busy_title);
  task = g_task_new (NULL, self->cancellable, on_open_done, g_object_ref (self));
  g_task_set_source_tag (task, start_open);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

void
tandem_window_open_path (TandemWindow *self,
                         const char   *path)
{
  OpenJob *job = g_new0 (OpenJob, 1);
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *title = g_strdup_printf (_("Opening “%s”…"), name);

  g_return_if_fail (TANDEM_IS_WINDOW (self));
  job->path = g_strdup (path);
  start_open (self, job, title);
}

void
tandem_window_open_demo (TandemWindow *self)
{
  OpenJob *job = g_new0 (OpenJob, 1);
  const char *size = g_getenv ("TANDEM_DEMO_LEADS");

  g_return_if_fail (TANDEM_IS_WINDOW (self));

  job->path = g_build_filename (g_get_user_data_dir (), "tandem", _("Demo.tandem"), NULL);
  job->demo_leads = TANDEM_DEMO_DEFAULT_LEADS;
  if (size != NULL && g_ascii_strtoull (size, NULL, 10) > 0)
    job->demo_leads = (guint) MIN (g_ascii_strtoull (size, NULL, 10), 2000000);
  job->generate_demo = !g_file_test (job->path, G_FILE_TEST_EXISTS);
  start_open (self, job, job->generate_demo ? _("Preparing the Demo Workspace…") : _("Opening the Demo Workspace…"));
}

/* ---- Import ------------------------------------------------------------------ */

static void
on_import_finished (TandemWindow       *self,
                    gboolean            success,
                    const char         *message,
                    TandemImportDialog *dialog)
{
  if (!success)
    return;
  tandem_window_add_toast (self, message);
  tandem_leads_page_reload (self->leads_page);
  tandem_scoring_page_reload (self->scoring_page);
  tandem_funnel_page_reload (self->funnel_page);
  update_titles (self);
}

void
tandem_window_import_file (TandemWindow     *self,
                           TandemImportKind  kind,
                           const char       *path)
{
  g_autoptr(GError) error = NULL;
  TandemImportDialog *dialog;

  g_return_if_fail (TANDEM_IS_WINDOW (self));

  if (self->store == NULL)
    {
      tandem_window_show_error (self, NULL, _("No Workspace Is Open"),
                  _("Create or open a workspace first, then import into it."));
      return;
    }
  if (kind == TANDEM_IMPORT_LEADS && tandem_store_count_leads (self->store) > 0)
    kind = TANDEM_IMPORT_MERGE;

  dialog = tandem_import_dialog_new (GTK_WINDOW (self), self->store, kind, path, &error);
  if (dialog == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Read “%s”"), name);
      tandem_window_show_error (self, NULL, heading, error->message);
      return;
    }

  if (self->import_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
  self->import_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->import_dialog);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_import_finished), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A CSV file chosen for win.import-leads or win.import-events */
static void
on_csv_chosen (GFile    *file,
               gpointer  user_data)
{
  g_autofree char *path = g_file_get_path (file);
  TandemImportKind kind = GPOINTER_TO_UINT (g_object_get_data (user_data, "tandem-import-kind"));

  tandem_window_import_file (user_data, kind, path);
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  const char *kind_name, *path;
  TandemImportKind kind = TANDEM_IMPORT_LEADS;

  g_variant_get (parameter, "(&s&s)", &kind_name, &path);
  if (g_str_equal (kind_name, "merge"))
    kind = TANDEM_IMPORT_MERGE;
  else if (g_str_equal (kind_name, "events"))
    kind = TANDEM_IMPORT_EVENTS;
  tandem_window_import_file (TANDEM_WINDOW (widget), kind, path);
}

/* ---- Workspaces ---------------------------------------------------------------- */

static void
on_workspace_chosen (GFile    *file,
                     gpointer  user_data)
{
  g_autofree char *path = g_file_get_path (file);
  tandem_window_open_path (user_data, path);
}

static void
on_new_workspace_chosen (GFile    *file,
                         gpointer  user_data)
{
  TandemWindow *self = user_data;
  g_autofree char *chosen = g_file_get_path (file);
  g_autofree char *path = g_str_has_suffix (chosen, ".tandem") ? g_strdup (chosen) : g_strconcat (chosen, ".tandem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;

  /* The chooser asked about replacing; an existing workspace is never
   * overwritten in place. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *message = g_strdup_printf (_("“%s” already exists. Choose another name, or open it."), name);
      tandem_window_show_error (self, NULL, _("Could Not Create the Workspace"), message);
      return;
    }
  store = tandem_store_create (path, &error);
  if (store == NULL)
    {
      tandem_window_show_error (self, NULL, _("Could Not Create the Workspace"), error->message);
      return;
    }
  set_store (self, store);
}

/* The window's file choosers: each of these actions asks for its file */
static const struct
{
  const char           *action;
  const char           *title;
  const char           *accept;
  gboolean              save;
  const char           *suggested;
  const char           *filter;
  const char *const    *patterns;
  TandemFileChosenFunc  chosen;
  TandemImportKind      import_kind;
} choosers[] = {
  { "win.new-workspace", N_("New Workspace"), N_("_Create"), TRUE, N_("Untitled.tandem"),
    N_("Tandem workspaces"), workspace_patterns, on_new_workspace_chosen, 0 },
  { "win.open", N_("Open Workspace"), N_("_Open"), FALSE, NULL,
    N_("Tandem workspaces"), workspace_patterns, on_workspace_chosen, 0 },
  { "win.import-leads", N_("Import Leads"), N_("_Import"), FALSE, NULL,
    N_("CSV files"), csv_patterns, on_csv_chosen, TANDEM_IMPORT_LEADS },
  { "win.import-events", N_("Import Events"), N_("_Import"), FALSE, NULL,
    N_("CSV files"), csv_patterns, on_csv_chosen, TANDEM_IMPORT_EVENTS },
};

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  for (guint k = 0; k < G_N_ELEMENTS (choosers); k++)
    if (g_str_equal (action_name, choosers[k].action))
      {
        g_object_set_data (G_OBJECT (widget), "tandem-import-kind", GUINT_TO_POINTER (choosers[k].import_kind));
        tandem_compat_choose_file (GTK_WINDOW (widget), _(choosers[k].title), _(choosers[k].accept), choosers[k].save,
                                   choosers[k].suggested ? _(choosers[k].suggested) : NULL, _(choosers[k].filter),
                                   choosers[k].patterns, choosers[k].chosen, widget);
      }
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tandem_window_open_path (TANDEM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tandem_window_open_demo (TANDEM_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  tandem_leads_page_focus_search (self->leads_page);
}

/* ---- Object ------------------------------------------------------------------ */

static gboolean
tandem_window_close_request (GtkWindow *window)
{
  TandemWindow *self = TANDEM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (tandem_window_parent_class)->close_request (window);
}

static void
tandem_window_dispose (GObject *object)
{
  TandemWindow *self = (TandemWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->title_idle, g_source_remove);
  if (self->import_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
  self->import_dialog = NULL;
  if (self->error_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->error_dialog), (gpointer *) &self->error_dialog);
  self->error_dialog = NULL;
  g_clear_handle_id (&self->release_idle, g_source_remove);
  if (self->scoring_page != NULL)
    g_clear_signal_handler (&self->status_handler, tandem_scoring_page_get_state (self->scoring_page));
  g_clear_object (&self->pages_store);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (tandem_window_parent_class)->dispose (object);
}

static void
tandem_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PAGES_STORE:
      g_value_set_object (value, self->pages_store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Alt+1, Alt+2, Alt+3: the pages in order */
static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
tandem_window_class_init (TandemWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_window_dispose;
  object_class->get_property = tandem_window_get_property;
  window_class->close_request = tandem_window_close_request;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The store, for the pages after Scoring: see release_pages () */
  properties[PROP_PAGES_STORE] = g_param_spec_object ("pages-store", NULL, NULL, TANDEM_TYPE_STORE,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TANDEM_TYPE_LEADS_PAGE);
  g_type_ensure (TANDEM_TYPE_SCORING_PAGE);
  g_type_ensure (TANDEM_TYPE_FUNNEL_PAGE);
  g_type_ensure (TANDEM_TYPE_TARGETS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tandem-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, switcher_title);
  /* Not kept, but there for the tests to find */
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, workspace_title);
  gtk_widget_class_bind_template_child_full (widget_class, "present_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "present_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, leads_page);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, scoring_page);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, funnel_page);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, targets_page);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.import-leads", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-events", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "(ss)", import_file_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  tandem_window_class_add_output_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "scoring");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "funnel");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "targets");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "leads");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-leads", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.import-events", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

static void
tandem_window_init (TandemWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#if TANDEM_DEVEL
  /* The development profile: libadwaita's striped header bar */
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
  g_signal_connect_swapped (self->scoring_page, "toast", G_CALLBACK (tandem_window_add_toast), self);
  g_signal_connect_object (self->switcher_title, "notify::title-visible", G_CALLBACK (on_title_visible),
                           self, G_CONNECT_SWAPPED);
  sync_workspace_title (self);
  g_signal_connect_swapped (self->funnel_page, "toast", G_CALLBACK (tandem_window_add_toast), self);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (on_visible_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->targets_page, "toast", G_CALLBACK (tandem_window_add_toast), self);

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
  update_titles (self);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
}

TandemWindow *
tandem_window_new (GtkApplication *application)
{
  return g_object_new (TANDEM_TYPE_WINDOW, "application", application, NULL);
}

TandemStore *
tandem_window_get_store (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  return self->store;
}

TandemImportDialog *
tandem_window_get_import_dialog (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);
  return self->import_dialog ? TANDEM_IMPORT_DIALOG (self->import_dialog) : NULL;
}

TandemTargetsPage *
tandem_window_get_targets_page (TandemWindow *self)
{
  return self->targets_page;
}

TandemFunnelPage *
tandem_window_get_funnel_page (TandemWindow *self)
{
  return self->funnel_page;
}

TandemScoringPage *
tandem_window_get_scoring_page (TandemWindow *self)
{
  return self->scoring_page;
}

TandemLeadsPage *
tandem_window_get_leads_page (TandemWindow *self)
{
  return self->leads_page;
}

GtkWidget *
tandem_window_get_error_dialog (TandemWindow *self)
{
  return self->error_dialog;
}

guint
tandem_window_get_n_toasts (TandemWindow *self)
{
  return self->n_toasts;
}

gboolean
tandem_window_is_busy (TandemWindow *self)
{
  return self->busy;
}
