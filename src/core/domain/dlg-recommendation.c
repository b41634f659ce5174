/* dlg-recommendation.c — a recommendation of the citizens’ opinion, numbered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgRecommendation is a snapshot of its row: setters change the object only,
 * dlg_recommendation_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgRecommendation.
 */

#define G_LOG_DOMAIN "dlg-recommendation"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-recommendation.h"
#include "dlg-contribution.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgRecommendation
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  gint64 number;
  char *title;
  char *body;
  char *created_at;
};

G_DEFINE_FINAL_TYPE (DlgRecommendation, dlg_recommendation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_BODY,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.number, t.title, t.body, t.created_at FROM" \
  " recommendation t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY number, id";
static const char sql_insert[] =
  "INSERT INTO recommendation (uuid, process_id, number, title, body, created_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_update[] =
  "UPDATE recommendation SET number = ?2, title = ?3, body = ?4 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM recommendation WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_recommendation_finalize (GObject *object)
{
  DlgRecommendation *self = (DlgRecommendation *)object;

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->body);
  g_free (self->created_at);

  G_OBJECT_CLASS (dlg_recommendation_parent_class)->finalize (object);
}

static void
dlg_recommendation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DlgRecommendation *self = DLG_RECOMMENDATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, self->process_id);
      break;
    case PROP_NUMBER:
      g_value_set_int64 (value, self->number);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_recommendation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DlgRecommendation *self = DLG_RECOMMENDATION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      dlg_recommendation_set_title (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      dlg_recommendation_set_body (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_recommendation_class_init (DlgRecommendationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_recommendation_finalize;
  object_class->get_property = dlg_recommendation_get_property;
  object_class->set_property = dlg_recommendation_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NUMBER] =
    g_param_spec_int64 ("number", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", rw);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_recommendation_init (DlgRecommendation *self)
{
  self->title = g_strdup ("");
  self->body = g_strdup ("");
}

/**
 * dlg_recommendation_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgRecommendation *
dlg_recommendation_new (gint64 process_id)
{
  DlgRecommendation *self = g_object_new (DLG_TYPE_RECOMMENDATION, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_recommendation_get_id (DlgRecommendation *self)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), 0);

  return self->id;
}

const char *
dlg_recommendation_get_uuid (DlgRecommendation *self)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), NULL);

  return self->uuid;
}

gint64
dlg_recommendation_get_process_id (DlgRecommendation *self)
{
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), 0);

  return self->process_id;
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
  g_return_if_fail (DLG_IS_RECOMMENDATION (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlg_recommendation_set_body (DlgRecommendation *self,
                             const char        *body)
{
  g_return_if_fail (DLG_IS_RECOMMENDATION (self));

  if (body == NULL)
    body = "";
  if (g_strcmp0 (self->body, body) == 0)
    return;
  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgRecommendation *self,
          sqlite3_stmt      *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  self->number = sqlite3_column_int64 (stmt, col++);
  g_free (self->title);
  self->title = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->body);
  self->body = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->created_at);
  self->created_at = dlg_stmt_dup_text (stmt, col++);
}

static DlgRecommendation *
from_row (sqlite3_stmt *stmt)
{
  DlgRecommendation *self = g_object_new (DLG_TYPE_RECOMMENDATION, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgRecommendation *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgRecommendation *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This recommendation does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_next_number[] =
  "SELECT coalesce (max (number), 0) + 1 FROM recommendation WHERE process_id = ?1";
static const char sql_contribution_process[] =
  "SELECT process_id FROM contribution WHERE id = ?1";
static const char sql_link[] =
  "INSERT OR IGNORE INTO recommendation_source (recommendation_id, contribution_id)"
  " VALUES (?1, ?2)";
static const char sql_unlink[] =
  "DELETE FROM recommendation_source WHERE recommendation_id = ?1 AND contribution_id = ?2";

/* A new recommendation takes the next number of its process. */
static gboolean
before_write (DlgStore           *store,
              DlgRecommendation  *self,
              gint64              process_id,
              gboolean            inserting,
              GError            **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (!inserting)
    return TRUE;
  if (!(stmt = dlg_store_prepare (store, sql_next_number, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  self->number = sqlite3_column_int64 (stmt, 0);
  return TRUE;
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
  if (process_id != self->process_id)
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

static const char *
sources_sql (void)
{
  static char *sql = NULL;

  if (g_once_init_enter (&sql))
    {
      char *built = g_strconcat (dlg_contribution_get_select_sql (),
                                 " JOIN recommendation_source s ON s.contribution_id = t.id"
                                 " WHERE s.recommendation_id = ?1"
                                 " ORDER BY t.created_at DESC, t.id DESC", NULL);

      g_once_init_leave (&sql, built);
    }
  return sql;
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sources_sql (), error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recommendation_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_CONTRIBUTION,
                           (DlgRowFunc) dlg_contribution_new_from_row, error);
}

static gboolean
validate (DlgStore           *store,
          DlgRecommendation  *self,
          gint64              process_id,
          GError            **error)
{
  if (!dlg_check_text (self->title, TRUE, 500, _("title"), _("A recommendation needs a title."),
                       error))
    return FALSE;
  if (!dlg_check_text (self->body, FALSE, 0, _("text"), NULL, error))
    return FALSE;
  return TRUE;
}

/* What the journal follows of a recommendation (dlg_journal_note_changes). */
static const char * const journaled_properties[] = { "title", "body", NULL };

/**
 * dlg_recommendation_save:
 *
 * Validates @recommendation and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_recommendation_save (DlgStore           *store,
                         DlgRecommendation  *recommendation,
                         GError            **error)
{
  g_autoptr(DlgRecommendation) before = NULL;
  DlgRecommendation *self = recommendation;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_OPINION, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  before = inserting ? NULL : dlg_recommendation_load (store, self->id, NULL);
  if (!before_write (store, self, process_id, inserting, error))
    goto fail;
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      sqlite3_bind_int64 (stmt, 3, self->number);
      dlg_stmt_bind_text (stmt, 4, self->title);
      dlg_stmt_bind_text (stmt, 5, self->body);
      dlg_stmt_bind_text (stmt, 6, now);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      sqlite3_bind_int64 (stmt, 2, self->number);
      dlg_stmt_bind_text (stmt, 3, self->title);
      dlg_stmt_bind_text (stmt, 4, self->body);
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
  summary = g_strdup_printf (inserting ? _("Recommendation added: “%s”.")
                             : _("Recommendation changed: “%s”."), self->title);
  if (inserting
      ? !dlg_journal_append_full (store, process_id, "recommendation.create", "recommendation",
                                  self->uuid,
                                  "opinion", NULL, NULL, NULL, summary, error)
      : before != NULL
        && !dlg_journal_note_changes (store, process_id, "recommendation.update", "recommendation",
                                      self->uuid, "opinion", G_OBJECT (before),
                                      G_OBJECT (self), journaled_properties, summary,
                                      error))
    goto fail;
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
  dlg_store_emit_changed (store, DLG_TYPE_RECOMMENDATION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
fail_committed:
  if (inserting)
    {
      self->id = 0;
      g_clear_pointer (&self->uuid, g_free);
    }
  return FALSE;
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_load, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return load_one (store, stmt, error);
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_RECOMMENDATION, (DlgRowFunc) from_row, error);
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
  g_autoptr(DlgRecommendation) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_recommendation_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_OPINION, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  summary = g_strdup_printf (_("Recommendation deleted: “%s”."), self->title);
  if (!dlg_journal_append (store, process_id, "recommendation.delete", "recommendation", self->uuid,
                           summary, error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_RECOMMENDATION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
