/* tandem-gallery.h — common B2B scoring rules, mapped onto a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-model.h"

G_BEGIN_DECLS

typedef struct
{
  char            *column;        /* a column of the type the template needs */
  char            *top_values;    /* its most frequent values: "Manager (120), Student (80), …" */
} TandemGalleryChoice;

typedef struct
{
  char            *title;         /* "Senior title" */
  TandemDimension  dimension;
  TandemRule      *rule;          /* on this workspace's own column or event type, or NULL */
  char            *sentence;      /* what it does here: "Job Title contains VP or Director → +20" */
  char            *missing;       /* when rule is NULL: what the workspace lacks */
  char            *matched_by;    /* why this column: NULL for its name, else "its values look like job titles" */
  GPtrArray       *choices;       /* TandemGalleryChoice: the columns it could go on (field templates) */
  guint            template_index;
} TandemGalleryItem;

void       tandem_gallery_item_free (TandemGalleryItem *item);
/* Every template, in gallery order; element type TandemGalleryItem.  A
 * field template goes on the first column whose name fits, else on the
 * first whose values look right (job titles, e-mail addresses, company
 * sizes), and offers every column of its type to choose from instead. */
GPtrArray  *tandem_gallery_list      (TandemStore             *store);
/* @item's rule on the column @column (one of its choices), or NULL with
 * @error when the column does not fit it. */
TandemRule *tandem_gallery_rule_on   (const TandemGalleryItem *item,
                                      TandemStore             *store,
                                      const char              *column,
                                      GError                 **error);
/* What a column's values look like, from a sample of them: */
gboolean    tandem_gallery_looks_like_titles (const char *const *values);
gboolean    tandem_gallery_looks_like_emails (const char *const *values);
gboolean    tandem_gallery_looks_like_sizes  (const char *const *values);

G_END_DECLS
