/* dlg-journal.h — the append-only, hash-chained journal of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_JOURNAL_ENTRY (dlg_journal_entry_get_type ())

G_DECLARE_FINAL_TYPE (DlgJournalEntry, dlg_journal_entry, DLG, JOURNAL_ENTRY, GObject)

gint64      dlg_journal_entry_get_seq         (DlgJournalEntry *self);
const char *dlg_journal_entry_get_at          (DlgJournalEntry *self);
const char *dlg_journal_entry_get_actor       (DlgJournalEntry *self);
const char *dlg_journal_entry_get_action      (DlgJournalEntry *self);
const char *dlg_journal_entry_get_object_type (DlgJournalEntry *self);
const char *dlg_journal_entry_get_object_id   (DlgJournalEntry *self);
const char *dlg_journal_entry_get_summary     (DlgJournalEntry *self);
const char *dlg_journal_entry_get_hash        (DlgJournalEntry *self);

gboolean    dlg_journal_append  (DlgStore    *store,
                                 gint64       process_id,
                                 const char  *action,
                                 const char  *object_type,
                                 const char  *object_id,
                                 const char  *summary,
                                 GError     **error);
GListModel *dlg_journal_list    (DlgStore    *store,
                                 gint64       process_id,
                                 GError     **error);
gboolean    dlg_journal_verify  (DlgStore    *store,
                                 gint64       process_id,
                                 gint64      *n_entries,
                                 GError     **error);

G_END_DECLS
