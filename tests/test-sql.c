/* test-sql.c — the warehouse SQL computes what the engine computes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQLite dialect runs here on the workspace itself; every lead's fit,
 * interest, grade and mql must equal the engine's (scores to 1e-9).  The
 * PostgreSQL dialect is checked the same way by test-sql-postgres.sh.
 */

#include <math.h>
#include <string.h>

#include "tandem-scorer.h"
#include "tandem-sql-private.h"
#include "scoring-fixture.h"

/* Every operator, decay, max, floor and cap. */
#define MODEL \
  "{ \"name\": \"Every 'operator'\"," \
  "  \"fit\": { \"floor\": 0, \"cap\": 60, \"bands\": [40, 20, 10], \"rules\": [" \
  "    {\"field\": \"Job Title\", \"op\": \"contains\", \"value\": [\"VP\", \"director\"], \"points\": 20}," \
  "    {\"field\": \"Job Title\", \"op\": \"contains\", \"value\": \"VP\", \"points\": 1, \"case_sensitive\": true}," \
  "    {\"field\": \"Job Title\", \"op\": \"equals\", \"value\": \"Director of IT\", \"points\": 3}," \
  "    {\"field\": \"Job Title\", \"op\": \"not-equals\", \"value\": \"Student\", \"points\": 5}," \
  "    {\"field\": \"Job Title\", \"op\": \"in\", \"value\": [\"CEO\", \"Student\"], \"points\": 7}," \
  "    {\"field\": \"Country\", \"op\": \"not-in\", \"value\": [\"Germany\"], \"points\": 3}," \
  "    {\"field\": \"Job Title\", \"op\": \"starts-with\", \"value\": \"dir\", \"points\": 4}," \
  "    {\"field\": \"Job Title\", \"op\": \"matches\", \"value\": \"^dir.*(it|sales)$\", \"points\": 3}," \
  "    {\"field\": \"Job Title\", \"op\": \"matches\", \"value\": \"V[Pp]\", \"points\": 2, \"case_sensitive\": true}," \
  "    {\"field\": \"Job Title\", \"op\": \"ends-with\", \"value\": [\"it\", \"sales\"], \"points\": 4}," \
  "    {\"field\": \"Country\", \"op\": \"empty\", \"points\": -5}," \
  "    {\"field\": \"Employees\", \"op\": \"not-empty\", \"points\": 1}," \
  "    {\"field\": \"Employees\", \"op\": \"between\", \"value\": [12, 40], \"points\": 6}," \
  "    {\"field\": \"Employees\", \"op\": \"<\", \"value\": 50, \"points\": 2}," \
  "    {\"field\": \"Employees\", \"op\": \"times\", \"points\": 0.1, \"max\": 10}," \
  "    {\"field\": \"Active\", \"op\": \"equals\", \"value\": true, \"points\": 2}," \
  "    {\"field\": \"Created\", \"op\": \">\", \"value\": \"2024-01-15\", \"points\": 1}," \
  "    {\"field\": \"Created\", \"op\": \"between\", \"value\": [\"2023-06-01\", \"2024-01-15\"], \"points\": 1}," \
  "    {\"field\": \"Created\", \"op\": \"within-days\", \"value\": 30, \"points\": 8}," \
  "    {\"field\": \"Country\", \"op\": \"equals\", \"value\": \"France\", \"points\": 9, \"enabled\": false}" \
  "  ] }," \
  "  \"interest\": { \"bands\": [20, 5], \"rules\": [" \
  "    {\"event\": \"demo_request\", \"points\": 20, \"within_days\": 90}," \
  "    {\"event\": \"page_view\", \"points\": 3, \"half_life_days\": 8, \"max\": 5}," \
  "    {\"event\": \"demo_request\", \"points\": -1}" \
  "  ] }," \
  "  \"mql\": [\"A1\", \"A2\", \"B1\"] }"

static void
test_sqlite_equals_engine (void)
{
  g_autoptr(TandemStore) store = fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_new_from_json (MODEL, -1, &error);
  g_autoptr(GDate) as_of = g_date_new_dmy (1, G_DATE_JUNE, 2024);
  g_autoptr(TandemScorer) scorer = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;

  g_assert_no_error (error);
  scorer = tandem_scorer_new (store, model, as_of, NULL, &error);
  g_assert_no_error (error);
  sql = tandem_model_to_sql (model, store, TANDEM_SQL_SQLITE, as_of, &error);
  g_assert_no_error (error);
  g_test_message ("%s", sql);

  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      int lead = tandem_scorer_find_lead (scorer, key);
      g_autofree char *grade = NULL;
      TandemScore score;

      g_assert_cmpint (lead, >=, 0);
      tandem_scorer_get_score (scorer, (guint) lead, &score);
      grade = tandem_scorer_dup_grade (scorer, (guint) lead);
      g_test_message ("%s: engine %.6f/%.6f %s, SQL %.6f/%.6f %s", key, score.fit, score.interest, grade,
                      sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2),
                      (const char *) sqlite3_column_text (stmt, 3));
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 1), score.fit, 1e-9);
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 2), score.interest, 1e-9);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, grade);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, score.mql);
      rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 4);
}

/* A pattern the SQL engines cannot read as GRegex does: refused, naming the rule */
static void
test_refusals (void)
{
  static const struct { const char *pattern; gboolean case_sensitive; const char *reason; } cases[] = {
    { "\\\\d+", TRUE, "\\d follows Unicode" },
    { "a\\\\b", TRUE, "\\b follows Unicode" },
    { "(?=x)", TRUE, "look-arounds" },
    { "(?i)x", TRUE, "look-arounds" },
    { "(a)\\\\1", TRUE, "back-references" },
    { "a++", TRUE, "possessive" },
    { "[[:alpha:]]", TRUE, "POSIX classes" },
    { "é", FALSE, "ignoring case" },
    { "[à-ÿ]", FALSE, "non-ASCII letters" },
    { "a{0}", TRUE, "zero times" },
    { "a{1001}", TRUE, "over 1000" },
    { "()*", TRUE, "a repeat of nothing" },
  };
  g_autoptr(TandemStore) store = fixture_store ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (TandemSqlDialect d = TANDEM_SQL_SQLITE; d <= TANDEM_SQL_DUCKDB; d++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *json = g_strdup_printf ("{\"name\": \"r\", \"fit\": {\"bands\": [1], \"rules\": ["
                                                 "{\"field\": \"Email\", \"op\": \"matches\", \"value\": \"%s\", "
                                                 "\"case_sensitive\": %s, \"points\": 1}]},"
                                                 " \"interest\": {\"bands\": [1]}, \"mql\": []}",
                                                 cases[k].pattern, cases[k].case_sensitive ? "true" : "false");
        g_autoptr(TandemModel) model = tandem_model_new_from_json (json, -1, &error);
        g_autofree char *sql = NULL;

        g_assert_no_error (error);
        sql = tandem_model_to_sql (model, store, d, NULL, &error);
        g_assert_null (sql);
        g_assert_error (error, TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, "“Email matches "));
        g_assert_nonnull (strstr (error->message, cases[k].reason));
      }
}

/* Translated patterns on Tandem's own connection (the store's REGEXP)
 * decide every subject as the scorer's GRegex decides the original. */
static void
test_regexp_like_scorer (void)
{
  static const char *const patterns[] = {
    "^(CEO|CTO)$", "demo", "^a\\.b'$", "a|^b", "^a|b", "x.y", "end$", "^$", "colou?r", "[a-c-]x", "[^k]",
    "ab{2,3}c", "a{2,}", "a{,2}", "x{2", "(?:ab)+", "[]a]", "[\\]\\\\-]", "\\x41\\x{e9}", "\\t", "s", "K",
    "[a-z]+@[a-z]+\\.com", "Ä", "日本", "a*?b", "\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\", "[%--]", "()a",
  };
  static const char *const subjects[] = {
    "CEO", "ceo", " CEO", "CEO\n", "CEO\n\n", "CEO\r\n", "CEO\r", "CTO\xe2\x80\xa8", "a demo", "DEMO", "a.b'", "aXb'",
    "b", "xb", "ab", "x\ny", "x\ry", "xzy", "x\xc2\x85y", "the end", "end\n", "", "\n", "color", "COLOUR", "-x", "bx",
    "k", "\xe2\x84\xaa", "s", "\xc5\xbf", "S", "abbc", "abbbbc", "aa", "a{,2}", "x{2", "ababab", "]", "\\", "A\xc3\xa9",
    "\t", "me@ex.com", "ME@EX.COM", "\xc3\x84", "\xc3\xa4", "日本語", "aab", ".*+?()[]{}|^$\\", "%", ",", "a",
  };
  g_autoptr(TandemStore) store = fixture_store ();
  sqlite3 *db = tandem_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  guint compared = 0;

  for (guint k = 0; k < G_N_ELEMENTS (patterns); k++)
    for (int cs = 0; cs <= 1; cs++)
      {
        g_autoptr(GRegex) scorer = g_regex_new (patterns[k], cs ? 0 : G_REGEX_CASELESS, 0, NULL);
        g_autoptr(GString) translated = g_string_new (NULL);
        g_autofree char *reason = NULL;

        g_assert_nonnull (scorer);
        if (!tandem_sql_translate_regex (patterns[k], cs, TANDEM_SQL_SQLITE, translated, &reason))
          {
            /* Only non-ASCII letters ignoring case may be refused here */
            g_test_message ("%s (%s): %s", patterns[k], cs ? "case-sensitive" : "ignoring case", reason);
            g_assert_false (cs);
            g_assert_nonnull (strstr (reason, "ignoring case"));
            continue;
          }
        g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT ?2 REGEXP ?1", -1, &stmt, NULL), ==, SQLITE_OK);
        for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
          {
            int want = g_regex_match (scorer, subjects[s], 0, NULL) ? 1 : 0;

            sqlite3_bind_text (stmt, 1, translated->str, -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 2, subjects[s], -1, SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
            if (sqlite3_column_int (stmt, 0) != want)
              g_error ("“%s” (%s) as “%s” on subject %u: REGEXP %d, the scorer %d", patterns[k],
                       cs ? "case-sensitive" : "ignoring case", translated->str, s, sqlite3_column_int (stmt, 0), want);
            sqlite3_reset (stmt);
            compared++;
          }
        g_clear_pointer (&stmt, sqlite3_finalize);
      }
  g_assert_cmpuint (compared, >, 2000);

  /* NULL gives NULL; a pattern that does not compile is an SQL error */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT NULL REGEXP 'a', 'a' REGEXP NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, SQLITE_NULL);
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 'a' REGEXP '('", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "REGEXP"));
  g_clear_pointer (&stmt, sqlite3_finalize);
}

/* Values with a quote and backslashes (the rule value is O'Brien \ Co\,
 * the pattern ^a\.b'): SQLite's standard quoting; for PostgreSQL E'…'
 * strings, right whatever standard_conforming_strings says.          */
#define QUOTED_RULE \
  "{\"field\": \"Job Title\", \"op\": \"equals\", \"value\": \"O'Brien \\\\ Co\\\\\", " \
  "\"points\": 1, \"case_sensitive\": true}"
#define QUOTED_MODEL(rules) \
  "{\"name\": \"q\", \"fit\": {\"bands\": [1], \"rules\": [" rules "]}, \"interest\": {\"bands\": [1]}, \"mql\": []}"

static void
test_string_literals (void)
{
  g_autoptr(TandemStore) store = fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) both = tandem_model_new_from_json (QUOTED_MODEL (QUOTED_RULE ", {\"field\": \"Email\", "
                                                                          "\"op\": \"matches\", \"value\": \"^a\\\\.b'\", "
                                                                          "\"points\": 1}"), -1, &error);
  g_autoptr(TandemModel) plain = NULL;
  g_autofree char *sqlite = NULL;
  g_autofree char *postgres = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  postgres = tandem_model_to_sql (both, store, TANDEM_SQL_POSTGRES, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", postgres);
  g_assert_nonnull (strstr (postgres, " = E'O''Brien \\\\ Co\\\\')"));
  g_assert_nonnull (strstr (postgres, " ~ E'(^[aA]\\\\u002E[bB]\\\\u0027)')"));
  g_assert_null (strstr (postgres, "= '"));   /* no plain string literal left */
  g_assert_null (strstr (postgres, "~ '"));

  plain = tandem_model_new_from_json (QUOTED_MODEL (QUOTED_RULE), -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&postgres, g_free);
  postgres = tandem_model_to_sql (plain, store, TANDEM_SQL_POSTGRES, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (postgres, "~"));
  sqlite = tandem_model_to_sql (both, store, TANDEM_SQL_SQLITE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sqlite, " = 'O''Brien \\ Co\\')"));
  g_assert_null (strstr (sqlite, "E'"));
  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store), sqlite, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_finalize (stmt);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sql/sqlite-equals-engine", test_sqlite_equals_engine);
  g_test_add_func ("/sql/refusals", test_refusals);
  g_test_add_func ("/sql/regexp-like-scorer", test_regexp_like_scorer);
  g_test_add_func ("/sql/string-literals", test_string_literals);

  return g_test_run ();
}
