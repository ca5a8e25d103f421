/* tandem-funnel-mapping-editor.c — Placing Leads on Stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the stages come from, whether a later stage passes the earlier
 * ones, the column that dates each stage and the stage each value of the
 * data stands for, as the Funnel's state says; each choice an edit of it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-funnel-mapping-editor.h"
#include "tandem-rows.h"

struct _TandemFunnelMappingEditor
{
  TandemStateView    parent_instance;

  GtkListBox        *mapping_list;
  GtkLabel          *mapping_label;

  gboolean           dates_expanded;
  gboolean           values_expanded;
  gboolean           updating;     /* the rows are being made */
  gboolean           own_edit;     /* a row of this editor is editing: it shows the change already */
  guint              rebuild_id;
};

G_DEFINE_FINAL_TYPE (TandemFunnelMappingEditor, tandem_funnel_mapping_editor, TANDEM_TYPE_STATE_VIEW)

static void rebuild (TandemFunnelMappingEditor *self);

static TandemFunnelState *
state_of (TandemFunnelMappingEditor *self)
{
  return (TandemFunnelState *) tandem_state_view_get_state (TANDEM_STATE_VIEW (self));
}

static const char *
source_label (TandemFunnelSource source)
{
  switch (source)
    {
    case TANDEM_FUNNEL_SOURCE_DATES: return _("Stage dates");
    case TANDEM_FUNNEL_SOURCE_STAGE: return _("Current stage");
    case TANDEM_FUNNEL_SOURCE_HISTORY: return _("Stage history");
    case TANDEM_FUNNEL_SOURCE_OUTCOME: return _("Outcome");
    case TANDEM_FUNNEL_SOURCE_AUTO:
    default: return _("Automatic");
    }
}

static gboolean
rebuild_idle (gpointer data)
{
  TandemFunnelMappingEditor *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilt after the signal that asked for it has returned */
static void
queue_rebuild (TandemFunnelMappingEditor *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

static void
on_state_changed (TandemFunnelMappingEditor *self)
{
  if (!self->own_edit)
    rebuild (self);
}

static void
on_source_row (AdwComboRow               *row,
               GParamSpec                *pspec,
               TandemFunnelMappingEditor *self)
{
  if (self->updating)
    return;
  self->own_edit = TRUE;
  tandem_funnel_state_set_source (state_of (self), (TandemFunnelSource) adw_combo_row_get_selected (row), NULL);
  self->own_edit = FALSE;
  queue_rebuild (self);   /* the rows below depend on the source */
}

static void
on_implied_switch (GtkSwitch                 *sw,
                   GParamSpec                *pspec,
                   TandemFunnelMappingEditor *self)
{
  if (self->updating)
    return;
  self->own_edit = TRUE;
  tandem_funnel_state_set_implied (state_of (self), gtk_switch_get_active (sw), NULL);
  self->own_edit = FALSE;
}

static void
on_date_row (AdwComboRow               *row,
             GParamSpec                *pspec,
             TandemFunnelMappingEditor *self)
{
  GPtrArray *columns = tandem_funnel_state_get_date_columns (state_of (self));
  guint k = adw_combo_row_get_selected (row);
  const char *stage = g_object_get_data (G_OBJECT (row), "stage");

  if (self->updating || k > columns->len)
    return;
  self->own_edit = TRUE;
  tandem_funnel_state_set_stage_date (state_of (self), stage, k == 0 ? NULL : g_ptr_array_index (columns, k - 1), NULL);
  self->own_edit = FALSE;
}

static void
on_value_row (AdwComboRow               *row,
              GParamSpec                *pspec,
              TandemFunnelMappingEditor *self)
{
  const TandemTaxonomy *taxonomy = tandem_funnel_state_get_taxonomy (state_of (self));
  guint k = adw_combo_row_get_selected (row);
  const char *value = g_object_get_data (G_OBJECT (row), "value");

  if (self->updating || taxonomy == NULL || k > tandem_taxonomy_get_n_stages (taxonomy))
    return;
  self->own_edit = TRUE;
  tandem_funnel_state_set_value_stage (state_of (self), value, k == 0 ? NULL : tandem_taxonomy_get_stage (taxonomy, k - 1)->name,
                                       NULL);
  self->own_edit = FALSE;
}

static void
on_expanded (AdwExpanderRow            *row,
             GParamSpec                *pspec,
             TandemFunnelMappingEditor *self)
{
  gboolean *flag = g_object_get_data (G_OBJECT (row), "flag");

  if (!self->updating)
    *flag = adw_expander_row_get_expanded (row);
}

static GtkWidget *
expander (TandemFunnelMappingEditor *self,
          const char                *title,
          const char                *subtitle,
          gboolean                  *flag)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), *flag);
  g_object_set_data (G_OBJECT (row), "flag", flag);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded), self);
  return row;
}

/* The column the mapping names for a stage, by its name or short name */
static const char *
mapped_date_column (const TandemFunnelMapping *mapping,
                    const TandemStage         *stage)
{
  const char *column = tandem_funnel_mapping_get_date_column (mapping, stage->name);

  return column ? column : tandem_funnel_mapping_get_date_column (mapping, stage->short_name);
}

/* Where the stages come from */
static GtkWidget *
source_row (TandemFunnelMappingEditor *self)
{
  TandemFunnelSource source = tandem_funnel_mapping_get_source (tandem_funnel_state_get_mapping (state_of (self)));
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  /* Translators: what the automatic choice of where stages come from picks: "Now: Stage history" */
  g_autofree char *picked = g_strdup_printf (_("Now: %s"), source_label (tandem_funnel_state_get_automatic_source (state_of (self))));
  const char *problem = NULL;
  GtkWidget *row;

  gtk_string_list_append (items, _("Automatic"));
  for (int k = TANDEM_FUNNEL_SOURCE_DATES; k <= TANDEM_FUNNEL_SOURCE_OUTCOME; k++)
    gtk_string_list_append (items, source_label ((TandemFunnelSource) k));
  if (source == TANDEM_FUNNEL_SOURCE_STAGE && !tandem_funnel_state_get_has_stage_column (state_of (self)))
    problem = _("The workspace has no current-stage column");
  else if (source == TANDEM_FUNNEL_SOURCE_HISTORY && !tandem_funnel_state_get_has_history (state_of (self)))
    problem = _("The workspace has no stage history");
  else if (source == TANDEM_FUNNEL_SOURCE_AUTO)
    problem = picked;
  row = GTK_WIDGET (tandem_combo_row_new (_("Stages come from"), problem, G_LIST_MODEL (items), (guint) source));
  if (problem != NULL && problem != picked)
    gtk_widget_add_css_class (row, "error");
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_source_row), self);
  return row;
}

/* A lead at a later stage passed the earlier ones */
static GtkWidget *
implied_row (TandemFunnelMappingEditor *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Later stages pass the earlier ones"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("A lead that reached a stage counts at every stage before it"));
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), tandem_funnel_mapping_get_implied (tandem_funnel_state_get_mapping (state_of (self))));
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_implied_switch), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  return row;
}

/* The date of each stage (the history has its own dates) */
static GtkWidget *
dates_row (TandemFunnelMappingEditor *self)
{
  const TandemTaxonomy *taxonomy = tandem_funnel_state_get_taxonomy (state_of (self));
  const TandemFunnelMapping *mapping = tandem_funnel_state_get_mapping (state_of (self));
  GPtrArray *columns = tandem_funnel_state_get_date_columns (state_of (self));
  GtkWidget *dates = expander (self, _("Stage dates"), _("The column that dates each stage"), &self->dates_expanded);

  for (guint i = 0; i < tandem_taxonomy_get_n_stages (taxonomy); i++)
    {
      const TandemStage *stage = tandem_taxonomy_get_stage (taxonomy, i);
      g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
      g_autofree char *automatic_column = tandem_funnel_state_dup_automatic_date_column (state_of (self), i);
      g_autofree char *automatic = automatic_column ? g_strdup_printf (_("Automatic: %s"), automatic_column)
                                                    : g_strdup (_("Automatic: none"));
      const char *mapped = mapped_date_column (mapping, stage);
      guint selected = 0;
      GtkWidget *row;

      gtk_string_list_append (items, automatic);
      for (guint k = 0; k < columns->len; k++)
        {
          gtk_string_list_append (items, g_ptr_array_index (columns, k));
          if (mapped != NULL && g_str_equal (mapped, g_ptr_array_index (columns, k)))
            selected = k + 1;
        }
      row = GTK_WIDGET (tandem_combo_row_new (stage->name, NULL, G_LIST_MODEL (items), selected));
      if (mapped != NULL && selected == 0)
        {
          /* The stored mapping names a column the workspace no longer has as dates */
          g_autofree char *missing = g_strdup_printf (_("“%s” is not a date column here"), mapped);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), missing);
          gtk_widget_add_css_class (row, "error");
        }
      g_object_set_data_full (G_OBJECT (row), "stage", g_strdup (stage->name), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_date_row), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (dates), row);
    }
  return dates;
}

/* The stage each value of the stage column, or of the history, means */
static GtkWidget *
values_row (TandemFunnelMappingEditor *self,
            gboolean                   history)
{
  const TandemTaxonomy *taxonomy = tandem_funnel_state_get_taxonomy (state_of (self));
  const TandemFunnelMapping *mapping = tandem_funnel_state_get_mapping (state_of (self));
  GPtrArray *values = history ? tandem_funnel_state_get_history_values (state_of (self))
                              : tandem_funnel_state_get_stage_values (state_of (self));
  GtkWidget *group = expander (self, history ? _("Stage names in the history") : _("Current-stage values"),
                               _("The stage each value stands for"), &self->values_expanded);
  guint n_stages = tandem_taxonomy_get_n_stages (taxonomy);

  for (guint v = 0; v < values->len; v++)
    {
      TandemValueCount *value = g_ptr_array_index (values, v);
      g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
      const char *mapped = tandem_funnel_mapping_get_value (mapping, value->value);
      int automatic_stage = tandem_taxonomy_find_stage (taxonomy, value->value);
      g_autofree char *automatic = NULL;
      g_autofree char *count = NULL;
      guint selected = 0;
      GtkWidget *row;

      if (automatic_stage >= 0)
        automatic = g_strdup_printf (_("Automatic: %s"), tandem_taxonomy_get_stage (taxonomy, (guint) automatic_stage)->name);
      else
        automatic = g_strdup (_("Automatic: no stage"));
      gtk_string_list_append (items, automatic);
      for (guint i = 0; i < n_stages; i++)
        gtk_string_list_append (items, tandem_taxonomy_get_stage (taxonomy, i)->name);
      if (mapped != NULL && tandem_taxonomy_find_stage (taxonomy, mapped) >= 0)
        selected = (guint) tandem_taxonomy_find_stage (taxonomy, mapped) + 1;
      count = history ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld entry", "%'lld entries", (gulong) value->count),
                                         (long long) value->count)
                      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld lead", "%'lld leads", (gulong) value->count),
                                         (long long) value->count);
      row = GTK_WIDGET (tandem_combo_row_new (value->value, count, G_LIST_MODEL (items), selected));
      g_object_set_data_full (G_OBJECT (row), "value", g_strdup (value->value), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_value_row), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (group), row);
    }
  if (values->len == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (group), _("The data has no values to place"));
  return group;
}

/* The source, "implied", the date of each stage and the stage of each
 * value, as the mapping being edited says.                              */
static void
rebuild (TandemFunnelMappingEditor *self)
{
  TandemFunnelSource effective;
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_list))) != NULL)
    gtk_list_box_remove (self->mapping_list, child);
  if (state_of (self) == NULL || tandem_funnel_state_get_taxonomy (state_of (self)) == NULL)
    {
      self->updating = FALSE;
      return;
    }
  effective = tandem_funnel_state_get_effective_source (state_of (self));
  gtk_list_box_append (self->mapping_list, source_row (self));
  gtk_list_box_append (self->mapping_list, implied_row (self));
  if (effective != TANDEM_FUNNEL_SOURCE_HISTORY)
    gtk_list_box_append (self->mapping_list, dates_row (self));
  if (effective == TANDEM_FUNNEL_SOURCE_STAGE || effective == TANDEM_FUNNEL_SOURCE_HISTORY)
    gtk_list_box_append (self->mapping_list, values_row (self, effective == TANDEM_FUNNEL_SOURCE_HISTORY));
  self->updating = FALSE;
}

/* What the stages shown are: saved, proposed, or the last session's */
static void
update_label (TandemFunnelMappingEditor *self)
{
  TandemFunnelStagesOrigin origin = state_of (self) ? tandem_funnel_state_get_origin (state_of (self)) : TANDEM_FUNNEL_STAGES_NONE;
  const char *text = "";

  if (origin == TANDEM_FUNNEL_STAGES_DRAFT)
    text = _("These are the changes you had not saved: Save Stages keeps them; the menu above the stages discards them.");
  else if (origin == TANDEM_FUNNEL_STAGES_PROPOSED)
    text = tandem_funnel_state_get_choice (state_of (self)) ? tandem_funnel_state_get_choice (state_of (self)) : "";
  else if (origin == TANDEM_FUNNEL_STAGES_SAVED)
    text = _("Automatic reads the stage history, else the current-stage column, else the stage dates, else the outcome.");
  gtk_label_set_label (self->mapping_label, text);
}

static void
connect_state (TandemStateView *view,
               GObject         *state)
{
  g_signal_connect_object (state, "notify::taxonomy", G_CALLBACK (on_state_changed), view, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "notify::mapping", G_CALLBACK (on_state_changed), view, G_CONNECT_SWAPPED);
  g_signal_connect_object (state, "notify::origin", G_CALLBACK (update_label), view, G_CONNECT_SWAPPED);
}

static void
state_changed (TandemStateView *view)
{
  rebuild (TANDEM_FUNNEL_MAPPING_EDITOR (view));
  update_label (TANDEM_FUNNEL_MAPPING_EDITOR (view));
}

static void
tandem_funnel_mapping_editor_dispose (GObject *object)
{
  TandemFunnelMappingEditor *self = TANDEM_FUNNEL_MAPPING_EDITOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  G_OBJECT_CLASS (tandem_funnel_mapping_editor_parent_class)->dispose (object);
}

static void
tandem_funnel_mapping_editor_class_init (TandemFunnelMappingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TandemStateViewClass *view_class = TANDEM_STATE_VIEW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_funnel_mapping_editor_dispose;
  view_class->state_type = TANDEM_TYPE_FUNNEL_STATE;
  view_class->connect_state = connect_state;
  view_class->state_changed = state_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-funnel-mapping-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelMappingEditor, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, TandemFunnelMappingEditor, mapping_label);
}

static void
tandem_funnel_mapping_editor_init (TandemFunnelMappingEditor *self)
{
  self->dates_expanded = TRUE;   /* a handful of rows, and what a new workspace most often needs */
  gtk_widget_init_template (GTK_WIDGET (self));
}
