/* dlg-contribution.c — what a participant said, with the officer’s annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgContribution is a snapshot of its row (DlgRecord does the mechanics from the field
 * table): setters change the object only, dlg_contribution_save() writes it in one transaction
 * (a change of what the site shows makes a synced contribution modified), then emits
 * DlgStore::changed::DlgContribution. Saves are not journaled (what citizens said is theirs);
 * moderation decisions are, by the contribution's reference and never its text
 * (dlg_contribution_moderate()). The officer's annotations (highlight, note) live in
 * contribution_annotation, which a pull never touches; the FTS index follows the table
 * through its triggers. What a source brings comes in through dlg-ingest.c.
 */

#define G_LOG_DOMAIN "dlg-contribution"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-ingest.h"
#include "dlg-journal.h"
#include "dlg-json.h"
#include "dlg-record-private.h"
#include "dlg-stage-rules.h"
#include "dlg-theme.h"

struct _DlgContribution
{
  DlgRecord parent_instance;

  char *feature;
  char *kind;
  char *channel;
  char *parent_uuid;
  char *author_ref;
  char *title;
  char *body;
  double lat;
  double lon;
  char *data_json;
  char *created_at;
  char *moderation;
  char *moderation_reason;
  gint64 supports;
  gint64 remote_rev;
  char *sync_state;
  char *source;
  char *source_id;
  gint64 source_rev;
  char *site_missing_at;
  gboolean highlighted;
  char *note;
};

G_DEFINE_FINAL_TYPE (DlgContribution, dlg_contribution, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgContribution, member)
/* What the site shows: a change of a synced contribution makes it modified. */
#define P DLG_FIELD_PUBLISHED
/* Written by the store, the sync or the ingestion path, never by a save. */
#define R (DLG_FIELD_READ_ONLY | DLG_FIELD_SELECT_ONLY)

/* No location is NAN, no revision -1: NULL in the row. The members a source sends (sync v1's
 * JSON, dlg_contribution_new_from_json()) are the fields' json_name. */
static const DlgField fields[] = {
  { .column = "feature", .property = "feature", .kind = DLG_FIELD_ENUM, .offset = F (feature),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | P, .default_string = "ideas",
    .vocabulary = &dlg_vocabulary_feature, .json_name = "feature",
    .invalid = N_("This feature is unknown.") },
  { .column = "kind", .property = "kind", .kind = DLG_FIELD_ENUM, .offset = F (kind),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | P, .label = N_("kind"),
    .default_string = "idea", .vocabulary = &dlg_vocabulary_contribution_kind,
    .json_name = "kind", .invalid = N_("This kind of contribution is unknown.") },
  { .column = "channel", .property = "channel", .kind = DLG_FIELD_ENUM, .offset = F (channel),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | P, .label = N_("channel"),
    .default_string = "online", .vocabulary = &dlg_vocabulary_channel, .json_name = "channel",
    .invalid = N_("The channel must be online, in person, mail or phone.") },
  { .column = "parent_uuid", .property = "parent-uuid", .kind = DLG_FIELD_STRING,
    .offset = F (parent_uuid), .flags = DLG_FIELD_NULLABLE | P,
    .label = N_("parent contribution"), .max_chars = 64, .json_name = "parent_id" },
  { .column = "author_ref", .property = "author-ref", .kind = DLG_FIELD_STRING,
    .offset = F (author_ref), .flags = P, .label = N_("author"), .max_chars = 200,
    .json_name = "author_ref" },
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = P, .label = N_("title"), .max_chars = 500, .json_name = "title" },
  { .column = "body", .property = "body", .kind = DLG_FIELD_TEXT, .offset = F (body),
    .flags = P, .label = N_("text"), .max_chars = 100000, .json_name = "body" },
  { .column = "lat", .property = "lat", .kind = DLG_FIELD_DOUBLE, .offset = F (lat),
    .flags = DLG_FIELD_NULLABLE | P, .minimum = -90, .maximum = 90, .default_number = NAN,
    .json_name = "lat", .invalid = N_("The latitude must be between -90 and 90.") },
  { .column = "lon", .property = "lon", .kind = DLG_FIELD_DOUBLE, .offset = F (lon),
    .flags = DLG_FIELD_NULLABLE | P, .minimum = -180, .maximum = 180, .default_number = NAN,
    .json_name = "lon", .invalid = N_("The longitude must be between -180 and 180.") },
  /* The answers to a form's questions, as JSON text. */
  { .column = "data_json", .property = "data-json", .kind = DLG_FIELD_TEXT,
    .offset = F (data_json), .flags = DLG_FIELD_NULLABLE | DLG_FIELD_HIDDEN | P,
    .label = N_("extra data"), .json_name = "answers" },
  { .column = "created_at", .property = "created-at", .kind = DLG_FIELD_DATE,
    .offset = F (created_at), .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | P,
    .label = N_("date"), .empty = N_("A contribution needs a date."),
    .json_name = "created_at" },
  /* Written by dlg_contribution_moderate() and by what a source brings. */
  { .column = "moderation", .property = "moderation", .kind = DLG_FIELD_ENUM,
    .offset = F (moderation), .flags = R | DLG_FIELD_NULLABLE, .default_string = "pending",
    .vocabulary = &dlg_vocabulary_moderation, .json_name = "moderation",
    .invalid = N_("The moderation state must be pending, published or set aside.") },
  { .column = "moderation_reason", .property = "moderation-reason", .kind = DLG_FIELD_STRING,
    .offset = F (moderation_reason), .flags = R | DLG_FIELD_NULLABLE, .label = N_("reason"),
    .max_chars = 1000, .json_name = "moderation_reason" },
  { .column = "supports", .property = "supports", .kind = DLG_FIELD_INT64,
    .offset = F (supports), .flags = R, .json_name = "supports" },
  /* The site's revision (the ETag of what the app pushes); another source's is source_rev. */
  { .column = "remote_rev", .property = "remote-rev", .kind = DLG_FIELD_INT64,
    .offset = F (remote_rev), .flags = R | DLG_FIELD_NULLABLE | DLG_FIELD_HIDDEN,
    .label = N_("revision"), .default_number = -1 },
  { .column = "sync_state", .property = "sync-state", .kind = DLG_FIELD_STRING,
    .offset = F (sync_state), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_INSERT_ONLY
    | DLG_FIELD_NULLABLE | DLG_FIELD_HIDDEN, .label = N_("sync state") },
  /* Where it comes from (the ingestion path's): unique per process. */
  { .column = "source", .property = "source", .kind = DLG_FIELD_STRING, .offset = F (source),
    .flags = R | DLG_FIELD_NULLABLE | DLG_FIELD_HIDDEN },
  { .column = "source_id", .property = "source-id", .kind = DLG_FIELD_STRING,
    .offset = F (source_id), .flags = R | DLG_FIELD_NULLABLE | DLG_FIELD_HIDDEN },
  { .column = "source_rev", .property = "source-rev", .kind = DLG_FIELD_INT64,
    .offset = F (source_rev), .flags = R | DLG_FIELD_NULLABLE | DLG_FIELD_HIDDEN,
    .default_number = -1 },
  { .column = "site_missing_at", .property = "site-missing-at", .kind = DLG_FIELD_DATE,
    .offset = F (site_missing_at), .flags = R | DLG_FIELD_NULLABLE | DLG_FIELD_HIDDEN },
  /* The officer's annotations: their own table (after_write), joined. */
  { .column = "coalesce (a.highlighted, 0)", .property = "highlighted",
    .kind = DLG_FIELD_BOOLEAN, .offset = F (highlighted), .flags = DLG_FIELD_SELECT_ONLY },
  { .column = "coalesce (a.note, '')", .property = "note", .kind = DLG_FIELD_TEXT,
    .offset = F (note), .flags = DLG_FIELD_SELECT_ONLY, .label = N_("note") },
};

#undef F
#undef P
#undef R

/* Not journaled but moderation (its own action, dlg_contribution_moderate()); editable
 * whatever the stage while the process is. */
static const DlgRecordInfo info = {
  .name = "contribution",
  .table = "contribution",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.created_at DESC, t.id DESC",
  .join = "LEFT JOIN contribution_annotation a ON a.contribution_id = t.id",
  .not_found = N_("This contribution does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST | DLG_RECORD_SYNC_STATE,
};

static const char sql_annotate[] =
  "INSERT INTO contribution_annotation (contribution_id, highlighted, note) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (contribution_id) DO UPDATE SET highlighted = excluded.highlighted,"
  " note = excluded.note";
static const char sql_moderation_event[] =
  "INSERT INTO moderation_event (uuid, contribution_id, state, reason, decided_at, actor)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_list_themes[] =
  "SELECT ct.theme_id FROM contribution_theme ct JOIN theme th ON th.id = ct.theme_id"
  " WHERE ct.contribution_id = ?1 ORDER BY th.position, th.name COLLATE NOCASE, th.id";

/* What a moderation writes: the row's state, then an event of its own. */
static const char * const moderation_fields[] = { "moderation", "moderation-reason", NULL };

/* The checks beyond the table: the note (an annotation, not a column), a text, a location
 * with both coordinates. */
static gboolean
dlg_contribution_validate_record (DlgRecord  *record,
                                  DlgStore   *store,
                                  gint64      process_id,
                                  GError    **error)
{
  DlgContribution *self = DLG_CONTRIBUTION (record);

  if (!dlg_check_text (self->note, FALSE, 0, _("note"), NULL, error))
    return FALSE;
  if (*self->title == '\0' && *self->body == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A contribution needs a title or a text."));
      return FALSE;
    }
  if (isnan (self->lat) != isnan (self->lon))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A location needs both a latitude and a longitude."));
      return FALSE;
    }
  return TRUE;
}

/* A contribution the app creates (in person, by mail or phone) is pushed at the next sync. */
static gboolean
dlg_contribution_before_write (DlgRecord        *record,
                               DlgStore         *store,
                               gint64            process_id,
                               DlgRecordChange   change,
                               GError          **error)
{
  DlgContribution *self = DLG_CONTRIBUTION (record);

  if (change == DLG_RECORD_CREATE)
    {
      g_free (self->sync_state);
      self->sync_state = g_strdup ("created");
    }
  return TRUE;
}

/* The officer's annotations live in their own table, which a pull never touches. */
static gboolean
dlg_contribution_after_write (DlgRecord        *record,
                              DlgStore         *store,
                              gint64            process_id,
                              DlgRecordChange   change,
                              GError          **error)
{
  DlgContribution *self = DLG_CONTRIBUTION (record);
  g_autoptr(DlgStmt) stmt = NULL;

  if (change == DLG_RECORD_DELETE
      || (change == DLG_RECORD_CREATE && !self->highlighted && *self->note == '\0'))
    return TRUE;
  if (!(stmt = dlg_store_prepare (store, sql_annotate, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dlg_record_get_id (record));
  sqlite3_bind_int (stmt, 2, self->highlighted);
  dlg_stmt_bind_text (stmt, 3, self->note);
  return dlg_store_step_done (store, stmt, error);
}

static void
dlg_contribution_class_init (DlgContributionClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_contribution_validate_record;
  record_class->before_write = dlg_contribution_before_write;
  record_class->after_write = dlg_contribution_after_write;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_contribution_init (DlgContribution *self)
{
}

/**
 * dlg_contribution_new:
 *
 * Returns: (transfer full): a new, unsaved object dated now: set its fields, then save it
 */
DlgContribution *
dlg_contribution_new (gint64 process_id)
{
  DlgContribution *self = dlg_record_new (DLG_TYPE_CONTRIBUTION, process_id);

  self->created_at = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_contribution_get_id (DlgContribution *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_contribution_get_uuid (DlgContribution *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_contribution_get_process_id (DlgContribution *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

const char *
dlg_contribution_get_feature (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->feature;
}

const char *
dlg_contribution_get_kind (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->kind;
}

const char *
dlg_contribution_get_channel (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->channel;
}

const char *
dlg_contribution_get_parent_uuid (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->parent_uuid;
}

const char *
dlg_contribution_get_author_ref (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->author_ref;
}

const char *
dlg_contribution_get_title (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->title;
}

const char *
dlg_contribution_get_body (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->body;
}

gdouble
dlg_contribution_get_lat (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NAN);
  return self->lat;
}

gdouble
dlg_contribution_get_lon (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NAN);
  return self->lon;
}

const char *
dlg_contribution_get_data_json (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->data_json;
}

const char *
dlg_contribution_get_created_at (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->created_at;
}

const char *
dlg_contribution_get_moderation (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->moderation;
}

const char *
dlg_contribution_get_moderation_reason (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->moderation_reason;
}

gint64
dlg_contribution_get_supports (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), 0);
  return self->supports;
}

/**
 * dlg_contribution_get_site_missing_at:
 *
 * Returns: (nullable): when a full resync found that the site no longer lists this online
 *   contribution (it is kept: only the feed's deletion removes it), or %NULL
 */
const char *
dlg_contribution_get_site_missing_at (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->site_missing_at;
}

gint64
dlg_contribution_get_remote_rev (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), 0);
  return self->remote_rev;
}

const char *
dlg_contribution_get_sync_state (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->sync_state;
}

gboolean
dlg_contribution_get_highlighted (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), FALSE);
  return self->highlighted;
}

const char *
dlg_contribution_get_note (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);
  return self->note;
}

void
dlg_contribution_set_feature (DlgContribution *self,
                              const char      *feature)
{
  dlg_record_set_string (DLG_RECORD (self), "feature", feature);
}

void
dlg_contribution_set_kind (DlgContribution *self,
                           const char      *kind)
{
  dlg_record_set_string (DLG_RECORD (self), "kind", kind);
}

void
dlg_contribution_set_channel (DlgContribution *self,
                              const char      *channel)
{
  dlg_record_set_string (DLG_RECORD (self), "channel", channel);
}

void
dlg_contribution_set_parent_uuid (DlgContribution *self,
                                  const char      *parent_uuid)
{
  dlg_record_set_string (DLG_RECORD (self), "parent-uuid", parent_uuid);
}

void
dlg_contribution_set_author_ref (DlgContribution *self,
                                 const char      *author_ref)
{
  dlg_record_set_string (DLG_RECORD (self), "author-ref", author_ref);
}

void
dlg_contribution_set_title (DlgContribution *self,
                            const char      *title)
{
  dlg_record_set_string (DLG_RECORD (self), "title", title);
}

void
dlg_contribution_set_body (DlgContribution *self,
                           const char      *body)
{
  dlg_record_set_string (DLG_RECORD (self), "body", body);
}

void
dlg_contribution_set_lat (DlgContribution *self,
                          gdouble          lat)
{
  dlg_record_set_double (DLG_RECORD (self), "lat", lat);
}

void
dlg_contribution_set_lon (DlgContribution *self,
                          gdouble          lon)
{
  dlg_record_set_double (DLG_RECORD (self), "lon", lon);
}

void
dlg_contribution_set_data_json (DlgContribution *self,
                                const char      *data_json)
{
  dlg_record_set_string (DLG_RECORD (self), "data-json", data_json);
}

void
dlg_contribution_set_created_at (DlgContribution *self,
                                 const char      *created_at)
{
  dlg_record_set_string (DLG_RECORD (self), "created-at", created_at);
}

void
dlg_contribution_set_highlighted (DlgContribution *self,
                                  gboolean         highlighted)
{
  dlg_record_set_boolean (DLG_RECORD (self), "highlighted", highlighted);
}

void
dlg_contribution_set_note (DlgContribution *self,
                           const char      *note)
{
  dlg_record_set_string (DLG_RECORD (self), "note", note);
}

gboolean
dlg_contribution_has_location (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), FALSE);

  return !isnan (self->lat) && !isnan (self->lon);
}

void
dlg_contribution_set_location (DlgContribution *self,
                               gdouble          lat,
                               gdouble          lon)
{
  dlg_contribution_set_lat (self, lat);
  dlg_contribution_set_lon (self, lon);
}

void
dlg_contribution_clear_location (DlgContribution *self)
{
  dlg_contribution_set_location (self, NAN, NAN);
}

/**
 * dlg_contribution_moderation_get_label:
 * @state: "pending", "published" or "trashed"
 *
 * Returns: the translated label, or %NULL for an unknown state
 */
const char *
dlg_contribution_moderation_get_label (const char *state)
{
  return dlg_vocabulary_find_label (&dlg_vocabulary_moderation, state);
}

/**
 * dlg_contribution_channel_get_label:
 * @channel: "online", "in_person", "mail" or "phone"
 *
 * Returns: the translated label, or %NULL for an unknown channel
 */
const char *
dlg_contribution_channel_get_label (const char *channel)
{
  return dlg_vocabulary_find_label (&dlg_vocabulary_channel, channel);
}

/**
 * dlg_contribution_save:
 *
 * Validates @contribution and writes it: INSERT when its id is 0 (its id and uuid are filled
 * in), UPDATE otherwise, in one transaction with its annotations. On success the object holds
 * the saved row.
 */
gboolean
dlg_contribution_save (DlgStore         *store,
                       DlgContribution  *contribution,
                       GError          **error)
{
  return dlg_record_save (DLG_RECORD (contribution), store, error);
}

/**
 * dlg_contribution_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgContribution *
dlg_contribution_load (DlgStore  *store,
                       gint64     id,
                       GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_CONTRIBUTION, id, error);
}

/**
 * dlg_contribution_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgContribution, newest first
 */
GListModel *
dlg_contribution_list (DlgStore  *store,
                       gint64     process_id,
                       GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_CONTRIBUTION, process_id, NULL, NULL, error);
}

/**
 * dlg_contribution_delete:
 *
 * Deletes the contribution (its annotations, themes and moderation events go with it).
 */
gboolean
dlg_contribution_delete (DlgStore  *store,
                         gint64     id,
                         GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_CONTRIBUTION, id, error);
}

/**
 * dlg_contribution_find_by_uuid:
 *
 * Returns: (transfer full): the contribution, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgContribution *
dlg_contribution_find_by_uuid (DlgStore    *store,
                               const char  *uuid,
                               GError     **error)
{
  return dlg_record_find_by_uuid (store, DLG_TYPE_CONTRIBUTION, uuid, error);
}

/**
 * dlg_contribution_moderate:
 * @state: "pending", "published" or "trashed"
 * @reason: (nullable): why; required to set a contribution aside
 *
 * Sets the moderation state of a contribution, records a moderation event with its own uuid
 * (pushed to the site at the next sync) and journals the decision, in one transaction.
 * Moderation is not a save: the contribution's other fields are neither checked nor written
 * (an erased contribution, without a word left, can still be moderated).
 */
gboolean
dlg_contribution_moderate (DlgStore    *store,
                           gint64       contribution_id,
                           const char  *state,
                           const char  *reason,
                           GError     **error)
{
  g_autoptr(DlgContribution) self = NULL;
  g_autoptr(DlgStmt) event = NULL;
  g_autofree char *uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *label = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *stripped = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_check_enum (state, &dlg_vocabulary_moderation, FALSE,
                       _("The moderation state must be pending, published or set aside."),
                       error))
    return FALSE;
  if (!dlg_check_text (reason, FALSE, 1000, _("reason"), NULL, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (g_str_equal (state, "trashed") && *stripped == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Say why the contribution is set aside: its author will see the "
                             "reason."));
      return FALSE;
    }
  if (!(self = dlg_contribution_load (store, contribution_id, error)))
    return FALSE;
  process_id = dlg_contribution_get_process_id (self);
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;

  g_free (self->moderation);
  self->moderation = g_strdup (state);
  g_free (self->moderation_reason);
  self->moderation_reason = *stripped != '\0' ? g_strdup (stripped) : NULL;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!dlg_record_update_fields (DLG_RECORD (self), store, contribution_id, moderation_fields,
                                 NULL, error))
    goto fail;
  if (!(event = dlg_store_prepare (store, sql_moderation_event, error)))
    goto fail;
  dlg_stmt_bind_text (event, 1, uuid);
  sqlite3_bind_int64 (event, 2, contribution_id);
  dlg_stmt_bind_text (event, 3, state);
  dlg_stmt_bind_text (event, 4, stripped);
  dlg_stmt_bind_text (event, 5, now);
  dlg_stmt_bind_text (event, 6, dlg_store_get_actor (store));
  if (!dlg_store_step_done (store, event, error))
    goto fail;
  /* The journal is public and cannot be purged: it names the contribution by its reference,
   * never by its text, which may be what moderation removes. */
  label = g_strndup (dlg_contribution_get_uuid (self), 8);
  if (*stripped != '\0')
    summary = g_strdup_printf (_("Contribution %s: %s (%s)."), label,
                               dlg_contribution_moderation_get_label (state), stripped);
  else
    summary = g_strdup_printf (_("Contribution %s: %s."), label,
                               dlg_contribution_moderation_get_label (state));
  if (!dlg_journal_append (store, process_id, "contribution.moderate", info.name,
                           dlg_contribution_get_uuid (self), summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_contribution_list_themes:
 *
 * Returns: (transfer full): a #GListModel of #DlgTheme
 */
GListModel *
dlg_contribution_list_themes (DlgStore  *store,
                              gint64     contribution_id,
                              GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DLG_TYPE_THEME);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_list_themes, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, contribution_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        return NULL;
      }
  }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DlgTheme) theme = dlg_theme_load (store, g_array_index (ids, gint64, i), error);

      if (theme == NULL)
        return NULL;
      g_list_store_append (list, theme);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Ingestion (dlg-ingest.c): a contribution from a source's JSON and the type's own checks. */

/**
 * dlg_contribution_new_from_json:
 * @process_id: where it goes
 * @uuid: (nullable): its uuid when the source shares the app's (the reference site), else
 *   %NULL: one is given when it is first stored
 * @data: the members of sync v1's contribution (the fields' json_name: `feature`, `kind`,
 *   `channel`, `parent_id`, `author_ref`, `title`, `body`, `lat`, `lon`, `answers`,
 *   `created_at`, `moderation`, `moderation_reason`, `supports`); a member absent or of the
 *   wrong type reads as the field's default (`answers` is kept as JSON text)
 *
 * Returns: (transfer full): an unsaved contribution, to be checked and stored by the ingestion
 *   path (dlg_ingest_batch_add_contribution)
 */
DlgContribution *
dlg_contribution_new_from_json (gint64       process_id,
                                const char  *uuid,
                                JsonObject  *data)
{
  DlgContribution *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = dlg_record_new (DLG_TYPE_CONTRIBUTION, process_id);
  dlg_record_set_uuid (DLG_RECORD (self), uuid);
  /* Members are set directly: nobody listens to an object being made, and a batch makes
   * thousands. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const DlgField *field = &fields[i];
      gpointer member = G_STRUCT_MEMBER_P (self, field->offset);

      if (field->json_name == NULL)
        continue;
      switch (field->kind)
        {
        case DLG_FIELD_STRING:
        case DLG_FIELD_TEXT:
        case DLG_FIELD_DATE:
        case DLG_FIELD_ENUM:
          g_free (*(char **) member);
          if (field->offset == G_STRUCT_OFFSET (DlgContribution, data_json))
            {
              JsonNode *node = json_object_get_member (data, field->json_name);

              *(char **) member = node != NULL && !JSON_NODE_HOLDS_NULL (node)
                ? dlg_json_node_to_string (node) : NULL;
            }
          else
            *(char **) member =
              g_strdup (dlg_json_member_string (data, field->json_name,
                                                field->default_string != NULL
                                                ? field->default_string
                                                : (field->flags & DLG_FIELD_NULLABLE) ? NULL
                                                : ""));
          break;
        case DLG_FIELD_DOUBLE:
          *(double *) member = dlg_json_member_double (data, field->json_name,
                                                       field->default_number);
          break;
        case DLG_FIELD_INT64:
          *(gint64 *) member = dlg_json_member_int (data, field->json_name,
                                                    (gint64) field->default_number);
          break;
        case DLG_FIELD_INT:
        case DLG_FIELD_BOOLEAN:
        default:
          g_assert_not_reached ();
        }
    }
  return self;
}

/**
 * dlg_contribution_validate:
 *
 * The checks of a save (the field table's, then the type's), and the moderation state and
 * reason's, which a source brings and a save never writes.
 */
gboolean
dlg_contribution_validate (DlgStore         *store,
                           DlgContribution  *self,
                           GError          **error)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), FALSE);

  if (!dlg_record_validate (DLG_RECORD (self), store, dlg_contribution_get_process_id (self),
                            error))
    return FALSE;
  if (!dlg_check_enum (self->moderation, &dlg_vocabulary_moderation, FALSE,
                       _("The moderation state must be pending, published or set aside."),
                       error))
    return FALSE;
  return dlg_check_text (self->moderation_reason, FALSE, 1000, _("reason"), NULL, error);
}
