/* dlg-sync-forget.h — what a training reset makes the sync forget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-types.h"

G_BEGIN_DECLS

gboolean dlg_sync_note_practice_site  (DlgStore           *store,
                                       const char         *site_url,
                                       GError            **error);
GStrv    dlg_sync_list_practice_sites (DlgStore           *store,
                                       GError            **error);
gboolean dlg_sync_forget_demo         (DlgStore           *store,
                                       GError            **error);
gboolean dlg_sync_forget_site         (DlgStore           *store,
                                       const char         *site_url,
                                       const char * const *site_process_uuids,
                                       GError            **error);

G_END_DECLS
