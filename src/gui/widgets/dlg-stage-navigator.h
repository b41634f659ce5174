/* dlg-stage-navigator.h — the twelve stages of a process at a glance, and the cross-stage pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_STAGE_NAVIGATOR (dlg_stage_navigator_get_type ())

G_DECLARE_FINAL_TYPE (DlgStageNavigator, dlg_stage_navigator, DLG, STAGE_NAVIGATOR, GtkWidget)

/* Page names: the stage ids of dlg_stage_to_id(), then these. */
#define DLG_PAGE_CONTRIBUTIONS "contributions"
#define DLG_PAGE_NARRATIVES    "narratives"
#define DLG_PAGE_JOURNAL       "journal"
#define DLG_PAGE_COMMUNICATION "communication"
#define DLG_PAGE_ADVISOR       "advisor"
#define DLG_N_CROSS_PAGES      5
#define DLG_N_PAGES            (DLG_N_STAGES + DLG_N_CROSS_PAGES)

const char    *dlg_stage_navigator_page_name (guint              index);
void           dlg_stage_navigator_set_states (DlgStageNavigator *self,
                                               GListModel        *stage_infos);
void           dlg_stage_navigator_select    (DlgStageNavigator *self,
                                              guint              index);
guint          dlg_stage_navigator_get_selected (DlgStageNavigator *self);
DlgStageState  dlg_stage_navigator_get_state (DlgStageNavigator *self,
                                              DlgStage           stage);

G_END_DECLS
