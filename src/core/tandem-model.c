/* tandem-model.c — a two-dimensional lead-scoring model, checked against a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-model-private.h"
#include "tandem-csv.h"
#include "tandem-file.h"
#include "tandem-json.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (tandem-model-error-quark, tandem_model_error)

G_DEFINE_BOXED_TYPE (TandemModel, tandem_model, tandem_model_ref, tandem_model_unref)

const char *const tandem_rule_op_names[TANDEM_N_OPS] = {
  "equals", "not-equals", "in", "not-in", "contains", "starts-with", "ends-with", "matches",
  "empty", "not-empty", "<", "<=", ">", ">=", "between", "within-days", "times",
};

const char *const tandem_model_dimension_keys[TANDEM_N_DIMENSIONS] = { "fit", "interest" };

const char *
tandem_rule_op_to_string (TandemRuleOp op)
{
  g_return_val_if_fail ((guint) op < TANDEM_N_OPS, "equals");
  return tandem_rule_op_names[op];
}

gboolean
tandem_rule_op_from_string (const char   *str,
                            TandemRuleOp *out_op)
{
  for (guint i = 0; i < TANDEM_N_OPS; i++)
    if (g_strcmp0 (str, tandem_rule_op_names[i]) == 0)
      {
        *out_op = (TandemRuleOp) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- Rules ---------------------------------------------------------------- */

TandemRule *
tandem_rule_copy (const TandemRule *rule)
{
  TandemRule *copy = g_new0 (TandemRule, 1);

  *copy = *rule;
  copy->field = g_strdup (rule->field);
  copy->event = g_strdup (rule->event);
  copy->texts = g_strdupv (rule->texts);
  copy->label = g_strdup (rule->label);
  return copy;
}

void
tandem_rule_free (TandemRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->field);
  g_free (rule->event);
  g_strfreev (rule->texts);
  g_free (rule->label);
  g_free (rule);
}

/* ---- Model -------------------------------------------------------------- */

TandemModel *
tandem_model_new (const char *name)
{
  TandemModel *self = g_new0 (TandemModel, 1);
  static const double defaults[TANDEM_N_DIMENSIONS][3] = { { 60, 40, 20 }, { 50, 25, 10 } };

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name ? name : _("Untitled model"));
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      self->dims[d].rules = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_rule_free);
      self->dims[d].n_thresholds = 3;
      memcpy (self->dims[d].thresholds, defaults[d], sizeof defaults[d]);
    }
  return self;
}

TandemModel *
tandem_model_ref (TandemModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tandem_model_unref (TandemModel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    g_ptr_array_unref (self->dims[d].rules);
  g_free (self->name);
  g_free (self);
}

TandemModel *
tandem_model_copy (const TandemModel *self)
{
  TandemModel *copy = tandem_model_new (self->name);

  copy->mql = self->mql;
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = copy->dims[d].rules;
      copy->dims[d] = self->dims[d];
      copy->dims[d].rules = rules;
      for (guint i = 0; i < self->dims[d].rules->len; i++)
        g_ptr_array_add (rules, tandem_rule_copy (g_ptr_array_index (self->dims[d].rules, i)));
    }
  return copy;
}

const char *
tandem_model_get_name (const TandemModel *self)
{
  return self->name;
}

void
tandem_model_set_name (TandemModel *self,
                       const char  *name)
{
  g_return_if_fail (name != NULL);
  g_free (self->name);
  self->name = g_strdup (name);
}

TandemDimensionSpec *
tandem_model_get_dimension (TandemModel     *self,
                            TandemDimension  dimension)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, NULL);
  return &self->dims[dimension];
}

guint
tandem_model_get_n_bands (const TandemModel *self,
                          TandemDimension    dimension)
{
  g_return_val_if_fail (dimension < TANDEM_N_DIMENSIONS, 0);
  return self->dims[dimension].n_thresholds + 1;
}

guint
tandem_model_band_of (const TandemModel *self,
                      TandemDimension    dimension,
                      double             score)
{
  const TandemDimensionSpec *spec = &self->dims[dimension];
  guint band = 0;

  while (band < spec->n_thresholds && score < spec->thresholds[band])
    band++;
  return band;
}

gboolean
tandem_model_is_mql_cell (const TandemModel *self,
                          guint              fit_band,
                          guint              interest_band)
{
  g_return_val_if_fail (fit_band < TANDEM_MAX_BANDS && interest_band < TANDEM_MAX_BANDS, FALSE);
  return (self->mql >> (fit_band * TANDEM_MAX_BANDS + interest_band)) & 1;
}

void
tandem_model_set_mql_cell (TandemModel *self,
                           guint        fit_band,
                           guint        interest_band,
                           gboolean     mql)
{
  guint64 bit;

  g_return_if_fail (fit_band < TANDEM_MAX_BANDS && interest_band < TANDEM_MAX_BANDS);
  bit = G_GUINT64_CONSTANT (1) << (fit_band * TANDEM_MAX_BANDS + interest_band);
  if (mql)
    self->mql |= bit;
  else
    self->mql &= ~bit;
}

char *
tandem_model_cell_name (guint fit_band,
                        guint interest_band)
{
  return g_strdup_printf ("%c%u", 'A' + fit_band, interest_band + 1);
}

/* ---- Against a workspace ---------------------------------------------- */

static gboolean
check_rule_against_column (const TandemRule   *rule,
                           const TandemColumn *column,
                           const char         *path,
                           GError            **error)
{
  g_autofree char *op_where = g_strdup_printf ("%s.op", path);
  g_autofree char *value_where = g_strdup_printf ("%s.value", path);
  const char *type = tandem_column_type_to_string (column->type);
  gboolean has_date_value = rule->n_numbers == 0 && rule->texts != NULL;

  switch (rule->op)
    {
    case TANDEM_OP_EMPTY:
    case TANDEM_OP_NOT_EMPTY:
      return TRUE;

    case TANDEM_OP_IN:
    case TANDEM_OP_NOT_IN:
    case TANDEM_OP_CONTAINS:
    case TANDEM_OP_STARTS_WITH:
    case TANDEM_OP_ENDS_WITH:
    case TANDEM_OP_MATCHES:
      if (column->type != TANDEM_COLUMN_TEXT)
        return tandem_model_invalid (error, op_where, _("“%s” compares text, but “%s” is a %s column"),
                                     tandem_rule_op_names[rule->op], column->name, type);
      return TRUE;

    case TANDEM_OP_EQUALS:
    case TANDEM_OP_NOT_EQUALS:
      switch (column->type)
        {
        case TANDEM_COLUMN_NUMBER:
          if (rule->n_numbers != 1)
            return tandem_model_invalid (error, value_where, _("“%s” is a number column; the value must be a number"), column->name);
          return TRUE;
        case TANDEM_COLUMN_BOOLEAN:
          {
            gboolean b;
            if (!tandem_parse_boolean (rule->texts[0], &b))
              return tandem_model_invalid (error, value_where, _("“%s” is a yes/no column; the value must be true or false"), column->name);
            return TRUE;
          }
        case TANDEM_COLUMN_DATE:
          if (!tandem_parse_date (rule->texts[0], NULL))
            return tandem_model_invalid (error, value_where, _("“%s” is a date column; the value must be a date (YYYY-MM-DD)"), column->name);
          return TRUE;
        case TANDEM_COLUMN_TEXT:
        default:
          return TRUE;
        }

    case TANDEM_OP_LT:
    case TANDEM_OP_LE:
    case TANDEM_OP_GT:
    case TANDEM_OP_GE:
    case TANDEM_OP_BETWEEN:
      if (column->type == TANDEM_COLUMN_NUMBER && !has_date_value)
        return TRUE;
      if (column->type == TANDEM_COLUMN_DATE && has_date_value)
        return TRUE;
      if (column->type == TANDEM_COLUMN_NUMBER || column->type == TANDEM_COLUMN_DATE)
        return tandem_model_invalid (error, value_where, _("“%s” is a %s column; the value must be a %s"),
                                     column->name, type, column->type == TANDEM_COLUMN_NUMBER ? _("number") : _("date (YYYY-MM-DD)"));
      return tandem_model_invalid (error, op_where, _("“%s” compares numbers or dates, but “%s” is a %s column"),
                                   tandem_rule_op_names[rule->op], column->name, type);

    case TANDEM_OP_WITHIN_DAYS:
      if (column->type != TANDEM_COLUMN_DATE)
        return tandem_model_invalid (error, op_where, _("“within-days” needs a date column, but “%s” is a %s column"), column->name, type);
      return TRUE;

    case TANDEM_OP_TIMES:
      if (column->type != TANDEM_COLUMN_NUMBER)
        return tandem_model_invalid (error, op_where, _("“times” needs a number column, but “%s” is a %s column"), column->name, type);
      return TRUE;

    case TANDEM_N_OPS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
tandem_model_validate (const TandemModel  *self,
                       TandemStore        *store,
                       GError            **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) event_types = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  columns = tandem_store_list_columns (store);
  event_types = tandem_store_list_event_types (store);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = self->dims[d].rules;

      for (guint i = 0; i < rules->len; i++)
        {
          TandemRule *rule = g_ptr_array_index (rules, i);
          g_autofree char *path = g_strdup_printf ("%s.rules[%u]", tandem_model_dimension_keys[d], i);
          TandemColumn *column = NULL;

          if (rule->event)
            {
              gboolean known = FALSE;
              for (guint e = 0; e < event_types->len && !known; e++)
                known = g_str_equal (g_ptr_array_index (event_types, e), rule->event);
              if (!known)
                {
                  g_autofree char *where = g_strdup_printf ("%s.event", path);
                  return tandem_model_invalid (error, where, _("unknown event type \"%s\""), rule->event);
                }
              continue;
            }

          for (guint c = 0; c < columns->len && column == NULL; c++)
            if (g_str_equal (((TandemColumn *) g_ptr_array_index (columns, c))->name, rule->field))
              column = g_ptr_array_index (columns, c);
          if (column == NULL)
            {
              g_autofree char *where = g_strdup_printf ("%s.field", path);
              return tandem_model_invalid (error, where, _("unknown field \"%s\""), rule->field);
            }
          if (!check_rule_against_column (rule, column, path, error))
            return FALSE;
        }
    }
  return TRUE;
}
gboolean
tandem_rule_validate (const TandemRule  *rule,
                      TandemStore       *store,
                      GError           **error)
{
  g_autoptr(TandemModel) model = tandem_model_new ("rule");

  g_ptr_array_add (model->dims[rule->event ? TANDEM_DIMENSION_INTEREST : TANDEM_DIMENSION_FIT].rules, tandem_rule_copy (rule));
  return tandem_model_validate (model, store, error);
}

/* ---- Models in a workspace -------------------------------------------- */

gboolean
tandem_model_insert (const TandemModel  *self,
                     TandemStore        *store,
                     gboolean            live,
                     GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  g_autofree char *json = tandem_model_to_json (self);
  g_autoptr(TandemModel) read_back = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Only what reads back is written: a model built in memory may hold a
   * number out of range, or no name. */
  read_back = tandem_model_new_from_json (json, -1, &local_error);
  if (read_back == NULL)
    {
      g_set_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID,
                   _("The model “%s” cannot be saved: %s"), self->name, local_error->message);
      return FALSE;
    }
  /* With no rule every lead would sit in the last cell: nothing to agree on */
  if (live && self->dims[TANDEM_DIMENSION_FIT].rules->len == 0 && self->dims[TANDEM_DIMENSION_INTEREST].rules->len == 0)
    {
      g_set_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID,
                   _("The model “%s” has no rules, so it cannot be live: add a rule, or suggest a model from outcomes"),
                   self->name);
      return FALSE;
    }
  if (live && !tandem_store_exec (store, "UPDATE models SET live = 0 WHERE live = 1", error))
    return FALSE;
  stmt = tandem_store_prepare (store,
                               "INSERT INTO models (name, body, live, created_at, modified_at) VALUES (?1, ?2, ?3, ?4, ?4) "
                               "ON CONFLICT (name) DO UPDATE SET body = excluded.body, modified_at = excluded.modified_at, "
                               "live = max (models.live, excluded.live)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, live ? 1 : 0);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not save the model"));
      return FALSE;
    }
  return TRUE;
}

gboolean
tandem_model_save (const TandemModel  *self,
                   TandemStore        *store,
                   gboolean            live,
                   GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!tandem_model_insert (self, store, live, error) || !tandem_store_commit (store, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

TandemModel *
tandem_model_load (TandemStore  *store,
                   const char   *name,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  TandemModel *model;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = tandem_store_prepare (store,
                               name ? "SELECT body FROM models WHERE name = ?1" : "SELECT body FROM models WHERE live = 1",
                               error);
  if (stmt == NULL)
    return NULL;
  if (name)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (name)
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                     _("The workspace has no model named “%s”"), name);
      else
        g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                             _("The workspace has no live model; import one with “tandem-cli rules import … --live”"));
      return NULL;
    }

  model = tandem_model_new_from_json ((const char *) sqlite3_column_text (stmt, 0), -1, &local_error);
  if (model == NULL)
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                 _("The model stored in the workspace is damaged: %s"), local_error->message);
  return model;
}

gboolean
tandem_model_delete (TandemStore  *store,
                     const char   *name,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  stmt = tandem_store_prepare (store, "DELETE FROM models WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tandem_store_set_error (store, error, _("Could not delete the model"));
      return FALSE;
    }
  return TRUE;
}

/* The rules with what an in-place edit may change (points, on/off)
 * neutralised, and no bands, limits or cells: what a scorer compiles. */
static char *
structure_of (const TandemModel *model)
{
  g_autoptr(TandemModel) copy = tandem_model_copy (model);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      TandemDimensionSpec *spec = tandem_model_get_dimension (copy, d);
      for (guint r = 0; r < spec->rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (spec->rules, r);
          rule->points = 0;
          rule->enabled = TRUE;
        }
      spec->has_floor = spec->has_cap = FALSE;
      spec->floor = spec->cap = 0;
      spec->n_thresholds = 1;
      spec->thresholds[0] = 0;
    }
  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint i = 0; i < TANDEM_MAX_BANDS; i++)
      tandem_model_set_mql_cell (copy, f, i, FALSE);
  tandem_model_set_name (copy, "");
  return tandem_model_to_json (copy);
}

gboolean
tandem_model_same_rules (const TandemModel *a,
                         const TandemModel *b)
{
  g_autofree char *x = structure_of (a);
  g_autofree char *y = structure_of (b);

  return g_str_equal (x, y);
}

gboolean
tandem_model_equal (const TandemModel *a,
                    const TandemModel *b)
{
  g_autoptr(TandemModel) named = tandem_model_copy (b);
  g_autofree char *x = NULL, *y = NULL;

  tandem_model_set_name (named, tandem_model_get_name (a));
  x = tandem_model_to_json (a);
  y = tandem_model_to_json (named);
  return g_str_equal (x, y);
}

void
tandem_model_info_free (TandemModelInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->modified_at);
  g_free (info);
}

GPtrArray *
tandem_model_list (TandemStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_model_info_free);

  stmt = tandem_store_prepare (store, "SELECT name, live, modified_at FROM models ORDER BY name", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      TandemModelInfo *info = g_new0 (TandemModelInfo, 1);
      info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->live = sqlite3_column_int (stmt, 1) != 0;
      info->modified_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (list, info);
    }
  return list;
}
