/* dlg-contributions-page.h — every contribution of a process, searchable and filterable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-contributions-map.h"

G_BEGIN_DECLS

#define DLG_TYPE_CONTRIBUTIONS_PAGE (dlg_contributions_page_get_type ())

G_DECLARE_FINAL_TYPE (DlgContributionsPage, dlg_contributions_page, DLG, CONTRIBUTIONS_PAGE,
                      AdwBin)

GtkWidget       *dlg_contributions_page_new          (void);
void             dlg_contributions_page_set_process  (DlgContributionsPage *self,
                                                      DlgContext           *context,
                                                      gint64                process_id);
gboolean         dlg_contributions_page_flush        (DlgContributionsPage *self);
GListModel      *dlg_contributions_page_get_model    (DlgContributionsPage *self);
DlgContribution *dlg_contributions_page_get_selected (DlgContributionsPage *self);
void             dlg_contributions_page_select       (DlgContributionsPage *self,
                                                      guint                 position);

DlgContributionsMap *dlg_contributions_page_get_map   (DlgContributionsPage *self);

G_END_DECLS
