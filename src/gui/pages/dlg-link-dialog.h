/* dlg-link-dialog.h — link a theme's or a selection's contributions to a recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"

G_BEGIN_DECLS

/* Called once the officer linked (or the core refused); not called on Cancel. */
typedef void (*DlgLinkDone) (gboolean                ok,
                             const DlgCodingOutcome *outcome,
                             const GError           *error,
                             gpointer                user_data);

void dlg_link_dialog_present (GtkWidget      *parent,
                              DlgStore       *store,
                              gint64          process_id,
                              const GArray   *contribution_ids,
                              const char     *what,
                              DlgLinkDone     done,
                              gpointer        user_data,
                              GDestroyNotify  destroy);

G_END_DECLS
