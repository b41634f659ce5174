/* dlg-sync-processes.c — the "processes" collection: the public page of each process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-process.h"
#include "dlg-sync-collection.h"

/* Only the title and summary come back from the site (see dlg_publication_apply_process). */
static gboolean
processes_apply_remote (DlgStore    *store,
                        const char  *uuid,
                        JsonObject  *site,
                        GError     **error)
{
  const char *title, *summary;

  if (!dlg_sync_site_get_string (site, "title", FALSE, &title, error) ||
      !dlg_sync_site_get_string (site, "summary", TRUE, &summary, error))
    return FALSE;
  return dlg_publication_apply_process (store, uuid, title, summary, error);
}

const DlgSyncCollection dlg_sync_processes = {
  .type = "process", .collection = "processes", .pending_count = DLG_SYNC_COUNT_NONE,
  .get_record_type = dlg_process_get_type, .to_json_of_process = dlg_publication_process_to_json,
  .apply_remote = processes_apply_remote,
};

/**
 * dlg_sync_enqueue_process:
 *
 * Queues the public page of the process (question, perimeter, rules of the game, features,
 * stage timeline) for the next push.
 */
gboolean
dlg_sync_enqueue_process (DlgStore  *store,
                          gint64     process_id,
                          GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return dlg_sync_collection_enqueue_now (store, &dlg_sync_processes, NULL, process_id, error);
}
