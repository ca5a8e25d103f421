/* tandem-state-view.h — a widget that shows one state object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editors that a page hands its state (the funnel's stage list and
 * mapping editor, the scoring page's bands editor) derive from
 * TandemStateView: it holds the "state" property, follows the new state's
 * signals through the class's connect_state () and lets go of the old
 * one's, and calls state_changed () so the view shows what it now holds.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_STATE_VIEW (tandem_state_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (TandemStateView, tandem_state_view, TANDEM, STATE_VIEW, AdwBin)

struct _TandemStateViewClass
{
  AdwBinClass parent_class;

  /* What "state" may hold: set by the class_init of each view */
  GType state_type;

  /* @state was just set: connect to its signals with
   * g_signal_connect_object (state, …, self, …), which are let go of
   * when the view takes another state. */
  void (*connect_state) (TandemStateView *self,
                         GObject         *state);
  /* The view holds another state (or none): show it. */
  void (*state_changed) (TandemStateView *self);
};

GObject *tandem_state_view_get_state (TandemStateView *self);
void     tandem_state_view_set_state (TandemStateView *self,
                                      GObject         *state);

G_END_DECLS
