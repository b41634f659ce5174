/* dlg-communication-rules.h — what the communication plan lacks: stages with nothing to tell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-stage.h"
#include "dlg-types.h"

G_BEGIN_DECLS

typedef struct
{
  DlgStage  stage;
  gboolean  started;   /* TRUE: the stage is in progress; FALSE: it comes next */
  char     *message;   /* translated, one sentence an officer understands */
} DlgCommunicationGap;

void        dlg_communication_gap_free  (DlgCommunicationGap *gap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgCommunicationGap, dlg_communication_gap_free)

GPtrArray  *dlg_communication_plan_gaps (DlgStore  *store,
                                         gint64     process_id,
                                         GError   **error);

G_END_DECLS
