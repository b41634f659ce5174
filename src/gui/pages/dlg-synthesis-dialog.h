/* dlg-synthesis-dialog.h — the synthesis of a process or a theme: charts and quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-synthesis.h"
#include "dlg-synthesis-chart.h"

G_BEGIN_DECLS

#define DLG_TYPE_SYNTHESIS_DIALOG (dlg_synthesis_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgSynthesisDialog, dlg_synthesis_dialog, DLG, SYNTHESIS_DIALOG, AdwWindow)

DlgSynthesisDialog *dlg_synthesis_dialog_new       (GtkWidget          *parent,
                                                    DlgContext         *context,
                                                    gint64              process_id,
                                                    gint64              theme_id);
/* 0 for the whole process */
void                dlg_synthesis_dialog_set_theme (DlgSynthesisDialog *self,
                                                    gint64              theme_id);
DlgSynthesisChart  *dlg_synthesis_dialog_get_chart (DlgSynthesisDialog *self,
                                                    DlgSynthesisAxis    axis);
guint               dlg_synthesis_dialog_get_n_quotes (DlgSynthesisDialog *self);

G_END_DECLS
