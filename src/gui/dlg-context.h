/* dlg-context.h — what the application hands to every window and view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_CONTEXT (dlg_context_get_type ())

G_DECLARE_FINAL_TYPE (DlgContext, dlg_context, DLG, CONTEXT, GObject)

DlgContext *dlg_context_new          (DlgStore   *store,
                                      GSettings  *settings);
DlgStore   *dlg_context_get_store    (DlgContext *self);
GSettings  *dlg_context_get_settings (DlgContext *self);

G_END_DECLS
