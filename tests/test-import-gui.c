/* test-import-gui.c — "Import Contributions…" in the window: the detected format, the column
 * mapping guessed then kept for the process, the count and preview, the import, and cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DLG_SCREENSHOT_DIR set, the dialog is rendered to import-dialog.png there, in the
 * language of the environment (LANG=C.UTF-8 LANGUAGE=fr for the README's), and /gui/import/dialog
 * stops at that: its checks are of the English texts.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dlg-import-dialog.h"
#include "dlg-store-private.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-import-gui");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

static DlgImportDialog *
open_dialog (Fixture *f)
{
  DlgImportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-contributions",
                                             NULL));
  spin (50);
  dialog = find_toplevel (DLG_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static GtkWidget *
import_button (DlgImportDialog *dialog)
{
  g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "import.import") == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

static void
wait_idle (DlgImportDialog *dialog)
{
  for (guint i = 0; i < 6000 && dlg_import_dialog_is_busy (dialog); i++)
    spin (10);
  g_assert_false (dlg_import_dialog_is_busy (dialog));
}

static void
assert_says (const char *text,
             const char *expected)
{
  if (text == NULL || strstr (text, expected) == NULL)
    g_error ("“%s” does not say “%s”", text, expected);
}

static gint64
count_titled (Fixture    *f,
              const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, "SELECT count(*) FROM contribution"
                                                         " WHERE title LIKE ?1", &error);

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, pattern);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
write_forms (Fixture    *f,
             const char *name,
             guint       n,
             const char *prefix)
{
  g_autoptr(GString) text = g_string_new ("Nom;Courriel;Idée;Détail;Quartier\n");
  char *path = g_build_filename (f->dir, name, NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "Jeanne Martin;jeanne%u@example.org;%s %u;"
                                  "\"Sur le <b>cours</b> des 50-Otages,\nle soir\";Centre\n",
                            i, prefix, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_forms (f, "formulaires.csv", 30, "Idée papier");
  g_autofree char *next = write_forms (f, "semaine-2.csv", 4, "Deuxième semaine");
  g_autofree char *map = NULL;
  const char *shots = g_getenv ("DLG_SCREENSHOT_DIR");
  DlgImportDialog *dialog = open_dialog (f);
  GtkListBox *preview;
  AdwComboRow *area;

  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));
  dlg_import_dialog_open_file (dialog, path);
  wait_idle (dialog);
  if (shots != NULL)
    {
      g_autofree char *png = g_build_filename (shots, "import-dialog.png", NULL);

      gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 880);
      spin (300);
      gui_save_png (GTK_WIDGET (dialog), png);
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  assert_says (dlg_import_dialog_get_counts (dialog), "30 read: 30 to add, 0 to update");
  g_assert_true (gtk_widget_is_sensitive (import_button (dialog)));
  map = dlg_import_dialog_dup_map (dialog);
  g_assert_cmpstr (map, ==, "Nom=name,Courriel=email,Idée=title,Détail=body,Quartier=area");
  {
    g_autoptr(GPtrArray) lists = find_all (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX);

    preview = g_ptr_array_index (lists, lists->len - 1);   /* the last: under the counts */
  }
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (preview)));
  /* the citizen's text shown as it is, never as markup */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (preview),
                                          "Sur le <b>cours</b> des 50-Otages,\nle soir"));

  /* the area column left out: a recount, then the import */
  area = find_nth (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 5);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (area)), ==, "Quartier");
  adw_combo_row_set_selected (area, 0);
  g_assert_true (dlg_import_dialog_is_busy (dialog));
  wait_idle (dialog);
  g_clear_pointer (&map, g_free);
  map = dlg_import_dialog_dup_map (dialog);
  g_assert_cmpstr (map, ==, "Nom=name,Courriel=email,Idée=title,Détail=body");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  wait_idle (dialog);
  assert_says (dlg_import_dialog_get_status (dialog), "Imported: 30 added");
  assert_says (dlg_import_dialog_get_counts (dialog), "0 to add, 0 to update, 30 unchanged");
  g_assert_cmpint (count_titled (f, "Idée papier %"), ==, 30);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);

  /* the next file of the same partner: the mapping chosen is back */
  dialog = open_dialog (f);
  dlg_import_dialog_open_file (dialog, next);
  wait_idle (dialog);
  g_clear_pointer (&map, g_free);
  map = dlg_import_dialog_dup_map (dialog);
  g_assert_cmpstr (map, ==, "Nom=name,Courriel=email,Idée=title,Détail=body");
  assert_says (dlg_import_dialog_get_counts (dialog), "4 read: 4 to add");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A file no reader takes, then a cancel that keeps nothing. */
static void
test_errors_and_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->dir, "vide.csv", NULL);
  g_autofree char *big = write_forms (f, "gros.csv", 60000, "Grosse");
  DlgImportDialog *dialog = open_dialog (f);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  dlg_import_dialog_open_file (dialog, empty);
  wait_idle (dialog);
  assert_says (dlg_import_dialog_get_counts (dialog), "vide.csv is empty.");
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));

  dlg_import_dialog_open_file (dialog, big);
  wait_idle (dialog);
  assert_says (dlg_import_dialog_get_counts (dialog), "60000 read: 60000 to add");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  for (guint i = 0; i < 6000 && dlg_import_dialog_get_status (dialog) != NULL &&
                    g_str_equal (dlg_import_dialog_get_status (dialog), "Importing…"); i++)
    spin (10);
  assert_says (dlg_import_dialog_get_status (dialog), "Import cancelled: nothing of the file");
  wait_idle (dialog);
  g_assert_cmpint (count_titled (f, "Grosse %"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  if (g_getenv ("DLG_SCREENSHOT_DIR") != NULL)
    {
      setlocale (LC_ALL, "");   /* gtk_test_init() chose C */
      bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
      textdomain (GETTEXT_PACKAGE);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  g_test_add ("/gui/import/dialog", Fixture, NULL, fixture_setup, test_import,
              fixture_teardown);
  g_test_add ("/gui/import/errors-and-cancel", Fixture, NULL, fixture_setup,
              test_errors_and_cancel, fixture_teardown);
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-import-gui", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
