/* dlg-workbench-dialog.h — "Suggest Themes…" and "Duplicates…": the analysis engine's results,
 * applied only at the officer's word
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-theme-panel.h"
#include "dlg-workbench-analysis.h"

G_BEGIN_DECLS

#define DLG_TYPE_WORKBENCH_DIALOG (dlg_workbench_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgWorkbenchDialog, dlg_workbench_dialog, DLG, WORKBENCH_DIALOG, AdwWindow)

DlgWorkbenchDialog     *dlg_workbench_dialog_new        (DlgThemePanel      *panel,
                                                         DlgContext         *context,
                                                         gint64              process_id,
                                                         DlgWorkbenchKind    kind);
gboolean                dlg_workbench_dialog_is_running (DlgWorkbenchDialog *self);
/* The suggestions or groups shown, or NULL before the first run. */
DlgWorkbenchResult     *dlg_workbench_dialog_get_result (DlgWorkbenchDialog *self);

G_END_DECLS
