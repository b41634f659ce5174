/* dlg-ingest.h — the one path by which contributions and registrations from a source come in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* The reference site: its ids are the app's own uuids and its revision is remote_rev (the
 * ETag of what the app pushes), so what it sends is matched by uuid. */
#define DLG_INGEST_SOURCE_SITE "site"
/* A platform read live (src/sync/dlg-sync-graphql.c): "live:<kind>:<site>#<space>". Like the
 * site's, its contributions are marked "no longer on the site" when a full scan no longer
 * finds them, never removed on absence. */
#define DLG_INGEST_SOURCE_LIVE_PREFIX "live:"

typedef enum
{
  DLG_INGEST_CONTRIBUTION,
  DLG_INGEST_REGISTRATION,
} DlgIngestKind;

typedef enum
{
  DLG_INGEST_FLAGS_NONE      = 0,
  /* The officer's moderation decision that the source has not seen yet: keep the stored
   * moderation state and reason, take the rest. */
  DLG_INGEST_KEEP_MODERATION = 1 << 0,
  /* The source gives no date (a spreadsheet without a date column): keep the stored one. */
  DLG_INGEST_KEEP_DATE       = 1 << 1,
} DlgIngestFlags;

typedef struct
{
  guint  index;       /* in the batch, from 0 */
  char  *source_id;
  char  *reason;      /* translated, an officer's words */
} DlgIngestSkip;

typedef struct
{
  guint      n_added;
  guint      n_updated;
  guint      n_unchanged;  /* not newer than the copy held, or the same, or erased */
  guint      n_removed;    /* removals and erasures applied (held or not) */
  GPtrArray *skipped;      /* DlgIngestSkip: refused by the domain's checks */
} DlgIngestReport;

void             dlg_ingest_report_free (DlgIngestReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgIngestReport, dlg_ingest_report_free)

/* Called every few items and once at the end; @done of @total. */
typedef void (*DlgIngestProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

typedef struct _DlgIngestBatch DlgIngestBatch;

DlgIngestBatch  *dlg_ingest_batch_new              (const char       *source);
void             dlg_ingest_batch_free             (DlgIngestBatch   *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgIngestBatch, dlg_ingest_batch_free)

const char      *dlg_ingest_batch_get_source       (DlgIngestBatch   *batch);
guint            dlg_ingest_batch_get_n_items      (DlgIngestBatch   *batch);
void             dlg_ingest_batch_add_contribution (DlgIngestBatch   *batch,
                                                    const char       *source_id,
                                                    gint64            rev,
                                                    DlgContribution  *contribution,
                                                    DlgIngestFlags    flags);
void             dlg_ingest_batch_add_registration (DlgIngestBatch        *batch,
                                                    const char            *source_id,
                                                    gint64                 rev,
                                                    DlgParticipant        *participant,
                                                    DlgParticipantContact *contact);
void             dlg_ingest_batch_add_removal      (DlgIngestBatch   *batch,
                                                    DlgIngestKind     kind,
                                                    const char       *source_id,
                                                    gint64            rev,
                                                    gboolean          erasure);
gboolean         dlg_ingest_batch_apply            (DlgStore              *store,
                                                    DlgIngestBatch        *batch,
                                                    DlgIngestProgressFunc  progress,
                                                    gpointer               user_data,
                                                    GCancellable          *cancellable,
                                                    DlgIngestReport      **report,
                                                    GError               **error);

void             dlg_ingest_batch_apply_async      (DlgStore              *store,
                                                    DlgIngestBatch        *batch,
                                                    DlgIngestProgressFunc  progress,
                                                    gpointer               progress_data,
                                                    GDestroyNotify         progress_notify,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
DlgIngestReport *dlg_ingest_batch_apply_finish     (DlgStore              *store,
                                                    GAsyncResult          *result,
                                                    GError               **error);

gboolean         dlg_ingest_count_missing          (DlgStore         *store,
                                                    const char       *source,
                                                    DlgIngestKind     kind,
                                                    GHashTable       *keep,
                                                    guint            *n_missing,
                                                    guint            *n_held,
                                                    GError          **error);
gboolean         dlg_ingest_remove_missing         (DlgStore         *store,
                                                    const char       *source,
                                                    DlgIngestKind     kind,
                                                    GHashTable       *keep,
                                                    guint            *n_removed,
                                                    GError          **error);

/* Per type, next to the type (dlg-contribution.c, dlg-participant.c,
 * dlg-participant-contact.c): from a source's JSON, and the type's checks. */
DlgContribution       *dlg_contribution_new_from_json        (gint64       process_id,
                                                              const char  *uuid,
                                                              JsonObject  *data);
gboolean               dlg_contribution_validate             (DlgStore         *store,
                                                              DlgContribution  *self,
                                                              GError          **error);
DlgParticipant        *dlg_participant_new_from_json         (gint64       process_id,
                                                              const char  *uuid,
                                                              JsonObject  *data);
gboolean               dlg_participant_validate              (DlgStore        *store,
                                                              DlgParticipant  *self,
                                                              GError         **error);
DlgParticipantContact *dlg_participant_contact_new_from_json (JsonObject  *data);
gboolean               dlg_participant_contact_validate      (DlgParticipantContact  *self,
                                                              GError                **error);

G_END_DECLS
