/* tandem-leads-page.c — the workspace's leads in a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace's columns, and after the first of them the live model's
 * Score (fit + interest), Grade (the matrix cell) and MQL, looked up in the
 * Scoring state's live scorer by each row's id.  Cells ellipsize.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-compat.h"
#include "tandem-leads-page.h"

struct _TandemLeadsPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;
  GtkSearchEntry  *search_entry;
  GtkLabel        *count_label;
  GtkColumnView   *column_view;
  GtkListBox      *columns_list;

  TandemStore     *store;
  TandemLeadList  *list;
  GPtrArray       *columns;   /* TandemColumn, as shown */
  TandemScoringState *scoring;
  GtkColumnViewColumn *score_columns[3];   /* score, grade, MQL (owned by the view) */
  GHashTable      *bound_scores;   /* GtkListItem → its ScoreColumn + 1, while bound */
};

/* The live model's columns; their sorters' positions come after the workspace's */
typedef enum { SCORE_TOTAL, SCORE_GRADE, SCORE_MQL, N_SCORE_COLUMNS } ScoreColumn;

G_DEFINE_FINAL_TYPE (TandemLeadsPage, tandem_leads_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, PROP_SCORING_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
type_icon (TandemColumnType type)
{
  switch (type)
    {
    case TANDEM_COLUMN_NUMBER:  return "accessories-calculator-symbolic";
    case TANDEM_COLUMN_DATE:    return "x-office-calendar-symbolic";
    case TANDEM_COLUMN_BOOLEAN: return "emblem-ok-symbolic";
    case TANDEM_COLUMN_TEXT:
    default:                    return "insert-text-symbolic";
    }
}

static void
update_count (TandemLeadsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gint64 total = tandem_lead_list_get_total (self->list);
  const char *search = tandem_lead_list_get_search (self->list);
  g_autofree char *text = NULL;

  if (tandem_lead_list_get_loading (self->list))
    {
      gtk_label_set_label (self->count_label, search && search[0] ? _("Searching…") : _("Loading…"));
      return;
    }
  if (search != NULL && search[0] != '\0')
    /* Translators: “312 of 20,000 leads” */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'lld lead",
                                         "%'u of %'lld leads", (gulong) total),
                            shown, (long long) total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u lead", "%'u leads", shown), shown);
  gtk_label_set_label (self->count_label, text);
}

/* ---- Cells ------------------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  TandemColumnType type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column-type"));

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), type == TANDEM_COLUMN_TEXT ? 18 : 12);
  if (type == TANDEM_COLUMN_NUMBER)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  TandemLeadRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  const char *text = row ? tandem_lead_row_get_cell (row, column) : NULL;

  /* An empty cell shows a dimmed dash, not nothing: it is a value too. */
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text ? text : "—");
  if (text == NULL)
    gtk_widget_add_css_class (cell, "dim-label");
  else
    gtk_widget_remove_css_class (cell, "dim-label");
}

/* The live scorer's lead for a row, or -1 */
static int
scored_lead (TandemLeadsPage *self,
             TandemLeadRow   *row,
             TandemScorer   **scorer)
{
  *scorer = self->scoring ? tandem_scoring_state_get_live_scorer (self->scoring) : NULL;
  if (*scorer == NULL || row == NULL)
    return -1;
  return tandem_scorer_find_row (*scorer, tandem_lead_row_get_id (row));
}

static void
setup_score_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 5);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), GPOINTER_TO_INT (user_data) == SCORE_TOTAL ? 1.0 : 0.5);
  gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

/* A score cell's text, from the live scorer as it is now */
static void
show_score (TandemLeadsPage *self,
            GtkListItem     *item,
            ScoreColumn      which)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  TandemScorer *scorer;
  int lead = scored_lead (self, gtk_list_item_get_item (item), &scorer);
  g_autofree char *text = NULL;
  TandemScore score;

  if (lead < 0)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), "—");
      gtk_widget_add_css_class (cell, "dim-label");
      return;
    }
  gtk_widget_remove_css_class (cell, "dim-label");
  tandem_scorer_get_score (scorer, (guint) lead, &score);
  switch (which)
    {
    case SCORE_TOTAL:
      text = g_strdup_printf ("%.0f", score.fit + score.interest);
      break;
    case SCORE_GRADE:
      text = tandem_scorer_dup_grade (scorer, (guint) lead);
      break;
    case SCORE_MQL:
    default:
      text = g_strdup (score.mql ? _("yes") : _("no"));
      break;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

static void
forget_score_cell (gpointer  data,
                   GObject  *item)
{
  TandemLeadsPage *self = data;

  g_hash_table_remove (self->bound_scores, item);
}

static void
bind_score_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  TandemLeadsPage *self = g_object_get_data (G_OBJECT (factory), "page");
  ScoreColumn which = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "score-column"));

  /* Kept, so that new scores reach the cells on screen without the list
   * announcing a change of every one of its rows; a list item can go
   * without being unbound (with its view), so a weak reference forgets it */
  if (!g_hash_table_contains (self->bound_scores, item))
    g_object_weak_ref (G_OBJECT (item), forget_score_cell, self);
  g_hash_table_insert (self->bound_scores, item, GINT_TO_POINTER (which + 1));
  show_score (self, item, which);
}

static void
unbind_score_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  TandemLeadsPage *self = g_object_get_data (G_OBJECT (factory), "page");

  if (g_hash_table_remove (self->bound_scores, item))
    g_object_weak_unref (G_OBJECT (item), forget_score_cell, self);
}

/* What a score column sorts by, for every lead the live scorer has */
static double
score_sort_value (TandemScorer *scorer,
                  guint         lead,
                  ScoreColumn   which)
{
  TandemScore score;

  tandem_scorer_get_score (scorer, lead, &score);
  switch (which)
    {
    case SCORE_TOTAL: return score.fit + score.interest;
    case SCORE_GRADE: return score.fit_band * TANDEM_MAX_BANDS + score.interest_band;   /* A1 first */
    case SCORE_MQL:
    default:          return score.mql ? 0 : 1;   /* MQLs first */
    }
}

static void
sort_by_score (TandemLeadsPage *self,
               ScoreColumn      which,
               gboolean         descending)
{
  TandemScorer *scorer = self->scoring ? tandem_scoring_state_get_live_scorer (self->scoring) : NULL;
  guint n = scorer ? tandem_scorer_get_n_leads (scorer) : 0;
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GArray) values = NULL;

  if (scorer == NULL)
    {
      tandem_lead_list_set_sort (self->list, -1, FALSE);
      return;
    }
  /* One pass over the scores here (they live on this thread); the sort
   * itself runs on the list's worker */
  rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  values = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  for (guint i = 0; i < n; i++)
    {
      gint64 row = tandem_scorer_get_row (scorer, i);
      double value = score_sort_value (scorer, i, which);
      g_array_append_val (rowids, row);
      g_array_append_val (values, value);
    }
  tandem_lead_list_set_sort_values (self->list, rowids, values, descending);
}

static void
update_score_columns (TandemLeadsPage *self)
{
  gboolean live = self->scoring != NULL && tandem_scoring_state_get_live_scorer (self->scoring) != NULL;

  for (guint k = 0; k < N_SCORE_COLUMNS; k++)
    if (self->score_columns[k] != NULL)
      gtk_column_view_column_set_visible (self->score_columns[k], live);
}

static void
add_score_columns (TandemLeadsPage *self,
                   guint            position)
{
  static const struct { const char *title, *tooltip; int width; } info[N_SCORE_COLUMNS] = {
    { N_("Score"), N_("Fit plus interest, in the live model"), 80 },
    /* Translators: the lead's cell of the matrix, e.g. B1 */
    { N_("Grade"), N_("The lead's cell of the matrix: fit band A–D, interest band 1–4"), 80 },
    { N_("MQL"), N_("Whether the live model makes the lead a marketing qualified lead"), 70 },
  };
  guint n_columns = self->columns ? self->columns->len : 0;

  for (guint k = 0; k < N_SCORE_COLUMNS; k++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = tandem_compat_column_sorter_new ((int) (n_columns + k));

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_object_set_data (G_OBJECT (factory), "score-column", GINT_TO_POINTER (k));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_score_cell), GINT_TO_POINTER (k));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_score_cell), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_score_cell), NULL);
      column = gtk_column_view_column_new (_(info[k].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, info[k].width);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_insert_column (self->column_view, position + k, column);
      self->score_columns[k] = column;
    }
  update_score_columns (self);
}

/* ---- Columns ------------------------------------------------------------ */

static void
clear_columns (TandemLeadsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkWidget *child;

  for (guint k = 0; k < N_SCORE_COLUMNS; k++)
    self->score_columns[k] = NULL;
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->column_view, column);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list))) != NULL)
    gtk_list_box_remove (self->columns_list, child);
}

static GtkWidget *
column_info_row (TandemColumn *column)
{
  g_autofree char *role = tandem_role_dup_label (column->role);
  g_autofree char *empty = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'lld empty",
                                                         "%'lld empty", (gulong) column->nulls),
                                            (long long) column->nulls);
  /* Translators: “Number · Deal amount · 2,089 empty” */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"), tandem_column_type_get_label (column->type), role, empty);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (type_icon (column->type));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_tooltip_text (icon, tandem_column_type_get_label (column->type));
  if (column->role != NULL)
    gtk_widget_add_css_class (row, "role-column");
  return row;
}

/* Wide enough to read a typical value; the user can resize. */
static int
column_width (const TandemColumn *column)
{
  switch (column->type)
    {
    case TANDEM_COLUMN_NUMBER:  return 120;
    case TANDEM_COLUMN_DATE:    return 170;
    case TANDEM_COLUMN_BOOLEAN: return 90;
    case TANDEM_COLUMN_TEXT:
    default:                    return g_strcmp0 (column->role, "id") == 0 ? 130 : 190;
    }
}

static void
rebuild_columns (TandemLeadsPage *self)
{
  clear_columns (self);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  if (self->store == NULL)
    return;

  self->columns = tandem_store_list_columns (self->store);
  for (guint i = 0; i < self->columns->len; i++)
    {
      TandemColumn *info = g_ptr_array_index (self->columns, i);
      g_autofree char *role = tandem_role_dup_label (info->role);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = tandem_compat_column_sorter_new ((int) i);

      g_object_set_data (G_OBJECT (factory), "column-type", GINT_TO_POINTER (info->type));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));

      column = gtk_column_view_column_new (info->name, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_width (info));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);

      gtk_list_box_append (self->columns_list, column_info_row (info));
    }
  /* Where a CRM user looks first: right after the lead's id */
  add_score_columns (self, MIN (1, self->columns->len));
}

static void
on_sort_changed (TandemLeadsPage *self)
{
  gboolean descending = FALSE;
  int position;

  /* Removing the columns while the page is disposed changes the sorter too. */
  if (self->list == NULL)
    return;
  position = tandem_compat_column_view_get_sort (self->column_view, &descending);
  if (self->columns != NULL && position >= (int) self->columns->len)
    sort_by_score (self, (ScoreColumn) (position - (int) self->columns->len), descending);
  else
    tandem_lead_list_set_sort (self->list, position, descending);
}

static void
on_search_changed (TandemLeadsPage *self,
                   GtkSearchEntry  *entry)
{
  tandem_lead_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_items_changed (TandemLeadsPage *self)
{
  update_count (self);
}

static void
update_visible_page (TandemLeadsPage *self)
{
  gboolean has_leads = self->store != NULL && tandem_store_count_leads (self->store) > 0;

  gtk_stack_set_visible_child_name (self->stack, has_leads ? "leads" : "empty");
}

/* ---- Public ------------------------------------------------------------- */

void
tandem_leads_page_set_store (TandemLeadsPage *self,
                             TandemStore     *store)
{
  g_return_if_fail (TANDEM_IS_LEADS_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rebuild_columns (self);
  tandem_lead_list_set_store (self->list, store);
  update_visible_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TandemStore *
tandem_leads_page_get_store (TandemLeadsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_LEADS_PAGE (self), NULL);
  return self->store;
}

/* New scores (a first score, a publish, an import): new cells, and a sort
 * by a score column sorts again */
static void
on_scored (TandemLeadsPage *self)
{
  GHashTableIter iter;
  gpointer item, which;

  update_score_columns (self);
  if (self->columns == NULL)
    return;
  on_sort_changed (self);
  /* The cells on screen say the new scores; the others will when bound.
   * (Not items-changed over every row: GTK 4.8 then asks the list for each
   * of them, a million rows read to repaint fifty.) */
  g_hash_table_iter_init (&iter, self->bound_scores);
  while (g_hash_table_iter_next (&iter, &item, &which))
    show_score (self, item, (ScoreColumn) (GPOINTER_TO_INT (which) - 1));
}

void
tandem_leads_page_set_scoring_state (TandemLeadsPage    *self,
                                     TandemScoringState *state)
{
  g_return_if_fail (TANDEM_IS_LEADS_PAGE (self));
  g_return_if_fail (state == NULL || TANDEM_IS_SCORING_STATE (state));

  if (self->scoring == state)
    return;
  if (self->scoring != NULL)
    g_signal_handlers_disconnect_by_data (self->scoring, self);
  g_set_object (&self->scoring, state);
  if (state != NULL)
    g_signal_connect_object (state, "scored", G_CALLBACK (on_scored), self, G_CONNECT_SWAPPED);
  on_scored (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORING_STATE]);
}

TandemScoringState *
tandem_leads_page_get_scoring_state (TandemLeadsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_LEADS_PAGE (self), NULL);
  return self->scoring;
}

void
tandem_leads_page_reload (TandemLeadsPage *self)
{
  g_return_if_fail (TANDEM_IS_LEADS_PAGE (self));

  rebuild_columns (self);
  tandem_lead_list_reload (self->list);
  update_visible_page (self);
}

TandemLeadList *
tandem_leads_page_get_list (TandemLeadsPage *self)
{
  return self->list;
}

GtkColumnView *
tandem_leads_page_get_column_view (TandemLeadsPage *self)
{
  return self->column_view;
}

void
tandem_leads_page_focus_search (TandemLeadsPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "leads") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
tandem_leads_page_is_empty (TandemLeadsPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

GPtrArray *
tandem_leads_page_dup_shown_scores (TandemLeadsPage *self)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer item, which;

  g_return_val_if_fail (TANDEM_IS_LEADS_PAGE (self), shown);

  g_hash_table_iter_init (&iter, self->bound_scores);
  while (g_hash_table_iter_next (&iter, &item, &which))
    {
      TandemLeadRow *row = gtk_list_item_get_item (item);
      GtkWidget *cell = gtk_list_item_get_child (item);

      if (GPOINTER_TO_INT (which) - 1 == SCORE_TOTAL && row != NULL)
        g_ptr_array_add (shown, g_strdup_printf ("%" G_GINT64_FORMAT " %s", tandem_lead_row_get_id (row),
                                                 gtk_inscription_get_text (GTK_INSCRIPTION (cell))));
    }
  return shown;
}

/* ---- Object ---------------------------------------------------------------- */

static void
tandem_leads_page_dispose (GObject *object)
{
  TandemLeadsPage *self = (TandemLeadsPage *) object;

  if (self->scoring != NULL)
    g_signal_handlers_disconnect_by_data (self->scoring, self);
  g_clear_object (&self->scoring);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  G_OBJECT_CLASS (tandem_leads_page_parent_class)->dispose (object);
  if (self->bound_scores != NULL)
    {
      GHashTableIter iter;
      gpointer item;

      g_hash_table_iter_init (&iter, self->bound_scores);
      while (g_hash_table_iter_next (&iter, &item, NULL))
        g_object_weak_unref (item, forget_score_cell, self);
      g_clear_pointer (&self->bound_scores, g_hash_table_unref);
    }
}

static void
tandem_leads_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, TANDEM_LEADS_PAGE (object)->store);
      break;
    case PROP_SCORING_STATE:
      g_value_set_object (value, TANDEM_LEADS_PAGE (object)->scoring);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_leads_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STORE:
      tandem_leads_page_set_store (TANDEM_LEADS_PAGE (object), g_value_get_object (value));
      break;
    case PROP_SCORING_STATE:
      tandem_leads_page_set_scoring_state (TANDEM_LEADS_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_leads_page_class_init (TandemLeadsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_leads_page_dispose;
  object_class->get_property = tandem_leads_page_get_property;
  object_class->set_property = tandem_leads_page_set_property;

  /* The workspace shown; the window binds it to its own */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where the live model's scores come from; the window binds the Scoring page's */
  properties[PROP_SCORING_STATE] = g_param_spec_object ("scoring-state", NULL, NULL, TANDEM_TYPE_SCORING_STATE,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/tandem-leads-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemLeadsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemLeadsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemLeadsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TandemLeadsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TandemLeadsPage, columns_list);
}

static void
tandem_leads_page_init (TandemLeadsPage *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_scores = g_hash_table_new (NULL, NULL);
  self->list = tandem_lead_list_new ();
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, G_CONNECT_SWAPPED);
  update_count (self);
}
