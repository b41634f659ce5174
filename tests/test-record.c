/* test-record.c — the record base: properties from the field table, notify, SQL, validation,
 * journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DlgDecision is the journaled type; TestItem, a record of this file over the
 * communication_item table, is the one that does not journal and has an enum and a limit.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-store-private.h"

/* A record type of the test's own: journals nothing. */
#define TEST_TYPE_ITEM (test_item_get_type ())
G_DECLARE_FINAL_TYPE (TestItem, test_item, TEST, ITEM, DlgRecord)

struct _TestItem
{
  DlgRecord parent_instance;

  char *channel;
  char *title;
  char *planned_at;
  char *status;
  char *notes;
};

G_DEFINE_FINAL_TYPE (TestItem, test_item, DLG_TYPE_RECORD)

static const DlgVocabulary channels = {
  "test-channel", NULL, (const DlgVocabularyEntry[]) {
    { "site", "Site" }, { "press", "Press" }, { NULL, NULL },
  },
};

static const DlgVocabulary statuses = {
  "test-status", NULL, (const DlgVocabularyEntry[]) {
    { "planned", "Planned" }, { "done", "Done" }, { NULL, NULL },
  },
};

static const DlgField item_fields[] = {
  { .column = "channel", .property = "channel", .kind = DLG_FIELD_ENUM,
    .offset = G_STRUCT_OFFSET (TestItem, channel), .flags = DLG_FIELD_REQUIRED,
    .label = "channel", .default_string = "site", .vocabulary = &channels },
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING,
    .offset = G_STRUCT_OFFSET (TestItem, title), .flags = DLG_FIELD_REQUIRED,
    .label = "title", .max_chars = 20 },
  { .column = "planned_at", .property = "planned-at", .kind = DLG_FIELD_DATE,
    .offset = G_STRUCT_OFFSET (TestItem, planned_at), .flags = DLG_FIELD_NULLABLE,
    .label = "date" },
  { .column = "status", .property = "status", .kind = DLG_FIELD_ENUM,
    .offset = G_STRUCT_OFFSET (TestItem, status), .flags = DLG_FIELD_REQUIRED,
    .label = "status", .default_string = "planned", .vocabulary = &statuses,
    .invalid = "No such status." },
  { .column = "notes", .property = "notes", .kind = DLG_FIELD_TEXT,
    .offset = G_STRUCT_OFFSET (TestItem, notes), .label = "notes" },
};

static const DlgRecordInfo item_info = {
  .name = "test_item",
  .table = "communication_item",
  .fields = item_fields,
  .n_fields = G_N_ELEMENTS (item_fields),
  .order_by = "title, id",
  .not_found = "No such item.",
};

static void
test_item_class_init (TestItemClass *klass)
{
  dlg_record_class_set_info (DLG_RECORD_CLASS (klass), &item_info);
}

static void
test_item_init (TestItem *self)
{
}

/* A keyed record of the test's own over feature_activation: no id, the row of
 * (process_id, feature); its rules are journaled, switching it is an action of its own, its
 * blank has rules of its own. */
#define TEST_TYPE_SWITCH (test_switch_get_type ())
G_DECLARE_FINAL_TYPE (TestSwitch, test_switch, TEST, SWITCH, DlgRecord)

struct _TestSwitch
{
  DlgRecord parent_instance;

  char     *feature;
  gboolean  enabled;
  char     *rules;
  char     *opens_at;
};

G_DEFINE_FINAL_TYPE (TestSwitch, test_switch, DLG_TYPE_RECORD)

static const DlgField switch_fields[] = {
  { .column = "feature", .property = "feature", .kind = DLG_FIELD_STRING,
    .offset = G_STRUCT_OFFSET (TestSwitch, feature), .flags = DLG_FIELD_READ_ONLY,
    .label = "feature" },
  { .column = "enabled", .property = "enabled", .kind = DLG_FIELD_BOOLEAN,
    .offset = G_STRUCT_OFFSET (TestSwitch, enabled), .label = "enabled",
    .journal_action = "test_switch.on", .journal_action_off = "test_switch.off" },
  { .column = "rules", .property = "rules", .kind = DLG_FIELD_TEXT,
    .offset = G_STRUCT_OFFSET (TestSwitch, rules), .flags = DLG_FIELD_JOURNALED,
    .label = "rules" },
  { .column = "opens_at", .property = "opens-at", .kind = DLG_FIELD_DATE,
    .offset = G_STRUCT_OFFSET (TestSwitch, opens_at), .flags = DLG_FIELD_NULLABLE,
    .label = "opens" },
};

static void
test_switch_init_blank (DlgRecord *record)
{
  TestSwitch *self = TEST_SWITCH (record);

  g_free (self->rules);
  self->rules = g_strdup_printf ("Règles de %s", self->feature);
}

static const DlgRecordInfo switch_info = {
  .name = "test_switch",
  .table = "feature_activation",
  .fields = switch_fields,
  .n_fields = G_N_ELEMENTS (switch_fields),
  .order_by = "t.feature",
  .journal_update = "test_switch.update",
  .not_found = "No such switch.",
  .flags = DLG_RECORD_NO_UUID,
  .key_field = "feature",
  .init_blank = test_switch_init_blank,
};

static char *
test_switch_describe (DlgRecord       *record,
                      DlgStore        *store,
                      DlgRecordChange  change)
{
  return g_strdup_printf ("Switch %s changed.", TEST_SWITCH (record)->feature);
}

static char *
test_switch_describe_field (DlgRecord      *record,
                            DlgStore       *store,
                            const DlgField *field)
{
  return g_strdup_printf ("Switch %s %s.", TEST_SWITCH (record)->feature,
                          TEST_SWITCH (record)->enabled ? "on" : "off");
}

static void
test_switch_class_init (TestSwitchClass *klass)
{
  DLG_RECORD_CLASS (klass)->describe = test_switch_describe;
  DLG_RECORD_CLASS (klass)->describe_field = test_switch_describe_field;
  dlg_record_class_set_info (DLG_RECORD_CLASS (klass), &switch_info);
}

static void
test_switch_init (TestSwitch *self)
{
}

typedef struct
{
  char     *dir;
  DlgStore *store;
  gint64    pid;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("dialogue-record-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "dialogue.db", NULL);
  f->store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  process = dlg_process_create (f->store, "Records", &error);
  g_assert_no_error (error);
  f->pid = dlg_process_get_id (process);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("dialogue.db", suffixes[i], NULL);
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static DlgDecision *
new_decision (Fixture    *f,
              const char *what,
              const char *decided_at)
{
  DlgDecision *decision = dlg_decision_new (f->pid);

  dlg_decision_set_who (decision, "Le maire");
  dlg_decision_set_what (decision, what);
  dlg_decision_set_decided_at (decision, decided_at);
  return decision;
}

/* The journal's actions for @object_type, oldest first, joined by spaces. */
static char *
journal_actions (Fixture    *f,
                 const char *object_type)
{
  static const char sql[] =
    "SELECT action FROM journal WHERE process_id = ?1 AND object_type = ?2 ORDER BY id";
  g_autoptr(GString) actions = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, f->pid);
  sqlite3_bind_text (stmt, 2, object_type, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (actions, "%s%s", actions->len ? " " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&actions), FALSE);
}

/* The first column of @sql's first row, as text ("" when NULL), with ?1 bound to the process. */
static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, f->pid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup (sqlite3_column_text (stmt, 0) != NULL
                   ? (const char *) sqlite3_column_text (stmt, 0) : "");
  sqlite3_finalize (stmt);
  return text;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (DLG_TYPE_DECISION);
  const DlgRecordInfo *info = dlg_record_type_get_info (DLG_TYPE_DECISION);
  g_autoptr(DlgDecision) decision = dlg_decision_new (7);
  g_autofree char *who = NULL;
  GParamSpec *pspec;
  gint64 process_id = 0;

  g_assert_cmpstr (info->table, ==, "decision");
  g_assert_true (dlg_record_class_get_info (DLG_RECORD_CLASS (klass)) == info);

  /* One property per field, with its kind and whether an editor may write it. */
  for (guint i = 0; i < info->n_fields; i++)
    {
      pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), info->fields[i].property);
      g_assert_nonnull (pspec);
      g_assert_true (dlg_record_class_find_field (DLG_RECORD_CLASS (klass),
                                                  info->fields[i].property) == &info->fields[i]);
      g_assert_true (pspec->flags & G_PARAM_WRITABLE);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
    }
  pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), "who");
  g_assert_true (G_IS_PARAM_SPEC_STRING (pspec));
  pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), "recommendation-id");
  g_assert_true (G_IS_PARAM_SPEC_INT64 (pspec));
  g_assert_null (dlg_record_class_find_field (DLG_RECORD_CLASS (klass), "nothing"));

  /* The base's own: id, uuid and process-id, read-only. */
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "id", "uuid", "process-id" };

      pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), names[i]);
      g_assert_nonnull (pspec);
      g_assert_false (pspec->flags & G_PARAM_WRITABLE);
    }

  /* Defaults from the table, values through the properties. */
  g_assert_cmpstr (dlg_decision_get_stage (decision), ==, "arbitration");
  g_assert_cmpstr (dlg_decision_get_who (decision), ==, "");
  g_assert_null (dlg_decision_get_outcome (decision));
  g_object_set (decision, "who", "La présidente", NULL);
  g_object_get (decision, "who", &who, "process-id", &process_id, NULL);
  g_assert_cmpstr (who, ==, "La présidente");
  g_assert_cmpint (process_id, ==, 7);
  g_assert_cmpstr (dlg_record_get_string (DLG_RECORD (decision), "who"), ==, "La présidente");
}

static void
test_notify (void)
{
  g_autoptr(DlgDecision) decision = dlg_decision_new (1);
  guint count = 0;

  g_signal_connect (decision, "notify::who", G_CALLBACK (count_notify_cb), &count);
  dlg_decision_set_who (decision, "A");
  g_assert_cmpuint (count, ==, 1);
  dlg_decision_set_who (decision, "A");
  g_assert_cmpuint (count, ==, 1);
  g_object_set (decision, "who", "A", NULL);
  g_assert_cmpuint (count, ==, 1);
  /* NULL is "" for a field that is not nullable. */
  dlg_decision_set_who (decision, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (dlg_decision_get_who (decision), ==, "");
  dlg_decision_set_who (decision, "");
  g_assert_cmpuint (count, ==, 2);

  /* A reference is never negative. */
  count = 0;
  g_signal_connect (decision, "notify::recommendation-id", G_CALLBACK (count_notify_cb), &count);
  dlg_decision_set_recommendation_id (decision, -4);
  g_assert_cmpint (dlg_decision_get_recommendation_id (decision), ==, 0);
  g_assert_cmpuint (count, ==, 0);
  dlg_record_set_int64 (DLG_RECORD (decision), "recommendation-id", 12);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (dlg_decision_get_recommendation_id (decision), ==, 12);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDecision) decision = new_decision (f, "Ouvrir le parc", "2025-03-01");
  g_autoptr(DlgDecision) loaded = NULL;
  g_autoptr(DlgDecision) again = NULL;
  guint count = 0;

  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_decision_get_id (decision), >, 0);
  g_assert_nonnull (dlg_decision_get_uuid (decision));

  loaded = dlg_decision_load (f->store, dlg_decision_get_id (decision), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_decision_get_uuid (loaded), ==, dlg_decision_get_uuid (decision));
  g_assert_cmpint (dlg_decision_get_process_id (loaded), ==, f->pid);
  g_assert_cmpstr (dlg_decision_get_what (loaded), ==, "Ouvrir le parc");
  g_assert_cmpstr (dlg_decision_get_decided_at (loaded), ==, "2025-03-01");
  g_assert_cmpstr (dlg_decision_get_stage (loaded), ==, "arbitration");
  g_assert_cmpint (dlg_decision_get_recommendation_id (loaded), ==, 0);
  g_assert_null (dlg_decision_get_outcome (loaded));

  /* An update writes the same row; the saved object notifies what it re-read. */
  g_signal_connect (loaded, "notify", G_CALLBACK (count_notify_cb), &count);
  dlg_decision_set_outcome (loaded, "Fait");
  dlg_decision_set_stage (loaded, "validation");
  count = 0;
  g_assert_true (dlg_decision_save (f->store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, >, 0);
  again = dlg_decision_load (f->store, dlg_decision_get_id (decision), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_decision_get_id (again), ==, dlg_decision_get_id (decision));
  g_assert_cmpstr (dlg_decision_get_outcome (again), ==, "Fait");
  g_assert_cmpstr (dlg_decision_get_stage (again), ==, "validation");
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDecision) decision = new_decision (f, "Ouvrir", "2025-03-01");
  g_autoptr(TestItem) item = dlg_record_new (TEST_TYPE_ITEM, f->pid);
  g_autofree char *long_who = g_strnfill (501, 'x');

  /* Required, with the type's own message, and the default one. */
  dlg_decision_set_who (decision, "  ");
  g_assert_false (dlg_decision_save (f->store, decision, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Say who took the decision.");
  g_clear_error (&error);
  g_assert_cmpint (dlg_decision_get_id (decision), ==, 0);

  g_assert_false (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The field “title” must be filled in.");
  g_clear_error (&error);

  /* At most max_chars. */
  dlg_decision_set_who (decision, long_who);
  g_assert_false (dlg_decision_save (f->store, decision, &error));
  g_assert_cmpstr (error->message, ==, "The field “who” is too long (500 characters at most).");
  g_clear_error (&error);
  dlg_record_set_string (DLG_RECORD (item), "title", "Vingt et un caractère");
  g_assert_false (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_cmpstr (error->message, ==,
                   "The field “title” is too long (20 characters at most).");
  g_clear_error (&error);

  /* An enum: its own message, or the default one. */
  dlg_decision_set_who (decision, "Le maire");
  dlg_decision_set_stage (decision, "opinion");
  g_assert_false (dlg_decision_save (f->store, decision, &error));
  g_assert_cmpstr (error->message, ==,
                   "A decision belongs to the arbitration or the validation stage.");
  g_clear_error (&error);
  dlg_record_set_string (DLG_RECORD (item), "title", "Lettre");
  dlg_record_set_string (DLG_RECORD (item), "channel", "radio");
  g_assert_false (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_cmpstr (error->message, ==, "The field “channel” has a value that is not valid.");
  g_clear_error (&error);
  dlg_record_set_string (DLG_RECORD (item), "channel", "press");
  dlg_record_set_string (DLG_RECORD (item), "status", NULL);
  g_assert_false (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_cmpstr (error->message, ==, "No such status.");
  g_clear_error (&error);

  /* A date. */
  dlg_record_set_string (DLG_RECORD (item), "status", "done");
  dlg_record_set_string (DLG_RECORD (item), "planned-at", "demain");
  g_assert_false (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_cmpstr (error->message, ==, "The field “date” must be a date, such as 2025-03-31.");
  g_clear_error (&error);
  dlg_record_set_string (DLG_RECORD (item), "planned-at", NULL);
  g_assert_true (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_no_error (error);

  /* The type's own check runs after the table's. */
  dlg_decision_set_stage (decision, "arbitration");
  dlg_decision_set_recommendation_id (decision, 999);
  g_assert_false (dlg_decision_save (f->store, decision, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The recommendation does not exist.");
  g_clear_error (&error);

  /* The process must exist. */
  g_clear_object (&item);
  item = dlg_record_new (TEST_TYPE_ITEM, f->pid + 100);
  dlg_record_set_string (DLG_RECORD (item), "title", "Lettre");
  g_assert_false (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The process does not exist.");
}

static void
test_find_by_uuid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDecision) decision = new_decision (f, "Ouvrir", "2025-03-01");
  g_autoptr(DlgDecision) found = NULL;
  g_autoptr(DlgDecision) missing = NULL;

  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  found = dlg_record_find_by_uuid (f->store, DLG_TYPE_DECISION,
                                   dlg_decision_get_uuid (decision), &error);
  g_assert_no_error (error);
  g_assert_true (DLG_IS_DECISION (found));
  g_assert_cmpint (dlg_decision_get_id (found), ==, dlg_decision_get_id (decision));
  g_assert_cmpstr (dlg_decision_get_what (found), ==, "Ouvrir");

  missing = dlg_record_find_by_uuid (f->store, DLG_TYPE_DECISION, "no-such-uuid", &error);
  g_assert_null (missing);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This decision does not exist (it may have been deleted).");
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) validation = NULL;
  g_autoptr(GListModel) items = NULL;
  const char *dates[] = { "2025-05-01", "2025-01-01", "2025-03-01" };
  const char *expected[] = { "B", "C", "A" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *what = g_strdup_printf ("%c", 'A' + i);
      g_autoptr(DlgDecision) decision = new_decision (f, what, dates[i]);

      if (i == 2)
        dlg_decision_set_stage (decision, "validation");
      g_assert_true (dlg_decision_save (f->store, decision, &error));
      g_assert_no_error (error);
    }

  /* In the type's order (decided_at, id), with the type's filter. */
  all = dlg_decision_list (f->store, f->pid, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DlgDecision) decision = g_list_model_get_item (all, i);

      g_assert_cmpstr (dlg_decision_get_what (decision), ==, expected[i]);
    }
  validation = dlg_decision_list (f->store, f->pid, "validation", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (validation), ==, 1);

  /* Another process's list is empty. */
  items = dlg_record_list (f->store, DLG_TYPE_DECISION, f->pid + 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 0);
  g_clear_object (&items);
  items = dlg_record_query (f->store, DLG_TYPE_DECISION, "t.what = ?1",
                            g_variant_new ("(s)", "C"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDecision) decision = new_decision (f, "Ouvrir", "2025-03-01");
  g_autoptr(DlgDecision) gone = NULL;
  gint64 id;

  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  id = dlg_decision_get_id (decision);
  g_assert_true (dlg_decision_delete (f->store, id, &error));
  g_assert_no_error (error);
  gone = dlg_decision_load (f->store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dlg_decision_delete (f->store, id, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving a record deleted meanwhile writes nothing. */
  dlg_decision_set_what (decision, "Fermer");
  g_assert_false (dlg_decision_save (f->store, decision, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

static void
test_journal (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDecision) decision = new_decision (f, "Ouvrir", "2025-03-01");
  g_autoptr(TestItem) item = dlg_record_new (TEST_TYPE_ITEM, f->pid);
  g_autofree char *decision_actions = NULL;
  g_autofree char *item_actions = NULL;

  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  /* Saving what is stored journals nothing. */
  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  dlg_decision_set_what (decision, "Ouvrir le dimanche");
  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_decision_delete (f->store, dlg_decision_get_id (decision), &error));
  g_assert_no_error (error);
  decision_actions = journal_actions (f, "decision");
  g_assert_cmpstr (decision_actions, ==, "decision.create decision.update decision.delete");

  dlg_record_set_string (DLG_RECORD (item), "title", "Lettre");
  g_assert_true (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_no_error (error);
  dlg_record_set_string (DLG_RECORD (item), "title", "Lettre 2");
  g_assert_true (dlg_record_save (DLG_RECORD (item), f->store, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_record_delete (f->store, TEST_TYPE_ITEM,
                                    dlg_record_get_id (DLG_RECORD (item)), &error));
  g_assert_no_error (error);
  item_actions = journal_actions (f, "test_item");
  g_assert_cmpstr (item_actions, ==, "");
  g_assert_true (dlg_journal_verify (f->store, f->pid, NULL, NULL));
}

/* The types on the record base declare their journaling; it agrees with the journal policy
 * (dlg_journal_get_policies, the table of HACKING.md). */
static void
test_journal_policy (void)
{
  GType types[] = {
    DLG_TYPE_DECISION, DLG_TYPE_RECOMMENDATION, DLG_TYPE_POSITION, DLG_TYPE_REVIEW,
    DLG_TYPE_ACTOR, DLG_TYPE_THEME, DLG_TYPE_SESSION, DLG_TYPE_QUOTA,
    DLG_TYPE_COMMUNICATION_ITEM, DLG_TYPE_FOLLOW_UP, DLG_TYPE_COMMITMENT,
    DLG_TYPE_COMMITMENT_UPDATE, DLG_TYPE_RESPONSE, DLG_TYPE_NARRATIVE, DLG_TYPE_PARTICIPANT,
    DLG_TYPE_PROCESS, DLG_TYPE_FEATURE, DLG_TYPE_PARTICIPANT_CONTACT, DLG_TYPE_CONTRIBUTION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const DlgRecordInfo *info = dlg_record_type_get_info (types[i]);
      const DlgJournalPolicy *policy = dlg_journal_policy_lookup (info->name);
      gboolean actions = info->journal_create || info->journal_update || info->journal_delete;
      gboolean fields = FALSE;

      g_test_message ("%s", info->name);
      g_assert_nonnull (policy);
      for (guint j = 0; j < info->n_fields; j++)
        {
          fields |= (info->fields[j].flags & DLG_FIELD_JOURNALED) != 0;
          actions |= info->fields[j].journal_action != NULL;
        }
      /* Journaled changes need an update action, and the other way round. */
      g_assert_cmpint (fields, ==, info->journal_update != NULL);
      if (!policy->journaled)
        g_assert_false (actions);
      else if (actions)
        g_assert_cmpstr (info->stage, ==, policy->stage);
    }
}

/* A number that stands for none is NULL in the row and comes back as itself. */
static void
test_nullable_numbers (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTheme) root = dlg_theme_new (f->pid);
  g_autoptr(DlgTheme) child = dlg_theme_new (f->pid);
  g_autoptr(DlgTheme) loaded = NULL;
  sqlite3_stmt *stmt = NULL;

  dlg_theme_set_name (root, "Mobilité");
  g_assert_true (dlg_theme_save (f->store, root, &error));
  g_assert_no_error (error);
  dlg_theme_set_name (child, "Vélo");
  dlg_theme_set_parent_id (child, dlg_theme_get_id (root));
  g_assert_true (dlg_theme_save (f->store, child, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (f->store),
                                       "SELECT count(*) FROM theme WHERE parent_id IS NULL", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  loaded = dlg_theme_load (f->store, dlg_theme_get_id (root), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_theme_get_parent_id (loaded), ==, 0);
  g_clear_object (&loaded);
  loaded = dlg_theme_load (f->store, dlg_theme_get_id (child), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_theme_get_parent_id (loaded), ==, dlg_theme_get_id (root));
}

/* A row keyed by its process (id_column): the response. */
static void
test_keyed_by_process (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgResponse) response = dlg_response_load_for (f->store, f->pid, &error);
  g_autoptr(DlgResponse) loaded = NULL;
  g_autoptr(DlgResponse) gone = NULL;
  g_autofree char *actions = NULL;

  g_assert_no_error (error);
  g_assert_false (dlg_response_get_saved (response));
  g_assert_cmpstr (dlg_response_get_sync_state (response), ==, "created");
  dlg_response_set_intro (response, "Merci à toutes et à tous.");
  dlg_response_set_published_at (response, "");
  g_assert_null (dlg_response_get_published_at (response));
  g_assert_true (dlg_response_save (f->store, response, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_response_get_saved (response));
  g_assert_cmpint (dlg_record_get_id (DLG_RECORD (response)), ==, f->pid);

  loaded = dlg_response_load (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_response_get_intro (loaded), ==, "Merci à toutes et à tous.");
  g_assert_cmpstr (dlg_response_get_uuid (loaded), ==, dlg_response_get_uuid (response));
  dlg_response_set_intro (loaded, "Merci.");
  g_assert_true (dlg_response_save (f->store, loaded, &error));
  g_assert_no_error (error);

  g_assert_true (dlg_response_delete (f->store, f->pid, &error));
  g_assert_no_error (error);
  gone = dlg_response_load (f->store, f->pid, &error);
  g_assert_null (gone);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This process has no response yet.");
  actions = journal_actions (f, "response");
  g_assert_cmpstr (actions, ==, "response.create response.update response.delete");
}

/* A table keyed by (process_id, one field), with no id: the record of a key is its row or its
 * blank; a save upserts, the journal names it by its key and notes a first save against the
 * blank; delete goes by the key. */
static void
test_keyed_by_field (Fixture       *f,
                     gconstpointer  data)
{
  static const char sql_rows[] =
    "SELECT group_concat (feature || ':' || enabled || ':' || rules, ' | ')"
    " FROM (SELECT * FROM feature_activation WHERE process_id = ?1 ORDER BY feature)";
  static const char sql_entries[] =
    "SELECT group_concat (action || ' ' || object_id || ' ' || coalesce (field || ' '"
    " || old_value || ' → ' || new_value, summary), ' | ') FROM (SELECT * FROM journal"
    " WHERE process_id = ?1 AND object_type = 'test_switch' ORDER BY id)";
  g_autoptr(GError) error = NULL;
  g_autoptr(TestSwitch) blank = NULL;
  g_autoptr(TestSwitch) again = NULL;
  g_autoptr(TestSwitch) other = NULL;
  g_autoptr(TestSwitch) loaded = NULL;
  g_autoptr(TestSwitch) missing = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *entries = NULL;

  /* The blank of a key: the table's defaults, the key, the type's own blank; nothing stored. */
  blank = dlg_record_load_by_key (f->store, TEST_TYPE_SWITCH, f->pid,
                                  g_variant_new_string ("map"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (blank->feature, ==, "map");
  g_assert_cmpstr (blank->rules, ==, "Règles de map");
  g_assert_false (blank->enabled);
  g_assert_cmpint (dlg_record_get_id (DLG_RECORD (blank)), ==, 0);
  g_assert_cmpint (dlg_record_get_process_id (DLG_RECORD (blank)), ==, f->pid);
  rows = query_text (f, sql_rows);
  g_assert_cmpstr (rows, ==, "");
  g_clear_pointer (&rows, g_free);
  missing = dlg_record_load_by_key (f->store, TEST_TYPE_SWITCH, f->pid + 100,
                                    g_variant_new_string ("map"), &error);
  g_assert_null (missing);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The process does not exist.");
  g_clear_error (&error);

  /* The first save creates the row; its journaled field is noted against the blank. */
  dlg_record_set_boolean (DLG_RECORD (blank), "enabled", TRUE);
  dlg_record_set_string (DLG_RECORD (blank), "rules", "Règles A");
  g_assert_true (dlg_record_save (DLG_RECORD (blank), f->store, &error));
  g_assert_no_error (error);
  rows = query_text (f, sql_rows);
  g_assert_cmpstr (rows, ==, "map:1:Règles A");
  g_clear_pointer (&rows, g_free);
  g_assert_true (dlg_journal_settle (f->store, 0, NULL, &error));
  g_assert_no_error (error);

  /* Another record of the same key replaces the row (an upsert), whatever it was loaded as. */
  again = dlg_record_new_for_key (TEST_TYPE_SWITCH, f->pid, g_variant_new_string ("map"));
  dlg_record_set_string (DLG_RECORD (again), "rules", "Règles B");
  g_assert_true (dlg_record_save (DLG_RECORD (again), f->store, &error));
  g_assert_no_error (error);
  other = dlg_record_new_for_key (TEST_TYPE_SWITCH, f->pid, g_variant_new_string ("debate"));
  g_assert_true (dlg_record_save (DLG_RECORD (other), f->store, &error));
  g_assert_no_error (error);
  rows = query_text (f, sql_rows);
  g_assert_cmpstr (rows, ==, "debate:0:Règles de debate | map:0:Règles B");
  g_clear_pointer (&rows, g_free);

  loaded = dlg_record_load_by_key (f->store, TEST_TYPE_SWITCH, f->pid,
                                   g_variant_new_string ("map"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->rules, ==, "Règles B");
  list = dlg_record_list (f->store, TEST_TYPE_SWITCH, f->pid, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  /* Named by its key in the journal: the first save against the blank (switched on, the rules
   * noted), then the change (switched off again, the rules). */
  g_assert_true (dlg_journal_settle (f->store, 0, NULL, &error));
  g_assert_no_error (error);
  entries = query_text (f, sql_entries);
  g_assert_cmpstr (entries, ==,
                   "test_switch.on map Switch map on."
                   " | test_switch.update map rules Règles de map → Règles A"
                   " | test_switch.off map Switch map off."
                   " | test_switch.update map rules Règles A → Règles B");
  g_clear_pointer (&entries, g_free);

  /* Delete goes by the key; the key's record is its blank again: a switch on goes off. */
  dlg_record_set_boolean (DLG_RECORD (other), "enabled", TRUE);
  g_assert_true (dlg_record_save (DLG_RECORD (other), f->store, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_record_delete_record (DLG_RECORD (loaded), f->store, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_record_delete_record (DLG_RECORD (other), f->store, &error));
  g_assert_no_error (error);
  entries = query_text (f, "SELECT group_concat (action || ' ' || object_id, ' | ') FROM"
                           " (SELECT * FROM journal WHERE process_id = ?1 AND object_type ="
                           " 'test_switch' AND action IN ('test_switch.on', 'test_switch.off')"
                           " ORDER BY id)");
  g_assert_cmpstr (entries, ==, "test_switch.on map | test_switch.off map"
                                " | test_switch.on debate | test_switch.off debate");
  rows = query_text (f, sql_rows);
  g_assert_cmpstr (rows, ==, "");
  g_clear_object (&loaded);
  loaded = dlg_record_load_by_key (f->store, TEST_TYPE_SWITCH, f->pid,
                                   g_variant_new_string ("map"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->rules, ==, "Règles de map");
}

/* A table keyed by its parent alone (participant_contact): the process through the parent,
 * an upsert, and an erasure that no closed stage refuses (DLG_RECORD_ERASABLE). */
static void
test_keyed_by_parent (Fixture       *f,
                      gconstpointer  data)
{
  static const char sql_rows[] =
    "SELECT group_concat (full_name || ' <' || email || '>', ' | ') FROM participant_contact c"
    " JOIN participant p ON p.id = c.participant_id WHERE p.process_id = ?1";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgParticipant) participant = dlg_participant_new (f->pid);
  g_autoptr(DlgParticipantContact) blank = NULL;
  g_autoptr(DlgParticipantContact) again = NULL;
  g_autoptr(DlgParticipantContact) loaded = NULL;
  g_autoptr(DlgParticipantContact) missing = NULL;
  g_autofree char *rows = NULL;
  gint64 id;

  g_assert_true (dlg_participant_save (f->store, participant, &error));
  g_assert_no_error (error);
  id = dlg_participant_get_id (participant);

  blank = dlg_record_load_by_key (f->store, DLG_TYPE_PARTICIPANT_CONTACT, 0,
                                  g_variant_new_int64 (id), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_participant_contact_get_participant_id (blank), ==, id);
  g_assert_cmpint (dlg_record_get_process_id (DLG_RECORD (blank)), ==, f->pid);
  g_assert_cmpstr (dlg_participant_contact_get_email (blank), ==, "");
  missing = dlg_participant_contact_load (f->store, id + 100, &error);
  g_assert_null (missing);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The participant does not exist.");
  g_clear_error (&error);

  dlg_participant_contact_set_full_name (blank, "Camille");
  g_assert_true (dlg_participant_contact_save (f->store, blank, &error));
  g_assert_no_error (error);
  again = dlg_participant_contact_new (id);
  dlg_participant_contact_set_full_name (again, "Camille Martin");
  dlg_participant_contact_set_email (again, "camille@example.org");
  g_assert_true (dlg_participant_contact_save (f->store, again, &error));
  g_assert_no_error (error);
  rows = query_text (f, sql_rows);
  g_assert_cmpstr (rows, ==, "Camille Martin <camille@example.org>");
  g_clear_pointer (&rows, g_free);
  loaded = dlg_participant_contact_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_participant_contact_get_full_name (loaded), ==, "Camille Martin");

  /* Recruitment closed: no save, but the contact data can still be erased. */
  g_assert_true (dlg_stage_apply (f->store, f->pid, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_SKIP,
                                  "Pas de panel", &error));
  g_assert_no_error (error);
  dlg_participant_contact_set_phone (loaded, "01 02 03 04 05");
  g_assert_false (dlg_participant_contact_save (f->store, loaded, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (dlg_participant_contact_delete (f->store, id, &error));
  g_assert_no_error (error);
  rows = query_text (f, sql_rows);
  g_assert_cmpstr (rows, ==, "");
}

/* The process reads through the base: it is its own process, and its current stage, a stage
 * id the row gives, is a DlgStage property. */
static void
test_process (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) loaded = NULL;
  g_autoptr(DlgProcess) found = NULL;
  g_autoptr(DlgProcess) other = NULL;
  g_autoptr(DlgProcess) missing = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(DlgProcess) first = NULL;
  guint stage = G_MAXUINT;

  loaded = dlg_record_load (f->store, DLG_TYPE_PROCESS, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_record_get_process_id (DLG_RECORD (loaded)), ==, f->pid);
  g_assert_cmpstr (dlg_process_get_title (loaded), ==, "Records");
  g_object_get (loaded, "current-stage", &stage, NULL);
  g_assert_cmpuint (stage, ==, DLG_STAGE_DIAGNOSTIC);
  g_assert_cmpint (dlg_process_get_current_stage (loaded), ==, DLG_STAGE_DIAGNOSTIC);
  g_assert_false (dlg_process_get_archived (loaded));

  found = dlg_process_find (f->store, dlg_process_get_uuid (loaded), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_process_get_id (found), ==, f->pid);
  missing = dlg_process_find (f->store, "no-such-uuid", &error);
  g_assert_null (missing);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no process “no-such-uuid”.");
  g_clear_error (&error);

  other = dlg_process_create (f->store, "Archives", &error);
  g_assert_no_error (error);
  g_assert_true (dlg_process_set_archived (f->store, dlg_process_get_id (other), TRUE, &error));
  g_assert_no_error (error);
  list = dlg_process_list (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);
  list = dlg_process_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (dlg_process_get_id (first), ==, f->pid);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/core/record/properties", test_properties);
  g_test_add_func ("/core/record/notify", test_notify);
  ADD ("/core/record/save/round-trip", test_round_trip);
  ADD ("/core/record/save/validation", test_validation);
  ADD ("/core/record/find-by-uuid", test_find_by_uuid);
  ADD ("/core/record/list", test_list);
  ADD ("/core/record/delete", test_delete);
  ADD ("/core/record/journal", test_journal);
  g_test_add_func ("/core/record/journal-policy", test_journal_policy);
  ADD ("/core/record/nullable-numbers", test_nullable_numbers);
  ADD ("/core/record/keyed-by-process", test_keyed_by_process);
  ADD ("/core/record/keyed-by-field", test_keyed_by_field);
  ADD ("/core/record/keyed-by-parent", test_keyed_by_parent);
  ADD ("/core/record/process", test_process);

  return g_test_run ();
}
