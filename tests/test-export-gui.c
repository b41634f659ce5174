/* test-export-gui.c — "Export…" in the window: the dialog, its worker, progress and cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dlg-export-dialog.h"
#include "dlg-export-private.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-export-gui");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

static DlgExportDialog *
open_dialog (Fixture *f)
{
  DlgExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-process",
                                             NULL));
  spin (50);
  dialog = find_toplevel (DLG_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
wait_done (DlgExportDialog *dialog)
{
  for (guint i = 0; i < 6000 && dlg_export_dialog_is_running (dialog); i++)
    spin (10);
  g_assert_false (dlg_export_dialog_is_running (dialog));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  DlgExportDialog *dialog = open_dialog (f);
  g_autofree char *path = g_build_filename (f->dir, "contributions.json", NULL);
  g_autofree char *dictionary = g_strconcat (path, ".dictionary.csv", NULL);
  g_autofree char *licence = g_strconcat (path, ".licence.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  AdwComboRow *format = find_nth (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 1);
  GtkSwitch *open_data = find_nth (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, 0);

  adw_combo_row_set_selected (format, DLG_EXPORT_JSON);
  gtk_switch_set_active (open_data, TRUE);
  dlg_export_dialog_export_to (dialog, path);
  g_assert_true (dlg_export_dialog_is_running (dialog));
  wait_done (dialog);
  g_assert_nonnull (strstr (dlg_export_dialog_get_status (dialog), "rows written"));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  node = dlg_json_parse (contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), >, 100);
  g_assert_true (g_file_test (dictionary, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (licence, G_FILE_TEST_EXISTS));
  g_unlink (path);
  g_unlink (dictionary);
  g_unlink (licence);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "contributions.csv", NULL);
  DlgExportDialog *dialog;
  GtkProgressBar *bar;

  g_assert_true (dlg_export_fill_for_bench (f->store, f->demo_id, 200000, &error));
  g_assert_no_error (error);
  dialog = open_dialog (f);
  bar = find_nth (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR, 0);
  dlg_export_dialog_export_to (dialog, path);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  wait_done (dialog);
  g_assert_cmpstr (dlg_export_dialog_get_status (dialog), ==,
                   "Export cancelled: nothing was written.");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  g_test_add ("/gui/export/dialog", Fixture, NULL, fixture_setup, test_export,
              fixture_teardown);
  g_test_add ("/gui/export/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-export-gui", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
