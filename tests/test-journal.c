/* test-journal.c — the journal policy, bursts of typing, labels, filters and CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-schema.h"
#include "dlg-store-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  DlgStore *store;
  gint64    pid;
} Fixture;

static DlgStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  f->dir = g_dir_make_tmp ("dialogue-journal-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "dialogue.db", NULL);
  f->store = open_store (f->path);
  dlg_store_set_actor (f->store, "Claire Officier");
  process = dlg_process_create (f->store, "Journal", &error);
  g_assert_no_error (error);
  f->pid = dlg_process_get_id (process);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (f->store != NULL)
    g_assert_true (dlg_journal_verify (f->store, f->pid, NULL, NULL));
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The entries of the process whose action is @action, in order. */
static GPtrArray *
entries_of (Fixture    *f,
            const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = dlg_journal_list (f->store, f->pid, &error);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      DlgJournalEntry *entry = g_list_model_get_item (list, i);

      if (g_strcmp0 (dlg_journal_entry_get_action (entry), action) == 0)
        g_ptr_array_add (found, entry);
      else
        g_object_unref (entry);
    }
  return found;
}

static guint
n_entries (Fixture *f)
{
  g_autoptr(GListModel) list = dlg_journal_list (f->store, f->pid, NULL);

  return g_list_model_get_n_items (list);
}

static void
set_field (Fixture    *f,
           const char *key,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlg_process_set_field (f->store, f->pid, key, value, &error));
  g_assert_no_error (error);
}

static void
settle (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlg_journal_settle (f->store, 0, NULL, &error));
  g_assert_no_error (error);
}

/* Each edit the issue listed as not journaled now is, with its old and new value. */
static void
test_policy_edits (Fixture       *f,
                   gconstpointer  data)
{
  const char *keys[] = { DLG_FIELD_DIAGNOSTIC_OBJECT, DLG_FIELD_SPEC_BUDGET,
                         DLG_FIELD_MANDATE_QUESTION, DLG_FIELD_MANDATE_RESPONSE_WEEKS };
  const char *stages[] = { "diagnostic", "specification", "mandate", "mandate" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) invited = NULL;
  g_autoptr(DlgActor) actor = dlg_actor_new (f->pid);
  gint64 participant_id;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    set_field (f, keys[i], i == 3 ? "12" : "Texte");
  set_field (f, DLG_FIELD_MANDATE_RESPONSE_WEEKS, "8");
  settle (f);
  fields = entries_of (f, "process.field");
  g_assert_cmpuint (fields->len, ==, 4);
  for (guint i = 0; i < fields->len; i++)
    {
      DlgJournalEntry *e = g_ptr_array_index (fields, i);

      g_assert_cmpstr (dlg_journal_entry_get_field (e), ==, keys[i]);
      g_assert_cmpstr (dlg_journal_entry_get_stage (e), ==, stages[i]);
      g_assert_cmpstr (dlg_journal_entry_get_actor (e), ==, "Claire Officier");
      g_assert_cmpstr (dlg_journal_entry_get_old_value (e), ==, "");
    }
  /* The response delay: one burst, 12 then 8, from nothing. */
  g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (fields, 3)), ==, "8");

  dlg_actor_set_name (actor, "Conseil de quartier");
  g_assert_true (dlg_actor_save (f->store, actor, &error));
  g_assert_no_error (error);
  dlg_actor_set_role (actor, "relais des habitants");
  g_assert_true (dlg_actor_save (f->store, actor, &error));
  dlg_actor_set_notes (actor, "Appeler le président avant la réunion.");
  g_assert_true (dlg_actor_save (f->store, actor, &error));
  g_assert_true (dlg_actor_delete (f->store, dlg_actor_get_id (actor), &error));
  g_assert_no_error (error);
  created = entries_of (f, "actor.create");
  updated = entries_of (f, "actor.update");
  deleted = entries_of (f, "actor.delete");
  g_assert_cmpuint (created->len, ==, 1);
  g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (created, 0)), ==,
                   "Conseil de quartier");
  /* The role, not the notes (the officer's own). */
  g_assert_cmpuint (updated->len, ==, 1);
  g_assert_cmpstr (dlg_journal_entry_get_field (g_ptr_array_index (updated, 0)), ==, "role");
  g_assert_cmpstr (dlg_journal_entry_get_old_value (g_ptr_array_index (updated, 0)), ==, "");
  g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (updated, 0)), ==,
                   "relais des habitants");
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpstr (dlg_journal_entry_get_stage (g_ptr_array_index (deleted, 0)), ==,
                   "diagnostic");

  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO participant (uuid, process_id, status, registered_at)"
      " VALUES ('p-1', %" G_GINT64_FORMAT ", 'selected', '2026-01-01T00:00:00Z')", f->pid);

    g_assert_true (dlg_store_exec (f->store, sql, &error));
    participant_id = sqlite3_last_insert_rowid (dlg_store_get_db (f->store));
  }
  g_assert_true (dlg_draw_set_invitation (f->store, f->pid, participant_id, "invited", &error));
  g_assert_true (dlg_draw_set_invitation (f->store, f->pid, participant_id, "accepted", &error));
  /* The same status again is no change. */
  g_assert_true (dlg_draw_set_invitation (f->store, f->pid, participant_id, "accepted", &error));
  g_assert_no_error (error);
  invited = entries_of (f, "participant.invitation");
  g_assert_cmpuint (invited->len, ==, 2);
  g_assert_cmpstr (dlg_journal_entry_get_object_id (g_ptr_array_index (invited, 1)), ==, "p-1");
  g_assert_cmpstr (dlg_journal_entry_get_old_value (g_ptr_array_index (invited, 1)), ==,
                   "invited");
  g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (invited, 1)), ==,
                   "accepted");

  /* The rules of the game of a feature, typed in the mandate view. */
  {
    g_autoptr(DlgFeature) feature = dlg_feature_load (f->store, f->pid, "ideas", &error);
    g_autoptr(GPtrArray) rules = NULL;
    g_autofree char *before = NULL;

    g_assert_no_error (error);
    dlg_feature_set_enabled (feature, TRUE);
    g_assert_true (dlg_feature_save (f->store, feature, &error));
    before = g_strdup (dlg_feature_get_rules (feature));
    dlg_feature_set_rules (feature, "Chaque idée reçoit une réponse");
    g_assert_true (dlg_feature_save (f->store, feature, &error));
    dlg_feature_set_rules (feature, "Chaque idée reçoit une réponse publique sous un mois.");
    g_assert_true (dlg_feature_save (f->store, feature, &error));
    g_assert_no_error (error);
    settle (f);
    rules = entries_of (f, "feature.update");
    g_assert_cmpuint (rules->len, ==, 1);
    g_assert_cmpstr (dlg_journal_entry_get_old_value (g_ptr_array_index (rules, 0)), ==, before);
    g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (rules, 0)), ==,
                     "Chaque idée reçoit une réponse publique sous un mois.");
  }
}

/* Every record type of the schema has a line in the policy, and the line says why. */
static void
test_policy_table (Fixture       *f,
                   gconstpointer  data)
{
  const char *tables[] = { "process", "stage", "actor", "decision", "feature", "participant",
                           "participant_contact", "quota", "draw", "session", "contribution",
                           "contribution_annotation", "theme", "recommendation", "review",
                           "position", "response", "commitment", "commitment_update",
                           "follow_up", "narrative", "communication_item" };
  guint n;
  const DlgJournalPolicy *policies = dlg_journal_get_policies (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (tables));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const DlgJournalPolicy *p = dlg_journal_policy_lookup (tables[i]);

      g_assert_nonnull (p);
      g_assert_cmpuint (strlen (p->why), >, 10);
      g_assert_cmpstr (dlg_journal_object_type_get_label (tables[i]), !=, tables[i]);
    }
  g_assert_false (dlg_journal_policy_lookup ("participant_contact")->journaled);
  g_assert_false (dlg_journal_policy_lookup ("contribution_annotation")->journaled);
  g_assert_true (dlg_journal_policy_lookup ("actor")->journaled);
  (void) policies;
}

/* Five saves of one field as the officer types: one entry, first old, last new. */
static void
test_burst_five_saves (Fixture       *f,
                       gconstpointer  data)
{
  const char *typed[] = { "Q", "Quel", "Quelle pla", "Quelle place pour", "Quelle place ?" };
  g_autoptr(GPtrArray) fields = NULL;
  guint before;

  set_field (f, DLG_FIELD_MANDATE_QUESTION, "Ancienne question");
  settle (f);
  before = n_entries (f);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    set_field (f, DLG_FIELD_MANDATE_QUESTION, typed[i]);
  g_assert_cmpuint (n_entries (f), ==, before);
  g_assert_cmpuint (dlg_journal_count_pending (f->store), ==, 1);
  settle (f);
  g_assert_cmpuint (dlg_journal_count_pending (f->store), ==, 0);
  g_assert_cmpuint (n_entries (f), ==, before + 1);

  fields = entries_of (f, "process.field");
  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_cmpstr (dlg_journal_entry_get_old_value (g_ptr_array_index (fields, 1)), ==,
                   "Ancienne question");
  g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (fields, 1)), ==,
                   "Quelle place ?");
  /* Settling again writes nothing more. */
  settle (f);
  g_assert_cmpuint (n_entries (f), ==, before + 1);
}

/* A record edited in a dialog that saves as the officer types: one entry per field edited,
 * with the first old and the last new value; a save that changes nothing writes no entry. */
static void
test_burst_record (Fixture       *f,
                   gconstpointer  data)
{
  const char *typed[] = { "Lancer", "Lancer un atelier", "Lancer un atelier citoyen",
                          "Lancer un atelier citoyen tiré", "Lancer un atelier tiré au sort" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDecision) decision = dlg_decision_new (f->pid);
  g_autoptr(GPtrArray) updates = NULL;
  guint before;

  dlg_decision_set_stage (decision, "arbitration");
  dlg_decision_set_decided_at (decision, "2026-03-02");
  dlg_decision_set_who (decision, "Bureau municipal");
  dlg_decision_set_what (decision, "Lancer une concertation");
  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  before = n_entries (f);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      dlg_decision_set_what (decision, typed[i]);
      g_assert_true (dlg_decision_save (f->store, decision, &error));
      g_assert_no_error (error);
    }
  /* Saved again unchanged, as a dialog does when it closes. */
  g_assert_true (dlg_decision_save (f->store, decision, &error));
  dlg_decision_set_why (decision, "Demande du conseil de quartier");
  g_assert_true (dlg_decision_save (f->store, decision, &error));
  settle (f);

  updates = entries_of (f, "decision.update");
  g_assert_cmpuint (n_entries (f), ==, before + 2);
  g_assert_cmpuint (updates->len, ==, 2);
  g_assert_cmpstr (dlg_journal_entry_get_field (g_ptr_array_index (updates, 0)), ==, "what");
  g_assert_cmpstr (dlg_journal_entry_get_old_value (g_ptr_array_index (updates, 0)), ==,
                   "Lancer une concertation");
  g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (updates, 0)), ==,
                   "Lancer un atelier tiré au sort");
  g_assert_cmpstr (dlg_journal_entry_get_stage (g_ptr_array_index (updates, 0)), ==,
                   "arbitration");
  g_assert_cmpstr (dlg_journal_entry_get_field (g_ptr_array_index (updates, 1)), ==, "why");

  g_assert_true (dlg_decision_save (f->store, decision, &error));
  settle (f);
  g_assert_cmpuint (n_entries (f), ==, before + 2);
}

/* Another field starting a burst, or any other entry, settles the one before: the journal
 * keeps the order things were done in. */
static void
test_burst_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(DlgJournalEntry) a = NULL;
  g_autoptr(DlgJournalEntry) b = NULL;
  g_autoptr(DlgJournalEntry) rename = NULL;
  guint n;

  set_field (f, DLG_FIELD_SPEC_BUDGET, "10 000 €");
  set_field (f, DLG_FIELD_SPEC_CALENDAR, "Mars");
  g_assert_cmpuint (dlg_journal_count_pending (f->store), ==, 1);
  g_assert_true (dlg_process_rename (f->store, f->pid, "Journal renommé", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_journal_count_pending (f->store), ==, 0);

  list = dlg_journal_list (f->store, f->pid, &error);
  n = g_list_model_get_n_items (list);
  a = g_list_model_get_item (list, n - 3);
  b = g_list_model_get_item (list, n - 2);
  rename = g_list_model_get_item (list, n - 1);
  g_assert_cmpstr (dlg_journal_entry_get_field (a), ==, DLG_FIELD_SPEC_BUDGET);
  g_assert_cmpstr (dlg_journal_entry_get_field (b), ==, DLG_FIELD_SPEC_CALENDAR);
  g_assert_cmpstr (dlg_journal_entry_get_action (rename), ==, "process.rename");
}

/* Typed, then typed back: no entry. Saving the value a field has: nothing written at all. */
static void
test_burst_back_to_old (Fixture       *f,
                        gconstpointer  data)
{
  guint before;
  g_autofree char *changes = NULL;

  set_field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "La place");
  settle (f);
  before = n_entries (f);

  set_field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "La place Zola");
  set_field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "La place");
  settle (f);
  g_assert_cmpuint (n_entries (f), ==, before);

  {
    sqlite3 *db = dlg_store_get_db (f->store);
    int total = sqlite3_total_changes (db);

    set_field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "La place");
    settle (f);
    g_assert_cmpint (sqlite3_total_changes (db), ==, total);
  }
  g_assert_cmpuint (dlg_journal_count_pending (f->store), ==, 0);
}

/* A crash in the middle of a burst: the next open settles it, with the officer who typed. */
static void
test_burst_crash (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = NULL;

  set_field (f, DLG_FIELD_MANDATE_PERIMETER, "Les usages");
  set_field (f, DLG_FIELD_MANDATE_PERIMETER, "Les usages de la place");
  /* No settle: the store goes away as in a crash (nothing at close settles either). */
  g_clear_object (&f->store);
  {
    g_autoptr(DlgStore) peek = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM journal_pending", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  f->store = open_store (f->path);
  dlg_store_set_actor (f->store, "Quelqu’un d’autre");
  g_assert_cmpuint (dlg_journal_count_pending (f->store), ==, 0);
  fields = entries_of (f, "process.field");
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_cmpstr (dlg_journal_entry_get_old_value (g_ptr_array_index (fields, 0)), ==, "");
  g_assert_cmpstr (dlg_journal_entry_get_new_value (g_ptr_array_index (fields, 0)), ==,
                   "Les usages de la place");
  g_assert_cmpstr (dlg_journal_entry_get_actor (g_ptr_array_index (fields, 0)), ==,
                   "Claire Officier");
}

/* Idle bursts settle after the delay given, not before. */
static void
test_burst_idle (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint written = 99;

  set_field (f, DLG_FIELD_MANDATE_COMMITMENTS, "Une réponse sous 12 semaines.");
  g_assert_true (dlg_journal_settle (f->store, 300, &written, &error));
  g_assert_cmpuint (written, ==, 0);
  g_assert_cmpuint (dlg_journal_count_pending (f->store), ==, 1);
  /* As if the last save were ten minutes old. */
  g_assert_true (dlg_store_exec (f->store,
                                 "UPDATE journal_pending SET last_at = '2020-01-01T00:00:00Z'",
                                 &error));
  g_assert_true (dlg_journal_settle (f->store, 300, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 1);
}

/* A database made by schema 2 (entries written by dialogue-cli demo of commit 0db489d, before
 * stage and old/new values existed) verifies after the migration; new entries chain on; and
 * tampering with an old or a new entry is still seen. */
static void
test_verify_previous_schema (Fixture       *f,
                             gconstpointer  data)
{
  guint n_migrations;
  const DlgMigration *migrations = dlg_schema_get_migrations (&n_migrations);
  g_autofree char *path = g_build_filename (f->dir, "v2.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "journal-v2.sql",
                                                    NULL);
  g_autofree char *entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = NULL;
  sqlite3 *db = NULL;
  gint64 n = 0;

  g_assert_true (g_file_get_contents (fixture, &entries, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (sqlite3_exec (db, migrations[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 2; PRAGMA application_id = 1145849649;"
                                 "INSERT INTO process (id, uuid, title, created_at, updated_at)"
                                 " VALUES (1, '436ab19f-1ff2-4fa4-bc17-baae95c9bdbf', 'Zola',"
                                 " '2026-12-01T22:10:27Z', '2026-12-01T22:10:27Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, entries, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_store (path);
  g_assert_cmpuint (dlg_store_get_schema_version (store), ==, n_migrations);
  g_assert_true (dlg_journal_verify (store, 1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 15);

  /* A new entry with old and new values chains on the old ones. */
  g_assert_true (dlg_process_set_field (store, 1, DLG_FIELD_MANDATE_RESPONSE_WEEKS, "10",
                                        &error));
  g_assert_true (dlg_journal_settle (store, 0, NULL, &error));
  g_assert_true (dlg_journal_verify (store, 1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 16);
  g_clear_object (&store);

  {
    struct { const char *sql; const char *fragment; } tampers[] = {
      { "UPDATE journal SET summary = 'Rien' WHERE seq = 3", "entry 3 was modified" },
      { "UPDATE journal SET stage = 'mandate' WHERE seq = 2", "entry 2 was modified" },
      { "UPDATE journal SET new_value = '52' WHERE seq = 16", "entry 16 was modified" },
      { "UPDATE journal SET old_value = NULL, new_value = NULL, field = NULL, stage = NULL"
        " WHERE seq = 16", "entry 16 was modified" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
      {
        g_autofree char *copy = g_strdup_printf ("%s/tampered-%u.db", f->dir, i);
        g_autofree char *contents = NULL;
        g_autofree char *sql = g_strdup_printf ("DROP TRIGGER journal_no_update; %s",
                                                tampers[i].sql);
        gsize length;

        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_true (g_file_set_contents (copy, contents, length, NULL));
        g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        sqlite3_close (db);

        store = open_store (copy);
        g_assert_false (dlg_journal_verify (store, 1, NULL, &error));
        g_assert_error (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN);
        if (strstr (error->message, tampers[i].fragment) == NULL)
          g_error ("“%s” does not say “%s”", error->message, tampers[i].fragment);
        g_clear_error (&error);
        g_clear_object (&store);
      }
  }
}

/* Every action the code writes has a label of its own. */
static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  const char *actions[] = {
    "process.create", "process.rename", "process.summary", "process.archive",
    "process.unarchive", "process.field", "stage.start", "stage.done", "stage.skip",
    "stage.reopen", "actor.create", "actor.update", "actor.delete", "decision.create",
    "decision.update", "decision.delete", "feature.enable", "feature.disable", "feature.update",
    "participant.invitation", "panel.contacts_export", "draw.save", "draw.replace", "contribution.moderate", "moderate",
    "recommendation.create", "recommendation.update", "recommendation.delete",
    "position.create", "position.update", "position.delete", "response.create",
    "response.update", "response.publish", "response.delete", "commitment.create",
    "commitment.update", "commitment.delete", "commitment_update.create",
    "commitment_update.update", "commitment_update.delete", "follow_up.create",
    "follow_up.update", "follow_up.delete", "narrative.publish", "narrative.unpublish",
    "publish",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      const char *label = dlg_journal_action_get_label (actions[i]);

      g_assert_cmpstr (label, !=, actions[i]);
      g_assert_null (strchr (label, '.'));
    }
  g_assert_cmpstr (dlg_journal_action_get_label ("stage.done"), ==, "Stage closed");
  g_assert_cmpstr (dlg_journal_action_get_label ("unknown.code"), ==, "unknown.code");
  g_assert_cmpstr (dlg_journal_field_get_label ("process", DLG_FIELD_MANDATE_RESPONSE_WEEKS),
                   ==, "Delay of the argued response (weeks)");
  g_assert_cmpstr (dlg_journal_value_get_label ("participant", "status", "selected"), ==,
                   "drawn, not yet invited");
  g_assert_cmpstr (dlg_journal_value_get_label ("follow_up", "published", "TRUE"), ==, "yes");
  g_assert_cmpstr (dlg_journal_value_get_label ("decision", "stage", "validation"), ==,
                   "Validation by elected officials");
  /* Typed text stays as typed, even when it looks like a code. */
  g_assert_cmpstr (dlg_journal_value_get_label ("decision", "what", "validation"), ==,
                   "validation");

  /* And the demo writes no action without one. */
  g_assert_cmpint (dlg_demo_ensure (f->store, NULL, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) processes = dlg_process_list (f->store, TRUE, &error);

    for (guint p = 0; p < g_list_model_get_n_items (processes); p++)
      {
        g_autoptr(DlgProcess) process = g_list_model_get_item (processes, p);

        list = dlg_journal_list (f->store, dlg_process_get_id (process), &error);
        for (guint i = 0; i < g_list_model_get_n_items (list); i++)
          {
            g_autoptr(DlgJournalEntry) e = g_list_model_get_item (list, i);
            const char *action = dlg_journal_entry_get_action (e);

            if (g_strcmp0 (dlg_journal_action_get_label (action), action) == 0)
              g_error ("The action “%s” has no label", action);
            g_assert_nonnull (dlg_journal_policy_lookup (dlg_journal_entry_get_object_type (e)));
          }
        g_clear_object (&list);
      }
  }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  guint n_mandate = 0, n_process = 0, n_other = 0, n_stage = 0;

  set_field (f, DLG_FIELD_MANDATE_QUESTION, "Q ?");
  settle (f);
  dlg_store_set_actor (f->store, "Autre agent");
  g_assert_true (dlg_stage_apply (f->store, f->pid, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START,
                                  NULL, &error) || error != NULL);
  g_clear_error (&error);
  set_field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "Objet");
  settle (f);

  list = dlg_journal_list (f->store, f->pid, &error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlgJournalEntry) e = g_list_model_get_item (list, i);

      n_mandate += dlg_journal_entry_matches (e, "mandate", NULL, NULL);
      n_process += dlg_journal_entry_matches (e, NULL, "process", "Claire Officier");
      n_other += dlg_journal_entry_matches (e, NULL, NULL, "Autre agent");
      n_stage += dlg_journal_entry_matches (e, "diagnostic", "stage", NULL);
      g_assert_true (dlg_journal_entry_matches (e, NULL, NULL, NULL));
    }
  /* The mandate question; the creation and the question by Claire; the start and the object
   * by the other officer. */
  g_assert_cmpuint (n_mandate, ==, 1);
  g_assert_cmpuint (n_process, ==, 2);
  g_assert_cmpuint (n_other, ==, 2);
  g_assert_cmpuint (n_stage, ==, 1);
}

/* The CSV: RFC 4180 quoting of commas, quotes and line breaks; user text that looks like a
 * spreadsheet formula stays text; reading it back gives what was written. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *file_path = g_build_filename (f->dir, "journal.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autofree char *written = NULL;
  DlgCsvRow *row;

  set_field (f, DLG_FIELD_MANDATE_QUESTION, "Ancienne, « citée »");
  settle (f);
  set_field (f, DLG_FIELD_MANDATE_QUESTION, "Ligne 1\nLigne \"2\", fin");
  set_field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "=HYPERLINK(\"http://x\")");
  settle (f);

  list = dlg_journal_list (f->store, f->pid, &error);
  csv = dlg_journal_to_csv (list);
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_nonnull (strstr (csv, "\"Ligne 1\nLigne \"\"2\"\", fin\""));

  rows = dlg_csv_parse (csv, strlen (csv), "journal.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1 + g_list_model_get_n_items (list));
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->n_fields, ==, 13);
  g_assert_cmpstr (row->fields[0], ==, "No.");
  g_assert_cmpstr (row->fields[9], ==, "Old value");

  row = g_ptr_array_index (rows, 3);
  g_assert_cmpuint (row->n_fields, ==, 13);
  g_assert_cmpstr (row->fields[2], ==, "Claire Officier");
  g_assert_cmpstr (row->fields[3], ==, "Participation mandate");
  g_assert_cmpstr (row->fields[5], ==, "Text changed");
  g_assert_cmpstr (row->fields[6], ==, "process.field");
  g_assert_cmpstr (row->fields[8], ==, "Question put to citizens");
  g_assert_cmpstr (row->fields[9], ==, "Ancienne, « citée »");
  g_assert_cmpstr (row->fields[10], ==, "Ligne 1\nLigne \"2\", fin");

  row = g_ptr_array_index (rows, 4);
  g_assert_cmpstr (row->fields[10], ==, "'=HYPERLINK(\"http://x\")");

  g_assert_true (dlg_journal_export_csv (list, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (file_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, csv);
  g_remove (file_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/journal/policy/edits", test_policy_edits);
  ADD ("/core/journal/policy/table", test_policy_table);
  ADD ("/core/journal/burst/five-saves", test_burst_five_saves);
  ADD ("/core/journal/burst/order", test_burst_order);
  ADD ("/core/journal/burst/record", test_burst_record);
  ADD ("/core/journal/burst/back-to-old", test_burst_back_to_old);
  ADD ("/core/journal/burst/crash", test_burst_crash);
  ADD ("/core/journal/burst/idle", test_burst_idle);
  ADD ("/core/journal/verify/previous-schema", test_verify_previous_schema);
  ADD ("/core/journal/labels", test_labels);
  ADD ("/core/journal/filters", test_filters);
  ADD ("/core/journal/csv", test_csv);

  return g_test_run ();
}
