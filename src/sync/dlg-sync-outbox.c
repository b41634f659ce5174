/* dlg-sync-outbox.c — what waits to be pushed: the registry's collections over the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The push side has three layers: the queue (dlg-sync-queue.c, the outbox table), the
 * collections above it (src/sync/collections/, one per kind of object the site shows) and the
 * registry that lists them (dlg-sync-registry.c). This file is the outbox's API over them: it
 * collects what the domain API changed, counts what waits and records what the site took. The
 * records themselves are read and written by the core (dlg-publication.h). The ETag that goes
 * into If-Match is read from the object when the row is sent: a row that waited through a
 * conflict resolution uses the new one.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-sync-private.h"
#include "dlg-sync-registry.h"

G_DEFINE_POINTER_TYPE (DlgSyncOutbox, dlg_sync_outbox)

/**
 * dlg_sync_enqueue_delete:
 * @object_type: "process", "narrative", "response", "commitment", "follow_up",
 *   "contribution" (received in person) or "highlight"
 *
 * Marks the object locally deleted and queues its DELETE. The local row stays (state
 * "deleted") until the site confirms, so that a conflict can still show it.
 */
gboolean
dlg_sync_enqueue_delete (DlgStore    *store,
                         const char  *object_type,
                         const char  *object_uuid,
                         GError     **error)
{
  const DlgSyncCollection *collection = dlg_sync_registry_lookup (object_type);

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (object_uuid != NULL, FALSE);

  if (collection == NULL || collection->collection == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not something that is published on the site."), object_type);
      return FALSE;
    }
  return dlg_sync_collection_enqueue (store, collection, object_uuid, NULL, TRUE, NULL, error);
}

/* The changes of every collection of objects, listed before any is queued. */
static GPtrArray **
list_changes (DlgStore  *store,
              gboolean   include_demo,
              GError   **error)
{
  guint n;
  const DlgSyncCollection * const *collections = dlg_sync_registry_get (&n);
  GPtrArray **changes = g_new0 (GPtrArray *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      if (collections[i]->collection == NULL)
        {
          changes[i] = g_ptr_array_new ();
          continue;
        }
      changes[i] = dlg_publication_list_changed (store, collections[i]->type, include_demo,
                                                 error);
      if (changes[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            g_ptr_array_unref (changes[j]);
          g_free (changes);
          return NULL;
        }
    }
  return changes;
}

static void
free_changes (GPtrArray **changes)
{
  for (guint i = 0; changes[i] != NULL; i++)
    g_ptr_array_unref (changes[i]);
  g_free (changes);
}

/**
 * dlg_sync_collect_changes:
 * @include_demo: also the demo processes (training mode, on the practice site); otherwise
 *   nothing of a demo process goes to a real site unless explicitly queued
 * @n_queued: (out) (optional): how many outbox rows were created or refreshed
 *
 * Queues what the domain API changed without queueing it: moderation events not yet sent,
 * and published objects marked created/modified. Their bodies are built now, from the rows as
 * they are; an unchanged body leaves its outbox row as it is. The sync calls it before each
 * push, so that an edit made through any API reaches the site.
 */
gboolean
dlg_sync_collect_changes (DlgStore  *store,
                          gboolean   include_demo,
                          guint     *n_queued,
                          GError   **error)
{
  guint n;
  const DlgSyncCollection * const *collections = dlg_sync_registry_get (&n);
  GPtrArray **changes = NULL;
  guint queued = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(changes = list_changes (store, include_demo, error)))
    goto fail;
  for (guint i = 0; i < n; i++)
    {
      const DlgSyncCollection *collection = collections[i];

      if (collection->collect != NULL)
        {
          if (!collection->collect (store, include_demo, &queued, error))
            goto fail;
          continue;
        }
      for (guint j = 0; j < changes[i]->len; j++)
        {
          DlgPublicationChange *change = changes[i]->pdata[j];
          g_autofree char *body = NULL;
          gboolean changed = FALSE;

          if (change->put &&
              !(body = dlg_sync_collection_to_json (store, collection, change->uuid,
                                                    change->process_id, NULL, error)))
            goto fail;
          if (!dlg_sync_collection_enqueue (store, collection, change->uuid, body, FALSE,
                                            &changed, error))
            goto fail;
          queued += changed;
        }
    }
  g_clear_pointer (&changes, free_changes);
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (queued > 0)
    dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  if (n_queued != NULL)
    *n_queued = queued;
  return TRUE;

fail:
  g_clear_pointer (&changes, free_changes);
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_sync_count_pending:
 *
 * Returns: the number of changes waiting to be pushed (including those held by a conflict),
 *   or -1 with @error set
 */
gint64
dlg_sync_count_pending (DlgStore  *store,
                        GError   **error)
{
  return dlg_sync_count_pending_for (store, FALSE, error);
}

/**
 * dlg_sync_list_refused:
 *
 * Returns: (transfer full) (element-type utf8): the changes the site refused (400, 403, 413,
 *   422…) that wait for the officer, three strings each: type, uuid, the site's problem text;
 *   %NULL on an error
 */
GPtrArray *
dlg_sync_list_refused (DlgStore  *store,
                       GError   **error)
{
  return dlg_sync_queue_list_refused (store, error);
}

/**
 * dlg_sync_count_refused:
 *
 * Returns: the changes the site refused that wait for the officer, or -1 with @error set
 */
gint64
dlg_sync_count_refused (DlgStore  *store,
                        GError   **error)
{
  return dlg_sync_queue_count_refused (store, error);
}

/**
 * dlg_sync_retry_refused:
 * @object_type: (nullable): "narrative"…, or %NULL for every refused change
 * @object_uuid: (nullable): the object, with @object_type
 * @n_retried: (out) (optional): how many changes go back in the queue
 *
 * "Send again": what the site refused is sent at the next sync, as it is now.
 */
gboolean
dlg_sync_retry_refused (DlgStore    *store,
                        const char  *object_type,
                        const char  *object_uuid,
                        guint       *n_retried,
                        GError     **error)
{
  guint n = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail ((object_type == NULL) == (object_uuid == NULL), FALSE);

  if (!dlg_sync_queue_retry_refused (store, object_type, object_uuid, &n, error))
    return FALSE;
  if (n > 0)
    dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  if (n_retried != NULL)
    *n_retried = n;
  return TRUE;
}

/**
 * dlg_sync_count_pending_for:
 * @include_demo: count the changes of the demo processes too (training mode)
 *
 * Returns: as dlg_sync_count_pending(), for a sync that does or does not take the demo
 */
gint64
dlg_sync_count_pending_for (DlgStore  *store,
                            gboolean   include_demo,
                            GError   **error)
{
  guint n;
  const DlgSyncCollection * const *collections = dlg_sync_registry_get (&n);
  GPtrArray **changes = NULL;
  gint64 total;

  g_return_val_if_fail (DLG_IS_STORE (store), -1);

  if ((total = dlg_sync_queue_count_waiting (store, error)) < 0)
    return -1;
  if (!(changes = list_changes (store, include_demo, error)))
    return -1;
  for (guint i = 0; i < n && total >= 0; i++)
    {
      const DlgSyncCollection *collection = collections[i];

      if (collection->count_uncollected != NULL)
        {
          gint64 more = collection->count_uncollected (store, include_demo, error);

          total = more < 0 ? -1 : total + more;
          continue;
        }
      if (collection->pending_count == DLG_SYNC_COUNT_NONE)
        continue;
      for (guint j = 0; j < changes[i]->len && total >= 0; j++)
        {
          DlgPublicationChange *change = changes[i]->pdata[j];
          g_autoptr(GError) local_error = NULL;

          if (change->in_conflict && collection->pending_count == DLG_SYNC_COUNT_UNLESS_CONFLICT)
            continue;
          if (!dlg_sync_queue_has_object (store, collection->type, change->uuid, &local_error))
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  total = -1;
                }
              else
                total++;
            }
        }
    }
  free_changes (changes);
  return total;
}

/**
 * dlg_sync_get_publication:
 * @object_type: "follow_up", "contribution" (in person, mail or phone), "highlight" (named by
 *   its contribution's uuid), "narrative" or "response"
 *
 * Says where the object stands with the site, from the local state only: what the officer
 * asked for, and what the last sync confirmed.
 *
 * Returns: a #DlgSyncPublication (%DLG_SYNC_PUBLICATION_LOCAL for an unknown object)
 */
DlgSyncPublication
dlg_sync_get_publication (DlgStore    *store,
                          const char  *object_type,
                          const char  *object_uuid)
{
  gboolean wanted, on_site, synced;

  g_return_val_if_fail (DLG_IS_STORE (store), DLG_SYNC_PUBLICATION_LOCAL);
  g_return_val_if_fail (object_uuid != NULL, DLG_SYNC_PUBLICATION_LOCAL);

  if (dlg_sync_queue_is_refused (store, object_type, object_uuid))
    return DLG_SYNC_PUBLICATION_REFUSED;
  if (!dlg_publication_get_status (store, object_type, object_uuid, &wanted, &on_site, &synced))
    return DLG_SYNC_PUBLICATION_LOCAL;
  if (wanted && on_site)
    return synced ? DLG_SYNC_PUBLICATION_ON_SITE : DLG_SYNC_PUBLICATION_CHANGED;
  if (wanted)
    return DLG_SYNC_PUBLICATION_PENDING;
  return on_site && !synced ? DLG_SYNC_PUBLICATION_LEAVING : DLG_SYNC_PUBLICATION_LOCAL;
}

/* The ETag the row goes with: the object's (If-Match), or none (If-None-Match: *). */
char *
dlg_outbox_get_etag (DlgStore     *store,
                     DlgOutboxRow *row)
{
  g_autofree char *etag = NULL;

  if (!dlg_publication_has_type (row->object_type))
    return NULL;
  /* A row deleted locally (DELETE queued by a trigger) left its ETag in the outbox. */
  if (!dlg_publication_get_etag (store, row->object_type, row->object_uuid, &etag))
    return g_strdup (row->etag_expected);
  return g_steal_pointer (&etag);
}

/* The site accepted @row: record the site's ETag and revision, and drop the row unless the
 * officer changed the object again while it was on its way. */
gboolean
dlg_outbox_sent (DlgStore      *store,
                 DlgOutboxRow  *row,
                 const char    *etag,
                 gint64         rev,
                 GError       **error)
{
  const DlgSyncCollection *collection = dlg_sync_registry_lookup (row->object_type);
  gint64 generation;
  gboolean changed_since;

  if (!dlg_store_begin (store, error))
    return FALSE;
  generation = dlg_sync_queue_get_generation (store, row->id, error);
  changed_since = generation != row->generation;
  if (generation < 0 && error != NULL && *error != NULL)
    goto fail;

  if (g_strcmp0 (row->method, "POST") == 0)
    {
      if (collection != NULL && collection->sent != NULL &&
          !collection->sent (store, row, rev, error))
        goto fail;
    }
  else if (g_strcmp0 (row->method, "DELETE") == 0)
    {
      if (!changed_since &&
          !dlg_publication_confirm_deleted (store, row->object_type, row->object_uuid, error))
        goto fail;
    }
  else if (dlg_publication_has_type (row->object_type))
    {
      if (!dlg_publication_set_sent (store, row->object_type, row->object_uuid, etag, rev,
                                     changed_since ? "modified" : "synced", error))
        goto fail;
    }

  if (changed_since
      ? !dlg_sync_queue_expect_etag (store, row, etag, error)
      : !dlg_sync_queue_drop_if_same (store, row, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
