/* dlg-sync-outbox.h — what waits to be pushed to the site, and conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every helper here makes its local change and its outbox row in one transaction (a savepoint
 * when the caller already holds one, so that the caller's own change joins it).
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/**
 * DlgSyncResolution:
 * @DLG_SYNC_KEEP_MINE: push the local version over the site's
 * @DLG_SYNC_KEEP_THEIRS: replace the local version by the site's
 * @DLG_SYNC_KEEP_MINE_AS_COPY: take the site's version and save the local one as a new object
 */
typedef enum
{
  DLG_SYNC_KEEP_MINE,
  DLG_SYNC_KEEP_THEIRS,
  DLG_SYNC_KEEP_MINE_AS_COPY,
} DlgSyncResolution;

typedef struct
{
  gint64  id;
  char   *object_type;
  char   *object_uuid;
  char   *title;        /* a label for the dialog: the local title, or the uuid */
  char   *local_json;
  char   *site_json;    /* NULL when the site deleted the object */
  char   *site_etag;
  char   *detected_at;
} DlgSyncConflict;

/**
 * DlgSyncRefusal:
 * @id: the outbox row, for dlg_sync_retry_refused() and dlg_sync_abandon_refused()
 * @object_type: "narrative", "moderation"…
 * @object_uuid: the object's uuid
 * @method: PUT, DELETE or POST
 * @status: the site's HTTP status (0 when it was not kept, before schema 11)
 * @problem: what the app said, with the site's problem text
 * @title: (nullable): the object's title, when it has one
 * @refused_at: when the site refused it
 * @body: (nullable): what was sent
 *
 * A change the site refused, which waits for the officer: sent again or abandoned, never
 * dropped.
 */
typedef struct
{
  gint64  id;
  char   *object_type;
  char   *object_uuid;
  char   *method;
  guint   status;
  char   *problem;
  char   *title;
  char   *refused_at;
  char   *body;
} DlgSyncRefusal;

void       dlg_sync_refusal_free         (DlgSyncRefusal *refusal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgSyncRefusal, dlg_sync_refusal_free)
gboolean   dlg_sync_refusal_is_gone      (const DlgSyncRefusal *refusal);
const char *dlg_sync_refusal_get_state_label (const DlgSyncRefusal *refusal);

/**
 * DlgSyncPublication:
 * @DLG_SYNC_PUBLICATION_LOCAL: not on the site, and nothing queued to put it there
 * @DLG_SYNC_PUBLICATION_PENDING: goes to the site (or is updated there) at the next sync
 * @DLG_SYNC_PUBLICATION_ON_SITE: the site shows it as it is in the app
 * @DLG_SYNC_PUBLICATION_CHANGED: the site shows an earlier version until the next sync
 * @DLG_SYNC_PUBLICATION_LEAVING: removed from the site at the next sync
 * @DLG_SYNC_PUBLICATION_REFUSED: the site refused it (the sync status says why)
 *
 * Where a published object stands, for the words the app shows next to it.
 */
typedef enum
{
  DLG_SYNC_PUBLICATION_LOCAL,
  DLG_SYNC_PUBLICATION_PENDING,
  DLG_SYNC_PUBLICATION_ON_SITE,
  DLG_SYNC_PUBLICATION_CHANGED,
  DLG_SYNC_PUBLICATION_LEAVING,
  DLG_SYNC_PUBLICATION_REFUSED,
} DlgSyncPublication;

/* The types DlgStore::changed carries when the outbox (what waits for the site) and the
 * conflicts change. */
#define DLG_TYPE_SYNC_OUTBOX (dlg_sync_outbox_get_type ())
GType      dlg_sync_outbox_get_type      (void) G_GNUC_CONST;
#define DLG_TYPE_SYNC_CONFLICT (dlg_sync_conflict_get_type ())
GType      dlg_sync_conflict_get_type    (void) G_GNUC_CONST;

void       dlg_sync_conflict_free        (DlgSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgSyncConflict, dlg_sync_conflict_free)

gboolean   dlg_sync_enqueue_process      (DlgStore    *store,
                                          gint64       process_id,
                                          GError     **error);
gboolean   dlg_sync_enqueue_narrative    (DlgStore    *store,
                                          const char  *narrative_uuid,
                                          GError     **error);
gboolean   dlg_sync_enqueue_response     (DlgStore    *store,
                                          gint64       process_id,
                                          GError     **error);
gboolean   dlg_sync_enqueue_commitment   (DlgStore    *store,
                                          const char  *commitment_uuid,
                                          GError     **error);
gboolean   dlg_sync_enqueue_delete       (DlgStore    *store,
                                          const char  *object_type,
                                          const char  *object_uuid,
                                          GError     **error);
char      *dlg_sync_enqueue_moderation   (DlgStore    *store,
                                          const char  *contribution_uuid,
                                          const char  *state,
                                          const char  *reason,
                                          GError     **error);
char      *dlg_sync_narrative_publish    (DlgStore    *store,
                                          gint64       process_id,
                                          const char  *narrative_uuid,
                                          const char  *title,
                                          const char  *body_md,
                                          GError     **error);

DlgSyncPublication dlg_sync_get_publication (DlgStore    *store,
                                             const char  *object_type,
                                             const char  *object_uuid);
GHashTable        *dlg_sync_list_publications (DlgStore   *store,
                                               const char *object_type,
                                               gint64      process_id,
                                               GError    **error);

gboolean   dlg_sync_collect_changes      (DlgStore    *store,
                                          gboolean     include_demo,
                                          guint       *n_queued,
                                          GError     **error);
GPtrArray *dlg_sync_list_refused         (DlgStore    *store,
                                          GError     **error);
gint64     dlg_sync_count_refused        (DlgStore    *store,
                                          GError     **error);
gboolean   dlg_sync_retry_refused        (DlgStore    *store,
                                          gint64       refusal_id,
                                          guint       *n_retried,
                                          GError     **error);
gboolean   dlg_sync_abandon_refused      (DlgStore    *store,
                                          gint64       refusal_id,
                                          guint       *n_abandoned,
                                          GError     **error);
gint64     dlg_sync_count_pending        (DlgStore    *store,
                                          GError     **error);
gint64     dlg_sync_count_pending_for    (DlgStore    *store,
                                          gboolean     include_demo,
                                          GError     **error);
gint64     dlg_sync_count_conflicts      (DlgStore    *store,
                                          GError     **error);
GPtrArray *dlg_sync_list_conflicts       (DlgStore    *store,
                                          GError     **error);
gboolean   dlg_sync_resolve_conflict     (DlgStore           *store,
                                          gint64              conflict_id,
                                          DlgSyncResolution   resolution,
                                          GError            **error);

G_END_DECLS
