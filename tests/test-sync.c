/* test-sync.c — sync pieces that need no site: schema, backoff, strict JSON, outbox, token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "dlg-core.h"
#include "dlg-schema.h"
#include "dlg-store-private.h"
#include "dlg-sync.h"
#include "dlg-sync-private.h"

static char *tmp_dir;

static gint64
count (DlgStore   *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A database written by version 1 (before sync) is migrated to 2 and keeps its data. */
static void
test_migrate_1_to_2 (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "v1.db", NULL);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const DlgMigration *migrations;
  guint n_migrations;
  sqlite3 *db = NULL;

  migrations = dlg_schema_get_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 2);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, migrations[0].sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1; PRAGMA application_id = 1145849649;"
                                 "INSERT INTO process (uuid, title, created_at, updated_at)"
                                 " VALUES ('p1', 'Avant la sync', 'x', 'x');"
                                 "INSERT INTO contribution (uuid, process_id, feature,"
                                 " created_at, remote_rev) VALUES ('c1', 1, 'ideas', 'x', 4);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_store_get_schema_version (store), ==, dlg_schema_get_version ());
  g_assert_cmpint (count (store, "SELECT count(*) FROM process WHERE title = 'Avant la sync'"),
                   ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE remote_rev = 4"),
                   ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM conflict"), ==, 0);
  g_assert_cmpint (dlg_sync_count_pending (store, NULL), ==, 0);

  /* The outbox refuses a POST without its idempotency key. */
  g_assert_false (dlg_store_exec (store,
                                  "INSERT INTO outbox (object_type, object_uuid, method, path,"
                                  " created_at, updated_at) VALUES ('moderation', 'c1', 'POST',"
                                  " '/x', 'x', 'x')", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

static void
test_backoff (void)
{
  guint low = 0, high = 0;

  /* Full jitter under min (cap, base × 2^(n-1)). */
  for (guint n = 1; n < 30; n++)
    for (guint i = 0; i < 50; i++)
      {
        guint delay = dlg_sync_backoff_delay_ms (2000, 15 * 60 * 1000, n, -1);
        guint ceiling = MIN (15 * 60 * 1000, 2000 * (1u << MIN (n - 1, 20)));

        g_assert_cmpuint (delay, <=, ceiling);
      }
  for (guint i = 0; i < 2000; i++)
    {
      guint delay = dlg_sync_backoff_delay_ms (2000, 15 * 60 * 1000, 3, -1);

      low += delay < 2000;
      high += delay > 6000;
    }
  g_assert_cmpuint (low, >, 100);
  g_assert_cmpuint (high, >, 100);
  /* Retry-After wins, within the cap. */
  g_assert_cmpuint (dlg_sync_backoff_delay_ms (2000, 900000, 1, 7000), ==, 7000);
  g_assert_cmpuint (dlg_sync_backoff_delay_ms (2000, 900000, 9, 0), ==, 0);
  g_assert_cmpuint (dlg_sync_backoff_delay_ms (2000, 900000, 1, 3600 * 1000), ==, 900000);
}

/* A tiny local server that speaks the discovery correctly and then sends bad pages: the only
 * test that does not use the real site, because the real site never sends bad JSON. */
typedef struct
{
  const char *changes;       /* the body of …/changes */
  gsize       changes_len;
  gboolean    chunked;
  guint       n_handled;
} BadSite;

static void
bad_site_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  BadSite *bad = user_data;

  bad->n_handled++;
  if (g_str_equal (path, "/api/sync/v1/"))
    {
      static const char discovery[] =
        "{\"protocol\": \"dialogue-sync\", \"version\": 1, \"server_time\":"
        " \"2026-11-25T10:00:00Z\", \"page_limit\": {\"default\": 100, \"max\": 2}}";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, discovery,
                                        strlen (discovery));
      return;
    }
  if (g_str_equal (path, "/api/sync/v1/changes"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      if (bad->chunked)
        {
          SoupMessageBody *body = soup_server_message_get_response_body (msg);

          soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                             SOUP_ENCODING_CHUNKED);
          soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                                 "application/json", NULL);
          soup_message_body_append (body, SOUP_MEMORY_COPY, bad->changes, bad->changes_len);
          soup_message_body_complete (body);
        }
      else
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          bad->changes, bad->changes_len);
      return;
    }
  soup_server_message_set_status (msg, 404, NULL);
}

#define PROCESS "11111111-1111-4111-8111-111111111111"
#define GOOD_ITEM \
  "{\"type\": \"contribution\", \"id\": \"22222222-2222-4222-8222-222222222222\", \"rev\": 1," \
  " \"deleted\": false, \"data\": {\"process_id\": \"" PROCESS "\", \"feature\": \"ideas\"," \
  " \"kind\": \"idea\", \"title\": \"Bonne\", \"body\": \"b\", \"created_at\":" \
  " \"2026-11-25T10:00:00Z\", \"moderation\": \"published\", \"supports\": 0}}"
#define ITEM_WITH(member) \
  "{\"type\": \"contribution\", \"id\": \"33333333-3333-4333-8333-333333333333\", \"rev\": 2," \
  " \"deleted\": false, \"data\": {\"process_id\": \"" PROCESS "\", \"feature\": \"ideas\"," \
  " \"kind\": \"idea\", \"title\": \"Mauvaise\", \"created_at\": \"2026-11-25T10:00:00Z\"," \
  " \"moderation\": \"published\", " member "}}"
#define PAGE(items) "{\"items\": [" items "], \"next_cursor\": \"c1\", \"has_more\": false}"

/* The process the fake sites' items belong to. */
static DlgProcess *
fake_site_process (DlgStore *store)
{
  g_autoptr(GError) error = NULL;
  DlgProcess *process = dlg_process_create (store, "Démarche", &error);
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, "UPDATE process SET uuid = ?1", &error);

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, PROCESS);
  g_assert_true (dlg_store_step_done (store, stmt, &error));
  return process;
}

/* A client of the fake site @bad served by @server on loopback, with short backoffs. */
static DlgSyncClient *
bad_site_client (DlgStore   *store,
                 SoupServer *server,
                 BadSite    *bad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  DlgSyncClient *client;

  soup_server_add_handler (server, NULL, bad_site_cb, bad, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  client = dlg_sync_client_new (store, base);
  dlg_sync_client_set_token (client, "t");
  dlg_sync_client_set_backoff (client, 10, 100, 100, 2);
  return client;
}

/* An erasure of personal data the site refused cannot be abandoned (the site must apply it);
 * "all" leaves it and abandons the rest, journaled. */
static void
test_abandon_not_erasure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = fake_site_process (store);
  g_autoptr(GPtrArray) refused = NULL;
  guint n = 99;

  g_assert_true (dlg_store_exec (store,
                                 "INSERT INTO outbox (id, object_type, object_uuid, method, path,"
                                 "  body, idempotency_key, state, last_status, last_error,"
                                 "  created_at, updated_at) VALUES"
                                 " (1, 'erasure', 'e', 'POST', '/api/sync/v1/erasures',"
                                 "  '{\"process_id\": \"" PROCESS "\"}', 'k1', 'failed', 422,"
                                 "  'no', 'x', 'x'),"
                                 " (2, 'process', '" PROCESS "', 'PUT', '/p', '{}', NULL,"
                                 "  'failed', 400, 'no', 'x', 'x')", &error));
  g_assert_false (dlg_sync_abandon_refused (store, 1, &n, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_true (dlg_sync_abandon_refused (store, 0, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  refused = dlg_sync_list_refused (store, &error);
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_cmpstr (((DlgSyncRefusal *) refused->pdata[0])->object_type, ==, "erasure");
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox_abandoned WHERE object_type ="
                                 " 'process' AND last_status = 400"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM journal WHERE action = 'sync.abandon'"
                                 " AND object_type = 'process'"), ==, 1);
}

static void
test_bad_json (void)
{
  static const struct { const char *name; const char *body; } cases[] = {
    { "malformed", "{\"items\": [" GOOD_ITEM ",, ], \"next_cursor\": \"c1\"}" },
    { "truncated", "{\"items\": [" GOOD_ITEM ", {\"type\": \"contribution\", \"id\": \"33" },
    { "not an object", "[" GOOD_ITEM "]" },
    { "empty", "" },
    { "not UTF-8", "{\"items\": [], \"next_cursor\": \"\xff\xfe\", \"has_more\": false}" },
    { "items not an array", "{\"items\": {}, \"next_cursor\": \"c1\", \"has_more\": false}" },
    { "has_more a string", "{\"items\": [" GOOD_ITEM "], \"next_cursor\": \"c1\","
                           " \"has_more\": \"no\"}" },
    { "no cursor", "{\"items\": [" GOOD_ITEM "], \"has_more\": false}" },
    { "too many items", PAGE (GOOD_ITEM ", " GOOD_ITEM ", " GOOD_ITEM) },
  };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgSyncClient) client = NULL;
  g_autofree char *big = NULL;
  BadSite bad = { 0 };
  GString *huge;

  g_assert_no_error (error);
  process = fake_site_process (store);
  client = bad_site_client (store, server, &bad);
  dlg_sync_client_set_max_response_bytes (client, 64 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      bad.changes = cases[i].body;
      bad.changes_len = strlen (cases[i].body);
      bad.chunked = (i % 2) == 1;
      dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
      g_test_message ("%s: %s", cases[i].name, error != NULL ? error->message : "no error");
      g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL);
      g_clear_error (&error);
      /* Nothing half-applied: no contribution, no cursor. */
      g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"), ==, 0);
      g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor IS NULL"),
                       ==, 1);
    }

  /* Oversized, announced by Content-Length and not (chunked). */
  huge = g_string_new ("{\"items\": [], \"next_cursor\": \"c1\", \"has_more\": false, \"pad\": \"");
  while (huge->len < 200 * 1024)
    g_string_append (huge, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (huge, "\"}");
  big = g_string_free (huge, FALSE);
  for (int chunked = 0; chunked < 2; chunked++)
    {
      bad.changes = big;
      bad.changes_len = strlen (big);
      bad.chunked = chunked;
      dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
      g_test_message ("oversized (chunked %d): %s", chunked,
                      error != NULL ? error->message : "no error");
      g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL);
      g_clear_error (&error);
      g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor IS NULL"),
                       ==, 1);
    }

  /* The same server with a good page: the checks above can fail for the right reason only. */
  bad.changes = PAGE (GOOD_ITEM);
  bad.changes_len = strlen (bad.changes);
  bad.chunked = FALSE;
  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE title = 'Bonne'"),
                   ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor = 'c1'"), ==, 1);
  soup_server_disconnect (server);
}


/* One item that cannot be read costs that item, not the feed: a site that stored one (a lone
 * surrogate sent by an API client, a field of the wrong type) would otherwise stop every
 * client's pull for good (issue 16). The item is skipped and recorded, the rest of the page is
 * applied and the cursor moves on. */
static void
test_bad_item_skipped (void)
{
  static const struct { const char *name; const char *body; } cases[] = {
    { "rev a string", PAGE (GOOD_ITEM ", {\"type\": \"contribution\", \"id\":"
                            " \"33333333-3333-4333-8333-333333333333\", \"rev\": \"2\","
                            " \"deleted\": false, \"data\": {}}") },
    { "id not a UUID", PAGE ("{\"type\": \"contribution\", \"id\": \"1; DROP TABLE\","
                             " \"rev\": 2, \"deleted\": false, \"data\": {}}") },
    { "lat a string", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"lat\": \"north\"")) },
    { "lat out of range", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"lat\": 91.5")) },
    { "supports negative", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"supports\": -1")) },
    { "supports a float", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"supports\": 1.5")) },
    { "answers an array", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"answers\": [1, 2]")) },
    { "body a number", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"body\": 12")) },
    { "unknown kind", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"moderation_reason\": null,"
                                                            " \"kind\": \"virus\"")) },
    { "created_at not a time", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"supports\": 1,"
                                                               " \"created_at\": \"hier\"")) },
    { "erasure a string", PAGE (GOOD_ITEM ", {\"type\": \"registration\", \"id\":"
                                " \"33333333-3333-4333-8333-333333333333\", \"rev\": 3,"
                                " \"deleted\": true, \"data\": {\"erasure\": \"yes\"}}") },
    { "registration without consent", PAGE (GOOD_ITEM ", {\"type\": \"registration\", \"id\":"
                                            " \"33333333-3333-4333-8333-333333333333\","
                                            " \"rev\": 3, \"deleted\": false, \"data\":"
                                            " {\"process_id\": \"" PROCESS "\","
                                            " \"registered_at\": \"2026-11-25T10:00:00Z\"}}") },
    { "reason with a lone high surrogate", PAGE (GOOD_ITEM ", " ITEM_WITH (
                                                  "\"moderation_reason\": \"a\\ud800b\"")) },
    { "title with a lone low surrogate", PAGE (GOOD_ITEM ", " ITEM_WITH (
                                                "\"body\": \"x\\udc00\"")) },
    { "high surrogate then a letter", PAGE (GOOD_ITEM ", " ITEM_WITH (
                                             "\"body\": \"x\\ud800\\u0041\"")) },
    { "raw CESU-8 surrogate", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"body\": \"x\xed\xa0\x80\"")) },
    { "raw byte not UTF-8", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"body\": \"x\xff\"")) },
    { "member name not UTF-8", PAGE (GOOD_ITEM ", " ITEM_WITH ("\"\xc3\": 1")) },
  };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgSyncClient) client = NULL;
  BadSite bad = { 0 };

  g_assert_no_error (error);
  process = fake_site_process (store);
  client = bad_site_client (store, server, &bad);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reason = NULL;
      GPtrArray *problems;

      g_assert_true (dlg_store_exec (store, "DELETE FROM sync_skipped;"
                                     " UPDATE sync_state SET cursor = NULL", &error));
      bad.changes = cases[i].body;
      bad.changes_len = strlen (cases[i].body);
      bad.chunked = (i % 2) == 1;
      g_assert_true (dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      problems = dlg_sync_client_get_problems (client);
      g_test_message ("%s: %s", cases[i].name,
                      problems->len > 0 ? (char *) problems->pdata[0] : "no problem");
      g_assert_cmpuint (dlg_sync_client_get_n_skipped (client), ==, 1);
      g_assert_cmpuint (problems->len, ==, 1);
      /* The rest of the page is applied, the cursor moved on, the item recorded with why. */
      if (strstr (cases[i].body, "Bonne") != NULL)
        g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE title = 'Bonne'"),
                         ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE title = 'Mauvaise'"),
                       ==, 0);
      g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor = 'c1'"),
                       ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM sync_skipped"), ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM sync_skipped WHERE reason <> ''"
                              " AND site_url <> '' AND skipped_at <> ''"), ==, 1);
      g_clear_error (&error);
    }

  /* A surrogate pair is text (an emoji): applied, nothing skipped. */
  g_assert_true (dlg_store_exec (store, "DELETE FROM sync_skipped; UPDATE sync_state SET cursor"
                                 " = NULL", &error));
  bad.changes = PAGE (GOOD_ITEM ", " ITEM_WITH ("\"body\": \"x\\ud83d\\ude00\""));
  bad.changes_len = strlen (bad.changes);
  g_assert_true (dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_sync_client_get_n_skipped (client), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE title = 'Mauvaise'"
                          " AND body = 'x\xf0\x9f\x98\x80'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_skipped"), ==, 0);
  soup_server_disconnect (server);
}

/* Listens on loopback with @callback; returns the base address. */
static char *
fake_site_listen (SoupServer         *server,
                  SoupServerCallback  callback,
                  gpointer            user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  char *base;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  return base;
}

/* A site whose feed never ends: every page has one item and has_more; its cursor goes on
 * forever, or comes back to one it gave (@cycle pages). */
typedef struct
{
  guint cycle;
  guint n_pages;
} EndlessSite;

static void
endless_site_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  EndlessSite *site = user_data;
  BadSite bad = { 0 };
  g_autofree char *page = NULL;
  guint n;

  if (!g_str_equal (path, "/api/sync/v1/changes"))
    {
      bad_site_cb (server, msg, path, query, &bad);
      return;
    }
  n = ++site->n_pages;
  page = g_strdup_printf ("{\"items\": [{\"type\": \"contribution\", \"id\":"
                          " \"22222222-2222-4222-8222-222222222222\", \"rev\": %u,"
                          " \"deleted\": false, \"data\": {\"process_id\": \"" PROCESS "\","
                          " \"feature\": \"ideas\", \"kind\": \"idea\", \"title\": \"Encore\","
                          " \"body\": \"b\", \"created_at\": \"2026-11-25T10:00:00Z\","
                          " \"moderation\": \"published\", \"supports\": 0}}],"
                          " \"next_cursor\": \"c%u\", \"has_more\": true}",
                          n, site->cycle > 0 ? n % site->cycle : n);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, page,
                                    strlen (page));
}

/* A site whose feed never ends used to keep dialogue-cli sync running forever: a pull is
 * bounded by pages and by time, and a cursor that comes back stops it at once. What was
 * applied stays. */
static void
test_endless_feed (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgSyncClient) client = NULL;
  g_autofree char *base = NULL;
  EndlessSite site = { 0 };
  gint64 started;

  g_assert_no_error (error);
  process = fake_site_process (store);
  base = fake_site_listen (server, endless_site_cb, &site);
  client = dlg_sync_client_new (store, base);
  dlg_sync_client_set_token (client, "t");
  dlg_sync_client_set_backoff (client, 10, 100, 100, 2);

  /* By pages. */
  dlg_sync_client_set_pull_bounds (client, 40, 600);
  g_assert_false (dlg_sync_client_sync (client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_FEED_ENDLESS);
  g_assert_nonnull (strstr (error->message, "40"));
  g_clear_error (&error);
  g_assert_cmpuint (site.n_pages, ==, 40);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE title = 'Encore'"
                                 " AND remote_rev = 40"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor = 'c40'"), ==, 1);

  /* By time. */
  site.n_pages = 100;
  dlg_sync_client_set_pull_bounds (client, G_MAXUINT, 1);
  started = g_get_monotonic_time ();
  g_assert_false (dlg_sync_client_sync (client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error));
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_FEED_ENDLESS);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 30 * G_USEC_PER_SEC);

  /* A cursor that comes back. */
  site.n_pages = 1000;
  site.cycle = 3;
  dlg_sync_client_set_pull_bounds (client, 5000, 600);
  g_assert_false (dlg_sync_client_sync (client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_FEED_ENDLESS);
  g_clear_error (&error);
  g_assert_cmpuint (site.n_pages, <=, 1000 + 4);
  soup_server_disconnect (server);
}

/* Each page a new contribution with a long body. */
static void
growing_site_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  EndlessSite *site = user_data;
  BadSite bad = { 0 };
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *page = NULL;
  guint n;

  if (!g_str_equal (path, "/api/sync/v1/changes"))
    {
      bad_site_cb (server, msg, path, query, &bad);
      return;
    }
  n = ++site->n_pages;
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (body, "Proposition %u, phrase %u pour remplir des pages. ", n, i);
  page = g_strdup_printf ("{\"items\": [{\"type\": \"contribution\", \"id\":"
                          " \"22222222-2222-4222-8222-%012u\", \"rev\": 1,"
                          " \"deleted\": false, \"data\": {\"process_id\": \"" PROCESS "\","
                          " \"feature\": \"ideas\", \"kind\": \"idea\", \"title\": \"Page %u\","
                          " \"body\": \"%s\", \"created_at\": \"2026-11-25T10:00:00Z\","
                          " \"moderation\": \"published\", \"supports\": 0}}],"
                          " \"next_cursor\": \"c%u\", \"has_more\": %s}",
                          n, n, body->str, n, n < 200 ? "true" : "false");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, page,
                                    strlen (page));
}

/* The disk fills in the middle of a pull: the message says the disk is full and how much of
 * the pull was kept (each page is its own transaction), not that nothing was saved. */
static void
test_disk_full_pull (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgSyncClient) client = NULL;
  g_autofree char *base = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *kept = NULL;
  EndlessSite site = { 0 };
  gint64 pages;
  int n;

  g_assert_no_error (error);
  process = fake_site_process (store);
  base = fake_site_listen (server, growing_site_cb, &site);
  client = dlg_sync_client_new (store, base);
  dlg_sync_client_set_token (client, "t");
  dlg_sync_client_set_backoff (client, 10, 100, 100, 2);

  pages = count (store, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 120);
  g_assert_true (dlg_store_exec (store, limit, NULL));
  g_assert_false (dlg_sync_client_sync (client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_DISK_FULL);
  g_assert_null (strstr (error->message, "nothing was saved"));
  n = count (store, "SELECT count(*) FROM contribution WHERE title LIKE 'Page %'");
  g_assert_cmpint (n, >, 1);
  g_assert_cmpint (n, <, 200);
  kept = g_strdup_printf ("%d changes received before it in this sync are kept", n);
  g_assert_nonnull (strstr (error->message, kept));
  soup_server_disconnect (server);
}

/* A page with a member nested 100,000 deep (200 KB) used to overflow json-glib's recursive
 * parser: dialogue-cli sync died of SIGSEGV. It is refused before parsing: a clear error,
 * nothing applied, the cursor unchanged, and a good page afterwards goes through. */
static void
test_deep_json (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgSyncClient) client = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  g_autofree char *deep = NULL;
  BadSite bad = { 0 };
  GString *page;

  g_assert_no_error (error);
  process = fake_site_process (store);
  client = bad_site_client (store, server, &bad);
  dlg_sync_client_set_max_response_bytes (client, 1024 * 1024);

  /* A good page first, so that there is a cursor to keep. */
  bad.changes = PAGE (GOOD_ITEM);
  bad.changes_len = strlen (bad.changes);
  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor = 'c1'"), ==, 1);

  page = g_string_new ("{\"items\": [" GOOD_ITEM ", ");
  g_string_append (page, ITEM_WITH ("\"answers\": "));
  g_string_truncate (page, page->len - 2);    /* before the closing "}}" */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (page, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (page, ']');
  g_string_append (page, "}}], \"next_cursor\": \"c2\", \"has_more\": false}");
  deep = g_string_free (page, FALSE);
  g_assert_cmpuint (strlen (deep), >, 200000);
  for (int chunked = 0; chunked < 2; chunked++)
    {
      bad.changes = deep;
      bad.changes_len = strlen (deep);
      bad.chunked = chunked;
      dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
      g_test_message ("deep (chunked %d): %s", chunked,
                      error != NULL ? error->message : "no error");
      g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "nested too deeply"));
      g_clear_error (&error);
      g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"), ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor = 'c1'"),
                       ==, 1);
    }
  soup_server_disconnect (server);
}

/* An untrusted certificate stops the sync at once, with nothing sent and no retry; the
 * city's own CA, given as a TLS database, makes the same site trusted. */
static void
test_tls (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "sync-test-tls.pem", NULL);
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "sync-test-cert.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem, &error);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgSyncClient) client = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  BadSite good = { PAGE (""), strlen (PAGE ("")), FALSE, 0 };
  gint64 start;

  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, bad_site_cb, &good, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  g_assert_true (g_str_has_prefix (base, "https://"));

  client = dlg_sync_client_new (store, base);
  dlg_sync_client_set_token (client, "secret");
  dlg_sync_client_set_backoff (client, 1000, 2000, 5000, 4);
  start = g_get_monotonic_time ();
  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "no error");
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_TLS);
  g_assert_false (dlg_sync_error_is_transient (error));
  g_assert_cmpuint (good.n_handled, ==, 0);
  /* Not retried: a retry would have waited for the backoff (at least a few ms, up to 1 s). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 900 * 1000);
  g_clear_error (&error);

  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  dlg_sync_client_set_tls_database (client, database);
  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good.n_handled, ==, 2);
  soup_server_disconnect (server);
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  guint *n = user_data;

  (*n)++;
  soup_server_message_set_redirect (msg, 302, "http://elsewhere.example/api/sync/v1/");
}

/* The token never goes over plain HTTP to another computer, nor follows a redirect. */
static void
test_site_address (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgSyncClient) client = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  guint n = 0;

  g_assert_true (dlg_sync_site_url_is_valid ("https://participer.example.fr"));
  g_assert_true (dlg_sync_site_url_is_valid ("http://127.0.0.1:8080"));
  g_assert_true (dlg_sync_site_url_is_valid ("http://localhost:8080/"));
  g_assert_false (dlg_sync_site_url_is_valid ("http://participer.example.fr"));
  g_assert_false (dlg_sync_site_url_is_valid ("ftp://participer.example.fr"));
  g_assert_false (dlg_sync_site_url_is_valid ("participer.example.fr"));
  g_assert_false (dlg_sync_site_url_is_valid (""));

  client = dlg_sync_client_new (store, "http://participer.example.fr");
  dlg_sync_client_set_token (client, "t");
  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);
  g_clear_object (&client);

  soup_server_add_handler (server, NULL, redirect_cb, &n, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  client = dlg_sync_client_new (store, base);
  dlg_sync_client_set_token (client, "t");
  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "no error");
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED);
  g_assert_cmpuint (n, ==, 1);
  soup_server_disconnect (server);
}

static void
test_default_site (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autofree char *none = dlg_sync_get_default_site (store, &error);
  g_autofree char *site = NULL;

  g_assert_null (none);
  g_assert_true (dlg_store_exec (store,
                                 "INSERT INTO sync_state (site_url, used_at) VALUES"
                                 " ('https://participer.example.fr', '2026-01-01T00:00:00Z'),"
                                 " ('http://127.0.0.1:4242', '2026-11-01T00:00:00Z')", &error));
  site = dlg_sync_get_default_site (store, &error);
  g_assert_cmpstr (site, ==, "https://participer.example.fr");
}

/* Nothing of the demo process goes to a real site by itself; the practice site takes it. */
static void
test_collect_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  gboolean created = FALSE;
  guint queued = 0;

  dlg_demo_ensure (store, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_cmpint (count (store, "SELECT count(*) FROM narrative WHERE state = 'published'"),
                   >, 0);
  g_assert_cmpint (dlg_sync_count_pending (store, NULL), ==, 0);
  g_assert_true (dlg_sync_collect_changes (store, FALSE, &queued, &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_true (dlg_sync_collect_changes (store, TRUE, &queued, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE object_type ="
                                 " 'narrative'"), ==,
                   count (store, "SELECT count(*) FROM narrative WHERE state = 'published'"));
  /* Collecting again changes nothing. */
  g_assert_true (dlg_sync_collect_changes (store, TRUE, &queued, &error));
  g_assert_cmpint (count (store, "SELECT max(generation) FROM outbox"), ==, 1);
}

static DlgSyncPage *
parse (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  DlgSyncPage *page = dlg_sync_page_parse (bytes, 100, &error);

  g_assert_no_error (error);
  return page;
}

/* Older revs are ignored, items of an unknown process wait, tombstones delete. */
static void
test_apply_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = dlg_process_create (store, "Démarche", &error);
  guint applied = 0;

  g_assert_no_error (error);
  g_assert_true (dlg_store_exec (store, "INSERT INTO sync_state (site_url, used_at)"
                                        " VALUES ('s', 'x')", &error));
  {
    g_autoptr(DlgSyncPage) page = parse (PAGE (GOOD_ITEM));

    /* The process is not here yet: the item waits. */
    g_assert_true (dlg_sync_page_apply (store, page, "s", FALSE, &applied, &error));
    g_assert_cmpuint (applied, ==, 0);
    g_assert_cmpint (count (store, "SELECT count(*) FROM sync_orphan"), ==, 1);
  }
  g_assert_true (dlg_store_exec (store, "UPDATE process SET uuid = '" PROCESS "'", &error));
  g_assert_true (dlg_sync_apply_orphans (store, &applied, &error));
  g_assert_cmpuint (applied, ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_orphan"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE remote_rev = 1"), ==, 1);

  {
    /* The same rev again, then an older one: nothing changes. */
    g_autoptr(DlgSyncPage) page = parse (PAGE (GOOD_ITEM));

    applied = 0;
    g_assert_true (dlg_store_exec (store, "UPDATE contribution SET title = 'locale'", &error));
    g_assert_true (dlg_sync_page_apply (store, page, "s", FALSE, &applied, &error));
    g_assert_cmpuint (applied, ==, 0);
    g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE title = 'locale'"),
                     ==, 1);
  }
  {
    g_autoptr(DlgSyncPage) page =
      parse (PAGE ("{\"type\": \"contribution\", \"id\": \"22222222-2222-4222-8222-222222222222\","
                   " \"rev\": 5, \"deleted\": true, \"data\": {\"erasure\": true}},"
                   " {\"type\": \"survey\", \"id\": \"44444444-4444-4444-8444-444444444444\","
                   " \"rev\": 6, \"deleted\": false, \"data\": {\"x\": 1}}"));

    g_assert_true (dlg_sync_page_apply (store, page, "s", FALSE, &applied, &error));
    g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE title = '' AND"
                                   " body = '' AND author_ref = '' AND remote_rev = 5"), ==, 1);
  }
}

/* An answer to an older body never marks a newer edit as sent. */
static void
test_outbox_generation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = dlg_process_create (store, "Démarche", &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DlgOutboxRow) row = NULL;
  g_autofree char *uuid = NULL;

  uuid = dlg_sync_narrative_publish (store, dlg_process_get_id (process), NULL, "Récit", "v1",
                                     &error);
  g_assert_no_error (error);
  ids = dlg_outbox_list_ids (store, FALSE, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  row = dlg_outbox_load (store, g_array_index (ids, gint64, 0), &error);
  g_assert_nonnull (strstr (row->body, "\"v1\""));

  /* Edited again while v1 is on its way. */
  g_free (dlg_sync_narrative_publish (store, dlg_process_get_id (process), uuid, "Récit", "v2",
                                      &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 1);
  g_assert_true (dlg_outbox_sent (store, row, "7", 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE body LIKE '%\"v2\"%'"), ==,
                   1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM narrative WHERE etag = '7' AND"
                                 " sync_state = 'modified'"), ==, 1);

  /* Publishing needs a title. */
  g_assert_null (dlg_sync_narrative_publish (store, dlg_process_get_id (process), NULL, "",
                                             "x", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  /* A moderation decision needs a known state and contribution. */
  g_assert_null (dlg_sync_enqueue_moderation (store, "nope", "trashed", NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dlg_sync_enqueue_moderation (store, "nope", "burnt", NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

/* The token goes to libsecret (its file backend here), never to the database. */
/* Without a Secret Service the token is kept in memory for the session, and said so. */
static void
test_token_without_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;
      gboolean in_memory = FALSE;

      g_assert_true (dlg_sync_token_store ("https://site.example", "m3m0ry-t0ken", &in_memory,
                                           NULL, &error));
      g_assert_no_error (error);
      g_assert_true (in_memory);
      token = dlg_sync_token_lookup ("https://site.example", NULL, &error);
      g_assert_cmpstr (token, ==, "m3m0ry-t0ken");
      g_assert_true (dlg_sync_token_clear ("https://site.example", NULL, &error));
      g_clear_pointer (&token, g_free);
      g_clear_error (&error);
      token = dlg_sync_token_lookup ("https://site.example", NULL, &error);
      g_assert_no_error (error);
      g_assert_null (token);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *keyring = NULL;
  gboolean in_memory = TRUE;
  gsize length;

  g_assert_true (dlg_sync_token_store ("https://site.example", "s3cr3t-t0ken-value",
                                       &in_memory, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (in_memory);
  token = dlg_sync_token_lookup ("https://site.example", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "s3cr3t-t0ken-value");
  g_clear_pointer (&token, g_free);
  token = dlg_sync_token_lookup ("https://other.example", NULL, &error);
  g_assert_null (token);

  /* The keyring file is encrypted. */
  g_assert_true (g_file_get_contents (g_getenv ("SECRET_FILE_TEST_PATH"), &keyring, &length,
                                      NULL));
  g_assert_null (g_strstr_len (keyring, length, "s3cr3t-t0ken-value"));

  g_assert_true (dlg_sync_token_clear ("https://site.example", NULL, &error));
  g_assert_no_error (error);
  token = dlg_sync_token_lookup ("https://site.example", NULL, &error);
  g_assert_null (token);
}

/* An item the page's checks accept and the domain's refuse (a title over 500 characters, no
 * title nor text) is skipped; the rest of the page and its cursor are applied. */
static void
test_pull_domain_invalid_skipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgSyncPage) page = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *long_title = g_strnfill (600, 'a');
  g_autofree char *body = NULL;
  guint n_applied = 0;

  g_assert_no_error (error);
  process = dlg_process_create (store, "Démarche", &error);
  g_assert_no_error (error);
  g_assert_true (dlg_store_exec (store, "UPDATE process SET uuid = '" PROCESS "';"
                                        "INSERT INTO sync_state (site_url, used_at)"
                                        " VALUES ('https://site', 'x')", &error));
  body = g_strdup_printf (PAGE (GOOD_ITEM ", "
    "{\"type\": \"contribution\", \"id\": \"33333333-3333-4333-8333-333333333333\","
    " \"rev\": 2, \"deleted\": false, \"data\": {\"process_id\": \"" PROCESS "\","
    " \"feature\": \"ideas\", \"kind\": \"idea\", \"title\": \"%s\","
    " \"created_at\": \"2026-11-25T10:00:00Z\", \"moderation\": \"published\"}}, "
    "{\"type\": \"contribution\", \"id\": \"44444444-4444-4444-8444-444444444444\","
    " \"rev\": 3, \"deleted\": false, \"data\": {\"process_id\": \"" PROCESS "\","
    " \"feature\": \"ideas\", \"kind\": \"idea\","
    " \"created_at\": \"2026-11-25T10:00:00Z\", \"moderation\": \"published\"}}"),
    long_title);
  bytes = g_bytes_new (body, strlen (body));
  page = dlg_sync_page_parse (bytes, 10, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_sync_page_apply (store, page, "https://site", FALSE, &n_applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_applied, ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE uuid ="
                                 " '22222222-2222-4222-8222-222222222222' AND source = 'site'"
                                 " AND remote_rev = 1"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor = 'c1'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("dialogue-sync-unit-XXXXXX", &error);
  g_assert_no_error (error);
  keyring = g_build_filename (tmp_dir, "keyring", NULL);
  g_test_init (&argc, &argv, NULL);
  if (g_test_subprocess ())
    {
      /* No keyring at all: no file backend, and a session bus that does not exist. */
      g_setenv ("SECRET_BACKEND", "service", TRUE);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/dialogue-test-bus", TRUE);
    }
  else
    {
      g_setenv ("SECRET_BACKEND", "file", TRUE);
      g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);
    }
  {
    g_autoptr(GMainContext) context = g_main_context_new ();

    g_main_context_push_thread_default (context);
  }
  g_test_add_func ("/sync/schema/migrate-1-to-2", test_migrate_1_to_2);
  g_test_add_func ("/sync/backoff/full-jitter-retry-after-wins", test_backoff);
  g_test_add_func ("/sync/pull/bad-json-rejected-nothing-applied", test_bad_json);
  g_test_add_func ("/sync/pull/bad-item-skipped-and-recorded", test_bad_item_skipped);
  g_test_add_func ("/sync/outbox/abandon-never-an-erasure", test_abandon_not_erasure);
  g_test_add_func ("/sync/pull/deep-json-rejected-nothing-applied", test_deep_json);
  g_test_add_func ("/sync/pull/endless-feed-bounded", test_endless_feed);
  g_test_add_func ("/sync/pull/disk-full-says-what-was-kept", test_disk_full_pull);
  g_test_add_func ("/sync/pull/rev-orphans-erasure", test_apply_rules);
  g_test_add_func ("/sync/tls/untrusted-refused-own-ca-accepted", test_tls);
  g_test_add_func ("/sync/client/no-clear-http-no-redirect", test_site_address);
  g_test_add_func ("/sync/client/default-site-prefers-real-one", test_default_site);
  g_test_add_func ("/sync/pull/domain-invalid-skipped", test_pull_domain_invalid_skipped);
  g_test_add_func ("/sync/outbox/generation", test_outbox_generation);
  g_test_add_func ("/sync/outbox/collect-demo-only-in-training", test_collect_demo);
  g_test_add_func ("/sync/token/libsecret-file-backend", test_token);
  g_test_add_func ("/sync/token/in-memory-without-keyring", test_token_without_keyring);
  status = g_test_run ();

  g_remove (keyring);
  {
    g_autofree char *v1 = g_build_filename (tmp_dir, "v1.db", NULL);
    g_autofree char *wal = g_strconcat (v1, "-wal", NULL);
    g_autofree char *shm = g_strconcat (v1, "-shm", NULL);

    g_remove (v1);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (tmp_dir);
  return status;
}
