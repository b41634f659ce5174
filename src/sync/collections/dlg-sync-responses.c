/* dlg-sync-responses.c — the "responses" collection: the argued response, its positions and
 * the contributions each recommendation comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-response.h"
#include "dlg-sync-collection.h"

/* Only the introduction and the publication date come back from the site. */
static gboolean
responses_apply_remote (DlgStore    *store,
                        const char  *uuid,
                        JsonObject  *site,
                        GError     **error)
{
  const char *intro, *published_at;

  if (!dlg_sync_site_get_string (site, "intro", FALSE, &intro, error) ||
      !dlg_sync_site_get_string (site, "published_at", TRUE, &published_at, error))
    return FALSE;
  return dlg_publication_apply_response (store, uuid, intro, published_at, error);
}

const DlgSyncCollection dlg_sync_responses = {
  .type = "response", .collection = "responses", .pending_count = DLG_SYNC_COUNT_UNLESS_CONFLICT,
  .get_record_type = dlg_response_get_type,
  .to_json_of_process = dlg_publication_response_to_json, .apply_remote = responses_apply_remote,
};

/**
 * dlg_sync_enqueue_response:
 *
 * Queues the argued response of the process, with its positions, for the next push.
 */
gboolean
dlg_sync_enqueue_response (DlgStore  *store,
                           gint64     process_id,
                           GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return dlg_sync_collection_enqueue_now (store, &dlg_sync_responses, NULL, process_id, error);
}
