/* dlg-sync-follow-ups.c — the "follow_ups" collection: follow-up items switched "published"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-follow-up.h"
#include "dlg-sync-collection.h"

static gboolean
follow_ups_apply_remote (DlgStore    *store,
                         const char  *uuid,
                         JsonObject  *site,
                         GError     **error)
{
  const char *kind, *dated, *title, *body;

  if (!dlg_sync_site_get_string (site, "kind", FALSE, &kind, error) ||
      !dlg_sync_site_get_string (site, "dated", FALSE, &dated, error) ||
      !dlg_sync_site_get_string (site, "title", FALSE, &title, error) ||
      !dlg_sync_site_get_string (site, "body", TRUE, &body, error))
    return FALSE;
  if (!dlg_vocabulary_contains (&dlg_vocabulary_follow_up_kind, kind) || *title == '\0')
    return dlg_sync_site_wrong ("kind", error);
  return dlg_publication_apply_follow_up (store, uuid, kind, dated, title, body, error);
}

/* Unpublished, an item leaves the site and stays in the app. */
const DlgSyncCollection dlg_sync_follow_ups = {
  .type = "follow_up", .collection = "follow_ups", .pending_count = DLG_SYNC_COUNT_ALL,
  .get_record_type = dlg_follow_up_get_type, .to_json = dlg_publication_follow_up_to_json,
  .apply_remote = follow_ups_apply_remote,
};
