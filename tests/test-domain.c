/* test-domain.c — the domain objects and their storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "dlg-core.h"
#include "contribution-fixture.h"

typedef struct
{
  DlgStore *store;
  gint64    pid;
  guint     n_changed;
} Fixture;

static void
on_changed (DlgStore   *store,
            const char *table,
            gint64      process_id,
            gpointer    user_data)
{
  Fixture *f = user_data;

  f->n_changed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  f->store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  process = dlg_process_create (f->store, "Place du Commerce", &error);
  g_assert_no_error (error);
  f->pid = dlg_process_get_id (process);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  /* Whatever a test did, the journal must still verify. */
  g_assert_true (dlg_journal_verify (f->store, f->pid, &n, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
}

/* The number of journal entries of the process whose action is @action. */
static guint
count_journal (Fixture    *f,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = dlg_journal_list (f->store, f->pid, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlgJournalEntry) entry = g_list_model_get_item (list, i);

      if (g_strcmp0 (dlg_journal_entry_get_action (entry), action) == 0)
        n++;
    }
  return n;
}

#define ADD(path, func) \
  g_test_add ("/core/domain/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* --- actor ------------------------------------------------------------------------------- */

static void
test_actor_roundtrip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgActor) actor = dlg_actor_new (f->pid);
  g_autoptr(DlgActor) loaded = NULL;
  g_autoptr(GListModel) list = NULL;
  guint before = f->n_changed;

  dlg_actor_set_name (actor, "Conseil de quartier");
  dlg_actor_set_kind (actor, "association");
  dlg_actor_set_influence (actor, 4);
  g_assert_true (dlg_actor_save (f->store, actor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_actor_get_id (actor), >, 0);
  g_assert_nonnull (dlg_actor_get_uuid (actor));
  g_assert_cmpuint (f->n_changed, ==, before + 1);

  loaded = dlg_actor_load (f->store, dlg_actor_get_id (actor), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_actor_get_name (loaded), ==, "Conseil de quartier");
  g_assert_cmpstr (dlg_actor_get_kind (loaded), ==, "association");
  g_assert_cmpint (dlg_actor_get_influence (loaded), ==, 4);
  g_assert_cmpstr (dlg_actor_get_uuid (loaded), ==, dlg_actor_get_uuid (actor));

  dlg_actor_set_role (loaded, "relais");
  g_assert_true (dlg_actor_save (f->store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_actor_get_id (loaded), ==, dlg_actor_get_id (actor));

  list = dlg_actor_list (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  g_assert_true (dlg_actor_delete (f->store, dlg_actor_get_id (actor), &error));
  g_assert_no_error (error);
  g_assert_null (dlg_actor_load (f->store, dlg_actor_get_id (actor), &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

static void
test_actor_validation (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgActor) actor = dlg_actor_new (f->pid);
  g_autofree char *longname = g_strnfill (201, 'a');

  dlg_actor_set_name (actor, "   ");
  g_assert_false (dlg_actor_save (f->store, actor, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dlg_actor_get_id (actor), ==, 0);

  dlg_actor_set_name (actor, longname);
  g_assert_false (dlg_actor_save (f->store, actor, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  dlg_actor_set_name (actor, "caf\xc3");
  g_assert_false (dlg_actor_save (f->store, actor, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  dlg_actor_set_name (actor, "Ok");
  dlg_actor_set_influence (actor, 9);
  g_assert_false (dlg_actor_save (f->store, actor, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&actor);
  actor = dlg_actor_new (9999);
  dlg_actor_set_name (actor, "Orphan");
  g_assert_false (dlg_actor_save (f->store, actor, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

static void
test_actor_notify (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DlgActor) actor = dlg_actor_new (f->pid);
  guint n = 0;

  g_signal_connect_swapped (actor, "notify::name", G_CALLBACK (g_atomic_int_inc), &n);
  dlg_actor_set_name (actor, "A");
  dlg_actor_set_name (actor, "A");
  g_object_set (actor, "name", "B", NULL);
  g_assert_cmpuint (n, ==, 2);
}

/* --- follow-up, session, communication item ---------------------------------------------- */

static void
test_follow_up_roundtrip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgFollowUp) fu = dlg_follow_up_new (f->pid);
  g_autoptr(GListModel) list = NULL;

  dlg_follow_up_set_kind (fu, "report");
  dlg_follow_up_set_dated (fu, "2025-06-30");
  dlg_follow_up_set_title (fu, "Bilan à six mois");
  g_assert_true (dlg_follow_up_save (f->store, fu, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "follow_up.create"), ==, 1);

  dlg_follow_up_set_published (fu, TRUE);
  g_assert_true (dlg_follow_up_save (f->store, fu, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "follow_up.update"), ==, 1);

  list = dlg_follow_up_list (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  dlg_follow_up_set_kind (fu, "party");
  g_assert_false (dlg_follow_up_save (f->store, fu, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_follow_up_set_kind (fu, "meeting");
  dlg_follow_up_set_dated (fu, "31/06/2025");
  g_assert_false (dlg_follow_up_save (f->store, fu, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dlg_follow_up_delete (f->store, dlg_follow_up_get_id (fu), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "follow_up.delete"), ==, 1);
}

static void
test_communication_item_roundtrip (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgCommunicationItem) item = dlg_communication_item_new (f->pid);
  g_autoptr(DlgCommunicationItem) loaded = NULL;
  g_autoptr(GListModel) list = NULL;

  dlg_communication_item_set_title (item, "Lettre d’information");
  dlg_communication_item_set_channel (item, "newsletter");
  dlg_communication_item_set_stage (item, "recruitment");
  g_assert_true (dlg_communication_item_save (f->store, item, &error));
  g_assert_no_error (error);
  loaded = dlg_communication_item_load (f->store, dlg_communication_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_communication_item_get_channel (loaded), ==, "newsletter");
  g_assert_cmpstr (dlg_communication_item_get_stage (loaded), ==, "recruitment");
  g_assert_null (dlg_communication_item_get_planned_at (loaded));
  g_assert_cmpstr (dlg_communication_item_get_status (loaded), ==, "planned");

  dlg_communication_item_set_stage (loaded, "nowhere");
  g_assert_false (dlg_communication_item_save (f->store, loaded, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  list = dlg_communication_item_list (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (dlg_communication_item_delete (f->store, dlg_communication_item_get_id (item),
                                                &error));
  g_assert_no_error (error);
}

/* --- contributions, themes ------------------------------------------------------------------ */

/* Runs a query returning one integer. */
static gint64
query_int (Fixture    *f,
           const char *sql,
           gint64      param)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, param);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static DlgContribution *
make_contribution (Fixture    *f,
                   const char *title)
{
  g_autoptr(GError) error = NULL;
  DlgContribution *c = dlg_contribution_new (f->pid);

  dlg_contribution_set_title (c, title);
  dlg_contribution_set_body (c, "Un texte.");
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_no_error (error);
  return c;
}

static void
test_contribution_roundtrip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) c = dlg_contribution_new (f->pid);
  g_autoptr(DlgContribution) loaded = NULL;
  g_autoptr(GListModel) list = NULL;

  g_assert_cmpstr (dlg_contribution_get_moderation (c), ==, "pending");
  g_assert_false (dlg_contribution_has_location (c));
  g_assert_false (dlg_contribution_save (f->store, c, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  dlg_contribution_set_channel (c, "in_person");
  dlg_contribution_set_feature (c, "map");
  dlg_contribution_set_kind (c, "pin");
  dlg_contribution_set_title (c, "Un banc ici");
  dlg_contribution_set_lat (c, 47.2);
  g_assert_false (dlg_contribution_save (f->store, c, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_contribution_set_location (c, 47.2184, -1.5536);
  dlg_contribution_set_highlighted (c, TRUE);
  dlg_contribution_set_note (c, "À reprendre dans la synthèse");
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_contribution_get_sync_state (c), ==, "created");

  loaded = dlg_contribution_load (f->store, dlg_contribution_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_contribution_get_channel (loaded), ==, "in_person");
  g_assert_cmpstr (dlg_contribution_get_feature (loaded), ==, "map");
  g_assert_true (dlg_contribution_has_location (loaded));
  g_assert_cmpfloat_with_epsilon (dlg_contribution_get_lon (loaded), -1.5536, 1e-9);
  g_assert_true (dlg_contribution_get_highlighted (loaded));
  g_assert_cmpstr (dlg_contribution_get_note (loaded), ==, "À reprendre dans la synthèse");
  g_assert_cmpstr (dlg_contribution_get_moderation (loaded), ==, "pending");

  dlg_contribution_set_feature (loaded, "chatroom");
  g_assert_false (dlg_contribution_save (f->store, loaded, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_contribution_set_feature (loaded, "map");
  dlg_contribution_clear_location (loaded);
  dlg_contribution_set_highlighted (loaded, FALSE);
  g_assert_true (dlg_contribution_save (f->store, loaded, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = dlg_contribution_load (f->store, dlg_contribution_get_id (c), &error);
  g_assert_false (dlg_contribution_has_location (loaded));
  g_assert_false (dlg_contribution_get_highlighted (loaded));

  list = dlg_contribution_list (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (dlg_contribution_delete (f->store, dlg_contribution_get_id (c), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_annotation WHERE ?1", 1), ==, 0);
}

static void
test_contribution_moderate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) c = make_contribution (f, "Plus de bancs");
  g_autoptr(DlgContribution) loaded = NULL;
  gint64 id = dlg_contribution_get_id (c);

  g_assert_false (dlg_contribution_moderate (f->store, id, "trashed", "  ", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dlg_contribution_moderate (f->store, id, "deleted", NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM moderation_event WHERE contribution_id = ?1",
                              id), ==, 0);

  g_assert_true (dlg_contribution_moderate (f->store, id, "trashed", "Propos injurieux", &error));
  g_assert_no_error (error);
  loaded = dlg_contribution_load (f->store, id, &error);
  g_assert_cmpstr (dlg_contribution_get_moderation (loaded), ==, "trashed");
  g_assert_cmpstr (dlg_contribution_get_moderation_reason (loaded), ==, "Propos injurieux");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM moderation_event WHERE contribution_id = ?1"
                              " AND length (uuid) = 36 AND state = 'trashed'"
                              " AND sync_state = 'created'", id), ==, 1);
  g_assert_cmpuint (count_journal (f, "contribution.moderate"), ==, 1);

  g_assert_true (dlg_contribution_moderate (f->store, id, "published", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(DISTINCT uuid) FROM moderation_event"
                              " WHERE contribution_id = ?1", id), ==, 2);
  g_assert_cmpuint (count_journal (f, "contribution.moderate"), ==, 2);
  g_assert_nonnull (dlg_contribution_moderation_get_label ("trashed"));
  g_assert_null (dlg_contribution_moderation_get_label ("nope"));
}

static void
test_theme_tree (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTheme) mobility = dlg_theme_new (f->pid);
  g_autoptr(DlgTheme) bikes = dlg_theme_new (f->pid);
  g_autoptr(DlgTheme) nature = dlg_theme_new (f->pid);
  g_autoptr(DlgContribution) c = make_contribution (f, "Pistes cyclables");
  g_autoptr(GListModel) tree = NULL;
  g_autoptr(GListModel) themes = NULL;
  g_autoptr(DlgTheme) first = NULL;
  g_autoptr(DlgTheme) second = NULL;

  dlg_theme_set_name (mobility, "Mobilités");
  dlg_theme_set_position (mobility, 1);
  g_assert_true (dlg_theme_save (f->store, mobility, &error));
  dlg_theme_set_name (nature, "Nature");
  dlg_theme_set_position (nature, 2);
  g_assert_true (dlg_theme_save (f->store, nature, &error));
  dlg_theme_set_name (bikes, "Vélo");
  dlg_theme_set_parent_id (bikes, dlg_theme_get_id (mobility));
  g_assert_true (dlg_theme_save (f->store, bikes, &error));
  g_assert_no_error (error);

  tree = dlg_theme_list (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 3);
  first = g_list_model_get_item (tree, 0);
  second = g_list_model_get_item (tree, 1);
  g_assert_cmpstr (dlg_theme_get_name (first), ==, "Mobilités");
  g_assert_cmpuint (dlg_theme_get_depth (first), ==, 0);
  g_assert_cmpstr (dlg_theme_get_name (second), ==, "Vélo");
  g_assert_cmpuint (dlg_theme_get_depth (second), ==, 1);

  /* No cycles. */
  dlg_theme_set_parent_id (mobility, dlg_theme_get_id (bikes));
  g_assert_false (dlg_theme_save (f->store, mobility, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dlg_contribution_add_theme (f->store, dlg_contribution_get_id (c),
                                             dlg_theme_get_id (bikes), &error));
  g_assert_true (dlg_contribution_add_theme (f->store, dlg_contribution_get_id (c),
                                             dlg_theme_get_id (bikes), &error));
  g_assert_no_error (error);
  themes = dlg_contribution_list_themes (f->store, dlg_contribution_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 1);
  g_assert_true (dlg_contribution_remove_theme (f->store, dlg_contribution_get_id (c),
                                                dlg_theme_get_id (bikes), &error));
  g_assert_no_error (error);

  /* Deleting a theme deletes its sub-themes. */
  g_assert_true (dlg_theme_delete (f->store, dlg_theme_get_id (mobility), &error));
  g_assert_no_error (error);
  g_clear_object (&tree);
  tree = dlg_theme_list (f->store, f->pid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, 1);
}

static void
test_fts_query (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "vélo", "\"vélo\"*" },
    { "  piste   cyclable ", "\"piste\" \"cyclable\"*" },
    { "a\"b NEAR( *", "\"a\"\"b\" \"NEAR(\"*" },
    { "fontaine OR vélo", "\"fontaine\" \"OR\" \"vélo\"*" },
    { "title:x", "\"title:x\"*" },
    { "* \" ( ) -", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *q = dlg_contribution_list_make_fts_query (cases[i].in);

      g_assert_cmpstr (q, ==, cases[i].out);
    }
  g_assert_null (dlg_contribution_list_make_fts_query (NULL));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *n = user_data;

  (*n)++;
}

static guint
n_items (DlgContributionList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_contribution_list_large (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(DlgContribution) first = NULL;
  g_autoptr(DlgContribution) middle = NULL;
  g_autoptr(DlgContribution) last = NULL;
  g_autoptr(DlgContribution) next = NULL;
  const char *hostile[] = {
    "\"", "\"\"", "'", "AND", "OR", "NOT", "*", "NEAR(", "NEAR(a b", "a AND", "(", ")", "^",
    "title:vélo", "{title body}: x", "- x", "\"vélo", "vélo\" OR \"banc", "x*y", "\\", "%",
    "'; DROP TABLE contribution; --", "\xff\xfe", "NEAR(\"a\" \"b\", 2)", "+", ":", "é*",
  };
  guint changes = 0;
  guint expected_fontaine_ecole = 0;

  for (guint i = 1; i <= 100000; i++)
    if (i % 20 == 11 && i % 7 == 6)
      expected_fontaine_ecole++;
  fixture_insert_contributions (f->store, f->pid, 100000);
  list = dlg_contribution_list_new (f->store, f->pid);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DLG_TYPE_CONTRIBUTION);
  g_assert_cmpuint (n_items (list), ==, 100000);

  /* Newest first: row 100000 at the start, row 1 at the end. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  middle = g_list_model_get_item (G_LIST_MODEL (list), 50000);
  last = g_list_model_get_item (G_LIST_MODEL (list), 99999);
  next = g_list_model_get_item (G_LIST_MODEL (list), 201);
  g_assert_cmpstr (dlg_contribution_get_title (first), ==, "Contribution 100000");
  g_assert_cmpstr (dlg_contribution_get_title (middle), ==, "Contribution 50000");
  g_assert_cmpstr (dlg_contribution_get_title (last), ==, "Contribution 1");
  g_assert_cmpstr (dlg_contribution_get_title (next), ==, "Contribution 99799");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 100000));
  /* Sequential pages (read after their predecessor) agree with jumps. */
  for (guint i = 0; i < 1000; i += 37)
    {
      g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("Contribution %u", 100000 - i);

      g_assert_cmpstr (dlg_contribution_get_title (item), ==, expected);
    }

  dlg_contribution_list_set_channel (list, "mail");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (n_items (list), ==, 25000);
  dlg_contribution_list_set_channel (list, "mail");
  g_assert_cmpuint (changes, ==, 1);
  dlg_contribution_list_set_moderation (list, "pending");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (n_items (list), ==, 8333);
  g_clear_object (&last);
  last = g_list_model_get_item (G_LIST_MODEL (list), n_items (list) - 1);
  g_assert_cmpstr (dlg_contribution_get_channel (last), ==, "mail");
  g_assert_cmpstr (dlg_contribution_get_moderation (last), ==, "pending");
  dlg_contribution_list_set_channel (list, NULL);
  dlg_contribution_list_set_moderation (list, NULL);
  dlg_contribution_list_set_feature (list, "map");
  g_assert_cmpuint (n_items (list), ==, 25000);
  dlg_contribution_list_set_feature (list, NULL);

  dlg_contribution_list_set_search (list, "needle");
  g_assert_cmpuint (n_items (list), ==, 100);
  dlg_contribution_list_set_search (list, "fontaine");
  g_assert_cmpuint (n_items (list), ==, 5000);
  /* Accents are ignored, the last word is a prefix. */
  dlg_contribution_list_set_search (list, "fontaine ecol");
  g_assert_cmpuint (n_items (list), ==, expected_fontaine_ecole);
  /* OR is a word, not an operator. */
  dlg_contribution_list_set_search (list, "fontaine OR vélo");
  g_assert_cmpuint (n_items (list), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GObject) item = NULL;

      dlg_contribution_list_set_search (list, hostile[i]);
      if (n_items (list) > 0)
        {
          item = g_list_model_get_item (G_LIST_MODEL (list), n_items (list) - 1);
          g_assert_nonnull (item);
        }
    }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution WHERE process_id = ?1",
                              f->pid), ==, 100000);

  dlg_contribution_list_set_search (list, NULL);
  g_assert_cmpuint (n_items (list), ==, 100000);
  g_assert_true (dlg_contribution_delete (f->store, dlg_contribution_get_id (first), NULL));
  changes = 0;
  dlg_contribution_list_refresh (list);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (n_items (list), ==, 99999);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (dlg_contribution_get_title (first), ==, "Contribution 99999");
}

/* @TESTS@ */

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("actor/roundtrip", test_actor_roundtrip);
  ADD ("actor/validation", test_actor_validation);
  ADD ("actor/notify", test_actor_notify);
  ADD ("follow_up/roundtrip", test_follow_up_roundtrip);
  ADD ("communication_item/roundtrip", test_communication_item_roundtrip);
  ADD ("contribution/roundtrip", test_contribution_roundtrip);
  ADD ("contribution/moderate", test_contribution_moderate);
  ADD ("theme/tree", test_theme_tree);
  g_test_add_func ("/core/domain/contribution_list/fts-query", test_fts_query);
  ADD ("contribution_list/large", test_contribution_list_large);
  /* @ADD@ */

  return g_test_run ();
}
