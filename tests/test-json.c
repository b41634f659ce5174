/* test-json.c — the depth check every JSON text goes through (dlg-json.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dlg-core.h"

/* @depth arrays around @inner, e.g. nested (2, "1") = "[[1]]". */
static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

static void
test_limit (void)
{
  g_autofree char *arrays64 = nested (DLG_JSON_MAX_DEPTH, "[", "1", "]");
  g_autofree char *arrays65 = nested (DLG_JSON_MAX_DEPTH + 1, "[", "1", "]");
  g_autofree char *objects64 = nested (DLG_JSON_MAX_DEPTH, "{\"a\":", "1", "}");
  g_autofree char *objects65 = nested (DLG_JSON_MAX_DEPTH + 1, "{\"a\":", "1", "}");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (DLG_JSON_MAX_DEPTH, ==, 64);
  g_assert_true (dlg_json_check_depth (arrays64, -1, 64, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_json_check_depth (objects64, -1, 64, &error));
  g_assert_no_error (error);
  g_assert_false (dlg_json_check_depth (arrays65, -1, 64, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "64"));
  g_clear_error (&error);
  g_assert_false (dlg_json_check_depth (objects65, -1, 64, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_TOO_DEEP);
  g_clear_error (&error);
  /* Siblings do not add up; the length is honoured. */
  g_assert_true (dlg_json_check_depth ("[[1],[2],[3],{\"a\":[4]}]", -1, 3, NULL));
  g_assert_false (dlg_json_check_depth ("[[[1]]]", -1, 2, NULL));
  g_assert_true (dlg_json_check_depth ("[[[1]]]", 2, 2, NULL));
  g_assert_true (dlg_json_check_depth ("", 0, 1, NULL));
  g_assert_true (dlg_json_check_depth (NULL, 0, 1, NULL));
}

static void
test_strings (void)
{
  g_autofree char *in_string = nested (1000, "[", "", "]");
  g_autofree char *quoted = g_strdup_printf ("{\"a\": \"%s{{{\", \"b\": [1]}", in_string);
  g_autofree char *deep = nested (1000, "[", "", "]");
  /* An escaped quote does not end the string; an escaped backslash does not escape it. */
  g_autofree char *escaped_quote = g_strdup_printf ("[\"a\\\"%s\"]", deep);
  g_autofree char *escaped_backslash = g_strdup_printf ("[\"a\\\\\"%s]", deep);
  g_autofree char *three = g_strdup_printf ("[\"\\\\\\\"%s\"]", deep);

  g_assert_true (dlg_json_check_depth (quoted, -1, 2, NULL));
  g_assert_true (dlg_json_check_depth (escaped_quote, -1, 1, NULL));
  g_assert_false (dlg_json_check_depth (escaped_backslash, -1, 64, NULL));
  g_assert_true (dlg_json_check_depth (three, -1, 1, NULL));
  g_assert_true (dlg_json_check_depth ("[\"\\u005b\\u005b\"]", -1, 1, NULL));
  /* A trailing backslash in an unterminated string reads nothing past the end. */
  g_assert_true (dlg_json_check_depth ("[\"ab\\", -1, 1, NULL));
}

/* json-glib skips C comments and reads single-quoted strings; a '"' inside either would make
 * the check think a string starts there and miss the brackets after it. */
static void
test_not_json (void)
{
  g_autofree char *deep = nested (100000, "[", "", "]");
  g_autofree char *comment = g_strdup_printf ("/* \" */ %s", deep);
  g_autofree char *single = g_strdup_printf ("['\"', %s]", deep);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_false (dlg_json_check_depth (comment, -1, 64, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dlg_json_check_depth (single, -1, 64, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  node = dlg_json_parse (comment, -1, &error);
  g_assert_null (node);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  /* Inside a string they are text. */
  node = dlg_json_parse ("{\"url\": \"https://x.fr/a'b\"}", -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

/* Unbalanced or broken input is the parser's to refuse, with its own message. */
static void
test_unbalanced (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (dlg_json_check_depth ("]]]]}}}}[1]", -1, 1, NULL));
  g_assert_true (dlg_json_check_depth ("[[[[", -1, 4, NULL));
  g_assert_true (dlg_json_check_depth ("{\"a\": \"unterminated [[[[[[", -1, 1, NULL));
  node = dlg_json_parse ("]]]]}}}}[1]", -1, &error);
  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD);
  g_clear_error (&error);
  node = dlg_json_parse ("[[[[", -1, &error);
  g_assert_null (node);
  g_assert_nonnull (error);
  g_assert_true (error->domain == JSON_PARSER_ERROR);
  g_clear_error (&error);
  node = dlg_json_parse ("  ", -1, &error);
  g_assert_null (node);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

/* What json-glib would have crashed on comes back as an error, at once. */
static void
test_parse_hostile (void)
{
  g_autofree char *deep = nested (100000, "[", "", "]");
  g_autofree char *ok = nested (DLG_JSON_MAX_DEPTH, "[", "\"x\"", "]");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = dlg_json_parse (deep, -1, &error);
  g_assert_null (node);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_TOO_DEEP);
  g_clear_error (&error);
  node = dlg_json_parse (ok, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
}

/* The draw's recorded inputs go through the same check. */
static void
test_draw_inputs (void)
{
  g_autofree char *deep = nested (100000, "[", "", "]");
  g_autofree char *json = g_strdup_printf ("{\"algorithm\": \"leximin\", \"quotas\": [],"
                                           " \"people\": %s}", deep);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new_from_json (json, &error);

  g_assert_null (input);
  g_assert_nonnull (error);
}

/* A lone surrogate escape becomes bytes that are not UTF-8: found in a value, in a member's
 * name, at any depth, with where it is; a real pair is a character. */
static void
test_check_text (void)
{
  static const struct { const char *json, *path; } bad[] = {
    { "\"a\\ud800b\"", "" },
    { "{\"answers\": {\"place\": \"x\\udfff y\"}}", "answers.place" },
    { "{\"a\": [1, \"ok\", [\"\\ud83d z\"]]}", "a[2][0]" },
    /* A name that is not text is shown made valid (U+FFFD for what is not). */
    { "{\"ok\": 1, \"\\ud800x\": 1}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = dlg_json_parse (bad[i].json, -1, &error);
      g_autofree char *path = NULL;

      g_assert_no_error (error);
      g_assert_false (dlg_json_check_text (node, &path, &error));
      g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
      if (bad[i].path != NULL)
        g_assert_cmpstr (path, ==, bad[i].path);
      else
        g_assert_true (g_str_has_prefix (path, "\xef\xbf\xbd") && g_utf8_validate (path, -1, NULL));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = dlg_json_parse ("{\"\\u00e9t\\u00e9\": [\"\\ud83d\\ude00\", null,"
                                               " 1.5, true, {}]}", -1, &error);
    g_autofree char *path = NULL;

    g_assert_no_error (error);
    g_assert_true (dlg_json_check_text (node, &path, &error));
    g_assert_no_error (error);
    g_assert_null (path);
  }
}

/* Found by fuzz-import: json-glib's message quoted the bytes of an invalid string as they were,
 * so the error shown to the officer was not text. JSON is UTF-8: refused before parsing. */
static void
test_not_utf8 (void)
{
  static const char *texts[] = { "{\"a\": \"\xba\"}", "[\"ok\", \"caf\xe9\"]", "\xff" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = dlg_json_parse (texts[i], -1, &error);

      g_assert_null (node);
      g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  {
    /* Valid UTF-8, but json-glib decodes an octal escape (not JSON) into a byte that is not:
     * accepted, "x\\351y" was a string that is not text. Refused before parsing. */
    static const char *texts2[] = {
      "{\"a\": \"x\\351y\"}", "[\"\\672\"]", "[\"\\x41\"]", "[\"\\'\"]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts2); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) node = dlg_json_parse (texts2[i], -1, &error);

        g_assert_null (node);
        g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
      }
    /* JSON's own escapes all go through. */
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = dlg_json_parse ("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t"
                                                 " \\u00e9\"]", -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==,
                       "\" \\ / \b \f \n \r \t \xc3\xa9");
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/depth/limit-64", test_limit);
  g_test_add_func ("/core/json/depth/strings-skipped", test_strings);
  g_test_add_func ("/core/json/depth/comments-single-quotes-refused", test_not_json);
  g_test_add_func ("/core/json/depth/unbalanced-left-to-parser", test_unbalanced);
  g_test_add_func ("/core/json/parse/hostile", test_parse_hostile);
  g_test_add_func ("/core/json/parse/draw-inputs", test_draw_inputs);
  g_test_add_func ("/core/json/text/lone-surrogates", test_check_text);
  g_test_add_func ("/core/json/text/not-utf8", test_not_utf8);
  return g_test_run ();
}
