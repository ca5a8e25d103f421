/* tandem-plan-actuals.c — a plan's conversion rates from the workspace's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-plan-actuals.h"

G_DEFINE_QUARK (tandem-plan-actuals-error-quark, tandem_plan_actuals_error)

TandemWaterfall *
tandem_plan_actuals_count (TandemStore   *store,
                           const char    *from,
                           const char    *to,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, from, to, NULL, FALSE };

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  /* The saved stages, else the ones the data has (as the Funnel shows them) */
  if (!tandem_funnel_choose (store, &taxonomy, &mapping, NULL, NULL, error))
    return NULL;
  return tandem_waterfall_compute (store, taxonomy, mapping, &options, cancellable, error);
}

static gboolean
stage_is (const TandemWaterfallStage *stage,
          const char                 *name)
{
  return g_ascii_strcasecmp (stage->name, name) == 0 || g_ascii_strcasecmp (stage->short_name, name) == 0;
}

guint
tandem_plan_actuals_apply (TandemPlanInput       *input,
                           const TandemWaterfall *waterfall,
                           gboolean              *out_stages_replaced)
{
  TandemWaterfallSegment *all;
  guint filled = 0, known = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (input != NULL && waterfall != NULL, 0);

  if (out_stages_replaced != NULL)
    *out_stages_replaced = FALSE;
  if (waterfall->segments->len == 0)
    return 0;
  all = g_ptr_array_index (waterfall->segments, 0);

  /* A plan over stages the workspace does not have takes the Funnel's
   * open and won stages instead */
  for (guint i = 0; i < input->n_stages; i++)
    for (guint s = 0; s < all->stages->len; s++)
      if (stage_is (&g_array_index (all->stages, TandemWaterfallStage, s), input->stages[i]))
        known++;
  for (guint s = 0; s < all->stages->len && names->len < TANDEM_PLAN_MAX_STAGES; s++)
    {
      TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
      if (st->kind == TANDEM_STAGE_OPEN || st->kind == TANDEM_STAGE_WON)
        g_ptr_array_add (names, st->name);
    }
  g_ptr_array_add (names, NULL);
  if (known < 2 && names->len > 2 && tandem_plan_input_set_stages (input, (const char *const *) names->pdata, NULL) &&
      out_stages_replaced != NULL)
    *out_stages_replaced = TRUE;

  for (guint i = 0; i + 1 < input->n_stages; i++)
    {
      gint64 from = -1, to = -1;
      for (guint s = 0; s < all->stages->len; s++)
        {
          TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);
          if (stage_is (st, input->stages[i]))
            from = st->reached;
          /* The last step ends at the won stage, whatever the plan calls it */
          if (stage_is (st, input->stages[i + 1]) || (i + 2 == input->n_stages && st->kind == TANDEM_STAGE_WON))
            to = st->reached;
        }
      if (from > 0 && to >= 0 && to <= from)
        {
          input->rates[i] = (double) to / from;
          filled++;
        }
    }
  return filled;
}

gboolean
tandem_plan_actuals_fill (TandemStore      *store,
                          TandemPlanInput  *input,
                          const char       *from,
                          const char       *to,
                          guint            *out_filled,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(TandemWaterfall) waterfall = NULL;
  g_autoptr(TandemPlanInput) updated = NULL;
  guint filled;

  g_return_val_if_fail (input != NULL, FALSE);

  waterfall = tandem_plan_actuals_count (store, from, to, cancellable, error);
  if (waterfall == NULL)
    return FALSE;
  updated = tandem_plan_input_copy (input);
  filled = tandem_plan_actuals_apply (updated, waterfall, NULL);
  if (filled == 0)
    {
      g_autoptr(GString) stages = g_string_new (NULL);

      for (guint i = 0; i < input->n_stages; i++)
        g_string_append_printf (stages, i > 0 ? ", %s" : "%s", input->stages[i]);
      g_set_error (error, TANDEM_PLAN_ACTUALS_ERROR, TANDEM_PLAN_ACTUALS_ERROR_NO_MATCH,
                   /* Translators: the plan's stages, "Inquiry, MQL, SAL, SQL, Won" */
                   _("None of the plan's stages (%s) are in the Funnel's stages, or no lead reached them"), stages->str);
      return FALSE;
    }
  /* The copy was the trial: now the caller's input */
  tandem_plan_actuals_apply (input, waterfall, NULL);
  if (out_filled != NULL)
    *out_filled = filled;
  return TRUE;
}
