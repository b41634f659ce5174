/* dlg-publication.h — what the public site is sent of each published record, and what it has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core's side of the push: the JSON body of each published type (sync v1, byte for byte what
 * the site reads), which records changed since the site last saw them, and each record's sync
 * bookkeeping (its ETag, rev and sync state). Types are named as the sync names them:
 * "process", "narrative", "response", "commitment", "follow_up", "contribution" (received in
 * person, by mail or by phone) and "highlight" (the team's highlight of a contribution, named by
 * the contribution's uuid). The sync client (src/sync) holds the outbox and never the records.
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* The rule "the response is published", in one place. */
gboolean   dlg_response_is_published            (DlgResponse  *response);

/**
 * DlgPublicationChange:
 * @uuid: the record (for a highlight, its contribution)
 * @process_id: the process, for the types whose body is built from it (process, response); 0
 * @put: %TRUE when the site is to have it, %FALSE when it is to leave the site
 * @in_conflict: its sync state is "conflict"
 */
typedef struct
{
  char     *uuid;
  gint64    process_id;
  gboolean  put;
  gboolean  in_conflict;
} DlgPublicationChange;

void       dlg_publication_change_free          (DlgPublicationChange *change);

/**
 * DlgModerationEvent:
 *
 * A moderation decision not yet sent to the site.
 */
typedef struct
{
  char *uuid;
  char *contribution_uuid;
  char *state;
  char *reason;
  char *decided_at;
} DlgModerationEvent;

void       dlg_moderation_event_free            (DlgModerationEvent *event);

/* To JSON (dlg-publication-json.c). */
char      *dlg_publication_process_to_json      (DlgStore     *store,
                                                 gint64        process_id,
                                                 char        **uuid_out,
                                                 GError      **error);
char      *dlg_publication_narrative_to_json    (DlgStore     *store,
                                                 const char   *uuid,
                                                 GError      **error);
char      *dlg_publication_response_to_json     (DlgStore     *store,
                                                 gint64        process_id,
                                                 char        **uuid_out,
                                                 GError      **error);
char      *dlg_publication_commitment_to_json   (DlgStore     *store,
                                                 const char   *uuid,
                                                 GError      **error);
char      *dlg_publication_follow_up_to_json    (DlgStore     *store,
                                                 const char   *uuid,
                                                 GError      **error);
char      *dlg_publication_contribution_to_json (DlgStore     *store,
                                                 const char   *uuid,
                                                 GError      **error);
char      *dlg_publication_highlight_to_json    (DlgStore     *store,
                                                 const char   *uuid,
                                                 GError      **error);
char      *dlg_publication_moderation_to_json   (const DlgModerationEvent *event);

/* What changed since the site last saw it. */
GPtrArray *dlg_publication_list_changed         (DlgStore     *store,
                                                 const char   *type,
                                                 gboolean      include_demo,
                                                 GError      **error);
GPtrArray *dlg_publication_list_unsent_moderation (DlgStore   *store,
                                                 gboolean      include_demo,
                                                 GError      **error);

/* Each record's sync bookkeeping. */
gboolean   dlg_publication_has_type             (const char   *type);
gboolean   dlg_publication_get_etag             (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid,
                                                 char        **etag);
gboolean   dlg_publication_set_sent             (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid,
                                                 const char   *etag,
                                                 gint64        rev,
                                                 const char   *sync_state,
                                                 GError      **error);
gboolean   dlg_publication_set_sync_state       (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid,
                                                 const char   *sync_state,
                                                 GError      **error);
gboolean   dlg_publication_set_etag             (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid,
                                                 const char   *etag,
                                                 GError      **error);
gboolean   dlg_publication_mark_local           (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid,
                                                 GError      **error);
gboolean   dlg_publication_confirm_deleted      (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid,
                                                 GError      **error);
char      *dlg_publication_dup_title            (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid);
gboolean   dlg_publication_get_status           (DlgStore     *store,
                                                 const char   *type,
                                                 const char   *uuid,
                                                 gboolean     *wanted,
                                                 gboolean     *on_site,
                                                 gboolean     *synced);
/**
 * DlgPublicationStatus:
 * @DLG_PUBLICATION_FOUND: the record exists (set on every status listed)
 * @DLG_PUBLICATION_WANTED: the officer wants it public
 * @DLG_PUBLICATION_ON_SITE: the site has a version
 * @DLG_PUBLICATION_SYNCED: the site's version is the app's
 */
typedef enum
{
  DLG_PUBLICATION_FOUND   = 1 << 0,
  DLG_PUBLICATION_WANTED  = 1 << 1,
  DLG_PUBLICATION_ON_SITE = 1 << 2,
  DLG_PUBLICATION_SYNCED  = 1 << 3,
} DlgPublicationStatus;

GHashTable *dlg_publication_list_status         (DlgStore     *store,
                                                 const char   *type,
                                                 gint64        process_id,
                                                 GError      **error);
gboolean   dlg_publication_moderation_sent      (DlgStore     *store,
                                                 const char   *event_uuid,
                                                 const char   *contribution_uuid,
                                                 gint64        rev,
                                                 GError      **error);

/* Publishing and moderating: the records' side, without the outbox. */
char      *dlg_publication_save_narrative       (DlgStore     *store,
                                                 gint64        process_id,
                                                 const char   *narrative_uuid,
                                                 const char   *title,
                                                 const char   *body_md,
                                                 GError      **error);
gboolean   dlg_publication_record_moderation    (DlgStore     *store,
                                                 const DlgModerationEvent *event,
                                                 gint64       *process_id,
                                                 GError      **error);

/* The site's version after a conflict ("keep theirs"), and the local one kept as a copy. */
gboolean   dlg_publication_apply_process        (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *title,
                                                 const char   *summary,
                                                 GError      **error);
gboolean   dlg_publication_apply_narrative      (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *title,
                                                 const char   *body_md,
                                                 const char   *state,
                                                 const char   *stage,
                                                 const char   *published_at,
                                                 GError      **error);
char      *dlg_publication_copy_narrative       (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *title,
                                                 const char   *body_md,
                                                 const char   *state,
                                                 const char   *stage,
                                                 const char   *published_at,
                                                 GError      **error);
gboolean   dlg_publication_apply_response       (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *intro,
                                                 const char   *published_at,
                                                 GError      **error);
gboolean   dlg_publication_apply_commitment     (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *title,
                                                 const char   *department,
                                                 const char   *due_date,
                                                 const char   *status,
                                                 gint64        progress,
                                                 GError      **error);
char      *dlg_publication_copy_commitment      (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *title,
                                                 GError      **error);
gboolean   dlg_publication_apply_follow_up      (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *kind,
                                                 const char   *dated,
                                                 const char   *title,
                                                 const char   *body,
                                                 GError      **error);
gboolean   dlg_publication_apply_contribution   (DlgStore     *store,
                                                 const char   *uuid,
                                                 const char   *title,
                                                 const char   *body,
                                                 const char   *author_ref,
                                                 GError      **error);
gboolean   dlg_publication_apply_highlight      (DlgStore     *store,
                                                 const char   *uuid,
                                                 GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgPublicationChange, dlg_publication_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgModerationEvent, dlg_moderation_event_free)

G_END_DECLS
