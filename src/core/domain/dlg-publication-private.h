/* dlg-publication-private.h — what dlg-publication.c and dlg-publication-json.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-store-private.h"

G_BEGIN_DECLS

/* "@what was not found." (DLG_ERROR_NOT_FOUND), unless @error is set already; FALSE. */
gboolean dlg_publication_not_found (GError      **error,
                                    const char   *what);
/* Steps @stmt onto its row: FALSE with the store's error, or dlg_publication_not_found(). */
gboolean dlg_publication_step_row  (DlgStore     *store,
                                    sqlite3_stmt *stmt,
                                    const char   *what,
                                    GError      **error);

G_END_DECLS
