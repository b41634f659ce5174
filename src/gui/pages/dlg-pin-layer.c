/* dlg-pin-layer.c — the map's contributions: pins, clusters and their extent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One widget draws every pin with cairo rather than one ShumateMarker per contribution: 10,000
 * child widgets would be measured and allocated at each frame of a pan. The points are
 * clustered in cells of CELL pixels at the zoom level shown, rounded (dlg_geo_cluster, kept
 * per level), so a frame draws at most one disc per cell of the screen whatever the number
 * of points. A pin has its first theme's colour; a cluster is a disc with its count, ringed
 * by its themes' shares. The points' extent is a dashed frame, so that a map without tiles
 * still shows where the contributions are.
 */

#define G_LOG_DOMAIN "dlg-pin-layer"

#include "config.h"

#include <math.h>

#include "dlg-pin-layer.h"

/* Side of a clustering cell, in pixels of the screen. */
#define CELL 56.0
#define MAX_LEVELS 25
#define PIN_RADIUS 7.0

struct _DlgPinLayer
{
  ShumateLayer           parent_instance;

  DlgContributionPoints *points;
  GArray                *palette;        /* GdkRGBA per theme */
  DlgGeoClustering      *levels[MAX_LEVELS];
  GHashTable            *selected;       /* gint64 ids */
  gint64                *selected_ids;
  double                 min_x, min_y, max_x, max_y;  /* the extent, projected */
  guint                  n_drawn;
  PangoLayout           *layout;
};

G_DEFINE_FINAL_TYPE (DlgPinLayer, dlg_pin_layer, SHUMATE_TYPE_LAYER)

/* For themes with no colour: GNOME's palette, the 3s. */
static const char * const fallback_colours[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac", "#986a44",
};
static const GdkRGBA no_theme = { 0.47, 0.46, 0.48, 1.0 };

static const GdkRGBA *
colour_of (DlgPinLayer *self,
           guint        colour)
{
  return colour < self->palette->len ? &g_array_index (self->palette, GdkRGBA, colour)
                                     : &no_theme;
}

static void
drop_levels (DlgPinLayer *self)
{
  for (guint z = 0; z < MAX_LEVELS; z++)
    g_clear_pointer (&self->levels[z], dlg_geo_clustering_free);
}

static guint
current_level (DlgPinLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  return (guint) CLAMP (floor (zoom + 0.5), 0, MAX_LEVELS - 1);
}

/* Widget coordinates of a projected position, as ShumateViewport places its tiles. */
static void
to_widget (DlgPinLayer *self,
           double       px,
           double       py,
           double      *x,
           double      *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile = source != NULL ? shumate_map_source_get_tile_size (source) : 256.0;
  double world = tile * pow (2.0, shumate_viewport_get_zoom_level (viewport));
  double rotation = shumate_viewport_get_rotation (viewport);
  double cx, cy, dx, dy;

  dlg_geo_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                   shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  dx = (px - cx) * world;
  dy = (py - cy) * world;
  if (rotation != 0.0)
    {
      double c = cos (rotation), s = sin (rotation), rx = dx * c - dy * s;

      dy = dx * s + dy * c;
      dx = rx;
    }
  *x = dx + gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  *y = dy + gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static double
cluster_radius (guint n_points)
{
  return n_points == 1 ? PIN_RADIUS : 11.0 + 4.0 * log10 ((double) n_points);
}

static gboolean
cluster_selected (DlgPinLayer         *self,
                  const DlgGeoCluster *cluster)
{
  const DlgGeoClustering *c = dlg_pin_layer_get_clustering (self);

  if (g_hash_table_size (self->selected) == 0)
    return FALSE;
  for (guint m = cluster->first; m < cluster->first + cluster->n_points; m++)
    {
      const DlgGeoPoint *p = &g_array_index (self->points->points, DlgGeoPoint,
                                             g_array_index (c->members, guint, m));

      if (g_hash_table_contains (self->selected, &p->id))
        return TRUE;
    }
  return FALSE;
}

static void
draw_pin (DlgPinLayer   *self,
          cairo_t       *cr,
          double         x,
          double         y,
          const GdkRGBA *colour,
          gboolean       selected)
{
  double r = selected ? PIN_RADIUS + 3 : PIN_RADIUS;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 1.5, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, selected ? 2.5 : 1.0);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, selected ? 1.0 : 0.6);
  cairo_stroke (cr);
}

static void
draw_cluster (DlgPinLayer            *self,
              cairo_t                *cr,
              const DlgGeoClustering *c,
              const DlgGeoCluster    *cluster,
              double                  x,
              double                  y,
              gboolean                selected)
{
  double r = cluster_radius (cluster->n_points);
  double angle = -G_PI / 2;
  char count[16];
  int width, height;

  /* The ring: each theme's share of the cluster. */
  cairo_set_line_width (cr, 5.0);
  for (guint s = cluster->first_share; s < cluster->first_share + cluster->n_shares; s++)
    {
      const DlgGeoShare *share = &g_array_index (c->shares, DlgGeoShare, s);
      double sweep = 2 * G_PI * share->count / cluster->n_points;

      cairo_new_path (cr);
      cairo_arc (cr, x, y, r - 2.5, angle, angle + sweep);
      gdk_cairo_set_source_rgba (cr, colour_of (self, share->colour));
      cairo_stroke (cr);
      angle += sweep;
    }
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r - 5.0, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, selected ? 2.5 : 1.0);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, selected ? 1.0 : 0.7);
  cairo_stroke (cr);

  g_snprintf (count, sizeof count, "%u", cluster->n_points);
  pango_layout_set_text (self->layout, count, -1);
  pango_layout_get_pixel_size (self->layout, &width, &height);
  cairo_move_to (cr, x - width / 2.0, y - height / 2.0);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 1);
  pango_cairo_show_layout (cr, self->layout);
}

static void
dlg_pin_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DlgPinLayer *self = DLG_PIN_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const DlgGeoClustering *c;
  double x0, y0, x1, y1;
  cairo_t *cr;

  self->n_drawn = 0;
  if (self->points == NULL || self->points->points->len == 0 || width <= 0 || height <= 0)
    return;
  c = dlg_pin_layer_get_clustering (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The extent: where the contributions are, even on a plain background. */
  to_widget (self, self->min_x, self->min_y, &x0, &y0);
  to_widget (self, self->max_x, self->max_y, &x1, &y1);
  cairo_rectangle (cr, floor (x0) - 12.5, floor (y0) - 12.5, x1 - x0 + 25, y1 - y0 + 25);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.08);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (self->layout == NULL)
    {
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 9");

      self->layout = gtk_widget_create_pango_layout (widget, NULL);
      pango_layout_set_font_description (self->layout, font);
      pango_font_description_free (font);
    }
  for (guint k = 0; k < c->clusters->len; k++)
    {
      const DlgGeoCluster *cluster = &g_array_index (c->clusters, DlgGeoCluster, k);
      double r = cluster_radius (cluster->n_points) + 4;
      double x, y;

      to_widget (self, cluster->x, cluster->y, &x, &y);
      if (x < -r || y < -r || x > width + r || y > height + r)
        continue;
      self->n_drawn++;
      if (cluster->n_points == 1)
        {
          const DlgGeoPoint *p = &g_array_index (self->points->points, DlgGeoPoint,
                                                 g_array_index (c->members, guint, cluster->first));

          draw_pin (self, cr, x, y, colour_of (self, p->colour),
                    g_hash_table_contains (self->selected, &p->id));
        }
      else
        draw_cluster (self, cr, c, cluster, x, y, cluster_selected (self, cluster));
    }
  cairo_destroy (cr);
}

static void
viewport_changed_cb (DlgPinLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dlg_pin_layer_constructed (GObject *object)
{
  DlgPinLayer *self = DLG_PIN_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (dlg_pin_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::rotation", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
dlg_pin_layer_finalize (GObject *object)
{
  DlgPinLayer *self = DLG_PIN_LAYER (object);

  drop_levels (self);
  g_clear_pointer (&self->points, dlg_contribution_points_free);
  g_clear_pointer (&self->palette, g_array_unref);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->selected_ids, g_free);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (dlg_pin_layer_parent_class)->finalize (object);
}

static void
dlg_pin_layer_class_init (DlgPinLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dlg_pin_layer_constructed;
  object_class->finalize = dlg_pin_layer_finalize;
  widget_class->snapshot = dlg_pin_layer_snapshot;
}

static void
dlg_pin_layer_init (DlgPinLayer *self)
{
  self->palette = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->selected = g_hash_table_new (g_int64_hash, g_int64_equal);
}

DlgPinLayer *
dlg_pin_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (DLG_TYPE_PIN_LAYER, "viewport", viewport, NULL);
}

void
dlg_pin_layer_set_points (DlgPinLayer           *self,
                          DlgContributionPoints *points)
{
  g_return_if_fail (DLG_IS_PIN_LAYER (self));

  drop_levels (self);
  g_clear_pointer (&self->points, dlg_contribution_points_free);
  g_array_set_size (self->palette, 0);
  self->points = points;
  if (points != NULL)
    {
      double min_lat, min_lon, max_lat, max_lon;

      for (guint i = 0; i < points->themes->len; i++)
        {
          const DlgPointTheme *theme = points->themes->pdata[i];
          GdkRGBA rgba;

          if (theme->colour == NULL || !gdk_rgba_parse (&rgba, theme->colour))
            gdk_rgba_parse (&rgba, fallback_colours[i % G_N_ELEMENTS (fallback_colours)]);
          g_array_append_val (self->palette, rgba);
        }
      if (dlg_geo_extent ((DlgGeoPoint *) points->points->data, points->points->len,
                          &min_lat, &min_lon, &max_lat, &max_lon))
        {
          dlg_geo_project (max_lat, min_lon, &self->min_x, &self->min_y);
          dlg_geo_project (min_lat, max_lon, &self->max_x, &self->max_y);
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

DlgContributionPoints *
dlg_pin_layer_get_points (DlgPinLayer *self)
{
  g_return_val_if_fail (DLG_IS_PIN_LAYER (self), NULL);

  return self->points;
}

void
dlg_pin_layer_set_selected (DlgPinLayer  *self,
                            const gint64 *ids,
                            guint         n_ids)
{
  g_return_if_fail (DLG_IS_PIN_LAYER (self));

  g_hash_table_remove_all (self->selected);
  g_clear_pointer (&self->selected_ids, g_free);
  self->selected_ids = g_memdup2 (ids, n_ids * sizeof (gint64));
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->selected, &self->selected_ids[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dlg_pin_layer_is_selected (DlgPinLayer *self,
                           gint64       id)
{
  g_return_val_if_fail (DLG_IS_PIN_LAYER (self), FALSE);

  return g_hash_table_contains (self->selected, &id);
}

DlgGeoClustering *
dlg_pin_layer_get_clustering (DlgPinLayer *self)
{
  guint z;

  g_return_val_if_fail (DLG_IS_PIN_LAYER (self), NULL);

  if (self->points == NULL)
    return NULL;
  z = current_level (self);
  if (self->levels[z] == NULL)
    self->levels[z] = dlg_geo_cluster ((DlgGeoPoint *) self->points->points->data,
                                       self->points->points->len, z, CELL);
  return self->levels[z];
}

void
dlg_pin_layer_cluster_position (DlgPinLayer *self,
                                guint        cluster,
                                double      *x,
                                double      *y)
{
  const DlgGeoClustering *c = dlg_pin_layer_get_clustering (self);
  const DlgGeoCluster *cl;

  g_return_if_fail (c != NULL && cluster < c->clusters->len);

  cl = &g_array_index (c->clusters, DlgGeoCluster, cluster);
  to_widget (self, cl->x, cl->y, x, y);
}

int
dlg_pin_layer_pick (DlgPinLayer *self,
                    double       x,
                    double       y)
{
  const DlgGeoClustering *c;
  double best = G_MAXDOUBLE;
  int found = -1;

  g_return_val_if_fail (DLG_IS_PIN_LAYER (self), -1);

  if ((c = dlg_pin_layer_get_clustering (self)) == NULL)
    return -1;
  for (guint k = 0; k < c->clusters->len; k++)
    {
      const DlgGeoCluster *cluster = &g_array_index (c->clusters, DlgGeoCluster, k);
      double r = cluster_radius (cluster->n_points) + 3, cx, cy, d;

      to_widget (self, cluster->x, cluster->y, &cx, &cy);
      d = (cx - x) * (cx - x) + (cy - y) * (cy - y);
      if (d <= r * r && d < best)
        best = d, found = (int) k;
    }
  return found;
}

guint
dlg_pin_layer_get_n_drawn (DlgPinLayer *self)
{
  g_return_val_if_fail (DLG_IS_PIN_LAYER (self), 0);

  return self->n_drawn;
}
