/* dlg-sync-collection.c — what the collections share: queueing an object, reading the site's
 * version strictly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-sync-collection.h"
#include "dlg-sync-private.h"

/**
 * dlg_sync_collection_enqueue:
 * @body: (nullable): the body of the PUT; %NULL to queue a DELETE
 * @force: replace the queued row even when the body is the same (an explicit publication)
 * @changed: (out) (optional): whether an outbox row was created or refreshed
 *
 * Queues the object and marks it locally created, modified or deleted, in one transaction (a
 * savepoint when the caller holds one). The local row of a DELETE stays (state "deleted")
 * until the site confirms, so that a conflict can still show it.
 */
gboolean
dlg_sync_collection_enqueue (DlgStore                 *store,
                             const DlgSyncCollection  *collection,
                             const char               *uuid,
                             const char               *body,
                             gboolean                  force,
                             gboolean                 *changed,
                             GError                  **error)
{
  g_autofree char *path = NULL;

  g_assert (collection->collection != NULL);
  path = g_strconcat (DLG_SYNC_API_PREFIX, collection->collection, "/", uuid, NULL);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!dlg_sync_queue_put (store, collection->type, uuid, path, body, force, changed, error))
    goto fail;
  if (body != NULL
      ? !dlg_publication_mark_local (store, collection->type, uuid, error)
      : !dlg_publication_set_sync_state (store, collection->type, uuid, "deleted", error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_sync_collection_to_json:
 * @uuid: (nullable): the record, for a collection of records
 * @process_id: the process, for a collection of one record per process
 * @uuid_out: (out) (optional): the record's uuid
 *
 * Returns: (transfer full): the body the site is to have, or %NULL with @error set
 */
char *
dlg_sync_collection_to_json (DlgStore                 *store,
                             const DlgSyncCollection  *collection,
                             const char               *uuid,
                             gint64                    process_id,
                             char                    **uuid_out,
                             GError                  **error)
{
  if (collection->to_json_of_process != NULL)
    return collection->to_json_of_process (store, process_id, uuid_out, error);
  if (uuid_out != NULL)
    *uuid_out = g_strdup (uuid);
  return collection->to_json (store, uuid, error);
}

/**
 * dlg_sync_collection_enqueue_now:
 *
 * Queues the record (named by @uuid, or by @process_id for a collection of one record per
 * process) with its body as it is now, even when the same body is queued already: an explicit
 * publication. Call it in the transaction of the edit.
 */
gboolean
dlg_sync_collection_enqueue_now (DlgStore                 *store,
                                 const DlgSyncCollection  *collection,
                                 const char               *uuid,
                                 gint64                    process_id,
                                 GError                  **error)
{
  g_autofree char *record_uuid = NULL;
  g_autofree char *body = dlg_sync_collection_to_json (store, collection, uuid, process_id,
                                                       &record_uuid, error);

  if (body == NULL)
    return FALSE;
  return dlg_sync_collection_enqueue (store, collection, record_uuid, body, TRUE, NULL, error);
}

gboolean
dlg_sync_site_wrong (const char  *name,
                     GError     **error)
{
  g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
               _("The site's version has a missing or wrong “%s”; nothing of it was kept."),
               name);
  return FALSE;
}

/* Strict readers for objects the site sent back (after a 412): wrong types are refused. */
gboolean
dlg_sync_site_get_string (JsonObject  *object,
                          const char  *name,
                          gboolean     nullable,
                          const char **out,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = json_node_get_string (node);
      return TRUE;
    }
  return dlg_sync_site_wrong (name, error);
}

gboolean
dlg_sync_site_get_int (JsonObject  *object,
                       const char  *name,
                       gint64       min,
                       gint64       max,
                       gint64      *out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= min && json_node_get_int (node) <= max)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  return dlg_sync_site_wrong (name, error);
}
