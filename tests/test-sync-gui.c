/* test-sync-gui.c — the sync button and the conflict dialog, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "dlg-conflict-dialog.h"
#include "gui-fixture.h"
#include "dlg-refused-dialog.h"
#include "dlg-refused-row.h"
#include "dlg-store-private.h"
#include "dlg-sync-button.h"
#include "dlg-training-site.h"

static gint64
count (DlgStore   *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static const char *
status_of (GtkWidget *button)
{
  /* The menu button is the widget's only child; its tooltip is the status. */
  return gtk_widget_get_tooltip_text (gtk_widget_get_first_child (button));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The count of refused changes on the sync button itself, or %NULL when hidden. */
static const char *
count_on (GtkWidget *button)
{
  GtkWidget *box = gtk_menu_button_get_child (GTK_MENU_BUTTON (gtk_widget_get_first_child (
                                                                 button)));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      return gtk_widget_get_visible (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
  return NULL;
}

/* The popover's box of the refused changes, around @retry. */
static GtkWidget *
refused_box_of (GtkWidget *retry)
{
  return gtk_widget_get_parent (gtk_widget_get_parent (retry));
}

/* A narrative the site refuses (a stage it does not know), queued. */
static void
queue_refused (DlgStore   *store,
               const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = dlg_sync_narrative_publish (store, count (store, "SELECT min(id)"
                                                                    " FROM process"),
                                                      NULL, title, "x", &error);
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, "UPDATE narrative SET stage = 'nowhere'"
                                                      " WHERE uuid = ?1", &error);

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, uuid);
  g_assert_true (dlg_store_step_done (store, stmt, &error));
  g_assert_true (dlg_sync_enqueue_narrative (store, uuid, &error));
}

static void
wait_idle (DlgSyncManager *manager)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (dlg_sync_manager_get_busy (manager) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dlg_sync_manager_get_busy (manager));
}

static void
test_button_follows_manager (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-sync-gui-XXXXXX", &error);
  g_autofree char *site_path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgSyncManager) manager = dlg_sync_manager_new (store);
  g_autoptr(DlgTrainingSite) site = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = dlg_sync_button_new (manager);
  gboolean created;
  gint64 deadline;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (status_of (button), ==, "No site set up");

  g_assert_true (dlg_sync_manager_set_site (manager, "http://127.0.0.1:9", &error));
  g_assert_cmpstr (status_of (button), ==, "Token needed");

  dlg_demo_ensure (store, &created, &error);
  g_assert_no_error (error);
  site = dlg_training_site_start (site_path, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_training_site_attach (site, manager, &error));
  g_assert_cmpstr (status_of (button), ==, "Changes waiting to be sent");
  dlg_sync_manager_sync (manager);
  g_assert_cmpstr (status_of (button), ==, "Syncing…");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (dlg_sync_manager_get_busy (manager) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (status_of (button), ==, "Up to date");

  /* A change the site refuses: counted on the button, kept, sent again on demand. */
  {
    GtkWidget *retry;

    queue_refused (store, "Mauvais");
    dlg_sync_manager_sync (manager);
    wait_idle (manager);
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 1);
    g_assert_cmpstr (status_of (button), ==, "Changes refused by the site (1)");
    g_assert_cmpstr (count_on (button), ==, "1");
    retry = find_button (button, "Send _Again");
    g_assert_nonnull (retry);
    g_assert_true (gtk_widget_get_visible (refused_box_of (retry)));

    /* As it is: refused again, still kept. */
    g_signal_emit_by_name (retry, "clicked");
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 0);
    wait_idle (manager);
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 1);
    g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'failed'"), ==, 1);

    /* Once what the site objected to is right (here behind the app's back, so that nothing
     * queues it again), it goes through. */
    g_assert_true (dlg_store_exec (store, "UPDATE narrative SET stage = 'workshop'"
                                          " WHERE stage = 'nowhere'", &error));
    g_signal_emit_by_name (retry, "clicked");
    wait_idle (manager);
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 0);
    g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);
    g_assert_cmpstr (status_of (button), ==, "Up to date");
    g_assert_false (gtk_widget_get_visible (refused_box_of (retry)));
    g_assert_null (count_on (button));
  }

  /* One by one in the list: Abandon asks first, then the change leaves the queue, kept aside
   * and journaled; the site's words and the title are plain text. */
  {
    GtkWidget *dialog = NULL;
    GtkWidget *confirm;
    GtkWidget *row;
    GtkLabel *label;
    gint64 id;

    queue_refused (store, "<b>Mauvais</b> bis");
    dlg_sync_manager_sync (manager);
    wait_idle (manager);
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 1);
    g_signal_emit_by_name (find_button (button, "_Review…"), "clicked");
    dialog = find_toplevel (DLG_TYPE_REFUSED_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_cmpuint (dlg_refused_dialog_get_n_rows (DLG_REFUSED_DIALOG (dialog)), ==, 1);
    row = find_nth (dialog, DLG_TYPE_REFUSED_ROW, 0);
    label = find_label_with_text (row, "Narrative — <b>Mauvais</b> bis");
    g_assert_nonnull (label);
    g_assert_false (gtk_label_get_use_markup (label));
    g_assert_nonnull (find_label_with_text (row, "Refused by the site"));
    id = dlg_refused_row_get_id (DLG_REFUSED_ROW (row));

    /* Cancel: nothing changes. */
    dlg_refused_dialog_abandon (DLG_REFUSED_DIALOG (dialog), id);
    confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (confirm);
    g_assert_false (adw_message_dialog_get_heading_use_markup (ADW_MESSAGE_DIALOG (confirm)));
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)),
                              "<b>Mauvais</b> bis"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
    gtk_window_destroy (GTK_WINDOW (confirm));
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 1);
    g_assert_cmpint (count (store, "SELECT count(*) FROM outbox_abandoned"), ==, 0);

    /* Abandon: kept aside, journaled, gone from the list and from the button. */
    gtk_widget_activate_action (dialog, "refused.abandon", "x", id);
    confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "abandon");
    gtk_window_destroy (GTK_WINDOW (confirm));
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 0);
    g_assert_cmpint (count (store, "SELECT count(*) FROM outbox_abandoned WHERE object_type ="
                                   " 'narrative'"), ==, 1);
    g_assert_cmpint (count (store, "SELECT count(*) FROM journal WHERE action ="
                                   " 'sync.abandon'"), ==, 1);
    g_assert_cmpuint (dlg_refused_dialog_get_n_rows (DLG_REFUSED_DIALOG (dialog)), ==, 0);
    g_assert_null (count_on (button));
    dlg_sync_manager_sync (manager);
    wait_idle (manager);
    g_assert_cmpint (dlg_sync_manager_get_n_refused (manager), ==, 0);
    g_assert_cmpstr (status_of (button), ==, "Up to date");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  dlg_training_site_stop (site);
  g_remove (site_path);
  {
    g_autofree char *wal = g_strconcat (site_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (site_path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

/* A site that lost its contributions (restored from an older backup): the first pull brings
 * 25, then the cursor is refused (410) and the full resync finds none. */
#define PROCESS_UUID "11111111-1111-4111-8111-111111111111"

typedef struct
{
  guint n_changes;
} RestoredSite;

static void
restored_site_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  RestoredSite *site = user_data;
  GString *body = g_string_new (NULL);

  if (g_str_equal (path, "/api/sync/v1/"))
    g_string_append (body, "{\"protocol\": \"dialogue-sync\", \"version\": 1, \"server_time\":"
                           " \"2026-11-25T10:00:00Z\", \"page_limit\": {\"default\": 100,"
                           " \"max\": 100}}");
  else if (g_str_equal (path, "/api/sync/v1/changes") && site->n_changes++ == 0)
    {
      g_string_append (body, "{\"items\": [");
      for (guint i = 0; i < 25; i++)
        g_string_append_printf (body, "%s{\"type\": \"contribution\", \"id\":"
                                " \"22222222-2222-4222-8222-%012u\", \"rev\": %u, \"deleted\":"
                                " false, \"data\": {\"process_id\": \"" PROCESS_UUID "\","
                                " \"feature\": \"ideas\", \"kind\": \"idea\", \"title\":"
                                " \"Idée %u\", \"body\": \"b\", \"created_at\":"
                                " \"2026-11-25T10:00:00Z\", \"moderation\": \"published\"}}",
                                i > 0 ? ", " : "", i, i + 1, i);
      g_string_append (body, "], \"next_cursor\": \"c1\", \"has_more\": false}");
    }
  else if (g_str_equal (path, "/api/sync/v1/changes") &&
           query != NULL && g_hash_table_contains (query, "cursor"))
    {
      soup_server_message_set_status (msg, 410, NULL);
      g_string_free (body, TRUE);
      return;
    }
  else if (g_str_equal (path, "/api/sync/v1/changes"))
    g_string_append (body, "{\"items\": [], \"next_cursor\": \"c0\", \"has_more\": false}");
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      g_string_free (body, TRUE);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body->str,
                                    body->len);
  g_string_free (body, FALSE);
}

/* The window asks before a resync marks many contributions "no longer on the site", saying
 * how many and why; "Later" changes nothing, "Go On" marks them and deletes none. */
static void
test_site_missing_asks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgSyncManager) manager = dlg_sync_manager_new (store);
  g_autoptr(DlgProcess) process = dlg_process_create (store, "Démarche", &error);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  RestoredSite site = { 0 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = dlg_sync_button_new (manager);
  AdwMessageDialog *ask;

  g_assert_no_error (error);
  g_assert_true (dlg_store_exec (store, "UPDATE process SET uuid = '" PROCESS_UUID "'", &error));
  soup_server_add_handler (server, NULL, restored_site_cb, &site, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dlg_sync_manager_set_site (manager, base, &error));
  g_assert_true (dlg_sync_manager_set_token (manager, "t", &error));
  g_assert_no_error (error);

  dlg_sync_manager_sync (manager);
  wait_idle (manager);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"), ==, 25);
  g_assert_null (find_message_dialog ());

  /* The site answers 410 for the cursor, and its full list is empty. */
  dlg_sync_manager_sync (manager);
  wait_idle (manager);
  g_assert_true (dlg_sync_manager_get_site_missing (manager));
  ask = find_message_dialog ();
  g_assert_nonnull (ask);
  g_assert_false (adw_message_dialog_get_body_use_markup (ask));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask), "25"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask), "backup"));
  if (g_getenv ("DLG_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("DLG_SCREENSHOT_DIR"),
                                               "site-missing.png", NULL);

      spin (300);
      gui_save_png (GTK_WIDGET (ask), png);
    }
  adw_message_dialog_response (ask, "later");
  gtk_window_destroy (GTK_WINDOW (ask));
  g_assert_false (dlg_sync_manager_get_busy (manager));
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"
                                 " WHERE site_missing_at IS NULL"), ==, 25);

  /* Asked again at the next sync; Go On marks them, keeps them all. */
  dlg_sync_manager_sync (manager);
  wait_idle (manager);
  ask = find_message_dialog ();
  g_assert_nonnull (ask);
  adw_message_dialog_response (ask, "go-on");
  gtk_window_destroy (GTK_WINDOW (ask));
  wait_idle (manager);
  g_assert_false (dlg_sync_manager_get_site_missing (manager));
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"
                                 " WHERE site_missing_at IS NOT NULL"), ==, 25);
  g_assert_null (find_message_dialog ());
  gtk_window_destroy (GTK_WINDOW (window));
  soup_server_disconnect (server);
}

/* The dialog shows both versions as plain text and applies the choice. */
static void
test_conflict_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = dlg_process_create (store, "Démarche", &error);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *dialog;
  const char *body;

  uuid = dlg_sync_narrative_publish (store, dlg_process_get_id (process), NULL, "Récit",
                                     "Ma version <b>en gras</b>", &error);
  g_assert_no_error (error);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store,
                                                 "INSERT INTO conflict (object_type,"
                                                 " object_uuid, local_json, site_json,"
                                                 " site_etag, detected_at) SELECT 'narrative',"
                                                 " ?1, body, '{\"title\": \"Récit\","
                                                 " \"body_md\": \"<span foreground=\\\"red\\\">"
                                                 "Leur version</span>\"}', '9', 'x' FROM outbox",
                                                 &error);

    dlg_stmt_bind_text (stmt, 1, uuid);
    g_assert_true (dlg_store_step_done (store, stmt, &error));
  }
  g_assert_true (dlg_store_exec (store, "UPDATE outbox SET state = 'conflict';"
                                        " UPDATE narrative SET sync_state = 'conflict'",
                                 &error));
  conflicts = dlg_sync_list_conflicts (store, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);

  dialog = dlg_conflict_dialog_new (NULL, store, conflicts->pdata[0]);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_body_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Ma version <b>en gras</b>"));
  g_assert_nonnull (strstr (body, "<span foreground=\"red\">Leur version</span>"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "copy"));
  gtk_window_present (GTK_WINDOW (dialog));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "mine");
  g_assert_cmpint (dlg_sync_count_conflicts (store, NULL), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM narrative WHERE etag = '9' AND"
                                 " sync_state = 'modified'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-sync-keyring-XXXXXX", &error);
  g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);
  int status;

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/sync/gui/button-follows-manager", test_button_follows_manager);
  g_test_add_func ("/sync/gui/conflict-dialog-plain-text-and-choice", test_conflict_dialog);
  g_test_add_func ("/sync/gui/site-missing-asks-first", test_site_missing_asks);
  status = g_test_run ();
  g_remove (keyring);
  g_rmdir (dir);
  return status;
}
