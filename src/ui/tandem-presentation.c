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
 * Each slide can be pinned (P) to what it shows: the matrix to a model,
 * the waterfall to a period and a plan, the targets to a scenario, the
 * service level to a period.
 * Page Down / Up, the arrows, Space and Backspace (what presentation
 * clickers send) move between slides; Home, End; Esc leaves.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "tandem-chart-data.h"
#include "tandem-chart-view.h"
#include "tandem-figures-chart.h"
#include "tandem-json.h"
#include "tandem-plan-default.h"
#include "tandem-presentation.h"
#include "tandem-presentation-private.h"
#include "tandem-scenario.h"
#include "tandem-sla.h"
#include "tandem-store.h"

typedef struct
{
  char *model;      /* the matrix's model (NULL: the live one) */
  char *from, *to;  /* the waterfall's or the SLA's period (NULL: all time) */
  char *scenario;   /* the targets' scenario, the waterfall's plan (NULL: the first) */
} Pins;

/* What each slide can be pinned to */
enum { PIN_MODEL = 1 << 0, PIN_PERIOD = 1 << 1, PIN_SCENARIO = 1 << 2 };
static const guint slide_pins[TANDEM_N_SLIDES] = {
  [TANDEM_SLIDE_MATRIX] = PIN_MODEL,
  [TANDEM_SLIDE_WATERFALL] = PIN_PERIOD | PIN_SCENARIO,
  [TANDEM_SLIDE_TARGETS] = PIN_SCENARIO,
  [TANDEM_SLIDE_SLA] = PIN_PERIOD,
};

struct _TandemPresentation
{
  AdwWindow     parent_instance;
  TandemStore  *store;
  Pins          pins[TANDEM_N_SLIDES];
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
  char                *caption;   /* Pango markup under the title, or NULL */
  char                *caption_text;   /* the same in words, for the slide's text */
  TandemChartDrawFunc  draw;      /* NULL: an empty slide */
  gpointer             data;
  GDestroyNotify       destroy;
  char                *text;
  char                *empty;     /* an empty slide: what is missing */
  char                *hint;      /* and where to make it */
} Slide;

static void
slide_free (Slide *s)
{
  g_free (s->title);
  g_free (s->caption);
  g_free (s->caption_text);
  if (s->destroy && s->data)
    s->destroy (s->data);
  g_free (s->text);
  g_free (s->empty);
  g_free (s->hint);
  g_free (s);
}

static Slide *
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
  return s;
}

/* A slide with nothing to show yet: its title once, what is missing and
 * where to make it, instead of a chart of nothing */
static void
add_empty_slide (GPtrArray  *slides,
                 const char *title,
                 const char *empty,
                 const char *hint)
{
  Slide *s = g_new0 (Slide, 1);

  s->title = g_strdup (title);
  s->empty = g_strdup (empty);
  s->hint = g_strdup (hint);
  /* Translators: an empty slide in words: its title, what is missing, where to make it */
  s->text = g_strdup_printf (_("%s. %s. %s"), title, empty, hint);
  g_ptr_array_add (slides, s);
}

/* A caption under the slide's title: @markup as shown, @text in words */
static void
slide_set_caption (Slide      *s,
                   const char *markup,
                   const char *text)
{
  g_free (s->caption);
  g_free (s->caption_text);
  s->caption = g_strdup (markup);
  s->caption_text = g_strdup (text);
}

/* ---- Pins: what each slide shows, kept in the workspace ---------------------- */

static void
pins_clear (Pins *p)
{
  g_clear_pointer (&p->model, g_free);
  g_clear_pointer (&p->from, g_free);
  g_clear_pointer (&p->to, g_free);
  g_clear_pointer (&p->scenario, g_free);
}

static void
pins_copy (const Pins *from,
           Pins       *to)
{
  to->model = g_strdup (from->model);
  to->from = g_strdup (from->from);
  to->to = g_strdup (from->to);
  to->scenario = g_strdup (from->scenario);
}

static char *
member_or_null (JsonObject *o,
                const char *name)
{
  const char *v = json_object_get_string_member_with_default (o, name, NULL);
  return v && v[0] ? g_strdup (v) : NULL;
}

/* Keeps only what @slide shows */
static void
pins_read (JsonObject *o,
           guint       slide,
           Pins       *p)
{
  guint what = slide_pins[slide];

  pins_clear (p);
  if (what & PIN_MODEL)
    p->model = member_or_null (o, "model");
  if (what & PIN_PERIOD)
    {
      p->from = member_or_null (o, "from");
      p->to = member_or_null (o, "to");
    }
  if (what & PIN_SCENARIO)
    p->scenario = member_or_null (o, "scenario");
}

/* {"slides": [{"model": …}, {"from": …, "to": …, "scenario": …}, …]};
 * an earlier single set for the deck ({"model": …, "from": …}) pins
 * every slide to what it shows of it.                                 */
static void
pins_load (TandemStore *store,
           Pins        *pins)
{
  g_autofree char *json = tandem_store_dup_setting (store, "meeting.pins");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *slides;

  for (guint k = 0; k < TANDEM_N_SLIDES; k++)
    pins_clear (&pins[k]);
  if (json != NULL)
    root = tandem_json_parse (json, -1, _("The list of pins"), NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  o = json_node_get_object (root);
  slides = json_object_has_member (o, "slides") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "slides"))
           ? json_object_get_array_member (o, "slides") : NULL;
  for (guint k = 0; k < TANDEM_N_SLIDES; k++)
    {
      if (slides == NULL)
        pins_read (o, k, &pins[k]);
      else if (k < json_array_get_length (slides) && JSON_NODE_HOLDS_OBJECT (json_array_get_element (slides, k)))
        pins_read (json_array_get_object_element (slides, k), k, &pins[k]);
    }
}

static gboolean
pins_save (TandemStore *store,
           const Pins  *pins,
           GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "slides");
  json_builder_begin_array (b);
  for (guint s = 0; s < TANDEM_N_SLIDES; s++)
    {
      const Pins *p = &pins[s];
      const char *names[] = { "model", "from", "to", "scenario" };
      const char *values[] = { p->model, p->from, p->to, p->scenario };

      json_builder_begin_object (b);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        if (values[k] != NULL)
          {
            json_builder_set_member_name (b, names[k]);
            json_builder_add_string_value (b, values[k]);
          }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = tandem_json_to_data (root, FALSE);
  return tandem_store_set_setting (store, "meeting.pins", json, error);
}

typedef struct
{
  TandemStore *store;
  Pins         pins[TANDEM_N_SLIDES];
} BuildJob;

static void
build_job_free (BuildJob *job)
{
  g_clear_object (&job->store);
  for (guint k = 0; k < TANDEM_N_SLIDES; k++)
    pins_clear (&job->pins[k]);
  g_free (job);
}

/* A scenario's plan: the named one, else the first; NULL without any */
static TandemPlanResult *
plan_of (TandemStore  *store,
         const char   *scenario,
         const GStrv   scenarios,
         char        **out_name)
{
  const char *name = scenario ? scenario : scenarios[0];
  g_autoptr(TandemPlanInput) input = name ? tandem_scenario_load (store, name, NULL) : NULL;
  TandemPlanResult *plan = input ? tandem_plan_calculate (input, NULL) : NULL;

  *out_name = plan ? g_strdup (name) : NULL;
  return plan;
}

/* ---- Building the slides, on a worker thread ---------------------------------- */

static gboolean
waterfall_has_leads (const TandemWaterfallChartData *d)
{
  for (guint k = 0; k < d->series->len; k++)
    {
      const TandemWaterfallSeries *series = g_ptr_array_index (d->series, k);
      for (guint b = 0; b < series->bars->len; b++)
        if (g_array_index (series->bars, TandemWaterfallBar, b).reached > 0)
          return TRUE;
    }
  return FALSE;
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  BuildJob *job = data;
  TandemStore *store = job->store;
  const Pins *pins = job->pins;
  GPtrArray *slides = g_ptr_array_new_with_free_func ((GDestroyNotify) slide_free);
  g_autoptr(TandemModel) live = tandem_model_load (store, pins[TANDEM_SLIDE_MATRIX].model, NULL);
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  g_autofree char *stages_sentence = NULL;
  gboolean automatic_stages = FALSE;
  g_auto(GStrv) scenarios = tandem_scenario_list (store);

  /* The saved stages, else the ones the data has: the Funnel page's choice */
  tandem_funnel_choose (store, &taxonomy, &mapping, &automatic_stages, &stages_sentence, NULL);

  /* 1. The matrix */
  {
    const Pins *pin = &pins[TANDEM_SLIDE_MATRIX];
    g_autoptr(TandemScorer) scorer = live ? tandem_scorer_new (store, live, NULL, cancellable, NULL) : NULL;
    if (scorer != NULL && tandem_scorer_load_outcomes (scorer, store, NULL))
      {
        TandemMatrixData *m = g_new0 (TandemMatrixData, 1);
        g_autofree char *title = pin->model ? g_strdup_printf (_("Who is an MQL: %s"), pin->model) : g_strdup (_("Who is an MQL"));

        tandem_matrix_data_from_scorer (m, scorer, live, NULL, NULL);
        add_slide (slides, title, tandem_matrix_draw, m, g_free, tandem_matrix_dup_description (m));
      }
    else
      add_empty_slide (slides, _("Who is an MQL"), _("There is no live scoring model yet"),
                       _("Publish one on the Scoring page (Alt+1) and the matrix shows here"));
  }

  /* 2. The waterfall, a scenario (the first) as its plan */
  {
    const Pins *pin = &pins[TANDEM_SLIDE_WATERFALL];
    TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, pin->from, pin->to, NULL, FALSE };
    g_autoptr(TandemWaterfall) w = NULL;
    g_autofree char *plan_name = NULL;
    g_autoptr(TandemPlanResult) plan = plan_of (store, pin->scenario, scenarios, &plan_name);
    g_autofree char *from = NULL;
    g_autofree char *to = NULL;
    g_autofree char *last = plan != NULL ? tandem_funnel_last_date (store) : NULL;

    /* A plan is for a month, a quarter or a year: unless a period is
     * pinned, the actuals are the latest such period of the data */
    if (plan != NULL && pin->from == NULL && pin->to == NULL)
      {
        if (tandem_funnel_period_holding (last, plan->period_months, &from, &to))
          options.from = from, options.to = to;
      }
    /* A plan's volumes are what each stage must see arrive in its period:
     * the flow view, not a cohort followed beyond it */
    if (plan != NULL)
      {
        options.mode = TANDEM_WATERFALL_FLOW;
      }

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
        if (!waterfall_has_leads (d))
          {
            /* Stages, but no lead in them yet: nothing to draw */
            tandem_waterfall_chart_data_free (d);
            add_empty_slide (slides, _("The waterfall"), _("No leads are in the stages yet"),
                             _("Import leads (Ctrl+I), then agree their stages on the Funnel page (Alt+2)"));
          }
        else
        {
          /* Translators: a slide's title, then the scenario giving the plan */
          g_autofree char *title = plan ? g_strdup_printf (_("The waterfall against the plan: %s"), plan_name)
                                   : automatic_stages ? g_strdup (_("The waterfall, on the stages the data has"))
                                   : g_strdup (_("The waterfall"));
          g_autofree char *description = tandem_waterfall_dup_description (d);
          Slide *slide;

          if (automatic_stages)
            {
              g_autofree char *plain = g_steal_pointer (&description);
              description = g_strconcat (plain, " ", stages_sentence, NULL);
            }
          slide = add_slide (slides, title, tandem_waterfall_draw, d,
                             (GDestroyNotify) tandem_waterfall_chart_data_free, g_steal_pointer (&description));

          /* The plan is the whole period's; part way, what is due by now */
          if (plan != NULL)
            {
              g_autofree char *text = NULL;
              g_autofree char *markup = _tandem_presentation_pace_caption (d, options.from, options.to, last, &text);
              if (markup != NULL)
                slide_set_caption (slide, markup, text);
            }
        }
      }
    else
      add_empty_slide (slides, _("The waterfall"), _("No stages are agreed yet"),
                       _("Agree them on the Funnel page (Alt+2) and the waterfall shows here"));
  }

  /* 3. The targets */
  {
    g_autofree char *targets_name = NULL;
    g_autoptr(TandemPlanResult) plan = plan_of (store, pins[TANDEM_SLIDE_TARGETS].scenario, scenarios, &targets_name);
    gboolean unsaved = FALSE;

    /* No scenario saved: the plan the Targets page starts from, when the
     * workspace's data gives its stages and rates, said to be unsaved */
    if (plan == NULL && scenarios[0] == NULL)
      {
        g_autoptr(TandemPlanDefault) start = tandem_plan_default_new (store, cancellable, NULL);
        if (start != NULL && start->from_workspace)
          plan = tandem_plan_calculate (start->input, NULL);
        if (plan != NULL)
          {
            unsaved = TRUE;
            /* Translators: the targets slide's title when no scenario is saved: "Targets: …" */
            targets_name = g_strdup (_("from the workspace, not saved"));
          }
      }

    if (plan != NULL)
      {
        g_autofree char *currency = tandem_store_dup_currency (store, NULL);
        TandemTargetsChartData *t = tandem_targets_chart_data_from (plan, currency);
        g_autofree char *title = g_strdup_printf (_("Targets: %s"), targets_name);
        Slide *slide;

        /* What the funnel is for, above it; what its shades mean, under the title */
        t->headline = _tandem_presentation_goal (plan, currency);
        t->legend = plan->stages[0].has_split;
        slide = add_slide (slides, title, tandem_targets_draw_funnel, t, (GDestroyNotify) tandem_targets_chart_data_free,
                           tandem_targets_dup_description (t));
        if (unsaved)
          {
            const char *text = _("Its stages and rates are the workspace's, its goal an example: save a plan on the "
                                 "Targets page (Alt+3) to show yours");
            g_autofree char *markup = g_markup_escape_text (text, -1);
            slide_set_caption (slide, markup, text);
          }
        else
          {
            g_autofree char *text = NULL;
            g_autofree char *markup = _tandem_presentation_targets_caption (plan, &text);
            if (markup != NULL)
              slide_set_caption (slide, markup, text);
          }
      }
    else
      add_empty_slide (slides, _("Targets"), _("No scenario is saved yet"),
                       _("Save one on the Targets page (Alt+3) and its targets show here"));
  }

  /* 4. The service level: aggregates only, never a person */
  {
    g_auto(TandemSlaTerms) terms = { 0, };
    g_autoptr(TandemSlaReport) report = NULL;
    TandemFiguresData *f;

    if (tandem_sla_terms_load (store, &terms, NULL))
      report = tandem_sla_compute (store, &terms, pins[TANDEM_SLIDE_SLA].from, pins[TANDEM_SLIDE_SLA].to, NULL);
    {
      const Pins *pin = &pins[TANDEM_SLIDE_SLA];
      /* Translators: the service level slide's title with its pinned period: "Service level: 2025-01-01 – 2025-03-31" */
      g_autofree char *title = pin->from || pin->to ? g_strdup_printf (_("Service level: %s – %s"), pin->from ? pin->from : "…",
                                                                       pin->to ? pin->to : "…")
                                                    : g_strdup (_("Service level"));
      if (report == NULL || report->mqls == 0)
        add_empty_slide (slides, title, _("No MQLs with a stage history to measure yet"),
                         _("Import leads with their stages' dates and agree the stages on the Funnel page (Alt+2)"));
      else
        {
          f = tandem_figures_from_sla (report, &terms);
          g_clear_pointer (&f->title, g_free);   /* the slide's title says it */
          add_slide (slides, title, tandem_figures_draw, f, (GDestroyNotify) tandem_figures_data_free,
                     tandem_figures_dup_description (f));
        }
    }
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
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
      gtk_stack_remove (self->stack, child);
    g_ptr_array_set_size (self->texts, 0);
  }
  for (guint k = 0; k < slides->len; k++)
    {
      Slide *s = g_ptr_array_index (slides, k);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *title = gtk_label_new (s->title);
      GtkWidget *view;
      g_autofree char *name = g_strdup_printf ("%u", k);

      gtk_widget_add_css_class (title, "slide-title");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_margin_start (title, 32);
      gtk_widget_set_margin_top (title, 20);
      gtk_box_append (GTK_BOX (box), title);
      if (s->caption != NULL)
        {
          GtkWidget *caption = gtk_label_new (NULL);

          gtk_label_set_markup (GTK_LABEL (caption), s->caption);
          gtk_label_set_xalign (GTK_LABEL (caption), 0);
          gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
          gtk_widget_add_css_class (caption, "slide-caption");
          gtk_widget_set_margin_start (caption, 32);
          gtk_widget_set_margin_end (caption, 32);
          gtk_box_append (GTK_BOX (box), caption);
        }
      if (s->draw == NULL)
        {
          /* Nothing to show yet: what is missing, once, and where to make it */
          view = adw_status_page_new ();
          adw_status_page_set_icon_name (ADW_STATUS_PAGE (view), "x-office-presentation-symbolic");
          adw_status_page_set_title (ADW_STATUS_PAGE (view), s->empty);
          adw_status_page_set_description (ADW_STATUS_PAGE (view), s->hint);
          gtk_widget_add_css_class (view, "slide-empty");
          gtk_widget_set_vexpand (view, TRUE);
          gtk_box_append (GTK_BOX (box), view);
          gtk_stack_add_named (self->stack, box, name);
          g_ptr_array_add (self->texts, g_strdup (s->text));
          continue;
        }
      view = tandem_chart_view_new ();
      tandem_chart_view_set_theme (TANDEM_CHART_VIEW (view), TANDEM_CHART_THEME_PROJECTOR);
      tandem_chart_view_set_chart (TANDEM_CHART_VIEW (view), s->draw, s->data, s->destroy, s->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, s->title, -1);
      s->data = NULL;   /* the view owns it now */
      gtk_widget_set_vexpand (view, TRUE);
      gtk_widget_set_margin_start (view, 16);
      gtk_widget_set_margin_end (view, 16);
      gtk_widget_set_margin_bottom (view, 8);
      gtk_box_append (GTK_BOX (box), view);
      gtk_stack_add_named (self->stack, box, name);
      g_ptr_array_add (self->texts, s->caption_text ? g_strconcat (s->text, " ", s->caption_text, NULL) : g_strdup (s->text));
    }
  self->ready = TRUE;
  show_slide (self, self->slide);
  g_signal_emit (self, signals[READY], 0);
}

/* presentation.next, .previous, .first and .last */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemPresentation *self = TANDEM_PRESENTATION (widget);
  guint last = self->texts->len ? self->texts->len - 1 : 0;

  if (g_str_equal (action_name, "presentation.next"))
    show_slide (self, self->slide + 1);
  else if (g_str_equal (action_name, "presentation.previous"))
    show_slide (self, self->slide > 0 ? self->slide - 1 : 0);
  else
    show_slide (self, g_str_equal (action_name, "presentation.first") ? 0 : last);
}

static void pin_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
tandem_presentation_dispose (GObject *object)
{
  TandemPresentation *self = TANDEM_PRESENTATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PRESENTATION);
  G_OBJECT_CLASS (tandem_presentation_parent_class)->dispose (object);
}

static void
tandem_presentation_finalize (GObject *object)
{
  TandemPresentation *self = TANDEM_PRESENTATION (object);

  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_clear_object (&self->store);
  for (guint k = 0; k < TANDEM_N_SLIDES; k++)
    pins_clear (&self->pins[k]);
  G_OBJECT_CLASS (tandem_presentation_parent_class)->finalize (object);
}

static const guint next_keys[] = {
  GDK_KEY_Page_Down, GDK_KEY_Right, GDK_KEY_Down, GDK_KEY_space, GDK_KEY_Return,
  GDK_KEY_KP_Page_Down, GDK_KEY_KP_Right, GDK_KEY_KP_Down,
};
static const guint previous_keys[] = {
  GDK_KEY_Page_Up, GDK_KEY_Left, GDK_KEY_Up, GDK_KEY_BackSpace, GDK_KEY_KP_Page_Up, GDK_KEY_KP_Left, GDK_KEY_KP_Up,
};

static void
tandem_presentation_class_init (TandemPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_presentation_dispose;
  object_class->finalize = tandem_presentation_finalize;
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-presentation.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPresentation, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemPresentation, counter);

  gtk_widget_class_install_action (widget_class, "presentation.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presentation.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presentation.first", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presentation.last", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presentation.pin", NULL, pin_action);
  /* A clicker sends Page Down and Page Up; a keyboard has the rest */
  for (guint k = 0; k < G_N_ELEMENTS (next_keys); k++)
    gtk_widget_class_add_binding_action (widget_class, next_keys[k], 0, "presentation.next", NULL);
  for (guint k = 0; k < G_N_ELEMENTS (previous_keys); k++)
    gtk_widget_class_add_binding_action (widget_class, previous_keys[k], 0, "presentation.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "presentation.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "presentation.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "presentation.pin", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_SHIFT_MASK, "presentation.pin", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_presentation_init (TandemPresentation *self)
{
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
start_build (TandemPresentation *self)
{
  g_autoptr(GTask) task = NULL;
  BuildJob *job = g_new0 (BuildJob, 1);

  /* Only the newest pins' slides are shown: an earlier build is dropped */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, build_done, NULL);

  job->store = tandem_store_dup_for_thread (self->store);
  for (guint k = 0; k < TANDEM_N_SLIDES; k++)
    pins_copy (&self->pins[k], &job->pins[k]);
  g_task_set_task_data (task, job, (GDestroyNotify) build_job_free);
  g_task_run_in_thread (task, build_thread);
}

gboolean
tandem_presentation_pin (TandemPresentation  *self,
                         TandemSlide          slide,
                         const char          *model,
                         const char          *from,
                         const char          *to,
                         const char          *scenario,
                         GError             **error)
{
  static const char *const slide_names[] = { N_("matrix"), N_("waterfall"), N_("targets"), N_("service level") };
  Pins pins = { g_strdup (model), g_strdup (from), g_strdup (to), g_strdup (scenario) };
  Pins kept[TANDEM_N_SLIDES] = { { NULL, } };
  guint what;
  gboolean ok = TRUE;

  g_return_val_if_fail (TANDEM_IS_PRESENTATION (self), FALSE);
  if ((guint) slide >= TANDEM_N_SLIDES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is no slide %u"), (guint) slide + 1);
      pins_clear (&pins);
      return FALSE;
    }
  what = slide_pins[slide];
  /* Only what the slide shows */
  if ((model && !(what & PIN_MODEL)) || ((from || to) && !(what & PIN_PERIOD)) || (scenario && !(what & PIN_SCENARIO)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the slide's name, then what it can be pinned to */
                   _("The %s slide can be pinned to %s only"), _(slide_names[slide]),
                   what == PIN_MODEL ? _("a model") : what == PIN_SCENARIO ? _("a scenario")
                   : what == PIN_PERIOD ? _("a period") : _("a period and a scenario"));
      ok = FALSE;
    }
  /* Checked before it is kept: a model and a scenario that exist, dates */
  if (ok && model != NULL)
    {
      g_autoptr(TandemModel) m = tandem_model_load (self->store, model, error);
      ok = m != NULL;
    }
  if (ok && scenario != NULL)
    {
      g_autoptr(TandemPlanInput) input = tandem_scenario_load (self->store, scenario, error);
      ok = input != NULL;
    }
  for (guint k = 0; ok && k < 2; k++)
    {
      const char *date = k == 0 ? from : to;

      if (date != NULL && (!g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", date, 0, 0) ||
                           !g_date_valid_dmy ((GDateDay) atoi (date + 8), (GDateMonth) atoi (date + 5), (GDateYear) atoi (date))))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a date (YYYY-MM-DD)"), date);
          ok = FALSE;
        }
    }
  if (ok && from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The period ends before it starts"));
      ok = FALSE;
    }
  if (ok)
    {
      for (guint k = 0; k < TANDEM_N_SLIDES; k++)
        pins_copy (k == (guint) slide ? &pins : &self->pins[k], &kept[k]);
      ok = pins_save (self->store, kept, error);
    }
  if (ok)
    {
      for (guint k = 0; k < TANDEM_N_SLIDES; k++)
        {
          pins_clear (&self->pins[k]);
          self->pins[k] = kept[k];
        }
      self->ready = FALSE;
      start_build (self);
    }
  else
    for (guint k = 0; k < TANDEM_N_SLIDES; k++)
      pins_clear (&kept[k]);
  pins_clear (&pins);
  return ok;
}

static char *
dropdown_choice (GtkWidget *dropdown)
{
  guint k;
  GStrv names;

  if (dropdown == NULL)
    return NULL;
  k = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  names = g_object_get_data (G_OBJECT (dropdown), "names");
  return k > 0 && k <= g_strv_length (names) ? g_strdup (names[k - 1]) : NULL;
}

static char *
entry_text (GtkWidget *entry)
{
  char *text;

  if (entry == NULL)
    return NULL;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
on_pin_response (AdwMessageDialog   *dialog,
                 const char         *response,
                 TandemPresentation *self)
{
  g_autofree char *model = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *scenario = NULL;
  g_autoptr(GError) error = NULL;
  TandemSlide slide = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "slide"));

  if (g_strcmp0 (response, "pin") != 0)
    return;
  model = dropdown_choice (g_object_get_data (G_OBJECT (dialog), "model"));
  from = entry_text (g_object_get_data (G_OBJECT (dialog), "from"));
  to = entry_text (g_object_get_data (G_OBJECT (dialog), "to"));
  scenario = dropdown_choice (g_object_get_data (G_OBJECT (dialog), "scenario"));
  if (!tandem_presentation_pin (self, slide, model, from, to, scenario, &error))
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Pin the Slide"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
}

/* A dropdown of @names after @first (the default), showing @current */
static GtkWidget *
names_dropdown (const char *first,
                GStrv       names,
                const char *current,
                const char *label)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  guint selected = 0;

  gtk_string_list_append (items, first);
  for (guint k = 0; names[k]; k++)
    {
      gtk_string_list_append (items, names[k]);
      if (g_strcmp0 (current, names[k]) == 0)
        selected = k + 1;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (items)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_object_set_data_full (G_OBJECT (dropdown), "names", names, (GDestroyNotify) g_strfreev);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return dropdown;
}

static GtkWidget *
date_entry (const char *hint,
            const char *value)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), hint);
  gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, hint, -1);
  return entry;
}

/* P: what the slide on screen shows — the matrix a model, the waterfall a
 * period and a plan, the targets a scenario, the service level a period. */
static void
pin_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TandemPresentation *self = TANDEM_PRESENTATION (widget);
  TandemSlide slide = MIN (self->slide, TANDEM_N_SLIDES - 1);
  const Pins *pins = &self->pins[slide];
  guint what = slide_pins[slide];
  GtkWidget *dialog, *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  static const char *const bodies[] = {
    N_("The matrix shows the live model unless you choose another."),
    N_("The waterfall shows all time unless you give a period (YYYY-MM-DD), and the first scenario as its plan unless you choose another."),
    N_("The targets are the first scenario's unless you choose another."),
    N_("The service level is for all time unless you give a period (YYYY-MM-DD)."),
  };

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Pin This Slide"), _(bodies[slide]));
  g_object_set_data (G_OBJECT (dialog), "slide", GUINT_TO_POINTER (slide));
  if (what & PIN_MODEL)
    {
      g_autoptr(GPtrArray) models = tandem_model_list (self->store);
      GStrv names = g_new0 (char *, models->len + 1);
      GtkWidget *dropdown;

      for (guint k = 0; k < models->len; k++)
        names[k] = g_strdup (((TandemModelInfo *) g_ptr_array_index (models, k))->name);
      dropdown = names_dropdown (_("The live model"), names, pins->model, _("Model"));
      gtk_box_append (GTK_BOX (box), dropdown);
      g_object_set_data (G_OBJECT (dialog), "model", dropdown);
    }
  if (what & PIN_PERIOD)
    {
      GtkWidget *from = date_entry (_("From (YYYY-MM-DD)"), pins->from);
      GtkWidget *to = date_entry (_("To (YYYY-MM-DD)"), pins->to);
      gtk_box_append (GTK_BOX (box), from);
      gtk_box_append (GTK_BOX (box), to);
      g_object_set_data (G_OBJECT (dialog), "from", from);
      g_object_set_data (G_OBJECT (dialog), "to", to);
    }
  if (what & PIN_SCENARIO)
    {
      GtkWidget *dropdown = names_dropdown (_("The first scenario"), tandem_scenario_list (self->store), pins->scenario,
                                            _("Scenario"));
      gtk_box_append (GTK_BOX (box), dropdown);
      g_object_set_data (G_OBJECT (dialog), "scenario", dropdown);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "pin", _("_Pin"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "pin", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "pin");
  g_signal_connect (dialog, "response", G_CALLBACK (on_pin_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
tandem_presentation_new (GtkWindow   *parent,
                         TandemStore *store)
{
  TandemPresentation *self = g_object_new (TANDEM_TYPE_PRESENTATION, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  pins_load (store, self->pins);
  start_build (self);
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
