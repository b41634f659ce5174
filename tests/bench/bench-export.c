/* bench-export.c — rows per second of each export format, and peak memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a process with DLG_BENCH_N located contributions (1,000,000 by default) through
 * dlg_export_fill_for_bench(), then exports them as CSV, JSON, XLSX and GeoJSON, each in a
 * child process of its own so that its peak RSS (getrusage) is its own. Goal: CSV at
 * ≥ 200,000 rows/s and < 64 MB whatever the size.
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "dlg-export-private.h"

static int
run_child (const char *db,
           const char *format_id,
           const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (db, &error);
  DlgExportOptions options = { .round_coordinates = DLG_EXPORT_ROUND_NONE };
  DlgExportResult result;
  struct rusage usage;
  gint64 start;
  double wall, cpu0 = cpu_seconds ();

  g_assert_no_error (error);
  g_assert_true (dlg_export_format_from_id (format_id, &options.format));
  start = g_get_monotonic_time ();
  dlg_export_run (store, 1, DLG_EXPORT_CONTRIBUTIONS, &options, out, NULL, NULL, NULL, &result,
                  &error);
  g_assert_no_error (error);
  wall = seconds_since (start);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%" G_GUINT64_FORMAT " %f %f %ld\n", result.n_rows, wall, cpu_seconds () - cpu0,
           usage.ru_maxrss);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(DlgStore) store = NULL;
  const char *n_text = g_getenv ("DLG_BENCH_N");
  guint n = n_text != NULL ? atoi (n_text) : 1000000;
  const char *formats[] = { "csv", "json", "xlsx", "geojson" };
  gint64 process_id, start;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], argv[4]);

  dir = g_dir_make_tmp ("dialogue-bench-export-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "bench.db", NULL);
  store = open_store (dir, "bench.db", &process_id);
  g_assert_cmpint (process_id, ==, 1);
  start = g_get_monotonic_time ();
  dlg_export_fill_for_bench (store, process_id, n, &error);
  g_assert_no_error (error);
  g_print ("# %u contributions generated in %.1f s\n", n, seconds_since (start));
  g_clear_object (&store);

  g_print ("%-8s %10s %8s %12s %12s %10s %10s\n", "format", "rows", "wall s", "rows/s",
           "rows/CPU s", "peak MB", "file MB");
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("out.%s", formats[i]);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      const char *child[] = { argv[0], "--child", db, formats[i], out, NULL };
      g_autofree char *stdout_text = NULL;
      guint64 rows;
      double wall, cpu;
      long rss_kb;
      int status;
      GStatBuf st;

      g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text,
                    NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpint (sscanf (stdout_text, "%" G_GUINT64_FORMAT " %lf %lf %ld", &rows, &wall,
                               &cpu, &rss_kb), ==, 4);
      g_assert_cmpint (g_stat (out, &st), ==, 0);
      g_print ("%-8s %10" G_GUINT64_FORMAT " %8.2f %12.0f %12.0f %10.1f %10.1f\n", formats[i],
               rows, wall, rows / wall, rows / cpu, rss_kb / 1024.0,
               st.st_size / (1024.0 * 1024.0));
      g_unlink (out);
    }
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
