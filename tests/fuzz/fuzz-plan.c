/* fuzz-plan.c — libFuzzer harness for tandem-cli plan's argument parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is split at newlines into arguments after "tandem-cli plan",
 * and the real command runs on them (tandem-cli.c is built into this
 * harness with its main() renamed).  Every input either plans, or ends
 * with a message and exit status 1 or 2 — never a crash, a sanitizer
 * report, or a NaN printed.  Help options are left out: GOption exits the
 * process after printing help, which is what a user wants and a fuzzer
 * cannot take.
 */

#define main tandem_cli_main
#include "../../src/cli/tandem-cli.c"
#undef main

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int devnull = -1;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* The plans printed are not the point (libFuzzer's own report goes to
   * stderr, which is silenced only while the command runs) */
  if (freopen ("/dev/null", "w", stdout) == NULL)
    return 1;
  devnull = open ("/dev/null", O_WRONLY);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) parts = g_strsplit (text, "\n", 40);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  int code, saved_stderr;

  g_ptr_array_add (args, "tandem-cli");
  g_ptr_array_add (args, "plan");
  for (guint k = 0; parts[k] != NULL; k++)
    {
      const char *a = parts[k];
      /* No help (GOption exits), no short option bundles (which may hold
       * h or ?), no positional path: nothing is opened or written */
      if (g_str_has_prefix (a, "--help") || (a[0] == '-' && a[1] != '-') || (a[0] != '-' && k == 0))
        return 0;
      g_ptr_array_add (args, (gpointer) a);
    }
  g_ptr_array_add (args, NULL);

  fflush (stderr);
  saved_stderr = dup (2);
  dup2 (devnull, 2);
  code = tandem_cli_main ((int) args->len - 1, (char **) args->pdata);
  fflush (stderr);
  dup2 (saved_stderr, 2);
  close (saved_stderr);
  g_assert (code == 0 || code == 1 || code == 2);
  return 0;
}
