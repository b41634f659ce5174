/* dlg-site-pages.c — the public pages a citizen sees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Server-rendered HTML, French, mobile-first, no JavaScript. Routes:
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
 *   /static/site.css
 * Forms carry a CSRF token: HMAC-SHA256 (site secret, cookie value | form path), the cookie
 * being random, HttpOnly and SameSite=Strict. Input is checked on the server (required fields,
 * lengths, UTF-8, choices, ranges); on error the form comes back with the input kept and the
 * errors listed at the top and next to each field.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dlg-site-html.h"
#include "dlg-site-private.h"

#define CSRF_COOKIE "dlg_csrf"
#define MAX_TITLE   200
#define MAX_BODY    10000
#define PAGE_SIZE   50

static const char sql_list_processes[] =
  "SELECT id, data FROM objects WHERE type = 'process' AND deleted = 0"
  " ORDER BY json_extract (data, '$.title') COLLATE NOCASE";
static const char sql_list_children[] =
  "SELECT id, data FROM objects WHERE process_id = ?1 AND type = ?2 AND deleted = 0"
  " ORDER BY created_at, rev";
/* Shown: published contributions, and those made online awaiting moderation (a posteriori). A
 * contribution the team received in person is shown only once published. */
#define SQL_SHOWN \
  " AND (moderation = 'published' OR (moderation = 'pending'" \
  " AND coalesce (json_extract (data, '$.channel'), 'online') = 'online'))"
static const char sql_list_contributions[] =
  "SELECT id, data FROM objects WHERE process_id = ?1 AND type = 'contribution' AND deleted = 0"
  SQL_SHOWN " AND (?2 IS NULL OR feature = ?2)"
  " ORDER BY sort_time DESC, rev DESC LIMIT ?3 OFFSET ?4";
static const char sql_count_contributions[] =
  "SELECT count(*) FROM objects WHERE process_id = ?1 AND type = 'contribution' AND deleted = 0"
  SQL_SHOWN " AND (?2 IS NULL OR feature = ?2)";
static const char sql_shown_contribution[] =
  "SELECT data FROM objects WHERE process_id = ?1 AND type = 'contribution' AND id = ?2"
  " AND deleted = 0" SQL_SHOWN;
static const char sql_highlights[] =
  "SELECT json_extract (data, '$.contribution_id') FROM objects WHERE process_id = ?1"
  " AND type = 'highlight' AND deleted = 0";
static const char sql_follow_ups[] =
  "SELECT id, data FROM objects WHERE process_id = ?1 AND type = 'follow_up' AND deleted = 0"
  " AND json_extract (data, '$.kind') = ?2 ORDER BY json_extract (data, '$.dated') DESC, rev";
static const char sql_insert_contact[] =
  "INSERT INTO registration_contacts (id, full_name, email, phone) VALUES (?1, ?2, ?3, ?4)";

typedef struct
{
  const char *id;
  const char *label;
  const char *verb;
} FeatureInfo;

static const FeatureInfo features[] = {
  { "recruitment", "Recrutement de volontaires", "Je me porte volontaire" },
  { "ideas", "Boîte à idées", "Proposer une idée" },
  { "call_for_projects", "Appel à projets", "Déposer un projet" },
  { "questionnaire", "Questionnaire", "Répondre au questionnaire" },
  { "map", "Carte collaborative", "Placer une contribution sur la carte" },
  { "debate", "Débat : arguments pour et contre", "Donner un argument" },
  { "event", "Inscription à un événement", NULL },
};

static const struct { const char *id; const char *label; } stage_labels[] = {
  { "diagnostic", "Diagnostic amont" },
  { "arbitration", "Arbitrages élus / DG" },
  { "specification", "Cahier des charges" },
  { "mandate", "Mandat" },
  { "recruitment", "Recrutement" },
  { "workshop", "Atelier citoyen" },
  { "opinion", "Avis citoyen" },
  { "review", "Instruction par les services" },
  { "validation", "Validation élus / DG" },
  { "response", "Réponse argumentée" },
  { "implementation", "Mise en œuvre" },
  { "follow_up", "Droit de suite" },
};

static const FeatureInfo *
feature_info (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    if (g_strcmp0 (features[i].id, id) == 0)
      return &features[i];
  return NULL;
}

/* JSON helpers ----------------------------------------------------------------------------- */

static const char *
jstr (JsonObject *object,
      const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
jint (JsonObject *object,
      const char *member,
      gint64      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

static JsonArray *
jarray (JsonObject *object,
        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonNode *
load_object (DlgSiteDb  *db,
             const char *type,
             const char *id)
{
  g_autoptr(DlgSiteObject) object = dlg_site_db_get_object (db, type, id);
  JsonNode *node;

  if (object == NULL || object->deleted)
    return NULL;
  node = dlg_json_parse (object->data, -1, NULL);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

/* Rows (id, parsed data) of a query taking the process id and optionally a type. */
typedef struct
{
  char     *id;
  JsonNode *data;
} Row;

static void
row_free (Row *row)
{
  g_free (row->id);
  json_node_unref (row->data);
  g_free (row);
}

static GPtrArray *
load_rows (DlgSiteDb  *db,
           const char *sql,
           const char *process_id,
           const char *type)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql, NULL);

  if (stmt == NULL)
    return rows;
  if (process_id != NULL)
    sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
  if (type != NULL)
    sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonNode *data = dlg_json_parse ((const char *) sqlite3_column_text (stmt, 1), -1, NULL);
      Row *row;
      if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
        {
          g_clear_pointer (&data, json_node_unref);
          continue;
        }
      row = g_new0 (Row, 1);
      row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->data = data;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static JsonObject *
find_feature (JsonObject *process,
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

static gboolean
feature_enabled (JsonObject *process,
                 const char *feature)
{
  JsonObject *object = find_feature (process, feature);
  return object != NULL && json_object_get_boolean_member_with_default (object, "enabled",
                                                                         FALSE);
}

/* Open now, according to opens_at / closes_at. */
static gboolean
feature_open (JsonObject *feature)
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
static const char *
feature_closed_reason (JsonObject *process,
                       const char *feature_id)
{
  const char *recruitment;

  if (json_object_get_boolean_member_with_default (process, "archived", FALSE))
    return "Cette démarche est archivée : la participation en ligne est close.";
  recruitment = stage_state (process, "recruitment");
  if (g_strcmp0 (feature_id, "recruitment") == 0 &&
      (g_strcmp0 (recruitment, "done") == 0 || g_strcmp0 (recruitment, "skipped") == 0))
    return "Le recrutement du panel citoyen est terminé : les inscriptions sont closes.";
  return NULL;
}

/* Replies -------------------------------------------------------------------------------- */

static void
reply_html (SoupServerMessage *msg,
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

static void
reply_message_page (SoupServerMessage *msg,
                    guint              status,
                    const char        *title,
                    const char        *text)
{
  GString *page = g_string_new (NULL);

  dlg_html_page_begin (page, title, "/", "Toutes les démarches");
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, title);
  g_string_append (page, "</h1>\n<p>");
  dlg_html_escape_append (page, text);
  g_string_append (page, "</p>\n");
  dlg_html_page_end (page);
  reply_html (msg, status, page);
}

static void
reply_not_found (SoupServerMessage *msg)
{
  reply_message_page (msg, SOUP_STATUS_NOT_FOUND, "Page introuvable",
                      "Cette page n’existe pas ou n’est plus publiée.");
}

static void
append_link (GString    *out,
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

static void
append_date (GString    *out,
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

/* Pages ------------------------------------------------------------------------------------ */

static void
page_index (DlgSiteServer     *self,
            SoupServerMessage *msg)
{
  g_autoptr(GPtrArray) rows = load_rows (dlg_site_server_get_db (self), sql_list_processes,
                                         NULL, NULL);
  GString *page = g_string_new (NULL);

  dlg_html_page_begin (page, "Les démarches de participation", NULL, NULL);
  g_string_append (page, "<h1>Les démarches de participation</h1>\n"
                         "<p class=\"lead\">Donnez votre avis, proposez des idées, suivez ce "
                         "que la collectivité fait de vos contributions.</p>\n");
  if (rows->len == 0)
    g_string_append (page, "<p>Aucune démarche n’est publiée pour le moment.</p>\n");
  g_string_append (page, "<ul class=\"cards two\">\n");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      JsonObject *process = json_node_get_object (row->data);

      g_string_append (page, "<li class=\"card\"><h2>");
      append_link (page, "/p/", row->id, NULL, jstr (process, "title"), NULL);
      g_string_append (page, "</h2>\n");
      dlg_html_paragraphs (page, jstr (process, "summary"));
      g_string_append (page, "</li>\n");
    }
  g_string_append (page, "</ul>\n");
  dlg_html_page_end (page);
  reply_html (msg, SOUP_STATUS_OK, page);
}

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
    return "terminée";
  if (g_strcmp0 (state, "in_progress") == 0)
    return "en cours";
  if (g_strcmp0 (state, "skipped") == 0)
    return "sans objet";
  return "à venir";
}

static void
page_process (DlgSiteServer     *self,
              SoupServerMessage *msg,
              const char        *process_id,
              JsonObject        *process)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_autoptr(GPtrArray) narratives = load_rows (db, sql_list_children, process_id, "narrative");
  g_autoptr(GPtrArray) responses = load_rows (db, sql_list_children, process_id, "response");
  g_autoptr(GPtrArray) commitments = load_rows (db, sql_list_children, process_id,
                                                "commitment");
  g_autoptr(GPtrArray) follow_ups = load_rows (db, sql_list_children, process_id, "follow_up");
  JsonArray *stages = jarray (process, "stages");
  GString *page = g_string_new (NULL);
  gboolean any_feature = FALSE;

  dlg_html_page_begin (page, jstr (process, "title"), "/", "Toutes les démarches");
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, jstr (process, "title"));
  g_string_append (page, "</h1>\n<div class=\"lead\">");
  dlg_html_paragraphs (page, jstr (process, "summary"));
  g_string_append (page, "</div>\n");

  if (jstr (process, "question") != NULL && *jstr (process, "question") != '\0')
    {
      g_string_append (page, "<h2>La question posée</h2>\n<div class=\"question\">");
      dlg_html_paragraphs (page, jstr (process, "question"));
      g_string_append (page, "</div>\n");
    }
  append_section_text (page, "Ce qui est ouvert au débat", jstr (process, "perimeter"), NULL);
  append_section_text (page, "Ce qui n’est pas en débat", jstr (process, "out_of_scope"), NULL);
  append_section_text (page, "Les engagements de la collectivité",
                       jstr (process, "commitments"), NULL);

  g_string_append (page, "<h2 id=\"participer\">Participer</h2>\n<ul class=\"cards\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      JsonObject *feature = find_feature (process, features[i].id);
      const char *closed;
      gboolean open;

      if (feature == NULL || !json_object_get_boolean_member_with_default (feature, "enabled",
                                                                            FALSE))
        continue;
      any_feature = TRUE;
      closed = feature_closed_reason (process, features[i].id);
      open = closed == NULL && feature_open (feature);
      g_string_append (page, "<li class=\"card\"><h3>");
      dlg_html_escape_append (page, features[i].label);
      g_string_append (page, "</h3>\n");
      {
        g_autoptr(GString) dates = g_string_new (NULL);
        append_date (dates, "Ouvert à partir du ", jstr (feature, "opens_at"));
        append_date (dates, dates->len > 0 ? ", jusqu’au " : "Ouvert jusqu’au ",
                     jstr (feature, "closes_at"));
        if (!open && closed == NULL)
          g_string_append (dates, " — <strong>fermé actuellement</strong>");
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
          g_string_append (page, "<div class=\"rules\"><strong>Règles du jeu :</strong> ");
          dlg_html_paragraphs (page, jstr (feature, "rules"));
          g_string_append (page, "</div>\n");
        }
      if (g_strcmp0 (jstr (feature, "moderation"), "a_priori") == 0)
        g_string_append (page, "<p class=\"meta\">Les contributions sont publiées après "
                               "relecture par l’équipe de modération.</p>\n");
      if (open && features[i].verb != NULL)
        {
          g_string_append (page, "<p>");
          if (g_strcmp0 (features[i].id, "recruitment") == 0)
            append_link (page, "/p/", process_id, "/register", features[i].verb, "button");
          else
            {
              g_autofree char *suffix = g_strconcat ("/contribute/", features[i].id, NULL);
              append_link (page, "/p/", process_id, suffix, features[i].verb, "button");
            }
          g_string_append (page, "</p>\n");
        }
      g_string_append (page, "</li>\n");
    }
  g_string_append (page, "</ul>\n");
  if (!any_feature)
    g_string_append (page, "<p>Aucune participation en ligne n’est ouverte pour cette "
                           "démarche.</p>\n");
  g_string_append (page, "<p>");
  append_link (page, "/p/", process_id, "/contributions", "Voir les contributions publiées",
               NULL);
  g_string_append (page, "</p>\n");

  if (stages != NULL && json_array_get_length (stages) > 0)
    {
      g_string_append (page, "<h2>Où en est la démarche ?</h2>\n<ol class=\"timeline\">\n");
      for (guint s = 0; s < G_N_ELEMENTS (stage_labels); s++)
        {
          const char *state = "not_started";
          const char *reason = NULL;
          for (guint i = 0; i < json_array_get_length (stages); i++)
            {
              JsonNode *node = json_array_get_element (stages, i);
              JsonObject *stage;
              if (!JSON_NODE_HOLDS_OBJECT (node))
                continue;
              stage = json_node_get_object (node);
              if (g_strcmp0 (jstr (stage, "stage"), stage_labels[s].id) == 0)
                {
                  state = jstr (stage, "state") != NULL ? jstr (stage, "state") : state;
                  reason = jstr (stage, "reason");
                }
            }
          g_string_append (page, "<li class=\"");
          dlg_html_escape_append (page, state);
          g_string_append (page, "\"");
          if (g_strcmp0 (state, "in_progress") == 0)
            g_string_append (page, " aria-current=\"step\"");
          g_string_append (page, ">");
          dlg_html_escape_append (page, stage_labels[s].label);
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
              g_string_append (page, "<br><span class=\"meta\">Étape rouverte\u00a0: ");
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
        Row *row = g_ptr_array_index (narratives, i);
        JsonObject *narrative = json_node_get_object (row->data);
        g_autofree char *suffix = NULL;
        if (g_strcmp0 (jstr (narrative, "state"), "published") != 0)
          continue;
        if (!heading)
          g_string_append (page, "<h2>Récits de la démarche</h2>\n<ul>\n");
        heading = TRUE;
        suffix = g_strconcat ("/narratives/", row->id, NULL);
        g_string_append (page, "<li>");
        append_link (page, "/p/", process_id, suffix, jstr (narrative, "title"), NULL);
        g_string_append (page, " <span class=\"meta\">");
        append_date (page, "— ", jstr (narrative, "published_at"));
        g_string_append (page, "</span></li>\n");
      }
    if (heading)
      g_string_append (page, "</ul>\n");
  }

  if (responses->len > 0 || commitments->len > 0 || follow_ups->len > 0)
    {
      g_string_append (page, "<h2>Ce que la collectivité en fait</h2>\n<ul>\n");
      if (responses->len > 0)
        {
          g_string_append (page, "<li>");
          append_link (page, "/p/", process_id, "/response", "La réponse argumentée", NULL);
          g_string_append (page, "</li>\n");
        }
      if (commitments->len > 0 || follow_ups->len > 0)
        {
          g_string_append (page, "<li>");
          append_link (page, "/p/", process_id, "/follow-up",
                       follow_ups->len > 0 ? "Le suivi des engagements et le comité de suivi"
                                           : "Le suivi des engagements", NULL);
          g_string_append (page, "</li>\n");
        }
      g_string_append (page, "</ul>\n");
    }

  dlg_html_page_end (page);
  reply_html (msg, SOUP_STATUS_OK, page);
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "idea") == 0) return "Idée";
  if (g_strcmp0 (kind, "comment") == 0) return "Commentaire";
  if (g_strcmp0 (kind, "answer") == 0) return "Réponse au questionnaire";
  if (g_strcmp0 (kind, "pin") == 0) return "Sur la carte";
  if (g_strcmp0 (kind, "project") == 0) return "Projet";
  if (g_strcmp0 (kind, "argument") == 0) return "Argument";
  return "Contribution";
}

/* A channel other than the site's own form, as the public reads it. */
static const char *
channel_label (const char *channel)
{
  if (g_strcmp0 (channel, "in_person") == 0) return "Recueillie en atelier";
  if (g_strcmp0 (channel, "mail") == 0) return "Reçue par courrier";
  if (g_strcmp0 (channel, "phone") == 0) return "Reçue par téléphone";
  return NULL;
}

/* One contribution as a card (<li>), with its anchor c-<id>. */
static void
append_contribution (GString    *page,
                     const char *id,
                     JsonObject *c,
                     gboolean    highlighted)
{
  JsonNode *answers = json_object_get_member (c, "answers");
  const char *title = jstr (c, "title");
  const char *author = jstr (c, "author_ref");

  g_string_append (page, "<li class=\"card\" id=\"c-");
  dlg_html_escape_append (page, id);
  g_string_append (page, "\"><p class=\"meta\"><span class=\"badge\">");
  dlg_html_escape_append (page, kind_label (jstr (c, "kind")));
  g_string_append (page, "</span> ");
  if (channel_label (jstr (c, "channel")) != NULL)
    {
      g_string_append (page, "<span class=\"badge channel\">");
      dlg_html_escape_append (page, channel_label (jstr (c, "channel")));
      g_string_append (page, "</span> ");
    }
  if (highlighted)
    g_string_append (page, "<span class=\"badge highlight\">★ Mise en avant par l’équipe</span> ");
  if (answers != NULL && JSON_NODE_HOLDS_OBJECT (answers))
    {
      const char *position = jstr (json_node_get_object (answers), "position");
      if (g_strcmp0 (position, "for") == 0)
        g_string_append (page, "<span class=\"badge for\">Pour</span> ");
      else if (g_strcmp0 (position, "against") == 0)
        g_string_append (page, "<span class=\"badge against\">Contre</span> ");
    }
  if (g_strcmp0 (jstr (c, "moderation"), "pending") == 0)
    g_string_append (page, "<span class=\"badge pending\">En attente de modération</span> ");
  g_string_append (page, "</p>\n");
  if (title != NULL && *title != '\0')
    {
      g_string_append (page, "<h2>");
      dlg_html_escape_append (page, title);
      g_string_append (page, "</h2>\n");
    }
  dlg_html_paragraphs (page, jstr (c, "body"));
  if (answers != NULL && JSON_NODE_HOLDS_OBJECT (answers)
      && json_object_has_member (json_node_get_object (answers), "questions"))
    {
      JsonArray *qa = jarray (json_node_get_object (answers), "questions");
      g_string_append (page, "<dl>\n");
      for (guint q = 0; qa != NULL && q < json_array_get_length (qa); q++)
        {
          JsonNode *n = json_array_get_element (qa, q);
          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          g_string_append (page, "<dt>");
          dlg_html_escape_append (page, jstr (json_node_get_object (n), "question"));
          g_string_append (page, "</dt><dd>");
          dlg_html_escape_append (page, jstr (json_node_get_object (n), "answer"));
          g_string_append (page, "</dd>\n");
        }
      g_string_append (page, "</dl>\n");
    }
  g_string_append (page, "<p class=\"meta\">");
  dlg_html_escape_append (page, author != NULL && *author != '\0' ? author : "Anonyme");
  append_date (page, ", le ", jstr (c, "created_at"));
  if (json_object_has_member (c, "lat") && !json_object_get_null_member (c, "lat")
      && json_object_has_member (c, "lon") && !json_object_get_null_member (c, "lon"))
    {
      /* French decimal comma, whatever the locale. */
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (lat, sizeof lat, "%.5f", json_object_get_double_member (c, "lat"));
      g_ascii_formatd (lon, sizeof lon, "%.5f", json_object_get_double_member (c, "lon"));
      g_strdelimit (lat, ".", ',');
      g_strdelimit (lon, ".", ',');
      g_string_append_printf (page, " · latitude %s, longitude %s", lat, lon);
    }
  if (jint (c, "supports", 0) > 0)
    g_string_append_printf (page, " · %" G_GINT64_FORMAT " soutien%s",
                            jint (c, "supports", 0), jint (c, "supports", 0) > 1 ? "s" : "");
  g_string_append (page, "</p></li>\n");
}

/* The contributions the team highlighted, by id. */
static GHashTable *
load_highlights (DlgSiteDb  *db,
                 const char *process_id)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_highlights, NULL);

  if (stmt == NULL)
    return set;
  sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
      g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return set;
}

static void
page_contributions (DlgSiteServer     *self,
                    SoupServerMessage *msg,
                    const char        *process_id,
                    JsonObject        *process)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GHashTable) highlights = load_highlights (db, process_id);
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  g_autoptr(GHashTable) query = NULL;
  const char *filter = NULL;
  GString *page = g_string_new (NULL);
  guint64 page_number = 1;
  guint shown = 0, n_pages;

  if (g_uri_get_query (soup_server_message_get_uri (msg)) != NULL)
    query = g_uri_parse_params (g_uri_get_query (soup_server_message_get_uri (msg)), -1, "&",
                                G_URI_PARAMS_NONE, NULL);
  if (query != NULL)
    {
      const char *number = g_hash_table_lookup (query, "page");
      filter = g_hash_table_lookup (query, "feature");
      if (number == NULL
          || !g_ascii_string_to_unsigned (number, 10, 1, G_MAXINT / PAGE_SIZE, &page_number,
                                          NULL))
        page_number = 1;
    }
  if (filter != NULL && (feature_info (filter) == NULL || !feature_enabled (process, filter)))
    filter = NULL;

  {
    g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_count_contributions, NULL);
    if (stmt != NULL)
      {
        sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
        if (filter != NULL)
          sqlite3_bind_text (stmt, 2, filter, -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          shown = sqlite3_column_int (stmt, 0);
      }
  }
  n_pages = MAX (1, (shown + PAGE_SIZE - 1) / PAGE_SIZE);
  page_number = MIN (page_number, n_pages);
  {
    g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_list_contributions, NULL);
    if (stmt != NULL)
      {
        sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
        if (filter != NULL)
          sqlite3_bind_text (stmt, 2, filter, -1, SQLITE_STATIC);
        sqlite3_bind_int (stmt, 3, PAGE_SIZE);
        sqlite3_bind_int64 (stmt, 4, (page_number - 1) * PAGE_SIZE);
      }
    while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      {
        JsonNode *data;
        Row *row;

        data = dlg_json_parse ((const char *) sqlite3_column_text (stmt, 1), -1, NULL);
        if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
          {
            g_clear_pointer (&data, json_node_unref);
            continue;
          }
        row = g_new0 (Row, 1);
        row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        row->data = data;
        g_ptr_array_add (rows, row);
      }
  }

  dlg_html_page_begin (page, "Contributions", back, jstr (process, "title"));
  g_string_append (page, "<h1>Les contributions</h1>\n<nav aria-label=\"Filtrer par mode de "
                         "participation\"><ul class=\"filters\">\n<li><a href=\"?\"");
  if (filter == NULL)
    g_string_append (page, " aria-current=\"page\"");
  g_string_append (page, ">Toutes</a></li>\n");
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      if (g_strcmp0 (features[i].id, "recruitment") == 0
          || g_strcmp0 (features[i].id, "event") == 0
          || !feature_enabled (process, features[i].id))
        continue;
      g_string_append (page, "<li><a href=\"?feature=");
      dlg_html_escape_append (page, features[i].id);
      g_string_append (page, "\"");
      if (g_strcmp0 (filter, features[i].id) == 0)
        g_string_append (page, " aria-current=\"page\"");
      g_string_append (page, ">");
      dlg_html_escape_append (page, features[i].label);
      g_string_append (page, "</a></li>\n");
    }
  g_string_append (page, "</ul></nav>\n<p class=\"meta\">");
  g_string_append_printf (page, "%u contribution%s. Les contributions retirées par la "
                                "modération restent conservées mais ne sont plus affichées.",
                          shown, shown > 1 ? "s" : "");
  g_string_append (page, "</p>\n<ul class=\"cards\">\n");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      append_contribution (page, row->id, json_node_get_object (row->data),
                           g_hash_table_contains (highlights, row->id));
    }
  g_string_append (page, "</ul>\n");
  if (n_pages > 1)
    {
      g_string_append (page, "<nav aria-label=\"Pages de contributions\"><p>");
      if (page_number > 1)
        {
          g_string_append_printf (page, "<a href=\"?page=%" G_GUINT64_FORMAT, page_number - 1);
          if (filter != NULL)
            {
              g_string_append (page, "&amp;feature=");
              dlg_html_escape_append (page, filter);
            }
          g_string_append (page, "\" rel=\"prev\">← Plus récentes</a> ");
        }
      g_string_append_printf (page, "Page %" G_GUINT64_FORMAT " sur %u", page_number, n_pages);
      if (page_number < n_pages)
        {
          g_string_append_printf (page, " <a href=\"?page=%" G_GUINT64_FORMAT, page_number + 1);
          if (filter != NULL)
            {
              g_string_append (page, "&amp;feature=");
              dlg_html_escape_append (page, filter);
            }
          g_string_append (page, "\" rel=\"next\">Plus anciennes →</a>");
        }
      g_string_append (page, "</p></nav>\n");
    }
  dlg_html_page_end (page);
  reply_html (msg, SOUP_STATUS_OK, page);
}

/* A contribution the public sees (see SQL_SHOWN), or NULL. */
static JsonNode *
load_shown_contribution (DlgSiteDb  *db,
                         const char *process_id,
                         const char *id)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_shown_contribution, NULL);
  JsonNode *node;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  node = dlg_json_parse ((const char *) sqlite3_column_text (stmt, 0), -1, NULL);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

/* One contribution, the page a recommendation's sources link to. */
static void
page_contribution (DlgSiteServer     *self,
                   SoupServerMessage *msg,
                   const char        *process_id,
                   JsonObject        *process,
                   const char        *contribution_id)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_autoptr(JsonNode) node = load_shown_contribution (db, process_id, contribution_id);
  g_autoptr(GHashTable) highlights = NULL;
  g_autofree char *back = g_strconcat ("/p/", process_id, "/contributions", NULL);
  GString *page;

  if (node == NULL)
    {
      reply_not_found (msg);
      return;
    }
  highlights = load_highlights (db, process_id);
  page = g_string_new (NULL);
  dlg_html_page_begin (page, "Contribution", back, "Les contributions");
  g_string_append (page, "<h1>Une contribution</h1>\n<p class=\"lead\">");
  dlg_html_escape_append (page, jstr (process, "title"));
  g_string_append (page, "</p>\n<ul class=\"cards\">\n");
  append_contribution (page, contribution_id, json_node_get_object (node),
                       g_hash_table_contains (highlights, contribution_id));
  g_string_append (page, "</ul>\n");
  dlg_html_page_end (page);
  reply_html (msg, SOUP_STATUS_OK, page);
}

static void
page_narrative (DlgSiteServer     *self,
                SoupServerMessage *msg,
                const char        *process_id,
                JsonObject        *process,
                const char        *narrative_id)
{
  g_autoptr(JsonNode) node = load_object (dlg_site_server_get_db (self), "narrative",
                                          narrative_id);
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  g_autofree char *html = NULL;
  JsonObject *narrative;
  GString *page;

  if (node == NULL)
    {
      reply_not_found (msg);
      return;
    }
  narrative = json_node_get_object (node);
  if (g_strcmp0 (jstr (narrative, "state"), "published") != 0
      || g_strcmp0 (jstr (narrative, "process_id"), process_id) != 0)
    {
      reply_not_found (msg);
      return;
    }
  page = g_string_new (NULL);
  dlg_html_page_begin (page, jstr (narrative, "title"), back, jstr (process, "title"));
  g_string_append (page, "<article class=\"narrative\">\n<h1>");
  dlg_html_escape_append (page, jstr (narrative, "title"));
  g_string_append (page, "</h1>\n<p class=\"meta\">");
  for (guint i = 0; i < G_N_ELEMENTS (stage_labels); i++)
    if (g_strcmp0 (jstr (narrative, "stage"), stage_labels[i].id) == 0)
      {
        g_string_append (page, "Étape « ");
        dlg_html_escape_append (page, stage_labels[i].label);
        g_string_append (page, " » · ");
      }
  append_date (page, "Publié le ", jstr (narrative, "published_at"));
  g_string_append (page, "</p>\n");
  html = dlg_html_markdown (jstr (narrative, "body_md"));
  g_string_append (page, html);
  g_string_append (page, "</article>\n");
  dlg_html_page_end (page);
  reply_html (msg, SOUP_STATUS_OK, page);
}

static const char *
position_label (const char *value)
{
  if (g_strcmp0 (value, "retained") == 0) return "Retenue";
  if (g_strcmp0 (value, "partly_retained") == 0) return "Partiellement retenue";
  if (g_strcmp0 (value, "not_retained") == 0) return "Non retenue";
  if (g_strcmp0 (value, "already_done") == 0) return "Déjà en place";
  if (g_strcmp0 (value, "under_study") == 0) return "À l’étude";
  return "Sans position";
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
          || (contribution = load_shown_contribution (db, process_id, id)) == NULL)
        continue;
      if (shown++ == 0)
        g_string_append (page, "<h3>Issue des contributions</h3>\n<ul class=\"sources\">\n");
      title = jstr (json_node_get_object (contribution), "title");
      if (title == NULL || *title == '\0')
        title = kind_label (jstr (json_node_get_object (contribution), "kind"));
      g_string_append (page, "<li>");
      {
        g_autofree char *path = g_strconcat ("/contributions/", id, NULL);
        append_link (page, "/p/", process_id, path, title, NULL);
      }
      if (channel_label (jstr (json_node_get_object (contribution), "channel")) != NULL)
        {
          g_string_append (page, " <span class=\"meta\">(");
          dlg_html_escape_append (page, channel_label (jstr (json_node_get_object (contribution),
                                                             "channel")));
          g_string_append (page, ")</span>");
        }
      g_string_append (page, "</li>\n");
    }
  if (shown > 0)
    g_string_append (page, "</ul>\n");
}

static void
page_response (DlgSiteServer     *self,
               SoupServerMessage *msg,
               const char        *process_id,
               JsonObject        *process)
{
  g_autoptr(GPtrArray) rows = load_rows (dlg_site_server_get_db (self), sql_list_children,
                                         process_id, "response");
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  GString *page;

  if (rows->len == 0)
    {
      reply_message_page (msg, SOUP_STATUS_NOT_FOUND, "Réponse argumentée",
                          "La réponse argumentée de la collectivité n’est pas encore publiée.");
      return;
    }
  page = g_string_new (NULL);
  dlg_html_page_begin (page, "Réponse argumentée", back, jstr (process, "title"));
  g_string_append (page, "<h1>La réponse argumentée de la collectivité</h1>\n");
  for (guint r = 0; r < rows->len; r++)
    {
      JsonObject *response = json_node_get_object (((Row *) g_ptr_array_index (rows, r))->data);
      JsonArray *positions = jarray (response, "positions");

      g_string_append (page, "<p class=\"meta\">");
      append_date (page, "Publiée le ", jstr (response, "published_at"));
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
          g_string_append_printf (page, "Préconisation %" G_GINT64_FORMAT " : ",
                                  jint (p, "number", i + 1));
          dlg_html_escape_append (page, jstr (p, "title"));
          g_string_append (page, "</h2>\n");
          dlg_html_paragraphs (page, jstr (p, "body"));
          g_string_append (page, "<p><span class=\"badge\">");
          dlg_html_escape_append (page, position_label (jstr (p, "value")));
          g_string_append (page, "</span></p>\n");
          if (jstr (p, "justification") != NULL)
            {
              g_string_append (page, "<h3>Pourquoi</h3>\n");
              dlg_html_paragraphs (page, jstr (p, "justification"));
            }
          append_sources (page, dlg_site_server_get_db (self), process_id,
                          jarray (p, "sources"));
          g_string_append (page, "</li>\n");
        }
      g_string_append (page, "</ol>\n");
    }
  dlg_html_page_end (page);
  reply_html (msg, SOUP_STATUS_OK, page);
}

static const char *
commitment_status_label (const char *status)
{
  if (g_strcmp0 (status, "planned") == 0) return "Prévu";
  if (g_strcmp0 (status, "in_progress") == 0) return "En cours";
  if (g_strcmp0 (status, "done") == 0) return "Réalisé";
  if (g_strcmp0 (status, "abandoned") == 0) return "Abandonné";
  return "—";
}

/* The follow-up committee's meetings, the status reports and the evaluations published. */
static void
append_follow_ups (GString    *page,
                   DlgSiteDb  *db,
                   const char *process_id)
{
  static const struct { const char *kind; const char *heading; const char *empty; } kinds[] = {
    { "meeting", "Les réunions du comité de suivi",
      "Aucune réunion du comité de suivi n’est encore publiée." },
    { "report", "Les bilans d’avancement", "Aucun bilan d’avancement n’est encore publié." },
    { "evaluation", "Les évaluations participatives", NULL },
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
              dlg_html_escape_append (page, kinds[k].heading);
              g_string_append (page, "</h2>\n<ul class=\"cards\">\n");
            }
          g_string_append (page, "<li class=\"card\" id=\"f-");
          dlg_html_escape_append (page, (const char *) sqlite3_column_text (stmt, 0));
          g_string_append (page, "\"><h3>");
          dlg_html_escape_append (page, jstr (f, "title"));
          g_string_append (page, "</h3>\n<p class=\"meta\">");
          append_date (page, "", jstr (f, "dated"));
          g_string_append (page, "</p>\n");
          dlg_html_paragraphs (page, jstr (f, "body"));
          g_string_append (page, "</li>\n");
        }
      if (n > 0)
        g_string_append (page, "</ul>\n");
      else if (kinds[k].empty != NULL)
        {
          g_string_append (page, "<h2>");
          dlg_html_escape_append (page, kinds[k].heading);
          g_string_append (page, "</h2>\n<p>");
          dlg_html_escape_append (page, kinds[k].empty);
          g_string_append (page, "</p>\n");
        }
    }
}

static void
page_follow_up (DlgSiteServer     *self,
                SoupServerMessage *msg,
                const char        *process_id,
                JsonObject        *process)
{
  g_autoptr(GPtrArray) rows = load_rows (dlg_site_server_get_db (self), sql_list_children,
                                         process_id, "commitment");
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  GString *page = g_string_new (NULL);

  dlg_html_page_begin (page, "Suivi des engagements", back, jstr (process, "title"));
  g_string_append (page, "<h1>Le suivi des engagements</h1>\n");
  if (rows->len == 0)
    g_string_append (page, "<p>Aucun engagement n’est encore publié.</p>\n");
  g_string_append (page, "<ul class=\"cards\">\n");
  for (guint r = 0; r < rows->len; r++)
    {
      JsonObject *c = json_node_get_object (((Row *) g_ptr_array_index (rows, r))->data);
      JsonArray *updates = jarray (c, "updates");
      gint64 progress = CLAMP (jint (c, "progress", 0), 0, 100);

      g_string_append (page, "<li class=\"card\"><h2>");
      dlg_html_escape_append (page, jstr (c, "title"));
      g_string_append (page, "</h2>\n<p class=\"meta\">");
      if (jint (c, "recommendation_number", 0) > 0)
        g_string_append_printf (page, "Préconisation %" G_GINT64_FORMAT " · ",
                                jint (c, "recommendation_number", 0));
      dlg_html_escape_append (page, jstr (c, "department"));
      append_date (page, " · échéance ", jstr (c, "due_date"));
      g_string_append (page, "</p>\n<p><span class=\"badge\">");
      dlg_html_escape_append (page, commitment_status_label (jstr (c, "status")));
      /* <progress>, not a styled div: the CSP forbids inline styles. */
      g_string_append_printf (page, "</span> <label>Avancement : %" G_GINT64_FORMAT " %%"
                              " <progress max=\"100\" value=\"%" G_GINT64_FORMAT "\">%"
                              G_GINT64_FORMAT " %%</progress></label></p>\n",
                              progress, progress, progress);
      if (updates != NULL && json_array_get_length (updates) > 0)
        {
          g_string_append (page, "<h3>Points d’étape</h3>\n<ul>\n");
          for (guint i = 0; i < json_array_get_length (updates); i++)
            {
              JsonNode *n = json_array_get_element (updates, i);
              JsonObject *u;
              if (!JSON_NODE_HOLDS_OBJECT (n))
                continue;
              u = json_node_get_object (n);
              g_string_append (page, "<li>");
              append_date (page, "", jstr (u, "dated"));
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
  reply_html (msg, SOUP_STATUS_OK, page);
}

/* Forms ------------------------------------------------------------------------------------ */

typedef enum {
  IN_TEXT,
  IN_TEXTAREA,
  IN_NUMBER,
  IN_EMAIL,
  IN_TEL,
  IN_SELECT,
  IN_RADIO,
  IN_CONSENT,
} InputKind;

typedef struct
{
  const char        *name;
  const char        *label;
  const char        *hint;
  InputKind          kind;
  gboolean           required;
  guint              max_chars;
  const char *const *choices;   /* value, label, value, label, …, NULL */
} FormField;

typedef struct
{
  char *name;
  char *message;
} FormError;

static void
form_error_free (FormError *error)
{
  g_free (error->name);
  g_free (error->message);
  g_free (error);
}

static void
add_form_error (GPtrArray  *errors,
                const char *name,
                const char *message)
{
  FormError *error = g_new0 (FormError, 1);

  error->name = g_strdup (name);
  error->message = g_strdup (message);
  g_ptr_array_add (errors, error);
}

static const FormField author_field = {
  "author_ref", "Votre pseudonyme",
  "Facultatif. Il sera affiché avec votre contribution : n’indiquez pas votre nom complet.",
  IN_TEXT, FALSE, 80, NULL
};
static const FormField idea_fields[] = {
  { "title", "Titre de votre idée", "200 caractères au plus.", IN_TEXT, TRUE, MAX_TITLE, NULL },
  { "body", "Votre idée", "Ce qui devrait changer, où, et pour qui. 10 000 caractères au plus.",
    IN_TEXTAREA, TRUE, MAX_BODY, NULL },
};
static const FormField project_fields[] = {
  { "title", "Nom du projet", "200 caractères au plus.", IN_TEXT, TRUE, MAX_TITLE, NULL },
  { "body", "Présentation du projet",
    "Objectifs, porteurs, lieu, moyens nécessaires. 10 000 caractères au plus.",
    IN_TEXTAREA, TRUE, MAX_BODY, NULL },
};
static const FormField map_fields[] = {
  { "title", "Titre", "200 caractères au plus.", IN_TEXT, TRUE, MAX_TITLE, NULL },
  { "body", "Votre contribution", "Ce que vous observez ou proposez à cet endroit.",
    IN_TEXTAREA, TRUE, MAX_BODY, NULL },
  { "lat", "Latitude", "Nombre décimal, par exemple 47.2278. Sur un service de cartographie, "
    "un clic droit sur le lieu affiche ses coordonnées.", IN_NUMBER, TRUE, 20, NULL },
  { "lon", "Longitude", "Nombre décimal, par exemple -1.5119.", IN_NUMBER, TRUE, 20, NULL },
};
static const char *const debate_positions[] = { "for", "Pour", "against", "Contre", NULL };
static const FormField debate_fields[] = {
  { "position", "Votre position", NULL, IN_RADIO, TRUE, 0, debate_positions },
  { "title", "Votre argument en une phrase", "200 caractères au plus.", IN_TEXT, TRUE,
    MAX_TITLE, NULL },
  { "body", "Développez votre argument", "10 000 caractères au plus.", IN_TEXTAREA, TRUE,
    MAX_BODY, NULL },
};
static const char *const age_bands[] = {
  "", "Choisissez", "16-17", "16 à 17 ans", "18-29", "18 à 29 ans", "30-44", "30 à 44 ans",
  "45-59", "45 à 59 ans", "60-74", "60 à 74 ans", "75+", "75 ans et plus", NULL
};
static const char *const genders[] = {
  "", "Choisissez", "woman", "Femme", "man", "Homme", "other", "Autre",
  "undisclosed", "Je préfère ne pas répondre", NULL
};
static const char *const occupations[] = {
  "", "Choisissez", "farmer", "Agriculture", "self_employed", "Artisanat, commerce, entreprise",
  "executive", "Cadre, profession intellectuelle", "intermediate", "Profession intermédiaire",
  "employee", "Employé·e", "worker", "Ouvrier·ère", "retired", "Retraité·e",
  "student", "Élève, étudiant·e", "unemployed", "Sans activité professionnelle", NULL
};
static const char *const yes_no[] = { "no", "Non", "yes", "Oui", NULL };
/* The profile questions when the process carries no vocabulary (an app older than sync v1's
 * `profile` member): the app's default vocabulary. */
static const FormField register_profile_fields[] = {
  { "age_band", "Votre tranche d’âge", NULL, IN_SELECT, TRUE, 0, age_bands },
  { "gender", "Vous êtes", NULL, IN_SELECT, TRUE, 0, genders },
  { "commune", "Votre commune", "Par exemple Nantes, Rezé, Saint-Herblain.", IN_TEXT, TRUE, 100,
    NULL },
  { "quartier", "Votre quartier", "Facultatif.", IN_TEXT, FALSE, 100, NULL },
  { "occupation", "Votre situation professionnelle", NULL, IN_SELECT, TRUE, 0, occupations },
  { "prior_participation", "Avez-vous déjà participé à une démarche de dialogue citoyen ?",
    NULL, IN_RADIO, TRUE, 0, yes_no },
};
static const FormField register_contact_fields[] = {
  { "full_name", "Nom et prénom", NULL, IN_TEXT, TRUE, 200, NULL },
  { "email", "Adresse électronique", "Pour vous écrire si vous êtes tiré·e au sort.",
    IN_EMAIL, TRUE, 254, NULL },
  { "phone", "Téléphone", "Facultatif.", IN_TEL, FALSE, 30, NULL },
  { "consent", "J’accepte que mes réponses servent au tirage au sort et mes coordonnées "
    "uniquement à me contacter pour cette démarche.", NULL, IN_CONSENT, TRUE, 0, NULL },
};

static const char *const default_questions[] = {
  "Qu’est-ce qui vous plaît aujourd’hui dans cet espace ?",
  "Qu’est-ce qui devrait changer en priorité ?",
  "Comment aimeriez-vous utiliser cet espace demain ?",
  NULL
};

typedef struct
{
  const char *feature;
  const char *kind;
  GArray     *fields;           /* FormField */
  GPtrArray  *owned;            /* strings the fields point to */
} Form;

static void
form_clear (Form *form)
{
  g_clear_pointer (&form->fields, g_array_unref);
  g_clear_pointer (&form->owned, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Form, form_clear)

/* The question a citizen reads for a category of the profile. */
static const char *
profile_question (const char *category,
                  const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (register_profile_fields); i++)
    if (g_strcmp0 (register_profile_fields[i].name, category) == 0)
      return register_profile_fields[i].label;
  return label;
}

/* The profile questions of the registration form, built from the vocabulary the process carries
 * (`profile` in its body): one drop-down per category with values (a yes/no radio for prior
 * participation), in the process's order, offering exactly its ids; a category with no values
 * is not asked. FALSE when the process carries no vocabulary. */
static gboolean
add_profile_fields (Form       *form,
                    JsonObject *process)
{
  JsonArray *profile = jarray (process, "profile");
  guint n_added = 0;

  if (profile == NULL || json_array_get_length (profile) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (profile); i++)
    {
      JsonNode *node = json_array_get_element (profile, i);
      JsonObject *category;
      JsonArray *values;
      GPtrArray *choices;
      FormField field = { NULL, NULL, NULL, IN_SELECT, TRUE, 0, NULL };
      gboolean radio;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      category = json_node_get_object (node);
      values = jarray (category, "values");
      if (jstr (category, "category") == NULL || values == NULL
          || json_array_get_length (values) == 0)
        continue;
      radio = g_strcmp0 (jstr (category, "category"), "prior_participation") == 0;
      field.name = g_strdup (jstr (category, "category"));
      field.label = g_strdup (profile_question (field.name, jstr (category, "label")));
      field.required = !json_object_has_member (category, "required")
                       || json_object_get_boolean_member (category, "required");
      field.hint = field.required ? NULL : "Facultatif.";
      field.kind = radio ? IN_RADIO : IN_SELECT;
      g_ptr_array_add (form->owned, (char *) field.name);
      g_ptr_array_add (form->owned, (char *) field.label);
      choices = g_ptr_array_new ();
      if (!radio)
        {
          g_ptr_array_add (choices, (gpointer) "");
          g_ptr_array_add (choices, (gpointer) "Choisissez");
        }
      for (guint v = 0; v < json_array_get_length (values); v++)
        {
          JsonNode *value_node = json_array_get_element (values, v);
          JsonObject *value = JSON_NODE_HOLDS_OBJECT (value_node)
                                ? json_node_get_object (value_node) : NULL;
          char *id, *label;

          if (jstr (value, "value") == NULL || *jstr (value, "value") == '\0')
            continue;
          id = g_strdup (jstr (value, "value"));
          label = g_strdup (jstr (value, "label") != NULL ? jstr (value, "label") : id);
          g_ptr_array_add (form->owned, id);
          g_ptr_array_add (form->owned, label);
          g_ptr_array_add (choices, id);
          g_ptr_array_add (choices, label);
        }
      g_ptr_array_add (choices, NULL);
      field.choices = (const char *const *) g_ptr_array_free (choices, FALSE);
      g_ptr_array_add (form->owned, (char *) field.choices);
      g_array_append_val (form->fields, field);
      n_added++;
    }
  return n_added > 0;
}

static gboolean
form_init (Form       *form,
           JsonObject *process,
           const char *feature)
{
  form->feature = feature;
  form->fields = g_array_new (FALSE, TRUE, sizeof (FormField));
  form->owned = g_ptr_array_new_with_free_func (g_free);

#define ADD(table) g_array_append_vals (form->fields, table, G_N_ELEMENTS (table))
  if (g_strcmp0 (feature, "ideas") == 0)
    {
      form->kind = "idea";
      ADD (idea_fields);
    }
  else if (g_strcmp0 (feature, "call_for_projects") == 0)
    {
      form->kind = "project";
      ADD (project_fields);
    }
  else if (g_strcmp0 (feature, "map") == 0)
    {
      form->kind = "pin";
      ADD (map_fields);
    }
  else if (g_strcmp0 (feature, "debate") == 0)
    {
      form->kind = "argument";
      ADD (debate_fields);
    }
  else if (g_strcmp0 (feature, "questionnaire") == 0)
    {
      JsonArray *questions = jarray (find_feature (process, feature), "questions");
      guint n = 0;

      form->kind = "answer";
      for (guint i = 0; ; i++)
        {
          const char *question = NULL;
          FormField field = { NULL, NULL, "Facultatif. 2 000 caractères au plus.", IN_TEXTAREA,
                              FALSE, 2000, NULL };
          if (questions != NULL && json_array_get_length (questions) > 0)
            {
              JsonNode *node;
              if (i >= json_array_get_length (questions) || i >= 30)
                break;
              node = json_array_get_element (questions, i);
              if (!JSON_NODE_HOLDS_VALUE (node)
                  || json_node_get_value_type (node) != G_TYPE_STRING)
                continue;
              question = json_node_get_string (node);
            }
          else
            {
              question = default_questions[i];
              if (question == NULL)
                break;
            }
          field.name = g_strdup_printf ("q%u", n++);
          field.label = g_strdup (question);
          g_ptr_array_add (form->owned, (char *) field.name);
          g_ptr_array_add (form->owned, (char *) field.label);
          g_array_append_val (form->fields, field);
        }
    }
  else if (g_strcmp0 (feature, "recruitment") == 0)
    {
      form->kind = "registration";
      if (!add_profile_fields (form, process))
        ADD (register_profile_fields);
      ADD (register_contact_fields);
      return TRUE;
    }
  else
    return FALSE;
#undef ADD
  g_array_append_val (form->fields, author_field);
  return TRUE;
}

static const char *
value_of (GHashTable *values,
          const char *name)
{
  const char *value = values != NULL ? g_hash_table_lookup (values, name) : NULL;
  return value != NULL ? value : "";
}

static const char *
error_of (GPtrArray  *errors,
          const char *name)
{
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      FormError *error = g_ptr_array_index (errors, i);
      if (g_strcmp0 (error->name, name) == 0)
        return error->message;
    }
  return NULL;
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  dlg_html_escape_append (out, value);
  g_string_append_c (out, '"');
}

static void
render_field (GString         *page,
              const FormField *field,
              GHashTable      *values,
              GPtrArray       *errors)
{
  const char *error = error_of (errors, field->name);
  const char *value = value_of (values, field->name);
  g_autofree char *id = g_strconcat ("f-", field->name, NULL);
  g_autofree char *hint_id = g_strconcat (id, "-hint", NULL);
  g_autofree char *error_id = g_strconcat (id, "-error", NULL);
  g_autoptr(GString) described = g_string_new (NULL);

  if (field->hint != NULL)
    g_string_append (described, hint_id);
  if (error != NULL)
    g_string_append_printf (described, "%s%s", described->len > 0 ? " " : "", error_id);

  g_string_append (page, error != NULL ? "<div class=\"field invalid\">\n"
                                       : "<div class=\"field\">\n");
  if (field->kind == IN_RADIO)
    {
      g_string_append (page, "<fieldset");
      if (described->len > 0)
        append_attr (page, "aria-describedby", described->str);
      g_string_append (page, "><legend>");
      dlg_html_escape_append (page, field->label);
      if (field->required)
        g_string_append (page, " <span aria-hidden=\"true\">*</span>");
      g_string_append (page, "</legend>\n");
    }
  else if (field->kind != IN_CONSENT)
    {
      g_string_append (page, "<label");
      append_attr (page, "for", id);
      g_string_append (page, ">");
      dlg_html_escape_append (page, field->label);
      if (field->required)
        g_string_append (page, " <span aria-hidden=\"true\">*</span>");
      g_string_append (page, "</label>\n");
    }
  if (field->hint != NULL)
    {
      g_string_append (page, "<span class=\"hint\"");
      append_attr (page, "id", hint_id);
      g_string_append (page, ">");
      dlg_html_escape_append (page, field->hint);
      g_string_append (page, "</span>\n");
    }
  if (error != NULL)
    {
      g_string_append (page, "<span class=\"error\"");
      append_attr (page, "id", error_id);
      g_string_append (page, ">Erreur : ");
      dlg_html_escape_append (page, error);
      g_string_append (page, "</span>\n");
    }

#define COMMON_ATTRS()                                                     \
  G_STMT_START {                                                           \
    append_attr (page, "id", id);                                          \
    append_attr (page, "name", field->name);                               \
    if (field->required)                                                   \
      g_string_append (page, " required");                                 \
    if (described->len > 0)                                                \
      append_attr (page, "aria-describedby", described->str);              \
    if (error != NULL)                                                     \
      g_string_append (page, " aria-invalid=\"true\"");                    \
  } G_STMT_END

  switch (field->kind)
    {
    case IN_TEXT:
    case IN_EMAIL:
    case IN_TEL:
    case IN_NUMBER:
      g_string_append (page, "<input");
      append_attr (page, "type", field->kind == IN_EMAIL ? "email"
                                 : field->kind == IN_TEL ? "tel" : "text");
      if (field->kind == IN_NUMBER)
        append_attr (page, "inputmode", "decimal");
      if (field->kind == IN_EMAIL)
        append_attr (page, "autocomplete", "email");
      if (field->kind == IN_TEL)
        append_attr (page, "autocomplete", "tel");
      if (g_strcmp0 (field->name, "full_name") == 0)
        append_attr (page, "autocomplete", "name");
      COMMON_ATTRS ();
      if (field->max_chars > 0)
        g_string_append_printf (page, " maxlength=\"%u\"", field->max_chars);
      append_attr (page, "value", value);
      g_string_append (page, ">\n");
      break;
    case IN_TEXTAREA:
      g_string_append (page, "<textarea rows=\"8\"");
      COMMON_ATTRS ();
      if (field->max_chars > 0)
        g_string_append_printf (page, " maxlength=\"%u\"", field->max_chars);
      g_string_append (page, ">");
      dlg_html_escape_append (page, value);
      g_string_append (page, "</textarea>\n");
      break;
    case IN_SELECT:
      g_string_append (page, "<select");
      COMMON_ATTRS ();
      g_string_append (page, ">\n");
      for (guint i = 0; field->choices[i] != NULL; i += 2)
        {
          g_string_append (page, "<option");
          append_attr (page, "value", field->choices[i]);
          if (g_strcmp0 (value, field->choices[i]) == 0)
            g_string_append (page, " selected");
          g_string_append (page, ">");
          dlg_html_escape_append (page, field->choices[i + 1]);
          g_string_append (page, "</option>\n");
        }
      g_string_append (page, "</select>\n");
      break;
    case IN_RADIO:
      for (guint i = 0; field->choices[i] != NULL; i += 2)
        {
          /* The first choice carries the field's id: the error summary links to it. */
          g_autofree char *choice_id = i == 0 ? g_strdup (id)
                                              : g_strdup_printf ("%s-%u", id, i / 2);
          g_string_append (page, "<label class=\"choice\"><input type=\"radio\"");
          append_attr (page, "id", choice_id);
          append_attr (page, "name", field->name);
          append_attr (page, "value", field->choices[i]);
          if (field->required)
            g_string_append (page, " required");
          if (g_strcmp0 (value, field->choices[i]) == 0)
            g_string_append (page, " checked");
          g_string_append (page, "> ");
          dlg_html_escape_append (page, field->choices[i + 1]);
          g_string_append (page, "</label>\n");
        }
      g_string_append (page, "</fieldset>\n");
      break;
    case IN_CONSENT:
      g_string_append (page, "<label class=\"choice\"><input type=\"checkbox\" value=\"yes\"");
      COMMON_ATTRS ();
      if (g_strcmp0 (value, "yes") == 0)
        g_string_append (page, " checked");
      g_string_append (page, "> <span>");
      dlg_html_escape_append (page, field->label);
      g_string_append (page, " <span aria-hidden=\"true\">*</span></span></label>\n");
      break;
    default:
      g_assert_not_reached ();
    }
#undef COMMON_ATTRS
  g_string_append (page, "</div>\n");
}

static char *
csrf_token (DlgSiteServer *self,
            const char    *cookie,
            const char    *form_path)
{
  g_autofree char *secret = dlg_site_db_get_meta (dlg_site_server_get_db (self),
                                                  "csrf_secret");
  g_autofree char *message = g_strconcat (cookie, "|", form_path, NULL);

  if (secret == NULL)
    return NULL;
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret),
                                    message, -1);
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < MIN (la, lb); i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

/* The value of the CSRF cookie sent with the request, if it looks like ours. */
static char *
request_cookie (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Cookie");
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return NULL;
  parts = g_strsplit (header, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      if (g_str_has_prefix (part, CSRF_COOKIE "="))
        {
          const char *value = part + strlen (CSRF_COOKIE "=");
          if (strlen (value) != 64)
            return NULL;
          for (const char *p = value; *p != '\0'; p++)
            if (!g_ascii_isxdigit (*p))
              return NULL;
          return g_strdup (value);
        }
    }
  return NULL;
}

static void
render_form (DlgSiteServer     *self,
             SoupServerMessage *msg,
             guint              status,
             const char        *process_id,
             JsonObject        *process,
             Form              *form,
             const char        *form_path,
             GHashTable        *values,
             GPtrArray         *errors)
{
  g_autofree char *cookie = request_cookie (msg);
  g_autofree char *token = NULL;
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  const FeatureInfo *info = feature_info (form->feature);
  JsonObject *feature = find_feature (process, form->feature);
  GString *page = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf ("%s – %s", info->label, jstr (process, "title"));

  if (cookie == NULL)
    {
      g_autofree char *set = NULL;
      cookie = dlg_site_random_hex (32);
      set = g_strdup_printf (CSRF_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict", cookie);
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Set-Cookie", set);
    }
  token = csrf_token (self, cookie, form_path);

  dlg_html_page_begin (page, errors != NULL && errors->len > 0
                             ? "Erreur dans le formulaire" : title,
                       back, jstr (process, "title"));
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, info->verb != NULL ? info->verb : info->label);
  g_string_append (page, "</h1>\n<p class=\"meta\">");
  dlg_html_escape_append (page, info->label);
  g_string_append (page, " · ");
  dlg_html_escape_append (page, jstr (process, "title"));
  g_string_append (page, "</p>\n");
  if (jstr (feature, "rules") != NULL && *jstr (feature, "rules") != '\0')
    {
      g_string_append (page, "<div class=\"rules\"><strong>Règles du jeu :</strong> ");
      dlg_html_paragraphs (page, jstr (feature, "rules"));
      g_string_append (page, "</div>\n");
    }
  if (g_strcmp0 (form->feature, "recruitment") == 0)
    g_string_append (page, "<p>Vos réponses sur le profil (âge, genre, commune, situation) "
                           "servent seulement à composer un panel divers par tirage au sort. "
                           "Vos coordonnées sont conservées à part, ne sont jamais publiées et "
                           "sont effacées à la fin de la démarche. Vous pouvez demander leur "
                           "effacement à tout moment.</p>\n");

  if (errors != NULL && errors->len > 0)
    {
      g_string_append (page, "<div class=\"errors\" role=\"alert\" tabindex=\"-1\" "
                             "id=\"erreurs\">\n<h2>Le formulaire contient ");
      if (errors->len == 1)
        g_string_append (page, "une erreur");
      else
        g_string_append_printf (page, "%u erreurs", errors->len);
      g_string_append (page, "</h2>\n<ul>\n");
      for (guint i = 0; i < errors->len; i++)
        {
          FormError *error = g_ptr_array_index (errors, i);
          g_string_append (page, "<li>");
          if (error->name != NULL)
            {
              g_autofree char *anchor = g_strconcat ("#f-", error->name, NULL);
              append_link (page, anchor, NULL, NULL, error->message, NULL);
            }
          else
            dlg_html_escape_append (page, error->message);
          g_string_append (page, "</li>\n");
        }
      g_string_append (page, "</ul>\n</div>\n");
    }

  g_string_append (page, "<p class=\"meta\">Les champs marqués d’un astérisque (*) sont "
                         "obligatoires.</p>\n<form method=\"post\"");
  append_attr (page, "action", form_path);
  g_string_append (page, " accept-charset=\"utf-8\" novalidate>\n<input type=\"hidden\" "
                         "name=\"csrf_token\"");
  append_attr (page, "value", token);
  g_string_append (page, ">\n");
  for (guint i = 0; i < form->fields->len; i++)
    render_field (page, &g_array_index (form->fields, FormField, i), values, errors);
  g_string_append (page, "<p><button class=\"button\" type=\"submit\">Envoyer</button></p>\n"
                         "</form>\n");
  dlg_html_page_end (page);
  reply_html (msg, status, page);
}

static gboolean
parse_coordinate (const char *text,
                  double      limit,
                  double     *out)
{
  g_autofree char *copy = g_strdup (text);
  char *end;

  g_strdelimit (copy, ",", '.');
  g_strstrip (copy);
  if (*copy == '\0')
    return FALSE;
  *out = g_ascii_strtod (copy, &end);
  return *end == '\0' && isfinite (*out) && fabs (*out) <= limit;
}

static void
validate_form (Form       *form,
               GHashTable *values,
               GPtrArray  *errors)
{
  gboolean any_answer = FALSE;

  for (guint i = 0; i < form->fields->len; i++)
    {
      const FormField *field = &g_array_index (form->fields, FormField, i);
      const char *value = value_of (values, field->name);
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      if (!g_utf8_validate (value, -1, NULL))
        {
          add_form_error (errors, field->name,
                          "Le texte contient des caractères invalides (encodage).");
          continue;
        }
      if (*trimmed == '\0')
        {
          if (field->required)
            {
              g_autofree char *message = NULL;
              if (field->kind == IN_CONSENT)
                message = g_strdup ("Votre accord est nécessaire pour vous inscrire.");
              else if (field->kind == IN_SELECT || field->kind == IN_RADIO)
                message = g_strdup_printf ("Choisissez une réponse : « %s ».", field->label);
              else
                message = g_strdup_printf ("Le champ « %s » est obligatoire.", field->label);
              add_form_error (errors, field->name, message);
            }
          continue;
        }
      if (field->kind == IN_TEXTAREA && g_str_has_prefix (field->name, "q"))
        any_answer = TRUE;
      if (field->max_chars > 0 && g_utf8_strlen (value, -1) > field->max_chars)
        {
          g_autofree char *message =
            g_strdup_printf ("« %s » doit faire au plus %u caractères (actuellement %ld).",
                             field->label, field->max_chars, g_utf8_strlen (value, -1));
          add_form_error (errors, field->name, message);
          continue;
        }
      if (field->choices != NULL)
        {
          gboolean found = FALSE;
          for (guint c = 0; field->choices[c] != NULL; c += 2)
            found |= *field->choices[c] != '\0' && g_strcmp0 (field->choices[c], value) == 0;
          if (!found)
            {
              g_autofree char *message = g_strdup_printf ("Choisissez une réponse proposée : "
                                                          "« %s ».", field->label);
              add_form_error (errors, field->name, message);
            }
          continue;
        }
      if (field->kind == IN_CONSENT && g_strcmp0 (value, "yes") != 0)
        add_form_error (errors, field->name, "Votre accord est nécessaire pour vous inscrire.");
      if (field->kind == IN_NUMBER)
        {
          double v;
          gboolean lat = g_strcmp0 (field->name, "lat") == 0;
          if (!parse_coordinate (value, lat ? 90 : 180, &v))
            add_form_error (errors, field->name,
                            lat ? "La latitude doit être un nombre entre -90 et 90."
                                : "La longitude doit être un nombre entre -180 et 180.");
        }
      if (field->kind == IN_EMAIL)
        {
          const char *at = strchr (trimmed, '@');
          if (at == NULL || at == trimmed || strchr (at, '.') == NULL
              || strpbrk (trimmed, " <>\"'") != NULL)
            add_form_error (errors, field->name,
                            "L’adresse électronique doit ressembler à nom@exemple.fr.");
        }
      if (field->kind == IN_TEL && strspn (trimmed, "0123456789 +.-()") != strlen (trimmed))
        add_form_error (errors, field->name,
                        "Le numéro de téléphone ne doit contenir que des chiffres, des "
                        "espaces et + . - ( ).");
    }
  if (g_strcmp0 (form->kind, "answer") == 0 && !any_answer)
    add_form_error (errors, "q0", "Répondez à au moins une question.");
}

/* The value posted for a field of @form; "" for a field the form does not have. */
static const char *
form_value (Form       *form,
            GHashTable *values,
            const char *name)
{
  for (guint i = 0; i < form->fields->len; i++)
    if (g_strcmp0 (g_array_index (form->fields, FormField, i).name, name) == 0)
      return value_of (values, name);
  return "";
}

static gboolean
store_submission (DlgSiteServer *self,
                  const char    *process_id,
                  JsonObject    *process,
                  Form          *form,
                  GHashTable    *values,
                  GError       **error)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = dlg_site_now_iso ();
  g_autofree char *data = NULL;
  gboolean registration = g_strcmp0 (form->kind, "registration") == 0;
  JsonObject *feature = find_feature (process, form->feature);

#define MEMBER_STR(name, value)                                            \
  G_STMT_START {                                                           \
    g_autofree char *v_ = g_strstrip (g_strdup (value));                   \
    json_builder_set_member_name (builder, name);                          \
    json_builder_add_string_value (builder, v_);                           \
  } G_STMT_END

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "process_id");
  json_builder_add_string_value (builder, process_id);
  if (registration)
    {
      json_builder_set_member_name (builder, "channel");
      json_builder_add_string_value (builder, "online");
      /* Only what the form asked: a field it does not have is not taken. */
      MEMBER_STR ("age_band", form_value (form, values, "age_band"));
      MEMBER_STR ("gender", form_value (form, values, "gender"));
      MEMBER_STR ("commune", form_value (form, values, "commune"));
      MEMBER_STR ("quartier", form_value (form, values, "quartier"));
      MEMBER_STR ("occupation", form_value (form, values, "occupation"));
      json_builder_set_member_name (builder, "prior_participation");
      json_builder_add_boolean_value (builder,
                                      g_strcmp0 (form_value (form, values,
                                                             "prior_participation"),
                                                 "yes") == 0);
      json_builder_set_member_name (builder, "household");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "consent");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "consent_at");
      json_builder_add_string_value (builder, now);
      json_builder_set_member_name (builder, "registered_at");
      json_builder_add_string_value (builder, now);
    }
  else
    {
      json_builder_set_member_name (builder, "feature");
      json_builder_add_string_value (builder, form->feature);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, form->kind);
      json_builder_set_member_name (builder, "parent_id");
      json_builder_add_null_value (builder);
      MEMBER_STR ("author_ref", value_of (values, "author_ref"));
      if (g_strcmp0 (form->kind, "answer") == 0)
        MEMBER_STR ("title", "Réponse au questionnaire");
      else
        MEMBER_STR ("title", value_of (values, "title"));
      MEMBER_STR ("body", value_of (values, "body"));
      json_builder_set_member_name (builder, "lat");
      if (g_strcmp0 (form->kind, "pin") == 0)
        {
          double lat = 0, lon = 0;
          parse_coordinate (value_of (values, "lat"), 90, &lat);
          parse_coordinate (value_of (values, "lon"), 180, &lon);
          json_builder_add_double_value (builder, lat);
          json_builder_set_member_name (builder, "lon");
          json_builder_add_double_value (builder, lon);
        }
      else
        {
          json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "lon");
          json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "answers");
      if (g_strcmp0 (form->kind, "argument") == 0)
        {
          json_builder_begin_object (builder);
          MEMBER_STR ("position", value_of (values, "position"));
          json_builder_end_object (builder);
        }
      else if (g_strcmp0 (form->kind, "answer") == 0)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "questions");
          json_builder_begin_array (builder);
          for (guint i = 0; i < form->fields->len; i++)
            {
              const FormField *field = &g_array_index (form->fields, FormField, i);
              if (field->kind != IN_TEXTAREA)
                continue;
              json_builder_begin_object (builder);
              MEMBER_STR ("question", field->label);
              MEMBER_STR ("answer", value_of (values, field->name));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, now);
      json_builder_set_member_name (builder, "moderation");
      json_builder_add_string_value (builder,
                                     g_strcmp0 (jstr (feature, "moderation"), "a_priori") == 0
                                     ? "pending" : "published");
      json_builder_set_member_name (builder, "moderation_reason");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "supports");
      json_builder_add_int_value (builder, 0);
    }
  json_builder_end_object (builder);
#undef MEMBER_STR
  root = json_builder_get_root (builder);
  data = dlg_site_json_to_string (root);

  if (!dlg_site_db_begin (db, error))
    return FALSE;
  if (registration)
    {
      g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_insert_contact, error);
      g_autofree char *name = g_strstrip (g_strdup (value_of (values, "full_name")));
      g_autofree char *email = g_strstrip (g_strdup (value_of (values, "email")));
      g_autofree char *phone = g_strstrip (g_strdup (value_of (values, "phone")));
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, email, -1, SQLITE_STATIC);
      if (*phone != '\0')
        sqlite3_bind_text (stmt, 4, phone, -1, SQLITE_STATIC);
      if (!dlg_site_db_step_done (db, stmt, error))
        goto fail;
    }
  if (!dlg_site_db_put_object (db, registration ? "registration" : "contribution", id,
                               process_id, data, NULL, error))
    goto fail;
  return dlg_site_db_commit (db, error);

fail:
  dlg_site_db_rollback (db);
  return FALSE;
}

static void
page_form (DlgSiteServer     *self,
           SoupServerMessage *msg,
           const char        *process_id,
           JsonObject        *process,
           const char        *feature_id,
           const char        *form_path)
{
  const char *method = soup_server_message_get_method (msg);
  JsonObject *feature = find_feature (process, feature_id);
  g_auto(Form) form = { 0 };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *body_text = NULL;
  const char *sent;

  if (!feature_enabled (process, feature_id) || !form_init (&form, process, feature_id))
    {
      reply_not_found (msg);
      return;
    }
  if (feature_closed_reason (process, feature_id) != NULL)
    {
      /* Shown to whoever comes by; a form sent anyway is refused and nothing is kept. */
      gboolean reading = g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0;

      g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
      const char *title = g_strcmp0 (feature_id, "recruitment") == 0
                          ? "Inscriptions closes" : "Participation close";
      GString *page = g_string_new (NULL);

      dlg_html_page_begin (page, title, back, jstr (process, "title"));
      g_string_append (page, "<h1>");
      dlg_html_escape_append (page, title);
      g_string_append (page, "</h1>\n<p>");
      dlg_html_escape_append (page, feature_closed_reason (process, feature_id));
      g_string_append (page, "</p>\n<p>");
      append_link (page, "/p/", process_id, "", "Retour à la page de la démarche", NULL);
      g_string_append (page, "</p>\n");
      dlg_html_page_end (page);
      reply_html (msg, reading ? SOUP_STATUS_OK : SOUP_STATUS_FORBIDDEN, page);
      return;
    }
  if (!feature_open (feature))
    {
      reply_message_page (msg, SOUP_STATUS_FORBIDDEN, "Participation fermée",
                          "Cette participation n’est pas ouverte en ce moment. Consultez les "
                          "dates sur la page de la démarche.");
      return;
    }
  if (g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0)
    {
      render_form (self, msg, SOUP_STATUS_OK, process_id, process, &form, form_path, NULL,
                   NULL);
      return;
    }
  if (g_strcmp0 (method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, POST");
      reply_message_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Méthode non permise",
                          "Cette page accepte seulement l’affichage et l’envoi du formulaire.");
      return;
    }

  if (soup_server_message_get_request_body (msg)->length > DLG_SITE_MAX_BODY_BYTES)
    {
      reply_message_page (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "Envoi trop volumineux",
                          "Votre envoi dépasse la taille permise (1 Mio). Raccourcissez votre "
                          "texte et réessayez.");
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  body_text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  values = soup_form_decode (body_text);
  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) form_error_free);

  cookie = request_cookie (msg);
  sent = g_hash_table_lookup (values, "csrf_token");
  if (cookie != NULL)
    expected = csrf_token (self, cookie, form_path);
  if (expected == NULL || sent == NULL || !constant_time_equal (expected, sent))
    {
      add_form_error (errors, NULL, "Le formulaire a expiré ou n’a pas été envoyé depuis ce "
                                    "site. Vérifiez vos réponses ci-dessous et envoyez-le de "
                                    "nouveau.");
      render_form (self, msg, SOUP_STATUS_FORBIDDEN, process_id, process, &form, form_path,
                   values, errors);
      return;
    }

  validate_form (&form, values, errors);
  if (errors->len > 0)
    {
      render_form (self, msg, 422, process_id, process, &form, form_path, values, errors);
      return;
    }
  if (!store_submission (self, process_id, process, &form, values, &error))
    {
      g_warning ("Cannot store a submission: %s", error->message);
      add_form_error (errors, NULL, "Un problème technique a empêché l’enregistrement. "
                                    "Réessayez dans quelques instants.");
      render_form (self, msg, SOUP_STATUS_SERVICE_UNAVAILABLE, process_id, process, &form,
                   form_path, values, errors);
      return;
    }
  {
    g_autofree char *location = g_strdup_printf ("/p/%s/merci?f=%s", process_id, feature_id);
    soup_server_message_set_redirect (msg, SOUP_STATUS_SEE_OTHER, location);
  }
}

static void
page_thanks (SoupServerMessage *msg,
             const char        *process_id,
             JsonObject        *process)
{
  GHashTable *query = NULL;
  const char *feature = NULL;
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  GString *page = g_string_new (NULL);

  if (g_uri_get_query (soup_server_message_get_uri (msg)) != NULL)
    query = g_uri_parse_params (g_uri_get_query (soup_server_message_get_uri (msg)), -1, "&",
                                G_URI_PARAMS_NONE, NULL);
  if (query != NULL)
    feature = g_hash_table_lookup (query, "f");
  dlg_html_page_begin (page, "Merci", back, jstr (process, "title"));
  g_string_append (page, "<h1>Merci pour votre participation</h1>\n<div class=\"notice\" "
                         "role=\"status\"><p>");
  if (g_strcmp0 (feature, "recruitment") == 0)
    g_string_append (page, "Votre inscription est enregistrée. Si vous êtes tiré·e au sort, "
                           "l’équipe du dialogue citoyen vous écrira.");
  else
    g_string_append (page, "Votre contribution est enregistrée. Elle sera lue et analysée "
                           "selon les règles du jeu de la démarche.");
  g_string_append (page, "</p></div>\n<p>");
  append_link (page, "/p/", process_id, "/contributions", "Voir les contributions", NULL);
  g_string_append (page, " · ");
  append_link (page, "/p/", process_id, NULL, "Retour à la démarche", NULL);
  g_string_append (page, "</p>\n");
  dlg_html_page_end (page);
  reply_html (msg, SOUP_STATUS_OK, page);
  g_clear_pointer (&query, g_hash_table_unref);
}

void
dlg_site_pages_handle (DlgSiteServer     *self,
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
      reply_message_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Méthode non permise",
                          "Cette adresse ne prend pas en charge cette méthode.");
      return;
    }
  if (g_strcmp0 (path, "/") == 0)
    {
      page_index (self, msg);
      return;
    }
  if (!g_str_has_prefix (path, "/p/"))
    {
      reply_not_found (msg);
      return;
    }
  parts = g_strsplit (path + 3, "/", -1);
  n = g_strv_length (parts);
  if (n > 0 && n <= 3 && parts[n - 1][0] == '\0')
    n--;                        /* trailing slash */
  if (n == 0 || !g_uuid_string_is_valid (parts[0]))
    {
      reply_not_found (msg);
      return;
    }
  process_node = load_object (dlg_site_server_get_db (self), "process", parts[0]);
  if (process_node == NULL)
    {
      reply_not_found (msg);
      return;
    }
  process = json_node_get_object (process_node);

  if (g_strcmp0 (method, "POST") == 0
      && !(n == 2 && g_strcmp0 (parts[1], "register") == 0)
      && !(n == 3 && g_strcmp0 (parts[1], "contribute") == 0))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      reply_message_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Méthode non permise",
                          "Cette page ne reçoit pas de formulaire.");
      return;
    }

  if (n == 1)
    page_process (self, msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "contributions") == 0)
    page_contributions (self, msg, parts[0], process);
  else if (n == 3 && g_strcmp0 (parts[1], "contributions") == 0
           && g_uuid_string_is_valid (parts[2]))
    page_contribution (self, msg, parts[0], process, parts[2]);
  else if (n == 2 && g_strcmp0 (parts[1], "response") == 0)
    page_response (self, msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "follow-up") == 0)
    page_follow_up (self, msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "merci") == 0)
    page_thanks (msg, parts[0], process);
  else if (n == 2 && g_strcmp0 (parts[1], "register") == 0)
    {
      g_autofree char *form_path = g_strconcat ("/p/", parts[0], "/register", NULL);
      page_form (self, msg, parts[0], process, "recruitment", form_path);
    }
  else if (n == 3 && g_strcmp0 (parts[1], "contribute") == 0
           && g_strcmp0 (parts[2], "recruitment") != 0 && feature_info (parts[2]) != NULL)
    {
      g_autofree char *form_path = g_strconcat ("/p/", parts[0], "/contribute/", parts[2],
                                                NULL);
      page_form (self, msg, parts[0], process, parts[2], form_path);
    }
  else if (n == 3 && g_strcmp0 (parts[1], "narratives") == 0
           && g_uuid_string_is_valid (parts[2]))
    page_narrative (self, msg, parts[0], process, parts[2]);
  else
    reply_not_found (msg);
}
