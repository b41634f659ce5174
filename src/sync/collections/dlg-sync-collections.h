/* dlg-sync-collections.h — the collections the app pushes, for the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-sync-collection.h"

G_BEGIN_DECLS

extern const DlgSyncCollection dlg_sync_narratives;
extern const DlgSyncCollection dlg_sync_responses;
extern const DlgSyncCollection dlg_sync_commitments;
extern const DlgSyncCollection dlg_sync_processes;
extern const DlgSyncCollection dlg_sync_follow_ups;
extern const DlgSyncCollection dlg_sync_contributions;
extern const DlgSyncCollection dlg_sync_highlights;
extern const DlgSyncCollection dlg_sync_moderation;
extern const DlgSyncCollection dlg_sync_erasures;

G_END_DECLS
