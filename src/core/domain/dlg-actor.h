/* dlg-actor.h — a stakeholder of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_ACTOR (dlg_actor_get_type ())

G_DECLARE_FINAL_TYPE (DlgActor, dlg_actor, DLG, ACTOR, DlgRecord)

DlgActor   *dlg_actor_new            (gint64 process_id);

gint64      dlg_actor_get_id         (DlgActor *self);
const char *dlg_actor_get_uuid       (DlgActor *self);
gint64      dlg_actor_get_process_id (DlgActor *self);
const char *dlg_actor_get_name       (DlgActor *self);
const char *dlg_actor_get_kind       (DlgActor *self);
const char *dlg_actor_get_role       (DlgActor *self);
gint        dlg_actor_get_influence  (DlgActor *self);
const char *dlg_actor_get_notes      (DlgActor *self);

void        dlg_actor_set_name       (DlgActor   *self,
                                      const char *name);
void        dlg_actor_set_kind       (DlgActor   *self,
                                      const char *kind);
void        dlg_actor_set_role       (DlgActor   *self,
                                      const char *role);
void        dlg_actor_set_influence  (DlgActor *self,
                                      gint      influence);
void        dlg_actor_set_notes      (DlgActor   *self,
                                      const char *notes);

gboolean    dlg_actor_save           (DlgStore  *store,
                                      DlgActor  *actor,
                                      GError   **error);
DlgActor   *dlg_actor_load           (DlgStore  *store,
                                      gint64     id,
                                      GError   **error);
GListModel *dlg_actor_list           (DlgStore  *store,
                                      gint64     process_id,
                                      GError   **error);
gboolean    dlg_actor_delete         (DlgStore  *store,
                                      gint64     id,
                                      GError   **error);

G_END_DECLS
