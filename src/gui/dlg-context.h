/* dlg-context.h — what the application hands to every window and view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-core.h"
#include "dlg-sync-manager.h"

G_BEGIN_DECLS

#define DLG_TYPE_CONTEXT (dlg_context_get_type ())

G_DECLARE_FINAL_TYPE (DlgContext, dlg_context, DLG, CONTEXT, GObject)

DlgContext *dlg_context_new          (DlgStore   *store,
                                      GSettings  *settings);
DlgStore   *dlg_context_get_store    (DlgContext *self);
GSettings  *dlg_context_get_settings (DlgContext *self);
void        dlg_context_settle_journal (DlgContext *self);

void            dlg_context_set_sync_manager (DlgContext      *self,
                                              DlgSyncManager  *manager);
DlgSyncManager *dlg_context_get_sync_manager (DlgContext      *self);
gboolean        dlg_context_can_train        (DlgContext      *self);
gboolean        dlg_context_start_training   (DlgContext      *self,
                                              const char      *site_db_path,
                                              GError         **error);
const char     *dlg_context_get_training_uri (DlgContext      *self);
void            dlg_context_stop_training    (DlgContext      *self);
gint64          dlg_context_reset_training   (DlgContext      *self,
                                              DlgStage         stage,
                                              guint           *n_deleted,
                                              GError         **error);

G_END_DECLS
