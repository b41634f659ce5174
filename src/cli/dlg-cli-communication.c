/* dlg-cli-communication.c — dialogue-cli communication check and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * add, list and set are the record verbs of dlg-cli-record.c over DlgCommunicationItem; these
 * two are the plan's own: the stages with nothing planned to tell the public
 * (dlg_communication_plan_gaps) and the export as CSV or iCalendar
 * (dlg_communication_plan_export).
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-cli-record.h"

static char *opt_format;
static char *opt_out;

const GOptionEntry dlg_cli_communication_export_entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format, N_("csv or ics (iCalendar)"),
    N_("FORMAT") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, N_("Write to this file"), N_("FILE") },
  { NULL }
};

/* Parses the verb's options and opens the store and the process named by argv[1]. */
static gboolean
open_process (const DlgCliSpec  *spec,
              const DlgCliVerb  *verb,
              int               *argc,
              char            ***argv,
              DlgStore         **store_out,
              gint64            *process_id,
              int               *status)
{
  g_autoptr(GOptionContext) context = dlg_cli_context_new (spec, verb);
  g_autofree char *usage = g_strjoin (" ", spec->name, verb->name, NULL);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (!dlg_cli_parse (context, argc, argv, usage))
    {
      *status = DLG_CLI_USAGE;
      return FALSE;
    }
  if (*argc != 2)
    {
      g_autofree char *message = g_strdup_printf (_("Use “%s %s”."), usage, _(verb->parameters));

      *status = dlg_cli_usage (usage, message);
      return FALSE;
    }
  if (!(store = dlg_cli_open_store (dlg_cli_opt_db)))
    {
      *status = DLG_CLI_ERROR;
      return FALSE;
    }
  if (!(process = dlg_process_find (store, (*argv)[1], &error)))
    {
      *status = dlg_cli_fail (error);
      return FALSE;
    }
  *process_id = dlg_process_get_id (process);
  *store_out = g_steal_pointer (&store);
  return TRUE;
}

/* communication check PROCESS [--json] */
int
dlg_cli_communication_check (const DlgCliSpec *spec,
                             const DlgCliVerb *verb,
                             int               argc,
                             char            **argv)
{
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 process_id = 0;
  int status = DLG_CLI_OK;

  if (!open_process (spec, verb, &argc, &argv, &store, &process_id, &status))
    return status;
  if (!(gaps = dlg_communication_plan_gaps (store, process_id, &error)))
    return dlg_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < gaps->len; i++)
    {
      DlgCommunicationGap *gap = g_ptr_array_index (gaps, i);

      if (!dlg_cli_opt_json)
        {
          g_print ("%s\n", gap->message);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, dlg_stage_to_id (gap->stage));
      json_builder_set_member_name (builder, "started");
      json_builder_add_boolean_value (builder, gap->started);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, gap->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (dlg_cli_opt_json)
    dlg_cli_print_builder (builder);
  return DLG_CLI_OK;
}

/* communication export PROCESS --format csv|ics --out FILE */
int
dlg_cli_communication_export (const DlgCliSpec *spec,
                              const DlgCliVerb *verb,
                              int               argc,
                              char            **argv)
{
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DlgCommunicationExportFormat format;
  gint64 process_id = 0;
  int status = DLG_CLI_OK;

  g_clear_pointer (&opt_format, g_free);
  g_clear_pointer (&opt_out, g_free);
  if (!open_process (spec, verb, &argc, &argv, &store, &process_id, &status))
    return status;
  if (!dlg_communication_export_format_from_id (opt_format != NULL ? opt_format : "csv",
                                                &format))
    return dlg_cli_usage ("communication export", _("--format is csv or ics."));
  if (opt_out == NULL)
    return dlg_cli_usage ("communication export", _("Say where to write with --out FILE."));
  if (!dlg_communication_plan_export (store, process_id, format, opt_out, &error))
    return dlg_cli_fail (error);
  return DLG_CLI_OK;
}
