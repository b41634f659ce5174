/* dlg-stage.c — the twelve stages of the co-construction cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-stage"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-stage.h"
#include "dlg-vocabularies.h"

/* The ids and labels are dlg_vocabulary_stage and dlg_vocabulary_stage_state, in the order of
 * the enums. */
static const char * const descriptions[DLG_N_STAGES] = {
  N_("Steering, the object, open questions, constraints, the actors and the methods."),
  N_("The decisions of elected officials and senior management: who, when, what, why."),
  N_("Objectives, target publics, budget, calendar and features of the process."),
  N_("The question put to citizens, what is open to debate, the rules of the game and the "
     "institution’s commitments."),
  N_("Registrations of volunteers, diversity quotas and a fair random draw of the panel."),
  N_("Sessions, attendance, contributions and their moderation."),
  N_("The citizens’ numbered recommendations, each linked to the contributions it comes "
     "from."),
  N_("Each recommendation reviewed by a council department: feasibility, cost, legal "
     "constraints and a proposed position."),
  N_("The decision of elected officials on each recommendation."),
  N_("The public reasoned response to each recommendation."),
  N_("Commitments with their owner department, due date, status and dated updates."),
  N_("Follow-up committee meetings, published status reports and participatory "
     "evaluation."),
};

static const char *transitions[] = { "start", "done", "skip", "reopen" };

const char *
dlg_stage_to_id (DlgStage stage)
{
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  return dlg_vocabulary_get_id (&dlg_vocabulary_stage, stage);
}

gboolean
dlg_stage_from_id (const char *id,
                   DlgStage   *stage)
{
  int i = dlg_vocabulary_index (&dlg_vocabulary_stage, id);

  if (i < 0)
    return FALSE;
  *stage = i;
  return TRUE;
}

const char *
dlg_stage_get_label (DlgStage stage)
{
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  return dlg_vocabulary_get_label (&dlg_vocabulary_stage, dlg_stage_to_id (stage));
}

const char *
dlg_stage_get_description (DlgStage stage)
{
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  return _(descriptions[stage]);
}

const char *
dlg_stage_state_to_id (DlgStageState state)
{
  g_return_val_if_fail (state <= DLG_STAGE_STATE_SKIPPED, NULL);

  return dlg_vocabulary_get_id (&dlg_vocabulary_stage_state, state);
}

gboolean
dlg_stage_state_from_id (const char    *id,
                         DlgStageState *state)
{
  int i = dlg_vocabulary_index (&dlg_vocabulary_stage_state, id);

  if (i < 0)
    return FALSE;
  *state = i;
  return TRUE;
}

const char *
dlg_stage_state_get_label (DlgStageState state)
{
  g_return_val_if_fail (state <= DLG_STAGE_STATE_SKIPPED, NULL);

  return dlg_vocabulary_get_label (&dlg_vocabulary_stage_state, dlg_stage_state_to_id (state));
}

const char *
dlg_transition_to_id (DlgTransition transition)
{
  g_return_val_if_fail (transition < G_N_ELEMENTS (transitions), NULL);

  return transitions[transition];
}

gboolean
dlg_transition_from_id (const char    *id,
                        DlgTransition *transition)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      if (g_strcmp0 (id, transitions[i]) == 0)
        {
          *transition = i;
          return TRUE;
        }
    }
  return FALSE;
}
