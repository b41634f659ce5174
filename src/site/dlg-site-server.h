/* dlg-site-server.h — the reference public site: sync API v1 and public pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "dlg-site-db.h"

G_BEGIN_DECLS

#define DLG_SITE_MAX_BODY_BYTES       (1024 * 1024)
/* A request's headers must arrive within this time, its body within the next; an address may
 * have this many requests being received at once (a browser opens 6 connections). */
#define DLG_SITE_HEADER_TIMEOUT_S     10
#define DLG_SITE_BODY_TIMEOUT_S       60
#define DLG_SITE_MAX_OPEN_PER_ADDRESS 32
#define DLG_SITE_LISTEN_BACKLOG       256
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
gint64         dlg_site_server_now             (DlgSiteServer  *self);
void           dlg_site_server_set_clock_offset (DlgSiteServer *self,
                                                gint64          seconds);
void           dlg_site_server_set_limits      (DlgSiteServer  *self,
                                                guint           header_timeout_s,
                                                guint           body_timeout_s,
                                                guint           max_per_address);
/* "http://127.0.0.1:PORT/" once listening, else NULL. */
char          *dlg_site_server_get_base_uri    (DlgSiteServer  *self);
/* Seeds the published demo process (idempotent). */
gboolean       dlg_site_server_seed_demo       (DlgSiteServer  *self,
                                                GError        **error);
/* Empties the site and seeds its demo again (training's reset); tokens go too. */
gboolean       dlg_site_server_reset           (DlgSiteServer  *self,
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

/* The keys of the site's settings (`dialogue-site config`: the publisher, the contacts and the
 * retention of contact details that the legal pages name), NULL-terminated. */
const char *const *dlg_site_server_list_settings (void);

G_END_DECLS
