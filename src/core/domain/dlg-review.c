/* dlg-review.c — the departments’ review of one recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgReview is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_review_save() writes it in one transaction, then
 * emits DlgStore::changed::DlgReview.
 */

#define G_LOG_DOMAIN "dlg-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-recommendation.h"
#include "dlg-review.h"

struct _DlgReview
{
  DlgRecord parent_instance;

  gint64 recommendation_id;
  char *department;
  char *feasibility;
  char *cost;
  char *legal;
  char *proposed_position;
  char *notes;
  char *updated_at;
};

G_DEFINE_FINAL_TYPE (DlgReview, dlg_review, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgReview, member)

static const DlgField fields[] = {
  { .column = "recommendation_id", .property = "recommendation-id", .kind = DLG_FIELD_INT64,
    .offset = F (recommendation_id), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("recommendation"), .reference = dlg_recommendation_get_type },
  { .column = "department", .property = "department", .kind = DLG_FIELD_STRING,
    .offset = F (department), .label = N_("department"), .max_chars = 500 },
  { .column = "feasibility", .property = "feasibility", .kind = DLG_FIELD_TEXT,
    .offset = F (feasibility), .label = N_("feasibility") },
  { .column = "cost", .property = "cost", .kind = DLG_FIELD_TEXT, .offset = F (cost),
    .label = N_("cost") },
  { .column = "legal", .property = "legal", .kind = DLG_FIELD_TEXT, .offset = F (legal),
    .label = N_("legal") },
  { .column = "proposed_position", .property = "proposed-position", .kind = DLG_FIELD_ENUM,
    .offset = F (proposed_position), .flags = DLG_FIELD_NULLABLE,
    .label = N_("proposed position"), .vocabulary = &dlg_vocabulary_proposed_position,
    .invalid = N_("This position is unknown.") },
  { .column = "notes", .property = "notes", .kind = DLG_FIELD_TEXT, .offset = F (notes),
    .label = N_("notes") },
  { .column = "updated_at", .property = "updated-at", .kind = DLG_FIELD_DATE,
    .offset = F (updated_at), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_NULLABLE,
    .label = N_("updated") },
};

#undef F

/* Not journaled: internal advice of departments (HACKING.md, the journal policy). */
static const DlgRecordInfo info = {
  .name = "review",
  .table = "review",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  DLG_RECORD_UNDER_RECOMMENDATION,
  .not_found = N_("This review does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_NO_UUID | DLG_RECORD_EDITABLE_FIRST,
  .stage = "review",
};

/* A review is dated by its last save. */
static gboolean
dlg_review_before_write (DlgRecord        *record,
                         DlgStore         *store,
                         gint64            process_id,
                         DlgRecordChange   change,
                         GError          **error)
{
  DlgReview *self = DLG_REVIEW (record);

  if (change != DLG_RECORD_DELETE)
    {
      g_free (self->updated_at);
      self->updated_at = dlg_now_iso8601 ();
    }
  return TRUE;
}

static void
dlg_review_class_init (DlgReviewClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->before_write = dlg_review_before_write;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_review_init (DlgReview *self)
{
}

/**
 * dlg_review_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgReview *
dlg_review_new (gint64 recommendation_id)
{
  DlgReview *self = dlg_record_new (DLG_TYPE_REVIEW, 0);

  self->recommendation_id = recommendation_id;
  return self;
}

gint64
dlg_review_get_id (DlgReview *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

gint64
dlg_review_get_recommendation_id (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), 0);
  return self->recommendation_id;
}

const char *
dlg_review_get_department (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), NULL);
  return self->department;
}

const char *
dlg_review_get_feasibility (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), NULL);
  return self->feasibility;
}

const char *
dlg_review_get_cost (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), NULL);
  return self->cost;
}

const char *
dlg_review_get_legal (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), NULL);
  return self->legal;
}

const char *
dlg_review_get_proposed_position (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), NULL);
  return self->proposed_position;
}

const char *
dlg_review_get_notes (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), NULL);
  return self->notes;
}

const char *
dlg_review_get_updated_at (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), NULL);
  return self->updated_at;
}

void
dlg_review_set_department (DlgReview  *self,
                           const char *department)
{
  dlg_record_set_string (DLG_RECORD (self), "department", department);
}

void
dlg_review_set_feasibility (DlgReview  *self,
                            const char *feasibility)
{
  dlg_record_set_string (DLG_RECORD (self), "feasibility", feasibility);
}

void
dlg_review_set_cost (DlgReview  *self,
                     const char *cost)
{
  dlg_record_set_string (DLG_RECORD (self), "cost", cost);
}

void
dlg_review_set_legal (DlgReview  *self,
                      const char *legal)
{
  dlg_record_set_string (DLG_RECORD (self), "legal", legal);
}

void
dlg_review_set_proposed_position (DlgReview  *self,
                                  const char *proposed_position)
{
  dlg_record_set_string (DLG_RECORD (self), "proposed-position", proposed_position);
}

void
dlg_review_set_notes (DlgReview  *self,
                      const char *notes)
{
  dlg_record_set_string (DLG_RECORD (self), "notes", notes);
}


/**
 * dlg_review_save:
 *
 * Validates @review and writes it: INSERT when its id is 0 (its id is filled in), UPDATE
 * otherwise. On success the object holds the saved row.
 */
gboolean
dlg_review_save (DlgStore   *store,
                 DlgReview  *review,
                 GError    **error)
{
  g_return_val_if_fail (DLG_IS_REVIEW (review), FALSE);

  return dlg_record_save (DLG_RECORD (review), store, error);
}

/**
 * dlg_review_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgReview *
dlg_review_load (DlgStore  *store,
                 gint64     id,
                 GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_REVIEW, id, error);
}

/**
 * dlg_review_load_for:
 *
 * Returns: (transfer full): the review of @recommendation_id, a new one when there is none
 *   yet, or %NULL with %DLG_ERROR_NOT_FOUND when the recommendation does not exist
 */
DlgReview *
dlg_review_load_for (DlgStore  *store,
                     gint64     recommendation_id,
                     GError   **error)
{
  GError *local_error = NULL;
  DlgReview *self;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_lookup_process (store, info.process_sql, recommendation_id,
                          _("The recommendation does not exist."), error) == 0)
    return NULL;
  self = dlg_record_query_first (store, DLG_TYPE_REVIEW, "t.recommendation_id = ?1",
                                 g_variant_new ("(x)", recommendation_id), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return self != NULL ? self : dlg_review_new (recommendation_id);
}

/**
 * dlg_review_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgReview, in recommendation order
 */
GListModel *
dlg_review_list (DlgStore  *store,
                 gint64     process_id,
                 GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_REVIEW, process_id, NULL, NULL, error);
}

/**
 * dlg_review_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_review_delete (DlgStore  *store,
                   gint64     id,
                   GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_REVIEW, id, error);
}
