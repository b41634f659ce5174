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


/* ---------------------------------------------------------------- closed stages are read-only */

/* One write of each stage, through the core's public API; each call writes something new. */
typedef struct
{
  Fixture *f;
  gint64   recommendation;
  gint64   position;
  gint64   commitment;
  guint    n;
} Writer;

typedef gboolean (*WriteFunc) (Writer  *w,
                               GError **error);

static gboolean
write_field (Writer      *w,
             const char  *key,
             GError     **error)
{
  g_autofree char *value = g_strdup_printf ("Texte %u", ++w->n);

  return dlg_process_set_field (w->f->store, w->f->id, key, value, error);
}

static gboolean
write_diagnostic_field (Writer *w, GError **error)
{
  return write_field (w, DLG_FIELD_DIAGNOSTIC_OBJECT, error);
}

static gboolean
write_actor (Writer *w, GError **error)
{
  g_autoptr(DlgActor) actor = dlg_actor_new (w->f->id);

  dlg_actor_set_name (actor, "Association des riverains");
  return dlg_actor_save (w->f->store, actor, error);
}

static gboolean
write_decision (Writer *w, const char *stage, GError **error)
{
  g_autoptr(DlgDecision) decision = dlg_decision_new (w->f->id);

  dlg_decision_set_stage (decision, stage);
  dlg_decision_set_decided_at (decision, "2026-01-15");
  dlg_decision_set_who (decision, "Bureau métropolitain");
  dlg_decision_set_what (decision, "Lancer la démarche");
  return dlg_decision_save (w->f->store, decision, error);
}

static gboolean
write_arbitration (Writer *w, GError **error)
{
  return write_decision (w, "arbitration", error);
}

static gboolean
write_specification_field (Writer *w, GError **error)
{
  return write_field (w, DLG_FIELD_SPEC_OBJECTIVES, error);
}

static gboolean
write_mandate_field (Writer *w, GError **error)
{
  return write_field (w, DLG_FIELD_MANDATE_QUESTION, error);
}

static gboolean
write_feature (Writer *w, GError **error)
{
  g_autoptr(DlgFeature) feature = dlg_feature_load (w->f->store, w->f->id, "ideas", error);
  g_autofree char *rules = g_strdup_printf ("Chaque idée reçoit une réponse (%u).", ++w->n);

  if (feature == NULL)
    return FALSE;
  dlg_feature_set_rules (feature, rules);
  return dlg_feature_save (w->f->store, feature, error);
}

static gboolean
write_participant (Writer *w, GError **error)
{
  g_autoptr(DlgParticipant) p = dlg_participant_new (w->f->id);

  dlg_participant_set_gender (p, "F");
  dlg_participant_set_consent (p, TRUE);
  return dlg_participant_save (w->f->store, p, error);
}

static gboolean
write_quota (Writer *w, GError **error)
{
  g_autoptr(DlgQuota) q = dlg_quota_new (w->f->id);
  g_autofree char *value = g_strdup_printf ("Quartier %u", ++w->n);

  /* a quartier of the process's own vocabulary (a recruitment write too) */
  if (!dlg_profile_set_value (w->f->store, w->f->id, "quartier", value, value, error))
    return FALSE;
  dlg_quota_set_category (q, "quartier");
  dlg_quota_set_value (q, value);
  dlg_quota_set_min (q, 1);
  dlg_quota_set_max (q, 3);
  return dlg_quota_save (w->f->store, q, error);
}

static gboolean
write_profile_value (Writer *w, GError **error)
{
  g_autofree char *value = g_strdup_printf ("Commune %u", ++w->n);

  return dlg_profile_set_value (w->f->store, w->f->id, "commune", value, value, error);
}

static gboolean
write_session (Writer *w, GError **error)
{
  g_autoptr(DlgSession) session = dlg_session_new (w->f->id);

  dlg_session_set_title (session, "Atelier 1");
  dlg_session_set_starts_at (session, "2026-03-15T09:30:00Z");
  return dlg_session_save (w->f->store, session, error);
}

static gboolean
write_recommendation (Writer *w, GError **error)
{
  g_autoptr(DlgRecommendation) r = dlg_recommendation_new (w->f->id);

  dlg_recommendation_set_title (r, "Végétaliser la place");
  return dlg_recommendation_save (w->f->store, r, error);
}

static gboolean
write_review (Writer *w, GError **error)
{
  g_autoptr(DlgReview) review = dlg_review_load_for (w->f->store, w->recommendation, error);
  g_autofree char *notes = g_strdup_printf ("Note %u", ++w->n);

  if (review == NULL)
    return FALSE;
  dlg_review_set_department (review, "Espaces verts");
  dlg_review_set_notes (review, notes);
  return dlg_review_save (w->f->store, review, error);
}

static gboolean
write_validation (Writer *w, GError **error)
{
  return write_decision (w, "validation", error);
}

static gboolean
write_position (Writer *w, GError **error)
{
  g_autoptr(DlgPosition) position = dlg_position_load_for (w->f->store, w->recommendation, error);
  g_autofree char *why = g_strdup_printf ("Budget voté (%u).", ++w->n);

  if (position == NULL)
    return FALSE;
  dlg_position_set_value (position, "retained");
  dlg_position_set_justification (position, why);
  return dlg_position_save (w->f->store, position, error);
}

static gboolean
write_response (Writer *w, GError **error)
{
  g_autoptr(DlgResponse) response = dlg_response_load_for (w->f->store, w->f->id, error);
  g_autofree char *intro = g_strdup_printf ("La ville répond (%u).", ++w->n);

  if (response == NULL)
    return FALSE;
  dlg_response_set_intro (response, intro);
  return dlg_response_save (w->f->store, response, error);
}

static gboolean
write_commitment (Writer *w, GError **error)
{
  g_autoptr(DlgCommitment) commitment = dlg_commitment_new (w->f->id);

  dlg_commitment_set_title (commitment, "Planter 30 arbres");
  dlg_commitment_set_position_id (commitment, w->position);
  return dlg_commitment_save (w->f->store, commitment, error);
}

static gboolean
write_commitment_update (Writer *w, GError **error)
{
  g_autoptr(DlgCommitmentUpdate) update = dlg_commitment_update_new (w->commitment);

  dlg_commitment_update_set_dated (update, "2026-10-01");
  dlg_commitment_update_set_progress (update, 40);
  dlg_commitment_update_set_text (update, "Dix arbres plantés.");
  return dlg_commitment_update_save (w->f->store, update, error);
}

static gboolean
write_follow_up (Writer *w, GError **error)
{
  g_autoptr(DlgFollowUp) fu = dlg_follow_up_new (w->f->id);

  dlg_follow_up_set_kind (fu, "meeting");
  dlg_follow_up_set_dated (fu, "2027-01-15");
  dlg_follow_up_set_title (fu, "Comité de suivi");
  return dlg_follow_up_save (w->f->store, fu, error);
}

static const struct {
  DlgStage    stage;
  const char *what;
  WriteFunc   write;
} stage_writes[] = {
  { DLG_STAGE_DIAGNOSTIC, "field", write_diagnostic_field },
  { DLG_STAGE_DIAGNOSTIC, "actor", write_actor },
  { DLG_STAGE_ARBITRATION, "decision", write_arbitration },
  { DLG_STAGE_SPECIFICATION, "field", write_specification_field },
  { DLG_STAGE_MANDATE, "field", write_mandate_field },
  { DLG_STAGE_MANDATE, "feature", write_feature },
  { DLG_STAGE_RECRUITMENT, "participant", write_participant },
  { DLG_STAGE_RECRUITMENT, "quota", write_quota },
  { DLG_STAGE_RECRUITMENT, "profile value", write_profile_value },
  { DLG_STAGE_WORKSHOP, "session", write_session },
  { DLG_STAGE_OPINION, "recommendation", write_recommendation },
  { DLG_STAGE_REVIEW, "review", write_review },
  { DLG_STAGE_VALIDATION, "decision", write_validation },
  { DLG_STAGE_RESPONSE, "position", write_position },
  { DLG_STAGE_RESPONSE, "response", write_response },
  { DLG_STAGE_IMPLEMENTATION, "commitment", write_commitment },
  { DLG_STAGE_IMPLEMENTATION, "update", write_commitment_update },
  { DLG_STAGE_FOLLOW_UP, "follow-up", write_follow_up },
};

static void
writer_init (Writer  *w,
             Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgRecommendation) r = dlg_recommendation_new (f->id);
  g_autoptr(DlgPosition) position = NULL;
  g_autoptr(DlgCommitment) commitment = dlg_commitment_new (f->id);

  *w = (Writer) { f, 0, 0, 0, 0 };
  dlg_recommendation_set_title (r, "Une préconisation");
  g_assert_true (dlg_recommendation_save (f->store, r, &error));
  w->recommendation = dlg_recommendation_get_id (r);
  position = dlg_position_load_for (f->store, w->recommendation, &error);
  dlg_position_set_value (position, "retained");
  g_assert_true (dlg_position_save (f->store, position, &error));
  w->position = dlg_position_get_id (position);
  dlg_commitment_set_title (commitment, "Un engagement");
  dlg_commitment_set_position_id (commitment, w->position);
  g_assert_true (dlg_commitment_save (f->store, commitment, &error));
  g_assert_no_error (error);
  w->commitment = dlg_commitment_get_id (commitment);
}

static guint
count_journal_entries (Fixture *f)
{
  g_autoptr(GListModel) journal = dlg_journal_list (f->store, f->id, NULL);

  return g_list_model_get_n_items (journal);
}

/* The write is refused with a message that names the stage and says how to change it, and the
 * journal shows nothing written. */
static void
assert_refused (Writer      *w,
                guint        i,
                const char  *fragment)
{
  g_autoptr(GError) error = NULL;
  guint before = count_journal_entries (w->f);

  if (stage_writes[i].write (w, &error))
    g_error ("%s %s: written in a closed stage", dlg_stage_to_id (stage_writes[i].stage),
             stage_writes[i].what);
  g_assert_nonnull (error);
  g_assert_true (error->domain == DLG_ERROR);
  if (strstr (error->message, fragment) == NULL)
    g_error ("%s %s: “%s” does not say “%s”", dlg_stage_to_id (stage_writes[i].stage),
             stage_writes[i].what, error->message, fragment);
  g_assert_cmpuint (count_journal_entries (w->f), ==, before);
}

static void
assert_written (Writer *w,
                guint   i)
{
  g_autoptr(GError) error = NULL;

  if (!stage_writes[i].write (w, &error))
    g_error ("%s %s refused: %s", dlg_stage_to_id (stage_writes[i].stage), stage_writes[i].what,
             error->message);
}

/* Each stage's writes: accepted while it is open, refused once it is done or skipped (the
 * message says “reopen it”), accepted again after it is reopened. */
static void
test_closed_stage_read_only (Fixture       *f,
                             gconstpointer  data)
{
  Writer w;

  writer_init (&w, f);
  for (guint i = 0; i < G_N_ELEMENTS (stage_writes); i++)
    {
      const char *id = dlg_stage_to_id (stage_writes[i].stage);
      g_autofree char *done = g_strdup_printf ("The stage “%s” is done: reopen it to change it.",
                                               dlg_stage_get_label (stage_writes[i].stage));
      g_autofree char *skipped = g_strdup_printf ("The stage “%s” was skipped: reopen it to "
                                                  "change it.",
                                                  dlg_stage_get_label (stage_writes[i].stage));
      g_autoptr(GError) error = NULL;

      assert_written (&w, i);
      sql (f, "UPDATE stage_state SET state = 'done', ended_at = '2026-05-01T10:00:00Z'"
              " WHERE process_id = %" G_GINT64_FORMAT " AND stage = '%s'", f->id, id);
      assert_refused (&w, i, done);
      sql (f, "UPDATE stage_state SET state = 'skipped', reason = 'Déjà fait'"
              " WHERE process_id = %" G_GINT64_FORMAT " AND stage = '%s'", f->id, id);
      assert_refused (&w, i, skipped);
      g_assert_true (dlg_stage_apply (f->store, f->id, stage_writes[i].stage,
                                      DLG_TRANSITION_REOPEN, "Une correction", &error));
      g_assert_no_error (error);
      assert_written (&w, i);
    }
}

/* Deleting a record of a closed stage is refused too. */
static void
test_closed_stage_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgActor) actor = dlg_actor_new (f->id);
  g_autoptr(GListModel) actors = NULL;

  dlg_actor_set_name (actor, "Conseil de quartier");
  g_assert_true (dlg_actor_save (f->store, actor, &error));
  sql (f, "UPDATE stage_state SET state = 'done' WHERE process_id = %" G_GINT64_FORMAT
          " AND stage = 'diagnostic'", f->id);
  g_assert_false (dlg_actor_delete (f->store, dlg_actor_get_id (actor), &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "reopen it"));
  actors = dlg_actor_list (f->store, f->id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, 1);
}

/* An archived process refuses every write, of its stages and of the whole process (title,
 * narratives, contributions), and its stage transitions, until it is restored. */
static void
test_archived_read_only (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgNarrative) narrative = dlg_narrative_new (f->id);
  g_autoptr(DlgContribution) contribution = dlg_contribution_new (f->id);
  Writer w;

  writer_init (&w, f);
  g_assert_true (dlg_process_set_archived (f->store, f->id, TRUE, &error));
  for (guint i = 0; i < G_N_ELEMENTS (stage_writes); i++)
    assert_refused (&w, i, "is archived: restore it to change it.");

  g_assert_false (dlg_process_rename (f->store, f->id, "Autre titre", &error));
  g_assert_nonnull (strstr (error->message, "archived"));
  g_clear_error (&error);
  dlg_narrative_set_title (narrative, "Où en est-on ?");
  g_assert_false (dlg_narrative_save (f->store, narrative, &error));
  g_assert_nonnull (strstr (error->message, "archived"));
  g_clear_error (&error);
  dlg_contribution_set_title (contribution, "Une idée");
  dlg_contribution_set_body (contribution, "Des arbres");
  g_assert_false (dlg_contribution_save (f->store, contribution, &error));
  g_assert_nonnull (strstr (error->message, "archived"));
  g_clear_error (&error);
  refused (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, NULL, "restore it");

  g_assert_true (dlg_process_set_archived (f->store, f->id, FALSE, &error));
  for (guint i = 0; i < G_N_ELEMENTS (stage_writes); i++)
    assert_written (&w, i);
  g_assert_true (dlg_narrative_save (f->store, narrative, &error));
  g_assert_no_error (error);
  allowed (f, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, NULL);
}

/* What belongs to no single stage stays open while stages close: narratives tell the story at
 * any stage, contributions are moderated whenever they come. */
static void
test_cross_stage_stays_open (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgNarrative) narrative = dlg_narrative_new (f->id);
  g_autoptr(DlgContribution) contribution = dlg_contribution_new (f->id);

  sql (f, "UPDATE stage_state SET state = 'done' WHERE process_id = %" G_GINT64_FORMAT, f->id);
  dlg_narrative_set_title (narrative, "Ce que l’atelier a produit");
  g_assert_true (dlg_narrative_save (f->store, narrative, &error));
  g_assert_no_error (error);
  dlg_contribution_set_title (contribution, "Une idée");
  dlg_contribution_set_body (contribution, "Des arbres");
  g_assert_true (dlg_contribution_save (f->store, contribution, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_contribution_moderate (f->store, dlg_contribution_get_id (contribution),
                                            "published", NULL, &error));
  g_assert_no_error (error);
}

static gint64
count_sql (DlgStore   *store,
           const char *query,
           gint64      id)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, query, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The demo's recruitment is done with its panel drawn: a second panel cannot be saved over the
 * first, nor an invitation changed, until the stage is reopened. */
static void
test_second_panel_refused (void)
{
  static const char sql_panel[] =
    "SELECT count(*) FROM participant WHERE process_id = ?1"
    " AND status IN ('selected','invited','accepted','declined')";
  static const char sql_accepted[] =
    "SELECT id FROM participant WHERE process_id = ?1 AND status = 'accepted' LIMIT 1";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgDrawInput) input = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  gint64 pid, panel, saved, member;

  g_assert_no_error (error);
  pid = dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  panel = count_sql (store, sql_panel, pid);
  saved = dlg_draw_count_saved (store, pid, &error);
  member = count_sql (store, sql_accepted, pid);
  g_assert_cmpint (panel, >, 0);

  input = dlg_draw_input_new_for_process (store, pid, 24, 2026, DLG_DRAW_ALGORITHM_LEXIMIN,
                                          &error);
  g_assert_no_error (error);
  result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (dlg_draw_save (store, pid, result, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "reopen it to change it"));
  g_clear_error (&error);
  g_assert_cmpint (dlg_draw_count_saved (store, pid, NULL), ==, saved);
  g_assert_cmpint (count_sql (store, sql_panel, pid), ==, panel);
  g_assert_false (dlg_draw_set_invitation (store, pid, member, "declined", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (dlg_stage_apply (store, pid, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_REOPEN,
                                  "Un second tirage", &error));
  g_assert_true (dlg_draw_save (store, pid, result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlg_draw_count_saved (store, pid, NULL), ==, saved + 1);
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
  ADD ("/core/rules/closed/stage-writes", test_closed_stage_read_only);
  ADD ("/core/rules/closed/delete", test_closed_stage_delete);
  ADD ("/core/rules/closed/archived", test_archived_read_only);
  ADD ("/core/rules/closed/cross-stage-open", test_cross_stage_stays_open);
  g_test_add_func ("/core/rules/closed/second-panel", test_second_panel_refused);

  return g_test_run ();
}
