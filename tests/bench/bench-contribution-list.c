/* bench-contribution-list.c — DlgContributionList over 100,000 contributions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the time to insert, build the model, filter, search and read items at the start, the
 * middle and the end, and to scroll through a whole filtered list; then the search of 50
 * typical French queries on French text, the list next to raw FTS5 (run_search). A file
 * database is used, as in the app (DLG_BENCH_N sets the number of rows, DLG_BENCH_OTHER those
 * of another process in the same file, DLG_BENCH_NO_SEARCH skips the search,
 * DLG_BENCH_ONLY_SEARCH runs it alone, DLG_BENCH_SEARCH_DB keeps its file to run it again).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "../contribution-fixture.h"
#include "bench-common.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The search benchmark: DLG_BENCH_N contributions of French text (a Zipf-like draw of words
 * from fixture_french, seeded), and 50 typical queries typed in the search entry. Each query
 * is run ROUNDS times, alternating raw FTS5 and the list in the same run, and timed in CPU
 * time (user + sys of this thread; the machine may be shared):
 *   raw FTS5: the same MATCH (dlg_contribution_list_make_fts_query) counted, then the first
 *     screen of rows it matches (50) read with their columns, newest id first;
 *   the list: dlg_contribution_list_set_search () (its count) and the first screen of items
 *     (get_item 0 … 49), what the page does for a keystroke.
 * Prints the median and p95 over the queries of each one's median, and their ratio. */

static const char *db_suffixes[] = { "", "-wal", "-shm" };

static const char *search_queries[] = {
  "vélo", "velo", "piste cyclable", "arbres", "école", "ecole", "sécurité", "bruit",
  "parking", "stationnement", "transport", "bus", "tramway", "propreté", "déchets",
  "poubelles", "éclairage", "lumière", "fontaine", "jardin partagé", "banc", "trottoir",
  "piétons", "enfants", "jeux", "marché", "commerces", "logement", "vitesse", "voitures",
  "zone 30", "pollution", "chaleur", "ombre", "parc", "espaces verts", "bibliothèque",
  "sport", "piscine", "jeunes", "personnes âgées", "accessibilité", "cantine", "quartier",
  "place de la mairie", "rue", "piste cycl", "amén", "plantation d'arbres", "nuit",
};

static const char *fixture_french[] = {
  "le", "la", "les", "de", "des", "du", "et", "à", "pour", "dans", "un", "une", "sur", "plus",
  "pas", "nous", "il", "faut", "est", "sont", "avec", "quartier", "rue", "place", "vélo",
  "piste", "cyclable", "arbres", "école", "enfants", "sécurité", "bruit", "parking",
  "stationnement", "transport", "bus", "tramway", "propreté", "déchets", "poubelles",
  "éclairage", "lumière", "nuit", "fontaine", "jardin", "partagé", "banc", "bancs", "trottoir",
  "trottoirs", "piétons", "jeux", "marché", "commerces", "logement", "loyers", "vitesse",
  "voitures", "zone", "30", "pollution", "air", "chaleur", "ombre", "parc", "espaces", "verts",
  "bibliothèque", "sport", "piscine", "jeunes", "personnes", "âgées", "accessibilité",
  "cantine", "mairie", "aménager", "aménagement", "plantation", "créer", "améliorer",
  "entretien", "réparer", "dangereux", "carrefour", "passage", "traverser", "circulation",
  "habitants", "ville", "centre", "samedi", "matin", "soir", "été", "hiver", "eau", "toilettes",
  "publiques", "propre", "sale", "trop", "moins", "souvent", "vraiment", "projet", "idée",
  "proposition", "besoin", "manque", "demande", "coût", "budget", "impôts", "écoles", "crèche",
  "santé", "médecin", "culture", "concerts", "musée", "associations", "salle", "fête",
};

#define SEARCH_ROUNDS 5
#define SEARCH_SCREEN 50

/* Row i's text: 8 to 40 words drawn with a weight 1/(rank+1) (a few words are everywhere,
 * most are rare), from a generator seeded with i. */
static char *
french_text (GRand *rand,
             guint  n_words)
{
  static double cumulative[G_N_ELEMENTS (fixture_french)];
  GString *text = g_string_new (NULL);

  if (cumulative[0] == 0)
    {
      double sum = 0;

      for (guint i = 0; i < G_N_ELEMENTS (fixture_french); i++)
        cumulative[i] = sum += 1.0 / (i + 1);
    }
  for (guint w = 0; w < n_words; w++)
    {
      double r = g_rand_double (rand) * cumulative[G_N_ELEMENTS (fixture_french) - 1];
      guint lo = 0, hi = G_N_ELEMENTS (fixture_french) - 1;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (cumulative[mid] < r)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (w > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, fixture_french[lo]);
    }
  return g_string_free (text, FALSE);
}

static void
insert_french (DlgStore *store,
               gint64    pid,
               guint     n,
               guint     seed)
{
  static const char sql[] =
    "INSERT INTO contribution (uuid, process_id, feature, channel, title, body, created_at,"
    " moderation) VALUES (?1, ?2, 'ideas', 'online', ?3, ?4, ?5, 'published')";
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_assert_true (dlg_store_begin (store, &error));
  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);
      g_autofree char *uuid = dlg_uuid_new ();
      g_autofree char *title = french_text (rand, 2 + g_rand_int_range (rand, 0, 5));
      g_autofree char *body = french_text (rand, 8 + g_rand_int_range (rand, 0, 33));
      g_autofree char *created = g_strdup_printf ("2026-%02u-%02uT%02u:%02u:00Z",
                                                  1 + i * 12 / (n + 1), 1 + i % 28, i % 24,
                                                  i % 60);

      g_assert_no_error (error);
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, pid);
      dlg_stmt_bind_text (stmt, 3, title);
      dlg_stmt_bind_text (stmt, 4, body);
      dlg_stmt_bind_text (stmt, 5, created);
      g_assert_true (dlg_store_step_done (store, stmt, &error));
    }
  g_assert_true (dlg_store_commit (store, &error));
}

/* Raw FTS5: the MATCH counted, then its first screen of rows read, newest id first. */
static guint
raw_search (sqlite3    *db,
            const char *match)
{
  static const char sql_count[] =
    "SELECT count(*) FROM contribution_fts WHERE contribution_fts MATCH ?1";
  static const char sql_rows[] =
    "SELECT c.id, c.uuid, c.title, c.body, c.created_at, c.channel, c.moderation"
    " FROM contribution_fts f JOIN contribution c ON c.id = f.rowid"
    " WHERE contribution_fts MATCH ?1 ORDER BY f.rowid DESC LIMIT ?2";
  static sqlite3_stmt *count, *rows;
  guint n = 0;

  if (count == NULL)
    {
      g_assert_cmpint (sqlite3_prepare_v3 (db, sql_count, -1, SQLITE_PREPARE_PERSISTENT, &count,
                                           NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v3 (db, sql_rows, -1, SQLITE_PREPARE_PERSISTENT, &rows,
                                           NULL), ==, SQLITE_OK);
    }
  if (db == NULL)
    {
      g_clear_pointer (&count, sqlite3_finalize);
      g_clear_pointer (&rows, sqlite3_finalize);
      return 0;
    }
  sqlite3_bind_text (count, 1, match, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int64 (count, 0);
  sqlite3_reset (count);
  sqlite3_bind_text (rows, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (rows, 2, SEARCH_SCREEN);
  while (sqlite3_step (rows) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (rows); c++)
      (void) sqlite3_column_text (rows, c);
  sqlite3_reset (rows);
  return n;
}

static void
run_search (const char *dir)
{
  g_autoptr(GError) error = NULL;
  const char *keep = g_getenv ("DLG_BENCH_SEARCH_DB");
  g_autofree char *path = keep != NULL ? g_strdup (keep) : g_build_filename (dir, "search.db", NULL);
  gboolean reuse = keep != NULL && g_file_test (keep, G_FILE_TEST_EXISTS);
  g_autoptr(DlgStore) store = dlg_store_open (path, &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgProcess) other = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  const char *env = g_getenv ("DLG_BENCH_N");
  const char *env_other = g_getenv ("DLG_BENCH_OTHER");
  guint n = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 100000;
  guint n_other = env_other != NULL ? (guint) g_ascii_strtoull (env_other, NULL, 10) : 2000;
  guint nq = G_N_ELEMENTS (search_queries);
  double raw_ms[G_N_ELEMENTS (search_queries)], list_ms[G_N_ELEMENTS (search_queries)];
  double ratios[G_N_ELEMENTS (search_queries)];
  double raw_sum = 0, list_sum = 0;
  gint64 t;

  g_assert_no_error (error);
  t = g_get_monotonic_time ();
  if (reuse)
    {
      /* DLG_BENCH_SEARCH_DB: a file kept from an earlier run (the same sizes). */
      process = dlg_process_load (store, 1, &error);
      g_assert_no_error (error);
    }
  else
    {
      process = dlg_process_create (store, "Search", &error);
      g_assert_no_error (error);
      other = dlg_process_create (store, "Another process", &error);
      g_assert_no_error (error);
      insert_french (store, dlg_process_get_id (other), n_other / 2, 7);
      insert_french (store, dlg_process_get_id (process), n, 1);
      insert_french (store, dlg_process_get_id (other), n_other - n_other / 2, 11);
    }
  g_print ("\nSearch: %u contributions of French text (and %u in another process), %u queries,"
           " median of %u rounds each, CPU time\n", n, n_other, nq, SEARCH_ROUNDS);
  g_print ("  %-36s %8.2f ms\n", "insert", ms_since (t));

  list = dlg_contribution_list_new (store, dlg_process_get_id (process));
  g_print ("  %-22s %8s %10s %10s %7s\n", "query", "matches", "raw FTS5", "the list", "ratio");
  for (guint q = 0; q < nq; q++)
    {
      g_autofree char *match = dlg_contribution_list_make_fts_query (search_queries[q]);
      double raw[SEARCH_ROUNDS], mine[SEARCH_ROUNDS];
      guint n_raw = 0, n_list = 0;

      for (guint r = 0; r < SEARCH_ROUNDS; r++)
        {
          double c = thread_cpu_ms ();

          n_raw = raw_search (dlg_store_get_db (store), match);
          raw[r] = thread_cpu_ms () - c;

          dlg_contribution_list_set_search (list, NULL);
          c = thread_cpu_ms ();
          dlg_contribution_list_set_search (list, search_queries[q]);
          n_list = g_list_model_get_n_items (G_LIST_MODEL (list));
          for (guint i = 0; i < MIN (n_list, SEARCH_SCREEN); i++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
          mine[r] = thread_cpu_ms () - c;
        }
      raw_ms[q] = median_of (raw, SEARCH_ROUNDS);
      list_ms[q] = median_of (mine, SEARCH_ROUNDS);
      ratios[q] = list_ms[q] / MAX (raw_ms[q], 0.001);
      raw_sum += raw_ms[q];
      list_sum += list_ms[q];
      g_assert_cmpuint (n_list, <=, n_raw);
      g_print ("  %-22s %8u %7.2f ms %7.2f ms %6.2f×\n", search_queries[q], n_list, raw_ms[q],
               list_ms[q], ratios[q]);
    }
  raw_search (NULL, NULL);
  {
    double raw_median = median_of (raw_ms, nq), list_median = median_of (list_ms, nq);

    g_print ("  %-22s %8s %7.2f ms %7.2f ms %6.2f×  (median of the queries)\n", "median", "",
             raw_median, list_median, list_median / raw_median);
    g_print ("  %-22s %8s %7.2f ms %7.2f ms          (p95)\n", "p95", "",
             raw_ms[(guint) (nq * 0.95)], list_ms[(guint) (nq * 0.95)]);
    g_print ("  %-22s %8s %7.1f ms %7.1f ms %6.2f×  (all 50 queries)\n", "total", "", raw_sum,
             list_sum, list_sum / raw_sum);
    g_print ("  %-22s %8s %7s    %7s    %6.2f×  (median of the per-query ratios)\n", "ratio", "",
             "", "", median_of (ratios, nq));
  }
  g_clear_object (&list);
  g_clear_object (&store);
  for (guint i = 0; keep == NULL && i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, db_suffixes[i], NULL);

      g_remove (file);
    }
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
  if (g_getenv ("DLG_BENCH_ONLY_SEARCH") != NULL)
    {
      run_search (dir);
      g_rmdir (dir);
      return 0;
    }
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
  if (g_getenv ("DLG_BENCH_NO_SEARCH") == NULL)
    run_search (dir);
  g_rmdir (dir);
  return 0;
}
