/* tandem-agreement.h — the document Sales and Marketing sign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

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

/* The same on a worker thread, with a connection of its own; finish gives
 * the path written, or NULL and the error. */
void     tandem_agreement_write_async  (TandemStore          *store,
                                        const char           *path,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char    *tandem_agreement_write_finish (GAsyncResult         *result,
                                        GError              **error);

/* The same, laid out as pages (cairo recording surfaces, A4 in points),
 * for printing; element type cairo_surface_t. */
GPtrArray *tandem_agreement_render   (TandemStore  *store,
                                      GError      **error);
/* Paints page @page of @pages into @width × @height, keeping proportions. */
void       tandem_agreement_draw_page (cairo_t     *cr,
                                       GPtrArray   *pages,
                                       guint        page,
                                       double       width,
                                       double       height);

G_END_DECLS
