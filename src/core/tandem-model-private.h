/* tandem-model-private.h — what the model's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal.  tandem-model.c holds the model and checks it against a
 * workspace, tandem-model-json.c reads and writes its JSON form.
 */
#pragma once

#include "tandem-json.h"
#include "tandem-model.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

struct _TandemModel
{
  gatomicrefcount      ref_count;
  char                *name;
  TandemDimensionSpec  dims[TANDEM_N_DIMENSIONS];
  guint64              mql;   /* bit fit_band * TANDEM_MAX_BANDS + interest_band */
};

/* The operators as written in JSON, and the dimensions' keys. */
extern const char *const tandem_rule_op_names[TANDEM_N_OPS];
extern const char *const tandem_model_dimension_keys[TANDEM_N_DIMENSIONS];

/* Sets a TANDEM_MODEL_ERROR_INVALID "PATH: message"; returns FALSE. */
#define tandem_model_invalid(error, path, ...) \
  tandem_json_set_error ((error), TANDEM_MODEL_ERROR, TANDEM_MODEL_ERROR_INVALID, (path), __VA_ARGS__)

/* One rule from (and to) its JSON form; @path prefixes any message. */
TandemRule *tandem_rule_read_json   (JsonNode          *node,
                                     const char        *path,
                                     GError           **error);
void        tandem_rule_write_json  (JsonBuilder       *builder,
                                     const TandemRule  *rule);

G_END_DECLS
