/* dlg-recruitment-view.h — stage 5: recruitment of the panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_RECRUITMENT_VIEW (dlg_recruitment_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgRecruitmentView, dlg_recruitment_view, DLG, RECRUITMENT_VIEW, DlgStageViewBase)

G_END_DECLS
