/* dlg-publication-json.c — the body each published record has on the public site (sync v1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These bodies are the wire: the site and its tests read them member by member, so their members,
 * order and types stay what they are (tests/fixtures/sync/outbox-demo.txt holds them).
 */

#define G_LOG_DOMAIN "dlg-publication"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlg-error.h"
#include "dlg-profile.h"
#include "dlg-publication.h"
#include "dlg-store-private.h"

static const char sql_narrative_body[] =
  "SELECT n.uuid, p.uuid, n.stage, n.title, n.body_md, n.state, n.published_at, n.process_id"
  "  FROM narrative n JOIN process p ON p.id = n.process_id WHERE n.uuid = ?1";
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
static const char sql_response_body[] =
  "SELECT r.uuid, p.uuid, r.intro, r.published_at FROM response r"
  "  JOIN process p ON p.id = r.process_id WHERE r.process_id = ?1";
static const char sql_response_positions[] =
  "SELECT rec.uuid, rec.number, rec.title, rec.body, pos.value, pos.justification"
  "  FROM recommendation rec JOIN position pos ON pos.recommendation_id = rec.id"
  "  WHERE rec.process_id = ?1 AND pos.value IS NOT NULL ORDER BY rec.number";
static const char sql_commitment_body[] =
  "SELECT c.uuid, p.uuid, rec.number, c.title, c.department, c.due_date, c.status, c.progress"
  "  FROM commitment c JOIN process p ON p.id = c.process_id"
  "  JOIN position pos ON pos.id = c.position_id"
  "  JOIN recommendation rec ON rec.id = pos.recommendation_id WHERE c.uuid = ?1";
static const char sql_commitment_updates[] =
  "SELECT u.uuid, u.dated, u.progress, u.status, u.text FROM commitment_update u"
  "  JOIN commitment c ON c.id = u.commitment_id WHERE c.uuid = ?1 ORDER BY u.dated, u.id";
static const char sql_response_sources[] =
  "SELECT c.uuid FROM recommendation_source s JOIN contribution c ON c.id = s.contribution_id"
  "  JOIN recommendation rec ON rec.id = s.recommendation_id WHERE rec.uuid = ?1"
  "  ORDER BY c.created_at, c.id";

static const char sql_follow_up_body[] =
  "SELECT f.uuid, p.uuid, f.kind, f.dated, f.title, f.body FROM follow_up f"
  "  JOIN process p ON p.id = f.process_id WHERE f.uuid = ?1";
static const char sql_in_person_body[] =
  "SELECT c.uuid, p.uuid, c.feature, c.kind, c.channel, c.parent_uuid, c.author_ref, c.title,"
  "  c.body, c.lat, c.lon, c.created_at, c.moderation, c.moderation_reason"
  "  FROM contribution c JOIN process p ON p.id = c.process_id WHERE c.uuid = ?1";
static const char sql_highlight_body[] =
  "SELECT c.uuid, p.uuid FROM contribution c JOIN process p ON p.id = c.process_id"
  "  WHERE c.uuid = ?1";

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
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

typedef struct
{
  const char *member;
  int         column;
} Member;

/* A body of text members read from one row (NULL columns as null). */
static char *
row_to_json (DlgStore      *store,
             const char    *sql,
             const char    *uuid,
             const char    *what,
             const Member  *members,
             guint          n_members,
             GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  if (!step_row (store, stmt, error))
    return not_found (error, what), NULL;
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_members; i++)
    add_column (builder, members[i].member, stmt, members[i].column);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}

/**
 * dlg_publication_narrative_to_json:
 *
 * Returns: (transfer full): the body of the narrative on the site, or %NULL with @error set
 */
char *
dlg_publication_narrative_to_json (DlgStore    *store,
                                   const char  *uuid,
                                   GError     **error)
{
  static const Member members[] = {
    { "process_id", 1 }, { "stage", 2 }, { "title", 3 }, { "body_md", 4 }, { "state", 5 },
    { "published_at", 6 }
  };

  return row_to_json (store, sql_narrative_body, uuid, _("The narrative"), members,
                      G_N_ELEMENTS (members), error);
}

/**
 * dlg_publication_process_to_json:
 * @uuid_out: (out) (optional): the process's uuid
 *
 * Returns: (transfer full): the public page of the process (question, perimeter, rules of the
 *   game, features, stage timeline, profile vocabulary), or %NULL with @error set
 */
char *
dlg_publication_process_to_json (DlgStore  *store,
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

/**
 * dlg_publication_response_to_json:
 * @uuid_out: (out) (optional): the response's uuid
 *
 * Returns: (transfer full): the argued response of the process with its positions and their
 *   sources, or %NULL with @error set
 */
char *
dlg_publication_response_to_json (DlgStore  *store,
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
    if (uuid_out != NULL)
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

/**
 * dlg_publication_commitment_to_json:
 *
 * Returns: (transfer full): the commitment and its dated updates, or %NULL with @error set
 */
char *
dlg_publication_commitment_to_json (DlgStore    *store,
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

/**
 * dlg_publication_follow_up_to_json:
 *
 * Returns: (transfer full): the follow-up item, or %NULL with @error set
 */
char *
dlg_publication_follow_up_to_json (DlgStore    *store,
                                   const char  *uuid,
                                   GError     **error)
{
  static const Member members[] = {
    { "process_id", 1 }, { "kind", 2 }, { "dated", 3 }, { "title", 4 }, { "body", 5 }
  };

  return row_to_json (store, sql_follow_up_body, uuid, _("The follow-up item"), members,
                      G_N_ELEMENTS (members), error);
}

/* A contribution the team typed in (in person, mail, phone), as the site's change feed carries
 * contributions, with its channel. */
char *
dlg_publication_contribution_to_json (DlgStore    *store,
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

/* The team's highlight of a contribution: an object of its own on the site, named by the
 * contribution's uuid, created when highlighted and deleted when no longer. */
char *
dlg_publication_highlight_to_json (DlgStore    *store,
                                   const char  *uuid,
                                   GError     **error)
{
  static const Member members[] = {
    { "process_id", 1 }, { "contribution_id", 0 }
  };

  return row_to_json (store, sql_highlight_body, uuid, _("The contribution"), members,
                      G_N_ELEMENTS (members), error);
}

/**
 * dlg_publication_moderation_to_json:
 *
 * Returns: (transfer full): the body of the POST of a moderation decision
 */
char *
dlg_publication_moderation_to_json (const DlgModerationEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_text (builder, "id", event->uuid);
  add_text (builder, "contribution_id", event->contribution_uuid);
  add_text (builder, "state", event->state);
  add_text (builder, "reason", event->reason != NULL ? event->reason : "");
  add_text (builder, "decided_at", event->decided_at);
  json_builder_end_object (builder);
  return builder_to_string (builder);
}
