/* test-rules.c — every stage rule, on its allowed and its refused path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dlg-core.h"
#include "dlg-store-private.h"

typedef struct
{
  DlgStore *store;
  gint64    id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  f->store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  process = dlg_process_create (f->store, "Démarche de test", &error);
  g_assert_no_error (error);
  f->id = dlg_process_get_id (process);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

static void
sql (Fixture    *f,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

/* Test data only: the format never holds user text. */
static void
sql (Fixture    *f,
     const char *format,
     ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *statement = NULL;
  va_list args;

  va_start (args, format);
  statement = g_strdup_vprintf (format, args);
  va_end (args);
  if (!dlg_store_exec (f->store, statement, &error))
    g_error ("%s: %s", statement, error->message);
}

static void
allowed (Fixture       *f,
         DlgStage       stage,
         DlgTransition  transition,
         const char    *reason)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) blockers = NULL;

  if (transition != DLG_TRANSITION_SKIP && transition != DLG_TRANSITION_REOPEN)
    {
      blockers = dlg_stage_blockers (f->store, f->id, stage, transition, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (blockers), ==, 0);
    }
  if (!dlg_stage_apply (f->store, f->id, stage, transition, reason, &error))
    g_error ("%s %s refused: %s", dlg_stage_to_id (stage), dlg_transition_to_id (transition),
             error->message);
}

/* The transition is refused, with a message that contains @fragment, and nothing changes. */
static void
refused (Fixture       *f,
         DlgStage       stage,
         DlgTransition  transition,
         const char    *reason,
         const char    *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStageInfo) before = dlg_stage_get (f->store, f->id, stage, NULL);
  g_autoptr(DlgStageInfo) after = NULL;
  g_autoptr(GListModel) journal_before = dlg_journal_list (f->store, f->id, NULL);
  g_autoptr(GListModel) journal_after = NULL;

  g_assert_false (dlg_stage_apply (f->store, f->id, stage, transition, reason, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_RULE);
  if (strstr (error->message, fragment) == NULL)
    g_error ("%s %s: “%s” does not say “%s”", dlg_stage_to_id (stage),
             dlg_transition_to_id (transition), error->message, fragment);

  after = dlg_stage_get (f->store, f->id, stage, NULL);
  g_assert_cmpint (dlg_stage_info_get_state (before), ==, dlg_stage_info_get_state (after));
  journal_after = dlg_journal_list (f->store, f->id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (journal_before), ==,
                    g_list_model_get_n_items (journal_after));
}

static void
field (Fixture    *f,
       const char *key,
       const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlg_process_set_field (f->store, f->id, key, value, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------- rules of every stage */

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  refused (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_START, NULL,
           "Start the stage “Upstream diagnosis” first");
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, NULL, "has not started yet");
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, NULL);
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, NULL, "already in progress");
  allowed (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_START, NULL);
  sql (f, "INSERT INTO decision (uuid, process_id, stage, decided_at, who, what)"
          " VALUES ('d1', %" G_GINT64_FORMAT ", 'arbitration', '2026-01-01', 'Maire', 'Go')",
       f->id);
  refused (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_DONE, NULL,
           "Close the stage “Upstream diagnosis” first");
}

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(DlgStageInfo) info = NULL;

  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_SKIP, NULL, "Say why the stage is skipped");
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_SKIP, "   ", "Say why the stage is skipped");
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_SKIP, "Diagnostic déjà fait en 2025.");
  info = dlg_stage_get (f->store, f->id, DLG_STAGE_DIAGNOSTIC, NULL);
  g_assert_cmpint (dlg_stage_info_get_state (info), ==, DLG_STAGE_STATE_SKIPPED);
  g_assert_cmpstr (dlg_stage_info_get_reason (info), ==, "Diagnostic déjà fait en 2025.");
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_SKIP, "encore", "already skipped");
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, NULL, "was skipped");
  /* A skipped stage lets the next one start and close. */
  allowed (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_START, NULL);
}

/* ---------------------------------------------------------------- each stage's own rules */

static void
test_diagnostic (Fixture       *f,
                 gconstpointer  data)
{
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, NULL);
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, NULL, "Describe the object");
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, NULL, "at least one actor");
  field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "La place du marché");
  sql (f, "INSERT INTO actor (uuid, process_id, name) VALUES ('a1', %" G_GINT64_FORMAT
          ", 'Conseil de quartier')", f->id);
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, NULL);
}

static void
close_until (Fixture  *f,
             DlgStage  stage)
{
  for (DlgStage s = 0; s < stage; s++)
    {
      allowed (f, s, DLG_TRANSITION_START, NULL);
      dlg_stage_apply (f->store, f->id, s, DLG_TRANSITION_SKIP, "Pour le test", NULL);
    }
  allowed (f, stage, DLG_TRANSITION_START, NULL);
}

static void
test_arbitration (Fixture       *f,
                  gconstpointer  data)
{
  close_until (f, DLG_STAGE_ARBITRATION);
  refused (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_DONE, NULL, "at least one decision");
  sql (f, "INSERT INTO decision (uuid, process_id, stage, decided_at, who, what)"
          " VALUES ('d1', %" G_GINT64_FORMAT ", 'validation', '2026-01-01', 'Maire', 'Go')",
       f->id);
  refused (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_DONE, NULL, "at least one decision");
  sql (f, "INSERT INTO decision (uuid, process_id, stage, decided_at, who, what)"
          " VALUES ('d2', %" G_GINT64_FORMAT ", 'arbitration', '2026-01-01', 'Maire', 'Go')",
       f->id);
  allowed (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_DONE, NULL);
}

static void
test_specification (Fixture       *f,
                    gconstpointer  data)
{
  close_until (f, DLG_STAGE_SPECIFICATION);
  refused (f, DLG_STAGE_SPECIFICATION, DLG_TRANSITION_DONE, NULL, "objectives");
  field (f, DLG_FIELD_SPEC_OBJECTIVES, "Un avis citoyen");
  refused (f, DLG_STAGE_SPECIFICATION, DLG_TRANSITION_DONE, NULL, "which publics");
  field (f, DLG_FIELD_SPEC_PUBLICS, "Habitants");
  allowed (f, DLG_STAGE_SPECIFICATION, DLG_TRANSITION_DONE, NULL);
}

static void
test_mandate (Fixture       *f,
              gconstpointer  data)
{
  close_until (f, DLG_STAGE_MANDATE);
  refused (f, DLG_STAGE_MANDATE, DLG_TRANSITION_DONE, NULL, "question put to the citizens");
  refused (f, DLG_STAGE_MANDATE, DLG_TRANSITION_DONE, NULL, "perimeter");
  refused (f, DLG_STAGE_MANDATE, DLG_TRANSITION_DONE, NULL, "at least one contributory feature");
  field (f, DLG_FIELD_MANDATE_QUESTION, "Que faire de la place ?");
  field (f, DLG_FIELD_MANDATE_PERIMETER, "Les usages");
  sql (f, "INSERT INTO feature_activation (process_id, feature, enabled, rules)"
          " VALUES (%" G_GINT64_FORMAT ", 'ideas', 1, '  ')", f->id);
  refused (f, DLG_STAGE_MANDATE, DLG_TRANSITION_DONE, NULL, "rules of the game of the feature");
  sql (f, "UPDATE feature_activation SET rules = 'Lues et synthétisées.'");
  allowed (f, DLG_STAGE_MANDATE, DLG_TRANSITION_DONE, NULL);
}

static void
test_recruitment (Fixture       *f,
                  gconstpointer  data)
{
  close_until (f, DLG_STAGE_RECRUITMENT);
  sql (f, "INSERT INTO participant (uuid, process_id, consent, registered_at)"
          " VALUES ('p1', %" G_GINT64_FORMAT ", 1, '2026-01-01')", f->id);
  refused (f, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_DONE, NULL, "Draw the panel");
  sql (f, "UPDATE participant SET status = 'selected'");
  allowed (f, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_DONE, NULL);
}

static void
test_workshop (Fixture       *f,
               gconstpointer  data)
{
  close_until (f, DLG_STAGE_WORKSHOP);
  refused (f, DLG_STAGE_WORKSHOP, DLG_TRANSITION_DONE, NULL, "at least one workshop session");
  sql (f, "INSERT INTO session (uuid, process_id, title, starts_at)"
          " VALUES ('s1', %" G_GINT64_FORMAT ", 'Séance 1', '2026-01-01')", f->id);
  allowed (f, DLG_STAGE_WORKSHOP, DLG_TRANSITION_DONE, NULL);
}

static void
add_recommendations (Fixture *f,
                     guint    n)
{
  for (guint i = 1; i <= n; i++)
    sql (f, "INSERT INTO recommendation (uuid, process_id, number, title, created_at)"
            " VALUES ('r%u', %" G_GINT64_FORMAT ", %u, 'Préconisation %u', '2026-01-01')",
         i, f->id, i, i);
}

static void
test_opinion (Fixture       *f,
              gconstpointer  data)
{
  close_until (f, DLG_STAGE_OPINION);
  refused (f, DLG_STAGE_OPINION, DLG_TRANSITION_DONE, NULL, "no recommendation yet");
  add_recommendations (f, 1);
  allowed (f, DLG_STAGE_OPINION, DLG_TRANSITION_DONE, NULL);
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  close_until (f, DLG_STAGE_REVIEW);
  add_recommendations (f, 8);
  refused (f, DLG_STAGE_REVIEW, DLG_TRANSITION_DONE, NULL,
           "Recommendation 1 “Préconisation 1” has not been reviewed");
  refused (f, DLG_STAGE_REVIEW, DLG_TRANSITION_DONE, NULL, "and 3 more recommendations");
  sql (f, "INSERT INTO review (recommendation_id, department, proposed_position, updated_at)"
          " SELECT id, 'Espaces verts', 'retained', '2026-01-01' FROM recommendation");
  sql (f, "UPDATE review SET department = ' ' WHERE recommendation_id = 8");
  refused (f, DLG_STAGE_REVIEW, DLG_TRANSITION_DONE, NULL, "Recommendation 8");
  sql (f, "UPDATE review SET department = 'Voirie'");
  allowed (f, DLG_STAGE_REVIEW, DLG_TRANSITION_DONE, NULL);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  close_until (f, DLG_STAGE_VALIDATION);
  add_recommendations (f, 2);
  refused (f, DLG_STAGE_VALIDATION, DLG_TRANSITION_DONE, NULL,
           "Recommendation 2 “Préconisation 2” has no decision of the elected officials");
  sql (f, "INSERT INTO decision (uuid, process_id, stage, recommendation_id, decided_at, who,"
          " what) SELECT 'v' || id, process_id, 'validation', id, '2026-01-01', 'Maire', 'Oui'"
          " FROM recommendation");
  allowed (f, DLG_STAGE_VALIDATION, DLG_TRANSITION_DONE, NULL);
}

static void
test_response (Fixture       *f,
               gconstpointer  data)
{
  add_recommendations (f, 2);
  for (DlgStage s = 0; s < DLG_STAGE_VALIDATION; s++)
    {
      allowed (f, s, DLG_TRANSITION_START, NULL);
      allowed (f, s, DLG_TRANSITION_SKIP, "Pour le test");
    }
  allowed (f, DLG_STAGE_VALIDATION, DLG_TRANSITION_START, NULL);
  allowed (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_START, NULL);
  refused (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_SKIP, "Pas le temps", "cannot be skipped");
  refused (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, NULL,
           "cannot be published before the elected officials’ validation");
  refused (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, NULL, "has no position in the response");

  sql (f, "INSERT INTO position (uuid, recommendation_id, value, updated_at)"
          " SELECT 'p' || id, id, 'retained', '2026-01-01' FROM recommendation");
  sql (f, "UPDATE position SET value = 'not_retained' WHERE recommendation_id = 2");
  refused (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, NULL,
           "Recommendation 2 “Préconisation 2” is not (fully) retained: say why");
  sql (f, "UPDATE position SET justification = 'Hors budget.' WHERE recommendation_id = 2");
  sql (f, "INSERT INTO decision (uuid, process_id, stage, recommendation_id, decided_at, who,"
          " what) SELECT 'v' || id, process_id, 'validation', id, '2026-01-01', 'Maire', 'Oui'"
          " FROM recommendation");
  refused (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, NULL, "validation");
  /* Not published while refused. */
  {
    g_autoptr(DlgResponse) response = dlg_response_load_for (f->store, f->id, NULL);

    g_assert_null (dlg_response_get_published_at (response));
  }
  allowed (f, DLG_STAGE_VALIDATION, DLG_TRANSITION_DONE, NULL);
  allowed (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, NULL);
  /* Closing the stage published the response, journaled. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlgResponse) response = dlg_response_load (f->store, f->id, &error);
    g_autoptr(GListModel) journal = NULL;
    gboolean found = FALSE;

    g_assert_no_error (error);
    g_assert_nonnull (dlg_response_get_published_at (response));
    journal = dlg_journal_list (f->store, f->id, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (journal); i++)
      {
        g_autoptr(DlgJournalEntry) entry = g_list_model_get_item (journal, i);

        found |= g_strcmp0 (dlg_journal_entry_get_action (entry), "response.publish") == 0;
      }
    g_assert_true (found);
  }
}

static void
test_response_skip_without_opinion (Fixture       *f,
                                    gconstpointer  data)
{
  close_until (f, DLG_STAGE_RESPONSE);
  allowed (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_SKIP, "Démarche d’information seule");
}

/* A done or skipped stage goes back in progress, with a public reason, latest first. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DlgStageInfo) info = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(DlgJournalEntry) last = NULL;
  g_autofree char *started_at = NULL;

  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_REOPEN, "Erreur", "has not started yet");
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, NULL);
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_REOPEN, "Erreur", "already in progress");
  field (f, DLG_FIELD_DIAGNOSTIC_OBJECT, "Le parc");
  sql (f, "INSERT INTO actor (uuid, process_id, name) VALUES ('a1', %" G_GINT64_FORMAT
          ", 'Quartier')", f->id);
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, NULL);
  info = dlg_stage_get (f->store, f->id, DLG_STAGE_DIAGNOSTIC, NULL);
  started_at = g_strdup (dlg_stage_info_get_started_at (info));
  g_assert_nonnull (dlg_stage_info_get_ended_at (info));
  g_clear_object (&info);

  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_REOPEN, NULL, "Say why the stage is reopened");
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_REOPEN, "  ", "Say why the stage is reopened");

  /* A later done stage is named, the last one first. */
  allowed (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_SKIP, "Pas d’arbitrage");
  allowed (f, DLG_STAGE_SPECIFICATION, DLG_TRANSITION_START, NULL);
  field (f, DLG_FIELD_SPEC_OBJECTIVES, "Objectifs");
  field (f, DLG_FIELD_SPEC_PUBLICS, "Tous");
  allowed (f, DLG_STAGE_SPECIFICATION, DLG_TRANSITION_DONE, NULL);
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_REOPEN, "Erreur",
           "A later stage, “Specification”, is already done: reopen it first.");
  /* A skipped later stage does not block; a skipped stage is reopened too. */
  allowed (f, DLG_STAGE_SPECIFICATION, DLG_TRANSITION_REOPEN, "  Publics oubliés  ");
  info = dlg_stage_get (f->store, f->id, DLG_STAGE_SPECIFICATION, NULL);
  g_assert_cmpint (dlg_stage_info_get_state (info), ==, DLG_STAGE_STATE_IN_PROGRESS);
  g_assert_null (dlg_stage_info_get_ended_at (info));
  g_assert_cmpstr (dlg_stage_info_get_reason (info), ==, "Publics oubliés");
  g_clear_object (&info);
  allowed (f, DLG_STAGE_ARBITRATION, DLG_TRANSITION_REOPEN, "Le maire veut trancher");
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_REOPEN, "Objet mal décrit");

  /* Back in progress: the start date is kept, the end date cleared, the reason journaled. */
  info = dlg_stage_get (f->store, f->id, DLG_STAGE_DIAGNOSTIC, NULL);
  g_assert_cmpint (dlg_stage_info_get_state (info), ==, DLG_STAGE_STATE_IN_PROGRESS);
  g_assert_cmpstr (dlg_stage_info_get_started_at (info), ==, started_at);
  g_assert_null (dlg_stage_info_get_ended_at (info));
  g_assert_cmpstr (dlg_stage_info_get_reason (info), ==, "Objet mal décrit");
  journal = dlg_journal_list (f->store, f->id, NULL);
  last = g_list_model_get_item (journal, g_list_model_get_n_items (journal) - 1);
  g_assert_cmpstr (dlg_journal_entry_get_action (last), ==, "stage.reopen");
  g_assert_cmpstr (dlg_journal_entry_get_summary (last), ==,
                   "Stage “Upstream diagnosis” reopened: Objet mal décrit");
  /* And it closes again. */
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, NULL);
}

/* A published response cannot be withdrawn; a skipped response stage can be reopened. */
static void
test_response_reopen (Fixture       *f,
                      gconstpointer  data)
{
  close_until (f, DLG_STAGE_RESPONSE);
  allowed (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_SKIP, "Démarche d’information seule");
  allowed (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_REOPEN, "Il y a finalement une réponse");
  allowed (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, NULL);
  {
    g_autoptr(DlgResponse) response = dlg_response_load (f->store, f->id, NULL);

    g_assert_nonnull (dlg_response_get_published_at (response));
  }
  refused (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_REOPEN, "Erreur",
           "a published response cannot be withdrawn");
}

static void
test_implementation_and_follow_up (Fixture       *f,
                                   gconstpointer  data)
{
  close_until (f, DLG_STAGE_RESPONSE);
  add_recommendations (f, 1);
  sql (f, "INSERT INTO position (uuid, recommendation_id, value, updated_at)"
          " SELECT 'p' || id, id, 'retained', '2026-01-01' FROM recommendation");

  refused (f, DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_START, NULL,
           "Publish the argued response first");
  allowed (f, DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, NULL);
  allowed (f, DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_START, NULL);
  refused (f, DLG_STAGE_FOLLOW_UP, DLG_TRANSITION_START, NULL,
           "needs at least one commitment");
  refused (f, DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_DONE, NULL,
           "Record at least one commitment");

  sql (f, "INSERT INTO commitment (uuid, process_id, position_id, title, created_at)"
          " SELECT 'c1', %" G_GINT64_FORMAT ", id, 'Planter 20 arbres', '2026-01-01'"
          " FROM position", f->id);
  allowed (f, DLG_STAGE_FOLLOW_UP, DLG_TRANSITION_START, NULL);
  refused (f, DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_DONE, NULL,
           "1 commitment is not done or abandoned yet");
  sql (f, "UPDATE commitment SET status = 'done', progress = 100");
  allowed (f, DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_DONE, NULL);

  refused (f, DLG_STAGE_FOLLOW_UP, DLG_TRANSITION_DONE, NULL,
           "at least one follow-up committee meeting");
  sql (f, "INSERT INTO follow_up (uuid, process_id, kind, dated, title)"
          " VALUES ('f1', %" G_GINT64_FORMAT ", 'meeting', '2027-01-01', 'Comité de suivi')",
       f->id);
  allowed (f, DLG_STAGE_FOLLOW_UP, DLG_TRANSITION_DONE, NULL);

  {
    g_autoptr(DlgProcess) process = dlg_process_load (f->store, f->id, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (dlg_process_get_current_stage (process), ==, DLG_STAGE_FOLLOW_UP);
    g_assert_true (dlg_journal_verify (f->store, f->id, NULL, &error));
    g_assert_no_error (error);
  }
}

/* A commitment that points to no position is refused by the schema itself. */
static void
test_commitment_needs_position (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (dlg_store_exec (f->store,
                                  "INSERT INTO commitment (uuid, process_id, position_id, title,"
                                  " created_at) VALUES ('c', 1, 999, 'x', '2026-01-01')",
                                  &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

static void
test_blockers_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) blockers = NULL;

  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, NULL);
  blockers = dlg_stage_blockers (f->store, f->id, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (blockers), ==, 2);

  g_assert_null (dlg_stage_blockers (f->store, 999, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE,
                                     &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/core/rules/order", test_order);
  ADD ("/core/rules/skip", test_skip);
  ADD ("/core/rules/diagnostic", test_diagnostic);
  ADD ("/core/rules/arbitration", test_arbitration);
  ADD ("/core/rules/specification", test_specification);
  ADD ("/core/rules/mandate", test_mandate);
  ADD ("/core/rules/recruitment", test_recruitment);
  ADD ("/core/rules/workshop", test_workshop);
  ADD ("/core/rules/opinion", test_opinion);
  ADD ("/core/rules/review", test_review);
  ADD ("/core/rules/validation", test_validation);
  ADD ("/core/rules/response", test_response);
  ADD ("/core/rules/response-skip-without-opinion", test_response_skip_without_opinion);
  ADD ("/core/rules/reopen", test_reopen);
  ADD ("/core/rules/response-reopen", test_response_reopen);
  ADD ("/core/rules/implementation-and-follow-up", test_implementation_and_follow_up);
  ADD ("/core/rules/commitment-needs-position", test_commitment_needs_position);
  ADD ("/core/rules/blockers", test_blockers_list);

  return g_test_run ();
}
