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

static const char sql_id_of_uuid[] =
  "SELECT id FROM contribution WHERE uuid = ?1 AND process_id = ?2";

/**
 * dlg_contribution_ids_from_uuids:
 * @uuids: (array zero-terminated=1): contributions as the analysis names them
 *
 * The ids of the contributions of @process_id named by @uuids (what the analysis engine
 * suggests, for an action on them), in the same order; a uuid the process does not have is
 * left out.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL on a store error
 */
GArray *
dlg_contribution_ids_from_uuids (DlgStore           *store,
                                 gint64              process_id,
                                 const char * const *uuids,
                                 GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_id_of_uuid, error)))
    return NULL;
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      dlg_stmt_bind_text (stmt, 1, uuids[i]);
      sqlite3_bind_int64 (stmt, 2, process_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      else if (rc != SQLITE_DONE)
        {
          dlg_store_set_error (store, rc, error);
          return NULL;
        }
    }
  return g_steal_pointer (&ids);
}

/**
 * dlg_contribution_text_join:
 * @title: a contribution's title ("" or %NULL when it has none)
 * @body: its text ("" or %NULL)
 *
 * Returns: (transfer full): what the analysis reads of it: the title and the text on two
 *   lines, or whichever it has
 */
char *
dlg_contribution_text_join (const char *title,
                            const char *body)
{
  title = title != NULL ? title : "";
  body = body != NULL ? body : "";
  if (*title != '\0' && *body != '\0')
    return g_strconcat (title, "\n", body, NULL);
  return g_strdup (*title != '\0' ? title : body);
}

/**
 * dlg_contribution_text_excerpt:
 * @text: (nullable): user text
 * @max_chars: how many characters to keep at most
 *
 * Returns: (transfer full): @text on one line (control characters and line separators as
 *   spaces), cut at @max_chars with an ellipsis: shown as it is, never interpreted
 */
char *
dlg_contribution_text_excerpt (const char *text,
                               guint       max_chars)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  if (text == NULL)
    return g_string_free (out, FALSE);
  for (const char *p = text; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*text != '\0' && n == max_chars && *g_utf8_offset_to_pointer (text, n) != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}
