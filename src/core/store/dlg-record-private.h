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

/* The batch path (the ingestion path, dlg-ingest.c) writes rows as a source gives them, in
 * its batch's transaction: no checks (it runs dlg_record_validate() itself), no stage rule,
 * hooks, journal, notification or DlgStore::changed, and no transaction of their own. They
 * write a field's column whatever its flags (SELECT_ONLY ones too), unless the column is an
 * SQL expression (a joined column). */
gboolean    dlg_record_insert_row       (DlgRecord           *self,
                                         DlgStore            *store,
                                         GError             **error);
gboolean    dlg_record_update_fields    (DlgRecord           *self,
                                         DlgStore            *store,
                                         gint64               id,
                                         const char * const  *names,
                                         gboolean            *changed,
                                         GError             **error);
gboolean    dlg_record_delete_row       (DlgStore            *store,
                                         GType                type,
                                         gint64               id,
                                         GError             **error);

G_END_DECLS
