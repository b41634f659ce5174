/* bench-coding.c — the coding frame at volume, on 19,000 and 100,000 contributions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints, for each size: every match of a search read and tagged (cut to the first 10,000, the
 * issue's goal, ≤ 1 s), the whole match tagged, the live counts per theme (median CPU time of
 * 11 runs, alternated with the plain SQL they replace; goal <= 50 ms), a merge, an Undo, and
 * the peak RSS. A file database, as in the app.
 * DLG_BENCH_SIZES overrides the sizes ("19000,100000").
 */

#include "config.h"

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "../contribution-fixture.h"
#include "bench-common.h"

static double
ms_since (gint64 start)
{
  return seconds_since (start) * 1000.0;
}

static gint64
add_theme (DlgStore   *store,
           gint64      process_id,
           const char *name,
           gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTheme) theme = dlg_theme_new (process_id);

  dlg_theme_set_name (theme, name);
  dlg_theme_set_parent_id (theme, parent_id);
  g_assert_true (dlg_theme_save (store, theme, &error));
  return dlg_theme_get_id (theme);
}

/* The counts as plain SQL: each theme's links, count(DISTINCT) over each subtree with
 * sub-themes, the process's distinct tagged contributions. */
static void
sql_counts (DlgStore *store,
            gint64    process_id)
{
  static const char sql[] =
    "SELECT t.id, (SELECT count(*) FROM contribution_theme ct WHERE ct.theme_id = t.id),"
    " CASE WHEN EXISTS (SELECT 1 FROM theme c WHERE c.parent_id = t.id) THEN"
    "  (WITH RECURSIVE sub (id) AS (SELECT t.id UNION ALL"
    "   SELECT th.id FROM theme th JOIN sub ON th.parent_id = sub.id)"
    "   SELECT count(DISTINCT ct.contribution_id) FROM contribution_theme ct"
    "   WHERE ct.theme_id IN sub) END"
    " FROM theme t WHERE t.process_id = ?1;";
  static const char sql_without[] =
    "SELECT (SELECT count(*) FROM contribution WHERE process_id = ?1)"
    " - (SELECT count(DISTINCT ct.contribution_id) FROM contribution_theme ct"
    "  WHERE ct.theme_id IN (SELECT id FROM theme WHERE process_id = ?1))";
  const char *statements[] = { sql, sql_without };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, statements[i], &error);

      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, process_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
    }
}

static void
run_size (const char *dir,
          guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("coding-%u.db", n);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(GArray) ids = NULL;
  double counts_ms[11], sql_ms[11], median;
  gint64 process_id, t, themes[12];
  DlgCodingOutcome outcome;
  guint without = 0;
  struct rusage usage;

  store = open_store (dir, name, &process_id);
  fixture_insert_contributions (store, process_id, n);
  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      g_autofree char *label = g_strdup_printf ("Thème %u", i);

      themes[i] = add_theme (store, process_id, label, i >= 4 ? themes[i % 4] : 0);
    }
  g_print ("%u contributions, %u themes\n", n, (guint) G_N_ELEMENTS (themes));

  /* Every match of "vélo", cut to 10,000. */
  list = dlg_contribution_list_new (store, process_id);
  t = g_get_monotonic_time ();
  dlg_contribution_list_set_search (list, "vélo");
  ids = dlg_contribution_list_get_ids (list, &error);
  g_assert_no_error (error);
  g_print ("  %-44s %8.1f ms (%u ids)\n", "search and read the matching ids", ms_since (t),
           ids->len);
  if (ids->len > 10000)
    g_array_set_size (ids, 10000);
  t = g_get_monotonic_time ();
  g_assert_true (dlg_coding_tag (store, themes[4], ids, &outcome, &error));
  g_assert_no_error (error);
  g_print ("  %-44s %8.1f ms (%u changed)\n", "tag 10,000 matches (goal <= 1,000 ms)",
           ms_since (t), outcome.n_changed);

  /* Every contribution of the process to one theme, and the undo of that. */
  dlg_contribution_list_set_search (list, NULL);
  g_clear_pointer (&ids, g_array_unref);
  t = g_get_monotonic_time ();
  ids = dlg_contribution_list_get_ids (list, &error);
  g_assert_true (dlg_coding_tag (store, themes[5], ids, &outcome, &error));
  g_assert_no_error (error);
  g_print ("  %-44s %8.1f ms (%u changed)\n", "tag the whole process", ms_since (t),
           outcome.n_changed);
  t = g_get_monotonic_time ();
  g_assert_true (dlg_coding_undo (store, outcome.operation_id, &outcome, &error));
  g_assert_no_error (error);
  g_print ("  %-44s %8.1f ms (%u changed)\n", "undo it", ms_since (t), outcome.n_changed);
  g_assert_true (dlg_coding_tag (store, themes[6], ids, NULL, &error));
  g_assert_no_error (error);

  /* Alternated with the SQL the counts were (count(DISTINCT) over each subtree), CPU time */
  for (guint i = 0; i < G_N_ELEMENTS (counts_ms); i++)
    {
      g_autoptr(GArray) counts = NULL;
      double c = thread_cpu_ms ();

      sql_counts (store, process_id);
      sql_ms[i] = thread_cpu_ms () - c;
      c = thread_cpu_ms ();
      counts = dlg_coding_count_by_theme (store, process_id, &without, &error);
      g_assert_no_error (error);
      counts_ms[i] = thread_cpu_ms () - c;
    }
  median = median_of (counts_ms, 11);
  g_print ("  %-44s %8.1f ms CPU (max %.1f; the SQL it replaces: %.1f)\n",
           "counts per theme, median (goal <= 50 ms)", median, counts_ms[10],
           median_of (sql_ms, 11));

  t = g_get_monotonic_time ();
  g_assert_true (dlg_coding_merge_themes (store, themes[6], themes[7], &outcome, &error));
  g_assert_no_error (error);
  g_print ("  %-44s %8.1f ms (%u changed)\n", "merge a theme of every contribution",
           ms_since (t), outcome.n_changed);
  t = g_get_monotonic_time ();
  g_assert_true (dlg_coding_undo (store, outcome.operation_id, &outcome, &error));
  g_assert_no_error (error);
  g_print ("  %-44s %8.1f ms\n", "undo the merge", ms_since (t));

  getrusage (RUSAGE_SELF, &usage);
  g_print ("  %-44s %8.1f MiB\n", "peak RSS so far", usage.ru_maxrss / 1024.0);
  g_print ("  %-44s %8.2f s\n", "CPU so far", cpu_seconds ());
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-bench-XXXXXX", &error);
  const char *env = g_getenv ("DLG_BENCH_SIZES");
  g_auto(GStrv) sizes = g_strsplit (env != NULL ? env : "19000,100000", ",", -1);
  g_autoptr(GDir) files = NULL;
  const char *file;

  g_assert_no_error (error);
  for (guint i = 0; sizes[i] != NULL; i++)
    run_size (dir, (guint) g_ascii_strtoull (sizes[i], NULL, 10));

  files = g_dir_open (dir, 0, NULL);
  while (files != NULL && (file = g_dir_read_name (files)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  return 0;
}
