/* dlg-conflict-dialog.h — the officer chooses between their version and the site's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-sync.h"

G_BEGIN_DECLS

GtkWidget *dlg_conflict_dialog_new          (GtkWindow             *parent,
                                             DlgStore              *store,
                                             const DlgSyncConflict *conflict);
void       dlg_conflict_dialog_present_next (GtkWindow             *parent,
                                             DlgStore              *store);

G_END_DECLS
