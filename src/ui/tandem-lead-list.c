/* tandem-lead-list.c — the workspace's leads as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds only the rowids of the leads it shows, in order — 8 bytes
 * a lead — and reads rows from the workspace a page at a time as the view
 * asks for them, keeping a few pages.  A million leads cost 8 MB and the
 * view creates widgets for the visible rows only.  Searching and sorting
 * happen in SQL on a worker thread with its own connection; the result
 * replaces the list whole, in one items-changed.
 */

#include "config.h"

#include "tandem-lead-list.h"

#include <math.h>

#define PAGE_SIZE 256
#define MAX_PAGES 32

struct _TandemLeadRow
{
  GObject  parent_instance;
  gint64   id;
  GStrv    cells;   /* n_columns strings, NULL entries for empty cells */
  guint    n_cells;
};

G_DEFINE_FINAL_TYPE (TandemLeadRow, tandem_lead_row, G_TYPE_OBJECT)

static void
tandem_lead_row_finalize (GObject *object)
{
  TandemLeadRow *self = (TandemLeadRow *) object;

  for (guint i = 0; i < self->n_cells; i++)
    g_free (self->cells[i]);
  g_free (self->cells);
  G_OBJECT_CLASS (tandem_lead_row_parent_class)->finalize (object);
}

static void
tandem_lead_row_class_init (TandemLeadRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_lead_row_finalize;
}

static void
tandem_lead_row_init (TandemLeadRow *self)
{
}

const char *
tandem_lead_row_get_cell (TandemLeadRow *self,
                          guint          column)
{
  g_return_val_if_fail (TANDEM_IS_LEAD_ROW (self), NULL);
  return column < self->n_cells ? self->cells[column] : NULL;
}

gint64
tandem_lead_row_get_id (TandemLeadRow *self)
{
  g_return_val_if_fail (TANDEM_IS_LEAD_ROW (self), 0);
  return self->id;
}

struct _TandemLeadList
{
  GObject       parent_instance;

  TandemStore  *store;
  GArray       *ids;          /* gint64 rowids, in display order */
  GHashTable   *pages;        /* page number → GPtrArray of TandemLeadRow */
  GQueue        page_order;   /* least recently used first */
  char         *search;
  int           sort_position;
  gboolean      descending;
  GArray       *sort_rowids;   /* gint64, ascending, or NULL: sorted in SQL */
  GArray       *sort_values;   /* double, alongside */
  gint64        total;
  GCancellable *cancellable;
  guint         loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemLeadList, tandem_lead_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
tandem_lead_list_get_item_type (GListModel *model)
{
  return TANDEM_TYPE_LEAD_ROW;
}

static guint
tandem_lead_list_get_n_items (GListModel *model)
{
  TandemLeadList *self = (TandemLeadList *) model;
  return self->ids->len;
}

static GPtrArray *
load_page (TandemLeadList *self,
           guint           page)
{
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - first);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (self->store);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_columns = columns->len;

  cells = tandem_store_fetch_leads (self->store, &g_array_index (self->ids, gint64, first), n, &error);
  if (cells == NULL)
    g_warning ("Could not read leads: %s", error->message);

  for (guint r = 0; r < n; r++)
    {
      TandemLeadRow *row = g_object_new (TANDEM_TYPE_LEAD_ROW, NULL);

      row->id = g_array_index (self->ids, gint64, first + r);
      row->n_cells = n_columns;
      row->cells = g_new0 (char *, n_columns + 1);
      for (guint c = 0; cells != NULL && c < n_columns; c++)
        row->cells[c] = g_steal_pointer (&g_ptr_array_index (cells, r * n_columns + c));
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static gpointer
tandem_lead_list_get_item (GListModel *model,
                           guint       position)
{
  TandemLeadList *self = (TandemLeadList *) model;
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->ids->len || self->store == NULL)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
      g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
      if (g_queue_get_length (&self->page_order) > MAX_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));
    }
  else
    {
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
    }

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tandem_lead_list_get_item_type;
  iface->get_n_items = tandem_lead_list_get_n_items;
  iface->get_item = tandem_lead_list_get_item;
}

/* ---- Queries ---------------------------------------------------------- */

typedef struct
{
  TandemStore *store;       /* the worker's own connection, or the list's for an in-memory one */
  char        *search;
  int          sort_position;
  gboolean     descending;
  GArray      *sort_rowids;
  GArray      *sort_values;
  gint64       total;
} Query;

static void
query_free (Query *q)
{
  g_clear_pointer (&q->sort_rowids, g_array_unref);
  g_clear_pointer (&q->sort_values, g_array_unref);
  g_clear_object (&q->store);
  g_free (q->search);
  g_free (q);
}

typedef struct
{
  gint64 id;
  double value;   /* NAN: none */
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Keyed *x = a, *y = b;
  gboolean descending = GPOINTER_TO_INT (user_data);

  if (isnan (x->value) != isnan (y->value))
    return isnan (x->value) ? 1 : -1;   /* no value: last, either way */
  if (!isnan (x->value) && x->value != y->value)
    return (x->value < y->value) == !descending ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);   /* ties in import order */
}

static double
value_of (const Query *q,
          gint64       id)
{
  const gint64 *rows = (const gint64 *) q->sort_rowids->data;
  guint lo = 0, hi = q->sort_rowids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (rows[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < q->sort_rowids->len && rows[lo] == id ? g_array_index (q->sort_values, double, lo) : NAN;
}

static GArray *
run_query (Query         *q,
           GCancellable  *cancellable,
           GError       **error)
{
  GArray *ids;
  g_autofree Keyed *keyed = NULL;

  q->total = tandem_store_count_leads (q->store);
  if (q->sort_rowids == NULL)
    return tandem_store_query_lead_ids (q->store, q->search, q->sort_position, q->descending, cancellable, error);

  /* Sorted by values from outside the workspace, here on the worker */
  ids = tandem_store_query_lead_ids (q->store, q->search, -1, FALSE, cancellable, error);
  if (ids == NULL)
    return NULL;
  keyed = g_new (Keyed, MAX (ids->len, 1));
  for (guint i = 0; i < ids->len; i++)
    {
      keyed[i].id = g_array_index (ids, gint64, i);
      keyed[i].value = value_of (q, keyed[i].id);
    }
  g_qsort_with_data (keyed, (gint) ids->len, sizeof (Keyed), compare_keyed, GINT_TO_POINTER (q->descending));
  for (guint i = 0; i < ids->len; i++)
    g_array_index (ids, gint64, i) = keyed[i].id;
  return ids;
}

static void
query_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Query *q = task_data;
  GError *error = NULL;
  GArray *ids = run_query (q, cancellable, &error);

  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
set_loading (TandemLeadList *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
apply_ids (TandemLeadList *self,
           GArray         *ids,
           gint64          total)
{
  guint removed = self->ids->len;

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
  self->total = total;

  /* Every row goes, then the new ones come, as two changes: one change
   * that both removes and adds makes GTK 4.8's list views look up each
   * added row for a widget to reuse, which reads all of them (a million
   * rows for a new sort).  The list is empty in between. */
  g_array_set_size (self->ids, 0);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_array_unref (self->ids);
  self->ids = ids;
  if (ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, ids->len);
  if (removed != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_query_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TandemLeadList) self = user_data;
  Query *q = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not list the leads: %s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }
  apply_ids (self, ids, q->total);
  set_loading (self, FALSE);
}

static void
refresh (TandemLeadList *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Query *q;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      apply_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)), 0);
      return;
    }

  q = g_new0 (Query, 1);
  q->search = g_strdup (self->search);
  q->sort_position = self->sort_position;
  q->descending = self->descending;
  if (self->sort_rowids != NULL)
    {
      q->sort_rowids = g_array_ref (self->sort_rowids);
      q->sort_values = g_array_ref (self->sort_values);
    }

  /* A workspace on disk is queried on a worker thread with its own
   * connection; an in-memory one (tests) has only the one connection. */
  if (tandem_store_get_path (self->store) != NULL)
    q->store = tandem_store_open_another (self->store, &error);
  if (q->store == NULL)
    {
      GArray *ids;

      q->store = g_object_ref (self->store);
      ids = run_query (q, NULL, &error);
      if (ids != NULL)
        apply_ids (self, ids, q->total);
      else
        g_warning ("Could not list the leads: %s", error->message);
      query_free (q);
      return;
    }

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_query_done, g_object_ref (self));
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, q, (GDestroyNotify) query_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, query_thread);
}

/* ---- Object ---------------------------------------------------------------- */

static void
tandem_lead_list_dispose (GObject *object)
{
  TandemLeadList *self = (TandemLeadList *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tandem_lead_list_parent_class)->dispose (object);
}

static void
tandem_lead_list_finalize (GObject *object)
{
  TandemLeadList *self = (TandemLeadList *) object;

  g_array_unref (self->ids);
  g_hash_table_unref (self->pages);
  g_queue_clear (&self->page_order);
  g_free (self->search);
  g_clear_pointer (&self->sort_rowids, g_array_unref);
  g_clear_pointer (&self->sort_values, g_array_unref);
  G_OBJECT_CLASS (tandem_lead_list_parent_class)->finalize (object);
}

static void
tandem_lead_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TandemLeadList *self = TANDEM_LEAD_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_lead_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TandemLeadList *self = TANDEM_LEAD_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      tandem_lead_list_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_lead_list_class_init (TandemLeadListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_lead_list_dispose;
  object_class->finalize = tandem_lead_list_finalize;
  object_class->get_property = tandem_lead_list_get_property;
  object_class->set_property = tandem_lead_list_set_property;

  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_lead_list_init (TandemLeadList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
  self->sort_position = -1;
}

TandemLeadList *
tandem_lead_list_new (void)
{
  return g_object_new (TANDEM_TYPE_LEAD_LIST, NULL);
}

void
tandem_lead_list_set_store (TandemLeadList *self,
                            TandemStore    *store)
{
  g_return_if_fail (TANDEM_IS_LEAD_LIST (self));

  if (!g_set_object (&self->store, store))
    return;
  self->sort_position = -1;
  self->descending = FALSE;
  g_clear_pointer (&self->sort_rowids, g_array_unref);
  g_clear_pointer (&self->sort_values, g_array_unref);
  refresh (self);
}

TandemStore *
tandem_lead_list_get_store (TandemLeadList *self)
{
  return self->store;
}

void
tandem_lead_list_set_search (TandemLeadList *self,
                             const char     *search)
{
  g_return_if_fail (TANDEM_IS_LEAD_LIST (self));

  if (g_strcmp0 (search, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  refresh (self);
}

const char *
tandem_lead_list_get_search (TandemLeadList *self)
{
  return self->search;
}

void
tandem_lead_list_set_sort (TandemLeadList *self,
                           int             position,
                           gboolean        descending)
{
  g_return_if_fail (TANDEM_IS_LEAD_LIST (self));

  if (self->sort_rowids == NULL && position == self->sort_position && (position < 0 || descending == self->descending))
    return;
  g_clear_pointer (&self->sort_rowids, g_array_unref);
  g_clear_pointer (&self->sort_values, g_array_unref);
  self->sort_position = position;
  self->descending = descending;
  refresh (self);
}

void
tandem_lead_list_set_sort_values (TandemLeadList *self,
                                  GArray         *rowids,
                                  GArray         *values,
                                  gboolean        descending)
{
  g_return_if_fail (TANDEM_IS_LEAD_LIST (self));
  g_return_if_fail ((rowids == NULL) == (values == NULL));
  g_return_if_fail (rowids == NULL || rowids->len == values->len);

  if (rowids == NULL)
    {
      tandem_lead_list_set_sort (self, -1, FALSE);
      return;
    }
  g_clear_pointer (&self->sort_rowids, g_array_unref);
  g_clear_pointer (&self->sort_values, g_array_unref);
  self->sort_rowids = g_array_ref (rowids);
  self->sort_values = g_array_ref (values);
  self->sort_position = -1;
  self->descending = descending;
  refresh (self);
}

void
tandem_lead_list_reload (TandemLeadList *self)
{
  g_return_if_fail (TANDEM_IS_LEAD_LIST (self));
  refresh (self);
}

gboolean
tandem_lead_list_get_loading (TandemLeadList *self)
{
  return self->loading;
}

gint64
tandem_lead_list_get_total (TandemLeadList *self)
{
  return self->total;
}
