/* test-domain.c — the domain objects and their storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "dlg-core.h"

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
  /* @ADD@ */

  return g_test_run ();
}
