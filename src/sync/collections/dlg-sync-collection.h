/* dlg-sync-collection.h — the interface every pushed collection implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A collection is one kind of object the app pushes to the site: its type (the outbox's
 * object_type), the site's collection it goes to, how its body is built (the core's to-JSON)
 * and how the site's version is taken back after a conflict. Collections include this file, the
 * queue and the core; the registry (dlg-sync-registry.c) includes the collections; the client
 * includes the registry. Nothing here includes the registry, so no include loop forms.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "dlg-publication.h"
#include "dlg-sync-error.h"
#include "dlg-sync-outbox.h"
#include "dlg-sync-queue.h"
#include "dlg-vocabularies.h"

G_BEGIN_DECLS

/**
 * DlgSyncPendingCount:
 * @DLG_SYNC_COUNT_NONE: changes not yet collected are not counted as waiting
 * @DLG_SYNC_COUNT_ALL: they are, conflicts included
 * @DLG_SYNC_COUNT_UNLESS_CONFLICT: they are, unless in conflict
 *
 * What dlg_sync_count_pending() counts of a collection's changes before they are collected
 * into the outbox (what is in the outbox is always counted).
 */
typedef enum
{
  DLG_SYNC_COUNT_NONE,
  DLG_SYNC_COUNT_ALL,
  DLG_SYNC_COUNT_UNLESS_CONFLICT,
} DlgSyncPendingCount;

typedef struct _DlgSyncCollection DlgSyncCollection;

struct _DlgSyncCollection
{
  /* The outbox's object_type and the site's item type: "narrative". */
  const char *type;
  /* The site's collection: objects go to /api/sync/v1/<collection>/<uuid>; NULL for a
   * collection of actions (POST), which does its own collecting, counting and sending. */
  const char *collection;
  DlgSyncPendingCount pending_count;
  /* The record it is, for DlgStore::changed after a conflict is resolved (a highlight and a
   * moderation decision are a contribution's). */
  GType     (*get_record_type) (void);

  /* The body of a PUT, built now by the core from the record (to_json), or from its process for
   * the types that are one per process (to_json_of_process: process, response). */
  char     *(*to_json)      (DlgStore                 *store,
                             const char               *uuid,
                             GError                  **error);
  char     *(*to_json_of_process) (DlgStore           *store,
                             gint64                    process_id,
                             char                    **uuid_out,
                             GError                  **error);
  /* The site's version after a 412 ("keep theirs"): @site is read strictly. */
  gboolean  (*apply_remote) (DlgStore                 *store,
                             const char               *uuid,
                             JsonObject               *site,
                             GError                  **error);
  /* "Keep mine as a copy": a new object from @mine, queued; its uuid. NULL when not offered. */
  char     *(*copy_local)   (DlgStore                 *store,
                             const char               *uuid,
                             JsonObject               *mine,
                             GError                  **error);

  /* For a collection of actions (collection == NULL) only. */
  gboolean  (*collect)      (DlgStore                 *store,
                             gboolean                  include_demo,
                             guint                    *n_queued,
                             GError                  **error);
  gint64    (*count_uncollected) (DlgStore            *store,
                             gboolean                  include_demo,
                             GError                  **error);
  gboolean  (*sent)         (DlgStore                 *store,
                             DlgOutboxRow             *row,
                             gint64                    rev,
                             GError                  **error);
};

/* Shared by the collections (dlg-sync-collection.c). */
gboolean   dlg_sync_collection_enqueue  (DlgStore                 *store,
                                         const DlgSyncCollection  *collection,
                                         const char               *uuid,
                                         const char               *body,
                                         gboolean                  force,
                                         gboolean                 *changed,
                                         GError                  **error);
char      *dlg_sync_collection_to_json  (DlgStore                 *store,
                                         const DlgSyncCollection  *collection,
                                         const char               *uuid,
                                         gint64                    process_id,
                                         char                    **uuid_out,
                                         GError                  **error);
gboolean   dlg_sync_collection_enqueue_now (DlgStore              *store,
                                         const DlgSyncCollection  *collection,
                                         const char               *uuid,
                                         gint64                    process_id,
                                         GError                  **error);
gboolean   dlg_sync_site_get_string     (JsonObject               *object,
                                         const char               *name,
                                         gboolean                  nullable,
                                         const char              **out,
                                         GError                  **error);
gboolean   dlg_sync_site_get_int        (JsonObject               *object,
                                         const char               *name,
                                         gint64                    min,
                                         gint64                    max,
                                         gint64                   *out,
                                         GError                  **error);
gboolean   dlg_sync_site_wrong          (const char               *name,
                                         GError                  **error);

G_END_DECLS
