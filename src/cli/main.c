/* main.c — tandem-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "tandem-cli.h"

int
main (int    argc,
      char **argv)
{
  return tandem_cli_run (argc, argv);
}
