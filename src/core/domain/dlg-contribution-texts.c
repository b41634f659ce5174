/* dlg-contribution-texts.c — the texts of a process's contributions, streamed for analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the analysis engine (src/analysis) reads from the store: one statement, one row at a
 * time, no record built. Visible means not trashed by moderation; registrations are not
 * contributions of text and are left out.
 */

#define G_LOG_DOMAIN "dlg-contribution"

#include "config.h"

#include "dlg-contribution-texts.h"
#include "dlg-store.h"
#include "dlg-store-private.h"

/* The language is the `locale` that an import keeps in the contribution's data (Decidim's). */
static const char sql_texts[] =
  "SELECT uuid, title, body,"
  " CASE WHEN json_valid (data_json) AND json_type (data_json, '$.locale') = 'text'"
  "  THEN json_extract (data_json, '$.locale') END"
  " FROM contribution WHERE process_id = ?1 AND moderation != 'trashed'"
  " AND kind != 'registration' ORDER BY id";

/**
 * dlg_contribution_texts_foreach:
 * @store: the store
 * @process_id: the process
 * @func: called for each visible contribution, in the order they were stored
 * @user_data: data for @func
 * @n_texts: (out) (optional): how many there were
 * @error: where an error goes
 *
 * Streams the uuid, title, text and language of each contribution of the process that is
 * not trashed, for the analysis engine.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
dlg_contribution_texts_foreach (DlgStore                 *store,
                                gint64                    process_id,
                                DlgContributionTextFunc   func,
                                gpointer                  user_data,
                                guint                    *n_texts,
                                GError                  **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  guint n = 0;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(stmt = dlg_store_prepare (store, sql_texts, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *language = (const char *) sqlite3_column_text (stmt, 3);

      func (dlg_stmt_get_text (stmt, 0), dlg_stmt_get_text (stmt, 1),
            dlg_stmt_get_text (stmt, 2), language, user_data);
      n++;
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  if (n_texts != NULL)
    *n_texts = n;
  return TRUE;
}
