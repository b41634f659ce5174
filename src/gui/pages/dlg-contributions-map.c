/* dlg-contributions-map.c — the located contributions of the list, on a map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ShumateMap with two layers: the tiles (ShumateMapLayer over a ShumateRasterRenderer whose
 * data come from DlgTileSource, the "map-tile-url" setting) and the contributions
 * (DlgPinLayer: pins and clusters coloured by theme, their extent). The points are those of
 * the page's DlgContributionList, search and filters included (dlg_contribution_points_load:
 * the list's own WHERE), read again on idle after the list changes, and only while the map is
 * shown. Offline, tiles fail (DlgTileSource has a timeout, so none waits for long): the pins,
 * clusters and extent stay on the map's plain background and the status says that tiles are
 * unavailable. A click on a pin emits "contributions-activated" (the page selects its row); on
 * a cluster it zooms in, and at the deepest level selects the cluster's contributions.
 */

#define G_LOG_DOMAIN "dlg-contributions-map"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-contributions-map.h"

#define MAX_ZOOM 19
/* A cluster at this level or deeper is activated as a whole (points a few metres apart). */
#define ACTIVATE_ZOOM 18

struct _DlgContributionsMap
{
  AdwBin               parent_instance;

  DlgContext          *context;
  DlgContributionList *list;
  DlgTileSource       *source;
  ShumateMapLayer     *tile_layer;
  DlgPinLayer         *pin_layer;
  guint                reload_id;
  guint                fit_tick;
  double               extent[4];
  guint                dirty : 1;
  guint                fit_pending : 1;
  guint                has_extent : 1;

  ShumateMap          *map;
  GtkLabel            *status_label;
  GtkLabel            *attribution_label;
};

G_DEFINE_FINAL_TYPE (DlgContributionsMap, dlg_contributions_map, ADW_TYPE_BIN)

enum {
  SIGNAL_CONTRIBUTIONS_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_status (DlgContributionsMap *self)
{
  DlgContributionPoints *points = dlg_pin_layer_get_points (self->pin_layer);
  guint n = points != NULL ? points->points->len : 0;
  gboolean tiles = self->source == NULL || dlg_tile_source_get_available (self->source);
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (n == 0)
    count = g_strdup (_("No contribution of the list has a location."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u located contribution",
                                          "%u located contributions", n), n);
  if (tiles)
    text = g_steal_pointer (&count);
  else
    /* Translators: %s is the count ("12 located contributions"). */
    text = g_strdup_printf (_("Map tiles are unavailable (no network, or the tile server does "
                              "not answer): %s on a plain background."), count);
  gtk_label_set_text (self->status_label, text);
  if (tiles)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
}

static void
source_available_cb (DlgContributionsMap *self)
{
  update_status (self);
}

/* The tile layer for the setting's template; the pins stay above it. */
static void
set_tile_url (DlgContributionsMap *self,
              const char          *url)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  g_autoptr(ShumateRasterRenderer) renderer = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *attribution = NULL;
  const char *host;

  if (self->tile_layer != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tile_layer));
  self->tile_layer = NULL;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);

  self->source = dlg_tile_source_new (url);
  g_signal_connect_object (self->source, "notify::available", G_CALLBACK (source_available_cb),
                           self, G_CONNECT_SWAPPED);
  renderer = shumate_raster_renderer_new_full ("dialogue-tiles", _("Map tiles"), NULL, NULL,
                                               0, MAX_ZOOM, 256,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (self->source));
  shumate_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (renderer));
  self->tile_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (renderer), viewport);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tile_layer),
                                   SHUMATE_LAYER (self->pin_layer));

  uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host != NULL && (g_str_equal (host, "openstreetmap.org") ||
                       g_str_has_suffix (host, ".openstreetmap.org")))
    attribution = g_strdup (_("© OpenStreetMap contributors"));
  else if (host != NULL)
    /* Translators: %s is the tile server's name. */
    attribution = g_strdup_printf (_("Tiles: %s"), host);
  gtk_label_set_text (self->attribution_label, attribution != NULL ? attribution : "");
  gtk_widget_set_visible (GTK_WIDGET (self->attribution_label), attribution != NULL);
  update_status (self);
}

static void
tile_setting_changed_cb (DlgContributionsMap *self)
{
  g_autofree char *url = g_settings_get_string (dlg_context_get_settings (self->context),
                                                "map-tile-url");

  set_tile_url (self, url);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  DlgContributionsMap *self = user_data;

  self->reload_id = 0;
  dlg_contributions_map_reload (self);
  return G_SOURCE_REMOVE;
}

static void
list_changed_cb (DlgContributionsMap *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
layer_released_cb (DlgContributionsMap *self,
                   int                  n_press,
                   double               x,
                   double               y,
                   GtkGestureClick     *gesture)
{
  if (n_press == 1)
    dlg_contributions_map_activate_at (self, x, y);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  shumate_map_zoom_in (DLG_CONTRIBUTIONS_MAP (widget)->map);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  shumate_map_zoom_out (DLG_CONTRIBUTIONS_MAP (widget)->map);
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  dlg_contributions_map_fit (DLG_CONTRIBUTIONS_MAP (widget));
}

static void
dlg_contributions_map_map (GtkWidget *widget)
{
  DlgContributionsMap *self = DLG_CONTRIBUTIONS_MAP (widget);

  GTK_WIDGET_CLASS (dlg_contributions_map_parent_class)->map (widget);
  if (self->dirty)
    dlg_contributions_map_reload (self);
}

/* A fit asked before the map had a size: at the first frame that has one. */
static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  DlgContributionsMap *self = DLG_CONTRIBUTIONS_MAP (widget);

  if (!self->fit_pending)
    {
      self->fit_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return G_SOURCE_CONTINUE;
  self->fit_tick = 0;
  dlg_contributions_map_fit (self);
  return G_SOURCE_REMOVE;
}

static void
dlg_contributions_map_dispose (GObject *object)
{
  DlgContributionsMap *self = DLG_CONTRIBUTIONS_MAP (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->fit_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick);
  self->fit_tick = 0;
  dlg_contributions_map_set_list (self, NULL);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (dlg_context_get_settings (self->context), self);
  g_clear_object (&self->context);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_CONTRIBUTIONS_MAP);

  G_OBJECT_CLASS (dlg_contributions_map_parent_class)->dispose (object);
}

static void
dlg_contributions_map_class_init (DlgContributionsMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_contributions_map_dispose;
  widget_class->map = dlg_contributions_map_map;

  /**
   * DlgContributionsMap::contributions-activated:
   * @ids: (element-type gint64): the contributions clicked on
   */
  signals[SIGNAL_CONTRIBUTIONS_ACTIVATED] =
    g_signal_new ("contributions-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  g_type_ensure (SHUMATE_TYPE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-contributions-map.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsMap, map);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsMap, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsMap, attribution_label);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.fit", NULL, fit_action);
}

static void
dlg_contributions_map_init (DlgContributionsMap *self)
{
  ShumateViewport *viewport;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_max_zoom_level (viewport, MAX_ZOOM);
  shumate_viewport_set_min_zoom_level (viewport, 2);
  self->pin_layer = dlg_pin_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->pin_layer));
  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (layer_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->pin_layer), GTK_EVENT_CONTROLLER (click));
  /* Until a context gives the setting: the default source. */
  set_tile_url (self, DLG_TILE_SOURCE_DEFAULT_URL);
  shumate_viewport_set_zoom_level (viewport, 12);
}

GtkWidget *
dlg_contributions_map_new (void)
{
  return g_object_new (DLG_TYPE_CONTRIBUTIONS_MAP, NULL);
}

void
dlg_contributions_map_set_context (DlgContributionsMap *self,
                                   DlgContext          *context)
{
  g_return_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self));
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (dlg_context_get_settings (self->context), self);
  g_set_object (&self->context, context);
  if (context == NULL)
    return;
  g_signal_connect_object (dlg_context_get_settings (context), "changed::map-tile-url",
                           G_CALLBACK (tile_setting_changed_cb), self, G_CONNECT_SWAPPED);
  tile_setting_changed_cb (self);
}

void
dlg_contributions_map_set_list (DlgContributionsMap *self,
                                DlgContributionList *list)
{
  g_return_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self));
  g_return_if_fail (list == NULL || DLG_IS_CONTRIBUTION_LIST (list));

  if (self->list == list)
    return;
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_set_object (&self->list, list);
  self->has_extent = FALSE;
  if (list != NULL)
    g_signal_connect_object (list, "items-changed", G_CALLBACK (list_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    dlg_contributions_map_reload (self);
  else if (list == NULL)
    dlg_pin_layer_set_points (self->pin_layer, NULL);
}

void
dlg_contributions_map_reload (DlgContributionsMap *self)
{
  g_autoptr(GError) error = NULL;
  DlgContributionPoints *points = NULL;
  double extent[4];
  gboolean has_extent = FALSE;

  g_return_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = FALSE;
  if (self->list != NULL && !(points = dlg_contribution_points_load (self->list, &error)))
    g_warning ("Cannot read the located contributions: %s", error->message);
  if (points != NULL)
    has_extent = dlg_geo_extent ((DlgGeoPoint *) points->points->data, points->points->len,
                                 &extent[0], &extent[1], &extent[2], &extent[3]);
  dlg_pin_layer_set_points (self->pin_layer, points);
  /* A new search or filter moves the map to its points; a tag or a moderation does not. */
  if (has_extent && (!self->has_extent || memcmp (extent, self->extent, sizeof extent) != 0))
    {
      memcpy (self->extent, extent, sizeof extent);
      self->has_extent = TRUE;
      dlg_contributions_map_fit (self);
    }
  update_status (self);
}

void
dlg_contributions_map_set_selected (DlgContributionsMap *self,
                                    const gint64        *ids,
                                    guint                n_ids)
{
  g_return_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self));

  dlg_pin_layer_set_selected (self->pin_layer, ids, n_ids);
}

void
dlg_contributions_map_fit (DlgContributionsMap *self)
{
  ShumateViewport *viewport;
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double x0, y0, x1, y1, lat, lon;

  g_return_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self));

  if (!self->has_extent)
    return;
  if (width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      if (self->fit_tick == 0)
        self->fit_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fit_tick_cb, NULL, NULL);
      return;
    }
  self->fit_pending = FALSE;
  viewport = shumate_map_get_viewport (self->map);
  dlg_geo_project (self->extent[2], self->extent[1], &x0, &y0);
  dlg_geo_project (self->extent[0], self->extent[3], &x1, &y1);
  dlg_geo_unproject ((x0 + x1) / 2, (y0 + y1) / 2, &lat, &lon);
  /* A margin for the pins drawn at the edges. */
  shumate_viewport_set_zoom_level (viewport,
                                   dlg_geo_fit_zoom (self->extent[0], self->extent[1],
                                                     self->extent[2], self->extent[3],
                                                     MAX (width - 80, 1), MAX (height - 80, 1),
                                                     17));
  shumate_map_center_on (self->map, lat, lon);
}

gboolean
dlg_contributions_map_activate_at (DlgContributionsMap *self,
                                   double               x,
                                   double               y)
{
  DlgGeoClustering *c;
  const DlgGeoCluster *cluster;
  DlgContributionPoints *points;
  ShumateViewport *viewport;
  int k;

  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self), FALSE);

  if ((k = dlg_pin_layer_pick (self->pin_layer, x, y)) < 0)
    return FALSE;
  c = dlg_pin_layer_get_clustering (self->pin_layer);
  points = dlg_pin_layer_get_points (self->pin_layer);
  cluster = &g_array_index (c->clusters, DlgGeoCluster, k);
  viewport = shumate_map_get_viewport (self->map);
  if (cluster->n_points == 1 || c->zoom >= ACTIVATE_ZOOM)
    {
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                                 cluster->n_points);

      for (guint m = cluster->first; m < cluster->first + cluster->n_points; m++)
        g_array_append_val (ids, g_array_index (points->points, DlgGeoPoint,
                                                g_array_index (c->members, guint, m)).id);
      g_signal_emit (self, signals[SIGNAL_CONTRIBUTIONS_ACTIVATED], 0, ids);
    }
  else
    {
      double lat, lon;

      dlg_geo_unproject (cluster->x, cluster->y, &lat, &lon);
      shumate_viewport_set_zoom_level (viewport, MIN (c->zoom + 2, MAX_ZOOM));
      shumate_map_center_on (self->map, lat, lon);
    }
  return TRUE;
}

ShumateMap *
dlg_contributions_map_get_map (DlgContributionsMap *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self), NULL);

  return self->map;
}

DlgPinLayer *
dlg_contributions_map_get_pin_layer (DlgContributionsMap *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self), NULL);

  return self->pin_layer;
}

DlgTileSource *
dlg_contributions_map_get_tile_source (DlgContributionsMap *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self), NULL);

  return self->source;
}

const char *
dlg_contributions_map_get_status (DlgContributionsMap *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_MAP (self), NULL);

  return gtk_label_get_text (self->status_label);
}
