/* dlg-sync-forget.c — what a training reset makes the sync forget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo processes go to the practice site only. When training is reset, the sync's own
 * tables must forget them and that site: the outbox rows, refusals abandoned and conflicts of
 * the demo's objects (named by uuid: a process, narrative, response, commitment, follow-up
 * item, or a contribution for its moderation and highlight), the feed items waiting for a demo
 * or for a process of the practice site, and the cursor, skipped items and resync marks of the
 * practice site. A practice site is known by its address, which training mode notes in `meta`
 * (dlg_sync_note_practice_site()) so that a reset never guesses: a real site on this computer
 * is not one. Nothing here touches a process that is not a demo, or another site's state.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-store-private.h"
#include "dlg-sync-forget.h"

#define PRACTICE_KEY "sync.practice_site:"

/* The uuids the site knows the demo's objects by (outbox.object_uuid). */
#define DEMO_UUIDS \
  " SELECT uuid FROM process WHERE is_demo = 1" \
  " UNION ALL SELECT t.uuid FROM narrative t JOIN process p ON p.id = t.process_id" \
  "   WHERE p.is_demo = 1" \
  " UNION ALL SELECT t.uuid FROM response t JOIN process p ON p.id = t.process_id" \
  "   WHERE p.is_demo = 1" \
  " UNION ALL SELECT t.uuid FROM commitment t JOIN process p ON p.id = t.process_id" \
  "   WHERE p.is_demo = 1" \
  " UNION ALL SELECT t.uuid FROM follow_up t JOIN process p ON p.id = t.process_id" \
  "   WHERE p.is_demo = 1" \
  " UNION ALL SELECT t.uuid FROM contribution t JOIN process p ON p.id = t.process_id" \
  "   WHERE p.is_demo = 1"

static const char *const sql_forget_demo[] = {
  "CREATE TEMP TABLE IF NOT EXISTS forget_uuid (uuid TEXT PRIMARY KEY) WITHOUT ROWID",
  "DELETE FROM temp.forget_uuid",
  "INSERT OR IGNORE INTO temp.forget_uuid" DEMO_UUIDS,
  "DELETE FROM outbox WHERE object_uuid IN (SELECT uuid FROM temp.forget_uuid)",
  "DELETE FROM outbox_abandoned WHERE object_uuid IN (SELECT uuid FROM temp.forget_uuid)",
  "DELETE FROM conflict WHERE object_uuid IN (SELECT uuid FROM temp.forget_uuid)",
  "DELETE FROM sync_resync_seen WHERE uuid IN (SELECT uuid FROM temp.forget_uuid)",
  "DELETE FROM sync_orphan WHERE process_uuid IN (SELECT uuid FROM process WHERE is_demo = 1)",
  "DELETE FROM temp.forget_uuid",
};
static const char sql_note_site[] =
  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char sql_list_sites[] =
  "SELECT substr (key, length ('" PRACTICE_KEY "') + 1) FROM meta"
  " WHERE substr (key, 1, length ('" PRACTICE_KEY "')) = '" PRACTICE_KEY "' ORDER BY key";
static const char sql_forget_state[] = "DELETE FROM sync_state WHERE site_url = ?1";
static const char sql_forget_skipped[] = "DELETE FROM sync_skipped WHERE site_url = ?1";
/* Its note goes too: a running practice site notes itself again when attached. */
static const char sql_forget_note[] = "DELETE FROM meta WHERE key = '" PRACTICE_KEY "' || ?1";
/* Items of the practice site's own processes (its seeded demos) that wait for a process this
 * database does not have. */
static const char sql_forget_orphans[] = "DELETE FROM sync_orphan WHERE process_uuid = ?1";
/* The marks of a full resync are the practice site's when no other site is resyncing. */
static const char sql_forget_seen[] =
  "DELETE FROM sync_resync_seen WHERE NOT EXISTS (SELECT 1 FROM sync_state"
  " WHERE full_resync <> 0)";

static gboolean
exec_text (DlgStore    *store,
           const char  *sql,
           const char  *text,
           GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, text);
  return dlg_store_step_done (store, stmt, error);
}

/**
 * dlg_sync_note_practice_site:
 * @site_url: the practice site's address (http://127.0.0.1:PORT)
 *
 * Remembers that @site_url is a practice site, whose sync state a training reset clears
 * (dlg_sync_forget_site()).
 */
gboolean
dlg_sync_note_practice_site (DlgStore    *store,
                             const char  *site_url,
                             GError     **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (site_url != NULL, FALSE);

  if (!(stmt = dlg_store_prepare (store, sql_note_site, error)))
    return FALSE;
  key = g_strconcat (PRACTICE_KEY, site_url, NULL);
  now = dlg_now_iso8601 ();
  dlg_stmt_bind_text (stmt, 1, key);
  dlg_stmt_bind_text (stmt, 2, now);
  return dlg_store_step_done (store, stmt, error);
}

/**
 * dlg_sync_list_practice_sites:
 *
 * Returns: (transfer full): the addresses noted by dlg_sync_note_practice_site(), or %NULL
 *   with @error set
 */
GStrv
dlg_sync_list_practice_sites (DlgStore  *store,
                              GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list_sites, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * dlg_sync_forget_demo:
 *
 * Removes from the sync's tables what concerns the demo processes, before they are deleted
 * (dlg_demo_reset()): their outbox rows, abandoned refusals, conflicts, resync marks and the
 * feed items waiting for them. Rows of other processes stay as they are.
 */
gboolean
dlg_sync_forget_demo (DlgStore  *store,
                      GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql_forget_demo); i++)
    if (!dlg_store_exec (store, sql_forget_demo[i], error))
      {
        dlg_store_rollback (store);
        return FALSE;
      }
  return dlg_store_commit (store, error);
}

/**
 * dlg_sync_forget_site:
 * @site_url: a practice site's address
 * @site_process_uuids: (nullable) (array zero-terminated=1): the processes that site holds,
 *   whose feed items may wait in this database for a process it does not have
 *
 * Forgets the sync state of a practice site that is reset: its cursor and last sync, the feed
 * items it sent that were skipped, the items of its own processes waiting for a process, and
 * the marks of a full resync if it was the one resyncing, and the note that it is a practice
 * site (dlg_training_site_attach() writes it again). The next sync reads its feed from the
 * start.
 */
gboolean
dlg_sync_forget_site (DlgStore           *store,
                      const char         *site_url,
                      const char * const *site_process_uuids,
                      GError            **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (site_url != NULL, FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!exec_text (store, sql_forget_state, site_url, error) ||
      !exec_text (store, sql_forget_skipped, site_url, error) ||
      !exec_text (store, sql_forget_note, site_url, error) ||
      !dlg_store_exec (store, sql_forget_seen, error))
    goto fail;
  for (guint i = 0; site_process_uuids != NULL && site_process_uuids[i] != NULL; i++)
    if (!exec_text (store, sql_forget_orphans, site_process_uuids[i], error))
      goto fail;
  return dlg_store_commit (store, error);

fail:
  dlg_store_rollback (store);
  return FALSE;
}
