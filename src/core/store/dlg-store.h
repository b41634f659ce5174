/* dlg-store.h — one SQLite database holding every process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_STORE (dlg_store_get_type ())

G_DECLARE_FINAL_TYPE (DlgStore, dlg_store, DLG, STORE, GObject)

DlgStore   *dlg_store_open            (const char  *path,
                                       GError     **error);
DlgStore   *dlg_store_open_read_only  (const char  *path,
                                       GError     **error);
gboolean    dlg_store_is_read_only    (DlgStore    *self);
char       *dlg_store_get_default_path (void);
const char *dlg_store_get_path        (DlgStore    *self);
guint       dlg_store_get_schema_version (DlgStore *self);
const char *dlg_store_get_actor       (DlgStore    *self);
void        dlg_store_set_actor       (DlgStore    *self,
                                       const char  *actor);
gboolean    dlg_store_begin           (DlgStore    *self,
                                       GError     **error);
gboolean    dlg_store_commit          (DlgStore    *self,
                                       GError     **error);
void        dlg_store_rollback        (DlgStore    *self);
void        dlg_store_emit_changed    (DlgStore    *self,
                                       GType       type,
                                       gint64       process_id);

char       *dlg_now_iso8601           (void);
char       *dlg_uuid_new              (void);

G_END_DECLS
