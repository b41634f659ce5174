/* dlg-cli-common.h — what every dialogue-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "dlg-core.h"

G_BEGIN_DECLS

/* Exit statuses of dialogue-cli. */
#define DLG_CLI_OK    0
#define DLG_CLI_ERROR 1
#define DLG_CLI_USAGE 2

/* A command: argv[0] is its name; returns one of the DLG_CLI_ statuses. */
typedef int (*DlgCliCommand) (int    argc,
                              char **argv);

gboolean  dlg_cli_parse       (GOptionContext  *context,
                               int             *argc,
                               char          ***argv,
                               const char      *command);
GOptionContext *dlg_cli_context_new (const char         *parameters,
                                     const char         *summary,
                                     const GOptionEntry *common,
                                     const GOptionEntry *extra);
DlgStore *dlg_cli_open_store  (const char      *db_path);
int       dlg_cli_fail        (const GError    *error);
int       dlg_cli_usage       (const char      *command,
                               const char      *message);
void      dlg_cli_print_json  (JsonNode        *node);

G_END_DECLS
