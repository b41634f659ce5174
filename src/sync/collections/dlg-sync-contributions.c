/* dlg-sync-contributions.c — the "contributions" collection: those the team received in
 * person, by mail or by phone, once moderated "published"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-contribution.h"
#include "dlg-sync-collection.h"

static gboolean
contributions_apply_remote (DlgStore    *store,
                            const char  *uuid,
                            JsonObject  *site,
                            GError     **error)
{
  const char *title, *body, *author_ref;

  if (!dlg_sync_site_get_string (site, "title", TRUE, &title, error) ||
      !dlg_sync_site_get_string (site, "body", TRUE, &body, error) ||
      !dlg_sync_site_get_string (site, "author_ref", TRUE, &author_ref, error))
    return FALSE;
  return dlg_publication_apply_contribution (store, uuid, title, body, author_ref, error);
}

const DlgSyncCollection dlg_sync_contributions = {
  .type = "contribution", .collection = "contributions", .pending_count = DLG_SYNC_COUNT_ALL,
  .get_record_type = dlg_contribution_get_type, .to_json = dlg_publication_contribution_to_json,
  .apply_remote = contributions_apply_remote,
};
