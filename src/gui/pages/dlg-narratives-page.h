/* dlg-narratives-page.h — the narratives ("récits") of a process, written in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_NARRATIVES_PAGE (dlg_narratives_page_get_type ())

G_DECLARE_FINAL_TYPE (DlgNarrativesPage, dlg_narratives_page, DLG, NARRATIVES_PAGE, AdwBin)

GtkWidget    *dlg_narratives_page_new         (void);
void          dlg_narratives_page_set_process (DlgNarrativesPage *self,
                                               DlgContext        *context,
                                               gint64             process_id);
gboolean      dlg_narratives_page_flush       (DlgNarrativesPage *self);
DlgNarrative *dlg_narratives_page_get_current (DlgNarrativesPage *self);
gboolean      dlg_narratives_page_select      (DlgNarrativesPage *self,
                                               gint64             narrative_id);

G_END_DECLS
