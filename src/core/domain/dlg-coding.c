/* dlg-coding.c — work on the coding frame at volume: tag, untag, highlight, merge, delete, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every operation here runs in one transaction, writes one journal entry, and records in the
 * coding_operation tables (migration 9) exactly what it changed: the links it added or removed,
 * the highlights it switched (with their value before), the themes it moved (with their place
 * before) or deleted (with their row). dlg_coding_undo() puts that back, the latest operation
 * of a process first, like Ctrl+Z. An operation that changes nothing records nothing.
 *
 * The contributions an operation applies to are a list of ids (a selection, or every id the
 * contributions list matches: dlg_contribution_list_get_ids()). They go through a temporary
 * table so that 10,000 links are a few set statements, not 10,000 round trips. Themes,
 * highlights and these operations are local tables: a pull never writes them.
 */

#define G_LOG_DOMAIN "dlg-coding"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-coding.h"
#include "dlg-contribution.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-stage-rules.h"
#include "dlg-theme.h"

#define NAME_CHARS 60  /* a theme's name in a journal summary */

static const char sql_ids_create[] =
  "CREATE TEMP TABLE IF NOT EXISTS coding_ids (id INTEGER PRIMARY KEY)";
static const char sql_ids_clear[] = "DELETE FROM temp.coding_ids";
static const char sql_ids_add[] = "INSERT OR IGNORE INTO temp.coding_ids (id) VALUES (?1)";
static const char sql_ids_in_process[] =
  "SELECT count(*) FROM temp.coding_ids i JOIN contribution c ON c.id = i.id"
  " WHERE c.process_id = ?1";
static const char sql_ids_count[] = "SELECT count(*) FROM temp.coding_ids";

static const char sql_theme[] = "SELECT process_id, name FROM theme WHERE id = ?1";
static const char sql_operation_add[] =
  "INSERT INTO coding_operation (process_id, kind, summary, created_at) VALUES (?1, ?2, '', ?3)";
static const char sql_operation_finish[] =
  "UPDATE coding_operation SET summary = ?2, n_changed = ?3 WHERE id = ?1";
static const char sql_operation_drop[] = "DELETE FROM coding_operation WHERE id = ?1";

static const char sql_tag_note[] =
  "INSERT INTO coding_operation_link (operation_id, contribution_id, theme_id, added)"
  " SELECT ?1, c.id, ?2, 1 FROM temp.coding_ids i JOIN contribution c ON c.id = i.id"
  " WHERE c.process_id = ?3"
  "  AND NOT EXISTS (SELECT 1 FROM contribution_theme ct"
  "                  WHERE ct.contribution_id = c.id AND ct.theme_id = ?2)";
static const char sql_untag_note[] =
  "INSERT INTO coding_operation_link (operation_id, contribution_id, theme_id, added)"
  " SELECT ?1, ct.contribution_id, ct.theme_id, 0 FROM contribution_theme ct"
  " JOIN temp.coding_ids i ON i.id = ct.contribution_id WHERE ct.theme_id = ?2";
static const char sql_links_add[] =
  "INSERT OR IGNORE INTO contribution_theme (contribution_id, theme_id)"
  " SELECT l.contribution_id, l.theme_id FROM coding_operation_link l"
  " JOIN contribution c ON c.id = l.contribution_id JOIN theme t ON t.id = l.theme_id"
  " WHERE l.operation_id = ?1 AND l.added = ?2";
static const char sql_links_remove[] =
  "DELETE FROM contribution_theme WHERE (contribution_id, theme_id) IN"
  " (SELECT contribution_id, theme_id FROM coding_operation_link"
  "  WHERE operation_id = ?1 AND added = ?2)";

static const char sql_highlight_note[] =
  "INSERT INTO coding_operation_highlight (operation_id, contribution_id, was_highlighted)"
  " SELECT ?1, c.id, coalesce (a.highlighted, 0) FROM temp.coding_ids i"
  " JOIN contribution c ON c.id = i.id"
  " LEFT JOIN contribution_annotation a ON a.contribution_id = c.id"
  " WHERE c.process_id = ?2 AND coalesce (a.highlighted, 0) <> ?3";
static const char sql_highlight_apply[] =
  "INSERT INTO contribution_annotation (contribution_id, highlighted)"
  " SELECT contribution_id, ?2 FROM coding_operation_highlight WHERE operation_id = ?1 AND true"
  " ON CONFLICT (contribution_id) DO UPDATE SET highlighted = excluded.highlighted";
static const char sql_highlight_restore[] =
  "INSERT INTO contribution_annotation (contribution_id, highlighted)"
  " SELECT h.contribution_id, h.was_highlighted FROM coding_operation_highlight h"
  " JOIN contribution c ON c.id = h.contribution_id WHERE h.operation_id = ?1 AND true"
  " ON CONFLICT (contribution_id) DO UPDATE SET highlighted = excluded.highlighted";

/* A theme and its sub-themes, parents first. */
static const char sql_subtree[] =
  "WITH RECURSIVE sub (id, path) AS ("
  "  SELECT ?1, ''"
  "  UNION ALL"
  "  SELECT t.id, sub.path || printf ('/%08d.%012d', t.position, t.id)"
  "  FROM theme t JOIN sub ON t.parent_id = sub.id)"
  " SELECT sub.id FROM sub ORDER BY sub.path";
static const char sql_theme_note[] =
  "INSERT INTO coding_operation_theme"
  " (operation_id, theme_id, deleted, parent_id, name, position, colour, description)"
  " SELECT ?1, id, ?3, parent_id, name, position, colour, description FROM theme WHERE id = ?2";
static const char sql_theme_links_note[] =
  "INSERT INTO coding_operation_link (operation_id, contribution_id, theme_id, added)"
  " SELECT ?1, contribution_id, theme_id, 0 FROM contribution_theme WHERE theme_id = ?2";
static const char sql_theme_delete[] = "DELETE FROM theme WHERE id = ?1";
static const char sql_merge_links_note[] =
  "INSERT INTO coding_operation_link (operation_id, contribution_id, theme_id, added)"
  " SELECT ?1, ct.contribution_id, ?3, 1 FROM contribution_theme ct WHERE ct.theme_id = ?2"
  "  AND NOT EXISTS (SELECT 1 FROM contribution_theme o"
  "                  WHERE o.contribution_id = ct.contribution_id AND o.theme_id = ?3)";
static const char sql_children[] = "SELECT id FROM theme WHERE parent_id = ?1";
static const char sql_reparent[] = "UPDATE theme SET parent_id = ?2 WHERE id = ?1";

/* Bulk moderation: what each contribution had before, then the new state, then one moderation
 * event per contribution (the site gets each decision, as from dlg_contribution_moderate). */
static const char sql_moderation_note[] =
  "INSERT INTO coding_operation_moderation (operation_id, contribution_id, was_state, was_reason)"
  " SELECT ?1, c.id, c.moderation, c.moderation_reason FROM temp.coding_ids i"
  " JOIN contribution c ON c.id = i.id"
  " WHERE c.process_id = ?2 AND (c.moderation <> ?3 OR coalesce (c.moderation_reason, '') <> ?4)";
static const char sql_moderation_apply[] =
  "UPDATE contribution SET moderation = ?2, moderation_reason = nullif (?3, '')"
  " WHERE id IN (SELECT contribution_id FROM coding_operation_moderation WHERE operation_id = ?1)";
static const char sql_moderation_restore[] =
  "UPDATE contribution SET moderation = m.was_state, moderation_reason = m.was_reason"
  " FROM coding_operation_moderation m"
  " WHERE m.operation_id = ?1 AND contribution.id = m.contribution_id";
static const char sql_moderation_events[] =
  "INSERT INTO moderation_event (uuid, contribution_id, state, reason, decided_at, actor)"
  " SELECT ?2, ?3, c.moderation, coalesce (c.moderation_reason, ''), ?4, ?5"
  " FROM contribution c WHERE c.id = ?3 AND ?1 = ?1";
static const char sql_moderation_noted[] =
  "SELECT m.contribution_id FROM coding_operation_moderation m"
  " JOIN contribution c ON c.id = m.contribution_id WHERE m.operation_id = ?1";

static const char sql_last[] =
  "SELECT id, summary FROM coding_operation WHERE process_id = ?1 AND undone_at IS NULL"
  " ORDER BY id DESC LIMIT 1";
static const char sql_operation[] =
  "SELECT process_id, kind, summary, undone_at IS NOT NULL FROM coding_operation WHERE id = ?1";
static const char sql_undo_themes[] =
  "SELECT theme_id, deleted, parent_id, name, position, colour, description"
  " FROM coding_operation_theme WHERE operation_id = ?1 ORDER BY rowid";
static const char sql_theme_exists[] = "SELECT count(*) FROM theme WHERE id = ?1";
static const char sql_theme_restore[] =
  "INSERT INTO theme (id, process_id, parent_id, name, position, colour, description)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* An id no theme has, nor any recorded operation mentions. */
static const char sql_fresh_id[] =
  "SELECT max (coalesce ((SELECT max (id) FROM theme), 0),"
  " coalesce ((SELECT max (theme_id) FROM coding_operation_theme), 0),"
  " coalesce ((SELECT max (theme_id) FROM coding_operation_link), 0)) + 1 + 0 * ?1";
static const char sql_theme_move_back[] =
  "UPDATE theme SET parent_id = ?2, position = ?3 WHERE id = ?1";
/* A deleted theme whose id another theme took since comes back under a new id: the recorded
 * operations of its process follow it. */
static const char sql_remap_links[] =
  "UPDATE coding_operation_link SET theme_id = ?2 WHERE theme_id = ?1"
  " AND operation_id IN (SELECT id FROM coding_operation WHERE process_id = ?3)";
static const char sql_remap_themes[] =
  "UPDATE coding_operation_theme SET theme_id = ?2 WHERE theme_id = ?1"
  " AND operation_id IN (SELECT id FROM coding_operation WHERE process_id = ?3)";
static const char sql_remap_parents[] =
  "UPDATE coding_operation_theme SET parent_id = ?2 WHERE parent_id = ?1"
  " AND operation_id IN (SELECT id FROM coding_operation WHERE process_id = ?3)";
static const char sql_undone[] = "UPDATE coding_operation SET undone_at = ?2 WHERE id = ?1";

/* Counts: every link of the process's themes read once, in the (theme_id, contribution_id)
 * index's order (dlg_coding_count_by_theme). */
static const char sql_count_themes[] =
  "SELECT id, coalesce (parent_id, 0) FROM theme WHERE process_id = ?1 ORDER BY id";
static const char sql_count_links[] =
  "SELECT ct.theme_id, ct.contribution_id FROM theme t"
  " JOIN contribution_theme ct ON ct.theme_id = t.id WHERE t.process_id = ?1";
static const char sql_count_all[] = "SELECT count(*) FROM contribution WHERE process_id = ?1";

/* Helpers ---------------------------------------------------------------------------------- */

static gboolean
run_int64s (DlgStore    *store,
            const char  *sql,
            gint64       a,
            gint64       b,
            gint64       c,
            guint       *n_changes,
            GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, c);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  if (n_changes != NULL)
    *n_changes = (guint) sqlite3_changes (dlg_store_get_db (store));
  return TRUE;
}

static gint64
query_int64 (DlgStore  *store,
             const char *sql,
             gint64     a,
             GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, a);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      dlg_store_set_error (store, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* The process and name of a theme; FALSE with NOT_FOUND when there is none. */
static gboolean
lookup_theme (DlgStore  *store,
              gint64     theme_id,
              gint64    *process_id,
              char     **name,
              GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_theme, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, theme_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This theme does not exist (it may have been deleted)."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  *process_id = sqlite3_column_int64 (stmt, 0);
  if (name != NULL)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *flat = g_strdup (text != NULL ? text : "");

      /* A name is shown in a one-line summary: controls as spaces, and cut. */
      for (char *p = flat; *p != '\0'; p++)
        if ((guchar) *p < 0x20)
          *p = ' ';
      if (g_utf8_strlen (flat, -1) > NAME_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (flat, 0, NAME_CHARS - 1);

          *name = g_strconcat (cut, "…", NULL);
        }
      else
        *name = g_steal_pointer (&flat);
    }
  return TRUE;
}

/* Fills temp.coding_ids with @ids; sets *n_in_process to how many are the process's. */
static gboolean
load_ids (DlgStore      *store,
          gint64         process_id,
          const GArray  *ids,
          guint         *n_given,
          guint         *n_in_process,
          GError       **error)
{
  g_autoptr(DlgStmt) add = NULL;
  gint64 n;

  if (!dlg_store_exec (store, sql_ids_create, error) || !dlg_store_exec (store, sql_ids_clear, error))
    return FALSE;
  if (!(add = dlg_store_prepare (store, sql_ids_add, error)))
    return FALSE;
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      sqlite3_reset (add);
      sqlite3_bind_int64 (add, 1, g_array_index (ids, gint64, i));
      if (!dlg_store_step_done (store, add, error))
        return FALSE;
    }
  if ((n = query_int64 (store, sql_ids_count, 0, error)) < 0)
    return FALSE;
  *n_given = (guint) n;
  if ((n = query_int64 (store, sql_ids_in_process, process_id, error)) < 0)
    return FALSE;
  *n_in_process = (guint) n;
  return TRUE;
}

static gint64
operation_begin (DlgStore    *store,
                 gint64       process_id,
                 const char  *kind,
                 GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_operation_add, error);
  g_autofree char *now = dlg_now_iso8601 ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, kind);
  dlg_stmt_bind_text (stmt, 3, now);
  if (!dlg_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (dlg_store_get_db (store));
}

/* Gives the operation its summary and journals it; with nothing changed, forgets it. */
static gboolean
operation_finish (DlgStore          *store,
                  gint64             process_id,
                  gint64             operation_id,
                  const char        *kind,
                  gint64             object_id,
                  guint              n_changed,
                  const char        *summary,
                  DlgCodingOutcome  *outcome,
                  GError           **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  /* A bulk moderation is a moderation decision in the journal, like one made alone. */
  gboolean moderation = g_str_equal (kind, "moderate");
  g_autofree char *action = moderation ? g_strdup ("contribution.moderate")
                                       : g_strconcat ("theme.", kind, NULL);
  g_autofree char *object = g_strdup_printf ("%" G_GINT64_FORMAT, object_id);

  outcome->n_changed = n_changed;
  if (n_changed == 0)
    {
      outcome->operation_id = 0;
      return run_int64s (store, sql_operation_drop, operation_id, 0, 0, NULL, error);
    }
  if (!(stmt = dlg_store_prepare (store, sql_operation_finish, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, operation_id);
  dlg_stmt_bind_text (stmt, 2, summary);
  sqlite3_bind_int64 (stmt, 3, n_changed);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  outcome->operation_id = operation_id;
  return dlg_journal_append (store, process_id, action, moderation ? "contribution" : "theme",
                             object, summary, error);
}

static gboolean
fail (DlgStore *store)
{
  dlg_store_rollback (store);
  return FALSE;
}

static void
emit_changes (DlgStore *store,
              gint64    process_id,
              gboolean  contributions)
{
  dlg_store_emit_changed (store, DLG_TYPE_THEME, process_id);
  if (contributions)
    dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);
}

/* Tag and untag ---------------------------------------------------------------------------- */

static gboolean
change_links (DlgStore          *store,
              gint64             theme_id,
              const GArray      *ids,
              gboolean           add,
              DlgCodingOutcome  *outcome,
              GError           **error)
{
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  DlgCodingOutcome dummy;
  gint64 process_id = 0;
  gint64 operation_id;
  guint n_given, n_in_process, n_changed = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (outcome == NULL)
    outcome = &dummy;
  *outcome = (DlgCodingOutcome) { 0 };
  if (!lookup_theme (store, theme_id, &process_id, &name, error)
      || !dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!load_ids (store, process_id, ids, &n_given, &n_in_process, error)
      || !(operation_id = operation_begin (store, process_id, add ? "tag" : "untag", error)))
    return fail (store);
  outcome->n_skipped = n_given - n_in_process;
  if (!run_int64s (store, add ? sql_tag_note : sql_untag_note, operation_id, theme_id, process_id,
                   &n_changed, error)
      || !run_int64s (store, add ? sql_links_add : sql_links_remove, operation_id, add, 0, NULL,
                      error))
    return fail (store);
  summary = add
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Theme “%s” given to %u contribution",
                                    "Theme “%s” given to %u contributions", n_changed),
                       name, n_changed)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Theme “%s” taken from %u contribution",
                                    "Theme “%s” taken from %u contributions", n_changed),
                       name, n_changed);
  if (!operation_finish (store, process_id, operation_id, add ? "tag" : "untag", theme_id,
                         n_changed, summary, outcome, error)
      || !dlg_store_commit (store, error))
    return fail (store);
  if (n_changed > 0)
    emit_changes (store, process_id, FALSE);
  return TRUE;
}

/**
 * dlg_coding_tag:
 * @contribution_ids: (element-type gint64): a selection, or every contribution a search and
 *   its filters match (dlg_contribution_list_get_ids())
 * @outcome: (out caller-allocates) (optional): how many got the theme, the operation to undo
 *
 * Gives the theme to each contribution of @contribution_ids that does not have it yet, in one
 * transaction, journaled as one entry. Ids that are not the theme's process's contributions
 * are counted in @outcome's n_skipped and left alone.
 */
gboolean
dlg_coding_tag (DlgStore          *store,
                gint64             theme_id,
                const GArray      *contribution_ids,
                DlgCodingOutcome  *outcome,
                GError           **error)
{
  return change_links (store, theme_id, contribution_ids, TRUE, outcome, error);
}

/**
 * dlg_coding_untag:
 *
 * Takes the theme from each contribution of @contribution_ids that has it; as
 * dlg_coding_tag() otherwise.
 */
gboolean
dlg_coding_untag (DlgStore          *store,
                  gint64             theme_id,
                  const GArray      *contribution_ids,
                  DlgCodingOutcome  *outcome,
                  GError           **error)
{
  return change_links (store, theme_id, contribution_ids, FALSE, outcome, error);
}

/**
 * dlg_coding_highlight:
 * @highlighted: highlight (as a quote for the synthesis), or take the highlight off
 *
 * Highlights (or not) each contribution of @contribution_ids that is not already so, in one
 * transaction, journaled as one entry.
 */
gboolean
dlg_coding_highlight (DlgStore          *store,
                      gint64             process_id,
                      const GArray      *contribution_ids,
                      gboolean           highlighted,
                      DlgCodingOutcome  *outcome,
                      GError           **error)
{
  g_autofree char *summary = NULL;
  DlgCodingOutcome dummy;
  gint64 operation_id;
  guint n_given, n_in_process, n_changed = 0;
  const char *kind = highlighted ? "highlight" : "unhighlight";

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (outcome == NULL)
    outcome = &dummy;
  *outcome = (DlgCodingOutcome) { 0 };
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!load_ids (store, process_id, contribution_ids, &n_given, &n_in_process, error)
      || !(operation_id = operation_begin (store, process_id, kind, error)))
    return fail (store);
  outcome->n_skipped = n_given - n_in_process;
  if (!run_int64s (store, sql_highlight_note, operation_id, process_id, highlighted != FALSE,
                   &n_changed, error)
      || !run_int64s (store, sql_highlight_apply, operation_id, highlighted != FALSE, 0, NULL,
                      error))
    return fail (store);
  summary = highlighted
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contribution highlighted",
                                    "%u contributions highlighted", n_changed), n_changed)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Highlight taken off %u contribution",
                                    "Highlight taken off %u contributions", n_changed),
                       n_changed);
  if (!operation_finish (store, process_id, operation_id, kind, process_id, n_changed, summary,
                         outcome, error)
      || !dlg_store_commit (store, error))
    return fail (store);
  if (n_changed > 0)
    emit_changes (store, process_id, TRUE);
  return TRUE;
}

/* Moderation ------------------------------------------------------------------------------- */

/* One moderation event per contribution the operation noted, with its state as it is now. */
static gboolean
add_moderation_events (DlgStore  *store,
                       gint64     operation_id,
                       GError   **error)
{
  g_autoptr(DlgStmt) noted = dlg_store_prepare (store, sql_moderation_noted, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DlgStmt) event = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  int rc;

  if (noted == NULL)
    return FALSE;
  sqlite3_bind_int64 (noted, 1, operation_id);
  while ((rc = sqlite3_step (noted)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (noted, 0);

      g_array_append_val (ids, id);
    }
  g_clear_pointer (&noted, dlg_stmt_release);
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  if (!(event = dlg_store_prepare (store, sql_moderation_events, error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *uuid = dlg_uuid_new ();

      sqlite3_reset (event);
      sqlite3_bind_int64 (event, 1, operation_id);
      dlg_stmt_bind_text (event, 2, uuid);
      sqlite3_bind_int64 (event, 3, g_array_index (ids, gint64, i));
      dlg_stmt_bind_text (event, 4, now);
      dlg_stmt_bind_text (event, 5, dlg_store_get_actor (store));
      if (!dlg_store_step_done (store, event, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * dlg_coding_moderate:
 * @contribution_ids: (element-type gint64): a selection, or every contribution a search and
 *   its filters match
 * @state: "pending", "published" or "trashed"
 * @reason: (nullable): why (required to set aside: the author sees it)
 * @outcome: (out caller-allocates) (optional): how many changed, the operation to undo
 *
 * Moderates every contribution of @contribution_ids whose state or reason differs, in one
 * transaction journaled as one entry ("contribution.moderate"), with one moderation event per
 * contribution for the site. It is an operation of the coding frame's stack: dlg_coding_undo()
 * puts each state and reason back (as new events, so that the site follows).
 */
gboolean
dlg_coding_moderate (DlgStore          *store,
                     gint64             process_id,
                     const GArray      *contribution_ids,
                     const char        *state,
                     const char        *reason,
                     DlgCodingOutcome  *outcome,
                     GError           **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(DlgStmt) note = NULL;
  g_autoptr(DlgStmt) apply = NULL;
  DlgCodingOutcome dummy;
  gint64 operation_id;
  guint n_given, n_in_process, n_changed;
  const char *label;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (outcome == NULL)
    outcome = &dummy;
  *outcome = (DlgCodingOutcome) { 0 };
  if (!dlg_check_enum (state, &dlg_vocabulary_moderation, FALSE,
                       _("The moderation state must be pending, published or set aside."),
                       error)
      || !dlg_check_text (reason, FALSE, 1000, _("reason"), NULL, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (g_str_equal (state, "trashed") && *stripped == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Say why the contributions are set aside: their authors will see "
                             "the reason."));
      return FALSE;
    }
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!load_ids (store, process_id, contribution_ids, &n_given, &n_in_process, error)
      || !(operation_id = operation_begin (store, process_id, "moderate", error))
      || !(note = dlg_store_prepare (store, sql_moderation_note, error)))
    return fail (store);
  outcome->n_skipped = n_given - n_in_process;
  sqlite3_bind_int64 (note, 1, operation_id);
  sqlite3_bind_int64 (note, 2, process_id);
  dlg_stmt_bind_text (note, 3, state);
  dlg_stmt_bind_text (note, 4, stripped);
  if (!dlg_store_step_done (store, note, error))
    return fail (store);
  n_changed = (guint) sqlite3_changes (dlg_store_get_db (store));
  if (!(apply = dlg_store_prepare (store, sql_moderation_apply, error)))
    return fail (store);
  sqlite3_bind_int64 (apply, 1, operation_id);
  dlg_stmt_bind_text (apply, 2, state);
  dlg_stmt_bind_text (apply, 3, stripped);
  if (!dlg_store_step_done (store, apply, error)
      || !add_moderation_events (store, operation_id, error))
    return fail (store);
  /* The journal names no contribution's text: what moderation removes stays out of it. */
  label = dlg_contribution_moderation_get_label (state);
  summary = *stripped != '\0'
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contribution moderated: %s (%s).",
                                    "%u contributions moderated: %s (%s).", n_changed),
                       n_changed, label, stripped)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contribution moderated: %s.",
                                    "%u contributions moderated: %s.", n_changed),
                       n_changed, label);
  if (!operation_finish (store, process_id, operation_id, "moderate", process_id, n_changed,
                         summary, outcome, error)
      || !dlg_store_commit (store, error))
    return fail (store);
  if (n_changed > 0)
    dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);
  return TRUE;
}

/* Merge and delete ------------------------------------------------------------------------- */

static GArray *
list_int64s (DlgStore    *store,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Notes each theme of @subtree (parents first) and its links, then deletes them, children
 * first. Adds the themes and links removed to *n_changed. */
static gboolean
delete_subtree (DlgStore      *store,
                gint64         operation_id,
                const GArray  *subtree,
                guint         *n_themes,
                GError       **error)
{
  for (guint i = 0; i < subtree->len; i++)
    {
      gint64 id = g_array_index (subtree, gint64, i);

      if (!run_int64s (store, sql_theme_note, operation_id, id, 1, NULL, error)
          || !run_int64s (store, sql_theme_links_note, operation_id, id, 0, NULL, error))
        return FALSE;
    }
  for (guint i = subtree->len; i-- > 0;)
    if (!run_int64s (store, sql_theme_delete, g_array_index (subtree, gint64, i), 0, 0, NULL,
                     error))
      return FALSE;
  *n_themes = subtree->len;
  return TRUE;
}

/**
 * dlg_coding_merge_themes:
 * @from_id: the theme that goes
 * @into_id: the theme that stays
 *
 * Merges @from_id into @into_id: its contributions get @into_id, its sub-themes move under
 * @into_id, then it is deleted — in one transaction, journaled as one entry, undoable.
 */
gboolean
dlg_coding_merge_themes (DlgStore          *store,
                         gint64             from_id,
                         gint64             into_id,
                         DlgCodingOutcome  *outcome,
                         GError           **error)
{
  g_autoptr(GArray) subtree = NULL;
  g_autoptr(GArray) children = NULL;
  g_autoptr(GArray) self = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *from_name = NULL;
  g_autofree char *into_name = NULL;
  g_autofree char *summary = NULL;
  DlgCodingOutcome dummy;
  gint64 process_id = 0, into_process = 0, operation_id;
  guint n_links = 0, n_themes = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (outcome == NULL)
    outcome = &dummy;
  *outcome = (DlgCodingOutcome) { 0 };
  if (!lookup_theme (store, from_id, &process_id, &from_name, error)
      || !lookup_theme (store, into_id, &into_process, &into_name, error))
    return FALSE;
  if (into_process != process_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Both themes must belong to the same process."));
      return FALSE;
    }
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (!(subtree = list_int64s (store, sql_subtree, from_id, error)))
    return FALSE;
  for (guint i = 0; i < subtree->len; i++)
    if (g_array_index (subtree, gint64, i) == into_id)
      {
        g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                             from_id == into_id
                             ? _("A theme cannot be merged into itself.")
                             : _("A theme cannot be merged into one of its own sub-themes."));
        return FALSE;
      }

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(operation_id = operation_begin (store, process_id, "merge", error))
      || !run_int64s (store, sql_merge_links_note, operation_id, from_id, into_id, NULL, error)
      || !run_int64s (store, sql_links_add, operation_id, 1, 0, &n_links, error)
      || !(children = list_int64s (store, sql_children, from_id, error)))
    return fail (store);
  for (guint i = 0; i < children->len; i++)
    {
      gint64 child = g_array_index (children, gint64, i);

      if (!run_int64s (store, sql_theme_note, operation_id, child, 0, NULL, error)
          || !run_int64s (store, sql_reparent, child, into_id, 0, NULL, error))
        return fail (store);
    }
  g_array_append_val (self, from_id);
  if (!delete_subtree (store, operation_id, self, &n_themes, error))
    return fail (store);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Theme “%s” merged into “%s” (%u contribution)",
                                          "Theme “%s” merged into “%s” (%u contributions)",
                                          n_links),
                             from_name, into_name, n_links);
  if (!operation_finish (store, process_id, operation_id, "merge", into_id,
                         n_themes + n_links, summary, outcome, error)
      || !dlg_store_commit (store, error))
    return fail (store);
  emit_changes (store, process_id, FALSE);
  return TRUE;
}

/**
 * dlg_coding_delete_theme:
 *
 * Deletes a theme, its sub-themes and their links to contributions (the contributions stay), in
 * one transaction, journaled as one entry; dlg_coding_undo() brings them all back.
 */
gboolean
dlg_coding_delete_theme (DlgStore          *store,
                         gint64             theme_id,
                         DlgCodingOutcome  *outcome,
                         GError           **error)
{
  g_autoptr(GArray) subtree = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  DlgCodingOutcome dummy;
  gint64 process_id = 0, operation_id;
  guint n_themes = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (outcome == NULL)
    outcome = &dummy;
  *outcome = (DlgCodingOutcome) { 0 };
  if (!lookup_theme (store, theme_id, &process_id, &name, error)
      || !dlg_process_check_editable (store, process_id, error)
      || !(subtree = list_int64s (store, sql_subtree, theme_id, error)))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(operation_id = operation_begin (store, process_id, "delete", error))
      || !delete_subtree (store, operation_id, subtree, &n_themes, error))
    return fail (store);
  summary = n_themes > 1
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Theme “%s” deleted with %u sub-theme",
                                    "Theme “%s” deleted with %u sub-themes", n_themes - 1),
                       name, n_themes - 1)
    : g_strdup_printf (_("Theme “%s” deleted"), name);
  if (!operation_finish (store, process_id, operation_id, "delete", theme_id, n_themes, summary,
                         outcome, error)
      || !dlg_store_commit (store, error))
    return fail (store);
  emit_changes (store, process_id, FALSE);
  return TRUE;
}

/* Undo ------------------------------------------------------------------------------------- */

/**
 * dlg_coding_get_last_operation:
 * @operation_id: (out): the latest operation not undone, 0 when there is none
 * @summary: (out) (optional) (transfer full): what it did
 */
gboolean
dlg_coding_get_last_operation (DlgStore  *store,
                               gint64     process_id,
                               gint64    *operation_id,
                               char     **summary,
                               GError   **error)
{
  return dlg_lookup_last_operation (store, sql_last, process_id, operation_id, summary, error);
}

/* Puts back the themes the operation deleted (parents first, as noted), then those it moved. */
static gboolean
restore_themes (DlgStore  *store,
                gint64     process_id,
                gint64     operation_id,
                guint     *n_themes,
                GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_undo_themes, error);
  g_autoptr(GHashTable) remapped = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          g_free);
  typedef struct { gint64 id; gboolean deleted; gint64 parent; char *name; gint64 position;
                   char *colour; char *description; } Row;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, operation_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
        sqlite3_column_int64 (stmt, 2), dlg_stmt_dup_text (stmt, 3),
        sqlite3_column_int64 (stmt, 4), dlg_stmt_dup_text (stmt, 5),
        dlg_stmt_dup_text (stmt, 6),
      };
      g_array_append_val (rows, row);
    }
  g_clear_pointer (&stmt, dlg_stmt_release);
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      goto out;
    }

  /* The deleted ones first: a merge moved sub-themes out of the theme it deleted. */
  for (guint k = 0; k < 2 * rows->len; k++)
    {
      Row *row = &g_array_index (rows, Row, k % rows->len);
      gint64 *parent;
      gint64 parent_id;
      g_autoptr(DlgStmt) write = NULL;

      if ((k < rows->len) != row->deleted)
        continue;
      parent = g_hash_table_lookup (remapped, &row->parent);
      parent_id = parent != NULL ? *parent : row->parent;

      /* A parent deleted since (without Undo) leaves the theme at the top of the frame. */
      if (parent_id != 0)
        {
          gint64 n = query_int64 (store, sql_theme_exists, parent_id, error);

          if (n < 0)
            goto out;
          if (n == 0)
            parent_id = 0;
        }
      if (!row->deleted)
        {
          if (!(write = dlg_store_prepare (store, sql_theme_move_back, error)))
            goto out;
          sqlite3_bind_int64 (write, 1, row->id);
        }
      else
        {
          gint64 taken = query_int64 (store, sql_theme_exists, row->id, error);
          gint64 id = taken == 0 ? row->id : query_int64 (store, sql_fresh_id, 0, error);

          if (taken < 0 || id < 0
              || !(write = dlg_store_prepare (store, sql_theme_restore, error)))
            goto out;
          sqlite3_bind_int64 (write, 1, id);
          sqlite3_bind_int64 (write, 2, process_id);
          dlg_stmt_bind_text (write, 4, row->name);
          sqlite3_bind_int64 (write, 5, row->position);
          dlg_stmt_bind_text (write, 6, row->colour);
          dlg_stmt_bind_text (write, 7, row->description);
          ++*n_themes;
        }
      if (parent_id != 0)
        sqlite3_bind_int64 (write, row->deleted ? 3 : 2, parent_id);
      if (!row->deleted)
        sqlite3_bind_int64 (write, 3, row->position);
      if (!dlg_store_step_done (store, write, error))
        goto out;
      if (row->deleted)
        {
          gint64 new_id = sqlite3_last_insert_rowid (dlg_store_get_db (store));

          if (new_id != row->id)
            {
              if (!run_int64s (store, sql_remap_links, row->id, new_id, process_id, NULL, error)
                  || !run_int64s (store, sql_remap_themes, row->id, new_id, process_id, NULL,
                                  error)
                  || !run_int64s (store, sql_remap_parents, row->id, new_id, process_id, NULL,
                                  error))
                goto out;
              g_hash_table_insert (remapped, g_memdup2 (&row->id, sizeof row->id),
                                   g_memdup2 (&new_id, sizeof new_id));
            }
        }
    }
  rc = SQLITE_OK;

out:
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      g_free (row->name);
      g_free (row->colour);
      g_free (row->description);
    }
  return rc == SQLITE_OK;
}

/**
 * dlg_coding_undo:
 * @operation_id: the latest operation of its process not undone yet
 *   (dlg_coding_get_last_operation())
 *
 * Undoes an operation: what it added goes, what it removed comes back (a contribution deleted
 * since stays deleted), in one transaction, journaled as one entry.
 */
gboolean
dlg_coding_undo (DlgStore          *store,
                 gint64             operation_id,
                 DlgCodingOutcome  *outcome,
                 GError           **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_operation, error);
  g_autofree char *kind = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  DlgCodingOutcome dummy;
  gint64 process_id, last = 0;
  guint n_themes = 0, n_added = 0, n_removed = 0, n_highlights = 0, n_moderated = 0;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (outcome == NULL)
    outcome = &dummy;
  *outcome = (DlgCodingOutcome) { 0 };
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, operation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("There is no such operation to undo."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  process_id = sqlite3_column_int64 (stmt, 0);
  kind = dlg_stmt_dup_text (stmt, 1);
  summary = dlg_stmt_dup_text (stmt, 2);
  if (sqlite3_column_int (stmt, 3))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This operation has already been undone."));
      return FALSE;
    }
  g_clear_pointer (&stmt, dlg_stmt_release);
  if (!dlg_coding_get_last_operation (store, process_id, &last, NULL, error))
    return FALSE;
  if (last != operation_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Later changes to the themes must be undone first."));
      return FALSE;
    }
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!restore_themes (store, process_id, operation_id, &n_themes, error)
      || !run_int64s (store, sql_links_add, operation_id, 0, 0, &n_added, error)
      || !run_int64s (store, sql_links_remove, operation_id, 1, 0, &n_removed, error)
      || !run_int64s (store, sql_highlight_restore, operation_id, 0, 0, &n_highlights, error)
      || !run_int64s (store, sql_moderation_restore, operation_id, 0, 0, &n_moderated, error)
      || (n_moderated > 0 && !add_moderation_events (store, operation_id, error)))
    return fail (store);
  if (!(stmt = dlg_store_prepare (store, sql_undone, error)))
    return fail (store);
  sqlite3_bind_int64 (stmt, 1, operation_id);
  dlg_stmt_bind_text (stmt, 2, now);
  if (!dlg_store_step_done (store, stmt, error))
    return fail (store);
  journal = g_strdup_printf (_("Undone: %s"), summary);
  {
    g_autofree char *object = g_strdup_printf ("%" G_GINT64_FORMAT, operation_id);

    gboolean moderation = g_str_equal (kind, "moderate");

    if (!dlg_journal_append (store, process_id,
                             moderation ? "contribution.moderate" : "theme.undo",
                             moderation ? "contribution" : "theme", object, journal, error)
        || !dlg_store_commit (store, error))
      return fail (store);
  }
  outcome->operation_id = operation_id;
  outcome->n_changed = n_themes + n_added + n_removed + n_highlights + n_moderated;
  emit_changes (store, process_id, n_highlights > 0 || n_moderated > 0);
  return TRUE;
}

/* Counts ----------------------------------------------------------------------------------- */

/**
 * dlg_coding_count_by_theme:
 * @n_without_theme: (out) (optional): contributions of the process with no theme
 *
 * Returns: (transfer full) (element-type DlgThemeCount): every theme of the process that has
 *   contributions, with their count and that of their sub-themes (each contribution once)
 */
GArray *
dlg_coding_count_by_theme (DlgStore  *store,
                           gint64     process_id,
                           guint     *n_without_theme,
                           GError   **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (DlgThemeCount));
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GHashTable) positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree DlgIdSet *subtrees = NULL;  /* per theme, the contributions of its subtree */
  g_autofree gboolean *has_children = NULL;
  DlgIdSet tagged = { NULL, 0 };
  guint n_tagged = 0;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  /* The themes (each one's position, and its parent's) */
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_count_themes, error);
    g_autoptr(GArray) parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        DlgThemeCount count = { sqlite3_column_int64 (stmt, 0), 0, 0 };
        gint64 parent_id = sqlite3_column_int64 (stmt, 1);

        g_array_append_val (counts, count);
        g_array_append_val (parent_ids, parent_id);
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        return NULL;
      }
    for (guint i = 0; i < counts->len; i++)
      g_hash_table_insert (positions, &g_array_index (counts, DlgThemeCount, i).theme_id,
                           GUINT_TO_POINTER (i + 1));
    has_children = g_new0 (gboolean, counts->len + 1);
    subtrees = g_new0 (DlgIdSet, counts->len + 1);
    for (guint i = 0; i < counts->len; i++)
      {
        gint64 parent_id = g_array_index (parent_ids, gint64, i);
        gint parent = (gint) GPOINTER_TO_UINT (g_hash_table_lookup (positions, &parent_id)) - 1;

        g_array_append_val (parents, parent);
        if (parent >= 0)
          has_children[parent] = TRUE;
      }
  }

  /* Each link once: its theme's direct count, the subtree of each ancestor with sub-themes
   * (each contribution once), the process's tagged contributions (once). */
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_count_links, error);
    gint64 last_theme = 0;
    gint position = -1;

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 theme_id = sqlite3_column_int64 (stmt, 0);
        gint64 contribution_id = sqlite3_column_int64 (stmt, 1);

        if (theme_id != last_theme || position < 0)
          {
            position = (gint) GPOINTER_TO_UINT (g_hash_table_lookup (positions, &theme_id)) - 1;
            last_theme = theme_id;
            if (position < 0)
              continue;
          }
        g_array_index (counts, DlgThemeCount, position).n_direct++;
        if (dlg_id_set_add (&tagged, contribution_id))
          n_tagged++;
        /* A cycle cannot be stored (dlg_coding_move_theme refuses it); the bound guards. */
        for (gint p = position, depth = 0; p >= 0 && depth <= (gint) counts->len;
             p = g_array_index (parents, gint, p), depth++)
          if (has_children[p] && dlg_id_set_add (&subtrees[p], contribution_id))
            g_array_index (counts, DlgThemeCount, p).n_total++;
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        goto failed;
      }
  }
  for (guint i = 0; i < counts->len; i++)
    {
      DlgThemeCount *count = &g_array_index (counts, DlgThemeCount, i);

      if (!has_children[i])
        count->n_total = count->n_direct;
      g_free (subtrees[i].bits);
      subtrees[i].bits = NULL;
    }
  g_clear_pointer (&tagged.bits, g_free);
  /* The themes nobody has yet are not listed. */
  for (guint i = counts->len; i-- > 0;)
    if (g_array_index (counts, DlgThemeCount, i).n_total == 0)
      g_array_remove_index (counts, i);
  if (n_without_theme != NULL)
    {
      gint64 all = query_int64 (store, sql_count_all, process_id, error);

      if (all < 0)
        return NULL;
      *n_without_theme = (guint) (all - n_tagged);
    }
  return g_steal_pointer (&counts);

failed:
  for (guint i = 0; i < counts->len; i++)
    g_free (subtrees[i].bits);
  g_free (tagged.bits);
  return NULL;
}
