/* dlg-token-dialog.h — the officer enters the site's token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-sync-manager.h"

G_BEGIN_DECLS

GtkWidget *dlg_token_dialog_new (GtkWindow      *parent,
                                 DlgSyncManager *manager);

G_END_DECLS
