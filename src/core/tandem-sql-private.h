/* tandem-sql-private.h — shared by the SQL writer's modules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-sql.h"

G_BEGIN_DECLS

/* @pattern (a GRegex pattern, matched as TandemScorer matches it: UTF-8,
 * Unicode classes, any newline, ignoring case unless @case_sensitive)
 * rewritten into the small syntax SQLite's REGEXP, DuckDB's RE2 and
 * PostgreSQL's ARE all read the same way, case-sensitive, into @out.
 * FALSE with a translated reason in @reason when the pattern uses
 * something that syntax cannot say exactly.                            */
gboolean tandem_sql_translate_regex (const char        *pattern,
                                     gboolean           case_sensitive,
                                     TandemSqlDialect   dialect,
                                     GString           *out,
                                     char             **reason);

G_END_DECLS
