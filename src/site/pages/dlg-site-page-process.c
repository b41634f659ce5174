/* dlg-site-page-process.c — the page of a process: question, rules, timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

#define N_STAGES 12             /* dlg_vocabulary_stage.entries */

static void
append_section_text (GString    *page,
                     const char *heading,
                     const char *text,
                     const char *klass)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append (page, "<h2>");
  dlg_html_escape_append (page, heading);
  g_string_append (page, "</h2>\n");
  if (klass != NULL)
    {
      g_string_append (page, "<div class=\"");
      dlg_html_escape_append (page, klass);
      g_string_append (page, "\">");
    }
  dlg_html_paragraphs (page, text);
  if (klass != NULL)
    g_string_append (page, "</div>\n");
}

static const char *
stage_state_label (const char *state)
{
  if (g_strcmp0 (state, "done") == 0)
    return C_("stage state", "done");
  if (g_strcmp0 (state, "in_progress") == 0)
    return C_("stage state", "in progress");
  if (g_strcmp0 (state, "skipped") == 0)
    return C_("stage state", "not applicable");
  return C_("stage state", "to come");
}

/* Fills @states and @reasons (one per stage of dlg_vocabulary_stage) from the stages the app
 * pushed, and returns the index of the current step: the furthest stage in progress (several
 * can be, a recruitment still open while the workshop meets), else the first stage to come
 * after the last one closed, else the last stage. Exactly one step is current. */
static guint
timeline_states (JsonArray   *stages,
                 const char **states,
                 const char **reasons)
{
  guint n = 0, last_in_progress = G_MAXUINT, last_closed = G_MAXUINT;

  for (guint s = 0; dlg_vocabulary_stage.entries[s].id != NULL && s < N_STAGES; s++, n++)
    {
      states[s] = "not_started";
      reasons[s] = NULL;
      for (guint i = 0; i < json_array_get_length (stages); i++)
        {
          JsonNode *node = json_array_get_element (stages, i);
          JsonObject *stage;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          stage = json_node_get_object (node);
          if (g_strcmp0 (jstr (stage, "stage"), dlg_vocabulary_stage.entries[s].id) == 0)
            {
              states[s] = jstr (stage, "state") != NULL ? jstr (stage, "state") : states[s];
              reasons[s] = jstr (stage, "reason");
            }
        }
      if (g_strcmp0 (states[s], "in_progress") == 0)
        last_in_progress = s;
      else if (g_strcmp0 (states[s], "done") == 0 || g_strcmp0 (states[s], "skipped") == 0)
        last_closed = s;
    }
  if (last_in_progress != G_MAXUINT)
    return last_in_progress;
  if (last_closed == G_MAXUINT)
    return 0;
  return MIN (last_closed + 1, n - 1);
}

void
dlg_page_process (DlgSiteServer     *self,
                  SoupServerMessage *msg,
                  const char        *process_id,
                  JsonObject        *process)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_autoptr(GPtrArray) narratives = dlg_page_load_children (db, process_id, "narrative");
  g_autoptr(GPtrArray) responses = dlg_page_load_children (db, process_id, "response");
  g_autoptr(GPtrArray) commitments = dlg_page_load_children (db, process_id,
                                                "commitment");
  g_autoptr(GPtrArray) follow_ups = dlg_page_load_children (db, process_id, "follow_up");
  JsonArray *stages = jarray (process, "stages");
  GString *page = g_string_new (NULL);
  gboolean any_feature = FALSE;

  dlg_html_page_begin (page, jstr (process, "title"), "/", _("All processes"));
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, jstr (process, "title"));
  g_string_append (page, "</h1>\n<div class=\"lead\">");
  dlg_html_paragraphs (page, jstr (process, "summary"));
  g_string_append (page, "</div>\n");

  if (jstr (process, "question") != NULL && *jstr (process, "question") != '\0')
    {
      g_string_append (page, "<h2>");
      dlg_html_escape_append (page, _("The question put"));
      g_string_append (page, "</h2>\n<div class=\"question\">");
      dlg_html_paragraphs (page, jstr (process, "question"));
      g_string_append (page, "</div>\n");
    }
  append_section_text (page, _("What is open to debate"), jstr (process, "perimeter"), NULL);
  append_section_text (page, _("What is not open to debate"), jstr (process, "out_of_scope"),
                       NULL);
  append_section_text (page, _("The commitments of the institution"),
                       jstr (process, "commitments"), NULL);

  g_string_append (page, "<h2 id=\"participer\">");
  dlg_html_escape_append (page, _("Take part"));
  g_string_append (page, "</h2>\n<ul class=\"cards\">\n");
  for (guint i = 0; dlg_page_features[i].id != NULL; i++)
    {
      JsonObject *feature = dlg_page_find_feature (process, dlg_page_features[i].id);
      const char *closed;
      gboolean open;

      if (feature == NULL || !json_object_get_boolean_member_with_default (feature, "enabled",
                                                                            FALSE))
        continue;
      any_feature = TRUE;
      closed = dlg_page_feature_closed_reason (process, dlg_page_features[i].id);
      open = closed == NULL && dlg_page_feature_open (feature);
      g_string_append (page, "<li class=\"card\"><h3>");
      dlg_html_escape_append (page, _(dlg_page_features[i].label));
      g_string_append (page, "</h3>\n");
      /* The debate's own question (a site extension), which its form's choice answers. */
      if (jstr (feature, "question") != NULL && *jstr (feature, "question") != '\0')
        {
          g_string_append (page, "<p><strong>");
          dlg_html_escape_append (page, jstr (feature, "question"));
          g_string_append (page, "</strong></p>\n");
        }
      {
        g_autoptr(GString) dates = g_string_new (NULL);
        dlg_page_append_date (dates, _("Open from "), jstr (feature, "opens_at"));
        dlg_page_append_date (dates, dates->len > 0 ? _(", until ") : _("Open until "),
                              jstr (feature, "closes_at"));
        if (!open && closed == NULL)
          {
            g_string_append (dates, " — <strong>");
            dlg_html_escape_append (dates, _("closed at the moment"));
            g_string_append (dates, "</strong>");
          }
        if (dates->len > 0 && closed == NULL)
          g_string_append_printf (page, "<p class=\"meta\">%s</p>\n", dates->str);
      }
      if (closed != NULL)
        {
          g_string_append (page, "<p class=\"closed\"><strong>");
          dlg_html_escape_append (page, closed);
          g_string_append (page, "</strong></p>\n");
        }
      if (jstr (feature, "rules") != NULL && *jstr (feature, "rules") != '\0')
        {
          g_string_append (page, "<div class=\"rules\"><strong>");
          dlg_html_escape_append (page, _("Rules of the game:"));
          g_string_append (page, "</strong> ");
          dlg_html_paragraphs (page, jstr (feature, "rules"));
          g_string_append (page, "</div>\n");
        }
      if (g_strcmp0 (jstr (feature, "moderation"), "a_priori") == 0)
        {
          g_string_append (page, "<p class=\"meta\">");
          dlg_html_escape_append (page, _("Contributions are published after review by the "
                                          "moderation team."));
          g_string_append (page, "</p>\n");
        }
      if (open && dlg_page_features[i].verb != NULL)
        {
          g_string_append (page, "<p>");
          if (g_strcmp0 (dlg_page_features[i].id, "recruitment") == 0)
            dlg_page_append_link (page, "/p/", process_id, "/register",
                                  _(dlg_page_features[i].verb), "button");
          else
            {
              g_autofree char *suffix = g_strconcat ("/contribute/", dlg_page_features[i].id, NULL);
              dlg_page_append_link (page, "/p/", process_id, suffix,
                                    _(dlg_page_features[i].verb), "button");
            }
          g_string_append (page, "</p>\n");
        }
      g_string_append (page, "</li>\n");
    }
  g_string_append (page, "</ul>\n");
  if (!any_feature)
    {
      g_string_append (page, "<p>");
      dlg_html_escape_append (page, _("No online participation is open for this process."));
      g_string_append (page, "</p>\n");
    }
  g_string_append (page, "<p>");
  dlg_page_append_link (page, "/p/", process_id, "/contributions",
                        _("See the published contributions"), NULL);
  g_string_append (page, "</p>\n");

  if (stages != NULL && json_array_get_length (stages) > 0)
    {
      const char *states[N_STAGES + 1] = { NULL };
      const char *reasons[N_STAGES + 1] = { NULL };
      guint current = timeline_states (stages, states, reasons);

      g_string_append (page, "<h2>");
      dlg_html_escape_append (page, _("Where the process stands"));
      g_string_append (page, "</h2>\n<ol class=\"timeline\">\n");

      for (guint s = 0; dlg_vocabulary_stage.entries[s].id != NULL; s++)
        {
          const char *state = states[s];
          const char *reason = reasons[s];

          g_string_append (page, "<li class=\"");
          dlg_html_escape_append (page, state);
          g_string_append (page, "\"");
          if (s == current)
            g_string_append (page, " aria-current=\"step\"");
          g_string_append (page, ">");
          dlg_html_escape_append (page, C_("stage", dlg_vocabulary_stage.entries[s].label));
          g_string_append (page, " <span class=\"state\">(");
          dlg_html_escape_append (page, stage_state_label (state));
          g_string_append (page, ")</span>");
          if (g_strcmp0 (state, "skipped") == 0 && reason != NULL)
            {
              g_string_append (page, "<br><span class=\"meta\">");
              dlg_html_escape_append (page, reason);
              g_string_append (page, "</span>");
            }
          /* A stage in progress has a reason only when the officers reopened it. */
          else if (g_strcmp0 (state, "in_progress") == 0 && reason != NULL && *reason != '\0')
            {
              g_string_append (page, "<br><span class=\"meta\">");
              dlg_html_escape_append (page, _("Stage reopened: "));
              dlg_html_escape_append (page, reason);
              g_string_append (page, "</span>");
            }
          g_string_append (page, "</li>\n");
        }
      g_string_append (page, "</ol>\n");
    }

  {
    gboolean heading = FALSE;
    for (guint i = 0; i < narratives->len; i++)
      {
        DlgPageRow *row = g_ptr_array_index (narratives, i);
        JsonObject *narrative = json_node_get_object (row->data);
        g_autofree char *suffix = NULL;
        if (g_strcmp0 (jstr (narrative, "state"), "published") != 0)
          continue;
        if (!heading)
          {
            g_string_append (page, "<h2>");
            dlg_html_escape_append (page, _("Narratives of the process"));
            g_string_append (page, "</h2>\n<ul>\n");
          }
        heading = TRUE;
        suffix = g_strconcat ("/narratives/", row->id, NULL);
        g_string_append (page, "<li>");
        dlg_page_append_link (page, "/p/", process_id, suffix, jstr (narrative, "title"), NULL);
        g_string_append (page, " <span class=\"meta\">");
        dlg_page_append_date (page, "— ", jstr (narrative, "published_at"));
        g_string_append (page, "</span></li>\n");
      }
    if (heading)
      g_string_append (page, "</ul>\n");
  }

  if (responses->len > 0 || commitments->len > 0 || follow_ups->len > 0)
    {
      g_string_append (page, "<h2>");
      dlg_html_escape_append (page, _("What the institution does with it"));
      g_string_append (page, "</h2>\n<ul>\n");
      if (responses->len > 0)
        {
          g_string_append (page, "<li>");
          dlg_page_append_link (page, "/p/", process_id, "/response",
                                _("The argued response"), NULL);
          g_string_append (page, "</li>\n");
        }
      if (commitments->len > 0 || follow_ups->len > 0)
        {
          g_string_append (page, "<li>");
          dlg_page_append_link (page, "/p/", process_id, "/follow-up",
                                follow_ups->len > 0
                                  ? _("The follow-up of commitments and the follow-up "
                                      "committee")
                                  : _("The follow-up of commitments"), NULL);
          g_string_append (page, "</li>\n");
        }
      g_string_append (page, "</ul>\n");
    }

  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
}
