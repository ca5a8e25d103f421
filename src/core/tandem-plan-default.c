/* tandem-plan-default.c — the plan a workspace starts from, before any scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "tandem-funnel.h"
#include "tandem-plan-actuals.h"
#include "tandem-plan-default.h"
#include "tandem-store-private.h"

#define MAX_DEAL_SIZE 1e13

TandemPlanInput *
tandem_plan_default_example (void)
{
  TandemPlanInput *input = tandem_plan_input_new_from_json (
    "{\"stages\": [\"Inquiry\", \"MQL\", \"SAL\", \"SQL\", \"Won\"], \"rates\": [0.1, 0.5, 0.6, 0.2],"
    " \"mode\": \"revenue\", \"revenue\": 2000000, \"deal_size\": 75000, \"rounding\": \"ceil\", \"period\": \"quarter\"}",
    -1, NULL);

  g_assert (input != NULL);   /* ours */
  return input;
}

void
tandem_plan_default_free (TandemPlanDefault *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->input, tandem_plan_input_free);
  g_free (self->stages_note);
  g_free (self->rates_note);
  g_free (self->deal_size_note);
  g_free (self->revenue_note);
  g_free (self);
}

TandemPlanDefault *
tandem_plan_default_copy (const TandemPlanDefault *self)
{
  TandemPlanDefault *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->input = tandem_plan_input_copy (self->input);
  copy->stages_note = g_strdup (self->stages_note);
  copy->rates_note = g_strdup (self->rates_note);
  copy->deal_size_note = g_strdup (self->deal_size_note);
  copy->revenue_note = g_strdup (self->revenue_note);
  return copy;
}

/* ---- The median won deal ---------------------------------------------------- */

typedef struct
{
  const TandemTaxonomy      *taxonomy;
  const TandemFunnelMapping *mapping;
  int                        won_by;    /* 0: the outcome (cell 1), 1: the stage (cell 1), 2: a won date (cell 1) */
  GArray                    *amounts;   /* double */
} DealsJob;

static gboolean
is_won_stage (const DealsJob *job,
              const char     *text)
{
  const char *mapped;
  int stage;

  if (text == NULL)
    return FALSE;
  mapped = tandem_funnel_mapping_get_value (job->mapping, text);
  stage = tandem_taxonomy_find_stage (job->taxonomy, mapped ? mapped : text);
  return stage >= 0 && tandem_taxonomy_get_stage (job->taxonomy, (guint) stage)->kind == TANDEM_STAGE_WON;
}

static gboolean
note_deal (const TandemLeadRecord  *record,
           gpointer                 data,
           GError                 **error)
{
  DealsJob *job = data;
  double amount;
  gboolean won;

  if (tandem_lead_record_is_null (record, 0) || tandem_lead_record_is_null (record, 1))
    return TRUE;
  amount = tandem_lead_record_get_number (record, 0);
  won = job->won_by == 0 ? tandem_lead_record_get_boolean (record, 1)
        : job->won_by == 1 ? is_won_stage (job, tandem_lead_record_get_text (record, 1))
        : TRUE;
  /* A won deal of nothing (or of more than a plan takes) is no deal size */
  if (won && isfinite (amount) && amount > 0 && amount <= MAX_DEAL_SIZE)
    g_array_append_val (job->amounts, amount);
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The column saying a lead was won: the outcome, else the current stage,
 * else the date of a won stage */
static TandemColumn *
won_column (TandemStore          *store,
            const TandemTaxonomy *taxonomy,
            int                  *out_won_by)
{
  TandemColumn *column;
  g_autoptr(GPtrArray) columns = NULL;

  if ((column = tandem_store_find_column_by_role (store, "outcome")) != NULL)
    {
      *out_won_by = 0;
      return column;
    }
  if ((column = tandem_store_find_column_by_role (store, "stage")) != NULL)
    {
      *out_won_by = 1;
      return column;
    }
  columns = tandem_store_list_columns (store);
  for (guint c = 0; c < columns->len; c++)
    {
      TandemColumn *candidate = g_ptr_array_index (columns, c);
      g_autofree char *stage = NULL;
      TandemRoleKind kind;
      int index;

      if (candidate->type == TANDEM_COLUMN_DATE && tandem_role_parse (candidate->role, &kind, &stage, NULL) &&
          kind == TANDEM_ROLE_STAGE_DATE && (index = tandem_taxonomy_find_stage (taxonomy, stage)) >= 0 &&
          tandem_taxonomy_get_stage (taxonomy, (guint) index)->kind == TANDEM_STAGE_WON)
        {
          *out_won_by = 2;
          return tandem_column_copy (candidate);
        }
    }
  return NULL;
}

/* The median amount of the won deals; FALSE without any */
static gboolean
median_won_deal (TandemStore                *store,
                 const TandemTaxonomy       *taxonomy,
                 const TandemFunnelMapping  *mapping,
                 double                     *out_median,
                 gint64                     *out_deals,
                 GCancellable               *cancellable,
                 GError                    **error)
{
  g_autoptr(TandemColumn) amount = tandem_store_find_column_by_role (store, "amount");
  g_autoptr(TandemColumn) won = NULL;
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (double));
  const TandemColumn *read[2];
  DealsJob job = { taxonomy, mapping, 0, amounts };
  guint n;

  *out_deals = 0;
  if (amount == NULL || amount->type != TANDEM_COLUMN_NUMBER ||
      (won = won_column (store, taxonomy, &job.won_by)) == NULL)
    return TRUE;
  read[0] = amount;
  read[1] = won;
  if (!tandem_store_read_leads (store, read, 2, note_deal, &job, cancellable, error))
    return FALSE;
  n = amounts->len;
  *out_deals = n;
  if (n > 0)
    {
      g_array_sort (amounts, compare_doubles);
      *out_median = n % 2 ? g_array_index (amounts, double, n / 2)
                          : (g_array_index (amounts, double, n / 2 - 1) + g_array_index (amounts, double, n / 2)) / 2;
    }
  return TRUE;
}

/* ---- The plan ----------------------------------------------------------------- */

/* The waterfall's open and won stages that leads reach, in order */
static GPtrArray *
reached_stages (const TandemWaterfallSegment *all,
                gint64                       *out_first)
{
  GPtrArray *names = g_ptr_array_new ();

  *out_first = 0;
  for (guint s = 0; s < all->stages->len && names->len < TANDEM_PLAN_MAX_STAGES; s++)
    {
      const TandemWaterfallStage *st = &g_array_index (all->stages, TandemWaterfallStage, s);

      if ((st->kind != TANDEM_STAGE_OPEN && st->kind != TANDEM_STAGE_WON) || st->reached <= 0)
        continue;
      if (names->len == 0)
        *out_first = st->reached;
      g_ptr_array_add (names, st->name);
    }
  g_ptr_array_add (names, NULL);
  return names;
}

TandemPlanDefault *
tandem_plan_default_new (TandemStore   *store,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(TandemPlanDefault) self = g_new0 (TandemPlanDefault, 1);
  g_autoptr(TandemTaxonomy) taxonomy = NULL;
  g_autoptr(TandemFunnelMapping) mapping = NULL;
  g_autoptr(TandemWaterfall) waterfall = NULL;
  g_autofree char *sentence = NULL;
  gboolean automatic = FALSE;
  double median = NAN;

  g_return_val_if_fail (store == NULL || TANDEM_IS_STORE (store), NULL);

  self->input = tandem_plan_default_example ();
  self->revenue_note = g_strdup (_("an example goal: type yours"));
  if (store == NULL || tandem_store_count_leads (store) == 0)
    {
      self->stages_note = g_strdup (_("the classic stages — the workspace has no leads"));
      self->rates_note = g_strdup (_("typical rates — the workspace has no leads"));
      self->deal_size_note = g_strdup (_("a typical value — the workspace has no leads"));
      return g_steal_pointer (&self);
    }

  if (!tandem_funnel_choose (store, &taxonomy, &mapping, &automatic, &sentence, error))
    return NULL;
  {
    TandemWaterfallOptions options = { TANDEM_WATERFALL_COHORT, NULL, NULL, NULL, FALSE };
    g_autoptr(GError) local_error = NULL;

    waterfall = tandem_waterfall_compute (store, taxonomy, mapping, &options, cancellable, &local_error);
    if (waterfall == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }

  if (waterfall != NULL && waterfall->segments->len > 0)
    {
      g_autoptr(GPtrArray) names = reached_stages (g_ptr_array_index (waterfall->segments, 0), &self->leads);
      g_autoptr(TandemPlanInput) trial = tandem_plan_input_copy (self->input);

      /* At least two stages, every rate filled and above nothing: a plan */
      if (names->len > 2 && tandem_plan_input_set_stages (trial, (const char *const *) names->pdata, NULL) &&
          tandem_plan_actuals_apply (trial, waterfall, NULL) + 1 == trial->n_stages)
        {
          gboolean usable = TRUE;

          for (guint i = 0; i + 1 < trial->n_stages; i++)
            usable &= trial->rates[i] > 0 && trial->rates[i] <= 1;
          if (usable)
            {
              tandem_plan_input_free (self->input);
              self->input = g_steal_pointer (&trial);
              self->from_workspace = TRUE;
            }
        }
    }
  if (self->from_workspace)
    {
      /* The stages themselves: the chooser's sentence is for the funnel */
      g_autoptr(GString) stages = g_string_new (NULL);

      for (guint i = 0; i < self->input->n_stages; i++)
        g_string_append_printf (stages, "%s%s", i ? " → " : "", self->input->stages[i]);
      self->stages_note = automatic ? g_strdup_printf (_("the stages the data has: %s"), stages->str)
                                    : g_strdup (_("the workspace's saved stages"));
      self->rates_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "from %'lld lead in this workspace",
                                                       "from %'lld leads in this workspace", (gulong) self->leads),
                                          (long long) self->leads);
    }
  else
    {
      self->stages_note = g_strdup (_("the classic stages — no two stages of this workspace's funnel have leads"));
      self->rates_note = g_strdup (_("typical rates — the workspace's funnel gives none"));
    }

  if (!median_won_deal (store, taxonomy, mapping, &median, &self->won_deals, cancellable, error))
    return NULL;
  if (self->won_deals > 0)
    {
      self->input->deal_size = median;
      self->has_deal_size = TRUE;
      self->deal_size_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "median of %'lld won deal",
                                                           "median of %'lld won deals", (gulong) self->won_deals),
                                              (long long) self->won_deals);
    }
  else
    {
      g_autoptr(TandemColumn) amount = tandem_store_find_column_by_role (store, "amount");

      self->deal_size_note = g_strdup (amount ? _("a typical value — no won deal in this workspace has an amount")
                                              : _("a typical value — no amounts in this workspace"));
    }
  return g_steal_pointer (&self);
}
