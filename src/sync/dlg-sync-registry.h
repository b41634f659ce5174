/* dlg-sync-registry.h — the collections the app pushes, in the order they are collected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "collections/dlg-sync-collection.h"

G_BEGIN_DECLS

const DlgSyncCollection * const *dlg_sync_registry_get    (guint       *n_collections);
const DlgSyncCollection         *dlg_sync_registry_lookup (const char  *type);

G_END_DECLS
