/* dlg-cli-process.c — dialogue-cli commands on processes, stages and the journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-cli-common.h"
#include "dlg-cli-process.h"

static char *opt_db;
static gboolean opt_json;

static void
reset_options (void)
{
  g_clear_pointer (&opt_db, g_free);
  opt_json = FALSE;
}

static GOptionContext *
new_context (const char *parameters,
             const char *summary,
             gboolean    with_json)
{
  static const GOptionEntry db_entry[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The database (default: the app’s)"),
      N_("FILE") },
    { NULL }
  };
  static const GOptionEntry json_entry[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON"), NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (parameters);

  reset_options ();
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, db_entry, GETTEXT_PACKAGE);
  if (with_json)
    g_option_context_add_main_entries (context, json_entry, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* A member: a string, or null when @value is NULL. */
static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* Prints what @builder holds; the command's exit code. */
static int
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  dlg_cli_print_json (root);
  return DLG_CLI_OK;
}

/* id, uuid and title, as `processes` and `process create` print them */
static void
add_process_members (JsonBuilder *builder,
                     DlgProcess  *process)
{
  add_int (builder, "id", dlg_process_get_id (process));
  add_string (builder, "uuid", dlg_process_get_uuid (process));
  add_string (builder, "title", dlg_process_get_title (process));
}

static DlgProcess *
find_process (DlgStore   *store,
              const char *reference)
{
  g_autoptr(GError) error = NULL;
  DlgProcess *process = dlg_process_find (store, reference, &error);

  if (process == NULL)
    dlg_cli_fail (error);
  return process;
}

/* The one process a command names (its number or uuid) in @store, opened from --db; %NULL
 * after saying why, with *@status the command's exit code. */
static DlgProcess *
open_process (const char  *command,
              int          argc,
              char       **argv,
              DlgStore   **store,
              int         *status)
{
  *status = DLG_CLI_ERROR;
  if (argc != 2)
    {
      *status = dlg_cli_usage (command, _("Name one process (its number or uuid)."));
      return NULL;
    }
  if (!(*store = dlg_cli_open_store (opt_db)))
    return NULL;
  return find_process (*store, argv[1]);
}

/* dialogue-cli demo */
int
dlg_cli_demo (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = new_context ("", _("Create the demo process."), FALSE);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created;
  gint64 id;

  if (!dlg_cli_parse (context, &argc, &argv, "demo"))
    return DLG_CLI_USAGE;
  if (argc != 1)
    return dlg_cli_usage ("demo", _("This command takes no argument."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;

  id = dlg_demo_ensure (store, &created, &error);
  if (id == 0)
    return dlg_cli_fail (error);
  if (created)
    g_print (_("Demo process created: %lld\n"), (long long) id);
  else
    g_print (_("The demo process already exists: %lld\n"), (long long) id);
  return DLG_CLI_OK;
}

/* dialogue-cli processes [--json] */
int
dlg_cli_processes (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = new_context ("", _("List the processes."), TRUE);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  if (!dlg_cli_parse (context, &argc, &argv, "processes"))
    return DLG_CLI_USAGE;
  if (argc != 1)
    return dlg_cli_usage ("processes", _("This command takes no argument."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(list = dlg_process_list (store, TRUE, &error)))
    return dlg_cli_fail (error);

  n = g_list_model_get_n_items (list);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgProcess) process = g_list_model_get_item (list, i);
      DlgStage stage = dlg_process_get_current_stage (process);

      if (opt_json)
        {
          json_builder_begin_object (builder);
          add_process_members (builder, process);
          add_string (builder, "stage", dlg_stage_to_id (stage));
          add_boolean (builder, "archived", dlg_process_get_archived (process));
          json_builder_end_object (builder);
        }
      else
        g_print ("%" G_GINT64_FORMAT "\t%s\t%s%s\n", dlg_process_get_id (process),
                 dlg_stage_get_label (stage), dlg_process_get_title (process),
                 dlg_process_get_archived (process) ? _(" (archived)") : "");
    }
  json_builder_end_array (builder);

  return opt_json ? print_json (builder) : DLG_CLI_OK;
}

/* Pads to @width characters (not bytes), for aligned columns in any language. */
static char *
pad (const char *text,
     guint       width)
{
  GString *padded = g_string_new (text);

  for (glong n = g_utf8_strlen (text, -1); n < (glong) width; n++)
    g_string_append_c (padded, ' ');
  return g_string_free (padded, FALSE);
}

/* dialogue-cli show PROCESS [--json] */
int
dlg_cli_show (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (_("PROCESS"), _("Show the twelve stages of a process."), TRUE);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  if (!dlg_cli_parse (context, &argc, &argv, "show"))
    return DLG_CLI_USAGE;
  if (!(process = open_process ("show", argc, argv, &store, &status)))
    return status;
  if (!(stages = dlg_stage_list (store, dlg_process_get_id (process), &error)))
    return dlg_cli_fail (error);

  if (!opt_json)
    g_print ("%s\n", dlg_process_get_title (process));

  json_builder_begin_object (builder);
  add_int (builder, "id", dlg_process_get_id (process));
  add_string (builder, "uuid", dlg_process_get_uuid (process));
  add_string (builder, "title", dlg_process_get_title (process));
  add_string (builder, "current_stage", dlg_stage_to_id (dlg_process_get_current_stage (process)));
  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autoptr(DlgStageInfo) info = g_list_model_get_item (stages, i);
      DlgStage stage = dlg_stage_info_get_stage (info);
      DlgStageState state = dlg_stage_info_get_state (info);

      json_builder_begin_object (builder);
      add_string (builder, "stage", dlg_stage_to_id (stage));
      add_string (builder, "label", dlg_stage_get_label (stage));
      add_string (builder, "state", dlg_stage_state_to_id (state));
      add_string (builder, "started_at", dlg_stage_info_get_started_at (info));
      add_string (builder, "ended_at", dlg_stage_info_get_ended_at (info));
      add_string (builder, "reason", dlg_stage_info_get_reason (info));
      json_builder_end_object (builder);

      if (!opt_json)
        {
          const char *started = dlg_stage_info_get_started_at (info);
          const char *ended = dlg_stage_info_get_ended_at (info);
          const char *reason = dlg_stage_info_get_reason (info);

          g_autofree char *label = pad (dlg_stage_get_label (stage), 34);
          g_autofree char *state_label = pad (dlg_stage_state_get_label (state), 12);

          g_print ("%2u. %s %s %s%s%s%s%s\n", i + 1, label, state_label,
                   started != NULL ? started : "", ended != NULL ? " → " : "",
                   ended != NULL ? ended : "", reason != NULL ? " — " : "",
                   reason != NULL ? reason : "");
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return opt_json ? print_json (builder) : DLG_CLI_OK;
}

/* dialogue-cli process create --title TITLE [--json] */
int
dlg_cli_process (int    argc,
                 char **argv)
{
  g_autofree char *title = NULL;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title of the new process"),
      N_("TITLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("create"), _("Create a process."), TRUE);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dlg_cli_parse (context, &argc, &argv, "process"))
    return DLG_CLI_USAGE;
  if (argc != 2 || !g_str_equal (argv[1], "create"))
    return dlg_cli_usage ("process", _("Use “process create --title TITLE”."));
  if (title == NULL)
    return dlg_cli_usage ("process", _("Give the title with --title."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = dlg_process_create (store, title, &error)))
    return dlg_cli_fail (error);

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_process_members (builder, process);
      json_builder_end_object (builder);
      return print_json (builder);
    }
  else
    g_print (_("Process created: %lld\n"), (long long) dlg_process_get_id (process));
  return DLG_CLI_OK;
}

/* dialogue-cli stage PROCESS STAGE start|done|skip|reopen [--reason TEXT] */
int
dlg_cli_stage (int    argc,
               char **argv)
{
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the stage is skipped or reopened"),
      N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROCESS STAGE start|done|skip|reopen"), _("Change the state of a stage."), FALSE);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  DlgStage stage;
  DlgTransition transition;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dlg_cli_parse (context, &argc, &argv, "stage"))
    return DLG_CLI_USAGE;
  if (argc != 4)
    return dlg_cli_usage ("stage", _("Name a process, a stage and start, done, skip or reopen."));
  if (!dlg_stage_from_id (argv[2], &stage))
    {
      GString *known = g_string_new (NULL);
      g_autofree char *message = NULL;

      for (guint i = 0; i < DLG_N_STAGES; i++)
        g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", dlg_stage_to_id (i));
      message = g_strdup_printf (_("Unknown stage “%s”. The stages are: %s."), argv[2],
                                 known->str);
      g_string_free (known, TRUE);
      return dlg_cli_usage ("stage", message);
    }
  if (!dlg_transition_from_id (argv[3], &transition))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown transition “%s”: use start, done, skip or reopen."), argv[3]);

      return dlg_cli_usage ("stage", message);
    }
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = find_process (store, argv[1])))
    return DLG_CLI_ERROR;

  if (!dlg_stage_apply (store, dlg_process_get_id (process), stage, transition, reason, &error))
    return dlg_cli_fail (error);

  g_print ("%s: %s\n", dlg_stage_get_label (stage),
           dlg_stage_state_get_label (transition == DLG_TRANSITION_DONE ?
                                      DLG_STAGE_STATE_DONE :
                                      transition == DLG_TRANSITION_SKIP ?
                                      DLG_STAGE_STATE_SKIPPED : DLG_STAGE_STATE_IN_PROGRESS));
  return DLG_CLI_OK;
}

/* The old → new value of an entry on one line, or NULL. */
static char *
format_change (DlgJournalEntry *entry)
{
  const char *type = dlg_journal_entry_get_object_type (entry);
  const char *field = dlg_journal_entry_get_field (entry);
  const char *old_value = dlg_journal_value_get_label (type, field,
                                                       dlg_journal_entry_get_old_value (entry));
  const char *new_value = dlg_journal_value_get_label (type, field,
                                                       dlg_journal_entry_get_new_value (entry));
  g_autofree char *old_flat = NULL;
  g_autofree char *new_flat = NULL;

  if (!dlg_journal_entry_has_change (entry))
    return NULL;
  old_flat = g_strdelimit (g_strdup (old_value != NULL ? old_value : ""), "\t\r\n", ' ');
  new_flat = g_strdelimit (g_strdup (new_value != NULL ? new_value : ""), "\t\r\n", ' ');
  if (old_value == NULL)
    return g_strdup_printf ("→ « %s »", new_flat);
  if (new_value == NULL)
    return g_strdup_printf ("« %s » →", old_flat);
  return g_strdup_printf ("« %s » → « %s »", old_flat, new_flat);
}

/* dialogue-cli journal PROCESS [--json] [--verify] [--csv FILE] */
int
dlg_cli_journal (int    argc,
                 char **argv)
{
  gboolean verify = FALSE;
  g_autofree char *csv_path = NULL;
  const GOptionEntry entries[] = {
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify,
      N_("Check the chain of hashes; exit 1 naming the first broken entry"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Write the journal to FILE as CSV (RFC 4180, UTF-8); “-” for standard output"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROCESS"), _("List the journal of a process."), TRUE);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GListModel) entries_list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 n_checked = 0;
  gboolean intact = TRUE;
  int status;
  guint n;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dlg_cli_parse (context, &argc, &argv, "journal"))
    return DLG_CLI_USAGE;
  if (!(process = open_process ("journal", argc, argv, &store, &status)))
    return status;

  if (verify)
    {
      intact = dlg_journal_verify (store, dlg_process_get_id (process), &n_checked, &error);
      if (!intact && !g_error_matches (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN))
        return dlg_cli_fail (error);
      if (opt_json)
        {
          json_builder_begin_object (builder);
          add_boolean (builder, "intact", intact);
          add_int (builder, "entries", n_checked);
          add_string (builder, "error", intact ? NULL : error->message);
          json_builder_end_object (builder);
          print_json (builder);
        }
      else if (intact)
        g_print (_("The journal is intact (%lld entries).\n"), (long long) n_checked);
      if (!intact)
        return dlg_cli_fail (error);
      return DLG_CLI_OK;
    }

  if (!(entries_list = dlg_journal_list (store, dlg_process_get_id (process), &error)))
    return dlg_cli_fail (error);
  if (csv_path != NULL)
    {
      g_autoptr(GFile) file = NULL;

      if (g_str_equal (csv_path, "-"))
        {
          g_autofree char *csv = dlg_journal_to_csv (entries_list);

          g_print ("%s", csv);
          return DLG_CLI_OK;
        }
      file = g_file_new_for_commandline_arg (csv_path);
      if (!dlg_journal_export_csv (entries_list, file, &error))
        return dlg_cli_fail (error);
      return DLG_CLI_OK;
    }
  n = g_list_model_get_n_items (entries_list);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgJournalEntry) entry = g_list_model_get_item (entries_list, i);

      if (opt_json)
        {
          json_builder_begin_object (builder);
          add_int (builder, "seq", dlg_journal_entry_get_seq (entry));
          add_string (builder, "at", dlg_journal_entry_get_at (entry));
          add_string (builder, "actor", dlg_journal_entry_get_actor (entry));
          add_string (builder, "action", dlg_journal_entry_get_action (entry));
          add_string (builder, "object_type", dlg_journal_entry_get_object_type (entry));
          add_string (builder, "object_id", dlg_journal_entry_get_object_id (entry));
          add_string (builder, "summary", dlg_journal_entry_get_summary (entry));
          add_string (builder, "hash", dlg_journal_entry_get_hash (entry));
          add_string (builder, "action_label",
                              dlg_journal_action_get_label (dlg_journal_entry_get_action (entry)));
          add_string (builder, "stage", dlg_journal_entry_get_stage (entry));
          add_string (builder, "field", dlg_journal_entry_get_field (entry));
          add_string (builder, "old_value", dlg_journal_entry_get_old_value (entry));
          add_string (builder, "new_value", dlg_journal_entry_get_new_value (entry));
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *change = format_change (entry);

          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s%s%s\n",
                   dlg_journal_entry_get_seq (entry), dlg_journal_entry_get_at (entry),
                   dlg_journal_entry_get_actor (entry),
                   dlg_journal_action_get_label (dlg_journal_entry_get_action (entry)),
                   dlg_journal_entry_get_summary (entry), change != NULL ? "\t" : "",
                   change != NULL ? change : "");
        }
    }
  json_builder_end_array (builder);

  return opt_json ? print_json (builder) : DLG_CLI_OK;
}

/* dialogue-cli panel PROCESS --contacts-csv FILE */
int
dlg_cli_panel (int    argc,
               char **argv)
{
  g_autofree char *contacts_csv = NULL;
  const GOptionEntry entries[] = {
    { "contacts-csv", 0, 0, G_OPTION_ARG_FILENAME, &contacts_csv,
      N_("Write the names and contact details of the drawn panel to FILE (CSV, for a mail "
         "merge); the journal records it"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("PROCESS"), _("Export the contact details of the drawn panel."), FALSE);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  int status;
  guint n = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!dlg_cli_parse (context, &argc, &argv, "panel"))
    return DLG_CLI_USAGE;
  if (argc == 2 && contacts_csv == NULL)
    return dlg_cli_usage ("panel", _("Say where to write the contacts: --contacts-csv FILE."));
  if (!(process = open_process ("panel", argc, argv, &store, &status)))
    return status;
  file = g_file_new_for_commandline_arg (contacts_csv);
  if (!dlg_participant_contact_export_panel (store, dlg_process_get_id (process), file, &n,
                                             &error))
    return dlg_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "The contact details of %u person were written to %s.\n",
                        "The contact details of %u people were written to %s.\n", n),
           n, contacts_csv);
  return DLG_CLI_OK;
}
