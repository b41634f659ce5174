/* dlg-sync-moderation.c — moderation decisions: events with their own UUIDs, POSTed once each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An action, not an object: each decision is a POST with an Idempotency-Key (the event's UUID)
 * stored before the first send, so that a retried POST never moderates twice.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-error.h"
#include "dlg-sync-collection.h"
#include "dlg-sync-private.h"

#define MODERATION_PATH DLG_SYNC_API_PREFIX "moderation"

static gboolean
queue_event (DlgStore                  *store,
             const DlgModerationEvent  *event,
             GError                   **error)
{
  g_autofree char *body = dlg_publication_moderation_to_json (event);

  return dlg_sync_queue_post (store, "moderation", event->contribution_uuid, MODERATION_PATH,
                              body, event->uuid, error);
}

/* The events that the domain API recorded (dlg_contribution_moderate) and nothing queued. */
static GPtrArray *
list_uncollected (DlgStore  *store,
                  gboolean   include_demo,
                  GError   **error)
{
  g_autoptr(GPtrArray) events = dlg_publication_list_unsent_moderation (store, include_demo,
                                                                        error);

  if (events == NULL)
    return NULL;
  for (guint i = events->len; i > 0; i--)
    {
      DlgModerationEvent *event = events->pdata[i - 1];
      g_autoptr(GError) local_error = NULL;

      if (dlg_sync_queue_has_key (store, event->uuid, &local_error))
        g_ptr_array_remove_index (events, i - 1);
      else if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
    }
  return g_steal_pointer (&events);
}

static gboolean
moderation_collect (DlgStore  *store,
                    gboolean   include_demo,
                    guint     *n_queued,
                    GError   **error)
{
  g_autoptr(GPtrArray) events = list_uncollected (store, include_demo, error);

  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      if (!queue_event (store, events->pdata[i], error))
        return FALSE;
      (*n_queued)++;
    }
  return TRUE;
}

static gint64
moderation_count_uncollected (DlgStore  *store,
                              gboolean   include_demo,
                              GError   **error)
{
  g_autoptr(GPtrArray) events = list_uncollected (store, include_demo, error);

  return events != NULL ? (gint64) events->len : -1;
}

static gboolean
moderation_sent (DlgStore      *store,
                 DlgOutboxRow  *row,
                 gint64         rev,
                 GError       **error)
{
  return dlg_publication_moderation_sent (store, row->idempotency_key, row->object_uuid, rev,
                                          error);
}

const DlgSyncCollection dlg_sync_moderation = {
  .type = "moderation", .pending_count = DLG_SYNC_COUNT_ALL,
  .get_record_type = dlg_contribution_get_type, .collect = moderation_collect,
  .count_uncollected = moderation_count_uncollected, .sent = moderation_sent,
};

/**
 * dlg_sync_enqueue_moderation:
 * @contribution_uuid: the contribution moderated
 * @state: "pending", "published" or "trashed"
 * @reason: (nullable): why, shown in the bin
 *
 * Records a moderation decision as an event with its own UUID, applies it locally, writes it in
 * the journal and queues its POST; the Idempotency-Key (the event's UUID) is stored before the
 * first send, so that a retried POST never moderates twice.
 *
 * Returns: (transfer full): the event's UUID, or %NULL with @error set
 */
char *
dlg_sync_enqueue_moderation (DlgStore    *store,
                             const char  *contribution_uuid,
                             const char  *state,
                             const char  *reason,
                             GError     **error)
{
  g_autofree char *event_uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();
  DlgModerationEvent event = { event_uuid, (char *) contribution_uuid, (char *) state,
                               (char *) (reason != NULL ? reason : ""), now };
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (contribution_uuid != NULL, NULL);

  if (!dlg_vocabulary_contains (&dlg_vocabulary_moderation, state))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not a moderation state."), state != NULL ? state : "");
      return NULL;
    }

  if (!dlg_store_begin (store, error))
    return NULL;
  if (!dlg_publication_record_moderation (store, &event, &process_id, error) ||
      !queue_event (store, &event, error))
    {
      dlg_store_rollback (store);
      return NULL;
    }
  if (!dlg_store_commit (store, error))
    return NULL;
  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, process_id);
  return g_steal_pointer (&event_uuid);
}
