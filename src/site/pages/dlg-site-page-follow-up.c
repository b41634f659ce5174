/* dlg-site-page-follow-up.c — the follow-up of a process: commitments, meetings, reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

static const char sql_follow_ups[] =
  "SELECT id, data FROM objects WHERE process_id = ?1 AND type = 'follow_up' AND deleted = 0"
  " AND json_extract (data, '$.kind') = ?2 ORDER BY json_extract (data, '$.dated') DESC, rev";

static const char *
commitment_status_label (const char *status)
{
  if (g_strcmp0 (status, "planned") == 0) return C_("commitment", "Planned");
  if (g_strcmp0 (status, "in_progress") == 0) return C_("commitment", "In progress");
  if (g_strcmp0 (status, "done") == 0) return C_("commitment", "Done");
  if (g_strcmp0 (status, "abandoned") == 0) return C_("commitment", "Abandoned");
  return "—";
}

/* The follow-up committee's meetings, the status reports and the evaluations published. */
static void
append_follow_ups (GString    *page,
                   DlgSiteDb  *db,
                   const char *process_id)
{
  static const struct { const char *kind; const char *heading; const char *empty; } kinds[] = {
    { "meeting", N_("The follow-up committee's meetings"),
      N_("No meeting of the follow-up committee is published yet.") },
    { "report", N_("Status reports"), N_("No status report is published yet.") },
    { "evaluation", N_("Participatory evaluations"), NULL },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_follow_ups, NULL);
      guint n = 0;

      if (stmt == NULL)
        return;
      sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kinds[k].kind, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(JsonNode) node = dlg_json_parse ((const char *) sqlite3_column_text (stmt, 1),
                                                     -1, NULL);
          JsonObject *f;

          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            continue;
          f = json_node_get_object (node);
          if (n++ == 0)
            {
              g_string_append (page, "<h2>");
              dlg_html_escape_append (page, _(kinds[k].heading));
              g_string_append (page, "</h2>\n<ul class=\"cards\">\n");
            }
          g_string_append (page, "<li class=\"card\" id=\"f-");
          dlg_html_escape_append (page, (const char *) sqlite3_column_text (stmt, 0));
          g_string_append (page, "\"><h3>");
          dlg_html_escape_append (page, jstr (f, "title"));
          g_string_append (page, "</h3>\n<p class=\"meta\">");
          dlg_page_append_date (page, "", jstr (f, "dated"));
          g_string_append (page, "</p>\n");
          dlg_html_paragraphs (page, jstr (f, "body"));
          g_string_append (page, "</li>\n");
        }
      if (n > 0)
        g_string_append (page, "</ul>\n");
      else if (kinds[k].empty != NULL)
        {
          g_string_append (page, "<h2>");
          dlg_html_escape_append (page, _(kinds[k].heading));
          g_string_append (page, "</h2>\n<p>");
          dlg_html_escape_append (page, _(kinds[k].empty));
          g_string_append (page, "</p>\n");
        }
    }
}

void
dlg_page_follow_up (DlgSiteServer     *self,
                    SoupServerMessage *msg,
                    const char        *process_id,
                    JsonObject        *process)
{
  g_autoptr(GPtrArray) rows = dlg_page_load_children (dlg_site_server_get_db (self), process_id,
                                                      "commitment");
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  GString *page = g_string_new (NULL);

  {
    g_autofree char *title = g_strdup_printf ("%s — %s", _("The follow-up of commitments"),
                                              jstr (process, "title"));
    dlg_html_page_begin (page, title, back, jstr (process, "title"));
  }
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, _("The follow-up of commitments"));
  g_string_append (page, "</h1>\n");
  if (rows->len == 0)
    {
      g_string_append (page, "<p>");
      dlg_html_escape_append (page, _("No commitment is published yet."));
      g_string_append (page, "</p>\n");
    }
  g_string_append (page, "<ul class=\"cards\">\n");
  for (guint r = 0; r < rows->len; r++)
    {
      JsonObject *c = json_node_get_object (((DlgPageRow *) g_ptr_array_index (rows, r))->data);
      JsonArray *updates = jarray (c, "updates");
      gint64 progress = CLAMP (jint (c, "progress", 0), 0, 100);

      g_string_append (page, "<li class=\"card\"><h2>");
      dlg_html_escape_append (page, jstr (c, "title"));
      g_string_append (page, "</h2>\n<p class=\"meta\">");
      if (jint (c, "recommendation_number", 0) > 0)
        {
          g_string_append_printf (page, _("Recommendation %u"),
                                  (guint) MIN (jint (c, "recommendation_number", 0), G_MAXUINT));
          g_string_append (page, " · ");
        }
      dlg_html_escape_append (page, jstr (c, "department"));
      dlg_page_append_date (page, _(" · due "), jstr (c, "due_date"));
      g_string_append (page, "</p>\n<p><span class=\"badge\">");
      dlg_html_escape_append (page, commitment_status_label (jstr (c, "status")));
      /* <progress>, not a styled div: the CSP forbids inline styles. */
      g_string_append (page, "</span> <label>");
      g_string_append_printf (page, _("Progress: %u %%"), (guint) progress);
      g_string_append_printf (page, " <progress max=\"100\" value=\"%" G_GINT64_FORMAT "\">%"
                              G_GINT64_FORMAT " %%</progress></label></p>\n",
                              progress, progress);
      if (updates != NULL && json_array_get_length (updates) > 0)
        {
          g_string_append (page, "<h3>");
          dlg_html_escape_append (page, _("Progress updates"));
          g_string_append (page, "</h3>\n<ul>\n");
          for (guint i = 0; i < json_array_get_length (updates); i++)
            {
              JsonNode *n = json_array_get_element (updates, i);
              JsonObject *u;
              if (!JSON_NODE_HOLDS_OBJECT (n))
                continue;
              u = json_node_get_object (n);
              g_string_append (page, "<li>");
              dlg_page_append_date (page, "", jstr (u, "dated"));
              g_string_append (page, " — ");
              dlg_html_escape_append (page, jstr (u, "text"));
              g_string_append (page, "</li>\n");
            }
          g_string_append (page, "</ul>\n");
        }
      g_string_append (page, "</li>\n");
    }
  g_string_append (page, "</ul>\n");
  append_follow_ups (page, dlg_site_server_get_db (self), process_id);
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
}
