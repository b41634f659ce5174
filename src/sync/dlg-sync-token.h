/* dlg-sync-token.h — the officer's bearer token, kept by libsecret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DLG_SYNC_TOKEN_SCHEMA_NAME "fr.nantesmetropole.Dialogue.Token"

gboolean  dlg_sync_token_store   (const char    *site_url,
                                  const char    *token,
                                  gboolean      *in_memory,
                                  GCancellable  *cancellable,
                                  GError       **error);
char     *dlg_sync_token_lookup  (const char    *site_url,
                                  GCancellable  *cancellable,
                                  GError       **error);
gboolean  dlg_sync_token_clear   (const char    *site_url,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
