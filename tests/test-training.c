/* test-training.c — the training reset: the demo rebuilt at a stage, the practice site as new,
 * real processes untouched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dlg-core.h"
#include "dlg-site-db.h"
#include "dlg-site-server.h"
#include "dlg-store-private.h"
#include "dlg-sync.h"
#include "dlg-training-site.h"

#define REAL_SITE     "https://participer.example.invalid"
#define PRACTICE_SITE "http://127.0.0.1:1"

static DlgStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_store_open (path != NULL ? path : ":memory:", &error);

  g_assert_no_error (error);
  return store;
}

static void
exec (DlgStore   *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlg_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

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

static GStrv
list_tables (sqlite3 *db)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (builder);
}

static gboolean
has_column (sqlite3    *db,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM pragma_table_info ('%s')"
                                          " WHERE name = '%s'", table, column);
  sqlite3_stmt *stmt;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* A WHERE clause that picks the rows of @table that belong to process @id: by its process_id,
 * or through its foreign keys to a table that has one; NULL when nothing leads to a process. */
static char *
owned_where (sqlite3    *db,
             const char *table,
             gint64      id,
             guint       depth)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *where = NULL;

  if (has_column (db, table, "process_id"))
    return g_strdup_printf ("process_id = %" G_GINT64_FORMAT, id);
  if (g_str_equal (table, "process"))
    return g_strdup_printf ("id = %" G_GINT64_FORMAT, id);
  if (depth > 4)
    return NULL;
  sql = g_strdup_printf ("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list ('%s')",
                         table);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (where == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *parent = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *to = g_strdup (sqlite3_column_text (stmt, 2) != NULL
                                      ? (const char *) sqlite3_column_text (stmt, 2) : "id");
      g_autofree char *parent_name = g_strdup (parent);
      g_autofree char *parent_where = owned_where (db, parent_name, id, depth + 1);

      if (parent_where != NULL)
        where = g_strdup_printf ("%s IN (SELECT %s FROM %s WHERE %s)", from, to, parent_name,
                                 parent_where);
    }
  sqlite3_finalize (stmt);
  return where;
}

/* The rows of @sql under a line "# @label" (the query itself when NULL). */
static void
dump_labelled (sqlite3    *db,
               const char *label,
               const char *sql,
               GString    *out)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (out, "# %s\n", label != NULL ? label : sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                  text != NULL ? (const char *) text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

static void
dump_query (sqlite3    *db,
            const char *sql,
            GString    *out)
{
  dump_labelled (db, NULL, sql, out);
}

/* Every row that belongs to process @id, in every table, with its sync state: the outbox and
 * conflicts of its objects, and the state of the real site. */
static char *
dump_process (DlgStore *store,
              gint64    id)
{
  sqlite3 *db = dlg_store_get_db (store);
  g_auto(GStrv) tables = list_tables (db);
  GString *out = g_string_new (NULL);
  g_autofree char *uuids = NULL;
  g_autofree char *head = NULL;

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *where = owned_where (db, tables[i], id, 0);
      g_autofree char *sql = NULL;

      if (where == NULL)
        continue;
      sql = g_strdup_printf ("SELECT * FROM %s WHERE %s ORDER BY 1, 2", tables[i], where);
      dump_query (db, sql, out);
    }
  uuids = g_strdup_printf ("(SELECT uuid FROM process WHERE id = %1$" G_GINT64_FORMAT
                           " UNION SELECT uuid FROM narrative WHERE process_id = %1$" G_GINT64_FORMAT
                           " UNION SELECT uuid FROM contribution WHERE process_id = %1$" G_GINT64_FORMAT
                           " UNION SELECT uuid FROM commitment WHERE process_id = %1$" G_GINT64_FORMAT
                           " UNION SELECT uuid FROM response WHERE process_id = %1$" G_GINT64_FORMAT
                           " UNION SELECT uuid FROM follow_up WHERE process_id = %1$" G_GINT64_FORMAT
                           ")", id);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT * FROM outbox WHERE object_uuid IN %s"
                                            " ORDER BY id", uuids);
    g_autofree char *conflicts = g_strdup_printf ("SELECT * FROM conflict WHERE object_uuid IN %s"
                                                  " ORDER BY id", uuids);
    dump_query (db, sql, out);
    dump_query (db, conflicts, out);
  }
  head = g_strdup_printf ("SELECT * FROM meta WHERE key = 'journal.head.%" G_GINT64_FORMAT "'",
                          id);
  dump_query (db, head, out);
  dump_query (db, "SELECT * FROM sync_state WHERE site_url = '" REAL_SITE "'", out);
  dump_query (db, "SELECT * FROM sync_skipped WHERE site_url = '" REAL_SITE "' ORDER BY id", out);
  dump_query (db, "SELECT * FROM sync_orphan WHERE process_uuid = 'other-workstation'", out);
  return g_string_free (out, FALSE);
}

/* What the demo says, whatever its ids, uuids and times: every table that has a process_id,
 * without those columns, sorted; the stage states. Two builds at one stage give the same. */
static char *
dump_content (DlgStore *store,
              gint64    id)
{
  sqlite3 *db = dlg_store_get_db (store);
  g_auto(GStrv) tables = list_tables (db);
  GString *out = g_string_new (NULL);

  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
      g_autofree char *sql = NULL;
      g_auto(GStrv) names = NULL;
      g_autofree char *list = NULL;
      sqlite3_stmt *stmt;

      if (!has_column (db, tables[i], "process_id") || g_str_has_prefix (tables[i], "journal"))
        continue;
      sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", tables[i]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);

          if (g_str_equal (name, "id") || g_str_equal (name, "uuid") ||
              g_str_has_suffix (name, "_id") || g_str_has_suffix (name, "_at") ||
              g_str_equal (name, "etag") || g_str_equal (name, "rev") ||
              g_str_equal (name, "sync_state"))
            continue;
          g_strv_builder_add (columns, name);
        }
      sqlite3_finalize (stmt);
      names = g_strv_builder_end (columns);
      if (names[0] == NULL)
        continue;
      list = g_strjoinv (", ", names);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT %s FROM %s WHERE process_id = %" G_GINT64_FORMAT
                             " ORDER BY %s", list, tables[i], id, list);
      dump_labelled (db, tables[i], sql, out);
    }
  return g_string_free (out, FALSE);
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dlg-training-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* Two demos in one database (the first run's and one at the review: their uuids differ by the
 * stage), then a reset to each stage: one demo left, at that stage, the same as a demo built
 * from the seed in a fresh database, its journal ending with the reset; the journal of the
 * deleted demos kept and verifiable; nothing of them left elsewhere. */
static void
test_reset_stage (gconstpointer data)
{
  DlgStage stage = GPOINTER_TO_UINT (data);
  g_autoptr(DlgStore) store = open_store (NULL);
  g_autoptr(DlgStore) fresh = open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) demos = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(DlgJournalEntry) last = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_auto(GStrv) tables = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  gint64 first, review, id, fresh_id, n_old_entries, n;
  guint n_deleted = 0;

  first = dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  review = dlg_demo_ensure_at (store, DLG_STAGE_REVIEW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (review, >, first);
  g_assert_true (dlg_journal_verify (store, review, &n_old_entries, &error));
  g_assert_cmpint (n_old_entries, >, 10);

  id = dlg_demo_reset (store, stage, &n_deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 2);
  /* A new process, never one of the deleted ids (their journals stay under them). */
  g_assert_cmpint (id, >, review);

  demos = dlg_process_list_demo_ids (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (demos->len, ==, 1);
  g_assert_cmpint (g_array_index (demos, gint64, 0), ==, id);
  process = dlg_process_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_process_get_current_stage (process), ==, stage);
  g_assert_true (dlg_process_get_is_demo (process));

  /* As from the seed in a database of its own. */
  fresh_id = dlg_demo_ensure_at (fresh, stage, NULL, &error);
  g_assert_no_error (error);
  expected = dump_content (fresh, fresh_id);
  actual = dump_content (store, id);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"), ==,
                   count (fresh, "SELECT count(*) FROM contribution"));

  /* The journal: the new chain holds and ends with the reset, one entry; the old ones are
   * still there, whole. */
  g_assert_true (dlg_journal_verify (store, id, &n, &error));
  g_assert_no_error (error);
  journal = dlg_journal_list (store, id, &error);
  last = g_list_model_get_item (journal, g_list_model_get_n_items (journal) - 1);
  g_assert_cmpstr (dlg_journal_entry_get_action (last), ==, "demo.reset");
  g_assert_cmpstr (dlg_journal_entry_get_stage (last), ==, dlg_stage_to_id (stage));
  g_assert_nonnull (strstr (dlg_journal_entry_get_summary (last), "2 demo processes deleted"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM journal WHERE action = 'demo.reset'"), ==, 1);
  g_assert_true (dlg_journal_verify (store, review, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, n_old_entries);
  g_assert_true (dlg_journal_verify (store, first, NULL, &error));
  g_assert_no_error (error);

  /* Nothing else of the deleted demos anywhere. */
  tables = list_tables (dlg_store_get_db (store));
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = NULL;

      if (!has_column (dlg_store_get_db (store), tables[i], "process_id") ||
          g_str_equal (tables[i], "journal"))
        continue;
      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE process_id IN (%" G_GINT64_FORMAT
                             ", %" G_GINT64_FORMAT ")", tables[i], first, review);
      g_assert_cmpint (count (store, sql), ==, 0);
    }
  g_assert_cmpint (count (store, "SELECT count(*) FROM process"), ==, 1);
  /* The rows the site had queue no DELETE: the practice site is reset apart. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE method = 'DELETE'"), ==, 0);
}

/* A real process (every table filled, synced with a real site, with changes waiting) beside a
 * demo synced with the practice site: after the reset, every row of the real process and the
 * real site's state are the same, byte for byte; the demo's sync state and the practice
 * site's are gone. */
static void
test_reset_keeps_real (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "app.db", NULL);
  g_autofree char *site_path = g_build_filename (dir, "none.db", NULL);
  g_autoptr(DlgStore) store = open_store (db_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  gint64 real, demo, id;
  guint n_deleted;

  /* The real process: the demo's builder at the follow-up, everything filled in, then made a
   * real process, published on a real site with a narrative changed since. */
  real = dlg_demo_ensure_at (store, DLG_STAGE_FOLLOW_UP, NULL, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE process SET is_demo = 0, title = 'Réaménager la place' WHERE"
                         " id = %" G_GINT64_FORMAT, real);
  exec (store, sql);
  g_assert_true (dlg_sync_enqueue_process (store, real, &error));
  g_assert_no_error (error);
  exec (store, "UPDATE narrative SET etag = '\"r1\"', sync_state = 'modified'");
  exec (store, "INSERT INTO sync_state (site_url, cursor, used_at) VALUES ('" REAL_SITE "',"
               " 'c42', '2026-11-01T10:00:00Z')");
  exec (store, "INSERT INTO sync_skipped (site_url, item_type, item_id, rev, reason, skipped_at)"
               " VALUES ('" REAL_SITE "', 'contribution', 'x', 3, 'why', '2026-11-01T10:00:00Z')");
  exec (store, "INSERT INTO sync_orphan (type, uuid, process_uuid, rev, data_json) VALUES"
               " ('contribution', 'o1', 'other-workstation', 5, '{}')");

  /* The demo, synced with the practice site: its rows have etags, some wait in the outbox. */
  demo = dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_sync_enqueue_process (store, demo, &error));
  g_assert_true (dlg_sync_note_practice_site (store, PRACTICE_SITE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE narrative SET etag = '\"p1\"', sync_state = 'synced'"
                         " WHERE process_id = %" G_GINT64_FORMAT, demo);
  exec (store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE contribution SET remote_rev = 7, sync_state = 'synced'"
                         " WHERE process_id = %" G_GINT64_FORMAT, demo);
  exec (store, sql);
  exec (store, "INSERT INTO sync_state (site_url, cursor, full_resync, used_at) VALUES"
               " ('" PRACTICE_SITE "', 'c7', 1, '2026-11-02T10:00:00Z')");
  exec (store, "INSERT INTO sync_skipped (site_url, item_type, item_id, rev, reason, skipped_at)"
               " VALUES ('" PRACTICE_SITE "', 'contribution', 'y', 3, 'why',"
               " '2026-11-02T10:00:00Z')");
  exec (store, "INSERT INTO sync_resync_seen (type, uuid) VALUES ('contribution', 'seen')");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO conflict (object_type, object_uuid, local_json, detected_at)"
                         " SELECT 'narrative', uuid, '{}', '2026-11-02' FROM narrative"
                         " WHERE process_id = %" G_GINT64_FORMAT " LIMIT 1", demo);
  exec (store, sql);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), >, 1);

  before = dump_process (store, real);
  g_assert_cmpint (strlen (before), >, 20000);

  id = dlg_training_reset (store, NULL, site_path, DLG_STAGE_MANDATE, &n_deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, demo);
  g_assert_cmpuint (n_deleted, ==, 1);

  after = dump_process (store, real);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (dlg_journal_verify (store, real, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_journal_verify (store, demo, NULL, &error));
  g_assert_no_error (error);

  /* The demo's and the practice site's sync state are gone; the real site's is as it was. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_skipped"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_resync_seen"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM conflict"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_orphan"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM meta WHERE key LIKE 'sync.practice_site:%'"),
                   ==, 0);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE object_uuid NOT IN"
                         " (SELECT uuid FROM process WHERE id = %" G_GINT64_FORMAT ")", real);
  g_assert_cmpint (count (store, sql), ==, 0);
  /* No practice site file was made. */
  g_assert_false (g_file_test (site_path, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  remove_dir (dir);
}

static gint64
site_count (DlgSiteServer *server,
            const char    *sql)
{
  sqlite3 *db = dlg_site_db_get_handle (dlg_site_server_get_db (server));
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static DlgSyncClient *
practice_client (DlgStore        *store,
                 DlgTrainingSite *site)
{
  DlgSyncClient *client = dlg_sync_client_new (store, dlg_training_site_get_uri (site));

  dlg_sync_client_set_token (client, dlg_training_site_get_token (site));
  dlg_sync_client_set_include_demo (client, TRUE);
  dlg_sync_client_set_backoff (client, 50, 2000, 3000, 2);
  dlg_sync_client_set_request_timeout (client, 5000);
  return client;
}

static void
sync_ok (DlgSyncClient *client)
{
  g_autoptr(GError) error = NULL;

  dlg_sync_client_sync (client, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_sync_client_get_problems (client)->len, ==, 0);
}

/* Against the real practice site, in this process on loopback: the demo published and
 * contributions pulled; the reset empties the site and seeds it again (its own demos only),
 * refuses the old token, clears the app's state for it; a sync after it publishes the new
 * demo and pulls the site's feed from the start, with nothing left waiting or in conflict. */
static void
test_reset_practice_site (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "app.db", NULL);
  g_autofree char *site_path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(DlgStore) store = open_store (db_path);
  g_autoptr(DlgSyncManager) manager = dlg_sync_manager_new (store);
  g_autoptr(DlgTrainingSite) site = NULL;
  g_autoptr(DlgSyncClient) client = NULL;
  g_autoptr(DlgSyncClient) stale = NULL;
  g_autoptr(DlgProcess) demo = NULL;
  g_autoptr(DlgProcess) rebuilt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_token = NULL;
  g_autofree char *sql = NULL;
  DlgSiteServer *server;
  gint64 demo_id, id, seeded, n_pulled;
  const char *uri;

  site = dlg_training_site_start (site_path, &error);
  g_assert_no_error (error);
  server = dlg_training_site_get_server (site);
  uri = dlg_training_site_get_uri (site);
  seeded = site_count (server, "SELECT count(*) FROM objects");
  g_assert_cmpint (seeded, >, 0);

  demo_id = dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  demo = dlg_process_load (store, demo_id, &error);
  g_assert_true (dlg_training_site_attach (site, manager, &error));
  g_assert_no_error (error);
  client = practice_client (store, site);
  sync_ok (client);
  /* Citizens contribute on the practice site; the app pulls them. */
  g_assert_true (dlg_site_server_seed_contributions (server, dlg_process_get_uuid (demo), 5,
                                                     &error));
  g_assert_no_error (error);
  sync_ok (client);
  sql = g_strdup_printf ("SELECT count(*) FROM objects WHERE process_id = '%s' OR id = '%s'",
                         dlg_process_get_uuid (demo), dlg_process_get_uuid (demo));
  g_assert_cmpint (site_count (server, sql), >, 5);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor IS NOT NULL"), ==, 1);
  n_pulled = count (store, "SELECT count(*) FROM contribution WHERE remote_rev IS NOT NULL");
  g_assert_cmpint (n_pulled, >=, 5);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_orphan"), >, 0);
  old_token = g_strdup (dlg_training_site_get_token (site));

  id = dlg_training_reset (store, site, NULL, DLG_STAGE_REVIEW, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, demo_id);

  /* The site: the same address, its seeded demos only, one new token. */
  g_assert_cmpstr (dlg_training_site_get_uri (site), ==, uri);
  g_assert_cmpint (site_count (server, sql), ==, 0);
  g_assert_cmpint (site_count (server, "SELECT count(*) FROM objects"), ==, seeded);
  g_assert_cmpint (site_count (server, "SELECT count(*) FROM tokens"), ==, 1);
  g_assert_cmpstr (dlg_training_site_get_token (site), !=, old_token);
  /* The app: nothing left for the site's sake. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_orphan"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM conflict"), ==, 0);

  /* The old token no longer opens the site. */
  stale = dlg_sync_client_new (store, uri);
  dlg_sync_client_set_token (stale, old_token);
  dlg_sync_client_set_include_demo (stale, TRUE);
  dlg_sync_client_sync (stale, DLG_SYNC_FLAGS_NONE, NULL, &error);
  g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_clear_object (&stale);
  exec (store, "UPDATE sync_state SET auth_paused = 0");

  /* Attached again, a sync publishes the new demo and reads the feed from the start. */
  g_assert_true (dlg_training_site_attach (site, manager, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM meta WHERE key LIKE 'sync.practice_site:%'"),
                   ==, 1);
  g_clear_object (&client);
  client = practice_client (store, site);
  sync_ok (client);
  rebuilt = dlg_process_load (store, id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM objects WHERE type = 'process' AND id = '%s'",
                         dlg_process_get_uuid (rebuilt));
  g_assert_cmpint (site_count (server, sql), ==, 1);
  g_assert_cmpint (dlg_sync_count_pending_for (store, TRUE, &error), ==, 0);
  g_assert_cmpint (dlg_sync_count_conflicts (store, &error), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE cursor IS NOT NULL"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_orphan"), >, 0);
  /* Contributed on the new demo after the reset: pulled into it. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM contribution WHERE process_id = %" G_GINT64_FORMAT,
                         id);
  n_pulled = count (store, sql);
  g_assert_true (dlg_site_server_seed_contributions (server, dlg_process_get_uuid (rebuilt), 3,
                                                     &error));
  g_assert_no_error (error);
  sync_ok (client);
  g_assert_cmpint (count (store, sql), ==, n_pulled + 3);

  dlg_training_site_stop (site);
  g_clear_object (&client);
  g_clear_object (&manager);
  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/training/reset/%s", dlg_stage_to_id (i));

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_reset_stage);
    }
  g_test_add_func ("/core/training/reset-keeps-real", test_reset_keeps_real);
  g_test_add_func ("/sync/training/reset-practice-site", test_reset_practice_site);
  return g_test_run ();
}
