/* dlg-site-page-narrative.c — a published narrative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

void
dlg_page_narrative (DlgSiteServer     *self,
                    SoupServerMessage *msg,
                    const char        *process_id,
                    JsonObject        *process,
                    const char        *narrative_id)
{
  g_autoptr(JsonNode) node = dlg_page_load_object (dlg_site_server_get_db (self), "narrative",
                                                   narrative_id);
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  g_autofree char *html = NULL;
  JsonObject *narrative;
  GString *page;

  if (node == NULL)
    {
      dlg_page_reply_not_found (msg);
      return;
    }
  narrative = json_node_get_object (node);
  if (g_strcmp0 (jstr (narrative, "state"), "published") != 0
      || g_strcmp0 (jstr (narrative, "process_id"), process_id) != 0)
    {
      dlg_page_reply_not_found (msg);
      return;
    }
  page = g_string_new (NULL);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s", jstr (narrative, "title"),
                                              jstr (process, "title"));
    dlg_html_page_begin (page, title, back, jstr (process, "title"));
  }
  g_string_append (page, "<article class=\"narrative\">\n<h1>");
  dlg_html_escape_append (page, jstr (narrative, "title"));
  g_string_append (page, "</h1>\n<p class=\"meta\">");
  for (guint i = 0; dlg_vocabulary_stage.entries[i].id != NULL; i++)
    if (g_strcmp0 (jstr (narrative, "stage"), dlg_vocabulary_stage.entries[i].id) == 0)
      {
        const char *label = C_("stage", dlg_vocabulary_stage.entries[i].label);
        g_autofree char *stage = g_strdup_printf (_("Stage “%s”"), label);
        dlg_html_escape_append (page, stage);
        g_string_append (page, " · ");
      }
  dlg_page_append_date (page, _("Published on "), jstr (narrative, "published_at"));
  g_string_append (page, "</p>\n");
  html = dlg_html_markdown (jstr (narrative, "body_md"));
  g_string_append (page, html);
  g_string_append (page, "</article>\n");
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
}
