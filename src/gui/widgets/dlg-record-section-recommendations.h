/* dlg-record-section-recommendations.h — a process's recommendations in a record section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-record-section.h"

G_BEGIN_DECLS

/* What a view reads with the recommendations, for all of them at once: a GHashTable from the
 * recommendation id (gint64 *) to what a row shows of it (a count, a linked record); %NULL with
 * @error set. */
typedef GHashTable *(*DlgRecommendationsReadFunc) (DlgStore  *store,
                                                   gint64     process_id,
                                                   GError   **error);

void         dlg_record_section_show_recommendations (DlgRecordSection           *section,
                                                      DlgStore                   *store,
                                                      gint64                      process_id,
                                                      DlgRecommendationsReadFunc  read,
                                                      GHashTable                **linked);
GHashTable  *dlg_records_by_recommendation           (GListModel                 *records);

const char **dlg_position_choices                    (const char                 *none);
guint        dlg_position_choice_index               (const char                 *value);
const char  *dlg_position_choice_value               (guint                       index);

G_END_DECLS
