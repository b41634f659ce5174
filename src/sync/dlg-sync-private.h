/* dlg-sync-private.h — shared by the files of src/sync, never by the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "dlg-store-private.h"
#include "dlg-sync-error.h"
#include "dlg-sync-outbox.h"

G_BEGIN_DECLS

#define DLG_SYNC_API_PREFIX "/api/sync/v1/"

/* How a type of published object maps to its table and collection on the site. */
typedef struct
{
  const char *type;
  const char *collection;
  const char *sql_get_etag;
  const char *sql_set_sent;
  const char *sql_set_state;
  const char *sql_set_etag;
  const char *sql_title;
  gboolean  (*apply_remote) (DlgStore    *store,
                             const char  *uuid,
                             JsonObject  *site,
                             GError     **error);
  char     *(*copy_local)   (DlgStore    *store,
                             const char  *uuid,
                             JsonObject  *mine,
                             GError     **error);
} DlgSyncAdapter;

const DlgSyncAdapter *dlg_sync_adapter_lookup (const char *type);

typedef struct
{
  gint64  id;
  char   *object_type;
  char   *object_uuid;
  char   *method;
  char   *path;
  char   *body;
  char   *idempotency_key;
  gint64  generation;
  gint64  attempts;
  char   *etag_expected;
} DlgOutboxRow;

void          dlg_outbox_row_free     (DlgOutboxRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgOutboxRow, dlg_outbox_row_free)

GArray       *dlg_outbox_list_ids     (DlgStore     *store,
                                       gboolean      due_only,
                                       GError      **error);
DlgOutboxRow *dlg_outbox_load         (DlgStore     *store,
                                       gint64        id,
                                       GError      **error);
char         *dlg_outbox_get_etag     (DlgStore     *store,
                                       DlgOutboxRow *row);
gboolean      dlg_outbox_sent         (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       const char   *etag,
                                       gint64        rev,
                                       GError      **error);
gboolean      dlg_outbox_retry_later  (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       guint         n_attempts,
                                       gint64        next_attempt_at,
                                       const char   *message,
                                       GError      **error);
gboolean      dlg_outbox_failed       (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       guint         n_attempts,
                                       const char   *message,
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

DlgSyncPage  *dlg_sync_page_parse     (GBytes       *bytes,
                                       guint         max_items,
                                       GError      **error);
void          dlg_sync_page_free      (DlgSyncPage  *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgSyncPage, dlg_sync_page_free)
const char   *dlg_sync_page_get_next_cursor (DlgSyncPage *page);
gboolean      dlg_sync_page_get_has_more    (DlgSyncPage *page);
guint         dlg_sync_page_get_n_items     (DlgSyncPage *page);
gboolean      dlg_sync_page_apply     (DlgStore     *store,
                                       DlgSyncPage  *page,
                                       const char   *site_url,
                                       gboolean      full_resync,
                                       guint        *n_applied,
                                       GError      **error);
gboolean      dlg_sync_resync_begin   (DlgStore     *store,
                                       const char   *site_url,
                                       GError      **error);
gboolean      dlg_sync_resync_finish  (DlgStore     *store,
                                       const char   *site_url,
                                       guint        *n_removed,
                                       GError      **error);
gboolean      dlg_sync_apply_orphans  (DlgStore     *store,
                                       guint        *n_applied,
                                       GError      **error);

G_END_DECLS
