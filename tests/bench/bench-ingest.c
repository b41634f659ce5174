/* bench-ingest.c — the ingestion path's throughput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ingests 10,000 contributions (DLG_BENCH_N sets how many) into a file database, as the app
 * does, in one batch: first as new rows, then again with half of them changed (updates), and
 * prints items per second, next to the same rows inserted by one prepared INSERT in one
 * transaction with the same FTS triggers (the floor the path can approach), after a warm-up
 * run that is not measured. Building the batch (reading the JSON) is timed apart from applying
 * it; the machine may be shared, so CPU seconds are printed next to the wall-clock ones.
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-store-private.h"

#include "bench-common.h"

static JsonObject *
item_json (guint i,
           guint variant)
{
  JsonObject *data = json_object_new ();
  g_autofree char *title = g_strdup_printf ("Proposition %u", i);
  g_autofree char *body = g_strdup_printf ("Aménager la place %u pour les piétons, planter des "
                                           "arbres et ouvrir un marché le samedi matin%s.", i,
                                           variant != 0 && i % 2 == 0 ? " et le mercredi" : "");

  json_object_set_string_member (data, "feature", "ideas");
  json_object_set_string_member (data, "kind", "idea");
  json_object_set_string_member (data, "author_ref", "Habitant·e");
  json_object_set_string_member (data, "title", title);
  json_object_set_string_member (data, "body", body);
  json_object_set_string_member (data, "created_at", "2026-11-20T10:00:00Z");
  json_object_set_string_member (data, "moderation", "published");
  json_object_set_int_member (data, "supports", i % 17);
  return data;
}

static DlgIngestBatch *
make_batch (gint64 process_id,
            guint  n,
            guint  variant)
{
  DlgIngestBatch *batch = dlg_ingest_batch_new ("bench");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) data = item_json (i, variant);
      g_autoptr(DlgContribution) c = dlg_contribution_new_from_json (process_id, NULL, data);
      g_autofree char *id = g_strdup_printf ("%u", i);

      dlg_ingest_batch_add_contribution (batch, id, 0, c, DLG_INGEST_FLAGS_NONE);
    }
  return batch;
}

static void
run_ingest (DlgStore   *store,
            gint64      process_id,
            guint       n,
            guint       variant,
            const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgIngestBatch) batch = NULL;
  g_autoptr(DlgIngestReport) report = NULL;
  gint64 t = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  double build, apply, apply_cpu;

  batch = make_batch (process_id, n, variant);
  build = seconds_since (t);
  t = g_get_monotonic_time ();
  apply_cpu = cpu_seconds ();
  g_assert_true (dlg_ingest_batch_apply (store, batch, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  apply = seconds_since (t);
  apply_cpu = cpu_seconds () - apply_cpu;
  cpu = cpu_seconds () - cpu;
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_print ("  %-28s %7.0f items/s, %7.0f items/CPU s  (JSON %.3f s, apply %.3f s,"
           " %.3f CPU s; +%u ~%u =%u)\n", what, n / (build + apply), n / cpu, build, apply,
           apply_cpu, report->n_added, report->n_updated, report->n_unchanged);
}

/* The floor: the same rows by one prepared INSERT, one transaction, the same triggers. */
static void
run_baseline (DlgStore *store,
              gint64    process_id,
              guint     n,
              gboolean  quiet)
{
  static const char sql_insert[] =
    "INSERT INTO contribution (uuid, process_id, feature, kind, channel, author_ref, title,"
    "  body, created_at, moderation, supports, source, source_id)"
    " VALUES (?1, ?2, 'ideas', 'idea', 'online', ?3, ?4, ?5, ?6, 'published', ?7, 'bench', ?8)";
  g_autoptr(GError) error = NULL;
  gint64 t = g_get_monotonic_time ();
  double cpu = cpu_seconds ();

  g_assert_true (dlg_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) data = item_json (i, 0);
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_insert, &error);
      g_autofree char *uuid = dlg_uuid_new ();
      g_autofree char *id = g_strdup_printf ("%u", i);

      g_assert_no_error (error);
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, process_id);
      dlg_stmt_bind_text (stmt, 3, json_object_get_string_member (data, "author_ref"));
      dlg_stmt_bind_text (stmt, 4, json_object_get_string_member (data, "title"));
      dlg_stmt_bind_text (stmt, 5, json_object_get_string_member (data, "body"));
      dlg_stmt_bind_text (stmt, 6, json_object_get_string_member (data, "created_at"));
      sqlite3_bind_int64 (stmt, 7, json_object_get_int_member (data, "supports"));
      dlg_stmt_bind_text (stmt, 8, id);
      g_assert_true (dlg_store_step_done (store, stmt, &error));
    }
  g_assert_true (dlg_store_commit (store, &error));
  cpu = cpu_seconds () - cpu;
  if (quiet)
    return;
  g_print ("  %-28s %7.0f items/s, %7.0f items/CPU s  (%.3f s, %.3f CPU s)\n",
           "one INSERT per row (floor)", n / seconds_since (t), n / cpu, seconds_since (t), cpu);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-bench-ingest-XXXXXX", &error);
  const char *env = g_getenv ("DLG_BENCH_N");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 10000;
  const char *names[] = { "warm-up.db", "ingest.db", "baseline.db" };
  gint64 process_id;

  g_assert_no_error (error);
  g_print ("Ingestion of %u contributions (file database, FTS5 index):\n", n);
  /* The first run of a process pays for its warm-up (allocator, page cache): not measured. */
  {
    g_autoptr(DlgStore) store = open_store (dir, names[0], &process_id);

    run_baseline (store, process_id, n, TRUE);
  }
  {
    g_autoptr(DlgStore) store = open_store (dir, names[1], &process_id);

    run_ingest (store, process_id, n, 0, "new rows");
    run_ingest (store, process_id, n, 1, "again, half of them changed");
    run_ingest (store, process_id, n, 1, "again, none changed");
  }
  {
    g_autoptr(DlgStore) store = open_store (dir, names[2], &process_id);

    run_baseline (store, process_id, n, FALSE);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = 0; j < 3; j++)
      {
        const char *suffix[] = { "", "-wal", "-shm" };
        g_autofree char *path = g_strconcat (dir, "/", names[i], suffix[j], NULL);

        g_unlink (path);
      }
  g_rmdir (dir);
  return 0;
}
