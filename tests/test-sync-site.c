/* test-sync-site.c — the sync client against a real dialogue-site on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dlg-training-site.h"
#include "coding-fixture.h"
#include "sync-test-site.h"

typedef struct
{
  char          *dir;
  TestSite      *site;
  DlgStore      *store;
  DlgSyncClient *client;
  gint64         process_id;
  char          *process_uuid;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_path = NULL;

  f->dir = g_dir_make_tmp ("dialogue-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->site = test_site_start (f->dir);
  app_path = g_build_filename (f->dir, "app.db", NULL);
  f->store = test_app_open (app_path);
  f->process_id = test_app_process (f->store, &f->process_uuid);
  f->client = test_app_client (f->store, f->site);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  test_site_stop (f->site);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->process_uuid);
}

static char *
form_path (Fixture    *f,
           const char *feature)
{
  return g_strdup_printf ("/p/%s/contribute/%s", f->process_uuid, feature);
}

static void
post_idea (Fixture    *f,
           const char *title,
           const char *body)
{
  g_autofree char *path = form_path (f, "ideas");
  const char *fields[] = { "title", title, "body", body, "author_ref", "Camille", NULL };

  test_site_post_form (f->site, path, fields);
}

static char *
get_page (Fixture    *f,
          const char *path,
          guint       expected_status)
{
  char *page = NULL;
  guint status = test_site_http (f->site, "GET", path, NULL, NULL, &page);

  g_assert_cmpuint (status, ==, expected_status);
  return page;
}

/* A contribution posted through the public form reaches the app's database with one sync. */
static void
test_form_contribution (Fixture       *f,
                        gconstpointer  data)
{
  test_app_sync (f->client);           /* publishes the process page: the form opens */
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);

  post_idea (f, "Des bancs à l'ombre", "Planter des arbres près des bancs de la place.");
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 1);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM contribution WHERE title = "
                                   "'Des bancs à l''ombre' AND author_ref = 'Camille' AND "
                                   "channel = 'online' AND remote_rev > 0"), ==, 1);

  /* A second sync brings nothing new and duplicates nothing. */
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 0);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 1);
}

/* A narrative written in the app appears on the public page after one sync. */
static void
test_narrative_published (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;

  uuid = dlg_sync_narrative_publish (f->store, f->process_id, NULL, "Ce que l'atelier a dit",
                                     "Le **premier atelier** a réuni 24 habitants.", &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("/p/%s/narratives/%s", f->process_uuid, uuid);
  g_free (get_page (f, path, 404));

  test_app_sync (f->client);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Ce que l’atelier a dit") != NULL ? page
                    : strstr (page, "Ce que l&#39;atelier a dit") != NULL ? page
                    : strstr (page, "Ce que l&#x27;atelier a dit"));
  g_assert_nonnull (strstr (page, "<strong>premier atelier</strong>"));
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM narrative WHERE sync_state = 'synced'"
                                   " AND etag IS NOT NULL"), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
}

/* A moderation decision made in the app hides the contribution on the site. */
static void
test_moderation_hides (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contributions = g_strdup_printf ("/p/%s/contributions", f->process_uuid);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *event = NULL;

  test_app_sync (f->client);
  post_idea (f, "Un marché le dimanche", "Un petit marché de producteurs.");
  post_idea (f, "Publicité pour un casino", "Spam.");
  test_app_sync (f->client);
  before = get_page (f, contributions, 200);
  g_assert_nonnull (strstr (before, "Publicité pour un casino"));

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                                 "SELECT uuid FROM contribution WHERE title ="
                                                 " 'Publicité pour un casino'", &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    uuid = dlg_stmt_dup_text (stmt, 0);
  }
  event = dlg_sync_enqueue_moderation (f->store, uuid, "trashed", "Hors sujet", &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM outbox WHERE method = 'POST' AND"
                                   " idempotency_key IS NOT NULL"), ==, 1);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);

  after = get_page (f, contributions, 200);
  g_assert_null (strstr (after, "Publicité pour un casino"));
  g_assert_nonnull (strstr (after, "Un marché le dimanche"));
  /* The pull confirms the decision instead of undoing it. */
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM contribution WHERE moderation ="
                                   " 'trashed' AND moderation_reason = 'Hors sujet'"), ==, 1);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM moderation_event WHERE sync_state ="
                                   " 'synced'"), ==, 1);
}

typedef struct
{
  GArray    *fractions;
  GPtrArray *phases;
} Progress;

static void
fraction_cb (DlgSyncClient *client,
             GParamSpec    *pspec,
             Progress      *progress)
{
  double fraction = dlg_sync_client_get_fraction (client);

  g_array_append_val (progress->fractions, fraction);
}

static void
phase_cb (DlgSyncClient *client,
          GParamSpec    *pspec,
          Progress      *progress)
{
  const char *phase = g_intern_string (dlg_sync_client_get_phase (client));

  g_ptr_array_add (progress->phases, (gpointer) phase);
}

/* 10,000 contributions pulled in pages: no duplicate, no gap; progress only goes forward. */
static void
test_pull_10000 (Fixture       *f,
                 gconstpointer  data)
{
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), g_ptr_array_new () };
  gint64 start;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_pages = 0;
  int rc;

  test_app_sync (f->client);
  ids = test_site_seed_contributions (f->site, f->process_uuid, 10000);
  dlg_sync_client_set_page_size (f->client, 450);    /* pages that do not divide 10,000 */
  g_signal_connect (f->client, "notify::fraction", G_CALLBACK (fraction_cb), &progress);
  g_signal_connect (f->client, "notify::phase", G_CALLBACK (phase_cb), &progress);
  start = g_get_monotonic_time ();
  test_app_sync (f->client);
  g_test_message ("pulled 10000 contributions in %.2f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_signal_handlers_disconnect_by_data (f->client, &progress);
  /* discovery → push → pull → idle, and 0 → … → 1 with 23 steps of pull in between. */
  g_assert_cmpuint (progress.phases->len, ==, 4);
  g_assert_cmpstr (progress.phases->pdata[0], ==, "discovery");
  g_assert_cmpstr (progress.phases->pdata[1], ==, "push");
  g_assert_cmpstr (progress.phases->pdata[2], ==, "pull");
  g_assert_cmpstr (progress.phases->pdata[3], ==, "idle");
  g_assert_cmpuint (progress.fractions->len, >=, 23);
  for (guint i = 1; i < progress.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (progress.fractions, double, i), >,
                       g_array_index (progress.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (progress.fractions, double, progress.fractions->len - 1),
                     ==, 1.0);
  g_array_unref (progress.fractions);
  g_ptr_array_unref (progress.phases);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 10000);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 10000);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(DISTINCT uuid) FROM contribution"),
                   ==, 10000);

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, "SELECT uuid FROM contribution",
                                                 &error);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_hash_table_add (seen, g_strdup (dlg_stmt_get_text (stmt, 0)));
    g_assert_cmpint (rc, ==, SQLITE_DONE);
  }
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, ids->pdata[i]));
  g_hash_table_foreach (seen, (GHFunc) g_free, NULL);
  n_pages = (guint) ((10000 + 449) / 450);
  g_test_message ("10000 contributions in %u pages", n_pages);

  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 0);
}

/* 500 and 503 with Retry-After, a connection closed mid-body, a too slow answer: retried,
 * and the sync ends with everything. */
static void
test_transient_faults (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  test_app_sync (f->client);
  post_idea (f, "Idée 1", "Texte 1");

  test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/changes\", \"count\": 2,"
                            " \"status\": 503, \"retry_after\": 1}");
  start = g_get_monotonic_time ();
  test_app_sync (f->client);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - 100000);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 1);

  post_idea (f, "Idée 2", "Texte 2");
  test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/changes\", \"count\": 1,"
                            " \"status\": 500}");
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 1);

  post_idea (f, "Idée 3", "Texte 3");
  test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/changes\", \"count\": 1,"
                            " \"mode\": \"close_mid_body\"}");
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 1);

  post_idea (f, "Idée 4", "Texte 4");
  dlg_sync_client_set_request_timeout (f->client, 700);
  test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/changes\", \"count\": 1,"
                            " \"mode\": \"slow\", \"delay_ms\": 3000}");
  start = g_get_monotonic_time ();
  test_app_sync (f->client);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 700 * 1000);
  g_assert_cmpuint (dlg_sync_client_get_n_pulled (f->client), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 4);
}

/* When the site stays down, the sync fails with a clear error and keeps everything: the
 * outbox row holds its attempts, next attempt time and error; the cursor does not move. */
static void
test_site_down_keeps_everything (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *last_error = NULL;
  gboolean paused = TRUE;

  test_app_sync (f->client);
  uuid = dlg_sync_narrative_publish (f->store, f->process_id, NULL, "Récit", "Texte", &error);
  g_assert_no_error (error);
  test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/narratives\", \"count\": 10,"
                            " \"status\": 503, \"retry_after\": 1}");
  dlg_sync_client_set_backoff (f->client, 50, 2000, 1500, 2);
  dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_UNAVAILABLE);
  g_assert_true (dlg_sync_error_is_transient (error));
  g_test_message ("%s", error->message);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM outbox WHERE attempts = 2 AND"
                                   " last_error IS NOT NULL AND next_attempt_at >="
                                   " unixepoch ()"), ==, 1);
  g_assert_true (dlg_sync_get_state (f->store, f->site->base_uri, NULL, &last_error, &paused,
                                     NULL));
  g_assert_nonnull (last_error);
  g_assert_false (paused);

  /* A periodic sync leaves the row alone until its time comes; an explicit one sends it. */
  g_clear_error (&error);
  test_site_clear_faults (f->site);
  dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_DUE_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 0);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
}

/* A narrative the site refuses (a stage it does not know), queued; returns its uuid. */
static char *
queue_refused_narrative (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *uuid = dlg_sync_narrative_publish (f->store, f->process_id, NULL, "Mauvais", "x",
                                           &error);
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                               "UPDATE narrative SET stage = 'nowhere'"
                                               " WHERE uuid = ?1", &error);

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, uuid);
  g_assert_true (dlg_store_step_done (f->store, stmt, &error));
  g_assert_true (dlg_sync_enqueue_narrative (f->store, uuid, &error));
  g_assert_no_error (error);
  return uuid;
}

/* 401 pauses the queue and says that a token is needed; 422 is shown, other rows go on. */
static void
test_auth_and_refusals (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  gboolean paused = FALSE;

  dlg_sync_client_set_token (f->client, "not-a-token");
  dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH);
  g_assert_null (strstr (error->message, "not-a-token"));
  g_assert_true (dlg_sync_get_state (f->store, f->site->base_uri, NULL, NULL, &paused, NULL));
  g_assert_true (paused);
  g_clear_error (&error);
  /* Paused: no request at all until a new token comes. */
  dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  dlg_sync_client_set_token (f->client, f->site->token);

  /* A narrative the site refuses (a stage it does not know) and a good one. */
  uuid = queue_refused_narrative (f);
  g_free (dlg_sync_narrative_publish (f->store, f->process_id, NULL, "Bon", "y", &error));
  g_assert_no_error (error);

  dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_sync_client_get_n_rejected (f->client), ==, 1);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 2);   /* process + "Bon" */
  g_assert_cmpuint (dlg_sync_client_get_problems (f->client)->len, ==, 1);
  g_test_message ("%s", (char *) dlg_sync_client_get_problems (f->client)->pdata[0]);
  g_assert_nonnull (strstr (dlg_sync_client_get_problems (f->client)->pdata[0], "stage"));
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 1);

  /* The refused change stays refused (and shown) until the officer changes it again. */
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_rejected (f->client), ==, 0);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 1);
  g_assert_true (dlg_store_exec (f->store, "UPDATE narrative SET stage = 'workshop'", &error));
  g_assert_true (dlg_sync_enqueue_narrative (f->store, uuid, &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
}

/* The process page, the argued response and a commitment with its updates, as the app builds
 * them, are accepted by the site and shown on its pages. */
static void
test_publish_response_and_commitments (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *response_page = NULL;
  g_autofree char *follow_up_page = NULL;
  g_autofree char *process_page = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlgStmt) stmt = NULL;

  stmt = dlg_store_prepare (f->store,
                            "INSERT INTO recommendation (uuid, process_id, number, title, body,"
                            " created_at) VALUES ('aaaaaaaa-0000-4000-8000-000000000001', ?1, 1,"
                            " 'Des arbres sur la place', 'Planter 20 arbres.', 'x');"
                            , &error);
  sqlite3_bind_int64 (stmt, 1, f->process_id);
  g_assert_true (dlg_store_step_done (f->store, stmt, &error));
  g_clear_pointer (&stmt, dlg_stmt_release);
  g_assert_true (dlg_store_exec (f->store,
                                 "INSERT INTO position (uuid, recommendation_id, value,"
                                 " justification, updated_at) VALUES"
                                 " ('bbbbbbbb-0000-4000-8000-000000000001', 1, 'retained',"
                                 " 'Budget voté en conseil.', 'x');"
                                 "INSERT INTO response (process_id, uuid, intro, published_at)"
                                 " VALUES (1, 'cccccccc-0000-4000-8000-000000000001',"
                                 " 'Voici notre réponse argumentée.', '2026-11-20T10:00:00Z');"
                                 "INSERT INTO commitment (uuid, process_id, position_id, title,"
                                 " department, due_date, status, progress, created_at) VALUES"
                                 " ('dddddddd-0000-4000-8000-000000000001', 1, 1,"
                                 " 'Planter les arbres', 'Espaces verts', '2027-03-31',"
                                 " 'in_progress', 40, 'x');"
                                 "INSERT INTO commitment_update (uuid, commitment_id, dated,"
                                 " progress, status, text) VALUES"
                                 " ('eeeeeeee-0000-4000-8000-000000000001', 1, '2026-12-01', 40,"
                                 " 'in_progress', 'Les fosses sont creusées.');", &error));
  g_assert_no_error (error);
  g_assert_true (dlg_sync_enqueue_response (f->store, f->process_id, &error));
  g_assert_true (dlg_sync_enqueue_commitment (f->store, "dddddddd-0000-4000-8000-000000000001",
                                              &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 3);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM response WHERE sync_state = 'synced'"),
                   ==, 1);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM commitment WHERE sync_state ="
                                   " 'synced'"), ==, 1);

  path = g_strdup_printf ("/p/%s", f->process_uuid);
  process_page = get_page (f, path, 200);
  g_assert_nonnull (strstr (process_page, "Comment rendre la place plus agréable ?"));
  g_free (path);
  path = g_strdup_printf ("/p/%s/response", f->process_uuid);
  response_page = get_page (f, path, 200);
  g_assert_nonnull (strstr (response_page, "Budget voté en conseil."));
  g_free (path);
  path = g_strdup_printf ("/p/%s/follow-up", f->process_uuid);
  follow_up_page = get_page (f, path, 200);
  g_assert_nonnull (strstr (follow_up_page, "Planter les arbres"));
  g_assert_nonnull (strstr (follow_up_page, "Les fosses sont creusées."));

  /* An update goes with If-Match and replaces the site's version. */
  g_assert_true (dlg_store_exec (f->store, "UPDATE commitment SET progress = 80", &error));
  g_assert_true (dlg_sync_enqueue_commitment (f->store, "dddddddd-0000-4000-8000-000000000001",
                                              &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (f->client), ==, 0);
}

/* Follow-up meetings and status reports switched "published" in the app appear on the site's
 * follow-up page after one sync, their text escaped; switched off, they leave it. */
static void
test_follow_up_published (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgFollowUp) meeting = dlg_follow_up_new (f->process_id);
  g_autoptr(DlgFollowUp) report = dlg_follow_up_new (f->process_id);
  g_autoptr(DlgFollowUp) draft = dlg_follow_up_new (f->process_id);
  g_autofree char *path = g_strdup_printf ("/p/%s/follow-up", f->process_uuid);
  g_autofree char *page = NULL;
  g_autofree char *process_path = g_strdup_printf ("/p/%s", f->process_uuid);
  g_autofree char *process_page = NULL;

  test_app_sync (f->client);
  dlg_follow_up_set_kind (meeting, "meeting");
  dlg_follow_up_set_dated (meeting, "2027-01-15");
  dlg_follow_up_set_title (meeting, "Comité n°1 <b>& bilan</b>");
  dlg_follow_up_set_body (meeting, "Le comité a relu les engagements.");
  dlg_follow_up_set_published (meeting, TRUE);
  g_assert_true (dlg_follow_up_save (f->store, meeting, &error));
  dlg_follow_up_set_kind (report, "report");
  dlg_follow_up_set_dated (report, "2027-02-01");
  dlg_follow_up_set_title (report, "Bilan à six mois");
  dlg_follow_up_set_body (report, "Trois engagements sur cinq sont en cours.");
  dlg_follow_up_set_published (report, TRUE);
  g_assert_true (dlg_follow_up_save (f->store, report, &error));
  dlg_follow_up_set_kind (draft, "report");
  dlg_follow_up_set_dated (draft, "2027-02-02");
  dlg_follow_up_set_title (draft, "Brouillon interne");
  g_assert_true (dlg_follow_up_save (f->store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "follow_up",
                                             dlg_follow_up_get_uuid (meeting)),
                   ==, DLG_SYNC_PUBLICATION_PENDING);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "follow_up",
                                             dlg_follow_up_get_uuid (draft)),
                   ==, DLG_SYNC_PUBLICATION_LOCAL);
  g_assert_cmpint (dlg_sync_count_pending (f->store, NULL), ==, 2);

  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 2);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "follow_up",
                                             dlg_follow_up_get_uuid (meeting)),
                   ==, DLG_SYNC_PUBLICATION_ON_SITE);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Les réunions du comité de suivi"));
  g_assert_nonnull (strstr (page, "Comité n°1 &lt;b&gt;&amp; bilan&lt;/b&gt;"));
  g_assert_null (strstr (page, "<b>&"));
  g_assert_nonnull (strstr (page, "Le comité a relu les engagements."));
  g_assert_nonnull (strstr (page, "Les bilans d’avancement"));
  g_assert_nonnull (strstr (page, "Trois engagements sur cinq sont en cours."));
  g_assert_null (strstr (page, "Brouillon interne"));
  process_page = get_page (f, process_path, 200);
  g_assert_nonnull (strstr (process_page, "/follow-up"));

  /* An edit goes with If-Match; switching "published" off removes it from the site. */
  dlg_follow_up_set_body (report, "Quatre engagements sur cinq sont en cours.");
  g_assert_true (dlg_follow_up_save (f->store, report, &error));
  g_assert_cmpint (dlg_sync_get_publication (f->store, "follow_up",
                                             dlg_follow_up_get_uuid (report)),
                   ==, DLG_SYNC_PUBLICATION_CHANGED);
  dlg_follow_up_set_published (meeting, FALSE);
  g_assert_true (dlg_follow_up_save (f->store, meeting, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "follow_up",
                                             dlg_follow_up_get_uuid (meeting)),
                   ==, DLG_SYNC_PUBLICATION_LEAVING);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 2);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (f->client), ==, 0);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_null (strstr (page, "Comité n°1"));
  g_assert_nonnull (strstr (page, "Quatre engagements sur cinq sont en cours."));
  g_assert_cmpint (dlg_sync_get_publication (f->store, "follow_up",
                                             dlg_follow_up_get_uuid (meeting)),
                   ==, DLG_SYNC_PUBLICATION_LOCAL);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM follow_up"), ==, 3);

  /* Published again: created anew on the site. */
  dlg_follow_up_set_published (meeting, TRUE);
  g_assert_true (dlg_follow_up_save (f->store, meeting, &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Comité n°1 &lt;b&gt;"));

  /* Deleted in the app: deleted on the site. */
  g_assert_true (dlg_follow_up_delete (f->store, dlg_follow_up_get_id (meeting), &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_null (strstr (page, "Comité n°1"));
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
}

static char *
contribution_uuid (Fixture    *f,
                   const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                               "SELECT uuid FROM contribution WHERE title = ?1",
                                               &error);

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, title);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return dlg_stmt_dup_text (stmt, 0);
}

/* A contribution received in person, once moderated "published" in the app, is among the
 * site's published contributions with its channel; set aside, it leaves them. */
static void
test_in_person_published (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) c = dlg_contribution_new (f->process_id);
  g_autofree char *path = g_strdup_printf ("/p/%s/contributions", f->process_uuid);
  g_autofree char *page = NULL;
  g_autofree char *one = NULL;

  test_app_sync (f->client);
  dlg_contribution_set_channel (c, "in_person");
  dlg_contribution_set_feature (c, "ideas");
  dlg_contribution_set_title (c, "Des <i>jeux</i> & des bancs");
  dlg_contribution_set_body (c, "Dit à l’atelier du 12 : des jeux pour les enfants.");
  dlg_contribution_set_author_ref (c, "Une habitante");
  dlg_contribution_set_created_at (c, "2026-11-30T18:00:00Z");
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_no_error (error);

  /* Awaiting moderation: it stays in the app. */
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 0);
  page = get_page (f, path, 200);
  g_assert_null (strstr (page, "jeux"));
  g_assert_cmpint (dlg_sync_get_publication (f->store, "contribution",
                                             dlg_contribution_get_uuid (c)),
                   ==, DLG_SYNC_PUBLICATION_LOCAL);

  g_assert_true (dlg_contribution_moderate (f->store, dlg_contribution_get_id (c), "published",
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "contribution",
                                             dlg_contribution_get_uuid (c)),
                   ==, DLG_SYNC_PUBLICATION_PENDING);
  test_app_sync (f->client);
  g_assert_cmpstr (dlg_sync_client_get_problems (f->client)->len > 0
                   ? g_ptr_array_index (dlg_sync_client_get_problems (f->client), 0) : NULL,
                   ==, NULL);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Des &lt;i&gt;jeux&lt;/i&gt; &amp; des bancs"));
  g_assert_nonnull (strstr (page, "Recueillie en atelier"));
  g_assert_nonnull (strstr (page, "Une habitante"));
  g_assert_cmpint (dlg_sync_get_publication (f->store, "contribution",
                                             dlg_contribution_get_uuid (c)),
                   ==, DLG_SYNC_PUBLICATION_ON_SITE);
  /* The pull brings it back as the site's, without duplicating it. */
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution WHERE"
                                             " channel = 'in_person'"), ==, 1);
  one = g_strdup_printf ("/p/%s/contributions/%s", f->process_uuid,
                         dlg_contribution_get_uuid (c));
  g_free (get_page (f, one, 200));

  /* An edit of the text reaches the site (If-Match on the site's rev). */
  dlg_contribution_set_body (c, "Des jeux pour les petits et un point d’eau.");
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (f->client), ==, 0);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "un point d’eau"));

  g_assert_true (dlg_contribution_moderate (f->store, dlg_contribution_get_id (c), "trashed",
                                            "Doublon", &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "contribution",
                                             dlg_contribution_get_uuid (c)),
                   ==, DLG_SYNC_PUBLICATION_LEAVING);
  test_app_sync (f->client);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_null (strstr (page, "jeux"));
  g_free (get_page (f, one, 404));
  g_assert_cmpint (dlg_sync_count_pending (f->store, NULL), ==, 0);
}

/* A contribution received in person is the app's own: pulled back from the feed it keeps its
 * channel, and a full resync after the site lost it never deletes it from the app. */
static void
test_in_person_kept (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) c = dlg_contribution_new (f->process_id);
  g_autoptr(DlgSiteDb) db = NULL;

  test_app_sync (f->client);
  dlg_contribution_set_channel (c, "mail");
  dlg_contribution_set_feature (c, "ideas");
  dlg_contribution_set_title (c, "Une lettre pour le square");
  dlg_contribution_set_created_at (c, "2026-11-30T18:00:00Z");
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_true (dlg_contribution_moderate (f->store, dlg_contribution_get_id (c), "published",
                                            NULL, &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);

  /* The row gone from the app (without touching the site), the feed read again from the
   * start: it comes back as received by mail. */
  g_assert_true (dlg_store_exec (f->store,
                                 "UPDATE contribution SET sync_state = 'deleted';"
                                 "DELETE FROM contribution;"
                                 "UPDATE sync_state SET cursor = NULL;", &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM contribution WHERE channel = 'mail'"
                                   " AND title = 'Une lettre pour le square'"), ==, 1);

  /* The site loses it without a trace and expires the cursors: the full resync keeps it. */
  db = test_site_open_db (f->site);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (dlg_site_db_get_handle (db),
                                         "DELETE FROM objects WHERE type = 'contribution'", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  g_assert_true (dlg_site_db_expire_cursors (db, &error));
  g_assert_no_error (error);
  dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM contribution WHERE channel = 'mail'"),
                   ==, 1);
}

/* A contribution the team highlights is marked so on the site; unhighlighted, the mark goes. */
static void
test_highlight_shown (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) c = NULL;
  g_autofree char *path = g_strdup_printf ("/p/%s/contributions", f->process_uuid);
  g_autofree char *page = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *card = NULL;
  const char *in_card;

  test_app_sync (f->client);
  post_idea (f, "Une fontaine", "Une fontaine d’eau potable.");
  post_idea (f, "Un abri vélo", "Un abri pour les vélos.");
  test_app_sync (f->client);
  uuid = contribution_uuid (f, "Une fontaine");
  c = dlg_contribution_load (f->store, test_app_count (f->store,
                                                       "SELECT id FROM contribution WHERE"
                                                       " title = 'Une fontaine'"), &error);
  g_assert_no_error (error);
  dlg_contribution_set_highlighted (c, TRUE);
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "highlight", uuid),
                   ==, DLG_SYNC_PUBLICATION_PENDING);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_assert_cmpint (dlg_sync_get_publication (f->store, "highlight", uuid),
                   ==, DLG_SYNC_PUBLICATION_ON_SITE);
  page = get_page (f, path, 200);
  card = g_strdup_printf ("id=\"c-%s\"", uuid);
  in_card = strstr (page, card);
  g_assert_nonnull (in_card);
  /* The mark is in that card, and only once on the page. */
  g_assert_nonnull (strstr (in_card, "Mise en avant par l’équipe"));
  g_assert_true (strstr (in_card, "Mise en avant par l’équipe") < strstr (in_card, "</li>"));
  g_assert_null (strstr (strstr (page, "Mise en avant par l’équipe") + 1,
                         "Mise en avant par l’équipe"));

  dlg_contribution_set_highlighted (c, FALSE);
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_cmpint (dlg_sync_get_publication (f->store, "highlight", uuid),
                   ==, DLG_SYNC_PUBLICATION_LEAVING);
  test_app_sync (f->client);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_null (strstr (page, "Mise en avant par l’équipe"));
  g_assert_cmpint (dlg_sync_get_publication (f->store, "highlight", uuid),
                   ==, DLG_SYNC_PUBLICATION_LOCAL);
  g_assert_cmpint (dlg_sync_count_pending (f->store, NULL), ==, 0);
}

/* The argued response shows, under each recommendation, links to the contributions it comes
 * from; a link added after publication reaches the site too. */
static void
test_recommendation_sources (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/p/%s/response", f->process_uuid);
  g_autofree char *page = NULL;
  g_autofree char *fountain = NULL;
  g_autofree char *shelter = NULL;
  g_autofree char *link = NULL;
  g_autoptr(DlgStmt) stmt = NULL;

  test_app_sync (f->client);
  post_idea (f, "Une fontaine <près> du kiosque", "Une fontaine d’eau potable.");
  post_idea (f, "Un abri vélo", "Un abri pour les vélos.");
  test_app_sync (f->client);
  fountain = contribution_uuid (f, "Une fontaine <près> du kiosque");
  shelter = contribution_uuid (f, "Un abri vélo");

  stmt = dlg_store_prepare (f->store,
                            "INSERT INTO recommendation (uuid, process_id, number, title, body,"
                            " created_at) VALUES ('aaaaaaaa-0000-4000-8000-000000000002', ?1, 1,"
                            " 'De l’eau sur la place', 'Une fontaine.', 'x')", &error);
  sqlite3_bind_int64 (stmt, 1, f->process_id);
  g_assert_true (dlg_store_step_done (f->store, stmt, &error));
  g_clear_pointer (&stmt, dlg_stmt_release);
  g_assert_true (dlg_store_exec (f->store,
                                 "INSERT INTO recommendation_source (recommendation_id,"
                                 " contribution_id) SELECT 1, id FROM contribution WHERE"
                                 " title LIKE 'Une fontaine%';"
                                 "INSERT INTO position (uuid, recommendation_id, value,"
                                 " justification, updated_at) VALUES"
                                 " ('bbbbbbbb-0000-4000-8000-000000000002', 1, 'retained',"
                                 " 'Budget voté.', 'x');"
                                 "INSERT INTO response (process_id, uuid, intro, published_at)"
                                 " VALUES (1, 'cccccccc-0000-4000-8000-000000000002',"
                                 " 'Notre réponse.', '2026-11-20T10:00:00Z');", &error));
  g_assert_no_error (error);
  g_assert_true (dlg_sync_enqueue_response (f->store, f->process_id, &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Issue des contributions"));
  link = g_strdup_printf ("href=\"/p/%s/contributions/%s\">Une fontaine &lt;près&gt; du kiosque"
                          "</a>", f->process_uuid, fountain);
  g_assert_nonnull (strstr (page, link));
  g_assert_null (strstr (page, shelter));
  {
    g_autofree char *one = g_strdup_printf ("/p/%s/contributions/%s", f->process_uuid,
                                            fountain);
    g_autofree char *target = get_page (f, one, 200);

    g_assert_nonnull (strstr (target, "Une fontaine d’eau potable."));
  }

  /* A source linked after publication: the response is pushed again. */
  g_assert_true (dlg_store_exec (f->store,
                                 "INSERT INTO recommendation_source (recommendation_id,"
                                 " contribution_id) SELECT 1, id FROM contribution WHERE"
                                 " title = 'Un abri vélo'", &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, shelter));
  g_assert_nonnull (strstr (page, "Un abri vélo</a>"));

  /* Unlinked: the link leaves the site. */
  g_assert_true (dlg_store_exec (f->store,
                                 "DELETE FROM recommendation_source WHERE contribution_id ="
                                 " (SELECT id FROM contribution WHERE title = 'Un abri vélo')",
                                 &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_clear_pointer (&page, g_free);
  page = get_page (f, path, 200);
  g_assert_null (strstr (page, shelter));
  g_assert_nonnull (strstr (page, link));
}

/* Changes made through the domain API (as the app's views make them) reach the site: a
 * narrative saved, published, edited and deleted, and a moderation decision. */
static void
test_domain_api (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgNarrative) narrative = dlg_narrative_new (f->process_id);
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *contributions = g_strdup_printf ("/p/%s/contributions", f->process_uuid);
  gint64 contribution_id;

  test_app_sync (f->client);
  dlg_narrative_set_title (narrative, "Récit du domaine");
  dlg_narrative_set_body_md (narrative, "Première version.");
  g_assert_true (dlg_narrative_save (f->store, narrative, &error));
  g_assert_no_error (error);
  /* A draft stays in the app. */
  g_assert_cmpint (dlg_sync_count_pending (f->store, NULL), ==, 0);
  g_assert_true (dlg_narrative_publish (f->store, dlg_narrative_get_id (narrative), &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_count_pending (f->store, NULL), ==, 1);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  path = g_strdup_printf ("/p/%s/narratives/%s", f->process_uuid,
                          dlg_narrative_get_uuid (narrative));
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Première version."));
  g_clear_pointer (&page, g_free);

  /* Edited through the domain: sent with If-Match. */
  g_clear_object (&narrative);
  {
    g_autoptr(GListModel) list = dlg_narrative_list (f->store, f->process_id, &error);

    narrative = g_list_model_get_item (list, 0);
  }
  dlg_narrative_set_body_md (narrative, "Deuxième version.");
  g_assert_true (dlg_narrative_save (f->store, narrative, &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (f->client), ==, 0);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Deuxième version."));
  g_clear_pointer (&page, g_free);

  /* Moderated through the domain. */
  post_idea (f, "Message hors sujet", "Publicité.");
  test_app_sync (f->client);
  contribution_id = test_app_count (f->store, "SELECT id FROM contribution WHERE title ="
                                              " 'Message hors sujet'");
  g_assert_true (dlg_contribution_moderate (f->store, contribution_id, "trashed", "Hors sujet",
                                            &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  page = get_page (f, contributions, 200);
  g_assert_null (strstr (page, "Message hors sujet"));
  g_clear_pointer (&page, g_free);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM moderation_event WHERE"
                                             " sync_state = 'synced'"), ==, 1);

  /* Deleted through the domain: the trigger queues the DELETE. */
  g_assert_true (dlg_narrative_delete (f->store, dlg_narrative_get_id (narrative), &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox WHERE method ="
                                             " 'DELETE' AND etag_expected IS NOT NULL"), ==, 1);
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  {
    guint status = test_site_http (f->site, "GET", path, NULL, NULL, NULL);

    g_assert_true (status == 404 || status == 410);
  }
}

/* A process page goes public once its mandate is done (no explicit push needed), and a stage
 * transition or a feature change afterwards pushes it again. */
static void
test_process_page_follows_stages (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_create (f->store, "Plan vélo du quartier", &error);
  g_autoptr(DlgFeature) feature = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *page = NULL;
  g_autofree char *etag_sql = NULL;
  gint64 id;
  gint64 etag_before, etag_after;

  g_assert_no_error (error);
  id = dlg_process_get_id (process);
  page_path = g_strdup_printf ("/p/%s", dlg_process_get_uuid (process));
  etag_sql = g_strdup_printf ("SELECT CAST (trim (etag, '\"') AS INTEGER) FROM process"
                              " WHERE id = %" G_GINT64_FORMAT, id);
  test_app_sync (f->client);

  for (DlgStage s = DLG_STAGE_DIAGNOSTIC; s < DLG_STAGE_MANDATE; s++)
    {
      g_assert_true (dlg_stage_apply (f->store, id, s, DLG_TRANSITION_START, NULL, &error));
      g_assert_true (dlg_stage_apply (f->store, id, s, DLG_TRANSITION_SKIP,
                                      "Déjà fait dans le plan vélo métropolitain.", &error));
      g_assert_no_error (error);
    }
  g_assert_true (dlg_stage_apply (f->store, id, DLG_STAGE_MANDATE, DLG_TRANSITION_START, NULL,
                                  &error));
  g_assert_true (dlg_process_set_field (f->store, id, DLG_FIELD_MANDATE_QUESTION,
                                        "Où manque-t-il des arceaux vélo ?", &error));
  g_assert_true (dlg_process_set_field (f->store, id, DLG_FIELD_MANDATE_PERIMETER,
                                        "Le stationnement des vélos.", &error));
  feature = dlg_feature_new (id, "map");
  dlg_feature_set_enabled (feature, TRUE);
  dlg_feature_set_rules (feature, "Chaque point est étudié par le service des mobilités.");
  g_assert_true (dlg_feature_save (f->store, feature, &error));
  g_assert_no_error (error);

  /* Mandate not done: the page stays in the app. */
  test_app_sync (f->client);
  g_free (get_page (f, page_path, 404));

  g_assert_true (dlg_stage_apply (f->store, id, DLG_STAGE_MANDATE, DLG_TRANSITION_DONE, NULL,
                                  &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  page = get_page (f, page_path, 200);
  g_assert_nonnull (strstr (page, "Où manque-t-il des arceaux vélo ?"));
  etag_before = test_app_count (f->store, etag_sql);
  g_assert_cmpint (etag_before, >, 0);

  /* The next stage starts: the timeline on the site follows. */
  g_assert_true (dlg_stage_apply (f->store, id, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_START,
                                  NULL, &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  etag_after = test_app_count (f->store, etag_sql);
  g_assert_cmpint (etag_after, >, etag_before);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
}

/* The app closes the recruitment, the sync pushes the process page, and the site's registration
 * form closes: the page says so and a form sent anyway is refused, nothing kept. A registration
 * the site took before it learnt of the closing is pulled, kept and counted as late. */
static void
test_registration_closes_with_stage (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *register_path = g_strdup_printf ("/p/%s/register", f->process_uuid);
  g_autofree char *ideas_path = form_path (f, "ideas");
  g_autofree char *page = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GListModel) pulled = NULL;
  g_autoptr(DlgParticipant) first = NULL;
  const char *fields[] = { "age_band", "30-44", "gender", "woman", "commune", "nantes",
                           "occupation", "employee", "prior_participation", "no",
                           "full_name", "Awa Diallo", "email", "awa@example.fr",
                           "consent", "yes", NULL };

  test_app_sync (f->client);
  test_site_post_form (f->site, register_path, fields);
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM participant"), ==, 1);

  /* The officer runs the stages to the recruitment and closes it with its panel. */
  for (DlgStage s = DLG_STAGE_DIAGNOSTIC; s < DLG_STAGE_RECRUITMENT; s++)
    {
      g_assert_true (dlg_stage_apply (f->store, f->process_id, s, DLG_TRANSITION_START, NULL,
                                      &error));
      g_assert_true (dlg_stage_apply (f->store, f->process_id, s, DLG_TRANSITION_SKIP,
                                      "Fait en amont.", &error));
      g_assert_no_error (error);
    }
  g_assert_true (dlg_stage_apply (f->store, f->process_id, DLG_STAGE_RECRUITMENT,
                                  DLG_TRANSITION_START, NULL, &error));
  pulled = dlg_participant_list (f->store, f->process_id, &error);
  first = g_list_model_get_item (pulled, 0);
  dlg_participant_set_status (first, "selected");
  g_assert_true (dlg_participant_save (f->store, first, &error));
  g_assert_true (dlg_stage_apply (f->store, f->process_id, DLG_STAGE_RECRUITMENT,
                                  DLG_TRANSITION_DONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_participant_count_late (f->store, f->process_id, NULL), ==, 0);

  /* Before the next sync, the site still takes a registration (a second later: dates are to
   * the second). */
  g_usleep (1100 * 1000);
  test_site_post_form (f->site, register_path, fields);
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM participant"), ==, 2);
  g_assert_cmpint (dlg_participant_count_late (f->store, f->process_id, NULL), ==, 1);

  /* After it, the form is closed and says so. */
  page = get_page (f, register_path, 200);
  g_assert_nonnull (strstr (page, "Inscriptions closes"));
  g_assert_nonnull (strstr (page, "les inscriptions sont closes"));
  g_assert_null (strstr (page, "csrf_token"));
  g_clear_pointer (&page, g_free);
  {
    g_autofree char *process_path = g_strdup_printf ("/p/%s", f->process_uuid);

    page = get_page (f, process_path, 200);
    g_assert_nonnull (strstr (page, "les inscriptions sont closes"));
    g_assert_null (strstr (page, register_path));
  }

  /* A form sent anyway (with a valid token of the session) is refused, and nothing is kept. */
  {
    g_autofree char *form = get_page (f, ideas_path, 200);
    const char *start = strstr (form, "name=\"csrf_token\" value=\"");
    g_autofree char *token = NULL;
    g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *encoded = NULL;

    g_assert_nonnull (start);
    start += strlen ("name=\"csrf_token\" value=\"");
    token = g_strndup (start, strchr (start, '"') - start);
    g_hash_table_insert (values, (gpointer) "csrf_token", token);
    for (guint i = 0; fields[i] != NULL; i += 2)
      g_hash_table_insert (values, (gpointer) fields[i], (gpointer) fields[i + 1]);
    encoded = soup_form_encode_hash (values);
    g_assert_cmpuint (test_site_http (f->site, "POST", register_path,
                                      "application/x-www-form-urlencoded", encoded, &answer),
                      ==, 403);
    g_assert_nonnull (strstr (answer, "les inscriptions sont closes"));
  }
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM participant"), ==, 2);
}

static gint64
count_marked (Fixture *f)
{
  return test_app_count (f->store,
                         "SELECT count(*) FROM contribution WHERE site_missing_at IS NOT NULL");
}

/* An expired cursor (410) leads to a full resync that keeps unsent local edits. */
static void
test_expired_cursor (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(DlgSiteDb) db = NULL;
  g_autofree char *event = NULL;
  g_autofree char *narrative = NULL;
  gint64 rev;

  test_app_sync (f->client);
  ids = test_site_seed_contributions (f->site, f->process_uuid, 30);
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 30);

  /* Unsent local edits: a moderation decision and a narrative. */
  event = dlg_sync_enqueue_moderation (f->store, ids->pdata[0], "trashed", "Doublon", &error);
  g_assert_no_error (error);
  narrative = dlg_sync_narrative_publish (f->store, f->process_id, NULL, "Brouillon", "z",
                                          &error);
  g_assert_no_error (error);

  /* Meanwhile on the site: #0 edited, #1 deleted, #2 gone without a trace, cursors expired. */
  db = test_site_open_db (f->site);
  {
    g_autofree char *data0 = g_strdup_printf (
      "{\"process_id\": \"%s\", \"feature\": \"ideas\", \"kind\": \"idea\", \"title\":"
      " \"Idée 0 corrigée\", \"body\": \"b\", \"created_at\": \"2026-11-25T10:00:00Z\","
      " \"moderation\": \"published\", \"supports\": 9}", f->process_uuid);

    g_assert_true (dlg_site_db_put_object (db, "contribution", ids->pdata[0], f->process_uuid,
                                           data0, &rev, &error));
  }
  g_assert_true (dlg_site_db_delete_object (db, "contribution", ids->pdata[1], FALSE, &rev,
                                            &error));
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (dlg_site_db_get_handle (db),
                                         "DELETE FROM objects WHERE id = ?1", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, ids->pdata[2], -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  g_assert_true (dlg_site_db_expire_cursors (db, &error));
  g_assert_no_error (error);

  dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error);
  g_assert_no_error (error);

  /* #0: the site's new text, but the officer's unsent decision stays. */
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM contribution WHERE title = 'Idée 0"
                                   " corrigée' AND moderation = 'trashed' AND"
                                   " moderation_reason = 'Doublon' AND supports = 9"), ==, 1);
  /* #1 deleted by the feed goes; #2, gone without a trace, is kept, marked. */
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 29);
  g_assert_cmpint (count_marked (f), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM sync_state WHERE full_resync = 0 AND"
                                   " cursor IS NOT NULL"), ==, 1);

  /* And the next sync sends them. */
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 2);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM contribution WHERE moderation ="
                                   " 'trashed'"), ==, 1);
}

/* Runs dialogue-cli with @args (NULL-terminated); returns its exit status. */
static int
run_cli (Fixture            *f,
         gboolean            debug,
         char              **out,
         char              **err,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "DIALOGUE_TOKEN", f->site->token, TRUE);
  if (debug)
    g_subprocess_launcher_setenv (launcher, "DIALOGUE_SYNC_DEBUG", "1", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
copy_database (DlgStore   *from,
               const char *to_path)
{
  sqlite3 *to = NULL;
  sqlite3_backup *backup;

  g_assert_cmpint (sqlite3_open (to_path, &to), ==, SQLITE_OK);
  backup = sqlite3_backup_init (to, "main", dlg_store_get_db (from), "main");
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  sqlite3_backup_finish (backup);
  sqlite3_close (to);
}

/* Two clients edit the same narrative: 412, both versions kept, the officer chooses. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) other = NULL;
  g_autoptr(DlgSyncClient) other_client = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  DlgSyncConflict *conflict;

  uuid = dlg_sync_narrative_publish (f->store, f->process_id, NULL, "Récit commun",
                                     "Version de départ", &error);
  g_assert_no_error (error);
  test_app_sync (f->client);

  /* A colleague's laptop holds the same database. */
  copy_database (f->store, other_path);
  other = test_app_open (other_path);
  other_client = test_app_client (other, f->site);

  g_free (dlg_sync_narrative_publish (f->store, f->process_id, uuid, "Récit commun",
                                      "Version d'Alice", &error));
  test_app_sync (f->client);
  g_free (dlg_sync_narrative_publish (other, f->process_id, uuid, "Récit commun",
                                      "Version de Bruno", &error));
  g_assert_no_error (error);
  test_app_sync (other_client);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (other_client), ==, 1);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (other_client), ==, 0);

  /* Both versions are kept; the site still has Alice's; Bruno's edit is still in the outbox. */
  conflicts = dlg_sync_list_conflicts (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->object_type, ==, "narrative");
  g_assert_cmpstr (conflict->object_uuid, ==, uuid);
  g_assert_nonnull (strstr (conflict->local_json, "Version de Bruno"));
  g_assert_nonnull (strstr (conflict->site_json, "Version d'Alice"));
  g_assert_nonnull (conflict->site_etag);
  g_assert_cmpint (test_app_count (other,
                                   "SELECT count(*) FROM narrative WHERE sync_state ="
                                   " 'conflict' AND body_md = 'Version de Bruno'"), ==, 1);
  g_assert_cmpint (dlg_sync_count_conflicts (other, NULL), ==, 1);
  path = g_strdup_printf ("/p/%s/narratives/%s", f->process_uuid, uuid);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Alice"));
  g_clear_pointer (&page, g_free);

  /* dialogue-cli lists it too. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                              (const char *[]) { "conflicts", "--db", other_path, "--json",
                                                 NULL }), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))),
                      ==, 1);
  }

  /* A sync while the conflict waits changes nothing. */
  test_app_sync (other_client);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (other_client), ==, 0);

  /* Keep mine as a copy: the original takes Alice's text, Bruno's becomes a new narrative. */
  g_assert_true (dlg_sync_resolve_conflict (other, conflict->id, DLG_SYNC_KEEP_MINE_AS_COPY,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_count_conflicts (other, NULL), ==, 0);
  test_app_sync (other_client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (other_client), ==, 1);
  g_assert_cmpint (test_app_count (other,
                                   "SELECT count(*) FROM narrative WHERE title = 'Récit commun"
                                   " (my version)' AND body_md = 'Version de Bruno' AND"
                                   " sync_state = 'synced'"), ==, 1);
  g_assert_cmpint (test_app_count (other,
                                   "SELECT count(*) FROM narrative WHERE title = 'Récit commun'"
                                   " AND body_md = 'Version d''Alice' AND"
                                   " sync_state = 'synced'"), ==, 1);

  /* A second round, resolved with "keep mine": Bruno's text goes over Alice's. */
  g_free (dlg_sync_narrative_publish (f->store, f->process_id, uuid, "Récit commun",
                                      "Alice, deuxième", &error));
  test_app_sync (f->client);
  g_free (dlg_sync_narrative_publish (other, f->process_id, uuid, "Récit commun",
                                      "Bruno, deuxième", &error));
  test_app_sync (other_client);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (other_client), ==, 1);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = dlg_sync_list_conflicts (other, &error);
  g_assert_true (dlg_sync_resolve_conflict (other, ((DlgSyncConflict *) conflicts->pdata[0])->id,
                                            DLG_SYNC_KEEP_MINE, &error));
  g_assert_no_error (error);
  test_app_sync (other_client);
  g_assert_cmpuint (dlg_sync_client_get_n_pushed (other_client), ==, 1);
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "Bruno, deuxième"));
  g_clear_pointer (&page, g_free);

  /* Alice's next edit now conflicts; she keeps the site's (Bruno's) version. */
  g_free (dlg_sync_narrative_publish (f->store, f->process_id, uuid, "Récit commun",
                                      "Alice, troisième", &error));
  test_app_sync (f->client);
  g_assert_cmpuint (dlg_sync_client_get_n_conflicts (f->client), ==, 1);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = dlg_sync_list_conflicts (f->store, &error);
  g_assert_true (dlg_sync_resolve_conflict (f->store,
                                            ((DlgSyncConflict *) conflicts->pdata[0])->id,
                                            DLG_SYNC_KEEP_THEIRS, &error));
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM narrative WHERE body_md = 'Bruno,"
                                   " deuxième' AND sync_state = 'synced'"), ==, 1);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  /* Nothing is lost: the conflict rows keep every version. */
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM conflict WHERE local_json LIKE"
                                   " '%Alice, troisième%'"), ==, 1);
}

/* A registration posted on the site's form arrives with the ids of the process's vocabulary
 * (the form is built from the categories the process pushes), and is drawn against the quotas
 * together with registrations entered by hand. */
static void
test_registration_vocabulary (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/p/%s/register", f->process_uuid);
  g_autofree char *form = NULL;
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(DlgProfile) profile = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(DlgDrawInput) input = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  /* the values the site's form offers, as a citizen picks them */
  const char *fields[] = {
    "age_band", "30-44", "gender", "woman", "commune", "reze", "quartier", "malakoff",
    "occupation", "employee", "prior_participation", "yes", "full_name", "Inès Benali",
    "email", "ines@example.org", "consent", "yes", NULL
  };
  const char *categories[] = { "age_band", "gender", "commune", "quartier", "occupation",
                               "prior_participation" };
  const struct { const char *gender, *age; } by_hand[] = {
    { "man", "18-29" }, { "woman", "60-74" }, { "man", "30-44" },
  };

  /* the page is published; then the process gets a quartier of its own, pushed again */
  test_app_sync (f->client);
  form = get_page (f, path, 200);
  g_assert_null (strstr (form, "malakoff"));
  g_clear_pointer (&form, g_free);
  g_assert_true (dlg_profile_set_value (f->store, f->process_id, "quartier", "malakoff",
                                        "Malakoff", &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  form = get_page (f, path, 200);
  g_assert_nonnull (strstr (form, "<option value=\"malakoff\">Malakoff</option>"));
  g_assert_nonnull (strstr (form, "<option value=\"30-44\">30 à 44 ans</option>"));
  g_assert_nonnull (strstr (form, "<option value=\"reze\">Rezé</option>"));
  test_site_post_form (f->site, path, fields);
  test_app_sync (f->client);

  all = dlg_participant_list (f->store, f->process_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
  profile = dlg_profile_load (f->store, f->process_id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DlgParticipant) online = g_list_model_get_item (all, 0);

    for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
      g_assert_nonnull (dlg_profile_get_value_label (
        profile, categories[i], dlg_profile_participant_value (online, categories[i])));
    g_assert_cmpstr (dlg_participant_get_quartier (online), ==, "malakoff");
  }
  misfits = dlg_profile_list_misfits (f->store, f->process_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (misfits->len, ==, 0);

  /* three by hand, with the values the registration dialog offers */
  for (guint i = 0; i < G_N_ELEMENTS (by_hand); i++)
    {
      g_autoptr(DlgParticipant) p = dlg_participant_new (f->process_id);

      dlg_participant_set_channel (p, "in_person");
      dlg_participant_set_gender (p, by_hand[i].gender);
      dlg_participant_set_age_band (p, by_hand[i].age);
      dlg_participant_set_commune (p, "nantes");
      dlg_participant_set_consent (p, TRUE);
      g_assert_true (dlg_participant_save (f->store, p, &error));
      g_assert_no_error (error);
    }
  /* a quota of exactly two women and two men on a panel of four: everyone is drawn */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DlgQuota) q = dlg_quota_new (f->process_id);

      dlg_quota_set_category (q, "gender");
      dlg_quota_set_value (q, i == 0 ? "woman" : "man");
      dlg_quota_set_min (q, 2);
      dlg_quota_set_max (q, 2);
      g_assert_true (dlg_quota_save (f->store, q, &error));
      g_assert_no_error (error);
    }
  input = dlg_draw_input_new_for_process (f->store, f->process_id, 4, 1,
                                          DLG_DRAW_ALGORITHM_LEXIMIN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_draw_input_get_n_people (input), ==, 4);
  result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_min_probability (result), 1.0, 1e-6);
}

/* An erasure tombstone purges the participant's personal data locally. */
static void
test_erasure (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgSiteDb) db = NULL;
  g_autofree char *path = g_strdup_printf ("/p/%s/register", f->process_uuid);
  g_autofree char *uuid = NULL;
  const char *fields[] = {
    "age_band", "30-44", "gender", "woman", "commune", "nantes",
    "occupation", "employee", "prior_participation", "no", "full_name", "Claire Martin",
    "email", "claire@example.org", "phone", "0600000000", "consent", "yes", NULL
  };
  gint64 rev;

  test_app_sync (f->client);
  test_site_post_form (f->site, path, fields);
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM participant p JOIN participant_contact"
                                   " c ON c.participant_id = p.id WHERE c.email ="
                                   " 'claire@example.org' AND p.commune = 'nantes' AND"
                                   " p.age_band = '30-44' AND p.consent = 1"), ==, 1);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, "SELECT uuid FROM participant",
                                                 &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    uuid = dlg_stmt_dup_text (stmt, 0);
  }

  db = test_site_open_db (f->site);
  g_assert_true (dlg_site_db_erase (db, uuid, &rev, &error));
  g_assert_no_error (error);
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM participant_contact"), ==, 0);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM participant WHERE status = 'erased'"
                                   " AND commune = '' AND age_band = '' AND quartier = ''"
                                   " AND occupation = '' AND gender = ''"), ==, 1);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM participant WHERE status <> 'erased'"),
                   ==, 0);
}

/* Hostile text posted through the form is inert on the site, and kept as text in the app. */
static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  static const char title[] = "<script>alert('x')</script><b>gras</b>";
  static const char body[] = "<img src=x onerror=alert(1)> <span foreground=\"red\">rouge</span>"
                             " & \"guillemets\" <a href=\"javascript:alert(2)\">lien</a>";
  g_autofree char *contributions = g_strdup_printf ("/p/%s/contributions", f->process_uuid);
  g_autofree char *page = NULL;

  test_app_sync (f->client);
  post_idea (f, title, body);
  page = get_page (f, contributions, 200);
  g_assert_null (strstr (page, "<script>alert"));
  g_assert_null (strstr (page, "<img src=x"));
  g_assert_null (strstr (page, "<span foreground"));
  g_assert_null (strstr (page, "<b>gras"));
  g_assert_null (strstr (page, "href=\"javascript:"));
  g_assert_nonnull (strstr (page, "&lt;script&gt;"));
  g_assert_nonnull (strstr (page, "&lt;span foreground="));

  test_app_sync (f->client);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                                 "SELECT title, body FROM contribution", &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr (dlg_stmt_get_text (stmt, 0), ==, title);
    g_assert_cmpstr (dlg_stmt_get_text (stmt, 1), ==, body);
  }
}

static GSubprocess *
spawn_cli_sync (Fixture    *f,
                const char *db_path,
                const char *page_size)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("DIALOGUE_CLI");
  GSubprocess *process;

  g_assert_nonnull (cli);
  /* The token goes through the environment, never the command line. */
  g_subprocess_launcher_setenv (launcher, "DIALOGUE_TOKEN", f->site->token, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "sync", "--db", db_path,
                                         "--site", f->site->base_uri, "--page-size", page_size,
                                         NULL);
  g_assert_no_error (error);
  return process;
}

static void
run_cli_sync (Fixture    *f,
              const char *db_path)
{
  g_autoptr(GSubprocess) process = spawn_cli_sync (f, db_path, "100");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("dialogue-cli sync: %s%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
kill_when (Fixture    *f,
           GSubprocess *process,
           DlgStore   *store,
           const char *sql,
           gint64      threshold)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (test_app_count (store, sql) < threshold)
    {
      if (g_get_monotonic_time () > deadline)
        break;
      /* The identifier goes when the process ends: it must not end before the kill. */
      g_assert_nonnull (g_subprocess_get_identifier (process));
      g_usleep (5000);
    }
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
  if (!g_subprocess_get_if_signaled (process))
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, NULL);
      g_error ("dialogue-cli sync ended before it was killed: %s%s", out, err);
    }
}

static char *
contributions_digest (DlgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store,
                                               "SELECT uuid, title, body, remote_rev,"
                                               " moderation, supports FROM contribution"
                                               " ORDER BY uuid", &error);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < 6; i++)
      {
        g_checksum_update (sum, (const guchar *) dlg_stmt_get_text (stmt, i), -1);
        g_checksum_update (sum, (const guchar *) "|", 1);
      }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return g_strdup (g_checksum_get_string (sum));
}

/* dialogue-cli narrative … publish, sync and contributions --json, end to end; the debug log
 * of the HTTP exchanges never shows the token. */
static void
test_cli_commands (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autofree char *md_path = g_build_filename (f->dir, "recit.md", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *page = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  JsonObject *narrative;
  const char *uuid;

  g_assert_true (g_file_set_contents (md_path, "Le **premier atelier** a eu lieu.", -1, NULL));
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "narrative", f->process_uuid, "publish", md_path,
                                               "--title", "Récit de la ligne de commande",
                                               "--db", app_path, "--json", NULL }), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  narrative = json_node_get_object (json_parser_get_root (parser));
  uuid = json_object_get_string_member (narrative, "uuid");
  path = g_strdup_printf ("/p/%s/narratives/%s", f->process_uuid, uuid);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, TRUE, &out, &err,
                            (const char *[]) { "sync", "--site", f->site->base_uri,
                                               "--db", app_path, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "pushed 2, pulled 0, conflicts 0"));
  g_assert_nonnull (strstr (err, "Authorization: [hidden]"));
  g_assert_null (strstr (err, f->site->token));
  g_assert_null (strstr (out, f->site->token));
  page = get_page (f, path, 200);
  g_assert_nonnull (strstr (page, "<strong>premier atelier</strong>"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  post_idea (f, "Idée\tavec tabulation", "Texte");
  /* The site is remembered: no --site this time. */
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "sync", "--db", app_path, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "pulled 1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "contributions", f->process_uuid, "--db",
                                               app_path, "--json", NULL }), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "title"), ==, "Idée\tavec tabulation");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "contributions", f->process_uuid, "--db",
                                               app_path, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "Idée avec tabulation"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Wrong usage is 2; no token is 1 with a message. */
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "narrative", f->process_uuid, "publish", md_path,
                                               "--db", app_path, NULL }), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "sync", "--db", app_path, "--token-file",
                                               "/nonexistent/token", NULL }), ==, 1);
}

/* Contributions pulled for a process the app does not have wait as orphans: the CLI says so
 * rather than a bare "pulled 0". */
static void
test_cli_orphans_named (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autofree char *elsewhere = g_uuid_string_random ();
  g_autoptr(GPtrArray) ids = test_site_seed_contributions (f->site, elsewhere, 1000);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "sync", "--site", f->site->base_uri,
                                               "--db", app_path, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "pulled 0,"));
  g_assert_nonnull (strstr (out, "1000 contributions wait for a process this database does "
                                 "not have\n"));
  g_assert_null (strstr (out, "registrations wait"));
  g_assert_null (strstr (out, "registration waits"));
  /* and named: the process they wait for */
  {
    g_autofree char *line = g_strdup_printf ("  process %s — contributions: 1000, "
                                             "registrations: 0\n", elsewhere);
    g_assert_nonnull (strstr (out, line));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "sync", "--db", app_path, "--json", NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "\"waiting_contributions\" : 1000"));
  {
    g_autoptr(JsonNode) root = json_from_string (out, NULL);
    JsonArray *waiting;
    JsonObject *first;

    g_assert_nonnull (root);
    waiting = json_object_get_array_member (json_node_get_object (root), "waiting_for");
    g_assert_cmpuint (json_array_get_length (waiting), ==, 1);
    first = json_array_get_object_element (waiting, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "process_id"), ==, elsewhere);
    g_assert_cmpint (json_object_get_int_member (first, "contributions"), ==, 1000);
    g_assert_cmpint (json_object_get_int_member (first, "registrations"), ==, 0);
  }
}

/* dialogue-cli sync killed with SIGKILL mid-pull, then run again, ends with the same data as
 * an uninterrupted run. @data: how many contributions to let in before the kill (0: 1,000),
 * for the kill loop of main(). */
static void
test_kill_mid_pull (Fixture       *f,
                    gconstpointer  data)
{
  gint64 kill_at = data != NULL ? GPOINTER_TO_UINT (data) : 1000;
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autofree char *ref_path = g_build_filename (f->dir, "reference.db", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(DlgStore) reference = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *ref_digest = NULL;
  gint64 n;

  test_app_sync (f->client);
  copy_database (f->store, ref_path);
  ids = test_site_seed_contributions (f->site, f->process_uuid, 5000);

  test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/changes\", \"count\": 1000,"
                            " \"mode\": \"slow\", \"delay_ms\": 30}");
  process = spawn_cli_sync (f, app_path, "100");
  kill_when (f, process, f->store, "SELECT count(*) FROM contribution", kill_at);
  n = test_app_count (f->store, "SELECT count(*) FROM contribution");
  g_test_message ("killed with %" G_GINT64_FORMAT " contributions pulled", n);
  g_assert_cmpint (n, <, 5000);
  /* What is there is whole pages, with the cursor of the last one. */
  g_assert_cmpint (n % 100, ==, 0);
  test_site_clear_faults (f->site);

  run_cli_sync (f, app_path);
  run_cli_sync (f, ref_path);
  reference = test_app_open (ref_path);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 5000);
  g_assert_cmpint (test_app_count (reference, "SELECT count(*) FROM contribution"), ==, 5000);
  digest = contributions_digest (f->store);
  ref_digest = contributions_digest (reference);
  g_assert_cmpstr (digest, ==, ref_digest);
}

/* dialogue-cli sync killed with SIGKILL mid-push, then run again: every narrative is on the
 * site once, as in the app, and nothing waits or conflicts. @data: how many narratives to let
 * go before the kill (0: 40). */
static void
test_kill_mid_push (Fixture       *f,
                    gconstpointer  data)
{
  gint64 kill_at = data != NULL ? GPOINTER_TO_UINT (data) : 40;
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgSiteDb) db = NULL;
  const guint n_narratives = 150;
  int rc;

  test_app_sync (f->client);
  for (guint i = 0; i < n_narratives; i++)
    {
      g_autofree char *title = g_strdup_printf ("Récit %u", i);

      g_free (dlg_sync_narrative_publish (f->store, f->process_id, NULL, title,
                                          "Ce qui s'est passé.", &error));
      g_assert_no_error (error);
    }

  test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/narratives\", \"count\": 1000,"
                            " \"mode\": \"slow\", \"delay_ms\": 20}");
  process = spawn_cli_sync (f, app_path, "100");
  kill_when (f, process, f->store, "SELECT 150 - count(*) FROM outbox", kill_at);
  g_test_message ("killed with %" G_GINT64_FORMAT " narratives waiting",
                  test_app_count (f->store, "SELECT count(*) FROM outbox"));
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), >, 0);
  test_site_clear_faults (f->site);

  run_cli_sync (f, app_path);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM conflict"), ==, 0);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM narrative WHERE sync_state = 'synced'"
                                   " AND etag IS NOT NULL"), ==, n_narratives);

  /* The site holds each narrative once, with the app's text and the app's ETag. */
  db = test_site_open_db (f->site);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                                 "SELECT uuid, title, etag FROM narrative",
                                                 &error);
    guint n = 0;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_autoptr(DlgSiteObject) object = dlg_site_db_get_object (db, "narrative",
                                                                  dlg_stmt_get_text (stmt, 0));
        g_autofree char *rev = NULL;

        g_assert_nonnull (object);
        g_assert_false (object->deleted);
        rev = g_strdup_printf ("%" G_GINT64_FORMAT, object->rev);
        g_assert_cmpstr (rev, ==, dlg_stmt_get_text (stmt, 2));
        g_assert_nonnull (strstr (object->data, dlg_stmt_get_text (stmt, 1)));
        n++;
      }
    g_assert_cmpint (rc, ==, SQLITE_DONE);
    g_assert_cmpuint (n, ==, n_narratives);
  }
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (dlg_site_db_get_handle (db),
                                         "SELECT count(*) FROM objects WHERE type ="
                                         " 'narrative' AND deleted = 0", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, n_narratives);
    sqlite3_finalize (stmt);
  }
}

static void
wait_idle (DlgSyncManager *manager)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (dlg_sync_manager_get_busy (manager))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
    }
}

/* Training mode: a practice site in-process, a demo token in memory, the app's demo process
 * published on it, and the manager's figures follow the sync. */
static void
test_manager_training (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-training-XXXXXX", &error);
  g_autofree char *site_path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *app_path = g_build_filename (dir, "app.db", NULL);
  g_autoptr(DlgStore) store = test_app_open (app_path);
  g_autoptr(DlgTrainingSite) site = NULL;
  g_autoptr(DlgSyncManager) manager = NULL;
  g_autoptr(DlgSiteDb) db = NULL;
  g_autofree char *process_uuid = NULL;
  gint64 process_id;
  gboolean created = FALSE;
  guint n_busy_changes = 0;

  process_id = dlg_demo_ensure (store, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  {
    g_autoptr(DlgProcess) process = dlg_process_load (store, process_id, &error);

    process_uuid = g_strdup (dlg_process_get_uuid (process));
  }

  site = dlg_training_site_start (site_path, &error);
  g_assert_no_error (error);
  manager = dlg_sync_manager_new (store);
  g_signal_connect_swapped (manager, "notify::busy", G_CALLBACK (g_atomic_int_inc),
                            &n_busy_changes);
  g_assert_true (dlg_training_site_attach (site, manager, &error));
  g_assert_true (dlg_sync_manager_get_training (manager));
  g_assert_true (dlg_sync_manager_get_token_in_memory (manager));
  /* The process page and the demo's published narratives. */
  g_assert_cmpint (dlg_sync_manager_get_pending_count (manager), >=, 1);

  dlg_sync_manager_sync (manager);
  g_assert_true (dlg_sync_manager_get_busy (manager));
  wait_idle (manager);
  g_assert_cmpstr (dlg_sync_manager_get_last_error (manager), ==, NULL);
  g_assert_nonnull (dlg_sync_manager_get_last_sync (manager));
  g_assert_cmpint (dlg_sync_manager_get_pending_count (manager), ==, 0);
  g_assert_cmpuint (n_busy_changes, ==, 2);

  /* A citizen contributes on the practice site; the periodic sync brings it. */
  db = dlg_site_db_open (site_path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *data = g_strdup_printf (
      "{\"process_id\": \"%s\", \"feature\": \"ideas\", \"kind\": \"idea\", \"title\":"
      " \"Idée de formation\", \"body\": \"b\", \"created_at\": \"2026-11-25T10:00:00Z\","
      " \"moderation\": \"published\", \"supports\": 0}", process_uuid);
    g_autofree char *id = g_uuid_string_random ();
    gint64 rev;

    g_assert_true (dlg_site_db_put_object (db, "contribution", id, process_uuid, data, &rev,
                                           &error));
  }
  dlg_sync_manager_set_interval (manager, 1);
  while (test_app_count (store, "SELECT count(*) FROM contribution WHERE title ="
                                " 'Idée de formation'") == 0)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  wait_idle (manager);
  dlg_sync_manager_set_interval (manager, 0);
  g_clear_object (&manager);
  dlg_training_site_stop (site);
  g_clear_object (&db);
  remove_tree (dir);
}

/* Runs @sql on the site's database, behind the site's back. */
static void
site_exec (Fixture    *f,
           const char *sql)
{
  g_autoptr(DlgSiteDb) db = test_site_open_db (f->site);
  char *message = NULL;

  g_assert_cmpint (sqlite3_exec (dlg_site_db_get_handle (db), sql, NULL, NULL, &message), ==,
                   SQLITE_OK);
  g_assert_null (message);
}

/* Replaces the site's database, in place, by the copy at @path (an older backup). */
static void
site_restore (Fixture    *f,
              const char *path)
{
  g_autoptr(DlgSiteDb) db = test_site_open_db (f->site);
  sqlite3 *from = NULL;
  sqlite3_backup *backup;

  g_assert_cmpint (sqlite3_open_v2 (path, &from, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  backup = sqlite3_backup_init (dlg_site_db_get_handle (db), "main", from, "main");
  g_assert_nonnull (backup);
  g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_backup_finish (backup), ==, SQLITE_OK);
  sqlite3_close (from);
}

/* Every contribution of the app gets a theme and a note: the officer's work on them. */
static void
annotate_all (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTheme) theme = dlg_theme_new (f->process_id);
  g_autoptr(GListModel) list = NULL;

  dlg_theme_set_name (theme, "Mobilités");
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  g_assert_no_error (error);
  list = dlg_contribution_list (f->store, f->process_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (list, i);

      dlg_contribution_set_note (c, "À garder");
      g_assert_true (dlg_contribution_save (f->store, c, &error));
      g_assert_true (tag_one (f->store, dlg_contribution_get_id (c),
                          dlg_theme_get_id (theme), TRUE, &error));
      g_assert_no_error (error);
    }
}

static void
assert_all_kept (Fixture *f,
                 gint64   n,
                 gint64   n_marked)
{
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, n);
  g_assert_cmpint (count_marked (f), ==, n_marked);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM contribution_annotation"
                                   " WHERE note = 'À garder'"), ==, n);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution_theme"), ==, n);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM theme"), ==, 1);
}

/* The site restored from an older backup: the full resync that follows would find 40 of the
 * 50 contributions gone. It stops before changing anything and says why; confirmed, it marks
 * them "no longer on the site" and keeps them, with their themes and notes. */
static void
test_restored_backup (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "site-backup.db", NULL);
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", backup);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  guint n_missing = 0;

  test_app_sync (f->client);
  first = test_site_seed_contributions (f->site, f->process_uuid, 10);
  test_app_sync (f->client);
  site_exec (f, vacuum);
  later = test_site_seed_contributions (f->site, f->process_uuid, 40);
  test_app_sync (f->client);
  annotate_all (f);
  assert_all_kept (f, 50, 0);

  site_restore (f, backup);
  g_assert_false (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error));
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_SITE_MISSING);
  g_assert_nonnull (strstr (error->message, "40"));
  g_assert_nonnull (strstr (error->message, "backup"));
  g_clear_error (&error);
  assert_all_kept (f, 50, 0);

  /* The window's manager says so (site-missing, the window asks), and goes on only when the
   * officer confirms: then nothing is removed either. */
  {
    g_autoptr(DlgSyncManager) manager = dlg_sync_manager_new (f->store);

    g_assert_true (dlg_sync_manager_set_site (manager, f->site->base_uri, &error));
    g_assert_true (dlg_sync_manager_set_token (manager, f->site->token, &error));
    g_assert_no_error (error);
    dlg_sync_manager_sync (manager);
    wait_idle (manager);
    g_assert_true (dlg_sync_manager_get_site_missing (manager));
    g_assert_nonnull (strstr (dlg_sync_manager_get_last_error (manager), "40"));
    assert_all_kept (f, 50, 0);
  }

  /* The command line says the same, exits non-zero, and goes on when told to. */
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "sync", "--db", app_path, NULL }), ==, 1);
  g_assert_nonnull (strstr (err, "40"));
  g_assert_nonnull (strstr (err, "--confirm-missing"));
  assert_all_kept (f, 50, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "sync", "--confirm-missing", "--db", app_path,
                                               NULL }), ==, 0);
  assert_all_kept (f, 50, 40);
  /* Filterable in the contributions list: the 40 marked, or all 50. */
  {
    g_autoptr(DlgContributionList) list = dlg_contribution_list_new (f->store, f->process_id);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
    dlg_contribution_list_set_site_missing_only (list, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 40);
    dlg_contribution_list_set_site_missing_only (list, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The mark is in the listing: the 40 later ones, not the 10 the backup has. */
  g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                            (const char *[]) { "contributions", f->process_uuid, "--db",
                                               app_path, "--json", NULL }), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 50);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *c = json_array_get_object_element (array, i);
      const char *uuid = json_object_get_string_member (c, "uuid");
      JsonNode *mark = json_object_get_member (c, "site_missing_at");
      gboolean later_one = FALSE;

      g_assert_nonnull (mark);
      for (guint j = 0; j < later->len; j++)
        later_one |= g_strcmp0 (later->pdata[j], uuid) == 0;
      g_assert_cmpint (later_one, ==, !JSON_NODE_HOLDS_NULL (mark));
      n_missing += later_one;
    }
  g_assert_cmpuint (n_missing, ==, 40);

  /* What is marked does not stop the next syncs; only the feed's deletion removes one. */
  test_app_sync (f->client);
  {
    g_autoptr(DlgSiteDb) db = test_site_open_db (f->site);
    gint64 rev;

    g_assert_true (dlg_site_db_delete_object (db, "contribution", first->pdata[0], FALSE, &rev,
                                              &error));
    g_assert_no_error (error);
  }
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 49);
  g_assert_cmpint (count_marked (f), ==, 40);

  /* One the site lists again at the next full resync loses its mark. */
  {
    g_autoptr(DlgSiteDb) db = test_site_open_db (f->site);
    g_autofree char *json = g_strdup_printf (
      "{\"process_id\": \"%s\", \"feature\": \"ideas\", \"kind\": \"idea\", \"title\":"
      " \"De retour\", \"body\": \"b\", \"created_at\": \"2026-11-25T10:00:00Z\","
      " \"moderation\": \"published\", \"supports\": 1}", f->process_uuid);
    gint64 rev;

    g_assert_true (dlg_site_db_put_object (db, "contribution", later->pdata[0],
                                           f->process_uuid, json, &rev, &error));
    g_assert_true (dlg_site_db_expire_cursors (db, &error));
    g_assert_no_error (error);
  }
  test_app_sync (f->client);
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM contribution"), ==, 49);
  g_assert_cmpint (count_marked (f), ==, 39);
}

/* The site replaced by an empty one: nothing of the app goes, the sync says why. */
static void
test_emptied_site (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(DlgSiteDb) db = NULL;

  test_app_sync (f->client);
  ids = test_site_seed_contributions (f->site, f->process_uuid, 30);
  test_app_sync (f->client);
  annotate_all (f);

  site_exec (f, "DELETE FROM objects WHERE type = 'contribution'");
  db = test_site_open_db (f->site);
  g_assert_true (dlg_site_db_expire_cursors (db, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_PULL_ONLY, NULL, &error));
      g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_SITE_MISSING);
      g_assert_nonnull (strstr (error->message, "30"));
      g_clear_error (&error);
      assert_all_kept (f, 30, 0);
    }
  g_assert_true (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_PULL_ONLY |
                                       DLG_SYNC_FLAGS_CONFIRM_MISSING, NULL, &error));
  g_assert_no_error (error);
  assert_all_kept (f, 30, 30);
}

/* A 404 or 410 on a moderation POST (a proxy can answer one) used to mark the decision sent:
 * the contribution stayed public while the app showed it removed. It is kept, and said. */
static void
test_moderation_404_not_sent (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *event = NULL;
  g_autofree char *contributions = g_strdup_printf ("/p/%s/contributions", f->process_uuid);
  g_autofree char *page = NULL;

  test_app_sync (f->client);
  post_idea (f, "Publicité pour un casino", "Spam.");
  test_app_sync (f->client);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, "SELECT uuid FROM contribution",
                                                 &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    uuid = dlg_stmt_dup_text (stmt, 0);
  }
  for (guint status = 404; status <= 410; status += 6)
    {
      g_autofree char *fault = g_strdup_printf ("{\"path_prefix\": \"/api/sync/v1/moderation\","
                                                " \"count\": 1, \"status\": %u}", status);

      g_clear_pointer (&event, g_free);
      event = dlg_sync_enqueue_moderation (f->store, uuid, "trashed", "Hors sujet", &error);
      g_assert_no_error (error);
      test_site_fault (f->site, fault);
      g_assert_true (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (dlg_sync_client_get_problems (f->client)->len, ==, 1);
      g_assert_nonnull (strstr (dlg_sync_client_get_problems (f->client)->pdata[0], "HTTP"));
      g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 0);
      g_assert_cmpuint (dlg_sync_client_get_n_rejected (f->client), ==, 1);
      g_assert_cmpint (test_app_count (f->store,
                                       "SELECT count(*) FROM outbox WHERE method = 'POST'"
                                       " AND state = 'failed'"), >=, 1);
      g_clear_pointer (&page, g_free);
      page = get_page (f, contributions, 200);
      g_assert_nonnull (strstr (page, "Publicité pour un casino"));
      test_site_clear_faults (f->site);
    }
}

/* A 404 or 410 on an update (a proxy, or a site restored from an older backup): said so, kept,
 * and "send again" publishes it anew (If-None-Match: *), which the site accepts. */
static void
test_update_404_publish_again (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_app_sync (f->client);
  for (guint status = 404; status <= 410; status += 6)
    {
      g_autofree char *fault = g_strdup_printf ("{\"path_prefix\": \"/api/sync/v1/narratives/\","
                                                " \"count\": 1, \"status\": %u}", status);
      g_autofree char *title = g_strdup_printf ("Récit %u", status);
      g_autofree char *uuid = NULL;
      gint64 conflicts = dlg_sync_count_conflicts (f->store, NULL);
      guint n = 0;

      uuid = dlg_sync_narrative_publish (f->store, f->process_id, NULL, title, "Premier.",
                                         &error);
      g_assert_no_error (error);
      test_app_sync (f->client);
      g_assert_cmpint (test_app_count (f->store,
                                       "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 0);

      g_free (dlg_sync_narrative_publish (f->store, f->process_id, uuid, title, "Second.",
                                          &error));
      g_assert_no_error (error);
      test_site_fault (f->site, fault);
      g_assert_true (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (dlg_sync_client_get_n_rejected (f->client), ==, 1);
      g_assert_nonnull (strstr (dlg_sync_client_get_problems (f->client)->pdata[0],
                                "no longer has a narrative"));
      g_assert_cmpint (test_app_count (f->store,
                                       "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 1);
      {
        g_autoptr(GPtrArray) refused = dlg_sync_list_refused (f->store, &error);
        DlgSyncRefusal *r;

        g_assert_no_error (error);
        g_assert_cmpuint (refused->len, ==, 1);
        r = refused->pdata[0];
        g_assert_cmpuint (r->status, ==, status);
        g_assert_true (dlg_sync_refusal_is_gone (r));
        g_assert_cmpstr (r->title, ==, title);
        g_assert_cmpstr (dlg_sync_refusal_get_state_label (r), ==, "Gone from the site");
      }
      test_site_clear_faults (f->site);

      /* Sent again as a new object (If-None-Match: *). This site still has the old one, so it
       * answers 412 and the app keeps both versions as a conflict: nothing is overwritten
       * silently, nothing stays stuck. */
      g_assert_true (dlg_sync_retry_refused (f->store, 0, &n, &error));
      g_assert_cmpuint (n, ==, 1);
      g_assert_true (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (dlg_sync_client_get_n_rejected (f->client), ==, 0);
      g_assert_cmpint (test_app_count (f->store,
                                       "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 0);
      g_assert_cmpint (dlg_sync_count_conflicts (f->store, NULL), ==, conflicts + 1);
    }
}

/* A refused push is never silent: every dialogue-cli sync exits 1 and --json lists it with
 * the site's problem text, as long as it waits for the officer. */
static void
test_cli_refused_not_silent (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  test_app_sync (f->client);
  uuid = queue_refused_narrative (f);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *refused;
      JsonObject *item;

      g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                                (const char *[]) { "sync", "--site", f->site->base_uri, "--db",
                                                   app_path, "--json", NULL }), ==, 1);
      g_assert_nonnull (strstr (err, "stage"));
      g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
      g_assert_no_error (error);
      refused = json_object_get_array_member (json_node_get_object (
                                                json_parser_get_root (parser)), "refused");
      g_assert_cmpuint (json_array_get_length (refused), ==, 1);
      item = json_array_get_object_element (refused, 0);
      g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "narrative");
      g_assert_cmpstr (json_object_get_string_member (item, "uuid"), ==, uuid);
      g_assert_nonnull (strstr (json_object_get_string_member (item, "problem"), "stage"));
    }

  /* Corrected and sent: the next sync is clean again. */
  g_assert_true (dlg_store_exec (f->store, "UPDATE narrative SET stage = 'workshop'", &error));
  g_assert_true (dlg_sync_enqueue_narrative (f->store, uuid, &error));
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                              (const char *[]) { "sync", "--site", f->site->base_uri, "--db",
                                                 app_path, NULL }), ==, 0);
  }
}

/* `sync --retry-refused` sends again what the site refused, as it is now; a plain sync only
 * says it again. */
static gint64
rejected_of (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                     "rejected");
}

static void
test_cli_retry_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autofree char *uuid = NULL;
  const char *sync[] = { "sync", "--site", f->site->base_uri, "--db", app_path, "--json",
                         NULL };
  const char *retry[] = { "sync", "--site", f->site->base_uri, "--db", app_path,
                          "--retry-refused", NULL };

  test_app_sync (f->client);
  uuid = queue_refused_narrative (f);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (f, FALSE, &out, &err, sync), ==, 1);
      /* Refused once, then only said again: not sent a second time. */
      g_assert_cmpint (rejected_of (out), ==, i == 0 ? 1 : 0);
    }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, FALSE, &out, &err, retry), ==, 1);
    g_assert_nonnull (strstr (out, "1 refused change sent again"));
    g_assert_nonnull (strstr (err, "stage"));
    g_assert_cmpint (test_app_count (f->store,
                                     "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 1);
  }
  {
    /* Sent again and refused again: counted as a refusal of this sync. */
    const char *retry_json[] = { "sync", "--site", f->site->base_uri, "--db", app_path,
                                 "--retry-refused", "--json", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, FALSE, &out, &err, retry_json), ==, 1);
    g_assert_cmpint (rejected_of (out), ==, 1);
  }
}

/* `sync --abandon ID|all`: the officer's explicit decision. The change leaves the queue for
 * outbox_abandoned (as it was, with who and when), the journal says so, and the next sync is
 * clean; an unknown number changes nothing and says so. */
static void
test_cli_abandon_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *app_path = g_build_filename (f->dir, "app.db", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(GError) error = NULL;
  const char *sync[] = { "sync", "--site", f->site->base_uri, "--db", app_path, "--json",
                         NULL };

  test_app_sync (f->client);
  uuid = queue_refused_narrative (f);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *item;

    g_assert_cmpint (run_cli (f, FALSE, &out, &err, sync), ==, 1);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    item = json_array_get_object_element (json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "refused"), 0);
    g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Mauvais");
    g_assert_cmpint (json_object_get_int_member (item, "status"), ==, 422);
    g_assert_false (json_object_get_boolean_member (item, "gone"));
    id_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (item, "id"));
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                              (const char *[]) { "sync", "--db", app_path, "--abandon", "99999",
                                                 NULL }), ==, 1);
    g_assert_nonnull (strstr (err, "99999"));
    g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                              (const char *[]) { "sync", "--db", app_path, "--abandon", "x",
                                                 NULL }), ==, 2);
    g_assert_cmpint (test_app_count (f->store,
                                     "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 1);
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, FALSE, &out, &err,
                              (const char *[]) { "sync", "--db", app_path, "--abandon", id_text,
                                                 NULL }), ==, 0);
    g_assert_nonnull (strstr (out, "1 refused change abandoned"));
  }
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox WHERE state = 'failed'"),
                   ==, 0);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM outbox_abandoned WHERE object_type ="
                                   " 'narrative' AND last_status = 422 AND body IS NOT NULL"
                                   " AND abandoned_by <> ''"), ==, 1);
  g_assert_cmpint (test_app_count (f->store,
                                   "SELECT count(*) FROM journal WHERE action = 'sync.abandon'"
                                   " AND object_type = 'narrative'"
                                   " AND summary LIKE '%Mauvais%'"), ==, 1);
  /* The narrative itself stays as it is in the app. */
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM narrative WHERE title ="
                                   " 'Mauvais'"), ==, 1);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, FALSE, &out, &err, sync), ==, 0);
  }
}

/* Every outcome of a push converges (issue 16: 23 of 122 fault scenarios did not): one
 * injected answer on a narrative's update, the process page or a moderation decision, then the
 * officer's ordinary moves (send again what was refused, keep their version of a conflict).
 * Nothing is dropped on the way, and the last sync leaves nothing waiting. */
static void
test_push_fault_matrix (Fixture       *f,
                        gconstpointer  data)
{
  static const guint statuses[] = { 400, 403, 404, 409, 410, 412, 413, 422, 429, 500, 503 };
  static const char *const kinds[] = { "narratives", "processes", "moderation" };
  g_autoptr(GError) error = NULL;
  g_autofree char *narrative = NULL;
  g_autofree char *contribution = NULL;

  test_app_sync (f->client);
  narrative = dlg_sync_narrative_publish (f->store, f->process_id, NULL, "Récit", "v0", &error);
  g_assert_no_error (error);
  post_idea (f, "Idée à modérer", "Texte");
  test_app_sync (f->client);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, "SELECT uuid FROM contribution",
                                                 &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    contribution = dlg_stmt_dup_text (stmt, 0);
  }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
      {
        g_autofree char *fault = g_strdup_printf ("{\"path_prefix\": \"/api/sync/v1/%s\","
                                                  " \"count\": 1, \"status\": %u,"
                                                  " \"retry_after\": 0}", kinds[k], statuses[s]);
        g_autofree char *text = g_strdup_printf ("%s %u", kinds[k], statuses[s]);
        guint round;

        if (k == 0)
          g_free (dlg_sync_narrative_publish (f->store, f->process_id, narrative, "Récit", text,
                                              &error));
        else if (k == 1)
          dlg_process_set_summary (f->store, f->process_id, text, &error);
        else
          g_free (dlg_sync_enqueue_moderation (f->store, contribution,
                                               s % 2 == 0 ? "trashed" : "published", text,
                                               &error));
        g_assert_no_error (error);
        test_site_fault (f->site, fault);
        /* A transient answer is retried inline; whatever else happens is said and kept. */
        dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error);
        g_test_message ("%s: %s; %u refused, %u conflicts", text,
                        error != NULL ? error->message : "ok",
                        dlg_sync_client_get_n_rejected (f->client),
                        dlg_sync_client_get_n_conflicts (f->client));
        g_clear_error (&error);
        test_site_clear_faults (f->site);
        if (dlg_sync_client_get_n_rejected (f->client) > 0)
          {
            g_autoptr(GPtrArray) refused = dlg_sync_list_refused (f->store, &error);
            DlgSyncRefusal *r;

            g_assert_cmpuint (refused->len, ==, 1);
            r = refused->pdata[0];
            g_assert_cmpuint (r->status, ==, statuses[s]);
            /* Titled by what the officer knows: the narrative, the process, the contribution
             * a moderation decision is about. */
            g_assert_cmpstr (r->title, ==, k == 0 ? "Récit" : k == 1 ? "Aménager la place Zola"
                                                                   : "Idée à modérer");
            g_assert_cmpuint (dlg_sync_client_get_problems (f->client)->len, >=, 1);
          }
        if (statuses[s] == 404 || statuses[s] == 410)
          g_assert_cmpint (test_app_count (f->store,
                                           "SELECT count(*) FROM moderation_event"
                                           " WHERE sync_state <> 'synced'"), ==, k == 2);

        for (round = 0; round < 4; round++)
          {
            g_autoptr(GPtrArray) conflicts = dlg_sync_list_conflicts (f->store, &error);

            g_assert_no_error (error);
            for (guint c = 0; c < conflicts->len; c++)
              g_assert_true (dlg_sync_resolve_conflict (f->store,
                                                        ((DlgSyncConflict *)
                                                         conflicts->pdata[c])->id,
                                                        DLG_SYNC_KEEP_MINE, &error));
            g_assert_true (dlg_sync_retry_refused (f->store, 0, NULL, &error));
            g_assert_true (dlg_sync_client_sync (f->client, DLG_SYNC_FLAGS_NONE, NULL, &error));
            g_assert_no_error (error);
            if (dlg_sync_count_pending (f->store, NULL) == 0 &&
                dlg_sync_count_refused (f->store, NULL) == 0 &&
                dlg_sync_count_conflicts (f->store, NULL) == 0)
              break;
          }
        g_assert_cmpuint (round, <, 4);
        g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox"), ==, 0);
        g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM outbox_abandoned"), ==,
                         0);
      }
  /* A busy site's Retry-After is honoured on a push too: two 429s asking for 1 s each. */
  {
    gint64 start = g_get_monotonic_time ();

    g_free (dlg_sync_narrative_publish (f->store, f->process_id, narrative, "Récit",
                                        "narratives 503", &error));
    test_site_fault (f->site, "{\"path_prefix\": \"/api/sync/v1/narratives\", \"count\": 2,"
                              " \"status\": 429, \"retry_after\": 1}");
    test_app_sync (f->client);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - 100000);
    g_assert_cmpuint (dlg_sync_client_get_n_pushed (f->client), ==, 1);
    test_site_clear_faults (f->site);
  }

  /* What the site shows is the app's last word. */
  {
    g_autofree char *path = g_strdup_printf ("/p/%s/narratives/%s", f->process_uuid, narrative);
    g_autofree char *page = get_page (f, path, 200);

    g_assert_nonnull (strstr (page, "narratives 503"));
  }
  g_assert_cmpint (test_app_count (f->store, "SELECT count(*) FROM narrative WHERE body_md ="
                                   " 'narratives 503' AND sync_state = 'synced'"), ==, 1);
}

/* A practice site per app database: a demo database made afresh does not meet the practice
 * site another database edited (its records would all come back as conflicts). */
static void
test_training_site_per_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlg-practice-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *a_again = g_build_filename (dir, ".", "a.db", NULL);
  g_autofree char *path_a = dlg_training_site_default_path (a);
  g_autofree char *path_b = dlg_training_site_default_path (b);
  g_autofree char *path_a_again = dlg_training_site_default_path (a_again);
  g_autofree char *shared = dlg_training_site_default_path (NULL);
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "dialogue", NULL);
  g_autofree char *parent = g_path_get_dirname (path_a);

  g_assert_cmpstr (path_a, !=, path_b);
  g_assert_cmpstr (path_a, ==, path_a_again);
  g_assert_cmpstr (path_a, !=, shared);
  g_assert_cmpstr (parent, ==, cache);
  g_assert_true (g_str_has_suffix (path_a, ".db"));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_push_main_context ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/site/form-contribution-reaches-app", test_form_contribution);
  ADD ("/sync/site/narrative-appears-on-site", test_narrative_published);
  ADD ("/sync/site/moderation-hides-contribution", test_moderation_hides);
  ADD ("/sync/site/pull-10000-no-duplicate-no-gap", test_pull_10000);
  ADD ("/sync/site/transient-faults-retried", test_transient_faults);
  ADD ("/sync/site/site-down-keeps-outbox", test_site_down_keeps_everything);
  ADD ("/sync/site/401-pauses-422-reported", test_auth_and_refusals);
  ADD ("/sync/site/response-and-commitments-published", test_publish_response_and_commitments);
  ADD ("/sync/site/domain-api-changes-reach-site", test_domain_api);
  ADD ("/sync/site/follow-up-meetings-and-reports-published", test_follow_up_published);
  ADD ("/sync/site/in-person-contribution-published", test_in_person_published);
  ADD ("/sync/site/in-person-contribution-kept-by-app", test_in_person_kept);
  ADD ("/sync/site/highlight-shown", test_highlight_shown);
  ADD ("/sync/site/recommendation-sources-linked", test_recommendation_sources);
  ADD ("/sync/site/process-page-follows-stages", test_process_page_follows_stages);
  ADD ("/sync/site/registration-closes-with-stage", test_registration_closes_with_stage);
  ADD ("/sync/site/expired-cursor-full-resync", test_expired_cursor);
  ADD ("/sync/site/restored-backup-keeps-local", test_restored_backup);
  ADD ("/sync/site/emptied-site-keeps-local", test_emptied_site);
  ADD ("/sync/site/conflict-412-both-versions", test_conflict);
  ADD ("/sync/site/erasure-purges-personal-data", test_erasure);
  ADD ("/sync/site/registration-vocabulary", test_registration_vocabulary);
  ADD ("/sync/site/hostile-text-inert", test_hostile_text);
  ADD ("/sync/cli/narrative-sync-contributions", test_cli_commands);
  ADD ("/sync/cli/orphans-counted-and-named", test_cli_orphans_named);
  ADD ("/sync/cli/refused-not-silent", test_cli_refused_not_silent);
  ADD ("/sync/cli/retry-refused", test_cli_retry_refused);
  ADD ("/sync/cli/abandon-refused", test_cli_abandon_refused);
  ADD ("/sync/push/fault-matrix-converges", test_push_fault_matrix);
  ADD ("/sync/site/moderation-404-410-not-sent", test_moderation_404_not_sent);
  ADD ("/sync/site/update-404-410-publish-again", test_update_404_publish_again);
  ADD ("/sync/cli/sigkill-mid-pull-then-resume", test_kill_mid_pull);
  ADD ("/sync/cli/sigkill-mid-push-then-resume", test_kill_mid_push);
#undef ADD
  /* The kill loop (meson test --benchmark bench-kill-loops): DLG_KILL_TRIALS trials of each,
   * killed at a different point each time; every trial checks what the single one checks. */
  for (guint i = 1, n = (guint) g_ascii_strtoull (g_getenv ("DLG_KILL_TRIALS") ?: "0", NULL, 10);
       i <= n; i++)
    {
      g_autofree char *pull = g_strdup_printf ("/sync/kill-loop/pull/%u", i);
      g_autofree char *push = g_strdup_printf ("/sync/kill-loop/push/%u", i);

      g_test_add (pull, Fixture, GUINT_TO_POINTER (100 + (i * 613) % 4800), fixture_set_up,
                  test_kill_mid_pull, fixture_tear_down);
      g_test_add (push, Fixture, GUINT_TO_POINTER (1 + (i * 37) % 140), fixture_set_up,
                  test_kill_mid_push, fixture_tear_down);
    }
  g_test_add_func ("/sync/manager/training-practice-site", test_manager_training);
  g_test_add_func ("/sync/manager/training-site-per-database", test_training_site_per_database);

  return g_test_run ();
}
