/* tandem-sql.c — a scoring model as one SQL SELECT, for a data warehouse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The query reads the workspace's own table layout — leads (id, key,
 * c<N>…) and events (lead, type, at, value), dates as ISO text — and
 * returns id, fit, interest, grade and mql for every lead, computed the
 * way TandemScorer computes them: nulls match only "empty", text compared
 * trimmed and (unless case_sensitive) lower-cased, ages in days from the
 * end of the as-of day, decay as 0.5^(age / half-life), max limiting a
 * rule's points either way, then floor and cap.
 *
 * This is generated SQL text, not a statement Tandem runs on its own
 * data: literals are escaped here, and only internal column names
 * ("key", "c<N>") appear as identifiers.
 *
 * Identifiers are double-quoted (DuckDB reserves "at").  A "matches"
 * pattern is rewritten (tandem-sql-regex.c) into a syntax SQLite's REGEXP,
 * DuckDB's regexp_matches() and PostgreSQL's "~" read alike, or refused
 * naming the rule.  Known differences: lower() folds ASCII letters only in
 * SQLite (DuckDB all of Unicode; the app case-folds all of Unicode).
 */

#include "config.h"

#include "tandem-sql-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  TandemSqlDialect  dialect;
  GString          *out;
  double            as_of;    /* days since 1970-01-01, end of the as-of day */
} Writer;

static const char *
dialect_name (TandemSqlDialect dialect)
{
  switch (dialect)
    {
    case TANDEM_SQL_SQLITE: return "SQLite";
    case TANDEM_SQL_DUCKDB: return "DuckDB";
    case TANDEM_SQL_POSTGRES:
    default:                return "PostgreSQL";
    }
}

/* A string literal.  PostgreSQL reads backslashes in a plain '…' as
 * escapes when standard_conforming_strings is off; an E'…' always, so
 * with backslashes doubled it holds the same text under either setting.
 * SQLite and DuckDB have no escapes in '…': quotes doubled.            */
static void
literal (Writer     *w,
         const char *text)
{
  gboolean postgres = w->dialect == TANDEM_SQL_POSTGRES;

  g_string_append (w->out, postgres ? "E'" : "'");
  for (const char *p = text; *p; p++)
    {
      if (*p == '\'' || (postgres && *p == '\\'))
        g_string_append_c (w->out, *p);
      g_string_append_c (w->out, *p);
    }
  g_string_append_c (w->out, '\'');
}

static void
number (const Writer *w,
        GString      *out,
        double        v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  /* Keep it a floating-point literal: DuckDB reads 0.5 as a DECIMAL,
   * 0.5e0 as a DOUBLE; SQLite and PostgreSQL 0.5 as a float enough */
  if (w->dialect == TANDEM_SQL_DUCKDB)
    g_string_append_printf (out, strpbrk (buf, "eE") == NULL ? "%se0" : "%s", buf);
  else if (strpbrk (buf, ".eEn") == NULL)
    g_string_append_printf (out, "%s.0", buf);
  else
    g_string_append (out, buf);
}

/* Days since 1970-01-01 of a stored date/time text expression. */
static void
days_of (Writer     *w,
         const char *expr)
{
  if (w->dialect == TANDEM_SQL_SQLITE)
    g_string_append_printf (w->out, "(julianday(%s) - 2440587.5)", expr);
  else if (w->dialect == TANDEM_SQL_DUCKDB)
    g_string_append_printf (w->out, "(date_diff('second', TIMESTAMP '1970-01-01 00:00:00', CAST(%s AS TIMESTAMP)) / 86400.0)", expr);
  else
    g_string_append_printf (w->out, "(EXTRACT(EPOCH FROM CAST(%s AS timestamp)) / 86400.0)", expr);
}

static void
normalised (Writer           *w,
            const TandemRule *rule,
            const char       *col)
{
  g_autofree char *trimmed = w->dialect == TANDEM_SQL_SQLITE
                             ? g_strdup_printf ("trim(%s, char(32, 9, 10, 13, 11, 12))", col)
                             : w->dialect == TANDEM_SQL_DUCKDB
                             ? g_strdup_printf ("trim(%s, ' ' || chr(9) || chr(10) || chr(13) || chr(11) || chr(12))", col)
                             : g_strdup_printf ("btrim(%s, E' \\t\\n\\r\\v\\f')", col);

  if (rule->case_sensitive)
    g_string_append (w->out, trimmed);
  else
    g_string_append_printf (w->out, "lower(%s)", trimmed);
}

/* The rule's value as normalised() leaves a cell: DuckDB's lower() folds
 * all of Unicode, SQLite's ASCII only (and PostgreSQL's here as before). */
static char *
normalise_value (const Writer     *w,
                 const TandemRule *rule,
                 const char       *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  if (rule->case_sensitive)
    return g_steal_pointer (&trimmed);
  return w->dialect == TANDEM_SQL_DUCKDB ? g_utf8_strdown (trimmed, -1) : g_ascii_strdown (trimmed, -1);
}

static void
text_condition (Writer           *w,
                const TandemRule *rule,
                const char       *col)
{
  gboolean first = TRUE;

  g_string_append_c (w->out, '(');
  for (guint k = 0; rule->texts[k]; k++)
    {
      g_autofree char *v = normalise_value (w, rule, rule->texts[k]);

      if (!first)
        g_string_append (w->out, " OR ");
      first = FALSE;
      switch (rule->op)
        {
        case TANDEM_OP_CONTAINS:
          g_string_append (w->out, w->dialect == TANDEM_SQL_POSTGRES ? "strpos(" : "instr(");
          normalised (w, rule, col);
          g_string_append (w->out, ", ");
          literal (w, v);
          g_string_append (w->out, ") > 0");
          break;
        case TANDEM_OP_STARTS_WITH:
          g_string_append (w->out, "substr(");
          normalised (w, rule, col);
          g_string_append_printf (w->out, ", 1, %ld) = ", g_utf8_strlen (v, -1));
          literal (w, v);
          break;
        case TANDEM_OP_ENDS_WITH:
          if (w->dialect == TANDEM_SQL_SQLITE)
            {
              g_string_append (w->out, "substr(");
              normalised (w, rule, col);
              g_string_append_printf (w->out, ", -%ld) = ", g_utf8_strlen (v, -1));
            }
          else
            {
              g_string_append (w->out, "right(");
              normalised (w, rule, col);
              g_string_append_printf (w->out, ", %ld) = ", g_utf8_strlen (v, -1));
            }
          literal (w, v);
          break;
        default:
          normalised (w, rule, col);
          g_string_append (w->out, " = ");
          literal (w, v);
          break;
        }
    }
  g_string_append_c (w->out, ')');
}

/* A rule's condition on one lead row (aliased l), true or false. */
static gboolean
condition (Writer              *w,
           const TandemRule    *rule,
           const TandemColumn  *column,
           GError             **error)
{
  g_autofree char *col = g_strdup_printf ("l.\"%s\"", column->sql_name);
  gboolean negate = rule->op == TANDEM_OP_NOT_EQUALS || rule->op == TANDEM_OP_NOT_IN;

  if (rule->op == TANDEM_OP_EMPTY)
    {
      g_string_append_printf (w->out, "(%s IS NULL)", col);
      return TRUE;
    }
  if (rule->op == TANDEM_OP_NOT_EMPTY)
    {
      g_string_append_printf (w->out, "(%s IS NOT NULL)", col);
      return TRUE;
    }

  /* Every other operator is false on a null, the not- ones included. */
  g_string_append_printf (w->out, "(%s IS NOT NULL AND %s", col, negate ? "NOT " : "");

  switch (column->type)
    {
    case TANDEM_COLUMN_TEXT:
      if (rule->op == TANDEM_OP_MATCHES)
        {
          /* On the cell as stored, untrimmed, as the scorer matches */
          g_autoptr(GString) pattern = g_string_new (NULL);
          g_autofree char *reason = NULL;

          if (!tandem_sql_translate_regex (rule->texts[0], rule->case_sensitive, w->dialect, pattern, &reason))
            {
              g_set_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID,
                           _("The rule “%s matches %s” cannot be written as %s SQL that matches as Tandem "
                             "does: %s"),
                           rule->field, rule->texts[0], dialect_name (w->dialect), reason);
              return FALSE;
            }
          if (w->dialect == TANDEM_SQL_SQLITE)
            g_string_append_printf (w->out, "(%s REGEXP ", col);
          else if (w->dialect == TANDEM_SQL_DUCKDB)
            g_string_append_printf (w->out, "regexp_matches(%s, ", col);
          else
            g_string_append_printf (w->out, "(%s ~ ", col);
          literal (w, pattern->str);
          g_string_append_c (w->out, ')');
        }
      else
        text_condition (w, rule, col);
      break;

    case TANDEM_COLUMN_BOOLEAN:
      {
        gboolean want = g_strcmp0 (rule->texts[0], "yes") == 0 || g_strcmp0 (rule->texts[0], "true") == 0;
        g_string_append_printf (w->out, "(%s = %d)", col, want ? 1 : 0);
        break;
      }

    case TANDEM_COLUMN_DATE:
      if (rule->op == TANDEM_OP_WITHIN_DAYS)
        {
          g_string_append_c (w->out, '(');
          days_of (w, col);
          g_string_append (w->out, " BETWEEN ");
          number (w, w->out, w->as_of - rule->numbers[0]);
          g_string_append (w->out, " AND ");
          number (w, w->out, w->as_of);
          g_string_append_c (w->out, ')');
          break;
        }
      else
        {
          /* A plain date compares calendar days; a date-time, moments. */
          gboolean whole = strlen (rule->texts[0]) == 10;
          g_autofree char *lhs = NULL;
          const char *ops[] = { [TANDEM_OP_EQUALS] = "=", [TANDEM_OP_NOT_EQUALS] = "=",
                                [TANDEM_OP_LT] = "<", [TANDEM_OP_LE] = "<=", [TANDEM_OP_GT] = ">", [TANDEM_OP_GE] = ">=" };

          if (w->dialect == TANDEM_SQL_SQLITE)
            lhs = g_strdup_printf (whole ? "date(%s)" : "datetime(%s)", col);
          else if (w->dialect == TANDEM_SQL_DUCKDB)
            lhs = g_strdup_printf (whole ? "strftime(CAST(CAST(%s AS TIMESTAMP) AS DATE), '%%Y-%%m-%%d')"
                                         : "strftime(CAST(%s AS TIMESTAMP), '%%Y-%%m-%%d %%H:%%M:%%S')", col);
          else
            lhs = g_strdup_printf (whole ? "to_char(CAST(%s AS timestamp), 'YYYY-MM-DD')"
                                         : "to_char(CAST(%s AS timestamp), 'YYYY-MM-DD HH24:MI:SS')", col);
          g_string_append_printf (w->out, "(%s ", lhs);
          if (rule->op == TANDEM_OP_BETWEEN)
            {
              g_string_append (w->out, "BETWEEN ");
              literal (w, rule->texts[0]);
              g_string_append (w->out, " AND ");
              literal (w, rule->texts[1]);
            }
          else
            {
              g_string_append_printf (w->out, "%s ", ops[rule->op]);
              literal (w, rule->texts[0]);
            }
          g_string_append_c (w->out, ')');
        }
      break;

    case TANDEM_COLUMN_NUMBER:
    default:
      g_string_append_printf (w->out, "(%s ", col);
      switch (rule->op)
        {
        case TANDEM_OP_EQUALS:
        case TANDEM_OP_NOT_EQUALS: g_string_append (w->out, "= "); break;
        case TANDEM_OP_LT:         g_string_append (w->out, "< "); break;
        case TANDEM_OP_LE:         g_string_append (w->out, "<= "); break;
        case TANDEM_OP_GT:         g_string_append (w->out, "> "); break;
        case TANDEM_OP_GE:         g_string_append (w->out, ">= "); break;
        case TANDEM_OP_BETWEEN:    g_string_append (w->out, "BETWEEN "); break;
        default:                   break;
        }
      number (w, w->out, rule->numbers[0]);
      if (rule->op == TANDEM_OP_BETWEEN)
        {
          g_string_append (w->out, " AND ");
          number (w, w->out, rule->numbers[1]);
        }
      g_string_append_c (w->out, ')');
      break;
    }

  g_string_append_c (w->out, ')');
  return TRUE;
}

static void
clamped (Writer           *w,
         const TandemRule *rule,
         const char       *expr)
{
  if (!rule->has_max)
    {
      g_string_append (w->out, expr);
      return;
    }
  g_string_append (w->out, w->dialect == TANDEM_SQL_SQLITE ? "max(min(" : "greatest(least(");
  g_string_append_printf (w->out, "%s, ", expr);
  number (w, w->out, rule->max);
  g_string_append (w->out, "), ");
  number (w, w->out, -rule->max);
  g_string_append_c (w->out, ')');
}

static gboolean
dimension_sum (Writer             *w,
               TandemModel        *model,
               TandemDimension     d,
               GPtrArray          *columns,
               GError            **error)
{
  GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
  gboolean any = FALSE;

  g_string_append (w->out, "(0.0");
  for (guint r = 0; r < rules->len; r++)
    {
      TandemRule *rule = g_ptr_array_index (rules, r);
      g_autoptr(GString) points = g_string_new (NULL);

      if (!rule->enabled)
        continue;
      any = TRUE;
      number (w, points, rule->points);
      g_string_append (w->out, "\n      + ");

      if (rule->event != NULL)
        {
          g_autofree char *expr = g_strdup_printf ("%s * coalesce(ev.r%u_%u, 0.0)", points->str, d, r);
          clamped (w, rule, expr);
          continue;
        }

      {
        TandemColumn *column = NULL;
        for (guint c = 0; c < columns->len && column == NULL; c++)
          if (g_str_equal (((TandemColumn *) g_ptr_array_index (columns, c))->name, rule->field))
            column = g_ptr_array_index (columns, c);
        g_assert (column != NULL);   /* validated */

        if (rule->op == TANDEM_OP_TIMES)
          {
            g_autofree char *expr = g_strdup_printf ("%s * coalesce(l.\"%s\", 0.0)", points->str, column->sql_name);
            clamped (w, rule, expr);
            continue;
          }
        g_string_append (w->out, "CASE WHEN ");
        if (!condition (w, rule, column, error))
          return FALSE;
        g_string_append (w->out, " THEN ");
        clamped (w, rule, points->str);
        g_string_append (w->out, " ELSE 0.0 END");
      }
    }
  g_string_append_c (w->out, ')');
  (void) any;
  return TRUE;
}

static void
clamp_dimension (Writer                    *w,
                 const TandemDimensionSpec *spec,
                 const char                *expr)
{
  g_autoptr(GString) e = g_string_new (expr);
  const char *maxf = w->dialect == TANDEM_SQL_SQLITE ? "max" : "greatest";
  const char *minf = w->dialect == TANDEM_SQL_SQLITE ? "min" : "least";

  if (spec->has_floor)
    {
      g_autoptr(GString) f = g_string_new (NULL);
      number (w, f, spec->floor);
      g_string_printf (e, "%s(%s, %s)", maxf, expr, f->str);
    }
  if (spec->has_cap)
    {
      g_autoptr(GString) c = g_string_new (NULL);
      g_autofree char *inner = g_strdup (e->str);
      number (w, c, spec->cap);
      g_string_printf (e, "%s(%s, %s)", minf, inner, c->str);
    }
  g_string_append (w->out, e->str);
}

static void
band (Writer                    *w,
      const TandemDimensionSpec *spec,
      const char                *expr,
      gboolean                   letters)
{
  g_string_append (w->out, "CASE");
  for (guint t = 0; t < spec->n_thresholds; t++)
    {
      g_string_append_printf (w->out, " WHEN %s >= ", expr);
      number (w, w->out, spec->thresholds[t]);
      if (letters)
        g_string_append_printf (w->out, " THEN '%c'", 'A' + t);
      else
        g_string_append_printf (w->out, " THEN '%u'", t + 1);
    }
  if (letters)
    g_string_append_printf (w->out, " ELSE '%c' END", 'A' + spec->n_thresholds);
  else
    g_string_append_printf (w->out, " ELSE '%u' END", spec->n_thresholds + 1);
}

/* The CTEs ev, raw, scored and graded (id, key, fit, interest, grade and,
 * with @won, won) after a comment naming the model and what it returns. */
static gboolean
write_graded (Writer       *w,
              TandemModel  *model,
              TandemStore  *store,
              const GDate  *as_of,
              const char   *returns,
              gboolean      won,
              GError      **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autofree char *name = g_strdup (tandem_model_get_name (model));
  GString *out = w->out;
  GDate today, epoch;
  gboolean any_event = FALSE;

  if (!tandem_model_validate (model, store, error))
    return FALSE;

  if (as_of == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
      as_of = &today;
    }
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  w->as_of = (double) (g_date_get_julian (as_of) - g_date_get_julian (&epoch)) + 1.0;

  columns = tandem_store_list_columns (store);

  g_strdelimit (name, "\r\n", ' ');
  g_string_append_printf (out, "-- Tandem scoring model “%s” as of %04d-%02d-%02d (%s)\n", name,
                          g_date_get_year (as_of), g_date_get_month (as_of), g_date_get_day (as_of),
                          dialect_name (w->dialect));
  g_string_append_printf (out, "-- %s\n", returns);
  g_string_append (out, "WITH ev AS (\n  SELECT e.\"lead\"");

  /* One aggregate per event rule: the sum of decay factors over its events */
  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      GPtrArray *rules = tandem_model_get_dimension (model, d)->rules;
      for (guint r = 0; r < rules->len; r++)
        {
          TandemRule *rule = g_ptr_array_index (rules, r);
          g_autoptr(GString) hl = g_string_new (NULL);

          if (rule->event == NULL)
            continue;
          any_event = TRUE;
          g_string_append (out, ",\n    sum(CASE WHEN e.\"type\" = ");
          literal (w, rule->event);
          g_string_append (out, " AND e.age > 0");
          if (rule->has_within_days)
            {
              g_string_append (out, " AND e.age <= ");
              number (w, out, rule->within_days);
            }
          g_string_append (out, " THEN ");
          if (rule->has_half_life)
            {
              number (w, hl, rule->half_life_days);
              g_string_append_printf (out, "power(0.5, e.age / %s)", hl->str);
            }
          else
            g_string_append (out, "1.0");
          g_string_append_printf (out, " ELSE 0.0 END) AS r%u_%u", d, r);
        }
    }
  g_string_append (out, "\n  FROM (SELECT \"lead\", \"type\", ");
  number (w, out, w->as_of);
  g_string_append (out, " - ");
  days_of (w, "\"at\"");
  g_string_append (out, " AS age FROM \"events\"");
  if (!any_event)
    g_string_append (out, " WHERE 0 = 1");
  g_string_append (out, ") e\n  GROUP BY e.\"lead\"\n),\nraw AS (\n  SELECT l.\"id\", l.\"key\",\n    ");
  if (won)
    {
      g_autoptr(TandemColumn) outcome = tandem_store_find_column_by_role (store, "outcome");
      /* Won: the outcome cell is set and true, as the scorer reads it */
      if (outcome != NULL)
        g_string_append_printf (out, "CASE WHEN l.\"%s\" = 1 THEN 1 ELSE 0 END AS won,\n    ", outcome->sql_name);
      else
        g_string_append (out, "0 AS won,\n    ");
    }

  for (guint d = 0; d < TANDEM_N_DIMENSIONS; d++)
    {
      if (!dimension_sum (w, model, d, columns, error))
        return FALSE;
      g_string_append_printf (out, " AS %s_raw%s", d == 0 ? "fit" : "interest", d == 0 ? ",\n    " : "\n");
    }
  g_string_append (out, "  FROM \"leads\" l LEFT JOIN ev ON ev.\"lead\" = l.\"id\"\n),\nscored AS (\n  SELECT \"id\", \"key\", ");
  if (won)
    g_string_append (out, "won, ");
  clamp_dimension (w, tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT), "fit_raw");
  g_string_append (out, " AS fit, ");
  clamp_dimension (w, tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST), "interest_raw");
  g_string_append (out, " AS interest\n  FROM raw\n),\ngraded AS (\n  SELECT \"id\", \"key\", ");
  if (won)
    g_string_append (out, "won, ");
  g_string_append (out, "fit, interest, ");
  band (w, tandem_model_get_dimension (model, TANDEM_DIMENSION_FIT), "fit", TRUE);
  g_string_append (out, " || ");
  band (w, tandem_model_get_dimension (model, TANDEM_DIMENSION_INTEREST), "interest", FALSE);
  g_string_append (out, " AS grade\n  FROM scored\n)");
  return TRUE;
}

char *
tandem_model_to_sql (TandemModel       *model,
                     TandemStore       *store,
                     TandemSqlDialect   dialect,
                     const GDate       *as_of,
                     GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) mql_cells = g_string_new (NULL);
  Writer w = { dialect, out, 0 };

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  if (!write_graded (&w, model, store, as_of, "Returns id, fit, interest, grade and mql (1 or 0) for every lead.",
                     FALSE, error))
    return NULL;

  for (guint f = 0; f < tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT); f++)
    for (guint i = 0; i < tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST); i++)
      if (tandem_model_is_mql_cell (model, f, i))
        g_string_append_printf (mql_cells, "%s'%c%u'", mql_cells->len ? ", " : "", 'A' + f, i + 1);

  g_string_append (out, "\nSELECT \"key\" AS \"id\", fit, interest, grade, ");
  if (mql_cells->len)
    g_string_append_printf (out, "CASE WHEN grade IN (%s) THEN 1 ELSE 0 END", mql_cells->str);
  else
    g_string_append (out, "0");
  g_string_append (out, " AS mql\nFROM graded\nORDER BY \"id\";\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tandem_model_to_matrix_sql (TandemModel       *model,
                            TandemStore       *store,
                            TandemSqlDialect   dialect,
                            const GDate       *as_of,
                            GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(TandemColumn) outcome = NULL;
  Writer w = { dialect, out, 0 };
  const char *real = dialect == TANDEM_SQL_SQLITE ? "REAL" : dialect == TANDEM_SQL_DUCKDB ? "DOUBLE" : "double precision";
  guint n_fit, n_interest;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  outcome = tandem_store_find_column_by_role (store, "outcome");
  if (!write_graded (&w, model, store, as_of,
                     outcome != NULL ? "Returns cell, leads, mql (1 or 0), won and conversion for every cell of the matrix."
                                     : "Returns cell, leads and mql (1 or 0) for every cell of the matrix (no outcome column).",
                     TRUE, error))
    return NULL;

  /* Every cell, the empty ones too, in the matrix's order */
  n_fit = tandem_model_get_n_bands (model, TANDEM_DIMENSION_FIT);
  n_interest = tandem_model_get_n_bands (model, TANDEM_DIMENSION_INTEREST);
  g_string_append (out, ",\ncells (cell, mql, ord) AS (\n  VALUES ");
  for (guint f = 0; f < n_fit; f++)
    for (guint i = 0; i < n_interest; i++)
      g_string_append_printf (out, "%s('%c%u', %d, %u)", f + i ? ", " : "", 'A' + f, i + 1,
                              tandem_model_is_mql_cell (model, f, i) ? 1 : 0, f * n_interest + i);
  g_string_append (out, "\n)\nSELECT c.cell, count(g.\"id\") AS leads, c.mql");
  if (outcome != NULL)
    g_string_append_printf (out, ",\n  CAST(coalesce(sum(g.won), 0) AS BIGINT) AS won,\n"
                                 "  CASE WHEN count(g.\"id\") > 0 THEN CAST(coalesce(sum(g.won), 0) AS %s) / count(g.\"id\") END AS conversion",
                            real);
  g_string_append (out, "\nFROM cells c LEFT JOIN graded g ON g.grade = c.cell\n"
                        "GROUP BY c.cell, c.mql, c.ord\nORDER BY c.ord;\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
