/* dlg-gdpr-panel.h — personal data in the follow-up view: retention, purge, erasure, access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_GDPR_PANEL (dlg_gdpr_panel_get_type ())

G_DECLARE_FINAL_TYPE (DlgGdprPanel, dlg_gdpr_panel, DLG, GDPR_PANEL, AdwBin)

void              dlg_gdpr_panel_set_process        (DlgGdprPanel  *self,
                                                     DlgStore      *store,
                                                     gint64         process_id);
/* For tests: the person search open (erase or export), or NULL. */
AdwMessageDialog *dlg_gdpr_panel_get_person_dialog  (DlgGdprPanel  *self);
/* What the export's file chooser does with the file chosen. */
gboolean          dlg_gdpr_panel_export_person_to   (DlgGdprPanel  *self,
                                                     gint64         participant_id,
                                                     const char    *path);

G_END_DECLS
