/* test-graphql-sync.c — the live adapters (Decidim, Cap Collectif) against a GraphQL server on
 * loopback that loads each platform's real schema (tests/graphql/server.js, npm `graphql`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every query the adapters send is validated and executed by the platform's own schema: the
 * server counts those it refused (/__log "invalid") and every test asserts none was. Its data
 * are the shared samples (CONSUL proposals, decidim.barcelona comments, Pol.is comments).
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "dlg-core.h"
#include "dlg-json.h"
#include "dlg-store-private.h"
#include "dlg-sync.h"
#include "coding-fixture.h"

#define SITE_KEY "cle-de-test-capco"

typedef struct
{
  DlgStore        *store;
  gint64           process_id;
  DlgSyncSiteKind  kind;
  GSubprocess     *server;
  char            *site_url;
  SoupSession     *http;
  DlgSyncClient   *client;
} Fixture;

static char *
samples_dir (void)
{
  const char *env = g_getenv ("DLG_PLATFORM_SAMPLES");
  g_autofree char *dir = g_strdup (g_getenv ("G_TEST_SRCDIR"));

  if (env != NULL)
    return g_strdup (env);
  for (guint i = 0; dir != NULL && i < 4; i++)
    {
      g_autofree char *path = g_build_filename (dir, "shared", "platform-samples", NULL);
      char *parent;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&path);
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return NULL;
}

/* Starts the server; FALSE (the test skipped) when node or the samples are not there. */
static gboolean
fixture_start (Fixture         *f,
               DlgSyncSiteKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *samples = samples_dir ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "graphql", "server.js", NULL);
  g_autofree char *module = g_test_build_filename (G_TEST_DIST, "graphql", "node_modules",
                                                   "graphql", "package.json", NULL);
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "graphql",
                                                   kind == DLG_SYNC_SITE_DECIDIM
                                                   ? "decidim.schema.graphql"
                                                   : "capcollectif.schema.preview.graphql",
                                                   NULL);
  g_autofree char *line = NULL;
  g_autoptr(DlgProcess) process = NULL;
  guint port;

  if (node == NULL)
    {
      g_test_skip ("node is not installed: the GraphQL test server cannot run "
                   "(apt-get install nodejs npm)");
      return FALSE;
    }
  if (samples == NULL)
    {
      g_test_skip ("../shared/platform-samples not found (set DLG_PLATFORM_SAMPLES)");
      return FALSE;
    }
  if (!g_file_test (module, G_FILE_TEST_EXISTS))
    g_error ("npm graphql is missing: npm install --prefix tests/graphql graphql@16.9.0 "
             "(as .ci/run does)");

  f->kind = kind;
  f->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                &error, node, script,
                                "--platform", kind == DLG_SYNC_SITE_DECIDIM ? "decidim"
                                                                           : "capcollectif",
                                "--schema", schema, "--samples", samples,
                                kind == DLG_SYNC_SITE_CAP_COLLECTIF ? "--token" : NULL,
                                SITE_KEY, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (sscanf (line, "PORT %u", &port) == 1);
  f->site_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  f->http = soup_session_new ();

  f->store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  process = dlg_process_create (f->store, "Madrid en commun", &error);
  g_assert_no_error (error);
  f->process_id = dlg_process_get_id (process);
  g_assert_true (dlg_sync_set_site_kind (f->store, f->site_url, kind, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_sync_set_mapping (f->store, f->site_url, f->process_id,
                                       kind == DLG_SYNC_SITE_DECIDIM ? "7"
                                       : "UHJvamVjdDox" /* Project:1 */, &error));
  g_assert_no_error (error);

  f->client = dlg_sync_client_new (f->store, f->site_url);
  dlg_sync_client_set_kind (f->client, kind);
  if (kind == DLG_SYNC_SITE_CAP_COLLECTIF)
    dlg_sync_client_set_token (f->client, SITE_KEY);
  dlg_sync_client_set_backoff (f->client, 50, 2000, 5000, 4);
  return TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  g_clear_object (&f->http);
  if (f->server != NULL)
    {
      g_subprocess_force_exit (f->server);
      g_subprocess_wait (f->server, NULL, NULL);
      g_clear_object (&f->server);
    }
  g_free (f->site_url);
}

static JsonObject *
server_call (Fixture    *f,
             const char *method,
             const char *path,
             const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strconcat (f->site_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize size;
  const char *text;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (f->http, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  text = g_bytes_get_data (answer, &size);
  node = dlg_json_parse (text, size, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static void
control (Fixture    *f,
         const char *body)
{
  g_autoptr(JsonObject) ok = server_call (f, "POST", "/__control", body);
}

/* The server's count of what it refused: no query of the adapter may be invalid. */
static JsonObject *
server_log (Fixture *f)
{
  JsonObject *log = server_call (f, "GET", "/__log", NULL);

  if (json_object_get_int_member (log, "invalid") != 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), log);
      g_autofree char *text = dlg_json_node_to_string (node);

      g_error ("the platform's schema refused a query of the adapter: %s", text);
    }
  return log;
}

static void
assert_queries_valid (Fixture *f)
{
  g_autoptr(JsonObject) log = server_log (f);
}

/* The platform's id of the CONSUL proposal @consul_id (Cap Collectif's are global ids). */
static char *
remote_proposal (DlgSyncSiteKind  kind,
                 const char      *consul_id)
{
  g_autofree char *global = g_strconcat ("Proposal:", consul_id, NULL);

  return kind == DLG_SYNC_SITE_DECIDIM ? g_strdup (consul_id)
                                       : g_base64_encode ((const guchar *) global,
                                                          strlen (global));
}

static void
sync_ok (Fixture      *f,
         DlgSyncFlags  flags)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = dlg_sync_client_sync (f->client, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The contribution the platform's item @source_id made (the first if several: there must be
 * one). */
static DlgContribution *
find (Fixture    *f,
      const char *source_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                               "SELECT id, count(*) FROM contribution"
                                               " WHERE source_id = ?1", &error);
  DlgContribution *c;

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, source_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 1);
  c = dlg_contribution_load (f->store, sqlite3_column_int64 (stmt, 0), &error);
  g_assert_no_error (error);
  return c;
}

/* ------------------------------------------------------------------------------------------ */

static void
test_pull_twice (Fixture       *f,
                 gconstpointer  data)
{
  DlgSyncSiteKind kind = GPOINTER_TO_INT (data);
  g_autoptr(JsonObject) log = NULL;
  gint64 n, distinct;

  if (!fixture_start (f, kind))
    return;
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  n = count (f, "SELECT count(*) FROM contribution");
  distinct = count (f, "SELECT count(DISTINCT source_id) FROM contribution");
  g_test_message ("%s: %" G_GINT64_FORMAT " contributions after the first pull",
                  dlg_sync_site_kind_to_string (kind), n);
  g_assert_cmpint (n, ==, distinct);
  if (kind == DLG_SYNC_SITE_DECIDIM)
    {
      /* 80 CONSUL proposals and the 87 decidim.barcelona result comments. */
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE kind = 'idea'"), ==,
                       80);
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE kind = 'comment'"),
                       ==, 87);
      /* Threaded: every comment answers a proposal or a comment held. */
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution c WHERE kind = 'comment'"
                                 " AND NOT EXISTS (SELECT 1 FROM contribution p"
                                 "  WHERE p.uuid = c.parent_uuid)"), ==, 0);
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE lat IS NOT NULL"), ==,
                       20);
    }
  else
    {
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE kind = 'project'"), ==,
                       80);
      /* One in ten proposals is trashed on the platform: pulled, set aside. */
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE kind = 'project'"
                                 " AND moderation = 'trashed'"), ==, 8);
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE kind = 'idea'"), ==,
                       120);
      g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE kind = 'answer'"), >,
                       0);
    }
  log = server_log (f);
  if (kind == DLG_SYNC_SITE_DECIDIM)
    /* Decidim's API gives at most 50 a page: the adapter never asks more. */
    g_assert_cmpint (json_object_get_int_member (log, "max_first"), <=, 50);
  g_assert_cmpint (dlg_sync_client_get_n_pulled (f->client), ==, n);
  g_assert_nonnull (dlg_sync_client_get_site_abilities (f->client));

  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution"), ==, n);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 0);
  assert_queries_valid (f);
}

static void
test_vanished (Fixture       *f,
               gconstpointer  data)
{
  DlgSyncSiteKind kind = GPOINTER_TO_INT (data);
  g_autofree char *remote = remote_proposal (kind, "19");
  g_autofree char *source_id = g_strdup_printf ("proposal/%s", remote);
  g_autofree char *body = g_strdup_printf ("{\"vanish\": \"%s\"}", remote);
  g_autoptr(DlgContribution) before = NULL;
  g_autoptr(DlgContribution) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  if (!fixture_start (f, kind))
    return;
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  n = count (f, "SELECT count(*) FROM contribution");
  before = find (f, source_id);
  g_assert_null (dlg_contribution_get_site_missing_at (before));

  control (f, body);
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  /* Kept, marked "no longer on the site"; nothing else is. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution"), ==, n);
  after = find (f, source_id);
  g_assert_nonnull (dlg_contribution_get_site_missing_at (after));
  /* On Decidim its comments went with it (they hang on it): exactly that thread is marked. */
  {
    g_autofree char *sql = g_strdup_printf (
      "WITH RECURSIVE thread (uuid) AS (SELECT uuid FROM contribution WHERE source_id = '%s'"
      "  UNION SELECT c.uuid FROM contribution c JOIN thread t ON c.parent_uuid = t.uuid)"
      " SELECT count(*) FROM thread", source_id);
    gint64 thread = count (f, sql);

    if (kind == DLG_SYNC_SITE_DECIDIM)
      g_assert_cmpint (thread, >, 1);
    else
      g_assert_cmpint (thread, ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM contribution"
                               " WHERE site_missing_at IS NOT NULL"), ==, thread);
  }
  g_clear_pointer (&error, g_error_free);
  assert_queries_valid (f);
}

static void
test_renamed (Fixture       *f,
              gconstpointer  data)
{
  DlgSyncSiteKind kind = GPOINTER_TO_INT (data);
  g_autofree char *remote = remote_proposal (kind, "7");
  g_autofree char *source_id = g_strdup_printf ("proposal/%s", remote);
  g_autofree char *body = g_strdup_printf ("{\"edit\": {\"id\": \"%s\", \"title\": "
                                           "\"Limpiar las calles del centro\"}}", remote);
  g_autoptr(DlgContribution) before = NULL;
  g_autoptr(DlgContribution) after = NULL;
  gint64 n;

  if (!fixture_start (f, kind))
    return;
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  n = count (f, "SELECT count(*) FROM contribution");
  before = find (f, source_id);
  g_assert_cmpstr (dlg_contribution_get_title (before), ==, "Limpiar las calles");

  control (f, body);
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution"), ==, n);
  after = find (f, source_id);
  g_assert_cmpint (dlg_contribution_get_id (after), ==, dlg_contribution_get_id (before));
  g_assert_cmpstr (dlg_record_get_uuid (DLG_RECORD (after)), ==,
                   dlg_record_get_uuid (DLG_RECORD (before)));
  g_assert_cmpstr (dlg_contribution_get_title (after), ==, "Limpiar las calles del centro");
  assert_queries_valid (f);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  DlgSyncSiteKind kind = GPOINTER_TO_INT (data);
  g_autoptr(JsonObject) log = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (!fixture_start (f, kind))
    return;
  /* Two 429s with Retry-After: 1, waited for inline, then the pull goes on. */
  control (f, "{\"rate_limit\": 2}");
  started = g_get_monotonic_time ();
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 2 * G_USEC_PER_SEC - 100000);
  log = server_log (f);
  g_assert_cmpint (json_object_get_int_member (log, "rate_limited"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution"), >, 0);

  /* More 429s than attempts: the sync fails, says the site is busy, and what it had read
   * stays; the next sync completes. */
  control (f, "{\"rate_limit\": 10}");
  g_assert_false (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_UNAVAILABLE);
  control (f, "{\"rate_limit\": 0}");
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  assert_queries_valid (f);
}

static void
test_officer_kept (Fixture       *f,
                   gconstpointer  data)
{
  DlgSyncSiteKind kind = GPOINTER_TO_INT (data);
  g_autofree char *remote = remote_proposal (kind, "7");
  g_autofree char *source_id = g_strdup_printf ("proposal/%s", remote);
  g_autofree char *body = g_strdup_printf ("{\"edit\": {\"id\": \"%s\", \"body\": "
                                           "\"Un texte revu par son auteur\"}}", remote);
  g_autoptr(DlgContribution) c = NULL;
  g_autoptr(DlgContribution) after = NULL;
  g_autoptr(DlgTheme) theme = NULL;
  g_autoptr(GListModel) themes = NULL;
  g_autoptr(GError) error = NULL;

  if (!fixture_start (f, kind))
    return;
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  c = find (f, source_id);
  g_assert_cmpstr (dlg_contribution_get_moderation (c), ==, "published");
  theme = dlg_theme_new (f->process_id);
  dlg_theme_set_name (theme, "Propreté");
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  g_assert_no_error (error);
  g_assert_true (tag_one (f->store, dlg_contribution_get_id (c), dlg_theme_get_id (theme), TRUE,
                          &error));
  g_assert_no_error (error);
  dlg_contribution_set_note (c, "Voir la préconisation 2");
  dlg_contribution_set_highlighted (c, TRUE);
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_contribution_moderate (f->store, dlg_contribution_get_id (c), "trashed",
                                            "Hors sujet", &error));
  g_assert_no_error (error);

  /* The author rewrites it on the platform: the text follows, the officer's work stays. */
  control (f, body);
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  after = find (f, source_id);
  g_assert_cmpstr (dlg_contribution_get_body (after), ==, "Un texte revu par son auteur");
  g_assert_cmpstr (dlg_contribution_get_moderation (after), ==, "trashed");
  g_assert_cmpstr (dlg_contribution_get_moderation_reason (after), ==, "Hors sujet");
  g_assert_cmpstr (dlg_contribution_get_note (after), ==, "Voir la préconisation 2");
  g_assert_true (dlg_contribution_get_highlighted (after));
  themes = dlg_contribution_list_themes (f->store, dlg_contribution_get_id (after), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 1);
  assert_queries_valid (f);
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  DlgSyncSiteKind kind = GPOINTER_TO_INT (data);
  g_autofree char *remote = remote_proposal (kind, "19");
  g_autofree char *source_id = g_strdup_printf ("proposal/%s", remote);
  const char *hostile = "<b>x</b> %s%n '); DROP TABLE contribution; -- \\\"{{7*7}}\\\" é";
  const char *stored = "<b>x</b> %s%n '); DROP TABLE contribution; -- \"{{7*7}}\" é";
  g_autofree char *body = g_strdup_printf ("{\"edit\": {\"id\": \"%s\", \"title\": \"%s\"}}",
                                           remote, hostile);
  g_autoptr(DlgContribution) c = NULL;

  if (!fixture_start (f, kind))
    return;
  control (f, body);
  sync_ok (f, DLG_SYNC_FLAGS_NONE);
  c = find (f, source_id);
  /* Text, never markup nor SQL: stored as the citizen wrote it. */
  g_assert_cmpstr (dlg_contribution_get_title (c), ==, stored);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution"), >, 80);
  assert_queries_valid (f);
}

/* A query the schema refuses is an error of the sync, and nothing of it is written. */
static void
test_unmapped_and_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!fixture_start (f, DLG_SYNC_SITE_CAP_COLLECTIF))
    return;
  /* A wrong key: refused, said so. */
  dlg_sync_client_set_token (f->client, "mauvaise-cle");
  g_assert_false (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  /* A project the site does not have. */
  dlg_sync_client_set_token (f->client, SITE_KEY);
  g_assert_true (dlg_sync_set_mapping (f->store, f->site_url, f->process_id, "UHJvamVjdDo5",
                                       &error));
  g_assert_false (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);
  g_assert_true (dlg_sync_set_mapping (f->store, f->site_url, f->process_id, NULL, &error));
  g_assert_false (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution"), ==, 0);
}

/* dialogue-cli sync with the kind and the mapping given once, then recorded. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *map = NULL;
  const char *cli = g_getenv ("DIALOGUE_CLI");
  int status;

  if (!fixture_start (f, DLG_SYNC_SITE_DECIDIM))
    return;
  g_assert_nonnull (cli);
  dir = g_dir_make_tmp ("dialogue-graphql-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "cli.db", NULL);
  {
    g_autoptr(DlgStore) store = dlg_store_open (db, &error);
    g_autoptr(DlgProcess) process = NULL;

    g_assert_no_error (error);
    process = dlg_process_create (store, "Plan d’actions", &error);
    g_assert_no_error (error);
    map = g_strdup_printf ("%" G_GINT64_FORMAT "=pam", dlg_process_get_id (process));
  }
  {
    const char *argv[] = { cli, "--db", db, "sync", "--site", f->site_url, "--kind", "decidim",
                           "--map", map, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("%s%s", out, err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "pulled 167"));
    /* What introspection found of the write API, in words. */
    g_assert_nonnull (strstr (out, "accountability results"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    /* Again, with nothing but the site: the kind and mapping were kept; nothing doubles. */
    const char *argv[] = { cli, "--db", db, "sync", "--site", f->site_url, "--json", NULL };
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(DlgStore) store = NULL;
    g_autoptr(DlgStmt) stmt = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    node = dlg_json_parse (out, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "pulled"), ==, 0);
    store = dlg_store_open (db, &error);
    g_assert_no_error (error);
    stmt = dlg_store_prepare (store, "SELECT count(*) FROM contribution", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 167);
  }
  assert_queries_valid (f);
  g_unlink (db);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; DlgSyncSiteKind kind; } kinds[] = {
    { "capcollectif", DLG_SYNC_SITE_CAP_COLLECTIF },
    { "decidim", DLG_SYNC_SITE_DECIDIM },
  };
  static const struct { const char *name; GTestFixtureFunc func; } tests[] = {
    { "pull-twice-no-duplicate", (GTestFixtureFunc) test_pull_twice },
    { "vanished-item-marked", (GTestFixtureFunc) test_vanished },
    { "renamed-item-updated", (GTestFixtureFunc) test_renamed },
    { "rate-limited", (GTestFixtureFunc) test_rate_limited },
    { "officer-work-kept", (GTestFixtureFunc) test_officer_kept },
    { "hostile-text-literal", (GTestFixtureFunc) test_hostile_text },
  };

  g_test_init (&argc, &argv, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
      {
        g_autofree char *path = g_strdup_printf ("/sync/graphql/%s/%s", kinds[k].name,
                                                 tests[t].name);

        g_test_add_vtable (path, sizeof (Fixture), GINT_TO_POINTER (kinds[k].kind),
                           (GTestFixtureFunc) fixture_setup, tests[t].func,
                           (GTestFixtureFunc) fixture_teardown);
      }
  g_test_add ("/sync/graphql/capcollectif/key-and-mapping-refused", Fixture, NULL,
              fixture_setup, test_unmapped_and_refused, fixture_teardown);
  g_test_add ("/sync/graphql/decidim/cli-kind-and-mapping", Fixture, NULL, fixture_setup,
              test_cli, fixture_teardown);
  return g_test_run ();
}
