/* dlg-advisor-page.h — the feature advisor: which contributory features a process needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_ADVISOR_PAGE (dlg_advisor_page_get_type ())

G_DECLARE_FINAL_TYPE (DlgAdvisorPage, dlg_advisor_page, DLG, ADVISOR_PAGE, AdwBin)

GtkWidget      *dlg_advisor_page_new           (void);
void            dlg_advisor_page_set_process   (DlgAdvisorPage  *self,
                                                DlgContext      *context,
                                                gint64           process_id);
void            dlg_advisor_page_reload        (DlgAdvisorPage  *self);
GtkCheckButton *dlg_advisor_page_get_check     (DlgAdvisorPage  *self,
                                                const char      *feature);
AdwComboRow    *dlg_advisor_page_get_cycle_row (DlgAdvisorPage  *self);
AdwEntryRow    *dlg_advisor_page_get_why_row   (DlgAdvisorPage  *self);
AdwActionRow   *dlg_advisor_page_get_meaning_row (DlgAdvisorPage *self);
gboolean        dlg_advisor_page_record_choice (DlgAdvisorPage  *self,
                                                GError         **error);

G_END_DECLS
