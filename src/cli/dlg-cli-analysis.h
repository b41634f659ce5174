/* dlg-cli-analysis.h — `dialogue-cli themes PROCESS suggest` and `dialogue-cli duplicates`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

extern const DlgCliSpec dlg_cli_themes_spec;
extern const DlgCliSpec dlg_cli_duplicates_spec;

int dlg_cli_themes     (int    argc,
                        char **argv);
int dlg_cli_duplicates (int    argc,
                        char **argv);

G_END_DECLS
