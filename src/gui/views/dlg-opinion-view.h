/* dlg-opinion-view.h — stage 7: the citizens’ opinion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_OPINION_VIEW (dlg_opinion_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgOpinionView, dlg_opinion_view, DLG, OPINION_VIEW, DlgStageViewBase)

G_END_DECLS
