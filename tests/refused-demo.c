/* refused-demo.c — the changes the site refused, on the demo, rendered to PNGs for screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   refused-demo --out-dir DIR
 *
 * Opens the window on a temporary copy of the demo database with three refused changes in its
 * outbox (a narrative the site refused with its problem text, a commitment gone from the site,
 * a moderation decision a proxy answered 410), as a sync against a broken site leaves them, and
 * writes DIR/window.png (the sync button's count), DIR/refused.png (the list),
 * DIR/abandon.png (the confirmation) and DIR/no-longer-on-site.png (the contributions page
 * showing only those a full resync no longer found on the site). Run it under a display: `xvfb-run -a …`.
 */

#include "config.h"

#include <adwaita.h>

#include "gui-fixture.h"
#include "dlg-refused-dialog.h"
#include "dlg-refused-row.h"
#include "dlg-stage-navigator.h"
#include "dlg-store-private.h"

static char *opt_out_dir = NULL;

static const GOptionEntry entries[] = {
  { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_out_dir, "Where to write the PNGs", "DIR" },
  { NULL }
};

/* What a sync against a broken site leaves: rows of the outbox refused, with the site's words. */
static void
add_refusals (DlgStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!dlg_store_exec (store,
                       "INSERT INTO outbox (object_type, object_uuid, method, path, body,"
                       "  idempotency_key, state, last_status, last_error, created_at,"
                       "  updated_at)"
                       " SELECT 'narrative', uuid, 'PUT', '/api/sync/v1/narratives/' || uuid,"
                       "  '{}', NULL, 'failed', 422, 'The site refused a narrative: Unprocessable"
                       " — stage: not a stage of the process. Correct it and publish it again.',"
                       "  '2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z'"
                       "  FROM narrative ORDER BY id LIMIT 1;"
                       "INSERT INTO outbox (object_type, object_uuid, method, path, body, state,"
                       "  last_status, last_error, created_at, updated_at)"
                       " SELECT 'commitment', uuid, 'PUT', '/api/sync/v1/commitments/' || uuid,"
                       "  '{}', 'failed', 404, 'The site no longer has a commitment (deleted"
                       " there, or the site was restored from an older backup). It is kept here:"
                       " send it again to publish it anew.', '2026-12-02T10:00:00Z',"
                       "  '2026-12-02T10:00:00Z' FROM commitment ORDER BY id LIMIT 1;"
                       "INSERT INTO outbox (object_type, object_uuid, method, path, body,"
                       "  idempotency_key, state, last_status, last_error, created_at,"
                       "  updated_at)"
                       " SELECT 'moderation', lower (hex (randomblob (16))), 'POST',"
                       "  '/api/sync/v1/moderation', '{\"contribution_id\": \"' || uuid || '\"}',"
                       "  lower (hex (randomblob (16))), 'failed', 410, 'The site did not apply a"
                       " moderation decision (HTTP 410: Gone); it is kept, to be sent again.',"
                       "  '2026-12-02T10:00:00Z', '2026-12-02T10:00:00Z'"
                       "  FROM contribution ORDER BY id LIMIT 1;", &error))
    g_error ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = g_option_context_new ("— the refused changes, rendered");
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  g_autofree char *window_png = NULL, *list_png = NULL, *abandon_png = NULL;
  g_autofree char *missing_png = NULL;
  GuiFixture f = { 0 };
  DlgSyncManager *manager;
  GtkWidget *dialog;
  GtkWidget *confirm;
  gboolean created;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (opt_out_dir == NULL)
    g_error ("Give --out-dir DIR (see --help)");
  window_png = g_build_filename (opt_out_dir, "window.png", NULL);
  list_png = g_build_filename (opt_out_dir, "refused.png", NULL);
  abandon_png = g_build_filename (opt_out_dir, "abandon.png", NULL);
  missing_png = g_build_filename (opt_out_dir, "no-longer-on-site.png", NULL);

  gui_test_init (&argc, &argv);
  template = gui_demo_db_new ("refused-demo", &created);
  gui_fixture_copy (&f, template, "refused-demo");
  gui_db_remove (template);
  gui_fixture_open_store (&f);
  add_refusals (f.store);
  gui_fixture_open_window (&f);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);
  manager = dlg_sync_manager_new (f.store);
  if (!dlg_sync_manager_set_site (manager, "https://participation.example.org", &error))
    g_error ("%s", error->message);
  dlg_context_set_sync_manager (dlg_window_get_context (f.window), manager);
  dlg_sync_manager_refresh (manager);
  spin (300);
  gui_save_png (GTK_WIDGET (f.window), window_png);

  dialog = dlg_refused_dialog_new (GTK_WINDOW (f.window), manager);
  gtk_window_present (GTK_WINDOW (dialog));
  spin (300);
  gui_save_png (dialog, list_png);
  g_print ("%s: %u rows\n", list_png,
           dlg_refused_dialog_get_n_rows (DLG_REFUSED_DIALOG (dialog)));

  gtk_widget_activate_action (dialog, "refused.abandon", "x",
                              dlg_refused_row_get_id (find_nth (dialog, DLG_TYPE_REFUSED_ROW, 0)));
  spin (300);
  confirm = GTK_WIDGET (find_message_dialog ());
  gui_save_png (confirm, abandon_png);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  gtk_window_destroy (GTK_WINDOW (confirm));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dlg_context_set_sync_manager (dlg_window_get_context (f.window), NULL);
  g_object_unref (manager);
  /* The contributions a full resync no longer found on the site: kept, and shown alone. */
  if (!dlg_store_exec (f.store, "UPDATE contribution SET site_missing_at = '2026-12-02T10:00:00Z'"
                                " WHERE id % 3 = 0", &error))
    g_error ("%s", error->message);
  dlg_window_select_page (f.window, DLG_N_STAGES);   /* the first cross-stage page */
  spin (300);
  {
    g_autoptr(GPtrArray) toggles = find_all (GTK_WIDGET (f.window), GTK_TYPE_TOGGLE_BUTTON);

    for (guint i = 0; i < toggles->len; i++)
      if (g_strcmp0 (gtk_button_get_label (toggles->pdata[i]), "_No Longer on the Site") == 0)
        gtk_toggle_button_set_active (toggles->pdata[i], TRUE);
  }
  spin (300);
  gui_save_png (GTK_WIDGET (f.window), missing_png);

  gui_fixture_teardown (&f);
  return 0;
}
