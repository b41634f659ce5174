/* dlg-implementation-view.h — stage 11: implementation of the commitments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_IMPLEMENTATION_VIEW (dlg_implementation_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgImplementationView, dlg_implementation_view, DLG, IMPLEMENTATION_VIEW, DlgStageViewBase)

G_END_DECLS
