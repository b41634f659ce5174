/* dlg-response-view.h — stage 10: the argued response
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_RESPONSE_VIEW (dlg_response_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgResponseView, dlg_response_view, DLG, RESPONSE_VIEW, DlgStageViewBase)

G_END_DECLS
