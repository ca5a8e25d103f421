/* tandem-agreement.h — the document Sales and Marketing sign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/* Writes the agreement as a PDF (cairo + Pango): the stages and their
 * definitions, the MQL definition in words (cells and every rule with its
 * points), the service-level terms, the targets, the matrix and the
 * waterfall, the date and the live model's version, and the decision log.
 * Written under a temporary name, then renamed. */
gboolean tandem_agreement_write (TandemStore  *store,
                                 const char   *path,
                                 GError      **error);

G_END_DECLS
