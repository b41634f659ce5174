/* dlg-cli-record.h — dialogue-cli commands on the records of a process, over the field tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

extern const DlgCliSpec dlg_cli_participant_spec;
extern const DlgCliSpec dlg_cli_session_spec;
extern const DlgCliSpec dlg_cli_recommendation_spec;
extern const DlgCliSpec dlg_cli_position_spec;
extern const DlgCliSpec dlg_cli_commitment_spec;
extern const DlgCliSpec dlg_cli_communication_spec;

/* communication check and export (dlg-cli-communication.c). */
extern const GOptionEntry dlg_cli_communication_export_entries[];
int dlg_cli_communication_check  (const DlgCliSpec *spec,
                                  const DlgCliVerb *verb,
                                  int               argc,
                                  char            **argv);
int dlg_cli_communication_export (const DlgCliSpec *spec,
                                  const DlgCliVerb *verb,
                                  int               argc,
                                  char            **argv);

/* Every command above: argv[0] says which. */
int dlg_cli_record (int argc, char **argv);

G_END_DECLS
