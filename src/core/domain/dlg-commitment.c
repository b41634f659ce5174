/* dlg-commitment.c — a commitment of the argued response; it points to a position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgCommitment is a snapshot of its row: setters change the object only,
 * dlg_commitment_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgCommitment.
 */

#define G_LOG_DOMAIN "dlg-commitment"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-commitment.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgCommitment
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
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

G_DEFINE_FINAL_TYPE (DlgCommitment, dlg_commitment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_POSITION_ID,
  PROP_TITLE,
  PROP_DEPARTMENT,
  PROP_DUE_DATE,
  PROP_STATUS,
  PROP_PROGRESS,
  PROP_CREATED_AT,
  PROP_SYNC_STATE,
  PROP_ETAG,
  PROP_REV,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.position_id, t.title, t.department, t.due_date," \
  " t.status, t.progress, t.created_at, t.sync_state, t.etag, t.rev FROM commitment t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY due_date IS NULL, due_date, id";
static const char sql_insert[] =
  "INSERT INTO commitment (uuid, process_id, position_id, title, department, due_date,"
  " status, progress, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_update[] =
  "UPDATE commitment SET position_id = ?2, title = ?3, department = ?4, due_date = ?5,"
  " status = ?6, progress = ?7, sync_state = CASE WHEN sync_state = 'synced' AND"
  " (position_id IS NOT ?2 OR title IS NOT ?3 OR department IS NOT ?4 OR due_date IS"
  " NOT ?5 OR status IS NOT ?6 OR progress IS NOT ?7) THEN 'modified' ELSE sync_state"
  " END WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM commitment WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_commitment_finalize (GObject *object)
{
  DlgCommitment *self = (DlgCommitment *)object;

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->department);
  g_free (self->due_date);
  g_free (self->status);
  g_free (self->created_at);
  g_free (self->sync_state);
  g_free (self->etag);

  G_OBJECT_CLASS (dlg_commitment_parent_class)->finalize (object);
}

static void
dlg_commitment_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlgCommitment *self = DLG_COMMITMENT (object);

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
    case PROP_POSITION_ID:
      g_value_set_int64 (value, self->position_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_PROGRESS:
      g_value_set_int (value, self->progress);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_SYNC_STATE:
      g_value_set_string (value, self->sync_state);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_REV:
      g_value_set_int64 (value, self->rev);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_commitment_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlgCommitment *self = DLG_COMMITMENT (object);

  switch (prop_id)
    {
    case PROP_POSITION_ID:
      dlg_commitment_set_position_id (self, g_value_get_int64 (value));
      break;
    case PROP_TITLE:
      dlg_commitment_set_title (self, g_value_get_string (value));
      break;
    case PROP_DEPARTMENT:
      dlg_commitment_set_department (self, g_value_get_string (value));
      break;
    case PROP_DUE_DATE:
      dlg_commitment_set_due_date (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      dlg_commitment_set_status (self, g_value_get_string (value));
      break;
    case PROP_PROGRESS:
      dlg_commitment_set_progress (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_commitment_class_init (DlgCommitmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_commitment_finalize;
  object_class->get_property = dlg_commitment_get_property;
  object_class->set_property = dlg_commitment_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_POSITION_ID] =
    g_param_spec_int64 ("position-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, "", rw);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, rw);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "planned", rw);
  properties[PROP_PROGRESS] = g_param_spec_int ("progress", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, ro);
  properties[PROP_SYNC_STATE] = g_param_spec_string ("sync-state", NULL, NULL, NULL, ro);
  properties[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, ro);
  properties[PROP_REV] = g_param_spec_int64 ("rev", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_commitment_init (DlgCommitment *self)
{
  self->title = g_strdup ("");
  self->department = g_strdup ("");
  self->status = g_strdup ("planned");
}

/**
 * dlg_commitment_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgCommitment *
dlg_commitment_new (gint64 process_id)
{
  DlgCommitment *self = g_object_new (DLG_TYPE_COMMITMENT, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_commitment_get_id (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), 0);

  return self->id;
}

const char *
dlg_commitment_get_uuid (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), NULL);

  return self->uuid;
}

gint64
dlg_commitment_get_process_id (DlgCommitment *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), 0);

  return self->process_id;
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
  g_return_if_fail (DLG_IS_COMMITMENT (self));

  if (position_id < 0)
    position_id = 0;
  if (self->position_id == position_id)
    return;
  self->position_id = position_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION_ID]);
}

void
dlg_commitment_set_title (DlgCommitment *self,
                          const char    *title)
{
  g_return_if_fail (DLG_IS_COMMITMENT (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlg_commitment_set_department (DlgCommitment *self,
                               const char    *department)
{
  g_return_if_fail (DLG_IS_COMMITMENT (self));

  if (department == NULL)
    department = "";
  if (g_strcmp0 (self->department, department) == 0)
    return;
  g_free (self->department);
  self->department = g_strdup (department);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT]);
}

void
dlg_commitment_set_due_date (DlgCommitment *self,
                             const char    *due_date)
{
  g_return_if_fail (DLG_IS_COMMITMENT (self));

  if (g_strcmp0 (self->due_date, due_date) == 0)
    return;
  g_free (self->due_date);
  self->due_date = g_strdup (due_date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_DATE]);
}

void
dlg_commitment_set_status (DlgCommitment *self,
                           const char    *status)
{
  g_return_if_fail (DLG_IS_COMMITMENT (self));

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
dlg_commitment_set_progress (DlgCommitment *self,
                             gint           progress)
{
  g_return_if_fail (DLG_IS_COMMITMENT (self));

  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgCommitment *self,
          sqlite3_stmt  *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  self->position_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->title);
  self->title = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->department);
  self->department = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->due_date);
  self->due_date = dlg_stmt_dup_text (stmt, col++);
  g_free (self->status);
  self->status = dlg_stmt_dup_text (stmt, col++);
  self->progress = sqlite3_column_int (stmt, col++);
  g_free (self->created_at);
  self->created_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->sync_state);
  self->sync_state = dlg_stmt_dup_text (stmt, col++);
  g_free (self->etag);
  self->etag = dlg_stmt_dup_text (stmt, col++);
  self->rev = sqlite3_column_int64 (stmt, col++);
}

static DlgCommitment *
from_row (sqlite3_stmt *stmt)
{
  DlgCommitment *self = g_object_new (DLG_TYPE_COMMITMENT, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgCommitment *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgCommitment *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This commitment does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_position_process[] =
  "SELECT r.process_id FROM position p JOIN recommendation r ON r.id = p.recommendation_id"
  " WHERE p.id = ?1";

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

/* A commitment answers a position of the response of the same process. */
static gboolean
validate_extra (DlgStore       *store,
                DlgCommitment  *self,
                gint64          process_id,
                GError        **error)
{
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

static gboolean
validate (DlgStore       *store,
          DlgCommitment  *self,
          gint64          process_id,
          GError        **error)
{
  if (!dlg_check_text (self->title, TRUE, 500, _("title"), _("A commitment needs a title."), error))
    return FALSE;
  if (!dlg_check_text (self->department, FALSE, 500, _("department"), NULL, error))
    return FALSE;
  if (!dlg_check_date (self->due_date, FALSE, _("due date"), NULL, error))
    return FALSE;
  if (!dlg_check_enum (self->status, &dlg_vocabulary_commitment_status, FALSE,
                       _("The status must be planned, in progress, done or abandoned."), error))
    return FALSE;
  if (self->progress < 0 || self->progress > 100)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The progress is a percentage from 0 to 100."));
      return FALSE;
    }
  if (!validate_extra (store, self, process_id, error))
    return FALSE;
  return TRUE;
}

/* What the journal follows of a commitment (dlg_journal_note_changes). */
static const char * const journaled_properties[] = {
  "position-id", "title", "department", "due-date", "status", "progress", NULL
};

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
  g_autoptr(DlgCommitment) before = NULL;
  DlgCommitment *self = commitment;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_COMMITMENT (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_IMPLEMENTATION, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  before = inserting ? NULL : dlg_commitment_load (store, self->id, NULL);
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      if (self->position_id > 0)
        sqlite3_bind_int64 (stmt, 3, self->position_id);
      dlg_stmt_bind_text (stmt, 4, self->title);
      dlg_stmt_bind_text (stmt, 5, self->department);
      dlg_stmt_bind_text (stmt, 6, self->due_date);
      dlg_stmt_bind_text (stmt, 7, self->status);
      sqlite3_bind_int (stmt, 8, self->progress);
      dlg_stmt_bind_text (stmt, 9, now);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      if (self->position_id > 0)
        sqlite3_bind_int64 (stmt, 2, self->position_id);
      dlg_stmt_bind_text (stmt, 3, self->title);
      dlg_stmt_bind_text (stmt, 4, self->department);
      dlg_stmt_bind_text (stmt, 5, self->due_date);
      dlg_stmt_bind_text (stmt, 6, self->status);
      sqlite3_bind_int (stmt, 7, self->progress);
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
  summary = g_strdup_printf (inserting ? _("Commitment made: “%s”.")
                             : _("Commitment changed: “%s”."), self->title);
  if (inserting
      ? !dlg_journal_append_full (store, process_id, "commitment.create", "commitment", self->uuid,
                                  "implementation", NULL, NULL, NULL, summary, error)
      : before != NULL
        && !dlg_journal_note_changes (store, process_id, "commitment.update", "commitment",
                                      self->uuid, "implementation", G_OBJECT (before),
                                      G_OBJECT (self), journaled_properties, summary,
                                      error))
    goto fail;
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
  dlg_store_emit_changed (store, DLG_TYPE_COMMITMENT, process_id);
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
 * dlg_commitment_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgCommitment *
dlg_commitment_load (DlgStore  *store,
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
 * dlg_commitment_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgCommitment, in display order
 */
GListModel *
dlg_commitment_list (DlgStore  *store,
                     gint64     process_id,
                     GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_COMMITMENT, (DlgRowFunc) from_row, error);
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
  g_autoptr(DlgCommitment) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_commitment_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_IMPLEMENTATION, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  summary = g_strdup_printf (_("Commitment deleted: “%s”."), self->title);
  if (!dlg_journal_append (store, process_id, "commitment.delete", "commitment", self->uuid,
                           summary, error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_COMMITMENT, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
