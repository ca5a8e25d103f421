/* fuzz-model.c — libFuzzer harness for the scoring-model JSON reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input either is refused with an error or reads into a model that
 * writes back to JSON which reads again to the same JSON and model: every
 * number read is one that can be written and read back exactly.  The
 * dictionary fuzz-model.dict holds deep nesting and numbers at and past the edges.
 */

#include <string.h>

#include "tandem-model.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemModel) model = tandem_model_new_from_json ((const char *) data, (gssize) size, &error);
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autoptr(TandemModel) again = NULL;

  if (model == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  json = tandem_model_to_json (model);
  again = tandem_model_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  json_again = tandem_model_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  g_assert_true (tandem_model_equal (model, again));
  return 0;
}
