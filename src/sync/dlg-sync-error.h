/* dlg-sync-error.h — errors of the sync client, in words an officer understands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DLG_SYNC_ERROR (dlg_sync_error_quark ())

/**
 * DlgSyncError:
 * @DLG_SYNC_ERROR_NOT_CONFIGURED: no site address or no token
 * @DLG_SYNC_ERROR_NETWORK: the site cannot be reached (retried later)
 * @DLG_SYNC_ERROR_TIMEOUT: the site answered too slowly (retried later)
 * @DLG_SYNC_ERROR_UNAVAILABLE: the site answered 429 or 5xx (retried later)
 * @DLG_SYNC_ERROR_AUTH: the token was refused (401); the queue is paused until a new token
 * @DLG_SYNC_ERROR_FORBIDDEN: the token lacks a permission (403)
 * @DLG_SYNC_ERROR_REJECTED: the site refused a change (400, 413, 422)
 * @DLG_SYNC_ERROR_TLS: the site's certificate is not trusted; never retried nor ignored
 * @DLG_SYNC_ERROR_PROTOCOL: the site's answer is malformed, truncated, oversized or of the
 *   wrong type; nothing of it was applied
 * @DLG_SYNC_ERROR_TOKEN_STORE: the token could not be stored or read
 * @DLG_SYNC_ERROR_SITE_MISSING: a full resync found many items gone from the site (it may have
 *   been restored from an older backup); nothing was changed, %DLG_SYNC_FLAGS_CONFIRM_MISSING
 *   goes on
 * @DLG_SYNC_ERROR_FEED_ENDLESS: the change feed did not end within the bounds of one pull
 */
typedef enum
{
  DLG_SYNC_ERROR_NOT_CONFIGURED,
  DLG_SYNC_ERROR_NETWORK,
  DLG_SYNC_ERROR_TIMEOUT,
  DLG_SYNC_ERROR_UNAVAILABLE,
  DLG_SYNC_ERROR_AUTH,
  DLG_SYNC_ERROR_FORBIDDEN,
  DLG_SYNC_ERROR_REJECTED,
  DLG_SYNC_ERROR_TLS,
  DLG_SYNC_ERROR_PROTOCOL,
  DLG_SYNC_ERROR_TOKEN_STORE,
  DLG_SYNC_ERROR_SITE_MISSING,
  DLG_SYNC_ERROR_FEED_ENDLESS,
} DlgSyncError;

GQuark   dlg_sync_error_quark        (void);
gboolean dlg_sync_error_is_transient (const GError *error);

G_END_DECLS
