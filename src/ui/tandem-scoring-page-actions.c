/* tandem-scoring-page-actions.c — what the Scoring page's actions do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules (add, edit, duplicate, delete, from the gallery), the cells
 * (toggle, list the leads), undo, and the model menu (publish, open,
 * save as, rename, delete, compare, import and export).  Each asks what
 * it must ask, then hands the edit to the page's TandemScoringState.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-suggest-dialog.h"
#include "tandem-compare-models.h"
#include "tandem-compat.h"
#include "tandem-decisions.h"
#include "tandem-export.h"
#include "tandem-gallery.h"
#include "tandem-rule-editor.h"
#include "tandem-scoring-page-private.h"

#define CELL_LEADS_SHOWN 300

static GtkWindow *
parent_window (gpointer widget)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (widget)));
}

static gboolean
has_model (TandemScoringPage *self)
{
  return tandem_scoring_state_get_store (self->state) != NULL && tandem_scoring_state_get_model (self->state) != NULL;
}

static TandemRule *
rule_at (TandemScoringPage *self,
         guint              d,
         guint              r)
{
  TandemModel *model = tandem_scoring_state_get_model (self->state);
  GPtrArray *rules;

  if (model == NULL || d >= TANDEM_N_DIMENSIONS)
    return NULL;
  rules = tandem_model_get_dimension (model, d)->rules;
  return r < rules->len ? g_ptr_array_index (rules, r) : NULL;
}

/* An error as a toast; TRUE when there was none.  @error is read once
 * @ok is known: toast_error (self, do_it (&error), &error). */
static gboolean
toast_error (TandemScoringPage  *self,
             gboolean            ok,
             GError            **error)
{
  if (!ok && *error != NULL)
    _tandem_scoring_page_toast (self, (*error)->message);
  return ok;
}

/* A question with a text field: @on_response reads it from "entry" */
static GtkWidget *
ask_with_entry (TandemScoringPage *self,
                const char        *heading,
                const char        *body,
                const char        *text,
                const char        *placeholder,
                const char        *response,
                const char        *label,
                GCallback          on_response)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();

  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static const char *
entry_text (AdwMessageDialog *dialog)
{
  return gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "entry"));
}

/* ---- Undo ----------------------------------------------------------------- */

/* scoring.undo and scoring.redo */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemScoringState *state = TANDEM_SCORING_PAGE (widget)->state;

  if (g_str_equal (action_name, "scoring.undo"))
    tandem_scoring_state_undo (state);
  else
    tandem_scoring_state_redo (state);
}

/* ---- Rules ---------------------------------------------------------------- */

static void
on_rule_edited (TandemRuleEditor  *editor,
                TandemRule        *rule,
                TandemScoringPage *self)
{
  TandemDimension d = tandem_rule_editor_get_dimension (editor);
  int index = tandem_rule_editor_get_index (editor);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (index < 0)
    ok = tandem_scoring_state_add_rule (self->state, d, tandem_rule_copy (rule), &error);
  else
    ok = tandem_scoring_state_replace_rule (self->state, d, (guint) index, tandem_rule_copy (rule), &error);
  toast_error (self, ok, &error);
}

static void
open_editor (TandemScoringPage *self,
             TandemDimension    d,
             int                index)
{
  GtkWidget *editor;

  if (!has_model (self))
    return;
  editor = tandem_rule_editor_new (parent_window (self), tandem_scoring_state_get_store (self->state), d, index,
                                   index >= 0 ? rule_at (self, d, (guint) index) : NULL);
  g_signal_connect_object (editor, "rule-edited", G_CALLBACK (on_rule_edited), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  guint d = (guint) g_variant_get_int32 (parameter);
  open_editor (TANDEM_SCORING_PAGE (widget), MIN (d, 1), -1);
}

/* scoring.edit-rule, scoring.duplicate-rule and scoring.delete-rule:
 * (dimension, rule) */
static void
rule_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  guint d, r;

  g_variant_get (parameter, "(uu)", &d, &r);
  if (d >= TANDEM_N_DIMENSIONS)
    return;
  if (g_str_equal (action_name, "scoring.edit-rule"))
    {
      if (rule_at (self, d, r) != NULL)
        open_editor (self, d, (int) r);
    }
  else if (g_str_equal (action_name, "scoring.duplicate-rule"))
    tandem_scoring_state_duplicate_rule (self->state, d, r);
  else
    tandem_scoring_state_delete_rule (self->state, d, r);
}

/* For tests and scripts: a rule as JSON, added to a dimension. */
static void
add_rule_json_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autoptr(GError) error = NULL;
  TandemRule *rule;
  const char *json;
  guint d;

  g_variant_get (parameter, "(u&s)", &d, &json);
  if (!has_model (self) || d >= TANDEM_N_DIMENSIONS)
    return;
  rule = tandem_rule_new_from_json (json, &error);
  toast_error (self, rule != NULL && tandem_scoring_state_add_rule (self->state, d, rule, &error), &error);
}

static void
set_points_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  guint d, r;
  double points;

  g_variant_get (parameter, "(uud)", &d, &r, &points);
  if (d < TANDEM_N_DIMENSIONS)
    {
      tandem_scoring_state_set_points (self->state, d, r, points);
      /* The row's slider and spin show the new points */
      _tandem_scoring_page_rebuild_rows (self);
      _tandem_scoring_page_refresh (self, FALSE);
    }
}

/* ---- Cells and thresholds ------------------------------------------------- */

static void
toggle_cell_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  guint f, i;

  g_variant_get (parameter, "(uu)", &f, &i);
  tandem_scoring_state_toggle_cell (TANDEM_SCORING_PAGE (widget)->state, f, i);
}

static void
set_threshold_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  guint axis, index;
  double value;

  g_variant_get (parameter, "(uud)", &axis, &index, &value);
  if (axis < TANDEM_N_DIMENSIONS && isfinite (value))
    tandem_scoring_state_set_threshold (TANDEM_SCORING_PAGE (widget)->state, axis, index, value, FALSE);
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* A modal window over the page: a header bar (with @subtitle under the
 * title when there is one) over @content, scrolled */
static GtkWidget *
present_window (TandemScoringPage *self,
                const char        *title,
                const char        *subtitle,
                int                width,
                int                height,
                GtkWidget         *content)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_title (GTK_WINDOW (window), title);
  if (subtitle != NULL)
    adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* A cell's leads, best first, each with why it scored what it did */
void
_tandem_scoring_page_show_cell_leads (TandemScoringPage *self,
                                      guint              f,
                                      guint              i)
{
  TandemScorer *scorer = tandem_scoring_state_get_scorer (self->state);
  g_autoptr(GArray) leads = NULL;
  g_autofree char *cell = tandem_model_cell_name (f, i);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  GtkWidget *list, *clamp;

  if (scorer == NULL)
    return;
  leads = tandem_scoring_state_list_cell_leads (self->state, f, i);
  count = tandem_chart_format_count (leads->len);
  /* Translators: the title of a matrix cell's lead list, e.g. "Cell B1" */
  title = g_strdup_printf (_("Cell %s"), cell);
  if (leads->len > CELL_LEADS_SHOWN)
    subtitle = g_strdup_printf (_("%s leads · the %u highest scores"), count, CELL_LEADS_SHOWN);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s lead", "%s leads", leads->len), count);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  list = boxed_list_new ();
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  for (guint k = 0; k < MIN (leads->len, CELL_LEADS_SHOWN); k++)
    {
      guint lead = g_array_index (leads, guint, k);
      g_autofree char *why = tandem_scorer_explain (scorer, lead);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tandem_scorer_get_key (scorer, lead));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), why);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), _tandem_scoring_page_placeholder (_("No leads in this cell")));
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  present_window (self, title, subtitle, 640, 560, clamp);
}

/* ---- Models --------------------------------------------------------------- */

void
_tandem_scoring_page_update_model_menu (TandemScoringPage *self)
{
  TandemStore *store = tandem_scoring_state_get_store (self->state);
  g_autoptr(GPtrArray) models = NULL;

  g_menu_remove_all (self->open_model_menu);
  if (store == NULL)
    return;
  models = tandem_model_list (store);
  for (guint k = 0; k < models->len; k++)
    {
      TandemModelInfo *info = g_ptr_array_index (models, k);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (g_str_has_suffix (info->name, TANDEM_STORE_DRAFT_SUFFIX))
        continue;
      label = info->live ? g_strdup_printf (_("%s (live)"), info->name) : g_strdup (info->name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "scoring.open-model", "s", info->name);
      g_menu_append_item (self->open_model_menu, item);
    }
}

static void
open_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (tandem_scoring_state_get_store (self->state) != NULL)
    toast_error (self, tandem_scoring_state_open_model (self->state, g_variant_get_string (parameter, NULL), &error), &error);
}

static void
on_publish_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     TandemScoringPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "publish") != 0)
    return;
  if (!tandem_scoring_state_publish (self->state, entry_text (dialog), &error))
    {
      g_autofree char *failed = g_strdup_printf (_("Could not publish: %s"), error->message);
      _tandem_scoring_page_toast (self, failed);
    }
}

/* Publishing asks why: the answer goes into the decision log, with what
 * changed, for the agreement both teams sign */
static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autofree char *changes = NULL;
  g_autofree char *heading = NULL;

  if (!has_model (self))
    return;
  changes = tandem_model_describe_changes (tandem_scoring_state_get_live_model (self->state),
                                           tandem_scoring_state_get_model (self->state));
  heading = g_strdup_printf (_("Make “%s” the Live Model?"), tandem_scoring_state_get_base_name (self->state));
  ask_with_entry (self, heading, changes, NULL, _("Why — for the decision log"), "publish", _("_Publish"),
                  G_CALLBACK (on_publish_response));
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tandem_scoring_state_discard_draft (TANDEM_SCORING_PAGE (widget)->state);
}

typedef gboolean (*NameFunc) (TandemScoringState *state,
                              const char         *name,
                              GError            **error);

/* Save as, rename: the name typed goes to the state's "apply" */
static void
on_name_response (AdwMessageDialog  *dialog,
                  const char        *response,
                  TandemScoringPage *self)
{
  NameFunc apply = (NameFunc) g_object_get_data (G_OBJECT (dialog), "apply");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "cancel") != 0 && g_strcmp0 (response, "close") != 0)
    toast_error (self, apply (self->state, entry_text (dialog), &error), &error);
}

/* scoring.save-as and scoring.rename-model: the name asked for */
static void
name_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  gboolean rename = g_str_equal (action_name, "scoring.rename-model");
  GtkWidget *dialog;

  if (!has_model (self))
    return;
  if (rename)
    dialog = ask_with_entry (self, _("Rename the Model"), NULL, tandem_scoring_state_get_base_name (self->state), NULL,
                             "rename", _("_Rename"), G_CALLBACK (on_name_response));
  else
    dialog = ask_with_entry (self, _("Save as a New Model"),
                             _("The new model starts as a copy of this draft; it is not live until you publish it."),
                             _("New model"), NULL, "save", _("_Save"), G_CALLBACK (on_name_response));
  g_object_set_data (G_OBJECT (dialog), "apply",
                     rename ? (gpointer) tandem_scoring_state_rename : (gpointer) tandem_scoring_state_save_as);
}

/* Two stored models side by side; the draft joins them once saved as a model */
static void
compare_models_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  GtkWidget *window;

  if (tandem_scoring_state_get_store (self->state) == NULL)
    return;
  window = tandem_compare_models_new (parent_window (widget), tandem_scoring_state_get_store (self->state));
  self->compare_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->compare_window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_delete_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    TandemScoringPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0)
    toast_error (self, tandem_scoring_state_delete_model (self->state, &error), &error);
}

static void
delete_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  TandemModel *live = tandem_scoring_state_get_live_model (self->state);
  const char *base_name = tandem_scoring_state_get_base_name (self->state);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!has_model (self))
    return;
  if (live != NULL && g_strcmp0 (base_name, tandem_model_get_name (live)) == 0)
    {
      _tandem_scoring_page_toast (self, _("The live model cannot be deleted: publish another model first"));
      return;
    }
  body = g_strdup_printf (_("“%s” and its draft will be gone from the workspace. The live model stays as it is."), base_name);
  dialog = adw_message_dialog_new (parent_window (widget), _("Delete the Model?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *const json_patterns[] = { "*.json", NULL };

static void
on_import_chosen (GFile    *file,
                  gpointer  user_data)
{
  TandemScoringPage *self = user_data;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) imported = tandem_model_new_from_file (path, &error);
  g_autofree char *message = NULL;

  if (imported == NULL || !tandem_scoring_state_replace_model (self->state, imported, &error))
    {
      /* The file's problem, in full, where the user can read it */
      g_autofree char *body = g_strdup_printf (_("%s: %s\n\nNothing was changed."), basename, error->message);
      tandem_compat_show_message (parent_window (self), _("Could Not Import the Model"), body);
      return;
    }
  message = g_strdup_printf (_("Imported %s as the draft — publish to make it live"), basename);
  _tandem_scoring_page_toast (self, message);
}

static void
import_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  if (!has_model (TANDEM_SCORING_PAGE (widget)))
    return;
  tandem_compat_choose_file (parent_window (widget), _("Import a Scoring Model"), _("_Import"), FALSE,
                             NULL, _("Scoring models (JSON)"), json_patterns, on_import_chosen, widget);
}

/* "Saved… in NAME" once @ok, else the error */
G_GNUC_PRINTF (4, 5)
static void
toast_saved (TandemScoringPage *self,
             gboolean           ok,
             GError           **error,
             const char        *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (!toast_error (self, ok, error))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  _tandem_scoring_page_toast (self, message);
}

static void
on_export_chosen (GFile    *file,
                  gpointer  user_data)
{
  TandemScoringPage *self = user_data;
  g_autofree char *json = tandem_model_to_json (tandem_scoring_state_get_model (self->state));
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                         NULL, NULL, &error);

  toast_saved (self, ok, &error, _("Exported the model to %s"), basename);
}

static void
export_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  g_autofree char *suggested = NULL;

  if (tandem_scoring_state_get_model (self->state) == NULL)
    return;
  suggested = g_strdup_printf ("%s.json", tandem_scoring_state_get_base_name (self->state));
  tandem_compat_choose_file (parent_window (widget), _("Export the Scoring Model"), _("_Export"), TRUE,
                             suggested, _("Scoring models (JSON)"), json_patterns, on_export_chosen, widget);
}

static void
on_scores_chosen (GFile    *file,
                  gpointer  user_data)
{
  TandemScoringPage *self = user_data;
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  gboolean ok = tandem_scoring_state_export_scores (self->state, file, &error);

  toast_saved (self, ok, &error, _("Saved every lead's score in %s"), basename);
}

static const char *const csv_patterns[] = { "*.csv", NULL };

static void
export_scores_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tandem_compat_choose_file (parent_window (widget), _("Export the Scores"), _("_Export"), TRUE,
                             _("scores.csv"), _("CSV files"), csv_patterns, on_scores_chosen, widget);
}

static gboolean
write_matrix (gpointer                    owner,
              const char                 *path,
              const TandemExportOptions  *options,
              GError                    **error)
{
  TandemScoringPage *self = owner;
  TandemMatrixData data = *tandem_matrix_view_get_data (self->matrix);

  data.focus_fit = data.focus_interest = -1;
  data.active_axis = data.active_handle = -1;
  return tandem_export_write (path, options, tandem_matrix_draw, &data, error);
}

static void
report_export (gpointer      owner,
               const char   *file_name,
               const GError *error)
{
  g_autofree char *message = error ? NULL : g_strdup_printf (_("Saved the matrix as %s"), file_name);

  _tandem_scoring_page_toast (owner, error ? error->message : message);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const TandemExportOptions options = {
    .title = _("Export the Matrix"),
    .suggested_name = _("matrix.png"),
    .width = 1280,
    .height = 800,
    .scale = 2,
    .theme = TANDEM_CHART_THEME_LIGHT,
  };

  tandem_export_chart (parent_window (widget), G_OBJECT (widget), &options, write_matrix, report_export);
}

/* ---- Gallery -------------------------------------------------------------- */

static void
on_gallery_row_activated (GtkListBox        *list,
                          GtkListBoxRow     *row,
                          TandemScoringPage *self)
{
  TandemGalleryItem *item = g_object_get_data (G_OBJECT (row), "item");

  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (item == NULL || item->rule == NULL)
    return;
  if (!toast_error (self, tandem_scoring_state_add_rule (self->state, item->dimension, tandem_rule_copy (item->rule), &error),
                    &error))
    return;
  message = g_strdup_printf (_("Added “%s”"), item->title);
  _tandem_scoring_page_toast (self, message);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (list))));
}

/* A template put on the column the user chose */
static void
on_gallery_choice_activated (AdwActionRow      *option,
                             TandemScoringPage *self)
{
  TandemGalleryItem *item = g_object_get_data (G_OBJECT (option), "item");
  const char *column = g_object_get_data (G_OBJECT (option), "column");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  TandemRule *rule = tandem_gallery_rule_on (item, tandem_scoring_state_get_store (self->state), column, &error);

  if (!toast_error (self, rule != NULL && tandem_scoring_state_add_rule (self->state, item->dimension, rule, &error), &error))
    return;
  /* Translators: a gallery rule added on the column the user chose */
  message = g_strdup_printf (_("Added “%s” on %s"), item->title, column);
  _tandem_scoring_page_toast (self, message);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (option))));
}

static void
gallery_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  GPtrArray *items;
  GtkWidget *window, *page;
  AdwPreferencesGroup *groups[TANDEM_N_DIMENSIONS];
  GtkWidget *lists[TANDEM_N_DIMENSIONS];

  if (!has_model (self))
    return;
  items = tandem_gallery_list (tandem_scoring_state_get_store (self->state));
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      groups[d] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (groups[d], d == TANDEM_DIMENSION_FIT ? _("Qualification (Fit)") : _("Interest (Engagement)"));
      adw_preferences_group_set_description (groups[d], _("Mapped onto this workspace's own columns and events; click one to add it"));
      lists[d] = boxed_list_new ();
      g_signal_connect_object (lists[d], "row-activated", G_CALLBACK (on_gallery_row_activated), self, 0);
      adw_preferences_group_add (groups[d], lists[d]);
      gtk_box_append (GTK_BOX (page), GTK_WIDGET (groups[d]));
    }
  for (guint k = 0; k < items->len; k++)
    {
      TandemGalleryItem *item = g_ptr_array_index (items, k);
      GtkWidget *row;

      /* No column named for it: every column of its type, with its values */
      if (item->rule == NULL && item->choices != NULL && item->choices->len > 0)
        {
          row = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), item->missing);
          for (guint c = 0; c < item->choices->len; c++)
            {
              const TandemGalleryChoice *choice = g_ptr_array_index (item->choices, c);
              GtkWidget *option = adw_action_row_new ();

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (option), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (option), choice->column);
              if (choice->top_values != NULL && *choice->top_values)
                adw_action_row_set_subtitle (ADW_ACTION_ROW (option), choice->top_values);
              gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (option), TRUE);
              adw_action_row_add_suffix (ADW_ACTION_ROW (option), gtk_image_new_from_icon_name ("list-add-symbolic"));
              g_object_set_data (G_OBJECT (option), "item", item);
              g_object_set_data_full (G_OBJECT (option), "column", g_strdup (choice->column), g_free);
              g_signal_connect_object (option, "activated", G_CALLBACK (on_gallery_choice_activated), self, 0);
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), option);
            }
          gtk_list_box_append (GTK_LIST_BOX (lists[item->dimension]), row);
          continue;
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      if (item->rule != NULL && item->matched_by != NULL)
        {
          /* Translators: a gallery rule, and why it chose its column */
          g_autofree char *subtitle = g_strdup_printf (_("%s (%s)"), item->sentence, item->matched_by);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->rule ? item->sentence : item->missing);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), item->rule != NULL);
      gtk_widget_set_sensitive (row, item->rule != NULL);
      if (item->rule != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));
      g_object_set_data (G_OBJECT (row), "item", item);
      gtk_list_box_append (GTK_LIST_BOX (lists[item->dimension]), row);
    }
  window = present_window (self, _("Rule Gallery"), NULL, 560, 640, page);
  g_object_set_data_full (G_OBJECT (window), "items", items, (GDestroyNotify) g_ptr_array_unref);
}

/* Suggest from Outcomes: rules fitted to which leads were won */
static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);

  if (!has_model (self))
    return;
  gtk_window_present (GTK_WINDOW (tandem_suggest_dialog_new (parent_window (widget), self->state)));
}

/* ---- The actions ---------------------------------------------------------- */

void
_tandem_scoring_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "scoring.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "scoring.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "scoring.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "scoring.discard-draft", NULL, discard_draft_action);
  gtk_widget_class_install_action (widget_class, "scoring.save-as", NULL, name_action);
  gtk_widget_class_install_action (widget_class, "scoring.rename-model", NULL, name_action);
  gtk_widget_class_install_action (widget_class, "scoring.compare-models", NULL, compare_models_action);
  gtk_widget_class_install_action (widget_class, "scoring.delete-model", NULL, delete_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.open-model", "s", open_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.import-model", NULL, import_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.export-model", NULL, export_model_action);
  gtk_widget_class_install_action (widget_class, "scoring.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "scoring.export-scores", NULL, export_scores_action);
  gtk_widget_class_install_action (widget_class, "scoring.add-rule", "i", add_rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.edit-rule", "(uu)", rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.duplicate-rule", "(uu)", rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.delete-rule", "(uu)", rule_action);
  gtk_widget_class_install_action (widget_class, "scoring.add-rule-json", "(us)", add_rule_json_action);
  gtk_widget_class_install_action (widget_class, "scoring.set-points", "(uud)", set_points_action);
  gtk_widget_class_install_action (widget_class, "scoring.toggle-cell", "(uu)", toggle_cell_action);
  gtk_widget_class_install_action (widget_class, "scoring.set-threshold", "(uud)", set_threshold_action);
  gtk_widget_class_install_action (widget_class, "scoring.gallery", NULL, gallery_action);
  gtk_widget_class_install_action (widget_class, "scoring.suggest", NULL, suggest_action);
}
