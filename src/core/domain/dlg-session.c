/* dlg-session.c — a workshop session and its attendance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgSession is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_session_save() writes it in one transaction, then emits
 * DlgStore::changed::DlgSession. Sessions are logistics: not journaled.
 */

#define G_LOG_DOMAIN "dlg-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-session.h"
#include "dlg-stage-rules.h"

struct _DlgSession
{
  DlgRecord parent_instance;

  char *title;
  char *starts_at;
  char *place;
  char *notes;
};

G_DEFINE_FINAL_TYPE (DlgSession, dlg_session, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgSession, member)

static const DlgField fields[] = {
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = DLG_FIELD_REQUIRED, .label = N_("title"), .max_chars = 500,
    .empty = N_("A session needs a title.") },
  { .column = "starts_at", .property = "starts-at", .kind = DLG_FIELD_DATE,
    .offset = F (starts_at), .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE,
    .label = N_("date"), .empty = N_("A session needs a date.") },
  { .column = "place", .property = "place", .kind = DLG_FIELD_STRING, .offset = F (place),
    .label = N_("place"), .max_chars = 500 },
  { .column = "notes", .property = "notes", .kind = DLG_FIELD_TEXT, .offset = F (notes),
    .label = N_("notes") },
};

#undef F

static const DlgRecordInfo info = {
  .name = "session",
  .table = "session",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.starts_at, t.id",
  .not_found = N_("This session does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST,
  .stage = "workshop",
};

static void
dlg_session_class_init (DlgSessionClass *klass)
{
  dlg_record_class_set_info (DLG_RECORD_CLASS (klass), &info);
}

static void
dlg_session_init (DlgSession *self)
{
}

/**
 * dlg_session_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgSession *
dlg_session_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_SESSION, process_id);
}

gint64
dlg_session_get_id (DlgSession *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_session_get_uuid (DlgSession *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_session_get_process_id (DlgSession *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
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
  dlg_record_set_string (DLG_RECORD (self), "title", title);
}

void
dlg_session_set_starts_at (DlgSession *self,
                           const char *starts_at)
{
  dlg_record_set_string (DLG_RECORD (self), "starts-at", starts_at);
}

void
dlg_session_set_place (DlgSession *self,
                       const char *place)
{
  dlg_record_set_string (DLG_RECORD (self), "place", place);
}

void
dlg_session_set_notes (DlgSession *self,
                       const char *notes)
{
  dlg_record_set_string (DLG_RECORD (self), "notes", notes);
}


static const char sql_set_attendance[] =
  "INSERT INTO attendance (session_id, participant_id, present) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (session_id, participant_id) DO UPDATE SET present = excluded.present";
static const char sql_list_attendance[] =
  "SELECT participant_id, present FROM attendance WHERE session_id = ?1"
  " ORDER BY participant_id";
static const char sql_count_present[] =
  "SELECT a.session_id, count(*) FROM attendance a JOIN session s ON s.id = a.session_id"
  " WHERE s.process_id = ?1 AND a.present GROUP BY a.session_id";
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
  if (process_id != dlg_session_get_process_id (session))
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

/**
 * dlg_session_count_present:
 *
 * How many came to each session of the process, in one statement (a list shows it per row).
 *
 * Returns: (transfer full) (element-type gint64 guint): session id (a #gint64 pointer) → the
 *   number of participants present (GUINT_TO_POINTER); a session nobody came to is absent;
 *   %NULL on error
 */
GHashTable *
dlg_session_count_present (DlgStore  *store,
                           gint64     process_id,
                           GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  return dlg_collect_counts (store, sql_count_present, process_id, error);
}

/**
 * dlg_session_save:
 *
 * Validates @session and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction. On success the object holds the saved row.
 */
gboolean
dlg_session_save (DlgStore    *store,
                  DlgSession  *session,
                  GError     **error)
{
  g_return_val_if_fail (DLG_IS_SESSION (session), FALSE);

  return dlg_record_save (DLG_RECORD (session), store, error);
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
  return dlg_record_load (store, DLG_TYPE_SESSION, id, error);
}

/**
 * dlg_session_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgSession, by date
 */
GListModel *
dlg_session_list (DlgStore  *store,
                  gint64     process_id,
                  GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_SESSION, process_id, NULL, NULL, error);
}

/**
 * dlg_session_delete:
 *
 * Deletes the object (and its attendance).
 */
gboolean
dlg_session_delete (DlgStore  *store,
                    gint64     id,
                    GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_SESSION, id, error);
}
