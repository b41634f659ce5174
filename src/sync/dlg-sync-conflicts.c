/* dlg-sync-conflicts.c — what the site had changed when a push came (412), and the officer's
 * choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A conflict keeps both versions; the outbox row waits until the officer keeps theirs, keeps
 * mine, or keeps mine as a copy. Nothing is lost in any case.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-sync-private.h"
#include "dlg-sync-registry.h"

static const char sql_conflict_insert[] =
  "INSERT INTO conflict (object_type, object_uuid, local_json, site_json, site_etag,"
  "  detected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_conflict_close_older[] =
  "UPDATE conflict SET resolved = 'theirs', resolved_at = ?3"
  "  WHERE object_type = ?1 AND object_uuid = ?2 AND resolved IS NULL";
static const char sql_conflict_count[] =
  "SELECT count(*) FROM conflict WHERE resolved IS NULL";
static const char sql_conflict_list[] =
  "SELECT id, object_type, object_uuid, local_json, site_json, site_etag, detected_at"
  "  FROM conflict WHERE resolved IS NULL ORDER BY id";
static const char sql_conflict_load[] =
  "SELECT id, object_type, object_uuid, local_json, site_json, site_etag, detected_at"
  "  FROM conflict WHERE id = ?1 AND resolved IS NULL";
static const char sql_conflict_resolve[] =
  "UPDATE conflict SET resolved = ?2, resolved_at = ?3 WHERE id = ?1";

/* A 412: keep the local version (the outbox body, which is the newest), the site's version and
 * its ETag; hold the row until the officer chooses. */
gboolean
dlg_outbox_conflict (DlgStore      *store,
                     DlgOutboxRow  *row,
                     const char    *site_json,
                     const char    *site_etag,
                     GError       **error)
{
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *local_json = NULL;
  gint64 outbox_id;

  if (!dlg_publication_has_type (row->object_type))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, "no adapter for %s", row->object_type);
      return FALSE;
    }
  if (!dlg_store_begin (store, error))
    return FALSE;
  local_json = dlg_sync_queue_dup_body_of (store, row->object_type, row->object_uuid,
                                           &outbox_id);
  if (local_json == NULL)
    local_json = g_strdup ("null");
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_conflict_close_older, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, row->object_type);
    dlg_stmt_bind_text (stmt, 2, row->object_uuid);
    dlg_stmt_bind_text (stmt, 3, now);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_conflict_insert, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, row->object_type);
    dlg_stmt_bind_text (stmt, 2, row->object_uuid);
    dlg_stmt_bind_text (stmt, 3, local_json);
    dlg_stmt_bind_text (stmt, 4, site_json);
    dlg_stmt_bind_text (stmt, 5, site_etag);
    dlg_stmt_bind_text (stmt, 6, now);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  if (!dlg_sync_queue_hold (store, row, error) ||
      !dlg_publication_set_sync_state (store, row->object_type, row->object_uuid, "conflict",
                                       error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_CONFLICT, 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_sync_count_conflicts:
 *
 * Returns: the number of conflicts waiting for the officer, or -1 with @error set
 */
gint64
dlg_sync_count_conflicts (DlgStore  *store,
                          GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), -1);

  if (!(stmt = dlg_store_prepare (store, sql_conflict_count, error)))
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        dlg_store_set_error (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

G_DEFINE_POINTER_TYPE (DlgSyncConflict, dlg_sync_conflict)

void
dlg_sync_conflict_free (DlgSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->object_type);
  g_free (conflict->object_uuid);
  g_free (conflict->title);
  g_free (conflict->local_json);
  g_free (conflict->site_json);
  g_free (conflict->site_etag);
  g_free (conflict->detected_at);
  g_free (conflict);
}

static DlgSyncConflict *
conflict_from_row (DlgStore     *store,
                   sqlite3_stmt *stmt)
{
  DlgSyncConflict *conflict = g_new0 (DlgSyncConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->object_type = dlg_stmt_dup_text (stmt, 1);
  conflict->object_uuid = dlg_stmt_dup_text (stmt, 2);
  conflict->local_json = dlg_stmt_dup_text (stmt, 3);
  conflict->site_json = dlg_stmt_dup_text (stmt, 4);
  conflict->site_etag = dlg_stmt_dup_text (stmt, 5);
  conflict->detected_at = dlg_stmt_dup_text (stmt, 6);
  conflict->title = dlg_publication_dup_title (store, conflict->object_type,
                                               conflict->object_uuid);
  if (conflict->title == NULL)
    conflict->title = g_strdup (conflict->object_uuid);
  return conflict;
}

/**
 * dlg_sync_list_conflicts:
 *
 * Returns: (transfer full) (element-type DlgSyncConflict): the open conflicts, oldest first
 */
GPtrArray *
dlg_sync_list_conflicts (DlgStore  *store,
                         GError   **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) dlg_sync_conflict_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_conflict_list, error);

    if (stmt == NULL)
      return NULL;
    /* Titles use another cached statement: read the ids first, then load each. */
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (rows, GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 0)));
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_conflict_load, error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, GPOINTER_TO_INT (rows->pdata[i]));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (conflicts, conflict_from_row (store, stmt));
    }
  return g_steal_pointer (&conflicts);
}

static gboolean
set_object_etag (DlgStore                 *store,
                 const DlgSyncCollection  *collection,
                 const char               *uuid,
                 const char               *etag,
                 const char               *state,
                 GError                  **error)
{
  return dlg_publication_set_etag (store, collection->type, uuid, etag, error) &&
         dlg_publication_set_sync_state (store, collection->type, uuid, state, error);
}

static gboolean
take_theirs (DlgStore                 *store,
             const DlgSyncCollection  *collection,
             DlgSyncConflict          *conflict,
             GError                  **error)
{
  if (conflict->site_json == NULL)
    {
      /* The site deleted it: so be it locally too ("deleted" first, so that nothing is queued
       * for the site, which no longer has it). */
      if (!dlg_publication_set_sync_state (store, collection->type, conflict->object_uuid,
                                           "deleted", error) ||
          !dlg_publication_confirm_deleted (store, collection->type, conflict->object_uuid,
                                            error))
        return FALSE;
    }
  else
    {
      g_autoptr(JsonObject) site = dlg_sync_parse_object (conflict->site_json, -1, error);

      if (site == NULL ||
          !collection->apply_remote (store, conflict->object_uuid, site, error) ||
          !set_object_etag (store, collection, conflict->object_uuid, conflict->site_etag,
                            "synced", error))
        return FALSE;
    }
  return dlg_sync_queue_drop_object (store, conflict->object_type, conflict->object_uuid, error);
}

static gboolean
keep_mine (DlgStore                 *store,
           const DlgSyncCollection  *collection,
           DlgSyncConflict          *conflict,
           GError                  **error)
{
  g_autofree char *queued = NULL;
  gint64 outbox_id;

  /* The next push goes with If-Match: the site's ETag (or If-None-Match: * if the site deleted
   * it), so that it replaces exactly the version the officer saw. */
  if (!set_object_etag (store, collection, conflict->object_uuid, conflict->site_etag,
                        conflict->site_etag != NULL ? "modified" : "created", error))
    return FALSE;
  queued = dlg_sync_queue_dup_body_of (store, conflict->object_type, conflict->object_uuid,
                                       &outbox_id);
  if (outbox_id < 0)
    return dlg_sync_collection_enqueue (store, collection, conflict->object_uuid,
                                        conflict->local_json, TRUE, NULL, error);
  return dlg_sync_queue_resume (store, outbox_id, error);
}

/**
 * dlg_sync_resolve_conflict:
 * @store: a #DlgStore
 * @conflict_id: an open conflict, from dlg_sync_list_conflicts()
 * @resolution: what the officer chose
 * @error: return location for an error
 *
 * Applies the officer's choice in one transaction. With %DLG_SYNC_KEEP_MINE the local version
 * is pushed again over the site's version; with %DLG_SYNC_KEEP_THEIRS the site's version
 * replaces the local one; with %DLG_SYNC_KEEP_MINE_AS_COPY the local version becomes a new
 * object (narratives and commitments only) queued for creation, and the original takes the
 * site's version. Nothing is lost in any case: the conflict row keeps both versions.
 */
gboolean
dlg_sync_resolve_conflict (DlgStore           *store,
                           gint64              conflict_id,
                           DlgSyncResolution   resolution,
                           GError            **error)
{
  g_autoptr(DlgSyncConflict) conflict = NULL;
  const DlgSyncCollection *collection;
  g_autofree char *now = dlg_now_iso8601 ();
  const char *resolved = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_conflict_load, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, conflict_id);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                     _("This conflict does not exist or was already resolved."));
        goto fail;
      }
    conflict = conflict_from_row (store, stmt);
  }
  collection = dlg_sync_registry_lookup (conflict->object_type);
  g_assert (collection != NULL && collection->apply_remote != NULL);

  switch (resolution)
    {
    case DLG_SYNC_KEEP_MINE:
      resolved = "mine";
      if (!keep_mine (store, collection, conflict, error))
        goto fail;
      break;
    case DLG_SYNC_KEEP_THEIRS:
      resolved = "theirs";
      if (!take_theirs (store, collection, conflict, error))
        goto fail;
      break;
    case DLG_SYNC_KEEP_MINE_AS_COPY:
      {
        g_autoptr(JsonObject) mine = NULL;
        g_autofree char *copy = NULL;

        resolved = "copy";
        if (collection->copy_local == NULL)
          {
            g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                         _("Only narratives and commitments can be kept as a copy: choose "
                           "between your version and the site's."));
            goto fail;
          }
        mine = dlg_sync_parse_object (conflict->local_json, -1, error);
        if (mine == NULL)
          goto fail;
        copy = collection->copy_local (store, conflict->object_uuid, mine, error);
        if (copy == NULL || !take_theirs (store, collection, conflict, error))
          goto fail;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_conflict_resolve, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, conflict_id);
    dlg_stmt_bind_text (stmt, 2, resolved);
    dlg_stmt_bind_text (stmt, 3, now);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_CONFLICT, 0);
  dlg_store_emit_changed (store, collection->get_record_type (), 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
