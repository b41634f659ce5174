/* dlg-specification-view.h — stage 3: the specification of the process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_SPECIFICATION_VIEW (dlg_specification_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgSpecificationView, dlg_specification_view, DLG, SPECIFICATION_VIEW, DlgStageViewBase)

G_END_DECLS
