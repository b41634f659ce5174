/* test-training-gui.c — "Reset the Training…" in the window, against the in-process practice
 * site: the dialog, the reset, the demo shown at the stage chosen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DLG_TRAINING_SHOTS=DIR, the dialog and the window after the reset are also written to DIR
 * as PNGs (training-reset-dialog.png, training-reset-window.png), in the language of LANGUAGE.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dlg-context.h"
#include "dlg-core.h"
#include "dlg-store-private.h"
#include "dlg-sync.h"
#include "dlg-training-reset-dialog.h"
#include "dlg-window.h"
#include "gui-fixture.h"

#define WAIT_SECONDS 20

typedef struct
{
  char           *dir;
  char           *db_path;
  char           *site_path;
  DlgStore       *store;
  GSettings      *settings;
  DlgSyncManager *manager;
  DlgContext     *context;
  DlgWindow      *window;
  gint64          demo_id;
  gint64          real_id;
} Fixture;

static void
wait_idle (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (dlg_sync_manager_get_busy (f->manager))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  spin (20);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
shot (GtkWidget  *widget,
      const char *name)
{
  const char *dir = g_getenv ("DLG_TRAINING_SHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin (300);
  path = g_build_filename (dir, name, NULL);
  gui_save_png (widget, path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) real = NULL;
  gboolean training = GPOINTER_TO_INT (data);

  f->dir = g_dir_make_tmp ("dialogue-training-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "app.db", NULL);
  f->site_path = g_build_filename (f->dir, "practice-site.db", NULL);
  f->store = dlg_store_open (f->db_path, &error);
  g_assert_no_error (error);
  real = dlg_process_create (f->store, "Réaménager les quais de Loire", &error);
  g_assert_no_error (error);
  f->real_id = dlg_process_get_id (real);
  f->demo_id = dlg_demo_ensure (f->store, NULL, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_string (f->settings, "site-url", "");
  g_settings_set_uint (f->settings, "sync-interval", 0);
  f->manager = dlg_sync_manager_new (f->store);
  f->context = dlg_context_new (f->store, f->settings);
  dlg_context_set_sync_manager (f->context, f->manager);
  f->window = dlg_window_new (NULL, f->context);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (50);
  if (training)
    {
      g_assert_true (dlg_context_start_training (f->context, f->site_path, &error));
      g_assert_no_error (error);
      wait_idle (f);
      g_assert_cmpstr (dlg_sync_manager_get_last_error (f->manager), ==, NULL);
    }
  dlg_window_select_process (f->window, f->demo_id);
  spin (50);
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GObject *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&f->window);
  spin (20);
  dlg_context_stop_training (f->context);
  g_clear_object (&f->context);
  g_clear_object (&f->manager);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  spin (20);
  remove_db (f->db_path);
  remove_db (f->site_path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->site_path);
}

/* The dialog closes once its response is handled (the reset takes a moment). */
static void
wait_closed (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (find_message_dialog () != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin (20);
    }
}

static GtkButton *
find_button (AdwMessageDialog *dialog,
             const char       *label)
{
  g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  g_error ("No button “%s” in the dialog", label);
  return NULL;
}

static AdwMessageDialog *
open_dialog (Fixture *f)
{
  AdwMessageDialog *dialog;

  g_assert_null (find_message_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset-training",
                                             NULL));
  spin (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

/* The dialog proposes the demo's stage, does nothing on Enter or Escape, and the reset shows
 * the new demo at the stage chosen (from the drop-down); the practice site gets it at the next
 * sync; the real process is as it was. */
static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DlgProcess) real_before = dlg_process_load (f->store, f->real_id, NULL);
  g_autoptr(DlgProcess) demo = NULL;
  g_autoptr(GArray) demos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage_sql = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  gint64 id;

  dialog = open_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Reset the Training?"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "reset"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  drop_down = find_nth (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 0);
  g_assert_nonnull (drop_down);
  /* The demo of the first run is at the workshop: that is proposed first. */
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, DLG_STAGE_WORKSHOP);
  gtk_drop_down_set_selected (drop_down, DLG_STAGE_REVIEW);
  g_assert_cmpint (dlg_training_reset_dialog_get_stage (dialog), ==, DLG_STAGE_REVIEW);
  shot (GTK_WIDGET (dialog), "training-reset-dialog.png");

  /* As from the keyboard: the button activated (Enter would be Cancel, the default). */
  gtk_widget_activate (GTK_WIDGET (find_button (dialog, _("_Reset the Training"))));
  wait_closed ();

  demos = dlg_process_list_demo_ids (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (demos->len, ==, 1);
  id = g_array_index (demos, gint64, 0);
  g_assert_cmpint (id, >, f->demo_id);
  g_assert_cmpint (dlg_window_get_process (f->window), ==, id);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f->window), ==, "review");
  demo = dlg_process_load (f->store, id, &error);
  g_assert_cmpint (dlg_process_get_current_stage (demo), ==, DLG_STAGE_REVIEW);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->window),
                                          dlg_process_get_title (demo)));
  stage_sql = g_strdup_printf ("SELECT count(*) FROM journal WHERE process_id = %" G_GINT64_FORMAT
                               " AND action = 'demo.reset'", id);
  g_assert_cmpint (count (f, stage_sql), ==, 1);

  /* The practice site gets the new demo: nothing left to send, no conflict. */
  wait_idle (f);
  g_assert_cmpstr (dlg_sync_manager_get_last_error (f->manager), ==, NULL);
  g_assert_cmpint (dlg_sync_count_pending_for (f->store, TRUE, &error), ==, 0);
  g_assert_cmpint (dlg_sync_count_conflicts (f->store, &error), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM process WHERE is_demo = 1"
                             " AND sync_state = 'synced'"), ==, 1);

  /* The real process as it was. */
  {
    g_autoptr(DlgProcess) real_after = dlg_process_load (f->store, f->real_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dlg_process_get_uuid (real_after), ==, dlg_process_get_uuid (real_before));
    g_assert_cmpstr (dlg_process_get_title (real_after), ==, dlg_process_get_title (real_before));
  }
  shot (GTK_WIDGET (f->window), "training-reset-window.png");
}

/* Cancel changes nothing. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  AdwMessageDialog *dialog = open_dialog (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) demos = NULL;

  gtk_widget_activate (GTK_WIDGET (find_button (dialog, _("_Cancel"))));
  wait_closed ();
  demos = dlg_process_list_demo_ids (f->store, &error);
  g_assert_cmpuint (demos->len, ==, 1);
  g_assert_cmpint (g_array_index (demos, gint64, 0), ==, f->demo_id);
  g_assert_cmpint (dlg_window_get_process (f->window), ==, f->demo_id);
}

/* Outside training mode, with a real process shown, the action is not offered; a demo shown
 * offers it (and the reset then resets the practice site's file of this database). */
static void
test_offered (Fixture       *f,
              gconstpointer  data)
{
  g_assert_null (dlg_context_get_training_uri (f->context));
  dlg_window_select_process (f->window, f->real_id);
  spin (50);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset-training", NULL);
  spin (100);
  g_assert_null (find_message_dialog ());
  dlg_window_select_process (f->window, f->demo_id);
  spin (50);
  g_assert_nonnull (open_dialog (f));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* In the language of LANGUAGE, from the catalogues of the build tree (the screenshots). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func, training) \
  g_test_add (path, Fixture, GINT_TO_POINTER (training), fixture_setup, func, fixture_teardown)

  ADD ("/gui/training/reset", test_reset, TRUE);
  ADD ("/gui/training/reset-cancel", test_cancel, TRUE);
  ADD ("/gui/training/reset-offered", test_offered, FALSE);
  return g_test_run ();
}
