/* tandem-cli.h — tandem-cli as a function, for its main() and the fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs "tandem-cli ARGV[1] …" (sets the locale and the text domain first)
 * and returns its exit status: 0, 1 for an error, 2 for a usage mistake. */
int tandem_cli_run (int    argc,
                    char **argv);

G_END_DECLS
