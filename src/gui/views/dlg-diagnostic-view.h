/* dlg-diagnostic-view.h — stage 1: the upstream diagnosis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_DIAGNOSTIC_VIEW (dlg_diagnostic_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgDiagnosticView, dlg_diagnostic_view, DLG, DIAGNOSTIC_VIEW, DlgStageViewBase)

G_END_DECLS
