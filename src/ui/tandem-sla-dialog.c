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
};

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
}

/* How the terms, as typed, are kept: all time */
static void
refresh (TandemSlaDialog *self)
{
  TandemSlaTerms t;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSlaReport) report = NULL;
  g_autofree char *text = NULL;

  read_form (self, &t);
  report = tandem_sla_compute (self->store, &t, NULL, NULL, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), report == NULL);
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

gboolean
tandem_sla_dialog_save (TandemSlaDialog  *self,
                        GError          **error)
{
  TandemSlaTerms t;

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
}

GtkWidget *
tandem_sla_dialog_new (GtkWindow   *parent,
                       TandemStore *store)
{
  static const char *const day_names[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
  TandemSlaDialog *self = g_object_new (TANDEM_TYPE_SLA_DIALOG, "transient-for", parent, "modal", TRUE,
                                        "default-width", 520, "default-height", 640, "title", _("Service Level"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *g = adw_preferences_group_new ();
  GtkWidget *g2 = adw_preferences_group_new ();
  GtkWidget *days = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  TandemSlaTerms t;
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

  gtk_box_append (GTK_BOX (page), g);
  gtk_box_append (GTK_BOX (page), g2);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->problem));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->summary));
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
