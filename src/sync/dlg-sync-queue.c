/* dlg-sync-queue.c — the outbox table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PUT carries the body built when the officer made the change; enqueueing the same object
 * again replaces that body and bumps the row's generation, so that the answer to an older body
 * never marks a newer edit as sent. A POST (an action with side effects) has its
 * Idempotency-Key stored before the first send.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-sync-queue.h"

static const char sql_outbox_put[] =
  "INSERT INTO outbox (object_type, object_uuid, method, path, body, created_at, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
  " ON CONFLICT (object_type, object_uuid) WHERE method <> 'POST' DO UPDATE SET"
  "  method = excluded.method, path = excluded.path, body = excluded.body,"
  "  generation = generation + 1, attempts = 0, next_attempt_at = 0, last_error = NULL,"
  "  state = CASE WHEN state = 'conflict' THEN 'conflict' ELSE 'pending' END,"
  "  updated_at = excluded.updated_at"
  /* Collecting the same body again changes nothing; an explicit publication always does. */
  " WHERE ?7 OR outbox.body IS NOT excluded.body OR outbox.method <> excluded.method";
static const char sql_outbox_post[] =
  "INSERT INTO outbox (object_type, object_uuid, method, path, body, idempotency_key,"
  "  created_at, updated_at) VALUES (?1, ?2, 'POST', ?3, ?4, ?5, ?6, ?6)";
static const char sql_outbox_ids_all[] =
  "SELECT id FROM outbox WHERE state = 'pending' ORDER BY id";
static const char sql_outbox_ids_due[] =
  "SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?1 ORDER BY id";
static const char sql_outbox_load[] =
  "SELECT id, object_type, object_uuid, method, path, body, idempotency_key, generation,"
  "  attempts, etag_expected FROM outbox WHERE id = ?1";
static const char sql_outbox_delete_if_same[] =
  "DELETE FROM outbox WHERE id = ?1 AND generation = ?2";
static const char sql_outbox_generation[] =
  "SELECT generation FROM outbox WHERE id = ?1";
static const char sql_outbox_etag_expected[] =
  "UPDATE outbox SET etag_expected = ?2, attempts = 0, last_error = NULL WHERE id = ?1";
static const char sql_outbox_retry[] =
  "UPDATE outbox SET attempts = attempts + ?2, next_attempt_at = ?3, last_error = ?4,"
  "  updated_at = ?5 WHERE id = ?1";
static const char sql_outbox_failed[] =
  "UPDATE outbox SET attempts = attempts + ?2, state = 'failed', last_error = ?3,"
  "  updated_at = ?4, last_status = ?6 WHERE id = ?1 AND generation = ?5";
static const char sql_outbox_set_conflict[] =
  "UPDATE outbox SET state = 'conflict', attempts = attempts + 1, last_error = NULL,"
  "  updated_at = ?2 WHERE id = ?1";
static const char sql_outbox_of_object[] =
  "SELECT id, body FROM outbox WHERE object_type = ?1 AND object_uuid = ?2"
  "  AND method <> 'POST'";
static const char sql_outbox_delete_object[] =
  "DELETE FROM outbox WHERE object_type = ?1 AND object_uuid = ?2 AND method <> 'POST'";
static const char sql_outbox_resume[] =
  "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL,"
  "  updated_at = ?2 WHERE id = ?1";
static const char sql_outbox_has_object[] =
  "SELECT 1 FROM outbox WHERE object_type = ?1 AND object_uuid = ?2";
static const char sql_outbox_has_key[] =
  "SELECT 1 FROM outbox WHERE idempotency_key = ?1";
static const char sql_outbox_refused[] =
  "SELECT 1 FROM outbox WHERE object_type = ?1 AND object_uuid = ?2 AND method <> 'POST'"
  "  AND state = 'failed'";
static const char sql_outbox_refused_of_type[] =
  "SELECT object_uuid FROM outbox WHERE object_type = ?1 AND method <> 'POST'"
  "  AND state = 'failed'";
static const char sql_outbox_list_refused[] =
  "SELECT id, object_type, object_uuid, method, coalesce (last_status, 0),"
  "  coalesce (last_error, ''), updated_at, body FROM outbox WHERE state = 'failed'"
  "  ORDER BY id";
static const char sql_outbox_count_waiting[] =
  "SELECT count(*) FROM outbox WHERE state <> 'failed'";
static const char sql_outbox_count_refused[] =
  "SELECT count(*) FROM outbox WHERE state = 'failed'";
/* ?1 0: every refused row; else that row. */
static const char sql_outbox_retry_refused[] =
  "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL,"
  "  last_status = NULL, updated_at = ?2 WHERE state = 'failed' AND (?1 = 0 OR id = ?1)";
/* An abandoned change is kept as it was, with who abandoned it, before it leaves the queue. */
static const char sql_outbox_abandon_copy[] =
  "INSERT INTO outbox_abandoned (outbox_id, object_type, object_uuid, method, path, body,"
  "  last_status, last_error, abandoned_by, abandoned_at)"
  "  SELECT id, object_type, object_uuid, method, path, body, last_status, last_error, ?2, ?3"
  "  FROM outbox WHERE state = 'failed' AND id = ?1";
static const char sql_outbox_abandon_delete[] =
  "DELETE FROM outbox WHERE state = 'failed' AND id = ?1";

static gboolean
step_row (DlgStore      *store,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    dlg_store_set_error (store, rc, error);
  return FALSE;
}

/* Runs @sql on the row @id (?1) with @text as ?2. */
static gboolean
exec_on_row (DlgStore    *store,
             const char  *sql,
             gint64       id,
             const char  *text,
             GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  dlg_stmt_bind_text (stmt, 2, text);
  return dlg_store_step_done (store, stmt, error);
}

void
dlg_outbox_row_free (DlgOutboxRow *row)
{
  if (row == NULL)
    return;
  g_free (row->object_type);
  g_free (row->object_uuid);
  g_free (row->method);
  g_free (row->path);
  g_free (row->body);
  g_free (row->idempotency_key);
  g_free (row->etag_expected);
  g_free (row);
}

GArray *
dlg_outbox_list_ids (DlgStore  *store,
                     gboolean   due_only,
                     GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, due_only ? sql_outbox_ids_due
                                                               : sql_outbox_ids_all, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  if (due_only)
    sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&ids);
}

DlgOutboxRow *
dlg_outbox_load (DlgStore  *store,
                 gint64     id,
                 GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_load, error);
  DlgOutboxRow *row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (store, stmt, error))
    return NULL;
  row = g_new0 (DlgOutboxRow, 1);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->object_type = dlg_stmt_dup_text (stmt, 1);
  row->object_uuid = dlg_stmt_dup_text (stmt, 2);
  row->method = dlg_stmt_dup_text (stmt, 3);
  row->path = dlg_stmt_dup_text (stmt, 4);
  row->body = dlg_stmt_dup_text (stmt, 5);
  row->idempotency_key = dlg_stmt_dup_text (stmt, 6);
  row->generation = sqlite3_column_int64 (stmt, 7);
  row->attempts = sqlite3_column_int64 (stmt, 8);
  row->etag_expected = dlg_stmt_dup_text (stmt, 9);
  return row;
}

gboolean
dlg_outbox_retry_later (DlgStore      *store,
                        DlgOutboxRow  *row,
                        guint          n_attempts,
                        gint64         next_attempt_at,
                        const char    *message,
                        GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_retry, error);
  g_autofree char *now = dlg_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_int64 (stmt, 2, n_attempts);
  sqlite3_bind_int64 (stmt, 3, next_attempt_at);
  dlg_stmt_bind_text (stmt, 4, message);
  dlg_stmt_bind_text (stmt, 5, now);
  return dlg_store_step_done (store, stmt, error);
}

gboolean
dlg_outbox_failed (DlgStore      *store,
                   DlgOutboxRow  *row,
                   guint          n_attempts,
                   guint          status,
                   const char    *message,
                   GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_failed, error);
  g_autofree char *now = dlg_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_int64 (stmt, 2, n_attempts);
  dlg_stmt_bind_text (stmt, 3, message);
  dlg_stmt_bind_text (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, row->generation);
  if (status != 0)
    sqlite3_bind_int64 (stmt, 6, status);
  return dlg_store_step_done (store, stmt, error);
}

/**
 * dlg_sync_queue_put:
 * @body: (nullable): the body of a PUT; %NULL for a DELETE
 * @force: replace the row even when its body is the same (an explicit publication)
 * @changed: (out) (optional): whether a row was created or refreshed
 *
 * Queues the PUT or DELETE of an object, replacing what was queued for it.
 */
gboolean
dlg_sync_queue_put (DlgStore    *store,
                    const char  *type,
                    const char  *uuid,
                    const char  *path,
                    const char  *body,
                    gboolean     force,
                    gboolean    *changed,
                    GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_put, error);
  g_autofree char *now = dlg_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, type);
  dlg_stmt_bind_text (stmt, 2, uuid);
  dlg_stmt_bind_text (stmt, 3, body != NULL ? "PUT" : "DELETE");
  dlg_stmt_bind_text (stmt, 4, path);
  dlg_stmt_bind_text (stmt, 5, body);
  dlg_stmt_bind_text (stmt, 6, now);
  sqlite3_bind_int (stmt, 7, force);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (dlg_store_get_db (store)) > 0;
  return TRUE;
}

/**
 * dlg_sync_queue_post:
 * @idempotency_key: the key the site knows the action by, stored before the first send
 *
 * Queues a POST.
 */
gboolean
dlg_sync_queue_post (DlgStore    *store,
                     const char  *type,
                     const char  *uuid,
                     const char  *path,
                     const char  *body,
                     const char  *idempotency_key,
                     GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_post, error);
  g_autofree char *now = dlg_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, type);
  dlg_stmt_bind_text (stmt, 2, uuid);
  dlg_stmt_bind_text (stmt, 3, path);
  dlg_stmt_bind_text (stmt, 4, body);
  dlg_stmt_bind_text (stmt, 5, idempotency_key);
  dlg_stmt_bind_text (stmt, 6, now);
  return dlg_store_step_done (store, stmt, error);
}

/* Returns: the row's generation now, or -1 (with @error set when the store failed) */
gint64
dlg_sync_queue_get_generation (DlgStore  *store,
                               gint64     id,
                               GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_generation, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (store, stmt, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* The row was sent: drop it, unless it was queued again (another generation) meanwhile. */
gboolean
dlg_sync_queue_drop_if_same (DlgStore      *store,
                             DlgOutboxRow  *row,
                             GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_delete_if_same, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_int64 (stmt, 2, row->generation);
  return dlg_store_step_done (store, stmt, error);
}

/* A newer body waits: it goes with the ETag of the version the site just took. */
gboolean
dlg_sync_queue_expect_etag (DlgStore      *store,
                            DlgOutboxRow  *row,
                            const char    *etag,
                            GError       **error)
{
  return exec_on_row (store, sql_outbox_etag_expected, row->id, etag, error);
}

/* A conflict holds the row until the officer chooses. */
gboolean
dlg_sync_queue_hold (DlgStore      *store,
                     DlgOutboxRow  *row,
                     GError       **error)
{
  g_autofree char *now = dlg_now_iso8601 ();

  return exec_on_row (store, sql_outbox_set_conflict, row->id, now, error);
}

gboolean
dlg_sync_queue_resume (DlgStore  *store,
                       gint64     id,
                       GError   **error)
{
  g_autofree char *now = dlg_now_iso8601 ();

  return exec_on_row (store, sql_outbox_resume, id, now, error);
}

/**
 * dlg_sync_queue_dup_body_of:
 * @id: (out): the row's id, -1 when nothing is queued for the object
 *
 * Returns: (transfer full) (nullable): the body queued for the object (not a POST)
 */
char *
dlg_sync_queue_dup_body_of (DlgStore    *store,
                            const char  *type,
                            const char  *uuid,
                            gint64      *id)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_of_object, NULL);

  *id = -1;
  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, type);
  dlg_stmt_bind_text (stmt, 2, uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  *id = sqlite3_column_int64 (stmt, 0);
  return dlg_stmt_dup_text (stmt, 1);
}

gboolean
dlg_sync_queue_drop_object (DlgStore    *store,
                            const char  *type,
                            const char  *uuid,
                            GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_delete_object, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, type);
  dlg_stmt_bind_text (stmt, 2, uuid);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
exists (DlgStore    *store,
        const char  *sql,
        const char  *a,
        const char  *b,
        GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, a);
  if (b != NULL)
    dlg_stmt_bind_text (stmt, 2, b);
  return step_row (store, stmt, error);
}

/* Whether anything is queued for the object (@error set when the store failed). */
gboolean
dlg_sync_queue_has_object (DlgStore    *store,
                           const char  *type,
                           const char  *uuid,
                           GError     **error)
{
  return exists (store, sql_outbox_has_object, type, uuid, error);
}

gboolean
dlg_sync_queue_has_key (DlgStore    *store,
                        const char  *idempotency_key,
                        GError     **error)
{
  return exists (store, sql_outbox_has_key, idempotency_key, NULL, error);
}

/* Whether the site refused what was queued for the object. */
gboolean
dlg_sync_queue_is_refused (DlgStore    *store,
                           const char  *type,
                           const char  *uuid)
{
  return exists (store, sql_outbox_refused, type, uuid, NULL);
}

/**
 * dlg_sync_queue_list_refused_of_type:
 *
 * What dlg_sync_queue_is_refused() says of every object of @type, in one statement.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the uuids refused (a set), or %NULL with
 *   @error set
 */
GHashTable *
dlg_sync_queue_list_refused_of_type (DlgStore    *store,
                                     const char  *type,
                                     GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_refused_of_type, error);
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, type);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (uuids, dlg_stmt_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&uuids);
}

/* Returns: the rows waiting, those held by a conflict included, or -1 with @error set */
gint64
dlg_sync_queue_count_waiting (DlgStore  *store,
                              GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_count_waiting, error);

  if (stmt == NULL || !step_row (store, stmt, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Returns: the rows the site refused, waiting for the officer, or -1 with @error set */
gint64
dlg_sync_queue_count_refused (DlgStore  *store,
                              GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_count_refused, error);

  if (stmt == NULL || !step_row (store, stmt, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * dlg_sync_queue_retry_refused:
 * @id: the outbox row, 0 for every refused row
 * @n_retried: (out) (optional): how many rows go back in the queue
 *
 * Puts what the site refused back in the queue, as it is, for the next sync (the officer may
 * have corrected the object meanwhile: the row then carries its new version already).
 */
gboolean
dlg_sync_queue_retry_refused (DlgStore    *store,
                              gint64       id,
                              guint       *n_retried,
                              GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_retry_refused, error);
  g_autofree char *now = dlg_now_iso8601 ();
  guint n;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  dlg_stmt_bind_text (stmt, 2, now);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  n = (guint) sqlite3_changes (sqlite3_db_handle (stmt));
  if (n_retried != NULL)
    *n_retried = n;
  return TRUE;
}

/**
 * dlg_sync_queue_abandon:
 * @id: a refused outbox row
 * @actor: who abandons it
 * @abandoned: (out): whether the row was refused and is now abandoned
 *
 * Moves a refused row to outbox_abandoned, as it was. Call it inside a transaction.
 */
gboolean
dlg_sync_queue_abandon (DlgStore    *store,
                        gint64       id,
                        const char  *actor,
                        gboolean    *abandoned,
                        GError     **error)
{
  g_autoptr(DlgStmt) copy = dlg_store_prepare (store, sql_outbox_abandon_copy, error);
  g_autoptr(DlgStmt) del = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  *abandoned = FALSE;
  if (copy == NULL)
    return FALSE;
  sqlite3_bind_int64 (copy, 1, id);
  dlg_stmt_bind_text (copy, 2, actor);
  dlg_stmt_bind_text (copy, 3, now);
  if (!dlg_store_step_done (store, copy, error))
    return FALSE;
  if (sqlite3_changes (sqlite3_db_handle (copy)) == 0)
    return TRUE;
  g_clear_pointer (&copy, dlg_stmt_release);
  if (!(del = dlg_store_prepare (store, sql_outbox_abandon_delete, error)))
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!dlg_store_step_done (store, del, error))
    return FALSE;
  *abandoned = TRUE;
  return TRUE;
}

void
dlg_sync_refusal_free (DlgSyncRefusal *refusal)
{
  if (refusal == NULL)
    return;
  g_free (refusal->object_type);
  g_free (refusal->object_uuid);
  g_free (refusal->method);
  g_free (refusal->problem);
  g_free (refusal->title);
  g_free (refusal->refused_at);
  g_free (refusal->body);
  g_free (refusal);
}

/**
 * dlg_sync_queue_list_refused:
 *
 * Returns: (transfer full) (element-type DlgSyncRefusal): what the site refused and the
 *   officer has not sent again nor abandoned, oldest first (their titles unset)
 */
GPtrArray *
dlg_sync_queue_list_refused (DlgStore  *store,
                             GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_list_refused, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              dlg_sync_refusal_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgSyncRefusal *r = g_new0 (DlgSyncRefusal, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->object_type = dlg_stmt_dup_text (stmt, 1);
      r->object_uuid = dlg_stmt_dup_text (stmt, 2);
      r->method = dlg_stmt_dup_text (stmt, 3);
      r->status = (guint) sqlite3_column_int64 (stmt, 4);
      r->problem = dlg_stmt_dup_text (stmt, 5);
      r->refused_at = dlg_stmt_dup_text (stmt, 6);
      r->body = dlg_stmt_dup_text (stmt, 7);
      g_ptr_array_add (rows, r);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
