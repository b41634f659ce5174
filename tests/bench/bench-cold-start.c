/* bench-cold-start.c — the window's cold start on a large database, against an empty window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs `dialogue --db FILE` on a database of DLG_BENCH_N contributions (100,000 by default),
 * the minimal GTK 4 window of minimal-window.c and the minimal libadwaita window (the same
 * file built with MINIMAL_ADW), alternated, DLG_BENCH_RUNS times each (7), each quitting after
 * its first painted frame; prints the medians of the wall time from exec to exit, the CPU time
 * and the peak memory of each, side by side, and the app's ratios to each. Run under a
 * display (meson wraps it in xvfb-run and dbus-run-session). DLG_BENCH_DB=FILE writes the
 * database there (once: an existing FILE is used as it is) and keeps it, for a profiler.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "../contribution-fixture.h"

typedef struct
{
  double wall;
  double cpu;
  double rss_mib;
} Run;

static Run
run_once (char **argv)
{
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid = fork ();
  Run run;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      execv (argv[0], argv);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  run.wall = (g_get_monotonic_time () - start) / 1e6;
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  run.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
            usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  run.rss_mib = usage.ru_maxrss / 1024.0;
  return run;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static Run
median (GArray *runs)
{
  g_autofree double *values = g_new (double, runs->len);
  Run m;

  for (int field = 0; field < 3; field++)
    {
      for (guint i = 0; i < runs->len; i++)
        {
          Run *r = &g_array_index (runs, Run, i);
          values[i] = field == 0 ? r->wall : field == 1 ? r->cpu : r->rss_mib;
        }
      qsort (values, runs->len, sizeof (double), compare_doubles);
      if (field == 0)
        m.wall = values[runs->len / 2];
      else if (field == 1)
        m.cpu = values[runs->len / 2];
      else
        m.rss_mib = values[runs->len / 2];
    }
  return m;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-bench-start-XXXXXX", &error);
  const char *keep_db = g_getenv ("DLG_BENCH_DB");
  g_autofree char *path = keep_db != NULL ? g_strdup (keep_db)
                                          : g_build_filename (dir, "big.db", NULL);
  const char *dialogue = g_getenv ("DIALOGUE_BIN");
  const char *minimal = g_getenv ("MINIMAL_WINDOW_BIN");
  const char *minimal_adw = g_getenv ("MINIMAL_ADW_WINDOW_BIN");
  const char *n_env = g_getenv ("DLG_BENCH_N");
  const char *runs_env = g_getenv ("DLG_BENCH_RUNS");
  guint n = n_env != NULL ? (guint) g_ascii_strtoull (n_env, NULL, 10) : 100000;
  guint n_runs = runs_env != NULL ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : 7;
  g_autoptr(GArray) app_runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) base_runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) adw_runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autofree char *db_option = g_strconcat ("--db=", path, NULL);
  char *app_argv[] = { (char *) dialogue, db_option, NULL };
  char *base_argv[] = { (char *) minimal, NULL };
  char *adw_argv[] = { (char *) minimal_adw, NULL };
  Run app, base, adw;

  g_assert_no_error (error);
  g_assert_nonnull (dialogue);
  g_assert_nonnull (minimal);
  g_assert_nonnull (minimal_adw);
  if (keep_db == NULL || !g_file_test (keep_db, G_FILE_TEST_EXISTS))
    {
      g_autoptr(DlgStore) store = dlg_store_open (path, &error);
      g_autoptr(DlgProcess) process = NULL;
      gint64 t = g_get_monotonic_time ();

      g_assert_no_error (error);
      process = dlg_process_create (store, "Grande démarche", &error);
      g_assert_no_error (error);
      fixture_insert_contributions (store, dlg_process_get_id (process), n);
      g_print ("database: %u contributions (%.1f s to write)\n", n,
               (g_get_monotonic_time () - t) / 1e6);
    }

  g_setenv ("DIALOGUE_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("HOME", dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  /* A first run of each warms the page cache, as the officer's second start would be. */
  run_once (app_argv);
  run_once (base_argv);
  run_once (adw_argv);
  for (guint i = 0; i < n_runs; i++)
    {
      Run r = run_once (app_argv);
      Run b = run_once (base_argv);
      Run a = run_once (adw_argv);

      g_array_append_val (app_runs, r);
      g_array_append_val (base_runs, b);
      g_array_append_val (adw_runs, a);
    }
  app = median (app_runs);
  base = median (base_runs);
  adw = median (adw_runs);
  g_print ("cold start to the first frame, medians of %u runs:\n", n_runs);
  g_print ("  %-28s %8s %8s %10s\n", "", "wall s", "CPU s", "peak MiB");
  g_print ("  %-28s %8.3f %8.3f %10.1f\n", "dialogue --db (this database)", app.wall, app.cpu,
           app.rss_mib);
  g_print ("  %-28s %8.3f %8.3f %10.1f\n", "minimal GTK 4 window", base.wall, base.cpu,
           base.rss_mib);
  g_print ("  %-28s %8.3f %8.3f %10.1f\n", "minimal libadwaita window", adw.wall, adw.cpu,
           adw.rss_mib);
  g_print ("  %-28s %8.2f %8.2f %10.2f   (goal: wall <= 1.3x)\n", "ratio to GTK 4 window",
           app.wall / base.wall, app.cpu / base.cpu, app.rss_mib / base.rss_mib);
  g_print ("  %-28s %8.2f %8.2f %10.2f\n", "ratio to libadwaita window", app.wall / adw.wall,
           app.cpu / adw.cpu, app.rss_mib / adw.rss_mib);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        if (g_file_test (file, G_FILE_TEST_IS_DIR))
          {
            g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", file);
            if (system (cmd) != 0)
              g_printerr ("could not remove %s\n", file);
          }
        else
          g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
