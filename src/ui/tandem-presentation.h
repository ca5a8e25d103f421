/* tandem-presentation.h — meeting mode: full-screen slides for a projector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PRESENTATION (tandem_presentation_get_type ())
G_DECLARE_FINAL_TYPE (TandemPresentation, tandem_presentation, TANDEM, PRESENTATION, AdwWindow)

/* Computes the slides on a worker thread ("ready" when they are up). */
GtkWidget *tandem_presentation_new           (GtkWindow          *parent,
                                              TandemStore        *store);
gboolean   tandem_presentation_is_ready      (TandemPresentation *self);
guint      tandem_presentation_get_n_slides  (TandemPresentation *self);
guint      tandem_presentation_get_slide     (TandemPresentation *self);
/* What a slide says in words (its accessible description). */
const char *tandem_presentation_get_text     (TandemPresentation *self,
                                              guint               slide);

/* The slides, in order */
typedef enum
{
  TANDEM_SLIDE_MATRIX,      /* pinned to a model */
  TANDEM_SLIDE_WATERFALL,   /* a period, and a scenario as its plan */
  TANDEM_SLIDE_TARGETS,     /* a scenario */
  TANDEM_SLIDE_SLA,         /* a period */
  TANDEM_N_SLIDES
} TandemSlide;

/* Pins one slide to a model, a period and a scenario (NULL: the live
 * model, all time, the first scenario), kept in the workspace; the
 * slides are built again.  Unknown names, bad dates and a choice the
 * slide does not show (a model for the targets…) are refused.        */
gboolean    tandem_presentation_pin          (TandemPresentation *self,
                                              TandemSlide         slide,
                                              const char         *model,
                                              const char         *from,
                                              const char         *to,
                                              const char         *scenario,
                                              GError            **error);

G_END_DECLS
