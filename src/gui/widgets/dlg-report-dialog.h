/* dlg-report-dialog.h — "Export the Bilan…": the process's bilan as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_REPORT_DIALOG (dlg_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgReportDialog, dlg_report_dialog, DLG, REPORT_DIALOG, AdwWindow)

GtkWidget  *dlg_report_dialog_new        (GtkWindow       *parent,
                                          DlgContext      *context,
                                          gint64           process_id);
void        dlg_report_dialog_render_to  (DlgReportDialog *self,
                                          const char      *path);
gboolean    dlg_report_dialog_is_running (DlgReportDialog *self);
const char *dlg_report_dialog_get_status (DlgReportDialog *self);
/* The PDF last written, or NULL */
const char *dlg_report_dialog_get_path   (DlgReportDialog *self);

G_END_DECLS
