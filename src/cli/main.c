/* main.c — dialogue-cli, the command line over the core and sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 on success, 1 on an error (message on stderr), 2 on wrong usage.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dlg-cli-advisor.h"
#include "dlg-cli-analysis.h"
#include "dlg-cli-coding.h"
#include "dlg-cli-common.h"
#include "dlg-cli-draw.h"
#include "dlg-cli-export.h"
#include "dlg-cli-gdpr.h"
#include "dlg-cli-import.h"
#include "dlg-cli-manual.h"
#include "dlg-cli-process.h"
#include "dlg-cli-record.h"
#include "dlg-cli-report.h"
#include "dlg-cli-sync.h"
#include "dlg-cli-training.h"

/* A command declares its options in a DlgCliSpec (HACKING.md, "The command line"). */
static const DlgCliCommandEntry commands[] = {
  { "demo", dlg_cli_demo, N_("Create the demo process (once)"), &dlg_cli_demo_spec },
  { "processes", dlg_cli_processes, N_("List the processes"), &dlg_cli_processes_spec },
  { "process", dlg_cli_process, N_("Create, read, change or archive a process"),
    &dlg_cli_process_spec },
  { "show", dlg_cli_show, N_("Show the stages of a process"), &dlg_cli_show_spec },
  { "stage", dlg_cli_stage, N_("Start, close or skip a stage"), &dlg_cli_stage_spec },
  { "journal", dlg_cli_journal, N_("List or verify the journal of a process"),
    &dlg_cli_journal_spec },
  { "contributions", dlg_cli_contributions, N_("List the contributions of a process"),
    &dlg_cli_contributions_spec },
  { "themes", dlg_cli_themes, N_("List, add, merge or suggest the themes of a process"),
    &dlg_cli_themes_spec },
  { "tag", dlg_cli_tag, N_("Give a theme to contributions, or take it off"), &dlg_cli_tag_spec },
  { "search", dlg_cli_search, N_("Search the contributions of a process"),
    &dlg_cli_search_spec },
  { "duplicates", dlg_cli_duplicates, N_("Group duplicate and near-duplicate contributions"),
    &dlg_cli_duplicates_spec },
  { "export", dlg_cli_export, N_("Export records as CSV, XLSX, JSON or GeoJSON; open data"),
    &dlg_cli_export_spec },
  { "report", dlg_cli_report, N_("Write the bilan of a process as a PDF"),
    &dlg_cli_report_spec },
  { "import", dlg_cli_import, N_("Import contributions from a platform’s export or a CSV"),
    &dlg_cli_import_spec },
  { "narrative", dlg_cli_narrative, N_("Publish a narrative of a process"),
    &dlg_cli_narrative_spec },
  { "sync", dlg_cli_sync, N_("Sync with the public site"), &dlg_cli_sync_spec },
  { "conflicts", dlg_cli_conflicts, N_("List or resolve sync conflicts"), &dlg_cli_conflicts_spec },
  { "panel", dlg_cli_panel, N_("Export the contact details of the drawn panel (CSV)"),
    &dlg_cli_panel_spec },
  { "gdpr", dlg_cli_gdpr, N_("Keep, purge, erase or export personal data (GDPR)"),
    &dlg_cli_gdpr_spec },
  { "draw", dlg_cli_draw, N_("Draw a panel by lot, fairly, from CSV files of quotas and people"),
    &dlg_cli_draw_spec },
  { "participant", dlg_cli_record, N_("Register, list or change participants"),
    &dlg_cli_participant_spec },
  { "session", dlg_cli_record, N_("Add, list or change workshop sessions"),
    &dlg_cli_session_spec },
  { "recommendation", dlg_cli_record, N_("Add, list or change recommendations"),
    &dlg_cli_recommendation_spec },
  { "position", dlg_cli_record, N_("Set or list the positions of the argued response"),
    &dlg_cli_position_spec },
  { "commitment", dlg_cli_record, N_("Add, list, change or report on commitments"),
    &dlg_cli_commitment_spec },
  { "communication", dlg_cli_record, N_("Plan, list and export the communication of a process"),
    &dlg_cli_communication_spec },
  { "advisor", dlg_cli_advisor, N_("Which contributory features a process needs: guidance, "
                                   "past figures, the team’s choice"), &dlg_cli_advisor_spec },
  { "response", dlg_cli_response, N_("Templates, bulk answers and the check of the argued "
                                     "response"), &dlg_cli_response_spec },
  { "training", dlg_cli_training, N_("Reset the training: the demo at a chosen stage, the "
                                     "practice site as new"), &dlg_cli_training_spec },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: dialogue-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“dialogue-cli COMMAND --help” describes the options of a command."));
}

/* The options every command reads (dlg_cli_context_new() adds them), and whether each takes
 * a value. */
static const struct
{
  const char *name;
  gboolean    has_value;
} global_options[] = {
  { "--db", TRUE },
  { "--json", FALSE },
};

/* "dialogue-cli --db F --json COMMAND …" is "dialogue-cli COMMAND … --db F --json", as every
 * command line takes it: the options before the command move after it, in their order. FALSE
 * (with a message) for an option before the command that no command takes, or a missing
 * value. */
static gboolean
move_global_options (int    argc,
                     char **argv)
{
  g_autofree char **moved = g_new0 (char *, argc + 1);
  int n_moved = 0, first = 1;

  while (first < argc && g_str_has_prefix (argv[first], "--"))
    {
      gboolean known = FALSE;

      for (guint g = 0; g < G_N_ELEMENTS (global_options) && !known; g++)
        {
          const char *name = global_options[g].name;

          if (g_str_equal (argv[first], name))
            {
              known = TRUE;
              moved[n_moved++] = argv[first++];
              if (global_options[g].has_value)
                {
                  if (first == argc)
                    {
                      g_printerr (_("dialogue-cli: %s needs a value.\n"), name);
                      return FALSE;
                    }
                  moved[n_moved++] = argv[first++];
                }
            }
          else if (global_options[g].has_value && g_str_has_prefix (argv[first], name) &&
                   argv[first][strlen (name)] == '=')
            {
              known = TRUE;
              moved[n_moved++] = argv[first++];
            }
        }
      if (!known)
        {
          if (g_str_equal (argv[first], "--help"))
            break;
          g_printerr (_("dialogue-cli: unknown option “%s” before the command.\n"),
                      argv[first]);
          return FALSE;
        }
    }
  if (n_moved == 0)
    return TRUE;
  /* COMMAND … first, then the options */
  memmove (argv + 1, argv + first, (argc - first) * sizeof (char *));
  memcpy (argv + 1 + (argc - first), moved, n_moved * sizeof (char *));
  return TRUE;
}

static void
setup_gettext (void)
{
  g_autofree char *exe_dir = NULL;
  const char *localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  /* Running from the build tree: use the catalogues compiled there. */
  if (g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR) &&
      !g_file_test (LOCALEDIR "/fr/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS))
    localedir = BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  setup_gettext ();
  g_set_prgname ("dialogue-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return DLG_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return DLG_CLI_OK;
    }
  /* The build makes the man page and the completion from the option tables. */
  if (g_str_equal (argv[1], "--print-man"))
    {
      dlg_cli_print_man (commands, G_N_ELEMENTS (commands));
      return DLG_CLI_OK;
    }
  if (g_str_equal (argv[1], "--print-completion"))
    {
      dlg_cli_print_completion (commands, G_N_ELEMENTS (commands));
      return DLG_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("dialogue-cli %s\n", PACKAGE_VERSION);
      return DLG_CLI_OK;
    }

  /* Global options before the command are the command's own, put after it. */
  if (!move_global_options (argc, argv))
    {
      print_help (stderr);
      return DLG_CLI_USAGE;
    }
  if (argc < 2 || g_str_has_prefix (argv[1], "-"))
    {
      if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
        {
          print_help (stdout);
          return DLG_CLI_OK;
        }
      print_help (stderr);
      return DLG_CLI_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("dialogue-cli: unknown command “%s”.\n"), argv[1]);
  print_help (stderr);
  return DLG_CLI_USAGE;
}
