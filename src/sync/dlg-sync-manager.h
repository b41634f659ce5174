/* dlg-sync-manager.h — the app's side of sync, without GTK: status, periodic sync, training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-sync-client.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_SYNC_MANAGER (dlg_sync_manager_get_type ())

G_DECLARE_FINAL_TYPE (DlgSyncManager, dlg_sync_manager, DLG, SYNC_MANAGER, GObject)

DlgSyncManager *dlg_sync_manager_new               (DlgStore        *store);
DlgStore       *dlg_sync_manager_get_store         (DlgSyncManager  *self);
gboolean        dlg_sync_manager_set_site          (DlgSyncManager  *self,
                                                    const char      *site_url,
                                                    GError         **error);
const char     *dlg_sync_manager_get_site_url      (DlgSyncManager  *self);
gboolean        dlg_sync_manager_set_token         (DlgSyncManager  *self,
                                                    const char      *token,
                                                    GError         **error);
gboolean        dlg_sync_manager_get_has_token     (DlgSyncManager  *self);
gboolean        dlg_sync_manager_get_token_in_memory (DlgSyncManager *self);
void            dlg_sync_manager_start_training    (DlgSyncManager  *self,
                                                    const char      *site_url,
                                                    const char      *token);
gboolean        dlg_sync_manager_get_training      (DlgSyncManager  *self);
DlgSyncClient  *dlg_sync_manager_get_client        (DlgSyncManager  *self);

void            dlg_sync_manager_sync              (DlgSyncManager  *self);
void            dlg_sync_manager_cancel            (DlgSyncManager  *self);
void            dlg_sync_manager_set_interval      (DlgSyncManager  *self,
                                                    guint            seconds);
guint           dlg_sync_manager_get_interval      (DlgSyncManager  *self);

gboolean        dlg_sync_manager_get_busy          (DlgSyncManager  *self);
double          dlg_sync_manager_get_progress      (DlgSyncManager  *self);
const char     *dlg_sync_manager_get_phase         (DlgSyncManager  *self);
const char     *dlg_sync_manager_get_last_sync     (DlgSyncManager  *self);
const char     *dlg_sync_manager_get_last_error    (DlgSyncManager  *self);
gint64          dlg_sync_manager_get_pending_count (DlgSyncManager  *self);
gint64          dlg_sync_manager_get_n_conflicts   (DlgSyncManager  *self);
gint64          dlg_sync_manager_get_n_refused     (DlgSyncManager  *self);
gboolean        dlg_sync_manager_retry_refused     (DlgSyncManager  *self,
                                                    gint64           refusal_id,
                                                    GError         **error);
void            dlg_sync_manager_confirm_missing   (DlgSyncManager  *self);
gboolean        dlg_sync_manager_get_site_missing  (DlgSyncManager  *self);
gboolean        dlg_sync_manager_abandon_refused   (DlgSyncManager  *self,
                                                    gint64           refusal_id,
                                                    GError         **error);
gboolean        dlg_sync_manager_get_needs_token   (DlgSyncManager  *self);
void            dlg_sync_manager_refresh           (DlgSyncManager  *self);

G_END_DECLS
