/* dlg-draw-invitation.c — invitations of a drawn panel, and replacements from the reserve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a draw is saved, its panel is "selected" and its reserve list "reserve" with a rank.
 * The officer then marks each member invited, accepted or declined. A member who declined is
 * replaced by the first reserve (by rank) whose quota profile keeps every quota of the process
 * within its minimum and maximum, counted over the panel that remains: the replacement is
 * invited, the member who declined becomes "replaced", and the journal says so (with no
 * personal data: the journal is public).
 */

#define G_LOG_DOMAIN "dlg-draw"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-draw-invitation.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-participant.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

static const char sql_count_draws[] =
  "SELECT count(*) FROM draw WHERE process_id = ?";

static const char sql_select_last_draw[] =
  "SELECT id, algorithm, seed, panel_size, min_probability, max_probability, duration_ms,"
  " created_at, inputs_json FROM draw WHERE process_id = ? ORDER BY id DESC LIMIT 1";

static const char sql_select_draw_probabilities[] =
  "SELECT probability FROM draw_probability WHERE draw_id = ? ORDER BY participant_id";

static const char sql_select_status[] =
  "SELECT status, reserve_rank, uuid FROM participant WHERE id = ? AND process_id = ?";

static const char sql_set_status[] =
  "UPDATE participant SET status = ?, reserve_rank = NULL WHERE id = ? AND process_id = ?";

static const char sql_select_quotas[] =
  "SELECT category, value, min, max FROM quota WHERE process_id = ? ORDER BY id";

/* The panel as it stands, then the reserve list in rank order. */
static const char sql_select_profiles[] =
  "SELECT id, status, age_band, gender, commune, quartier, occupation, prior_participation"
  " FROM participant WHERE process_id = ?"
  " AND (status IN ('selected', 'invited', 'accepted') OR (status = 'reserve' AND consent = 1))"
  " ORDER BY status = 'reserve', reserve_rank, id";

static const char *const profile_columns[] = {
  "age_band", "gender", "commune", "quartier", "occupation", "prior_participation",
};

/* The column of sql_select_profiles holding @category, or -1. */
static int
profile_column (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (profile_columns); i++)
    if (g_str_equal (category, profile_columns[i]))
      return i + 2;
  return -1;
}

/**
 * dlg_draw_count_saved:
 * @store: a #DlgStore
 * @process_id: a process
 * @error: return location for a #GError
 *
 * Returns: how many draws were saved for @process_id (0 with @error set on failure)
 */
guint
dlg_draw_count_saved (DlgStore    *store,
                      gint64       process_id,
                      GError     **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);

  if (!(stmt = dlg_store_prepare (store, sql_count_draws, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, process_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error), 0;
  return sqlite3_column_int (stmt, 0);
}

void
dlg_saved_draw_free (DlgSavedDraw *draw)
{
  if (draw == NULL)
    return;
  g_free (draw->algorithm);
  g_free (draw->created_at);
  g_free (draw->inputs_json);
  g_clear_pointer (&draw->probabilities, g_array_unref);
  g_free (draw);
}

/**
 * dlg_draw_load_last_saved:
 * @store: a #DlgStore
 * @process_id: a process
 * @draw: (out) (transfer full) (nullable): the last draw saved, or %NULL when there is none
 * @error: return location for a #GError
 *
 * Reads the last draw saved for @process_id with every volunteer's probability, so that the
 * app can show it again (its inputs replay it: dlg_draw_input_new_from_json()).
 */
gboolean
dlg_draw_load_last_saved (DlgStore      *store,
                          gint64         process_id,
                          DlgSavedDraw **draw,
                          GError       **error)
{
  g_autoptr(DlgSavedDraw) saved = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);

  *draw = NULL;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_last_draw, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, process_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      return TRUE;
    if (rc != SQLITE_ROW)
      return dlg_store_set_error (store, rc, error);
    saved = g_new0 (DlgSavedDraw, 1);
    saved->id = sqlite3_column_int64 (stmt, 0);
    saved->algorithm = dlg_stmt_dup_text (stmt, 1);
    saved->seed = (guint32) sqlite3_column_int64 (stmt, 2);
    saved->panel_size = sqlite3_column_int (stmt, 3);
    saved->min_probability = sqlite3_column_double (stmt, 4);
    saved->max_probability = sqlite3_column_double (stmt, 5);
    saved->duration_ms = sqlite3_column_int64 (stmt, 6);
    saved->created_at = dlg_stmt_dup_text (stmt, 7);
    saved->inputs_json = dlg_stmt_dup_text (stmt, 8);
    saved->probabilities = g_array_new (FALSE, FALSE, sizeof (double));
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_draw_probabilities, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, saved->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        double p = sqlite3_column_double (stmt, 0);

        g_array_append_val (saved->probabilities, p);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error);
  }
  *draw = g_steal_pointer (&saved);
  return TRUE;
}

/* The status of a registration of @process_id (NULL with @error set when it is not one). */
static char *
dup_status (DlgStore  *store,
            gint64     process_id,
            gint64     participant_id,
            char     **uuid,
            GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_status, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_int64 (stmt, 2, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                   _("This registration is not part of the process."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error), NULL;
  if (uuid != NULL)
    *uuid = dlg_stmt_dup_text (stmt, 2);
  return dlg_stmt_dup_text (stmt, 0);
}

static gboolean
set_status (DlgStore    *store,
            gint64       process_id,
            gint64       participant_id,
            const char  *status,
            GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_set_status, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, status);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  sqlite3_bind_int64 (stmt, 3, process_id);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
is_panel_status (const char *status)
{
  return g_strcmp0 (status, "selected") == 0 || g_strcmp0 (status, "invited") == 0
         || g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "declined") == 0;
}

/**
 * dlg_draw_set_invitation:
 * @store: a #DlgStore
 * @process_id: a process
 * @participant_id: a member of its drawn panel
 * @status: "selected" (not yet invited), "invited", "accepted" or "declined"
 * @error: return location for a #GError
 *
 * Records where the invitation of a panel member stands, journaled (by registration uuid, with
 * the old and new status) in the same transaction.
 */
gboolean
dlg_draw_set_invitation (DlgStore    *store,
                         gint64       process_id,
                         gint64       participant_id,
                         const char  *status,
                         GError     **error)
{
  g_autofree char *current = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!is_panel_status (status))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not a status of an invitation."), status);
      return FALSE;
    }
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(current = dup_status (store, process_id, participant_id, &uuid, error)))
    goto fail;
  if (!is_panel_status (current))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Only a member of the drawn panel can be invited."));
      goto fail;
    }
  if (g_str_equal (current, status))
    return dlg_store_commit (store, error);
  summary = g_strdup_printf (_("Invitation of a panel member: %s → %s."),
                             dlg_journal_value_get_label ("participant", "status", current),
                             dlg_journal_value_get_label ("participant", "status", status));
  if (!set_status (store, process_id, participant_id, status, error)
      || !dlg_journal_append_full (store, process_id, "participant.invitation", "participant",
                                   uuid, "recruitment", "status", current, status, summary,
                                   error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_draw_pick_replacement:
 * @store: a #DlgStore
 * @process_id: a process
 * @participant_id: a panel member who declined
 * @error: return location for a #GError
 *
 * The first registration of the reserve list (by rank) whose quota profile, added to the panel
 * that remains (members selected, invited or accepted), keeps every quota of the process within
 * its minimum and maximum. Quotas on a criterion outside the registration profile are not
 * counted. Changes nothing: see dlg_draw_replace().
 *
 * Returns: the id of the replacement, or 0 with @error set (%DLG_ERROR_NOT_FOUND when no
 *   reserve fits)
 */
gint64
dlg_draw_pick_replacement (DlgStore    *store,
                           gint64       process_id,
                           gint64       participant_id,
                           GError     **error)
{
  g_autofree char *status = NULL;
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) mins = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) maxs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree int *counts = NULL;
  gboolean any_reserve = FALSE;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);

  if (!(status = dup_status (store, process_id, participant_id, NULL, error)))
    return 0;
  if (!g_str_equal (status, "declined"))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Only a panel member who declined the invitation can be replaced."));
      return 0;
    }

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_quotas, error);

    if (stmt == NULL)
      return 0;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        int column = profile_column (dlg_stmt_get_text (stmt, 0));
        int min = sqlite3_column_int (stmt, 2), max = sqlite3_column_int (stmt, 3);

        if (column < 0)
          continue;
        g_ptr_array_add (categories, dlg_stmt_dup_text (stmt, 0));
        g_ptr_array_add (values, dlg_stmt_dup_text (stmt, 1));
        g_array_append_val (columns, column);
        g_array_append_val (mins, min);
        g_array_append_val (maxs, max);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), 0;
  }
  counts = g_new0 (int, MAX (1, columns->len));

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_profiles, error);

    if (stmt == NULL)
      return 0;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gboolean reserve = g_strcmp0 (dlg_stmt_get_text (stmt, 1), "reserve") == 0;
        gboolean fits = TRUE;

        for (guint q = 0; q < columns->len; q++)
          {
            const char *value = dlg_stmt_get_text (stmt, g_array_index (columns, int, q));
            int count = counts[q] + (g_strcmp0 (value, g_ptr_array_index (values, q)) == 0);

            if (!reserve)
              counts[q] = count;
            else if (count < g_array_index (mins, int, q) || count > g_array_index (maxs, int, q))
              fits = FALSE;
          }
        if (reserve)
          {
            any_reserve = TRUE;
            if (fits)
              return sqlite3_column_int64 (stmt, 0);
          }
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), 0;
  }

  g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                       any_reserve
                       ? _("No one on the reserve list keeps every quota of the panel. Invite "
                           "someone by hand, or change the quotas.")
                       : _("The reserve list is empty."));
  return 0;
}

/**
 * dlg_draw_replace:
 * @store: a #DlgStore
 * @process_id: a process
 * @participant_id: a panel member who declined
 * @replacement_id: a registration of the reserve list, e.g. from dlg_draw_pick_replacement()
 * @error: return location for a #GError
 *
 * Invites @replacement_id in place of @participant_id (who becomes "replaced"), and journals
 * it, in one transaction.
 */
gboolean
dlg_draw_replace (DlgStore    *store,
                  gint64       process_id,
                  gint64       participant_id,
                  gint64       replacement_id,
                  GError     **error)
{
  g_autofree char *status = NULL;
  g_autofree char *reserve_status = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *summary = NULL;
  int rank = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(status = dup_status (store, process_id, participant_id, NULL, error)))
    goto fail;
  if (!g_str_equal (status, "declined"))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Only a panel member who declined the invitation can be replaced."));
      goto fail;
    }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_status, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, replacement_id);
    sqlite3_bind_int64 (stmt, 2, process_id);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      {
        reserve_status = dlg_stmt_dup_text (stmt, 0);
        rank = sqlite3_column_int (stmt, 1);
        uuid = dlg_stmt_dup_text (stmt, 2);
      }
  }
  if (g_strcmp0 (reserve_status, "reserve") != 0)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("The replacement must come from the reserve list."));
      goto fail;
    }
  if (!set_status (store, process_id, participant_id, "replaced", error)
      || !set_status (store, process_id, replacement_id, "invited", error))
    goto fail;
  summary = g_strdup_printf (_("A panel member who declined was replaced by number %d of the "
                               "reserve list, keeping the quotas."), rank);
  if (!dlg_journal_append (store, process_id, "draw.replace", "participant", uuid, summary,
                           error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
