/* dlg-site-page-response.c — the argued response and its sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

static const char *
position_label (const char *value)
{
  if (g_strcmp0 (value, "retained") == 0) return C_("position", "Retained");
  if (g_strcmp0 (value, "partly_retained") == 0) return C_("position", "Partly retained");
  if (g_strcmp0 (value, "not_retained") == 0) return C_("position", "Not retained");
  if (g_strcmp0 (value, "already_done") == 0) return C_("position", "Already done");
  if (g_strcmp0 (value, "under_study") == 0) return C_("position", "Under study");
  return _("No position");
}

/* The contributions a recommendation comes from: links to those the public can see. */
static void
append_sources (GString    *page,
                DlgSiteDb  *db,
                const char *process_id,
                JsonArray  *sources)
{
  guint shown = 0;

  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
    {
      JsonNode *n = json_array_get_element (sources, i);
      g_autoptr(JsonNode) contribution = NULL;
      const char *id, *title;

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        continue;
      id = json_node_get_string (n);
      if (!g_uuid_string_is_valid (id)
          || (contribution = dlg_page_load_shown_contribution (db, process_id, id)) == NULL)
        continue;
      if (shown++ == 0)
        {
          g_string_append (page, "<h3>");
          dlg_html_escape_append (page, _("From the contributions"));
          g_string_append (page, "</h3>\n<ul class=\"sources\">\n");
        }
      title = jstr (json_node_get_object (contribution), "title");
      if (title == NULL || *title == '\0')
        title = dlg_page_kind_label (jstr (json_node_get_object (contribution), "kind"));
      g_string_append (page, "<li>");
      {
        g_autofree char *path = g_strconcat ("/contributions/", id, NULL);
        dlg_page_append_link (page, "/p/", process_id, path, title, NULL);
      }
      if (dlg_page_channel_label (jstr (json_node_get_object (contribution), "channel")) != NULL)
        {
          const char *channel = jstr (json_node_get_object (contribution), "channel");

          g_string_append (page, " <span class=\"meta\">(");
          dlg_html_escape_append (page, dlg_page_channel_label (channel));
          g_string_append (page, ")</span>");
        }
      g_string_append (page, "</li>\n");
    }
  if (shown > 0)
    g_string_append (page, "</ul>\n");
}

void
dlg_page_response (DlgSiteServer     *self,
                   SoupServerMessage *msg,
                   const char        *process_id,
                   JsonObject        *process)
{
  g_autoptr(GPtrArray) rows = dlg_page_load_children (dlg_site_server_get_db (self), process_id,
                                                      "response");
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  GString *page;

  if (rows->len == 0)
    {
      dlg_page_reply_message (msg, SOUP_STATUS_NOT_FOUND, _("Argued response"),
                              _("The institution's argued response is not published yet."));
      return;
    }
  page = g_string_new (NULL);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s", _("Argued response"),
                                              jstr (process, "title"));
    dlg_html_page_begin (page, title, back, jstr (process, "title"));
  }
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, _("The institution's argued response"));
  g_string_append (page, "</h1>\n");
  for (guint r = 0; r < rows->len; r++)
    {
      DlgPageRow *row = g_ptr_array_index (rows, r);
      JsonObject *response = json_node_get_object (row->data);
      JsonArray *positions = jarray (response, "positions");

      g_string_append (page, "<p class=\"meta\">");
      dlg_page_append_date (page, C_("feminine", "Published on "), jstr (response, "published_at"));
      g_string_append (page, "</p>\n");
      dlg_html_paragraphs (page, jstr (response, "intro"));
      g_string_append (page, "<ol class=\"cards\">\n");
      for (guint i = 0; positions != NULL && i < json_array_get_length (positions); i++)
        {
          JsonNode *n = json_array_get_element (positions, i);
          JsonObject *p;
          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          p = json_node_get_object (n);
          g_string_append (page, "<li class=\"card\"><h2>");
          g_string_append_printf (page, _("Recommendation %u: "),
                                  (guint) CLAMP (jint (p, "number", i + 1), 0, G_MAXUINT));
          dlg_html_escape_append (page, jstr (p, "title"));
          g_string_append (page, "</h2>\n");
          dlg_html_paragraphs (page, jstr (p, "body"));
          g_string_append (page, "<p><span class=\"badge\">");
          dlg_html_escape_append (page, position_label (jstr (p, "value")));
          g_string_append (page, "</span></p>\n");
          if (jstr (p, "justification") != NULL)
            {
              g_string_append (page, "<h3>");
              dlg_html_escape_append (page, _("Why"));
              g_string_append (page, "</h3>\n");
              dlg_html_paragraphs (page, jstr (p, "justification"));
            }
          append_sources (page, dlg_site_server_get_db (self), process_id,
                          jarray (p, "sources"));
          g_string_append (page, "</li>\n");
        }
      g_string_append (page, "</ol>\n");
    }
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
}
