/* dlg-site-server.h — the reference public site: sync API v1 and public pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "dlg-site-db.h"

G_BEGIN_DECLS

#define DLG_SITE_MAX_BODY_BYTES       (1024 * 1024)
#define DLG_SITE_PAGE_LIMIT_DEFAULT   100
#define DLG_SITE_PAGE_LIMIT_MAX       500
#define DLG_SITE_TOMBSTONE_RETENTION  30

#define DLG_SITE_TYPE_SERVER (dlg_site_server_get_type ())
G_DECLARE_FINAL_TYPE (DlgSiteServer, dlg_site_server, DLG_SITE, SERVER, GObject)

DlgSiteServer *dlg_site_server_new             (const char     *db_path,
                                                GError        **error);
DlgSiteDb     *dlg_site_server_get_db          (DlgSiteServer  *self);
SoupServer    *dlg_site_server_get_soup_server (DlgSiteServer  *self);
/* Enables POST/DELETE /api/test/faults (tests and training only). */
void           dlg_site_server_set_test_faults (DlgSiteServer  *self,
                                                gboolean        enabled);
/* Listens on the loopback interface; @port 0 picks a free port. */
gboolean       dlg_site_server_listen_local    (DlgSiteServer  *self,
                                                guint           port,
                                                GError        **error);
/* Listens on @address (an IPv4 or IPv6 literal). */
gboolean       dlg_site_server_listen_address  (DlgSiteServer  *self,
                                                const char     *address,
                                                guint           port,
                                                GError        **error);
void           dlg_site_server_disconnect      (DlgSiteServer  *self);
/* "http://127.0.0.1:PORT/" once listening, else NULL. */
char          *dlg_site_server_get_base_uri    (DlgSiteServer  *self);
/* Seeds the published demo process (idempotent). */
gboolean       dlg_site_server_seed_demo       (DlgSiteServer  *self,
                                                GError        **error);
/* Creates an API token and returns it in clear (stored hashed). */
char          *dlg_site_server_create_token    (DlgSiteServer  *self,
                                                const char     *name,
                                                const char     *scopes,
                                                GError        **error);

/* Adds @n published contributions (ideas) to @process_id, in one transaction: test and
 * training data for paging through the feed. */
gboolean       dlg_site_server_seed_contributions (DlgSiteServer *self,
                                                   const char    *process_id,
                                                   guint          n,
                                                   GError       **error);

/* The UUID of the demo process seeded by dlg_site_server_seed_demo(). */
#define DLG_SITE_DEMO_PROCESS_ID "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a01"

G_END_DECLS
