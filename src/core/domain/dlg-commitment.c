/* dlg-commitment.c — a commitment of the argued response; it points to a position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgCommitment is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_commitment_save() writes it in one transaction with its
 * journal entry (a change of a synced commitment marks it for the next push), then emits
 * DlgStore::changed::DlgCommitment.
 */

#define G_LOG_DOMAIN "dlg-commitment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-commitment.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-position.h"

struct _DlgCommitment
{
  DlgRecord parent_instance;

  gint64 position_id;
  char *title;
  char *department;
  char *due_date;
  char *status;
  gint progress;
  char *created_at;
  char *sync_state;
  char *etag;
  gint64 rev;
};

G_DEFINE_FINAL_TYPE (DlgCommitment, dlg_commitment, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgCommitment, member)
#define J (DLG_FIELD_JOURNALED | DLG_FIELD_PUBLISHED)

static const DlgField fields[] = {
  { .column = "position_id", .property = "position-id", .kind = DLG_FIELD_INT64,
    .offset = F (position_id), .flags = J, .label = N_("position"),
    .reference = dlg_position_get_type, .json_name = "recommendation_number" },
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = DLG_FIELD_REQUIRED | J, .label = N_("title"), .max_chars = 500,
    .empty = N_("A commitment needs a title."), .json_name = "title" },
  { .column = "department", .property = "department", .kind = DLG_FIELD_STRING,
    .offset = F (department), .flags = J, .label = N_("department"), .max_chars = 500,
    .json_name = "department" },
  { .column = "due_date", .property = "due-date", .kind = DLG_FIELD_DATE, .offset = F (due_date),
    .flags = DLG_FIELD_NULLABLE | J, .label = N_("due date"), .json_name = "due_date" },
  { .column = "status", .property = "status", .kind = DLG_FIELD_ENUM, .offset = F (status),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | J, .label = N_("status"),
    .default_string = "planned", .vocabulary = &dlg_vocabulary_commitment_status,
    .invalid = N_("The status must be planned, in progress, done or abandoned."),
    .json_name = "status" },
  { .column = "progress", .property = "progress", .kind = DLG_FIELD_INT, .offset = F (progress),
    .flags = J, .label = N_("progress"), .minimum = 0, .maximum = 100,
    .invalid = N_("The progress is a percentage from 0 to 100."), .json_name = "progress" },
  { .column = "created_at", .property = "created-at", .kind = DLG_FIELD_DATE,
    .offset = F (created_at),
    .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_INSERT_ONLY | DLG_FIELD_NULLABLE,
    .label = N_("created") },
  DLG_RECORD_SYNC_FIELDS (DlgCommitment, NULL),
};

#undef F
#undef J

static const DlgRecordInfo info = {
  .name = "commitment",
  .table = "commitment",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.due_date IS NULL, t.due_date, t.id",
  .journal_create = "commitment.create",
  .journal_update = "commitment.update",
  .journal_delete = "commitment.delete",
  .not_found = N_("This commitment does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST | DLG_RECORD_SYNC_STATE,
  .stage = "implementation",
};

static const char sql_position_process[] =
  "SELECT r.process_id FROM position p JOIN recommendation r ON r.id = p.recommendation_id"
  " WHERE p.id = ?1";

/* A commitment answers a position of the response of the same process. */
static gboolean
dlg_commitment_validate (DlgRecord  *record,
                         DlgStore   *store,
                         gint64      process_id,
                         GError    **error)
{
  DlgCommitment *self = DLG_COMMITMENT (record);
  gint64 position_process;

  if (self->position_id == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A commitment must answer a position of the response: choose the "
                             "position it comes from."));
      return FALSE;
    }
  position_process = dlg_lookup_process (store, sql_position_process, self->position_id,
                                         _("The position this commitment answers does not "
                                           "exist."), error);
  if (position_process == 0)
    return FALSE;
  if (position_process != process_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This position belongs to another process."));
      return FALSE;
    }
  return TRUE;
}

/* A new commitment is dated now. */
static gboolean
dlg_commitment_before_write (DlgRecord        *record,
                             DlgStore         *store,
                             gint64            process_id,
                             DlgRecordChange   change,
                             GError          **error)
{
  DlgCommitment *self = DLG_COMMITMENT (record);

  if (change == DLG_RECORD_CREATE)
    {
      g_free (self->created_at);
      self->created_at = dlg_now_iso8601 ();
    }
  return TRUE;
}

static char *
dlg_commitment_describe (DlgRecord        *record,
                         DlgStore         *store,
                         DlgRecordChange   change)
{
  DlgCommitment *self = DLG_COMMITMENT (record);

  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup_printf (_("Commitment made: “%s”."), self->title);
    case DLG_RECORD_UPDATE:
      return g_strdup_printf (_("Commitment changed: “%s”."), self->title);
    case DLG_RECORD_DELETE:
      return g_strdup_printf (_("Commitment deleted: “%s”."), self->title);
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_commitment_class_init (DlgCommitmentClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_commitment_validate;
  record_class->before_write = dlg_commitment_before_write;
  record_class->describe = dlg_commitment_describe;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_commitment_init (DlgCommitment *self)
{
}

/**
 * dlg_commitment_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgCommitment *
dlg_commitment_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_COMMITMENT, process_id);
}

gint64
dlg_commitment_get_id (DlgCommitment *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_commitment_get_uuid (DlgCommitment *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_commitment_get_process_id (DlgCommitment *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

gint64
dlg_commitment_get_position_id (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), 0);
  return self->position_id;
}

const char *
dlg_commitment_get_title (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);
  return self->title;
}

const char *
dlg_commitment_get_department (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);
  return self->department;
}

const char *
dlg_commitment_get_due_date (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);
  return self->due_date;
}

const char *
dlg_commitment_get_status (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);
  return self->status;
}

gint
dlg_commitment_get_progress (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), 0);
  return self->progress;
}

const char *
dlg_commitment_get_created_at (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);
  return self->created_at;
}

const char *
dlg_commitment_get_sync_state (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);
  return self->sync_state;
}

const char *
dlg_commitment_get_etag (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);
  return self->etag;
}

gint64
dlg_commitment_get_rev (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), 0);
  return self->rev;
}

void
dlg_commitment_set_position_id (DlgCommitment *self,
                                gint64         position_id)
{
  dlg_record_set_int64 (DLG_RECORD (self), "position-id", position_id);
}

void
dlg_commitment_set_title (DlgCommitment *self,
                          const char    *title)
{
  dlg_record_set_string (DLG_RECORD (self), "title", title);
}

void
dlg_commitment_set_department (DlgCommitment *self,
                               const char    *department)
{
  dlg_record_set_string (DLG_RECORD (self), "department", department);
}

void
dlg_commitment_set_due_date (DlgCommitment *self,
                             const char    *due_date)
{
  dlg_record_set_string (DLG_RECORD (self), "due-date", due_date);
}

void
dlg_commitment_set_status (DlgCommitment *self,
                           const char    *status)
{
  dlg_record_set_string (DLG_RECORD (self), "status", status);
}

void
dlg_commitment_set_progress (DlgCommitment *self,
                             gint           progress)
{
  dlg_record_set_int64 (DLG_RECORD (self), "progress", progress);
}


/**
 * dlg_commitment_status_get_label:
 * @status: "planned", "in_progress", "done" or "abandoned"
 *
 * Returns: the translated label, or %NULL for an unknown status
 */
const char *
dlg_commitment_status_get_label (const char *status)
{
  return dlg_vocabulary_find_label (&dlg_vocabulary_commitment_status, status);
}

/**
 * dlg_commitment_save:
 *
 * Validates @commitment and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_commitment_save (DlgStore       *store,
                     DlgCommitment  *commitment,
                     GError        **error)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (commitment), FALSE);

  return dlg_record_save (DLG_RECORD (commitment), store, error);
}

/**
 * dlg_commitment_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgCommitment *
dlg_commitment_load (DlgStore  *store,
                     gint64     id,
                     GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_COMMITMENT, id, error);
}

/**
 * dlg_commitment_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgCommitment, by due date (undated last)
 */
GListModel *
dlg_commitment_list (DlgStore  *store,
                     gint64     process_id,
                     GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_COMMITMENT, process_id, NULL, NULL, error);
}

/**
 * dlg_commitment_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_commitment_delete (DlgStore  *store,
                       gint64     id,
                       GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_COMMITMENT, id, error);
}
