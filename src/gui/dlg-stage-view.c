/* dlg-stage-view.c — the one interface every stage view implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-stage-view"

#include "config.h"

#include "dlg-stage-view.h"

G_DEFINE_INTERFACE (DlgStageView, dlg_stage_view, GTK_TYPE_WIDGET)

static void
dlg_stage_view_default_init (DlgStageViewInterface *iface)
{
}

DlgStage
dlg_stage_view_get_stage (DlgStageView *self)
{
  g_return_val_if_fail (DLG_IS_STAGE_VIEW (self), DLG_STAGE_DIAGNOSTIC);

  return DLG_STAGE_VIEW_GET_IFACE (self)->get_stage (self);
}

void
dlg_stage_view_load (DlgStageView *self,
                     DlgContext   *context,
                     gint64        process_id)
{
  g_return_if_fail (DLG_IS_STAGE_VIEW (self));
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  DLG_STAGE_VIEW_GET_IFACE (self)->load (self, context, process_id);
}

void
dlg_stage_view_flush (DlgStageView *self)
{
  g_return_if_fail (DLG_IS_STAGE_VIEW (self));

  if (DLG_STAGE_VIEW_GET_IFACE (self)->flush != NULL)
    DLG_STAGE_VIEW_GET_IFACE (self)->flush (self);
}
