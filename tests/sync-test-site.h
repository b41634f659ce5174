/* sync-test-site.h — a real dialogue-site on loopback, in its own thread, for sync tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "dlg-core.h"
#include "dlg-site-db.h"
#include "dlg-site-server.h"
#include "dlg-store-private.h"
#include "dlg-sync.h"

typedef struct
{
  char          *dir;
  char          *db_path;
  GThread       *thread;
  GMainLoop     *loop;
  DlgSiteServer *server;
  char          *base_uri;     /* without the final slash */
  char          *token;
  GMutex         lock;
  GCond          cond;
  gboolean       ready;
  GError        *error;
  SoupSession   *http;         /* the test's own client: a citizen, the fault injector */
} TestSite;

void           test_push_main_context     (void);
TestSite      *test_site_start            (const char  *dir);
void           test_site_stop             (TestSite    *site);
DlgSiteDb     *test_site_open_db          (TestSite    *site);
guint          test_site_http             (TestSite    *site,
                                           const char  *method,
                                           const char  *path,
                                           const char  *content_type,
                                           const char  *body,
                                           char       **response);
void           test_site_fault            (TestSite    *site,
                                           const char  *json);
void           test_site_clear_faults     (TestSite    *site);
void           test_site_post_form        (TestSite    *site,
                                           const char  *form_path,
                                           const char * const *fields);
GPtrArray     *test_site_seed_contributions (TestSite  *site,
                                           const char  *process_uuid,
                                           guint        n);

DlgStore      *test_app_open              (const char  *path);
gint64         test_app_process           (DlgStore    *store,
                                           char       **uuid);
DlgSyncClient *test_app_client            (DlgStore    *store,
                                           TestSite    *site);
void           test_app_sync              (DlgSyncClient *client);
gint64         test_app_count             (DlgStore    *store,
                                           const char  *sql);
