/* dlg-sync-private.h — shared by the files of src/sync, never by the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "dlg-store-private.h"
#include "dlg-sync-error.h"
#include "dlg-sync-outbox.h"
#include "dlg-sync-queue.h"

G_BEGIN_DECLS

#define DLG_SYNC_API_PREFIX "/api/sync/v1/"

/* The outbox's API over the queue (dlg-sync-outbox.c, dlg-sync-conflicts.c). */
char         *dlg_outbox_get_etag     (DlgStore     *store,
                                       DlgOutboxRow *row);
gboolean      dlg_outbox_sent         (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       const char   *etag,
                                       gint64        rev,
                                       GError      **error);
gboolean      dlg_outbox_conflict     (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       const char   *site_json,
                                       const char   *site_etag,
                                       GError      **error);

/* JSON helpers. */
char         *dlg_sync_json_to_string (JsonNode     *node);
JsonObject   *dlg_sync_parse_object   (const char   *data,
                                       gssize        length,
                                       GError      **error);
gboolean      dlg_sync_json_same      (JsonObject   *mine,
                                       JsonObject   *site);

/* The change feed (dlg-sync-pull.c). */
typedef struct _DlgSyncPage DlgSyncPage;

/* Whether a page belongs to a full resync, and whether the officer confirmed that the site
 * may have lost many items (dlg_sync_page_apply). */
typedef enum
{
  DLG_SYNC_RESYNC_NONE = 0,
  DLG_SYNC_RESYNC_FULL,
  DLG_SYNC_RESYNC_CONFIRMED,
} DlgSyncResync;

DlgSyncPage  *dlg_sync_page_parse     (GBytes       *bytes,
                                       guint         max_items,
                                       GError      **error);
void          dlg_sync_page_free      (DlgSyncPage  *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgSyncPage, dlg_sync_page_free)
const char   *dlg_sync_page_get_next_cursor (DlgSyncPage *page);
gboolean      dlg_sync_page_get_has_more    (DlgSyncPage *page);
guint         dlg_sync_page_get_n_items     (DlgSyncPage *page);
guint         dlg_sync_page_get_n_skipped   (DlgSyncPage *page);
const char   *dlg_sync_page_get_skip_reason (DlgSyncPage *page);
gboolean      dlg_sync_page_apply     (DlgStore     *store,
                                       DlgSyncPage  *page,
                                       const char   *site_url,
                                       DlgSyncResync resync,
                                       guint        *n_applied,
                                       GError      **error);
gboolean      dlg_sync_resync_begin   (DlgStore     *store,
                                       const char   *site_url,
                                       GError      **error);
gboolean      dlg_sync_resync_finish  (DlgStore     *store,
                                       const char   *site_url,
                                       gboolean      confirmed,
                                       guint        *n_removed,
                                       GError      **error);
gboolean      dlg_sync_apply_orphans  (DlgStore     *store,
                                       guint        *n_applied,
                                       GError      **error);

G_END_DECLS
