/* dlg-json.c — every JSON text goes through here before json-glib sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib parses arrays and objects by recursion, with no bound: a small hostile text of
 * nested brackets kills the process. dlg_json_check_depth() bounds the nesting in one linear
 * pass first. It must see every bracket json-glib sees: brackets inside double-quoted strings
 * (escapes included) are skipped, and what JSON does not allow but json-glib accepts and
 * skips — comments and single-quoted strings, where a '"' would make the two disagree on
 * where a string ends, and escapes other than JSON's, which it decodes into bytes — is refused
 * outright. Everything else (unbalanced brackets, bad
 * syntax) is left to the parser, which reports it.
 */

#define G_LOG_DOMAIN "dlg-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-json.h"

/**
 * dlg_json_check_depth:
 * @data: a JSON text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @max_depth: how deep arrays and objects may nest (1: `[1]` is accepted, `[[1]]` not)
 * @error: return location for a #GError
 *
 * Checks, without parsing, that arrays and objects in @data nest no deeper than @max_depth.
 *
 * Returns: %TRUE when they do; %FALSE with %DLG_ERROR_TOO_DEEP when they nest deeper, or
 *   %DLG_ERROR_INVALID for a comment, a single-quoted string or an escape JSON does not have
 */
gboolean
dlg_json_check_depth (const char  *data,
                      gssize       length,
                      guint        max_depth,
                      GError     **error)
{
  const char *p, *end;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (data);
  end = data + length;
  for (p = data; p < end; p++)
    {
      switch (*p)
        {
        case '"':
          /* Skip the string: a backslash escapes the next byte, which must be one of JSON's
           * escapes (json-glib also decodes octal ones, \351, into bytes that are not UTF-8). */
          for (p++; p < end && *p != '"'; p++)
            if (*p == '\\' && p + 1 < end)
              {
                p++;
                if (strchr ("\"\\/bfnrtu", *p) == NULL || *p == '\0')
                  {
                    g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                                 _("The JSON text holds an escape sequence that JSON does not "
                                   "allow; it was refused."));
                    return FALSE;
                  }
              }
          if (p >= end)
            return TRUE;   /* unterminated: the parser says so */
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, DLG_ERROR, DLG_ERROR_TOO_DEEP,
                           _("The JSON text nests arrays and objects more than %u levels "
                             "deep; it was refused."), max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case '\'':
        case '/':
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("The JSON text holds a comment or a single-quoted string, which JSON "
                         "does not allow; it was refused."));
          return FALSE;
        default:
          break;
        }
    }
  return TRUE;
}

/**
 * dlg_json_parse:
 * @data: a JSON text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @error: return location for a #GError
 *
 * Parses @data after dlg_json_check_depth() with %DLG_JSON_MAX_DEPTH: the only way the
 * program reads JSON.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error set: the errors of
 *   dlg_json_check_depth(), a %JSON_PARSER_ERROR, or %DLG_ERROR_INVALID when @data holds no value
 */
JsonNode *
dlg_json_parse (const char  *data,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  if (!dlg_json_check_depth (data, length, DLG_JSON_MAX_DEPTH, error))
    return NULL;
  /* JSON is UTF-8; json-glib's messages would quote the bytes that are not (fuzz-import). */
  {
    const char *end;

    if (!g_utf8_validate_len (data, length, &end))
      {
        g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                     _("The JSON text is not valid UTF-8 (at byte %zu); it was refused."),
                     (gsize) (end - data));
        return NULL;
      }
  }
  /* Mutable, as json_from_string() gives: some callers edit what they read. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, length > 0 ? data : "", length, error))
    {
      /* Its message quotes a bad string as json-glib decoded it, escapes such as \ud800
       * included: bytes that are not UTF-8 (fuzz-import). */
      if (error != NULL && *error != NULL && !g_utf8_validate ((*error)->message, -1, NULL))
        {
          char *valid = g_utf8_make_valid ((*error)->message, -1);

          g_free ((*error)->message);
          (*error)->message = valid;
        }
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("The JSON text is empty."));
      return NULL;
    }
  return json_node_ref (root);
}

static gboolean
check_text (JsonNode *node,
            GString  *path,
            guint     depth)
{
  gsize len = path->len;

  if (depth > DLG_JSON_MAX_DEPTH)
    return FALSE;
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING
             || g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_string_append_printf (path, "[%u]", i);
            if (!check_text (json_array_get_element (array, i), path, depth + 1))
              return FALSE;
            g_string_truncate (path, len);
          }
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            gboolean valid = g_utf8_validate (name, -1, NULL);

            if (len > 0)
              g_string_append_c (path, '.');
            /* A name that is not text is shown as the bytes it would be once made valid. */
            if (valid)
              g_string_append (path, name);
            else
              {
                g_autofree char *shown = g_utf8_make_valid (name, -1);
                g_string_append (path, shown);
                return FALSE;
              }
            if (!check_text (member, path, depth + 1))
              return FALSE;
            g_string_truncate (path, len);
          }
        return TRUE;
      }
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * dlg_json_check_text:
 * @node: a parsed JSON value
 * @bad_path: (out) (optional): where the first bad string is, as `answers.place` or
 *   `items[3]` ("" for @node itself)
 * @error: return location for a #GError
 *
 * Checks that every string of @node, member names included, is valid UTF-8. A JSON text can
 * escape a lone surrogate (`"\ud800"`), which is no character; json-glib turns it into bytes
 * that are not UTF-8, and such a string, stored and sent on, breaks every reader after.
 *
 * Returns: %TRUE when every string is text; %FALSE with %DLG_ERROR_INVALID otherwise (or
 *   when @node nests deeper than %DLG_JSON_MAX_DEPTH, which dlg_json_parse() never gives)
 */
gboolean
dlg_json_check_text (JsonNode  *node,
                     char     **bad_path,
                     GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, FALSE);

  if (bad_path != NULL)
    *bad_path = NULL;
  if (check_text (node, path, 0))
    return TRUE;
  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
               _("The JSON text holds a string that is not valid Unicode text (at “%s”); it was "
                 "refused."), path->str);
  if (bad_path != NULL)
    *bad_path = g_string_free (g_steal_pointer (&path), FALSE);
  return FALSE;
}

static JsonNode *
member_value (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (type != G_TYPE_INVALID && json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

const char *
dlg_json_member_string (JsonObject *object,
                        const char *name,
                        const char *fallback)
{
  JsonNode *node = member_value (object, name, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : fallback;
}

double
dlg_json_member_double (JsonObject *object,
                        const char *name,
                        double      fallback)
{
  JsonNode *node = member_value (object, name, G_TYPE_INVALID);

  if (node == NULL || (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                       json_node_get_value_type (node) != G_TYPE_INT64))
    return fallback;
  return json_node_get_double (node);
}

gint64
dlg_json_member_int (JsonObject *object,
                     const char *name,
                     gint64      fallback)
{
  JsonNode *node = member_value (object, name, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : fallback;
}

gboolean
dlg_json_member_boolean (JsonObject *object,
                         const char *name,
                         gboolean    fallback)
{
  JsonNode *node = member_value (object, name, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : fallback;
}

char *
dlg_json_node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}
