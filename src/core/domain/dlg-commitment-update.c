/* dlg-commitment-update.c — a dated progress report on a commitment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgCommitmentUpdate is a snapshot of its row: setters change the object only,
 * dlg_commitment_update_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgCommitmentUpdate.
 */

#define G_LOG_DOMAIN "dlg-commitment-update"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-commitment.h"
#include "dlg-commitment-update.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgCommitmentUpdate
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 commitment_id;
  char *dated;
  gint progress;
  char *status;
  char *text;
  char *sync_state;
};

G_DEFINE_FINAL_TYPE (DlgCommitmentUpdate, dlg_commitment_update, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_COMMITMENT_ID,
  PROP_DATED,
  PROP_PROGRESS,
  PROP_STATUS,
  PROP_TEXT,
  PROP_SYNC_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.commitment_id, t.dated, t.progress, t.status, t.text," \
  " t.sync_state FROM commitment_update t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.commitment_id = ?1"
  " ORDER BY dated DESC, id DESC";
static const char sql_insert[] =
  "INSERT INTO commitment_update (uuid, commitment_id, dated, progress, status, text)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_update[] =
  "UPDATE commitment_update SET dated = ?2, progress = ?3, status = ?4, text = ?5,"
  " sync_state = CASE WHEN sync_state = 'synced' AND (dated IS NOT ?2 OR progress IS"
  " NOT ?3 OR status IS NOT ?4 OR text IS NOT ?5) THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM commitment_update WHERE id = ?1";
static const char sql_parent[] = "SELECT process_id FROM commitment WHERE id = ?1";

static void
dlg_commitment_update_finalize (GObject *object)
{
  DlgCommitmentUpdate *self = (DlgCommitmentUpdate *)object;

  g_free (self->uuid);
  g_free (self->dated);
  g_free (self->status);
  g_free (self->text);
  g_free (self->sync_state);

  G_OBJECT_CLASS (dlg_commitment_update_parent_class)->finalize (object);
}

static void
dlg_commitment_update_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DlgCommitmentUpdate *self = DLG_COMMITMENT_UPDATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_COMMITMENT_ID:
      g_value_set_int64 (value, self->commitment_id);
      break;
    case PROP_DATED:
      g_value_set_string (value, self->dated);
      break;
    case PROP_PROGRESS:
      g_value_set_int (value, self->progress);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SYNC_STATE:
      g_value_set_string (value, self->sync_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_commitment_update_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DlgCommitmentUpdate *self = DLG_COMMITMENT_UPDATE (object);

  switch (prop_id)
    {
    case PROP_DATED:
      dlg_commitment_update_set_dated (self, g_value_get_string (value));
      break;
    case PROP_PROGRESS:
      dlg_commitment_update_set_progress (self, g_value_get_int (value));
      break;
    case PROP_STATUS:
      dlg_commitment_update_set_status (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      dlg_commitment_update_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_commitment_update_class_init (DlgCommitmentUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_commitment_update_finalize;
  object_class->get_property = dlg_commitment_update_get_property;
  object_class->set_property = dlg_commitment_update_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_COMMITMENT_ID] =
    g_param_spec_int64 ("commitment-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_DATED] = g_param_spec_string ("dated", NULL, NULL, NULL, rw);
  properties[PROP_PROGRESS] = g_param_spec_int ("progress", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "in_progress", rw);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", rw);
  properties[PROP_SYNC_STATE] = g_param_spec_string ("sync-state", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_commitment_update_init (DlgCommitmentUpdate *self)
{
  self->status = g_strdup ("in_progress");
  self->text = g_strdup ("");
}

/**
 * dlg_commitment_update_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgCommitmentUpdate *
dlg_commitment_update_new (gint64 commitment_id)
{
  DlgCommitmentUpdate *self = g_object_new (DLG_TYPE_COMMITMENT_UPDATE, NULL);

  self->commitment_id = commitment_id;
  self->dated = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_commitment_update_get_id (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), 0);

  return self->id;
}

const char *
dlg_commitment_update_get_uuid (DlgCommitmentUpdate *self)
{
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), NULL);

  return self->uuid;
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
  g_return_if_fail (DLG_IS_COMMITMENT_UPDATE (self));

  if (g_strcmp0 (self->dated, dated) == 0)
    return;
  g_free (self->dated);
  self->dated = g_strdup (dated);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATED]);
}

void
dlg_commitment_update_set_progress (DlgCommitmentUpdate *self,
                                    gint                 progress)
{
  g_return_if_fail (DLG_IS_COMMITMENT_UPDATE (self));

  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

void
dlg_commitment_update_set_status (DlgCommitmentUpdate *self,
                                  const char          *status)
{
  g_return_if_fail (DLG_IS_COMMITMENT_UPDATE (self));

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
dlg_commitment_update_set_text (DlgCommitmentUpdate *self,
                                const char          *text)
{
  g_return_if_fail (DLG_IS_COMMITMENT_UPDATE (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgCommitmentUpdate *self,
          sqlite3_stmt        *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->commitment_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->dated);
  self->dated = dlg_stmt_dup_text (stmt, col++);
  self->progress = sqlite3_column_int (stmt, col++);
  g_free (self->status);
  self->status = dlg_stmt_dup_text (stmt, col++);
  g_free (self->text);
  self->text = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->sync_state);
  self->sync_state = dlg_stmt_dup_text (stmt, col++);
}

static DlgCommitmentUpdate *
from_row (sqlite3_stmt *stmt)
{
  DlgCommitmentUpdate *self = g_object_new (DLG_TYPE_COMMITMENT_UPDATE, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgCommitmentUpdate *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgCommitmentUpdate *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This progress report does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

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

static gboolean
after_delete (DlgStore             *store,
              DlgCommitmentUpdate  *self,
              gint64                process_id,
              GError              **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  if (!(stmt = dlg_store_prepare (store, sql_revert, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->commitment_id);
  return dlg_store_step_done (store, stmt, error);
}

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

static gboolean
after_write (DlgStore             *store,
             DlgCommitmentUpdate  *self,
             gint64                process_id,
             gboolean              inserted,
             GError              **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  if (!(stmt = dlg_store_prepare (store, sql_apply, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->commitment_id);
  sqlite3_bind_int (stmt, 2, self->progress);
  dlg_stmt_bind_text (stmt, 3, self->status);
  dlg_stmt_bind_text (stmt, 4, self->dated);
  sqlite3_bind_int64 (stmt, 5, self->id);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
validate (DlgStore             *store,
          DlgCommitmentUpdate  *self,
          gint64                process_id,
          GError              **error)
{
  if (!dlg_check_date (self->dated, TRUE, _("date"), _("A progress report needs a date."), error))
    return FALSE;
  if (self->progress < 0 || self->progress > 100)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The progress is a percentage from 0 to 100."));
      return FALSE;
    }
  if (!dlg_check_enum (self->status, &dlg_vocabulary_commitment_update_status, FALSE,
                       _("The status must be planned, in progress, done or abandoned."), error))
    return FALSE;
  if (!dlg_check_text (self->text, FALSE, 0, _("text"), NULL, error))
    return FALSE;
  return TRUE;
}

/* What the journal follows of a commitment update (dlg_journal_note_changes). */
static const char * const journaled_properties[] = { "dated", "progress", "status", "text", NULL };

/**
 * dlg_commitment_update_save:
 *
 * Validates @update and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_commitment_update_save (DlgStore             *store,
                            DlgCommitmentUpdate  *update,
                            GError              **error)
{
  g_autoptr(DlgCommitmentUpdate) before = NULL;
  DlgCommitmentUpdate *self = update;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_COMMITMENT_UPDATE (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->commitment_id,
                                   _("The commitment does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_IMPLEMENTATION, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  before = inserting ? NULL : dlg_commitment_update_load (store, self->id, NULL);
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->commitment_id);
      dlg_stmt_bind_text (stmt, 3, self->dated);
      sqlite3_bind_int (stmt, 4, self->progress);
      dlg_stmt_bind_text (stmt, 5, self->status);
      dlg_stmt_bind_text (stmt, 6, self->text);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->dated);
      sqlite3_bind_int (stmt, 3, self->progress);
      dlg_stmt_bind_text (stmt, 4, self->status);
      dlg_stmt_bind_text (stmt, 5, self->text);
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
  if (!after_write (store, self, process_id, inserting, error))
    goto fail;
  label = journal_label (store, self);
  summary = g_strdup_printf (inserting ? _("Progress reported on commitment “%s”.")
                             : _("Progress report changed on commitment “%s”."), label);
  if (inserting
      ? !dlg_journal_append_full (store, process_id, "commitment_update.create",
                                  "commitment_update", self->uuid,
                                  "implementation", NULL, NULL, NULL, summary, error)
      : before != NULL
        && !dlg_journal_note_changes (store, process_id, "commitment_update.update",
                                      "commitment_update",
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
  dlg_store_emit_changed (store, DLG_TYPE_COMMITMENT_UPDATE, process_id);
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
 * dlg_commitment_update_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgCommitmentUpdate *
dlg_commitment_update_load (DlgStore  *store,
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
 * dlg_commitment_update_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgCommitmentUpdate, in display order
 */
GListModel *
dlg_commitment_update_list (DlgStore  *store,
                            gint64     commitment_id,
                            GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, commitment_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_COMMITMENT_UPDATE, (DlgRowFunc) from_row, error);
}

/**
 * dlg_commitment_update_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_commitment_update_delete (DlgStore  *store,
                              gint64     id,
                              GError   **error)
{
  g_autoptr(DlgCommitmentUpdate) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_commitment_update_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->commitment_id,
                                   _("The commitment does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_IMPLEMENTATION, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  label = journal_label (store, self);
  summary = g_strdup_printf (_("Progress report deleted on commitment “%s”."), label);
  if (!dlg_journal_append (store, process_id, "commitment_update.delete", "commitment_update",
                           self->uuid, summary, error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!after_delete (store, self, process_id, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_COMMITMENT_UPDATE, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_COMMITMENT, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
