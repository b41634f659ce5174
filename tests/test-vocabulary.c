/* test-vocabulary.c — the {id, label} tables of the domain and their French labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "dlg-core.h"
#include "dlg-date.h"
#include "dlg-store-private.h"

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

/* The ids of the CHECK (column IN (…)) constraint of @column in the schema of @table. */
static GPtrArray *
check_ids (DlgStore   *store,
           const char *table,
           const char *column)
{
  static const char sql[] = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1";
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pattern =
    g_strdup_printf ("\\b%s TEXT[^,]*?CHECK \\(\\s*%s IN\\s*\\(([^)]*)\\)", column, column);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GRegex) quoted = g_regex_new ("'([^']*)'", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GMatchInfo) item = NULL;
  g_autofree char *list = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_regex_match (regex, (const char *) sqlite3_column_text (stmt, 0), 0, &match));
  list = g_match_info_fetch (match, 1);
  sqlite3_finalize (stmt);
  for (g_regex_match (quoted, list, 0, &item); g_match_info_matches (item);
       g_match_info_next (item, NULL))
    g_ptr_array_add (ids, g_match_info_fetch (item, 1));
  return g_steal_pointer (&ids);
}

/* What the schema accepts is what the vocabularies hold. */
static void
test_schema (void)
{
  static const struct {
    const char *table, *column;
    const DlgVocabulary *vocabulary;
  } columns[] = {
    { "stage_state", "state", &dlg_vocabulary_stage_state },
    { "decision", "stage", &dlg_vocabulary_decision_stage },
    { "feature_activation", "feature", &dlg_vocabulary_feature },
    { "participant", "channel", &dlg_vocabulary_registration_channel },
    { "participant", "status", &dlg_vocabulary_participant_status },
    { "contribution", "kind", &dlg_vocabulary_contribution_kind },
    { "contribution", "channel", &dlg_vocabulary_channel },
    { "contribution", "moderation", &dlg_vocabulary_moderation },
    { "moderation_event", "state", &dlg_vocabulary_moderation },
    { "position", "value", &dlg_vocabulary_position },
    { "commitment", "status", &dlg_vocabulary_commitment_status },
    { "follow_up", "kind", &dlg_vocabulary_follow_up_kind },
    { "narrative", "state", &dlg_vocabulary_narrative_state },
    { "communication_item", "kind", &dlg_vocabulary_communication_kind },
    { "communication_item", "channel", &dlg_vocabulary_communication_channel },
    { "communication_item", "status", &dlg_vocabulary_communication_status },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autoptr(GPtrArray) ids = check_ids (store, columns[c].table, columns[c].column);

      g_test_message ("%s.%s: %s", columns[c].table, columns[c].column,
                      columns[c].vocabulary->name);
      g_assert_cmpuint (ids->len, ==, dlg_vocabulary_get_n_entries (columns[c].vocabulary));
      for (guint i = 0; i < ids->len; i++)
        g_assert_true (dlg_vocabulary_contains (columns[c].vocabulary, ids->pdata[i]));
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
  /* "A accepté" is the verb (avoir), which "À" would make a preposition; beside "Invitation
   * envoyée" the invitation's states say what became of it (issue 13). */
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_participant_status, "accepted"), ==,
                   "A accepté");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_invitation_status, "accepted"), ==,
                   "Invitation acceptée");
  g_assert_cmpstr (dlg_vocabulary_get_label (&dlg_vocabulary_invitation_status, "declined"), ==,
                   "Invitation déclinée");
}

/* A French interface names months in French whatever LC_TIME says (the tests run under
 * C.UTF-8, whose months are English). */
static void
test_french_months (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 9, 4, 10, 0, 0);
  g_autofree char *english = NULL;
  g_autofree char *french = NULL;
  g_autofree char *percent = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  english = dlg_date_time_format (dt, "%-d %B %Y");
  g_assert_cmpstr (english, ==, "4 September 2026");
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  french = dlg_date_time_format (dt, "%-d %B %Y, %H:%M");
  percent = dlg_date_time_format (dt, "%B %% %d");
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  g_assert_cmpstr (french, ==, "4 septembre 2026, 10:00");
  g_assert_cmpstr (percent, ==, "septembre % 04");
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
  g_test_add_func ("/core/vocabulary/schema", test_schema);
  g_test_add_func ("/core/date/french-months", test_french_months);
  /* Last: it switches the process to French. */
  g_test_add_func ("/core/vocabulary/french", test_french);

  return g_test_run ();
}
