/* test-advisor-cli.c — dialogue-cli advisor and response, on a database of several processes
 * of different yields (advisor-fixture.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "advisor-fixture.h"

typedef struct
{
  char     *dir;
  char     *db;
  DlgStore *store;
  gint64    parc, quartier, advised;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dialogue-advisor-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "dialogue.db", NULL);
  f->store = dlg_store_open (f->db, &error);
  g_assert_no_error (error);
  advisor_fixture_fill (f->store, &f->parc, &f->quartier, &f->advised);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Runs dialogue-cli with @args (NULL-terminated) and --db; returns its exit status. */
static int
run (Fixture     *f,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *err_text = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, g_strdup (g_getenv ("DIALOGUE_CLI")));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (f->db));
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out_text, &err_text, &status, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&out_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
feature_object (JsonNode   *root,
                const char *id)
{
  JsonArray *features = json_object_get_array_member (json_node_get_object (root), "features");

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);

      if (g_str_equal (json_object_get_string_member (feature, "id"), id))
        return feature;
    }
  g_assert_not_reached ();
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *advised = id_text (f->advised);
  g_autofree char *parc = id_text (f->parc);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *ideas, *figures, *process;

  g_assert_cmpint (run (f, &out, NULL, "advisor", advised, "--json", NULL), ==, 0);
  root = parse (out);
  process = json_object_get_object_member (json_node_get_object (root), "process");
  g_assert_cmpstr (json_object_get_string_member (process, "policy_cycle"), ==, "diagnostic");
  g_assert_nonnull (json_object_get_string_member (process, "policy_cycle_meaning"));
  g_assert_true (json_object_get_null_member (json_node_get_object (root), "brief"));
  ideas = feature_object (root, "ideas");
  g_assert_true (json_object_get_boolean_member (ideas, "suits_policy_cycle"));
  g_assert_cmpstr (json_object_get_string_member (ideas, "moderation_load"), ==, "heavy");
  figures = json_object_get_object_member (ideas, "figures");
  /* By hand (advisor-fixture.h): 12 + 4 ideas, 6 + 1 contributors, 3 + 4 offline. */
  g_assert_cmpint (json_object_get_int_member (figures, "processes"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (figures, "contributions"), ==, 16);
  g_assert_cmpint (json_object_get_int_member (figures, "contributors"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (figures, "offline"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (figures, "linked"), ==, 4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (figures, "share_retained"),
                                  2.0 / 3, 1e-9);
  /* No call for projects anywhere: the share is null, not 0. */
  figures = json_object_get_object_member (feature_object (root, "call_for_projects"),
                                           "figures");
  g_assert_true (json_object_get_null_member (figures, "share_retained"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);

  /* Advising the Parc, the Parc's own figures are left out. */
  g_assert_cmpint (run (f, &out, NULL, "advisor", parc, "--json", NULL), ==, 0);
  root = parse (out);
  figures = json_object_get_object_member (feature_object (root, "ideas"), "figures");
  g_assert_cmpint (json_object_get_int_member (figures, "contributions"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (figures, "contributors"), ==, 1);
  g_clear_pointer (&out, g_free);

  /* The text says the same. */
  g_assert_cmpint (run (f, &out, NULL, "advisor", advised, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "16 contributions, 7 contributors, 44 % not online, 25 % "
                                 "linked to a recommendation, 67 % of 3 recommendations "
                                 "retained"));
}

static void
test_choose_and_cycle (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *advised = id_text (f->advised);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *brief;

  g_assert_cmpint (run (f, NULL, NULL, "advisor", advised, "choose", "map", "ideas", NULL),
                   ==, 2);
  g_assert_cmpint (run (f, NULL, &err, "advisor", advised, "choose", "petition", "--why", "x",
                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, "petition"));
  g_assert_cmpint (run (f, NULL, NULL, "advisor", advised, "choose", "map", "ideas", "--why",
                        "Situer les idées.", "--volume", "300", NULL), ==, 0);
  g_assert_cmpint (run (f, &out, NULL, "advisor", advised, "--json", NULL), ==, 0);
  root = parse (out);
  brief = json_object_get_object_member (json_node_get_object (root), "brief");
  g_assert_cmpstr (json_object_get_string_member (brief, "why"), ==, "Situer les idées.");
  g_assert_cmpint (json_object_get_int_member (brief, "expected_volume"), ==, 300);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (brief, "features")),
                    ==, 2);
  g_assert_true (json_object_get_boolean_member (feature_object (root, "map"), "enabled"));
  g_assert_true (json_object_get_boolean_member (feature_object (root, "ideas"), "enabled"));
  g_assert_false (json_object_get_boolean_member (feature_object (root, "debate"), "enabled"));

  g_assert_cmpint (run (f, NULL, NULL, "advisor", advised, "cycle", "evaluation", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, NULL, &err, "advisor", advised, "cycle", "later", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "policy cycle"));
  {
    g_autoptr(DlgProcess) process = dlg_process_load (f->store, f->advised, NULL);

    g_assert_cmpstr (dlg_process_get_policy_cycle (process), ==, "evaluation");
  }
}

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "compare.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_quartier = 0;

  g_assert_cmpint (run (f, NULL, NULL, "advisor", "compare", NULL), ==, 2);
  g_assert_cmpint (run (f, NULL, NULL, "advisor", "compare", "--out", path, NULL), ==, 0);
  rows = dlg_csv_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 1; i < rows->len; i++)
    {
      DlgCsvRow *row = rows->pdata[i];

      if (!g_str_equal (row->fields[1], "Quartier Bottière"))
        continue;
      n_quartier++;
      if (g_str_equal (row->fields[3], "questionnaire"))
        {
          g_assert_cmpstr (row->fields[5], ==, "8");
          g_assert_cmpstr (row->fields[8], ==, "2");
          g_assert_cmpstr (row->fields[12], ==, "0.250");
          g_assert_cmpstr (row->fields[13], ==, "0.000");
        }
    }
  g_assert_cmpuint (n_quartier, ==, 2);
}

static void
test_response (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *parc = id_text (f->parc);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *template_id = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DlgRecommendation) r4 = dlg_recommendation_new (f->parc);
  g_autoptr(GError) error = NULL;
  JsonArray *problems;

  /* R1…R3 all have a position and a justification. */
  g_assert_cmpint (run (f, &out, NULL, "response", parc, "check", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  dlg_recommendation_set_title (r4, "Des bancs à l’ombre");
  g_assert_true (dlg_recommendation_save (f->store, r4, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run (f, &out, NULL, "response", parc, "check", "--json", NULL), ==, 1);
  root = parse (out);
  problems = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0),
                                                  "problem"), ==, "no_position");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);

  g_assert_cmpint (run (f, NULL, &err, "response", parc, "templates", "add", "Étude",
                        "--position", "under_study", "--text", "Étudié par {service}.", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "{service}"));
  g_assert_cmpint (run (f, &template_id, NULL, "response", parc, "templates", "add", "Étude",
                        "--position", "under_study", "--text",
                        "La préconisation {number} « {recommendation} » est à l’étude ({date}).",
                        NULL), ==, 0);
  g_strstrip (template_id);
  g_assert_cmpint (run (f, &out, NULL, "response", parc, "templates", "list", "--json", NULL),
                   ==, 0);
  root = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);

  /* A number that is not there changes nothing. */
  g_assert_cmpint (run (f, NULL, NULL, "response", parc, "apply", "--template", template_id,
                        "--ids", "4,99", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, NULL, "response", parc, "check", NULL), ==, 1);
  g_assert_cmpint (run (f, NULL, NULL, "response", parc, "apply", "--template", template_id,
                        NULL), ==, 2);
  g_assert_cmpint (run (f, &out, NULL, "response", parc, "apply", "--template", template_id,
                        "--all", "--date", "2025-03-03", "--json", NULL), ==, 0);
  root = parse (out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "changed"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&root, json_node_unref);
  {
    g_autoptr(DlgPosition) p4 = dlg_position_load_for (f->store, dlg_recommendation_get_id (r4),
                                                       &error);

    g_assert_cmpstr (dlg_position_get_justification (p4), ==,
                     "La préconisation 4 « Des bancs à l’ombre » est à l’étude (March 3, "
                     "2025).");
  }
  g_assert_cmpint (run (f, &out, NULL, "response", parc, "check", "--json", NULL), ==, 1);
  root = parse (out);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (root), 0), "problem"),
                   ==, "unedited_template");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (f, NULL, NULL, "response", parc, "undo", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "response", parc, "undo", NULL), ==, 1);
  {
    g_autoptr(DlgPosition) p4 = dlg_position_load_for (f->store, dlg_recommendation_get_id (r4),
                                                       &error);

    g_assert_cmpint (dlg_position_get_id (p4), ==, 0);
  }
  g_assert_cmpint (run (f, NULL, NULL, "response", parc, "frobnicate", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/advisor/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("show", test_show);
  ADD ("choose-and-cycle", test_choose_and_cycle);
  ADD ("compare", test_compare);
  ADD ("response", test_response);
#undef ADD
  return g_test_run ();
}
