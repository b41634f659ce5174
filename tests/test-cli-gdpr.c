/* test-cli-gdpr.c — `dialogue-cli gdpr`: status, purge, erase and access on the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is read back with SQLite directly, as an auditor would: the contact data gone,
 * the journal without a trace of it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <sys/stat.h>

typedef struct
{
  char *dir;
  char *db;
} Fixture;

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

/* Runs dialogue-cli ARGS… --db DB. */
static void
gdpr_cli (Fixture            *f,
          Run                *run,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (g_getenv ("DIALOGUE_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

#define GDPR(f, run, ...) gdpr_cli ((f), (run), (const char *[]) { __VA_ARGS__, NULL })

static void
sql (Fixture    *f,
     const char *statement)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The rows of a one-column query, as text. */
static GPtrArray *
sql_rows (Fixture    *f,
          const char *query)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static gint64
sql_count (Fixture    *f,
           const char *query)
{
  g_autoptr(GPtrArray) rows = sql_rows (f, query);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_ascii_strtoll (rows->pdata[0], NULL, 10);
}

/* Every contact value held now: what the journal must never show. */
static GPtrArray *
personal_values (Fixture *f)
{
  return sql_rows (f, "SELECT full_name FROM participant_contact WHERE full_name <> ''"
                      " UNION SELECT email FROM participant_contact WHERE email <> ''"
                      " UNION SELECT phone FROM participant_contact WHERE phone <> ''"
                      " UNION SELECT address FROM participant_contact WHERE address <> ''"
                      " UNION SELECT uuid FROM participant");
}

static void
assert_journal_clean (Fixture   *f,
                      GPtrArray *values)
{
  g_autoptr(GPtrArray) journal = sql_rows (
    f, "SELECT actor || '|' || action || '|' || object_id || '|' || summary || '|'"
       " || coalesce (old_value, '') || '|' || coalesce (new_value, '') FROM journal");

  g_assert_cmpuint (values->len, >, 10);
  for (guint i = 0; i < journal->len; i++)
    for (guint j = 0; j < values->len; j++)
      g_assert_null (strstr (journal->pdata[i], values->pdata[j]));
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  f->dir = g_dir_make_tmp ("dialogue-cli-gdpr-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "cli.db", NULL);
  GDPR (f, &run, "demo");
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "status, purge, erase PERSON or access PERSON"));
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "forget");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Unknown verb “forget”"));
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "erase");
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "99", "status");
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "--help");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "--yes"));
    g_assert_nonnull (strstr (run.out, "--out"));
  }
}

static void
test_status_and_purge (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) values = personal_values (f);
  gint64 n_people = sql_count (f, "SELECT count(*) FROM participant_contact");
  JsonObject *object;

  g_assert_cmpint (n_people, >, 10);
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "status", "--json");
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (run.out, parser);
    g_assert_cmpint (json_object_get_int_member (object, "retention_months"), ==, 6);
    g_assert_true (json_object_get_boolean_member (object, "retention_is_default"));
    g_assert_false (json_object_get_boolean_member (object, "retention_ended"));
    g_assert_cmpint (json_object_get_int_member (object, "people"), ==, n_people);
    g_assert_true (json_object_get_null_member (object, "retention_ends_at"));
  }
  {
    g_auto(Run) run = { 0 };

    /* before the follow-up closes: refused, even to look */
    GDPR (f, &run, "gdpr", "1", "purge", "--yes");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "has not closed yet"));
    g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant_contact"), ==, n_people);
  }

  /* the follow-up closed a year ago, retention 3 months (as the mandate would say) */
  sql (f, "UPDATE stage_state SET state = 'done', ended_at = strftime ('%Y-%m-%dT%H:%M:%SZ',"
          " 'now', '-1 year') WHERE stage = 'follow_up';"
          "INSERT OR REPLACE INTO process_field (process_id, key, value, updated_at)"
          " VALUES (1, 'mandate.retention_months', '3', '2026-01-01T00:00:00Z');");
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "status");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "kept 3 months after"));
    g_assert_nonnull (strstr (run.out, "the retention ended on"));
    g_assert_nonnull (strstr (run.out, "purge --yes"));
  }
  {
    g_auto(Run) run = { 0 };

    /* without --yes: what would go, nothing changed */
    GDPR (f, &run, "gdpr", "1", "purge");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Nothing was changed"));
    g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant_contact"), ==, n_people);
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "purge", "--yes", "--json");
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (run.out, parser);
    g_assert_true (json_object_get_boolean_member (object, "purged"));
    g_assert_cmpint (json_object_get_int_member (object, "people"), ==, n_people);
  }
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant_contact"), ==, 0);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant WHERE household IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant"), ==, n_people);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.purge'"), ==,
                   1);
  assert_journal_clean (f, values);
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "status", "--json");
    object = parse_object (run.out, parser);
    g_assert_cmpint (json_object_get_int_member (object, "people"), ==, 0);
    g_assert_false (json_object_get_null_member (object, "last_purge_at"));
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "journal", "1", "--verify");
    g_assert_cmpint (run.status, ==, 0);
  }
}

static void
test_erase (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) values = personal_values (f);
  g_autoptr(GPtrArray) names = sql_rows (f, "SELECT full_name FROM participant_contact"
                                            " WHERE email = 'participant02@exemple.invalid'");
  gint64 n_people = sql_count (f, "SELECT count(*) FROM participant_contact");
  JsonObject *object;

  g_assert_cmpuint (names->len, ==, 1);
  {
    g_auto(Run) run = { 0 };

    /* a name several people share is refused */
    GDPR (f, &run, "gdpr", "1", "erase", "ines");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "give the e-mail address"));
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "erase", names->pdata[0]);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "participant02@exemple.invalid"));
    g_assert_nonnull (strstr (run.out, "Nothing was changed"));
    g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant_contact"), ==, n_people);
  }
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "erase", "PARTICIPANT02@exemple.invalid", "--yes", "--json");
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (run.out, parser);
    g_assert_true (json_object_get_boolean_member (object, "erased"));
    g_assert_cmpint (json_object_get_int_member (object, "people"), ==, 1);
  }
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant_contact"), ==, n_people - 1);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant_contact"
                                 " WHERE email = 'participant02@exemple.invalid'"), ==, 0);
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM participant WHERE status = 'erased'"
                                 " AND age_band = '' AND household IS NULL"), ==, 1);
  assert_journal_clean (f, values);
  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "erase", "participant02@exemple.invalid", "--yes");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Nobody registered"));
  }
}

static void
test_access (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) values = personal_values (f);
  g_autofree char *path = g_build_filename (f->dir, "access.json", NULL);
  g_autofree char *text = NULL;
  JsonObject *object;
  GStatBuf st;

  {
    g_auto(Run) run = { 0 };

    GDPR (f, &run, "gdpr", "1", "access", "participant01@exemple.invalid", "--out", path);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "readable by you only"));
  }
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  object = parse_object (text, parser);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                   "contact"), "email"), ==, "participant01@exemple.invalid");
  g_assert_true (json_object_has_member (json_object_get_object_member (object,
                 "registration"), "profile"));
  {
    g_auto(Run) run = { 0 };

    /* without --out, on the standard output */
    GDPR (f, &run, "gdpr", "1", "access", "participant01@exemple.invalid");
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (run.out, parser);
    g_assert_true (json_object_has_member (object, "contact"));
  }
  g_assert_cmpint (sql_count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.access'"), ==,
                   2);
  assert_journal_clean (f, values);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/gdpr/usage", test_usage);
  ADD ("/cli/gdpr/status-and-purge", test_status_and_purge);
  ADD ("/cli/gdpr/erase", test_erase);
  ADD ("/cli/gdpr/access", test_access);
  return g_test_run ();
}
