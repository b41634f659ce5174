/* dlg-cli-report.c — dialogue-cli report: the bilan of a process as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <libintl.h>

#include <glib/gi18n.h>

#include "dlg-cli-report.h"
#include "dlg-report.h"

#define opt_db dlg_cli_opt_db

static char *opt_out;
static char *opt_lang;

static const GOptionEntry report_entries[] = {
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("The PDF to write (replaced only once it is complete)"), N_("FILE") },
  { "lang", 0, 0, G_OPTION_ARG_STRING, &opt_lang,
    N_("The language of the report: fr or en (default: the interface’s)"), N_("LANG") },
  { NULL }
};

DLG_CLI_SPEC_ONE (report, N_("PROCESS"),
                  N_("Write the bilan of a process as a PDF (A4): the process and its mandate, "
                     "actors and arbitrations, the stages, participation in figures, themes, "
                     "each recommendation and its response, commitments, follow-up, and the "
                     "journal’s head hash."), report_entries, FALSE);

/* The language of the messages from now on (gettext reads LANGUAGE at each call). */
static void
set_language (const char *lang)
{
  g_setenv ("LANGUAGE", lang, TRUE);
  /* A new domain binding makes gettext drop the catalogues it has cached. */
  textdomain (GETTEXT_PACKAGE);
}

/* dialogue-cli report PROCESS --out FILE [--lang fr|en] */
int
dlg_cli_report (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  int n_pages = 0;

  g_clear_pointer (&opt_out, g_free);
  g_clear_pointer (&opt_lang, g_free);
  context = dlg_cli_context_new (&dlg_cli_report_spec, &dlg_cli_report_spec.verbs[0]);
  if (!dlg_cli_parse (context, &argc, &argv, "report"))
    return DLG_CLI_USAGE;
  if (argc != 2)
    return dlg_cli_usage ("report", _("Give the process: its number, UUID or title."));
  if (opt_out == NULL)
    return dlg_cli_usage ("report", _("Give the file to write: --out FILE."));
  if (opt_lang != NULL)
    {
      if (!g_str_equal (opt_lang, "fr") && !g_str_equal (opt_lang, "en"))
        {
          g_autofree char *message = g_strdup_printf (_("Unknown language “%s”: fr or en."),
                                                      opt_lang);

          return dlg_cli_usage ("report", message);
        }
      set_language (opt_lang);
    }

  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = dlg_process_find (store, argv[1], &error)))
    return dlg_cli_fail (error);
  if (!dlg_report_render (store, dlg_process_get_id (process), opt_out, NULL, NULL, NULL,
                          &n_pages, &error))
    return dlg_cli_fail (error);
  {
    g_autofree char *name = g_filename_display_name (opt_out);

    /* Translators: the number of pages, then the file */
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%d page written to %s.\n",
                             "%d pages written to %s.\n", n_pages), n_pages, name);
  }
  return DLG_CLI_OK;
}
