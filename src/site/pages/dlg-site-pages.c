/* dlg-site-pages.c — the public pages a citizen sees: the routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Server-rendered HTML, mobile-first, no JavaScript. Routes:
 *   /                                   the processes
 *   /p/<uuid>                           a process: question, perimeter, rules, timeline
 *   /p/<uuid>/contribute/<feature>      the form of a feature (GET, POST)
 *   /p/<uuid>/register                  volunteer registration (GET, POST)
 *   /p/<uuid>/contributions             published (and pending) contributions
 *   /p/<uuid>/contributions/<uuid>      one of them (a recommendation's sources link here)
 *   /p/<uuid>/narratives/<uuid>         a published narrative
 *   /p/<uuid>/response                  the argued response
 *   /p/<uuid>/follow-up                 commitments and their updates, the follow-up
 *                                       committee's meetings, status reports, evaluations
 *   /p/<uuid>/merci                     after a form was accepted
 *   /accessibilite, /mentions-legales, /confidentialite
 *                                       the accessibility statement, the legal notice, the
 *                                       privacy notice (linked from every page's footer)
 *   /static/site.css
 *
 * Each page is in the language of the request's Accept-Language (French by default), through
 * gettext (dlg-site-i18n.c).
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <string.h>

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

static void
handle (DlgSiteServer     *self,
        SoupServerMessage *msg,
        const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonNode) process_node = NULL;
  JsonObject *process;
  guint n;

  if (g_strcmp0 (path, "/static/site.css") == 0)
    {
      const char *css = dlg_html_stylesheet ();
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Cache-Control", "public, max-age=3600");
      soup_server_message_set_response (msg, "text/css; charset=utf-8", SOUP_MEMORY_STATIC,
                                        css, strlen (css));
      return;
    }
  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0
      && g_strcmp0 (method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD, POST");
      dlg_page_reply_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"),
                              _("This address does not support this method."));
      return;
    }
  if (g_strcmp0 (path, "/") == 0)
    {
      dlg_page_index (self, msg);
      return;
    }
  if (dlg_page_about (self, msg, path))
    return;
  if (!g_str_has_prefix (path, "/p/"))
    {
      dlg_page_reply_not_found (msg);
      return;
    }
  parts = g_strsplit (path + 3, "/", -1);
  n = g_strv_length (parts);
  if (n > 0 && n <= 3 && parts[n - 1][0] == '\0')
    n--;                        /* trailing slash */
  if (n == 0 || !g_uuid_string_is_valid (parts[0]))
    {
      dlg_page_reply_not_found (msg);
      return;
    }
  process_node = dlg_page_load_object (dlg_site_server_get_db (self), "process", parts[0]);
  if (process_node == NULL)
    {
      dlg_page_reply_not_found (msg);
      return;
    }
  process = json_node_get_object (process_node);

  if (g_strcmp0 (method, "POST") == 0
      && !(n == 2 && g_strcmp0 (parts[1], "register") == 0)
      && !(n == 3 && g_strcmp0 (parts[1], "contribute") == 0))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      dlg_page_reply_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"),
                              _("This page takes no form."));
      return;
    }

  if (n == 1)
    dlg_page_process (self, msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "contributions") == 0)
    dlg_page_contributions (self, msg, parts[0], process);
  else if (n == 3 && g_strcmp0 (parts[1], "contributions") == 0
           && g_uuid_string_is_valid (parts[2]))
    dlg_page_contribution (self, msg, parts[0], process, parts[2]);
  else if (n == 2 && g_strcmp0 (parts[1], "response") == 0)
    dlg_page_response (self, msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "follow-up") == 0)
    dlg_page_follow_up (self, msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "merci") == 0)
    dlg_page_thanks (msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "register") == 0)
    {
      g_autofree char *form_path = g_strconcat ("/p/", parts[0], "/register", NULL);
      dlg_page_form (self, msg, parts[0], process, "recruitment", form_path);
    }
  else if (n == 3 && g_strcmp0 (parts[1], "contribute") == 0
           && g_strcmp0 (parts[2], "recruitment") != 0 && dlg_page_feature_info (parts[2]) != NULL)
    {
      g_autofree char *form_path = g_strconcat ("/p/", parts[0], "/contribute/", parts[2],
                                                NULL);
      dlg_page_form (self, msg, parts[0], process, parts[2], form_path);
    }
  else if (n == 3 && g_strcmp0 (parts[1], "narratives") == 0
           && g_uuid_string_is_valid (parts[2]))
    dlg_page_narrative (self, msg, parts[0], process, parts[2]);
  else
    dlg_page_reply_not_found (msg);
}

void
dlg_site_pages_handle (DlgSiteServer     *self,
                       SoupServerMessage *msg,
                       const char        *path)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *lang = dlg_site_lang_negotiate (soup_message_headers_get_one (request,
                                                                            "Accept-Language"));
  g_autofree char *site_name = dlg_site_db_get_meta (dlg_site_server_get_db (self), "site_name");

  dlg_site_i18n_push (lang, site_name != NULL && *site_name != '\0' ? site_name : NULL);
  soup_message_headers_append (response, "Vary", "Accept-Language");
  soup_message_headers_replace (response, "Content-Language", lang);
  handle (self, msg, path);
  dlg_site_i18n_pop ();
}
