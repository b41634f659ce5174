/* dlg-demo.h — the demo process, generated from a seed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_DEMO_SEED 20241125
/* The stage the demo of the first run is at. */
#define DLG_DEMO_DEFAULT_STAGE DLG_STAGE_WORKSHOP

gint64 dlg_demo_ensure (DlgStore  *store,
                        gboolean  *created,
                        GError   **error);

gint64 dlg_demo_ensure_at (DlgStore  *store,
                           DlgStage   stage,
                           gboolean  *created,
                           GError   **error);

gint64 dlg_demo_reset     (DlgStore  *store,
                           DlgStage   stage,
                           guint     *n_deleted,
                           GError   **error);

G_END_DECLS
