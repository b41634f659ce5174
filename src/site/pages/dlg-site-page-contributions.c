/* dlg-site-page-contributions.c — the published contributions of a process, and one of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <string.h>

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

#define PAGE_SIZE   50

/* Shown: published contributions, and those made online awaiting moderation (a posteriori). A
 * contribution the team received in person is shown only once published. */
#define SQL_SHOWN \
  " AND (moderation = 'published' OR (moderation = 'pending'" \
  " AND coalesce (json_extract (data, '$.channel'), 'online') = 'online'))"
/* A member of the row's JSON when it is a string (jstr()), a number, an object. */
#define SQL_TEXT(m) " CASE json_type (data, '$." m "') WHEN 'text' THEN data ->> '$." m "' END,"
#define SQL_NUMBER(m) \
  " CASE WHEN json_type (data, '$." m "') IN ('integer', 'real') THEN data ->> '$." m "' END,"
/* A page is one statement, by keyset rather than OFFSET: it starts after the (sort_time, rev)
 * of the last card of the page before (?3, ?4), older or newer, so that page 2,000 costs what
 * page 1 does and a contribution sent meanwhile does not shift the pages a reader goes
 * through. It reads the cards' keys only, from the index (objects_public_order); a card's HTML
 * comes from the cache of cards (see card_html) or, once per version of a contribution, from
 * sql_card, its members read by SQLite (no JSON tree per row). */
#define SQL_KEYS \
  "SELECT id, sort_time, rev" \
  " FROM objects WHERE process_id = ?1 AND type = 'contribution' AND deleted = 0" \
  SQL_SHOWN " AND (?2 IS NULL OR feature = ?2)"
static const char sql_list_first[] =
  SQL_KEYS " ORDER BY sort_time DESC, rev DESC LIMIT ?5";
static const char sql_list_older[] =
  SQL_KEYS " AND (sort_time, rev) < (?3, ?4) ORDER BY sort_time DESC, rev DESC LIMIT ?5";
static const char sql_list_newer[] =
  SQL_KEYS " AND (sort_time, rev) > (?3, ?4) ORDER BY sort_time ASC, rev ASC LIMIT ?5";
static const char sql_card[] =
  "SELECT id," SQL_TEXT ("kind") SQL_TEXT ("channel") SQL_TEXT ("title") SQL_TEXT ("body")
  SQL_TEXT ("author_ref") SQL_TEXT ("moderation") SQL_TEXT ("created_at") SQL_NUMBER ("lat")
  SQL_NUMBER ("lon") SQL_NUMBER ("supports")
  " CASE json_type (data, '$.answers') WHEN 'object' THEN data -> '$.answers' END"
  " FROM objects WHERE rev = ?1";
/* Kept up to date by triggers (the site database's migration 3), never recounted. */
static const char sql_count_contributions[] =
  "SELECT coalesce (sum (n), 0) FROM public_counts WHERE process_id = ?1"
  " AND (?2 IS NULL OR feature = ?2)";
static const char sql_shown_contribution[] =
  "SELECT data FROM objects WHERE process_id = ?1 AND type = 'contribution' AND id = ?2"
  " AND deleted = 0" SQL_SHOWN;
static const char sql_highlights[] =
  "SELECT json_extract (data, '$.contribution_id') FROM objects WHERE process_id = ?1"
  " AND type = 'highlight' AND deleted = 0";

const char *
dlg_page_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "idea") == 0) return C_("contribution kind", "Idea");
  if (g_strcmp0 (kind, "comment") == 0) return C_("contribution kind", "Comment");
  if (g_strcmp0 (kind, "answer") == 0)
    return C_("contribution kind", "Answer to the questionnaire");
  if (g_strcmp0 (kind, "pin") == 0) return C_("contribution kind", "On the map");
  if (g_strcmp0 (kind, "project") == 0) return C_("contribution kind", "Project");
  if (g_strcmp0 (kind, "argument") == 0) return C_("contribution kind", "Argument");
  return _("Contribution");
}

/* A channel other than the site's own form, as the public reads it. */
const char *
dlg_page_channel_label (const char *channel)
{
  if (g_strcmp0 (channel, "in_person") == 0) return _("Gathered at a workshop");
  if (g_strcmp0 (channel, "mail") == 0) return _("Received by post");
  if (g_strcmp0 (channel, "phone") == 0) return _("Received by telephone");
  return NULL;
}

/* What a card shows of a contribution, read from its JSON or from sql_list_contributions. */
typedef struct
{
  const char *id;
  const char *kind;
  const char *channel;
  const char *title;
  const char *body;
  const char *author;
  const char *moderation;
  const char *created_at;
  gboolean    has_position;
  double      lat;
  double      lon;
  gint64      supports;
  JsonNode   *answers;          /* owned, or NULL */
} Card;

static void
card_from_json (Card       *card,
                const char *id,
                JsonObject *c)
{
  JsonNode *answers = json_object_get_member (c, "answers");

  *card = (Card) { id, jstr (c, "kind"), jstr (c, "channel"), jstr (c, "title"),
                   jstr (c, "body"), jstr (c, "author_ref"), jstr (c, "moderation"),
                   jstr (c, "created_at") };
  card->has_position = json_object_has_member (c, "lat") && !json_object_get_null_member (c, "lat")
                       && json_object_has_member (c, "lon")
                       && !json_object_get_null_member (c, "lon");
  if (card->has_position)
    {
      card->lat = json_object_get_double_member (c, "lat");
      card->lon = json_object_get_double_member (c, "lon");
    }
  card->supports = jint (c, "supports", 0);
  if (answers != NULL && JSON_NODE_HOLDS_OBJECT (answers))
    card->answers = json_node_ref (answers);
}

/* The columns of sql_card; valid until the statement steps again. */
static void
card_from_row (Card          *card,
               sqlite3_stmt  *stmt)
{
  const char *answers = (const char *) sqlite3_column_text (stmt, 11);

#define TEXT(i) ((const char *) sqlite3_column_text (stmt, i))
  *card = (Card) { TEXT (0), TEXT (1), TEXT (2), TEXT (3), TEXT (4), TEXT (5), TEXT (6),
                   TEXT (7) };
#undef TEXT
  card->has_position = sqlite3_column_type (stmt, 8) != SQLITE_NULL
                       && sqlite3_column_type (stmt, 9) != SQLITE_NULL;
  card->lat = sqlite3_column_double (stmt, 8);
  card->lon = sqlite3_column_double (stmt, 9);
  card->supports = sqlite3_column_type (stmt, 10) == SQLITE_FLOAT
                   ? (gint64) sqlite3_column_double (stmt, 10)
                   : sqlite3_column_int64 (stmt, 10);
  if (answers != NULL)
    card->answers = dlg_json_parse (answers, -1, NULL);
  if (card->answers != NULL && !JSON_NODE_HOLDS_OBJECT (card->answers))
    g_clear_pointer (&card->answers, json_node_unref);
}

/* One contribution as a card (<li>), with its anchor c-<id>. */
static void
append_contribution (GString    *page,
                     const Card *c,
                     gboolean    highlighted)
{
  JsonNode *answers = c->answers;
  const char *title = c->title;
  const char *author = c->author;
  const char *id = c->id;
  const char *place = answers != NULL && JSON_NODE_HOLDS_OBJECT (answers)
                      ? jstr (json_node_get_object (answers), "place") : NULL;

  g_string_append (page, "<li class=\"card\" id=\"c-");
  dlg_html_escape_append (page, id);
  g_string_append (page, "\"><p class=\"meta\"><span class=\"badge\">");
  dlg_html_escape_append (page, dlg_page_kind_label (c->kind));
  g_string_append (page, "</span> ");
  if (dlg_page_channel_label (c->channel) != NULL)
    {
      g_string_append (page, "<span class=\"badge channel\">");
      dlg_html_escape_append (page, dlg_page_channel_label (c->channel));
      g_string_append (page, "</span> ");
    }
  if (highlighted)
    {
      g_string_append (page, "<span class=\"badge highlight\">★ ");
      dlg_html_escape_append (page, _("Highlighted by the team"));
      g_string_append (page, "</span> ");
    }
  if (answers != NULL && JSON_NODE_HOLDS_OBJECT (answers))
    {
      const char *position = jstr (json_node_get_object (answers), "position");
      if (g_strcmp0 (position, "for") == 0)
        {
          g_string_append (page, "<span class=\"badge for\">");
          dlg_html_escape_append (page, _("For"));
          g_string_append (page, "</span> ");
        }
      else if (g_strcmp0 (position, "against") == 0)
        {
          g_string_append (page, "<span class=\"badge against\">");
          dlg_html_escape_append (page, _("Against"));
          g_string_append (page, "</span> ");
        }
    }
  if (g_strcmp0 (c->moderation, "pending") == 0)
    {
      g_string_append (page, "<span class=\"badge pending\">");
      dlg_html_escape_append (page, _("Awaiting moderation"));
      g_string_append (page, "</span> ");
    }
  g_string_append (page, "</p>\n");
  if (title != NULL && *title != '\0')
    {
      g_string_append (page, "<h2>");
      dlg_html_escape_append (page, title);
      g_string_append (page, "</h2>\n");
    }
  dlg_html_paragraphs (page, c->body);
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
  dlg_html_escape_append (page, author != NULL && *author != '\0' ? author : _("Anonymous"));
  dlg_page_append_date (page, _(", on "), c->created_at);
  if (place != NULL && *place != '\0')
    {
      g_string_append (page, " · ");
      dlg_html_escape_append (page, _("place: "));
      dlg_html_escape_append (page, place);
    }
  if (c->has_position)
    {
      /* A decimal comma in French, whatever the process's locale. */
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (lat, sizeof lat, "%.5f", c->lat);
      g_ascii_formatd (lon, sizeof lon, "%.5f", c->lon);
      if (g_strcmp0 (dlg_site_lang (), "fr") == 0)
        {
          g_strdelimit (lat, ".", ',');
          g_strdelimit (lon, ".", ',');
        }
      g_string_append (page, " · ");
      g_string_append_printf (page, _("latitude %s, longitude %s"), lat, lon);
    }
  if (c->supports > 0)
    {
      guint n = (guint) MIN (c->supports, G_MAXUINT);

      g_string_append (page, " · ");
      g_string_append_printf (page, dlg_site_ngettext ("%u support", "%u supports", n), n);
    }
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

/* Where a page of the list starts: after the card (sort_time, rev), towards older or newer
 * cards; the first page has none. In a link: ?older=REV:TIME or ?newer=REV:TIME. */
typedef enum
{
  FROM_FIRST,
  FROM_OLDER,
  FROM_NEWER,
} From;

typedef struct
{
  char   *time;
  gint64  rev;
} Key;

static gboolean
parse_key (const char *text,
           Key        *key)
{
  const char *colon = text != NULL ? strchr (text, ':') : NULL;
  g_autofree char *rev = NULL;
  guint64 value;

  if (colon == NULL || colon[1] == '\0' || strlen (colon + 1) > 64)
    return FALSE;
  rev = g_strndup (text, colon - text);
  if (!g_ascii_string_to_unsigned (rev, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  key->rev = (gint64) value;
  key->time = g_strdup (colon + 1);
  return TRUE;
}

/* A link to another page of the list, its query escaped for the URL and for HTML. */
static void
append_page_link (GString    *page,
                  const char *direction,
                  const Key  *key,
                  guint       page_number,
                  const char *filter,
                  const char *rel,
                  const char *label)
{
  gboolean first = TRUE;

  g_string_append (page, "<a href=\"?");
#define SEP() G_STMT_START { if (!first) g_string_append (page, "&amp;"); first = FALSE; } G_STMT_END
  if (direction != NULL)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", key->rev, key->time);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      SEP ();
      g_string_append_printf (page, "%s=", direction);
      dlg_html_escape_append (page, escaped);
      if (page_number > 0)
        {
          SEP ();
          g_string_append_printf (page, "page=%u", page_number);
        }
    }
  if (filter != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (filter, NULL, FALSE);

      SEP ();
      g_string_append (page, "feature=");
      dlg_html_escape_append (page, escaped);
    }
#undef SEP
  g_string_append_printf (page, "\" rel=\"%s\">", rel);
  g_string_append (page, label);
  g_string_append (page, "</a>");
}

/* The cards already written, by version of a contribution (its rev: a change gives it
 * another), language and highlight; at most CARD_CACHE_MAX, then started again. Kept on the
 * database object, whose rows they show. */
#define CARD_CACHE_MAX 10000

/* The HTML of the card of the contribution at @rev (owned by the cache), or NULL. */
static const char *
card_html (DlgSiteDb *db,
           gint64     rev,
           gboolean   highlighted)
{
  static GQuark quark;
  GHashTable *cache;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s:%d", rev, dlg_site_lang (),
                                          highlighted);
  g_autoptr(DlgSiteStmt) stmt = NULL;
  const char *html;
  Card card;
  GString *out;

  if (quark == 0)
    quark = g_quark_from_static_string ("dlg-page-card-cache");
  cache = g_object_get_qdata (G_OBJECT (db), quark);
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_qdata_full (G_OBJECT (db), quark, cache,
                               (GDestroyNotify) g_hash_table_unref);
    }
  html = g_hash_table_lookup (cache, key);
  if (html != NULL)
    return html;

  stmt = dlg_site_db_prepare (db, sql_card, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rev);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  card_from_row (&card, stmt);
  out = g_string_sized_new (1024);
  append_contribution (out, &card, highlighted);
  g_clear_pointer (&card.answers, json_node_unref);
  if (g_hash_table_size (cache) >= CARD_CACHE_MAX)
    g_hash_table_remove_all (cache);
  html = out->str;
  g_hash_table_insert (cache, g_steal_pointer (&key), g_string_free (out, FALSE));
  return html;
}

static void
set_key (Key          *key,
         sqlite3_stmt *stmt)
{
  g_free (key->time);
  key->time = g_strdup (sqlite3_column_type (stmt, 1) == SQLITE_TEXT
                        ? (const char *) sqlite3_column_text (stmt, 1) : "");
  key->rev = sqlite3_column_int64 (stmt, 2);
}

/* The cards of one page, in the list's order (most recent first), and the keys of the first
 * and last; @more says whether the query found a card beyond the page. */
static guint
read_cards (DlgSiteDb  *db,
            const char *process_id,
            const char *filter,
            From        from,
            const Key  *key,
            GHashTable *highlights,
            GPtrArray  *cards,
            Key        *newest,
            Key        *oldest,
            gboolean   *more)
{
  const char *sql = from == FROM_OLDER ? sql_list_older
                    : from == FROM_NEWER ? sql_list_newer : sql_list_first;
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql, NULL);

  *more = FALSE;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
  if (filter != NULL)
    sqlite3_bind_text (stmt, 2, filter, -1, SQLITE_STATIC);
  if (from != FROM_FIRST)
    {
      sqlite3_bind_text (stmt, 3, key->time, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, key->rev);
    }
  sqlite3_bind_int (stmt, 5, PAGE_SIZE + 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *html;

      if (cards->len == PAGE_SIZE)
        {
          *more = TRUE;
          break;
        }
      html = card_html (db, sqlite3_column_int64 (stmt, 2),
                        g_hash_table_contains (highlights, id));
      g_ptr_array_add (cards, g_strdup (html != NULL ? html : ""));
      /* Read towards the newer, the first row is the oldest card. */
      if (cards->len == 1)
        set_key (from == FROM_NEWER ? oldest : newest, stmt);
      set_key (from == FROM_NEWER ? newest : oldest, stmt);
    }
  if (from == FROM_NEWER)
    for (guint i = 0, j = cards->len; i + 1 < j; i++, j--)
      {
        gpointer swap = cards->pdata[i];

        cards->pdata[i] = cards->pdata[j - 1];
        cards->pdata[j - 1] = swap;
      }
  return cards->len;
}

void
dlg_page_contributions (DlgSiteServer     *self,
                        SoupServerMessage *msg,
                        const char        *process_id,
                        JsonObject        *process)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_autoptr(GHashTable) highlights = load_highlights (db, process_id);
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_free);
  const char *filter = NULL;
  GString *page = g_string_new (NULL);
  guint64 page_number = 1;
  guint shown = 0, n_pages;
  From from = FROM_FIRST;
  Key key = { 0 }, newest = { 0 }, oldest = { 0 };
  gboolean more = FALSE, has_newer, has_older;

  if (g_uri_get_query (soup_server_message_get_uri (msg)) != NULL)
    query = g_uri_parse_params (g_uri_get_query (soup_server_message_get_uri (msg)), -1, "&",
                                G_URI_PARAMS_NONE, NULL);
  if (query != NULL)
    {
      const char *number = g_hash_table_lookup (query, "page");

      filter = g_hash_table_lookup (query, "feature");
      if (parse_key (g_hash_table_lookup (query, "older"), &key))
        from = FROM_OLDER;
      else if (parse_key (g_hash_table_lookup (query, "newer"), &key))
        from = FROM_NEWER;
      /* The page's number, as the reader came: known only with a key (an old ?page=N alone
       * is the first page). 0: not said. */
      if (from == FROM_FIRST)
        page_number = 1;
      else if (number == NULL
               || !g_ascii_string_to_unsigned (number, 10, 2, G_MAXINT / PAGE_SIZE,
                                               &page_number, NULL))
        page_number = 0;
    }
  if (filter != NULL
      && (dlg_page_feature_info (filter) == NULL || !dlg_page_feature_enabled (process, filter)))
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

  read_cards (db, process_id, filter, from, &key, highlights, cards, &newest, &oldest, &more);
  if (from == FROM_NEWER && cards->len < PAGE_SIZE)
    {
      /* Back at the most recent: the first page, full. */
      from = FROM_FIRST;
      page_number = 1;
      g_ptr_array_set_size (cards, 0);
      read_cards (db, process_id, filter, from, &key, highlights, cards, &newest, &oldest,
                  &more);
    }
  has_newer = from == FROM_OLDER || (from == FROM_NEWER && more);
  has_older = (from != FROM_NEWER && more) || (from == FROM_NEWER && cards->len > 0);
  if (page_number > 0)
    page_number = MIN (page_number, n_pages);

  {
    /* The title says which process, which filter and which page. */
    GString *title = g_string_new (_("Contributions"));

    if (filter != NULL)
      g_string_append_printf (title, " — %s", _(dlg_page_feature_info (filter)->label));
    if (n_pages > 1 && page_number > 0)
      {
        g_string_append (title, " — ");
        g_string_append_printf (title, _("page %u of %u"), (guint) page_number, n_pages);
      }
    else if (from != FROM_FIRST)
      g_string_append_printf (title, " — %s", _("older"));
    g_string_append_printf (title, " — %s", jstr (process, "title"));
    dlg_html_page_begin (page, title->str, back, jstr (process, "title"));
    g_string_free (title, TRUE);
  }
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, _("The contributions"));
  g_string_append (page, "</h1>\n<nav aria-label=\"");
  dlg_html_escape_append (page, _("Filter by way of taking part"));
  g_string_append (page, "\"><ul class=\"filters\">\n<li><a href=\"?\"");
  if (filter == NULL)
    g_string_append (page, " aria-current=\"page\"");
  g_string_append (page, ">");
  dlg_html_escape_append (page, _("All"));
  g_string_append (page, "</a></li>\n");
  for (guint i = 0; dlg_page_features[i].id != NULL; i++)
    {
      if (g_strcmp0 (dlg_page_features[i].id, "recruitment") == 0
          || g_strcmp0 (dlg_page_features[i].id, "event") == 0
          || !dlg_page_feature_enabled (process, dlg_page_features[i].id))
        continue;
      g_string_append (page, "<li><a href=\"?feature=");
      dlg_html_escape_append (page, dlg_page_features[i].id);
      g_string_append (page, "\"");
      if (g_strcmp0 (filter, dlg_page_features[i].id) == 0)
        g_string_append (page, " aria-current=\"page\"");
      g_string_append (page, ">");
      dlg_html_escape_append (page, _(dlg_page_features[i].label));
      g_string_append (page, "</a></li>\n");
    }
  g_string_append (page, "</ul></nav>\n<p class=\"meta\">");
  g_string_append_printf (page, dlg_site_ngettext ("%u contribution.", "%u contributions.",
                                                   shown), shown);
  g_string_append_c (page, ' ');
  dlg_html_escape_append (page, _("Contributions set aside by the moderation team are kept but "
                                  "no longer shown."));
  g_string_append (page, "</p>\n<ul class=\"cards\">\n");
  for (guint i = 0; i < cards->len; i++)
    g_string_append (page, cards->pdata[i]);
  g_string_append (page, "</ul>\n");
  if (cards->len == 0 && from != FROM_FIRST)
    {
      g_string_append (page, "<p>");
      dlg_html_escape_append (page, _("No older contributions."));
      g_string_append (page, "</p>\n");
    }
  if (has_newer || has_older)
    {
      g_autofree char *newer_label = NULL, *older_label = NULL;
      GString *label = g_string_new ("← ");

      dlg_html_escape_append (label, _("More recent"));
      newer_label = g_string_free (label, FALSE);
      label = g_string_new (NULL);
      dlg_html_escape_append (label, _("Older"));
      g_string_append (label, " →");
      older_label = g_string_free (label, FALSE);

      g_string_append (page, "<nav aria-label=\"");
      dlg_html_escape_append (page, _("Pages of contributions"));
      g_string_append (page, "\"><p>");
      if (has_newer)
        {
          /* Page 2's "More recent" is the first page, with what came since. */
          if (page_number == 2 || cards->len == 0)
            append_page_link (page, NULL, NULL, 0, filter, "prev", newer_label);
          else
            append_page_link (page, "newer", &newest, page_number > 1 ? page_number - 1 : 0,
                              filter, "prev", newer_label);
          g_string_append_c (page, ' ');
        }
      if (page_number > 0 && n_pages > 1)
        g_string_append_printf (page, _("Page %u of %u"), (guint) page_number, n_pages);
      if (has_older)
        {
          g_string_append_c (page, ' ');
          append_page_link (page, "older", &oldest, page_number > 0 ? page_number + 1 : 0,
                            filter, "next", older_label);
        }
      g_string_append (page, "</p></nav>\n");
    }
  g_free (key.time);
  g_free (newest.time);
  g_free (oldest.time);
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
}

/* A contribution the public sees (see SQL_SHOWN), or NULL. */
JsonNode *
dlg_page_load_shown_contribution (DlgSiteDb  *db,
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
void
dlg_page_contribution (DlgSiteServer     *self,
                       SoupServerMessage *msg,
                       const char        *process_id,
                       JsonObject        *process,
                       const char        *contribution_id)
{
  DlgSiteDb *db = dlg_site_server_get_db (self);
  g_autoptr(JsonNode) node = dlg_page_load_shown_contribution (db, process_id, contribution_id);
  g_autoptr(GHashTable) highlights = NULL;
  g_autofree char *back = g_strconcat ("/p/", process_id, "/contributions", NULL);
  GString *page;

  if (node == NULL)
    {
      dlg_page_reply_not_found (msg);
      return;
    }
  highlights = load_highlights (db, process_id);
  page = g_string_new (NULL);
  {
    const char *title = jstr (json_node_get_object (node), "title");
    g_autofree char *full = g_strdup_printf ("%s — %s",
                                             title != NULL && *title != '\0'
                                             ? title : _("Contribution"),
                                             jstr (process, "title"));
    dlg_html_page_begin (page, full, back, _("The contributions"));
  }
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, _("A contribution"));
  g_string_append (page, "</h1>\n<p class=\"lead\">");
  dlg_html_escape_append (page, jstr (process, "title"));
  g_string_append (page, "</p>\n<ul class=\"cards\">\n");
  {
    Card card;

    card_from_json (&card, contribution_id, json_node_get_object (node));
    append_contribution (page, &card, g_hash_table_contains (highlights, contribution_id));
    g_clear_pointer (&card.answers, json_node_unref);
  }
  g_string_append (page, "</ul>\n");
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
}
