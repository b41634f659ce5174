/* test-recruitment.c — headless tests of the draw in the recruitment view (issue 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run like test-gui (xvfb-run, dbus-run-session, G_DEBUG=fatal-warnings), on a copy of the
 * demo database for each test: its process has 62 registrations, 24 of them invited or
 * accepted, six on the reserve list, and quotas on gender and age band.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dlg-core.h"
#include "dlg-draw-panel.h"
#include "dlg-edit-dialog.h"
#include "dlg-probability-chart.h"
#include "dlg-stage-page.h"
#include "dlg-store-private.h"
#include "dlg-window.h"
#include "gui-fixture.h"

#define MARKUP_TEXT "<b>&"

static char *template_db;

typedef GuiFixture Fixture;

/* ---------------------------------------------------------------- helpers */

static void
answer_message_dialog (const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  spin (30);
  g_assert_null (find_message_dialog ());
}

static DlgStageView *
show_recruitment (Fixture *f)
{
  DlgStagePage *page;

  dlg_window_select_stage (f->window, DLG_STAGE_RECRUITMENT);
  spin (30);
  page = dlg_window_get_stage_page (f->window, DLG_STAGE_RECRUITMENT);
  g_assert_cmpint (dlg_stage_page_get_process (page), ==, f->demo_id);
  return dlg_stage_page_get_view (page);
}

static DlgDrawPanel *
find_panel (DlgStageView *view)
{
  g_autoptr(GPtrArray) panels = find_all (GTK_WIDGET (view), DLG_TYPE_DRAW_PANEL);

  g_assert_cmpuint (panels->len, ==, 1);
  return g_ptr_array_index (panels, 0);
}

/* Runs the main loop until the draw ends, 20 s at most. */
static void
wait_for_draw (DlgDrawPanel *panel)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (dlg_draw_panel_is_running (panel) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dlg_draw_panel_is_running (panel));
  spin (20);
}

static DlgDrawResult *
run_draw (DlgDrawPanel *panel,
          guint32       seed)
{
  dlg_draw_panel_set_seed (panel, seed);
  dlg_draw_panel_set_size (panel, 24);
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.run", NULL);
  if (!dlg_draw_panel_is_running (panel))
    g_test_message ("not running: %s", dlg_draw_panel_get_message (panel));
  g_assert_true (dlg_draw_panel_is_running (panel));
  wait_for_draw (panel);
  return dlg_draw_panel_get_result (panel);
}

static guint
count_status (Fixture    *f,
              const char *status)
{
  g_autoptr(GListModel) all = dlg_participant_list (f->store, f->demo_id, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (all, i);

      n += g_strcmp0 (dlg_participant_get_status (p), status) == 0;
    }
  return n;
}

static DlgQuota *
find_quota (Fixture    *f,
            const char *category,
            const char *value)
{
  g_autoptr(GListModel) quotas = dlg_quota_list (f->store, f->demo_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (quotas); i++)
    {
      g_autoptr(DlgQuota) q = g_list_model_get_item (quotas, i);

      if (g_strcmp0 (dlg_quota_get_category (q), category) == 0
          && g_strcmp0 (dlg_quota_get_value (q), value) == 0)
        return g_steal_pointer (&q);
    }
  return NULL;
}

/* The row of the quota list titled @title. */
static GtkWidget *
find_quota_row (DlgStageView *view,
                const char   *title)
{
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (g_object_get_data (G_OBJECT (row), "dlg-quota-row") != NULL
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
  return NULL;
}

/* ---------------------------------------------------------------- fixture */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  gui_fixture_copy (f, template_db, "dialogue-recruitment");
  gui_fixture_open_store (f);
  /* These tests edit the recruitment: the demo's stage is done (read-only), so reopen it. */
  dlg_stage_apply (f->store, f->demo_id, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_REOPEN,
                   "Tests de la vue du recrutement", &error);
  g_assert_no_error (error);
  gui_fixture_open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

/* ---------------------------------------------------------------- tests */

/* A draw on the demo runs to completion in the background; the chart shows every volunteer's
 * probability, sorted; the result can be published as JSON. */
static void
test_draw_completes (Fixture       *f,
                     gconstpointer  data)
{
  DlgStageView *view = show_recruitment (f);
  DlgDrawPanel *panel = find_panel (view);
  DlgDrawResult *result = run_draw (panel, 2026);
  DlgProbabilityChart *chart;
  const double *values;
  guint n_values, n_panel, n_reserve;
  double sum = 0;
  g_autofree char *summary = NULL;

  g_assert_nonnull (result);
  dlg_draw_result_get_panel (result, &n_panel);
  dlg_draw_result_get_reserve (result, &n_reserve);
  g_assert_cmpuint (n_panel, ==, 24);
  g_assert_cmpuint (n_reserve, >, 0);
  g_assert_cmpuint (dlg_draw_result_get_seed (result), ==, 2026);
  g_assert_cmpint (dlg_draw_result_get_algorithm (result), ==, DLG_DRAW_ALGORITHM_LEXIMIN);

  chart = DLG_PROBABILITY_CHART (dlg_draw_panel_get_chart (panel));
  values = dlg_probability_chart_get_values (chart, &n_values);
  g_assert_cmpuint (n_values, ==, dlg_draw_result_get_n_people (result));
  g_assert_cmpuint (n_values, >, 24);
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_assert_cmpfloat (values[i - 1], <=, values[i]);
      sum += values[i];
    }
  g_assert_cmpfloat_with_epsilon (sum, 24.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (values[0], dlg_draw_result_get_min_probability (result), 1e-9);
  summary = dlg_probability_chart_dup_summary (chart);
  g_assert_nonnull (strstr (summary, "24 in"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));

  /* the replay note names the seed */
  {
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (panel), GTK_TYPE_LABEL);
    gboolean found = FALSE;

    for (guint i = 0; i < labels->len; i++)
      found |= strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "--seed 2026") != NULL;
    g_assert_true (found);
  }

  /* the public record */
  {
    g_autofree char *path = g_build_filename (f->dir, "draw.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    g_assert_true (dlg_draw_panel_write_public_json (panel, file, &error));
    g_assert_no_error (error);
    json_parser_load_from_file (parser, path, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 2026);
    g_assert_cmpint (json_object_get_int_member (root, "panel_size"), ==, 24);
    g_unlink (path);
  }
}

/* Saving marks k participants selected; a second save asks first. */
static void
test_save_marks_selected (Fixture       *f,
                          gconstpointer  data)
{
  DlgStageView *view = show_recruitment (f);
  DlgDrawPanel *panel = find_panel (view);
  guint reserve;

  g_assert_cmpuint (count_status (f, "selected"), ==, 0);
  g_assert_nonnull (run_draw (panel, 7));
  g_assert_cmpuint (count_status (f, "selected"), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.save", NULL);
  spin (30);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (count_status (f, "selected"), ==, 24);
  reserve = count_status (f, "reserve");
  g_assert_cmpuint (reserve, >, 0);
  g_assert_cmpuint (dlg_draw_count_saved (f->store, f->demo_id, NULL), ==, 1);

  /* Shown again later (another process, then back): the saved draw, which replays to the same
   * panel from its recorded inputs. */
  dlg_draw_panel_load (panel, f->context, 0);
  dlg_draw_panel_load (panel, f->context, f->demo_id);
  spin (30);
  g_assert_null (dlg_draw_panel_get_result (panel));
  {
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (panel), GTK_TYPE_LABEL);
    gboolean found = FALSE;

    for (guint i = 0; i < labels->len; i++)
      {
        GtkWidget *label = g_ptr_array_index (labels, i);

        found |= g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "Saved draw of ")
                 && gtk_widget_get_mapped (label);
      }
    g_assert_true (found);
  }
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.replay", NULL);
  g_assert_true (dlg_draw_panel_is_running (panel));
  wait_for_draw (panel);
  g_assert_nonnull (dlg_draw_panel_get_result (panel));
  g_assert_cmpuint (dlg_draw_result_get_seed (dlg_draw_panel_get_result (panel)), ==, 7);
  {
    g_auto(GStrv) ids = dlg_draw_result_dup_panel_ids (dlg_draw_panel_get_result (panel));

    g_assert_cmpuint (g_strv_length (ids), ==, 24);
    for (guint i = 0; ids[i] != NULL; i++)
      {
        g_autoptr(DlgParticipant) p = dlg_participant_load (f->store,
                                                            g_ascii_strtoll (ids[i], NULL, 10),
                                                            NULL);

        g_assert_cmpstr (dlg_participant_get_status (p), ==, "selected");
      }
  }

  /* Again: a confirmation; cancelling keeps the first draw. */
  g_assert_nonnull (run_draw (panel, 8));
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.save", NULL);
  spin (30);
  answer_message_dialog ("cancel");
  g_assert_cmpuint (dlg_draw_count_saved (f->store, f->demo_id, NULL), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.save", NULL);
  spin (30);
  answer_message_dialog ("save");
  g_assert_cmpuint (dlg_draw_count_saved (f->store, f->demo_id, NULL), ==, 2);
  g_assert_cmpuint (count_status (f, "selected"), ==, 24);
}

/* Cancel stops the draw; closing the window while a draw runs is safe. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  DlgStageView *view = show_recruitment (f);
  DlgDrawPanel *panel = find_panel (view);

  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.run", NULL);
  g_assert_true (dlg_draw_panel_is_running (panel));
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.cancel", NULL);
  wait_for_draw (panel);
  g_assert_null (dlg_draw_panel_get_result (panel));
  g_assert_cmpstr (dlg_draw_panel_get_message (panel), ==, "Draw cancelled.");
  g_assert_cmpuint (count_status (f, "selected"), ==, 0);

  /* a draw still running when the window goes: the teardown destroys it */
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.run", NULL);
  g_assert_true (dlg_draw_panel_is_running (panel));
}

/* Quotas edited in place are saved as typed; infeasible quotas show the smallest relaxation,
 * which applies to the quotas. */
static void
test_infeasible_relaxation (Fixture       *f,
                            gconstpointer  data)
{
  DlgStageView *view = show_recruitment (f);
  DlgDrawPanel *panel = find_panel (view);
  GtkWidget *row = find_quota_row (view, "Genre — Femme");
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(DlgQuota) quota = NULL;
  GPtrArray *relaxation;

  g_assert_nonnull (row);
  spins = find_all (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpuint (spins->len, ==, 3);
  /* at most 24, at least 22 women: with 11 men at least, no panel of 24 exists */
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 24);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 22);
  spin (600);
  quota = find_quota (f, "gender", "woman");
  g_assert_cmpint (dlg_quota_get_min (quota), ==, 22);
  g_assert_cmpint (dlg_quota_get_max (quota), ==, 24);
  g_clear_object (&quota);
  /* the row was not rebuilt under the officer's hands */
  g_assert_true (find_quota_row (view, "Genre — Femme") == row);

  g_assert_null (run_draw (panel, 11));
  relaxation = dlg_draw_panel_get_relaxation (panel);
  g_assert_nonnull (relaxation);
  g_assert_cmpuint (relaxation->len, >, 0);
  for (guint i = 0; i < relaxation->len; i++)
    {
      DlgDrawRelaxation *r = g_ptr_array_index (relaxation, i);
      GtkLabel *label = find_label_with_text (GTK_WIDGET (panel), r->description);

      g_assert_nonnull (label);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
    }

  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.apply-relaxation", NULL);
  spin (50);
  g_assert_null (dlg_draw_panel_get_relaxation (panel));
  g_assert_nonnull (run_draw (panel, 11));
}

/* The share of a group among the registrations, against its target. */
static void
test_target_share (Fixture       *f,
                   gconstpointer  data)
{
  DlgStageView *view = show_recruitment (f);
  GtkWidget *row = find_quota_row (view, "Tranche d’âge — 18 à 29 ans");
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(DlgQuota) quota = NULL;
  GtkWidget *warning = NULL;

  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "%"));
  images = find_all (row, GTK_TYPE_IMAGE);
  for (guint i = 0; i < images->len; i++)
    if (g_strcmp0 (gtk_image_get_icon_name (g_ptr_array_index (images, i)),
                   "dialog-warning-symbolic") == 0)
      warning = g_ptr_array_index (images, i);
  g_assert_nonnull (warning);
  g_assert_false (gtk_widget_get_visible (warning));

  /* a target of 60 %: the group is now under-represented */
  spins = find_all (row, GTK_TYPE_SPIN_BUTTON);
  /* typed, not committed with Enter: saved all the same */
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (spins, 2)), "60");
  spin (600);
  quota = find_quota (f, "age_band", "18-29");
  g_assert_cmpfloat_with_epsilon (dlg_quota_get_target_share (quota), 0.60, 1e-9);
  g_assert_true (gtk_widget_get_visible (warning));
}

/* Invitations from the list, and a replacement from the reserve list. */
static void
test_invitation_replace (Fixture       *f,
                         gconstpointer  data)
{
  DlgStageView *view = show_recruitment (f);
  DlgDrawPanel *panel = find_panel (view);
  g_autoptr(GPtrArray) dropdowns = find_all (GTK_WIDGET (panel), GTK_TYPE_DROP_DOWN);
  g_autoptr(GPtrArray) buttons = NULL;
  GtkButton *replace = NULL;
  guint invited = count_status (f, "invited");

  g_assert_cmpuint (dropdowns->len, ==, 24);
  /* the first member declines */
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), 3);
  spin (50);
  g_assert_cmpuint (count_status (f, "declined"), ==, 1);

  buttons = find_all (GTK_WIDGET (panel), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Replace") == 0)
      replace = g_ptr_array_index (buttons, i);
  g_assert_nonnull (replace);
  g_signal_emit_by_name (replace, "clicked");
  spin (30);
  answer_message_dialog ("replace");
  g_assert_cmpuint (count_status (f, "declined"), ==, 0);
  g_assert_cmpuint (count_status (f, "replaced"), ==, 1);
  g_assert_cmpuint (count_status (f, "reserve"), ==, 5);
  g_assert_cmpuint (count_status (f, "invited"), ==, invited + 1);
}

/* User text (a value's label in the vocabulary, on a quota and a registration) is shown
 * literally. */
static void
test_markup_literal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgQuota) quota = dlg_quota_new (f->demo_id);
  g_autoptr(DlgParticipant) p = dlg_participant_new (f->demo_id);
  DlgStageView *view;
  DlgDrawPanel *panel;
  g_autofree char *title = g_strdup_printf ("Commune — %s", MARKUP_TEXT);

  dlg_profile_set_value (f->store, f->demo_id, "commune", "markup", MARKUP_TEXT, &error);
  g_assert_no_error (error);
  dlg_quota_set_category (quota, "commune");
  dlg_quota_set_value (quota, "markup");
  dlg_quota_set_min (quota, 0);
  dlg_quota_set_max (quota, 24);
  dlg_quota_save (f->store, quota, &error);
  g_assert_no_error (error);
  dlg_participant_set_commune (p, "markup");
  dlg_participant_set_gender (p, "woman");
  dlg_participant_set_age_band (p, "30-44");
  dlg_participant_set_consent (p, TRUE);
  dlg_participant_save (f->store, p, &error);
  g_assert_no_error (error);

  view = show_recruitment (f);
  spin (50);
  g_assert_nonnull (find_quota_row (view, title));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view), title));

  /* the draw lists profiles with that commune (the demo's others, Nantes, have an open quota):
   * no markup warning (fatal here) */
  panel = find_panel (view);
  g_assert_nonnull (run_draw (panel, 5));
  spin (50);
}

/* The registrations list gives the day first and the year in full, whatever LC_TIME says (the
 * tests run under C.UTF-8, whose short date is 09/11/26 for 11 September). */
static void
test_registration_dates (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgParticipant) p = dlg_participant_new (f->demo_id);
  DlgStageView *view;

  dlg_participant_set_gender (p, "woman");
  dlg_participant_set_age_band (p, "30-44");
  dlg_participant_set_consent (p, TRUE);
  dlg_participant_save (f->store, p, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_store_exec (f->store, "UPDATE participant SET registered_at ="
                                           " '2026-09-11T08:00:00Z' WHERE id ="
                                           " (SELECT max(id) FROM participant)", &error));
  view = show_recruitment (f);
  spin (50);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (view), "11/09/2026"));
  g_assert_null (find_label_with_text (GTK_WIDGET (view), "09/11/26"));
}

/* A registration whose value does not fit the vocabulary (here a gender typed "F", as an older
 * site or an import would bring) is listed under "Values to fix" with the person's name; the
 * draw refuses, naming them and the value, never a number; mapping the value unblocks it. */
static void
test_misfit_blocks_draw (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = dlg_participant_list (f->store, f->demo_id, NULL);
  g_autoptr(DlgParticipant) p = NULL;
  g_autoptr(DlgParticipantContact) contact = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *id_text = NULL;
  DlgStageView *view;
  DlgDrawPanel *panel;
  GtkWidget *misfit_row = NULL;
  GtkDropDown *dropdown = NULL;
  const char *name, *message;

  for (guint i = 0; i < g_list_model_get_n_items (all) && p == NULL; i++)
    {
      g_autoptr(DlgParticipant) candidate = g_list_model_get_item (all, i);

      if (g_strcmp0 (dlg_participant_get_status (candidate), "registered") == 0)
        p = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (p);
  dlg_participant_set_gender (p, "F");
  dlg_participant_set_quartier (p, "Malakoff");
  dlg_participant_save (f->store, p, &error);
  g_assert_no_error (error);
  contact = dlg_participant_contact_load (f->store, dlg_participant_get_id (p), &error);
  g_assert_no_error (error);
  name = dlg_participant_contact_get_full_name (contact);
  g_assert_cmpstr (name, !=, "");
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, dlg_participant_get_id (p));

  view = show_recruitment (f);
  panel = find_panel (view);
  spin (50);
  rows = find_all (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                     "Genre — “F”") == 0)
        misfit_row = row;
    }
  g_assert_nonnull (misfit_row);
  g_assert_true (gtk_widget_get_mapped (misfit_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (misfit_row)), name));

  /* the draw refuses, saying who and what */
  dlg_draw_panel_set_size (panel, 24);
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.run", NULL);
  g_assert_false (dlg_draw_panel_is_running (panel));
  message = dlg_draw_panel_get_message (panel);
  g_assert_nonnull (strstr (message, name));
  g_assert_nonnull (strstr (message, "Genre — “F”"));
  g_assert_null (strstr (message, id_text));

  /* a quartier the process did not list joins its values */
  {
    GtkWidget *quartier_row = NULL;
    g_autoptr(GPtrArray) dropdowns = NULL;
    g_autoptr(DlgProfile) profile = NULL;
    GListModel *model;
    guint n;

    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                     "Quartier — “Malakoff”") == 0)
        quartier_row = g_ptr_array_index (rows, i);
    g_assert_nonnull (quartier_row);
    dropdowns = find_all (quartier_row, GTK_TYPE_DROP_DOWN);
    model = gtk_drop_down_get_model (g_ptr_array_index (dropdowns, 0));
    n = g_list_model_get_n_items (model);
    /* …, add it, or no answer (a quartier is not required) */
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), n - 2), ==,
                     "Add “Malakoff” to the values");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), n - 1), ==,
                     "No answer");
    gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), n - 2);
    spin (50);
    profile = dlg_profile_load (f->store, f->demo_id, &error);
    g_assert_cmpstr (dlg_profile_get_value_label (profile, "quartier", "Malakoff"), ==,
                     "Malakoff");
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = find_all (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW);
    misfit_row = NULL;
    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                     "Genre — “F”") == 0)
        misfit_row = g_ptr_array_index (rows, i);
    g_assert_nonnull (misfit_row);
  }

  /* map "F" to Femme from the list: the value fits, the row goes, the draw runs */
  {
    g_autoptr(GPtrArray) dropdowns = find_all (misfit_row, GTK_TYPE_DROP_DOWN);
    GListModel *model;

    g_assert_cmpuint (dropdowns->len, ==, 1);
    dropdown = g_ptr_array_index (dropdowns, 0);
    model = gtk_drop_down_get_model (dropdown);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "Femme");
    gtk_drop_down_set_selected (dropdown, 1);
  }
  spin (50);
  g_clear_object (&p);
  p = dlg_participant_load (f->store, g_ascii_strtoll (id_text, NULL, 10), &error);
  g_assert_cmpstr (dlg_participant_get_gender (p), ==, "woman");
  {
    g_autoptr(GPtrArray) misfits = dlg_profile_list_misfits (f->store, f->demo_id, &error);

    g_assert_cmpuint (misfits->len, ==, 0);
  }
  g_assert_nonnull (run_draw (panel, 3));
}

/* The invitation list names the panel with their email and phone; the contacts export as CSV
 * for a mail merge, and the journal records that contact data left the app. */
static void
test_invitation_contacts (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = dlg_participant_list (f->store, f->demo_id, NULL);
  g_autoptr(DlgParticipant) member = NULL;
  g_autoptr(DlgParticipantContact) contact = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *path = g_build_filename (f->dir, "panel.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *csv = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(DlgJournalEntry) last = NULL;
  DlgStageView *view;
  DlgDrawPanel *panel;
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (all) && member == NULL; i++)
    {
      g_autoptr(DlgParticipant) candidate = g_list_model_get_item (all, i);

      if (g_strcmp0 (dlg_participant_get_status (candidate), "accepted") == 0)
        member = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (member);
  contact = dlg_participant_contact_load (f->store, dlg_participant_get_id (member), &error);
  g_assert_no_error (error);

  view = show_recruitment (f);
  panel = find_panel (view);
  spin (50);
  rows = find_all (GTK_WIDGET (panel), ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                     dlg_participant_contact_get_full_name (contact)) == 0
          && subtitle != NULL
          && strstr (subtitle, dlg_participant_contact_get_email (contact)) != NULL
          && strstr (subtitle, dlg_participant_contact_get_phone (contact)) != NULL)
        found = row;
    }
  g_assert_nonnull (found);
  g_assert_true (gtk_widget_get_mapped (found));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (panel)));

  g_assert_true (dlg_draw_panel_export_contacts (panel, file, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "Name,Email,Phone,Address,Status\r\n"));
  g_assert_nonnull (strstr (csv, dlg_participant_contact_get_email (contact)));
  journal = dlg_journal_list (f->store, f->demo_id, &error);
  g_assert_no_error (error);
  last = g_list_model_get_item (journal, g_list_model_get_n_items (journal) - 1);
  g_assert_cmpstr (dlg_journal_entry_get_action (last), ==, "panel.contacts_export");
  g_assert_nonnull (strstr (dlg_journal_entry_get_summary (last), "24 panel members"));
  g_assert_nonnull (strstr (dlg_journal_entry_get_summary (last), "panel.csv"));
  /* the public journal never holds the contacts themselves */
  g_assert_null (strstr (dlg_journal_entry_get_summary (last),
                         dlg_participant_contact_get_full_name (contact)));
  g_unlink (path);

  /* Recruitment closed (read-only): the contacts can still be exported, it is reading. */
  g_assert_true (dlg_stage_apply (f->store, f->demo_id, DLG_STAGE_RECRUITMENT,
                                  DLG_TRANSITION_DONE, NULL, &error));
  g_assert_no_error (error);
  spin (100);
  {
    g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (panel), GTK_TYPE_BUTTON);
    GtkWidget *export = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                     "draw.export-contacts") == 0)
        export = g_ptr_array_index (buttons, i);
    g_assert_nonnull (export);
    g_assert_true (gtk_widget_is_sensitive (export));
  }
  g_assert_true (dlg_draw_panel_export_contacts (panel, file, &error));
  g_assert_no_error (error);
  g_unlink (path);
}

/* A quota is set by label, among the values of the process's vocabulary; the new quota's
 * dialog starts with nothing chosen, so that closing it creates nothing. */
static void
test_quota_dialog_labels (Fixture       *f,
                          gconstpointer  data)
{
  DlgStageView *view = show_recruitment (f);
  g_autoptr(GListModel) before = dlg_quota_list (f->store, f->demo_id, NULL);
  g_autoptr(GPtrArray) combos = NULL;
  g_autoptr(DlgQuota) quota = NULL;
  DlgEditDialog *dialog;
  GListModel *model;
  guint other = 0;

  gtk_widget_activate_action (GTK_WIDGET (view), "view.add-quota", NULL);
  dialog = find_edit_dialog (NULL);
  g_assert_nonnull (dialog);
  combos = find_all (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW);
  g_assert_cmpuint (combos->len, ==, 1);
  /* no free text: the criterion and value are chosen */
  {
    g_autoptr(GPtrArray) entries = find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);

    g_assert_cmpuint (entries->len, ==, 0);
  }
  model = adw_combo_row_get_model (g_ptr_array_index (combos, 0));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Choose…");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "Genre — Autre")
        == 0)
      other = i;
  g_assert_cmpuint (other, >, 0);
  /* a maximum with no criterion chosen is refused, and nothing is created */
  {
    g_autoptr(GPtrArray) spins = find_all (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON);

    gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 3);
  }
  g_assert_false (dlg_edit_dialog_flush (dialog));
  {
    g_autoptr(GListModel) now = dlg_quota_list (f->store, f->demo_id, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (now), ==, g_list_model_get_n_items (before));
  }
  adw_combo_row_set_selected (g_ptr_array_index (combos, 0), other);
  g_assert_true (dlg_edit_dialog_flush (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
  quota = find_quota (f, "gender", "other");
  g_assert_nonnull (quota);
  g_assert_nonnull (find_quota_row (view, "Genre — Autre"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gui/recruitment/draw-completes", test_draw_completes);
  ADD ("/gui/recruitment/save-marks-selected", test_save_marks_selected);
  ADD ("/gui/recruitment/cancel", test_cancel);
  ADD ("/gui/recruitment/infeasible-relaxation", test_infeasible_relaxation);
  ADD ("/gui/recruitment/target-share", test_target_share);
  ADD ("/gui/recruitment/invitation-replace", test_invitation_replace);
  ADD ("/gui/recruitment/markup-literal", test_markup_literal);
  ADD ("/gui/recruitment/registration-dates", test_registration_dates);
  ADD ("/gui/recruitment/misfit-blocks-draw", test_misfit_blocks_draw);
  ADD ("/gui/recruitment/quota-dialog-labels", test_quota_dialog_labels);
  ADD ("/gui/recruitment/invitation-contacts", test_invitation_contacts);

  template_db = gui_demo_db_new ("dialogue-recruitment", NULL);
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
