/* dlg-review.c — the departments’ review of one recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgReview is a snapshot of its row: setters change the object only,
 * dlg_review_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgReview.
 */

#define G_LOG_DOMAIN "dlg-review"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-review.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgReview
{
  GObject parent_instance;

  gint64 id;
  gint64 recommendation_id;
  char *department;
  char *feasibility;
  char *cost;
  char *legal;
  char *proposed_position;
  char *notes;
  char *updated_at;
};

G_DEFINE_FINAL_TYPE (DlgReview, dlg_review, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_RECOMMENDATION_ID,
  PROP_DEPARTMENT,
  PROP_FEASIBILITY,
  PROP_COST,
  PROP_LEGAL,
  PROP_PROPOSED_POSITION,
  PROP_NOTES,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.recommendation_id, t.department, t.feasibility, t.cost, t.legal," \
  " t.proposed_position, t.notes, t.updated_at FROM review t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_load_for[] = SQL_SELECT " WHERE t.recommendation_id = ?1";
static const char sql_list[] =
  SQL_SELECT " JOIN recommendation r ON r.id = t.recommendation_id WHERE r.process_id = ?1"
  " ORDER BY r.number, t.id";
static const char sql_insert[] =
  "INSERT INTO review (recommendation_id, department, feasibility, cost, legal,"
  " proposed_position, notes, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_update[] =
  "UPDATE review SET department = ?2, feasibility = ?3, cost = ?4, legal = ?5,"
  " proposed_position = ?6, notes = ?7, updated_at = ?8 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM review WHERE id = ?1";
static const char sql_parent[] = "SELECT process_id FROM recommendation WHERE id = ?1";

static void
dlg_review_finalize (GObject *object)
{
  DlgReview *self = (DlgReview *)object;

  g_free (self->department);
  g_free (self->feasibility);
  g_free (self->cost);
  g_free (self->legal);
  g_free (self->proposed_position);
  g_free (self->notes);
  g_free (self->updated_at);

  G_OBJECT_CLASS (dlg_review_parent_class)->finalize (object);
}

static void
dlg_review_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DlgReview *self = DLG_REVIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_RECOMMENDATION_ID:
      g_value_set_int64 (value, self->recommendation_id);
      break;
    case PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case PROP_FEASIBILITY:
      g_value_set_string (value, self->feasibility);
      break;
    case PROP_COST:
      g_value_set_string (value, self->cost);
      break;
    case PROP_LEGAL:
      g_value_set_string (value, self->legal);
      break;
    case PROP_PROPOSED_POSITION:
      g_value_set_string (value, self->proposed_position);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_review_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DlgReview *self = DLG_REVIEW (object);

  switch (prop_id)
    {
    case PROP_DEPARTMENT:
      dlg_review_set_department (self, g_value_get_string (value));
      break;
    case PROP_FEASIBILITY:
      dlg_review_set_feasibility (self, g_value_get_string (value));
      break;
    case PROP_COST:
      dlg_review_set_cost (self, g_value_get_string (value));
      break;
    case PROP_LEGAL:
      dlg_review_set_legal (self, g_value_get_string (value));
      break;
    case PROP_PROPOSED_POSITION:
      dlg_review_set_proposed_position (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      dlg_review_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_review_class_init (DlgReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_review_finalize;
  object_class->get_property = dlg_review_get_property;
  object_class->set_property = dlg_review_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_RECOMMENDATION_ID] =
    g_param_spec_int64 ("recommendation-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, "", rw);
  properties[PROP_FEASIBILITY] = g_param_spec_string ("feasibility", NULL, NULL, "", rw);
  properties[PROP_COST] = g_param_spec_string ("cost", NULL, NULL, "", rw);
  properties[PROP_LEGAL] = g_param_spec_string ("legal", NULL, NULL, "", rw);
  properties[PROP_PROPOSED_POSITION] =
    g_param_spec_string ("proposed-position", NULL, NULL, NULL, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_review_init (DlgReview *self)
{
  self->department = g_strdup ("");
  self->feasibility = g_strdup ("");
  self->cost = g_strdup ("");
  self->legal = g_strdup ("");
  self->notes = g_strdup ("");
}

/**
 * dlg_review_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgReview *
dlg_review_new (gint64 recommendation_id)
{
  DlgReview *self = g_object_new (DLG_TYPE_REVIEW, NULL);

  self->recommendation_id = recommendation_id;
  return self;
}

gint64
dlg_review_get_id (DlgReview *self)
{
  g_return_val_if_fail (DLG_IS_REVIEW (self), 0);

  return self->id;
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
  g_return_if_fail (DLG_IS_REVIEW (self));

  if (department == NULL)
    department = "";
  if (g_strcmp0 (self->department, department) == 0)
    return;
  g_free (self->department);
  self->department = g_strdup (department);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT]);
}

void
dlg_review_set_feasibility (DlgReview  *self,
                            const char *feasibility)
{
  g_return_if_fail (DLG_IS_REVIEW (self));

  if (feasibility == NULL)
    feasibility = "";
  if (g_strcmp0 (self->feasibility, feasibility) == 0)
    return;
  g_free (self->feasibility);
  self->feasibility = g_strdup (feasibility);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEASIBILITY]);
}

void
dlg_review_set_cost (DlgReview  *self,
                     const char *cost)
{
  g_return_if_fail (DLG_IS_REVIEW (self));

  if (cost == NULL)
    cost = "";
  if (g_strcmp0 (self->cost, cost) == 0)
    return;
  g_free (self->cost);
  self->cost = g_strdup (cost);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
}

void
dlg_review_set_legal (DlgReview  *self,
                      const char *legal)
{
  g_return_if_fail (DLG_IS_REVIEW (self));

  if (legal == NULL)
    legal = "";
  if (g_strcmp0 (self->legal, legal) == 0)
    return;
  g_free (self->legal);
  self->legal = g_strdup (legal);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGAL]);
}

void
dlg_review_set_proposed_position (DlgReview  *self,
                                  const char *proposed_position)
{
  g_return_if_fail (DLG_IS_REVIEW (self));

  if (g_strcmp0 (self->proposed_position, proposed_position) == 0)
    return;
  g_free (self->proposed_position);
  self->proposed_position = g_strdup (proposed_position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROPOSED_POSITION]);
}

void
dlg_review_set_notes (DlgReview  *self,
                      const char *notes)
{
  g_return_if_fail (DLG_IS_REVIEW (self));

  if (notes == NULL)
    notes = "";
  if (g_strcmp0 (self->notes, notes) == 0)
    return;
  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgReview    *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  self->recommendation_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->department);
  self->department = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->feasibility);
  self->feasibility = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->cost);
  self->cost = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->legal);
  self->legal = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->proposed_position);
  self->proposed_position = dlg_stmt_dup_text (stmt, col++);
  g_free (self->notes);
  self->notes = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->updated_at);
  self->updated_at = dlg_stmt_dup_text (stmt, col++);
}

static DlgReview *
from_row (sqlite3_stmt *stmt)
{
  DlgReview *self = g_object_new (DLG_TYPE_REVIEW, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgReview *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgReview *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This review does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static gboolean
validate (DlgStore   *store,
          DlgReview  *self,
          gint64      process_id,
          GError    **error)
{
  if (!dlg_check_text (self->department, FALSE, 500, _("department"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->feasibility, FALSE, 0, _("feasibility"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->cost, FALSE, 0, _("cost"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->legal, FALSE, 0, _("legal"), NULL, error))
    return FALSE;
  if (!dlg_check_enum (self->proposed_position, &dlg_vocabulary_proposed_position, TRUE,
                       _("This position is unknown."), error))
    return FALSE;
  if (!dlg_check_text (self->notes, FALSE, 0, _("notes"), NULL, error))
    return FALSE;
  return TRUE;
}

/**
 * dlg_review_save:
 *
 * Validates @review and writes it: INSERT when its id is 0 (its id are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_review_save (DlgStore   *store,
                 DlgReview  *review,
                 GError    **error)
{
  DlgReview *self = review;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_REVIEW (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->recommendation_id,
                                   _("The recommendation does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_REVIEW, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (inserting)
    {
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->recommendation_id);
      dlg_stmt_bind_text (stmt, 2, self->department);
      dlg_stmt_bind_text (stmt, 3, self->feasibility);
      dlg_stmt_bind_text (stmt, 4, self->cost);
      dlg_stmt_bind_text (stmt, 5, self->legal);
      dlg_stmt_bind_text (stmt, 6, self->proposed_position);
      dlg_stmt_bind_text (stmt, 7, self->notes);
      dlg_stmt_bind_text (stmt, 8, now);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->department);
      dlg_stmt_bind_text (stmt, 3, self->feasibility);
      dlg_stmt_bind_text (stmt, 4, self->cost);
      dlg_stmt_bind_text (stmt, 5, self->legal);
      dlg_stmt_bind_text (stmt, 6, self->proposed_position);
      dlg_stmt_bind_text (stmt, 7, self->notes);
      dlg_stmt_bind_text (stmt, 8, now);
    }
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (inserting)
    self->id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  else if (sqlite3_changes (dlg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This item was deleted meanwhile: nothing was saved."));
      goto fail;
    }
  if (!(reload = dlg_store_prepare (store, sql_load, error)))
    goto fail;
  sqlite3_bind_int64 (reload, 1, self->id);
  if (sqlite3_step (reload) != SQLITE_ROW)
    {
      dlg_store_set_error (store, sqlite3_errcode (dlg_store_get_db (store)), error);
      goto fail;
    }
  read_row (self, reload);
  if (!dlg_store_commit (store, error))
    goto fail_committed;
  notify_all (self);
  dlg_store_emit_changed (store, DLG_TYPE_REVIEW, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
fail_committed:
  if (inserting)
    {
      self->id = 0;
    }
  return FALSE;
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_load, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return load_one (store, stmt, error);
}

/**
 * dlg_review_load_for:
 *
 * Returns: (transfer full): the saved object of this recommendation, or a new unsaved one;
 *   %NULL with %DLG_ERROR_NOT_FOUND when the parent does not exist
 */
DlgReview *
dlg_review_load_for (DlgStore  *store,
                     gint64     recommendation_id,
                     GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_lookup_process (store, sql_parent, recommendation_id,
                          _("The recommendation does not exist."),
                          error) == 0)
    return NULL;
  if (!(stmt = dlg_store_prepare (store, sql_load_for, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recommendation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    return dlg_review_new (recommendation_id);
  dlg_store_set_error (store, rc, error);
  return NULL;
}

/**
 * dlg_review_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgReview, in display order
 */
GListModel *
dlg_review_list (DlgStore  *store,
                 gint64     process_id,
                 GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_REVIEW, (DlgRowFunc) from_row, error);
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
  g_autoptr(DlgReview) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_review_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->recommendation_id,
                                   _("The recommendation does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_REVIEW, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_REVIEW, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
