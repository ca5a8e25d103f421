/* tandem-compare-models.c — two stored models side by side on the same leads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Scoring page's model menu → Compare Two Models…: what tandem-cli
 * diff prints, in a window.  Both models are scored on a worker thread
 * (on a second connection to the workspace); the result replaces the
 * last one whole.  Per cell the leads under A and under B, the MQL cells
 * of each marked; above, each model's MQLs and their conversion, and how
 * many leads enter and leave the MQL set going from A to B.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-compare-models.h"
#include "tandem-chart.h"
#include "tandem-insights.h"
#include "tandem-model.h"
#include "tandem-scorer.h"

typedef struct
{
  TandemStore    *store;
  char           *names[2];
  TandemModel    *models[2];
  TandemInsights *insights[2];
  guint           entering, leaving;
} Comparison;

struct _TandemCompareModels
{
  AdwWindow     parent_instance;
  TandemStore  *store;
  GStrv         names;         /* the stored models, as in both dropdowns */
  GtkDropDown  *choice[2];
  GtkLabel     *summary;
  GtkGrid      *grid;
  Comparison   *shown;         /* NULL while busy or after an error */
  GCancellable *cancellable;
  gboolean      busy;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (TandemCompareModels, tandem_compare_models, ADW_TYPE_WINDOW)

static void
comparison_free (Comparison *c)
{
  g_clear_object (&c->store);
  for (guint m = 0; m < 2; m++)
    {
      g_free (c->names[m]);
      g_clear_pointer (&c->models[m], tandem_model_unref);
      g_clear_pointer (&c->insights[m], tandem_insights_free);
    }
  g_free (c);
}

static void
compare_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Comparison *c = data;
  TandemScorer *scorers[2] = { NULL, NULL };
  GError *error = NULL;

  for (guint m = 0; m < 2 && error == NULL; m++)
    if ((c->models[m] = tandem_model_load (c->store, c->names[m], &error)) == NULL ||
        (scorers[m] = tandem_scorer_new (c->store, c->models[m], NULL, cancellable, &error)) == NULL ||
        (c->insights[m] = tandem_insights_new (scorers[m], c->store, &error)) == NULL)
      break;
  for (guint i = 0; error == NULL && i < tandem_scorer_get_n_leads (scorers[0]); i++)
    {
      TandemScore x, y;
      tandem_scorer_get_score (scorers[0], i, &x);
      tandem_scorer_get_score (scorers[1], i, &y);
      c->entering += !x.mql && y.mql;
      c->leaving += x.mql && !y.mql;
    }
  for (guint m = 0; m < 2; m++)
    g_clear_pointer (&scorers[m], tandem_scorer_free);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_grid (TandemCompareModels *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static GtkWidget *
cell_label (const char *text,
            const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static char *
mql_line (const Comparison *c,
          guint             m)
{
  const TandemInsights *in = c->insights[m];
  g_autofree char *count = tandem_chart_format_count (in->mql);

  if (!in->has_outcomes)
    /* Translators: a model's name and its number of MQLs */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s MQL", "%s: %s MQLs", in->mql), c->names[m], count);
  {
    g_autofree char *conversion = tandem_chart_format_percent (in->mql ? (double) in->mql_won / in->mql : 0);
    /* Translators: a model's name, its number of MQLs and how many of them were won */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s MQL, %s won", "%s: %s MQLs, %s won", in->mql),
                            c->names[m], count, conversion);
  }
}

static void
show_comparison (TandemCompareModels *self)
{
  const Comparison *c = self->shown;
  const TandemInsights *a = c->insights[0], *b = c->insights[1];
  g_autofree char *line_a = mql_line (c, 0);
  g_autofree char *line_b = mql_line (c, 1);
  g_autofree char *entering = tandem_chart_format_count (c->entering);
  g_autofree char *leaving = tandem_chart_format_count (c->leaving);
  g_autofree char *summary = NULL;

  /* Translators: two models' MQLs, then the leads entering and leaving the MQL set from the first to the second */
  summary = g_strdup_printf (_("%s.\n%s.\nGoing from the first to the second, %s leads become MQLs and %s stop being MQLs."),
                             line_a, line_b, entering, leaving);
  gtk_label_set_label (self->summary, summary);

  clear_grid (self);
  if (a->n_fit != b->n_fit || a->n_interest != b->n_interest)
    {
      GtkWidget *label = gtk_label_new (_("The two models have different bands, so their cells do not line up; "
                                          "compare their totals above."));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->grid, label, 0, 0, 1, 1);
      return;
    }
  for (guint i = 0; i < a->n_interest; i++)
    {
      g_autofree char *digit = g_strdup_printf ("%u", i + 1);
      gtk_grid_attach (self->grid, cell_label (digit, "heading"), (int) i + 1, 0, 1, 1);
    }
  for (guint f = 0; f < a->n_fit; f++)
    {
      char letter[2] = { (char) ('A' + f), '\0' };

      gtk_grid_attach (self->grid, cell_label (letter, "heading"), 0, (int) f + 1, 1, 1);
      for (guint i = 0; i < a->n_interest; i++)
        {
          gboolean mql_a = tandem_model_is_mql_cell (c->models[0], f, i);
          gboolean mql_b = tandem_model_is_mql_cell (c->models[1], f, i);
          g_autofree char *x = tandem_chart_format_count (a->cells[f][i].leads);
          g_autofree char *y = tandem_chart_format_count (b->cells[f][i].leads);
          /* Translators: a cell's leads under the first and the second model; "MQL" marks an MQL cell */
          g_autofree char *text = g_strdup_printf (_("%s%s → %s%s"), x, mql_a ? _(" MQL") : "", y, mql_b ? _(" MQL") : "");
          g_autofree char *cell = tandem_model_cell_name (f, i);
          GtkWidget *label = cell_label (text, mql_a != mql_b ? "accent" : mql_a ? "heading" : NULL);

          gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, cell, -1);
          gtk_widget_set_tooltip_text (label, cell);
          gtk_grid_attach (self->grid, label, (int) i + 1, (int) f + 1, 1, 1);
        }
    }
}

static void
compare_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TandemCompareModels *self = TANDEM_COMPARE_MODELS (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not compare the models: %s"), error->message);
      clear_grid (self);
      gtk_label_set_label (self->summary, message);
      return;
    }
  self->shown = g_task_get_task_data (G_TASK (result));
  /* The task holds the comparison; keep it for as long as it is shown */
  g_object_set_data_full (G_OBJECT (self), "comparison", g_object_ref (result), g_object_unref);
  show_comparison (self);
}

static void
compare (TandemCompareModels *self)
{
  g_autoptr(GTask) task = NULL;
  Comparison *c;
  guint k[2];

  if (self->updating)
    return;
  for (guint m = 0; m < 2; m++)
    k[m] = gtk_drop_down_get_selected (self->choice[m]);
  if (self->names == NULL || k[0] >= g_strv_length (self->names) || k[1] >= g_strv_length (self->names))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->shown = NULL;
  g_object_set_data (G_OBJECT (self), "comparison", NULL);

  c = g_new0 (Comparison, 1);
  c->store = tandem_store_dup_for_thread (self->store);
  for (guint m = 0; m < 2; m++)
    c->names[m] = g_strdup (self->names[k[m]]);
  self->busy = TRUE;
  gtk_label_set_label (self->summary, _("Scoring both models…"));
  clear_grid (self);
  task = g_task_new (self, self->cancellable, compare_done, NULL);
  g_task_set_task_data (task, c, (GDestroyNotify) comparison_free);
  g_task_run_in_thread (task, compare_thread);
}

static void
tandem_compare_models_dispose (GObject *object)
{
  TandemCompareModels *self = TANDEM_COMPARE_MODELS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_COMPARE_MODELS);
  G_OBJECT_CLASS (tandem_compare_models_parent_class)->dispose (object);
}

static void
tandem_compare_models_finalize (GObject *object)
{
  TandemCompareModels *self = TANDEM_COMPARE_MODELS (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->names, g_strfreev);
  G_OBJECT_CLASS (tandem_compare_models_parent_class)->finalize (object);
}

static void
tandem_compare_models_class_init (TandemCompareModelsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_compare_models_dispose;
  object_class->finalize = tandem_compare_models_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tandemops/Tandem/ui/tandem-compare-models.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "first_choice", FALSE, G_STRUCT_OFFSET (TandemCompareModels, choice[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "second_choice", FALSE, G_STRUCT_OFFSET (TandemCompareModels, choice[1]));
  gtk_widget_class_bind_template_child (widget_class, TandemCompareModels, summary);
  gtk_widget_class_bind_template_child (widget_class, TandemCompareModels, grid);
  gtk_widget_class_bind_template_callback (widget_class, compare);
}

static void
tandem_compare_models_init (TandemCompareModels *self)
{
  self->updating = TRUE;   /* no models to offer until tandem_compare_models_new () */
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
}

GtkWidget *
tandem_compare_models_new (GtkWindow   *parent,
                           TandemStore *store)
{
  TandemCompareModels *self = g_object_new (TANDEM_TYPE_COMPARE_MODELS, "transient-for", parent, NULL);
  g_autoptr(GPtrArray) models = tandem_model_list (store);
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  guint live = 0, other = 0;

  self->store = g_object_ref (store);
  self->names = g_new0 (char *, models->len + 1);
  for (guint k = 0; k < models->len; k++)
    {
      TandemModelInfo *info = g_ptr_array_index (models, k);
      self->names[k] = g_strdup (info->name);
      if (info->live)
        {
          /* Translators: a model's name, marked as the live one */
          g_autofree char *label = g_strdup_printf (_("%s (live)"), info->name);
          gtk_string_list_append (items, label);
          live = k;
        }
      else
        gtk_string_list_append (items, info->name);
    }
  for (guint k = 0; k < models->len; k++)
    if (k != live)
      {
        other = k;
        break;
      }
  self->updating = TRUE;
  for (guint m = 0; m < 2; m++)
    gtk_drop_down_set_model (self->choice[m], G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->choice[0], live);
  gtk_drop_down_set_selected (self->choice[1], other);
  self->updating = FALSE;
  if (models->len < 2)
    gtk_label_set_label (self->summary, _("The workspace keeps one model: save the draft as a new model to compare two."));
  else
    compare (self);
  return GTK_WIDGET (self);
}

gboolean
tandem_compare_models_set_models (TandemCompareModels *self,
                                  const char          *a,
                                  const char          *b)
{
  const char *want[2] = { a, b };
  guint found[2] = { G_MAXUINT, G_MAXUINT };

  g_return_val_if_fail (TANDEM_IS_COMPARE_MODELS (self), FALSE);
  for (guint m = 0; m < 2; m++)
    for (guint k = 0; self->names[k]; k++)
      if (g_strcmp0 (self->names[k], want[m]) == 0)
        found[m] = k;
  if (found[0] == G_MAXUINT || found[1] == G_MAXUINT)
    return FALSE;
  self->updating = TRUE;
  for (guint m = 0; m < 2; m++)
    gtk_drop_down_set_selected (self->choice[m], found[m]);
  self->updating = FALSE;
  compare (self);
  return TRUE;
}

gboolean
tandem_compare_models_is_busy (TandemCompareModels *self)
{
  return self->busy;
}

const char *
tandem_compare_models_get_summary (TandemCompareModels *self)
{
  return gtk_label_get_label (self->summary);
}

gboolean
tandem_compare_models_get_cell (TandemCompareModels *self,
                                guint                fit,
                                guint                interest,
                                guint               *a,
                                guint               *b)
{
  const Comparison *c = self->shown;

  if (c == NULL || c->insights[0]->n_fit != c->insights[1]->n_fit ||
      c->insights[0]->n_interest != c->insights[1]->n_interest ||
      fit >= c->insights[0]->n_fit || interest >= c->insights[0]->n_interest)
    return FALSE;
  *a = c->insights[0]->cells[fit][interest].leads;
  *b = c->insights[1]->cells[fit][interest].leads;
  return TRUE;
}

gboolean
tandem_compare_models_get_changes (TandemCompareModels *self,
                                   guint               *entering,
                                   guint               *leaving)
{
  if (self->shown == NULL)
    return FALSE;
  *entering = self->shown->entering;
  *leaving = self->shown->leaving;
  return TRUE;
}
