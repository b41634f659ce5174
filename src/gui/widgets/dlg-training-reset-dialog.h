/* dlg-training-reset-dialog.h — the trainer chooses where the training starts again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-stage.h"

G_BEGIN_DECLS

GtkWidget *dlg_training_reset_dialog_new       (GtkWindow        *parent,
                                                DlgStage          stage);
DlgStage   dlg_training_reset_dialog_get_stage (AdwMessageDialog *dialog);
void       dlg_training_reset_dialog_set_stage (AdwMessageDialog *dialog,
                                                DlgStage          stage);

G_END_DECLS
