/* dlg-stage.h — the twelve stages of the co-construction cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  DLG_STAGE_DIAGNOSTIC,
  DLG_STAGE_ARBITRATION,
  DLG_STAGE_SPECIFICATION,
  DLG_STAGE_MANDATE,
  DLG_STAGE_RECRUITMENT,
  DLG_STAGE_WORKSHOP,
  DLG_STAGE_OPINION,
  DLG_STAGE_REVIEW,
  DLG_STAGE_VALIDATION,
  DLG_STAGE_RESPONSE,
  DLG_STAGE_IMPLEMENTATION,
  DLG_STAGE_FOLLOW_UP,
} DlgStage;

#define DLG_N_STAGES (DLG_STAGE_FOLLOW_UP + 1)

typedef enum
{
  DLG_STAGE_STATE_NOT_STARTED,
  DLG_STAGE_STATE_IN_PROGRESS,
  DLG_STAGE_STATE_DONE,
  DLG_STAGE_STATE_SKIPPED,
} DlgStageState;

typedef enum
{
  DLG_TRANSITION_START,
  DLG_TRANSITION_DONE,
  DLG_TRANSITION_SKIP,
  DLG_TRANSITION_REOPEN,
} DlgTransition;

const char *dlg_stage_to_id            (DlgStage       stage);
gboolean    dlg_stage_from_id          (const char    *id,
                                        DlgStage      *stage);
const char *dlg_stage_get_label        (DlgStage       stage);
const char *dlg_stage_get_description  (DlgStage       stage);
const char *dlg_stage_state_to_id      (DlgStageState  state);
gboolean    dlg_stage_state_from_id    (const char    *id,
                                        DlgStageState *state);
const char *dlg_stage_state_get_label  (DlgStageState  state);
const char *dlg_transition_to_id       (DlgTransition  transition);
gboolean    dlg_transition_from_id     (const char    *id,
                                        DlgTransition *transition);

G_END_DECLS
