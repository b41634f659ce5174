/* dlg-cli-import.h — dialogue-cli import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

G_BEGIN_DECLS

int dlg_cli_import (int argc, char **argv);

G_END_DECLS
