/* fuzz-pull-page.c — a page of the site's change feed, parsed, validated and applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of a `GET /api/sync/v1/changes` answer from a hostile or broken site.
 * What must hold: the parser refuses it with a protocol error, or it is a page that the store
 * applies or refuses with an error, and whatever it applied is text the app can show. One
 * in-memory store serves many inputs (a new one every 1,000, so that it stays small).
 */

#include "config.h"

#include "dlg-core.h"
#include "dlg-store-private.h"
#include "dlg-sync-error.h"
#include "dlg-sync-private.h"
#include "fuzz-common.h"

#define PROCESS "11111111-1111-4111-8111-111111111111"
#define SITE "https://site.example/"

static DlgStore *store;
static guint runs;

static DlgStore *
new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) s = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;

  g_assert_no_error (error);
  process = dlg_process_create (s, "Démarche", &error);
  g_assert_no_error (error);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (s, "UPDATE process SET uuid = ?1", &error);

    g_assert_no_error (error);
    dlg_stmt_bind_text (stmt, 1, PROCESS);
    g_assert (dlg_store_step_done (s, stmt, &error));
  }
  return g_steal_pointer (&s);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(DlgSyncPage) page = NULL;
  g_autoptr(GError) error = NULL;
  guint n_applied = 0;

  if (store == NULL || ++runs % 1000 == 0)
    {
      g_clear_object (&store);
      store = new_store ();
    }
  page = dlg_sync_page_parse (bytes, 500, &error);
  if (page == NULL)
    {
      g_assert_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL);
      return 0;
    }
  g_assert (dlg_sync_page_get_n_items (page) <= 500);
  if (!dlg_sync_page_apply (store, page, SITE, DLG_SYNC_RESYNC_NONE, &n_applied, &error))
    {
      g_assert (error != NULL);
      return 0;
    }
  /* What was applied is text: the window shows it, the exports write it. */
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, "SELECT author_ref, title, body,"
                                                        " data_json, moderation_reason"
                                                        " FROM contribution", &error);

    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      for (int c = 0; c < 5; c++)
        g_assert (g_utf8_validate (dlg_stmt_get_text (stmt, c), -1, NULL));
  }
  return 0;
}
