/* dlg-contributions-map.h — the located contributions of the list, on a map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-pin-layer.h"
#include "dlg-tile-source.h"

G_BEGIN_DECLS

#define DLG_TYPE_CONTRIBUTIONS_MAP (dlg_contributions_map_get_type ())

G_DECLARE_FINAL_TYPE (DlgContributionsMap, dlg_contributions_map, DLG, CONTRIBUTIONS_MAP,
                      AdwBin)

GtkWidget     *dlg_contributions_map_new             (void);
/* The tile source follows the context's "map-tile-url" setting. */
void           dlg_contributions_map_set_context     (DlgContributionsMap *self,
                                                      DlgContext          *context);
/* The map shows the located rows of @list and follows its search and filters. */
void           dlg_contributions_map_set_list        (DlgContributionsMap *self,
                                                      DlgContributionList *list);
/* Reads the points again now (the list's changes arrive on idle). */
void           dlg_contributions_map_reload          (DlgContributionsMap *self);
void           dlg_contributions_map_set_selected    (DlgContributionsMap *self,
                                                      const gint64        *ids,
                                                      guint                n_ids);
/* Zooms to the extent of the points. */
void           dlg_contributions_map_fit             (DlgContributionsMap *self);
/* What a click at (@x, @y) of the map does: a pin (or a cluster at the deepest zoom level)
 * emits "contributions-activated" with its ids; another cluster zooms in on it. Returns:
 * %FALSE when there is nothing there. */
gboolean       dlg_contributions_map_activate_at     (DlgContributionsMap *self,
                                                      double               x,
                                                      double               y);
ShumateMap    *dlg_contributions_map_get_map         (DlgContributionsMap *self);
DlgPinLayer   *dlg_contributions_map_get_pin_layer   (DlgContributionsMap *self);
DlgTileSource *dlg_contributions_map_get_tile_source (DlgContributionsMap *self);
const char    *dlg_contributions_map_get_status      (DlgContributionsMap *self);

G_END_DECLS
