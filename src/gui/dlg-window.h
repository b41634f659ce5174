/* dlg-window.h — the main window: processes on the left, the stages of one on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-stage-page.h"

G_BEGIN_DECLS

#define DLG_TYPE_WINDOW (dlg_window_get_type ())

G_DECLARE_FINAL_TYPE (DlgWindow, dlg_window, DLG, WINDOW, AdwApplicationWindow)

DlgWindow    *dlg_window_new             (GtkApplication *application,
                                          DlgContext     *context);
void          dlg_window_select_process  (DlgWindow      *self,
                                          gint64          process_id);
gint64        dlg_window_get_process     (DlgWindow      *self);
void          dlg_window_select_stage    (DlgWindow      *self,
                                          DlgStage        stage);
void          dlg_window_select_page     (DlgWindow      *self,
                                          guint           index);
DlgStagePage *dlg_window_get_stage_page  (DlgWindow      *self,
                                          DlgStage        stage);
GtkWidget    *dlg_window_get_page        (DlgWindow      *self,
                                          guint           index);
const char   *dlg_window_get_visible_page_name (DlgWindow *self);
void          dlg_window_add_toast             (DlgWindow *self,
                                                AdwToast  *toast);
GListModel   *dlg_window_get_process_model (DlgWindow    *self);
void          dlg_window_set_search      (DlgWindow      *self,
                                          const char     *text);
void          dlg_window_archive_process (DlgWindow      *self,
                                          gint64          process_id);
void          dlg_window_flush           (DlgWindow      *self);
DlgContext   *dlg_window_get_context     (DlgWindow      *self);
void          dlg_window_set_show_archived (DlgWindow    *self,
                                          gboolean        show_archived);
GtkWindow    *dlg_window_get_help_overlay (DlgWindow     *self);

G_END_DECLS
