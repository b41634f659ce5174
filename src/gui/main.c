/* main.c — the dialogue binary: everything else is in the gui library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dlg-application.h"

/* Run from the build tree (./_build/src/gui/dialogue): translations (BUILD_LOCALEDIR is
 * <build>/po, where meson compiles po/fr.po into fr/LC_MESSAGES/dialogue.mo) and the compiled
 * schema (<build>/data) are taken from the build folder, so that LANGUAGE=fr and the settings
 * work uninstalled. */
static gboolean
running_uninstalled (char **build_root)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = NULL;
  const char *suffix = "/po";

  if (exe == NULL || !g_str_has_suffix (BUILD_LOCALEDIR, suffix))
    return FALSE;
  root = g_strndup (BUILD_LOCALEDIR, strlen (BUILD_LOCALEDIR) - strlen (suffix));
  if (!g_str_has_prefix (exe, root) || exe[strlen (root)] != '/')
    return FALSE;
  *build_root = g_steal_pointer (&root);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DlgApplication) app = NULL;
  g_autofree char *build_root = NULL;

  setlocale (LC_ALL, "");
  if (running_uninstalled (&build_root))
    {
      g_autofree char *schemas = g_build_filename (build_root, "data", NULL);

      bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, FALSE);
    }
  else
    bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dlg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
