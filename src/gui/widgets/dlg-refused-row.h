/* dlg-refused-row.h — one change the site refused, with Send Again and Abandon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-sync-outbox.h"

G_BEGIN_DECLS

#define DLG_TYPE_REFUSED_ROW (dlg_refused_row_get_type ())

G_DECLARE_FINAL_TYPE (DlgRefusedRow, dlg_refused_row, DLG, REFUSED_ROW, GtkListBoxRow)

GtkWidget *dlg_refused_row_new          (const DlgSyncRefusal *refusal);
gint64     dlg_refused_row_get_id       (DlgRefusedRow        *self);
const char *dlg_refused_row_get_title   (DlgRefusedRow        *self);

G_END_DECLS
