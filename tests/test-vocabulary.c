/* test-vocabulary.c — the {id, label} tables of the domain and their French labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "dlg-core.h"

/* Every table: a name, a context, ids unique and not blank, a label for each. */
static void
test_all_well_formed (void)
{
  const DlgVocabulary * const *all = dlg_vocabularies_get_all ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_vocabularies = 0;

  for (guint v = 0; all[v] != NULL; v++)
    {
      const DlgVocabulary *vocabulary = all[v];
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = dlg_vocabulary_get_n_entries (vocabulary);

      g_test_message ("%s: %u values", vocabulary->name, n);
      g_assert_nonnull (vocabulary->name);
      g_assert_true (g_hash_table_add (names, (gpointer) vocabulary->name));
      g_assert_nonnull (vocabulary->context);
      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          const DlgVocabularyEntry *entry = &vocabulary->entries[i];

          g_assert_nonnull (entry->id);
          g_assert_cmpstr (entry->id, !=, "");
          g_assert_true (g_hash_table_add (ids, (gpointer) entry->id));
          g_assert_nonnull (entry->label);
          g_assert_cmpstr (entry->label, !=, "");
          g_assert_cmpint (dlg_vocabulary_index (vocabulary, entry->id), ==, (int) i);
          g_assert_cmpstr (dlg_vocabulary_get_id (vocabulary, i), ==, entry->id);
        }
      g_assert_null (dlg_vocabulary_get_id (vocabulary, n));
      n_vocabularies++;
    }
  g_assert_cmpuint (n_vocabularies, >=, 21);
}

static void
test_lookup (void)
{
  const DlgVocabulary *channel = &dlg_vocabulary_channel;
  g_auto(GStrv) labels = dlg_vocabulary_dup_labels (channel);

  g_assert_cmpuint (dlg_vocabulary_get_n_entries (channel), ==, 4);
  g_assert_cmpint (dlg_vocabulary_index (channel, "online"), ==, 0);
  g_assert_cmpint (dlg_vocabulary_index (channel, "phone"), ==, 3);
  g_assert_cmpint (dlg_vocabulary_index (channel, "carrier pigeon"), ==, -1);
  g_assert_cmpint (dlg_vocabulary_index (channel, NULL), ==, -1);
  g_assert_true (dlg_vocabulary_contains (channel, "in_person"));
  g_assert_false (dlg_vocabulary_contains (channel, "In person"));
  g_assert_false (dlg_vocabulary_contains (channel, NULL));
  g_assert_cmpstr (dlg_vocabulary_get_label (channel, "in_person"), ==, "In person");
  /* An unknown id shows as it is stored. */
  g_assert_cmpstr (dlg_vocabulary_get_label (channel, "carrier pigeon"), ==, "carrier pigeon");
  g_assert_null (dlg_vocabulary_get_label (channel, NULL));
  g_assert_cmpstr (dlg_vocabulary_get_id (channel, 1), ==, "in_person");

  g_assert_cmpuint (g_strv_length (labels), ==, 4);
  g_assert_cmpstr (labels[0], ==, "Online");
  g_assert_cmpstr (labels[3], ==, "Phone");
}

/* The tables that are a part of another: the same entries, so the same labels. */
static void
test_subsets (void)
{
  g_assert_cmpuint (dlg_vocabulary_get_n_entries (&dlg_vocabulary_offline_channel), ==, 3);
  g_assert_false (dlg_vocabulary_contains (&dlg_vocabulary_offline_channel, "online"));
  for (guint i = 0; i < 3; i++)
    g_assert_true (dlg_vocabulary_contains (&dlg_vocabulary_channel,
                                            dlg_vocabulary_get_id (&dlg_vocabulary_offline_channel,
                                                                   i)));
  g_assert_cmpuint (dlg_vocabulary_get_n_entries (&dlg_vocabulary_registration_channel), ==,
                    dlg_vocabulary_get_n_entries (&dlg_vocabulary_channel));
  for (guint i = 0; i < dlg_vocabulary_get_n_entries (&dlg_vocabulary_channel); i++)
    {
      const char *id = dlg_vocabulary_get_id (&dlg_vocabulary_channel, i);

      g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_registration_channel, id), ==,
                       dlg_vocabulary_get_label (&dlg_vocabulary_channel, id));
    }
  g_assert_false (dlg_vocabulary_contains (&dlg_vocabulary_invitation_choice, "replaced"));
  g_assert_cmpuint (dlg_vocabulary_get_n_entries (&dlg_vocabulary_invitation_choice) + 1, ==,
                    dlg_vocabulary_get_n_entries (&dlg_vocabulary_invitation_status));
  g_assert_false (dlg_vocabulary_contains (&dlg_vocabulary_site_contribution_kind, "registration"));
  g_assert_cmpuint (dlg_vocabulary_get_n_entries (&dlg_vocabulary_site_contribution_kind) + 1, ==,
                    dlg_vocabulary_get_n_entries (&dlg_vocabulary_contribution_kind));
  for (guint i = 0; i < dlg_vocabulary_get_n_entries (&dlg_vocabulary_decision_stage); i++)
    {
      const char *id = dlg_vocabulary_get_id (&dlg_vocabulary_decision_stage, i);

      g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_decision_stage, id), ==,
                       dlg_vocabulary_get_label (&dlg_vocabulary_stage, id));
    }
}

/* The stage tables follow the enums. */
static void
test_stages (void)
{
  g_assert_cmpuint (dlg_vocabulary_get_n_entries (&dlg_vocabulary_stage), ==, DLG_N_STAGES);
  for (DlgStage s = 0; s < DLG_N_STAGES; s++)
    {
      g_assert_cmpstr (dlg_vocabulary_get_id (&dlg_vocabulary_stage, s), ==, dlg_stage_to_id (s));
      g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_stage, dlg_stage_to_id (s)), ==,
                       dlg_stage_get_label (s));
    }
  for (DlgStageState s = DLG_STAGE_STATE_NOT_STARTED; s <= DLG_STAGE_STATE_SKIPPED; s++)
    {
      g_assert_cmpstr (dlg_vocabulary_get_id (&dlg_vocabulary_stage_state, s), ==,
                       dlg_stage_state_to_id (s));
      g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_stage_state,
                                                 dlg_stage_state_to_id (s)), ==,
                       dlg_stage_state_get_label (s));
    }
}

/* In French every label is translated (a translation is another string than the msgid, even
 * when the words are the same), and a word translates by its table. */
static void
test_french (void)
{
  const DlgVocabulary * const *all = dlg_vocabularies_get_all ();

  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint v = 0; all[v] != NULL; v++)
    for (guint i = 0; all[v]->entries[i].id != NULL; i++)
      {
        const DlgVocabularyEntry *entry = &all[v]->entries[i];
        const char *label = dlg_vocabulary_get_label (all[v], entry->id);

        if (label == entry->label)
          g_error ("%s: “%s” has no French label", all[v]->name, entry->label);
        g_assert_cmpstr (label, !=, "");
      }

  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_channel, "in_person"), ==,
                   "En présentiel");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_stage_state, "done"), ==,
                   "Terminée");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_commitment_status, "done"), ==,
                   "Réalisé");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_moderation, "published"), ==,
                   "Publiée");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_narrative_state, "published"), ==,
                   "Publié");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_position, "retained"), ==,
                   "Retenue");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_stage, "review"), ==,
                   "Instruction par les services");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/vocabulary/well-formed", test_all_well_formed);
  g_test_add_func ("/core/vocabulary/lookup", test_lookup);
  g_test_add_func ("/core/vocabulary/subsets", test_subsets);
  g_test_add_func ("/core/vocabulary/stages", test_stages);
  /* Last: it switches the process to French. */
  g_test_add_func ("/core/vocabulary/french", test_french);

  return g_test_run ();
}
