/* dlg-follow-up.h — a follow-up committee meeting, status report or participatory evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_FOLLOW_UP (dlg_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (DlgFollowUp, dlg_follow_up, DLG, FOLLOW_UP, DlgRecord)

DlgFollowUp *dlg_follow_up_new            (gint64 process_id);

gint64       dlg_follow_up_get_id         (DlgFollowUp *self);
const char  *dlg_follow_up_get_uuid       (DlgFollowUp *self);
gint64       dlg_follow_up_get_process_id (DlgFollowUp *self);
const char  *dlg_follow_up_get_kind       (DlgFollowUp *self);
const char  *dlg_follow_up_get_dated      (DlgFollowUp *self);
const char  *dlg_follow_up_get_title      (DlgFollowUp *self);
const char  *dlg_follow_up_get_body       (DlgFollowUp *self);
gboolean     dlg_follow_up_get_published  (DlgFollowUp *self);

void         dlg_follow_up_set_kind       (DlgFollowUp *self,
                                           const char  *kind);
void         dlg_follow_up_set_dated      (DlgFollowUp *self,
                                           const char  *dated);
void         dlg_follow_up_set_title      (DlgFollowUp *self,
                                           const char  *title);
void         dlg_follow_up_set_body       (DlgFollowUp *self,
                                           const char  *body);
void         dlg_follow_up_set_published  (DlgFollowUp *self,
                                           gboolean     published);

gboolean     dlg_follow_up_save           (DlgStore     *store,
                                           DlgFollowUp  *follow_up,
                                           GError      **error);
DlgFollowUp *dlg_follow_up_load           (DlgStore  *store,
                                           gint64     id,
                                           GError   **error);
GListModel  *dlg_follow_up_list           (DlgStore  *store,
                                           gint64     process_id,
                                           GError   **error);
gboolean     dlg_follow_up_delete         (DlgStore  *store,
                                           gint64     id,
                                           GError   **error);

G_END_DECLS
