/* dlg-publication.c — which records the site is to have, and their sync bookkeeping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every statement here reads or writes a record for the push side of the sync, so that
 * src/sync keeps only its own tables (outbox, conflicts). The bodies are in
 * dlg-publication-json.c.
 */

#define G_LOG_DOMAIN "dlg-publication"

#include "config.h"

#include <stdarg.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-publication.h"
#include "dlg-publication-private.h"
#include "dlg-response.h"

/* ------------------------------------------------------------------------------------------ */
/* The response is published                                                                  */

/* Closing the response stage sets its publication date (dlg_stage_apply): from then on it is
 * public, and so are the commitments that come from it. */
static gboolean
published_at_publishes (const char *published_at)
{
  return published_at != NULL;
}

/**
 * dlg_response_is_published:
 *
 * The one rule for "the argued response is published", which the response view shows, the
 * stage rules hold to (a published response's stage is not reopened) and the sync follows (SQL
 * here calls it as `dlg_response_is_published (published_at)`).
 *
 * Returns: whether @response is public
 */
gboolean
dlg_response_is_published (DlgResponse *response)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (response), FALSE);

  return published_at_publishes (dlg_response_get_published_at (response));
}

static void
response_is_published_sql (sqlite3_context  *context,
                           int               argc,
                           sqlite3_value   **argv)
{
  const char *published_at = NULL;

  if (sqlite3_value_type (argv[0]) != SQLITE_NULL)
    published_at = (const char *) sqlite3_value_text (argv[0]);
  sqlite3_result_int (context, published_at_publishes (published_at));
}

/* dlg_store_prepare, with the rule registered on the store's connection first. */
static DlgStmt *
prepare (DlgStore    *store,
         const char  *sql,
         GError     **error)
{
  static const char key[] = "dlg-publication-functions";

  if (g_object_get_data (G_OBJECT (store), key) == NULL)
    {
      int rc = sqlite3_create_function_v2 (dlg_store_get_db (store), "dlg_response_is_published",
                                           1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                           response_is_published_sql, NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        return dlg_store_set_error (store, rc, error), NULL;
      g_object_set_data (G_OBJECT (store), key, GINT_TO_POINTER (1));
    }
  return dlg_store_prepare (store, sql, error);
}


/* @sql prepared with @uuid as ?1 and stepped onto its row; %NULL when there is none. */
static DlgStmt *
row_of_uuid (DlgStore    *store,
             const char  *sql,
             const char  *uuid)
{
  DlgStmt *stmt;

  if (sql == NULL || !(stmt = prepare (store, sql, NULL)))
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return dlg_stmt_release (stmt), NULL;
  return stmt;
}

/* Runs @sql with the @n texts that follow bound to ?1, ?2… (a text may be %NULL). */
static gboolean
run_texts (DlgStore  *store,
           const char *sql,
           GError   **error,
           guint      n,
           ...)
{
  g_autoptr(DlgStmt) stmt = prepare (store, sql, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    dlg_stmt_bind_text (stmt, i + 1, va_arg (args, const char *));
  va_end (args);
  return dlg_store_step_done (store, stmt, error);
}

gboolean
dlg_publication_not_found (GError     **error,
                           const char  *what)
{
  if (error != NULL && *error == NULL)
    g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("%s was not found."), what);
  return FALSE;
}

gboolean
dlg_publication_step_row (DlgStore      *store,
                          sqlite3_stmt  *stmt,
                          const char    *what,
                          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    dlg_store_set_error (store, rc, error);
  return rc == SQLITE_ROW || dlg_publication_not_found (error, what);
}

/* ------------------------------------------------------------------------------------------ */
/* What changed since the site last saw it                                                    */

/* Objects the officer changed since the site last saw them, that belong on the site: a
 * narrative once published, a response once published, the commitments of a published
 * response, a process page once its mandate is done (the question and the rules of the game
 * exist from then on) or once pushed. Those in conflict are included, so that the local
 * version kept for "keep mine" is the newest. Columns: uuid, process id, put, in conflict. */
static const char sql_changed_narrative[] =
  "SELECT n.uuid, 0, 1, n.sync_state = 'conflict' FROM narrative n"
  "  JOIN process p ON p.id = n.process_id"
  "  WHERE n.sync_state IN ('created', 'modified', 'conflict')"
  "  AND (n.state = 'published' OR n.etag IS NOT NULL) AND (?1 OR NOT p.is_demo)";
static const char sql_changed_response[] =
  "SELECT r.uuid, r.process_id, 1, r.sync_state = 'conflict' FROM response r"
  "  JOIN process p ON p.id = r.process_id"
  "  WHERE r.sync_state IN ('created', 'modified', 'conflict')"
  "  AND (dlg_response_is_published (r.published_at) OR r.etag IS NOT NULL)"
  "  AND (?1 OR NOT p.is_demo)";
static const char sql_changed_commitment[] =
  "SELECT c.uuid, 0, 1, c.sync_state = 'conflict' FROM commitment c"
  "  JOIN process p ON p.id = c.process_id"
  "  WHERE c.sync_state IN ('created', 'modified', 'conflict') AND (?1 OR NOT p.is_demo)"
  "  AND (c.etag IS NOT NULL OR EXISTS (SELECT 1 FROM response r"
  "    WHERE r.process_id = c.process_id AND dlg_response_is_published (r.published_at)))";
static const char sql_changed_process[] =
  "SELECT p.uuid, p.id, 1, p.sync_state = 'conflict' FROM process p"
  "  WHERE (?1 OR NOT p.is_demo) AND"
  "  ((p.sync_state IN ('modified', 'conflict') AND p.etag IS NOT NULL)"
  "   OR (p.etag IS NULL AND p.sync_state IN ('created', 'modified') AND EXISTS (SELECT 1"
  "    FROM stage_state s WHERE s.process_id = p.id AND s.stage = 'mandate'"
  "    AND s.state = 'done')))";
/* Follow-up items, in-person contributions and highlights: published (or a highlight set) → put;
 * no longer published but on the site → leave it. An in-person contribution goes once
 * moderated "published"; moderation events then hide or show it. */
static const char sql_changed_follow_up[] =
  "SELECT f.uuid, 0, f.published, f.sync_state = 'conflict' FROM follow_up f"
  "  JOIN process p ON p.id = f.process_id WHERE (?1 OR NOT p.is_demo) AND"
  "  ((f.published AND f.sync_state IN ('created', 'modified', 'conflict'))"
  "   OR (NOT f.published AND f.etag IS NOT NULL AND f.sync_state IN ('modified', 'conflict')))";
static const char sql_changed_contribution[] =
  "SELECT c.uuid, 0, 1, c.sync_state = 'conflict' FROM contribution c"
  "  JOIN process p ON p.id = c.process_id WHERE (?1 OR NOT p.is_demo)"
  "  AND c.channel <> 'online' AND c.kind <> 'registration'"
  "  AND c.sync_state IN ('created', 'modified', 'conflict')"
  "  AND (c.moderation = 'published' OR c.remote_rev IS NOT NULL)";
static const char sql_changed_highlight[] =
  "SELECT c.uuid, 0, a.highlighted <> 0, a.highlight_sync = 'conflict'"
  "  FROM contribution_annotation a"
  "  JOIN contribution c ON c.id = a.contribution_id JOIN process p ON p.id = c.process_id"
  "  WHERE (?1 OR NOT p.is_demo) AND a.highlight_sync IN ('modified', 'conflict')"
  "  AND (a.highlighted <> 0 OR a.highlight_etag IS NOT NULL)";

/* A moderation event of a contribution the site never had, and will not have with this sync,
 * has nothing to do there. */
static const char sql_unsent_moderation[] =
  "SELECT e.uuid, c.uuid, e.state, e.reason, e.decided_at FROM moderation_event e"
  "  JOIN contribution c ON c.id = e.contribution_id JOIN process p ON p.id = c.process_id"
  "  WHERE e.sync_state = 'created' AND (?1 OR NOT p.is_demo)"
  "  AND (c.channel = 'online' OR c.remote_rev IS NOT NULL OR (c.moderation = 'published'"
  "  AND c.kind <> 'registration'))";

/* ------------------------------------------------------------------------------------------ */
/* Each published type's bookkeeping                                                          */

#define SQL_GET_ETAG(t)   "SELECT etag FROM " t " WHERE uuid = ?1"
#define SQL_SET_SENT(t)   "UPDATE " t " SET etag = ?2, rev = max (rev, ?3), sync_state = ?4" \
                          " WHERE uuid = ?1"
#define SQL_SET_STATE(t)  "UPDATE " t " SET sync_state = ?2 WHERE uuid = ?1"
#define SQL_SET_ETAG(t)   "UPDATE " t " SET etag = ?2 WHERE uuid = ?1"
#define SQL_MARK_LOCAL(t) "UPDATE " t " SET sync_state = CASE WHEN sync_state = 'conflict'" \
                          " THEN 'conflict' WHEN etag IS NULL THEN 'created'" \
                          " ELSE 'modified' END WHERE uuid = ?1"
/* The status columns (wanted, on site, synced) over @from, whose record is t. */
#define SQL_STATUS(columns, from) \
  "SELECT " columns " FROM " from " WHERE t.uuid = ?1", \
  "SELECT t.uuid, " columns " FROM " from " WHERE t.process_id = ?1"
#define HIGHLIGHT_OF_UUID \
  " WHERE contribution_id = (SELECT id FROM contribution WHERE uuid = ?1)"

typedef struct
{
  const char *type;
  const char *sql_changed;
  const char *sql_get_etag;
  const char *sql_set_sent;
  const char *sql_set_state;
  const char *sql_set_etag;
  const char *sql_mark_local;
  /* What a DELETE the site confirmed does locally. A follow-up item or a highlight that left
   * the site (unpublished) stays in the app, no longer on the site. */
  const char *sql_confirm_deleted;
  const char *sql_title;
  /* What the officer wants public, whether the site has a version, and whether that version is
   * the app's: of one record (by uuid), and of every record of a process (uuid first); NULL for
   * the types the views do not ask about. */
  const char *sql_status;
  const char *sql_statuses;
} Published;

static const Published published[] = {
  { "process", sql_changed_process,
    SQL_GET_ETAG ("process"), SQL_SET_SENT ("process"), SQL_SET_STATE ("process"),
    SQL_SET_ETAG ("process"), SQL_MARK_LOCAL ("process"),
    "DELETE FROM process WHERE uuid = ?1",
    "SELECT title FROM process WHERE uuid = ?1",
    NULL, NULL },
  { "narrative", sql_changed_narrative,
    SQL_GET_ETAG ("narrative"), SQL_SET_SENT ("narrative"), SQL_SET_STATE ("narrative"),
    SQL_SET_ETAG ("narrative"), SQL_MARK_LOCAL ("narrative"),
    "DELETE FROM narrative WHERE uuid = ?1",
    "SELECT title FROM narrative WHERE uuid = ?1",
    SQL_STATUS ("t.state = 'published', t.etag IS NOT NULL, t.sync_state = 'synced'",
                "narrative t") },
  { "response", sql_changed_response,
    SQL_GET_ETAG ("response"), SQL_SET_SENT ("response"), SQL_SET_STATE ("response"),
    SQL_SET_ETAG ("response"), SQL_MARK_LOCAL ("response"),
    "DELETE FROM response WHERE uuid = ?1",
    "SELECT intro FROM response WHERE uuid = ?1",
    SQL_STATUS ("dlg_response_is_published (t.published_at), t.etag IS NOT NULL,"
                "  t.sync_state = 'synced'", "response t") },
  { "commitment", sql_changed_commitment,
    SQL_GET_ETAG ("commitment"), SQL_SET_SENT ("commitment"), SQL_SET_STATE ("commitment"),
    SQL_SET_ETAG ("commitment"), SQL_MARK_LOCAL ("commitment"),
    "DELETE FROM commitment WHERE uuid = ?1",
    "SELECT title FROM commitment WHERE uuid = ?1",
    NULL, NULL },
  { "follow_up", sql_changed_follow_up,
    SQL_GET_ETAG ("follow_up"), SQL_SET_SENT ("follow_up"), SQL_SET_STATE ("follow_up"),
    SQL_SET_ETAG ("follow_up"), SQL_MARK_LOCAL ("follow_up"),
    "UPDATE follow_up SET etag = NULL, rev = 0, published = 0, sync_state = 'synced'"
    "  WHERE uuid = ?1 AND sync_state = 'deleted'",
    "SELECT title FROM follow_up WHERE uuid = ?1",
    SQL_STATUS ("t.published, t.etag IS NOT NULL, t.sync_state = 'synced'", "follow_up t") },
  /* The site's ETag is its rev, which the contribution already keeps (remote_rev). */
  { "contribution", sql_changed_contribution,
    "SELECT CAST (remote_rev AS TEXT) FROM contribution WHERE uuid = ?1",
    "UPDATE contribution SET remote_rev = max (coalesce (remote_rev, 0), ?3,"
    "  coalesce (CAST (?2 AS INTEGER), 0)), sync_state = ?4 WHERE uuid = ?1",
    SQL_SET_STATE ("contribution"),
    "UPDATE contribution SET remote_rev = CAST (?2 AS INTEGER) WHERE uuid = ?1",
    "UPDATE contribution SET sync_state = CASE WHEN sync_state = 'conflict' THEN 'conflict'"
    "  WHEN remote_rev IS NULL THEN 'created' ELSE 'modified' END WHERE uuid = ?1",
    "DELETE FROM contribution WHERE uuid = ?1",
    "SELECT title FROM contribution WHERE uuid = ?1",
    SQL_STATUS ("t.moderation = 'published' AND t.kind <> 'registration',"
                "  t.remote_rev IS NOT NULL, t.sync_state = 'synced' AND NOT EXISTS (SELECT 1"
                "  FROM moderation_event e WHERE e.contribution_id = t.id"
                "  AND e.sync_state = 'created')", "contribution t") },
  { "highlight", sql_changed_highlight,
    "SELECT highlight_etag FROM contribution_annotation" HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_etag = ?2, highlight_sync = ?4"
    HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_sync = ?2" HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_etag = ?2" HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_sync = CASE WHEN highlight_sync = 'conflict'"
    "  THEN 'conflict' ELSE 'modified' END" HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_etag = NULL, highlighted = 0,"
    "  highlight_sync = 'synced'" HIGHLIGHT_OF_UUID " AND highlight_sync = 'deleted'",
    "SELECT title FROM contribution WHERE uuid = ?1",
    SQL_STATUS ("coalesce (a.highlighted, 0), a.highlight_etag IS NOT NULL,"
                "  coalesce (a.highlight_sync, 'synced') = 'synced'",
                "contribution t LEFT JOIN contribution_annotation a ON a.contribution_id = t.id") },
};

static const Published *
lookup (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    if (g_strcmp0 (published[i].type, type) == 0)
      return &published[i];
  return NULL;
}

static const Published *
lookup_or_fail (const char  *type,
                GError     **error)
{
  const Published *p = lookup (type);

  if (p == NULL)
    g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                 _("“%s” is not something that is published on the site."), type);
  return p;
}

/* ------------------------------------------------------------------------------------------ */
/* Records written for the push or from the site                                              */

static const char sql_narrative_find_uuid[] =
  "SELECT uuid FROM narrative WHERE process_id = ?1 AND uuid = ?2";
static const char sql_narrative_find_title[] =
  "SELECT uuid FROM narrative WHERE process_id = ?1 AND title = ?2 ORDER BY id LIMIT 1";
static const char sql_narrative_insert[] =
  "INSERT INTO narrative (uuid, process_id, stage, title, body_md, state, published_at,"
  "  updated_at, sync_state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'created')";
static const char sql_narrative_publish[] =
  "UPDATE narrative SET title = ?2, body_md = ?3, state = 'published',"
  "  published_at = coalesce (published_at, ?4), updated_at = ?4 WHERE uuid = ?1";
static const char sql_narrative_apply[] =
  "UPDATE narrative SET title = ?2, body_md = ?3, state = ?4, stage = ?5, published_at = ?6,"
  "  updated_at = ?7 WHERE uuid = ?1";
static const char sql_narrative_copy[] =
  "INSERT INTO narrative (uuid, process_id, stage, title, body_md, state, published_at,"
  "  updated_at, sync_state)"
  "  SELECT ?2, process_id, ?3, ?4, ?5, ?6, ?7, ?8, 'created' FROM narrative WHERE uuid = ?1";
static const char sql_process_apply[] =
  "UPDATE process SET title = ?2, summary = ?3, updated_at = ?4 WHERE uuid = ?1";
static const char sql_response_apply[] =
  "UPDATE response SET intro = ?2, published_at = ?3 WHERE uuid = ?1";
static const char sql_commitment_apply[] =
  "UPDATE commitment SET title = ?2, department = ?3, due_date = ?4, status = ?5,"
  "  progress = ?6 WHERE uuid = ?1";
static const char sql_commitment_copy[] =
  "INSERT INTO commitment (uuid, process_id, position_id, title, department, due_date, status,"
  "  progress, created_at, sync_state)"
  "  SELECT ?2, process_id, position_id, ?3, department, due_date, status, progress, ?4,"
  "  'created' FROM commitment WHERE uuid = ?1";
static const char sql_follow_up_apply[] =
  "UPDATE follow_up SET kind = ?2, dated = ?3, title = ?4, body = ?5 WHERE uuid = ?1";
static const char sql_contribution_apply[] =
  "UPDATE contribution SET title = ?2, body = ?3, author_ref = ?4 WHERE uuid = ?1";
static const char sql_highlight_apply[] =
  "UPDATE contribution_annotation SET highlighted = 1" HIGHLIGHT_OF_UUID;
static const char sql_contribution_for_moderation[] =
  "SELECT id, process_id FROM contribution WHERE uuid = ?1";
static const char sql_moderation_insert[] =
  "INSERT INTO moderation_event (uuid, contribution_id, state, reason, decided_at, actor)"
  "  VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_contribution_moderate[] =
  "UPDATE contribution SET moderation = ?2, moderation_reason = ?3 WHERE id = ?1";
static const char sql_moderation_sent[] =
  "UPDATE moderation_event SET sync_state = 'synced' WHERE uuid = ?1";
static const char sql_contribution_remote_rev[] =
  "UPDATE contribution SET remote_rev = ?2 WHERE uuid = ?1"
  "  AND (remote_rev IS NULL OR remote_rev < ?2)";

/* ------------------------------------------------------------------------------------------ */
/* Changes                                                                                     */

void
dlg_publication_change_free (DlgPublicationChange *change)
{
  if (change == NULL)
    return;
  g_free (change->uuid);
  g_free (change);
}

void
dlg_moderation_event_free (DlgModerationEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->uuid);
  g_free (event->contribution_uuid);
  g_free (event->state);
  g_free (event->reason);
  g_free (event->decided_at);
  g_free (event);
}

/**
 * dlg_publication_list_changed:
 * @type: a published type
 * @include_demo: also the demo processes (training mode, on the practice site)
 *
 * Lists the records of @type that the site is to have (again), or is to drop, because they
 * changed since it last saw them.
 *
 * Returns: (transfer full) (element-type DlgPublicationChange): the changes, or %NULL with
 *   @error set
 */
GPtrArray *
dlg_publication_list_changed (DlgStore    *store,
                              const char  *type,
                              gboolean     include_demo,
                              GError     **error)
{
  const Published *p = lookup_or_fail (type, error);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (p == NULL || !(stmt = prepare (store, p->sql_changed, error)))
    return NULL;
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_publication_change_free);
  sqlite3_bind_int (stmt, 1, include_demo);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgPublicationChange *change = g_new0 (DlgPublicationChange, 1);

      change->uuid = dlg_stmt_dup_text (stmt, 0);
      change->process_id = sqlite3_column_int64 (stmt, 1);
      change->put = sqlite3_column_int (stmt, 2) != 0;
      change->in_conflict = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&changes);
}

/**
 * dlg_publication_list_unsent_moderation:
 *
 * Returns: (transfer full) (element-type DlgModerationEvent): the moderation decisions not yet
 *   sent, of contributions the site has or is about to have, or %NULL with @error set
 */
GPtrArray *
dlg_publication_list_unsent_moderation (DlgStore  *store,
                                        gboolean   include_demo,
                                        GError   **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = prepare (store, sql_unsent_moderation, error)))
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_moderation_event_free);
  sqlite3_bind_int (stmt, 1, include_demo);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgModerationEvent *event = g_new0 (DlgModerationEvent, 1);

      event->uuid = dlg_stmt_dup_text (stmt, 0);
      event->contribution_uuid = dlg_stmt_dup_text (stmt, 1);
      event->state = dlg_stmt_dup_text (stmt, 2);
      event->reason = dlg_stmt_dup_text (stmt, 3);
      event->decided_at = dlg_stmt_dup_text (stmt, 4);
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&events);
}

/* ------------------------------------------------------------------------------------------ */
/* Bookkeeping                                                                                 */

/**
 * dlg_publication_has_type:
 *
 * Returns: whether @type names a published type
 */
gboolean
dlg_publication_has_type (const char *type)
{
  return lookup (type) != NULL;
}

/**
 * dlg_publication_get_etag:
 * @etag: (out) (transfer full): the ETag of the site's version, %NULL when it has none
 *
 * Returns: whether the record exists
 */
gboolean
dlg_publication_get_etag (DlgStore    *store,
                          const char  *type,
                          const char  *uuid,
                          char       **etag)
{
  const Published *p = lookup (type);
  g_autoptr(DlgStmt) stmt = p != NULL ? row_of_uuid (store, p->sql_get_etag, uuid) : NULL;

  *etag = stmt != NULL ? dlg_stmt_dup_text (stmt, 0) : NULL;
  return stmt != NULL;
}

/**
 * dlg_publication_set_sent:
 * @sync_state: "synced", or "modified" when it changed again while on its way
 *
 * Records that the site took the record, at @etag and @rev.
 */
gboolean
dlg_publication_set_sent (DlgStore    *store,
                          const char  *type,
                          const char  *uuid,
                          const char  *etag,
                          gint64       rev,
                          const char  *sync_state,
                          GError     **error)
{
  const Published *p = lookup_or_fail (type, error);
  g_autoptr(DlgStmt) stmt = NULL;

  if (p == NULL || !(stmt = prepare (store, p->sql_set_sent, error)))
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, etag);
  sqlite3_bind_int64 (stmt, 3, rev);
  dlg_stmt_bind_text (stmt, 4, sync_state);
  return dlg_store_step_done (store, stmt, error);
}

gboolean
dlg_publication_set_sync_state (DlgStore    *store,
                                const char  *type,
                                const char  *uuid,
                                const char  *sync_state,
                                GError     **error)
{
  const Published *p = lookup_or_fail (type, error);

  return p != NULL && run_texts (store, p->sql_set_state, error, 2, uuid, sync_state);
}

gboolean
dlg_publication_set_etag (DlgStore    *store,
                          const char  *type,
                          const char  *uuid,
                          const char  *etag,
                          GError     **error)
{
  const Published *p = lookup_or_fail (type, error);

  return p != NULL && run_texts (store, p->sql_set_etag, error, 2, uuid, etag);
}

/**
 * dlg_publication_mark_local:
 *
 * Marks the record created (the site never had it) or modified, unless it is in conflict.
 */
gboolean
dlg_publication_mark_local (DlgStore    *store,
                            const char  *type,
                            const char  *uuid,
                            GError     **error)
{
  const Published *p = lookup_or_fail (type, error);

  return p != NULL && run_texts (store, p->sql_mark_local, error, 1, uuid);
}

/**
 * dlg_publication_confirm_deleted:
 *
 * The site no longer has the record: delete it, or for what only leaves the site (a follow-up
 * item or a highlight withdrawn), forget the site's version.
 */
gboolean
dlg_publication_confirm_deleted (DlgStore    *store,
                                 const char  *type,
                                 const char  *uuid,
                                 GError     **error)
{
  const Published *p = lookup_or_fail (type, error);

  return p != NULL && run_texts (store, p->sql_confirm_deleted, error, 1, uuid);
}

/**
 * dlg_publication_dup_title:
 *
 * Returns: (transfer full) (nullable): a label for the record (its title)
 */
char *
dlg_publication_dup_title (DlgStore    *store,
                           const char  *type,
                           const char  *uuid)
{
  const Published *p = lookup (type);
  g_autoptr(DlgStmt) stmt = p != NULL ? row_of_uuid (store, p->sql_title, uuid) : NULL;

  return stmt != NULL ? dlg_stmt_dup_text (stmt, 0) : NULL;
}

/**
 * dlg_publication_get_status:
 * @wanted: (out): the officer wants it public
 * @on_site: (out): the site has a version
 * @synced: (out): the site's version is the app's
 *
 * Returns: %FALSE for an unknown record, or a type the views do not ask about
 */
gboolean
dlg_publication_get_status (DlgStore    *store,
                            const char  *type,
                            const char  *uuid,
                            gboolean    *wanted,
                            gboolean    *on_site,
                            gboolean    *synced)
{
  const Published *p = lookup (type);
  g_autoptr(DlgStmt) stmt = p != NULL ? row_of_uuid (store, p->sql_status, uuid) : NULL;

  *wanted = stmt != NULL && sqlite3_column_int (stmt, 0) != 0;
  *on_site = stmt != NULL && sqlite3_column_int (stmt, 1) != 0;
  *synced = stmt != NULL && sqlite3_column_int (stmt, 2) != 0;
  return stmt != NULL;
}

/**
 * dlg_publication_list_status:
 * @type: a type the views ask about (dlg_publication_get_status)
 *
 * What dlg_publication_get_status() says of each record of @type in the process, in one
 * statement: for the lists that show it per row.
 *
 * Returns: (transfer full) (element-type utf8 DlgPublicationStatus): uuid → the status flags
 *   (GUINT_TO_POINTER); %NULL with @error set
 */
GHashTable *
dlg_publication_list_status (DlgStore    *store,
                             const char  *type,
                             gint64       process_id,
                             GError     **error)
{
  const Published *p = lookup_or_fail (type, error);
  g_autoptr(GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (p == NULL)
    return NULL;
  if (p->sql_statuses == NULL)
    return g_steal_pointer (&statuses);
  if (!(stmt = prepare (store, p->sql_statuses, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgPublicationStatus status = DLG_PUBLICATION_FOUND;

      if (sqlite3_column_int (stmt, 1) != 0)
        status |= DLG_PUBLICATION_WANTED;
      if (sqlite3_column_int (stmt, 2) != 0)
        status |= DLG_PUBLICATION_ON_SITE;
      if (sqlite3_column_int (stmt, 3) != 0)
        status |= DLG_PUBLICATION_SYNCED;
      g_hash_table_insert (statuses, dlg_stmt_dup_text (stmt, 0), GUINT_TO_POINTER (status));
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&statuses);
}

/**
 * dlg_publication_moderation_sent:
 * @rev: the contribution's rev on the site after it, or 0
 *
 * Records that the site applied the moderation decision @event_uuid.
 */
gboolean
dlg_publication_moderation_sent (DlgStore    *store,
                                 const char  *event_uuid,
                                 const char  *contribution_uuid,
                                 gint64       rev,
                                 GError     **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  if (!run_texts (store, sql_moderation_sent, error, 1, event_uuid))
    return FALSE;
  if (rev <= 0)
    return TRUE;
  if (!(stmt = prepare (store, sql_contribution_remote_rev, error)))
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, contribution_uuid);
  sqlite3_bind_int64 (stmt, 2, rev);
  return dlg_store_step_done (store, stmt, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Publishing and moderating                                                                   */

/**
 * dlg_publication_save_narrative:
 * @narrative_uuid: (nullable): the narrative to update; %NULL for the narrative of the process
 *   with the same title, or a new one
 *
 * Creates or updates a published narrative and journals it, in the caller's transaction. The
 * caller checks the title and text and queues the narrative.
 *
 * Returns: (transfer full): the narrative's uuid, or %NULL with @error set
 */
char *
dlg_publication_save_narrative (DlgStore    *store,
                                gint64       process_id,
                                const char  *narrative_uuid,
                                const char  *title,
                                const char  *body_md,
                                GError     **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;

  {
    g_autoptr(DlgStmt) stmt = prepare (store, narrative_uuid != NULL ? sql_narrative_find_uuid
                                                                     : sql_narrative_find_title,
                                       error);
    int rc;

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    dlg_stmt_bind_text (stmt, 2, narrative_uuid != NULL ? narrative_uuid : title);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      uuid = dlg_stmt_dup_text (stmt, 0);
    else if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
    else if (narrative_uuid != NULL)
      return dlg_publication_not_found (error, _("The narrative")), NULL;
  }
  if (uuid == NULL)
    {
      g_autoptr(DlgStmt) stmt = prepare (store, sql_narrative_insert, error);

      uuid = dlg_uuid_new ();
      if (stmt == NULL)
        return NULL;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, process_id);
      dlg_stmt_bind_text (stmt, 3, NULL);
      dlg_stmt_bind_text (stmt, 4, title);
      dlg_stmt_bind_text (stmt, 5, body_md);
      dlg_stmt_bind_text (stmt, 6, "published");
      dlg_stmt_bind_text (stmt, 7, now);
      dlg_stmt_bind_text (stmt, 8, now);
      if (!dlg_store_step_done (store, stmt, error))
        return NULL;
    }
  else
    {
      g_autoptr(DlgStmt) stmt = prepare (store, sql_narrative_publish, error);

      if (stmt == NULL)
        return NULL;
      dlg_stmt_bind_text (stmt, 1, uuid);
      dlg_stmt_bind_text (stmt, 2, title);
      dlg_stmt_bind_text (stmt, 3, body_md);
      dlg_stmt_bind_text (stmt, 4, now);
      if (!dlg_store_step_done (store, stmt, error))
        return NULL;
    }
  /* TRANSLATORS: journal entry; %s is the title of a narrative */
  summary = g_strdup_printf (_("Narrative published: %s"), title);
  if (!dlg_journal_append (store, process_id, "publish", "narrative", uuid, summary, error))
    return NULL;
  return g_steal_pointer (&uuid);
}

/**
 * dlg_publication_record_moderation:
 * @event: the decision: its uuid, contribution, state, reason (not %NULL) and date
 * @process_id: (out): the contribution's process
 *
 * Records a moderation decision as an event, applies it to the contribution and journals it,
 * in the caller's transaction. The caller checks the state and queues the event.
 */
gboolean
dlg_publication_record_moderation (DlgStore                  *store,
                                   const DlgModerationEvent  *event,
                                   gint64                    *process_id,
                                   GError                   **error)
{
  g_autofree char *summary = NULL;
  gint64 contribution_id;

  {
    g_autoptr(DlgStmt) stmt = prepare (store, sql_contribution_for_moderation, error);

    if (stmt == NULL)
      return FALSE;
    dlg_stmt_bind_text (stmt, 1, event->contribution_uuid);
    if (!dlg_publication_step_row (store, stmt, _("The contribution"), error))
      return FALSE;
    contribution_id = sqlite3_column_int64 (stmt, 0);
    *process_id = sqlite3_column_int64 (stmt, 1);
  }
  {
    g_autoptr(DlgStmt) stmt = prepare (store, sql_moderation_insert, error);

    if (stmt == NULL)
      return FALSE;
    dlg_stmt_bind_text (stmt, 1, event->uuid);
    sqlite3_bind_int64 (stmt, 2, contribution_id);
    dlg_stmt_bind_text (stmt, 3, event->state);
    dlg_stmt_bind_text (stmt, 4, event->reason);
    dlg_stmt_bind_text (stmt, 5, event->decided_at);
    dlg_stmt_bind_text (stmt, 6, dlg_store_get_actor (store));
    if (!dlg_store_step_done (store, stmt, error))
      return FALSE;
  }
  {
    g_autoptr(DlgStmt) stmt = prepare (store, sql_contribution_moderate, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, contribution_id);
    dlg_stmt_bind_text (stmt, 2, event->state);
    dlg_stmt_bind_text (stmt, 3, *event->reason != '\0' ? event->reason : NULL);
    if (!dlg_store_step_done (store, stmt, error))
      return FALSE;
  }
  /* TRANSLATORS: journal entry; %s is pending, published or trashed */
  summary = g_strdup_printf (_("Moderation of a contribution: %s"), event->state);
  return dlg_journal_append (store, *process_id, "moderate", "contribution",
                             event->contribution_uuid, summary, error);
}

/* ------------------------------------------------------------------------------------------ */
/* The site's version, the local one as a copy                                                 */

/* Only the title and summary of a process come back from the site: the stage fields, features
 * and timeline stay the officer's, who pushes them again with "keep mine" if needed. */
gboolean
dlg_publication_apply_process (DlgStore    *store,
                               const char  *uuid,
                               const char  *title,
                               const char  *summary,
                               GError     **error)
{
  g_autofree char *now = dlg_now_iso8601 ();

  return run_texts (store, sql_process_apply, error, 4, uuid, title,
                    summary != NULL ? summary : "", now);
}

gboolean
dlg_publication_apply_narrative (DlgStore    *store,
                                 const char  *uuid,
                                 const char  *title,
                                 const char  *body_md,
                                 const char  *state,
                                 const char  *stage,
                                 const char  *published_at,
                                 GError     **error)
{
  g_autofree char *now = dlg_now_iso8601 ();

  return run_texts (store, sql_narrative_apply, error, 7, uuid, title, body_md, state, stage,
                    published_at, now);
}

/**
 * dlg_publication_copy_narrative:
 * @uuid: the narrative in conflict
 * @title: the copy's title
 *
 * Returns: (transfer full): the uuid of a new narrative of the same process with these values,
 *   or %NULL with @error set
 */
char *
dlg_publication_copy_narrative (DlgStore    *store,
                                const char  *uuid,
                                const char  *title,
                                const char  *body_md,
                                const char  *state,
                                const char  *stage,
                                const char  *published_at,
                                GError     **error)
{
  g_autofree char *new_uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();

  if (!run_texts (store, sql_narrative_copy, error, 8, uuid, new_uuid, stage, title, body_md,
                  state, published_at, now))
    return NULL;
  return g_steal_pointer (&new_uuid);
}

/* The positions are the officer's (they went through validation): only the introduction and
 * the publication date come back from the site. */
gboolean
dlg_publication_apply_response (DlgStore    *store,
                                const char  *uuid,
                                const char  *intro,
                                const char  *published_at,
                                GError     **error)
{
  return run_texts (store, sql_response_apply, error, 3, uuid, intro, published_at);
}

gboolean
dlg_publication_apply_commitment (DlgStore    *store,
                                  const char  *uuid,
                                  const char  *title,
                                  const char  *department,
                                  const char  *due_date,
                                  const char  *status,
                                  gint64       progress,
                                  GError     **error)
{
  g_autoptr(DlgStmt) stmt = prepare (store, sql_commitment_apply, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, title);
  dlg_stmt_bind_text (stmt, 3, department != NULL ? department : "");
  dlg_stmt_bind_text (stmt, 4, due_date);
  dlg_stmt_bind_text (stmt, 5, status);
  sqlite3_bind_int64 (stmt, 6, progress);
  return dlg_store_step_done (store, stmt, error);
}

/**
 * dlg_publication_copy_commitment:
 * @uuid: the commitment in conflict
 * @title: the copy's title
 *
 * Returns: (transfer full): the uuid of a new commitment with the other values of @uuid as they
 *   are, or %NULL with @error set
 */
char *
dlg_publication_copy_commitment (DlgStore    *store,
                                 const char  *uuid,
                                 const char  *title,
                                 GError     **error)
{
  g_autofree char *new_uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();

  if (!run_texts (store, sql_commitment_copy, error, 4, uuid, new_uuid, title, now))
    return NULL;
  return g_steal_pointer (&new_uuid);
}

gboolean
dlg_publication_apply_follow_up (DlgStore    *store,
                                 const char  *uuid,
                                 const char  *kind,
                                 const char  *dated,
                                 const char  *title,
                                 const char  *body,
                                 GError     **error)
{
  return run_texts (store, sql_follow_up_apply, error, 5, uuid, kind, dated, title,
                    body != NULL ? body : "");
}

gboolean
dlg_publication_apply_contribution (DlgStore    *store,
                                    const char  *uuid,
                                    const char  *title,
                                    const char  *body,
                                    const char  *author_ref,
                                    GError     **error)
{
  return run_texts (store, sql_contribution_apply, error, 4, uuid, title != NULL ? title : "",
                    body != NULL ? body : "", author_ref != NULL ? author_ref : "");
}

gboolean
dlg_publication_apply_highlight (DlgStore    *store,
                                 const char  *uuid,
                                 GError     **error)
{
  return run_texts (store, sql_highlight_apply, error, 1, uuid);
}
