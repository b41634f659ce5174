/* dlg-theme-panel.h — the coding frame beside the contributions: themes, counts, management
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_THEME_PANEL (dlg_theme_panel_get_type ())

G_DECLARE_FINAL_TYPE (DlgThemePanel, dlg_theme_panel, DLG, THEME_PANEL, GtkBox)

/* The panel's filter: every contribution, those with no theme yet, or a theme's id. */
#define DLG_THEME_PANEL_ALL ((gint64) 0)

GtkWidget  *dlg_theme_panel_new          (void);
void        dlg_theme_panel_set_process  (DlgThemePanel *self,
                                          DlgContext    *context,
                                          gint64         process_id);
void        dlg_theme_panel_reload       (DlgThemePanel *self);
/* The frame, depth first (a #GListModel of #DlgTheme), or NULL without a process. */
GListModel *dlg_theme_panel_get_themes   (DlgThemePanel *self);
void        dlg_theme_panel_set_filter   (DlgThemePanel *self,
                                          gint64         filter);
gint64      dlg_theme_panel_get_filter   (DlgThemePanel *self);
/* The count shown for a theme (with its sub-themes), or for DLG_CONTRIBUTION_LIST_NO_THEME. */
guint       dlg_theme_panel_get_count    (DlgThemePanel *self,
                                          gint64         filter);

void        dlg_theme_panel_show_contributions (DlgThemePanel *self,
                                                GArray        *ids,
                                                const char    *label);

G_END_DECLS
