/* dlg-theme.h — a theme of the coding frame (hierarchical)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_THEME (dlg_theme_get_type ())

G_DECLARE_FINAL_TYPE (DlgTheme, dlg_theme, DLG, THEME, DlgRecord)

DlgTheme   *dlg_theme_new            (gint64 process_id);

gint64      dlg_theme_get_id         (DlgTheme *self);
gint64      dlg_theme_get_process_id (DlgTheme *self);
gint64      dlg_theme_get_parent_id  (DlgTheme *self);
const char *dlg_theme_get_name       (DlgTheme *self);
gint        dlg_theme_get_position   (DlgTheme *self);
const char *dlg_theme_get_colour     (DlgTheme *self);
const char *dlg_theme_get_description (DlgTheme *self);

void        dlg_theme_set_parent_id  (DlgTheme *self,
                                      gint64    parent_id);
void        dlg_theme_set_name       (DlgTheme   *self,
                                      const char *name);
void        dlg_theme_set_position   (DlgTheme *self,
                                      gint      position);
void        dlg_theme_set_colour     (DlgTheme   *self,
                                      const char *colour);
void        dlg_theme_set_description (DlgTheme   *self,
                                       const char *description);
gboolean    dlg_theme_colour_is_valid (const char *colour);

gboolean    dlg_theme_save           (DlgStore  *store,
                                      DlgTheme  *theme,
                                      GError   **error);
DlgTheme   *dlg_theme_load           (DlgStore  *store,
                                      gint64     id,
                                      GError   **error);
GListModel *dlg_theme_list           (DlgStore  *store,
                                      gint64     process_id,
                                      GError   **error);
gboolean    dlg_theme_delete         (DlgStore  *store,
                                      gint64     id,
                                      GError   **error);

/* Depth in the tree (0 for a root), as computed by dlg_theme_list(). */
guint       dlg_theme_get_depth         (DlgTheme    *self);

DlgTheme   *dlg_theme_list_find         (GListModel  *themes,
                                         gint64       id);

G_END_DECLS
