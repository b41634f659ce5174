/* dlg-sync-client-private.h — shared by the client's files: the client, one HTTP request with
 * its attempts (dlg-sync-request.c) and one sync run (dlg-sync-run.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "dlg-sync-client.h"
#include "dlg-sync-platform.h"
#include "dlg-sync-private.h"

G_BEGIN_DECLS

struct _DlgSyncClient
{
  GObject       parent_instance;

  DlgStore     *store;
  char         *site_url;
  char         *token;
  SoupSession  *session;
  DlgSyncSiteKind kind;
  char         *site_abilities;  /* what a platform's API allows, found in the last sync */

  guint         request_timeout_ms;
  guint         backoff_base_ms;
  guint         backoff_cap_ms;
  guint         max_inline_wait_ms;
  guint         max_attempts;
  guint         page_size;
  guint         max_pull_pages;
  guint         max_pull_seconds;
  gsize         max_response_bytes;
  gboolean      include_demo;

  gboolean      busy;
  const char   *phase;
  double        fraction;
  guint         n_pushed;
  guint         n_pulled;
  guint         n_conflicts;
  guint         n_rejected;
  guint         n_skipped;
  GPtrArray    *problems;
};

typedef enum {
  PROP_0,
  PROP_STORE,
  PROP_SITE_URL,
  PROP_BUSY,
  PROP_PHASE,
  PROP_FRACTION,
  PROP_N_PUSHED,
  PROP_N_PULLED,
  PROP_N_CONFLICTS,
  PROP_N_REJECTED,
  N_PROPS
} DlgSyncClientProp;

void      dlg_sync_client_notify      (DlgSyncClient       *self,
                                       DlgSyncClientProp    prop);

/* One HTTP request, with its attempts (dlg-sync-request.c). */
typedef struct
{
  /* What to send. */
  const char *method;
  char       *path;
  GPtrArray  *headers;        /* name, value, name, value… */
  GBytes     *body;
  gboolean    conflict_is_transient;

  /* What came back. */
  guint       status;
  GBytes     *response;
  char       *etag;
  gint64      retry_after_ms;
  guint       n_attempts;
  guint       next_delay_ms;  /* when it gave up on a transient error */

  /* The attempt in flight. */
  SoupMessage  *msg;
  GCancellable *parent;         /* the sync's, owned by its task */
  GCancellable *attempt_cancellable;
  gulong        parent_handler;
  GSource      *deadline;
  GSource      *wait_source;
  GSource      *cancel_source;
  gboolean      timed_out;
  GInputStream *stream;
  GByteArray   *buffer;
} Request;

Request    *dlg_sync_request_new          (const char          *method,
                                           const char          *path);
void        dlg_sync_request_free         (Request             *req);
void        dlg_sync_request_add_header   (Request             *req,
                                           const char          *name,
                                           const char          *value);
void        dlg_sync_request_async        (DlgSyncClient       *self,
                                           Request             *req,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    dlg_sync_request_finish       (DlgSyncClient       *self,
                                           GAsyncResult        *result,
                                           GError             **error);
char       *dlg_sync_request_problem_text (Request             *req);
char       *dlg_sync_strip_etag           (const char          *value);
const char *dlg_sync_object_label         (const char          *type);

/* One sync (dlg-sync-run.c). */
void        dlg_sync_run                  (GTask               *task,
                                           DlgSyncFlags         flags);
/* Ends the sync of @task: done when @error is NULL, else failed with it (transfer full). */
void        dlg_sync_run_end              (GTask               *task,
                                           GError              *error);
/* One sync with a Decidim or Cap Collectif site (dlg-sync-graphql.c). */
void        dlg_sync_graphql_run          (GTask               *task,
                                           DlgSyncFlags         flags);
gboolean    dlg_sync_state_touch          (DlgStore            *store,
                                           const char          *site_url,
                                           GError             **error);

G_END_DECLS
