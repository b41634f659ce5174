/* dlg-stage-view-base.h — what the twelve stage views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-context.h"
#include "dlg-stage-view.h"

G_BEGIN_DECLS

#define DLG_TYPE_STAGE_VIEW_BASE (dlg_stage_view_base_get_type ())

G_DECLARE_DERIVABLE_TYPE (DlgStageViewBase, dlg_stage_view_base, DLG, STAGE_VIEW_BASE, GtkWidget)

/**
 * DlgStageViewBaseClass:
 * @stage: which of the twelve stages the view edits
 * @types: (skip): the record types the view watches, dlg_stage_view_base_class_watch()
 * @concerns: (optional): whether a change of records of @type concerns the view; the default:
 *   whether the class watches @type
 * @changed: (optional): DlgStore::changed for the view's process (or for every process); the
 *   default queues @reload when @concerns says so: a change of a watched type for the view's
 *   process (or for every process) reloads the view once, from an idle. Override to react at once, then chain up.
 * @load: (optional): show the newly loaded process (the context and process id are set, the
 *   field bindings loaded); the default calls @reload
 * @reload: show the process again from the store (a context of %NULL or process 0: clear)
 * @flush: (optional): save what the view's own editors hold (the field bindings are the base's)
 * @set_editable: (optional): what the view does beyond dlg_read_only_apply() when its stage is
 *   closed or reopened
 *
 * A stage view is a final subclass with a template (parent `DlgStageViewBase` in the .ui) that
 * sets @stage and @reload and watches its record types in class_init and binds its free-form fields with
 * dlg_stage_view_base_bind_field() in init. The base implements DlgStageView: it holds the
 * context and the process id, watches the store through a DlgReloadHelper, loads and flushes
 * the field bindings, lays its one child out (GtkBinLayout) and disposes the template.
 */
struct _DlgStageViewBaseClass
{
  GtkWidgetClass parent_class;

  DlgStage            stage;
  GArray             *types;

  gboolean (*concerns)     (DlgStageViewBase *self,
                            GType             type);
  void     (*changed)      (DlgStageViewBase *self,
                            GType             type,
                            gint64            process_id);
  void     (*load)         (DlgStageViewBase *self);
  void     (*reload)       (DlgStageViewBase *self);
  void     (*flush)        (DlgStageViewBase *self);
  void     (*set_editable) (DlgStageViewBase *self,
                            gboolean          editable);

  gpointer padding[8];
};

void        dlg_stage_view_base_class_watch    (DlgStageViewBaseClass *klass,
                                                GType                  type);

DlgContext *dlg_stage_view_base_get_context    (DlgStageViewBase *self);
DlgStore   *dlg_stage_view_base_get_store      (DlgStageViewBase *self);
gint64      dlg_stage_view_base_get_process_id (DlgStageViewBase *self);
gboolean    dlg_stage_view_base_is_loaded      (DlgStageViewBase *self);
void        dlg_stage_view_base_bind_field     (DlgStageViewBase *self,
                                                GtkWidget        *widget,
                                                const char       *key);
void        dlg_stage_view_base_queue_reload   (DlgStageViewBase *self);
void        dlg_stage_view_base_reload         (DlgStageViewBase *self);

G_END_DECLS
