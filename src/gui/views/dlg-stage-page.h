/* dlg-stage-page.h — the chrome around a stage view: state, blockers, transitions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-stage-view.h"

G_BEGIN_DECLS

#define DLG_TYPE_STAGE_PAGE (dlg_stage_page_get_type ())

G_DECLARE_FINAL_TYPE (DlgStagePage, dlg_stage_page, DLG, STAGE_PAGE, GtkWidget)

DlgStagePage *dlg_stage_page_new          (DlgStageView *view);
DlgStageView *dlg_stage_page_get_view     (DlgStagePage *self);
void          dlg_stage_page_set_process  (DlgStagePage *self,
                                           DlgContext   *context,
                                           gint64        process_id);
gint64        dlg_stage_page_get_process  (DlgStagePage *self);
void          dlg_stage_page_flush        (DlgStagePage *self);
void          dlg_stage_page_refresh      (DlgStagePage *self);
const char   *dlg_stage_page_get_message  (DlgStagePage *self);
GStrv         dlg_stage_page_dup_blockers (DlgStagePage *self);
const char   *dlg_stage_page_get_read_only_notice (DlgStagePage *self);
gboolean      dlg_stage_page_apply        (DlgStagePage *self,
                                           DlgTransition transition,
                                           const char   *reason);

G_END_DECLS
