/* dlg-contribution-list-private.h — the list's filters for the core's other readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "dlg-contribution-list.h"

G_BEGIN_DECLS

DlgStore     *dlg_contribution_list_get_store        (DlgContributionList  *self);
sqlite3_stmt *dlg_contribution_list_prepare_matching (DlgContributionList  *self,
                                                      const char           *select,
                                                      const char           *tail,
                                                      GError              **error);

G_END_DECLS
