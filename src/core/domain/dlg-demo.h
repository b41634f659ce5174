/* dlg-demo.h — the demo process, generated from a seed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_DEMO_SEED 20241125

gint64 dlg_demo_ensure (DlgStore  *store,
                        gboolean  *created,
                        GError   **error);

G_END_DECLS
