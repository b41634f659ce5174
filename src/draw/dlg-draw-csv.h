/* dlg-draw-csv.h — quotas and pools of a draw from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-draw-input.h"

G_BEGIN_DECLS

gboolean dlg_draw_csv_read_features (DlgDrawInput      *input,
                                     const char        *path,
                                     GError           **error);
gboolean dlg_draw_csv_read_people   (DlgDrawInput      *input,
                                     const char        *path,
                                     const char        *id_column,
                                     const char *const *household_columns,
                                     GError           **error);

G_END_DECLS
