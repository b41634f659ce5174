/* dlg-moderation-reasons-dialog.h — the officer edits the list of standard moderation reasons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_MODERATION_REASONS_DIALOG (dlg_moderation_reasons_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgModerationReasonsDialog, dlg_moderation_reasons_dialog, DLG,
                      MODERATION_REASONS_DIALOG, AdwWindow)

GtkWidget *dlg_moderation_reasons_dialog_new (GtkWindow *parent,
                                              DlgStore  *store);

G_END_DECLS
