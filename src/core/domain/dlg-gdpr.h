/* dlg-gdpr.h — personal data: retention, purge, erasure on request, right of access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process keeps its registrants' contact data (participant_contact, and the household keys
 * the draw used) for a retention period set in the mandate (DLG_FIELD_MANDATE_RETENTION_MONTHS,
 * months after the follow-up stage closes; 6 by default). When it ends, the data is purged in
 * one transaction. A person may also ask to be erased, or for a copy of what is held about
 * them. Each of these is journaled as a fact — counts and dates, never a name, an address or a
 * registration's id — and what the site must apply is recorded as an erasure that the sync
 * sends (POST /api/sync/v1/erasures).
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_GDPR_DEFAULT_RETENTION_MONTHS 6

/* The type DlgStore::changed carries when contact data is purged or a person erased. */
#define DLG_TYPE_GDPR_ERASURE (dlg_gdpr_erasure_get_type ())
GType dlg_gdpr_erasure_get_type (void) G_GNUC_CONST;

/**
 * DlgGdprStatus:
 * @retention_months: the retention, as set in the mandate or the default
 * @retention_is_default: the mandate does not set it
 * @follow_up_ended_at: (nullable): when the follow-up stage closed; %NULL while it is open
 * @retention_ends_at: (nullable): when the retention ends (ISO 8601); %NULL while unknown
 * @retention_ended: the purge is due
 * @n_people: registrants of whom contact data is still held
 * @n_fields: the contact fields (name, e-mail, phone, address, household) still held
 * @n_unsent: erasures the site has not been sent yet
 * @last_purge_at: (nullable): the last purge, from the journal
 */
typedef struct
{
  guint     retention_months;
  gboolean  retention_is_default;
  char     *follow_up_ended_at;
  char     *retention_ends_at;
  gboolean  retention_ended;
  guint     n_people;
  guint     n_fields;
  guint     n_unsent;
  char     *last_purge_at;
} DlgGdprStatus;

void           dlg_gdpr_status_free (DlgGdprStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgGdprStatus, dlg_gdpr_status_free)

/**
 * DlgGdprPerson:
 *
 * A registrant as an erasure or an access request finds them. The contact members hold the
 * person's data: show them to the officer, never write them to the journal or a log.
 */
typedef struct
{
  gint64    participant_id;
  char     *uuid;
  char     *status;
  char     *registered_at;
  char     *full_name;
  char     *email;
  char     *phone;
  char     *address;
  guint     n_profile_fields;   /* profile values, household and consent date held */
  gboolean  from_site;          /* the site holds their registration too */
} DlgGdprPerson;

void           dlg_gdpr_person_free (DlgGdprPerson *person);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgGdprPerson, dlg_gdpr_person_free)

/* What one purge or erasure removed. */
typedef struct
{
  guint n_people;
  guint n_fields;
} DlgGdprCounts;

/* An erasure the site must apply (the sync's "erasure" collection). */
typedef struct
{
  char *uuid;                 /* the POST's Idempotency-Key */
  char *process_uuid;
  char *scope;                /* "contacts": the process's contact data; "person": one person */
  char *registration_uuid;    /* (nullable) the person's registration, for "person" */
} DlgGdprErasure;

void           dlg_gdpr_erasure_free (DlgGdprErasure *erasure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgGdprErasure, dlg_gdpr_erasure_free)

DlgGdprStatus *dlg_gdpr_get_status       (DlgStore             *store,
                                          gint64                process_id,
                                          GDateTime            *now,
                                          GError              **error);
gboolean       dlg_gdpr_status_check_due (const DlgGdprStatus  *status,
                                          GError              **error);
gboolean       dlg_gdpr_purge            (DlgStore             *store,
                                          gint64                process_id,
                                          DlgGdprCounts        *counts,
                                          GError              **error);

GPtrArray     *dlg_gdpr_find_people      (DlgStore             *store,
                                          gint64                process_id,
                                          const char           *query,
                                          GError              **error);
DlgGdprPerson *dlg_gdpr_find_one         (DlgStore             *store,
                                          gint64                process_id,
                                          const char           *query,
                                          GError              **error);
GStrv          dlg_gdpr_person_describe  (const DlgGdprPerson  *person);
guint          dlg_gdpr_person_count_fields (const DlgGdprPerson *person);
gboolean       dlg_gdpr_erase_person     (DlgStore             *store,
                                          gint64                participant_id,
                                          DlgGdprCounts        *counts,
                                          GError              **error);

char          *dlg_gdpr_access_to_json   (DlgStore             *store,
                                          gint64                participant_id,
                                          GError              **error);
char          *dlg_gdpr_access_export    (DlgStore             *store,
                                          gint64                participant_id,
                                          GFile                *file,
                                          GError              **error);

GPtrArray     *dlg_gdpr_list_unsent_erasures (DlgStore         *store,
                                          gboolean              include_demo,
                                          GError              **error);
char          *dlg_gdpr_erasure_to_json  (const DlgGdprErasure *erasure);
gboolean       dlg_gdpr_erasure_sent     (DlgStore             *store,
                                          const char           *uuid,
                                          GError              **error);

G_END_DECLS
