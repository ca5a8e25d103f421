/* tandem-scorer-conditions.c — compiling a model's rules against the columnar copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule is resolved once: a text condition is decided once per
 * distinct value, not once per lead.  A yes/no condition keeps a bitset,
 * an event rule its (sparse) per-lead factors.
 */

#include "config.h"

#include "tandem-scorer-private.h"
#include "tandem-csv.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* ---- Conditions ---------------------------------------------------------- */

static char *
normalise (const char *text,
           gboolean    case_sensitive)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  return case_sensitive ? g_steal_pointer (&trimmed) : g_utf8_casefold (trimmed, -1);
}

/* A text rule decided for one distinct value. */
static gboolean
text_matches (const TandemRule *rule,
              const char       *value,
              GRegex           *regex,
              char *const      *wanted)
{
  g_autofree char *v = NULL;

  if (rule->op == TANDEM_OP_MATCHES)
    return g_regex_match (regex, value, 0, NULL);

  v = normalise (value, rule->case_sensitive);
  for (guint k = 0; wanted[k]; k++)
    {
      gboolean hit;

      switch (rule->op)
        {
        case TANDEM_OP_CONTAINS:    hit = strstr (v, wanted[k]) != NULL; break;
        case TANDEM_OP_STARTS_WITH: hit = g_str_has_prefix (v, wanted[k]); break;
        case TANDEM_OP_ENDS_WITH:   hit = g_str_has_suffix (v, wanted[k]); break;
        default:                    hit = g_str_equal (v, wanted[k]); break;
        }
      if (hit)
        return TRUE;
    }
  return FALSE;
}

static gboolean
compare (TandemRuleOp op,
         double       v,
         const double bounds[2])
{
  switch (op)
    {
    case TANDEM_OP_LT:      return v < bounds[0];
    case TANDEM_OP_LE:      return v <= bounds[0];
    case TANDEM_OP_GT:      return v > bounds[0];
    case TANDEM_OP_GE:      return v >= bounds[0];
    case TANDEM_OP_BETWEEN: return v >= bounds[0] && v <= bounds[1];
    case TANDEM_OP_EQUALS:  return v == bounds[0];
    case TANDEM_OP_NOT_EQUALS: return v != bounds[0];
    default:                return FALSE;
    }
}

void
tandem_scorer_compile_field_rule (TandemScorer *self,
                                  CompiledRule *cr)
{
  const TandemRule *rule = cr->rule;
  Column *c = cr->column;
  guint n = self->n_leads;

  /* P × the cell: the column's values are the factor, nothing to copy */
  if (rule->op == TANDEM_OP_TIMES)
    {
      cr->values = c->values;
      return;
    }

  cr->bits = g_new0 (guint64, n / 64 + 1);

  /* Null cells: only "empty" holds. */
  if (rule->op == TANDEM_OP_EMPTY || rule->op == TANDEM_OP_NOT_EMPTY)
    {
      gboolean want_empty = rule->op == TANDEM_OP_EMPTY;
      for (guint i = 0; i < n; i++)
        {
          gboolean empty = c->codes ? c->codes[i] == 0 : c->flags ? c->flags[i] < 0 : isnan (c->values[i]);
          if (empty == want_empty)
            tandem_scorer_set_bit (cr->bits, i);
        }
      return;
    }

  switch (c->type)
    {
    case TANDEM_COLUMN_TEXT:
      {
        /* Decided once per distinct value, then looked up per lead. */
        g_autofree gboolean *table = g_new0 (gboolean, c->strings->len);
        g_autoptr(GRegex) regex = NULL;
        g_auto(GStrv) wanted = NULL;
        gboolean negate = rule->op == TANDEM_OP_NOT_EQUALS || rule->op == TANDEM_OP_NOT_IN;
        guint k;

        if (rule->op == TANDEM_OP_MATCHES)
          regex = g_regex_new (rule->texts[0], rule->case_sensitive ? 0 : G_REGEX_CASELESS, 0, NULL);
        wanted = g_new0 (char *, g_strv_length (rule->texts) + 1);
        for (k = 0; rule->texts[k]; k++)
          wanted[k] = normalise (rule->texts[k], rule->case_sensitive);

        for (guint s = 1; s < c->strings->len; s++)
          table[s] = text_matches (rule, g_ptr_array_index (c->strings, s), regex, wanted) != negate;
        /* A word of 64 leads at a time, without a branch a lead (table[0],
         * the empty cell, stays FALSE) */
        for (guint w = 0; w * 64 < n; w++)
          {
            const guint32 *codes = c->codes + w * 64;
            guint64 word = 0;

            for (guint j = 0, m = MIN (64, n - w * 64); j < m; j++)
              word |= (guint64) (table[codes[j]] != 0) << j;
            cr->bits[w] = word;
          }
        break;
      }

    case TANDEM_COLUMN_BOOLEAN:
      {
        gboolean want = FALSE;
        tandem_parse_boolean (rule->texts[0], &want);
        for (guint i = 0; i < n; i++)
          if (c->flags[i] >= 0 && ((c->flags[i] == want) != (rule->op == TANDEM_OP_NOT_EQUALS)))
            tandem_scorer_set_bit (cr->bits, i);
        break;
      }

    case TANDEM_COLUMN_DATE:
    case TANDEM_COLUMN_NUMBER:
    default:
      {
        double bounds[2] = { rule->numbers[0], rule->numbers[1] };
        gboolean whole_days = FALSE;

        if (rule->op == TANDEM_OP_WITHIN_DAYS)
          {
            double from = self->as_of - rule->numbers[0];
            for (guint i = 0; i < n; i++)
              if (!isnan (c->values[i]) && c->values[i] >= from && c->values[i] <= self->as_of)
                tandem_scorer_set_bit (cr->bits, i);
            break;
          }
        if (c->type == TANDEM_COLUMN_DATE && rule->n_numbers == 0 && rule->texts != NULL)
          {
            bounds[0] = tandem_scorer_parse_days (rule->texts[0]);
            bounds[1] = rule->texts[1] ? tandem_scorer_parse_days (rule->texts[1]) : bounds[0];
            whole_days = strlen (rule->texts[0]) == 10;
          }
        for (guint w = 0; w * 64 < n; w++)
          {
            const double *values = c->values + w * 64;
            guint64 word = 0;

            for (guint j = 0, m = MIN (64, n - w * 64); j < m; j++)
              {
                /* A date rule compares calendar days: "2024-01-05" equals the whole day. */
                double v = whole_days ? floor (values[j]) : values[j];
                word |= (guint64) (!isnan (v) && compare (rule->op, v, bounds)) << j;
              }
            cr->bits[w] = word;
          }
        break;
      }
    }
}

void
tandem_scorer_compile_event_rule (TandemScorer *self,
                                  CompiledRule *cr)
{
  const TandemRule *rule = cr->rule;
  EventSeries *e = cr->events;
  guint n_words = self->n_leads / 64 + 1;
  g_autoptr(GArray) factors = g_array_new (FALSE, FALSE, sizeof (double));

  cr->present = g_new0 (guint64, n_words);
  cr->rank = g_new (guint32, n_words);
  for (guint w = 0; w < n_words; w++)
    {
      cr->rank[w] = factors->len;
      for (guint i = w * 64; i < MIN (self->n_leads, w * 64 + 64); i++)
        {
          double sum = 0;
          for (guint32 k = e->offsets[i]; k < e->offsets[i + 1]; k++)
            {
              double age = self->as_of - e->at[k];
              if (isnan (age) || age <= 0)
                continue;   /* at or after the end of the as-of day */
              if (rule->has_within_days && age > rule->within_days)
                continue;
              sum += rule->has_half_life ? pow (0.5, age / rule->half_life_days) : 1.0;
            }
          if (sum != 0)
            {
              cr->present[w] |= G_GUINT64_CONSTANT (1) << (i & 63);
              g_array_append_val (factors, sum);
            }
        }
    }
  cr->factors = (double *) g_array_free (g_steal_pointer (&factors), FALSE);
}
