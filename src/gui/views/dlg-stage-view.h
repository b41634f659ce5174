/* dlg-stage-view.h — the one interface every stage view implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-context.h"

G_BEGIN_DECLS

#define DLG_TYPE_STAGE_VIEW (dlg_stage_view_get_type ())

G_DECLARE_INTERFACE (DlgStageView, dlg_stage_view, DLG, STAGE_VIEW, GtkWidget)

/**
 * DlgStageViewInterface:
 * @get_stage: which of the twelve stages the view edits
 * @load: show the stage of @process_id; called again when the process changes. Pass 0 to
 *   clear the view. A view saves edits as the officer types (see DlgAutosave) and flushes
 *   pending edits in @flush.
 * @flush: save anything typed and not yet saved (called before the view is hidden or the
 *   window closes)
 * @set_editable: (optional): what a view does beyond the default when its stage is closed or
 *   reopened; the default (always run first) shows every editing control of the view
 *   read-only, see dlg-read-only.c
 */
struct _DlgStageViewInterface
{
  GTypeInterface parent_iface;

  DlgStage (*get_stage) (DlgStageView *self);
  void     (*load)      (DlgStageView *self,
                         DlgContext   *context,
                         gint64        process_id);
  void     (*flush)     (DlgStageView *self);
  void     (*set_editable) (DlgStageView *self,
                            gboolean      editable);
};

DlgStage dlg_stage_view_get_stage (DlgStageView *self);
void     dlg_stage_view_load      (DlgStageView *self,
                                   DlgContext   *context,
                                   gint64        process_id);
void     dlg_stage_view_flush     (DlgStageView *self);
void     dlg_stage_view_set_editable (DlgStageView *self,
                                      gboolean      editable);
gboolean dlg_stage_view_get_editable (DlgStageView *self);

G_END_DECLS
