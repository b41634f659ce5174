/* test-gdpr.c — personal data: retention, purge, erasure on request, right of access, and the
 * site told through the sync (a real dialogue-site on loopback)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "dlg-gdpr.h"
#include "sync-test-site.h"

/* What the people of the tests hold: none of it may reach the journal. */
static const char *const canaries[] = {
  "Inès Benali", "ines.benali@example.org", "06 11 22 33 44", "12 rue des Canaris",
  "foyer-canari", "Claire Martin", "claire.martin@example.org", "07 55 44 33 22",
  "3 allée du Serin",
};

typedef struct
{
  char     *dir;
  DlgStore *store;
  gint64    process_id;
  char     *process_uuid;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("dialogue-gdpr-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "app.db", NULL);
  f->store = test_app_open (path);
  f->process_id = test_app_process (f->store, &f->process_uuid);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_free (f->process_uuid);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
}

static gint64
add_person (Fixture    *f,
            const char *name,
            const char *email,
            const char *phone,
            const char *address,
            const char *household)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgParticipant) p = dlg_participant_new (f->process_id);
  g_autoptr(DlgParticipantContact) c = NULL;

  dlg_participant_set_channel (p, "in_person");
  dlg_participant_set_gender (p, "woman");
  dlg_participant_set_age_band (p, "30-44");
  dlg_participant_set_commune (p, "nantes");
  dlg_participant_set_household (p, household);
  dlg_participant_set_consent (p, TRUE);
  g_assert_true (dlg_participant_save (f->store, p, &error));
  g_assert_no_error (error);
  c = dlg_participant_contact_new (dlg_participant_get_id (p));
  dlg_participant_contact_set_full_name (c, name);
  dlg_participant_contact_set_email (c, email);
  dlg_participant_contact_set_phone (c, phone);
  dlg_participant_contact_set_address (c, address);
  g_assert_true (dlg_participant_contact_save (f->store, c, &error));
  g_assert_no_error (error);
  return dlg_participant_get_id (p);
}

static void
add_two_people (Fixture *f)
{
  add_person (f, canaries[0], canaries[1], canaries[2], canaries[3], canaries[4]);
  add_person (f, canaries[5], canaries[6], canaries[7], canaries[8], NULL);
}

/* Closes the follow-up stage @days_ago days ago (its rules are not what these tests check). */
static void
close_follow_up (Fixture *f,
                 int      days_ago)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree char *at = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (
    f->store, "UPDATE stage_state SET state = 'done', ended_at = ?2"
    " WHERE process_id = ?1 AND stage = 'follow_up'", &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, f->process_id);
  dlg_stmt_bind_text (stmt, 2, at);
  g_assert_true (dlg_store_step_done (f->store, stmt, &error));
  g_assert_no_error (error);
}

/* Every column of every journal entry of the process, and the outbox, hold no canary, nor the
 * uuid of a registrant. */
static void
assert_journal_clean (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (
    f->store, "SELECT coalesce (actor, '') || '|' || action || '|' || object_type || '|'"
    " || object_id || '|' || summary || '|' || coalesce (field, '') || '|'"
    " || coalesce (old_value, '') || '|' || coalesce (new_value, '') FROM journal"
    " UNION ALL SELECT coalesce (body, '') FROM outbox", &error);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  {
    g_autoptr(DlgStmt) people = dlg_store_prepare (f->store, "SELECT uuid FROM participant",
                                                   &error);
    while (sqlite3_step (people) == SQLITE_ROW)
      g_ptr_array_add (uuids, dlg_stmt_dup_text (people, 0));
  }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = dlg_stmt_get_text (stmt, 0);

      for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
        g_assert_null (strstr (text, canaries[i]));
      /* an outbox body names a registration; the journal never does */
      if (!g_str_has_prefix (text, "{"))
        for (guint i = 0; i < uuids->len; i++)
          g_assert_null (strstr (text, uuids->pdata[i]));
    }
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return test_app_count (f->store, sql);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprStatus) status = NULL;
  g_autoptr(DlgGdprStatus) later = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) in_a_year = g_date_time_add_years (now, 1);

  add_two_people (f);
  status = dlg_gdpr_get_status (f->store, f->process_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->retention_months, ==, 6);
  g_assert_true (status->retention_is_default);
  g_assert_null (status->follow_up_ended_at);
  g_assert_null (status->retention_ends_at);
  g_assert_false (status->retention_ended);
  g_assert_cmpuint (status->n_people, ==, 2);
  /* four contact fields each, and one household */
  g_assert_cmpuint (status->n_fields, ==, 9);
  g_assert_null (status->last_purge_at);
  g_clear_pointer (&status, dlg_gdpr_status_free);

  /* the mandate sets it; nonsense is refused and changes nothing */
  g_assert_false (dlg_process_set_field (f->store, f->process_id,
                                         DLG_FIELD_MANDATE_RETENTION_MONTHS, "douze", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dlg_process_set_field (f->store, f->process_id,
                                         DLG_FIELD_MANDATE_RETENTION_MONTHS, "121", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dlg_process_set_field (f->store, f->process_id,
                                        DLG_FIELD_MANDATE_RETENTION_MONTHS, "3", &error));
  g_assert_no_error (error);

  close_follow_up (f, 10);
  status = dlg_gdpr_get_status (f->store, f->process_id, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->retention_months, ==, 3);
  g_assert_false (status->retention_is_default);
  g_assert_nonnull (status->follow_up_ended_at);
  g_assert_nonnull (status->retention_ends_at);
  g_assert_cmpstr (status->retention_ends_at, >, status->follow_up_ended_at);
  g_assert_false (status->retention_ended);
  later = dlg_gdpr_get_status (f->store, f->process_id, in_a_year, &error);
  g_assert_no_error (error);
  g_assert_true (later->retention_ended);
  g_assert_cmpstr (later->retention_ends_at, ==, status->retention_ends_at);
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprStatus) status = NULL;
  DlgGdprCounts counts = { 99, 99 };
  gint64 n_journal;

  add_two_people (f);
  /* not before the follow-up closes, nor before the retention ends */
  g_assert_false (dlg_gdpr_purge (f->store, f->process_id, &counts, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_RULE);
  g_clear_error (&error);
  close_follow_up (f, 30);
  g_assert_false (dlg_gdpr_purge (f->store, f->process_id, &counts, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_RULE);
  g_assert_nonnull (strstr (error->message, "cannot be purged before"));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant_contact"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM gdpr_erasure"), ==, 0);

  g_assert_true (dlg_process_set_field (f->store, f->process_id,
                                        DLG_FIELD_MANDATE_RETENTION_MONTHS, "0", &error));
  g_assert_no_error (error);
  g_assert_true (dlg_gdpr_purge (f->store, f->process_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_people, ==, 2);
  g_assert_cmpuint (counts.n_fields, ==, 9);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant_contact"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant WHERE household IS NOT NULL"),
                   ==, 0);
  /* the profile stays, for the figures of the bilan */
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant WHERE gender = 'woman'"
                             " AND status <> 'erased'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.purge'"
                             " AND summary LIKE '%2 people, 9 fields%'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM gdpr_erasure WHERE scope = 'contacts'"
                             " AND registration_uuid IS NULL AND sent_at IS NULL"), ==, 1);
  assert_journal_clean (f);
  {
    gint64 n_entries = 0;
    g_assert_true (dlg_journal_verify (f->store, f->process_id, &n_entries, &error));
    g_assert_no_error (error);
  }

  status = dlg_gdpr_get_status (f->store, f->process_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (status->retention_ended);
  g_assert_cmpuint (status->n_people, ==, 0);
  g_assert_nonnull (status->last_purge_at);
  g_assert_cmpuint (status->n_unsent, ==, 1);

  /* nothing left: a second purge writes nothing */
  n_journal = count (f, "SELECT count(*) FROM journal");
  g_assert_true (dlg_gdpr_purge (f->store, f->process_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_people, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal"), ==, n_journal);
  g_assert_cmpint (count (f, "SELECT count(*) FROM gdpr_erasure"), ==, 1);
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(DlgGdprPerson) one = NULL;

  add_two_people (f);
  add_person (f, "Inès Durand", "ines.durand@example.org", "", "", NULL);

  /* an e-mail address, whole and case folded */
  one = dlg_gdpr_find_one (f->store, f->process_id, "  INES.Benali@Example.org ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->full_name, ==, canaries[0]);
  g_clear_pointer (&one, dlg_gdpr_person_free);
  people = dlg_gdpr_find_people (f->store, f->process_id, "benali@example.org", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
  g_clear_pointer (&people, g_ptr_array_unref);

  /* words of a name, accents folded */
  people = dlg_gdpr_find_people (f->store, f->process_id, "ines", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_null (dlg_gdpr_find_one (f->store, f->process_id, "ines", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  one = dlg_gdpr_find_one (f->store, f->process_id, "ines benali", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->email, ==, canaries[1]);
  {
    g_auto(GStrv) lines = dlg_gdpr_person_describe (one);

    g_assert_cmpuint (g_strv_length (lines), ==, 5);
    g_assert_cmpstr (lines[0], ==, "Name: Inès Benali");
    g_assert_nonnull (strstr (lines[4], "Profile: 5 answers"));
  }
  g_assert_cmpuint (dlg_gdpr_person_count_fields (one), ==, 9);

  g_assert_null (dlg_gdpr_find_one (f->store, f->process_id, "nobody@example.org", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dlg_gdpr_find_people (f->store, f->process_id, "   ", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

static void
test_erase (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprPerson) one = NULL;
  g_autoptr(GPtrArray) people = NULL;
  DlgGdprCounts counts;

  add_two_people (f);
  one = dlg_gdpr_find_one (f->store, f->process_id, canaries[1], &error);
  g_assert_no_error (error);
  g_assert_true (dlg_gdpr_erase_person (f->store, one->participant_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_people, ==, 1);
  g_assert_cmpuint (counts.n_fields, ==, 9);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant_contact"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant WHERE status = 'erased'"
                             " AND gender = '' AND age_band = '' AND commune = ''"
                             " AND household IS NULL AND consent_at IS NULL"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.erase'"
                             " AND summary LIKE '%9 fields%'"), ==, 1);
  /* entered by hand: the site holds nothing of theirs, nothing to send */
  g_assert_cmpint (count (f, "SELECT count(*) FROM gdpr_erasure"), ==, 0);
  assert_journal_clean (f);

  /* gone from the search; erasing again is refused */
  people = dlg_gdpr_find_people (f->store, f->process_id, canaries[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
  g_assert_false (dlg_gdpr_erase_person (f->store, one->participant_id, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  /* the other one is untouched */
  g_clear_pointer (&one, dlg_gdpr_person_free);
  one = dlg_gdpr_find_one (f->store, f->process_id, canaries[6], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->phone, ==, canaries[7]);
}

static void
test_access (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_build_filename (f->dir, "access.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent/dir/access.json");
  gint64 id = add_person (f, canaries[0], canaries[1], canaries[2], canaries[3], canaries[4]);
  g_autofree char *json = NULL;
  JsonObject *root, *contact, *profile;
  GStatBuf st;

  /* a write that fails journals nothing */
  g_assert_null (dlg_gdpr_access_export (f->store, id, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.access'"), ==, 0);

  json = dlg_gdpr_access_export (f->store, id, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, canaries[1]));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  contact = json_object_get_object_member (root, "contact");
  g_assert_cmpstr (json_object_get_string_member (contact, "full_name"), ==, canaries[0]);
  g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==, canaries[1]);
  g_assert_cmpstr (json_object_get_string_member (contact, "phone"), ==, canaries[2]);
  g_assert_cmpstr (json_object_get_string_member (contact, "address"), ==, canaries[3]);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                   "registration"), "household"), ==, canaries[4]);
  profile = json_object_get_object_member (json_object_get_object_member (root, "registration"),
                                           "profile");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (profile,
                   "gender"), "value"), ==, "woman");
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (profile,
                    "gender"), "label"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                   "process"), "id"), ==, f->process_uuid);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "draws")), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.access'"), ==, 1);
  assert_journal_clean (f);
}

/* The migration keeps the outbox and its delete triggers. */
static void
test_outbox_kept (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                             " AND name IN ('narrative_sync_delete', 'commitment_sync_delete',"
                             " 'follow_up_sync_delete', 'contribution_sync_delete')"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE object_type = 'process'"), ==, 1);
}

/* With the site ------------------------------------------------------------------------------ */

typedef struct
{
  Fixture        app;
  TestSite      *site;
  DlgSyncClient *client;
} SiteFixture;

static void
site_set_up (SiteFixture   *f,
             gconstpointer  data)
{
  fixture_set_up (&f->app, data);
  f->site = test_site_start (f->app.dir);
  f->client = test_app_client (f->app.store, f->site);
}

static void
site_tear_down (SiteFixture   *f,
                gconstpointer  data)
{
  g_clear_object (&f->client);
  test_site_stop (f->site);
  fixture_tear_down (&f->app, data);
}

static void
register_on_site (SiteFixture *f,
                  const char  *name,
                  const char  *email,
                  const char  *phone)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/register", f->app.process_uuid);
  const char *fields[] = {
    "age_band", "30-44", "gender", "woman", "commune", "nantes", "occupation", "employee",
    "prior_participation", "no", "full_name", name, "email", email, "phone", phone,
    "consent", "yes", NULL
  };

  test_site_post_form (f->site, path, fields);
}

static gint64
site_count (SiteFixture *f,
            const char  *sql,
            const char  *arg)
{
  g_autoptr(DlgSiteDb) db = test_site_open_db (f->site);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_site_db_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The change feed as the app reads it (with the personal scope): the site's own answer. */
static char *
site_changes (SiteFixture *f)
{
  g_autofree char *uri = g_strconcat (f->site->base_uri, "/api/sync/v1/changes?limit=500",
                                      NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", f->site->token);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (f->site->http, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static guint
post_erasure (SiteFixture *f,
              const char  *key,
              const char  *body,
              char       **answer)
{
  g_autofree char *uri = g_strconcat (f->site->base_uri, "/api/sync/v1/erasures", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", f->site->token);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                  key);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  reply = soup_session_send_and_read (f->site->http, msg, NULL, &error);
  g_assert_no_error (error);
  if (answer != NULL)
    *answer = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return soup_message_get_status (msg);
}

static void
test_site_erase_person (SiteFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprPerson) one = NULL;
  g_autofree char *feed = NULL;

  test_app_sync (f->client);
  register_on_site (f, canaries[0], canaries[1], "0611223344");
  register_on_site (f, canaries[5], canaries[6], "0755443322");
  test_app_sync (f->client);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM participant_contact"), ==, 2);
  g_assert_cmpint (site_count (f, "SELECT count(*) FROM registration_contacts", NULL), ==, 2);

  one = dlg_gdpr_find_one (f->app.store, f->app.process_id, canaries[1], &error);
  g_assert_no_error (error);
  g_assert_true (one->from_site);
  g_assert_true (dlg_gdpr_erase_person (f->app.store, one->participant_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM gdpr_erasure WHERE scope = 'person'"
                                   " AND sent_at IS NULL"), ==, 1);
  /* the site still has it until the sync */
  g_assert_cmpint (site_count (f, "SELECT count(*) FROM registration_contacts WHERE id = ?1",
                               one->uuid), ==, 1);

  test_app_sync (f->client);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM gdpr_erasure WHERE sent_at IS NULL"),
                   ==, 0);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM outbox"), ==, 0);
  /* the site holds nothing of hers: no contact row, a tombstone without her profile */
  g_assert_cmpint (site_count (f, "SELECT count(*) FROM registration_contacts WHERE id = ?1",
                               one->uuid), ==, 0);
  g_assert_cmpint (site_count (f, "SELECT count(*) FROM objects WHERE id = ?1 AND deleted = 1"
                                  " AND erasure = 1 AND data NOT LIKE '%30-44%'", one->uuid),
                   ==, 1);
  g_assert_cmpint (site_count (f, "SELECT count(*) FROM registration_contacts", NULL), ==, 1);
  /* and serves nothing of hers */
  feed = site_changes (f);
  g_assert_null (strstr (feed, canaries[0]));
  g_assert_null (strstr (feed, canaries[1]));
  g_assert_nonnull (strstr (feed, canaries[6]));

  /* the tombstone comes back in the feed: the app keeps her erased, once */
  test_app_sync (f->client);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM participant WHERE status = 'erased'"),
                   ==, 1);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM participant_contact"), ==, 1);
  assert_journal_clean (&f->app);
}

static void
test_site_purge (SiteFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *replayed = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;

  test_app_sync (f->client);
  register_on_site (f, canaries[0], canaries[1], "0611223344");
  test_app_sync (f->client);
  /* one the app has not pulled yet: the site purges it too */
  register_on_site (f, canaries[5], canaries[6], "0755443322");
  g_assert_cmpint (site_count (f, "SELECT count(*) FROM registration_contacts", NULL), ==, 2);

  g_assert_true (dlg_process_set_field (f->app.store, f->app.process_id,
                                        DLG_FIELD_MANDATE_RETENTION_MONTHS, "0", &error));
  close_follow_up (&f->app, 1);
  g_assert_true (dlg_gdpr_purge (f->app.store, f->app.process_id, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->app.store, "SELECT uuid FROM gdpr_erasure",
                                                 &error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    key = dlg_stmt_dup_text (stmt, 0);
  }
  test_app_sync (f->client);

  g_assert_cmpint (site_count (f, "SELECT count(*) FROM registration_contacts", NULL), ==, 0);
  /* the registrations stay, with their profile */
  g_assert_cmpint (site_count (f, "SELECT count(*) FROM objects WHERE type = 'registration'"
                                  " AND deleted = 0", NULL), ==, 2);
  feed = site_changes (f);
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    g_assert_null (strstr (feed, canaries[i]));
  /* what came in after the purge arrives without contact data */
  test_app_sync (f->client);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM participant"), ==, 2);
  g_assert_cmpint (count (&f->app, "SELECT count(*) FROM participant_contact"
                                   " WHERE full_name <> '' OR email <> ''"), ==, 0);
  assert_journal_clean (&f->app);

  /* the POST again with its key: the first answer, replayed; with another key: nothing left */
  body = g_strdup_printf ("{\"id\":\"%s\",\"process_id\":\"%s\",\"scope\":\"contacts\","
                          "\"registration_id\":null}", key, f->app.process_uuid);
  g_assert_cmpuint (post_erasure (f, key, body, &replayed), ==, 200);
  g_assert_nonnull (strstr (replayed, "\"erased\":2"));
  g_clear_pointer (&key, g_free);
  key = g_uuid_string_random ();
  g_assert_cmpuint (post_erasure (f, key, body, &answer), ==, 200);
  g_assert_nonnull (strstr (answer, "\"erased\":0"));
  g_clear_pointer (&answer, g_free);
  /* refused: no key, a person without a registration, an unknown scope */
  g_assert_cmpuint (post_erasure (f, NULL, body, NULL), ==, 400);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&key, g_free);
  key = g_uuid_string_random ();
  body = g_strdup_printf ("{\"id\":\"%s\",\"process_id\":\"%s\",\"scope\":\"person\"}", key,
                          f->app.process_uuid);
  g_assert_cmpuint (post_erasure (f, key, body, &answer), ==, 422);
  g_assert_nonnull (strstr (answer, "registration_id"));
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"id\":\"%s\",\"process_id\":\"%s\",\"scope\":\"everything\"}",
                          key, f->app.process_uuid);
  g_clear_pointer (&key, g_free);
  key = g_uuid_string_random ();
  g_assert_cmpuint (post_erasure (f, key, body, NULL), ==, 422);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_push_main_context ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_SITE(path, func) \
  g_test_add (path, SiteFixture, NULL, site_set_up, func, site_tear_down)
  ADD ("/core/gdpr/status", test_status);
  ADD ("/core/gdpr/purge", test_purge);
  ADD ("/core/gdpr/find", test_find);
  ADD ("/core/gdpr/erase", test_erase);
  ADD ("/core/gdpr/access", test_access);
  ADD ("/core/gdpr/outbox-kept", test_outbox_kept);
  ADD_SITE ("/sync/gdpr/erase-on-site", test_site_erase_person);
  ADD_SITE ("/sync/gdpr/purge-on-site", test_site_purge);
  return g_test_run ();
}
