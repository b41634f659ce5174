/* test-sync-collections.c — the push side: the queue, the registry of collections, the payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payloads are compared with tests/fixtures/sync/outbox-demo.txt, captured from the outbox
 * as it was before it was split per collection: the site and test-sync-site depend on the wire
 * staying byte for byte what it was. Set DLG_WRITE_FIXTURE=1 to write the file again (only
 * when the wire is meant to change, together with the site and the protocol).
 */

#include "config.h"

#include <string.h>

#include "dlg-core.h"
#include "dlg-store-private.h"
#include "dlg-sync.h"
#include "dlg-sync-private.h"
#include "dlg-sync-registry.h"

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

/* The demo, taken to the follow-up with one of everything the site shows, every uuid and date
 * fixed, so that its payloads are the same on every run. */
static const char fill_sql[] =
  "UPDATE process SET uuid = '00000000-0000-4000-8000-000000000001';"
  "UPDATE stage_state SET started_at = CASE WHEN started_at IS NULL THEN NULL"
  "  ELSE '2026-09-0' || rank || 'T09:00:00Z' END,"
  "  ended_at = CASE WHEN ended_at IS NULL THEN NULL ELSE '2026-09-0' || rank || 'T18:00:00Z'"
  "  END;"
  "UPDATE narrative SET published_at = CASE WHEN published_at IS NULL THEN NULL"
  "  ELSE '2026-10-0' || (id % 9 + 1) || 'T10:00:00Z' END;"
  "INSERT INTO position (uuid, recommendation_id, value, justification, updated_at)"
  "  SELECT printf ('00000000-0000-4000-8000-1%011d', id), id,"
  "  CASE id % 3 WHEN 0 THEN 'retained' WHEN 1 THEN 'not_retained' ELSE 'under_study' END,"
  "  CASE id % 3 WHEN 1 THEN 'Hors du périmètre « voirie » & budget' ELSE '' END,"
  "  '2026-11-01T10:00:00Z' FROM recommendation;"
  "INSERT OR IGNORE INTO response (process_id, uuid, intro, published_at)"
  "  SELECT id, '00000000-0000-4000-8000-000000000002', 'La Ville répond :\n\"merci\"',"
  "  '2026-11-15T10:00:00Z' FROM process;"
  "UPDATE response SET intro = 'La Ville répond :\n\"merci\"',"
  "  published_at = '2026-11-15T10:00:00Z', uuid = '00000000-0000-4000-8000-000000000002';"
  "INSERT INTO commitment (uuid, process_id, position_id, title, department, due_date, status,"
  "  progress, created_at) SELECT '00000000-0000-4000-8000-000000000003', 1, min (id),"
  "  'Planter vingt arbres', 'Espaces verts', '2027-03-01', 'in_progress', 40,"
  "  '2026-11-20T10:00:00Z' FROM position;"
  "INSERT INTO commitment_update (uuid, commitment_id, dated, progress, status, text)"
  "  VALUES ('00000000-0000-4000-8000-000000000004', 1, '2026-12-01', 40, 'in_progress',"
  "  'Dix arbres plantés'),"
  "  ('00000000-0000-4000-8000-000000000005', 1, '2026-11-25', 10, 'in_progress', 'Début');"
  "INSERT INTO follow_up (uuid, process_id, kind, dated, title, body, published) VALUES"
  "  ('00000000-0000-4000-8000-000000000006', 1, 'meeting', '2027-01-10', 'Comité de suivi',"
  "  'Ordre du jour', 1),"
  "  ('00000000-0000-4000-8000-000000000007', 1, 'report', '2027-02-10', 'Brouillon', '', 0);"
  "UPDATE contribution SET moderation = 'published', created_at = '2026-09-20T10:00:00Z'"
  "  WHERE channel <> 'online' AND id IN (SELECT id FROM contribution WHERE channel <> 'online'"
  "  ORDER BY id LIMIT 3);"
  "INSERT INTO contribution_annotation (contribution_id, highlighted, note)"
  "  SELECT id, 1, 'à montrer' FROM contribution ORDER BY id LIMIT 2;"
  "INSERT INTO moderation_event (uuid, contribution_id, state, reason, decided_at)"
  "  SELECT '00000000-0000-4000-8000-000000000008', id, 'trashed', 'Propos injurieux',"
  "  '2026-10-01T10:00:00Z' FROM contribution WHERE channel = 'online' ORDER BY id LIMIT 1;";

static DlgStore *
open_filled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);

  g_assert_no_error (error);
  dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_store_exec (store, fill_sql, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static char *
dump_outbox (DlgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store,
                                               "SELECT object_type, object_uuid, method, path,"
                                               "  coalesce (idempotency_key, '-'),"
                                               "  coalesce (body, '-') FROM outbox ORDER BY id",
                                               &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s %s %s\n%s\n",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                            sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5));
  return g_string_free (out, FALSE);
}

/* Every collection's payload is what the outbox sent before it was split per collection. */
static void
test_payloads_fixture (void)
{
  g_autoptr(DlgStore) store = open_filled ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sync",
                                                 "outbox-demo.txt", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *highlighted = NULL;
  g_autoptr(GString) counts = g_string_new (NULL);
  guint queued = 0;

  /* What is counted as waiting before and after the changes are collected is part of it. */
  g_string_append_printf (counts, "pending %" G_GINT64_FORMAT " (demo included %"
                          G_GINT64_FORMAT ")\n", dlg_sync_count_pending (store, NULL),
                          dlg_sync_count_pending_for (store, TRUE, NULL));
  g_assert_true (dlg_sync_collect_changes (store, TRUE, &queued, &error));
  g_assert_no_error (error);
  g_string_append_printf (counts, "queued %u\n", queued);
  /* A DELETE too: the second highlight leaves the site. */
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store,
                                                 "SELECT c.uuid FROM contribution c JOIN"
                                                 "  contribution_annotation a ON"
                                                 "  a.contribution_id = c.id ORDER BY c.id"
                                                 "  LIMIT 1 OFFSET 1", &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    highlighted = dlg_stmt_dup_text (stmt, 0);
  }
  g_assert_true (dlg_sync_enqueue_delete (store, "highlight", highlighted, &error));
  g_assert_no_error (error);
  g_string_append_printf (counts, "pending %" G_GINT64_FORMAT " (demo included %"
                          G_GINT64_FORMAT ")\n", dlg_sync_count_pending (store, NULL),
                          dlg_sync_count_pending_for (store, TRUE, NULL));
  {
    static const char *types[] = { "follow_up", "contribution", "highlight", "narrative",
                                   "response", "commitment", "process" };
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store,
                                                 "SELECT object_type, object_uuid FROM outbox"
                                                 "  ORDER BY id", &error);

    /* Where each object stands, asked under every type name. */
    while (sqlite3_step (stmt) == SQLITE_ROW)
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        g_string_append_printf (counts, "%s %s as %s: %d\n", sqlite3_column_text (stmt, 0),
                                sqlite3_column_text (stmt, 1), types[i],
                                dlg_sync_get_publication (store, types[i],
                                                          (const char *)
                                                          sqlite3_column_text (stmt, 1)));
  }
  dump = dump_outbox (store);
  /* Something of every collection. */
  g_assert_cmpint (count (store, "SELECT count(DISTINCT object_type) FROM outbox"), ==, 8);
  /* The site takes everything: what each object's bookkeeping says then. */
  {
    g_autoptr(GArray) ids = dlg_outbox_list_ids (store, FALSE, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(DlgOutboxRow) row = dlg_outbox_load (store, g_array_index (ids, gint64, i),
                                                       &error);
        g_autofree char *etag = g_strdup_printf ("e%" G_GINT64_FORMAT, row->id);

        g_assert_true (dlg_outbox_sent (store, row, etag, row->id, &error));
        g_assert_no_error (error);
        g_string_append_printf (counts, "sent %s %s: %d\n", row->object_type, row->object_uuid,
                                dlg_sync_get_publication (store, row->object_type,
                                                          row->object_uuid));
      }
    g_string_append_printf (counts, "pending %" G_GINT64_FORMAT "\n",
                            dlg_sync_count_pending_for (store, TRUE, NULL));
  }
  {
    char *all = g_strconcat (counts->str, dump, NULL);

    g_free (dump);
    dump = all;
  }

  if (g_getenv ("DLG_WRITE_FIXTURE") != NULL)
    {
      g_assert_true (g_file_set_contents (path, dump, -1, &error));
      g_assert_no_error (error);
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dump, ==, expected);
}

/* Each collection is registered once, and every published type of the core has one. */
static void
test_registry (void)
{
  static const char * const published[] = { "process", "narrative", "response", "commitment",
                                            "follow_up", "contribution", "highlight" };
  guint n;
  const DlgSyncCollection * const *collections = dlg_sync_registry_get (&n);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) paths = g_hash_table_new (g_str_hash, g_str_equal);

  /* and two actions: moderation decisions and erasures */
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (published) + 2);
  for (guint i = 0; i < n; i++)
    {
      const DlgSyncCollection *c = collections[i];

      g_assert_true (g_hash_table_add (types, (gpointer) c->type));
      g_assert_true (dlg_sync_registry_lookup (c->type) == c);
      g_assert_nonnull (c->get_record_type);
      g_assert_true (g_type_is_a (c->get_record_type (), G_TYPE_OBJECT));
      if (c->collection != NULL)
        {
          /* An object: built by the core, taken back after a conflict, counted its own way. */
          g_assert_true (g_hash_table_add (paths, (gpointer) c->collection));
          g_assert_true (dlg_publication_has_type (c->type));
          g_assert_true ((c->to_json != NULL) != (c->to_json_of_process != NULL));
          g_assert_nonnull (c->apply_remote);
          g_assert_null (c->collect);
          g_assert_null (c->sent);
        }
      else
        {
          /* An action (moderation, erasure): collects, counts and records what was sent itself. */
          g_assert_false (dlg_publication_has_type (c->type));
          g_assert_nonnull (c->collect);
          g_assert_nonnull (c->count_uncollected);
          g_assert_nonnull (c->sent);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    g_assert_nonnull (dlg_sync_registry_lookup (published[i]));
  g_assert_null (dlg_sync_registry_lookup ("participant"));
  g_assert_null (dlg_sync_registry_lookup (NULL));
}

/* "The response is published" is one rule: the function the view asks, and the SQL that
 * decides what is pushed (the response, and the commitments that come from it). */
static void
test_response_published_rule (void)
{
  g_autoptr(DlgStore) store = open_filled ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgResponse) response = NULL;
  gboolean wanted, on_site, synced;

  g_assert_true (dlg_store_exec (store, "UPDATE response SET published_at = NULL", &error));
  response = dlg_response_load_for (store, 1, &error);
  g_assert_no_error (error);
  g_assert_false (dlg_response_is_published (response));
  {
    g_autoptr(GPtrArray) responses = dlg_publication_list_changed (store, "response", TRUE,
                                                                   &error);
    g_autoptr(GPtrArray) commitments = dlg_publication_list_changed (store, "commitment", TRUE,
                                                                     &error);

    g_assert_no_error (error);
    g_assert_cmpuint (responses->len, ==, 0);
    g_assert_cmpuint (commitments->len, ==, 0);
  }
  g_assert_true (dlg_publication_get_status (store, "response",
                                             dlg_response_get_uuid (response), &wanted,
                                             &on_site, &synced));
  g_assert_false (wanted);

  dlg_response_set_published_at (response, "2026-11-15T10:00:00Z");
  g_assert_true (dlg_response_is_published (response));
  g_assert_true (dlg_store_exec (store, "UPDATE response SET"
                                        " published_at = '2026-11-15T10:00:00Z'", &error));
  {
    g_autoptr(GPtrArray) responses = dlg_publication_list_changed (store, "response", TRUE,
                                                                   &error);
    g_autoptr(GPtrArray) commitments = dlg_publication_list_changed (store, "commitment", TRUE,
                                                                     &error);
    DlgPublicationChange *change;

    g_assert_no_error (error);
    g_assert_cmpuint (responses->len, ==, 1);
    change = responses->pdata[0];
    g_assert_cmpstr (change->uuid, ==, dlg_response_get_uuid (response));
    g_assert_cmpint (change->process_id, ==, 1);
    g_assert_true (change->put);
    g_assert_cmpuint (commitments->len, ==, 1);
  }
  g_assert_true (dlg_publication_get_status (store, "response",
                                             dlg_response_get_uuid (response), &wanted,
                                             &on_site, &synced));
  g_assert_true (wanted);
  g_assert_false (on_site);
  /* The demo is left out unless asked for. */
  {
    g_autoptr(GPtrArray) responses = dlg_publication_list_changed (store, "response", FALSE,
                                                                   &error);

    g_assert_cmpuint (responses->len, ==, 0);
  }
  /* A type that is not published is refused, not guessed. */
  g_assert_null (dlg_publication_list_changed (store, "participant", TRUE, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

/* The queue: a PUT replaced by a newer body bumps its generation, the same body collected again
 * changes nothing, a POST keeps its key, retries wait, a refusal shows. */
static void
test_queue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(GArray) ids = NULL;
  gboolean changed = FALSE;

  g_assert_true (dlg_sync_queue_put (store, "narrative", "n1", "/p/n1", "{}", FALSE, &changed,
                                     &error));
  g_assert_true (changed);
  g_assert_true (dlg_sync_queue_put (store, "narrative", "n1", "/p/n1", "{}", FALSE, &changed,
                                     &error));
  g_assert_false (changed);
  g_assert_true (dlg_sync_queue_put (store, "narrative", "n1", "/p/n1", "{}", TRUE, &changed,
                                     &error));
  g_assert_true (changed);
  g_assert_true (dlg_sync_queue_post (store, "moderation", "c1", "/m", "{\"id\":\"k1\"}", "k1",
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_sync_queue_count_waiting (store, &error), ==, 2);
  g_assert_true (dlg_sync_queue_has_object (store, "narrative", "n1", &error));
  g_assert_false (dlg_sync_queue_has_object (store, "narrative", "n2", &error));
  g_assert_true (dlg_sync_queue_has_key (store, "k1", &error));
  g_assert_false (dlg_sync_queue_has_key (store, "k2", &error));
  g_assert_no_error (error);

  ids = dlg_outbox_list_ids (store, TRUE, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  {
    g_autoptr(DlgOutboxRow) put = dlg_outbox_load (store, g_array_index (ids, gint64, 0), &error);
    g_autoptr(DlgOutboxRow) post = dlg_outbox_load (store, g_array_index (ids, gint64, 1),
                                                    &error);
    g_autofree char *body = NULL;
    gint64 id;

    g_assert_cmpstr (put->method, ==, "PUT");
    g_assert_cmpint (put->generation, ==, 2);
    g_assert_cmpstr (post->method, ==, "POST");
    g_assert_cmpstr (post->idempotency_key, ==, "k1");
    body = dlg_sync_queue_dup_body_of (store, "narrative", "n1", &id);
    g_assert_cmpstr (body, ==, "{}");
    g_assert_cmpint (id, ==, put->id);

    /* A retry waits for its time; a refusal leaves the row, marked. */
    g_assert_true (dlg_outbox_retry_later (store, put, 1, G_MAXINT64, "later", &error));
    g_clear_pointer (&ids, g_array_unref);
    ids = dlg_outbox_list_ids (store, TRUE, &error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_false (dlg_sync_queue_is_refused (store, "narrative", "n1"));
    g_assert_true (dlg_outbox_failed (store, put, 1, 422, "no", &error));
    g_assert_true (dlg_sync_queue_is_refused (store, "narrative", "n1"));
    g_assert_cmpint (dlg_sync_queue_count_waiting (store, &error), ==, 1);

    /* Sent: dropped only when nothing newer was queued meanwhile. */
    g_assert_true (dlg_sync_queue_put (store, "narrative", "n1", "/p/n1", "{\"v\":2}", FALSE,
                                       &changed, &error));
    g_assert_cmpint (dlg_sync_queue_get_generation (store, put->id, &error), ==, 3);
    g_assert_true (dlg_sync_queue_drop_if_same (store, put, &error));
    g_assert_true (dlg_sync_queue_has_object (store, "narrative", "n1", &error));
    g_assert_true (dlg_sync_queue_drop_if_same (store, post, &error));
    g_assert_false (dlg_sync_queue_has_key (store, "k1", &error));
    g_assert_no_error (error);
  }
}

/* Collecting again what was collected queues nothing. */
static void
test_collect_twice (void)
{
  g_autoptr(DlgStore) store = open_filled ();
  g_autoptr(GError) error = NULL;
  guint first = 0, again = 1;

  g_assert_true (dlg_sync_collect_changes (store, TRUE, &first, &error));
  g_assert_true (dlg_sync_collect_changes (store, TRUE, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, count (store, "SELECT count(*) FROM outbox"));
  g_assert_cmpuint (again, ==, 0);
  g_assert_cmpint (count (store, "SELECT max(generation) FROM outbox"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/collections/payloads-as-before", test_payloads_fixture);
  g_test_add_func ("/sync/collections/registered-once", test_registry);
  g_test_add_func ("/sync/collections/response-published-rule", test_response_published_rule);
  g_test_add_func ("/sync/collections/collect-twice-queues-nothing", test_collect_twice);
  g_test_add_func ("/sync/queue/put-post-retry-ack", test_queue);

  return g_test_run ();
}
