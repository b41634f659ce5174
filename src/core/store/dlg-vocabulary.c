/* dlg-vocabulary.c — looking up the {id, label} tables of the domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables themselves are in src/core/domain/dlg-vocabularies.c.
 */

#define G_LOG_DOMAIN "dlg-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-vocabulary.h"

guint
dlg_vocabulary_get_n_entries (const DlgVocabulary *vocabulary)
{
  guint n = 0;

  g_return_val_if_fail (vocabulary != NULL, 0);

  while (vocabulary->entries[n].id != NULL)
    n++;
  return n;
}

int
dlg_vocabulary_index (const DlgVocabulary *vocabulary,
                      const char          *id)
{
  g_return_val_if_fail (vocabulary != NULL, -1);

  if (id == NULL)
    return -1;
  for (int i = 0; vocabulary->entries[i].id != NULL; i++)
    if (g_str_equal (vocabulary->entries[i].id, id))
      return i;
  return -1;
}

gboolean
dlg_vocabulary_contains (const DlgVocabulary *vocabulary,
                         const char          *id)
{
  return dlg_vocabulary_index (vocabulary, id) >= 0;
}

static const char *
translate (const DlgVocabulary *vocabulary,
           const char          *label)
{
  if (vocabulary->context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, vocabulary->context, label);
  return g_dgettext (GETTEXT_PACKAGE, label);
}

const char *
dlg_vocabulary_get_label (const DlgVocabulary *vocabulary,
                          const char          *id)
{
  int i = dlg_vocabulary_index (vocabulary, id);

  return i >= 0 ? translate (vocabulary, vocabulary->entries[i].label) : id;
}

const char *
dlg_vocabulary_find_label (const DlgVocabulary *vocabulary,
                           const char          *id)
{
  int i = dlg_vocabulary_index (vocabulary, id);

  return i >= 0 ? translate (vocabulary, vocabulary->entries[i].label) : NULL;
}

const char *
dlg_vocabulary_get_id (const DlgVocabulary *vocabulary,
                       guint                index)
{
  g_return_val_if_fail (vocabulary != NULL, NULL);

  for (guint i = 0; vocabulary->entries[i].id != NULL; i++)
    if (i == index)
      return vocabulary->entries[i].id;
  return NULL;
}

char **
dlg_vocabulary_dup_labels (const DlgVocabulary *vocabulary)
{
  guint n = dlg_vocabulary_get_n_entries (vocabulary);
  char **labels = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    labels[i] = g_strdup (translate (vocabulary, vocabulary->entries[i].label));
  return labels;
}
