/* dlg-cli-import.c — dialogue-cli import: a platform's export or a spreadsheet into a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-cli-common.h"
#include "dlg-cli-import.h"

#define opt_db dlg_cli_opt_db
#define opt_json dlg_cli_opt_json

static char *opt_format;
static char *opt_locale;
static char *opt_map;
static gboolean opt_dry_run;

static void
reset_options (void)
{
  g_clear_pointer (&opt_format, g_free);
  g_clear_pointer (&opt_locale, g_free);
  g_clear_pointer (&opt_map, g_free);
  opt_dry_run = FALSE;
}

static void
print_report (const char            *path,
              const DlgImportReport *report)
{
  g_autofree char *name = g_filename_display_name (path);

  /* Translators: the file, then its format (decidim, consul…) */
  g_print (opt_dry_run ? _("%s (%s), dry run: nothing was written.\n") : _("%s (%s):\n"), name,
           dlg_import_format_to_id (report->format));
  g_print (_("%u read, %u added, %u updated, %u unchanged, %u skipped\n"), report->n_read,
           report->n_added, report->n_updated, report->n_unchanged, report->skipped->len);
  for (guint i = 0; i < report->skipped->len; i++)
    {
      DlgImportSkip *skip = g_ptr_array_index (report->skipped, i);

      if (skip->line > 0)
        g_print (_("  line %u (%s): %s\n"), skip->line, skip->source_id, skip->reason);
      else
        g_print ("  %s: %s\n", skip->source_id, skip->reason);
    }
}

static void
print_report_json (const DlgImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, dlg_import_format_to_id (report->format));
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, opt_dry_run);
  json_builder_set_member_name (builder, "read");
  json_builder_add_int_value (builder, report->n_read);
  json_builder_set_member_name (builder, "added");
  json_builder_add_int_value (builder, report->n_added);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, report->n_updated);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, report->n_unchanged);
  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->skipped->len; i++)
    {
      DlgImportSkip *skip = g_ptr_array_index (report->skipped, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, skip->line);
      json_builder_set_member_name (builder, "source_id");
      json_builder_add_string_value (builder, skip->source_id);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, skip->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  dlg_cli_print_json (root);
}

static const GOptionEntry import_entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
    N_("decidim, consul, capcollectif, polis or csv (default: detected)"), N_("FORMAT") },
  { "locale", 0, 0, G_OPTION_ARG_STRING, &opt_locale,
    N_("The language to take from translated columns (title/ca, body/es…)"), N_("LANG") },
  { "map", 0, 0, G_OPTION_ARG_STRING, &opt_map,
    N_("For the csv format: which column is what (title, body, author, date, channel, "
       "feature, latitude, longitude, area, id)"), N_("COL=FIELD,…") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opt_dry_run,
    N_("Count what would be added, updated and skipped; write nothing"), NULL },
  { NULL }
};

DLG_CLI_SPEC_ONE (import, N_("PROCESS FILE"),
                  N_("Import the contributions of a platform’s export (Decidim, CONSUL, Cap "
                     "Collectif, Pol.is) or of any CSV or spreadsheet (.xlsx) into a process. "
                     "Importing a file again updates what it gave; the mapping and the locale "
                     "are kept for the process’s next file."), import_entries, TRUE);

/* dialogue-cli import PROCESS FILE [--format F] [--locale L] [--map COL=FIELD,…] [--dry-run]
 * [--json] */
int
dlg_cli_import (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_map = NULL;
  g_autofree char *saved_locale = NULL;
  DlgImportFormat saved_format;
  DlgImportOptions options = { 0 };

  reset_options ();
  context = dlg_cli_context_new (&dlg_cli_import_spec, &dlg_cli_import_spec.verbs[0]);
  if (!dlg_cli_parse (context, &argc, &argv, "import"))
    return DLG_CLI_USAGE;
  if (argc != 3)
    return dlg_cli_usage ("import", _("Give the process (its number, UUID or title) and the "
                                      "file."));
  if (opt_format != NULL && !dlg_import_format_from_id (opt_format, &options.format))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”."), opt_format);

      return dlg_cli_usage ("import", message);
    }
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = dlg_process_find (store, argv[1], &error)))
    return dlg_cli_fail (error);

  /* What was chosen for this process's last file, unless said otherwise. */
  if (!dlg_import_load_settings (store, dlg_process_get_id (process), &saved_format, &saved_map,
                                 &saved_locale, &error))
    return dlg_cli_fail (error);
  options.locale = opt_locale != NULL ? opt_locale : saved_locale;
  options.map = opt_map != NULL ? opt_map : saved_map;
  options.dry_run = opt_dry_run;
  if (!dlg_import_file (store, dlg_process_get_id (process), argv[2], &options, &report,
                        &error))
    return dlg_cli_fail (error);
  if (!opt_dry_run &&
      !dlg_import_save_settings (store, dlg_process_get_id (process), options.format,
                                 report->format == DLG_IMPORT_FORMAT_CSV ? options.map : NULL,
                                 options.locale, &error))
    return dlg_cli_fail (error);
  if (opt_json)
    print_report_json (report);
  else
    print_report (argv[2], report);
  return DLG_CLI_OK;
}
