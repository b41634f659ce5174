/* test-cli-daily.c — the command line of daily work (issue 13): global options before the
 * command, a real process scripted from creation to a commitment's progress, dates as an
 * officer writes them, --json on the listings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cli-daily-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "dialogue.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (f->db);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

/* Runs dialogue-cli with @args (NULL-terminated), in French, in Paris; its exit status. */
static int
run (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DIALOGUE_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "TZ", "Europe/Paris", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "fr", TRUE);
  envp = g_environ_setenv (envp, "DIALOGUE_OFFICER", "Camille Martin", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out_text, &err_text, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s → %d%s%s", first, WIFEXITED (status) ? WEXITSTATUS (status) : -1,
                  *err_text != '\0' ? ": " : "", err_text);
  if (out != NULL)
    *out = g_steal_pointer (&out_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
json_id (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_get_int_member (json_node_get_object (root), "id");
}

/* --db and --json before the command, after it, as --db=FILE; what is not one refused. */
static void
test_global_options (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *db_eq = g_strconcat ("--db=", f->db, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "demo", "--db", f->db, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "--json", "processes", NULL), ==, 0);
  before = parse_json (out);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "processes", "--json", db_eq, NULL), ==, 0);
  after = parse_json (out);
  g_clear_pointer (&out, g_free);
  g_assert_true (json_node_equal (before, after));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (before)), ==, 1);
  g_assert_cmpint (run (&out, NULL, "--json", db_eq, "session", "list", "1", NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (parse_json (out))), >=, 1);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (NULL, &err, "--frobnicate", "processes", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--frobnicate"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, NULL), ==, 2);
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "processes"));
}

/* Every field of every stage's text, as the store names it, set then read back, in text and
 * in JSON; a done stage refuses; the process archived and restored. */
static void
test_process_fields (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pid = NULL;
  g_autoptr(JsonNode) fields = NULL;
  JsonObject *object;
  g_autoptr(GList) keys = NULL;

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "process", "create", "--title",
                        "Budget participatif 2027", "--json", NULL), ==, 0);
  pid = g_strdup_printf ("%" G_GINT64_FORMAT, json_id (out));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "process", "get", pid, "--json", NULL), ==, 0);
  fields = parse_json (out);
  object = json_node_get_object (fields);
  keys = json_object_get_members (object);
  g_assert_cmpuint (g_list_length (keys), >=, 16);
  g_assert_true (json_object_has_member (object, "mandate.question"));
  g_assert_true (json_object_has_member (object, "diagnostic.object"));
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *value = NULL;
      g_autofree char *read = NULL;
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) one = NULL;

      if (g_str_equal (key, "mandate.response_weeks"))
        value = g_strdup ("8");
      else if (g_str_equal (key, "mandate.retention_months"))
        value = g_strdup ("12");
      else
        value = g_strdup_printf ("Texte de %s : « <b>gras</b> » ; 'quote' -- %s", key, key);
      g_assert_cmpint (run (NULL, NULL, "--db", f->db, "process", "set", pid, key, value, NULL),
                       ==, 0);
      g_assert_cmpint (run (&read, NULL, "--db", f->db, "process", "get", pid, key, NULL), ==, 0);
      g_strchomp (read);
      g_assert_cmpstr (read, ==, value);
      g_assert_cmpint (run (&json, NULL, "process", "get", pid, key, "--json", "--db", f->db,
                            NULL), ==, 0);
      one = parse_json (json);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (one), key), ==,
                       value);
    }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "process", "set", pid, "mandate.nothing", "x",
                        NULL), !=, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "process", "get", pid, "nothing.here", NULL),
                   !=, 0);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "process", "archive", pid, NULL), ==, 0);
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "processes", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) list = parse_json (out);
    JsonObject *p = json_array_get_object_element (json_node_get_array (list), 0);

    g_assert_true (json_object_get_boolean_member (p, "archived"));
  }
  /* Archived: read-only */
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "process", "set", pid, "summary", "x", NULL),
                   ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "process", "archive", pid, "--restore", NULL),
                   ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "process", "set", pid, "summary", "x", NULL),
                   ==, 0);
}

/* A real process scripted through its records, dates typed as an officer writes them (Paris
 * time, stored in UTC), every listing in JSON. */
static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pid = NULL;
  g_autofree char *rec = NULL;
  g_autofree char *pos = NULL;
  g_autofree char *com = NULL;

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "process", "create", "--title",
                        "Budget participatif 2027", "--json", NULL), ==, 0);
  pid = g_strdup_printf ("%" G_GINT64_FORMAT, json_id (out));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "participant", "add", pid, "--channel",
                        "in_person", "--age-band", "30_44", "--gender", "woman", "--commune",
                        "nantes", "--consent", "yes", "--json", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "--json", "participant", "list", pid, NULL),
                   ==, 0);
  {
    g_autoptr(JsonNode) list = parse_json (out);
    JsonObject *p = json_array_get_object_element (json_node_get_array (list), 0);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (p, "gender"), ==, "woman");
  }
  g_clear_pointer (&out, g_free);

  /* 18h30 in Paris in January is 17:30 UTC; 10 h in September, 8:00 UTC */
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "session", "add", pid, "--title", "Séance 1",
                        "--starts-at", "15/01/2027 18h30", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "session", "add", pid, "--title", "Séance 2",
                        "--starts-at", "4 septembre 2027, 10 h", NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--db", f->db, "session", "add", pid, "--title", "Séance 3",
                        "--starts-at", "2027-10-01T09:00:00+02:00", NULL), ==, 0);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "session", "add", pid, "--title", "Séance 4",
                        "--starts-at", "31/02/2027", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "« 31/02/2027 » n’est pas une date du calendrier"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "session", "add", pid, "--title", "Séance 4",
                        "--starts-at", "15/01/2027 25 h", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "n’est pas une heure"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "session", "list", pid, "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) list = parse_json (out);
    JsonArray *array = json_node_get_array (list);

    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                    "starts-at"), ==, "2027-01-15T17:30:00Z");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1),
                                                    "starts-at"), ==, "2027-09-04T08:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2),
                                                    "starts-at"), ==, "2027-10-01T07:00:00Z");
  }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "recommendation", "add", pid, "--title",
                        "Plus d’arbres", "--body", "Planter des arbres côté sud.", "--json",
                        NULL), ==, 0);
  rec = g_strdup_printf ("%" G_GINT64_FORMAT, json_id (out));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "recommendation", "list", pid, "--json", NULL),
                   ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (parse_json (out))), ==, 1);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "position", "set", rec, "--value",
                        "retained", "--json", NULL), ==, 0);
  pos = g_strdup_printf ("%" G_GINT64_FORMAT, json_id (out));
  g_clear_pointer (&out, g_free);
  /* Set again: the same position, changed */
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "position", "set", rec, "--justification",
                        "Dans le budget 2027.", "--json", NULL), ==, 0);
  {
    g_autofree char *again = g_strdup_printf ("%" G_GINT64_FORMAT, json_id (out));

    g_assert_cmpstr (again, ==, pos);
  }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &err, "--db", f->db, "position", "set", rec, "--value", "maybe",
                        NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, NULL, "--db", f->db, "commitment", "add", pid, "--position-id", pos,
                        "--title", "Planter 20 arbres", "--due-date", "30/6/27", "--json", NULL),
                   ==, 0);
  com = g_strdup_printf ("%" G_GINT64_FORMAT, json_id (out));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "commitment", "update", com, "--dated",
                        "1er mars 2027", "--progress", "40", "--text", "Arbres commandés",
                        "--json", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, NULL, "--json", "--db", f->db, "commitment", "list", pid, NULL),
                   ==, 0);
  {
    g_autoptr(JsonNode) list = parse_json (out);
    JsonObject *c = json_array_get_object_element (json_node_get_array (list), 0);

    g_assert_cmpstr (json_object_get_string_member (c, "due-date"), ==, "2027-06-30");
    g_assert_cmpint (json_object_get_int_member (c, "progress"), ==, 40);
    g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "in_progress");
  }
  g_clear_pointer (&out, g_free);
  /* The journal says who did it */
  g_assert_cmpint (run (&out, NULL, "--db", f->db, "journal", pid, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Camille Martin"));
  g_assert_nonnull (strstr (out, "commitment"));
}

#define ADD(path, func) \
  g_test_add ("/cli/daily/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("global-options", test_global_options);
  ADD ("process-fields", test_process_fields);
  ADD ("records", test_records);

  return g_test_run ();
}
