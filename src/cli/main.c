#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dlg-cli-draw.h"
#include "dlg-core.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && strcmp (argv[1], "draw") == 0)
    return dlg_cli_draw (argc - 1, argv + 1);
  return 0;
}
