/* dlg-response-view.h — stage 10: the argued response
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

#define DLG_TYPE_RESPONSE_VIEW (dlg_response_view_get_type ())

G_DECLARE_FINAL_TYPE (DlgResponseView, dlg_response_view, DLG, RESPONSE_VIEW, DlgStageViewBase)

gboolean   dlg_response_view_apply_template (DlgResponseView  *self,
                                             guint             index,
                                             guint            *n_changed,
                                             GError          **error);
gboolean   dlg_response_view_undo_last      (DlgResponseView  *self,
                                             GError          **error);
/* The position editors shown, in order (DlgPositionEditor). */
GPtrArray *dlg_response_view_get_editors    (DlgResponseView  *self);

G_END_DECLS
