/* tandem-sla.c — the service-level agreement: terms, and compliance from the data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Response time is counted in working hours (the terms' hours on the
 * terms' weekdays) from the moment a lead entered the MQL stage to its
 * first sales touch — the first-touch column, or reaching SAL, whichever
 * comes first.  Timestamps are the CRM's clock times, compared as written.
 */

#include "config.h"

#include "tandem-sla.h"
#include "tandem-funnel.h"
#include "tandem-json.h"
#include "tandem-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
tandem_sla_terms_init (TandemSlaTerms *terms)
{
  terms->follow_up_hours = 4;
  terms->day_start = 9;
  terms->day_end = 17;
  terms->weekdays = 0x1f;   /* Monday to Friday */
  terms->accept_days = 5;
  terms->mql_commitment = NAN;
  terms->pipeline_share = NAN;
  g_clear_pointer (&terms->reason_codes, g_strfreev);
}

void
tandem_sla_terms_clear (TandemSlaTerms *terms)
{
  g_clear_pointer (&terms->reason_codes, g_strfreev);
  memset (terms, 0, sizeof *terms);
}

void
tandem_sla_terms_set_reason_codes (TandemSlaTerms     *terms,
                                   const char *const  *codes)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint k = 0; codes != NULL && codes[k] != NULL; k++)
    g_ptr_array_add (kept, g_strstrip (g_strdup (codes[k])));
  g_clear_pointer (&terms->reason_codes, g_strfreev);
  if (kept->len == 0)
    {
      g_ptr_array_free (kept, TRUE);
      return;
    }
  g_ptr_array_add (kept, NULL);
  terms->reason_codes = (GStrv) g_ptr_array_free (kept, FALSE);
}

/* Ignoring case and surrounding spaces */
static gboolean
same_reason (const char *a,
             const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);

  return g_str_equal (g_strstrip (x), g_strstrip (y));
}

gboolean
tandem_sla_terms_validate (const TandemSlaTerms *t,
                           GError              **error)
{
  const char *problem = NULL;

  if (!(t->follow_up_hours > 0 && t->follow_up_hours < 10000))
    problem = _("the follow-up time must be a positive number of working hours");
  else if (t->day_start < 0 || t->day_end > 24 || t->day_start >= t->day_end)
    problem = _("working hours must start before they end, within the day (0 to 24)");
  else if ((t->weekdays & 0x7f) == 0)
    problem = _("at least one working day is needed");
  else if (!(t->accept_days > 0 && t->accept_days < 3650))
    problem = _("the acceptance time must be a positive number of days");
  else if (!isnan (t->mql_commitment) && !(t->mql_commitment >= 0 && t->mql_commitment <= 1e9))
    problem = _("the MQL commitment must be a number of MQLs, from 0 to 1,000,000,000");
  else if (!isnan (t->pipeline_share) && !(t->pipeline_share > 0 && t->pipeline_share <= 1))
    problem = _("marketing's share of pipeline must be between 0 and 100 %");
  else if (t->reason_codes != NULL && g_strv_length (t->reason_codes) > TANDEM_SLA_MAX_REASON_CODES)
    problem = _("at most 30 rejection reason codes can be agreed");
  for (guint k = 0; problem == NULL && t->reason_codes && t->reason_codes[k]; k++)
    {
      g_autofree char *code = g_strstrip (g_strdup (t->reason_codes[k]));

      if (code[0] == '\0')
        problem = _("a rejection reason code is empty");
      else if (g_utf8_strlen (code, -1) > 80)
        problem = _("a rejection reason code is longer than 80 characters");
      for (guint j = 0; problem == NULL && j < k; j++)
        if (same_reason (t->reason_codes[j], code))
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("Service-level terms: the rejection reason code “%s” is given twice"), code);
            return FALSE;
          }
    }
  if (problem != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Service-level terms: %s"), problem);
      return FALSE;
    }
  return TRUE;
}

gboolean
tandem_sla_terms_save (TandemStore          *store,
                       const TandemSlaTerms *terms,
                       GError              **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (!tandem_sla_terms_validate (terms, error))
    return FALSE;
  json_builder_begin_object (b);
  tandem_json_set_number (b, "follow_up_hours", terms->follow_up_hours);
  tandem_json_set_int (b, "day_start", terms->day_start);
  tandem_json_set_int (b, "day_end", terms->day_end);
  tandem_json_set_int (b, "weekdays", terms->weekdays);
  tandem_json_set_number (b, "accept_days", terms->accept_days);
  if (!isnan (terms->mql_commitment))
    {
      tandem_json_set_number (b, "mql_commitment", terms->mql_commitment);
    }
  if (!isnan (terms->pipeline_share))
    {
      tandem_json_set_number (b, "pipeline_share", terms->pipeline_share);
    }
  if (terms->reason_codes != NULL)
    tandem_json_set_strings (b, "reason_codes", (const char *const *) terms->reason_codes, -1);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = tandem_json_to_data (root, FALSE);
  return tandem_store_set_setting (store, "sla.terms", json, error);
}

/* The numbers; an absent one keeps its default. */
static gboolean
read_terms (JsonObject      *object,
            TandemSlaTerms  *terms,
            GError         **error)
{
  gint64 day_start = terms->day_start, day_end = terms->day_end, weekdays = terms->weekdays;
  JsonNode *node;

  if (!tandem_json_get_number (object, "", "follow_up_hours", -10000, 10000, FALSE, NULL, &terms->follow_up_hours, error) ||
      !tandem_json_get_number (object, "", "accept_days", -3650, 3650, FALSE, NULL, &terms->accept_days, error) ||
      !tandem_json_get_number (object, "", "mql_commitment", -1e9, 1e9, FALSE, NULL, &terms->mql_commitment, error) ||
      !tandem_json_get_number (object, "", "pipeline_share", -1, 1, FALSE, NULL, &terms->pipeline_share, error))
    return FALSE;
  if (((node = json_object_get_member (object, "day_start")) != NULL &&
       !tandem_json_read_integer (node, "day_start", 0, 24, &day_start, error)) ||
      ((node = json_object_get_member (object, "day_end")) != NULL &&
       !tandem_json_read_integer (node, "day_end", 0, 24, &day_end, error)) ||
      ((node = json_object_get_member (object, "weekdays")) != NULL &&
       !tandem_json_read_integer (node, "weekdays", 0, 0x7f, &weekdays, error)))
    return FALSE;
  terms->day_start = (int) day_start;
  terms->day_end = (int) day_end;
  terms->weekdays = (guint) weekdays;
  return TRUE;
}

gboolean
tandem_sla_terms_load (TandemStore     *store,
                       TandemSlaTerms  *terms,
                       GError         **error)
{
  g_autofree char *json = tandem_store_dup_setting (store, "sla.terms");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  tandem_sla_terms_init (terms);
  if (json == NULL)
    return TRUE;
  root = tandem_json_parse (json, -1, _("The service-level agreement"), &local_error);
  if (root != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    tandem_json_invalid (&local_error, "sla.terms", _("must be an object, not %s"), tandem_json_node_kind (root));
  if (local_error == NULL)
    read_terms (json_node_get_object (root), terms, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _("The service-level terms stored in the workspace are damaged: %s"), local_error->message);
      return FALSE;
    }
  object = json_node_get_object (root);
  if (json_object_has_member (object, "reason_codes"))
    {
      JsonNode *node = json_object_get_member (object, "reason_codes");
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();

      for (guint k = 0; array != NULL && k < json_array_get_length (array); k++)
        {
          JsonNode *element = json_array_get_element (array, k);
          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            array = NULL;
          else
            g_ptr_array_add (codes, (gpointer) json_node_get_string (element));
        }
      if (array == NULL)
        {
          g_set_error_literal (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                               _("The service-level terms stored in the workspace are damaged: reason_codes is not a list of texts"));
          return FALSE;
        }
      g_ptr_array_add (codes, NULL);
      tandem_sla_terms_set_reason_codes (terms, (const char *const *) codes->pdata);
    }
  return tandem_sla_terms_validate (terms, error);
}

/* Seconds since 1970 of a clock time as written (UTC arithmetic: no
 * daylight-saving jumps inside the count) */
static gboolean
parse_moment (const char *text,
              gint64     *out)
{
  int y, mo, d, h = 0, mi = 0, s = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 3)
    return FALSE;
  dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

double
tandem_sla_working_hours (const TandemSlaTerms *terms,
                          const char           *from,
                          const char           *to)
{
  gint64 a, b, day, seconds = 0;

  if (!parse_moment (from, &a) || !parse_moment (to, &b) || b <= a)
    return 0;
  /* Day by day, the overlap with that day's working hours (at most ten
   * years: a response later than that is not a response) */
  for (day = a - (a % 86400); day < b && day - a < (gint64) 3650 * 86400; day += 86400)
    {
      /* 1970-01-01 was a Thursday: Monday = 0 */
      int weekday = (int) (((day / 86400) + 3) % 7);
      gint64 open = day + (gint64) terms->day_start * 3600, close = day + (gint64) terms->day_end * 3600;
      gint64 lo = MAX (open, a), hi = MIN (close, b);

      if ((terms->weekdays >> weekday) & 1 && hi > lo)
        seconds += hi - lo;
    }
  return seconds / 3600.0;
}

void
tandem_sla_report_free (TandemSlaReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->owners, g_ptr_array_unref);
  g_clear_pointer (&report->reasons, g_ptr_array_unref);
  g_clear_pointer (&report->hours, g_array_unref);
  g_free (report);
}

static void
owner_free (TandemSlaOwner *owner)
{
  g_free (owner->owner);
  g_free (owner);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
quantile (GArray *sorted,
          double  q)
{
  double pos;
  guint i;

  if (sorted->len == 0)
    return NAN;
  pos = q * (sorted->len - 1);
  i = (guint) floor (pos);
  if (i + 1 >= sorted->len)
    return g_array_index (sorted, double, sorted->len - 1);
  return g_array_index (sorted, double, i) + (pos - i) * (g_array_index (sorted, double, i + 1) - g_array_index (sorted, double, i));
}

static int
compare_owners (gconstpointer a,
                gconstpointer b)
{
  const TandemSlaOwner *x = *(TandemSlaOwner **) a, *y = *(TandemSlaOwner **) b;
  if (x->mqls != y->mqls)
    return x->mqls < y->mqls ? 1 : -1;
  return g_strcmp0 (x->owner, y->owner);
}

/* The lower-case name and short name of the taxonomy's stage @key (or of a
 * stage of @kind), else the classic names */
static void
stage_names (TandemTaxonomy *taxonomy,
             const char     *key,
             int             kind,
             const char     *fallback,
             char          **name,
             char          **short_name)
{
  int index = -1;

  if (taxonomy != NULL && key != NULL)
    index = tandem_taxonomy_find_stage (taxonomy, key);
  for (guint i = 0; taxonomy != NULL && index < 0 && kind >= 0 && i < tandem_taxonomy_get_n_stages (taxonomy); i++)
    if ((int) tandem_taxonomy_get_stage (taxonomy, i)->kind == kind)
      index = (int) i;
  if (index >= 0)
    {
      const TandemStage *s = tandem_taxonomy_get_stage (taxonomy, (guint) index);
      *name = g_utf8_strdown (s->name, -1);
      *short_name = g_utf8_strdown (s->short_name, -1);
    }
  else
    {
      *name = g_utf8_strdown (fallback, -1);
      *short_name = g_utf8_strdown (key ? key : fallback, -1);
    }
}

TandemSlaReport *
tandem_sla_compute (TandemStore          *store,
                    const TandemSlaTerms *terms,
                    const char           *from,
                    const char           *to,
                    GError              **error)
{
  g_autoptr(TandemSlaReport) report = g_new0 (TandemSlaReport, 1);
  g_autoptr(TandemTaxonomy) taxonomy = tandem_taxonomy_load (store, NULL);
  g_autoptr(TandemColumn) touch = tandem_store_find_column_by_role (store, "first-touch");
  g_autoptr(TandemColumn) owner = tandem_store_find_column_by_role (store, "owner");
  g_autoptr(TandemColumn) reason = NULL;
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) owner_hours = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autofree char *mql = NULL, *mql_short = NULL, *sal = NULL, *sal_short = NULL, *dq = NULL, *dq_short = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) sorted = NULL;

  if (!tandem_sla_terms_validate (terms, error))
    return NULL;
  report->owners = g_ptr_array_new_with_free_func ((GDestroyNotify) owner_free);
  report->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) owner_free);
  /* Every agreed code is listed, used or not */
  for (guint k = 0; terms->reason_codes && terms->reason_codes[k]; k++)
    {
      TandemSlaOwner *r = g_new0 (TandemSlaOwner, 1);
      r->owner = g_strdup (terms->reason_codes[k]);
      r->median_hours = NAN;
      g_hash_table_insert (reasons, r->owner, r);
      g_ptr_array_add (report->reasons, r);
    }
  {
    /* A text column whose name says "reason" holds the rejection reason codes */
    g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
    g_autoptr(GRegex) pattern = g_regex_new ("reason", G_REGEX_CASELESS, 0, NULL);
    for (guint k = 0; k < columns->len && reason == NULL; k++)
      {
        TandemColumn *c = g_ptr_array_index (columns, k);
        if (c->type == TANDEM_COLUMN_TEXT && g_regex_match (pattern, c->name, 0, NULL))
          reason = tandem_column_copy (c);
      }
  }
  report->hours = g_array_new (FALSE, FALSE, sizeof (double));
  stage_names (taxonomy, "MQL", -1, "Marketing Qualified Lead", &mql, &mql_short);
  stage_names (taxonomy, "SAL", -1, "Sales Accepted Lead", &sal, &sal_short);
  stage_names (taxonomy, NULL, TANDEM_STAGE_DISQUALIFIED, "Disqualified", &dq, &dq_short);

  /* Internal column names only */
  sql = g_strdup_printf ("WITH m AS (SELECT lead, min (entered_at) AS at FROM stage_history "
                         "           WHERE lower (stage) IN (?1, ?2) GROUP BY lead),"
                         " s AS (SELECT lead, min (entered_at) AS at FROM stage_history WHERE lower (stage) IN (?3, ?4) GROUP BY lead),"
                         " d AS (SELECT lead, min (entered_at) AS at FROM stage_history WHERE lower (stage) IN (?5, ?6) GROUP BY lead) "
                         "SELECT m.at, %s, s.at, d.at, %s, %s FROM m JOIN leads ON leads.id = m.lead "
                         "LEFT JOIN s ON s.lead = m.lead LEFT JOIN d ON d.lead = m.lead "
                         "WHERE (?7 IS NULL OR m.at >= ?7) AND (?8 IS NULL OR m.at < date (?8, '+1 day'))",
                         touch ? touch->sql_name : "NULL", owner ? owner->sql_name : "NULL", reason ? reason->sql_name : "NULL");
  stmt = tandem_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, mql, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mql_short, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sal_short, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, dq, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, dq_short, -1, SQLITE_STATIC);
  if (from)
    sqlite3_bind_text (stmt, 7, from, -1, SQLITE_STATIC);
  if (to)
    sqlite3_bind_text (stmt, 8, to, -1, SQLITE_STATIC);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *at = (const char *) sqlite3_column_text (stmt, 0);
      const char *touched = (const char *) sqlite3_column_text (stmt, 1);
      const char *accepted = (const char *) sqlite3_column_text (stmt, 2);
      const char *rejected = (const char *) sqlite3_column_text (stmt, 3);
      const char *who = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? _("(no owner)") : (const char *) sqlite3_column_text (stmt, 4);
      const char *first = NULL;
      TandemSlaOwner *o = g_hash_table_lookup (owners, who);
      gint64 t_at = 0, t_other = 0;

      if (o == NULL)
        {
          o = g_new0 (TandemSlaOwner, 1);
          o->owner = g_strdup (who);
          o->median_hours = NAN;
          g_hash_table_insert (owners, o->owner, o);
          g_hash_table_insert (owner_hours, o, g_array_new (FALSE, FALSE, sizeof (double)));
          g_ptr_array_add (report->owners, o);
        }
      report->mqls++;
      o->mqls++;
      parse_moment (at, &t_at);

      /* The first sales touch after the lead became an MQL */
      if (touched && parse_moment (touched, &t_other) && t_other >= t_at)
        first = touched;
      if (accepted && parse_moment (accepted, &t_other) && t_other >= t_at &&
          (first == NULL || strcmp (accepted, first) < 0))
        first = accepted;
      if (first != NULL)
        {
          double hours = tandem_sla_working_hours (terms, at, first);
          report->followed_up++;
          g_array_append_val (report->hours, hours);
          g_array_append_val ((GArray *) g_hash_table_lookup (owner_hours, o), hours);
          if (hours <= terms->follow_up_hours)
            {
              report->within++;
              o->within++;
            }
        }
      if (accepted && parse_moment (accepted, &t_other) && t_other >= t_at && t_other - t_at <= terms->accept_days * 86400)
        report->accepted++;
      if (rejected && parse_moment (rejected, &t_other) && t_other >= t_at && (accepted == NULL || strcmp (rejected, accepted) < 0))
        {
          const char *why = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? _("(no reason given)") : (const char *) sqlite3_column_text (stmt, 5);
          TandemSlaOwner *r;

          /* With agreed codes, the data's text is read as one of them, or as none */
          if (terms->reason_codes != NULL && sqlite3_column_type (stmt, 5) != SQLITE_NULL)
            {
              const char *code = NULL;
              for (guint k = 0; code == NULL && terms->reason_codes[k]; k++)
                if (same_reason (terms->reason_codes[k], why))
                  code = terms->reason_codes[k];
              if (code == NULL)
                report->uncoded++;
              why = code ? code : _("(not an agreed code)");
            }
          r = g_hash_table_lookup (reasons, why);
          if (r == NULL)
            {
              r = g_new0 (TandemSlaOwner, 1);
              r->owner = g_strdup (why);
              r->median_hours = NAN;
              g_hash_table_insert (reasons, r->owner, r);
              g_ptr_array_add (report->reasons, r);
            }
          r->mqls++;
          report->rejected++;
        }
    }

  report->share_within = report->mqls ? (double) report->within / report->mqls : NAN;
  sorted = g_array_copy (report->hours);
  g_array_sort (sorted, compare_doubles);
  report->median_hours = quantile (sorted, 0.5);
  report->p90_hours = quantile (sorted, 0.9);
  for (guint k = 0; k < report->owners->len; k++)
    {
      TandemSlaOwner *o = g_ptr_array_index (report->owners, k);
      GArray *hours = g_hash_table_lookup (owner_hours, o);
      g_array_sort (hours, compare_doubles);
      o->median_hours = quantile (hours, 0.5);
    }
  g_ptr_array_sort (report->owners, compare_owners);
  g_ptr_array_sort (report->reasons, compare_owners);
  report->committed = NAN;
  if (from != NULL && to != NULL && !isnan (terms->mql_commitment))
    {
      gint64 a, b;
      if (parse_moment (from, &a) && parse_moment (to, &b) && b >= a)
        report->committed = terms->mql_commitment * ((b - a) / 86400.0 + 1) / 30.4375;
    }
  return g_steal_pointer (&report);
}

GStrv
tandem_sla_data_reasons (TandemStore *store,
                         guint        limit)
{
  g_autoptr(GPtrArray) columns = tandem_store_list_columns (store);
  g_autoptr(GRegex) pattern = g_regex_new ("reason", G_REGEX_CASELESS, 0, NULL);
  GPtrArray *out = g_ptr_array_new ();

  for (guint k = 0; k < columns->len; k++)
    {
      TandemColumn *c = g_ptr_array_index (columns, k);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (c->type != TANDEM_COLUMN_TEXT || !g_regex_match (pattern, c->name, 0, NULL))
        continue;
      /* Internal column name only; the same column tandem_sla_compute () reads */
      sql = g_strdup_printf ("SELECT trim (%s) AS r, count (*) FROM leads WHERE r IS NOT NULL AND r != '' "
                             "GROUP BY lower (r) ORDER BY 2 DESC, 1 LIMIT %u", c->sql_name, limit);
      stmt = tandem_store_prepare (store, sql, NULL);
      while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      break;
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}
