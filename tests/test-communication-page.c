/* test-communication-page.c — the communication page in the window, on the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson under xvfb-run and dbus-run-session (training mode itself, with the practice
 * site, is test-sync-window's). `dialogue --stage communication` shows it;
 * here the window selects it, its rows follow the store, the gaps warning follows the rule,
 * the publish button publishes the linked narrative, the generated editor opens, the export
 * writes a file, and user text shows as typed, never as markup.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dlg-communication-page.h"
#include "dlg-communication-timeline.h"
#include "dlg-stage-navigator.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-communication-page");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

static guint
page_index (void)
{
  for (guint i = 0; i < DLG_N_PAGES; i++)
    if (g_str_equal (dlg_stage_navigator_page_name (i), DLG_PAGE_COMMUNICATION))
      return i;
  g_assert_not_reached ();
}

static DlgCommunicationPage *
show_page (Fixture *f)
{
  DlgCommunicationPage *page;

  dlg_window_select_page (f->window, page_index ());
  spin (60);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f->window), ==, "communication");
  page = DLG_COMMUNICATION_PAGE (dlg_window_get_page (f->window, page_index ()));
  return page;
}

/* The rows that show an item, in order. */
static GPtrArray *
item_rows (DlgCommunicationPage *page)
{
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (rows, i)), "dlg-item") != NULL)
      g_ptr_array_add (out, g_ptr_array_index (rows, i));
  return out;
}

static GtkWidget *
row_titled (DlgCommunicationPage *page,
            const char           *title)
{
  g_autoptr(GPtrArray) rows = item_rows (page);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static DlgCommunicationItem *
row_item (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "dlg-item");
}

static GtkWidget *
template_child (DlgCommunicationPage *page,
                const char           *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                    DLG_TYPE_COMMUNICATION_PAGE, name));
}

static void
test_list_and_gaps (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = dlg_communication_item_list (f->store, f->demo_id, &error);
  g_autoptr(GPtrArray) rows = NULL;
  DlgCommunicationPage *page = show_page (f);
  DlgCommunicationTimeline *timeline = DLG_COMMUNICATION_TIMELINE (template_child (page,
                                                                                   "timeline"));
  GtkWidget *gaps_box = template_child (page, "gaps_box");
  GtkLabel *gaps_label = GTK_LABEL (template_child (page, "gaps_label"));
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (items);
  g_assert_cmpuint (n, >=, 5);
  rows = item_rows (page);
  g_assert_cmpuint (rows->len, ==, n);
  g_assert_cmpuint (dlg_communication_timeline_get_n_shown (timeline), ==, n);
  /* The demo's workshop has its items and so has the opinion, which comes next. */
  g_assert_false (gtk_widget_get_visible (gaps_box));

  /* Remove what the opinion has planned: the page warns, naming the stage. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgCommunicationItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (dlg_communication_item_get_stage (item), "opinion") == 0)
        g_assert_true (dlg_communication_page_delete_item (page,
                                                           dlg_communication_item_get_id (item),
                                                           &error));
      g_assert_no_error (error);
    }
  spin (60);
  g_assert_true (gtk_widget_get_visible (gaps_box));
  g_assert_nonnull (strstr (gtk_label_get_text (gaps_label), "Citizen opinion"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = item_rows (page);
  g_assert_cmpuint (rows->len, <, n);
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgNarrative) narrative = NULL;
  DlgCommunicationPage *page = show_page (f);
  GtkWidget *row = row_titled (page, "Récit de la balade urbaine");
  GtkWidget *button;
  gint64 narrative_id;

  g_assert_nonnull (row);
  narrative_id = dlg_communication_item_get_narrative_id (row_item (row));
  g_assert_cmpint (narrative_id, !=, 0);
  button = find_nth (row, GTK_TYPE_BUTTON, 0);
  g_assert_true (gtk_widget_get_visible (button));

  /* The button asks first; Cancel publishes nothing. */
  g_signal_emit_by_name (button, "clicked");
  spin (30);
  g_assert_nonnull (find_message_dialog ());
  adw_message_dialog_response (find_message_dialog (), "cancel");
  spin (30);
  narrative = dlg_narrative_load (f->store, narrative_id, &error);
  g_assert_cmpstr (dlg_narrative_get_state (narrative), ==, "draft");
  g_clear_object (&narrative);

  g_signal_emit_by_name (button, "clicked");
  spin (30);
  adw_message_dialog_response (find_message_dialog (), "publish");
  spin (60);
  narrative = dlg_narrative_load (f->store, narrative_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_narrative_get_state (narrative), ==, "published");
  row = row_titled (page, "Récit de la balade urbaine");
  g_assert_false (gtk_widget_get_visible (find_nth (row, GTK_TYPE_BUTTON, 0)));
}

static void
test_edit_and_export (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgCommunicationItem) item = dlg_communication_item_new (f->demo_id);
  g_autofree char *path = g_build_filename (f->dir, "plan.csv", NULL);
  g_autofree char *contents = NULL;
  DlgCommunicationPage *page = show_page (f);
  DlgEditDialog *dialog;
  GtkWidget *row;

  /* Markup in user text shows as typed. */
  dlg_communication_item_set_title (item, "<b>Affiche</b> & <i>flyer</i>");
  dlg_communication_item_set_stage (item, "workshop");
  g_assert_true (dlg_communication_item_save (f->store, item, &error));
  g_assert_no_error (error);
  spin (60);
  row = row_titled (page, "<b>Affiche</b> & <i>flyer</i>");
  g_assert_nonnull (row);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));

  dialog = dlg_communication_page_edit (page, dlg_communication_item_get_id (item));
  spin (60);
  g_assert_nonnull (dialog);
  g_assert_true (find_edit_dialog ("Communication Item") == dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  spin (30);

  g_assert_true (dlg_communication_page_export_to (page, "csv", path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "uuid,stage,"));
  g_assert_nonnull (strstr (contents, "<b>Affiche</b> & <i>flyer</i>"));
  g_unlink (path);
  g_assert_false (dlg_communication_page_export_to (page, "pdf", path, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

/* Training: the trainer's notes beside each view of a demo process, and only of a demo. */
static void
test_trainer_notes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) other = NULL;
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                       DLG_TYPE_WINDOW,
                                                                       "notes_revealer"));
  GtkStack *notes;

  /* Outside training mode they wait to be asked for (win.trainer-notes). */
  dlg_window_select_page (f->window, DLG_STAGE_REVIEW);
  spin (60);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trainer-notes", "b",
                                             TRUE));
  spin (60);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  notes = find_nth (gtk_revealer_get_child (revealer), GTK_TYPE_STACK, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (notes), ==, "review");
  show_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (notes), ==, "communication");
  /* Every page of the window has its note. */
  for (guint i = 0; i < DLG_N_PAGES; i++)
    g_assert_nonnull (gtk_stack_get_child_by_name (notes, dlg_stage_navigator_page_name (i)));
  /* The notes wrap in their 280 px, and the window still fits the default 1280 px: a stack of
   * notes sized as one line each once made it 2,500 px wide. */
  {
    int notes_min = 0, window_min = 0;

    gtk_widget_measure (gtk_revealer_get_child (revealer), GTK_ORIENTATION_HORIZONTAL, -1,
                        &notes_min, NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &window_min,
                        NULL, NULL, NULL);
    g_test_message ("notes: minimum width %d; window: %d", notes_min, window_min);
    g_assert_cmpint (notes_min, <=, 280);
    g_assert_cmpint (window_min, <=, 1280);
  }

  other = dlg_process_create (f->store, "Une vraie démarche", &error);
  g_assert_no_error (error);
  dlg_window_select_process (f->window, dlg_process_get_id (other));
  spin (60);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  g_test_add ("/gui/communication/list-and-gaps", Fixture, NULL, fixture_setup,
              test_list_and_gaps, fixture_teardown);
  g_test_add ("/gui/communication/publish", Fixture, NULL, fixture_setup, test_publish,
              fixture_teardown);
  g_test_add ("/gui/communication/edit-and-export", Fixture, NULL, fixture_setup,
              test_edit_and_export, fixture_teardown);
  g_test_add ("/gui/training/notes", Fixture, NULL, fixture_setup, test_trainer_notes,
              fixture_teardown);
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-communication-page", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
