/* dlg-participant.h — a registrant’s quota profile (contact data is in DlgParticipantContact)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_PARTICIPANT (dlg_participant_get_type ())

G_DECLARE_FINAL_TYPE (DlgParticipant, dlg_participant, DLG, PARTICIPANT, DlgRecord)

DlgParticipant *dlg_participant_new                     (gint64 process_id);

gint64          dlg_participant_get_id                  (DlgParticipant *self);
const char     *dlg_participant_get_uuid                (DlgParticipant *self);
gint64          dlg_participant_get_process_id          (DlgParticipant *self);
const char     *dlg_participant_get_channel             (DlgParticipant *self);
const char     *dlg_participant_get_age_band            (DlgParticipant *self);
const char     *dlg_participant_get_gender              (DlgParticipant *self);
const char     *dlg_participant_get_commune             (DlgParticipant *self);
const char     *dlg_participant_get_quartier            (DlgParticipant *self);
const char     *dlg_participant_get_occupation          (DlgParticipant *self);
gboolean        dlg_participant_get_prior_participation (DlgParticipant *self);
const char     *dlg_participant_get_household           (DlgParticipant *self);
gboolean        dlg_participant_get_consent             (DlgParticipant *self);
const char     *dlg_participant_get_consent_at          (DlgParticipant *self);
const char     *dlg_participant_get_status              (DlgParticipant *self);
gint            dlg_participant_get_reserve_rank        (DlgParticipant *self);
const char     *dlg_participant_get_registered_at       (DlgParticipant *self);
gint64          dlg_participant_get_remote_rev          (DlgParticipant *self);

void            dlg_participant_set_channel             (DlgParticipant *self,
                                                         const char     *channel);
void            dlg_participant_set_age_band            (DlgParticipant *self,
                                                         const char     *age_band);
void            dlg_participant_set_gender              (DlgParticipant *self,
                                                         const char     *gender);
void            dlg_participant_set_commune             (DlgParticipant *self,
                                                         const char     *commune);
void            dlg_participant_set_quartier            (DlgParticipant *self,
                                                         const char     *quartier);
void            dlg_participant_set_occupation          (DlgParticipant *self,
                                                         const char     *occupation);
void            dlg_participant_set_prior_participation (DlgParticipant *self,
                                                         gboolean        prior_participation);
void            dlg_participant_set_household           (DlgParticipant *self,
                                                         const char     *household);
void            dlg_participant_set_consent             (DlgParticipant *self,
                                                         gboolean        consent);
void            dlg_participant_set_status              (DlgParticipant *self,
                                                         const char     *status);
void            dlg_participant_set_reserve_rank        (DlgParticipant *self,
                                                         gint            reserve_rank);

gboolean        dlg_participant_save                    (DlgStore        *store,
                                                         DlgParticipant  *participant,
                                                         GError         **error);
DlgParticipant *dlg_participant_load                    (DlgStore  *store,
                                                         gint64     id,
                                                         GError   **error);
GListModel     *dlg_participant_list                    (DlgStore  *store,
                                                         gint64     process_id,
                                                         GError   **error);
gint64          dlg_participant_count_late              (DlgStore  *store,
                                                         gint64     process_id,
                                                         GError   **error);
gboolean        dlg_participant_delete                  (DlgStore  *store,
                                                         gint64     id,
                                                         GError   **error);

DlgParticipant *dlg_participant_find_by_uuid (DlgStore    *store,
                                              const char  *uuid,
                                              GError     **error);

G_END_DECLS
