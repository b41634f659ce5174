/* dlg-publication-json.c — the body each published record has on the public site (sync v1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These bodies are the wire: the site and its tests read them member by member, so their members,
 * order and types stay what they are (tests/fixtures/sync/outbox-demo.txt holds them).
 *
 * A record's members are the fields of its table that have a json_name (DlgField), in the
 * table's order, typed by their kind: one Body per published shape says which record types a
 * row joins (t, and u), where the row comes from, and which members come first (the record's
 * uuid, the process's); add_objects() builds its SELECT from the tables once and writes the
 * rows. What is not a record's field (the mandate's texts, the features, the timeline, the
 * profile) is written here by hand.
 */

#define G_LOG_DOMAIN "dlg-publication"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlg-error.h"
#include "dlg-profile.h"
#include "dlg-publication.h"
#include "dlg-commitment.h"
#include "dlg-commitment-update.h"
#include "dlg-follow-up.h"
#include "dlg-narrative.h"
#include "dlg-position.h"
#include "dlg-process.h"
#include "dlg-recommendation.h"
#include "dlg-response.h"
#include "dlg-publication-private.h"

static const char sql_process_fields[] =
  "SELECT key, value FROM process_field WHERE process_id = ?1";
static const char sql_process_features[] =
  "SELECT feature, enabled, rules, opens_at, closes_at FROM feature_activation"
  "  WHERE process_id = ?1 ORDER BY feature";
static const char sql_process_stages[] =
  "SELECT stage, state, reason, started_at, ended_at FROM stage_state WHERE process_id = ?1"
  "  ORDER BY rank";
static const char sql_in_person_body[] =
  "SELECT c.uuid, p.uuid, c.feature, c.kind, c.channel, c.parent_uuid, c.author_ref, c.title,"
  "  c.body, c.lat, c.lon, c.created_at, c.moderation, c.moderation_reason"
  "  FROM contribution c JOIN process p ON p.id = c.process_id WHERE c.uuid = ?1";
static const char sql_response_sources[] =
  "SELECT c.uuid FROM recommendation_source s JOIN contribution c ON c.id = s.contribution_id"
  "  JOIN recommendation rec ON rec.id = s.recommendation_id WHERE rec.uuid = ?1"
  "  ORDER BY c.created_at, c.id";
static const char sql_highlight_body[] =
  "SELECT c.uuid, p.uuid FROM contribution c JOIN process p ON p.id = c.process_id"
  "  WHERE c.uuid = ?1";

#define OF_PROCESS "JOIN process p ON p.id = t.process_id"

typedef struct
{
  GType      (*type) (void);   /* the record whose fields are the members, as t */
  GType      (*also) (void);   /* (nullable) a second record in the same row, as u */
  const char  *id_member;      /* (nullable) the member of t's uuid, first */
  gboolean     process_member; /* "process_id": the process's uuid (p), next */
  const char  *from;           /* FROM … WHERE … with ?1 the uuid or the id asked for */
  /* (nullable) a field of t read from another expression than its column (its json_name is
   * what the wire calls it): the property, then the SQL */
  const char  *property;
  const char  *expression;
  const char  *what;           /* (nullable) "%s was not found."; NULL: a list, maybe empty */
  char        *sql;            /* built once */
} Body;

static Body narrative_body = {
  dlg_narrative_get_type, NULL, NULL, TRUE,
  "FROM narrative t " OF_PROCESS " WHERE t.uuid = ?1",
  NULL, NULL, N_("The narrative")
};
static Body process_body = {
  dlg_process_get_type, NULL, NULL, FALSE,
  "FROM process t WHERE t.id = ?1",
  NULL, NULL, N_("The process")
};
static Body response_body = {
  dlg_response_get_type, NULL, NULL, TRUE,
  "FROM response t " OF_PROCESS " WHERE t.process_id = ?1",
  NULL, NULL, N_("The argued response")
};
/* The positions of the response: each with its recommendation. */
static Body position_body = {
  dlg_recommendation_get_type, dlg_position_get_type, "recommendation_id", FALSE,
  "FROM recommendation t JOIN position u ON u.recommendation_id = t.id"
  "  WHERE t.process_id = ?1 AND u.value IS NOT NULL ORDER BY t.number",
  NULL, NULL, NULL
};
/* A commitment names the recommendation its position answers by its number. */
static Body commitment_body = {
  dlg_commitment_get_type, NULL, NULL, TRUE,
  "FROM commitment t " OF_PROCESS " JOIN position pos ON pos.id = t.position_id"
  "  JOIN recommendation rec ON rec.id = pos.recommendation_id WHERE t.uuid = ?1",
  "position-id", "rec.number", N_("The commitment")
};
static Body commitment_update_body = {
  dlg_commitment_update_get_type, NULL, "id", FALSE,
  "FROM commitment_update t JOIN commitment c ON c.id = t.commitment_id"
  "  WHERE c.uuid = ?1 ORDER BY t.dated, t.id",
  NULL, NULL, NULL
};
static Body follow_up_body = {
  dlg_follow_up_get_type, NULL, NULL, TRUE,
  "FROM follow_up t " OF_PROCESS " WHERE t.uuid = ?1",
  NULL, NULL, N_("The follow-up item")
};

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

/* The fields of @type on the wire, in its table's order. */
static const DlgRecordInfo *
info_of (GType (*type) (void))
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type ());

  return dlg_record_class_get_info (DLG_RECORD_CLASS (klass));
}

static void
append_columns (GString    *sql,
                const Body *body,
                GType     (*type) (void),
                const char *alias)
{
  const DlgRecordInfo *info = info_of (type);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];

      if (field->json_name == NULL)
        continue;
      if (type == body->type && g_strcmp0 (field->property, body->property) == 0)
        g_string_append_printf (sql, ", %s", body->expression);
      else
        g_string_append_printf (sql, ", %s.%s", alias, field->column);
    }
}

/* SELECT t.uuid, the process's uuid, then the members' columns of t and u. */
static const char *
body_sql (Body *body)
{
  if (g_once_init_enter (&body->sql))
    {
      GString *sql = g_string_new ("SELECT t.uuid, ");

      g_string_append (sql, body->process_member ? "p.uuid" : "NULL");
      append_columns (sql, body, body->type, "t");
      if (body->also != NULL)
        append_columns (sql, body, body->also, "u");
      g_string_append_printf (sql, " %s", body->from);
      g_once_init_leave (&body->sql, g_string_free (sql, FALSE));
    }
  return body->sql;
}

/* The members of @type's fields from @stmt's column *@column on, typed by their kind. */
static void
add_fields (JsonBuilder   *builder,
            GType        (*type) (void),
            sqlite3_stmt  *stmt,
            int           *column)
{
  const DlgRecordInfo *info = info_of (type);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];
      int c;

      if (field->json_name == NULL)
        continue;
      c = (*column)++;
      switch (field->kind)
        {
        case DLG_FIELD_INT64:
        case DLG_FIELD_INT:
          json_builder_set_member_name (builder, field->json_name);
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, c));
          break;
        case DLG_FIELD_BOOLEAN:
          json_builder_set_member_name (builder, field->json_name);
          json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, c) != 0);
          break;
        case DLG_FIELD_DOUBLE:
          json_builder_set_member_name (builder, field->json_name);
          if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_double_value (builder, sqlite3_column_double (stmt, c));
          break;
        case DLG_FIELD_STRING:
        case DLG_FIELD_TEXT:
        case DLG_FIELD_DATE:
        case DLG_FIELD_ENUM:
        default:
          add_column (builder, field->json_name, stmt, c);
        }
    }
}

/* What follows a row's members (its positions, its updates, its sources); may be NULL. */
typedef gboolean (*AddMore) (DlgStore      *store,
                             JsonBuilder   *builder,
                             sqlite3_stmt  *row,
                             GError       **error);

/**
 * add_objects:
 * @uuid: (nullable): the key ?1 as text; %NULL: @id
 * @array: one object a row in an array (a list), else the one row (which must exist)
 * @uuid_out: (out) (optional): the record's uuid (the one row)
 *
 * Writes @body's rows for the key: for each, an object with the uuid member, the process
 * member, the members of its records' fields, then what @more adds.
 */
static gboolean
add_objects (DlgStore     *store,
             JsonBuilder  *builder,
             Body         *body,
             const char   *uuid,
             gint64        id,
             gboolean      array,
             AddMore       more,
             char        **uuid_out,
             GError      **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, body_sql (body), error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (uuid != NULL)
    dlg_stmt_bind_text (stmt, 1, uuid);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (array)
    json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int column = 2;

      if (uuid_out != NULL)
        *uuid_out = dlg_stmt_dup_text (stmt, 0);
      json_builder_begin_object (builder);
      if (body->id_member != NULL)
        add_column (builder, body->id_member, stmt, 0);
      if (body->process_member)
        add_column (builder, "process_id", stmt, 1);
      add_fields (builder, body->type, stmt, &column);
      if (body->also != NULL)
        add_fields (builder, body->also, stmt, &column);
      if (more != NULL && !more (store, builder, stmt, error))
        return FALSE;
      if (!array)
        return TRUE;   /* the caller adds its members and ends the object */
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), FALSE;
  if (!array)
    return dlg_publication_not_found (error, _(body->what));
  json_builder_end_array (builder);
  return TRUE;
}

/* A body of one record, nothing after its fields. */
static char *
record_to_json (DlgStore    *store,
                Body        *body,
                const char  *uuid,
                GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!add_objects (store, builder, body, uuid, 0, FALSE, NULL, NULL, error))
    return NULL;
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
  return record_to_json (store, &narrative_body, uuid, error);
}

/* A member read from a column of a row that is no record's table (a contribution's body is
 * its own, what the site's feed carries; a feature, a stage of the timeline). */
typedef struct
{
  const char *member;
  int         column;   /* -1: no column */
  enum { AS_TEXT, AS_NUMBER, AS_BOOLEAN, AS_NULL, AS_ZERO } as;
} Column;

static void
add_columns (JsonBuilder   *builder,
             sqlite3_stmt  *stmt,
             const Column  *columns,
             guint          n_columns)
{
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_columns; i++)
    {
      const Column *c = &columns[i];

      if (c->as == AS_TEXT)
        {
          add_column (builder, c->member, stmt, c->column);
          continue;
        }
      json_builder_set_member_name (builder, c->member);
      if (c->as == AS_ZERO)
        json_builder_add_int_value (builder, 0);
      else if (c->as == AS_BOOLEAN)
        json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, c->column) != 0);
      else if (c->as == AS_NULL || sqlite3_column_type (stmt, c->column) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, sqlite3_column_double (stmt, c->column));
    }
  json_builder_end_object (builder);
}

/* The array @member of the process's rows of @sql, one object of @columns each. */
static gboolean
add_rows (DlgStore      *store,
          JsonBuilder   *builder,
          const char    *member,
          const char    *sql,
          gint64         process_id,
          const Column  *columns,
          guint          n_columns,
          GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_columns (builder, stmt, columns, n_columns);
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), FALSE;
  return TRUE;
}

/* The one row of @sql for @uuid (a contribution) as an object of @columns. */
static char *
columns_to_json (DlgStore      *store,
                 const char    *sql,
                 const char    *uuid,
                 const Column  *columns,
                 guint          n_columns,
                 GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (stmt == NULL)
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  if (!dlg_publication_step_row (store, stmt, _("The contribution"), error))
    return NULL;
  add_columns (builder, stmt, columns, n_columns);
  return builder_to_string (builder);
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
  static const Column feature_columns[] = {
    { "feature", 0 }, { "enabled", 1, AS_BOOLEAN }, { "rules", 2 }, { "opens_at", 3 },
    { "closes_at", 4 },
  };
  static const Column stage_columns[] = {
    { "stage", 0 }, { "state", 1 }, { "reason", 2 }, { "started_at", 3 }, { "ended_at", 4 },
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

  /* Title, summary, policy cycle; an archived process takes no contribution or registration
   * any more on the site. */
  if (!add_objects (store, builder, &process_body, NULL, process_id, FALSE, NULL, uuid_out,
                    error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = g_hash_table_lookup (values, fields[i].key);

      add_text (builder, fields[i].member, value != NULL ? value : "");
    }

  if (!add_rows (store, builder, "features", sql_process_features, process_id, feature_columns,
                 G_N_ELEMENTS (feature_columns), error) ||
      !add_rows (store, builder, "stages", sql_process_stages, process_id, stage_columns,
                 G_N_ELEMENTS (stage_columns), error))
    return NULL;

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
        add_text (builder, "category", category->category);
        add_text (builder, "label", category->label);
        json_builder_set_member_name (builder, "required");
        json_builder_add_boolean_value (builder, category->required);
        json_builder_set_member_name (builder, "values");
        json_builder_begin_array (builder);
        for (guint v = 0; v < category->values->len; v++)
          {
            const DlgProfileValue *value = g_ptr_array_index (category->values, v);

            json_builder_begin_object (builder);
            add_text (builder, "value", value->value);
            add_text (builder, "label", value->label);
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
add_sources (DlgStore      *store,
             JsonBuilder   *builder,
             sqlite3_stmt  *row,
             GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_response_sources, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, (const char *) sqlite3_column_text (row, 0));
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

  if (!add_objects (store, builder, &response_body, NULL, process_id, FALSE, NULL, uuid_out,
                    error))
    return NULL;
  json_builder_set_member_name (builder, "positions");
  if (!add_objects (store, builder, &position_body, NULL, process_id, TRUE, add_sources, NULL,
                    error))
    return NULL;
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

  if (!add_objects (store, builder, &commitment_body, uuid, 0, FALSE, NULL, NULL, error))
    return NULL;
  json_builder_set_member_name (builder, "updates");
  if (!add_objects (store, builder, &commitment_update_body, uuid, 0, TRUE, NULL, NULL, error))
    return NULL;
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
  return record_to_json (store, &follow_up_body, uuid, error);
}

/* A contribution the team typed in (in person, mail, phone), as the site's change feed carries
 * contributions, with its channel. */
char *
dlg_publication_contribution_to_json (DlgStore    *store,
                                      const char  *uuid,
                                      GError     **error)
{
  static const Column columns[] = {
    { "process_id", 1 }, { "feature", 2 }, { "kind", 3 }, { "channel", 4 }, { "parent_id", 5 },
    { "author_ref", 6 }, { "title", 7 }, { "body", 8 }, { "lat", 9, AS_NUMBER },
    { "lon", 10, AS_NUMBER }, { "answers", -1, AS_NULL }, { "created_at", 11 },
    { "moderation", 12 }, { "moderation_reason", 13 }, { "supports", -1, AS_ZERO },
  };

  return columns_to_json (store, sql_in_person_body, uuid, columns, G_N_ELEMENTS (columns),
                          error);
}

/* The team's highlight of a contribution: an object of its own on the site, named by the
 * contribution's uuid, created when highlighted and deleted when no longer. */
char *
dlg_publication_highlight_to_json (DlgStore    *store,
                                   const char  *uuid,
                                   GError     **error)
{
  static const Column columns[] = { { "process_id", 1 }, { "contribution_id", 0 } };

  return columns_to_json (store, sql_highlight_body, uuid, columns, G_N_ELEMENTS (columns),
                          error);
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
