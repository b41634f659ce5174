/* dlg-tile-source.h — map tiles over HTTP from a URL template, that says when they fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define DLG_TYPE_TILE_SOURCE (dlg_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (DlgTileSource, dlg_tile_source, DLG, TILE_SOURCE, ShumateDataSource)

/* The Preferences' default, also the GSettings key's. */
#define DLG_TILE_SOURCE_DEFAULT_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

DlgTileSource *dlg_tile_source_new            (const char     *url_template);
/* An http(s) address with {x}, {y} and {z}: else an error the officer can read. */
gboolean       dlg_tile_source_check_template (const char     *url_template,
                                               GError        **error);
char          *dlg_tile_source_expand         (const char     *url_template,
                                               int             x,
                                               int             y,
                                               int             zoom);
/* Seconds a tile may take (connection included) before it counts as failed. */
void           dlg_tile_source_set_timeout    (DlgTileSource  *self,
                                               guint           seconds);
/* FALSE once a tile failed and none has come since; TRUE before any attempt. */
gboolean       dlg_tile_source_get_available  (DlgTileSource  *self);
guint          dlg_tile_source_get_n_loaded   (DlgTileSource  *self);
guint          dlg_tile_source_get_n_failed   (DlgTileSource  *self);
const char    *dlg_tile_source_get_last_error (DlgTileSource  *self);

G_END_DECLS
