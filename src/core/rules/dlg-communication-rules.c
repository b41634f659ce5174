/* dlg-communication-rules.c — what the communication plan lacks: stages with nothing to tell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The method asks the team to tell the public at every stage what is happening and what comes
 * next ("aller-vers numérique"). A stage in progress, and the stage that comes next, should
 * each have at least one communication item planned or done (an idea or a cancelled item does
 * not count). This is a warning, not a stage rule: nothing is refused because of it; the
 * communication page shows it, and dialogue-cli communication list prints it.
 */

#define G_LOG_DOMAIN "dlg-communication-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-communication-rules.h"
#include "dlg-process.h"
#include "dlg-store-private.h"

/* Every stage of the process in order, its state, and how many items are planned or done. */
static const char sql_stages[] =
  "SELECT s.stage, s.state, (SELECT count(*) FROM communication_item c"
  "   WHERE c.process_id = s.process_id AND c.stage = s.stage"
  "   AND c.status IN ('planned','done'))"
  " FROM stage_state s WHERE s.process_id = ?1 ORDER BY s.rank";

void
dlg_communication_gap_free (DlgCommunicationGap *gap)
{
  if (gap == NULL)
    return;
  g_free (gap->message);
  g_free (gap);
}

static void
add_gap (GPtrArray *gaps,
         DlgStage   stage,
         gboolean   started)
{
  DlgCommunicationGap *gap = g_new0 (DlgCommunicationGap, 1);

  gap->stage = stage;
  gap->started = started;
  if (started)
    gap->message = g_strdup_printf (_("The stage “%s” has started and nothing is planned to "
                                      "tell the public about it: plan a site page, a post or "
                                      "a newsletter."), dlg_stage_get_label (stage));
  else
    gap->message = g_strdup_printf (_("The stage “%s” comes next and nothing is planned yet to "
                                      "tell the public when it starts."),
                                    dlg_stage_get_label (stage));
  g_ptr_array_add (gaps, gap);
}

/**
 * dlg_communication_plan_gaps:
 * @store: a #DlgStore
 * @process_id: the process
 * @error: return location for a #DlgError
 *
 * The stages with nothing planned to tell the public: each stage in progress with no item
 * planned or done, and the stage that comes next (the first not started after the last one
 * started) when it has none either. An archived process has none.
 *
 * Returns: (transfer full) (element-type DlgCommunicationGap): the gaps in the order of the
 *   stages, or %NULL with @error set
 */
GPtrArray *
dlg_communication_plan_gaps (DlgStore  *store,
                             gint64     process_id,
                             GError   **error)
{
  g_autoptr(GPtrArray) gaps = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              dlg_communication_gap_free);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  DlgStageState states[DLG_N_STAGES];
  guint counts[DLG_N_STAGES];
  int last_started = -1;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(process = dlg_process_load (store, process_id, error)))
    return NULL;
  if (dlg_process_get_archived (process))
    return g_steal_pointer (&gaps);

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      states[i] = DLG_STAGE_STATE_NOT_STARTED;
      counts[i] = 0;
    }
  if (!(stmt = dlg_store_prepare (store, sql_stages, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgStage stage;
      DlgStageState state;

      if (!dlg_stage_from_id (dlg_stmt_get_text (stmt, 0), &stage) ||
          !dlg_stage_state_from_id (dlg_stmt_get_text (stmt, 1), &state))
        continue;
      states[stage] = state;
      counts[stage] = sqlite3_column_int (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      if (states[i] == DLG_STAGE_STATE_IN_PROGRESS || states[i] == DLG_STAGE_STATE_DONE)
        last_started = i;
      if (states[i] == DLG_STAGE_STATE_IN_PROGRESS && counts[i] == 0)
        add_gap (gaps, i, TRUE);
    }
  for (guint i = last_started + 1; i < DLG_N_STAGES; i++)
    if (states[i] == DLG_STAGE_STATE_NOT_STARTED)
      {
        if (counts[i] == 0)
          add_gap (gaps, i, FALSE);
        break;
      }
  return g_steal_pointer (&gaps);
}
