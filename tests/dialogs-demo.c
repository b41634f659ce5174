/* dialogs-demo.c — one record's edit dialog on the demo, rendered to a PNG, for screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   dialogs-demo --dialog actor|decision|session|follow-up|commitment|update|registration|quota
 *                --out FILE.png
 *
 * Opens the window on a temporary copy of the demo database (with a commitment, its dated
 * update and a follow-up entry added, every done stage reopened), opens the first record of the
 * dialog's stage as the officer would (its row activated) and renders the dialog alone into
 * FILE.png. Run it under a display: `xvfb-run -a ./_build/tests/dialogs-demo …`.
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gui-fixture.h"
#include "dlg-stage-page.h"

static char *opt_dialog = NULL;
static char *opt_out = NULL;
static char *opt_calendar = NULL;

static const GOptionEntry entries[] = {
  { "dialog", 0, 0, G_OPTION_ARG_STRING, &opt_dialog,
    "actor, decision, session, follow-up, commitment, update, registration or quota", "NAME" },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, "The PNG to write", "FILE" },
  { "calendar", 0, 0, G_OPTION_ARG_FILENAME, &opt_calendar,
    "Also open the first date's calendar and write it to this PNG", "FILE" },
  { NULL }
};

static const struct
{
  const char *name;
  DlgStage    stage;
  const char *title;   /* the dialog's title */
} dialogs[] = {
  { "actor", DLG_STAGE_DIAGNOSTIC, "Actor" },
  { "decision", DLG_STAGE_ARBITRATION, "Decision" },
  { "session", DLG_STAGE_WORKSHOP, "Session" },
  { "follow-up", DLG_STAGE_FOLLOW_UP, "Follow-up" },
  { "commitment", DLG_STAGE_IMPLEMENTATION, "Commitment" },
  { "update", DLG_STAGE_IMPLEMENTATION, "Update of the Commitment" },
  { "registration", DLG_STAGE_RECRUITMENT, "Registration" },
  { "quota", DLG_STAGE_RECRUITMENT, "Quota" },
};

/* What the demo lacks: a commitment on a position, its update, a follow-up entry. */
static void
add_records (DlgStore *store,
             gint64    process_id)
{
  g_autoptr(GListModel) recommendations = dlg_recommendation_list (store, process_id, NULL);
  g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, 0);
  g_autoptr(DlgPosition) position = dlg_position_new (dlg_recommendation_get_id (r));
  g_autoptr(DlgCommitment) commitment = dlg_commitment_new (process_id);
  g_autoptr(DlgCommitmentUpdate) update = NULL;
  g_autoptr(DlgFollowUp) follow_up = dlg_follow_up_new (process_id);
  g_autoptr(GError) error = NULL;

  dlg_position_set_value (position, "retained");
  dlg_position_set_justification (position, "Retenue dans le budget 2027.");
  if (!dlg_position_save (store, position, &error))
    g_error ("%s", error->message);
  dlg_commitment_set_position_id (commitment, dlg_position_get_id (position));
  dlg_commitment_set_title (commitment, "Bancs et ombrières côté marché");
  dlg_commitment_set_department (commitment, "Direction des espaces publics");
  dlg_commitment_set_due_date (commitment, "2027-06-30");
  dlg_commitment_set_status (commitment, "in_progress");
  dlg_commitment_set_progress (commitment, 35);
  if (!dlg_commitment_save (store, commitment, &error))
    g_error ("%s", error->message);
  update = dlg_commitment_update_new (dlg_commitment_get_id (commitment));
  dlg_commitment_update_set_dated (update, "2026-04-15");
  dlg_commitment_update_set_status (update, "in_progress");
  dlg_commitment_update_set_progress (update, 35);
  dlg_commitment_update_set_text (update, "Études de conception terminées.");
  if (!dlg_commitment_update_save (store, update, &error))
    g_error ("%s", error->message);
  dlg_follow_up_set_kind (follow_up, "meeting");
  dlg_follow_up_set_dated (follow_up, "2026-05-20");
  dlg_follow_up_set_title (follow_up, "Premier comité de suivi");
  dlg_follow_up_set_body (follow_up, "Les engagements avancent comme prévu.");
  dlg_follow_up_set_published (follow_up, TRUE);
  if (!dlg_follow_up_save (store, follow_up, &error))
    g_error ("%s", error->message);
}

/* The first row of @root that opens a record (a record section's or a list's). */
static GtkWidget *
first_record_row (GtkWidget *root)
{
  g_autoptr(GPtrArray) rows = find_all (root, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (rows, i)), "dlg-record-id") != NULL)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static void
activate_row (GtkWidget *row)
{
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  spin (200);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = g_option_context_new ("— an edit dialog, rendered");
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  GuiFixture f = { 0 };
  DlgStageView *view;
  DlgEditDialog *dialog;
  gboolean created;
  guint d;

  /* In the language of LANGUAGE, from the catalogues of the build tree */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    g_error ("%s", error->message);
  for (d = 0; d < G_N_ELEMENTS (dialogs); d++)
    if (g_strcmp0 (opt_dialog, dialogs[d].name) == 0)
      break;
  if (d == G_N_ELEMENTS (dialogs) || opt_out == NULL)
    g_error ("Give --dialog NAME and --out FILE (see --help)");

  gui_test_init (&argc, &argv);
  template = gui_demo_db_new ("dialogs-demo", &created);
  gui_fixture_copy (&f, template, "dialogs-demo");
  gui_db_remove (template);
  gui_fixture_open_store (&f);
  reopen_down_to (&f, 0);
  add_records (f.store, f.demo_id);
  gui_fixture_open_window (&f);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);

  dlg_window_select_stage (f.window, dialogs[d].stage);
  spin (200);
  view = dlg_stage_page_get_view (dlg_window_get_stage_page (f.window, dialogs[d].stage));
  if (g_str_equal (dialogs[d].name, "registration"))
    {
      GtkColumnView *registrations = find_nth (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, 0);

      g_signal_emit_by_name (registrations, "activate", 0);
      spin (200);
    }
  else if (g_str_equal (dialogs[d].name, "update"))
    {
      activate_row (first_record_row (GTK_WIDGET (view)));
      activate_row (first_record_row (GTK_WIDGET (find_edit_dialog ("Commitment"))));
    }
  else
    activate_row (first_record_row (GTK_WIDGET (view)));

  dialog = find_edit_dialog (_(dialogs[d].title));
  if (dialog == NULL)
    g_error ("No “%s” dialog opened", _(dialogs[d].title));
  /* Tall enough for the whole of every dialog. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 550, 960);
  spin (300);
  gui_save_png (GTK_WIDGET (dialog), opt_out);
  g_print ("%s: %d × %d\n", opt_out, gtk_widget_get_width (GTK_WIDGET (dialog)),
           gtk_widget_get_height (GTK_WIDGET (dialog)));
  if (opt_calendar != NULL)
    {
      GtkMenuButton *button = find_nth (GTK_WIDGET (dialog), GTK_TYPE_MENU_BUTTON, 0);

      gtk_menu_button_popup (button);
      spin (300);
      gui_save_png (GTK_WIDGET (gtk_menu_button_get_popover (button)), opt_calendar);
      g_print ("%s\n", opt_calendar);
    }

  gui_fixture_teardown (&f);
  return 0;
}
