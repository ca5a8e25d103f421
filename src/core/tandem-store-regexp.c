/* tandem-store-regexp.c — REGEXP on Tandem's own connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite parses "X REGEXP Y" but leaves regexp(Y, X) to the application;
 * the sqlite3 shell brings a small engine of its own.  Here it is GRegex,
 * as TandemScorer matches: UTF-8, case-sensitive, and "$" only at the
 * very end (G_REGEX_DOLLAR_ENDONLY) as in the shell, so that the patterns
 * `tandem-cli sql --dialect sqlite` writes (tandem-sql-regex.c) give the
 * scorer's answer on either.  The compiled pattern is kept per statement
 * with sqlite3_set_auxdata.  NULL in, NULL out; a pattern that does not
 * compile is an SQL error naming it.
 */

#include "config.h"

#include "tandem-store-internal.h"

static void
regex_unref (void *regex)
{
  g_regex_unref (regex);
}

static void
regexp_func (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  GRegex *regex = sqlite3_get_auxdata (context, 0);
  const char *text;
  gboolean fresh = FALSE;

  (void) argc;
  if (regex == NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *pattern = (const char *) sqlite3_value_text (argv[0]);

      if (pattern == NULL)
        return;
      regex = g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY, 0, &error);
      if (regex == NULL)
        {
          g_autofree char *message = g_strdup_printf ("REGEXP: %s", error->message);
          sqlite3_result_error (context, message, -1);
          return;
        }
      fresh = TRUE;
    }

  text = (const char *) sqlite3_value_text (argv[1]);
  if (text != NULL)
    {
      /* GRegex trusts its subject to be UTF-8 */
      if (!g_utf8_validate (text, sqlite3_value_bytes (argv[1]), NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (text, sqlite3_value_bytes (argv[1]));
          sqlite3_result_int (context, g_regex_match (regex, valid, 0, NULL));
        }
      else
        sqlite3_result_int (context, g_regex_match (regex, text, 0, NULL));
    }

  /* Kept for the next row; SQLite frees it (at once if it cannot keep it) */
  if (fresh)
    sqlite3_set_auxdata (context, 0, regex, regex_unref);
}

void
tandem_store_register_regexp (sqlite3 *db)
{
  sqlite3_create_function (db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, regexp_func, NULL, NULL);
}
