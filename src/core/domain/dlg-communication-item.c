/* dlg-communication-item.c — a planned or done communication action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgCommunicationItem is a snapshot of its row: setters change the object only,
 * dlg_communication_item_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgCommunicationItem.
 */

#define G_LOG_DOMAIN "dlg-communication-item"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-communication-item.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgCommunicationItem
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  char *stage;
  char *channel;
  char *planned_at;
  char *title;
  char *status;
  char *notes;
};

G_DEFINE_FINAL_TYPE (DlgCommunicationItem, dlg_communication_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_STAGE,
  PROP_CHANNEL,
  PROP_PLANNED_AT,
  PROP_TITLE,
  PROP_STATUS,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.stage, t.channel, t.planned_at, t.title," \
  " t.status, t.notes FROM communication_item t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY planned_at IS NULL, planned_at, id";
static const char sql_insert[] =
  "INSERT INTO communication_item (uuid, process_id, stage, channel, planned_at, title,"
  " status, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_update[] =
  "UPDATE communication_item SET stage = ?2, channel = ?3, planned_at = ?4, title = ?5,"
  " status = ?6, notes = ?7 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM communication_item WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_communication_item_finalize (GObject *object)
{
  DlgCommunicationItem *self = (DlgCommunicationItem *)object;

  g_free (self->uuid);
  g_free (self->stage);
  g_free (self->channel);
  g_free (self->planned_at);
  g_free (self->title);
  g_free (self->status);
  g_free (self->notes);

  G_OBJECT_CLASS (dlg_communication_item_parent_class)->finalize (object);
}

static void
dlg_communication_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DlgCommunicationItem *self = DLG_COMMUNICATION_ITEM (object);

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
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;
    case PROP_PLANNED_AT:
      g_value_set_string (value, self->planned_at);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_communication_item_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DlgCommunicationItem *self = DLG_COMMUNICATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      dlg_communication_item_set_stage (self, g_value_get_string (value));
      break;
    case PROP_CHANNEL:
      dlg_communication_item_set_channel (self, g_value_get_string (value));
      break;
    case PROP_PLANNED_AT:
      dlg_communication_item_set_planned_at (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      dlg_communication_item_set_title (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      dlg_communication_item_set_status (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      dlg_communication_item_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_communication_item_class_init (DlgCommunicationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_communication_item_finalize;
  object_class->get_property = dlg_communication_item_get_property;
  object_class->set_property = dlg_communication_item_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, NULL, rw);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, "site", rw);
  properties[PROP_PLANNED_AT] = g_param_spec_string ("planned-at", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, "planned", rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_communication_item_init (DlgCommunicationItem *self)
{
  self->channel = g_strdup ("site");
  self->title = g_strdup ("");
  self->status = g_strdup ("planned");
  self->notes = g_strdup ("");
}

/**
 * dlg_communication_item_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgCommunicationItem *
dlg_communication_item_new (gint64 process_id)
{
  DlgCommunicationItem *self = g_object_new (DLG_TYPE_COMMUNICATION_ITEM, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_communication_item_get_id (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), 0);

  return self->id;
}

const char *
dlg_communication_item_get_uuid (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);

  return self->uuid;
}

gint64
dlg_communication_item_get_process_id (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), 0);

  return self->process_id;
}

const char *
dlg_communication_item_get_stage (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);

  return self->stage;
}

const char *
dlg_communication_item_get_channel (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);

  return self->channel;
}

const char *
dlg_communication_item_get_planned_at (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);

  return self->planned_at;
}

const char *
dlg_communication_item_get_title (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);

  return self->title;
}

const char *
dlg_communication_item_get_status (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);

  return self->status;
}

const char *
dlg_communication_item_get_notes (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);

  return self->notes;
}

void
dlg_communication_item_set_stage (DlgCommunicationItem *self,
                                  const char           *stage)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_ITEM (self));

  if (g_strcmp0 (self->stage, stage) == 0)
    return;
  g_free (self->stage);
  self->stage = g_strdup (stage);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

void
dlg_communication_item_set_channel (DlgCommunicationItem *self,
                                    const char           *channel)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_ITEM (self));

  if (g_strcmp0 (self->channel, channel) == 0)
    return;
  g_free (self->channel);
  self->channel = g_strdup (channel);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

void
dlg_communication_item_set_planned_at (DlgCommunicationItem *self,
                                       const char           *planned_at)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_ITEM (self));

  if (g_strcmp0 (self->planned_at, planned_at) == 0)
    return;
  g_free (self->planned_at);
  self->planned_at = g_strdup (planned_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED_AT]);
}

void
dlg_communication_item_set_title (DlgCommunicationItem *self,
                                  const char           *title)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_ITEM (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlg_communication_item_set_status (DlgCommunicationItem *self,
                                   const char           *status)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_ITEM (self));

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
dlg_communication_item_set_notes (DlgCommunicationItem *self,
                                  const char           *notes)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_ITEM (self));

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
read_row (DlgCommunicationItem *self,
          sqlite3_stmt         *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->stage);
  self->stage = dlg_stmt_dup_text (stmt, col++);
  g_free (self->channel);
  self->channel = dlg_stmt_dup_text (stmt, col++);
  g_free (self->planned_at);
  self->planned_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->title);
  self->title = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->status);
  self->status = dlg_stmt_dup_text (stmt, col++);
  g_free (self->notes);
  self->notes = g_strdup (dlg_stmt_get_text (stmt, col++));
}

static DlgCommunicationItem *
from_row (sqlite3_stmt *stmt)
{
  DlgCommunicationItem *self = g_object_new (DLG_TYPE_COMMUNICATION_ITEM, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgCommunicationItem *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgCommunicationItem *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This communication item does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static gboolean
validate (DlgStore              *store,
          DlgCommunicationItem  *self,
          gint64                 process_id,
          GError               **error)
{
  if (!dlg_check_stage (self->stage, error))
    return FALSE;
  if (!dlg_check_enum (self->channel, &dlg_vocabulary_communication_channel, FALSE,
                       _("This communication channel is unknown."), error))
    return FALSE;
  if (!dlg_check_date (self->planned_at, FALSE, _("planned date"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->title, TRUE, 500, _("title"), _("A communication item needs a title."),
                       error))
    return FALSE;
  if (!dlg_check_enum (self->status, &dlg_vocabulary_communication_status, FALSE,
                       _("The status must be planned, done or cancelled."), error))
    return FALSE;
  if (!dlg_check_text (self->notes, FALSE, 0, _("notes"), NULL, error))
    return FALSE;
  return TRUE;
}

/**
 * dlg_communication_item_save:
 *
 * Validates @item and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_communication_item_save (DlgStore              *store,
                             DlgCommunicationItem  *item,
                             GError               **error)
{
  DlgCommunicationItem *self = item;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->stage);
      dlg_stmt_bind_text (stmt, 4, self->channel);
      dlg_stmt_bind_text (stmt, 5, self->planned_at);
      dlg_stmt_bind_text (stmt, 6, self->title);
      dlg_stmt_bind_text (stmt, 7, self->status);
      dlg_stmt_bind_text (stmt, 8, self->notes);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->stage);
      dlg_stmt_bind_text (stmt, 3, self->channel);
      dlg_stmt_bind_text (stmt, 4, self->planned_at);
      dlg_stmt_bind_text (stmt, 5, self->title);
      dlg_stmt_bind_text (stmt, 6, self->status);
      dlg_stmt_bind_text (stmt, 7, self->notes);
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
  dlg_store_emit_changed (store, DLG_TYPE_COMMUNICATION_ITEM, process_id);
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
 * dlg_communication_item_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgCommunicationItem *
dlg_communication_item_load (DlgStore  *store,
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
 * dlg_communication_item_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgCommunicationItem, in display order
 */
GListModel *
dlg_communication_item_list (DlgStore  *store,
                             gint64     process_id,
                             GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_COMMUNICATION_ITEM, (DlgRowFunc) from_row, error);
}

/**
 * dlg_communication_item_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_communication_item_delete (DlgStore  *store,
                               gint64     id,
                               GError   **error)
{
  g_autoptr(DlgCommunicationItem) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_communication_item_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_process_check_editable (store, process_id, error))
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

  dlg_store_emit_changed (store, DLG_TYPE_COMMUNICATION_ITEM, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
