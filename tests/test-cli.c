/* test-cli.c — dialogue-cli: exit codes, messages and --json output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

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
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("dialogue-cli-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "cli.db", NULL);
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

/* Runs dialogue-cli with the arguments, NULL-terminated. */
static void
cli (Run        *run,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("DIALOGUE_CLI");
  va_list ap;

  g_assert_nonnull (exe);
  g_ptr_array_add (args, (gpointer) exe);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  {
    g_auto(Run) run = { 0 };

    cli (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Usage"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown command"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "processes", "--no-such-option", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "stage", "1", "nowhere", "start", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Unknown stage “nowhere”"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "stage", "1", "workshop", "finish", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Unknown transition"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "show", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "journal"));
  }
}

static void
test_demo_and_processes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *process;

  {
    g_auto(Run) run = { 0 };

    cli (&run, "demo", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "created"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "demo", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "already exists"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "processes", "--json", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_json (run.out);
  }
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  process = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (process, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (process, "stage"), ==, "workshop");
  g_assert_nonnull (strstr (json_object_get_string_member (process, "title"), "Zola"));

  {
    g_auto(Run) run = { 0 };

    cli (&run, "processes", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Citizen workshop"));
  }
}

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *stages;
  g_auto(Run) demo = { 0 };
  g_auto(Run) run = { 0 };

  cli (&demo, "demo", "--db", f->db, NULL);
  cli (&run, "show", "1", "--json", "--db", f->db, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  stages = json_object_get_array_member (json_node_get_object (root), "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 0),
                                                  "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 5),
                                                  "stage"), ==, "workshop");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 5),
                                                  "state"), ==, "in_progress");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (stages, 11),
                                              "started_at"));
}

static void
test_stage (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Run) demo = { 0 };

  cli (&demo, "demo", "--db", f->db, NULL);
  {
    g_auto(Run) run = { 0 };

    /* The opinion cannot close: it has not started. */
    cli (&run, "stage", "1", "opinion", "done", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "has not started yet"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "stage", "1", "review", "skip", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Say why the stage is skipped"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "stage", "1", "workshop", "done", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "stage", "1", "opinion", "skip", "--reason", "Avis remis oralement", "--db",
         f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *opinion;

    cli (&run, "show", "1", "--json", "--db", f->db, NULL);
    root = parse_json (run.out);
    opinion = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "stages"), 6);
    g_assert_cmpstr (json_object_get_string_member (opinion, "state"), ==, "skipped");
    g_assert_cmpstr (json_object_get_string_member (opinion, "reason"), ==,
                     "Avis remis oralement");
  }
  {
    g_auto(Run) run = { 0 };

    /* Reopening needs a reason, and the workshop is after the recruitment. */
    cli (&run, "stage", "1", "workshop", "reopen", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Say why the stage is reopened"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "stage", "1", "recruitment", "reopen", "--reason", "Tirage à refaire", "--db",
         f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "A later stage, “Citizen workshop”, is already done"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *workshop;

    cli (&run, "stage", "1", "workshop", "reopen", "--reason", "Clos par erreur", "--db",
         f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "In progress"));
    g_clear_pointer (&run.out, g_free);
    g_clear_pointer (&run.err, g_free);
    cli (&run, "show", "1", "--json", "--db", f->db, NULL);
    root = parse_json (run.out);
    workshop = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "stages"), 5);
    g_assert_cmpstr (json_object_get_string_member (workshop, "state"), ==, "in_progress");
    g_assert_cmpstr (json_object_get_string_member (workshop, "reason"), ==, "Clos par erreur");
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "stage", "99", "workshop", "done", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "There is no process “99”"));
  }
}

static void
test_journal (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) demo = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *entries;

  cli (&demo, "demo", "--db", f->db, NULL);
  {
    g_auto(Run) run = { 0 };

    cli (&run, "journal", "1", "--json", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_json (run.out);
  }
  entries = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (entries), >, 10);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                  "action"), ==, "process.create");
  {
    g_auto(Run) run = { 0 };

    cli (&run, "journal", "1", "--verify", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "intact"));
  }
  /* Labels, not codes; the response delay with its old and new value; CSV for a spreadsheet. */
  {
    g_auto(Run) run = { 0 };
    g_auto(Run) csv = { 0 };

    cli (&run, "journal", "1", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\tStage started\t"));
    g_assert_null (strstr (run.out, "\tstage.start\t"));
    g_assert_nonnull (strstr (run.out, "“Delay of the argued response (weeks)” changed.\t"
                                       "«  » → « 12 »"));
    cli (&csv, "journal", "1", "--csv", "-", "--db", f->db, NULL);
    g_assert_cmpint (csv.status, ==, 0);
    g_assert_true (g_str_has_prefix (csv.out, "No.,Time,Officer,Stage,Record type,Action,"));
    g_assert_nonnull (strstr (csv.out, ",Stage started,stage.start,diagnostic,"));
    g_assert_nonnull (strstr (csv.out, "\r\n"));
  }
  /* The officer the journal names comes from the front end: $DIALOGUE_OFFICER here. */
  {
    g_auto(Run) run = { 0 };
    g_auto(Run) list = { 0 };

    g_setenv ("DIALOGUE_OFFICER", "Claire Officier", TRUE);
    cli (&run, "stage", "1", "workshop", "done", "--db", f->db, NULL);
    g_unsetenv ("DIALOGUE_OFFICER");
    g_assert_cmpint (run.status, ==, 0);
    cli (&list, "journal", "1", "--db", f->db, NULL);
    g_assert_nonnull (strstr (list.out, "\tClaire Officier\tStage closed\t"));
  }

  /* Someone edits an entry behind the app's back. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER journal_no_update;"
                                       "UPDATE journal SET summary = 'Rien' WHERE seq = 3",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "journal", "1", "--verify", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "entry 3 was modified"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) verdict = NULL;
    JsonObject *object;

    cli (&run, "journal", "1", "--verify", "--json", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    verdict = parse_json (run.out);
    object = json_node_get_object (verdict);
    g_assert_false (json_object_get_boolean_member (object, "intact"));
    g_assert_nonnull (strstr (json_object_get_string_member (object, "error"), "entry 3"));
  }
}

/* dialogue-cli panel PROCESS --contacts-csv FILE: the demo's 24 panel members, journaled. */
static void
test_panel_contacts (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Run) demo = { 0 };
  g_autofree char *path = g_build_filename (f->dir, "contacts.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  cli (&demo, "demo", "--db", f->db, NULL);
  {
    g_auto(Run) run = { 0 };

    cli (&run, "panel", "1", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--contacts-csv"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "panel", "1", "--contacts-csv", path, "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "24 people"));
  }
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  /* the header, 24 members, and the empty string after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 26);
  g_assert_cmpstr (lines[0], ==, "Name,Email,Phone,Address,Status");
  g_assert_nonnull (strstr (csv, "@exemple.invalid"));
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *entries;
    JsonObject *last;

    cli (&run, "journal", "1", "--json", "--db", f->db, NULL);
    root = parse_json (run.out);
    entries = json_node_get_array (root);
    last = json_array_get_object_element (entries, json_array_get_length (entries) - 1);
    g_assert_cmpstr (json_object_get_string_member (last, "action"), ==,
                     "panel.contacts_export");
    g_assert_nonnull (strstr (json_object_get_string_member (last, "summary"),
                              "“contacts.csv”"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "panel", "99", "--contacts-csv", path, "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  g_unlink (path);
}

static void
test_bad_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (f->db, "not a database at all", -1, NULL));
  cli (&run, "processes", "--db", f->db, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is not a Dialogue database"));
  g_assert_true (g_file_get_contents (f->db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a database at all");
}

/* process create → import (twice, then a dry run and an error) → contributions --json */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "comments.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) created = NULL;

  g_assert_true (g_file_set_contents (path,
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\r\n"
    "1472552518501,x,194,4413,5,2,1,\"Plus de bus,\r\nle soir\"\r\n"
    "1472403087787,x,187,4378,1,0,0,En attente\r\n"
    "1438228490557,x,138,1476,1,9,-1,Hors sujet\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad,
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    "1472552518501,x,194,4413,5\n", -1, NULL));
  {
    g_auto(Run) run = { 0 };
    JsonObject *object;

    cli (&run, "--db", f->db, "process", "create", "--title", "Vélo", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    created = parse_json (run.out);
    object = json_node_get_object (created);
    g_assert_cmpint (json_object_get_int_member (object, "id"), >, 0);
    g_assert_cmpuint (strlen (json_object_get_string_member (object, "uuid")), ==, 36);
    id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
  }
  for (guint i = 0; i < 3; i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonNode) root = NULL;
      JsonObject *report;

      if (i == 2)
        cli (&run, "import", id, path, "--dry-run", "--json", "--db", f->db, NULL);
      else
        cli (&run, "import", id, path, "--json", "--db", f->db, NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_json (run.out);
      report = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "polis");
      g_assert_cmpint (json_object_get_int_member (report, "read"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (report, "added"), ==, i == 0 ? 3 : 0);
      g_assert_cmpint (json_object_get_int_member (report, "unchanged"), ==, i == 0 ? 0 : 3);
    }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "import", id, bad, "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "bad.csv, line 2, column 6 (“disagrees”)"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "import", id, path, "--format", "word", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *rows;
    guint n_trashed = 0, n_pending = 0, n_published = 0;

    cli (&run, "contributions", id, "--json", "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_json (run.out);
    rows = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (rows), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);
        const char *moderation = json_object_get_string_member (row, "moderation");

        n_trashed += g_str_equal (moderation, "trashed");
        n_pending += g_str_equal (moderation, "pending");
        n_published += g_str_equal (moderation, "published");
        if (g_str_equal (moderation, "published"))
          {
            g_assert_cmpstr (json_object_get_string_member (row, "body"), ==,
                             "Plus de bus,\nle soir");
            g_assert_cmpint (json_object_get_int_member (row, "supports"), ==, 5);
          }
      }
    g_assert_cmpuint (n_trashed + n_pending + n_published, ==, 3);
    g_assert_cmpuint (n_trashed * n_pending * n_published, ==, 1);
  }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/cli/usage", test_usage);
  ADD ("/cli/demo-and-processes", test_demo_and_processes);
  ADD ("/cli/show", test_show);
  ADD ("/cli/stage", test_stage);
  ADD ("/cli/journal", test_journal);
  ADD ("/cli/panel-contacts", test_panel_contacts);
  ADD ("/cli/bad-database", test_bad_database);
  ADD ("/cli/import", test_import);

  return g_test_run ();
}
