/* dlg-reload-helper.h — a view's watch on the store, reloading once per burst of changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dlg-store.h"

G_BEGIN_DECLS

typedef void (*DlgReloadFunc) (gpointer owner);

/* Embedded in a view (zero-filled with it): the handler of DlgStore::changed and the pending
 * idle reload. The view keeps its own "changed" handler, which decides whether a change concerns
 * it, and calls dlg_reload_helper_queue(). */
typedef struct
{
  DlgStore     *store;      /* owned while watched */
  gulong        changed_id;
  guint         idle_id;
  DlgReloadFunc reload;
  gpointer      owner;
} DlgReloadHelper;

void     dlg_reload_helper_watch      (DlgReloadHelper *helper,
                                       DlgStore        *store,
                                       GCallback        changed_cb,
                                       gpointer         owner);
void     dlg_reload_helper_unwatch    (DlgReloadHelper *helper);
/* A page's context changes: @slot (a DlgContext *) takes @context, watched with @changed_cb,
 * and any pending reload is dropped. */
void     dlg_reload_helper_follow     (DlgReloadHelper *helper,
                                       gpointer        *slot,
                                       gpointer         context,
                                       GCallback        changed_cb,
                                       gpointer         owner);
void     dlg_reload_helper_queue      (DlgReloadHelper *helper,
                                       DlgReloadFunc    reload,
                                       gpointer         owner);
void     dlg_reload_helper_cancel     (DlgReloadHelper *helper);
gboolean dlg_reload_helper_is_pending (DlgReloadHelper *helper);

G_END_DECLS
