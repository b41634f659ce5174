/* test-cli-training.c — `dialogue-cli training reset`: asks first, then rebuilds the demo at the
 * stage chosen and empties the practice site's database, a real process untouched
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The databases are read back with SQLite directly; the practice site's is made by the real
 * `dialogue-site` (its demo and forty contributions of citizens).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_program (Run                *run,
             const char         *program,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

#define CLI(run, ...) run_program ((run), g_getenv ("DIALOGUE_CLI"), \
                                   (const char *[]) { __VA_ARGS__, NULL })
#define SITE(run, ...) run_program ((run), g_getenv ("DIALOGUE_SITE"), \
                                    (const char *[]) { __VA_ARGS__, NULL })

static char *
sql_text (const char *path,
          const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                sqlite3_column_text (stmt, i) != NULL
                                ? (const char *) sqlite3_column_text (stmt, i) : "NULL");
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static gint64
sql_count (const char *path,
           const char *query)
{
  g_autofree char *text = sql_text (path, query);

  return g_ascii_strtoll (text, NULL, 10);
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

static void
test_reset (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dlg-cli-training-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "app.db", NULL);
  g_autofree char *site = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *real_before = NULL;
  g_autofree char *real_after = NULL;
  g_autofree char *stage = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *result;
  gint64 site_contributions, demo_id;
  g_autofree char *query = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (g_getenv ("DIALOGUE_SITE"));

  CLI (&run, "process", "create", "--title", "Réaménager les quais", "--db", db);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  CLI (&run, "demo", "--db", db);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  demo_id = sql_count (db, "SELECT id FROM process WHERE is_demo = 1");
  real_before = sql_text (db, "SELECT * FROM process WHERE is_demo = 0");
  SITE (&run, "--db", site, "seed-contributions", "40");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  site_contributions = sql_count (site, "SELECT count(*) FROM objects WHERE type = 'contribution'");
  g_assert_cmpint (site_contributions, >=, 40);

  /* Without --yes: what would go, and nothing changed. */
  CLI (&run, "training", "reset", "--stage", "review", "--site-db", site, "--db", db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "would delete 1 demo process"));
  g_assert_nonnull (strstr (run.out, "--yes"));
  g_assert_cmpint (sql_count (db, "SELECT id FROM process WHERE is_demo = 1"), ==, demo_id);
  g_assert_cmpint (sql_count (site, "SELECT count(*) FROM objects WHERE type = 'contribution'"),
                   ==, site_contributions);
  run_clear (&run);

  /* A stage that is not one. */
  CLI (&run, "training", "reset", "--stage", "nowhere", "--yes", "--db", db);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "nowhere"));
  run_clear (&run);

  CLI (&run, "training", "reset", "--stage", "review", "--site-db", site, "--yes", "--json",
       "--db", db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  result = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (result, "process_id"), >, demo_id);
  g_assert_cmpstr (json_object_get_string_member (result, "stage"), ==, "review");
  g_assert_cmpint (json_object_get_int_member (result, "deleted"), ==, 1);
  g_assert_true (json_object_get_boolean_member (result, "site_reset"));

  /* One demo, at the review; the real process as it was; the reset journaled once. */
  g_assert_cmpint (sql_count (db, "SELECT count(*) FROM process WHERE is_demo = 1"), ==, 1);
  query = g_strdup_printf ("SELECT stage FROM stage_state WHERE process_id = %" G_GINT64_FORMAT
                           " AND state = 'in_progress'",
                           json_object_get_int_member (result, "process_id"));
  stage = sql_text (db, query);
  g_assert_cmpstr (stage, ==, "review\n");
  real_after = sql_text (db, "SELECT * FROM process WHERE is_demo = 0");
  g_assert_cmpstr (real_after, ==, real_before);
  g_assert_cmpint (sql_count (db, "SELECT count(*) FROM journal WHERE action = 'demo.reset'"),
                   ==, 1);
  run_clear (&run);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (result, "process_id"));

    CLI (&run, "journal", id, "--verify", "--db", db);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
  }

  /* The practice site: its own demo again, without what citizens added; no token. */
  g_assert_cmpint (sql_count (site, "SELECT count(*) FROM objects WHERE type = 'contribution'"),
                   ==, site_contributions - 40);
  g_assert_cmpint (sql_count (site, "SELECT count(*) FROM tokens"), ==, 0);

  /* The plain message. */
  CLI (&run, "training", "reset", "--site-db", site, "--yes", "--db", db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Training reset: 1 demo process deleted"));
  g_assert_nonnull (strstr (run.out, "Citizen workshop"));
  g_assert_nonnull (strstr (run.out, "practice site was emptied"));

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/training/reset", test_reset);
  return g_test_run ();
}
