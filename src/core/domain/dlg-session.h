/* dlg-session.h — a workshop meeting, with attendance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_SESSION (dlg_session_get_type ())

G_DECLARE_FINAL_TYPE (DlgSession, dlg_session, DLG, SESSION, DlgRecord)

DlgSession *dlg_session_new            (gint64 process_id);

gint64      dlg_session_get_id         (DlgSession *self);
const char *dlg_session_get_uuid       (DlgSession *self);
gint64      dlg_session_get_process_id (DlgSession *self);
const char *dlg_session_get_title      (DlgSession *self);
const char *dlg_session_get_starts_at  (DlgSession *self);
const char *dlg_session_get_place      (DlgSession *self);
const char *dlg_session_get_notes      (DlgSession *self);

void        dlg_session_set_title      (DlgSession *self,
                                        const char *title);
void        dlg_session_set_starts_at  (DlgSession *self,
                                        const char *starts_at);
void        dlg_session_set_place      (DlgSession *self,
                                        const char *place);
void        dlg_session_set_notes      (DlgSession *self,
                                        const char *notes);

gboolean    dlg_session_save           (DlgStore    *store,
                                        DlgSession  *session,
                                        GError     **error);
DlgSession *dlg_session_load           (DlgStore  *store,
                                        gint64     id,
                                        GError   **error);
GListModel *dlg_session_list           (DlgStore  *store,
                                        gint64     process_id,
                                        GError   **error);
gboolean    dlg_session_delete         (DlgStore  *store,
                                        gint64     id,
                                        GError   **error);

/**
 * DlgAttendance:
 * @participant_id: the participant
 * @present: whether they came
 */
typedef struct
{
  gint64   participant_id;
  gboolean present;
} DlgAttendance;

/* The type DlgStore::changed carries when attendance is taken. */
#define DLG_TYPE_ATTENDANCE (dlg_attendance_get_type ())
GType       dlg_attendance_get_type     (void) G_GNUC_CONST;

gboolean    dlg_session_set_attendance  (DlgStore    *store,
                                         gint64       session_id,
                                         gint64       participant_id,
                                         gboolean     present,
                                         GError     **error);
/* An array of DlgAttendance, by participant id. */
GArray     *dlg_session_list_attendance (DlgStore    *store,
                                         gint64       session_id,
                                         GError     **error);
/* Session id (gint64 *) → how many were present (GUINT_TO_POINTER), one statement. */
GHashTable *dlg_session_count_present   (DlgStore    *store,
                                         gint64       process_id,
                                         GError     **error);

G_END_DECLS
