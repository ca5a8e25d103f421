/* tandem-labels.c — where a chart's words go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-labels.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* Edges that touch do not overlap; nor do rounding crumbs. */
#define SLACK 0.25
/* The air a label keeps from other labels and marks, so that two never
 * read as one ("−416 lost−373 lost"); lines may stack closely */
#define PAD 3.0

struct _TandemLabels
{
  cairo_t                *cr;
  const TandemChartStyle *style;
  cairo_matrix_t          to_surface;   /* user → the surface the record speaks of */
  TandemRect              bounds;
  GArray                 *marks;        /* TandemMark, in user coordinates */
};

static void
mark_clear (TandemMark *mark)
{
  g_clear_pointer (&mark->text, g_free);
}

GArray *
tandem_marks_new (void)
{
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (TandemMark));

  g_array_set_clear_func (marks, (GDestroyNotify) mark_clear);
  return marks;
}

TandemLabels *
tandem_labels_new (cairo_t                *cr,
                   const TandemChartStyle *style,
                   double                  width,
                   double                  height)
{
  TandemLabels *labels = g_new0 (TandemLabels, 1);

  labels->cr = cairo_reference (cr);
  labels->style = style;
  cairo_get_matrix (cr, &labels->to_surface);
  labels->bounds = (TandemRect) { 0, 0, width, height };
  labels->marks = tandem_marks_new ();
  return labels;
}

static TandemRect
to_surface (const cairo_matrix_t *m,
            const TandemRect     *r)
{
  double xs[4] = { r->x, r->x + r->width, r->x, r->x + r->width };
  double ys[4] = { r->y, r->y, r->y + r->height, r->y + r->height };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint k = 0; k < 4; k++)
    {
      cairo_matrix_transform_point (m, &xs[k], &ys[k]);
      x0 = MIN (x0, xs[k]), x1 = MAX (x1, xs[k]);
      y0 = MIN (y0, ys[k]), y1 = MAX (y1, ys[k]);
    }
  return (TandemRect) { x0, y0, x1 - x0, y1 - y0 };
}

void
tandem_labels_free (TandemLabels *labels)
{
  if (labels == NULL)
    return;
  if (labels->style->record != NULL)
    for (guint k = 0; k < labels->marks->len; k++)
      {
        const TandemMark *m = &g_array_index (labels->marks, TandemMark, k);
        TandemMark copy = { m->kind, to_surface (&labels->to_surface, &m->rect), g_strdup (m->text) };
        g_array_append_val (labels->style->record, copy);
      }
  g_array_unref (labels->marks);
  cairo_destroy (labels->cr);
  g_free (labels);
}

void
tandem_labels_record_page (const TandemChartStyle *style)
{
  TandemMark page = { TANDEM_MARK_PAGE, { 0, 0, 0, 0 }, NULL };

  if (style->record != NULL)
    g_array_append_val (style->record, page);
}

void
tandem_labels_reserve (TandemLabels   *labels,
                       TandemMarkKind  kind,
                       double          x,
                       double          y,
                       double          width,
                       double          height)
{
  TandemMark mark = { kind, { x, y, MAX (width, 0), MAX (height, 0) }, NULL };

  g_return_if_fail (kind == TANDEM_MARK_SOLID || kind == TANDEM_MARK_BACKGROUND);
  g_array_append_val (labels->marks, mark);
}

void
tandem_labels_measure (TandemLabels *labels,
                       double        size,
                       gboolean      bold,
                       const char   *text,
                       double       *width,
                       double       *height)
{
  g_autoptr(PangoLayout) layout = tandem_chart_layout (labels->cr, labels->style, size, bold, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static gboolean
overlap (const TandemRect *a,
         const TandemRect *b)
{
  return a->x + a->width > b->x + SLACK && b->x + b->width > a->x + SLACK &&
         a->y + a->height > b->y + SLACK && b->y + b->height > a->y + SLACK;
}

static gboolean
contains (const TandemRect *outer,
          const TandemRect *inner)
{
  return inner->x >= outer->x - SLACK && inner->y >= outer->y - SLACK &&
         inner->x + inner->width <= outer->x + outer->width + SLACK &&
         inner->y + inner->height <= outer->y + outer->height + SLACK;
}

static gboolean
is_free (TandemLabels     *labels,
         const TandemRect *r,
         const TandemRect *within)
{
  TandemRect aired = { r->x - PAD, r->y, r->width + 2 * PAD, r->height };

  if (!contains (&labels->bounds, r) || (within != NULL && !contains (within, r)))
    return FALSE;
  for (guint k = 0; k < labels->marks->len; k++)
    {
      const TandemMark *m = &g_array_index (labels->marks, TandemMark, k);

      if (m->kind == TANDEM_MARK_BACKGROUND)
        {
          if (overlap (&m->rect, r) && !contains (&m->rect, r))
            return FALSE;
        }
      else if (overlap (&m->rect, &aired))
        return FALSE;
    }
  return TRUE;
}

static PangoLayout *
make_layout (TandemLabels      *labels,
             const TandemLabel *label,
             const char        *text,
             double             size)
{
  PangoLayout *layout = tandem_chart_layout (labels->cr, labels->style, size, label->bold, text);

  if (label->max_width > 0)
    {
      pango_layout_set_width (layout, (int) (label->max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

/* The first free place for @label: its layout (a new reference) and rectangle. */
static PangoLayout *
find_place (TandemLabels      *labels,
            const TandemLabel *label,
            TandemRect        *out)
{
  const char *texts[2] = { label->text, label->short_text };
  static const TandemAnchor origin = { 0, 0, 0, 0 };
  double min_size = label->min_size > 0 ? MIN (label->min_size, label->size) : label->size;

  if (label->text == NULL || *label->text == '\0')
    return NULL;
  for (guint t = 0; t < 2; t++)
    {
      guint n_anchors = MAX (label->n_anchors, 1), n_sizes = MIN ((guint) floor (label->size - min_size + 1e-9) + 1, 64);
      PangoLayout *layouts[64] = { NULL };
      PangoLayout *found = NULL;

      if (texts[t] == NULL || (t > 0 && g_strcmp0 (texts[t], texts[0]) == 0))
        continue;
      /* Every size at every place: by place first, or by size first */
      for (guint outer = 0; found == NULL && outer < (label->shrink_first ? n_anchors : n_sizes); outer++)
        for (guint inner = 0; found == NULL && inner < (label->shrink_first ? n_sizes : n_anchors); inner++)
          {
            guint a = label->shrink_first ? outer : inner, z = label->shrink_first ? inner : outer;
            const TandemAnchor *anchor = label->n_anchors ? &label->anchors[a] : &origin;
            PangoRectangle logical;
            TandemRect r;
            double w, h;

            if (layouts[z] == NULL)
              layouts[z] = make_layout (labels, label, texts[t], label->size - z);
            pango_layout_get_pixel_extents (layouts[z], NULL, &logical);
            w = label->vertical ? logical.height : logical.width;
            h = label->vertical ? logical.width : logical.height;
            r = (TandemRect) { anchor->x - w * anchor->xalign, anchor->y - h * anchor->yalign, w, h };
            if (is_free (labels, &r, label->within))
              {
                *out = r;
                found = g_object_ref (layouts[z]);
              }
          }
      for (guint z = 0; z < n_sizes; z++)
        g_clear_object (&layouts[z]);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
tandem_labels_fits (TandemLabels      *labels,
                    const TandemLabel *label,
                    TandemRect        *out)
{
  TandemRect r;
  g_autoptr(PangoLayout) layout = find_place (labels, label, &r);

  if (layout != NULL && out != NULL)
    *out = r;
  return layout != NULL;
}

gboolean
tandem_labels_draw (TandemLabels      *labels,
                    const TandemLabel *label,
                    TandemRect        *out)
{
  TandemRect r;
  g_autoptr(PangoLayout) layout = find_place (labels, label, &r);
  TandemMark mark;
  cairo_t *cr = labels->cr;

  if (layout == NULL)
    return FALSE;
  cairo_save (cr);
  tandem_chart_set_source (cr, label->color ? label->color : &labels->style->foreground);
  if (label->vertical)
    {
      cairo_translate (cr, r.x, r.y + r.height);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
    }
  else
    cairo_move_to (cr, r.x, r.y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  mark = (TandemMark) { TANDEM_MARK_LABEL, r, g_strdup (pango_layout_get_text (layout)) };
  g_array_append_val (labels->marks, mark);
  if (out != NULL)
    *out = r;
  return TRUE;
}

double
tandem_labels_text (TandemLabels     *labels,
                    double            size,
                    gboolean          bold,
                    const TandemRgba *color,
                    double            x,
                    double            y,
                    double            xalign,
                    const char       *text)
{
  TandemLabel label = {
    .text = text, .size = size, .min_size = MAX (floor (size * 0.8), 7), .bold = bold, .color = color,
    .n_anchors = 1, .anchors = { { x, y, xalign, 0 } },
  };
  TandemRect r;

  return tandem_labels_draw (labels, &label, &r) ? r.width : -1;
}

char *
tandem_labels_short_count (double n)
{
  double a = fabs (n);

  if (a < 1000)
    return g_strdup_printf ("%.0f", n);
  if (a < 1e6)
    /* Translators: a count shortened to thousands, "6.8k" */
    return g_strdup_printf (_("%.1fk"), n / 1e3);
  if (a < 1e9)
    /* Translators: a count shortened to millions, "1.2M" */
    return g_strdup_printf (_("%.1fM"), n / 1e6);
  /* Translators: a count shortened to billions, "3.4G" */
  return g_strdup_printf (_("%.1fG"), n / 1e9);
}

static void
describe (GString          *problems,
          const TandemMark *m)
{
  g_string_append_printf (problems, "“%s” (%.1f, %.1f, %.1f × %.1f)", m->text ? m->text : "?",
                          m->rect.x, m->rect.y, m->rect.width, m->rect.height);
}

guint
tandem_marks_check (GArray  *marks,
                    double   width,
                    double   height,
                    GString *problems)
{
  TandemRect bounds = { 0, 0, width, height };
  guint start = 0, found = 0, page = 1;

  for (guint k = 0; k <= marks->len; k++)
    {
      if (k < marks->len && g_array_index (marks, TandemMark, k).kind != TANDEM_MARK_PAGE)
        continue;
      /* One page: marks[start, k) */
      for (guint i = start; i < k; i++)
        {
          const TandemMark *a = &g_array_index (marks, TandemMark, i);

          if (a->kind != TANDEM_MARK_LABEL)
            continue;
          if (!contains (&bounds, &a->rect))
            {
              g_string_append_printf (problems, "page %u: ", page);
              describe (problems, a);
              g_string_append (problems, " leaves the surface\n");
              found++;
            }
          for (guint j = start; j < k; j++)
            {
              const TandemMark *b = &g_array_index (marks, TandemMark, j);

              if (j == i || !overlap (&a->rect, &b->rect))
                continue;
              if (b->kind == TANDEM_MARK_LABEL && j < i)
                continue;   /* said once, from the first of the two */
              if (b->kind == TANDEM_MARK_BACKGROUND && contains (&b->rect, &a->rect))
                continue;
              g_string_append_printf (problems, "page %u: ", page);
              describe (problems, a);
              g_string_append (problems, b->kind == TANDEM_MARK_LABEL ? " overlaps " :
                                         b->kind == TANDEM_MARK_SOLID ? " covers a mark at " : " crosses the edge of ");
              describe (problems, b);
              g_string_append_c (problems, '\n');
              found++;
            }
        }
      start = k + 1;
      page++;
    }
  return found;
}
