/* test-store.c — the store, its migrations, processes and the journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "dlg-core.h"
#include "dlg-schema.h"
#include "dlg-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dialogue-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "dialogue.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_chmod (child, 0600);
      g_remove (child);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static DlgStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
create_process (DlgStore   *store,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_create (store, title, &error);

  g_assert_no_error (error);
  return dlg_process_get_id (process);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Runs SQL on the file behind the store's back, as someone tampering with it would. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
  sqlite3_close (db);
}

static void
test_open_memory (void)
{
  g_autoptr(DlgStore) store = open_store (":memory:");

  g_assert_cmpuint (dlg_store_get_schema_version (store), ==, dlg_schema_get_version ());
}

typedef struct
{
  guint  n_any;
  guint  n_decisions;
  GType  last_type;
  gint64 last_process;
} ChangeCounter;

static void
count_any (DlgStore      *store,
           GType          type,
           gint64         process_id,
           ChangeCounter *counter)
{
  counter->n_any++;
  counter->last_type = type;
  counter->last_process = process_id;
}

static void
count_decisions (DlgStore      *store,
                 GType          type,
                 gint64         process_id,
                 ChangeCounter *counter)
{
  g_assert_true (type == DLG_TYPE_DECISION);
  counter->n_decisions++;
}

/* DlgStore::changed carries the record type, and its detail is the type's name: a handler of
 * "changed::DlgDecision" hears decisions and nothing else. */
static void
test_changed_type (void)
{
  g_autoptr(DlgStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_create (store, "Place du Commerce", &error);
  g_autoptr(DlgActor) actor = NULL;
  ChangeCounter counter = { 0 };
  gint64 pid;

  g_assert_no_error (error);
  pid = dlg_process_get_id (process);
  g_signal_connect (store, "changed", G_CALLBACK (count_any), &counter);
  g_signal_connect (store, "changed::DlgDecision", G_CALLBACK (count_decisions), &counter);

  dlg_store_emit_changed (store, DLG_TYPE_REVIEW, pid);
  g_assert_cmpuint (counter.n_any, ==, 1);
  g_assert_cmpuint (counter.n_decisions, ==, 0);
  g_assert_true (counter.last_type == DLG_TYPE_REVIEW);
  g_assert_cmpint (counter.last_process, ==, pid);

  dlg_store_emit_changed (store, DLG_TYPE_DECISION, pid);
  g_assert_cmpuint (counter.n_any, ==, 2);
  g_assert_cmpuint (counter.n_decisions, ==, 1);

  /* A save emits its own type. */
  actor = dlg_actor_new (pid);
  dlg_actor_set_name (actor, "Conseil de quartier");
  g_assert_true (dlg_actor_save (store, actor, &error));
  g_assert_no_error (error);
  g_assert_true (counter.last_type == DLG_TYPE_ACTOR);
  g_assert_cmpuint (counter.n_decisions, ==, 1);

  /* What is not a record has a type of its own: a stage's field is no process change. */
  g_assert_true (dlg_process_set_field (store, pid, DLG_FIELD_MANDATE_QUESTION, "Laquelle ?",
                                        &error));
  g_assert_no_error (error);
  g_assert_true (counter.last_type == DLG_TYPE_PROCESS_FIELD);
  g_assert_cmpuint (counter.n_decisions, ==, 1);
}

static void
test_migrate_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DlgStore) store = open_store (f->path);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpuint (dlg_store_get_schema_version (store), ==, dlg_schema_get_version ());

  /* WAL, foreign keys, and the FTS table of contributions are there. */
  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (store), "PRAGMA journal_mode", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (store), "PRAGMA foreign_keys", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_true (dlg_store_exec (store, "SELECT * FROM contribution_fts LIMIT 1", &error));
  g_assert_no_error (error);

  list = dlg_process_list (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

/* Builds a database at every earlier schema version, with a process in it, and opens it. */
static void
test_migrate_from_each_version (Fixture       *f,
                                gconstpointer  data)
{
  guint n_migrations;
  const DlgMigration *migrations = dlg_schema_get_migrations (&n_migrations);

  g_assert_cmpuint (n_migrations, >=, 1);

  for (guint version = 1; version <= n_migrations; version++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", f->dir, version);
      g_autoptr(DlgStore) store = NULL;
      g_autoptr(DlgProcess) process = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (guint i = 0; i < version; i++)
        g_assert_cmpint (sqlite3_exec (db, migrations[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
      {
        g_autofree char *pragma =
          g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d;"
                           "INSERT INTO process (uuid, title, created_at, updated_at)"
                           " VALUES ('u-%u', 'Old process', '2025-01-01T00:00:00Z',"
                           " '2025-01-01T00:00:00Z');",
                           version, 0x444c4731, version);
        g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
      }
      sqlite3_close (db);

      store = open_store (path);
      g_assert_cmpuint (dlg_store_get_schema_version (store), ==, n_migrations);
      process = dlg_process_find (store, "1", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dlg_process_get_title (process), ==, "Old process");
    }
}

/* Opening a database of version 2 gives every process the default vocabulary, maps the values
 * that surely mean one of its ids, keeps the communes and quartiers the process has as values of
 * its own, and leaves the rest as it was, to be fixed by the officer. */
static void
test_migrate_profile_values (Fixture       *f,
                             gconstpointer  data)
{
  guint n_migrations;
  const DlgMigration *migrations = dlg_schema_get_migrations (&n_migrations);
  g_autofree char *path = g_build_filename (f->dir, "v2-profiles.db", NULL);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProfile) profile = NULL;
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpuint (n_migrations, >=, 3);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (sqlite3_exec (db, migrations[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA user_version = 2; PRAGMA application_id = 1145849649;"
    "INSERT INTO process (uuid, title, created_at, updated_at) VALUES ('u', 'Ancienne',"
    " '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
    "INSERT INTO participant (uuid, process_id, age_band, gender, commune, quartier, occupation,"
    " consent, registered_at) VALUES"
    " ('a', 1, '30-44', 'Femme', 'Nantes', 'Zola', 'employé·e', 1, '2025-01-01'),"
    " ('b', 1, '25-39', 'homme', 'Rezé', '', 'Cadre', 1, '2025-01-02'),"
    " ('c', 1, '18 à 29 ans', 'woman', 'Trignac', 'Zola', 'ouvrier qualifié', 1, '2025-01-03');"
    "INSERT INTO quota (process_id, category, value, min, max) VALUES"
    " (1, 'gender', 'femme', 1, 2), (1, 'prior_participation', '1', 0, 1),"
    " (1, 'age_band', '25-39', 0, 1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_store (path);
  profile = dlg_profile_load (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_profile_get_n_categories (profile), ==, 6);
  g_assert_cmpstr (dlg_profile_get_value_label (profile, "age_band", "30-44"), ==,
                   "30 à 44 ans");
  g_assert_cmpstr (dlg_profile_get_value_label (profile, "quartier", "Zola"), ==, "Zola");
  g_assert_cmpstr (dlg_profile_get_value_label (profile, "commune", "Trignac"), ==, "Trignac");
  g_assert_cmpstr (dlg_profile_get_value_label (profile, "commune", "nantes"), ==, "Nantes");
  g_assert_null (dlg_profile_get_value_label (profile, "commune", "Nantes"));
  {
    const char *expected[][4] = {
      { "30-44", "woman", "nantes", "employee" },
      { "25-39", "man", "reze", "executive" },
      { "18-29", "woman", "Trignac", "ouvrier qualifié" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(DlgParticipant) p = dlg_participant_load (store, i + 1, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (dlg_participant_get_age_band (p), ==, expected[i][0]);
        g_assert_cmpstr (dlg_participant_get_gender (p), ==, expected[i][1]);
        g_assert_cmpstr (dlg_participant_get_commune (p), ==, expected[i][2]);
        g_assert_cmpstr (dlg_participant_get_occupation (p), ==, expected[i][3]);
      }
  }
  {
    g_autoptr(GListModel) quotas = dlg_quota_list (store, 1, &error);
    g_autoptr(GPtrArray) values = g_ptr_array_new ();

    for (guint i = 0; i < g_list_model_get_n_items (quotas); i++)
      {
        g_autoptr(DlgQuota) q = g_list_model_get_item (quotas, i);

        g_ptr_array_add (values, g_strdup (dlg_quota_get_value (q)));
      }
    g_ptr_array_set_free_func (values, g_free);
    g_assert_true (g_ptr_array_find_with_equal_func (values, "woman", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (values, "yes", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (values, "25-39", g_str_equal, NULL));
  }
  /* what is not sure is left for the officer: 25-39 and "ouvrier qualifié" */
  misfits = dlg_profile_list_misfits (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (misfits->len, ==, 2);
  g_assert_cmpstr (((DlgProfileMisfit *) g_ptr_array_index (misfits, 0))->value, ==, "25-39");
  g_assert_cmpstr (((DlgProfileMisfit *) g_ptr_array_index (misfits, 1))->value, ==,
                   "ouvrier qualifié");

  /* and a new process gets the defaults */
  {
    g_autoptr(DlgProcess) process = dlg_process_create (store, "Nouvelle", &error);
    g_autoptr(DlgProfile) fresh = NULL;

    g_assert_no_error (error);
    fresh = dlg_profile_load (store, dlg_process_get_id (process), &error);
    g_assert_cmpstr (dlg_profile_get_value_label (fresh, "occupation", "worker"), ==,
                     "Ouvrier·ère");
    g_assert_null (dlg_profile_get_value_label (fresh, "quartier", "Zola"));
  }
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DlgStore *store;

  g_clear_object (&(DlgStore *) { open_store (f->path) });
  raw_exec (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999");
  before = read_file (f->path);

  store = dlg_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = read_file (f->path);
  g_assert_cmpmem (before, strlen (before), after, strlen (after));
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  const char text[] = "Compte rendu de la réunion publique du 3 mars.\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  g_assert_null (dlg_store_open (f->path, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a Dialogue database"));

  g_assert_true (g_file_get_contents (f->path, &after, &length, NULL));
  g_assert_cmpmem (after, length, text, strlen (text));
}

static void
test_foreign_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  raw_exec (f->path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL);"
                     "INSERT INTO invoices (amount) VALUES (12.5)");
  g_assert_null (dlg_store_open (f->path, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "another application"));
}

static guint
count_processes (DlgStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = dlg_process_list (store, TRUE, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

/* The bytes of @path, for comparing a file before and after Dialogue saw it. */
static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* A refused database keeps every byte: the refusal comes before journal_mode or a migration
 * writes to it. */
static void
test_foreign_database_untouched (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  raw_exec (f->path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL);"
                     "INSERT INTO invoices (amount) VALUES (12.5)");
  before = file_bytes (f->path);
  g_assert_null (dlg_store_open (f->path, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE);
  after = file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A Dialogue database whose user_version was reset (by hand, by a tool) is recognised and
 * left alone, not migrated again from the start ("table process already exists"). */
static void
test_version_reset (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_clear_object (&(DlgStore *) { open_store (f->path) });
  raw_exec (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 0");
  before = file_bytes (f->path);
  g_assert_null (dlg_store_open (f->path, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "schema version was reset to 0"));
  g_assert_null (strstr (error->message, "already exists"));
  after = file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* Without its application mark, it is still told apart from another application's. */
  g_clear_error (&error);
  raw_exec (f->path, "PRAGMA application_id = 0");
  g_assert_null (dlg_store_open (f->path, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "looks like a Dialogue database"));
}

/* Opened for reading: lists, refuses every write with the read-only error, changes nothing. */
static void
test_open_read_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(DlgProcess) process = NULL;
  DlgStore *store;

  store = open_store (f->path);
  create_process (store, "Une démarche");
  g_object_unref (store);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE");
  before = file_bytes (f->path);

  store = dlg_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_store_is_read_only (store));
  g_assert_cmpuint (count_processes (store), ==, 1);
  process = dlg_process_create (store, "Une autre", &error);
  g_assert_null (process);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_clear_error (&error);
  g_assert_false (dlg_process_rename (store, 1, "Renommée", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_object_unref (store);
  after = file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* A missing file is not created. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "absent.db", NULL);

    g_assert_null (dlg_store_open_read_only (missing, &error));
    g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}


/* A database that can only be read: the error says so and nothing changes. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DlgStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  create_process (store, "Une démarche");
  g_assert_true (dlg_store_exec (store, "PRAGMA query_only = ON", NULL));

  process = dlg_process_create (store, "Une autre", &error);
  g_assert_null (process);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_clear_error (&error);

  g_assert_false (dlg_process_rename (store, 1, "Renommée", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_READ_ONLY);

  g_assert_true (dlg_store_exec (store, "PRAGMA query_only = OFF", NULL));
  g_assert_cmpuint (count_processes (store), ==, 1);
  g_clear_object (&process);
  process = dlg_process_load (store, 1, NULL);
  g_assert_cmpstr (dlg_process_get_title (process), ==, "Une démarche");
}

/* The same through file permissions, which root ignores. */
static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store;

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores file permissions (the query_only test covers the error)");
      return;
    }
  g_clear_object (&(DlgStore *) { open_store (f->path) });
  raw_exec (f->path, "PRAGMA journal_mode = DELETE");
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);

  store = dlg_store_open (f->path, &error);
  if (store != NULL)
    {
      g_autoptr(DlgProcess) process = dlg_process_create (store, "X", &error);

      g_assert_null (process);
      g_object_unref (store);
    }
  g_assert_nonnull (error);
  g_assert_true (error->code == DLG_ERROR_READ_ONLY || error->code == DLG_ERROR_DATABASE);
}

/* A full disk: SQLite's page limit stands in for it. Nothing is half-written. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DlgStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  gint64 id = create_process (store, "Démarche");
  guint journal_before, journal_after;
  g_autoptr(GListModel) journal = NULL;
  gboolean ok;

  journal = dlg_journal_list (store, id, NULL);
  journal_before = g_list_model_get_n_items (journal);
  g_clear_object (&journal);

  g_assert_true (dlg_store_exec (store, "PRAGMA max_page_count = 1; ", NULL));
  for (guint i = 0; i < 20000; i++)
    g_string_append (long_text, "Une phrase assez longue pour remplir des pages. ");

  ok = dlg_process_set_summary (store, id, long_text->str, &error);
  g_assert_false (ok);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "full"));

  g_assert_true (dlg_store_exec (store, "PRAGMA max_page_count = 1073741823", NULL));
  {
    g_autoptr(DlgProcess) process = dlg_process_load (store, id, NULL);

    g_assert_cmpstr (dlg_process_get_summary (process), ==, "");
  }
  journal = dlg_journal_list (store, id, NULL);
  journal_after = g_list_model_get_n_items (journal);
  g_assert_cmpuint (journal_before, ==, journal_after);
  g_assert_true (dlg_journal_verify (store, id, NULL, NULL));
}

static void
test_process_lifecycle (void)
{
  g_autoptr(DlgStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgProcess) by_uuid = NULL;
  g_autoptr(GListModel) visible = NULL;
  g_autofree char *field = NULL;
  gint64 id = create_process (store, "  Concertation sur le vélo  ");

  process = dlg_process_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_process_get_title (process), ==, "Concertation sur le vélo");
  g_assert_cmpint (dlg_process_get_current_stage (process), ==, DLG_STAGE_DIAGNOSTIC);

  by_uuid = dlg_process_find (store, dlg_process_get_uuid (process), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_process_get_id (by_uuid), ==, id);

  g_assert_true (dlg_process_rename (store, id, "Plan vélo 2030", &error));
  g_assert_no_error (error);
  g_assert_true (dlg_process_set_field (store, id, DLG_FIELD_MANDATE_QUESTION,
                                        "Quelle place pour le vélo ?", &error));
  field = dlg_process_get_field (store, id, DLG_FIELD_MANDATE_QUESTION, &error);
  g_assert_cmpstr (field, ==, "Quelle place pour le vélo ?");

  g_assert_true (dlg_process_set_archived (store, id, TRUE, &error));
  visible = dlg_process_list (store, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_cmpuint (count_processes (store), ==, 1);
  g_assert_true (dlg_process_set_archived (store, id, FALSE, &error));
  g_assert_no_error (error);

  /* create, rename, field (settled by the archive that follows it), archive, unarchive */
  {
    g_autoptr(GListModel) journal = dlg_journal_list (store, id, &error);
    g_autoptr(DlgJournalEntry) edit = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (journal), ==, 5);
    edit = g_list_model_get_item (journal, 2);
    g_assert_cmpstr (dlg_journal_entry_get_action (edit), ==, "process.field");
    g_assert_cmpstr (dlg_journal_entry_get_old_value (edit), ==, "");
    g_assert_cmpstr (dlg_journal_entry_get_new_value (edit), ==, "Quelle place pour le vélo ?");
  }
}

static void
test_process_bad_input (void)
{
  g_autoptr(DlgStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (501, 'a');
  gint64 id = create_process (store, "Démarche");

  g_assert_null (dlg_process_create (store, "   ", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (dlg_process_create (store, too_long, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (dlg_process_create (store, "bad \xff utf-8", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (dlg_process_find (store, "42", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dlg_process_find (store, "not-a-uuid", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dlg_process_set_field (store, 42, DLG_FIELD_MANDATE_QUESTION, "x", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Hostile text is stored as text. */
  g_assert_true (dlg_process_rename (store, id, "'); DROP TABLE process; --", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_processes (store), ==, 1);
}

/* ---------------------------------------------------------------- journal */

static gint64
journal_with_entries (DlgStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create_process (store, "Journal");

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *summary = g_strdup_printf ("Décision n°%u", i + 1);

      g_assert_true (dlg_journal_append (store, id, "decision.create", "decision", "d",
                                         summary, &error));
      g_assert_no_error (error);
    }
  return id;
}

static void
assert_broken_at (DlgStore   *store,
                  gint64      id,
                  const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (dlg_journal_verify (store, id, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static void
test_journal_intact (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DlgStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  gint64 id = journal_with_entries (store);
  gint64 other = journal_with_entries (store);
  gint64 n = 0;

  g_assert_true (dlg_journal_verify (store, id, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 6);
  g_assert_true (dlg_journal_verify (store, other, &n, &error));

  /* The journal refuses edits through SQL. */
  g_assert_false (dlg_store_exec (store, "UPDATE journal SET summary = 'x'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (dlg_store_exec (store, "DELETE FROM journal", &error));
  g_assert_nonnull (error);
}

static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autofree char *full = g_strdup_printf ("DROP TRIGGER journal_no_update;"
                                           "DROP TRIGGER journal_no_delete; %s", sql);

  raw_exec (f->path, full);
}

static void
test_journal_edited (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id;

  {
    g_autoptr(DlgStore) store = open_store (f->path);

    id = journal_with_entries (store);
  }
  tamper (f, "UPDATE journal SET summary = 'Décision n°2 (modifiée)' WHERE seq = 3");
  {
    g_autoptr(DlgStore) store = open_store (f->path);

    assert_broken_at (store, id, "entry 3 was modified");
  }
}

static void
test_journal_deleted (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id;

  {
    g_autoptr(DlgStore) store = open_store (f->path);

    id = journal_with_entries (store);
  }
  tamper (f, "DELETE FROM journal WHERE seq = 4");
  {
    g_autoptr(DlgStore) store = open_store (f->path);

    assert_broken_at (store, id, "entry 5 is out of place");
  }
}

/* Renumbering after a deletion does not hide it: the links no longer match. */
static void
test_journal_deleted_renumbered (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 id;

  {
    g_autoptr(DlgStore) store = open_store (f->path);

    id = journal_with_entries (store);
  }
  tamper (f, "DELETE FROM journal WHERE seq = 4;"
             "UPDATE journal SET seq = seq - 1 WHERE seq > 4");
  {
    g_autoptr(DlgStore) store = open_store (f->path);

    assert_broken_at (store, id, "entry 4 does not follow");
  }
}

static void
test_journal_reordered (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id;

  {
    g_autoptr(DlgStore) store = open_store (f->path);

    id = journal_with_entries (store);
  }
  /* Swap the rows of entries 2 and 3 (ids and sequence numbers). */
  tamper (f, "UPDATE journal SET id = -2, seq = -2 WHERE seq = 2;"
             "UPDATE journal SET id = 2, seq = 2, prev_hash = prev_hash WHERE seq = 3;"
             "UPDATE journal SET id = 3, seq = 3 WHERE seq = -2;");
  {
    g_autoptr(DlgStore) store = open_store (f->path);

    assert_broken_at (store, id, "entry 2 does not follow");
  }
}

static void
test_journal_truncated (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id;

  {
    g_autoptr(DlgStore) store = open_store (f->path);

    id = journal_with_entries (store);
  }
  tamper (f, "DELETE FROM journal WHERE seq = 6");
  {
    g_autoptr(DlgStore) store = open_store (f->path);

    assert_broken_at (store, id, "removed from the end");
  }
}

/* ---------------------------------------------------------------- demo */

static void
test_demo (void)
{
  g_autoptr(DlgStore) store = open_store (":memory:");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;
  gboolean created = FALSE;
  gint64 id, again;
  gint64 n = 0;

  id = dlg_demo_ensure (store, &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (created);

  again = dlg_demo_ensure (store, &created, &error);
  g_assert_cmpint (again, ==, id);
  g_assert_false (created);
  g_assert_cmpuint (count_processes (store), ==, 1);

  process = dlg_process_load (store, id, &error);
  g_assert_true (dlg_process_get_is_demo (process));
  g_assert_cmpint (dlg_process_get_current_stage (process), ==, DLG_STAGE_WORKSHOP);
  g_assert_true (dlg_journal_verify (store, id, &n, &error));
  g_assert_cmpint (n, >, 10);

  {
    static const struct { const char *sql; int min, max; } counts[] = {
      { "SELECT count(*) FROM participant", 50, 70 },
      { "SELECT count(*) FROM participant_contact", 50, 70 },
      { "SELECT count(*) FROM contribution", 200, 500 },
      { "SELECT count(*) FROM recommendation", 3, 10 },
      { "SELECT count(*) FROM actor", 3, 20 },
      { "SELECT count(*) FROM feature_activation WHERE enabled", 2, 7 },
      { "SELECT count(*) FROM contribution_fts WHERE contribution_fts MATCH 'arbres'", 1, 500 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
      {
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (store), counts[i].sql, -1,
                                             &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, counts[i].min);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), <=, counts[i].max);
        sqlite3_finalize (stmt);
      }
  }
}

/* The same seed builds the same demo. */
static void
test_demo_deterministic (void)
{
  static const char sql[] =
    "SELECT group_concat (uuid || title, '|') FROM (SELECT uuid, title FROM contribution"
    " ORDER BY id)";
  g_autofree char *first = NULL;

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(DlgStore) store = open_store (":memory:");
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (dlg_demo_ensure (store, NULL, NULL), >, 0);
      g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (store), sql, -1, &stmt, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (run == 0)
        first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else
        g_assert_cmpstr (first, ==, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/store/open-memory", test_open_memory);
  g_test_add_func ("/core/store/changed-type", test_changed_type);
  ADD ("/core/store/migrate/empty", test_migrate_empty);
  ADD ("/core/store/migrate/from-each-version", test_migrate_from_each_version);
  ADD ("/core/store/migrate/profile-values", test_migrate_profile_values);
  ADD ("/core/store/newer-schema-refused", test_newer_schema_refused);
  ADD ("/core/store/not-a-database", test_not_a_database);
  ADD ("/core/store/foreign-database", test_foreign_database);
  ADD ("/core/store/foreign-database-untouched", test_foreign_database_untouched);
  ADD ("/core/store/version-reset", test_version_reset);
  ADD ("/core/store/open-read-only", test_open_read_only);
  ADD ("/core/store/read-only", test_read_only);
  ADD ("/core/store/read-only-file", test_read_only_file);
  ADD ("/core/store/disk-full", test_disk_full);
  g_test_add_func ("/core/process/lifecycle", test_process_lifecycle);
  g_test_add_func ("/core/process/bad-input", test_process_bad_input);
  ADD ("/core/journal/intact", test_journal_intact);
  ADD ("/core/journal/edited", test_journal_edited);
  ADD ("/core/journal/deleted", test_journal_deleted);
  ADD ("/core/journal/deleted-renumbered", test_journal_deleted_renumbered);
  ADD ("/core/journal/reordered", test_journal_reordered);
  ADD ("/core/journal/truncated", test_journal_truncated);
  g_test_add_func ("/core/demo/create-once", test_demo);
  g_test_add_func ("/core/demo/deterministic", test_demo_deterministic);

  return g_test_run ();
}
