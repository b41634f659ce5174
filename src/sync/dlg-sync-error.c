/* dlg-sync-error.c — errors of the sync client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include "dlg-sync-error.h"

G_DEFINE_QUARK (dlg-sync-error-quark, dlg_sync_error)

/**
 * dlg_sync_error_is_transient:
 *
 * Returns: %TRUE when trying again later may work (network, timeout, 429, 5xx)
 */
gboolean
dlg_sync_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != DLG_SYNC_ERROR)
    return FALSE;
  return error->code == DLG_SYNC_ERROR_NETWORK ||
         error->code == DLG_SYNC_ERROR_TIMEOUT ||
         error->code == DLG_SYNC_ERROR_UNAVAILABLE;
}
