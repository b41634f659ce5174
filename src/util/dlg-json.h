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

gboolean  dlg_json_check_text  (JsonNode    *node,
                                char       **bad_path,
                                GError     **error);

/* Readers of an object's members that never fail: a member absent, null or of another type
 * reads as @fallback (the ingestion path reads what a source brings with them). */
const char *dlg_json_member_string  (JsonObject  *object,
                                     const char  *name,
                                     const char  *fallback);
double      dlg_json_member_double  (JsonObject  *object,
                                     const char  *name,
                                     double       fallback);
gint64      dlg_json_member_int     (JsonObject  *object,
                                     const char  *name,
                                     gint64       fallback);
gboolean    dlg_json_member_boolean (JsonObject  *object,
                                     const char  *name,
                                     gboolean     fallback);
/* (transfer full): @node as compact JSON text. */
char       *dlg_json_node_to_string (JsonNode    *node);

G_END_DECLS
