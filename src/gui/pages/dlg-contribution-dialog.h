/* dlg-contribution-dialog.h — records a contribution received in person, by mail or by phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_CONTRIBUTION_DIALOG (dlg_contribution_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgContributionDialog, dlg_contribution_dialog, DLG, CONTRIBUTION_DIALOG,
                      AdwWindow)

DlgContributionDialog *dlg_contribution_dialog_new (DlgContext *context,
                                                    gint64      process_id);

G_END_DECLS
