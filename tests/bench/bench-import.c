/* bench-import.c — a 100,000-row export imported, next to the sqlite3 bulk-load baseline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a Decidim-style proposals export of 100,000 rows (DLG_BENCH_N sets how many: `;`,
 * quoted HTML bodies over two lines, `title/fr`, coordinates, supports), imports it with
 * dlg_import_file() into a file database, then again (every row unchanged), and prints rows per
 * second, rows per CPU second and the peak RSS. The baseline is what the issue measures against:
 * the same file read and bulk-loaded with the sqlite3 library, one prepared INSERT per row in
 * one transaction, into the same tables with the same FTS5 triggers. A warm-up load is not
 * measured. The machine may be shared: the import and the baseline alternate, each into a new
 * file, DLG_BENCH_ROUNDS times (3), and the median CPU seconds (user + sys) of each and their
 * ratio are printed (the goal: within 1.5×).
 */

#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-store-private.h"

#include "bench-common.h"

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
remove_db (const char *dir,
           const char *name)
{
  const char *suffix[] = { "", "-wal", "-shm" };

  for (guint j = 0; j < G_N_ELEMENTS (suffix); j++)
    {
      g_autofree char *db = g_strconcat (dir, "/", name, suffix[j], NULL);

      g_unlink (db);
    }
}

/* Streams the file out, so that writing it costs no memory either. */
static void
write_export (const char *path,
              guint       n)
{
  FILE *out = g_fopen (path, "w");

  g_assert_nonnull (out);
  fputs ("id;title/fr;body/fr;published_at;supports;latitude;longitude;author/name\r\n", out);
  for (guint i = 0; i < n; i++)
    fprintf (out, "%u;Proposition %u;\"<p>Aménager la place %u pour les piétons,</p>\r\n"
             "<p>planter des arbres &amp; ouvrir un marché le samedi matin.</p>\";"
             "2026-11-%02u 10:00:00 UTC;%u;47.2%04u;-1.5%04u;Habitant %u\r\n", i, i, i,
             1 + i % 28, i % 17, i % 10000, (i * 7) % 10000, i);
  g_assert_cmpint (fclose (out), ==, 0);
}

static double
run_import (DlgStore   *store,
            gint64      process_id,
            const char *path,
            guint       n,
            const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgImportReport) report = NULL;
  DlgImportOptions options = { 0 };
  gint64 t = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  double wall;

  options.format = DLG_IMPORT_FORMAT_DECIDIM;
  g_assert_true (dlg_import_file (store, process_id, path, &options, &report, &error));
  g_assert_no_error (error);
  wall = seconds_since (t);
  cpu = cpu_seconds () - cpu;
  g_assert_cmpuint (report->n_read, ==, n);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_print ("  %-34s %7.0f rows/s, %7.0f rows/CPU s  (%.2f s, %.2f CPU s; +%u ~%u =%u;"
           " peak RSS %.1f MiB)\n", what, n / wall, n / cpu, wall, cpu, report->n_added,
           report->n_updated, report->n_unchanged, peak_rss_mib ());
  return cpu;
}

/* The baseline: the file read, each row bound to one prepared INSERT (sqlite3 itself, no
 * checks, no HTML turned into text, no look-up of a held copy), one transaction. */
static double
run_baseline (DlgStore   *store,
              gint64      process_id,
              const char *path,
              guint       n,
              gboolean    quiet)
{
  static const char sql_insert[] =
    "INSERT INTO contribution (uuid, process_id, feature, kind, channel, title, body,"
    "  created_at, moderation, supports, lat, lon, source, source_id)"
    " VALUES (?1, ?2, 'ideas', 'idea', 'online', ?3, ?4, ?5, 'published', ?6, ?7, ?8,"
    "  'decidim', ?9)";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgCsvReader) reader = dlg_csv_reader_open (path, ';', &error);
  g_autoptr(DlgCsvRow) header = NULL;
  sqlite3 *db = dlg_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 t = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  double wall;
  guint rows = 0;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql_insert, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_true (dlg_csv_reader_next (reader, &header, &error));
  for (;;)
    {
      g_autoptr(DlgCsvRow) row = NULL;
      g_autofree char *uuid = dlg_uuid_new ();

      g_assert_true (dlg_csv_reader_next (reader, &row, &error));
      if (row == NULL)
        break;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, process_id);
      sqlite3_bind_text (stmt, 3, row->fields[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row->fields[2], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, row->fields[3], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, g_ascii_strtoll (row->fields[4], NULL, 10));
      sqlite3_bind_double (stmt, 7, g_ascii_strtod (row->fields[5], NULL));
      sqlite3_bind_double (stmt, 8, g_ascii_strtod (row->fields[6], NULL));
      sqlite3_bind_text (stmt, 9, row->fields[0], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  wall = seconds_since (t);
  cpu = cpu_seconds () - cpu;
  g_assert_cmpuint (rows, ==, n);
  if (!quiet)
    g_print ("  %-34s %7.0f rows/s, %7.0f rows/CPU s  (%.2f s, %.2f CPU s)\n",
             "sqlite3 bulk load (baseline)", n / wall, n / cpu, wall, cpu);
  return cpu;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-bench-import-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char *env = g_getenv ("DLG_BENCH_N");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 100000;
  const char *env_rounds = g_getenv ("DLG_BENCH_ROUNDS");
  guint rounds = env_rounds != NULL ? (guint) g_ascii_strtoull (env_rounds, NULL, 10) : 3;
  g_autofree double *import_cpu = NULL;
  g_autofree double *again_cpu = NULL;
  g_autofree double *baseline_cpu = NULL;
  gint64 process_id;
  double rss_before, median_import, median_baseline;

  g_assert_no_error (error);
  rounds = MAX (rounds, 1);
  import_cpu = g_new0 (double, rounds);
  again_cpu = g_new0 (double, rounds);
  baseline_cpu = g_new0 (double, rounds);
  path = g_build_filename (dir, "bench-open-data-proposals.csv", NULL);
  write_export (path, n);
  g_print ("Import of a %u-row Decidim export (file database, FTS5 index), %u rounds:\n", n,
           rounds);
  {
    g_autoptr(DlgStore) store = open_store (dir, "warm-up.db", &process_id);

    run_baseline (store, process_id, path, n, TRUE);
  }
  remove_db (dir, "warm-up.db");
  rss_before = peak_rss_mib ();
  for (guint r = 0; r < rounds; r++)
    {
      {
        g_autoptr(DlgStore) store = open_store (dir, "baseline.db", &process_id);

        baseline_cpu[r] = run_baseline (store, process_id, path, n, FALSE);
      }
      remove_db (dir, "baseline.db");
      {
        g_autoptr(DlgStore) store = open_store (dir, "import.db", &process_id);

        import_cpu[r] = run_import (store, process_id, path, n,
                                    "import (dlg_import_file), new rows");
        again_cpu[r] = run_import (store, process_id, path, n, "again, every row unchanged");
      }
      remove_db (dir, "import.db");
    }
  median_import = median_of (import_cpu, rounds);
  median_baseline = median_of (baseline_cpu, rounds);
  g_print ("  median CPU: import %.2f s, baseline %.2f s: %.2f× (goal ≤ 1.5×);"
           " unchanged rows again %.2f s\n", median_import, median_baseline,
           median_import / median_baseline, median_of (again_cpu, rounds));
  g_print ("  peak RSS before the import: %.1f MiB\n", rss_before);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
