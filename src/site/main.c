/* main.c — dialogue-site: the reference public site, and its admin commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-site"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>

#include "dlg-site-server.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
fail (GError *error)
{
  g_printerr ("dialogue-site: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *address = NULL;
  g_autofree char *scopes = NULL;
  gboolean demo = FALSE, test_faults = FALSE;
  int port = 8080;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The site's database", "FILE" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "TCP port (0: any free port)", "N" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, "Listen address (default 127.0.0.1)",
      "IP" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Seed the published demo process", NULL },
    { "test-faults", 0, 0, G_OPTION_ARG_NONE, &test_faults,
      "Accept fault injection on /api/test/faults (tests and training only)", NULL },
    { "scopes", 0, 0, G_OPTION_ARG_STRING, &scopes,
      "Token scopes, comma-separated (default sync:read,sync:write,sync:personal)", "LIST" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgSiteServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("[token create NAME | token list | token revoke NAME | "
                                  "expire-cursors | erase UUID | purge-tombstones | "
                                  "config list | config set KEY VALUE | "
                                  "seed-contributions N [PROCESS_UUID]]");
  g_option_context_set_summary (context,
                                "The reference public participation site of Dialogue: sync "
                                "protocol v1 and public pages.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (db_path == NULL)
    {
      g_printerr ("dialogue-site: --db FILE is required\n");
      return 2;
    }

  server = dlg_site_server_new (db_path, &error);
  if (server == NULL)
    return fail (error);

  if (argc >= 2)
    {
      DlgSiteDb *db = dlg_site_server_get_db (server);
      const char *command = argv[1];

      if (g_strcmp0 (command, "token") == 0 && argc == 4 && g_strcmp0 (argv[2], "create") == 0)
        {
          g_autofree char *token = dlg_site_server_create_token (server, argv[3], scopes,
                                                                 &error);
          if (token == NULL)
            return fail (error);
          g_print ("%s\n", token);
          return 0;
        }
      if (g_strcmp0 (command, "token") == 0 && argc == 3 && g_strcmp0 (argv[2], "list") == 0)
        {
          g_autofree char *list = dlg_site_db_list_tokens (db);
          g_print ("%s", list);
          return 0;
        }
      if (g_strcmp0 (command, "token") == 0 && argc == 4 && g_strcmp0 (argv[2], "revoke") == 0)
        {
          guint n = 0;
          if (!dlg_site_db_revoke_token (db, argv[3], &n, &error))
            return fail (error);
          g_print ("%u token(s) revoked\n", n);
          return n > 0 ? 0 : 1;
        }
      if (g_strcmp0 (command, "seed-contributions") == 0 && (argc == 3 || argc == 4))
        {
          guint64 n = 0;
          if (!g_ascii_string_to_unsigned (argv[2], 10, 1, 1000000, &n, &error))
            return fail (error);
          if (argc == 3 && !dlg_site_server_seed_demo (server, &error))
            return fail (error);
          if (!dlg_site_server_seed_contributions (server,
                                                   argc == 4 ? argv[3] : DLG_SITE_DEMO_PROCESS_ID,
                                                   n, &error))
            return fail (error);
          return 0;
        }
      if (g_strcmp0 (command, "config") == 0 && argc == 3 && g_strcmp0 (argv[2], "list") == 0)
        {
          for (const char *const *key = dlg_site_server_list_settings (); *key != NULL; key++)
            {
              g_autofree char *value = dlg_site_db_get_meta (db, *key);
              g_print ("%s=%s\n", *key, value != NULL ? value : "");
            }
          return 0;
        }
      if (g_strcmp0 (command, "config") == 0 && argc == 5 && g_strcmp0 (argv[2], "set") == 0)
        {
          if (!g_strv_contains (dlg_site_server_list_settings (), argv[3]))
            {
              g_autofree char *keys = g_strjoinv (", ",
                                                  (char **) dlg_site_server_list_settings ());
              g_printerr ("dialogue-site: unknown setting %s (one of %s)\n", argv[3], keys);
              return 2;
            }
          if (!g_utf8_validate (argv[4], -1, NULL))
            {
              g_printerr ("dialogue-site: the value is not valid UTF-8\n");
              return 2;
            }
          return dlg_site_db_set_meta (db, argv[3], argv[4], &error) ? 0 : fail (error);
        }
      if (g_strcmp0 (command, "expire-cursors") == 0 && argc == 2)
        return dlg_site_db_expire_cursors (db, &error) ? 0 : fail (error);
      if (g_strcmp0 (command, "erase") == 0 && argc == 3)
        {
          gint64 rev = 0;
          if (!dlg_site_db_erase (db, argv[2], &rev, &error))
            return fail (error);
          g_print ("erased %s (tombstone rev %" G_GINT64_FORMAT ")\n", argv[2], rev);
          return 0;
        }
      if (g_strcmp0 (command, "purge-tombstones") == 0 && argc == 2)
        return dlg_site_db_purge_tombstones (db, DLG_SITE_TOMBSTONE_RETENTION, &error)
               ? 0 : fail (error);
      g_printerr ("dialogue-site: unknown command; see --help\n");
      return 2;
    }

  if (port < 0 || port > 65535)
    {
      g_printerr ("dialogue-site: --port must be between 0 and 65535\n");
      return 2;
    }
  if (demo && !dlg_site_server_seed_demo (server, &error))
    return fail (error);
  dlg_site_server_set_test_faults (server, test_faults);
  if (!dlg_site_server_listen_address (server, address != NULL ? address : "127.0.0.1", port,
                                       &error))
    return fail (error);

  uri = dlg_site_server_get_base_uri (server);
  g_print ("dialogue-site listening on %s\n", uri);
  if (test_faults)
    g_print ("fault injection enabled on %sapi/test/faults\n", uri);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  dlg_site_server_disconnect (server);
  return 0;
}
