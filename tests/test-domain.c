/* test-domain.c — the domain objects and their storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dlg-core.h"
#include "coding-fixture.h"
#include "contribution-fixture.h"
#include "dlg-record-private.h"

typedef struct
{
  DlgStore *store;
  gint64    pid;
  guint     n_changed;
} Fixture;


static void
on_changed (DlgStore   *store,
            GType      type,
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

/* The number of journal entries of the process whose action is @action, once the edits still
 * pending as bursts of typing are settled (as a view does when it is left). */
static guint
count_journal (Fixture    *f,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  guint n = 0;

  g_assert_true (dlg_journal_settle (f->store, 0, NULL, &error));
  list = dlg_journal_list (f->store, f->pid, &error);
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
  return fixture_query_int64 (f->store, sql, param);
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

  /* Officer annotations stay local: they do not make a synced contribution modified. */
  g_assert_cmpint (query_int (f, "UPDATE contribution SET sync_state = 'synced' WHERE id = ?1"
                              " RETURNING 1", dlg_contribution_get_id (c)), ==, 1);
  dlg_contribution_set_note (loaded, "Relu");
  g_assert_true (dlg_contribution_save (f->store, loaded, &error));
  g_assert_cmpstr (dlg_contribution_get_sync_state (loaded), ==, "synced");
  dlg_contribution_set_body (loaded, "Texte corrigé");
  g_assert_true (dlg_contribution_save (f->store, loaded, &error));
  g_assert_cmpstr (dlg_contribution_get_sync_state (loaded), ==, "modified");

  list = dlg_contribution_list (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (dlg_contribution_delete (f->store, dlg_contribution_get_id (c), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_annotation WHERE ?1", 1),
                   ==, 0);
}

/* The batch path's writes: every column the object holds (read-only ones too, not the joined
 * annotations), a partial update that writes nothing when nothing differs, a plain delete. */
static void
test_row_writes (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const title_and_rev[] = { "title", "source-rev", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) c = dlg_contribution_new (f->pid);
  g_autoptr(DlgContribution) loaded = NULL;
  gboolean changed = TRUE;
  gint64 id;

  dlg_contribution_set_title (c, "Un banc");
  dlg_contribution_set_note (c, "à moi");
  dlg_record_set_string (DLG_RECORD (c), "source", "csv");
  dlg_record_set_string (DLG_RECORD (c), "source-id", "row/1");
  dlg_record_set_string (DLG_RECORD (c), "sync-state", "synced");
  dlg_record_set_string (DLG_RECORD (c), "moderation", "published");
  dlg_record_set_int64 (DLG_RECORD (c), "source-rev", 3);
  g_assert_true (dlg_record_insert_row (DLG_RECORD (c), f->store, &error));
  g_assert_no_error (error);
  id = dlg_contribution_get_id (c);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (strlen (dlg_contribution_get_uuid (c)), ==, 36);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution WHERE id = ?1"
                                " AND source = 'csv' AND source_id = 'row/1' AND source_rev = 3"
                                " AND moderation = 'published' AND sync_state = 'synced'"
                                " AND remote_rev IS NULL AND lat IS NULL", id), ==, 1);
  /* The annotations are the officer's, in their own table: not a column of the row. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_annotation"
                                " WHERE contribution_id = ?1", id), ==, 0);
  /* The FTS index follows through the table's triggers. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_fts"
                                " WHERE contribution_fts MATCH 'banc' AND rowid = ?1", id), ==, 1);

  g_assert_true (dlg_record_update_fields (DLG_RECORD (c), f->store, id, title_and_rev,
                                           &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  dlg_contribution_set_title (c, "Deux bancs");
  dlg_contribution_set_body (c, "not written");
  g_assert_true (dlg_record_update_fields (DLG_RECORD (c), f->store, id, title_and_rev,
                                           &changed, &error));
  g_assert_true (changed);
  loaded = dlg_contribution_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_contribution_get_title (loaded), ==, "Deux bancs");
  g_assert_cmpstr (dlg_contribution_get_body (loaded), ==, "");
  g_assert_cmpstr (dlg_contribution_get_moderation (loaded), ==, "published");
  g_assert_cmpint (dlg_record_get_int64 (DLG_RECORD (loaded), "source-rev"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_fts"
                                " WHERE contribution_fts MATCH 'deux' AND rowid = ?1", id), ==, 1);

  g_assert_true (dlg_record_delete_row (f->store, DLG_TYPE_CONTRIBUTION, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution WHERE id = ?1", id), ==, 0);
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
  /* The public journal never quotes the text that moderation removed. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM journal WHERE process_id = ?1"
                              " AND summary LIKE '%bancs%'", f->pid), ==, 0);

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

  g_assert_true (tag_one (f->store, dlg_contribution_get_id (c),
                          dlg_theme_get_id (bikes), TRUE, &error));
  g_assert_true (tag_one (f->store, dlg_contribution_get_id (c),
                          dlg_theme_get_id (bikes), TRUE, &error));
  g_assert_no_error (error);
  themes = dlg_contribution_list_themes (f->store, dlg_contribution_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 1);
  g_assert_true (tag_one (f->store, dlg_contribution_get_id (c),
                          dlg_theme_get_id (bikes), FALSE, &error));
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

/* Each items-changed either removes rows or adds them, never both, and the count it leaves
 * is the one the model reports. */
static void
on_items_changed_check (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (removed == 0 || added == 0);
  if (added == 0)
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  else
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, added);
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
  /* Pages of the second half are read from the end, then reversed. */
  for (guint i = 99999; i > 79000; i -= 997)
    {
      g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("Contribution %u", 100000 - i);

      g_assert_cmpstr (dlg_contribution_get_title (item), ==, expected);
    }
  /* Sequential pages (read after their predecessor) agree with jumps. */
  for (guint i = 0; i < 1000; i += 37)
    {
      g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *expected = g_strdup_printf ("Contribution %u", 100000 - i);

      g_assert_cmpstr (dlg_contribution_get_title (item), ==, expected);
    }

  /* A filter change removes every row, then adds the new ones: two items-changed, never one
   * (0, old, new), which makes GTK 4.8 views read every new item. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_check), list);
  dlg_contribution_list_set_channel (list, "mail");
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (n_items (list), ==, 25000);
  dlg_contribution_list_set_channel (list, "mail");
  g_assert_cmpuint (changes, ==, 2);
  dlg_contribution_list_set_moderation (list, "pending");
  g_assert_cmpuint (changes, ==, 4);
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
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (n_items (list), ==, 99999);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (dlg_contribution_get_title (first), ==, "Contribution 99999");

  /* Sorted in SQL at 100,000: the first screen, a jump to the middle, and the last row. */
  for (DlgContributionSort sort = DLG_CONTRIBUTION_SORT_DATE;
       sort <= DLG_CONTRIBUTION_SORT_SUPPORTS; sort++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(DlgContribution) top = NULL;
      g_autoptr(DlgContribution) mid = NULL;
      g_autoptr(DlgContribution) end = NULL;

      dlg_contribution_list_set_sort (list, sort, FALSE);
      top = g_list_model_get_item (G_LIST_MODEL (list), 0);
      mid = g_list_model_get_item (G_LIST_MODEL (list), 50000);
      end = g_list_model_get_item (G_LIST_MODEL (list), 99998);
      g_assert_nonnull (top);
      g_assert_nonnull (mid);
      g_assert_nonnull (end);
      g_test_message ("sort %d at 100,000: count, first, middle and last pages in %.0f ms", sort,
                      (g_get_monotonic_time () - start) / 1000.0);
      /* Scrolling: each page after the one before it */
      dlg_contribution_list_refresh (list);
      start = g_get_monotonic_time ();
      for (guint i = 0; i < 2000; i++)
        {
          g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (list), i);

          g_assert_nonnull (item);
        }
      g_test_message ("sort %d at 100,000: ten pages in a row in %.0f ms (%.0f ms a page)", sort,
                      (g_get_monotonic_time () - start) / 1000.0,
                      (g_get_monotonic_time () - start) / 10000.0);
    }
}

/* The key of @c for @sort, compared as the list's SQL orders it; ties go by id. */
static int
compare_for_sort (DlgContribution     *a,
                  DlgContribution     *b,
                  DlgContributionSort  sort)
{
  int cmp = 0;

  switch (sort)
    {
    case DLG_CONTRIBUTION_SORT_DATE:
      cmp = g_strcmp0 (dlg_contribution_get_created_at (a), dlg_contribution_get_created_at (b));
      break;
    case DLG_CONTRIBUTION_SORT_TITLE:
      cmp = g_ascii_strcasecmp (dlg_contribution_get_title (a), dlg_contribution_get_title (b));
      break;
    case DLG_CONTRIBUTION_SORT_CHANNEL:
      cmp = dlg_vocabulary_index (&dlg_vocabulary_channel, dlg_contribution_get_channel (a)) -
            dlg_vocabulary_index (&dlg_vocabulary_channel, dlg_contribution_get_channel (b));
      break;
    case DLG_CONTRIBUTION_SORT_FEATURE:
      cmp = dlg_vocabulary_index (&dlg_vocabulary_feature, dlg_contribution_get_feature (a)) -
            dlg_vocabulary_index (&dlg_vocabulary_feature, dlg_contribution_get_feature (b));
      break;
    case DLG_CONTRIBUTION_SORT_MODERATION:
      cmp = dlg_vocabulary_index (&dlg_vocabulary_moderation,
                                  dlg_contribution_get_moderation (a)) -
            dlg_vocabulary_index (&dlg_vocabulary_moderation,
                                  dlg_contribution_get_moderation (b));
      break;
    case DLG_CONTRIBUTION_SORT_THEMES:
      /* No theme (NULL) first */
      if (dlg_contribution_get_theme_names (a) == NULL || dlg_contribution_get_theme_names (b) == NULL)
        cmp = (dlg_contribution_get_theme_names (a) != NULL) -
              (dlg_contribution_get_theme_names (b) != NULL);
      else
        cmp = g_ascii_strcasecmp (dlg_contribution_get_theme_names (a),
                                  dlg_contribution_get_theme_names (b));
      break;
    case DLG_CONTRIBUTION_SORT_AUTHOR:
    case DLG_CONTRIBUTION_SORT_SUPPORTS:
    default:
      g_assert_not_reached ();
    }
  if (cmp == 0)
    cmp = (dlg_contribution_get_id (a) > dlg_contribution_get_id (b)) -
          (dlg_contribution_get_id (a) < dlg_contribution_get_id (b));
  return cmp;
}

/* Every item of @list follows the one before it in @sort's order, both ways; read in order
 * (the keyset or OFFSET pages) and from the end (the tail pages). */
static void
assert_sorted (DlgContributionList *list,
               DlgContributionSort  sort,
               gboolean             descending)
{
  guint n = n_items (list);
  g_autoptr(DlgContribution) previous = NULL;

  g_test_message ("sort %d %s over %u", sort, descending ? "desc" : "asc", n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (item);
      if (previous != NULL)
        {
          int cmp = compare_for_sort (previous, item, sort);

          if (descending ? cmp <= 0 : cmp >= 0)
            g_error ("item %u is out of order", i);
        }
      g_set_object (&previous, item);
    }
  for (guint i = n; i-- > n / 2;)
    {
      g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(DlgContribution) before = g_list_model_get_item (G_LIST_MODEL (list), i - 1);
      int cmp = compare_for_sort (before, item, sort);

      g_assert_true (descending ? cmp > 0 : cmp < 0);
    }
}

/* Sorted by any column in SQL (issue 13): titles, the vocabularies' display order, themes by
 * name (none first), with the filters, and back to the newest first. */
static void
test_contribution_list_sort (Fixture       *f,
                             gconstpointer  data)
{
  static const DlgContributionSort sorts[] = {
    DLG_CONTRIBUTION_SORT_DATE, DLG_CONTRIBUTION_SORT_TITLE, DLG_CONTRIBUTION_SORT_CHANNEL,
    DLG_CONTRIBUTION_SORT_FEATURE, DLG_CONTRIBUTION_SORT_MODERATION, DLG_CONTRIBUTION_SORT_THEMES,
  };
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(DlgTheme) trees = dlg_theme_new (f->pid);
  g_autoptr(DlgTheme) mobility = dlg_theme_new (f->pid);
  g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) first = NULL;
  gboolean descending = FALSE;

  fixture_insert_contributions (f->store, f->pid, 1100);
  dlg_theme_set_name (trees, "arbres");
  dlg_theme_set_name (mobility, "Mobilité");
  g_assert_true (dlg_theme_save (f->store, trees, &error));
  g_assert_true (dlg_theme_save (f->store, mobility, &error));
  g_assert_no_error (error);
  list = dlg_contribution_list_new (f->store, f->pid);
  for (guint i = 0; i < n_items (list); i++)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 id = dlg_contribution_get_id (c);

      if (i % 3 == 0)
        g_array_append_val (some, id);
      if (i % 5 == 0)
        g_array_append_val (others, id);
    }
  g_assert_true (dlg_coding_tag (f->store, dlg_theme_get_id (trees), some, NULL, &error));
  g_assert_true (dlg_coding_tag (f->store, dlg_theme_get_id (mobility), others, NULL, &error));
  g_assert_no_error (error);
  dlg_contribution_list_refresh (list);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (dlg_contribution_get_theme_names (first), ==, "arbres, Mobilité");
  g_assert_cmpint (dlg_contribution_list_get_sort (list, &descending), ==,
                   DLG_CONTRIBUTION_SORT_DATE);
  g_assert_true (descending);

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint way = 0; way < 2; way++)
      {
        dlg_contribution_list_set_sort (list, sorts[s], way == 1);
        g_assert_cmpuint (n_items (list), ==, 1100);
        assert_sorted (list, sorts[s], way == 1);
      }
  /* Themes ascending: none first, then "arbres", "arbres, Mobilité", "Mobilité" */
  dlg_contribution_list_set_sort (list, DLG_CONTRIBUTION_SORT_THEMES, FALSE);
  {
    g_autoptr(DlgContribution) none = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(DlgContribution) last = g_list_model_get_item (G_LIST_MODEL (list), 1099);

    g_assert_null (dlg_contribution_get_theme_names (none));
    g_assert_cmpstr (dlg_contribution_get_theme_names (last), ==, "Mobilité");
  }
  /* With a filter */
  dlg_contribution_list_set_moderation (list, "pending");
  dlg_contribution_list_set_sort (list, DLG_CONTRIBUTION_SORT_TITLE, TRUE);
  g_assert_cmpuint (n_items (list), ==, 366);
  assert_sorted (list, DLG_CONTRIBUTION_SORT_TITLE, TRUE);
  dlg_contribution_list_set_moderation (list, NULL);
  /* Back to the newest first */
  dlg_contribution_list_set_sort (list, DLG_CONTRIBUTION_SORT_DATE, TRUE);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (dlg_contribution_get_title (first), ==, "Contribution 1100");
}

/* The list's search against the plain SQL it replaces (the MATCH joined in a subquery): the
 * same rows in the same order, for searches the pages read by id (few matches) or in order
 * (many), with filters and sorts, with this process alone in the file and with another one,
 * and after new rows and a refresh. */
static void
assert_search_like_sql (Fixture             *f,
                        DlgContributionList *list,
                        const char          *search,
                        const char          *filter_sql,
                        gboolean             by_title)
{
  g_autofree char *fts = dlg_contribution_list_make_fts_query (search);
  g_autofree char *sql = g_strdup_printf (
    "SELECT t.id FROM contribution t WHERE t.process_id = ?1 AND t.id IN"
    " (SELECT rowid FROM contribution_fts WHERE contribution_fts MATCH ?2)%s ORDER BY %s",
    filter_sql, by_title ? "coalesce (nullif (t.title, ''), t.body, '') COLLATE NOCASE, t.id"
                         : "t.created_at DESC, t.id DESC");
  sqlite3_stmt *stmt = NULL;
  guint i = 0;

  dlg_contribution_list_set_search (list, search);
  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, f->pid);
  sqlite3_bind_text (stmt, 2, fts, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (G_LIST_MODEL (list), i++);

      g_assert_nonnull (c);
      g_assert_cmpint (dlg_contribution_get_id (c), ==, sqlite3_column_int64 (stmt, 0));
      /* The map's look-up of a row reads the same search (its own statement) */
      if (i == 1 || i % 97 == 0)
        g_assert_cmpint (dlg_contribution_list_find (list, sqlite3_column_int64 (stmt, 0)), ==,
                         i - 1);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_items (list), ==, i);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) ids = dlg_contribution_list_get_ids (list, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, i);
  }
}

static void
test_contribution_list_search_plans (Fixture       *f,
                                     gconstpointer  data)
{
  /* "needle": 3 matches, "vélo": 150 (read by id); "fontaine": 150 of them with another
   * word; "pl": every row (read in order) */
  const char *searches[] = { "needle", "vélo", "fontaine école", "pl", "absent" };
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(DlgTheme) theme = dlg_theme_new (f->pid);
  g_autoptr(GArray) tagged = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) other = NULL;

  fixture_insert_contributions (f->store, f->pid, 3000);
  dlg_theme_set_name (theme, "Thème");
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  for (gint64 id = 1; id <= 3000; id += 7)
    g_array_append_val (tagged, id);
  g_assert_true (dlg_coding_tag (f->store, dlg_theme_get_id (theme), tagged, NULL, &error));
  g_assert_no_error (error);
  list = dlg_contribution_list_new (f->store, f->pid);

  for (guint round = 0; round < 3; round++)
    {
      if (round == 1)
        {
          /* Another process whose rows match too, before and after ours. */
          other = dlg_process_create (f->store, "Autre", &error);
          g_assert_no_error (error);
          fixture_insert_contributions (f->store, dlg_process_get_id (other), 2000);
          dlg_contribution_list_refresh (list);
        }
      else if (round == 2)
        {
          fixture_insert_contributions (f->store, f->pid, 1000);
          dlg_contribution_list_refresh (list);
        }
      for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
        {
          assert_search_like_sql (f, list, searches[i], "", FALSE);
          dlg_contribution_list_set_channel (list, "mail");
          assert_search_like_sql (f, list, searches[i], " AND t.channel = 'mail'", FALSE);
          dlg_contribution_list_set_moderation (list, "pending");
          assert_search_like_sql (f, list, searches[i],
                                  " AND t.channel = 'mail' AND t.moderation = 'pending'", FALSE);
          dlg_contribution_list_set_channel (list, NULL);
          dlg_contribution_list_set_moderation (list, NULL);
          dlg_contribution_list_set_theme (list, dlg_theme_get_id (theme));
          dlg_contribution_list_set_sort (list, DLG_CONTRIBUTION_SORT_TITLE, FALSE);
          assert_search_like_sql (f, list, searches[i],
                                  " AND t.id IN (SELECT contribution_id FROM contribution_theme)",
                                  TRUE);
          dlg_contribution_list_set_theme (list, 0);
          assert_search_like_sql (f, list, searches[i], "", TRUE);
          dlg_contribution_list_set_sort (list, DLG_CONTRIBUTION_SORT_DATE, TRUE);
          /* Typing the next search with no other change */
          assert_search_like_sql (f, list, searches[(i + 1) % G_N_ELEMENTS (searches)], "",
                                  FALSE);
        }
    }
  dlg_contribution_list_set_search (list, NULL);
  g_assert_cmpuint (n_items (list), ==, 4000);
}

/* --- decision, feature --------------------------------------------------------------------- */

static void
test_decision_roundtrip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDecision) d = dlg_decision_new (f->pid);
  g_autoptr(DlgDecision) v = dlg_decision_new (f->pid);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) arbitration = NULL;

  g_assert_cmpstr (dlg_decision_get_stage (d), ==, "arbitration");
  g_assert_nonnull (dlg_decision_get_decided_at (d));
  dlg_decision_set_who (d, "Adjointe au maire");
  g_assert_false (dlg_decision_save (f->store, d, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_decision_set_what (d, "Lancer la démarche");
  g_assert_true (dlg_decision_save (f->store, d, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "decision.create"), ==, 1);

  dlg_decision_set_stage (v, "validation");
  dlg_decision_set_who (v, "Bureau municipal");
  dlg_decision_set_what (v, "Valider l’avis");
  dlg_decision_set_recommendation_id (v, 12345);
  g_assert_false (dlg_decision_save (f->store, v, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  dlg_decision_set_recommendation_id (v, 0);
  dlg_decision_set_stage (v, "whenever");
  g_assert_false (dlg_decision_save (f->store, v, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_decision_set_stage (v, "validation");
  g_assert_true (dlg_decision_save (f->store, v, &error));
  g_assert_no_error (error);

  all = dlg_decision_list (f->store, f->pid, NULL, &error);
  arbitration = dlg_decision_list (f->store, f->pid, "arbitration", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (arbitration), ==, 1);

  dlg_decision_set_why (d, "Demande du conseil");
  g_assert_true (dlg_decision_save (f->store, d, &error));
  g_assert_cmpuint (count_journal (f, "decision.update"), ==, 1);
  g_assert_true (dlg_decision_delete (f->store, dlg_decision_get_id (d), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "decision.delete"), ==, 1);
}

static void
test_feature_catalogue (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(DlgFeature) map = NULL;
  g_autoptr(DlgFeature) again = NULL;
  g_autoptr(DlgFeature) first = NULL;
  guint n = 0;
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (&n);

  g_assert_cmpuint (n, ==, 7);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (catalogue[i].label);
      g_assert_nonnull (catalogue[i].description);
      g_assert_nonnull (catalogue[i].default_rules);
      g_assert_nonnull (catalogue[i].policy_cycles[0]);
    }
  g_assert_true (dlg_feature_info_suits (dlg_feature_info_lookup ("questionnaire"),
                                         "evaluation"));
  g_assert_false (dlg_feature_info_suits (dlg_feature_info_lookup ("questionnaire"),
                                          "implementation"));
  g_assert_null (dlg_feature_info_lookup ("chat"));

  list = dlg_feature_list (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 7);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (dlg_feature_get_feature (first), ==, "recruitment");
  g_assert_false (dlg_feature_get_enabled (first));
  g_assert_false (dlg_feature_get_saved (first));

  map = dlg_feature_load (f->store, f->pid, "map", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_feature_get_rules (map), ==, dlg_feature_info_lookup ("map")->default_rules);
  dlg_feature_set_enabled (map, TRUE);
  dlg_feature_set_opens_at (map, "2025-05-01");
  dlg_feature_set_closes_at (map, "2025-04-01");
  g_assert_false (dlg_feature_save (f->store, map, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_feature_set_closes_at (map, "2025-06-30");
  g_assert_true (dlg_feature_save (f->store, map, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "feature.enable"), ==, 1);
  /* Saving again without switching is not journaled. */
  dlg_feature_set_rules (map, "Autres règles");
  g_assert_true (dlg_feature_save (f->store, map, &error));
  g_assert_cmpuint (count_journal (f, "feature.enable"), ==, 1);

  again = dlg_feature_load (f->store, f->pid, "map", &error);
  g_assert_true (dlg_feature_get_enabled (again));
  g_assert_true (dlg_feature_get_saved (again));
  g_assert_cmpstr (dlg_feature_get_rules (again), ==, "Autres règles");
  g_assert_cmpstr (dlg_feature_get_closes_at (again), ==, "2025-06-30");
  g_clear_object (&list);
  list = dlg_feature_list (f->store, f->pid, &error);
  g_clear_object (&first);
  first = g_list_model_get_item (list, 4);
  g_assert_cmpstr (dlg_feature_get_feature (first), ==, "map");
  g_assert_true (dlg_feature_get_enabled (first));

  dlg_feature_set_enabled (again, FALSE);
  g_assert_true (dlg_feature_save (f->store, again, &error));
  g_assert_cmpuint (count_journal (f, "feature.disable"), ==, 1);
  dlg_feature_set_enabled (again, TRUE);
  g_assert_true (dlg_feature_save (f->store, again, &error));
  g_assert_true (dlg_feature_delete (f->store, f->pid, "map", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "feature.disable"), ==, 2);
  g_assert_null (dlg_feature_load (f->store, f->pid, "chat", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

/* --- participants, quotas, sessions -------------------------------------------------------- */

static void
test_participant_contact (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgParticipant) p = dlg_participant_new (f->pid);
  g_autoptr(DlgParticipantContact) contact = NULL;
  g_autoptr(DlgParticipantContact) loaded = NULL;
  g_autoptr(GListModel) list = NULL;
  gint64 id;

  dlg_participant_set_age_band (p, "25-34");
  dlg_participant_set_gender (p, "F");
  dlg_participant_set_quartier (p, "Malakoff");
  dlg_participant_set_consent (p, TRUE);
  g_assert_true (dlg_participant_save (f->store, p, &error));
  g_assert_no_error (error);
  id = dlg_participant_get_id (p);
  g_assert_nonnull (dlg_participant_get_consent_at (p));
  g_assert_nonnull (dlg_participant_get_registered_at (p));
  g_assert_cmpstr (dlg_participant_get_status (p), ==, "registered");
  g_assert_cmpint (dlg_participant_get_reserve_rank (p), ==, -1);

  /* No contact property on the quota profile. */
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (p), "email"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (p), "full-name"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (p), "phone"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (p), "address"));

  contact = dlg_participant_contact_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_participant_contact_get_email (contact), ==, "");
  dlg_participant_contact_set_full_name (contact, "Camille Martin");
  dlg_participant_contact_set_email (contact, "camille@example");
  dlg_participant_contact_set_email (contact, "pas une adresse");
  g_assert_false (dlg_participant_contact_save (f->store, contact, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_participant_contact_set_email (contact, "camille@example.org");
  g_assert_true (dlg_participant_contact_save (f->store, contact, &error));
  g_assert_no_error (error);
  loaded = dlg_participant_contact_load (f->store, id, &error);
  g_assert_cmpstr (dlg_participant_contact_get_full_name (loaded), ==, "Camille Martin");
  g_assert_cmpstr (dlg_participant_contact_get_email (loaded), ==, "camille@example.org");

  /* Contact data never reaches the journal. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM journal WHERE summary LIKE '%Camille%'"
                              " OR summary LIKE '%example.org%' OR ?1 = 0", 1), ==, 0);

  dlg_participant_set_status (p, "reserve");
  dlg_participant_set_reserve_rank (p, 2);
  dlg_participant_set_consent (p, FALSE);
  g_assert_true (dlg_participant_save (f->store, p, &error));
  g_assert_null (dlg_participant_get_consent_at (p));
  g_assert_cmpint (dlg_participant_get_reserve_rank (p), ==, 2);
  dlg_participant_set_status (p, "vip");
  g_assert_false (dlg_participant_save (f->store, p, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_participant_set_status (p, "reserve");

  list = dlg_participant_list (f->store, f->pid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* Deleting the participant deletes the contact. */
  g_assert_true (dlg_participant_delete (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM participant_contact"
                              " WHERE participant_id = ?1", id), ==, 0);
  g_assert_null (dlg_participant_contact_load (f->store, id, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

static void
test_quota_rules (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgQuota) q = dlg_quota_new (f->pid);
  g_autoptr(DlgQuota) dup = dlg_quota_new (f->pid);
  g_autoptr(DlgQuota) loaded = NULL;

  /* A quota is set on a value of the process's vocabulary, matched exactly on its id. */
  dlg_quota_set_category (q, "gender");
  dlg_quota_set_value (q, "F");
  dlg_quota_set_max (q, 12);
  g_assert_false (dlg_quota_save (f->store, q, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“F”"));
  g_clear_error (&error);
  dlg_quota_set_value (q, "Woman");
  g_assert_false (dlg_quota_save (f->store, q, &error));
  g_clear_error (&error);
  dlg_quota_set_category (q, "income");
  dlg_quota_set_value (q, "woman");
  g_assert_false (dlg_quota_save (f->store, q, &error));
  g_clear_error (&error);
  dlg_quota_set_category (q, "gender");
  dlg_quota_set_value (q, "woman");
  dlg_quota_set_min (q, 10);
  dlg_quota_set_max (q, 5);
  dlg_quota_set_max (q, 5);
  g_assert_false (dlg_quota_save (f->store, q, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_quota_set_max (q, 12);
  dlg_quota_set_min_flex (q, 11);
  g_assert_false (dlg_quota_save (f->store, q, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_quota_set_min_flex (q, 8);
  dlg_quota_set_target_share (q, 0.5);
  g_assert_true (dlg_quota_save (f->store, q, &error));
  g_assert_no_error (error);
  loaded = dlg_quota_load (f->store, dlg_quota_get_id (q), &error);
  g_assert_cmpint (dlg_quota_get_min_flex (loaded), ==, 8);
  g_assert_cmpint (dlg_quota_get_max_flex (loaded), ==, -1);
  g_assert_cmpfloat (dlg_quota_get_target_share (loaded), ==, 0.5);
  dlg_quota_set_target_share (loaded, NAN);
  g_assert_true (dlg_quota_save (f->store, loaded, &error));
  g_assert_true (isnan (dlg_quota_get_target_share (loaded)));

  dlg_quota_set_category (dup, "gender");
  dlg_quota_set_value (dup, "woman");
  g_assert_false (dlg_quota_save (f->store, dup, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  /* In the officer's words, not in ids. */
  g_assert_nonnull (strstr (error->message, "Genre — Femme"));
  g_clear_error (&error);
  dlg_quota_set_value (dup, "man");
  g_assert_true (dlg_quota_save (f->store, dup, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_quota_delete (f->store, dlg_quota_get_id (dup), &error));
}

/* Mapping a value that does not fit: every registration holding it and the quotas on it take
 * the chosen id; only an id of the category is accepted, or no answer where none is needed. */
static void
test_profile_map (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(DlgProfile) profile = NULL;
  g_autofree char *who = NULL;
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DlgParticipant) p = dlg_participant_new (f->pid);
      g_autoptr(DlgParticipantContact) c = NULL;

      dlg_participant_set_gender (p, i < 2 ? "F" : "man");
      dlg_participant_set_quartier (p, i == 0 ? "Malakoff" : "");
      dlg_participant_set_consent (p, TRUE);
      g_assert_true (dlg_participant_save (f->store, p, &error));
      c = dlg_participant_contact_new (dlg_participant_get_id (p));
      dlg_participant_contact_set_full_name (c, i == 0 ? "Zoé Martin" : "Awa Diallo");
      g_assert_true (dlg_participant_contact_save (f->store, c, &error));
    }
  profile = dlg_profile_load (f->store, f->pid, &error);
  misfits = dlg_profile_list_misfits (f->store, f->pid, &error);
  g_assert_no_error (error);
  /* by name: Awa Diallo (gender), Zoé Martin (gender, quartier) */
  g_assert_cmpuint (misfits->len, ==, 3);
  who = dlg_profile_describe_misfits (profile, misfits);
  g_assert_cmpstr (who, ==, "Awa Diallo (Genre — “F”) and Zoé Martin (Genre — “F”, "
                            "Quartier — “Malakoff”)");

  /* not an id of the category; the case of a label is not an id either */
  g_assert_false (dlg_profile_map_value (f->store, f->pid, "gender", "F", "Femme", &n, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  /* a gender is needed: no answer is not a choice; a quartier is not */
  g_assert_false (dlg_profile_map_value (f->store, f->pid, "gender", "F", "", &n, &error));
  g_clear_error (&error);
  g_assert_true (dlg_profile_map_value (f->store, f->pid, "quartier", "Malakoff", "", &n,
                                        &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (dlg_profile_map_value (f->store, f->pid, "gender", "F", "woman", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_clear_pointer (&misfits, g_ptr_array_unref);
  misfits = dlg_profile_list_misfits (f->store, f->pid, &error);
  g_assert_cmpuint (misfits->len, ==, 0);

  /* an empty value only matters to a category with quotas */
  {
    g_autoptr(DlgQuota) q = dlg_quota_new (f->pid);

    dlg_quota_set_category (q, "age_band");
    dlg_quota_set_value (q, "30-44");
    dlg_quota_set_max (q, 2);
    g_assert_true (dlg_quota_save (f->store, q, &error));
  }
  g_clear_pointer (&misfits, g_ptr_array_unref);
  misfits = dlg_profile_list_misfits (f->store, f->pid, &error);
  g_assert_cmpuint (misfits->len, ==, 3);
  g_assert_cmpstr (((DlgProfileMisfit *) g_ptr_array_index (misfits, 0))->value, ==, "");
}

static void
test_session_attendance (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgSession) s = dlg_session_new (f->pid);
  g_autoptr(DlgParticipant) p = dlg_participant_new (f->pid);
  g_autoptr(GArray) attendance = NULL;
  g_autoptr(GListModel) list = NULL;

  dlg_session_set_title (s, "Atelier 1");
  g_assert_false (dlg_session_save (f->store, s, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_session_set_starts_at (s, "2025-03-15T09:30:00Z");
  g_assert_true (dlg_session_save (f->store, s, &error));
  g_assert_true (dlg_participant_save (f->store, p, &error));
  g_assert_no_error (error);

  g_assert_true (dlg_session_set_attendance (f->store, dlg_session_get_id (s),
                                             dlg_participant_get_id (p), TRUE, &error));
  g_assert_true (dlg_session_set_attendance (f->store, dlg_session_get_id (s),
                                             dlg_participant_get_id (p), FALSE, &error));
  g_assert_no_error (error);
  attendance = dlg_session_list_attendance (f->store, dlg_session_get_id (s), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendance->len, ==, 1);
  g_assert_cmpint (g_array_index (attendance, DlgAttendance, 0).participant_id, ==,
                   dlg_participant_get_id (p));
  g_assert_false (g_array_index (attendance, DlgAttendance, 0).present);
  g_assert_false (dlg_session_set_attendance (f->store, dlg_session_get_id (s), 999, TRUE,
                                              &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = dlg_session_list (f->store, f->pid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (dlg_session_delete (f->store, dlg_session_get_id (s), &error));
  g_assert_no_error (error);
}

/* --- recommendations, review, position, response, commitments ------------------------------- */

static DlgRecommendation *
make_recommendation (Fixture    *f,
                     const char *title)
{
  g_autoptr(GError) error = NULL;
  DlgRecommendation *r = dlg_recommendation_new (f->pid);

  dlg_recommendation_set_title (r, title);
  g_assert_true (dlg_recommendation_save (f->store, r, &error));
  g_assert_no_error (error);
  return r;
}

static void
test_recommendation_numbers (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgRecommendation) r1 = make_recommendation (f, "Végétaliser la place");
  g_autoptr(DlgRecommendation) r2 = make_recommendation (f, "Des bancs à l’ombre");
  g_autoptr(DlgRecommendation) r3 = NULL;
  g_autoptr(DlgContribution) c = make_contribution (f, "Des arbres");
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GListModel) list = NULL;

  g_assert_cmpint (dlg_recommendation_get_number (r1), ==, 1);
  g_assert_cmpint (dlg_recommendation_get_number (r2), ==, 2);
  dlg_recommendation_set_body (r1, "Planter des arbres.");
  g_assert_true (dlg_recommendation_save (f->store, r1, &error));
  g_assert_cmpint (dlg_recommendation_get_number (r1), ==, 1);
  g_assert_cmpuint (count_journal (f, "recommendation.create"), ==, 2);
  g_assert_cmpuint (count_journal (f, "recommendation.update"), ==, 1);

  g_assert_true (dlg_recommendation_delete (f->store, dlg_recommendation_get_id (r2), &error));
  r3 = make_recommendation (f, "Fermer la rue le dimanche");
  g_assert_cmpint (dlg_recommendation_get_number (r3), ==, 2);

  g_assert_true (dlg_recommendation_link_contribution (f->store, dlg_recommendation_get_id (r1),
                                                       dlg_contribution_get_id (c), &error));
  g_assert_true (dlg_recommendation_link_contribution (f->store, dlg_recommendation_get_id (r1),
                                                       dlg_contribution_get_id (c), &error));
  g_assert_no_error (error);
  sources = dlg_recommendation_list_sources (f->store, dlg_recommendation_get_id (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 1);
  g_assert_true (dlg_recommendation_unlink_contribution (f->store,
                                                         dlg_recommendation_get_id (r1),
                                                         dlg_contribution_get_id (c), &error));
  g_clear_object (&sources);
  sources = dlg_recommendation_list_sources (f->store, dlg_recommendation_get_id (r1), &error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 0);

  list = dlg_recommendation_list (f->store, f->pid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
}

static void
test_review_load_for (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgRecommendation) r = make_recommendation (f, "Végétaliser la place");
  g_autoptr(DlgReview) review = NULL;
  g_autoptr(DlgReview) again = NULL;
  g_autoptr(GListModel) list = NULL;

  review = dlg_review_load_for (f->store, dlg_recommendation_get_id (r), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_review_get_id (review), ==, 0);
  dlg_review_set_department (review, "Espaces verts");
  dlg_review_set_proposed_position (review, "maybe");
  g_assert_false (dlg_review_save (f->store, review, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_review_set_proposed_position (review, "partly_retained");
  g_assert_true (dlg_review_save (f->store, review, &error));
  g_assert_no_error (error);
  g_assert_nonnull (dlg_review_get_updated_at (review));

  again = dlg_review_load_for (f->store, dlg_recommendation_get_id (r), &error);
  g_assert_cmpint (dlg_review_get_id (again), ==, dlg_review_get_id (review));
  g_assert_cmpstr (dlg_review_get_proposed_position (again), ==, "partly_retained");
  list = dlg_review_list (f->store, f->pid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_null (dlg_review_load_for (f->store, 4242, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

static void
test_position_commitment (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgRecommendation) r = make_recommendation (f, "Végétaliser la place");
  g_autoptr(DlgPosition) position = NULL;
  g_autoptr(DlgCommitment) commitment = dlg_commitment_new (f->pid);
  g_autoptr(DlgCommitment) reloaded = NULL;
  g_autoptr(DlgCommitmentUpdate) update = NULL;
  g_autoptr(DlgCommitmentUpdate) older = NULL;
  g_autoptr(DlgResponse) response = NULL;
  g_autoptr(GListModel) updates = NULL;
  g_autoptr(GListModel) positions = NULL;

  g_assert_cmpstr (dlg_position_value_get_label ("retained"), ==, "Retained");
  g_assert_cmpuint (g_strv_length ((GStrv) dlg_position_values ()), ==, 5);

  /* A commitment without a position is refused, with a message that says why. */
  dlg_commitment_set_title (commitment, "Planter 30 arbres");
  g_assert_false (dlg_commitment_save (f->store, commitment, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "position"));
  g_clear_error (&error);
  dlg_commitment_set_position_id (commitment, 777);
  g_assert_false (dlg_commitment_save (f->store, commitment, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  position = dlg_position_load_for (f->store, dlg_recommendation_get_id (r), &error);
  g_assert_no_error (error);
  dlg_position_set_value (position, "retained");
  dlg_position_set_justification (position, "Budget voté.");
  g_assert_true (dlg_position_save (f->store, position, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "position.create"), ==, 1);
  positions = dlg_position_list (f->store, f->pid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (positions), ==, 1);

  response = dlg_response_load_for (f->store, f->pid, &error);
  g_assert_no_error (error);
  g_assert_false (dlg_response_get_saved (response));
  dlg_response_set_intro (response, "La ville répond.");
  g_assert_true (dlg_response_save (f->store, response, &error));
  g_assert_no_error (error);
  g_assert_nonnull (dlg_response_get_uuid (response));
  g_assert_cmpuint (count_journal (f, "response.create"), ==, 1);

  dlg_commitment_set_position_id (commitment, dlg_position_get_id (position));
  dlg_commitment_set_due_date (commitment, "2026-04-30");
  dlg_commitment_set_progress (commitment, 120);
  g_assert_false (dlg_commitment_save (f->store, commitment, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_commitment_set_progress (commitment, 0);
  g_assert_true (dlg_commitment_save (f->store, commitment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_commitment_get_sync_state (commitment), ==, "created");
  g_assert_cmpuint (count_journal (f, "commitment.create"), ==, 1);

  /* Once synced, a change marks it modified. */
  g_assert_cmpint (query_int (f, "UPDATE commitment SET sync_state = 'synced' WHERE id = ?1"
                              " RETURNING 1", dlg_commitment_get_id (commitment)), ==, 1);
  g_assert_cmpint (query_int (f, "UPDATE response SET sync_state = 'synced' WHERE process_id = ?1"
                              " RETURNING 1", f->pid), ==, 1);

  update = dlg_commitment_update_new (dlg_commitment_get_id (commitment));
  dlg_commitment_update_set_dated (update, "2025-10-01");
  dlg_commitment_update_set_progress (update, 40);
  dlg_commitment_update_set_text (update, "Dix arbres plantés.");
  g_assert_true (dlg_commitment_update_save (f->store, update, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "commitment_update.create"), ==, 1);
  reloaded = dlg_commitment_load (f->store, dlg_commitment_get_id (commitment), &error);
  g_assert_cmpint (dlg_commitment_get_progress (reloaded), ==, 40);
  g_assert_cmpstr (dlg_commitment_get_status (reloaded), ==, "in_progress");
  g_assert_cmpstr (dlg_commitment_get_sync_state (reloaded), ==, "modified");

  /* An older report does not overwrite the latest progress. */
  older = dlg_commitment_update_new (dlg_commitment_get_id (commitment));
  dlg_commitment_update_set_dated (older, "2025-06-01");
  dlg_commitment_update_set_progress (older, 10);
  g_assert_true (dlg_commitment_update_save (f->store, older, &error));
  g_clear_object (&reloaded);
  reloaded = dlg_commitment_load (f->store, dlg_commitment_get_id (commitment), &error);
  g_assert_cmpint (dlg_commitment_get_progress (reloaded), ==, 40);
  updates = dlg_commitment_update_list (f->store, dlg_commitment_get_id (commitment), &error);
  g_assert_cmpuint (g_list_model_get_n_items (updates), ==, 2);
  dlg_commitment_update_set_status (older, "someday");
  g_assert_false (dlg_commitment_update_save (f->store, older, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  /* Changing a position marks the synced response modified. */
  dlg_position_set_value (position, "partly_retained");
  g_assert_true (dlg_position_save (f->store, position, &error));
  g_clear_object (&response);
  response = dlg_response_load (f->store, f->pid, &error);
  g_assert_cmpstr (dlg_response_get_sync_state (response), ==, "modified");

  /* A position with commitments cannot go. */
  g_assert_false (dlg_position_delete (f->store, dlg_position_get_id (position), &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_RULE);
  g_clear_error (&error);
  /* Deleting the latest report brings back the progress of the one left. */
  g_assert_true (dlg_commitment_update_delete (f->store, dlg_commitment_update_get_id (update),
                                               &error));
  g_assert_no_error (error);
  g_clear_object (&reloaded);
  reloaded = dlg_commitment_load (f->store, dlg_commitment_get_id (commitment), &error);
  g_assert_cmpint (dlg_commitment_get_progress (reloaded), ==, 10);
  g_assert_cmpuint (count_journal (f, "commitment_update.delete"), ==, 1);
  g_assert_true (dlg_commitment_delete (f->store, dlg_commitment_get_id (commitment), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "commitment.delete"), ==, 1);
  g_assert_true (dlg_position_delete (f->store, dlg_position_get_id (position), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "position.delete"), ==, 1);
  g_assert_true (dlg_response_delete (f->store, f->pid, &error));
  g_assert_null (dlg_response_load (f->store, f->pid, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

/* --- narrative ------------------------------------------------------------------------------ */

static void
test_narrative_publish (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgNarrative) n = dlg_narrative_new (f->pid);
  g_autoptr(DlgNarrative) loaded = NULL;
  g_autoptr(GListModel) list = NULL;

  g_assert_cmpstr (dlg_narrative_get_state (n), ==, "draft");
  dlg_narrative_set_title (n, "Ce que nous avons entendu");
  dlg_narrative_set_stage (n, "opinion");
  dlg_narrative_set_body_md (n, "# Synthèse\n\n*Merci* à tous.");
  g_assert_true (dlg_narrative_save (f->store, n, &error));
  g_assert_no_error (error);
  g_assert_null (dlg_narrative_get_published_at (n));

  g_assert_true (dlg_narrative_publish (f->store, dlg_narrative_get_id (n), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (f, "narrative.publish"), ==, 1);
  loaded = dlg_narrative_load (f->store, dlg_narrative_get_id (n), &error);
  g_assert_cmpstr (dlg_narrative_get_state (loaded), ==, "published");
  g_assert_nonnull (dlg_narrative_get_published_at (loaded));

  g_assert_cmpint (query_int (f, "UPDATE narrative SET sync_state = 'synced' WHERE id = ?1"
                              " RETURNING 1", dlg_narrative_get_id (n)), ==, 1);
  dlg_narrative_set_body_md (loaded, "# Synthèse\n\nMerci.");
  g_assert_true (dlg_narrative_save (f->store, loaded, &error));
  g_assert_cmpstr (dlg_narrative_get_sync_state (loaded), ==, "modified");
  g_assert_cmpstr (dlg_narrative_get_state (loaded), ==, "published");

  g_assert_true (dlg_narrative_unpublish (f->store, dlg_narrative_get_id (n), &error));
  g_assert_cmpuint (count_journal (f, "narrative.unpublish"), ==, 1);
  list = dlg_narrative_list (f->store, f->pid, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (dlg_narrative_delete (f->store, dlg_narrative_get_id (n), &error));
  g_assert_no_error (error);
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
  ADD ("contribution/row-writes", test_row_writes);
  ADD ("theme/tree", test_theme_tree);
  g_test_add_func ("/core/domain/contribution_list/fts-query", test_fts_query);
  ADD ("contribution_list/large", test_contribution_list_large);
  ADD ("contribution_list/sort", test_contribution_list_sort);
  ADD ("contribution_list/search-plans", test_contribution_list_search_plans);
  ADD ("decision/roundtrip", test_decision_roundtrip);
  ADD ("feature/catalogue", test_feature_catalogue);
  ADD ("participant/contact", test_participant_contact);
  ADD ("quota/rules", test_quota_rules);
  ADD ("profile/map", test_profile_map);
  ADD ("session/attendance", test_session_attendance);
  ADD ("recommendation/numbers", test_recommendation_numbers);
  ADD ("review/load-for", test_review_load_for);
  ADD ("position/commitment", test_position_commitment);
  ADD ("narrative/publish", test_narrative_publish);
  /* @ADD@ */

  return g_test_run ();
}
