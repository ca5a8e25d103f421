/* tandem-demo.h — a deterministic, realistic B2B demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_DEMO_DEFAULT_LEADS 20000
#define TANDEM_DEMO_DEFAULT_SEED  42

/* Fills an empty workspace with @n_leads leads created over the 18 months
 * that end on @end (NULL: today), their events, stage history, outcomes and
 * the classic taxonomy.  The same seed, lead count and end date always give
 * the same workspace content. All or nothing, like an import.            */
gboolean tandem_demo_generate (TandemStore      *store,
                               guint             n_leads,
                               guint64           seed,
                               GDate            *end,
                               GCancellable     *cancellable,
                               GError          **error);

G_END_DECLS
