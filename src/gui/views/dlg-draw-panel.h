/* dlg-draw-panel.h — the random draw of the panel, its result, invitations and replacements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_DRAW_PANEL (dlg_draw_panel_get_type ())

G_DECLARE_FINAL_TYPE (DlgDrawPanel, dlg_draw_panel, DLG, DRAW_PANEL, GtkWidget)

void           dlg_draw_panel_load        (DlgDrawPanel *self,
                                           DlgContext   *context,
                                           gint64        process_id);
gboolean       dlg_draw_panel_is_running  (DlgDrawPanel *self);
DlgDrawResult *dlg_draw_panel_get_result  (DlgDrawPanel *self);
GtkWidget     *dlg_draw_panel_get_chart   (DlgDrawPanel *self);
GPtrArray     *dlg_draw_panel_get_relaxation (DlgDrawPanel *self);
const char    *dlg_draw_panel_get_message (DlgDrawPanel *self);
void           dlg_draw_panel_set_seed    (DlgDrawPanel *self,
                                           guint32       seed);
void           dlg_draw_panel_set_size    (DlgDrawPanel *self,
                                           guint         size);
gboolean       dlg_draw_panel_export_contacts (DlgDrawPanel  *self,
                                               GFile         *file,
                                               GError       **error);
gboolean       dlg_draw_panel_write_public_json (DlgDrawPanel  *self,
                                                 GFile         *file,
                                                 GError       **error);

G_END_DECLS
