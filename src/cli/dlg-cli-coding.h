/* dlg-cli-coding.h — the coding frame from the command line: `themes PROCESS list|add|…`,
 * `tag` and `search`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

/* The options of `themes` that the frame's verbs read. */
typedef struct
{
  char *parent;
  char *colour;
  char *description;
} DlgCliThemeOptions;

extern const DlgCliSpec dlg_cli_tag_spec;
extern const DlgCliSpec dlg_cli_search_spec;

int dlg_cli_themes_frame (int                        argc,
                          char                     **argv,
                          const DlgCliThemeOptions  *options);
int dlg_cli_tag          (int    argc,
                          char **argv);
int dlg_cli_search       (int    argc,
                          char **argv);

G_END_DECLS
