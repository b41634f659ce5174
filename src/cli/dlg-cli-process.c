/* dlg-cli-process.c — dialogue-cli commands on processes, stages and the journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "dlg-cli-common.h"
#include "dlg-cli-process.h"

#define opt_db dlg_cli_opt_db
#define opt_json dlg_cli_opt_json

static char *opt_title;
static gboolean opt_restore;
static char *opt_reason;
static gboolean opt_verify;
static char *opt_csv;
static char *opt_contacts_csv;

static const GOptionEntry create_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("The title of the new process"),
    N_("TITLE") },
  { NULL }
};

static const GOptionEntry archive_entries[] = {
  { "restore", 0, 0, G_OPTION_ARG_NONE, &opt_restore, N_("Bring an archived process back"),
    NULL },
  { NULL }
};

static const GOptionEntry stage_entries[] = {
  { "reason", 0, 0, G_OPTION_ARG_STRING, &opt_reason, N_("Why the stage is skipped or reopened"),
    N_("TEXT") },
  { NULL }
};

static const GOptionEntry journal_entries[] = {
  { "verify", 0, 0, G_OPTION_ARG_NONE, &opt_verify,
    N_("Check the chain of hashes; exit 1 naming the first broken entry"), NULL },
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_csv,
    N_("Write the journal to FILE as CSV (RFC 4180, UTF-8); “-” for standard output"),
    N_("FILE") },
  { NULL }
};

static const GOptionEntry panel_entries[] = {
  { "contacts-csv", 0, 0, G_OPTION_ARG_FILENAME, &opt_contacts_csv,
    N_("Write the names and contact details of the drawn panel to FILE (CSV, for a mail "
       "merge); the journal records it"), N_("FILE") },
  { NULL }
};

/* The fields of a process "process get" and "process set" name: its own two, then the texts
 * of the stages as the store keys them. */
static const char *const own_fields[] = { "title", "summary", NULL };

static const char *const *
process_field_names (void)
{
  static char **names;

  if (g_once_init_enter (&names))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_strv_builder_addv (builder, (const char **) own_fields);
      g_strv_builder_addv (builder, (const char **) dlg_process_field_keys ());
      g_once_init_leave (&names, g_strv_builder_end (builder));
    }
  return (const char *const *) names;
}

DLG_CLI_SPEC_ONE (demo, "", N_("Create the demo process."), NULL, FALSE);
DLG_CLI_SPEC_ONE (processes, "", N_("List the processes."), NULL, TRUE);
DLG_CLI_SPEC_ONE (show, N_("PROCESS"), N_("Show the twelve stages of a process."), NULL, TRUE);
DLG_CLI_SPEC_ONE (stage, N_("PROCESS STAGE start|done|skip|reopen"),
                  N_("Change the state of a stage."), stage_entries, FALSE);
DLG_CLI_SPEC_ONE (journal, N_("PROCESS"), N_("List the journal of a process."), journal_entries,
                  TRUE);
DLG_CLI_SPEC_ONE (panel, N_("PROCESS"), N_("Export the contact details of the drawn panel."),
                  panel_entries, FALSE);

static const DlgCliVerb process_verbs[] = {
  { "create", "", N_("Create a process"), create_entries, NULL, TRUE },
  { "get", N_("PROCESS [FIELD]"), N_("Print the fields of a process, or one of them"), NULL,
    NULL, TRUE, NULL, process_field_names },
  { "set", N_("PROCESS FIELD VALUE"),
    N_("Change a field of a process (a stage’s text: the stage must not be done); VALUE “-” "
       "reads it from standard input"), NULL, NULL,
    FALSE, NULL, process_field_names },
  { "archive", N_("PROCESS"), N_("Archive a process (or --restore it)"), archive_entries, NULL,
    FALSE },
  { NULL }
};

const DlgCliSpec dlg_cli_process_spec = { "process", process_verbs };

static void
reset_options (void)
{
  g_clear_pointer (&opt_title, g_free);
  g_clear_pointer (&opt_reason, g_free);
  g_clear_pointer (&opt_csv, g_free);
  g_clear_pointer (&opt_contacts_csv, g_free);
  opt_restore = opt_verify = FALSE;
}

static GOptionContext *
new_context (const DlgCliSpec *spec)
{
  reset_options ();
  return dlg_cli_context_new (spec, &spec->verbs[0]);
}

/* id, uuid and title, as `processes` and `process create` print them */
static void
add_process_members (JsonBuilder *builder,
                     DlgProcess  *process)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, dlg_process_get_id (process));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, dlg_process_get_uuid (process));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, dlg_process_get_title (process));
}

/* dialogue-cli demo */
int
dlg_cli_demo (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = new_context (&dlg_cli_demo_spec);
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
  g_autoptr(GOptionContext) context = new_context (&dlg_cli_processes_spec);
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
          json_builder_set_member_name (builder, "stage");
          json_builder_add_string_value (builder, dlg_stage_to_id (stage));
          json_builder_set_member_name (builder, "archived");
          json_builder_add_boolean_value (builder, dlg_process_get_archived (process));
          json_builder_end_object (builder);
        }
      else
        g_print ("%" G_GINT64_FORMAT "\t%s\t%s%s\n", dlg_process_get_id (process),
                 dlg_stage_get_label (stage), dlg_process_get_title (process),
                 dlg_process_get_archived (process) ? _(" (archived)") : "");
    }
  json_builder_end_array (builder);

  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      dlg_cli_print_json (root);
    }
  return DLG_CLI_OK;
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

#define add_string_or_null dlg_cli_add_string_or_null

/* dialogue-cli show PROCESS [--json] */
int
dlg_cli_show (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_show_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!dlg_cli_parse (context, &argc, &argv, "show"))
    return DLG_CLI_USAGE;
  if (argc != 2)
    return dlg_cli_usage ("show", _("Name one process (its number or uuid)."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = find_process (store, argv[1])))
    return DLG_CLI_ERROR;
  if (!(stages = dlg_stage_list (store, dlg_process_get_id (process), &error)))
    return dlg_cli_fail (error);

  if (!opt_json)
    g_print ("%s\n", dlg_process_get_title (process));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, dlg_process_get_id (process));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, dlg_process_get_uuid (process));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, dlg_process_get_title (process));
  json_builder_set_member_name (builder, "current_stage");
  json_builder_add_string_value (builder,
                                 dlg_stage_to_id (dlg_process_get_current_stage (process)));
  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autoptr(DlgStageInfo) info = g_list_model_get_item (stages, i);
      DlgStage stage = dlg_stage_info_get_stage (info);
      DlgStageState state = dlg_stage_info_get_state (info);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, dlg_stage_to_id (stage));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, dlg_stage_get_label (stage));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, dlg_stage_state_to_id (state));
      add_string_or_null (builder, "started_at", dlg_stage_info_get_started_at (info));
      add_string_or_null (builder, "ended_at", dlg_stage_info_get_ended_at (info));
      add_string_or_null (builder, "reason", dlg_stage_info_get_reason (info));
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

  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      dlg_cli_print_json (root);
    }
  return DLG_CLI_OK;
}

static gboolean
is_process_field (const char *name)
{
  return g_strv_contains (process_field_names (), name);
}

static int
unknown_field (const char *usage,
               const char *name)
{
  g_autofree char *known = g_strjoinv (", ", (char **) process_field_names ());
  g_autofree char *message =
    g_strdup_printf (_("Unknown field “%s”. The fields are: %s."), name, known);

  return dlg_cli_usage (usage, message);
}

/* The value of a field of a process, "" when unset; NULL with @error. */
static char *
get_process_field (DlgStore    *store,
                   DlgProcess  *process,
                   const char  *name,
                   GError     **error)
{
  if (g_str_equal (name, "title"))
    return g_strdup (dlg_process_get_title (process));
  if (g_str_equal (name, "summary"))
    return g_strdup (dlg_process_get_summary (process) != NULL ?
                     dlg_process_get_summary (process) : "");
  return dlg_process_get_field (store, dlg_process_get_id (process), name, error);
}

/* The call the window makes for the field, so that the same stage rule and journal apply. */
static gboolean
set_process_field (DlgStore    *store,
                   DlgProcess  *process,
                   const char  *name,
                   const char  *value,
                   GError     **error)
{
  gint64 id = dlg_process_get_id (process);

  if (g_str_equal (name, "title"))
    return dlg_process_rename (store, id, value, error);
  if (g_str_equal (name, "summary"))
    return dlg_process_set_summary (store, id, value, error);
  /* The window journals a burst of typing once it settles; one command is one burst. */
  return dlg_process_set_field (store, id, name, value, error) &&
         dlg_journal_settle (store, 0, NULL, error);
}


static int
run_process_verb (const DlgCliSpec *spec,
                  const DlgCliVerb *verb,
                  int               argc,
                  char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *usage = g_strjoin (" ", spec->name, verb->name, NULL);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean create = g_str_equal (verb->name, "create");
  gboolean get = g_str_equal (verb->name, "get");
  gboolean set = g_str_equal (verb->name, "set");
  int n_args;

  reset_options ();
  context = dlg_cli_context_new (spec, verb);
  if (!dlg_cli_parse (context, &argc, &argv, usage))
    return DLG_CLI_USAGE;
  n_args = argc - 1;
  if ((create && n_args != 0) || (get && n_args != 1 && n_args != 2) || (set && n_args != 3) ||
      (!create && !get && !set && n_args != 1))
    {
      g_autofree char *message =
        g_strdup_printf (_("Use “%s %s”."), usage, _(verb->parameters));

      return dlg_cli_usage (usage, *verb->parameters != '\0' ? message
                                                              : _("This verb takes no argument."));
    }
  if (create && opt_title == NULL)
    return dlg_cli_usage (usage, _("Give the title with --title."));
  if ((get && n_args == 2) || set)
    if (!is_process_field (argv[2]))
      return unknown_field (usage, argv[2]);
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;

  if (create)
    {
      if (!(process = dlg_process_create (store, opt_title, &error)))
        return dlg_cli_fail (error);
      if (opt_json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          add_process_members (builder, process);
          json_builder_end_object (builder);
          dlg_cli_print_builder (builder);
        }
      else
        g_print (_("Process created: %lld\n"), (long long) dlg_process_get_id (process));
      return DLG_CLI_OK;
    }

  if (!(process = find_process (store, argv[1])))
    return DLG_CLI_ERROR;

  if (set)
    {
      g_autofree char *value = NULL;

      /* "-": the text comes from standard input (a long text, several lines). */
      if (g_str_equal (argv[3], "-"))
        {
          GString *text = g_string_new (NULL);
          char buffer[4096];
          gsize n;

          while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
            g_string_append_len (text, buffer, n);
          value = g_string_free (text, FALSE);
        }
      else
        value = g_strdup (argv[3]);
      if (!set_process_field (store, process, argv[2], value, &error))
        return dlg_cli_fail (error);
      return DLG_CLI_OK;
    }

  if (get)
    {
      const char *const *names = process_field_names ();
      const char *one[] = { n_args == 2 ? argv[2] : NULL, NULL };
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (n_args == 2)
        names = one;
      json_builder_begin_object (builder);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *value = get_process_field (store, process, names[i], &error);

          if (value == NULL)
            return dlg_cli_fail (error);
          json_builder_set_member_name (builder, names[i]);
          json_builder_add_string_value (builder, value);
          if (opt_json)
            continue;
          if (n_args == 2)
            g_print ("%s\n", value);
          else
            g_print ("%s\t%s\n", names[i], g_strdelimit (value, "\t\r\n", ' '));
        }
      json_builder_end_object (builder);
      if (opt_json)
        dlg_cli_print_builder (builder);
      return DLG_CLI_OK;
    }

  /* archive */
  if (dlg_process_get_archived (process) == !opt_restore)
    return DLG_CLI_OK;
  if (!dlg_process_set_archived (store, dlg_process_get_id (process), !opt_restore, &error))
    return dlg_cli_fail (error);
  return DLG_CLI_OK;
}

/* dialogue-cli process create|get|set|archive … */
int
dlg_cli_process (int    argc,
                 char **argv)
{
  return dlg_cli_run_verbs (&dlg_cli_process_spec, argc, argv, run_process_verb);
}

/* dialogue-cli stage PROCESS STAGE start|done|skip|reopen [--reason TEXT] */
int
dlg_cli_stage (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_stage_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  DlgStage stage;
  DlgTransition transition;

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

  if (!dlg_stage_apply (store, dlg_process_get_id (process), stage, transition, opt_reason,
                        &error))
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
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_journal_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GListModel) entries_list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 n_checked = 0;
  gboolean intact = TRUE;
  guint n;

  if (!dlg_cli_parse (context, &argc, &argv, "journal"))
    return DLG_CLI_USAGE;
  if (argc != 2)
    return dlg_cli_usage ("journal", _("Name one process (its number or uuid)."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = find_process (store, argv[1])))
    return DLG_CLI_ERROR;

  if (opt_verify)
    {
      intact = dlg_journal_verify (store, dlg_process_get_id (process), &n_checked, &error);
      if (!intact && !g_error_matches (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN))
        return dlg_cli_fail (error);
      if (opt_json)
        {
          g_autoptr(JsonNode) root = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "intact");
          json_builder_add_boolean_value (builder, intact);
          json_builder_set_member_name (builder, "entries");
          json_builder_add_int_value (builder, n_checked);
          add_string_or_null (builder, "error", intact ? NULL : error->message);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          dlg_cli_print_json (root);
        }
      else if (intact)
        g_print (_("The journal is intact (%lld entries).\n"), (long long) n_checked);
      if (!intact)
        return dlg_cli_fail (error);
      return DLG_CLI_OK;
    }

  if (!(entries_list = dlg_journal_list (store, dlg_process_get_id (process), &error)))
    return dlg_cli_fail (error);
  if (opt_csv != NULL)
    {
      g_autoptr(GFile) file = NULL;

      if (g_str_equal (opt_csv, "-"))
        {
          g_autofree char *csv = dlg_journal_to_csv (entries_list);

          g_print ("%s", csv);
          return DLG_CLI_OK;
        }
      file = g_file_new_for_commandline_arg (opt_csv);
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
          json_builder_set_member_name (builder, "seq");
          json_builder_add_int_value (builder, dlg_journal_entry_get_seq (entry));
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, dlg_journal_entry_get_at (entry));
          json_builder_set_member_name (builder, "actor");
          json_builder_add_string_value (builder, dlg_journal_entry_get_actor (entry));
          json_builder_set_member_name (builder, "action");
          json_builder_add_string_value (builder, dlg_journal_entry_get_action (entry));
          json_builder_set_member_name (builder, "object_type");
          json_builder_add_string_value (builder, dlg_journal_entry_get_object_type (entry));
          json_builder_set_member_name (builder, "object_id");
          json_builder_add_string_value (builder, dlg_journal_entry_get_object_id (entry));
          json_builder_set_member_name (builder, "summary");
          json_builder_add_string_value (builder, dlg_journal_entry_get_summary (entry));
          json_builder_set_member_name (builder, "hash");
          json_builder_add_string_value (builder, dlg_journal_entry_get_hash (entry));
          add_string_or_null (builder, "action_label",
                              dlg_journal_action_get_label (dlg_journal_entry_get_action (entry)));
          add_string_or_null (builder, "stage", dlg_journal_entry_get_stage (entry));
          add_string_or_null (builder, "field", dlg_journal_entry_get_field (entry));
          add_string_or_null (builder, "old_value", dlg_journal_entry_get_old_value (entry));
          add_string_or_null (builder, "new_value", dlg_journal_entry_get_new_value (entry));
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

  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      dlg_cli_print_json (root);
    }
  return DLG_CLI_OK;
}

/* dialogue-cli panel PROCESS --contacts-csv FILE */
int
dlg_cli_panel (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_panel_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  guint n = 0;

  if (!dlg_cli_parse (context, &argc, &argv, "panel"))
    return DLG_CLI_USAGE;
  if (argc != 2)
    return dlg_cli_usage ("panel", _("Name one process (its number or uuid)."));
  if (opt_contacts_csv == NULL)
    return dlg_cli_usage ("panel", _("Say where to write the contacts: --contacts-csv FILE."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = find_process (store, argv[1])))
    return DLG_CLI_ERROR;
  file = g_file_new_for_commandline_arg (opt_contacts_csv);
  if (!dlg_participant_contact_export_panel (store, dlg_process_get_id (process), file, &n,
                                             &error))
    return dlg_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "The contact details of %u person were written to %s.\n",
                        "The contact details of %u people were written to %s.\n", n),
           n, opt_contacts_csv);
  return DLG_CLI_OK;
}
