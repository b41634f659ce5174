/* dlg-sync.h — everything src/sync offers to the app and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-sync-client.h"
#include "dlg-sync-error.h"
#include "dlg-sync-forget.h"
#include "dlg-sync-manager.h"
#include "dlg-sync-outbox.h"
#include "dlg-sync-token.h"
