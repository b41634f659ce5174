/* dlg-validation-view.h — stage 9: validation by elected officials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_VALIDATION_VIEW (dlg_validation_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgValidationView, dlg_validation_view, DLG, VALIDATION_VIEW, DlgStageViewBase)

G_END_DECLS
