/* dlg-gdpr.c — personal data: retention, purge, erasure on request, right of access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal is public: its entries say how many people and fields went and when, never who.
 * An erasure the site must apply names the person by their registration's uuid only, in
 * gdpr_erasure (migration 12), until the sync has sent it.
 */

#define G_LOG_DOMAIN "dlg-gdpr"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-gdpr.h"
#include "dlg-journal.h"
#include "dlg-participant.h"
#include "dlg-process.h"
#include "dlg-profile.h"
#include "dlg-record-private.h"

G_DEFINE_POINTER_TYPE (DlgGdprErasure, dlg_gdpr_erasure)

static const char sql_follow_up[] =
  "SELECT ended_at FROM stage_state WHERE process_id = ?1 AND stage = 'follow_up'"
  "  AND state IN ('done', 'skipped')";
/* People of whom something personal is held, and how many fields. */
#define HELD_FIELDS \
  "(coalesce (c.full_name, '') <> '') + (coalesce (c.email, '') <> '')" \
  " + (coalesce (c.phone, '') <> '') + (coalesce (c.address, '') <> '')" \
  " + (coalesce (p.household, '') <> '')"
static const char sql_held[] =
  "SELECT count(*), coalesce (sum (f), 0) FROM (SELECT " HELD_FIELDS " AS f"
  "  FROM participant p LEFT JOIN participant_contact c ON c.participant_id = p.id"
  "  WHERE p.process_id = ?1) WHERE f > 0";
static const char sql_unsent[] =
  "SELECT count(*) FROM gdpr_erasure WHERE process_id = ?1 AND sent_at IS NULL";
static const char sql_last_purge[] =
  "SELECT max (at) FROM journal WHERE process_id = ?1 AND action = 'gdpr.purge'";
static const char sql_purge_contacts[] =
  "DELETE FROM participant_contact WHERE participant_id IN"
  "  (SELECT id FROM participant WHERE process_id = ?1)";
static const char sql_purge_households[] =
  "UPDATE participant SET household = NULL WHERE process_id = ?1 AND household IS NOT NULL";
static const char sql_insert_erasure[] =
  "INSERT INTO gdpr_erasure (uuid, process_id, scope, registration_uuid, created_at)"
  "  VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_people[] =
  "SELECT p.id, p.uuid, p.status, p.registered_at, coalesce (c.full_name, ''),"
  "  coalesce (c.email, ''), coalesce (c.phone, ''), coalesce (c.address, ''),"
  "  (p.age_band <> '') + (p.gender <> '') + (p.commune <> '') + (p.quartier <> '')"
  "  + (p.occupation <> '') + (coalesce (p.household, '') <> '') + (p.consent_at IS NOT NULL),"
  "  p.source = 'site' OR p.remote_rev IS NOT NULL"
  "  FROM participant p LEFT JOIN participant_contact c ON c.participant_id = p.id"
  "  WHERE p.process_id = ?1 AND (?2 = 0 OR p.id = ?2) ORDER BY p.id";
static const char sql_sessions[] =
  "SELECT s.title, s.starts_at, a.present FROM attendance a JOIN session s ON s.id = a.session_id"
  "  WHERE a.participant_id = ?1 ORDER BY s.starts_at, s.id";
static const char sql_draws[] =
  "SELECT d.created_at, d.algorithm, dp.probability, dp.selected, dp.reserve_rank"
  "  FROM draw_probability dp JOIN draw d ON d.id = dp.draw_id"
  "  WHERE dp.participant_id = ?1 ORDER BY d.id";
static const char sql_unsent_erasures[] =
  "SELECT e.uuid, p.uuid, e.scope, e.registration_uuid FROM gdpr_erasure e"
  "  JOIN process p ON p.id = e.process_id"
  "  WHERE e.sent_at IS NULL AND (?1 OR NOT p.is_demo) ORDER BY e.id";
static const char sql_erasure_sent[] =
  "UPDATE gdpr_erasure SET sent_at = ?2 WHERE uuid = ?1 AND sent_at IS NULL";

/* ------------------------------------------------------------------------------------------ */

void
dlg_gdpr_status_free (DlgGdprStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->follow_up_ended_at);
  g_free (status->retention_ends_at);
  g_free (status->last_purge_at);
  g_free (status);
}

void
dlg_gdpr_person_free (DlgGdprPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->uuid);
  g_free (person->status);
  g_free (person->registered_at);
  g_free (person->full_name);
  g_free (person->email);
  g_free (person->phone);
  g_free (person->address);
  g_free (person);
}

void
dlg_gdpr_erasure_free (DlgGdprErasure *erasure)
{
  if (erasure == NULL)
    return;
  g_free (erasure->uuid);
  g_free (erasure->process_uuid);
  g_free (erasure->scope);
  g_free (erasure->registration_uuid);
  g_free (erasure);
}

/* Runs @sql for @process_id and reads one row of up to two integers; @text the first column as
 * text when it is one. */
static gboolean
query_row (DlgStore    *store,
           const char  *sql,
           gint64       process_id,
           gint64      *a,
           gint64      *b,
           char       **text,
           GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  if (a != NULL)
    *a = sqlite3_column_int64 (stmt, 0);
  if (b != NULL)
    *b = sqlite3_column_int64 (stmt, 1);
  if (text != NULL)
    *text = dlg_stmt_dup_text (stmt, 0);
  return TRUE;
}

static guint
read_retention_months (DlgStore    *store,
                       gint64       process_id,
                       gboolean    *is_default,
                       GError     **error)
{
  g_autofree char *value = dlg_process_get_field (store, process_id,
                                                  DLG_FIELD_MANDATE_RETENTION_MONTHS, error);
  guint64 months = DLG_GDPR_DEFAULT_RETENTION_MONTHS;

  if (value == NULL)
    return G_MAXUINT;
  *is_default = !g_ascii_string_to_unsigned (value, 10, 0, 120, &months, NULL);
  if (*is_default)
    months = DLG_GDPR_DEFAULT_RETENTION_MONTHS;
  return (guint) months;
}

/* The date part of an ISO 8601 time, for the messages. */
static char *
date_of (const char *iso)
{
  return g_strndup (iso, 10);
}

static char *
journal_summary_purge (const DlgGdprStatus *status,
                       const DlgGdprCounts *counts)
{
  g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person",
                                                          "%u people", counts->n_people),
                                             counts->n_people);
  g_autofree char *fields = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field",
                                                          "%u fields", counts->n_fields),
                                             counts->n_fields);
  g_autofree char *ended = date_of (status->retention_ends_at);

  /* Translators: the first is "12 people", the second "40 fields", the third a date. */
  return g_strdup_printf (_("Contact data purged at the end of its retention: %s, %s (retention "
                            "ended on %s)."), people, fields, ended);
}

static gboolean
record_erasure (DlgStore    *store,
                gint64       process_id,
                const char  *scope,
                const char  *registration_uuid,
                GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_insert_erasure, error);
  g_autofree char *uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, process_id);
  dlg_stmt_bind_text (stmt, 3, scope);
  dlg_stmt_bind_text (stmt, 4, registration_uuid);
  dlg_stmt_bind_text (stmt, 5, now);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
run_for_process (DlgStore    *store,
                 const char  *sql,
                 gint64       process_id,
                 GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_store_step_done (store, stmt, error);
}

/* Commits a purge's or an erasure's transaction, gives its counts and tells the views. */
static gboolean
commit_and_notify (DlgStore             *store,
                   gint64                process_id,
                   const DlgGdprCounts  *done,
                   DlgGdprCounts        *counts,
                   GError              **error)
{
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (counts != NULL)
    *counts = *done;
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_GDPR_ERASURE, process_id);
  return TRUE;
}

static DlgGdprPerson *
person_from_row (sqlite3_stmt *stmt)
{
  DlgGdprPerson *person = g_new0 (DlgGdprPerson, 1);

  person->participant_id = sqlite3_column_int64 (stmt, 0);
  person->uuid = dlg_stmt_dup_text (stmt, 1);
  person->status = dlg_stmt_dup_text (stmt, 2);
  person->registered_at = dlg_stmt_dup_text (stmt, 3);
  person->full_name = dlg_stmt_dup_text (stmt, 4);
  person->email = dlg_stmt_dup_text (stmt, 5);
  person->phone = dlg_stmt_dup_text (stmt, 6);
  person->address = dlg_stmt_dup_text (stmt, 7);
  person->n_profile_fields = sqlite3_column_int (stmt, 8);
  person->from_site = sqlite3_column_int (stmt, 9) != 0;
  return person;
}

/* The people of @process_id (or the one registrant @participant_id when not 0). */
static GPtrArray *
list_people (DlgStore  *store,
             gint64     process_id,
             gint64     participant_id,
             GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_people, error);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (
    (GDestroyNotify) dlg_gdpr_person_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (people, person_from_row (stmt));
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&people);
}

static DlgGdprPerson *
load_person (DlgStore  *store,
             gint64     participant_id,
             GError   **error)
{
  g_autoptr(DlgParticipant) p = dlg_participant_load (store, participant_id, error);
  g_autoptr(GPtrArray) people = NULL;

  if (p == NULL)
    return NULL;
  people = list_people (store, dlg_participant_get_process_id (p), participant_id, error);
  if (people == NULL)
    return NULL;
  if (people->len == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This registration does not exist."));
      return NULL;
    }
  return g_ptr_array_steal_index (people, 0);
}

static gboolean
person_matches (const DlgGdprPerson *person,
                const char          *query)
{
  if (strchr (query, '@') != NULL)
    {
      g_autofree char *a = g_utf8_casefold (query, -1);
      g_autofree char *b = g_utf8_casefold (g_strstrip (g_strdup (person->email)), -1);

      return g_str_equal (a, b);
    }
  /* Every word of the query starts a word of the name, accents and case folded. */
  return *person->full_name != '\0' && g_str_match_string (query, person->full_name, TRUE);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_profile (JsonBuilder    *builder,
             DlgProfile     *profile,
             DlgParticipant *p)
{
  json_builder_set_member_name (builder, "profile");
  json_builder_begin_object (builder);
  for (guint i = 0; profile != NULL && i < dlg_profile_get_n_categories (profile); i++)
    {
      const DlgProfileCategory *category = dlg_profile_get_category (profile, i);
      const char *value = dlg_profile_participant_value (p, category->category);

      json_builder_set_member_name (builder, category->category);
      json_builder_begin_object (builder);
      add_string_member (builder, "category", category->label);
      add_string_member (builder, "value", value);
      add_string_member (builder, "label", value != NULL && *value != '\0'
                         ? dlg_profile_get_value_label (profile, category->category, value)
                         : NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static gboolean
add_rows (JsonBuilder  *builder,
          DlgStore     *store,
          const char   *member,
          const char   *sql,
          gint64        participant_id,
          const char  **names,
          guint         n_names,
          GError      **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      for (guint i = 0; i < n_names; i++)
        {
          json_builder_set_member_name (builder, names[i]);
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
              json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              json_builder_add_double_value (builder, sqlite3_column_double (stmt, i));
              break;
            case SQLITE_NULL:
              json_builder_add_null_value (builder);
              break;
            default:
              json_builder_add_string_value (builder, dlg_stmt_get_text (stmt, i));
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */

/**
 * dlg_gdpr_get_status:
 * @now: (nullable): the time to compare the end of the retention with; %NULL for now
 *
 * Returns: (transfer full): where the retention of the process's contact data stands and what
 *   a purge would remove, or %NULL with @error set
 */
DlgGdprStatus *
dlg_gdpr_get_status (DlgStore    *store,
                     gint64       process_id,
                     GDateTime   *now,
                     GError     **error)
{
  g_autoptr(DlgGdprStatus) status = g_new0 (DlgGdprStatus, 1);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GDateTime) current = now != NULL ? g_date_time_ref (now)
                                             : g_date_time_new_now_utc ();
  gint64 n_people = 0, n_fields = 0, n_unsent = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(process = dlg_process_load (store, process_id, error)))
    return NULL;
  status->retention_months = read_retention_months (store, process_id,
                                                    &status->retention_is_default, error);
  if (status->retention_months == G_MAXUINT)
    return NULL;
  if (!query_row (store, sql_follow_up, process_id, NULL, NULL, &status->follow_up_ended_at,
                  error) ||
      !query_row (store, sql_held, process_id, &n_people, &n_fields, NULL, error) ||
      !query_row (store, sql_unsent, process_id, &n_unsent, NULL, NULL, error) ||
      !query_row (store, sql_last_purge, process_id, NULL, NULL, &status->last_purge_at, error))
    return NULL;
  status->n_people = n_people;
  status->n_fields = n_fields;
  status->n_unsent = n_unsent;

  if (status->follow_up_ended_at != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) ended = g_date_time_new_from_iso8601 (status->follow_up_ended_at,
                                                                 utc);
      g_autoptr(GDateTime) ends = NULL;

      if (ended == NULL)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("The follow-up stage closed on an unreadable date (“%s”)."),
                       status->follow_up_ended_at);
          return NULL;
        }
      ends = g_date_time_add_months (ended, status->retention_months);
      status->retention_ends_at = g_date_time_format (ends, "%Y-%m-%dT%H:%M:%SZ");
      status->retention_ended = g_date_time_compare (current, ends) >= 0;
    }
  return g_steal_pointer (&status);
}

/**
 * dlg_gdpr_status_check_due:
 *
 * Returns: %TRUE when the retention has ended; else %FALSE with %DLG_ERROR_RULE and a message
 *   saying until when contact data is kept
 */
gboolean
dlg_gdpr_status_check_due (const DlgGdprStatus  *status,
                           GError              **error)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (status->retention_ends_at == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_RULE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Contact data is kept for %u month after the follow-up stage "
                                "closes, and it has not closed yet.",
                                "Contact data is kept for %u months after the follow-up stage "
                                "closes, and it has not closed yet.", status->retention_months),
                   status->retention_months);
      return FALSE;
    }
  if (!status->retention_ended)
    {
      g_autofree char *ends = date_of (status->retention_ends_at);

      g_set_error (error, DLG_ERROR, DLG_ERROR_RULE,
                   _("Contact data is kept until %s: it cannot be purged before."), ends);
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_gdpr_purge:
 * @counts: (out) (optional): what went
 *
 * Deletes the contact data of every registrant of the process (participant_contact, household
 * keys) once its retention has ended, in one transaction with a journal entry that gives the
 * counts and the date only, and records the erasure the site must apply. Refused with
 * %DLG_ERROR_RULE before the end of the retention. A second purge with nothing left writes
 * nothing.
 */
gboolean
dlg_gdpr_purge (DlgStore       *store,
                gint64          process_id,
                DlgGdprCounts  *counts,
                GError        **error)
{
  g_autoptr(DlgGdprStatus) status = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autofree char *summary = NULL;
  DlgGdprCounts done = { 0, 0 };

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (counts != NULL)
    *counts = done;
  if (!(status = dlg_gdpr_get_status (store, process_id, NULL, error)))
    return FALSE;
  if (!dlg_gdpr_status_check_due (status, error))
    return FALSE;
  if (status->n_people == 0 && status->last_purge_at != NULL)
    return TRUE;

  done.n_people = status->n_people;
  done.n_fields = status->n_fields;
  summary = journal_summary_purge (status, &done);
  if (!(process = dlg_process_load (store, process_id, error)))
    return FALSE;

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!run_for_process (store, sql_purge_contacts, process_id, error) ||
      !run_for_process (store, sql_purge_households, process_id, error) ||
      /* The site may hold registrations not pulled yet: it purges the whole process. */
      !record_erasure (store, process_id, "contacts", NULL, error) ||
      !dlg_journal_append (store, process_id, "gdpr.purge", "process",
                           dlg_process_get_uuid (process), summary, error))
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  return commit_and_notify (store, process_id, &done, counts, error);
}

/**
 * dlg_gdpr_find_people:
 * @query: an e-mail address (compared whole, case folded) or words of a name (each starting a
 *   word of the name, accents and case folded)
 *
 * Returns: (transfer full) (element-type DlgGdprPerson): the registrants of the process who
 *   match and were not erased, or %NULL with @error set
 */
GPtrArray *
dlg_gdpr_find_people (DlgStore    *store,
                      gint64       process_id,
                      const char  *query,
                      GError     **error)
{
  g_autofree char *wanted = g_strstrip (g_strdup (query != NULL ? query : ""));
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GPtrArray) people = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (*wanted == '\0' || !g_utf8_validate (wanted, -1, NULL))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Give the person’s e-mail address or name."));
      return NULL;
    }
  if (!(process = dlg_process_load (store, process_id, error)))
    return NULL;
  if (!(people = list_people (store, process_id, 0, error)))
    return NULL;
  for (guint i = people->len; i > 0; i--)
    {
      DlgGdprPerson *person = people->pdata[i - 1];

      if (g_strcmp0 (person->status, "erased") == 0 || !person_matches (person, wanted))
        g_ptr_array_remove_index (people, i - 1);
    }
  return g_steal_pointer (&people);
}

/**
 * dlg_gdpr_find_one:
 *
 * dlg_gdpr_find_people(), when exactly one person matches: %DLG_ERROR_NOT_FOUND when nobody
 * does, %DLG_ERROR_INVALID when several do (the message asks for the e-mail address).
 *
 * Returns: (transfer full): the person, or %NULL with @error set
 */
DlgGdprPerson *
dlg_gdpr_find_one (DlgStore    *store,
                   gint64       process_id,
                   const char  *query,
                   GError     **error)
{
  g_autoptr(GPtrArray) people = dlg_gdpr_find_people (store, process_id, query, error);

  if (people == NULL)
    return NULL;
  if (people->len == 0)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                   _("Nobody registered in this process matches “%s”."), query);
      return NULL;
    }
  if (people->len > 1)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%u person matches “%s”: give the e-mail "
                                "address.", "%u people match “%s”: give the e-mail address.",
                                people->len), people->len, query);
      return NULL;
    }
  return g_ptr_array_steal_index (people, 0);
}

/**
 * dlg_gdpr_person_count_fields:
 *
 * Returns: the personal fields held about @person: contact fields, profile values, household
 *   and consent date
 */
guint
dlg_gdpr_person_count_fields (const DlgGdprPerson *person)
{
  g_return_val_if_fail (person != NULL, 0);

  return (*person->full_name != '\0') + (*person->email != '\0') + (*person->phone != '\0')
         + (*person->address != '\0') + person->n_profile_fields;
}

/**
 * dlg_gdpr_person_describe:
 *
 * Returns: (transfer full): one translated line per thing an erasure removes, for the officer
 *   to check before confirming (plain text: it holds the person's own data)
 */
GStrv
dlg_gdpr_person_describe (const DlgGdprPerson *person)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (person != NULL, NULL);

  if (*person->full_name != '\0')
    g_ptr_array_add (lines, g_strdup_printf (_("Name: %s"), person->full_name));
  if (*person->email != '\0')
    g_ptr_array_add (lines, g_strdup_printf (_("E-mail: %s"), person->email));
  if (*person->phone != '\0')
    g_ptr_array_add (lines, g_strdup_printf (_("Phone: %s"), person->phone));
  if (*person->address != '\0')
    g_ptr_array_add (lines, g_strdup_printf (_("Address: %s"), person->address));
  if (person->n_profile_fields > 0)
    g_ptr_array_add (lines, g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Profile: %u answer (age band, gender, place, occupation, "
                   "household, consent date)", "Profile: %u answers (age band, gender, place, "
                   "occupation, household, consent date)", person->n_profile_fields),
      person->n_profile_fields));
  if (person->from_site)
    g_ptr_array_add (lines, g_strdup (_("Their registration on the public site")));
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

/**
 * dlg_gdpr_erase_person:
 * @counts: (out) (optional): one person and the fields that went
 *
 * Erases a registrant at their request, whatever the stage: their contact row goes, their
 * profile is blanked and their status becomes "erased" (a draw that named them still counts
 * them, without a word of theirs). Journaled without their name or id; the site is told when
 * it holds their registration.
 */
gboolean
dlg_gdpr_erase_person (DlgStore       *store,
                       gint64          participant_id,
                       DlgGdprCounts  *counts,
                       GError        **error)
{
  g_autoptr(DlgGdprPerson) person = NULL;
  g_autoptr(DlgParticipant) p = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autofree char *summary = NULL;
  gint64 process_id;
  guint n_fields;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(person = load_person (store, participant_id, error)) ||
      !(p = dlg_participant_load (store, participant_id, error)))
    return FALSE;
  if (g_strcmp0 (person->status, "erased") == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This person’s data has already been erased."));
      return FALSE;
    }
  process_id = dlg_participant_get_process_id (p);
  if (!(process = dlg_process_load (store, process_id, error)))
    return FALSE;
  n_fields = dlg_gdpr_person_count_fields (person);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "A person’s data erased at their request: %u field.",
                                          "A person’s data erased at their request: %u fields.",
                                          n_fields), n_fields);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!dlg_participant_erase_personal (store, p, error) ||
      !dlg_record_update_fields (DLG_RECORD (p), store, participant_id,
                                 dlg_participant_erased_fields, NULL, error) ||
      (person->from_site &&
       !record_erasure (store, process_id, "person", person->uuid, error)) ||
      !dlg_journal_append (store, process_id, "gdpr.erase", "process",
                           dlg_process_get_uuid (process), summary, error))
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  return commit_and_notify (store, process_id, &(DlgGdprCounts) { 1, n_fields }, counts,
                            error);
}

/**
 * dlg_gdpr_access_to_json:
 *
 * Returns: (transfer full): everything held about a registrant (right of access), as JSON:
 *   the process, the registration and its profile with labels, the contact data, the sessions
 *   and draws that name them; %NULL with @error set
 */
char *
dlg_gdpr_access_to_json (DlgStore    *store,
                         gint64       participant_id,
                         GError     **error)
{
  static const char *session_names[] = { "title", "starts_at", "present" };
  static const char *draw_names[] = { "drawn_at", "algorithm", "probability", "selected",
                                      "reserve_rank" };
  g_autoptr(DlgGdprPerson) person = NULL;
  g_autoptr(DlgParticipant) p = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgProfile) profile = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(person = load_person (store, participant_id, error)) ||
      !(p = dlg_participant_load (store, participant_id, error)) ||
      !(process = dlg_process_load (store, dlg_participant_get_process_id (p), error)) ||
      !(profile = dlg_profile_load (store, dlg_participant_get_process_id (p), error)))
    return NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "exported_at", now);
  json_builder_set_member_name (builder, "process");
  json_builder_begin_object (builder);
  add_string_member (builder, "id", dlg_process_get_uuid (process));
  add_string_member (builder, "title", dlg_process_get_title (process));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "registration");
  json_builder_begin_object (builder);
  add_string_member (builder, "id", person->uuid);
  add_string_member (builder, "channel", dlg_participant_get_channel (p));
  add_string_member (builder, "registered_at", person->registered_at);
  add_string_member (builder, "status", person->status);
  json_builder_set_member_name (builder, "consent");
  json_builder_add_boolean_value (builder, dlg_participant_get_consent (p));
  add_string_member (builder, "consent_at", dlg_participant_get_consent_at (p));
  add_string_member (builder, "household", dlg_participant_get_household (p));
  json_builder_set_member_name (builder, "on_public_site");
  json_builder_add_boolean_value (builder, person->from_site);
  add_profile (builder, profile, p);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "contact");
  json_builder_begin_object (builder);
  add_string_member (builder, "full_name", person->full_name);
  add_string_member (builder, "email", person->email);
  add_string_member (builder, "phone", person->phone);
  add_string_member (builder, "address", person->address);
  json_builder_end_object (builder);

  if (!add_rows (builder, store, "sessions", sql_sessions, participant_id, session_names,
                 G_N_ELEMENTS (session_names), error) ||
      !add_rows (builder, store, "draws", sql_draws, participant_id, draw_names,
                 G_N_ELEMENTS (draw_names), error))
    return NULL;
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/**
 * dlg_gdpr_access_export:
 * @file: (nullable): where to write it (0600); %NULL to only return it
 *
 * dlg_gdpr_access_to_json(), journaled as `gdpr.access` without the person's name, in the
 * transaction of the write: a failed write journals nothing.
 *
 * Returns: (transfer full): the JSON, or %NULL with @error set
 */
char *
dlg_gdpr_access_export (DlgStore    *store,
                        gint64       participant_id,
                        GFile       *file,
                        GError     **error)
{
  g_autoptr(DlgParticipant) p = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autofree char *json = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (!(json = dlg_gdpr_access_to_json (store, participant_id, error)) ||
      !(p = dlg_participant_load (store, participant_id, error)))
    return NULL;
  process_id = dlg_participant_get_process_id (p);
  if (!(process = dlg_process_load (store, process_id, error)))
    return NULL;

  if (!dlg_store_begin (store, error))
    return NULL;
  if (!dlg_journal_append (store, process_id, "gdpr.access", "process",
                           dlg_process_get_uuid (process),
                           _("A person’s data exported at their request (right of access)."),
                           error) ||
      (file != NULL &&
       !g_file_replace_contents (file, json, strlen (json), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                 NULL, NULL, error)))
    {
      dlg_store_rollback (store);
      return NULL;
    }
  if (!dlg_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&json);
}

/**
 * dlg_gdpr_list_unsent_erasures:
 * @include_demo: the demo's processes too (training mode)
 *
 * Returns: (transfer full) (element-type DlgGdprErasure): the erasures the site has not been
 *   sent yet, oldest first, or %NULL with @error set
 */
GPtrArray *
dlg_gdpr_list_unsent_erasures (DlgStore  *store,
                               gboolean   include_demo,
                               GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_unsent_erasures, error);
  g_autoptr(GPtrArray) erasures = g_ptr_array_new_with_free_func (
    (GDestroyNotify) dlg_gdpr_erasure_free);
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_demo ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgGdprErasure *erasure = g_new0 (DlgGdprErasure, 1);

      erasure->uuid = dlg_stmt_dup_text (stmt, 0);
      erasure->process_uuid = dlg_stmt_dup_text (stmt, 1);
      erasure->scope = dlg_stmt_dup_text (stmt, 2);
      erasure->registration_uuid = dlg_stmt_dup_text (stmt, 3);
      g_ptr_array_add (erasures, erasure);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&erasures);
}

/**
 * dlg_gdpr_erasure_to_json:
 *
 * Returns: (transfer full): the body of its POST /api/sync/v1/erasures
 */
char *
dlg_gdpr_erasure_to_json (const DlgGdprErasure *erasure)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (erasure != NULL, NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "id", erasure->uuid);
  add_string_member (builder, "process_id", erasure->process_uuid);
  add_string_member (builder, "scope", erasure->scope);
  add_string_member (builder, "registration_id", erasure->registration_uuid);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The site applied the erasure @uuid. */
gboolean
dlg_gdpr_erasure_sent (DlgStore    *store,
                       const char  *uuid,
                       GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_erasure_sent, error);
  g_autofree char *now = dlg_now_iso8601 ();

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  dlg_stmt_bind_text (stmt, 2, now);
  return dlg_store_step_done (store, stmt, error);
}
