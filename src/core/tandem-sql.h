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
} TandemSqlDialect;

/* One SELECT computing id, fit, interest, grade and mql for every lead
 * from the workspace's table layout, as TandemScorer does, as of @as_of
 * (NULL: today).  The model is validated against @store first.          */
char *tandem_model_to_sql (TandemModel       *model,
                           TandemStore       *store,
                           TandemSqlDialect   dialect,
                           const GDate       *as_of,
                           GError           **error);

G_END_DECLS
