/* dlg-cli-draw.h — `dialogue-cli draw`: a fair random draw of a panel from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

extern const DlgCliSpec dlg_cli_draw_spec;

int dlg_cli_draw (int    argc,
                  char **argv);

G_END_DECLS
