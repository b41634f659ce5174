/* test-geo-cluster.c — the map's core: projection, grid clustering by zoom, the located
 * contributions a list's filters match, and a row's position in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "dlg-core.h"
#include "dlg-store-private.h"
#include "coding-fixture.h"
#include "contribution-fixture.h"
#include "process-fixture.h"

static void
test_project (void)
{
  double x, y, lat, lon;

  dlg_geo_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);
  /* Nantes's tile at zoom 12 by the slippy map formula of OpenStreetMap's wiki: 2029, 1437. */
  dlg_geo_project (47.2135, -1.5830, &x, &y);
  g_assert_cmpint ((int) floor (x * 4096), ==, 2029);
  g_assert_cmpint ((int) floor (y * 4096), ==, 1437);
  dlg_geo_unproject (x, y, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 47.2135, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -1.5830, 1e-9);
  /* The poles are clamped to the square world of the tiles. */
  dlg_geo_project (90, 180, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (x, 1.0, 1e-12);
}

/* Every point is in exactly one cluster, whose counts and colours add up. */
static void
assert_partition (const DlgGeoPoint      *points,
                  guint                   n,
                  const DlgGeoClustering *c)
{
  g_autofree guint *seen = g_new0 (guint, n);
  guint total = 0;

  g_assert_cmpuint (c->members->len, ==, n);
  for (guint k = 0; k < c->clusters->len; k++)
    {
      const DlgGeoCluster *cl = &g_array_index (c->clusters, DlgGeoCluster, k);
      double sx = 0, sy = 0;
      guint shares = 0;

      g_assert_cmpuint (cl->n_points, >, 0);
      for (guint m = cl->first; m < cl->first + cl->n_points; m++)
        {
          guint i = g_array_index (c->members, guint, m);
          double x, y;

          seen[i]++;
          dlg_geo_project (points[i].lat, points[i].lon, &x, &y);
          sx += x, sy += y;
        }
      g_assert_cmpfloat_with_epsilon (cl->x, sx / cl->n_points, 1e-12);
      g_assert_cmpfloat_with_epsilon (cl->y, sy / cl->n_points, 1e-12);
      for (guint s = cl->first_share; s < cl->first_share + cl->n_shares; s++)
        {
          const DlgGeoShare *share = &g_array_index (c->shares, DlgGeoShare, s);

          shares += share->count;
          if (s > cl->first_share)
            g_assert_cmpuint (share->count, <=,
                              g_array_index (c->shares, DlgGeoShare, s - 1).count);
        }
      g_assert_cmpuint (shares, ==, cl->n_points);
      total += cl->n_points;
    }
  g_assert_cmpuint (total, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (seen[i], ==, 1);
}

static void
test_cluster_grid (void)
{
  /* Two groups 1 km apart in Nantes (about 0.009° of latitude), three points each a few
   * metres apart, and one point alone in Rennes. */
  const DlgGeoPoint points[] = {
    { 1, 47.2135, -1.5830, 0 },
    { 2, 47.2136, -1.5831, 1 },
    { 3, 47.2134, -1.5829, 1 },
    { 4, 47.2225, -1.5830, 2 },
    { 5, 47.2226, -1.5830, 2 },
    { 6, 47.2224, -1.5831, DLG_GEO_NO_COLOUR },
    { 7, 48.1173, -1.6778, 0 },
  };
  guint n = G_N_ELEMENTS (points);
  g_autoptr(DlgGeoClustering) far = dlg_geo_cluster (points, n, 8, 64);
  g_autoptr(DlgGeoClustering) mid = dlg_geo_cluster (points, n, 14, 64);
  g_autoptr(DlgGeoClustering) near = dlg_geo_cluster (points, n, 22, 64);
  const DlgGeoCluster *first;
  const DlgGeoShare *share;

  assert_partition (points, n, far);
  assert_partition (points, n, mid);
  assert_partition (points, n, near);

  /* At zoom 8 (a cell of 64 px is about 15 km here) Nantes is one cluster, Rennes another. */
  g_assert_cmpuint (far->clusters->len, ==, 2);
  first = &g_array_index (far->clusters, DlgGeoCluster, 0);
  g_assert_cmpuint (first->n_points, ==, 6);
  g_assert_cmpuint (g_array_index (far->clusters, DlgGeoCluster, 1).n_points, ==, 1);
  /* Its colours, most frequent first, ties by index: 1 and 2 twice, then 0 and none. */
  g_assert_cmpuint (first->n_shares, ==, 4);
  share = &g_array_index (far->shares, DlgGeoShare, first->first_share);
  g_assert_cmpuint (share[0].colour, ==, 1);
  g_assert_cmpuint (share[0].count, ==, 2);
  g_assert_cmpuint (share[1].colour, ==, 2);
  g_assert_cmpuint (share[2].colour, ==, 0);
  g_assert_cmpuint (share[3].colour, ==, DLG_GEO_NO_COLOUR);

  /* At zoom 14 (a cell is about 250 m) the two groups of Nantes part. */
  g_assert_cmpuint (mid->clusters->len, ==, 3);
  g_assert_cmpuint (g_array_index (mid->clusters, DlgGeoCluster, 0).n_points, ==, 3);
  g_assert_cmpuint (g_array_index (mid->clusters, DlgGeoCluster, 1).n_points, ==, 3);

  /* At zoom 22 (a cell is about 2 m) every point is alone. */
  g_assert_cmpuint (near->clusters->len, ==, n);
  for (guint k = 0; k < n; k++)
    {
      const DlgGeoCluster *cl = &g_array_index (near->clusters, DlgGeoCluster, k);

      g_assert_cmpuint (cl->n_points, ==, 1);
      g_assert_cmpuint (g_array_index (near->members, guint, cl->first), ==, k);
    }
}

/* Cells nest from one zoom level to the next: clusters only ever split when zooming in, and
 * the same points in another order make the same clusters. */
static void
test_cluster_zoom (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (DlgGeoPoint));
  g_autoptr(GArray) reversed = g_array_new (FALSE, FALSE, sizeof (DlgGeoPoint));
  guint previous = 0;

  for (guint i = 0; i < 5000; i++)
    {
      DlgGeoPoint p = { i + 1, 47.2 + g_rand_double_range (rand, -0.1, 0.1),
                        -1.55 + g_rand_double_range (rand, -0.15, 0.15),
                        g_rand_int_range (rand, 0, 5) };

      g_array_append_val (points, p);
    }
  for (guint i = points->len; i > 0; i--)
    g_array_append_val (reversed, g_array_index (points, DlgGeoPoint, i - 1));

  for (guint zoom = 0; zoom <= 20; zoom++)
    {
      g_autoptr(DlgGeoClustering) c = dlg_geo_cluster ((DlgGeoPoint *) points->data,
                                                       points->len, zoom, 48);
      g_autoptr(DlgGeoClustering) r = dlg_geo_cluster ((DlgGeoPoint *) reversed->data,
                                                       reversed->len, zoom, 48);

      assert_partition ((DlgGeoPoint *) points->data, points->len, c);
      g_assert_cmpuint (c->clusters->len, >=, previous);
      g_assert_cmpuint (r->clusters->len, ==, c->clusters->len);
      previous = c->clusters->len;
    }
  g_assert_cmpuint (previous, >, 4000);
}

static void
test_extent (void)
{
  const DlgGeoPoint points[] = {
    { 1, 47.20, -1.60, 0 }, { 2, 47.25, -1.50, 0 }, { 3, 47.22, -1.55, 0 },
  };
  double a, b, c, d;
  guint zoom;

  g_assert_false (dlg_geo_extent (points, 0, &a, &b, &c, &d));
  g_assert_true (dlg_geo_extent (points, 3, &a, &b, &c, &d));
  g_assert_cmpfloat (a, ==, 47.20);
  g_assert_cmpfloat (b, ==, -1.60);
  g_assert_cmpfloat (c, ==, 47.25);
  g_assert_cmpfloat (d, ==, -1.50);
  /* 0.1° of longitude is 0.1 / 360 of the world: 1165 px at zoom 14, 582 at 13. */
  zoom = dlg_geo_fit_zoom (a, b, c, d, 800, 600, 19);
  g_assert_cmpuint (zoom, ==, 13);
  g_assert_cmpuint (dlg_geo_fit_zoom (a, b, c, d, 800, 600, 10), ==, 10);
  /* One point fits at any zoom: the highest allowed. */
  g_assert_cmpuint (dlg_geo_fit_zoom (a, b, a, b, 800, 600, 17), ==, 17);
}

static gint64
make_theme (Fixture    *f,
            const char *name,
            const char *colour,
            gint64      parent_id,
            int         position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTheme) theme = dlg_theme_new (f->process_id);

  dlg_theme_set_name (theme, name);
  dlg_theme_set_colour (theme, colour);
  dlg_theme_set_parent_id (theme, parent_id);
  dlg_theme_set_position (theme, position);
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  g_assert_no_error (error);
  return dlg_theme_get_id (theme);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (dlg_store_step_done (f->store, stmt, &error));
  g_assert_no_error (error);
}

/* The points follow the list's search and filters, carry the first theme of the frame's order
 * as their colour, and dlg_contribution_list_find says where each row is. */
static void
test_points (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(DlgContributionPoints) points = NULL;
  gint64 later, first, child;
  guint n_items;

  fixture_insert_contributions (f->store, f->process_id, 300);
  /* Every third row is located, on a line going north-east from Nantes. */
  exec (f, "UPDATE contribution SET lat = 47.2 + id * 0.0001, lon = -1.6 + id * 0.0002"
           " WHERE id % 3 = 0");
  /* In the frame's order: "first" (position 0), its sub-theme "child", then "later"; created
   * in another order so that ids do not give it. */
  later = make_theme (f, "later", "#0000ff", 0, 1);
  first = make_theme (f, "<b>first</b>", "#ff0000", 0, 0);
  child = make_theme (f, "child", NULL, first, 0);
  for (gint64 id = 3; id <= 300; id += 3)
    {
      if (id % 2 == 0)
        g_assert_true (tag_one (f->store, id, later, TRUE, &error));
      if (id % 4 == 0)
        g_assert_true (tag_one (f->store, id, child, TRUE, &error));
      if (id % 5 == 0)
        g_assert_true (tag_one (f->store, id, first, TRUE, &error));
      g_assert_no_error (error);
    }

  list = dlg_contribution_list_new (f->store, f->process_id);
  points = dlg_contribution_points_load (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->themes->len, ==, 3);
  g_assert_cmpstr (((DlgPointTheme *) points->themes->pdata[0])->name, ==, "<b>first</b>");
  g_assert_cmpstr (((DlgPointTheme *) points->themes->pdata[0])->colour, ==, "#ff0000");
  g_assert_cmpstr (((DlgPointTheme *) points->themes->pdata[1])->name, ==, "child");
  g_assert_cmpstr (((DlgPointTheme *) points->themes->pdata[2])->name, ==, "later");
  g_assert_cmpuint (points->points->len, ==, 100);
  for (guint i = 0; i < points->points->len; i++)
    {
      const DlgGeoPoint *p = &g_array_index (points->points, DlgGeoPoint, i);
      guint expected = p->id % 5 == 0 ? 0 : p->id % 4 == 0 ? 1 : p->id % 2 == 0 ? 2
                                                                            : DLG_GEO_NO_COLOUR;

      g_assert_cmpint (p->id, ==, 3 * (i + 1));
      g_assert_cmpfloat_with_epsilon (p->lat, 47.2 + p->id * 0.0001, 1e-9);
      g_assert_cmpfloat_with_epsilon (p->lon, -1.6 + p->id * 0.0002, 1e-9);
      g_assert_cmpuint (p->colour, ==, expected);
    }
  g_clear_pointer (&points, dlg_contribution_points_free);

  /* The list's filters: one channel (rows i % 4 == 1, "in_person") and a search. */
  dlg_contribution_list_set_channel (list, "in_person");
  points = dlg_contribution_points_load (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->points->len, ==, 25);
  for (guint i = 0; i < points->points->len; i++)
    g_assert_cmpint (g_array_index (points->points, DlgGeoPoint, i).id % 4, ==, 1);
  g_clear_pointer (&points, dlg_contribution_points_free);
  dlg_contribution_list_set_channel (list, NULL);
  dlg_contribution_list_set_search (list, fixture_words[7]);
  points = dlg_contribution_points_load (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->points->len, >, 0);
  for (guint i = 0; i < points->points->len; i++)
    {
      gint64 id = g_array_index (points->points, DlgGeoPoint, i).id;

      g_assert_true (id % 3 == 0 && (id % 20 == 7 || id % 7 == 0));
    }
  g_clear_pointer (&points, dlg_contribution_points_free);
  /* The theme filter, with its sub-themes: "first" or "child". */
  dlg_contribution_list_set_search (list, NULL);
  dlg_contribution_list_set_theme (list, first);
  points = dlg_contribution_points_load (list, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < points->points->len; i++)
    {
      const DlgGeoPoint *p = &g_array_index (points->points, DlgGeoPoint, i);

      g_assert_true (p->id % 5 == 0 || p->id % 4 == 0);
      g_assert_cmpuint (p->colour, <=, 1);
    }
  /* Up to 300: 25 multiples of 12, 20 of 15, 5 of 60 in both. */
  g_assert_cmpuint (points->points->len, ==, 25 + 20 - 5);
  dlg_contribution_list_set_theme (list, 0);

  /* Where each row is, in two orders and with a filter; -1 when it is filtered out. */
  for (guint pass = 0; pass < 3; pass++)
    {
      if (pass == 1)
        dlg_contribution_list_set_sort (list, DLG_CONTRIBUTION_SORT_TITLE, FALSE);
      if (pass == 2)
        dlg_contribution_list_set_moderation (list, "published");
      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
      for (guint position = 0; position < n_items; position += 7)
        {
          g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (list), position);

          g_assert_cmpint (dlg_contribution_list_find (list, dlg_contribution_get_id (item)), ==,
                           position);
        }
    }
  /* Rows 3, 6, 9… are "pending" (i % 3 == 0): not in the list of the published. */
  g_assert_cmpint (dlg_contribution_list_find (list, 3), ==, -1);
  g_assert_cmpint (dlg_contribution_list_find (list, 4), >=, 0);
  g_assert_cmpint (dlg_contribution_list_find (list, 100000), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/geo/project", test_project);
  g_test_add_func ("/core/geo/cluster/grid", test_cluster_grid);
  g_test_add_func ("/core/geo/cluster/zoom", test_cluster_zoom);
  g_test_add_func ("/core/geo/extent", test_extent);
  g_test_add ("/core/geo/points", Fixture, NULL, fixture_setup, test_points, fixture_teardown);

  return g_test_run ();
}
