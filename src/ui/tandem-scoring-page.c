/* tandem-scoring-page.c — edit scoring rules, watch the matrix respond
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view of a TandemScoringState: the rules of its draft as rows, the
 * bands editor, the matrix and the summary line people read out.  Every
 * edit goes to the state; the page redraws when the state says the counts
 * changed.  The actions of the rules, the cells and the model menu are in
 * tandem-scoring-page-actions.c.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-insights.h"
#include "tandem-rule-row.h"
#include "tandem-scoring-page-private.h"
#include "tandem-shortcuts.h"

G_DEFINE_FINAL_TYPE (TandemScoringPage, tandem_scoring_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_COMPARE, PROP_COLOR_BY_CONVERSION, PROP_STORE, PROP_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { TOAST, READY, N_SIGNALS };
static guint signals[N_SIGNALS];

void
_tandem_scoring_page_toast (TandemScoringPage *self,
                            const char        *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

GtkWidget *
_tandem_scoring_page_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

/* ---- Following the state ------------------------------------------------ */

static void
update_actions (TandemScoringPage *self)
{
  TandemScoringState *state = self->state;
  const char *base_name = tandem_scoring_state_get_base_name (state);
  gboolean has_model = tandem_scoring_state_get_model (state) != NULL && tandem_scoring_state_get_store (state) != NULL;
  gboolean published = has_model && tandem_scoring_state_get_published (state);
  gboolean can_undo = has_model && tandem_scoring_state_get_can_undo (state);
  TandemModel *model = tandem_scoring_state_get_model (state);
  /* A model with no rules cannot be published: the core refuses it too */
  gboolean has_rules = model != NULL && (tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT)->rules->len > 0 ||
                                         tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST)->rules->len > 0);
  g_autofree char *title = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.redo", has_model && tandem_scoring_state_get_can_redo (state));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.publish", has_model && !published && has_rules);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scoring.discard-draft", can_undo);

  if (!has_model)
    return;
  if (published)
    /* Translators: the model's name, then its state */
    title = g_strdup_printf (_("%s · live"), base_name);
  else
    title = g_strdup_printf (_("%s · draft"), base_name);
  gtk_label_set_label (self->model_label, title);
}

static void
update_stack (TandemScoringPage *self)
{
  switch (tandem_scoring_state_get_status (self->state))
    {
    case TANDEM_SCORING_STATUS_EMPTY:
      adw_status_page_set_title (self->empty_page, _("Nothing to Score Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Import leads, then build a scoring model from their columns and activity."));
      gtk_widget_set_visible (self->empty_import, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      break;
    case TANDEM_SCORING_STATUS_LOADING:
      gtk_stack_set_visible_child_name (self->stack, "loading");
      break;
    case TANDEM_SCORING_STATUS_FAILED:
      adw_status_page_set_title (self->empty_page, _("This Model Does Not Fit the Workspace"));
      adw_status_page_set_description (self->empty_page, tandem_scoring_state_get_failure (self->state));
      gtk_widget_set_visible (self->empty_import, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      break;
    case TANDEM_SCORING_STATUS_READY:
    default:
      gtk_stack_set_visible_child_name (self->stack, "scoring");
      break;
    }
}

/* The line people read out: "1,284 MQLs (+112 / −40 vs live) · conversion 18.2 % (live 15.1 %)" */
static void
refresh_summary (TandemScoringPage *self)
{
  TandemScoringState *state = self->state;
  guint mql = tandem_scoring_state_get_mql (state), mql_won = tandem_scoring_state_get_mql_won (state);
  guint live_mql = tandem_scoring_state_get_live_mql (state);
  gboolean published = tandem_scoring_state_get_published (state);
  gboolean has_live = tandem_scoring_state_get_has_live (state);
  g_autofree char *mql_text = NULL;
  g_autofree char *comparison = NULL;
  g_autofree char *conversion = NULL;
  g_autofree char *short_comparison = NULL;
  g_autofree char *short_conversion = NULL;
  g_autofree char *medium = NULL;

  if (tandem_scoring_state_get_scorer (state) == NULL)
    return;
  mql_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u MQL", "%'u MQLs", mql), mql);
  if (published)
    comparison = NULL;   /* the live model itself: nothing to compare */
  else if (has_live && tandem_scoring_state_get_details_ready (state))
    /* Translators: leads entering and leaving MQL compared with the live model */
    {
      comparison = g_strdup_printf (_(" (+%'u / −%'u vs live)"), tandem_scoring_state_get_entering (state),
                                    tandem_scoring_state_get_leaving (state));
      /* Translators: the same, shorter, for a narrow window */
      short_comparison = g_strdup_printf (_(" (+%'u / −%'u)"), tandem_scoring_state_get_entering (state),
                                          tandem_scoring_state_get_leaving (state));
    }
  else if (has_live)
    comparison = g_strdup_printf (_(" (live %'u)"), live_mql);
  if (tandem_scoring_state_get_has_outcomes (state))
    {
      g_autofree char *rate = tandem_chart_format_percent (mql ? (double) mql_won / mql : NAN);

      /* Translators: the MQLs' conversion rate, short, for a narrow window */
      short_conversion = g_strdup_printf (_(" · %s won"), rate);
      if (has_live && !published)
        {
          guint live_won = tandem_scoring_state_get_live_mql_won (state);
          g_autofree char *live_rate = tandem_chart_format_percent (live_mql ? (double) live_won / live_mql : NAN);
          /* Translators: the MQLs' conversion rate, then the live model's */
          conversion = g_strdup_printf (_(" · conversion %s (live %s)"), rate, live_rate);
        }
      else
        conversion = g_strdup_printf (_(" · conversion %s"), rate);
    }
  g_free (self->summary);
  self->summary = g_strconcat (mql_text, comparison ? comparison : "", conversion ? conversion : "", NULL);
  gtk_label_set_label (self->summary_label, self->summary);
  medium = g_strconcat (mql_text, short_comparison ? short_comparison : (comparison ? comparison : ""),
                        short_conversion ? short_conversion : "", NULL);
  gtk_label_set_label (self->summary_medium, medium);
  gtk_label_set_label (self->summary_short, mql_text);
  /* What a shorter line leaves out stays one hover away */
  gtk_widget_set_tooltip_text (self->summary_squeezer, self->summary);
}

/* "A3 converts better than your MQL cell B1: …", from the cells' outcomes */
static void
refresh_finding (TandemScoringPage *self,
                 TandemModel       *model,
                 guint              n_fit,
                 guint              n_interest,
                 const guint        counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS],
                 const guint        won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS])
{
  TandemCellStat cells[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS] = { { { 0, } } };
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (tandem_scoring_state_get_has_outcomes (self->state))
    {
      for (guint f = 0; f < n_fit; f++)
        for (guint i = 0; i < n_interest; i++)
          cells[f][i] = (TandemCellStat) { counts[f][i], won[f][i] };
      findings = tandem_insights_find_cells (model, n_fit, n_interest, cells);
      for (guint k = 0; k < findings->len; k++)
        {
          g_autofree char *sentence = tandem_cell_finding_dup_sentence (&g_array_index (findings, TandemCellFinding, k));
          g_string_append_printf (text, k > 0 ? "\n%s" : "%s", sentence);
        }
    }
  gtk_label_set_label (self->finding_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->finding_label), text->len > 0);
}

/* Each rule's reach and lift, once the state has them */
static void
refresh_reach (TandemScoringPage *self)
{
  GtkListBox *lists[] = { self->fit_list, self->interest_list };

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GtkListBoxRow *row;
      guint matched;
      double share, lift;

      for (guint r = 0; (row = gtk_list_box_get_row_at_index (lists[d], (int) r)) != NULL; r++)
        {
          g_autofree char *count = NULL;
          g_autofree char *percent = NULL;
          g_autofree char *text = NULL;

          if (!TANDEM_IS_RULE_ROW (row) || !tandem_scoring_state_get_rule_reach (self->state, d, r, &matched, &share, &lift))
            break;
          count = tandem_chart_format_count (matched);
          percent = tandem_chart_format_percent (share);
          if (isfinite (lift))
            /* Translators: a rule's reach and lift: "Matches 4,120 leads (20.6 %) · lift ×2.31" */
            text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Matches %s lead (%s) · lift ×%.2f",
                                                "Matches %s leads (%s) · lift ×%.2f", matched),
                                   count, percent, lift);
          else
            text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Matches %s lead (%s)", "Matches %s leads (%s)", matched),
                                   count, percent);
          tandem_rule_row_set_reach (TANDEM_RULE_ROW (row), text);
        }
    }
}

void
_tandem_scoring_page_refresh (TandemScoringPage *self,
                              gboolean           light)
{
  TandemScoringState *state = self->state;
  TandemModel *model = tandem_scoring_state_get_model (state);
  TandemModel *live = tandem_scoring_state_get_live_model (state);
  TandemScorer *scorer = tandem_scoring_state_get_scorer (state);
  const TandemMatrixData *old = tandem_matrix_view_get_data (self->matrix);
  guint counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS], won[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  guint live_counts[TANDEM_MAX_BANDS][TANDEM_MAX_BANDS];
  TandemMatrixData data;

  if (model == NULL || !tandem_scoring_state_get_counts (state, counts, won))
    return;

  tandem_matrix_data_init (&data);
  data.n_fit = tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT);
  data.n_interest = tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST);
  data.total = tandem_scorer_get_n_leads (scorer);
  data.has_outcomes = tandem_scoring_state_get_has_outcomes (state);
  data.color = self->color_by_conversion ? TANDEM_MATRIX_COLOR_CONVERSION : TANDEM_MATRIX_COLOR_VOLUME;
  for (guint f = 0; f < data.n_fit; f++)
    for (guint i = 0; i < data.n_interest; i++)
      {
        data.counts[f][i] = counts[f][i];
        data.won[f][i] = won[f][i];
        data.mql[f][i] = tandem_model_is_mql_cell (model, f, i);
      }
  if (self->compare && tandem_scoring_state_get_live_counts (state, live_counts) &&
      tandem_model_get_n_bands (live, TANDEM_DIMENSION_FIT) == data.n_fit &&
      tandem_model_get_n_bands (live, TANDEM_DIMENSION_INTEREST) == data.n_interest)
    {
      data.has_ghost = TRUE;
      for (guint f = 0; f < data.n_fit; f++)
        for (guint i = 0; i < data.n_interest; i++)
          {
            data.ghost_counts[f][i] = live_counts[f][i];
            data.ghost_mql[f][i] = tandem_model_is_mql_cell (live, f, i);
          }
    }

  /* Distributions: a threshold drag moves only the thresholds; keep the
   * drawn ranges still so the handle stays under the pointer. */
  data.has_distributions = TRUE;
  if (light && old->has_distributions)
    memcpy (data.axes, old->axes, sizeof data.axes);
  else
    for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
      tandem_scorer_get_distribution (scorer, d, data.axes[d].counts, &data.axes[d].lo, &data.axes[d].width);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      const TandemDimensionSpec *spec = tandem_model_get_dimension (model, d);
      data.axes[d].n_thresholds = spec->n_thresholds;
      memcpy (data.axes[d].thresholds, spec->thresholds, sizeof (double) * spec->n_thresholds);
    }
  if (!(light && old->has_distributions))
    tandem_matrix_data_fit_axes (&data);
  tandem_matrix_view_set_data (self->matrix, &data);
  refresh_summary (self);
  refresh_finding (self, model, data.n_fit, data.n_interest, (const guint (*)[TANDEM_MAX_BANDS]) counts,
                   (const guint (*)[TANDEM_MAX_BANDS]) won);
}

void
_tandem_scoring_page_rebuild_rows (TandemScoringPage *self)
{
  GtkListBox *lists[] = { self->fit_list, self->interest_list };
  TandemModel *model = tandem_scoring_state_get_model (self->state);
  guint n_rules = 0;

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (lists[d]))) != NULL)
        gtk_list_box_remove (lists[d], child);
      if (model != NULL)
        for (guint r = 0; r < tandem_model_get_dimension (model, d)->rules->len; r++)
          gtk_list_box_append (lists[d], tandem_rule_row_new (self->state, d, r));
      gtk_list_box_set_placeholder (lists[d], _tandem_scoring_page_placeholder (d == TANDEM_DIMENSION_FIT
                                                                                ? _("No fit rules yet: add one, or pick from the gallery")
                                                                                : _("No interest rules yet: add one, or pick from the gallery")));
      n_rules += model != NULL ? tandem_model_get_dimension (model, d)->rules->len : 0;
    }
  /* A model with no rules: the way to a first one, the suggestion first */
  gtk_widget_set_visible (self->start_box, model != NULL && n_rules == 0);
  update_actions (self);
  refresh_reach (self);
}

static void
on_counts_changed (TandemScoringPage *self,
                   gboolean           light)
{
  _tandem_scoring_page_refresh (self, light);
  update_actions (self);
}

static void
on_details_changed (TandemScoringPage *self)
{
  refresh_summary (self);
  refresh_reach (self);
}

static void
on_scored (TandemScoringPage *self)
{
  g_signal_emit (self, signals[READY], 0);
}

static void
on_store_changed (TandemScoringPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* ---- The matrix ----------------------------------------------------------- */

static void
on_cell_toggled (TandemScoringPage *self,
                 guint              f,
                 guint              i)
{
  tandem_scoring_state_toggle_cell (self->state, f, i);
}

static void
on_cell_activated (TandemScoringPage *self,
                   guint              f,
                   guint              i)
{
  _tandem_scoring_page_show_cell_leads (self, f, i);
}

static void
on_threshold_changed (TandemScoringPage *self,
                      guint              axis,
                      guint              index,
                      double             score,
                      gboolean           finished)
{
  TandemDimension d = axis == TANDEM_MATRIX_AXIS_FIT ? TANDEM_DIMENSION_FIT : TANDEM_DIMENSION_INTEREST;
  const TandemMatrixAxisData *drawn = &tandem_matrix_view_get_data (self->matrix)->axes[axis];

  /* A dragged handle snaps to the score histogram's grid: counts then come
   * from the histogram alone (microseconds, not a pass over every lead).
   * The grid is fine — a 256th of the score range — and typed numbers
   * are kept exactly as typed. */
  if (drawn->width > 0)
    score = drawn->lo + round ((score - drawn->lo) / drawn->width) * drawn->width;
  score = round (score * 1e6) / 1e6;
  /* Every frame of a drag: counts from the histogram; its end in full */
  tandem_scoring_state_set_threshold (self->state, d, index, score, !finished);
}

/* ---- Layout --------------------------------------------------------------- */

static void
show_matrix_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  adw_leaflet_set_visible_child (self->leaflet, self->matrix_pane);
}

static void
show_rules_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (widget);
  adw_leaflet_set_visible_child (self->leaflet, self->rules_pane);
}

static void
on_folded (TandemScoringPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  gtk_widget_set_visible (self->show_matrix_button, folded);

}

/* ---- GObject -------------------------------------------------------------- */

static void
tandem_scoring_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;
    case PROP_COLOR_BY_CONVERSION:
      g_value_set_boolean (value, self->color_by_conversion);
      break;
    case PROP_STORE:
      g_value_set_object (value, tandem_scoring_state_get_store (self->state));
      break;
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_scoring_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      if (self->compare != g_value_get_boolean (value))
        {
          self->compare = g_value_get_boolean (value);
          _tandem_scoring_page_refresh (self, FALSE);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_COLOR_BY_CONVERSION:
      if (self->color_by_conversion != g_value_get_boolean (value))
        {
          self->color_by_conversion = g_value_get_boolean (value);
          _tandem_scoring_page_refresh (self, FALSE);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STORE:
      tandem_scoring_state_set_store (self->state, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_scoring_page_dispose (GObject *object)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  if (self->compare_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->compare_window), (gpointer *) &self->compare_window);
  self->compare_window = NULL;
  /* Nothing lost: the pending draft is written, the running score stopped */
  if (self->state != NULL)
    tandem_scoring_state_set_store (self->state, NULL);
  g_clear_object (&self->state);
  G_OBJECT_CLASS (tandem_scoring_page_parent_class)->dispose (object);
}

static void
tandem_scoring_page_finalize (GObject *object)
{
  TandemScoringPage *self = TANDEM_SCORING_PAGE (object);

  g_free (self->summary);
  G_OBJECT_CLASS (tandem_scoring_page_parent_class)->finalize (object);
}

static void
tandem_scoring_page_class_init (TandemScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = tandem_scoring_page_get_property;
  object_class->set_property = tandem_scoring_page_set_property;
  object_class->dispose = tandem_scoring_page_dispose;
  object_class->finalize = tandem_scoring_page_finalize;

  properties[PROP_COMPARE] = g_param_spec_boolean ("compare", NULL, NULL, FALSE, rw);
  properties[PROP_COLOR_BY_CONVERSION] = g_param_spec_boolean ("color-by-conversion", NULL, NULL, FALSE, rw);
  /* The workspace whose models the page edits */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE, rw);
  /* What the page shows and edits: the draft, its history, its scores */
  properties[PROP_STATE] = g_param_spec_object ("state", NULL, NULL, TANDEM_TYPE_SCORING_STATE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A message for the window's toasts */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A score finished (or failed) */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  g_type_ensure (TANDEM_TYPE_MATRIX_VIEW);
  g_type_ensure (TANDEM_TYPE_BANDS_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-scoring-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, empty_import);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, start_box);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, rules_pane);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, matrix_pane);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, model_label);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, fit_list);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, interest_list);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, bands_editor);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, finding_label);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, summary_medium);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, summary_short);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, summary_squeezer);
  gtk_widget_class_bind_template_child_full (widget_class, "model_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, matrix);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, show_matrix_button);
  gtk_widget_class_bind_template_child (widget_class, TandemScoringPage, open_model_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_folded);

  _tandem_scoring_page_class_actions_init (widget_class);
  gtk_widget_class_install_action (widget_class, "scoring.show-matrix", NULL, show_matrix_action);
  gtk_widget_class_install_action (widget_class, "scoring.show-rules", NULL, show_rules_action);
  gtk_widget_class_install_property_action (widget_class, "scoring.compare", "compare");
  gtk_widget_class_install_property_action (widget_class, "scoring.color-by-conversion", "color-by-conversion");
}

static void
tandem_scoring_page_init (TandemScoringPage *self)
{
  static const struct { const char *signal; GCallback callback; } follow[] = {
    { "notify::status", G_CALLBACK (update_stack) },
    { "notify::failure", G_CALLBACK (update_stack) },
    { "notify::model", G_CALLBACK (update_actions) },
    { "notify::base-name", G_CALLBACK (update_actions) },
    { "notify::published", G_CALLBACK (update_actions) },
    { "notify::can-undo", G_CALLBACK (update_actions) },
    { "notify::can-redo", G_CALLBACK (update_actions) },
    { "notify::store", G_CALLBACK (on_store_changed) },
    { "notify::store", G_CALLBACK (_tandem_scoring_page_update_model_menu) },
    { "notify::base-name", G_CALLBACK (_tandem_scoring_page_update_model_menu) },
    { "notify::live-model", G_CALLBACK (_tandem_scoring_page_update_model_menu) },
    { "rules-changed", G_CALLBACK (_tandem_scoring_page_rebuild_rows) },
    { "counts-changed", G_CALLBACK (on_counts_changed) },
    { "details-changed", G_CALLBACK (on_details_changed) },
    { "scored", G_CALLBACK (on_scored) },
    { "message", G_CALLBACK (_tandem_scoring_page_toast) },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Folded, the matrix shows (it is what the page is for) and the rules
   * are one click away, behind the back button */
  adw_leaflet_set_visible_child (self->leaflet, self->matrix_pane);

  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>r", "scoring.add-rule", g_variant_new_int32 (0));
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>g", "scoring.gallery", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>g", "scoring.suggest", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control>z", "scoring.undo", NULL);
  tandem_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>z", "scoring.redo", NULL);

  self->state = tandem_scoring_state_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (follow); k++)
    g_signal_connect_swapped (self->state, follow[k].signal, follow[k].callback, self);
  tandem_state_view_set_state (TANDEM_STATE_VIEW (self->bands_editor), G_OBJECT (self->state));
  update_actions (self);
}

/* ---- Public API ------------------------------------------------------------ */

void
tandem_scoring_page_set_store (TandemScoringPage *self,
                               TandemStore       *store)
{
  g_return_if_fail (TANDEM_IS_SCORING_PAGE (self));
  g_object_set (self, "store", store, NULL);
}

TandemStore *
tandem_scoring_page_get_store (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return tandem_scoring_state_get_store (self->state);
}

TandemScoringState *
tandem_scoring_page_get_state (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return self->state;
}

void
tandem_scoring_page_reload (TandemScoringPage *self)
{
  g_return_if_fail (TANDEM_IS_SCORING_PAGE (self));
  tandem_scoring_state_reload (self->state);
}

gboolean
tandem_scoring_page_is_busy (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);
  return tandem_scoring_state_get_busy (self->state);
}

gboolean
tandem_scoring_page_is_published (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);
  return tandem_scoring_state_get_published (self->state);
}

TandemModel *
tandem_scoring_page_get_model (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return tandem_scoring_state_get_model (self->state);
}

TandemMatrixView *
tandem_scoring_page_get_matrix (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return self->matrix;
}

const char *
tandem_scoring_page_get_summary (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return self->summary;
}

const char *
tandem_scoring_page_get_finding (TandemScoringPage *self)
{
  const char *text;

  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  text = gtk_label_get_label (self->finding_label);
  return text[0] ? text : NULL;
}

void
tandem_scoring_page_set_points (TandemScoringPage *self,
                                TandemDimension    dimension,
                                guint              rule,
                                double             points)
{
  g_return_if_fail (TANDEM_IS_SCORING_PAGE (self));
  tandem_scoring_state_set_points (self->state, dimension, rule, points);
}

void
tandem_scoring_page_add_rule (TandemScoringPage *self,
                              TandemDimension    dimension,
                              TandemRule        *rule)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TANDEM_IS_SCORING_PAGE (self));
  if (!tandem_scoring_state_add_rule (self->state, dimension, rule, &error))
    _tandem_scoring_page_toast (self, error->message);
}

gboolean
tandem_scoring_page_publish (TandemScoringPage  *self,
                             const char         *note,
                             GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);
  return tandem_scoring_state_publish (self->state, note, error);
}

gboolean
tandem_scoring_page_rename_model (TandemScoringPage  *self,
                                  const char         *new_name,
                                  GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);
  return tandem_scoring_state_rename (self->state, new_name, error);
}

gboolean
tandem_scoring_page_export_scores (TandemScoringPage  *self,
                                   GFile              *file,
                                   GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), FALSE);
  return tandem_scoring_state_export_scores (self->state, file, error);
}

GtkListBox *
tandem_scoring_page_get_rule_list (TandemScoringPage *self,
                                   TandemDimension    dimension)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return dimension == TANDEM_DIMENSION_FIT ? self->fit_list : self->interest_list;
}

GtkWidget *
tandem_scoring_page_get_compare_window (TandemScoringPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_PAGE (self), NULL);
  return self->compare_window;
}
