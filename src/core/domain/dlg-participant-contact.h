/* dlg-participant-contact.h — the contact data of a participant, kept apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Contact data is needed to invite a panel and for nothing else: it lives in its own table,
 * is never exported, never journaled, and goes when its participant is deleted.
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_PARTICIPANT_CONTACT (dlg_participant_contact_get_type ())

G_DECLARE_FINAL_TYPE (DlgParticipantContact, dlg_participant_contact, DLG, PARTICIPANT_CONTACT,
                      DlgRecord)

DlgParticipantContact *dlg_participant_contact_new                (gint64 participant_id);

gint64                 dlg_participant_contact_get_participant_id (DlgParticipantContact *self);
const char            *dlg_participant_contact_get_full_name      (DlgParticipantContact *self);
const char            *dlg_participant_contact_get_email          (DlgParticipantContact *self);
const char            *dlg_participant_contact_get_phone          (DlgParticipantContact *self);
const char            *dlg_participant_contact_get_address        (DlgParticipantContact *self);

void                   dlg_participant_contact_set_full_name      (DlgParticipantContact *self,
                                                                   const char            *name);
void                   dlg_participant_contact_set_email          (DlgParticipantContact *self,
                                                                   const char            *email);
void                   dlg_participant_contact_set_phone          (DlgParticipantContact *self,
                                                                   const char            *phone);
void                   dlg_participant_contact_set_address        (DlgParticipantContact *self,
                                                                   const char            *address);

/* Inserts or replaces the contact of its participant. */
gboolean               dlg_participant_contact_save   (DlgStore              *store,
                                                       DlgParticipantContact *contact,
                                                       GError               **error);
/* The contact of a participant; an empty one when none was saved; NOT_FOUND when the
 * participant does not exist. */
DlgParticipantContact *dlg_participant_contact_load   (DlgStore              *store,
                                                       gint64                 participant_id,
                                                       GError               **error);
/* Erases the contact data, whatever the stage (the quota profile stays). */
gboolean               dlg_participant_contact_delete (DlgStore              *store,
                                                       gint64                 participant_id,
                                                       GError               **error);

gboolean               dlg_participant_contact_export_panel (DlgStore  *store,
                                                             gint64     process_id,
                                                             GFile     *file,
                                                             guint     *n_people,
                                                             GError   **error);

G_END_DECLS
