/* dlg-position-editor.h — the institution's position on one recommendation (response view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_POSITION_EDITOR (dlg_position_editor_get_type ())

G_DECLARE_FINAL_TYPE (DlgPositionEditor, dlg_position_editor, DLG, POSITION_EDITOR, GtkBox)

GtkWidget *dlg_position_editor_new   (DlgStore          *store,
                                      DlgRecommendation *recommendation,
                                      DlgPosition       *position);
void       dlg_position_editor_flush (DlgPositionEditor *self);
gboolean   dlg_position_editor_get_selected          (DlgPositionEditor *self);
void       dlg_position_editor_set_selected          (DlgPositionEditor *self,
                                                      gboolean           selected);
gint64     dlg_position_editor_get_recommendation_id (DlgPositionEditor *self);
gboolean   dlg_position_editor_has_value             (DlgPositionEditor *self);

G_END_DECLS
