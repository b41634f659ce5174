/* test-sync-window.c — the window's sync: training mode, the sync button, conflicts, the token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson under xvfb-run and dbus-run-session like test-gui.c, with the same kind of
 * fixture: the demo process in a fresh database, the real window. Here the window's context
 * also has the application's sync manager and, for most tests, training mode: the practice
 * site runs in this process on loopback, on the same main context as the window, so that the
 * test's own HTTP requests (a citizen on the public pages) are asynchronous too.
 *
 * "Reset the Training…" (the /gui/training/ tests): with DLG_TRAINING_SHOTS=DIR, its dialog and the
 * window after the reset are written to DIR as PNGs, in the language of LANGUAGE.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dlg-context.h"
#include "dlg-contributions-page.h"
#include "dlg-core.h"
#include "dlg-site-db.h"
#include "dlg-stage-navigator.h"
#include "dlg-store-private.h"
#include "dlg-sync-button.h"
#include "dlg-sync.h"
#include "dlg-stage-page.h"
#include "dlg-narratives-page.h"
#include "dlg-preferences-window.h"
#include "dlg-training-reset-dialog.h"
#include "dlg-training-site.h"
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
  char           *demo_uuid;
  SoupSession    *http;
} Fixture;

/* ---------------------------------------------------------------- helpers */

/* Runs the main loop until the manager is idle, within a deadline. */
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

static void
sync_through_window (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  g_assert_true (dlg_sync_manager_get_busy (f->manager));
  wait_idle (f);
  g_assert_cmpstr (dlg_sync_manager_get_last_error (f->manager), ==, NULL);
}

static gint64
count (Fixture    *f,
       const char *sql,
       const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  if (arg != NULL)
    dlg_stmt_bind_text (stmt, 1, arg);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
http_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A request to the practice site, answered while the main loop runs. */
static guint
http (Fixture    *f,
      const char *method,
      const char *path,
      const char *form,
      char      **response)
{
  g_autofree char *uri = g_strconcat (dlg_context_get_training_uri (f->context), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  g_assert_nonnull (msg);
  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  soup_session_send_and_read_async (f->http, msg, G_PRIORITY_DEFAULT, NULL, http_done_cb,
                                    &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  answer = soup_session_send_and_read_finish (f->http, result, &error);
  g_assert_no_error (error);
  if (response != NULL)
    *response = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return soup_message_get_status (msg);
}

/* A citizen posts an idea on the public form of the demo: GET (cookie and CSRF token), POST. */
static void
post_idea (Fixture    *f,
           const char *title)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/contribute/ideas", f->demo_uuid);
  g_autofree char *page = NULL;
  g_autofree char *token = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  const char *start, *end;

  g_assert_cmpuint (http (f, "GET", path, NULL, &page), ==, 200);
  start = strstr (page, "name=\"csrf_token\" value=\"");
  g_assert_nonnull (start);
  start += strlen ("name=\"csrf_token\" value=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);
  token = g_strndup (start, end - start);
  g_hash_table_insert (fields, (gpointer) "csrf_token", token);
  g_hash_table_insert (fields, (gpointer) "title", (gpointer) title);
  g_hash_table_insert (fields, (gpointer) "body", (gpointer) "Planter des arbres près des bancs.");
  g_hash_table_insert (fields, (gpointer) "author_ref", (gpointer) "Camille");
  form = soup_form_encode_hash (fields);
  /* The session follows the 303 to the thank-you page. */
  g_assert_cmpuint (http (f, "POST", path, form, &answer), ==, 200);
  g_assert_nonnull (strstr (answer, "Merci"));
}

static gpointer
find_first (GtkWidget *root,
            GType      type)
{
  g_autoptr(GPtrArray) all = find_all (root, type);

  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

static gboolean
has_label (GtkWidget  *root,
           const char *needle)
{
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), needle) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &bytes, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (bytes + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------- fixture */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();
  gboolean created;
  gboolean training = GPOINTER_TO_INT (data);

  f->dir = g_dir_make_tmp ("dialogue-sync-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "app.db", NULL);
  f->site_path = g_build_filename (f->dir, "practice-site.db", NULL);
  f->store = dlg_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->demo_id = dlg_demo_ensure (f->store, &created, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DlgProcess) demo = dlg_process_load (f->store, f->demo_id, &error);

    f->demo_uuid = g_strdup (dlg_process_get_uuid (demo));
  }
  f->settings = g_settings_new (APP_ID);
  g_settings_set_string (f->settings, "site-url", "");
  g_settings_set_uint (f->settings, "sync-interval", 0);
  /* As the application does: one manager next to the store, in the context. */
  f->manager = dlg_sync_manager_new (f->store);
  f->context = dlg_context_new (f->store, f->settings);
  dlg_context_set_sync_manager (f->context, f->manager);
  f->window = dlg_window_new (NULL, f->context);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (50);

  f->http = soup_session_new ();
  soup_session_add_feature (f->http, SOUP_SESSION_FEATURE (jar));

  if (training)
    {
      g_assert_true (dlg_context_can_train (f->context));
      g_assert_true (dlg_context_start_training (f->context, f->site_path, &error));
      g_assert_no_error (error);
      /* Training mode syncs once at once: the demo's page goes up, its forms open. */
      g_assert_true (dlg_sync_manager_get_busy (f->manager));
      wait_idle (f);
      g_assert_cmpstr (dlg_sync_manager_get_last_error (f->manager), ==, NULL);
    }
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

  while ((dialog = find_toplevel (GTK_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&f->window);
  spin (20);
  dlg_context_stop_training (f->context);
  g_clear_object (&f->http);
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
  g_free (f->demo_uuid);
}

/* ---------------------------------------------------------------- tests */

/* Training mode: the bar names the practice site; the button and Ctrl+R sync with it. */
static void
test_training_banner_and_button (Fixture       *f,
                                 gconstpointer  data)
{
  const char *uri = dlg_context_get_training_uri (f->context);
  GtkWidget *button;

  g_assert_nonnull (uri);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:"));
  g_assert_true (has_label (GTK_WIDGET (f->window), uri));
  g_assert_true (dlg_sync_manager_get_training (f->manager));
  g_assert_cmpstr (dlg_sync_manager_get_site_url (f->manager), ==, uri);
  button = find_first (GTK_WIDGET (f->window), DLG_TYPE_SYNC_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_first_child (button)), ==,
                   "Up to date");
  g_assert_cmpint (dlg_sync_manager_get_pending_count (f->manager), ==, 0);

  /* The practice site shows the demo process the app published. */
  {
    g_autofree char *path = g_strdup_printf ("/p/%s", f->demo_uuid);
    g_autofree char *page = NULL;

    g_assert_cmpuint (http (f, "GET", path, NULL, &page), ==, 200);
    g_assert_nonnull (strstr (page, "quartier Zola"));
  }

  /* The sync interval of the preferences applies at once (minutes). */
  g_settings_set_uint (f->settings, "sync-interval", 5);
  g_assert_cmpuint (dlg_sync_manager_get_interval (f->manager), ==, 300);
  g_settings_set_uint (f->settings, "sync-interval", 0);
  g_assert_cmpuint (dlg_sync_manager_get_interval (f->manager), ==, 0);
  /* Training keeps the practice site whatever the site setting says. */
  g_settings_set_string (f->settings, "site-url", "https://participation.example.org");
  g_assert_cmpstr (dlg_sync_manager_get_site_url (f->manager), ==, uri);
}

/* A contribution posted on the practice site's public form is in the app after one sync. */
static void
test_training_contribution (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *page;
  GListModel *model;
  guint before;
  gboolean found = FALSE;

  dlg_window_select_page (f->window, DLG_N_STAGES);   /* contributions */
  spin (50);
  page = dlg_window_get_page (f->window, DLG_N_STAGES);
  model = dlg_contributions_page_get_model (DLG_CONTRIBUTIONS_PAGE (page));
  before = g_list_model_get_n_items (model);

  post_idea (f, "Des bancs à l’ombre des platanes");
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE title = ?1",
                          "Des bancs à l’ombre des platanes"), ==, 0);
  sync_through_window (f);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contribution WHERE title = ?1"
                             " AND channel = 'online'",
                          "Des bancs à l’ombre des platanes"), ==, 1);

  spin (100);
  model = dlg_contributions_page_get_model (DLG_CONTRIBUTIONS_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (model) && !found; i++)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (model, i);

      found = g_strcmp0 (dlg_contribution_get_title (c), "Des bancs à l’ombre des platanes") == 0;
    }
  g_assert_true (found);
}

/* A narrative published in the window's narratives page is on the practice site after one
 * sync (the sync picks up the marked row by itself). */
static void
test_training_narrative (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DlgNarrative) narrative = dlg_narrative_new (f->demo_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/p/%s", f->demo_uuid);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *page;

  dlg_narrative_set_title (narrative, "Le récit de l’atelier du 3 décembre");
  dlg_narrative_set_body_md (narrative, "Vingt-quatre habitants ont **choisi** trois pistes.");
  g_assert_true (dlg_narrative_save (f->store, narrative, &error));
  g_assert_no_error (error);

  dlg_window_select_page (f->window, DLG_N_STAGES + 1);   /* narratives */
  spin (50);
  page = dlg_window_get_page (f->window, DLG_N_STAGES + 1);
  g_assert_true (dlg_narratives_page_select (DLG_NARRATIVES_PAGE (page),
                                             dlg_narrative_get_id (narrative)));
  g_assert_true (gtk_widget_activate_action (page, "narratives.publish", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "publish");
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
  g_assert_cmpint (count (f, "SELECT count(*) FROM narrative WHERE state = 'published'"
                             " AND title = ?1", "Le récit de l’atelier du 3 décembre"), ==, 1);

  /* The sync button counts it at once (a demo narrative counts in training mode). */
  g_assert_cmpint (dlg_sync_manager_get_pending_count (f->manager), ==, 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_first_child (
                     find_first (GTK_WIDGET (f->window), DLG_TYPE_SYNC_BUTTON))), ==,
                   "Changes waiting to be sent");
  g_assert_cmpuint (http (f, "GET", path, NULL, &before), ==, 200);
  g_assert_null (strstr (before, "Le récit de l’atelier du 3 décembre"));
  sync_through_window (f);
  g_assert_cmpuint (http (f, "GET", path, NULL, &after), ==, 200);
  g_assert_nonnull (strstr (after, "Le récit de l’atelier du 3 décembre"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM narrative WHERE sync_state = 'synced'"
                             " AND title = ?1", "Le récit de l’atelier du 3 décembre"), ==, 1);
}

/* The same narrative changed on the site and in the app: the sync keeps both, the window
 * offers the conflict dialog, and "keep mine" puts the officer's version on the site. */
static void
test_training_conflict_keep_mine (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(DlgNarrative) narrative = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgSiteDb) db = NULL;
  g_autoptr(DlgSiteObject) object = NULL;
  g_autofree char *site_data = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *path = NULL;
  g_autofree char *page = NULL;
  AdwToastOverlay *overlay;
  AdwMessageDialog *dialog;
  gint64 id, rev;

  /* A demo narrative already on the site. */
  id = count (f, "SELECT id FROM narrative WHERE state = 'published' AND etag IS NOT NULL"
                 " ORDER BY id LIMIT 1", NULL);
  g_assert_cmpint (id, >, 0);
  narrative = dlg_narrative_load (f->store, id, &error);
  g_assert_no_error (error);
  uuid = g_strdup (dlg_narrative_get_uuid (narrative));

  /* Someone edits it on the site… */
  db = dlg_site_db_open (f->site_path, &error);
  g_assert_no_error (error);
  object = dlg_site_db_get_object (db, "narrative", uuid);
  g_assert_nonnull (object);
  {
    g_autoptr(JsonNode) node = json_from_string (object->data, &error);
    JsonObject *o = json_node_get_object (node);

    g_assert_no_error (error);
    json_object_set_string_member (o, "title", "Titre changé sur le site");
    site_data = json_to_string (node, FALSE);
  }
  g_assert_true (dlg_site_db_put_object (db, "narrative", uuid, object->process_id, site_data,
                                         &rev, &error));
  g_assert_no_error (error);

  /* …and the officer in the app. */
  dlg_narrative_set_title (narrative, "Titre changé dans l’application");
  g_assert_true (dlg_narrative_save (f->store, narrative, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  wait_idle (f);
  g_assert_cmpint (dlg_sync_manager_get_n_conflicts (f->manager), ==, 1);
  /* Nothing was dropped: both versions are kept. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM conflict WHERE object_uuid = ?1"
                             " AND resolved IS NULL", uuid), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM narrative WHERE title = ?1",
                          "Titre changé dans l’application"), ==, 1);
  /* The window offers them in a toast whose button opens the dialog. */
  overlay = find_first (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  g_assert_true (has_label (GTK_WIDGET (overlay), "choose the version to keep"));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflicts",
                                             NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Titre changé sur le site"));
  g_assert_true (adw_message_dialog_has_response (dialog, "mine"));
  g_assert_true (adw_message_dialog_has_response (dialog, "theirs"));
  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  adw_message_dialog_response (dialog, "mine");
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
  g_assert_cmpint (dlg_sync_manager_get_n_conflicts (f->manager), ==, 0);
  sync_through_window (f);
  path = g_strdup_printf ("/p/%s", f->demo_uuid);
  g_assert_cmpuint (http (f, "GET", path, NULL, &page), ==, 200);
  g_assert_nonnull (strstr (page, "Titre changé dans l’application"));
  g_assert_null (strstr (page, "Titre changé sur le site"));
}

/* The token typed in the dialog opens the site and is never written to the database file. */
/* The entry row of the preferences titled @title. */
static AdwEntryRow *
preferences_row (GtkWidget  *window,
                 const char *title)
{
  g_autoptr(GPtrArray) rows = find_all (window, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

/* The preferences open with no field focused; a site address applies on Enter only when the
 * sync accepts it, and a refused one is explained in the dialog, not in the log. */
static void
test_preferences_site_address (Fixture       *f,
                               gconstpointer  data)
{
  DlgPreferencesWindow *prefs = dlg_preferences_window_new (f->settings);
  GtkWidget *focus;
  AdwEntryRow *site;
  GtkLabel *message = NULL;
  g_autofree char *before = g_settings_get_string (f->settings, "site-url");
  g_autofree char *kept = NULL;
  g_autofree char *applied = NULL;

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (prefs));
  spin (50);
  focus = gtk_root_get_focus (GTK_ROOT (prefs));
  g_assert_false (focus != NULL && GTK_IS_EDITABLE (focus));

  site = preferences_row (GTK_WIDGET (prefs), "Site address");
  /* Typing changes nothing yet, whatever the address. */
  gtk_editable_set_text (GTK_EDITABLE (site), "participation.example.org");
  spin (10);
  kept = g_settings_get_string (f->settings, "site-url");
  g_assert_cmpstr (kept, ==, before);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (site), "error"));

  /* Enter: refused, said under the row, the setting keeps the last good address. */
  g_signal_emit_by_name (site, "apply");
  spin (10);
  g_clear_pointer (&kept, g_free);
  kept = g_settings_get_string (f->settings, "site-url");
  g_assert_cmpstr (kept, ==, before);
  {
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (prefs), GTK_TYPE_LABEL);

    for (guint i = 0; i < labels->len && message == NULL; i++)
      if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)),
                  "is not a valid site address") != NULL)
        message = g_ptr_array_index (labels, i);
  }
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "“participation.example.org”"));

  /* A good address: the message goes as soon as it is typed, the address applies on Enter. */
  gtk_editable_set_text (GTK_EDITABLE (site), "https://participation.example.org");
  spin (10);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (site), "error"));
  g_signal_emit_by_name (site, "apply");
  spin (10);
  applied = g_settings_get_string (f->settings, "site-url");
  g_assert_cmpstr (applied, ==, "https://participation.example.org");
  g_assert_cmpstr (dlg_sync_manager_get_site_url (f->manager), ==,
                   "https://participation.example.org");

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (10);
}

static void
test_token_dialog_not_in_db (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTrainingSite) site = NULL;
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  AdwMessageDialog *dialog;
  GtkWidget *button, *entry;
  const char *token;

  /* The site of the preferences applies at once; with a site of the officer's, the demo does
   * not start training mode (real processes never meet the practice site). */
  g_assert_true (dlg_context_can_train (f->context));
  g_settings_set_string (f->settings, "site-url", "https://participation.example.org");
  g_assert_cmpstr (dlg_sync_manager_get_site_url (f->manager), ==,
                   "https://participation.example.org");
  g_assert_false (dlg_context_can_train (f->context));
  g_assert_true (dlg_sync_manager_get_needs_token (f->manager));

  /* A site of the officer's (the in-process site, but not in training mode). */
  site = dlg_training_site_start (f->site_path, &error);
  g_assert_no_error (error);
  token = dlg_training_site_get_token (site);
  g_assert_true (dlg_sync_manager_set_site (f->manager, dlg_training_site_get_uri (site),
                                            &error));
  g_assert_true (dlg_sync_manager_get_needs_token (f->manager));
  button = find_first (GTK_WIDGET (f->window), DLG_TYPE_SYNC_BUTTON);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_first_child (button)), ==,
                   "Token needed");

  g_assert_true (gtk_widget_activate_action (button, "sync.enter-token", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (entry), token);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  /* Emptied as soon as read; saved, then synced at once with it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_false (dlg_sync_manager_get_needs_token (f->manager));
  g_assert_true (dlg_sync_manager_get_has_token (f->manager));
  wait_idle (f);
  g_assert_cmpstr (dlg_sync_manager_get_last_error (f->manager), ==, NULL);
  g_assert_nonnull (dlg_sync_manager_get_last_sync (f->manager));

  /* Kept by libsecret (the file backend here), never in SQLite. */
  {
    g_autofree char *kept = dlg_sync_token_lookup (dlg_training_site_get_uri (site), NULL,
                                                   &error);

    g_assert_no_error (error);
    g_assert_cmpstr (kept, ==, token);
  }
  g_assert_true (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (f->db_path, token));
  g_assert_false (file_contains (wal, token));
  g_assert_true (dlg_store_exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_false (file_contains (f->db_path, token));
  /* The check can fail: the site's own database does hold (the hash of) its tokens, and the
   * app's database holds what was synced. */
  g_assert_true (file_contains (f->db_path, f->demo_uuid));

  g_assert_true (dlg_sync_token_clear (dlg_training_site_get_uri (site), NULL, &error));
  dlg_sync_manager_cancel (f->manager);
  dlg_training_site_stop (site);
}

/* Closing the response stage publishes the response and queues it; not before validation. */
static void
test_response_published_with_stage (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgResponse) response = NULL;
  DlgStagePage *page;

  /* Refused before validation: nothing published, nothing queued. */
  page = dlg_window_get_stage_page (f->window, DLG_STAGE_RESPONSE);
  dlg_window_select_stage (f->window, DLG_STAGE_RESPONSE);
  spin (50);
  g_assert_false (dlg_stage_page_apply (page, DLG_TRANSITION_DONE, NULL));
  response = dlg_response_load_for (f->store, f->demo_id, &error);
  g_assert_no_error (error);
  g_assert_null (dlg_response_get_published_at (response));
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE object_type = 'response'",
                          NULL), ==, 0);
  g_clear_object (&response);

  /* Through the rules: the opinion, review and validation of every recommendation. */
  g_assert_true (dlg_store_exec (f->store,
                                 "UPDATE stage_state SET state = 'done' WHERE process_id = 1"
                                 "  AND stage IN ('workshop', 'opinion', 'review',"
                                 "   'validation');"
                                 "UPDATE stage_state SET state = 'in_progress'"
                                 "  WHERE process_id = 1 AND stage = 'response';", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) recommendations = dlg_recommendation_list (f->store, f->demo_id,
                                                                     &error);

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
      {
        g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
        g_autoptr(DlgPosition) position = dlg_position_new (dlg_recommendation_get_id (r));

        dlg_position_set_value (position, "retained");
        dlg_position_set_justification (position, "Oui.");
        g_assert_true (dlg_position_save (f->store, position, &error));
        g_assert_no_error (error);
      }
  }
  g_assert_cmpint (f->demo_id, ==, 1);
  g_assert_true (dlg_stage_page_apply (page, DLG_TRANSITION_DONE, NULL));
  response = dlg_response_load_for (f->store, f->demo_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dlg_response_get_published_at (response));
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'response.publish'",
                          NULL), ==, 1);
  /* Queued at once for the practice site (training mode). */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE object_type = 'response'"
                             " AND state = 'pending'", NULL), ==, 1);
  sync_through_window (f);
  {
    g_autofree char *path = g_strdup_printf ("/p/%s/response", f->demo_uuid);
    g_autofree char *html = NULL;

    g_assert_cmpuint (http (f, "GET", path, NULL, &html), ==, 200);
    g_assert_nonnull (strstr (html, "Oui."));
  }
}

/* Everything the labels under @widget say, one per line; fails on a label that parses markup. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* "Mark as Done" on the response stage asks first and shows what goes public: cancelled, the
 * stage stays in progress and nothing is queued; confirmed, it is done and queued. */
static void
test_response_confirmation (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  AdwMessageDialog *dialog;
  DlgStagePage *page;

  g_assert_true (dlg_store_exec (f->store,
                                 "UPDATE stage_state SET state = 'done' WHERE process_id = 1"
                                 "  AND stage IN ('workshop', 'opinion', 'review',"
                                 "   'validation');"
                                 "UPDATE stage_state SET state = 'in_progress'"
                                 "  WHERE process_id = 1 AND stage = 'response';"
                                 "INSERT INTO response (process_id, uuid, intro) VALUES (1,"
                                 " 'cccccccc-0000-4000-8000-00000000000c',"
                                 " 'Notre réponse <i>argumentée</i>.') ON CONFLICT (process_id)"
                                 " DO UPDATE SET intro = excluded.intro;", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) recommendations = dlg_recommendation_list (f->store, f->demo_id,
                                                                     &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (recommendations), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
      {
        g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
        g_autoptr(DlgPosition) position = dlg_position_new (dlg_recommendation_get_id (r));

        dlg_position_set_value (position, i == 0 ? "not_retained" : "retained");
        dlg_position_set_justification (position, i == 0 ? "Pas de <b>budget</b> & pas de lieu."
                                                         : "Oui.");
        g_assert_true (dlg_position_save (f->store, position, &error));
        g_assert_no_error (error);
      }
  }
  page = dlg_window_get_stage_page (f->window, DLG_STAGE_RESPONSE);
  dlg_window_select_stage (f->window, DLG_STAGE_RESPONSE);
  spin (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "stage.done", NULL));
  spin (50);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "publish"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  collect_labels (adw_message_dialog_get_extra_child (dialog), shown);
  g_test_message ("shown: %s", shown->str);
  g_assert_nonnull (strstr (shown->str, "Notre réponse <i>argumentée</i>."));
  g_assert_nonnull (strstr (shown->str, "Pas de <b>budget</b> & pas de lieu."));
  g_assert_nonnull (strstr (shown->str, dlg_position_value_get_label ("not_retained")));
  g_assert_nonnull (strstr (shown->str, dlg_position_value_get_label ("retained")));

  /* Cancel: in progress, nothing published, nothing queued. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
  g_assert_cmpint (count (f, "SELECT count(*) FROM stage_state WHERE process_id = 1"
                             " AND stage = 'response' AND state = 'in_progress'", NULL), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM response WHERE published_at IS NOT NULL",
                          NULL), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE object_type = 'response'",
                          NULL), ==, 0);

  /* Confirm: done, published and queued. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "stage.done", NULL));
  spin (50);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "publish");
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
  g_assert_cmpint (count (f, "SELECT count(*) FROM stage_state WHERE process_id = 1"
                             " AND stage = 'response' AND state = 'done'", NULL), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM response WHERE published_at IS NOT NULL",
                          NULL), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE object_type = 'response'"
                             " AND state = 'pending'", NULL), ==, 1);
}

/* ---------------------------------------------------------------- the training reset */

static void
training_shot (GtkWidget  *widget,
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
open_reset_dialog (Fixture *f)
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

static gint64
add_real_process (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) real = dlg_process_create (f->store, "Réaménager les quais de Loire",
                                                   &error);

  g_assert_no_error (error);
  spin (50);
  dlg_window_select_process (f->window, f->demo_id);
  spin (50);
  return dlg_process_get_id (real);
}

/* The dialog proposes the demo's stage, does nothing on Enter or Escape, and the reset shows
 * the new demo at the stage chosen (from the drop-down); the practice site gets it at the next
 * sync; the real process is as it was. */
static void
test_training_reset (Fixture       *f,
                     gconstpointer  data)
{
  gint64 real_id = add_real_process (f);
  g_autoptr(DlgProcess) real_before = dlg_process_load (f->store, real_id, NULL);
  g_autoptr(DlgProcess) demo = NULL;
  g_autoptr(GArray) demos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage_sql = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  gint64 id;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  dialog = open_reset_dialog (f);
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
  training_shot (GTK_WIDGET (dialog), "training-reset-dialog.png");

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
  g_assert_cmpint (count (f, stage_sql, NULL), ==, 1);

  /* The practice site gets the new demo: nothing left to send, no conflict. */
  wait_idle (f);
  g_assert_cmpstr (dlg_sync_manager_get_last_error (f->manager), ==, NULL);
  g_assert_cmpint (dlg_sync_count_pending_for (f->store, TRUE, &error), ==, 0);
  g_assert_cmpint (dlg_sync_count_conflicts (f->store, &error), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM process WHERE is_demo = 1"
                             " AND sync_state = 'synced'", NULL), ==, 1);

  /* The real process as it was. */
  {
    g_autoptr(DlgProcess) real_after = dlg_process_load (f->store, real_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dlg_process_get_uuid (real_after), ==, dlg_process_get_uuid (real_before));
    g_assert_cmpstr (dlg_process_get_title (real_after), ==, dlg_process_get_title (real_before));
  }
  training_shot (GTK_WIDGET (f->window), "training-reset-window.png");
}

/* Cancel changes nothing. */
static void
test_training_reset_cancel (Fixture       *f,
                            gconstpointer  data)
{
  AdwMessageDialog *dialog = open_reset_dialog (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) demos = NULL;

  gtk_widget_activate (GTK_WIDGET (find_button (dialog, _("_Cancel"))));
  wait_closed ();
  demos = dlg_process_list_demo_ids (f->store, &error);
  g_assert_cmpuint (demos->len, ==, 1);
  g_assert_cmpint (g_array_index (demos, gint64, 0), ==, f->demo_id);
}

/* Outside training mode, with a real process shown, the action is not offered; a demo shown
 * offers it. */
static void
test_training_reset_offered (Fixture       *f,
                             gconstpointer  data)
{
  gint64 real_id = add_real_process (f);

  g_assert_null (dlg_context_get_training_uri (f->context));
  dlg_window_select_process (f->window, real_id);
  spin (50);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset-training", NULL);
  spin (100);
  g_assert_null (find_message_dialog ());
  dlg_window_select_process (f->window, f->demo_id);
  spin (50);
  g_assert_nonnull (open_reset_dialog (f));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-sync-window-keyring-XXXXXX", &error);
  g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  /* In the language of LANGUAGE, from the catalogues of the build tree (the screenshots). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

#define ADD(path, func, training) \
  g_test_add (path, Fixture, GINT_TO_POINTER (training), fixture_setup, func, fixture_teardown)

  ADD ("/gui/sync/training/banner-and-button", test_training_banner_and_button, TRUE);
  ADD ("/gui/sync/training/contribution-from-site", test_training_contribution, TRUE);
  ADD ("/gui/sync/training/narrative-to-site", test_training_narrative, TRUE);
  ADD ("/gui/sync/training/conflict-keep-mine", test_training_conflict_keep_mine, TRUE);
  ADD ("/gui/sync/training/response-published-with-stage", test_response_published_with_stage,
       TRUE);
  ADD ("/gui/sync/training/response-confirmation", test_response_confirmation, TRUE);
  ADD ("/gui/sync/token-dialog-not-in-db", test_token_dialog_not_in_db, FALSE);
  ADD ("/gui/preferences/site-address", test_preferences_site_address, FALSE);
  ADD ("/gui/training/reset", test_training_reset, TRUE);
  ADD ("/gui/training/reset-cancel", test_training_reset_cancel, TRUE);
  ADD ("/gui/training/reset-offered", test_training_reset_offered, FALSE);

  status = g_test_run ();
  g_remove (keyring);
  g_rmdir (dir);
  return status;
}
