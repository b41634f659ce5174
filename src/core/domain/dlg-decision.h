/* dlg-decision.h — an arbitration or validation decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_DECISION (dlg_decision_get_type ())

G_DECLARE_FINAL_TYPE (DlgDecision, dlg_decision, DLG, DECISION, DlgRecord)

DlgDecision *dlg_decision_new                   (gint64 process_id);

gint64       dlg_decision_get_id                (DlgDecision *self);
const char  *dlg_decision_get_uuid              (DlgDecision *self);
gint64       dlg_decision_get_process_id        (DlgDecision *self);
const char  *dlg_decision_get_stage             (DlgDecision *self);
gint64       dlg_decision_get_recommendation_id (DlgDecision *self);
const char  *dlg_decision_get_decided_at        (DlgDecision *self);
const char  *dlg_decision_get_who               (DlgDecision *self);
const char  *dlg_decision_get_what              (DlgDecision *self);
const char  *dlg_decision_get_why               (DlgDecision *self);
const char  *dlg_decision_get_outcome           (DlgDecision *self);

void         dlg_decision_set_stage             (DlgDecision *self,
                                                 const char  *stage);
void         dlg_decision_set_recommendation_id (DlgDecision *self,
                                                 gint64       recommendation_id);
void         dlg_decision_set_decided_at        (DlgDecision *self,
                                                 const char  *decided_at);
void         dlg_decision_set_who               (DlgDecision *self,
                                                 const char  *who);
void         dlg_decision_set_what              (DlgDecision *self,
                                                 const char  *what);
void         dlg_decision_set_why               (DlgDecision *self,
                                                 const char  *why);
void         dlg_decision_set_outcome           (DlgDecision *self,
                                                 const char  *outcome);

gboolean     dlg_decision_save                  (DlgStore     *store,
                                                 DlgDecision  *decision,
                                                 GError      **error);
DlgDecision *dlg_decision_load                  (DlgStore  *store,
                                                 gint64     id,
                                                 GError   **error);
GListModel  *dlg_decision_list                  (DlgStore    *store,
                                                 gint64       process_id,
                                                 const char  *stage,
                                                 GError     **error);
gboolean     dlg_decision_delete                (DlgStore  *store,
                                                 gint64     id,
                                                 GError   **error);

G_END_DECLS
