/* tandem-state-props.h — the state objects' setters that notify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A state object's property changes only when its value does, and then
 * says so once: these set a field of @object and notify @pspec.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void tandem_state_set_string (GObject     *object,
                              char       **field,
                              const char  *value,
                              GParamSpec  *pspec);
void tandem_state_set_uint   (GObject     *object,
                              guint       *field,
                              guint        value,
                              GParamSpec  *pspec);

G_END_DECLS
