/* dlg-recommendation.h — a recommendation of the citizens’ opinion, numbered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_RECOMMENDATION (dlg_recommendation_get_type ())

G_DECLARE_FINAL_TYPE (DlgRecommendation, dlg_recommendation, DLG, RECOMMENDATION, DlgRecord)

DlgRecommendation *dlg_recommendation_new            (gint64 process_id);

gint64             dlg_recommendation_get_id         (DlgRecommendation *self);
const char        *dlg_recommendation_get_uuid       (DlgRecommendation *self);
gint64             dlg_recommendation_get_process_id (DlgRecommendation *self);
gint64             dlg_recommendation_get_number     (DlgRecommendation *self);
const char        *dlg_recommendation_get_title      (DlgRecommendation *self);
const char        *dlg_recommendation_get_body       (DlgRecommendation *self);
const char        *dlg_recommendation_get_created_at (DlgRecommendation *self);

void               dlg_recommendation_set_title      (DlgRecommendation *self,
                                                      const char        *title);
void               dlg_recommendation_set_body       (DlgRecommendation *self,
                                                      const char        *body);

gboolean           dlg_recommendation_save           (DlgStore           *store,
                                                      DlgRecommendation  *recommendation,
                                                      GError            **error);
DlgRecommendation *dlg_recommendation_load           (DlgStore  *store,
                                                      gint64     id,
                                                      GError   **error);
GListModel        *dlg_recommendation_list           (DlgStore  *store,
                                                      gint64     process_id,
                                                      GError   **error);
gboolean           dlg_recommendation_delete         (DlgStore  *store,
                                                      gint64     id,
                                                      GError   **error);

/* The type DlgStore::changed carries when the sources of a recommendation change. */
#define DLG_TYPE_RECOMMENDATION_SOURCE (dlg_recommendation_source_get_type ())
GType       dlg_recommendation_source_get_type     (void) G_GNUC_CONST;
gboolean    dlg_recommendation_link_contribution   (DlgStore    *store,
                                                    gint64       recommendation_id,
                                                    gint64       contribution_id,
                                                    GError     **error);
gboolean    dlg_recommendation_unlink_contribution (DlgStore    *store,
                                                    gint64       recommendation_id,
                                                    gint64       contribution_id,
                                                    GError     **error);
/* A GListModel of DlgContribution: the contributions this recommendation comes from. */
GListModel *dlg_recommendation_list_sources        (DlgStore    *store,
                                                    gint64       recommendation_id,
                                                    GError     **error);
/* Recommendation id (gint64 *) → how many sources (GUINT_TO_POINTER), one statement. */
GHashTable *dlg_recommendation_count_sources       (DlgStore    *store,
                                                    gint64       process_id,
                                                    GError     **error);

G_END_DECLS
