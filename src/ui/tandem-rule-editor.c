/* tandem-rule-editor.c — one scoring rule, edited with its effect shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields are turned into the rule's JSON and read back by the model's
 * own strict reader, then checked against the workspace: whatever the
 * reader or the check refuses is explained under the fields, and Save
 * stays off.  A valid rule is counted on a worker thread ("matches N
 * leads"), and the column's frequent values (or its range) are offered
 * as suggestions.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "tandem-chart.h"
#include "tandem-json.h"
#include "tandem-rule-editor.h"
#include "tandem-scorer.h"

struct _TandemRuleEditor
{
  AdwWindow         parent_instance;

  TandemStore      *store;
  TandemDimension   dimension;
  int               index;
  GPtrArray        *columns;        /* TandemColumn, as offered */
  GPtrArray        *event_types;    /* char *, as offered */
  GtkStringList    *op_names;       /* operators offered for the field's type */

  AdwComboRow      *kind_row;
  AdwComboRow      *field_row;
  AdwComboRow      *op_row;
  AdwEntryRow      *value_row;
  GtkLabel         *value_hint;
  GtkFlowBox       *suggestions;
  AdwActionRow     *case_row;
  GtkSwitch        *case_switch;
  AdwComboRow      *event_row;
  GtkSwitch        *within_switch;
  GtkSpinButton    *within_spin;
  GtkSwitch        *half_life_switch;
  GtkSpinButton    *half_life_spin;
  GtkDrawingArea   *decay;
  GtkWidget        *field_group;
  GtkWidget        *event_group;
  GtkSpinButton    *points_spin;
  GtkSwitch        *max_switch;
  GtkSpinButton    *max_spin;
  AdwEntryRow      *label_row;
  GtkLabel         *status;
  GtkWidget        *save_button;

  GCancellable     *cancellable;
  guint             count_id;
  guint             generation;
  gint64            matches;
  gboolean          building;
  char             *status_text;
};

G_DEFINE_FINAL_TYPE (TandemRuleEditor, tandem_rule_editor, ADW_TYPE_WINDOW)

enum { RULE_EDITED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  TandemRuleOp  op;
  const char   *label;
  guint         types;    /* bit per TandemColumnType */
} OpChoice;

#define T(t) (1u << (t))
#define TEXT T (TANDEM_COLUMN_TEXT)
#define NUM  T (TANDEM_COLUMN_NUMBER)
#define DATE T (TANDEM_COLUMN_DATE)
#define BOOL T (TANDEM_COLUMN_BOOLEAN)

static const OpChoice ops[] = {
  { TANDEM_OP_EQUALS,       N_("is"),                      TEXT | NUM | DATE | BOOL },
  { TANDEM_OP_NOT_EQUALS,   N_("is not"),                  TEXT },
  { TANDEM_OP_IN,           N_("is one of"),               TEXT },
  { TANDEM_OP_NOT_IN,       N_("is none of"),              TEXT },
  { TANDEM_OP_CONTAINS,     N_("contains"),                TEXT },
  { TANDEM_OP_STARTS_WITH,  N_("starts with"),             TEXT },
  { TANDEM_OP_ENDS_WITH,    N_("ends with"),               TEXT },
  { TANDEM_OP_MATCHES,      N_("matches the pattern"),     TEXT },
  { TANDEM_OP_LT,         N_("is less than"),            NUM | DATE },
  { TANDEM_OP_LE,   N_("is at most"),              NUM | DATE },
  { TANDEM_OP_GT,      N_("is more than"),            NUM | DATE },
  { TANDEM_OP_GE, N_("is at least"),            NUM | DATE },
  { TANDEM_OP_BETWEEN,      N_("is between"),              NUM | DATE },
  { TANDEM_OP_WITHIN_DAYS,  N_("is within the last … days"), DATE },
  { TANDEM_OP_TIMES,        N_("× its value"),             NUM },
  { TANDEM_OP_EMPTY,        N_("is empty"),                TEXT | NUM | DATE | BOOL },
  { TANDEM_OP_NOT_EMPTY,    N_("is not empty"),            TEXT | NUM | DATE | BOOL },
};

static void validate (TandemRuleEditor *self);

static TandemColumn *
current_column (TandemRuleEditor *self)
{
  guint k = adw_combo_row_get_selected (self->field_row);
  return k < self->columns->len ? g_ptr_array_index (self->columns, k) : NULL;
}

static gboolean
is_event_rule (TandemRuleEditor *self)
{
  return adw_combo_row_get_selected (self->kind_row) == 1;
}

/* The operators offered for the field's type, in `ops` order */
static const OpChoice *
current_op (TandemRuleEditor *self)
{
  TandemColumn *column = current_column (self);
  guint wanted = adw_combo_row_get_selected (self->op_row), seen = 0;

  for (guint k = 0; column && k < G_N_ELEMENTS (ops); k++)
    if (ops[k].types & T (column->type))
      {
        if (seen == wanted)
          return &ops[k];
        seen++;
      }
  return NULL;
}

static gboolean
op_takes_list (TandemRuleOp op)
{
  return op == TANDEM_OP_IN || op == TANDEM_OP_NOT_IN || op == TANDEM_OP_CONTAINS ||
         op == TANDEM_OP_STARTS_WITH || op == TANDEM_OP_ENDS_WITH;
}

static gboolean
op_takes_value (TandemRuleOp op)
{
  return op != TANDEM_OP_EMPTY && op != TANDEM_OP_NOT_EMPTY && op != TANDEM_OP_TIMES;
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;

  /* A decimal comma is read as a decimal point when it is the only one */
  if (strchr (copy, '.') == NULL && strchr (copy, ',') != NULL && strchr (copy, ',') == strrchr (copy, ','))
    *strchr (copy, ',') = '.';
  if (copy[0] == '\0')
    return FALSE;
  *out = g_ascii_strtod (copy, &end);
  return *end == '\0' && isfinite (*out);
}

static void
add_value (JsonBuilder      *b,
           TandemColumnType  type,
           const char       *text,
           GError          **error)
{
  double number;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (type == TANDEM_COLUMN_NUMBER)
    {
      if (!parse_number (trimmed, &number))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not a number"), trimmed);
          return;
        }
      tandem_json_add_number (b, number);
    }
  else if (type == TANDEM_COLUMN_BOOLEAN)
    {
      g_autofree char *lower = g_utf8_strdown (trimmed, -1);
      if (g_str_equal (lower, "yes") || g_str_equal (lower, "true") || g_str_equal (lower, "1"))
        json_builder_add_boolean_value (b, TRUE);
      else if (g_str_equal (lower, "no") || g_str_equal (lower, "false") || g_str_equal (lower, "0"))
        json_builder_add_boolean_value (b, FALSE);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Write yes or no, not “%s”"), trimmed);
    }
  else
    json_builder_add_string_value (b, trimmed);
}

TandemRule *
tandem_rule_editor_build_rule (TandemRuleEditor  *self,
                               GError           **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  const char *label = gtk_editable_get_text (GTK_EDITABLE (self->label_row));
  TandemRule *rule;

  json_builder_begin_object (b);
  if (is_event_rule (self))
    {
      guint k = adw_combo_row_get_selected (self->event_row);
      if (k >= self->event_types->len)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The workspace has no activity events yet"));
          return NULL;
        }
      json_builder_set_member_name (b, "event");
      json_builder_add_string_value (b, g_ptr_array_index (self->event_types, k));
      if (gtk_switch_get_active (self->within_switch))
        {
          json_builder_set_member_name (b, "within_days");
          tandem_json_add_number (b, gtk_spin_button_get_value (self->within_spin));
        }
      if (gtk_switch_get_active (self->half_life_switch))
        {
          json_builder_set_member_name (b, "half_life_days");
          tandem_json_add_number (b, gtk_spin_button_get_value (self->half_life_spin));
        }
    }
  else
    {
      TandemColumn *column = current_column (self);
      const OpChoice *op = current_op (self);
      const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));

      if (column == NULL || op == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose a field and a condition"));
          return NULL;
        }
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, column->name);
      json_builder_set_member_name (b, "op");
      json_builder_add_string_value (b, tandem_rule_op_to_string (op->op));
      if (op_takes_value (op->op))
        {
          g_auto(GStrv) parts = NULL;
          TandemColumnType type = op->op == TANDEM_OP_WITHIN_DAYS ? TANDEM_COLUMN_NUMBER
                                  : column->type == TANDEM_COLUMN_DATE ? TANDEM_COLUMN_TEXT : column->type;

          g_autofree char *trimmed = g_strstrip (g_strdup (value));

          if (trimmed[0] == '\0')
            {
              /* Not a mistake yet: nothing typed */
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("Give a value to compare with"));
              return NULL;
            }
          json_builder_set_member_name (b, "value");
          if (op->op == TANDEM_OP_BETWEEN || (op_takes_list (op->op) && strchr (value, ',') != NULL))
            {
              parts = g_regex_split_simple (op->op == TANDEM_OP_BETWEEN ? "\\s*(?:,|;|–|\\band\\b)\\s*" : "\\s*,\\s*", value, 0, 0);
              json_builder_begin_array (b);
              for (guint k = 0; parts[k] != NULL && local_error == NULL; k++)
                if (g_strstrip (parts[k])[0] != '\0')
                  add_value (b, type, parts[k], &local_error);
              json_builder_end_array (b);
            }
          else
            add_value (b, type, value, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      if (column->type == TANDEM_COLUMN_TEXT && gtk_switch_get_active (self->case_switch))
        {
          json_builder_set_member_name (b, "case_sensitive");
          json_builder_add_boolean_value (b, TRUE);
        }
    }
  json_builder_set_member_name (b, "points");
  tandem_json_add_number (b, gtk_spin_button_get_value (self->points_spin));
  if (gtk_switch_get_active (self->max_switch))
    {
      json_builder_set_member_name (b, "max");
      tandem_json_add_number (b, gtk_spin_button_get_value (self->max_spin));
    }
  if (label[0] != '\0')
    {
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, label);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json = tandem_json_to_data (root, FALSE);
  rule = tandem_rule_new_from_json (json, &local_error);
  if (rule != NULL && !tandem_rule_validate (rule, self->store, &local_error))
    g_clear_pointer (&rule, tandem_rule_free);
  if (rule == NULL)
    {
      /* "rule.value: …" or "fit.rules[0].value: …": say it without the path */
      const char *message = local_error->message;
      const char *colon = strstr (message, ": ");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           colon && g_str_has_prefix (message, "rule") ? colon + 2
                           : colon && strstr (message, ".rules[") != NULL && strstr (message, ".rules[") < colon ? colon + 2 : message);
      return NULL;
    }
  return rule;
}

/* ---- Counting, on a worker thread ---------------------------------------- */

typedef struct
{
  TandemStore *store;
  TandemRule  *rule;
  guint        generation;
  gint64       matched;
  gint64       total;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->rule, tandem_rule_free);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  CountJob *job = data;
  g_autoptr(TandemModel) model = tandem_model_new ("count");
  g_autoptr(TandemScorer) scorer = NULL;
  GError *error = NULL;
  guint matched = 0;

  g_ptr_array_add (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules, tandem_rule_copy (job->rule));
  tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->n_thresholds = 1;
  tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST)->n_thresholds = 1;
  ((TandemRule *) g_ptr_array_index (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules, 0))->enabled = TRUE;
  scorer = tandem_scorer_new (job->store, model, NULL, cancellable, &error);
  if (scorer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  tandem_scorer_rule_stats (scorer, TANDEM_DIMENSION_FIT, 0, &matched, NULL);
  job->matched = matched;
  job->total = tandem_scorer_get_n_leads (scorer);
  g_task_return_boolean (task, TRUE);
}

static void
set_status (TandemRuleEditor *self,
            const char       *text,
            gboolean          is_error)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_label (self->status, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TandemRuleEditor *self;
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *share = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TANDEM_RULE_EDITOR (source);
  if (job->generation != self->generation)
    return;
  if (error != NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  self->matches = job->matched;
  count = tandem_chart_format_count (job->matched);
  share = tandem_chart_format_percent (job->total ? (double) job->matched / job->total : NAN);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Matches %s lead (%s)", "Matches %s leads (%s)", (gulong) job->matched),
                          count, share);
  set_status (self, text, FALSE);
}

static gboolean
count_cb (gpointer data)
{
  TandemRuleEditor *self = data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CountJob *job;
  TandemRule *rule;

  self->count_id = 0;
  rule = tandem_rule_editor_build_rule (self, &error);
  if (rule == NULL)
    return G_SOURCE_REMOVE;
  job = g_new0 (CountJob, 1);
  job->store = tandem_store_open_another (self->store, NULL);
  if (job->store == NULL)
    job->store = g_object_ref (self->store);
  job->rule = rule;
  job->generation = self->generation;
  task = g_task_new (self, self->cancellable, count_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
  return G_SOURCE_REMOVE;
}

static void
validate (TandemRuleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRule) rule = NULL;

  if (self->building)
    return;
  self->generation++;
  self->matches = -1;
  g_clear_handle_id (&self->count_id, g_source_remove);
  rule = tandem_rule_editor_build_rule (self, &error);
  gtk_widget_set_sensitive (self->save_button, rule != NULL);
  if (rule == NULL)
    {
      set_status (self, error->message, !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING));
      return;
    }
  set_status (self, _("Counting…"), FALSE);
  self->count_id = g_timeout_add (200, count_cb, self);
}

/* ---- Suggestions ---------------------------------------------------------- */

typedef struct
{
  TandemStore  *store;
  TandemColumn *column;
  GPtrArray    *values;   /* "value" then "count", alternately; or the range */
  char         *range;
  guint         generation;
} StatsJob;

static void
stats_job_free (StatsJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->column, tandem_column_free);
  g_clear_pointer (&job->values, g_ptr_array_unref);
  g_free (job->range);
  g_free (job);
}

static void
stats_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  StatsJob *job = data;

  job->values = g_ptr_array_new_with_free_func (g_free);
  if (job->column->type == TANDEM_COLUMN_NUMBER || job->column->type == TANDEM_COLUMN_DATE)
    {
      g_autoptr(TandemColumnSummary) summary = tandem_store_column_summary (job->store, job->column->name, NULL);

      if (summary != NULL && summary->count > 0)
        /* Translators: a number column's range in the rule editor */
        job->range = g_strdup_printf (_("From %s to %s; median %s"), summary->min, summary->max, summary->median);
    }
  if (job->column->type != TANDEM_COLUMN_NUMBER)
    {
      g_autoptr(GPtrArray) values = tandem_store_column_values (job->store, job->column->name, 10, NULL);

      for (guint k = 0; values != NULL && k < values->len; k++)
        {
          TandemValueCount *v = g_ptr_array_index (values, k);
          g_ptr_array_add (job->values, g_strdup (v->value));
          g_ptr_array_add (job->values, g_strdup_printf ("%" G_GINT64_FORMAT, v->count));
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_suggestion_clicked (GtkButton        *button,
                       TandemRuleEditor *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "value");
  const OpChoice *op = current_op (self);
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->value_row));

  if (op != NULL && op_takes_list (op->op) && current[0] != '\0')
    {
      g_autofree char *joined = g_strdup_printf ("%s, %s", current, value);
      gtk_editable_set_text (GTK_EDITABLE (self->value_row), joined);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
}

static void
stats_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TandemRuleEditor *self;
  StatsJob *job = g_task_get_task_data (G_TASK (result));
  TandemColumn *column;
  GtkWidget *child;

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  self = TANDEM_RULE_EDITOR (source);
  column = current_column (self);
  if (column == NULL || !g_str_equal (column->name, job->column->name))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions))) != NULL)
    gtk_flow_box_remove (self->suggestions, child);
  for (guint k = 0; k + 1 < job->values->len; k += 2)
    {
      const char *value = g_ptr_array_index (job->values, k);
      g_autofree char *count = tandem_chart_format_count (g_ascii_strtoull (g_ptr_array_index (job->values, k + 1), NULL, 10));
      /* Translators: a suggested value and how many leads have it */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), value, count);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_add_css_class (button, "suggestion");
      g_object_set_data_full (G_OBJECT (button), "value", g_strdup (value), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_suggestion_clicked), self);
      gtk_flow_box_append (self->suggestions, button);
    }
  gtk_label_set_label (self->value_hint, job->range ? job->range : "");
  gtk_widget_set_visible (GTK_WIDGET (self->value_hint), job->range != NULL);
}

static void
load_suggestions (TandemRuleEditor *self)
{
  TandemColumn *column = current_column (self);
  g_autoptr(GTask) task = NULL;
  StatsJob *job;

  if (column == NULL)
    return;
  job = g_new0 (StatsJob, 1);
  job->store = tandem_store_open_another (self->store, NULL);
  if (job->store == NULL)
    job->store = g_object_ref (self->store);
  job->column = tandem_column_copy (column);
  task = g_task_new (self, self->cancellable, stats_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) stats_job_free);
  g_task_run_in_thread (task, stats_thread);
}

/* ---- Widgets -------------------------------------------------------------- */

static void
fill_ops (TandemRuleEditor *self,
          TandemRuleOp      select)
{
  TandemColumn *column = current_column (self);
  guint n = 0, chosen = 0;

  self->building = TRUE;
  gtk_string_list_splice (self->op_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->op_names)), NULL);
  for (guint k = 0; column && k < G_N_ELEMENTS (ops); k++)
    if (ops[k].types & T (column->type))
      {
        if (ops[k].op == select)
          chosen = n;
        gtk_string_list_append (self->op_names, _(ops[k].label));
        n++;
      }
  adw_combo_row_set_selected (self->op_row, chosen);
  self->building = FALSE;
}

static void
update_visibility (TandemRuleEditor *self)
{
  gboolean event = is_event_rule (self);
  const OpChoice *op = current_op (self);
  TandemColumn *column = current_column (self);
  const char *hint = NULL;

  gtk_widget_set_visible (self->field_group, !event);
  gtk_widget_set_visible (self->event_group, event);
  gtk_widget_set_visible (GTK_WIDGET (self->value_row), op && op_takes_value (op->op));
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), op && op_takes_value (op->op) && op->op != TANDEM_OP_WITHIN_DAYS);
  gtk_widget_set_visible (GTK_WIDGET (self->case_row), column && column->type == TANDEM_COLUMN_TEXT && op && op_takes_value (op->op));
  gtk_widget_set_sensitive (GTK_WIDGET (self->within_spin), gtk_switch_get_active (self->within_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->half_life_spin), gtk_switch_get_active (self->half_life_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_spin), gtk_switch_get_active (self->max_switch));
  if (op && op_takes_list (op->op))
    hint = _("Value — several separated by commas");
  else if (op && op->op == TANDEM_OP_BETWEEN)
    hint = column && column->type == TANDEM_COLUMN_DATE ? _("Value — two dates, e.g. 2024-01-01, 2024-06-30") : _("Value — two numbers, e.g. 50, 5000");
  else if (op && op->op == TANDEM_OP_WITHIN_DAYS)
    hint = _("Value — a number of days");
  else if (op && op->op == TANDEM_OP_MATCHES)
    hint = _("Value — a regular expression");
  else if (column && column->type == TANDEM_COLUMN_DATE)
    hint = _("Value — a date, e.g. 2024-06-30");
  else if (column && column->type == TANDEM_COLUMN_BOOLEAN)
    hint = _("Value — yes or no");
  else
    hint = _("Value");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), hint);
  gtk_widget_queue_draw (GTK_WIDGET (self->decay));
}

static void
on_changed (TandemRuleEditor *self)
{
  update_visibility (self);
  validate (self);
}

static void
on_field_changed (TandemRuleEditor *self)
{
  const OpChoice *op = current_op (self);

  if (self->building)
    return;
  fill_ops (self, op ? op->op : TANDEM_OP_EQUALS);
  load_suggestions (self);
  on_changed (self);
}

/* The decay: what one event is worth as it ages */
static void
draw_decay (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  TandemRuleEditor *self = data;
  gboolean decays = gtk_switch_get_active (self->half_life_switch);
  gboolean windowed = gtk_switch_get_active (self->within_switch);
  double half_life = gtk_spin_button_get_value (self->half_life_spin);
  double within = gtk_spin_button_get_value (self->within_spin);
  double span = MAX (decays ? half_life * 4 : 0, windowed ? within * 1.25 : 0);
  TandemChartStyle style;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 };
  char label[64];

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (area)), "accent_color", &accent);
G_GNUC_END_IGNORE_DEPRECATIONS
  if (span <= 0)
    span = 90;
  tandem_chart_style_init (&style, TANDEM_CHART_THEME_LIGHT);
  style.foreground = (TandemRgba) { fg.red, fg.green, fg.blue, 0.7 };

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_rectangle (cr, 0, height - 20, width, 1);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  cairo_set_line_width (cr, 2);
  for (int x = 0; x <= width; x++)
    {
      double age = span * x / width;
      double worth = (windowed && age > within) ? 0 : decays ? pow (0.5, age / half_life) : 1;
      double y = (height - 20) - worth * (height - 30);
      if (x == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  /* Translators: the decay preview's caption; %g is a number of days */
  g_snprintf (label, sizeof label, _("an event's worth over %g days"), round (span));
  tandem_chart_text (cr, &style, 11, FALSE, &style.foreground, width, height - 18, 1, label);
  tandem_chart_style_clear (&style);
}

static void
on_save (GtkButton        *button,
         TandemRuleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRule) rule = tandem_rule_editor_build_rule (self, &error);

  if (rule == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  g_signal_emit (self, signals[RULE_EDITED], 0, rule);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkWidget *
group (GtkWidget  *page,
       const char *title)
{
  GtkWidget *g = adw_preferences_group_new ();

  if (title)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  gtk_box_append (GTK_BOX (page), g);
  return g;
}

static GtkWidget *
switch_spin_row (const char      *title,
                 const char      *subtitle,
                 double           lower,
                 double           upper,
                 GtkSwitch      **out_switch,
                 GtkSpinButton  **out_spin)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  *out_switch = GTK_SWITCH (toggle);
  *out_spin = GTK_SPIN_BUTTON (spin);
  return row;
}

static void
tandem_rule_editor_dispose (GObject *object)
{
  TandemRuleEditor *self = TANDEM_RULE_EDITOR (object);

  g_clear_handle_id (&self->count_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (tandem_rule_editor_parent_class)->dispose (object);
}

static void
tandem_rule_editor_finalize (GObject *object)
{
  TandemRuleEditor *self = TANDEM_RULE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->event_types, g_ptr_array_unref);
  g_free (self->status_text);
  G_OBJECT_CLASS (tandem_rule_editor_parent_class)->finalize (object);
}

static void
tandem_rule_editor_class_init (TandemRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_rule_editor_dispose;
  object_class->finalize = tandem_rule_editor_finalize;

  signals[RULE_EDITED] = g_signal_new ("rule-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
tandem_rule_editor_init (TandemRuleEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->matches = -1;
}

GtkWidget *
tandem_rule_editor_new (GtkWindow        *parent,
                        TandemStore      *store,
                        TandemDimension   dimension,
                        int               index,
                        const TandemRule *rule)
{
  TandemRuleEditor *self = g_object_new (TANDEM_TYPE_RULE_EDITOR, "modal", TRUE, "transient-for", parent,
                                         "default-width", 560, "default-height", 720, NULL);
  g_autoptr(GPtrArray) all_columns = tandem_store_list_columns (store);
  g_autoptr(GtkStringList) field_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) event_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *box, *header, *cancel, *scrolled, *clamp, *page, *g, *row, *flow_box;
  guint selected_field = 0, selected_event = 0;
  g_autoptr(GRegex) preferred = g_regex_new ("title|seniority|industry|size|employee|source", G_REGEX_CASELESS, 0, NULL);

  self->store = g_object_ref (store);
  self->dimension = dimension;
  self->index = index;
  self->building = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), index < 0 ? _("New Rule") : _("Edit Rule"));

  /* What can be scored: every column but the id */
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_column_free);
  for (guint k = 0; k < all_columns->len; k++)
    {
      TandemColumn *column = g_ptr_array_index (all_columns, k);
      g_autofree char *label = NULL;
      if (g_strcmp0 (column->role, "id") == 0)
        continue;
      if (rule && rule->field && g_str_equal (rule->field, column->name))
        selected_field = self->columns->len;
      else if (rule == NULL && selected_field == 0 && preferred != NULL && g_regex_match (preferred, column->name, 0, NULL))
        selected_field = self->columns->len;   /* a new rule starts on a likely field */
      /* Translators: a field in the rule editor: its name and type, "Employees (number)" */
      label = g_strdup_printf (_("%s (%s)"), column->name, tandem_column_type_get_label (column->type));
      gtk_string_list_append (field_names, label);
      g_ptr_array_add (self->columns, tandem_column_copy (column));
    }
  self->event_types = tandem_store_list_event_types (store);
  for (guint k = 0; k < self->event_types->len; k++)
    {
      if (rule && rule->event && g_str_equal (rule->event, g_ptr_array_index (self->event_types, k)))
        selected_event = k;
      gtk_string_list_append (event_names, g_ptr_array_index (self->event_types, k));
    }
  gtk_string_list_append (kinds, _("A field of the lead"));
  gtk_string_list_append (kinds, _("Activity events"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  self->save_button = gtk_button_new_with_mnemonic (index < 0 ? _("_Add") : _("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (on_save), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (box), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);

  g = group (page, NULL);
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Scores"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, rule ? rule->event != NULL
                                              : dimension == TANDEM_DIMENSION_INTEREST && self->event_types->len > 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), GTK_WIDGET (self->kind_row));

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the rule does"), -1);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->status));


  /* A field */
  self->field_group = group (page, _("Condition"));
  self->field_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->field_row), _("Field"));
  adw_combo_row_set_model (self->field_row, G_LIST_MODEL (field_names));
  adw_combo_row_set_selected (self->field_row, selected_field);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->field_group), GTK_WIDGET (self->field_row));
  self->op_names = gtk_string_list_new (NULL);
  self->op_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->op_row), _("Condition"));
  adw_combo_row_set_model (self->op_row, G_LIST_MODEL (self->op_names));
  g_object_unref (self->op_names);   /* the row keeps it */
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->field_group), GTK_WIDGET (self->op_row));
  self->value_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->field_group), GTK_WIDGET (self->value_row));
  self->case_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->case_row), _("Match case"));
  adw_action_row_set_subtitle (self->case_row, _("Otherwise case and surrounding spaces are ignored"));
  self->case_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->case_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->case_row, GTK_WIDGET (self->case_switch));
  adw_action_row_set_activatable_widget (self->case_row, GTK_WIDGET (self->case_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->field_group), GTK_WIDGET (self->case_row));
  self->value_hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->value_hint, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->value_hint), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->value_hint), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->field_group), GTK_WIDGET (self->value_hint));
  flow_box = gtk_flow_box_new ();
  self->suggestions = GTK_FLOW_BOX (flow_box);
  gtk_flow_box_set_selection_mode (self->suggestions, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->suggestions, 3);
  gtk_widget_set_margin_top (flow_box, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->field_group), flow_box);

  /* Events */
  self->event_group = group (page, _("Events"));
  self->event_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->event_row), _("Event type"));
  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (event_names));
  adw_combo_row_set_selected (self->event_row, selected_event);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->event_group), GTK_WIDGET (self->event_row));
  row = switch_spin_row (_("Only the last days"), _("Events older than this count nothing"), 1, 3650,
                         &self->within_switch, &self->within_spin);
  gtk_spin_button_set_value (self->within_spin, rule && rule->has_within_days ? rule->within_days : 90);
  gtk_switch_set_active (self->within_switch, rule && rule->has_within_days);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->event_group), row);
  row = switch_spin_row (_("Half-life in days"), _("An event's points halve every so many days"), 1, 3650,
                         &self->half_life_switch, &self->half_life_spin);
  gtk_spin_button_set_value (self->half_life_spin, rule && rule->has_half_life ? rule->half_life_days : 30);
  gtk_switch_set_active (self->half_life_switch, rule ? rule->has_half_life : TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->event_group), row);
  self->decay = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_height (self->decay, 90);
  gtk_drawing_area_set_draw_func (self->decay, draw_decay, self, NULL);
  gtk_widget_set_margin_top (GTK_WIDGET (self->decay), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->decay), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How an event's points fade as it ages"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->event_group), GTK_WIDGET (self->decay));

  /* Points */
  g = group (page, _("Points"));
  {
    GtkWidget *points_row = adw_action_row_new ();
    GtkWidget *spin = gtk_spin_button_new_with_range (-1000, 1000, 1);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (points_row), _("Points"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (points_row), _("Negative points take away; with “× its value”, points per unit"));
    gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), rule ? rule->points : 10);
    gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
    gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Points"), -1);
    adw_action_row_add_suffix (ADW_ACTION_ROW (points_row), spin);
    self->points_spin = GTK_SPIN_BUTTON (spin);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), points_row);
  }
  row = switch_spin_row (_("At most"), _("The rule never gives more than this (or less than minus this)"), 0, 100000,
                         &self->max_switch, &self->max_spin);
  gtk_spin_button_set_value (self->max_spin, rule && rule->has_max ? rule->max : 30);
  gtk_switch_set_active (self->max_switch, rule && rule->has_max);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
  self->label_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->label_row), _("Name (optional)"));
  if (rule && rule->label)
    gtk_editable_set_text (GTK_EDITABLE (self->label_row), rule->label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), GTK_WIDGET (self->label_row));

  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);

  /* The rule's own values */
  self->building = FALSE;
  fill_ops (self, rule && rule->field ? rule->op : TANDEM_OP_EQUALS);
  self->building = TRUE;
  if (rule && rule->field)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      if (rule->texts)
        for (guint k = 0; rule->texts[k]; k++)
          g_string_append_printf (value, "%s%s", k ? ", " : "", rule->texts[k]);
      else
        for (guint k = 0; k < rule->n_numbers; k++)
          g_string_append_printf (value, "%s%g", k ? ", " : "", rule->numbers[k]);
      gtk_editable_set_text (GTK_EDITABLE (self->value_row), value->str);
      gtk_switch_set_active (self->case_switch, rule->case_sensitive);
    }
  self->building = FALSE;

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->field_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->op_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->value_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->case_switch, "notify::active", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->event_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->within_switch, "notify::active", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->within_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->half_life_switch, "notify::active", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->half_life_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->points_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->max_switch, "notify::active", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->max_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->label_row, "changed", G_CALLBACK (on_changed), self);

  load_suggestions (self);
  on_changed (self);
  return GTK_WIDGET (self);
}

TandemDimension
tandem_rule_editor_get_dimension (TandemRuleEditor *self)
{
  return self->dimension;
}

int
tandem_rule_editor_get_index (TandemRuleEditor *self)
{
  return self->index;
}

gint64
tandem_rule_editor_get_matches (TandemRuleEditor *self)
{
  return self->matches;
}

const char *
tandem_rule_editor_get_status (TandemRuleEditor *self)
{
  return self->status_text;
}
