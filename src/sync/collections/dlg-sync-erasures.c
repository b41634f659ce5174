/* dlg-sync-erasures.c — GDPR erasures: a purge of a process's contact data or one person
 * erased at their request, POSTed once each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An action, not an object: each erasure the core recorded (dlg-gdpr.c) is a POST to
 * /api/sync/v1/erasures with its uuid as Idempotency-Key, stored before the first send. The
 * body names the process and, for one person, their registration's uuid: never a name.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-gdpr.h"
#include "dlg-participant.h"
#include "dlg-sync-collection.h"
#include "dlg-sync-private.h"

#define ERASURES_PATH DLG_SYNC_API_PREFIX "erasures"

/* The erasures the core recorded and nothing queued yet. */
static GPtrArray *
list_uncollected (DlgStore  *store,
                  gboolean   include_demo,
                  GError   **error)
{
  g_autoptr(GPtrArray) erasures = dlg_gdpr_list_unsent_erasures (store, include_demo, error);

  if (erasures == NULL)
    return NULL;
  for (guint i = erasures->len; i > 0; i--)
    {
      DlgGdprErasure *erasure = erasures->pdata[i - 1];
      g_autoptr(GError) local_error = NULL;

      if (dlg_sync_queue_has_key (store, erasure->uuid, &local_error))
        g_ptr_array_remove_index (erasures, i - 1);
      else if (local_error != NULL)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
    }
  return g_steal_pointer (&erasures);
}

static gboolean
erasures_collect (DlgStore  *store,
                  gboolean   include_demo,
                  guint     *n_queued,
                  GError   **error)
{
  g_autoptr(GPtrArray) erasures = list_uncollected (store, include_demo, error);

  if (erasures == NULL)
    return FALSE;
  for (guint i = 0; i < erasures->len; i++)
    {
      DlgGdprErasure *erasure = erasures->pdata[i];
      g_autofree char *body = dlg_gdpr_erasure_to_json (erasure);

      if (!dlg_sync_queue_post (store, "erasure", erasure->process_uuid, ERASURES_PATH, body,
                                erasure->uuid, error))
        return FALSE;
      (*n_queued)++;
    }
  return TRUE;
}

static gint64
erasures_count_uncollected (DlgStore  *store,
                            gboolean   include_demo,
                            GError   **error)
{
  g_autoptr(GPtrArray) erasures = list_uncollected (store, include_demo, error);

  return erasures != NULL ? (gint64) erasures->len : -1;
}

static gboolean
erasures_sent (DlgStore      *store,
               DlgOutboxRow  *row,
               gint64         rev,
               GError       **error)
{
  return dlg_gdpr_erasure_sent (store, row->idempotency_key, error);
}

const DlgSyncCollection dlg_sync_erasures = {
  .type = "erasure", .pending_count = DLG_SYNC_COUNT_ALL,
  .get_record_type = dlg_participant_get_type, .collect = erasures_collect,
  .count_uncollected = erasures_count_uncollected, .sent = erasures_sent,
};
