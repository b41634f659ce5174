/* bench-report.c — the bilan of a process with 100,000 contributions: seconds and pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo at its last stage, then DLG_BENCH_N contributions (100,000 by default) added
 * through dlg_export_fill_for_bench() and spread over twenty weeks and the four channels, half
 * of them given one of the demo's themes and 250 linked to each recommendation. The bilan is
 * rendered twice (the first run warms the fonts' caches); the second is timed: wall and CPU
 * seconds, pages, size, peak RSS. Goal: seconds, not minutes.
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "dlg-export-private.h"
#include "dlg-report.h"

static const char sql_spread[] =
  "UPDATE contribution SET"
  "  created_at = strftime ('%Y-%m-%dT%H:%M:%SZ', 1788000000 + (id * 7919) % (20 * 7 * 86400),"
  "    'unixepoch'),"
  "  channel = CASE id % 10 WHEN 0 THEN 'in_person' WHEN 1 THEN 'mail' WHEN 2 THEN 'phone'"
  "    ELSE 'online' END,"
  "  feature = CASE id % 3 WHEN 0 THEN 'ideas' ELSE 'map' END"
  " WHERE process_id = ?1 AND source = 'bench'";
static const char sql_tag[] =
  "WITH t AS (SELECT id, row_number () OVER (ORDER BY id) - 1 AS k, count (*) OVER () AS n"
  "  FROM theme WHERE process_id = ?1)"
  " INSERT OR IGNORE INTO contribution_theme (contribution_id, theme_id)"
  " SELECT c.id, t.id FROM contribution c JOIN t ON t.k = (c.id / 2) % t.n"
  " WHERE c.process_id = ?1 AND c.source = 'bench' AND c.id % 2 = 0";
static const char sql_link[] =
  "INSERT OR IGNORE INTO recommendation_source (recommendation_id, contribution_id)"
  " SELECT r.id, c.id FROM recommendation r JOIN contribution c"
  "  ON c.process_id = r.process_id AND c.source = 'bench' AND c.id % 400 = r.number"
  " WHERE r.process_id = ?1";

static void
run (DlgStore   *store,
     const char *sql,
     gint64      process_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, process_id);
  g_assert_true (dlg_store_step_done (store, stmt, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-bench-report-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "bilan.pdf", NULL);
  g_autoptr(DlgStore) store = NULL;
  const char *n_text = g_getenv ("DLG_BENCH_N");
  guint n = n_text != NULL ? atoi (n_text) : 100000;
  gint64 process_id, start, total;
  double wall, cpu0;
  int n_pages = 0;
  struct rusage usage;
  GStatBuf st;

  store = dlg_store_open (db, &error);
  g_assert_no_error (error);
  process_id = dlg_demo_ensure_at (store, DLG_STAGE_FOLLOW_UP, NULL, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (dlg_export_fill_for_bench (store, process_id, n, &error));
  g_assert_no_error (error);
  run (store, sql_spread, process_id);
  run (store, sql_tag, process_id);
  run (store, sql_link, process_id);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, "SELECT count (*) FROM contribution"
                                                        " WHERE process_id = ?1", &error);

    sqlite3_bind_int64 (stmt, 1, process_id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    total = sqlite3_column_int64 (stmt, 0);
  }
  g_print ("# %" G_GINT64_FORMAT " contributions in the process (filled in %.1f s)\n", total,
           seconds_since (start));

  g_assert_true (dlg_report_render (store, process_id, pdf, NULL, NULL, NULL, &n_pages,
                                    &error));
  g_assert_no_error (error);
  cpu0 = cpu_seconds ();
  start = g_get_monotonic_time ();
  g_assert_true (dlg_report_render (store, process_id, pdf, NULL, NULL, NULL, &n_pages,
                                    &error));
  g_assert_no_error (error);
  wall = seconds_since (start);
  getrusage (RUSAGE_SELF, &usage);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_print ("report: %" G_GINT64_FORMAT " contributions, %d pages, %.0f KiB, %.2f s wall, "
           "%.2f s CPU, peak RSS %ld MiB\n", total, n_pages, st.st_size / 1024.0, wall,
           cpu_seconds () - cpu0, usage.ru_maxrss / 1024);

  g_clear_object (&store);
  /* DLG_REPORT_KEEP=DIR keeps the PDF there, to look at */
  if (g_getenv ("DLG_REPORT_KEEP") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("DLG_REPORT_KEEP"), "bilan-bench.pdf",
                                                NULL);

      g_rename (pdf, copy);
    }
  g_unlink (pdf);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
