/* test-unchanged.c — what the officer did not change stays as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson under xvfb-run and dbus-run-session, like test-gui. The database is the demo
 * process with every stage filled in through the core (reviews, validation decisions, the
 * response and its positions, commitments with dated updates, follow-up entries, a saved draw
 * with an invitation answered, annotations), so that each view's widgets really load values.
 *
 * - Opening every view and page (and every record's dialog) and changing nothing leaves the
 *   database as it was: a logical dump of every table (journal and outbox included) is the
 *   same before and after.
 * - An edit dialog follows its record: a change made elsewhere (another dialog, a sync pull)
 *   shows in its widgets, and its next save does not write its old values over the new ones.
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "dlg-contributions-page.h"
#include "dlg-core.h"
#include "dlg-edit-dialog.h"
#include "dlg-field-binding.h"
#include "dlg-narratives-page.h"
#include "dlg-stage-page.h"
#include "dlg-window.h"
#include "gui-fixture.h"

/* The enriched demo database, made once and copied for each test: as the demo leaves it (its
 * first five stages done, so read-only), and with every stage open (every widget editable). */
static char *template_db;
static char *template_open_db;

typedef GuiFixture Fixture;

/* The dump of the test's copy, before the window opened it. */
static char *dump_before;

/* ---------------------------------------------------------------- the dump */

static void
dump_value (GString      *out,
            sqlite3_stmt *stmt,
            int           col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      g_string_append (out, "NULL");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%lld", (long long)sqlite3_column_int64 (stmt, col));
      break;
    case SQLITE_FLOAT:
      g_string_append_printf (out, "%.17g", sqlite3_column_double (stmt, col));
      break;
    case SQLITE_BLOB:
      {
        const guchar *data = sqlite3_column_blob (stmt, col);
        int n = sqlite3_column_bytes (stmt, col);

        g_string_append (out, "x'");
        for (int i = 0; i < n; i++)
          g_string_append_printf (out, "%02x", data[i]);
        g_string_append_c (out, '\'');
      }
      break;
    default:
      {
        g_autofree char *escaped = g_strescape ((const char *)sqlite3_column_text (stmt, col),
                                                NULL);

        g_string_append_printf (out, "'%s'", escaped);
      }
    }
}

/* "ORDER BY" for every row of @table: its rowid, or its primary key (WITHOUT ROWID). */
static char *
order_by (sqlite3    *db,
          const char *table,
          const char *sql)
{
  g_autofree char *query = NULL;
  g_autoptr(GString) columns = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sql == NULL || strstr (sql, "WITHOUT ROWID") == NULL)
    return g_strdup ("rowid");
  columns = g_string_new (NULL);
  query = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') WHERE pk > 0 ORDER BY pk",
                           table);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (columns, "%s\"%s\"", columns->len > 0 ? ", " : "",
                            sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (columns->len, >, 0);
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

/* Every object of sqlite_master in order, then every row of every table in rowid (or primary
 * key) order: journal, outbox and sync state included. Virtual tables are dumped through their
 * shadow tables, which are ordinary ones. */
static char *
dump_database (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sqls = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uri = g_strconcat ("file:", path, "?mode=ro", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append_printf (out, "user_version %d\n", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_master"
                                       " ORDER BY rowid", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *)sqlite3_column_text (stmt, 0);
      const char *name = (const char *)sqlite3_column_text (stmt, 1);
      const char *sql = (const char *)sqlite3_column_text (stmt, 3);

      g_string_append_printf (out, "%s %s on %s: %s\n", type, name, sqlite3_column_text (stmt, 2),
                              sql != NULL ? sql : "(none)");
      if (g_str_equal (type, "table") &&
          !(sql != NULL && g_str_has_prefix (sql, "CREATE VIRTUAL TABLE")))
        {
          g_ptr_array_add (tables, g_strdup (name));
          g_ptr_array_add (sqls, g_strdup (sql));
        }
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *order = order_by (db, table, g_ptr_array_index (sqls, i));
      g_autofree char *query = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY %s", table, order);

      g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (out, "%s:", table);
          for (int col = 0; col < sqlite3_column_count (stmt); col++)
            {
              g_string_append_printf (out, " %s=", sqlite3_column_name (stmt, col));
              dump_value (out, stmt, col);
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Fails with the lines that differ (a few of them), so that the failure says what was written. */
static void
assert_same_dump (const char *before,
                  const char *after)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  guint differ = 0;

  if (g_strcmp0 (before, after) == 0)
    return;
  a = g_strsplit (before, "\n", -1);
  b = g_strsplit (after, "\n", -1);
  for (guint i = 0; a[i] != NULL; i++)
    g_hash_table_add (in_a, a[i]);
  for (guint i = 0; b[i] != NULL; i++)
    g_hash_table_add (in_b, b[i]);
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_hash_table_contains (in_b, a[i]) && differ++ < 12)
      g_printerr ("- %.400s\n", a[i]);
  for (guint i = 0; b[i] != NULL; i++)
    if (!g_hash_table_contains (in_a, b[i]) && differ++ < 24)
      g_printerr ("+ %.400s\n", b[i]);
  g_assert_cmpuint (differ, ==, 0);
  g_assert_true (g_str_equal (before, after));   /* the same rows in another order */
}

/* ---------------------------------------------------------------- helpers */

/* The row of @root whose title is @title. */
static gpointer
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = find_all (root, type);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no row “%s”", title);
  return NULL;
}

/* The spin button of the action row titled @title. */
static GtkSpinButton *
find_spin (GtkWidget  *root,
           const char *title)
{
  return find_nth (find_row (root, ADW_TYPE_ACTION_ROW, title), GTK_TYPE_SPIN_BUTTON, 0);
}

static DlgStageView *
show_stage (Fixture  *f,
            DlgStage  stage)
{
  DlgStagePage *page;

  dlg_window_select_stage (f->window, stage);
  spin (60);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f->window), ==, dlg_stage_to_id (stage));
  page = dlg_window_get_stage_page (f->window, stage);
  g_assert_cmpint (dlg_stage_page_get_process (page), ==, f->demo_id);
  return dlg_stage_page_get_view (page);
}

/* The rows of @view that open a record (dlg_record_row_new), in tree order. */
static GPtrArray *
record_rows (GtkWidget *view)
{
  g_autoptr(GPtrArray) rows = find_all (view, ADW_TYPE_ACTION_ROW);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (rows, i)), "dlg-record-id") != NULL)
      g_ptr_array_add (out, g_ptr_array_index (rows, i));
  return out;
}

static void
activate_row (GtkWidget *row)
{
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  spin (60);
}

static void
close_edit_dialog (DlgEditDialog *dialog)
{
  g_autoptr(GtkWidget) hold = g_object_ref (GTK_WIDGET (dialog));

  gtk_window_close (GTK_WINDOW (dialog));
  spin (30);
  g_assert_false (gtk_widget_get_visible (hold));
}

/* ---------------------------------------------------------------- the database */

#define COMMITMENT_TITLE "Bancs et ombrières côté marché"
#define COMMITMENT_PROGRESS 35

#define check(ok, error) \
  G_STMT_START { gboolean ok_ = (ok); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

/* Every stage of the demo gets content. */
static void
fill_demo (DlgStore *store,
           gint64    process_id)
{
  g_autoptr(GListModel) recommendations = dlg_recommendation_list (store, process_id, NULL);
  g_autoptr(GListModel) contributions = dlg_contribution_list (store, process_id, NULL);
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(DlgDrawInput) input = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  g_autoptr(DlgResponse) response = dlg_response_new (process_id);
  gint64 position_ids[2] = { 0, 0 };
  GError *error = NULL;
  gint64 draw_id = 0;
  guint n = g_list_model_get_n_items (recommendations);

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      gint64 id = dlg_recommendation_get_id (r);
      g_autoptr(DlgReview) review = dlg_review_new (id);
      g_autoptr(DlgDecision) decision = dlg_decision_new (process_id);
      g_autoptr(DlgPosition) position = dlg_position_new (id);
      const char *value = i == 1 ? "not_retained" : i == 2 ? "under_study" : "retained";

      dlg_review_set_department (review, "Direction des espaces publics");
      dlg_review_set_feasibility (review, "Faisable en deux tranches.");
      dlg_review_set_cost (review, "120 000 €");
      dlg_review_set_legal (review, "Aucune contrainte particulière.");
      dlg_review_set_proposed_position (review, value);
      dlg_review_set_notes (review, "Vu avec le service voirie.");
      check (dlg_review_save (store, review, &error), error);

      dlg_decision_set_stage (decision, "validation");
      dlg_decision_set_recommendation_id (decision, id);
      dlg_decision_set_decided_at (decision, "2026-03-02");
      dlg_decision_set_who (decision, "Bureau municipal");
      dlg_decision_set_what (decision, "Position arrêtée en bureau.");
      dlg_decision_set_why (decision, "Selon l’instruction des services.");
      dlg_decision_set_outcome (decision, value);
      check (dlg_decision_save (store, decision, &error), error);

      dlg_position_set_value (position, value);
      dlg_position_set_justification (position, "Le budget de l’opération ne le permet pas.");
      check (dlg_position_save (store, position, &error), error);
      if (i < G_N_ELEMENTS (position_ids))
        position_ids[i] = dlg_position_get_id (position);
    }

  dlg_response_set_intro (response, "Les élus répondent à chacune des préconisations.");
  check (dlg_response_save (store, response, &error), error);

  for (guint i = 0; i < G_N_ELEMENTS (position_ids); i++)
    {
      g_autoptr(DlgCommitment) commitment = dlg_commitment_new (process_id);
      g_autoptr(DlgCommitmentUpdate) update = NULL;

      dlg_commitment_set_position_id (commitment, position_ids[i]);
      dlg_commitment_set_title (commitment, i == 0 ? COMMITMENT_TITLE : "Fontaine à boire");
      dlg_commitment_set_department (commitment, "Direction des espaces publics");
      dlg_commitment_set_due_date (commitment, "2027-06-30");
      dlg_commitment_set_status (commitment, "in_progress");
      dlg_commitment_set_progress (commitment, COMMITMENT_PROGRESS);
      check (dlg_commitment_save (store, commitment, &error), error);

      update = dlg_commitment_update_new (dlg_commitment_get_id (commitment));
      dlg_commitment_update_set_dated (update, "2026-04-15");
      dlg_commitment_update_set_status (update, "in_progress");
      dlg_commitment_update_set_progress (update, COMMITMENT_PROGRESS);
      dlg_commitment_update_set_text (update, "Études de conception terminées.");
      check (dlg_commitment_update_save (store, update, &error), error);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DlgFollowUp) follow_up = dlg_follow_up_new (process_id);

      dlg_follow_up_set_kind (follow_up, i == 0 ? "meeting" : "report");
      dlg_follow_up_set_dated (follow_up, i == 0 ? "2026-05-20" : "2026-06-01");
      dlg_follow_up_set_title (follow_up, i == 0 ? "Premier comité de suivi"
                                                 : "Bilan d’avancement n° 1");
      dlg_follow_up_set_body (follow_up, "Les engagements avancent comme prévu.");
      dlg_follow_up_set_published (follow_up, i == 1);
      check (dlg_follow_up_save (store, follow_up, &error), error);
    }

  /* Annotations and a moderation on the first contributions. */
  {
    g_autoptr(DlgContribution) first = g_list_model_get_item (contributions, 0);
    g_autoptr(DlgContribution) second = g_list_model_get_item (contributions, 1);

    dlg_contribution_set_highlighted (first, TRUE);
    dlg_contribution_set_note (first, "À reprendre dans le récit.");
    check (dlg_contribution_save (store, first, &error), error);
    check (dlg_contribution_moderate (store, dlg_contribution_get_id (second), "trashed",
                                      "Hors sujet.", &error), error);
  }

  /* The recruitment is done in the demo: reopened for its records, then closed again. */
  check (dlg_stage_apply (store, process_id, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_REOPEN,
                          "Tirage à compléter", &error), error);
  /* Quota targets that a spin button of whole per cents cannot show exactly: 12.5 %, none. */
  {
    g_autoptr(GListModel) quotas = dlg_quota_list (store, process_id, NULL);
    g_autoptr(DlgQuota) first = g_list_model_get_item (quotas, 0);
    g_autoptr(DlgQuota) second = g_list_model_get_item (quotas, 1);

    dlg_quota_set_target_share (first, 0.125);
    check (dlg_quota_save (store, first, &error), error);
    dlg_quota_set_target_share (second, NAN);
    check (dlg_quota_save (store, second, &error), error);
  }
  /* A saved draw, and an invitation answered. */
  input = dlg_draw_input_new_for_process (store, process_id, 24, 2026, DLG_DRAW_ALGORITHM_LEXIMIN,
                                          &error);
  check (input != NULL, error);
  result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  check (result != NULL, error);
  check (dlg_draw_save (store, process_id, result, &draw_id, &error), error);
  participants = dlg_participant_list (store, process_id, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (participants, i);

      if (g_strcmp0 (dlg_participant_get_status (p), "selected") == 0)
        {
          check (dlg_draw_set_invitation (store, process_id, dlg_participant_get_id (p),
                                          "accepted", &error), error);
          break;
        }
    }
  check (dlg_stage_apply (store, process_id, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_DONE, NULL,
                          &error), error);
}

/* Every done stage reopened, from the last one down (the order the cycle allows). */
static void
reopen_all (DlgStore *store,
            gint64    process_id)
{
  for (int s = DLG_N_STAGES - 1; s >= 0; s--)
    {
      g_autoptr(DlgStageInfo) info = dlg_stage_get (store, process_id, s, NULL);
      GError *error = NULL;

      if (dlg_stage_info_get_state (info) != DLG_STAGE_STATE_DONE &&
          dlg_stage_info_get_state (info) != DLG_STAGE_STATE_SKIPPED)
        continue;
      check (dlg_stage_apply (store, process_id, s, DLG_TRANSITION_REOPEN, "Tests", &error),
             error);
    }
}

static char *
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlgStore) store = NULL;
  gboolean created = FALSE;
  gint64 id;

  path = gui_demo_db_new ("dialogue-unchanged", &created);
  g_assert_true (created);
  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  id = dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  fill_demo (store, id);
  return g_steal_pointer (&path);   /* closing the store checkpoints the WAL into the file */
}

static char *
make_open_template (const char *from_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-unchanged-XXXXXX", &error);
  char *path = g_build_filename (dir, "open.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (from_path);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(DlgStore) store = NULL;

  g_assert_no_error (error);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  reopen_all (store, dlg_demo_ensure (store, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* ---------------------------------------------------------------- fixture */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_copy (f, *(char * const *)data, "dialogue-unchanged");
  dump_before = dump_database (f->path);
  gui_fixture_open_store (f);
  gui_fixture_open_window (f);
  spin (30);
}

/* Flushes and closes the window as the officer would, closes the store. */
static void
close_all (Fixture *f)
{
  if (f->window != NULL)
    {
      dlg_window_flush (f->window);
      gtk_window_close (GTK_WINDOW (f->window));
      spin (30);
    }
  gui_fixture_close (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
  g_clear_pointer (&dump_before, g_free);
}

/* ---------------------------------------------------------------- tests */

/* The twelve stage views and the three cross-stage pages, shown in turn, nothing typed. */
static void
test_open_change_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *after = NULL;

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      DlgStageView *view = show_stage (f, i);

      /* Longer than the autosave delay: a save scheduled by the load would run. */
      spin (DLG_AUTOSAVE_DELAY_MS / 4);
      dlg_stage_view_flush (view);
    }
  spin (DLG_AUTOSAVE_DELAY_MS + 100);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *page;

      dlg_window_select_page (f->window, DLG_N_STAGES + i);
      spin (100);
      page = dlg_window_get_page (f->window, DLG_N_STAGES + i);
      /* Each page shows a record too: the first contribution, the first narrative. */
      if (DLG_IS_CONTRIBUTIONS_PAGE (page))
        {
          dlg_contributions_page_select (DLG_CONTRIBUTIONS_PAGE (page), 0);
          spin (DLG_AUTOSAVE_DELAY_MS + 100);
          g_assert_nonnull (dlg_contributions_page_get_selected (DLG_CONTRIBUTIONS_PAGE (page)));
          dlg_contributions_page_select (DLG_CONTRIBUTIONS_PAGE (page), 1);
          spin (DLG_AUTOSAVE_DELAY_MS + 100);
          g_assert_true (dlg_contributions_page_flush (DLG_CONTRIBUTIONS_PAGE (page)));
        }
      else if (DLG_IS_NARRATIVES_PAGE (page))
        {
          g_assert_nonnull (dlg_narratives_page_get_current (DLG_NARRATIVES_PAGE (page)));
          spin (DLG_AUTOSAVE_DELAY_MS + 100);
          g_assert_true (dlg_narratives_page_flush (DLG_NARRATIVES_PAGE (page)));
        }
    }
  /* Back to a stage, as an officer would, so that the pages are hidden (they flush). */
  show_stage (f, DLG_STAGE_MANDATE);
  spin (DLG_AUTOSAVE_DELAY_MS + 100);

  close_all (f);
  after = dump_database (f->path);
  assert_same_dump (dump_before, after);
}

/* Focuses every field of @root in turn, as an officer tabbing through would: a spin button
 * reformats its text when it loses focus, and a field flushes on focus-out. */
static guint
focus_every_field (GtkWidget *root)
{
  g_autoptr(GPtrArray) texts = find_all (root, GTK_TYPE_TEXT);
  g_autoptr(GPtrArray) views = find_all (root, GTK_TYPE_TEXT_VIEW);
  guint focused = 0;

  g_ptr_array_extend_and_steal (texts, g_steal_pointer (&views));
  for (guint i = 0; i < texts->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (texts, i);

      if (!gtk_widget_is_drawable (widget) || !gtk_widget_grab_focus (widget))
        continue;
      focused++;
      spin (5);
    }
  return focused;
}

/* Every field of every view and of every record's dialog focused in turn, nothing typed. */
static void
test_focus_change_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *after = NULL;
  guint focused = 0;

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      DlgStageView *view = show_stage (f, i);
      g_autoptr(GPtrArray) rows = record_rows (GTK_WIDGET (view));

      focused += focus_every_field (GTK_WIDGET (view));
      for (guint r = 0; r < rows->len; r++)
        {
          DlgEditDialog *dialog;

          activate_row (g_ptr_array_index (rows, r));
          if ((dialog = find_edit_dialog (NULL)) == NULL)
            continue;
          focused += focus_every_field (GTK_WIDGET (dialog));
          close_edit_dialog (dialog);
        }
      dlg_stage_view_flush (view);
    }
  g_test_message ("%u fields focused", focused);
  g_assert_cmpuint (focused, >=, 100);

  close_all (f);
  after = dump_database (f->path);
  assert_same_dump (dump_before, after);
}

/* The mandate's response delay, the case of issue 8: it shows what the store says. */
static void
test_mandate_response_weeks (Fixture       *f,
                             gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_MANDATE);
  GtkSpinButton *weeks = find_nth (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON, 0);
  g_autofree char *stored = NULL;

  spin (DLG_AUTOSAVE_DELAY_MS + 100);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (weeks), ==, 12);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (weeks)), ==, "12");
  dlg_stage_view_flush (view);
  stored = dlg_process_get_field (f->store, f->demo_id, DLG_FIELD_MANDATE_RESPONSE_WEEKS, NULL);
  g_assert_cmpstr (stored, ==, "12");

  /* An edit is still saved, as a number. */
  gtk_spin_button_set_value (weeks, 10);
  dlg_stage_view_flush (view);
  g_clear_pointer (&stored, g_free);
  stored = dlg_process_get_field (f->store, f->demo_id, DLG_FIELD_MANDATE_RESPONSE_WEEKS, NULL);
  g_assert_cmpstr (stored, ==, "10");

  /* And so are digits typed without Enter. */
  gtk_editable_set_text (GTK_EDITABLE (weeks), "8");
  dlg_stage_view_flush (view);
  g_clear_pointer (&stored, g_free);
  stored = dlg_process_get_field (f->store, f->demo_id, DLG_FIELD_MANDATE_RESPONSE_WEEKS, NULL);
  g_assert_cmpstr (stored, ==, "8");
}

/* Every record of every stage view opened in its dialog, then closed, nothing typed. */
static void
test_open_dialogs_change_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *after = NULL;
  guint opened = 0;

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      DlgStageView *view = show_stage (f, i);
      g_autoptr(GPtrArray) rows = record_rows (GTK_WIDGET (view));

      for (guint r = 0; r < rows->len; r++)
        {
          DlgEditDialog *dialog;

          activate_row (g_ptr_array_index (rows, r));
          dialog = find_edit_dialog (NULL);
          if (dialog == NULL)
            continue;   /* a row that opens something else */
          opened++;
          /* No need to wait for the autosave: closing flushes what is pending. */
          close_edit_dialog (dialog);
        }
    }
  g_test_message ("%u dialogs opened", opened);
  g_assert_cmpuint (opened, >=, 20);

  close_all (f);
  after = dump_database (f->path);
  assert_same_dump (dump_before, after);
}

static DlgCommitment *
load_commitment (Fixture *f)
{
  g_autoptr(GListModel) items = dlg_commitment_list (f->store, f->demo_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(DlgCommitment) c = g_list_model_get_item (items, i);

      if (g_str_equal (dlg_commitment_get_title (c), COMMITMENT_TITLE))
        return g_steal_pointer (&c);
    }
  g_assert_not_reached ();
}

/* Issue 8: a dated update added from inside the commitment's dialog sets the commitment's
 * progress; the dialog shows it, and editing another field does not save the old one back. */
static void
test_commitment_follows_update (Fixture       *f,
                                gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_IMPLEMENTATION);
  g_autoptr(GPtrArray) rows = record_rows (GTK_WIDGET (view));
  g_autoptr(DlgCommitment) commitment = load_commitment (f);
  g_autoptr(GPtrArray) buttons = NULL;
  DlgEditDialog *dialog = NULL, *update;
  GtkSpinButton *progress;

  for (guint i = 0; i < rows->len && dialog == NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                   COMMITMENT_TITLE) == 0)
      {
        activate_row (g_ptr_array_index (rows, i));
        dialog = find_edit_dialog ("Commitment");
      }
  g_assert_nonnull (dialog);
  progress = find_spin (GTK_WIDGET (dialog), "Progress (%)");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (progress), ==, COMMITMENT_PROGRESS);

  /* Add an update at 50 % from inside the dialog. */
  buttons = find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "Add an _Update") == 0)
      g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  spin (60);
  update = find_edit_dialog ("Update of the Commitment");
  g_assert_nonnull (update);
  gtk_spin_button_set_value (find_spin (GTK_WIDGET (update), "Progress (%)"), 50);
  close_edit_dialog (update);
  g_clear_object (&commitment);
  commitment = load_commitment (f);
  g_assert_cmpint (dlg_commitment_get_progress (commitment), ==, 50);

  /* The dialog follows its record, without counting that as an edit. */
  spin (60);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (progress), ==, 50);
  g_assert_false (dlg_autosave_get_dirty (dlg_edit_dialog_get_autosave (dialog)));

  /* Another field edited and saved: 50 % stays. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                 "Department in charge")),
                         "Pôle de proximité Nantes Ouest");
  g_assert_true (dlg_edit_dialog_flush (dialog));
  g_clear_object (&commitment);
  commitment = load_commitment (f);
  g_assert_cmpstr (dlg_commitment_get_department (commitment), ==,
                   "Pôle de proximité Nantes Ouest");
  g_assert_cmpint (dlg_commitment_get_progress (commitment), ==, 50);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (progress), ==, 50);
  close_edit_dialog (dialog);
  g_clear_object (&commitment);
  commitment = load_commitment (f);
  g_assert_cmpint (dlg_commitment_get_progress (commitment), ==, 50);
}

/* A change under an open dialog does not overwrite what the officer is typing there, and the
 * officer's pending value is what the next save writes. */
static void
test_dialog_keeps_pending_edit (Fixture       *f,
                                gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_IMPLEMENTATION);
  g_autoptr(GPtrArray) rows = record_rows (GTK_WIDGET (view));
  g_autoptr(DlgCommitment) commitment = load_commitment (f);
  g_autoptr(GError) error = NULL;
  DlgEditDialog *dialog = NULL;
  GtkEditable *title, *department;
  gint64 id;

  for (guint i = 0; i < rows->len && dialog == NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                   COMMITMENT_TITLE) == 0)
      {
        activate_row (g_ptr_array_index (rows, i));
        dialog = find_edit_dialog ("Commitment");
      }
  g_assert_nonnull (dialog);
  title = GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Title"));
  department = GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                       "Department in charge"));

  /* The officer types a title (not saved yet); meanwhile the department changes elsewhere. */
  gtk_editable_set_text (title, "Bancs, ombrières et fontaine");
  dlg_commitment_set_department (commitment, "Direction de la nature en ville");
  g_assert_true (dlg_commitment_save (f->store, commitment, &error));
  g_assert_no_error (error);
  spin (20);   /* less than the autosave delay */
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "Bancs, ombrières et fontaine");
  g_assert_cmpstr (gtk_editable_get_text (department), ==, "Direction de la nature en ville");

  g_assert_true (dlg_edit_dialog_flush (dialog));
  id = dlg_commitment_get_id (commitment);
  g_clear_object (&commitment);
  commitment = dlg_commitment_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_commitment_get_title (commitment), ==, "Bancs, ombrières et fontaine");
  g_assert_cmpstr (dlg_commitment_get_department (commitment), ==,
                   "Direction de la nature en ville");
  close_edit_dialog (dialog);
}

/* A save that comes before the dialog's idle reload (a close right after the change) reads the
 * record first. */
static void
test_dialog_save_reads_pending_change (Fixture       *f,
                                       gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_IMPLEMENTATION);
  g_autoptr(GPtrArray) rows = record_rows (GTK_WIDGET (view));
  g_autoptr(DlgCommitment) commitment = load_commitment (f);
  g_autoptr(DlgCommitment) stored = NULL;
  g_autoptr(GError) error = NULL;
  DlgEditDialog *dialog = NULL;

  for (guint i = 0; i < rows->len && dialog == NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                   COMMITMENT_TITLE) == 0)
      {
        activate_row (g_ptr_array_index (rows, i));
        dialog = find_edit_dialog ("Commitment");
      }
  g_assert_nonnull (dialog);

  dlg_commitment_set_progress (commitment, 60);
  g_assert_true (dlg_commitment_save (f->store, commitment, &error));
  g_assert_no_error (error);
  /* No main loop iteration in between. */
  type_date (GTK_WIDGET (dialog), 0, "30/09/2027", NULL);
  close_edit_dialog (dialog);
  stored = dlg_commitment_load (f->store, dlg_commitment_get_id (commitment), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_commitment_get_due_date (stored), ==, "2027-09-30");
  g_assert_cmpint (dlg_commitment_get_progress (stored), ==, 60);
}

/* Digits typed in a dialog's spin button, then the dialog closed with no Enter: saved. */
static void
test_dialog_spin_typed (Fixture       *f,
                        gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_IMPLEMENTATION);
  g_autoptr(GPtrArray) rows = record_rows (GTK_WIDGET (view));
  g_autoptr(DlgCommitment) commitment = load_commitment (f);
  g_autoptr(DlgCommitment) stored = NULL;
  DlgEditDialog *dialog = NULL;

  for (guint i = 0; i < rows->len && dialog == NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                   COMMITMENT_TITLE) == 0)
      {
        activate_row (g_ptr_array_index (rows, i));
        dialog = find_edit_dialog ("Commitment");
      }
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_spin (GTK_WIDGET (dialog), "Progress (%)")), "70");
  close_edit_dialog (dialog);
  stored = dlg_commitment_load (f->store, dlg_commitment_get_id (commitment), NULL);
  g_assert_cmpint (dlg_commitment_get_progress (stored), ==, 70);
}

/* A quota with no target share keeps none when its minimum is edited in its row (the target
 * field shows 0 for none). */
static void
test_quota_row_keeps_target (Fixture       *f,
                             gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_RECRUITMENT);
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW);
  g_autoptr(GListModel) quotas = dlg_quota_list (f->store, f->demo_id, NULL);
  g_autoptr(DlgQuota) quota = g_list_model_get_item (quotas, 1);
  g_autoptr(DlgQuota) stored = NULL;
  GtkSpinButton *min = NULL;

  g_assert_true (isnan (dlg_quota_get_target_share (quota)));
  for (guint i = 0; i < rows->len; i++)
    {
      GObject *row = g_ptr_array_index (rows, i);

      if (g_object_get_data (row, "dlg-quota-row") != NULL &&
          (gint64)GPOINTER_TO_SIZE (g_object_get_data (row, "dlg-record-id")) ==
          dlg_quota_get_id (quota))
        min = find_nth (GTK_WIDGET (row), GTK_TYPE_SPIN_BUTTON, 0);
    }
  g_assert_nonnull (min);
  gtk_spin_button_set_value (min, dlg_quota_get_min (quota) + 1);
  dlg_stage_view_flush (view);
  stored = dlg_quota_load (f->store, dlg_quota_get_id (quota), NULL);
  g_assert_cmpint (dlg_quota_get_min (stored), ==, dlg_quota_get_min (quota) + 1);
  g_assert_true (isnan (dlg_quota_get_target_share (stored)));
}

/* A quota's maximum changes elsewhere (its dialog) and, before the list is rebuilt, the officer
 * edits its minimum in its row: the new maximum stays. */
static void
test_quota_row_keeps_other_change (Fixture       *f,
                                   gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_RECRUITMENT);
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW);
  g_autoptr(GListModel) quotas = dlg_quota_list (f->store, f->demo_id, NULL);
  g_autoptr(DlgQuota) quota = g_list_model_get_item (quotas, 2);
  g_autoptr(DlgQuota) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkSpinButton *min = NULL;
  int old_min = dlg_quota_get_min (quota), new_max = dlg_quota_get_max (quota) + 3;

  for (guint i = 0; i < rows->len; i++)
    {
      GObject *row = g_ptr_array_index (rows, i);

      if (g_object_get_data (row, "dlg-quota-row") != NULL &&
          (gint64)GPOINTER_TO_SIZE (g_object_get_data (row, "dlg-record-id")) ==
          dlg_quota_get_id (quota))
        min = find_nth (GTK_WIDGET (row), GTK_TYPE_SPIN_BUTTON, 0);
    }
  g_assert_nonnull (min);
  dlg_quota_set_max (quota, new_max);
  g_assert_true (dlg_quota_save (f->store, quota, &error));
  g_assert_no_error (error);
  /* No main loop iteration in between. */
  gtk_spin_button_set_value (min, old_min + 1);
  dlg_stage_view_flush (view);
  stored = dlg_quota_load (f->store, dlg_quota_get_id (quota), NULL);
  g_assert_cmpint (dlg_quota_get_min (stored), ==, old_min + 1);
  g_assert_cmpint (dlg_quota_get_max (stored), ==, new_max);
}

/* A feature's dates change while the mandate view shows it: editing its rules there does not
 * write the old dates back, and its switch follows. */
static void
test_mandate_feature_follows (Fixture       *f,
                              gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_MANDATE);
  AdwExpanderRow *row = find_nth (GTK_WIDGET (view), ADW_TYPE_EXPANDER_ROW, 0);
  const char *id = g_object_get_data (G_OBJECT (row), "dlg-feature");
  g_autoptr(DlgFeature) feature = dlg_feature_load (f->store, f->demo_id, id, NULL);
  g_autoptr(DlgFeature) stored = NULL;
  g_autoptr(GError) error = NULL;
  gboolean enabled = dlg_feature_get_enabled (feature);

  dlg_feature_set_closes_at (feature, "2026-12-24T18:00:00Z");
  dlg_feature_set_enabled (feature, !enabled);
  g_assert_true (dlg_feature_save (f->store, feature, &error));
  g_assert_no_error (error);
  spin (60);
  g_assert_cmpint (adw_expander_row_get_enable_expansion (row), ==, !enabled);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (find_nth (GTK_WIDGET (row),
                                                                GTK_TYPE_TEXT_VIEW, 0)),
                            "Chaque inscription reçoit une réponse.", -1);
  dlg_stage_view_flush (view);
  stored = dlg_feature_load (f->store, f->demo_id, id, NULL);
  g_assert_cmpstr (dlg_feature_get_rules (stored), ==, "Chaque inscription reçoit une réponse.");
  g_assert_cmpstr (dlg_feature_get_closes_at (stored), ==, "2026-12-24T18:00:00Z");
  g_assert_cmpint (dlg_feature_get_enabled (stored), ==, !enabled);

  /* Again with no main loop iteration between the change and the edit. */
  g_clear_object (&stored);
  dlg_feature_set_closes_at (feature, "2026-12-31T18:00:00Z");
  g_assert_true (dlg_feature_save (f->store, feature, &error));
  g_assert_no_error (error);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (find_nth (GTK_WIDGET (row),
                                                                GTK_TYPE_TEXT_VIEW, 0)),
                            "Chaque inscription reçoit une réponse sous huit jours.", -1);
  dlg_stage_view_flush (view);
  stored = dlg_feature_load (f->store, f->demo_id, id, NULL);
  g_assert_cmpstr (dlg_feature_get_closes_at (stored), ==, "2026-12-31T18:00:00Z");
}

/* A registration's status changes while its dialog is open (an invitation answered): editing
 * the profile in the dialog does not write the old status back. */
static void
test_participant_follows_status (Fixture       *f,
                                 gconstpointer  data)
{
  DlgStageView *view = show_stage (f, DLG_STAGE_RECRUITMENT);
  GtkColumnView *list = find_nth (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, 0);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (list));
  g_autoptr(DlgParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  DlgEditDialog *dialog;
  guint position = G_MAXUINT;
  const char *chosen = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model) && position == G_MAXUINT; i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (model, i);

      if (g_strcmp0 (dlg_participant_get_status (p), "selected") == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_signal_emit_by_name (list, "activate", position);
  spin (60);
  dialog = find_edit_dialog ("Registration");
  g_assert_nonnull (dialog);
  participant = g_list_model_get_item (model, position);

  g_assert_true (dlg_draw_set_invitation (f->store, f->demo_id,
                                          dlg_participant_get_id (participant), "declined",
                                          &error));
  g_assert_no_error (error);
  spin (60);
  /* the quartier is chosen among the process's values: another one than the current */
  {
    AdwComboRow *quartier = find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Quartier");
    GListModel *labels = adw_combo_row_get_model (quartier);
    const char *current = dlg_participant_get_quartier (participant);
    guint choice = g_strcmp0 (current, "zola") == 0 ? 3 : 1;   /* Bellevue, or Zola */

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), choice), ==,
                     choice == 1 ? "Zola" : "Bellevue");
    adw_combo_row_set_selected (quartier, choice);
    chosen = choice == 1 ? "zola" : "bellevue";
  }
  g_assert_true (dlg_edit_dialog_flush (dialog));
  close_edit_dialog (dialog);
  {
    g_autoptr(DlgParticipant) stored = dlg_participant_load (f->store,
                                                             dlg_participant_get_id (participant),
                                                             &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dlg_participant_get_quartier (stored), ==, chosen);
    g_assert_cmpstr (dlg_participant_get_status (stored), ==, "declined");
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, &template_open_db, fixture_setup, func, fixture_teardown)

  /* As the demo leaves it: the done stages are read-only, they load all the same. */
  g_test_add ("/gui/views/done-stages/open-change-nothing", Fixture, &template_db, fixture_setup,
              test_open_change_nothing, fixture_teardown);
  ADD ("/gui/views/open-change-nothing", test_open_change_nothing);
  ADD ("/gui/views/open-dialogs-change-nothing", test_open_dialogs_change_nothing);
  ADD ("/gui/views/focus-change-nothing", test_focus_change_nothing);
  ADD ("/gui/view/mandate/response-weeks", test_mandate_response_weeks);
  ADD ("/gui/view/recruitment/quota-row-keeps-target", test_quota_row_keeps_target);
  ADD ("/gui/view/mandate/feature-follows", test_mandate_feature_follows);
  ADD ("/gui/view/recruitment/quota-row-keeps-other-change", test_quota_row_keeps_other_change);
  ADD ("/gui/dialog/commitment-follows-update", test_commitment_follows_update);
  ADD ("/gui/dialog/keeps-pending-edit", test_dialog_keeps_pending_edit);
  ADD ("/gui/dialog/save-reads-pending-change", test_dialog_save_reads_pending_change);
  ADD ("/gui/dialog/spin-typed", test_dialog_spin_typed);
  ADD ("/gui/dialog/participant-follows-status", test_participant_follows_status);

  template_db = make_template ();
  template_open_db = make_open_template (template_db);
  status = g_test_run ();
  gui_db_remove (template_db);
  gui_db_remove (template_open_db);
  g_clear_pointer (&template_db, g_free);
  g_clear_pointer (&template_open_db, g_free);
  return status;
}
