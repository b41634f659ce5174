/* dlg-follow-up.c — a follow-up committee meeting, status report or participatory evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgFollowUp is a snapshot of its row: setters change the object only,
 * dlg_follow_up_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgFollowUp.
 */

#define G_LOG_DOMAIN "dlg-follow-up"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-follow-up.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgFollowUp
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  char *kind;
  char *dated;
  char *title;
  char *body;
  gboolean published;
};

G_DEFINE_FINAL_TYPE (DlgFollowUp, dlg_follow_up, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_KIND,
  PROP_DATED,
  PROP_TITLE,
  PROP_BODY,
  PROP_PUBLISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.kind, t.dated, t.title, t.body, t.published" \
  " FROM follow_up t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY dated DESC, id DESC";
static const char sql_insert[] =
  "INSERT INTO follow_up (uuid, process_id, kind, dated, title, body, published) VALUES"
  " (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_update[] =
  "UPDATE follow_up SET kind = ?2, dated = ?3, title = ?4, body = ?5, published = ?6"
  " WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM follow_up WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_follow_up_finalize (GObject *object)
{
  DlgFollowUp *self = (DlgFollowUp *)object;

  g_free (self->uuid);
  g_free (self->kind);
  g_free (self->dated);
  g_free (self->title);
  g_free (self->body);

  G_OBJECT_CLASS (dlg_follow_up_parent_class)->finalize (object);
}

static void
dlg_follow_up_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlgFollowUp *self = DLG_FOLLOW_UP (object);

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
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_DATED:
      g_value_set_string (value, self->dated);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_PUBLISHED:
      g_value_set_boolean (value, self->published);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_follow_up_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlgFollowUp *self = DLG_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      dlg_follow_up_set_kind (self, g_value_get_string (value));
      break;
    case PROP_DATED:
      dlg_follow_up_set_dated (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      dlg_follow_up_set_title (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      dlg_follow_up_set_body (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED:
      dlg_follow_up_set_published (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_follow_up_class_init (DlgFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_follow_up_finalize;
  object_class->get_property = dlg_follow_up_get_property;
  object_class->set_property = dlg_follow_up_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "meeting", rw);
  properties[PROP_DATED] = g_param_spec_string ("dated", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", rw);
  properties[PROP_PUBLISHED] = g_param_spec_boolean ("published", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_follow_up_init (DlgFollowUp *self)
{
  self->kind = g_strdup ("meeting");
  self->title = g_strdup ("");
  self->body = g_strdup ("");
}

/**
 * dlg_follow_up_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgFollowUp *
dlg_follow_up_new (gint64 process_id)
{
  DlgFollowUp *self = g_object_new (DLG_TYPE_FOLLOW_UP, NULL);

  self->process_id = process_id;
  self->dated = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_follow_up_get_id (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), 0);

  return self->id;
}

const char *
dlg_follow_up_get_uuid (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);

  return self->uuid;
}

gint64
dlg_follow_up_get_process_id (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), 0);

  return self->process_id;
}

const char *
dlg_follow_up_get_kind (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);

  return self->kind;
}

const char *
dlg_follow_up_get_dated (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);

  return self->dated;
}

const char *
dlg_follow_up_get_title (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);

  return self->title;
}

const char *
dlg_follow_up_get_body (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);

  return self->body;
}

gboolean
dlg_follow_up_get_published (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), FALSE);

  return self->published;
}

void
dlg_follow_up_set_kind (DlgFollowUp *self,
                        const char  *kind)
{
  g_return_if_fail (DLG_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->kind, kind) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
dlg_follow_up_set_dated (DlgFollowUp *self,
                         const char  *dated)
{
  g_return_if_fail (DLG_IS_FOLLOW_UP (self));

  if (g_strcmp0 (self->dated, dated) == 0)
    return;
  g_free (self->dated);
  self->dated = g_strdup (dated);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATED]);
}

void
dlg_follow_up_set_title (DlgFollowUp *self,
                         const char  *title)
{
  g_return_if_fail (DLG_IS_FOLLOW_UP (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlg_follow_up_set_body (DlgFollowUp *self,
                        const char  *body)
{
  g_return_if_fail (DLG_IS_FOLLOW_UP (self));

  if (body == NULL)
    body = "";
  if (g_strcmp0 (self->body, body) == 0)
    return;
  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

void
dlg_follow_up_set_published (DlgFollowUp *self,
                             gboolean     published)
{
  g_return_if_fail (DLG_IS_FOLLOW_UP (self));

  published = !!published;
  if (self->published == published)
    return;
  self->published = published;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgFollowUp  *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->kind);
  self->kind = dlg_stmt_dup_text (stmt, col++);
  g_free (self->dated);
  self->dated = dlg_stmt_dup_text (stmt, col++);
  g_free (self->title);
  self->title = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->body);
  self->body = g_strdup (dlg_stmt_get_text (stmt, col++));
  self->published = sqlite3_column_int (stmt, col++) != 0;
}

static DlgFollowUp *
from_row (sqlite3_stmt *stmt)
{
  DlgFollowUp *self = g_object_new (DLG_TYPE_FOLLOW_UP, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgFollowUp *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgFollowUp *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This follow-up does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static gboolean
validate (DlgStore     *store,
          DlgFollowUp  *self,
          gint64        process_id,
          GError      **error)
{
  if (!dlg_check_enum (self->kind, &dlg_vocabulary_follow_up_kind, FALSE,
                       _("A follow-up is a meeting, a report or an evaluation."), error))
    return FALSE;
  if (!dlg_check_date (self->dated, TRUE, _("date"), _("A follow-up needs a date."), error))
    return FALSE;
  if (!dlg_check_text (self->title, TRUE, 500, _("title"), _("A follow-up needs a title."), error))
    return FALSE;
  if (!dlg_check_text (self->body, FALSE, 0, _("text"), NULL, error))
    return FALSE;
  return TRUE;
}

/* What the journal follows of a follow up (dlg_journal_note_changes). */
static const char * const journaled_properties[] = {
  "kind", "dated", "title", "body", "published", NULL
};

/**
 * dlg_follow_up_save:
 *
 * Validates @follow_up and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_follow_up_save (DlgStore     *store,
                    DlgFollowUp  *follow_up,
                    GError      **error)
{
  g_autoptr(DlgFollowUp) before = NULL;
  DlgFollowUp *self = follow_up;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *summary = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_FOLLOW_UP, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  before = inserting ? NULL : dlg_follow_up_load (store, self->id, NULL);
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->kind);
      dlg_stmt_bind_text (stmt, 4, self->dated);
      dlg_stmt_bind_text (stmt, 5, self->title);
      dlg_stmt_bind_text (stmt, 6, self->body);
      sqlite3_bind_int (stmt, 7, self->published);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->kind);
      dlg_stmt_bind_text (stmt, 3, self->dated);
      dlg_stmt_bind_text (stmt, 4, self->title);
      dlg_stmt_bind_text (stmt, 5, self->body);
      sqlite3_bind_int (stmt, 6, self->published);
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
  summary = g_strdup_printf (inserting ? _("Follow-up recorded: “%s”.")
                             : _("Follow-up changed: “%s”."), self->title);
  if (inserting
      ? !dlg_journal_append_full (store, process_id, "follow_up.create", "follow_up", self->uuid,
                                  "follow_up", NULL, NULL, NULL, summary, error)
      : before != NULL
        && !dlg_journal_note_changes (store, process_id, "follow_up.update", "follow_up",
                                      self->uuid, "follow_up", G_OBJECT (before),
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
  dlg_store_emit_changed (store, DLG_TYPE_FOLLOW_UP, process_id);
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
 * dlg_follow_up_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgFollowUp *
dlg_follow_up_load (DlgStore  *store,
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
 * dlg_follow_up_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgFollowUp, in display order
 */
GListModel *
dlg_follow_up_list (DlgStore  *store,
                    gint64     process_id,
                    GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_FOLLOW_UP, (DlgRowFunc) from_row, error);
}

/**
 * dlg_follow_up_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_follow_up_delete (DlgStore  *store,
                      gint64     id,
                      GError   **error)
{
  g_autoptr(DlgFollowUp) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_follow_up_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_FOLLOW_UP, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  summary = g_strdup_printf (_("Follow-up deleted: “%s”."), self->title);
  if (!dlg_journal_append (store, process_id, "follow_up.delete", "follow_up", self->uuid, summary,
                           error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_FOLLOW_UP, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
