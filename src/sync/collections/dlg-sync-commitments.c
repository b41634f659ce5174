/* dlg-sync-commitments.c — the "commitments" collection: each commitment and its dated updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-commitment.h"
#include "dlg-sync-collection.h"

static gboolean
commitments_apply_remote (DlgStore    *store,
                          const char  *uuid,
                          JsonObject  *site,
                          GError     **error)
{
  const char *title, *department, *due_date, *status;
  gint64 progress;

  if (!dlg_sync_site_get_string (site, "title", FALSE, &title, error) ||
      !dlg_sync_site_get_string (site, "department", TRUE, &department, error) ||
      !dlg_sync_site_get_string (site, "due_date", TRUE, &due_date, error) ||
      !dlg_sync_site_get_string (site, "status", FALSE, &status, error) ||
      !dlg_sync_site_get_int (site, "progress", 0, 100, &progress, error))
    return FALSE;
  if (!dlg_vocabulary_contains (&dlg_vocabulary_commitment_status, status))
    return dlg_sync_site_wrong ("status", error);
  return dlg_publication_apply_commitment (store, uuid, title, department, due_date, status,
                                           progress, error);
}

static char *
commitments_copy_local (DlgStore    *store,
                        const char  *uuid,
                        JsonObject  *mine,
                        GError     **error)
{
  const char *title;
  g_autofree char *new_uuid = NULL;
  g_autofree char *new_title = NULL;

  if (!dlg_sync_site_get_string (mine, "title", FALSE, &title, error))
    return NULL;
  new_title = g_strdup_printf (_("%s (my version)"), title);
  /* The copy's other fields are the original's; the site's version is applied after this on
   * the original only, so the copy keeps the local values it was made from. */
  new_uuid = dlg_publication_copy_commitment (store, uuid, new_title, error);
  if (new_uuid == NULL || !dlg_sync_enqueue_commitment (store, new_uuid, error))
    return NULL;
  return g_steal_pointer (&new_uuid);
}

const DlgSyncCollection dlg_sync_commitments = {
  .type = "commitment", .collection = "commitments", .pending_count = DLG_SYNC_COUNT_NONE,
  .get_record_type = dlg_commitment_get_type, .to_json = dlg_publication_commitment_to_json,
  .apply_remote = commitments_apply_remote, .copy_local = commitments_copy_local,
};

/**
 * dlg_sync_enqueue_commitment:
 *
 * Queues the commitment and its dated updates for the next push.
 */
gboolean
dlg_sync_enqueue_commitment (DlgStore    *store,
                             const char  *commitment_uuid,
                             GError     **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (commitment_uuid != NULL, FALSE);

  return dlg_sync_collection_enqueue_now (store, &dlg_sync_commitments, commitment_uuid, 0,
                                          error);
}
