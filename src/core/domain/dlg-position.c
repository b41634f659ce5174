/* dlg-position.c — the institution’s position on one recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgPosition is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_position_save() writes it in one transaction with its
 * journal entry and marks the response for the next push, then emits
 * DlgStore::changed::DlgPosition (and ::DlgResponse).
 */

#define G_LOG_DOMAIN "dlg-position"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-position.h"
#include "dlg-recommendation.h"
#include "dlg-response.h"

struct _DlgPosition
{
  DlgRecord parent_instance;

  gint64 recommendation_id;
  char *value;
  char *justification;
  char *updated_at;
};

G_DEFINE_FINAL_TYPE (DlgPosition, dlg_position, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgPosition, member)

static const DlgField fields[] = {
  { .column = "recommendation_id", .property = "recommendation-id", .kind = DLG_FIELD_INT64,
    .offset = F (recommendation_id), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("recommendation"), .reference = dlg_recommendation_get_type },
  { .column = "value", .property = "value", .kind = DLG_FIELD_ENUM, .offset = F (value),
    .flags = DLG_FIELD_NULLABLE | DLG_FIELD_JOURNALED | DLG_FIELD_PUBLISHED,
    .label = N_("position"), .vocabulary = &dlg_vocabulary_position,
    .invalid = N_("This position is unknown."), .json_name = "value" },
  { .column = "justification", .property = "justification", .kind = DLG_FIELD_TEXT,
    .offset = F (justification), .flags = DLG_FIELD_JOURNALED | DLG_FIELD_PUBLISHED,
    .label = N_("justification"), .json_name = "justification" },
  { .column = "updated_at", .property = "updated-at", .kind = DLG_FIELD_DATE,
    .offset = F (updated_at), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_NULLABLE,
    .label = N_("updated") },
};

#undef F

static const DlgRecordInfo info = {
  .name = "position",
  .table = "position",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  DLG_RECORD_UNDER_RECOMMENDATION,
  .journal_create = "position.create",
  .journal_update = "position.update",
  .journal_delete = "position.delete",
  .not_found = N_("This position does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST,
  .stage = "response",
};

static const char sql_number[] = "SELECT number FROM recommendation WHERE id = ?1";
static const char sql_commitments[] = "SELECT count(*) FROM commitment WHERE position_id = ?1";

/* The number of the recommendation, for the journal. */
static char *
journal_label (DlgStore    *store,
               DlgPosition *self)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_number, NULL);

  if (stmt == NULL)
    return g_strdup ("?");
  sqlite3_bind_int64 (stmt, 1, self->recommendation_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("?");
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
}

/* A position is dated by its last save; one that commitments come from stays. */
static gboolean
dlg_position_before_write (DlgRecord        *record,
                           DlgStore         *store,
                           gint64            process_id,
                           DlgRecordChange   change,
                           GError          **error)
{
  DlgPosition *self = DLG_POSITION (record);
  g_autoptr(DlgStmt) stmt = NULL;

  if (change != DLG_RECORD_DELETE)
    {
      g_free (self->updated_at);
      self->updated_at = dlg_now_iso8601 ();
      return TRUE;
    }
  if (!(stmt = dlg_store_prepare (store, sql_commitments, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dlg_record_get_id (record));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_RULE,
                           _("Commitments come from this position: delete them first."));
      return FALSE;
    }
  return dlg_response_touch (store, process_id, error);
}

/* A position is part of the published response. */
static gboolean
dlg_position_after_write (DlgRecord        *record,
                          DlgStore         *store,
                          gint64            process_id,
                          DlgRecordChange   change,
                          GError          **error)
{
  if (change == DLG_RECORD_DELETE)
    return TRUE;
  return dlg_response_touch (store, process_id, error);
}

static char *
dlg_position_describe (DlgRecord        *record,
                       DlgStore         *store,
                       DlgRecordChange   change)
{
  g_autofree char *label = journal_label (store, DLG_POSITION (record));

  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup_printf (_("Position taken on recommendation %s."), label);
    case DLG_RECORD_UPDATE:
      return g_strdup_printf (_("Position changed on recommendation %s."), label);
    case DLG_RECORD_DELETE:
      return g_strdup_printf (_("Position withdrawn on recommendation %s."), label);
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_position_emit_changed (DlgRecord       *record,
                           DlgStore        *store,
                           gint64           process_id,
                           DlgRecordChange  change)
{
  dlg_store_emit_changed (store, DLG_TYPE_POSITION, process_id);
  if (change != DLG_RECORD_DELETE)
    dlg_store_emit_changed (store, DLG_TYPE_RESPONSE, process_id);
}

static void
dlg_position_class_init (DlgPositionClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->before_write = dlg_position_before_write;
  record_class->after_write = dlg_position_after_write;
  record_class->describe = dlg_position_describe;
  record_class->emit_changed = dlg_position_emit_changed;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_position_init (DlgPosition *self)
{
}

/**
 * dlg_position_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgPosition *
dlg_position_new (gint64 recommendation_id)
{
  DlgPosition *self = dlg_record_new (DLG_TYPE_POSITION, 0);

  self->recommendation_id = recommendation_id;
  return self;
}

gint64
dlg_position_get_id (DlgPosition *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_position_get_uuid (DlgPosition *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_position_get_recommendation_id (DlgPosition *self)
{
  g_return_val_if_fail (DLG_IS_POSITION (self), 0);
  return self->recommendation_id;
}

const char *
dlg_position_get_value (DlgPosition *self)
{
  g_return_val_if_fail (DLG_IS_POSITION (self), NULL);
  return self->value;
}

const char *
dlg_position_get_justification (DlgPosition *self)
{
  g_return_val_if_fail (DLG_IS_POSITION (self), NULL);
  return self->justification;
}

const char *
dlg_position_get_updated_at (DlgPosition *self)
{
  g_return_val_if_fail (DLG_IS_POSITION (self), NULL);
  return self->updated_at;
}

void
dlg_position_set_value (DlgPosition *self,
                        const char  *value)
{
  dlg_record_set_string (DLG_RECORD (self), "value", value);
}

void
dlg_position_set_justification (DlgPosition *self,
                                const char  *justification)
{
  dlg_record_set_string (DLG_RECORD (self), "justification", justification);
}

/* The ids of dlg_vocabulary_position, NULL-terminated. */
const char * const *
dlg_position_values (void)
{
  static gsize values = 0;

  if (g_once_init_enter (&values))
    {
      guint n = dlg_vocabulary_get_n_entries (&dlg_vocabulary_position);
      const char **ids = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        ids[i] = dlg_vocabulary_get_id (&dlg_vocabulary_position, i);
      g_once_init_leave (&values, (gsize) ids);
    }
  return (const char * const *) values;
}

/**
 * dlg_position_value_get_label:
 * @value: one of dlg_position_values()
 *
 * Returns: the translated label, or %NULL for an unknown value
 */
const char *
dlg_position_value_get_label (const char *value)
{
  return dlg_vocabulary_find_label (&dlg_vocabulary_position, value);
}

/**
 * dlg_position_save:
 *
 * Validates @position and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_position_save (DlgStore     *store,
                   DlgPosition  *position,
                   GError      **error)
{
  g_return_val_if_fail (DLG_IS_POSITION (position), FALSE);

  return dlg_record_save (DLG_RECORD (position), store, error);
}

/**
 * dlg_position_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgPosition *
dlg_position_load (DlgStore  *store,
                   gint64     id,
                   GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_POSITION, id, error);
}

/**
 * dlg_position_load_for:
 *
 * Returns: (transfer full): the position on @recommendation_id, a new one when there is none
 *   yet, or %NULL with %DLG_ERROR_NOT_FOUND when the recommendation does not exist
 */
DlgPosition *
dlg_position_load_for (DlgStore  *store,
                       gint64     recommendation_id,
                       GError   **error)
{
  GError *local_error = NULL;
  DlgPosition *self;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_lookup_process (store, info.process_sql, recommendation_id,
                          _("The recommendation does not exist."), error) == 0)
    return NULL;
  self = dlg_record_query_first (store, DLG_TYPE_POSITION, "t.recommendation_id = ?1",
                                 g_variant_new ("(x)", recommendation_id), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return self != NULL ? self : dlg_position_new (recommendation_id);
}

/**
 * dlg_position_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgPosition, in recommendation order
 */
GListModel *
dlg_position_list (DlgStore  *store,
                   gint64     process_id,
                   GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_POSITION, process_id, NULL, NULL, error);
}

/**
 * dlg_position_delete:
 *
 * Deletes the object and journals it; refused while commitments come from it.
 */
gboolean
dlg_position_delete (DlgStore  *store,
                     gint64     id,
                     GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_POSITION, id, error);
}
