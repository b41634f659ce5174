/* dlg-site-json.c — strict JSON in, problem+json out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Request bodies are checked before anything is stored: size (413), UTF-8, syntax, object at
 * the top, then every known member against a table (type, required, nullable, choices, ranges,
 * dates). Unknown members are ignored, as the contract says. Errors are answered as RFC 9457
 * problem details with an `errors` array naming each faulty member.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dlg-site-private.h"

#define PROBLEM_BASE "https://dialogue.example/problems/"

void
dlg_site_set_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'self'; script-src 'none'; object-src 'none'; "
                                "style-src 'self'; img-src 'self' data:; form-action 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "same-origin");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Cross-Origin-Opener-Policy", "same-origin");
  soup_message_headers_replace (headers, "Permissions-Policy",
                                "geolocation=(), camera=(), microphone=()");
}

char *
dlg_site_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

void
dlg_site_reply_json (SoupServerMessage *msg,
                     guint              status,
                     JsonNode          *node)
{
  g_autofree char *text = dlg_site_json_to_string (node);
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

/* An RFC 9457 problem document (@errors: transfer full, nullable). */
char *
dlg_site_problem_to_string (guint       status,
                            const char *slug,
                            const char *title,
                            const char *detail,
                            JsonArray  *errors)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *type = g_strconcat (PROBLEM_BASE, slug, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
    }
  if (errors != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, errors);
      json_builder_set_member_name (builder, "errors");
      json_builder_add_value (builder, node);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return dlg_site_json_to_string (root);
}

void
dlg_site_reply_problem (SoupServerMessage *msg,
                        guint              status,
                        const char        *slug,
                        const char        *title,
                        const char        *detail,
                        JsonArray         *errors)
{
  char *text = dlg_site_problem_to_string (status, slug, title, detail, errors);
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_TAKE, text,
                                    len);
}

void
dlg_site_json_add_error (JsonArray  *errors,
                         const char *field,
                         const char *message)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "field", field);
  json_object_set_string_member (error, "message", message);
  json_array_add_object_element (errors, error);
}

static JsonNode *
refuse (DlgSiteRefusal *refusal,
        guint           status,
        const char     *slug,
        const char     *title,
        char           *detail,
        const char     *message)
{
  refusal->status = status;
  refusal->slug = slug;
  refusal->title = title;
  refusal->detail = detail;
  refusal->errors = json_array_new ();
  dlg_site_json_add_error (refusal->errors, refusal->field != NULL ? refusal->field : "",
                           message);
  return NULL;
}

/**
 * dlg_site_json_parse_request:
 * @data: a request body
 * @len: its length
 * @refusal: (out caller-allocates): why it was refused; cleared with dlg_site_refusal_clear()
 *
 * What every body the API accepts goes through, without the HTTP around it (the fuzz target
 * calls it): the size, UTF-8, the depth, well-formed JSON, an object, and every string text.
 *
 * Returns: (transfer full) (nullable): the object's node, or %NULL with @refusal filled in
 */
JsonNode *
dlg_site_json_parse_request (const char     *data,
                             gsize           len,
                             DlgSiteRefusal *refusal)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  memset (refusal, 0, sizeof *refusal);
  if (len > DLG_SITE_MAX_BODY_BYTES)
    return refuse (refusal, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                   "Request body too large",
                   g_strdup ("The body exceeds max_body_bytes (1048576)."),
                   "the body is too large");
  if (len == 0)
    return refuse (refusal, 422, "invalid-json", "Invalid JSON",
                   g_strdup ("A JSON object was expected."), "the body is empty");
  if (!g_utf8_validate_len (data, len, NULL))
    return refuse (refusal, 422, "invalid-json", "Invalid JSON",
                   g_strdup ("The body is not valid UTF-8."), "the body is not valid UTF-8");
  root = dlg_json_parse (data, len, &error);
  if (g_error_matches (error, DLG_ERROR, DLG_ERROR_TOO_DEEP))
    return refuse (refusal, SOUP_STATUS_BAD_REQUEST, "too-deep", "JSON nested too deeply",
                   g_strdup_printf ("Arrays and objects nest more than %d levels deep.",
                                    DLG_JSON_MAX_DEPTH),
                   "the JSON is nested too deeply");
  if (root == NULL)
    return refuse (refusal, 422, "invalid-json", "Invalid JSON",
                   g_strdup ("The body is not well-formed JSON."), error->message);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return refuse (refusal, 422, "invalid-json", "Invalid JSON",
                   g_strdup ("The body must be a JSON object."), "a JSON object was expected");
  /* Every string, not only those a table names: unknown members and free-form objects
   * (`answers`) are stored and sent on too. */
  if (!dlg_json_check_text (root, &refusal->field, NULL))
    return refuse (refusal, 422, "invalid-text", "Invalid text",
                   g_strdup ("A string of the body is not valid Unicode text."),
                   "must be valid Unicode text (a lone surrogate escape such as \\ud800 is not "
                   "a character)");
  return g_steal_pointer (&root);
}

void
dlg_site_refusal_clear (DlgSiteRefusal *refusal)
{
  g_clear_pointer (&refusal->detail, g_free);
  g_clear_pointer (&refusal->field, g_free);
  g_clear_pointer (&refusal->errors, json_array_unref);
}

JsonNode *
dlg_site_parse_json_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_auto(DlgSiteRefusal) refusal = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *root;
  const char *data;
  gsize len;

  /* Before flattening: the early handler stops a body at the limit, this is a second bound. */
  if (body->length > DLG_SITE_MAX_BODY_BYTES)
    root = dlg_site_json_parse_request (NULL, body->length, &refusal);
  else
    {
      bytes = soup_message_body_flatten (body);
      data = g_bytes_get_data (bytes, &len);
      root = dlg_site_json_parse_request (data, len, &refusal);
    }
  if (root == NULL)
    dlg_site_reply_problem (msg, refusal.status, refusal.slug, refusal.title, refusal.detail,
                            g_steal_pointer (&refusal.errors));
  return root;
}

static const char *
type_name (DlgJsonType type)
{
  switch (type)
    {
    case DLG_JT_STRING: return "a string";
    case DLG_JT_INT: return "an integer";
    case DLG_JT_NUMBER: return "a number";
    case DLG_JT_BOOL: return "a boolean";
    case DLG_JT_ARRAY: return "an array";
    case DLG_JT_OBJECT: return "an object";
    default: return "a value";
    }
}

static gboolean
check_string (const DlgJsonField *field,
              const char         *path,
              const char         *value,
              JsonArray          *errors)
{
  /* json-glib turns a lone surrogate escape (\ud800) into bytes that are not UTF-8: stored,
   * they would break every page of the feed that carries them. */
  if (!g_utf8_validate (value, -1, NULL))
    {
      dlg_site_json_add_error (errors, path, "must be valid Unicode text (a lone surrogate "
                               "escape such as \\ud800 is not a character)");
      return FALSE;
    }
  if (field->choices != NULL && !g_strv_contains (field->choices, value))
    {
      g_autofree char *list = g_strjoinv ("|", (char **) field->choices);
      g_autofree char *message = g_strdup_printf ("must be one of %s", list);
      dlg_site_json_add_error (errors, path, message);
      return FALSE;
    }
  if (field->vocabulary != NULL && !dlg_vocabulary_contains (field->vocabulary, value))
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *message = NULL;

      for (guint i = 0; dlg_vocabulary_get_id (field->vocabulary, i) != NULL; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? "|" : "",
                                dlg_vocabulary_get_id (field->vocabulary, i));
      message = g_strdup_printf ("must be one of %s", list->str);
      dlg_site_json_add_error (errors, path, message);
      return FALSE;
    }
  if ((field->flags & DLG_JF_UUID) && !g_uuid_string_is_valid (value))
    {
      dlg_site_json_add_error (errors, path, "must be a UUID");
      return FALSE;
    }
  if (field->flags & DLG_JF_DATETIME)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, NULL);
      if (dt == NULL)
        {
          dlg_site_json_add_error (errors, path,
                                   "must be an RFC 3339 time such as 2026-11-25T10:00:00Z");
          return FALSE;
        }
    }
  if (field->flags & DLG_JF_DATE)
    {
      GDate date;
      int y, m, d;
      char extra;
      g_date_clear (&date, 1);
      if (sscanf (value, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || strlen (value) != 10
          || !g_date_valid_dmy (d, m, y))
        {
          dlg_site_json_add_error (errors, path, "must be a date such as 2027-06-30");
          return FALSE;
        }
    }
  if (field->max > 0 && g_utf8_strlen (value, -1) > field->max)
    {
      g_autofree char *message = g_strdup_printf ("must be at most %.0f characters", field->max);
      dlg_site_json_add_error (errors, path, message);
      return FALSE;
    }
  return TRUE;
}

gboolean
dlg_site_json_validate (JsonObject         *object,
                        const DlgJsonField *fields,
                        const char         *prefix,
                        JsonArray          *errors)
{
  guint before = json_array_get_length (errors);

  for (const DlgJsonField *field = fields; field->name != NULL; field++)
    {
      g_autofree char *path = prefix != NULL ? g_strdup_printf ("%s.%s", prefix, field->name)
                                             : g_strdup (field->name);
      JsonNode *node = json_object_get_member (object, field->name);
      gboolean type_ok = FALSE;

      if (node == NULL)
        {
          if (field->flags & DLG_JF_REQUIRED)
            dlg_site_json_add_error (errors, path, "is required");
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (node))
        {
          if (!(field->flags & DLG_JF_NULLABLE))
            dlg_site_json_add_error (errors, path, "must not be null");
          continue;
        }

      switch (field->type)
        {
        case DLG_JT_STRING:
          type_ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
          break;
        case DLG_JT_INT:
          type_ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
          break;
        case DLG_JT_NUMBER:
          type_ok = JSON_NODE_HOLDS_VALUE (node)
                    && (json_node_get_value_type (node) == G_TYPE_INT64
                        || json_node_get_value_type (node) == G_TYPE_DOUBLE);
          break;
        case DLG_JT_BOOL:
          type_ok = JSON_NODE_HOLDS_VALUE (node)
                    && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
          break;
        case DLG_JT_ARRAY:
          type_ok = JSON_NODE_HOLDS_ARRAY (node);
          break;
        case DLG_JT_OBJECT:
          type_ok = JSON_NODE_HOLDS_OBJECT (node);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!type_ok)
        {
          g_autofree char *message = g_strdup_printf ("must be %s", type_name (field->type));
          dlg_site_json_add_error (errors, path, message);
          continue;
        }

      switch (field->type)
        {
        case DLG_JT_STRING:
          check_string (field, path, json_node_get_string (node), errors);
          break;
        case DLG_JT_INT:
        case DLG_JT_NUMBER:
          {
            double value = json_node_get_double (node);
            if (field->type == DLG_JT_INT)
              value = (double) json_node_get_int (node);
            if (!isfinite (value)
                || (field->min != field->max && (value < field->min || value > field->max)))
              {
                g_autofree char *message = g_strdup_printf ("must be between %g and %g",
                                                            field->min, field->max);
                dlg_site_json_add_error (errors, path, message);
              }
          }
          break;
        case DLG_JT_ARRAY:
          if (field->items != NULL)
            {
              JsonArray *array = json_node_get_array (node);
              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  JsonNode *item = json_array_get_element (array, i);
                  g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
                  if (!JSON_NODE_HOLDS_OBJECT (item))
                    dlg_site_json_add_error (errors, item_path, "must be an object");
                  else
                    dlg_site_json_validate (json_node_get_object (item), field->items, item_path,
                                            errors);
                }
            }
          break;
        case DLG_JT_BOOL:
        case DLG_JT_OBJECT:
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return json_array_get_length (errors) == before;
}
