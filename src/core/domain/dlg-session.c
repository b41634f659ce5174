/* dlg-session.c — a workshop meeting, with attendance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgSession is a snapshot of its row: setters change the object only,
 * dlg_session_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgSession.
 */

#define G_LOG_DOMAIN "dlg-session"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-session.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgSession
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  char *title;
  char *starts_at;
  char *place;
  char *notes;
};

G_DEFINE_FINAL_TYPE (DlgSession, dlg_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_TITLE,
  PROP_STARTS_AT,
  PROP_PLACE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.title, t.starts_at, t.place, t.notes FROM" \
  " session t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY starts_at, id";
static const char sql_insert[] =
  "INSERT INTO session (uuid, process_id, title, starts_at, place, notes) VALUES (?1,"
  " ?2, ?3, ?4, ?5, ?6)";
static const char sql_update[] =
  "UPDATE session SET title = ?2, starts_at = ?3, place = ?4, notes = ?5 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM session WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_session_finalize (GObject *object)
{
  DlgSession *self = (DlgSession *)object;

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->starts_at);
  g_free (self->place);
  g_free (self->notes);

  G_OBJECT_CLASS (dlg_session_parent_class)->finalize (object);
}

static void
dlg_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlgSession *self = DLG_SESSION (object);

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
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STARTS_AT:
      g_value_set_string (value, self->starts_at);
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlgSession *self = DLG_SESSION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dlg_session_set_title (self, g_value_get_string (value));
      break;
    case PROP_STARTS_AT:
      dlg_session_set_starts_at (self, g_value_get_string (value));
      break;
    case PROP_PLACE:
      dlg_session_set_place (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      dlg_session_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_session_class_init (DlgSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_session_finalize;
  object_class->get_property = dlg_session_get_property;
  object_class->set_property = dlg_session_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_STARTS_AT] = g_param_spec_string ("starts-at", NULL, NULL, NULL, rw);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, "", rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_session_init (DlgSession *self)
{
  self->title = g_strdup ("");
  self->place = g_strdup ("");
  self->notes = g_strdup ("");
}

/**
 * dlg_session_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgSession *
dlg_session_new (gint64 process_id)
{
  DlgSession *self = g_object_new (DLG_TYPE_SESSION, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_session_get_id (DlgSession *self)
{
  g_return_val_if_fail (DLG_IS_SESSION (self), 0);

  return self->id;
}

const char *
dlg_session_get_uuid (DlgSession *self)
{
  g_return_val_if_fail (DLG_IS_SESSION (self), NULL);

  return self->uuid;
}

gint64
dlg_session_get_process_id (DlgSession *self)
{
  g_return_val_if_fail (DLG_IS_SESSION (self), 0);

  return self->process_id;
}

const char *
dlg_session_get_title (DlgSession *self)
{
  g_return_val_if_fail (DLG_IS_SESSION (self), NULL);

  return self->title;
}

const char *
dlg_session_get_starts_at (DlgSession *self)
{
  g_return_val_if_fail (DLG_IS_SESSION (self), NULL);

  return self->starts_at;
}

const char *
dlg_session_get_place (DlgSession *self)
{
  g_return_val_if_fail (DLG_IS_SESSION (self), NULL);

  return self->place;
}

const char *
dlg_session_get_notes (DlgSession *self)
{
  g_return_val_if_fail (DLG_IS_SESSION (self), NULL);

  return self->notes;
}

void
dlg_session_set_title (DlgSession *self,
                       const char *title)
{
  g_return_if_fail (DLG_IS_SESSION (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlg_session_set_starts_at (DlgSession *self,
                           const char *starts_at)
{
  g_return_if_fail (DLG_IS_SESSION (self));

  if (g_strcmp0 (self->starts_at, starts_at) == 0)
    return;
  g_free (self->starts_at);
  self->starts_at = g_strdup (starts_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTS_AT]);
}

void
dlg_session_set_place (DlgSession *self,
                       const char *place)
{
  g_return_if_fail (DLG_IS_SESSION (self));

  if (place == NULL)
    place = "";
  if (g_strcmp0 (self->place, place) == 0)
    return;
  g_free (self->place);
  self->place = g_strdup (place);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}

void
dlg_session_set_notes (DlgSession *self,
                       const char *notes)
{
  g_return_if_fail (DLG_IS_SESSION (self));

  if (notes == NULL)
    notes = "";
  if (g_strcmp0 (self->notes, notes) == 0)
    return;
  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgSession   *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->title);
  self->title = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->starts_at);
  self->starts_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->place);
  self->place = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->notes);
  self->notes = g_strdup (dlg_stmt_get_text (stmt, col++));
}

static DlgSession *
from_row (sqlite3_stmt *stmt)
{
  DlgSession *self = g_object_new (DLG_TYPE_SESSION, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgSession *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This session does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_set_attendance[] =
  "INSERT INTO attendance (session_id, participant_id, present) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (session_id, participant_id) DO UPDATE SET present = excluded.present";
static const char sql_list_attendance[] =
  "SELECT participant_id, present FROM attendance WHERE session_id = ?1"
  " ORDER BY participant_id";
static const char sql_participant_process[] =
  "SELECT process_id FROM participant WHERE id = ?1";

G_DEFINE_POINTER_TYPE (DlgAttendance, dlg_attendance)

/**
 * dlg_session_set_attendance:
 * @present: whether the participant came
 *
 * Records whether a participant of the same process came to the session.
 */
gboolean
dlg_session_set_attendance (DlgStore  *store,
                            gint64     session_id,
                            gint64     participant_id,
                            gboolean   present,
                            GError   **error)
{
  g_autoptr(DlgSession) session = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(session = dlg_session_load (store, session_id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_participant_process, participant_id,
                                   _("The participant does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_WORKSHOP, error))
    return FALSE;
  if (process_id != session->process_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This participant belongs to another process."));
      return FALSE;
    }
  if (!(stmt = dlg_store_prepare (store, sql_set_attendance, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  sqlite3_bind_int (stmt, 3, present ? 1 : 0);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_ATTENDANCE, process_id);
  return TRUE;
}

/**
 * dlg_session_list_attendance:
 *
 * Returns: (transfer full) (element-type DlgAttendance): the attendance recorded for the
 *   session, by participant id; %NULL on error
 */
GArray *
dlg_session_list_attendance (DlgStore  *store,
                             gint64     session_id,
                             GError   **error)
{
  g_autoptr(GArray) array = g_array_new (FALSE, FALSE, sizeof (DlgAttendance));
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list_attendance, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgAttendance a = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) != 0 };

      g_array_append_val (array, a);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&array);
}

static gboolean
validate (DlgStore    *store,
          DlgSession  *self,
          gint64       process_id,
          GError     **error)
{
  if (!dlg_check_text (self->title, TRUE, 500, _("title"), _("A session needs a title."), error))
    return FALSE;
  if (!dlg_check_date (self->starts_at, TRUE, _("date"), _("A session needs a date."), error))
    return FALSE;
  if (!dlg_check_text (self->place, FALSE, 500, _("place"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->notes, FALSE, 0, _("notes"), NULL, error))
    return FALSE;
  return TRUE;
}

/**
 * dlg_session_save:
 *
 * Validates @session and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_session_save (DlgStore    *store,
                  DlgSession  *session,
                  GError     **error)
{
  DlgSession *self = session;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_SESSION (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_WORKSHOP, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->title);
      dlg_stmt_bind_text (stmt, 4, self->starts_at);
      dlg_stmt_bind_text (stmt, 5, self->place);
      dlg_stmt_bind_text (stmt, 6, self->notes);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->title);
      dlg_stmt_bind_text (stmt, 3, self->starts_at);
      dlg_stmt_bind_text (stmt, 4, self->place);
      dlg_stmt_bind_text (stmt, 5, self->notes);
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
  dlg_store_emit_changed (store, DLG_TYPE_SESSION, process_id);
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
 * dlg_session_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgSession *
dlg_session_load (DlgStore  *store,
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
 * dlg_session_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgSession, in display order
 */
GListModel *
dlg_session_list (DlgStore  *store,
                  gint64     process_id,
                  GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_SESSION, (DlgRowFunc) from_row, error);
}

/**
 * dlg_session_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_session_delete (DlgStore  *store,
                    gint64     id,
                    GError   **error)
{
  g_autoptr(DlgSession) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_session_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_WORKSHOP, error))
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

  dlg_store_emit_changed (store, DLG_TYPE_SESSION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
