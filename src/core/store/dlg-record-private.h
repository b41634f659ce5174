/* dlg-record-private.h — what the core's own SQL needs of the record base
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-record.h"
#include "dlg-store-private.h"

G_BEGIN_DECLS

/* The type's SELECT ("SELECT t.id, t.uuid, <process>, t.<field>… FROM <table> t <join>"), to
 * which a WHERE clause on t can be appended. A statement of the type file's own that gives the
 * same first columns (id, uuid or NULL, process id, then the fields in the table's order) can
 * be read with dlg_record_new_from_stmt(). */
const char *dlg_record_type_get_select  (GType         type);
/* (transfer full) (type DlgRecord): a record of @type read from the current row of @stmt. */
gpointer    dlg_record_new_from_stmt    (GType         type,
                                         sqlite3_stmt *stmt);

/* The uuid of an unsaved record that a source brings (the ingestion path writes it as is). */
void        dlg_record_set_uuid         (DlgRecord    *self,
                                         const char   *uuid);

G_END_DECLS
