/* test-report-gui.c — "Export the Bilan…" in the window: the dialog, its worker, progress,
 * cancel and "Open"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dlg-export-private.h"
#include "dlg-report-dialog.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-report-gui");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

static DlgReportDialog *
open_dialog (Fixture *f)
{
  DlgReportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report",
                                             NULL));
  spin (50);
  dialog = find_toplevel (DLG_TYPE_REPORT_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

/* The button of the dialog that activates @action */
static GtkWidget *
find_button (DlgReportDialog *dialog,
             const char      *action)
{
  g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

static void
wait_done (DlgReportDialog *dialog)
{
  for (guint i = 0; i < 6000 && dlg_report_dialog_is_running (dialog); i++)
    spin (10);
  g_assert_false (dlg_report_dialog_is_running (dialog));
}

/* A menu (or one of its sections) has an item for @action */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* The window's process menu has the item, next to "Export…" */
static void
test_menu (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON);
  gpointer dialog;
  gboolean found = FALSE;

  for (guint i = 0; i < buttons->len; i++)
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (buttons->pdata[i]);

      if (menu != NULL && menu_has_action (menu, "win.export-process"))
        found = menu_has_action (menu, "win.export-report");
    }
  g_assert_true (found);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-report", NULL));
  spin (50);
  dialog = find_toplevel (DLG_TYPE_REPORT_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  DlgReportDialog *dialog = open_dialog (f);
  g_autofree char *path = g_build_filename (f->dir, "bilan.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_load (f->store, f->demo_id, NULL);
  GtkProgressBar *bar = find_nth (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR, 0);
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status;

  g_assert_false (gtk_widget_get_visible (find_button (dialog, "report.open")));
  dlg_report_dialog_render_to (dialog, path);
  g_assert_true (dlg_report_dialog_is_running (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (gtk_widget_get_visible (find_button (dialog, "report.cancel")));
  g_assert_false (gtk_widget_is_sensitive (find_button (dialog, "report.choose")));
  wait_done (dialog);
  if (strstr (dlg_report_dialog_get_status (dialog), "pages written to") == NULL)
    g_error ("%s", dlg_report_dialog_get_status (dialog));
  g_assert_cmpstr (dlg_report_dialog_get_path (dialog), ==, path);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  /* "Open" is offered once the file is there */
  g_assert_true (gtk_widget_get_visible (find_button (dialog, "report.open")));
  g_assert_true (gtk_widget_is_sensitive (find_button (dialog, "report.open")));
  g_assert_false (gtk_widget_get_visible (find_button (dialog, "report.cancel")));
  /* DLG_REPORT_SHOT=FILE.png: the dialog as it is now, for the README */
  if (g_getenv ("DLG_REPORT_SHOT") != NULL)
    gui_save_png (GTK_WIDGET (dialog), g_getenv ("DLG_REPORT_SHOT"));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (text, "Participation in figures"));
  g_assert_nonnull (strstr (text, "9. The journal and how to verify it"));
  g_assert_nonnull (strstr (text, "Bilan of the participatory process"));
  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "bilan.pdf", NULL);
  DlgReportDialog *dialog;

  g_assert_true (dlg_export_fill_for_bench (f->store, f->demo_id, 100000, &error));
  g_assert_no_error (error);
  dialog = open_dialog (f);
  dlg_report_dialog_render_to (dialog, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "report.cancel", NULL));
  wait_done (dialog);
  g_assert_cmpstr (dlg_report_dialog_get_status (dialog), ==,
                   "Bilan cancelled: nothing was written.");
  g_assert_null (dlg_report_dialog_get_path (dialog));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Nothing half-written beside it either */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".bilan.pdf"));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Closing the dialog while it works cancels the report. */
static void
test_close_cancels (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bilan.pdf", NULL);
  DlgReportDialog *dialog = open_dialog (f);

  dlg_report_dialog_render_to (dialog, path);
  gtk_window_close (GTK_WINDOW (dialog));
  for (guint i = 0; i < 300; i++)
    spin (10);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  g_test_add ("/gui/report/menu", Fixture, NULL, fixture_setup, test_menu, fixture_teardown);
  g_test_add ("/gui/report/dialog", Fixture, NULL, fixture_setup, test_render,
              fixture_teardown);
  g_test_add ("/gui/report/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/gui/report/close-cancels", Fixture, NULL, fixture_setup, test_close_cancels,
              fixture_teardown);
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-report-gui", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
