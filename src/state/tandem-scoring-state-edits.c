/* tandem-scoring-state-edits.c — every edit of the draft, and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each edit records the draft as it was, changes it, and hands over to
 * apply(): the scorer follows, the counts go out, the draft is saved.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tandem-scoring-state-private.h"

static TandemRule *
rule_at (TandemScoringState *self,
         TandemDimension     d,
         guint               r)
{
  GPtrArray *rules;

  if (self->model == NULL || d >= TANDEM_N_DIMENSIONS)
    return NULL;
  rules = tandem_model_get_dimension (self->model, d)->rules;
  return r < rules->len ? g_ptr_array_index (rules, r) : NULL;
}

static char *
rule_title (const TandemRule *rule)
{
  return rule->label != NULL && rule->label[0] != '\0' ? g_strdup (rule->label) : tandem_rule_dup_sentence (rule);
}

/* Records the draft as it is, before an edit described by @what.
 * Repeats of one edit (@key, a slider moving) make one step. */
static void
push_undo (TandemScoringState *self,
           const char         *what,
           const char         *key)
{
  Snapshot before = { self->model, self->what };

  tandem_history_push (self->history, &before, key);
  g_free (self->what);
  self->what = g_strdup (what);
}

/* The same, for an edit of @rule: @format names it ("Delete %s"). */
G_GNUC_PRINTF (2, 0)
static void
push_rule_undo (TandemScoringState *self,
                const char         *format,
                const TandemRule   *rule,
                const char         *key)
{
  g_autofree char *title = rule_title (rule);
  g_autofree char *what = NULL;

  /* @format is a literal where it is written, checked there (G_GNUC_PRINTF) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  what = g_strdup_printf (format, title);
#pragma GCC diagnostic pop
  push_undo (self, what, key);
}

/* ---- Edits ---------------------------------------------------------------- */

void
tandem_scoring_state_set_points (TandemScoringState *self,
                                 TandemDimension     dimension,
                                 guint               rule_index,
                                 double              points)
{
  TandemRule *rule;
  g_autofree char *key = NULL;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  rule = rule_at (self, dimension, rule_index);
  if (rule == NULL || !isfinite (points) || rule->points == points)
    return;
  key = g_strdup_printf ("points:%s:%u", dimension == TANDEM_DIMENSION_FIT ? "fit" : "interest", rule_index);
  push_rule_undo (self, _("Points of %s"), rule, key);
  rule->points = points;
  _tandem_scoring_state_apply (self, FALSE);
}

void
tandem_scoring_state_set_enabled (TandemScoringState *self,
                                  TandemDimension     dimension,
                                  guint               rule_index,
                                  gboolean            enabled)
{
  TandemRule *rule;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  rule = rule_at (self, dimension, rule_index);
  if (rule == NULL || !rule->enabled == !enabled)
    return;
  push_rule_undo (self, enabled ? _("Turn on %s") : _("Turn off %s"), rule, NULL);
  rule->enabled = !!enabled;
  _tandem_scoring_state_apply (self, FALSE);
}

/* Adds (@index past the end) or replaces a rule, if it fits the workspace */
static gboolean
put_rule (TandemScoringState *self,
          TandemDimension     d,
          guint               index,
          TandemRule         *rule_in,
          GError            **error)
{
  g_autoptr(TandemRule) rule = rule_in;
  GPtrArray *rules;

  if (self->model == NULL || self->store == NULL || d >= TANDEM_N_DIMENSIONS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no model to add a rule to"));
      return FALSE;
    }
  if (!tandem_rule_validate (rule, self->store, error))
    return FALSE;
  rules = tandem_model_get_dimension (self->model, d)->rules;
  push_rule_undo (self, index >= rules->len ? _("Add %s") : _("Edit %s"), rule, NULL);
  if (index >= rules->len)
    g_ptr_array_add (rules, g_steal_pointer (&rule));
  else
    {
      g_ptr_array_insert (rules, index, g_steal_pointer (&rule));
      g_ptr_array_remove_index (rules, index + 1);
    }
  _tandem_scoring_state_apply (self, TRUE);
  return TRUE;
}

gboolean
tandem_scoring_state_add_rule (TandemScoringState *self,
                               TandemDimension     dimension,
                               TandemRule         *rule,
                               GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  return put_rule (self, dimension, G_MAXUINT, rule, error);
}

gboolean
tandem_scoring_state_replace_rule (TandemScoringState *self,
                                   TandemDimension     dimension,
                                   guint               rule_index,
                                   TandemRule         *rule,
                                   GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  if (rule_at (self, dimension, rule_index) == NULL)
    {
      tandem_rule_free (rule);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no rule %u to replace"), rule_index + 1);
      return FALSE;
    }
  return put_rule (self, dimension, rule_index, rule, error);
}

void
tandem_scoring_state_duplicate_rule (TandemScoringState *self,
                                     TandemDimension     dimension,
                                     guint               rule_index)
{
  TandemRule *rule;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  if ((rule = rule_at (self, dimension, rule_index)) == NULL)
    return;
  push_rule_undo (self, _("Duplicate %s"), rule, NULL);
  g_ptr_array_insert (tandem_model_get_dimension (self->model, dimension)->rules, (int) rule_index + 1, tandem_rule_copy (rule));
  _tandem_scoring_state_apply (self, TRUE);
}

void
tandem_scoring_state_delete_rule (TandemScoringState *self,
                                  TandemDimension     dimension,
                                  guint               rule_index)
{
  TandemRule *rule;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  if ((rule = rule_at (self, dimension, rule_index)) == NULL)
    return;
  title = rule_title (rule);
  text = g_strdup_printf (_("Deleted %s — Ctrl+Z brings it back"), title);
  push_rule_undo (self, _("Delete %s"), rule, NULL);
  _tandem_scoring_state_message (self, text);
  g_ptr_array_remove_index (tandem_model_get_dimension (self->model, dimension)->rules, rule_index);
  _tandem_scoring_state_apply (self, TRUE);
}

void
tandem_scoring_state_set_threshold (TandemScoringState *self,
                                    TandemDimension     d,
                                    guint               index,
                                    double              value,
                                    gboolean            light)
{
  TandemDimensionSpec *spec;
  g_autofree char *what = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  if (self->model == NULL || d >= TANDEM_N_DIMENSIONS || !isfinite (value))
    return;
  spec = tandem_model_get_dimension (self->model, d);
  if (index >= spec->n_thresholds)
    return;
  /* Bands stay in order: between the neighbours, a hundredth apart */
  if (index > 0)
    value = MIN (value, spec->thresholds[index - 1] - 0.01);
  if (index + 1 < spec->n_thresholds)
    value = MAX (value, spec->thresholds[index + 1] + 0.01);
  if (spec->thresholds[index] != value)
    {
      what = g_strdup_printf (d == TANDEM_DIMENSION_FIT ? _("Start of fit band %c") : _("Start of interest band %c"),
                              d == TANDEM_DIMENSION_FIT ? 'A' + index : '1' + index);
      key = g_strdup_printf ("threshold:%s:%u", d == TANDEM_DIMENSION_FIT ? "fit" : "interest", index);
      push_undo (self, what, key);
      spec->thresholds[index] = value;
      _tandem_scoring_state_edited (self);
    }
  else if (light)
    return;
  /* A drag's frames recount from the histogram; its end, in full */
  if (self->scorer != NULL && !light)
    tandem_scorer_set_bands (self->scorer, self->model);
  _tandem_scoring_state_recount (self, light);
}

gboolean
tandem_scoring_state_set_limit (TandemScoringState *self,
                                TandemDimension     d,
                                gboolean            is_cap,
                                gboolean            on,
                                double              value,
                                GError            **error)
{
  TandemDimensionSpec *spec;
  g_autofree char *key = NULL;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->model == NULL || d >= TANDEM_N_DIMENSIONS || !isfinite (value))
    return TRUE;
  spec = tandem_model_get_dimension (self->model, d);
  if (on && ((is_cap && spec->has_floor && value <= spec->floor) || (!is_cap && spec->has_cap && value >= spec->cap)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The highest score must be above the lowest"));
      return FALSE;
    }
  if (is_cap ? (!spec->has_cap == !on && spec->cap == value) : (!spec->has_floor == !on && spec->floor == value))
    return TRUE;
  key = g_strdup_printf ("limit:%s:%s", d == TANDEM_DIMENSION_FIT ? "fit" : "interest", is_cap ? "cap" : "floor");
  push_undo (self, is_cap ? _("Highest score") : _("Lowest score"), key);
  if (is_cap)
    spec->has_cap = !!on, spec->cap = value;
  else
    spec->has_floor = !!on, spec->floor = value;
  _tandem_scoring_state_apply (self, FALSE);
  return TRUE;
}

void
tandem_scoring_state_change_bands (TandemScoringState *self,
                                   TandemDimension     d,
                                   int                 delta)
{
  TandemDimensionSpec *spec;
  guint n;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  if (self->model == NULL || d >= TANDEM_N_DIMENSIONS || delta == 0)
    return;
  spec = tandem_model_get_dimension (self->model, d);
  n = spec->n_thresholds;
  if ((delta > 0 && n >= TANDEM_MAX_THRESHOLDS) || (delta < 0 && n <= 1))
    return;
  push_undo (self, delta > 0 ? _("Add a band") : _("Remove a band"), NULL);
  if (delta > 0)
    {
      /* The new band below the lowest: as far below as the last step */
      double step = n >= 2 ? spec->thresholds[n - 2] - spec->thresholds[n - 1] : 10;
      spec->thresholds[n] = spec->thresholds[n - 1] - MAX (step, 1);
      spec->n_thresholds++;
    }
  else
    {
      spec->n_thresholds--;
      /* Cells of the band that went away are no longer MQL */
      for (guint k = 0; k < TANDEM_MAX_BANDS; k++)
        {
          if (d == TANDEM_DIMENSION_FIT)
            tandem_model_set_mql_cell (self->model, spec->n_thresholds + 1, k, FALSE);
          else
            tandem_model_set_mql_cell (self->model, k, spec->n_thresholds + 1, FALSE);
        }
    }
  _tandem_scoring_state_apply (self, TRUE);
}

void
tandem_scoring_state_toggle_cell (TandemScoringState *self,
                                  guint               f,
                                  guint               i)
{
  gboolean now;
  g_autofree char *cell = NULL;
  g_autofree char *what = NULL;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  if (self->model == NULL || f >= tandem_model_get_n_bands (self->model, TANDEM_DIMENSION_FIT) ||
      i >= tandem_model_get_n_bands (self->model, TANDEM_DIMENSION_INTEREST))
    return;
  now = !tandem_model_is_mql_cell (self->model, f, i);
  cell = tandem_model_cell_name (f, i);
  what = g_strdup_printf (now ? _("Make %s an MQL cell") : _("Take %s out of MQL"), cell);
  push_undo (self, what, NULL);
  tandem_model_set_mql_cell (self->model, f, i, now);
  _tandem_scoring_state_apply (self, FALSE);
}

gboolean
_tandem_scoring_state_replace_whole (TandemScoringState  *self,
                                     TandemModel         *model,
                                     const char          *what,
                                     GError             **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  if (self->model == NULL || self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no model to replace"));
      return FALSE;
    }
  if (!tandem_model_validate (model, self->store, error))
    return FALSE;
  push_undo (self, what, NULL);
  model = tandem_model_copy (model);
  tandem_model_set_name (model, self->base_name);
  _tandem_scoring_state_replace_draft (self, model, g_strdup (self->what));
  _tandem_scoring_state_apply (self, TRUE);
  return TRUE;
}

gboolean
tandem_scoring_state_replace_model (TandemScoringState *self,
                                    TandemModel        *model,
                                    GError            **error)
{
  return _tandem_scoring_state_replace_whole (self, model, _("Import a model"), error);
}

void
tandem_scoring_state_discard_draft (TandemScoringState *self)
{
  g_autoptr(TandemModel) base = NULL;

  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));

  if (self->store == NULL || self->model == NULL)
    return;
  base = tandem_model_load (self->store, self->base_name, NULL);
  push_undo (self, _("Discard the draft"), NULL);
  _tandem_scoring_state_replace_draft (self, base ? g_steal_pointer (&base) : tandem_model_new (self->base_name), g_strdup (self->what));
  _tandem_scoring_state_apply (self, TRUE);
  _tandem_scoring_state_message (self, _("Draft discarded — Ctrl+Z brings it back"));
}

static void
restore (TandemScoringState *self,
         gboolean            redo)
{
  Snapshot current = { self->model, self->what };
  Snapshot *step;
  g_autofree char *text = NULL;

  if (self->model == NULL)
    return;
  step = redo ? tandem_history_redo (self->history, &current) : tandem_history_undo (self->history, &current);
  if (step == NULL)
    return;
  /* Translators: "Undone: Points of Senior title" */
  text = g_strdup_printf ("%s: %s", redo ? _("Redone") : _("Undone"), redo ? step->what : self->what);
  _tandem_scoring_state_replace_draft (self, g_steal_pointer (&step->model), g_steal_pointer (&step->what));
  _tandem_scoring_state_snapshot_free (step);
  _tandem_scoring_state_apply (self, TRUE);
  _tandem_scoring_state_message (self, text);
}

void
tandem_scoring_state_undo (TandemScoringState *self)
{
  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));
  restore (self, FALSE);
}

void
tandem_scoring_state_redo (TandemScoringState *self)
{
  g_return_if_fail (TANDEM_IS_SCORING_STATE (self));
  restore (self, TRUE);
}

