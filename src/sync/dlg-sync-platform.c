/* dlg-sync-platform.c — the kinds of site, and the platform space each process maps to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A site is the Dialogue reference site (sync v1) or a platform the city runs, read through
 * its GraphQL API (dlg-sync-graphql.c). The kind is a column of sync_state; a platform's
 * space (a Decidim participatory process, a Cap Collectif project) is mapped to one process
 * (platform_mapping).
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-ingest.h"
#include "dlg-sync-platform.h"
#include "dlg-sync-private.h"

static const char sql_kind_read[] = "SELECT kind FROM sync_state WHERE site_url = ?1";
static const char sql_kind_write[] =
  "INSERT INTO sync_state (site_url, used_at, kind) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (site_url) DO UPDATE SET kind = excluded.kind";
static const char sql_mapping_set[] =
  "INSERT INTO platform_mapping (site_url, process_id, remote_id) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (site_url, process_id) DO UPDATE SET remote_id = excluded.remote_id";
static const char sql_mapping_clear[] =
  "DELETE FROM platform_mapping WHERE site_url = ?1 AND process_id = ?2";
static const char sql_mapping_get[] =
  "SELECT remote_id FROM platform_mapping WHERE site_url = ?1 AND process_id = ?2";
static const char sql_mapping_list[] =
  "SELECT process_id, remote_id FROM platform_mapping WHERE site_url = ?1 ORDER BY process_id";

static const char * const kind_names[] = { "dialogue", "decidim", "capcollectif" };

const char *
dlg_sync_site_kind_to_string (DlgSyncSiteKind kind)
{
  g_return_val_if_fail (kind <= DLG_SYNC_SITE_CAP_COLLECTIF, "dialogue");
  return kind_names[kind];
}

gboolean
dlg_sync_site_kind_from_string (const char      *text,
                                DlgSyncSiteKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (DlgSyncSiteKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dlg_sync_site_kind_label (DlgSyncSiteKind kind)
{
  switch (kind)
    {
    case DLG_SYNC_SITE_DECIDIM:
      return _("Decidim");
    case DLG_SYNC_SITE_CAP_COLLECTIF:
      return _("Cap Collectif");
    case DLG_SYNC_SITE_DIALOGUE:
    default:
      return _("Dialogue reference site");
    }
}

const char *
dlg_sync_site_kind_describe (DlgSyncSiteKind kind)
{
  switch (kind)
    {
    case DLG_SYNC_SITE_DECIDIM:
      return _("Reads the proposals of the mapped participatory process and their comments, "
               "50 at a time. Items hidden or deleted on the site are marked “no longer on "
               "the site”, never removed. Sending argued responses as proposal answers needs "
               "the write API (Decidim 0.31 and later, an API account); accountability "
               "results (commitments) cannot be written through Decidim’s API.");
    case DLG_SYNC_SITE_CAP_COLLECTIF:
      return _("Read only: an API key cannot write. Reads the mapped project’s proposals "
               "(those moderated as trashed too), questionnaire replies and consultation "
               "contributions. Responses, commitments and moderation stay in Dialogue.");
    case DLG_SYNC_SITE_DIALOGUE:
    default:
      return _("Sends process pages, narratives, responses, commitments and moderation "
               "decisions, and receives contributions and registrations.");
    }
}

gboolean
dlg_sync_get_site_kind (DlgStore        *store,
                        const char      *site_url,
                        DlgSyncSiteKind *kind,
                        GError         **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_kind_read, error);
  int rc;

  *kind = DLG_SYNC_SITE_DIALOGUE;
  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    dlg_sync_site_kind_from_string (dlg_stmt_get_text (stmt, 0), kind);
  else if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  return TRUE;
}

gboolean
dlg_sync_set_site_kind (DlgStore        *store,
                        const char      *site_url,
                        DlgSyncSiteKind  kind,
                        GError         **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_kind_write, error);
  g_autofree char *now = dlg_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  dlg_stmt_bind_text (stmt, 2, now);
  dlg_stmt_bind_text (stmt, 3, dlg_sync_site_kind_to_string (kind));
  return dlg_store_step_done (store, stmt, error);
}

gboolean
dlg_sync_set_mapping (DlgStore    *store,
                      const char  *site_url,
                      gint64       process_id,
                      const char  *remote_id,
                      GError     **error)
{
  gboolean clear = remote_id == NULL || *remote_id == '\0';
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, clear ? sql_mapping_clear
                                                            : sql_mapping_set, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  sqlite3_bind_int64 (stmt, 2, process_id);
  if (!clear)
    dlg_stmt_bind_text (stmt, 3, remote_id);
  return dlg_store_step_done (store, stmt, error);
}

char *
dlg_sync_get_mapping (DlgStore    *store,
                      const char  *site_url,
                      gint64       process_id,
                      GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_mapping_get, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, site_url);
  sqlite3_bind_int64 (stmt, 2, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (dlg_stmt_get_text (stmt, 0));
  if (rc != SQLITE_DONE)
    dlg_store_set_error (store, rc, error);
  return NULL;
}

gboolean
dlg_sync_list_mappings (DlgStore    *store,
                        const char  *site_url,
                        GArray     **process_ids,
                        GPtrArray  **remote_ids,
                        GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_mapping_list, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) remotes = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (remotes, g_strdup (dlg_stmt_get_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  *process_ids = g_steal_pointer (&ids);
  *remote_ids = g_steal_pointer (&remotes);
  return TRUE;
}

char *
dlg_sync_platform_source (DlgSyncSiteKind  kind,
                          const char      *site_url,
                          const char      *remote_id)
{
  return g_strdup_printf ("%s%s:%s#%s", DLG_INGEST_SOURCE_LIVE_PREFIX,
                          dlg_sync_site_kind_to_string (kind), site_url, remote_id);
}
