/* dlg-refused-dialog.h — the changes the site refused: send again or abandon, one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-sync-manager.h"

G_BEGIN_DECLS

#define DLG_TYPE_REFUSED_DIALOG (dlg_refused_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgRefusedDialog, dlg_refused_dialog, DLG, REFUSED_DIALOG, AdwWindow)

GtkWidget *dlg_refused_dialog_new      (GtkWindow        *parent,
                                        DlgSyncManager   *manager);
guint      dlg_refused_dialog_get_n_rows (DlgRefusedDialog *self);
void       dlg_refused_dialog_abandon  (DlgRefusedDialog *self,
                                        gint64            refusal_id);

G_END_DECLS
