/* dlg-cli-advisor.h — `dialogue-cli advisor` (the feature advisor) and `dialogue-cli response`
 * (answers at volume)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

extern const DlgCliSpec dlg_cli_advisor_spec;
extern const DlgCliSpec dlg_cli_response_spec;

int dlg_cli_advisor  (int    argc,
                      char **argv);
int dlg_cli_response (int    argc,
                      char **argv);

G_END_DECLS
