/* dlg-commitment-update.c — a dated progress report on a commitment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgCommitmentUpdate is a snapshot of its row (DlgRecord does the mechanics from the field
 * table): setters change the object only,
 * dlg_commitment_update_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgCommitmentUpdate.
 */

#define G_LOG_DOMAIN "dlg-commitment-update"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-commitment.h"
#include "dlg-commitment-update.h"
#include "dlg-domain-private.h"

struct _DlgCommitmentUpdate
{
  DlgRecord parent_instance;

  gint64 commitment_id;
  char *dated;
  gint progress;
  char *status;
  char *text;
  char *sync_state;
};

G_DEFINE_FINAL_TYPE (DlgCommitmentUpdate, dlg_commitment_update, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgCommitmentUpdate, member)
#define J (DLG_FIELD_JOURNALED | DLG_FIELD_PUBLISHED)

static const DlgField fields[] = {
  { .column = "commitment_id", .property = "commitment-id", .kind = DLG_FIELD_INT64,
    .offset = F (commitment_id), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("commitment"), .reference = dlg_commitment_get_type },
  { .column = "dated", .property = "dated", .kind = DLG_FIELD_DATE, .offset = F (dated),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | J, .label = N_("date"),
    .empty = N_("A progress report needs a date."), .json_name = "dated" },
  { .column = "progress", .property = "progress", .kind = DLG_FIELD_INT, .offset = F (progress),
    .flags = J, .label = N_("progress"), .minimum = 0, .maximum = 100,
    .invalid = N_("The progress is a percentage from 0 to 100."), .json_name = "progress" },
  { .column = "status", .property = "status", .kind = DLG_FIELD_ENUM, .offset = F (status),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | J, .label = N_("status"),
    .default_string = "in_progress", .vocabulary = &dlg_vocabulary_commitment_update_status,
    .invalid = N_("The status must be planned, in progress, done or abandoned."),
    .json_name = "status" },
  { .column = "text", .property = "text", .kind = DLG_FIELD_TEXT, .offset = F (text),
    .flags = J, .label = N_("text"), .json_name = "text" },
  { .column = "sync_state", .property = "sync-state", .kind = DLG_FIELD_STRING,
    .offset = F (sync_state),
    .flags = DLG_FIELD_SELECT_ONLY | DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN | DLG_FIELD_NULLABLE,
    .label = N_("sync state") },
};

#undef F
#undef J

static const DlgRecordInfo info = {
  .name = "commitment_update",
  .table = "commitment_update",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.dated DESC, t.id DESC",
  .process_sql = "SELECT process_id FROM commitment WHERE id = ?1",
  .parent_field = "commitment-id",
  .parent_missing = N_("The commitment does not exist."),
  .join = "JOIN commitment c ON c.id = t.commitment_id",
  .process_column = "c.process_id",
  .journal_create = "commitment_update.create",
  .journal_update = "commitment_update.update",
  .journal_delete = "commitment_update.delete",
  .not_found = N_("This progress report does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST | DLG_RECORD_SYNC_STATE,
  .stage = "implementation",
};

static const char sql_title[] = "SELECT title FROM commitment WHERE id = ?1";
/* The commitment takes the progress and status of its latest update. */
static const char sql_apply[] =
  "UPDATE commitment SET progress = ?2, status = ?3,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM commitment_update u"
  " WHERE u.commitment_id = ?1 AND (u.dated, u.id) > (?4, ?5))";

/* After a report is deleted, the commitment takes the progress of the latest one left (it
 * keeps its values when none is left). */
static const char sql_revert[] =
  "UPDATE commitment SET"
  " progress = coalesce ((SELECT u.progress FROM commitment_update u WHERE u.commitment_id = ?1"
  "   ORDER BY u.dated DESC, u.id DESC LIMIT 1), progress),"
  " status = coalesce ((SELECT u.status FROM commitment_update u WHERE u.commitment_id = ?1"
  "   ORDER BY u.dated DESC, u.id DESC LIMIT 1), status),"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";

static char *
journal_label (DlgStore            *store,
               DlgCommitmentUpdate *self)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_title, NULL);

  if (stmt == NULL)
    return g_strdup ("?");
  sqlite3_bind_int64 (stmt, 1, self->commitment_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("?");
  return dlg_stmt_dup_text (stmt, 0);
}

/* The commitment follows its latest report: this one once written, the latest one left once
 * deleted. */
static gboolean
dlg_commitment_update_after_write (DlgRecord        *record,
                                   DlgStore         *store,
                                   gint64            process_id,
                                   DlgRecordChange   change,
                                   GError          **error)
{
  DlgCommitmentUpdate *self = DLG_COMMITMENT_UPDATE (record);
  g_autoptr(DlgStmt) stmt = NULL;

  if (change == DLG_RECORD_DELETE)
    {
      if (!(stmt = dlg_store_prepare (store, sql_revert, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->commitment_id);
      return dlg_store_step_done (store, stmt, error);
    }
  if (!(stmt = dlg_store_prepare (store, sql_apply, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->commitment_id);
  sqlite3_bind_int (stmt, 2, self->progress);
  dlg_stmt_bind_text (stmt, 3, self->status);
  dlg_stmt_bind_text (stmt, 4, self->dated);
  sqlite3_bind_int64 (stmt, 5, dlg_record_get_id (record));
  return dlg_store_step_done (store, stmt, error);
}

static char *
dlg_commitment_update_describe (DlgRecord        *record,
                                DlgStore         *store,
                                DlgRecordChange   change)
{
  g_autofree char *label = journal_label (store, DLG_COMMITMENT_UPDATE (record));

  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup_printf (_("Progress reported on commitment “%s”."), label);
    case DLG_RECORD_UPDATE:
      return g_strdup_printf (_("Progress report changed on commitment “%s”."), label);
    case DLG_RECORD_DELETE:
      return g_strdup_printf (_("Progress report deleted on commitment “%s”."), label);
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_commitment_update_emit_changed (DlgRecord       *record,
                                    DlgStore        *store,
                                    gint64           process_id,
                                    DlgRecordChange  change)
{
  dlg_store_emit_changed (store, DLG_TYPE_COMMITMENT_UPDATE, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_COMMITMENT, process_id);
}

static void
dlg_commitment_update_class_init (DlgCommitmentUpdateClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->after_write = dlg_commitment_update_after_write;
  record_class->describe = dlg_commitment_update_describe;
  record_class->emit_changed = dlg_commitment_update_emit_changed;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_commitment_update_init (DlgCommitmentUpdate *self)
{
}

/**
 * dlg_commitment_update_new:
 *
 * Returns: (transfer full): a new, unsaved report dated now: set its fields, then save it
 */
DlgCommitmentUpdate *
dlg_commitment_update_new (gint64 commitment_id)
{
  DlgCommitmentUpdate *self = dlg_record_new (DLG_TYPE_COMMITMENT_UPDATE, 0);

  self->commitment_id = commitment_id;
  self->dated = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_commitment_update_get_id (DlgCommitmentUpdate *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_commitment_update_get_uuid (DlgCommitmentUpdate *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_commitment_update_get_commitment_id (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), 0);
  return self->commitment_id;
}

const char *
dlg_commitment_update_get_dated (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), NULL);
  return self->dated;
}

gint
dlg_commitment_update_get_progress (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), 0);
  return self->progress;
}

const char *
dlg_commitment_update_get_status (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), NULL);
  return self->status;
}

const char *
dlg_commitment_update_get_text (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), NULL);
  return self->text;
}

const char *
dlg_commitment_update_get_sync_state (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), NULL);
  return self->sync_state;
}

void
dlg_commitment_update_set_dated (DlgCommitmentUpdate *self,
                                 const char          *dated)
{
  dlg_record_set_string (DLG_RECORD (self), "dated", dated);
}

void
dlg_commitment_update_set_progress (DlgCommitmentUpdate *self,
                                    gint                 progress)
{
  dlg_record_set_int64 (DLG_RECORD (self), "progress", progress);
}

void
dlg_commitment_update_set_status (DlgCommitmentUpdate *self,
                                  const char          *status)
{
  dlg_record_set_string (DLG_RECORD (self), "status", status);
}

void
dlg_commitment_update_set_text (DlgCommitmentUpdate *self,
                                const char          *text)
{
  dlg_record_set_string (DLG_RECORD (self), "text", text);
}


/**
 * dlg_commitment_update_save:
 *
 * Validates @update and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry; the commitment takes the
 * progress and status of its latest report. On success the object holds the saved row.
 */
gboolean
dlg_commitment_update_save (DlgStore             *store,
                            DlgCommitmentUpdate  *update,
                            GError              **error)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (update), FALSE);

  return dlg_record_save (DLG_RECORD (update), store, error);
}

/**
 * dlg_commitment_update_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgCommitmentUpdate *
dlg_commitment_update_load (DlgStore  *store,
                            gint64     id,
                            GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_COMMITMENT_UPDATE, id, error);
}

/**
 * dlg_commitment_update_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgCommitmentUpdate of @commitment_id, newest
 *   first
 */
GListModel *
dlg_commitment_update_list (DlgStore  *store,
                            gint64     commitment_id,
                            GError   **error)
{
  return dlg_record_query (store, DLG_TYPE_COMMITMENT_UPDATE, "t.commitment_id = ?1",
                           g_variant_new ("(x)", commitment_id), error);
}

/**
 * dlg_commitment_update_delete:
 *
 * Deletes the report and journals it; the commitment takes the progress of the latest one left.
 */
gboolean
dlg_commitment_update_delete (DlgStore  *store,
                              gint64     id,
                              GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_COMMITMENT_UPDATE, id, error);
}
