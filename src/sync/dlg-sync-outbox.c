/* dlg-sync-outbox.c — what waits to be pushed to the site, adapters and conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PUT carries the body built when the officer made the change; enqueueing the same object
 * again replaces that body and bumps the row's generation, so that the answer to an older body
 * never marks a newer edit as sent. The ETag that goes into If-Match is read from the object
 * when the row is sent: a row that waited through a conflict resolution uses the new one.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-commitment.h"
#include "dlg-contribution.h"
#include "dlg-error.h"
#include "dlg-follow-up.h"
#include "dlg-journal.h"
#include "dlg-json.h"
#include "dlg-narrative.h"
#include "dlg-process.h"
#include "dlg-profile.h"
#include "dlg-response.h"
#include "dlg-sync-private.h"
#include "dlg-vocabularies.h"

#define SQL_GET_ETAG(t)   "SELECT etag FROM " t " WHERE uuid = ?1"
#define SQL_SET_SENT(t)   "UPDATE " t " SET etag = ?2, rev = max (rev, ?3), sync_state = ?4" \
                          " WHERE uuid = ?1"
#define SQL_SET_STATE(t)  "UPDATE " t " SET sync_state = ?2 WHERE uuid = ?1"
#define SQL_SET_ETAG(t)   "UPDATE " t " SET etag = ?2 WHERE uuid = ?1"
#define SQL_MARK_LOCAL(t) "UPDATE " t " SET sync_state = CASE WHEN sync_state = 'conflict'" \
                          " THEN 'conflict' WHEN etag IS NULL THEN 'created'" \
                          " ELSE 'modified' END WHERE uuid = ?1"

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
  "  updated_at = ?4 WHERE id = ?1 AND generation = ?5";
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

static const char sql_narrative_body[] =
  "SELECT n.uuid, p.uuid, n.stage, n.title, n.body_md, n.state, n.published_at, n.process_id"
  "  FROM narrative n JOIN process p ON p.id = n.process_id WHERE n.uuid = ?1";
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
static const char sql_narrative_delete[] = "DELETE FROM narrative WHERE uuid = ?1";

static const char sql_process_body[] =
  "SELECT uuid, title, summary, policy_cycle, archived FROM process WHERE id = ?1";
static const char sql_process_fields[] =
  "SELECT key, value FROM process_field WHERE process_id = ?1";
static const char sql_process_features[] =
  "SELECT feature, enabled, rules, opens_at, closes_at FROM feature_activation"
  "  WHERE process_id = ?1 ORDER BY feature";
static const char sql_process_stages[] =
  "SELECT stage, state, reason, started_at, ended_at FROM stage_state WHERE process_id = ?1"
  "  ORDER BY rank";
static const char sql_process_apply[] =
  "UPDATE process SET title = ?2, summary = ?3, updated_at = ?4 WHERE uuid = ?1";

static const char sql_response_body[] =
  "SELECT r.uuid, p.uuid, r.intro, r.published_at FROM response r"
  "  JOIN process p ON p.id = r.process_id WHERE r.process_id = ?1";
static const char sql_response_positions[] =
  "SELECT rec.uuid, rec.number, rec.title, rec.body, pos.value, pos.justification"
  "  FROM recommendation rec JOIN position pos ON pos.recommendation_id = rec.id"
  "  WHERE rec.process_id = ?1 AND pos.value IS NOT NULL ORDER BY rec.number";
static const char sql_response_apply[] =
  "UPDATE response SET intro = ?2, published_at = ?3 WHERE uuid = ?1";

static const char sql_commitment_body[] =
  "SELECT c.uuid, p.uuid, rec.number, c.title, c.department, c.due_date, c.status, c.progress"
  "  FROM commitment c JOIN process p ON p.id = c.process_id"
  "  JOIN position pos ON pos.id = c.position_id"
  "  JOIN recommendation rec ON rec.id = pos.recommendation_id WHERE c.uuid = ?1";
static const char sql_commitment_updates[] =
  "SELECT u.uuid, u.dated, u.progress, u.status, u.text FROM commitment_update u"
  "  JOIN commitment c ON c.id = u.commitment_id WHERE c.uuid = ?1 ORDER BY u.dated, u.id";
static const char sql_commitment_apply[] =
  "UPDATE commitment SET title = ?2, department = ?3, due_date = ?4, status = ?5,"
  "  progress = ?6 WHERE uuid = ?1";
static const char sql_commitment_copy[] =
  "INSERT INTO commitment (uuid, process_id, position_id, title, department, due_date, status,"
  "  progress, created_at, sync_state)"
  "  SELECT ?2, process_id, position_id, ?3, department, due_date, status, progress, ?4,"
  "  'created' FROM commitment WHERE uuid = ?1";

static const char sql_response_sources[] =
  "SELECT c.uuid FROM recommendation_source s JOIN contribution c ON c.id = s.contribution_id"
  "  JOIN recommendation rec ON rec.id = s.recommendation_id WHERE rec.uuid = ?1"
  "  ORDER BY c.created_at, c.id";

static const char sql_follow_up_body[] =
  "SELECT f.uuid, p.uuid, f.kind, f.dated, f.title, f.body FROM follow_up f"
  "  JOIN process p ON p.id = f.process_id WHERE f.uuid = ?1";
static const char sql_follow_up_apply[] =
  "UPDATE follow_up SET kind = ?2, dated = ?3, title = ?4, body = ?5 WHERE uuid = ?1";

static const char sql_in_person_body[] =
  "SELECT c.uuid, p.uuid, c.feature, c.kind, c.channel, c.parent_uuid, c.author_ref, c.title,"
  "  c.body, c.lat, c.lon, c.created_at, c.moderation, c.moderation_reason"
  "  FROM contribution c JOIN process p ON p.id = c.process_id WHERE c.uuid = ?1";
static const char sql_in_person_apply[] =
  "UPDATE contribution SET title = ?2, body = ?3, author_ref = ?4 WHERE uuid = ?1";

static const char sql_highlight_body[] =
  "SELECT c.uuid, p.uuid FROM contribution c JOIN process p ON p.id = c.process_id"
  "  WHERE c.uuid = ?1";
#define HIGHLIGHT_OF_UUID \
  " WHERE contribution_id = (SELECT id FROM contribution WHERE uuid = ?1)"
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
/* JSON helpers                                                                                */

char *
dlg_sync_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return dlg_sync_json_to_string (root);
}

/**
 * dlg_sync_parse_object:
 *
 * Parses @data, which must be valid UTF-8 holding one JSON object.
 *
 * Returns: (transfer full): the object, or %NULL with a %DLG_SYNC_ERROR_PROTOCOL error
 */
JsonObject *
dlg_sync_parse_object (const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site sent text that is not valid UTF-8; nothing of it was kept."));
      return NULL;
    }
  root = dlg_json_parse (data, length, &local_error);
  if (g_error_matches (local_error, DLG_ERROR, DLG_ERROR_TOO_DEEP))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site sent JSON nested too deeply (more than %d levels); nothing of "
                     "it was kept."), DLG_JSON_MAX_DEPTH);
      return NULL;
    }
  if (root == NULL)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site sent a malformed or truncated answer (%s); nothing of it was "
                     "kept."), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's answer is not a JSON object; nothing of it was kept."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* TRUE when every member of @mine has the same value in @site. */
gboolean
dlg_sync_json_same (JsonObject *mine,
                    JsonObject *site)
{
  g_autoptr(GList) members = json_object_get_members (mine);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *a = json_object_get_member (mine, l->data);
      JsonNode *b = json_object_get_member (site, l->data);

      if (b == NULL)
        {
          if (JSON_NODE_HOLDS_NULL (a))
            continue;
          return FALSE;
        }
      if (!json_node_equal (a, b))
        return FALSE;
    }
  return TRUE;
}

static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_column (JsonBuilder  *builder,
            const char   *name,
            sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    add_text (builder, name, NULL);
  else
    add_text (builder, name, (const char *) sqlite3_column_text (stmt, column));
}

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

static gboolean
not_found (GError     **error,
           const char  *what)
{
  if (error != NULL && *error == NULL)
    g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("%s was not found."), what);
  return FALSE;
}

/* Strict readers for objects the site sent back (after a 412): wrong types are refused. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            gboolean     nullable,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = json_node_get_string (node);
      return TRUE;
    }
  g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
               _("The site's version has a missing or wrong “%s”; nothing of it was kept."),
               name);
  return FALSE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64       min,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= min && json_node_get_int (node) <= max)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
               _("The site's version has a missing or wrong “%s”; nothing of it was kept."),
               name);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Adapters: local rows ↔ bodies of the site's collections                                    */

static char *
narrative_body (DlgStore  *store,
                const char *uuid,
                gint64    *process_id,
                GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_narrative_body, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  if (!step_row (store, stmt, error))
    return not_found (error, _("The narrative")), NULL;
  if (process_id != NULL)
    *process_id = sqlite3_column_int64 (stmt, 7);

  json_builder_begin_object (builder);
  add_column (builder, "process_id", stmt, 1);
  add_column (builder, "stage", stmt, 2);
  add_column (builder, "title", stmt, 3);
  add_column (builder, "body_md", stmt, 4);
  add_column (builder, "state", stmt, 5);
  add_column (builder, "published_at", stmt, 6);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static gboolean
narrative_apply_remote (DlgStore    *store,
                        const char  *uuid,
                        JsonObject  *site,
                        GError     **error)
{
  const char *title, *body_md, *state, *stage, *published_at;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  if (!get_string (site, "title", FALSE, &title, error) ||
      !get_string (site, "body_md", FALSE, &body_md, error) ||
      !get_string (site, "state", FALSE, &state, error) ||
      !get_string (site, "stage", TRUE, &stage, error) ||
      !get_string (site, "published_at", TRUE, &published_at, error))
    return FALSE;
  if (!dlg_vocabulary_contains (&dlg_vocabulary_narrative_state, state) || *title == '\0')
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's version of the narrative is not valid; nothing of it was "
                     "kept."));
      return FALSE;
    }
  stmt = dlg_store_prepare (store, sql_narrative_apply, error);
  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, title);
  dlg_stmt_bind_text (stmt, 3, body_md);
  dlg_stmt_bind_text (stmt, 4, state);
  dlg_stmt_bind_text (stmt, 5, stage);
  dlg_stmt_bind_text (stmt, 6, published_at);
  dlg_stmt_bind_text (stmt, 7, now);
  return dlg_store_step_done (store, stmt, error);
}

static char *
narrative_copy_local (DlgStore    *store,
                      const char  *uuid,
                      JsonObject  *mine,
                      GError     **error)
{
  const char *title, *body_md, *state, *stage, *published_at;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *new_uuid = dlg_uuid_new ();
  g_autofree char *new_title = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  if (!get_string (mine, "title", FALSE, &title, error) ||
      !get_string (mine, "body_md", FALSE, &body_md, error) ||
      !get_string (mine, "state", FALSE, &state, error) ||
      !get_string (mine, "stage", TRUE, &stage, error) ||
      !get_string (mine, "published_at", TRUE, &published_at, error))
    return NULL;
  /* TRANSLATORS: the title of the copy made of a narrative in conflict */
  new_title = g_strdup_printf (_("%s (my version)"), title);
  stmt = dlg_store_prepare (store, sql_narrative_copy, error);
  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, new_uuid);
  dlg_stmt_bind_text (stmt, 3, stage);
  dlg_stmt_bind_text (stmt, 4, new_title);
  dlg_stmt_bind_text (stmt, 5, body_md);
  dlg_stmt_bind_text (stmt, 6, state);
  dlg_stmt_bind_text (stmt, 7, published_at);
  dlg_stmt_bind_text (stmt, 8, now);
  if (!dlg_store_step_done (store, stmt, error))
    return NULL;
  g_clear_pointer (&stmt, dlg_stmt_release);
  if (!dlg_sync_enqueue_narrative (store, new_uuid, error))
    return NULL;
  return g_steal_pointer (&new_uuid);
}

static char *
process_body (DlgStore  *store,
              gint64     process_id,
              char     **uuid_out,
              GError   **error)
{
  static const struct { const char *key; const char *member; } fields[] = {
    { "mandate.question", "question" },
    { "mandate.perimeter", "perimeter" },
    { "mandate.out_of_scope", "out_of_scope" },
    { "mandate.commitments", "commitments" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_process_fields, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_hash_table_insert (values, dlg_stmt_dup_text (stmt, 0), dlg_stmt_dup_text (stmt, 1));
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }

  json_builder_begin_object (builder);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_process_body, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    if (!step_row (store, stmt, error))
      return not_found (error, _("The process")), NULL;
    if (uuid_out != NULL)
      *uuid_out = dlg_stmt_dup_text (stmt, 0);
    add_column (builder, "title", stmt, 1);
    add_column (builder, "summary", stmt, 2);
    add_column (builder, "policy_cycle", stmt, 3);
    /* An archived process takes no contribution or registration any more on the site. */
    json_builder_set_member_name (builder, "archived");
    json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 4) != 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = g_hash_table_lookup (values, fields[i].key);

      add_text (builder, fields[i].member, value != NULL ? value : "");
    }

  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_process_features, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        json_builder_begin_object (builder);
        add_column (builder, "feature", stmt, 0);
        json_builder_set_member_name (builder, "enabled");
        json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 1) != 0);
        add_column (builder, "rules", stmt, 2);
        add_column (builder, "opens_at", stmt, 3);
        add_column (builder, "closes_at", stmt, 4);
        json_builder_end_object (builder);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_process_stages, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        json_builder_begin_object (builder);
        add_column (builder, "stage", stmt, 0);
        add_column (builder, "state", stmt, 1);
        add_column (builder, "reason", stmt, 2);
        add_column (builder, "started_at", stmt, 3);
        add_column (builder, "ended_at", stmt, 4);
        json_builder_end_object (builder);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }
  json_builder_end_array (builder);

  /* The profile vocabulary: the site builds its registration form from it. */
  json_builder_set_member_name (builder, "profile");
  json_builder_begin_array (builder);
  {
    g_autoptr(DlgProfile) profile = dlg_profile_load (store, process_id, error);

    if (profile == NULL)
      return NULL;
    for (guint c = 0; c < dlg_profile_get_n_categories (profile); c++)
      {
        const DlgProfileCategory *category = dlg_profile_get_category (profile, c);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "category");
        json_builder_add_string_value (builder, category->category);
        json_builder_set_member_name (builder, "label");
        json_builder_add_string_value (builder, category->label);
        json_builder_set_member_name (builder, "required");
        json_builder_add_boolean_value (builder, category->required);
        json_builder_set_member_name (builder, "values");
        json_builder_begin_array (builder);
        for (guint v = 0; v < category->values->len; v++)
          {
            const DlgProfileValue *value = g_ptr_array_index (category->values, v);

            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "value");
            json_builder_add_string_value (builder, value->value);
            json_builder_set_member_name (builder, "label");
            json_builder_add_string_value (builder, value->label);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_end_object (builder);
      }
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

/* Only the title and summary of a process come back from the site: the stage fields, features
 * and timeline stay the officer's, who pushes them again with "keep mine" if needed. */
static gboolean
process_apply_remote (DlgStore    *store,
                      const char  *uuid,
                      JsonObject  *site,
                      GError     **error)
{
  const char *title, *summary;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  if (!get_string (site, "title", FALSE, &title, error) ||
      !get_string (site, "summary", TRUE, &summary, error))
    return FALSE;
  stmt = dlg_store_prepare (store, sql_process_apply, error);
  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, title);
  dlg_stmt_bind_text (stmt, 3, summary != NULL ? summary : "");
  dlg_stmt_bind_text (stmt, 4, now);
  return dlg_store_step_done (store, stmt, error);
}

/* The contributions a recommendation comes from, by uuid: the site links those it shows. */
static gboolean
add_sources (DlgStore     *store,
             JsonBuilder  *builder,
             const char   *recommendation_uuid,
             GError      **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_response_sources, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, recommendation_uuid);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), FALSE;
  return TRUE;
}

static char *
response_body (DlgStore  *store,
               gint64     process_id,
               char     **uuid_out,
               GError   **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int rc;

  json_builder_begin_object (builder);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_response_body, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    if (!step_row (store, stmt, error))
      return not_found (error, _("The argued response")), NULL;
    *uuid_out = dlg_stmt_dup_text (stmt, 0);
    add_column (builder, "process_id", stmt, 1);
    add_column (builder, "intro", stmt, 2);
    add_column (builder, "published_at", stmt, 3);
  }
  json_builder_set_member_name (builder, "positions");
  json_builder_begin_array (builder);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_response_positions, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        json_builder_begin_object (builder);
        add_column (builder, "recommendation_id", stmt, 0);
        json_builder_set_member_name (builder, "number");
        json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 1));
        add_column (builder, "title", stmt, 2);
        add_column (builder, "body", stmt, 3);
        add_column (builder, "value", stmt, 4);
        add_column (builder, "justification", stmt, 5);
        if (!add_sources (store, builder, (const char *) sqlite3_column_text (stmt, 0), error))
          return NULL;
        json_builder_end_object (builder);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

/* The positions are the officer's (they went through validation): only the introduction and
 * the publication date come back from the site. */
static gboolean
response_apply_remote (DlgStore    *store,
                       const char  *uuid,
                       JsonObject  *site,
                       GError     **error)
{
  const char *intro, *published_at;
  g_autoptr(DlgStmt) stmt = NULL;

  if (!get_string (site, "intro", FALSE, &intro, error) ||
      !get_string (site, "published_at", TRUE, &published_at, error))
    return FALSE;
  stmt = dlg_store_prepare (store, sql_response_apply, error);
  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, intro);
  dlg_stmt_bind_text (stmt, 3, published_at);
  return dlg_store_step_done (store, stmt, error);
}

static char *
commitment_body (DlgStore    *store,
                 const char  *uuid,
                 GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int rc;

  json_builder_begin_object (builder);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_commitment_body, error);

    if (stmt == NULL)
      return NULL;
    dlg_stmt_bind_text (stmt, 1, uuid);
    if (!step_row (store, stmt, error))
      return not_found (error, _("The commitment")), NULL;
    add_column (builder, "process_id", stmt, 1);
    json_builder_set_member_name (builder, "recommendation_number");
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 2));
    add_column (builder, "title", stmt, 3);
    add_column (builder, "department", stmt, 4);
    add_column (builder, "due_date", stmt, 5);
    add_column (builder, "status", stmt, 6);
    json_builder_set_member_name (builder, "progress");
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 7));
  }
  json_builder_set_member_name (builder, "updates");
  json_builder_begin_array (builder);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_commitment_updates, error);

    if (stmt == NULL)
      return NULL;
    dlg_stmt_bind_text (stmt, 1, uuid);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        json_builder_begin_object (builder);
        add_column (builder, "id", stmt, 0);
        add_column (builder, "dated", stmt, 1);
        json_builder_set_member_name (builder, "progress");
        json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 2));
        add_column (builder, "status", stmt, 3);
        add_column (builder, "text", stmt, 4);
        json_builder_end_object (builder);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static gboolean
commitment_apply_remote (DlgStore    *store,
                         const char  *uuid,
                         JsonObject  *site,
                         GError     **error)
{
  const char *title, *department, *due_date, *status;
  gint64 progress;
  g_autoptr(DlgStmt) stmt = NULL;

  if (!get_string (site, "title", FALSE, &title, error) ||
      !get_string (site, "department", TRUE, &department, error) ||
      !get_string (site, "due_date", TRUE, &due_date, error) ||
      !get_string (site, "status", FALSE, &status, error) ||
      !get_int (site, "progress", 0, 100, &progress, error))
    return FALSE;
  if (!dlg_vocabulary_contains (&dlg_vocabulary_commitment_status, status))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's version has a missing or wrong “%s”; nothing of it was kept."),
                   "status");
      return FALSE;
    }
  stmt = dlg_store_prepare (store, sql_commitment_apply, error);
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

static char *
commitment_copy_local (DlgStore    *store,
                       const char  *uuid,
                       JsonObject  *mine,
                       GError     **error)
{
  const char *title;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *new_uuid = dlg_uuid_new ();
  g_autofree char *new_title = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  if (!get_string (mine, "title", FALSE, &title, error))
    return NULL;
  new_title = g_strdup_printf (_("%s (my version)"), title);
  stmt = dlg_store_prepare (store, sql_commitment_copy, error);
  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, new_uuid);
  dlg_stmt_bind_text (stmt, 3, new_title);
  dlg_stmt_bind_text (stmt, 4, now);
  if (!dlg_store_step_done (store, stmt, error))
    return NULL;
  g_clear_pointer (&stmt, dlg_stmt_release);
  /* The copy's other fields are the original's; commitment_apply_remote runs after this on the
   * original only, so the copy keeps the local values it was made from. */
  if (!dlg_sync_enqueue_commitment (store, new_uuid, error))
    return NULL;
  return g_steal_pointer (&new_uuid);
}

static char *
follow_up_body (DlgStore    *store,
                const char  *uuid,
                GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_follow_up_body, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  if (!step_row (store, stmt, error))
    return not_found (error, _("The follow-up item")), NULL;
  json_builder_begin_object (builder);
  add_column (builder, "process_id", stmt, 1);
  add_column (builder, "kind", stmt, 2);
  add_column (builder, "dated", stmt, 3);
  add_column (builder, "title", stmt, 4);
  add_column (builder, "body", stmt, 5);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static gboolean
follow_up_apply_remote (DlgStore    *store,
                        const char  *uuid,
                        JsonObject  *site,
                        GError     **error)
{
  const char *kind, *dated, *title, *body;
  g_autoptr(DlgStmt) stmt = NULL;

  if (!get_string (site, "kind", FALSE, &kind, error) ||
      !get_string (site, "dated", FALSE, &dated, error) ||
      !get_string (site, "title", FALSE, &title, error) ||
      !get_string (site, "body", TRUE, &body, error))
    return FALSE;
  if (!dlg_vocabulary_contains (&dlg_vocabulary_follow_up_kind, kind) || *title == '\0')
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's version has a missing or wrong “%s”; nothing of it was kept."),
                   "kind");
      return FALSE;
    }
  stmt = dlg_store_prepare (store, sql_follow_up_apply, error);
  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, kind);
  dlg_stmt_bind_text (stmt, 3, dated);
  dlg_stmt_bind_text (stmt, 4, title);
  dlg_stmt_bind_text (stmt, 5, body != NULL ? body : "");
  return dlg_store_step_done (store, stmt, error);
}

/* A contribution the team typed in (in person, mail, phone), as the site's change feed carries
 * contributions, with its channel. */
static char *
in_person_body (DlgStore    *store,
                const char  *uuid,
                GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_in_person_body, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  if (!step_row (store, stmt, error))
    return not_found (error, _("The contribution")), NULL;
  json_builder_begin_object (builder);
  add_column (builder, "process_id", stmt, 1);
  add_column (builder, "feature", stmt, 2);
  add_column (builder, "kind", stmt, 3);
  add_column (builder, "channel", stmt, 4);
  add_column (builder, "parent_id", stmt, 5);
  add_column (builder, "author_ref", stmt, 6);
  add_column (builder, "title", stmt, 7);
  add_column (builder, "body", stmt, 8);
  for (int i = 0; i < 2; i++)
    {
      json_builder_set_member_name (builder, i == 0 ? "lat" : "lon");
      if (sqlite3_column_type (stmt, 9 + i) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, sqlite3_column_double (stmt, 9 + i));
    }
  json_builder_set_member_name (builder, "answers");
  json_builder_add_null_value (builder);
  add_column (builder, "created_at", stmt, 11);
  add_column (builder, "moderation", stmt, 12);
  add_column (builder, "moderation_reason", stmt, 13);
  json_builder_set_member_name (builder, "supports");
  json_builder_add_int_value (builder, 0);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static gboolean
in_person_apply_remote (DlgStore    *store,
                        const char  *uuid,
                        JsonObject  *site,
                        GError     **error)
{
  const char *title, *body, *author_ref;
  g_autoptr(DlgStmt) stmt = NULL;

  if (!get_string (site, "title", TRUE, &title, error) ||
      !get_string (site, "body", TRUE, &body, error) ||
      !get_string (site, "author_ref", TRUE, &author_ref, error))
    return FALSE;
  stmt = dlg_store_prepare (store, sql_in_person_apply, error);
  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, title != NULL ? title : "");
  dlg_stmt_bind_text (stmt, 3, body != NULL ? body : "");
  dlg_stmt_bind_text (stmt, 4, author_ref != NULL ? author_ref : "");
  return dlg_store_step_done (store, stmt, error);
}

/* The team's highlight of a contribution: an object of its own on the site, named by the
 * contribution's uuid, created when highlighted and deleted when no longer. */
static char *
highlight_body (DlgStore    *store,
                const char  *uuid,
                GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_highlight_body, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  if (!step_row (store, stmt, error))
    return not_found (error, _("The contribution")), NULL;
  json_builder_begin_object (builder);
  add_column (builder, "process_id", stmt, 1);
  add_column (builder, "contribution_id", stmt, 0);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

static gboolean
highlight_apply_remote (DlgStore    *store,
                        const char  *uuid,
                        JsonObject  *site,
                        GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_highlight_apply, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  return dlg_store_step_done (store, stmt, error);
}

static const DlgSyncAdapter adapters[] = {
  { "process", "processes",
    SQL_GET_ETAG ("process"), SQL_SET_SENT ("process"), SQL_SET_STATE ("process"),
    SQL_SET_ETAG ("process"), "SELECT title FROM process WHERE uuid = ?1",
    process_apply_remote, NULL },
  { "narrative", "narratives",
    SQL_GET_ETAG ("narrative"), SQL_SET_SENT ("narrative"), SQL_SET_STATE ("narrative"),
    SQL_SET_ETAG ("narrative"), "SELECT title FROM narrative WHERE uuid = ?1",
    narrative_apply_remote, narrative_copy_local },
  { "response", "responses",
    SQL_GET_ETAG ("response"), SQL_SET_SENT ("response"), SQL_SET_STATE ("response"),
    SQL_SET_ETAG ("response"), "SELECT intro FROM response WHERE uuid = ?1",
    response_apply_remote, NULL },
  { "commitment", "commitments",
    SQL_GET_ETAG ("commitment"), SQL_SET_SENT ("commitment"), SQL_SET_STATE ("commitment"),
    SQL_SET_ETAG ("commitment"), "SELECT title FROM commitment WHERE uuid = ?1",
    commitment_apply_remote, commitment_copy_local },
  { "follow_up", "follow_ups",
    SQL_GET_ETAG ("follow_up"), SQL_SET_SENT ("follow_up"), SQL_SET_STATE ("follow_up"),
    SQL_SET_ETAG ("follow_up"), "SELECT title FROM follow_up WHERE uuid = ?1",
    follow_up_apply_remote, NULL },
  /* The site's ETag is its rev, which the contribution already keeps (remote_rev). */
  { "contribution", "contributions",
    "SELECT CAST (remote_rev AS TEXT) FROM contribution WHERE uuid = ?1",
    "UPDATE contribution SET remote_rev = max (coalesce (remote_rev, 0), ?3,"
    "  coalesce (CAST (?2 AS INTEGER), 0)), sync_state = ?4 WHERE uuid = ?1",
    SQL_SET_STATE ("contribution"),
    "UPDATE contribution SET remote_rev = CAST (?2 AS INTEGER) WHERE uuid = ?1",
    "SELECT title FROM contribution WHERE uuid = ?1",
    in_person_apply_remote, NULL },
  { "highlight", "highlights",
    "SELECT highlight_etag FROM contribution_annotation" HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_etag = ?2, highlight_sync = ?4"
    HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_sync = ?2" HIGHLIGHT_OF_UUID,
    "UPDATE contribution_annotation SET highlight_etag = ?2" HIGHLIGHT_OF_UUID,
    "SELECT title FROM contribution WHERE uuid = ?1",
    highlight_apply_remote, NULL },
};

static const char * const sql_mark_local[] = {
  SQL_MARK_LOCAL ("process"),
  SQL_MARK_LOCAL ("narrative"),
  SQL_MARK_LOCAL ("response"),
  SQL_MARK_LOCAL ("commitment"),
  SQL_MARK_LOCAL ("follow_up"),
  "UPDATE contribution SET sync_state = CASE WHEN sync_state = 'conflict' THEN 'conflict'"
  "  WHEN remote_rev IS NULL THEN 'created' ELSE 'modified' END WHERE uuid = ?1",
  "UPDATE contribution_annotation SET highlight_sync = CASE WHEN highlight_sync = 'conflict'"
  "  THEN 'conflict' ELSE 'modified' END" HIGHLIGHT_OF_UUID,
};

/* What a DELETE the site confirmed does locally. A follow-up item or a highlight that left the
 * site (unpublished) stays in the app, no longer on the site. */
static const char * const sql_delete_object[] = {
  "DELETE FROM process WHERE uuid = ?1",
  sql_narrative_delete,
  "DELETE FROM response WHERE uuid = ?1",
  "DELETE FROM commitment WHERE uuid = ?1",
  "UPDATE follow_up SET etag = NULL, rev = 0, published = 0, sync_state = 'synced'"
  "  WHERE uuid = ?1 AND sync_state = 'deleted'",
  "DELETE FROM contribution WHERE uuid = ?1",
  "UPDATE contribution_annotation SET highlight_etag = NULL, highlighted = 0,"
  "  highlight_sync = 'synced'" HIGHLIGHT_OF_UUID " AND highlight_sync = 'deleted'",
};

static int
adapter_index (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (adapters); i++)
    if (g_strcmp0 (adapters[i].type, type) == 0)
      return i;
  return -1;
}

const DlgSyncAdapter *
dlg_sync_adapter_lookup (const char *type)
{
  int i = adapter_index (type);

  return i >= 0 ? &adapters[i] : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Enqueueing                                                                                  */

static gboolean
exec_uuid (DlgStore    *store,
           const char  *sql,
           const char  *uuid,
           GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
enqueue_put_full (DlgStore    *store,
                  const char  *type,
                  const char  *uuid,
                  const char  *body,
                  gboolean     force,
                  GError     **error)
{
  int index = adapter_index (type);
  g_autofree char *path = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  g_assert (index >= 0);
  path = g_strconcat (DLG_SYNC_API_PREFIX, adapters[index].collection, "/", uuid, NULL);

  if (!dlg_store_begin (store, error))
    return FALSE;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_put, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, type);
    dlg_stmt_bind_text (stmt, 2, uuid);
    dlg_stmt_bind_text (stmt, 3, body != NULL ? "PUT" : "DELETE");
    dlg_stmt_bind_text (stmt, 4, path);
    dlg_stmt_bind_text (stmt, 5, body);
    dlg_stmt_bind_text (stmt, 6, now);
    sqlite3_bind_int (stmt, 7, force);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  if (body != NULL && !exec_uuid (store, sql_mark_local[index], uuid, error))
    goto fail;
  if (body == NULL)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, adapters[index].sql_set_state, error);

      if (stmt == NULL)
        goto fail;
      dlg_stmt_bind_text (stmt, 1, uuid);
      dlg_stmt_bind_text (stmt, 2, "deleted");
      if (!dlg_store_step_done (store, stmt, error))
        goto fail;
    }
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

static gboolean
enqueue_put (DlgStore    *store,
             const char  *type,
             const char  *uuid,
             const char  *body,
             GError     **error)
{
  return enqueue_put_full (store, type, uuid, body, TRUE, error);
}

/**
 * dlg_sync_enqueue_narrative:
 * @store: a #DlgStore
 * @narrative_uuid: the narrative, as it is now in the database
 * @error: return location for an error
 *
 * Queues the narrative for the next push: a create (`If-None-Match: *`) if the site has never
 * seen it, an update (`If-Match`) otherwise. Call it in the transaction of the edit.
 */
gboolean
dlg_sync_enqueue_narrative (DlgStore    *store,
                            const char  *narrative_uuid,
                            GError     **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (narrative_uuid != NULL, FALSE);

  body = narrative_body (store, narrative_uuid, NULL, error);
  if (body == NULL)
    return FALSE;
  return enqueue_put (store, "narrative", narrative_uuid, body, error);
}

/**
 * dlg_sync_enqueue_process:
 *
 * Queues the public page of the process (question, perimeter, rules of the game, features,
 * stage timeline) for the next push.
 */
gboolean
dlg_sync_enqueue_process (DlgStore  *store,
                          gint64     process_id,
                          GError   **error)
{
  g_autofree char *body = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  body = process_body (store, process_id, &uuid, error);
  if (body == NULL)
    return FALSE;
  return enqueue_put (store, "process", uuid, body, error);
}

/**
 * dlg_sync_enqueue_response:
 *
 * Queues the argued response of the process, with its positions, for the next push.
 */
gboolean
dlg_sync_enqueue_response (DlgStore  *store,
                           gint64     process_id,
                           GError   **error)
{
  g_autofree char *body = NULL;
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  body = response_body (store, process_id, &uuid, error);
  if (body == NULL)
    return FALSE;
  return enqueue_put (store, "response", uuid, body, error);
}

/**
 * dlg_sync_enqueue_commitment:
 *
 * Queues the commitment and its dated updates for the next push.
 */
gboolean
dlg_sync_enqueue_commitment (DlgStore    *store,
                             const char  *commitment_uuid,
                             GError     **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (commitment_uuid != NULL, FALSE);

  body = commitment_body (store, commitment_uuid, error);
  if (body == NULL)
    return FALSE;
  return enqueue_put (store, "commitment", commitment_uuid, body, error);
}

/**
 * dlg_sync_enqueue_delete:
 * @object_type: "process", "narrative", "response", "commitment", "follow_up",
 *   "contribution" (received in person) or "highlight"
 *
 * Marks the object locally deleted and queues its DELETE. The local row stays (state
 * "deleted") until the site confirms, so that a conflict can still show it.
 */
gboolean
dlg_sync_enqueue_delete (DlgStore    *store,
                         const char  *object_type,
                         const char  *object_uuid,
                         GError     **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (object_uuid != NULL, FALSE);

  if (adapter_index (object_type) < 0)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not something that is published on the site."), object_type);
      return FALSE;
    }
  return enqueue_put (store, object_type, object_uuid, NULL, error);
}

/**
 * dlg_sync_enqueue_moderation:
 * @contribution_uuid: the contribution moderated
 * @state: "pending", "published" or "trashed"
 * @reason: (nullable): why, shown in the bin
 *
 * Records a moderation decision as an event with its own UUID, applies it locally, writes it in
 * the journal and queues its POST; the Idempotency-Key (the event's UUID) is stored before the
 * first send, so that a retried POST never moderates twice.
 *
 * Returns: (transfer full): the event's UUID, or %NULL with @error set
 */
char *
dlg_sync_enqueue_moderation (DlgStore    *store,
                             const char  *contribution_uuid,
                             const char  *state,
                             const char  *reason,
                             GError     **error)
{
  g_autofree char *event_uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *body = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 contribution_id, process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (contribution_uuid != NULL, NULL);

  if (!dlg_vocabulary_contains (&dlg_vocabulary_moderation, state))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not a moderation state."), state != NULL ? state : "");
      return NULL;
    }
  if (reason == NULL)
    reason = "";

  json_builder_begin_object (builder);
  add_text (builder, "id", event_uuid);
  add_text (builder, "contribution_id", contribution_uuid);
  add_text (builder, "state", state);
  add_text (builder, "reason", reason);
  add_text (builder, "decided_at", now);
  json_builder_end_object (builder);
  body = builder_to_string (builder);

  if (!dlg_store_begin (store, error))
    return NULL;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_contribution_for_moderation, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, contribution_uuid);
    if (!step_row (store, stmt, error))
      {
        not_found (error, _("The contribution"));
        goto fail;
      }
    contribution_id = sqlite3_column_int64 (stmt, 0);
    process_id = sqlite3_column_int64 (stmt, 1);
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_moderation_insert, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, event_uuid);
    sqlite3_bind_int64 (stmt, 2, contribution_id);
    dlg_stmt_bind_text (stmt, 3, state);
    dlg_stmt_bind_text (stmt, 4, reason);
    dlg_stmt_bind_text (stmt, 5, now);
    dlg_stmt_bind_text (stmt, 6, dlg_store_get_actor (store));
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_contribution_moderate, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, contribution_id);
    dlg_stmt_bind_text (stmt, 2, state);
    dlg_stmt_bind_text (stmt, 3, *reason != '\0' ? reason : NULL);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_post, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, "moderation");
    dlg_stmt_bind_text (stmt, 2, contribution_uuid);
    dlg_stmt_bind_text (stmt, 3, DLG_SYNC_API_PREFIX "moderation");
    dlg_stmt_bind_text (stmt, 4, body);
    dlg_stmt_bind_text (stmt, 5, event_uuid);
    dlg_stmt_bind_text (stmt, 6, now);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  /* TRANSLATORS: journal entry; %s is pending, published or trashed */
  summary = g_strdup_printf (_("Moderation of a contribution: %s"), state);
  if (!dlg_journal_append (store, process_id, "moderate", "contribution", contribution_uuid,
                           summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return NULL;
  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, process_id);
  return g_steal_pointer (&event_uuid);

fail:
  dlg_store_rollback (store);
  return NULL;
}

/**
 * dlg_sync_narrative_publish:
 * @process_id: the process
 * @narrative_uuid: (nullable): the narrative to update; %NULL to update the narrative of
 *   the process with the same title, or create one
 * @title: its title
 * @body_md: its Markdown text
 *
 * Creates or updates a published narrative, writes it in the journal and queues it for the
 * next push, in one transaction.
 *
 * Returns: (transfer full): the narrative's UUID, or %NULL with @error set
 */
char *
dlg_sync_narrative_publish (DlgStore    *store,
                            gint64       process_id,
                            const char  *narrative_uuid,
                            const char  *title,
                            const char  *body_md,
                            GError     **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (body_md != NULL, NULL);

  if (title == NULL || *title == '\0' || g_ascii_isspace (*title) ||
      g_utf8_strlen (title, -1) > 500 || !g_utf8_validate (body_md, -1, NULL))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("A narrative needs a title of 1 to 500 characters and a text in UTF-8."));
      return NULL;
    }

  if (!dlg_store_begin (store, error))
    return NULL;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, narrative_uuid != NULL
                                                 ? sql_narrative_find_uuid
                                                 : sql_narrative_find_title, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, process_id);
    dlg_stmt_bind_text (stmt, 2, narrative_uuid != NULL ? narrative_uuid : title);
    if (step_row (store, stmt, error))
      uuid = dlg_stmt_dup_text (stmt, 0);
    else if (error != NULL && *error != NULL)
      goto fail;
    else if (narrative_uuid != NULL)
      {
        not_found (error, _("The narrative"));
        goto fail;
      }
  }
  if (uuid == NULL)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_narrative_insert, error);

      uuid = dlg_uuid_new ();
      if (stmt == NULL)
        goto fail;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, process_id);
      dlg_stmt_bind_text (stmt, 3, NULL);
      dlg_stmt_bind_text (stmt, 4, title);
      dlg_stmt_bind_text (stmt, 5, body_md);
      dlg_stmt_bind_text (stmt, 6, "published");
      dlg_stmt_bind_text (stmt, 7, now);
      dlg_stmt_bind_text (stmt, 8, now);
      if (!dlg_store_step_done (store, stmt, error))
        goto fail;
    }
  else
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_narrative_publish, error);

      if (stmt == NULL)
        goto fail;
      dlg_stmt_bind_text (stmt, 1, uuid);
      dlg_stmt_bind_text (stmt, 2, title);
      dlg_stmt_bind_text (stmt, 3, body_md);
      dlg_stmt_bind_text (stmt, 4, now);
      if (!dlg_store_step_done (store, stmt, error))
        goto fail;
    }
  /* TRANSLATORS: journal entry; %s is the title of a narrative */
  summary = g_strdup_printf (_("Narrative published: %s"), title);
  if (!dlg_journal_append (store, process_id, "publish", "narrative", uuid, summary, error) ||
      !dlg_sync_enqueue_narrative (store, uuid, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return NULL;
  dlg_store_emit_changed (store, DLG_TYPE_NARRATIVE, process_id);
  return g_steal_pointer (&uuid);

fail:
  dlg_store_rollback (store);
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Changes made through the domain API (dlg_narrative_save, dlg_contribution_moderate…)        */

/* Follow-up items, in-person contributions and highlights: published (or a highlight set) → PUT
 * (the 4th column is 1); no longer published but on the site → DELETE (0). An in-person
 * contribution goes once moderated "published"; moderation events then hide or show it. */
#define SQL_DIRTY_PUBLISHED \
  " UNION ALL SELECT 'follow_up', f.uuid, 0, f.published FROM follow_up f" \
  "  JOIN process p ON p.id = f.process_id WHERE (?1 OR NOT p.is_demo) AND" \
  "  ((f.published AND f.sync_state IN ('created', 'modified', 'conflict'))" \
  "   OR (NOT f.published AND f.etag IS NOT NULL AND f.sync_state IN ('modified', 'conflict')))" \
  " UNION ALL SELECT 'contribution', c.uuid, 0, 1 FROM contribution c" \
  "  JOIN process p ON p.id = c.process_id WHERE (?1 OR NOT p.is_demo)" \
  "  AND c.channel <> 'online' AND c.kind <> 'registration'" \
  "  AND c.sync_state IN ('created', 'modified', 'conflict')" \
  "  AND (c.moderation = 'published' OR c.remote_rev IS NOT NULL)" \
  " UNION ALL SELECT 'highlight', c.uuid, 0, a.highlighted <> 0 FROM contribution_annotation a" \
  "  JOIN contribution c ON c.id = a.contribution_id JOIN process p ON p.id = c.process_id" \
  "  WHERE (?1 OR NOT p.is_demo) AND a.highlight_sync IN ('modified', 'conflict')" \
  "  AND (a.highlighted <> 0 OR a.highlight_etag IS NOT NULL)"
/* A moderation event of a contribution the site never had, and will not have with this sync,
 * has nothing to do there. */
#define SQL_MODERATION_FOR_SITE \
  " AND (c.channel = 'online' OR c.remote_rev IS NOT NULL OR (c.moderation = 'published'" \
  "  AND c.kind <> 'registration'))"

/* Objects the officer changed since the site last saw them, that belong on the site: a
 * narrative once published, a response once published, the commitments of a published
 * response, a process page once its mandate is done (the question and the rules of the game
 * exist from then on) or once pushed. Those in conflict are included, so that the local
 * version kept for "keep mine" is the newest. */
static const char sql_dirty[] =
  "SELECT 'narrative', n.uuid, 0, 1 FROM narrative n JOIN process p ON p.id = n.process_id"
  "  WHERE n.sync_state IN ('created', 'modified', 'conflict')"
  "  AND (n.state = 'published' OR n.etag IS NOT NULL) AND (?1 OR NOT p.is_demo)"
  " UNION ALL SELECT 'response', r.uuid, r.process_id, 1 FROM response r"
  "  JOIN process p ON p.id = r.process_id"
  "  WHERE r.sync_state IN ('created', 'modified', 'conflict')"
  "  AND (r.published_at IS NOT NULL OR r.etag IS NOT NULL) AND (?1 OR NOT p.is_demo)"
  " UNION ALL SELECT 'commitment', c.uuid, 0, 1 FROM commitment c"
  "  JOIN process p ON p.id = c.process_id"
  "  WHERE c.sync_state IN ('created', 'modified', 'conflict') AND (?1 OR NOT p.is_demo)"
  "  AND (c.etag IS NOT NULL OR EXISTS (SELECT 1 FROM response r"
  "    WHERE r.process_id = c.process_id AND r.published_at IS NOT NULL))"
  " UNION ALL SELECT 'process', p.uuid, p.id, 1 FROM process p WHERE (?1 OR NOT p.is_demo) AND"
  "  ((p.sync_state IN ('modified', 'conflict') AND p.etag IS NOT NULL)"
  "   OR (p.etag IS NULL AND p.sync_state IN ('created', 'modified') AND EXISTS (SELECT 1"
  "    FROM stage_state s WHERE s.process_id = p.id AND s.stage = 'mandate'"
  "    AND s.state = 'done')))"
  SQL_DIRTY_PUBLISHED;
static const char sql_dirty_moderation[] =
  "SELECT e.uuid, c.uuid, e.state, e.reason, e.decided_at FROM moderation_event e"
  "  JOIN contribution c ON c.id = e.contribution_id JOIN process p ON p.id = c.process_id"
  "  WHERE e.sync_state = 'created' AND (?1 OR NOT p.is_demo)" SQL_MODERATION_FOR_SITE
  "  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key = e.uuid)";
static const char sql_count_dirty[] =
  "SELECT (SELECT count(*) FROM outbox WHERE state <> 'failed')"
  " + (SELECT count(*) FROM moderation_event e JOIN contribution c ON c.id = e.contribution_id"
  "    JOIN process p ON p.id = c.process_id WHERE e.sync_state = 'created'"
  "    AND (?1 OR NOT p.is_demo)" SQL_MODERATION_FOR_SITE
  "    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.idempotency_key = e.uuid))"
  " + (SELECT count(*) FROM narrative n JOIN process p ON p.id = n.process_id"
  "    WHERE n.sync_state IN ('created', 'modified') AND (?1 OR NOT p.is_demo)"
  "    AND (n.state = 'published' OR n.etag IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM outbox o"
  "    WHERE o.object_type = 'narrative' AND o.object_uuid = n.uuid))"
  " + (SELECT count(*) FROM response r JOIN process p ON p.id = r.process_id"
  "    WHERE r.sync_state IN ('created', 'modified') AND (?1 OR NOT p.is_demo)"
  "    AND (r.published_at IS NOT NULL OR r.etag IS NOT NULL) AND NOT EXISTS"
  "    (SELECT 1 FROM outbox o WHERE o.object_type = 'response' AND o.object_uuid = r.uuid))"
  " + (SELECT count(*) FROM (SELECT 1 AS t, 2 AS u, 3 AS i, 4 AS put WHERE 0"
  SQL_DIRTY_PUBLISHED ") d WHERE NOT EXISTS (SELECT 1 FROM outbox o"
  "    WHERE o.object_type = d.t AND o.object_uuid = d.u))";

static char *
moderation_body (const char *event_uuid,
                 const char *contribution_uuid,
                 const char *state,
                 const char *reason,
                 const char *decided_at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_text (builder, "id", event_uuid);
  add_text (builder, "contribution_id", contribution_uuid);
  add_text (builder, "state", state);
  add_text (builder, "reason", reason != NULL ? reason : "");
  add_text (builder, "decided_at", decided_at);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

/**
 * dlg_sync_collect_changes:
 * @include_demo: also the demo processes (training mode, on the practice site); otherwise
 *   nothing of a demo process goes to a real site unless explicitly queued
 * @n_queued: (out) (optional): how many outbox rows were created or refreshed
 *
 * Queues what the domain API changed without queueing it: moderation events not yet sent,
 * and published objects marked created/modified. Their bodies are built now, from the rows as
 * they are; an unchanged body leaves its outbox row as it is. The sync calls it before each
 * push, so that an edit made through any API reaches the site.
 */
gboolean
dlg_sync_collect_changes (DlgStore  *store,
                          gboolean   include_demo,
                          guint     *n_queued,
                          GError   **error)
{
  typedef struct { char *type; char *uuid; gint64 id; gboolean put; } Dirty;
  g_autoptr(GArray) dirty = g_array_new (FALSE, TRUE, sizeof (Dirty));
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *now = dlg_now_iso8601 ();
  gboolean ok = FALSE;
  guint queued = 0;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_dirty, error);

    if (stmt == NULL)
      goto out;
    sqlite3_bind_int (stmt, 1, include_demo);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Dirty d = { dlg_stmt_dup_text (stmt, 0), dlg_stmt_dup_text (stmt, 1),
                    sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3) != 0 };

        g_array_append_val (dirty, d);
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        goto out;
      }
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_dirty_moderation, error);

    if (stmt == NULL)
      goto out;
    sqlite3_bind_int (stmt, 1, include_demo);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        char **event = g_new0 (char *, 6);

        for (int i = 0; i < 5; i++)
          event[i] = dlg_stmt_dup_text (stmt, i);
        g_ptr_array_add (events, event);
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        goto out;
      }
  }

  for (guint i = 0; i < dirty->len; i++)
    {
      Dirty *d = &g_array_index (dirty, Dirty, i);
      g_autofree char *body = NULL;
      g_autofree char *uuid = NULL;

      if (!d->put)
        body = NULL;
      else if (g_str_equal (d->type, "narrative"))
        body = narrative_body (store, d->uuid, NULL, error);
      else if (g_str_equal (d->type, "commitment"))
        body = commitment_body (store, d->uuid, error);
      else if (g_str_equal (d->type, "response"))
        body = response_body (store, d->id, &uuid, error);
      else if (g_str_equal (d->type, "follow_up"))
        body = follow_up_body (store, d->uuid, error);
      else if (g_str_equal (d->type, "contribution"))
        body = in_person_body (store, d->uuid, error);
      else if (g_str_equal (d->type, "highlight"))
        body = highlight_body (store, d->uuid, error);
      else
        body = process_body (store, d->id, &uuid, error);
      if (body == NULL && d->put)
        goto out;
      if (!enqueue_put_full (store, d->type, d->uuid, body, FALSE, error))
        goto out;
      queued += sqlite3_changes (dlg_store_get_db (store)) > 0;
    }

  for (guint i = 0; i < events->len; i++)
    {
      char **e = events->pdata[i];
      g_autofree char *body = moderation_body (e[0], e[1], e[2], e[3], e[4]);
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_post, error);

      if (stmt == NULL)
        goto out;
      dlg_stmt_bind_text (stmt, 1, "moderation");
      dlg_stmt_bind_text (stmt, 2, e[1]);
      dlg_stmt_bind_text (stmt, 3, DLG_SYNC_API_PREFIX "moderation");
      dlg_stmt_bind_text (stmt, 4, body);
      dlg_stmt_bind_text (stmt, 5, e[0]);
      dlg_stmt_bind_text (stmt, 6, now);
      if (!dlg_store_step_done (store, stmt, error))
        goto out;
      queued++;
    }
  ok = TRUE;

out:
  for (guint i = 0; i < dirty->len; i++)
    {
      g_free (g_array_index (dirty, Dirty, i).type);
      g_free (g_array_index (dirty, Dirty, i).uuid);
    }
  if (!ok)
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (queued > 0)
    dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  if (n_queued != NULL)
    *n_queued = queued;
  return TRUE;
}

/* What the officer wants public, whether the site has a version, and whether that version is
 * the app's, per type of object. */
static const struct { const char *type; const char *sql; } publication_sql[] = {
  { "follow_up",
    "SELECT published, etag IS NOT NULL, sync_state = 'synced' FROM follow_up WHERE uuid = ?1" },
  { "contribution",
    "SELECT moderation = 'published' AND kind <> 'registration', remote_rev IS NOT NULL,"
    "  sync_state = 'synced' AND NOT EXISTS (SELECT 1 FROM moderation_event e"
    "  WHERE e.contribution_id = contribution.id AND e.sync_state = 'created')"
    "  FROM contribution WHERE uuid = ?1" },
  { "highlight",
    "SELECT coalesce (a.highlighted, 0), a.highlight_etag IS NOT NULL,"
    "  coalesce (a.highlight_sync, 'synced') = 'synced' FROM contribution c"
    "  LEFT JOIN contribution_annotation a ON a.contribution_id = c.id WHERE c.uuid = ?1" },
  { "narrative",
    "SELECT state = 'published', etag IS NOT NULL, sync_state = 'synced' FROM narrative"
    "  WHERE uuid = ?1" },
  { "response",
    "SELECT published_at IS NOT NULL, etag IS NOT NULL, sync_state = 'synced' FROM response"
    "  WHERE uuid = ?1" },
};
static const char sql_publication_refused[] =
  "SELECT 1 FROM outbox WHERE object_type = ?1 AND object_uuid = ?2 AND method <> 'POST'"
  "  AND state = 'failed'";

/**
 * dlg_sync_get_publication:
 * @object_type: "follow_up", "contribution" (in person, mail or phone), "highlight" (named by
 *   its contribution's uuid), "narrative" or "response"
 *
 * Says where the object stands with the site, from the local state only: what the officer
 * asked for, and what the last sync confirmed.
 *
 * Returns: a #DlgSyncPublication (%DLG_SYNC_PUBLICATION_LOCAL for an unknown object)
 */
DlgSyncPublication
dlg_sync_get_publication (DlgStore    *store,
                          const char  *object_type,
                          const char  *object_uuid)
{
  gboolean wanted, on_site, synced;

  g_return_val_if_fail (DLG_IS_STORE (store), DLG_SYNC_PUBLICATION_LOCAL);
  g_return_val_if_fail (object_uuid != NULL, DLG_SYNC_PUBLICATION_LOCAL);

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_publication_refused, NULL);

    if (stmt != NULL)
      {
        dlg_stmt_bind_text (stmt, 1, object_type);
        dlg_stmt_bind_text (stmt, 2, object_uuid);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          return DLG_SYNC_PUBLICATION_REFUSED;
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (publication_sql); i++)
    {
      g_autoptr(DlgStmt) stmt = NULL;

      if (g_strcmp0 (publication_sql[i].type, object_type) != 0)
        continue;
      stmt = dlg_store_prepare (store, publication_sql[i].sql, NULL);
      if (stmt == NULL)
        return DLG_SYNC_PUBLICATION_LOCAL;
      dlg_stmt_bind_text (stmt, 1, object_uuid);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return DLG_SYNC_PUBLICATION_LOCAL;
      wanted = sqlite3_column_int (stmt, 0) != 0;
      on_site = sqlite3_column_int (stmt, 1) != 0;
      synced = sqlite3_column_int (stmt, 2) != 0;
      if (wanted && on_site)
        return synced ? DLG_SYNC_PUBLICATION_ON_SITE : DLG_SYNC_PUBLICATION_CHANGED;
      if (wanted)
        return DLG_SYNC_PUBLICATION_PENDING;
      return on_site && !synced ? DLG_SYNC_PUBLICATION_LEAVING : DLG_SYNC_PUBLICATION_LOCAL;
    }
  return DLG_SYNC_PUBLICATION_LOCAL;
}

/* ------------------------------------------------------------------------------------------ */
/* What the client does with the outbox                                                        */

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

char *
dlg_outbox_get_etag (DlgStore     *store,
                     DlgOutboxRow *row)
{
  const DlgSyncAdapter *adapter = dlg_sync_adapter_lookup (row->object_type);
  g_autoptr(DlgStmt) stmt = NULL;

  if (adapter == NULL)
    return NULL;
  stmt = dlg_store_prepare (store, adapter->sql_get_etag, NULL);
  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, row->object_uuid);
  /* A row deleted locally (DELETE queued by a trigger) left its ETag in the outbox. */
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (row->etag_expected);
  return dlg_stmt_dup_text (stmt, 0);
}

static gint64
current_generation (DlgStore     *store,
                    DlgOutboxRow *row,
                    GError      **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_generation, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (!step_row (store, stmt, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* The site accepted @row: record the site's ETag and revision, and drop the row unless the
 * officer changed the object again while it was on its way. */
gboolean
dlg_outbox_sent (DlgStore      *store,
                 DlgOutboxRow  *row,
                 const char    *etag,
                 gint64         rev,
                 GError       **error)
{
  const DlgSyncAdapter *adapter = dlg_sync_adapter_lookup (row->object_type);
  gint64 generation;
  gboolean changed_since;

  if (!dlg_store_begin (store, error))
    return FALSE;
  generation = current_generation (store, row, error);
  changed_since = generation != row->generation;
  if (generation < 0 && error != NULL && *error != NULL)
    goto fail;

  if (g_strcmp0 (row->method, "POST") == 0)
    {
      if (!exec_uuid (store, sql_moderation_sent, row->idempotency_key, error))
        goto fail;
      if (rev > 0)
        {
          g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_contribution_remote_rev, error);

          if (stmt == NULL)
            goto fail;
          dlg_stmt_bind_text (stmt, 1, row->object_uuid);
          sqlite3_bind_int64 (stmt, 2, rev);
          if (!dlg_store_step_done (store, stmt, error))
            goto fail;
        }
    }
  else if (g_strcmp0 (row->method, "DELETE") == 0)
    {
      int index = adapter_index (row->object_type);

      if (!changed_since && !exec_uuid (store, sql_delete_object[index], row->object_uuid, error))
        goto fail;
    }
  else if (adapter != NULL)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, adapter->sql_set_sent, error);

      if (stmt == NULL)
        goto fail;
      dlg_stmt_bind_text (stmt, 1, row->object_uuid);
      dlg_stmt_bind_text (stmt, 2, etag);
      sqlite3_bind_int64 (stmt, 3, rev);
      dlg_stmt_bind_text (stmt, 4, changed_since ? "modified" : "synced");
      if (!dlg_store_step_done (store, stmt, error))
        goto fail;
    }

  if (changed_since)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_etag_expected, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, row->id);
      dlg_stmt_bind_text (stmt, 2, etag);
      if (!dlg_store_step_done (store, stmt, error))
        goto fail;
    }
  else
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_delete_if_same, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->generation);
      if (!dlg_store_step_done (store, stmt, error))
        goto fail;
    }
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
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
  return dlg_store_step_done (store, stmt, error);
}

/* A 412: keep the local version (the outbox body, which is the newest), the site's version and
 * its ETag; hold the row until the officer chooses. */
gboolean
dlg_outbox_conflict (DlgStore      *store,
                     DlgOutboxRow  *row,
                     const char    *site_json,
                     const char    *site_etag,
                     GError       **error)
{
  const DlgSyncAdapter *adapter = dlg_sync_adapter_lookup (row->object_type);
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *local_json = NULL;

  if (adapter == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, "no adapter for %s", row->object_type);
      return FALSE;
    }
  if (!dlg_store_begin (store, error))
    return FALSE;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_of_object, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, row->object_type);
    dlg_stmt_bind_text (stmt, 2, row->object_uuid);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      local_json = dlg_stmt_dup_text (stmt, 1);
  }
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
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_set_conflict, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, row->id);
    dlg_stmt_bind_text (stmt, 2, now);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, adapter->sql_set_state, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, row->object_uuid);
    dlg_stmt_bind_text (stmt, 2, "conflict");
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_CONFLICT, 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Counts, conflicts and their resolution                                                      */

static gint64
count (DlgStore    *store,
       const char  *sql,
       GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL || !step_row (store, stmt, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * dlg_sync_count_pending:
 *
 * Returns: the number of changes waiting to be pushed (including those held by a conflict),
 *   or -1 with @error set
 */
gint64
dlg_sync_count_pending (DlgStore  *store,
                        GError   **error)
{
  return dlg_sync_count_pending_for (store, FALSE, error);
}

/**
 * dlg_sync_count_pending_for:
 * @include_demo: count the changes of the demo processes too (training mode)
 *
 * Returns: as dlg_sync_count_pending(), for a sync that does or does not take the demo
 */
gint64
dlg_sync_count_pending_for (DlgStore  *store,
                            gboolean   include_demo,
                            GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), -1);

  stmt = dlg_store_prepare (store, sql_count_dirty, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, include_demo ? 1 : 0);
  if (!step_row (store, stmt, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
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
  g_return_val_if_fail (DLG_IS_STORE (store), -1);

  return count (store, sql_conflict_count, error);
}

G_DEFINE_POINTER_TYPE (DlgSyncOutbox, dlg_sync_outbox)
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
  const DlgSyncAdapter *adapter;

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->object_type = dlg_stmt_dup_text (stmt, 1);
  conflict->object_uuid = dlg_stmt_dup_text (stmt, 2);
  conflict->local_json = dlg_stmt_dup_text (stmt, 3);
  conflict->site_json = dlg_stmt_dup_text (stmt, 4);
  conflict->site_etag = dlg_stmt_dup_text (stmt, 5);
  conflict->detected_at = dlg_stmt_dup_text (stmt, 6);

  adapter = dlg_sync_adapter_lookup (conflict->object_type);
  if (adapter != NULL)
    {
      g_autoptr(DlgStmt) title = dlg_store_prepare (store, adapter->sql_title, NULL);

      if (title != NULL)
        {
          dlg_stmt_bind_text (title, 1, conflict->object_uuid);
          if (sqlite3_step (title) == SQLITE_ROW)
            conflict->title = dlg_stmt_dup_text (title, 0);
        }
    }
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
set_object_etag (DlgStore              *store,
                 const DlgSyncAdapter  *adapter,
                 const char            *uuid,
                 const char            *etag,
                 const char            *state,
                 GError               **error)
{
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, adapter->sql_set_etag, error);

    if (stmt == NULL)
      return FALSE;
    dlg_stmt_bind_text (stmt, 1, uuid);
    dlg_stmt_bind_text (stmt, 2, etag);
    if (!dlg_store_step_done (store, stmt, error))
      return FALSE;
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, adapter->sql_set_state, error);

    if (stmt == NULL)
      return FALSE;
    dlg_stmt_bind_text (stmt, 1, uuid);
    dlg_stmt_bind_text (stmt, 2, state);
    return dlg_store_step_done (store, stmt, error);
  }
}

static gboolean
take_theirs (DlgStore              *store,
             const DlgSyncAdapter  *adapter,
             DlgSyncConflict       *conflict,
             GError               **error)
{
  int index = adapter_index (conflict->object_type);

  if (conflict->site_json == NULL)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, adapter->sql_set_state, error);

      /* The site deleted it: so be it locally too ("deleted" first, so that nothing is queued
       * for the site, which no longer has it). */
      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, conflict->object_uuid);
      dlg_stmt_bind_text (stmt, 2, "deleted");
      if (!dlg_store_step_done (store, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, dlg_stmt_release);
      if (!exec_uuid (store, sql_delete_object[index], conflict->object_uuid, error))
        return FALSE;
    }
  else
    {
      g_autoptr(JsonObject) site = dlg_sync_parse_object (conflict->site_json, -1, error);

      if (site == NULL ||
          !adapter->apply_remote (store, conflict->object_uuid, site, error) ||
          !set_object_etag (store, adapter, conflict->object_uuid, conflict->site_etag,
                            "synced", error))
        return FALSE;
    }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_delete_object, error);

    if (stmt == NULL)
      return FALSE;
    dlg_stmt_bind_text (stmt, 1, conflict->object_type);
    dlg_stmt_bind_text (stmt, 2, conflict->object_uuid);
    return dlg_store_step_done (store, stmt, error);
  }
}

static gboolean
keep_mine (DlgStore              *store,
           const DlgSyncAdapter  *adapter,
           DlgSyncConflict       *conflict,
           GError               **error)
{
  g_autofree char *now = dlg_now_iso8601 ();
  gint64 outbox_id = -1;

  /* The next push goes with If-Match: the site's ETag (or If-None-Match: * if the site deleted
   * it), so that it replaces exactly the version the officer saw. */
  if (!set_object_etag (store, adapter, conflict->object_uuid, conflict->site_etag,
                        conflict->site_etag != NULL ? "modified" : "created", error))
    return FALSE;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_of_object, error);

    if (stmt == NULL)
      return FALSE;
    dlg_stmt_bind_text (stmt, 1, conflict->object_type);
    dlg_stmt_bind_text (stmt, 2, conflict->object_uuid);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      outbox_id = sqlite3_column_int64 (stmt, 0);
  }
  if (outbox_id < 0)
    return enqueue_put (store, conflict->object_type, conflict->object_uuid,
                        conflict->local_json, error);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_outbox_resume, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, outbox_id);
    dlg_stmt_bind_text (stmt, 2, now);
    return dlg_store_step_done (store, stmt, error);
  }
}

/* The record type of an outbox object type, for DlgStore::changed (a highlight is an
 * annotation of a contribution). */
static GType
object_gtype (const char *object_type)
{
  static const struct
  {
    const char *object_type;
    GType     (*get_type) (void);
  } types[] = {
    { "process", dlg_process_get_type },
    { "narrative", dlg_narrative_get_type },
    { "response", dlg_response_get_type },
    { "commitment", dlg_commitment_get_type },
    { "follow_up", dlg_follow_up_get_type },
    { "contribution", dlg_contribution_get_type },
    { "highlight", dlg_contribution_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (object_type, types[i].object_type) == 0)
      return types[i].get_type ();
  g_return_val_if_reached (DLG_TYPE_SYNC_CONFLICT);
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
  const DlgSyncAdapter *adapter;
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
  adapter = dlg_sync_adapter_lookup (conflict->object_type);
  g_assert (adapter != NULL);

  switch (resolution)
    {
    case DLG_SYNC_KEEP_MINE:
      resolved = "mine";
      if (!keep_mine (store, adapter, conflict, error))
        goto fail;
      break;
    case DLG_SYNC_KEEP_THEIRS:
      resolved = "theirs";
      if (!take_theirs (store, adapter, conflict, error))
        goto fail;
      break;
    case DLG_SYNC_KEEP_MINE_AS_COPY:
      {
        g_autoptr(JsonObject) mine = NULL;
        g_autofree char *copy = NULL;

        resolved = "copy";
        if (adapter->copy_local == NULL)
          {
            g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                         _("Only narratives and commitments can be kept as a copy: choose "
                           "between your version and the site's."));
            goto fail;
          }
        mine = dlg_sync_parse_object (conflict->local_json, -1, error);
        if (mine == NULL)
          goto fail;
        copy = adapter->copy_local (store, conflict->object_uuid, mine, error);
        if (copy == NULL || !take_theirs (store, adapter, conflict, error))
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
  dlg_store_emit_changed (store, object_gtype (conflict->object_type), 0);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
