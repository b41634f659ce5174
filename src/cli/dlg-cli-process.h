/* dlg-cli-process.h — dialogue-cli commands on processes, stages and the journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

extern const DlgCliSpec dlg_cli_demo_spec;
extern const DlgCliSpec dlg_cli_processes_spec;
extern const DlgCliSpec dlg_cli_process_spec;
extern const DlgCliSpec dlg_cli_show_spec;
extern const DlgCliSpec dlg_cli_stage_spec;
extern const DlgCliSpec dlg_cli_journal_spec;
extern const DlgCliSpec dlg_cli_panel_spec;

int dlg_cli_demo      (int argc, char **argv);
int dlg_cli_processes (int argc, char **argv);
int dlg_cli_process   (int argc, char **argv);
int dlg_cli_show      (int argc, char **argv);
int dlg_cli_stage     (int argc, char **argv);
int dlg_cli_journal   (int argc, char **argv);
int dlg_cli_panel     (int argc, char **argv);

G_END_DECLS
