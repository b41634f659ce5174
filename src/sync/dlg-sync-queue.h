/* dlg-sync-queue.h — the outbox table: what waits to be sent, in order, and its retries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bottom of the push side: it knows rows (a method, a path, a body, an idempotency key, a
 * generation) and nothing of the records they carry. The collections above it
 * (src/sync/collections/) fill it; the client drains it.
 */

#pragma once

#include "dlg-store-private.h"
#include "dlg-sync-outbox.h"

G_BEGIN_DECLS

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

/* What the client reads and records. */
GArray       *dlg_outbox_list_ids     (DlgStore     *store,
                                       gboolean      due_only,
                                       GError      **error);
DlgOutboxRow *dlg_outbox_load         (DlgStore     *store,
                                       gint64        id,
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
                                       guint         status,
                                       const char   *message,
                                       GError      **error);

/* What the collections and the registry above do with it. */
gboolean      dlg_sync_queue_put      (DlgStore     *store,
                                       const char   *type,
                                       const char   *uuid,
                                       const char   *path,
                                       const char   *body,
                                       gboolean      force,
                                       gboolean     *changed,
                                       GError      **error);
gboolean      dlg_sync_queue_post     (DlgStore     *store,
                                       const char   *type,
                                       const char   *uuid,
                                       const char   *path,
                                       const char   *body,
                                       const char   *idempotency_key,
                                       GError      **error);
gint64        dlg_sync_queue_get_generation (DlgStore     *store,
                                       gint64        id,
                                       GError      **error);
gboolean      dlg_sync_queue_drop_if_same (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       GError      **error);
gboolean      dlg_sync_queue_expect_etag (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       const char   *etag,
                                       GError      **error);
gboolean      dlg_sync_queue_hold     (DlgStore     *store,
                                       DlgOutboxRow *row,
                                       GError      **error);
gboolean      dlg_sync_queue_resume   (DlgStore     *store,
                                       gint64        id,
                                       GError      **error);
char         *dlg_sync_queue_dup_body_of (DlgStore     *store,
                                       const char   *type,
                                       const char   *uuid,
                                       gint64       *id);
gboolean      dlg_sync_queue_drop_object (DlgStore     *store,
                                       const char   *type,
                                       const char   *uuid,
                                       GError      **error);
gboolean      dlg_sync_queue_has_object (DlgStore     *store,
                                       const char   *type,
                                       const char   *uuid,
                                       GError      **error);
gboolean      dlg_sync_queue_has_key  (DlgStore     *store,
                                       const char   *idempotency_key,
                                       GError      **error);
gboolean      dlg_sync_queue_is_refused (DlgStore     *store,
                                       const char   *type,
                                       const char   *uuid);
gint64        dlg_sync_queue_count_waiting (DlgStore     *store,
                                       GError      **error);
GHashTable   *dlg_sync_queue_list_refused_of_type (DlgStore   *store,
                                                  const char *type,
                                                  GError    **error);
gint64        dlg_sync_queue_count_refused (DlgStore    *store,
                                            GError     **error);
gboolean      dlg_sync_queue_retry_refused (DlgStore    *store,
                                            gint64       id,
                                            guint       *n_retried,
                                            GError     **error);
gboolean      dlg_sync_queue_abandon  (DlgStore     *store,
                                       gint64        id,
                                       const char   *actor,
                                       gboolean     *abandoned,
                                       GError      **error);
GPtrArray    *dlg_sync_queue_list_refused (DlgStore   *store,
                                       GError      **error);

G_END_DECLS
