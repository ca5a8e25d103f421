/* tandem-gallery.h — common B2B scoring rules, mapped onto a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-model.h"

G_BEGIN_DECLS

typedef struct
{
  char            *title;         /* "Senior title" */
  TandemDimension  dimension;
  TandemRule      *rule;          /* on this workspace's own column or event type, or NULL */
  char            *sentence;      /* what it does here: "Job Title contains VP or Director → +20" */
  char            *missing;       /* when rule is NULL: what the workspace lacks */
} TandemGalleryItem;

void       tandem_gallery_item_free (TandemGalleryItem *item);
/* Every template, in gallery order; element type TandemGalleryItem. */
GPtrArray *tandem_gallery_list      (TandemStore       *store);

G_END_DECLS
