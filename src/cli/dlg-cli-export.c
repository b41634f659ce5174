/* dlg-cli-export.c — dialogue-cli export: a process's records as CSV, XLSX, JSON or GeoJSON,
 * and open data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <stdarg.h>

#include <glib/gi18n.h>

#include "dlg-cli-common.h"
#include "dlg-cli-export.h"

#define opt_db dlg_cli_opt_db

static char *opt_format;
static char *opt_out;
static char *opt_licence;
static gboolean opt_bom;
static gboolean opt_open_data;
static int opt_round = DLG_EXPORT_ROUND_NONE;

static void
reset_options (void)
{
  g_clear_pointer (&opt_format, g_free);
  g_clear_pointer (&opt_out, g_free);
  g_clear_pointer (&opt_licence, g_free);
  opt_bom = FALSE;
  opt_open_data = FALSE;
  opt_round = DLG_EXPORT_ROUND_NONE;
}

static int usage (const char *format, ...) G_GNUC_PRINTF (1, 2);

static int
usage (const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return dlg_cli_usage ("export", message);
}

static const GOptionEntry export_entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format, N_("csv, xlsx, json or geojson"),
    N_("FORMAT") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("The file to write (replaced only once it is complete)"), N_("FILE") },
  { "bom", 0, 0, G_OPTION_ARG_NONE, &opt_bom,
    N_("For CSV: start with a byte order mark, for spreadsheets that need one"), NULL },
  { "open-data", 0, 0, G_OPTION_ARG_NONE, &opt_open_data,
    N_("No personal data: pseudonyms, masked e-mails, phones and addresses; a data "
       "dictionary and the licence beside the file"), NULL },
  { "round-coordinates", 0, 0, G_OPTION_ARG_INT, &opt_round,
    N_("Keep this many decimal places of latitudes and longitudes (0 to 8)"),
    N_("DIGITS") },
  { "licence", 0, 0, G_OPTION_ARG_STRING, &opt_licence,
    N_("The licence of open data: etalab-2.0 (Licence Ouverte 2.0, the default), "
       "odbl-1.0, cc-by-4.0 or cc0-1.0"), N_("ID") },
  { NULL }
};

DLG_CLI_SPEC_ONE (export, N_("PROCESS WHAT"),
                  N_("Export the contributions, recommendations, responses, commitments, "
                     "participants or journal of a process. With --open-data, the file holds no "
                     "personal data and can be published."), export_entries, FALSE);

/* dialogue-cli export PROCESS WHAT --format F --out FILE [--bom] [--open-data]
 * [--round-coordinates N] [--licence ID] */
int
dlg_cli_export (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  DlgExportOptions options = { .round_coordinates = DLG_EXPORT_ROUND_NONE };
  DlgExportResult result = { 0 };
  DlgExportWhat what;

  reset_options ();
  context = dlg_cli_context_new (&dlg_cli_export_spec, &dlg_cli_export_spec.verbs[0]);
  if (!dlg_cli_parse (context, &argc, &argv, "export"))
    return DLG_CLI_USAGE;
  if (argc != 3)
    return dlg_cli_usage ("export", _("Give the process (its number, UUID or title) and what "
                                      "to export: contributions, recommendations, responses, "
                                      "commitments, participants or journal."));
  if (!dlg_export_what_from_id (argv[2], &what))
    return usage (_("Unknown export “%s”: contributions, recommendations, responses, "
                    "commitments, participants or journal."), argv[2]);
  if (opt_format == NULL)
    return dlg_cli_usage ("export", _("Give the format: --format csv, xlsx, json or geojson."));
  if (!dlg_export_format_from_id (opt_format, &options.format))
    return usage (_("Unknown format “%s”: csv, xlsx, json or geojson."), opt_format);
  if (opt_out == NULL)
    return dlg_cli_usage ("export", _("Give the file to write: --out FILE."));
  if (opt_round < DLG_EXPORT_ROUND_NONE || opt_round > DLG_EXPORT_ROUND_MAX)
    return dlg_cli_usage ("export", _("--round-coordinates takes 0 to 8 decimal places."));
  if (opt_licence != NULL && !dlg_export_licence_is_known (opt_licence))
    return usage (_("Unknown licence “%s”: etalab-2.0, odbl-1.0, cc-by-4.0 or cc0-1.0."),
                  opt_licence);
  if (opt_licence != NULL && !opt_open_data)
    return dlg_cli_usage ("export", _("--licence goes with --open-data."));
  if (opt_bom && options.format != DLG_EXPORT_CSV)
    return dlg_cli_usage ("export", _("--bom is for CSV files."));
  options.bom = opt_bom;
  options.open_data = opt_open_data;
  options.round_coordinates = opt_round;
  options.licence = opt_licence;

  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = dlg_process_find (store, argv[1], &error)))
    return dlg_cli_fail (error);
  if (!dlg_export_run (store, dlg_process_get_id (process), what, &options, opt_out, NULL,
                       NULL, NULL, &result, &error))
    return dlg_cli_fail (error);
  {
    g_autofree char *name = g_filename_display_name (opt_out);

    /* Translators: the number of rows, then the file */
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%lu row written to %s.\n",
                             "%lu rows written to %s.\n", result.n_rows),
                (gulong) result.n_rows, name);
    if (result.dictionary_path != NULL)
      {
        g_autofree char *dictionary = g_filename_display_name (result.dictionary_path);
        g_autofree char *licence = g_filename_display_name (result.licence_path);

        g_printerr (_("Data dictionary: %s\nLicence: %s\n"), dictionary, licence);
      }
  }
  dlg_export_result_clear (&result);
  return DLG_CLI_OK;
}
