/* dlg-sync-run.c — one sync: discovery, push of the outbox, pull of the change feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push first, then pull. Beyond the inline retries of a request, an outbox row keeps its next
 * attempt time and the sync reports the error. 401 pauses the queue until a new token is set.
 * The sync state of each site (cursor, pause, last sync) is the sync_state table.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-sync-client-private.h"
#include "dlg-sync-registry.h"

static const char sql_state_ensure[] =
  "INSERT INTO sync_state (site_url, used_at) VALUES (?1, ?2)"
  " ON CONFLICT (site_url) DO UPDATE SET used_at = excluded.used_at";
static const char sql_state_read[] =
  "SELECT cursor, full_resync, auth_paused, last_sync_at, last_error FROM sync_state"
  "  WHERE site_url = ?1";
static const char sql_state_pause[] =
  "UPDATE sync_state SET auth_paused = ?2 WHERE site_url = ?1";
static const char sql_state_done[] =
  "UPDATE sync_state SET last_sync_at = ?2, last_error = NULL WHERE site_url = ?1";
static const char sql_state_error[] =
  "UPDATE sync_state SET last_error = ?2 WHERE site_url = ?1";
/* A practice site on this computer is the default only when there is no real one. */
static const char sql_state_default[] =
  "SELECT site_url FROM sync_state ORDER BY"
  "  (site_url LIKE 'http://127.0.0.1%' OR site_url LIKE 'http://localhost%'"
  "   OR site_url LIKE 'http://[::1]%'), used_at DESC LIMIT 1";

/* ------------------------------------------------------------------------------------------ */
/* Sync state in the database                                                                  */

static gboolean
state_exec (DlgStore    *store,
            const char  *sql,
            const char  *site_url,
            const char  *text,
            GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  dlg_stmt_bind_text (stmt, 2, text);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
state_set_paused (DlgStore    *store,
                  const char  *site_url,
                  gboolean     paused,
                  GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_state_pause, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  sqlite3_bind_int (stmt, 2, paused);
  return dlg_store_step_done (store, stmt, error);
}

/**
 * dlg_sync_get_default_site:
 *
 * Returns: (transfer full) (nullable): the site this database synced with last
 */
char *
dlg_sync_get_default_site (DlgStore  *store,
                           GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_state_default, error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return dlg_stmt_dup_text (stmt, 0);
  return NULL;
}

/**
 * dlg_sync_get_state:
 *
 * Reads what the last sync with @site_url left. Returns %FALSE (without an error) when this
 * database never synced with it.
 */
gboolean
dlg_sync_get_state (DlgStore    *store,
                    const char  *site_url,
                    char       **last_sync_at,
                    char       **last_error,
                    gboolean    *auth_paused,
                    GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_state_read, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (auth_paused != NULL)
    *auth_paused = sqlite3_column_int (stmt, 2) != 0;
  if (last_sync_at != NULL)
    *last_sync_at = dlg_stmt_dup_text (stmt, 3);
  if (last_error != NULL)
    *last_error = dlg_stmt_dup_text (stmt, 4);
  return TRUE;
}

/* HTTPS, or plain HTTP to this computer only (the practice site, tests): a bearer token never
 * crosses a network in clear. */
/**
 * dlg_sync_site_url_is_valid:
 *
 * Returns: %TRUE for an https:// address, or an http:// one on this computer
 */
gboolean
dlg_sync_site_url_is_valid (const char *site_url)
{
  g_autoptr(GUri) uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  if (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  host = g_uri_get_host (uri);
  return g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
         (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0 ||
          g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0);
}

/**
 * dlg_sync_site_url_check:
 * @site_url: an address the officer typed
 * @error: set to %DLG_SYNC_ERROR_NOT_CONFIGURED with a message for the officer
 *
 * Returns: whether @site_url is one the sync accepts (dlg_sync_site_url_is_valid())
 */
gboolean
dlg_sync_site_url_check (const char  *site_url,
                         GError     **error)
{
  g_return_val_if_fail (site_url != NULL, FALSE);

  if (dlg_sync_site_url_is_valid (site_url))
    return TRUE;
  g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
               _("“%s” is not a valid site address: it must start with https://."), site_url);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* The sync: discovery, push, pull                                                             */

typedef struct
{
  DlgSyncFlags  flags;
  GArray       *outbox_ids;
  guint         push_index;
  DlgOutboxRow *row;
  Request      *req;
  char         *cursor;
  gboolean      full_resync;
  gboolean      resync_restarted;
  guint         page_limit;
  guint         n_pages;
  guint         n_kept;         /* items of the site's changes applied in this sync */
  gint64        pull_started;   /* monotonic, µs */
  GHashTable   *cursors_seen;   /* of this pull: a cursor seen twice is a loop */
} SyncOp;

static void
sync_op_free (SyncOp *op)
{
  g_clear_pointer (&op->outbox_ids, g_array_unref);
  g_clear_pointer (&op->row, dlg_outbox_row_free);
  g_clear_pointer (&op->req, dlg_sync_request_free);
  g_free (op->cursor);
  g_clear_pointer (&op->cursors_seen, g_hash_table_unref);
  g_free (op);
}

static void
set_phase (DlgSyncClient *self,
           const char    *phase,
           double         fraction)
{
  if (g_strcmp0 (self->phase, phase) != 0)
    {
      self->phase = phase;
      dlg_sync_client_notify (self, PROP_PHASE);
    }
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      dlg_sync_client_notify (self, PROP_FRACTION);
    }
}

static void
bump (DlgSyncClient *self,
      guint         *counter,
      guint          by,
      DlgSyncClientProp prop)
{
  if (by == 0)
    return;
  *counter += by;
  dlg_sync_client_notify (self, prop);
}

static void
set_busy (DlgSyncClient *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  dlg_sync_client_notify (self, PROP_BUSY);
}

static void
sync_fail (GTask  *task,
           GError *error)
{
  DlgSyncClient *self = g_task_get_source_object (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state_exec (self->store, sql_state_error, self->site_url, error->message, NULL);
  set_phase (self, "idle", 0.0);
  set_busy (self, FALSE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
sync_done (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  g_autofree char *now = dlg_now_iso8601 ();

  state_exec (self->store, sql_state_done, self->site_url, now, NULL);
  set_phase (self, "idle", 1.0);
  set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
auth_refused (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);

  state_set_paused (self->store, self->site_url, TRUE, NULL);
  sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH,
                                _("The site %s refused the token (it may have expired or "
                                  "been revoked). Sync is paused until you enter a new "
                                  "token; your changes are kept."), self->site_url));
}

static void pull_next (GTask *task);
static void push_next (GTask *task);

/* Pull ------------------------------------------------------------------------------------- */

static void
pull_finish (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  guint applied = 0;

  if (!dlg_sync_apply_orphans (self->store, &applied, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  bump (self, &self->n_pulled, applied, PROP_N_PULLED);
  sync_done (task);
}

static void
pull_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgSyncPage) page = NULL;
  guint applied = 0;
  Request *req = op->req;

  if (!dlg_sync_request_finish (self, result, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }

  if (req->status == SOUP_STATUS_GONE)
    {
      if (op->cursor == NULL || op->resync_restarted)
        {
          sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                        _("The site refuses to list its changes even from the "
                                          "beginning (HTTP 410).")));
          return;
        }
      g_message ("The site's cursor expired: full resync");
      if (!dlg_sync_resync_begin (self->store, self->site_url, &error))
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      g_clear_pointer (&op->cursor, g_free);
      g_hash_table_remove_all (op->cursors_seen);
      op->full_resync = TRUE;
      op->resync_restarted = TRUE;
      pull_next (task);
      return;
    }
  if (req->status == SOUP_STATUS_UNAUTHORIZED)
    {
      auth_refused (task);
      return;
    }
  if (req->status != SOUP_STATUS_OK)
    {
      g_autofree char *text = dlg_sync_request_problem_text (req);

      sync_fail (task, g_error_new (DLG_SYNC_ERROR,
                                    req->status == SOUP_STATUS_FORBIDDEN
                                    ? DLG_SYNC_ERROR_FORBIDDEN : DLG_SYNC_ERROR_PROTOCOL,
                                    _("The site refused to list its changes: %s."), text));
      return;
    }

  page = dlg_sync_page_parse (req->response, op->page_limit, &error);
  if (page == NULL)
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (dlg_sync_page_get_has_more (page) &&
      (dlg_sync_page_get_n_items (page) == 0 ||
       g_strcmp0 (dlg_sync_page_get_next_cursor (page), op->cursor) == 0))
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                    _("The site's list of changes does not move forward; the "
                                      "sync stopped to avoid an endless loop.")));
      return;
    }
  if (dlg_sync_page_get_has_more (page) && dlg_sync_page_get_next_cursor (page) != NULL &&
      g_hash_table_contains (op->cursors_seen, dlg_sync_page_get_next_cursor (page)))
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_FEED_ENDLESS,
                                    _("The site's list of changes goes back to a place it has "
                                      "already given; the sync stopped to avoid an endless "
                                      "loop.")));
      return;
    }
  if (!dlg_sync_page_apply (self->store, page, self->site_url,
                            !op->full_resync ? DLG_SYNC_RESYNC_NONE
                            : (op->flags & DLG_SYNC_FLAGS_CONFIRM_MISSING)
                            ? DLG_SYNC_RESYNC_CONFIRMED : DLG_SYNC_RESYNC_FULL,
                            &applied, &error))
    {
      /* Each page is its own transaction: what came before the failing one is kept. */
      if (op->n_kept > 0)
        {
          g_autofree char *kept = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE,
                         "%u change received before it in this sync is kept; the next sync "
                         "goes on from there.",
                         "%u changes received before it in this sync are kept; the next sync "
                         "goes on from there.", op->n_kept), op->n_kept);

          sync_fail (task, g_error_new (error->domain, error->code, "%s %s", error->message,
                                        kept));
          return;
        }
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  op->n_kept += applied;
  op->n_pages++;
  if (dlg_sync_page_get_n_skipped (page) > 0)
    {
      guint n = dlg_sync_page_get_n_skipped (page);

      self->n_skipped += n;
      g_ptr_array_add (self->problems,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "The site sent %u change that cannot be "
                                                     "read (%s); it was skipped and recorded, "
                                                     "the rest was applied.",
                                                     "The site sent %u changes that cannot be "
                                                     "read (the first: %s); they were skipped "
                                                     "and recorded, the rest was applied.", n),
                                        n, dlg_sync_page_get_skip_reason (page)));
    }
  bump (self, &self->n_pulled, applied, PROP_N_PULLED);
  set_phase (self, "pull", 0.5 + 0.5 * (1.0 - 1.0 / (1.0 + op->n_pages)));
  g_free (op->cursor);
  op->cursor = g_strdup (dlg_sync_page_get_next_cursor (page));
  if (!dlg_sync_page_get_has_more (page))
    {
      op->full_resync = FALSE;
      pull_finish (task);
      return;
    }
  if (op->cursor != NULL)
    g_hash_table_add (op->cursors_seen, g_strdup (op->cursor));
  if (op->n_pages >= self->max_pull_pages ||
      g_get_monotonic_time () - op->pull_started >= (gint64) self->max_pull_seconds *
                                                     G_USEC_PER_SEC)
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_FEED_ENDLESS,
                                    _("The site's list of changes did not end after %u pages "
                                      "(%u s); the sync stopped. What was received is kept, "
                                      "and the next sync goes on from there."),
                                    op->n_pages,
                                    (guint) ((g_get_monotonic_time () - op->pull_started) /
                                             G_USEC_PER_SEC)));
      return;
    }
  pull_next (task);
}

static void
pull_next (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (op->cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (op->cursor, NULL, FALSE);

      path = g_strdup_printf (DLG_SYNC_API_PREFIX "changes?limit=%u&cursor=%s",
                              op->page_limit, escaped);
    }
  else
    path = g_strdup_printf (DLG_SYNC_API_PREFIX "changes?limit=%u", op->page_limit);

  g_clear_pointer (&op->req, dlg_sync_request_free);
  op->req = dlg_sync_request_new ("GET", path);
  dlg_sync_request_async (self, op->req, g_task_get_cancellable (task), pull_cb, task);
}

static void
pull_start (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = NULL;

  if (op->flags & DLG_SYNC_FLAGS_PUSH_ONLY)
    {
      sync_done (task);
      return;
    }
  set_phase (self, "pull", 0.5);
  op->pull_started = g_get_monotonic_time ();
  op->cursors_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = dlg_store_prepare (self->store, sql_state_read, &error);
  if (stmt == NULL)
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  dlg_stmt_bind_text (stmt, 1, self->site_url);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      op->cursor = dlg_stmt_dup_text (stmt, 0);
      op->full_resync = sqlite3_column_int (stmt, 1) != 0;
    }
  g_clear_pointer (&stmt, dlg_stmt_release);
  pull_next (task);
}

/* Push ------------------------------------------------------------------------------------- */

static gboolean
read_write_answer (Request     *req,
                   char       **etag,
                   gint64      *rev)
{
  g_autoptr(JsonObject) answer = NULL;

  *etag = g_strdup (req->etag);
  *rev = 0;
  if (req->response != NULL && g_bytes_get_size (req->response) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (req->response, &size);
      JsonNode *node;

      answer = dlg_sync_parse_object (data, size, NULL);
      if (answer == NULL)
        return *etag != NULL;
      node = json_object_get_member (answer, "rev");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_INT64)
        *rev = json_node_get_int (node);
      node = json_object_get_member (answer, "etag");
      if (*etag == NULL && node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        *etag = dlg_sync_strip_etag (json_node_get_string (node));
    }
  return TRUE;
}

static void
push_advance (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);

  op->push_index++;
  set_phase (self, "push", 0.5 * op->push_index / MAX (op->outbox_ids->len, 1));
  push_next (task);
}

static void
conflict_get_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) site = NULL;
  g_autofree char *site_json = NULL;
  Request *req = op->req;

  if (!dlg_sync_request_finish (self, result, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (req->status == SOUP_STATUS_UNAUTHORIZED)
    {
      auth_refused (task);
      return;
    }
  if (req->status == SOUP_STATUS_OK)
    {
      gsize size;
      const char *data = g_bytes_get_data (req->response, &size);
      JsonNode *inner;

      site = dlg_sync_parse_object (data != NULL ? data : "", size, &error);
      if (site == NULL)
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      /* Accept the object itself or an envelope holding it in "data". */
      inner = json_object_get_member (site, "data");
      if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner) &&
          !json_object_has_member (site, "title"))
        {
          JsonObject *o = json_object_ref (json_node_get_object (inner));

          json_object_unref (site);
          site = o;
        }
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), site);

        site_json = dlg_sync_json_to_string (node);
      }

      /* Our own earlier write (its answer was lost): nothing to ask the officer. */
      if (op->row->body != NULL)
        {
          g_autoptr(JsonObject) mine = dlg_sync_parse_object (op->row->body, -1, NULL);

          if (mine != NULL && dlg_sync_json_same (mine, site) && req->etag != NULL)
            {
              if (!dlg_outbox_sent (self->store, op->row, req->etag, 0, &error))
                {
                  sync_fail (task, g_steal_pointer (&error));
                  return;
                }
              bump (self, &self->n_pushed, 1, PROP_N_PUSHED);
              push_advance (task);
              return;
            }
        }
    }
  else if (req->status != SOUP_STATUS_NOT_FOUND && req->status != SOUP_STATUS_GONE)
    {
      g_autofree char *text = dlg_sync_request_problem_text (req);

      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                    _("The site's version of %s cannot be read: %s."),
                                    dlg_sync_object_label (op->row->object_type), text));
      return;
    }

  if (!dlg_outbox_conflict (self->store, op->row, site_json,
                            req->status == SOUP_STATUS_OK ? req->etag : NULL, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  bump (self, &self->n_conflicts, 1, PROP_N_CONFLICTS);
  push_advance (task);
}

static void
push_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) db_error = NULL;
  Request *req = op->req;
  DlgOutboxRow *row = op->row;
  guint status;

  if (!dlg_sync_request_finish (self, result, &error))
    {
      if (dlg_sync_error_is_transient (error))
        {
          gint64 next = g_get_real_time () / G_USEC_PER_SEC +
                        dlg_sync_backoff_delay_ms (self->backoff_base_ms, self->backoff_cap_ms,
                                                   row->attempts + req->n_attempts,
                                                   req->retry_after_ms) / 1000;

          dlg_outbox_retry_later (self->store, row, req->n_attempts, next, error->message,
                                  NULL);
        }
      sync_fail (task, g_steal_pointer (&error));
      return;
    }

  status = req->status;
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      dlg_outbox_retry_later (self->store, row, req->n_attempts, 0,
                              _("The token was refused."), NULL);
      auth_refused (task);
      return;
    }

  /* A 404 or 410 on a POST (a moderation decision) is not applied: a proxy can answer it,
   * and the contribution would stay public while the app shows it removed. */
  if (SOUP_STATUS_IS_SUCCESSFUL (status) ||
      (g_strcmp0 (row->method, "DELETE") == 0 &&
       (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)))
    {
      g_autofree char *etag = NULL;
      gint64 rev = 0;

      if (!read_write_answer (req, &etag, &rev) && g_strcmp0 (row->method, "PUT") == 0)
        {
          sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                        _("The site accepted %s but sent back no version "
                                          "tag."), dlg_sync_object_label (row->object_type)));
          return;
        }
      if (!dlg_outbox_sent (self->store, row, etag, rev, &db_error))
        {
          sync_fail (task, g_steal_pointer (&db_error));
          return;
        }
      bump (self, &self->n_pushed, 1, PROP_N_PUSHED);
      push_advance (task);
      return;
    }

  if (status == SOUP_STATUS_PRECONDITION_FAILED && g_strcmp0 (row->method, "POST") != 0)
    {
      const DlgSyncCollection *collection = dlg_sync_registry_lookup (row->object_type);
      g_autofree char *path = g_strconcat (DLG_SYNC_API_PREFIX, collection->collection, "/",
                                           row->object_uuid, NULL);

      g_clear_pointer (&op->req, dlg_sync_request_free);
      op->req = dlg_sync_request_new ("GET", path);
      dlg_sync_request_async (self, op->req, g_task_get_cancellable (task), conflict_get_cb, task);
      return;
    }

  /* 400, 403, 404, 413, 422…: the officer must look at it; other rows go on. */
  {
    g_autofree char *text = dlg_sync_request_problem_text (req);
    g_autofree char *message = NULL;

    if (g_strcmp0 (row->method, "POST") == 0 &&
        (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE))
      message = g_strdup_printf (_("The site did not apply %s (HTTP %u: %s); it is kept, to be "
                                   "sent again."), dlg_sync_object_label (row->object_type),
                                 status, text);
    else if (g_strcmp0 (row->method, "PUT") == 0 &&
             (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE))
      {
        /* Gone from the site (deleted there, or the site restored from an older backup): its
         * version there is forgotten, so that sending it again publishes it anew
         * (If-None-Match: *). */
        if (dlg_publication_has_type (row->object_type) &&
            !dlg_publication_set_etag (self->store, row->object_type, row->object_uuid, NULL,
                                       &db_error))
          {
            sync_fail (task, g_steal_pointer (&db_error));
            return;
          }
        message = g_strdup_printf (_("The site no longer has %s (deleted there, or the site was "
                                     "restored from an older backup). It is kept here: send it "
                                     "again to publish it anew."),
                                   dlg_sync_object_label (row->object_type));
      }
    else if (status == SOUP_STATUS_FORBIDDEN)
      message = g_strdup_printf (_("The token does not allow sending %s: %s. Ask the site's "
                                   "administrator for the missing permission."),
                                 dlg_sync_object_label (row->object_type), text);
    else
      message = g_strdup_printf (_("The site refused %s: %s. Correct it and publish it "
                                   "again."), dlg_sync_object_label (row->object_type), text);
    g_ptr_array_add (self->problems, g_strdup (message));
    if (!dlg_outbox_failed (self->store, row, req->n_attempts, status, message,
                            &db_error))
      {
        sync_fail (task, g_steal_pointer (&db_error));
        return;
      }
    bump (self, &self->n_rejected, 1, PROP_N_REJECTED);
    push_advance (task);
  }
}

static void
push_next (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (op->push_index >= op->outbox_ids->len)
    {
      pull_start (task);
      return;
    }

  g_clear_pointer (&op->row, dlg_outbox_row_free);
  op->row = dlg_outbox_load (self->store, g_array_index (op->outbox_ids, gint64, op->push_index),
                             &error);
  if (op->row == NULL)
    {
      if (error != NULL)
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      push_advance (task);    /* resolved or sent meanwhile */
      return;
    }

  g_clear_pointer (&op->req, dlg_sync_request_free);
  op->req = dlg_sync_request_new (g_intern_string (op->row->method), op->row->path);
  if (op->row->body != NULL)
    op->req->body = g_bytes_new (op->row->body, strlen (op->row->body));

  /* 409: the site is still applying an earlier sending (an Idempotency-Key in flight) or the
   * object is busy: retried with backoff like 429 and 5xx. */
  op->req->conflict_is_transient = TRUE;
  if (g_strcmp0 (op->row->method, "POST") == 0)
    dlg_sync_request_add_header (op->req, "Idempotency-Key", op->row->idempotency_key);
  else
    {
      etag = dlg_outbox_get_etag (self->store, op->row);
      if (etag != NULL)
        {
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", etag);

          dlg_sync_request_add_header (op->req, "If-Match", quoted);
        }
      else if (g_strcmp0 (op->row->method, "PUT") == 0)
        dlg_sync_request_add_header (op->req, "If-None-Match", "*");
    }
  dlg_sync_request_async (self, op->req, g_task_get_cancellable (task), push_cb, task);
}

static void
push_start (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (op->flags & DLG_SYNC_FLAGS_PULL_ONLY)
    {
      op->outbox_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      pull_start (task);
      return;
    }
  /* Edits made through the domain API come into the outbox first. */
  if (!dlg_sync_collect_changes (self->store, self->include_demo, NULL, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  op->outbox_ids = dlg_outbox_list_ids (self->store, (op->flags & DLG_SYNC_FLAGS_DUE_ONLY) != 0,
                                        &error);
  if (op->outbox_ids == NULL)
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  set_phase (self, "push", 0.0);
  push_next (task);
}

/* Discovery -------------------------------------------------------------------------------- */

static void
discovery_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  Request *req = op->req;
  JsonNode *node;
  gboolean ok = FALSE;

  if (!dlg_sync_request_finish (self, result, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (req->status == SOUP_STATUS_UNAUTHORIZED)
    {
      auth_refused (task);
      return;
    }
  if (req->status == SOUP_STATUS_OK)
    {
      gsize size;
      const char *data = g_bytes_get_data (req->response, &size);

      root = dlg_sync_parse_object (data != NULL ? data : "", size, &error);
      if (root == NULL)
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      node = json_object_get_member (root, "version");
      ok = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) == 1 &&
           g_strcmp0 (json_object_get_string_member_with_default (root, "protocol", ""),
                      "dialogue-sync") == 0;
    }
  if (!ok)
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                    _("%s does not look like a Dialogue site (sync protocol "
                                      "version 1). Check the address."), self->site_url));
      return;
    }

  op->page_limit = self->page_size;
  node = json_object_get_member (root, "page_limit");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *max = json_object_get_member (json_node_get_object (node), "max");

      if (max != NULL && JSON_NODE_HOLDS_VALUE (max) &&
          json_node_get_value_type (max) == G_TYPE_INT64 && json_node_get_int (max) > 0)
        op->page_limit = MIN (op->page_limit, (guint) MIN (json_node_get_int (max), 10000));
    }
  push_start (task);
}

void
dlg_sync_run_end (GTask  *task,
                  GError *error)
{
  if (error != NULL)
    sync_fail (task, error);
  else
    sync_done (task);
}

/* ------------------------------------------------------------------------------------------ */

/**
 * dlg_sync_state_touch:
 *
 * Records that this database syncs with @site_url, and lifts the pause a 401 put on it (a new
 * token was given).
 */
gboolean
dlg_sync_state_touch (DlgStore    *store,
                      const char  *site_url,
                      GError     **error)
{
  g_autofree char *now = dlg_now_iso8601 ();

  return state_exec (store, sql_state_ensure, site_url, now, error) &&
         state_set_paused (store, site_url, FALSE, error);
}

/* Runs one sync for @task (of a DlgSyncClient, which is not busy): checks the address, the
 * token and the pause, then discovery, push and pull. */
void
dlg_sync_run (GTask        *task,
              DlgSyncFlags  flags)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  SyncOp *op = g_new0 (SyncOp, 1);
  gboolean paused = FALSE;

  op->flags = flags;
  g_task_set_task_data (task, op, (GDestroyNotify) sync_op_free);
  set_busy (self, TRUE);

  if (!dlg_sync_site_url_check (self->site_url, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (!state_exec (self->store, sql_state_ensure, self->site_url, now, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (self->kind != DLG_SYNC_SITE_DIALOGUE)
    {
      dlg_sync_graphql_run (task, flags);
      return;
    }
  if (self->token == NULL)
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                                    _("No token for %s: enter the token the site's "
                                      "administrator gave you."), self->site_url));
      return;
    }
  dlg_sync_get_state (self->store, self->site_url, NULL, NULL, &paused, NULL);
  if (paused)
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH,
                                    _("Sync with %s is paused because the site refused the "
                                      "token. Enter a new token to resume."), self->site_url));
      return;
    }

  set_phase (self, "discovery", 0.0);
  op->req = dlg_sync_request_new ("GET", DLG_SYNC_API_PREFIX);
  dlg_sync_request_async (self, op->req, cancellable, discovery_cb, task);
}
