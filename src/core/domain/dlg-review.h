/* dlg-review.h — the departments’ review of one recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_REVIEW (dlg_review_get_type ())

G_DECLARE_FINAL_TYPE (DlgReview, dlg_review, DLG, REVIEW, DlgRecord)

DlgReview  *dlg_review_new                   (gint64 recommendation_id);

gint64      dlg_review_get_id                (DlgReview *self);
gint64      dlg_review_get_recommendation_id (DlgReview *self);
const char *dlg_review_get_department        (DlgReview *self);
const char *dlg_review_get_feasibility       (DlgReview *self);
const char *dlg_review_get_cost              (DlgReview *self);
const char *dlg_review_get_legal             (DlgReview *self);
const char *dlg_review_get_proposed_position (DlgReview *self);
const char *dlg_review_get_notes             (DlgReview *self);
const char *dlg_review_get_updated_at        (DlgReview *self);

void        dlg_review_set_department        (DlgReview  *self,
                                              const char *department);
void        dlg_review_set_feasibility       (DlgReview  *self,
                                              const char *feasibility);
void        dlg_review_set_cost              (DlgReview  *self,
                                              const char *cost);
void        dlg_review_set_legal             (DlgReview  *self,
                                              const char *legal);
void        dlg_review_set_proposed_position (DlgReview  *self,
                                              const char *proposed_position);
void        dlg_review_set_notes             (DlgReview  *self,
                                              const char *notes);

gboolean    dlg_review_save                  (DlgStore   *store,
                                              DlgReview  *review,
                                              GError    **error);
DlgReview  *dlg_review_load                  (DlgStore  *store,
                                              gint64     id,
                                              GError   **error);
DlgReview  *dlg_review_load_for              (DlgStore  *store,
                                              gint64     recommendation_id,
                                              GError   **error);
GListModel *dlg_review_list                  (DlgStore  *store,
                                              gint64     process_id,
                                              GError   **error);
gboolean    dlg_review_delete                (DlgStore  *store,
                                              gint64     id,
                                              GError   **error);

G_END_DECLS
