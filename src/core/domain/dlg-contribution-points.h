/* dlg-contribution-points.h — the geolocated contributions a list's filters match, for the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-geo-cluster.h"
#include "dlg-types.h"

G_BEGIN_DECLS

/* A theme of the palette the points' colours index. */
typedef struct
{
  gint64  theme_id;
  char   *name;
  char   *colour;       /* "#rrggbb", or NULL when the officer gave none */
} DlgPointTheme;

typedef struct
{
  GArray    *points;    /* DlgGeoPoint, by id; colour: an index in themes */
  GPtrArray *themes;    /* DlgPointTheme, the process's themes, in the frame's order */
} DlgContributionPoints;

DlgContributionPoints *dlg_contribution_points_load (DlgContributionList    *list,
                                                     GError                **error);
void                   dlg_contribution_points_free (DlgContributionPoints  *points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgContributionPoints, dlg_contribution_points_free)

G_END_DECLS
