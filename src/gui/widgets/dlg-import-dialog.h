/* dlg-import-dialog.h — import a platform's export or a spreadsheet into a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_IMPORT_DIALOG (dlg_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgImportDialog, dlg_import_dialog, DLG, IMPORT_DIALOG, AdwWindow)

GtkWidget  *dlg_import_dialog_new          (GtkWindow       *parent,
                                            DlgContext      *context,
                                            gint64           process_id);
void        dlg_import_dialog_open_file    (DlgImportDialog *self,
                                            const char      *path);
gboolean    dlg_import_dialog_is_busy      (DlgImportDialog *self);
const char *dlg_import_dialog_get_status   (DlgImportDialog *self);
const char *dlg_import_dialog_get_counts   (DlgImportDialog *self);
char       *dlg_import_dialog_dup_map      (DlgImportDialog *self);

G_END_DECLS
