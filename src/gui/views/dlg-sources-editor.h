/* dlg-sources-editor.h — the contributions a recommendation comes from (opinion view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_SOURCES_EDITOR (dlg_sources_editor_get_type ())

G_DECLARE_FINAL_TYPE (DlgSourcesEditor, dlg_sources_editor, DLG, SOURCES_EDITOR, GtkBox)

GtkWidget *dlg_sources_editor_new (DlgStore          *store,
                                   gint64             process_id,
                                   DlgRecommendation *recommendation);
void       dlg_sources_editor_reload (DlgSourcesEditor  *self);

G_END_DECLS
