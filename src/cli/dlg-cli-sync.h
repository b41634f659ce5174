/* dlg-cli-sync.h — dialogue-cli sync, contributions and narrative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

extern const DlgCliSpec dlg_cli_sync_spec;
extern const DlgCliSpec dlg_cli_contributions_spec;
extern const DlgCliSpec dlg_cli_narrative_spec;
extern const DlgCliSpec dlg_cli_conflicts_spec;

int dlg_cli_sync          (int    argc,
                           char **argv);
int dlg_cli_contributions (int    argc,
                           char **argv);
int dlg_cli_narrative     (int    argc,
                           char **argv);
int dlg_cli_conflicts     (int    argc,
                           char **argv);

G_END_DECLS
