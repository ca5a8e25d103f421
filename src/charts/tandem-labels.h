/* tandem-labels.h — where a chart's words go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart places its text through one TandemLabels.  It measures each
 * label with Pango and knows the rectangles already taken — bars, badges,
 * handles and the labels placed before — and when a label has no room at
 * its first place it tries the next, then a shorter text ("6.8k"), then
 * smaller type, and at last leaves it out.  The rectangles are recorded,
 * so tests can check that nothing overlaps and nothing leaves the surface.
 */
#pragma once

#include "tandem-chart.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} TandemRect;

typedef enum
{
  TANDEM_MARK_LABEL,        /* a word on the chart */
  TANDEM_MARK_SOLID,        /* a badge, a handle, a swatch: no label touches it */
  TANDEM_MARK_BACKGROUND,   /* a cell, a bar: a label sits wholly on it or wholly off it */
  TANDEM_MARK_PAGE,         /* a new page (the agreement): checks start afresh */
} TandemMarkKind;

typedef struct
{
  TandemMarkKind kind;
  TandemRect     rect;      /* in the surface's coordinates (points, logical pixels) */
  char          *text;      /* a label's words, else NULL */
} TandemMark;

#define TANDEM_LABEL_MAX_ANCHORS 6

typedef struct
{
  double x, y;              /* the point the label hangs from */
  double xalign, yalign;    /* 0: left/top edge at the point, 0.5: centred, 1: right/bottom */
} TandemAnchor;

typedef struct
{
  const char       *text;
  const char       *short_text;   /* tried when @text finds no room, or NULL */
  double            size;         /* points, before the style's font scale */
  double            min_size;     /* shrinks by steps down to this; 0: never */
  gboolean          bold;
  gboolean          vertical;     /* turned a quarter left, read bottom to top */
  const TandemRgba *color;
  const TandemRect *within;       /* must stay inside it (a cell); NULL: the chart */
  double            max_width;    /* ellipsized to this width when > 0 (a name, not a number) */
  gboolean          shrink_first; /* smaller type at the first place before the next place */
  guint             n_anchors;    /* tried in order; 0: the first is (0, 0) top-left */
  TandemAnchor      anchors[TANDEM_LABEL_MAX_ANCHORS];
} TandemLabel;

typedef struct _TandemLabels TandemLabels;

/* Places labels on a chart of @width × @height drawn on @cr. */
TandemLabels *tandem_labels_new          (cairo_t                *cr,
                                          const TandemChartStyle *style,
                                          double                  width,
                                          double                  height);
/* Records what was placed into the style's record (if any) and frees. */
void          tandem_labels_free         (TandemLabels           *labels);

/* Something drawn that labels must respect (in user coordinates). */
void          tandem_labels_reserve      (TandemLabels           *labels,
                                          TandemMarkKind          kind,
                                          double                  x,
                                          double                  y,
                                          double                  width,
                                          double                  height);
/* The size of @text in the chart's font at @size points. */
void          tandem_labels_measure      (TandemLabels           *labels,
                                          double                  size,
                                          gboolean                bold,
                                          const char             *text,
                                          double                 *width,
                                          double                 *height);
/* Whether @label has a place, and which, without drawing or taking it. */
gboolean      tandem_labels_fits         (TandemLabels           *labels,
                                          const TandemLabel      *label,
                                          TandemRect             *out);
/* Draws @label at its first free place and takes the room; FALSE when it
 * was left out.  @out (may be NULL) gets its rectangle. */
gboolean      tandem_labels_draw         (TandemLabels           *labels,
                                          const TandemLabel      *label,
                                          TandemRect             *out);
/* The common case: one place, may shrink to 80 %, else left out.  Returns
 * the width drawn, or -1. */
double        tandem_labels_text         (TandemLabels           *labels,
                                          double                  size,
                                          gboolean                bold,
                                          const TandemRgba       *color,
                                          double                  x,
                                          double                  y,
                                          double                  xalign,
                                          const char             *text);

/* "6.8k", "1.2M": a count shortened for a label with no room. */
char         *tandem_labels_short_count  (double                  n);

/* For the agreement: what follows is on a new page. */
void          tandem_labels_record_page  (const TandemChartStyle *style);
/* Every label that overlaps another or a solid mark, crosses the edge of a
 * background mark, or leaves the @width × @height surface, in words (one
 * line each, appended to @problems); returns how many. */
guint         tandem_marks_check         (GArray                 *marks,
                                          double                  width,
                                          double                  height,
                                          GString                *problems);
/* A new record for TandemChartStyle.record (TandemMark, texts freed). */
GArray       *tandem_marks_new           (void);

G_END_DECLS
