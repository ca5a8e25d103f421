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
#include "tandem-compat.h"
#include "tandem-decay-chart.h"
#include "tandem-json.h"
#include "tandem-rows.h"
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
  GtkStringList    *op_names;       /* operators offered for the field's type (the op row's model) */

  AdwComboRow      *kind_row;
  AdwComboRow      *field_row;
  AdwComboRow      *op_row;
  AdwEntryRow      *value_row;
  GtkLabel         *value_hint;
  GtkFlowBox       *suggestions;
  AdwActionRow     *case_row;
  GtkSwitch        *case_switch;
  AdwComboRow      *event_row;
  TandemSpinRow    *within_row;      /* switchable */
  TandemSpinRow    *half_life_row;   /* switchable */
  GtkDrawingArea   *decay;
  GtkWidget        *field_group;
  GtkWidget        *event_group;
  TandemSpinRow    *points_row;
  TandemSpinRow    *max_row;         /* switchable */
  AdwEntryRow      *label_row;
  GtkLabel         *status;
  GtkWidget        *save_button;

  GCancellable     *cancellable;
  guint             count_id;
  guint             generation;
  gint64            matches;
  gboolean          building;
  gboolean          value_touched;   /* the user has typed in the value row */
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
      if (tandem_spin_row_get_active (self->within_row))
        {
          json_builder_set_member_name (b, "within_days");
          tandem_json_add_number (b, tandem_spin_row_get_value (self->within_row));
        }
      if (tandem_spin_row_get_active (self->half_life_row))
        {
          json_builder_set_member_name (b, "half_life_days");
          tandem_json_add_number (b, tandem_spin_row_get_value (self->half_life_row));
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
  tandem_json_add_number (b, tandem_spin_row_get_value (self->points_row));
  if (tandem_spin_row_get_active (self->max_row))
    {
      json_builder_set_member_name (b, "max");
      tandem_json_add_number (b, tandem_spin_row_get_value (self->max_row));
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

typedef enum
{
  STATUS_RESULT,    /* what the rule does: a heading */
  STATUS_ERROR,     /* a mistake: a heading in the error colour */
  STATUS_GUIDANCE,  /* what is still missing: quiet, and only once the user has typed */
} StatusKind;

static void
set_status (TandemRuleEditor *self,
            const char       *text,
            StatusKind        kind)
{
  GtkWidget *label = GTK_WIDGET (self->status);

  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_label (self->status, text);
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
  if (kind == STATUS_ERROR)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (kind == STATUS_GUIDANCE)
    {
      gtk_widget_remove_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_remove_css_class (label, "dim-label");
    }
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
      set_status (self, error->message, STATUS_ERROR);
      return;
    }
  self->matches = job->matched;
  count = tandem_chart_format_count (job->matched);
  share = tandem_chart_format_percent (job->total ? (double) job->matched / job->total : NAN);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Matches %s lead (%s)", "Matches %s leads (%s)", (gulong) job->matched),
                          count, share);
  set_status (self, text, STATUS_RESULT);
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
  job->store = tandem_store_dup_for_thread (self->store);
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
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        set_status (self, error->message, STATUS_ERROR);
      else
        /* An empty form is not a mistake: the value row's title already
         * says what to type; the reminder comes once the user has typed */
        set_status (self, self->value_touched ? error->message : NULL, STATUS_GUIDANCE);
      return;
    }
  set_status (self, _("Counting…"), STATUS_RESULT);
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
  job->store = tandem_store_dup_for_thread (self->store);
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
  gtk_widget_set_sensitive (GTK_WIDGET (tandem_spin_row_get_spin_button (self->within_row)),
                            tandem_spin_row_get_active (self->within_row));
  gtk_widget_set_sensitive (GTK_WIDGET (tandem_spin_row_get_spin_button (self->half_life_row)),
                            tandem_spin_row_get_active (self->half_life_row));
  gtk_widget_set_sensitive (GTK_WIDGET (tandem_spin_row_get_spin_button (self->max_row)),
                            tandem_spin_row_get_active (self->max_row));
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
  if (self->building)
    return;
  update_visibility (self);
  validate (self);
}

static void
on_value_changed (TandemRuleEditor *self)
{
  if (self->building)
    return;
  self->value_touched = TRUE;
  on_changed (self);
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

/* The decay: what one event is worth as it ages, in the theme's colours */
static void
draw_decay (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  TandemRuleEditor *self = data;
  TandemDecayData decay = {
    .half_life_days = tandem_spin_row_get_active (self->half_life_row) ? tandem_spin_row_get_value (self->half_life_row) : 0,
    .within_days = tandem_spin_row_get_active (self->within_row) ? tandem_spin_row_get_value (self->within_row) : 0,
  };
  TandemChartStyle style = { 0, };

  tandem_compat_read_chart_style (GTK_WIDGET (area), &style);
  tandem_compat_lookup_color (GTK_WIDGET (area), "accent_color", &style.accent);
  tandem_decay_draw (cr, width, height, &style, &decay);
  tandem_chart_style_clear (&style);
}

static void
on_save (TandemRuleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRule) rule = tandem_rule_editor_build_rule (self, &error);

  if (rule == NULL)
    {
      set_status (self, error->message, STATUS_ERROR);
      return;
    }
  g_signal_emit (self, signals[RULE_EDITED], 0, rule);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
tandem_rule_editor_dispose (GObject *object)
{
  TandemRuleEditor *self = TANDEM_RULE_EDITOR (object);

  g_clear_handle_id (&self->count_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_RULE_EDITOR);
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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_rule_editor_dispose;
  object_class->finalize = tandem_rule_editor_finalize;

  signals[RULE_EDITED] = g_signal_new ("rule-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (TANDEM_TYPE_SPIN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, field_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, op_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, op_names);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, value_hint);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, suggestions);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, case_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, case_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, event_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, within_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, half_life_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, decay);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, field_group);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, event_group);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, points_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, max_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, label_row);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, status);
  gtk_widget_class_bind_template_child (widget_class, TandemRuleEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save);
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_window_destroy", G_CALLBACK (gtk_window_destroy));
}

static void
tandem_rule_editor_init (TandemRuleEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->matches = -1;
  self->building = TRUE;   /* until tandem_rule_editor_new () has filled the form */
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->decay, draw_decay, self, NULL);
}

/* What can be scored: every column but the id; a new rule starts on a likely field */
static guint
fill_fields (TandemRuleEditor *self,
             const TandemRule *rule)
{
  g_autoptr(GPtrArray) all_columns = tandem_store_list_columns (self->store);
  g_autoptr(GtkStringList) field_names = gtk_string_list_new (NULL);
  g_autoptr(GRegex) preferred = g_regex_new ("title|seniority|industry|size|employee|source", G_REGEX_CASELESS, 0, NULL);
  guint selected = 0;

  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_column_free);
  for (guint k = 0; k < all_columns->len; k++)
    {
      TandemColumn *column = g_ptr_array_index (all_columns, k);
      g_autofree char *label = NULL;
      if (g_strcmp0 (column->role, "id") == 0)
        continue;
      if (rule && rule->field && g_str_equal (rule->field, column->name))
        selected = self->columns->len;
      else if (rule == NULL && selected == 0 && preferred != NULL && g_regex_match (preferred, column->name, 0, NULL))
        selected = self->columns->len;
      /* Translators: a field in the rule editor: its name and type, "Employees (number)" */
      label = g_strdup_printf (_("%s (%s)"), column->name, tandem_column_type_get_label (column->type));
      gtk_string_list_append (field_names, label);
      g_ptr_array_add (self->columns, tandem_column_copy (column));
    }
  adw_combo_row_set_model (self->field_row, G_LIST_MODEL (field_names));
  return selected;
}

static guint
fill_event_types (TandemRuleEditor *self,
                  const TandemRule *rule)
{
  g_autoptr(GtkStringList) event_names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->event_types = tandem_store_list_event_types (self->store);
  for (guint k = 0; k < self->event_types->len; k++)
    {
      if (rule && rule->event && g_str_equal (rule->event, g_ptr_array_index (self->event_types, k)))
        selected = k;
      gtk_string_list_append (event_names, g_ptr_array_index (self->event_types, k));
    }
  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (event_names));
  return selected;
}

GtkWidget *
tandem_rule_editor_new (GtkWindow        *parent,
                        TandemStore      *store,
                        TandemDimension   dimension,
                        int               index,
                        const TandemRule *rule)
{
  TandemRuleEditor *self = g_object_new (TANDEM_TYPE_RULE_EDITOR, "transient-for", parent,
                                         "title", index < 0 ? _("New Rule") : _("Edit Rule"), NULL);
  guint selected_field, selected_event;

  self->store = g_object_ref (store);
  self->dimension = dimension;
  self->index = index;
  gtk_button_set_label (GTK_BUTTON (self->save_button), index < 0 ? _("_Add") : _("_Save"));

  selected_field = fill_fields (self, rule);
  selected_event = fill_event_types (self, rule);
  adw_combo_row_set_selected (self->field_row, selected_field);
  adw_combo_row_set_selected (self->event_row, selected_event);
  adw_combo_row_set_selected (self->kind_row, rule ? rule->event != NULL
                                              : dimension == TANDEM_DIMENSION_INTEREST && self->event_types->len > 0);
  tandem_spin_row_set_value (self->within_row, rule && rule->has_within_days ? rule->within_days : 90);
  tandem_spin_row_set_active (self->within_row, rule && rule->has_within_days);
  tandem_spin_row_set_value (self->half_life_row, rule && rule->has_half_life ? rule->half_life_days : 30);
  tandem_spin_row_set_active (self->half_life_row, rule ? rule->has_half_life : TRUE);
  tandem_spin_row_set_value (self->points_row, rule ? rule->points : 10);
  tandem_spin_row_set_value (self->max_row, rule && rule->has_max ? rule->max : 30);
  tandem_spin_row_set_active (self->max_row, rule && rule->has_max);
  if (rule && rule->label)
    gtk_editable_set_text (GTK_EDITABLE (self->label_row), rule->label);

  /* The rule's own values */
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
