/* test-site.c — the reference site, driven over HTTP on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dlg-site-db.h"
#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-server.h"

#define DEMO DLG_SITE_DEMO_PROCESS_ID

typedef struct
{
  char          *dir;
  DlgSiteServer *server;
  DlgSiteDb     *db;
  SoupSession   *session;
  char          *base;
  char          *token;         /* all scopes */
  char          *read_token;    /* sync:read only */
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GError             *error;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("dlg-site-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "site.db", NULL);
  f->server = dlg_site_server_new (path, &error);
  g_assert_no_error (error);
  f->db = dlg_site_server_get_db (f->server);
  g_assert_true (dlg_site_server_seed_demo (f->server, &error));
  g_assert_no_error (error);
  dlg_site_server_set_test_faults (f->server, GPOINTER_TO_INT (data));
  g_assert_true (dlg_site_server_listen_local (f->server, 0, &error));
  g_assert_no_error (error);
  f->base = dlg_site_server_get_base_uri (f->server);
  g_assert_nonnull (f->base);
  if (g_str_has_suffix (f->base, "/"))
    f->base[strlen (f->base) - 1] = '\0';
  f->token = dlg_site_server_create_token (f->server, "officer", NULL, &error);
  g_assert_no_error (error);
  f->read_token = dlg_site_server_create_token (f->server, "reader", "sync:read", &error);
  g_assert_no_error (error);
  f->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  soup_session_abort (f->session);
  g_clear_object (&f->session);
  dlg_site_server_disconnect (f->server);
  g_clear_object (&f->server);
  /* Let libsoup release the closed connections. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->base);
  g_free (f->token);
  g_free (f->read_token);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
}

static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *path,
             const char *token,
             const char *content_type,
             const char *body,
             gssize      body_len)
{
  g_autofree char *uri = g_strconcat (f->base, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len < 0 ? strlen (body) : (gsize) body_len);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return msg;
}

static void
send_async (Fixture     *f,
            SoupMessage *msg,
            Reply       *reply)
{
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, reply);
}

static void
wait_reply (Reply *reply)
{
  while (reply->body == NULL && reply->error == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static Reply *
send_msg (Fixture     *f,
          SoupMessage *msg)
{
  Reply *reply = g_new0 (Reply, 1);

  send_async (f, msg, reply);
  wait_reply (reply);
  g_object_unref (msg);
  return reply;
}

static Reply *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *token,
         const char *json)
{
  return send_msg (f, new_message (f, method, path, token, "application/json", json, -1));
}

static char *
reply_text (Reply *reply)
{
  g_assert_nonnull (reply->body);
  return g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
}

static JsonObject *
reply_json (Reply *reply)
{
  g_autofree char *text = reply_text (reply);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static void
assert_problem (Reply      *reply,
                guint       status,
                const char *slug)
{
  g_autoptr(JsonObject) problem = NULL;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/problem+json");
  problem = reply_json (reply);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (problem, "type"), slug));
  g_assert_nonnull (json_object_get_string_member (problem, "title"));
}

static void
assert_security_headers (Reply *reply)
{
  const char *csp = soup_message_headers_get_one (reply->headers, "Content-Security-Policy");

  g_assert_nonnull (csp);
  g_assert_nonnull (strstr (csp, "default-src 'self'"));
  g_assert_nonnull (strstr (csp, "script-src 'none'"));
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "X-Content-Type-Options"), ==,
                   "nosniff");
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "X-Frame-Options"), ==, "DENY");
  g_assert_nonnull (soup_message_headers_get_one (reply->headers, "Referrer-Policy"));
}

/* ---------------------------------------------------------------------------------------- */

static void
test_html_escape (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
    { "\" onmouseover=\"x", "&quot; onmouseover=&quot;x" },
    { "' autofocus onfocus='x", "&#39; autofocus onfocus=&#39;x" },
    { "Tom & Jerry &amp;", "Tom &amp; Jerry &amp;amp;" },
    { "<b>gras</b> <span foreground='red'>Pango</span>",
      "&lt;b&gt;gras&lt;/b&gt; &lt;span foreground=&#39;red&#39;&gt;Pango&lt;/span&gt;" },
    { "déjà « vu »", "déjà « vu »" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = dlg_html_escape (cases[i].in);
      g_assert_cmpstr (escaped, ==, cases[i].out);
    }
  {
    g_autofree char *escaped = dlg_html_escape ("a\xff<b");
    g_assert_true (g_utf8_validate (escaped, -1, NULL));
    g_assert_null (strchr (escaped, '<'));
  }
  {
    g_autofree char *html = dlg_html_markdown ("Hi <script>alert(1)</script>\n\n"
                                               "[clic](javascript:alert(1)) "
                                               "<img src=x onerror=alert(1)>");
    g_assert_null (strstr (html, "<script"));
    g_assert_null (strstr (html, "javascript:"));
    g_assert_null (strstr (html, "onerror"));
  }
  {
    /* Found by fuzz-markdown: cmark copies bytes that are not UTF-8 from a link's title (and
     * from text) into the page as they are. */
    g_autofree char *html = dlg_html_markdown ("[lien](https://x.example \"tre\xc4\") caf\xe9");

    g_assert_true (g_utf8_validate (html, -1, NULL));
  }
}

static void
test_discovery (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/", f->token, NULL);
  g_autoptr(JsonObject) root = reply_json (reply);
  JsonObject *limits;

  g_assert_cmpuint (reply->status, ==, 200);
  assert_security_headers (reply);
  g_assert_cmpstr (json_object_get_string_member (root, "protocol"), ==, "dialogue-sync");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_nonnull (json_object_get_string_member (root, "server_time"));
  limits = json_object_get_object_member (root, "page_limit");
  g_assert_cmpint (json_object_get_int_member (limits, "default"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (limits, "max"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (root, "max_body_bytes"), ==, 1048576);
  g_assert_cmpint (json_object_get_int_member (root, "tombstone_retention_days"), ==, 30);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Reply) none = request (f, "GET", "/api/sync/v1/changes", NULL, NULL);
  g_autoptr(Reply) bad = request (f, "GET", "/api/sync/v1/changes", "dlgs_nope", NULL);
  g_autoptr(Reply) read = request (f, "GET", "/api/sync/v1/changes", f->read_token, NULL);
  g_autoptr(Reply) write = request (f, "PUT",
                                    "/api/sync/v1/processes/0b0c0d0e-0000-4000-8000-000000000001",
                                    f->read_token, "{\"title\": \"x\"}");
  g_autoptr(Reply) moderate = request (f, "POST", "/api/sync/v1/moderation", f->read_token,
                                       "{}");

  assert_problem (none, 401, "unauthorized");
  g_assert_nonnull (soup_message_headers_get_one (none->headers, "WWW-Authenticate"));
  assert_security_headers (none);
  assert_problem (bad, 401, "unauthorized");
  g_assert_cmpuint (read->status, ==, 200);
  assert_problem (write, 403, "forbidden");
  assert_problem (moderate, 403, "forbidden");
  /* The token is stored hashed, never in clear. */
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (dlg_site_db_get_handle (f->db), "SELECT count(*) FROM tokens WHERE "
                        "hash = ?1", -1, &stmt, NULL);
    sqlite3_bind_text (stmt, 1, f->token, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
}

static void
insert_contributions (Fixture *f,
                      guint    n,
                      GPtrArray *ids)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlg_site_db_begin (f->db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *data = g_strdup_printf (
        "{\"process_id\": \"" DEMO "\", \"feature\": \"ideas\", \"kind\": \"idea\","
        " \"parent_id\": null, \"author_ref\": \"p%u\", \"title\": \"Idée %u\", \"body\": \"x\","
        " \"lat\": null, \"lon\": null, \"answers\": null, \"created_at\": "
        "\"2026-11-01T10:00:00Z\", \"moderation\": \"published\", \"moderation_reason\": null,"
        " \"supports\": 0}", i, i);
      g_assert_true (dlg_site_db_put_object (f->db, "contribution", id, DEMO, data, NULL,
                                             &error));
      g_assert_no_error (error);
      if (ids != NULL)
        g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  g_assert_true (dlg_site_db_commit (f->db, &error));
}

/* Pulls the whole feed; returns the id → rev seen, asserting ascending revs and no dup. */
static GHashTable *
pull_all (Fixture    *f,
          const char *limit,
          guint      *n_pages,
          char      **cursor_out)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  gint64 last_rev = 0;
  gboolean more = TRUE;

  *n_pages = 0;
  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/sync/v1/changes?limit=%s%s%s", limit,
                                               cursor != NULL ? "&cursor=" : "",
                                               cursor != NULL ? cursor : "");
      g_autoptr(Reply) reply = request (f, "GET", path, f->token, NULL);
      g_autoptr(JsonObject) page = NULL;
      JsonArray *items;

      g_assert_cmpuint (reply->status, ==, 200);
      page = reply_json (reply);
      items = json_object_get_array_member (page, "items");
      g_assert_cmpuint (json_array_get_length (items), <=, 500);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          const char *id = json_object_get_string_member (item, "id");
          gint64 rev = json_object_get_int_member (item, "rev");
          g_assert_cmpint (rev, >, last_rev);
          last_rev = rev;
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_insert (seen, g_strdup (id), GINT_TO_POINTER (1));
          g_assert_true (json_object_has_member (item, "deleted"));
          g_assert_true (json_object_has_member (item, "data"));
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
      g_assert_nonnull (cursor);
      more = json_object_get_boolean_member (page, "has_more");
      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <, 100);
    }
  if (cursor_out != NULL)
    *cursor_out = g_steal_pointer (&cursor);
  return seen;
}

static void
test_feed_paging (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *cursor = NULL;
  guint pages = 0;

  insert_contributions (f, 3000, ids);
  /* 1000 asked, 500 served: the limit is clamped to the maximum. */
  seen = pull_all (f, "1000", &pages, &cursor);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3000 + 6);   /* + the demo's 6 */
  g_assert_cmpuint (pages, ==, 7);
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (ids, i)));

  /* From the last cursor: nothing new, then exactly what changed since. */
  {
    g_autofree char *path = g_strdup_printf ("/api/sync/v1/changes?cursor=%s", cursor);
    g_autoptr(Reply) reply = request (f, "GET", path, f->token, NULL);
    g_autoptr(JsonObject) page = reply_json (reply);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "items")), ==,
                      0);
    g_assert_false (json_object_get_boolean_member (page, "has_more"));
  }
  insert_contributions (f, 7, NULL);
  {
    g_autofree char *path = g_strdup_printf ("/api/sync/v1/changes?limit=5&cursor=%s", cursor);
    g_autoptr(Reply) reply = request (f, "GET", path, f->token, NULL);
    g_autoptr(JsonObject) page = reply_json (reply);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "items")), ==,
                      5);
    g_assert_true (json_object_get_boolean_member (page, "has_more"));
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes?limit=zero", f->token,
                                      NULL);
    assert_problem (reply, 422, "validation");
  }
}

static void
test_cursor_expired (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *path = NULL;
  guint pages;

  seen = pull_all (f, "2", &pages, &cursor);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 6);
  g_assert_true (dlg_site_db_expire_cursors (f->db, &error));
  g_assert_no_error (error);
  path = g_strdup_printf ("/api/sync/v1/changes?cursor=%s", cursor);
  {
    g_autoptr(Reply) reply = request (f, "GET", path, f->token, NULL);
    assert_problem (reply, 410, "cursor-expired");
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes?cursor=not-a-cursor",
                                      f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 410);
  }
  /* A full resync works, and its cursor is valid afterwards. */
  {
    g_autoptr(GHashTable) again = NULL;
    g_autofree char *fresh = NULL;
    g_autofree char *fresh_path = NULL;
    again = pull_all (f, "100", &pages, &fresh);
    g_assert_cmpuint (g_hash_table_size (again), ==, 6);
    fresh_path = g_strdup_printf ("/api/sync/v1/changes?cursor=%s", fresh);
    {
      g_autoptr(Reply) reply = request (f, "GET", fresh_path, f->token, NULL);
      g_assert_cmpuint (reply->status, ==, 200);
    }
  }
}

#define NARRATIVE "/api/sync/v1/narratives/5a5a5a5a-0000-4000-8000-00000000000a"

static Reply *
put_with (Fixture    *f,
          const char *path,
          const char *header,
          const char *value,
          const char *json)
{
  SoupMessage *msg = new_message (f, "PUT", path, f->token, "application/json", json, -1);

  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, value);
  return send_msg (f, msg);
}

/* The app writes only the contributions it received (in person, mail, phone): a PUT or DELETE
 * over one made online is refused, and one without a channel (or a registration kind) is
 * invalid. */
static void
test_offline_contributions (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *online = NULL;
  const char *body =
    "{\"process_id\": \"" DEMO "\", \"feature\": \"ideas\", \"kind\": \"idea\","
    " \"channel\": \"in_person\", \"title\": \"Dit en atelier\", \"body\": \"\","
    " \"created_at\": \"2026-11-01T10:00:00Z\", \"moderation\": \"published\"}";

  insert_contributions (f, 1, ids);
  online = g_strconcat ("/api/sync/v1/contributions/", ids->pdata[0], NULL);
  {
    g_autoptr(Reply) reply = put_with (f, online, "If-Match", "*", body);

    assert_problem (reply, 409, "online-contribution");
  }
  {
    SoupMessage *msg = new_message (f, "DELETE", online, f->token, NULL, NULL, -1);
    g_autoptr(Reply) reply = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", "*");
    reply = send_msg (f, msg);
    assert_problem (reply, 409, "online-contribution");
  }
  {
    g_autoptr(Reply) reply = put_with (f, "/api/sync/v1/contributions/"
                                       "5a5a5a5a-0000-4000-8000-0000000000c1",
                                       "If-None-Match", "*", body);

    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autoptr(Reply) reply = put_with (f, "/api/sync/v1/contributions/"
                                       "5a5a5a5a-0000-4000-8000-0000000000c2",
                                       "If-None-Match", "*",
                                       "{\"process_id\": \"" DEMO "\", \"feature\": \"ideas\","
                                       " \"kind\": \"registration\", \"channel\": \"online\","
                                       " \"created_at\": \"2026-11-01T10:00:00Z\","
                                       " \"moderation\": \"published\"}");

    assert_problem (reply, 422, "validation");
  }
}

static void
test_put_get_delete (Fixture       *f,
                     gconstpointer  data)
{
  const char *v1 = "{\"process_id\": \"" DEMO "\", \"title\": \"Récit\", \"body_md\": "
                   "\"# Bonjour\", \"state\": \"published\", \"stage\": null,"
                   " \"published_at\": \"2026-11-25T10:00:00Z\"}";
  const char *v2 = "{\"process_id\": \"" DEMO "\", \"title\": \"Récit modifié\", \"body_md\": "
                   "\"Texte\", \"state\": \"published\", \"published_at\": null}";
  g_autofree char *etag1 = NULL;
  g_autofree char *etag2 = NULL;

  {
    g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-None-Match", "*", v1);
    g_autoptr(JsonObject) body = reply_json (reply);
    g_assert_cmpuint (reply->status, ==, 201);
    etag1 = g_strdup (soup_message_headers_get_one (reply->headers, "ETag"));
    g_assert_nonnull (etag1);
    g_assert_true (etag1[0] == '"');
    g_assert_cmpint (json_object_get_int_member (body, "rev"), >, 0);
    g_assert_nonnull (json_object_get_string_member (body, "etag"));
  }
  {
    g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-None-Match", "*", v1);
    assert_problem (reply, 412, "precondition-failed");
  }
  {
    g_autoptr(Reply) reply = put_with (f, NARRATIVE, NULL, NULL, v1);
    assert_problem (reply, 428, "precondition-required");
  }
  {
    g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-Match", etag1, v2);
    g_assert_cmpuint (reply->status, ==, 200);
    etag2 = g_strdup (soup_message_headers_get_one (reply->headers, "ETag"));
    g_assert_cmpstr (etag1, !=, etag2);
  }
  {
    /* The other client still holds etag1: 412, with the site's ETag to fetch its version. */
    g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-Match", etag1, v1);
    assert_problem (reply, 412, "precondition-failed");
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "ETag"), ==, etag2);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", NARRATIVE, f->token, NULL);
    g_autoptr(JsonObject) body = reply_json (reply);
    JsonObject *obj = json_object_get_object_member (body, "data");
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "ETag"), ==, etag2);
    g_assert_cmpstr (json_object_get_string_member (obj, "title"), ==, "Récit modifié");
    g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "narrative");
  }
  {
    g_autoptr(Reply) page = request (f, "GET", "/p/" DEMO "/narratives/"
                                     "5a5a5a5a-0000-4000-8000-00000000000a", NULL, NULL);
    g_autofree char *html = reply_text (page);
    g_assert_cmpuint (page->status, ==, 200);
    g_assert_nonnull (strstr (html, "Récit modifié"));
  }
  {
    SoupMessage *msg = new_message (f, "DELETE", NARRATIVE, f->token, NULL, NULL, 0);
    g_autoptr(Reply) reply = NULL;
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", etag1);
    reply = send_msg (f, msg);
    assert_problem (reply, 412, "precondition-failed");
  }
  {
    SoupMessage *msg = new_message (f, "DELETE", NARRATIVE, f->token, NULL, NULL, 0);
    g_autoptr(Reply) reply = NULL;
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", etag2);
    reply = send_msg (f, msg);
    g_assert_cmpuint (reply->status, ==, 204);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", NARRATIVE, f->token, NULL);
    assert_problem (reply, 410, "deleted");
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/narratives/"
                                      "5a5a5a5a-0000-4000-8000-00000000000b", f->token, NULL);
    assert_problem (reply, 404, "not-found");
  }
  {
    /* Re-creating a deleted object is allowed. */
    g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-None-Match", "*", v1);
    g_assert_cmpuint (reply->status, ==, 201);
  }
}

static Reply *
moderate (Fixture    *f,
          const char *key,
          const char *json)
{
  SoupMessage *msg = new_message (f, "POST", "/api/sync/v1/moderation", f->token,
                                  "application/json", json, -1);

  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                  key);
  return send_msg (f, msg);
}

#define TRASH_IDEA \
  "{\"id\": \"e0e0e0e0-0000-4000-8000-000000000001\", \"contribution_id\": " \
  "\"7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1c01\", \"state\": \"trashed\", \"reason\": \"Hors " \
  "charte\", \"decided_at\": \"2026-11-25T10:00:00Z\"}"

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *key = g_uuid_string_random ();

  {
    g_autoptr(Reply) reply = moderate (f, NULL, TRASH_IDEA);
    assert_problem (reply, 400, "idempotency-key-missing");
  }
  {
    g_autoptr(Reply) page = request (f, "GET", "/p/" DEMO "/contributions", NULL, NULL);
    g_autofree char *html = reply_text (page);
    g_assert_nonnull (strstr (html, "Des arbres et de l’ombre"));
  }
  {
    g_autoptr(Reply) reply = moderate (f, key, TRASH_IDEA);
    g_autoptr(JsonObject) body = reply_json (reply);
    g_assert_cmpuint (reply->status, ==, 201);
    g_assert_cmpstr (json_object_get_string_member (body, "moderation"), ==, "trashed");
    first = reply_text (reply);
  }
  {
    g_autoptr(Reply) reply = moderate (f, key, TRASH_IDEA);
    g_autofree char *again = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 201);
    g_assert_cmpstr (again, ==, first);
  }
  {
    g_autoptr(Reply) reply = moderate (f, key, "{\"id\": \"e0e0e0e0-0000-4000-8000-000000000002"
                                       "\", \"contribution_id\": \"7d1f3c2a-5b8e-4c61-9a0d-"
                                       "2e4f6b8c1c01\", \"state\": \"published\"}");
    assert_problem (reply, 422, "idempotency-key-reused");
  }
  {
    /* Trashed: gone from the public page, still in the feed with its new state. */
    g_autoptr(Reply) page = request (f, "GET", "/p/" DEMO "/contributions", NULL, NULL);
    g_autofree char *html = reply_text (page);
    g_assert_null (strstr (html, "Des arbres et de l’ombre"));
  }
  {
    g_autofree char *other = g_uuid_string_random ();
    g_autoptr(Reply) reply = moderate (f, other, "{\"id\": \"e0e0e0e0-0000-4000-8000-00000000"
                                       "0003\", \"contribution_id\": \"e0e0e0e0-0000-4000-8000-"
                                       "00000000ffff\", \"state\": \"trashed\"}");
    assert_problem (reply, 404, "not-found");
  }
}

static void
test_idempotency_in_flight (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(Reply) fault = request (f, "POST", "/api/test/faults", NULL,
                                    "{\"path_prefix\": \"/api/sync/v1/moderation\", \"count\": 1,"
                                    " \"mode\": \"slow\", \"delay_ms\": 1500}");
  Reply *slow = g_new0 (Reply, 1);
  SoupMessage *msg = new_message (f, "POST", "/api/sync/v1/moderation", f->token,
                                  "application/json", TRASH_IDEA, -1);

  g_assert_cmpuint (fault->status, ==, 201);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  send_async (f, msg, slow);
  /* Let the first request reach the site and register its key. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (100000);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  {
    g_autoptr(Reply) reply = moderate (f, key, TRASH_IDEA);
    assert_problem (reply, 409, "idempotency-in-flight");
  }
  wait_reply (slow);
  g_assert_cmpuint (slow->status, ==, 201);
  {
    g_autoptr(Reply) reply = moderate (f, key, TRASH_IDEA);
    g_assert_cmpuint (reply->status, ==, 201);
  }
  g_object_unref (msg);
  reply_free (slow);
}

static void
test_bad_json (Fixture       *f,
               gconstpointer  data)
{
  const char *path = "/api/sync/v1/processes/0b0c0d0e-0000-4000-8000-000000000002";

  {
    g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*", "{\"title\": ");
    assert_problem (reply, 422, "invalid-json");
  }
  {
    g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*", "[1, 2]");
    assert_problem (reply, 422, "invalid-json");
  }
  {
    g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*", "{\"title\": \"\xff\xfe\"}");
    assert_problem (reply, 422, "invalid-json");
  }
  {
    g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*",
                                       "{\"title\": 42, \"features\": [{\"feature\": \"ideas\","
                                       " \"enabled\": \"yes\"}], \"unknown\": true}");
    g_autoptr(JsonObject) problem = reply_json (reply);
    JsonArray *errors = json_object_get_array_member (problem, "errors");
    g_autofree char *text = reply_text (reply);
    assert_problem (reply, 422, "validation");
    g_assert_cmpuint (json_array_get_length (errors), ==, 2);
    g_assert_nonnull (strstr (text, "features[0].enabled"));
    g_assert_null (strstr (text, "unknown"));
  }
  {
    g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*", "{\"summary\": \"x\"}");
    g_autofree char *text = reply_text (reply);
    assert_problem (reply, 422, "validation");
    g_assert_nonnull (strstr (text, "\"field\":\"title\""));
  }
  {
    gsize size = 1024 * 1024 + 10;
    g_autofree char *big = g_malloc (size + 1);
    memset (big, ' ', size);
    memcpy (big, "{\"title\": \"", 11);
    memcpy (big + size - 2, "\"}", 2);
    big[size] = '\0';
    {
      g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*", big);
      assert_problem (reply, 413, "too-large");
    }
  }
  {
    /* Nothing was half-applied. */
    g_autoptr(Reply) reply = request (f, "GET", path, f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 404);
  }
}

/* A small body of 60,000 nested arrays used to overflow json-glib's recursive parser: the
 * site died of SIGSEGV. It is refused with 400 before parsing, and the site keeps serving. */
static void
test_deep_json (Fixture       *f,
                gconstpointer  data)
{
  /* 60,000 as measured against dialogue-site; 200,000 (400 KB) overflows any stack here. */
  static const guint depths[] = { 60000, 200000 };

  for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
    {
      GString *deep = g_string_new (NULL);
      g_autofree char *body = NULL;

      for (guint i = 0; i < depths[d]; i++)
        g_string_append_c (deep, '[');
      for (guint i = 0; i < depths[d]; i++)
        g_string_append_c (deep, ']');
      body = g_string_free (deep, FALSE);
      g_assert_cmpuint (strlen (body), <, 1024 * 1024);
      {
        g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-None-Match", "*", body);
        g_autofree char *text = reply_text (reply);

        assert_problem (reply, 400, "too-deep");
        g_assert_nonnull (strstr (text, "64"));
      }
      {
        /* Nothing stored, and the site still answers. */
        g_autoptr(Reply) reply = request (f, "GET", NARRATIVE, f->token, NULL);
        g_assert_cmpuint (reply->status, ==, 404);
      }
      {
        g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/", f->token, NULL);
        g_assert_cmpuint (reply->status, ==, 200);
      }
    }
}

/* A hostile client -------------------------------------------------------------------------- */

/* What a raw client thread does on its own connections, while the test's thread runs the site. */
typedef struct
{
  guint16  port;
  guint    n_connections;
  char    *head;            /* sent first on each connection */
  gsize    body_bytes;      /* then this many bytes of body ('x'), 64 KiB at a time */
  guint    wait_ms;         /* then how long to wait for the site to answer or close */
  /* Out, for each connection: */
  GString *response[64];
  gsize    sent[64];
  gint64   closed_after_ms[64];  /* since its connection; -1: still open when the wait ended */
  gint64   connected_at[64];
  gint     done;
} RawClient;

static gpointer
raw_client_thread (gpointer user_data)
{
  RawClient *raw = user_data;
  GSocket *sockets[64] = { NULL };
  static char chunk[64 * 1024];
  gint64 start;

  memset (chunk, 'x', sizeof chunk);
  g_assert_cmpuint (raw->n_connections, <=, G_N_ELEMENTS (sockets));
  for (guint c = 0; c < raw->n_connections; c++)
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, raw->port);

      raw->response[c] = g_string_new (NULL);
      raw->closed_after_ms[c] = -1;
      sockets[c] = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL);
      g_assert_true (g_socket_connect (sockets[c], address, NULL, NULL));
      raw->connected_at[c] = g_get_monotonic_time ();
      g_socket_set_timeout (sockets[c], 1);
      g_socket_send (sockets[c], raw->head, strlen (raw->head), NULL, NULL);
      while (raw->sent[c] < raw->body_bytes)
        {
          gssize n = g_socket_send (sockets[c], chunk,
                                    MIN (sizeof chunk, raw->body_bytes - raw->sent[c]), NULL,
                                    NULL);
          if (n <= 0)
            break;
          raw->sent[c] += n;
        }
    }
  start = g_get_monotonic_time ();
  for (guint c = 0; c < raw->n_connections; c++)
    {
      g_socket_set_blocking (sockets[c], FALSE);
    }
  while ((g_get_monotonic_time () - start) / 1000 < raw->wait_ms)
    {
      gboolean all_closed = TRUE;

      for (guint c = 0; c < raw->n_connections; c++)
        {
          char buffer[4096];
          gssize n;

          if (raw->closed_after_ms[c] >= 0)
            continue;
          all_closed = FALSE;
          n = g_socket_receive (sockets[c], buffer, sizeof buffer, NULL, NULL);
          if (n > 0)
            g_string_append_len (raw->response[c], buffer, n);
          else if (n == 0 || !g_socket_condition_check (sockets[c], G_IO_OUT))
            raw->closed_after_ms[c] = (g_get_monotonic_time () - raw->connected_at[c]) / 1000;
          else if (n < 0 && g_socket_condition_check (sockets[c], G_IO_HUP | G_IO_ERR))
            raw->closed_after_ms[c] = (g_get_monotonic_time () - raw->connected_at[c]) / 1000;
        }
      if (all_closed)
        break;
      g_usleep (10000);
    }
  for (guint c = 0; c < raw->n_connections; c++)
    g_object_unref (sockets[c]);
  g_atomic_int_set (&raw->done, 1);
  return NULL;
}

/* Runs @raw against the site, which the test's thread keeps serving meanwhile. */
static void
raw_client_run (Fixture   *f,
                RawClient *raw)
{
  g_autoptr(GUri) uri = g_uri_parse (f->base, G_URI_FLAGS_NONE, NULL);
  GThread *thread;

  raw->port = g_uri_get_port (uri);
  thread = g_thread_new ("raw-client", raw_client_thread, raw);
  while (!g_atomic_int_get (&raw->done))
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_thread_join (thread);
  /* Let the site notice the closed connections. */
  for (guint i = 0; i < 200 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
raw_client_clear (RawClient *raw)
{
  for (guint c = 0; c < raw->n_connections; c++)
    g_string_free (raw->response[c], TRUE);
  g_free (raw->head);
}

/* HTTP/1.1 without Host is a bad request (it used to raise a GLib-CRITICAL in the site). */
static void
test_no_host (Fixture       *f,
              gconstpointer  data)
{
  static const char *paths[] = { "/", "/p/" DEMO, "/api/sync/v1/", "/api/sync/v1/changes" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      RawClient raw = { .n_connections = 1, .wait_ms = 3000 };

      raw.head = g_strdup_printf ("GET %s HTTP/1.1\r\nConnection: close\r\n\r\n", paths[i]);
      raw_client_run (f, &raw);
      g_test_message ("%s → %.40s", paths[i], raw.response[0]->str);
      g_assert_true (g_str_has_prefix (raw.response[0]->str, "HTTP/1.1 400"));
      raw_client_clear (&raw);
    }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/", f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
  }
}

/* A chunked body is not read whole before its token and its size are checked: without a token
 * the answer is 401 before any of it is read; with one, 413 at the limit, and the connection
 * is closed long before 32 MB have gone through. */
static void
test_chunked_body_bounded (Fixture       *f,
                           gconstpointer  data)
{
  {
    RawClient raw = { .n_connections = 1, .wait_ms = 3000 };

    raw.head = g_strdup ("PUT " NARRATIVE " HTTP/1.1\r\nHost: localhost\r\n"
                         "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    raw_client_run (f, &raw);
    g_test_message ("closed after %" G_GINT64_FORMAT " ms: %.60s", raw.closed_after_ms[0],
                    raw.response[0]->str);
    g_assert_true (g_str_has_prefix (raw.response[0]->str, "HTTP/1.1 401"));
    raw_client_clear (&raw);
  }
  {
    RawClient raw = { .n_connections = 1, .wait_ms = 5000, .body_bytes = 32 * 1024 * 1024 };
    /* One chunk announced as 32 MiB: its bytes follow as they are sent. */
    raw.head = g_strdup_printf ("PUT " NARRATIVE " HTTP/1.1\r\nHost: localhost\r\n"
                                "Authorization: Bearer %s\r\nIf-None-Match: *\r\n"
                                "Content-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n%x\r\n", f->token,
                                32 * 1024 * 1024);
    raw_client_run (f, &raw);
    g_test_message ("sent %zu bytes; %.60s", raw.sent[0], raw.response[0]->str);
    g_assert_true (g_str_has_prefix (raw.response[0]->str, "HTTP/1.1 413"));
    g_assert_nonnull (strstr (raw.response[0]->str, "too-large"));
    g_assert_cmpuint (raw.sent[0], <, 32 * 1024 * 1024);
    raw_client_clear (&raw);
  }
  {
    /* Nothing stored, and the site still answers. */
    g_autoptr(Reply) reply = request (f, "GET", NARRATIVE, f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 404);
  }
}

/* The most of a request body the site held in memory, chunk after chunk. */
static void
held_chunk_cb (SoupServerMessage *msg,
               GBytes            *chunk,
               gsize             *held)
{
  *held = MAX (*held, (gsize) soup_server_message_get_request_body (msg)->length);
}

static void
held_started_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 gsize             *held)
{
  g_signal_connect (msg, "got-chunk", G_CALLBACK (held_chunk_cb), held);
}

/* An announced body is refused on its headers (413 over the limit, 401 without a valid token),
 * and what libsoup still reads of it is dropped, not kept: 400 MB announced used to be read
 * into memory (64 MiB sent grew the site by 66 MB). The answer comes after the body, so that a
 * client still sending gets it. */
static void
test_announced_body_refused (Fixture       *f,
                             gconstpointer  data)
{
  static const struct { const char *auth; const char *length; gsize sent; } cases[] = {
    { "", "400000000", 64 * 1024 * 1024 },
    { "Authorization: Bearer dlgs_nope\r\n", "1048000", 1048000 },
    { "", "1048000", 1048000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RawClient raw = { .n_connections = 1, .wait_ms = 3000, .body_bytes = cases[i].sent };
      SoupServer *soup = dlg_site_server_get_soup_server (f->server);
      gsize held = 0;
      gulong id = g_signal_connect (soup, "request-started", G_CALLBACK (held_started_cb),
                                    &held);

      raw.head = g_strdup_printf ("PUT " NARRATIVE " HTTP/1.1\r\nHost: localhost\r\n%s"
                                  "If-None-Match: *\r\nContent-Type: application/json\r\n"
                                  "Content-Length: %s\r\n\r\n", cases[i].auth,
                                  cases[i].length);
      raw_client_run (f, &raw);
      g_signal_handler_disconnect (soup, id);
      g_test_message ("Content-Length %s, %zu bytes sent, %zu held; %.60s", cases[i].length,
                      raw.sent[0], held, raw.response[0]->str);
      g_assert_cmpuint (raw.sent[0], ==, cases[i].sent);
      g_assert_cmpuint (held, ==, 0);
      if (i == 0)
        g_assert_cmpuint (raw.response[0]->len, ==, 0);   /* still reading what was announced */
      else
        g_assert_true (g_str_has_prefix (raw.response[0]->str, "HTTP/1.1 401"));
      raw_client_clear (&raw);
    }
  {
    /* Nothing stored, and the site still answers. */
    g_autoptr(Reply) reply = request (f, "GET", NARRATIVE, f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 404);
  }
}

/* Slowloris: connections that send their headers a line at a time are dropped after the header
 * timeout, and an address may not hold more than its share of connections being received; a
 * well-behaved request is served meanwhile and after. */
static void
test_slow_headers (Fixture       *f,
                   gconstpointer  data)
{
  RawClient raw = { .n_connections = 9, .wait_ms = 8000 };
  guint n_quick = 0;

  /* Headers within 2 s, at most 4 requests being received per address. */
  dlg_site_server_set_limits (f->server, 2, 2, 4);
  raw.head = g_strdup ("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n");
  raw_client_run (f, &raw);
  for (guint c = 0; c < raw.n_connections; c++)
    {
      g_test_message ("connection %u closed %" G_GINT64_FORMAT " ms after it opened", c,
                      raw.closed_after_ms[c]);
      /* Every one is dropped, none answered: by the timeout or at once, over the limit. */
      g_assert_cmpint (raw.closed_after_ms[c], >=, 0);
      g_assert_cmpint (raw.closed_after_ms[c], <, 6000);
      g_assert_cmpuint (raw.response[c]->len, ==, 0);
      if (raw.closed_after_ms[c] < 1500)
        n_quick++;
    }
  /* Those over 4 go at once (9 stay within the listen queue, so they all connect at once). */
  g_assert_cmpuint (n_quick, >=, 5);
  raw_client_clear (&raw);
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/", f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
  }
}

/* A lone surrogate escape is not text: refused with 422, never stored (it used to be stored as
 * invalid UTF-8, and every client's pull failed from then on). */
static void
test_lone_surrogate (Fixture       *f,
                     gconstpointer  data)
{
  static const char *escapes[] = { "\\ud800", "\\udfff", "a\\ud83d", "\\ude00b" };

  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *body = g_strdup_printf (
        "{\"process_id\": \"" DEMO "\", \"stage\": \"diagnostic\", \"title\": \"Titre %s suite\","
        " \"body_md\": \"Texte\", \"state\": \"published\","
        " \"published_at\": \"2026-11-25T10:00:00Z\"}",
        escapes[i]);
      g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-None-Match", "*", body);

      g_test_message ("%s → %u", escapes[i], reply->status);
      g_assert_cmpuint (reply->status, ==, 422);
    }
  {
    /* A real pair is a character, and goes through. */
    g_autoptr(Reply) reply = put_with (f, NARRATIVE, "If-None-Match", "*",
                                       "{\"process_id\": \"" DEMO "\", \"stage\": \"diagnostic\","
                                       " \"title\": \"Titre \\ud83d\\ude00\", \"body_md\":"
                                       " \"Texte\", \"state\": \"published\","
                                       " \"published_at\": \"2026-11-25T10:00:00Z\"}");
    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes", f->token, NULL);
    g_autofree char *text = reply_text (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (g_utf8_validate (text, -1, NULL));
  }
}

/* Not only the members a table names: an unknown member, a member of a free-form object
 * (`answers`), a member's name and an item of an array are stored too, and each of them with
 * a lone surrogate would break every client's pull. */
static void
test_invalid_text_anywhere (Fixture       *f,
                            gconstpointer  data)
{
#define OFFLINE(extra) \
  "{\"process_id\": \"" DEMO "\", \"feature\": \"ideas\", \"kind\": \"idea\"," \
  " \"channel\": \"in_person\", \"title\": \"Dit en atelier\", \"body\": \"\"," \
  " \"created_at\": \"2026-11-01T10:00:00Z\", \"moderation\": \"published\"" extra "}"
  static const char *bodies[] = {
    /* json-glib refuses a lone surrogate just before the closing quote; not otherwise. */
    OFFLINE (", \"answers\": {\"place\": \"Place \\ud800 Nord\"}"),
    OFFLINE (", \"answers\": {\"\\udfffn\": \"nom\"}"),
    OFFLINE (", \"answers\": {\"list\": [\"a\", [\"b\\ud83d c\"]]}"),
    OFFLINE (", \"extra\": \"\\ude00 de plus\""),
    OFFLINE (", \"\\ud800x\": 1"),
    OFFLINE (", \"moderation_reason\": \"Hors \\ud800 charte\""),
  };
  const char *path = "/api/sync/v1/contributions/5a5a5a5a-0000-4000-8000-0000000000d1";

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*", bodies[i]);

      g_test_message ("%s → %u", bodies[i], reply->status);
      assert_problem (reply, 422, "invalid-text");
    }
  {
    g_autoptr(Reply) reply = put_with (f, path, "If-None-Match", "*",
                                       OFFLINE (", \"answers\": {\"place\": \"Place "
                                                "\\ud83d\\ude00\","
                                                " \"\\u00e9t\\u00e9\": [\"ok\"]}"));

    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes", f->token, NULL);
    g_autofree char *text = reply_text (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (g_utf8_validate (text, -1, NULL));
    g_assert_nonnull (strstr (text, "Place \xf0\x9f\x98\x80"));
  }
#undef OFFLINE
}

/* Depths of 2,000 to 30,000 were answered 500: every endpoint that reads a body says 400,
 * whether the nesting is of arrays or of objects, and keeps serving. */
static void
test_deep_json_every_endpoint (Fixture       *f,
                               gconstpointer  data)
{
  static const guint depths[] = { 65, 2000, 10000, 30000 };
  static const struct { const char *method, *path; } endpoints[] = {
    { "PUT", "/api/sync/v1/processes/0b0c0d0e-0000-4000-8000-000000000001" },
    { "PUT", NARRATIVE },
    { "PUT", "/api/sync/v1/contributions/5a5a5a5a-0000-4000-8000-0000000000d2" },
    { "PUT", "/api/sync/v1/highlights/5a5a5a5a-0000-4000-8000-0000000000d3" },
    { "POST", "/api/sync/v1/moderation" },
    { "POST", "/api/sync/v1/erasures" },
  };

  for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
    for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
      for (int objects = 0; objects < 2; objects++)
        {
          g_autoptr(GString) body = g_string_new ("{\"title\": ");
          g_autoptr(Reply) reply = NULL;
          g_autofree char *key = g_uuid_string_random ();
          SoupMessage *msg;

          for (guint i = 0; i < depths[d]; i++)
            g_string_append (body, objects ? "{\"a\":" : "[");
          g_string_append (body, "1");
          for (guint i = 0; i < depths[d]; i++)
            g_string_append_c (body, objects ? '}' : ']');
          g_string_append_c (body, '}');
          msg = new_message (f, endpoints[e].method, endpoints[e].path, f->token,
                             "application/json", body->str, body->len);
          soup_message_headers_replace (soup_message_get_request_headers (msg),
                                        "If-None-Match", "*");
          soup_message_headers_replace (soup_message_get_request_headers (msg),
                                        "Idempotency-Key", key);
          reply = send_msg (f, msg);
          g_test_message ("%s %s, depth %u of %s → %u", endpoints[e].method,
                          endpoints[e].path, depths[d], objects ? "objects" : "arrays",
                          reply->status);
          assert_problem (reply, 400, "too-deep");
        }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/", f->token, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

/* Forms ------------------------------------------------------------------------------------ */

typedef struct
{
  char *cookie;
  char *token;
} FormSession;

static void
form_session_get (Fixture     *f,
                  const char  *path,
                  FormSession *fs)
{
  g_autoptr(Reply) reply = request (f, "GET", path, NULL, NULL);
  g_autofree char *html = reply_text (reply);
  const char *set_cookie = soup_message_headers_get_one (reply->headers, "Set-Cookie");
  const char *marker = "name=\"csrf_token\" value=\"";
  const char *start;

  g_assert_cmpuint (reply->status, ==, 200);
  assert_security_headers (reply);
  g_assert_nonnull (set_cookie);
  g_assert_nonnull (strstr (set_cookie, "SameSite=Strict"));
  g_assert_nonnull (strstr (set_cookie, "HttpOnly"));
  fs->cookie = g_strndup (set_cookie, strchr (set_cookie, ';') - set_cookie);
  start = strstr (html, marker);
  g_assert_nonnull (start);
  start += strlen (marker);
  fs->token = g_strndup (start, strchr (start, '"') - start);
  g_assert_null (strstr (html, "<script"));
  g_assert_nonnull (strstr (html, "lang=\"fr\""));
}

static void
form_session_clear (FormSession *fs)
{
  g_free (fs->cookie);
  g_free (fs->token);
}

static Reply *
post_form (Fixture    *f,
           const char *path,
           const char *cookie,
           GHashTable *fields)
{
  g_autofree char *body = soup_form_encode_hash (fields);
  SoupMessage *msg = new_message (f, "POST", path, NULL, "application/x-www-form-urlencoded",
                                  body, -1);

  if (cookie != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", cookie);
  return send_msg (f, msg);
}

static GHashTable *
fields_new (const char *first,
            ...)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (table, (char *) name, va_arg (args, char *));
  va_end (args);
  return table;
}

#define IDEAS "/p/" DEMO "/contribute/ideas"
#define HOSTILE_TITLE "<script>alert('x')</script> & \"quotes\""
#define HOSTILE_BODY "<img src=x onerror=alert(1)> <b>Pango</b> <span foreground='red'>x</span>"

static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_site_db_get_handle (f->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Forms sent at once are stored together, each answered only once stored; one that cannot be
 * stored is answered 503 with its form as sent, and the others are stored all the same. */
static void
test_form_batch (Fixture       *f,
                 gconstpointer  data)
{
  const char *count_sql = "SELECT count(*) FROM objects WHERE type = 'contribution'";
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 16,
                                                                   NULL);
  g_autoptr(GError) error = NULL;
  FormSession fs = { 0 };
  Reply replies[16] = { { 0 } };
  gint64 before;
  guint n_stored = 0, n_refused = 0;

  form_session_get (f, IDEAS, &fs);
  g_clear_object (&f->session);
  f->session = g_object_ref (session);
  /* A contribution whose body says "boom" cannot be written. */
  g_assert_true (dlg_site_db_exec (f->db, "CREATE TEMP TRIGGER boom BEFORE INSERT ON objects"
                                          " WHEN NEW.data LIKE '%boom%'"
                                          " BEGIN SELECT RAISE (ABORT, 'boom'); END", &error));
  g_assert_no_error (error);
  before = count_rows (f, count_sql);
  for (guint round = 0; round < 2; round++)
    {
      /* All well, then one of them refused by the database. */
      if (round == 1)
        g_test_expect_message ("dlg-site", G_LOG_LEVEL_WARNING,
                               "Cannot store a submission: *boom*");
      for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
        {
          g_autofree char *title = g_strdup_printf ("Banc %u.%u", round, i);
          g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", title,
                                                     "body", round == 1 && i == 5
                                                     ? "Un boom." : "Un banc.", NULL);
          g_autofree char *body = soup_form_encode_hash (fields);
          SoupMessage *msg = new_message (f, "POST", IDEAS, NULL,
                                          "application/x-www-form-urlencoded", body, -1);

          soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie",
                                        fs.cookie);
          send_async (f, msg, &replies[i]);
          g_object_unref (msg);
        }
      for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
        {
          wait_reply (&replies[i]);
          g_assert_no_error (replies[i].error);
          if (round == 1 && i == 5)
            {
              g_autofree char *html = reply_text (&replies[i]);

              g_assert_cmpuint (replies[i].status, ==, 503);
              g_assert_nonnull (strstr (html, "Un problème technique"));
              g_assert_nonnull (strstr (html, "Banc 1.5"));       /* the input is kept */
              g_assert_nonnull (strstr (html, "lang=\"fr\""));
              n_refused++;
            }
          else
            {
              g_assert_cmpuint (replies[i].status, ==, 303);
              n_stored++;
            }
          g_clear_pointer (&replies[i].body, g_bytes_unref);
          g_clear_pointer (&replies[i].headers, soup_message_headers_unref);
          memset (&replies[i], 0, sizeof replies[i]);
        }
      g_test_assert_expected_messages ();
      g_assert_cmpint (count_rows (f, count_sql) - before, ==, n_stored);
    }
  g_assert_cmpuint (n_refused, ==, 1);
  g_assert_true (dlg_site_db_exec (f->db, "DROP TRIGGER temp.boom", NULL));
  form_session_clear (&fs);
}

static void
test_form_csrf (Fixture       *f,
                gconstpointer  data)
{
  FormSession fs = { 0 };

  form_session_get (f, IDEAS, &fs);
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Des bancs",
                                               "body", "Plus de bancs.", NULL);
    g_autoptr(Reply) none = post_form (f, IDEAS, NULL, fields);
    g_autoptr(Reply) other_cookie = post_form (f, IDEAS, "dlg_csrf=00000000000000000000000000"
                                               "00000000000000000000000000000000000000", fields);
    g_autoptr(Reply) other_form = post_form (f, "/p/" DEMO "/contribute/map", fs.cookie,
                                             fields);
    g_autofree char *html = reply_text (none);
    g_assert_cmpuint (none->status, ==, 403);
    g_assert_nonnull (strstr (html, "Le formulaire a expiré"));
    g_assert_nonnull (strstr (html, "Des bancs"));          /* the input is kept */
    g_assert_cmpuint (other_cookie->status, ==, 403);
    g_assert_cmpuint (other_form->status, ==, 403);
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("title", "Des bancs", "body", "Plus de bancs.",
                                               NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_assert_cmpuint (reply->status, ==, 403);
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Des bancs",
                                               "body", "Plus de bancs place Zola.",
                                               "author_ref", "Léa", NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_autoptr(Reply) page = NULL;
    g_autofree char *html = NULL;
    g_assert_cmpuint (reply->status, ==, 303);
    g_assert_nonnull (soup_message_headers_get_one (reply->headers, "Location"));
    page = request (f, "GET", "/p/" DEMO "/contributions", NULL, NULL);
    html = reply_text (page);
    g_assert_nonnull (strstr (html, "Plus de bancs place Zola."));
  }
  {
    /* Validation: too long a title, missing body; French errors; input kept. */
    g_autofree char *long_title = g_strnfill (201, 'a');
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", long_title,
                                               "body", "", NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_nonnull (strstr (html, "au plus 200 caractères"));
    g_assert_nonnull (strstr (html, "est obligatoire"));
    g_assert_nonnull (strstr (html, long_title));
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "\xc3\x28",
                                               "body", "ok", NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_true (g_utf8_validate (html, -1, NULL));
  }
  form_session_clear (&fs);
}

/* The CSRF cookie is the site's own (one a client made up is replaced, never used), and a
 * form's token dies with its lifetime: a page left open overnight asks to be sent again. */
static void
test_form_csrf_lifetime (Fixture       *f,
                         gconstpointer  data)
{
  FormSession fs = { 0 };
  const char *made_up = "dlg_csrf=0123456789abcdef0123456789abcdef.1700000000.00";

  {
    SoupMessage *msg = new_message (f, "GET", IDEAS, NULL, NULL, NULL, -1);
    g_autoptr(Reply) reply = NULL;
    const char *set;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", made_up);
    reply = send_msg (f, msg);
    set = soup_message_headers_get_one (reply->headers, "Set-Cookie");
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (set);
    g_assert_null (strstr (set, "0123456789abcdef0123456789abcdef"));
    g_assert_nonnull (strstr (set, "Max-Age="));
  }

  form_session_get (f, IDEAS, &fs);
  {
    /* Good now… */
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Des bancs",
                                               "body", "", NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_assert_cmpuint (reply->status, ==, 422);
  }
  {
    /* …not four hours later. */
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Des bancs",
                                               "body", "Plus de bancs.", NULL);
    g_autoptr(Reply) reply = NULL;
    g_autofree char *html = NULL;

    dlg_site_server_set_clock_offset (f->server, 4 * 3600);
    reply = post_form (f, IDEAS, fs.cookie, fields);
    html = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 403);
    g_assert_nonnull (strstr (html, "Le formulaire a expiré"));
    g_assert_nonnull (strstr (html, "Plus de bancs."));
  }
  {
    /* The cookie itself expires too: a day later the site hands out a new one. */
    SoupMessage *msg = new_message (f, "GET", IDEAS, NULL, NULL, NULL, -1);
    g_autoptr(Reply) reply = NULL;
    const char *set;

    dlg_site_server_set_clock_offset (f->server, 24 * 3600);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", fs.cookie);
    reply = send_msg (f, msg);
    set = soup_message_headers_get_one (reply->headers, "Set-Cookie");
    g_assert_nonnull (set);
    g_assert_false (g_str_has_prefix (set, fs.cookie));
  }
  dlg_site_server_set_clock_offset (f->server, 0);
  form_session_clear (&fs);
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  FormSession fs = { 0 };

  form_session_get (f, IDEAS, &fs);
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", HOSTILE_TITLE,
                                               "body", HOSTILE_BODY, "author_ref",
                                               "\"><svg onload=alert(1)>", NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_assert_cmpuint (reply->status, ==, 303);
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", HOSTILE_TITLE,
                                               "body", "", NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_null (strstr (html, "<script>alert"));
    g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                    "&quot;quotes&quot;"));
  }
  {
    /* An officer's text pushed through the API is escaped too. */
    g_autoptr(Reply) reply = put_with (f, "/api/sync/v1/processes/0b0c0d0e-0000-4000-8000-"
                                       "000000000003", "If-None-Match", "*",
                                       "{\"title\": \"<script>alert(2)</script>\", \"question\":"
                                       " \"<i>Pango</i> & <a href='javascript:x'>\"}");
    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autoptr(Reply) list = request (f, "GET", "/p/" DEMO "/contributions", NULL, NULL);
    g_autoptr(Reply) index = request (f, "GET", "/", NULL, NULL);
    g_autoptr(Reply) process = request (f, "GET", "/p/0b0c0d0e-0000-4000-8000-000000000003",
                                        NULL, NULL);
    g_autofree char *a = reply_text (list);
    g_autofree char *b = reply_text (index);
    g_autofree char *c = reply_text (process);
    for (guint i = 0; i < 3; i++)
      {
        const char *html = i == 0 ? a : i == 1 ? b : c;
        g_assert_null (strstr (html, "<script"));
        g_assert_null (strstr (html, "<img"));
        g_assert_null (strstr (html, "<svg"));
        g_assert_null (strstr (html, "<b>Pango"));
        g_assert_null (strstr (html, "<i>Pango"));
        g_assert_null (strstr (html, "href='javascript"));
      }
    g_assert_nonnull (strstr (a, "&lt;img src=x onerror=alert(1)&gt;"));
    g_assert_nonnull (strstr (a, "&lt;span foreground=&#39;red&#39;&gt;"));
    g_assert_nonnull (strstr (a, "&quot;&gt;&lt;svg onload=alert(1)&gt;"));
    g_assert_nonnull (strstr (b, "&lt;script&gt;alert(2)&lt;/script&gt;"));
    g_assert_nonnull (strstr (c, "&lt;i&gt;Pango&lt;/i&gt; &amp; &lt;a href=&#39;"));
  }
  form_session_clear (&fs);
}

static void
test_registration_erasure (Fixture       *f,
                           gconstpointer  data)
{
  FormSession fs = { 0 };
  const char *path = "/p/" DEMO "/register";
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  form_session_get (f, path, &fs);
  {
    /* Consent is mandatory. */
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "age_band", "30-44",
                                               "gender", "woman", "commune", "Nantes",
                                               "occupation", "employee", "prior_participation",
                                               "no", "full_name", "Awa Diallo", "email",
                                               "awa@example.fr", NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_nonnull (strstr (html, "Votre accord est nécessaire"));
    g_assert_nonnull (strstr (html, "awa@example.fr"));
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "age_band", "30-44",
                                               "gender", "woman", "commune", "Nantes",
                                               "quartier", "Doulon", "occupation", "employee",
                                               "prior_participation", "no", "full_name",
                                               "Awa Diallo", "email", "awa@example.fr",
                                               "consent", "yes", NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);
    g_assert_cmpuint (reply->status, ==, 303);
  }
  /* The full token sees the contact; the read-only one does not. */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes?limit=500",
                                        pass == 0 ? f->token : f->read_token, NULL);
      g_autoptr(JsonObject) page = reply_json (reply);
      JsonArray *items = json_object_get_array_member (page, "items");
      gboolean found = FALSE;
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          JsonObject *d = json_object_get_object_member (item, "data");
          if (g_strcmp0 (json_object_get_string_member (item, "type"), "registration") != 0)
            continue;
          found = TRUE;
          g_assert_true (json_object_get_boolean_member (d, "consent"));
          g_assert_cmpstr (json_object_get_string_member (d, "age_band"), ==, "30-44");
          if (pass == 0)
            {
              JsonObject *contact = json_object_get_object_member (d, "contact");
              g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==,
                               "awa@example.fr");
              id = g_strdup (json_object_get_string_member (item, "id"));
            }
          else
            g_assert_false (json_object_has_member (d, "contact"));
        }
      g_assert_true (found);
    }

  g_assert_true (dlg_site_db_erase (f->db, id, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes?limit=500", f->token,
                                      NULL);
    g_autoptr(JsonObject) page = reply_json (reply);
    g_autofree char *text = reply_text (reply);
    JsonArray *items = json_object_get_array_member (page, "items");
    gboolean found = FALSE;
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);
        if (g_strcmp0 (json_object_get_string_member (item, "id"), id) != 0)
          continue;
        found = TRUE;
        g_assert_true (json_object_get_boolean_member (item, "deleted"));
        g_assert_true (json_object_get_boolean_member (
          json_object_get_object_member (item, "data"), "erasure"));
      }
    g_assert_true (found);
    g_assert_null (strstr (text, "awa@example.fr"));
    g_assert_null (strstr (text, "Awa Diallo"));
  }
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (dlg_site_db_get_handle (f->db),
                        "SELECT count(*) FROM registration_contacts", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  form_session_clear (&fs);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  static const struct { const char *path; guint status; const char *needle; } pages[] = {
    { "/", 200, "Doulon" },
    { "/p/" DEMO, 200, "Règles du jeu" },
    { "/p/" DEMO "/contributions", 200, "En attente de modération" },
    { "/p/" DEMO "/contribute/map", 200, "Latitude" },
    { "/p/" DEMO "/contribute/questionnaire", 200, "vous gêne le plus" },
    { "/p/" DEMO "/contribute/debate", 200, "Contre" },
    { "/p/" DEMO "/contribute/call_for_projects", 200, "Présentation du projet" },
    { "/p/" DEMO "/contribute/event", 404, "introuvable" },
    { "/p/" DEMO "/contribute/recruitment", 404, "introuvable" },
    { "/p/" DEMO "/register", 200, "Nom et prénom" },
    { "/p/" DEMO "/narratives/7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1b01", 200,
      "<strong>marché du samedi</strong>" },
    { "/p/7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a02/response", 200, "Non retenue" },
    { "/p/7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a02/follow-up", 200, "Points d’étape" },
    { "/p/" DEMO "/response", 404, "pas encore publiée" },
    { "/p/00000000-0000-4000-8000-000000000000", 404, "introuvable" },
    { "/static/site.css", 200, ":focus-visible" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(Reply) reply = request (f, "GET", pages[i].path, NULL, NULL);
      g_autofree char *text = reply_text (reply);
      g_test_message ("%s", pages[i].path);
      g_assert_cmpuint (reply->status, ==, pages[i].status);
      assert_security_headers (reply);
      g_assert_nonnull (strstr (text, pages[i].needle));
      g_assert_null (strstr (text, "<script"));
    }
  {
    /* The trashed demo contribution stays hidden. */
    g_autoptr(Reply) reply = request (f, "GET", "/p/" DEMO "/contributions", NULL, NULL);
    g_autofree char *text = reply_text (reply);
    g_assert_null (strstr (text, "Message hors sujet"));
  }
}

/* The registration form is built from the vocabulary the process carries: its categories and
 * values, by label, and nothing else is accepted. */
static void
test_registration_vocabulary (Fixture       *f,
                              gconstpointer  data)
{
  const char *path = "/p/0b0c0d0e-0000-4000-8000-000000000005/register";
  FormSession fs = { 0 };

  {
    g_autoptr(Reply) reply = put_with (
      f, "/api/sync/v1/processes/0b0c0d0e-0000-4000-8000-000000000005", "If-None-Match", "*",
      "{\"title\": \"Vocabulaire\", \"features\": [{\"feature\": \"recruitment\", \"enabled\":"
      " true}], \"profile\": ["
      "{\"category\": \"gender\", \"label\": \"Genre\", \"required\": true, \"values\": ["
      " {\"value\": \"woman\", \"label\": \"Femme\"}, {\"value\": \"man\", \"label\": \"Homme\"}]},"
      "{\"category\": \"quartier\", \"label\": \"Quartier\", \"required\": false, \"values\": ["
      " {\"value\": \"malakoff\", \"label\": \"Malakoff <Saint-Donatien>\"}]},"
      "{\"category\": \"commune\", \"label\": \"Commune\", \"values\": []},"
      "{\"category\": \"prior_participation\", \"label\": \"Déjà participé\", \"values\": ["
      " {\"value\": \"yes\", \"label\": \"Oui\"}, {\"value\": \"no\", \"label\": \"Non\"}]}]}");
    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    /* An unknown category is refused. */
    g_autoptr(Reply) reply = put_with (
      f, "/api/sync/v1/processes/0b0c0d0e-0000-4000-8000-000000000006", "If-None-Match", "*",
      "{\"title\": \"X\", \"profile\": [{\"category\": \"income\", \"label\": \"Revenu\","
      " \"values\": []}]}");
    g_assert_cmpuint (reply->status, ==, 422);
  }
  form_session_get (f, path, &fs);
  {
    g_autoptr(Reply) reply = request (f, "GET", path, NULL, NULL);
    g_autofree char *html = reply_text (reply);

    g_assert_nonnull (strstr (html, "<option value=\"malakoff\">Malakoff &lt;Saint-Donatien&gt;"
                                    "</option>"));
    g_assert_nonnull (strstr (html, "<option value=\"woman\">Femme</option>"));
    /* no question for a category with no values, nor for one the process does not carry */
    g_assert_null (strstr (html, "name=\"commune\""));
    g_assert_null (strstr (html, "name=\"age_band\""));
    g_assert_null (strstr (html, "value=\"other\""));
  }
  {
    /* a value that is not one of the process's is refused */
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "gender", "femme",
                                               "prior_participation", "no", "full_name",
                                               "Awa Diallo", "email", "awa@example.fr",
                                               "consent", "yes", NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);

    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_nonnull (strstr (html, "Choisissez une réponse proposée"));
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "gender", "woman",
                                               "quartier", "malakoff", "prior_participation",
                                               "yes", "full_name", "Awa Diallo", "email",
                                               "awa@example.fr", "consent", "yes", NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);

    g_assert_cmpuint (reply->status, ==, 303);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes?limit=500", f->token,
                                      NULL);
    g_autoptr(JsonObject) page = reply_json (reply);
    JsonArray *items = json_object_get_array_member (page, "items");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);
        JsonObject *d = json_object_get_object_member (item, "data");

        if (g_strcmp0 (json_object_get_string_member (item, "type"), "registration") != 0
            || g_strcmp0 (json_object_get_string_member (d, "quartier"), "malakoff") != 0)
          continue;
        found = TRUE;
        g_assert_cmpstr (json_object_get_string_member (d, "gender"), ==, "woman");
        g_assert_cmpstr (json_object_get_string_member (d, "commune"), ==, "");
        g_assert_true (json_object_get_boolean_member (d, "prior_participation"));
      }
    g_assert_true (found);
  }
  form_session_clear (&fs);
}

/* The reason a stage was reopened is shown on the process page, escaped. */
static void
test_reopened_stage (Fixture       *f,
                     gconstpointer  data)
{
  {
    g_autoptr(Reply) reply = put_with (f, "/api/sync/v1/processes/0b0c0d0e-0000-4000-8000-"
                                       "000000000004", "If-None-Match", "*",
                                       "{\"title\": \"Rouverte\", \"stages\": ["
                                       "{\"stage\": \"diagnostic\", \"state\": \"done\"},"
                                       "{\"stage\": \"arbitration\", \"state\": \"skipped\","
                                       " \"reason\": \"Pas d’arbitrage\"},"
                                       "{\"stage\": \"specification\", \"state\": "
                                       "\"in_progress\", \"reason\": \"Publics <oubliés>\"}]}");
    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/p/0b0c0d0e-0000-4000-8000-000000000004",
                                      NULL, NULL);
    g_autofree char *html = reply_text (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (strstr (html, "Étape rouverte\u00a0: Publics &lt;oubliés&gt;"));
    g_assert_nonnull (strstr (html, "Pas d’arbitrage"));
    g_assert_null (strstr (html, "Étape rouverte\u00a0: Pas d’arbitrage"));
  }
}

static guint
count_registrations (Fixture    *f,
                     const char *process_id)
{
  g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes?limit=500", f->token, NULL);
  g_autoptr(JsonObject) page = reply_json (reply);
  JsonArray *items = json_object_get_array_member (page, "items");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *d = json_object_get_object_member (item, "data");

      if (g_strcmp0 (json_object_get_string_member (item, "type"), "registration") == 0 &&
          d != NULL && g_strcmp0 (json_object_get_string_member (d, "process_id"),
                                  process_id) == 0)
        n++;
    }
  return n;
}

#define CLOSING "0b0c0d0e-0000-4000-8000-000000000005"
#define CLOSING_PATH "/api/sync/v1/processes/" CLOSING
#define CLOSING_BODY(recruitment, archived) \
  "{\"title\": \"Recrutement en cours\", \"archived\": " archived ", \"features\": [" \
  "{\"feature\": \"recruitment\", \"enabled\": true, \"rules\": \"Tirage au sort.\"}," \
  "{\"feature\": \"ideas\", \"enabled\": true, \"rules\": \"Lues par l’atelier.\"}]," \
  " \"stages\": [{\"stage\": \"recruitment\", \"state\": \"" recruitment "\"}]}"

static Reply *
post_registration (Fixture     *f,
                   FormSession *fs)
{
  g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs->token, "age_band", "30-44",
                                             "gender", "woman", "commune", "Nantes",
                                             "occupation", "employee", "prior_participation",
                                             "no", "full_name", "Awa Diallo", "email",
                                             "awa@example.fr", "consent", "yes", NULL);

  return post_form (f, "/p/" CLOSING "/register", fs->cookie, fields);
}

/* The registration form closes with the recruitment stage the app pushed: the page says so,
 * a form sent anyway is refused with that message and nothing is stored. An archived process
 * takes nothing at all. */
static void
test_registration_closed (Fixture       *f,
                          gconstpointer  data)
{
  FormSession fs = { 0 };
  g_autofree char *etag = NULL;

  {
    g_autoptr(Reply) reply = put_with (f, CLOSING_PATH, "If-None-Match", "*",
                                       CLOSING_BODY ("in_progress", "false"));
    g_assert_cmpuint (reply->status, ==, 201);
    etag = g_strdup (soup_message_headers_get_one (reply->headers, "ETag"));
  }
  form_session_get (f, "/p/" CLOSING "/register", &fs);
  {
    g_autoptr(Reply) reply = post_registration (f, &fs);
    g_assert_cmpuint (reply->status, ==, 303);
  }
  g_assert_cmpuint (count_registrations (f, CLOSING), ==, 1);

  /* The app closes the recruitment and pushes the process page again. */
  {
    g_autoptr(Reply) reply = put_with (f, CLOSING_PATH, "If-Match", etag,
                                       CLOSING_BODY ("done", "false"));
    g_assert_cmpuint (reply->status, ==, 200);
    g_free (etag);
    etag = g_strdup (soup_message_headers_get_one (reply->headers, "ETag"));
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/p/" CLOSING, NULL, NULL);
    g_autofree char *html = reply_text (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (strstr (html, "Le recrutement du panel citoyen est terminé\u00a0: les "
                                    "inscriptions sont closes."));
    g_assert_null (strstr (html, "/p/" CLOSING "/register"));
    /* The other forms stay open. */
    g_assert_nonnull (strstr (html, "/p/" CLOSING "/contribute/ideas"));
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/p/" CLOSING "/register", NULL, NULL);
    g_autofree char *html = reply_text (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (strstr (html, "Inscriptions closes"));
    g_assert_nonnull (strstr (html, "les inscriptions sont closes"));
    g_assert_null (strstr (html, "csrf_token"));
  }
  {
    g_autoptr(Reply) reply = post_registration (f, &fs);
    g_autofree char *html = reply_text (reply);

    g_assert_cmpuint (reply->status, ==, 403);
    g_assert_nonnull (strstr (html, "les inscriptions sont closes"));
  }
  g_assert_cmpuint (count_registrations (f, CLOSING), ==, 1);

  /* Reopened in the app: the form is back. Archived: every form closes. */
  {
    g_autoptr(Reply) reply = put_with (f, CLOSING_PATH, "If-Match", etag,
                                       CLOSING_BODY ("in_progress", "true"));
    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/p/" CLOSING "/contribute/ideas", NULL, NULL);
    g_autofree char *html = reply_text (reply);

    g_assert_nonnull (strstr (html, "Cette démarche est archivée"));
    g_assert_null (strstr (html, "csrf_token"));
  }
  {
    g_autoptr(Reply) reply = post_registration (f, &fs);

    g_assert_cmpuint (reply->status, ==, 403);
  }
  g_assert_cmpuint (count_registrations (f, CLOSING), ==, 1);
  form_session_clear (&fs);
}

/* ---- Issue 13: the public site for citizens ------------------------------------------- */

#define DEMO_TITLE "Atelier citoyen\u00a0: l’espace public du quartier Doulon – Bottière"
#define SITE_NAME "Participer à Nantes"

static Reply *
request_lang (Fixture    *f,
              const char *path,
              const char *accept_language)
{
  SoupMessage *msg = new_message (f, "GET", path, NULL, NULL, NULL, 0);

  if (accept_language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language",
                                  accept_language);
  return send_msg (f, msg);
}

static char *
get_html (Fixture    *f,
          const char *path,
          guint       status)
{
  g_autoptr(Reply) reply = request (f, "GET", path, NULL, NULL);

  g_test_message ("GET %s", path);
  g_assert_cmpuint (reply->status, ==, status);
  return reply_text (reply);
}

/* The text of <title>, unescaped of nothing: as the page has it. */
static char *
page_title (const char *html)
{
  const char *start = strstr (html, "<title>");
  const char *end = start != NULL ? strstr (start, "</title>") : NULL;

  g_assert_nonnull (end);
  return g_strndup (start + 7, end - start - 7);
}

/* The start tag of the element that has @attr (e.g. name="commune"). */
static char *
tag_with (const char *html,
          const char *attr)
{
  const char *at = strstr (html, attr);
  const char *start, *end;

  g_assert_nonnull (at);
  for (start = at; start > html && *start != '<'; start--)
    ;
  end = strchr (at, '>');
  g_assert_nonnull (end);
  return g_strndup (start, end - start + 1);
}

/* The path of the page's link rel=@rel (its query against @path, &amp; read as &), or NULL. */
static char *
page_link (const char *html,
           const char *path,
           const char *rel)
{
  g_autofree char *attr = g_strdup_printf ("\" rel=\"%s\"", rel);
  const char *at = strstr (html, attr);
  const char *href;
  g_autofree char *query = NULL;

  if (at == NULL)
    return NULL;
  for (href = at; href > html && !g_str_has_prefix (href, "href=\""); href--)
    ;
  g_assert_true (g_str_has_prefix (href, "href=\"?"));
  query = g_strndup (href + 6, at - href - 6);
  /* Escaped for HTML: no markup, and every & written &amp; */
  g_assert_null (strpbrk (query, "<>\"' "));
  {
    g_auto(GStrv) parts = g_strsplit (query, "&amp;", -1);
    g_autofree char *joined = NULL;

    for (guint i = 0; parts[i] != NULL; i++)
      g_assert_null (strchr (parts[i], '&'));
    joined = g_strjoinv ("&", parts);
    return g_strconcat (path, joined, NULL);
  }
}

/* The ids of the cards of a contributions page, in order. */
static GPtrArray *
card_ids (const char *html)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (const char *at = strstr (html, "<li class=\"card\" id=\"c-"); at != NULL;
       at = strstr (at + 1, "<li class=\"card\" id=\"c-"))
    {
      const char *start = at + strlen ("<li class=\"card\" id=\"c-");
      g_ptr_array_add (ids, g_strndup (start, strchr (start, '"') - start));
    }
  return ids;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_autocomplete (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *path; const char *name; const char *token; } fields[] = {
    { IDEAS, "name=\"author_ref\"", "autocomplete=\"nickname\"" },
    { "/p/" DEMO "/contribute/debate", "name=\"author_ref\"", "autocomplete=\"nickname\"" },
    { "/p/" DEMO "/contribute/map", "name=\"author_ref\"", "autocomplete=\"nickname\"" },
    { "/p/" DEMO "/register", "name=\"commune\"", "autocomplete=\"address-level2\"" },
    { "/p/" DEMO "/register", "name=\"gender\"", "autocomplete=\"sex\"" },
    { "/p/" DEMO "/register", "name=\"full_name\"", "autocomplete=\"name\"" },
    { "/p/" DEMO "/register", "name=\"email\"", "autocomplete=\"email\"" },
    { "/p/" DEMO "/register", "name=\"phone\"", "autocomplete=\"tel\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *html = get_html (f, fields[i].path, 200);
      g_autofree char *tag = tag_with (html, fields[i].name);

      g_test_message ("%s", tag);
      g_assert_nonnull (strstr (tag, fields[i].token));
    }
  {
    /* The map's place is not the citizen's own address. */
    g_autofree char *html = get_html (f, "/p/" DEMO "/contribute/map", 200);
    g_autofree char *tag = tag_with (html, "name=\"place\"");
    g_assert_null (strstr (tag, "autocomplete"));
  }
}

static void
test_titles (Fixture       *f,
             gconstpointer  data)
{
  FormSession fs = { 0 };

  {
    g_autofree char *html = get_html (f, IDEAS, 200);
    g_autofree char *title = page_title (html);
    g_assert_cmpstr (title, ==, "Proposer une idée — " DEMO_TITLE " — " SITE_NAME);
  }
  {
    g_autofree char *html = get_html (f, "/p/" DEMO, 200);
    g_autofree char *title = page_title (html);
    g_assert_cmpstr (title, ==, DEMO_TITLE " — " SITE_NAME);
  }
  form_session_get (f, IDEAS, &fs);
  {
    /* Which form failed, and how. */
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "", "body", "",
                                               NULL);
    g_autoptr(Reply) reply = post_form (f, IDEAS, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_autofree char *title = page_title (html);
    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_cmpstr (title, ==, "Erreur\u00a0: Le formulaire contient 2 erreurs — Proposer une "
                                "idée — " DEMO_TITLE " — " SITE_NAME);
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "position", "for",
                                               "title", "", "body", "Parce que.", NULL);
    g_autoptr(Reply) reply = post_form (f, "/p/" DEMO "/contribute/debate", fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_autofree char *title = page_title (html);
    /* The token is for the ideas form: refused, with the debate's name in the title. */
    g_assert_cmpuint (reply->status, ==, 403);
    g_assert_cmpstr (title, ==, "Erreur\u00a0: Le formulaire contient 1 erreur — Donner un "
                                "argument — " DEMO_TITLE " — " SITE_NAME);
  }
  form_session_clear (&fs);
  insert_contributions (f, 120, NULL);
  {
    g_autofree char *first = get_html (f, "/p/" DEMO "/contributions?feature=ideas", 200);
    g_autofree char *next = page_link (first, "/p/" DEMO "/contributions", "next");
    g_autofree char *html = get_html (f, next, 200);
    g_autofree char *title = page_title (html);
    g_assert_cmpstr (title, ==, "Contributions — Boîte à idées — page 2 sur 3 — "
                                DEMO_TITLE " — " SITE_NAME);
  }
  {
    g_autofree char *html = get_html (f, "/p/" DEMO "/contributions", 200);
    g_autofree char *title = page_title (html);
    g_assert_true (g_str_has_prefix (title, "Contributions — page 1 sur "));
    g_assert_true (g_str_has_suffix (title, " — " DEMO_TITLE " — " SITE_NAME));
  }
  {
    g_autofree char *html = get_html (f, "/p/" DEMO "/contributions?feature=map", 200);
    g_autofree char *title = page_title (html);
    g_assert_cmpstr (title, ==, "Contributions — Carte collaborative — " DEMO_TITLE " — "
                                SITE_NAME);
  }
}

/* @n published ideas of the demo process created on @day (2026-11-DD, ties on purpose),
 * their ids added to @ids. */
static void
insert_dated (Fixture   *f,
              guint      n,
              guint      day,
              GPtrArray *ids)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlg_site_db_begin (f->db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *data = g_strdup_printf (
        "{\"process_id\": \"" DEMO "\", \"feature\": \"ideas\", \"kind\": \"idea\","
        " \"parent_id\": null, \"author_ref\": \"p%u\", \"title\": \"Idée %u\", \"body\": \"x\","
        " \"lat\": null, \"lon\": null, \"answers\": null, \"created_at\": "
        "\"2026-11-%02uT10:00:00Z\", \"moderation\": \"published\", \"moderation_reason\": null,"
        " \"supports\": 0}", i, i, day + i % 3);
      g_assert_true (dlg_site_db_put_object (f->db, "contribution", id, DEMO, data, NULL,
                                             &error));
      if (ids != NULL)
        g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  g_assert_true (dlg_site_db_commit (f->db, &error));
}

static gboolean
same_ids (GPtrArray *a,
          GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* The contributions page goes by keyset: "Older" from the first page shows every contribution
 * once; a page already reached keeps its cards when contributions come in meanwhile, and "More
 * recent" goes back to the same cards; a key that is not one gives the first page. */
static void
test_contributions_keyset (Fixture       *f,
                           gconstpointer  data)
{
  const char *path = "/p/" DEMO "/contributions";
  g_autoptr(GHashTable) unique = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) first_ids = NULL, page2_ids = NULL, page3_ids = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *page2 = NULL, *page3 = NULL, *link = NULL;
  guint total = 0, n_pages = 0, n_seen = 0;

  insert_dated (f, 130, 1, NULL);
  link = g_strdup (path);
  while (link != NULL)
    {
      g_autofree char *html = get_html (f, link, 200);
      g_autoptr(GPtrArray) ids = card_ids (html);
      g_autofree char *title = page_title (html);
      g_autofree char *expected = NULL;
      const char *counted = strstr (html, "</ul></nav>\n<p class=\"meta\">");

      n_pages++;
      g_assert_nonnull (counted);
      if (n_pages == 1)
        total = (guint) g_ascii_strtoull (counted + strlen ("</ul></nav>\n<p class=\"meta\">"),
                                          NULL, 10);
      expected = g_strdup_printf ("Contributions — page %u sur %u — ", n_pages,
                                  (total + 49) / 50);
      g_assert_true (g_str_has_prefix (title, expected));
      g_assert_cmpuint (ids->len, <=, 50);
      g_assert_cmpuint (ids->len, >, 0);
      /* Accessible: a named navigation, the links say where they go. */
      g_assert_nonnull (strstr (html, "<nav aria-label=\"Pages de contributions\">"));
      g_assert_true ((n_pages == 1) == (strstr (html, "rel=\"prev\"") == NULL));
      for (guint i = 0; i < ids->len; i++)
        {
          g_assert_false (g_hash_table_contains (unique, ids->pdata[i]));
          g_hash_table_add (unique, g_strdup (ids->pdata[i]));
          n_seen++;
        }
      if (n_pages == 1)
        first_ids = g_ptr_array_ref (ids);
      else if (n_pages == 2)
        {
          page2 = g_strdup (link);
          page2_ids = g_ptr_array_ref (ids);
        }
      else if (n_pages == 3)
        {
          page3 = g_strdup (link);
          page3_ids = g_ptr_array_ref (ids);
        }
      g_free (link);
      link = page_link (html, path, "next");
      g_assert_cmpuint (n_pages, <, 100);
    }
  g_assert_cmpuint (total, >=, 130);
  g_assert_cmpuint (n_seen, ==, total);
  g_assert_cmpuint (n_pages, ==, (total + 49) / 50);
  g_assert_nonnull (page3);

  /* Seven more, the most recent: page 3 keeps its cards, and back from it is page 2. */
  insert_dated (f, 7, 20, fresh);
  {
    g_autofree char *html = get_html (f, page3, 200);
    g_autoptr(GPtrArray) ids = card_ids (html);
    g_autofree char *prev = page_link (html, path, "prev");
    g_autofree char *html2 = NULL, *prev2 = NULL, *html1 = NULL;
    g_autoptr(GPtrArray) ids2 = NULL, ids1 = NULL;

    g_assert_true (same_ids (ids, page3_ids));
    g_assert_nonnull (prev);
    html2 = get_html (f, prev, 200);
    ids2 = card_ids (html2);
    g_assert_true (same_ids (ids2, page2_ids));
    g_assert_nonnull (strstr (page_title (html2), "page 2 sur"));
    /* From page 2, "More recent" is the first page, with what came since. */
    prev2 = page_link (html2, path, "prev");
    g_assert_cmpstr (prev2, ==, "/p/" DEMO "/contributions?");
    html1 = get_html (f, prev2, 200);
    ids1 = card_ids (html1);
    g_assert_cmpuint (ids1->len, ==, 50);
    for (guint i = 0; i < fresh->len; i++)
      g_assert_true (g_ptr_array_find_with_equal_func (ids1, fresh->pdata[i], g_str_equal,
                                                       NULL));
  }
  /* Not a key: the first page; a key of any text is only a bound, never written back. */
  {
    g_autofree char *html = get_html (f, "/p/" DEMO "/contributions?older=abc&page=7", 200);
    g_autofree char *title = page_title (html);

    g_assert_true (g_str_has_prefix (title, "Contributions — page 1 sur "));
    g_assert_null (strstr (html, "rel=\"prev\""));
  }
  {
    g_autofree char *html = get_html (f, "/p/" DEMO "/contributions?older=9%3A%3Cscript%3E"
                                         "&feature=%22%3E%3Cb%3E", 200);

    g_assert_null (strstr (html, "<script>"));
    g_assert_null (strstr (html, "<b>"));
  }
  {
    /* Older than everything: an empty page that says so, with the way back. */
    g_autofree char *html = get_html (f, "/p/" DEMO "/contributions?older=1%3A0000", 200);
    g_autoptr(GPtrArray) ids = card_ids (html);
    g_autofree char *prev = page_link (html, path, "prev");

    g_assert_cmpuint (ids->len, ==, 0);
    g_assert_nonnull (strstr (html, "Pas de contributions plus anciennes."));
    g_assert_cmpstr (prev, ==, "/p/" DEMO "/contributions?");
  }
}

/* A card written once is kept by version: a contribution changed, highlighted, or read in
 * another language shows as it is now. */
/* The card <li> of contribution @id in a contributions page, or NULL. */
static char *
card_of (const char *html,
         const char *id)
{
  g_autofree char *marker = g_strdup_printf ("<li class=\"card\" id=\"c-%s\"", id);
  const char *at = strstr (html, marker);

  if (at == NULL)
    return NULL;
  return g_strndup (at, strstr (at, "</li>") - at);
}

static void
test_contributions_cards_fresh (Fixture       *f,
                                gconstpointer  data)
{
  const char *path = "/p/" DEMO "/contributions";
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  insert_dated (f, 1, 28, ids);
  {
    g_autofree char *html = get_html (f, path, 200);
    g_autofree char *card = card_of (html, ids->pdata[0]);

    g_assert_nonnull (card);
    g_assert_nonnull (strstr (card, "Idée 0"));
    g_assert_null (strstr (card, "Mise en avant par l’équipe"));
  }
  {
    const char *changed =
      "{\"process_id\": \"" DEMO "\", \"feature\": \"ideas\", \"kind\": \"idea\","
      " \"parent_id\": null, \"author_ref\": \"p\", \"title\": \"Titre changé\","
      " \"body\": \"x\", \"lat\": null, \"lon\": null, \"answers\": null, \"created_at\": "
      "\"2026-11-30T10:00:00Z\", \"moderation\": \"published\", \"moderation_reason\": null,"
      " \"supports\": 0}";

    g_assert_true (dlg_site_db_put_object (f->db, "contribution", ids->pdata[0], DEMO, changed,
                                           NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *html = get_html (f, path, 200);
    g_autofree char *card = card_of (html, ids->pdata[0]);

    g_assert_nonnull (card);
    g_assert_nonnull (strstr (card, "Titre changé"));
    g_assert_null (strstr (card, "Idée 0"));
  }
  {
    g_autofree char *hid = g_uuid_string_random ();
    g_autofree char *highlight = g_strdup_printf ("{\"process_id\": \"" DEMO "\","
                                                  " \"contribution_id\": \"%s\"}",
                                                  (char *) ids->pdata[0]);
    g_autofree char *html = NULL;
    g_autofree char *card = NULL;

    g_assert_true (dlg_site_db_put_object (f->db, "highlight", hid, DEMO, highlight, NULL,
                                           &error));
    html = get_html (f, path, 200);
    card = card_of (html, ids->pdata[0]);
    g_assert_nonnull (card);
    g_assert_nonnull (strstr (card, "Mise en avant par l’équipe"));
  }
  {
    g_autoptr(Reply) en = request_lang (f, path, "en");
    g_autofree char *html = reply_text (en);
    g_autofree char *card = card_of (html, ids->pdata[0]);

    g_assert_nonnull (card);
    g_assert_nonnull (strstr (card, "Highlighted by the team"));
  }
}

/* Every kind of page ends with the accessibility statement, the legal notice and the privacy
 * notice; those name the erasure contact and how long contact details are kept. */
static void
test_footer_and_notices (Fixture       *f,
                         gconstpointer  data)
{
  static const struct { const char *path; guint status; } pages[] = {
    { "/", 200 },
    { "/p/" DEMO, 200 },
    { "/p/" DEMO "/contributions", 200 },
    { IDEAS, 200 },
    { "/p/" DEMO "/contribute/map", 200 },
    { "/p/" DEMO "/contribute/questionnaire", 200 },
    { "/p/" DEMO "/contribute/debate", 200 },
    { "/p/" DEMO "/contribute/call_for_projects", 200 },
    { "/p/" DEMO "/register", 200 },
    { "/p/" DEMO "/merci?f=ideas", 200 },
    { "/p/" DEMO "/narratives/7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1b01", 200 },
    { "/p/7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a02/response", 200 },
    { "/p/7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a02/follow-up", 200 },
    { "/p/" DEMO "/contribute/event", 404 },
    { "/p/" DEMO "/response", 404 },
    { "/nowhere", 404 },
    { "/accessibilite", 200 },
    { "/mentions-legales", 200 },
    { "/confidentialite", 200 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *html = get_html (f, pages[i].path, pages[i].status);
      const char *footer = strstr (html, "<footer");

      g_assert_nonnull (footer);
      g_assert_nonnull (strstr (footer, "href=\"/accessibilite\">Accessibilité\u00a0: non "
                                        "conforme</a>"));
      g_assert_nonnull (strstr (footer, "href=\"/mentions-legales\">Mentions légales</a>"));
      g_assert_nonnull (strstr (footer, "href=\"/confidentialite\">Données personnelles</a>"));
      g_assert_cmpuint (count (html, "<h1"), ==, 1);
    }
  {
    g_autofree char *html = get_html (f, "/confidentialite", 200);
    g_assert_nonnull (strstr (html, "mailto:dialogue-citoyen@example.org"));
    g_assert_nonnull (strstr (html, "au plus tard 12\u00a0mois"));
  }
  {
    g_autofree char *html = get_html (f, "/accessibilite", 200);
    g_assert_nonnull (strstr (html, "non conforme"));
    g_assert_nonnull (strstr (html, "Défenseur des droits"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (dlg_site_db_set_meta (f->db, "privacy_contact", "dpo@metropole.example",
                                         &error));
    g_assert_true (dlg_site_db_set_meta (f->db, "contact_retention_months", "6", &error));
    g_assert_true (dlg_site_db_set_meta (f->db, "publisher", "Ville <de> Test", &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *html = get_html (f, "/confidentialite", 200);
    g_assert_nonnull (strstr (html, "mailto:dpo@metropole.example"));
    g_assert_nonnull (strstr (html, "au plus tard 6\u00a0mois"));
    g_assert_nonnull (strstr (html, "Ville &lt;de&gt; Test"));
  }
  {
    g_autofree char *html = get_html (f, "/p/" DEMO "/register", 200);
    g_assert_nonnull (strstr (html, "au plus tard 6\u00a0mois après votre inscription"));
    g_assert_nonnull (strstr (html, "href=\"mailto:dpo@metropole.example\""));
    g_assert_nonnull (strstr (html, "href=\"/confidentialite\""));
  }
  {
    /* A process's own rule wins over the site's. */
    g_autoptr(Reply) reply = put_with (f, CLOSING_PATH, "If-None-Match", "*",
                                       "{\"title\": \"Règle propre\", \"privacy_contact\": "
                                       "\"rgpd@ville.example\", \"contact_retention_months\": 3,"
                                       " \"features\": [{\"feature\": \"recruitment\", "
                                       "\"enabled\": true}]}");
    g_autofree char *html = NULL;
    g_assert_cmpuint (reply->status, ==, 201);
    html = get_html (f, "/p/" CLOSING "/register", 200);
    g_assert_nonnull (strstr (html, "au plus tard 3\u00a0mois après votre inscription"));
    g_assert_nonnull (strstr (html, "href=\"mailto:rgpd@ville.example\""));
  }
}

static void
test_debate_legend (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *html = get_html (f, "/p/" DEMO "/contribute/debate", 200);
  const char *fieldset = strstr (html, "<fieldset");
  const char *legend = fieldset != NULL ? strstr (fieldset, "<legend>") : NULL;

  g_assert_nonnull (legend);
  g_assert_true (g_str_has_prefix (legend, "<legend>Faut-il fermer la rue du Bois-Hardy à la "
                                           "circulation automobile le samedi\u00a0?"));
  g_assert_true (strstr (legend, "name=\"position\"") < strstr (legend, "</fieldset>"));
  g_assert_cmpuint (count (html, "<legend>"), ==, 1);
  {
    /* The process page names the debate's question on its card. */
    g_autofree char *process = get_html (f, "/p/" DEMO, 200);
    const char *card = strstr (process, "arguments pour et contre</h3>");
    g_assert_nonnull (card);
    g_assert_true (g_str_has_prefix (strchr (card, '\n') + 1, "<p><strong>Faut-il fermer la "
                                                            "rue du Bois-Hardy"));
  }
  {
    /* Without a question of its own, the debate is about the process's. */
    g_autoptr(Reply) reply = put_with (f, CLOSING_PATH, "If-None-Match", "*",
                                       "{\"title\": \"Débat\", \"question\": \"Faut-il <un> "
                                       "parc ?\", \"features\": [{\"feature\": \"debate\", "
                                       "\"enabled\": true}]}");
    g_autofree char *other = NULL;
    g_assert_cmpuint (reply->status, ==, 201);
    other = get_html (f, "/p/" CLOSING "/contribute/debate", 200);
    g_assert_nonnull (strstr (other, "<legend>Faut-il &lt;un&gt; parc ?"));
  }
}

static void
test_timeline_current (Fixture       *f,
                       gconstpointer  data)
{
  {
    /* The demo has two stages in progress: the furthest is the current step. */
    g_autofree char *html = get_html (f, "/p/" DEMO, 200);
    g_autofree char *tag = tag_with (html, "aria-current=\"step\"");
    g_assert_cmpuint (count (html, "aria-current=\"step\""), ==, 1);
    g_assert_cmpstr (tag, ==, "<li class=\"in_progress\" aria-current=\"step\">");
    g_assert_nonnull (strstr (strstr (html, "aria-current=\"step\""), "Atelier citoyen"));
    g_assert_true (strstr (strstr (html, "aria-current=\"step\""), "Atelier citoyen")
                   < strstr (strstr (html, "aria-current=\"step\""), "</li>"));
  }
  {
    /* None in progress: the first stage after the last one closed. */
    g_autoptr(Reply) reply = put_with (f, CLOSING_PATH, "If-None-Match", "*",
                                       "{\"title\": \"Entre deux\", \"stages\": ["
                                       "{\"stage\": \"diagnostic\", \"state\": \"done\"},"
                                       "{\"stage\": \"arbitration\", \"state\": \"skipped\"}]}");
    g_autofree char *html = NULL;
    const char *current;
    g_assert_cmpuint (reply->status, ==, 201);
    html = get_html (f, "/p/" CLOSING, 200);
    g_assert_cmpuint (count (html, "aria-current=\"step\""), ==, 1);
    current = strstr (html, "aria-current=\"step\"");
    g_assert_true (g_str_has_prefix (strchr (current, '>') + 1, "Cahier des charges"));
  }
}

static void
test_map_place (Fixture       *f,
                gconstpointer  data)
{
  const char *path = "/p/" DEMO "/contribute/map";
  FormSession fs = { 0 };

  form_session_get (f, path, &fs);
  {
    /* Only one coordinate: refused, named. */
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Banc cassé",
                                               "body", "Le banc est cassé.", "place",
                                               "Square Maurice-Schwob", "lat", "47.2", NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_nonnull (strstr (html, "Indiquez la longitude avec la latitude"));
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Banc cassé",
                                               "body", "Le banc est cassé.", NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);
    g_autofree char *html = reply_text (reply);
    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_nonnull (strstr (html, "Le champ «\u00a0Lieu ou adresse\u00a0» est obligatoire."));
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Banc cassé",
                                               "body", "Le banc est cassé.", "place",
                                               "Square <Maurice-Schwob>", NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);
    g_assert_cmpuint (reply->status, ==, 303);
  }
  {
    g_autoptr(GHashTable) fields = fields_new ("csrf_token", fs.token, "title", "Lampadaire",
                                               "body", "Éteint.", "place", "Rue de la Basse-"
                                               "Chênaie", "lat", "47,2301", "lon", "-1,5202",
                                               NULL);
    g_autoptr(Reply) reply = post_form (f, path, fs.cookie, fields);
    g_assert_cmpuint (reply->status, ==, 303);
  }
  form_session_clear (&fs);
  {
    /* The feed carries the place (in answers, which the app keeps) and null coordinates. */
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes?limit=500", f->token,
                                      NULL);
    g_autoptr(JsonObject) page = reply_json (reply);
    JsonArray *items = json_object_get_array_member (page, "items");
    guint found = 0;

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *d = json_object_get_object_member (json_array_get_object_element (items, i),
                                                       "data");
        JsonObject *answers;
        if (d == NULL || g_strcmp0 (json_object_get_string_member_with_default (d, "kind", ""),
                                    "pin") != 0
            || !json_object_has_member (d, "answers")
            || json_object_get_null_member (d, "answers"))
          continue;
        answers = json_object_get_object_member (d, "answers");
        if (g_strcmp0 (json_object_get_string_member_with_default (answers, "place", ""),
                       "Square <Maurice-Schwob>") == 0)
          {
            g_assert_true (json_object_get_null_member (d, "lat"));
            g_assert_true (json_object_get_null_member (d, "lon"));
            found++;
          }
        else if (g_strcmp0 (json_object_get_string_member_with_default (answers, "place", ""),
                            "Rue de la Basse-Chênaie") == 0)
          {
            g_assert_cmpfloat_with_epsilon (json_object_get_double_member (d, "lat"), 47.2301,
                                            1e-9);
            g_assert_cmpfloat_with_epsilon (json_object_get_double_member (d, "lon"), -1.5202,
                                            1e-9);
            found++;
          }
      }
    g_assert_cmpuint (found, ==, 2);
  }
  {
    g_autofree char *html = get_html (f, "/p/" DEMO "/contributions?feature=map", 200);
    g_assert_nonnull (strstr (html, "lieu\u00a0: Square &lt;Maurice-Schwob&gt;"));
    g_assert_null (strstr (html, "<Maurice"));
    g_assert_nonnull (strstr (html, "lieu\u00a0: Rue de la Basse-Chênaie · latitude 47,23010, "
                                    "longitude -1,52020"));
  }
}

/* French unless the request asks for English; <html lang> says which. */
static void
test_language (Fixture       *f,
               gconstpointer  data)
{
  static const struct { const char *accept; const char *lang; } cases[] = {
    { NULL, "fr" }, { "fr-FR,fr;q=0.9", "fr" }, { "en-GB,en;q=0.9", "en" }, { "en", "en" },
    { "de-DE,de;q=0.9", "fr" }, { "de, en;q=0.5", "en" }, { "en;q=0.5, fr;q=0.8", "fr" },
    { "fr;q=0, en", "en" }, { "EN-us", "en" }, { "*", "fr" }, { "en;q=abc", "fr" },
    { "english", "fr" }, { "", "fr" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (dlg_site_lang_negotiate (cases[i].accept), ==, cases[i].lang);
  g_assert_true (dlg_site_i18n_has_french ());

  {
    g_autoptr(Reply) reply = request_lang (f, IDEAS, "en-GB,en;q=0.9,fr;q=0.5");
    g_autofree char *html = reply_text (reply);
    g_autofree char *title = page_title (html);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (strstr (html, "<html lang=\"en\">"));
    g_assert_cmpstr (title, ==, "Suggest an idea — " DEMO_TITLE " — Take Part in Nantes");
    g_assert_nonnull (strstr (html, ">Your pseudonym"));
    g_assert_nonnull (strstr (html, ">Send</button>"));
    g_assert_nonnull (strstr (html, "href=\"/accessibilite\">Accessibility: not compliant</a>"));
    g_assert_null (strstr (html, "Proposer une idée"));
    g_assert_null (strstr (html, "Votre pseudonyme"));
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Content-Language"), ==,
                     "en");
    g_assert_nonnull (strstr (soup_message_headers_get_one (reply->headers, "Vary"),
                              "Accept-Language"));
  }
  {
    g_autoptr(Reply) reply = request_lang (f, IDEAS, "fr-FR,fr;q=0.9,en;q=0.5");
    g_autofree char *html = reply_text (reply);
    g_assert_nonnull (strstr (html, "<html lang=\"fr\">"));
    g_assert_nonnull (strstr (html, ">Votre pseudonyme"));
    g_assert_nonnull (strstr (html, ">Envoyer</button>"));
    g_assert_null (strstr (html, "Your pseudonym"));
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Content-Language"), ==,
                     "fr");
  }
  {
    /* Dates, plurals and the process page in both. */
    g_autoptr(Reply) en = request_lang (f, "/p/" DEMO, "en");
    g_autoptr(Reply) fr = request_lang (f, "/p/" DEMO, "fr");
    g_autofree char *en_html = reply_text (en);
    g_autofree char *fr_html = reply_text (fr);
    g_assert_nonnull (strstr (en_html, "Where the process stands"));
    g_assert_nonnull (strstr (en_html, "Citizen workshop <span class=\"state\">(in progress)"));
    g_assert_nonnull (strstr (en_html, "1 October 2026"));
    g_assert_nonnull (strstr (fr_html, "Où en est la démarche\u202f?"));
    g_assert_nonnull (strstr (fr_html, "Atelier citoyen <span class=\"state\">(en cours)"));
    g_assert_nonnull (strstr (fr_html, "1er octobre 2026"));
  }
  {
    g_autoptr(Reply) en = request_lang (f, "/p/" DEMO "/contributions", "en");
    g_autofree char *html = reply_text (en);
    g_assert_nonnull (strstr (html, " contributions. Contributions set aside"));
    g_assert_nonnull (strstr (html, "Awaiting moderation"));
  }
}

/* What the pages say of publication is what the moderation rule does. */
static void
test_moderation_truth (Fixture       *f,
                       gconstpointer  data)
{
  const char *before = "publiées après relecture";
  g_autofree char *process = get_html (f, "/p/" DEMO, 200);
  g_autofree char *ideas = get_html (f, IDEAS, 200);
  g_autofree char *debate = get_html (f, "/p/" DEMO "/contribute/debate", 200);
  g_autofree char *thanks_ideas = get_html (f, "/p/" DEMO "/merci?f=ideas", 200);
  g_autofree char *thanks_debate = get_html (f, "/p/" DEMO "/merci?f=debate", 200);
  const char *debate_card = strstr (process, "Débat\u00a0: arguments pour et contre</h3>");
  const char *ideas_card = strstr (process, "Boîte à idées</h3>");

  /* Only the debate moderates before publishing (a_priori in the demo). */
  g_assert_nonnull (debate_card);
  g_assert_nonnull (ideas_card);
  g_assert_cmpuint (count (process, before), ==, 1);
  g_assert_true (strstr (debate_card, before) < strstr (debate_card, "</li>"));
  g_assert_true (strstr (ideas_card, before) == NULL
                 || strstr (ideas_card, before) > strstr (ideas_card, "</li>"));
  g_assert_null (strstr (ideas, before));
  g_assert_nonnull (strstr (ideas, "Votre contribution est publiée dès son envoi"));
  g_assert_nonnull (strstr (debate, "Les contributions sont publiées après relecture"));
  g_assert_null (strstr (debate, "publiée dès son envoi"));
  g_assert_nonnull (strstr (thanks_ideas, "enregistrée et publiée"));
  g_assert_nonnull (strstr (thanks_debate, "Elle sera publiée après relecture"));
  g_assert_null (strstr (thanks_debate, "enregistrée et publiée"));
}

static void
test_forced_colours (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *css = get_html (f, "/static/site.css", 200);
  const char *media = strstr (css, "@media (forced-colors:active)");

  g_assert_nonnull (media);
  g_assert_nonnull (strstr (media, ".button{border:2px solid ButtonText}"));
  /* Outside forced colours the border is there but transparent: no layout shift. */
  g_assert_nonnull (strstr (css, "border:2px solid transparent"));
}

/* The site's name is a setting: escaped in the title and the header like any text. */
static void
test_site_name_escaped (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;

  g_assert_true (dlg_site_db_set_meta (f->db, "site_name", "<script>x</script> & Cie", &error));
  html = get_html (f, "/", 200);
  title = page_title (html);
  g_assert_null (strstr (html, "<script"));
  g_assert_cmpstr (title, ==, "Les démarches de participation — &lt;script&gt;x&lt;/script&gt; "
                              "&amp; Cie");
}

static void
test_faults_disabled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Reply) reply = request (f, "POST", "/api/test/faults", NULL,
                                    "{\"count\": 1, \"status\": 503}");
  g_autoptr(Reply) after = request (f, "GET", "/api/sync/v1/changes", f->token, NULL);

  g_assert_cmpuint (reply->status, ==, 404);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  {
    g_autoptr(Reply) reply = request (f, "POST", "/api/test/faults", NULL,
                                      "{\"path_prefix\": \"/api/sync/v1/changes\", \"count\": 2,"
                                      " \"status\": 503, \"retry_after\": 7}");
    g_assert_cmpuint (reply->status, ==, 201);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes", f->token, NULL);
      assert_problem (reply, 503, "injected-fault");
      g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "7");
    }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes", f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr(Reply) reply = request (f, "POST", "/api/test/faults", NULL,
                                      "{\"path_prefix\": \"/api/sync/v1/changes\", \"count\": 1,"
                                      " \"mode\": \"close_mid_body\"}");
    g_assert_cmpuint (reply->status, ==, 201);
  }
  {
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes", f->token, NULL);
    /* libsoup 3.2 may hand back the truncated body without an error: the client must check
     * the length (or fail to parse the JSON) itself. */
    if (reply->error == NULL)
      {
        g_autofree char *text = reply_text (reply);
        g_assert_cmpuint (strlen (text), <,
                          soup_message_headers_get_content_length (reply->headers));
        g_assert_null (json_from_string (text, NULL));
      }
  }
  {
    g_autoptr(Reply) fault = request (f, "POST", "/api/test/faults", NULL,
                                      "{\"count\": 5, \"status\": 500}");
    g_autoptr(Reply) clear = request (f, "DELETE", "/api/test/faults", NULL, NULL);
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/changes", f->token, NULL);
    g_assert_cmpuint (clear->status, ==, 204);
    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(Reply) fault = request (f, "POST", "/api/test/faults", NULL,
                                      "{\"path_prefix\": \"/api/sync/v1/\", \"mode\": \"slow\","
                                      " \"delay_ms\": 300}");
    g_autoptr(Reply) reply = request (f, "GET", "/api/sync/v1/", f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  }
}

static gint64
db_count (DlgSiteDb  *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_site_db_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The count of shown contributions the triggers keep is a recount, whatever happens to them:
 * published, pending online or in person, moved to another feature, hidden, deleted. */
static void
test_db_public_counts (void)
{
  static const char *const bodies[] = {
    "{\"moderation\": \"published\", \"feature\": \"ideas\"}",
    "{\"moderation\": \"pending\", \"feature\": \"ideas\"}",
    "{\"moderation\": \"pending\", \"feature\": \"map\", \"channel\": \"in_person\"}",
    "{\"moderation\": \"hidden\", \"feature\": \"ideas\"}",
    "{\"moderation\": \"published\", \"feature\": \"map\", \"channel\": \"mail\"}",
    "{\"moderation\": \"published\"}",
  };
  static const char recount[] =
    "SELECT count(*) FROM objects WHERE type = 'contribution' AND deleted = 0"
    " AND (moderation = 'published' OR (moderation = 'pending'"
    " AND coalesce (json_extract (data, '$.channel'), 'online') = 'online'))";
  static const char kept[] = "SELECT coalesce (sum (n), 0) FROM public_counts";
  static const char recount_map[] =
    "SELECT count(*) FROM objects WHERE type = 'contribution' AND deleted = 0"
    " AND feature = 'map' AND moderation = 'published'";
  static const char kept_map[] =
    "SELECT coalesce (sum (n), 0) FROM public_counts WHERE feature = 'map'";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dlg-site-db-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "site.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(DlgSiteDb) db = dlg_site_db_open (path, &error);

  g_assert_no_error (error);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < 24; i++)
      {
        g_autofree char *id = g_strdup_printf ("0b0c0d0e-0000-4000-8000-%012u", i);

        if (round == 2 && i % 5 == 0)
          g_assert_true (dlg_site_db_delete_object (db, "contribution", id, i % 2, NULL,
                                                    &error));
        else
          g_assert_true (dlg_site_db_put_object (db, "contribution", id, DEMO,
                                                 bodies[(i + round) % G_N_ELEMENTS (bodies)],
                                                 NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpint (db_count (db, kept), ==, db_count (db, recount));
        g_assert_cmpint (db_count (db, kept_map), ==, db_count (db, recount_map));
      }
  g_assert_cmpint (db_count (db, kept), >, 0);
  g_clear_object (&db);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_db_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dlg-site-db-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "site.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  {
    g_autoptr(DlgSiteDb) db = dlg_site_db_open (path, &error);
    g_assert_no_error (error);
    /* Back to schema 1, with a contribution in it. */
    g_assert_true (dlg_site_db_exec (db, "DROP INDEX objects_public_count;"
                                         "DROP INDEX objects_public_order;"
                                         "ALTER TABLE objects DROP COLUMN moderation;"
                                         "ALTER TABLE objects DROP COLUMN feature;"
                                         "ALTER TABLE objects DROP COLUMN sort_time;"
                                         "PRAGMA user_version = 1;", &error));
    g_assert_no_error (error);
    g_assert_true (dlg_site_db_put_object (db, "contribution",
                                           "0b0c0d0e-0000-4000-8000-0000000000c1", DEMO,
                                           "{\"moderation\": \"published\", \"feature\": "
                                           "\"ideas\", \"created_at\": \"2026-01-01T00:00:00Z\"}",
                                           NULL, &error));
  }
  {
    g_autoptr(DlgSiteDb) db = dlg_site_db_open (path, &error);
    sqlite3_stmt *stmt = NULL;
    g_assert_no_error (error);
    sqlite3_prepare_v2 (dlg_site_db_get_handle (db), "SELECT moderation, feature FROM objects",
                        -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "published");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "ideas");
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (dlg_site_db_get_handle (db), "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, DLG_SITE_DB_SCHEMA_VERSION);
    sqlite3_finalize (stmt);
  }
  {
    /* A newer schema is refused, untouched. */
    g_autoptr(DlgSiteDb) db = dlg_site_db_open (path, &error);
    g_assert_true (dlg_site_db_exec (db, "PRAGMA user_version = 99", &error));
  }
  {
    g_autoptr(DlgSiteDb) db = dlg_site_db_open (path, &error);
    g_assert_null (db);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

/* The dialogue-site binary: admin commands, then serving on a free port until SIGTERM. */
static gboolean
run_site (const char *const *args,
          char              **out,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) g_getenv ("DIALOGUE_SITE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;

  if (g_getenv ("DIALOGUE_SITE") == NULL)
    {
      g_test_skip ("DIALOGUE_SITE is not set (run through meson test)");
      return;
    }
  dir = g_dir_make_tmp ("dlg-site-bin-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "site.db", NULL);

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", db, "token", "create", "app", "--scopes", "sync:read", NULL };
    g_assert_true (run_site (args, &out, &err));
    g_assert_true (g_str_has_prefix (out, "dlgs_"));
    g_assert_cmpuint (strlen (g_strchomp (out)), ==, 5 + 64);
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", db, "token", "create", "x", "--scopes", "sync:all", NULL };
    g_assert_false (run_site (args, &out, &err));
    g_assert_nonnull (strstr (err, "Unknown scope"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", db, "token", "list", NULL };
    g_assert_true (run_site (args, &out, &err));
    g_assert_true (g_str_has_prefix (out, "app\tsync:read\t"));
    g_assert_null (strstr (out, "dlgs_"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", db, "seed-contributions", "25", NULL };
    g_assert_true (run_site (args, &out, &err));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", db, "erase", "0b0c0d0e-0000-4000-8000-0000000000ee", NULL };
    g_assert_false (run_site (args, &out, &err));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", db, "expire-cursors", NULL };
    g_assert_true (run_site (args, &out, &err));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--db", db, "frobnicate", NULL };
    g_assert_false (run_site (args, &out, &err));
  }

  /* Serving: the first line on stdout gives the address. */
  {
    const char *argv[] = { g_getenv ("DIALOGUE_SITE"), "--db", db, "--port", "0", "--demo",
                           "--test-faults", NULL };
    g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                                     &error);
    g_autoptr(GDataInputStream) lines = NULL;
    g_autofree char *line = NULL;
    g_autoptr(SoupSession) session = soup_session_new ();
    const char *prefix = "dialogue-site listening on ";

    g_assert_no_error (error);
    lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
    line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (line, prefix));
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *uri = g_strconcat (line + strlen (prefix),
                                            i == 0 ? "" : "api/test/faults", NULL);
        g_autoptr(SoupMessage) msg = soup_message_new (i == 0 ? "GET" : "DELETE", uri);
        g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (soup_message_get_status (msg), ==, i == 0 ? 200 : 204);
        if (i == 0)
          g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                          "Doulon"));
      }
    g_subprocess_send_signal (proc, SIGTERM);
    g_assert_true (g_subprocess_wait (proc, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (proc));
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site/html/escape", test_html_escape);
  g_test_add_func ("/site/db/migrate", test_db_migrate);
  g_test_add_func ("/site/db/public-counts-kept", test_db_public_counts);
  g_test_add_func ("/site/cli/binary", test_binary);
#define ADD(path, func, faults) \
  g_test_add (path, Fixture, GINT_TO_POINTER (faults), fixture_setup, func, fixture_teardown)
  ADD ("/site/api/discovery", test_discovery, FALSE);
  ADD ("/site/api/auth", test_auth, FALSE);
  ADD ("/site/api/feed-paging", test_feed_paging, FALSE);
  ADD ("/site/api/cursor-expired", test_cursor_expired, FALSE);
  ADD ("/site/api/put-get-delete", test_put_get_delete, FALSE);
  ADD ("/site/api/offline-contributions", test_offline_contributions, FALSE);
  ADD ("/site/api/idempotency", test_idempotency, FALSE);
  ADD ("/site/api/idempotency-in-flight", test_idempotency_in_flight, TRUE);
  ADD ("/site/api/bad-json", test_bad_json, FALSE);
  ADD ("/site/api/deep-json", test_deep_json, FALSE);
  ADD ("/site/api/registration-erasure", test_registration_erasure, FALSE);
  ADD ("/site/hostile/no-host", test_no_host, FALSE);
  ADD ("/site/hostile/chunked-body-bounded", test_chunked_body_bounded, FALSE);
  ADD ("/site/hostile/announced-body-refused", test_announced_body_refused, FALSE);
  ADD ("/site/hostile/slow-headers", test_slow_headers, FALSE);
  ADD ("/site/hostile/lone-surrogate", test_lone_surrogate, FALSE);
  ADD ("/site/hostile/invalid-text-anywhere", test_invalid_text_anywhere, FALSE);
  ADD ("/site/hostile/deep-json-every-endpoint", test_deep_json_every_endpoint, FALSE);
  ADD ("/site/pages/form-csrf", test_form_csrf, FALSE);
  ADD ("/site/pages/form-batch", test_form_batch, FALSE);
  ADD ("/site/pages/form-csrf-lifetime", test_form_csrf_lifetime, FALSE);
  ADD ("/site/pages/hostile-text", test_hostile_text, FALSE);
  ADD ("/site/pages/all", test_pages, FALSE);
  ADD ("/site/pages/reopened-stage", test_reopened_stage, FALSE);
  ADD ("/site/pages/registration-vocabulary", test_registration_vocabulary, FALSE);
  ADD ("/site/pages/registration-closed", test_registration_closed, FALSE);
  ADD ("/site/pages/autocomplete", test_autocomplete, FALSE);
  ADD ("/site/pages/titles", test_titles, FALSE);
  ADD ("/site/pages/contributions-keyset", test_contributions_keyset, FALSE);
  ADD ("/site/pages/contributions-cards-fresh", test_contributions_cards_fresh, FALSE);
  ADD ("/site/pages/footer-and-notices", test_footer_and_notices, FALSE);
  ADD ("/site/pages/debate-legend", test_debate_legend, FALSE);
  ADD ("/site/pages/timeline-current", test_timeline_current, FALSE);
  ADD ("/site/pages/map-place", test_map_place, FALSE);
  ADD ("/site/pages/language", test_language, FALSE);
  ADD ("/site/pages/moderation-truth", test_moderation_truth, FALSE);
  ADD ("/site/pages/forced-colours", test_forced_colours, FALSE);
  ADD ("/site/pages/site-name-escaped", test_site_name_escaped, FALSE);
  ADD ("/site/faults/disabled", test_faults_disabled, FALSE);
  ADD ("/site/faults/enabled", test_faults, TRUE);
#undef ADD
  return g_test_run ();
}
