/* tandem-snapshot-private.h — what the snapshot's writer and reader share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-snapshot-write.c makes the snapshot from the
 * rows, tandem-snapshot.c reads and checks it; both speak this format.
 */
#pragma once

#include "tandem-snapshot.h"

G_BEGIN_DECLS

#define SNAPSHOT_FORMAT 2
/* Leads a chunk: the manifest says, a power of two in this range */
#define CHUNK_LEADS (1u << 18)
#define MIN_CHUNK_LEADS (1u << 6)
#define MAX_CHUNK_LEADS (1u << 24)
/* No part decodes to more than this (a chunk of lead ids at 4 KB an id) */
#define MAX_PART_BYTES (G_GUINT64_CONSTANT (1) << 30)

/* A column type as the manifest writes it: "text", "number"… */
const char *tandem_snapshot_type_to_string   (TandemColumnType  type);
gboolean    tandem_snapshot_type_from_string (const char       *text,
                                              TandemColumnType *out);
/* What changes whenever the rows the snapshot holds change; also the
 * number of leads now (@n_leads may be NULL).  NULL on a database error. */
char       *tandem_snapshot_compute_stamp    (TandemStore      *store,
                                              gint64           *n_leads);
/* The leads a chunk for new snapshots (tests make it small) */
guint       tandem_snapshot_get_chunk_leads  (void);

static inline guint
tandem_snapshot_n_chunks (guint n_leads,
                          guint chunk)
{
  return (guint) (((guint64) n_leads + chunk - 1) / chunk);
}

static inline gsize
tandem_snapshot_value_width (TandemColumnType type)
{
  switch (type)
    {
    case TANDEM_COLUMN_TEXT: return sizeof (guint32);
    case TANDEM_COLUMN_BOOLEAN: return sizeof (gint8);
    case TANDEM_COLUMN_NUMBER:
    case TANDEM_COLUMN_DATE:
    default: return sizeof (double);
    }
}

/* A text column's codes take 1, 2 or 4 bytes: the fewest that hold every
 * code of its dictionary of @n_codes (the empty cell's 0 included) */
static inline gsize
tandem_snapshot_code_width (guint n_codes)
{
  return n_codes <= 256 ? 1 : n_codes <= 65536 ? 2 : 4;
}

/* Parts are little-endian whatever the machine: swaps @n values of
 * @width bytes in place on a big-endian one */
static inline void
tandem_snapshot_swap_to_le (void  *data,
                            gsize  width,
                            gsize  n)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  if (width == 4)
    for (guint32 *p = data, *end = p + n; p < end; p++)
      *p = GUINT32_SWAP_LE_BE (*p);
  else if (width == 8)
    for (guint64 *p = data, *end = p + n; p < end; p++)
      *p = GUINT64_SWAP_LE_BE (*p);
#else
  (void) data;
  (void) width;
  (void) n;
#endif
}

G_END_DECLS
