/* test-ingest.c — the core's ingestion path: batches, source ids, what the officer owns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-schema.h"
#include "dlg-store-private.h"
#include "coding-fixture.h"
#include "process-fixture.h"


static gint64
count (DlgStore   *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static DlgContribution *
contribution (gint64      process_id,
              const char *title,
              const char *body)
{
  DlgContribution *c = dlg_contribution_new (process_id);

  dlg_contribution_set_title (c, title);
  dlg_contribution_set_body (c, body);
  dlg_contribution_set_created_at (c, "2026-11-20T10:00:00Z");
  return c;
}

/* A batch of @n contributions from "csv", ids "row-0"…; @variant changes the text of the
 * even ones. */
static DlgIngestBatch *
make_batch (gint64 process_id,
            guint  n,
            guint  variant)
{
  DlgIngestBatch *batch = dlg_ingest_batch_new ("csv");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("row-%u", i);
      g_autofree char *title = g_strdup_printf ("Idée %u", i);
      g_autofree char *body = g_strdup_printf ("Planter des arbres rue %u%s", i,
                                               variant != 0 && i % 2 == 0 ? " et des haies" : "");
      g_autoptr(DlgContribution) c = contribution (process_id, title, body);

      dlg_ingest_batch_add_contribution (batch, id, 0, c, DLG_INGEST_FLAGS_NONE);
    }
  return batch;
}

static DlgIngestReport *
apply (Fixture        *f,
       DlgIngestBatch *batch)
{
  g_autoptr(GError) error = NULL;
  DlgIngestReport *report = NULL;

  g_assert_true (dlg_ingest_batch_apply (f->store, batch, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static int
count_commits_cb (void *user_data)
{
  guint *n = user_data;

  (*n)++;
  return 0;
}

typedef struct
{
  guint         n_calls;
  guint         last_done;
  guint         total;
  guint         cancel_at;
  GCancellable *cancellable;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, >, p->last_done);
  g_assert_cmpuint (done, <=, total);
  p->n_calls++;
  p->last_done = done;
  p->total = total;
  if (p->cancellable != NULL && done >= p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

/* 1,000 items in one transaction, with progress. */
static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) batch = make_batch (f->process_id, 1000, 0);
  g_autoptr(DlgIngestReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  guint n_commits = 0;

  sqlite3_commit_hook (dlg_store_get_db (f->store), count_commits_cb, &n_commits);
  g_assert_true (dlg_ingest_batch_apply (f->store, batch, progress_cb, &progress, NULL,
                                         &report, &error));
  g_assert_no_error (error);
  sqlite3_commit_hook (dlg_store_get_db (f->store), NULL, NULL);

  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpuint (report->n_added, ==, 1000);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpuint (report->skipped->len, ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 1000);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE source = 'csv'"
                                    " AND source_id LIKE 'row-%' AND sync_state = 'synced'"),
                   ==, 1000);
  g_assert_cmpuint (progress.n_calls, ==, 10);
  g_assert_cmpuint (progress.last_done, ==, 1000);
  g_assert_cmpuint (progress.total, ==, 1000);
}

/* The same items again update the rows they made: never a second row. */
static void
test_reingest (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) first = make_batch (f->process_id, 100, 0);
  g_autoptr(DlgIngestBatch) second = make_batch (f->process_id, 100, 1);
  g_autoptr(DlgIngestBatch) third = make_batch (f->process_id, 100, 1);
  g_autoptr(DlgIngestReport) r1 = apply (f, first);
  g_autoptr(DlgIngestReport) r2 = apply (f, second);
  g_autoptr(DlgIngestReport) r3 = apply (f, third);

  g_assert_cmpuint (r1->n_added, ==, 100);
  g_assert_cmpuint (r2->n_added, ==, 0);
  g_assert_cmpuint (r2->n_updated, ==, 50);
  g_assert_cmpuint (r2->n_unchanged, ==, 50);
  g_assert_cmpuint (r3->n_updated, ==, 0);
  g_assert_cmpuint (r3->n_unchanged, ==, 100);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 100);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE body LIKE"
                                    " '% et des haies'"), ==, 50);
  /* Uuids stay: the row is the same. */
  g_assert_cmpint (count (f->store, "SELECT count(DISTINCT uuid) FROM contribution"), ==, 100);

  /* Another source's "row-0" is another item; so is the same id in another process. */
  {
    g_autoptr(DlgIngestBatch) other = dlg_ingest_batch_new ("decidim");
    g_autoptr(DlgContribution) c = contribution (f->process_id, "Autre", "Autre source");
    g_autoptr(DlgIngestReport) r = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DlgProcess) process = dlg_process_create (f->store, "Autre démarche", &error);
    g_autoptr(DlgContribution) elsewhere = contribution (dlg_process_get_id (process), "Ailleurs",
                                                         "Dans l’autre démarche");
    g_autoptr(DlgIngestBatch) csv = dlg_ingest_batch_new ("csv");
    g_autoptr(DlgIngestReport) r4 = NULL;

    g_assert_no_error (error);
    dlg_ingest_batch_add_contribution (other, "row-0", 0, c, DLG_INGEST_FLAGS_NONE);
    r = apply (f, other);
    g_assert_cmpuint (r->n_added, ==, 1);
    dlg_ingest_batch_add_contribution (csv, "row-0", 0, elsewhere, DLG_INGEST_FLAGS_NONE);
    r4 = apply (f, csv);
    g_assert_cmpuint (r4->n_added, ==, 1);
    g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 102);
  }
}

/* With revisions: an item not newer than the copy held changes nothing. */
static void
test_revisions (Fixture       *f,
                gconstpointer  data)
{
  static const struct { gint64 rev; const char *title; guint added, updated, unchanged; } steps[] = {
    { 3, "Trois", 1, 0, 0 },
    { 2, "Deux", 0, 0, 1 },
    { 3, "Trois encore", 0, 0, 1 },
    { 4, "Quatre", 0, 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new ("decidim");
      g_autoptr(DlgContribution) c = contribution (f->process_id, steps[i].title, "");
      g_autoptr(DlgIngestReport) report = NULL;

      dlg_ingest_batch_add_contribution (batch, "proposal-17", steps[i].rev, c,
                                         DLG_INGEST_FLAGS_NONE);
      report = apply (f, batch);
      g_assert_cmpuint (report->n_added, ==, steps[i].added);
      g_assert_cmpuint (report->n_updated, ==, steps[i].updated);
      g_assert_cmpuint (report->n_unchanged, ==, steps[i].unchanged);
    }
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE title = 'Quatre'"
                                    " AND source_rev = 4 AND remote_rev IS NULL"), ==, 1);
}

/* Themes, notes, highlights, a registrant's status are the officer's: an ingestion never
 * writes them; a moderation decision on its way wins with DLG_INGEST_KEEP_MODERATION. */
static void
test_officer_kept (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgIngestBatch) first = make_batch (f->process_id, 2, 0);
  g_autoptr(DlgIngestReport) r1 = apply (f, first);
  g_autoptr(DlgTheme) theme = dlg_theme_new (f->process_id);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(DlgContribution) kept = NULL;
  g_autoptr(DlgContribution) other = NULL;
  g_autoptr(GListModel) themes = NULL;

  list = dlg_contribution_list (f->store, f->process_id, &error);
  g_assert_no_error (error);
  kept = g_list_model_get_item (list, 0);
  other = g_list_model_get_item (list, 1);

  dlg_theme_set_name (theme, "Nature en ville");
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  g_assert_no_error (error);
  g_assert_true (tag_one (f->store, dlg_contribution_get_id (kept),
                          dlg_theme_get_id (theme), TRUE, &error));
  g_assert_no_error (error);
  dlg_contribution_set_note (kept, "À rapprocher de la préconisation 3");
  dlg_contribution_set_highlighted (kept, TRUE);
  g_assert_true (dlg_contribution_save (f->store, kept, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_contribution_moderate (f->store, dlg_contribution_get_id (kept), "trashed",
                                            "Propos injurieux", &error));
  g_assert_no_error (error);
  g_assert_true (dlg_contribution_moderate (f->store, dlg_contribution_get_id (other),
                                            "trashed", "Hors sujet", &error));
  g_assert_no_error (error);

  /* The source says "published" for both: kept for the one whose decision is on its way. */
  {
    g_autoptr(DlgIngestBatch) again = dlg_ingest_batch_new ("csv");
    g_autoptr(DlgIngestReport) r2 = NULL;

    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *id = g_strdup_printf ("row-%u", i);
        g_autofree char *title = g_strdup_printf ("Idée %u", i);
        g_autoptr(JsonObject) json = json_object_new ();
        g_autoptr(DlgContribution) c = NULL;
        gboolean is_kept = g_strcmp0 (dlg_contribution_get_title (kept), title) == 0;

        json_object_set_string_member (json, "title", title);
        json_object_set_string_member (json, "body", "Nouveau texte");
        json_object_set_string_member (json, "created_at", "2026-11-20T10:00:00Z");
        json_object_set_string_member (json, "moderation", "published");
        c = dlg_contribution_new_from_json (f->process_id, NULL, json);
        dlg_ingest_batch_add_contribution (again, id, 0, c,
                                           is_kept ? DLG_INGEST_KEEP_MODERATION
                                                   : DLG_INGEST_FLAGS_NONE);
      }
    r2 = apply (f, again);
    g_assert_cmpuint (r2->n_updated, ==, 2);
  }

  {
    g_autoptr(DlgContribution) now_kept = dlg_contribution_load (f->store,
                                                                 dlg_contribution_get_id (kept),
                                                                 &error);
    g_autoptr(DlgContribution) now_other = dlg_contribution_load (f->store,
                                                                  dlg_contribution_get_id (other),
                                                                  &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dlg_contribution_get_body (now_kept), ==, "Nouveau texte");
    g_assert_cmpstr (dlg_contribution_get_moderation (now_kept), ==, "trashed");
    g_assert_cmpstr (dlg_contribution_get_moderation_reason (now_kept), ==, "Propos injurieux");
    g_assert_cmpstr (dlg_contribution_get_note (now_kept), ==,
                     "À rapprocher de la préconisation 3");
    g_assert_true (dlg_contribution_get_highlighted (now_kept));
    themes = dlg_contribution_list_themes (f->store, dlg_contribution_get_id (now_kept), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 1);
    g_assert_cmpstr (dlg_contribution_get_body (now_other), ==, "Nouveau texte");
    g_assert_cmpstr (dlg_contribution_get_moderation (now_other), ==, "published");
  }
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM moderation_event"), ==, 2);

  /* A registrant the draw selected stays selected. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new ("csv");
      g_autoptr(JsonObject) json = json_object_new ();
      g_autoptr(DlgParticipant) p = NULL;
      g_autoptr(DlgIngestReport) report = NULL;

      json_object_set_string_member (json, "age_band", i == 0 ? "45-59" : "60-74");
      json_object_set_string_member (json, "registered_at", "2026-11-20T10:00:00Z");
      p = dlg_participant_new_from_json (f->process_id, NULL, json);
      dlg_ingest_batch_add_registration (batch, "form-1", 0, p, NULL);
      report = apply (f, batch);
      g_assert_cmpuint (i == 0 ? report->n_added : report->n_updated, ==, 1);
      if (i == 0)
        g_assert_true (dlg_store_exec (f->store, "UPDATE participant SET status = 'selected',"
                                                 " reserve_rank = 2", &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant WHERE status ="
                                    " 'selected' AND reserve_rank = 2 AND age_band = '60-74'"),
                   ==, 1);
  g_clear_pointer (&r1, dlg_ingest_report_free);
}

/* What the domain refuses is skipped with the reason; the rest is applied. */
static void
test_invalid_skipped (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new ("csv");
  g_autoptr(DlgIngestReport) report = NULL;
  g_autoptr(DlgContribution) good = contribution (f->process_id, "Bonne", "Texte");
  g_autoptr(DlgContribution) empty = contribution (f->process_id, "", "");
  g_autoptr(DlgContribution) half = contribution (f->process_id, "Lieu", "");
  g_autoptr(DlgContribution) feature = contribution (f->process_id, "Fonction", "");
  g_autoptr(DlgContribution) nowhere = contribution (f->process_id + 100, "Ailleurs", "");
  g_autoptr(DlgContribution) good2 = contribution (f->process_id, "Bonne aussi", "");
  g_autoptr(DlgParticipant) person = NULL;
  g_autoptr(DlgParticipantContact) contact = NULL;
  static const char *reasons[] = {
    "A contribution needs a title or a text.",
    "A location needs both a latitude and a longitude.",
    "This feature is unknown.",
    "The process does not exist.",
    "“chez moi” is not an email address.",
  };

  dlg_contribution_set_lat (half, 47.2);
  dlg_contribution_set_feature (feature, "petition");
  {
    g_autoptr(JsonObject) json = json_object_new ();
    g_autoptr(JsonObject) c = json_object_new ();

    json_object_set_string_member (json, "registered_at", "2026-11-20T10:00:00Z");
    json_object_set_boolean_member (json, "consent", TRUE);
    json_object_set_string_member (c, "full_name", "Awa Diallo");
    json_object_set_string_member (c, "email", "chez moi");
    person = dlg_participant_new_from_json (f->process_id, NULL, json);
    contact = dlg_participant_contact_new_from_json (c);
  }

  dlg_ingest_batch_add_contribution (batch, "1", 0, good, DLG_INGEST_FLAGS_NONE);
  dlg_ingest_batch_add_contribution (batch, "2", 0, empty, DLG_INGEST_FLAGS_NONE);
  dlg_ingest_batch_add_contribution (batch, "3", 0, half, DLG_INGEST_FLAGS_NONE);
  dlg_ingest_batch_add_contribution (batch, "4", 0, feature, DLG_INGEST_FLAGS_NONE);
  dlg_ingest_batch_add_contribution (batch, "5", 0, nowhere, DLG_INGEST_FLAGS_NONE);
  dlg_ingest_batch_add_registration (batch, "6", 0, person, contact);
  dlg_ingest_batch_add_contribution (batch, "7", 0, good2, DLG_INGEST_FLAGS_NONE);
  report = apply (f, batch);

  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, G_N_ELEMENTS (reasons));
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      DlgIngestSkip *skip = report->skipped->pdata[i];
      g_autofree char *id = g_strdup_printf ("%u", i + 2);

      g_assert_cmpuint (skip->index, ==, i + 1);
      g_assert_cmpstr (skip->source_id, ==, id);
      g_assert_cmpstr (skip->reason, ==, reasons[i]);
    }
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant_contact"), ==, 0);
}

/* The FTS index follows what is ingested, and what is ingested again. */
static void
test_fts (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) first = make_batch (f->process_id, 10, 0);
  g_autoptr(DlgIngestBatch) second = make_batch (f->process_id, 10, 1);
  g_autoptr(DlgIngestReport) r1 = apply (f, first);
  g_autoptr(DlgContributionList) list = dlg_contribution_list_new (f->store, f->process_id);

  dlg_contribution_list_set_search (list, "arbres");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  dlg_contribution_list_set_search (list, "haies");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_clear_pointer (&r1, dlg_ingest_report_free);
  r1 = apply (f, second);
  dlg_contribution_list_refresh (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution_fts WHERE"
                                    " contribution_fts MATCH 'haies'"), ==, 5);
  /* The index is exactly the table's (no stale entry for the old text). */
  g_assert_true (dlg_store_exec (f->store, "INSERT INTO contribution_fts (contribution_fts,"
                                           " rank) VALUES ('integrity-check', 1)", NULL));
}

/* Cancelling rolls the whole batch back. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) batch = make_batch (f->process_id, 1000, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DlgIngestReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { .cancellable = cancellable, .cancel_at = 500 };

  g_assert_false (dlg_ingest_batch_apply (f->store, batch, progress_cb, &progress, cancellable,
                                          &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_cmpuint (progress.last_done, ==, 500);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution_fts"), ==, 0);

  /* Inside a transaction of the caller's, only the batch goes. */
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  progress = (Progress) { .cancellable = cancellable, .cancel_at = 100 };
  g_assert_true (dlg_store_begin (f->store, &error));
  g_assert_true (dlg_store_exec (f->store, "UPDATE process SET summary = 'gardé'", &error));
  g_assert_false (dlg_ingest_batch_apply (f->store, batch, progress_cb, &progress, cancellable,
                                          NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (dlg_store_commit (f->store, &error));
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM process WHERE summary = 'gardé'"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 0);
}

/* Registrations with their contact data; removals and GDPR erasures by the source's id. */
static void
test_registrations (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new ("csv");
  g_autoptr(DlgIngestBatch) removals = dlg_ingest_batch_new ("csv");
  g_autoptr(DlgIngestBatch) again = dlg_ingest_batch_new ("csv");
  g_autoptr(DlgContribution) c = contribution (f->process_id, "Une idée", "");
  g_autoptr(DlgContribution) c2 = contribution (f->process_id, "Une autre", "");
  g_autoptr(DlgIngestReport) report = NULL;
  g_autoptr(DlgIngestReport) r2 = NULL;
  g_autoptr(DlgIngestReport) r3 = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("form-%u", i);
      g_autofree char *email = g_strdup_printf ("personne%u@example.fr", i);
      g_autoptr(JsonObject) json = json_object_new ();
      g_autoptr(JsonObject) contact_json = json_object_new ();
      g_autoptr(DlgParticipant) p = NULL;
      g_autoptr(DlgParticipantContact) contact = NULL;

      json_object_set_string_member (json, "age_band", "18-29");
      json_object_set_string_member (json, "commune", "nantes");
      json_object_set_boolean_member (json, "consent", TRUE);
      json_object_set_string_member (json, "registered_at", "2026-11-20T10:00:00Z");
      json_object_set_string_member (contact_json, "email", email);
      p = dlg_participant_new_from_json (f->process_id, NULL, json);
      contact = dlg_participant_contact_new_from_json (contact_json);
      dlg_ingest_batch_add_registration (batch, id, 0, p, contact);
      if (i == 1)
        dlg_ingest_batch_add_registration (again, id, 0, p, contact);
    }
  dlg_ingest_batch_add_contribution (batch, "c-1", 0, c, DLG_INGEST_FLAGS_NONE);
  dlg_ingest_batch_add_contribution (batch, "c-2", 0, c2, DLG_INGEST_FLAGS_NONE);
  report = apply (f, batch);
  g_assert_cmpuint (report->n_added, ==, 5);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant_contact c JOIN participant"
                                    " p ON p.id = c.participant_id WHERE p.source = 'csv'"
                                    " AND c.email LIKE 'personne%@example.fr'"), ==, 3);

  /* A withdrawal deletes; an erasure keeps the row, blank, and drops the contact. */
  dlg_ingest_batch_add_removal (removals, DLG_INGEST_REGISTRATION, "form-0", 0, FALSE);
  dlg_ingest_batch_add_removal (removals, DLG_INGEST_REGISTRATION, "form-1", 0, TRUE);
  dlg_ingest_batch_add_removal (removals, DLG_INGEST_CONTRIBUTION, "c-1", 0, FALSE);
  dlg_ingest_batch_add_removal (removals, DLG_INGEST_CONTRIBUTION, "c-2", 0, TRUE);
  r2 = apply (f, removals);
  g_assert_cmpuint (r2->n_removed, ==, 4);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant"), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant WHERE source_id ="
                                    " 'form-1' AND status = 'erased' AND age_band = ''"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant_contact"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE title = ''"), ==, 1);

  /* Someone erased at their request stays erased, whatever the source sends again. */
  r3 = apply (f, again);
  g_assert_cmpuint (r3->n_unchanged, ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant_contact"), ==, 1);
}

/* A registrant a draw refers to is not deleted by a withdrawal: erased, without contact data;
 * a new registrant is "registered", whatever the object handed in says. */
static void
test_withdraw_drawn (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new ("csv");
  g_autoptr(DlgIngestBatch) removals = dlg_ingest_batch_new ("csv");
  g_autoptr(DlgIngestReport) report = NULL;
  g_autoptr(DlgIngestReport) r2 = NULL;
  g_autoptr(DlgParticipant) p = dlg_participant_new (f->process_id);
  g_autoptr(DlgParticipantContact) contact = dlg_participant_contact_new (0);
  g_autofree char *sql = NULL;

  dlg_participant_set_age_band (p, "30-44");
  dlg_participant_set_status (p, "selected");
  dlg_record_set_string (DLG_RECORD (p), "registered-at", "2026-11-20T10:00:00Z");
  dlg_participant_contact_set_email (contact, "someone@example.fr");
  dlg_ingest_batch_add_registration (batch, "form-9", 7, p, contact);
  report = apply (f, batch);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant WHERE source_id = 'form-9'"
                                    " AND status = 'registered' AND source_rev = 7"
                                    " AND reserve_rank IS NULL AND remote_rev IS NULL"), ==, 1);

  sql = g_strdup_printf ("INSERT INTO draw (id, uuid, process_id, algorithm, seed, panel_size,"
                         " inputs_json, result_json, created_at) VALUES (1, 'd', %" G_GINT64_FORMAT
                         ", 'legacy', 1, 1, '{}', '{}', '2026-11-21');"
                         " INSERT INTO draw_probability (draw_id, participant_id, probability)"
                         " SELECT 1, id, 0.5 FROM participant WHERE source_id = 'form-9'",
                         f->process_id);
  g_assert_true (dlg_store_exec (f->store, sql, &error));
  g_assert_no_error (error);

  dlg_ingest_batch_add_removal (removals, DLG_INGEST_REGISTRATION, "form-9", 8, FALSE);
  r2 = apply (f, removals);
  g_assert_cmpuint (r2->n_removed, ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant WHERE source_id = 'form-9'"
                                    " AND status = 'erased' AND age_band = '' AND source_rev = 8"),
                   ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM participant_contact"), ==, 0);
}

/* After a full scan, what the source no longer has goes; what it still has stays. */
static void
test_remove_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) batch = make_batch (f->process_id, 5, 0);
  g_autoptr(DlgIngestReport) report = apply (f, batch);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) own = contribution (f->process_id, "Reçue par courrier", "");
  guint n_removed = 0;

  dlg_contribution_set_channel (own, "mail");
  g_assert_true (dlg_contribution_save (f->store, own, &error));
  g_assert_no_error (error);
  g_hash_table_add (keep, (gpointer) "row-1");
  g_hash_table_add (keep, (gpointer) "row-3");
  g_assert_true (dlg_ingest_remove_missing (f->store, "csv", DLG_INGEST_CONTRIBUTION, keep,
                                            &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE source_id IN"
                                    " ('row-1', 'row-3')"), ==, 2);
}

static gint64
count_marked (Fixture *f)
{
  return count (f->store, "SELECT count(*) FROM contribution WHERE site_missing_at IS NOT NULL");
}

/* The site's contributions are never removed on absence alone: marked "no longer on the site"
 * and kept; the mark goes when the site lists them again; its deletion removes them. */
static void
test_site_missing_marked (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new (DLG_INGEST_SOURCE_SITE);
  g_autoptr(DlgIngestReport) report = NULL;
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_missing = 0, n_held = 0, n_removed = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(DlgContribution) c = contribution (f->process_id, "En ligne", "");

      g_ptr_array_add (uuids, g_uuid_string_random ());
      dlg_contribution_set_channel (c, "online");
      dlg_ingest_batch_add_contribution (batch, uuids->pdata[i], i + 1, c,
                                         DLG_INGEST_FLAGS_NONE);
    }
  report = apply (f, batch);
  g_assert_cmpuint (report->n_added, ==, 4);

  /* Counting changes nothing. */
  g_hash_table_add (keep, uuids->pdata[0]);
  g_hash_table_add (keep, uuids->pdata[1]);
  g_assert_true (dlg_ingest_count_missing (f->store, DLG_INGEST_SOURCE_SITE,
                                           DLG_INGEST_CONTRIBUTION, keep, &n_missing, &n_held,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_missing, ==, 2);
  g_assert_cmpuint (n_held, ==, 4);
  g_assert_cmpint (count_marked (f), ==, 0);

  g_assert_true (dlg_ingest_remove_missing (f->store, DLG_INGEST_SOURCE_SITE,
                                            DLG_INGEST_CONTRIBUTION, keep, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 4);
  g_assert_cmpint (count_marked (f), ==, 2);

  /* Already marked: not counted again. */
  g_assert_true (dlg_ingest_count_missing (f->store, DLG_INGEST_SOURCE_SITE,
                                           DLG_INGEST_CONTRIBUTION, keep, &n_missing, NULL,
                                           &error));
  g_assert_cmpuint (n_missing, ==, 0);

  /* The site sends #2 again: its mark goes. A full scan that lists #3 again clears its own. */
  {
    g_autoptr(DlgIngestBatch) again = dlg_ingest_batch_new (DLG_INGEST_SOURCE_SITE);
    g_autoptr(DlgIngestReport) r2 = NULL;
    g_autoptr(DlgContribution) c = contribution (f->process_id, "En ligne", "");

    dlg_contribution_set_channel (c, "online");
    dlg_ingest_batch_add_contribution (again, uuids->pdata[2], 10, c, DLG_INGEST_FLAGS_NONE);
    r2 = apply (f, again);
    g_assert_cmpuint (r2->n_updated, ==, 1);
  }
  g_assert_cmpint (count_marked (f), ==, 1);
  g_hash_table_add (keep, uuids->pdata[2]);
  g_hash_table_add (keep, uuids->pdata[3]);
  g_assert_true (dlg_ingest_remove_missing (f->store, DLG_INGEST_SOURCE_SITE,
                                            DLG_INGEST_CONTRIBUTION, keep, &n_removed, &error));
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_cmpint (count_marked (f), ==, 0);

  /* Only the site's deletion removes one. */
  {
    g_autoptr(DlgIngestBatch) removal = dlg_ingest_batch_new (DLG_INGEST_SOURCE_SITE);
    g_autoptr(DlgIngestReport) r3 = NULL;

    dlg_ingest_batch_add_removal (removal, DLG_INGEST_CONTRIBUTION, uuids->pdata[3], 20, FALSE);
    r3 = apply (f, removal);
    g_assert_cmpuint (r3->n_removed, ==, 1);
  }
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"), ==, 3);
}

/* Reading sync v1's JSON: what the site sends becomes the type's fields. */
static void
test_from_json (Fixture       *f,
                gconstpointer  data)
{
  static const char json[] =
    "{\"process_id\": \"x\", \"feature\": \"map\", \"kind\": \"pin\", \"title\": \"Ici\","
    " \"body\": \"Un banc\", \"lat\": 47, \"lon\": -1.55, \"answers\": {\"a\": [1, 2]},"
    " \"created_at\": \"2026-11-20T10:00:00Z\", \"moderation\": \"published\","
    " \"moderation_reason\": null, \"supports\": 4, \"channel\": 12,"
    " \"author_ref\": \"Léa\", \"parent_id\": null}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = dlg_json_parse (json, -1, &error);
  g_autoptr(DlgContribution) c = NULL;

  g_assert_no_error (error);
  c = dlg_contribution_new_from_json (f->process_id, "22222222-2222-4222-8222-222222222222",
                                      json_node_get_object (node));
  g_assert_cmpstr (dlg_contribution_get_uuid (c), ==, "22222222-2222-4222-8222-222222222222");
  g_assert_cmpint (dlg_contribution_get_process_id (c), ==, f->process_id);
  g_assert_cmpstr (dlg_contribution_get_feature (c), ==, "map");
  g_assert_cmpstr (dlg_contribution_get_kind (c), ==, "pin");
  g_assert_cmpstr (dlg_contribution_get_channel (c), ==, "online");  /* not a string */
  g_assert_cmpfloat (dlg_contribution_get_lat (c), ==, 47.0);
  g_assert_cmpfloat (dlg_contribution_get_lon (c), ==, -1.55);
  g_assert_cmpstr (dlg_contribution_get_data_json (c), ==, "{\"a\":[1,2]}");
  g_assert_cmpstr (dlg_contribution_get_moderation (c), ==, "published");
  g_assert_null (dlg_contribution_get_moderation_reason (c));
  g_assert_null (dlg_contribution_get_parent_uuid (c));
  g_assert_cmpint (dlg_contribution_get_supports (c), ==, 4);
  g_assert_cmpstr (dlg_contribution_get_author_ref (c), ==, "Léa");
  g_assert_true (dlg_contribution_validate (f->store, c, &error));
  g_assert_no_error (error);

  /* The site's ids are our uuids: found by uuid once stored. */
  {
    g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new (DLG_INGEST_SOURCE_SITE);
    g_autoptr(DlgIngestReport) report = NULL;
    g_autoptr(DlgContribution) found = NULL;

    dlg_ingest_batch_add_contribution (batch, dlg_contribution_get_uuid (c), 7, c,
                                       DLG_INGEST_FLAGS_NONE);
    report = apply (f, batch);
    g_assert_cmpuint (report->n_added, ==, 1);
    found = dlg_contribution_find_by_uuid (f->store, "22222222-2222-4222-8222-222222222222",
                                           &error);
    g_assert_no_error (error);
    g_assert_cmpint (dlg_contribution_get_remote_rev (found), ==, 7);
    g_assert_cmpstr (dlg_contribution_get_title (found), ==, "Ici");
    g_assert_null (dlg_contribution_find_by_uuid (f->store, "nope", &error));
    g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  }
}

/* Migration 6 marks what the pull stored as the site's, and nothing else. */
static void
test_migrate_backfill (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "v5.db", NULL);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const DlgMigration *migrations;
  guint n_migrations;
  sqlite3 *db = NULL;

  migrations = dlg_schema_get_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 6);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (sqlite3_exec (db, migrations[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA user_version = 5; PRAGMA application_id = 1145849649;"
    "INSERT INTO process (uuid, title, created_at, updated_at) VALUES ('p', 'Ancienne',"
    " '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
    "INSERT INTO contribution (uuid, process_id, feature, channel, created_at, remote_rev)"
    " VALUES ('pulled', 1, 'ideas', 'online', 'x', 4), ('paper', 1, 'ideas', 'mail', 'x', 2),"
    " ('local', 1, 'ideas', 'in_person', 'x', NULL);"
    "INSERT INTO participant (uuid, process_id, registered_at, remote_rev) VALUES"
    " ('registered-online', 1, 'x', 3), ('registered-here', 1, 'x', NULL);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE source = 'site'"
                                 " AND source_id = uuid"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE uuid = 'pulled'"
                                 " AND source = 'site'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM participant WHERE source = 'site'"
                                 " AND uuid = 'registered-online'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM participant WHERE source IS NULL"), ==, 1);
  /* The pair is unique per process. */
  g_assert_false (dlg_store_exec (store, "INSERT INTO contribution (uuid, process_id, feature,"
                                         " created_at, source, source_id) VALUES ('again', 1,"
                                         " 'ideas', 'x', 'site', 'pulled')", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

typedef struct
{
  DlgIngestReport *report;
  GError          *error;
  gboolean         done;
  guint            n_progress;
  guint            last_done;
  GThread         *thread;
} AsyncRun;

static void
async_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->thread);
  g_assert_false (run->done);
  g_assert_cmpuint (done, >, run->last_done);
  run->last_done = done;
  run->n_progress++;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->report = dlg_ingest_batch_apply_finish (DLG_STORE (source), result, &run->error);
  run->done = TRUE;
}

/* Off the main thread, on the same file; progress comes to the caller's main context. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "async.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (path, &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncRun run = { .thread = g_thread_self () };
  AsyncRun cancelled = { .thread = g_thread_self () };

  g_assert_no_error (error);
  process = dlg_process_create (store, "Fichier", &error);
  g_assert_no_error (error);

  dlg_ingest_batch_apply_async (store, make_batch (dlg_process_get_id (process), 1000, 0),
                                async_progress_cb, &run, NULL, NULL, async_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.report->n_added, ==, 1000);
  g_assert_cmpuint (run.n_progress, ==, 10);
  g_assert_cmpuint (run.last_done, ==, 1000);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution"), ==, 1000);
  dlg_ingest_report_free (run.report);

  g_cancellable_cancel (cancellable);
  dlg_ingest_batch_apply_async (store, make_batch (dlg_process_get_id (process), 10, 1),
                                NULL, NULL, NULL, cancellable, async_done_cb, &cancelled);
  while (!cancelled.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.report);
  g_clear_error (&cancelled.error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE body LIKE"
                                 " '% et des haies'"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/ingest/batch", test_batch);
  ADD ("/core/ingest/reingest", test_reingest);
  ADD ("/core/ingest/revisions", test_revisions);
  ADD ("/core/ingest/officer-kept", test_officer_kept);
  ADD ("/core/ingest/invalid-skipped", test_invalid_skipped);
  ADD ("/core/ingest/fts", test_fts);
  ADD ("/core/ingest/cancel", test_cancel);
  ADD ("/core/ingest/registrations", test_registrations);
  ADD ("/core/ingest/withdraw-drawn", test_withdraw_drawn);
  ADD ("/core/ingest/remove-missing", test_remove_missing);
  ADD ("/core/ingest/site-missing-marked", test_site_missing_marked);
  ADD ("/core/ingest/from-json", test_from_json);
  ADD ("/core/ingest/migrate-backfill", test_migrate_backfill);
  ADD ("/core/ingest/async", test_async);
#undef ADD

  return g_test_run ();
}
