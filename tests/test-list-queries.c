/* test-list-queries.c — a record list is read with a fixed number of statements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stage views show per row what they read with the list (a count of sources or of people
 * present, a review, a decision, a position, where an item stands with the site). Each test
 * counts the SQL statements of one reload of a view (sqlite3_trace_v2 on the store's
 * connection), adds rows, and counts again: the count does not grow with the rows (no N+1
 * load). The core's batch queries are checked against the per-row ones they replace.
 */

#include "config.h"

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-follow-up-view.h"
#include "dlg-opinion-view.h"
#include "dlg-publication.h"
#include "dlg-record-section.h"
#include "dlg-response-view.h"
#include "dlg-review-view.h"
#include "dlg-stage-view-base.h"
#include "dlg-store-private.h"
#include "dlg-sync-outbox.h"
#include "dlg-validation-view.h"
#include "dlg-workshop-view.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-list-queries");
  reopen_down_to (f, DLG_STAGE_WORKSHOP);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

/* ---------------------------------------------------------------- counting statements */

static int
count_statement_cb (unsigned  type,
                    void     *data,
                    void     *p,
                    void     *x)
{
  const char *sql = x;

  /* A trigger's statements come as "-- TRIGGER name": they are part of their statement. */
  if (sql != NULL && !g_str_has_prefix (sql, "--"))
    (*(guint *) data)++;
  return 0;
}

/* The statements one reload of @view runs. */
static guint
statements_of_reload (Fixture   *f,
                      GtkWidget *view)
{
  guint n = 0;

  spin (30);   /* what the window does with the last change, before counting */
  sqlite3_trace_v2 (dlg_store_get_db (f->store), SQLITE_TRACE_STMT, count_statement_cb, &n);
  dlg_stage_view_base_reload (DLG_STAGE_VIEW_BASE (view));
  sqlite3_trace_v2 (dlg_store_get_db (f->store), 0, NULL, NULL);
  return n;
}

static GtkWidget *
load_view (Fixture *f,
           GType    type)
{
  GtkWidget *view = g_object_ref_sink (g_object_new (type, NULL));

  dlg_stage_view_load (DLG_STAGE_VIEW (view), f->context, f->demo_id);
  return view;
}

static guint
n_rows (GtkWidget *view)
{
  DlgRecordSection *section = find_nth (view, DLG_TYPE_RECORD_SECTION, 0);

  return g_list_model_get_n_items (dlg_record_section_get_model (section));
}

static gint64
first_id (Fixture    *f,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, f->demo_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* @n recommendations more, each from a contribution of the demo, reviewed, decided and
 * answered. */
static void
add_recommendations (Fixture *f,
                     guint    n)
{
  gint64 contribution_id = first_id (f, "SELECT id FROM contribution WHERE process_id = ?1"
                                        " ORDER BY id LIMIT 1");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgRecommendation) r = dlg_recommendation_new (f->demo_id);
      g_autoptr(DlgReview) review = NULL;
      g_autoptr(DlgDecision) decision = dlg_decision_new (f->demo_id);
      g_autoptr(DlgPosition) position = NULL;
      g_autofree char *title = g_strdup_printf ("Préconisation ajoutée %u", i);
      g_autoptr(GError) error = NULL;

      dlg_recommendation_set_title (r, title);
      g_assert_true (dlg_recommendation_save (f->store, r, &error));
      g_assert_no_error (error);
      g_assert_true (dlg_recommendation_link_contribution (f->store, dlg_recommendation_get_id (r),
                                                           contribution_id, &error));
      g_assert_no_error (error);
      review = dlg_review_new (dlg_recommendation_get_id (r));
      dlg_review_set_department (review, "Direction des mobilités");
      g_assert_true (dlg_review_save (f->store, review, &error));
      g_assert_no_error (error);
      dlg_decision_set_stage (decision, "validation");
      dlg_decision_set_recommendation_id (decision, dlg_recommendation_get_id (r));
      dlg_decision_set_decided_at (decision, "2026-03-01");
      dlg_decision_set_who (decision, "Le bureau métropolitain");
      dlg_decision_set_what (decision, "Retenue");
      dlg_decision_set_outcome (decision, "retained");
      g_assert_true (dlg_decision_save (f->store, decision, &error));
      g_assert_no_error (error);
      position = dlg_position_new (dlg_recommendation_get_id (r));
      dlg_position_set_value (position, "retained");
      g_assert_true (dlg_position_save (f->store, position, &error));
      g_assert_no_error (error);
    }
}

/* ---------------------------------------------------------------- the views */

static void
check_recommendation_view (Fixture *f,
                           GType    type)
{
  g_autoptr(GtkWidget) view = load_view (f, type);
  guint rows = n_rows (view);
  guint before = statements_of_reload (f, view);

  add_recommendations (f, 4);
  g_assert_cmpuint (statements_of_reload (f, view), ==, before);
  g_assert_cmpuint (n_rows (view), ==, rows + 4);
}

static void
test_opinion (Fixture       *f,
              gconstpointer  data)
{
  check_recommendation_view (f, DLG_TYPE_OPINION_VIEW);
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  check_recommendation_view (f, DLG_TYPE_REVIEW_VIEW);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  check_recommendation_view (f, DLG_TYPE_VALIDATION_VIEW);
}

/* The response's positions: one editor per recommendation, all read with the list. */
static void
test_response (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GtkWidget) view = load_view (f, DLG_TYPE_RESPONSE_VIEW);
  guint editors = find_all (view, ADW_TYPE_COMBO_ROW)->len;
  guint before = statements_of_reload (f, view);

  add_recommendations (f, 4);
  g_assert_cmpuint (statements_of_reload (f, view), ==, before);
  g_assert_cmpuint (find_all (view, ADW_TYPE_COMBO_ROW)->len, ==, editors + 4);
}

static void
test_workshop (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GtkWidget) view = load_view (f, DLG_TYPE_WORKSHOP_VIEW);
  gint64 participant_id = first_id (f, "SELECT id FROM participant WHERE process_id = ?1"
                                       " ORDER BY id LIMIT 1");
  guint rows = n_rows (view);
  guint before = statements_of_reload (f, view);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(DlgSession) session = dlg_session_new (f->demo_id);
      g_autoptr(GError) error = NULL;

      dlg_session_set_title (session, "Séance ajoutée");
      dlg_session_set_starts_at (session, "2026-02-10T18:00:00");
      g_assert_true (dlg_session_save (f->store, session, &error));
      g_assert_no_error (error);
      g_assert_true (dlg_session_set_attendance (f->store, dlg_session_get_id (session),
                                                 participant_id, TRUE, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (statements_of_reload (f, view), ==, before);
  g_assert_cmpuint (n_rows (view), ==, rows + 4);
}

static void
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GtkWidget) view = load_view (f, DLG_TYPE_FOLLOW_UP_VIEW);
  guint rows = n_rows (view);
  guint before = statements_of_reload (f, view);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(DlgFollowUp) item = dlg_follow_up_new (f->demo_id);
      g_autoptr(GError) error = NULL;

      dlg_follow_up_set_dated (item, "2026-06-01");
      dlg_follow_up_set_title (item, "Comité de suivi");
      dlg_follow_up_set_published (item, i % 2 == 0);
      g_assert_true (dlg_follow_up_save (f->store, item, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (statements_of_reload (f, view), ==, before);
  g_assert_cmpuint (n_rows (view), ==, rows + 4);
}

/* ---------------------------------------------------------------- the core's batch queries */

/* Each batch query says for every row what the per-row query says. */
static void
test_batch_agrees (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(GHashTable) present = NULL;
  g_autoptr(GHashTable) where = NULL;
  g_autoptr(GListModel) recommendations = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GListModel) follow_ups = NULL;
  guint n_counted = 0;

  add_recommendations (f, 2);
  recommendations = dlg_recommendation_list (f->store, f->demo_id, &error);
  sources = dlg_recommendation_count_sources (f->store, f->demo_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      gint64 id = dlg_recommendation_get_id (r);
      g_autoptr(GListModel) list = dlg_recommendation_list_sources (f->store, id, &error);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (sources, &id)), ==,
                        g_list_model_get_n_items (list));
      n_counted += g_list_model_get_n_items (list);
    }
  g_assert_cmpuint (n_counted, >=, 2);

  sessions = dlg_session_list (f->store, f->demo_id, &error);
  present = dlg_session_count_present (f->store, f->demo_id, &error);
  g_assert_no_error (error);
  n_counted = 0;
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(DlgSession) s = g_list_model_get_item (sessions, i);
      gint64 id = dlg_session_get_id (s);
      g_autoptr(GArray) attendance = dlg_session_list_attendance (f->store, id, &error);
      guint count = 0;

      for (guint j = 0; j < attendance->len; j++)
        count += g_array_index (attendance, DlgAttendance, j).present ? 1 : 0;
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (present, &id)), ==, count);
      n_counted += count;
    }
  g_assert_cmpuint (n_counted, >, 0);   /* the demo took attendance */

  follow_ups = dlg_follow_up_list (f->store, f->demo_id, &error);
  where = dlg_sync_list_publications (f->store, "follow_up", f->demo_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (where), ==, g_list_model_get_n_items (follow_ups));
  for (guint i = 0; i < g_list_model_get_n_items (follow_ups); i++)
    {
      g_autoptr(DlgFollowUp) item = g_list_model_get_item (follow_ups, i);
      const char *uuid = dlg_follow_up_get_uuid (item);

      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (where, uuid)), ==,
                       dlg_sync_get_publication (f->store, "follow_up", uuid));
    }
  /* Another process's items are not listed; an unknown type is refused. */
  g_clear_pointer (&where, g_hash_table_unref);
  where = dlg_sync_list_publications (f->store, "follow_up", f->demo_id + 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (where), ==, 0);
  g_assert_null (dlg_publication_list_status (f->store, "nothing", f->demo_id, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);

  g_test_add ("/gui/list-queries/opinion", Fixture, NULL, fixture_setup, test_opinion,
              fixture_teardown);
  g_test_add ("/gui/list-queries/review", Fixture, NULL, fixture_setup, test_review,
              fixture_teardown);
  g_test_add ("/gui/list-queries/validation", Fixture, NULL, fixture_setup, test_validation,
              fixture_teardown);
  g_test_add ("/gui/list-queries/response", Fixture, NULL, fixture_setup, test_response,
              fixture_teardown);
  g_test_add ("/gui/list-queries/workshop", Fixture, NULL, fixture_setup, test_workshop,
              fixture_teardown);
  g_test_add ("/gui/list-queries/follow-up", Fixture, NULL, fixture_setup, test_follow_up,
              fixture_teardown);
  g_test_add ("/core/list-queries/batch-agrees", Fixture, NULL, fixture_setup,
              test_batch_agrees, fixture_teardown);

  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-list-queries", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_free (template_db);
  return status;
}
