/* dlg-site-api.c — sync protocol v1, server side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See doc/sync-v1-contract.md and data/sync-v1.openapi.yaml. Endpoints:
 *   GET    /api/sync/v1/                      discovery
 *   GET    /api/sync/v1/changes               change feed (contributions, registrations)
 *   PUT    /api/sync/v1/<collection>/<uuid>   create (If-None-Match: *) or update (If-Match)
 *   GET    /api/sync/v1/<collection>/<uuid>   one object with its ETag
 *   DELETE /api/sync/v1/<collection>/<uuid>   tombstone (If-Match)
 *   POST   /api/sync/v1/moderation            moderation decision (Idempotency-Key)
 *   POST   /api/sync/v1/erasures              GDPR erasure of personal data (Idempotency-Key)
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <string.h>

#include "dlg-site-private.h"

#define API_PREFIX "/api/sync/v1"

#define STR(n, flags, max) { n, DLG_JT_STRING, flags, NULL, 0, max, NULL }
#define OPT_STR(n, max) STR (n, DLG_JF_NULLABLE, max)
/* One of the ids of a vocabulary of the core (dlg-vocabularies.h). */
#define ENUM(n, flags, vocabulary) { n, DLG_JT_STRING, flags, NULL, 0, 0, NULL, vocabulary }
#define END { NULL, 0, 0, NULL, 0, 0, NULL }

static const DlgJsonField feature_fields[] = {
  ENUM ("feature", DLG_JF_REQUIRED, &dlg_vocabulary_feature),
  { "enabled", DLG_JT_BOOL, DLG_JF_REQUIRED, NULL, 0, 0, NULL },
  OPT_STR ("rules", 20000),
  { "opens_at", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  { "closes_at", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  { "questions", DLG_JT_ARRAY, DLG_JF_NULLABLE, NULL, 0, 0, NULL },
  { "moderation", DLG_JT_STRING, DLG_JF_NULLABLE, (const char *const[]) { "a_priori",
                                                                          "a_posteriori",
                                                                          NULL }, 0, 0, NULL },
  END
};

static const DlgJsonField stage_fields[] = {
  ENUM ("stage", DLG_JF_REQUIRED, &dlg_vocabulary_stage),
  ENUM ("state", DLG_JF_REQUIRED, &dlg_vocabulary_stage_state),
  OPT_STR ("reason", 5000),
  { "started_at", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  { "ended_at", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  END
};

static const char *const profile_categories[] = {
  "age_band", "gender", "commune", "quartier", "occupation", "prior_participation", NULL
};

static const DlgJsonField profile_value_fields[] = {
  STR ("value", DLG_JF_REQUIRED, 100),
  STR ("label", DLG_JF_REQUIRED, 200),
  END
};

static const DlgJsonField profile_fields[] = {
  { "category", DLG_JT_STRING, DLG_JF_REQUIRED, profile_categories, 0, 0, NULL },
  STR ("label", DLG_JF_REQUIRED, 200),
  { "required", DLG_JT_BOOL, 0, NULL, 0, 0, NULL },
  { "values", DLG_JT_ARRAY, DLG_JF_REQUIRED, NULL, 0, 0, profile_value_fields },
  END
};

static const DlgJsonField process_fields[] = {
  STR ("title", DLG_JF_REQUIRED, 500),
  OPT_STR ("summary", 20000),
  OPT_STR ("policy_cycle", 100),
  { "archived", DLG_JT_BOOL, DLG_JF_NULLABLE, NULL, 0, 0, NULL },
  OPT_STR ("question", 20000),
  OPT_STR ("perimeter", 20000),
  OPT_STR ("out_of_scope", 20000),
  OPT_STR ("commitments", 20000),
  { "features", DLG_JT_ARRAY, DLG_JF_NULLABLE, NULL, 0, 0, feature_fields },
  { "stages", DLG_JT_ARRAY, DLG_JF_NULLABLE, NULL, 0, 0, stage_fields },
  { "profile", DLG_JT_ARRAY, DLG_JF_NULLABLE, NULL, 0, 0, profile_fields },
  END
};

static const DlgJsonField narrative_fields[] = {
  { "process_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  ENUM ("stage", DLG_JF_NULLABLE, &dlg_vocabulary_stage),
  STR ("title", DLG_JF_REQUIRED, 500),
  STR ("body_md", DLG_JF_REQUIRED, 200000),
  ENUM ("state", DLG_JF_REQUIRED, &dlg_vocabulary_narrative_state),
  { "published_at", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  END
};

static const DlgJsonField position_fields[] = {
  OPT_STR ("recommendation_id", 100),
  { "number", DLG_JT_INT, DLG_JF_REQUIRED, NULL, 0, 100000, NULL },
  STR ("title", DLG_JF_REQUIRED, 1000),
  OPT_STR ("body", 20000),
  ENUM ("value", DLG_JF_REQUIRED, &dlg_vocabulary_position),
  OPT_STR ("justification", 20000),
  { "sources", DLG_JT_ARRAY, DLG_JF_NULLABLE, NULL, 0, 0, NULL },
  END
};

static const DlgJsonField response_fields[] = {
  { "process_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  OPT_STR ("intro", 50000),
  { "published_at", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  { "positions", DLG_JT_ARRAY, DLG_JF_REQUIRED, NULL, 0, 0, position_fields },
  END
};

static const DlgJsonField update_fields[] = {
  OPT_STR ("id", 100),
  STR ("dated", DLG_JF_REQUIRED, 40),
  { "progress", DLG_JT_INT, DLG_JF_NULLABLE, NULL, 0, 100, NULL },
  OPT_STR ("status", 40),
  OPT_STR ("text", 20000),
  END
};

static const DlgJsonField commitment_fields[] = {
  { "process_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  { "recommendation_number", DLG_JT_INT, DLG_JF_NULLABLE, NULL, 0, 100000, NULL },
  STR ("title", DLG_JF_REQUIRED, 1000),
  OPT_STR ("department", 500),
  { "due_date", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATE, NULL, 0, 0, NULL },
  ENUM ("status", DLG_JF_REQUIRED, &dlg_vocabulary_commitment_status),
  { "progress", DLG_JT_INT, DLG_JF_REQUIRED, NULL, 0, 100, NULL },
  { "updates", DLG_JT_ARRAY, DLG_JF_NULLABLE, NULL, 0, 0, update_fields },
  END
};

static const DlgJsonField erasure_fields[] = {
  { "id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  { "process_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  { "scope", DLG_JT_STRING, DLG_JF_REQUIRED, (const char *const[]) { "contacts", "person", NULL },
    0, 0, NULL },
  { "registration_id", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_UUID, NULL, 0, 0, NULL },
  END
};

static const DlgJsonField moderation_fields[] = {
  { "id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  { "contribution_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  ENUM ("state", DLG_JF_REQUIRED, &dlg_vocabulary_moderation),
  OPT_STR ("reason", 5000),
  { "decided_at", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  END
};

/* A contribution the institution received in person, by mail or by phone: the same members
 * as the change feed's contributions (it is one of them), with its channel. */
static const DlgJsonField contribution_fields[] = {
  { "process_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  ENUM ("feature", DLG_JF_REQUIRED, &dlg_vocabulary_feature),
  ENUM ("kind", DLG_JF_REQUIRED, &dlg_vocabulary_site_contribution_kind),
  ENUM ("channel", DLG_JF_REQUIRED, &dlg_vocabulary_offline_channel),
  { "parent_id", DLG_JT_STRING, DLG_JF_NULLABLE | DLG_JF_UUID, NULL, 0, 0, NULL },
  OPT_STR ("author_ref", 1000),
  OPT_STR ("title", 1000),
  OPT_STR ("body", 200000),
  { "lat", DLG_JT_NUMBER, DLG_JF_NULLABLE, NULL, -90, 90, NULL },
  { "lon", DLG_JT_NUMBER, DLG_JF_NULLABLE, NULL, -180, 180, NULL },
  { "answers", DLG_JT_OBJECT, DLG_JF_NULLABLE, NULL, 0, 0, NULL },
  { "created_at", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_DATETIME, NULL, 0, 0, NULL },
  ENUM ("moderation", DLG_JF_REQUIRED, &dlg_vocabulary_moderation),
  OPT_STR ("moderation_reason", 1000),
  { "supports", DLG_JT_INT, DLG_JF_NULLABLE, NULL, 0, G_MAXINT32, NULL },
  END
};

static const DlgJsonField follow_up_fields[] = {
  { "process_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  ENUM ("kind", DLG_JF_REQUIRED, &dlg_vocabulary_follow_up_kind),
  STR ("dated", DLG_JF_REQUIRED, 40),
  STR ("title", DLG_JF_REQUIRED, 1000),
  OPT_STR ("body", 50000),
  END
};

static const DlgJsonField highlight_fields[] = {
  { "process_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  { "contribution_id", DLG_JT_STRING, DLG_JF_REQUIRED | DLG_JF_UUID, NULL, 0, 0, NULL },
  END
};

typedef struct
{
  const char         *collection;
  const char         *type;
  const DlgJsonField *fields;
} Collection;

static const Collection collections[] = {
  { "processes", "process", process_fields },
  { "narratives", "narrative", narrative_fields },
  { "responses", "response", response_fields },
  { "commitments", "commitment", commitment_fields },
  { "contributions", "contribution", contribution_fields },
  { "follow_ups", "follow_up", follow_up_fields },
  { "highlights", "highlight", highlight_fields },
};

const DlgJsonField *
dlg_site_api_fields (const char *collection)
{
  g_return_val_if_fail (collection != NULL, NULL);

  if (g_str_equal (collection, "moderation"))
    return moderation_fields;
  if (g_str_equal (collection, "erasures"))
    return erasure_fields;
  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    if (g_str_equal (collections[i].collection, collection))
      return collections[i].fields;
  return NULL;
}

/* The feed reads the rows alone; a registration's contact, for a token that may see it, is
 * looked up by its own statement (most rows are contributions, and a join per row cost). */
static const char sql_changes[] =
  "SELECT type, id, rev, deleted, data FROM objects"
  " WHERE rev > ?1 AND +type IN ('contribution', 'registration')"
  " ORDER BY rev LIMIT ?2";
static const char sql_contact[] =
  "SELECT full_name, email, phone FROM registration_contacts WHERE id = ?1";
static const char sql_idem_get[] =
  "SELECT request_hash, state, status, response FROM idempotency WHERE key = ?1";
static const char sql_idem_insert[] =
  "INSERT INTO idempotency (key, token_id, request_hash, state, created_at)"
  " VALUES (?1, ?2, ?3, 'running', ?4)";
static const char sql_idem_done[] =
  "UPDATE idempotency SET state = 'done', status = ?2, response = ?3 WHERE key = ?1";
static const char sql_moderate[] =
  "UPDATE objects SET rev = ?2, updated_at = ?5,"
  "  data = json_set (data, '$.moderation', ?3, '$.moderation_reason', ?4)"
  " WHERE type = 'contribution' AND id = ?1 AND deleted = 0";

typedef struct
{
  gint64 token_id;
  char  *scopes;
} Auth;

static void
auth_clear (Auth *auth)
{
  g_clear_pointer (&auth->scopes, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Auth, auth_clear)

static gboolean
has_scope (const char *scopes,
           const char *scope)
{
  g_auto(GStrv) parts = g_strsplit (scopes != NULL ? scopes : "", ",", -1);
  return g_strv_contains ((const char *const *) parts, scope);
}

/* Checks the bearer token and @scope (NULL: any valid token). Answers 401/403 itself. */
static gboolean
authenticate (DlgSiteServer     *self,
              SoupServerMessage *msg,
              const char        *scope,
              Auth              *auth)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  const char *token = NULL;

  if (header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0)
    token = header + 7;
  if (token != NULL)
    auth->scopes = dlg_site_db_check_token (dlg_site_server_get_db (self), token,
                                            &auth->token_id);
  if (auth->scopes == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate",
                                    token == NULL ? "Bearer realm=\"dialogue-site\""
                                                  : "Bearer realm=\"dialogue-site\", "
                                                    "error=\"invalid_token\"");
      dlg_site_reply_problem (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                              "Authentication required",
                              token == NULL ? "Send Authorization: Bearer <token>."
                                            : "The token is unknown or revoked.", NULL);
      return FALSE;
    }
  if (scope != NULL && !has_scope (auth->scopes, scope))
    {
      g_autofree char *detail = g_strdup_printf ("This token lacks the scope %s.", scope);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate",
                                    "Bearer realm=\"dialogue-site\", error=\"insufficient_scope\"");
      dlg_site_reply_problem (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Insufficient scope",
                              detail, NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_site_api_authenticate_early:
 *
 * Before the body of an API request is read: a request that carries a body (every one of them
 * needs a token) is refused with 401 unless its token is valid, so that nobody without a token
 * makes the site read a megabyte. The scope is checked later, by the handler.
 *
 * Returns: %FALSE when it answered 401
 */
gboolean
dlg_site_api_authenticate_early (DlgSiteServer     *self,
                                 SoupServerMessage *msg)
{
  g_auto(Auth) auth = { 0 };

  return authenticate (self, msg, NULL, &auth);
}

static void
reply_method_not_allowed (SoupServerMessage *msg,
                          const char        *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  dlg_site_reply_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed",
                          "Method not allowed", NULL, NULL);
}

static void
reply_internal (SoupServerMessage *msg,
                GError            *error)
{
  g_warning ("%s", error != NULL ? error->message : "internal error");
  dlg_site_reply_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                          "Internal error", NULL, NULL);
}

static void
handle_discovery (DlgSiteServer     *self,
                  SoupServerMessage *msg)
{
  g_auto(Auth) auth = { 0 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = dlg_site_now_iso ();

  if (!authenticate (self, msg, NULL, &auth))
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, "dialogue-sync");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "page_limit");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "default");
  json_builder_add_int_value (builder, DLG_SITE_PAGE_LIMIT_DEFAULT);
  json_builder_set_member_name (builder, "max");
  json_builder_add_int_value (builder, DLG_SITE_PAGE_LIMIT_MAX);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "max_body_bytes");
  json_builder_add_int_value (builder, DLG_SITE_MAX_BODY_BYTES);
  json_builder_set_member_name (builder, "tombstone_retention_days");
  json_builder_add_int_value (builder, DLG_SITE_TOMBSTONE_RETENTION);
  json_builder_set_member_name (builder, "scopes");
  json_builder_begin_array (builder);
  {
    g_auto(GStrv) parts = g_strsplit (auth.scopes, ",", -1);
    for (guint i = 0; parts[i] != NULL; i++)
      json_builder_add_string_value (builder, parts[i]);
  }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  dlg_site_reply_json (msg, SOUP_STATUS_OK, root);
}

/* A JSON string literal; the values written here are UTF-8 text from the database. The runs
 * that need no escape (all of a UUID) are copied whole. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *p = text != NULL ? text : "";

  g_string_append_c (out, '"');
  while (*p != '\0')
    {
      const char *run = p;
      char escape[7] = "\\u00";

      while (*p != '\0' && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;
      if (*p == '"' || *p == '\\')
        {
          escape[1] = *p;
          g_string_append_len (out, escape, 2);
        }
      else
        {
          escape[4] = hex[(guchar) *p >> 4];
          escape[5] = hex[(guchar) *p & 0xf];
          g_string_append_len (out, escape, 6);
        }
      p++;
    }
  g_string_append_c (out, '"');
}

#define APPEND_LITERAL(out, literal) g_string_append_len ((out), "" literal, sizeof (literal) - 1)

/* A decimal integer, without printf. */
static void
append_int64 (GString *out,
              gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + v % 10;
      v /= 10;
    }
  while (v != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, digits + sizeof digits - p);
}

/* The cursor is opaque to clients: base64url of "<epoch>:<rev>". */
static char *
encode_cursor (gint64 epoch,
               gint64 rev)
{
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                            epoch, rev);
  char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));

  for (char *p = encoded; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return encoded;
}

static gboolean
decode_cursor (const char *cursor,
               gint64     *epoch,
               gint64     *rev)
{
  g_autoptr(GString) padded = g_string_new (cursor);
  g_autofree guchar *plain = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  char *colon, *end;

  if (padded->len == 0 || padded->len > 64)
    return FALSE;
  for (char *p = padded->str; *p != '\0'; p++)
    {
      if (*p == '-')
        *p = '+';
      else if (*p == '_')
        *p = '/';
      else if (!g_ascii_isalnum (*p))
        return FALSE;
    }
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');
  plain = g_base64_decode (padded->str, &len);
  text = g_strndup ((const char *) plain, len);
  colon = strchr (text, ':');
  if (colon == NULL)
    return FALSE;
  *colon = '\0';
  *epoch = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || end == text)
    return FALSE;
  *rev = g_ascii_strtoll (colon + 1, &end, 10);
  if (*end != '\0' || end == colon + 1 || *rev < 0)
    return FALSE;
  return TRUE;
}

/* What a feed item takes, about: the last page's mean (the site has one thread). */
static gsize feed_item_bytes = 512;

/* The body of registration @id with its contact, or NULL to keep @data as it is. */
static char *
add_contact (DlgSiteDb  *db,
             const char *id,
             const char *data)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_contact, NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *contact;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  node = dlg_json_parse (data, -1, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  contact = json_object_new ();
  json_object_set_string_member (contact, "full_name",
                                 (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_string_member (contact, "email", (const char *) sqlite3_column_text (stmt, 1));
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    json_object_set_string_member (contact, "phone",
                                   (const char *) sqlite3_column_text (stmt, 2));
  else
    json_object_set_null_member (contact, "phone");
  json_object_set_object_member (json_node_get_object (node), "contact", contact);
  return dlg_site_json_to_string (node);
}

static void
handle_changes (DlgSiteServer     *self,
                SoupServerMessage *msg)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_auto(Auth) auth = { 0 };
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(DlgSiteStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  GString *out;
  const char *cursor = NULL, *limit_text = NULL;
  gint64 epoch = dlg_site_db_get_cursor_epoch (db);
  gint64 after = 0, last = 0, limit = DLG_SITE_PAGE_LIMIT_DEFAULT;
  gboolean personal, has_more = FALSE;
  guint n = 0;
  int rc;

  if (!authenticate (self, msg, DLG_SITE_SCOPE_READ, &auth))
    return;
  personal = has_scope (auth.scopes, DLG_SITE_SCOPE_PERSONAL);

  if (g_uri_get_query (soup_server_message_get_uri (msg)) != NULL)
    query = g_uri_parse_params (g_uri_get_query (soup_server_message_get_uri (msg)), -1, "&",
                                G_URI_PARAMS_NONE, NULL);
  if (query != NULL)
    {
      cursor = g_hash_table_lookup (query, "cursor");
      limit_text = g_hash_table_lookup (query, "limit");
    }
  if (limit_text != NULL)
    {
      char *end;
      limit = g_ascii_strtoll (limit_text, &end, 10);
      if (*end != '\0' || end == limit_text || limit < 1)
        {
          g_autoptr(JsonArray) errors = json_array_new ();
          dlg_site_json_add_error (errors, "limit", "must be a positive integer");
          dlg_site_reply_problem (msg, 422, "validation", "Invalid parameter", NULL,
                                  g_steal_pointer (&errors));
          return;
        }
      limit = MIN (limit, DLG_SITE_PAGE_LIMIT_MAX);
    }
  if (cursor != NULL && *cursor != '\0')
    {
      gint64 cursor_epoch;
      if (!decode_cursor (cursor, &cursor_epoch, &after) || cursor_epoch != epoch
          || after > dlg_site_db_get_current_rev (db))
        {
          dlg_site_reply_problem (msg, SOUP_STATUS_GONE, "cursor-expired", "Cursor expired",
                                  "The cursor is older than the site's compaction horizon; "
                                  "resynchronise from the beginning (no cursor).", NULL);
          return;
        }
    }
  last = after;

  stmt = dlg_site_db_prepare (db, sql_changes, &error);
  if (stmt == NULL)
    {
      reply_internal (msg, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit + 1);

  /* The page is written as text: the stored bodies are JSON that this site generated, so they
   * are copied as they are instead of being parsed again (a JsonParser per row costs more than
   * the rest of the request). Only a registration that gains its contact is re-generated. The
   * buffer is sized from the pages before it, so that it is not reallocated as it grows. */
  out = g_string_sized_new (256 + limit * feed_item_bytes);
  g_string_append (out, "{\"items\":[");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      const char *data = (const char *) sqlite3_column_text (stmt, 4);
      gsize data_len = sqlite3_column_bytes (stmt, 4);
      gboolean deleted = sqlite3_column_int (stmt, 3);
      g_autofree char *merged = NULL;

      if (n == limit)
        {
          has_more = TRUE;
          break;
        }
      if (!deleted && personal && strcmp (type, "registration") == 0
          && (merged = add_contact (db, id, data)) != NULL)
        {
          data = merged;
          data_len = strlen (merged);
        }
      if (data == NULL || *data != '{')
        {
          data = "{}";
          data_len = 2;
        }

      last = sqlite3_column_int64 (stmt, 2);
      if (n > 0)
        g_string_append_c (out, ',');
      APPEND_LITERAL (out, "{\"type\":");
      append_json_string (out, type);
      APPEND_LITERAL (out, ",\"id\":");
      append_json_string (out, id);
      APPEND_LITERAL (out, ",\"rev\":");
      append_int64 (out, last);
      if (deleted)
        APPEND_LITERAL (out, ",\"deleted\":true,\"data\":");
      else
        APPEND_LITERAL (out, ",\"deleted\":false,\"data\":");
      g_string_append_len (out, data, data_len);
      g_string_append_c (out, '}');
      n++;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_string_free (out, TRUE);
      dlg_site_db_set_error (db, rc, &error);
      reply_internal (msg, error);
      return;
    }
  if (n > 0)
    feed_item_bytes = CLAMP (out->len / n + 16, 64, 64 * 1024);
  next_cursor = encode_cursor (epoch, last);
  g_string_append (out, "],\"next_cursor\":");
  append_json_string (out, next_cursor);
  g_string_append_printf (out, ",\"has_more\":%s}", has_more ? "true" : "false");

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  {
    gsize len = out->len;
    soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                      g_string_free (out, FALSE), len);
  }
}

static char *
etag_for (gint64 rev)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, rev);
}

static void
set_etag_header (SoupServerMessage *msg,
                 gint64             rev)
{
  g_autofree char *header = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", rev);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", header);
}

/* Strong comparison of an If-Match list against the current rev. */
static gboolean
if_match_matches (const char *header,
                  gint64      rev)
{
  g_autofree char *etag = etag_for (rev);
  g_auto(GStrv) parts = g_strsplit (header, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      gsize len = strlen (part);
      if (g_strcmp0 (part, "*") == 0)
        return TRUE;
      if (g_str_has_prefix (part, "W/"))
        continue;
      if (len >= 2 && part[0] == '"' && part[len - 1] == '"')
        {
          part[len - 1] = '\0';
          part++;
        }
      if (g_strcmp0 (part, etag) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
reply_write_result (SoupServerMessage *msg,
                    guint              status,
                    const char        *id,
                    gint64             rev)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *etag = etag_for (rev);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, rev);
  json_builder_set_member_name (builder, "etag");
  json_builder_add_string_value (builder, etag);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  set_etag_header (msg, rev);
  dlg_site_reply_json (msg, status, root);
}

static void
reply_precondition_failed (SoupServerMessage *msg,
                           DlgSiteObject     *current,
                           const char        *detail)
{
  if (current != NULL && !current->deleted)
    set_etag_header (msg, current->rev);
  dlg_site_reply_problem (msg, SOUP_STATUS_PRECONDITION_FAILED, "precondition-failed",
                          "Precondition failed", detail, NULL);
}

/* Contributions made online are the site's: a client only writes (or deletes) those it
 * received in person, by mail or by phone. Answers 409 otherwise. */
static gboolean
offline_or_absent (SoupServerMessage *msg,
                   const Collection  *collection,
                   DlgSiteObject     *current)
{
  g_autoptr(JsonNode) stored = NULL;
  const char *channel = "online";

  if (g_strcmp0 (collection->type, "contribution") != 0 || current == NULL || current->deleted)
    return TRUE;
  stored = dlg_json_parse (current->data, -1, NULL);
  if (stored != NULL && JSON_NODE_HOLDS_OBJECT (stored))
    channel = json_object_get_string_member_with_default (json_node_get_object (stored),
                                                          "channel", "online");
  if (dlg_vocabulary_contains (&dlg_vocabulary_offline_channel, channel))
    return TRUE;
  dlg_site_reply_problem (msg, SOUP_STATUS_CONFLICT, "online-contribution",
                          "Online contribution",
                          "A contribution made on the site is the site's to change.", NULL);
  return FALSE;
}

static void
handle_put (DlgSiteServer     *self,
            SoupServerMessage *msg,
            const Collection  *collection,
            const char        *id)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *if_none_match = soup_message_headers_get_one (headers, "If-None-Match");
  const char *if_match = soup_message_headers_get_one (headers, "If-Match");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(DlgSiteObject) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  const char *process_id;
  gboolean created;
  gint64 rev = 0;

  if (!g_uuid_string_is_valid (id))
    {
      dlg_site_json_add_error (errors, "id", "must be a UUID");
      dlg_site_reply_problem (msg, 422, "validation", "Invalid object", NULL,
                              g_steal_pointer (&errors));
      return;
    }
  root = dlg_site_parse_json_body (msg);
  if (root == NULL)
    return;
  if (!dlg_site_json_validate (json_node_get_object (root), collection->fields, NULL, errors))
    {
      dlg_site_reply_problem (msg, 422, "validation", "Invalid object",
                              "Some members are missing or have the wrong type.",
                              g_steal_pointer (&errors));
      return;
    }
  if (if_none_match == NULL && if_match == NULL)
    {
      dlg_site_reply_problem (msg, 428, "precondition-required", "Precondition required",
                              "Send If-None-Match: * to create or If-Match: \"<etag>\" to "
                              "update.", NULL);
      return;
    }

  /* Check and write in one transaction: the CLI (erase) may share the database file. */
  if (!dlg_site_db_begin (db, &error))
    {
      reply_internal (msg, error);
      return;
    }
  current = dlg_site_db_get_object (db, collection->type, id);
  if (if_none_match != NULL)
    {
      g_autofree char *value = g_strstrip (g_strdup (if_none_match));
      if (g_strcmp0 (value, "*") != 0)
        {
          dlg_site_reply_problem (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", "Bad request",
                                  "Only If-None-Match: * is supported.", NULL);
          goto rollback;
        }
      if (current != NULL && !current->deleted)
        {
          reply_precondition_failed (msg, current, "The object already exists on the site.");
          goto rollback;
        }
    }
  if (if_match != NULL)
    {
      if (current == NULL || current->deleted)
        {
          reply_precondition_failed (msg, current, "The object does not exist on the site.");
          goto rollback;
        }
      if (!if_match_matches (if_match, current->rev))
        {
          reply_precondition_failed (msg, current,
                                     "The object changed on the site since your version.");
          goto rollback;
        }
    }
  if (!offline_or_absent (msg, collection, current))
    goto rollback;
  created = current == NULL || current->deleted;

  process_id = g_strcmp0 (collection->type, "process") == 0
               ? id : json_object_get_string_member (json_node_get_object (root), "process_id");
  data = dlg_site_json_to_string (root);
  if (!dlg_site_db_put_object (db, collection->type, id, process_id, data, &rev, &error)
      || !dlg_site_db_commit (db, &error))
    {
      dlg_site_db_rollback (db);
      reply_internal (msg, error);
      return;
    }
  reply_write_result (msg, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, id, rev);
  return;

rollback:
  dlg_site_db_rollback (db);
}

static void
handle_get (DlgSiteServer     *self,
            SoupServerMessage *msg,
            const Collection  *collection,
            const char        *id)
{
  g_autoptr(DlgSiteObject) current = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *etag = NULL;
  JsonNode *data;

  current = dlg_site_db_get_object (dlg_site_server_get_db (self), collection->type, id);
  if (current == NULL)
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not-found", "Not found", NULL, NULL);
      return;
    }
  if (current->deleted)
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_GONE, "deleted", "Deleted",
                              "The object was deleted on the site.", NULL);
      return;
    }
  data = dlg_json_parse (current->data, -1, NULL);
  if (data == NULL)
    data = json_node_init_object (json_node_alloc (), json_object_new ());
  etag = etag_for (current->rev);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, collection->type);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "rev");
  json_builder_add_int_value (builder, current->rev);
  json_builder_set_member_name (builder, "etag");
  json_builder_add_string_value (builder, etag);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, data);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  set_etag_header (msg, current->rev);
  dlg_site_reply_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_delete (DlgSiteServer     *self,
               SoupServerMessage *msg,
               const Collection  *collection,
               const char        *id)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  const char *if_match = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "If-Match");
  g_autoptr(DlgSiteObject) current = NULL;
  g_autoptr(GError) error = NULL;

  if (!dlg_site_db_begin (db, &error))
    {
      reply_internal (msg, error);
      return;
    }
  current = dlg_site_db_get_object (db, collection->type, id);
  if (current == NULL)
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not-found", "Not found", NULL, NULL);
      goto rollback;
    }
  if (current->deleted)
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_GONE, "deleted", "Deleted",
                              "The object was already deleted.", NULL);
      goto rollback;
    }
  if (if_match == NULL)
    {
      dlg_site_reply_problem (msg, 428, "precondition-required", "Precondition required",
                              "Send If-Match: \"<etag>\" to delete.", NULL);
      goto rollback;
    }
  if (!if_match_matches (if_match, current->rev))
    {
      reply_precondition_failed (msg, current,
                                 "The object changed on the site since your version.");
      goto rollback;
    }
  if (!offline_or_absent (msg, collection, current))
    goto rollback;
  if (!dlg_site_db_delete_object (db, collection->type, id, FALSE, NULL, &error)
      || !dlg_site_db_commit (db, &error))
    {
      dlg_site_db_rollback (db);
      reply_internal (msg, error);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  return;

rollback:
  dlg_site_db_rollback (db);
}

/* Idempotency-Key (IETF draft), for the POSTs ---------------------------------------------- */

/* Before a POST is read: answers 400 without a key, the stored answer when the key was used
 * with the same body, 409 while its first request runs and 422 when it came with another
 * body, and returns FALSE; otherwise returns TRUE with the body's hash in @hash_out. */
static gboolean
idempotency_check (SoupServerMessage *msg,
                   DlgSiteDb         *db,
                   const char        *key,
                   char             **hash_out)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  if (key == NULL || *key == '\0' || strlen (key) > 255)
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_BAD_REQUEST, "idempotency-key-missing",
                              "Idempotency-Key required",
                              "Send an Idempotency-Key header (a UUID) of at most 255 "
                              "characters.", NULL);
      return FALSE;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);

  {
    g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_idem_get, &error);
    if (stmt == NULL)
      {
        reply_internal (msg, error);
        return FALSE;
      }
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *stored_hash = (const char *) sqlite3_column_text (stmt, 0);
        const char *state = (const char *) sqlite3_column_text (stmt, 1);
        if (g_strcmp0 (stored_hash, hash) != 0)
          dlg_site_reply_problem (msg, 422, "idempotency-key-reused",
                                  "Idempotency-Key reused",
                                  "This key was already used with another request body.", NULL);
        else if (g_strcmp0 (state, "running") == 0)
          dlg_site_reply_problem (msg, SOUP_STATUS_CONFLICT, "idempotency-in-flight",
                                  "Request in progress",
                                  "The first request with this key is still running; retry "
                                  "later.", NULL);
        else
          {
            const char *text = (const char *) sqlite3_column_text (stmt, 3);
            guint status = sqlite3_column_int (stmt, 2);
            soup_server_message_set_status (msg, status, NULL);
            soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                          "Idempotent-Replayed", "true");
            soup_server_message_set_response (msg, status < 300 ? "application/json"
                                                                 : "application/problem+json",
                                              SOUP_MEMORY_COPY, text, strlen (text));
          }
        if (g_strcmp0 (state, "running") == 0 || g_strcmp0 (stored_hash, hash) != 0)
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", "1");
        return FALSE;
      }
  }

  *hash_out = g_steal_pointer (&hash);
  return TRUE;
}

/* Marks @key as running; answers 500 and returns FALSE when the database fails. */
static gboolean
idempotency_start (SoupServerMessage *msg,
                   DlgSiteDb         *db,
                   const char        *key,
                   gint64             token_id,
                   const char        *hash)
{
  g_autoptr(DlgSiteStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = dlg_site_now_iso ();

  stmt = dlg_site_db_prepare (db, sql_idem_insert, &error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, token_id);
      sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
      if (dlg_site_db_step_done (db, stmt, &error))
        return TRUE;
    }
  reply_internal (msg, error);
  return FALSE;
}

/* Stores the answer set on @msg under @key, in the caller's transaction. */
static gboolean
idempotency_done (DlgSiteDb         *db,
                  SoupServerMessage *msg,
                  const char        *key,
                  guint              status,
                  GError           **error)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_idem_done, error);
  g_autofree char *text = NULL;

  if (stmt == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  return dlg_site_db_step_done (db, stmt, error);
}

/* Moderation ---------------------------------------------------------------------------- */

typedef struct
{
  DlgSiteServer     *self;
  SoupServerMessage *msg;
  char              *key;
  char              *contribution_id;
  char              *state;
  char              *reason;
  gulong             finished_id;
  gboolean           finished;
} Moderation;

static void
moderation_free (Moderation *m)
{
  if (m->finished_id != 0)
    g_signal_handler_disconnect (m->msg, m->finished_id);
  g_object_unref (m->self);
  g_object_unref (m->msg);
  g_free (m->key);
  g_free (m->contribution_id);
  g_free (m->state);
  g_free (m->reason);
  g_free (m);
}

/* Applies the decision, records the answer under the key, and sets it on the message. */
static void
moderation_complete (Moderation *m)
{
  DlgSiteDb *db = dlg_site_server_get_db (m->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = dlg_site_now_iso ();
  guint status;
  gint64 rev;
  int changes = 0;

  if (!dlg_site_db_begin (db, &error))
    goto fail;
  rev = dlg_site_db_next_rev (db, &error);
  if (rev == 0)
    goto fail;
  {
    g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_moderate, &error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_text (stmt, 1, m->contribution_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, rev);
    sqlite3_bind_text (stmt, 3, m->state, -1, SQLITE_STATIC);
    if (m->reason != NULL)
      sqlite3_bind_text (stmt, 4, m->reason, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
    if (!dlg_site_db_step_done (db, stmt, &error))
      goto fail;
    changes = sqlite3_changes (dlg_site_db_get_handle (db));
  }
  if (changes == 0)
    {
      /* Unknown or erased contribution: answered (and remembered) as 404. */
      g_autoptr(GError) ignored = NULL;
      dlg_site_db_rollback (db);
      dlg_site_db_begin (db, &ignored);
      dlg_site_reply_problem (m->msg, SOUP_STATUS_NOT_FOUND, "not-found",
                              "Unknown contribution",
                              "No live contribution has this contribution_id.", NULL);
      status = SOUP_STATUS_NOT_FOUND;
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "contribution_id");
      json_builder_add_string_value (builder, m->contribution_id);
      json_builder_set_member_name (builder, "moderation");
      json_builder_add_string_value (builder, m->state);
      json_builder_set_member_name (builder, "rev");
      json_builder_add_int_value (builder, rev);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      dlg_site_reply_json (m->msg, SOUP_STATUS_CREATED, root);
      status = SOUP_STATUS_CREATED;
    }
  if (!idempotency_done (db, m->msg, m->key, status, &error))
    goto fail;
  if (!dlg_site_db_commit (db, &error))
    goto fail;
  return;

fail:
  dlg_site_db_rollback (db);
  reply_internal (m->msg, error);
}

static gboolean
moderation_delayed_cb (gpointer user_data)
{
  Moderation *m = user_data;

  moderation_complete (m);
  if (!m->finished)
    soup_server_message_unpause (m->msg);
  return G_SOURCE_REMOVE;
}

/* The client went away: the decision is still applied when the delay ends (a retry then
 * replays it), but the message must not be unpaused. */
static void
moderation_finished_cb (SoupServerMessage *msg,
                        Moderation        *m)
{
  m->finished = TRUE;
}

static void
handle_moderation (DlgSiteServer     *self,
                   SoupServerMessage *msg,
                   guint              delay_ms)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  const char *key = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_auto(Auth) auth = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autofree char *hash = NULL;
  JsonObject *object;
  Moderation *m;

  if (!authenticate (self, msg, DLG_SITE_SCOPE_WRITE, &auth))
    return;
  if (!idempotency_check (msg, db, key, &hash))
    return;

  root = dlg_site_parse_json_body (msg);
  if (root == NULL)
    return;
  object = json_node_get_object (root);
  if (!dlg_site_json_validate (object, moderation_fields, NULL, errors))
    {
      dlg_site_reply_problem (msg, 422, "validation", "Invalid moderation decision", NULL,
                              g_steal_pointer (&errors));
      return;
    }

  if (!idempotency_start (msg, db, key, auth.token_id, hash))
    return;

  m = g_new0 (Moderation, 1);
  m->self = g_object_ref (self);
  m->msg = g_object_ref (msg);
  m->key = g_strdup (key);
  m->contribution_id = g_strdup (json_object_get_string_member (object, "contribution_id"));
  m->state = g_strdup (json_object_get_string_member (object, "state"));
  if (json_object_has_member (object, "reason")
      && !json_object_get_null_member (object, "reason"))
    m->reason = g_strdup (json_object_get_string_member (object, "reason"));

  if (delay_ms == 0)
    {
      moderation_complete (m);
      moderation_free (m);
      return;
    }
  /* Slow fault: the key stays "running" meanwhile, so a retry answers 409. */
  m->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (moderation_finished_cb), m);
  soup_server_message_pause (msg);
  g_source_unref (dlg_site_timeout_source_new (delay_ms, moderation_delayed_cb, m,
                                              (GDestroyNotify) moderation_free));
}

/* Erasures ------------------------------------------------------------------------------ */

/* Applies the erasure of @object (validated) and sets the answer on @msg; its status. */
static guint
erasure_apply (DlgSiteDb         *db,
               SoupServerMessage *msg,
               JsonObject        *object,
               GError           **error)
{
  const char *process_id = json_object_get_string_member (object, "process_id");
  const char *scope = json_object_get_string_member (object, "scope");
  const char *registration_id = json_object_get_string_member_with_default (
    object, "registration_id", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 n_erased = 0;

  if (g_str_equal (scope, "person"))
    {
      gboolean erased;

      if (!dlg_site_db_erase_registration (db, process_id, registration_id, &erased, error))
        return 0;
      n_erased = erased ? 1 : 0;
    }
  else if (!dlg_site_db_purge_contacts (db, process_id, &n_erased, error))
    return 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, json_object_get_string_member (object, "id"));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, scope);
  json_builder_set_member_name (builder, "erased");
  json_builder_add_int_value (builder, n_erased);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  dlg_site_reply_json (msg, SOUP_STATUS_OK, root);
  return SOUP_STATUS_OK;
}

/* An erasure is applied at once and is idempotent by nature (what is gone stays gone, an
 * unknown registration erases nothing); its key replays the first answer. */
static void
handle_erasures (DlgSiteServer     *self,
                 SoupServerMessage *msg)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  const char *key = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_auto(Auth) auth = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  JsonObject *object;
  guint status;

  if (!authenticate (self, msg, DLG_SITE_SCOPE_WRITE, &auth) ||
      !idempotency_check (msg, db, key, &hash))
    return;
  root = dlg_site_parse_json_body (msg);
  if (root == NULL)
    return;
  object = json_node_get_object (root);
  if (dlg_site_json_validate (object, erasure_fields, NULL, errors) &&
      g_strcmp0 (json_object_get_string_member (object, "scope"), "person") == 0 &&
      json_object_get_string_member_with_default (object, "registration_id", NULL) == NULL)
    dlg_site_json_add_error (errors, "registration_id",
                             "an erasure of one person names their registration");
  if (json_array_get_length (errors) > 0)
    {
      dlg_site_reply_problem (msg, 422, "validation", "Invalid erasure", NULL,
                              g_steal_pointer (&errors));
      return;
    }

  if (!dlg_site_db_begin (db, &error) ||
      !idempotency_start (msg, db, key, auth.token_id, hash) ||
      (status = erasure_apply (db, msg, object, &error)) == 0 ||
      !idempotency_done (db, msg, key, status, &error) ||
      !dlg_site_db_commit (db, &error))
    {
      dlg_site_db_rollback (db);
      if (error != NULL)
        reply_internal (msg, error);
    }
}

void
dlg_site_api_handle (DlgSiteServer     *self,
                     SoupServerMessage *msg,
                     const char        *path,
                     guint              delay_ms)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  if (!g_str_has_prefix (path, API_PREFIX))
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not-found", "Not found", NULL, NULL);
      goto out;
    }
  path += strlen (API_PREFIX);
  if (*path == '\0' || g_strcmp0 (path, "/") == 0)
    {
      if (g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0)
        handle_discovery (self, msg);
      else
        reply_method_not_allowed (msg, "GET");
      goto out;
    }
  if (*path != '/')
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not-found", "Not found", NULL, NULL);
      goto out;
    }
  parts = g_strsplit (path + 1, "/", -1);
  n_parts = g_strv_length (parts);

  if (n_parts == 1 && g_strcmp0 (parts[0], "changes") == 0)
    {
      if (g_strcmp0 (method, "GET") == 0)
        handle_changes (self, msg);
      else
        reply_method_not_allowed (msg, "GET");
      goto out;
    }
  if (n_parts == 1 && g_strcmp0 (parts[0], "moderation") == 0)
    {
      if (g_strcmp0 (method, "POST") == 0)
        {
          handle_moderation (self, msg, delay_ms);
          return;
        }
      reply_method_not_allowed (msg, "POST");
      goto out;
    }
  if (n_parts == 1 && g_strcmp0 (parts[0], "erasures") == 0)
    {
      if (g_strcmp0 (method, "POST") == 0)
        handle_erasures (self, msg);
      else
        reply_method_not_allowed (msg, "POST");
      goto out;
    }
  if (n_parts == 2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
        {
          const Collection *collection = &collections[i];
          g_auto(Auth) auth = { 0 };

          if (g_strcmp0 (parts[0], collection->collection) != 0)
            continue;
          if (g_strcmp0 (method, "GET") == 0)
            {
              if (authenticate (self, msg, DLG_SITE_SCOPE_READ, &auth))
                handle_get (self, msg, collection, parts[1]);
            }
          else if (g_strcmp0 (method, "PUT") == 0)
            {
              if (authenticate (self, msg, DLG_SITE_SCOPE_WRITE, &auth))
                handle_put (self, msg, collection, parts[1]);
            }
          else if (g_strcmp0 (method, "DELETE") == 0)
            {
              if (authenticate (self, msg, DLG_SITE_SCOPE_WRITE, &auth))
                handle_delete (self, msg, collection, parts[1]);
            }
          else
            reply_method_not_allowed (msg, "GET, PUT, DELETE");
          goto out;
        }
    }
  dlg_site_reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not-found", "Not found", NULL, NULL);

out:
  if (delay_ms > 0)
    dlg_site_server_delay_reply (self, msg, delay_ms);
}
