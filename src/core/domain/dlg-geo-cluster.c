/* dlg-geo-cluster.c — geolocated points grouped in grid cells by zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass puts each point in its cell (a hash of the cell's column and row), a counting pass
 * lays the members out cluster by cluster, and each cluster's colours are counted from its
 * members sorted by colour. Linear in the points but for those sorts: 10,000 points cost well
 * under a millisecond, so the map clusters again at each zoom level rather than keeping a tree.
 */

#define G_LOG_DOMAIN "dlg-geo-cluster"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "dlg-geo-cluster.h"

/* Web Mercator's limit: the square world of the tiles. */
#define MAX_LATITUDE 85.0511287798

typedef struct
{
  double sum_x;
  double sum_y;
  guint  n;
} Cell;

/**
 * dlg_geo_project:
 *
 * Web Mercator position of a latitude and longitude (degrees), in [0, 1) over the world.
 */
void
dlg_geo_project (double  lat,
                 double  lon,
                 double *x,
                 double *y)
{
  double phi = CLAMP (lat, -MAX_LATITUDE, MAX_LATITUDE) * G_PI / 180.0;

  *x = (CLAMP (lon, -180.0, 180.0) + 180.0) / 360.0;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

void
dlg_geo_unproject (double  x,
                   double  y,
                   double *lat,
                   double *lon)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/**
 * dlg_geo_extent:
 *
 * The smallest box holding every point. Returns: %FALSE when there is no point
 */
gboolean
dlg_geo_extent (const DlgGeoPoint *points,
                guint              n_points,
                double            *min_lat,
                double            *min_lon,
                double            *max_lat,
                double            *max_lon)
{
  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);

  if (n_points == 0)
    return FALSE;
  *min_lat = *max_lat = points[0].lat;
  *min_lon = *max_lon = points[0].lon;
  for (guint i = 1; i < n_points; i++)
    {
      *min_lat = MIN (*min_lat, points[i].lat);
      *max_lat = MAX (*max_lat, points[i].lat);
      *min_lon = MIN (*min_lon, points[i].lon);
      *max_lon = MAX (*max_lon, points[i].lon);
    }
  return TRUE;
}

guint
dlg_geo_fit_zoom (double min_lat,
                  double min_lon,
                  double max_lat,
                  double max_lon,
                  double width,
                  double height,
                  guint  max_zoom)
{
  double x0, y0, x1, y1;

  dlg_geo_project (max_lat, min_lon, &x0, &y0);
  dlg_geo_project (min_lat, max_lon, &x1, &y1);
  for (guint z = max_zoom; z > 0; z--)
    {
      double world = 256.0 * (double) (1u << z);

      if ((x1 - x0) * world <= width && (y1 - y0) * world <= height)
        return z;
    }
  return 0;
}

static int
compare_colours (gconstpointer a,
                 gconstpointer b)
{
  guint ca = *(const guint *) a, cb = *(const guint *) b;

  return ca < cb ? -1 : ca > cb;
}

static int
compare_shares (gconstpointer a,
                gconstpointer b)
{
  const DlgGeoShare *sa = a, *sb = b;

  if (sa->count != sb->count)
    return sa->count > sb->count ? -1 : 1;
  return compare_colours (&sa->colour, &sb->colour);
}

/**
 * dlg_geo_cluster:
 * @cell: the side of a cell, in pixels at @zoom
 *
 * Groups @points by the cell of the grid they fall in at @zoom (0 to 24). A cluster of one
 * point is that point. The result depends on the points' order only for the order of the
 * clusters and of their members (that of the input).
 *
 * Returns: (transfer full): the clusters, their members and their colours
 */
DlgGeoClustering *
dlg_geo_cluster (const DlgGeoPoint *points,
                 guint              n_points,
                 guint              zoom,
                 double             cell)
{
  g_autoptr(GHashTable) cells = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = NULL;
  g_autofree guint *assign = NULL;
  g_autofree guint *fill = NULL;
  g_autofree guint *colours = NULL;
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (Cell));
  DlgGeoClustering *result;
  double world;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);
  g_return_val_if_fail (zoom <= 24 && cell >= 1.0, NULL);

  world = 256.0 * (double) (1u << zoom);
  keys = g_new (gint64, MAX (n_points, 1));
  assign = g_new (guint, MAX (n_points, 1));
  result = g_new0 (DlgGeoClustering, 1);
  result->zoom = zoom;
  result->cell = cell;
  result->clusters = g_array_new (FALSE, TRUE, sizeof (DlgGeoCluster));
  result->members = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_points);
  result->shares = g_array_new (FALSE, FALSE, sizeof (DlgGeoShare));

  for (guint i = 0; i < n_points; i++)
    {
      double x, y;
      gint64 column, row;
      gpointer value;
      Cell *c;

      dlg_geo_project (points[i].lat, points[i].lon, &x, &y);
      column = (gint64) floor (x * world / cell);
      row = (gint64) floor (y * world / cell);
      keys[i] = (column << 32) | (row & 0xffffffff);
      if (g_hash_table_lookup_extended (cells, &keys[i], NULL, &value))
        assign[i] = GPOINTER_TO_UINT (value);
      else
        {
          assign[i] = sums->len;
          g_array_set_size (sums, sums->len + 1);
          g_hash_table_insert (cells, &keys[i], GUINT_TO_POINTER (assign[i]));
        }
      c = &g_array_index (sums, Cell, assign[i]);
      c->sum_x += x;
      c->sum_y += y;
      c->n++;
    }

  /* The members, cluster by cluster, each in the input's order. */
  g_array_set_size (result->clusters, sums->len);
  fill = g_new0 (guint, MAX (sums->len, 1));
  for (guint c = 0, first = 0; c < sums->len; c++)
    {
      DlgGeoCluster *cluster = &g_array_index (result->clusters, DlgGeoCluster, c);
      const Cell *sum = &g_array_index (sums, Cell, c);

      cluster->x = sum->sum_x / sum->n;
      cluster->y = sum->sum_y / sum->n;
      cluster->n_points = sum->n;
      cluster->first = first;
      fill[c] = first;
      first += sum->n;
    }
  g_array_set_size (result->members, n_points);
  for (guint i = 0; i < n_points; i++)
    g_array_index (result->members, guint, fill[assign[i]]++) = i;

  /* The colours of each cluster, most frequent first (then by index). */
  colours = g_new (guint, MAX (n_points, 1));
  for (guint c = 0; c < result->clusters->len; c++)
    {
      DlgGeoCluster *cluster = &g_array_index (result->clusters, DlgGeoCluster, c);
      guint *mine = colours + cluster->first;

      for (guint k = 0; k < cluster->n_points; k++)
        mine[k] = points[g_array_index (result->members, guint, cluster->first + k)].colour;
      qsort (mine, cluster->n_points, sizeof (guint), compare_colours);
      cluster->first_share = result->shares->len;
      for (guint k = 0; k < cluster->n_points;)
        {
          DlgGeoShare share = { mine[k], 0 };

          while (k < cluster->n_points && mine[k] == share.colour)
            share.count++, k++;
          g_array_append_val (result->shares, share);
        }
      cluster->n_shares = result->shares->len - cluster->first_share;
      qsort (&g_array_index (result->shares, DlgGeoShare, cluster->first_share),
             cluster->n_shares, sizeof (DlgGeoShare), compare_shares);
    }
  return result;
}

void
dlg_geo_clustering_free (DlgGeoClustering *clustering)
{
  if (clustering == NULL)
    return;
  g_array_unref (clustering->clusters);
  g_array_unref (clustering->members);
  g_array_unref (clustering->shares);
  g_free (clustering);
}
