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
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
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

/* Runs dialogue-cli --db DB ARGS… with @input on its standard input. */
static void
cli_with_input (Run                *run,
                const char         *input,
                const char * const *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
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

/* import --map once: the process keeps the mapping for its next spreadsheet */
static void
test_import_mapping (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->dir, "semaine-1.csv", NULL);
  g_autofree char *second = g_build_filename (f->dir, "semaine-2.csv", NULL);
  g_autofree char *id = NULL;

  g_assert_true (g_file_set_contents (first, "Idée;Texte;Courriel\n"
                                             "Des bancs;place Graslin;a@example.org\n", -1,
                                      NULL));
  g_assert_true (g_file_set_contents (second, "Idée;Texte;Courriel\n"
                                              "Des arbres;cours Cambronne;b@example.org\n"
                                              "Un marché;le samedi;\n", -1, NULL));
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) created = NULL;

    cli (&run, "--db", f->db, "process", "create", "--title", "Bancs", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    created = parse_json (run.out);
    id = g_strdup_printf ("%" G_GINT64_FORMAT,
                          json_object_get_int_member (json_node_get_object (created), "id"));
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "import", id, first, "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "--map"));
  }
  for (guint i = 0; i < 2; i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonNode) root = NULL;

      if (i == 0)
        cli (&run, "import", id, first, "--map", "Idée=title,Texte=body,Courriel=email",
             "--json", "--db", f->db, NULL);
      else
        cli (&run, "import", id, second, "--json", "--db", f->db, NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_json (run.out);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "added"), ==,
                       i + 1);
    }
  {
    g_auto(Run) run = { 0 };

    cli (&run, "contributions", id, "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Des arbres"));
    g_assert_null (strstr (run.out, "example.org"));
  }
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

/* Runs dialogue-cli --db f->db ARGS… and checks its exit status. */
#define CLI_EXPECT(run, expected, ...)                                 \
  G_STMT_START {                                                       \
    cli ((run), "--db", f->db, __VA_ARGS__, NULL);                     \
    if ((run)->status != (expected))                                   \
      g_printerr ("stdout: %s\nstderr: %s\n", (run)->out, (run)->err); \
    g_assert_cmpint ((run)->status, ==, (expected));                   \
  } G_STMT_END

/* The id a command printed on its own line ("participant add" and friends). */
static gint64
printed_id (const Run *run)
{
  guint64 id = 0;
  g_autofree char *line = g_strstrip (g_strdup (run->out));

  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, G_MAXINT64, &id, NULL));
  return id;
}

/* The journal entries of process 1 as a JSON array. */
static JsonNode *
journal_json (Fixture *f)
{
  g_auto(Run) run = { 0 };

  CLI_EXPECT (&run, 0, "journal", "1", "--json");
  return parse_json (run.out);
}

/* Whether the journal has an entry with @action (and, when not NULL, @field and @new_value). */
static gboolean
journal_has (JsonNode   *journal,
             const char *action,
             const char *field,
             const char *new_value)
{
  JsonArray *entries = json_node_get_array (journal);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "action"), action) != 0)
        continue;
      if (field != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "field", NULL),
                     field) != 0)
        continue;
      if (new_value != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "new_value", NULL),
                     new_value) != 0)
        continue;
      return TRUE;
    }
  return FALSE;
}


static gint64
json_int (const char *text,
          const char *member)
{
  g_autoptr(JsonNode) root = parse_json (text);

  return json_object_get_int_member (json_node_get_object (root), member);
}

/* The coding frame from the command line: themes list|add|rename|move|merge|delete|undo, tag
 * and search, on the demo (its 320 contributions, five themes). */
static void
test_coding (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  const char *hostile = "<b>Vélo</b> & '; DROP TABLE theme; -- %s";
  gint64 matched, mobility, bike;
  g_autofree char *uuids = NULL;

  CLI_EXPECT (&run, 0, "demo");
  run_clear (&run);

  /* search: a count and the rows of `contributions --json`. */
  CLI_EXPECT (&run, 0, "search", "1", "arceaux vélos", "--json", "--limit", "3");
  matched = json_int (run.out, "count");
  g_assert_cmpint (matched, >, 3);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonArray *rows = json_object_get_array_member (json_node_get_object (root),
                                                    "contributions");
    GString *list = g_string_new (NULL);

    g_assert_cmpuint (json_array_get_length (rows), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);

        g_assert_true (json_object_has_member (row, "moderation"));
        g_string_append_printf (list, "%s%s", i > 0 ? "," : "",
                                json_object_get_string_member (row, "uuid"));
      }
    uuids = g_string_free (list, FALSE);
  }
  run_clear (&run);
  CLI_EXPECT (&run, 2, "search", "1", "  ");
  run_clear (&run);

  CLI_EXPECT (&run, 0, "themes", "1", "add", "Mobilité douce", "--colour", "#3584e4", "--json");
  mobility = json_int (run.out, "id");
  run_clear (&run);
  CLI_EXPECT (&run, 0, "themes", "1", "add", hostile, "--parent", "Mobilité douce", "--json");
  bike = json_int (run.out, "id");
  run_clear (&run);
  CLI_EXPECT (&run, 1, "themes", "1", "add", "Couleur", "--colour", "bleu");
  run_clear (&run);

  /* Every match of the search, then three by UUID (already tagged: nothing changes). */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bike);

    CLI_EXPECT (&run, 0, "tag", "1", id, "--search", "arceaux vélos", "--json");
    g_assert_cmpint (json_int (run.out, "changed"), ==, matched);
    run_clear (&run);
    CLI_EXPECT (&run, 0, "tag", "1", id, "--ids", uuids);
    g_assert_nonnull (strstr (run.out, "nothing changed"));
    run_clear (&run);
    CLI_EXPECT (&run, 0, "tag", "1", id, "--ids", uuids, "--untag", "--json");
    g_assert_cmpint (json_int (run.out, "changed"), ==, 3);
    run_clear (&run);
    CLI_EXPECT (&run, 0, "themes", "1", "undo");
    run_clear (&run);
    CLI_EXPECT (&run, 2, "tag", "1", id);
    run_clear (&run);
    CLI_EXPECT (&run, 2, "tag", "1", id, "--ids", "1", "--channel", "online");
    run_clear (&run);
    CLI_EXPECT (&run, 1, "tag", "1", id, "--ids", "not-a-uuid");
    run_clear (&run);
    CLI_EXPECT (&run, 2, "tag", "1", id, "--all", "--channel", "pigeon");
    run_clear (&run);
  }
  CLI_EXPECT (&run, 1, "tag", "1", "Pas de thème", "--all");
  run_clear (&run);

  /* list: counts with the sub-themes; the hostile name printed as it is. */
  CLI_EXPECT (&run, 0, "themes", "1", "list", "--json");
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonArray *themes = json_object_get_array_member (json_node_get_object (root), "themes");
    gboolean seen = FALSE;

    for (guint i = 0; i < json_array_get_length (themes); i++)
      {
        JsonObject *theme = json_array_get_object_element (themes, i);

        if (json_object_get_int_member (theme, "id") == mobility)
          {
            g_assert_cmpint (json_object_get_int_member (theme, "count"), ==, 0);
            g_assert_cmpint (json_object_get_int_member (theme, "count_with_sub_themes"), ==,
                             matched);
            g_assert_cmpstr (json_object_get_string_member (theme, "colour"), ==, "#3584e4");
          }
        if (json_object_get_int_member (theme, "id") == bike)
          {
            g_assert_cmpstr (json_object_get_string_member (theme, "name"), ==, hostile);
            g_assert_cmpint (json_object_get_int_member (theme, "depth"), ==, 1);
            seen = TRUE;
          }
      }
    g_assert_true (seen);
  }
  run_clear (&run);
  CLI_EXPECT (&run, 0, "themes", "1", "list");
  g_assert_nonnull (strstr (run.out, hostile));
  run_clear (&run);

  /* search within a theme; then merge, undo, rename, move, delete, undo. */
  CLI_EXPECT (&run, 0, "search", "1", "arceaux", "--theme", "Mobilité douce", "--json");
  g_assert_cmpint (json_int (run.out, "count"), ==, matched);
  run_clear (&run);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bike);

    CLI_EXPECT (&run, 0, "themes", "1", "merge", id, "Mobilité douce");
    g_assert_nonnull (strstr (run.out, "merged"));
    run_clear (&run);
    CLI_EXPECT (&run, 0, "search", "1", "arceaux", "--theme", "Mobilité douce", "--json");
    g_assert_cmpint (json_int (run.out, "count"), ==, matched);
    run_clear (&run);
    CLI_EXPECT (&run, 1, "themes", "1", "rename", id, "Vélo");
    run_clear (&run);
    CLI_EXPECT (&run, 0, "themes", "1", "undo");
    run_clear (&run);
    CLI_EXPECT (&run, 0, "themes", "1", "rename", id, "Vélo");
    run_clear (&run);
    CLI_EXPECT (&run, 0, "themes", "1", "move", "Vélo", "-");
    run_clear (&run);
    CLI_EXPECT (&run, 1, "themes", "1", "move", "Mobilité douce", "Mobilité douce");
    run_clear (&run);
  }
  CLI_EXPECT (&run, 0, "themes", "1", "delete", "Vélo");
  run_clear (&run);
  CLI_EXPECT (&run, 1, "search", "1", "arceaux", "--theme", "Vélo");
  run_clear (&run);
  CLI_EXPECT (&run, 0, "search", "1", "arceaux", "--theme", "Mobilité douce", "--json");
  g_assert_cmpint (json_int (run.out, "count"), ==, 0);
  run_clear (&run);
  CLI_EXPECT (&run, 0, "search", "1", "arceaux", "--theme", "none", "--json");
  g_assert_cmpint (json_int (run.out, "count"), ==, 0);
  run_clear (&run);
  CLI_EXPECT (&run, 0, "themes", "1", "undo");
  run_clear (&run);
  CLI_EXPECT (&run, 0, "search", "1", "arceaux", "--theme", "Vélo", "--json");
  g_assert_cmpint (json_int (run.out, "count"), ==, matched);
  run_clear (&run);
  CLI_EXPECT (&run, 2, "themes", "1", "frobnicate");
  run_clear (&run);
  CLI_EXPECT (&run, 2, "themes", "1", "merge", "Vélo");
  run_clear (&run);

  /* Journaled: one entry per operation. */
  {
    g_autoptr(JsonNode) journal = journal_json (f);

    g_assert_true (journal_has (journal, "theme.tag", NULL, NULL));
    g_assert_true (journal_has (journal, "theme.untag", NULL, NULL));
    g_assert_true (journal_has (journal, "theme.merge", NULL, NULL));
    g_assert_true (journal_has (journal, "theme.delete", NULL, NULL));
    g_assert_true (journal_has (journal, "theme.undo", NULL, NULL));
  }
}

static void
test_process_fields (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) journal = NULL;

  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "create", "--title", "Plan vélo");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "set", "1", "mandate.question",
                "Comment mieux partager la rue ?");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "set", "1", "diagnostic.object", "Les pistes cyclables");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "set", "1", "specification.objectives", "Mailler");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "set", "1", "specification.publics", "Tous");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "set", "1", "title", "Plan vélo 2027");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "get", "1", "mandate.question");
    g_assert_cmpstr (run.out, ==, "Comment mieux partager la rue ?\n");
  }
  {
    g_auto(Run) run = { 0 };
    const char *args[] = { g_getenv ("DIALOGUE_CLI"), "process", "set", "1",
                           "mandate.commitments", "-", "--db", f->db, NULL };

    /* "-": a text of several lines from standard input */
    cli_with_input (&run, "Une réponse argumentée\nsous trois mois.\n", args);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "get", "1", "mandate.commitments");
    g_assert_cmpstr (run.out, ==, "Une réponse argumentée\nsous trois mois.\n\n");
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *fields;

    CLI_EXPECT (&run, 0, "process", "get", "1", "--json");
    root = parse_json (run.out);
    fields = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (fields, "title"), ==, "Plan vélo 2027");
    g_assert_cmpstr (json_object_get_string_member (fields, "diagnostic.object"), ==,
                     "Les pistes cyclables");
    g_assert_cmpstr (json_object_get_string_member (fields, "specification.publics"), ==,
                     "Tous");
    g_assert_cmpstr (json_object_get_string_member (fields, "mandate.perimeter"), ==, "");
    g_assert_true (json_object_has_member (fields, "mandate.response_weeks"));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 2, "process", "set", "1", "mandate.colour", "bleu");
    g_assert_nonnull (strstr (run.err, "Unknown field “mandate.colour”"));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 2, "process", "set", "1", "mandate.question");
  }
  {
    g_auto(Run) run = { 0 };

    /* the window's spin button allows 0 to 104 weeks; so does the core */
    CLI_EXPECT (&run, 1, "process", "set", "1", "mandate.response_weeks", "douze");
    g_assert_nonnull (strstr (run.err, "number of weeks, from 0 to 104"));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "set", "1", "mandate.response_weeks", "12");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 2, "process", "frobnicate");
    g_assert_nonnull (strstr (run.err, "unknown verb"));
  }

  /* The specification is closed once the two stages before it are skipped: its texts are
   * read-only, as in the window. */
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "stage", "1", "diagnostic", "skip", "--reason", "Déjà fait");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "stage", "1", "arbitration", "skip", "--reason", "Aucun arbitrage");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "stage", "1", "specification", "start");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "stage", "1", "specification", "done");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 1, "process", "set", "1", "specification.budget", "20 000 €");
    g_assert_nonnull (strstr (run.err, "The stage “Specification” is done: reopen it to change "
                                       "it."));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "get", "1", "specification.budget");
    g_assert_cmpstr (run.out, ==, "\n");
  }

  journal = journal_json (f);
  g_assert_true (journal_has (journal, "process.field", "mandate.question",
                              "Comment mieux partager la rue ?"));
  g_assert_true (journal_has (journal, "process.field", "diagnostic.object",
                              "Les pistes cyclables"));
  g_assert_true (journal_has (journal, "process.rename", NULL, NULL));
  g_assert_false (journal_has (journal, "process.field", "specification.budget", NULL));

  /* archive, then nothing changes it until it is restored */
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "archive", "1");
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *process;

    CLI_EXPECT (&run, 0, "processes", "--json");
    root = parse_json (run.out);
    process = json_array_get_object_element (json_node_get_array (root), 0);
    g_assert_true (json_object_get_boolean_member (process, "archived"));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 1, "process", "set", "1", "mandate.perimeter", "La voirie");
    g_assert_nonnull (strstr (run.err, "archived"));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "archive", "1", "--restore");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "set", "1", "mandate.perimeter", "La voirie");
  }
  g_clear_pointer (&journal, json_node_unref);
  journal = journal_json (f);
  g_assert_true (journal_has (journal, "process.archive", NULL, NULL));
  g_assert_true (journal_has (journal, "process.unarchive", NULL, NULL));
}

/* Looks up the object of a --json listing whose "id" is @id. */
static JsonObject *
find_id (JsonNode *root,
         gint64    id)
{
  JsonArray *array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (json_object_get_int_member (object, "id") == id)
        return object;
    }
  g_assert_not_reached ();
}

static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) journal = NULL;
  gint64 participant, session, recommendation, position, commitment;

  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "process", "create", "--title", "Budget participatif");
  }

  /* participants */
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "participant", "add", "1", "--gender", "F", "--age-band", "30-44",
                "--commune", "Rezé", "--channel", "in_person", "--consent", "yes");
    participant = printed_id (&run);
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 2, "participant", "add", "1", "--consent", "perhaps");
    g_assert_nonnull (strstr (run.err, "--consent"));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 1, "participant", "add", "1", "--channel", "pigeon");
    g_assert_nonnull (strstr (run.err, "The channel must be online, in person, mail or phone."));
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "participant", "set", "1", "--quartier", "Trentemoult");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 2, "participant", "set", "1");
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *row;

    CLI_EXPECT (&run, 0, "participant", "list", "1", "--json");
    root = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
    row = find_id (root, participant);
    g_assert_cmpstr (json_object_get_string_member (row, "gender"), ==, "F");
    g_assert_cmpstr (json_object_get_string_member (row, "commune"), ==, "Rezé");
    g_assert_cmpstr (json_object_get_string_member (row, "quartier"), ==, "Trentemoult");
    g_assert_cmpstr (json_object_get_string_member (row, "channel"), ==, "in_person");
    g_assert_true (json_object_get_boolean_member (row, "consent"));
    g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "registered");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "participant", "list", "1");
    g_assert_nonnull (strstr (run.out, "Rezé"));
  }

  /* sessions */
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "session", "add", "1", "--title", "Atelier 1", "--starts-at",
                "2027-01-15T18:00:00+01:00", "--place", "Salle des fêtes");
    session = printed_id (&run);
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 1, "session", "add", "1", "--place", "Mairie");
    g_assert_nonnull (strstr (run.err, "A session needs a title."));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *row;

    CLI_EXPECT (&run, 0, "session", "list", "1", "--json");
    root = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
    row = find_id (root, session);
    g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "Atelier 1");
    g_assert_cmpstr (json_object_get_string_member (row, "place"), ==, "Salle des fêtes");
    g_assert_nonnull (strstr (json_object_get_string_member (row, "starts-at"), "2027-01-15"));
  }

  /* recommendations and the position on one */
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 0, "recommendation", "add", "1", "--title", "Des bancs", "--body",
                "Plus de bancs place Royale.");
    recommendation = printed_id (&run);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *row;

    CLI_EXPECT (&run, 0, "recommendation", "list", "1", "--json");
    root = parse_json (run.out);
    row = find_id (root, recommendation);
    g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "Des bancs");
    g_assert_cmpint (json_object_get_int_member (row, "number"), ==, 1);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, recommendation);

    CLI_EXPECT (&run, 1, "position", "set", id, "--value", "maybe");
    g_assert_nonnull (strstr (run.err, "This position is unknown."));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, recommendation);

    CLI_EXPECT (&run, 0, "position", "set", id, "--value", "retained", "--justification",
                "Budget voté.");
    position = printed_id (&run);
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, recommendation);

    /* the same position again: it is changed, not doubled */
    CLI_EXPECT (&run, 0, "position", "set", id, "--justification", "Budget voté en mars.");
    g_assert_cmpint (printed_id (&run), ==, position);
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *row;

    CLI_EXPECT (&run, 0, "position", "list", "1", "--json");
    root = parse_json (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
    row = find_id (root, position);
    g_assert_cmpstr (json_object_get_string_member (row, "value"), ==, "retained");
    g_assert_cmpstr (json_object_get_string_member (row, "justification"), ==,
                     "Budget voté en mars.");
    g_assert_cmpint (json_object_get_int_member (row, "recommendation-id"), ==, recommendation);
  }

  /* a commitment and a progress report on it */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, position);
    g_autoptr(JsonNode) root = NULL;

    CLI_EXPECT (&run, 0, "commitment", "add", "1", "--title", "Poser vingt bancs",
                "--department", "Espaces verts", "--due-date", "2027-06-30", "--position-id", id,
                "--json");
    root = parse_json (run.out);
    commitment = json_object_get_int_member (json_node_get_object (root), "id");
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, commitment);

    CLI_EXPECT (&run, 1, "commitment", "update", id, "--progress", "140");
    g_assert_nonnull (strstr (run.err, "The progress is a percentage from 0 to 100."));
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, commitment);

    CLI_EXPECT (&run, 2, "commitment", "update", id, "--progress", "much");
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, commitment);

    CLI_EXPECT (&run, 0, "commitment", "update", id, "--progress", "40", "--status",
                "in_progress", "--text", "Huit bancs posés.", "--dated", "2027-03-01");
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *row;

    CLI_EXPECT (&run, 0, "commitment", "list", "1", "--json");
    root = parse_json (run.out);
    row = find_id (root, commitment);
    g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "Poser vingt bancs");
    g_assert_cmpint (json_object_get_int_member (row, "position-id"), ==, position);
    g_assert_cmpint (json_object_get_int_member (row, "progress"), ==, 40);
    g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "in_progress");
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, commitment);

    CLI_EXPECT (&run, 0, "commitment", "set", id, "--department", "Nature en ville");
  }
  {
    g_auto(Run) run = { 0 };

    CLI_EXPECT (&run, 1, "commitment", "set", "999", "--title", "X");
    g_assert_nonnull (strstr (run.err, "does not exist"));
  }

  journal = journal_json (f);
  g_assert_true (journal_has (journal, "recommendation.create", NULL, NULL));
  g_assert_true (journal_has (journal, "position.create", NULL, NULL));
  g_assert_true (journal_has (journal, "position.update", NULL, NULL));
  g_assert_true (journal_has (journal, "commitment.create", NULL, NULL));
  g_assert_true (journal_has (journal, "commitment_update.create", NULL, NULL));
  g_assert_true (journal_has (journal, "commitment.update", "department", "Nature en ville"));
}

/* The option names ("db", "json", "title"…) that a --help output lists. */
static GPtrArray *
help_options (const char *help)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s+(?:-\\w, )?--([a-z][a-z0-9.-]*)", G_REGEX_MULTILINE,
                                         0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, help, 0, &match);
  while (g_match_info_matches (match))
    {
      char *name = g_match_info_fetch (match, 1);

      if (g_str_equal (name, "help") || g_str_equal (name, "help-all"))
        g_free (name);
      else
        g_ptr_array_add (names, name);
      g_match_info_next (match, NULL);
    }
  return names;
}

/* The first word of each line of the list under @heading ("Commands:", "Verbs:"). */
static GPtrArray *
help_list (const char *help,
           const char *heading)
{
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  gboolean in_list = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], heading))
        in_list = TRUE;
      else if (in_list && g_str_has_prefix (lines[i], "  "))
        {
          g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[i]), " ", 2);

          g_ptr_array_add (words, g_strdup (fields[0]));
        }
      else if (in_list)
        break;
    }
  return words;
}

static void
check_documented (const char *man,
                  const char *completion,
                  const char *help)
{
  g_autoptr(GPtrArray) options = help_options (help);

  g_assert_cmpuint (options->len, >, 0);
  for (guint i = 0; i < options->len; i++)
    {
      const char *name = g_ptr_array_index (options, i);
      g_autofree char *escaped = NULL;
      g_autofree char *in_man = NULL;
      g_autofree char *in_completion = g_strdup_printf ("--%s", name);
      g_auto(GStrv) parts = g_strsplit (name, "-", -1);

      escaped = g_strjoinv ("\\-", parts);
      in_man = g_strdup_printf ("\\fB\\-\\-%s\\fR", escaped);
      if (strstr (man, in_man) == NULL)
        g_error ("--%s is not in the man page", name);
      if (strstr (completion, in_completion) == NULL)
        g_error ("--%s is not in the completion", name);
    }
}

/* Every command, verb and option that --help lists is in the man page and the completion; the
 * completion completes; man renders the page. */
static void
test_man_and_completion (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *man = NULL;
  g_autofree char *completion = NULL;
  g_autoptr(GPtrArray) commands = NULL;
  g_autoptr(GError) error = NULL;
  guint n_verbs = 0;

  g_assert_true (g_file_get_contents (g_getenv ("DIALOGUE_CLI_MAN"), &man, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (g_getenv ("DIALOGUE_CLI_COMPLETION"), &completion, NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (man, ".TH DIALOGUE\\-CLI 1 "));

  {
    g_auto(Run) run = { 0 };

    cli (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    commands = help_list (run.out, "Commands:");
  }
  g_assert_cmpuint (commands->len, >=, 18);
  for (guint i = 0; i < commands->len; i++)
    {
      const char *command = g_ptr_array_index (commands, i);
      g_autofree char *man_command = g_strdup_printf (".TP\n\\fB%s\\fR\n", command);
      g_autofree char *pattern = g_strdup_printf ("\\b%s\\b", command);
      g_autoptr(GPtrArray) verbs = NULL;
      g_auto(Run) run = { 0 };

      if (strstr (man, man_command) == NULL)
        g_error ("the command %s is not in the man page", command);
      if (!g_regex_match_simple (pattern, completion, 0, 0))
        g_error ("the command %s is not in the completion", command);

      cli (&run, command, "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      verbs = help_list (run.out, "Verbs:");
      if (verbs->len == 0)
        {
          check_documented (man, completion, run.out);
          continue;
        }
      for (guint j = 0; j < verbs->len; j++)
        {
          const char *verb = g_ptr_array_index (verbs, j);
          g_autofree char *man_verb = g_strdup_printf (".SS \"%s %s\"", command, verb);
          g_autofree char *completion_verb = g_strdup_printf ("\"%s %s\")", command, verb);
          g_auto(Run) verb_run = { 0 };

          if (strstr (man, man_verb) == NULL)
            g_error ("%s %s is not in the man page", command, verb);
          if (strstr (completion, completion_verb) == NULL)
            g_error ("%s %s is not in the completion", command, verb);
          cli (&verb_run, command, verb, "--help", NULL);
          g_assert_cmpint (verb_run.status, ==, 0);
          check_documented (man, completion, verb_run.out);
          n_verbs++;
        }
    }
  g_assert_cmpuint (n_verbs, >=, 17);

  /* The field options of a record command are there, with the values of a vocabulary. */
  g_assert_nonnull (strstr (man, "\\fB\\-\\-starts\\-at\\fR"));
  g_assert_nonnull (strstr (completion, "planned in_progress done abandoned"));

  {
    const char *const words[][3] = {
      { "pro", "1", "processes process" },
      { "--db x.db commi", "3", "commitment" },
      { "commitment up", "2", "update" },
      { "commitment update 1 --status ''", "5", "planned in_progress done abandoned" },
      { "process set 1 mandate.q", "4", "mandate.question" },
      { "participant add 1 --con", "4", "--consent" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (words); i++)
      {
        g_autofree char *script =
          g_strdup_printf ("source '%s'; COMP_WORDS=(dialogue-cli %s); COMP_CWORD=%s; "
                           "_dialogue_cli; echo ${COMPREPLY[@]}",
                           g_getenv ("DIALOGUE_CLI_COMPLETION"), words[i][0], words[i][1]);
        const char *argv[] = { "bash", "-c", script, NULL };
        g_autoptr(GSubprocess) bash = NULL;
        g_autofree char *out = NULL;

        bash = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
        g_assert_no_error (error);
        g_subprocess_communicate_utf8 (bash, NULL, NULL, &out, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (g_subprocess_get_successful (bash));
        g_assert_cmpstr (g_strstrip (out), ==, words[i][2]);
      }
  }

  if (g_find_program_in_path ("man") != NULL)
    {
      const char *argv[] = { "man", "-l", g_getenv ("DIALOGUE_CLI_MAN"), NULL };
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_subprocess_launcher_setenv (launcher, "MANPAGER", "cat", TRUE);
      g_subprocess_launcher_setenv (launcher, "MANWIDTH", "100", TRUE);
      g_subprocess_launcher_setenv (launcher, "MAN_KEEP_FORMATTING", "", TRUE);
      process = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (process));
      g_assert_cmpstr (err, ==, "");
      g_assert_nonnull (strstr (out, "COMMANDS AND OPTIONS"));
      g_assert_nonnull (strstr (out, "commitment update COMMITMENT"));
      g_assert_nonnull (strstr (out, "The database (default: the app’s)"));
    }
  else
    g_test_message ("man is not installed: the page is not rendered");
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
  ADD ("/cli/import-mapping", test_import_mapping);
  ADD ("/cli/process-fields", test_process_fields);
  ADD ("/cli/records", test_records);
  ADD ("/cli/coding", test_coding);
  ADD ("/cli/man-and-completion", test_man_and_completion);

  return g_test_run ();
}
