/* tandem-sql.h — a scoring model as one SQL SELECT, for a data warehouse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tandem-model.h"

G_BEGIN_DECLS

typedef enum
{
  TANDEM_SQL_SQLITE,
  TANDEM_SQL_POSTGRES,
  TANDEM_SQL_DUCKDB,
} TandemSqlDialect;

/* One SELECT computing id, fit, interest, grade and mql for every lead
 * from the workspace's table layout, as TandemScorer does, as of @as_of
 * (NULL: today).  The model is validated against @store first.          */
char *tandem_model_to_sql (TandemModel       *model,
                           TandemStore       *store,
                           TandemSqlDialect   dialect,
                           const GDate       *as_of,
                           GError           **error);

/* One aggregate SELECT giving, for every cell of the fit × interest
 * matrix (A1, A2, … in order): cell, leads, mql (1 or 0) and, when the
 * workspace has an outcome column, won and conversion (won ÷ leads, NULL
 * without leads) — the numbers of `tandem-cli matrix --json`.          */
char *tandem_model_to_matrix_sql (TandemModel       *model,
                                  TandemStore       *store,
                                  TandemSqlDialect   dialect,
                                  const GDate       *as_of,
                                  GError           **error);

G_END_DECLS
