/* dlg-contribution-points.c — the geolocated contributions a list's filters match
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two statements: the process's themes in the frame's order (depth first, by position), and
 * the located rows the list's search and filters match (dlg_contribution_list_prepare_matching:
 * the same WHERE as the list's) with the first of their themes in that order, whose colour the
 * map gives the pin.
 */

#define G_LOG_DOMAIN "dlg-contribution-points"

#include "config.h"

#include "dlg-contribution-list-private.h"
#include "dlg-contribution-points.h"
#include "dlg-domain-private.h"
#include "dlg-store.h"

#define SQL_TREE \
  "WITH RECURSIVE tree (id, path) AS (" \
  "  SELECT id, printf ('%08d.%012d', position, id) FROM theme" \
  "  WHERE process_id = ?1 AND parent_id IS NULL" \
  "  UNION ALL" \
  "  SELECT th.id, tree.path || '/' || printf ('%08d.%012d', th.position, th.id)" \
  "  FROM theme th JOIN tree ON th.parent_id = tree.id)"

static const char sql_themes[] =
  SQL_TREE " SELECT t.id, t.name, t.colour FROM tree JOIN theme t ON t.id = tree.id"
  " ORDER BY tree.path";
static const char sql_points[] =
  SQL_TREE " SELECT t.id, t.lat, t.lon,"
  " (SELECT ct.theme_id FROM contribution_theme ct JOIN tree ON tree.id = ct.theme_id"
  "  WHERE ct.contribution_id = t.id ORDER BY tree.path LIMIT 1)"
  " FROM contribution t";
static const char sql_points_tail[] =
  " AND t.lat IS NOT NULL AND t.lon IS NOT NULL ORDER BY t.id";

static void
point_theme_free (gpointer data)
{
  DlgPointTheme *theme = data;

  g_free (theme->name);
  g_free (theme->colour);
  g_free (theme);
}

/**
 * dlg_contribution_points_load:
 *
 * The contributions with a location among those @list's search and filters match, by id,
 * each with the index of its first theme (in the frame's order) in the palette, or
 * %DLG_GEO_NO_COLOUR.
 *
 * Returns: (transfer full): the points and the palette, or %NULL on a store error
 */
DlgContributionPoints *
dlg_contribution_points_load (DlgContributionList  *list,
                              GError              **error)
{
  g_autoptr(DlgContributionPoints) result = g_new0 (DlgContributionPoints, 1);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  DlgStore *store;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (list), NULL);

  store = dlg_contribution_list_get_store (list);
  result->points = g_array_new (FALSE, FALSE, sizeof (DlgGeoPoint));
  result->themes = g_ptr_array_new_with_free_func (point_theme_free);

  {
    g_autoptr(DlgStmt) themes = dlg_store_prepare (store, sql_themes, error);

    if (themes == NULL)
      return NULL;
    sqlite3_bind_int64 (themes, 1, dlg_contribution_list_get_process_id (list));
    while ((rc = sqlite3_step (themes)) == SQLITE_ROW)
      {
        DlgPointTheme *theme = g_new0 (DlgPointTheme, 1);

        theme->theme_id = sqlite3_column_int64 (themes, 0);
        theme->name = g_strdup ((const char *) sqlite3_column_text (themes, 1));
        theme->colour = g_strdup ((const char *) sqlite3_column_text (themes, 2));
        g_ptr_array_add (result->themes, theme);
        g_hash_table_insert (index, &theme->theme_id, GUINT_TO_POINTER (result->themes->len));
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        return NULL;
      }
  }

  if (!(stmt = dlg_contribution_list_prepare_matching (list, sql_points, sql_points_tail, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgGeoPoint point = {
        .id = sqlite3_column_int64 (stmt, 0),
        .lat = sqlite3_column_double (stmt, 1),
        .lon = sqlite3_column_double (stmt, 2),
        .colour = DLG_GEO_NO_COLOUR,
      };

      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          gint64 theme_id = sqlite3_column_int64 (stmt, 3);
          guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &theme_id));

          if (at > 0)
            point.colour = at - 1;
        }
      g_array_append_val (result->points, point);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

void
dlg_contribution_points_free (DlgContributionPoints *points)
{
  if (points == NULL)
    return;
  g_clear_pointer (&points->points, g_array_unref);
  g_clear_pointer (&points->themes, g_ptr_array_unref);
  g_free (points);
}
