/* dlg-vocabulary.h — the {id, label} tables of the domain, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every closed list of values the records store (channels, contribution kinds, moderation
 * states, positions, stage states, statuses…) is one DlgVocabulary: the stored ids in display
 * order, each with its translatable label (an English msgid, translated with the vocabulary's
 * context). Validation, the GUI's drop-downs, the CLI, the journal and the site all read these
 * tables; nothing else spells the lists.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;     /* what the database and the wire store: "in_person" */
  const char *label;  /* N_() English label: "In person" */
} DlgVocabularyEntry;

typedef struct
{
  const char               *name;     /* "channel": for messages and tests */
  const char               *context;  /* msgctxt of the labels, NULL for none */
  const DlgVocabularyEntry *entries;  /* ends with { NULL, NULL } */
} DlgVocabulary;

guint        dlg_vocabulary_get_n_entries (const DlgVocabulary *vocabulary);
/* -1 when @id is not in @vocabulary (or NULL). */
int          dlg_vocabulary_index         (const DlgVocabulary *vocabulary,
                                           const char          *id);
gboolean     dlg_vocabulary_contains      (const DlgVocabulary *vocabulary,
                                           const char          *id);
/* The translated label of @id; @id itself when it is not in the vocabulary. */
const char  *dlg_vocabulary_get_label     (const DlgVocabulary *vocabulary,
                                           const char          *id);
/* The translated label of @id, or NULL when it is not in the vocabulary. */
const char  *dlg_vocabulary_find_label    (const DlgVocabulary *vocabulary,
                                           const char          *id);
/* The id at @index, or NULL past the end. */
const char  *dlg_vocabulary_get_id        (const DlgVocabulary *vocabulary,
                                           guint                index);
/* (transfer full): the translated labels, in order, NULL-terminated (for a GtkStringList). */
char       **dlg_vocabulary_dup_labels    (const DlgVocabulary *vocabulary);

G_END_DECLS
