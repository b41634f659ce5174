/* bench-map.c — the contributions map with 10,000 pins: pan and zoom, frame times, memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process of DLG_BENCH_N (10,000) contributions spread over the Nantes metropolitan area
 * (about 25 × 20 km, denser in the centre), each with one of six themes, on the real
 * DlgContributionsMap in a 1280 × 800 window, tiles from a loopback server (tile-server.h).
 * Scripted from the frame clock's tick: pans of 12 px a frame for 4 s, then a zoom sweep of
 * 0.05 level a frame from the fitted level to 18 and back (the clusters change at each level),
 * then pans at zoom 16. Figures from the GdkFrameClock: the interval between frames (p50,
 * p95, max), frames dropped (an interval over 1.5 refresh periods: 25 ms at 60 Hz), the
 * layout-and-paint time of each frame (before-paint to after-paint), the points' load and a
 * clustering's time, and the peak RSS. Run by `meson test --benchmark bench-map -v` under
 * xvfb-run; the renderer is GSK_RENDERER's (cairo in meson, as the GUI tests).
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "dlg-contributions-map.h"
#include "dlg-store-private.h"
#include "tile-server.h"

#define PAN_FRAMES 240

typedef enum { PHASE_WAIT, PHASE_PAN, PHASE_ZOOM_IN, PHASE_ZOOM_OUT, PHASE_DEEP_PAN, PHASE_DONE } Phase;

typedef struct
{
  DlgContributionsMap *map;
  ShumateViewport     *viewport;
  Phase                phase;
  guint                frame;
  double               base_zoom;
  gint64               last_frame_time;
  gint64               paint_start;
  GArray              *intervals;   /* double, ms */
  GArray              *paints;      /* double, ms */
  GMainLoop           *loop;
} Bench;

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static void
insert_points (DlgStore *store,
               gint64    process_id,
               guint     n)
{
  static const char *const names[] = { "Nature en ville", "Mobilités", "Vie de quartier",
                                       "Sécurité", "Marché et commerces", "Culture" };
  static const char *const colours[] = { "#33d17a", "#3584e4", "#f6d32d", "#e01b24", "#ff7800",
                                         "#9141ac" };
  static const char sql[] =
    "INSERT INTO contribution (uuid, process_id, feature, kind, channel, title, body, lat, lon,"
    " created_at, moderation) VALUES (?1, ?2, 'map', 'pin', 'online', ?3, ?4, ?5, ?6, ?7,"
    " 'published')";
  static const char sql_theme[] =
    "INSERT INTO contribution_theme (contribution_id, theme_id) VALUES (?1, ?2)";
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 themes[G_N_ELEMENTS (names)];

  for (guint t = 0; t < G_N_ELEMENTS (names); t++)
    {
      g_autoptr(DlgTheme) theme = dlg_theme_new (process_id);

      dlg_theme_set_name (theme, names[t]);
      dlg_theme_set_colour (theme, colours[t]);
      dlg_theme_set_position (theme, t);
      g_assert_true (dlg_theme_save (store, theme, &error));
      themes[t] = dlg_theme_get_id (theme);
    }
  g_assert_true (dlg_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);
      g_autoptr(DlgStmt) link = NULL;
      g_autofree char *uuid = dlg_uuid_new ();
      g_autofree char *title = g_strdup_printf ("Point %u", i);
      /* Half of them within 2 km of the centre, the rest over the metropolitan area. */
      double spread = i % 2 == 0 ? 0.02 : 0.12;
      double lat = 47.2184 + spread * (g_rand_double (rand) + g_rand_double (rand) - 1.0);
      double lon = -1.5536 + 1.5 * spread * (g_rand_double (rand) + g_rand_double (rand) - 1.0);

      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, process_id);
      dlg_stmt_bind_text (stmt, 3, title);
      dlg_stmt_bind_text (stmt, 4, "Ici, il faudrait plus d’arbres et un banc.");
      sqlite3_bind_double (stmt, 5, lat);
      sqlite3_bind_double (stmt, 6, lon);
      dlg_stmt_bind_text (stmt, 7, "2026-10-01T10:00:00Z");
      g_assert_true (dlg_store_step_done (store, stmt, &error));
      link = dlg_store_prepare (store, sql_theme, &error);
      sqlite3_bind_int64 (link, 1, sqlite3_last_insert_rowid (dlg_store_get_db (store)));
      sqlite3_bind_int64 (link, 2, themes[g_rand_int_range (rand, 0, G_N_ELEMENTS (themes))]);
      g_assert_true (dlg_store_step_done (store, link, &error));
    }
  g_assert_true (dlg_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
pan (Bench *bench,
     double dx,
     double dy)
{
  ShumateMap *map = dlg_contributions_map_get_map (bench->map);
  double lat, lon;
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));

  shumate_viewport_widget_coords_to_location (bench->viewport, GTK_WIDGET (map),
                                              width / 2.0 + dx, height / 2.0 + dy, &lat, &lon);
  shumate_map_center_on (map, lat, lon);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  double ms = (g_get_monotonic_time () - bench->paint_start) / 1000.0;

  if (bench->phase > PHASE_WAIT && bench->phase < PHASE_DONE)
    g_array_append_val (bench->paints, ms);
}

/* One step of the script per frame; the interval since the previous frame recorded. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double zoom = shumate_viewport_get_zoom_level (bench->viewport);

  if (bench->phase > PHASE_WAIT && bench->last_frame_time != 0)
    {
      double ms = (now - bench->last_frame_time) / 1000.0;

      g_array_append_val (bench->intervals, ms);
    }
  bench->last_frame_time = now;
  bench->frame++;
  switch (bench->phase)
    {
    case PHASE_WAIT:
      /* Two seconds for the first tiles and the fit. */
      if (bench->frame >= 120)
        {
          bench->phase = PHASE_PAN;
          bench->frame = 0;
          bench->base_zoom = zoom;
        }
      break;
    case PHASE_PAN:
      pan (bench, bench->frame < PAN_FRAMES / 2 ? 12 : -12, bench->frame % 60 < 30 ? 6 : -6);
      if (bench->frame >= PAN_FRAMES)
        bench->phase = PHASE_ZOOM_IN, bench->frame = 0;
      break;
    case PHASE_ZOOM_IN:
      shumate_viewport_set_zoom_level (bench->viewport, zoom + 0.05);
      if (zoom + 0.05 >= 18)
        bench->phase = PHASE_ZOOM_OUT, bench->frame = 0;
      break;
    case PHASE_ZOOM_OUT:
      shumate_viewport_set_zoom_level (bench->viewport, zoom - 0.05);
      if (zoom - 0.05 <= bench->base_zoom)
        {
          bench->phase = PHASE_DEEP_PAN, bench->frame = 0;
          shumate_viewport_set_zoom_level (bench->viewport, 16);
        }
      break;
    case PHASE_DEEP_PAN:
      pan (bench, bench->frame < PAN_FRAMES / 2 ? 15 : -15, 0);
      if (bench->frame >= PAN_FRAMES)
        bench->phase = PHASE_DONE;
      break;
    case PHASE_DONE:
      g_main_loop_quit (bench->loop);
      return G_SOURCE_REMOVE;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-bench-map-XXXXXX", &error);
  const char *env_n = g_getenv ("DLG_BENCH_N");
  guint n = env_n != NULL ? (guint) g_ascii_strtoull (env_n, NULL, 10) : 10000;
  TileServer tiles = { 0 };
  g_autofree char *url = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  GtkWidget *window;
  GdkFrameClock *clock;
  Bench bench = { 0 };
  struct rusage usage;
  gint64 process_id, start, run_start;
  double cpu_start, load_ms, cluster_ms, refresh, dropped_limit;
  guint dropped = 0;

  g_assert_no_error (error);
  gtk_init ();
  adw_init ();
  store = open_store (dir, "bench.db", &process_id);
  insert_points (store, process_id, n);

  start = g_get_monotonic_time ();
  {
    g_autoptr(DlgContributionList) probe = dlg_contribution_list_new (store, process_id);
    g_autoptr(DlgContributionPoints) points = dlg_contribution_points_load (probe, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (points->points->len, ==, n);
    load_ms = seconds_since (start) * 1000;
    start = g_get_monotonic_time ();
    for (guint z = 10; z <= 18; z++)
      dlg_geo_clustering_free (dlg_geo_cluster ((DlgGeoPoint *) points->points->data,
                                                points->points->len, z, 56));
    cluster_ms = seconds_since (start) * 1000 / 9;
  }

  tile_server_start (&tiles);
  url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", tiles.port);
  bench.map = DLG_CONTRIBUTIONS_MAP (dlg_contributions_map_new ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bench.map));
  {
    /* No context in a benchmark: the setting's value, given the way the map takes it. */
    g_autoptr(GSettings) settings = g_settings_new ("fr.nantesmetropole.Dialogue");
    g_autoptr(DlgContext) context = dlg_context_new (store, settings);

    g_settings_set_string (settings, "map-tile-url", url);
    dlg_contributions_map_set_context (bench.map, context);
  }
  list = dlg_contribution_list_new (store, process_id);
  dlg_contributions_map_set_list (bench.map, list);
  gtk_window_present (GTK_WINDOW (window));

  bench.viewport = shumate_map_get_viewport (dlg_contributions_map_get_map (bench.map));
  bench.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  bench.paints = g_array_new (FALSE, FALSE, sizeof (double));
  bench.loop = g_main_loop_new (NULL, FALSE);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.map), tick_cb, &bench, NULL);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  run_start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  g_main_loop_run (bench.loop);

  g_array_sort (bench.intervals, compare_doubles);
  g_array_sort (bench.paints, compare_doubles);
  {
    GdkFrameTimings *timings = gdk_frame_clock_get_current_timings (clock);
    gint64 period = timings != NULL ? gdk_frame_timings_get_refresh_interval (timings) : 0;

    refresh = period > 0 ? period / 1000.0 : 1000.0 / 60;
  }
  dropped_limit = 1.5 * refresh;
  for (guint i = 0; i < bench.intervals->len; i++)
    if (g_array_index (bench.intervals, double, i) > dropped_limit)
      dropped++;
  getrusage (RUSAGE_SELF, &usage);

  printf ("map with %u pins, 1280 x 800, renderer %s, refresh %.1f ms\n", n,
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default", refresh);
  printf ("  points load %.1f ms, one clustering %.2f ms (mean of zoom 10 to 18)\n", load_ms,
          cluster_ms);
  printf ("  frames %u (pan %u at the fitted zoom, zoom sweep to 18 and back, pan %u at 16)\n",
          bench.intervals->len, PAN_FRAMES, PAN_FRAMES);
  printf ("  frame interval: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
          percentile (bench.intervals, 0.5), percentile (bench.intervals, 0.95),
          percentile (bench.intervals, 1.0));
  printf ("  dropped frames (interval > %.1f ms): %u of %u\n", dropped_limit, dropped,
          bench.intervals->len);
  printf ("  layout and paint: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
          percentile (bench.paints, 0.5), percentile (bench.paints, 0.95),
          percentile (bench.paints, 1.0));
  printf ("  tiles served %u; run %.1f s wall, %.1f s CPU\n", tiles.n_requests,
          seconds_since (run_start), cpu_seconds () - cpu_start);
  printf ("  peak RSS %.1f MB\n", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  tile_server_stop (&tiles);
  g_clear_pointer (&bench.intervals, g_array_unref);
  g_clear_pointer (&bench.paints, g_array_unref);
  g_clear_pointer (&bench.loop, g_main_loop_unref);
  g_clear_object (&store);
  {
    g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db), g_unlink (wal), g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
