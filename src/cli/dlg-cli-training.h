/* dlg-cli-training.h — `dialogue-cli training`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-cli-common.h"

G_BEGIN_DECLS

extern const DlgCliSpec dlg_cli_training_spec;

int dlg_cli_training (int    argc,
                      char **argv);

G_END_DECLS
