/* tandem-sla-dialog.c — the service-level terms, edited, and how they are kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-sla-dialog.h"

struct _TandemSlaDialog
{
  AdwWindow      parent_instance;
  TandemStore   *store;
  GtkSpinButton *spins[6];     /* follow-up, day start, day end, accept days, commitment, share */
  GtkSwitch     *switches[2];  /* commitment, share */
  GtkToggleButton *days[7];
  GtkLabel      *summary;
  GtkLabel      *problem;
  GPtrArray     *codes;        /* char *: the rejection reasons being agreed */
  GtkWidget     *codes_group;
  GtkWidget     *code_rows;    /* GtkListBox of the codes */
  GtkWidget     *owners_list;  /* GtkListBox: compliance by owner */
  GtkWidget     *reasons_list; /* GtkListBox: rejections by reason */
  GPtrArray     *owner_lines;  /* char *: what each owner row says */
};

#define MAX_OWNER_ROWS 12

G_DEFINE_FINAL_TYPE (TandemSlaDialog, tandem_sla_dialog, ADW_TYPE_WINDOW)

static void
read_form (TandemSlaDialog *self,
           TandemSlaTerms  *t)
{
  tandem_sla_terms_init (t);
  t->follow_up_hours = gtk_spin_button_get_value (self->spins[0]);
  t->day_start = gtk_spin_button_get_value_as_int (self->spins[1]);
  t->day_end = gtk_spin_button_get_value_as_int (self->spins[2]);
  t->accept_days = gtk_spin_button_get_value (self->spins[3]);
  t->mql_commitment = gtk_switch_get_active (self->switches[0]) ? gtk_spin_button_get_value (self->spins[4]) : NAN;
  t->pipeline_share = gtk_switch_get_active (self->switches[1]) ? gtk_spin_button_get_value (self->spins[5]) / 100 : NAN;
  t->weekdays = 0;
  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->days[d]))
      t->weekdays |= 1u << d;
  g_ptr_array_add (self->codes, NULL);
  tandem_sla_terms_set_reason_codes (t, (const char *const *) self->codes->pdata);
  g_ptr_array_remove_index (self->codes, self->codes->len - 1);
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
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
      g_autofree char *line = g_strdup_printf (_("%'lld MQLs · %.1f %% in time · %s"), (long long) o->mqls,
                                               o->mqls ? 100.0 * o->within / o->mqls : 0.0, median);
      gtk_list_box_append (GTK_LIST_BOX (self->owners_list), info_row (o->owner, line));
      g_ptr_array_add (self->owner_lines, g_strdup_printf ("%s: %s", o->owner, line));
    }
  if (report != NULL && report->owners->len > MAX_OWNER_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more owners (tandem-cli sla lists them all)"),
                                               report->owners->len - MAX_OWNER_ROWS);
      gtk_list_box_append (GTK_LIST_BOX (self->owners_list), info_row (more, NULL));
    }
  if (report == NULL || report->owners->len == 0)
    gtk_list_box_append (GTK_LIST_BOX (self->owners_list), info_row (_("No MQLs to measure yet"), NULL));
  for (guint k = 0; report != NULL && k < report->reasons->len; k++)
    {
      TandemSlaOwner *r = g_ptr_array_index (report->reasons, k);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld MQL rejected", "%'lld MQLs rejected",
                                                             (gulong) r->mqls), (long long) r->mqls);
      gtk_list_box_append (GTK_LIST_BOX (self->reasons_list), info_row (r->owner, count));
    }
  if (report == NULL || report->reasons->len == 0)
    gtk_list_box_append (GTK_LIST_BOX (self->reasons_list), info_row (_("No MQL rejected yet"), NULL));
}

/* How the terms, as typed, are kept: all time */
static void
refresh (TandemSlaDialog *self)
{
  g_auto(TandemSlaTerms) t = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSlaReport) report = NULL;
  g_autofree char *text = NULL;

  read_form (self, &t);
  report = tandem_sla_compute (self->store, &t, NULL, NULL, &error);
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
                            (long long) report->accepted, t.accept_days, (long long) report->rejected);
  gtk_label_set_label (self->summary, text);
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
      gtk_list_box_append (GTK_LIST_BOX (self->code_rows), row);
    }
  gtk_widget_set_visible (self->code_rows, self->codes->len > 0);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->codes_group),
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
on_use_data_reasons (GtkButton       *button,
                     TandemSlaDialog *self)
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
on_save (GtkButton       *button,
         TandemSlaDialog *self)
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

static GtkSpinButton *
spin_row (GtkWidget  *group,
          const char *title,
          double      lower,
          double      upper,
          double      step,
          guint       digits,
          GtkSwitch **out_switch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (out_switch)
    {
      GtkWidget *toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), toggle);
      *out_switch = GTK_SWITCH (toggle);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return GTK_SPIN_BUTTON (spin);
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
  G_OBJECT_CLASS (klass)->finalize = tandem_sla_dialog_finalize;
}

static void
tandem_sla_dialog_init (TandemSlaDialog *self)
{
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->owner_lines = g_ptr_array_new_with_free_func (g_free);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

GtkWidget *
tandem_sla_dialog_new (GtkWindow   *parent,
                       TandemStore *store)
{
  static const char *const day_names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
  TandemSlaDialog *self = g_object_new (TANDEM_TYPE_SLA_DIALOG, "transient-for", parent, "modal", TRUE,
                                        "default-width", 560, "default-height", 760, "title", _("Service Level"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *g = adw_preferences_group_new ();
  GtkWidget *g2 = adw_preferences_group_new ();
  GtkWidget *days = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_auto(TandemSlaTerms) t = { 0, };
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  if (!tandem_sla_terms_load (store, &t, &error))
    tandem_sla_terms_init (&t);

  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (save, "clicked", G_CALLBACK (on_save), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), _("Sales"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), _("What sales commits to for every MQL"));
  self->spins[0] = spin_row (g, _("Follow up within (working hours)"), 0.5, 500, 0.5, 1, NULL);
  self->spins[1] = spin_row (g, _("Working day starts at (hour)"), 0, 23, 1, 0, NULL);
  self->spins[2] = spin_row (g, _("Working day ends at (hour)"), 1, 24, 1, 0, NULL);
  self->spins[3] = spin_row (g, _("Accept or reject within (days)"), 1, 365, 1, 0, NULL);
  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (_(day_names[d]));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), (t.weekdays >> d) & 1);
      self->days[d] = GTK_TOGGLE_BUTTON (toggle);
      g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (refresh), self);
      gtk_box_append (GTK_BOX (days), toggle);
    }
  gtk_widget_set_margin_top (days, 8);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), days);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g2), _("Marketing"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g2), _("What marketing commits to"));
  self->spins[4] = spin_row (g2, _("MQLs a month"), 0, 1e7, 10, 0, &self->switches[0]);
  self->spins[5] = spin_row (g2, _("Share of pipeline (%)"), 1, 100, 5, 0, &self->switches[1]);

  gtk_spin_button_set_value (self->spins[0], t.follow_up_hours);
  gtk_spin_button_set_value (self->spins[1], t.day_start);
  gtk_spin_button_set_value (self->spins[2], t.day_end);
  gtk_spin_button_set_value (self->spins[3], t.accept_days);
  gtk_switch_set_active (self->switches[0], !isnan (t.mql_commitment));
  gtk_spin_button_set_value (self->spins[4], isnan (t.mql_commitment) ? 100 : t.mql_commitment);
  gtk_switch_set_active (self->switches[1], !isnan (t.pipeline_share));
  gtk_spin_button_set_value (self->spins[5], isnan (t.pipeline_share) ? 50 : t.pipeline_share * 100);
  for (guint k = 0; k < 6; k++)
    g_signal_connect_swapped (self->spins[k], "value-changed", G_CALLBACK (refresh), self);
  for (guint k = 0; k < 2; k++)
    g_signal_connect_swapped (self->switches[k], "notify::active", G_CALLBACK (refresh), self);

  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_selectable (self->summary, TRUE);

  /* The agreed rejection reasons */
  {
    GtkWidget *add = adw_entry_row_new ();
    GtkWidget *from_data = gtk_button_new_with_mnemonic (_("Use the _Data's Reasons"));
    GtkWidget *adder = boxed_list ();

    self->codes_group = adw_preferences_group_new ();
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->codes_group), _("Rejection Reasons"));
    gtk_widget_add_css_class (from_data, "flat");
    gtk_widget_set_tooltip_text (from_data, _("Add the reasons the leads' rejection-reason column already uses"));
    g_signal_connect (from_data, "clicked", G_CALLBACK (on_use_data_reasons), self);
    gtk_widget_set_halign (from_data, GTK_ALIGN_END);
    gtk_widget_set_margin_top (from_data, 6);
    self->code_rows = boxed_list ();
    gtk_widget_set_margin_bottom (self->code_rows, 8);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->codes_group), self->code_rows);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Add a reason"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
    g_signal_connect (add, "apply", G_CALLBACK (on_code_apply), self);
    g_signal_connect (add, "entry-activated", G_CALLBACK (on_code_apply), self);
    gtk_list_box_append (GTK_LIST_BOX (adder), add);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->codes_group), adder);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->codes_group), from_data);
    for (guint k = 0; t.reason_codes && t.reason_codes[k]; k++)
      g_ptr_array_add (self->codes, g_strdup (t.reason_codes[k]));
    rebuild_codes (self);
  }

  /* How the terms are kept, by owner and by reason */
  {
    GtkWidget *owners = adw_preferences_group_new ();
    GtkWidget *reasons = adw_preferences_group_new ();

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (owners), _("By Owner"));
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (owners), _("All time, as the terms above keep them"));
    self->owners_list = boxed_list ();
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (owners), self->owners_list);
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (reasons), _("Rejected, by Reason"));
    self->reasons_list = boxed_list ();
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (reasons), self->reasons_list);

    gtk_box_append (GTK_BOX (page), g);
    gtk_box_append (GTK_BOX (page), g2);
    gtk_box_append (GTK_BOX (page), self->codes_group);
    gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->problem));
    gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->summary));
    gtk_box_append (GTK_BOX (page), owners);
    gtk_box_append (GTK_BOX (page), reasons);
  }
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), page);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
  refresh (self);
  return GTK_WIDGET (self);
}
