/* dlg-draw-store.h — draws kept in the store, and their public record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-draw-input.h"
#include "dlg-draw-result.h"
#include "dlg-types.h"

G_BEGIN_DECLS

DlgDrawInput *dlg_draw_input_new_for_process (DlgStore          *store,
                                              gint64             process_id,
                                              guint              size,
                                              guint32            seed,
                                              DlgDrawAlgorithm   algorithm,
                                              GError           **error);
gboolean      dlg_draw_save                  (DlgStore          *store,
                                              gint64             process_id,
                                              DlgDrawResult     *result,
                                              gint64            *draw_id,
                                              GError           **error);
char         *dlg_draw_export_public_json    (DlgDrawResult     *result);

G_END_DECLS
