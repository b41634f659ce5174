/* dlg-response.c — the institution's argued response, one per process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgResponse is a snapshot of its row (keyed by its process): setters change the object
 * only, dlg_response_save() writes it with its journal entry in one transaction, then emits
 * DlgStore::changed::DlgResponse.
 */

#define G_LOG_DOMAIN "dlg-response"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-response.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

#define MAX_INTRO_LENGTH 100000

struct _DlgResponse
{
  GObject  parent_instance;

  gint64   process_id;
  char    *uuid;
  char    *intro;
  char    *published_at;
  char    *sync_state;
  char    *etag;
  gint64   rev;
  gboolean saved;
};

G_DEFINE_FINAL_TYPE (DlgResponse, dlg_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROCESS_ID,
  PROP_UUID,
  PROP_INTRO,
  PROP_PUBLISHED_AT,
  PROP_SYNC_STATE,
  PROP_ETAG,
  PROP_REV,
  PROP_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char sql_load[] =
  "SELECT process_id, uuid, intro, published_at, sync_state, etag, rev FROM response"
  " WHERE process_id = ?1";
static const char sql_insert[] =
  "INSERT INTO response (process_id, uuid, intro, published_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_update[] =
  "UPDATE response SET intro = ?2, published_at = ?3,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE process_id = ?1";
static const char sql_delete[] = "DELETE FROM response WHERE process_id = ?1";
static const char sql_process[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_response_finalize (GObject *object)
{
  DlgResponse *self = (DlgResponse *)object;

  g_free (self->uuid);
  g_free (self->intro);
  g_free (self->published_at);
  g_free (self->sync_state);
  g_free (self->etag);

  G_OBJECT_CLASS (dlg_response_parent_class)->finalize (object);
}

static void
dlg_response_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DlgResponse *self = DLG_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, self->process_id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_INTRO:
      g_value_set_string (value, self->intro);
      break;
    case PROP_PUBLISHED_AT:
      g_value_set_string (value, self->published_at);
      break;
    case PROP_SYNC_STATE:
      g_value_set_string (value, self->sync_state);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_REV:
      g_value_set_int64 (value, self->rev);
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, self->saved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_response_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DlgResponse *self = DLG_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_INTRO:
      dlg_response_set_intro (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED_AT:
      dlg_response_set_published_at (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_response_class_init (DlgResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_response_finalize;
  object_class->get_property = dlg_response_get_property;
  object_class->set_property = dlg_response_set_property;

  properties[PROP_PROCESS_ID] =
    g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_INTRO] = g_param_spec_string ("intro", NULL, NULL, "", rw);
  properties[PROP_PUBLISHED_AT] = g_param_spec_string ("published-at", NULL, NULL, NULL, rw);
  properties[PROP_SYNC_STATE] = g_param_spec_string ("sync-state", NULL, NULL, NULL, ro);
  properties[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, ro);
  properties[PROP_REV] = g_param_spec_int64 ("rev", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_response_init (DlgResponse *self)
{
  self->intro = g_strdup ("");
  self->sync_state = g_strdup ("created");
}

/**
 * dlg_response_new:
 *
 * Returns: (transfer full): a new, unsaved response of @process_id
 */
DlgResponse *
dlg_response_new (gint64 process_id)
{
  DlgResponse *self = g_object_new (DLG_TYPE_RESPONSE, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_response_get_process_id (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), 0);

  return self->process_id;
}

const char *
dlg_response_get_uuid (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);

  return self->uuid;
}

const char *
dlg_response_get_intro (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);

  return self->intro;
}

const char *
dlg_response_get_published_at (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);

  return self->published_at;
}

const char *
dlg_response_get_sync_state (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);

  return self->sync_state;
}

const char *
dlg_response_get_etag (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);

  return self->etag;
}

gint64
dlg_response_get_rev (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), 0);

  return self->rev;
}

gboolean
dlg_response_get_saved (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), FALSE);

  return self->saved;
}

void
dlg_response_set_intro (DlgResponse *self,
                        const char  *intro)
{
  g_return_if_fail (DLG_IS_RESPONSE (self));

  if (intro == NULL)
    intro = "";
  if (g_strcmp0 (self->intro, intro) == 0)
    return;
  g_free (self->intro);
  self->intro = g_strdup (intro);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTRO]);
}

void
dlg_response_set_published_at (DlgResponse *self,
                               const char  *published_at)
{
  g_return_if_fail (DLG_IS_RESPONSE (self));

  if (published_at != NULL && *published_at == '\0')
    published_at = NULL;
  if (g_strcmp0 (self->published_at, published_at) == 0)
    return;
  g_free (self->published_at);
  self->published_at = g_strdup (published_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED_AT]);
}

static void
read_row (DlgResponse  *self,
          sqlite3_stmt *stmt)
{
  self->process_id = sqlite3_column_int64 (stmt, 0);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, 1);
  g_free (self->intro);
  self->intro = g_strdup (dlg_stmt_get_text (stmt, 2));
  g_free (self->published_at);
  self->published_at = dlg_stmt_dup_text (stmt, 3);
  g_free (self->sync_state);
  self->sync_state = dlg_stmt_dup_text (stmt, 4);
  g_free (self->etag);
  self->etag = dlg_stmt_dup_text (stmt, 5);
  self->rev = sqlite3_column_int64 (stmt, 6);
  self->saved = TRUE;
}

static DlgResponse *
from_row (sqlite3_stmt *stmt)
{
  DlgResponse *self = g_object_new (DLG_TYPE_RESPONSE, NULL);

  read_row (self, stmt);
  return self;
}

/* The row of @process_id: 1 and @self filled in, 0 when there is none, -1 on error. */
static int
load_row (DlgStore     *store,
          gint64        process_id,
          DlgResponse **self,
          GError      **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (!(stmt = dlg_store_prepare (store, sql_load, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *self = from_row (stmt);
      return 1;
    }
  if (rc == SQLITE_DONE)
    return 0;
  dlg_store_set_error (store, rc, error);
  return -1;
}

/* What the journal follows of a response (dlg_journal_note_changes). */
static const char * const journaled_properties[] = { "intro", NULL };

/**
 * dlg_response_save:
 *
 * Validates and writes the response (INSERT the first time, with a new uuid; UPDATE then),
 * journaled as "response.create" or "response.update"; a synced response is marked modified.
 */
gboolean
dlg_response_save (DlgStore     *store,
                   DlgResponse  *response,
                   GError      **error)
{
  g_autoptr(DlgResponse) before = NULL;
  DlgResponse *self = response;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *uuid = NULL;
  gboolean inserting;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_RESPONSE (self), FALSE);

  if (dlg_lookup_process (store, sql_process, self->process_id, _("The process does not exist."),
                          error) == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, self->process_id, DLG_STAGE_RESPONSE, error))
    return FALSE;
  if (!dlg_check_text (self->intro, FALSE, MAX_INTRO_LENGTH, _("introduction"), NULL, error))
    return FALSE;
  if (!dlg_check_date (self->published_at, FALSE, _("published at"), NULL, error))
    return FALSE;

  inserting = !self->saved;
  if (!dlg_store_begin (store, error))
    return FALSE;
  before = inserting ? NULL : dlg_response_load (store, self->process_id, NULL);
  if (inserting)
    {
      uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->process_id);
      dlg_stmt_bind_text (stmt, 2, uuid);
      dlg_stmt_bind_text (stmt, 3, self->intro);
      dlg_stmt_bind_text (stmt, 4, self->published_at);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->process_id);
      dlg_stmt_bind_text (stmt, 2, self->intro);
      dlg_stmt_bind_text (stmt, 3, self->published_at);
    }
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!inserting && sqlite3_changes (dlg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This item was deleted meanwhile: nothing was saved."));
      goto fail;
    }
  if (inserting
      ? !dlg_journal_append_full (store, self->process_id, "response.create", "response", uuid,
                                  "response", NULL, NULL, NULL, _("Response drafted."), error)
      : before != NULL
        && !dlg_journal_note_changes (store, self->process_id, "response.update", "response",
                                      self->uuid, "response", G_OBJECT (before),
                                      G_OBJECT (self), journaled_properties,
                                      _("Response changed."), error))
    goto fail;
  if (!(reload = dlg_store_prepare (store, sql_load, error)))
    goto fail;
  sqlite3_bind_int64 (reload, 1, self->process_id);
  if (sqlite3_step (reload) != SQLITE_ROW)
    {
      dlg_store_set_error (store, sqlite3_errcode (dlg_store_get_db (store)), error);
      goto fail;
    }
  read_row (self, reload);
  if (!dlg_store_commit (store, error))
    {
      self->saved = !inserting;
      return FALSE;
    }
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  dlg_store_emit_changed (store, DLG_TYPE_RESPONSE, self->process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_response_load:
 *
 * Returns: (transfer full): the response of @process_id, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgResponse *
dlg_response_load (DlgStore  *store,
                   gint64     process_id,
                   GError   **error)
{
  DlgResponse *self = NULL;
  int found;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  found = load_row (store, process_id, &self, error);
  if (found == 0)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This process has no response yet."));
  return self;
}

/**
 * dlg_response_load_for:
 *
 * Returns: (transfer full): the response of @process_id, or a new unsaved one; %NULL with
 *   %DLG_ERROR_NOT_FOUND when the process does not exist
 */
DlgResponse *
dlg_response_load_for (DlgStore  *store,
                       gint64     process_id,
                       GError   **error)
{
  DlgResponse *self = NULL;
  int found;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_lookup_process (store, sql_process, process_id, _("The process does not exist."),
                          error) == 0)
    return NULL;
  found = load_row (store, process_id, &self, error);
  if (found == 0)
    return dlg_response_new (process_id);
  return self;
}

/**
 * dlg_response_list:
 *
 * Returns: (transfer full): a #GListModel holding the response of @process_id, if any
 */
GListModel *
dlg_response_list (DlgStore  *store,
                   gint64     process_id,
                   GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DLG_TYPE_RESPONSE);
  g_autoptr(DlgResponse) self = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (load_row (store, process_id, &self, error) < 0)
    return NULL;
  if (self != NULL)
    g_list_store_append (list, self);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * dlg_response_delete:
 *
 * Deletes the response of @process_id (the positions stay), journaled as "response.delete".
 */
gboolean
dlg_response_delete (DlgStore  *store,
                     gint64     process_id,
                     GError   **error)
{
  g_autoptr(DlgResponse) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_response_load (store, process_id, error)))
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RESPONSE, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!dlg_journal_append (store, process_id, "response.delete", "response", self->uuid,
                           _("Response deleted."), error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_RESPONSE, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
