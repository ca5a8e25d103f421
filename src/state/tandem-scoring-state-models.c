/* tandem-scoring-state-models.c — the models of a workspace: publish,
 * open, save as, rename, delete; and what is read from the scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-decisions.h"
#include "tandem-scoring-state-private.h"

/* ---- Models in the workspace ----------------------------------------- */

gboolean
tandem_scoring_state_flush_draft (TandemScoringState  *self,
                                  GError             **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  return tandem_draft_keeper_flush (self->keeper, error);
}

gboolean
tandem_scoring_state_publish (TandemScoringState  *self,
                              const char          *note,
                              GError             **error)
{
  g_autofree char *draft = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->store == NULL || self->model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no model to publish"));
      return FALSE;
    }
  draft = _tandem_scoring_state_draft_name (self->base_name);
  /* Live, the draft gone and the decision logged: all or nothing */
  if (!tandem_store_begin (self->store, error) ||
      !tandem_model_insert (self->model, self->store, TRUE, error) ||
      !tandem_model_delete (self->store, draft, error) ||
      !tandem_decision_insert (self->store, self->live, self->model, note, error) ||
      !tandem_store_commit (self->store, error))
    {
      tandem_store_rollback (self->store);
      return FALSE;
    }
  tandem_draft_keeper_cancel (self->keeper);
  _tandem_scoring_state_set_live (self, tandem_model_copy (self->model));
  _tandem_scoring_state_update_published (self);
  /* The draft's scores are now the live ones */
  if (self->scorer != NULL)
    {
      g_clear_pointer (&self->live_scorer, tandem_scorer_free);
      _tandem_scoring_state_score_again (self, TRUE);
    }
  text = g_strdup_printf (_("“%s” is now the live model"), self->base_name);
  _tandem_scoring_state_message (self, text);
  return TRUE;
}

gboolean
tandem_scoring_state_open_model (TandemScoringState  *self,
                                 const char          *name,
                                 GError             **error)
{
  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No workspace is open"));
      return FALSE;
    }
  if (!tandem_draft_keeper_flush (self->keeper, error))
    return FALSE;
  _tandem_scoring_state_load_model (self, name);
  return TRUE;
}

/* A name a new or renamed model can take, stripped; NULL with @error */
static char *
check_new_name (TandemScoringState  *self,
                const char          *name,
                GError             **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autoptr(TandemModel) existing = NULL;

  if (stripped[0] == '\0' || g_str_has_suffix (stripped, TANDEM_STORE_DRAFT_SUFFIX))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A model needs a name that does not end in “(draft)”"));
      return NULL;
    }
  existing = tandem_model_load (self->store, stripped, NULL);
  if (existing != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There is already a model named “%s”"), stripped);
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

gboolean
tandem_scoring_state_save_as (TandemScoringState  *self,
                              const char          *name,
                              GError             **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(TandemModel) copy = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->store == NULL || self->model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no model to save"));
      return FALSE;
    }
  if ((stripped = check_new_name (self, name, error)) == NULL)
    return FALSE;
  copy = tandem_model_copy (self->model);
  tandem_model_set_name (copy, stripped);
  if (!tandem_model_save (copy, self->store, FALSE, error))
    return FALSE;
  /* The old draft stays where it was; go on editing the new model */
  if (!tandem_draft_keeper_flush (self->keeper, &local))
    _tandem_scoring_state_message (self, local->message);
  _tandem_scoring_state_load_model (self, stripped);
  return TRUE;
}

gboolean
tandem_scoring_state_rename (TandemScoringState  *self,
                             const char          *new_name,
                             GError             **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);

  name = g_strstrip (g_strdup (new_name));
  if (self->store == NULL || self->model == NULL || g_strcmp0 (name, self->base_name) == 0)
    return TRUE;
  g_clear_pointer (&name, g_free);
  if ((name = check_new_name (self, new_name, error)) == NULL)
    return FALSE;
  /* Whatever is pending goes in under the old name first */
  if (!tandem_draft_keeper_flush (self->keeper, error))
    return FALSE;
  /* The model and its draft together, in one transaction, keeping their
   * dates and whether the model is live */
  if (!tandem_store_rename_model (self->store, self->base_name, name, error))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  _tandem_scoring_state_set_base_name (self, name);
  tandem_model_set_name (self->model, name);
  _tandem_scoring_state_set_live (self, tandem_model_load (self->store, NULL, NULL));
  _tandem_scoring_state_update_published (self);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

gboolean
tandem_scoring_state_delete_model (TandemScoringState  *self,
                                   GError             **error)
{
  g_autofree char *draft = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);

  if (self->store == NULL || self->model == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no model to delete"));
      return FALSE;
    }
  if (self->live != NULL && g_strcmp0 (self->base_name, tandem_model_get_name (self->live)) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("The live model cannot be deleted: publish another model first"));
      return FALSE;
    }
  draft = _tandem_scoring_state_draft_name (self->base_name);
  if (!tandem_store_begin (self->store, error) ||
      !tandem_model_delete (self->store, self->base_name, error) ||
      !tandem_model_delete (self->store, draft, error) ||
      !tandem_store_commit (self->store, error))
    {
      tandem_store_rollback (self->store);
      return FALSE;
    }
  tandem_draft_keeper_cancel (self->keeper);
  text = g_strdup_printf (_("Deleted the model “%s”"), self->base_name);
  _tandem_scoring_state_message (self, text);
  _tandem_scoring_state_load_model (self, NULL);   /* back to the live model */
  return TRUE;
}

gboolean
tandem_scoring_state_export_scores (TandemScoringState  *self,
                                    GFile               *file,
                                    GError             **error)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->scorer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The leads are still being scored; try again in a moment"));
      return FALSE;
    }
  tandem_scorer_set_bands (self->scorer, self->model);
  tandem_scorer_append_csv (self->scorer, csv);
  /* Written whole, then moved into place */
  return g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

typedef struct
{
  guint  lead;
  double total;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  double x = ((const Ranked *) a)->total, y = ((const Ranked *) b)->total;
  return (x < y) - (x > y);
}

GArray *
tandem_scoring_state_list_cell_leads (TandemScoringState *self,
                                      guint               f,
                                      guint               i)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GArray *leads = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;

  g_return_val_if_fail (TANDEM_IS_SCORING_STATE (self), leads);

  if (self->scorer == NULL)
    return leads;
  tandem_scorer_set_bands (self->scorer, self->model);
  n = tandem_scorer_get_n_leads (self->scorer);
  for (guint k = 0; k < n; k++)
    {
      TandemScore score;
      tandem_scorer_get_score (self->scorer, k, &score);
      if (score.fit_band == f && score.interest_band == i)
        g_array_append_val (ranked, ((Ranked) { k, score.fit + score.interest }));
    }
  g_array_sort (ranked, compare_ranked);
  for (guint k = 0; k < ranked->len; k++)
    g_array_append_val (leads, g_array_index (ranked, Ranked, k).lead);
  return leads;
}
