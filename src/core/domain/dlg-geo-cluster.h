/* dlg-geo-cluster.h — geolocated points grouped in grid cells by zoom level, for the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Positions are Web Mercator, as the map's tiles: (x, y) in [0, 1) over the world, x from
 * longitude −180°, y from the north. At zoom z the world is 256 × 2^z pixels wide; the points
 * whose pixels fall in the same square cell of @cell pixels form one cluster. No GTK: the
 * map draws what this computes, and tests check it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Themes beyond the palette, and points with no theme, have this colour index. */
#define DLG_GEO_NO_COLOUR G_MAXUINT

typedef struct
{
  gint64 id;          /* the contribution's */
  double lat;
  double lon;
  guint  colour;      /* an index in the caller's palette, or DLG_GEO_NO_COLOUR */
} DlgGeoPoint;

/* One colour of a cluster and how many of its points have it. */
typedef struct
{
  guint colour;
  guint count;
} DlgGeoShare;

typedef struct
{
  double x;           /* the mean of its points' projected positions */
  double y;
  guint  n_points;
  guint  first;       /* its points: members[first … first + n_points), indices of the input */
  guint  first_share; /* its colours, most frequent first: shares[first_share … + n_shares) */
  guint  n_shares;
} DlgGeoCluster;

typedef struct
{
  guint   zoom;
  double  cell;
  GArray *clusters;   /* DlgGeoCluster, in the order of their first point in the input */
  GArray *members;    /* guint */
  GArray *shares;     /* DlgGeoShare */
} DlgGeoClustering;

void              dlg_geo_project          (double             lat,
                                            double             lon,
                                            double            *x,
                                            double            *y);
void              dlg_geo_unproject        (double             x,
                                            double             y,
                                            double            *lat,
                                            double            *lon);
gboolean          dlg_geo_extent           (const DlgGeoPoint *points,
                                            guint              n_points,
                                            double            *min_lat,
                                            double            *min_lon,
                                            double            *max_lat,
                                            double            *max_lon);
/* The highest zoom level (≤ @max_zoom) at which the extent fits in @width × @height pixels. */
guint             dlg_geo_fit_zoom         (double             min_lat,
                                            double             min_lon,
                                            double             max_lat,
                                            double             max_lon,
                                            double             width,
                                            double             height,
                                            guint              max_zoom);

DlgGeoClustering *dlg_geo_cluster          (const DlgGeoPoint *points,
                                            guint              n_points,
                                            guint              zoom,
                                            double             cell);
void              dlg_geo_clustering_free  (DlgGeoClustering  *clustering);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgGeoClustering, dlg_geo_clustering_free)

G_END_DECLS
