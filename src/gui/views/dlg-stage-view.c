/* dlg-stage-view.c — the one interface every stage view implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-stage-view"

#include "config.h"

#include "dlg-read-only.h"
#include "dlg-stage-view.h"

#define READ_ONLY_KEY "dlg-stage-view-read-only"

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

/**
 * dlg_stage_view_set_editable:
 * @editable: %FALSE when the stage is closed (done or skipped) or the process archived
 *
 * Shows the view read-only (its text readable, selectable and scrollable, nothing that edits
 * usable) or editable again. Called by the stage page chrome when the stage's state changes,
 * and again after the view reloads, so that new rows follow.
 */
void
dlg_stage_view_set_editable (DlgStageView *self,
                             gboolean      editable)
{
  DlgStageViewInterface *iface;
  GtkWidgetClass *klass;
  const GVariantType *type;
  const char *property;
  const char *name;
  GType owner;

  g_return_if_fail (DLG_IS_STAGE_VIEW (self));

  iface = DLG_STAGE_VIEW_GET_IFACE (self);
  g_object_set_data (G_OBJECT (self), READ_ONLY_KEY, GINT_TO_POINTER (!editable));
  /* The view's own actions (view.add-…) add or edit records: none of them while read-only.
   * Views never disable them for reasons of their own, so they are simply given back. */
  klass = GTK_WIDGET_GET_CLASS (self);
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &type, &property); i++)
    {
      if (owner == G_OBJECT_TYPE (self))
        gtk_widget_action_set_enabled (GTK_WIDGET (self), name, editable);
    }
  dlg_read_only_apply (GTK_WIDGET (self), !editable);
  if (iface->set_editable != NULL)
    iface->set_editable (self, editable);
}

gboolean
dlg_stage_view_get_editable (DlgStageView *self)
{
  g_return_val_if_fail (DLG_IS_STAGE_VIEW (self), FALSE);

  return g_object_get_data (G_OBJECT (self), READ_ONLY_KEY) == NULL;
}
