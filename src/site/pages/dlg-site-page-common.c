/* dlg-site-page-common.c — what the public pages share: features, stages, lookups, replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

const DlgPageFeature dlg_page_features[] = {
  { "recruitment", N_("Volunteer recruitment"), N_("I volunteer") },
  { "ideas", N_("Ideas box"), N_("Suggest an idea") },
  { "call_for_projects", N_("Call for projects"), N_("Submit a project") },
  { "questionnaire", N_("Questionnaire"), N_("Answer the questionnaire") },
  { "map", N_("Collaborative map"), N_("Put a contribution on the map") },
  { "debate", N_("Debate: arguments for and against"), N_("Give an argument") },
  { "event", N_("Event registration"), NULL },
  { NULL, NULL, NULL },
};

static const char sql_list_children[] =
  "SELECT id, data FROM objects WHERE process_id = ?1 AND type = ?2 AND deleted = 0"
  " ORDER BY created_at, rev";

const DlgPageFeature *
dlg_page_feature_info (const char *id)
{
  for (guint i = 0; dlg_page_features[i].id != NULL; i++)
    if (g_strcmp0 (dlg_page_features[i].id, id) == 0)
      return &dlg_page_features[i];
  return NULL;
}

/* The parsed bodies of the objects the pages load on every request (the process, for every
 * page of it), by "type/id", with the rev they were parsed at: a request checks the rev, one
 * indexed lookup, rather than parse the body again. Kept on the database object, whose rows
 * they are; the pages only read them. */
#define OBJECT_CACHE_MAX 256

typedef struct
{
  gint64    rev;
  JsonNode *node;
} CachedObject;

static void
cached_object_free (CachedObject *cached)
{
  json_node_unref (cached->node);
  g_free (cached);
}

static const char sql_object_rev[] =
  "SELECT rev FROM objects WHERE type = ?1 AND id = ?2 AND deleted = 0";

JsonNode *
dlg_page_load_object (DlgSiteDb  *db,
                      const char *type,
                      const char *id)
{
  static GQuark quark;
  GHashTable *cache;
  g_autofree char *cache_key = g_strconcat (type, "/", id, NULL);
  g_autoptr(DlgSiteObject) object = NULL;
  CachedObject *cached;
  JsonNode *node;
  gint64 rev = 0;

  if (quark == 0)
    quark = g_quark_from_static_string ("dlg-page-object-cache");
  cache = g_object_get_qdata (G_OBJECT (db), quark);
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) cached_object_free);
      g_object_set_qdata_full (G_OBJECT (db), quark, cache,
                               (GDestroyNotify) g_hash_table_unref);
    }
  {
    g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_object_rev, NULL);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        g_hash_table_remove (cache, cache_key);
        return NULL;
      }
    rev = sqlite3_column_int64 (stmt, 0);
  }
  cached = g_hash_table_lookup (cache, cache_key);
  if (cached != NULL && cached->rev == rev)
    return json_node_ref (cached->node);

  object = dlg_site_db_get_object (db, type, id);
  if (object == NULL || object->deleted)
    return NULL;
  node = dlg_json_parse (object->data, -1, NULL);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  if (node == NULL)
    return NULL;
  if (g_hash_table_size (cache) >= OBJECT_CACHE_MAX)
    g_hash_table_remove_all (cache);
  cached = g_new (CachedObject, 1);
  cached->rev = object->rev;
  cached->node = json_node_ref (node);
  g_hash_table_replace (cache, g_steal_pointer (&cache_key), cached);
  return node;
}

void
dlg_page_row_free (DlgPageRow *row)
{
  g_free (row->id);
  json_node_unref (row->data);
  g_free (row);
}

/* Appends to @rows the (id, data) rows of @stmt, bound, whose data is a JSON object. */
void
dlg_page_read_rows (DlgSiteStmt *stmt,
                    GPtrArray   *rows)
{
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonNode *data = dlg_json_parse ((const char *) sqlite3_column_text (stmt, 1), -1, NULL);
      DlgPageRow *row;
      if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
        {
          g_clear_pointer (&data, json_node_unref);
          continue;
        }
      row = g_new0 (DlgPageRow, 1);
      row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->data = data;
      g_ptr_array_add (rows, row);
    }
}

GPtrArray *
dlg_page_load_rows (DlgSiteDb  *db,
                    const char *sql,
                    const char *process_id,
                    const char *type)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_page_row_free);
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql, NULL);

  if (stmt == NULL)
    return rows;
  if (process_id != NULL)
    sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
  if (type != NULL)
    sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  dlg_page_read_rows (stmt, rows);
  return rows;
}

/* The objects of @type of a process, in the order they were made. */
GPtrArray *
dlg_page_load_children (DlgSiteDb  *db,
                        const char *process_id,
                        const char *type)
{
  return dlg_page_load_rows (db, sql_list_children, process_id, type);
}

JsonObject *
dlg_page_find_feature (JsonObject *process,
                       const char *feature)
{
  JsonArray *array = jarray (process, "features");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (g_strcmp0 (jstr (object, "feature"), feature) == 0)
        return object;
    }
  return NULL;
}

gboolean
dlg_page_feature_enabled (JsonObject *process,
                          const char *feature)
{
  JsonObject *object = dlg_page_find_feature (process, feature);
  return object != NULL && json_object_get_boolean_member_with_default (object, "enabled",
                                                                         FALSE);
}

/* Open now, according to opens_at / closes_at. */
gboolean
dlg_page_feature_open (JsonObject *feature)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *opens = jstr (feature, "opens_at");
  const char *closes = jstr (feature, "closes_at");

  if (opens != NULL)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (opens, NULL);
      if (t != NULL && g_date_time_compare (now, t) < 0)
        return FALSE;
    }
  if (closes != NULL)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (closes, NULL);
      if (t != NULL && g_date_time_compare (now, t) > 0)
        return FALSE;
    }
  return TRUE;
}

/* The state of @stage_id in the timeline the app pushed, or NULL. */
static const char *
stage_state (JsonObject *process,
             const char *stage_id)
{
  JsonArray *stages = jarray (process, "stages");

  for (guint i = 0; stages != NULL && i < json_array_get_length (stages); i++)
    {
      JsonNode *node = json_array_get_element (stages, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (jstr (json_node_get_object (node), "stage"), stage_id) == 0)
        return jstr (json_node_get_object (node), "state");
    }
  return NULL;
}

/* Why a feature's form is closed whatever its dates say, in the citizen's words, or NULL: an
 * archived process takes nothing any more, and registrations close with the recruitment stage
 * (done or skipped in the app, pushed with the process page). */
const char *
dlg_page_feature_closed_reason (JsonObject *process,
                                const char *feature_id)
{
  const char *recruitment;

  if (json_object_get_boolean_member_with_default (process, "archived", FALSE))
    return _("This process is archived: online participation is closed.");
  recruitment = stage_state (process, "recruitment");
  if (g_strcmp0 (feature_id, "recruitment") == 0 &&
      (g_strcmp0 (recruitment, "done") == 0 || g_strcmp0 (recruitment, "skipped") == 0))
    return _("The recruitment of the citizen panel is over: registrations are closed.");
  return NULL;
}

void
dlg_page_reply_html (SoupServerMessage *msg,
                     guint              status,
                     GString           *page)
{
  gsize len = page->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-cache");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_string_free (page, FALSE), len);
}

void
dlg_page_reply_message (SoupServerMessage *msg,
                        guint              status,
                        const char        *title,
                        const char        *text)
{
  GString *page = g_string_new (NULL);

  dlg_html_page_begin (page, title, "/", _("All processes"));
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, title);
  g_string_append (page, "</h1>\n<p>");
  dlg_html_escape_append (page, text);
  g_string_append (page, "</p>\n");
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, status, page);
}

void
dlg_page_reply_not_found (SoupServerMessage *msg)
{
  dlg_page_reply_message (msg, SOUP_STATUS_NOT_FOUND, _("Page not found"),
                          _("This page does not exist or is no longer published."));
}

void
dlg_page_append_link (GString    *out,
                      const char *href_a,
                      const char *href_b,
                      const char *href_c,
                      const char *label,
                      const char *klass)
{
  g_string_append (out, "<a");
  if (klass != NULL)
    {
      g_string_append (out, " class=\"");
      dlg_html_escape_append (out, klass);
      g_string_append (out, "\"");
    }
  g_string_append (out, " href=\"");
  dlg_html_escape_append (out, href_a);
  dlg_html_escape_append (out, href_b);
  dlg_html_escape_append (out, href_c);
  g_string_append (out, "\">");
  dlg_html_escape_append (out, label);
  g_string_append (out, "</a>");
}

void
dlg_page_append_date (GString    *out,
                      const char *prefix,
                      const char *iso)
{
  g_autofree char *date = dlg_html_format_date (iso);

  if (date == NULL)
    return;
  dlg_html_escape_append (out, prefix);
  g_string_append (out, "<time datetime=\"");
  dlg_html_escape_append (out, iso);
  g_string_append (out, "\">");
  dlg_html_escape_append (out, date);
  g_string_append (out, "</time>");
}
