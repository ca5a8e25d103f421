/* tandem-decisions.h — the decision log: every change to the live model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-model.h"

G_BEGIN_DECLS

typedef struct
{
  char *at;        /* "YYYY-MM-DD HH:MM:SS", UTC */
  char *model;     /* the model made live */
  char *changes;   /* one change a line: "Senior title: points 20 → 25" */
  char *note;      /* why, in the publisher's words; may be empty */
} TandemDecision;

void       tandem_decision_free         (TandemDecision    *decision);
/* Notes that @after became the live model (it was @before).  Call inside
 * the transaction that makes it live. */
gboolean   tandem_decision_insert       (TandemStore       *store,
                                         const TandemModel *before,
                                         const TandemModel *after,
                                         const char        *note,
                                         GError           **error);
/* Oldest first; element type TandemDecision. */
GPtrArray *tandem_decisions_list        (TandemStore       *store);

G_END_DECLS
