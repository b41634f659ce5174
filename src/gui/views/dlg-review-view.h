/* dlg-review-view.h — stage 8: review by the departments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_REVIEW_VIEW (dlg_review_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgReviewView, dlg_review_view, DLG, REVIEW_VIEW, DlgStageViewBase)

G_END_DECLS
