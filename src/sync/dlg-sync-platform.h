/* dlg-sync-platform.h — the kinds of site the sync client talks to, and which of a site's
 * participatory spaces each process maps to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/**
 * DlgSyncSiteKind:
 * @DLG_SYNC_SITE_DIALOGUE: the Dialogue reference site (sync v1: push and pull)
 * @DLG_SYNC_SITE_DECIDIM: a Decidim instance's GraphQL API (`POST /api`): read; answers to
 *   proposals only where its schema has the write API
 * @DLG_SYNC_SITE_CAP_COLLECTIF: a Cap Collectif platform's GraphQL API (`POST /graphql`, an
 *   API key, the preview schema): read only
 */
typedef enum
{
  DLG_SYNC_SITE_DIALOGUE,
  DLG_SYNC_SITE_DECIDIM,
  DLG_SYNC_SITE_CAP_COLLECTIF,
} DlgSyncSiteKind;

const char      *dlg_sync_site_kind_to_string   (DlgSyncSiteKind  kind);
gboolean         dlg_sync_site_kind_from_string (const char      *text,
                                                 DlgSyncSiteKind *kind);
/* (transfer none): the kind's name for the officer, translated. */
const char      *dlg_sync_site_kind_label       (DlgSyncSiteKind  kind);
/* (transfer none): what the officer can and cannot do with such a site, translated. */
const char      *dlg_sync_site_kind_describe    (DlgSyncSiteKind  kind);

/* The kind recorded for @site_url (the reference site when none was). */
gboolean         dlg_sync_get_site_kind         (DlgStore        *store,
                                                 const char      *site_url,
                                                 DlgSyncSiteKind *kind,
                                                 GError         **error);
gboolean         dlg_sync_set_site_kind         (DlgStore        *store,
                                                 const char      *site_url,
                                                 DlgSyncSiteKind  kind,
                                                 GError         **error);

/* One process ↔ one participatory process (Decidim: its id or slug) or project (Cap
 * Collectif: its global id) of @site_url. @remote_id NULL or "" removes the mapping. */
gboolean         dlg_sync_set_mapping           (DlgStore        *store,
                                                 const char      *site_url,
                                                 gint64           process_id,
                                                 const char      *remote_id,
                                                 GError         **error);
/* (transfer full) (nullable): the remote id @process_id maps to on @site_url. */
char            *dlg_sync_get_mapping           (DlgStore        *store,
                                                 const char      *site_url,
                                                 gint64           process_id,
                                                 GError         **error);
/* The processes mapped on @site_url: process ids, and their remote ids (same order). */
gboolean         dlg_sync_list_mappings         (DlgStore        *store,
                                                 const char      *site_url,
                                                 GArray         **process_ids,
                                                 GPtrArray      **remote_ids,
                                                 GError         **error);
/* The ingestion path's source name for what @site_url's space @remote_id gives. */
char            *dlg_sync_platform_source       (DlgSyncSiteKind  kind,
                                                 const char      *site_url,
                                                 const char      *remote_id);

G_END_DECLS
