/* test-advisor-page.c — the feature advisor page and answers at volume in the window, on the
 * demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson under xvfb-run and dbus-run-session. `dialogue --stage advisor` shows the page:
 * here the window selects it, the policy-cycle position changes from its row (journaled, its
 * meaning shown), the seven features show their guidance and figures, the team's choice is
 * recorded and switches the mandate's features, a choice without a why is refused and loses
 * nothing. In the response view, a template is applied to the ticked recommendations, the
 * check before publishing lists what it wrote unedited, and Undo puts everything back. With
 * DLG_SCREENSHOT_DIR set, the window is saved as PNG at each step (1400×900).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dlg-advisor-page.h"
#include "dlg-position-editor.h"
#include "dlg-response-view.h"
#include "dlg-stage-navigator.h"
#include "advisor-fixture.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-advisor-page");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  spin (60);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("DLG_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin (200);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gui_save_png (widget, path);
}

static guint
page_index (void)
{
  for (guint i = 0; i < DLG_N_PAGES; i++)
    if (g_str_equal (dlg_stage_navigator_page_name (i), DLG_PAGE_ADVISOR))
      return i;
  g_assert_not_reached ();
}

static DlgAdvisorPage *
show_page (Fixture *f)
{
  dlg_window_select_page (f->window, page_index ());
  spin (60);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f->window), ==, "advisor");
  return DLG_ADVISOR_PAGE (dlg_window_get_page (f->window, page_index ()));
}

static gboolean
feature_enabled (Fixture    *f,
                 const char *id)
{
  g_autoptr(DlgFeature) feature = dlg_feature_load (f->store, f->demo_id, id, NULL);

  return dlg_feature_get_enabled (feature);
}

static void
test_advisor_page (Fixture       *f,
                   gconstpointer  data)
{
  DlgAdvisorPage *page;
  AdwComboRow *cycle_row;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgAdvisorBrief) brief = NULL;
  g_autoptr(GError) error = NULL;
  const char *subtitle;
  GtkCheckButton *before_reload;
  gint64 parc, quartier, advised;

  /* Past processes of different yields (advisor-fixture.h), and the mandate open for the
   * choice to switch its features. */
  advisor_fixture_fill (f->store, &parc, &quartier, &advised);
  reopen_down_to (f, DLG_STAGE_MANDATE);
  page = show_page (f);
  rows = find_all (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpuint (rows->len, ==, DLG_N_FEATURES);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, "Idea box");
  /* The guidance and the figures are there, as plain text. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (page),
                                          dlg_advisor_guidance ("map")->purpose));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (page),
                                          "Not used in the other processes of this database "
                                          "yet."));
  /* The ideas of the Parc and the Quartier, by hand: 16 contributions, 7 contributors, 7 of
   * 16 not online, 4 linked, 2 of 3 recommendations retained. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (page),
                                          "In 2 other processes: 16 contributions from 7 "
                                          "contributors; 44 % not online; 25 % linked to a "
                                          "recommendation; 67 % of their 3 recommendations "
                                          "retained."));

  /* The demo is at "design"; the row moves it, and its meaning follows. */
  cycle_row = dlg_advisor_page_get_cycle_row (page);
  g_assert_cmpuint (adw_combo_row_get_selected (cycle_row), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (dlg_advisor_page_get_meaning_row (page)), ==,
                   dlg_policy_cycle_get_meaning ("design"));
  adw_combo_row_set_selected (cycle_row, 3);
  spin (100);
  process = dlg_process_load (f->store, f->demo_id, &error);
  g_assert_cmpstr (dlg_process_get_policy_cycle (process), ==, "evaluation");
  subtitle = adw_action_row_get_subtitle (dlg_advisor_page_get_meaning_row (page));
  g_assert_cmpstr (subtitle, ==, dlg_policy_cycle_get_meaning ("evaluation"));
  /* The rows were made again with the new position: find them again. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_all (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpuint (rows->len, ==, DLG_N_FEATURES);
  adw_expander_row_set_expanded (g_ptr_array_index (rows, 1), TRUE);
  screenshot (GTK_WIDGET (f->window), "advisor-page");

  /* A choice without a why is refused; what is ticked stays ticked. */
  gtk_check_button_set_active (dlg_advisor_page_get_check (page, "debate"), TRUE);
  gtk_check_button_set_active (dlg_advisor_page_get_check (page, "ideas"), FALSE);
  /* A change elsewhere (the process renamed, a contribution pulled) reloads the page: what
   * the team has ticked and typed stays. */
  gtk_editable_set_text (GTK_EDITABLE (dlg_advisor_page_get_why_row (page)), "brouillon");
  before_reload = dlg_advisor_page_get_check (page, "debate");
  g_assert_true (dlg_process_rename (f->store, f->demo_id, "Atelier citoyen Zola", &error));
  spin (100);
  g_assert_true (dlg_advisor_page_get_check (page, "debate") != before_reload);
  g_assert_true (gtk_check_button_get_active (dlg_advisor_page_get_check (page, "debate")));
  g_assert_false (gtk_check_button_get_active (dlg_advisor_page_get_check (page, "ideas")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dlg_advisor_page_get_why_row (page))),
                   ==, "brouillon");
  gtk_editable_set_text (GTK_EDITABLE (dlg_advisor_page_get_why_row (page)), "");
  g_assert_false (dlg_advisor_page_record_choice (page, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gtk_check_button_get_active (dlg_advisor_page_get_check (page, "debate")));

  /* The choice, with a why typed as markup: recorded as typed, the mandate follows. */
  gtk_editable_set_text (GTK_EDITABLE (dlg_advisor_page_get_why_row (page)),
                         "<b>Débat</b> & évaluation");
  g_assert_true (dlg_advisor_page_record_choice (page, &error));
  g_assert_no_error (error);
  spin (100);
  brief = dlg_advisor_brief_load (f->store, f->demo_id, &error);
  g_assert_cmpstr (brief->why, ==, "<b>Débat</b> & évaluation");
  g_assert_true (g_strv_contains ((const char * const *) brief->features, "debate"));
  g_assert_false (g_strv_contains ((const char * const *) brief->features, "ideas"));
  g_assert_true (feature_enabled (f, "debate"));
  g_assert_false (feature_enabled (f, "ideas"));
  /* After the reload, the rows show the choice. */
  g_assert_true (gtk_check_button_get_active (dlg_advisor_page_get_check (page, "debate")));
  g_assert_false (gtk_check_button_get_active (dlg_advisor_page_get_check (page, "ideas")));
  screenshot (GTK_WIDGET (f->window), "advisor-chosen");

  /* The confirmation dialog names what the mandate gets. */
  gtk_widget_activate_action (GTK_WIDGET (page), "advisor.choose", NULL);
  spin (100);
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Online debate"));
    screenshot (GTK_WIDGET (dialog), "advisor-confirm");
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin (50);
  }
}

static DlgResponseView *
show_response (Fixture *f)
{
  DlgStagePage *page;

  dlg_window_select_stage (f->window, DLG_STAGE_RESPONSE);
  spin (100);
  page = dlg_window_get_stage_page (f->window, DLG_STAGE_RESPONSE);
  return DLG_RESPONSE_VIEW (dlg_stage_page_get_view (page));
}

static void
test_response_bulk (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  DlgResponseView *view;
  GPtrArray *editors;
  gint64 first_id, second_id;
  guint n_changed = 0;

  reopen_down_to (f, DLG_STAGE_RESPONSE);
  g_assert_cmpint (dlg_response_template_add (f->store, f->demo_id, "À l’étude",
                                              "under_study",
                                              "La préconisation {number} « {recommendation} » "
                                              "est à l’étude par {department}.", &error), >, 0);
  view = show_response (f);
  spin (100);
  editors = dlg_response_view_get_editors (view);
  g_assert_cmpuint (editors->len, >=, 2);
  before = dlg_response_check (f->store, f->demo_id, &error);

  /* Nothing ticked: nothing to do, said clearly. */
  g_assert_false (dlg_response_view_apply_template (view, 0, &n_changed, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  first_id = dlg_position_editor_get_recommendation_id (g_ptr_array_index (editors, 0));
  second_id = dlg_position_editor_get_recommendation_id (g_ptr_array_index (editors, 1));
  dlg_position_editor_set_selected (g_ptr_array_index (editors, 0), TRUE);
  dlg_position_editor_set_selected (g_ptr_array_index (editors, 1), TRUE);
  /* Through the button's action, as the officer does: the toast offers Undo. */
  gtk_widget_activate_action (GTK_WIDGET (view), "response.apply-template", NULL);
  spin (200);
  {
    g_autoptr(DlgPosition) p1 = dlg_position_load_for (f->store, first_id, &error);
    g_autoptr(DlgPosition) p2 = dlg_position_load_for (f->store, second_id, &error);

    g_assert_cmpstr (dlg_position_get_value (p1), ==, "under_study");
    g_assert_cmpstr (dlg_position_get_value (p2), ==, "under_study");
    g_assert_true (g_str_has_prefix (dlg_position_get_justification (p1),
                                     "La préconisation 1 « "));
  }
  problems = dlg_response_check (f->store, f->demo_id, &error);
  g_assert_cmpuint (problems->len, >=, 2);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view),
                                          ((DlgResponseProblem *) problems->pdata[0])->message));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view),
                                          "Template applied to 2 recommendations."));
  screenshot (GTK_WIDGET (f->window), "response-bulk");

  g_assert_true (dlg_response_view_undo_last (view, &error));
  g_assert_no_error (error);
  spin (200);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = dlg_response_check (f->store, f->demo_id, &error);
  g_assert_cmpuint (problems->len, ==, before->len);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view),
                                          "Undone: the positions are back as they were."));

  /* The new-template dialog: a bad placeholder comes back with the text and the reason. */
  gtk_widget_activate_action (GTK_WIDGET (view), "response.new-template", NULL);
  spin (100);
  {
    AdwMessageDialog *dialog = find_message_dialog ();
    g_autoptr(GPtrArray) entries = NULL;

    g_assert_nonnull (dialog);
    entries = find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), "Refus");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (find_nth (GTK_WIDGET (dialog),
                                                                  GTK_TYPE_TEXT_VIEW, 0)),
                              "Par {service}.", -1);
    screenshot (GTK_WIDGET (dialog), "response-template-dialog");
    adw_message_dialog_response (dialog, "add");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin (100);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_nonnull (find_label_with_text (GTK_WIDGET (view),
                                            "Unknown placeholder “{service}”: a template may use "
                                            "{recommendation}, {number}, {department} and "
                                            "{date}."));
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin (50);
  }
}

/* Closing the response stage asks first, and the check comes first in what it shows. */
static void
test_publish_check (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  DlgResponseView *view;
  DlgStagePage *page;
  AdwMessageDialog *dialog;

  exec (f->store, "UPDATE stage_state SET state = 'done' WHERE stage IN ('diagnostic',"
                  " 'arbitration', 'specification', 'mandate', 'recruitment', 'workshop',"
                  " 'opinion', 'review', 'validation');"
                  "UPDATE stage_state SET state = 'in_progress' WHERE stage = 'response'");
  g_assert_cmpint (dlg_response_template_add (f->store, f->demo_id, "Retenue", "retained",
                                              "Retenue : {recommendation}.", &error), >, 0);
  view = show_response (f);
  dlg_stage_page_refresh (dlg_window_get_stage_page (f->window, DLG_STAGE_RESPONSE));
  spin (100);
  gtk_widget_activate_action (GTK_WIDGET (view), "response.select-unanswered", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "response.apply-template", NULL);
  spin (200);
  problems = dlg_response_check (f->store, f->demo_id, &error);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpint (((DlgResponseProblem *) problems->pdata[i])->kind, ==,
                     DLG_RESPONSE_PROBLEM_UNEDITED_TEMPLATE);

  page = dlg_window_get_stage_page (f->window, DLG_STAGE_RESPONSE);
  gtk_widget_activate_action (GTK_WIDGET (page), "stage.done", NULL);
  spin (200);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog),
                                          "Still to check before publishing"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog),
                                          ((DlgResponseProblem *) problems->pdata[0])->message));
  screenshot (GTK_WIDGET (dialog), "response-publish-check");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
  /* Not published: the officer goes back to edit. */
  {
    g_autoptr(DlgStageInfo) info = dlg_stage_get (f->store, f->demo_id, DLG_STAGE_RESPONSE,
                                                  NULL);

    g_assert_cmpint (dlg_stage_info_get_state (info), ==, DLG_STAGE_STATE_IN_PROGRESS);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  g_test_add ("/gui/advisor/page", Fixture, NULL, fixture_setup, test_advisor_page,
              fixture_teardown);
  g_test_add ("/gui/response/bulk", Fixture, NULL, fixture_setup, test_response_bulk,
              fixture_teardown);
  g_test_add ("/gui/response/publish-check", Fixture, NULL, fixture_setup, test_publish_check,
              fixture_teardown);
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-advisor-page", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
