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

G_END_DECLS
