/* tandem-sla-dialog.c — the service-level terms, edited, and how they are kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is a template (tandem-sla-dialog.ui).  Every change of the
 * terms measures them again on a worker thread, cancelling the report
 * still being computed; a spinner shows meanwhile.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-rows.h"
#include "tandem-sla-dialog.h"

struct _TandemSlaDialog
{
  AdwWindow        parent_instance;
  TandemStore     *store;
  TandemSpinRow   *follow_up_row;
  TandemSpinRow   *day_start_row;
  TandemSpinRow   *day_end_row;
  TandemSpinRow   *accept_row;
  TandemSpinRow   *commitment_row;  /* switchable: none when off */
  TandemSpinRow   *share_row;       /* switchable, in percent */
  GtkToggleButton *days[7];         /* Monday first */
  GtkLabel        *summary;
  GtkLabel        *problem;
  GtkSpinner      *spinner;
  GPtrArray       *codes;        /* char *: the rejection reasons being agreed */
  AdwPreferencesGroup *codes_group;
  GtkListBox      *code_rows;    /* the codes */
  GtkListBox      *owners_list;  /* compliance by owner */
  GtkListBox      *reasons_list; /* rejections by reason */
  GPtrArray       *owner_lines;  /* char *: what each owner row says */
  GCancellable    *cancellable;  /* the report being computed */
  gboolean         loading;      /* filling the form: no report yet */
};

#define MAX_OWNER_ROWS 12

G_DEFINE_FINAL_TYPE (TandemSlaDialog, tandem_sla_dialog, ADW_TYPE_WINDOW)

static void
read_form (TandemSlaDialog *self,
           TandemSlaTerms  *t)
{
  tandem_sla_terms_init (t);
  t->follow_up_hours = tandem_spin_row_get_value (self->follow_up_row);
  t->day_start = gtk_spin_button_get_value_as_int (tandem_spin_row_get_spin_button (self->day_start_row));
  t->day_end = gtk_spin_button_get_value_as_int (tandem_spin_row_get_spin_button (self->day_end_row));
  t->accept_days = tandem_spin_row_get_value (self->accept_row);
  t->mql_commitment = tandem_spin_row_get_active (self->commitment_row) ? tandem_spin_row_get_value (self->commitment_row) : NAN;
  t->pipeline_share = tandem_spin_row_get_active (self->share_row) ? tandem_spin_row_get_value (self->share_row) / 100 : NAN;
  t->weekdays = 0;
  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->days[d]))
      t->weekdays |= 1u << d;
  g_ptr_array_add (self->codes, NULL);
  tandem_sla_terms_set_reason_codes (t, (const char *const *) self->codes->pdata);
  g_ptr_array_remove_index (self->codes, self->codes->len - 1);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
info_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* Per owner (most MQLs first) and per reason, as the terms typed keep them */
static void
show_breakdowns (TandemSlaDialog       *self,
                 const TandemSlaReport *report)
{
  clear_list (self->owners_list);
  clear_list (self->reasons_list);
  g_ptr_array_set_size (self->owner_lines, 0);
  for (guint k = 0; report != NULL && k < report->owners->len && k < MAX_OWNER_ROWS; k++)
    {
      TandemSlaOwner *o = g_ptr_array_index (report->owners, k);
      g_autofree char *median = isnan (o->median_hours) ? g_strdup (_("no response yet"))
                                : g_strdup_printf (_("median %.1f working hours"), o->median_hours);
      /* Translators: an owner's MQLs, the share followed up in time, the median response */
      g_autofree char *line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld MQL · %.1f %% in time · %s",
                                                                "%'lld MQLs · %.1f %% in time · %s", (gulong) o->mqls),
                                               (long long) o->mqls,
                                               o->mqls ? 100.0 * o->within / o->mqls : 0.0, median);
      gtk_list_box_append (self->owners_list, info_row (o->owner, line));
      g_ptr_array_add (self->owner_lines, g_strdup_printf ("%s: %s", o->owner, line));
    }
  if (report != NULL && report->owners->len > MAX_OWNER_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more owner (tandem-cli sla lists them all)",
                                                                "and %u more owners (tandem-cli sla lists them all)",
                                                                report->owners->len - MAX_OWNER_ROWS),
                                               report->owners->len - MAX_OWNER_ROWS);
      gtk_list_box_append (self->owners_list, info_row (more, NULL));
    }
  if (report == NULL || report->owners->len == 0)
    gtk_list_box_append (self->owners_list, info_row (_("No MQLs to measure yet"), NULL));
  for (guint k = 0; report != NULL && k < report->reasons->len; k++)
    {
      TandemSlaOwner *r = g_ptr_array_index (report->reasons, k);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld MQL rejected", "%'lld MQLs rejected",
                                                             (gulong) r->mqls), (long long) r->mqls);
      gtk_list_box_append (self->reasons_list, info_row (r->owner, count));
    }
  if (report == NULL || report->reasons->len == 0)
    gtk_list_box_append (self->reasons_list, info_row (_("No MQL rejected yet"), NULL));
}

/* ---- How the terms, as typed, are kept: all time, on a worker thread ---- */

typedef struct
{
  TandemStore    *store;
  TandemSlaTerms  terms;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_object (&job->store);
  tandem_sla_terms_clear (&job->terms);
  g_free (job);
}

static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ReportJob *job = data;
  GError *error = NULL;
  TandemSlaReport *report = tandem_sla_compute (job->store, &job->terms, NULL, NULL, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) tandem_sla_report_free);
}

static void
show_report (TandemSlaDialog       *self,
             const TandemSlaReport *report,
             const TandemSlaTerms  *t,
             const GError          *error)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->problem), report == NULL);
  show_breakdowns (self, report);
  if (report == NULL)
    {
      gtk_label_set_label (self->problem, error->message);
      gtk_label_set_label (self->summary, "");
      return;
    }
  if (report->mqls == 0)
    text = g_strdup (_("No MQLs with a stage history to measure yet."));
  else
    text = g_strdup_printf (_("So far %'lld MQLs: %.1f %% followed up in time; median response %.1f working hours, "
                              "90th percentile %.1f; %'lld accepted within %g days, %'lld rejected."),
                            (long long) report->mqls, report->share_within * 100,
                            isnan (report->median_hours) ? 0 : report->median_hours,
                            isnan (report->p90_hours) ? 0 : report->p90_hours,
                            (long long) report->accepted, t->accept_days, (long long) report->rejected);
  gtk_label_set_label (self->summary, text);
}

static void
report_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TandemSlaDialog *self = TANDEM_SLA_DIALOG (source);
  ReportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSlaReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed, or the terms changed again: a newer report is on its way */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  show_report (self, report, &job->terms, error);
}

static void
refresh (TandemSlaDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ReportJob *job;

  if (self->loading)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job = g_new0 (ReportJob, 1);
  job->store = tandem_store_dup_for_thread (self->store);
  read_form (self, &job->terms);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  task = g_task_new (self, self->cancellable, report_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, report_thread);
}

static void
on_terms_changed (TandemSlaDialog *self)
{
  refresh (self);
}

static void rebuild_codes (TandemSlaDialog *self);

static void
on_remove_code (GtkButton       *button,
                TandemSlaDialog *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  for (guint k = 0; k < self->codes->len; k++)
    if (g_str_equal (g_ptr_array_index (self->codes, k), code))
      {
        g_ptr_array_remove_index (self->codes, k);
        break;
      }
  rebuild_codes (self);
  refresh (self);
}

static void
rebuild_codes (TandemSlaDialog *self)
{
  clear_list (self->code_rows);
  for (guint k = 0; k < self->codes->len; k++)
    {
      const char *code = g_ptr_array_index (self->codes, k);
      GtkWidget *row = info_row (code, NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tip = g_strdup_printf (_("Remove “%s”"), code);

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_object_set_data_full (G_OBJECT (remove), "code", g_strdup (code), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_code), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->code_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->code_rows), self->codes->len > 0);
  adw_preferences_group_set_description (self->codes_group,
                                         self->codes->len == 0
                                         ? _("None agreed yet: rejections are counted by the data's own words")
                                         : _("The reasons sales may give for rejecting an MQL; others count as not agreed"));
}

gboolean
tandem_sla_dialog_add_reason (TandemSlaDialog  *self,
                              const char       *code,
                              GError          **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (code));
  g_auto(TandemSlaTerms) t = { 0, };

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Type a reason first"));
      return FALSE;
    }
  /* The terms' own checks: twice, too long, too many */
  g_ptr_array_add (self->codes, g_steal_pointer (&trimmed));
  read_form (self, &t);
  if (!tandem_sla_terms_validate (&t, error))
    {
      g_ptr_array_remove_index (self->codes, self->codes->len - 1);
      return FALSE;
    }
  rebuild_codes (self);
  refresh (self);
  return TRUE;
}

static void
on_code_apply (AdwEntryRow     *row,
               TandemSlaDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!tandem_sla_dialog_add_reason (self, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      gtk_label_set_label (self->problem, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* The reasons the data already uses, added as codes (those not agreed yet) */
guint
tandem_sla_dialog_use_data_reasons (TandemSlaDialog *self)
{
  g_auto(GStrv) found = tandem_sla_data_reasons (self->store, TANDEM_SLA_MAX_REASON_CODES);
  guint added = 0;

  for (guint k = 0; found[k] != NULL && self->codes->len < TANDEM_SLA_MAX_REASON_CODES; k++)
    {
      gboolean known = FALSE;
      for (guint j = 0; j < self->codes->len && !known; j++)
        known = g_utf8_collate (g_ptr_array_index (self->codes, j), found[k]) == 0;
      if (!known && tandem_sla_dialog_add_reason (self, found[k], NULL))
        added++;
    }
  return added;
}

static void
on_use_data_reasons (TandemSlaDialog *self)
{
  if (tandem_sla_dialog_use_data_reasons (self) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      gtk_label_set_label (self->problem, _("The leads have no rejection-reason column, or no new reason in it"));
    }
}

const char *
tandem_sla_dialog_get_owner_line (TandemSlaDialog *self,
                                  guint            index)
{
  return index < self->owner_lines->len ? g_ptr_array_index (self->owner_lines, index) : NULL;
}

gboolean
tandem_sla_dialog_save (TandemSlaDialog  *self,
                        GError          **error)
{
  g_auto(TandemSlaTerms) t = { 0, };

  read_form (self, &t);
  return tandem_sla_terms_save (self->store, &t, error);
}

const char *
tandem_sla_dialog_get_summary (TandemSlaDialog *self)
{
  return gtk_label_get_label (self->summary);
}

static void
on_save (TandemSlaDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!tandem_sla_dialog_save (self, &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
      gtk_label_set_label (self->problem, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
tandem_sla_dialog_is_busy (TandemSlaDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_SLA_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
tandem_sla_dialog_dispose (GObject *object)
{
  TandemSlaDialog *self = TANDEM_SLA_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_SLA_DIALOG);
  G_OBJECT_CLASS (tandem_sla_dialog_parent_class)->dispose (object);
}

static void
tandem_sla_dialog_finalize (GObject *object)
{
  g_clear_pointer (&TANDEM_SLA_DIALOG (object)->codes, g_ptr_array_unref);
  g_clear_pointer (&TANDEM_SLA_DIALOG (object)->owner_lines, g_ptr_array_unref);
  g_clear_object (&TANDEM_SLA_DIALOG (object)->store);
  G_OBJECT_CLASS (tandem_sla_dialog_parent_class)->finalize (object);
}

static void
tandem_sla_dialog_class_init (TandemSlaDialogClass *klass)
{
  static const char *const day_ids[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tandem_sla_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = tandem_sla_dialog_finalize;

  g_type_ensure (TANDEM_TYPE_SPIN_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-sla-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, day_start_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, day_end_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, accept_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, commitment_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, share_row);
  for (guint d = 0; d < G_N_ELEMENTS (day_ids); d++)
    gtk_widget_class_bind_template_child_full (widget_class, day_ids[d], FALSE,
                                               G_STRUCT_OFFSET (TandemSlaDialog, days) + d * sizeof (GtkToggleButton *));
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, codes_group);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, code_rows);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, owners_list);
  gtk_widget_class_bind_template_child (widget_class, TandemSlaDialog, reasons_list);
  gtk_widget_class_bind_template_callback (widget_class, on_terms_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_code_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_use_data_reasons);
  gtk_widget_class_bind_template_callback (widget_class, on_save);
}

static void
tandem_sla_dialog_init (TandemSlaDialog *self)
{
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->owner_lines = g_ptr_array_new_with_free_func (g_free);
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tandem_sla_dialog_new (GtkWindow   *parent,
                       TandemStore *store)
{
  TandemSlaDialog *self = g_object_new (TANDEM_TYPE_SLA_DIALOG, "transient-for", parent, NULL);
  g_auto(TandemSlaTerms) t = { 0, };
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  if (!tandem_sla_terms_load (store, &t, &error))
    tandem_sla_terms_init (&t);
  for (guint d = 0; d < 7; d++)
    gtk_toggle_button_set_active (self->days[d], (t.weekdays >> d) & 1);
  tandem_spin_row_set_value (self->follow_up_row, t.follow_up_hours);
  tandem_spin_row_set_value (self->day_start_row, t.day_start);
  tandem_spin_row_set_value (self->day_end_row, t.day_end);
  tandem_spin_row_set_value (self->accept_row, t.accept_days);
  tandem_spin_row_set_active (self->commitment_row, !isnan (t.mql_commitment));
  tandem_spin_row_set_value (self->commitment_row, isnan (t.mql_commitment) ? 100 : t.mql_commitment);
  tandem_spin_row_set_active (self->share_row, !isnan (t.pipeline_share));
  tandem_spin_row_set_value (self->share_row, isnan (t.pipeline_share) ? 50 : t.pipeline_share * 100);
  for (guint k = 0; t.reason_codes && t.reason_codes[k]; k++)
    g_ptr_array_add (self->codes, g_strdup (t.reason_codes[k]));
  rebuild_codes (self);
  self->loading = FALSE;
  refresh (self);
  return GTK_WIDGET (self);
}
