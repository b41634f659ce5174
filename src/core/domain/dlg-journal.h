/* dlg-journal.h — the append-only, hash-chained journal of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/**
 * DlgJournalPolicy:
 * @object_type: the record type, as in journal entries ("process", "actor", …)
 * @stage: (nullable): the stage its entries belong to, %NULL when it depends on the record
 * @journaled: whether any change of this type is journaled
 * @what: which changes are journaled (untranslated; gettext it)
 * @why: why, or why not (untranslated; gettext it)
 *
 * One line of the journal policy: see dlg_journal_get_policies().
 */
typedef struct
{
  const char *object_type;
  const char *stage;
  gboolean    journaled;
  const char *what;
  const char *why;
} DlgJournalPolicy;

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
const char *dlg_journal_entry_get_stage       (DlgJournalEntry *self);
const char *dlg_journal_entry_get_field       (DlgJournalEntry *self);
const char *dlg_journal_entry_get_old_value   (DlgJournalEntry *self);
const char *dlg_journal_entry_get_new_value   (DlgJournalEntry *self);
gboolean    dlg_journal_entry_has_change      (DlgJournalEntry *self);
gboolean    dlg_journal_entry_matches         (DlgJournalEntry *self,
                                               const char      *stage,
                                               const char      *object_type,
                                               const char      *actor);

const DlgJournalPolicy *dlg_journal_get_policies      (guint       *n_policies);
const DlgJournalPolicy *dlg_journal_policy_lookup     (const char  *object_type);
const char *dlg_journal_action_get_label      (const char  *action);
const char *dlg_journal_object_type_get_label (const char  *object_type);
const char *dlg_journal_field_get_label       (const char  *object_type,
                                               const char  *field);
const char *dlg_journal_value_get_label       (const char  *object_type,
                                               const char  *field,
                                               const char  *value);

gboolean    dlg_journal_append  (DlgStore    *store,
                                 gint64       process_id,
                                 const char  *action,
                                 const char  *object_type,
                                 const char  *object_id,
                                 const char  *summary,
                                 GError     **error);
gboolean    dlg_journal_append_full (DlgStore    *store,
                                     gint64       process_id,
                                     const char  *action,
                                     const char  *object_type,
                                     const char  *object_id,
                                     const char  *stage,
                                     const char  *field,
                                     const char  *old_value,
                                     const char  *new_value,
                                     const char  *summary,
                                     GError     **error);
gboolean    dlg_journal_note_edit (DlgStore    *store,
                                   gint64       process_id,
                                   const char  *action,
                                   const char  *object_type,
                                   const char  *object_id,
                                   const char  *stage,
                                   const char  *field,
                                   const char  *old_value,
                                   const char  *new_value,
                                   const char  *summary,
                                   GError     **error);
gboolean    dlg_journal_note_changes (DlgStore           *store,
                                      gint64              process_id,
                                      const char         *action,
                                      const char         *object_type,
                                      const char         *object_id,
                                      const char         *stage,
                                      GObject            *before,
                                      GObject            *after,
                                      const char * const *properties,
                                      const char         *summary,
                                      GError            **error);
gboolean    dlg_journal_settle  (DlgStore    *store,
                                 gint64       idle_seconds,
                                 guint       *n_written,
                                 GError     **error);
guint       dlg_journal_count_pending (DlgStore *store);
GListModel *dlg_journal_list    (DlgStore    *store,
                                 gint64       process_id,
                                 GError     **error);
gboolean    dlg_journal_verify  (DlgStore    *store,
                                 gint64       process_id,
                                 gint64      *n_entries,
                                 GError     **error);
char       *dlg_journal_to_csv  (GListModel  *entries);
gboolean    dlg_journal_export_csv (GListModel  *entries,
                                    GFile       *file,
                                    GError     **error);

G_END_DECLS
