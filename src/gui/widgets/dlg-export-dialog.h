/* dlg-export-dialog.h — export a process's records, or publish them as open data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_EXPORT_DIALOG (dlg_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgExportDialog, dlg_export_dialog, DLG, EXPORT_DIALOG, AdwWindow)

GtkWidget  *dlg_export_dialog_new          (GtkWindow       *parent,
                                            DlgContext      *context,
                                            gint64           process_id);
void        dlg_export_dialog_export_to    (DlgExportDialog *self,
                                            const char      *path);
gboolean    dlg_export_dialog_is_running   (DlgExportDialog *self);
const char *dlg_export_dialog_get_status   (DlgExportDialog *self);

G_END_DECLS
