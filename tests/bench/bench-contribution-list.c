/* bench-contribution-list.c — DlgContributionList over 100,000 contributions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the time to insert, build the model, filter, search and read items at the start, the
 * middle and the end, and to scroll through a whole filtered list. A file database is used, as
 * in the app (DLG_BENCH_N sets the number of rows).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "../contribution-fixture.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
read_items (GListModel *model,
            const char *what)
{
  guint n = g_list_model_get_n_items (model);
  guint positions[] = { 0, n / 2, n > 0 ? n - 1 : 0 };
  const char *names[] = { "start", "middle", "end" };

  for (guint i = 0; i < G_N_ELEMENTS (positions) && n > 0; i++)
    {
      gint64 t = g_get_monotonic_time ();
      g_autoptr(GObject) item = g_list_model_get_item (model, positions[i]);
      g_autofree char *label = g_strdup_printf ("%s: get_item (%s)", what, names[i]);

      g_assert_nonnull (item);
      g_print ("  %-36s %8.2f ms\n", label, ms_since (t));
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  const char *env = g_getenv ("DLG_BENCH_N");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 100000;
  gint64 t;

  g_assert_no_error (error);
  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  process = dlg_process_create (store, "Bench", &error);
  g_assert_no_error (error);

  t = g_get_monotonic_time ();
  fixture_insert_contributions (store, dlg_process_get_id (process), n);
  g_print ("%u contributions\n", n);
  g_print ("  %-36s %8.2f ms\n", "insert (one transaction)", ms_since (t));

  t = g_get_monotonic_time ();
  list = dlg_contribution_list_new (store, dlg_process_get_id (process));
  g_print ("  %-36s %8.2f ms (%u items)\n", "build the model", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  read_items (G_LIST_MODEL (list), "all");

  t = g_get_monotonic_time ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_print ("  %-36s %8.2f ms\n", "scroll through all items", ms_since (t));

  t = g_get_monotonic_time ();
  dlg_contribution_list_set_channel (list, "mail");
  g_print ("  %-36s %8.2f ms (%u items)\n", "filter channel=mail", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  read_items (G_LIST_MODEL (list), "mail");

  t = g_get_monotonic_time ();
  dlg_contribution_list_set_moderation (list, "pending");
  g_print ("  %-36s %8.2f ms (%u items)\n", "+ moderation=pending", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  read_items (G_LIST_MODEL (list), "mail+pending");

  t = g_get_monotonic_time ();
  dlg_contribution_list_set_channel (list, NULL);
  dlg_contribution_list_set_moderation (list, NULL);
  dlg_contribution_list_set_feature (list, "map");
  g_print ("  %-36s %8.2f ms (%u items)\n", "filter feature=map (2 changes)", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  read_items (G_LIST_MODEL (list), "map");

  dlg_contribution_list_set_feature (list, NULL);
  t = g_get_monotonic_time ();
  dlg_contribution_list_set_search (list, "fontaine");
  g_print ("  %-36s %8.2f ms (%u items)\n", "search \"fontaine\"", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  read_items (G_LIST_MODEL (list), "fontaine");

  t = g_get_monotonic_time ();
  dlg_contribution_list_set_search (list, "pr");
  g_print ("  %-36s %8.2f ms (%u items)\n", "search \"pr\" (prefix)", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));
  read_items (G_LIST_MODEL (list), "pr*");

  t = g_get_monotonic_time ();
  dlg_contribution_list_set_search (list, "needle");
  g_print ("  %-36s %8.2f ms (%u items)\n", "search \"needle\" (rare)", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));

  t = g_get_monotonic_time ();
  dlg_contribution_list_set_search (list, NULL);
  dlg_contribution_list_refresh (list);
  g_print ("  %-36s %8.2f ms (%u items)\n", "clear search + refresh", ms_since (t),
           g_list_model_get_n_items (G_LIST_MODEL (list)));

  g_clear_object (&list);
  g_clear_object (&store);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
  return 0;
}
