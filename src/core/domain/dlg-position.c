/* dlg-position.c — the institution’s position on one recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgPosition is a snapshot of its row: setters change the object only,
 * dlg_position_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgPosition.
 */

#define G_LOG_DOMAIN "dlg-position"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-position.h"
#include "dlg-response.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgPosition
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 recommendation_id;
  char *value;
  char *justification;
  char *updated_at;
};

G_DEFINE_FINAL_TYPE (DlgPosition, dlg_position, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_RECOMMENDATION_ID,
  PROP_VALUE,
  PROP_JUSTIFICATION,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.recommendation_id, t.value, t.justification, t.updated_at" \
  " FROM position t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_load_for[] = SQL_SELECT " WHERE t.recommendation_id = ?1";
static const char sql_list[] =
  SQL_SELECT " JOIN recommendation r ON r.id = t.recommendation_id WHERE r.process_id = ?1"
  " ORDER BY r.number, t.id";
static const char sql_insert[] =
  "INSERT INTO position (uuid, recommendation_id, value, justification, updated_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_update[] =
  "UPDATE position SET value = ?2, justification = ?3, updated_at = ?4 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM position WHERE id = ?1";
static const char sql_parent[] = "SELECT process_id FROM recommendation WHERE id = ?1";

static void
dlg_position_finalize (GObject *object)
{
  DlgPosition *self = (DlgPosition *)object;

  g_free (self->uuid);
  g_free (self->value);
  g_free (self->justification);
  g_free (self->updated_at);

  G_OBJECT_CLASS (dlg_position_parent_class)->finalize (object);
}

static void
dlg_position_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DlgPosition *self = DLG_POSITION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_RECOMMENDATION_ID:
      g_value_set_int64 (value, self->recommendation_id);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_JUSTIFICATION:
      g_value_set_string (value, self->justification);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_position_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DlgPosition *self = DLG_POSITION (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      dlg_position_set_value (self, g_value_get_string (value));
      break;
    case PROP_JUSTIFICATION:
      dlg_position_set_justification (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_position_class_init (DlgPositionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_position_finalize;
  object_class->get_property = dlg_position_get_property;
  object_class->set_property = dlg_position_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_RECOMMENDATION_ID] =
    g_param_spec_int64 ("recommendation-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, rw);
  properties[PROP_JUSTIFICATION] = g_param_spec_string ("justification", NULL, NULL, "", rw);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_position_init (DlgPosition *self)
{
  self->justification = g_strdup ("");
}

/**
 * dlg_position_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgPosition *
dlg_position_new (gint64 recommendation_id)
{
  DlgPosition *self = g_object_new (DLG_TYPE_POSITION, NULL);

  self->recommendation_id = recommendation_id;
  return self;
}

gint64
dlg_position_get_id (DlgPosition *self)
{
  g_return_val_if_fail (DLG_IS_POSITION (self), 0);

  return self->id;
}

const char *
dlg_position_get_uuid (DlgPosition *self)
{
  g_return_val_if_fail (DLG_IS_POSITION (self), NULL);

  return self->uuid;
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
  g_return_if_fail (DLG_IS_POSITION (self));

  if (g_strcmp0 (self->value, value) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
dlg_position_set_justification (DlgPosition *self,
                                const char  *justification)
{
  g_return_if_fail (DLG_IS_POSITION (self));

  if (justification == NULL)
    justification = "";
  if (g_strcmp0 (self->justification, justification) == 0)
    return;
  g_free (self->justification);
  self->justification = g_strdup (justification);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JUSTIFICATION]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgPosition  *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->recommendation_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->value);
  self->value = dlg_stmt_dup_text (stmt, col++);
  g_free (self->justification);
  self->justification = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->updated_at);
  self->updated_at = dlg_stmt_dup_text (stmt, col++);
}

static DlgPosition *
from_row (sqlite3_stmt *stmt)
{
  DlgPosition *self = g_object_new (DLG_TYPE_POSITION, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgPosition *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgPosition *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This position does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_number[] = "SELECT number FROM recommendation WHERE id = ?1";
static const char sql_commitments[] = "SELECT count(*) FROM commitment WHERE position_id = ?1";

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

/* A position is part of the published response. */
static gboolean
after_write (DlgStore     *store,
             DlgPosition  *self,
             gint64        process_id,
             gboolean      inserted,
             GError      **error)
{
  return dlg_response_touch (store, process_id, error);
}

static gboolean
before_delete (DlgStore     *store,
               DlgPosition  *self,
               gint64        process_id,
               GError      **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  if (!(stmt = dlg_store_prepare (store, sql_commitments, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_RULE,
                           _("Commitments come from this position: delete them first."));
      return FALSE;
    }
  return dlg_response_touch (store, process_id, error);
}

static gboolean
validate (DlgStore     *store,
          DlgPosition  *self,
          gint64        process_id,
          GError      **error)
{
  if (!dlg_check_enum (self->value, &dlg_vocabulary_position, TRUE, _("This position is unknown."),
                       error))
    return FALSE;
  if (!dlg_check_text (self->justification, FALSE, 0, _("justification"), NULL, error))
    return FALSE;
  return TRUE;
}

/* What the journal follows of a position (dlg_journal_note_changes). */
static const char * const journaled_properties[] = { "value", "justification", NULL };

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
  g_autoptr(DlgPosition) before = NULL;
  DlgPosition *self = position;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_POSITION (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->recommendation_id,
                                   _("The recommendation does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RESPONSE, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  before = inserting ? NULL : dlg_position_load (store, self->id, NULL);
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->recommendation_id);
      dlg_stmt_bind_text (stmt, 3, self->value);
      dlg_stmt_bind_text (stmt, 4, self->justification);
      dlg_stmt_bind_text (stmt, 5, now);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->value);
      dlg_stmt_bind_text (stmt, 3, self->justification);
      dlg_stmt_bind_text (stmt, 4, now);
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
  if (!after_write (store, self, process_id, inserting, error))
    goto fail;
  label = journal_label (store, self);
  summary = g_strdup_printf (inserting ? _("Position taken on recommendation %s.")
                             : _("Position changed on recommendation %s."), label);
  if (inserting
      ? !dlg_journal_append_full (store, process_id, "position.create", "position", self->uuid,
                                  "response", NULL, NULL, NULL, summary, error)
      : before != NULL
        && !dlg_journal_note_changes (store, process_id, "position.update", "position",
                                      self->uuid, "response", G_OBJECT (before),
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
  dlg_store_emit_changed (store, DLG_TYPE_POSITION, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_RESPONSE, process_id);
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
 * dlg_position_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgPosition *
dlg_position_load (DlgStore  *store,
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
 * dlg_position_load_for:
 *
 * Returns: (transfer full): the saved object of this recommendation, or a new unsaved one;
 *   %NULL with %DLG_ERROR_NOT_FOUND when the parent does not exist
 */
DlgPosition *
dlg_position_load_for (DlgStore  *store,
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
    return dlg_position_new (recommendation_id);
  dlg_store_set_error (store, rc, error);
  return NULL;
}

/**
 * dlg_position_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgPosition, in display order
 */
GListModel *
dlg_position_list (DlgStore  *store,
                   gint64     process_id,
                   GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_POSITION, (DlgRowFunc) from_row, error);
}

/**
 * dlg_position_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_position_delete (DlgStore  *store,
                     gint64     id,
                     GError   **error)
{
  g_autoptr(DlgPosition) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_position_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->recommendation_id,
                                   _("The recommendation does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RESPONSE, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!before_delete (store, self, process_id, error))
    goto fail;
  label = journal_label (store, self);
  summary = g_strdup_printf (_("Position withdrawn on recommendation %s."), label);
  if (!dlg_journal_append (store, process_id, "position.delete", "position", self->uuid, summary,
                           error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_POSITION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
