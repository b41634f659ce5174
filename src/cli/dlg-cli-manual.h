/* dlg-cli-manual.h — the man page and the bash completion, made from the option tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

void dlg_cli_print_man        (const DlgCliCommandEntry *commands,
                               guint                     n_commands);
void dlg_cli_print_completion (const DlgCliCommandEntry *commands,
                               guint                     n_commands);

G_END_DECLS
