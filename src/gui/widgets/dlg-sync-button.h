/* dlg-sync-button.h — the header bar's sync button, with progress and status in its popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-sync-manager.h"

G_BEGIN_DECLS

#define DLG_TYPE_SYNC_BUTTON (dlg_sync_button_get_type ())

G_DECLARE_FINAL_TYPE (DlgSyncButton, dlg_sync_button, DLG, SYNC_BUTTON, GtkWidget)

GtkWidget      *dlg_sync_button_new         (DlgSyncManager *manager);
DlgSyncManager *dlg_sync_button_get_manager (DlgSyncButton  *self);
void            dlg_sync_button_set_manager (DlgSyncButton  *self,
                                             DlgSyncManager *manager);

G_END_DECLS
