/* tandem-presentation.c — meeting mode: full-screen slides for a projector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four slides, each readable from the back of a room: the matrix of the
 * live model, the waterfall with the first Targets scenario as its plan,
 * that scenario's targets, and the service level.  Always in the projector
 * theme (light, high contrast, large type), whatever the desktop's style.
 * Only aggregates are shown: no name, email, company or id ever reaches a
 * slide — the SLA slide has no per-owner breakdown for that reason.
 * Page Down / Up, the arrows, Space and Backspace (what presentation
 * clickers send) move between slides; Home, End; Esc leaves.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-chart-data.h"
#include "tandem-chart-view.h"
#include "tandem-figures-chart.h"
#include "tandem-presentation.h"
#include "tandem-scenario.h"
#include "tandem-sla.h"
#include "tandem-store-private.h"

struct _TandemPresentation
{
  AdwWindow     parent_instance;
  GtkStack     *stack;
  GtkLabel     *counter;
  GPtrArray    *texts;     /* char *, one per slide */
  guint         slide;
  gboolean      ready;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (TandemPresentation, tandem_presentation, ADW_TYPE_WINDOW)

enum { READY, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  char                *title;
  TandemChartDrawFunc  draw;
  gpointer             data;
  GDestroyNotify       destroy;
  char                *text;
} Slide;

static void
slide_free (Slide *s)
{
  g_free (s->title);
  if (s->destroy && s->data)
    s->destroy (s->data);
  g_free (s->text);
  g_free (s);
}

static void
add_slide (GPtrArray           *slides,
           const char          *title,
           TandemChartDrawFunc  draw,
           gpointer             data,
           GDestroyNotify       destroy,
           char                *text)
{
  Slide *s = g_new0 (Slide, 1);

  s->title = g_strdup (title);
  s->draw = draw;
  s->data = data;
  s->destroy = destroy;
  s->text = text;
  g_ptr_array_add (slides, s);
}

static TandemFiguresData *
message_slide (const char *title,
               const char *message)
{
  TandemFiguresData *f = tandem_figures_data_new (title);
  tandem_figures_add (f, "—", message);
  return f;
}

/* ---- Building the slides, on a worker thread ---------------------------------- */

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  TandemStore *store = data;
  GPtrArray *slides = g_ptr_array_new_with_free_func ((GDestroyNotify) slide_free);
  g_autoptr(TandemModel) live = tandem_model_load (store, NULL, NULL);
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, NULL);
  g_autoptr(TandemFunnelMapping) mapping = tandem_funnel_mapping_load (store, NULL);
  g_auto(GStrv) scenarios = tandem_scenario_list (store);
  g_autoptr(TandemPlanResult) plan = NULL;

  if (scenarios[0] != NULL)
    {
      g_autoptr(TandemPlanInput) input = tandem_scenario_load (store, scenarios[0], NULL);
      if (input != NULL)
        plan = tandem_plan_calculate (input, NULL);
    }

  /* 1. The matrix */
  {
    g_autoptr(TandemScorer) scorer = live ? tandem_scorer_new (store, live, NULL, cancellable, NULL) : NULL;
    if (scorer != NULL && tandem_scorer_load_outcomes (scorer, store, NULL))
      {
        TandemMatrixData *m = g_new0 (TandemMatrixData, 1);
        tandem_matrix_data_from_scorer (m, scorer, live, NULL, NULL);
        add_slide (slides, _("Who is an MQL"), tandem_matrix_draw, m, g_free, tandem_matrix_dup_description (m));
      }
    else
      {
        TandemFiguresData *f = message_slide (_("Who is an MQL"), _("There is no live scoring model yet"));
        add_slide (slides, _("Who is an MQL"), tandem_figures_draw, f, (GDestroyNotify) tandem_figures_data_free,
                   tandem_figures_dup_description (f));
      }
  }

  /* 2. The waterfall, the first scenario as its plan */
  {
    TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
    g_autoptr(TandemWaterfall) w = NULL;

    if (taxonomy != NULL && mapping != NULL && tandem_taxonomy_get_n_stages (taxonomy) > 0)
      w = tandem_waterfall_compute (store, taxonomy, mapping, &options, cancellable, NULL);
    if (w != NULL)
      {
        TandemWaterfallChartData *d;
        if (plan != NULL)
          {
            g_autoptr(TandemFunnelPlan) fp = tandem_funnel_plan_new ();
            for (guint s = 0; s < plan->n_stages; s++)
              tandem_funnel_plan_set_volume (fp, plan->stages[s].name, plan->stages[s].volume);
            tandem_waterfall_set_plan (w, fp);
          }
        d = tandem_waterfall_chart_data_from (w);
        add_slide (slides, plan ? _("The waterfall against the plan") : _("The waterfall"), tandem_waterfall_draw, d,
                   (GDestroyNotify) tandem_waterfall_chart_data_free, tandem_waterfall_dup_description (d));
      }
    else
      {
        TandemFiguresData *f = message_slide (_("The waterfall"), _("No stages are agreed yet"));
        add_slide (slides, _("The waterfall"), tandem_figures_draw, f, (GDestroyNotify) tandem_figures_data_free,
                   tandem_figures_dup_description (f));
      }
  }

  /* 3. The targets */
  if (plan != NULL)
    {
      TandemTargetsChartData *t = tandem_targets_chart_data_from (plan);
      g_autofree char *title = g_strdup_printf (_("Targets: %s"), scenarios[0]);
      add_slide (slides, title, tandem_targets_draw_funnel, t, (GDestroyNotify) tandem_targets_chart_data_free,
                 tandem_targets_dup_description (t));
    }
  else
    {
      TandemFiguresData *f = message_slide (_("Targets"), _("No scenario is saved yet"));
      add_slide (slides, _("Targets"), tandem_figures_draw, f, (GDestroyNotify) tandem_figures_data_free,
                 tandem_figures_dup_description (f));
    }

  /* 4. The service level: aggregates only, never a person */
  {
    TandemSlaTerms terms;
    g_autoptr(TandemSlaReport) report = NULL;
    TandemFiguresData *f;

    if (tandem_sla_terms_load (store, &terms, NULL))
      report = tandem_sla_compute (store, &terms, NULL, NULL, NULL);
    f = tandem_figures_from_sla (report, &terms);
    add_slide (slides, _("Service level"), tandem_figures_draw, f, (GDestroyNotify) tandem_figures_data_free,
               tandem_figures_dup_description (f));
  }

  g_task_return_pointer (task, slides, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_slide (TandemPresentation *self,
            guint               slide)
{
  g_autofree char *name = NULL;
  g_autofree char *counter = NULL;

  if (!self->ready || self->texts->len == 0)
    return;
  self->slide = MIN (slide, self->texts->len - 1);
  name = g_strdup_printf ("%u", self->slide);
  gtk_stack_set_visible_child_name (self->stack, name);
  counter = g_strdup_printf ("%u / %u", self->slide + 1, self->texts->len);
  gtk_label_set_label (self->counter, counter);
}

static void
build_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TandemPresentation *self;
  g_autoptr(GPtrArray) slides = g_task_propagate_pointer (G_TASK (result), NULL);

  if (slides == NULL)
    return;
  self = TANDEM_PRESENTATION (source);
  for (guint k = 0; k < slides->len; k++)
    {
      Slide *s = g_ptr_array_index (slides, k);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *title = gtk_label_new (s->title);
      GtkWidget *view = tandem_chart_view_new ();
      g_autofree char *name = g_strdup_printf ("%u", k);

      gtk_widget_add_css_class (title, "slide-title");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_margin_start (title, 32);
      gtk_widget_set_margin_top (title, 20);
      tandem_chart_view_set_theme (TANDEM_CHART_VIEW (view), TANDEM_CHART_THEME_PROJECTOR);
      tandem_chart_view_set_chart (TANDEM_CHART_VIEW (view), s->draw, s->data, s->destroy, s->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, s->title, -1);
      s->data = NULL;   /* the view owns it now */
      gtk_widget_set_vexpand (view, TRUE);
      gtk_widget_set_margin_start (view, 16);
      gtk_widget_set_margin_end (view, 16);
      gtk_widget_set_margin_bottom (view, 8);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), view);
      gtk_stack_add_named (self->stack, box, name);
      g_ptr_array_add (self->texts, g_strdup (s->text));
    }
  self->ready = TRUE;
  show_slide (self, 0);
  g_signal_emit (self, signals[READY], 0);
}

static gboolean
on_key (GtkEventControllerKey *controller,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        TandemPresentation    *self)
{
  switch (keyval)
    {
    case GDK_KEY_Page_Down: case GDK_KEY_Right: case GDK_KEY_Down: case GDK_KEY_space: case GDK_KEY_Return:
    case GDK_KEY_KP_Page_Down: case GDK_KEY_KP_Right: case GDK_KEY_KP_Down:
      show_slide (self, self->slide + 1);
      return TRUE;
    case GDK_KEY_Page_Up: case GDK_KEY_Left: case GDK_KEY_Up: case GDK_KEY_BackSpace:
    case GDK_KEY_KP_Page_Up: case GDK_KEY_KP_Left: case GDK_KEY_KP_Up:
      show_slide (self, self->slide > 0 ? self->slide - 1 : 0);
      return TRUE;
    case GDK_KEY_Home:
      show_slide (self, 0);
      return TRUE;
    case GDK_KEY_End:
      show_slide (self, self->texts->len ? self->texts->len - 1 : 0);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemPresentation *self = TANDEM_PRESENTATION (widget);
  show_slide (self, g_str_equal (action_name, "presentation.next") ? self->slide + 1 : self->slide > 0 ? self->slide - 1 : 0);
}

static void
tandem_presentation_dispose (GObject *object)
{
  TandemPresentation *self = TANDEM_PRESENTATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (tandem_presentation_parent_class)->dispose (object);
}

static void
tandem_presentation_finalize (GObject *object)
{
  TandemPresentation *self = TANDEM_PRESENTATION (object);

  g_clear_pointer (&self->texts, g_ptr_array_unref);
  G_OBJECT_CLASS (tandem_presentation_parent_class)->finalize (object);
}

static void
tandem_presentation_class_init (TandemPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_presentation_dispose;
  object_class->finalize = tandem_presentation_finalize;
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "presentation.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presentation.previous", NULL, next_action);
}

static void
tandem_presentation_init (TandemPresentation *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  self->counter = GTK_LABEL (gtk_label_new (_("Preparing the slides…")));
  gtk_widget_set_halign (GTK_WIDGET (self->counter), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->counter), GTK_ALIGN_END);
  gtk_widget_set_margin_end (GTK_WIDGET (self->counter), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->counter), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->counter), "slide-counter");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->stack));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->counter));
  adw_window_set_content (ADW_WINDOW (self), overlay);
  gtk_widget_add_css_class (GTK_WIDGET (self), "projector");
  gtk_window_set_title (GTK_WINDOW (self), _("Meeting"));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
tandem_presentation_new (GtkWindow   *parent,
                         TandemStore *store)
{
  TandemPresentation *self = g_object_new (TANDEM_TYPE_PRESENTATION, "transient-for", parent,
                                           "default-width", 1280, "default-height", 720, NULL);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, build_done, NULL);
  TandemStore *other = tandem_store_open_another (store, NULL);

  g_task_set_task_data (task, other ? other : g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, build_thread);
  return GTK_WIDGET (self);
}

gboolean
tandem_presentation_is_ready (TandemPresentation *self)
{
  return self->ready;
}

guint
tandem_presentation_get_n_slides (TandemPresentation *self)
{
  return self->texts->len;
}

guint
tandem_presentation_get_slide (TandemPresentation *self)
{
  return self->slide;
}

const char *
tandem_presentation_get_text (TandemPresentation *self,
                              guint               slide)
{
  return slide < self->texts->len ? g_ptr_array_index (self->texts, slide) : NULL;
}
