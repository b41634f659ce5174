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

#include "dlg-core.h"
#include "dlg-error.h"
#include "dlg-json.h"
#include "dlg-sync-client-private.h"
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

/* The process and the journal's object of a refused change (@journal_uuid: transfer full):
 * from its body, or from the object itself. 0 when neither says (a DELETE of an object gone
 * from the app). */
static gint64
refusal_process (DlgStore              *store,
                 const DlgOutboxRow    *row,
                 const char           **journal_type,
                 char                 **journal_uuid)
{
  g_autoptr(JsonObject) body = row->body != NULL ? dlg_sync_parse_object (row->body, -1, NULL)
                                                 : NULL;
  const char *process_uuid = body != NULL ? dlg_json_member_string (body, "process_id", NULL)
                                          : NULL;
  const char *contribution_uuid = NULL;
  gint64 process_id = 0;

  *journal_type = row->object_type;
  *journal_uuid = g_strdup (row->object_uuid);
  if (g_strcmp0 (row->object_type, "moderation") == 0)
    contribution_uuid = body != NULL ? dlg_json_member_string (body, "contribution_id", NULL)
                                     : NULL;
  else if (g_strcmp0 (row->object_type, "highlight") == 0 ||
           g_strcmp0 (row->object_type, "contribution") == 0)
    contribution_uuid = row->object_uuid;
  else if (g_strcmp0 (row->object_type, "process") == 0)
    process_uuid = row->object_uuid;

  if (contribution_uuid != NULL)
    {
      g_autoptr(DlgContribution) c = dlg_contribution_find_by_uuid (store, contribution_uuid,
                                                                    NULL);

      *journal_type = "contribution";
      g_free (*journal_uuid);
      *journal_uuid = g_strdup (contribution_uuid);
      return c != NULL ? dlg_contribution_get_process_id (c) : 0;
    }
  if (process_uuid != NULL)
    process_id = dlg_process_lookup_uuid (store, process_uuid, NULL);
  return MAX (process_id, 0);
}

/**
 * dlg_sync_refusal_is_gone:
 *
 * Returns: whether the site no longer has the object (404 or 410 on an update): sending it
 *   again publishes it anew
 */
gboolean
dlg_sync_refusal_is_gone (const DlgSyncRefusal *refusal)
{
  g_return_val_if_fail (refusal != NULL, FALSE);

  return g_strcmp0 (refusal->method, "PUT") == 0 &&
         (refusal->status == 404 || refusal->status == 410);
}

/**
 * dlg_sync_refusal_get_state_label:
 *
 * Returns: where the change stands, in a few words: gone from the site, not applied (a POST
 *   the site, or a proxy, answered 404/410), not allowed (403) or refused
 */
const char *
dlg_sync_refusal_get_state_label (const DlgSyncRefusal *refusal)
{
  g_return_val_if_fail (refusal != NULL, NULL);

  if (dlg_sync_refusal_is_gone (refusal))
    return _("Gone from the site");
  if (refusal->status == 404 || refusal->status == 410)
    return _("Not applied by the site");
  if (refusal->status == 403)
    return _("Not allowed by the token");
  return _("Refused by the site");
}

/**
 * dlg_sync_list_refused:
 *
 * Returns: (transfer full) (element-type DlgSyncRefusal): the changes the site refused (400,
 *   403, 404, 410, 413, 422…) that wait for the officer, oldest first; %NULL on an error
 */
GPtrArray *
dlg_sync_list_refused (DlgStore  *store,
                       GError   **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(rows = dlg_sync_queue_list_refused (store, error)))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      DlgSyncRefusal *r = rows->pdata[i];
      DlgOutboxRow row = { .object_type = r->object_type, .object_uuid = r->object_uuid,
                           .body = r->body };
      g_autofree char *uuid = NULL;
      const char *type;

      /* A moderation decision or a highlight is titled by its contribution. */
      refusal_process (store, &row, &type, &uuid);
      r->title = dlg_publication_dup_title (store, type, uuid);
    }
  return rows;
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
 * @refusal_id: a #DlgSyncRefusal's id, or 0 for every refused change
 * @n_retried: (out) (optional): how many changes go back in the queue
 *
 * "Send again": what the site refused is sent at the next sync, as it is now (an object gone
 * from the site is published anew).
 */
gboolean
dlg_sync_retry_refused (DlgStore    *store,
                        gint64       refusal_id,
                        guint       *n_retried,
                        GError     **error)
{
  guint n = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (refusal_id >= 0, FALSE);

  if (!dlg_sync_queue_retry_refused (store, refusal_id, &n, error))
    return FALSE;
  if (n > 0)
    dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  if (n_retried != NULL)
    *n_retried = n;
  return TRUE;
}


static gboolean
abandon_one (DlgStore    *store,
             gint64       id,
             guint       *n_abandoned,
             GError     **error)
{
  g_autoptr(DlgOutboxRow) row = dlg_outbox_load (store, id, error);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *journal_uuid = NULL;
  const char *journal_type;
  const char *actor = dlg_store_get_actor (store);
  gboolean abandoned;
  gint64 process_id;

  if (row == NULL)
    return error == NULL || *error == NULL;
  /* The law requires it: the site must apply an erasure, however long it takes. */
  if (g_strcmp0 (row->object_type, "erasure") == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("An erasure of personal data cannot be abandoned: the site must "
                             "apply it. Send it again once the site accepts it."));
      return FALSE;
    }
  process_id = refusal_process (store, row, &journal_type, &journal_uuid);
  title = dlg_publication_dup_title (store, journal_type, journal_uuid);
  if (!dlg_sync_queue_abandon (store, id, actor != NULL ? actor : g_get_user_name (),
                               &abandoned, error))
    return FALSE;
  if (!abandoned)
    return TRUE;
  /* The site keeps what it has: the app stops offering this version (the next edit is sent). */
  if (g_strcmp0 (row->method, "POST") != 0 && dlg_publication_has_type (row->object_type) &&
      !dlg_publication_set_sync_state (store, row->object_type, row->object_uuid, "synced",
                                       error))
    return FALSE;
  /* TRANSLATORS: %s is "a narrative", "a moderation decision"…, then its title */
  summary = title != NULL && *title != '\0'
            ? g_strdup_printf (_("Not sent to the site (abandoned after the site refused it): "
                                 "%s “%s”."), dlg_sync_object_label (row->object_type), title)
            : g_strdup_printf (_("Not sent to the site (abandoned after the site refused it): "
                                 "%s."), dlg_sync_object_label (row->object_type));
  if (process_id > 0 &&
      !dlg_journal_append (store, process_id, "sync.abandon", journal_type, journal_uuid,
                           summary, error))
    return FALSE;
  (*n_abandoned)++;
  return TRUE;
}

/**
 * dlg_sync_abandon_refused:
 * @refusal_id: a #DlgSyncRefusal's id, or 0 for every refused change
 * @n_abandoned: (out) (optional): how many changes were abandoned
 *
 * The officer's explicit decision not to send a change the site refused: it leaves the queue
 * (kept as it was in the table outbox_abandoned, with the store's actor and the time) and the
 * process's journal says so ("sync.abandon"), in one transaction. The record keeps its
 * content; it is no longer offered to the site (the site keeps what it has) until its next
 * edit. Only refused changes can be abandoned.
 */
gboolean
dlg_sync_abandon_refused (DlgStore    *store,
                          gint64       refusal_id,
                          guint       *n_abandoned,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (refusal_id >= 0, FALSE);

  if (!(rows = dlg_sync_queue_list_refused (store, error)))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      DlgSyncRefusal *r = rows->pdata[i];

      /* "All" leaves the erasures, which cannot be abandoned. */
      if (refusal_id == 0 && g_strcmp0 (r->object_type, "erasure") == 0)
        continue;
      if ((refusal_id == 0 || r->id == refusal_id) && !abandon_one (store, r->id, &n, error))
        {
          dlg_store_rollback (store);
          return FALSE;
        }
    }
  if (refusal_id != 0 && n == 0)
    {
      dlg_store_rollback (store);
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                   _("No change refused by the site has the number %ld."), (long) refusal_id);
      return FALSE;
    }
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (n > 0)
    dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  if (n_abandoned != NULL)
    *n_abandoned = n;
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

/* Where an object stands, from whether the site refused it and its status flags. */
static DlgSyncPublication
publication_of (gboolean             refused,
                DlgPublicationStatus status)
{
  gboolean wanted = (status & DLG_PUBLICATION_WANTED) != 0;
  gboolean on_site = (status & DLG_PUBLICATION_ON_SITE) != 0;
  gboolean synced = (status & DLG_PUBLICATION_SYNCED) != 0;

  if (refused)
    return DLG_SYNC_PUBLICATION_REFUSED;
  if ((status & DLG_PUBLICATION_FOUND) == 0)
    return DLG_SYNC_PUBLICATION_LOCAL;
  if (wanted && on_site)
    return synced ? DLG_SYNC_PUBLICATION_ON_SITE : DLG_SYNC_PUBLICATION_CHANGED;
  if (wanted)
    return DLG_SYNC_PUBLICATION_PENDING;
  return on_site && !synced ? DLG_SYNC_PUBLICATION_LEAVING : DLG_SYNC_PUBLICATION_LOCAL;
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
  DlgPublicationStatus status = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), DLG_SYNC_PUBLICATION_LOCAL);
  g_return_val_if_fail (object_uuid != NULL, DLG_SYNC_PUBLICATION_LOCAL);

  if (dlg_sync_queue_is_refused (store, object_type, object_uuid))
    return DLG_SYNC_PUBLICATION_REFUSED;
  if (dlg_publication_get_status (store, object_type, object_uuid, &wanted, &on_site, &synced))
    status = DLG_PUBLICATION_FOUND | (wanted ? DLG_PUBLICATION_WANTED : 0) |
             (on_site ? DLG_PUBLICATION_ON_SITE : 0) | (synced ? DLG_PUBLICATION_SYNCED : 0);
  return publication_of (FALSE, status);
}

/**
 * dlg_sync_list_publications:
 * @object_type: as for dlg_sync_get_publication()
 * @process_id: the process whose objects of that type are wanted
 *
 * What dlg_sync_get_publication() says of every object of @object_type in the process, in two
 * statements however many there are: for a list that shows it on each row.
 *
 * Returns: (transfer full) (element-type utf8 DlgSyncPublication): uuid → where it stands
 *   (GINT_TO_POINTER); %NULL with @error set
 */
GHashTable *
dlg_sync_list_publications (DlgStore    *store,
                            const char  *object_type,
                            gint64       process_id,
                            GError     **error)
{
  g_autoptr(GHashTable) refused = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  GHashTable *publications;
  GHashTableIter iter;
  gpointer uuid, status;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(refused = dlg_sync_queue_list_refused_of_type (store, object_type, error)) ||
      !(statuses = dlg_publication_list_status (store, object_type, process_id, error)))
    return NULL;
  publications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &uuid, &status))
    g_hash_table_insert (publications, g_strdup (uuid),
                         GINT_TO_POINTER (publication_of (g_hash_table_contains (refused, uuid),
                                                          GPOINTER_TO_UINT (status))));
  return publications;
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
