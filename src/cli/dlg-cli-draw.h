/* dlg-cli-draw.h — `dialogue-cli draw`: a fair random draw of a panel from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int dlg_cli_draw (int    argc,
                  char **argv);

G_END_DECLS
