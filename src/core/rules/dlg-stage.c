/* dlg-stage.c — the twelve stages of the co-construction cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-stage"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-stage.h"

static const struct {
  const char *id;
  const char *label;
  const char *description;
} stages[DLG_N_STAGES] = {
  { "diagnostic", N_("Upstream diagnosis"),
    N_("Steering, the object, open questions, constraints, the actors and the methods.") },
  { "arbitration", N_("Arbitration by elected officials"),
    N_("The decisions of elected officials and senior management: who, when, what, why.") },
  { "specification", N_("Specification"),
    N_("Objectives, target publics, budget, calendar and features of the process.") },
  { "mandate", N_("Participation mandate"),
    N_("The question put to citizens, what is open to debate, the rules of the game and the "
       "institution’s commitments.") },
  { "recruitment", N_("Recruitment"),
    N_("Registrations of volunteers, diversity quotas and a fair random draw of the panel.") },
  { "workshop", N_("Citizen workshop"),
    N_("Sessions, attendance, contributions and their moderation.") },
  { "opinion", N_("Citizen opinion"),
    N_("The citizens’ numbered recommendations, each linked to the contributions it comes "
       "from.") },
  { "review", N_("Review by departments"),
    N_("Each recommendation reviewed by a council department: feasibility, cost, legal "
       "constraints and a proposed position.") },
  { "validation", N_("Validation by elected officials"),
    N_("The decision of elected officials on each recommendation.") },
  { "response", N_("Argued response"),
    N_("The public reasoned response to each recommendation.") },
  { "implementation", N_("Implementation"),
    N_("Commitments with their owner department, due date, status and dated updates.") },
  { "follow_up", N_("Right to follow-up"),
    N_("Follow-up committee meetings, published status reports and participatory "
       "evaluation.") },
};

static const struct {
  const char *id;
  const char *label;
} states[] = {
  { "not_started", N_("Not started") },
  { "in_progress", N_("In progress") },
  { "done", N_("Done") },
  { "skipped", N_("Skipped") },
};

static const char *transitions[] = { "start", "done", "skip", "reopen" };

const char *
dlg_stage_to_id (DlgStage stage)
{
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  return stages[stage].id;
}

gboolean
dlg_stage_from_id (const char *id,
                   DlgStage   *stage)
{
  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      if (g_strcmp0 (id, stages[i].id) == 0)
        {
          *stage = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
dlg_stage_get_label (DlgStage stage)
{
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  return _(stages[stage].label);
}

const char *
dlg_stage_get_description (DlgStage stage)
{
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  return _(stages[stage].description);
}

const char *
dlg_stage_state_to_id (DlgStageState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);

  return states[state].id;
}

gboolean
dlg_stage_state_from_id (const char    *id,
                         DlgStageState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (g_strcmp0 (id, states[i].id) == 0)
        {
          *state = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
dlg_stage_state_get_label (DlgStageState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);

  return _(states[state].label);
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
