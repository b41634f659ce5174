/* dlg-stage-rules.h — stage states and the rules that allow or refuse a transition
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-stage.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_STAGE_INFO (dlg_stage_info_get_type ())

G_DECLARE_FINAL_TYPE (DlgStageInfo, dlg_stage_info, DLG, STAGE_INFO, GObject)

DlgStage       dlg_stage_info_get_stage      (DlgStageInfo *self);
DlgStageState  dlg_stage_info_get_state      (DlgStageInfo *self);
const char    *dlg_stage_info_get_reason     (DlgStageInfo *self);
const char    *dlg_stage_info_get_started_at (DlgStageInfo *self);
const char    *dlg_stage_info_get_ended_at   (DlgStageInfo *self);

GListModel    *dlg_stage_list     (DlgStore       *store,
                                   gint64          process_id,
                                   GError        **error);
DlgStageInfo  *dlg_stage_get      (DlgStore       *store,
                                   gint64          process_id,
                                   DlgStage        stage,
                                   GError        **error);
GStrv          dlg_stage_blockers (DlgStore       *store,
                                   gint64          process_id,
                                   DlgStage        stage,
                                   DlgTransition   transition,
                                   GError        **error);
gboolean       dlg_stage_check    (DlgStore       *store,
                                   gint64          process_id,
                                   DlgStage        stage,
                                   DlgTransition   transition,
                                   const char     *reason,
                                   GError        **error);
gboolean       dlg_stage_apply    (DlgStore       *store,
                                   gint64          process_id,
                                   DlgStage        stage,
                                   DlgTransition   transition,
                                   const char     *reason,
                                   GError        **error);

gboolean       dlg_stage_check_editable   (DlgStore     *store,
                                           gint64        process_id,
                                           DlgStage      stage,
                                           GError      **error);
gboolean       dlg_process_check_editable (DlgStore     *store,
                                           gint64        process_id,
                                           GError      **error);

G_END_DECLS
