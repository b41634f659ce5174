/* dlg-workshop-view.h — stage 6: the citizen workshop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_WORKSHOP_VIEW (dlg_workshop_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgWorkshopView, dlg_workshop_view, DLG, WORKSHOP_VIEW, DlgStageViewBase)

G_END_DECLS
