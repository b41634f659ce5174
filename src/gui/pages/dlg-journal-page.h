/* dlg-journal-page.h — the journal of a process and whether its chain is intact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_JOURNAL_PAGE (dlg_journal_page_get_type ())

G_DECLARE_FINAL_TYPE (DlgJournalPage, dlg_journal_page, DLG, JOURNAL_PAGE, AdwBin)

GtkWidget *dlg_journal_page_new         (void);
void       dlg_journal_page_set_process (DlgJournalPage *self,
                                         DlgContext     *context,
                                         gint64          process_id);
void       dlg_journal_page_refresh     (DlgJournalPage *self);
gboolean   dlg_journal_page_get_intact  (DlgJournalPage *self);
GListModel *dlg_journal_page_get_shown  (DlgJournalPage *self);
void       dlg_journal_page_set_filters (DlgJournalPage *self,
                                         const char     *stage,
                                         const char     *object_type,
                                         const char     *actor);
gboolean   dlg_journal_page_export      (DlgJournalPage *self,
                                         GFile          *file,
                                         GError        **error);
char      *dlg_journal_page_format_change (DlgJournalEntry *entry);

G_END_DECLS
