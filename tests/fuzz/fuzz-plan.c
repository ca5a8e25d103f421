/* fuzz-plan.c — libFuzzer harness for tandem-cli plan's argument parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is split at newlines into arguments after "tandem-cli plan",
 * and the real command runs on them (tandem_cli_run(), the CLI's own
 * entry point, from the library tandem-cli is built from).  Every input either plans, or ends
 * with a message and exit status 1 or 2 — never a crash, a sanitizer
 * report, an allocation past -malloc_limit_mb (run-fuzzer.sh sets it), a
 * NaN, an infinity or a runaway number printed, or --json output that
 * does not parse back.  Help options are left out: GOption exits the
 * process after printing help, which is what a user wants and a fuzzer
 * cannot take; so are workspaces (--scenario, --save, "--" and a path),
 * so that nothing is opened or written.  tests/fuzz/fuzz-plan.dict holds
 * the options, the stage names and the numbers at the edges.
 */

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tandem-cli.h"
#include "tandem-plan.h"

/* A plan's numbers stay within TANDEM_PLAN_MAX_RESULT; printed, that is at
 * most 16 digits before the point and 2 after */
#define MAX_DIGIT_RUN 20

static FILE *devnull;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  FILE *out = tmpfile ();

  /* What the command prints goes to a scratch file that each run reads
   * back; its messages go nowhere (stderr is swapped while it runs, the
   * descriptor is not, so that libFuzzer's and the sanitizers' reports
   * of a crash inside it are seen) */
  if (out == NULL || dup2 (fileno (out), STDOUT_FILENO) < 0 || (devnull = fopen ("/dev/null", "w")) == NULL)
    return 1;
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  return 0;
}

static char *
take_stdout (void)
{
  struct stat st;
  char *text;

  fflush (stdout);
  g_assert (fstat (STDOUT_FILENO, &st) == 0);
  text = g_malloc0 ((gsize) st.st_size + 1);
  g_assert (pread (STDOUT_FILENO, text, (size_t) st.st_size, 0) == st.st_size);
  g_assert (ftruncate (STDOUT_FILENO, 0) == 0);
  g_assert (lseek (STDOUT_FILENO, 0, SEEK_SET) == 0);
  return text;
}

/* Every number in the JSON finite and within what a plan can hold */
static void
check_json_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));
        for (GList *l = members; l; l = l->next)
          check_json_node (l->data);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        for (guint k = 0; k < json_array_get_length (array); k++)
          check_json_node (json_array_get_element (array, k));
      }
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          double value = json_node_get_double (node);
          g_assert (isfinite (value) && fabs (value) <= TANDEM_PLAN_MAX_RESULT);
        }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

static void
check_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("tandem-cli plan --json printed what does not parse (%s):\n%s", error->message, text);
  check_json_node (json_parser_get_root (parser));
}

/* No "nan" or "inf" word, no runaway number */
static void
check_text (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      gboolean starts_word = p == text || !g_ascii_isalpha (p[-1]);

      digits = g_ascii_isdigit (*p) ? digits + 1 : 0;
      if (digits > MAX_DIGIT_RUN)
        g_error ("tandem-cli plan printed a runaway number:\n%s", text);
      if (starts_word && (g_ascii_strncasecmp (p, "nan", 3) == 0 || g_ascii_strncasecmp (p, "inf", 3) == 0) &&
          !g_ascii_isalpha (p[3]))
        g_error ("tandem-cli plan printed a NaN or an infinity:\n%s", text);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) parts = g_strsplit (text, "\n", 40);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *printed = NULL;
  gboolean json = FALSE, names = FALSE;
  FILE *saved_stderr = stderr;
  int code;

  g_ptr_array_add (args, "tandem-cli");
  g_ptr_array_add (args, "plan");
  for (guint k = 0; parts[k] != NULL; k++)
    {
      const char *a = parts[k];
      /* No help (GOption exits), no short option bundles (which may hold
       * h or ?), no workspace: nothing is opened or written */
      if (g_str_has_prefix (a, "--help") || (a[0] == '-' && a[1] != '-') || (a[0] != '-' && k == 0) ||
          g_str_equal (a, "--") || g_str_has_prefix (a, "--scenario") || g_str_has_prefix (a, "--save"))
        return 0;
      json |= g_str_equal (a, "--json");
      /* Names the user gives are printed as given: they may spell nan or digits */
      names |= g_str_has_prefix (a, "--stages") || g_str_has_prefix (a, "--currency");
      g_ptr_array_add (args, (gpointer) a);
    }
  g_ptr_array_add (args, NULL);

  stderr = devnull;
  code = tandem_cli_run ((int) args->len - 1, (char **) args->pdata);
  stderr = saved_stderr;
  g_assert (code == 0 || code == 1 || code == 2);

  printed = take_stdout ();
  if (code == 0 && json)
    check_json (printed);
  else if (code == 0 && !names)
    check_text (printed);
  return 0;
}
