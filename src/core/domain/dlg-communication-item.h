/* dlg-communication-item.h — a planned or done communication action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_COMMUNICATION_ITEM (dlg_communication_item_get_type ())

G_DECLARE_FINAL_TYPE (DlgCommunicationItem, dlg_communication_item, DLG, COMMUNICATION_ITEM,
                      DlgRecord)

DlgCommunicationItem *dlg_communication_item_new            (gint64 process_id);

gint64                dlg_communication_item_get_id         (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_uuid       (DlgCommunicationItem *self);
gint64                dlg_communication_item_get_process_id (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_stage      (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_channel    (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_planned_at (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_title      (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_status     (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_notes      (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_kind       (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_audience   (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_owner      (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_message    (DlgCommunicationItem *self);
gint64                dlg_communication_item_get_narrative_id (DlgCommunicationItem *self);
const char           *dlg_communication_item_get_link       (DlgCommunicationItem *self);

void                  dlg_communication_item_set_stage      (DlgCommunicationItem *self,
                                                             const char           *stage);
void                  dlg_communication_item_set_channel    (DlgCommunicationItem *self,
                                                             const char           *channel);
void                  dlg_communication_item_set_planned_at (DlgCommunicationItem *self,
                                                             const char           *planned_at);
void                  dlg_communication_item_set_title      (DlgCommunicationItem *self,
                                                             const char           *title);
void                  dlg_communication_item_set_status     (DlgCommunicationItem *self,
                                                             const char           *status);
void                  dlg_communication_item_set_notes      (DlgCommunicationItem *self,
                                                             const char           *notes);
void                  dlg_communication_item_set_kind       (DlgCommunicationItem *self,
                                                             const char           *kind);
void                  dlg_communication_item_set_audience   (DlgCommunicationItem *self,
                                                             const char           *audience);
void                  dlg_communication_item_set_owner      (DlgCommunicationItem *self,
                                                             const char           *owner);
void                  dlg_communication_item_set_message    (DlgCommunicationItem *self,
                                                             const char           *message);
void                  dlg_communication_item_set_narrative_id (DlgCommunicationItem *self,
                                                               gint64                narrative_id);
void                  dlg_communication_item_set_link       (DlgCommunicationItem *self,
                                                             const char           *link);

gboolean              dlg_communication_item_save           (DlgStore              *store,
                                                             DlgCommunicationItem  *item,
                                                             GError               **error);
DlgCommunicationItem *dlg_communication_item_load           (DlgStore  *store,
                                                             gint64     id,
                                                             GError   **error);
GListModel           *dlg_communication_item_list           (DlgStore  *store,
                                                             gint64     process_id,
                                                             GError   **error);
gboolean              dlg_communication_item_delete         (DlgStore  *store,
                                                             gint64     id,
                                                             GError   **error);

G_END_DECLS
