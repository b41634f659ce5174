/* dlg-cli-process.h — dialogue-cli commands on processes, stages and the journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

G_BEGIN_DECLS

int dlg_cli_demo      (int argc, char **argv);
int dlg_cli_processes (int argc, char **argv);
int dlg_cli_process   (int argc, char **argv);
int dlg_cli_show      (int argc, char **argv);
int dlg_cli_stage     (int argc, char **argv);
int dlg_cli_journal   (int argc, char **argv);
int dlg_cli_panel     (int argc, char **argv);

G_END_DECLS
