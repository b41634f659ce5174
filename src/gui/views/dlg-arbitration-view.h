/* dlg-arbitration-view.h — stage 2: arbitration by elected officials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_ARBITRATION_VIEW (dlg_arbitration_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgArbitrationView, dlg_arbitration_view, DLG, ARBITRATION_VIEW, DlgStageViewBase)

G_END_DECLS
