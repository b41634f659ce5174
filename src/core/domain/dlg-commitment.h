/* dlg-commitment.h — a commitment of the argued response; it points to a position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_COMMITMENT (dlg_commitment_get_type ())

G_DECLARE_FINAL_TYPE (DlgCommitment, dlg_commitment, DLG, COMMITMENT, DlgRecord)

DlgCommitment *dlg_commitment_new             (gint64 process_id);

gint64         dlg_commitment_get_id          (DlgCommitment *self);
const char    *dlg_commitment_get_uuid        (DlgCommitment *self);
gint64         dlg_commitment_get_process_id  (DlgCommitment *self);
gint64         dlg_commitment_get_position_id (DlgCommitment *self);
const char    *dlg_commitment_get_title       (DlgCommitment *self);
const char    *dlg_commitment_get_department  (DlgCommitment *self);
const char    *dlg_commitment_get_due_date    (DlgCommitment *self);
const char    *dlg_commitment_get_status      (DlgCommitment *self);
gint           dlg_commitment_get_progress    (DlgCommitment *self);
const char    *dlg_commitment_get_created_at  (DlgCommitment *self);
const char    *dlg_commitment_get_sync_state  (DlgCommitment *self);
const char    *dlg_commitment_get_etag        (DlgCommitment *self);
gint64         dlg_commitment_get_rev         (DlgCommitment *self);

void           dlg_commitment_set_position_id (DlgCommitment *self,
                                               gint64         position_id);
void           dlg_commitment_set_title       (DlgCommitment *self,
                                               const char    *title);
void           dlg_commitment_set_department  (DlgCommitment *self,
                                               const char    *department);
void           dlg_commitment_set_due_date    (DlgCommitment *self,
                                               const char    *due_date);
void           dlg_commitment_set_status      (DlgCommitment *self,
                                               const char    *status);
void           dlg_commitment_set_progress    (DlgCommitment *self,
                                               gint           progress);

gboolean       dlg_commitment_save            (DlgStore       *store,
                                               DlgCommitment  *commitment,
                                               GError        **error);
DlgCommitment *dlg_commitment_load            (DlgStore  *store,
                                               gint64     id,
                                               GError   **error);
GListModel    *dlg_commitment_list            (DlgStore  *store,
                                               gint64     process_id,
                                               GError   **error);
gboolean       dlg_commitment_delete          (DlgStore  *store,
                                               gint64     id,
                                               GError   **error);

const char *dlg_commitment_status_get_label (const char *status);

G_END_DECLS
