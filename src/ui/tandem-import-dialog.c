/* tandem-import-dialog.c — preview a CSV file, adjust it, import it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog shows what the import would do — the delimiter, each column's
 * type and role, the first rows — and lets the user correct it.  Changes
 * are kept as overrides by column name and the preview is read again, so
 * what the dialog shows is what the importer will do.  The import runs on
 * a worker thread with its own connection, with progress and Cancel; the
 * workspace is all or nothing, so a failed or cancelled import changes
 * nothing and the user can correct an override and try again.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-compat.h"
#include "tandem-import-dialog.h"

struct _TandemImportDialog
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkWidget          *import_button;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkWidget          *body;
  GtkLabel           *intro_label;
  AdwComboRow        *delimiter_row;
  AdwEntryRow        *null_tokens_row;
  AdwPreferencesGroup *columns_group;
  GtkColumnView      *preview_view;

  TandemStore        *store;
  TandemImportKind    kind;
  char               *path;
  TandemCsvPreview   *preview;
  GHashTable         *type_overrides;   /* name → GINT_TO_POINTER (type + 1) */
  GHashTable         *role_overrides;   /* name → role ("" = attribute / ignore) */
  GPtrArray          *column_rows;
  GCancellable       *cancellable;
  TandemImportResult  result;
  int                 permille;         /* progress, written by the worker */
  guint               progress_source;
  gboolean            running;
};

G_DEFINE_FINAL_TYPE (TandemImportDialog, tandem_import_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char delimiters[] = { 0, ',', ';', '\t', '|' };

/* Roles a user can pick, in order; labels from tandem_role_dup_label(). */
static const char *const lead_roles[] = {
  "", "id", "created", "stage", "outcome", "amount", "source", "owner", "first-touch",
  "stage-date:Inquiry", "stage-date:MQL", "stage-date:SAL", "stage-date:SQL", "stage-date:Opportunity",
  "stage-date:Won", "stage-date:Lost", "stage-date:Closed", "stage-date:Prospecting", "stage-date:Engaging",
};

static const char *const event_roles[] = { "", "id", "type", "timestamp", "value" };

static char *
role_label (TandemImportKind  kind,
            const char       *role)
{
  if (kind != TANDEM_IMPORT_EVENTS)
    return tandem_role_dup_label (role && role[0] ? role : NULL);

  if (g_strcmp0 (role, "id") == 0)
    return g_strdup (_("Lead ID"));
  if (g_strcmp0 (role, "type") == 0)
    return g_strdup (_("Event type"));
  if (g_strcmp0 (role, "timestamp") == 0)
    return g_strdup (_("Timestamp"));
  if (g_strcmp0 (role, "value") == 0)
    return g_strdup (_("Value"));
  return g_strdup (_("Ignore"));
}

static TandemCsvOptions *
build_options (TandemImportDialog *self)
{
  TandemCsvOptions *options = tandem_csv_options_new ();
  guint selected = adw_combo_row_get_selected (self->delimiter_row);
  g_auto(GStrv) tokens = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->null_tokens_row)), ",", -1);
  GHashTableIter iter;
  gpointer key, value;

  tandem_csv_options_set_kind (options, self->kind);
  if (selected < G_N_ELEMENTS (delimiters))
    tandem_csv_options_set_delimiter (options, delimiters[selected]);
  for (guint i = 0; tokens[i]; i++)
    tandem_csv_options_add_null_token (options, tokens[i]);

  g_hash_table_iter_init (&iter, self->type_overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    tandem_csv_options_set_type (options, key, GPOINTER_TO_INT (value) - 1);
  g_hash_table_iter_init (&iter, self->role_overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    tandem_csv_options_set_role (options, key, value, NULL);
  return options;
}

/* ---- Column rows -------------------------------------------------------- */

static void rebuild (TandemImportDialog *self);

static void
on_type_selected (GtkDropDown        *dropdown,
                  GParamSpec         *pspec,
                  TandemImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint type = gtk_drop_down_get_selected (dropdown);

  if (self->preview == NULL || type >= TANDEM_N_COLUMN_TYPES ||
      type == tandem_csv_preview_get_type (self->preview, column))
    return;
  tandem_import_dialog_set_column_type (self, column, type);
}

static void
on_role_selected (GtkDropDown        *dropdown,
                  GParamSpec         *pspec,
                  TandemImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  GStrv roles = g_object_get_data (G_OBJECT (dropdown), "roles");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->preview == NULL || selected >= g_strv_length (roles) ||
      g_strcmp0 (roles[selected], tandem_csv_preview_get_role (self->preview, column) ? tandem_csv_preview_get_role (self->preview, column) : "") == 0)
    return;
  tandem_import_dialog_set_column_role (self, column, roles[selected]);
}

static GtkWidget *
column_row (TandemImportDialog *self,
            guint               column)
{
  const TandemCsvPreview *p = self->preview;
  const char *current_role = tandem_csv_preview_get_role (p, column);
  g_autoptr(GStrvBuilder) samples = g_strv_builder_new ();
  g_auto(GStrv) sample_strv = NULL;
  g_autoptr(GStrvBuilder) roles_builder = g_strv_builder_new ();
  g_autoptr(GtkStringList) role_labels = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  const char *const *roles = self->kind == TANDEM_IMPORT_EVENTS ? event_roles : lead_roles;
  guint n_roles = self->kind == TANDEM_IMPORT_EVENTS ? G_N_ELEMENTS (event_roles) : G_N_ELEMENTS (lead_roles);
  guint selected_role = 0, n_samples = 0;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *type_dropdown;
  GtkWidget *role_dropdown;
  GStrv role_strv;
  static const char *const type_labels[] = { N_("Text"), N_("Number"), N_("Date"), N_("Yes/No"), NULL };
  const char *translated_types[G_N_ELEMENTS (type_labels)];

  for (guint r = 0; r < tandem_csv_preview_get_n_rows (p) && n_samples < 3; r++)
    {
      const char *cell = tandem_csv_preview_get_cell (p, r, column);
      if (cell != NULL)
        {
          g_autofree char *one_line = g_strdup (cell);
          g_strdelimit (one_line, "\r\n", ' ');
          g_strv_builder_add (samples, one_line);
          n_samples++;
        }
    }
  sample_strv = g_strv_builder_end (samples);
  subtitle = n_samples ? g_strjoinv (", ", sample_strv) : g_strdup (_("Empty in the first rows"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tandem_csv_preview_get_name (p, column));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  for (guint i = 0; type_labels[i]; i++)
    translated_types[i] = _(type_labels[i]);
  translated_types[G_N_ELEMENTS (type_labels) - 1] = NULL;
  type_dropdown = gtk_drop_down_new_from_strings (translated_types);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (type_dropdown), tandem_csv_preview_get_type (p, column));
  gtk_widget_set_valign (type_dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (type_dropdown, 110, -1);
  gtk_widget_set_tooltip_text (type_dropdown, _("Type"));
  g_object_set_data (G_OBJECT (type_dropdown), "column", GUINT_TO_POINTER (column));
  /* The events file's columns have fixed types. */
  gtk_widget_set_sensitive (type_dropdown, self->kind != TANDEM_IMPORT_EVENTS);

  for (guint i = 0; i < n_roles; i++)
    {
      g_autofree char *label = role_label (self->kind, roles[i]);
      g_strv_builder_add (roles_builder, roles[i]);
      gtk_string_list_append (role_labels, label);
      if (g_strcmp0 (roles[i], current_role ? current_role : "") == 0)
        selected_role = i;
    }
  if (current_role != NULL && selected_role == 0)
    {
      /* A guessed stage date we do not list, e.g. "stage-date:Closed" */
      g_autofree char *label = role_label (self->kind, current_role);
      g_strv_builder_add (roles_builder, current_role);
      gtk_string_list_append (role_labels, label);
      selected_role = n_roles;
    }
  role_strv = g_strv_builder_end (roles_builder);

  role_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (role_labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role_dropdown), selected_role);
  gtk_widget_set_valign (role_dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (role_dropdown, 190, -1);
  gtk_widget_set_tooltip_text (role_dropdown, _("Meaning"));
  g_object_set_data (G_OBJECT (role_dropdown), "column", GUINT_TO_POINTER (column));
  g_object_set_data_full (G_OBJECT (role_dropdown), "roles", role_strv, (GDestroyNotify) g_strfreev);

  g_signal_connect_object (type_dropdown, "notify::selected", G_CALLBACK (on_type_selected), self, 0);
  g_signal_connect_object (role_dropdown, "notify::selected", G_CALLBACK (on_role_selected), self, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), type_dropdown);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), role_dropdown);
  return row;
}

/* ---- Preview table ----------------------------------------------------- */

static void
setup_preview_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 14);
  gtk_list_item_set_child (item, cell);
}

static void
bind_preview_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  TandemImportDialog *self = g_object_get_data (G_OBJECT (factory), "dialog");
  GtkStringObject *row = gtk_list_item_get_item (item);
  guint r = (guint) g_ascii_strtoull (gtk_string_object_get_string (row), NULL, 10);
  const char *text = self->preview ? tandem_csv_preview_get_cell (self->preview, r, GPOINTER_TO_UINT (user_data)) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text ? text : "—");
}

static void
rebuild_preview_table (TandemImportDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  guint n_rows = MIN (tandem_csv_preview_get_n_rows (self->preview), 20);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->preview_view, column);
    }

  for (guint c = 0; c < tandem_csv_preview_get_n_columns (self->preview); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "dialog", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_preview_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_preview_cell), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (tandem_csv_preview_get_name (self->preview, c), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->preview_view, column);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      char index[16];
      g_snprintf (index, sizeof index, "%u", r);
      gtk_string_list_append (rows, index);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
}

static gboolean
read_preview (TandemImportDialog  *self,
              GError             **error)
{
  g_autoptr(TandemCsvOptions) options = build_options (self);
  TandemCsvPreview *preview = tandem_csv_preview_new (self->path, options, 100, error);

  if (preview == NULL)
    return FALSE;
  g_clear_pointer (&self->preview, tandem_csv_preview_free);
  self->preview = preview;
  return TRUE;
}

static void
rebuild_rows (TandemImportDialog *self)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  for (guint c = 0; c < tandem_csv_preview_get_n_columns (self->preview); c++)
    {
      GtkWidget *row = column_row (self, c);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  rebuild_preview_table (self);
}

/* Reads the preview again with the current choices; a choice the file
 * refuses (say, a delimiter that splits nothing) is explained and undone. */
static void
rebuild (TandemImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!read_preview (self, &error))
    {
      tandem_compat_show_message (GTK_WINDOW (self), _("This Choice Does Not Fit the File"), error->message);
      return;
    }
  rebuild_rows (self);
}

static void
on_delimiter_changed (TandemImportDialog *self)
{
  /* Another delimiter, other columns: the overrides were for the old ones. */
  g_hash_table_remove_all (self->type_overrides);
  g_hash_table_remove_all (self->role_overrides);
  rebuild (self);
}

static void
on_null_tokens_applied (TandemImportDialog *self)
{
  rebuild (self);
}

/* ---- Import ------------------------------------------------------------- */

typedef struct
{
  TandemStore        *store;
  char               *path;
  TandemCsvOptions   *options;
  TandemImportResult  result;
  int                *permille;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_free (job->path);
  tandem_csv_options_free (job->options);
  tandem_import_result_clear (&job->result);
  g_free (job);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  g_atomic_int_set ((int *) user_data, (int) (fraction * 1000));
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  if (tandem_store_import_csv (job->store, job->path, job->options, on_progress, job->permille,
                               cancellable, &job->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
update_progress (gpointer user_data)
{
  TandemImportDialog *self = user_data;
  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
set_running (TandemImportDialog *self,
             gboolean            running)
{
  self->running = running;
  gtk_widget_set_sensitive (self->body, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", !running);
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (running)
    {
      g_atomic_int_set (&self->permille, 0);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      self->progress_source = g_timeout_add (100, update_progress, self);
    }
}

static char *
describe_result (TandemImportDialog *self)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *main = NULL;
  const TandemImportResult *r = &self->result;

  switch (self->kind)
    {
    case TANDEM_IMPORT_MERGE:
      main = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Added %u column to %'lld leads from %s",
                                           "Added %u columns to %'lld leads from %s",
                                           r->columns_added),
                              r->columns_added, (long long) r->imported, name);
      break;
    case TANDEM_IMPORT_EVENTS:
      main = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'lld event from %s",
                                           "Imported %'lld events from %s", (gulong) r->imported),
                              (long long) r->imported, name);
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      main = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'lld lead from %s",
                                           "Imported %'lld leads from %s", (gulong) r->imported),
                              (long long) r->imported, name);
      break;
    }

  if (r->unknown_ids == 0)
    return g_steal_pointer (&main);
  /* Translators: the first %s is “Imported … from file.csv” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s; %'lld row had an id not in this workspace (line %lld)",
                                       "%s; %'lld rows had ids not in this workspace (first: line %lld)",
                                       (gulong) r->unknown_ids),
                          main, (long long) r->unknown_ids, (long long) r->first_unknown_line);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TandemImportDialog) self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_running (self, FALSE);
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->intro_label, _("The import was cancelled; the workspace is as it was."));
          g_signal_emit (self, signals[FINISHED], 0, FALSE, error->message);
          return;
        }
      tandem_compat_show_message (GTK_WINDOW (self), _("Import Failed"), error->message);
      g_signal_emit (self, signals[FINISHED], 0, FALSE, error->message);
      return;
    }

  tandem_import_result_clear (&self->result);
  self->result = job->result;
  memset (&job->result, 0, sizeof job->result);
  {
    g_autofree char *message = describe_result (self);
    g_signal_emit (self, signals[FINISHED], 0, TRUE, message);
  }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_import (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *label = g_strdup_printf (_("Importing %s…"), name);
  ImportJob *job;

  if (self->running)
    return;

  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (self->path);
  job->options = build_options (self);
  job->permille = &self->permille;
  /* Its own connection, so the window can keep reading meanwhile. */
  if (tandem_store_get_path (self->store) != NULL)
    job->store = tandem_store_open_another (self->store, &error);
  else
    job->store = g_object_ref (self->store);
  if (job->store == NULL)
    {
      tandem_compat_show_message (GTK_WINDOW (self), _("Import Failed"), error->message);
      g_signal_emit (self, signals[FINISHED], 0, FALSE, error->message);
      import_job_free (job);
      return;
    }

  gtk_label_set_label (self->progress_label, label);
  set_running (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_import_done, g_object_ref (self));
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  if (tandem_store_get_path (self->store) != NULL)
    g_task_run_in_thread (task, import_thread);
  else
    g_task_run_in_thread_sync (task, import_thread);
}

static void
cancel_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (widget);

  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request (GtkWindow *window)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (window);

  /* Closing mid-import cancels it; the dialog closes once it has stopped. */
  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return FALSE;
}

/* ---- Object ---------------------------------------------------------------- */

static void
tandem_import_dialog_dispose (GObject *object)
{
  TandemImportDialog *self = (TandemImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  G_OBJECT_CLASS (tandem_import_dialog_parent_class)->dispose (object);
}

static void
tandem_import_dialog_finalize (GObject *object)
{
  TandemImportDialog *self = (TandemImportDialog *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_clear_pointer (&self->preview, tandem_csv_preview_free);
  g_hash_table_unref (self->type_overrides);
  g_hash_table_unref (self->role_overrides);
  g_ptr_array_unref (self->column_rows);
  tandem_import_result_clear (&self->result);
  G_OBJECT_CLASS (tandem_import_dialog_parent_class)->finalize (object);
}

static void
tandem_import_dialog_class_init (TandemImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_import_dialog_dispose;
  object_class->finalize = tandem_import_dialog_finalize;
  window_class->close_request = on_close_request;

  /**
   * TandemImportDialog::finished:
   * @success: whether the workspace now holds the import
   * @message: what happened, in words for the user
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tandem-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, body);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, null_tokens_row);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, preview_view);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_import);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_import);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.start", NULL);
}

static void
tandem_import_dialog_init (TandemImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->type_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->role_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->column_rows = g_ptr_array_new ();
}

TandemImportDialog *
tandem_import_dialog_new (GtkWindow         *parent,
                          TandemStore       *store,
                          TandemImportKind   kind,
                          const char        *path,
                          GError           **error)
{
  TandemImportDialog *self;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) tokens = g_settings_get_strv (settings, "null-tokens");
  g_autofree char *tokens_text = g_strjoinv (", ", tokens);
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *title = tandem_store_dup_title (store);
  g_autofree char *intro = NULL;
  gint64 n_leads = tandem_store_count_leads (store);

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* Owned by GTK, like every toplevel, until destroyed. */
  self = g_object_new (TANDEM_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->path = g_strdup (path);
  gtk_editable_set_text (GTK_EDITABLE (self->null_tokens_row), tokens_text);

  switch (kind)
    {
    case TANDEM_IMPORT_MERGE:
      adw_window_title_set_title (self->window_title, _("Add Columns to Leads"));
      intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Adds the columns of %s to the %'lld lead already in “%s”, "
                                             "matched by lead id.",
                                             "Adds the columns of %s to the %'lld leads already in “%s”, "
                                             "matched by lead id.", (gulong) n_leads),
                               name, (long long) n_leads, title);
      break;
    case TANDEM_IMPORT_EVENTS:
      adw_window_title_set_title (self->window_title, _("Import Events"));
      intro = g_strdup_printf (_("Adds the activity in %s — lead id, event type, timestamp and an optional "
                                 "value — to the leads in “%s”."), name, title);
      break;
    case TANDEM_IMPORT_LEADS:
    default:
      adw_window_title_set_title (self->window_title, _("Import Leads"));
      intro = g_strdup_printf (_("Imports the leads in %s into “%s”. Nothing is written until the whole file "
                                 "has been read without an error."), name, title);
      break;
    }
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_label_set_label (self->intro_label, intro);

  if (!read_preview (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  rebuild_rows (self);

  g_signal_connect_object (self->delimiter_row, "notify::selected", G_CALLBACK (on_delimiter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->null_tokens_row, "apply", G_CALLBACK (on_null_tokens_applied), self, G_CONNECT_SWAPPED);
  return self;
}

const TandemCsvPreview *
tandem_import_dialog_get_preview (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return self->preview;
}

TandemImportKind
tandem_import_dialog_get_kind (TandemImportDialog *self)
{
  return self->kind;
}

void
tandem_import_dialog_set_column_type (TandemImportDialog *self,
                                      guint               column,
                                      TandemColumnType    type)
{
  g_return_if_fail (TANDEM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column < tandem_csv_preview_get_n_columns (self->preview));

  g_hash_table_insert (self->type_overrides, g_strdup (tandem_csv_preview_get_name (self->preview, column)),
                       GINT_TO_POINTER (type + 1));
  rebuild (self);
}

void
tandem_import_dialog_set_column_role (TandemImportDialog *self,
                                      guint               column,
                                      const char         *role)
{
  const char *name;
  TandemRoleKind kind;
  int required;

  g_return_if_fail (TANDEM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (column < tandem_csv_preview_get_n_columns (self->preview));

  name = tandem_csv_preview_get_name (self->preview, column);
  g_hash_table_insert (self->role_overrides, g_strdup (name), g_strdup (role ? role : ""));

  /* A role that needs a type sets it, so the two never disagree. */
  if (self->kind != TANDEM_IMPORT_EVENTS && tandem_role_parse (role, &kind, NULL, NULL) &&
      (required = tandem_role_required_type (kind)) >= 0)
    g_hash_table_insert (self->type_overrides, g_strdup (name), GINT_TO_POINTER (required + 1));

  /* The role leaves the column that had it: make that an explicit choice. */
  for (guint c = 0; role && role[0] && c < tandem_csv_preview_get_n_columns (self->preview); c++)
    if (c != column && g_strcmp0 (tandem_csv_preview_get_role (self->preview, c), role) == 0)
      g_hash_table_insert (self->role_overrides, g_strdup (tandem_csv_preview_get_name (self->preview, c)), g_strdup (""));

  rebuild (self);
}

const TandemImportResult *
tandem_import_dialog_get_result (TandemImportDialog *self)
{
  return &self->result;
}
