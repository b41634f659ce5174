/* dlg-follow-up-view.h — stage 12: the right to follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_FOLLOW_UP_VIEW (dlg_follow_up_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgFollowUpView, dlg_follow_up_view, DLG, FOLLOW_UP_VIEW, DlgStageViewBase)

G_END_DECLS
