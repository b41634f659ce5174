/* dlg-store-private.h — what core and sync code needs to speak SQL; never included by widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "dlg-store.h"

G_BEGIN_DECLS

/* A statement from the store's cache. It is owned by the store: g_autoptr(DlgStmt) only resets
 * it and clears its bindings when it goes out of scope, so that the next user finds it clean. */
typedef sqlite3_stmt DlgStmt;

void          dlg_stmt_release      (DlgStmt      *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgStmt, dlg_stmt_release)

sqlite3      *dlg_store_get_db      (DlgStore     *self);
DlgStmt      *dlg_store_prepare     (DlgStore     *self,
                                     const char   *sql,
                                     GError      **error);
gboolean      dlg_store_set_error   (DlgStore     *self,
                                     int           rc,
                                     GError      **error);
gboolean      dlg_store_exec        (DlgStore     *self,
                                     const char   *sql,
                                     GError      **error);
gboolean      dlg_store_step_done   (DlgStore     *self,
                                     sqlite3_stmt *stmt,
                                     GError      **error);
gboolean      dlg_store_in_transaction (DlgStore  *self);

/* Binds text, or NULL when @text is NULL. */
void          dlg_stmt_bind_text    (sqlite3_stmt *stmt,
                                     int           index,
                                     const char   *text);
/* Column as a newly allocated string; NULL for SQL NULL. */
char         *dlg_stmt_dup_text     (sqlite3_stmt *stmt,
                                     int           column);
/* Column as a string owned by the statement; "" for SQL NULL. */
const char   *dlg_stmt_get_text     (sqlite3_stmt *stmt,
                                     int           column);

G_END_DECLS
