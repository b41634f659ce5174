/* dlg-sync-client.h — the sync v1 client: push the outbox, then pull the change feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"
#include "dlg-sync-platform.h"

G_BEGIN_DECLS

/**
 * DlgSyncFlags:
 * @DLG_SYNC_FLAGS_NONE: push every pending change now (the officer asked)
 * @DLG_SYNC_FLAGS_DUE_ONLY: push only the changes whose backoff has expired (periodic sync)
 * @DLG_SYNC_FLAGS_PUSH_ONLY: do not pull
 * @DLG_SYNC_FLAGS_PULL_ONLY: do not push
 * @DLG_SYNC_FLAGS_CONFIRM_MISSING: a full resync goes on even when the site no longer lists
 *   many items (they are marked "no longer on the site", never removed)
 */
typedef enum
{
  DLG_SYNC_FLAGS_NONE            = 0,
  DLG_SYNC_FLAGS_DUE_ONLY        = 1 << 0,
  DLG_SYNC_FLAGS_PUSH_ONLY       = 1 << 1,
  DLG_SYNC_FLAGS_PULL_ONLY       = 1 << 2,
  DLG_SYNC_FLAGS_CONFIRM_MISSING = 1 << 3,
} DlgSyncFlags;

#define DLG_TYPE_SYNC_CLIENT (dlg_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (DlgSyncClient, dlg_sync_client, DLG, SYNC_CLIENT, GObject)

DlgSyncClient *dlg_sync_client_new               (DlgStore       *store,
                                                  const char     *site_url);
DlgStore      *dlg_sync_client_get_store         (DlgSyncClient  *self);
const char    *dlg_sync_client_get_site_url      (DlgSyncClient  *self);
void           dlg_sync_client_set_token         (DlgSyncClient  *self,
                                                  const char     *token);
gboolean       dlg_sync_client_has_token         (DlgSyncClient  *self);
void           dlg_sync_client_set_tls_database  (DlgSyncClient  *self,
                                                  GTlsDatabase   *database);
void           dlg_sync_client_set_request_timeout (DlgSyncClient *self,
                                                  guint           timeout_ms);
void           dlg_sync_client_set_backoff       (DlgSyncClient  *self,
                                                  guint           base_ms,
                                                  guint           cap_ms,
                                                  guint           max_inline_wait_ms,
                                                  guint           max_attempts);
void           dlg_sync_client_set_page_size     (DlgSyncClient  *self,
                                                  guint           page_size);
void           dlg_sync_client_set_pull_bounds   (DlgSyncClient  *self,
                                                  guint           max_pages,
                                                  guint           max_seconds);
void           dlg_sync_client_set_max_response_bytes (DlgSyncClient *self,
                                                  gsize           max_bytes);
void           dlg_sync_client_set_include_demo  (DlgSyncClient  *self,
                                                  gboolean        include_demo);
void           dlg_sync_client_set_kind          (DlgSyncClient  *self,
                                                  DlgSyncSiteKind kind);
DlgSyncSiteKind dlg_sync_client_get_kind         (DlgSyncClient  *self);
const char    *dlg_sync_client_get_site_abilities (DlgSyncClient *self);

void           dlg_sync_client_sync_async        (DlgSyncClient       *self,
                                                  DlgSyncFlags         flags,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean       dlg_sync_client_sync_finish       (DlgSyncClient       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean       dlg_sync_client_sync              (DlgSyncClient       *self,
                                                  DlgSyncFlags         flags,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

gboolean       dlg_sync_client_get_busy          (DlgSyncClient  *self);
const char    *dlg_sync_client_get_phase         (DlgSyncClient  *self);
double         dlg_sync_client_get_fraction      (DlgSyncClient  *self);
guint          dlg_sync_client_get_n_pushed      (DlgSyncClient  *self);
guint          dlg_sync_client_get_n_pulled      (DlgSyncClient  *self);
guint          dlg_sync_client_get_n_conflicts   (DlgSyncClient  *self);
guint          dlg_sync_client_get_n_rejected    (DlgSyncClient  *self);
guint          dlg_sync_client_get_n_skipped     (DlgSyncClient  *self);
GPtrArray     *dlg_sync_client_get_problems      (DlgSyncClient  *self);

guint          dlg_sync_backoff_delay_ms         (guint           base_ms,
                                                  guint           cap_ms,
                                                  guint           n_failures,
                                                  gint64          retry_after_ms);

gboolean       dlg_sync_site_url_is_valid        (const char     *site_url);
gboolean       dlg_sync_site_url_check           (const char     *site_url,
                                                  GError        **error);
char          *dlg_sync_get_default_site         (DlgStore       *store,
                                                  GError        **error);
gboolean       dlg_sync_get_state                (DlgStore       *store,
                                                  const char     *site_url,
                                                  char          **last_sync_at,
                                                  char          **last_error,
                                                  gboolean       *auth_paused,
                                                  GError        **error);

/* Pulled items waiting for a process this database does not have (see dlg-sync-pull.c). */
gboolean       dlg_sync_count_orphans            (DlgStore       *store,
                                                  guint          *n_contributions,
                                                  guint          *n_registrations,
                                                  GError        **error);

typedef struct
{
  char *process_uuid;
  guint n_contributions;
  guint n_registrations;
} DlgSyncOrphanProcess;

void           dlg_sync_orphan_process_free      (DlgSyncOrphanProcess *process);
GPtrArray     *dlg_sync_list_orphan_processes    (DlgStore       *store,
                                                  GError        **error);

G_END_DECLS
