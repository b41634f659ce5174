/* fuzz-site-request.c — the depth bound and the site's checks of an API body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte chooses the collection whose table validates the body (processes, narratives…,
 * moderation, erasures); the rest is the body, as a client sends it. What must hold:
 *   - whatever dlg_json_parse() accepts nests no deeper than DLG_JSON_MAX_DEPTH (the pre-scan
 *     and json-glib agree on where strings end);
 *   - a body the site accepts is text through and through, and what it stores reads back
 *     (every client's pull reads it).
 */

#include "config.h"

#include <string.h>

#include "dlg-site-private.h"
#include "fuzz-common.h"

static const char *const collections[] = {
  "processes", "narratives", "responses", "commitments", "contributions", "follow_ups",
  "highlights", "moderation", "erasures",
};

static guint
depth_of (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      /* (MAX() would evaluate depth_of() twice: 2^depth calls.) */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint depth = depth_of (json_array_get_element (array, i));

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        {
          guint depth = depth_of (member);

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(DlgSiteRefusal) refusal = { 0 };
  g_autoptr(JsonArray) errors = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const DlgJsonField *fields;
  const char *body;
  gsize len;

  if (size < 1)
    return 0;
  fields = dlg_site_api_fields (collections[data[0] % G_N_ELEMENTS (collections)]);
  g_assert (fields != NULL);
  body = (const char *) data + 1;
  len = size - 1;

  /* The bound, on any text. */
  {
    g_autoptr(JsonNode) node = dlg_json_parse (body, len, &error);

    if (node != NULL)
      g_assert (depth_of (node) <= DLG_JSON_MAX_DEPTH);
    else
      g_assert (error != NULL);
    g_clear_error (&error);
  }

  /* The site's checks. */
  root = dlg_site_json_parse_request (body, len, &refusal);
  if (root == NULL)
    {
      g_assert (refusal.status >= 400 && refusal.status < 500);
      g_assert (refusal.slug != NULL && refusal.errors != NULL);
      return 0;
    }
  g_assert (JSON_NODE_HOLDS_OBJECT (root));
  errors = json_array_new ();
  if (dlg_site_json_validate (json_node_get_object (root), fields, NULL, errors))
    {
      /* What would be stored, read back as a client reads it. */
      g_autofree char *stored = dlg_site_json_to_string (root);
      g_autoptr(JsonNode) again = NULL;

      g_assert (g_utf8_validate (stored, -1, NULL));
      again = dlg_json_parse (stored, -1, &error);
      g_assert_no_error (error);
      g_assert (dlg_json_check_text (again, NULL, NULL));
    }
  else
    g_assert (json_array_get_length (errors) > 0);
  return 0;
}
