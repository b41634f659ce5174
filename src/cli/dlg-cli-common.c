/* dlg-cli-common.c — what every dialogue-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "dlg-cli-common.h"

/**
 * dlg_cli_parse:
 *
 * Parses the options of @command; on wrong usage prints why on stderr and returns %FALSE
 * (the caller exits with DLG_CLI_USAGE).
 */
gboolean
dlg_cli_parse (GOptionContext   *context,
               int              *argc,
               char           ***argv,
               const char       *command)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      dlg_cli_usage (command, error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_cli_context_new:
 * @parameters: what follows the command ("PROCESS")
 * @summary: what the command does
 * @common: the options the command group shares (--db, --json…)
 * @extra: (nullable): the command's own
 *
 * Returns: (transfer full): an option context in the app's translation domain
 */
GOptionContext *
dlg_cli_context_new (const char         *parameters,
                     const char         *summary,
                     const GOptionEntry *common,
                     const GOptionEntry *extra)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  return context;
}

/**
 * dlg_cli_open_store:
 * @db_path: (nullable): the --db option, or %NULL for the app's database
 *
 * Opens the store, printing the error on stderr when it cannot.
 */
DlgStore *
dlg_cli_open_store (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  const char *officer;
  DlgStore *store;

  if (db_path == NULL)
    db_path = default_path = dlg_store_get_default_path ();
  store = dlg_store_open (db_path, &error);
  if (store == NULL)
    {
      dlg_cli_fail (error);
      return NULL;
    }
  /* Who the journal names: $DIALOGUE_OFFICER, else the system account. */
  officer = g_getenv ("DIALOGUE_OFFICER");
  dlg_store_set_actor (store, officer != NULL && *officer != '\0' ? officer : g_get_user_name ());
  return store;
}

int
dlg_cli_fail (const GError *error)
{
  g_printerr ("dialogue-cli: %s\n", error->message);
  return DLG_CLI_ERROR;
}

int
dlg_cli_usage (const char *command,
               const char *message)
{
  g_printerr ("dialogue-cli %s: %s\n", command, message);
  g_printerr (_("Try “dialogue-cli %s --help”.\n"), command);
  return DLG_CLI_USAGE;
}

void
dlg_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
