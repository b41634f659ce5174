/* dlg-cli-export.h — dialogue-cli export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

G_BEGIN_DECLS

int dlg_cli_export (int argc, char **argv);

G_END_DECLS
