/* tandem-rows.h — the preference rows Tandem's forms share, and the cells
 * of its tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 has no spin row (AdwSpinRow is 1.4): TandemSpinRow is an
 * AdwActionRow with a GtkSpinButton suffix, and optionally a GtkSwitch
 * prefix that turns the value on or off ("At most … 30").  It works from
 * C and from a .ui template:
 *
 *   <object class="TandemSpinRow" id="follow_up_row">
 *     <property name="title" translatable="yes">Follow up within (hours)</property>
 *     <property name="digits">1</property>
 *     <property name="switchable">True</property>
 *     <property name="adjustment">
 *       <object class="GtkAdjustment">
 *         <property name="lower">0.5</property>
 *         <property name="upper">500</property>
 *         <property name="step-increment">0.5</property>
 *       </object>
 *     </property>
 *   </object>
 *
 * The row's title is also the accessible label of the spin button and of
 * the switch.  Follow "notify::value" and "notify::active".
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_SPIN_ROW (tandem_spin_row_get_type ())
G_DECLARE_FINAL_TYPE (TandemSpinRow, tandem_spin_row, TANDEM, SPIN_ROW, AdwActionRow)

/* A row titled @title whose value runs from @lower to @upper by @step,
 * shown with @digits decimals. */
GtkWidget     *tandem_spin_row_new              (const char    *title,
                                                 double         lower,
                                                 double         upper,
                                                 double         step,
                                                 guint          digits);
GtkSpinButton *tandem_spin_row_get_spin_button  (TandemSpinRow *self);
double         tandem_spin_row_get_value        (TandemSpinRow *self);
void           tandem_spin_row_set_value        (TandemSpinRow *self,
                                                 double         value);
/* With a switch before the title: the value counts only when active. */
gboolean       tandem_spin_row_get_switchable   (TandemSpinRow *self);
void           tandem_spin_row_set_switchable   (TandemSpinRow *self,
                                                 gboolean       switchable);
GtkSwitch     *tandem_spin_row_get_switch       (TandemSpinRow *self);
gboolean       tandem_spin_row_get_active       (TandemSpinRow *self);
void           tandem_spin_row_set_active       (TandemSpinRow *self,
                                                 gboolean       active);
/* Large amounts: digits grouped as the locale does ("1,500,000", also
 * typed back with or without the separators, or with spaces). */
void           tandem_spin_row_set_group_digits (TandemSpinRow *self,
                                                 gboolean       group_digits);

/* An AdwComboRow titled @title (plain text: a stage's or a value's own
 * name is no markup), with @subtitle if not NULL, offering @model's
 * strings, @selected chosen. */
AdwComboRow   *tandem_combo_row_new             (const char        *title,
                                                 const char        *subtitle,
                                                 GListModel        *model,
                                                 guint              selected);

/* A table's cell: @text at (@column, @row) of @grid in tabular figures,
 * the first column to the left and the others to the right, in bold when
 * it is a @heading; returns the label, which the grid owns. */
GtkLabel      *tandem_grid_add_text             (GtkGrid           *grid,
                                                 int                column,
                                                 int                row,
                                                 const char        *text,
                                                 gboolean           heading);
/* A table's column heading kept short, with the long name as its tooltip
 * and accessible description. */
void           tandem_grid_add_heading          (GtkGrid           *grid,
                                                 int                column,
                                                 int                row,
                                                 const char        *text,
                                                 const char        *tooltip);

G_END_DECLS
