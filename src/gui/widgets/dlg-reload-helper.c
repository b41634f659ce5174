/* dlg-reload-helper.c — a view's watch on the store, reloading once per burst of changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-reload-helper"

#include "config.h"

#include "dlg-context.h"
#include "dlg-reload-helper.h"

/**
 * dlg_reload_helper_watch:
 * @helper: the view's helper
 * @store: (nullable): the store to watch, or %NULL to watch nothing
 * @changed_cb: the view's handler of DlgStore::changed, called with @owner first (swapped)
 * @owner: the view; the handler goes with it
 *
 * Stops watching the previous store, then connects @changed_cb to @store.
 */
void
dlg_reload_helper_watch (DlgReloadHelper *helper,
                         DlgStore        *store,
                         GCallback        changed_cb,
                         gpointer         owner)
{
  dlg_reload_helper_unwatch (helper);
  if (store == NULL)
    return;
  helper->store = g_object_ref (store);
  helper->changed_id = g_signal_connect_object (store, "changed", changed_cb, owner,
                                                G_CONNECT_SWAPPED);
}

/* Disconnects the handler and drops the store (the pending reload, if any, stays: see
 * dlg_reload_helper_cancel). */
void
dlg_reload_helper_unwatch (DlgReloadHelper *helper)
{
  if (helper->changed_id != 0 && helper->store != NULL)
    g_clear_signal_handler (&helper->changed_id, helper->store);
  helper->changed_id = 0;
  g_clear_object (&helper->store);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  DlgReloadHelper *helper = user_data;

  helper->idle_id = 0;
  helper->reload (helper->owner);
  return G_SOURCE_REMOVE;
}

/**
 * dlg_reload_helper_queue:
 * @helper: the view's helper
 * @reload: what reloads the view
 * @owner: the view, passed to @reload
 *
 * Calls @reload (@owner) once from an idle, however many changes come before it runs. The
 * view cancels it in dispose (dlg_reload_helper_cancel), as @helper lives inside the view.
 */
void
dlg_reload_helper_queue (DlgReloadHelper *helper,
                         DlgReloadFunc    reload,
                         gpointer         owner)
{
  if (helper->idle_id != 0)
    return;
  helper->reload = reload;
  helper->owner = owner;
  helper->idle_id = g_idle_add (reload_idle_cb, helper);
}

/* Drops the pending reload: a reload that runs now, or the view going away. */
void
dlg_reload_helper_cancel (DlgReloadHelper *helper)
{
  g_clear_handle_id (&helper->idle_id, g_source_remove);
}

gboolean
dlg_reload_helper_is_pending (DlgReloadHelper *helper)
{
  return helper->idle_id != 0;
}

void
dlg_reload_helper_follow (DlgReloadHelper *helper,
                          gpointer        *slot,
                          gpointer         context,
                          GCallback        changed_cb,
                          gpointer         owner)
{
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  if (context != *slot)
    {
      dlg_reload_helper_unwatch (helper);
      g_set_object ((GObject **) slot, context);
      if (context != NULL)
        dlg_reload_helper_watch (helper, dlg_context_get_store (context), changed_cb, owner);
    }
  dlg_reload_helper_cancel (helper);
}
