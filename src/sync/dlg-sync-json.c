/* dlg-sync-json.c — reading the site's answers strictly, writing JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-json.h"
#include "dlg-sync-private.h"

char *
dlg_sync_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
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
