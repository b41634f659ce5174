/* dlg-sync-registry.c — the collections the app pushes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * To push a new kind of object, write its collection in src/sync/collections/ (see HACKING.md)
 * and add it here once. The order is the order in which changes are collected into the outbox,
 * which is the order they are pushed in.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "collections/dlg-sync-collections.h"
#include "dlg-sync-registry.h"

static const DlgSyncCollection * const collections[] = {
  &dlg_sync_narratives,
  &dlg_sync_responses,
  &dlg_sync_commitments,
  &dlg_sync_processes,
  &dlg_sync_follow_ups,
  &dlg_sync_contributions,
  &dlg_sync_highlights,
  &dlg_sync_moderation,
  /* Last: an erasure applies to what the pushes before it may have sent. */
  &dlg_sync_erasures,
};

/**
 * dlg_sync_registry_get:
 * @n_collections: (out): how many
 *
 * Returns: (array length=n_collections): every collection, in the order of collecting
 */
const DlgSyncCollection * const *
dlg_sync_registry_get (guint *n_collections)
{
  *n_collections = G_N_ELEMENTS (collections);
  return collections;
}

/**
 * dlg_sync_registry_lookup:
 * @type: an outbox object_type ("narrative", "moderation"…)
 *
 * Returns: (nullable): its collection
 */
const DlgSyncCollection *
dlg_sync_registry_lookup (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    if (g_strcmp0 (collections[i]->type, type) == 0)
      return collections[i];
  return NULL;
}
