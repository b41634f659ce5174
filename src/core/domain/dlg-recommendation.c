/* dlg-recommendation.c — a recommendation of the citizens’ opinion, numbered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgRecommendation is a snapshot of its row (DlgRecord does the mechanics from the field
 * table): setters change the object only, dlg_recommendation_save() writes it in one
 * transaction with its journal entry, then emits DlgStore::changed::DlgRecommendation.
 */

#define G_LOG_DOMAIN "dlg-recommendation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-recommendation.h"
#include "dlg-stage-rules.h"

struct _DlgRecommendation
{
  DlgRecord parent_instance;

  gint64 number;
  char *title;
  char *body;
  char *created_at;
};

G_DEFINE_FINAL_TYPE (DlgRecommendation, dlg_recommendation, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgRecommendation, member)

static const DlgField fields[] = {
  { .column = "number", .property = "number", .kind = DLG_FIELD_INT64, .offset = F (number),
    .flags = DLG_FIELD_READ_ONLY, .label = N_("number"), .json_name = "number" },
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_JOURNALED, .label = N_("title"), .max_chars = 500,
    .empty = N_("A recommendation needs a title."), .json_name = "title" },
  { .column = "body", .property = "body", .kind = DLG_FIELD_TEXT, .offset = F (body),
    .flags = DLG_FIELD_JOURNALED, .label = N_("text"), .json_name = "body" },
  { .column = "created_at", .property = "created-at", .kind = DLG_FIELD_DATE,
    .offset = F (created_at),
    .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_INSERT_ONLY | DLG_FIELD_NULLABLE,
    .label = N_("created") },
};

#undef F

static const DlgRecordInfo info = {
  .name = "recommendation",
  .table = "recommendation",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "number, id",
  .journal_create = "recommendation.create",
  .journal_update = "recommendation.update",
  .journal_delete = "recommendation.delete",
  .not_found = N_("This recommendation does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST,
  .stage = "opinion",
};

static const char sql_next_number[] =
  "SELECT coalesce (max (number), 0) + 1 FROM recommendation WHERE process_id = ?1";
static const char sql_contribution_process[] =
  "SELECT process_id FROM contribution WHERE id = ?1";
static const char sql_link[] =
  "INSERT OR IGNORE INTO recommendation_source (recommendation_id, contribution_id)"
  " VALUES (?1, ?2)";
static const char sql_count_sources[] =
  "SELECT s.recommendation_id, count(*) FROM recommendation_source s"
  " JOIN recommendation r ON r.id = s.recommendation_id"
  " JOIN contribution c ON c.id = s.contribution_id"
  " WHERE r.process_id = ?1 GROUP BY s.recommendation_id";
static const char sql_unlink[] =
  "DELETE FROM recommendation_source WHERE recommendation_id = ?1 AND contribution_id = ?2";

/* A new recommendation takes the next number of its process, and is dated now. */
static gboolean
dlg_recommendation_before_write (DlgRecord        *record,
                                 DlgStore         *store,
                                 gint64            process_id,
                                 DlgRecordChange   change,
                                 GError          **error)
{
  DlgRecommendation *self = DLG_RECOMMENDATION (record);
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (change != DLG_RECORD_CREATE)
    return TRUE;
  if (!(stmt = dlg_store_prepare (store, sql_next_number, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  self->number = sqlite3_column_int64 (stmt, 0);
  g_free (self->created_at);
  self->created_at = dlg_now_iso8601 ();
  return TRUE;
}

static char *
dlg_recommendation_describe (DlgRecord        *record,
                             DlgStore         *store,
                             DlgRecordChange   change)
{
  DlgRecommendation *self = DLG_RECOMMENDATION (record);

  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup_printf (_("Recommendation added: “%s”."), self->title);
    case DLG_RECORD_UPDATE:
      return g_strdup_printf (_("Recommendation changed: “%s”."), self->title);
    case DLG_RECORD_DELETE:
      return g_strdup_printf (_("Recommendation deleted: “%s”."), self->title);
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_recommendation_class_init (DlgRecommendationClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->before_write = dlg_recommendation_before_write;
  record_class->describe = dlg_recommendation_describe;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_recommendation_init (DlgRecommendation *self)
{
}

/**
 * dlg_recommendation_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgRecommendation *
dlg_recommendation_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_RECOMMENDATION, process_id);
}

gint64
dlg_recommendation_get_id (DlgRecommendation *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_recommendation_get_uuid (DlgRecommendation *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_recommendation_get_process_id (DlgRecommendation *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

gint64
dlg_recommendation_get_number (DlgRecommendation *self)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), 0);
  return self->number;
}

const char *
dlg_recommendation_get_title (DlgRecommendation *self)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), NULL);
  return self->title;
}

const char *
dlg_recommendation_get_body (DlgRecommendation *self)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), NULL);
  return self->body;
}

const char *
dlg_recommendation_get_created_at (DlgRecommendation *self)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), NULL);
  return self->created_at;
}

void
dlg_recommendation_set_title (DlgRecommendation *self,
                              const char        *title)
{
  dlg_record_set_string (DLG_RECORD (self), "title", title);
}

void
dlg_recommendation_set_body (DlgRecommendation *self,
                             const char        *body)
{
  dlg_record_set_string (DLG_RECORD (self), "body", body);
}


/**
 * dlg_recommendation_save:
 *
 * Validates @recommendation and writes it: INSERT when its id is 0 (its id, uuid and number
 * are filled in), UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_recommendation_save (DlgStore           *store,
                         DlgRecommendation  *recommendation,
                         GError            **error)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (recommendation), FALSE);

  return dlg_record_save (DLG_RECORD (recommendation), store, error);
}

/**
 * dlg_recommendation_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgRecommendation *
dlg_recommendation_load (DlgStore  *store,
                         gint64     id,
                         GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_RECOMMENDATION, id, error);
}

/**
 * dlg_recommendation_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgRecommendation, in display order
 */
GListModel *
dlg_recommendation_list (DlgStore  *store,
                         gint64     process_id,
                         GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_RECOMMENDATION, process_id, NULL, NULL, error);
}

/**
 * dlg_recommendation_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_recommendation_delete (DlgStore  *store,
                           gint64     id,
                           GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_RECOMMENDATION, id, error);
}

static gboolean
change_link (DlgStore    *store,
             const char  *sql,
             gint64       recommendation_id,
             gint64       contribution_id,
             GError     **error)
{
  g_autoptr(DlgRecommendation) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  if (!(self = dlg_recommendation_load (store, recommendation_id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_contribution_process, contribution_id,
                                   _("The contribution does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_OPINION, error))
    return FALSE;
  if (process_id != dlg_record_get_process_id (DLG_RECORD (self)))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This contribution belongs to another process."));
      return FALSE;
    }
  if (!(stmt = dlg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recommendation_id);
  sqlite3_bind_int64 (stmt, 2, contribution_id);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_RECOMMENDATION_SOURCE, process_id);
  return TRUE;
}

G_DEFINE_POINTER_TYPE (DlgRecommendationSource, dlg_recommendation_source)

/**
 * dlg_recommendation_link_contribution:
 *
 * Records that the recommendation comes (in part) from a contribution of the same process.
 * Linking twice is harmless.
 */
gboolean
dlg_recommendation_link_contribution (DlgStore  *store,
                                      gint64     recommendation_id,
                                      gint64     contribution_id,
                                      GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return change_link (store, sql_link, recommendation_id, contribution_id, error);
}

gboolean
dlg_recommendation_unlink_contribution (DlgStore  *store,
                                        gint64     recommendation_id,
                                        gint64     contribution_id,
                                        GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return change_link (store, sql_unlink, recommendation_id, contribution_id, error);
}

/**
 * dlg_recommendation_list_sources:
 *
 * Returns: (transfer full): a #GListModel of #DlgContribution, newest first
 */
GListModel *
dlg_recommendation_list_sources (DlgStore  *store,
                                 gint64     recommendation_id,
                                 GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  return dlg_record_query (store, DLG_TYPE_CONTRIBUTION,
                           "t.id IN (SELECT contribution_id FROM recommendation_source"
                           " WHERE recommendation_id = ?1)",
                           g_variant_new ("(x)", recommendation_id), error);
}

/**
 * dlg_recommendation_count_sources:
 *
 * How many contributions each recommendation of the process comes from, in one statement (a
 * list shows it per row).
 *
 * Returns: (transfer full) (element-type gint64 guint): recommendation id (a #gint64 pointer)
 *   → the number of its sources (GUINT_TO_POINTER); one with none is absent; %NULL on error
 */
GHashTable *
dlg_recommendation_count_sources (DlgStore  *store,
                                  gint64     process_id,
                                  GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  return dlg_collect_counts (store, sql_count_sources, process_id, error);
}
