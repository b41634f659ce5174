/* sync-test-site.c — a real dialogue-site on loopback, in its own thread, for sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site runs in a thread, as it would in its own process, so that a slow answer or a closed
 * connection on its side never blocks the client under test. That thread runs the global
 * default main context (the site attaches its delayed replies there); the test's own thread
 * must push a context of its own first (test_push_main_context()).
 */

#include "config.h"

#include <string.h>

#include "sync-test-site.h"

static gpointer
site_thread (gpointer data)
{
  TestSite *site = data;
  g_autoptr(GError) error = NULL;
  char *uri;

  site->server = dlg_site_server_new (site->db_path, &error);
  if (site->server != NULL)
    {
      dlg_site_server_set_test_faults (site->server, TRUE);
      if (dlg_site_server_listen_local (site->server, 0, &error))
        {
          uri = dlg_site_server_get_base_uri (site->server);
          if (g_str_has_suffix (uri, "/"))
            uri[strlen (uri) - 1] = '\0';
          site->base_uri = uri;
          site->token = dlg_site_server_create_token (site->server, "test",
                                                      DLG_SITE_DEFAULT_SCOPES, &error);
        }
    }

  g_mutex_lock (&site->lock);
  site->error = g_steal_pointer (&error);
  site->ready = TRUE;
  g_cond_signal (&site->cond);
  g_mutex_unlock (&site->lock);

  if (site->error == NULL)
    g_main_loop_run (site->loop);
  if (site->server != NULL)
    dlg_site_server_disconnect (site->server);
  g_clear_object (&site->server);
  return NULL;
}

TestSite *
test_site_start (const char *dir)
{
  TestSite *site = g_new0 (TestSite, 1);
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();

  site->dir = g_strdup (dir);
  site->db_path = g_build_filename (dir, "site.db", NULL);
  g_assert_true (g_main_context_get_thread_default () != NULL);
  site->loop = g_main_loop_new (NULL, FALSE);
  g_mutex_init (&site->lock);
  g_cond_init (&site->cond);
  site->thread = g_thread_new ("test-site", site_thread, site);

  g_mutex_lock (&site->lock);
  while (!site->ready)
    g_cond_wait (&site->cond, &site->lock);
  g_mutex_unlock (&site->lock);
  g_assert_no_error (site->error);
  g_assert_nonnull (site->token);

  site->http = soup_session_new ();
  soup_session_add_feature (site->http, SOUP_SESSION_FEATURE (jar));
  return site;
}

void
test_site_stop (TestSite *site)
{
  g_main_loop_quit (site->loop);
  g_thread_join (site->thread);
  g_main_loop_unref (site->loop);
  g_clear_object (&site->http);
  g_mutex_clear (&site->lock);
  g_cond_clear (&site->cond);
  g_free (site->dir);
  g_free (site->db_path);
  g_free (site->base_uri);
  g_free (site->token);
  g_free (site);
}

DlgSiteDb *
test_site_open_db (TestSite *site)
{
  g_autoptr(GError) error = NULL;
  DlgSiteDb *db = dlg_site_db_open (site->db_path, &error);

  g_assert_no_error (error);
  return db;
}

guint
test_site_http (TestSite    *site,
                const char  *method,
                const char  *path,
                const char  *content_type,
                const char  *body,
                char       **response)
{
  g_autofree char *uri = g_strconcat (site->base_uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  answer = soup_session_send_and_read (site->http, msg, NULL, &error);
  g_assert_no_error (error);
  if (response != NULL)
    *response = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return soup_message_get_status (msg);
}

void
test_site_fault (TestSite   *site,
                 const char *json)
{
  g_assert_cmpuint (test_site_http (site, "POST", "/api/test/faults", "application/json", json,
                                    NULL), ==, 201);
}

void
test_site_clear_faults (TestSite *site)
{
  guint status = test_site_http (site, "DELETE", "/api/test/faults", NULL, NULL, NULL);

  g_assert_cmpuint (status, <, 300);
}

/* Posts a public form as a citizen would: GET the page (and its cookie), scrape the CSRF
 * token, POST the fields. @fields is name, value, name, value…, NULL. */
void
test_site_post_form (TestSite           *site,
                     const char         *form_path,
                     const char * const *fields)
{
  g_autofree char *page = NULL;
  g_autofree char *token = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *encoded = NULL;
  const char *start, *end;
  guint status;

  status = test_site_http (site, "GET", form_path, NULL, NULL, &page);
  g_assert_cmpuint (status, ==, 200);
  start = strstr (page, "name=\"csrf_token\" value=\"");
  g_assert_nonnull (start);
  start += strlen ("name=\"csrf_token\" value=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);
  token = g_strndup (start, end - start);

  g_hash_table_insert (form, (gpointer) "csrf_token", token);
  for (guint i = 0; fields[i] != NULL; i += 2)
    g_hash_table_insert (form, (gpointer) fields[i], (gpointer) fields[i + 1]);
  encoded = soup_form_encode_hash (form);
  /* The session follows the 303 to the thank-you page. */
  status = test_site_http (site, "POST", form_path, "application/x-www-form-urlencoded",
                           encoded, &answer);
  if (status != 200 || strstr (answer, "Merci") == NULL)
    g_error ("The form %s was refused (%u): %s", form_path, status, answer);
}

/* Writes @n contributions straight into the site's database (as the forms would, faster). */
GPtrArray *
test_site_seed_contributions (TestSite   *site,
                              const char *process_uuid,
                              guint       n)
{
  g_autoptr(DlgSiteDb) db = test_site_open_db (site);
  g_autoptr(GError) error = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (dlg_site_db_begin (db, &error));
  for (guint i = 0; i < n; i++)
    {
      char *id = g_uuid_string_random ();
      g_autofree char *data = g_strdup_printf (
        "{\"process_id\": \"%s\", \"feature\": \"ideas\", \"kind\": \"idea\","
        " \"parent_id\": null, \"author_ref\": \"citoyen%u\", \"title\": \"Idée %u\","
        " \"body\": \"Texte de l'idée %u\", \"lat\": null, \"lon\": null, \"answers\": null,"
        " \"created_at\": \"2026-11-25T10:00:00Z\", \"moderation\": \"published\","
        " \"moderation_reason\": null, \"supports\": %u}", process_uuid, i, i, i, i % 7);
      gint64 rev = 0;

      g_assert_true (dlg_site_db_put_object (db, "contribution", id, process_uuid, data, &rev,
                                             &error));
      g_assert_no_error (error);
      g_ptr_array_add (ids, id);
    }
  g_assert_true (dlg_site_db_commit (db, &error));
  return ids;
}

DlgStore *
test_app_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* A process with the ideas, map and recruitment features open, queued for publication. */
gint64
test_app_process (DlgStore  *store,
                  char     **uuid)
{
  static const char sql_feature[] =
    "INSERT INTO feature_activation (process_id, feature, enabled, rules) VALUES (?1, ?2, 1,"
    " 'Chaque contribution est lue par l''équipe et analysée en atelier.')";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_create (store, "Aménager la place Zola", &error);
  const char *features[] = { "ideas", "map", "recruitment" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_feature, &error);

      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, dlg_process_get_id (process));
      dlg_stmt_bind_text (stmt, 2, features[i]);
      g_assert_true (dlg_store_step_done (store, stmt, &error));
    }
  g_assert_true (dlg_process_set_field (store, dlg_process_get_id (process),
                                        DLG_FIELD_MANDATE_QUESTION,
                                        "Comment rendre la place plus agréable ?", &error));
  g_assert_true (dlg_sync_enqueue_process (store, dlg_process_get_id (process), &error));
  g_assert_no_error (error);
  if (uuid != NULL)
    *uuid = g_strdup (dlg_process_get_uuid (process));
  return dlg_process_get_id (process);
}

DlgSyncClient *
test_app_client (DlgStore *store,
                 TestSite *site)
{
  DlgSyncClient *client = dlg_sync_client_new (store, site->base_uri);

  dlg_sync_client_set_token (client, site->token);
  /* Quick retries in tests; the production values are checked in the unit tests. */
  dlg_sync_client_set_backoff (client, 50, 2000, 3000, 4);
  dlg_sync_client_set_request_timeout (client, 5000);
  return client;
}

void
test_app_sync (DlgSyncClient *client)
{
  g_autoptr(GError) error = NULL;

  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_sync_client_get_problems (client)->len, ==, 0);
}

gint64
test_app_count (DlgStore   *store,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The test thread's own main context: the default one belongs to the site's thread. */
void
test_push_main_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
}
