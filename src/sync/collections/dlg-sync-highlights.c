/* dlg-sync-highlights.c — the "highlights" collection: the team's highlight of a contribution,
 * an object of its own on the site named by the contribution's uuid, created when highlighted
 * and deleted when no longer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-contribution.h"
#include "dlg-sync-collection.h"

static gboolean
highlights_apply_remote (DlgStore    *store,
                         const char  *uuid,
                         JsonObject  *site,
                         GError     **error)
{
  return dlg_publication_apply_highlight (store, uuid, error);
}

const DlgSyncCollection dlg_sync_highlights = {
  .type = "highlight", .collection = "highlights", .pending_count = DLG_SYNC_COUNT_ALL,
  .get_record_type = dlg_contribution_get_type, .to_json = dlg_publication_highlight_to_json,
  .apply_remote = highlights_apply_remote,
};
