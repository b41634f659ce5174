/* dlg-participant.c — a registrant’s quota profile (contact data is in DlgParticipantContact)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgParticipant is a snapshot of its row (DlgRecord does the mechanics from the field
 * table): setters change the object only, dlg_participant_save() writes it in one transaction,
 * then emits DlgStore::changed::DlgParticipant. Registrations are personal data: not
 * journaled (invitations and replacements are, by uuid, in dlg-draw-invitation.c).
 */

#define G_LOG_DOMAIN "dlg-participant"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-ingest.h"
#include "dlg-json.h"
#include "dlg-participant.h"
#include "dlg-record-private.h"

struct _DlgParticipant
{
  DlgRecord parent_instance;

  char *channel;
  char *age_band;
  char *gender;
  char *commune;
  char *quartier;
  char *occupation;
  gboolean prior_participation;
  char *household;
  gboolean consent;
  char *consent_at;
  char *status;
  gint reserve_rank;
  char *registered_at;
  gint64 remote_rev;
  char *source;
  char *source_id;
  gint64 source_rev;
};

G_DEFINE_FINAL_TYPE (DlgParticipant, dlg_participant, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgParticipant, member)

/* No reserve rank is -1, no remote revision -1: NULL in the row. */
static const DlgField fields[] = {
  { .column = "channel", .property = "channel", .kind = DLG_FIELD_ENUM, .offset = F (channel),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE, .label = N_("channel"),
    .default_string = "online", .vocabulary = &dlg_vocabulary_registration_channel,
    .invalid = N_("The channel must be online, in person, mail or phone.") },
  { .column = "age_band", .property = "age-band", .kind = DLG_FIELD_STRING,
    .offset = F (age_band), .label = N_("age band"), .max_chars = 100 },
  { .column = "gender", .property = "gender", .kind = DLG_FIELD_STRING, .offset = F (gender),
    .label = N_("gender"), .max_chars = 100 },
  { .column = "commune", .property = "commune", .kind = DLG_FIELD_STRING, .offset = F (commune),
    .label = N_("commune"), .max_chars = 200 },
  { .column = "quartier", .property = "quartier", .kind = DLG_FIELD_STRING,
    .offset = F (quartier), .label = N_("neighbourhood"), .max_chars = 200 },
  { .column = "occupation", .property = "occupation", .kind = DLG_FIELD_STRING,
    .offset = F (occupation), .label = N_("occupation"), .max_chars = 200 },
  { .column = "prior_participation", .property = "prior-participation",
    .kind = DLG_FIELD_BOOLEAN, .offset = F (prior_participation),
    .label = N_("prior participation") },
  { .column = "household", .property = "household", .kind = DLG_FIELD_STRING,
    .offset = F (household), .flags = DLG_FIELD_NULLABLE, .label = N_("household"),
    .max_chars = 200 },
  { .column = "consent", .property = "consent", .kind = DLG_FIELD_BOOLEAN, .offset = F (consent),
    .label = N_("consent") },
  { .column = "consent_at", .property = "consent-at", .kind = DLG_FIELD_DATE,
    .offset = F (consent_at), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_NULLABLE,
    .label = N_("consent given") },
  { .column = "status", .property = "status", .kind = DLG_FIELD_ENUM, .offset = F (status),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE, .label = N_("status"),
    .default_string = "registered", .vocabulary = &dlg_vocabulary_participant_status,
    .invalid = N_("This participant status is unknown.") },
  { .column = "reserve_rank", .property = "reserve-rank", .kind = DLG_FIELD_INT,
    .offset = F (reserve_rank), .flags = DLG_FIELD_NULLABLE, .label = N_("reserve rank"),
    .default_number = -1 },
  { .column = "registered_at", .property = "registered-at", .kind = DLG_FIELD_DATE,
    .offset = F (registered_at),
    .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_INSERT_ONLY | DLG_FIELD_NULLABLE,
    .label = N_("date of registration") },
  { .column = "remote_rev", .property = "remote-rev", .kind = DLG_FIELD_INT64,
    .offset = F (remote_rev), .flags = DLG_RECORD_SYNC_FIELD | DLG_FIELD_NULLABLE,
    .label = N_("revision"), .default_number = -1 },
  /* Where it comes from (the ingestion path's, which writes them): unique per process. */
  { .column = "source", .property = "source", .kind = DLG_FIELD_STRING, .offset = F (source),
    .flags = DLG_RECORD_SYNC_FIELD | DLG_FIELD_NULLABLE },
  { .column = "source_id", .property = "source-id", .kind = DLG_FIELD_STRING,
    .offset = F (source_id), .flags = DLG_RECORD_SYNC_FIELD | DLG_FIELD_NULLABLE },
  { .column = "source_rev", .property = "source-rev", .kind = DLG_FIELD_INT64,
    .offset = F (source_rev), .flags = DLG_RECORD_SYNC_FIELD | DLG_FIELD_NULLABLE,
    .default_number = -1 },
};

#undef F

static const DlgRecordInfo info = {
  .name = "participant",
  .table = "participant",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.registered_at, t.id",
  .not_found = N_("This participant does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST,
  .stage = "recruitment",
};

static gboolean
dlg_participant_validate_rank (DlgRecord  *record,
                               DlgStore   *store,
                               gint64      process_id,
                               GError    **error)
{
  DlgParticipant *self = DLG_PARTICIPANT (record);

  if (self->reserve_rank != -1 && self->reserve_rank < 1)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The reserve rank starts at 1."));
      return FALSE;
    }
  return TRUE;
}

/* A registration is dated when it is written first; consent is dated when it is given, and
 * forgotten when it is withdrawn. */
static gboolean
dlg_participant_before_write (DlgRecord        *record,
                              DlgStore         *store,
                              gint64            process_id,
                              DlgRecordChange   change,
                              GError          **error)
{
  DlgParticipant *self = DLG_PARTICIPANT (record);

  if (change == DLG_RECORD_DELETE)
    return TRUE;
  if (self->consent && self->consent_at == NULL)
    self->consent_at = dlg_now_iso8601 ();
  else if (!self->consent)
    g_clear_pointer (&self->consent_at, g_free);
  if (change == DLG_RECORD_CREATE)
    {
      g_free (self->registered_at);
      self->registered_at = dlg_now_iso8601 ();
    }
  return TRUE;
}

static void
dlg_participant_class_init (DlgParticipantClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_participant_validate_rank;
  record_class->before_write = dlg_participant_before_write;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_participant_init (DlgParticipant *self)
{
}

/**
 * dlg_participant_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgParticipant *
dlg_participant_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_PARTICIPANT, process_id);
}

gint64
dlg_participant_get_id (DlgParticipant *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_participant_get_uuid (DlgParticipant *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_participant_get_process_id (DlgParticipant *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

const char *
dlg_participant_get_channel (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->channel;
}

const char *
dlg_participant_get_age_band (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->age_band;
}

const char *
dlg_participant_get_gender (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->gender;
}

const char *
dlg_participant_get_commune (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->commune;
}

const char *
dlg_participant_get_quartier (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->quartier;
}

const char *
dlg_participant_get_occupation (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->occupation;
}

gboolean
dlg_participant_get_prior_participation (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), FALSE);
  return self->prior_participation;
}

const char *
dlg_participant_get_household (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->household;
}

gboolean
dlg_participant_get_consent (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), FALSE);
  return self->consent;
}

const char *
dlg_participant_get_consent_at (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->consent_at;
}

const char *
dlg_participant_get_status (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->status;
}

gint
dlg_participant_get_reserve_rank (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), 0);
  return self->reserve_rank;
}

const char *
dlg_participant_get_registered_at (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);
  return self->registered_at;
}

gint64
dlg_participant_get_remote_rev (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), 0);
  return self->remote_rev;
}

void
dlg_participant_set_channel (DlgParticipant *self,
                             const char     *channel)
{
  dlg_record_set_string (DLG_RECORD (self), "channel", channel);
}

void
dlg_participant_set_age_band (DlgParticipant *self,
                              const char     *age_band)
{
  dlg_record_set_string (DLG_RECORD (self), "age-band", age_band);
}

void
dlg_participant_set_gender (DlgParticipant *self,
                            const char     *gender)
{
  dlg_record_set_string (DLG_RECORD (self), "gender", gender);
}

void
dlg_participant_set_commune (DlgParticipant *self,
                             const char     *commune)
{
  dlg_record_set_string (DLG_RECORD (self), "commune", commune);
}

void
dlg_participant_set_quartier (DlgParticipant *self,
                              const char     *quartier)
{
  dlg_record_set_string (DLG_RECORD (self), "quartier", quartier);
}

void
dlg_participant_set_occupation (DlgParticipant *self,
                                const char     *occupation)
{
  dlg_record_set_string (DLG_RECORD (self), "occupation", occupation);
}

void
dlg_participant_set_prior_participation (DlgParticipant *self,
                                         gboolean        prior_participation)
{
  dlg_record_set_boolean (DLG_RECORD (self), "prior-participation", prior_participation);
}

void
dlg_participant_set_household (DlgParticipant *self,
                               const char     *household)
{
  dlg_record_set_string (DLG_RECORD (self), "household", household);
}

void
dlg_participant_set_consent (DlgParticipant *self,
                             gboolean        consent)
{
  dlg_record_set_boolean (DLG_RECORD (self), "consent", consent);
}

void
dlg_participant_set_status (DlgParticipant *self,
                            const char     *status)
{
  dlg_record_set_string (DLG_RECORD (self), "status", status);
}


/* A negative reserve rank is none (-1). */
void
dlg_participant_set_reserve_rank (DlgParticipant *self,
                                  gint            reserve_rank)
{
  dlg_record_set_int64 (DLG_RECORD (self), "reserve-rank", MAX (reserve_rank, -1));
}

/**
 * dlg_participant_save:
 *
 * Validates @participant and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_participant_save (DlgStore        *store,
                      DlgParticipant  *participant,
                      GError         **error)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (participant), FALSE);

  return dlg_record_save (DLG_RECORD (participant), store, error);
}

/**
 * dlg_participant_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgParticipant *
dlg_participant_load (DlgStore  *store,
                      gint64     id,
                      GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_PARTICIPANT, id, error);
}

/**
 * dlg_participant_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgParticipant, in display order
 */
GListModel *
dlg_participant_list (DlgStore  *store,
                      gint64     process_id,
                      GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_PARTICIPANT, process_id, NULL, NULL, error);
}

/**
 * dlg_participant_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_participant_delete (DlgStore  *store,
                        gint64     id,
                        GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_PARTICIPANT, id, error);
}

/**
 * dlg_participant_count_late:
 *
 * Registrations made on the site once the recruitment stage was closed, before the site learnt
 * it (the sync pushes the closing, then pulls): they are kept, with their date, like any
 * registration (a citizen's data is never dropped silently), and counted here so that the
 * recruitment page can say they came late. They take part in a draw only if the stage is
 * reopened.
 *
 * Returns: their number (0 while the stage is open), or -1 with @error set
 */
gint64
dlg_participant_count_late (DlgStore  *store,
                            gint64     process_id,
                            GError   **error)
{
  static const char sql_count_late[] =
    "SELECT count(*) FROM participant p JOIN stage_state s"
    "  ON s.process_id = p.process_id AND s.stage = 'recruitment'"
    " WHERE p.process_id = ?1 AND s.state IN ('done','skipped') AND p.status <> 'erased'"
    "  AND julianday (p.registered_at) > julianday (s.ended_at)";
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), -1);

  if (!(stmt = dlg_store_prepare (store, sql_count_late, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dlg_store_set_error (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Ingestion (dlg-ingest.c): a registration from a source's JSON, the type's own checks, and
 * finding one by uuid. */

/**
 * dlg_participant_new_from_json:
 * @process_id: where it goes
 * @uuid: (nullable): its uuid when the source shares the app's (the reference site)
 * @data: the members of sync v1's registration (`channel`, `age_band`, `gender`, `commune`,
 *   `quartier`, `occupation`, `prior_participation`, `household`, `consent`, `consent_at`,
 *   `registered_at`); its `contact` is read by dlg_participant_contact_new_from_json()
 *
 * Returns: (transfer full): an unsaved registrant, for the ingestion path
 */
DlgParticipant *
dlg_participant_new_from_json (gint64       process_id,
                               const char  *uuid,
                               JsonObject  *data)
{
  DlgParticipant *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = dlg_participant_new (process_id);
  dlg_record_set_uuid (DLG_RECORD (self), uuid);
  g_free (self->channel);
  self->channel = g_strdup (dlg_json_member_string (data, "channel", "online"));
  g_free (self->age_band);
  self->age_band = g_strdup (dlg_json_member_string (data, "age_band", ""));
  g_free (self->gender);
  self->gender = g_strdup (dlg_json_member_string (data, "gender", ""));
  g_free (self->commune);
  self->commune = g_strdup (dlg_json_member_string (data, "commune", ""));
  g_free (self->quartier);
  self->quartier = g_strdup (dlg_json_member_string (data, "quartier", ""));
  g_free (self->occupation);
  self->occupation = g_strdup (dlg_json_member_string (data, "occupation", ""));
  self->prior_participation = dlg_json_member_boolean (data, "prior_participation", FALSE);
  self->household = g_strdup (dlg_json_member_string (data, "household", NULL));
  self->consent = dlg_json_member_boolean (data, "consent", FALSE);
  self->consent_at = g_strdup (dlg_json_member_string (data, "consent_at", NULL));
  g_free (self->registered_at);
  self->registered_at = g_strdup (dlg_json_member_string (data, "registered_at", ""));
  return self;
}

/* The checks of a save, and a date of registration, for what a source brings. */
gboolean
dlg_participant_validate (DlgStore        *store,
                          DlgParticipant  *self,
                          GError         **error)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), FALSE);

  if (!dlg_record_validate (DLG_RECORD (self), store, dlg_participant_get_process_id (self),
                            error))
    return FALSE;
  return dlg_check_date (self->registered_at, TRUE, _("date of registration"),
                         _("A registration needs a date."), error);
}

/**
 * dlg_participant_find_by_uuid:
 *
 * Returns: (transfer full): the registrant, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgParticipant *
dlg_participant_find_by_uuid (DlgStore    *store,
                              const char  *uuid,
                              GError     **error)
{
  return dlg_record_find_by_uuid (store, DLG_TYPE_PARTICIPANT, uuid, error);
}

/* What an erasure writes: the profile, the status and the revisions a source gave. */
const char * const dlg_participant_erased_fields[] = {
  "age-band", "gender", "commune", "quartier", "occupation", "household",
  "prior-participation", "consent-at", "status", "remote-rev", "source-rev", NULL
};

static const char sql_contact_erase[] = "DELETE FROM participant_contact WHERE participant_id = ?1";

gboolean
dlg_participant_erase_personal (DlgStore        *store,
                                DlgParticipant  *self,
                                GError         **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), FALSE);

  if (!(stmt = dlg_store_prepare (store, sql_contact_erase, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dlg_participant_get_id (self));
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  dlg_participant_set_age_band (self, "");
  dlg_participant_set_gender (self, "");
  dlg_participant_set_commune (self, "");
  dlg_participant_set_quartier (self, "");
  dlg_participant_set_occupation (self, "");
  dlg_participant_set_household (self, NULL);
  dlg_participant_set_prior_participation (self, FALSE);
  dlg_record_set_string (DLG_RECORD (self), "consent-at", NULL);
  dlg_participant_set_status (self, "erased");
  return TRUE;
}
