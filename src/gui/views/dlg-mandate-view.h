/* dlg-mandate-view.h — stage 4: the participation mandate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_MANDATE_VIEW (dlg_mandate_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgMandateView, dlg_mandate_view, DLG, MANDATE_VIEW, DlgStageViewBase)

G_END_DECLS
