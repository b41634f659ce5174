/* dlg-participant.c — a registrant’s quota profile (contact data is in DlgParticipantContact)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgParticipant is a snapshot of its row: setters change the object only,
 * dlg_participant_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgParticipant.
 */

#define G_LOG_DOMAIN "dlg-participant"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-ingest.h"
#include "dlg-json.h"
#include "dlg-journal.h"
#include "dlg-participant.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgParticipant
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
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
};

G_DEFINE_FINAL_TYPE (DlgParticipant, dlg_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_CHANNEL,
  PROP_AGE_BAND,
  PROP_GENDER,
  PROP_COMMUNE,
  PROP_QUARTIER,
  PROP_OCCUPATION,
  PROP_PRIOR_PARTICIPATION,
  PROP_HOUSEHOLD,
  PROP_CONSENT,
  PROP_CONSENT_AT,
  PROP_STATUS,
  PROP_RESERVE_RANK,
  PROP_REGISTERED_AT,
  PROP_REMOTE_REV,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.channel, t.age_band, t.gender, t.commune," \
  " t.quartier, t.occupation, t.prior_participation, t.household, t.consent," \
  " t.consent_at, t.status, t.reserve_rank, t.registered_at, t.remote_rev FROM" \
  " participant t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY registered_at, id";
static const char sql_insert[] =
  "INSERT INTO participant (uuid, process_id, channel, age_band, gender, commune,"
  " quartier, occupation, prior_participation, household, consent, consent_at, status,"
  " reserve_rank, registered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
  " ?12, ?13, ?14, ?15)";
static const char sql_update[] =
  "UPDATE participant SET channel = ?2, age_band = ?3, gender = ?4, commune = ?5,"
  " quartier = ?6, occupation = ?7, prior_participation = ?8, household = ?9, consent ="
  " ?10, consent_at = ?11, status = ?12, reserve_rank = ?13 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM participant WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_participant_finalize (GObject *object)
{
  DlgParticipant *self = (DlgParticipant *)object;

  g_free (self->uuid);
  g_free (self->channel);
  g_free (self->age_band);
  g_free (self->gender);
  g_free (self->commune);
  g_free (self->quartier);
  g_free (self->occupation);
  g_free (self->household);
  g_free (self->consent_at);
  g_free (self->status);
  g_free (self->registered_at);

  G_OBJECT_CLASS (dlg_participant_parent_class)->finalize (object);
}

static void
dlg_participant_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DlgParticipant *self = DLG_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, self->process_id);
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;
    case PROP_AGE_BAND:
      g_value_set_string (value, self->age_band);
      break;
    case PROP_GENDER:
      g_value_set_string (value, self->gender);
      break;
    case PROP_COMMUNE:
      g_value_set_string (value, self->commune);
      break;
    case PROP_QUARTIER:
      g_value_set_string (value, self->quartier);
      break;
    case PROP_OCCUPATION:
      g_value_set_string (value, self->occupation);
      break;
    case PROP_PRIOR_PARTICIPATION:
      g_value_set_boolean (value, self->prior_participation);
      break;
    case PROP_HOUSEHOLD:
      g_value_set_string (value, self->household);
      break;
    case PROP_CONSENT:
      g_value_set_boolean (value, self->consent);
      break;
    case PROP_CONSENT_AT:
      g_value_set_string (value, self->consent_at);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_RESERVE_RANK:
      g_value_set_int (value, self->reserve_rank);
      break;
    case PROP_REGISTERED_AT:
      g_value_set_string (value, self->registered_at);
      break;
    case PROP_REMOTE_REV:
      g_value_set_int64 (value, self->remote_rev);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_participant_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DlgParticipant *self = DLG_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      dlg_participant_set_channel (self, g_value_get_string (value));
      break;
    case PROP_AGE_BAND:
      dlg_participant_set_age_band (self, g_value_get_string (value));
      break;
    case PROP_GENDER:
      dlg_participant_set_gender (self, g_value_get_string (value));
      break;
    case PROP_COMMUNE:
      dlg_participant_set_commune (self, g_value_get_string (value));
      break;
    case PROP_QUARTIER:
      dlg_participant_set_quartier (self, g_value_get_string (value));
      break;
    case PROP_OCCUPATION:
      dlg_participant_set_occupation (self, g_value_get_string (value));
      break;
    case PROP_PRIOR_PARTICIPATION:
      dlg_participant_set_prior_participation (self, g_value_get_boolean (value));
      break;
    case PROP_HOUSEHOLD:
      dlg_participant_set_household (self, g_value_get_string (value));
      break;
    case PROP_CONSENT:
      dlg_participant_set_consent (self, g_value_get_boolean (value));
      break;
    case PROP_STATUS:
      dlg_participant_set_status (self, g_value_get_string (value));
      break;
    case PROP_RESERVE_RANK:
      dlg_participant_set_reserve_rank (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_participant_class_init (DlgParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_participant_finalize;
  object_class->get_property = dlg_participant_get_property;
  object_class->set_property = dlg_participant_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, "online", rw);
  properties[PROP_AGE_BAND] = g_param_spec_string ("age-band", NULL, NULL, "", rw);
  properties[PROP_GENDER] = g_param_spec_string ("gender", NULL, NULL, "", rw);
  properties[PROP_COMMUNE] = g_param_spec_string ("commune", NULL, NULL, "", rw);
  properties[PROP_QUARTIER] = g_param_spec_string ("quartier", NULL, NULL, "", rw);
  properties[PROP_OCCUPATION] = g_param_spec_string ("occupation", NULL, NULL, "", rw);
  properties[PROP_PRIOR_PARTICIPATION] =
    g_param_spec_boolean ("prior-participation", NULL, NULL, FALSE, rw);
  properties[PROP_HOUSEHOLD] = g_param_spec_string ("household", NULL, NULL, NULL, rw);
  properties[PROP_CONSENT] = g_param_spec_boolean ("consent", NULL, NULL, FALSE, rw);
  properties[PROP_CONSENT_AT] = g_param_spec_string ("consent-at", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "registered", rw);
  properties[PROP_RESERVE_RANK] =
    g_param_spec_int ("reserve-rank", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_REGISTERED_AT] = g_param_spec_string ("registered-at", NULL, NULL, NULL, ro);
  properties[PROP_REMOTE_REV] =
    g_param_spec_int64 ("remote-rev", NULL, NULL, -1, G_MAXINT64, -1, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_participant_init (DlgParticipant *self)
{
  self->channel = g_strdup ("online");
  self->age_band = g_strdup ("");
  self->gender = g_strdup ("");
  self->commune = g_strdup ("");
  self->quartier = g_strdup ("");
  self->occupation = g_strdup ("");
  self->status = g_strdup ("registered");
  self->reserve_rank = -1;
  self->remote_rev = -1;
}

/**
 * dlg_participant_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgParticipant *
dlg_participant_new (gint64 process_id)
{
  DlgParticipant *self = g_object_new (DLG_TYPE_PARTICIPANT, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_participant_get_id (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), 0);

  return self->id;
}

const char *
dlg_participant_get_uuid (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), NULL);

  return self->uuid;
}

gint64
dlg_participant_get_process_id (DlgParticipant *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), 0);

  return self->process_id;
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
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->channel, channel) == 0)
    return;
  g_free (self->channel);
  self->channel = g_strdup (channel);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

void
dlg_participant_set_age_band (DlgParticipant *self,
                              const char     *age_band)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (age_band == NULL)
    age_band = "";
  if (g_strcmp0 (self->age_band, age_band) == 0)
    return;
  g_free (self->age_band);
  self->age_band = g_strdup (age_band);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGE_BAND]);
}

void
dlg_participant_set_gender (DlgParticipant *self,
                            const char     *gender)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (gender == NULL)
    gender = "";
  if (g_strcmp0 (self->gender, gender) == 0)
    return;
  g_free (self->gender);
  self->gender = g_strdup (gender);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENDER]);
}

void
dlg_participant_set_commune (DlgParticipant *self,
                             const char     *commune)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (commune == NULL)
    commune = "";
  if (g_strcmp0 (self->commune, commune) == 0)
    return;
  g_free (self->commune);
  self->commune = g_strdup (commune);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMUNE]);
}

void
dlg_participant_set_quartier (DlgParticipant *self,
                              const char     *quartier)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (quartier == NULL)
    quartier = "";
  if (g_strcmp0 (self->quartier, quartier) == 0)
    return;
  g_free (self->quartier);
  self->quartier = g_strdup (quartier);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUARTIER]);
}

void
dlg_participant_set_occupation (DlgParticipant *self,
                                const char     *occupation)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (occupation == NULL)
    occupation = "";
  if (g_strcmp0 (self->occupation, occupation) == 0)
    return;
  g_free (self->occupation);
  self->occupation = g_strdup (occupation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCUPATION]);
}

void
dlg_participant_set_prior_participation (DlgParticipant *self,
                                         gboolean        prior_participation)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  prior_participation = !!prior_participation;
  if (self->prior_participation == prior_participation)
    return;
  self->prior_participation = prior_participation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIOR_PARTICIPATION]);
}

void
dlg_participant_set_household (DlgParticipant *self,
                               const char     *household)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->household, household) == 0)
    return;
  g_free (self->household);
  self->household = g_strdup (household);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOUSEHOLD]);
}

void
dlg_participant_set_consent (DlgParticipant *self,
                             gboolean        consent)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  consent = !!consent;
  if (self->consent == consent)
    return;
  self->consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
}

void
dlg_participant_set_status (DlgParticipant *self,
                            const char     *status)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
dlg_participant_set_reserve_rank (DlgParticipant *self,
                                  gint            reserve_rank)
{
  g_return_if_fail (DLG_IS_PARTICIPANT (self));

  if (reserve_rank < 0)
    reserve_rank = -1;
  if (self->reserve_rank == reserve_rank)
    return;
  self->reserve_rank = reserve_rank;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESERVE_RANK]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgParticipant *self,
          sqlite3_stmt   *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->channel);
  self->channel = dlg_stmt_dup_text (stmt, col++);
  g_free (self->age_band);
  self->age_band = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->gender);
  self->gender = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->commune);
  self->commune = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->quartier);
  self->quartier = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->occupation);
  self->occupation = g_strdup (dlg_stmt_get_text (stmt, col++));
  self->prior_participation = sqlite3_column_int (stmt, col++) != 0;
  g_free (self->household);
  self->household = dlg_stmt_dup_text (stmt, col++);
  self->consent = sqlite3_column_int (stmt, col++) != 0;
  g_free (self->consent_at);
  self->consent_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->status);
  self->status = dlg_stmt_dup_text (stmt, col++);
  self->reserve_rank = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? -1 : sqlite3_column_int (stmt, col);
  col++;
  g_free (self->registered_at);
  self->registered_at = dlg_stmt_dup_text (stmt, col++);
  self->remote_rev = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? -1 : sqlite3_column_int64 (stmt, col);
  col++;
}

static DlgParticipant *
from_row (sqlite3_stmt *stmt)
{
  DlgParticipant *self = g_object_new (DLG_TYPE_PARTICIPANT, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgParticipant *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgParticipant *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This participant does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

/* Consent is dated when it is given, and forgotten when it is withdrawn. */
static gboolean
before_write (DlgStore        *store,
              DlgParticipant  *self,
              gint64           process_id,
              gboolean         inserting,
              GError         **error)
{
  if (self->consent && self->consent_at == NULL)
    self->consent_at = dlg_now_iso8601 ();
  else if (!self->consent)
    g_clear_pointer (&self->consent_at, g_free);
  return TRUE;
}

static gboolean
validate (DlgStore        *store,
          DlgParticipant  *self,
          gint64           process_id,
          GError         **error)
{
  if (!dlg_check_enum (self->channel, &dlg_vocabulary_registration_channel, FALSE,
                       _("The channel must be online, in person, mail or phone."), error))
    return FALSE;
  if (!dlg_check_text (self->age_band, FALSE, 100, _("age band"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->gender, FALSE, 100, _("gender"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->commune, FALSE, 200, _("commune"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->quartier, FALSE, 200, _("neighbourhood"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->occupation, FALSE, 200, _("occupation"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->household, FALSE, 200, _("household"), NULL, error))
    return FALSE;
  if (!dlg_check_enum (self->status, &dlg_vocabulary_participant_status, FALSE,
                       _("This participant status is unknown."), error))
    return FALSE;
  if (self->reserve_rank != -1 && self->reserve_rank < 1)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The reserve rank starts at 1."));
      return FALSE;
    }
  return TRUE;
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
  DlgParticipant *self = participant;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_PARTICIPANT (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!before_write (store, self, process_id, inserting, error))
    goto fail;
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->channel);
      dlg_stmt_bind_text (stmt, 4, self->age_band);
      dlg_stmt_bind_text (stmt, 5, self->gender);
      dlg_stmt_bind_text (stmt, 6, self->commune);
      dlg_stmt_bind_text (stmt, 7, self->quartier);
      dlg_stmt_bind_text (stmt, 8, self->occupation);
      sqlite3_bind_int (stmt, 9, self->prior_participation);
      dlg_stmt_bind_text (stmt, 10, self->household);
      sqlite3_bind_int (stmt, 11, self->consent);
      dlg_stmt_bind_text (stmt, 12, self->consent_at);
      dlg_stmt_bind_text (stmt, 13, self->status);
      if (self->reserve_rank >= 0)
        sqlite3_bind_int (stmt, 14, self->reserve_rank);
      dlg_stmt_bind_text (stmt, 15, now);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->channel);
      dlg_stmt_bind_text (stmt, 3, self->age_band);
      dlg_stmt_bind_text (stmt, 4, self->gender);
      dlg_stmt_bind_text (stmt, 5, self->commune);
      dlg_stmt_bind_text (stmt, 6, self->quartier);
      dlg_stmt_bind_text (stmt, 7, self->occupation);
      sqlite3_bind_int (stmt, 8, self->prior_participation);
      dlg_stmt_bind_text (stmt, 9, self->household);
      sqlite3_bind_int (stmt, 10, self->consent);
      dlg_stmt_bind_text (stmt, 11, self->consent_at);
      dlg_stmt_bind_text (stmt, 12, self->status);
      if (self->reserve_rank >= 0)
        sqlite3_bind_int (stmt, 13, self->reserve_rank);
    }
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (inserting)
    self->id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  else if (sqlite3_changes (dlg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This item was deleted meanwhile: nothing was saved."));
      goto fail;
    }
  if (!(reload = dlg_store_prepare (store, sql_load, error)))
    goto fail;
  sqlite3_bind_int64 (reload, 1, self->id);
  if (sqlite3_step (reload) != SQLITE_ROW)
    {
      dlg_store_set_error (store, sqlite3_errcode (dlg_store_get_db (store)), error);
      goto fail;
    }
  read_row (self, reload);
  if (!dlg_store_commit (store, error))
    goto fail_committed;
  notify_all (self);
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
fail_committed:
  if (inserting)
    {
      self->id = 0;
      g_clear_pointer (&self->uuid, g_free);
    }
  return FALSE;
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_load, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return load_one (store, stmt, error);
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_PARTICIPANT, (DlgRowFunc) from_row, error);
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
  g_autoptr(DlgParticipant) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_participant_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
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
  self->uuid = g_strdup (uuid);
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

  if (!validate (store, self, self->process_id, error))
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
  static const char sql_find_uuid[] = SQL_SELECT " WHERE t.uuid = ?1";
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (!(stmt = dlg_store_prepare (store, sql_find_uuid, error)))
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  return load_one (store, stmt, error);
}
