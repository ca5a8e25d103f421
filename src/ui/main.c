/* main.c — Tandem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tandem-application.h"
#include "tandem-resources.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(TandemApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* TANDEM_LOCALEDIR points an uninstalled build at its own catalogues
   * (build/po/LANG/LC_MESSAGES/tandem.mo), as the translation tests do. */
  localedir = g_getenv ("TANDEM_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The resources live in a static library: register them explicitly. */
  g_resources_register (tandem_get_resource ());

  app = tandem_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
