/* dlg-attendance-row.h — one participant's attendance at a session (workshop view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_ATTENDANCE_ROW (dlg_attendance_row_get_type ())

G_DECLARE_FINAL_TYPE (DlgAttendanceRow, dlg_attendance_row, DLG, ATTENDANCE_ROW, AdwActionRow)

GtkWidget *dlg_attendance_row_new (DlgStore       *store,
                                   gint64          session_id,
                                   DlgParticipant *participant,
                                   gboolean        present);

G_END_DECLS
