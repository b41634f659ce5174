/* dlg-commitment-update.h — a dated progress report on a commitment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_COMMITMENT_UPDATE (dlg_commitment_update_get_type ())

G_DECLARE_FINAL_TYPE (DlgCommitmentUpdate, dlg_commitment_update, DLG, COMMITMENT_UPDATE, DlgRecord)

DlgCommitmentUpdate *dlg_commitment_update_new               (gint64 commitment_id);

gint64               dlg_commitment_update_get_id            (DlgCommitmentUpdate *self);
const char          *dlg_commitment_update_get_uuid          (DlgCommitmentUpdate *self);
gint64               dlg_commitment_update_get_commitment_id (DlgCommitmentUpdate *self);
const char          *dlg_commitment_update_get_dated         (DlgCommitmentUpdate *self);
gint                 dlg_commitment_update_get_progress      (DlgCommitmentUpdate *self);
const char          *dlg_commitment_update_get_status        (DlgCommitmentUpdate *self);
const char          *dlg_commitment_update_get_text          (DlgCommitmentUpdate *self);
const char          *dlg_commitment_update_get_sync_state    (DlgCommitmentUpdate *self);

void                 dlg_commitment_update_set_dated         (DlgCommitmentUpdate *self,
                                                              const char          *dated);
void                 dlg_commitment_update_set_progress      (DlgCommitmentUpdate *self,
                                                              gint                 progress);
void                 dlg_commitment_update_set_status        (DlgCommitmentUpdate *self,
                                                              const char          *status);
void                 dlg_commitment_update_set_text          (DlgCommitmentUpdate *self,
                                                              const char          *text);

gboolean             dlg_commitment_update_save              (DlgStore             *store,
                                                              DlgCommitmentUpdate  *update,
                                                              GError              **error);
DlgCommitmentUpdate *dlg_commitment_update_load              (DlgStore  *store,
                                                              gint64     id,
                                                              GError   **error);
GListModel          *dlg_commitment_update_list              (DlgStore  *store,
                                                              gint64     commitment_id,
                                                              GError   **error);
gboolean             dlg_commitment_update_delete            (DlgStore  *store,
                                                              gint64     id,
                                                              GError   **error);

G_END_DECLS
