/* dlg-record-section-recommendations.h — a process's recommendations in a record section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-record-section.h"
#include "dlg-stage-view-base.h"

G_BEGIN_DECLS

/* What a view reads with the recommendations, for all of them at once: a GHashTable from the
 * recommendation id (gint64 *) to what a row shows of it (a count, a linked record); %NULL with
 * @error set. */
typedef GHashTable *(*DlgRecommendationsReadFunc) (DlgStore  *store,
                                                   gint64     process_id,
                                                   GError   **error);
/* Opens the view's dialog for @recommendation. */
typedef void (*DlgRecommendationEditFunc) (DlgStageViewBase  *view,
                                           DlgRecommendation *recommendation);

void         dlg_record_section_recommendations_class_setup (GtkWidgetClass  *widget_class,
                                                             const char      *resource,
                                                             glong            section_offset,
                                                             GCallback        activated);
void         dlg_record_section_show_recommendations (DlgRecordSection           *section,
                                                      DlgStageViewBase           *view,
                                                      DlgRecommendationsReadFunc  read);
gpointer     dlg_record_section_lookup_linked        (DlgRecordSection           *section,
                                                      gpointer                    recommendation);
void         dlg_record_section_edit_recommendation  (DlgStageViewBase           *view,
                                                      GObject                    *record,
                                                      DlgRecommendationEditFunc   edit);
GHashTable  *dlg_records_by_recommendation           (GListModel                 *records);

const char **dlg_position_choices                    (const char                 *none);
guint        dlg_position_choice_index               (const char                 *value);
const char  *dlg_position_choice_value               (guint                       index);

G_END_DECLS
