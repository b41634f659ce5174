/* dlg-communication-timeline.h — the communication plan against the stage dates, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-core.h"

G_BEGIN_DECLS

#define DLG_TYPE_COMMUNICATION_TIMELINE (dlg_communication_timeline_get_type ())

G_DECLARE_FINAL_TYPE (DlgCommunicationTimeline, dlg_communication_timeline, DLG,
                      COMMUNICATION_TIMELINE, GtkDrawingArea)

GtkWidget *dlg_communication_timeline_new         (void);
void       dlg_communication_timeline_set_plan    (DlgCommunicationTimeline *self,
                                                   GListModel               *stage_infos,
                                                   GListModel               *items,
                                                   GDateTime                *today);
guint      dlg_communication_timeline_get_n_lanes (DlgCommunicationTimeline *self);
guint      dlg_communication_timeline_get_n_shown (DlgCommunicationTimeline *self);
char      *dlg_communication_timeline_dup_summary (DlgCommunicationTimeline *self);

G_END_DECLS
