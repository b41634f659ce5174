/* dlg-site-page-index.c — the home page: the processes published on the site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

static const char sql_list_processes[] =
  "SELECT id, data FROM objects WHERE type = 'process' AND deleted = 0"
  " ORDER BY json_extract (data, '$.title') COLLATE NOCASE";

void
dlg_page_index (DlgSiteServer     *self,
                SoupServerMessage *msg)
{
  g_autoptr(GPtrArray) rows = dlg_page_load_rows (dlg_site_server_get_db (self), sql_list_processes,
                                                  NULL, NULL);
  GString *page = g_string_new (NULL);

  dlg_html_page_begin (page, _("Participation processes"), NULL, NULL);
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, _("Participation processes"));
  g_string_append (page, "</h1>\n<p class=\"lead\">");
  dlg_html_escape_append (page, _("Give your opinion, suggest ideas, follow what the "
                                  "institution does with your contributions."));
  g_string_append (page, "</p>\n");
  if (rows->len == 0)
    {
      g_string_append (page, "<p>");
      dlg_html_escape_append (page, _("No process is published at the moment."));
      g_string_append (page, "</p>\n");
    }
  g_string_append (page, "<ul class=\"cards two\">\n");
  for (guint i = 0; i < rows->len; i++)
    {
      DlgPageRow *row = g_ptr_array_index (rows, i);
      JsonObject *process = json_node_get_object (row->data);

      g_string_append (page, "<li class=\"card\"><h2>");
      dlg_page_append_link (page, "/p/", row->id, NULL, jstr (process, "title"), NULL);
      g_string_append (page, "</h2>\n");
      dlg_html_paragraphs (page, jstr (process, "summary"));
      g_string_append (page, "</li>\n");
    }
  g_string_append (page, "</ul>\n");
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
}
