/* dlg-pin-layer.h — the map's contributions: pins, clusters and their extent, drawn in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_PIN_LAYER (dlg_pin_layer_get_type ())

G_DECLARE_FINAL_TYPE (DlgPinLayer, dlg_pin_layer, DLG, PIN_LAYER, ShumateLayer)

DlgPinLayer *dlg_pin_layer_new            (ShumateViewport       *viewport);
/* Takes @points (NULL: none); the palette is the points' themes. */
void         dlg_pin_layer_set_points     (DlgPinLayer           *self,
                                           DlgContributionPoints *points);
DlgContributionPoints *dlg_pin_layer_get_points (DlgPinLayer     *self);
void         dlg_pin_layer_set_selected   (DlgPinLayer           *self,
                                           const gint64          *ids,
                                           guint                  n_ids);
gboolean     dlg_pin_layer_is_selected    (DlgPinLayer           *self,
                                           gint64                 id);
/* The clusters at the zoom level the layer draws now. */
DlgGeoClustering *dlg_pin_layer_get_clustering (DlgPinLayer      *self);
/* The cluster under (@x, @y) of the widget, or -1. */
int          dlg_pin_layer_pick           (DlgPinLayer           *self,
                                           double                 x,
                                           double                 y);
/* Where a cluster is drawn, in the widget's coordinates. */
void         dlg_pin_layer_cluster_position (DlgPinLayer         *self,
                                             guint                cluster,
                                             double              *x,
                                             double              *y);
/* How many clusters the last frame drew (the others were out of view). */
guint        dlg_pin_layer_get_n_drawn    (DlgPinLayer           *self);

G_END_DECLS
