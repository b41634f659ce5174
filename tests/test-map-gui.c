/* test-map-gui.c — the contributions map in the window: offline (a refusing port, a server that
 * never answers, a name that does not resolve), against a tile server on loopback, the
 * selection both ways with the list, the list's filters, the Preferences' tile address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson under xvfb-run and dbus-run-session. The tile server (tile-server.h) serves
 * tiles of one flat colour on loopback, so that a pixel of the rendered map says whether
 * tiles were drawn. With
 * MAP_SCREENSHOTS=DIR the window is saved there (map-offline.png, map-tiles.png).
 */

#include "config.h"

#include <locale.h>

#include <cairo.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dlg-contributions-page.h"
#include "dlg-preferences-window.h"
#include "dlg-store-private.h"
#include "gui-fixture.h"
#include "tile-server.h"

typedef GuiFixture Fixture;

/* The map's plain background (style.css). */
#define PLAIN_R 0xeb
#define PLAIN_G 0xe7
#define PLAIN_B 0xdf

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-map");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* The settings are in memory for the whole program: each test starts from the default. */
  g_settings_reset (f->settings, "map-tile-url");
  gui_fixture_teardown (f);
}

/* A port on loopback where nothing listens (bound, then closed): connections are refused. */
static guint
refusing_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
save_png (Fixture    *f,
          const char *name)
{
  const char *dir = g_getenv ("MAP_SCREENSHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin (300);
  path = g_build_filename (dir, name, NULL);
  gui_save_png (GTK_WIDGET (f->window), path);
  g_test_message ("screenshot: %s", path);
}

/* The widget rendered, to read its pixels. */
static GdkTexture *
render (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The pixel at (x, y) of a texture, as 0xRRGGBB. */
static guint32
pixel (GdkTexture *texture,
       int         x,
       int         y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *data = g_new (guint32, width * height);

  gdk_texture_download (texture, (guchar *) data, width * 4);
  return data[y * width + x] & 0xffffff;
}

static gboolean
near_colour (guint32 pixel,
             guint   r,
             guint   g,
             guint   b)
{
  return ABS ((int) (pixel >> 16 & 0xff) - (int) r) <= 6 &&
         ABS ((int) (pixel >> 8 & 0xff) - (int) g) <= 6 && ABS ((int) (pixel & 0xff) - (int) b) <= 6;
}

static DlgContributionsPage *
show_page (Fixture *f)
{
  DlgContributionsPage *page;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-stage", "i", DLG_N_STAGES);
  spin (100);
  page = DLG_CONTRIBUTIONS_PAGE (dlg_window_get_page (f->window, DLG_N_STAGES));
  g_assert_nonnull (dlg_contributions_page_get_model (page));
  return page;
}

/* "Map" on: the map under the list. */
static DlgContributionsMap *
show_map (DlgContributionsPage *page)
{
  DlgContributionsMap *map = dlg_contributions_page_get_map (page);
  GPtrArray *toggles = find_all (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON);
  GtkToggleButton *toggle = NULL;

  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (toggles->pdata[i]),
                   _("Show the located contributions of the list on a map")) == 0)
      toggle = toggles->pdata[i];
  g_ptr_array_unref (toggles);
  g_assert_nonnull (toggle);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (map)));
  gtk_toggle_button_set_active (toggle, TRUE);
  spin (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (map)));
  return map;
}

static guint
located_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                               "SELECT count(*) FROM contribution WHERE"
                                               " process_id = ?1 AND lat IS NOT NULL", &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, f->demo_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* Spins until @done or @seconds have passed; the main loop turns all along. */
static gboolean
spin_until (gboolean (*done) (gpointer),
            gpointer   data,
            double     seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (data) && g_get_monotonic_time () < end)
    spin (20);
  return done (data);
}

static gboolean
tiles_failed (gpointer data)
{
  DlgTileSource *source = dlg_contributions_map_get_tile_source (data);

  return !dlg_tile_source_get_available (source) && dlg_tile_source_get_n_failed (source) > 0;
}

static gboolean
tiles_loaded (gpointer data)
{
  return dlg_tile_source_get_n_loaded (dlg_contributions_map_get_tile_source (data)) >= 4;
}

/* The status says that tiles are unavailable, in the interface's language, as a warning. */
static gboolean
says_unavailable (DlgContributionsMap *map)
{
  const char *status = dlg_contributions_map_get_status (map);
  const char *format = _("Map tiles are unavailable (no network, or the tile server does not "
                         "answer): %s on a plain background.");
  GtkLabel *label = find_label_with_text (GTK_WIDGET (map), status);

  g_assert_nonnull (label);
  return strncmp (status, format, strcspn (format, "(%")) == 0 &&
         gtk_widget_has_css_class (GTK_WIDGET (label), "warning");
}

/* A pin or cluster drawn now: its centre in the map's coordinates. */
static void
first_drawn (DlgContributionsMap *map,
             double              *x,
             double              *y,
             guint                min_points)
{
  DlgPinLayer *layer = dlg_contributions_map_get_pin_layer (map);
  DlgGeoClustering *c = dlg_pin_layer_get_clustering (layer);
  int width = gtk_widget_get_width (GTK_WIDGET (map)), height = gtk_widget_get_height (GTK_WIDGET (map));

  for (guint k = 0; k < c->clusters->len; k++)
    {
      dlg_pin_layer_cluster_position (layer, k, x, y);
      if (g_array_index (c->clusters, DlgGeoCluster, k).n_points >= min_points &&
          *x > 20 && *y > 20 && *x < width - 20 && *y < height - 20)
        return;
    }
  g_assert_not_reached ();
}

static gboolean
keep_connection_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    gpointer           user_data)
{
  g_ptr_array_add (user_data, g_object_ref (connection));
  return TRUE;
}

/* A refusing port, a server that accepts and never answers, a name that cannot resolve: each
 * time the map says so within its timeout, the pins, clusters and extent are drawn on the
 * plain background, and the main loop never stopped. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocketService) silent = g_socket_service_new ();
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint silent_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (silent), NULL,
                                                           &error);
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png",
                                              refusing_port ());
  g_autofree char *mute = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", silent_port);
  const char *urls[] = { refused, mute, "http://tiles.invalid/{z}/{x}/{y}.png" };
  DlgContributionsPage *page;
  DlgContributionsMap *map;
  DlgPinLayer *layer;

  g_assert_no_error (error);
  /* Accepted connections are kept open and never answered. */
  g_signal_connect (silent, "incoming", G_CALLBACK (keep_connection_cb), kept);
  g_socket_service_start (silent);
  g_settings_set_string (f->settings, "map-tile-url", urls[0]);
  page = show_page (f);
  map = dlg_contributions_page_get_map (page);
  dlg_tile_source_set_timeout (dlg_contributions_map_get_tile_source (map), 2);
  map = show_map (page);
  layer = dlg_contributions_map_get_pin_layer (map);

  for (guint u = 0; u < G_N_ELEMENTS (urls); u++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      gint64 start = g_get_monotonic_time ();
      double x, y;
      guint32 at;

      if (u > 0)
        {
          g_settings_set_string (f->settings, "map-tile-url", urls[u]);
          dlg_tile_source_set_timeout (dlg_contributions_map_get_tile_source (map), 2);
          /* A new source: nothing failed yet. */
          g_assert_true (dlg_tile_source_get_available (dlg_contributions_map_get_tile_source (map)));
          /* Move a little so that the map asks the new source for tiles. */
          shumate_map_center_on (dlg_contributions_map_get_map (map), 47.2136, -1.5831);
        }
      g_assert_true (spin_until (tiles_failed, map, 15));
      g_test_message ("%s: unavailable after %.1f s", urls[u],
                      (g_get_monotonic_time () - start) / 1e6);
      g_assert_cmpuint (dlg_tile_source_get_n_loaded (dlg_contributions_map_get_tile_source (map)),
                        ==, 0);
      g_assert_true (says_unavailable (map));
      spin (100);

      /* Every located contribution of the list is on the map, drawn as pins or clusters. */
      g_assert_cmpuint (dlg_pin_layer_get_points (layer)->points->len, ==, located_count (f));
      g_assert_cmpuint (located_count (f), >, 20);
      if (u == 0)
        save_png (f, "map-offline.png");
      g_assert_cmpuint (dlg_pin_layer_get_n_drawn (layer), >, 0);
      texture = render (GTK_WIDGET (map));
      /* The map's corner, away from pins and extent: the plain background. */
      at = pixel (texture, 4, gtk_widget_get_height (GTK_WIDGET (map)) - 30);
      g_assert_true (near_colour (at, PLAIN_R, PLAIN_G, PLAIN_B));
      /* A pin's or cluster's centre is not the background. */
      first_drawn (map, &x, &y, 1);
      at = pixel (texture, (int) x, (int) y);
      g_assert_false (near_colour (at, PLAIN_R, PLAIN_G, PLAIN_B));
    }
  g_socket_service_stop (silent);
}

/* Against the loopback server: tiles are asked for, as /z/x/y.png, and drawn under the pins. */
static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  TileServer tiles = { 0 };
  g_autofree char *url = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  DlgContributionsPage *page;
  DlgContributionsMap *map;
  guint32 at;

  tile_server_start (&tiles);
  url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", tiles.port);
  g_settings_set_string (f->settings, "map-tile-url", url);
  page = show_page (f);
  map = show_map (page);
  g_assert_true (spin_until (tiles_loaded, map, 15));
  spin (500);
  g_assert_cmpuint (tiles.n_requests, >=, 4);
  g_assert_cmpuint (tiles.n_bad, ==, 0);
  g_assert_cmpuint (dlg_tile_source_get_n_failed (dlg_contributions_map_get_tile_source (map)),
                    ==, 0);
  g_assert_true (dlg_tile_source_get_available (dlg_contributions_map_get_tile_source (map)));
  g_assert_false (says_unavailable (map));
  texture = render (GTK_WIDGET (map));
  at = pixel (texture, 4, gtk_widget_get_height (GTK_WIDGET (map)) - 30);
  g_test_message ("corner pixel %06x", at);
  save_png (f, "map-tiles.png");
  g_assert_true (near_colour (at, TILE_R, TILE_G, TILE_B));
  tile_server_stop (&tiles);
}

static guint
n_selected (DlgContributionsPage *page)
{
  GtkColumnView *view = find_nth (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, 0);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
    gtk_column_view_get_model (view));

  return (guint) gtk_bitset_get_size (selected);
}

/* A pin clicked selects its row; a row selected marks its pin; a cluster clicked zooms in. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  DlgContributionsPage *page;
  DlgContributionsMap *map;
  DlgPinLayer *layer;
  ShumateViewport *viewport;
  DlgGeoClustering *c;
  DlgContributionPoints *points;
  double zoom, x, y;
  gint64 id = 0, other;
  gint64 position;

  g_settings_set_string (f->settings, "map-tile-url",
                         "http://tiles.invalid/{z}/{x}/{y}.png");
  page = show_page (f);
  map = show_map (page);
  layer = dlg_contributions_map_get_pin_layer (map);
  viewport = shumate_map_get_viewport (dlg_contributions_map_get_map (map));
  points = dlg_pin_layer_get_points (layer);

  /* At the zoom that fits them, the demo's pins (within 600 m) cluster: a click zooms in. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  first_drawn (map, &x, &y, 2);
  g_assert_true (dlg_contributions_map_activate_at (map, x, y));
  spin (50);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);
  g_assert_cmpuint (n_selected (page), ==, 0);
  /* Nowhere: nothing. */
  g_assert_false (dlg_contributions_map_activate_at (map, 2, 2));

  /* Deep enough, a single pin: its row is selected and shown in the detail pane. */
  shumate_viewport_set_zoom_level (viewport, 18);
  spin (50);
  c = dlg_pin_layer_get_clustering (layer);
  for (guint k = 0; k < c->clusters->len && id == 0; k++)
    {
      const DlgGeoCluster *cl = &g_array_index (c->clusters, DlgGeoCluster, k);

      if (cl->n_points != 1)
        continue;
      id = g_array_index (points->points, DlgGeoPoint, g_array_index (c->members, guint, cl->first)).id;
      dlg_pin_layer_cluster_position (layer, k, &x, &y);
      shumate_map_center_on (dlg_contributions_map_get_map (map),
                             g_array_index (points->points, DlgGeoPoint,
                                            g_array_index (c->members, guint, cl->first)).lat,
                             g_array_index (points->points, DlgGeoPoint,
                                            g_array_index (c->members, guint, cl->first)).lon);
    }
  g_assert_cmpint (id, >, 0);
  spin (50);
  x = gtk_widget_get_width (GTK_WIDGET (map)) / 2.0;
  y = gtk_widget_get_height (GTK_WIDGET (map)) / 2.0;
  g_assert_true (dlg_contributions_map_activate_at (map, x, y));
  spin (100);
  g_assert_cmpuint (n_selected (page), ==, 1);
  g_assert_nonnull (dlg_contributions_page_get_selected (page));
  g_assert_cmpint (dlg_contribution_get_id (dlg_contributions_page_get_selected (page)), ==, id);
  g_assert_true (dlg_pin_layer_is_selected (layer, id));

  /* The other way: another located row selected in the list is marked on the map. */
  other = g_array_index (points->points, DlgGeoPoint, 0).id == id
            ? g_array_index (points->points, DlgGeoPoint, 1).id
            : g_array_index (points->points, DlgGeoPoint, 0).id;
  position = dlg_contribution_list_find (DLG_CONTRIBUTION_LIST (dlg_contributions_page_get_model (page)),
                                         other);
  g_assert_cmpint (position, >=, 0);
  dlg_contributions_page_select (page, (guint) position);
  spin (50);
  g_assert_true (dlg_pin_layer_is_selected (layer, other));
  g_assert_false (dlg_pin_layer_is_selected (layer, id));
}

/* The map shows the located rows of the list as searched and filtered, and follows it. */
static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  DlgContributionsPage *page;
  DlgContributionsMap *map;
  DlgPinLayer *layer;
  GtkSearchEntry *search;
  GListModel *list;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) matching = g_hash_table_new (g_int64_hash, g_int64_equal);
  DlgContributionPoints *points;
  guint all;

  g_settings_set_string (f->settings, "map-tile-url", "http://tiles.invalid/{z}/{x}/{y}.png");
  page = show_page (f);
  map = show_map (page);
  layer = dlg_contributions_map_get_pin_layer (map);
  all = dlg_pin_layer_get_points (layer)->points->len;
  g_assert_cmpuint (all, ==, located_count (f));

  search = find_nth (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "arbres");
  spin (400);
  list = dlg_contributions_page_get_model (page);
  g_assert_cmpstr (dlg_contribution_list_get_search (DLG_CONTRIBUTION_LIST (list)), ==, "arbres");
  points = dlg_pin_layer_get_points (layer);
  g_assert_cmpuint (points->points->len, >, 0);
  g_assert_cmpuint (points->points->len, <, all);
  ids = dlg_contribution_list_get_ids (DLG_CONTRIBUTION_LIST (list), NULL);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (matching, &g_array_index (ids, gint64, i));
  for (guint i = 0; i < points->points->len; i++)
    g_assert_true (g_hash_table_contains (matching,
                                          &g_array_index (points->points, DlgGeoPoint, i).id));
  g_assert_nonnull (strstr (dlg_contributions_map_get_status (map), "located contribution"));

  /* A search with no located row: none on the map, and the status says so. */
  gtk_editable_set_text (GTK_EDITABLE (search), "zzzzqqq");
  spin (400);
  g_assert_cmpuint (dlg_pin_layer_get_points (layer)->points->len, ==, 0);
  g_assert_nonnull (strstr (dlg_contributions_map_get_status (map), "No contribution"));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  spin (400);
  g_assert_cmpuint (dlg_pin_layer_get_points (layer)->points->len, ==, all);
}

/* The tile address in Preferences: refused without {z}, {x}, {y} or http(s); kept otherwise;
 * the map follows the setting. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  DlgPreferencesWindow *prefs = dlg_preferences_window_new (f->settings);
  AdwEntryRow *row = NULL;
  GtkLabel *error_label;
  GPtrArray *rows;
  g_autofree char *kept = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  spin (100);
  rows = find_all (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), _("Tile address")) == 0)
      row = rows->pdata[i];
  g_ptr_array_unref (rows);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "https://tile.openstreetmap.org/{z}/{x}/{y}.png");

  gtk_editable_set_text (GTK_EDITABLE (row), "https://tiles.example.org/tile.png");
  g_signal_emit_by_name (row, "apply");
  kept = g_settings_get_string (f->settings, "map-tile-url");
  g_assert_cmpstr (kept, ==, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
  error_label = find_label_with_text (GTK_WIDGET (prefs),
                                      _("The tile address needs {z}, {x} and {y} where the zoom "
                                        "level and the tile’s column and row go, for example "
                                        "https://tile.openstreetmap.org/{z}/{x}/{y}.png."));
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  gtk_editable_set_text (GTK_EDITABLE (row), "ftp://tiles.example.org/{z}/{x}/{y}.png");
  g_signal_emit_by_name (row, "apply");
  g_free (kept);
  kept = g_settings_get_string (f->settings, "map-tile-url");
  g_assert_cmpstr (kept, ==, "https://tile.openstreetmap.org/{z}/{x}/{y}.png");

  gtk_editable_set_text (GTK_EDITABLE (row), "https://tiles.example.org/{z}/{x}/{y}.png");
  g_signal_emit_by_name (row, "apply");
  g_free (kept);
  kept = g_settings_get_string (f->settings, "map-tile-url");
  g_assert_cmpstr (kept, ==, "https://tiles.example.org/{z}/{x}/{y}.png");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  {
    DlgContributionsPage *page = show_page (f);
    g_autofree char *expanded = dlg_tile_source_expand (kept, 3, 5, 12);

    g_assert_cmpstr (expanded, ==, "https://tiles.example.org/12/3/5.png");
    g_assert_true (DLG_IS_TILE_SOURCE (dlg_contributions_map_get_tile_source (
      dlg_contributions_page_get_map (page))));
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;
  int status;

  gui_test_init (&argc, &argv);
  if (g_getenv ("MAP_SCREENSHOTS") != NULL)
    {
      /* gtk_test_init () set the C locale: the environment's, for the screenshots. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  /* The application's style sheet, as AdwApplication loads it: the map's plain background. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/fr/nantesmetropole/Dialogue/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/map/offline", test_offline);
  ADD ("/gui/map/tiles", test_tiles);
  ADD ("/gui/map/selection", test_selection);
  ADD ("/gui/map/filter", test_filter);
  ADD ("/gui/map/preferences", test_preferences);
#undef ADD
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-map", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
