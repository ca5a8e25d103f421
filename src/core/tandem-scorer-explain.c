/* tandem-scorer-explain.c — why a lead scored what it did, and the scores as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tandem-scorer-private.h"
#include "tandem-csv.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ---- Explanations -------------------------------------------------------- */

void
tandem_contribution_clear (TandemContribution *c)
{
  g_clear_pointer (&c->value, g_free);
  g_clear_pointer (&c->label, g_free);
}

static char *
lead_value (const TandemScorer *self,
            const CompiledRule *cr,
            guint               i)
{
  const Column *c = cr->column;

  if (cr->events != NULL)
    {
      guint counted = 0;
      for (guint32 k = cr->events->offsets[i]; k < cr->events->offsets[i + 1]; k++)
        {
          double age = self->as_of - cr->events->at[k];
          if (age > 0 && (!cr->rule->has_within_days || age <= cr->rule->within_days))
            counted++;
        }
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", counted), counted);
    }

  switch (c->type)
    {
    case TANDEM_COLUMN_TEXT:
      return c->codes[i] ? g_strdup (g_ptr_array_index (c->strings, c->codes[i])) : g_strdup (_("empty"));
    case TANDEM_COLUMN_BOOLEAN:
      return g_strdup (c->flags[i] < 0 ? _("empty") : c->flags[i] ? "yes" : "no");
    case TANDEM_COLUMN_DATE:
      if (isnan (c->values[i]))
        return g_strdup (_("empty"));
      {
        GDate date;
        char buf[16];
        g_date_clear (&date, 1);
        g_date_set_julian (&date, (guint32) (floor (c->values[i]) + 719163));
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        return g_strdup (buf);
      }
    case TANDEM_COLUMN_NUMBER:
    default:
      return isnan (c->values[i]) ? g_strdup (_("empty")) : tandem_rule_format_number (c->values[i]);
    }
}

GArray *
tandem_scorer_explain_lead (const TandemScorer *self,
                            guint               lead)
{
  GArray *parts = g_array_new (FALSE, TRUE, sizeof (TandemContribution));

  g_array_set_clear_func (parts, (GDestroyNotify) tandem_contribution_clear);
  g_return_val_if_fail (lead < self->n_leads, parts);

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    for (guint r = 0; r < self->rules[d]->len; r++)
      {
        const CompiledRule *cr = &g_array_index (self->rules[d], CompiledRule, r);
        TandemContribution c = { d, r, 0, NULL, NULL };

        if (!tandem_scorer_fired (cr, lead))
          continue;
        c.points = tandem_scorer_contribution (cr, lead);
        c.value = lead_value (self, cr, lead);
        c.label = tandem_rule_dup_sentence (cr->rule);
        g_array_append_val (parts, c);
      }
  return parts;
}

char *
tandem_scorer_explain (const TandemScorer *self,
                       guint               lead)
{
  g_autoptr(GArray) parts = tandem_scorer_explain_lead (self, lead);
  g_autoptr(GString) s = g_string_new (NULL);
  static const char *const names[] = { N_("fit"), N_("interest") };
  TandemScore score;

  tandem_scorer_get_score (self, lead, &score);
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      const TandemDimensionSpec *spec = tandem_model_get_dimension (self->model, d);
      double value = d == 0 ? score.fit : score.interest;
      guint band = d == 0 ? score.fit_band : score.interest_band;
      gboolean first = TRUE;

      if (d == 0)
        g_string_append_printf (s, "%s %.2f (%c):", _(names[d]), value, 'A' + band);
      else
        g_string_append_printf (s, "\n%s %.2f (%u):", _(names[d]), value, band + 1);

      for (guint k = 0; k < parts->len; k++)
        {
          TandemContribution *c = &g_array_index (parts, TandemContribution, k);
          g_autofree char *points = NULL;
          if (c->dimension != d)
            continue;
          points = tandem_rule_format_number (round (c->points * 100) / 100);
          g_string_append_printf (s, "%s %s%s %s (“%s”)", first ? "" : ";", c->points >= 0 ? "+" : "", points,
                                  c->label, c->value);
          first = FALSE;
        }
      if (first)
        g_string_append_printf (s, " %s", _("no rule fired"));
      if (spec->has_cap && self->raw[d][lead] > spec->cap)
        g_string_append_printf (s, _("; capped at %g (from %.2f)"), spec->cap, self->raw[d][lead]);
      if (spec->has_floor && self->raw[d][lead] < spec->floor)
        g_string_append_printf (s, _("; raised to the floor %g (from %.2f)"), spec->floor, self->raw[d][lead]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Leads [first, last) as CSV rows: the keys quoted where they must be, the
 * scores to 2 decimals, each cell's name written once for all */
typedef struct
{
  const TandemScorer *self;
  guint               first, last;
  char *const        *cells;    /* TANDEM_MAX_BANDS × TANDEM_MAX_BANDS */
  GString            *out;
} CsvJob;

static gpointer
write_csv_rows (gpointer data)
{
  CsvJob *job = data;
  const TandemScorer *self = job->self;
  GString *out = job->out;

  for (guint i = job->first; i < job->last; i++)
    {
      TandemScore score;
      char number[G_ASCII_DTOSTR_BUF_SIZE];
      const char *key = self->key_text + self->key_offsets[i];
      gsize n;

      tandem_scorer_get_score (self, i, &score);
      if (G_LIKELY (key[0] != '\0' && strpbrk (key, ",\"\r\n=+-@|\t") == NULL && (guchar) key[0] > ' ' &&
                    (guchar) key[0] < 0x80))
        g_string_append (out, key);
      else
        tandem_csv_append_field (out, key);
      /* A decimal point whatever the locale: this is data for programs */
      g_string_append_c (out, ',');
      n = tandem_csv_format_fixed2 (score.fit, number);
      g_string_append_len (out, number, (gssize) n);
      g_string_append_c (out, ',');
      n = tandem_csv_format_fixed2 (score.interest, number);
      g_string_append_len (out, number, (gssize) n);
      g_string_append_c (out, ',');
      g_string_append (out, job->cells[score.fit_band * TANDEM_MAX_BANDS + score.interest_band]);
      g_string_append (out, score.mql ? ",1\n" : ",0\n");
    }
  return NULL;
}

void
tandem_scorer_append_csv (const TandemScorer *self,
                          GString            *out)
{
  char *cells[TANDEM_MAX_BANDS * TANDEM_MAX_BANDS];
  CsvJob jobs[2];
  GThread *second = NULL;

  for (guint f = 0; f < TANDEM_MAX_BANDS; f++)
    for (guint k = 0; k < TANDEM_MAX_BANDS; k++)
      cells[f * TANDEM_MAX_BANDS + k] = tandem_model_cell_name (f, k);

  /* Room for about 40 bytes a row at once, so that no buffer grows by
   * copying itself: set to the size, then back */
  {
    gsize len = out->len;

    g_string_set_size (out, len + (gsize) (self->n_leads + 1) * 40);
    g_string_truncate (out, len);
  }
  g_string_append (out, "id,fit,interest,grade,mql\n");
  /* Both cores, for a large workspace: each half into its own buffer */
  jobs[0] = (CsvJob) { self, 0, self->n_leads, cells, out };
  if (self->n_leads >= TANDEM_SCORER_PARALLEL_LEADS)
    {
      jobs[0].last = self->n_leads / 2;
      jobs[1] = (CsvJob) { self, jobs[0].last, self->n_leads, cells, g_string_sized_new ((self->n_leads / 2 + 1) * 40) };
      second = g_thread_new ("tandem-csv", write_csv_rows, &jobs[1]);
    }
  write_csv_rows (&jobs[0]);
  if (second != NULL)
    {
      g_thread_join (second);
      g_string_append_len (out, jobs[1].out->str, (gssize) jobs[1].out->len);
      g_string_free (jobs[1].out, TRUE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_free (cells[i]);
}
