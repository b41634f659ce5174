/* dlg-json.h — every JSON text goes through here before json-glib sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper than this, a JSON text is refused: json-glib's parser is recursive, and a text of
 * 60,000 nested arrays (120 KB) overflows the stack. */
#define DLG_JSON_MAX_DEPTH 64

gboolean  dlg_json_check_depth (const char  *data,
                                gssize       length,
                                guint        max_depth,
                                GError     **error);

JsonNode *dlg_json_parse       (const char  *data,
                                gssize       length,
                                GError     **error);

G_END_DECLS
